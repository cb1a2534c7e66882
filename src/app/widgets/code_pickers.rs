//! The pickers of codebook entries: one combo box for a topic (indented as a
//! tree), a stance or an actor, with an optional "none" entry, and a checklist
//! of topics. Each takes the current choice as `&mut` and says whether the
//! user changed it, as egui's own widgets do.

use crate::model::codebook::{Codebook, Topic};
use crate::model::ids::{ActorId, StanceId, TopicId};

/// How a picker shows itself; the entries come from the codebook.
#[derive(Clone, Debug)]
pub struct Picker<'a> {
    /// Keeps the popup's state apart from the other pickers of the panel.
    id_salt: egui::IdSalt,
    /// The first entry, which clears the choice ("(none)"); `None`: no such entry.
    none_label: Option<&'a str>,
    /// Shown on the closed picker while nothing is chosen (else `none_label`).
    placeholder: Option<&'a str>,
    /// What screen readers and tests call the picker (`None`: unnamed).
    accessible_name: Option<&'a str>,
    /// Width of the closed picker (`None`: egui's default).
    width_points: Option<f32>,
}

impl<'a> Picker<'a> {
    /// A picker with this id salt, a "none" entry labelled `none_label`, no name, default width.
    pub fn new(id_salt: impl egui::AsIdSalt, none_label: Option<&'a str>) -> Self {
        Self {
            id_salt: egui::IdSalt::new(id_salt),
            none_label,
            placeholder: None,
            accessible_name: None,
            width_points: None,
        }
    }

    /// Names the picker for screen readers (and tests that find it by label).
    pub fn named(self, accessible_name: &'a str) -> Self {
        Self {
            accessible_name: Some(accessible_name),
            ..self
        }
    }

    /// The text of the closed picker while nothing is chosen.
    pub fn placeholder(self, placeholder: &'a str) -> Self {
        Self {
            placeholder: Some(placeholder),
            ..self
        }
    }

    /// The width of the closed picker.
    pub fn width(self, width_points: f32) -> Self {
        Self {
            width_points: Some(width_points),
            ..self
        }
    }

    fn closed_text(&self, chosen_name: Option<&str>) -> String {
        chosen_name
            .or(self.placeholder)
            .or(self.none_label)
            .unwrap_or_default()
            .to_owned()
    }
}

/// A combo box of `(value, label)` entries (after the picker's "none" entry);
/// sets `current` to the clicked entry and returns whether it changed.
pub fn choice_picker_ui<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    picker: &Picker<'_>,
    current: &mut Option<T>,
    chosen_name: Option<&str>,
    entries: impl IntoIterator<Item = (T, String)>,
) -> bool {
    let mut clicked: Option<Option<T>> = None;
    let mut combo =
        egui::ComboBox::from_id_salt(picker.id_salt).selected_text(picker.closed_text(chosen_name));
    if let Some(width) = picker.width_points {
        combo = combo.width(width);
    }
    let response = combo
        .show_ui(ui, |ui| {
            if let Some(none_label) = picker.none_label
                && ui.selectable_label(current.is_none(), none_label).clicked()
            {
                clicked = Some(None);
            }
            for (value, label) in entries {
                let is_current = current.as_ref() == Some(&value);
                if ui.selectable_label(is_current, label).clicked() {
                    clicked = Some(Some(value));
                }
            }
        })
        .response;
    if let Some(name) = picker.accessible_name {
        let _ = response.accessible_name(name);
    }
    match clicked {
        Some(choice) if choice != *current => {
            *current = choice;
            true
        }
        _ => false,
    }
}

/// A topic from the codebook's tree (indented by depth), among those `offered`.
pub fn topic_picker_ui(
    ui: &mut egui::Ui,
    picker: &Picker<'_>,
    codebook: &Codebook,
    current: &mut Option<TopicId>,
    offered: impl Fn(&Topic) -> bool,
) -> bool {
    let chosen_name = current
        .as_ref()
        .map(|id| codebook.topic_name(id).to_owned());
    let entries = codebook
        .topic_tree()
        .into_iter()
        .filter(|(_, topic)| offered(topic))
        .map(|(depth, topic)| {
            (
                topic.id.clone(),
                format!("{}{}", "  ".repeat(depth), topic.name),
            )
        });
    choice_picker_ui(ui, picker, current, chosen_name.as_deref(), entries)
}

/// A stance of the codebook's scale.
pub fn stance_picker_ui(
    ui: &mut egui::Ui,
    picker: &Picker<'_>,
    codebook: &Codebook,
    current: &mut Option<StanceId>,
) -> bool {
    let chosen_name = current
        .as_ref()
        .map(|id| codebook.stance_name(id).to_owned());
    let entries = codebook
        .stances
        .iter()
        .map(|stance| (stance.id.clone(), stance.name.clone()));
    choice_picker_ui(ui, picker, current, chosen_name.as_deref(), entries)
}

/// An actor of the codebook (a stance's holder or target).
pub fn actor_picker_ui(
    ui: &mut egui::Ui,
    picker: &Picker<'_>,
    codebook: &Codebook,
    current: &mut Option<ActorId>,
) -> bool {
    let chosen_name = current
        .as_ref()
        .map(|id| codebook.actor_name(id).to_owned());
    let entries = codebook
        .actors
        .iter()
        .map(|actor| (actor.id.clone(), actor.name.clone()));
    choice_picker_ui(ui, picker, current, chosen_name.as_deref(), entries)
}

/// A menu button with a checkbox per topic of the tree (indented by depth);
/// its text names the chosen topics ("Topics…", one name, "3 topics").
pub fn topics_checklist_ui(ui: &mut egui::Ui, codebook: &Codebook, chosen: &mut Vec<TopicId>) {
    let button_text = match chosen.as_slice() {
        [] => "Topics…".to_owned(),
        [only] => codebook.topic_name(only).to_owned(),
        many => format!("{} topics", many.len()),
    };
    ui.menu_button(button_text, |ui| {
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                topic_tree_checkboxes_ui(ui, codebook, chosen, 12.0, |ui, topic, on| {
                    let mut on = on;
                    ui.checkbox(&mut on, &topic.name);
                    on
                });
            });
    });
}

/// The topic tree as one checkbox per topic, indented `indent_points` per
/// level, that adds topics to `chosen` and takes them off. `checkbox_ui` draws
/// one (given whether it is checked) and says whether it is checked now.
pub fn topic_tree_checkboxes_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    chosen: &mut Vec<TopicId>,
    indent_points: f32,
    mut checkbox_ui: impl FnMut(&mut egui::Ui, &Topic, bool) -> bool,
) {
    for (depth, topic) in codebook.topic_tree() {
        ui.horizontal(|ui| {
            ui.add_space(depth as f32 * indent_points);
            let was_on = chosen.contains(&topic.id);
            let on = checkbox_ui(ui, topic, was_on);
            set_membership(chosen, &topic.id, on);
        });
    }
}

/// Puts `value` in `list` (once) or takes it out.
pub fn set_membership<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T, on: bool) {
    let present = list.contains(value);
    if on && !present {
        list.push(value.clone());
    } else if !on && present {
        list.retain(|v| v != value);
    }
}
