//! Turning a file's bytes into canonical text.
//!
//! Canonical text = the bytes decoded to Unicode (UTF-8 with or without BOM,
//! UTF-16 LE/BE with BOM, or a legacy 8-bit encoding detected from the bytes),
//! the BOM removed, CRLF and lone CR turned into LF. Nothing else changes.
//! Pure: takes bytes, never touches the file system.

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
            let encoding = if std::str::from_utf8(bytes).is_ok() {
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
    fn crlf_and_lone_cr_become_lf() {
        let (text, endings) = normalise_line_endings("a\r\nb\rc\n");
        assert_eq!(text, "a\nb\nc\n");
        assert_eq!(endings, LineEndings::Mixed);
    }
}
