//! What a bar chart shows, built from the analysis values, shared by the
//! window's charts (egui_plot) and the SVG/PNG figures: categories (topics or
//! periods), one or more series of counts (several are stacked), each bar
//! keeping the annotations behind it (the window's drill-down), and the notes
//! a reader needs (undated documents left out of a time chart).

use crate::model::analysis::{Dimension, Frequencies, HeaderKey, Members, OverTime};
use crate::model::codebook::{Codebook, Color};

/// The colour of bars and series that have none of their own (`(no stance)`).
pub const NEUTRAL_BAR: Color = Color::rgb(0x9a, 0xa0, 0xa6);

/// Colours for series the codebook gives none (holders, outlets, coders…),
/// in turn: Okabe and Ito's palette, told apart with colour-blindness too.
pub const SERIES_PALETTE: [Color; 7] = [
    Color::rgb(0xE6, 0x9F, 0x00),
    Color::rgb(0x56, 0xB4, 0xE9),
    Color::rgb(0x00, 0x9E, 0x73),
    Color::rgb(0x00, 0x72, 0xB2),
    Color::rgb(0xD5, 0x5E, 0x00),
    Color::rgb(0xCC, 0x79, 0xA7),
    Color::rgb(0xF0, 0xE4, 0x42),
];

/// One series: a count per category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartSeries {
    /// What it counts ("supportive", "annotations").
    pub name: String,
    /// Its colour (a stance's; the neutral grey when it has none).
    pub color: Color,
    /// Per category, the annotations behind the bar.
    pub members: Vec<Members>,
}

impl ChartSeries {
    /// The bar of category `category` (0 outside the chart).
    pub fn count(&self, category: usize) -> usize {
        self.members.get(category).map_or(0, Members::len)
    }
}

/// A bar chart of counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    /// What it shows, in one line.
    pub title: String,
    /// What the categories are ("topic", "date (month)").
    pub category_axis: String,
    /// What the bars count.
    pub value_axis: String,
    /// The categories, in order (topics indented by depth with en spaces).
    pub categories: Vec<String>,
    /// Per category, a colour of its own (a topic's), overriding the series colour.
    pub category_colors: Option<Vec<Color>>,
    /// The series; several are stacked, in order, from the axis out.
    pub series: Vec<ChartSeries>,
    /// Bars run left to right (long category names, topics) rather than upward.
    pub horizontal: bool,
    /// What a reader needs beside the bars.
    pub notes: Vec<String>,
}

impl BarChart {
    /// The largest stacked total of any category.
    pub fn max_total(&self) -> usize {
        (0..self.categories.len())
            .map(|c| self.series.iter().map(|s| s.count(c)).sum::<usize>())
            .max()
            .unwrap_or(0)
    }

    /// The largest count of any one series in any category (a line chart's top).
    pub fn max_count(&self) -> usize {
        self.series
            .iter()
            .flat_map(|s| s.members.iter().map(Members::len))
            .max()
            .unwrap_or(0)
    }

    /// The colour of series `series`'s bar in `category`.
    pub fn bar_color(&self, series: usize, category: usize) -> Color {
        self.category_colors
            .as_ref()
            .and_then(|colors| colors.get(category).copied())
            .or_else(|| self.series.get(series).map(|s| s.color))
            .unwrap_or(NEUTRAL_BAR)
    }

    /// The annotations per topic of all selected annotations: those coded
    /// with the topic itself, or with it or a sub-topic when
    /// `with_subtopics`; bars in the topics' colours.
    pub fn of_frequencies(
        frequencies: &Frequencies,
        codebook: &Codebook,
        with_subtopics: bool,
    ) -> Self {
        let rows = frequencies
            .groups
            .first()
            .map(|group| group.rows.as_slice())
            .unwrap_or_default();
        let total = frequencies.groups.first().map_or(0, |g| g.annotations);
        let mut categories = Vec::new();
        let mut colors = Vec::new();
        let mut members = Vec::new();
        for row in rows {
            let (depth, color) = match &row.topic.key {
                HeaderKey::Topic(id, depth) => {
                    (*depth, codebook.topic(id).map_or(NEUTRAL_BAR, |t| t.color))
                }
                _ => (0, NEUTRAL_BAR),
            };
            categories.push(format!(
                "{}{}",
                "\u{2002}\u{2002}".repeat(depth),
                row.topic.label
            ));
            colors.push(color);
            let measures = if with_subtopics {
                &row.with_subtopics
            } else {
                &row.own
            };
            members.push(measures.annotations.clone());
        }
        let counted = if with_subtopics {
            "annotations coded with the topic or one of its sub-topics"
        } else {
            "annotations coded with the topic itself (sub-topics counted apart)"
        };
        Self {
            title: format!("Topic frequencies ({total} annotations)"),
            category_axis: "topic".into(),
            value_axis: "annotations".into(),
            categories,
            category_colors: Some(colors),
            series: vec![ChartSeries {
                name: "annotations".into(),
                color: NEUTRAL_BAR,
                members,
            }],
            horizontal: true,
            notes: vec![format!(
                "a bar: {counted}; an annotation with several topics counts under each"
            )],
        }
    }

    /// Counts per period, one stacked series per column of the over-time
    /// matrix (stances, in the scale's order, in their colours); the
    /// `(undated)` row is left out of the bars and named in a note.
    pub fn of_over_time(over_time: &OverTime, codebook: &Codebook) -> Self {
        let matrix = &over_time.matrix;
        let dated: Vec<usize> = (0..matrix.rows.len())
            .filter(|&r| {
                matrix
                    .rows
                    .get(r)
                    .is_some_and(|h| h.key != HeaderKey::Missing)
            })
            .collect();
        // Series the codebook gives no colour take the palette's in turn.
        let mut palette = SERIES_PALETTE.iter().copied().cycle();
        let series: Vec<ChartSeries> = matrix
            .columns
            .iter()
            .enumerate()
            .map(|(c, column)| ChartSeries {
                name: match &column.key {
                    HeaderKey::Topic(_, depth) if *depth > 0 => {
                        format!("{}{}", "› ".repeat(*depth), column.label)
                    }
                    _ => column.label.clone(),
                },
                color: match &column.key {
                    HeaderKey::Stance(id) => codebook.stance(id).map_or(NEUTRAL_BAR, |s| s.color),
                    HeaderKey::Topic(id, _) => codebook.topic(id).map_or(NEUTRAL_BAR, |t| t.color),
                    HeaderKey::Missing => NEUTRAL_BAR,
                    _ => palette.next().unwrap_or(NEUTRAL_BAR),
                },
                members: dated
                    .iter()
                    .map(|&r| matrix.cell(r, c).cloned().unwrap_or_default())
                    .collect(),
            })
            .collect();
        // A series with nothing in any period would only crowd the legend.
        let (series, empty): (Vec<ChartSeries>, Vec<ChartSeries>) = series
            .into_iter()
            .partition(|s: &ChartSeries| s.members.iter().any(|m| !m.is_empty()));
        let mut notes = Vec::new();
        if !empty.is_empty() {
            let names: Vec<&str> = empty
                .iter()
                .map(|s| s.name.trim_start_matches("› "))
                .collect();
            notes.push(format!(
                "left out, with no dated annotation: {}",
                names.join(", ")
            ));
        }
        if matrix.column_dimension == Dimension::Topic {
            notes.push(
                "an annotation counts under each of its topics (and under their parent topics when sub-topics are included), so a period's stack can exceed its annotations"
                    .to_owned(),
            );
        }
        let undated: usize = over_time.undated.iter().map(|d| d.annotations).sum();
        if undated > 0 {
            let named: Vec<String> = over_time
                .undated
                .iter()
                .map(|d| format!("{} ({})", d.title, d.reason))
                .collect();
            notes.push(format!(
                "not in the chart: {undated} annotation(s) in documents without a usable date: {}",
                named.join("; ")
            ));
        }
        Self {
            title: format!(
                "Over time: annotations per {}, by {} ({} annotations)",
                matrix.row_dimension.name(),
                matrix.column_dimension.name(),
                matrix.total
            ),
            category_axis: matrix.row_dimension.name(),
            value_axis: "annotations".into(),
            categories: dated
                .iter()
                .filter_map(|&r| matrix.rows.get(r).map(|h| h.label.clone()))
                .collect(),
            category_colors: None,
            series,
            horizontal: false,
            notes,
        }
    }
}
