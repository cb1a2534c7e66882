//! Access to a `.qdpx` archive: entries found by name case-insensitively, the
//! project file (`project.qde` or the only `*.qde`), and `internal://` texts
//! read only from inside the archive (no path is ever followed on disk).
//!
//! Every entry is read within the budget of [`crate::import::limits`]: its
//! declared sizes are checked before anything is unpacked, and the unpacked
//! bytes are counted while streaming (declared sizes may lie), so that a zip
//! bomb is refused after at most one entry limit's worth of memory.

use crate::import::error::ArchiveError;
use crate::import::limits::{
    MAX_ARCHIVE_BYTES, MAX_COMPRESSION_RATIO, MAX_ENTRY_BYTES, RATIO_FREE_BYTES,
};
use std::collections::HashMap;
use std::io::{Cursor, Read as _};

/// An open `.qdpx`, its entries found by name case-insensitively.
pub(super) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lowercased, `/`-separated name → index.
    names: HashMap<String, usize>,
    /// Index → the entry's name as stored (for messages).
    stored_names: Vec<String>,
    /// Bytes unpacked so far, for [`MAX_ARCHIVE_BYTES`].
    unpacked: u64,
}

/// Which limit an entry's size would pass first, if any.
fn limit_passed(
    size: u64,
    compressed: u64,
    unpacked_before: u64,
    entry: &str,
) -> Option<ArchiveError> {
    let entry = entry.to_owned();
    if size > MAX_ENTRY_BYTES {
        return Some(ArchiveError::EntryTooLarge { entry });
    }
    if size > RATIO_FREE_BYTES && size > compressed.saturating_mul(MAX_COMPRESSION_RATIO) {
        return Some(ArchiveError::CompressionRatio { entry, compressed });
    }
    if unpacked_before.saturating_add(size) > MAX_ARCHIVE_BYTES {
        return Some(ArchiveError::ArchiveTooLarge { entry });
    }
    None
}

impl<'a> Archive<'a> {
    /// Opens the archive and lists its entries.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, ArchiveError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))?;
        let mut names = HashMap::new();
        let mut stored_names = Vec::with_capacity(zip.len());
        for index in 0..zip.len() {
            let name = match zip.name_for_index(index) {
                Some(Ok(entry)) => entry.into_owned(),
                _ => String::new(),
            };
            names.insert(name.replace('\\', "/").to_lowercase(), index);
            stored_names.push(name);
        }
        Ok(Self {
            zip,
            names,
            stored_names,
            unpacked: 0,
        })
    }

    /// The bytes of an entry by index, within the limits.
    fn read_index(&mut self, index: usize) -> Result<Vec<u8>, ArchiveError> {
        let name = self.stored_names.get(index).cloned().unwrap_or_default();
        let entry = self.zip.by_index(index)?;
        let (declared, compressed) = (entry.size(), entry.compressed_size());
        if let Some(refusal) = limit_passed(declared, compressed, self.unpacked, &name) {
            return Err(refusal);
        }
        // The declared size may lie: read at most one byte past what any limit allows.
        let allowed = MAX_ENTRY_BYTES
            .min(MAX_ARCHIVE_BYTES.saturating_sub(self.unpacked))
            .min(
                compressed
                    .saturating_mul(MAX_COMPRESSION_RATIO)
                    .max(RATIO_FREE_BYTES),
            );
        let capacity = usize::try_from(declared.min(allowed)).unwrap_or(0);
        let mut bytes = Vec::with_capacity(capacity);
        entry
            .take(allowed.saturating_add(1))
            .read_to_end(&mut bytes)?;
        let size = bytes.len() as u64;
        if size > allowed {
            return Err(
                limit_passed(size, compressed, self.unpacked, &name).unwrap_or(
                    ArchiveError::EntryTooLarge {
                        entry: name.clone(),
                    },
                ),
            );
        }
        self.unpacked += size;
        Ok(bytes)
    }

    /// The bytes of an entry by lowercase name; `None` when there is none.
    fn read(&mut self, lowercase_name: &str) -> Option<Result<Vec<u8>, ArchiveError>> {
        let index = *self.names.get(lowercase_name)?;
        Some(self.read_index(index))
    }

    /// The bytes of `project.qde`, else of the only `*.qde` in the archive.
    pub(super) fn project_file(&mut self) -> Result<Vec<u8>, ArchiveError> {
        if let Some(&index) = self.names.get("project.qde") {
            return self.read_index(index);
        }
        let mut candidates: Vec<(&String, usize)> = self
            .names
            .iter()
            .filter(|(name, _)| name.ends_with(".qde"))
            .map(|(name, index)| (name, *index))
            .collect();
        candidates.sort();
        let index = match candidates.as_slice() {
            [(_, index)] => *index,
            [] => return Err(ArchiveError::NoProjectFile),
            many => {
                return Err(ArchiveError::SeveralProjectFiles(
                    many.iter().map(|(name, _)| (*name).clone()).collect(),
                ));
            }
        };
        self.read_index(index)
    }

    /// The bytes of an `internal://` text file (in `sources/`, any case);
    /// `None` when the archive does not hold it.
    pub(super) fn internal_file(&mut self, file: &str) -> Option<Result<Vec<u8>, ArchiveError>> {
        let file = file.replace('\\', "/").to_lowercase();
        let file = file.trim_start_matches('/');
        if file.split('/').any(|part| part == "..") {
            return Some(Err(ArchiveError::LeavesSources));
        }
        let candidate = format!("sources/{file}");
        if self.names.contains_key(&candidate) {
            return self.read(&candidate);
        }
        self.read(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_named_by_the_first_size_that_passes_it() {
        let big = MAX_ENTRY_BYTES + 1;
        assert!(matches!(
            limit_passed(big, big, 0, "a"),
            Some(ArchiveError::EntryTooLarge { .. })
        ));
        assert!(matches!(
            limit_passed(RATIO_FREE_BYTES * 2, 1000, 0, "a"),
            Some(ArchiveError::CompressionRatio {
                compressed: 1000,
                ..
            })
        ));
        assert!(limit_passed(RATIO_FREE_BYTES, 10, 0, "small and regular").is_none());
        assert!(matches!(
            limit_passed(
                MAX_ENTRY_BYTES,
                MAX_ENTRY_BYTES,
                MAX_ARCHIVE_BYTES - 10,
                "a"
            ),
            Some(ArchiveError::ArchiveTooLarge { .. })
        ));
    }
}
