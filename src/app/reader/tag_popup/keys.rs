//! The tag popup's keys: taken out of the frame's input before its search box
//! sees them, then applied (pick, confirm, back out, move the highlight, and the
//! one-letter commands of an empty search).

use super::picks::{Offer, PickMode, TagPopupOutcome, TagPopupState, apply_pick};
use egui::{Event, Key};

/// A key the popup acts on, taken out of the input before the search box sees it.
enum PopupKey {
    Confirm,
    Escape,
    Down,
    Up,
    Char(char),
}

/// The ids of the popup's two text boxes, which decide who gets the keys.
#[derive(Clone, Copy)]
pub(super) struct PopupIds {
    pub(super) search: egui::Id,
    pub(super) memo: egui::Id,
}

/// Takes this frame's popup keys out of the input and applies them to `state`.
pub(super) fn apply_keys(
    ctx: &egui::Context,
    ids: PopupIds,
    state: &mut TagPopupState,
    offer: &Offer<'_>,
) -> TagPopupOutcome {
    let focused = ctx.memory(|memory| memory.focused());
    let popup_has_keys = focused.is_none() || focused == Some(ids.search);
    let commands_active = popup_has_keys
        && state.mode == PickMode::Codes
        && state.search.is_empty()
        && !state.letters_search;
    // The one-letter commands of an empty search; any other char is left to the
    // search box, which starts a search with it.
    let is_command = |c: char| {
        commands_active
            && (c == 'h'
                || c == 't'
                || c == '/'
                || c.to_digit(10)
                    .is_some_and(|digit| digit >= 1 && digit as usize <= offer.numbered.len())
                || offer.stance_keys.iter().any(|(_, key)| *key == Some(c)))
    };
    let keys = if popup_has_keys || focused == Some(ids.memo) {
        take_keys(ctx, &is_command)
    } else {
        Vec::new()
    };
    let mut outcome = TagPopupOutcome::Open;
    for key in keys {
        match key {
            PopupKey::Confirm => {
                if let Some(pick) = offer.results.get(state.highlighted) {
                    apply_pick(state, pick, offer.codebook);
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
                state.highlighted =
                    (state.highlighted + 1).min(offer.results.len().saturating_sub(1));
            }
            PopupKey::Up => state.highlighted = state.highlighted.saturating_sub(1),
            PopupKey::Char(c) => apply_char(state, offer, c),
        }
    }
    outcome
}

/// A one-letter command of an empty search: a digit toggles a topic, `h`/`t`
/// search the holder/target, `/` searches letters, a stance letter sets it.
fn apply_char(state: &mut TagPopupState, offer: &Offer<'_>, c: char) {
    if let Some(digit) = c.to_digit(10) {
        if let Some(topic) = (digit as usize)
            .checked_sub(1)
            .and_then(|index| offer.numbered.get(index))
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
    } else if let Some((stance, _)) = offer.stance_keys.iter().find(|(_, key)| *key == Some(c)) {
        state.set_stance(stance);
    }
}

/// Takes the popup's keys out of this frame's input: Enter, Escape, ↑/↓, and
/// the chars `is_command` accepts (lower-cased; a key press counts when the
/// frame has no text event, as in tests).
fn take_keys(ctx: &egui::Context, is_command: &dyn Fn(char) -> bool) -> Vec<PopupKey> {
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
                other if !has_text => match key_char(*other).filter(|c| is_command(*c)) {
                    Some(c) => {
                        keys.push(PopupKey::Char(c));
                        false
                    }
                    None => true,
                },
                _ => true,
            },
            Event::Text(text) => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if is_command_char(c) && is_command(c.to_ascii_lowercase()) => {
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
