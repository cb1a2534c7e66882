//! Consistency checks of a project against its documents (`gloss check`, open-time warnings),
//! including annotations that re-anchoring marked for review (fuzzy or orphaned).

use crate::model::anchor::AnchorStatus;
use crate::model::annotation::Annotation;
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::edit::EditError;
use crate::model::ids::DocumentId;
use crate::model::project::Project;
use crate::model::text::escape_control_chars;
use std::collections::{HashMap, HashSet};

/// One problem found in a project, as one readable line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, naming the entity concerned (e.g. an annotation's id and the
    /// unknown topic it refers to).
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Checks ids, references, offsets and quotes. `texts` holds the documents that could be read.
pub fn check_project(project: &Project, texts: &HashMap<DocumentId, LoadedText>) -> Vec<Problem> {
    collect_problems(project, texts, Scope::Everything)
}

/// The problems of [`check_project`] that only a broken or hand-edited
/// project file has, and that an editing command must not save silently:
/// duplicate ids, references to unknown entries, empty ranges, ranges past
/// the end of a document whose file is unchanged, parent loops, control
/// characters in codebook names. Leaves out what follows from a document
/// that changed (a different checksum, a quote that moved): re-anchoring
/// handles those, and editing stays possible meanwhile.
pub fn structural_problems(
    project: &Project,
    texts: &HashMap<DocumentId, LoadedText>,
) -> Vec<Problem> {
    collect_problems(project, texts, Scope::Structure)
}

/// Which problems [`collect_problems`] reports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Everything `gloss check` reports.
    Everything,
    /// Only what [`structural_problems`] reports.
    Structure,
}

/// Is the file read now the one the document's annotations were made on?
fn unchanged(document: &DocumentRecord, loaded: &LoadedText) -> bool {
    document.sha256.is_empty() || loaded.sha256 == document.sha256
}

fn collect_problems(
    project: &Project,
    texts: &HashMap<DocumentId, LoadedText>,
    scope: Scope,
) -> Vec<Problem> {
    let everything = scope == Scope::Everything;
    let mut problems = Vec::new();
    let mut report = |message: String| problems.push(Problem { message });
    check_ids_and_documents(project, texts, everything, &mut report);
    check_codebook(project, &mut report);
    check_annotations(project, texts, everything, &mut report);
    problems
}

/// Duplicate ids and paths; with `everything`, changed files and replaced bytes.
fn check_ids_and_documents(
    project: &Project,
    texts: &HashMap<DocumentId, LoadedText>,
    everything: bool,
    report: &mut impl FnMut(String),
) {
    for id in duplicate_ids(project) {
        report(format!("duplicate id `{id}`"));
    }
    let mut paths = HashSet::new();
    for document in &project.documents {
        if !paths.insert(document.path.as_str()) {
            report(format!("document path `{}` listed twice", document.path));
        }
        let Some(loaded) = texts.get(&document.id) else {
            continue;
        };
        if everything && !unchanged(document, loaded) {
            report(format!(
                "{}: the file changed since it was coded (checksum differs)",
                document.path
            ));
        }
        if everything && loaded.replacements > 0 {
            report(format!(
                "{}: {} invalid byte sequence(s) were replaced by U+FFFD when reading it as {}",
                document.path, loaded.replacements, loaded.encoding
            ));
        }
    }
}

/// Control characters in names, unknown parents and parent loops.
fn check_codebook(project: &Project, report: &mut impl FnMut(String)) {
    let names = project
        .codebook
        .topics
        .iter()
        .map(|t| ("topic", t.name.as_str()))
        .chain(
            project
                .codebook
                .stances
                .iter()
                .map(|s| ("stance", s.name.as_str())),
        )
        .chain(
            project
                .codebook
                .actors
                .iter()
                .map(|a| ("actor", a.name.as_str())),
        );
    for (kind, name) in names {
        if name.chars().any(char::is_control) {
            report(format!(
                "{kind} name \"{}\" contains control characters",
                escape_control_chars(name)
            ));
        }
    }
    for actor in &project.codebook.actors {
        if let Some(owner) = &actor.belongs_to {
            if project.codebook.actor(owner).is_none() {
                report(format!(
                    "actor `{}`: belongs to unknown actor `{owner}`",
                    actor.name
                ));
            } else if project.codebook.actor_would_cycle(&actor.id, owner) {
                report(format!("actor `{}`: belongs-to chain loops", actor.name));
            }
        }
    }
    for topic in &project.codebook.topics {
        if let Some(parent) = &topic.parent {
            if project.codebook.topic(parent).is_none() {
                report(format!("topic `{}`: unknown parent `{parent}`", topic.name));
            } else if project.codebook.would_cycle(&topic.id, parent) {
                report(format!("topic `{}`: parent chain loops", topic.name));
            }
        }
    }
}

/// References, ranges and (with `everything`) quotes of every annotation.
fn check_annotations(
    project: &Project,
    texts: &HashMap<DocumentId, LoadedText>,
    everything: bool,
    report: &mut impl FnMut(String),
) {
    // Looked up once per annotation: hash maps, not scans of the lists.
    let documents: HashMap<&DocumentId, &DocumentRecord> =
        project.documents.iter().rev().map(|d| (&d.id, d)).collect();
    let codebook = &project.codebook;
    let topics: HashSet<&str> = codebook.topics.iter().map(|t| t.id.as_str()).collect();
    let stances: HashSet<&str> = codebook.stances.iter().map(|s| s.id.as_str()).collect();
    let actors: HashSet<&str> = codebook.actors.iter().map(|a| a.id.as_str()).collect();
    for annotation in &project.annotations {
        let label = format!("annotation {}", annotation.id);
        let Some(&document) = documents.get(&annotation.document) else {
            report(format!(
                "{label}: unknown document `{}`",
                annotation.document
            ));
            continue;
        };
        for topic in &annotation.topics {
            if !topics.contains(topic.as_str()) {
                report(format!("{label}: unknown topic `{topic}`"));
            }
        }
        if let Some(stance) = &annotation.stance
            && !stances.contains(stance.as_str())
        {
            report(format!("{label}: unknown stance `{stance}`"));
        }
        for actor in [&annotation.holder, &annotation.target]
            .into_iter()
            .flatten()
        {
            if !actors.contains(actor.as_str()) {
                report(format!("{label}: unknown actor `{actor}`"));
            }
        }
        if annotation.start >= annotation.end {
            report(format!(
                "{label}: empty or reversed range {}..{}",
                annotation.start.0, annotation.end.0
            ));
            continue;
        }
        if everything && let Some(message) = review_note(annotation, &document.path) {
            report(format!("{label}: {message}"));
        }
        // An orphan's offsets are its last known ones and may no longer fit the
        // text: it waits for review, it is not a broken file.
        if annotation.status.is_orphaned() {
            continue;
        }
        if let Some(loaded) = texts.get(&annotation.document)
            && (everything || unchanged(document, loaded))
        {
            if annotation.end.0 > loaded.text.len_chars() {
                report(format!(
                    "{label}: range {}..{} is past the end of {} ({} chars)",
                    annotation.start.0,
                    annotation.end.0,
                    document.path,
                    loaded.text.len_chars()
                ));
            } else if everything && !annotation.matches_text(&loaded.text) {
                report(format!(
                    "{label}: the text at {}..{} of {} no longer equals its quote {:?}",
                    annotation.start.0,
                    annotation.end.0,
                    document.path,
                    shorten(&annotation.anchor.exact, 60)
                ));
            }
        }
    }
}

/// Ids used more than once (each repetition once), in file order.
fn duplicate_ids(project: &Project) -> Vec<&str> {
    let mut seen = HashSet::new();
    project
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .chain(project.codebook.topics.iter().map(|t| t.id.as_str()))
        .chain(project.codebook.stances.iter().map(|s| s.id.as_str()))
        .chain(project.codebook.actors.iter().map(|a| a.id.as_str()))
        .chain(project.annotations.iter().map(|a| a.id.as_str()))
        .filter(|id| !seen.insert(*id))
        .collect()
}

/// What re-anchoring left for the researcher to review on `annotation`, if anything.
fn review_note(annotation: &Annotation, path: &str) -> Option<String> {
    match annotation.status {
        AnchorStatus::Orphaned => Some(format!(
            "orphaned, its quote {:?} is no longer in {path}; review it",
            shorten(&annotation.anchor.exact, 60)
        )),
        AnchorStatus::Fuzzy => Some(format!(
            "re-anchored approximately at {}..{} of {path}; review it",
            annotation.start.0, annotation.end.0
        )),
        AnchorStatus::Exact | AnchorStatus::Moved => None,
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let head: String = text.chars().take(max_chars).collect();
        format!("{head}…")
    }
}

/// How many problems [`ensure_editable`] lists before "… and N more".
const LISTED_PROBLEMS_MAX: usize = 20;

/// Refuses to edit a project with [`structural_problems`]: an error that lists
/// them (the first [`LISTED_PROBLEMS_MAX`]), so that an editing command never
/// saves a broken hand-edited file silently.
pub fn ensure_editable(
    project: &Project,
    texts: &HashMap<DocumentId, LoadedText>,
) -> Result<(), EditError> {
    let problems = structural_problems(project, texts);
    if problems.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "the project file has {} problem(s) that `gloss check` also reports; fix them in the file first (nothing was written):",
        problems.len()
    );
    for problem in problems.iter().take(LISTED_PROBLEMS_MAX) {
        message.push_str("\n  ");
        message.push_str(&problem.message);
    }
    if problems.len() > LISTED_PROBLEMS_MAX {
        message.push_str(&format!(
            "\n  … and {} more",
            problems.len() - LISTED_PROBLEMS_MAX
        ));
    }
    Err(EditError::Invalid(message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::AnnotationId;
    use crate::model::text::CharRange;
    use std::time::Instant;

    #[test]
    fn checking_many_annotations_of_many_documents_looks_each_reference_up_once() {
        let loaded = LoadedText::from_string("Kina gradi autoput do Beograda.");
        let mut project = Project::default();
        for n in 0..10_000 {
            project.documents.push(DocumentRecord::new(
                &format!("doc-{n:05}.txt"),
                &loaded.sha256,
            ));
        }
        let template = Annotation::new(
            DocumentId::from("unused"),
            &loaded.text,
            CharRange::new(0, 4),
            "t",
            "2026-01-01T00:00:00Z",
        )
        .expect("annotation");
        for n in 0..20_000 {
            let mut annotation = template.clone();
            annotation.id = AnnotationId(format!("ann-{n:05}"));
            annotation.document = project.documents[(n * 7_919) % 10_000].id.clone();
            project.annotations.push(annotation);
        }
        let started = Instant::now();
        let problems = check_project(&project, &HashMap::new());
        let checked = started.elapsed();
        assert!(
            problems.iter().all(|p| !p.message.contains("unknown")),
            "{:?}",
            problems.first()
        );
        // 1,000 scans of the document list: a twentieth of what a scan per
        // annotation (20,000 of them) would cost.
        let last = &project.documents[9_999].id;
        let started = Instant::now();
        for _ in 0..1_000 {
            assert!(project.documents.iter().any(|d| &d.id == last));
        }
        let scans = started.elapsed();
        assert!(
            checked < scans,
            "checking took {checked:?}; 1,000 scans of the documents {scans:?}"
        );
    }
}
