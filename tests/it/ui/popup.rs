//! The tag popup: beside the passage and inside the window at 800×600, a fixed
//! size while typing, "Create topic …" / "Create actor …" for a new name (one
//! undo step with the annotation), and a new folder's default stance scale.

use super::fixture::{
    annotation_count, caret_point, drag, find_chars, open_app_sized, press, sample_copy, ui_shows,
};
use crate::harness::ShowsReader as _;
use egui::{Event, Key, Modifiers, Pos2, Rect, vec2};
use egui_kittest::Harness;
use gloss::app::GlossApp;
use gloss::model::text::{CharOffset, CharRange};

/// Selects about `chars` chars starting at the first word whose row lies
/// between `from` and `to` (fractions of the window's height); returns the range.
fn select_in_band(
    harness: &mut Harness<'static, GlossApp>,
    window: Rect,
    (from, to): (f32, f32),
    chars: usize,
) -> CharRange {
    let text = harness.state().shown_text().as_str().to_owned();
    let reader = harness.state().reader_state();
    let in_band = |offset: usize| {
        reader
            .char_screen_rect(CharOffset(offset))
            .is_some_and(|rect| {
                rect.center().y > window.top() + window.height() * from
                    && rect.center().y < window.top() + window.height() * to
            })
    };
    let starts = text
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| *c == ' ')
        .map(|(index, _)| index + 1);
    let start = starts
        .into_iter()
        .find(|&start| in_band(start) && in_band(start + chars))
        .expect("a word in the band");
    let range = CharRange::new(start, start + chars);
    let (a, b) = (
        caret_point(harness, start),
        caret_point(harness, start + chars),
    );
    drag(harness, a, b);
    assert_eq!(harness.state().reader_state().selection(), Some(range));
    assert!(harness.state().reader_state().is_tag_popup_open());
    range
}

fn popup_rect(harness: &Harness<'static, GlossApp>) -> Rect {
    harness
        .state()
        .reader_state()
        .tag_popup_rect()
        .expect("the popup is shown")
}

/// The row of the passage's last char, across the whole window.
fn last_line_band(harness: &Harness<'static, GlossApp>, range: CharRange, window: Rect) -> Rect {
    let row = harness
        .state()
        .reader_state()
        .char_screen_rect(CharOffset(range.end.0 - 1))
        .expect("last char on screen");
    Rect::from_x_y_ranges(window.x_range(), row.y_range()).shrink2(vec2(0.0, 1.0))
}

fn type_text(harness: &mut Harness<'static, GlossApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

#[test]
fn the_popup_stays_inside_a_small_window_beside_the_passage() {
    let folder = sample_copy();
    let size = vec2(800.0, 600.0);
    let window = Rect::from_min_size(Pos2::ZERO, size);
    let mut harness = open_app_sized(folder.path(), size);
    let range = select_in_band(&mut harness, window, (0.55, 0.85), 30);
    let rect = popup_rect(&harness);
    assert!(window.contains_rect(rect), "popup {rect:?} in {window:?}");
    let band = last_line_band(&harness, range, window);
    assert!(
        !rect.intersects(band),
        "popup {rect:?} covers the last line {band:?}"
    );

    // Choosing a holder keeps it there, at the same size.
    press(&mut harness, Modifiers::NONE, Key::H);
    let holder = popup_rect(&harness);
    assert_eq!(holder.size(), rect.size());
    assert!(window.contains_rect(holder));
    assert!(!holder.intersects(band));
}

#[test]
fn the_popup_keeps_its_size_while_typing() {
    let folder = sample_copy();
    let size = vec2(1400.0, 900.0);
    let window = Rect::from_min_size(Pos2::ZERO, size);
    let mut harness = open_app_sized(folder.path(), size);
    select_in_band(&mut harness, window, (0.2, 0.5), 20);
    let opened = popup_rect(&harness);
    for typed in ["e", "co", "nomy", "zzqx"] {
        type_text(&mut harness, typed);
        assert_eq!(popup_rect(&harness), opened, "after typing {typed:?}");
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::H);
    assert_eq!(popup_rect(&harness), opened, "holder search");
    type_text(&mut harness, "Rus");
    assert_eq!(popup_rect(&harness), opened, "holder search typed");
}

/// Presses Down often enough to reach the last row, then Enter.
fn pick_last_row(harness: &mut Harness<'static, GlossApp>) {
    for _ in 0..20 {
        harness.key_press(Key::ArrowDown);
    }
    harness.run();
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn a_new_topic_is_created_from_the_popup_in_one_undo_step() {
    let folder = sample_copy();
    let size = vec2(1400.0, 900.0);
    let mut harness = open_app_sized(folder.path(), size);
    let before = annotation_count(&harness);
    let topics_before = harness
        .state()
        .workspace()
        .expect("ws")
        .project
        .codebook
        .topics
        .len();
    let phrase = "a beautiful fairy tale";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (a, b) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, a, b);

    type_text(&mut harness, "Water management");
    assert!(ui_shows(&harness, "Create topic “Water management”"));
    pick_last_row(&mut harness);
    let chosen = harness
        .state()
        .reader_state()
        .tag_popup_coding()
        .expect("popup open")
        .topics
        .clone();
    assert_eq!(chosen.len(), 1, "the new topic is checked");
    press(&mut harness, Modifiers::NONE, Key::Enter);

    let workspace = harness.state().workspace().expect("ws");
    let topic = workspace
        .project
        .codebook
        .topic_by_name("Water management")
        .expect("the topic was created")
        .clone();
    assert_eq!(topic.id, chosen[0]);
    // Its colour stands apart from every other topic's (as the codebook panel's do).
    let nearest = workspace
        .project
        .codebook
        .topics
        .iter()
        .filter(|t| t.id != topic.id)
        .map(|t| t.color.perceptual_distance(topic.color))
        .fold(f32::INFINITY, f32::min);
    assert!(nearest > 0.09, "nearest other topic colour at {nearest}");
    let annotation = workspace
        .project
        .annotations
        .iter()
        .find(|a| a.range() == CharRange::new(start, end))
        .expect("the annotation");
    assert_eq!(annotation.topics, vec![topic.id.clone()]);
    assert_eq!(annotation_count(&harness), before + 1);

    // One Ctrl+Z takes both away.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let codebook = &harness.state().workspace().expect("ws").project.codebook;
    assert!(codebook.topic_by_name("Water management").is_none());
    assert_eq!(codebook.topics.len(), topics_before);
    assert_eq!(annotation_count(&harness), before);
    // Redo brings both back.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(annotation_count(&harness), before + 1);
    assert!(
        harness
            .state()
            .workspace()
            .expect("ws")
            .project
            .codebook
            .topic(&topic.id)
            .is_some()
    );
}

#[test]
fn a_new_actor_is_created_for_the_holder() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let before = annotation_count(&harness);
    let phrase = "a beautiful fairy tale";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (a, b) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, a, b);
    press(&mut harness, Modifiers::NONE, Key::H);
    type_text(&mut harness, "Ursula von der Leyen");
    assert!(ui_shows(
        &harness,
        "Create actor “Ursula von der Leyen” as holder"
    ));
    pick_last_row(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let workspace = harness.state().workspace().expect("ws");
    let actor = workspace
        .project
        .codebook
        .actor_by_name("Ursula von der Leyen")
        .expect("the actor was created");
    let annotation = workspace
        .project
        .annotations
        .iter()
        .find(|a| a.range() == CharRange::new(start, end))
        .expect("the annotation");
    assert_eq!(annotation.holder.as_ref(), Some(&actor.id));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    assert!(
        harness
            .state()
            .workspace()
            .expect("ws")
            .project
            .codebook
            .actor_by_name("Ursula von der Leyen")
            .is_none()
    );
}

#[test]
fn a_new_folder_starts_with_a_stance_scale_and_codes_with_a_new_topic() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        folder.path().join("interview.txt"),
        "The minister praised the new railway. Critics called it a debt trap.\n",
    )
    .expect("write");
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let stances: Vec<String> = harness
        .state()
        .workspace()
        .expect("ws")
        .project
        .codebook
        .stances
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(stances, ["supportive", "critical", "neutral", "mixed"]);

    let phrase = "praised the new railway";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (a, b) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, a, b);
    assert!(
        ui_shows(&harness, "supportive"),
        "the stance row is not empty"
    );
    press(&mut harness, Modifiers::NONE, Key::S);
    type_text(&mut harness, "Infrastructure");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let workspace = harness.state().workspace().expect("ws");
    let codebook = &workspace.project.codebook;
    let topic = codebook
        .topic_by_name("Infrastructure")
        .expect("topic created");
    let annotation = workspace.project.annotations.first().expect("annotation");
    assert_eq!(annotation.topics, vec![topic.id.clone()]);
    assert_eq!(
        annotation.stance.as_ref().map(|s| codebook.stance_name(s)),
        Some("supportive")
    );
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = std::fs::read_to_string(folder.path().join("gloss.json")).expect("saved");
    assert!(saved.contains("\"name\": \"Infrastructure\""));
    assert!(saved.contains("\"name\": \"supportive\""));
}

#[test]
fn edit_codes_with_a_new_topic_is_one_undo_step() {
    use egui::PointerButton;
    use egui_kittest::kittest::Queryable as _;
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let annotation = super::fixture::first_annotation_here(&harness);
    let inside = super::fixture::inside_char(&harness, annotation.range().start.0 + 1);
    harness.hover_at(inside);
    super::fixture::click(&harness, inside, PointerButton::Secondary);
    harness.run();
    harness.get_by_label("Edit codes…").click();
    harness.run();
    assert!(harness.state().reader_state().is_tag_popup_open());
    type_text(&mut harness, "Water management");
    pick_last_row(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let workspace = harness.state().workspace().expect("ws");
    let topic = workspace
        .project
        .codebook
        .topic_by_name("Water management")
        .expect("topic created")
        .clone();
    let edited = workspace.annotation(&annotation.id).expect("annotation");
    assert!(edited.topics.contains(&topic.id));
    assert_eq!(edited.topics.len(), annotation.topics.len() + 1);

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let workspace = harness.state().workspace().expect("ws");
    assert!(workspace.project.codebook.topic(&topic.id).is_none());
    assert_eq!(
        workspace
            .annotation(&annotation.id)
            .expect("annotation")
            .topics,
        annotation.topics
    );
}

/// Letters typed one by one, as a keyboard sends them (key press, text, release).
fn type_letters(harness: &mut Harness<'static, GlossApp>, text: &str) {
    for c in text.chars() {
        let key = Key::from_name(&c.to_ascii_uppercase().to_string()).expect("a letter key");
        let modifiers = if c.is_uppercase() {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        for pressed in [true, false] {
            harness.event(Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers,
            });
            if pressed {
                harness.event(Event::Text(c.to_string()));
            }
            harness.step();
        }
    }
    harness.run();
}

#[test]
fn a_name_typed_letter_by_letter_reaches_the_search_box_whole() {
    use egui_kittest::kittest::Queryable as _;
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let phrase = "a beautiful fairy tale";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (a, b) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, a, b);
    type_letters(&mut harness, "Railways");
    let node = harness.get_by_label(gloss::app::reader::tag_popup::SEARCH_LABEL);
    assert_eq!(node.value().as_deref(), Some("Railways"));
    assert!(ui_shows(&harness, "Create topic “Railways”"));
}
