//! What the search panel keeps between frames: the query being edited, saved
//! searches, the auto-coding choices, and the running search with its results.

use super::background::{RunningSearch, SearchMessage};
use super::results::SearchResults;
use super::snapshot::CorpusSnapshot;
use crate::model::search::autocode::{AutoCoding, CodingScope};
use crate::model::search::{CompiledQuery, SavedSearch, SearchQuery};
use crate::model::workspace::Workspace;
use std::sync::{Arc, mpsc};

/// The most hits one search lists; it stops there.
pub(super) const MAX_LISTED_HITS: usize = 100_000;

/// Everything the search panel keeps between frames.
#[derive(Default)]
pub struct SearchPanelState {
    /// The query as edited in the panel.
    pub(super) query: SearchQuery,
    /// Named searches; the app persists them and lists them in the palette.
    pub(super) saved_searches: Vec<SavedSearch>,
    /// The codes "code the hits" applies.
    pub(super) coding: AutoCoding,
    /// Whether "code the hits" codes the hits, their sentences or their paragraphs.
    pub(super) scope: CodingScope,
    pub(super) save_name: String,
    snapshot: Option<Arc<CorpusSnapshot>>,
    running: Option<RunningSearch>,
    pub(super) results: Option<SearchResults>,
    /// The query of the results shown (a change starts a new search).
    searched: Option<SearchQuery>,
    pub(super) error: Option<String>,
    pub(super) message: Option<String>,
    pub(super) focus_requested: bool,
    pub(super) run_requested: bool,
    /// A search started since the app last asked (it docks the results).
    started: bool,
}

impl SearchPanelState {
    /// Puts the keyboard focus in the query field next frame (Ctrl+Shift+F).
    pub fn focus(&mut self) {
        self.focus_requested = true;
    }

    /// Will the query field take the keyboard focus (the panel must be shown)?
    pub fn wants_focus(&self) -> bool {
        self.focus_requested || self.run_requested
    }

    /// Has a search started since the last call (the app shows its results)?
    pub fn take_started(&mut self) -> bool {
        std::mem::take(&mut self.started)
    }

    /// A panel that starts with these saved searches (kept in the window preferences).
    pub fn with_saved_searches(saved_searches: Vec<SavedSearch>) -> Self {
        Self {
            saved_searches,
            ..Self::default()
        }
    }

    /// The named searches (the app saves them with the window preferences).
    pub fn saved_searches(&self) -> &[SavedSearch] {
        &self.saved_searches
    }

    /// Loads a saved search and runs it (from the command palette).
    pub fn run_saved(&mut self, search: &SavedSearch) {
        self.query = search.query.clone();
        self.run_requested = true;
        self.focus_requested = true;
    }

    /// Is a search still running on its thread?
    #[cfg(test)]
    pub(super) fn is_searching(&self) -> bool {
        self.running.is_some()
    }

    /// Stops the running search; the hits found so far stay.
    pub(super) fn cancel(&mut self) {
        if self.running.take().is_some()
            && let Some(results) = &mut self.results
        {
            results.cancelled = true;
        }
    }

    /// Hits of the results shown.
    #[cfg(test)]
    pub(super) fn hit_count(&self) -> usize {
        self.results.as_ref().map_or(0, SearchResults::hit_count)
    }

    /// Should a new search start: the query changed, a saved search was chosen,
    /// or the documents changed under the results shown?
    pub(super) fn needs_search(&self, workspace: &Workspace) -> bool {
        let stale = self
            .results
            .as_ref()
            .is_some_and(|results| !results.snapshot.is_current(workspace));
        stale || self.run_requested || self.searched.as_ref() != Some(&self.query)
    }

    /// Starts searching the corpus for `self.query` on a background thread.
    pub(super) fn start(&mut self, workspace: &Workspace, ctx: &egui::Context) {
        self.running = None;
        self.run_requested = false;
        self.searched = Some(self.query.clone());
        self.error = None;
        self.message = None;
        self.results = None;
        if self.query.text.trim().is_empty() {
            return;
        }
        let compiled = match CompiledQuery::new(&self.query) {
            Ok(compiled) => compiled.with_max_hits_per_document(MAX_LISTED_HITS),
            Err(error) => {
                self.error = Some(error.to_string());
                return;
            }
        };
        let snapshot = match &self.snapshot {
            Some(snapshot) if snapshot.is_current(workspace) => snapshot.clone(),
            _ => {
                let snapshot = Arc::new(CorpusSnapshot::new(workspace));
                self.snapshot = Some(snapshot.clone());
                snapshot
            }
        };
        let options_label = compiled.options_label();
        match RunningSearch::spawn(snapshot.clone(), compiled, ctx.clone()) {
            Ok(running) => {
                self.started = true;
                self.results = Some(SearchResults::started(snapshot, options_label));
                self.running = Some(running);
            }
            Err(error) => self.error = Some(format!("the search could not start: {error}")),
        }
    }

    /// Takes in what the search thread has sent since the last frame.
    pub(super) fn receive(&mut self) {
        let Some(running) = &self.running else {
            return;
        };
        let mut messages = Vec::new();
        let mut disconnected = false;
        loop {
            match running.receiver.try_recv() {
                Ok(message) => messages.push(message),
                Err(mpsc::TryRecvError::Disconnected) => {
                    disconnected = true;
                    break;
                }
                Err(mpsc::TryRecvError::Empty) => break,
            }
        }
        let mut done = disconnected;
        for message in messages {
            done |= self.take_in(message);
        }
        self.finish_if(done);
    }

    /// Adds a message's hits to the results; true when the search is done.
    fn take_in(&mut self, message: SearchMessage) -> bool {
        match message {
            SearchMessage::Document { position, hits } => {
                if let Some(results) = &mut self.results {
                    results.insert(position, hits);
                }
                false
            }
            SearchMessage::Done => true,
        }
    }

    fn finish_if(&mut self, mut done: bool) {
        if let Some(results) = &mut self.results
            && !done
            && results.hit_count() >= MAX_LISTED_HITS
        {
            results.truncated = true;
            done = true;
        }
        if done {
            self.running = None;
            if let Some(results) = &mut self.results {
                results.finished = true;
            }
        }
    }

    /// Blocks until the running search is done (or `timeout` passes), taking in
    /// its hits; for tests, which must not poll on wall time.
    pub fn wait_for_search(&mut self, timeout: std::time::Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while let Some(running) = &self.running {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let done = match running.receiver.recv_timeout(left) {
                Ok(message) => self.take_in(message),
                Err(mpsc::RecvTimeoutError::Disconnected) => true,
                Err(mpsc::RecvTimeoutError::Timeout) => return,
            };
            self.finish_if(done);
        }
    }
}
