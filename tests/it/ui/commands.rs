//! Commands: the palette, the document filter, zoom shortcuts, the command
//! table (labels, menus, unique shortcuts, exports) and saved searches.

use super::fixture::{open_app, press, sample_copy, ui_shows};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use gloss::app::commands::Command;
use gloss::app::palette::SEARCH_LABEL as PALETTE_SEARCH_LABEL;

#[test]
fn the_palette_opens_a_document_by_fuzzy_title() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    press(&mut harness, Modifiers::COMMAND, Key::P);
    harness
        .get_by_label(PALETTE_SEARCH_LABEL)
        .type_text("tlcom cooperation");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let current = harness
        .state()
        .current_document()
        .expect("document")
        .clone();
    assert_eq!(current.as_str(), "doc-globaltimes-telecom");
    assert!(
        harness.query_by_label(PALETTE_SEARCH_LABEL).is_none(),
        "the palette closed"
    );
}

#[test]
fn the_document_filter_matches_fuzzily_on_attributes() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let all = harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .documents
        .len();
    assert!(all >= 5);
    harness
        .get_by_label(gloss::app::documents::FILTER_LABEL)
        .focus();
    harness.run();
    harness
        .get_by_label(gloss::app::documents::FILTER_LABEL)
        .type_text("zhang hui");
    harness.run();
    let titles: Vec<String> = harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .documents
        .iter()
        .map(|d| d.title().to_owned())
        .collect();
    let shown: Vec<&String> = titles
        .iter()
        .filter(|title| {
            harness
                .query_by_role_and_label(Role::Button, title)
                .is_some()
        })
        .collect();
    assert_eq!(shown.len(), 1, "only the article by Zhang Hui: {shown:?}");
    assert!(shown[0].contains("telecommunication"));
}

#[test]
fn zoom_shortcuts_change_the_reading_size() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let initial = harness.state().preferences().reader_font_points;
    press(&mut harness, Modifiers::COMMAND, Key::Plus);
    press(&mut harness, Modifiers::COMMAND, Key::Equals);
    assert_eq!(
        harness.state().preferences().reader_font_points,
        initial + 2.0
    );
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    assert_eq!(
        harness.state().preferences().reader_font_points,
        initial + 1.0
    );
    press(&mut harness, Modifiers::COMMAND, Key::Num0);
    assert_eq!(harness.state().preferences().reader_font_points, initial);
}

#[test]
fn f1_lists_the_command_shortcuts_and_the_readers_caret_keys() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    assert!(!ui_shows(&harness, "Caret one word left"));
    press(&mut harness, Modifiers::NONE, Key::F1);
    for row in [
        "Keyboard shortcuts",
        "Save",
        "Caret one character left",
        "Caret one word left",
        "Extend the selection",
        "Toggle one of the first nine topics",
    ] {
        assert!(
            ui_shows(&harness, row),
            "the shortcuts window lacks {row:?}"
        );
    }
}

#[test]
fn every_command_has_a_label_a_menu_or_a_shortcut_and_no_shortcut_is_shared() {
    let mut seen: Vec<(egui::KeyboardShortcut, Command)> = Vec::new();
    for command in Command::ALL {
        assert!(!command.label().is_empty());
        let shortcuts: Vec<egui::KeyboardShortcut> = command
            .shortcut()
            .into_iter()
            .chain(command.alternative_shortcuts().iter().copied())
            .collect();
        assert!(
            command.menu() != gloss::app::commands::Menu::None || !shortcuts.is_empty(),
            "{command:?} is unreachable"
        );
        for shortcut in shortcuts {
            if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                panic!("{command:?} and {other:?} share a shortcut");
            }
            seen.push((shortcut, command));
        }
    }
}

#[test]
fn every_export_format_is_a_command_under_file_export_and_in_the_palette() {
    use gloss::app::commands::{EXPORT_SUBMENU, Menu};
    use gloss::app::palette::{PaletteEntry, palette_results};
    use gloss::export::ExportFormat;
    let ctx = egui::Context::default();
    for format in ExportFormat::ALL {
        let command = Command::Export(format);
        assert!(Command::ALL.contains(&command), "{format:?} has no command");
        assert_eq!(command.menu(), Menu::File);
        assert_eq!(command.submenu(), Some(EXPORT_SUBMENU));
        let query = command.full_label();
        let results = palette_results(&query, None, &[], &ctx);
        assert_eq!(
            results.first().map(|r| &r.entry),
            Some(&PaletteEntry::Command(command)),
            "the palette finds {query}"
        );
    }
}

#[test]
fn the_file_menu_offers_the_exports_of_an_open_project() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, gloss::app::commands::EXPORT_SUBMENU)
        .hover();
    harness.run();
    let csv = Command::Export(gloss::export::ExportFormat::Csv);
    harness.get_by_role_and_label(Role::Button, csv.label());
}

/// Saved searches are offered by the command palette and run in the search panel.
#[test]
fn saved_searches_appear_in_the_palette() {
    use gloss::app::palette::{PaletteEntry, palette_results};
    use gloss::model::search::{SavedSearch, SearchQuery};
    let saved = vec![
        SavedSearch {
            name: "Vučić quotes".into(),
            query: SearchQuery {
                text: "vucic".into(),
                ..SearchQuery::default()
            },
        },
        SavedSearch {
            name: "Smederevo steel".into(),
            query: SearchQuery {
                text: "Smederevo".into(),
                ..SearchQuery::default()
            },
        },
    ];
    let ctx = egui::Context::default();
    let results = palette_results("smeder", None, &saved, &ctx);
    let first = results.first().expect("a match");
    assert_eq!(first.entry, PaletteEntry::SavedSearch(1));
    assert_eq!(first.kind, "saved search");
    assert_eq!(first.detail, "Smederevo");
    let all = palette_results("", None, &saved, &ctx);
    let listed = all
        .iter()
        .filter(|r| matches!(r.entry, PaletteEntry::SavedSearch(_)))
        .count();
    assert_eq!(listed, 2);
}
