//! Glyph coverage, asked of the font data (the theme's placeholder box does
//! not count), and a folder of mixed scripts opened intact.

use super::fixture::{current_text, open_app};
use gloss::app::commands::Command;

/// Serbian in both alphabets, with every letter Latin and Cyrillic Serbian add.
const SERBIAN_TEXT: &str = "Vučić, Đilas, Šabac, Žabljak, Ćuprija, Ljig, Njegoš, Džep — Вучић, Ђилас, Шабац, Жабљак, Ћуприја, Љиг, Његош, Џеп.";

const ARABIC_TEXT: &str = "مرحبا بكم في بلغراد";

const CHINESE_TEXT: &str = "习近平";

/// Symbols the interface draws itself (arrows, quotes, dashes, separators…).
const INTERFACE_SYMBOLS: &str = "×→…—–“”≤·";

/// The menus' check mark: no bundled font has it, so it comes from the
/// system's fonts like Chinese does (a box where the system has none either).
const SYSTEM_FONT_SYMBOLS: &str = "✔";

/// A context with the fonts the theme installs, built (fonts exist after a first pass).
fn themed_fonts() -> egui::Context {
    let ctx = egui::Context::default();
    gloss::app::theme::install(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

/// The characters of `text` that no installed font of `family` has. Asks the
/// font data, not the renderer: the theme's placeholder glyph does not count.
fn missing_glyphs(ctx: &egui::Context, family: &egui::FontFamily, text: &str) -> Vec<char> {
    let font = egui::FontId::new(14.0, family.clone());
    let mut missing: Vec<char> = ctx.fonts_mut(|fonts| {
        text.chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .filter(|c| !fonts.has_glyph(&font, *c))
            .collect()
    });
    missing.sort_unstable();
    missing.dedup();
    missing
}

#[test]
fn the_bundled_fonts_cover_the_sample_the_interface_serbian_and_arabic() {
    let ctx = themed_fonts();
    let proportional = egui::FontFamily::Proportional;
    let mut texts: Vec<String> = gloss::sample::SAMPLE_DOCUMENTS
        .iter()
        .map(|(_, contents)| (*contents).to_owned())
        .collect();
    texts.push(gloss::sample::SAMPLE_PROJECT_JSON.to_owned());
    texts.extend(Command::ALL.iter().map(|command| command.full_label()));
    texts.extend([SERBIAN_TEXT, ARABIC_TEXT, INTERFACE_SYMBOLS].map(str::to_owned));
    for text in &texts {
        let missing = missing_glyphs(&ctx, &proportional, text);
        assert!(missing.is_empty(), "no bundled font has {missing:?}");
    }
    // The shortcuts window shows keys in the monospace family.
    let keys: String = Command::ALL
        .iter()
        .filter_map(|command| command.shortcut_text(&ctx))
        .collect();
    let missing = missing_glyphs(&ctx, &egui::FontFamily::Monospace, &keys);
    assert!(missing.is_empty(), "no monospace font has {missing:?}");
}

#[test]
fn chinese_and_the_check_mark_are_left_to_the_system_fonts() {
    // The bundled fonts have neither: the window asks the system's fonts…
    assert!(gloss::app::native_options().system_font_fallback);
    // …and the coverage check above is not fooled by the drawn placeholder box.
    let ctx = themed_fonts();
    for text in [CHINESE_TEXT, SYSTEM_FONT_SYMBOLS] {
        let missing = missing_glyphs(&ctx, &egui::FontFamily::Proportional, text);
        assert_eq!(missing.len(), text.chars().count(), "{text}");
    }
}

#[test]
fn a_folder_of_mixed_scripts_opens_with_its_text_intact_and_nothing_written() {
    let folder = tempfile::tempdir().expect("temp dir");
    let text = format!("{CHINESE_TEXT} visited Belgrade.\n\n{ARABIC_TEXT}\n\n{SERBIAN_TEXT}\n");
    std::fs::write(folder.path().join("mixed-scripts.txt"), &text).expect("write");
    let harness = open_app(folder.path());
    assert_eq!(current_text(&harness), text);
    // A folder without gloss.json is not written to until the first edit.
    drop(harness);
    assert!(
        !folder.path().join("gloss.json").exists(),
        "nothing was written"
    );
}
