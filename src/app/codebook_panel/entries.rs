//! Reading and changing one codebook entry by kind and id: its name, its
//! description, the edit that redescribes it, how many annotations use it.

use crate::model::codebook::{Actor, Codebook, CodebookKind, Stance, Topic};
use crate::model::edit::Edit;
use crate::model::project::Project;

pub(super) fn name_of(codebook: &Codebook, kind: CodebookKind, id: &str) -> Option<String> {
    match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).map(|t| t.name.clone()),
        CodebookKind::Stance => codebook.stance(&id.into()).map(|s| s.name.clone()),
        CodebookKind::Actor => codebook.actor(&id.into()).map(|a| a.name.clone()),
    }
}

pub(super) fn description_of(codebook: &Codebook, kind: CodebookKind, id: &str) -> Option<String> {
    match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).map(|t| t.description.clone()),
        CodebookKind::Stance => codebook.stance(&id.into()).map(|s| s.description.clone()),
        CodebookKind::Actor => codebook.actor(&id.into()).map(|a| a.description.clone()),
    }
}

/// The edit that gives an entry a new description.
pub(super) fn describe(
    codebook: &Codebook,
    kind: CodebookKind,
    id: &str,
    description: &str,
) -> Option<Edit> {
    let description = description.trim().to_owned();
    match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).map(|t| Edit::Topic {
            before: Some(t.clone()),
            after: Some(Topic {
                description,
                ..t.clone()
            }),
        }),
        CodebookKind::Stance => codebook.stance(&id.into()).map(|s| Edit::Stance {
            before: Some(s.clone()),
            after: Some(Stance {
                description,
                ..s.clone()
            }),
        }),
        CodebookKind::Actor => codebook.actor(&id.into()).map(|a| Edit::Actor {
            before: Some(a.clone()),
            after: Some(Actor {
                description,
                ..a.clone()
            }),
        }),
    }
}

/// How many annotations use an entry.
pub(super) fn use_count(project: &Project, kind: CodebookKind, id: &str) -> usize {
    project
        .annotations
        .iter()
        .filter(|a| match kind {
            CodebookKind::Topic => a.topics.iter().any(|t| t.0 == id),
            CodebookKind::Stance => a.stance.as_ref().is_some_and(|s| s.0 == id),
            CodebookKind::Actor => {
                a.holder.as_ref().is_some_and(|h| h.0 == id)
                    || a.target.as_ref().is_some_and(|t| t.0 == id)
            }
        })
        .count()
}

/// Every entry of a kind as (id, name), in codebook order.
pub(super) fn entries_of(codebook: &Codebook, kind: CodebookKind) -> Vec<(String, String)> {
    match kind {
        CodebookKind::Topic => codebook
            .topics
            .iter()
            .map(|t| (t.id.0.clone(), t.name.clone()))
            .collect(),
        CodebookKind::Stance => codebook
            .stances
            .iter()
            .map(|s| (s.id.0.clone(), s.name.clone()))
            .collect(),
        CodebookKind::Actor => codebook
            .actors
            .iter()
            .map(|a| (a.id.0.clone(), a.name.clone()))
            .collect(),
    }
}
