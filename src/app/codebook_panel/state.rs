//! What the codebook panel keeps between frames: the tab, the selected entry,
//! the buffers of its name and description, the merge target, a deletion
//! waiting for the user's choice, and the topic use counts.

use crate::model::codebook::{ActorKind, CodebookKind};
use crate::model::ids::TopicId;
use crate::model::project::Project;
use std::collections::HashMap;

/// Which list the panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum CodebookTab {
    /// The topic tree.
    #[default]
    Topics,
    /// The stance scale.
    Stances,
    /// The actors (holders and targets).
    Actors,
}

impl CodebookTab {
    /// The kind of entry the tab lists.
    pub(super) fn kind(self) -> CodebookKind {
        match self {
            Self::Topics => CodebookKind::Topic,
            Self::Stances => CodebookKind::Stance,
            Self::Actors => CodebookKind::Actor,
        }
    }
}

/// What to do with the annotations that use an entry being deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum DeletionChoice {
    #[default]
    Detach,
    Replace,
    DeleteAnnotations,
}

/// A deletion waiting for the user's choice in the dialog.
#[derive(Clone, Debug)]
pub(super) struct PendingDeletion {
    pub(super) kind: CodebookKind,
    pub(super) id: String,
    pub(super) name: String,
    pub(super) users: usize,
    pub(super) choice: DeletionChoice,
    pub(super) replacement: Option<String>,
    /// The click that opened the dialog must not also count as a click outside it.
    pub(super) just_opened: bool,
}

/// Identifies a project state: revision, annotation count and first document id
/// (revisions restart at 0 for every project opened).
pub(super) type CountsKey = (u64, usize, Option<String>);

pub(super) fn counts_key(project: &Project) -> CountsKey {
    (
        project.revision,
        project.annotations.len(),
        project.documents.first().map(|d| d.id.0.clone()),
    )
}

/// The codebook panel's state.
#[derive(Debug, Default)]
pub struct CodebookPanel {
    /// The list shown.
    pub(super) tab: CodebookTab,
    /// Topic use counts and what they were counted for, so the tree does not
    /// rescan every annotation each frame.
    pub(super) topic_counts: Option<(CountsKey, HashMap<TopicId, usize>)>,
    /// The selected entry (kind, id).
    pub(super) selected: Option<(CodebookKind, String)>,
    /// Scroll the selected entry into view next frame.
    pub(super) scroll_to_selected: bool,
    /// Scroll it to the middle of the list (a reveal) rather than just into view (a click).
    pub(super) scroll_to_center: bool,
    pub(super) name_buffer: String,
    pub(super) name_buffer_for: Option<(CodebookKind, String)>,
    /// The entry's name when the buffer was filled; a different name now means
    /// it changed elsewhere (undo, the palette) and the buffer is refilled.
    pub(super) name_buffer_source: String,
    pub(super) description_buffer: String,
    /// The description when its buffer was filled (see `name_buffer_source`).
    pub(super) description_buffer_source: Option<String>,
    pub(super) new_name: String,
    pub(super) merge_target: Option<TopicId>,
    pub(super) deletion: Option<PendingDeletion>,
    /// The field that gives the selected actor a kind of the project's own.
    pub(super) kind_buffer: String,
    /// The actors tab lists only actors of this kind (`None`: all).
    pub(super) actor_kind_filter: Option<ActorKind>,
}

impl CodebookPanel {
    /// Selects a topic and scrolls to it.
    pub fn reveal_topic(&mut self, topic: &TopicId) {
        self.tab = CodebookTab::Topics;
        self.selected = Some((CodebookKind::Topic, topic.0.clone()));
        self.scroll_to_selected = true;
        self.scroll_to_center = true;
    }

    pub(super) fn is_selected(&self, kind: CodebookKind, id: &str) -> bool {
        self.selected
            .as_ref()
            .is_some_and(|(k, selected)| *k == kind && selected == id)
    }

    /// Selects an entry; its row is kept in view (the list shrinks when the editor opens).
    pub(super) fn select(&mut self, kind: CodebookKind, id: &str) {
        self.selected = Some((kind, id.to_owned()));
        self.scroll_to_selected = true;
        self.scroll_to_center = false;
    }
}
