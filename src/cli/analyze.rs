//! `gloss analyze`: one analysis table of the annotations that pass the filters
//! (the same filter flags and query as `gloss export`), as an aligned table,
//! JSON with the annotation ids behind every count, CSV or XLSX; or, with
//! `--report`, every table with its charts in one HTML file (read-only).

use super::editing;
use super::error::{CliError, Refusal};
use super::filter_args::FilterArgs;
use super::output::Output;
use crate::export::ExportOptions;
use crate::export::analysis::{AnalysisAbout, write_analysis_csv, write_analysis_xlsx};
use crate::export::figure::OverTimeForm;
use crate::export::report::{AnalysisReportChoices, write_analysis_html};
use crate::model::analysis::{
    ActorLevel, AnalysisTable, Context, Cooccurrence, Dimension, Frequencies, Matrix, Network,
    OverTime, Percentages, PeriodLength, Value, cooccurrence_table, frequencies_table,
    matrix_table, network_table, over_time_table,
};
use crate::model::document::attribute;
use crate::model::format::to_pretty_json;
use crate::model::now_timestamp;
use crate::storage;
use serde_json::{Value as Json, json};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Which table `analyze` computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TableArg {
    /// Annotations, coded characters and documents per topic (with and without sub-topics); --by groups them.
    Frequencies,
    /// Topics × stances.
    TopicStance,
    /// Topics × the values of --by (an attribute, or holder, target, document, coder).
    TopicAttribute,
    /// Holder → target edges with counts per stance and net polarity.
    Network,
    /// Counts per --period of the --date attribute, split by --by (default: stance).
    OverTime,
    /// How often two topics code the same or overlapping passages.
    Cooccurrence,
}

/// Percentages instead of counts in a matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum PercentArg {
    /// Of each row's annotations.
    Row,
    /// Of each column's annotations.
    Column,
}

/// Period lengths for `--period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum PeriodArg {
    Month,
    Quarter,
    Year,
}

/// The command line of `gloss analyze`.
#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    path: PathBuf,
    /// The table to compute.
    #[arg(long, value_enum, required_unless_present = "report")]
    table: Option<TableArg>,
    /// Group or split by: a document attribute (outlet, author, year, language, …),
    /// or topic, stance, holder, target, document, coder.
    #[arg(long, value_name = "ATTRIBUTE")]
    by: Option<String>,
    /// Count holders and targets at this level: actors (as coded), countries,
    /// persons, organisations, or a kind of the project's own (see `gloss codebook set-kind`);
    /// --holder and --target then also keep the actors that roll up to the ones named.
    #[arg(long, value_name = "LEVEL", default_value = "actors")]
    level: String,
    /// Period of `over-time`.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    period: PeriodArg,
    /// The document attribute holding the date (ISO 8601) for `over-time`.
    #[arg(long, value_name = "ATTRIBUTE", default_value = attribute::DATE)]
    date: String,
    /// Percentages of each row's or column's annotations instead of counts (matrices).
    #[arg(long, value_enum)]
    percent: Option<PercentArg>,
    /// One JSON object: headers, rows, and the annotation ids behind every count.
    #[arg(long, conflicts_with_all = ["csv", "xlsx"])]
    json: bool,
    /// CSV (UTF-8 with BOM, as `gloss export --format csv`).
    #[arg(long, conflicts_with = "xlsx")]
    csv: bool,
    /// Write an Excel workbook to OUT (the table and an "About" sheet).
    #[arg(long, value_name = "OUT")]
    xlsx: Option<PathBuf>,
    /// Write the table, JSON or CSV to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write every table with its charts (inline SVG) as one self-contained HTML
    /// file to OUT; --by names the attribute of topic × attribute (default: outlet).
    #[arg(long, value_name = "OUT", conflicts_with_all = ["table", "json", "csv", "xlsx", "out", "percent"])]
    report: Option<PathBuf>,
    /// In the report, split the over-time chart by this instead of stance (as --by
    /// takes it: topic, holder, target, document, coder or an attribute).
    #[arg(long, value_name = "DIMENSION", conflicts_with = "table")]
    over_time_by: Option<String>,
    /// In the report, draw over time as lines instead of stacked bars.
    #[arg(long, conflicts_with = "table")]
    lines: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Runs `gloss analyze`.
pub(crate) fn run(args: &AnalyzeArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let opened = editing::open(&args.path)?;
    let workspace = &opened.workspace;
    let project = &workspace.project;
    let mut filter = args.filter.to_filter(project)?;
    let level = ActorLevel::parse(&args.level, &project.codebook).map_err(Refusal::Level)?;
    // --holder and --target name actors at the level the table counts them at.
    if let ActorLevel::Kind(kind) = &level {
        filter.actor_level = Some(kind.clone());
    }
    if let Some(file) = &args.report {
        let choices = AnalysisReportChoices {
            level,
            attribute: args
                .by
                .clone()
                .unwrap_or_else(|| attribute::OUTLET.to_owned()),
            period: period_length(args.period),
            date_key: args.date.clone(),
            over_time_by: args
                .over_time_by
                .as_deref()
                .map_or(Dimension::Stance, Dimension::parse),
            over_time_form: if args.lines {
                OverTimeForm::Lines
            } else {
                OverTimeForm::StackedBars
            },
        };
        let options = ExportOptions {
            project_name: opened.location.project_name(),
            now: now_timestamp(),
        };
        let mut bytes = Vec::new();
        let annotations = write_analysis_html(workspace, &filter, &choices, &options, &mut bytes)
            .map_err(CliError::Output)?;
        storage::write_atomically(file, &bytes).map_err(CliError::Write)?;
        output.remark(&format!(
            "wrote the analysis report of {annotations} annotations to {}",
            file.display()
        ));
        return Ok(());
    }
    let Some(kind) = args.table else {
        return Err(Refusal::AnalysisOptions("give --table TABLE or --report OUT".into()).into());
    };
    let context = Context::of_filter(workspace, &filter, level.clone());
    let table = compute(args, kind, &context)?;
    let about = AnalysisAbout {
        filter: filter.describe(&project.codebook, &project.documents),
        level: level.to_string(),
    };
    if let Some(file) = &args.xlsx {
        let options = ExportOptions {
            project_name: opened.location.project_name(),
            now: now_timestamp(),
        };
        let mut bytes = Vec::new();
        let notes =
            write_analysis_xlsx(&table, &about, &options, &mut bytes).map_err(Refusal::Export)?;
        for note in &notes {
            output.remark(note);
        }
        return storage::write_atomically(file, &bytes).map_err(CliError::Write);
    }
    let bytes = if args.csv {
        let mut bytes = Vec::new();
        write_analysis_csv(&table, &mut bytes).map_err(CliError::Output)?;
        bytes
    } else if args.json {
        to_pretty_json(&json_of(&table, &context, &about, kind)).into_bytes()
    } else {
        text_of(&table, &about).into_bytes()
    };
    match &args.out {
        Some(file) => storage::write_atomically(file, &bytes).map_err(CliError::Write),
        None if args.csv => output.print_bytes(&bytes),
        None => output.print(&String::from_utf8_lossy(&bytes)),
    }
}

/// The table the flags ask for; refuses flags the table does not take.
fn compute(
    args: &AnalyzeArgs,
    kind: TableArg,
    context: &Context<'_>,
) -> Result<AnalysisTable, Refusal> {
    let by = args.by.as_deref().map(Dimension::parse);
    let percent = args.percent.map(|p| match p {
        PercentArg::Row => Percentages::Row,
        PercentArg::Column => Percentages::Column,
    });
    let refuse = |what: &str| {
        Err(Refusal::AnalysisOptions(format!(
            "--table {} does not take {what}",
            table_name(kind)
        )))
    };
    let matrices = matches!(
        kind,
        TableArg::TopicStance | TableArg::TopicAttribute | TableArg::OverTime
    );
    if percent.is_some() && !matrices {
        return refuse("--percent");
    }
    let subtopics = context.include_subtopics;
    Ok(match kind {
        TableArg::Frequencies => frequencies_table(&Frequencies::compute(context, by.as_ref())),
        TableArg::TopicStance => {
            if by.is_some() {
                return refuse("--by (it is topics × stances; see --table topic-attribute)");
            }
            let matrix = Matrix::cross(context, &Dimension::Topic, &Dimension::Stance);
            matrix_table(&matrix, percent, subtopics)
        }
        TableArg::TopicAttribute => {
            let Some(by) = by else {
                return Err(Refusal::AnalysisOptions(
                    "--table topic-attribute needs --by ATTRIBUTE (e.g. --by outlet)".into(),
                ));
            };
            matrix_table(
                &Matrix::cross(context, &Dimension::Topic, &by),
                percent,
                subtopics,
            )
        }
        TableArg::Network => {
            if by.is_some() {
                return refuse("--by");
            }
            network_table(&Network::compute(context), &context.rollup.level)
        }
        TableArg::OverTime => {
            let length = period_length(args.period);
            let columns = by.unwrap_or(Dimension::Stance);
            let over_time = OverTime::compute(context, &args.date, length, &columns);
            over_time_table(&over_time, percent, subtopics)
        }
        TableArg::Cooccurrence => {
            if by.is_some() {
                return refuse("--by");
            }
            cooccurrence_table(&Cooccurrence::compute(context), subtopics)
        }
    })
}

/// The period length `--period` names.
fn period_length(period: PeriodArg) -> PeriodLength {
    match period {
        PeriodArg::Month => PeriodLength::Month,
        PeriodArg::Quarter => PeriodLength::Quarter,
        PeriodArg::Year => PeriodLength::Year,
    }
}

/// The table's name as `--table` spells it.
fn table_name(table: TableArg) -> &'static str {
    match table {
        TableArg::Frequencies => "frequencies",
        TableArg::TopicStance => "topic-stance",
        TableArg::TopicAttribute => "topic-attribute",
        TableArg::Network => "network",
        TableArg::OverTime => "over-time",
        TableArg::Cooccurrence => "cooccurrence",
    }
}

/// A value as the aligned table shows it.
fn shown(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Count { count, .. } => count.to_string(),
        Value::Signed(n) if *n > 0 => format!("+{n}"),
        Value::Signed(n) => n.to_string(),
        Value::Percent {
            percent: Some(p), ..
        } => format!("{p:.1}%"),
        Value::Percent { percent: None, .. } => "–".into(),
    }
}

/// The readable table: title, filter, aligned columns (text left, numbers right), notes.
fn text_of(table: &AnalysisTable, about: &AnalysisAbout) -> String {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(shown).collect())
        .collect();
    let width = |column: usize| {
        cells
            .iter()
            .filter_map(|row| row.get(column))
            .chain(table.headers.get(column))
            .map(|text| text.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..table.headers.len()).map(width).collect();
    let numeric = |column: usize| {
        table
            .rows
            .iter()
            .all(|row| !matches!(row.get(column), Some(Value::Text(_))))
    };
    let line = |texts: &mut dyn Iterator<Item = &String>| {
        let mut out = String::new();
        for (column, text) in texts.enumerate() {
            let pad = widths
                .get(column)
                .copied()
                .unwrap_or(0)
                .saturating_sub(text.chars().count());
            if column > 0 {
                out.push_str("  ");
            }
            if numeric(column) && column > 0 {
                out.push_str(&" ".repeat(pad));
                out.push_str(text);
            } else {
                out.push_str(text);
                out.push_str(&" ".repeat(pad));
            }
        }
        out.trim_end().to_owned()
    };
    let mut text = format!(
        "{}\nfilter: {}; actors: {}\n\n",
        table.title, about.filter, about.level
    );
    let _ = writeln!(text, "{}", line(&mut table.headers.iter()));
    for row in &cells {
        let _ = writeln!(text, "{}", line(&mut row.iter()));
    }
    for note in &table.notes {
        let _ = writeln!(text, "note: {note}");
    }
    text
}

/// The JSON form: every row as values, and beside it the ids behind each count.
fn json_of(
    table: &AnalysisTable,
    context: &Context<'_>,
    about: &AnalysisAbout,
    kind: TableArg,
) -> Json {
    let value = |v: &Value| match v {
        Value::Text(text) => json!(text),
        Value::Count { count, .. } => json!(count),
        Value::Signed(n) => json!(n),
        Value::Percent { percent, .. } => json!(percent),
    };
    let ids = |v: &Value| match v.members() {
        Some(members) => json!(context.ids(members)),
        None => Json::Null,
    };
    json!({
        "table": table_name(kind),
        "title": table.title,
        "filter": about.filter,
        "level": about.level,
        "headers": table.headers,
        "rows": table.rows.iter().map(|row| row.iter().map(value).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "annotations": table.rows.iter().map(|row| row.iter().map(ids).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "notes": table.notes,
    })
}
