//! What the analysis view keeps between frames: the chosen table and pickers,
//! and the last table drawn as a [`Grid`] (labels, cell texts, heat, and the
//! annotation ids behind each cell), recomputed only when the filter, the
//! project revision or a picker changes.

use super::network_graph::NetworkGraphState;
use crate::model::analysis::{
    ActorLevel, AnalysisTable, Context, Cooccurrence, Dimension, Frequencies, Matrix, Network,
    OverTime, Percentages, PeriodLength, Value, cooccurrence_table, frequencies_table,
    matrix_table, over_time_table,
};
use crate::model::ids::AnnotationId;
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use std::collections::BTreeSet;

/// What the user asked of the analysis view.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisIntent {
    /// Show exactly these annotations in the coded-passages view.
    DrillDown {
        /// The annotations behind the clicked cell.
        ids: BTreeSet<AnnotationId>,
        /// The cell in words ("Economy × supportive").
        label: String,
    },
}

/// The table the view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TableKind {
    /// Annotations, characters and documents per topic.
    #[default]
    Frequencies,
    /// Topic × stance.
    TopicStance,
    /// Topic × a document attribute.
    TopicAttribute,
    /// Holder × target, with net polarity.
    Network,
    /// Stances per period of the `date` attribute.
    OverTime,
    /// Topic × topic on the same or overlapping text.
    Cooccurrence,
}

impl TableKind {
    /// Every table, in the picker's order.
    pub const ALL: [Self; 6] = [
        Self::Frequencies,
        Self::TopicStance,
        Self::TopicAttribute,
        Self::Network,
        Self::OverTime,
        Self::Cooccurrence,
    ];

    /// The name in the picker.
    pub fn label(self) -> &'static str {
        match self {
            Self::Frequencies => "Topic frequencies",
            Self::TopicStance => "Topic × stance",
            Self::TopicAttribute => "Topic × attribute",
            Self::Network => "Stance network (holder × target)",
            Self::OverTime => "Over time",
            Self::Cooccurrence => "Co-occurrence",
        }
    }

    /// Does the table have counts that row or column percentages apply to?
    pub fn has_percentages(self) -> bool {
        matches!(
            self,
            Self::TopicStance | Self::TopicAttribute | Self::OverTime
        )
    }
}

/// What the view remembers between frames.
#[derive(Clone, Debug)]
pub struct AnalysisState {
    /// The table shown.
    pub table: TableKind,
    /// The attribute of topic × attribute.
    pub attribute: String,
    /// The period length of over time.
    pub period: PeriodLength,
    /// The level holders and targets are counted at.
    pub level: ActorLevel,
    /// Counts, or row or column percentages.
    pub percentages: Option<Percentages>,
    pub(super) cache: Option<AnalysisCache>,
    /// The network drawn as a graph (or shown as a matrix), laid out once per network.
    pub network_graph: NetworkGraphState,
    /// How many tables were computed (the cache's misses).
    computed: usize,
}

impl Default for AnalysisState {
    fn default() -> Self {
        Self {
            table: TableKind::default(),
            attribute: "outlet".to_owned(),
            period: PeriodLength::Month,
            level: ActorLevel::Actors,
            percentages: None,
            cache: None,
            network_graph: NetworkGraphState::default(),
            computed: 0,
        }
    }
}

/// Everything a table depends on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct CacheKey {
    filter: RetrievalFilter,
    revision: u64,
    annotation_count: usize,
    loaded_texts: usize,
    table: TableKind,
    attribute: String,
    period: PeriodLength,
    level: ActorLevel,
    percentages: Option<Percentages>,
}

/// The grid of one key.
#[derive(Clone, Debug)]
pub(super) struct AnalysisCache {
    key: CacheKey,
    pub(super) grid: Grid,
}

/// A table ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// What the table shows.
    pub title: String,
    /// Header of the label column, then one per cell column.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<GridRow>,
    /// Notes under the table.
    pub notes: Vec<String>,
    /// Do cells colour by net polarity (the network) rather than by size?
    pub polarity: bool,
}

/// One row: its label and cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridRow {
    /// The row's label (topics indented).
    pub label: String,
    /// The cells, one per header after the first.
    pub cells: Vec<GridCell>,
}

/// One cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridCell {
    /// What the cell shows.
    pub text: String,
    /// How strongly to colour it: 0–1 (by size), or −1–1 (by net polarity).
    pub heat: f32,
    /// The annotations behind it, when it counts annotations (the drill-down).
    pub ids: Option<Vec<AnnotationId>>,
}

impl AnalysisState {
    /// How many tables were computed so far (a table is computed again only
    /// when the filter, the project revision or a picker changed).
    pub fn tables_computed(&self) -> usize {
        self.computed
    }

    /// The grid of the current choices over `filter` (its id condition
    /// ignored: the analysis shows everything else the filter keeps).
    pub fn grid(&mut self, workspace: &Workspace, filter: &RetrievalFilter) -> &Grid {
        let key = CacheKey {
            filter: RetrievalFilter {
                annotation_ids: None,
                ..filter.clone()
            },
            revision: workspace.project.revision,
            annotation_count: workspace.project.annotations.len(),
            loaded_texts: workspace.texts.len(),
            table: self.table,
            attribute: self.attribute.clone(),
            period: self.period,
            level: self.level.clone(),
            percentages: self.percentages,
        };
        let cache = match self.cache.take() {
            Some(cache) if cache.key == key => cache,
            _ => {
                self.computed += 1;
                AnalysisCache {
                    grid: compute(workspace, &key),
                    key,
                }
            }
        };
        &self.cache.insert(cache).grid
    }
}

/// Computes the table of `key`.
fn compute(workspace: &Workspace, key: &CacheKey) -> Grid {
    let context = Context::of_filter(workspace, &key.filter, key.level.clone());
    let subtopics = key.filter.include_subtopics;
    let percent = if key.table.has_percentages() {
        key.percentages
    } else {
        None
    };
    let table = match key.table {
        TableKind::Frequencies => frequencies_table(&Frequencies::compute(&context, None)),
        TableKind::TopicStance => matrix_table(
            &Matrix::cross(&context, &Dimension::Topic, &Dimension::Stance),
            percent,
            subtopics,
        ),
        TableKind::TopicAttribute => matrix_table(
            &Matrix::cross(
                &context,
                &Dimension::Topic,
                &Dimension::Attribute(key.attribute.clone()),
            ),
            percent,
            subtopics,
        ),
        TableKind::Network => return network_grid(&context),
        TableKind::OverTime => over_time_table(
            &OverTime::compute(&context, "date", key.period, &Dimension::Stance),
            percent,
            subtopics,
        ),
        TableKind::Cooccurrence => cooccurrence_table(&Cooccurrence::compute(&context), subtopics),
    };
    table_grid(&context, table)
}

/// A plain table as a grid: the first column labels the rows; cells that
/// count annotations are coloured by size and lead to their annotations.
fn table_grid(context: &Context<'_>, table: AnalysisTable) -> Grid {
    let size = |value: &Value| match value {
        Value::Count {
            count,
            members: Some(_),
        } => Some(*count as f64),
        Value::Percent { percent, .. } => Some(percent.unwrap_or(0.0)),
        _ => None,
    };
    let max = table
        .rows
        .iter()
        .flatten()
        .filter_map(size)
        .fold(0.0_f64, f64::max);
    let rows = table
        .rows
        .iter()
        .map(|values| {
            let mut values = values.iter();
            let label = match values.next() {
                Some(Value::Text(text)) => text.clone(),
                _ => String::new(),
            };
            let cells = values
                .map(|value| GridCell {
                    text: match value {
                        Value::Text(text) => text.clone(),
                        Value::Count { count, .. } => count.to_string(),
                        Value::Signed(n) => format!("{n:+}"),
                        Value::Percent { percent, .. } => {
                            percent.map_or_else(|| "–".to_owned(), |p| format!("{p:.0}%"))
                        }
                    },
                    heat: match size(value) {
                        Some(v) if max > 0.0 => (v / max) as f32,
                        _ => 0.0,
                    },
                    ids: value
                        .members()
                        .map(|m| context.ids(m).into_iter().cloned().collect()),
                })
                .collect();
            GridRow { label, cells }
        })
        .collect();
    Grid {
        title: table.title,
        headers: table.headers,
        rows,
        notes: table.notes,
        polarity: false,
    }
}

/// The network as a holder × target matrix: each cell the edge's annotations
/// and net polarity, coloured by net polarity per annotation.
fn network_grid(context: &Context<'_>) -> Grid {
    let network = Network::compute(context);
    let holders: Vec<usize> = (0..network.nodes.len())
        .filter(|&n| network.edges.iter().any(|e| e.holder == n))
        .collect();
    let targets: Vec<usize> = (0..network.nodes.len())
        .filter(|&n| network.edges.iter().any(|e| e.target == n))
        .collect();
    let name = |n: usize| network.node_label(n);
    let max_polarity = network
        .edges
        .iter()
        .map(|e| e.net_polarity.unsigned_abs())
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let mut headers = vec!["holder \\ target".to_owned()];
    headers.extend(targets.iter().map(|&t| name(t)));
    let rows = holders
        .iter()
        .map(|&h| GridRow {
            label: name(h),
            cells: targets
                .iter()
                .map(|&t| {
                    match network
                        .edges
                        .iter()
                        .find(|e| e.holder == h && e.target == t)
                    {
                        Some(edge) => GridCell {
                            text: format!("{} ({:+})", edge.total.len(), edge.net_polarity),
                            heat: edge.net_polarity as f32 / max_polarity,
                            ids: Some(context.ids(&edge.total).into_iter().cloned().collect()),
                        },
                        None => GridCell::default(),
                    }
                })
                .collect(),
        })
        .collect();
    let mut notes = vec![
        "a cell: the holder's annotations toward the target (net polarity: the sum of the stances' polarity)"
            .to_owned(),
    ];
    if !network.without_actors.is_empty() {
        notes.push(format!(
            "{} annotation(s) have neither a holder nor a target and are not in the network",
            network.without_actors.len()
        ));
    }
    Grid {
        title: match &context.rollup.level {
            ActorLevel::Actors => "Stance network: holder → target (actors as coded)".to_owned(),
            ActorLevel::Kind(kind) => {
                format!("Stance network: holder → target (actors rolled up to: {kind})")
            }
        },
        headers,
        rows,
        notes,
        polarity: true,
    }
}
