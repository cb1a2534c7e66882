//! The look of the window: fonts (bundled Noto Sans for Latin, Serbian
//! Cyrillic and Greek, Noto Sans Arabic and Noto Sans Symbols, and a drawn
//! placeholder for anything no font has), spacing, and calm light and dark visuals.
//!
//! Characters missing from the bundled fonts are first looked up among the
//! system fonts (eframe's `system_fonts` provider, installed by `run_window`),
//! and only then drawn as a visible box by [`missing_glyph_placeholder`], so a
//! document in any script never crashes the window.

use egui::epaint::text::{
    FontData, FontDefinitions, FontFamily, GlyphBitmap, GlyphRasterizer, GlyphRasterizerRequest,
    RasterizedGlyph,
};
use egui::{Color32, ColorImage, CornerRadius, Stroke, Theme, ThemePreference, Vec2};
use std::sync::Arc;

/// Reading size of the document text by default.
pub const DEFAULT_READER_FONT_POINTS: f32 = 17.0;
pub const MIN_READER_FONT_POINTS: f32 = 10.0;
pub const MAX_READER_FONT_POINTS: f32 = 36.0;
/// One Ctrl+plus / Ctrl+minus step.
pub const READER_FONT_STEP_POINTS: f32 = 1.0;

/// Size of ordinary interface text.
const BODY_FONT_POINTS: f32 = 14.0;

const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const NOTO_SANS_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
/// Arrows (→), circled numbers and other symbols Noto Sans lacks.
const NOTO_SANS_SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols-Regular.ttf");

/// The app icon (256×256 PNG, drawn by `icons/make_icon.py`).
pub const ICON_PNG: &[u8] = include_bytes!("../../icons/gloss.png");

/// Which theme the user chose in the View menu.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    FollowSystem,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn preference(self) -> ThemePreference {
        match self {
            ThemeChoice::FollowSystem => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
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

/// Draws an outlined box for a character that no bundled or system font has.
pub fn missing_glyph_placeholder(request: &GlyphRasterizerRequest<'_>) -> Option<RasterizedGlyph> {
    let size_px = request.font_size_px.max(4.0);
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
            let visuals = &mut style.visuals;
            let (panel, window, extreme, faint) = match theme {
                Theme::Light => (
                    Color32::from_rgb(0xf3, 0xf2, 0xee),
                    Color32::from_rgb(0xfb, 0xfa, 0xf7),
                    Color32::from_rgb(0xff, 0xff, 0xfd),
                    Color32::from_rgb(0xe9, 0xe7, 0xe1),
                ),
                Theme::Dark => (
                    Color32::from_rgb(0x22, 0x24, 0x28),
                    Color32::from_rgb(0x1b, 0x1d, 0x20),
                    Color32::from_rgb(0x15, 0x16, 0x19),
                    Color32::from_rgb(0x2b, 0x2e, 0x33),
                ),
            };
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

// shell tokens (the same names and values as the reader branch's tokens; keep one copy on merge)

/// The colour of a codebook entry (topic, stance) as the panels paint it.
pub fn code_color(color: crate::model::codebook::Color) -> Color32 {
    Color32::from_rgb(color.r, color.g, color.b)
}

/// A topic chip whose topic is no longer in the codebook.
pub const MISSING_CODE_COLOR: Color32 = Color32::GRAY;

/// The veil over the window while files are dragged onto it.
pub fn drop_overlay_fill() -> Color32 {
    Color32::from_black_alpha(150)
}

/// The hint on the drop veil.
pub const DROP_OVERLAY_TEXT: Color32 = Color32::WHITE;
