//! The reader's keys while its text has the keyboard focus: its commands from
//! the command table (Enter codes the selection, Escape clears it, Ctrl+C copies)
//! and one caret keymap, [`CARET_KEYS`] (arrows, Home/End, the Page keys; Shift
//! extends the selection, Ctrl or Alt moves by word), which the shortcuts window
//! lists through [`caret_key_help`].

use crate::app::commands::{Command, KeyScope};
use crate::app::intent::Intent;
use crate::app::reader::frame::TextFrame;
use crate::app::reader::state::{ReaderState, TextSelection};
use crate::model::text::{CanonicalText, CharOffset};
use egui::{Event, EventFilter, Key, KeyboardShortcut, Modifiers, Rect, Response, pos2, vec2};

/// How a caret key moves the caret (or the view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaretMotion {
    CharLeft,
    CharRight,
    WordLeft,
    WordRight,
    RowUp,
    RowDown,
    RowStart,
    RowEnd,
    /// Scrolls the view by most of its height; the caret stays.
    PageUp,
    /// Scrolls the view by most of its height; the caret stays.
    PageDown,
}

/// Which modifiers (besides Shift, which always extends) a caret key takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaretModifiers {
    /// Any.
    Any,
    /// Ctrl (Cmd) or Alt: by word.
    Word,
    /// Neither Ctrl (Cmd) nor Alt.
    NoWord,
    /// Not Ctrl (Cmd): Ctrl+PageUp/PageDown belong to the window (previous/next document).
    NoCommand,
}

impl CaretModifiers {
    fn accepts(self, modifiers: Modifiers) -> bool {
        let word = modifiers.command || modifiers.alt;
        match self {
            Self::Any => true,
            Self::Word => word,
            Self::NoWord => !word,
            Self::NoCommand => !modifiers.command,
        }
    }
}

/// One binding of the caret keymap.
#[derive(Clone, Copy, Debug)]
struct CaretKey {
    key: Key,
    modifiers: CaretModifiers,
    motion: CaretMotion,
    /// What it does, for the shortcuts window.
    action: &'static str,
}

/// The reader's caret keymap, in the order the shortcuts window lists it.
const CARET_KEYS: [CaretKey; 10] = [
    CaretKey {
        key: Key::ArrowLeft,
        modifiers: CaretModifiers::NoWord,
        motion: CaretMotion::CharLeft,
        action: "Caret one character left",
    },
    CaretKey {
        key: Key::ArrowRight,
        modifiers: CaretModifiers::NoWord,
        motion: CaretMotion::CharRight,
        action: "Caret one character right",
    },
    CaretKey {
        key: Key::ArrowLeft,
        modifiers: CaretModifiers::Word,
        motion: CaretMotion::WordLeft,
        action: "Caret one word left",
    },
    CaretKey {
        key: Key::ArrowRight,
        modifiers: CaretModifiers::Word,
        motion: CaretMotion::WordRight,
        action: "Caret one word right",
    },
    CaretKey {
        key: Key::ArrowUp,
        modifiers: CaretModifiers::Any,
        motion: CaretMotion::RowUp,
        action: "Caret one row up",
    },
    CaretKey {
        key: Key::ArrowDown,
        modifiers: CaretModifiers::Any,
        motion: CaretMotion::RowDown,
        action: "Caret one row down",
    },
    CaretKey {
        key: Key::Home,
        modifiers: CaretModifiers::Any,
        motion: CaretMotion::RowStart,
        action: "Caret to the start of the row",
    },
    CaretKey {
        key: Key::End,
        modifiers: CaretModifiers::Any,
        motion: CaretMotion::RowEnd,
        action: "Caret to the end of the row",
    },
    CaretKey {
        key: Key::PageUp,
        modifiers: CaretModifiers::NoCommand,
        motion: CaretMotion::PageUp,
        action: "Scroll up a page",
    },
    CaretKey {
        key: Key::PageDown,
        modifiers: CaretModifiers::NoCommand,
        motion: CaretMotion::PageDown,
        action: "Scroll down a page",
    },
];

/// The caret keymap as (action, keys) rows for the shortcuts window (keys named
/// as on this platform), then the row saying that Shift extends the selection.
pub fn caret_key_help(ctx: &egui::Context) -> Vec<(&'static str, String)> {
    let name = |modifiers, key| ctx.format_shortcut(&KeyboardShortcut::new(modifiers, key));
    let mut rows: Vec<(&'static str, String)> = CARET_KEYS
        .iter()
        .map(|binding| {
            let keys = match binding.modifiers {
                CaretModifiers::Word => format!(
                    "{} / {}",
                    name(Modifiers::COMMAND, binding.key),
                    name(Modifiers::ALT, binding.key)
                ),
                CaretModifiers::Any | CaretModifiers::NoWord | CaretModifiers::NoCommand => {
                    name(Modifiers::NONE, binding.key)
                }
            };
            (binding.action, keys)
        })
        .collect();
    rows.push((
        "Extend the selection",
        format!("{} + a caret key", ctx.format_modifiers(Modifiers::SHIFT)),
    ));
    rows
}

/// The caret binding of a key press, if the keymap has one.
fn caret_key(key: Key, modifiers: Modifiers) -> Option<CaretKey> {
    CARET_KEYS
        .iter()
        .find(|binding| binding.key == key && binding.modifiers.accepts(modifiers))
        .copied()
}

/// The reader command a key press runs, looked up in the command table.
fn reader_command(key: Key, modifiers: Modifiers) -> Option<Command> {
    let pressed = KeyboardShortcut::new(modifiers, key);
    Command::ALL
        .into_iter()
        .find(|command| command.key_scope() == KeyScope::Reader && command.matches(&pressed))
}

/// A key press the reader takes out of the input.
enum ReaderKey {
    Command(Command),
    Caret(CaretKey, Modifiers),
}

/// Keeps the arrows for the reader while its text has the focus, handles its
/// keys (unless the tag popup has them), and gives the text the focus when asked.
pub(super) fn keyboard_ui(
    ui: &egui::Ui,
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    response: &Response,
    viewport: Rect,
    intents: &mut Vec<Intent>,
) {
    if response.has_focus() {
        // Keep the focus on Escape too (egui drops it otherwise before the reader
        // sees the key), so that Escape runs `Command::ClearSelection`.
        frame.ctx.memory_mut(|memory| {
            memory.set_focus_lock_filter(
                frame.reader_id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: true,
                },
            );
        });
        if state.popup.is_none() {
            for key in take_reader_keys(&frame.ctx) {
                match key {
                    ReaderKey::Command(command) => intents.extend(state.run_command(
                        &frame.ctx,
                        frame.workspace,
                        command,
                        frame.selected,
                    )),
                    ReaderKey::Caret(binding, modifiers) => {
                        caret_key_ui(ui, state, frame.text, viewport, binding.motion, modifiers);
                    }
                }
            }
        }
    }
    if state.focus_reader && state.popup.is_none() {
        response.request_focus();
        state.focus_reader = false;
    }
}

/// Takes the keys the reader handles out of the input, so that nothing else
/// (e.g. the tag popup opened by Enter in this very frame) sees them again.
/// Ctrl+C arrives as a copy event, not as a key.
fn take_reader_keys(ctx: &egui::Context) -> Vec<ReaderKey> {
    let mut taken = Vec::new();
    ctx.input_mut(|input| {
        input.events.retain(|event| {
            let key = match event {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => reader_command(*key, *modifiers)
                    .map(ReaderKey::Command)
                    .or_else(|| {
                        caret_key(*key, *modifiers)
                            .map(|binding| ReaderKey::Caret(binding, *modifiers))
                    }),
                Event::Copy => Some(ReaderKey::Command(Command::CopySelection)),
                _ => None,
            };
            let keep = key.is_none();
            taken.extend(key);
            keep
        });
    });
    taken
}

/// Moves the caret (extending the selection with Shift) or scrolls a page.
fn caret_key_ui(
    ui: &egui::Ui,
    state: &mut ReaderState,
    text: &CanonicalText,
    viewport: Rect,
    motion: CaretMotion,
    modifiers: Modifiers,
) {
    let ctx = ui.ctx().clone();
    let caret = state.selection.map_or(CharOffset(0), |s| s.caret);
    let moved = match motion {
        CaretMotion::CharLeft => CharOffset(caret.0.saturating_sub(1)),
        CaretMotion::CharRight => CharOffset((caret.0 + 1).min(text.len_chars())),
        CaretMotion::WordLeft => word_boundary(text, caret, false),
        CaretMotion::WordRight => word_boundary(text, caret, true),
        CaretMotion::RowUp | CaretMotion::RowDown => {
            let rect = state.caret_rect(&ctx, text, caret);
            let y = if motion == CaretMotion::RowUp {
                rect.min.y - 1.0
            } else {
                rect.max.y + 1.0
            };
            state.offset_at(&ctx, text, pos2(rect.center().x, y))
        }
        CaretMotion::RowStart | CaretMotion::RowEnd => {
            let rect = state.caret_rect(&ctx, text, caret);
            let x = if motion == CaretMotion::RowStart {
                0.0
            } else {
                f32::MAX / 4.0
            };
            state.offset_at(&ctx, text, pos2(x, rect.center().y))
        }
        CaretMotion::PageUp | CaretMotion::PageDown => {
            let step = viewport.height() * 0.9;
            let delta = if motion == CaretMotion::PageUp {
                step
            } else {
                -step
            };
            ui.scroll_with_delta(vec2(0.0, delta));
            return;
        }
    };
    state.selection = Some(match (modifiers.shift, state.selection) {
        (true, Some(selection)) => TextSelection {
            anchor: selection.anchor,
            caret: moved,
        },
        (true, None) => TextSelection {
            anchor: caret,
            caret: moved,
        },
        _ => TextSelection::caret_at(moved),
    });
    // Keep the caret on screen.
    if let Some(geometry) = state.geometry {
        let rect = state
            .caret_rect(&ctx, text, moved)
            .translate(geometry.text_origin.to_vec2());
        if rect.min.y < geometry.clip.min.y || rect.max.y > geometry.clip.max.y {
            ui.scroll_to_rect(rect.expand(24.0), None);
        }
    }
}

/// The next (or previous) word boundary from `offset`.
fn word_boundary(text: &CanonicalText, offset: CharOffset, forward: bool) -> CharOffset {
    const WINDOW_CHARS: usize = 200;
    if forward {
        let after = text.context_after(offset, WINDOW_CHARS);
        let mut seen_word = false;
        for (count, c) in after.chars().enumerate() {
            if c.is_alphanumeric() {
                seen_word = true;
            } else if seen_word {
                return CharOffset(offset.0 + count);
            }
        }
        CharOffset(offset.0 + after.chars().count())
    } else {
        let before: Vec<char> = text.context_before(offset, WINDOW_CHARS).chars().collect();
        let mut seen_word = false;
        for (count, c) in before.iter().rev().enumerate() {
            if c.is_alphanumeric() {
                seen_word = true;
            } else if seen_word {
                return CharOffset(offset.0 - count);
            }
        }
        CharOffset(offset.0 - before.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_caret_key_press_has_one_meaning() {
        let modifier_sets = [
            Modifiers::NONE,
            Modifiers::SHIFT,
            Modifiers::ALT,
            Modifiers::COMMAND,
            Modifiers::SHIFT | Modifiers::COMMAND,
        ];
        for binding in CARET_KEYS {
            for modifiers in modifier_sets {
                let meanings = CARET_KEYS
                    .iter()
                    .filter(|b| b.key == binding.key && b.modifiers.accepts(modifiers))
                    .count()
                    + usize::from(reader_command(binding.key, modifiers).is_some());
                assert!(meanings <= 1, "{:?} with {modifiers:?}", binding.key);
            }
        }
        assert_eq!(
            caret_key(Key::ArrowLeft, Modifiers::ALT).map(|b| b.motion),
            Some(CaretMotion::WordLeft)
        );
        assert!(caret_key(Key::PageDown, Modifiers::COMMAND).is_none());
        assert_eq!(
            reader_command(Key::Enter, Modifiers::SHIFT),
            Some(Command::CodeSelection)
        );
    }

    #[test]
    fn the_help_lists_every_caret_key_and_shift() {
        let ctx = egui::Context::default();
        let rows = caret_key_help(&ctx);
        assert_eq!(rows.len(), CARET_KEYS.len() + 1);
        assert!(rows.iter().any(|(_, keys)| keys.contains("PageDown")));
        assert!(
            rows.iter()
                .any(|(_, keys)| keys.starts_with("Ctrl+") && keys.contains("Alt+"))
        );
    }

    #[test]
    fn word_boundaries_skip_to_the_end_or_start_of_a_word() {
        let text = CanonicalText::new("Vučić said: ports".into());
        assert_eq!(word_boundary(&text, CharOffset(0), true), CharOffset(5));
        assert_eq!(word_boundary(&text, CharOffset(5), true), CharOffset(10));
        assert_eq!(word_boundary(&text, CharOffset(12), false), CharOffset(6));
        assert_eq!(word_boundary(&text, CharOffset(17), false), CharOffset(12));
    }
}
