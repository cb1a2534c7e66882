//! The reader's keys while its text has the keyboard focus, or while nothing
//! has it (no click in the text is needed first): its commands from the command
//! table (Enter codes the selection, Escape clears it, Ctrl+C copies) and one
//! caret keymap, [`CARET_KEYS`] (arrows, Home/End, Ctrl+Home/End, the Page keys;
//! Shift extends the selection, Ctrl or Alt moves by word), which the shortcuts
//! window lists through [`caret_key_help`].
//!
//! The caret follows the view: a caret key pressed while the caret is scrolled
//! out of view starts from the first line in view, and the Page keys move the
//! caret and the view together.
//!
//! Left and Right move through the text's offsets, so around footnotes set
//! apart below a paragraph they go from the text before a note into the note
//! (below), through it, and back to the text after it; Up, Down, Home and End
//! move by what is on screen (Down from the paragraph's last row goes into its
//! notes). Shift extends the selection over the offsets between its anchor and
//! the caret: across a note, the note is selected with the text around it.

use crate::app::commands::{Command, KeyScope};
use crate::app::intent::Intent;
use crate::app::reader::frame::TextFrame;
use crate::app::reader::state::{ReaderState, TextSelection};
use crate::model::text::{CanonicalText, CharOffset, CharRange};
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
    /// Scrolls the view up by most of its height; the caret moves as far.
    PageUp,
    /// Scrolls the view down by most of its height; the caret moves as far.
    PageDown,
    /// To the start of the document.
    DocumentStart,
    /// To the end of the document.
    DocumentEnd,
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
    /// Not Ctrl (Cmd): Ctrl+PageUp/PageDown belong to the window (previous/next
    /// document), Ctrl+Home/End go to the document's ends.
    NoCommand,
    /// Ctrl (Cmd).
    Command,
}

impl CaretModifiers {
    fn accepts(self, modifiers: Modifiers) -> bool {
        let word = modifiers.command || modifiers.alt;
        match self {
            Self::Any => true,
            Self::Word => word,
            Self::NoWord => !word,
            Self::NoCommand => !modifiers.command,
            Self::Command => modifiers.command,
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

/// How far beyond the caret's row Up and Down look for the next row, in line heights.
const ROW_STEP_LINES: f32 = 0.5;

/// The reader's caret keymap, in the order the shortcuts window lists it.
const CARET_KEYS: [CaretKey; 12] = [
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
        modifiers: CaretModifiers::NoCommand,
        motion: CaretMotion::RowStart,
        action: "Caret to the start of the row",
    },
    CaretKey {
        key: Key::End,
        modifiers: CaretModifiers::NoCommand,
        motion: CaretMotion::RowEnd,
        action: "Caret to the end of the row",
    },
    CaretKey {
        key: Key::Home,
        modifiers: CaretModifiers::Command,
        motion: CaretMotion::DocumentStart,
        action: "Caret and view to the start of the document",
    },
    CaretKey {
        key: Key::End,
        modifiers: CaretModifiers::Command,
        motion: CaretMotion::DocumentEnd,
        action: "Caret and view to the end of the document",
    },
    CaretKey {
        key: Key::PageUp,
        modifiers: CaretModifiers::NoCommand,
        motion: CaretMotion::PageUp,
        action: "Caret and view up a page",
    },
    CaretKey {
        key: Key::PageDown,
        modifiers: CaretModifiers::NoCommand,
        motion: CaretMotion::PageDown,
        action: "Caret and view down a page",
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
                CaretModifiers::Command => name(Modifiers::COMMAND, binding.key),
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
/// keys while it has the focus or nothing has (unless the tag popup has them),
/// and gives the text the focus when asked.
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
    }
    // Nothing has the focus, nor had it elsewhere last frame (a text field drops
    // it on the very Enter or Escape the reader would otherwise take), and no
    // modal dialog or menu is open: the keys are the reader's.
    let (focused, modal_open) = frame
        .ctx
        .memory(|memory| (memory.focused(), memory.top_modal_layer().is_some()));
    let nothing_focused = focused.is_none()
        && !state.focus_elsewhere_last_frame
        && !modal_open
        && !frame.ctx.any_popup_open();
    state.focus_elsewhere_last_frame = focused.is_some_and(|id| id != frame.reader_id);
    if (response.has_focus() || nothing_focused) && state.popup.is_none() {
        let keys = take_reader_keys(&frame.ctx);
        if !keys.is_empty() && nothing_focused {
            response.request_focus();
        }
        for key in keys {
            match key {
                ReaderKey::Command(command) => intents.extend(state.run_command(
                    &frame.ctx,
                    frame.workspace,
                    command,
                    frame.selected,
                )),
                ReaderKey::Caret(binding, modifiers) => {
                    let view = CaretView {
                        viewport,
                        line_height: frame.params.line_height_points(),
                    };
                    caret_key_ui(ui, state, frame.text, view, binding.motion, modifiers);
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

/// The view a caret key moves in: the scroll area's viewport and the row height.
#[derive(Clone, Copy)]
struct CaretView {
    viewport: Rect,
    line_height: f32,
}

/// Where the caret starts from: the caret, or, when it is out of view (the view
/// was scrolled away from it), the first row in view (and the selection starts
/// there too, so that Shift extends from where the reader is now).
fn caret_in_view(
    ctx: &egui::Context,
    state: &mut ReaderState,
    text: &CanonicalText,
    line_height: f32,
) -> Option<TextSelection> {
    let geometry = state.geometry?;
    let visible_top = geometry.clip.min.y - geometry.text_origin.y;
    let visible_bottom = geometry.clip.max.y - geometry.text_origin.y;
    if let Some(selection) = state.selection {
        let rect = state.caret_rect(ctx, text, selection.caret);
        if rect.max.y > visible_top && rect.min.y < visible_bottom {
            return Some(selection);
        }
    }
    let first_row = state.offset_at(ctx, text, pos2(0.0, visible_top + line_height * 0.75));
    Some(TextSelection::caret_at(first_row))
}

/// Moves the caret (extending the selection with Shift); the Page keys and
/// Ctrl+Home/End move the view with it.
fn caret_key_ui(
    ui: &egui::Ui,
    state: &mut ReaderState,
    text: &CanonicalText,
    view: CaretView,
    motion: CaretMotion,
    modifiers: Modifiers,
) {
    let ctx = ui.ctx().clone();
    let start = match motion {
        CaretMotion::DocumentStart | CaretMotion::DocumentEnd => state.selection,
        _ => caret_in_view(&ctx, state, text, view.line_height).or(state.selection),
    };
    let caret = start.map_or(CharOffset(0), |s| s.caret);
    let mut scrolled = false;
    let moved = match motion {
        CaretMotion::CharLeft => CharOffset(caret.0.saturating_sub(1)),
        CaretMotion::CharRight => CharOffset((caret.0 + 1).min(text.len_chars())),
        CaretMotion::WordLeft => word_boundary(text, caret, false),
        CaretMotion::WordRight => word_boundary(text, caret, true),
        CaretMotion::RowUp | CaretMotion::RowDown => {
            // Half a line beyond the row: into the next row, across the gap
            // above a paragraph's notes (rows are at least that high).
            let rect = state.caret_rect(&ctx, text, caret);
            let step = view.line_height * ROW_STEP_LINES;
            let y = if motion == CaretMotion::RowUp {
                rect.min.y - step
            } else {
                rect.max.y + step
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
            let step = view.viewport.height() * 0.9;
            let down = if motion == CaretMotion::PageUp {
                -step
            } else {
                step
            };
            ui.scroll_with_delta(vec2(0.0, -down));
            scrolled = true;
            let rect = state.caret_rect(&ctx, text, caret);
            state.offset_at(&ctx, text, pos2(rect.center().x, rect.center().y + down))
        }
        CaretMotion::DocumentStart | CaretMotion::DocumentEnd => {
            let end = if motion == CaretMotion::DocumentStart {
                CharOffset(0)
            } else {
                CharOffset(text.len_chars())
            };
            state.reveal(CharRange { start: end, end });
            scrolled = true;
            end
        }
    };
    state.selection = Some(match (modifiers.shift, start) {
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
    if !scrolled && let Some(geometry) = state.geometry {
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
