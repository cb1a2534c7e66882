//! The analysis view's charts (egui_plot): topic frequencies as horizontal
//! bars in the topics' colours, counts over time as bars stacked by stance in
//! the stances' colours. The chart is fixed (no pan or zoom). Each bar is also
//! a widget of its own, named "Economy: 12 annotations" (AccessKit): a click
//! on it returns the annotations behind it ([`BarClicked`]), which `mod.rs`
//! turns into the same drill-down as a table cell.
//!
//! The bars come from `export::figure::BarChart`, the figures' own model, so
//! the window and an exported SVG or PNG show the same counts; the chart is
//! computed again only when the filter, the project or a picker changes.
//! Tab reaches each bar (outlined), Enter or Space opens its passages.

use crate::app::theme;
use crate::export::figure::{BarChart, FigureFormat, FigureKind};
use crate::model::analysis::{ActorLevel, Context, Dimension, Frequencies, OverTime, PeriodLength};
use crate::model::ids::AnnotationId;
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use egui::{RichText, Sense};
use egui_plot::{AxisHints, Bar, GridMark, Legend, Plot, PlotPoint};

/// Height of one horizontal bar's row.
const ROW_POINTS: f32 = 24.0;
/// The smallest and largest height of a chart.
const HEIGHT_RANGE: [f32; 2] = [220.0, 420.0];
/// Share of a category's room its bar takes.
const BAR_WIDTH: f64 = 0.7;
/// The widest a category label may be before it is elided.
const LABEL_MAX_CHARS: usize = 28;

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ChartKind {
    /// Annotations per topic.
    Frequencies,
    /// Annotations per period, stacked by stance.
    OverTime,
}

/// A click on a bar: the annotations behind it and the bar in words.
pub(super) struct BarClicked {
    /// The annotations behind the bar.
    pub(super) ids: Vec<AnnotationId>,
    /// "Economy", "2020-09 × supportive".
    pub(super) label: String,
}

/// Does the view show the chart rather than the table (for the tables that have one)?
#[derive(Clone, Debug, Default)]
pub struct ChartState {
    /// The chart is shown instead of the table.
    pub shown: bool,
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
}

/// A chart and the annotations behind each of its bars.
#[derive(Clone, Debug)]
struct ChartBars {
    chart: BarChart,
    /// Per series, per category: the annotation ids (the drill-down).
    ids: Vec<Vec<Vec<AnnotationId>>>,
}

impl ChartState {
    /// The chart of `kind` over `filter` (its id condition ignored).
    fn bars(
        &mut self,
        workspace: &Workspace,
        filter: &RetrievalFilter,
        kind: ChartKind,
        period: PeriodLength,
        date_key: &str,
    ) -> &ChartBars {
        let key = ChartKey {
            filter: RetrievalFilter {
                annotation_ids: None,
                ..filter.clone()
            },
            revision: workspace.project.revision,
            annotation_count: workspace.project.annotations.len(),
            loaded_texts: workspace.texts.len(),
            kind,
            period,
            date_key: date_key.to_owned(),
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
        let over_time = OverTime::compute(&context, &key.date_key, key.period, &Dimension::Stance);
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

/// A category label short enough for the axis ("› Huawei and 5G" for a sub-topic).
fn short_label(label: &str) -> String {
    let trimmed = label.trim_start_matches('\u{2002}');
    let depth = (label.chars().count() - trimmed.chars().count()) / 2;
    let mut short: String = trimmed.chars().take(LABEL_MAX_CHARS).collect();
    if trimmed.chars().count() > LABEL_MAX_CHARS {
        short.pop();
        short.push('…');
    }
    // Axis labels are right-aligned: a sub-topic is marked, not indented.
    format!("{}{short}", "› ".repeat(depth))
}

/// The category at an axis mark (`None` between categories or outside).
fn category_at(value: f64, count: usize, horizontal: bool) -> Option<usize> {
    let position = if horizontal { -value } else { value };
    let rounded = position.round();
    ((position - rounded).abs() < 1e-6 && rounded >= 0.0 && (rounded as usize) < count)
        .then_some(rounded as usize)
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
    let bars = state.bars(
        inputs.workspace,
        inputs.filter,
        inputs.kind,
        inputs.period,
        inputs.date_key,
    );
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
                clicked = plot_ui(ui, bars);
            }
            for note in &chart.notes {
                ui.label(RichText::new(note).weak().small());
            }
        });
    clicked
}

/// The plot, then one button per bar over it.
fn plot_ui(ui: &mut egui::Ui, bars: &ChartBars) -> Option<BarClicked> {
    let chart = &bars.chart;
    let count = chart.categories.len();
    let horizontal = chart.horizontal;
    let height = if horizontal {
        (count as f32 * ROW_POINTS + 48.0).max(HEIGHT_RANGE[0])
    } else {
        (ui.available_height() - 60.0).clamp(HEIGHT_RANGE[0], HEIGHT_RANGE[1])
    };
    let labels: Vec<String> = chart.categories.iter().map(|c| short_label(c)).collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f32 * 7.0;
    // Every k-th period is labelled, so that labels do not overlap.
    let every = if horizontal {
        1
    } else {
        let per_label = labels.first().map_or(8, |l| l.chars().count() + 2) as f32 * 7.0;
        let room = (ui.available_width() - 60.0).max(100.0) / count.max(1) as f32;
        (per_label / room).ceil().max(1.0) as usize
    };
    let categorical = move |input: egui_plot::GridInput| -> Vec<GridMark> {
        (0..count)
            .filter(|c| c % every == 0)
            .map(|c| GridMark {
                value: if horizontal { -(c as f64) } else { c as f64 },
                step_size: every as f64,
            })
            .filter(|mark| input.bounds.0 <= mark.value && mark.value <= input.bounds.1)
            .collect()
    };
    let axis_labels = labels.clone();
    let formatter = move |mark: GridMark, _range: &std::ops::RangeInclusive<f64>| {
        category_at(mark.value, axis_labels.len(), horizontal)
            .and_then(|c| axis_labels.get(c).cloned())
            .unwrap_or_default()
    };
    let max = chart.max_total().max(1) as f64;
    let mut plot = Plot::new("analysis-chart")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, true]);
    if chart.series.len() > 1 {
        plot = plot.legend(Legend::default());
    }
    plot = if horizontal {
        plot.y_grid_spacer(categorical)
            .custom_y_axes(vec![
                AxisHints::new_y()
                    .formatter(formatter)
                    .min_thickness(label_width.clamp(40.0, 220.0)),
            ])
            .x_axis_label(chart.value_axis.clone())
            .include_x(0.0)
            .include_x(max * 1.05)
            .include_y(0.6)
            .include_y(-(count as f64) + 0.4)
    } else {
        plot.x_grid_spacer(categorical)
            .custom_x_axes(vec![AxisHints::new_x().formatter(formatter)])
            .y_axis_label(chart.value_axis.clone())
            .include_y(0.0)
            .include_y(max * 1.05)
            .include_x(-0.6)
            .include_x(count as f64 - 0.4)
    };
    let items = bar_items(chart);
    let response = plot.show(ui, |plot_ui| {
        for item in items {
            plot_ui.bar_chart(item);
        }
    });
    bar_buttons_ui(ui, bars, &response.transform, response.response.id)
}

/// The chart's series as egui_plot bar charts, each stacked on those before.
fn bar_items(chart: &BarChart) -> Vec<egui_plot::BarChart> {
    let horizontal = chart.horizontal;
    let mut stacked: Vec<egui_plot::BarChart> = Vec::new();
    for (s, series) in chart.series.iter().enumerate() {
        let plotted: Vec<Bar> = (0..chart.categories.len())
            .map(|c| {
                let bar = Bar::new(
                    if horizontal { -(c as f64) } else { c as f64 },
                    series.count(c) as f64,
                )
                .width(BAR_WIDTH)
                .name(chart.categories.get(c).map_or("", |c| c.trim()))
                .fill(theme::code_color(chart.bar_color(s, c)));
                if horizontal {
                    bar.horizontal()
                } else {
                    bar.vertical()
                }
            })
            .collect();
        let mut item = egui_plot::BarChart::new(series.name.clone(), plotted)
            .color(theme::code_color(series.color))
            .allow_hover(false);
        item = if horizontal {
            item.horizontal()
        } else {
            item.vertical()
        };
        let below: Vec<&egui_plot::BarChart> = stacked.iter().collect();
        item = item.stack_on(&below);
        stacked.push(item);
    }
    stacked
}

/// One invisible button over each bar (its name, hover text and click).
fn bar_buttons_ui(
    ui: &egui::Ui,
    bars: &ChartBars,
    transform: &egui_plot::PlotTransform,
    plot_id: egui::Id,
) -> Option<BarClicked> {
    let chart = &bars.chart;
    let mut clicked = None;
    let frame = *transform.frame();
    for c in 0..chart.categories.len() {
        let mut base = 0.0;
        for (s, series) in chart.series.iter().enumerate() {
            let n = series.count(c);
            if n == 0 {
                continue;
            }
            let half = BAR_WIDTH / 2.0;
            let (a, b) = if chart.horizontal {
                let y = -(c as f64);
                (
                    PlotPoint::new(base, y - half),
                    PlotPoint::new(base + n as f64, y + half),
                )
            } else {
                let x = c as f64;
                (
                    PlotPoint::new(x - half, base),
                    PlotPoint::new(x + half, base + n as f64),
                )
            };
            base += n as f64;
            let rect = transform.rect_from_values(&a, &b).intersect(frame);
            if !rect.is_positive() {
                continue;
            }
            let category = chart.categories.get(c).map_or("", |c| c.trim());
            let what = if chart.series.len() > 1 {
                format!("{category} × {}", series.name)
            } else {
                category.to_owned()
            };
            let name = format!("{what}: {n} annotations");
            let response = ui
                .interact(rect, plot_id.with(("bar", c, s)), Sense::click())
                .on_hover_text(format!("{name}: click to list them in Coded passages"));
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            // The bar under the pointer or the keyboard focus (Tab) is outlined.
            if response.hovered() || response.has_focus() {
                let stroke = ui.visuals().selection.stroke;
                ui.painter()
                    .rect_stroke(rect, 1.0, stroke, egui::StrokeKind::Outside);
            }
            if response.clicked()
                && let Some(ids) = bars.ids.get(s).and_then(|per| per.get(c))
            {
                clicked = Some(BarClicked {
                    ids: ids.clone(),
                    label: what,
                });
            }
        }
    }
    clicked
}

#[cfg(test)]
mod tests {
    use super::{category_at, short_label};

    #[test]
    fn axis_marks_name_their_category_and_nothing_between() {
        assert_eq!(category_at(-2.0, 3, true), Some(2));
        assert_eq!(category_at(2.0, 3, false), Some(2));
        assert_eq!(category_at(-0.5, 3, true), None);
        assert_eq!(category_at(3.0, 3, false), None);
        assert_eq!(category_at(1.0, 3, true), None);
    }

    #[test]
    fn long_labels_are_elided_and_depth_kept() {
        assert_eq!(short_label("\u{2002}\u{2002}Ports"), "› Ports");
        let long = "x".repeat(40);
        assert_eq!(short_label(&long).chars().count(), 28);
        assert!(short_label(&long).ends_with('…'));
    }
}
