//! The HTML analysis report: every analysis table of what a filter selects,
//! with the charts inline as SVG (topic frequencies, over time, the stance
//! network), the filter, the actor level, the date and the project written
//! out; one self-contained file in the excerpt report's print style
//! (`html.rs`), tables kept whole on a page where they fit.

use super::html::{HTML_STYLE, escape_html, html_head};
use crate::export::figure::{FigureChoices, FigureKind, OverTimeForm, figure_of_context};
use crate::export::options::ExportOptions;
use crate::model::analysis::{
    ActorLevel, AnalysisTable, Context, Cooccurrence, Dimension, Frequencies, Matrix, Network,
    OverTime, PeriodLength, Value, cooccurrence_table, frequencies_table, matrix_table,
    network_table, over_time_table,
};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Style added to the excerpt report's for tables and figures.
const ANALYSIS_STYLE: &str = r#"
body { max-width: 60rem; }
table { border-collapse: collapse; font: .85rem/1.35 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; margin: .75rem 0; break-inside: auto; }
th, td { border: 1px solid #d9d9de; padding: .2rem .45rem; vertical-align: top; }
th { background: #f1f3f4; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.label { white-space: pre; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
.note { color: #5f6368; font-size: .8rem; margin: .15rem 0; }
section.analysis { margin-bottom: 2rem; }
@media print { section.analysis { break-before: page; } section.analysis:first-of-type { break-before: auto; } }
"#;

/// What the report's tables are computed with besides the filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalysisReportChoices {
    /// The level holders and targets are counted at.
    pub level: ActorLevel,
    /// The attribute of the topic × attribute table (`outlet`).
    pub attribute: String,
    /// The period of the over-time table and chart.
    pub period: PeriodLength,
    /// The document attribute holding the date.
    pub date_key: String,
    /// What the over-time table and chart are split by (stance, topic…).
    pub over_time_by: Dimension,
    /// The over-time chart as stacked bars or lines.
    pub over_time_form: OverTimeForm,
}

/// A value as the report shows it.
fn shown(value: &Value) -> (String, bool) {
    match value {
        Value::Text(text) => (text.clone(), false),
        Value::Count { count, .. } => (count.to_string(), true),
        Value::Signed(n) => (format!("{n:+}"), true),
        Value::Percent {
            percent: Some(p), ..
        } => (format!("{p:.1}%"), true),
        Value::Percent { percent: None, .. } => ("–".to_owned(), true),
    }
}

/// One table as HTML, then its notes.
fn write_table(html: &mut String, table: &AnalysisTable) {
    html.push_str("<table>\n<thead><tr>");
    for header in &table.headers {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape_html(header));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        html.push_str("<tr>");
        for value in row {
            let (text, number) = shown(value);
            let class = if number { "num" } else { "label" };
            let _ = write!(html, "<td class=\"{class}\">{}</td>", escape_html(&text));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
    for note in &table.notes {
        let _ = writeln!(html, "<p class=\"note\">Note: {}</p>", escape_html(note));
    }
}

/// One section: a heading, the chart (inline SVG) if any, the table.
fn write_section(html: &mut String, id: &str, table: &AnalysisTable, chart: Option<String>) {
    let _ = writeln!(
        html,
        "<section class=\"analysis\" id=\"{id}\">\n<h2>{}</h2>",
        escape_html(&table.title)
    );
    if let Some(svg) = chart {
        let _ = writeln!(html, "<figure class=\"chart\">\n{svg}</figure>");
    }
    write_table(html, table);
    html.push_str("</section>\n");
}

/// The report as one HTML document.
fn render(
    context: &Context<'_>,
    choices: &AnalysisReportChoices,
    described: &str,
    options: &ExportOptions,
) -> String {
    let subtopics = context.include_subtopics;
    let figure = |kind| {
        let figure = FigureChoices {
            kind,
            level: choices.level.clone(),
            period: choices.period,
            date_key: choices.date_key.clone(),
            over_time_by: choices.over_time_by.clone(),
            over_time_form: choices.over_time_form,
        };
        Some(figure_of_context(context, &figure, described))
    };
    let attribute = Dimension::Attribute(choices.attribute.clone());
    let sections: Vec<(&str, AnalysisTable, Option<String>)> = vec![
        (
            "frequencies",
            frequencies_table(&Frequencies::compute(context, None)),
            figure(FigureKind::Frequencies),
        ),
        (
            "topic-stance",
            matrix_table(
                &Matrix::cross(context, &Dimension::Topic, &Dimension::Stance),
                None,
                subtopics,
            ),
            None,
        ),
        (
            "topic-attribute",
            matrix_table(
                &Matrix::cross(context, &Dimension::Topic, &attribute),
                None,
                subtopics,
            ),
            None,
        ),
        (
            "network",
            network_table(&Network::compute(context), &choices.level),
            figure(FigureKind::Network),
        ),
        (
            "over-time",
            over_time_table(
                &OverTime::compute(
                    context,
                    &choices.date_key,
                    choices.period,
                    &choices.over_time_by,
                ),
                None,
                subtopics,
            ),
            figure(FigureKind::OverTime),
        ),
        (
            "cooccurrence",
            cooccurrence_table(&Cooccurrence::compute(context), subtopics),
            None,
        ),
    ];
    let title = escape_html(&format!("{}: analysis", options.project_name));
    let mut html = html_head(&title, &format!("{HTML_STYLE}{ANALYSIS_STYLE}"));
    let _ = write!(html, "<header>\n<h1>{title}</h1>\n");
    let _ = writeln!(
        html,
        "<p class=\"meta\">{} annotations · created {} · actors: {}</p>\n<p class=\"meta\">Filter: {}</p>\n</header>",
        context.annotations.len(),
        escape_html(&options.now),
        escape_html(&choices.level.to_string()),
        escape_html(described)
    );
    html.push_str("<nav>\n<h2>Contents</h2>\n<ol>\n");
    for (id, table, _) in &sections {
        let _ = writeln!(
            html,
            "<li><a href=\"#{id}\">{}</a></li>",
            escape_html(&table.title)
        );
    }
    html.push_str("</ol>\n</nav>\n<main>\n");
    for (id, table, chart) in sections {
        write_section(&mut html, id, &table, chart);
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// Writes the analysis report of what `filter` selects; returns how many
/// annotations it counts.
pub fn write_analysis_html(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    choices: &AnalysisReportChoices,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let project = &workspace.project;
    let context = Context::of_filter(workspace, filter, choices.level.clone());
    let described = filter.describe(&project.codebook, &project.documents);
    out.write_all(render(&context, choices, &described, options).as_bytes())?;
    Ok(context.annotations.len())
}
