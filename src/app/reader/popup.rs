//! What opens over the text: the tag popup placed beside the passage it codes
//! (and its outcome turned into intents: the codes it created go with the
//! annotation, as one undo step), the right-click context menu, and the
//! tooltip with a passage's codes.

use crate::app::commands::Command;
use crate::app::intent::Intent;
use crate::app::reader::frame::TextFrame;
use crate::app::reader::state::{PopupTarget, ReaderState, TextSelection};
use crate::app::reader::tag_popup::{PopupAnchor, TagPopupOutcome, TagPopupState, tag_popup_ui};
use crate::app::theme;
use crate::model::edit::Edit;
use crate::model::ids::AnnotationId;
use crate::model::text::CharOffset;
use crate::model::workspace::Workspace;
use egui::{Rect, RichText, Sense, Vec2, pos2, vec2};

/// How many chars of the passage the popup's heading quotes.
const HEADING_QUOTE_CHARS: usize = 60;

/// Shows the open tag popup near the passage and turns its outcome into intents.
pub(super) fn popup_ui(frame: &TextFrame<'_>, state: &mut ReaderState, intents: &mut Vec<Intent>) {
    let Some((target, _)) = &state.popup else {
        return;
    };
    let range = match target {
        PopupTarget::NewPassage(range) => Some(*range),
        PopupTarget::Edit(id) => frame.workspace.annotation(id).map(|a| a.range()),
    };
    let Some(range) = range else {
        state.popup = None;
        return;
    };
    let ctx = &frame.ctx;
    let clip = state.geometry.map_or(ctx.content_rect(), |g| g.clip);
    let line_in_view = |rect: Option<Rect>| {
        rect.map_or(
            Rect::from_center_size(clip.center(), vec2(0.0, 20.0)),
            |rect| {
                Rect::from_min_max(
                    pos2(rect.min.x.clamp(clip.left(), clip.right()), rect.min.y),
                    pos2(rect.max.x.clamp(clip.left(), clip.right()), rect.max.y),
                )
            },
        )
    };
    let last_char = CharOffset(range.end.0.saturating_sub(1).max(range.start.0));
    let anchor = PopupAnchor {
        first_line: line_in_view(state.char_screen_rect(range.start)),
        last_line: line_in_view(state.char_screen_rect(last_char)),
        window: ctx.content_rect(),
    };
    let quote = frame.text.slice_clamped(range);
    let mut heading: String = quote.chars().take(HEADING_QUOTE_CHARS).collect();
    if quote.chars().nth(HEADING_QUOTE_CHARS).is_some() {
        heading.push('…');
    }
    let heading = format!("“{}”", heading.replace('\n', " "));
    let Some((target, popup)) = &mut state.popup else {
        return;
    };
    let outcome = tag_popup_ui(
        ctx,
        frame.reader_id.with("tag-popup"),
        popup,
        &frame.workspace.project.codebook,
        &heading,
        &anchor,
    );
    match outcome {
        TagPopupOutcome::Open => {}
        TagPopupOutcome::Cancelled => {
            state.popup = None;
            state.focus_reader = true;
        }
        TagPopupOutcome::Confirmed(coding) => {
            let new_codes = popup.new_code_edits(&coding);
            match target {
                PopupTarget::NewPassage(range) => intents.push(Intent::CreateAnnotation {
                    document: frame.document.clone(),
                    range: *range,
                    coding,
                    new_codes,
                }),
                PopupTarget::Edit(id) => {
                    if let Some(annotation) = frame.workspace.annotation(id) {
                        let edited = annotation
                            .clone()
                            .with_coding(coding, &crate::model::now_timestamp());
                        if new_codes.is_empty() {
                            intents.push(Intent::UpdateAnnotation(Box::new(edited)));
                        } else {
                            // The new codes and the changed annotation: one undo step.
                            let mut edits = new_codes;
                            edits.push(Edit::change_annotation(annotation.clone(), edited));
                            intents.push(Intent::ApplyEdit(Box::new(Edit::batch(
                                "edit codes",
                                edits,
                            ))));
                        }
                    }
                }
            }
            state.popup = None;
            state.selection = state
                .selection
                .map(|s| TextSelection::caret_at(s.range().end));
            state.focus_reader = true;
        }
    }
}

/// The right-click menu: code or copy the selection; edit the codes of or
/// delete the annotation under the pointer.
pub(super) fn context_menu_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    workspace: &Workspace,
    intents: &mut Vec<Intent>,
) {
    if state.selection().is_some() {
        for command in [Command::CodeSelection, Command::CopySelection] {
            if ui.button(command.label()).clicked() {
                intents.extend(state.run_command(ui.ctx(), workspace, command, None));
                ui.close();
            }
        }
    }
    if let Some(id) = state.context_annotation.clone()
        && let Some(annotation) = workspace.annotation(&id)
    {
        if ui.button("Edit codes…").clicked() {
            let coding = annotation.coding();
            intents.push(Intent::SelectAnnotation(id.clone()));
            state.popup = Some((PopupTarget::Edit(id.clone()), TagPopupState::new(coding)));
            ui.close();
        }
        if ui.button("Delete annotation").clicked() {
            intents.push(Intent::DeleteAnnotation(id));
            ui.close();
        }
    }
    if state.selection().is_none() && state.context_annotation.is_none() {
        ui.label(RichText::new("Select text to code it").weak());
    }
}

/// The codes of the annotations under the pointer: topics with their colours,
/// the stance, holder → target, and the memo.
pub(super) fn annotation_tooltip_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    ids: &[AnnotationId],
) {
    let codebook = &workspace.project.codebook;
    ui.set_max_width(360.0);
    for (index, id) in ids.iter().enumerate() {
        let Some(annotation) = workspace.annotation(id) else {
            continue;
        };
        if index > 0 {
            ui.separator();
        }
        for topic in &annotation.topics {
            ui.horizontal(|ui| {
                let color = codebook
                    .topic(topic)
                    .map_or(theme::MISSING_CODE_COLOR, |t| theme::code_color(t.color));
                let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, color);
                ui.label(codebook.topic_name(topic));
            });
        }
        if annotation.topics.is_empty() {
            ui.label(RichText::new("No topic").weak());
        }
        let stance = annotation.stance.as_ref().map(|s| {
            let color = codebook
                .stance(s)
                .map_or(theme::MISSING_CODE_COLOR, |s| theme::code_color(s.color));
            (codebook.stance_name(s).to_owned(), color)
        });
        let holder = annotation.holder.as_ref().map(|a| codebook.actor_name(a));
        let target = annotation.target.as_ref().map(|a| codebook.actor_name(a));
        if stance.is_some() || holder.is_some() || target.is_some() {
            ui.horizontal_wrapped(|ui| {
                if let Some((name, color)) = stance {
                    ui.label(RichText::new(name).color(color).strong());
                }
                if holder.is_some() || target.is_some() {
                    ui.label(format!(
                        "{} → {}",
                        holder.unwrap_or("?"),
                        target.unwrap_or("?")
                    ));
                }
            });
        }
        if !annotation.memo.is_empty() {
            ui.label(RichText::new(&annotation.memo).italics());
        }
    }
}
