//! The actors tab of the codebook panel: an actor's kind and the actor it
//! belongs to are set with pickers found by role and label, each change one
//! undo step; actors that would make a loop are not offered; the list filters
//! by kind; the left panel keeps its width when the actor editor opens.

use super::fixture::{open_app_sized, press, sample_copy};
use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;
use gloss::app::codebook_panel::{
    ACTOR_KIND_FILTER_LABEL, BELONGS_TO_PICKER_LABEL, KIND_PICKER_LABEL, OWN_KIND_FIELD_LABEL,
};
use gloss::model::codebook::{Actor, ActorKind};
use gloss::model::ids::ActorId;
use std::collections::HashSet;

/// The actor with this id, as the project has it now.
fn actor(harness: &Harness<'static, GlossApp>, id: &str) -> Actor {
    harness
        .state()
        .workspace()
        .and_then(|w| w.project.codebook.actor(&ActorId::from(id)).cloned())
        .expect("the actor")
}

/// Opens the codebook's actors tab and selects the actor named `name`.
fn select_actor(harness: &mut Harness<'static, GlossApp>, name: &str) {
    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Actors")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, name)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, name).click();
    harness.run();
    harness.run();
}

/// Ids of the buttons labelled `label` now on screen.
fn buttons(harness: &Harness<'static, GlossApp>, label: &str) -> HashSet<String> {
    harness
        .query_all_by_role_and_label(Role::Button, label)
        .map(|node| format!("{:?}", node.accesskit_node().id()))
        .collect()
}

/// Opens the picker labelled `picker`; returns the labels it newly shows among `labels`.
fn offered(harness: &mut Harness<'static, GlossApp>, picker: &str, labels: &[&str]) -> Vec<String> {
    let before: Vec<HashSet<String>> = labels.iter().map(|l| buttons(harness, l)).collect();
    harness
        .get_by_role_and_label(Role::ComboBox, picker)
        .click();
    harness.run();
    labels
        .iter()
        .zip(before)
        .filter(|(label, before)| buttons(harness, label).len() > before.len())
        .map(|(label, _)| (*label).to_owned())
        .collect()
}

/// Opens the picker labelled `picker` and clicks its entry `entry` (not a list row of the same name).
fn pick(harness: &mut Harness<'static, GlossApp>, picker: &str, entry: &str) {
    let before = buttons(harness, entry);
    harness
        .get_by_role_and_label(Role::ComboBox, picker)
        .click();
    harness.run();
    harness
        .query_all_by_role_and_label(Role::Button, entry)
        .find(|node| !before.contains(&format!("{:?}", node.accesskit_node().id())))
        .unwrap_or_else(|| panic!("{picker} offers {entry}"))
        .click();
    harness.run();
    harness.run();
}

#[test]
fn huaweis_kind_and_owner_are_set_in_the_codebook_panel_and_each_undone_by_ctrl_z() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1280.0, 800.0));
    let huawei = "actor-huawei";
    let start = actor(&harness, huawei);
    assert_eq!(start.kind, Some(ActorKind::Organisation));
    assert_eq!(start.belongs_to, Some(ActorId::from("actor-china")));
    select_actor(&mut harness, "Huawei");

    pick(&mut harness, KIND_PICKER_LABEL, "Person");
    assert_eq!(actor(&harness, huawei).kind, Some(ActorKind::Person));
    pick(&mut harness, BELONGS_TO_PICKER_LABEL, "Serbia");
    assert_eq!(
        actor(&harness, huawei).belongs_to,
        Some(ActorId::from("actor-serbia"))
    );
    // A kind of the project's own, typed and confirmed with Enter.
    harness.get_by_label(OWN_KIND_FIELD_LABEL).focus();
    harness.run();
    harness
        .get_by_label(OWN_KIND_FIELD_LABEL)
        .type_text("state company");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    assert_eq!(
        actor(&harness, huawei).kind,
        Some(ActorKind::Custom("state company".into()))
    );
    // The kind picker now offers the new kind too, and "(none)" clears it.
    pick(&mut harness, KIND_PICKER_LABEL, "(none)");
    assert_eq!(actor(&harness, huawei).kind, None);
    // Nothing else of Huawei changed on the way.
    assert_eq!(actor(&harness, huawei).name, start.name);
    assert_eq!(actor(&harness, huawei).description, start.description);

    // Each change is one undo step, newest first.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        actor(&harness, huawei).kind,
        Some(ActorKind::Custom("state company".into()))
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(actor(&harness, huawei).kind, Some(ActorKind::Person));
    assert_eq!(
        actor(&harness, huawei).belongs_to,
        Some(ActorId::from("actor-serbia"))
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        actor(&harness, huawei).belongs_to,
        Some(ActorId::from("actor-china"))
    );
    assert_eq!(actor(&harness, huawei).kind, Some(ActorKind::Person));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(actor(&harness, huawei), start);
}

#[test]
fn actors_that_would_make_a_loop_are_not_offered_as_owners() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1280.0, 800.0));
    // Huawei, Linglong and Xi Jinping belong to China: none of them may own China,
    // nor China itself; Serbia and Aleksandar Vučić may.
    select_actor(&mut harness, "China");
    let candidates = [
        "Huawei",
        "Linglong",
        "Xi Jinping",
        "China",
        "Serbia",
        "Aleksandar Vučić",
    ];
    let shown = offered(&mut harness, BELONGS_TO_PICKER_LABEL, &candidates);
    assert_eq!(shown, ["Serbia", "Aleksandar Vučić"]);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    // Vučić belongs to Serbia, so once Serbia belongs to China, China may not
    // belong to Vučić any more (a loop two steps long).
    let serbia_to_china = gloss::model::operations::set_actor_belongs_to(
        &harness.state().workspace().expect("project").project,
        "Serbia",
        Some("China"),
    )
    .expect("Serbia may belong to China");
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::ApplyEdit(Box::new(
            serbia_to_china,
        )));
    harness.run();
    let shown = offered(&mut harness, BELONGS_TO_PICKER_LABEL, &candidates);
    assert!(shown.is_empty(), "offered {shown:?}");
}

#[test]
fn the_actor_list_filters_by_kind() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1280.0, 800.0));
    select_actor(&mut harness, "Huawei");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Serbia")
            .is_some()
    );
    pick(&mut harness, ACTOR_KIND_FILTER_LABEL, "Person");
    // People stay listed; a country and an organisation are gone from the list.
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Aleksandar Vučić")
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Serbia")
            .is_none()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Huawei")
            .is_none()
    );
    pick(&mut harness, ACTOR_KIND_FILTER_LABEL, "all kinds");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Serbia")
            .is_some()
    );
}

#[test]
fn the_left_panel_keeps_its_width_when_the_actor_editor_opens() {
    for (width, height) in [(800.0, 600.0), (1280.0, 800.0)] {
        let folder = sample_copy();
        let mut harness = open_app_sized(folder.path(), vec2(width, height));
        let left = |harness: &Harness<'static, GlossApp>| {
            let rects = harness.state().layout_rects();
            assert!(!rects.left_is_drawer, "{width}: the left panel is docked");
            rects.left.expect("left panel")
        };
        let before = left(&harness);
        // The actor with the longest name, kind and owner.
        select_actor(&mut harness, "European Parliament");
        let after = left(&harness);
        assert_eq!(after.width(), before.width(), "{width}×{height}");
        for picker in [KIND_PICKER_LABEL, BELONGS_TO_PICKER_LABEL] {
            let rect = harness.get_by_role_and_label(Role::ComboBox, picker).rect();
            assert!(
                after.contains_rect(rect),
                "{width}×{height}: {picker} at {rect:?} outside {after:?}"
            );
        }
    }
}

#[test]
fn the_clicked_actor_stays_in_view_when_the_editor_opens_below_the_list() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Actors")
        .click();
    harness.run();
    // Huawei is near the bottom of the list, which shrinks when the editor opens.
    harness
        .get_by_role_and_label(Role::Button, "Huawei")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Huawei")
        .click();
    for _ in 0..4 {
        harness.run();
    }
    let row = harness.get_by_role_and_label(Role::Button, "Huawei").rect();
    let name_field = harness
        .get_by_label(gloss::app::codebook_panel::NAME_FIELD_LABEL)
        .rect();
    let filter = harness
        .get_by_role_and_label(Role::ComboBox, ACTOR_KIND_FILTER_LABEL)
        .rect();
    assert!(
        row.top() >= filter.bottom() && row.bottom() <= name_field.top(),
        "Huawei's row at {row:?}, between {filter:?} and {name_field:?}"
    );
}
