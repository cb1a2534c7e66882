//! Analysis tables ([`AnalysisTable`], `gloss analyze`) as CSV and XLSX,
//! written like the excerpt table: the same CSV choices (BOM, CRLF, formula
//! guard) and the same workbook look (bold frozen header, an "About" sheet
//! with the filter, the level and the table's notes).

use crate::export::csv::write_table;
use crate::export::options::{ExportError, ExportOptions};
use crate::export::table::Cell;
use crate::export::xlsx::{Formats, write_about_sheet, write_table_sheet};
use crate::model::analysis::{AnalysisTable, Value};
use rust_xlsxwriter::Workbook;
use std::borrow::Cow;
use std::io::{self, Write};

/// What the "About" sheet says besides the table: where it comes from.
#[derive(Clone, Debug, Default)]
pub struct AnalysisAbout {
    /// The filter in words ([`RetrievalFilter::describe`](crate::model::query::RetrievalFilter::describe)).
    pub filter: String,
    /// The actor level (`actors`, `country`, …).
    pub level: String,
}

/// The cells of one row.
fn cells(row: &[Value]) -> Vec<Cell<'_>> {
    row.iter()
        .map(|value| match value {
            Value::Text(text) => Cell::Text(Cow::Borrowed(text)),
            Value::Count { count, .. } => Cell::Number(*count),
            Value::Signed(n) => Cell::Integer(*n),
            Value::Percent {
                percent: Some(p), ..
            } => Cell::Decimal(*p),
            Value::Percent { percent: None, .. } => Cell::Text(Cow::Borrowed("")),
        })
        .collect()
}

/// Writes the table as CSV: header row, then one record per row (percentages to one decimal).
pub fn write_analysis_csv(table: &AnalysisTable, out: &mut dyn Write) -> io::Result<()> {
    write_table(&table.headers, table.rows.iter().map(|row| cells(row)), out)
}

/// Writes the table as a workbook: sheet "Analysis", and "About" with the
/// title, project, date, filter, level and notes.
pub fn write_analysis_xlsx(
    table: &AnalysisTable,
    about: &AnalysisAbout,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<Vec<String>, ExportError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let mut notes = Vec::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Analysis")?;
    write_table_sheet(
        sheet,
        &table.headers,
        table.rows.iter().map(|row| {
            let label = match row.first() {
                Some(Value::Text(text)) => text.as_str(),
                _ => "",
            };
            (label, cells(row))
        }),
        &formats,
        &mut notes,
    )?;
    let mut lines = vec![
        ("Table", table.title.clone()),
        ("Project", options.project_name.clone()),
        ("Exported", options.now.clone()),
        ("Filter", about.filter.clone()),
        ("Actors", about.level.clone()),
    ];
    lines.extend(table.notes.iter().map(|note| ("Note", note.clone())));
    write_about_sheet(workbook.add_worksheet(), &lines, &formats)?;
    out.write_all(&workbook.save_to_buffer()?)?;
    Ok(notes)
}
