//! Turning a file's bytes into canonical text.
//!
//! Canonical text = the bytes decoded to Unicode (UTF-8 with or without BOM,
//! UTF-16 LE/BE with BOM, or a legacy 8-bit encoding detected from the bytes),
//! the BOM removed, CRLF and lone CR turned into LF. Nothing else changes.
//! Pure: takes bytes, never touches the file system.
//!
//! A file that is almost, but not entirely, valid UTF-8 (a text with one
//! stray byte) is still read as UTF-8, each invalid sequence replaced by
//! U+FFFD and counted: see [`UTF8_MIN_VALID_PER_MILLE`]. Only files with many
//! invalid sequences, or none valid, go to legacy-encoding detection.

use crate::model::text::CanonicalText;
use serde::Serialize;
use std::fmt;

/// Which line endings the raw text used before normalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEndings {
    /// No line break at all.
    None,
    /// Only LF (`\n`, Unix and macOS).
    Lf,
    /// Only CRLF (`\r\n`, Windows).
    Crlf,
    /// Only lone CR (`\r`, classic Mac OS).
    Cr,
    /// More than one of the above.
    Mixed,
}

impl fmt::Display for LineEndings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::None => "none",
            Self::Lf => "LF",
            Self::Crlf => "CRLF",
            Self::Cr => "CR",
            Self::Mixed => "mixed",
        })
    }
}

/// A successfully decoded document.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The canonical text: byte-order mark removed, every line ending LF.
    pub text: CanonicalText,
    /// Encoding name as WHATWG names it, e.g. `UTF-8`, `UTF-16LE`, `windows-1250`.
    pub encoding: String,
    /// True when the bytes began with a byte-order mark (not part of the text).
    pub had_bom: bool,
    /// Line endings of the bytes before they were turned into LF.
    pub line_endings: LineEndings,
    /// True when some bytes were invalid in the detected encoding and replaced by U+FFFD.
    pub had_replacements: bool,
    /// How many invalid byte sequences were replaced by U+FFFD (0 when none).
    pub replacements: usize,
}

/// A file with invalid UTF-8 is still read as UTF-8 when at least this many
/// per mille (99 %) of its multi-byte sequences are valid, and it has at
/// least one valid one. Text in a legacy 8-bit encoding (windows-1250,
/// windows-1251, ISO 8859-2) read as UTF-8 has almost no valid multi-byte
/// sequence, so it is not mistaken for UTF-8; a UTF-8 text with a stray byte
/// has thousands. A file of ASCII plus stray bytes has no valid multi-byte
/// sequence and goes to legacy detection.
pub const UTF8_MIN_VALID_PER_MILLE: usize = 990;

/// Valid multi-byte characters and invalid sequences of bytes read as UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Utf8Census {
    valid_multibyte: usize,
    invalid_sequences: usize,
}

impl Utf8Census {
    fn of(bytes: &[u8]) -> Self {
        let mut census = Self::default();
        for chunk in bytes.utf8_chunks() {
            // Each multi-byte char has exactly one lead byte (0b11xx_xxxx).
            census.valid_multibyte += chunk.valid().bytes().filter(|b| *b >= 0xC0).count();
            if !chunk.invalid().is_empty() {
                census.invalid_sequences += 1;
            }
        }
        census
    }

    /// Is the text UTF-8 by the rule of [`UTF8_MIN_VALID_PER_MILLE`]?
    fn is_mostly_utf8(self) -> bool {
        let total = self.valid_multibyte + self.invalid_sequences;
        self.valid_multibyte > 0 && self.valid_multibyte * 1000 >= total * UTF8_MIN_VALID_PER_MILLE
    }
}

/// Why some bytes are not a text document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// The bytes contain NUL and have no UTF-16 byte-order mark: a binary file.
    #[error("binary content: contains NUL bytes and no UTF-16 byte-order mark")]
    NulBytes,
    /// At least 5% of the decoded chars (and more than two) are control
    /// characters other than line breaks, tabs and form feeds.
    #[error("binary content: {control_percent}% control characters")]
    ControlCharacters {
        /// Share of control characters among the decoded chars, in percent, rounded down.
        control_percent: usize,
    },
}

/// Decodes bytes to canonical text, detecting the encoding.
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (encoding, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, bom_len),
        None => {
            if bytes.contains(&0) {
                return Err(NotText::NulBytes);
            }
            let encoding =
                if std::str::from_utf8(bytes).is_ok() || Utf8Census::of(bytes).is_mostly_utf8() {
                    encoding_rs::UTF_8
                } else {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(bytes, true);
                    detector.guess(None, chardetng::Utf8Detection::Deny)
                };
            (encoding, 0)
        }
    };
    let body = &bytes[bom_len..];
    let (decoded, had_replacements) = encoding.decode_without_bom_handling(body);
    let replacements = match (had_replacements, encoding == encoding_rs::UTF_8) {
        (false, _) => 0,
        // encoding_rs replaces each maximal invalid subpart, as `utf8_chunks` splits them.
        (true, true) => Utf8Census::of(body).invalid_sequences,
        (true, false) => decoded.chars().filter(|c| *c == '\u{fffd}').count(),
    };
    let control_count = decoded
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let total_chars = decoded.chars().count().max(1);
    if control_count * 100 / total_chars >= 5 && control_count > 2 {
        return Err(NotText::ControlCharacters {
            control_percent: control_count * 100 / total_chars,
        });
    }
    let (normalised, line_endings) = normalise_line_endings(&decoded);
    Ok(Decoded {
        text: CanonicalText::new(normalised),
        encoding: encoding.name().to_string(),
        had_bom: bom_len > 0,
        line_endings,
        had_replacements,
        replacements,
    })
}

/// Replaces CRLF and lone CR with LF and reports which endings were present.
pub fn normalise_line_endings(raw: &str) -> (String, LineEndings) {
    if !raw.contains('\r') {
        let endings = if raw.contains('\n') {
            LineEndings::Lf
        } else {
            LineEndings::None
        };
        return (raw.to_string(), endings);
    }
    let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    crlf += 1;
                } else {
                    cr += 1;
                }
                out.push('\n');
            }
            '\n' => {
                lf += 1;
                out.push('\n');
            }
            other => out.push(other),
        }
    }
    let kinds = [lf > 0, crlf > 0, cr > 0].iter().filter(|k| **k).count();
    let line_endings = match (kinds, lf > 0, crlf > 0) {
        (0, _, _) => LineEndings::None,
        (1, true, _) => LineEndings::Lf,
        (1, _, true) => LineEndings::Crlf,
        (1, _, _) => LineEndings::Cr,
        _ => LineEndings::Mixed,
    };
    (out, line_endings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf8_rule_counts_sequences() {
        let census = Utf8Census::of("Vučić \u{444}".as_bytes());
        assert_eq!(census.valid_multibyte, 3);
        assert_eq!(census.invalid_sequences, 0);
        let mut bytes = "č".repeat(99).into_bytes();
        bytes.push(0xFF);
        assert!(Utf8Census::of(&bytes).is_mostly_utf8(), "99 valid, 1 bad");
        bytes.push(0xFE);
        assert!(!Utf8Census::of(&bytes).is_mostly_utf8(), "99 valid, 2 bad");
        assert!(!Utf8Census::of(b"plain ASCII \xFF").is_mostly_utf8());
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let (text, endings) = normalise_line_endings("a\r\nb\rc\n");
        assert_eq!(text, "a\nb\nc\n");
        assert_eq!(endings, LineEndings::Mixed);
    }
}
