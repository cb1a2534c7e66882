//! `gloss annotate` (one annotation from flags) and `gloss import-annotations`
//! (many from a JSON Lines file, all or nothing): both build the same
//! [`AnnotationRequest`] and check it against the project the same way.

use super::editing::ProjectForEdit;
use super::error::{CliError, LineProblem, Refusal};
use super::output::Output;
use crate::model::annotation::Annotation;
use crate::model::codebook::CodebookKind;
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, StanceId, TopicId};
use crate::model::now_timestamp;
use crate::model::operations;
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use crate::storage;
use std::path::PathBuf;

/// The command line of `gloss annotate`.
#[derive(clap::Args, Debug)]
pub struct AnnotateArgs {
    path: PathBuf,
    /// Document path relative to the project, as `stats` prints it.
    #[arg(long)]
    doc: String,
    /// First char of the passage (Unicode scalar values of the canonical text).
    #[arg(long)]
    start: usize,
    /// One past the last char.
    #[arg(long)]
    end: usize,
    /// Topic name (repeat for several).
    #[arg(long = "topic")]
    topics: Vec<String>,
    #[arg(long)]
    stance: Option<String>,
    #[arg(long)]
    holder: Option<String>,
    #[arg(long)]
    target: Option<String>,
    #[arg(long)]
    memo: Option<String>,
    #[arg(long)]
    coder: Option<String>,
}

/// The command line of `gloss import-annotations`.
#[derive(clap::Args, Debug)]
pub struct ImportAnnotationsArgs {
    path: PathBuf,
    file: PathBuf,
}

/// The fields of one annotation request, by name (from flags or a JSON line).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationRequest {
    #[serde(alias = "document")]
    doc: String,
    start: usize,
    end: usize,
    #[serde(default, alias = "topic", deserialize_with = "one_or_many")]
    topics: Vec<String>,
    stance: Option<String>,
    holder: Option<String>,
    target: Option<String>,
    memo: Option<String>,
    coder: Option<String>,
}

impl From<AnnotateArgs> for AnnotationRequest {
    fn from(args: AnnotateArgs) -> Self {
        Self {
            doc: args.doc,
            start: args.start,
            end: args.end,
            topics: args.topics,
            stance: args.stance,
            holder: args.holder,
            target: args.target,
            memo: args.memo,
            coder: args.coder,
        }
    }
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match serde::Deserialize::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// Builds the annotation a request asks for, or says precisely why not.
fn build_annotation(
    workspace: &Workspace,
    request: &AnnotationRequest,
    now: &str,
) -> Result<Annotation, Refusal> {
    let project = &workspace.project;
    let document = project
        .document_by_path(&request.doc)
        .ok_or_else(|| Refusal::UnknownDocument(request.doc.clone()))?;
    let loaded = workspace
        .text(&document.id)
        .ok_or_else(|| Refusal::UnreadableDocument(document.path.clone()))?;
    let len_chars = loaded.text.len_chars();
    if request.start >= request.end || request.end > len_chars {
        return Err(Refusal::RangeOutside {
            start: request.start,
            end: request.end,
            document: document.path.clone(),
            len_chars,
        });
    }
    let coder = request
        .coder
        .clone()
        .unwrap_or_else(storage::coder_name_from_environment);
    let range = CharRange::new(request.start, request.end);
    let mut annotation = workspace.new_annotation(&document.id, range, &coder, now)?;
    for name in &request.topics {
        let id = TopicId(operations::resolve_id(project, CodebookKind::Topic, name)?);
        if !annotation.topics.contains(&id) {
            annotation.topics.push(id);
        }
    }
    let resolve = |kind, name: &Option<String>| {
        name.as_deref()
            .map(|n| operations::resolve_id(project, kind, n))
            .transpose()
    };
    annotation.stance = resolve(CodebookKind::Stance, &request.stance)?.map(StanceId);
    annotation.holder = resolve(CodebookKind::Actor, &request.holder)?.map(ActorId);
    annotation.target = resolve(CodebookKind::Actor, &request.target)?.map(ActorId);
    annotation.memo = request.memo.clone().unwrap_or_default();
    Ok(annotation)
}

/// Runs `gloss annotate`: adds one annotation and prints its id.
pub(crate) fn run_annotate(args: AnnotateArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let mut project = ProjectForEdit::open(&args.path)?;
    let request = AnnotationRequest::from(args);
    let annotation = build_annotation(&project.opened.workspace, &request, &now_timestamp())?;
    let id = annotation.id.clone();
    project
        .opened
        .workspace
        .apply(Edit::add_annotation(annotation))?;
    project.save(output)?;
    output.print(&format!("{id}\n"))
}

/// Runs `gloss import-annotations`: one undoable batch, or nothing when any line is refused.
pub(crate) fn run_import_annotations(
    args: &ImportAnnotationsArgs,
    output: &mut Output<'_>,
) -> Result<(), CliError> {
    let lines = storage::read_text_file(&args.file).map_err(CliError::Read)?;
    let mut project = ProjectForEdit::open(&args.path)?;
    let now = now_timestamp();
    let mut edits = Vec::new();
    for (index, line) in lines.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let refuse = |problem: LineProblem| Refusal::Line {
            file: args.file.clone(),
            line_number: index + 1,
            problem: Box::new(problem),
        };
        let request: AnnotationRequest =
            serde_json::from_str(line).map_err(|error| refuse(error.into()))?;
        let annotation = build_annotation(&project.opened.workspace, &request, &now)
            .map_err(|refusal| refuse(LineProblem::Refused(refusal)))?;
        edits.push(Edit::add_annotation(annotation));
    }
    let count = edits.len();
    project
        .opened
        .workspace
        .apply(Edit::batch(format!("import {count} annotations"), edits))?;
    project.save(output)?;
    output.print(&format!("imported {count} annotations\n"))
}
