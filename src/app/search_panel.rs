//! The corpus search panel (Ctrl+Shift+F): a query box with its options,
//! results grouped by document as keyword-in-context lines (a click opens the
//! hit in the reader), checkboxes to choose hits, saved searches, and
//! "code the hits" that applies topics, a stance, its holder and its target to
//! the hits (or their sentences or paragraphs) as one undoable edit.
//!
//! The window never waits for a search: it runs on a background thread over a
//! snapshot of the corpus texts, sends each document's hits as soon as they
//! are found, shows progress and stops when cancelled or superseded (every
//! change of the query starts a new search). The folded indexes are built on
//! that thread once per fold options and kept with the snapshot until the
//! documents change.

use crate::app::intent::Intent;
use crate::model::ids::{ActorId, DocumentId, StanceId};
use crate::model::now_timestamp;
use crate::model::search::autocode::AutoCoding;
use crate::model::search::autocode::{CodingScope, HitToCode, plan_auto_code};
use crate::model::search::{
    CompiledQuery, CorpusDocument, FoldOptions, MatchMode, SavedSearch, SearchHit, SearchIndex,
    SearchQuery, build_indexes, default_thread_count, keyword_in_context, search_corpus,
};
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use egui::text::LayoutJob;
use egui::{Color32, RichText, Sense, TextFormat};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// Accessible label (and hint) of the query field.
pub const QUERY_FIELD_LABEL: &str = "Search the corpus";
/// Chars of context shown on each side of a hit.
const CONTEXT_CHARS: usize = 48;
/// Height of one result row (document header or hit line).
const ROW_HEIGHT_POINTS: f32 = 22.0;
/// The most hits one search lists; it stops there.
const MAX_LISTED_HITS: usize = 100_000;
/// Choices offered for the most edits of fuzzy matching (`None`: by query length).
const EDIT_CHOICES: [Option<u32>; 5] = [None, Some(1), Some(2), Some(3), Some(4)];

/// A document's text as it was when the snapshot was taken.
struct SnapshotDocument {
    id: DocumentId,
    title: String,
    text: CanonicalText,
}

/// The corpus texts shared with the search thread, with their folded indexes.
struct CorpusSnapshot {
    /// Ids and content hashes: the snapshot is renewed when these change.
    key: Vec<(DocumentId, String)>,
    documents: Vec<SnapshotDocument>,
    indexes: Mutex<HashMap<FoldOptions, Arc<Vec<SearchIndex>>>>,
}

impl CorpusSnapshot {
    fn key_of(workspace: &Workspace) -> Vec<(DocumentId, String)> {
        workspace
            .project
            .documents
            .iter()
            .filter_map(|record| {
                workspace
                    .text(&record.id)
                    .map(|loaded| (record.id.clone(), loaded.sha256.clone()))
            })
            .collect()
    }

    /// Does the snapshot still hold the workspace's documents (checked every frame, no allocation)?
    fn is_current(&self, workspace: &Workspace) -> bool {
        let mut loaded = workspace.project.documents.iter().filter_map(|record| {
            workspace
                .text(&record.id)
                .map(|loaded| (&record.id, &loaded.sha256))
        });
        self.key
            .iter()
            .all(|(id, sha256)| loaded.next().is_some_and(|(i, s)| i == id && s == sha256))
            && loaded.next().is_none()
    }

    fn new(workspace: &Workspace) -> Self {
        let documents = workspace
            .project
            .documents
            .iter()
            .filter_map(|record| {
                workspace.text(&record.id).map(|loaded| SnapshotDocument {
                    id: record.id.clone(),
                    title: record.title().to_string(),
                    text: loaded.text.clone(),
                })
            })
            .collect();
        Self {
            key: Self::key_of(workspace),
            documents,
            indexes: Mutex::new(HashMap::new()),
        }
    }

    /// The folded indexes for `options`, built on first use (on the search thread).
    fn indexes(&self, options: FoldOptions, threads: usize) -> Arc<Vec<SearchIndex>> {
        let mut cache = match self.indexes.lock() {
            Ok(cache) => cache,
            Err(poisoned) => poisoned.into_inner(),
        };
        cache
            .entry(options)
            .or_insert_with(|| {
                let texts: Vec<&CanonicalText> = self.documents.iter().map(|d| &d.text).collect();
                Arc::new(build_indexes(&texts, options, threads))
            })
            .clone()
    }
}

enum SearchMessage {
    /// The hits of the snapshot's document number `position` (sent for every document).
    Document {
        position: usize,
        hits: Vec<SearchHit>,
    },
    Done,
}

/// A search running on its thread; dropping it cancels the search.
struct RunningSearch {
    cancel: Arc<AtomicBool>,
    receiver: mpsc::Receiver<SearchMessage>,
}

impl Drop for RunningSearch {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The hits of one document.
struct DocumentResult {
    /// Index in the snapshot's documents (project order).
    position: usize,
    hits: Vec<SearchHit>,
    selected: Vec<bool>,
    expanded: bool,
}

/// One line of the result list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Document(usize),
    Hit(usize, usize),
}

/// The results of the last search started.
struct SearchResults {
    snapshot: Arc<CorpusSnapshot>,
    options_label: String,
    documents: Vec<DocumentResult>,
    searched_documents: usize,
    finished: bool,
    cancelled: bool,
    /// Stopped at [`MAX_LISTED_HITS`].
    truncated: bool,
    rows: Vec<Row>,
    rows_dirty: bool,
}

impl SearchResults {
    fn hit_count(&self) -> usize {
        self.documents.iter().map(|d| d.hits.len()).sum()
    }

    fn selected_count(&self) -> usize {
        self.documents
            .iter()
            .map(|d| d.selected.iter().filter(|s| **s).count())
            .sum()
    }

    fn insert(&mut self, position: usize, hits: Vec<SearchHit>) {
        self.searched_documents += 1;
        if hits.is_empty() {
            return;
        }
        let at = self.documents.partition_point(|d| d.position < position);
        let selected = vec![false; hits.len()];
        self.documents.insert(
            at,
            DocumentResult {
                position,
                hits,
                selected,
                expanded: true,
            },
        );
        self.rows_dirty = true;
    }

    fn rebuild_rows(&mut self) {
        if !self.rows_dirty {
            return;
        }
        self.rows.clear();
        for (d, document) in self.documents.iter().enumerate() {
            self.rows.push(Row::Document(d));
            if document.expanded {
                self.rows
                    .extend((0..document.hits.len()).map(|h| Row::Hit(d, h)));
            }
        }
        self.rows_dirty = false;
    }

    fn chosen_hits(&self, only_selected: bool) -> Vec<HitToCode> {
        let mut chosen = Vec::new();
        for document in &self.documents {
            let Some(snapshot_document) = self.snapshot.documents.get(document.position) else {
                continue;
            };
            for (hit, selected) in document.hits.iter().zip(&document.selected) {
                if *selected || !only_selected {
                    chosen.push(HitToCode {
                        document: snapshot_document.id.clone(),
                        range: hit.range,
                    });
                }
            }
        }
        chosen
    }
}

/// Everything the search panel keeps between frames.
#[derive(Default)]
pub struct SearchPanelState {
    /// The query as edited in the panel.
    pub query: SearchQuery,
    /// Named searches; the app persists them and lists them in the palette.
    pub saved_searches: Vec<SavedSearch>,
    /// The codes "code the hits" applies.
    pub coding: AutoCoding,
    pub scope: CodingScope,
    /// Written as the coder of annotations created from hits.
    pub coder: String,
    save_name: String,
    snapshot: Option<Arc<CorpusSnapshot>>,
    running: Option<RunningSearch>,
    results: Option<SearchResults>,
    /// The query of the results shown (a change starts a new search).
    searched: Option<SearchQuery>,
    error: Option<String>,
    message: Option<String>,
    focus_requested: bool,
    run_requested: bool,
}

impl SearchPanelState {
    /// Puts the keyboard focus in the query field next frame (Ctrl+Shift+F).
    pub fn focus(&mut self) {
        self.focus_requested = true;
    }

    /// A panel that starts with these saved searches (kept in the window preferences).
    pub fn with_saved_searches(saved_searches: Vec<SavedSearch>) -> Self {
        Self {
            saved_searches,
            ..Self::default()
        }
    }

    pub fn saved_searches(&self) -> &[SavedSearch] {
        &self.saved_searches
    }

    /// Loads a saved search and runs it (from the command palette).
    pub fn run_saved(&mut self, search: &SavedSearch) {
        self.query = search.query.clone();
        self.run_requested = true;
        self.focus_requested = true;
    }

    pub fn is_searching(&self) -> bool {
        self.running.is_some()
    }

    /// Stops the running search; the hits found so far stay.
    pub fn cancel(&mut self) {
        if self.running.take().is_some()
            && let Some(results) = &mut self.results
        {
            results.cancelled = true;
        }
    }

    /// Hits of the results shown.
    pub fn hit_count(&self) -> usize {
        self.results.as_ref().map_or(0, SearchResults::hit_count)
    }

    /// Starts searching the corpus for `self.query` on a background thread.
    fn start(&mut self, workspace: &Workspace, ctx: &egui::Context) {
        self.running = None;
        self.searched = Some(self.query.clone());
        self.error = None;
        self.message = None;
        if self.query.text.trim().is_empty() {
            self.results = None;
            return;
        }
        let compiled = match CompiledQuery::new(&self.query) {
            Ok(compiled) => compiled.with_max_hits_per_document(MAX_LISTED_HITS),
            Err(error) => {
                self.error = Some(error.to_string());
                self.results = None;
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
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_snapshot = snapshot.clone();
        let thread_cancel = cancel.clone();
        let repaint = ctx.clone();
        let options_label = compiled.options_label();
        let spawned = std::thread::Builder::new()
            .name("gloss-search".into())
            .spawn(move || {
                let threads = default_thread_count();
                let indexes = thread_snapshot.indexes(compiled.fold_options(), threads);
                let documents: Vec<CorpusDocument> = thread_snapshot
                    .documents
                    .iter()
                    .zip(indexes.iter())
                    .map(|(document, index)| CorpusDocument {
                        id: &document.id,
                        text: &document.text,
                        index,
                    })
                    .collect();
                search_corpus(
                    &documents,
                    &compiled,
                    threads,
                    &thread_cancel,
                    &|position, hits| {
                        let _ = sender.send(SearchMessage::Document { position, hits });
                        repaint.request_repaint();
                    },
                );
                let _ = sender.send(SearchMessage::Done);
                repaint.request_repaint();
            });
        if let Err(error) = spawned {
            self.error = Some(format!("the search could not start: {error}"));
            self.results = None;
            return;
        }
        self.results = Some(SearchResults {
            snapshot,
            options_label,
            documents: Vec::new(),
            searched_documents: 0,
            finished: false,
            cancelled: false,
            truncated: false,
            rows: Vec::new(),
            rows_dirty: true,
        });
        self.running = Some(RunningSearch { cancel, receiver });
    }

    /// Takes in what the search thread has sent since the last frame.
    fn receive(&mut self) {
        let Some(running) = &self.running else {
            return;
        };
        let mut done = false;
        loop {
            match running.receiver.try_recv() {
                Ok(SearchMessage::Document { position, hits }) => {
                    if let Some(results) = &mut self.results {
                        results.insert(position, hits);
                    }
                }
                Ok(SearchMessage::Done) | Err(mpsc::TryRecvError::Disconnected) => {
                    done = true;
                    break;
                }
                Err(mpsc::TryRecvError::Empty) => break,
            }
        }
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
}

/// Draws the panel; returns what the app should do.
pub fn search_panel_ui(
    ui: &mut egui::Ui,
    state: &mut SearchPanelState,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    state.receive();
    query_ui(ui, state);
    // Documents added, removed or changed on disk: search them again.
    let stale = state
        .results
        .as_ref()
        .is_some_and(|results| !results.snapshot.is_current(workspace));
    if stale || state.run_requested || state.searched.as_ref() != Some(&state.query) {
        state.run_requested = false;
        state.start(workspace, ui.ctx());
    }
    saved_searches_ui(ui, state);
    status_ui(ui, state);
    if state
        .results
        .as_ref()
        .is_some_and(|r| !r.documents.is_empty())
    {
        ui.separator();
        coding_ui(ui, state, workspace, &mut intents);
        ui.separator();
        results_ui(ui, state, &mut intents);
    }
    intents
}

fn query_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    let field = ui.add(
        egui::TextEdit::singleline(&mut state.query.text)
            .hint_text(QUERY_FIELD_LABEL)
            .desired_width(f32::INFINITY),
    );
    if state.focus_requested {
        field.request_focus();
        state.focus_requested = false;
    }
    if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.cancel();
    }
    ui.horizontal_wrapped(|ui| {
        let mut regex = state.query.mode == MatchMode::Regex;
        let mut fuzzy = state.query.mode == MatchMode::Fuzzy;
        if ui
            .checkbox(&mut regex, "Regex")
            .on_hover_text("Regular expression, matched against the folded text")
            .changed()
        {
            state.query.mode = if regex {
                MatchMode::Regex
            } else {
                MatchMode::Plain
            };
        }
        if ui
            .checkbox(&mut fuzzy, "Fuzzy")
            .on_hover_text("Also find misspellings and OCR noise, within a number of edits")
            .changed()
        {
            state.query.mode = if fuzzy {
                MatchMode::Fuzzy
            } else {
                MatchMode::Plain
            };
        }
        if state.query.mode == MatchMode::Fuzzy {
            let label = |edits: Option<u32>| match edits {
                None => "auto".to_string(),
                Some(1) => "≤1 edit".to_string(),
                Some(n) => format!("≤{n} edits"),
            };
            egui::ComboBox::from_id_salt("search-max-edits")
                .selected_text(label(state.query.max_edits))
                .width(80.0)
                .show_ui(ui, |ui| {
                    for choice in EDIT_CHOICES {
                        ui.selectable_value(&mut state.query.max_edits, choice, label(choice));
                    }
                });
        }
        ui.checkbox(&mut state.query.whole_word, "Whole word");
        ui.checkbox(&mut state.query.case_sensitive, "Match case");
        ui.checkbox(&mut state.query.diacritic_sensitive, "Match diacritics")
            .on_hover_text("Off: Vucic finds Vučić and Вучић, Djokovic finds Đoković");
    });
}

fn saved_searches_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    ui.horizontal_wrapped(|ui| {
        let mut run = None;
        let mut remove = None;
        ui.add_enabled_ui(!state.saved_searches.is_empty(), |ui| {
            ui.menu_button(
                format!("Saved searches ({})", state.saved_searches.len()),
                |ui| {
                    for (index, saved) in state.saved_searches.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let details = saved.query.options_label();
                            let text = if details.is_empty() {
                                format!("{} — {}", saved.name, saved.query.text)
                            } else {
                                format!("{} — {} ({details})", saved.name, saved.query.text)
                            };
                            if ui.button(text).clicked() {
                                run = Some(index);
                                ui.close();
                            }
                            if ui
                                .small_button("×")
                                .on_hover_text("Forget this search")
                                .clicked()
                            {
                                remove = Some(index);
                            }
                        });
                    }
                },
            );
        });
        if let Some(index) = run
            && let Some(saved) = state.saved_searches.get(index).cloned()
        {
            state.run_saved(&saved);
        }
        if let Some(index) = remove
            && index < state.saved_searches.len()
        {
            state.saved_searches.remove(index);
        }
        ui.add(
            egui::TextEdit::singleline(&mut state.save_name)
                .hint_text("Name")
                .desired_width(110.0),
        );
        let can_save = !state.save_name.trim().is_empty() && !state.query.text.trim().is_empty();
        if ui
            .add_enabled(can_save, egui::Button::new("Save search"))
            .on_hover_text(
                "Keep this query and its options; saved searches are in the command palette",
            )
            .clicked()
        {
            let name = state.save_name.trim().to_string();
            let saved = SavedSearch {
                name: name.clone(),
                query: state.query.clone(),
            };
            match state.saved_searches.iter_mut().find(|s| s.name == name) {
                Some(existing) => *existing = saved,
                None => state.saved_searches.push(saved),
            }
            state.save_name.clear();
        }
    });
}

fn status_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
        return;
    }
    let Some(results) = &state.results else {
        ui.weak("Case- and diacritic-insensitive; Latin and Cyrillic match each other.");
        return;
    };
    let total = results.snapshot.documents.len();
    let hits = results.hit_count();
    let summary = format!(
        "{hits} hit{} in {} document{}",
        if hits == 1 { "" } else { "s" },
        results.documents.len(),
        if results.documents.len() == 1 {
            ""
        } else {
            "s"
        },
    );
    let options = if results.options_label.is_empty() {
        String::new()
    } else {
        format!(" ({})", results.options_label)
    };
    let mut cancel = false;
    ui.horizontal_wrapped(|ui| {
        if results.truncated {
            ui.label(format!(
                "{summary}{options} — stopped at {MAX_LISTED_HITS} hits; narrow the search"
            ));
        } else if results.finished {
            ui.label(format!("{summary}{options}"));
        } else if results.cancelled {
            ui.label(format!(
                "{summary}{options} — stopped after {} of {total} documents",
                results.searched_documents
            ));
        } else {
            let fraction = if total == 0 {
                1.0
            } else {
                results.searched_documents as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(120.0)
                    .text(format!("{}/{total}", results.searched_documents)),
            );
            ui.label(summary);
            cancel = ui
                .button("Cancel")
                .on_hover_text("Stop searching (Esc)")
                .clicked();
        }
    });
    if cancel {
        state.cancel();
    }
    if let Some(message) = &state.message {
        ui.label(RichText::new(message).italics());
    }
}

fn coding_ui(
    ui: &mut egui::Ui,
    state: &mut SearchPanelState,
    workspace: &Workspace,
    intents: &mut Vec<Intent>,
) {
    let codebook = &workspace.project.codebook;
    egui::CollapsingHeader::new("Code the hits")
        .id_salt("search-coding")
        .default_open(false)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let topics_label = match state.coding.topics.len() {
                    0 => "Topics…".to_string(),
                    1 => codebook.topic_name(&state.coding.topics[0]).to_string(),
                    n => format!("{n} topics"),
                };
                ui.menu_button(topics_label, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            for (depth, topic) in codebook.topic_tree() {
                                ui.horizontal(|ui| {
                                    ui.add_space(depth as f32 * 12.0);
                                    let mut chosen = state.coding.topics.contains(&topic.id);
                                    if ui.checkbox(&mut chosen, &topic.name).changed() {
                                        if chosen {
                                            state.coding.topics.push(topic.id.clone());
                                        } else {
                                            state.coding.topics.retain(|t| t != &topic.id);
                                        }
                                    }
                                });
                            }
                        });
                });
                let stance_name = |id: &Option<StanceId>| {
                    id.as_ref().map_or("no stance".to_string(), |id| {
                        codebook.stance_name(id).to_string()
                    })
                };
                egui::ComboBox::from_id_salt("search-coding-stance")
                    .selected_text(stance_name(&state.coding.stance))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut state.coding.stance, None, "no stance");
                        for stance in &codebook.stances {
                            ui.selectable_value(
                                &mut state.coding.stance,
                                Some(stance.id.clone()),
                                &stance.name,
                            );
                        }
                    });
                let actor_name = |id: &Option<ActorId>, none: &str| {
                    id.as_ref()
                        .map_or(none.to_string(), |id| codebook.actor_name(id).to_string())
                };
                for (salt, slot, none) in [
                    (
                        "search-coding-holder",
                        &mut state.coding.holder,
                        "no holder",
                    ),
                    (
                        "search-coding-target",
                        &mut state.coding.target,
                        "no target",
                    ),
                ] {
                    egui::ComboBox::from_id_salt(salt)
                        .selected_text(actor_name(slot, none))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(slot, None, none);
                            for actor in &codebook.actors {
                                ui.selectable_value(slot, Some(actor.id.clone()), &actor.name);
                            }
                        });
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Code");
                for scope in CodingScope::ALL {
                    ui.radio_value(&mut state.scope, scope, scope.label());
                }
            });
            let Some(results) = &mut state.results else {
                return;
            };
            let (selected, total) = (results.selected_count(), results.hit_count());
            let mut apply = None;
            ui.horizontal_wrapped(|ui| {
                if ui.button("Select all").clicked() {
                    results
                        .documents
                        .iter_mut()
                        .for_each(|d| d.selected.fill(true));
                }
                if ui.button("Select none").clicked() {
                    results
                        .documents
                        .iter_mut()
                        .for_each(|d| d.selected.fill(false));
                }
                let ready = !state.coding.is_empty();
                if ui
                    .add_enabled(
                        ready && selected > 0,
                        egui::Button::new(format!("Apply to {selected} selected")),
                    )
                    .clicked()
                {
                    apply = Some(true);
                }
                if ui
                    .add_enabled(
                        ready && total > 0,
                        egui::Button::new(format!("Apply to all {total}")),
                    )
                    .on_hover_text("One step: Undo removes it all")
                    .clicked()
                {
                    apply = Some(false);
                }
            });
            if let Some(only_selected) = apply {
                let hits = results.chosen_hits(only_selected);
                let coder = if state.coder.is_empty() {
                    crate::storage::coder_name_from_environment()
                } else {
                    state.coder.clone()
                };
                match plan_auto_code(
                    workspace,
                    &hits,
                    state.scope,
                    &state.coding,
                    &coder,
                    &now_timestamp(),
                ) {
                    Ok(plan) => {
                        let mut message = format!(
                            "Coded {} new and {} existing passages",
                            plan.created, plan.updated
                        );
                        if plan.already_coded > 0 {
                            message.push_str(&format!(
                                "; {} already had these codes",
                                plan.already_coded
                            ));
                        }
                        if plan.unavailable > 0 {
                            message.push_str(&format!(
                                "; {} hits could not be coded",
                                plan.unavailable
                            ));
                        }
                        if !plan.edit.is_noop() {
                            intents.push(Intent::ApplyEdit(Box::new(plan.edit)));
                        }
                        state.message = Some(message);
                    }
                    Err(error) => state.message = Some(error.to_string()),
                }
            }
        });
}

fn results_ui(ui: &mut egui::Ui, state: &mut SearchPanelState, intents: &mut Vec<Intent>) {
    let Some(results) = &mut state.results else {
        return;
    };
    results.rebuild_rows();
    let mut toggled_document = None;
    let text_color = ui.visuals().text_color();
    let weak_color = ui.visuals().weak_text_color();
    let hit_background = ui.visuals().selection.bg_fill;
    let hit_color = ui.visuals().strong_text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    // Keep the hit in view on a narrow panel: about a third of the line before it.
    let line_chars = (ui.available_width() / (font.size * 0.5)).max(1.0) as usize;
    let before_chars = (line_chars / 3).clamp(8, CONTEXT_CHARS);
    egui::ScrollArea::vertical()
        .id_salt("search-results")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT_POINTS, results.rows.len(), |ui, visible| {
            for row in results.rows[visible].iter().copied() {
                match row {
                    Row::Document(d) => {
                        let Some(document) = results.documents.get_mut(d) else {
                            continue;
                        };
                        let Some(source) = results.snapshot.documents.get(document.position) else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            ui.set_height(ROW_HEIGHT_POINTS);
                            let arrow = if document.expanded { "-" } else { "+" };
                            if ui
                                .small_button(arrow)
                                .on_hover_text("Show or hide the hits")
                                .clicked()
                            {
                                toggled_document = Some(d);
                            }
                            let mut all = document.selected.iter().all(|s| *s);
                            if ui
                                .checkbox(&mut all, "")
                                .on_hover_text("Choose every hit of this document")
                                .changed()
                            {
                                document.selected.fill(all);
                            }
                            let count = document.hits.len();
                            ui.weak(if count == 1 {
                                "1 hit".to_string()
                            } else {
                                format!("{count} hits")
                            });
                            let title = ui.add(
                                egui::Label::new(RichText::new(&source.title).strong())
                                    .truncate()
                                    .sense(Sense::click()),
                            );
                            if title.on_hover_text("Open the document").clicked() {
                                intents.push(Intent::OpenDocument {
                                    document: source.id.clone(),
                                    reveal: document.hits.first().map(|h| h.range),
                                });
                            }
                        });
                    }
                    Row::Hit(d, h) => {
                        let Some(document) = results.documents.get_mut(d) else {
                            continue;
                        };
                        let Some(source) = results.snapshot.documents.get(document.position) else {
                            continue;
                        };
                        let (Some(hit), Some(selected)) =
                            (document.hits.get(h).copied(), document.selected.get_mut(h))
                        else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            ui.set_height(ROW_HEIGHT_POINTS);
                            ui.add_space(22.0);
                            ui.checkbox(selected, "");
                            let mut context =
                                keyword_in_context(&source.text, hit.range, CONTEXT_CHARS)
                                    .one_line();
                            let extra = context.before.chars().count().saturating_sub(before_chars);
                            if let Some((cut, _)) = context.before.char_indices().nth(extra) {
                                context.before.replace_range(..cut, "");
                            }
                            let mut job = LayoutJob::default();
                            let format = |color: Color32, background: Color32| TextFormat {
                                font_id: font.clone(),
                                color,
                                background,
                                ..Default::default()
                            };
                            job.append(
                                &format!("…{}", context.before),
                                0.0,
                                format(weak_color, Color32::TRANSPARENT),
                            );
                            job.append(&context.hit, 0.0, format(hit_color, hit_background));
                            job.append(
                                &format!("{}…", context.after),
                                0.0,
                                format(text_color, Color32::TRANSPARENT),
                            );
                            if hit.edits > 0 {
                                job.append(
                                    &format!(
                                        "  ({} edit{})",
                                        hit.edits,
                                        if hit.edits == 1 { "" } else { "s" }
                                    ),
                                    0.0,
                                    format(weak_color, Color32::TRANSPARENT),
                                );
                            }
                            let line =
                                ui.add(egui::Label::new(job).truncate().sense(Sense::click()));
                            if line
                                .on_hover_text(format!(
                                    "Open at char {} in the reader",
                                    hit.range.start.0
                                ))
                                .clicked()
                            {
                                intents.push(Intent::OpenDocument {
                                    document: source.id.clone(),
                                    reveal: Some(hit.range),
                                });
                            }
                        });
                    }
                }
            }
        });
    if let Some(d) = toggled_document
        && let Some(document) = results.documents.get_mut(d)
    {
        document.expanded = !document.expanded;
        results.rows_dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::LoadedText;
    use crate::model::format::project_from_json;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    struct Fixture {
        panel: SearchPanelState,
        workspace: Workspace,
        intents: Vec<Intent>,
    }

    fn sample_workspace() -> Workspace {
        let project =
            project_from_json(crate::sample::SAMPLE_PROJECT_JSON).expect("sample project");
        let texts = crate::sample::SAMPLE_DOCUMENTS
            .iter()
            .map(|(name, contents)| {
                let record = project.document_by_path(name).expect("listed");
                (record.id.clone(), LoadedText::from_string(contents))
            })
            .collect();
        Workspace::new(project, texts)
    }

    fn harness() -> Harness<'static, Fixture> {
        let mut harness = Harness::builder().with_size([700.0, 600.0]).build_ui_state(
            |ui, fixture: &mut Fixture| {
                let intents = search_panel_ui(ui, &mut fixture.panel, &fixture.workspace);
                fixture.intents.extend(intents);
            },
            Fixture {
                panel: SearchPanelState::default(),
                workspace: sample_workspace(),
                intents: Vec::new(),
            },
        );
        crate::app::theme::install(&harness.ctx);
        harness.step();
        harness
    }

    fn wait_for_results(harness: &mut Harness<'_, Fixture>) {
        for _ in 0..500 {
            harness.step();
            if !harness.state().panel.is_searching() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        harness.step();
        assert!(!harness.state().panel.is_searching(), "the search finishes");
    }

    #[test]
    fn searches_off_the_ui_thread_and_codes_all_hits_in_one_undoable_edit() {
        let mut harness = harness();
        harness.state_mut().panel.query = SearchQuery::plain("Vucic");
        wait_for_results(&mut harness);
        let hits = harness.state().panel.hit_count();
        assert!(hits >= 3, "the sample mentions Vučić: {hits}");

        harness.get_by_label("Code the hits").click();
        harness.step();
        let topic = harness.state().workspace.project.codebook.topics[0]
            .id
            .clone();
        harness.state_mut().panel.coding.topics = vec![topic.clone()];
        harness.step();
        harness
            .get_by_label(&format!("Apply to all {hits}"))
            .click();
        harness.step();
        harness.step();

        let fixture = harness.state();
        let edits: Vec<_> = fixture
            .intents
            .iter()
            .filter_map(|intent| match intent {
                Intent::ApplyEdit(edit) => Some(edit.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(edits.len(), 1, "one edit for all hits");
        let mut workspace = fixture.workspace.clone();
        let before = workspace.project.annotations.clone();
        workspace.apply(*edits[0].clone()).expect("applies");
        let coded = workspace.project.annotations.len() - before.len();
        assert!(coded > 0 && coded <= hits);
        workspace.undo().expect("undo").expect("one step");
        assert_eq!(workspace.project.annotations, before);
    }

    #[test]
    fn a_changed_query_replaces_the_results_and_errors_are_shown() {
        let mut harness = harness();
        harness.state_mut().panel.query = SearchQuery::plain("Huawei");
        wait_for_results(&mut harness);
        let huawei = harness.state().panel.hit_count();
        assert!(huawei > 0);
        harness.state_mut().panel.query.whole_word = true;
        harness.state_mut().panel.query.text = "Huawe".into();
        wait_for_results(&mut harness);
        assert_eq!(
            harness.state().panel.hit_count(),
            0,
            "`Huawe` is not a whole word"
        );
        harness.state_mut().panel.query.mode = MatchMode::Regex;
        harness.state_mut().panel.query.text = "hua(".into();
        harness.step();
        harness.get_by_label_contains("invalid regular expression");
    }

    #[test]
    fn a_document_added_to_the_workspace_is_searched_again() {
        let mut harness = harness();
        harness.state_mut().panel.query = SearchQuery::plain("Вучић");
        wait_for_results(&mut harness);
        let before = harness.state().panel.hit_count();
        let loaded = LoadedText::from_string("Vučić, Вучић и VUCIC.");
        let record = crate::model::document::DocumentRecord::new("new.txt", &loaded.sha256);
        let fixture = harness.state_mut();
        fixture.workspace.texts.insert(record.id.clone(), loaded);
        fixture.workspace.project.documents.push(record);
        harness.step();
        wait_for_results(&mut harness);
        assert_eq!(harness.state().panel.hit_count(), before + 3);
    }

    #[test]
    fn saved_searches_are_kept_and_run() {
        let mut panel = SearchPanelState::default();
        let saved = SavedSearch {
            name: "Vučić, fuzzy".into(),
            query: SearchQuery {
                mode: MatchMode::Fuzzy,
                ..SearchQuery::plain("Vucic")
            },
        };
        panel.saved_searches.push(saved.clone());
        panel.run_saved(&saved);
        assert_eq!(panel.query, saved.query);
        assert!(panel.run_requested && panel.focus_requested);
        assert_eq!(panel.saved_searches(), [saved]);
    }
}
