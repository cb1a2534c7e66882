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
        let mut row_totals = vec![0usize; row_axis.headers.len()];
        let mut column_totals = vec![0usize; width];
        for position in 0..context.annotations.len() {
            let row_values = row_axis.values.of(position);
            let column_values = column_axis.values.of(position);
            for &r in row_values {
                row_totals[r as usize] += 1;
                for &c in column_values {
                    cells[r as usize * width + c as usize].push(position as u32);
                }
            }
            for &c in column_values {
                column_totals[c as usize] += 1;
            }
        }
        Self {
            row_dimension: rows.clone(),
            column_dimension: columns.clone(),
            rows: row_axis.headers,
            columns: column_axis.headers,
            cells,
            row_totals,
            column_totals,
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
