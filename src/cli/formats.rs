//! `--format` values as the command line spells them (`--format codebook-csv`):
//! one clap parser built from the library's own format tables (`ALL`, `name`,
//! `description`), so the names, their help text and the menu never drift apart.

use crate::export::ExportFormat;
use crate::import::ImportFormat;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// Parses one of `choices` (each listed in `--help` with its description) with
/// the format's `FromStr`.
fn format_parser<T>(
    choices: impl IntoIterator<Item = (&'static str, &'static str)>,
) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let values = choices
        .into_iter()
        .map(|(name, help)| PossibleValue::new(name).help(help));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<T>())
}

/// `gloss export --format`.
pub(crate) fn export_format_parser() -> impl TypedValueParser<Value = ExportFormat> {
    format_parser(ExportFormat::ALL.map(|f| (f.name(), f.description())))
}

/// `gloss import --format`.
pub(crate) fn import_format_parser() -> impl TypedValueParser<Value = ImportFormat> {
    format_parser(ImportFormat::ALL.map(|f| (f.name(), f.description())))
}

#[cfg(test)]
mod tests {
    use super::{export_format_parser, import_format_parser};

    fn names<T>(parser: &impl clap::builder::TypedValueParser<Value = T>) -> Vec<String> {
        parser
            .possible_values()
            .into_iter()
            .flatten()
            .map(|value| value.get_name().to_owned())
            .collect()
    }

    #[test]
    fn the_format_names_are_the_documented_ones() {
        assert_eq!(
            names(&export_format_parser()),
            [
                "csv",
                "xlsx",
                "md",
                "html",
                "jsonl",
                "w3c",
                "codebook-csv",
                "qdc",
                "qdpx"
            ]
        );
        assert_eq!(
            names(&import_format_parser()),
            ["qdpx", "qdc", "codebook-csv", "taguette"]
        );
    }
}
