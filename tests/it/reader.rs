//! The reading view driven like a user would: paragraphs found by role, text
//! selected with the mouse and with Shift+arrows, the tag popup operated by
//! keyboard, annotations selected, resized and deleted — and the intents that
//! come out checked. Also: only visible paragraphs are laid out.

use crate::harness::{
    ShowsReader, caret_point, click, drag, find_chars, inside_char, press, text_of,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use gloss::app::intent::Intent;
use gloss::app::reader::tag_popup::{SEARCH_LABEL, numbered_topics};
use gloss::app::reader::{ReaderSettings, ReaderState, reader_ui};
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::format::project_from_json;
use gloss::model::ids::{AnnotationId, DocumentId};
use gloss::model::text::{CanonicalText, CharOffset, CharRange};
use gloss::model::workspace::Workspace;
use std::collections::HashMap;

struct TestReader {
    workspace: Workspace,
    document: DocumentId,
    reader: ReaderState,
    settings: ReaderSettings,
    selected: Option<AnnotationId>,
    intents: Vec<Intent>,
}

impl ShowsReader for TestReader {
    fn reader(&self) -> &ReaderState {
        &self.reader
    }

    fn shown_text(&self) -> &CanonicalText {
        &self.workspace.text(&self.document).expect("text").text
    }
}

/// The first annotation of the shown document.
fn first_annotation(harness: &Harness<'_, TestReader>) -> Annotation {
    let app = harness.state();
    app.workspace
        .project
        .annotations_of(&app.document)
        .next()
        .cloned()
        .expect("annotation")
}

fn sample_workspace() -> Workspace {
    gloss::sample::workspace().expect("sample project")
}

fn harness(workspace: Workspace, document: &str) -> Harness<'static, TestReader> {
    let state = TestReader {
        workspace,
        document: DocumentId::from(document),
        reader: ReaderState::default(),
        settings: ReaderSettings::default(),
        selected: None,
        intents: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(vec2(1100.0, 800.0))
        .with_step_dt(0.05)
        .with_max_steps(60)
        .with_context_setup(gloss::app::theme::install)
        .build_ui_state(
            |ui, app: &mut TestReader| {
                let intents = reader_ui(
                    ui,
                    &mut app.reader,
                    &app.workspace,
                    &app.document,
                    &app.settings,
                    app.selected.as_ref(),
                );
                for intent in intents {
                    match &intent {
                        Intent::SelectAnnotation(id) => app.selected = Some(id.clone()),
                        Intent::ClearSelection => app.selected = None,
                        _ => {}
                    }
                    app.intents.push(intent);
                }
            },
            state,
        );
    harness.run();
    harness
}

#[test]
fn paragraphs_are_accessible_by_role() {
    let harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let paragraphs: Vec<String> = harness
        .get_all_by_role(Role::Paragraph)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(paragraphs.len() >= 3, "paragraphs: {paragraphs:?}");
    let first = gloss::sample::SAMPLE_DOCUMENTS[1]
        .1
        .lines()
        .next()
        .expect("line");
    assert_eq!(paragraphs[0], first);
}

#[test]
fn mouse_drag_selects_exact_passage_and_popup_codes_it_by_keyboard() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let start = find_chars(&harness, "Serbian President");
    let end = start + "Serbian President".len();
    let from = caret_point(&harness, start);
    let to = caret_point(&harness, end);
    drag(&mut harness, from, to);

    let range = CharRange::new(start, end);
    assert_eq!(harness.state().reader.selection(), Some(range));
    assert_eq!(text_of(&harness, range), "Serbian President");
    assert!(harness.state().reader.is_tag_popup_open());
    harness.get_by_label(SEARCH_LABEL);

    // 1 toggles the first topic, S sets "supportive", H then a search picks the holder.
    press(&mut harness, Modifiers::NONE, Key::Num1);
    press(&mut harness, Modifiers::NONE, Key::S);
    press(&mut harness, Modifiers::NONE, Key::H);
    harness.get_by_label(SEARCH_LABEL).type_text("vucic");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Enter);

    let app = harness.state();
    let codebook = &app.workspace.project.codebook;
    let first_topic = numbered_topics(codebook)[0].clone();
    let created = app
        .intents
        .iter()
        .find_map(|intent| match intent {
            Intent::CreateAnnotation {
                document,
                range,
                coding,
                ..
            } => Some((document.clone(), *range, coding.clone())),
            _ => None,
        })
        .expect("a CreateAnnotation intent");
    assert_eq!(created.0, app.document);
    assert_eq!(created.1, range);
    assert_eq!(created.2.topics, vec![first_topic]);
    assert_eq!(
        created.2.stance.as_ref().map(|s| codebook.stance_name(s)),
        Some("supportive")
    );
    assert_eq!(
        created.2.holder.as_ref().map(|a| codebook.actor_name(a)),
        Some("Aleksandar Vučić")
    );
    assert!(!app.reader.is_tag_popup_open());
}

#[test]
fn shift_arrows_extend_a_selection_from_the_caret() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let start = find_chars(&harness, "Serbian President");
    harness
        .get_all_by_role(Role::Paragraph)
        .next()
        .expect("paragraph");
    let pos = caret_point(&harness, start);
    harness.hover_at(pos);
    click(&harness, pos, PointerButton::Primary);
    harness.run();
    assert_eq!(harness.state().reader.caret(), Some(CharOffset(start)));
    assert_eq!(harness.state().reader.selection(), None);

    for _ in 0..7 {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    let range = harness.state().reader.selection().expect("selection");
    assert_eq!(range, CharRange::new(start, start + 6));
    assert_eq!(text_of(&harness, range), "Serbia");

    press(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    let down = harness.state().reader.selection().expect("selection");
    assert_eq!(down.start.0, start);
    assert!(
        down.end.0 > start + 30,
        "Shift+Down reaches the next row: {down:?}"
    );
    press(&mut harness, Modifiers::SHIFT, Key::ArrowUp);
    let up = harness.state().reader.selection().expect("selection");
    assert_eq!(up.start.0, start);
    assert!(
        (start + 4..=start + 8).contains(&up.end.0),
        "Shift+Up comes back to the first row: {up:?}"
    );

    // Enter opens the tag popup for the keyboard selection; Escape cancels it.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.state().reader.is_tag_popup_open());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().reader.is_tag_popup_open());
    assert!(
        !harness
            .state()
            .intents
            .iter()
            .any(|intent| matches!(intent, Intent::CreateAnnotation { .. }))
    );
}

#[test]
fn clicking_a_passage_selects_its_annotation_and_context_menu_deletes_it() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let app = harness.state();
    // The shortest annotation covering its own middle char is the one a click selects.
    let annotations: Vec<Annotation> = app
        .workspace
        .project
        .annotations_of(&app.document)
        .cloned()
        .collect();
    let (target, middle) = annotations
        .iter()
        .find_map(|a| {
            let middle = (a.start.0 + a.end.0) / 2;
            let shortest = annotations
                .iter()
                .filter(|b| b.start.0 <= middle && middle < b.end.0)
                .min_by_key(|b| b.end.0 - b.start.0)?;
            (shortest.id == a.id).then_some((a.clone(), middle))
        })
        .expect("an annotation");
    harness.state_mut().reader.reveal(target.range());
    harness.run();
    let pos = inside_char(&harness, middle);
    harness.hover_at(pos);
    click(&harness, pos, PointerButton::Primary);
    harness.run();
    assert_eq!(harness.state().selected, Some(target.id.clone()));

    // Right-click → Delete annotation.
    click(&harness, pos, PointerButton::Secondary);
    harness.run();
    harness.get_by_label("Delete annotation").click();
    harness.run();
    assert!(
        harness
            .state()
            .intents
            .contains(&Intent::DeleteAnnotation(target.id.clone()))
    );
}

#[test]
fn dragging_the_end_handle_resizes_the_selected_annotation() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let annotation = first_annotation(&harness);
    harness.state_mut().selected = Some(annotation.id.clone());
    harness.state_mut().reader.reveal(annotation.range());
    harness.run();
    let handle = harness
        .state()
        .reader
        .char_screen_rect(annotation.end)
        .expect("end on screen")
        .center_bottom();
    let new_end = annotation.end.0 - 12;
    let to = caret_point(&harness, new_end);
    drag(&mut harness, handle, to);
    assert!(
        harness.state().intents.contains(&Intent::ResizeAnnotation {
            id: annotation.id.clone(),
            range: CharRange::new(annotation.start.0, new_end),
        }),
        "intents: {:?}",
        harness.state().intents
    );
}

#[test]
fn popup_search_toggles_topics_and_escape_backs_out_of_actor_search() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    harness
        .state_mut()
        .reader
        .set_selection(CharRange::new(10, 40));
    assert!(harness.state_mut().reader.open_tag_popup());
    harness.run();
    harness.get_by_label(SEARCH_LABEL).type_text("huawei");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let codebook = harness.state().workspace.project.codebook.clone();
    let coding = harness
        .state()
        .reader
        .tag_popup_coding()
        .cloned()
        .expect("popup");
    let names: Vec<&str> = coding
        .topics
        .iter()
        .map(|t| codebook.topic_name(t))
        .collect();
    assert_eq!(names, vec!["Huawei and 5G"]);

    // The topic's checkbox can be clicked too: unticking removes it again.
    harness.get_by_label("Chinese loans and debt").click();
    harness.run();
    let coding = harness
        .state()
        .reader
        .tag_popup_coding()
        .cloned()
        .expect("popup");
    assert_eq!(coding.topics.len(), 2);

    press(&mut harness, Modifiers::NONE, Key::T);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.state().reader.is_tag_popup_open(),
        "Escape leaves the actor search first"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().reader.is_tag_popup_open());
}

/// A document of many paragraphs (about 400 KB) with annotations throughout.
fn big_workspace() -> (Workspace, DocumentId) {
    let mut project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample");
    project.annotations.clear();
    project.documents.clear();
    let record = DocumentRecord::new("big.txt", "");
    let document = record.id.clone();
    project.documents.push(record);
    let mut text = String::new();
    for round in 0..10 {
        for (_, contents) in gloss::sample::SAMPLE_DOCUMENTS {
            text.push_str(&format!("Part {round}\n\n{contents}\n\n"));
        }
    }
    let loaded = LoadedText::from_string(&text);
    let topic = project.codebook.topics[0].id.clone();
    for start in (0..loaded.text.len_chars() - 200).step_by(997) {
        let mut annotation = Annotation::new(
            document.clone(),
            &loaded.text,
            CharRange::new(start, start + 150),
            "test",
            "2026-11-23T00:00:00Z",
        )
        .expect("annotation");
        annotation.topics.push(topic.clone());
        project.annotations.push(annotation);
    }
    project.sort_canonically();
    let texts = HashMap::from([(document.clone(), loaded)]);
    (Workspace::new(project, texts), document)
}

#[test]
fn reveal_scrolls_far_and_steady_frames_lay_out_nothing() {
    let (workspace, document) = big_workspace();
    let len_chars = workspace.text(&document).expect("text").text.len_chars();
    let paragraph_count = workspace
        .text(&document)
        .expect("text")
        .text
        .as_str()
        .matches('\n')
        .count();
    let mut harness = harness(workspace, document.as_str());
    assert!(
        harness
            .state()
            .reader
            .char_screen_rect(CharOffset(len_chars - 5))
            .is_none(),
        "the end is not laid out on opening"
    );
    let target = CharRange::new(len_chars - 50, len_chars - 5);
    harness.state_mut().reader.reveal(target);
    harness.run();
    let rect = harness
        .state()
        .reader
        .char_screen_rect(target.start)
        .expect("revealed text is laid out");
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 800.0,
        "revealed text is on screen: {rect:?}"
    );

    // Steady frames and hovering reuse the cached galleys.
    harness.step();
    assert_eq!(harness.state().reader.paragraphs_laid_out_last_frame(), 0);
    harness.hover_at(rect.center() + vec2(0.0, -60.0));
    harness.step();
    assert_eq!(harness.state().reader.paragraphs_laid_out_last_frame(), 0);
    assert!(
        paragraph_count > 1000,
        "the test document is big: {paragraph_count}"
    );
}

#[test]
fn double_click_selects_a_word() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let start = find_chars(&harness, "Serbian President");
    let pos = inside_char(&harness, start + 3);
    harness.hover_at(pos);
    click(&harness, pos, PointerButton::Primary);
    click(&harness, pos, PointerButton::Primary);
    harness.run();
    let range = harness.state().reader.selection().expect("word selected");
    assert_eq!(text_of(&harness, range), "Serbian");
    assert!(harness.state().reader.is_tag_popup_open());
}

#[test]
fn hovering_a_passage_shows_its_codes_in_a_tooltip() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let app = harness.state();
    let codebook = app.workspace.project.codebook.clone();
    let annotation = app
        .workspace
        .project
        .annotations_of(&app.document)
        .find(|a| !a.memo.is_empty() && a.holder.is_some())
        .cloned()
        .expect("an annotation with memo and holder");
    harness.state_mut().reader.reveal(annotation.range());
    harness.run();
    let memo_before = harness.query_by_label_contains(&annotation.memo).is_some();
    assert!(!memo_before, "no tooltip before hovering");
    let pos = inside_char(&harness, annotation.start.0 + 1);
    harness.hover_at(pos);
    harness.run_steps(30);
    let holder = codebook.actor_name(annotation.holder.as_ref().expect("holder"));
    assert!(
        harness.query_by_label_contains(&annotation.memo).is_some()
            || harness.query_by_value(&annotation.memo).is_some(),
        "the tooltip shows the memo"
    );
    assert!(
        harness
            .query_all_by(|node| {
                node.value().is_some_and(|v| v.contains(holder))
                    || node.label().is_some_and(|l| l.contains(holder))
            })
            .next()
            .is_some(),
        "the tooltip shows the holder"
    );
}

/// A document with "Vučić" in its first paragraph and "Вучић" far below.
fn find_workspace() -> (Workspace, DocumentId, CharRange) {
    let mut project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample");
    project.annotations.clear();
    project.documents.clear();
    let record = DocumentRecord::new("find.txt", "");
    let document = record.id.clone();
    project.documents.push(record);
    let mut text = String::from("Predsednik Vučić je govorio o lukama.\n\n");
    for number in 0..400 {
        text.push_str(&format!(
            "Filler paragraph {number} about ports, railways and loans in the region.\n\n"
        ));
    }
    let second_start = text.chars().count() + "Председник ".chars().count();
    text.push_str("Председник Вучић је говорио.\n");
    let texts = HashMap::from([(document.clone(), LoadedText::from_string(&text))]);
    (
        Workspace::new(project, texts),
        document,
        CharRange::new(second_start, second_start + 5),
    )
}

#[test]
fn find_bar_matches_across_scripts_counts_and_reveals_the_next_hit() {
    let (workspace, document, second_hit) = find_workspace();
    let mut harness = harness(workspace, document.as_str());
    assert!(
        harness
            .state()
            .reader
            .char_screen_rect(second_hit.start)
            .is_none(),
        "the second hit is far below the first screen"
    );
    harness.state_mut().reader.open_find();
    harness.run();
    assert!(harness.state().reader.is_find_open());
    harness
        .get_by_label(gloss::app::reader::FIND_LABEL)
        .type_text("vucic");
    harness.run();
    assert_eq!(harness.state().reader.find_hits().len(), 2);
    harness.get_by_label("1 of 2");

    // Enter in the box goes to the next hit and scrolls it into view.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("2 of 2");
    assert_eq!(harness.state().reader.find_current(), Some((1, second_hit)));
    let rect = harness
        .state()
        .reader
        .char_screen_rect(second_hit.start)
        .expect("the next hit is laid out");
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 800.0,
        "the next hit is on screen: {rect:?}"
    );

    // Shift+Enter wraps back to the first; Escape closes and clears the marks.
    press(&mut harness, Modifiers::SHIFT, Key::Enter);
    harness.get_by_label("1 of 2");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().reader.is_find_open());
    assert!(harness.state().reader.find_hits().is_empty());
}

/// The text the last frame put on the clipboard, if any.
fn copied_text(harness: &Harness<'_, TestReader>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn the_readers_commands_copy_and_clear_through_the_command_table() {
    let mut harness = harness(sample_workspace(), "doc-globaltimes-telecom");
    let start = find_chars(&harness, "Serbian President");
    let range = CharRange::new(start, start + "Serbian".len());
    harness.state_mut().reader.set_selection(range);
    harness.run();

    // Ctrl+C reaches egui as a copy event: the reader copies the selected text.
    harness.event(egui::Event::Copy);
    harness.step();
    assert_eq!(copied_text(&harness).as_deref(), Some("Serbian"));

    // Escape (Command::ClearSelection) first drops the text selection, keeping the caret…
    let annotation = first_annotation(&harness);
    harness.state_mut().selected = Some(annotation.id);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().reader.selection(), None);
    assert_eq!(harness.state().reader.caret(), Some(range.end));
    assert!(harness.state().selected.is_some());
    // …then the selected annotation.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().selected, None);
    assert!(harness.state().intents.contains(&Intent::ClearSelection));

    // Shift+Enter codes a selection made with Shift still held, like Enter.
    harness.state_mut().reader.set_selection(range);
    harness.run();
    press(&mut harness, Modifiers::SHIFT, Key::Enter);
    assert!(harness.state().reader.is_tag_popup_open());
}

#[test]
fn a_footnote_block_is_set_apart_below_the_paragraph_it_interrupts() {
    let mut harness = harness(sample_workspace(), "doc-paper-serbia-china");
    let start = find_chars(&harness, "In a representative opinion poll");
    let friend_end =
        find_chars(&harness, "“biggest friend”,") + "“biggest friend”,".chars().count();
    let note = find_chars(&harness, "24  Politika online");
    let resumes = find_chars(&harness, " followed by the “new brother”") + 1;
    let last_note = find_chars(&harness, "28  Politika online");
    let paragraph_end = find_chars(&harness, "with Russia and China.29") + 22;
    harness
        .state_mut()
        .reader
        .reveal(CharRange::new(start, paragraph_end));
    harness.run();
    // One paragraph from the poll to its end, read without the notes…
    let paragraphs: Vec<String> = harness
        .get_all_by_role(Role::Paragraph)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("In a representative")
                && p.contains("“biggest friend”, followed by the “new brother”")
                && !p.contains("Politika")),
        "the interrupted paragraph is one: {paragraphs:?}"
    );
    // …and each note is a footnote of its own.
    let footnotes: Vec<String> = harness
        .get_all_by_role(Role::DocFootnote)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(
        footnotes.len() >= 5 && footnotes[0].starts_with("24  Politika online"),
        "{footnotes:?}"
    );
    let rect = |offset: usize| {
        harness
            .state()
            .reader()
            .char_screen_rect(CharOffset(offset))
            .expect("on screen")
    };
    let (first, friend, note, resumes_rect, last_note, end) = (
        rect(start),
        rect(friend_end),
        rect(note),
        rect(resumes),
        rect(last_note),
        rect(paragraph_end),
    );
    // The text after the notes goes on on the row where the text before them ends.
    assert!(
        (resumes_rect.center().y - friend.center().y).abs() < 0.5,
        "{resumes_rect:?} {friend:?}"
    );
    assert!(
        resumes_rect.left() > friend.left(),
        "{resumes_rect:?} {friend:?}"
    );
    // The notes: below the whole paragraph, indented, smaller.
    assert!(note.top() > end.bottom(), "{note:?} {end:?}");
    assert!(last_note.top() > note.bottom(), "{last_note:?} {note:?}");
    assert!(note.left() > first.left() + 5.0, "{note:?} {first:?}");
    assert!(note.height() < friend.height() - 2.0, "{note:?} {friend:?}");
    // Hit-testing lands on the exact chars in the note and after it.
    for word in ["Softverska", "followed", "Čavlek"] {
        let pos = inside_char(&harness, find_chars(&harness, word) + 2);
        harness.hover_at(pos);
        click(&harness, pos, PointerButton::Primary);
        click(&harness, pos, PointerButton::Primary);
        harness.run();
        let range = harness.state().reader.selection().expect("word selected");
        assert_eq!(text_of(&harness, range), word);
        harness.key_press(Key::Escape);
        harness.run();
    }
}

#[test]
fn keys_move_through_a_note_in_text_order_and_down_into_it() {
    let mut harness = harness(sample_workspace(), "doc-paper-serbia-china");
    let comma = find_chars(&harness, "“biggest friend”,") + "“biggest friend”".chars().count();
    let followed = find_chars(&harness, " followed by the “new brother”") + 1;
    let note = find_chars(&harness, "24  Politika online");
    let end = find_chars(&harness, "with Russia and China.29") + 22;
    harness
        .state_mut()
        .reader
        .reveal(CharRange::new(comma, end));
    harness.run();
    // Shift+Right from before the comma: the comma, the space, then into the note.
    harness
        .state_mut()
        .reader
        .set_selection(CharRange::new(comma, comma));
    harness.run();
    for _ in 0..3 {
        press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    }
    let selection = harness.state().reader.selection().expect("a selection");
    assert_eq!(selection.start, CharOffset(comma));
    assert!(
        selection.end.0 > comma + 2 && selection.end.0 <= note,
        "{selection:?}"
    );
    // Shift+Left back from “followed” steps over the note's end into the note.
    harness
        .state_mut()
        .reader
        .set_selection(CharRange::new(followed, followed));
    harness.run();
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    let selection = harness.state().reader.selection().expect("a selection");
    assert_eq!(selection.end, CharOffset(followed));
    assert!(
        selection.start.0 < followed - 1 && selection.start.0 > note,
        "{selection:?}"
    );
    // Down from the paragraph's last row goes into its notes, Up comes back.
    harness
        .state_mut()
        .reader
        .set_selection(CharRange::new(end - 3, end - 3));
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let caret = harness.state().reader.caret().expect("a caret");
    assert!(
        caret.0 >= note && caret.0 < note + 90,
        "Down went to {caret:?}, the first note is at {note}"
    );
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    let caret = harness.state().reader.caret().expect("a caret");
    let row_start = find_chars(&harness, "foreign policy with Russia");
    assert!(
        caret.0 >= row_start && caret.0 <= end,
        "Up went to {caret:?}"
    );
}

#[test]
fn markdown_is_drawn_formatted_over_its_unchanged_source() {
    let mut project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample");
    project.annotations.clear();
    project.documents.clear();
    let record = DocumentRecord::new("notes.md", "");
    let document = record.id.clone();
    project.documents.push(record);
    let source =
        "# Field notes\n\nThe respondent called it *a turning point* and\nsaid so **twice**.\n";
    let texts = HashMap::from([(document.clone(), LoadedText::from_string(source))]);
    let mut harness = harness(Workspace::new(project, texts), document.as_str());
    let rect = |harness: &Harness<'_, TestReader>, needle: &str| {
        let offset = find_chars(harness, needle);
        harness
            .state()
            .reader()
            .char_screen_rect(CharOffset(offset))
            .expect("on screen")
    };
    // The heading's row is taller than a row of running text.
    let heading = rect(&harness, "Field");
    let body = rect(&harness, "respondent");
    assert!(
        heading.height() > body.height() * 1.3,
        "{heading:?} {body:?}"
    );
    // The paragraph's two source lines are one paragraph, reflowed: "said" follows
    // "and" on the same row (the window is wide enough).
    let paragraphs: Vec<String> = harness
        .get_all_by_role(Role::Paragraph)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("The respondent") && p.ends_with("**twice**."))
    );
    assert_eq!(
        rect(&harness, "said").top(),
        rect(&harness, "The respondent").top()
    );
    // Selecting a styled word by double-click selects exactly its source chars.
    let pos = inside_char(&harness, find_chars(&harness, "twice") + 1);
    harness.hover_at(pos);
    click(&harness, pos, PointerButton::Primary);
    click(&harness, pos, PointerButton::Primary);
    harness.run();
    let range = harness.state().reader.selection().expect("word selected");
    assert_eq!(text_of(&harness, range), "twice");
}
