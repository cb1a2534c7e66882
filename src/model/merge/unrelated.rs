//! Merging two projects that started apart: another coder's copy of the same
//! corpus, coded in a project of their own. THEIRS is first translated into
//! OURS' ids (documents matched by content hash, then by path; codebook
//! entries by name), then merged three ways against an empty base, so every
//! entity of both is kept and entities both have with different fields are
//! recorded as conflicts.

use crate::model::codebook::names_match;
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::merge::conflict::EntityKind;
use crate::model::merge::{MergeOutcome, merge_three_way};
use crate::model::project::Project;
use crate::model::unknown_keys::Extra;
use std::collections::{HashMap, HashSet};

/// How THEIRS was matched to OURS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnrelatedReport {
    /// Documents found in OURS by content hash: (theirs' path, ours' path).
    pub documents_by_hash: Vec<(String, String)>,
    /// Documents with a path OURS has but other content: their annotations are
    /// put on OURS' document and re-anchored by their quotes when it is opened.
    pub documents_by_path: Vec<String>,
    /// Documents only THEIRS has, by path (added).
    pub documents_added: Vec<String>,
    /// Codebook entries found in OURS by name.
    pub entries_by_name: Vec<(EntityKind, String)>,
    /// Codebook entries only THEIRS has (added).
    pub entries_added: Vec<(EntityKind, String)>,
    /// Annotations of THEIRS that OURS did not have (added).
    pub annotations_added: usize,
}

/// Merges two projects without a common base.
pub fn merge_unrelated(ours: &Project, theirs: &Project) -> (MergeOutcome, UnrelatedReport) {
    let mut report = UnrelatedReport::default();
    let translated = translate(ours, theirs, &mut report);
    let ours_annotations: HashSet<&str> = ours.annotations.iter().map(|a| a.id.as_str()).collect();
    report.annotations_added = translated
        .annotations
        .iter()
        .filter(|a| !ours_annotations.contains(a.id.as_str()))
        .count();
    let base = Project::default();
    (merge_three_way(&base, ours, &translated), report)
}

/// THEIRS with OURS' ids for what OURS has too; fresh ids where one of theirs
/// names something else in OURS.
fn translate(ours: &Project, theirs: &Project, report: &mut UnrelatedReport) -> Project {
    let mut out = theirs.clone();
    let documents = translate_documents(ours, &mut out, report);
    let topics = translate_entries(
        EntityKind::Topic,
        ours.codebook
            .topics
            .iter()
            .map(|t| (t.name.as_str(), t.id.as_str())),
        out.codebook
            .topics
            .iter_mut()
            .map(|t| (t.name.as_str(), &mut t.id.0)),
        || TopicId::generate().0,
        report,
    );
    let stances = translate_entries(
        EntityKind::Stance,
        ours.codebook
            .stances
            .iter()
            .map(|s| (s.name.as_str(), s.id.as_str())),
        out.codebook
            .stances
            .iter_mut()
            .map(|s| (s.name.as_str(), &mut s.id.0)),
        || StanceId::generate().0,
        report,
    );
    let actors = translate_entries(
        EntityKind::Actor,
        ours.codebook
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.id.as_str())),
        out.codebook
            .actors
            .iter_mut()
            .map(|a| (a.name.as_str(), &mut a.id.0)),
        || ActorId::generate().0,
        report,
    );
    let swap = |map: &HashMap<String, String>, id: &mut String| {
        if let Some(new) = map.get(id.as_str()) {
            id.clone_from(new);
        }
    };
    for topic in &mut out.codebook.topics {
        if let Some(parent) = &mut topic.parent {
            swap(&topics, &mut parent.0);
        }
    }
    for annotation in &mut out.annotations {
        swap(&documents, &mut annotation.document.0);
        for topic in &mut annotation.topics {
            swap(&topics, &mut topic.0);
        }
        if let Some(stance) = &mut annotation.stance {
            swap(&stances, &mut stance.0);
        }
        for actor in annotation
            .holder
            .iter_mut()
            .chain(annotation.target.iter_mut())
        {
            swap(&actors, &mut actor.0);
        }
    }
    rekey(&mut out.unknown.documents, &documents);
    rekey(&mut out.unknown.topics, &topics);
    rekey(&mut out.unknown.stances, &stances);
    rekey(&mut out.unknown.actors, &actors);
    out
}

/// Gives THEIRS' documents OURS' id when OURS has the same content (else the
/// same path), a fresh id when their id names another document in OURS;
/// returns old → new ids.
fn translate_documents(
    ours: &Project,
    out: &mut Project,
    report: &mut UnrelatedReport,
) -> HashMap<String, String> {
    let mut documents: HashMap<String, String> = HashMap::new();
    let by_hash: HashMap<&str, &str> = ours
        .documents
        .iter()
        .filter(|d| !d.sha256.is_empty())
        .map(|d| (d.sha256.as_str(), d.path.as_str()))
        .collect();
    let ours_ids: HashSet<&str> = ours.documents.iter().map(|d| d.id.as_str()).collect();
    for record in &mut out.documents {
        let old = record.id.as_str().to_string();
        let found_by_hash = by_hash
            .get(record.sha256.as_str())
            .and_then(|path| ours.document_by_path(path));
        let new = if let Some(found) = found_by_hash {
            report
                .documents_by_hash
                .push((record.path.clone(), found.path.clone()));
            found.id.clone()
        } else if let Some(found) = ours.document_by_path(&record.path) {
            report.documents_by_path.push(record.path.clone());
            found.id.clone()
        } else {
            report.documents_added.push(record.path.clone());
            if ours_ids.contains(old.as_str()) {
                DocumentId::generate()
            } else {
                record.id.clone()
            }
        };
        if new.as_str() != old {
            documents.insert(old, new.as_str().to_string());
            record.id = new;
        }
    }
    documents
}

/// Gives THEIRS' entries of one kind OURS' id when OURS has the name, a fresh
/// id when their id names another entry in OURS; returns old → new ids.
fn translate_entries<'a, 'b>(
    kind: EntityKind,
    ours: impl Iterator<Item = (&'a str, &'a str)>,
    theirs: impl Iterator<Item = (&'b str, &'b mut String)>,
    fresh: impl Fn() -> String,
    report: &mut UnrelatedReport,
) -> HashMap<String, String> {
    let ours: Vec<(&str, &str)> = ours.collect();
    let ours_ids: HashSet<&str> = ours.iter().map(|(_, id)| *id).collect();
    let mut map = HashMap::new();
    for (name, id) in theirs {
        let new = match ours.iter().find(|(n, _)| names_match(n, name)) {
            Some((_, found)) => {
                report.entries_by_name.push((kind, name.to_string()));
                (*found).to_string()
            }
            None => {
                report.entries_added.push((kind, name.to_string()));
                if ours_ids.contains(id.as_str()) {
                    fresh()
                } else {
                    id.clone()
                }
            }
        };
        if new != *id {
            map.insert(id.clone(), new.clone());
            *id = new;
        }
    }
    map
}

/// Moves unknown keys filed under old ids to the new ones.
fn rekey(extras: &mut HashMap<String, Extra>, map: &HashMap<String, String>) {
    // All taken out first: a new id may be another entry's old one.
    let moved: Vec<(String, Extra)> = map
        .iter()
        .filter_map(|(old, new)| extras.remove(old).map(|extra| (new.clone(), extra)))
        .collect();
    extras.extend(moved);
}
