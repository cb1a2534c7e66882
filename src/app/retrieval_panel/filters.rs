//! The filter column: one collapsible section per facet (topics, stance,
//! holder, target, documents, document attributes, coder), each value a
//! checkbox with the number of annotations it would give.

use super::state::RetrievalState;
use crate::app::coder_filter::coder_display_name;
use crate::app::theme::code_color;
use crate::app::widgets::{set_membership, topic_tree_checkboxes_ui};
use crate::model::codebook::Codebook;
use crate::model::query::{FacetCounts, RetrievalFilter, TopicMatch};
use crate::model::workspace::Workspace;
use egui::{Color32, RichText, Sense, Vec2};

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

/// Every facet of the filter column.
pub(super) fn filters_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    workspace: &Workspace,
    counts: &FacetCounts,
) {
    let project = &workspace.project;
    let codebook = &project.codebook;
    topics_facet_ui(ui, &mut state.filter, codebook, counts);
    if !codebook.stances.is_empty() {
        stances_facet_ui(ui, &mut state.filter, codebook, counts);
    }
    if !codebook.actors.is_empty() {
        actors_facets_ui(ui, &mut state.filter, codebook, counts);
    }
    egui::CollapsingHeader::new("Documents")
        .default_open(false)
        .show(ui, |ui| {
            for document in &project.documents {
                let count = counts.documents.get(&document.id).copied().unwrap_or(0);
                let chosen = &mut state.filter.documents;
                let now = facet_checkbox_ui(
                    ui,
                    chosen.contains(&document.id),
                    document.title(),
                    count,
                    None,
                );
                set_membership(chosen, &document.id, now);
            }
        });
    attributes_facet_ui(ui, state, counts);
    if counts.coders.len() > 1 || !state.filter.coders.is_empty() {
        coders_facet_ui(ui, &mut state.filter, counts, &state.current_coder);
    }
}

/// "any of / all of", "with sub-topics", and the topic tree.
fn topics_facet_ui(
    ui: &mut egui::Ui,
    filter: &mut RetrievalFilter,
    codebook: &Codebook,
    counts: &FacetCounts,
) {
    egui::CollapsingHeader::new("Topics")
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut filter.topic_match, TopicMatch::AnyOf, "any of");
                ui.selectable_value(&mut filter.topic_match, TopicMatch::AllOf, "all of");
                ui.checkbox(&mut filter.include_subtopics, "with sub-topics");
            });
            topic_tree_checkboxes_ui(ui, codebook, &mut filter.topics, 14.0, |ui, topic, on| {
                let count = counts.topics.get(&topic.id).copied().unwrap_or(0);
                facet_checkbox_ui(ui, on, &topic.name, count, Some(code_color(topic.color)))
            });
        });
}

fn stances_facet_ui(
    ui: &mut egui::Ui,
    filter: &mut RetrievalFilter,
    codebook: &Codebook,
    counts: &FacetCounts,
) {
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
                    Some(code_color(stance.color)),
                );
                set_membership(&mut filter.stances, &stance.id, now);
            }
        });
}

/// The Holder and Target sections.
fn actors_facets_ui(
    ui: &mut egui::Ui,
    filter: &mut RetrievalFilter,
    codebook: &Codebook,
    counts: &FacetCounts,
) {
    for (title, chosen, actor_counts) in [
        ("Holder", &mut filter.holders, &counts.holders),
        ("Target", &mut filter.targets, &counts.targets),
    ] {
        egui::CollapsingHeader::new(title)
            .default_open(false)
            .show(ui, |ui| {
                for actor in &codebook.actors {
                    let count = actor_counts.get(&actor.id).copied().unwrap_or(0);
                    let now =
                        facet_checkbox_ui(ui, chosen.contains(&actor.id), &actor.name, count, None);
                    set_membership(chosen, &actor.id, now);
                }
            });
    }
}

/// A key picker and the values of that key; chosen values of other keys stay listed.
fn attributes_facet_ui(ui: &mut egui::Ui, state: &mut RetrievalState, counts: &FacetCounts) {
    let mut keys: Vec<&str> = counts
        .attributes
        .keys()
        .map(|(key, _)| key.as_str())
        .collect();
    keys.dedup();
    if keys.is_empty() {
        return;
    }
    egui::CollapsingHeader::new("Document attributes")
        .default_open(false)
        .show(ui, |ui| {
            if state.attribute_key.is_empty() || !keys.contains(&state.attribute_key.as_str()) {
                state.attribute_key = keys
                    .iter()
                    .find(|k| **k == "outlet")
                    .or_else(|| keys.first())
                    .map(|k| (*k).to_owned())
                    .unwrap_or_default();
            }
            egui::ComboBox::new("retrieval-attribute-key", "attribute")
                .selected_text(state.attribute_key.clone())
                .show_ui(ui, |ui| {
                    for key in &keys {
                        ui.selectable_value(&mut state.attribute_key, (*key).to_owned(), *key);
                    }
                });
            let filter = &mut state.filter;
            for ((key, value), count) in counts
                .attributes
                .iter()
                .filter(|((k, _), _)| *k == state.attribute_key)
            {
                let pair = (key.clone(), value.clone());
                let now =
                    facet_checkbox_ui(ui, filter.attributes.contains(&pair), value, *count, None);
                set_membership(&mut filter.attributes, &pair, now);
            }
            // Chosen values of other keys stay visible so they can be taken off.
            for pair in filter.attributes.clone() {
                if pair.0 != state.attribute_key {
                    let count = counts.attributes.get(&pair).copied().unwrap_or(0);
                    let label = format!("{} = {}", pair.0, pair.1);
                    let now = facet_checkbox_ui(ui, true, &label, count, None);
                    set_membership(&mut filter.attributes, &pair, now);
                }
            }
        });
}

/// The coders of the passages (the current one marked "(you)"); the same
/// choice as the reader's coder bar.
fn coders_facet_ui(
    ui: &mut egui::Ui,
    filter: &mut RetrievalFilter,
    counts: &FacetCounts,
    current_coder: &str,
) {
    egui::CollapsingHeader::new("Coder")
        .default_open(!filter.coders.is_empty())
        .show(ui, |ui| {
            for (coder, count) in &counts.coders {
                let name = coder_display_name(coder, current_coder);
                let now = facet_checkbox_ui(ui, filter.coders.contains(coder), &name, *count, None);
                set_membership(&mut filter.coders, coder, now);
            }
        });
}
