//! A PDF in the window: opening a folder that holds one shows its text with a
//! page marker (`p. 1`) where each page starts.

use super::fixture::{current_text, open_app};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;

#[test]
fn a_folder_with_a_pdf_opens_it_with_page_markers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents/simple.pdf");
    std::fs::copy(fixture, dir.path().join("simple.pdf")).expect("copy");
    let harness = open_app(dir.path());
    let text = current_text(&harness);
    assert!(text.starts_with("Preface\n\nThis preface"), "{text}");
    // One marker per page, labelled as the PDF prints its pages.
    for label in ["page i: p. i", "page 1: p. 1", "page 2: p. 2"] {
        harness.get_by_role_and_label(Role::Note, label);
    }
    // No other notes: one marker per page start, none for the footnote.
    assert_eq!(harness.query_all_by_role(Role::Note).count(), 3);
}
