//! Reading a CSV file as a table of strings, as the codebook and Taguette
//! importers need it: a UTF-8 BOM is dropped, rows may differ in length, and
//! header names are compared trimmed and lowercased.

use crate::import::error::CsvReadError;

/// The UTF-8 byte-order mark that spreadsheet CSVs (and Gloss's own) start with.
const UTF8_BOM: &[u8] = "\u{feff}".as_bytes();

/// A CSV's header row and records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvTable {
    /// Header names, trimmed and lowercased.
    pub headers: Vec<String>,
    /// The records below the header, cells as written.
    pub rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// Reads CSV bytes (BOM removed; rows of any length).
    pub fn read(bytes: &[u8]) -> Result<Self, CsvReadError> {
        let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = reader
            .headers()?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            rows.push(record?.iter().map(str::to_owned).collect());
        }
        Ok(Self { headers, rows })
    }

    /// The first column named any of `names` (lowercase).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
    }
}

/// Undoes the `'` that Gloss's CSV export puts before formula-like text
/// (`=`, `+`, `-`, `@`, tab, carriage return); other text is returned unchanged.
pub fn restore_formula_text(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ragged_rows_after_a_bom_and_restores_formulas() {
        let table =
            CsvTable::read("\u{feff} Topic ,Parent\r\na\r\nb,c,d\r\n".as_bytes()).expect("csv");
        assert_eq!(table.headers, ["topic", "parent"]);
        assert_eq!(table.rows, [vec!["a"], vec!["b", "c", "d"]]);
        assert_eq!(table.column(&["name", "parent"]), Some(1));
        assert_eq!(restore_formula_text("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(restore_formula_text("'quoted'"), "'quoted'");
    }
}
