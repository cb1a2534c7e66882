//! Documents: the project's record of a file, and its loaded canonical text.

use crate::model::decode::{Decoded, LineEndings};
use crate::model::ids::DocumentId;
use crate::model::structure::DocumentStructure;
use crate::model::text::CanonicalText;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Attribute keys with a meaning in the interface and in citations.
pub mod attribute {
    /// The document's title, shown in lists and citations; without it the file
    /// name (minus extension) stands in.
    pub const TITLE: &str = "title";
    /// Where the text was published (newspaper, site, broadcaster).
    pub const OUTLET: &str = "outlet";
    /// Publication date, ISO 8601 (`YYYY-MM-DD`) so that it sorts as text; its
    /// first four digits also give the `year` of the retrieval filter.
    pub const DATE: &str = "date";
    /// Who wrote the text.
    pub const AUTHOR: &str = "author";
}

/// What the project file stores about a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Annotations refer to the document by this id, so renaming or moving the
    /// file (and updating `path`) keeps them.
    pub id: DocumentId,
    /// Path relative to the project file's folder, `/`-separated.
    pub path: String,
    /// SHA-256 of the file's bytes when it was last read, lowercase hex.
    #[serde(default)]
    pub sha256: String,
    /// Free key → value attributes (title, outlet, date, author, ...).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

impl DocumentRecord {
    /// A record of the file at `path` (relative, `/`-separated) with checksum
    /// `sha256`, a new random id and no attributes.
    pub fn new(path: &str, sha256: &str) -> Self {
        Self {
            id: DocumentId::generate(),
            path: path.to_string(),
            sha256: sha256.to_string(),
            attributes: BTreeMap::new(),
        }
    }

    /// The title attribute, else the file name without extension.
    pub fn title(&self) -> &str {
        match self.attributes.get(attribute::TITLE) {
            Some(title) if !title.trim().is_empty() => title,
            _ => {
                let name = self.path.rsplit('/').next().unwrap_or(&self.path);
                name.rsplit_once('.').map_or(name, |(stem, _)| stem)
            }
        }
    }

    /// The value of attribute `key` exactly as stored, if the document has it
    /// (no `year` fallback: see [`crate::model::query::document_attribute`]).
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

/// A document's text as read from disk, with what was found while decoding it.
#[derive(Clone, Debug)]
pub struct LoadedText {
    /// The canonical text; every offset of the document's annotations counts its chars.
    pub text: CanonicalText,
    /// Encoding the file was decoded from, as WHATWG names it (e.g. `UTF-8`, `windows-1250`).
    pub encoding: String,
    /// Line endings of the file before they were turned into LF.
    pub line_endings: LineEndings,
    /// True when invalid bytes were replaced by U+FFFD while decoding.
    pub had_replacements: bool,
    /// How many invalid byte sequences were replaced by U+FFFD while decoding.
    pub replacements: usize,
    /// SHA-256 of the raw file bytes, lowercase hex.
    pub sha256: String,
    /// Size of the raw file in bytes (for a text made in memory, of its normalised text).
    pub size_bytes: u64,
    /// Pages, headings, notes, styles and metadata of the text (its source format).
    pub structure: DocumentStructure,
}

impl LoadedText {
    /// The loaded text of a decoded file; `raw_bytes` are the file's bytes as read,
    /// for the checksum and the size.
    pub fn from_decoded(decoded: Decoded, raw_bytes: &[u8]) -> Self {
        Self {
            text: decoded.text,
            encoding: decoded.encoding,
            line_endings: decoded.line_endings,
            had_replacements: decoded.had_replacements,
            replacements: decoded.replacements,
            sha256: sha256_hex(raw_bytes),
            size_bytes: raw_bytes.len() as u64,
            structure: DocumentStructure::default(),
        }
    }

    /// A text made in memory (tests, benchmarks, imports).
    pub fn from_string(text: &str) -> Self {
        let (normalised, line_endings) = crate::model::decode::normalise_line_endings(text);
        Self {
            sha256: sha256_hex(normalised.as_bytes()),
            size_bytes: normalised.len() as u64,
            text: CanonicalText::new(normalised),
            encoding: "UTF-8".into(),
            line_endings,
            had_replacements: false,
            replacements: 0,
            structure: DocumentStructure::default(),
        }
    }
}

/// SHA-256 of `bytes` as 64 lowercase hex digits (the form the project file stores).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
