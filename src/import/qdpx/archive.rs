//! Access to a `.qdpx` archive: entries found by name case-insensitively, the
//! project file (`project.qde` or the only `*.qde`), and `internal://` texts
//! read only from inside the archive (no path is ever followed on disk), each
//! entry read up to a size limit.

use crate::import::error::ArchiveError;
use std::collections::HashMap;
use std::io::{Cursor, Read as _};

/// Largest archive entry read (a guard against zip bombs).
const MAX_ENTRY_BYTES: u64 = 1 << 31;

/// An open `.qdpx`, its entries found by name case-insensitively.
pub(super) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lowercased, `/`-separated name → index.
    names: HashMap<String, usize>,
}

impl<'a> Archive<'a> {
    /// Opens the archive and lists its entries.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, ArchiveError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))?;
        let mut names = HashMap::new();
        for index in 0..zip.len() {
            if let Some(Ok(entry)) = zip.name_for_index(index) {
                names.insert(entry.replace('\\', "/").to_lowercase(), index);
            }
        }
        Ok(Self { zip, names })
    }

    /// The bytes of an entry by index.
    fn read_index(&mut self, index: usize) -> Result<Vec<u8>, ArchiveError> {
        let entry = self.zip.by_index(index)?;
        let mut bytes = Vec::new();
        entry.take(MAX_ENTRY_BYTES).read_to_end(&mut bytes)?;
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
