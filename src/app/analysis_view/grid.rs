//! Draws a [`Grid`]: a header row, a label column, cells coloured by heat
//! (theme tokens, readable in light and dark), scrolling both ways. A cell
//! with annotations behind it is a button: its click is the drill-down. Each
//! cell's accessible name is "row × column: value" ("holder → target: …" in
//! the network). Totals are buttons too, uncoloured. The "Export…" menu
//! (drawn in the pickers' row) asks to write the table to CSV or XLSX.

use super::state::{AnalysisIntent, Grid, GridCell, TableFile};
use crate::app::theme;
use crate::model::codebook::ActorKind;
use egui::{Button, RichText, vec2};

/// The smallest width of a cell.
const CELL_MIN_POINTS: f32 = 44.0;

/// The share of the pane's width a row label may take before it is elided.
const LABEL_SHARE: f32 = 0.45;
/// Row labels are never cut shorter than this…
const LABEL_MIN_POINTS: f32 = 110.0;
/// …nor allowed wider than this.
const LABEL_MAX_POINTS: f32 = 320.0;

/// The accessible name of the export menu.
pub const EXPORT_MENU_LABEL: &str = "Export the table";

/// The title and `filtered` (the filter in words), the table, then its
/// notes. Returns the drill-down asked for, if any, carrying `actor_level`,
/// the level the table counted actors at.
pub(super) fn grid_ui(
    ui: &mut egui::Ui,
    grid: &Grid,
    filtered: &str,
    actor_level: Option<&ActorKind>,
) -> Vec<AnalysisIntent> {
    let mut intents = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&grid.title).strong());
        ui.label(RichText::new(filtered).weak());
    });
    let dark = ui.visuals().dark_mode;
    let joiner = if grid.polarity { " → " } else { " × " };
    // Long row labels (topic names) are elided so that the counts stay in view in
    // a narrow pane; the whole label shows on hover.
    let label_max_points =
        (ui.available_width() * LABEL_SHARE).clamp(LABEL_MIN_POINTS, LABEL_MAX_POINTS);
    egui::ScrollArea::both()
        .id_salt("analysis-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("analysis-grid")
                .spacing(vec2(2.0, 2.0))
                .min_col_width(CELL_MIN_POINTS)
                .show(ui, |ui| {
                    for header in &grid.headers {
                        ui.label(RichText::new(header).strong());
                    }
                    ui.end_row();
                    for row in &grid.rows {
                        let row_height = ui.spacing().interact_size.y;
                        ui.allocate_ui(vec2(label_max_points, row_height), |ui| {
                            ui.set_max_width(label_max_points);
                            ui.add(egui::Label::new(&row.label).truncate())
                                .on_hover_text(row.label.trim());
                        });
                        for (column, cell) in row.cells.iter().enumerate() {
                            let header = grid.headers.get(column + 1).map_or("", String::as_str);
                            let name =
                                format!("{}{joiner}{}: {}", row.label.trim(), header, cell.text);
                            let response = match &cell.ids {
                                Some(ids) if !ids.is_empty() => {
                                    let button = cell_button(cell, grid.polarity, dark);
                                    let response = ui.add(button).on_hover_text(format!(
                                        "{} passage(s): click to list them in Coded passages",
                                        ids.len()
                                    ));
                                    if response.clicked() {
                                        intents.push(AnalysisIntent::DrillDown {
                                            ids: ids.iter().cloned().collect(),
                                            label: drill_down_label(
                                                row.label.trim(),
                                                header,
                                                joiner,
                                                cell.total,
                                            ),
                                            actor_level: actor_level.cloned(),
                                        });
                                    }
                                    response
                                }
                                _ => ui.label(&cell.text),
                            };
                            ui.ctx().accesskit_node_builder(response.id, |node| {
                                node.set_label(name);
                            });
                        }
                        ui.end_row();
                    }
                });
            for note in &grid.notes {
                ui.label(RichText::new(note).weak().small());
            }
        });
    intents
}

/// The "Export…" menu: the table shown as CSV or XLSX.
pub(super) fn export_menu_ui(ui: &mut egui::Ui, intents: &mut Vec<AnalysisIntent>) {
    let menu = ui.menu_button("Export…", |ui| {
        for file in TableFile::ALL {
            if ui.button(file.label()).clicked() {
                intents.push(AnalysisIntent::Export(file));
                ui.close();
            }
        }
    });
    ui.ctx()
        .accesskit_node_builder(menu.response.id, |node| node.set_label(EXPORT_MENU_LABEL));
}

/// A cell with annotations behind it: coloured by heat or polarity; a total
/// uncoloured and bold.
fn cell_button(cell: &GridCell, polarity: bool, dark: bool) -> Button<'_> {
    let (text, fill) = if cell.total {
        (
            RichText::new(&cell.text).strong(),
            theme::reading_background(dark),
        )
    } else if polarity {
        (
            RichText::new(&cell.text),
            theme::polarity_fill(dark, cell.heat),
        )
    } else {
        (RichText::new(&cell.text), theme::heat_fill(dark, cell.heat))
    };
    Button::new(text)
        .fill(fill)
        .min_size(vec2(CELL_MIN_POINTS, 0.0))
}

/// What the coded-passages view says the passages are behind: "Economy ×
/// supportive", a row's or column's name for its total, "every annotation in
/// the table" for the grand total.
fn drill_down_label(row: &str, column: &str, joiner: &str, total: bool) -> String {
    const TOTAL: &str = "annotations";
    match (total, row == TOTAL, column == TOTAL) {
        (true, true, true) => "every annotation in the table".to_owned(),
        (true, false, true) => format!("{row} (row total)"),
        (true, true, false) => format!("{column} (column total)"),
        _ => format!("{row}{joiner}{column}"),
    }
}
