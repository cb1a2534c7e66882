//! What shapes every paragraph's layout besides its own text and annotations:
//! the measure, the reading size and line height, the colour scheme, the pixel
//! density and the codebook's colours.

use crate::app::theme;
use egui::{Color32, FontFamily, FontId};

/// Line height as a multiple of the font size: generous, for reading.
pub const LINE_HEIGHT_FACTOR: f32 = 1.6;
/// Height of an empty paragraph (a blank line) as a fraction of the line height.
pub const BLANK_LINE_FACTOR: f32 = 0.8;

/// Everything besides a paragraph's own text and annotations that shapes its galley.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutParams {
    /// The measure: where rows wrap.
    pub wrap_width_points: f32,
    /// Reading size of the text.
    pub font_size_points: f32,
    /// Dark colours (text, highlights) instead of light ones.
    pub dark_mode: bool,
    /// Screen pixel density: galleys are rounded to it.
    pub pixels_per_point: f32,
    /// [`crate::app::reader::index::codebook_colors_hash`] of the codebook: a recoloured code relays every paragraph.
    pub codebook_colors_hash: u64,
}

impl LayoutParams {
    /// Height of one row of text.
    pub fn line_height_points(&self) -> f32 {
        (self.font_size_points * LINE_HEIGHT_FACTOR).round()
    }

    /// Height of an empty paragraph (a blank line).
    pub fn blank_line_height_points(&self) -> f32 {
        (self.line_height_points() * BLANK_LINE_FACTOR).round()
    }

    /// The reading font at the reading size.
    pub fn font_id(&self) -> FontId {
        FontId::new(self.font_size_points, FontFamily::Proportional)
    }

    /// Colour of the text (and of the caret).
    pub fn text_color(&self) -> Color32 {
        theme::reading_text(self.dark_mode)
    }
}
