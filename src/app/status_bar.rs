//! The status bar: current document, its size and annotation count, the save
//! state, and the latest message or error (errors stay until dismissed).

use crate::app::session::SaveState;
use crate::app::theme;
use egui::{Align, Layout, RichText};
use std::time::{Duration, Instant};

/// Informational messages disappear after this long; errors stay.
const INFO_VISIBLE: Duration = Duration::from_secs(6);

/// A message for the user in the status bar.
#[derive(Clone, Debug)]
pub struct Notice {
    /// The message.
    pub text: String,
    /// Errors stay (red) until dismissed; other messages fade after a few seconds.
    pub is_error: bool,
    /// When it was reported, on the app's clock.
    pub at: Instant,
}

/// What the status bar shows.
pub struct StatusLine<'a> {
    /// Title of the document in the reader.
    pub document_title: Option<&'a str>,
    /// Its length in chars.
    pub document_chars: Option<usize>,
    /// How many annotations it has.
    pub document_annotations: Option<usize>,
    /// Saved, unsaved, failed or read-only.
    pub save_state: Option<SaveState>,
    /// Passages re-anchoring could not place exactly (shown as a button to the queue).
    pub to_review: usize,
    /// Merge conflicts the project records (shown as a button to their list).
    pub conflicts: usize,
    /// The latest message.
    pub notice: Option<&'a Notice>,
    /// The app's current time (informational messages fade on it).
    pub now: Instant,
}

/// What the user did in the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusBarAction {
    /// Dismissed the error message.
    DismissNotice,
    /// Asked for the review queue of re-anchored passages.
    OpenReview,
    /// Asked for the list of merge conflicts.
    OpenConflicts,
}

/// The button that opens the review queue: "3 to review".
pub fn review_button_text(count: usize) -> String {
    format!("{count} to review")
}

/// The button that opens the merge conflicts: "2 merge conflicts".
pub fn conflicts_button_text(count: usize) -> String {
    match count {
        1 => "1 merge conflict".to_owned(),
        n => format!("{n} merge conflicts"),
    }
}

/// Draws the bar; returns what the user did, if anything.
pub fn status_bar_ui(ui: &mut egui::Ui, line: &StatusLine<'_>) -> Option<StatusBarAction> {
    let mut action = None;
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        // First, so that a long document title never pushes it out of sight.
        if line.conflicts > 0 {
            let button = egui::Button::new(
                RichText::new(conflicts_button_text(line.conflicts))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
            if ui
                .add(button)
                .on_hover_text("Fields both sides of a merge changed: keep ours or take theirs")
                .clicked()
            {
                action = Some(StatusBarAction::OpenConflicts);
            }
            ui.separator();
        }
        if let Some(title) = line.document_title {
            ui.add(egui::Label::new(RichText::new(title).small()).truncate())
                .on_hover_text(title);
        }
        if let Some(chars) = line.document_chars {
            ui.separator();
            ui.label(
                RichText::new(format!("{} chars", group_thousands(chars)))
                    .small()
                    .weak(),
            );
        }
        if let Some(count) = line.document_annotations {
            ui.separator();
            let noun = if count == 1 {
                "annotation"
            } else {
                "annotations"
            };
            ui.label(RichText::new(format!("{count} {noun}")).small().weak());
        }
        if line.to_review > 0 {
            ui.separator();
            let button = egui::Button::new(
                RichText::new(review_button_text(line.to_review))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
            if ui
                .add(button)
                .on_hover_text("Passages whose documents changed: check where they are now")
                .clicked()
            {
                action = Some(StatusBarAction::OpenReview);
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            match &line.save_state {
                Some(SaveState::Saved) => {
                    ui.label(RichText::new("Saved").small().weak());
                }
                Some(SaveState::Unsaved) => {
                    ui.label(RichText::new("Unsaved changes").small());
                }
                Some(SaveState::Failed(error)) => {
                    ui.label(
                        RichText::new("Not saved — edits kept in memory")
                            .small()
                            .color(theme::error_color(dark)),
                    )
                    .on_hover_text(error);
                }
                Some(SaveState::ReadOnly) => {
                    ui.label(
                        RichText::new("Read-only")
                            .small()
                            .color(theme::error_color(dark)),
                    );
                }
                None => {}
            }
            if let Some(notice) = line.notice {
                let visible =
                    notice.is_error || line.now.saturating_duration_since(notice.at) < INFO_VISIBLE;
                if visible {
                    ui.separator();
                    if notice.is_error && ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        action = Some(StatusBarAction::DismissNotice);
                    }
                    let text = RichText::new(&notice.text).small();
                    let text = if notice.is_error {
                        text.color(theme::error_color(dark))
                    } else {
                        text
                    };
                    ui.add(egui::Label::new(text).truncate())
                        .on_hover_text(&notice.text);
                }
            }
        });
    });
    action
}

/// 12345 → "12,345".
pub fn group_thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }
}
