//! The disagreement walk-through: the two coders (A and B), "Disagreement 2
//! of 5" with Previous and Next (F7 and Shift+F7 anywhere in the window), the
//! run's document, place and text, both coders' passages side by side, and
//! "Take A", "Take B", "Keep both": each one undoable edit
//! (`model::agreement::resolve`). The list is computed again after each edit.

use super::state::AgreementState;
use crate::app::intent::Intent;
use crate::model::agreement::disagreements::{Difference, Disagreement};
use crate::model::agreement::resolve::{Coders, Resolution, resolve_disagreement};
use crate::model::annotation::Annotation;
use crate::model::ids::AnnotationId;
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use egui::RichText;

/// The label of the button that keeps both codings.
pub const KEEP_BOTH_LABEL: &str = "Keep both";
/// The longest run text shown; longer runs are cut in the middle.
const RUN_TEXT_MAX_CHARS: usize = 600;

/// The label of "Take A (ana)" or "Take B (ben)".
pub fn take_label(letter: char, coder: &str) -> String {
    format!("Take {letter} ({coder})")
}

/// The walk-through; returns the edit or navigation asked for.
pub(super) fn walk_ui(
    ui: &mut egui::Ui,
    state: &mut AgreementState,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some((first, second)) = state.walk_coders() else {
        return intents;
    };
    ui.label(RichText::new("Disagreements").strong());
    ui.horizontal_wrapped(|ui| {
        coder_picker_ui(
            ui,
            "A",
            &first,
            &state.coders.clone(),
            &mut state.walk_first,
        );
        coder_picker_ui(
            ui,
            "B",
            &second,
            &state.coders.clone(),
            &mut state.walk_second,
        );
    });
    let count = state.disagreements(workspace).len();
    let index = state.walk_index;
    let Some(current) = state.disagreements(workspace).get(index).cloned() else {
        ui.label(
            RichText::new(format!(
                "{first} and {second} agree on every passage compared."
            ))
            .weak(),
        );
        return intents;
    };
    navigation_ui(ui, state, workspace, (index, count));
    let document = workspace
        .document(&current.document)
        .map_or_else(|| current.document.to_string(), |d| d.path.clone());
    let range = CharRange::new(current.start, current.end);
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{document}, chars {}–{}: {}",
            current.start,
            current.end,
            differences_text(&current, &first, &second)
        ));
        if ui.small_button("Show in reader").clicked() {
            intents.push(Intent::OpenDocument {
                document: current.document.clone(),
                reveal: Some(range),
            });
        }
    });
    if let Some(loaded) = workspace.text(&current.document) {
        let text = shortened(loaded.text.slice_clamped(range));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).italics()).wrap());
        });
    }
    ui.columns(2, |columns| {
        if let [left, right] = columns {
            // Ragged text, not justified as columns lay out by default.
            let ragged = egui::Layout::top_down(egui::Align::Min);
            left.with_layout(ragged, |ui| {
                side_ui(ui, ("A", &first), &current.first, workspace);
            });
            right.with_layout(ragged, |ui| {
                side_ui(ui, ("B", &second), &current.second, workspace);
            });
        }
    });
    let coders = Coders {
        first: &first,
        second: &second,
    };
    ui.horizontal_wrapped(|ui| {
        let buttons = [
            (take_label('A', &first), Resolution::TakeFirst),
            (take_label('B', &second), Resolution::TakeSecond),
            (KEEP_BOTH_LABEL.to_owned(), Resolution::KeepBoth),
        ];
        for (label, resolution) in buttons {
            if ui.button(label).clicked() {
                let now = crate::model::now_timestamp();
                match resolve_disagreement(&workspace.project, &current, coders, resolution, &now) {
                    Ok(edit) => intents.push(Intent::ApplyEdit(Box::new(edit))),
                    Err(error) => intents.push(Intent::ReportError(error.to_string())),
                }
            }
        }
    });
    intents
}

/// Previous, "Disagreement 2 of 5", Next; scrolls into view after a step.
fn navigation_ui(
    ui: &mut egui::Ui,
    state: &mut AgreementState,
    workspace: &Workspace,
    (index, count): (usize, usize),
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("◀ Previous")
            .on_hover_text("Previous disagreement (Shift+F7)")
            .clicked()
        {
            state.step(workspace, -1);
        }
        let place = ui.label(format!("Disagreement {} of {count}", index + 1));
        if std::mem::take(&mut state.scroll_to_walk) {
            place.scroll_to_me(Some(egui::Align::TOP));
        }
        if ui
            .button("Next ▶")
            .on_hover_text("Next disagreement (F7)")
            .clicked()
        {
            state.step(workspace, 1);
        }
    });
}

/// "A" or "B": a menu of the compared coders.
fn coder_picker_ui(
    ui: &mut egui::Ui,
    letter: &str,
    shown: &str,
    coders: &[String],
    choice: &mut Option<String>,
) {
    let name = ui.label(letter);
    let combo = egui::ComboBox::from_id_salt(("agreement-walk", letter))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for coder in coders {
                if ui.selectable_label(coder == shown, coder).clicked() {
                    *choice = Some(coder.clone());
                }
            }
        })
        .response
        .labelled_by(name.id);
    let label = format!("Coder {letter}");
    ui.ctx()
        .accesskit_node_builder(combo.id, |node| node.set_label(label));
}

/// How the run differs, with the coders' names.
fn differences_text(disagreement: &Disagreement, first: &str, second: &str) -> String {
    disagreement
        .differences
        .iter()
        .map(|difference| match difference {
            Difference::OnlyFirst => format!("only {first} coded it"),
            Difference::OnlySecond => format!("only {second} coded it"),
            other => other.describe().to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The run's text, cut in the middle when it is long.
fn shortened(text: &str) -> String {
    let count = text.chars().count();
    if count <= RUN_TEXT_MAX_CHARS {
        return text.to_owned();
    }
    let half = RUN_TEXT_MAX_CHARS / 2;
    let head: String = text.chars().take(half).collect();
    let tail: String = text.chars().skip(count - half).collect();
    format!("{head} … {tail}")
}

/// One coder's passages of the run: place, quote and coding.
fn side_ui(
    ui: &mut egui::Ui,
    (letter, coder): (&str, &str),
    ids: &[AnnotationId],
    workspace: &Workspace,
) {
    ui.label(RichText::new(format!("{letter}: {coder}")).strong());
    if ids.is_empty() {
        ui.label(RichText::new("did not code this").weak());
    }
    for annotation in ids.iter().filter_map(|id| workspace.annotation(id)) {
        ui.label(format!(
            "chars {}–{} “{}”",
            annotation.start.0,
            annotation.end.0,
            shortened(&annotation.anchor.exact)
        ));
        ui.label(RichText::new(coding_text(annotation, workspace)).weak());
    }
}

/// "Economy, Health · supportive · Serbia → China".
fn coding_text(annotation: &Annotation, workspace: &Workspace) -> String {
    let codebook = &workspace.project.codebook;
    let topics: Vec<&str> = annotation
        .topics
        .iter()
        .map(|t| codebook.topic_name(t))
        .collect();
    let mut parts = vec![if topics.is_empty() {
        "no topic".to_owned()
    } else {
        topics.join(", ")
    }];
    if let Some(stance) = &annotation.stance {
        parts.push(codebook.stance_name(stance).to_owned());
    }
    let actor = |a: &Option<crate::model::ids::ActorId>| {
        a.as_ref().map(|a| codebook.actor_name(a).to_owned())
    };
    match (actor(&annotation.holder), actor(&annotation.target)) {
        (None, None) => {}
        (holder, target) => parts.push(format!(
            "{} → {}",
            holder.unwrap_or_else(|| "?".to_owned()),
            target.unwrap_or_else(|| "?".to_owned())
        )),
    }
    parts.join(" · ")
}
