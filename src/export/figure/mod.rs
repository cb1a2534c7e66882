//! Figures for a paper: analysis values → SVG (and PNG at print resolution).
//! Pure: values in, bytes out.
//!
//! - `chart.rs`: [`BarChart`], what a bar chart shows (topic frequencies,
//!   counts per period split by stance, topic or any dimension), shared with the window's charts;
//! - `bars.rs`: a [`BarChart`] as SVG bars; `lines.rs`: counts over time as
//!   lines, one per series ([`OverTimeForm`]); `network.rs`: the stance network as
//!   SVG (placed by [`layout_network`], sized by mentions, coloured by net
//!   polarity, arrows);
//! - `svg.rs`: the SVG writer and [`escape_xml`]; `fonts.rs`: the bundled
//!   Noto Sans; `raster.rs`: SVG → PNG with resvg at [`PRINT_DPI`].
//!
//! Every figure has a legend and the filter written under it.
//! [`figure_svg`] computes a figure from a workspace and a filter, as the
//! window's export and the HTML report need.

mod bars;
mod chart;
mod fonts;
mod lines;
mod network;
mod raster;
mod svg;

pub use bars::bar_chart_svg;
pub use chart::{BarChart, ChartSeries, NEUTRAL_BAR, SERIES_PALETTE};
pub use fonts::{NOTO_SANS, NOTO_SANS_ARABIC, NOTO_SANS_SYMBOLS};
pub use lines::line_chart_svg;
pub use network::network_svg;
pub use raster::{FigureError, PRINT_DPI, png_from_svg};
pub use svg::escape_xml;

use crate::model::analysis::{
    ActorLevel, Context, Dimension, Frequencies, NETWORK_LAYOUT_SEED, Network, OverTime,
    PeriodLength, layout_network,
};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;

/// Which figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// Annotations per topic, as bars.
    Frequencies,
    /// Annotations per period, split by [`FigureChoices::over_time_by`].
    OverTime,
    /// The stance network.
    Network,
}

impl FigureKind {
    /// A short name for file names (`frequencies`, `over-time`, `network`).
    pub fn file_stem(self) -> &'static str {
        match self {
            Self::Frequencies => "frequencies",
            Self::OverTime => "over-time",
            Self::Network => "network",
        }
    }
}

/// How counts over time are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OverTimeForm {
    /// One bar per period, its series stacked.
    #[default]
    StackedBars,
    /// One line per series through its count in each period.
    Lines,
}

impl OverTimeForm {
    /// Both, in the switch's order.
    pub const ALL: [Self; 2] = [Self::StackedBars, Self::Lines];

    /// The name on the switch ("Stacked bars").
    pub fn label(self) -> &'static str {
        match self {
            Self::StackedBars => "Stacked bars",
            Self::Lines => "Lines",
        }
    }

    /// The name as kept in preferences (`bars`, `lines`).
    pub fn key(self) -> &'static str {
        match self {
            Self::StackedBars => "bars",
            Self::Lines => "lines",
        }
    }

    /// The form kept as `key` (stacked bars for anything else).
    pub fn from_key(key: &str) -> Self {
        match key {
            "lines" => Self::Lines,
            _ => Self::StackedBars,
        }
    }
}

/// The file format of an exported figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureFormat {
    /// Scalable vector graphics.
    Svg,
    /// A picture at [`PRINT_DPI`].
    Png,
}

impl FigureFormat {
    /// The name in labels ("SVG").
    pub fn name(self) -> &'static str {
        match self {
            Self::Svg => "SVG",
            Self::Png => "PNG",
        }
    }

    /// The file extension ("svg").
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }
}

/// What a figure is computed with besides the filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureChoices {
    /// Which figure.
    pub kind: FigureKind,
    /// The level holders and targets are counted at (the network).
    pub level: ActorLevel,
    /// The period length (over time).
    pub period: PeriodLength,
    /// The document attribute holding the date (over time).
    pub date_key: String,
    /// What over time is split by (stance, topic, holder, an attribute…).
    pub over_time_by: Dimension,
    /// Over time as stacked bars or lines.
    pub over_time_form: OverTimeForm,
}

/// The lines under a figure: the filter in words, and the actor level when it matters.
pub fn caption_lines(filter_described: &str, level: Option<&ActorLevel>) -> Vec<String> {
    let mut lines = vec![format!("Filter: {filter_described}")];
    if let Some(level) = level {
        lines.push(format!("Actors: {level}"));
    }
    lines
}

/// The figure of the annotations `context` selected, with `filter_described` under it.
pub fn figure_of_context(
    context: &Context<'_>,
    choices: &FigureChoices,
    filter_described: &str,
) -> String {
    let codebook = &context.project.codebook;
    match choices.kind {
        FigureKind::Frequencies => {
            let chart = BarChart::of_frequencies(
                &Frequencies::compute(context, None),
                codebook,
                context.include_subtopics,
            );
            bar_chart_svg(&chart, &caption_lines(filter_described, None))
        }
        FigureKind::OverTime => {
            let over_time = OverTime::compute(
                context,
                &choices.date_key,
                choices.period,
                &choices.over_time_by,
            );
            let chart = BarChart::of_over_time(&over_time, codebook);
            let caption = caption_lines(filter_described, None);
            match choices.over_time_form {
                OverTimeForm::StackedBars => bar_chart_svg(&chart, &caption),
                OverTimeForm::Lines => line_chart_svg(&chart, &caption),
            }
        }
        FigureKind::Network => {
            let network = Network::compute(context);
            let layout = layout_network(&network, NETWORK_LAYOUT_SEED);
            let title = format!(
                "Stance network: holder → target ({} edges, {} actors)",
                network.edges.len(),
                network.nodes.len()
            );
            let mut caption = caption_lines(filter_described, Some(&context.rollup.level));
            if !network.without_actors.is_empty() {
                caption.insert(
                    0,
                    format!(
                        "not drawn: {} annotation(s) with neither a holder nor a target",
                        network.without_actors.len()
                    ),
                );
            }
            network_svg(&network, &layout, &title, &caption)
        }
    }
}

/// The figure of the annotations `filter` selects (its id condition too) in `workspace`.
pub fn figure_svg(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    choices: &FigureChoices,
) -> String {
    let project = &workspace.project;
    let context = Context::of_filter(workspace, filter, choices.level.clone());
    let described = filter.describe(&project.codebook, &project.documents);
    figure_of_context(&context, choices, &described)
}

#[cfg(test)]
mod tests;
