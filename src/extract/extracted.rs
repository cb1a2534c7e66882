//! What an extractor returns: the text with its structure ([`Extracted`]), or
//! why it could not ([`ExtractError`]). In a file of their own so that each
//! extractor (`pdf.rs`…) and the dispatch in `mod.rs` use them without
//! depending on each other.

use crate::model::structure::DocumentStructure;

/// A document's extracted text and what is known about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// The canonical text: LF line ends, what the reader shows and offsets count.
    pub text: String,
    /// Pages, headings, notes, styles and metadata of `text`.
    pub structure: DocumentStructure,
}

/// Why a file's text could not be extracted (shown as the reason it is skipped).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// A PDF with pages but no text on them: a scan, needing OCR.
    #[error("a scanned PDF without a text layer (run OCR on it first)")]
    NoTextLayer,
    /// The file is encrypted or password-protected.
    #[error("encrypted or password-protected; save an unprotected copy to read it")]
    Encrypted,
    /// The file is damaged or not what its name says.
    #[error("cannot be read as {format}: {message}")]
    Malformed {
        /// The format the file claimed to be (its extension's).
        format: &'static str,
        /// What was wrong.
        message: String,
    },
    /// Gloss does not read this format (yet).
    #[error("{format} files are not read by this version of Gloss")]
    NotSupported {
        /// The format's name.
        format: &'static str,
    },
}
