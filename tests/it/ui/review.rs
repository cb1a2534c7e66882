//! The review queue of re-anchored passages, used as a researcher would: a
//! document changed on disk (one passage's quote edited, another's deleted),
//! the window opens with "2 to review" in the status bar, the fuzzy passage is
//! accepted where it is now, the orphan is moved to text selected in the
//! reader, and undo puts it back in the queue.

use super::fixture::{caret_point, drag, open_app, press, sample_copy, ui_shows};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;
use gloss::app::review_panel::{ACCEPT_LABEL, MOVE_LABEL, REVIEW_TITLE, SHOW_LABEL};
use gloss::app::status_bar::review_button_text;
use gloss::model::anchor::AnchorStatus;
use gloss::model::annotation::Annotation;
use gloss::model::ids::AnnotationId;

/// Two passages of one sample document, far apart, the second with a long quote.
fn two_passages() -> (String, Annotation, Annotation) {
    let sample = gloss::sample::workspace().expect("sample");
    for document in &sample.project.documents {
        let mut passages: Vec<&Annotation> = sample.project.annotations_of(&document.id).collect();
        passages.sort_by_key(|a| a.start);
        let long = passages
            .iter()
            .rev()
            .find(|a| a.anchor.exact.chars().count() > 60)
            .copied();
        let short = passages
            .iter()
            .find(|a| a.anchor.exact.chars().count() > 20)
            .copied();
        if let (Some(edited), Some(deleted)) = (short, long)
            && edited.end < deleted.start
        {
            return (document.path.clone(), edited.clone(), deleted.clone());
        }
    }
    panic!("the sample has a document with two such passages");
}

fn status_of(harness: &Harness<'static, GlossApp>, id: &AnnotationId) -> AnchorStatus {
    harness
        .state()
        .workspace()
        .and_then(|w| w.annotation(id))
        .map(|a| a.status)
        .expect("annotation kept")
}

/// Clicks the first enabled button labelled `label`.
fn click_enabled(harness: &mut Harness<'static, GlossApp>, label: &str) {
    harness
        .query_all_by_label(label)
        .find(|node| !node.accesskit_node().is_disabled())
        .unwrap_or_else(|| panic!("an enabled {label:?} button"))
        .click();
    // Showing a passage scrolls the reader smoothly: let the animation finish.
    harness.run_steps(40);
}

#[test]
fn changed_passages_are_reviewed_accepted_moved_and_undone() {
    let folder = sample_copy();
    let (path, edited, deleted) = two_passages();
    let file = folder.path().join(&path);
    let text = std::fs::read_to_string(&file).expect("document");
    // A typo fixed inside one passage (two letters), the other passage cut out.
    let quote = &edited.anchor.exact;
    let middle = quote
        .char_indices()
        .nth(quote.chars().count() / 2)
        .expect("middle")
        .0;
    let retyped = format!("{}xq{}", &quote[..middle], &quote[middle..]);
    assert!(text.contains(quote.as_str()) && text.contains(deleted.anchor.exact.as_str()));
    let changed =
        text.replacen(quote.as_str(), &retyped, 1)
            .replacen(deleted.anchor.exact.as_str(), "", 1);
    std::fs::write(&file, changed).expect("write the changed document");

    let mut harness = open_app(folder.path());
    assert_eq!(status_of(&harness, &edited.id), AnchorStatus::Fuzzy);
    assert_eq!(status_of(&harness, &deleted.id), AnchorStatus::Orphaned);
    assert!(ui_shows(&harness, &review_button_text(2)));

    // The status bar's button opens the queue.
    harness.get_by_label(&review_button_text(2)).click();
    harness.run();
    assert!(ui_shows(&harness, REVIEW_TITLE));

    // What was coded is shown beside what is there now.
    let fuzzy = harness
        .state()
        .workspace()
        .and_then(|w| w.annotation(&edited.id))
        .cloned()
        .expect("fuzzy passage");
    assert_eq!(fuzzy.coded_quote.as_deref(), Some(quote.as_str()));
    assert_eq!(
        fuzzy.anchor.exact, retyped,
        "it covers the retyped text now"
    );
    assert!(ui_shows(&harness, &format!("Coded: “{quote}”")));
    assert!(ui_shows(&harness, &format!("Now: “{retyped}”")));

    // The fuzzy passage is right where re-anchoring put it.
    click_enabled(&mut harness, ACCEPT_LABEL);
    assert_eq!(status_of(&harness, &edited.id), AnchorStatus::Exact);
    let accepted = harness
        .state()
        .workspace()
        .and_then(|w| w.annotation(&edited.id))
        .cloned()
        .expect("accepted passage");
    assert_eq!(accepted.coded_quote, None);
    assert!(ui_shows(&harness, &review_button_text(1)));

    // The orphan: show it, select the text now at its old place, move it there.
    click_enabled(&mut harness, SHOW_LABEL);
    let start = deleted.start.0;
    let target = gloss::model::text::CharRange::new(start, start + 12);
    let from = caret_point(&harness, target.start.0);
    let to = caret_point(&harness, target.end.0);
    drag(&mut harness, from, to);
    click_enabled(&mut harness, MOVE_LABEL);
    let moved = harness
        .state()
        .workspace()
        .and_then(|w| w.annotation(&deleted.id))
        .cloned()
        .expect("moved");
    assert_eq!((moved.start, moved.end), (target.start, target.end));
    assert_eq!(moved.status, AnchorStatus::Exact);
    assert_eq!(moved.topics, deleted.topics, "the codes stay");
    assert!(!ui_shows(&harness, &review_button_text(1)));
    assert!(ui_shows(&harness, "Nothing to review"));

    // Undo puts the orphan back in the queue, codes and quote intact.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(status_of(&harness, &deleted.id), AnchorStatus::Orphaned);
    assert!(ui_shows(&harness, &review_button_text(1)));
}
