//! Cross tables: topic × stance, topic × attribute (or holder, target,
//! document, coder), period × anything; counts with the annotations behind
//! each cell, and row or column percentages.
//!
//! A cell counts the selected annotations that have its row's value and its
//! column's value. An annotation with several topics counts in several rows;
//! so a row total is the number of distinct annotations in the row, and a
//! column total the number of distinct annotations in the column (see
//! docs/analysis.md: row percentages of a topic row add up to 100 %, column
//! percentages of a stance column can add up to more).

use super::axis::{Axis, Dimension, Header};
use super::context::{Context, Members};

/// Which total a percentage is taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Percentages {
    /// Of the row's distinct annotations.
    Row,
    /// Of the column's distinct annotations.
    Column,
}

/// A cross table of two dimensions of the selected annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// The dimension of the rows.
    pub row_dimension: Dimension,
    /// The dimension of the columns.
    pub column_dimension: Dimension,
    /// Row headers, in order.
    pub rows: Vec<Header>,
    /// Column headers, in order.
    pub columns: Vec<Header>,
    /// Cells, row by row (`rows.len() × columns.len()`).
    cells: Vec<Members>,
    /// Distinct annotations per row.
    pub row_totals: Vec<usize>,
    /// The distinct annotations of each row (the drill-down of a row total).
    row_members: Vec<Members>,
    /// The distinct annotations of each column.
    column_members: Vec<Members>,
    /// Distinct annotations per column.
    pub column_totals: Vec<usize>,
    /// Selected annotations.
    pub total: usize,
}

impl Matrix {
    /// The cross table of `rows` × `columns` over the context's annotations.
    pub fn cross(context: &Context<'_>, rows: &Dimension, columns: &Dimension) -> Self {
        let row_axis = Axis::of(context, rows);
        let column_axis = Axis::of(context, columns);
        let width = column_axis.headers.len();
        let mut cells = vec![Members::default(); row_axis.headers.len() * width];
        let mut row_members = vec![Members::default(); row_axis.headers.len()];
        let mut column_members = vec![Members::default(); width];
        for position in 0..context.annotations.len() {
            let row_values = row_axis.values.of(position);
            let column_values = column_axis.values.of(position);
            for &r in row_values {
                row_members[r as usize].push(position as u32);
                for &c in column_values {
                    cells[r as usize * width + c as usize].push(position as u32);
                }
            }
            for &c in column_values {
                column_members[c as usize].push(position as u32);
            }
        }
        let row_totals = row_members.iter().map(Members::len).collect();
        let column_totals = column_members.iter().map(Members::len).collect();
        Self {
            row_dimension: rows.clone(),
            column_dimension: columns.clone(),
            rows: row_axis.headers,
            columns: column_axis.headers,
            cells,
            row_totals,
            column_totals,
            row_members,
            column_members,
            total: context.annotations.len(),
        }
    }

    /// The annotations behind the cell at `row`, `column` (`None` outside the table).
    pub fn cell(&self, row: usize, column: usize) -> Option<&Members> {
        if column >= self.columns.len() {
            return None;
        }
        self.cells.get(row * self.columns.len() + column)
    }

    /// The distinct annotations of a row (its total; `None` outside the table).
    pub fn row_members(&self, row: usize) -> Option<&Members> {
        self.row_members.get(row)
    }

    /// The distinct annotations of a column (its total; `None` outside the table).
    pub fn column_members(&self, column: usize) -> Option<&Members> {
        self.column_members.get(column)
    }

    /// Every selected annotation (the grand total).
    pub fn all_members(&self) -> Members {
        Members::from_positions((0..self.total as u32).collect())
    }

    /// How many annotations the cell counts (0 outside the table).
    pub fn count(&self, row: usize, column: usize) -> usize {
        self.cell(row, column).map_or(0, Members::len)
    }

    /// The cell as a percentage of its row's or column's total; `None` when that total is 0.
    pub fn percent(&self, row: usize, column: usize, of: Percentages) -> Option<f64> {
        let total = match of {
            Percentages::Row => self.row_totals.get(row),
            Percentages::Column => self.column_totals.get(column),
        }
        .copied()
        .filter(|&t| t > 0)?;
        Some(100.0 * self.count(row, column) as f64 / total as f64)
    }
}
