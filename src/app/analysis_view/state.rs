//! What the analysis view keeps between frames: the chosen table and pickers,
//! and the last table drawn as a [`Grid`] (labels, cell texts, heat, and the
//! annotation ids behind each cell), recomputed only when the filter, the
//! project revision or a picker changes.

use super::network_graph::NetworkGraphState;
use crate::export::analysis::AnalysisAbout;
use crate::export::figure::{FigureFormat, FigureKind};
use crate::model::analysis::{
    ActorLevel, AnalysisTable, Context, Cooccurrence, Dimension, Edge, Frequencies, Matrix,
    Members, Network, OverTime, Percentages, PeriodLength, Value, cooccurrence_table,
    frequencies_table, matrix_table, network_table, over_time_table,
};
use crate::model::codebook::ActorKind;
use crate::model::document::attribute;
use crate::model::ids::AnnotationId;
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use std::collections::{BTreeSet, HashMap};

/// What the user asked of the analysis view.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisIntent {
    /// Show exactly these annotations in the coded-passages view.
    DrillDown {
        /// The annotations behind the clicked cell.
        ids: BTreeSet<AnnotationId>,
        /// The cell in words ("Economy × supportive").
        label: String,
        /// The level the table counted holders and targets at, so that the
        /// coded-passages filter's holder and target mean what they meant here.
        actor_level: Option<ActorKind>,
    },
    /// Write this figure of the current choices to a file the user picks.
    ExportFigure {
        /// Which figure.
        figure: FigureKind,
        /// SVG or PNG.
        format: FigureFormat,
    },
    /// Write the table shown to a file (asks where first).
    Export(TableFile),
}

/// The file formats the table shown exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFile {
    /// CSV, as `gloss analyze --csv`.
    Csv,
    /// An Excel workbook, as `gloss analyze --xlsx`.
    Xlsx,
}

impl TableFile {
    /// Both, in the menu's order.
    pub const ALL: [Self; 2] = [Self::Csv, Self::Xlsx];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The menu entry ("Table as CSV…").
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "Table as CSV…",
            Self::Xlsx => "Table as Excel workbook (XLSX)…",
        }
    }
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
    /// Counts per period of a date attribute, split by stance, topic or another dimension.
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

/// What over time is split by at first.
pub const OVER_TIME_BY_DEFAULT: &str = "stance";

/// What the view remembers between frames.
#[derive(Clone, Debug)]
pub struct AnalysisState {
    /// The table shown.
    pub table: TableKind,
    /// The attribute of topic × attribute.
    pub attribute: String,
    /// What topic frequencies are given per: `None` overall, else `document`
    /// or a document attribute (as `gloss analyze --by`).
    pub frequencies_by: Option<String>,
    /// The document attribute holding the date of over time.
    pub date_key: String,
    /// The period length of over time.
    pub period: PeriodLength,
    /// What over time is split by, as `gloss analyze --by` spells it:
    /// `stance`, `topic`, `holder`, `target`, `document`, `coder` or a
    /// document attribute.
    pub over_time_by: String,
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
            frequencies_by: None,
            date_key: attribute::DATE.to_owned(),
            period: PeriodLength::Month,
            over_time_by: OVER_TIME_BY_DEFAULT.to_owned(),
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
    frequencies_by: Option<String>,
    date_key: String,
    period: PeriodLength,
    over_time_by: String,
    level: ActorLevel,
    percentages: Option<Percentages>,
}

/// The grid of one key.
#[derive(Clone, Debug)]
pub(super) struct AnalysisCache {
    key: CacheKey,
    pub(super) grid: Grid,
    /// The table as `gloss analyze` gives it (the network as its edge list), for export.
    table: AnalysisTable,
    /// The filter and level, for the export's "About" sheet.
    about: AnalysisAbout,
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
    /// Is it a row or column total (drawn uncoloured)?
    pub total: bool,
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
                actor_level: self.actor_level(),
                ..filter.clone()
            },
            revision: workspace.project.revision,
            annotation_count: workspace.project.annotations.len(),
            loaded_texts: workspace.texts.len(),
            table: self.table,
            attribute: self.attribute.clone(),
            frequencies_by: self.frequencies_by.clone(),
            date_key: self.date_key.clone(),
            period: self.period,
            over_time_by: self.over_time_by.clone(),
            level: self.level.clone(),
            percentages: self.percentages,
        };
        let cache = match self.cache.take() {
            Some(cache) if cache.key == key => cache,
            _ => {
                self.computed += 1;
                let (grid, table, about) = compute(workspace, &key);
                AnalysisCache {
                    grid,
                    table,
                    about,
                    key,
                }
            }
        };
        &self.cache.insert(cache).grid
    }

    /// What over time is split by, as a dimension.
    pub fn over_time_dimension(&self) -> Dimension {
        Dimension::parse(&self.over_time_by)
    }

    /// The level holders and targets are counted at in the table shown: the
    /// picker's in the network, as coded elsewhere.
    pub fn actor_level(&self) -> Option<ActorKind> {
        match (&self.table, &self.level) {
            (TableKind::Network, ActorLevel::Kind(kind)) => Some(kind.clone()),
            _ => None,
        }
    }

    /// The table last shown, as `gloss analyze` gives it (the network as its
    /// edge list), and what the export's "About" sheet says of it.
    pub fn shown_table(&self) -> Option<(AnalysisTable, AnalysisAbout)> {
        self.cache
            .as_ref()
            .map(|cache| (cache.table.clone(), cache.about.clone()))
    }
}

/// Computes the table of `key`: the grid drawn, the table exported, its about.
fn compute(workspace: &Workspace, key: &CacheKey) -> (Grid, AnalysisTable, AnalysisAbout) {
    let project = &workspace.project;
    let level = match &key.filter.actor_level {
        Some(kind) => ActorLevel::Kind(kind.clone()),
        None => ActorLevel::Actors,
    };
    let about = AnalysisAbout {
        filter: key.filter.describe(&project.codebook, &project.documents),
        level: level.to_string(),
    };
    let context = Context::of_filter(workspace, &key.filter, level);
    let subtopics = key.filter.include_subtopics;
    let percent = if key.table.has_percentages() {
        key.percentages
    } else {
        None
    };
    let mut label_columns = 1;
    let table = match key.table {
        TableKind::Frequencies => {
            let by = key.frequencies_by.as_deref().map(Dimension::parse);
            if by.is_some() {
                label_columns = 2;
            }
            frequencies_table(&Frequencies::compute(&context, by.as_ref()))
        }
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
        TableKind::Network => {
            let network = Network::compute(&context);
            let table = network_table(&network, &context.rollup.level);
            return (network_grid(&context, &network), table, about);
        }
        TableKind::OverTime => over_time_table(
            &OverTime::compute(
                &context,
                &key.date_key,
                key.period,
                &Dimension::parse(&key.over_time_by),
            ),
            percent,
            subtopics,
        ),
        TableKind::Cooccurrence => cooccurrence_table(&Cooccurrence::compute(&context), subtopics),
    };
    (table_grid(&context, &table, label_columns), table, about)
}

/// A plain table as a grid: the first `label_columns` columns label the rows
/// (joined by " · "); cells that count annotations are coloured by size
/// (totals are not) and lead to their annotations.
fn table_grid(context: &Context<'_>, table: &AnalysisTable, label_columns: usize) -> Grid {
    let size = |value: &Value| match value {
        Value::Count {
            count,
            members: Some(_),
        } => Some(*count as f64),
        Value::Percent { percent, .. } => Some(percent.unwrap_or(0.0)),
        _ => None,
    };
    let last_row = table.rows.len().saturating_sub(1);
    let width = table.headers.len();
    let is_total = |row: usize, column: usize| {
        (table.total_row && row == last_row) || (table.total_column && column + 1 == width)
    };
    let max = table
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, values)| {
            values
                .iter()
                .enumerate()
                .filter(move |&(c, _)| !is_total(r, c))
                .map(|(_, value)| value)
        })
        .filter_map(size)
        .fold(0.0_f64, f64::max);
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, values)| {
            let label = values
                .iter()
                .take(label_columns)
                .map(|value| match value {
                    Value::Text(text) => text.as_str(),
                    _ => "",
                })
                .collect::<Vec<_>>()
                .join(" · ");
            let cells = values
                .iter()
                .enumerate()
                .skip(label_columns)
                .map(|(c, value)| GridCell {
                    text: match value {
                        Value::Text(text) => text.clone(),
                        Value::Count { count, .. } => count.to_string(),
                        Value::Signed(n) => format!("{n:+}"),
                        Value::Percent { percent, .. } => {
                            percent.map_or_else(|| "–".to_owned(), |p| format!("{p:.0}%"))
                        }
                    },
                    heat: match size(value) {
                        Some(v) if max > 0.0 && !is_total(r, c) => (v / max) as f32,
                        _ => 0.0,
                    },
                    ids: value
                        .members()
                        .map(|m| context.ids(m).into_iter().cloned().collect()),
                    total: is_total(r, c),
                })
                .collect();
            GridRow { label, cells }
        })
        .collect();
    let mut headers = vec![
        table
            .headers
            .iter()
            .take(label_columns)
            .cloned()
            .collect::<Vec<_>>()
            .join(" · "),
    ];
    headers.extend(table.headers.iter().skip(label_columns).cloned());
    Grid {
        title: table.title.clone(),
        headers,
        rows,
        notes: table.notes.clone(),
        polarity: false,
    }
}

/// The network as a holder × target matrix: each cell the edge's annotations
/// and net polarity, coloured by net polarity per annotation; a total column
/// (each holder's annotations), a total row (each target's) and the grand total.
fn network_grid(context: &Context<'_>, network: &Network) -> Grid {
    let holders: Vec<usize> = (0..network.nodes.len())
        .filter(|&n| network.edges.iter().any(|e| e.holder == n))
        .collect();
    let targets: Vec<usize> = (0..network.nodes.len())
        .filter(|&n| network.edges.iter().any(|e| e.target == n))
        .collect();
    let name = |n: usize| network.node_label(n);
    let edge_of: HashMap<(usize, usize), &Edge> = network
        .edges
        .iter()
        .map(|e| ((e.holder, e.target), e))
        .collect();
    let max_polarity = network
        .edges
        .iter()
        .map(|e| e.net_polarity.unsigned_abs())
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    // The distinct annotations of the edges `keep` accepts, as a total cell.
    let total_cell = |keep: &dyn Fn(&Edge) -> bool| {
        let positions: Vec<u32> = network
            .edges
            .iter()
            .filter(|e| keep(e))
            .flat_map(|e| e.total.positions().iter().copied())
            .collect();
        let members = Members::from_positions(positions);
        GridCell {
            text: members.len().to_string(),
            heat: 0.0,
            ids: Some(context.ids(&members).into_iter().cloned().collect()),
            total: true,
        }
    };
    let mut headers = vec!["holder \\ target".to_owned()];
    headers.extend(targets.iter().map(|&t| name(t)));
    headers.push("annotations".to_owned());
    let mut rows: Vec<GridRow> = holders
        .iter()
        .map(|&h| {
            let mut cells: Vec<GridCell> = targets
                .iter()
                .map(|&t| match edge_of.get(&(h, t)) {
                    Some(edge) => GridCell {
                        text: format!("{} ({:+})", edge.total.len(), edge.net_polarity),
                        heat: edge.net_polarity as f32 / max_polarity,
                        ids: Some(context.ids(&edge.total).into_iter().cloned().collect()),
                        total: false,
                    },
                    None => GridCell::default(),
                })
                .collect();
            cells.push(total_cell(&|e| e.holder == h));
            GridRow {
                label: name(h),
                cells,
            }
        })
        .collect();
    if !holders.is_empty() {
        let mut cells: Vec<GridCell> = targets
            .iter()
            .map(|&t| total_cell(&|e| e.target == t))
            .collect();
        cells.push(total_cell(&|_| true));
        rows.push(GridRow {
            label: "annotations".to_owned(),
            cells,
        });
    }
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
