//! The window's coder filter: whose passages the reader, coded passages and the
//! analysis view show (every coder, one, or several). There is one choice for
//! the whole window, `RetrievalFilter::coders` of the coded-passages view, which
//! the analysis view reads too; the reader shows it in a bar above the text
//! and says how many of the document's passages it hides. Coder names are those
//! the project's annotations record (counted once per project revision), the
//! current coder marked "(you)".

use crate::model::codebook::names_match;
use crate::model::workspace::Workspace;
use egui::RichText;
use std::collections::BTreeMap;

/// Accessible name of the reader's coder picker.
pub const CODER_FILTER_LABEL: &str = "Coders shown";
/// Accessible name of the button that shows every coder's passages again.
pub const SHOW_ALL_CODERS_LABEL: &str = "Show every coder's passages";

/// The coder names of the project's annotations with how many each made.
#[derive(Clone, Debug, Default)]
pub struct ProjectCoders {
    /// (revision, annotation count) the names were counted for.
    counted_for: Option<(u64, usize)>,
    names: Vec<(String, usize)>,
}

impl ProjectCoders {
    /// The names (sorted; "" for annotations without a coder) with their
    /// counts, counted again only when the project changed.
    pub fn refresh(&mut self, workspace: &Workspace) -> &[(String, usize)] {
        let key = (
            workspace.project.revision,
            workspace.project.annotations.len(),
        );
        if self.counted_for != Some(key) {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for annotation in &workspace.project.annotations {
                *counts.entry(annotation.coder.as_str()).or_default() += 1;
            }
            self.names = counts
                .into_iter()
                .map(|(name, count)| (name.to_owned(), count))
                .collect();
            self.counted_for = Some(key);
        }
        &self.names
    }
}

/// A coder's name as lists show it: "(no coder)" for none, "(you)" after the current coder.
pub fn coder_display_name(name: &str, current: &str) -> String {
    if name.is_empty() {
        "(no coder)".to_owned()
    } else if !current.is_empty() && names_match(name, current) {
        format!("{name} (you)")
    } else {
        name.to_owned()
    }
}

/// Is `name` among the `chosen` coders (compared as the filter compares)?
pub fn is_chosen(chosen: &[String], name: &str) -> bool {
    chosen.iter().any(|c| names_match(c, name))
}

/// Adds `name` to `chosen` or takes every spelling of it out.
fn set_chosen(chosen: &mut Vec<String>, name: &str, on: bool) {
    if on && !is_chosen(chosen, name) {
        chosen.push(name.to_owned());
    } else if !on {
        chosen.retain(|c| !names_match(c, name));
    }
}

/// What the picker's closed box says: "all", "Ana", "Ana, Ben".
fn chosen_text(chosen: &[String], current: &str) -> String {
    if chosen.is_empty() {
        "all".to_owned()
    } else {
        chosen
            .iter()
            .map(|c| coder_display_name(c, current))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The picker: "all coders", then a checkbox per coder with its count.
pub fn coder_picker_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    chosen: &mut Vec<String>,
    names: &[(String, usize)],
    current: &str,
) -> egui::Response {
    let picker = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(chosen_text(chosen, current))
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(chosen.is_empty(), "All coders")
                .clicked()
            {
                chosen.clear();
            }
            for (name, count) in names {
                let mut on = is_chosen(chosen, name);
                let label = format!("{}  ({count})", coder_display_name(name, current));
                if ui.checkbox(&mut on, label).changed() {
                    set_chosen(chosen, name, on);
                }
            }
        });
    picker.response
}

/// The bar above the reader: the picker and, while it hides some of the
/// document's passages, how many with a button that shows them all again.
/// Shown only when the project has passages of several coders or a filter is set.
pub fn reader_coder_bar_ui(
    ui: &mut egui::Ui,
    chosen: &mut Vec<String>,
    names: &[(String, usize)],
    current: &str,
    hidden_here: usize,
) {
    if names.len() < 2 && chosen.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Coders");
        let picker = coder_picker_ui(ui, "reader-coder-filter", chosen, names, current)
            .labelled_by(label.id);
        ui.ctx()
            .accesskit_node_builder(picker.id, |node| node.set_label(CODER_FILTER_LABEL));
        if chosen.is_empty() {
            return;
        }
        if hidden_here == 0 {
            ui.label(RichText::new("Coder filter on").weak());
        } else {
            let passages = if hidden_here == 1 {
                "passage"
            } else {
                "passages"
            };
            let note = format!("{hidden_here} {passages} of other coders hidden");
            let color = crate::app::theme::error_color(ui.visuals().dark_mode);
            ui.label(RichText::new(note).color(color));
        }
        let show_all = ui.small_button("Show all coders");
        ui.ctx()
            .accesskit_node_builder(show_all.id, |node| node.set_label(SHOW_ALL_CODERS_LABEL));
        if show_all.clicked() {
            chosen.clear();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{chosen_text, coder_display_name, is_chosen, set_chosen};

    #[test]
    fn the_current_coder_is_marked_and_names_compare_as_the_filter_does() {
        assert_eq!(coder_display_name("Ana", "ana"), "Ana (you)");
        assert_eq!(coder_display_name("Ben", "ana"), "Ben");
        assert_eq!(coder_display_name("", "ana"), "(no coder)");
        let mut chosen = vec!["ana".to_owned()];
        assert!(is_chosen(&chosen, "Ana"));
        set_chosen(&mut chosen, "Ben", true);
        set_chosen(&mut chosen, "ANA", false);
        assert_eq!(chosen, vec!["Ben".to_owned()]);
        assert_eq!(chosen_text(&chosen, "Ben"), "Ben (you)");
        assert_eq!(chosen_text(&[], "Ben"), "all");
    }
}
