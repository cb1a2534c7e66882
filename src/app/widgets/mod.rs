//! Widgets that more than one panel draws, written once: the code pickers
//! (topic, stance, actor) of the inspector, the search panel's auto-coding
//! form and the codebook editor, and the short texts that name an
//! annotation's codes (and its topics' colours), and a labelled combo box
//! (the analysis and coder-comparison pickers). They draw and report what the user chose; the panel
//! turns that into an intent.

pub mod code_pickers;
pub mod code_texts;
pub mod labelled_combo;

pub use code_pickers::{
    Picker, actor_picker_ui, choice_picker_ui, set_membership, stance_picker_ui, topic_picker_ui,
    topic_tree_checkboxes_ui, topics_checklist_ui,
};
pub use code_texts::{actors_text, flatten_whitespace, topic_colors, topics_text};
pub use labelled_combo::labelled_combo_ui;
