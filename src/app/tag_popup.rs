//! The tag popup: a small keyboard-first panel that appears at a fresh text
//! selection (or at "Edit codes…") to choose an annotation's codes.
//!
//! Keys (shown in the popup's footer):
//! - type to fuzzy-search topics, stances and actors; ↑/↓ move, Enter picks the
//!   highlighted result (a topic toggles, a stance is set, an actor becomes holder
//!   or target);
//! - with an empty search: `1`–`9` toggle the first nine topics, each stance's
//!   letter (first free letter of its name, e.g. `S` supportive) sets the stance,
//!   `H` / `T` search actors for the holder / target, `/` searches names that
//!   start with one of those letters;
//! - Enter with an empty search confirms, Escape backs out of an actor search or cancels.

use crate::app::intent::Coding;
use crate::app::reader_index::to_color32;
use crate::model::codebook::Codebook;
use crate::model::ids::{ActorId, StanceId, TopicId};
use egui::{Color32, Event, Key, RichText, Sense, Vec2};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The accessible label of the popup's search box.
pub const SEARCH_LABEL: &str = "Search codes";
/// Width of the popup.
const POPUP_WIDTH_POINTS: f32 = 380.0;
/// How many search results are listed at most.
const MAX_RESULTS: usize = 12;

/// Which slot the search box currently fills.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PickMode {
    /// Topics, stances and actors together.
    #[default]
    Codes,
    Holder,
    Target,
}

/// What the popup is editing; kept by the reader while the popup is open.
#[derive(Clone, Debug, Default)]
pub struct TagPopupState {
    pub coding: Coding,
    pub search: String,
    pub mode: PickMode,
    /// Index of the highlighted search result.
    pub highlighted: usize,
    /// After `/`: letters go to the search even when it is empty.
    pub letters_search: bool,
    focus_given: bool,
}

impl TagPopupState {
    pub fn new(coding: Coding) -> Self {
        Self {
            coding,
            ..Default::default()
        }
    }

    fn toggle_topic(&mut self, topic: &TopicId) {
        if let Some(position) = self.coding.topics.iter().position(|t| t == topic) {
            self.coding.topics.remove(position);
        } else {
            self.coding.topics.push(topic.clone());
        }
    }

    fn set_stance(&mut self, stance: &StanceId) {
        if self.coding.stance.as_ref() == Some(stance) {
            self.coding.stance = None;
        } else {
            self.coding.stance = Some(stance.clone());
        }
    }

    fn set_actor(&mut self, slot: PickMode, actor: &ActorId) {
        match slot {
            PickMode::Holder => self.coding.holder = Some(actor.clone()),
            PickMode::Target => self.coding.target = Some(actor.clone()),
            PickMode::Codes => {}
        }
    }

    fn reset_search(&mut self) {
        self.search.clear();
        self.highlighted = 0;
        self.letters_search = false;
    }
}

/// What happened in the popup this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum TagPopupOutcome {
    /// Still open.
    Open,
    /// Enter or the Save button: these codes.
    Confirmed(Coding),
    /// Escape or Cancel.
    Cancelled,
}

/// The single-letter key of each stance: the first letter of its name not taken
/// by an earlier stance nor by `H`/`T` (holder/target).
pub fn stance_keys(codebook: &Codebook) -> Vec<(StanceId, Option<char>)> {
    let mut taken: Vec<char> = vec!['h', 't'];
    codebook
        .stances
        .iter()
        .map(|stance| {
            let key = stance
                .name
                .chars()
                .flat_map(char::to_lowercase)
                .find(|c| c.is_ascii_alphabetic() && !taken.contains(c));
            if let Some(key) = key {
                taken.push(key);
            }
            (stance.id.clone(), key)
        })
        .collect()
}

/// The first nine topics in tree order: the ones `1`–`9` toggle.
pub fn numbered_topics(codebook: &Codebook) -> Vec<TopicId> {
    codebook
        .topic_tree()
        .into_iter()
        .take(9)
        .map(|(_, topic)| topic.id.clone())
        .collect()
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
enum Pick {
    Topic(TopicId),
    Stance(StanceId),
    Actor(PickMode, ActorId),
}

/// Folds the diacritics of Latin letters (`Vučić` → `Vucic`) so that searches
/// typed without them still match; other chars are kept.
pub fn fold_diacritics(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'č' | 'ć' | 'ç' => 'c',
            'Č' | 'Ć' | 'Ç' => 'C',
            'š' | 'ś' => 's',
            'Š' | 'Ś' => 'S',
            'ž' | 'ź' | 'ż' => 'z',
            'Ž' | 'Ź' | 'Ż' => 'Z',
            'đ' => 'd',
            'Đ' => 'D',
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ă' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ů' => 'u',
            'ñ' | 'ń' | 'ň' => 'n',
            'ř' => 'r',
            'ł' => 'l',
            'ý' => 'y',
            other => other,
        })
        .collect()
}

fn search_results(state: &TagPopupState, codebook: &Codebook) -> Vec<Pick> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let query = fold_diacritics(state.search.trim());
    let mut scored: Vec<(i64, usize, Pick)> = Vec::new();
    let mut push = |name: &str, order: usize, pick: Pick| {
        if query.is_empty() {
            scored.push((0, order, pick));
        } else if let Some(score) = matcher.fuzzy_match(&fold_diacritics(name), &query) {
            scored.push((score, order, pick));
        }
    };
    match state.mode {
        PickMode::Codes => {
            if query.is_empty() {
                return Vec::new();
            }
            for (order, (_, topic)) in codebook.topic_tree().into_iter().enumerate() {
                push(&topic.name, order, Pick::Topic(topic.id.clone()));
            }
            for (order, stance) in codebook.stances.iter().enumerate() {
                push(&stance.name, 100 + order, Pick::Stance(stance.id.clone()));
            }
            for (order, actor) in codebook.actors.iter().enumerate() {
                let slot = if state.coding.holder.is_none() {
                    PickMode::Holder
                } else {
                    PickMode::Target
                };
                push(
                    &actor.name,
                    200 + order,
                    Pick::Actor(slot, actor.id.clone()),
                );
            }
        }
        slot @ (PickMode::Holder | PickMode::Target) => {
            for (order, actor) in codebook.actors.iter().enumerate() {
                push(&actor.name, order, Pick::Actor(slot, actor.id.clone()));
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(MAX_RESULTS)
        .map(|(_, _, pick)| pick)
        .collect()
}

fn apply_pick(state: &mut TagPopupState, pick: &Pick) {
    match pick {
        Pick::Topic(topic) => state.toggle_topic(topic),
        Pick::Stance(stance) => state.set_stance(stance),
        Pick::Actor(slot, actor) => {
            state.set_actor(*slot, actor);
            state.mode = PickMode::Codes;
        }
    }
    state.reset_search();
}

/// A key the popup acts on, taken out of the input before the search box sees it.
enum PopupKey {
    Confirm,
    Escape,
    Down,
    Up,
    Char(char),
}

/// Takes the popup's keys out of this frame's input.
fn take_keys(ctx: &egui::Context, commands_active: bool) -> Vec<PopupKey> {
    ctx.input_mut(|input| {
        let mut keys = Vec::new();
        let has_text = input
            .events
            .iter()
            .any(|event| matches!(event, Event::Text(_)));
        input.events.retain(|event| match event {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.ctrl && !modifiers.alt && !modifiers.command => match key {
                Key::Enter => {
                    keys.push(PopupKey::Confirm);
                    false
                }
                Key::Escape => {
                    keys.push(PopupKey::Escape);
                    false
                }
                Key::ArrowDown => {
                    keys.push(PopupKey::Down);
                    false
                }
                Key::ArrowUp => {
                    keys.push(PopupKey::Up);
                    false
                }
                other if commands_active && !has_text => match key_char(*other) {
                    Some(c) => {
                        keys.push(PopupKey::Char(c));
                        false
                    }
                    None => true,
                },
                _ => true,
            },
            Event::Text(text) if commands_active => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if is_command_char(c) => {
                        keys.push(PopupKey::Char(c.to_ascii_lowercase()));
                        false
                    }
                    _ => true,
                }
            }
            _ => true,
        });
        keys
    })
}

fn is_command_char(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_alphabetic() || c == '/'
}

/// The char a bare key press stands for (tests send keys without text events).
fn key_char(key: Key) -> Option<char> {
    let name = key.name();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_command_char(c) => Some(c.to_ascii_lowercase()),
        _ => match key {
            Key::Slash => Some('/'),
            _ => None,
        },
    }
}

/// Shows the popup at `anchor` (screen position of the selection's end).
pub fn tag_popup_ui(
    ctx: &egui::Context,
    id: egui::Id,
    state: &mut TagPopupState,
    codebook: &Codebook,
    heading: &str,
    anchor: egui::Pos2,
) -> TagPopupOutcome {
    let search_id = id.with("search");
    let memo_id = id.with("memo");
    let focused = ctx.memory(|memory| memory.focused());
    let popup_has_keys = focused.is_none() || focused == Some(search_id);
    let commands_active = popup_has_keys
        && state.mode == PickMode::Codes
        && state.search.is_empty()
        && !state.letters_search;

    let mut outcome = TagPopupOutcome::Open;
    let results = search_results(state, codebook);
    let keys = if popup_has_keys || focused == Some(memo_id) {
        take_keys(ctx, commands_active)
    } else {
        Vec::new()
    };
    let numbered = numbered_topics(codebook);
    let stance_keys = stance_keys(codebook);
    for key in keys {
        match key {
            PopupKey::Confirm => {
                if let Some(pick) = results.get(state.highlighted) {
                    apply_pick(state, pick);
                } else if state.mode == PickMode::Codes {
                    outcome = TagPopupOutcome::Confirmed(state.coding.clone());
                }
            }
            PopupKey::Escape => {
                if state.mode != PickMode::Codes || !state.search.is_empty() || state.letters_search
                {
                    state.mode = PickMode::Codes;
                    state.reset_search();
                } else {
                    outcome = TagPopupOutcome::Cancelled;
                }
            }
            PopupKey::Down => {
                state.highlighted = (state.highlighted + 1).min(results.len().saturating_sub(1));
            }
            PopupKey::Up => state.highlighted = state.highlighted.saturating_sub(1),
            PopupKey::Char(c) => {
                if let Some(digit) = c.to_digit(10) {
                    if let Some(topic) = (digit as usize)
                        .checked_sub(1)
                        .and_then(|index| numbered.get(index))
                    {
                        state.toggle_topic(topic);
                    }
                } else if c == 'h' {
                    state.mode = PickMode::Holder;
                    state.reset_search();
                } else if c == 't' {
                    state.mode = PickMode::Target;
                    state.reset_search();
                } else if c == '/' {
                    state.letters_search = true;
                } else if let Some((stance, _)) =
                    stance_keys.iter().find(|(_, key)| *key == Some(c))
                {
                    state.set_stance(stance);
                } else {
                    // Not a command: it starts a search.
                    state.search.push(c);
                    state.highlighted = 0;
                }
            }
        }
    }

    let dark = ctx.global_style().visuals.dark_mode;
    egui::Area::new(id)
        .order(egui::Order::Foreground)
        .fixed_pos(anchor)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_width(POPUP_WIDTH_POINTS);
                    ui.spacing_mut().item_spacing.y = 4.0;
                    popup_contents_ui(
                        ui,
                        state,
                        codebook,
                        heading,
                        &results,
                        &numbered,
                        &stance_keys,
                        search_id,
                        memo_id,
                        dark,
                        &mut outcome,
                    );
                });
        });
    outcome
}

#[expect(clippy::too_many_arguments)]
fn popup_contents_ui(
    ui: &mut egui::Ui,
    state: &mut TagPopupState,
    codebook: &Codebook,
    heading: &str,
    results: &[Pick],
    numbered: &[TopicId],
    stance_keys: &[(StanceId, Option<char>)],
    search_id: egui::Id,
    memo_id: egui::Id,
    dark: bool,
    outcome: &mut TagPopupOutcome,
) {
    let weak = ui.visuals().weak_text_color();
    if !heading.is_empty() {
        ui.label(RichText::new(heading).italics().color(weak));
    }
    let hint = match state.mode {
        PickMode::Codes => "Search topics, stances, actors…",
        PickMode::Holder => "Holder: search actors…",
        PickMode::Target => "Target: search actors…",
    };
    let search = egui::TextEdit::singleline(&mut state.search)
        .id(search_id)
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
    let coding_before = state.coding.clone();
    let mode_before = state.mode;
    ui.add_space(2.0);

    if !results.is_empty() || !state.search.trim().is_empty() {
        results_ui(ui, state, codebook, results, dark);
    } else if state.mode == PickMode::Codes {
        topics_ui(ui, state, codebook, numbered);
        ui.separator();
        stances_ui(ui, state, codebook, stance_keys);
        actors_ui(ui, state, codebook);
    } else {
        results_ui(ui, state, codebook, results, dark);
    }

    if state.coding != coding_before || state.mode != mode_before {
        // A click in the lists: give the keys back to the search box.
        ui.memory_mut(|memory| memory.request_focus(search_id));
    }

    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Memo").color(weak));
        egui::TextEdit::singleline(&mut state.coding.memo)
            .id(memo_id)
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
    let letters: String = stance_keys
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

fn swatch_ui(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
    ui.painter().rect_filled(rect, 3.0, color);
}

fn topics_ui(
    ui: &mut egui::Ui,
    state: &mut TagPopupState,
    codebook: &Codebook,
    numbered: &[TopicId],
) {
    let weak = ui.visuals().weak_text_color();
    let tree = codebook.topic_tree();
    egui::ScrollArea::vertical()
        .id_salt("tag-popup-topics")
        .max_height(260.0)
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
                    swatch_ui(ui, to_color32(topic.color));
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

fn stances_ui(
    ui: &mut egui::Ui,
    state: &mut TagPopupState,
    codebook: &Codebook,
    stance_keys: &[(StanceId, Option<char>)],
) {
    let weak = ui.visuals().weak_text_color();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new("Stance").color(weak));
        for stance in &codebook.stances {
            let key = stance_keys
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
            swatch_ui(ui, to_color32(stance.color));
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

fn results_ui(
    ui: &mut egui::Ui,
    state: &mut TagPopupState,
    codebook: &Codebook,
    results: &[Pick],
    dark: bool,
) {
    let weak = ui.visuals().weak_text_color();
    if results.is_empty() {
        ui.label(RichText::new("No matching code").color(weak));
        return;
    }
    let highlight = if dark {
        Color32::from_white_alpha(26)
    } else {
        Color32::from_black_alpha(20)
    };
    let mut picked = None;
    for (index, pick) in results.iter().enumerate() {
        let row = ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 6.0;
            match pick {
                Pick::Topic(topic) => {
                    let color = codebook
                        .topic(topic)
                        .map_or(Color32::GRAY, |t| to_color32(t.color));
                    swatch_ui(ui, color);
                    let mut checked = state.coding.topics.contains(topic);
                    if ui
                        .checkbox(&mut checked, codebook.topic_name(topic))
                        .changed()
                    {
                        picked = Some(pick.clone());
                    }
                }
                Pick::Stance(stance) => {
                    let color = codebook
                        .stance(stance)
                        .map_or(Color32::GRAY, |s| to_color32(s.color));
                    swatch_ui(ui, color);
                    let selected = state.coding.stance.as_ref() == Some(stance);
                    if ui
                        .selectable_label(selected, codebook.stance_name(stance))
                        .clicked()
                    {
                        picked = Some(pick.clone());
                    }
                    ui.label(RichText::new("stance").small().color(weak));
                }
                Pick::Actor(slot, actor) => {
                    ui.add_space(18.0);
                    if ui.button(codebook.actor_name(actor)).clicked() {
                        picked = Some(pick.clone());
                    }
                    let role = if *slot == PickMode::Holder {
                        "as holder"
                    } else {
                        "as target"
                    };
                    ui.label(RichText::new(role).small().color(weak));
                }
            }
        });
        if index == state.highlighted {
            ui.painter()
                .rect_filled(row.response.rect.expand(2.0), 4.0, highlight);
        }
    }
    if let Some(pick) = picked {
        apply_pick(state, &pick);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codebook::{Color, Stance};

    fn stance(id: &str, name: &str) -> Stance {
        Stance {
            id: id.into(),
            name: name.into(),
            color: Color::rgb(0, 0, 0),
            polarity: 0,
            description: String::new(),
        }
    }

    #[test]
    fn stance_keys_avoid_collisions_and_holder_target_keys() {
        let codebook = Codebook {
            stances: vec![
                stance("s1", "supportive"),
                stance("s2", "sceptical"),
                stance("s3", "hostile"),
            ],
            ..Default::default()
        };
        let keys: Vec<Option<char>> = stance_keys(&codebook).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, vec![Some('s'), Some('c'), Some('o')]);
    }
}
