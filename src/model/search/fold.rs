//! The matching normalisation ("folding") and the map from folded positions
//! back to exact char ranges of the canonical text.
//!
//! Folding turns a text into the form that searches compare:
//! - Serbian Cyrillic becomes Serbian Latin (`Вучић` → `Vučić`), digraph letters
//!   included (`љ` → `lj`, `њ` → `nj`, `џ` → `dž`, `ђ` → `đ`); other Cyrillic
//!   letters get a simple transliteration (`я` → `ja`, `щ` → `šč`);
//! - unless case-sensitive, letters are lower-cased;
//! - unless diacritic-sensitive, diacritics are removed (`č` → `c`), `đ` becomes
//!   `dj` (so `Djokovic` finds `Đoković`), combining marks, soft hyphens and
//!   zero-width characters disappear, typographic quotes become ASCII quotes;
//! - full-width forms (common in Chinese text) become ASCII (`ＥＵ` → `EU`);
//! - every run of white space (spaces, line breaks, tabs) becomes one space.
//!
//! Each source char folds to zero or more chars, depending only on the char
//! and its two neighbours (`fold_char_into`); that is what lets the folded
//! text of a document be mapped back to its source (`folded_text.rs`).

use serde::{Deserialize, Serialize};

/// How strictly text is compared; both off by default (the researcher's usual need).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FoldOptions {
    /// Tell upper from lower case (`VUČIĆ` no longer finds `Vučić`).
    #[serde(default)]
    pub case_sensitive: bool,
    /// Tell letters with diacritics from those without (`vucic` no longer finds
    /// `Vučić`, nor `Djokovic` `Đoković`).
    #[serde(default)]
    pub diacritic_sensitive: bool,
}

/// Is `c` a combining mark (drawn on the char before it)?
pub(super) fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Chinese, Japanese kana and other ideographs: scripts written without spaces,
/// where every char is its own "word" for the whole-word option.
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Does `c` belong to a word, for the whole-word option?
pub(super) fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_' || is_combining_mark(c)) && !is_ideograph(c)
}

/// Serbian Latin (and a simple transliteration of other Cyrillic letters) for a
/// lower-case Cyrillic letter.
fn cyrillic_to_latin(lower: char) -> Option<&'static str> {
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ђ' => "đ",
        'е' => "e",
        'ж' => "ž",
        'з' => "z",
        'и' => "i",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "ć",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        // Macedonian, Russian, Ukrainian, Belarusian letters.
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        'й' => "j",
        'ё' => "ë",
        'ы' => "y",
        'э' => "e",
        'ю' => "ju",
        'я' => "ja",
        'щ' => "šč",
        'ъ' | 'ь' => "",
        'є' => "je",
        'і' => "i",
        'ї' => "ji",
        'ґ' => "g",
        'ў' => "u",
        _ => return None,
    })
}

/// The letters without diacritics (and other look-alike normalisations) of `c`.
fn strip_diacritic(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' | 'Ǎ' => "A",
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Ð' => "D",
        'ď' | 'ð' => "d",
        'Đ' => "Dj",
        'đ' => "dj",
        'È'..='Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ì'..='Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Þ' => "Th",
        'þ' => "th",
        'Ù'..='Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ŷ' | 'Ÿ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'Ǆ' => "DZ",
        'ǅ' => "Dz",
        'ǆ' => "dz",
        'Ǉ' => "LJ",
        'ǈ' => "Lj",
        'ǉ' => "lj",
        'Ǌ' => "NJ",
        'ǋ' => "Nj",
        'ǌ' => "nj",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => "",
        c if is_combining_mark(c) => "",
        _ => return None,
    })
}

/// Pushes `c` after case folding and diacritic removal (no transliteration).
fn push_latin(c: char, options: FoldOptions, out: &mut String) {
    let mut push_one = |c: char| {
        if options.diacritic_sensitive {
            out.push(c);
        } else {
            match strip_diacritic(c) {
                Some(stripped) => out.push_str(stripped),
                None => out.push(c),
            }
        }
    };
    if options.case_sensitive || !c.is_uppercase() {
        push_one(c);
    } else {
        c.to_lowercase().for_each(push_one);
    }
}

/// Appends the folded form of the source char `c` to `out`; `previous` and
/// `next` are its neighbours in the source (they decide white-space runs and
/// the case of digraphs such as `Љ` → `LJ` in all-capital words).
#[inline]
pub(super) fn fold_char_into(
    c: char,
    previous: Option<char>,
    next: Option<char>,
    options: FoldOptions,
    out: &mut String,
) {
    if c.is_ascii() {
        if c.is_ascii_whitespace() {
            if !previous.is_some_and(char::is_whitespace) {
                out.push(' ');
            }
        } else if options.case_sensitive {
            out.push(c);
        } else {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    fold_non_ascii_into(c, previous, next, options, out);
}

fn fold_non_ascii_into(
    c: char,
    previous: Option<char>,
    next: Option<char>,
    options: FoldOptions,
    out: &mut String,
) {
    if c.is_whitespace() {
        if !previous.is_some_and(char::is_whitespace) {
            out.push(' ');
        }
        return;
    }
    // Full-width ASCII forms (U+FF01..U+FF5E) → ASCII.
    if ('\u{FF01}'..='\u{FF5E}').contains(&c)
        && let Some(ascii) = char::from_u32(c as u32 - 0xFEE0)
    {
        fold_char_into(ascii, previous, next, options, out);
        return;
    }
    let start = out.len();
    let is_upper = c.is_uppercase();
    let lower = if is_upper {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    };
    if let Some(latin) = cyrillic_to_latin(lower) {
        let mut latin_chars = latin.chars();
        if let Some(first) = latin_chars.next() {
            let first = if is_upper && options.case_sensitive {
                first.to_uppercase().next().unwrap_or(first)
            } else {
                first
            };
            push_latin(first, options, out);
        }
        latin_chars.for_each(|rest| push_latin(rest, options, out));
    } else {
        push_latin(c, options, out);
    }
    // An upper-case letter that became several letters is all capitals inside
    // an all-capital word (`ЉУБА` → `LJUBA`, `ĐOKOVIĆ` → `DJOKOVIC`).
    if options.case_sensitive && is_upper && next.is_some_and(char::is_uppercase) {
        let folded = &out[start..];
        if folded.chars().nth(1).is_some() && folded.chars().any(char::is_lowercase) {
            let upper = folded.to_uppercase();
            out.truncate(start);
            out.push_str(&upper);
        }
    }
}

/// Folds a whole string (for queries and tests).
pub fn fold_str(text: &str, options: FoldOptions) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        fold_char_into(c, previous, chars.peek().copied(), options, &mut out);
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const INSENSITIVE: FoldOptions = FoldOptions {
        case_sensitive: false,
        diacritic_sensitive: false,
    };

    #[test]
    fn serbian_scripts_fold_to_one_form() {
        assert_eq!(fold_str("Вучић", INSENSITIVE), "vucic");
        assert_eq!(fold_str("Vučić", INSENSITIVE), "vucic");
        assert_eq!(fold_str("Ђоковић", INSENSITIVE), "djokovic");
        assert_eq!(fold_str("Đoković", INSENSITIVE), "djokovic");
        assert_eq!(
            fold_str("Љубљана Његош џеп", INSENSITIVE),
            "ljubljana njegos dzep"
        );
    }

    #[test]
    fn case_sensitive_folding_keeps_case_and_capital_digraphs() {
        let options = FoldOptions {
            case_sensitive: true,
            diacritic_sensitive: false,
        };
        assert_eq!(fold_str("Љубиша ЉУБИША", options), "Ljubisa LJUBISA");
        let sensitive = FoldOptions {
            case_sensitive: true,
            diacritic_sensitive: true,
        };
        assert_eq!(fold_str("Вучић Џаја", sensitive), "Vučić Džaja");
    }

    #[test]
    fn white_space_runs_become_one_space() {
        assert_eq!(fold_str("a \n\t b\u{00A0} c", INSENSITIVE), "a b c");
    }
}
