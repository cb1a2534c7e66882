//! Analysis of coded passages: pure computations over the annotations a
//! [`RetrievalFilter`](crate::model::query::RetrievalFilter) selects, so the
//! retrieval panel, every export and every analysis count the same passages.
//! Definitions (overlap, percentages, roll-up, periods): docs/analysis.md.
//!
//! Build a [`Context`] once per filter and project revision (it runs the
//! query and indexes the selection), then compute any table from it:
//! - `frequencies`: [`Frequencies`], annotations, coded characters and
//!   documents per topic, with and without sub-topics, optionally per value of
//!   a dimension;
//! - `matrix`: [`Matrix`], any dimension × any dimension (topic × stance,
//!   topic × attribute), counts and row or column percentages;
//! - `network`: [`Network`], holder → target edges with counts per stance and
//!   net polarity;
//! - `over_time`: [`OverTime`], counts per month, quarter or year, undated
//!   documents named;
//! - `cooccurrence`: [`Cooccurrence`], topics coding the same or overlapping text;
//! - `layout`: [`NetworkLayout`], where each node of the network is drawn;
//! - `rollup`: [`ActorLevel`] and [`Rollup`], holders and targets counted at
//!   the level of their country (or any kind);
//! - `axis`, `periods`: the dimensions and periods tables are made of;
//! - `table`: any of them as one plain [`AnalysisTable`] for printing and export.
//!
//! Every cell keeps the annotations behind it ([`Members`]; [`Context::ids`]):
//! the drill-down to the passages.

mod axis;
mod context;
mod cooccurrence;
mod frequencies;
mod layout;
mod matrix;
mod network;
mod over_time;
mod periods;
mod rollup;
mod table;

pub use axis::{Dimension, Header, HeaderKey};
pub use context::{Context, Members, TopicRow};
pub use cooccurrence::Cooccurrence;
pub use frequencies::{Frequencies, FrequencyGroup, Measures, TopicFrequency};
pub use layout::{NETWORK_LAYOUT_SEED, NetworkLayout, UnitPoint, layout_network};
pub use matrix::{Matrix, Percentages};
pub use network::{Edge, Network, Node};
pub use over_time::{OverTime, UndatedDocument};
pub use periods::{Period, PeriodLength};
pub use rollup::{ActorLevel, Rollup, UnknownLevel};
pub use table::{
    AnalysisTable, Value, cooccurrence_table, frequencies_table, matrix_table, network_table,
    over_time_table,
};

#[cfg(test)]
mod tests;
