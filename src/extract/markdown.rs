//! The structure of a Markdown text shown formatted: headings (as [`Heading`]
//! ranges and a size style), emphasis, strong emphasis, links and code as
//! inline styles over their text, and the markup characters around them (`#`,
//! `*`, `[`, `](url)`, backticks, list bullets) as [`InlineStyle::Markup`],
//! drawn faint. The canonical text stays the Markdown source: every range
//! counts chars of it, so no offset moves. Parsed with pulldown-cmark's
//! offset iterator (CommonMark).
//!
//! [`Heading`]: crate::model::structure::Heading

use crate::model::structure::{DocumentStructure, Heading, InlineStyle, SourceFormat, StyledRange};
use crate::model::text::CharRange;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// What an open element becomes when it closes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Heading(u8),
    Styled(InlineStyle),
    CodeBlock,
    Item,
    Other,
}

struct Frame {
    open: Open,
    range: Range<usize>,
    children: Option<Range<usize>>,
}

/// Headings, inline styles and markup of a Markdown text.
pub fn markdown_structure(text: &str) -> DocumentStructure {
    let mut styles: Vec<(Range<usize>, InlineStyle)> = Vec::new();
    let mut headings: Vec<(Range<usize>, u8)> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Some(parent) = stack.last_mut()
            && !matches!(event, Event::End(_))
        {
            parent.children = Some(match parent.children.take() {
                Some(span) => span.start.min(range.start)..span.end.max(range.end),
                None => range.clone(),
            });
        }
        match event {
            Event::Start(tag) => {
                let open = match tag {
                    Tag::Heading { level, .. } => Open::Heading(level as u8),
                    Tag::Emphasis => Open::Styled(InlineStyle::Emphasis),
                    Tag::Strong => Open::Styled(InlineStyle::Strong),
                    Tag::Link { .. } | Tag::Image { .. } => Open::Styled(InlineStyle::Link),
                    Tag::CodeBlock(_) => Open::CodeBlock,
                    Tag::Item => Open::Item,
                    _ => Open::Other,
                };
                stack.push(Frame {
                    open,
                    range,
                    children: None,
                });
            }
            Event::End(end) => {
                let Some(frame) = stack.pop() else {
                    continue;
                };
                if matches!(end, TagEnd::Paragraph) {
                    continue;
                }
                close(frame, text, &mut styles, &mut headings);
            }
            Event::Code(_) => {
                let ticks = text[range.clone()]
                    .chars()
                    .take_while(|c| *c == '`')
                    .count();
                let inner = (range.start + ticks)
                    ..(range.end.saturating_sub(ticks)).max(range.start + ticks);
                styles.push((range.start..inner.start, InlineStyle::Markup));
                styles.push((inner.clone(), InlineStyle::Code));
                styles.push((inner.end..range.end, InlineStyle::Markup));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                styles.push((range, InlineStyle::Markup));
            }
            _ => {}
        }
    }
    to_structure(text, styles, headings)
}

fn close(
    frame: Frame,
    text: &str,
    styles: &mut Vec<(Range<usize>, InlineStyle)>,
    headings: &mut Vec<(Range<usize>, u8)>,
) {
    let range = trim_newlines(text, frame.range);
    let inner = frame
        .children
        .map_or(range.end..range.end, |c| trim_newlines(text, c));
    let before = range.start..inner.start.max(range.start);
    let after = inner.end.min(range.end)..range.end;
    match frame.open {
        Open::Heading(level) => {
            styles.push((range.clone(), InlineStyle::Heading(level)));
            styles.push((before, InlineStyle::Markup));
            styles.push((after, InlineStyle::Markup));
            headings.push((inner, level));
        }
        Open::Styled(style) => {
            styles.push((before, InlineStyle::Markup));
            styles.push((inner, style));
            styles.push((after, InlineStyle::Markup));
        }
        Open::CodeBlock => {
            styles.push((before, InlineStyle::Markup));
            styles.push((inner, InlineStyle::Code));
            styles.push((after, InlineStyle::Markup));
        }
        Open::Item => {
            // The bullet or number and its space, when they share the item's first line.
            if before.len() <= 8 && !text[before.clone()].contains('\n') {
                styles.push((before, InlineStyle::Markup));
            }
        }
        Open::Other => {}
    }
}

/// The range without the line breaks at its ends.
fn trim_newlines(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start_matches('\n').len());
    let end = range.end - (piece.len() - piece.trim_end_matches(['\n', '\r']).len());
    start..end.max(start)
}

/// Byte ranges → char ranges (one pass over the text), sorted.
fn to_structure(
    text: &str,
    styles: Vec<(Range<usize>, InlineStyle)>,
    headings: Vec<(Range<usize>, u8)>,
) -> DocumentStructure {
    let mut offsets: Vec<usize> = styles
        .iter()
        .map(|(r, _)| r)
        .chain(headings.iter().map(|(r, _)| r))
        .flat_map(|r| [r.start, r.end])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut chars_at = Vec::with_capacity(offsets.len());
    let mut wanted = offsets.iter().peekable();
    let ends = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    for (count, (byte, _)) in ends.enumerate() {
        while let Some(&&next) = wanted.peek() {
            if next > byte {
                break;
            }
            chars_at.push(count);
            wanted.next();
        }
    }
    let char_of = |byte: usize| {
        offsets
            .binary_search(&byte)
            .ok()
            .and_then(|index| chars_at.get(index).copied())
            .unwrap_or(0)
    };
    let convert = |r: &Range<usize>| CharRange::new(char_of(r.start), char_of(r.end));
    let mut structure = DocumentStructure::of_format(SourceFormat::Markdown);
    structure.styles = styles
        .iter()
        .filter(|(r, _)| r.start < r.end)
        .map(|(r, style)| StyledRange {
            range: convert(r),
            style: *style,
        })
        .collect();
    structure
        .styles
        .sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
    structure.headings = headings
        .iter()
        .filter(|(r, _)| r.start < r.end)
        .map(|(r, level)| Heading {
            level: *level,
            range: convert(r),
        })
        .collect();
    structure.headings.sort_by_key(|h| h.range.start);
    structure
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(structure: &DocumentStructure, text: &str, style: InlineStyle) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        structure
            .styles
            .iter()
            .filter(|s| s.style == style)
            .map(|s| chars[s.range.start.0..s.range.end.0].iter().collect())
            .collect()
    }

    #[test]
    fn headings_emphasis_links_and_code_are_styled_over_the_source() {
        let text = "# Наслов\n\nSome *soft* and **strong** text, [a link](http://x.rs) and `code`.\n\n- item\n";
        let structure = markdown_structure(text);
        assert_eq!(styled(&structure, text, InlineStyle::Emphasis), ["soft"]);
        assert_eq!(styled(&structure, text, InlineStyle::Strong), ["strong"]);
        assert_eq!(styled(&structure, text, InlineStyle::Link), ["a link"]);
        assert_eq!(styled(&structure, text, InlineStyle::Code), ["code"]);
        assert_eq!(
            styled(&structure, text, InlineStyle::Markup),
            [
                "# ",
                "*",
                "*",
                "**",
                "**",
                "[",
                "](http://x.rs)",
                "`",
                "`",
                "- "
            ]
        );
        assert_eq!(
            styled(&structure, text, InlineStyle::Heading(1)),
            ["# Наслов"]
        );
        assert_eq!(structure.headings.len(), 1);
        assert_eq!(structure.headings[0].range, CharRange::new(2, 8));
        assert_eq!(structure.headings[0].level, 1);
    }

    #[test]
    fn a_setext_heading_and_a_fenced_block() {
        let text = "Title\n=====\n\n```\nlet x;\n```\n";
        let structure = markdown_structure(text);
        assert_eq!(structure.headings[0].range, CharRange::new(0, 5));
        assert_eq!(styled(&structure, text, InlineStyle::Code), ["let x;"]);
    }
}
