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

/// Canonical text of a raw source text, with every unit's position of each char boundary.
#[derive(Clone, Debug)]
pub struct OffsetTable {
    /// The text with CRLF and CR turned into LF (what the project stores).
    pub canonical: String,
    /// `positions[unit][i]`: the unit's position of canonical char boundary `i` (0..=len).
    code_points: Vec<u64>,
    utf16_units: Vec<u64>,
    crlf_as_one: Vec<u64>,
}

impl OffsetTable {
    /// Builds the table from the raw text (BOM already removed).
    pub fn new(raw: &str) -> Self {
        let capacity = raw.len() + 1;
        let mut canonical = String::with_capacity(raw.len());
        let mut code_points = Vec::with_capacity(capacity);
        let mut utf16_units = Vec::with_capacity(capacity);
        let mut crlf_as_one = Vec::with_capacity(capacity);
        let (mut cp, mut u16, mut crlf) = (0u64, 0u64, 0u64);
        code_points.push(0);
        utf16_units.push(0);
        crlf_as_one.push(0);
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                canonical.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    cp += 2;
                    u16 += 2;
                } else {
                    cp += 1;
                    u16 += 1;
                }
                crlf += 1;
            } else {
                canonical.push(c);
                cp += 1;
                u16 += c.len_utf16() as u64;
                crlf += 1;
            }
            code_points.push(cp);
            utf16_units.push(u16);
            crlf_as_one.push(crlf);
        }
        Self {
            canonical,
            code_points,
            utf16_units,
            crlf_as_one,
        }
    }

    fn positions(&self, unit: OffsetUnit) -> &[u64] {
        match unit {
            OffsetUnit::CodePoints => &self.code_points,
            OffsetUnit::Utf16Units => &self.utf16_units,
            OffsetUnit::CodePointsCrlfAsOne => &self.crlf_as_one,
        }
    }

    /// Length of the canonical text in chars.
    pub fn len_chars(&self) -> usize {
        self.code_points.len() - 1
    }

    /// Do all units agree on this text (no CR, nothing outside the BMP)?
    pub fn units_agree(&self) -> bool {
        self.code_points == self.utf16_units && self.code_points == self.crlf_as_one
    }

    /// Maps a position in `unit` to a canonical char offset.
    pub fn place(&self, unit: OffsetUnit, position: u64) -> Placement {
        let positions = self.positions(unit);
        match positions.binary_search(&position) {
            Ok(index) => Placement::Exact(index),
            Err(index) if index >= positions.len() => Placement::PastEnd(self.len_chars()),
            Err(index) => Placement::Inside(index.saturating_sub(1)),
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
