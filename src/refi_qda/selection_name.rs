//! A selection's `name`: Gloss writes the passage's quote there, cut to
//! [`SELECTION_NAME_CHARS`] with `…`; readers recognise such a quote (and
//! `...`) to check or find a selection's place.

/// How many chars of the quote a selection's `name` carries.
pub const SELECTION_NAME_CHARS: usize = 80;

/// `text` cut to `max_chars` chars, with `…` appended when cut.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max_chars).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The `name` Gloss gives a selection with this quote.
pub fn selection_name(quote: &str) -> String {
    shorten(quote, SELECTION_NAME_CHARS)
}

/// The text of a name without its cut mark (`…` or `...`), and whether it had one.
pub fn strip_cut_mark(name: &str) -> (&str, bool) {
    match name.strip_suffix('…').or_else(|| name.strip_suffix("...")) {
        Some(head) => (head, true),
        None => (name, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_with_a_mark_that_reads_back() {
        let quote = "Вучић ".repeat(20);
        let name = selection_name(&quote);
        assert_eq!(name.chars().count(), SELECTION_NAME_CHARS + 1);
        let (head, cut) = strip_cut_mark(&name);
        assert!(cut && quote.starts_with(head));
        assert_eq!(selection_name("short"), "short");
        assert_eq!(strip_cut_mark("a..."), ("a", true));
        assert_eq!(strip_cut_mark("short"), ("short", false));
    }
}
