//! The one-row-per-annotation table shared by the CSV and XLSX exports: its
//! columns, and the guard against spreadsheet formula injection.
//!
//! The writers (`csv.rs`, `xlsx.rs`) take any header row and rows of
//! [`Cell`]s, so other tables (analysis counts, matrices) are written the same
//! way; a new excerpt column is one entry here.

use crate::export::row::ExcerptRow;
use crate::model::document::attribute;
use std::borrow::Cow;

/// Columns before the document attributes.
const LEADING_COLUMNS: [&str; 3] = ["id", "document", "title"];
/// Columns after the document attributes.
const TRAILING_COLUMNS: [&str; 16] = [
    "start",
    "end",
    "page",
    "heading_path",
    "excerpt",
    "context_before",
    "context_after",
    "topics",
    "stance",
    "holder",
    "target",
    "memo",
    "coder",
    "created",
    "modified",
    "status",
];

/// How several topics are joined in one cell.
pub(crate) const TOPIC_SEPARATOR: &str = "; ";

/// One cell of the table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text, written as it is (the CSV writer guards formulas).
    Text(Cow<'a, str>),
    /// A count or offset, written as a number.
    Number(usize),
    /// A signed whole number (a net polarity), written as a number.
    Integer(i64),
    /// A fraction (a percentage), written as a number; CSV rounds it to one decimal.
    Decimal(f64),
}

/// The table's columns for a set of rows: fixed columns plus one per document
/// attribute key that occurs in the rows (`title` has its own column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableLayout {
    /// The attribute columns, sorted by key.
    pub attribute_keys: Vec<String>,
}

impl TableLayout {
    /// The layout for these rows: one column per attribute key any of them has.
    pub fn for_rows(rows: &[ExcerptRow]) -> Self {
        let mut keys: Vec<String> = rows
            .iter()
            .flat_map(|row| row.attributes.keys())
            .filter(|key| key.as_str() != attribute::TITLE)
            .cloned()
            .collect();
        keys.sort();
        keys.dedup();
        Self {
            attribute_keys: keys,
        }
    }

    fn trailing() -> impl Iterator<Item = &'static str> {
        TRAILING_COLUMNS.into_iter()
    }

    /// Header cells. An attribute whose key equals a fixed column is named `attribute: KEY`.
    pub fn headers(&self) -> Vec<String> {
        let fixed: Vec<&str> = LEADING_COLUMNS
            .into_iter()
            .chain(Self::trailing())
            .collect();
        LEADING_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .chain(self.attribute_keys.iter().map(|key| {
                if fixed.contains(&key.as_str()) {
                    format!("attribute: {key}")
                } else {
                    key.clone()
                }
            }))
            .chain(Self::trailing().map(str::to_owned))
            .collect()
    }

    /// The cells of one row, in header order.
    pub fn cells<'a>(&self, row: &'a ExcerptRow) -> Vec<Cell<'a>> {
        let text = |s: &'a str| Cell::Text(Cow::Borrowed(s));
        let optional = |s: &'a Option<String>| text(s.as_deref().unwrap_or(""));
        let mut cells = Vec::with_capacity(
            LEADING_COLUMNS.len() + self.attribute_keys.len() + TRAILING_COLUMNS.len(),
        );
        cells.push(text(&row.id));
        cells.push(text(&row.document));
        cells.push(text(&row.title));
        for key in &self.attribute_keys {
            cells.push(text(row.attributes.get(key).map_or("", String::as_str)));
        }
        cells.push(Cell::Number(row.start));
        cells.push(Cell::Number(row.end));
        cells.push(optional(&row.page));
        cells.push(optional(&row.heading_path));
        cells.push(text(&row.text));
        cells.push(text(&row.context_before));
        cells.push(text(&row.context_after));
        cells.push(Cell::Text(Cow::Owned(row.topics.join(TOPIC_SEPARATOR))));
        cells.push(optional(&row.stance));
        cells.push(optional(&row.holder));
        cells.push(optional(&row.target));
        cells.push(text(&row.memo));
        cells.push(text(&row.coder));
        cells.push(text(&row.created));
        cells.push(text(&row.modified));
        cells.push(text(row.status.as_str()));
        cells
    }
}

/// Prefixes `'` to text a spreadsheet would read as a formula (`=`, `+`, `-`,
/// `@`, or a leading tab or carriage return), so that opening an export never
/// runs anything. Other text is returned unchanged.
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_kept() {
        for dangerous in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx"] {
            assert_eq!(neutralise_formula(dangerous), format!("'{dangerous}"));
        }
        assert!(matches!(neutralise_formula("Vučić said"), Cow::Borrowed(_)));
        assert_eq!(neutralise_formula(""), "");
    }
}
