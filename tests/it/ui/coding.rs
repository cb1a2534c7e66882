//! Coding in the window: a passage coded with the tag popup, undo/redo, save
//! and reopen; the codebook (rename, add, delete with a choice); the inspector
//! (delete, memo as one undo step).

use super::fixture::{
    annotation_count, caret_point, drag, find_chars, first_annotation_here, key_for_letter,
    open_app, press, sample_copy, type_memo, ui_shows,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::codebook_panel::{NAME_FIELD_LABEL, NEW_NAME_FIELD_LABEL};
use gloss::app::inspector::{DELETE_LABEL, MEMO_LABEL};
use gloss::app::reader::tag_popup::{numbered_topics, stance_keys};
use gloss::app::session::SaveState;
use gloss::model::ids::{StanceId, TopicId};
use gloss::model::text::CharRange;

/// The tag popup's first numbered topic, the "critical" stance and its key.
fn first_topic_and_critical_stance(
    harness: &Harness<'static, GlossApp>,
) -> (TopicId, StanceId, char) {
    let codebook = &harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .codebook;
    let first_topic = numbered_topics(codebook)[0].clone();
    let critical = codebook
        .stance_by_name("critical")
        .expect("critical stance")
        .id
        .clone();
    let critical_key = stance_keys(codebook)
        .into_iter()
        .find(|(id, _)| *id == critical)
        .and_then(|(_, key)| key)
        .expect("critical has a key");
    (first_topic, critical, critical_key)
}

#[test]
fn code_a_passage_undo_redo_save_and_reopen() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    let phrase = "a beautiful fairy tale";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (from, to) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, from, to);
    assert_eq!(
        harness.state().reader_state().selection(),
        Some(CharRange::new(start, end))
    );
    assert!(
        harness.state().reader_state().is_tag_popup_open(),
        "the tag popup opens"
    );

    // The first numbered topic, then the "critical" stance by its key, then Enter.
    let (first_topic, critical, critical_key) = first_topic_and_critical_stance(&harness);
    press(&mut harness, Modifiers::NONE, Key::Num1);
    press(&mut harness, Modifiers::NONE, key_for_letter(critical_key));
    press(&mut harness, Modifiers::NONE, Key::Enter);

    assert_eq!(
        annotation_count(&harness),
        before + 1,
        "one annotation was created"
    );
    let created = |harness: &Harness<'static, GlossApp>| {
        harness.state().workspace().and_then(|w| {
            w.project
                .annotations
                .iter()
                .find(|a| a.range() == CharRange::new(start, end))
                .cloned()
        })
    };
    let annotation = created(&harness).expect("the new annotation");
    assert_eq!(annotation.anchor.exact, phrase);
    assert_eq!(annotation.topics, vec![first_topic.clone()]);
    assert_eq!(annotation.stance, Some(critical.clone()));
    assert_eq!(
        harness.state().selected_annotation(),
        Some(&annotation.id),
        "the new annotation is selected"
    );
    assert!(harness.state().session().expect("session").is_dirty());
    assert!(
        harness.state().window_title().starts_with("• gloss.json"),
        "title: {}",
        harness.state().window_title()
    );
    // The Edit menu names the step; choosing it undoes.
    harness.get_by_role_and_label(Role::Button, "Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo add annotation").click();
    harness.run();
    assert_eq!(annotation_count(&harness), before);

    // Redo brings it back, undo removes it (Ctrl+Shift+Z, Ctrl+Z, Ctrl+Y).
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(annotation_count(&harness), before + 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    assert!(created(&harness).is_none());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(annotation_count(&harness), before + 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(annotation_count(&harness), before + 1);

    // Ctrl+S writes the file.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        harness.state().session().expect("session").save_state(),
        SaveState::Saved
    );
    assert!(!harness.state().window_title().starts_with('•'));
    let on_disk = std::fs::read_to_string(folder.path().join("gloss.json")).expect("saved file");
    assert!(
        on_disk.contains(&format!("\"exact\": \"{phrase}\"")),
        "the quote is in the file"
    );
    drop(harness);

    // Reopen: the annotation is there with exactly the selected text, and the list shows it.
    let mut reopened = open_app(folder.path());
    assert_eq!(annotation_count(&reopened), before + 1);
    let found = created(&reopened).expect("annotation after reopening");
    assert_eq!(found.anchor.exact, phrase);
    assert_eq!(found.topics, vec![first_topic]);
    assert_eq!(found.stance, Some(critical));
    reopened.get_by_role_and_label(Role::Button, phrase).click();
    reopened.run();
    assert_eq!(reopened.state().selected_annotation(), Some(&found.id));
}

#[test]
fn renaming_a_topic_in_the_codebook_shows_the_new_name() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    // An annotation of the current document that has a topic: select it so its topics are shown.
    let (annotation, topic) = {
        let app = harness.state();
        let workspace = app.workspace().expect("workspace");
        let document = app.current_document().expect("document");
        let annotation = workspace
            .project
            .annotations_of(document)
            .find(|a| !a.topics.is_empty())
            .expect("a coded annotation")
            .clone();
        let topic = workspace
            .project
            .codebook
            .topic(&annotation.topics[0])
            .expect("topic")
            .clone();
        (annotation, topic)
    };
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(&annotation.id));

    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, &topic.name)
        .click();
    harness.run();
    let new_name = "Pandemic diplomacy (renamed)";
    let field = harness.get_by_label(NAME_FIELD_LABEL);
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(NAME_FIELD_LABEL).type_text(new_name);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Rename")
        .click();
    harness.run();

    let renamed = harness
        .state()
        .workspace()
        .and_then(|w| w.project.codebook.topic(&topic.id))
        .expect("topic")
        .name
        .clone();
    assert_eq!(renamed, new_name);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, &topic.name)
            .is_none(),
        "old name gone from the tree"
    );
    harness.get_by_role_and_label(Role::Button, new_name);
    // The inspector and the annotation list show the new name too.
    assert!(ui_shows(&harness, new_name));
    // One undo step brings the old name back.
    harness
        .get_by_role_and_label(Role::Button, "Documents")
        .click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(ui_shows(&harness, &topic.name));
    assert!(!ui_shows(&harness, new_name));
}

#[test]
fn codebook_topics_are_added_and_deleted_with_a_choice_for_their_annotations() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();

    // Add a topic.
    harness.get_by_label(NEW_NAME_FIELD_LABEL).focus();
    harness.run();
    harness
        .get_by_label(NEW_NAME_FIELD_LABEL)
        .type_text("Energy");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add").click();
    harness.run();
    let codebook = |harness: &Harness<'static, GlossApp>| {
        harness
            .state()
            .workspace()
            .expect("workspace")
            .project
            .codebook
            .clone()
    };
    assert!(codebook(&harness).topic_by_name("Energy").is_some());
    harness.get_by_role_and_label(Role::Button, "Energy");

    // Delete a used topic, keeping its annotations (the default choice).
    let topic = codebook(&harness)
        .topic_by_name("Vaccine diplomacy")
        .expect("topic")
        .clone();
    let users: Vec<_> = harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .annotations
        .iter()
        .filter(|a| a.topics.contains(&topic.id))
        .map(|a| a.id.clone())
        .collect();
    assert!(!users.is_empty());
    let before = annotation_count(&harness);
    // The new topic was scrolled into view; scroll back up to this one.
    harness
        .get_by_role_and_label(Role::Button, &topic.name)
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, &topic.name)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Delete topic…")
        .click();
    harness.run();
    assert!(ui_shows(&harness, "What should happen to them?"));
    harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    harness.run();
    assert!(
        codebook(&harness).topic(&topic.id).is_none(),
        "topic deleted"
    );
    assert_eq!(annotation_count(&harness), before, "annotations kept");
    for id in &users {
        let annotation = harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(id))
            .expect("kept");
        assert!(!annotation.topics.contains(&topic.id));
    }

    // One undo brings back the topic and its uses.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(codebook(&harness).topic(&topic.id).is_some());
    for id in &users {
        let annotation = harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(id))
            .expect("kept");
        assert!(annotation.topics.contains(&topic.id));
    }
}

#[test]
fn delete_an_annotation_and_undo_it() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    let annotation = first_annotation_here(&harness);
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, DELETE_LABEL)
        .click();
    harness.run();
    assert_eq!(annotation_count(&harness), before - 1);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, &annotation.anchor.exact)
            .is_none()
    );
    assert!(harness.state().selected_annotation().is_none());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    harness.get_by_role_and_label(Role::Button, &annotation.anchor.exact);
    let restored = harness
        .state()
        .workspace()
        .and_then(|w| w.annotation(&annotation.id).cloned())
        .expect("restored");
    assert_eq!(restored, annotation, "undo restores the annotation exactly");
}

#[test]
fn the_memo_is_edited_in_the_inspector_as_one_undo_step() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = first_annotation_here(&harness);
    type_memo(&mut harness, &annotation, "Framing of EU aid as absent.");
    // Typing alone changes nothing; leaving the field commits the memo.
    let memo_now = |harness: &Harness<'static, GlossApp>| {
        harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(&annotation.id))
            .expect("annotation")
            .memo
            .clone()
    };
    assert_eq!(memo_now(&harness), annotation.memo);
    harness
        .get_by_role_and_label(Role::Button, "Documents")
        .click();
    harness.run();
    assert_eq!(memo_now(&harness), "Framing of EU aid as absent.");

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(memo_now(&harness), annotation.memo);
    assert_eq!(
        harness.get_by_label(MEMO_LABEL).value().as_deref(),
        Some(annotation.memo.as_str()),
        "the field shows the restored memo"
    );
}
