//! The tag popup on screen: the search box, the topic, stance and actor lists
//! (or the search results, with a "Create …" row for a new name), the memo,
//! Save/Cancel and the key hints. Its size is fixed while it is open: the
//! lists scroll inside a body of constant height.

use super::keys::{PopupIds, apply_keys};
use super::picks::{Offer, Pick, PickMode, TagPopupOutcome, TagPopupState, apply_pick};
use super::place::{PopupAnchor, place};
use crate::app::theme;
use crate::model::codebook::Codebook;
use crate::model::ids::TopicId;
use egui::{Color32, RichText, Sense, Vec2};

/// The accessible label of the popup's search box.
pub const SEARCH_LABEL: &str = "Search codes";
/// Inner margin of the popup's frame.
const MARGIN_POINTS: f32 = 10.0;
/// The height of the parts other than the lists, until measured.
const CHROME_ESTIMATE_POINTS: f32 = 170.0;

/// Shows the popup beside the passage `anchor` describes and applies its keys;
/// `heading` quotes the passage being coded.
pub(crate) fn tag_popup_ui(
    ctx: &egui::Context,
    id: egui::Id,
    state: &mut TagPopupState,
    codebook: &Codebook,
    heading: &str,
    anchor: &PopupAnchor,
) -> TagPopupOutcome {
    let ids = PopupIds {
        search: id.with("search"),
        memo: id.with("memo"),
    };
    let preview = state.preview_codebook(codebook);
    let mut outcome = apply_keys(ctx, ids, state, &Offer::new(state, &preview));
    // The keys may have created a code: offer what the popup holds now.
    let preview = state.preview_codebook(codebook);
    let offer = Offer::new(state, &preview);
    let dark_mode = ctx.global_style().visuals.dark_mode;
    let placement = place(
        anchor,
        state.chrome_points.unwrap_or(CHROME_ESTIMATE_POINTS),
    );
    let contents = PopupContents {
        offer: &offer,
        heading,
        ids,
        dark_mode,
        body_points: placement.body,
    };
    let shown = egui::Area::new(id)
        .order(egui::Order::Foreground)
        .fixed_pos(placement.pos)
        .constrain_to(anchor.window)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(MARGIN_POINTS)
                .show(ui, |ui| {
                    let inner_width = placement.width - 2.0 * MARGIN_POINTS;
                    ui.set_width(inner_width);
                    ui.set_max_width(inner_width);
                    ui.spacing_mut().item_spacing.y = 4.0;
                    // Floating bars: the window's solid ones would take width from
                    // the lists as they start or stop scrolling, resizing the popup.
                    ui.spacing_mut().scroll = egui::style::ScrollStyle::floating();
                    contents.show_ui(ui, state, &mut outcome);
                });
        });
    let rect = shown.response.rect;
    state.chrome_points = Some((rect.height() - state.body_rect_height).max(0.0));
    state.last_rect = Some(rect);
    outcome
}

/// What the popup's contents show this frame.
struct PopupContents<'a> {
    offer: &'a Offer<'a>,
    heading: &'a str,
    ids: PopupIds,
    dark_mode: bool,
    /// Height of the lists (fixed while the popup is open).
    body_points: f32,
}

impl PopupContents<'_> {
    fn show_ui(&self, ui: &mut egui::Ui, state: &mut TagPopupState, outcome: &mut TagPopupOutcome) {
        let weak = ui.visuals().weak_text_color();
        ui.add(egui::Label::new(RichText::new(self.heading).italics().color(weak)).truncate());
        self.search_box_ui(ui, state);
        let coding_before = state.coding.clone();
        let mode_before = state.mode;
        ui.add_space(2.0);

        let codebook = self.offer.codebook;
        let width = ui.available_width();
        let body = self.body_points;
        let body_rect = ui
            .allocate_ui_with_layout(
                egui::vec2(width, body),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_min_size(egui::vec2(width, body));
                    ui.set_max_height(body);
                    if !self.offer.results.is_empty() || !state.search.trim().is_empty() {
                        self.results_ui(ui, state, body);
                    } else if state.mode == PickMode::Codes {
                        // The stance and actor rows stay; the topics scroll below them.
                        let top = ui.cursor().top();
                        stances_ui(ui, state, self.offer);
                        actors_ui(ui, state, codebook);
                        ui.separator();
                        let used = ui.cursor().top() - top;
                        topics_ui(ui, state, codebook, &self.offer.numbered, body - used);
                    } else {
                        self.results_ui(ui, state, body);
                    }
                },
            )
            .response
            .rect;
        state.body_rect_height = body_rect.height();
        if state.coding != coding_before || state.mode != mode_before {
            // A click in the lists: give the keys back to the search box.
            ui.memory_mut(|memory| memory.request_focus(self.ids.search));
        }

        ui.separator();
        self.footer_ui(ui, state, outcome);
    }

    fn search_box_ui(&self, ui: &mut egui::Ui, state: &mut TagPopupState) {
        let hint = match state.mode {
            PickMode::Codes => "Search topics, stances, actors…",
            PickMode::Holder => "Holder: search actors…",
            PickMode::Target => "Target: search actors…",
        };
        let search = egui::TextEdit::singleline(&mut state.search)
            .id(self.ids.search)
            .hint_text(hint)
            .desired_width(f32::INFINITY)
            .show(ui)
            .response;
        ui.ctx().accesskit_node_builder(search.id, |node| {
            node.set_label(SEARCH_LABEL);
        });
        if !state.focus_given {
            search.request_focus();
            state.focus_given = true;
        }
        if search.changed() {
            state.highlighted = 0;
        }
    }

    /// The memo box, Save and Cancel, and the key hints.
    fn footer_ui(
        &self,
        ui: &mut egui::Ui,
        state: &mut TagPopupState,
        outcome: &mut TagPopupOutcome,
    ) {
        let weak = ui.visuals().weak_text_color();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Memo").color(weak));
            egui::TextEdit::singleline(&mut state.coding.memo)
                .id(self.ids.memo)
                .hint_text("optional")
                .desired_width(f32::INFINITY)
                .show(ui);
        });
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                *outcome = TagPopupOutcome::Confirmed(state.coding.clone());
            }
            if ui.button("Cancel").clicked() {
                *outcome = TagPopupOutcome::Cancelled;
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new("Enter saves · Esc cancels")
                        .small()
                        .color(weak),
                );
            });
        });
        let letters: String = self
            .offer
            .stance_keys
            .iter()
            .filter_map(|(_, key)| key.map(|k| k.to_ascii_uppercase().to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        ui.label(
            RichText::new(format!(
                "1–9 topic · {letters} stance · H holder · T target · / search"
            ))
            .small()
            .color(weak),
        );
    }

    /// The search results, the highlighted one marked (and scrolled to); a click picks one.
    fn results_ui(&self, ui: &mut egui::Ui, state: &mut TagPopupState, height: f32) {
        let weak = ui.visuals().weak_text_color();
        if self.offer.results.is_empty() {
            let text = if state.mode == PickMode::Codes {
                "No matching code"
            } else {
                "No actors yet: type a name to create one"
            };
            ui.label(RichText::new(text).color(weak));
            return;
        }
        let highlight = theme::popup_highlighted_row(self.dark_mode);
        let mut picked = None;
        egui::ScrollArea::vertical()
            .id_salt("tag-popup-results")
            .auto_shrink(false)
            .max_height(height)
            .show(ui, |ui| {
                for (index, pick) in self.offer.results.iter().enumerate() {
                    let row = ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 6.0;
                        if result_row_ui(ui, state, self.offer.codebook, pick) {
                            picked = Some(pick.clone());
                        }
                    });
                    if index == state.highlighted {
                        let rect = row.response.rect;
                        ui.painter().rect_filled(rect.expand(2.0), 4.0, highlight);
                        let clip = ui.clip_rect();
                        let moved = state.scrolled_to != Some(index);
                        if moved && (rect.top() < clip.top() || rect.bottom() > clip.bottom()) {
                            ui.scroll_to_rect_animation(
                                rect,
                                None,
                                egui::style::ScrollAnimation::none(),
                            );
                        }
                        state.scrolled_to = Some(index);
                    }
                }
            });
        if let Some(pick) = picked {
            apply_pick(state, &pick, self.offer.codebook);
        }
    }
}

/// One search result; true when it was clicked.
fn result_row_ui(
    ui: &mut egui::Ui,
    state: &TagPopupState,
    codebook: &Codebook,
    pick: &Pick,
) -> bool {
    let weak = ui.visuals().weak_text_color();
    match pick {
        Pick::Topic(topic) => {
            let color = codebook
                .topic(topic)
                .map_or(theme::MISSING_CODE_COLOR, |t| theme::code_color(t.color));
            swatch_ui(ui, color);
            let mut checked = state.coding.topics.contains(topic);
            ui.checkbox(&mut checked, codebook.topic_name(topic))
                .changed()
        }
        Pick::Stance(stance) => {
            let color = codebook
                .stance(stance)
                .map_or(theme::MISSING_CODE_COLOR, |s| theme::code_color(s.color));
            swatch_ui(ui, color);
            let selected = state.coding.stance.as_ref() == Some(stance);
            let clicked = ui
                .selectable_label(selected, codebook.stance_name(stance))
                .clicked();
            ui.label(RichText::new("stance").small().color(weak));
            clicked
        }
        Pick::Actor(slot, actor) => {
            ui.add_space(18.0);
            let clicked = ui.button(codebook.actor_name(actor)).clicked();
            let role = if *slot == PickMode::Holder {
                "as holder"
            } else {
                "as target"
            };
            ui.label(RichText::new(role).small().color(weak));
            clicked
        }
        Pick::CreateTopic(name) => {
            ui.add_space(18.0);
            ui.button(format!("Create topic “{name}”")).clicked()
        }
        Pick::CreateActor(slot, name) => {
            ui.add_space(18.0);
            let role = if *slot == PickMode::Holder {
                "holder"
            } else {
                "target"
            };
            ui.button(format!("Create actor “{name}” as {role}"))
                .clicked()
        }
    }
}

fn swatch_ui(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
    ui.painter().rect_filled(rect, 3.0, color);
}

fn topics_ui(
    ui: &mut egui::Ui,
    state: &mut TagPopupState,
    codebook: &Codebook,
    numbered: &[TopicId],
    height: f32,
) {
    let weak = ui.visuals().weak_text_color();
    let tree = codebook.topic_tree();
    if tree.is_empty() {
        ui.label(RichText::new("No topics yet: type a name to create one").color(weak));
    }
    egui::ScrollArea::vertical()
        .id_salt("tag-popup-topics")
        .auto_shrink(false)
        .max_height(height.max(24.0))
        .show(ui, |ui| {
            for (depth, topic) in tree {
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 6.0;
                    let number = numbered.iter().position(|t| t == &topic.id);
                    let key_text = number.map_or(String::from(" "), |n| (n + 1).to_string());
                    ui.add_sized(
                        [10.0, 16.0],
                        egui::Label::new(RichText::new(key_text).small().monospace().color(weak)),
                    );
                    ui.add_space(depth as f32 * 12.0);
                    swatch_ui(ui, theme::code_color(topic.color));
                    let mut checked = state.coding.topics.contains(&topic.id);
                    let response = ui
                        .checkbox(&mut checked, topic.name.as_str())
                        .on_hover_text(topic.description.as_str());
                    if response.changed() {
                        state.toggle_topic(&topic.id);
                    }
                });
            }
        });
}

fn stances_ui(ui: &mut egui::Ui, state: &mut TagPopupState, offer: &Offer<'_>) {
    let weak = ui.visuals().weak_text_color();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new("Stance").color(weak));
        for stance in &offer.codebook.stances {
            let key = offer
                .stance_keys
                .iter()
                .find(|(id, _)| id == &stance.id)
                .and_then(|(_, key)| *key);
            ui.add_space(6.0);
            if let Some(key) = key {
                ui.label(
                    RichText::new(key.to_ascii_uppercase().to_string())
                        .small()
                        .monospace()
                        .color(weak),
                );
            }
            swatch_ui(ui, theme::code_color(stance.color));
            let selected = state.coding.stance.as_ref() == Some(&stance.id);
            let response = ui
                .selectable_label(selected, stance.name.as_str())
                .on_hover_text(stance.description.as_str());
            if response.clicked() {
                state.set_stance(&stance.id);
            }
        }
    });
}

fn actors_ui(ui: &mut egui::Ui, state: &mut TagPopupState, codebook: &Codebook) {
    let weak = ui.visuals().weak_text_color();
    ui.horizontal(|ui| {
        for (slot, label, key, current) in [
            (PickMode::Holder, "Holder", "H", state.coding.holder.clone()),
            (PickMode::Target, "Target", "T", state.coding.target.clone()),
        ] {
            ui.label(RichText::new(label).color(weak));
            let name = current
                .as_ref()
                .map_or("—", |actor| codebook.actor_name(actor));
            let response = ui
                .button(name)
                .on_hover_text(format!("Choose the {} ({key})", label.to_lowercase()));
            if response.clicked() {
                state.mode = slot;
                state.reset_search();
            }
            if current.is_some()
                && ui
                    .small_button("×")
                    .on_hover_text(format!("Clear the {}", label.to_lowercase()))
                    .clicked()
            {
                match slot {
                    PickMode::Holder => state.coding.holder = None,
                    _ => state.coding.target = None,
                }
            }
            if slot == PickMode::Holder {
                ui.label(RichText::new("→").color(weak));
            }
        }
    });
}
