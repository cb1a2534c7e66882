//! Who is coding: the name every new annotation records. Known from
//! `GLOSS_CODER` or the preferences; otherwise the first edit of a session
//! asks for it (prefilled with the login name or OS account), keeps that edit
//! waiting, applies it with the name, and remembers the name in the preferences.

use super::app::GlossApp;
use crate::app::coder_prompt::{CoderAnswer, CoderPrompt, coder_prompt_ui};
use crate::app::intent::Intent;
use crate::model::edit::Edit;

/// Does `intent` make annotations (so it needs a coder)?
fn needs_coder(intent: &Intent) -> bool {
    match intent {
        Intent::CreateAnnotation { .. } => true,
        Intent::ApplyEdit(edit) => adds_annotation(edit),
        _ => false,
    }
}

/// Does `edit` add an annotation (auto-coding, pasted batches), at any depth?
fn adds_annotation(edit: &Edit) -> bool {
    match edit {
        Edit::Annotation {
            before: None,
            after: Some(_),
        } => true,
        Edit::Batch { edits, .. } => edits.iter().any(adds_annotation),
        _ => false,
    }
}

/// `edit` with `coder` written into every annotation it adds without a coder.
fn with_coder(edit: Edit, coder: &str) -> Edit {
    match edit {
        Edit::Annotation {
            before: None,
            after: Some(mut annotation),
        } if annotation.coder.is_empty() => {
            annotation.coder = coder.to_owned();
            Edit::Annotation {
                before: None,
                after: Some(annotation),
            }
        }
        Edit::Batch { label, edits } => Edit::Batch {
            label,
            edits: edits.into_iter().map(|e| with_coder(e, coder)).collect(),
        },
        other => other,
    }
}

impl GlossApp {
    /// The name new annotations record ("" until known).
    pub fn coder(&self) -> &str {
        &self.coder
    }

    /// Holds back an intent that makes annotations while no coder is known and
    /// asks for one; returns the intent when it may go ahead now.
    pub(super) fn hold_for_coder(&mut self, intent: Intent) -> Option<Intent> {
        if !self.coder.is_empty() || !needs_coder(&intent) {
            return Some(intent);
        }
        self.ask_for_coder(Some(intent));
        None
    }

    /// Opens the prompt (prefilled: the name known, else the login name or OS account).
    pub(super) fn ask_for_coder(&mut self, waiting: Option<Intent>) {
        let name = if self.coder.is_empty() {
            crate::storage::coder_name_from_environment()
        } else {
            self.coder.clone()
        };
        self.coder_prompt = Some(CoderPrompt::new(name, waiting.is_some()));
        self.waiting_for_coder = waiting;
    }

    /// Draws the prompt while it is open; the name confirmed is remembered and the
    /// waiting edit applied with it; cancelling drops the edit and says so.
    pub(super) fn coder_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.coder_prompt else {
            return;
        };
        let Some(answer) = coder_prompt_ui(ctx, prompt) else {
            return;
        };
        self.coder_prompt = None;
        let waiting = self.waiting_for_coder.take();
        match answer {
            CoderAnswer::Name(name) => {
                self.coder = name.clone();
                self.preferences.coder = Some(name.clone());
                if let Some(intent) = waiting {
                    let intent = match intent {
                        Intent::ApplyEdit(edit) => {
                            Intent::ApplyEdit(Box::new(with_coder(*edit, &name)))
                        }
                        other => other,
                    };
                    self.apply_intent(intent);
                }
            }
            CoderAnswer::Cancelled => {
                if waiting.is_some() {
                    self.report_error("Not coded: Gloss needs to know who is coding first.");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{adds_annotation, with_coder};
    use crate::model::annotation::Annotation;
    use crate::model::document::{DocumentRecord, LoadedText};
    use crate::model::edit::Edit;
    use crate::model::text::CharRange;
    use crate::model::workspace::Workspace;

    fn new_annotation(coder: &str) -> Annotation {
        let mut workspace = Workspace::default();
        let document = DocumentRecord::new("a.txt", "0");
        let id = document.id.clone();
        workspace.project.documents.push(document);
        workspace
            .texts
            .insert(id.clone(), LoadedText::from_string("some text"));
        workspace
            .new_annotation(&id, CharRange::new(0, 4), coder, "now")
            .expect("an annotation")
    }

    #[test]
    fn only_edits_that_add_annotations_need_a_coder_and_get_it() {
        let added = Edit::batch("auto-code", vec![Edit::add_annotation(new_annotation(""))]);
        assert!(adds_annotation(&added));
        assert!(!adds_annotation(&Edit::remove_annotation(new_annotation(
            "ana"
        ))));
        let Edit::Batch { edits, .. } = with_coder(added, "Mira") else {
            panic!("a batch");
        };
        let Some(Edit::Annotation {
            after: Some(annotation),
            ..
        }) = edits.first()
        else {
            panic!("an added annotation");
        };
        assert_eq!(annotation.coder, "Mira");
        let kept = with_coder(Edit::add_annotation(new_annotation("ana")), "Mira");
        assert!(matches!(kept, Edit::Annotation { after: Some(a), .. } if a.coder == "ana"));
    }
}
