//! The agreement figures as tables: character level (per topic and over all
//! topics: units, per pair percent and kappa, alpha), segment level and stance.
//! Each character-level row's accessible name says it all in words
//! ([`topic_row_name`]), so that a screen reader (and the tests) read a row at once.

use crate::model::agreement::AgreementReport;
use crate::model::agreement::character::CharacterAgreement;
use crate::model::agreement::stance::FieldAgreement;
use crate::model::ids::TopicId;
use crate::model::workspace::Workspace;
use egui::RichText;

/// A percentage as the view shows it ("89.51 %"), `–` when undefined.
pub fn percent_text(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2} %"))
}

/// Kappa or alpha as the view shows it ("0.723"), `–` when undefined.
pub fn figure_text(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.3}"))
}

/// The accessible name of one character-level row:
/// "Economy, ana / ben: 89.51 % agreement, kappa 0.723, alpha 0.722".
pub fn topic_row_name(
    topic: &str,
    (first, second): (&str, &str),
    (percent, kappa, alpha): (Option<f64>, Option<f64>, Option<f64>),
) -> String {
    format!(
        "{topic}, {first} / {second}: {} agreement, kappa {}, alpha {}",
        percent_text(percent),
        figure_text(kappa),
        figure_text(alpha)
    )
}

/// Every table of `report`.
pub(super) fn figures_ui(ui: &mut egui::Ui, report: &AgreementReport, workspace: &Workspace) {
    let codebook = &workspace.project.codebook;
    let topic_name = |topic: Option<&TopicId>| {
        topic.map_or_else(
            || "(all topics)".to_owned(),
            |t| codebook.topic_name(t).to_owned(),
        )
    };
    ui.label(
        RichText::new(format!(
            "{} over {} document(s), character level",
            report.coders.join(", "),
            report.documents.len()
        ))
        .strong(),
    );
    if report.annotations_without_text > 0 {
        ui.label(
            RichText::new(format!(
                "{} annotation(s) left out: their document is not loaded or they lie outside it",
                report.annotations_without_text
            ))
            .weak(),
        );
    }
    let rows = report
        .topics
        .iter()
        .map(|t| (topic_name(Some(&t.topic)), &t.agreement))
        .chain([(topic_name(None), &report.overall)]);
    egui::Grid::new("agreement-character")
        .striped(true)
        .show(ui, |ui| {
            for header in ["Topic", "Units", "Pair", "Agreement", "Kappa", "Alpha"] {
                ui.label(RichText::new(header).strong());
            }
            ui.end_row();
            for (topic, figures) in rows {
                character_rows_ui(ui, &topic, figures);
            }
        });
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!(
            "Segment level (a passage agrees when overlapped by ≥ {} %)",
            report.segment_overlap_percent
        ))
        .strong(),
    );
    egui::Grid::new("agreement-segments")
        .striped(true)
        .show(ui, |ui| {
            for header in ["Topic", "Pair", "Passages", "Agreed", "Agreement"] {
                ui.label(RichText::new(header).strong());
            }
            ui.end_row();
            for segment in report.segments.iter().chain([&report.segments_overall]) {
                for pair in &segment.pairs {
                    ui.label(topic_name(segment.topic.as_ref()));
                    ui.label(format!("{} / {}", pair.first, pair.second));
                    ui.label((pair.first_segments + pair.second_segments).to_string());
                    ui.label((pair.first_agreed + pair.second_agreed).to_string());
                    ui.label(percent_text(pair.percent));
                    ui.end_row();
                }
            }
        });
    ui.add_space(8.0);
    ui.label(RichText::new("Stance, holder and target (passages both coded)").strong());
    egui::Grid::new("agreement-stance")
        .striped(true)
        .show(ui, |ui| {
            for header in ["Pair", "Passages", "Stance", "Holder", "Target"] {
                ui.label(RichText::new(header).strong());
            }
            ui.end_row();
            let field = |f: &FieldAgreement| {
                format!("{}, κ {}", percent_text(f.percent), figure_text(f.kappa))
            };
            for pair in &report.stance {
                ui.label(format!("{} / {}", pair.first, pair.second));
                ui.label(pair.passages.to_string());
                ui.label(field(&pair.stance));
                ui.label(field(&pair.holder));
                ui.label(field(&pair.target));
                ui.end_row();
            }
        });
}

/// One row per pair of one topic's (or the overall) character-level figures.
fn character_rows_ui(ui: &mut egui::Ui, topic: &str, figures: &CharacterAgreement) {
    for pair in &figures.pairs {
        let name = topic_row_name(
            topic,
            (&pair.first, &pair.second),
            (pair.percent, pair.kappa, figures.alpha),
        );
        let response = ui.label(topic).on_hover_text(&name);
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_label(name));
        ui.label(figures.units.to_string());
        ui.label(format!("{} / {}", pair.first, pair.second));
        ui.label(percent_text(pair.percent));
        ui.label(figure_text(pair.kappa));
        ui.label(figure_text(figures.alpha));
        ui.end_row();
    }
}
