//! The two texts of the comparison: the document laid out once per coder, that
//! coder's passages in their topics' colours, the places where the coders
//! differ underlined in red (also where only the other coder coded), the chosen
//! difference in the find colour. Each text is one galley, laid out again only
//! when the comparison, the choice, the width or the theme changes; a pending
//! scroll brings the chosen difference into view. A click on a marked place in
//! one text chooses it and scrolls the other text to it.

use crate::app::theme;
use crate::model::agreement::compare::{CoderComparison, Side};
use crate::model::ids::AnnotationId;
use crate::model::text::{CanonicalText, CharRange};
use crate::model::workspace::Workspace;
use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextWrapping};
use egui::{FontId, Galley, RichText, Stroke, TextFormat};
use std::collections::HashMap;
use std::sync::Arc;

/// Thickness of the underline that marks a difference.
const DIFFERENCE_UNDERLINE_POINTS: f32 = 2.0;
/// Size of the compared texts.
const TEXT_POINTS: f32 = 14.0;

/// What a pane's galley was laid out for.
#[derive(Clone, Debug, PartialEq)]
struct PaneKey {
    revision: u64,
    document: String,
    coder: String,
    other: String,
    selected: Option<usize>,
    width_points: u32,
    dark_mode: bool,
}

/// What the two texts keep between frames: the difference chosen, a pending
/// scroll and each pane's laid-out text.
#[derive(Default)]
pub(super) struct Panes {
    /// The difference clicked (index into the comparison's places).
    pub(super) selected: Option<usize>,
    /// Scroll each text to this place next frame (A, B).
    pub(super) scroll_to: [Option<usize>; 2],
    pub(super) caches: [PaneCache; 2],
}

/// One pane's laid-out text.
#[derive(Default)]
pub(super) struct PaneCache {
    laid_out: Option<(PaneKey, Arc<Galley>)>,
    /// How far the text was scrolled down in the last frame.
    pub(super) offset_points: f32,
}

/// One coder's passage as a pane paints it.
struct Mark {
    range: CharRange,
    /// Topic colour; `None` where only the other coder coded.
    color: Option<egui::Color32>,
    difference: bool,
    selected: bool,
}

/// The two texts side by side, A left and B right.
pub(super) fn panes_ui(
    ui: &mut egui::Ui,
    state: &mut Panes,
    workspace: &Workspace,
    comparison: &CoderComparison,
    names: [&str; 2],
) {
    let Some(loaded) = workspace.text(&comparison.document) else {
        ui.label(RichText::new("The text of this document is not loaded.").weak());
        return;
    };
    ui.columns(2, |columns| {
        for (side, column) in columns.iter_mut().enumerate() {
            let is_first = side == 0;
            let own = comparison
                .passages
                .iter()
                .filter_map(|p| {
                    if is_first {
                        p.first.as_ref()
                    } else {
                        p.second.as_ref()
                    }
                })
                .map(|s| &s.id)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let letter = if is_first { "A" } else { "B" };
            column.label(
                RichText::new(format!("{letter}: {} ({own} passages)", names[side])).strong(),
            );
            pane_ui(column, state, workspace, comparison, &loaded.text, is_first);
        }
    });
}

fn pane_ui(
    ui: &mut egui::Ui,
    state: &mut Panes,
    workspace: &Workspace,
    comparison: &CoderComparison,
    text: &CanonicalText,
    is_first: bool,
) {
    let side = usize::from(!is_first);
    let width = (ui.available_width() - ui.spacing().scroll.allocated_width() - 4.0).max(80.0);
    let dark_mode = ui.visuals().dark_mode;
    let key = PaneKey {
        revision: workspace.project.revision,
        document: comparison.document.as_str().to_owned(),
        coder: if is_first {
            &comparison.first
        } else {
            &comparison.second
        }
        .clone(),
        other: if is_first {
            &comparison.second
        } else {
            &comparison.first
        }
        .clone(),
        selected: state.selected,
        width_points: width.round() as u32,
        dark_mode,
    };
    let cache = &mut state.caches[side];
    let galley = match &cache.laid_out {
        Some((cached, galley)) if *cached == key => galley.clone(),
        _ => {
            let marks = marks(workspace, comparison, state.selected, is_first);
            let job = pane_job(text, &marks, width, dark_mode);
            let galley = ui.ctx().fonts_mut(|fonts| fonts.layout_job(job));
            cache.laid_out = Some((key, galley.clone()));
            galley
        }
    };
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("coder-compare-pane", side))
        .auto_shrink([false, false]);
    if let Some(place) = state.scroll_to[side].take()
        && let Some(place) = comparison.passages.get(place)
    {
        let cursor = egui::text::CCursor::new(place.span().start.0);
        let y = galley.pos_from_cursor(cursor).min.y;
        // Within the text, so that the scroll does not spring back over frames.
        let max_offset = (galley.size().y - ui.available_height()).max(0.0);
        area = area.vertical_scroll_offset((y - 40.0).clamp(0.0, max_offset));
    }
    let output = area.show(ui, |ui| {
        let label = egui::Label::new(galley.clone())
            .selectable(false)
            .sense(egui::Sense::click());
        let response = ui.add(label);
        response
            .interact_pointer_pos()
            .filter(|_| response.clicked())
            .map(|pos| galley.cursor_from_pos(pos - response.rect.min).index.0)
    });
    state.caches[side].offset_points = output.state.clamped_offset().y;
    // A click on a marked place chooses it and brings the other text there.
    if let Some(offset) = output.inner
        && let Some(place) = place_at(comparison, is_first, offset)
    {
        state.selected = Some(place);
        state.scroll_to[1 - side] = Some(place);
    }
}

/// The place pane A (`is_first`) or B marks at char `offset`: the shortest
/// difference there, else the shortest agreement.
fn place_at(comparison: &CoderComparison, is_first: bool, offset: usize) -> Option<usize> {
    comparison
        .passages
        .iter()
        .enumerate()
        .filter(|(_, place)| {
            let (own, other) = if is_first {
                (&place.first, &place.second)
            } else {
                (&place.second, &place.first)
            };
            own.as_ref()
                .or(other.as_ref())
                .is_some_and(|side| side.range.start.0 <= offset && offset < side.range.end.0)
        })
        .min_by_key(|(_, place)| (!place.kind.is_difference(), place.span().len_chars()))
        .map(|(index, _)| index)
}

/// What pane A (`is_first`) or B paints: the coder's passages, and the places
/// where only the other coder coded.
fn marks(
    workspace: &Workspace,
    comparison: &CoderComparison,
    selected: Option<usize>,
    is_first: bool,
) -> Vec<Mark> {
    let project = &workspace.project;
    let topic_colors: HashMap<_, _> = project
        .codebook
        .topics
        .iter()
        .map(|t| (&t.id, theme::code_color(t.color)))
        .collect();
    let color_of = |id: &AnnotationId| {
        Some(
            project
                .annotation(id)
                .and_then(|a| a.topics.iter().find_map(|t| topic_colors.get(t).copied()))
                .unwrap_or(theme::UNTOPICED_PASSAGE_COLOR),
        )
    };
    let mut marks: Vec<Mark> = Vec::new();
    // A passage paired more than once (boundaries) is painted once.
    let mut own_marks: HashMap<&AnnotationId, usize> = HashMap::new();
    for (index, place) in comparison.passages.iter().enumerate() {
        let (own, other): (&Option<Side>, &Option<Side>) = if is_first {
            (&place.first, &place.second)
        } else {
            (&place.second, &place.first)
        };
        let selected = selected == Some(index);
        let difference = place.kind.is_difference();
        match (own, other) {
            (Some(own), _) => {
                if let Some(mark) = own_marks.get(&own.id).and_then(|&i| marks.get_mut(i)) {
                    mark.difference |= difference;
                    mark.selected |= selected;
                } else {
                    own_marks.insert(&own.id, marks.len());
                    marks.push(Mark {
                        range: own.range,
                        color: color_of(&own.id),
                        difference,
                        selected,
                    });
                }
            }
            (None, Some(other)) => marks.push(Mark {
                range: other.range,
                color: None,
                difference: true,
                selected,
            }),
            (None, None) => {}
        }
    }
    marks
}

/// The whole text as one job: a section per run of equal cover.
fn pane_job(text: &CanonicalText, marks: &[Mark], width: f32, dark_mode: bool) -> LayoutJob {
    let base = TextFormat {
        font_id: FontId::proportional(TEXT_POINTS),
        color: theme::reading_text(dark_mode),
        ..Default::default()
    };
    let len = text.len_chars();
    let mut cuts: Vec<usize> = vec![0, len];
    for mark in marks {
        cuts.push(mark.range.start.0.min(len));
        cuts.push(mark.range.end.0.min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut sections = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let segment = CharRange::new(pair[0], pair[1]);
        let Some(bytes) = text.byte_range(segment) else {
            continue;
        };
        let covering: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.range.start.0 <= pair[0] && pair[0] < m.range.end.0)
            .collect();
        let mut format = base.clone();
        format.background = if covering.iter().any(|m| m.selected) {
            theme::find_current_fill(dark_mode)
        } else {
            theme::highlight_fill(covering.iter().filter_map(|m| m.color), dark_mode)
        };
        if covering.iter().any(|m| m.difference) {
            format.underline =
                Stroke::new(DIFFERENCE_UNDERLINE_POINTS, theme::error_color(dark_mode));
        }
        sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(bytes.start.0)..ByteIndex(bytes.end.0),
            format,
        });
    }
    LayoutJob {
        text: text.as_str().to_owned(),
        sections,
        wrap: TextWrapping {
            max_width: width,
            ..Default::default()
        },
        break_on_newline: true,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::place_at;
    use crate::model::agreement::compare::{
        CoderComparison, ComparedPassage, ComparisonKind, Side,
    };
    use crate::model::text::CharRange;

    fn place(
        kind: ComparisonKind,
        first: Option<(usize, usize)>,
        second: Option<(usize, usize)>,
    ) -> ComparedPassage {
        let side = |range: Option<(usize, usize)>, name: &str| {
            range.map(|(start, end)| Side {
                id: format!("ann-{name}-{start}").as_str().into(),
                range: CharRange::new(start, end),
            })
        };
        ComparedPassage {
            kind,
            first: side(first, "a"),
            second: side(second, "b"),
            fields: Vec::new(),
        }
    }

    #[test]
    fn a_click_finds_the_difference_marked_there_in_either_text() {
        let comparison = CoderComparison {
            document: "doc-1".into(),
            first: "Ana".into(),
            second: "Ben".into(),
            passages: vec![
                place(ComparisonKind::Same, Some((0, 50)), Some((0, 50))),
                place(ComparisonKind::OnlySecond, None, Some((10, 20))),
                place(ComparisonKind::OnlyFirst, Some((60, 70)), None),
            ],
            left_out: 0,
        };
        // Inside a difference nested in an agreement: the difference, in both texts.
        assert_eq!(place_at(&comparison, true, 15), Some(1));
        assert_eq!(place_at(&comparison, false, 15), Some(1));
        assert_eq!(place_at(&comparison, true, 30), Some(0));
        assert_eq!(place_at(&comparison, false, 65), Some(2));
        assert_eq!(place_at(&comparison, true, 55), None);
    }
}
