//! Counts over time: the selected annotations per period (month, quarter or
//! year of a document date attribute) and per stance, topic or any other
//! dimension. Periods run from the first dated annotation's to the last's,
//! with the empty ones in between listed (a chart must not skip them).
//! Annotations of documents without a usable date are counted in an
//! `(undated)` row, and those documents are named with the reason.

use super::axis::{Dimension, HeaderKey};
use super::context::Context;
use super::matrix::Matrix;
use super::periods::{Period, PeriodLength};
use crate::model::ids::DocumentId;

/// A document whose annotations have no period, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndatedDocument {
    /// The document.
    pub document: DocumentId,
    /// Its title (or file name).
    pub title: String,
    /// `no date`, or the date that could not be placed (`date "2020" is not precise enough for a month`).
    pub reason: String,
    /// How many of the selected annotations are in it.
    pub annotations: usize,
}

/// Period × dimension counts, and the undated documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverTime {
    /// Rows: periods, then `(undated)` if any; columns: the chosen dimension.
    pub matrix: Matrix,
    /// The documents behind the `(undated)` row, in project order.
    pub undated: Vec<UndatedDocument>,
}

impl OverTime {
    /// Counts per period of the date attribute `key`, split by `columns`.
    pub fn compute(
        context: &Context<'_>,
        key: &str,
        length: PeriodLength,
        columns: &Dimension,
    ) -> Self {
        let rows = Dimension::Period {
            key: key.to_owned(),
            length,
        };
        let matrix = Matrix::cross(context, &rows, columns);
        // Selected annotations per document number (see `Context::spans`).
        let mut counts =
            vec![0usize; context.project.documents.len() + context.unknown_documents.len()];
        for span in &context.spans {
            if let Some(count) = counts.get_mut(span.document as usize) {
                *count += 1;
            }
        }
        let mut undated = Vec::new();
        let project = context.project;
        for (document, &annotations) in project.documents.iter().zip(&counts) {
            if annotations == 0 {
                continue;
            }
            let reason = match document.attribute(key).map(str::trim) {
                None | Some("") => format!("no {key}"),
                Some(date) if Period::of_date(date, length).is_none() => {
                    format!("{key} \"{date}\" is not a date precise to the {length}")
                }
                Some(_) => continue,
            };
            undated.push(UndatedDocument {
                document: document.id.clone(),
                title: document.title().to_owned(),
                reason,
                annotations,
            });
        }
        // Annotations of documents the project does not list are undated too.
        let unknown_counts = counts.get(project.documents.len()..).unwrap_or(&[]);
        for (&id, &annotations) in context.unknown_documents.iter().zip(unknown_counts) {
            undated.push(UndatedDocument {
                document: id.clone(),
                title: id.to_string(),
                reason: "unknown document".into(),
                annotations,
            });
        }
        debug_assert!(
            undated.is_empty() || matrix.rows.iter().any(|h| h.key == HeaderKey::Missing)
        );
        Self { matrix, undated }
    }
}
