//! Reading the zip archives that Word, OpenDocument and EPUB files are, within
//! a budget: an entry's size, its compression ratio (zip bombs) and the total
//! read are bounded before anything is decompressed past them, and every XML
//! part is parsed without a DTD and with a node limit (entity and node floods).
//! The same idea as `import::limits`, with limits sized for one document.

use crate::extract::extracted::ExtractError;
use std::io::{Cursor, Read};

/// Largest uncompressed size of one part of a document (its main XML, a
/// chapter): 256 MiB, far more than the XML of a 2,000-page book.
pub const MAX_PART_BYTES: u64 = 256 * MIB;

/// Largest uncompressed size of all the parts read from one document: 1 GiB.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * MIB;

/// Largest ratio of a part's uncompressed to its compressed size. XML
/// compresses 5–20 times; a zip bomb hundreds or thousands of times.
pub const MAX_COMPRESSION_RATIO: u64 = 100;

/// Parts up to this uncompressed size are never refused for their ratio: 1 MiB.
pub const RATIO_FREE_BYTES: u64 = MIB;

/// Most nodes one XML part may have: 20 million.
pub const MAX_XML_NODES: u32 = 20_000_000;

const MIB: u64 = 1 << 20;

/// An opened archive and what has been read from it so far.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    read_bytes: u64,
}

impl<'a> Archive<'a> {
    /// Opens the zip in `bytes`; `format` names the document's format in errors.
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Self, ExtractError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
            if matches!(error, zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt"))
            {
                ExtractError::Encrypted
            } else {
                malformed(format, format!("not a zip archive ({error})"))
            }
        })?;
        Ok(Self {
            zip,
            format,
            read_bytes: 0,
        })
    }

    /// The error of a damaged document of this archive's format.
    pub fn malformed(&self, message: impl Into<String>) -> ExtractError {
        malformed(self.format, message.into())
    }

    /// The bytes of the part `name`, or `None` if the archive has no such part.
    /// Refuses a part that is too large, compressed suspiciously well, encrypted,
    /// or that would take the document past its total budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let format = self.format;
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("ncrypt") => {
                return Err(ExtractError::Encrypted);
            }
            Err(error) => return Err(malformed(format, format!("part {name}: {error}"))),
        };
        if entry.encrypted() {
            return Err(ExtractError::Encrypted);
        }
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        let budget = MAX_PART_BYTES.min(MAX_DOCUMENT_BYTES.saturating_sub(self.read_bytes));
        if declared > budget {
            return Err(too_large(format, name, declared));
        }
        if declared > RATIO_FREE_BYTES && declared / compressed > MAX_COMPRESSION_RATIO {
            return Err(malformed(
                format,
                format!(
                    "part {name} expands {} times (more than {MAX_COMPRESSION_RATIO}): \
                     refused as a possible zip bomb",
                    declared / compressed
                ),
            ));
        }
        // The declared size may lie: never read more than the budget allows.
        let ratio_cap = RATIO_FREE_BYTES.max(compressed.saturating_mul(MAX_COMPRESSION_RATIO));
        let cap = budget.min(ratio_cap);
        let mut bytes = Vec::with_capacity(usize::try_from(declared.min(cap)).unwrap_or(0));
        (&mut entry)
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| malformed(format, format!("part {name}: {error}")))?;
        let read = bytes.len() as u64;
        if read > cap {
            return Err(too_large(format, name, read));
        }
        self.read_bytes += read;
        Ok(Some(bytes))
    }

    /// The text of the part `name` as UTF-8 (a BOM dropped), if there is one.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec())
            .map(Some)
            .map_err(|_| self.malformed(format!("part {name} is not UTF-8")))
    }
}

/// Parses an XML part without a DTD and with at most [`MAX_XML_NODES`] nodes.
pub fn parse_xml<'t>(
    text: &'t str,
    format: &'static str,
    part: &str,
) -> Result<roxmltree::Document<'t>, ExtractError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .map_err(|error| malformed(format, format!("part {part}: {error}")))
}

fn too_large(format: &'static str, name: &str, bytes: u64) -> ExtractError {
    malformed(
        format,
        format!(
            "part {name} is larger than {} MiB uncompressed ({} MiB or more)",
            MAX_PART_BYTES / MIB,
            bytes / MIB
        ),
    )
}

fn malformed(format: &'static str, message: String) -> ExtractError {
    ExtractError::Malformed { format, message }
}
