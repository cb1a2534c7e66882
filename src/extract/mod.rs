//! Source documents that are not plain text (PDF, Word, OpenDocument, HTML,
//! EPUB, RTF) → their canonical text and its [`DocumentStructure`] (pages,
//! headings, notes, metadata); and the structure of texts that are read as
//! they are (Markdown styles, footnote blocks in plain text).
//!
//! Pure like `model`: bytes in, text out, no files (storage reads the bytes and
//! keeps the extraction cache). The same bytes always give the same text: an
//! extractor whose output changes bumps its [`extractor_version`], and storage
//! re-anchors the codings of a document whose text changed.

pub mod archive;
pub mod builder;
pub mod docx;
pub mod epub;
pub mod extracted;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod notes;
pub mod odt;
mod pdf;
mod pdf_cmap;
mod pdf_layout;
mod traced;

pub use extracted::{ExtractError, Extracted};

use crate::model::document::attribute;
use crate::model::structure::{DocumentStructure, SourceFormat};

/// File name endings of the documents Gloss reads (those
/// [`SourceFormat::from_file_name`] names), for file dialogs.
pub const DOCUMENT_EXTENSIONS: [&str; 11] = [
    "txt", "md", "markdown", "pdf", "docx", "odt", "html", "htm", "xhtml", "epub", "rtf",
];

/// The format's name in messages.
pub fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::PlainText => "plain text",
        SourceFormat::Markdown => "Markdown",
        SourceFormat::Pdf => "PDF",
        SourceFormat::Docx => "Word (.docx)",
        SourceFormat::Odt => "OpenDocument (.odt)",
        SourceFormat::Html => "HTML",
        SourceFormat::Epub => "EPUB",
        SourceFormat::Rtf => "RTF",
    }
}

/// The version of the extractor of `format`: part of the extraction cache's key.
/// Bump it whenever the extractor's text for the same bytes changes.
pub fn extractor_version(format: SourceFormat) -> u32 {
    match format {
        SourceFormat::PlainText
        | SourceFormat::Markdown
        | SourceFormat::Docx
        | SourceFormat::Odt
        | SourceFormat::Html
        | SourceFormat::Epub
        | SourceFormat::Rtf => 1,
        // 2: the map back to the raw text (`SourceMap`); no space where CJK lines join.
        SourceFormat::Pdf => 2,
    }
}

/// Extracts the text of a file of `format` from its bytes. Text formats
/// (plain text, Markdown) are decoded by `model::decode`, not here.
/// One arm per format: each extractor lives in its own file.
pub fn extract(format: SourceFormat, bytes: &[u8]) -> Result<Extracted, ExtractError> {
    match format {
        SourceFormat::Docx => docx::extract_docx(bytes),
        SourceFormat::Odt => odt::extract_odt(bytes),
        SourceFormat::Html => html::extract_html(bytes),
        SourceFormat::Epub => epub::extract_epub(bytes),
        // RTF: no maintained crate reads it well enough (docs/documents.md).
        SourceFormat::Pdf => pdf::extract(bytes),
        _ => Err(ExtractError::NotSupported {
            format: format_name(format),
        }),
    }
}

/// The document attributes a file's metadata gives (`title`, `author`,
/// `date`), values that say something only (see [`metadata::attribute_value`]):
/// set on a document when it is first added.
pub fn metadata_attributes(structure: &DocumentStructure) -> Vec<(String, String)> {
    [attribute::TITLE, attribute::AUTHOR, attribute::DATE]
        .into_iter()
        .filter_map(|key| {
            let value = structure
                .metadata
                .iter()
                .filter(|(name, _)| name == key)
                .find_map(|(_, value)| metadata::attribute_value(key, value))?;
            Some((key.to_owned(), value))
        })
        .collect()
}

/// The structure of a text read as it is (plain text or Markdown): Markdown
/// headings and styles, footnote blocks. Offsets are those of `text`.
pub fn text_structure(format: SourceFormat, text: &str) -> DocumentStructure {
    match format {
        SourceFormat::Markdown => markdown::markdown_structure(text),
        _ => DocumentStructure {
            notes: notes::footnote_blocks(text),
            ..DocumentStructure::of_format(format)
        },
    }
}
