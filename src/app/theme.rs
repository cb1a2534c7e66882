//! The look of the window: fonts (bundled Noto Sans for Latin, Serbian
//! Cyrillic and Greek, Noto Sans Arabic and Noto Sans Symbols, and a drawn
//! placeholder for anything no font has), spacing, and calm light and dark visuals.
//!
//! Characters missing from the bundled fonts are first looked up among the
//! system fonts (eframe's `system_fonts` provider, installed by `run_window`),
//! and only then drawn as a visible box by [`missing_glyph_placeholder`], so a
//! document in any script never crashes the window.
//!
//! Every colour of the window is a named design token here (a function of the
//! light/dark mode, or a constant); the other files of `app/` only name them.
#![allow(
    clippy::disallowed_methods,
    reason = "the one file that builds colours from numbers: every other file names a token from here"
)]

use crate::model::codebook::Color;
use egui::epaint::text::{
    FontData, FontDefinitions, FontFamily, GlyphBitmap, GlyphRasterizer, GlyphRasterizerRequest,
    RasterizedGlyph,
};
use egui::{Color32, ColorImage, CornerRadius, Stroke, Theme, ThemePreference, Vec2};
use std::sync::Arc;

/// Reading size of the document text by default.
pub const DEFAULT_READER_FONT_POINTS: f32 = 17.0;
/// Smallest reading size Ctrl+minus reaches.
pub const MIN_READER_FONT_POINTS: f32 = 10.0;
/// Largest reading size Ctrl+plus reaches.
pub const MAX_READER_FONT_POINTS: f32 = 36.0;
/// One Ctrl+plus / Ctrl+minus step.
pub const READER_FONT_STEP_POINTS: f32 = 1.0;

/// Size of ordinary interface text.
const BODY_FONT_POINTS: f32 = 14.0;

// The bundled fonts, once in the binary: the figures render with the same ones.
use crate::export::figure::{NOTO_SANS, NOTO_SANS_ARABIC, NOTO_SANS_SYMBOLS};

/// The app icon (256×256 PNG, drawn by `icons/make_icon.py`).
pub const ICON_PNG: &[u8] = include_bytes!("../../icons/gloss.png");

/// Which theme the user chose in the View menu.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Light or dark as the operating system is set.
    #[default]
    FollowSystem,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The egui preference that makes this choice happen.
    pub fn preference(self) -> ThemePreference {
        match self {
            Self::FollowSystem => ThemePreference::System,
            Self::Light => ThemePreference::Light,
            Self::Dark => ThemePreference::Dark,
        }
    }
}

/// Installs fonts, the missing-glyph placeholder and the visual style.
pub fn install(ctx: &egui::Context) {
    install_fonts(ctx);
    install_style(ctx);
}

fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        Arc::new(FontData::from_static(NOTO_SANS)),
    );
    fonts.font_data.insert(
        "noto-sans-arabic".into(),
        Arc::new(FontData::from_static(NOTO_SANS_ARABIC)),
    );
    fonts.font_data.insert(
        "noto-sans-symbols".into(),
        Arc::new(FontData::from_static(NOTO_SANS_SYMBOLS)),
    );
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, "noto-sans".into());
        proportional.push("noto-sans-arabic".into());
        proportional.push("noto-sans-symbols".into());
    }
    if let Some(monospace) = fonts.families.get_mut(&FontFamily::Monospace) {
        for font in ["noto-sans", "noto-sans-arabic", "noto-sans-symbols"] {
            monospace.push(font.into());
        }
    }
    ctx.set_fonts(fonts);
    ctx.add_glyph_rasterizer(GlyphRasterizer::new(
        "gloss::missing_glyph_placeholder",
        missing_glyph_placeholder,
    ));
}

/// Width of a space as a fraction of the font size (Noto Sans: 0.26 em).
const SPACE_EMS: f32 = 0.26;
/// How many spaces wide a tab is drawn.
const TAB_SPACES: f32 = 4.0;

/// Draws an outlined box for a character that no bundled or system font has;
/// whitespace that reaches here (a tab, which the fonts have no glyph for)
/// is drawn as blank space, a tab four spaces wide.
pub fn missing_glyph_placeholder(request: &GlyphRasterizerRequest<'_>) -> Option<RasterizedGlyph> {
    let size_px = request.font_size_px.max(4.0);
    if !request.cluster.is_empty() && request.cluster.chars().all(char::is_whitespace) {
        let spaces: f32 = request
            .cluster
            .chars()
            .map(|c| if c == '\t' { TAB_SPACES } else { 1.0 })
            .sum();
        return Some(RasterizedGlyph {
            bitmap: GlyphBitmap {
                image: ColorImage::new([1, 1], vec![Color32::TRANSPARENT]),
                offset_px: Vec2::ZERO,
                is_color: false,
            },
            advance_px: (size_px * SPACE_EMS * spaces).round(),
        });
    }
    let width = (size_px * 0.62).round().max(3.0) as usize;
    let height = (size_px * 0.74).round().max(4.0) as usize;
    let border = ((size_px / 14.0).round() as usize).clamp(1, 3);
    let mut pixels = vec![Color32::TRANSPARENT; width * height];
    for y in 0..height {
        for x in 0..width {
            let on_border = x < border || y < border || x + border >= width || y + border >= height;
            if on_border {
                pixels[y * width + x] = Color32::WHITE;
            }
        }
    }
    Some(RasterizedGlyph {
        bitmap: GlyphBitmap {
            image: ColorImage::new([width, height], pixels),
            offset_px: Vec2::new((size_px * 0.08).round(), -(height as f32)),
            is_color: false,
        },
        advance_px: width as f32 + (size_px * 0.16).round(),
    })
}

fn install_style(ctx: &egui::Context) {
    ctx.options_mut(|options| {
        // Ctrl +/- zoom the reader's text, not the whole interface.
        options.zoom_with_keyboard = false;
    });
    for theme in [Theme::Light, Theme::Dark] {
        ctx.style_mut_of(theme, |style| {
            use egui::{FontId, TextStyle};
            style.text_styles = [
                (TextStyle::Heading, FontId::proportional(19.0)),
                (TextStyle::Body, FontId::proportional(BODY_FONT_POINTS)),
                (TextStyle::Button, FontId::proportional(BODY_FONT_POINTS)),
                (TextStyle::Small, FontId::proportional(11.5)),
                (TextStyle::Monospace, FontId::monospace(13.0)),
            ]
            .into();
            style.spacing.item_spacing = Vec2::new(8.0, 6.0);
            style.spacing.button_padding = Vec2::new(8.0, 3.0);
            style.spacing.menu_margin = egui::Margin::same(8);
            style.spacing.interact_size.y = 24.0;
            // Scroll bars always visible (6 pt, not only on hover) and 10 pt wide to
            // grab, floating over the content so nothing reflows when they appear.
            style.spacing.scroll = egui::style::ScrollStyle {
                floating_width: 6.0,
                dormant_handle_opacity: 0.6,
                ..egui::style::ScrollStyle::floating()
            };
            let visuals = &mut style.visuals;
            let surfaces = surface_colors(theme);
            let (panel, window, extreme, faint) = (
                surfaces.panel,
                surfaces.window,
                surfaces.extreme,
                surfaces.faint,
            );
            visuals.widgets.noninteractive.fg_stroke.color = text_colors(theme).primary;
            visuals.weak_text_color = Some(text_colors(theme).secondary);
            visuals.panel_fill = panel;
            visuals.window_fill = window;
            visuals.extreme_bg_color = extreme;
            visuals.faint_bg_color = faint;
            visuals.window_corner_radius = CornerRadius::same(8);
            visuals.menu_corner_radius = CornerRadius::same(6);
            visuals.widgets.noninteractive.bg_stroke = Stroke::new(
                1.0,
                match theme {
                    Theme::Light => Color32::from_rgb(0xdd, 0xda, 0xd2),
                    Theme::Dark => Color32::from_rgb(0x36, 0x39, 0x3f),
                },
            );
            visuals.selection.bg_fill = match theme {
                Theme::Light => Color32::from_rgb(0xc8, 0xd8, 0xf0),
                Theme::Dark => Color32::from_rgb(0x35, 0x4f, 0x77),
            };
            visuals.selection.stroke.color = match theme {
                Theme::Light => Color32::from_rgb(0x1f, 0x3b, 0x66),
                Theme::Dark => Color32::from_rgb(0xd6, 0xe4, 0xfa),
            };
        });
    }
}

/// The backgrounds text is drawn on in one theme.
#[derive(Clone, Copy, Debug)]
pub struct SurfaceColors {
    /// Side panels, menu and status bar.
    pub panel: Color32,
    /// Windows and dialogs.
    pub window: Color32,
    /// Text fields and scroll areas.
    pub extreme: Color32,
    /// Striped rows, the inspector's quote box.
    pub faint: Color32,
}

/// The backgrounds of `theme`.
pub fn surface_colors(theme: Theme) -> SurfaceColors {
    match theme {
        Theme::Light => SurfaceColors {
            panel: Color32::from_rgb(0xf3, 0xf2, 0xee),
            window: Color32::from_rgb(0xfb, 0xfa, 0xf7),
            extreme: Color32::from_rgb(0xff, 0xff, 0xfd),
            faint: Color32::from_rgb(0xe9, 0xe7, 0xe1),
        },
        Theme::Dark => SurfaceColors {
            panel: Color32::from_rgb(0x22, 0x24, 0x28),
            window: Color32::from_rgb(0x1b, 0x1d, 0x20),
            extreme: Color32::from_rgb(0x15, 0x16, 0x19),
            faint: Color32::from_rgb(0x2b, 0x2e, 0x33),
        },
    }
}

/// Label text of one theme: primary, and secondary (hints, counts, paths:
/// egui's "weak" text), both at least 4.5:1 against every surface (WCAG AA).
#[derive(Clone, Copy, Debug)]
pub struct TextColors {
    /// Ordinary labels.
    pub primary: Color32,
    /// Hints, counts, paths, kinds (`RichText::weak`).
    pub secondary: Color32,
}

/// The label colours of `theme`.
pub fn text_colors(theme: Theme) -> TextColors {
    match theme {
        Theme::Light => TextColors {
            primary: Color32::from_rgb(0x2a, 0x29, 0x26),
            secondary: Color32::from_rgb(0x5a, 0x57, 0x51),
        },
        Theme::Dark => TextColors {
            primary: Color32::from_rgb(0xd4, 0xd7, 0xdc),
            secondary: Color32::from_rgb(0xa3, 0xa8, 0xb0),
        },
    }
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(color: Color32) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Background of the reading area: paper-like, slightly brighter than the panels.
pub fn reading_background(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0x1b, 0x1d, 0x20)
    } else {
        Color32::from_rgb(0xfd, 0xfc, 0xf9)
    }
}

/// Colour for error messages.
pub fn error_color(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xff, 0x8a, 0x80)
    } else {
        Color32::from_rgb(0xb3, 0x26, 0x1e)
    }
}

/// Background of the read-only and problem banners.
pub fn banner_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0x4a, 0x3b, 0x16)
    } else {
        Color32::from_rgb(0xfb, 0xef, 0xc8)
    }
}

/// Background of the "drop a folder here" overlay over the whole window.
pub fn drop_overlay_fill() -> Color32 {
    Color32::from_black_alpha(150)
}

/// Text on the "drop a folder here" overlay.
pub const DROP_OVERLAY_TEXT: Color32 = Color32::WHITE;

// ----- Codes: the colours a researcher gives topics and stances -----

/// A topic's or stance's colour from the codebook, as egui paints it.
pub fn code_color(color: Color) -> Color32 {
    Color32::from_rgb(color.r, color.g, color.b)
}

/// Swatch of a code the codebook no longer has (a dangling id).
pub const MISSING_CODE_COLOR: Color32 = Color32::GRAY;

/// Passage colour of an annotation without a topic (or whose topic is missing).
pub const UNTOPICED_PASSAGE_COLOR: Color32 = Color32::from_rgb(0x8c, 0x93, 0x9a);

// ----- The reading view -----

/// The document's text in the reader.
pub fn reading_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xdc, 0xdc, 0xd8)
    } else {
        Color32::from_rgb(0x26, 0x28, 0x2c)
    }
}

/// Markdown's markup characters and footnotes in the reader: faint.
pub fn reading_faint(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0x8a, 0x8c, 0x90)
    } else {
        Color32::from_rgb(0x80, 0x84, 0x8a)
    }
}

/// Strong emphasis in the reader (there is no bold face: a deeper colour).
pub fn reading_strong(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    }
}

/// A link's text in the reader.
pub fn reading_link(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0x8a, 0xb4, 0xf8)
    } else {
        Color32::from_rgb(0x1a, 0x5f, 0xb4)
    }
}

/// Background of a passage covered by annotations of these topic colours: their
/// average, more opaque the more annotations overlap; transparent for none.
pub fn highlight_fill(topic_colors: impl IntoIterator<Item = Color32>, dark_mode: bool) -> Color32 {
    let (mut r, mut g, mut b, mut n) = (0_u32, 0_u32, 0_u32, 0_u32);
    for color in topic_colors {
        r += u32::from(color.r());
        g += u32::from(color.g());
        b += u32::from(color.b());
        n += 1;
    }
    if n == 0 {
        return Color32::TRANSPARENT;
    }
    let (base, step, max) = if dark_mode {
        (0.30, 0.12, 0.60)
    } else {
        (0.22, 0.10, 0.50)
    };
    let alpha = (base + step * (n - 1) as f32).min(max);
    Color32::from_rgba_unmultiplied(
        (r / n) as u8,
        (g / n) as u8,
        (b / n) as u8,
        (alpha * 255.0) as u8,
    )
}

/// Outline of the selected annotation's passage and its resize handles: the
/// passage colour, lighter on dark and darker on light.
pub fn selected_passage_outline(passage_color: Color32, dark_mode: bool) -> Color32 {
    if dark_mode {
        passage_color.lerp_to_gamma(Color32::WHITE, 0.25)
    } else {
        passage_color.lerp_to_gamma(Color32::BLACK, 0.25)
    }
}

/// Ring around the knob of a resize handle.
pub const RESIZE_KNOB_RING: Color32 = Color32::WHITE;

/// Fill behind the text selected with the mouse or Shift+arrows.
pub fn text_selection_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(120, 160, 255, 70)
    } else {
        Color32::from_rgba_unmultiplied(60, 110, 230, 55)
    }
}

/// Fill behind every hit of the find bar's query.
pub fn find_hit_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(235, 195, 50, 110)
    } else {
        Color32::from_rgba_unmultiplied(255, 220, 60, 130)
    }
}

/// Fill behind the current hit of the find bar.
pub fn find_current_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(255, 150, 30, 170)
    } else {
        Color32::from_rgba_unmultiplied(255, 150, 20, 190)
    }
}

/// Outline around the current hit of the find bar.
pub fn find_current_outline(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(255, 190, 80)
    } else {
        Color32::from_rgb(200, 100, 0)
    }
}

/// Tick on the reader's right edge where a hit is.
pub fn find_hit_tick(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(200, 170, 40)
    } else {
        Color32::from_rgb(225, 180, 0)
    }
}

/// Tick on the reader's right edge where the current hit is.
pub fn find_current_tick(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(255, 160, 50)
    } else {
        Color32::from_rgb(210, 100, 0)
    }
}

/// Fill behind the highlighted search result of the tag popup (Enter picks it).
pub fn popup_highlighted_row(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_white_alpha(26)
    } else {
        Color32::from_black_alpha(20)
    }
}

// ----- Analysis tables: heat-map cells (text keeps the theme's colour) -----

/// The text colours of the light or dark theme.
fn text_colors_for(dark_mode: bool) -> TextColors {
    text_colors(if dark_mode { Theme::Dark } else { Theme::Light })
}

/// Mixes `from` toward `to` by `t` (0–1), channel by channel.
fn mix(from: Color32, to: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let channel = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    Color32::from_rgb(
        channel(from.r(), to.r()),
        channel(from.g(), to.g()),
        channel(from.b(), to.b()),
    )
}

/// Fill of an analysis cell by its size, `strength` 0 (nothing) to 1 (the
/// table's largest); the strongest keeps 4.5:1 with the theme's text.
pub fn heat_fill(dark_mode: bool, strength: f32) -> Color32 {
    let (base, full) = if dark_mode {
        (
            reading_background(true),
            Color32::from_rgb(0x1a, 0x4a, 0x78),
        )
    } else {
        (
            reading_background(false),
            Color32::from_rgb(0x7d, 0xb2, 0xe0),
        )
    };
    mix(base, full, 0.15 + 0.85 * strength)
}

/// Fill of a stance-network cell by its net polarity per the table's
/// strongest, −1 (critical, red) to 1 (supportive, green).
pub fn polarity_fill(dark_mode: bool, signed_strength: f32) -> Color32 {
    let base = reading_background(dark_mode);
    if signed_strength == 0.0 {
        // Balanced (or neutral): a plain grey, neither green nor red.
        return mix(base, text_colors_for(dark_mode).secondary, 0.2);
    }
    let full = match (dark_mode, signed_strength >= 0.0) {
        (true, true) => Color32::from_rgb(0x22, 0x5a, 0x30),
        (true, false) => Color32::from_rgb(0x7a, 0x28, 0x24),
        (false, true) => Color32::from_rgb(0x86, 0xc8, 0x93),
        (false, false) => Color32::from_rgb(0xec, 0x95, 0x8f),
    };
    mix(base, full, 0.15 + 0.85 * signed_strength.abs())
}

// ----- The stance network drawn as a graph -----

/// Stroke of a network edge by its net polarity per the network's strongest,
/// −1 (critical, red) to 1 (supportive, green), 0 grey; every shade keeps
/// 3:1 against the reading background (WCAG's contrast for graphics).
pub fn polarity_stroke(dark_mode: bool, signed_strength: f32) -> Color32 {
    let grey = text_colors_for(dark_mode).secondary;
    if signed_strength == 0.0 {
        return grey;
    }
    let full = match (dark_mode, signed_strength >= 0.0) {
        (true, true) => Color32::from_rgb(0x5f, 0xd0, 0x7c),
        (true, false) => Color32::from_rgb(0xff, 0x7b, 0x72),
        (false, true) => Color32::from_rgb(0x1e, 0x7a, 0x3c),
        (false, false) => Color32::from_rgb(0xc0, 0x2d, 0x22),
    };
    mix(grey, full, 0.45 + 0.55 * signed_strength.abs())
}

/// Fill of a network node (an actor); its outline is the primary text colour.
pub fn network_node_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0x3a, 0x5f, 0x8f)
    } else {
        Color32::from_rgb(0xa9, 0xc8, 0xea)
    }
}

/// Behind a node's label, so it reads over the edges under it.
pub fn network_label_backdrop(dark_mode: bool) -> Color32 {
    reading_background(dark_mode).gamma_multiply(0.85)
}

/// Outline of the node or edge under the pointer or being dragged.
pub fn network_highlight(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xff, 0xd5, 0x4f)
    } else {
        Color32::from_rgb(0xb5, 0x6a, 0x00)
    }
}

#[cfg(test)]
mod tests {
    use super::{contrast_ratio, reading_background, surface_colors, text_colors};
    use egui::Theme;

    /// WCAG AA for normal text.
    const MIN_CONTRAST: f32 = 4.5;

    #[test]
    fn a_tab_no_font_draws_is_blank_space_four_spaces_wide_and_a_missing_char_a_box() {
        use egui::epaint::text::GlyphRasterizerRequest;
        let glyph = |cluster: &str| {
            super::missing_glyph_placeholder(&GlyphRasterizerRequest {
                cluster,
                family: &egui::FontFamily::Proportional,
                font_size_px: 20.0,
                subpixel_offset_px: 0.0,
            })
            .expect("a glyph")
        };
        let tab = glyph("\t");
        assert!(tab.bitmap.image.pixels.iter().all(|p| p.a() == 0), "blank");
        assert_eq!(tab.advance_px, (20.0 * super::SPACE_EMS * 4.0_f32).round());
        let space = glyph("\u{2003}");
        assert_eq!(space.advance_px, (20.0 * super::SPACE_EMS).round());
        let missing = glyph("\u{E000}");
        assert!(
            missing.bitmap.image.pixels.iter().any(|p| p.a() > 0),
            "a box"
        );
    }

    #[test]
    fn analysis_cells_keep_their_text_readable() {
        for (theme, dark) in [(Theme::Light, false), (Theme::Dark, true)] {
            let text = text_colors(theme).primary;
            for step in 0..=10 {
                let strength = step as f32 / 10.0;
                for fill in [
                    super::heat_fill(dark, strength),
                    super::polarity_fill(dark, strength),
                    super::polarity_fill(dark, -strength),
                ] {
                    let ratio = contrast_ratio(text, fill);
                    assert!(ratio >= MIN_CONTRAST, "{theme:?} {strength}: {ratio}");
                }
            }
        }
    }

    #[test]
    fn network_edges_stand_out_from_the_background() {
        for dark in [false, true] {
            let background = reading_background(dark);
            for step in 0..=10 {
                let strength = step as f32 / 10.0;
                for stroke in [
                    super::polarity_stroke(dark, strength),
                    super::polarity_stroke(dark, -strength),
                ] {
                    let ratio = contrast_ratio(stroke, background);
                    assert!(ratio >= 3.0, "dark {dark}, {strength}: {ratio}");
                }
            }
            let highlight = super::network_highlight(dark);
            assert!(contrast_ratio(highlight, background) >= 3.0, "dark {dark}");
            // Supportive and critical are told apart, not only by brightness.
            assert_ne!(
                super::polarity_stroke(dark, 1.0),
                super::polarity_stroke(dark, -1.0)
            );
        }
    }

    #[test]
    fn secondary_text_has_at_least_4_5_to_1_on_every_surface_of_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let surfaces = surface_colors(theme);
            let text = text_colors(theme);
            let backgrounds = [
                surfaces.panel,
                surfaces.window,
                surfaces.extreme,
                surfaces.faint,
                reading_background(theme == Theme::Dark),
            ];
            for background in backgrounds {
                for foreground in [text.secondary, text.primary] {
                    let ratio = contrast_ratio(foreground, background);
                    assert!(
                        ratio >= MIN_CONTRAST,
                        "{theme:?}: {foreground:?} on {background:?} is {ratio:.2}:1"
                    );
                }
            }
            // Secondary stays visibly quieter than primary.
            assert!(
                contrast_ratio(text.primary, surfaces.panel)
                    > contrast_ratio(text.secondary, surfaces.panel) + 1.5
            );
        }
    }

    #[test]
    fn the_old_dark_secondary_text_fails_the_contrast_check() {
        // #626364 on #222428, as issue 11 measured it: about 2.6:1.
        let ratio = contrast_ratio(
            egui::Color32::from_rgb(0x62, 0x63, 0x64),
            surface_colors(Theme::Dark).panel,
        );
        assert!((2.4..2.8).contains(&ratio), "{ratio}");
    }

    #[test]
    fn the_installed_style_uses_the_tokens() {
        let ctx = egui::Context::default();
        super::install(&ctx);
        for theme in [Theme::Light, Theme::Dark] {
            let style = ctx.style_of(theme);
            assert_eq!(
                style.visuals.weak_text_color(),
                text_colors(theme).secondary
            );
            assert_eq!(style.visuals.panel_fill, surface_colors(theme).panel);
            let scroll = style.spacing.scroll;
            assert!(
                scroll.dormant_handle_opacity >= 0.5,
                "visible without hovering"
            );
            assert!(
                scroll.floating_width >= 6.0 && scroll.bar_width >= 10.0,
                "big enough to grab"
            );
            assert!(scroll.allocated_width() < f32::EPSILON, "nothing reflows");
        }
    }
}
