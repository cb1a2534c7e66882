//! Driving the reading view through egui_kittest, once for every suite: where a
//! char is on screen, mouse drags and clicks, key presses, and finding text in
//! the shown document. Works on any harness state that shows a reader
//! ([`ShowsReader`]): the bare reader in `reader.rs`, the whole window in `ui.rs`.

use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use gloss::app::GlossApp;
use gloss::app::reader::ReaderState;
use gloss::model::text::{ByteOffset, CanonicalText, CharOffset, CharRange};

/// A harness state that shows one document in the reading view.
pub trait ShowsReader {
    /// The reading view's state.
    fn reader(&self) -> &ReaderState;
    /// The text of the document it shows.
    fn shown_text(&self) -> &CanonicalText;
}

impl ShowsReader for GlossApp {
    fn reader(&self) -> &ReaderState {
        self.reader_state()
    }

    fn shown_text(&self) -> &CanonicalText {
        let document = self.current_document().expect("a current document");
        &self
            .workspace()
            .and_then(|workspace| workspace.text(document))
            .expect("text")
            .text
    }
}

/// Start of `needle` in the shown document, in chars.
pub fn find_chars<S: ShowsReader>(harness: &Harness<'_, S>, needle: &str) -> usize {
    let text = harness.state().shown_text();
    let byte = text.as_str().find(needle).expect("needle in text");
    text.char_offset(ByteOffset(byte)).expect("char boundary").0
}

/// The shown document's text in `range`.
pub fn text_of<S: ShowsReader>(harness: &Harness<'_, S>, range: CharRange) -> String {
    harness
        .state()
        .shown_text()
        .slice(range)
        .expect("range")
        .to_owned()
}

/// The middle of the caret position before `offset` (between two chars).
pub fn caret_point<S: ShowsReader>(harness: &Harness<'_, S>, offset: usize) -> Pos2 {
    harness
        .state()
        .reader()
        .char_screen_rect(CharOffset(offset))
        .expect("char on screen")
        .center()
}

/// A point inside the glyph that starts at `offset` (a little right of its left edge).
pub fn inside_char<S: ShowsReader>(harness: &Harness<'_, S>, offset: usize) -> Pos2 {
    let rect = harness
        .state()
        .reader()
        .char_screen_rect(CharOffset(offset))
        .expect("char on screen");
    rect.left_center() + vec2(2.0, 0.0)
}

/// A mouse drag with the primary button from `from` to `to`, through the middle.
pub fn drag<S>(harness: &mut Harness<'_, S>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + (to - from) * 0.5);
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}

/// Presses and releases `button` at `pos` (the caller runs the frames).
pub fn click<S>(harness: &Harness<'_, S>, pos: Pos2, button: PointerButton) {
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
}

/// Presses `key` with `modifiers` and runs the frames that follow.
pub fn press<S>(harness: &mut Harness<'_, S>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}
