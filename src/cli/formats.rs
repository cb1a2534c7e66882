//! The export and import format names as the command line spells them
//! (`--format codebook-csv`), converted into the library's format types. The doc
//! comments are the help text `--help` shows for each value.

use crate::export::ExportFormat;
use crate::import::ImportFormat;

/// `gloss export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormatArg {
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

impl From<ExportFormatArg> for ExportFormat {
    fn from(format: ExportFormatArg) -> Self {
        match format {
            ExportFormatArg::Csv => Self::Csv,
            ExportFormatArg::Xlsx => Self::Xlsx,
            ExportFormatArg::Md => Self::Md,
            ExportFormatArg::Html => Self::Html,
            ExportFormatArg::Jsonl => Self::Jsonl,
            ExportFormatArg::W3c => Self::W3c,
            ExportFormatArg::CodebookCsv => Self::CodebookCsv,
            ExportFormatArg::Qdc => Self::Qdc,
            ExportFormatArg::Qdpx => Self::Qdpx,
        }
    }
}

/// `gloss import --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportFormatArg {
    /// A REFI-QDA project archive (NVivo, ATLAS.ti, MAXQDA, QualCoder, Gloss…).
    Qdpx,
    /// A REFI-QDA codebook.
    Qdc,
    /// A codebook CSV: Gloss's (topic, parent, colour, description) or Taguette's (tag, …).
    CodebookCsv,
    /// A Taguette highlights CSV (id, document, tag, content).
    Taguette,
}

impl From<ImportFormatArg> for ImportFormat {
    fn from(format: ImportFormatArg) -> Self {
        match format {
            ImportFormatArg::Qdpx => Self::Qdpx,
            ImportFormatArg::Qdc => Self::Qdc,
            ImportFormatArg::CodebookCsv => Self::CodebookCsv,
            ImportFormatArg::Taguette => Self::Taguette,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ExportFormatArg, ImportFormatArg};
    use crate::export::ExportFormat;
    use crate::import::ImportFormat;
    use clap::ValueEnum as _;

    #[test]
    fn every_export_format_has_exactly_one_command_line_name() {
        let converted: Vec<ExportFormat> = ExportFormatArg::value_variants()
            .iter()
            .map(|&arg| arg.into())
            .collect();
        assert_eq!(converted, ExportFormat::ALL);
    }

    #[test]
    fn the_import_format_names_are_the_documented_ones() {
        let names: Vec<String> = ImportFormatArg::value_variants()
            .iter()
            .filter_map(|arg| arg.to_possible_value())
            .map(|value| value.get_name().to_owned())
            .collect();
        assert_eq!(names, ["qdpx", "qdc", "codebook-csv", "taguette"]);
        let converted: Vec<ImportFormat> = ImportFormatArg::value_variants()
            .iter()
            .map(|&arg| arg.into())
            .collect();
        assert_eq!(
            converted,
            [
                ImportFormat::Qdpx,
                ImportFormat::Qdc,
                ImportFormat::CodebookCsv,
                ImportFormat::Taguette
            ]
        );
    }
}
