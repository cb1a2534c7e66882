//! Footnote blocks in text extracted from a PDF (or any hard-wrapped text):
//! the notes a page printed at its foot end up between the lines of a
//! paragraph that runs on to the next page. Recognised conservatively:
//!
//! - a note starts on a line that is its number (1–999), at most one space
//!   before it and at least two after it, then text: ` 24  Politika online, …`;
//! - notes are numbered in sequence through the document (the first one 1–3,
//!   each next one at most 3 further), and a block of notes is consecutive;
//! - a block ends just before the line where the interrupted paragraph
//!   resumes — a line that starts with one space and then a letter or a
//!   punctuation mark, as the text layer of the page that follows has it —
//!   at most [`MAX_BLOCK_LINES`] lines on, or at the end of the text;
//! - a block holds something a citation has: a URL, a year, `Ibid`, quotes or
//!   a page reference.
//!
//! Anything else is left as running text: no false notes in prose, lists or
//! tables. Each note is one [`NoteBlock`] from its number to its last
//! non-blank char; offsets are those of the text.

use crate::model::structure::NoteBlock;
use crate::model::text::CharRange;

/// A block of notes spans at most this many lines (with its blank lines).
pub const MAX_BLOCK_LINES: usize = 80;

/// One line of the text: its char range and its text.
struct Line<'t> {
    range: CharRange,
    text: &'t str,
}

/// The footnote blocks of a text, in text order.
pub fn footnote_blocks(text: &str) -> Vec<NoteBlock> {
    // Most texts have no line that could start a note: one scan, nothing else.
    static CANDIDATE: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?m)^ ?[1-9][0-9]{0,2} {2,}\S").ok());
    if CANDIDATE
        .as_ref()
        .is_some_and(|candidate| !candidate.is_match(text))
    {
        return Vec::new();
    }
    let lines = lines(text);
    let mut notes = Vec::new();
    let mut last_number = 0;
    let mut index = 0;
    while index < lines.len() {
        let Some(first) = note_number(lines[index].text) else {
            index += 1;
            continue;
        };
        if first <= last_number || first > last_number + 3 {
            index += 1;
            continue;
        }
        match block_at(&lines, index, first) {
            Some((block, end)) => {
                last_number = block.last().map_or(last_number, |(number, _)| *number);
                notes.extend(block.into_iter().map(|(number, range)| NoteBlock {
                    range,
                    marker: Some(number.to_string()),
                }));
                index = end;
            }
            None => index += 1,
        }
    }
    notes
}

/// The notes of the block starting at line `start` (numbered from `first`)
/// and the line where the running text resumes, if it is a block of notes.
fn block_at(
    lines: &[Line<'_>],
    start: usize,
    first: usize,
) -> Option<(Vec<(usize, CharRange)>, usize)> {
    let mut notes: Vec<(usize, CharRange)> = Vec::new();
    let mut expected = first;
    let mut end = None;
    for (index, line) in lines.iter().enumerate().skip(start) {
        if index - start > MAX_BLOCK_LINES {
            return None;
        }
        if let Some(number) = note_number(line.text) {
            if number != expected {
                return None;
            }
            expected += 1;
            let offset = line.text.chars().take_while(|c| *c == ' ').count();
            notes.push((
                number,
                CharRange::new(line.range.start.0 + offset, line.range.end.0),
            ));
            continue;
        }
        if index > start && resumes_running_text(line.text) {
            end = Some(index);
            break;
        }
        // A continuation line of the last note (or a blank line).
        if !line.text.trim().is_empty()
            && let Some((_, range)) = notes.last_mut()
        {
            range.end = line.range.end;
        }
    }
    let end = end.unwrap_or(lines.len());
    let has_citation = notes
        .iter()
        .any(|(_, range)| looks_like_citation(&lines_text(lines, *range)));
    if !has_citation {
        return None;
    }
    // Each note ends at its last non-blank char.
    for (_, range) in &mut notes {
        let text = lines_text(lines, *range);
        let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        range.end.0 -= trailing;
    }
    Some((notes, end))
}

/// The text of the lines a range covers (joined by `\n`), as the text has it.
fn lines_text(lines: &[Line<'_>], range: CharRange) -> String {
    lines
        .iter()
        .filter(|l| {
            l.range.start < range.end && (l.range.end > range.start || l.range.start >= range.start)
        })
        .map(|l| {
            let skip = range.start.0.saturating_sub(l.range.start.0);
            let end = range.end.0.min(l.range.end.0);
            let take = end.saturating_sub(l.range.start.0 + skip);
            l.text.chars().skip(skip).take(take).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The note number a line starts with: ` 24  Text` or `24  Text`.
fn note_number(line: &str) -> Option<usize> {
    let rest = line.strip_prefix(' ').unwrap_or(line);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 || rest.starts_with('0') {
        return None;
    }
    let after = &rest[digits..];
    let spaces = after.chars().take_while(|c| *c == ' ').count();
    let text_follows = after[spaces..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    (spaces >= 2 && text_follows).then(|| rest[..digits].parse().ok())?
}

/// A line that continues the interrupted paragraph: one space, then text that
/// is not a note number.
fn resumes_running_text(line: &str) -> bool {
    let mut chars = line.chars();
    chars.next() == Some(' ')
        && chars
            .next()
            .is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit())
}

/// Something only a citation has: a URL, a year, `Ibid`, quotes, a page reference.
fn looks_like_citation(note: &str) -> bool {
    let has_year = note
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && matches!(w[0], b'1' | b'2'));
    note.contains("http")
        || note.contains("www.")
        || note.contains("Ibid")
        || note.contains(['“', '”', '"', '«', '„'])
        || note.contains(" p. ")
        || note.contains(" pp. ")
        || has_year
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let length = line.chars().count();
        out.push(Line {
            range: CharRange::new(start, start + length),
            text: line,
        });
        start += length + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes_of(text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        footnote_blocks(text)
            .iter()
            .map(|note| {
                (
                    note.marker.clone().unwrap_or_default(),
                    chars[note.range.start.0..note.range.end.0].iter().collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_block_of_notes_between_the_lines_of_a_paragraph() {
        let text = "Some text of a paragraph that runs on\n\n \n 1  Ibid., 12.\n 2  Author, “Title,” 2019, \n\nhttp://x.org/y. \n the paragraph goes on.\n";
        assert_eq!(
            notes_of(text),
            [
                ("1".to_owned(), "1  Ibid., 12.".to_owned()),
                (
                    "2".to_owned(),
                    "2  Author, “Title,” 2019, \n\nhttp://x.org/y.".to_owned()
                )
            ]
        );
    }

    #[test]
    fn numbered_prose_is_not_a_note() {
        // Out of sequence, no citation, or never resuming: running text.
        assert!(notes_of("1  First step\n2  Second step\n").is_empty());
        assert!(notes_of("Text\n 7  Ibid., 3.\n text goes on\n").is_empty());
        assert!(notes_of("In 2019 we met.\n1 apple, 2 pears\n").is_empty());
    }
}
