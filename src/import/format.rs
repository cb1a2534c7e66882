//! The kinds of file Gloss imports, with the names the command line uses
//! (`--format qdpx`) and the labels a menu shows.

use std::fmt;
use std::str::FromStr;

/// What an import file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// A REFI-QDA project archive (NVivo, ATLAS.ti, MAXQDA, QualCoder, Gloss…).
    Qdpx,
    /// A REFI-QDA codebook.
    Qdc,
    /// A codebook CSV: Gloss's (topic, parent, colour, description) or Taguette's (tag, …).
    CodebookCsv,
    /// A Taguette highlights CSV (id, document, tag, content).
    Taguette,
}

impl ImportFormat {
    /// Every import format, in the order a command line's help and a menu list them.
    pub const ALL: [Self; 4] = [Self::Qdpx, Self::Qdc, Self::CodebookCsv, Self::Taguette];

    /// The stable name on the command line (`gloss import --format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Qdpx => "qdpx",
            Self::Qdc => "qdc",
            Self::CodebookCsv => "codebook-csv",
            Self::Taguette => "taguette",
        }
    }

    /// What the format is, in one sentence (command-line help).
    pub fn description(self) -> &'static str {
        match self {
            Self::Qdpx => "A REFI-QDA project archive (NVivo, ATLAS.ti, MAXQDA, QualCoder, Gloss…)",
            Self::Qdc => "A REFI-QDA codebook",
            Self::CodebookCsv => {
                "A codebook CSV: Gloss's (topic, parent, colour, description) or Taguette's (tag, …)"
            }
            Self::Taguette => "A Taguette highlights CSV (id, document, tag, content)",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Qdpx => "REFI-QDA project (.qdpx)…",
            Self::Qdc => "REFI-QDA codebook (.qdc)…",
            Self::CodebookCsv => "Codebook as CSV…",
            Self::Taguette => "Taguette highlights (CSV)…",
        }
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`ImportFormat::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown import format `{given}`; use one of: {}", valid_names())]
pub struct UnknownImportFormat {
    /// The name that was given.
    pub given: String,
}

/// The valid names, comma-separated.
fn valid_names() -> String {
    ImportFormat::ALL.map(ImportFormat::name).join(", ")
}

impl FromStr for ImportFormat {
    type Err = UnknownImportFormat;

    /// Reads a [`name`](Self::name) exactly.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|format| format.name() == text)
            .ok_or_else(|| UnknownImportFormat {
                given: text.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_unknown_names_list_the_valid_ones() {
        for format in ImportFormat::ALL {
            assert_eq!(format.name().parse::<ImportFormat>(), Ok(format));
        }
        let error = "xlsx".parse::<ImportFormat>().expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "unknown import format `xlsx`; use one of: qdpx, qdc, codebook-csv, taguette"
        );
    }
}
