//! Two coders side by side on one document, docked beside the reader: the
//! document's text twice, coder A's passages on the left and B's on the right,
//! the differences marked (a red underline) and listed (only A, only B,
//! different codes, different boundaries). Clicking a difference scrolls both
//! texts to it and marks it; "Show in reader" opens it in the reader. A narrow
//! pane shows the list or the texts, switched by two tabs.
//!
//! The comparison itself is `model::agreement::compare` (pure); it is computed
//! again only when the document, the coders or the project revision change.
//! `panes.rs` lays out and draws the two texts.

mod panes;

use crate::app::coder_filter::coder_display_name;
use crate::app::intent::Intent;
use crate::app::widgets::flatten_whitespace;
use crate::app::widgets::labelled_combo_ui;
use crate::model::agreement::compare::{
    CoderComparison, ComparedPassage, ComparisonKind, compare_coders,
};
use crate::model::ids::DocumentId;
use crate::model::workspace::Workspace;
use egui::RichText;
use panes::Panes;

/// Accessible name of the document picker.
pub const COMPARE_DOCUMENT_LABEL: &str = "Document compared";
/// Accessible name of coder A's picker.
pub const CODER_A_LABEL: &str = "Coder A";
/// Accessible name of coder B's picker.
pub const CODER_B_LABEL: &str = "Coder B";
/// Accessible name of the button that opens the chosen difference in the reader.
pub const SHOW_IN_READER_LABEL: &str = "Show the difference in the reader";
/// Below this width the list of differences goes above the texts.
const LIST_BESIDE_MIN_POINTS: f32 = 720.0;
/// Chars of a document title the picker shows.
const TITLE_CHARS: usize = 18;
/// Chars of a difference's text its row shows.
const EXCERPT_CHARS: usize = 60;
/// Width of the list of differences beside the texts.
const LIST_WIDTH_POINTS: f32 = 230.0;

/// What the comparison view keeps between frames.
#[derive(Default)]
pub struct CoderCompareState {
    /// The document compared.
    pub document: Option<DocumentId>,
    /// Coder A, as written on the annotations ("" until chosen).
    pub first: String,
    /// Coder B.
    pub second: String,
    /// The last comparison with the project revision it was made on.
    comparison: Option<(u64, CoderComparison)>,
    /// In a narrow pane: are the texts shown (else the list of differences)?
    narrow_shows_texts: bool,
    /// The chosen difference, a pending scroll, the laid-out texts.
    panes: Panes,
}

impl CoderCompareState {
    /// The comparison shown (after the last frame), if two coders are chosen.
    pub fn comparison(&self) -> Option<&CoderComparison> {
        self.comparison.as_ref().map(|(_, c)| c)
    }

    /// The place whose difference was clicked last.
    pub fn selected_place(&self) -> Option<&ComparedPassage> {
        let (_, comparison) = self.comparison.as_ref()?;
        comparison.passages.get(self.panes.selected?)
    }

    /// How far each text (A, B) was scrolled down in the last frame, in points.
    pub fn scroll_offsets_points(&self) -> [f32; 2] {
        let [a, b] = &self.panes.caches;
        [a.offset_points, b.offset_points]
    }

    /// Compares `document` unless a document is being compared already.
    pub fn open_on(&mut self, document: Option<&DocumentId>) {
        if self.document.is_none() {
            self.document = document.cloned();
        }
    }

    /// Takes a coder not chosen yet for each empty side, and drops a stale comparison.
    fn refresh(&mut self, workspace: &Workspace, coders: &[(String, usize)]) {
        let known = |name: &str| coders.iter().any(|(c, _)| c == name);
        if !known(&self.first) {
            self.first = coders.first().map(|(c, _)| c.clone()).unwrap_or_default();
        }
        if !known(&self.second) || self.second == self.first {
            self.second = coders
                .iter()
                .map(|(c, _)| c)
                .find(|c| **c != self.first)
                .cloned()
                .unwrap_or_default();
        }
        if self
            .document
            .as_ref()
            .is_none_or(|d| workspace.project.document(d).is_none())
        {
            self.document = workspace.project.documents.first().map(|d| d.id.clone());
        }
        let Some(document) = self.document.clone() else {
            self.comparison = None;
            return;
        };
        let revision = workspace.project.revision;
        let fresh = self.comparison.as_ref().is_some_and(|(r, c)| {
            *r == revision
                && c.document == document
                && c.first == self.first
                && c.second == self.second
        });
        if !fresh {
            let comparison =
                compare_coders(&workspace.project, &document, &self.first, &self.second);
            self.comparison = Some((revision, comparison));
            self.panes.selected = None;
        }
    }
}

/// What a compared place is called in the list: "Only Ana", "Different codes (stance)".
pub fn place_label(place: &ComparedPassage, first: &str, second: &str) -> String {
    match place.kind {
        ComparisonKind::OnlyFirst => format!("Only {first}"),
        ComparisonKind::OnlySecond => format!("Only {second}"),
        ComparisonKind::DifferentCodes | ComparisonKind::DifferentBoundaries => {
            let what = if place.kind == ComparisonKind::DifferentCodes {
                "Different codes"
            } else {
                "Different boundaries"
            };
            if place.fields.is_empty() {
                what.to_owned()
            } else {
                let fields: Vec<&str> = place.fields.iter().map(|f| f.label()).collect();
                format!("{what} ({})", fields.join(", "))
            }
        }
        ComparisonKind::Same => "Same".to_owned(),
    }
}

/// The count line's name of a kind ("only Ana", "different codes"...).
fn kind_count_label(kind: ComparisonKind, first: &str, second: &str) -> String {
    match kind {
        ComparisonKind::OnlyFirst => format!("only {first}"),
        ComparisonKind::OnlySecond => format!("only {second}"),
        ComparisonKind::DifferentCodes => "different codes".to_owned(),
        ComparisonKind::DifferentBoundaries => "different boundaries".to_owned(),
        ComparisonKind::Same => "same".to_owned(),
    }
}

/// The comparison view. `coders` are the project's coder names with their
/// counts; `current` is who codes in this window. Returns what the user asked for.
pub fn coder_compare_ui(
    ui: &mut egui::Ui,
    state: &mut CoderCompareState,
    workspace: &Workspace,
    coders: &[(String, usize)],
    current: &str,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    pickers_ui(ui, state, workspace, coders, current);
    if coders.len() < 2 {
        ui.label(
            RichText::new("Only one coder has coded in this project: nothing to compare.").weak(),
        );
        return intents;
    }
    state.refresh(workspace, coders);
    let Some((_, comparison)) = state.comparison.take() else {
        return intents;
    };
    let first = coder_display_name(&comparison.first, current);
    let second = coder_display_name(&comparison.second, current);
    ui.separator();
    let beside = ui.available_width() >= LIST_BESIDE_MIN_POINTS;
    if beside {
        egui::Panel::left("coder-compare-list")
            .resizable(true)
            .default_size(LIST_WIDTH_POINTS)
            .size_range(160.0..=360.0)
            .show(ui, |ui| {
                let names = [first.as_str(), second.as_str()];
                differences_ui(ui, state, &comparison, workspace, names, &mut intents);
            });
        panes::panes_ui(
            ui,
            &mut state.panes,
            workspace,
            &comparison,
            [&first, &second],
        );
    } else {
        // Too narrow for both: the list or the texts, a click on a difference shows the texts.
        ui.horizontal_wrapped(|ui| {
            let count = comparison.differences().count();
            let list = format!("Differences ({count})");
            if ui
                .selectable_label(!state.narrow_shows_texts, list)
                .clicked()
            {
                state.narrow_shows_texts = false;
            }
            if ui
                .selectable_label(state.narrow_shows_texts, "Texts side by side")
                .clicked()
            {
                state.narrow_shows_texts = true;
            }
            if state.narrow_shows_texts {
                show_in_reader_ui(ui, state, &comparison, &mut intents);
            }
        });
        if state.narrow_shows_texts {
            panes::panes_ui(
                ui,
                &mut state.panes,
                workspace,
                &comparison,
                [&first, &second],
            );
        } else {
            let names = [first.as_str(), second.as_str()];
            differences_ui(ui, state, &comparison, workspace, names, &mut intents);
            if state.panes.scroll_to.iter().any(Option::is_some) {
                state.narrow_shows_texts = true;
                ui.ctx().request_repaint();
            }
        }
    }
    state.comparison = Some((workspace.project.revision, comparison));
    intents
}

/// Document, coder A and coder B.
fn pickers_ui(
    ui: &mut egui::Ui,
    state: &mut CoderCompareState,
    workspace: &Workspace,
    coders: &[(String, usize)],
    current: &str,
) {
    ui.horizontal_wrapped(|ui| {
        let title = state
            .document
            .as_ref()
            .and_then(|d| workspace.project.document(d))
            .map_or("(none)", |d| d.title());
        let title = shortened(title, TITLE_CHARS);
        labelled_combo_ui(
            ui,
            "Document",
            COMPARE_DOCUMENT_LABEL,
            "compare-document",
            &title,
            |ui| {
                for document in &workspace.project.documents {
                    ui.selectable_value(
                        &mut state.document,
                        Some(document.id.clone()),
                        document.title(),
                    );
                }
            },
        );
        for (label, accessible, id, is_first) in [
            ("A", CODER_A_LABEL, "compare-coder-a", true),
            ("B", CODER_B_LABEL, "compare-coder-b", false),
        ] {
            let chosen = if is_first {
                &mut state.first
            } else {
                &mut state.second
            };
            let shown = coder_display_name(chosen, current);
            labelled_combo_ui(ui, label, accessible, id, &shown, |ui| {
                for (name, count) in coders {
                    let text = format!("{}  ({count})", coder_display_name(name, current));
                    ui.selectable_value(chosen, name.clone(), text);
                }
            });
        }
    });
}

/// The list of differences; a click marks one and scrolls both texts to it.
fn differences_ui(
    ui: &mut egui::Ui,
    state: &mut CoderCompareState,
    comparison: &CoderComparison,
    workspace: &Workspace,
    [first, second]: [&str; 2],
    intents: &mut Vec<Intent>,
) {
    let text = workspace.text(&comparison.document).map(|t| &t.text);
    counts_ui(ui, comparison, first, second);
    if comparison.differences().next().is_none() {
        ui.label(
            RichText::new("No differences: both coded the same passages the same way.").weak(),
        );
        return;
    }
    show_in_reader_ui(ui, state, comparison, intents);
    egui::ScrollArea::vertical()
        .id_salt("coder-compare-differences")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, place) in comparison.passages.iter().enumerate() {
                if !place.kind.is_difference() {
                    continue;
                }
                let excerpt = text
                    .map(|t| flatten_whitespace(t.slice_clamped(place.span())))
                    .unwrap_or_default();
                let label = format!(
                    "{}: “{}”",
                    place_label(place, first, second),
                    shortened(&excerpt, EXCERPT_CHARS)
                );
                let row = ui.selectable_label(state.panes.selected == Some(index), label);
                if row.clicked() {
                    state.panes.selected = Some(index);
                    state.panes.scroll_to = [Some(index), Some(index)];
                }
            }
        });
}

/// How many places of each kind, and the passages left out.
fn counts_ui(ui: &mut egui::Ui, comparison: &CoderComparison, first: &str, second: &str) {
    let counts: Vec<String> = ComparisonKind::ALL
        .into_iter()
        .map(|kind| {
            let label = kind_count_label(kind, first, second);
            format!("{} {label}", comparison.count(kind))
        })
        .collect();
    ui.add(egui::Label::new(RichText::new(counts.join(" · ")).weak()).wrap());
    if comparison.left_out > 0 {
        ui.label(
            RichText::new(format!(
                "{} passage(s) left out: orphaned by a change of the text (see Review)",
                comparison.left_out
            ))
            .weak(),
        );
    }
}

/// "Show in reader" for the chosen difference, if one is chosen.
fn show_in_reader_ui(
    ui: &mut egui::Ui,
    state: &CoderCompareState,
    comparison: &CoderComparison,
    intents: &mut Vec<Intent>,
) {
    let Some(place) = state
        .panes
        .selected
        .and_then(|i| comparison.passages.get(i))
    else {
        return;
    };
    let show = ui.button("Show in reader");
    ui.ctx()
        .accesskit_node_builder(show.id, |node| node.set_label(SHOW_IN_READER_LABEL));
    if show.clicked() {
        intents.push(Intent::OpenDocument {
            document: comparison.document.clone(),
            reveal: Some(place.span()),
        });
    }
}

/// `text` cut to `max_chars` chars, with "…" when cut.
fn shortened(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}
