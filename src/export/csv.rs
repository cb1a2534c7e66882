//! CSV export: one row per annotation (columns in [`crate::export::table`]).
//!
//! Choices, so that the file opens cleanly in Excel and LibreOffice: UTF-8 with
//! a byte-order mark (Excel otherwise guesses a legacy encoding), CRLF record
//! ends (RFC 4180), every field quoted when it holds a comma, quote or line
//! break, and text that a spreadsheet would read as a formula prefixed with `'`
//! (header cells too: a document attribute key such as `=HYPERLINK(…)` becomes
//! a column name). XLSX needs no prefix: it writes every text cell, header or
//! value, as a string cell, which a spreadsheet never evaluates.

use crate::export::row::ExcerptRow;
use crate::export::table::{Cell, TableLayout, neutralise_formula};
use std::io::{self, Write};

/// The UTF-8 byte-order mark written first.
pub const UTF8_BOM: &str = "\u{feff}";

/// Writes the excerpt table of `rows`.
pub fn write_csv(rows: &[ExcerptRow], out: &mut dyn Write) -> io::Result<()> {
    let layout = TableLayout::for_rows(rows);
    write_table(
        &layout.headers(),
        rows.iter().map(|row| layout.cells(row)),
        out,
    )
}

/// Writes any table: BOM, header row, then one CRLF record per row, every
/// text cell (headers included) guarded against formulas.
pub fn write_table<'a, S: AsRef<str>>(
    headers: &[S],
    rows: impl Iterator<Item = Vec<Cell<'a>>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    buffered.write_all(UTF8_BOM.as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buffered);
    let headers: Vec<std::borrow::Cow<'_, str>> = headers
        .iter()
        .map(|h| neutralise_formula(h.as_ref()))
        .collect();
    writer.write_record(headers.iter().map(|h| h.as_bytes()))?;
    let mut record: Vec<String> = Vec::new();
    for cells in rows {
        record.clear();
        record.extend(cells.into_iter().map(|cell| match cell {
            Cell::Number(n) => n.to_string(),
            Cell::Integer(n) => n.to_string(),
            Cell::Decimal(x) => format!("{x:.1}"),
            Cell::Text(text) => neutralise_formula(&text).into_owned(),
        }));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}
