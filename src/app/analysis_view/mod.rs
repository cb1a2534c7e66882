//! The analysis view, docked beside the reader: one table at a time (topic
//! frequencies, topic × stance, topic × attribute, the stance network as a
//! holder × target matrix, over time, co-occurrence), filtered by the
//! coded-passages view's filter, counts or row/column percentages, cells
//! coloured by size (the network's by net polarity). A click on a cell asks to
//! show exactly the annotations behind it in the coded-passages view
//! ([`AnalysisIntent::DrillDown`]). The network is drawn as a directed
//! graph by default (`network_graph.rs`), or shown as the matrix.
//!
//! The tables are `model::analysis` (pure, shared with `gloss analyze`);
//! `state.rs` caches the last one per filter, revision and pickers;
//! `grid.rs` draws it; `chart.rs` (drawn by `plot.rs`) shows topic
//! frequencies and over time as charts (a Table/Chart switch; over time as
//! stacked bars or lines; a bar's or dot's click is the same drill-down) and
//! asks for figure exports ([`AnalysisIntent::ExportFigure`]). Over time is
//! split by what its "Split by" picker says (stance, topic, holder, target,
//! document, coder or a document attribute, as `gloss analyze --by`). The
//! pickers are kept between runs (`prefs.rs`, eframe storage).

mod chart;
mod grid;
mod network_graph;
mod plot;
mod prefs;
mod state;

pub use chart::ChartState;
pub use prefs::AnalysisPreferences;

use crate::export::figure::FigureKind;
use chart::{ChartInputs, ChartKind, chart_controls_ui, chart_ui};
pub use grid::EXPORT_MENU_LABEL;
pub use network_graph::{GraphDrillDown, NetworkGraph, NetworkGraphState, NetworkView};
pub use state::{AnalysisIntent, AnalysisState, Grid, GridCell, GridRow, TableFile, TableKind};

use crate::app::widgets::labelled_combo_ui;
use crate::model::analysis::{ActorLevel, Dimension, Percentages, PeriodLength};
use crate::model::codebook::ActorKind;
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;

/// The analysis view over the annotations `filter` keeps (its id condition
/// ignored), its chart (when shown) kept in `chart_state`. Returns what the
/// user asked for.
pub fn analysis_view_ui(
    ui: &mut egui::Ui,
    state: &mut AnalysisState,
    chart_state: &mut ChartState,
    workspace: &Workspace,
    filter: &RetrievalFilter,
) -> Vec<AnalysisIntent> {
    let mut intents = pickers_ui(ui, state, workspace);
    let codebook = &workspace.project.codebook;
    let mut without_ids = filter.clone();
    without_ids.annotation_ids = None;
    without_ids.actor_level = state.actor_level();
    let filtered = format!(
        "filtered as coded passages: {}",
        without_ids.describe(codebook, &workspace.project.documents)
    );
    let (kind, figure) = match state.table {
        TableKind::Frequencies => (Some(ChartKind::Frequencies), Some(FigureKind::Frequencies)),
        TableKind::OverTime => (Some(ChartKind::OverTime), Some(FigureKind::OverTime)),
        TableKind::Network => (None, Some(FigureKind::Network)),
        _ => (None, None),
    };
    intents.extend(
        chart_controls_ui(ui, chart_state, kind, figure)
            .map(|(figure, format)| AnalysisIntent::ExportFigure { figure, format }),
    );
    if let Some(kind) = kind.filter(|_| chart_state.shown) {
        let inputs = ChartInputs {
            workspace,
            filter,
            kind,
            period: state.period,
            date_key: &state.date_key,
            by: &state.over_time_by,
            filtered: &filtered,
        };
        let clicked = chart_ui(ui, chart_state, &inputs);
        intents.extend(clicked.map(|bar| AnalysisIntent::DrillDown {
            ids: bar.ids.into_iter().collect(),
            label: bar.label,
            actor_level: state.actor_level(),
        }));
        return intents;
    }
    let drawn = state.table == TableKind::Network && state.network_graph.view == NetworkView::Graph;
    let actor_level = state.actor_level();
    let grid = state.grid(workspace, filter);
    if drawn {
        let title = grid.title.clone();
        let inputs = network_graph::GraphInputs {
            workspace,
            filter,
            level: &state.level,
            tables_computed: state.tables_computed(),
            title: &title,
            filtered: &filtered,
        };
        let asked = network_graph::network_graph_ui(ui, &mut state.network_graph, &inputs);
        intents.extend(asked.into_iter().map(|d| AnalysisIntent::DrillDown {
            ids: d.ids,
            label: d.label,
            actor_level: actor_level.clone(),
        }));
        return intents;
    }
    intents.extend(grid::grid_ui(ui, grid, &filtered, actor_level.as_ref()));
    intents
}

/// The table picker, the pickers the chosen table uses, and the export menu.
fn pickers_ui(
    ui: &mut egui::Ui,
    state: &mut AnalysisState,
    workspace: &Workspace,
) -> Vec<AnalysisIntent> {
    let mut intents = Vec::new();
    ui.horizontal_wrapped(|ui| {
        labelled_combo_ui(
            ui,
            "Table",
            "Table",
            "analysis-table",
            state.table.label(),
            |ui| {
                for kind in TableKind::ALL {
                    ui.selectable_value(&mut state.table, kind, kind.label());
                }
            },
        );
        match state.table {
            TableKind::Frequencies => {
                let shown = state
                    .frequencies_by
                    .clone()
                    .unwrap_or_else(|| "all documents together".to_owned());
                labelled_combo_ui(ui, "Per", "Per", "analysis-frequencies-by", &shown, |ui| {
                    let by = &mut state.frequencies_by;
                    ui.selectable_value(by, None, "all documents together");
                    ui.selectable_value(by, Some("document".to_owned()), "document");
                    for key in attribute_keys(workspace) {
                        ui.selectable_value(by, Some(key.to_owned()), key);
                    }
                });
            }
            TableKind::TopicAttribute => {
                let shown = state.attribute.clone();
                labelled_combo_ui(
                    ui,
                    "Attribute",
                    "Attribute",
                    "analysis-attribute",
                    &shown,
                    |ui| {
                        for key in attribute_keys(workspace) {
                            ui.selectable_value(&mut state.attribute, key.to_owned(), key);
                        }
                    },
                );
            }
            TableKind::OverTime => over_time_pickers_ui(ui, state, workspace),
            TableKind::Network => {
                network_graph::view_switch_ui(ui, &mut state.network_graph);
                let shown = level_label(&state.level);
                labelled_combo_ui(ui, "Actors", "Actors", "analysis-level", &shown, |ui| {
                    let mut kinds: Vec<ActorKind> = vec![
                        ActorKind::Country,
                        ActorKind::Person,
                        ActorKind::Organisation,
                    ];
                    for actor in &workspace.project.codebook.actors {
                        if let Some(kind) = &actor.kind
                            && !kinds.contains(kind)
                        {
                            kinds.push(kind.clone());
                        }
                    }
                    ui.selectable_value(&mut state.level, ActorLevel::Actors, "as coded");
                    for kind in kinds {
                        let level = ActorLevel::Kind(kind);
                        let text = level_label(&level);
                        ui.selectable_value(&mut state.level, level, text);
                    }
                });
            }
            _ => {}
        }
        if state.table.has_percentages() {
            let shown = percentages_label(state.percentages);
            labelled_combo_ui(ui, "Show", "Show", "analysis-percentages", shown, |ui| {
                for choice in [None, Some(Percentages::Row), Some(Percentages::Column)] {
                    ui.selectable_value(&mut state.percentages, choice, percentages_label(choice));
                }
            });
        }
        grid::export_menu_ui(ui, &mut intents);
    });
    intents
}

/// Over time's pickers: the date attribute, the period, what it is split by.
fn over_time_pickers_ui(ui: &mut egui::Ui, state: &mut AnalysisState, workspace: &Workspace) {
    let shown = state.date_key.clone();
    labelled_combo_ui(ui, "Date", "Date", "analysis-date", &shown, |ui| {
        for key in attribute_keys(workspace) {
            ui.selectable_value(&mut state.date_key, key.to_owned(), key);
        }
    });
    let shown = format!("by {}", state.period);
    labelled_combo_ui(ui, "Period", "Period", "analysis-period", &shown, |ui| {
        for period in [
            PeriodLength::Month,
            PeriodLength::Quarter,
            PeriodLength::Year,
        ] {
            ui.selectable_value(&mut state.period, period, period.to_string());
        }
    });
    let shown = state.over_time_by.clone();
    labelled_combo_ui(
        ui,
        "Split by",
        "Split by",
        "analysis-over-time-by",
        &shown,
        |ui| {
            for choice in SPLITS {
                ui.selectable_value(&mut state.over_time_by, choice.to_owned(), choice);
            }
            ui.separator();
            // Attributes named like a dimension would read as that dimension.
            for key in attribute_keys(workspace)
                .into_iter()
                .filter(|key| Dimension::parse(key) == Dimension::Attribute((*key).into()))
            {
                ui.selectable_value(&mut state.over_time_by, key.to_owned(), key);
            }
        },
    );
}

/// What over time can be split by besides the document attributes, as
/// `gloss analyze --by` spells it.
const SPLITS: [&str; 6] = ["stance", "topic", "holder", "target", "document", "coder"];

/// The documents' attribute keys and `year`, sorted (listed only while a
/// picker is open, not every frame).
fn attribute_keys(workspace: &Workspace) -> Vec<&str> {
    let mut keys: Vec<&str> = workspace
        .project
        .documents
        .iter()
        .flat_map(|d| d.attributes.keys().map(String::as_str))
        .collect();
    keys.push("year");
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The level in the picker ("as coded", "countries"…).
fn level_label(level: &ActorLevel) -> String {
    match level {
        ActorLevel::Actors => "as coded".to_owned(),
        ActorLevel::Kind(ActorKind::Country) => "countries".to_owned(),
        ActorLevel::Kind(ActorKind::Person) => "persons".to_owned(),
        ActorLevel::Kind(ActorKind::Organisation) => "organisations".to_owned(),
        ActorLevel::Kind(kind) => kind.to_string(),
    }
}

/// Counts or which percentages, in the picker.
fn percentages_label(percentages: Option<Percentages>) -> &'static str {
    match percentages {
        None => "counts",
        Some(Percentages::Row) => "% of row",
        Some(Percentages::Column) => "% of column",
    }
}
