//! The panel's upper part: the tabs, the field that adds an entry, and the
//! list of the tab's entries (topics as a tree) with swatches and use counts;
//! actors with their kind and owner, filtered by kind.

use super::actor_fields::{actor_details, kind_label, kinds_in_use};
use super::entries::use_count;
use super::state::{CodebookPanel, CodebookTab, counts_key};
use crate::app::intent::Intent;
use crate::app::theme::code_color;
use crate::app::widgets::{Picker, choice_picker_ui};
use crate::model::codebook::CodebookKind;
use crate::model::operations;
use crate::model::project::Project;
use egui::{Align, Color32, RichText, Role, Sense, Vec2, WidgetInfo};

/// Accessible label of the field that names a new entry.
pub const NEW_NAME_FIELD_LABEL: &str = "Name of a new entry";
/// Accessible label of the actors tab's filter by kind.
pub const ACTOR_KIND_FILTER_LABEL: &str = "Show actors of kind";
/// Size of a colour swatch.
pub(super) const SWATCH_POINTS: f32 = 12.0;
/// Indentation of one level of the topic tree.
const TREE_INDENT_POINTS: f32 = 14.0;
/// Height of one entry row.
const ROW_HEIGHT_POINTS: f32 = 24.0;

/// The Topics / Stances / Actors tabs.
pub(super) fn tabs_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel) {
    ui.horizontal(|ui| {
        for (tab, label) in [
            (CodebookTab::Topics, "Topics"),
            (CodebookTab::Stances, "Stances"),
            (CodebookTab::Actors, "Actors"),
        ] {
            ui.selectable_value(&mut panel.tab, tab, label);
        }
    });
}

/// The "new entry" field with its Add button.
pub(super) fn new_entry_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    kind: CodebookKind,
    intents: &mut Vec<Intent>,
) {
    ui.horizontal(|ui| {
        let hint = match kind {
            CodebookKind::Topic => "New topic…",
            CodebookKind::Stance => "New stance…",
            CodebookKind::Actor => "New actor…",
        };
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut panel.new_name)
                    .hint_text(hint)
                    .desired_width(ui.available_width() - 60.0),
            )
            .accessible_name(NEW_NAME_FIELD_LABEL);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let add = ui.add_enabled(!panel.new_name.trim().is_empty(), egui::Button::new("Add"));
        if (add.clicked() || entered) && !panel.new_name.trim().is_empty() {
            let name = panel.new_name.trim().to_owned();
            let result = match kind {
                CodebookKind::Topic => {
                    operations::add_topic(project, &name, None, None).map(|(e, id)| (e, id.0))
                }
                CodebookKind::Stance => {
                    operations::add_stance(project, &name, 0, None).map(|(e, id)| (e, id.0))
                }
                CodebookKind::Actor => {
                    operations::add_actor(project, &name).map(|(e, id)| (e, id.0))
                }
            };
            match result {
                Ok((edit, id)) => {
                    intents.push(Intent::ApplyEdit(Box::new(edit)));
                    panel.new_name.clear();
                    panel.select(kind, &id);
                    panel.scroll_to_center = true;
                }
                Err(error) => intents.push(Intent::ReportError(error.to_string())),
            }
        }
    });
}

/// The entries of the panel's tab.
pub(super) fn entries_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel, project: &Project) {
    match panel.tab {
        CodebookTab::Topics => topic_tree_ui(ui, panel, project),
        CodebookTab::Stances => {
            for stance in &project.codebook.stances {
                let count = use_count(project, CodebookKind::Stance, stance.id.as_str());
                let polarity = match stance.polarity.signum() {
                    1 => format!("+{}", stance.polarity),
                    _ => stance.polarity.to_string(),
                };
                let row = EntryRow {
                    kind: CodebookKind::Stance,
                    id: stance.id.as_str(),
                    name: &stance.name,
                    color: Some(code_color(stance.color)),
                    depth: 0,
                    detail: &format!("{polarity}   {count}"),
                    description: &stance.description,
                };
                entry_row_ui(ui, panel, &row);
            }
        }
        CodebookTab::Actors => actor_list_ui(ui, panel, project),
    }
}

/// Above the actors: "Show [all kinds ▾]", a filter by kind (once any actor has one).
pub(super) fn actor_filter_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel, project: &Project) {
    let codebook = &project.codebook;
    if !codebook.actors.iter().any(|a| a.kind.is_some()) {
        return;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("Show").small().weak());
        let chosen = panel.actor_kind_filter.as_ref().map(kind_label);
        let picker = Picker::new("actor-kind-filter", Some("all kinds"))
            .named(ACTOR_KIND_FILTER_LABEL)
            .width((ui.available_width() - 8.0).max(60.0));
        let entries = kinds_in_use(codebook)
            .into_iter()
            .map(|kind| (kind.clone(), kind_label(&kind)));
        choice_picker_ui(
            ui,
            &picker,
            &mut panel.actor_kind_filter,
            chosen.as_deref(),
            entries,
        );
    });
}

/// The actors of the filter's kind, with their kind and owner after the name
/// ("· person · Serbia").
fn actor_list_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel, project: &Project) {
    let codebook = &project.codebook;
    let filter = panel.actor_kind_filter.clone();
    let shown = codebook.actors.iter().filter(|actor| {
        filter
            .as_ref()
            .is_none_or(|kind| actor.kind.as_ref() == Some(kind))
    });
    for actor in shown {
        let count = use_count(project, CodebookKind::Actor, actor.id.as_str());
        let row = EntryRow {
            kind: CodebookKind::Actor,
            id: actor.id.as_str(),
            name: &actor.name,
            color: None,
            depth: 0,
            detail: &count.to_string(),
            description: &actor.description,
        };
        let after_name = actor_details(codebook, &actor.id);
        entry_row_with_ui(ui, panel, &row, &after_name);
    }
}

/// The topics as a tree, with their use counts (counted once per project change).
fn topic_tree_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel, project: &Project) {
    if project.codebook.topics.is_empty() {
        ui.label(RichText::new("No topics yet. Name one above and press Add.").weak());
    }
    let key = counts_key(project);
    if panel
        .topic_counts
        .as_ref()
        .is_none_or(|(counted, _)| *counted != key)
    {
        panel.topic_counts = Some((key, project.topic_use_counts()));
    }
    if !project.codebook.topics.is_empty() {
        ui.label(RichText::new(TOPIC_COUNTS_CAPTION).small().weak());
    }
    // Taken out while rows borrow the panel, put back after the loop.
    let (counted_at, counts) = panel.topic_counts.take().unwrap_or_default();
    let tree = project.codebook.topic_tree();
    for (index, (depth, topic)) in tree.iter().enumerate() {
        let depth = *depth;
        let count = counts.get(&topic.id).copied().unwrap_or(0);
        let has_sub_topics = tree.get(index + 1).is_some_and(|(next, _)| *next > depth);
        let detail = topic_count_label(count, has_sub_topics);
        let row = EntryRow {
            kind: CodebookKind::Topic,
            id: topic.id.as_str(),
            name: &topic.name,
            color: Some(code_color(topic.color)),
            depth,
            detail: &detail,
            description: &topic.description,
        };
        entry_row_ui(ui, panel, &row);
    }
    panel.topic_counts = Some((counted_at, counts));
}

/// Says what the topic counts count (the coded-passages view counts sub-topics too).
pub const TOPIC_COUNTS_CAPTION: &str =
    "Counts: passages coded with the topic itself, sub-topics not included";

/// A topic's count as its row shows it: "3", or "3 own" when it has sub-topics
/// (whose passages it does not include).
pub fn topic_count_label(count: usize, has_sub_topics: bool) -> String {
    if has_sub_topics {
        format!("{count} own")
    } else {
        count.to_string()
    }
}

/// What one row of the list shows.
struct EntryRow<'a> {
    kind: CodebookKind,
    id: &'a str,
    name: &'a str,
    /// The swatch (topics and stances).
    color: Option<Color32>,
    /// Indentation level in the topic tree.
    depth: usize,
    /// Right-aligned: the use count (and a stance's polarity).
    detail: &'a str,
    /// The tooltip.
    description: &'a str,
}

/// One selectable row: swatch, name, and a right-aligned detail (the count).
fn entry_row_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel, row: &EntryRow<'_>) {
    entry_row_with_ui(ui, panel, row, "");
}

/// A row whose name is followed by `after_name` in weak text (an actor's kind and owner).
fn entry_row_with_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    row: &EntryRow<'_>,
    after_name: &str,
) {
    let selected = panel.is_selected(row.kind, row.id);
    let (rect, response) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), ROW_HEIGHT_POINTS),
        Sense::click(),
    );
    let visuals = ui.visuals();
    if selected {
        ui.painter()
            .rect_filled(rect, 4, visuals.selection.bg_fill.gamma_multiply(0.6));
    } else if response.hovered() {
        ui.painter().rect_filled(
            rect,
            4,
            visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.5),
        );
    }
    let mut x = rect.left() + 6.0 + row.depth as f32 * TREE_INDENT_POINTS;
    if let Some(color) = row.color {
        let swatch = egui::Rect::from_center_size(
            egui::pos2(x + SWATCH_POINTS / 2.0, rect.center().y),
            Vec2::splat(SWATCH_POINTS),
        );
        ui.painter().rect_filled(swatch, 3, color);
        x += SWATCH_POINTS + 8.0;
    }
    paint_row_texts(ui, rect, x, row, after_name);
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, row.name));
    if selected && panel.scroll_to_selected {
        response.scroll_to_me(panel.scroll_to_center.then_some(Align::Center));
        panel.scroll_to_selected = false;
    }
    let response = if row.description.is_empty() {
        response
    } else {
        response.on_hover_text(row.description)
    };
    if response.clicked() {
        panel.select(row.kind, row.id);
    }
}

/// The name from `name_left` followed by `after_name` in weak text (both
/// truncated together) and the detail at the right of `rect`.
fn paint_row_texts(
    ui: &egui::Ui,
    rect: egui::Rect,
    name_left: f32,
    row: &EntryRow<'_>,
    after_name: &str,
) {
    let visuals = ui.visuals();
    let text_color = visuals.text_color();
    let detail_galley = ui.painter().layout_no_wrap(
        row.detail.to_owned(),
        egui::TextStyle::Small.resolve(ui.style()),
        visuals.weak_text_color(),
    );
    let name_width = (rect.right() - 10.0 - detail_galley.size().x - name_left - 6.0).max(10.0);
    let mut job = egui::text::LayoutJob::simple_singleline(
        row.name.to_owned(),
        egui::TextStyle::Body.resolve(ui.style()),
        text_color,
    );
    if !after_name.is_empty() {
        job.append(
            after_name,
            0.0,
            egui::TextFormat::simple(
                egui::TextStyle::Small.resolve(ui.style()),
                visuals.weak_text_color(),
            ),
        );
    }
    job.wrap = egui::text::TextWrapping::truncate_at_width(name_width);
    let name_galley = ui.painter().layout_job(job);
    ui.painter().galley(
        egui::pos2(name_left, rect.center().y - name_galley.size().y / 2.0),
        name_galley,
        text_color,
    );
    ui.painter().galley(
        egui::pos2(
            rect.right() - 8.0 - detail_galley.size().x,
            rect.center().y - detail_galley.size().y / 2.0,
        ),
        detail_galley,
        visuals.weak_text_color(),
    );
}
