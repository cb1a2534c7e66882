//! What the reading view derives from a document and its annotations, so that a
//! frame only touches the visible part: the paragraphs (text split at `\n`) with
//! their char ranges, and for each paragraph the annotations that overlap it.
//!
//! The paragraph split depends only on the text and is built once per document;
//! the annotation part is rebuilt when `project.revision` or the coder filter
//! changes (one pass over the project's annotations plus a binary search per
//! annotation). Passages of coders the filter leaves out are not indexed (not
//! drawn, not clickable), only counted.

use crate::app::reader::markdown_lines::markdown_paragraphs;
use crate::app::theme;
use crate::model::annotation::Annotation;
use crate::model::codebook::{Codebook, names_match};
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::structure::{DocumentStructure, NoteBlock, SourceFormat};
use crate::model::text::{ByteOffset, CanonicalText, CharOffset, CharRange};
use crate::model::workspace::Workspace;
use egui::Color32;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

/// One paragraph: the chars between two `\n` (the `\n` itself excluded), or a
/// block of hard-wrapped lines joined into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Where the paragraph is in the document's text.
    pub range: CharRange,
}

/// The paragraphs of one document text, in text order.
#[derive(Clone, Debug, Default)]
pub struct ParagraphIndex {
    /// Every paragraph, in text order; together they cover the whole text but the breaks.
    pub paragraphs: Vec<Paragraph>,
}

impl ParagraphIndex {
    /// Splits the text at every `\n`; an empty text has one empty paragraph. In a
    /// hard-wrapped text (PDF extracts, e-mails: short lines that run on) the lines of
    /// one block are joined into one paragraph, so that the reader can reflow them.
    pub fn build(text: &CanonicalText) -> Self {
        Self::build_with_structure(text, &DocumentStructure::default())
    }

    /// Like [`Self::build`], knowing the text's structure: a Markdown text is
    /// split into its blocks (the lines of a paragraph joined; headings, list
    /// items, fences and code apart); a paragraph that note blocks interrupt
    /// (footnotes between its lines, as text extracted from a PDF has them) is
    /// one paragraph from its start to the end of the text that resumes after
    /// the notes (its layout shows the notes set apart below it: `pieces.rs`).
    pub fn build_with_structure(text: &CanonicalText, structure: &DocumentStructure) -> Self {
        let source = text.as_str();
        let mut lines = Vec::with_capacity(source.len() / 64 + 1);
        let mut start_chars = 0;
        for (newline_byte, _) in source.match_indices('\n') {
            let end_chars = text
                .char_offset(ByteOffset(newline_byte))
                .map_or(start_chars, |offset| offset.0);
            lines.push(CharRange::new(start_chars, end_chars));
            start_chars = end_chars + 1;
        }
        lines.push(CharRange::new(
            start_chars.min(text.len_chars()),
            text.len_chars(),
        ));
        let paragraphs = if structure.format == SourceFormat::Markdown {
            markdown_paragraphs(&lines, text)
        } else if looks_hard_wrapped(&lines) {
            join_wrapped_lines(&lines)
        } else {
            lines
        };
        let paragraphs = join_across_notes(paragraphs, &structure.notes, text);
        Self {
            paragraphs: paragraphs
                .into_iter()
                .map(|range| Paragraph { range })
                .collect(),
        }
    }

    /// How many paragraphs the text has (at least one once built).
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    /// True before the index is built (a built index has at least one paragraph).
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The char range of paragraph `paragraph`, if there is one.
    pub fn range_of(&self, paragraph: usize) -> Option<CharRange> {
        self.paragraphs.get(paragraph).map(|p| p.range)
    }

    /// The paragraph holding `offset` (an offset on a `\n` belongs to the paragraph it ends).
    pub fn paragraph_of(&self, offset: CharOffset) -> usize {
        let after = self
            .paragraphs
            .partition_point(|paragraph| paragraph.range.start <= offset);
        after.saturating_sub(1)
    }
}

/// Lines at least this long that run on into a next line suggest hard wrapping.
const WRAPPED_LINE_MIN_CHARS: usize = 40;
/// Lines longer than this are paragraphs of their own, not wrapped lines.
const WRAPPED_LINE_MAX_CHARS: usize = 110;

/// True when most lines that are followed by another non-empty line have the length
/// of a wrapped line: then single line breaks are wrapping, not structure.
fn looks_hard_wrapped(lines: &[CharRange]) -> bool {
    let run_on_lengths: Vec<usize> = lines
        .windows(2)
        .filter(|pair| !pair[0].is_empty() && !pair[1].is_empty())
        .map(|pair| pair[0].len_chars())
        .collect();
    if run_on_lengths.len() < 8 {
        return false;
    }
    let wrapped = run_on_lengths
        .iter()
        .filter(|&&length| (WRAPPED_LINE_MIN_CHARS..=WRAPPED_LINE_MAX_CHARS).contains(&length))
        .count();
    wrapped * 10 >= run_on_lengths.len() * 7
}

/// Joins each block of consecutive non-empty lines into one range (its inner `\n`s
/// included); empty lines stay as they are.
fn join_wrapped_lines(lines: &[CharRange]) -> Vec<CharRange> {
    let mut paragraphs: Vec<CharRange> = Vec::with_capacity(lines.len() / 4 + 1);
    let mut previous_empty = true;
    for line in lines {
        match paragraphs.last_mut() {
            Some(last) if !previous_empty && !line.is_empty() => last.end = line.end,
            _ => paragraphs.push(*line),
        }
        previous_empty = line.is_empty();
    }
    paragraphs
}

/// Joins the paragraph before each run of notes, the paragraphs of the notes
/// and the paragraph where the running text resumes into one paragraph.
fn join_across_notes(
    paragraphs: Vec<CharRange>,
    notes: &[NoteBlock],
    text: &CanonicalText,
) -> Vec<CharRange> {
    if notes.is_empty() {
        return paragraphs;
    }
    let is_blank = |range: CharRange| text.slice_clamped(range).trim().is_empty();
    let mut joins: Vec<(usize, usize)> = Vec::new();
    let mut index = 0;
    while index < notes.len() {
        // A run of notes with only whitespace between them.
        let first = notes[index].range;
        let mut last = first;
        while let Some(next) = notes.get(index + 1)
            && is_blank(CharRange::new(last.end.0, next.range.start.0))
        {
            last = next.range;
            index += 1;
        }
        index += 1;
        let containing = |offset: usize| {
            paragraphs
                .partition_point(|p| p.start.0 <= offset)
                .saturating_sub(1)
        };
        // The paragraph holding the last non-blank char before the notes…
        let mut before = containing(first.start.0);
        while before > 0
            && is_blank(CharRange::new(
                paragraphs[before].start.0,
                paragraphs[before].end.0.min(first.start.0),
            ))
        {
            before -= 1;
        }
        // …and the one holding the first non-blank char after them.
        let rest = text.slice_clamped(CharRange::new(last.end.0, text.len_chars()));
        let Some(skip) = rest.chars().position(|c| !c.is_whitespace()) else {
            continue;
        };
        let after = containing(last.end.0 + skip);
        let before_blank = is_blank(CharRange::new(
            paragraphs[before].start.0,
            paragraphs[before].end.0.min(first.start.0),
        ));
        if after <= before || before_blank {
            continue;
        }
        match joins.last_mut() {
            Some(previous) if previous.1 >= before => previous.1 = previous.1.max(after),
            _ => joins.push((before, after)),
        }
    }
    let mut joined = Vec::with_capacity(paragraphs.len());
    let mut join = joins.iter().peekable();
    let mut index = 0;
    while index < paragraphs.len() {
        match join.peek() {
            Some(&&(from, to)) if from == index => {
                joined.push(CharRange::new(
                    paragraphs[from].start.0,
                    paragraphs[to].end.0,
                ));
                index = to + 1;
                join.next();
            }
            _ => {
                joined.push(paragraphs[index]);
                index += 1;
            }
        }
    }
    joined
}

/// What the reader needs to draw one annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationView {
    /// The annotation drawn.
    pub id: AnnotationId,
    /// Its passage in the document's text.
    pub range: CharRange,
    /// The first topic's colour (grey without a topic): the passage's colour.
    pub main_color: Color32,
    /// The stance's colour (the underline), if it has a known stance.
    pub stance_color: Option<Color32>,
    /// Margin lane (0 = nearest to the text): overlapping annotations get different lanes.
    pub lane: usize,
}

/// Annotations of one document, per paragraph, for one project revision.
#[derive(Clone, Debug, Default)]
pub struct AnnotationIndex {
    /// The project revision this index was built from.
    pub revision: u64,
    /// The document's non-empty annotations, sorted by start (longest first at equal starts).
    pub annotations: Vec<AnnotationView>,
    /// Indices into `annotations` overlapping paragraph `p` are
    /// `entries[entry_starts[p]..entry_starts[p + 1]]` (one flat list, no per-paragraph allocation).
    entry_starts: Vec<u32>,
    entries: Vec<u32>,
    /// Hash of what the annotations of paragraph `p` look like (for the galley cache).
    pub paragraph_hash: Vec<u64>,
    /// Most lanes used anywhere in the document.
    pub lane_count: usize,
    /// The coders whose passages are shown (compared as the retrieval filter
    /// compares them); empty for every coder.
    pub coders: Vec<String>,
    /// The document's passages the coder filter hides.
    pub hidden_by_coders: usize,
}

/// FNV-1a: a fast hasher for the few short codebook ids looked up once per annotation.
#[derive(Default)]
struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type IdColors<'a> = HashMap<&'a str, Color32, BuildHasherDefault<FnvHasher>>;

/// A cheap hash step (multiply–rotate); the galley cache only needs change detection.
fn mix(hash: u64, value: u64) -> u64 {
    (hash.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95)
}

impl AnnotationIndex {
    /// Indexes the annotations of `document` by the paragraphs they overlap and
    /// gives overlapping ones distinct margin lanes.
    pub fn build(
        workspace: &Workspace,
        document: &DocumentId,
        paragraphs: &ParagraphIndex,
    ) -> Self {
        Self::build_for_coders(workspace, document, paragraphs, &[])
    }

    /// Like [`AnnotationIndex::build`], with only the passages of `coders` (all
    /// when empty; names compared case- and whitespace-insensitively).
    pub fn build_for_coders(
        workspace: &Workspace,
        document: &DocumentId,
        paragraphs: &ParagraphIndex,
        coders: &[String],
    ) -> Self {
        let codebook = &workspace.project.codebook;
        let topic_colors: IdColors<'_> = codebook
            .topics
            .iter()
            .map(|topic| (topic.id.as_str(), theme::code_color(topic.color)))
            .collect();
        let stance_colors: IdColors<'_> = codebook
            .stances
            .iter()
            .map(|stance| (stance.id.as_str(), theme::code_color(stance.color)))
            .collect();
        let mut hidden_by_coders = 0;
        let mut annotations: Vec<AnnotationView> = workspace
            .project
            .annotations_of(document)
            // An orphan's offsets no longer hold its quote: never drawn on other text.
            .filter(|annotation| !annotation.range().is_empty() && !annotation.status.is_orphaned())
            .filter(|annotation| {
                let shown =
                    coders.is_empty() || coders.iter().any(|c| names_match(c, &annotation.coder));
                hidden_by_coders += usize::from(!shown);
                shown
            })
            .map(|annotation| view_of(annotation, &topic_colors, &stance_colors))
            .collect();
        annotations.sort_by(|a, b| {
            (a.range.start, std::cmp::Reverse(a.range.end))
                .cmp(&(b.range.start, std::cmp::Reverse(b.range.end)))
        });
        let lane_count = assign_lanes(&mut annotations);

        // Paragraph span of each annotation, then a counting sort into one flat list.
        let spans: Vec<(usize, usize)> = annotations
            .iter()
            .map(|annotation| {
                let first = paragraphs.paragraph_of(annotation.range.start);
                let last =
                    paragraphs.paragraph_of(CharOffset(annotation.range.end.0.saturating_sub(1)));
                (first, last.max(first))
            })
            .collect();
        let mut counts = vec![0_u32; paragraphs.len() + 1];
        for &(first, last) in &spans {
            for count in counts.iter_mut().take(last + 1).skip(first) {
                *count += 1;
            }
        }
        let mut entry_starts = Vec::with_capacity(counts.len());
        let mut total = 0_u32;
        for count in &counts {
            entry_starts.push(total);
            total += count;
        }
        let mut fill = entry_starts.clone();
        let mut entries = vec![0_u32; total as usize];
        for (index, &(first, last)) in spans.iter().enumerate() {
            for slot in fill.iter_mut().take(last + 1).skip(first) {
                entries[*slot as usize] = index as u32;
                *slot += 1;
            }
        }
        let mut index = Self {
            revision: workspace.project.revision,
            annotations,
            entry_starts,
            entries,
            paragraph_hash: Vec::new(),
            lane_count,
            coders: coders.to_vec(),
            hidden_by_coders,
        };
        index.paragraph_hash = (0..paragraphs.len())
            .map(|paragraph| {
                index
                    .in_paragraph(paragraph)
                    .iter()
                    .fold(0, |hash, &entry| {
                        let annotation = &index.annotations[entry as usize];
                        let hash = mix(hash, annotation.range.start.0 as u64);
                        let hash = mix(hash, annotation.range.end.0 as u64);
                        let hash = mix(
                            hash,
                            u64::from(u32::from_ne_bytes(annotation.main_color.to_array())),
                        );
                        mix(
                            hash,
                            annotation
                                .stance_color
                                .map_or(1, |c| u64::from(u32::from_ne_bytes(c.to_array()))),
                        )
                    })
            })
            .collect();
        index
    }

    /// Indices (into `annotations`) of the annotations overlapping a paragraph.
    pub fn in_paragraph(&self, paragraph: usize) -> &[u32] {
        match (
            self.entry_starts.get(paragraph),
            self.entry_starts.get(paragraph + 1),
        ) {
            (Some(&start), Some(&end)) => &self.entries[start as usize..end as usize],
            _ => &[],
        }
    }

    /// The position of an annotation in `annotations` (a linear scan: call it rarely).
    pub fn position(&self, id: &AnnotationId) -> Option<usize> {
        self.annotations
            .iter()
            .position(|annotation| &annotation.id == id)
    }

    /// Annotations of paragraph `paragraph` covering `offset`, shortest first.
    pub fn at_offset(&self, paragraph: usize, offset: CharOffset) -> Vec<&AnnotationView> {
        let mut found: Vec<&AnnotationView> = self
            .in_paragraph(paragraph)
            .iter()
            .map(|&index| &self.annotations[index as usize])
            .filter(|annotation| annotation.range.contains(offset))
            .collect();
        found.sort_by_key(|annotation| annotation.range.len_chars());
        found
    }
}

fn view_of(
    annotation: &Annotation,
    topic_colors: &IdColors<'_>,
    stance_colors: &IdColors<'_>,
) -> AnnotationView {
    AnnotationView {
        id: annotation.id.clone(),
        range: annotation.range(),
        main_color: annotation
            .topics
            .iter()
            .find_map(|topic| topic_colors.get(topic.as_str()).copied())
            .unwrap_or(theme::UNTOPICED_PASSAGE_COLOR),
        stance_color: annotation
            .stance
            .as_ref()
            .and_then(|stance| stance_colors.get(stance.as_str()).copied()),
        lane: 0,
    }
}

/// Greedy interval colouring on annotations sorted by start: each one takes the
/// lowest lane free at its start. Returns the number of lanes used.
fn assign_lanes(annotations: &mut [AnnotationView]) -> usize {
    // lane_end[l] = end of the last annotation placed in lane l.
    let mut lane_end: Vec<CharOffset> = Vec::new();
    for annotation in annotations.iter_mut() {
        let free = lane_end
            .iter()
            .position(|&end| end <= annotation.range.start);
        let lane = match free {
            Some(lane) => lane,
            None => {
                lane_end.push(CharOffset(0));
                lane_end.len() - 1
            }
        };
        lane_end[lane] = annotation.range.end;
        annotation.lane = lane;
    }
    lane_end.len()
}

/// Hash of the codebook's colours: when it changes every paragraph looks different.
pub fn codebook_colors_hash(codebook: &Codebook) -> u64 {
    let mut hasher = DefaultHasher::new();
    for topic in &codebook.topics {
        topic.id.hash(&mut hasher);
        topic.color.hash(&mut hasher);
    }
    for stance in &codebook.stances {
        stance.id.hash(&mut hasher);
        stance.color.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each paragraph as (start, end) in chars.
    fn char_ranges(index: &ParagraphIndex) -> Vec<(usize, usize)> {
        index
            .paragraphs
            .iter()
            .map(|p| (p.range.start.0, p.range.end.0))
            .collect()
    }

    #[test]
    fn paragraphs_split_at_newlines() {
        let text = CanonicalText::new("Vučić\n\nsaid ok\n".into());
        let index = ParagraphIndex::build(&text);
        let ranges = char_ranges(&index);
        assert_eq!(ranges, vec![(0, 5), (6, 6), (7, 14), (15, 15)]);
        assert_eq!(index.paragraph_of(CharOffset(5)), 0);
        assert_eq!(index.paragraph_of(CharOffset(6)), 1);
        assert_eq!(index.paragraph_of(CharOffset(9)), 2);
    }

    #[test]
    fn hard_wrapped_blocks_become_one_paragraph() {
        let line = "China can intensify its economic and trade relations with";
        let block = [line; 10].join("\n");
        let source = format!("Title\n\n{block}\n\n{block}\n");
        let text = CanonicalText::new(source.clone());
        let index = ParagraphIndex::build(&text);
        let ranges = char_ranges(&index);
        let block_chars = block.chars().count();
        assert_eq!(
            ranges,
            vec![
                (0, 5),
                (6, 6),
                (7, 7 + block_chars),
                (8 + block_chars, 8 + block_chars),
                (9 + block_chars, 9 + 2 * block_chars),
                (10 + 2 * block_chars, 10 + 2 * block_chars),
            ]
        );
        // Lines of whole paragraphs (long, or few) are kept apart.
        let long = "x".repeat(300);
        let text = CanonicalText::new([long.as_str(); 10].join("\n"));
        assert_eq!(ParagraphIndex::build(&text).len(), 10);
    }

    #[test]
    fn overlapping_annotations_get_distinct_lanes() {
        let view = |start, end| AnnotationView {
            id: AnnotationId::generate(),
            range: CharRange::new(start, end),
            main_color: theme::UNTOPICED_PASSAGE_COLOR,
            stance_color: None,
            lane: 9,
        };
        let mut annotations = vec![view(0, 10), view(2, 5), view(6, 12), view(10, 20)];
        let lanes = assign_lanes(&mut annotations);
        let assigned: Vec<usize> = annotations.iter().map(|a| a.lane).collect();
        assert_eq!(assigned, vec![0, 1, 1, 0]);
        assert_eq!(lanes, 2);
    }
}
