//! `gloss codebook`: lists the codebook, or changes it (add, rename, remove,
//! merge, an actor's kind and belongs-to, unify same-name entries after a
//! merge) as one undoable edit, saved at once.

use super::editing::{self, ProjectForEdit};
use super::error::{CliError, Refusal};
use super::output::Output;
use crate::model::codebook::{ActorKind, CodebookKind, Color};
use crate::model::edit::Edit;
use crate::model::ids::ActorId;
use crate::model::merge::unify::unify_same_names;
use crate::model::operations::{self, RemovalPolicy};
use crate::model::project::Project;
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The command line of `gloss codebook`.
#[derive(clap::Args, Debug)]
pub struct CodebookArgs {
    path: PathBuf,
    #[command(subcommand)]
    action: CodebookAction,
}

#[derive(Subcommand, Debug)]
enum CodebookAction {
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
        /// country, person, organisation, or a kind of the project's own.
        #[arg(long)]
        kind: Option<String>,
        /// The actor (name or id) it belongs to, e.g. a person's country.
        #[arg(long, value_name = "ACTOR")]
        belongs_to: Option<String>,
    },
    /// Set an actor's kind: country, person, organisation, or a kind of the project's own.
    SetKind {
        actor: String,
        #[arg(required_unless_present = "clear")]
        kind: Option<String>,
        /// Remove the actor's kind.
        #[arg(long, conflicts_with = "kind")]
        clear: bool,
    },
    /// Make an actor belong to another (Aleksandar Vučić → Serbia); analyses roll it up.
    SetBelongsTo {
        actor: String,
        #[arg(required_unless_present = "clear")]
        owner: Option<String>,
        /// Make the actor belong to no one.
        #[arg(long, conflicts_with = "owner")]
        clear: bool,
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
    MergeTopics { from: String, into: String },
    /// Unify entries with the same name and different ids (after a merge)
    ///
    /// Each later entry of a name (topic, stance or actor; case and spacing
    /// ignored) merges into the first in codebook order: its annotations and
    /// sub-topics move to it. One edit; prints what was unified.
    Unify {
        /// Print what would be unified; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs `gloss codebook`.
pub(crate) fn run(args: CodebookArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    match args.action {
        CodebookAction::List => {
            let opened = editing::open(&args.path)?;
            output.print(&listing(&opened.workspace.project))
        }
        CodebookAction::Unify { dry_run } => unify(&args.path, dry_run, output),
        action => change(&args.path, action, output),
    }
}

fn parse_color(color: Option<&str>) -> Result<Option<Color>, Refusal> {
    Ok(color.map(str::parse::<Color>).transpose()?)
}

/// What `remove`'s flags ask for the annotations that use the entry.
fn removal_policy(
    detach: bool,
    replace_with: Option<String>,
    delete_annotations: bool,
) -> RemovalPolicy {
    match (detach, replace_with, delete_annotations) {
        (true, _, _) => RemovalPolicy::Detach,
        (_, Some(other), _) => RemovalPolicy::ReplaceWith(other),
        (_, None, true) => RemovalPolicy::DeleteAnnotations,
        _ => RemovalPolicy::Refuse,
    }
}

/// The edit an action asks for and the line printed once it is saved (`None` for
/// `list`, which changes nothing).
fn plan(project: &Project, action: CodebookAction) -> Result<Option<(Edit, String)>, CliError> {
    Ok(Some(match action {
        CodebookAction::List | CodebookAction::Unify { .. } => return Ok(None),
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
        CodebookAction::AddActor {
            name,
            kind,
            belongs_to,
        } => {
            let (edit, id) = operations::add_actor(project, &name)?;
            let edit = with_kind_and_owner(project, edit, kind.as_deref(), belongs_to.as_deref())?;
            (edit, format!("{id}\n"))
        }
        CodebookAction::SetKind { actor, kind, .. } => {
            let kind = kind
                .as_deref()
                .map(str::parse::<ActorKind>)
                .transpose()
                .map_err(Refusal::ActorKind)?;
            let message = match &kind {
                Some(kind) => format!("actor `{actor}` is a {kind}\n"),
                None => format!("actor `{actor}` has no kind\n"),
            };
            (operations::set_actor_kind(project, &actor, kind)?, message)
        }
        CodebookAction::SetBelongsTo { actor, owner, .. } => {
            let message = match &owner {
                Some(owner) => format!("actor `{actor}` belongs to `{owner}`\n"),
                None => format!("actor `{actor}` belongs to no one\n"),
            };
            (
                operations::set_actor_belongs_to(project, &actor, owner.as_deref())?,
                message,
            )
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
            let policy = removal_policy(detach, replace_with, delete_annotations);
            (
                operations::remove(project, kind, &name, &policy)?,
                format!("removed {kind} `{name}`\n"),
            )
        }
        CodebookAction::MergeTopics { from, into } => (
            operations::merge_topics(project, &from, &into)?,
            format!("merged topic `{from}` into `{into}`\n"),
        ),
    }))
}

/// A new actor's edit with the kind and owner `add-actor` was given.
fn with_kind_and_owner(
    project: &Project,
    edit: Edit,
    kind: Option<&str>,
    owner: Option<&str>,
) -> Result<Edit, CliError> {
    let Edit::Actor {
        before,
        after: Some(mut actor),
    } = edit
    else {
        return Ok(edit);
    };
    actor.kind = kind
        .map(str::parse::<ActorKind>)
        .transpose()
        .map_err(Refusal::ActorKind)?;
    if let Some(owner) = owner {
        let id = operations::resolve_id(project, CodebookKind::Actor, owner)?;
        actor.belongs_to = Some(ActorId(id));
    }
    Ok(Edit::Actor {
        before,
        after: Some(actor),
    })
}

/// Applies and saves one codebook change.
fn change(path: &Path, action: CodebookAction, output: &mut Output<'_>) -> Result<(), CliError> {
    let mut project = ProjectForEdit::open(path)?;
    let Some((edit, message)) = plan(&project.opened.workspace.project, action)? else {
        return Ok(());
    };
    project.opened.workspace.apply(edit)?;
    project.save(output)?;
    output.print(&message)
}

/// `codebook unify`: one line per name unified, then the edit saved (unless a dry run).
fn unify(path: &Path, dry_run: bool, output: &mut Output<'_>) -> Result<(), CliError> {
    let mut project = ProjectForEdit::open(path)?;
    let plan = unify_same_names(&project.opened.workspace.project)?;
    let mut text = String::new();
    for unified in &plan.unified {
        let _ = writeln!(
            text,
            "{} `{}`: {} merged into {} ({} annotation{})",
            unified.kind,
            unified.name,
            unified.merged.join(", "),
            unified.kept,
            unified.annotations,
            if unified.annotations == 1 { "" } else { "s" }
        );
    }
    let Some(edit) = plan.edit else {
        return output.print("no codebook entries share a name\n");
    };
    if dry_run {
        text.push_str("(dry run: nothing changed)\n");
        return output.print(&text);
    }
    project.opened.workspace.apply(edit)?;
    project.save(output)?;
    output.print(&text)
}

/// `codebook list`: topics as a tree with use counts, stances with polarity, actors.
fn listing(project: &Project) -> String {
    let codebook = &project.codebook;
    let mut text = String::from("Topics:\n");
    for (depth, topic) in codebook.topic_tree() {
        let uses = project.topic_use_count(&topic.id);
        let _ = writeln!(
            text,
            "  {}{} {} ({uses} annotation{})",
            "  ".repeat(depth),
            topic.color,
            topic.name,
            if uses == 1 { "" } else { "s" }
        );
    }
    text.push_str("Stances:\n");
    for stance in &codebook.stances {
        let polarity = match stance.polarity {
            0 => "0".to_owned(),
            p => format!("{p:+}"),
        };
        let _ = writeln!(
            text,
            "  {} {} (polarity {polarity})",
            stance.color, stance.name
        );
    }
    text.push_str("Actors:\n");
    for actor in &codebook.actors {
        let kind = actor.kind.as_ref().map(ToString::to_string);
        let owner = actor
            .belongs_to
            .as_ref()
            .map(|owner| format!("belongs to {}", codebook.actor_name(owner)));
        let details: Vec<String> = kind.into_iter().chain(owner).collect();
        if details.is_empty() {
            let _ = writeln!(text, "  {}", actor.name);
        } else {
            let _ = writeln!(text, "  {} ({})", actor.name, details.join(", "));
        }
    }
    text
}
