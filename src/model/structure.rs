//! What a document's canonical text holds besides its characters: the source
//! format, page boundaries (PDF), headings (Word, OpenDocument, HTML, EPUB,
//! Markdown), note blocks set apart from the running text (footnotes), inline
//! styles (Markdown emphasis, links) and metadata (title, author, date).
//!
//! Every range counts chars of the canonical text, so the structure never moves
//! an annotation: it only says how to show and cite the text. The extractors
//! (`crate::extract`) make it; the reader draws it; exports cite from it.

use crate::model::source_map::SourceMap;
use crate::model::text::{CharOffset, CharRange};
use std::sync::Arc;

/// The kind of file a document's text came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text (`.txt`), decoded as it is.
    #[default]
    PlainText,
    /// Markdown (`.md`): the canonical text is the Markdown source.
    Markdown,
    /// PDF: the text layer.
    Pdf,
    /// Word (`.docx`).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
    /// HTML (`.html`, `.htm`): the article text.
    Html,
    /// EPUB: chapters in spine order.
    Epub,
    /// Rich Text Format (`.rtf`).
    Rtf,
}

impl SourceFormat {
    /// The format a file name's extension says (case-insensitive), if Gloss reads it.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" => Self::PlainText,
            "md" | "markdown" => Self::Markdown,
            "pdf" => Self::Pdf,
            "docx" => Self::Docx,
            "odt" => Self::Odt,
            "html" | "htm" | "xhtml" => Self::Html,
            "epub" => Self::Epub,
            "rtf" => Self::Rtf,
            _ => return None,
        })
    }

    /// True for formats whose canonical text is the file decoded as text
    /// (plain text, Markdown); false for those whose text is extracted.
    pub fn is_text(self) -> bool {
        matches!(self, Self::PlainText | Self::Markdown)
    }
}

/// Where one page begins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageStart {
    /// First char of the page in the canonical text.
    pub start: CharOffset,
    /// The page's label as a citation gives it: the printed label when the
    /// file has one (`"xii"`, `"12"`), else its number counted from 1.
    pub label: String,
}

/// A heading and the text it spans up to the next heading of its level or above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 for a title/chapter, 2 for a section, and so on.
    pub level: u8,
    /// The heading's own text in the canonical text.
    pub range: CharRange,
}

/// A block of the canonical text that is a note (footnote, endnote), shown set
/// apart from the running text; the paragraph it interrupts stays whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteBlock {
    /// The note's text, its marker included.
    pub range: CharRange,
    /// The note's marker as printed (`"24"`, `"*"`), if it has one.
    pub marker: Option<String>,
}

/// How a run of text is shown (the offsets are unchanged).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineStyle {
    /// Emphasis (italic).
    Emphasis,
    /// Strong emphasis (bold).
    Strong,
    /// Heading text of a level (1 = largest).
    Heading(u8),
    /// A link's text.
    Link,
    /// Code.
    Code,
    /// Markup characters (`#`, `*`, `[`…) shown faint.
    Markup,
}

/// An inline style over a range of the canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StyledRange {
    /// The styled text.
    pub range: CharRange,
    /// How it is shown.
    pub style: InlineStyle,
}

/// The pages a passage is on, for a citation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageSpan {
    /// The label of the page the passage starts on.
    pub first: String,
    /// The label of the page it ends on (equal to `first` on one page).
    pub last: String,
}

impl PageSpan {
    /// The citation form: `p. 12` on one page, `pp. 12–13` across pages.
    pub fn citation(&self) -> String {
        if self.first == self.last {
            format!("p. {}", self.first)
        } else {
            format!("pp. {}–{}", self.first, self.last)
        }
    }
}

/// Everything about a document's text besides its characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentStructure {
    /// The kind of file the text came from.
    pub format: SourceFormat,
    /// Page starts in text order; empty for a text without pages.
    pub pages: Vec<PageStart>,
    /// Headings in text order.
    pub headings: Vec<Heading>,
    /// Note blocks in text order, not overlapping.
    pub notes: Vec<NoteBlock>,
    /// Inline styles in text order (they may nest).
    pub styles: Vec<StyledRange>,
    /// Metadata from the file (`title`, `author`, `date`…), in the file's order.
    pub metadata: Vec<(String, String)>,
    /// The map back to the raw text the canonical text was reflowed from
    /// (PDF); shared, as it holds that whole raw text.
    pub source_map: Option<Arc<SourceMap>>,
}

impl DocumentStructure {
    /// The structure of a text of `format` with nothing else known.
    pub fn of_format(format: SourceFormat) -> Self {
        Self {
            format,
            ..Self::default()
        }
    }

    /// The index in [`Self::pages`] of the page holding `offset`, if the text has pages.
    pub fn page_index_at(&self, offset: CharOffset) -> Option<usize> {
        let after = self.pages.partition_point(|page| page.start <= offset);
        match after {
            0 if self.pages.is_empty() => None,
            0 => Some(0),
            n => Some(n - 1),
        }
    }

    /// The pages `range` is on (its last char decides the last page), if the text has pages.
    pub fn page_span(&self, range: CharRange) -> Option<PageSpan> {
        let first = self.page_index_at(range.start)?;
        let last_char = CharOffset(range.end.0.saturating_sub(1).max(range.start.0));
        let last = self.page_index_at(last_char)?;
        Some(PageSpan {
            first: self.pages[first].label.clone(),
            last: self.pages[last].label.clone(),
        })
    }

    /// The headings `offset` sits under, outermost first: for each level, the
    /// last heading starting at or before `offset` that no heading of a higher
    /// level follows.
    pub fn heading_path_at(&self, offset: CharOffset) -> Vec<&Heading> {
        let mut path: Vec<&Heading> = Vec::new();
        for heading in self.headings.iter().take_while(|h| h.range.start <= offset) {
            while path.last().is_some_and(|open| open.level >= heading.level) {
                path.pop();
            }
            path.push(heading);
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(starts: &[usize]) -> DocumentStructure {
        DocumentStructure {
            format: SourceFormat::Pdf,
            pages: starts
                .iter()
                .enumerate()
                .map(|(i, &start)| PageStart {
                    start: CharOffset(start),
                    label: (i + 1).to_string(),
                })
                .collect(),
            ..DocumentStructure::default()
        }
    }

    #[test]
    fn a_passage_is_cited_by_the_pages_it_is_on() {
        // Pages start at chars 0, 100 and 250.
        let structure = pages(&[0, 100, 250]);
        let cite = |start, end| {
            structure
                .page_span(CharRange::new(start, end))
                .map(|span| span.citation())
        };
        assert_eq!(cite(10, 20).as_deref(), Some("p. 1"));
        // Ends on the last char of page 1 (char 99): still one page.
        assert_eq!(cite(90, 100).as_deref(), Some("p. 1"));
        assert_eq!(cite(90, 101).as_deref(), Some("pp. 1–2"));
        assert_eq!(cite(260, 270).as_deref(), Some("p. 3"));
        assert_eq!(
            DocumentStructure::default().page_span(CharRange::new(0, 5)),
            None
        );
    }

    #[test]
    fn the_heading_path_closes_sections_at_a_higher_heading() {
        let heading = |level, start| Heading {
            level,
            range: CharRange::new(start, start + 5),
        };
        let structure = DocumentStructure {
            headings: vec![
                heading(1, 0),
                heading(2, 10),
                heading(2, 30),
                heading(1, 50),
            ],
            ..DocumentStructure::default()
        };
        let starts = |offset| {
            structure
                .heading_path_at(CharOffset(offset))
                .iter()
                .map(|h| h.range.start.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(starts(5), vec![0]);
        assert_eq!(starts(35), vec![0, 30]);
        assert_eq!(starts(55), vec![50]);
    }

    #[test]
    fn file_names_say_their_format() {
        assert_eq!(
            SourceFormat::from_file_name("a/Report.PDF"),
            Some(SourceFormat::Pdf)
        );
        assert_eq!(
            SourceFormat::from_file_name("notes.md"),
            Some(SourceFormat::Markdown)
        );
        assert_eq!(SourceFormat::from_file_name("image.png"), None);
        assert_eq!(SourceFormat::from_file_name("README"), None);
    }
}
