//! Documents: the project's record of a file, and its loaded canonical text.

use crate::model::decode::{Decoded, LineEndings};
use crate::model::ids::DocumentId;
use crate::model::text::CanonicalText;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Attribute keys with a meaning in the interface and in citations.
pub mod attribute {
    pub const TITLE: &str = "title";
    pub const OUTLET: &str = "outlet";
    pub const DATE: &str = "date";
    pub const AUTHOR: &str = "author";
}

/// What the project file stores about a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
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

    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

/// A document's text as read from disk, with what was found while decoding it.
#[derive(Clone, Debug)]
pub struct LoadedText {
    pub text: CanonicalText,
    pub encoding: String,
    pub line_endings: LineEndings,
    pub had_replacements: bool,
    /// SHA-256 of the raw file bytes, lowercase hex.
    pub sha256: String,
    pub size_bytes: u64,
}

impl LoadedText {
    pub fn from_decoded(decoded: Decoded, raw_bytes: &[u8]) -> Self {
        Self {
            text: decoded.text,
            encoding: decoded.encoding,
            line_endings: decoded.line_endings,
            had_replacements: decoded.had_replacements,
            sha256: sha256_hex(raw_bytes),
            size_bytes: raw_bytes.len() as u64,
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
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
