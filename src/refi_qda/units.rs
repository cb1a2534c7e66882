//! Offset units of REFI-QDA selections and their conversion to Gloss's char
//! offsets.
//!
//! The standard says `startPosition`/`endPosition` count Unicode code points,
//! end exclusive. Real files differ: NVivo 12.6 counts UTF-16 code units
//! (after the BOM; CRLF counts two), ATLAS.ti counts a CRLF as one character
//! although its text files hold `\r\n`. [`OffsetTable`] maps each unit's
//! positions in the raw text (as stored in the archive, BOM removed) onto
//! char offsets of the canonical text (CRLF and CR turned into LF).

/// How a tool counted positions in a source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points of the raw text (the standard; Gloss, QualCoder, MAXQDA).
    CodePoints,
    /// UTF-16 code units of the raw text (NVivo).
    Utf16Units,
    /// Code points with a CRLF counted once (ATLAS.ti).
    CodePointsCrlfAsOne,
}

impl OffsetUnit {
    /// Every unit, in the order they are tried when the texts contradict the creator's.
    pub const ALL: [Self; 3] = [
        Self::CodePoints,
        Self::Utf16Units,
        Self::CodePointsCrlfAsOne,
    ];

    /// The unit a tool is known to use, from the project's `origin` attribute.
    pub fn for_origin(origin: &str) -> Self {
        let origin = origin.to_lowercase();
        if origin.contains("nvivo") {
            Self::Utf16Units
        } else if origin.contains("atlas") {
            Self::CodePointsCrlfAsOne
        } else {
            Self::CodePoints
        }
    }

    /// How the unit is named in an import report ("UTF-16 code units").
    pub fn describe(self) -> &'static str {
        match self {
            Self::CodePoints => "Unicode code points",
            Self::Utf16Units => "UTF-16 code units",
            Self::CodePointsCrlfAsOne => "code points with CRLF counted once",
        }
    }
}

/// A raw position mapped to a canonical char offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The position is a char boundary of the canonical text.
    Exact(usize),
    /// The position falls inside a CRLF or a surrogate pair; rounded down to this char.
    Inside(usize),
    /// The position is past the end of the text (which has this many chars).
    PastEnd(usize),
}

/// Canonical text of a raw source text, with what it takes to map every
/// unit's positions onto its char boundaries.
///
/// Compact: besides the text, only the canonical offsets where the units
/// drift apart are kept (one per CRLF and one per character outside the BMP),
/// so a table costs a few bytes per line, not per character. A unit's position
/// of canonical boundary `i` is `i` plus the drift events before `i`.
#[derive(Clone, Debug)]
pub struct OffsetTable {
    /// The text with CRLF and CR turned into LF (what the project stores).
    pub canonical: String,
    /// Length of the canonical text in chars.
    len_chars: usize,
    /// Canonical offsets of the LFs that were CRLF (two code points, two UTF-16 units).
    crlf_at: Vec<usize>,
    /// Canonical offsets of chars outside the BMP (two UTF-16 units).
    astral_at: Vec<usize>,
}

impl OffsetTable {
    /// Builds the table from the raw text (BOM already removed).
    pub fn new(raw: &str) -> Self {
        let mut canonical = String::with_capacity(raw.len());
        let mut crlf_at = Vec::new();
        let mut astral_at = Vec::new();
        let mut index = 0usize;
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                canonical.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    crlf_at.push(index);
                }
            } else {
                canonical.push(c);
                if c.len_utf16() == 2 {
                    astral_at.push(index);
                }
            }
            index += 1;
        }
        Self {
            canonical,
            len_chars: index,
            crlf_at,
            astral_at,
        }
    }

    /// Like [`new`](Self::new), taking the text: one without CR is kept as
    /// it is (no copy).
    pub fn from_owned(raw: String) -> Self {
        if raw.contains('\r') {
            return Self::new(&raw);
        }
        let mut len_chars = 0;
        let mut astral_at = Vec::new();
        for c in raw.chars() {
            if c.len_utf16() == 2 {
                astral_at.push(len_chars);
            }
            len_chars += 1;
        }
        Self {
            canonical: raw,
            len_chars,
            crlf_at: Vec::new(),
            astral_at,
        }
    }

    /// The unit's position of canonical char boundary `boundary` (0..=len).
    fn position(&self, unit: OffsetUnit, boundary: usize) -> u64 {
        let before = |events: &[usize]| events.partition_point(|&at| at < boundary);
        let extra = match unit {
            OffsetUnit::CodePointsCrlfAsOne => 0,
            OffsetUnit::CodePoints => before(&self.crlf_at),
            OffsetUnit::Utf16Units => before(&self.crlf_at) + before(&self.astral_at),
        };
        (boundary + extra) as u64
    }

    /// Length of the canonical text in chars.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Do all units agree on this text (no CRLF, nothing outside the BMP)?
    pub fn units_agree(&self) -> bool {
        self.crlf_at.is_empty() && self.astral_at.is_empty()
    }

    /// Maps a position in `unit` to a canonical char offset.
    pub fn place(&self, unit: OffsetUnit, position: u64) -> Placement {
        let len = self.len_chars();
        if position > self.position(unit, len) {
            return Placement::PastEnd(len);
        }
        // The first boundary whose position is not below `position` (positions rise with boundaries).
        let (mut low, mut high) = (0usize, len);
        while low < high {
            let middle = low + (high - low) / 2;
            if self.position(unit, middle) < position {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if self.position(unit, low) == position {
            Placement::Exact(low)
        } else {
            Placement::Inside(low.saturating_sub(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_astral_characters_in_each_unit() {
        // "a\r\nb😀c": canonical "a\nb😀c" (5 chars).
        let table = OffsetTable::new("a\r\nb😀c");
        assert_eq!(table.canonical, "a\nb😀c");
        assert!(!table.units_agree());
        // "c" starts at canonical 4; raw code points 5, UTF-16 units 6, CRLF-as-one 4.
        assert_eq!(table.place(OffsetUnit::CodePoints, 5), Placement::Exact(4));
        assert_eq!(table.place(OffsetUnit::Utf16Units, 6), Placement::Exact(4));
        assert_eq!(
            table.place(OffsetUnit::CodePointsCrlfAsOne, 4),
            Placement::Exact(4)
        );
        assert_eq!(
            table.place(OffsetUnit::CodePoints, 2),
            Placement::Inside(1),
            "between CR and LF"
        );
        assert_eq!(
            table.place(OffsetUnit::Utf16Units, 5),
            Placement::Inside(3),
            "inside the surrogate pair"
        );
        assert_eq!(
            table.place(OffsetUnit::CodePoints, 99),
            Placement::PastEnd(5)
        );
        assert!(OffsetTable::new("plain LF\ntext").units_agree());
        assert!(OffsetTable::new("lone\rCR").units_agree());
        let owned = OffsetTable::from_owned("b😀c".to_owned());
        assert_eq!(owned.place(OffsetUnit::Utf16Units, 3), Placement::Exact(2));
        assert_eq!(owned.len_chars(), 3);
    }

    /// The table against the obvious per-char tables it replaces.
    #[test]
    fn compact_table_matches_a_position_per_char() {
        let raw = "x\r\n😀\ry\r\n\r\nz😀😀\nend";
        let table = OffsetTable::new(raw);
        let (mut cp, mut u16, mut crlf) = (vec![0u64], vec![0u64], vec![0u64]);
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            let pair = c == '\r' && chars.peek() == Some(&'\n');
            if pair {
                chars.next();
            }
            let width = if pair { 2 } else { 1 };
            cp.push(cp[cp.len() - 1] + width);
            u16.push(u16[u16.len() - 1] + if pair { 2 } else { c.len_utf16() as u64 });
            crlf.push(crlf[crlf.len() - 1] + 1);
        }
        assert_eq!(table.len_chars(), cp.len() - 1);
        for (unit, positions) in [
            (OffsetUnit::CodePoints, &cp),
            (OffsetUnit::Utf16Units, &u16),
            (OffsetUnit::CodePointsCrlfAsOne, &crlf),
        ] {
            for position in 0..positions[positions.len() - 1] + 3 {
                let expected = match positions.binary_search(&position) {
                    Ok(index) => Placement::Exact(index),
                    Err(index) if index >= positions.len() => Placement::PastEnd(cp.len() - 1),
                    Err(index) => Placement::Inside(index - 1),
                };
                assert_eq!(table.place(unit, position), expected, "{unit:?} {position}");
            }
        }
    }

    #[test]
    fn unit_from_origin() {
        assert_eq!(OffsetUnit::for_origin("NVivo 12.6"), OffsetUnit::Utf16Units);
        assert_eq!(
            OffsetUnit::for_origin("ATLAS.ti 9"),
            OffsetUnit::CodePointsCrlfAsOne
        );
        assert_eq!(
            OffsetUnit::for_origin("QualCoder 3.5"),
            OffsetUnit::CodePoints
        );
    }
}
