//! `gloss agreement`: intercoder agreement between two or more coders of one
//! project (read-only): per topic and overall, percent agreement and Cohen's
//! kappa per pair and Krippendorff's alpha at character level, MAXQDA's segment
//! view, and agreement on stance, holder and target. Definitions: docs/agreement.md.

use super::editing;
use super::error::{CliError, Refusal};
use super::output::Output;
use crate::model::agreement::character::CharacterAgreement;
use crate::model::agreement::segments::SegmentAgreement;
use crate::model::agreement::stance::FieldAgreement;
use crate::model::agreement::{
    AgreementOptions, AgreementReport, DEFAULT_SEGMENT_OVERLAP_PERCENT, agreement,
};
use crate::model::codebook::CodebookKind;
use crate::model::format::to_pretty_json;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::operations::{OperationError, resolve_id};
use crate::model::project::Project;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Definitions printed under `gloss agreement --help` (in full: docs/agreement.md).
const DEFINITIONS: &str = "\
Units (as NVivo forms them): for each topic, every character of every document in which at
least one compared coder made an annotation, present or absent for each coder. `(all topics)`
counts every topic's units together. Per pair of coders: percent agreement and Cohen's kappa;
over all coders: Krippendorff's alpha (nominal). Without units a figure is `-`; when every
unit carries the same label from every coder, kappa and alpha are 1.
Segments (as MAXQDA): a passage with a topic is agreed when the other coder has a passage
with that topic that shares at least --segment-overlap percent of the chars either covers.
Stance: overlapping passages of two coders sharing a topic are paired one to one (most shared
chars first) and their stance, holder and target compared (\"not coded\" is a value).";

/// The command line of `gloss agreement`.
#[derive(clap::Args, Debug)]
#[command(after_help = DEFINITIONS)]
pub struct AgreementArgs {
    /// Folder or project file.
    path: PathBuf,
    /// The coders to compare, comma-separated (at least two; names as in each annotation's coder).
    #[arg(long, value_delimiter = ',', required = true, value_name = "A,B[,C…]")]
    coders: Vec<String>,
    /// Compare only this topic (repeatable); default: every topic a compared coder used.
    #[arg(long, value_name = "NAME")]
    topic: Vec<String>,
    /// Compare only this document, by path as `gloss stats` lists it (repeatable).
    #[arg(long, value_name = "PATH")]
    doc: Vec<String>,
    /// Segment view: the least overlap of two passages, in percent of the chars either covers.
    #[arg(long, value_name = "PERCENT", default_value_t = DEFAULT_SEGMENT_OVERLAP_PERCENT,
          value_parser = parse_percent)]
    segment_overlap: f64,
    /// Print one JSON object (keys: coders, documents, annotations_without_text, character,
    /// segments, stance).
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV: level,topic,first,second,count,agreed,percent,kappa,alpha.
    #[arg(long)]
    csv: bool,
}

fn parse_percent(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if (0.0..=100.0).contains(&value) => Ok(value),
        _ => Err(format!("`{text}` is not a percentage from 0 to 100")),
    }
}

/// Runs `gloss agreement`.
pub(crate) fn run(args: &AgreementArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let opened = editing::open(&args.path)?;
    let project = &opened.workspace.project;
    let options = options(args, project)?;
    let lengths: HashMap<DocumentId, usize> = project
        .documents
        .iter()
        .filter_map(|d| Some((d.id.clone(), opened.workspace.text(&d.id)?.text.len_chars())))
        .collect();
    let report = agreement(project, &lengths, &options);
    for coder in &report.coders {
        if !project.annotations.iter().any(|a| &a.coder == coder) {
            output.remark(&format!("coder `{coder}` made no annotations"));
        }
    }
    if report.annotations_without_text > 0 {
        output.remark(&format!(
            "{} annotation(s) left out: their document could not be read or they lie outside it",
            report.annotations_without_text
        ));
    }
    let names = TopicNames(project);
    if args.json {
        output.print(&to_pretty_json(&json_report(&report, &names)))
    } else if args.csv {
        output.print(&csv_report(&report, &names))
    } else {
        output.print(&text_report(&report, &names))
    }
}

fn options(args: &AgreementArgs, project: &Project) -> Result<AgreementOptions, CliError> {
    let mut coders: Vec<String> = Vec::new();
    for coder in args.coders.iter().map(|c| c.trim()) {
        if !coder.is_empty() && !coders.iter().any(|c| c == coder) {
            coders.push(coder.to_string());
        }
    }
    if coders.len() < 2 {
        return Err(Refusal::Operation(OperationError::Invalid(
            "--coders needs at least two different coders".to_string(),
        ))
        .into());
    }
    let topics = args
        .topic
        .iter()
        .map(|name| resolve_id(project, CodebookKind::Topic, name).map(TopicId))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Refusal::Operation)?;
    let documents = args
        .doc
        .iter()
        .map(|path| {
            project
                .document_by_path(path)
                .map(|d| d.id.clone())
                .ok_or_else(|| Refusal::UnknownDocument(path.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AgreementOptions {
        coders,
        topics,
        documents,
        segment_overlap_percent: args.segment_overlap,
    })
}

/// Topic ids → names for printing.
struct TopicNames<'a>(&'a Project);

impl TopicNames<'_> {
    fn of(&self, topic: Option<&TopicId>) -> String {
        topic.map_or_else(
            || "(all topics)".to_string(),
            |id| self.0.codebook.topic_name(id).to_string(),
        )
    }
}

fn character_json(agreement: &CharacterAgreement) -> Value {
    json!({ "units": agreement.units, "alpha": agreement.alpha, "pairs": agreement.pairs })
}

fn json_report(report: &AgreementReport, names: &TopicNames<'_>) -> Value {
    let topics: Vec<Value> = report
        .topics
        .iter()
        .map(|t| {
            let mut value = character_json(&t.agreement);
            value["topic"] = json!(names.of(Some(&t.topic)));
            value
        })
        .collect();
    let segments: Vec<Value> = report
        .segments
        .iter()
        .map(|s| json!({ "topic": names.of(s.topic.as_ref()), "pairs": s.pairs }))
        .collect();
    let documents: Vec<&str> = report
        .documents
        .iter()
        .filter_map(|id| names.0.document(id).map(|d| d.path.as_str()))
        .collect();
    json!({
        "coders": report.coders,
        "documents": documents,
        "annotations_without_text": report.annotations_without_text,
        "character": { "topics": topics, "overall": character_json(&report.overall) },
        "segments": {
            "overlap_percent": report.segment_overlap_percent,
            "topics": segments,
            "overall": { "pairs": report.segments_overall.pairs },
        },
        "stance": report.stance,
    })
}

/// A figure to 4 decimals, or `-` when it is undefined.
fn shown(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}

fn text_report(report: &AgreementReport, names: &TopicNames<'_>) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "Coders {} over {} document(s)\n\nCharacter level\n{:<24} {:>10} {:<24} {:>8} {:>8} {:>8}",
        report.coders.join(", "),
        report.documents.len(),
        "TOPIC",
        "UNITS",
        "PAIR",
        "AGREE%",
        "KAPPA",
        "ALPHA"
    );
    let rows = report
        .topics
        .iter()
        .map(|t| (names.of(Some(&t.topic)), &t.agreement))
        .chain([(names.of(None), &report.overall)]);
    for (topic, figures) in rows {
        for pair in &figures.pairs {
            let _ = writeln!(
                text,
                "{topic:<24} {:>10} {:<24} {:>8} {:>8} {:>8}",
                figures.units,
                format!("{} / {}", pair.first, pair.second),
                pair.percent
                    .map_or_else(|| "-".to_string(), |p| format!("{p:.2}")),
                shown(pair.kappa),
                shown(figures.alpha)
            );
        }
    }
    let _ = writeln!(
        text,
        "\nSegment level (overlap >= {}%)\n{:<24} {:<24} {:>9} {:>9} {:>8}",
        report.segment_overlap_percent, "TOPIC", "PAIR", "PASSAGES", "AGREED", "AGREE%"
    );
    for segment in report.segments.iter().chain([&report.segments_overall]) {
        segment_rows(&mut text, segment, names);
    }
    let _ = writeln!(
        text,
        "\nStance, holder, target (passages both coded)\n{:<24} {:>9} {:>15} {:>15} {:>15}",
        "PAIR", "PASSAGES", "STANCE %/K", "HOLDER %/K", "TARGET %/K"
    );
    for pair in &report.stance {
        let field = |f: &FieldAgreement| {
            let percent = f
                .percent
                .map_or_else(|| "-".to_string(), |p| format!("{p:.1}"));
            format!(
                "{percent}/{}",
                f.kappa
                    .map_or_else(|| "-".to_string(), |k| format!("{k:.3}"))
            )
        };
        let _ = writeln!(
            text,
            "{:<24} {:>9} {:>15} {:>15} {:>15}",
            format!("{} / {}", pair.first, pair.second),
            pair.passages,
            field(&pair.stance),
            field(&pair.holder),
            field(&pair.target)
        );
    }
    text
}

fn segment_rows(text: &mut String, segment: &SegmentAgreement, names: &TopicNames<'_>) {
    let topic = names.of(segment.topic.as_ref());
    for pair in &segment.pairs {
        let _ = writeln!(
            text,
            "{topic:<24} {:<24} {:>9} {:>9} {:>8}",
            format!("{} / {}", pair.first, pair.second),
            pair.first_segments + pair.second_segments,
            pair.first_agreed + pair.second_agreed,
            pair.percent
                .map_or_else(|| "-".to_string(), |p| format!("{p:.2}")),
        );
    }
}

fn csv_report(report: &AgreementReport, names: &TopicNames<'_>) -> String {
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut rows: Vec<[String; 9]> = Vec::new();
    let character = report
        .topics
        .iter()
        .map(|t| (names.of(Some(&t.topic)), &t.agreement))
        .chain([(names.of(None), &report.overall)]);
    for (topic, figures) in character {
        for p in &figures.pairs {
            rows.push([
                "character".into(),
                topic.clone(),
                p.first.clone(),
                p.second.clone(),
                figures.units.to_string(),
                (p.both + p.neither).to_string(),
                number(p.percent),
                number(p.kappa),
                number(figures.alpha),
            ]);
        }
    }
    for segment in report.segments.iter().chain([&report.segments_overall]) {
        for p in &segment.pairs {
            rows.push([
                "segment".into(),
                names.of(segment.topic.as_ref()),
                p.first.clone(),
                p.second.clone(),
                (p.first_segments + p.second_segments).to_string(),
                (p.first_agreed + p.second_agreed).to_string(),
                number(p.percent),
                String::new(),
                String::new(),
            ]);
        }
    }
    for p in &report.stance {
        for (level, f) in [
            ("stance", &p.stance),
            ("holder", &p.holder),
            ("target", &p.target),
        ] {
            rows.push([
                level.into(),
                names.of(None),
                p.first.clone(),
                p.second.clone(),
                p.passages.to_string(),
                f.agreed.to_string(),
                number(f.percent),
                number(f.kappa),
                String::new(),
            ]);
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "level", "topic", "first", "second", "count", "agreed", "percent", "kappa", "alpha",
    ];
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
