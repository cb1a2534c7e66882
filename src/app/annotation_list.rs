//! The annotations of the current document as a list in text order: a colour
//! bar per topic, the quote, its codes. Clicking one selects it (the inspector
//! shows it and the reader scrolls to it). The window's coder filter applies.

use crate::app::coder_filter::is_chosen;
use crate::app::intent::Intent;
use crate::app::widgets::{actors_text, flatten_whitespace, topic_colors, topics_text};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::workspace::Workspace;
use egui::{Align, RichText, Role, Sense, Vec2, WidgetInfo};

/// Quotes are shortened to this many chars in the list.
const QUOTE_PREVIEW_CHARS: usize = 140;

/// "Topic A, Topic B · stance · holder → target"
fn codes_line(codebook: &Codebook, annotation: &Annotation) -> String {
    let mut parts = Vec::new();
    let topics = topics_text(codebook, &annotation.topics);
    if !topics.is_empty() {
        parts.push(topics);
    }
    if let Some(stance) = &annotation.stance {
        parts.push(codebook.stance_name(stance).to_owned());
    }
    parts.extend(actors_text(
        codebook,
        annotation.holder.as_ref(),
        annotation.target.as_ref(),
    ));
    if parts.is_empty() {
        "uncoded".to_owned()
    } else {
        parts.join(" · ")
    }
}

/// The quote on one line, shortened.
fn preview(quote: &str) -> String {
    let flat = flatten_whitespace(quote);
    if flat.chars().count() > QUOTE_PREVIEW_CHARS {
        let short: String = flat.chars().take(QUOTE_PREVIEW_CHARS).collect();
        format!("{}…", short.trim_end())
    } else {
        flat
    }
}

/// The list of `document`'s annotations, only those of `coders` when any are
/// chosen (the window's coder filter); returns the one clicked as
/// [`Intent::SelectAnnotation`].
pub fn annotation_list_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    document: Option<&DocumentId>,
    coders: &[String],
    selected: Option<&AnnotationId>,
    scroll_to_selected: &mut bool,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(document) = document else {
        ui.label(RichText::new("No document open.").weak());
        return intents;
    };
    let codebook = &workspace.project.codebook;
    let annotations: Vec<&Annotation> = workspace
        .project
        .annotations_of(document)
        .filter(|a| coders.is_empty() || is_chosen(coders, &a.coder))
        .collect();
    if annotations.is_empty() {
        let empty = if coders.is_empty() {
            "No annotations in this document yet."
        } else {
            "None of the chosen coders' annotations are in this document."
        };
        ui.label(RichText::new(empty).weak());
        return intents;
    }
    egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for annotation in annotations {
                let is_selected = selected == Some(&annotation.id);
                let response = annotation_row_ui(ui, codebook, annotation, is_selected);
                if is_selected && *scroll_to_selected {
                    response.scroll_to_me(Some(Align::Center));
                    *scroll_to_selected = false;
                }
                if response.clicked() {
                    intents.push(Intent::SelectAnnotation(annotation.id.clone()));
                }
            }
        });
    intents
}

fn annotation_row_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    annotation: &Annotation,
    is_selected: bool,
) -> egui::Response {
    let background = ui.painter().add(egui::Shape::Noop);
    let colors = topic_colors(codebook, &annotation.topics);
    let width = ui.available_width();
    let inner = egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 14,
            right: 8,
            top: 6,
            bottom: 6,
        })
        .show(ui, |ui| {
            ui.set_width(width - 22.0);
            ui.add(
                egui::Label::new(RichText::new(preview(&annotation.anchor.exact)))
                    .wrap()
                    .selectable(false),
            );
            ui.add(
                egui::Label::new(
                    RichText::new(codes_line(codebook, annotation))
                        .small()
                        .weak(),
                )
                .wrap()
                .selectable(false),
            );
            if annotation.status.needs_review() {
                // Re-anchoring could not place it exactly: the review queue has it.
                let color = ui.visuals().warn_fg_color;
                ui.label(
                    RichText::new(format!("{} — to review", annotation.status))
                        .small()
                        .color(color),
                );
            }
        });
    let rect = inner.response.rect;
    let response = ui.interact(
        rect,
        ui.scope_id()
            .with(("annotation-row", annotation.id.as_str())),
        Sense::click(),
    );
    let visuals = ui.visuals();
    if is_selected {
        ui.painter().set(
            background,
            egui::Shape::rect_filled(rect, 6, visuals.selection.bg_fill.gamma_multiply(0.55)),
        );
    } else if response.hovered() {
        ui.painter().set(
            background,
            egui::Shape::rect_filled(
                rect,
                6,
                visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.5),
            ),
        );
    }
    // One colour bar per topic along the left edge.
    let bar_count = colors.len().max(1);
    let bar_width = 4.0 / bar_count as f32;
    for (index, color) in colors.iter().enumerate() {
        let left = rect.left() + 4.0 + index as f32 * (bar_width + 1.0);
        let bar = egui::Rect::from_min_size(
            egui::pos2(left, rect.top() + 6.0),
            Vec2::new(bar_width.max(2.0), rect.height() - 12.0),
        );
        ui.painter().rect_filled(bar, 1, *color);
    }
    if colors.is_empty() {
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left() + 4.0, rect.top() + 6.0),
            Vec2::new(3.0, rect.height() - 12.0),
        );
        ui.painter().rect_filled(bar, 1, visuals.weak_text_color());
    }
    let label = annotation.anchor.exact.clone();
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, is_selected, &label));
    response
}
