//! The layout jobs of one paragraph: the body's (the running text) and, when
//! note blocks interrupt it, the notes' (see `pieces.rs` for how the chars are
//! split between them). Each job has one section per run of equal annotation
//! cover and style (the annotations' background and stance underline,
//! Markdown headings, emphasis, markup; notes smaller and faint).
//!
//! A job's text is the chars of its segments in text order, with line breaks
//! shown as spaces (the text reflows) but the break before each note after
//! the first, which starts the note on a row of its own. The whitespace around the
//! notes is drawn at a tiny size, so it neither indents a note nor opens a gap.
//! Nothing is added or dropped and `\n` and ` ` are one byte each, so every
//! offset maps linearly.

use crate::app::reader::index::{AnnotationIndex, AnnotationView};
use crate::app::reader::params::{LINE_HEIGHT_FACTOR, LayoutParams};
use crate::app::reader::pieces::{Part, Segment, split_segments};
use crate::app::reader::styles::ParagraphStructure;
use crate::app::theme;
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat, TextWrapping};
use egui::{FontId, Stroke};

/// Thickness of the stance underline.
const STANCE_UNDERLINE_POINTS: f32 = 2.0;
/// Size of the whitespace around notes (present for the offsets, not seen).
const NOTE_GAP_FONT_POINTS: f32 = 1.0;
/// How far the notes are indented, in ems of the reading size.
const NOTES_INDENT_EMS: f32 = 1.5;

/// The jobs of one paragraph, with the segments that map its chars to theirs.
pub struct ParagraphJobs {
    /// Every char of the paragraph, in text order, in one of the two jobs.
    pub segments: Vec<Segment>,
    /// The running text (`None` when the paragraph is only notes).
    pub body: Option<LayoutJob>,
    /// The notes (`None` when the paragraph has none).
    pub notes: Option<LayoutJob>,
    /// The note blocks' ranges within the paragraph.
    pub note_ranges: Vec<CharRange>,
}

/// How far the notes are indented at these params.
pub fn notes_indent_points(params: &LayoutParams) -> f32 {
    (params.font_size_points * NOTES_INDENT_EMS).round()
}

/// Where a segment's chars are in the document's text and in its job's text.
#[derive(Clone, Copy)]
struct SegmentBytes {
    canonical_start: usize,
    galley_start: usize,
}

/// The jobs of paragraph `paragraph` (chars `range`).
pub fn paragraph_jobs(
    params: &LayoutParams,
    text: &CanonicalText,
    range: CharRange,
    annotations: &AnnotationIndex,
    paragraph: usize,
    structure: &ParagraphStructure<'_>,
) -> ParagraphJobs {
    let paragraph_text = text.slice_clamped(range);
    let note_ranges: Vec<CharRange> = structure
        .note_ranges()
        .map(|note| CharRange::new(note.start.0.max(range.start.0), note.end.0.min(range.end.0)))
        .filter(|note| !note.is_empty())
        .collect();
    let (segments, body_text, notes_text) = if note_ranges.is_empty() {
        let segment = Segment {
            chars: range,
            part: Part::Body,
            galley_start: 0,
        };
        (
            vec![segment],
            paragraph_text.replace('\n', " "),
            String::new(),
        )
    } else {
        split_texts(paragraph_text, range, &note_ranges)
    };
    let bytes: Vec<SegmentBytes> = segment_bytes(text, &segments);
    let (body_sections, notes_sections) = sections(
        params,
        text,
        range,
        annotations,
        paragraph,
        structure,
        &segments,
        &bytes,
    );
    let job = |text: String, sections: Vec<LayoutSection>, width: f32| LayoutJob {
        text,
        sections,
        wrap: TextWrapping {
            max_width: width,
            ..Default::default()
        },
        break_on_newline: true,
        round_output_to_gui: true,
        ..Default::default()
    };
    let has_body = segments.iter().any(|s| s.part == Part::Body);
    let has_notes = segments.iter().any(|s| s.part == Part::Notes);
    ParagraphJobs {
        body: has_body.then(|| job(body_text, body_sections, params.wrap_width_points)),
        notes: has_notes.then(|| {
            let width = (params.wrap_width_points - notes_indent_points(params)).max(40.0);
            job(notes_text, notes_sections, width)
        }),
        segments,
        note_ranges,
    }
}

/// The segments of a paragraph with notes, and the texts of the two jobs.
fn split_texts(
    paragraph_text: &str,
    range: CharRange,
    note_ranges: &[CharRange],
) -> (Vec<Segment>, String, String) {
    let chars: Vec<char> = paragraph_text.chars().collect();
    let local: Vec<CharRange> = note_ranges
        .iter()
        .map(|note| CharRange::new(note.start.0 - range.start.0, note.end.0 - range.start.0))
        .collect();
    let in_note = |index: usize| local.iter().any(|note| note.contains(CharOffset(index)));
    let mut body = String::with_capacity(paragraph_text.len());
    let mut notes: Vec<(char, bool)> = Vec::new();
    let mut body_chars = 0;
    let mut segments = Vec::new();
    for (local_range, part) in split_segments(&chars, &local) {
        let slice = &chars[local_range.start.0..local_range.end.0];
        let galley_start = match part {
            Part::Body => {
                body.extend(slice.iter().map(|&c| shown_char(c)));
                body_chars += slice.len();
                body_chars - slice.len()
            }
            Part::Notes => {
                let start = notes.len();
                notes.extend(
                    (local_range.start.0..local_range.end.0).map(|i| (chars[i], in_note(i))),
                );
                start
            }
        };
        segments.push(Segment {
            chars: CharRange::new(
                range.start.0 + local_range.start.0,
                range.start.0 + local_range.end.0,
            ),
            part,
            galley_start,
        });
    }
    (segments, body, notes_text(&notes))
}

/// The notes job's text: line breaks as spaces but the last one before each
/// note after the first.
fn notes_text(chars: &[(char, bool)]) -> String {
    let mut keep = vec![false; chars.len()];
    let mut seen_note = false;
    for index in 0..chars.len() {
        let starts_note = chars[index].1 && (index == 0 || !chars[index - 1].1);
        if !starts_note {
            continue;
        }
        if seen_note {
            let mut back = index;
            while back > 0 && !chars[back - 1].1 {
                back -= 1;
                if chars[back].0 == '\n' {
                    keep[back] = true;
                    break;
                }
            }
        }
        seen_note = true;
    }
    chars
        .iter()
        .zip(keep)
        .map(|(&(c, _), keep)| if c == '\n' && keep { c } else { shown_char(c) })
        .collect()
}

/// How a char of the running text is shown: a line break reflows, as a space
/// (one byte like it); a tab stays (drawn as blank space, see `theme`).
fn shown_char(c: char) -> char {
    if c == '\n' { ' ' } else { c }
}

/// Byte starts of each segment in the document's text and in its job's text.
fn segment_bytes(text: &CanonicalText, segments: &[Segment]) -> Vec<SegmentBytes> {
    let mut body_bytes = 0;
    let mut notes_bytes = 0;
    segments
        .iter()
        .map(|segment| {
            let bytes = text.byte_range(segment.chars);
            let (start, len) = bytes.map_or((0, 0), |b| (b.start.0, b.end.0 - b.start.0));
            let counter = match segment.part {
                Part::Body => &mut body_bytes,
                Part::Notes => &mut notes_bytes,
            };
            let galley_start = *counter;
            *counter += len;
            SegmentBytes {
                canonical_start: start,
                galley_start,
            }
        })
        .collect()
}

/// The sections of the body job and of the notes job.
#[expect(
    clippy::too_many_arguments,
    reason = "one paragraph's inputs, passed through from `paragraph_jobs`"
)]
fn sections(
    params: &LayoutParams,
    text: &CanonicalText,
    range: CharRange,
    annotations: &AnnotationIndex,
    paragraph: usize,
    structure: &ParagraphStructure<'_>,
    segments: &[Segment],
    bytes: &[SegmentBytes],
) -> (Vec<LayoutSection>, Vec<LayoutSection>) {
    let base_format = TextFormat {
        font_id: params.font_id(),
        line_height: Some(params.line_height_points()),
        color: params.text_color(),
        expand_bg: 0.0,
        valign: egui::Align::Center,
        ..Default::default()
    };
    let covering_all: Vec<&AnnotationView> = annotations
        .in_paragraph(paragraph)
        .iter()
        .map(|&index| &annotations.annotations[index as usize])
        .collect();

    // Boundaries where the set of covering annotations, the style or the segment changes.
    let mut cuts: Vec<usize> = vec![range.start.0, range.end.0];
    let inner = |offset: usize| offset > range.start.0 && offset < range.end.0;
    for annotation in &covering_all {
        cuts.extend(
            [annotation.range.start.0, annotation.range.end.0]
                .into_iter()
                .filter(|&o| inner(o)),
        );
    }
    for styled in structure.ranges() {
        cuts.extend(
            [styled.start.0, styled.end.0]
                .into_iter()
                .filter(|&o| inner(o)),
        );
    }
    if segments.len() > 1 {
        cuts.extend(
            segments
                .iter()
                .map(|s| s.chars.start.0)
                .filter(|&o| inner(o)),
        );
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut body = Vec::with_capacity(cuts.len());
    let mut notes = Vec::new();
    let mut segment = 0;
    for pair in cuts.windows(2) {
        let run = CharRange::new(pair[0], pair[1]);
        while segment + 1 < segments.len() && segments[segment].chars.end.0 <= run.start.0 {
            segment += 1;
        }
        let (Some(run_bytes), Some(info), Some(seg_bytes)) = (
            text.byte_range(run),
            segments.get(segment),
            bytes.get(segment),
        ) else {
            continue;
        };
        let mut covering: Vec<&AnnotationView> = covering_all
            .iter()
            .copied()
            .filter(|annotation| annotation.range.contains(run.start))
            .collect();
        covering.sort_by_key(|annotation| annotation.range.len_chars());
        let mut format = base_format.clone();
        format.background = theme::highlight_fill(
            covering.iter().map(|annotation| annotation.main_color),
            params.dark_mode,
        );
        let scale = structure.apply(run.start, params.dark_mode, &mut format);
        let in_gap = info.part == Part::Notes && !structure.in_note(run.start);
        if in_gap {
            format.font_id = FontId::new(NOTE_GAP_FONT_POINTS, format.font_id.family.clone());
            format.line_height = Some(NOTE_GAP_FONT_POINTS);
        } else if scale != 1.0 {
            let size = params.font_size_points * scale;
            format.font_id.size = size.round();
            format.line_height = Some((size * LINE_HEIGHT_FACTOR).round());
        }
        if let Some(stance) = covering
            .iter()
            .find_map(|annotation| annotation.stance_color)
        {
            format.underline = Stroke::new(STANCE_UNDERLINE_POINTS, stance);
        }
        let start = seg_bytes.galley_start + (run_bytes.start.0 - seg_bytes.canonical_start);
        let end = start + (run_bytes.end.0 - run_bytes.start.0);
        let section = LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(start)..ByteIndex(end),
            format,
        };
        match info.part {
            Part::Body => body.push(section),
            Part::Notes => notes.push(section),
        }
    }
    (body, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_one_break_before_each_note_but_the_first() {
        let text = "\n\n \n24  A,\nb. \n\n25  C. \n ";
        let chars: Vec<(char, bool)> = text
            .chars()
            .enumerate()
            .map(|(index, c)| (c, (4..14).contains(&index) || (17..23).contains(&index)))
            .collect();
        assert_eq!(notes_text(&chars), "    24  A, b.  \n25  C.   ");
        assert_eq!(notes_text(&chars).len(), text.len());
    }

    #[test]
    fn the_text_before_a_note_and_after_it_are_one_body() {
        let text = "named “friend”, \n\n \n24  Politika, 2019. \n followed by";
        let note_start = text.chars().position(|c| c == '2').unwrap_or(0);
        let note = CharRange::new(note_start, note_start + "24  Politika, 2019.".len());
        let (segments, body, notes) =
            split_texts(text, CharRange::new(0, text.chars().count()), &[note]);
        assert_eq!(body, "named “friend”, followed by");
        assert_eq!(notes, "    24  Politika, 2019.   ");
        let parts: Vec<(Part, usize)> = segments.iter().map(|s| (s.part, s.galley_start)).collect();
        assert_eq!(
            parts,
            vec![(Part::Body, 0), (Part::Notes, 0), (Part::Body, 16)]
        );
    }

    #[test]
    fn a_structure_heading_is_set_larger_and_a_tab_stays_a_tab() {
        use crate::model::structure::{DocumentStructure, Heading};
        // A Word heading ("Report", chars 0..6) has no Markdown style, only a
        // heading in the structure; the table row after it has a tab.
        let text = CanonicalText::new("Report\nName\tValue".to_owned());
        let structure = DocumentStructure {
            headings: vec![Heading {
                level: 1,
                range: CharRange::new(0, 6),
            }],
            ..DocumentStructure::default()
        };
        let params = LayoutParams {
            wrap_width_points: 400.0,
            font_size_points: 16.0,
            dark_mode: false,
            pixels_per_point: 1.0,
            codebook_colors_hash: 0,
        };
        let annotations = AnnotationIndex::default();
        let jobs_of = |range: CharRange| {
            let paragraph = ParagraphStructure::of(&structure, range);
            paragraph_jobs(&params, &text, range, &annotations, 0, &paragraph)
                .body
                .expect("a body")
        };
        let heading = jobs_of(CharRange::new(0, 6));
        let size = |job: &LayoutJob| job.sections[0].format.font_id.size;
        assert_eq!(
            size(&heading),
            24.0,
            "level 1 is 1.5 times the reading size"
        );
        let row = jobs_of(CharRange::new(7, 17));
        assert_eq!(row.text, "Name\tValue");
        assert_eq!(size(&row), 16.0);
    }
}
