//! The export formats, with the names the command line uses
//! (`--format csv`), the labels the window's Export menu shows, file name
//! extensions and default file names.

use std::fmt;
use std::str::FromStr;

/// Every export format, for `gloss export --format` and the window's Export menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// One row per annotation, UTF-8 with BOM (opens in Excel and LibreOffice).
    Csv,
    /// One row per annotation in an Excel workbook.
    Xlsx,
    /// Readable report grouped by topic then document (Markdown).
    Md,
    /// Readable report grouped by topic then document (one self-contained HTML file).
    Html,
    /// One JSON object per annotation per line.
    Jsonl,
    /// W3C Web Annotation Data Model (JSON-LD).
    W3c,
    /// The codebook's topics with counts (CSV).
    CodebookCsv,
    /// The codebook as REFI-QDA `.qdc`.
    Qdc,
    /// The whole project as REFI-QDA `.qdpx` (NVivo, ATLAS.ti, MAXQDA, QualCoder…).
    Qdpx,
}

impl ExportFormat {
    /// Every format, in the order the menu and the command line's help list them.
    pub const ALL: [Self; 9] = [
        Self::Csv,
        Self::Xlsx,
        Self::Md,
        Self::Html,
        Self::Jsonl,
        Self::W3c,
        Self::CodebookCsv,
        Self::Qdc,
        Self::Qdpx,
    ];

    /// The stable name on the command line (`gloss export --format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Md => "md",
            Self::Html => "html",
            Self::Jsonl => "jsonl",
            Self::W3c => "w3c",
            Self::CodebookCsv => "codebook-csv",
            Self::Qdc => "qdc",
            Self::Qdpx => "qdpx",
        }
    }

    /// What the format is, in one sentence (command-line help).
    pub fn description(self) -> &'static str {
        match self {
            Self::Csv => "One row per annotation, UTF-8 with BOM (opens in Excel and LibreOffice)",
            Self::Xlsx => "One row per annotation in an Excel workbook",
            Self::Md => "Readable report grouped by topic then document (Markdown)",
            Self::Html => {
                "Readable report grouped by topic then document (one self-contained HTML file)"
            }
            Self::Jsonl => "One JSON object per annotation per line",
            Self::W3c => "W3C Web Annotation Data Model (JSON-LD)",
            Self::CodebookCsv => "The codebook's topics with counts (CSV)",
            Self::Qdc => "The codebook as REFI-QDA `.qdc`",
            Self::Qdpx => {
                "The whole project as REFI-QDA `.qdpx` (NVivo, ATLAS.ti, MAXQDA, QualCoder…)"
            }
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "Excerpts as CSV…",
            Self::Xlsx => "Excerpts as Excel workbook…",
            Self::Md => "Report as Markdown…",
            Self::Html => "Report as HTML…",
            Self::Jsonl => "Excerpts as JSON Lines…",
            Self::W3c => "W3C Web Annotations (JSON-LD)…",
            Self::CodebookCsv => "Codebook as CSV…",
            Self::Qdc => "Codebook as REFI-QDA (.qdc)…",
            Self::Qdpx => "Project as REFI-QDA (.qdpx)…",
        }
    }

    /// File name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv | Self::CodebookCsv => "csv",
            Self::Xlsx => "xlsx",
            Self::Md => "md",
            Self::Html => "html",
            Self::Jsonl => "jsonl",
            Self::W3c => "jsonld",
            Self::Qdc => "qdc",
            Self::Qdpx => "qdpx",
        }
    }

    /// A default file name for the save dialog.
    pub fn default_file_name(self, project_name: &str) -> String {
        let stem = match self {
            Self::CodebookCsv | Self::Qdc => format!("{project_name}-codebook"),
            Self::Md | Self::Html => format!("{project_name}-report"),
            Self::Qdpx => project_name.to_owned(),
            _ => format!("{project_name}-excerpts"),
        };
        format!("{stem}.{}", self.extension())
    }

    /// Whether the retrieval filter decides what is exported (the codebook formats ignore it).
    pub fn uses_filter(self) -> bool {
        !matches!(self, Self::CodebookCsv | Self::Qdc)
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`ExportFormat::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format `{given}`; use one of: {}", valid_names())]
pub struct UnknownExportFormat {
    /// The name that was given.
    pub given: String,
}

/// The valid names, comma-separated.
fn valid_names() -> String {
    ExportFormat::ALL.map(ExportFormat::name).join(", ")
}

impl FromStr for ExportFormat {
    type Err = UnknownExportFormat;

    /// Reads a [`name`](Self::name) exactly.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|format| format.name() == text)
            .ok_or_else(|| UnknownExportFormat {
                given: text.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_unknown_names_list_the_valid_ones() {
        for format in ExportFormat::ALL {
            assert_eq!(format.name().parse::<ExportFormat>(), Ok(format));
            assert!(!format.description().is_empty() && format.label().ends_with('…'));
        }
        let error = "pdf".parse::<ExportFormat>().expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "unknown export format `pdf`; use one of: csv, xlsx, md, html, jsonl, w3c, codebook-csv, qdc, qdpx"
        );
    }
}
