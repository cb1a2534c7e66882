//! Readable reports of the retrieved excerpts, grouped by topic then document,
//! each with a citation (title, outlet, date, line, chars) and its stance:
//! Markdown ([`write_markdown`]) and one self-contained HTML file that prints
//! well ([`write_html`]).
//!
//! One model (`model.rs`: grouping, citations, stance text, memos, contexts;
//! line numbers from `line_index.rs`) feeds two thin renderers
//! (`markdown.rs`, `html.rs`), so both say the same. A new citation part (a page
//! number) starts in the model.
//!
//! `analysis.rs`: the HTML analysis report ([`write_analysis_html`]): every
//! analysis table with the charts inline as SVG, in the same print style.

mod analysis;
mod html;
mod line_index;
mod markdown;
mod model;

pub use analysis::{AnalysisReportChoices, write_analysis_html};

use crate::export::options::ExportOptions;
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use html::render_html;
use markdown::render_markdown;
use model::ReportModel;
use std::io::{self, Write};

/// Builds the report of what passes `filter`, renders it, writes it; returns
/// how many annotations it holds.
fn write_report(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
    render: fn(&ReportModel<'_>) -> String,
) -> io::Result<usize> {
    let report = ReportModel::build(workspace, filter, options);
    out.write_all(render(&report).as_bytes())?;
    Ok(report.annotations)
}

/// Writes the Markdown report; returns how many annotations it holds.
pub fn write_markdown(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<usize> {
    write_report(workspace, filter, options, out, render_markdown)
}

/// Writes the HTML report; returns how many annotations it holds.
pub fn write_html(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<usize> {
    write_report(workspace, filter, options, out, render_html)
}
