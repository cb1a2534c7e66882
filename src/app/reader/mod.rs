//! The reading view: the central panel where a researcher reads a document and
//! codes passages.
//!
//! The text is shown at a comfortable measure, one galley per paragraph (two
//! when footnotes interrupt it: the notes are set apart below it); only
//! the visible paragraphs are laid out and painted. Annotated passages carry
//! their topic's colour as background and their stance's colour as underline;
//! each annotation also has a bar in the left margin, one lane per overlapping
//! annotation. Selecting text (mouse drag, double-click on a word, or
//! Shift+arrows then Enter) opens the tag popup; clicking a passage selects its
//! annotation, whose ends can then be dragged to resize it. The reader never
//! changes the project: it returns [`Intent`](crate::app::intent::Intent)s.
//!
//! Where things are:
//! - `panel.rs`: [`reader_ui`], one frame of the whole view (find bar, scroll
//!   area and reveal, text, tag popup);
//! - `state.rs`: [`ReaderState`] and [`ReaderSettings`], the selection and reveal;
//! - `index.rs`: the paragraphs and the annotations per paragraph;
//!   `markdown_lines.rs`: a Markdown text's lines joined into its blocks;
//! - `layout.rs`: lazy, cached paragraph layouts and their heights (`params.rs`:
//!   what shapes them all: measure, size, colours);
//!   `jobs.rs`: a paragraph's layout jobs (body, notes) with their sections;
//!   `pieces.rs`: the body and the notes placed, and offsets ↔ positions in them;
//! - `styles.rs`: what Markdown styles and note blocks change in a galley;
//! - `frame.rs`: what one frame of the text works with, and where it sits;
//! - `hit_test.rs`: point ↔ char offset, caret and range rectangles;
//! - `text_view.rs`: painting the paragraphs, highlights, selection and caret;
//! - `margin.rs`: the margin bars and the selected annotation's resize handles;
//! - `page_marks.rs`: page markers (a rule and `p. 12`) where a PDF's pages start;
//! - `find.rs`: find in document (bar, marks, edge ticks);
//! - `pointer.rs` and `keyboard.rs`: what the pointer and the keys do;
//! - `actions.rs`: the reader's commands from the command table;
//! - `popup.rs`: the tag popup's placement, the context menu and the tooltip;
//! - `tag_popup/`: the tag popup itself.

mod actions;
mod find;
mod frame;
mod hit_test;
mod index;
mod jobs;
mod keyboard;
mod layout;
mod margin;
mod markdown_lines;
mod page_marks;
mod panel;
mod params;
mod pieces;
mod pointer;
mod popup;
mod state;
mod styles;
pub mod tag_popup;
mod text_view;

pub use find::FIND_LABEL;
pub use index::{AnnotationIndex, ParagraphIndex};
pub use keyboard::caret_key_help;
pub use panel::reader_ui;
pub use state::{ReaderSettings, ReaderState};
