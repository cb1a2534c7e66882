//! Counts over time as a line chart in SVG: one line per series (a stance, a
//! topic, a holder…) through its count in each period, a dot on every period
//! with a `<title>` ("2020-09 × Economy: 3") that viewers show on hover, value
//! gridlines at round numbers, the series' legend above the plot and the
//! caption (the chart's notes, the filter) under it.

use super::bars::{category_axis, count_gridlines, label_every, series_legend};
use super::chart::BarChart;
use super::svg::FIGURE_WIDTH;
use super::svg::{Anchor, MARGIN, Svg, TextStyle, escape_xml};
use std::fmt::Write as _;

/// Height of the plot.
const PLOT_POINTS: f32 = 300.0;
/// Size of tick and category labels.
const LABEL_SIZE: f32 = 11.0;
/// Size of the title.
const TITLE_SIZE: f32 = 16.0;
/// Radius of a period's dot.
const DOT_RADIUS: f32 = 3.0;

/// The chart's series as lines, with `caption` under it.
pub fn line_chart_svg(chart: &BarChart, caption: &[String]) -> String {
    let mut svg = Svg::new(FIGURE_WIDTH);
    svg.text(
        [MARGIN, MARGIN + TITLE_SIZE],
        TextStyle::plain(TITLE_SIZE).bold(),
        &chart.title,
    );
    let y = series_legend(&mut svg, chart, MARGIN + TITLE_SIZE + 22.0);
    let y = plot(&mut svg, chart, y + 12.0);
    let mut lines = chart.notes.clone();
    lines.extend(caption.iter().cloned());
    let bottom = svg.caption(y + 8.0, &lines);
    svg.finish(bottom + MARGIN, &chart.title)
}

/// The gridlines, the lines and their dots, the period labels; returns the
/// y under the plot.
fn plot(svg: &mut Svg, chart: &BarChart, top: f32) -> f32 {
    let left = MARGIN + 36.0;
    let right = svg.width() - MARGIN;
    let plot_top = top + 8.0;
    let bottom = plot_top + PLOT_POINTS;
    let max = chart.max_count().max(1);
    let scale = PLOT_POINTS / max as f32;
    count_gridlines(svg, [left, right], bottom, max, scale);
    let count = chart.categories.len().max(1);
    let band = (right - left) / count as f32;
    let x_of = |c: usize| left + c as f32 * band + band / 2.0;
    for series in &chart.series {
        let color = escape_xml(&series.color.to_string());
        let points: Vec<[f32; 2]> = (0..chart.categories.len())
            .map(|c| [x_of(c), bottom - series.count(c) as f32 * scale])
            .collect();
        if points.len() > 1 {
            let mut path = String::new();
            for [x, y] in &points {
                let _ = write!(path, "{x:.1},{y:.1} ");
            }
            svg.raw(&format!(
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
                path.trim_end()
            ));
        }
        for (c, [x, y]) in points.iter().enumerate() {
            let category = chart.categories.get(c).map_or("", |c| c.trim());
            let title = format!("{category} × {}: {}", series.name, series.count(c));
            svg.raw(&format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{DOT_RADIUS}\" fill=\"{color}\"><title>{}</title></circle>",
                escape_xml(&title)
            ));
        }
    }
    let every = label_every(chart, band);
    for (c, category) in chart.categories.iter().enumerate() {
        if c % every == 0 {
            let style = TextStyle::plain(LABEL_SIZE - 1.0).anchored(Anchor::Middle);
            svg.text([x_of(c), bottom + 14.0], style, category);
        }
    }
    category_axis(svg, chart, [left, right], bottom)
}
