//! The command line: `gloss [PATH]` opens the window; subcommands read, check,
//! edit and export projects from scripts. This is a contract that tests and
//! scripts rely on: flags, JSON keys and exit codes are documented in `--help`.

use crate::export::filter_args::FilterArgs;
use crate::export::{ExportOptions, export_to_bytes};
use crate::import::{ImportFormat, detect_import_format, plan_import};
use crate::model::annotation::Annotation;
use crate::model::check::check_project;
use crate::model::codebook::{CodebookKind, Color};
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, StanceId, TopicId};
use crate::model::operations::{self, OperationError, RemovalPolicy};
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use crate::model::{format::to_pretty_json, now_timestamp};
use crate::storage::{self, OpenedProject, ProjectLock, StorageError};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  `check` found problems (one line each on stderr)
  2  the command line itself is wrong (unknown flag, missing argument)
  3  the project or a document cannot be read (missing, corrupt, newer version)
  4  the request was refused (unknown name, offsets out of range, entry in use); nothing was written
  5  the project could not be written (open in another Gloss, changed on disk, disk error)";

#[derive(Parser, Debug)]
#[command(
    name = "gloss",
    version,
    about = "Read, code and export qualitative research documents.",
    long_about = "Gloss opens a folder of documents (or a gloss.json project file) in a window \
where passages are highlighted and coded with topics, a stance, its holder and its target. \
Without PATH it opens the last project, else the bundled sample.",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Folder or project file to open in the window.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Documents, skipped files and totals of a folder or project (read-only).
    Stats {
        path: PathBuf,
        /// Print one JSON object with keys documents, skipped, missing and totals.
        #[arg(long)]
        json: bool,
    },
    /// Validate a project and its documents (read-only); exit 1 with one line per problem.
    Check { path: PathBuf },
    /// Add one annotation and print its id.
    Annotate(AnnotateArgs),
    /// Edit the codebook: topics, stances and actors.
    Codebook {
        path: PathBuf,
        #[command(subcommand)]
        action: CodebookAction,
    },
    /// Add many annotations from a JSON Lines file (same fields as `annotate`); all or nothing.
    ImportAnnotations { path: PathBuf, file: PathBuf },
    /// Export the annotations that pass the filters (read-only); same filters and output as the window.
    Export {
        path: PathBuf,
        #[arg(long, value_parser = format_parser::<ExportFormat>(ExportFormat::ALL.map(|f| (f.name(), f.description()))))]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Import a REFI-QDA project (.qdpx) or codebook (.qdc), a codebook CSV, or Taguette
    /// highlights (CSV) into a project; prints what could not be mapped, item by item.
    Import {
        /// Folder or project file (a missing folder is created).
        path: PathBuf,
        file: PathBuf,
        /// What FILE is; by default told from its extension and, for CSV, its header.
        #[arg(long, value_parser = format_parser::<ImportFormat>(ImportFormat::ALL.map(|f| (f.name(), f.description()))))]
        format: Option<ImportFormat>,
        /// With Taguette highlights: Taguette's codebook CSV (descriptions, parents).
        #[arg(long)]
        codebook: Option<PathBuf>,
        /// Coder of imported passages that name none (Taguette); default as for `annotate`.
        #[arg(long)]
        coder: Option<String>,
    },
    /// Find passages (read-only). Case- and diacritic-insensitive by default;
    /// Serbian Latin and Cyrillic match each other (`Vucic` finds `Вучић`).
    Search(SearchArgs),
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    pub path: PathBuf,
    /// The text to find (a regular expression with --regex).
    pub query: String,
    /// QUERY is a regular expression (regex crate syntax), matched against the folded text.
    #[arg(long, conflicts_with = "fuzzy")]
    pub regex: bool,
    /// Allow up to N edits (misspellings, OCR noise); without N: 1, or 2 for 10+ chars.
    #[arg(long, value_name = "N", num_args = 0..=1)]
    pub fuzzy: Option<Option<u32>>,
    /// Only hits that are whole words.
    #[arg(long)]
    pub whole_word: bool,
    #[arg(long)]
    pub case_sensitive: bool,
    /// `c` no longer finds `č` (nor `dj` `đ`).
    #[arg(long)]
    pub diacritic_sensitive: bool,
    /// One JSON object per hit and line: document, start, end, text, context_before,
    /// context_after (and edits); start and end count chars of the canonical text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AnnotateArgs {
    pub path: PathBuf,
    /// Document path relative to the project, as `stats` prints it.
    #[arg(long)]
    pub doc: String,
    /// First char of the passage (Unicode scalar values of the canonical text).
    #[arg(long)]
    pub start: usize,
    /// One past the last char.
    #[arg(long)]
    pub end: usize,
    /// Topic name (repeat for several).
    #[arg(long = "topic")]
    pub topics: Vec<String>,
    #[arg(long)]
    pub stance: Option<String>,
    #[arg(long)]
    pub holder: Option<String>,
    #[arg(long)]
    pub target: Option<String>,
    #[arg(long)]
    pub memo: Option<String>,
    #[arg(long)]
    pub coder: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum CodebookAction {
    /// Print topics (as a tree, with counts), stances and actors.
    List,
    AddTopic {
        name: String,
        #[arg(long)]
        parent: Option<String>,
        /// Colour as #RRGGBB.
        #[arg(long)]
        color: Option<String>,
    },
    AddStance {
        name: String,
        /// Positive for supportive, negative for critical, 0 for neutral or mixed.
        #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
        polarity: i32,
        #[arg(long)]
        color: Option<String>,
    },
    AddActor {
        name: String,
    },
    /// Rename an entry (annotations refer to ids and are untouched). KIND: topic, stance or actor.
    Rename {
        kind: CodebookKind,
        old: String,
        new: String,
    },
    /// Remove an entry; if annotations use it, say what to do with them.
    Remove {
        kind: CodebookKind,
        name: String,
        /// Take the entry off the annotations that use it.
        #[arg(long, conflicts_with_all = ["replace_with", "delete_annotations"])]
        detach: bool,
        /// Put this other entry in its place.
        #[arg(long)]
        replace_with: Option<String>,
        /// Delete the annotations that use it.
        #[arg(long)]
        delete_annotations: bool,
    },
    /// Merge topic FROM into topic INTO (annotations of FROM get INTO).
    MergeTopics {
        from: String,
        into: String,
    },
}

pub use crate::export::ExportFormat;

/// A `--format` value: one of the `(name, description)` choices (listed in
/// `--help`), read with the format's `FromStr`.
fn format_parser<T>(
    choices: impl IntoIterator<Item = (&'static str, &'static str)>,
) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    use clap::builder::TypedValueParser as _;
    let values = choices
        .into_iter()
        .map(|(name, help)| clap::builder::PossibleValue::new(name).help(help));
    clap::builder::PossibleValuesParser::new(values).try_map(|name| name.parse::<T>())
}

/// A command's failure, with the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Read(String),
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Write(String),
    #[error("{count} problem(s) found")]
    ProblemsFound { count: usize },
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::ProblemsFound { .. } => 1,
            CliError::Read(_) => 3,
            CliError::Refused(_) => 4,
            CliError::Write(_) => 5,
        }
    }
}

impl From<OperationError> for CliError {
    fn from(error: OperationError) -> Self {
        CliError::Refused(error.to_string())
    }
}

fn read_error(error: StorageError) -> CliError {
    CliError::Read(error.to_string())
}

fn write_error(error: StorageError) -> CliError {
    CliError::Write(error.to_string())
}

/// Runs a subcommand; output goes to `out`, problems to stderr.
pub fn run_command(command: Command, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Stats { path, json } => stats(&path, json, out),
        Command::Check { path } => check(&path, out),
        Command::Annotate(args) => annotate(args, out),
        Command::Codebook { path, action } => codebook(&path, action, out),
        Command::ImportAnnotations { path, file } => import_annotations(&path, &file, out),
        Command::Export {
            path,
            format,
            out: file,
            filter,
        } => export(&path, format, file.as_deref(), &filter, out),
        Command::Import {
            path,
            file,
            format,
            codebook,
            coder,
        } => import(&path, &file, format, codebook.as_deref(), coder, out),
        Command::Search(args) => search(args, out),
    }
}

fn print(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes())
        .map_err(|error| CliError::Write(format!("cannot write output: {error}")))
}

fn stats(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let opened = storage::open_project(path).map_err(read_error)?;
    let project = &opened.workspace.project;
    let mut documents = Vec::new();
    let (mut total_chars, mut total_bytes) = (0usize, 0u64);
    for record in &project.documents {
        let annotations = project.annotations_of(&record.id).count();
        let loaded = opened.workspace.text(&record.id);
        let chars = loaded.map_or(0, |l| l.text.len_chars());
        total_chars += chars;
        total_bytes += loaded.map_or(0, |l| l.size_bytes);
        documents.push(serde_json::json!({
            "path": record.path,
            "title": record.title(),
            "chars": chars,
            "bytes": loaded.map(|l| l.size_bytes),
            "encoding": loaded.map(|l| l.encoding.clone()),
            "line_endings": loaded.map(|l| l.line_endings.to_string()),
            "sha256": loaded.map(|l| l.sha256.clone()),
            "annotations": annotations,
        }));
    }
    let totals = serde_json::json!({
        "documents": project.documents.len() - opened.missing.len(),
        "chars": total_chars,
        "bytes": total_bytes,
        "annotations": project.annotations.len(),
        "skipped": opened.skipped.len(),
        "missing": opened.missing.len(),
    });
    if json {
        let value = serde_json::json!({
            "documents": documents,
            "skipped": opened.skipped,
            "missing": opened.missing,
            "totals": totals,
        });
        return print(out, &to_pretty_json(&value));
    }
    let mut text = String::new();
    text.push_str(&format!(
        "{:<40} {:>10} {:<12} {:<6} {:>5}  {}\n",
        "PATH", "CHARS", "ENCODING", "EOL", "ANN", "TITLE"
    ));
    for doc in &documents {
        let field = |key: &str| doc[key].as_str().unwrap_or("-").to_string();
        text.push_str(&format!(
            "{:<40} {:>10} {:<12} {:<6} {:>5}  {}\n",
            field("path"),
            doc["chars"].as_u64().unwrap_or(0),
            field("encoding"),
            field("line_endings"),
            doc["annotations"].as_u64().unwrap_or(0),
            field("title")
        ));
    }
    for skipped in opened.skipped.iter().chain(&opened.missing) {
        text.push_str(&format!("skipped {}: {}\n", skipped.path, skipped.reason));
    }
    text.push_str(&format!(
        "{} documents, {} chars, {} annotations, {} skipped, {} missing\n",
        totals["documents"],
        total_chars,
        project.annotations.len(),
        opened.skipped.len(),
        opened.missing.len()
    ));
    print(out, &text)
}

fn check(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let opened = storage::open_project(path).map_err(read_error)?;
    let mut lines: Vec<String> = check_project(&opened.workspace.project, &opened.workspace.texts)
        .into_iter()
        .map(|p| p.message)
        .collect();
    for missing in &opened.missing {
        lines.push(format!("{}: {}", missing.path, missing.reason));
    }
    for skipped in &opened.skipped {
        lines.push(format!("{}: skipped, {}", skipped.path, skipped.reason));
    }
    if lines.is_empty() {
        let project = &opened.workspace.project;
        return print(
            out,
            &format!(
                "ok: {} documents, {} annotations, {} topics\n",
                project.documents.len(),
                project.annotations.len(),
                project.codebook.topics.len()
            ),
        );
    }
    let stderr = &mut std::io::stderr();
    for line in &lines {
        let _ = writeln!(stderr, "{line}");
    }
    Err(CliError::ProblemsFound { count: lines.len() })
}

/// Opens a project for editing: locked against other instances.
fn open_for_edit(path: &Path) -> Result<(OpenedProject, ProjectLock), CliError> {
    let opened = storage::open_project(path).map_err(read_error)?;
    let lock = ProjectLock::acquire(&opened.location.project_file).map_err(write_error)?;
    Ok((opened, lock))
}

fn save(opened: &OpenedProject) -> Result<(), CliError> {
    storage::save_project(
        &opened.location.project_file,
        &opened.workspace.project,
        opened.modified_on_disk,
    )
    .map(|_| ())
    .map_err(write_error)
}

/// The fields of one annotation request, by name (from flags or a JSON line).
#[derive(Debug, Default, serde::Deserialize)]
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
) -> Result<Annotation, CliError> {
    let project = &workspace.project;
    let document = project.document_by_path(&request.doc).ok_or_else(|| {
        CliError::Refused(format!(
            "no document `{}` in the project (see `gloss stats`)",
            request.doc
        ))
    })?;
    let loaded = workspace.text(&document.id).ok_or_else(|| {
        CliError::Refused(format!("document `{}` could not be read", document.path))
    })?;
    let length = loaded.text.len_chars();
    if request.start >= request.end || request.end > length {
        return Err(CliError::Refused(format!(
            "range {}..{} is not inside `{}` (0..{length} chars) or is empty",
            request.start, request.end, document.path
        )));
    }
    let coder = request
        .coder
        .clone()
        .unwrap_or_else(storage::coder_name_from_environment);
    let mut annotation = workspace
        .new_annotation(
            &document.id,
            CharRange::new(request.start, request.end),
            &coder,
            now,
        )
        .map_err(|e| CliError::Refused(e.to_string()))?;
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

fn annotate(args: AnnotateArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let (mut opened, _lock) = open_for_edit(&args.path)?;
    let request = AnnotationRequest {
        doc: args.doc,
        start: args.start,
        end: args.end,
        topics: args.topics,
        stance: args.stance,
        holder: args.holder,
        target: args.target,
        memo: args.memo,
        coder: args.coder,
    };
    let annotation = build_annotation(&opened.workspace, &request, &now_timestamp())?;
    let id = annotation.id.clone();
    opened
        .workspace
        .apply(Edit::add_annotation(annotation))
        .map_err(|e| CliError::Refused(e.to_string()))?;
    save(&opened)?;
    print(out, &format!("{id}\n"))
}

fn import_annotations(path: &Path, file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let lines = std::fs::read_to_string(file)
        .map_err(|error| CliError::Read(format!("{}: {error}", file.display())))?;
    let (mut opened, _lock) = open_for_edit(path)?;
    let now = now_timestamp();
    let mut edits = Vec::new();
    for (index, line) in lines.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let request: AnnotationRequest = serde_json::from_str(line).map_err(|error| {
            CliError::Refused(format!("{}:{line_number}: {error}", file.display()))
        })?;
        let annotation = build_annotation(&opened.workspace, &request, &now).map_err(|error| {
            CliError::Refused(format!("{}:{line_number}: {error}", file.display()))
        })?;
        edits.push(Edit::add_annotation(annotation));
    }
    let count = edits.len();
    opened
        .workspace
        .apply(Edit::batch(format!("import {count} annotations"), edits))
        .map_err(|e| CliError::Refused(e.to_string()))?;
    save(&opened)?;
    print(out, &format!("imported {count} annotations\n"))
}

fn parse_color(color: Option<&str>) -> Result<Option<Color>, CliError> {
    color
        .map(|c| {
            c.parse::<Color>()
                .map_err(|e| CliError::Refused(e.to_string()))
        })
        .transpose()
}

fn codebook(path: &Path, action: CodebookAction, out: &mut dyn Write) -> Result<(), CliError> {
    if let CodebookAction::List = action {
        return codebook_list(path, out);
    }
    let (mut opened, _lock) = open_for_edit(path)?;
    let project = &opened.workspace.project;
    let (edit, message) = match action {
        CodebookAction::List => unreachable!("handled above"),
        CodebookAction::AddTopic {
            name,
            parent,
            color,
        } => {
            let color = parse_color(color.as_deref())?;
            let (edit, id) = operations::add_topic(project, &name, parent.as_deref(), color)?;
            (edit, format!("{id}\n"))
        }
        CodebookAction::AddStance {
            name,
            polarity,
            color,
        } => {
            let color = parse_color(color.as_deref())?;
            let (edit, id) = operations::add_stance(project, &name, polarity, color)?;
            (edit, format!("{id}\n"))
        }
        CodebookAction::AddActor { name } => {
            let (edit, id) = operations::add_actor(project, &name)?;
            (edit, format!("{id}\n"))
        }
        CodebookAction::Rename { kind, old, new } => (
            operations::rename(project, kind, &old, &new)?,
            format!("renamed {kind} `{old}` to `{new}`\n"),
        ),
        CodebookAction::Remove {
            kind,
            name,
            detach,
            replace_with,
            delete_annotations,
        } => {
            let policy = match (detach, replace_with, delete_annotations) {
                (true, _, _) => RemovalPolicy::Detach,
                (_, Some(other), _) => RemovalPolicy::ReplaceWith(other),
                (_, None, true) => RemovalPolicy::DeleteAnnotations,
                _ => RemovalPolicy::Refuse,
            };
            (
                operations::remove(project, kind, &name, &policy)?,
                format!("removed {kind} `{name}`\n"),
            )
        }
        CodebookAction::MergeTopics { from, into } => (
            operations::merge_topics(project, &from, &into)?,
            format!("merged topic `{from}` into `{into}`\n"),
        ),
    };
    opened
        .workspace
        .apply(edit)
        .map_err(|e| CliError::Refused(e.to_string()))?;
    save(&opened)?;
    print(out, &message)
}

fn codebook_list(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let opened = storage::open_project(path).map_err(read_error)?;
    let project = &opened.workspace.project;
    let codebook = &project.codebook;
    let mut text = String::from("Topics:\n");
    for (depth, topic) in codebook.topic_tree() {
        text.push_str(&format!(
            "  {}{} {} ({} annotation{})\n",
            "  ".repeat(depth),
            topic.color,
            topic.name,
            project.topic_use_count(&topic.id),
            if project.topic_use_count(&topic.id) == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    text.push_str("Stances:\n");
    for stance in &codebook.stances {
        text.push_str(&format!(
            "  {} {} (polarity {})\n",
            stance.color,
            stance.name,
            match stance.polarity {
                0 => "0".to_string(),
                p => format!("{p:+}"),
            }
        ));
    }
    text.push_str("Actors:\n");
    for actor in &codebook.actors {
        text.push_str(&format!("  {}\n", actor.name));
    }
    print(out, &text)
}

/// The name exports give a project: its folder's name.
fn project_name(folder: &Path) -> String {
    folder
        .canonicalize()
        .ok()
        .as_deref()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gloss".to_string())
}

fn export(
    path: &Path,
    format: ExportFormat,
    file: Option<&Path>,
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let opened = storage::open_project(path).map_err(read_error)?;
    let filter = filter
        .to_filter(&opened.workspace.project)
        .map_err(CliError::Refused)?;
    let options = ExportOptions {
        project_name: project_name(&opened.location.folder),
        now: now_timestamp(),
    };
    let (buffer, report) = export_to_bytes(&opened.workspace, format, &filter, &options)
        .map_err(|error| CliError::Refused(error.to_string()))?;
    let stderr = &mut std::io::stderr();
    for note in &report.notes {
        let _ = writeln!(stderr, "{note}");
    }
    match file {
        Some(file) => storage::write_atomically(file, &buffer).map_err(write_error),
        None => out
            .write_all(&buffer)
            .map_err(|error| CliError::Write(format!("cannot write output: {error}"))),
    }
}

fn import(
    path: &Path,
    file: &Path,
    format: Option<ImportFormat>,
    codebook: Option<&Path>,
    coder: Option<String>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let read = |file: &Path| {
        std::fs::read(file).map_err(|error| CliError::Read(format!("{}: {error}", file.display())))
    };
    let bytes = read(file)?;
    let codebook_bytes = codebook.map(read).transpose()?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = format
        .or_else(|| detect_import_format(&file_name, &bytes))
        .ok_or_else(|| {
            CliError::Refused(format!(
                "cannot tell what {} is; pass --format qdpx, qdc, codebook-csv or taguette",
                file.display()
            ))
        })?;
    let is_project_file = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !path.exists() && !is_project_file {
        std::fs::create_dir_all(path)
            .map_err(|error| CliError::Write(format!("{}: {error}", path.display())))?;
    }
    let (mut opened, _lock) = open_for_edit(path)?;
    let coder = coder.unwrap_or_else(storage::coder_name_from_environment);
    let plan = plan_import(
        format,
        &bytes,
        codebook_bytes.as_deref(),
        &opened.workspace,
        &coder,
        &now_timestamp(),
    )
    .map_err(|error| CliError::Refused(format!("{}: {error}", file.display())))?;
    let folder = opened.location.folder.clone();
    for new_file in &plan.new_files {
        let target = folder.join(&new_file.path);
        if target.exists() {
            return Err(CliError::Refused(format!(
                "{} already exists and is not this document; nothing was written",
                target.display()
            )));
        }
    }
    if let Some(edit) = plan.edit {
        opened
            .workspace
            .apply(edit)
            .map_err(|e| CliError::Refused(e.to_string()))?;
    }
    for new_file in &plan.new_files {
        let target = folder.join(&new_file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| CliError::Write(format!("{}: {error}", parent.display())))?;
        }
        storage::write_atomically(&target, new_file.text.as_bytes()).map_err(write_error)?;
    }
    save(&opened)?;
    let mut text = format!("{}\n", plan.report.summary);
    for problem in &plan.report.problems {
        text.push_str(&format!("  - {problem}\n"));
    }
    print(out, &text)
}

/// How many chars of context `search` shows on each side of a hit.
const SEARCH_CONTEXT_CHARS: usize = 40;

fn search(args: SearchArgs, out: &mut dyn Write) -> Result<(), CliError> {
    use crate::model::search::{
        CompiledQuery, CorpusDocument, MatchMode, SearchQuery, build_indexes, default_thread_count,
        keyword_in_context, search_corpus,
    };
    let query = SearchQuery {
        text: args.query,
        mode: match (args.regex, args.fuzzy) {
            (true, _) => MatchMode::Regex,
            (false, Some(_)) => MatchMode::Fuzzy,
            (false, None) => MatchMode::Plain,
        },
        max_edits: args.fuzzy.flatten(),
        whole_word: args.whole_word,
        case_sensitive: args.case_sensitive,
        diacritic_sensitive: args.diacritic_sensitive,
    };
    let compiled = CompiledQuery::new(&query).map_err(|e| CliError::Refused(e.to_string()))?;
    let opened = storage::open_project(&args.path).map_err(read_error)?;
    let workspace = &opened.workspace;
    let loaded: Vec<_> = workspace
        .project
        .documents
        .iter()
        .filter_map(|record| {
            workspace
                .text(&record.id)
                .map(|loaded| (record, &loaded.text))
        })
        .collect();
    let threads = default_thread_count();
    let texts: Vec<_> = loaded.iter().map(|(_, text)| *text).collect();
    let indexes = build_indexes(&texts, compiled.fold_options(), threads);
    let documents: Vec<CorpusDocument> = loaded
        .iter()
        .zip(&indexes)
        .map(|((record, text), index)| CorpusDocument {
            id: &record.id,
            text,
            index,
        })
        .collect();
    let found = std::sync::Mutex::new(vec![Vec::new(); documents.len()]);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    search_corpus(
        &documents,
        &compiled,
        threads,
        &cancel,
        &|position, hits| {
            if let Ok(mut found) = found.lock() {
                found[position] = hits;
            }
        },
    );
    let found = found.into_inner().unwrap_or_default();
    let mut text = String::new();
    let (mut total, mut documents_with_hits) = (0, 0);
    for ((record, canonical), hits) in loaded.iter().zip(&found) {
        if hits.is_empty() {
            continue;
        }
        total += hits.len();
        documents_with_hits += 1;
        if !args.json {
            text.push_str(&format!(
                "{}  ({})  {}\n",
                record.path,
                plural(hits.len(), "hit"),
                record.title()
            ));
        }
        for hit in hits {
            let context = keyword_in_context(canonical, hit.range, SEARCH_CONTEXT_CHARS);
            if args.json {
                let value = serde_json::json!({
                    "document": record.path,
                    "start": hit.range.start.0,
                    "end": hit.range.end.0,
                    "text": context.hit,
                    "context_before": context.before,
                    "context_after": context.after,
                    "edits": hit.edits,
                });
                text.push_str(&value.to_string());
                text.push('\n');
            } else {
                let line = context.one_line();
                let edits = if hit.edits > 0 {
                    format!("  ({})", plural(hit.edits as usize, "edit"))
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "  {:>8}  …{}[{}]{}…{edits}\n",
                    hit.range.start.0, line.before, line.hit, line.after
                ));
            }
        }
    }
    if !args.json {
        let options = compiled.options_label();
        let options = if options.is_empty() {
            String::new()
        } else {
            format!(" ({options})")
        };
        text.push_str(&format!(
            "{} in {}{options}\n",
            plural(total, "hit"),
            plural(documents_with_hits, "document")
        ));
    }
    print(out, &text)
}

/// `1 hit`, `2 hits`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
