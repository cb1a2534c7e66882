//! Excel workbook export (`rust_xlsxwriter`): a sheet "Excerpts" with the same
//! columns as the CSV export, and a sheet "About" with the filter and date.
//!
//! Every text goes into a string cell, which Excel and LibreOffice never
//! evaluate, so text is kept exactly as in the document (no `'` prefix as in
//! the CSV). A cell holds at most 32,767 UTF-16 units; longer text is cut
//! there and the report says which annotations were cut.

use crate::export::options::{ExportError, ExportOptions, ExportReport};
use crate::export::row::ExcerptRow;
use crate::export::table::{Cell, TableLayout};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::io::Write;

/// Excel's limit for one cell, in UTF-16 code units.
const MAX_CELL_UTF16_UNITS: usize = 32_767;
/// Excel's limit of rows per sheet (header included).
const MAX_ROWS: usize = 1_048_576;

/// `text` cut to Excel's cell limit; `None` when it fits.
fn cut_to_cell_limit(text: &str) -> Option<String> {
    if text.len() <= MAX_CELL_UTF16_UNITS {
        return None; // UTF-8 bytes ≥ UTF-16 units, so it fits.
    }
    let mut units = 0;
    let mut cut = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        if units > MAX_CELL_UTF16_UNITS - 1 {
            cut.push('…');
            return Some(cut);
        }
        cut.push(c);
    }
    None
}

/// The cell formats of a workbook.
pub(crate) struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    decimal: Format,
}

impl Formats {
    pub(crate) fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_background_color(0xE8EEF4)
                .set_align(FormatAlign::Top),
            text: Format::new().set_align(FormatAlign::Top),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            decimal: Format::new()
                .set_num_format("0.0")
                .set_align(FormatAlign::Top),
        }
    }
}

/// Column width (in characters) for a header.
fn column_width(header: &str) -> f64 {
    match header {
        "excerpt" | "memo" => 60.0,
        "context_before" | "context_after" | "title" => 40.0,
        "topics" => 30.0,
        "id" | "document" | "created" | "modified" => 22.0,
        "start" | "end" => 8.0,
        _ => 16.0,
    }
}

/// Writes a table into `sheet`: bold frozen header, widths by column, an
/// autofilter, long texts wrapped. Each row comes with a label that the note
/// about a cut cell names. Returns how many rows were written.
pub(crate) fn write_table_sheet<'a>(
    sheet: &mut Worksheet,
    headers: &[String],
    rows: impl Iterator<Item = (&'a str, Vec<Cell<'a>>)>,
    formats: &Formats,
    notes: &mut Vec<String>,
) -> Result<u32, ExportError> {
    for (column, header) in headers.iter().enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, header, &formats.header)?;
        sheet.set_column_width(column, column_width(header))?;
    }
    let wrapped_columns: Vec<bool> = headers
        .iter()
        .map(|h| matches!(h.as_str(), "excerpt" | "memo" | "title"))
        .collect();
    let mut written = 0u32;
    for (label, cells) in rows {
        written += 1;
        for (column, cell) in cells.into_iter().enumerate() {
            let format = if wrapped_columns[column] {
                &formats.wrapped
            } else {
                &formats.text
            };
            let column_number = column as u16;
            match cell {
                Cell::Number(n) => {
                    sheet.write_number_with_format(written, column_number, n as f64, format)?;
                }
                Cell::Integer(n) => {
                    sheet.write_number_with_format(written, column_number, n as f64, format)?;
                }
                Cell::Decimal(x) => {
                    sheet.write_number_with_format(written, column_number, x, &formats.decimal)?;
                }
                Cell::Text(text) if text.is_empty() => {}
                Cell::Text(text) => {
                    let value = match cut_to_cell_limit(&text) {
                        Some(cut) => {
                            notes.push(format!(
                                "annotation {label}: the `{}` cell was cut to Excel's limit of {MAX_CELL_UTF16_UNITS} characters",
                                headers[column]
                            ));
                            cut
                        }
                        None => text.into_owned(),
                    };
                    sheet.write_string_with_format(written, column_number, value, format)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        sheet.autofilter(0, 0, written, (headers.len() - 1) as u16)?;
    }
    Ok(written)
}

/// The "About" sheet: project, date, filter, count and what offsets mean.
pub(crate) fn write_about_sheet(
    about: &mut Worksheet,
    lines: &[(&str, String)],
    formats: &Formats,
) -> Result<(), ExportError> {
    about.set_name("About")?;
    about.set_column_width(0, 14)?;
    about.set_column_width(1, 100)?;
    for (row, (key, value)) in lines.iter().enumerate() {
        about.write_string_with_format(row as u32, 0, *key, &formats.header)?;
        about.write_string_with_format(row as u32, 1, value, &formats.wrapped)?;
    }
    Ok(())
}

/// Writes the workbook of `rows` (at most Excel's row limit; the report says
/// how many were left out and which cells were cut).
pub fn write_xlsx(
    rows: &[ExcerptRow],
    filter: &RetrievalFilter,
    workspace: &Workspace,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let layout = TableLayout::for_rows(rows);
    let mut report = ExportReport::default();
    let row_limit = MAX_ROWS - 1;
    if rows.len() > row_limit {
        report.notes.push(format!(
            "Excel holds at most {row_limit} rows per sheet: {} annotations were left out; use CSV for this many",
            rows.len() - row_limit
        ));
    }
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Excerpts")?;
    let written = write_table_sheet(
        sheet,
        &layout.headers(),
        rows.iter()
            .take(row_limit)
            .map(|row| (row.id.as_str(), layout.cells(row))),
        &formats,
        &mut report.notes,
    )? as usize;
    let project = &workspace.project;
    let about = [
        ("Project", options.project_name.clone()),
        ("Exported", options.now.clone()),
        ("Filter", filter.describe(&project.codebook, &project.documents)),
        ("Annotations", written.to_string()),
        (
            "Offsets",
            "start and end count Unicode characters of the document's text (LF line ends), end exclusive".to_owned(),
        ),
    ];
    write_about_sheet(workbook.add_worksheet(), &about, &formats)?;
    let bytes = workbook.save_to_buffer()?;
    out.write_all(&bytes)?;
    report.annotations = written;
    Ok(report)
}
