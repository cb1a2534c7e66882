//! The retrieval panel: every coded segment of the corpus, filtered by topic
//! (any of / all of, with or without sub-topics), stance, holder, target,
//! document, document attribute, coder and a text query on excerpt or memo,
//! sorted by document order, topic, date or stance. Each filter value shows
//! how many annotations it would give. A row shows the excerpt in its context,
//! the document's title and the codes; a click opens the passage in the reader.
//! "Export…" exports exactly the rows in view (same code as `gloss export`).
//!
//! The filtering itself is `model::query` (pure, shared with the command line);
//! results are cached per filter and project revision, and the list draws only
//! the rows in view, so 100,000 annotations stay smooth.

use crate::app::intent::Intent;
use crate::app::theme;
use crate::export::ExportFormat;
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::ids::AnnotationId;
use crate::model::query::{
    FacetCounts, RetrievalFilter, SortOrder, TextScope, TopicMatch, facet_counts, retrieve,
};
use crate::model::workspace::Workspace;
use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, RichText, Sense, TextFormat, Vec2};
use std::collections::HashMap;

/// Chars of context shown on each side of an excerpt in a row.
const ROW_CONTEXT_CHARS: usize = 60;
/// Height of one result row (two lines of text and padding).
const ROW_HEIGHT_POINTS: f32 = 46.0;
/// Width of the filter column.
const FILTER_COLUMN_POINTS: f32 = 260.0;

/// What the panel remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct RetrievalState {
    pub filter: RetrievalFilter,
    /// Attribute key whose values are listed in the filter column.
    attribute_key: String,
    cache: Option<RetrievalCache>,
}

/// Results of one filter on one project revision.
#[derive(Clone, Debug)]
struct RetrievalCache {
    filter: RetrievalFilter,
    revision: u64,
    loaded_texts: usize,
    annotation_count: usize,
    /// Indices into `project.annotations` (valid for `revision`).
    rows: Vec<usize>,
    counts: FacetCounts,
}

impl RetrievalState {
    /// The rows and counts for the current filter, recomputed only when needed.
    fn refresh(&mut self, workspace: &Workspace) {
        let revision = workspace.project.revision;
        let loaded_texts = workspace.texts.len();
        let annotation_count = workspace.project.annotations.len();
        let stale = self.cache.as_ref().is_none_or(|cache| {
            cache.revision != revision
                || cache.loaded_texts != loaded_texts
                || cache.annotation_count != annotation_count
                || cache.filter != self.filter
        });
        if stale {
            let index_of: HashMap<&AnnotationId, usize> = workspace
                .project
                .annotations
                .iter()
                .enumerate()
                .map(|(index, a)| (&a.id, index))
                .collect();
            self.cache = Some(RetrievalCache {
                filter: self.filter.clone(),
                revision,
                loaded_texts,
                annotation_count,
                rows: retrieve(workspace, &self.filter)
                    .into_iter()
                    .filter_map(|a| index_of.get(&a.id).copied())
                    .collect(),
                counts: facet_counts(workspace, &self.filter),
            });
        }
    }
}

/// Adds or removes `value` from a list of chosen filter values.
fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T, on: bool) {
    let present = list.contains(value);
    if on && !present {
        list.push(value.clone());
    } else if !on && present {
        list.retain(|v| v != value);
    }
}

/// One checkbox of a facet: "name  (count)"; returns whether it is checked now.
fn facet_checkbox_ui(
    ui: &mut egui::Ui,
    checked: bool,
    name: &str,
    count: usize,
    color: Option<Color32>,
) -> bool {
    let mut value = checked;
    ui.horizontal(|ui| {
        if let Some(color) = color {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter().rect_filled(rect, 2, color);
        }
        let label = format!("{name}  ({count})");
        let text = if count == 0 && !checked {
            RichText::new(label).weak()
        } else {
            RichText::new(label)
        };
        ui.checkbox(&mut value, text);
    });
    value
}

fn filters_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    workspace: &Workspace,
    counts: &FacetCounts,
) {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let filter = &mut state.filter;
    egui::CollapsingHeader::new("Topics")
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut filter.topic_match, TopicMatch::AnyOf, "any of");
                ui.selectable_value(&mut filter.topic_match, TopicMatch::AllOf, "all of");
                ui.checkbox(&mut filter.include_subtopics, "with sub-topics");
            });
            for (depth, topic) in codebook.topic_tree() {
                ui.horizontal(|ui| {
                    ui.add_space(depth as f32 * 14.0);
                    let checked = filter.topics.contains(&topic.id);
                    let count = counts.topics.get(&topic.id).copied().unwrap_or(0);
                    let now = facet_checkbox_ui(
                        ui,
                        checked,
                        &topic.name,
                        count,
                        Some(theme::code_color(topic.color)),
                    );
                    toggle(&mut filter.topics, &topic.id, now);
                });
            }
        });
    if !codebook.stances.is_empty() {
        egui::CollapsingHeader::new("Stance")
            .default_open(true)
            .show(ui, |ui| {
                for stance in &codebook.stances {
                    let count = counts.stances.get(&stance.id).copied().unwrap_or(0);
                    let now = facet_checkbox_ui(
                        ui,
                        filter.stances.contains(&stance.id),
                        &stance.name,
                        count,
                        Some(theme::code_color(stance.color)),
                    );
                    toggle(&mut filter.stances, &stance.id, now);
                }
            });
    }
    if !codebook.actors.is_empty() {
        for (title, chosen, actor_counts) in [
            ("Holder", &mut filter.holders, &counts.holders),
            ("Target", &mut filter.targets, &counts.targets),
        ] {
            egui::CollapsingHeader::new(title)
                .default_open(false)
                .show(ui, |ui| {
                    for actor in &codebook.actors {
                        let count = actor_counts.get(&actor.id).copied().unwrap_or(0);
                        let now = facet_checkbox_ui(
                            ui,
                            chosen.contains(&actor.id),
                            &actor.name,
                            count,
                            None,
                        );
                        toggle(chosen, &actor.id, now);
                    }
                });
        }
    }
    egui::CollapsingHeader::new("Documents")
        .default_open(false)
        .show(ui, |ui| {
            for document in &project.documents {
                let count = counts.documents.get(&document.id).copied().unwrap_or(0);
                let now = facet_checkbox_ui(
                    ui,
                    filter.documents.contains(&document.id),
                    document.title(),
                    count,
                    None,
                );
                toggle(&mut filter.documents, &document.id, now);
            }
        });
    let mut keys: Vec<&str> = counts
        .attributes
        .keys()
        .map(|(key, _)| key.as_str())
        .collect();
    keys.dedup();
    if !keys.is_empty() {
        egui::CollapsingHeader::new("Document attributes")
            .default_open(false)
            .show(ui, |ui| {
                if state.attribute_key.is_empty() || !keys.contains(&state.attribute_key.as_str()) {
                    state.attribute_key = keys
                        .iter()
                        .find(|k| **k == "outlet")
                        .or_else(|| keys.first())
                        .map(|k| k.to_string())
                        .unwrap_or_default();
                }
                egui::ComboBox::new("retrieval-attribute-key", "attribute")
                    .selected_text(state.attribute_key.clone())
                    .show_ui(ui, |ui| {
                        for key in &keys {
                            ui.selectable_value(&mut state.attribute_key, key.to_string(), *key);
                        }
                    });
                for ((key, value), count) in counts
                    .attributes
                    .iter()
                    .filter(|((k, _), _)| *k == state.attribute_key)
                {
                    let pair = (key.clone(), value.clone());
                    let now = facet_checkbox_ui(
                        ui,
                        filter.attributes.contains(&pair),
                        value,
                        *count,
                        None,
                    );
                    toggle(&mut filter.attributes, &pair, now);
                }
                // Chosen values of other keys stay visible so they can be taken off.
                for pair in filter.attributes.clone() {
                    if pair.0 != state.attribute_key {
                        let count = counts.attributes.get(&pair).copied().unwrap_or(0);
                        let now = facet_checkbox_ui(
                            ui,
                            true,
                            &format!("{} = {}", pair.0, pair.1),
                            count,
                            None,
                        );
                        toggle(&mut filter.attributes, &pair, now);
                    }
                }
            });
    }
    if counts.coders.len() > 1 || !filter.coders.is_empty() {
        egui::CollapsingHeader::new("Coder")
            .default_open(false)
            .show(ui, |ui| {
                for (coder, count) in &counts.coders {
                    let name = if coder.is_empty() {
                        "(no coder)"
                    } else {
                        coder.as_str()
                    };
                    let now =
                        facet_checkbox_ui(ui, filter.coders.contains(coder), name, *count, None);
                    toggle(&mut filter.coders, coder, now);
                }
            });
    }
}

/// Collapses whitespace so a row shows on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The excerpt in its context, the excerpt highlighted, cut to one line.
fn excerpt_job(
    workspace: &Workspace,
    annotation: &Annotation,
    width: f32,
    ui: &egui::Ui,
) -> LayoutJob {
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let context_format = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let excerpt_format = TextFormat {
        background: visuals.selection.bg_fill.gamma_multiply(0.45),
        ..TextFormat::simple(font, visuals.strong_text_color())
    };
    let (before, exact, after) = match workspace.text(&annotation.document) {
        Some(loaded) if loaded.text.slice(annotation.range()).is_some() => (
            loaded
                .text
                .context_before(annotation.start, ROW_CONTEXT_CHARS),
            loaded.text.slice(annotation.range()).unwrap_or_default(),
            loaded.text.context_after(annotation.end, ROW_CONTEXT_CHARS),
        ),
        _ => (
            annotation.anchor.prefix.as_str(),
            annotation.anchor.exact.as_str(),
            annotation.anchor.suffix.as_str(),
        ),
    };
    // Keep only the last few words before the excerpt so that it starts near the left.
    let before = one_line(before);
    let before_tail: String = {
        let chars: Vec<char> = before.chars().collect();
        chars[chars.len().saturating_sub(24)..].iter().collect()
    };
    let mut job = LayoutJob::default();
    job.append(&format!("…{before_tail} "), 0.0, context_format.clone());
    job.append(&one_line(exact), 0.0, excerpt_format);
    job.append(&format!(" {}…", one_line(after)), 0.0, context_format);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}

/// "Title · Topic, Topic · stance (holder → target)"
fn meta_line(workspace: &Workspace, codebook: &Codebook, annotation: &Annotation) -> String {
    let title = workspace.document(&annotation.document).map_or_else(
        || annotation.document.to_string(),
        |d| d.title().to_string(),
    );
    let mut parts = vec![title];
    let topics: Vec<&str> = annotation
        .topics
        .iter()
        .map(|t| codebook.topic_name(t))
        .collect();
    if !topics.is_empty() {
        parts.push(topics.join(", "));
    }
    let stance = annotation.stance.as_ref().map(|s| codebook.stance_name(s));
    let actors = match (&annotation.holder, &annotation.target) {
        (Some(h), Some(t)) => Some(format!(
            "{} → {}",
            codebook.actor_name(h),
            codebook.actor_name(t)
        )),
        (Some(h), None) => Some(format!("{} →", codebook.actor_name(h))),
        (None, Some(t)) => Some(format!("→ {}", codebook.actor_name(t))),
        (None, None) => None,
    };
    match (stance, actors) {
        (Some(s), Some(a)) => parts.push(format!("{s} ({a})")),
        (Some(s), None) => parts.push(s.to_string()),
        (None, Some(a)) => parts.push(a),
        (None, None) => {}
    }
    parts.join(" · ")
}

fn result_row_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    let codebook = &workspace.project.codebook;
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(width, ROW_HEIGHT_POINTS), Sense::click());
    if response.hovered() {
        ui.painter().rect_filled(
            rect,
            4,
            ui.visuals()
                .widgets
                .hovered
                .weak_bg_fill
                .gamma_multiply(0.5),
        );
    }
    // One colour bar per topic along the left edge.
    let colors: Vec<Color32> = annotation
        .topics
        .iter()
        .filter_map(|t| codebook.topic(t))
        .map(|t| theme::code_color(t.color))
        .collect();
    for (index, color) in colors.iter().enumerate() {
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left() + 2.0 + index as f32 * 4.0, rect.top() + 5.0),
            Vec2::new(3.0, rect.height() - 10.0),
        );
        ui.painter().rect_filled(bar, 1, *color);
    }
    let text_left = rect.left() + 8.0 + colors.len().max(1) as f32 * 4.0;
    let text_width = (rect.right() - text_left - 6.0).max(40.0);
    let galley = ui
        .painter()
        .layout_job(excerpt_job(workspace, annotation, text_width, ui));
    ui.painter().galley(
        egui::pos2(text_left, rect.top() + 5.0),
        galley,
        ui.visuals().text_color(),
    );
    let mut meta = LayoutJob::simple_singleline(
        meta_line(workspace, codebook, annotation),
        FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
    meta.wrap = TextWrapping::truncate_at_width(text_width);
    let galley = ui.painter().layout_job(meta);
    ui.painter().galley(
        egui::pos2(text_left, rect.top() + 26.0),
        galley,
        ui.visuals().weak_text_color(),
    );
    let label = annotation.anchor.exact.clone();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.clicked() {
        intents.push(Intent::OpenDocument {
            document: annotation.document.clone(),
            reveal: Some(annotation.range()),
        });
        intents.push(Intent::SelectAnnotation(annotation.id.clone()));
    }
    response
        .on_hover_text(annotation.memo.trim().to_string())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
}

/// The retrieval panel. Returns what the user asked for (open a passage, export).
pub fn retrieval_panel_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    state.refresh(workspace);
    // Taken out for the frame (the filter column borrows the state); put back at the end.
    let Some(cache) = state.cache.take() else {
        return intents;
    };
    // Toolbar: text query, where it looks, sort order, clear, export.
    ui.horizontal_wrapped(|ui| {
        let query = egui::TextEdit::singleline(&mut state.filter.text)
            .hint_text("Search excerpts and memos")
            .desired_width(220.0);
        ui.add(query);
        egui::ComboBox::new("retrieval-text-scope", "look in")
            .selected_text(match state.filter.text_scope {
                TextScope::ExcerptOrMemo => "excerpt or memo",
                TextScope::Excerpt => "excerpt",
                TextScope::Memo => "memo",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut state.filter.text_scope,
                    TextScope::ExcerptOrMemo,
                    "excerpt or memo",
                );
                ui.selectable_value(&mut state.filter.text_scope, TextScope::Excerpt, "excerpt");
                ui.selectable_value(&mut state.filter.text_scope, TextScope::Memo, "memo");
            });
        egui::ComboBox::new("retrieval-sort", "order")
            .selected_text(state.filter.sort.label())
            .show_ui(ui, |ui| {
                for order in SortOrder::ALL {
                    ui.selectable_value(&mut state.filter.sort, order, order.label());
                }
            });
        if ui
            .add_enabled(!state.filter.is_empty(), egui::Button::new("Clear filters"))
            .clicked()
        {
            let sort = state.filter.sort;
            state.filter = RetrievalFilter {
                sort,
                ..RetrievalFilter::default()
            };
        }
        ui.menu_button("Export…", |ui| {
            for format in ExportFormat::ALL {
                if ui.button(format.label()).clicked() {
                    intents.push(Intent::Export {
                        format,
                        filter: Box::new(state.filter.clone()),
                    });
                    ui.close();
                }
            }
        });
    });
    let codebook = &workspace.project.codebook;
    ui.label(
        RichText::new(format!(
            "{} of {} annotations · {}",
            cache.counts.matching,
            cache.counts.total,
            state
                .filter
                .describe(codebook, &workspace.project.documents)
        ))
        .weak(),
    );
    ui.separator();
    egui::Panel::left("retrieval-filters")
        .resizable(true)
        .default_size(FILTER_COLUMN_POINTS)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("retrieval-filter-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| filters_ui(ui, state, workspace, &cache.counts));
        });
    if cache.rows.is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new("No coded passage matches these filters.").weak());
    } else {
        egui::ScrollArea::vertical()
            .id_salt("retrieval-rows")
            .auto_shrink([false, false])
            .show_rows(ui, ROW_HEIGHT_POINTS, cache.rows.len(), |ui, range| {
                for index in &cache.rows[range] {
                    if let Some(annotation) = workspace.project.annotations.get(*index) {
                        result_row_ui(ui, workspace, annotation, &mut intents);
                    }
                }
            });
    }
    state.cache = Some(cache);
    intents
}
