//! What the agreement view keeps between frames: the chosen coders, topics,
//! documents and segment overlap, the walk-through's two coders and place, and
//! the last report and disagreement list, computed again only when the project
//! revision or a choice changes (never per frame).

use crate::model::agreement::disagreements::{Disagreement, DisagreementOptions, disagreements};
use crate::model::agreement::{
    AgreementOptions, AgreementReport, DEFAULT_SEGMENT_OVERLAP_PERCENT, agreement,
};
use crate::model::ids::{DocumentId, TopicId};
use crate::model::workspace::Workspace;
use std::collections::{BTreeSet, HashMap};

/// What the view remembers between frames.
#[derive(Clone, Debug)]
pub struct AgreementState {
    /// The coders compared (at least two for any figure), in the order picked.
    pub coders: Vec<String>,
    /// Topics compared; empty: every topic a compared coder used.
    pub topics: Vec<TopicId>,
    /// Documents compared; empty: every document.
    pub documents: Vec<DocumentId>,
    /// Segment view: the least overlap, in percent.
    pub overlap_percent: f64,
    /// The walk-through's coder A (one of `coders`; the first when unset).
    pub walk_first: Option<String>,
    /// The walk-through's coder B (the second of `coders` when unset).
    pub walk_second: Option<String>,
    /// Which disagreement the walk-through shows (clamped to the list).
    pub walk_index: usize,
    /// Should the next frame scroll the walk-through into view (after a step)?
    pub(super) scroll_to_walk: bool,
    /// Have the coders been picked (by the user or by default) for this project?
    pub(super) picked: bool,
    report: Option<(ReportKey, AgreementReport)>,
    walk: Option<(WalkKey, Vec<Disagreement>)>,
    coder_names: Option<(u64, Vec<String>)>,
    /// How many reports were computed (the cache's misses).
    computed: usize,
}

impl Default for AgreementState {
    fn default() -> Self {
        Self {
            coders: Vec::new(),
            topics: Vec::new(),
            documents: Vec::new(),
            overlap_percent: DEFAULT_SEGMENT_OVERLAP_PERCENT,
            walk_first: None,
            walk_second: None,
            walk_index: 0,
            scroll_to_walk: false,
            picked: false,
            report: None,
            walk: None,
            coder_names: None,
            computed: 0,
        }
    }
}

/// Everything a report depends on.
#[derive(Clone, Debug, PartialEq)]
struct ReportKey {
    revision: u64,
    annotation_count: usize,
    loaded_texts: usize,
    coders: Vec<String>,
    topics: Vec<TopicId>,
    documents: Vec<DocumentId>,
    overlap_bits: u64,
}

/// Everything a disagreement list depends on.
#[derive(Clone, Debug, PartialEq)]
struct WalkKey {
    revision: u64,
    annotation_count: usize,
    options: DisagreementOptions,
}

impl AgreementState {
    /// How many reports were computed so far (again only when the project
    /// revision or a choice changed).
    pub fn reports_computed(&self) -> usize {
        self.computed
    }

    /// Every coder of the project's annotations, sorted (cached per revision).
    pub fn coder_names(&mut self, workspace: &Workspace) -> &[String] {
        let revision = workspace.project.revision;
        let names = match self.coder_names.take() {
            Some((cached, names)) if cached == revision => names,
            _ => {
                let names: BTreeSet<&str> = workspace
                    .project
                    .annotations
                    .iter()
                    .map(|a| a.coder.as_str())
                    .filter(|c| !c.is_empty())
                    .collect();
                names.into_iter().map(str::to_owned).collect()
            }
        };
        &self.coder_names.insert((revision, names)).1
    }

    /// Picks the first two coders once, when nothing is picked yet.
    pub(super) fn pick_defaults(&mut self, workspace: &Workspace) {
        if self.picked {
            return;
        }
        let names = self.coder_names(workspace).to_vec();
        if names.len() >= 2 {
            self.coders = names.into_iter().take(2).collect();
            self.picked = true;
        }
    }

    /// The report of the current choices; `None` with fewer than two coders.
    pub fn report(&mut self, workspace: &Workspace) -> Option<&AgreementReport> {
        if self.coders.len() < 2 {
            return None;
        }
        let key = ReportKey {
            revision: workspace.project.revision,
            annotation_count: workspace.project.annotations.len(),
            loaded_texts: workspace.texts.len(),
            coders: self.coders.clone(),
            topics: self.topics.clone(),
            documents: self.documents.clone(),
            overlap_bits: self.overlap_percent.to_bits(),
        };
        let cached = match self.report.take() {
            Some((cached_key, report)) if cached_key == key => (cached_key, report),
            _ => {
                self.computed += 1;
                let lengths: HashMap<DocumentId, usize> = workspace
                    .texts
                    .iter()
                    .map(|(id, loaded)| (id.clone(), loaded.text.len_chars()))
                    .collect();
                let options = AgreementOptions {
                    coders: key.coders.clone(),
                    topics: key.topics.clone(),
                    documents: key.documents.clone(),
                    segment_overlap_percent: self.overlap_percent,
                };
                let report = agreement(&workspace.project, &lengths, &options);
                (key, report)
            }
        };
        Some(&self.report.insert(cached).1)
    }

    /// The walk-through's two coders: the chosen ones, else the first two compared.
    pub fn walk_coders(&self) -> Option<(String, String)> {
        let first = self
            .walk_first
            .clone()
            .filter(|c| self.coders.contains(c))
            .or_else(|| self.coders.first().cloned())?;
        let second = self
            .walk_second
            .clone()
            .filter(|c| self.coders.contains(c) && *c != first)
            .or_else(|| self.coders.iter().find(|c| **c != first).cloned())?;
        Some((first, second))
    }

    /// Where the two walk-through coders differ (cached per revision and choices).
    pub fn disagreements(&mut self, workspace: &Workspace) -> &[Disagreement] {
        let Some((first, second)) = self.walk_coders() else {
            return &[];
        };
        let key = WalkKey {
            revision: workspace.project.revision,
            annotation_count: workspace.project.annotations.len(),
            options: DisagreementOptions {
                first,
                second,
                topics: self.topics.clone(),
                documents: self.documents.clone(),
            },
        };
        let cached = match self.walk.take() {
            Some((cached_key, list)) if cached_key == key => (cached_key, list),
            _ => {
                let list = disagreements(&workspace.project, &key.options);
                (key, list)
            }
        };
        let list = &self.walk.insert(cached).1;
        self.walk_index = self.walk_index.min(list.len().saturating_sub(1));
        list
    }

    /// Steps the walk-through `step` places on (wrapping around).
    pub fn step(&mut self, workspace: &Workspace, step: isize) {
        let count = self.disagreements(workspace).len();
        if count > 0 {
            self.walk_index = (self.walk_index as isize + step).rem_euclid(count as isize) as usize;
        }
        self.scroll_to_walk = true;
    }
}
