//! The line under the query: the error of an invalid query, the hint before
//! any search, progress with a Cancel button while searching, the summary
//! when done, and the message of the last auto-coding.

use super::results::SearchResults;
use super::state::{MAX_LISTED_HITS, SearchPanelState};
use egui::RichText;

/// The status line (and the last auto-coding message).
pub(super) fn status_ui(ui: &mut egui::Ui, state: &mut SearchPanelState) {
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
        return;
    }
    let Some(results) = &state.results else {
        ui.weak("Case- and diacritic-insensitive; Latin and Cyrillic match each other.");
        return;
    };
    let mut cancel = false;
    ui.horizontal_wrapped(|ui| cancel = progress_ui(ui, results));
    if cancel {
        state.cancel();
    }
    if let Some(message) = &state.message {
        ui.label(RichText::new(message).italics());
    }
}

/// "12 hits in 3 documents"
fn summary(results: &SearchResults) -> String {
    let hits = results.hit_count();
    let documents = results.documents.len();
    format!(
        "{hits} hit{} in {documents} document{}",
        if hits == 1 { "" } else { "s" },
        if documents == 1 { "" } else { "s" },
    )
}

/// The summary and how the search ended, or a progress bar; returns whether Cancel was clicked.
fn progress_ui(ui: &mut egui::Ui, results: &SearchResults) -> bool {
    let total = results.snapshot.documents.len();
    let summary = summary(results);
    let options = if results.options_label.is_empty() {
        String::new()
    } else {
        format!(" ({})", results.options_label)
    };
    if results.truncated {
        ui.label(format!(
            "{summary}{options} — stopped at {MAX_LISTED_HITS} hits; narrow the search"
        ));
    } else if results.finished {
        ui.label(format!("{summary}{options}"));
    } else if results.cancelled {
        ui.label(format!(
            "{summary}{options} — stopped after {} of {total} documents",
            results.searched_documents
        ));
    } else {
        let fraction = if total == 0 {
            1.0
        } else {
            results.searched_documents as f32 / total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(120.0)
                .text(format!("{}/{total}", results.searched_documents)),
        );
        ui.label(summary);
        return ui
            .button("Cancel")
            .on_hover_text("Stop searching (Esc)")
            .clicked();
    }
    false
}
