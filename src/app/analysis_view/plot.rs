//! Draws a chart of `chart.rs` with egui_plot: bars (horizontal for topics,
//! vertical and stacked for periods) or, for counts over time, one line per
//! series with a dot on each period. The plot is fixed (no pan or zoom). Each
//! bar or non-empty dot is also a widget of its own over the plot, named
//! "2020-09 × Economy: 3 annotations" (AccessKit), with that name as its hover
//! label: Tab reaches it (outlined), a click, Enter or Space returns the
//! annotations behind it ([`BarClicked`]).

use crate::app::theme;
use crate::export::figure::{BarChart, OverTimeForm};
use crate::model::ids::AnnotationId;
use egui::{Rect, Sense, vec2};
use egui_plot::{AxisHints, Bar, GridMark, Line, Plot, PlotPoint, Points};

/// A click on a bar or dot: the annotations behind it and the bar in words.
pub(super) struct BarClicked {
    /// The annotations behind the bar.
    pub(super) ids: Vec<AnnotationId>,
    /// "Economy", "2020-09 × supportive".
    pub(super) label: String,
}

/// A chart and the annotations behind each of its bars.
#[derive(Clone, Debug)]
pub(super) struct ChartBars {
    /// What the chart shows.
    pub(super) chart: BarChart,
    /// Per series, per category: the annotation ids (the drill-down).
    pub(super) ids: Vec<Vec<Vec<AnnotationId>>>,
}

/// Height of one horizontal bar's row.
const ROW_POINTS: f32 = 24.0;
/// The smallest and largest height of a chart.
const HEIGHT_RANGE: [f32; 2] = [220.0, 420.0];
/// Share of a category's room its bar takes.
const BAR_WIDTH: f64 = 0.7;
/// The widest a category label may be before it is elided.
const LABEL_MAX_CHARS: usize = 28;
/// Radius of a line's dot, and half the side of the widget over it.
const DOT_RADIUS: f32 = 3.5;
/// Half the side of the square widget over a dot (easier to hit than the dot).
const DOT_HIT_POINTS: f32 = 7.0;

/// The plot in `form` (lines apply to vertical charts only), then one button
/// per bar or dot over it.
pub(super) fn plot_ui(
    ui: &mut egui::Ui,
    bars: &ChartBars,
    form: OverTimeForm,
) -> Option<BarClicked> {
    let chart = &bars.chart;
    let count = chart.categories.len();
    let horizontal = chart.horizontal;
    let lines = form == OverTimeForm::Lines && !horizontal;
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
    let max = if lines {
        chart.max_count()
    } else {
        chart.max_total()
    }
    .max(1) as f64;
    let mut plot = Plot::new("analysis-chart")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show_grid([true, true]);
    if !horizontal {
        legend_ui(ui, chart, lines);
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
            .include_y(max * 1.08)
            .include_x(-0.6)
            .include_x(count as f64 - 0.4)
    };
    let response = if lines {
        plot.show(ui, |plot_ui| lines_ui(plot_ui, chart))
    } else {
        let items = bar_items(chart);
        plot.show(ui, |plot_ui| {
            for item in items {
                plot_ui.bar_chart(item);
            }
        })
    };
    let marks = if lines {
        dot_marks(chart, &response.transform)
    } else {
        bar_marks(chart, &response.transform)
    };
    mark_buttons_ui(ui, bars, &marks, response.response.id)
}

/// The series' colours and names above the plot, wrapped to the width (a
/// legend inside the plot would cover it when there are many series): a dot
/// for lines, a square for bars.
fn legend_ui(ui: &mut egui::Ui, chart: &BarChart, lines: bool) {
    let swatch = if lines { "● " } else { "■ " };
    let text_color = ui.visuals().text_color();
    let font = egui::TextStyle::Small.resolve(ui.style());
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 12.0;
        for series in &chart.series {
            // One label per entry, never broken, so the row wraps between entries.
            let mut job = egui::text::LayoutJob::default();
            let format = |color| egui::TextFormat::simple(font.clone(), color);
            job.append(swatch, 0.0, format(theme::code_color(series.color)));
            job.append(&series.name, 0.0, format(text_color));
            ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
        }
    });
}

/// One line per series through its count in each category, a dot on each.
fn lines_ui(plot_ui: &mut egui_plot::PlotUi<'_>, chart: &BarChart) {
    for series in &chart.series {
        let color = theme::code_color(series.color);
        let points: Vec<[f64; 2]> = (0..chart.categories.len())
            .map(|c| [c as f64, series.count(c) as f64])
            .collect();
        plot_ui.line(
            Line::new(series.name.clone(), points.clone())
                .color(color)
                .width(2.0)
                .allow_hover(false),
        );
        plot_ui.points(
            Points::new(series.name.clone(), points)
                .color(color)
                .radius(DOT_RADIUS)
                .filled(true)
                .allow_hover(false),
        );
    }
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

/// One bar or dot on screen: where, which category and series, its count.
struct Mark {
    rect: Rect,
    category: usize,
    series: usize,
    count: usize,
}

/// The screen rectangle of every non-empty bar, stacked as drawn.
fn bar_marks(chart: &BarChart, transform: &egui_plot::PlotTransform) -> Vec<Mark> {
    let frame = *transform.frame();
    let mut marks = Vec::new();
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
            marks.push(Mark {
                rect,
                category: c,
                series: s,
                count: n,
            });
        }
    }
    marks
}

/// A square around every dot with passages behind it (empty periods lead nowhere).
fn dot_marks(chart: &BarChart, transform: &egui_plot::PlotTransform) -> Vec<Mark> {
    let frame = *transform.frame();
    let mut marks = Vec::new();
    for c in 0..chart.categories.len() {
        for (s, series) in chart.series.iter().enumerate() {
            let n = series.count(c);
            if n == 0 {
                continue;
            }
            let at = transform.position_from_point(&PlotPoint::new(c as f64, n as f64));
            let rect = Rect::from_center_size(at, vec2(2.0, 2.0) * DOT_HIT_POINTS).intersect(frame);
            marks.push(Mark {
                rect,
                category: c,
                series: s,
                count: n,
            });
        }
    }
    marks
}

/// One invisible button over each mark (its name, hover text and click).
fn mark_buttons_ui(
    ui: &egui::Ui,
    bars: &ChartBars,
    marks: &[Mark],
    plot_id: egui::Id,
) -> Option<BarClicked> {
    let chart = &bars.chart;
    let mut clicked = None;
    for mark in marks {
        if !mark.rect.is_positive() {
            continue;
        }
        let (c, s) = (mark.category, mark.series);
        let Some(series) = chart.series.get(s) else {
            continue;
        };
        let category = chart.categories.get(c).map_or("", |c| c.trim());
        let what = if chart.series.len() > 1 || !chart.horizontal {
            format!("{category} × {}", series.name.trim_start_matches("› "))
        } else {
            category.to_owned()
        };
        let name = format!("{what}: {} annotations", mark.count);
        let response = ui
            .interact(mark.rect, plot_id.with(("bar", c, s)), Sense::click())
            .on_hover_text(format!("{name}: click to list them in Coded passages"));
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        // The mark under the pointer or the keyboard focus (Tab) is outlined.
        if response.hovered() || response.has_focus() {
            let stroke = ui.visuals().selection.stroke;
            ui.painter()
                .rect_stroke(mark.rect, 1.0, stroke, egui::StrokeKind::Outside);
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
    clicked
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
