//! CSV export: one row per annotation (columns in [`crate::export::table`]).
//!
//! Choices, so that the file opens cleanly in Excel and LibreOffice: UTF-8 with
//! a byte-order mark (Excel otherwise guesses a legacy encoding), CRLF record
//! ends (RFC 4180), every field quoted when it holds a comma, quote or line
//! break, and text that a spreadsheet would read as a formula prefixed with `'`.

use crate::export::ExcerptRow;
use crate::export::table::{Cell, TableLayout, neutralise_formula};
use std::io::{self, Write};

/// The UTF-8 byte-order mark written first.
pub const UTF8_BOM: &str = "\u{feff}";

pub fn write_csv(rows: &[ExcerptRow], out: &mut dyn Write) -> io::Result<()> {
    let layout = TableLayout::for_rows(rows);
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    buffered.write_all(UTF8_BOM.as_bytes())?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(buffered);
    writer.write_record(layout.headers())?;
    let mut record: Vec<String> = Vec::new();
    for row in rows {
        record.clear();
        record.extend(layout.cells(row).into_iter().map(|cell| match cell {
            Cell::Number(n) => n.to_string(),
            Cell::Text(text) => neutralise_formula(&text).into_owned(),
        }));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}
