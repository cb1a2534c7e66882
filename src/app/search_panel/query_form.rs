//! The query form: the search box with its options (regex, fuzzy with its
//! most edits, whole word, case, diacritics) and the saved searches menu with
//! the field that names and saves the current query.

use super::state::SearchPanelState;
use crate::model::search::{MatchMode, SavedSearch};

/// Accessible label (and hint) of the query field.
pub const QUERY_FIELD_LABEL: &str = "Search the corpus";
/// Choices offered for the most edits of fuzzy matching (`None`: by query length).
const EDIT_CHOICES: [Option<u32>; 5] = [None, Some(1), Some(2), Some(3), Some(4)];

/// The query field and its option checkboxes; Escape in the field cancels the search.
pub(super) fn query_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    let field = ui.add(
        egui::TextEdit::singleline(&mut state.query.text)
            .hint_text(QUERY_FIELD_LABEL)
            .desired_width(f32::INFINITY),
    );
    ui.ctx()
        .accesskit_node_builder(field.id, |node| node.set_label(QUERY_FIELD_LABEL));
    if state.focus_requested {
        field.request_focus();
        state.focus_requested = false;
    }
    if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.cancel();
    }
    ui.horizontal_wrapped(|ui| {
        match_mode_ui(ui, state);
        ui.checkbox(&mut state.query.whole_word, "Whole word");
        ui.checkbox(&mut state.query.case_sensitive, "Match case");
        ui.checkbox(&mut state.query.diacritic_sensitive, "Match diacritics")
            .on_hover_text("Off: Vucic finds Vučić and Вучић, Djokovic finds Đoković");
    });
}

/// "Regex" and "Fuzzy" (each off means plain), and the most edits when fuzzy.
fn match_mode_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    let mut regex = state.query.mode == MatchMode::Regex;
    let mut fuzzy = state.query.mode == MatchMode::Fuzzy;
    if ui
        .checkbox(&mut regex, "Regex")
        .on_hover_text("Regular expression, matched against the folded text")
        .changed()
    {
        state.query.mode = if regex {
            MatchMode::Regex
        } else {
            MatchMode::Plain
        };
    }
    if ui
        .checkbox(&mut fuzzy, "Fuzzy")
        .on_hover_text("Also find misspellings and OCR noise, within a number of edits")
        .changed()
    {
        state.query.mode = if fuzzy {
            MatchMode::Fuzzy
        } else {
            MatchMode::Plain
        };
    }
    if state.query.mode == MatchMode::Fuzzy {
        let label = |edits: Option<u32>| match edits {
            None => "auto".to_owned(),
            Some(1) => "≤1 edit".to_owned(),
            Some(n) => format!("≤{n} edits"),
        };
        egui::ComboBox::from_id_salt("search-max-edits")
            .selected_text(label(state.query.max_edits))
            .width(80.0)
            .show_ui(ui, |ui| {
                for choice in EDIT_CHOICES {
                    ui.selectable_value(&mut state.query.max_edits, choice, label(choice));
                }
            });
    }
}

/// The saved searches menu (run or forget one), and the name field with "Save search".
pub(super) fn saved_searches_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    ui.horizontal_wrapped(|ui| {
        let (run, remove) = saved_searches_menu_ui(ui, &state.saved_searches);
        if let Some(index) = run
            && let Some(saved) = state.saved_searches.get(index).cloned()
        {
            state.run_saved(&saved);
        }
        if let Some(index) = remove
            && index < state.saved_searches.len()
        {
            state.saved_searches.remove(index);
        }
        ui.add(
            egui::TextEdit::singleline(&mut state.save_name)
                .hint_text("Name")
                .desired_width(110.0),
        );
        let can_save = !state.save_name.trim().is_empty() && !state.query.text.trim().is_empty();
        if ui
            .add_enabled(can_save, egui::Button::new("Save search"))
            .on_hover_text(
                "Keep this query and its options; saved searches are in the command palette",
            )
            .clicked()
        {
            save_current_query(state);
        }
    });
}

/// The menu of saved searches; returns (the one to run, the one to forget).
fn saved_searches_menu_ui(
    ui: &mut egui::Ui,
    saved_searches: &[SavedSearch],
) -> (Option<usize>, Option<usize>) {
    let mut run = None;
    let mut remove = None;
    ui.add_enabled_ui(!saved_searches.is_empty(), |ui| {
        ui.menu_button(format!("Saved searches ({})", saved_searches.len()), |ui| {
            for (index, saved) in saved_searches.iter().enumerate() {
                ui.horizontal(|ui| {
                    let details = saved.query.options_label();
                    let text = if details.is_empty() {
                        format!("{} — {}", saved.name, saved.query.text)
                    } else {
                        format!("{} — {} ({details})", saved.name, saved.query.text)
                    };
                    if ui.button(text).clicked() {
                        run = Some(index);
                        ui.close();
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text("Forget this search")
                        .clicked()
                    {
                        remove = Some(index);
                    }
                });
            }
        });
    });
    (run, remove)
}

/// Saves the query under the typed name (replacing a search of that name).
fn save_current_query(state: &mut SearchPanelState) {
    let name = state.save_name.trim().to_owned();
    let saved = SavedSearch {
        name: name.clone(),
        query: state.query.clone(),
    };
    match state.saved_searches.iter_mut().find(|s| s.name == name) {
        Some(existing) => *existing = saved,
        None => state.saved_searches.push(saved),
    }
    state.save_name.clear();
}
