//! The command palette (Ctrl+P): one search box over commands, documents and
//! topics, fuzzy-matched. ↑/↓ move, Enter runs the highlighted entry, Escape closes.
//! A command runs, a document opens, a topic is revealed in the codebook panel.

use crate::app::commands::Command;
use crate::app::intent::Intent;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::search::SavedSearch;
use crate::model::workspace::Workspace;
use egui::{Key, RichText};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Accessible label of the palette's search box.
pub const SEARCH_LABEL: &str = "Command palette search";
/// How many results are shown at most.
const MAX_RESULTS: usize = 50;
const PALETTE_WIDTH_POINTS: f32 = 560.0;

/// The palette's state: open or not, the query, the highlighted row.
#[derive(Debug, Default)]
pub struct Palette {
    /// Is the palette shown?
    open: bool,
    /// What the user typed.
    query: String,
    highlighted: usize,
    focus_requested: bool,
}

impl Palette {
    /// Opens the palette empty, with the keyboard focus in its search box.
    pub fn show(&mut self) {
        self.open = true;
        self.query.clear();
        self.highlighted = 0;
        self.focus_requested = true;
    }

    /// Opens the palette, or closes it when open (Ctrl+P).
    pub fn toggle(&mut self) {
        if self.open {
            self.open = false;
        } else {
            self.show();
        }
    }
}

/// One thing the palette can do.
#[derive(Clone, Debug, PartialEq)]
pub enum PaletteEntry {
    /// Runs the command.
    Command(Command),
    /// Opens the document in the reader.
    Document(DocumentId),
    /// Shows the topic in the codebook panel.
    Topic(TopicId),
    /// A saved corpus search, by its position in the saved list.
    SavedSearch(usize),
}

/// A result row: what it does, its label, a kind hint and the shortcut.
#[derive(Clone, Debug)]
pub struct PaletteResult {
    /// What choosing the row does.
    pub entry: PaletteEntry,
    /// The name matched and shown.
    pub label: String,
    /// "command", "document", "topic" or "saved search", shown on the right.
    pub kind: &'static str,
    /// The shortcut, path or query shown beside the kind.
    pub detail: String,
}

/// All entries matching `query`, best first (commands, documents, topics when empty).
pub fn palette_results(
    query: &str,
    workspace: Option<&Workspace>,
    saved_searches: &[SavedSearch],
    ctx: &egui::Context,
) -> Vec<PaletteResult> {
    let mut candidates = Vec::new();
    for command in Command::ALL {
        if command == Command::CommandPalette {
            continue;
        }
        candidates.push(PaletteResult {
            entry: PaletteEntry::Command(command),
            label: command.full_label(),
            kind: "command",
            detail: command.shortcut_text(ctx).unwrap_or_default(),
        });
    }
    if let Some(workspace) = workspace {
        for record in &workspace.project.documents {
            candidates.push(PaletteResult {
                entry: PaletteEntry::Document(record.id.clone()),
                label: record.title().to_owned(),
                kind: "document",
                detail: record.path.clone(),
            });
        }
        for topic in &workspace.project.codebook.topics {
            candidates.push(PaletteResult {
                entry: PaletteEntry::Topic(topic.id.clone()),
                label: topic.name.clone(),
                kind: "topic",
                detail: String::new(),
            });
        }
    }
    for (index, saved) in saved_searches.iter().enumerate() {
        candidates.push(PaletteResult {
            entry: PaletteEntry::SavedSearch(index),
            label: saved.name.clone(),
            kind: "saved search",
            detail: saved.query.text.clone(),
        });
    }
    let query = query.trim();
    if query.is_empty() {
        return candidates;
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize, PaletteResult)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(index, result)| {
            let haystack = format!("{} {}", result.label, result.kind);
            matcher.fuzzy_match(&haystack, query).map(|score| {
                let bonus = if command_like(&result, query) {
                    COMMAND_BONUS
                } else {
                    0
                };
                (score + bonus, index, result)
            })
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, result)| result).collect()
}

/// Added to a command's score when the query starts one of its label's words
/// ("import", "exp", "undo"): such a query names a command, so the command
/// ranks above documents and topics whose titles merely contain the letters.
const COMMAND_BONUS: i64 = 1_000;

/// Is `result` a command whose label has a word starting with `query`?
fn command_like(result: &PaletteResult, query: &str) -> bool {
    if !matches!(result.entry, PaletteEntry::Command(_)) {
        return false;
    }
    let query = query.to_lowercase();
    result
        .label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| !word.is_empty() && word.starts_with(&query))
}

fn intent_for(entry: &PaletteEntry, saved_searches: &[SavedSearch]) -> Intent {
    match entry {
        PaletteEntry::Command(command) => Intent::Command(*command),
        PaletteEntry::Document(document) => Intent::OpenDocument {
            document: document.clone(),
            reveal: None,
        },
        PaletteEntry::Topic(topic) => Intent::RevealTopic(topic.clone()),
        PaletteEntry::SavedSearch(index) => match saved_searches.get(*index) {
            Some(saved) => Intent::RunSavedSearch(Box::new(saved.clone())),
            None => Intent::ReportError("That saved search no longer exists.".into()),
        },
    }
}

/// Draws the palette when open (keys first: ↑/↓, Enter, Escape); returns the chosen entry's intent.
pub fn palette_ui(
    ctx: &egui::Context,
    palette: &mut Palette,
    workspace: Option<&Workspace>,
    saved_searches: &[SavedSearch],
) -> Vec<Intent> {
    let mut intents = Vec::new();
    if !palette.open {
        return intents;
    }
    let results = palette_results(&palette.query, workspace, saved_searches, ctx);
    let mut chosen: Option<usize> = None;
    let mut close = false;
    let mut moved = false;
    ctx.input_mut(|input| {
        if input.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
            palette.highlighted =
                (palette.highlighted + 1).min(results.len().min(MAX_RESULTS).saturating_sub(1));
            moved = true;
        }
        if input.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
            palette.highlighted = palette.highlighted.saturating_sub(1);
            moved = true;
        }
        if input.consume_key(egui::Modifiers::NONE, Key::Enter) && !results.is_empty() {
            chosen = Some(palette.highlighted.min(results.len() - 1));
        }
        if input.consume_key(egui::Modifiers::NONE, Key::Escape) {
            close = true;
        }
    });
    let modal = egui::Modal::new(egui::Id::unique("command-palette"))
        .area(
            egui::Modal::default_area(egui::Id::unique("command-palette"))
                .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0)),
        )
        .show(ctx, |ui| {
            // Fixed: the palette keeps its width while results change.
            let width = PALETTE_WIDTH_POINTS.min(ctx.content_rect().width() - 48.0);
            ui.set_width(width);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut palette.query)
                        .hint_text("Type a command, document or topic…")
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Heading),
                )
                .accessible_name(SEARCH_LABEL);
            if palette.focus_requested {
                field.request_focus();
                palette.focus_requested = false;
            }
            if field.changed() {
                palette.highlighted = 0;
            }
            ui.add_space(6.0);
            if results.is_empty() {
                ui.label(RichText::new("Nothing matches.").weak());
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for (index, result) in results.iter().take(MAX_RESULTS).enumerate() {
                        let highlighted = index == palette.highlighted;
                        let row = palette_row_ui(ui, result, highlighted);
                        if highlighted {
                            row.scroll_to_me(None);
                        }
                        if row.clicked() {
                            chosen = Some(index);
                        }
                    }
                });
        });
    if let Some(index) = chosen
        && let Some(result) = results.get(index)
    {
        intents.push(intent_for(&result.entry, saved_searches));
        close = true;
    }
    if close || modal.should_close() {
        palette.open = false;
    }
    intents
}

/// Width of a row's right part (kind, shortcut or path), in points.
const DETAIL_WIDTH_POINTS: f32 = 190.0;

/// One result row: the label elided to its column, then the detail and kind,
/// elided too, so a long title never runs into the file name.
fn palette_row_ui(ui: &mut egui::Ui, result: &PaletteResult, highlighted: bool) -> egui::Response {
    let row_height = ui.spacing().interact_size.y;
    let detail_width = DETAIL_WIDTH_POINTS.min(ui.available_width() * 0.4);
    let label_width = (ui.available_width() - detail_width - ui.spacing().item_spacing.x).max(40.0);
    ui.horizontal(|ui| {
        // Left-aligned and elided within its column (add_sized would centre it).
        let response = ui
            .allocate_ui_with_layout(
                egui::vec2(label_width, row_height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.add(
                        egui::Button::selectable(highlighted, result.label.as_str())
                            .truncate()
                            .min_size(egui::vec2(label_width, row_height)),
                    )
                },
            )
            .inner
            .on_hover_text(&result.label);
        ui.allocate_ui_with_layout(
            egui::vec2(detail_width, row_height),
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| {
                ui.label(RichText::new(result.kind).small().weak());
                if !result.detail.is_empty() {
                    ui.add(
                        egui::Label::new(RichText::new(&result.detail).small().weak()).truncate(),
                    );
                }
            },
        );
        response
    })
    .inner
}

#[cfg(test)]
mod tests {
    use super::{PaletteEntry, palette_results};
    use crate::app::commands::Command;
    use crate::model::document::{DocumentRecord, LoadedText};
    use crate::model::project::Project;
    use crate::model::workspace::Workspace;
    use std::collections::HashMap;

    fn workspace_with_document(path: &str) -> Workspace {
        let mut project = Project::default();
        let text = LoadedText::from_string("text");
        project
            .documents
            .push(DocumentRecord::new(path, &text.sha256));
        Workspace::new(project, HashMap::new())
    }

    #[test]
    fn a_command_like_query_finds_the_command_before_a_document_title() {
        let workspace = workspace_with_document("important-imports-of-grain.txt");
        let ctx = egui::Context::default();
        let results = palette_results("import", Some(&workspace), &[], &ctx);
        assert_eq!(
            results.first().map(|r| &r.entry),
            Some(&PaletteEntry::Command(Command::Import))
        );
        assert!(
            results
                .iter()
                .any(|r| matches!(r.entry, PaletteEntry::Document(_))),
            "the document still matches, below"
        );
    }

    #[test]
    fn a_title_query_still_finds_the_document_first() {
        let workspace = workspace_with_document("grain-harvest-interview.txt");
        let ctx = egui::Context::default();
        let results = palette_results("harvest", Some(&workspace), &[], &ctx);
        assert!(matches!(
            results.first().map(|r| &r.entry),
            Some(PaletteEntry::Document(_))
        ));
    }
}
