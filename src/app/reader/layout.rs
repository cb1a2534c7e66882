//! Laying out the reading view's paragraphs lazily, and remembering where they are.
//!
//! Each paragraph is laid out as a [`ParagraphLayout`]: its body galley and,
//! when footnotes interrupt it, a notes galley below (`jobs.rs` builds their
//! layout jobs, `pieces.rs` places them). Layouts are cached per
//! paragraph and only rebuilt when the wrap width, font size, colour scheme,
//! pixel density or that paragraph's annotations change. Paragraphs that were
//! never laid out get an estimated height (chars per row × line height), so a
//! multi-megabyte document costs only its visible paragraphs per frame.

use crate::app::reader::index::{AnnotationIndex, ParagraphIndex};
use crate::app::reader::jobs::{notes_indent_points, paragraph_jobs};
use crate::app::reader::params::LayoutParams;
use crate::app::reader::pieces::ParagraphLayout;
use crate::app::reader::styles::ParagraphStructure;
use crate::model::structure::DocumentStructure;
use crate::model::text::{CanonicalText, CharRange};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Keep at most this many galleys; older unused ones are dropped.
const MAX_CACHED_GALLEYS: usize = 1500;

struct CachedGalley {
    annotations_hash: u64,
    galley: Arc<ParagraphLayout>,
    last_used_frame: u64,
}

/// Galleys and paragraph heights for one document.
#[derive(Default)]
pub struct ParagraphLayouts {
    params: Option<LayoutParams>,
    galleys: HashMap<usize, CachedGalley>,
    /// Height of each paragraph, measured or estimated.
    heights_points: Vec<f32>,
    /// `tops_points[p]` is the y of paragraph `p` from the top of the text; one extra entry at the end.
    tops_points: Vec<f32>,
    tops_dirty: bool,
    /// Estimated chars per row at the current params.
    chars_per_row: f32,
    frame: u64,
    atlas_fill_ratio: f32,
    /// How many galleys were laid out in the current frame (for tests and benches).
    pub laid_out_this_frame: usize,
}

impl ParagraphLayouts {
    /// Starts a frame: drops everything that the new params or a rebuilt font atlas make stale.
    pub fn begin_frame(
        &mut self,
        ctx: &egui::Context,
        params: LayoutParams,
        text: &CanonicalText,
        paragraphs: &ParagraphIndex,
    ) {
        self.frame += 1;
        self.laid_out_this_frame = 0;
        let atlas_fill_ratio = ctx.fonts(|fonts| fonts.font_atlas_fill_ratio());
        let atlas_rebuilt = atlas_fill_ratio < self.atlas_fill_ratio;
        self.atlas_fill_ratio = atlas_fill_ratio;
        let params_changed = self.params != Some(params);
        if params_changed || atlas_rebuilt {
            self.galleys.clear();
        }
        if params_changed || self.heights_points.len() != paragraphs.len() {
            self.params = Some(params);
            self.chars_per_row = estimate_chars_per_row(ctx, &params, text);
            self.heights_points = paragraphs
                .paragraphs
                .iter()
                .map(|paragraph| self.estimated_height(&params, paragraph.range.len_chars()))
                .collect();
            self.tops_dirty = true;
        }
        if self.galleys.len() > MAX_CACHED_GALLEYS {
            let frame = self.frame;
            self.galleys
                .retain(|_, cached| frame.saturating_sub(cached.last_used_frame) < 3);
        }
    }

    fn estimated_height(&self, params: &LayoutParams, len_chars: usize) -> f32 {
        if len_chars == 0 {
            return params.blank_line_height_points();
        }
        let rows = (len_chars as f32 / self.chars_per_row.max(1.0))
            .ceil()
            .max(1.0);
        rows * params.line_height_points()
    }

    /// The y of every paragraph's top, plus the total height as the last entry.
    pub fn tops_points(&mut self) -> &[f32] {
        if self.tops_dirty || self.tops_points.len() != self.heights_points.len() + 1 {
            self.tops_points.clear();
            self.tops_points.reserve(self.heights_points.len() + 1);
            let mut y = 0.0;
            for height in &self.heights_points {
                self.tops_points.push(y);
                y += height;
            }
            self.tops_points.push(y);
            self.tops_dirty = false;
        }
        &self.tops_points
    }

    /// Height of all paragraphs together (measured where laid out, else estimated).
    pub fn total_height_points(&mut self) -> f32 {
        self.tops_points().last().copied().unwrap_or(0.0)
    }

    /// The y of a paragraph's top from the top of the text (past the end: the total height).
    pub fn top_of(&mut self, paragraph: usize) -> f32 {
        let tops = self.tops_points();
        tops.get(paragraph).or(tops.last()).copied().unwrap_or(0.0)
    }

    /// The top of a paragraph as computed at the end of the last frame (no recomputation).
    pub fn cached_top(&self, paragraph: usize) -> Option<f32> {
        if self.tops_dirty {
            return None;
        }
        self.tops_points.get(paragraph).copied()
    }

    /// A paragraph's height, measured or estimated (0 past the end).
    pub fn height_of(&self, paragraph: usize) -> f32 {
        self.heights_points.get(paragraph).copied().unwrap_or(0.0)
    }

    /// Paragraphs that intersect `[top, bottom)` (in text coordinates).
    pub fn paragraphs_in(&mut self, top_points: f32, bottom_points: f32) -> Range<usize> {
        let tops = self.tops_points();
        let count = tops.len().saturating_sub(1);
        let first = tops[..count]
            .partition_point(|&top| top <= top_points)
            .saturating_sub(1);
        let end = tops[..count].partition_point(|&top| top < bottom_points);
        first..end.max(first).min(count)
    }

    /// The paragraph at text y (clamped to the first/last paragraph).
    pub fn paragraph_at_y(&mut self, y_points: f32) -> usize {
        let tops = self.tops_points();
        let count = tops.len().saturating_sub(1);
        tops[..count]
            .partition_point(|&top| top <= y_points)
            .saturating_sub(1)
    }

    /// The cached layout of a paragraph, if it is laid out and still current.
    pub fn cached(
        &self,
        paragraph: usize,
        annotations: &AnnotationIndex,
    ) -> Option<Arc<ParagraphLayout>> {
        let hash = annotations
            .paragraph_hash
            .get(paragraph)
            .copied()
            .unwrap_or(0);
        self.galleys
            .get(&paragraph)
            .filter(|cached| cached.annotations_hash == hash)
            .map(|cached| cached.galley.clone())
    }

    /// The layout of a paragraph, laid out now if needed; `None` for an empty paragraph.
    pub fn galley(
        &mut self,
        ctx: &egui::Context,
        paragraph: usize,
        text: &CanonicalText,
        paragraphs: &ParagraphIndex,
        annotations: &AnnotationIndex,
        structure: &DocumentStructure,
    ) -> Option<Arc<ParagraphLayout>> {
        let params = self.params?;
        let range = paragraphs.paragraphs.get(paragraph)?.range;
        if range.is_empty() {
            return None;
        }
        let hash = annotations
            .paragraph_hash
            .get(paragraph)
            .copied()
            .unwrap_or(0);
        let frame = self.frame;
        if let Some(cached) = self.galleys.get_mut(&paragraph)
            && cached.annotations_hash == hash
        {
            cached.last_used_frame = frame;
            return Some(cached.galley.clone());
        }
        let jobs = paragraph_jobs(
            &params,
            text,
            range,
            annotations,
            paragraph,
            &ParagraphStructure::of(structure, range),
        );
        let (body, notes) = ctx.fonts_mut(|fonts| {
            (
                jobs.body.map(|job| fonts.layout_job(job)),
                jobs.notes.map(|job| fonts.layout_job(job)),
            )
        });
        let galley = Arc::new(ParagraphLayout::new(
            range,
            jobs.segments,
            body,
            notes,
            jobs.note_ranges,
            params.line_height_points(),
            notes_indent_points(&params),
        ));
        self.laid_out_this_frame += 1;
        let height = galley.height.max(params.line_height_points());
        if let Some(slot) = self.heights_points.get_mut(paragraph)
            && *slot != height
        {
            *slot = height;
            self.tops_dirty = true;
        }
        self.galleys.insert(
            paragraph,
            CachedGalley {
                annotations_hash: hash,
                galley: galley.clone(),
                last_used_frame: frame,
            },
        );
        Some(galley)
    }
}

/// Average width of the document's chars at this font size → chars per wrapped row.
fn estimate_chars_per_row(ctx: &egui::Context, params: &LayoutParams, text: &CanonicalText) -> f32 {
    let font_id = params.font_id();
    let sample = text.slice_clamped(CharRange::new(0, 4000));
    let (total_width, count) = ctx.fonts_mut(|fonts| {
        sample
            .chars()
            .filter(|c| *c != '\n')
            .fold((0.0_f32, 0_usize), |(width, count), c| {
                (width + fonts.glyph_width(&font_id, c), count + 1)
            })
    });
    let average_width = if count == 0 || total_width <= 0.0 {
        params.font_size_points * 0.5
    } else {
        total_width / count as f32
    };
    // Word wrapping leaves the end of most rows empty.
    (params.wrap_width_points / average_width * 0.94).max(8.0)
}
