//! Every analysis as one plain table (title, headers, rows of values, notes):
//! what the command line prints, and what the CSV and XLSX exports write.
//! Count cells keep the annotations behind them, so any front end can list
//! their ids (`gloss analyze --json` does).

use super::axis::{Dimension, Header, HeaderKey};
use super::context::Members;
use super::cooccurrence::Cooccurrence;
use super::frequencies::{Frequencies, Measures};
use super::matrix::{Matrix, Percentages};
use super::network::Network;
use super::over_time::OverTime;
use super::rollup::ActorLevel;

/// One cell of an analysis table.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A label (a topic, a stance, a period…).
    Text(String),
    /// A count; `members` are the annotations behind it when it counts annotations.
    Count {
        /// The number shown.
        count: usize,
        /// The annotations behind it, if it counts annotations.
        members: Option<Members>,
    },
    /// A signed number (a net polarity).
    Signed(i64),
    /// A percentage (0–100) of the annotations behind it; `None` when its total is 0.
    Percent {
        /// The percentage.
        percent: Option<f64>,
        /// The annotations the cell counts.
        members: Members,
    },
}

impl Value {
    fn annotations(members: &Members) -> Self {
        Self::Count {
            count: members.len(),
            members: Some(members.clone()),
        }
    }

    fn number(count: usize) -> Self {
        Self::Count {
            count,
            members: None,
        }
    }

    /// The annotations behind the cell, if it counts annotations.
    pub fn members(&self) -> Option<&Members> {
        match self {
            Self::Count { members, .. } => members.as_ref(),
            Self::Percent { members, .. } => Some(members),
            Self::Text(_) | Self::Signed(_) => None,
        }
    }
}

/// An analysis as a table.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisTable {
    /// What the table shows, in one line.
    pub title: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of values, one per header each.
    pub rows: Vec<Vec<Value>>,
    /// What a reader must know beside the numbers (undated documents, annotations left out).
    pub notes: Vec<String>,
    /// Is the last row the column totals (a cross table's "annotations" row)?
    pub total_row: bool,
    /// Is the last column the row totals?
    pub total_column: bool,
}

/// A header's label, topics indented two spaces per level.
fn label(header: &Header) -> String {
    match &header.key {
        HeaderKey::Topic(_, depth) => format!("{}{}", "  ".repeat(*depth), header.label),
        _ => header.label.clone(),
    }
}

/// The frequencies table: one row per (group,) topic.
pub fn frequencies_table(frequencies: &Frequencies) -> AnalysisTable {
    let mut headers = Vec::new();
    if let Some(by) = &frequencies.by {
        headers.push(by.name());
    }
    headers.extend(
        [
            "topic",
            "annotations (topic only)",
            "annotations (with sub-topics)",
            "characters (topic only)",
            "characters (with sub-topics)",
            "documents (topic only)",
            "documents (with sub-topics)",
        ]
        .map(str::to_owned),
    );
    let mut rows = Vec::new();
    for group in &frequencies.groups {
        if frequencies.by.is_some() && group.value.is_none() {
            continue; // the overall rows are the ones without --by
        }
        for row in &group.rows {
            let mut values = Vec::new();
            if let Some(value) = &group.value {
                values.push(Value::Text(value.label.clone()));
            }
            values.push(Value::Text(label(&row.topic)));
            let pair = |f: fn(&Measures) -> Value| [f(&row.own), f(&row.with_subtopics)];
            values.extend(pair(|m| Value::annotations(&m.annotations)));
            values.extend(pair(|m| Value::number(m.characters)));
            values.extend(pair(|m| Value::number(m.documents)));
            rows.push(values);
        }
    }
    let total = frequencies.groups.first().map_or(0, |g| g.annotations);
    AnalysisTable {
        title: match &frequencies.by {
            Some(by) => format!("Topic frequencies per {} ({total} annotations)", by.name()),
            None => format!("Topic frequencies ({total} annotations)"),
        },
        headers,
        rows,
        notes: vec![
            "characters: characters covered by at least one of the annotations (overlaps counted once)"
                .into(),
        ],
        total_row: false,
        total_column: false,
    }
}

/// A cross table with a total column and a total row; counts, or percentages of `percent`.
pub fn matrix_table(
    matrix: &Matrix,
    percent: Option<Percentages>,
    subtopics: bool,
) -> AnalysisTable {
    let rows_name = matrix.row_dimension.name();
    let mut headers = vec![format!("{rows_name} \\ {}", matrix.column_dimension.name())];
    headers.extend(matrix.columns.iter().map(|c| c.label.clone()));
    headers.push("annotations".into());
    let mut rows = Vec::new();
    for (r, header) in matrix.rows.iter().enumerate() {
        let mut values = vec![Value::Text(label(header))];
        for c in 0..matrix.columns.len() {
            let members = matrix.cell(r, c).cloned().unwrap_or_default();
            values.push(match percent {
                None => Value::annotations(&members),
                Some(of) => Value::Percent {
                    percent: matrix.percent(r, c, of),
                    members,
                },
            });
        }
        values.push(Value::annotations(
            matrix.row_members(r).unwrap_or(&Members::default()),
        ));
        rows.push(values);
    }
    let mut totals = vec![Value::Text("annotations".into())];
    totals.extend(
        (0..matrix.columns.len())
            .map(|c| Value::annotations(matrix.column_members(c).unwrap_or(&Members::default()))),
    );
    totals.push(Value::annotations(&matrix.all_members()));
    rows.push(totals);
    let what = match percent {
        None => "annotations".to_owned(),
        Some(Percentages::Row) => "% of the row's annotations".to_owned(),
        Some(Percentages::Column) => "% of the column's annotations".to_owned(),
    };
    let mut notes = Vec::new();
    let topic = |d: &Dimension| matches!(d, Dimension::Topic);
    if topic(&matrix.row_dimension) || topic(&matrix.column_dimension) {
        notes.push(
            "\"annotations\" totals count each annotation once, though one with several topics counts under each of them"
                .to_owned(),
        );
    }
    if topic(&matrix.row_dimension) || topic(&matrix.column_dimension) {
        notes.push(if subtopics {
            "a topic's row includes the annotations of its sub-topics".into()
        } else {
            "a topic's row counts only annotations coded with the topic itself (not its sub-topics)"
                .into()
        });
    }
    AnalysisTable {
        title: format!("{rows_name} × {} ({what})", matrix.column_dimension.name()),
        headers,
        rows,
        notes,
        total_row: true,
        total_column: true,
    }
}

/// The network as an edge list: holder, target, one column per stance, total, net polarity.
pub fn network_table(network: &Network, level: &ActorLevel) -> AnalysisTable {
    let mut headers = vec!["holder".to_owned(), "target".to_owned()];
    headers.extend(network.stances.iter().map(|s| s.label.clone()));
    headers.extend(["annotations".to_owned(), "net polarity".to_owned()]);
    let node = |i: usize| network.node_label(i);
    let rows = network
        .edges
        .iter()
        .map(|edge| {
            let mut values = vec![
                Value::Text(node(edge.holder)),
                Value::Text(node(edge.target)),
            ];
            values.extend(edge.by_stance.iter().map(Value::annotations));
            values.push(Value::annotations(&edge.total));
            values.push(Value::Signed(edge.net_polarity));
            values
        })
        .collect();
    let mut notes = Vec::new();
    if !network.without_actors.is_empty() {
        notes.push(format!(
            "{} annotation(s) have neither a holder nor a target and are not in the network",
            network.without_actors.len()
        ));
    }
    notes.push("net polarity: the sum of the stances' polarity over the edge's annotations".into());
    AnalysisTable {
        title: match level {
            ActorLevel::Actors => "Stance network: holder → target (actors as coded)".to_owned(),
            ActorLevel::Kind(kind) => {
                format!("Stance network: holder → target (actors rolled up to: {kind})")
            }
        },
        headers,
        rows,
        notes,
        total_row: false,
        total_column: false,
    }
}

/// Counts per period, and the undated documents as notes.
pub fn over_time_table(
    over_time: &OverTime,
    percent: Option<Percentages>,
    subtopics: bool,
) -> AnalysisTable {
    let mut table = matrix_table(&over_time.matrix, percent, subtopics);
    for document in &over_time.undated {
        table.notes.push(format!(
            "undated: {} ({}), {} annotation(s)",
            document.title, document.reason, document.annotations
        ));
    }
    table
}

/// Topic × topic meetings.
pub fn cooccurrence_table(cooccurrence: &Cooccurrence, subtopics: bool) -> AnalysisTable {
    let mut headers = vec!["topic \\ topic".to_owned()];
    headers.extend(cooccurrence.topics.iter().map(|t| t.label.clone()));
    let rows = cooccurrence
        .topics
        .iter()
        .enumerate()
        .map(|(r, header)| {
            let mut values = vec![Value::Text(label(header))];
            values.extend((0..cooccurrence.topics.len()).map(|c| Value::Count {
                count: cooccurrence.count(r, c),
                members: cooccurrence.cell(r, c).cloned(),
            }));
            values
        })
        .collect();
    let mut notes = vec![
        "a cell counts meetings: annotations coded with both topics, and pairs of overlapping annotations (sharing at least one character) coded with one each"
            .to_owned(),
    ];
    if subtopics {
        notes.push(
            "sub-topics count as their ancestors too; a topic never meets its own ancestors".into(),
        );
    }
    AnalysisTable {
        title: "Topic co-occurrence (same or overlapping passages)".into(),
        headers,
        rows,
        notes,
        total_row: false,
        total_column: false,
    }
}
