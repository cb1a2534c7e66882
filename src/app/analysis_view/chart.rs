//! The analysis view's charts: topic frequencies as horizontal bars in the
//! topics' colours; counts over time split by stance, topic or another
//! dimension (the view's "Split by"), as stacked bars or lines (a switch).
//! `plot.rs` draws them; a click on a bar or dot returns the annotations
//! behind it ([`BarClicked`]), which `mod.rs` turns into the same drill-down
//! as a table cell.
//!
//! The bars come from `export::figure::BarChart`, the figures' own model, so
//! the window and an exported SVG or PNG show the same counts; the chart is
//! computed again only when the filter, the project or a picker changes.

use super::plot::{BarClicked, ChartBars, plot_ui};
use crate::export::figure::{BarChart, FigureFormat, FigureKind, OverTimeForm};
use crate::model::analysis::{ActorLevel, Context, Dimension, Frequencies, OverTime, PeriodLength};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use egui::RichText;

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ChartKind {
    /// Annotations per topic.
    Frequencies,
    /// Annotations per period, split by a dimension.
    OverTime,
}

/// Does the view show the chart rather than the table (for the tables that have one)?
#[derive(Clone, Debug, Default)]
pub struct ChartState {
    /// The chart is shown instead of the table.
    pub shown: bool,
    /// Over time as stacked bars or lines (its figure export follows).
    pub over_time_form: OverTimeForm,
    cache: Option<(ChartKey, ChartBars)>,
}

/// Everything a chart depends on.
#[derive(Clone, Debug, PartialEq)]
struct ChartKey {
    filter: RetrievalFilter,
    revision: u64,
    annotation_count: usize,
    loaded_texts: usize,
    kind: ChartKind,
    period: PeriodLength,
    date_key: String,
    by: String,
}

impl ChartState {
    /// The chart of `inputs` (the filter's id condition ignored).
    fn bars(&mut self, inputs: &ChartInputs<'_>) -> &ChartBars {
        let (workspace, filter) = (inputs.workspace, inputs.filter);
        let key = ChartKey {
            filter: RetrievalFilter {
                annotation_ids: None,
                ..filter.clone()
            },
            revision: workspace.project.revision,
            annotation_count: workspace.project.annotations.len(),
            loaded_texts: workspace.texts.len(),
            kind: inputs.kind,
            period: inputs.period,
            date_key: inputs.date_key.to_owned(),
            by: inputs.by.to_owned(),
        };
        let fresh = match self.cache.take() {
            Some((cached, bars)) if cached == key => (cached, bars),
            _ => {
                let bars = compute(workspace, &key);
                (key, bars)
            }
        };
        &self.cache.insert(fresh).1
    }
}

/// The chart of `key`, with the ids behind every bar.
fn compute(workspace: &Workspace, key: &ChartKey) -> ChartBars {
    let context = Context::of_filter(workspace, &key.filter, ActorLevel::Actors);
    let codebook = &workspace.project.codebook;
    let chart = if key.kind == ChartKind::OverTime {
        let by = Dimension::parse(&key.by);
        let over_time = OverTime::compute(&context, &key.date_key, key.period, &by);
        BarChart::of_over_time(&over_time, codebook)
    } else {
        let frequencies = Frequencies::compute(&context, None);
        BarChart::of_frequencies(&frequencies, codebook, context.include_subtopics)
    };
    let ids = chart
        .series
        .iter()
        .map(|series| {
            series
                .members
                .iter()
                .map(|m| context.ids(m).into_iter().cloned().collect())
                .collect()
        })
        .collect();
    ChartBars { chart, ids }
}

/// The As table / As chart switch (when the table has a `chart`) and the
/// figure exports (when it has a `figure`). Returns the export asked for.
pub(super) fn chart_controls_ui(
    ui: &mut egui::Ui,
    state: &mut ChartState,
    chart: Option<ChartKind>,
    figure: Option<FigureKind>,
) -> Option<(FigureKind, FigureFormat)> {
    let figure = figure?;
    let mut asked = None;
    ui.horizontal_wrapped(|ui| {
        if chart.is_some() {
            ui.selectable_value(&mut state.shown, false, "As table");
            ui.selectable_value(&mut state.shown, true, "As chart");
            ui.separator();
        }
        if chart == Some(ChartKind::OverTime) && state.shown {
            for form in OverTimeForm::ALL {
                ui.selectable_value(&mut state.over_time_form, form, form.label());
            }
            ui.separator();
        }
        for format in [FigureFormat::Svg, FigureFormat::Png] {
            let label = format!("Export chart as {}…", format.name());
            let hover = match format {
                FigureFormat::Svg => {
                    "A vector figure for a paper, with a legend and the filter under it"
                }
                FigureFormat::Png => {
                    "A 300 dpi picture for a paper, with a legend and the filter under it"
                }
            };
            if ui.button(label).on_hover_text(hover).clicked() {
                asked = Some((figure, format));
            }
        }
    });
    asked
}

/// What a chart is drawn from.
pub(super) struct ChartInputs<'a> {
    /// The project.
    pub(super) workspace: &'a Workspace,
    /// The coded-passages filter (its id condition ignored).
    pub(super) filter: &'a RetrievalFilter,
    /// Which chart.
    pub(super) kind: ChartKind,
    /// The period of over time.
    pub(super) period: PeriodLength,
    /// The date attribute over time counts by.
    pub(super) date_key: &'a str,
    /// What over time is split by (as `gloss analyze --by`).
    pub(super) by: &'a str,
    /// The filter in words.
    pub(super) filtered: &'a str,
}

/// The chart, its notes, and the bars as buttons. Returns the bar clicked, if any.
pub(super) fn chart_ui(
    ui: &mut egui::Ui,
    state: &mut ChartState,
    inputs: &ChartInputs<'_>,
) -> Option<BarClicked> {
    let filtered = inputs.filtered;
    let form = state.over_time_form;
    let bars = state.bars(inputs);
    let chart = &bars.chart;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&chart.title).strong());
        ui.label(RichText::new(filtered).weak());
    });
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("analysis-chart-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if chart.categories.is_empty() {
                ui.label(
                    RichText::new("Nothing to chart: no annotation passes the filter.").weak(),
                );
            } else {
                clicked = plot_ui(ui, bars, form);
            }
            for note in &chart.notes {
                ui.label(RichText::new(note).weak().small());
            }
        });
    clicked
}
