//! A small, fast XML text builder for the REFI-QDA writer: escaping of text
//! and attribute values, and removal of characters XML 1.0 cannot hold.

/// Is `c` allowed in an XML 1.0 document?
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Does `text` need no escaping at all (the common case, checked bytewise)?
/// Conservative: any control byte, markup character or 0xEF lead byte (U+F000–U+FFFF,
/// which holds the non-characters U+FFFE/U+FFFF) sends the text to the careful path.
fn is_plain(text: &str, attribute: bool) -> bool {
    if attribute {
        !text
            .bytes()
            .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | 0xef))
    } else {
        !text.bytes().any(|b| {
            (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, b'&' | b'<' | b'>' | 0xef)
        })
    }
}

/// Appends `text` escaped for element content; characters XML cannot hold become U+FFFD.
pub(super) fn push_text(out: &mut String, text: &str) {
    if is_plain(text, false) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Appends `text` escaped for a double-quoted attribute value (line breaks kept as references).
pub(super) fn push_attribute_value(out: &mut String, text: &str) {
    if is_plain(text, true) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Appends ` name="NUMBER"`.
pub(super) fn push_number_attribute(out: &mut String, name: &str, value: usize) {
    use std::fmt::Write;
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    let _ = write!(out, "{value}");
    out.push('"');
}

/// Appends ` name="value"`.
pub(super) fn push_attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_attribute_value(out, value);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        let mut out = String::new();
        push_text(&mut out, "a<b>&c\u{0}\u{c}d");
        assert_eq!(out, "a&lt;b&gt;&amp;c\u{FFFD}\u{FFFD}d");
        let mut out = String::new();
        push_attribute(&mut out, "name", "say \"hi\"\nnow");
        assert_eq!(out, " name=\"say &quot;hi&quot;&#10;now\"");
        let mut out = String::new();
        push_text(&mut out, "plain Вучић text\u{FFFF}");
        assert_eq!(out, "plain Вучић text\u{FFFD}");
    }
}
