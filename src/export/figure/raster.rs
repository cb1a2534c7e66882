//! An SVG figure as a PNG at print resolution: resvg renders it with the
//! bundled Noto Sans only (no system fonts), so the text looks the same on
//! every machine; the PNG records its resolution (pHYs), so a word processor
//! places it at the intended size.

use super::fonts::{NOTO_SANS, NOTO_SANS_ARABIC, NOTO_SANS_SYMBOLS};
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// The resolution of figures for print.
pub const PRINT_DPI: f32 = 300.0;
/// SVG user units are CSS pixels: 96 per inch.
const SVG_DPI: f32 = 96.0;
/// Inches per metre (PNG records pixels per metre).
const INCHES_PER_METRE: f32 = 39.370_08;
/// The largest side a figure is rendered at (a guard against absurd sizes).
const MAX_SIDE_PIXELS: u32 = 20_000;

/// Why a figure could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    /// The SVG did not parse (a bug in the figure writer).
    #[error("the figure is not valid SVG: {0}")]
    Svg(#[from] usvg::Error),
    /// The figure is empty or too large to render.
    #[error("the figure cannot be rendered at {0}×{1} pixels")]
    Size(u32, u32),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Png(#[from] png::EncodingError),
}

/// The options resvg reads the SVG with: the bundled fonts, Noto Sans for
/// every generic family.
fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options {
        font_family: "Noto Sans".to_owned(),
        ..usvg::Options::default()
    };
    let mut fonts = usvg::fontdb::Database::new();
    for font in [NOTO_SANS, NOTO_SANS_ARABIC, NOTO_SANS_SYMBOLS] {
        fonts.load_font_data(font.to_vec());
    }
    fonts.set_sans_serif_family("Noto Sans");
    fonts.set_serif_family("Noto Sans");
    options.fontdb = Arc::new(fonts);
    options
}

/// Renders `svg` at `dpi` on white and encodes it as PNG.
pub fn png_from_svg(svg: &str, dpi: f32) -> Result<Vec<u8>, FigureError> {
    let tree = usvg::Tree::from_str(svg, &options())?;
    let scale = dpi / SVG_DPI;
    let size = tree.size();
    let width = (size.width() * scale).round() as u32;
    let height = (size.height() * scale).round() as u32;
    if width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS {
        return Err(FigureError::Size(width, height));
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(FigureError::Size(width, height))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // Opaque on white, so premultiplied RGBA is plain RGBA.
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let per_metre = (dpi * INCHES_PER_METRE).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header()?;
        writer.write_image_data(pixmap.data())?;
        writer.finish()?;
    }
    Ok(bytes)
}
