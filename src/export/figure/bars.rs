//! A [`BarChart`] as SVG: horizontal bars (topics, long names) or vertical
//! stacked bars (periods), value gridlines at round numbers, a count at the
//! end of each horizontal bar, a legend above the plot, and the caption (the
//! chart's notes, the filter) under it. Every bar has a `<title>` ("Economy:
//! 12") that viewers show on hover.

use super::chart::BarChart;
use super::svg::{Anchor, FIGURE_WIDTH, GRID, MARGIN, MUTED, Svg, TextStyle, fit_text, text_width};

/// Height of one horizontal bar.
const BAR_POINTS: f32 = 16.0;
/// Space between two horizontal bars.
const BAR_GAP_POINTS: f32 = 6.0;
/// Height of the plot of vertical bars.
const COLUMN_PLOT_POINTS: f32 = 300.0;
/// The widest a vertical bar gets (few periods).
const MAX_COLUMN_POINTS: f32 = 56.0;
/// Size of tick and category labels.
const LABEL_SIZE: f32 = 11.0;
/// Size of the title.
const TITLE_SIZE: f32 = 16.0;

/// A round step for about five gridlines up to `max` (1, 2 or 5 × 10ⁿ, at least 1).
pub(super) fn tick_step(max: usize) -> usize {
    let rough = (max as f64 / 5.0).max(1.0);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= rough)
        .unwrap_or(rough);
    (step.round() as usize).max(1)
}

/// The chart as an SVG document with `caption` under it.
pub fn bar_chart_svg(chart: &BarChart, caption: &[String]) -> String {
    let mut svg = Svg::new(FIGURE_WIDTH);
    svg.text(
        [MARGIN, MARGIN + TITLE_SIZE],
        TextStyle::plain(TITLE_SIZE).bold(),
        &chart.title,
    );
    let mut y = legend(&mut svg, chart, MARGIN + TITLE_SIZE + 22.0);
    y = if chart.horizontal {
        horizontal_plot(&mut svg, chart, y + 12.0)
    } else {
        vertical_plot(&mut svg, chart, y + 12.0)
    };
    let mut lines = chart.notes.clone();
    lines.extend(caption.iter().cloned());
    let bottom = svg.caption(y + 8.0, &lines);
    svg.finish(bottom + MARGIN, &chart.title)
}

/// The legend from `y` (baseline); returns the y under it.
fn legend(svg: &mut Svg, chart: &BarChart, y: f32) -> f32 {
    if chart.category_colors.is_some() || chart.series.len() < 2 {
        let text = format!(
            "bar length: {} per {} (bars in the codebook's colours)",
            chart.value_axis, chart.category_axis
        );
        svg.text([MARGIN, y], TextStyle::plain(11.0).fill(MUTED), &text);
        return y + 6.0;
    }
    series_legend(svg, chart, y)
}

/// A swatch and name per series from `y` (baseline), wrapped to the width;
/// returns the y under it.
pub(super) fn series_legend(svg: &mut Svg, chart: &BarChart, y: f32) -> f32 {
    let mut x = MARGIN;
    let mut y = y;
    for series in &chart.series {
        let width = text_width(&series.name, 11.0) + 30.0;
        if x + width > svg.width() - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 18.0;
        }
        x = svg.legend_entry([x, y], &series.color.to_string(), &series.name);
    }
    y + 6.0
}

/// Bars left to right, one row per category; returns the y under the plot.
fn horizontal_plot(svg: &mut Svg, chart: &BarChart, top: f32) -> f32 {
    let label_width = chart
        .categories
        .iter()
        .map(|c| text_width(c, LABEL_SIZE))
        .fold(0.0_f32, f32::max)
        .min(svg.width() * 0.38)
        + 8.0;
    let left = MARGIN + label_width;
    let right = svg.width() - MARGIN - 36.0; // room for the count after a bar
    let max = chart.max_total().max(1);
    let scale = (right - left) / max as f32;
    let plot_top = top + 14.0;
    let rows = chart.categories.len() as f32;
    let plot_bottom = plot_top + rows * (BAR_POINTS + BAR_GAP_POINTS);
    let step = tick_step(max);
    let mut tick = 0;
    while tick <= max {
        let x = left + tick as f32 * scale;
        svg.line([x, plot_top - 4.0], [x, plot_bottom], GRID, 1.0);
        let label = tick.to_string();
        let style = TextStyle::plain(LABEL_SIZE - 1.0)
            .anchored(Anchor::Middle)
            .fill(MUTED);
        svg.text([x, plot_top - 7.0], style, &label);
        tick += step;
    }
    for (c, category) in chart.categories.iter().enumerate() {
        let y = plot_top + c as f32 * (BAR_POINTS + BAR_GAP_POINTS) + BAR_GAP_POINTS / 2.0;
        let shown = fit_text(category, LABEL_SIZE, label_width - 8.0);
        let style = TextStyle::plain(LABEL_SIZE).anchored(Anchor::End);
        svg.text([left - 6.0, y + BAR_POINTS - 4.0], style, &shown);
        let mut x = left;
        let mut total = 0;
        for (s, series) in chart.series.iter().enumerate() {
            let count = series.count(c);
            if count == 0 {
                continue;
            }
            let width = count as f32 * scale;
            let title = format!("{}: {count}", category.trim());
            let fill = chart.bar_color(s, c).to_string();
            svg.rect([x, y], [width, BAR_POINTS], &fill, Some(&title));
            x += width;
            total += count;
        }
        svg.text(
            [x + 4.0, y + BAR_POINTS - 4.0],
            TextStyle::plain(LABEL_SIZE - 1.0).fill(MUTED),
            &total.to_string(),
        );
    }
    svg.line([left, plot_top - 4.0], [left, plot_bottom], MUTED, 1.0);
    plot_bottom + 6.0
}

/// Stacked bars upward, one column per category; returns the y under the plot.
fn vertical_plot(svg: &mut Svg, chart: &BarChart, top: f32) -> f32 {
    let left = MARGIN + 36.0;
    let right = svg.width() - MARGIN;
    let plot_top = top + 8.0;
    let bottom = plot_top + COLUMN_PLOT_POINTS;
    let max = chart.max_total().max(1);
    let scale = COLUMN_PLOT_POINTS / max as f32;
    count_gridlines(svg, [left, right], bottom, max, scale);
    let count = chart.categories.len().max(1);
    let band = (right - left) / count as f32;
    let bar = (band * 0.72).clamp(1.0, MAX_COLUMN_POINTS);
    let every = label_every(chart, band);
    for (c, category) in chart.categories.iter().enumerate() {
        let x = left + c as f32 * band + (band - bar) / 2.0;
        let mut y = bottom;
        for (s, series) in chart.series.iter().enumerate() {
            let n = series.count(c);
            if n == 0 {
                continue;
            }
            let height = n as f32 * scale;
            y -= height;
            let title = format!("{category} × {}: {n}", series.name);
            let fill = chart.bar_color(s, c).to_string();
            svg.rect([x, y], [bar, height], &fill, Some(&title));
        }
        if c % every == 0 {
            let style = TextStyle::plain(LABEL_SIZE - 1.0).anchored(Anchor::Middle);
            svg.text([x + bar / 2.0, bottom + 14.0], style, category);
        }
    }
    category_axis(svg, chart, [left, right], bottom)
}

/// Horizontal gridlines with their counts, every [`tick_step`] from 0 to
/// `max`, over `[left, right]`, 0 at `bottom`, `scale` points per count.
pub(super) fn count_gridlines(
    svg: &mut Svg,
    [left, right]: [f32; 2],
    bottom: f32,
    max: usize,
    scale: f32,
) {
    let step = tick_step(max);
    let mut tick = 0;
    while tick <= max {
        let y = bottom - tick as f32 * scale;
        svg.line([left, y], [right, y], GRID, 1.0);
        let style = TextStyle::plain(LABEL_SIZE - 1.0)
            .anchored(Anchor::End)
            .fill(MUTED);
        svg.text([left - 6.0, y + 4.0], style, &tick.to_string());
        tick += step;
    }
}

/// Every how many categories one is labelled, so that labels `band` points
/// apart never overlap.
pub(super) fn label_every(chart: &BarChart, band: f32) -> usize {
    let widest = chart
        .categories
        .iter()
        .map(|c| text_width(c, LABEL_SIZE - 1.0))
        .fold(0.0_f32, f32::max);
    ((widest + 8.0) / band).ceil().max(1.0) as usize
}

/// The category axis at `bottom` over `[left, right]` with its name under
/// the labels; returns the y under it.
pub(super) fn category_axis(
    svg: &mut Svg,
    chart: &BarChart,
    [left, right]: [f32; 2],
    bottom: f32,
) -> f32 {
    svg.line([left, bottom], [right, bottom], MUTED, 1.0);
    let style = TextStyle::plain(LABEL_SIZE - 1.0)
        .anchored(Anchor::Middle)
        .fill(MUTED);
    svg.text(
        [(left + right) / 2.0, bottom + 30.0],
        style,
        &chart.category_axis,
    );
    bottom + 36.0
}

#[cfg(test)]
mod tests {
    use super::tick_step;

    #[test]
    fn ticks_are_round_and_about_five() {
        assert_eq!(tick_step(0), 1);
        assert_eq!(tick_step(4), 1);
        assert_eq!(tick_step(10), 2);
        assert_eq!(tick_step(23), 5);
        assert_eq!(tick_step(100), 20);
        assert_eq!(tick_step(480), 100);
    }
}
