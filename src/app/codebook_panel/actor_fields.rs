//! The actor's own fields in the editor: its kind (country, person,
//! organisation, one of the project's own, or none) and the actor it belongs
//! to. Actors that would make the chain of belongs-to loop are not offered;
//! every change is one edit built by `model::operations`, which refuses a loop too.

use super::state::CodebookPanel;
use crate::app::intent::Intent;
use crate::app::widgets::{Picker, choice_picker_ui};
use crate::model::codebook::{ActorKind, Codebook};
use crate::model::ids::ActorId;
use crate::model::operations;
use crate::model::project::Project;

/// Accessible label of the kind picker of the selected actor.
pub const KIND_PICKER_LABEL: &str = "Kind of the selected actor";
/// Accessible label of the field that gives the selected actor a kind of the project's own.
pub const OWN_KIND_FIELD_LABEL: &str = "Own kind of the selected actor";
/// Accessible label of the belongs-to picker of the selected actor.
pub const BELONGS_TO_PICKER_LABEL: &str = "Actor the selected actor belongs to";

/// The kinds every project has, then the project's own kinds (by name).
pub(super) fn kinds_in_use(codebook: &Codebook) -> Vec<ActorKind> {
    let mut kinds = vec![
        ActorKind::Country,
        ActorKind::Person,
        ActorKind::Organisation,
    ];
    let mut own: Vec<ActorKind> = codebook
        .actors
        .iter()
        .filter_map(|actor| actor.kind.clone())
        .filter(|kind| matches!(kind, ActorKind::Custom(_)))
        .collect();
    own.sort();
    own.dedup();
    kinds.extend(own);
    kinds
}

/// A kind as a picker shows it ("Country", "civil society").
pub(super) fn kind_label(kind: &ActorKind) -> String {
    match kind {
        ActorKind::Country => "Country".to_owned(),
        ActorKind::Person => "Person".to_owned(),
        ActorKind::Organisation => "Organisation".to_owned(),
        ActorKind::Custom(name) => name.clone(),
    }
}

/// The "Kind" and "Belongs to" rows of the editor's grid for the actor `id`.
pub(super) fn actor_fields_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    id: &str,
    field_width: f32,
    intents: &mut Vec<Intent>,
) {
    let codebook = &project.codebook;
    let Some(actor) = codebook.actor(&ActorId::from(id)) else {
        return;
    };
    let mut push = |result: Result<_, operations::OperationError>| match result {
        Ok(edit) => intents.push(Intent::ApplyEdit(Box::new(edit))),
        Err(error) => intents.push(Intent::ReportError(error.to_string())),
    };

    ui.label("Kind");
    // The picker above the field for a kind of the project's own: both fit a narrow panel.
    ui.vertical(|ui| {
        let mut kind = actor.kind.clone();
        let chosen = kind.as_ref().map(kind_label);
        let picker = Picker::new("actor-kind", Some("(none)"))
            .named(KIND_PICKER_LABEL)
            .width(field_width);
        let entries = kinds_in_use(codebook)
            .into_iter()
            .map(|kind| (kind.clone(), kind_label(&kind)));
        if choice_picker_ui(ui, &picker, &mut kind, chosen.as_deref(), entries) {
            push(operations::set_actor_kind(project, &actor.name, kind));
        }
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut panel.kind_buffer)
                    .hint_text("Own kind (e.g. party), Enter…")
                    .desired_width(field_width),
            )
            .accessible_name(OWN_KIND_FIELD_LABEL);
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            // A blank field sets nothing; a known name ("Countries") is that kind.
            if let Ok(kind) = panel.kind_buffer.parse::<ActorKind>() {
                if actor.kind.as_ref() != Some(&kind) {
                    push(operations::set_actor_kind(project, &actor.name, Some(kind)));
                }
                panel.kind_buffer.clear();
            }
        }
    });
    ui.end_row();

    ui.label("Belongs to");
    let mut owner = actor.belongs_to.clone();
    let chosen = owner.as_ref().map(|o| codebook.actor_name(o).to_owned());
    let picker = Picker::new("actor-belongs-to", Some("(no one)"))
        .named(BELONGS_TO_PICKER_LABEL)
        .width(field_width);
    // Only actors that cannot make the chain loop (the actor itself, and those
    // that already belong to it, directly or not, are left out).
    let entries = codebook
        .actors
        .iter()
        .filter(|candidate| !codebook.actor_would_cycle(&actor.id, &candidate.id))
        .map(|candidate| (candidate.id.clone(), candidate.name.clone()));
    if choice_picker_ui(ui, &picker, &mut owner, chosen.as_deref(), entries) {
        let owner_name = owner.as_ref().map(|o| codebook.actor_name(o).to_owned());
        push(operations::set_actor_belongs_to(
            project,
            &actor.name,
            owner_name.as_deref(),
        ));
    }
    ui.end_row();
}

/// The subtle text after an actor's name in the list: " · person · Serbia".
pub(super) fn actor_details(codebook: &Codebook, id: &ActorId) -> String {
    let Some(actor) = codebook.actor(id) else {
        return String::new();
    };
    let mut text = String::new();
    if let Some(kind) = &actor.kind {
        text.push_str(" · ");
        text.push_str(kind.name());
    }
    if let Some(owner) = &actor.belongs_to {
        text.push_str(" · ");
        text.push_str(codebook.actor_name(owner));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{actor_details, kinds_in_use};
    use crate::model::codebook::{Actor, ActorKind, Codebook};
    use crate::model::ids::ActorId;

    fn actor(id: &str, kind: Option<ActorKind>, owner: Option<&str>) -> Actor {
        Actor {
            id: ActorId::from(id),
            name: id.to_uppercase(),
            kind,
            belongs_to: owner.map(ActorId::from),
            description: String::new(),
        }
    }

    #[test]
    fn the_list_shows_kind_and_owner_and_the_picker_offers_own_kinds_once() {
        let codebook = Codebook {
            actors: vec![
                actor("rs", Some(ActorKind::Country), None),
                actor("av", Some(ActorKind::Person), Some("rs")),
                actor("sns", Some(ActorKind::Custom("party".into())), Some("rs")),
                actor("ds", Some(ActorKind::Custom("party".into())), None),
                actor("x", None, None),
            ],
            ..Codebook::default()
        };
        assert_eq!(actor_details(&codebook, &"av".into()), " · person · RS");
        assert_eq!(actor_details(&codebook, &"rs".into()), " · country");
        assert_eq!(actor_details(&codebook, &"x".into()), "");
        assert_eq!(
            kinds_in_use(&codebook),
            vec![
                ActorKind::Country,
                ActorKind::Person,
                ActorKind::Organisation,
                ActorKind::Custom("party".into()),
            ]
        );
    }
}
