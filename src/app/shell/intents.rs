//! Applying intents: the one place where what the panels ask for changes the
//! project (through `Session::apply`, so every change can be undone) or what
//! the window shows (document, selection, panels).

use super::app::GlossApp;
use super::preferences::LeftTab;
use crate::app::intent::{Coding, Intent};
use crate::app::reader::ReaderState;
use crate::model::anchor::AnchorStatus;
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::edit::Edit;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::text::CharRange;

impl GlossApp {
    /// Applies an intent as if a panel had returned it.
    pub fn apply_intent(&mut self, intent: Intent) {
        let Some(intent) = self.hold_for_coder(intent) else {
            return;
        };
        match intent {
            Intent::OpenDocument { document, reveal } => self.show_document(document, reveal),
            Intent::SelectAnnotation(id) => self.select_annotation(&id),
            Intent::ClearSelection => self.selected = None,
            Intent::CreateAnnotation {
                document,
                range,
                coding,
                new_codes,
            } => self.create_annotation(&document, range, coding, new_codes),
            Intent::UpdateAnnotation(after) => self.update_annotation(*after),
            Intent::ResizeAnnotation { id, range } => self.resize_annotation(&id, range),
            Intent::DeleteAnnotation(id) => self.delete_annotation(&id),
            Intent::Command(command) => self.run_command(command),
            Intent::ApplyEdit(edit) => self.apply_edit(*edit),
            Intent::RevealTopic(topic) => {
                self.preferences.show_left_tab(LeftTab::Codebook);
                self.codebook_panel.reveal_topic(&topic);
            }
            Intent::ReportError(message) => self.report_error(message),
            Intent::OpenProject(path) => self.open_path(path),
            Intent::OpenSample => self.open_sample(),
            Intent::RunSavedSearch(saved) => {
                self.preferences.show_left_tab(LeftTab::Search);
                self.search_panel.run_saved(&saved);
            }
            Intent::ShowSearchHit {
                document,
                hits,
                current,
            } => {
                self.show_document(document, Some(current));
                self.reader_state.mark_search_hits(hits, current);
            }
        }
    }

    /// Can the project be edited here (open, and not read-only)?
    pub(super) fn can_edit(&self) -> bool {
        self.session.as_ref().is_some_and(|s| !s.is_read_only())
    }

    pub(super) fn apply_edit(&mut self, edit: Edit) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(error) = session.apply(edit) {
            self.report_error(format!("Not changed: {error}"));
        }
    }

    /// Codes a passage; `new_codes` (codebook entries it uses) go in the same undo step.
    fn create_annotation(
        &mut self,
        document: &DocumentId,
        range: CharRange,
        coding: Coding,
        new_codes: Vec<Edit>,
    ) {
        let Some(session) = &mut self.session else {
            return;
        };
        let now = crate::model::now_timestamp();
        let annotation = session
            .workspace
            .new_annotation(document, range, &self.coder, &now)
            .map(|annotation| annotation.with_coding(coding, &now));
        let annotation = match annotation {
            Ok(annotation) => annotation,
            Err(error) => return self.report_error(format!("Not coded: {error}")),
        };
        let id = annotation.id.clone();
        let edit = if new_codes.is_empty() {
            Edit::add_annotation(annotation)
        } else {
            let mut edits = new_codes;
            edits.push(Edit::add_annotation(annotation));
            Edit::batch("add annotation with new codes", edits)
        };
        match session.apply(edit) {
            Ok(()) => {
                self.selected = Some(id);
                self.scroll_list_to_selected = true;
            }
            Err(error) => self.report_error(format!("Not coded: {error}")),
        }
    }

    fn update_annotation(&mut self, after: Annotation) {
        let before = self
            .workspace()
            .and_then(|w| w.annotation(&after.id))
            .cloned();
        match before {
            Some(before) => self.apply_edit(Edit::change_annotation(before, after)),
            None => self.report_error("That annotation no longer exists."),
        }
    }

    fn resize_annotation(&mut self, id: &AnnotationId, range: CharRange) {
        let Some(workspace) = self.workspace() else {
            return;
        };
        let Some(before) = workspace.annotation(id).cloned() else {
            return;
        };
        let anchor = workspace
            .text(&before.document)
            .and_then(|loaded| TextAnchor::capture(&loaded.text, range));
        match anchor {
            Some(anchor) if !range.is_empty() => {
                // The researcher placed the passage: it is no longer waiting for review.
                let after = Annotation {
                    start: range.start,
                    end: range.end,
                    anchor,
                    status: AnchorStatus::Exact,
                    coded_quote: None,
                    modified: crate::model::now_timestamp(),
                    ..before.clone()
                };
                self.apply_edit(Edit::change_annotation(before, after));
            }
            _ => self.report_error("That range is outside the document."),
        }
    }

    pub(super) fn delete_annotation(&mut self, id: &AnnotationId) {
        let Some(before) = self.workspace().and_then(|w| w.annotation(id)).cloned() else {
            return;
        };
        self.apply_edit(Edit::remove_annotation(before));
        if self.selected.as_ref() == Some(id) {
            self.selected = None;
        }
    }

    /// Shows `document` in the reader (a fresh reading state if it is another
    /// one), scrolled to `reveal`; a selection in another document is dropped.
    pub(super) fn show_document(&mut self, document: DocumentId, reveal: Option<CharRange>) {
        if self.current_document.as_ref() != Some(&document) {
            let selected_elsewhere = self
                .selected
                .as_ref()
                .and_then(|id| self.workspace().and_then(|w| w.annotation(id)))
                .is_some_and(|a| a.document != document);
            if selected_elsewhere {
                self.selected = None;
            }
            self.current_document = Some(document);
            self.reader_state = ReaderState::default();
        }
        if let Some(range) = reveal {
            self.reader_state.reveal(range);
        }
    }

    fn select_annotation(&mut self, id: &AnnotationId) {
        let Some(annotation) = self.workspace().and_then(|w| w.annotation(id)).cloned() else {
            return;
        };
        self.show_document(annotation.document.clone(), None);
        self.reader_state.reveal(annotation.range());
        self.selected = Some(id.clone());
        self.scroll_list_to_selected = true;
    }

    /// Applies a memo still being typed in the inspector, before saving.
    pub(super) fn commit_uncommitted_memo(&mut self) {
        let pending = self
            .session
            .as_ref()
            .filter(|s| !s.is_read_only())
            .and_then(|s| self.inspector.uncommitted_memo(&s.workspace));
        if let Some(intent) = pending {
            self.apply_intent(intent);
        }
    }
}
