//! Excel workbook export (`rust_xlsxwriter`): a sheet "Excerpts" with the same
//! columns as the CSV export, and a sheet "About" with the filter and date.
//!
//! Every text goes into a string cell, which Excel and LibreOffice never
//! evaluate, so text is kept exactly as in the document (no `'` prefix as in
//! the CSV). A cell holds at most 32,767 UTF-16 units; longer text is cut
//! there and the report says which annotations were cut.

use crate::export::table::{Cell, TableLayout};
use crate::export::{ExcerptRow, ExportError, ExportOptions, ExportReport};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};
use std::io::Write;

/// Excel's limit for one cell, in UTF-16 code units.
pub const MAX_CELL_UTF16_UNITS: usize = 32_767;
/// Excel's limit of rows per sheet (header included).
pub const MAX_ROWS: usize = 1_048_576;

fn xlsx_error(error: XlsxError) -> ExportError {
    ExportError::Xlsx(error.to_string())
}

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

pub fn write_xlsx(
    rows: &[ExcerptRow],
    filter: &RetrievalFilter,
    workspace: &Workspace,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let layout = TableLayout::for_rows(rows);
    let headers = layout.headers();
    let mut report = ExportReport::default();
    let mut workbook = Workbook::new();
    let header_format = Format::new()
        .set_bold()
        .set_background_color(0xE8EEF4)
        .set_align(FormatAlign::Top);
    let text_format = Format::new().set_align(FormatAlign::Top);
    let wrapped_format = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let row_limit = MAX_ROWS - 1;
    if rows.len() > row_limit {
        report.notes.push(format!(
            "Excel holds at most {row_limit} rows per sheet: {} annotations were left out; use CSV for this many",
            rows.len() - row_limit
        ));
    }
    let written = rows.len().min(row_limit);
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Excerpts").map_err(xlsx_error)?;
        for (column, header) in headers.iter().enumerate() {
            let column = column as u16;
            sheet
                .write_string_with_format(0, column, header, &header_format)
                .map_err(xlsx_error)?;
            let width = match header.as_str() {
                "excerpt" | "memo" => 60.0,
                "context_before" | "context_after" | "title" => 40.0,
                "topics" => 30.0,
                "id" | "document" | "created" | "modified" => 22.0,
                "start" | "end" => 8.0,
                _ => 16.0,
            };
            sheet.set_column_width(column, width).map_err(xlsx_error)?;
        }
        let wrapped_columns: Vec<bool> = headers
            .iter()
            .map(|h| matches!(h.as_str(), "excerpt" | "memo" | "title"))
            .collect();
        for (index, row) in rows.iter().take(written).enumerate() {
            let sheet_row = (index + 1) as u32;
            for (column, cell) in layout.cells(row).into_iter().enumerate() {
                let format = if wrapped_columns[column] {
                    &wrapped_format
                } else {
                    &text_format
                };
                let column = column as u16;
                match cell {
                    Cell::Number(n) => {
                        sheet
                            .write_number_with_format(sheet_row, column, n as f64, format)
                            .map_err(xlsx_error)?;
                    }
                    Cell::Text(text) if text.is_empty() => {}
                    Cell::Text(text) => {
                        let value = match cut_to_cell_limit(&text) {
                            Some(cut) => {
                                report.notes.push(format!(
                                    "annotation {}: the `{}` cell was cut to Excel's limit of {MAX_CELL_UTF16_UNITS} characters",
                                    row.id, headers[column as usize]
                                ));
                                cut
                            }
                            None => text.into_owned(),
                        };
                        sheet
                            .write_string_with_format(sheet_row, column, value, format)
                            .map_err(xlsx_error)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        if !headers.is_empty() {
            sheet
                .autofilter(0, 0, written as u32, (headers.len() - 1) as u16)
                .map_err(xlsx_error)?;
        }
    }
    {
        let about = workbook.add_worksheet();
        about.set_name("About").map_err(xlsx_error)?;
        let project = &workspace.project;
        let lines = [
            ("Project", options.project_name.clone()),
            ("Exported", options.now.clone()),
            ("Filter", filter.describe(&project.codebook, &project.documents)),
            ("Annotations", written.to_string()),
            (
                "Offsets",
                "start and end count Unicode characters of the document's text (LF line ends), end exclusive"
                    .to_string(),
            ),
        ];
        about.set_column_width(0, 14).map_err(xlsx_error)?;
        about.set_column_width(1, 100).map_err(xlsx_error)?;
        for (row, (key, value)) in lines.iter().enumerate() {
            about
                .write_string_with_format(row as u32, 0, *key, &header_format)
                .map_err(xlsx_error)?;
            about
                .write_string_with_format(row as u32, 1, value, &wrapped_format)
                .map_err(xlsx_error)?;
        }
    }
    let bytes = workbook.save_to_buffer().map_err(xlsx_error)?;
    out.write_all(&bytes)?;
    report.annotations = written;
    Ok(report)
}
