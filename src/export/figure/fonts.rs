//! The fonts figures are drawn with: the Noto Sans the window bundles
//! (assets/fonts, SIL Open Font License), so a PNG shows the same letters on
//! every machine, whatever fonts it has installed.

/// Noto Sans Regular (Latin, Greek, Cyrillic).
pub const NOTO_SANS: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Arabic Regular.
pub const NOTO_SANS_ARABIC: &[u8] =
    include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf");
/// Arrows (→), circled numbers and other symbols Noto Sans lacks.
pub const NOTO_SANS_SYMBOLS: &[u8] =
    include_bytes!("../../../assets/fonts/NotoSansSymbols-Regular.ttf");

/// The `font-family` every text of a figure names: the bundled fonts first.
pub(super) const FONT_FAMILY: &str =
    "'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Symbols', sans-serif";
