//! The review queue of re-anchored passages. When a document changed since it
//! was coded, re-anchoring (`model::anchor`) finds each passage again; those it
//! found only approximately (fuzzy) or not at all (orphaned) wait here, document
//! by document. For each the researcher can show it, accept its new place, move
//! it to the text selected in the reader, or delete it — each an undoable edit.

use crate::app::intent::Intent;
use crate::app::widgets::{actors_text, flatten_whitespace, topics_text};
use crate::model::anchor::AnchorStatus;
use crate::model::annotation::Annotation;
use crate::model::ids::DocumentId;
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use egui::RichText;

/// Title of the review window (also its accessible name).
pub const REVIEW_TITLE: &str = "Review re-anchored passages";
/// The button that keeps a fuzzy passage at the place re-anchoring found.
pub const ACCEPT_LABEL: &str = "Accept new place";
/// The button that moves a passage to the reader's selection.
pub const MOVE_LABEL: &str = "Move to selection";
/// The button that shows a passage in the reader.
pub const SHOW_LABEL: &str = "Show";
/// The button that deletes a passage.
pub const DELETE_LABEL: &str = "Delete";

/// Quotes longer than this are cut in the list (the reader shows them whole).
const QUOTE_PREVIEW_CHARS: usize = 240;

/// What the review window needs from the rest of the window.
pub struct ReviewContext<'a> {
    /// The open project.
    pub workspace: &'a Workspace,
    /// The document in the reader and the text selected there, if any.
    pub reader_selection: Option<(&'a DocumentId, CharRange)>,
    /// Edits are refused (the project is read-only here).
    pub read_only: bool,
}

/// How many annotations wait for review (fuzzy or orphaned).
pub fn review_count(workspace: &Workspace) -> usize {
    workspace
        .project
        .annotations
        .iter()
        .filter(|annotation| annotation.status.needs_review())
        .count()
}

/// Draws the queue; returns what the researcher asked for.
pub fn review_ui(ui: &mut egui::Ui, context: &ReviewContext<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    let count = review_count(context.workspace);
    if count == 0 {
        ui.label("Nothing to review: every passage is where its document has it.");
        return intents;
    }
    let noun = if count == 1 { "passage" } else { "passages" };
    ui.label(RichText::new(format!("{count} {noun} to review")).strong());
    ui.label(
        RichText::new(
            "Their documents changed since they were coded. Fuzzy: found approximately, \
             check the new place. Orphaned: not found; the quote and the codes are kept \
             until you move or delete the passage.",
        )
        .weak(),
    );
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for document in &context.workspace.project.documents {
                let waiting: Vec<&Annotation> = context
                    .workspace
                    .project
                    .annotations_of(&document.id)
                    .filter(|annotation| annotation.status.needs_review())
                    .collect();
                if waiting.is_empty() {
                    continue;
                }
                ui.add_space(4.0);
                ui.label(RichText::new(document.title()).heading().small());
                for annotation in waiting {
                    review_row_ui(ui, context, annotation, &mut intents);
                }
            }
        });
    intents
}

/// One passage: its status, what was coded, where it is now, its codes, and
/// the four actions.
fn review_row_ui(
    ui: &mut egui::Ui,
    context: &ReviewContext<'_>,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    let workspace = context.workspace;
    let codebook = &workspace.project.codebook;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let (badge, color) = match annotation.status {
            AnchorStatus::Orphaned => ("orphaned", ui.visuals().error_fg_color),
            _ => ("fuzzy", ui.visuals().warn_fg_color),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(badge).color(color).strong());
            ui.label(RichText::new(topics_text(codebook, &annotation.topics)).small());
            if let Some(actors) = actors_text(
                codebook,
                annotation.holder.as_ref(),
                annotation.target.as_ref(),
            ) {
                ui.label(RichText::new(actors).small().weak());
            }
        });
        let coded = annotation
            .coded_quote
            .as_deref()
            .unwrap_or(&annotation.anchor.exact);
        ui.label(format!("Coded: “{}”", preview(coded)));
        if annotation.status == AnchorStatus::Fuzzy
            && let Some(now) = workspace
                .text(&annotation.document)
                .and_then(|loaded| loaded.text.slice(annotation.range()))
        {
            ui.label(RichText::new(format!("Now: “{}”", preview(now))).italics());
        }
        ui.horizontal(|ui| {
            actions_ui(ui, context, annotation, intents);
        });
    });
}

/// Show, accept, move to the selection, delete.
fn actions_ui(
    ui: &mut egui::Ui,
    context: &ReviewContext<'_>,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    if ui.button(SHOW_LABEL).clicked() {
        intents.push(Intent::OpenDocument {
            document: annotation.document.clone(),
            reveal: Some(annotation.range()),
        });
        intents.push(Intent::SelectAnnotation(annotation.id.clone()));
    }
    ui.add_enabled_ui(!context.read_only, |ui| {
        let fuzzy = annotation.status == AnchorStatus::Fuzzy;
        if ui
            .add_enabled(fuzzy, egui::Button::new(ACCEPT_LABEL))
            .on_hover_text("The passage is right where it is now")
            .clicked()
        {
            let mut accepted = annotation.clone();
            accepted.status = AnchorStatus::Exact;
            accepted.coded_quote = None;
            accepted.modified = crate::model::now_timestamp();
            intents.push(Intent::UpdateAnnotation(Box::new(accepted)));
        }
        let selection = context
            .reader_selection
            .filter(|(document, range)| **document == annotation.document && !range.is_empty())
            .map(|(_, range)| range);
        if ui
            .add_enabled(selection.is_some(), egui::Button::new(MOVE_LABEL))
            .on_hover_text("Select the right text in the reader first")
            .clicked()
            && let Some(range) = selection
        {
            intents.push(Intent::ResizeAnnotation {
                id: annotation.id.clone(),
                range,
            });
        }
        if ui.button(DELETE_LABEL).clicked() {
            intents.push(Intent::DeleteAnnotation(annotation.id.clone()));
        }
    });
}

/// `text` on one line, cut to [`QUOTE_PREVIEW_CHARS`].
fn preview(text: &str) -> String {
    let flat = flatten_whitespace(text);
    match flat.char_indices().nth(QUOTE_PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}
