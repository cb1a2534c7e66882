//! A Markdown text's lines joined into the blocks the reader shows as
//! paragraphs: the lines of a paragraph reflow as one; a heading, a list
//! item, a quote line, a table row, a fence and every line of a code block
//! stay lines of their own; blank lines stay as they are.

use crate::model::text::{CanonicalText, CharRange};

/// The paragraphs of a Markdown text from its lines (`\n` excluded).
pub fn markdown_paragraphs(lines: &[CharRange], text: &CanonicalText) -> Vec<CharRange> {
    let mut paragraphs: Vec<CharRange> = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    let mut previous_joins = false;
    for line in lines {
        let content = text.slice_clamped(*line);
        let trimmed = content.trim_start();
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        if fence {
            in_fence = !in_fence;
        }
        let stands_alone = fence
            || in_fence
            || content.trim().is_empty()
            || content.starts_with("    ")
            || content.starts_with('\t')
            || starts_block(trimmed);
        match paragraphs.last_mut() {
            Some(last) if previous_joins && !stands_alone => last.end = line.end,
            _ => paragraphs.push(*line),
        }
        // A paragraph line or a list item's first line takes the lines that follow.
        let is_heading = trimmed.starts_with('#') || trimmed.starts_with('|');
        previous_joins = !fence && !in_fence && !content.trim().is_empty() && !is_heading;
    }
    paragraphs
}

/// A line that starts a block of its own: heading, list item, quote, table
/// row, thematic break or setext underline.
fn starts_block(trimmed: &str) -> bool {
    let mut chars = trimmed.chars();
    let first = chars.next();
    let second = chars.next();
    let bullet =
        matches!(first, Some('-' | '*' | '+')) && matches!(second, Some(' ' | '\t') | None);
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let numbered = (1..=9).contains(&digits)
        && matches!(trimmed[digits..].chars().next(), Some('.' | ')'))
        && matches!(
            trimmed[digits + 1..].chars().next(),
            Some(' ' | '\t') | None
        );
    let underline = !trimmed.is_empty() && trimmed.trim_end().chars().all(|c| c == '=' || c == '-');
    bullet
        || numbered
        || underline
        || matches!(first, Some('#' | '>' | '|'))
        || trimmed.starts_with("***")
        || trimmed.starts_with("___")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(source: &str) -> Vec<String> {
        let text = CanonicalText::new(source.to_owned());
        let mut lines = Vec::new();
        let mut start = 0;
        for line in source.split('\n') {
            let len = line.chars().count();
            lines.push(CharRange::new(start, start + len));
            start += len + 1;
        }
        markdown_paragraphs(&lines, &text)
            .into_iter()
            .map(|range| text.slice_clamped(range).replace('\n', "/"))
            .collect()
    }

    #[test]
    fn paragraph_lines_join_and_blocks_stay_apart() {
        let source = "# Title\nA paragraph\nthat runs on.\n\n- item one\n  goes on\n- item two\n\n```\ncode\nmore\n```\nAfter";
        assert_eq!(
            paragraphs(source),
            [
                "# Title",
                "A paragraph/that runs on.",
                "",
                "- item one/  goes on",
                "- item two",
                "",
                "```",
                "code",
                "more",
                "```",
                "After"
            ]
        );
    }
}
