//! The dialogs that draw over everything else, after the panels and overlays:
//! the window's own file picker, the "who is coding?" prompt, the report of
//! an import, and the progress of background work (export, import, adding
//! documents), which shows while the window stays usable.

use super::app::GlossApp;
use super::background::job_progress_ui;
use crate::app::import_dialog::item_report_ui;

impl GlossApp {
    /// The name new annotations record: the one given at start (`GLOSS_CODER`,
    /// tests), else the one the user confirmed before; "" when unknown (asked at the first edit).
    pub(super) fn known_coder(given: String, remembered: &Option<String>) -> String {
        if given.trim().is_empty() {
            remembered
                .as_ref()
                .map(|name| name.trim().to_owned())
                .unwrap_or_default()
        } else {
            given
        }
    }

    /// Draws the file picker, the coder prompt, the report and the progress of background work.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        self.background_progress_ui(ctx);
        item_report_ui(ctx, &mut self.item_report);
        self.coder_prompt_ui(ctx);
        self.file_picker_ui(ctx);
    }

    /// A small panel at the bottom right while an export or import runs.
    fn background_progress_ui(&self, ctx: &egui::Context) {
        let jobs = [
            self.export_job
                .as_ref()
                .map(|job| (&job.label, job.progress(), job.started)),
            self.project_job
                .as_ref()
                .map(|(_, job)| (&job.label, job.progress(), job.started)),
        ];
        if jobs.iter().all(Option::is_none) {
            return;
        }
        egui::Area::new(egui::Id::unique("gloss-background-work"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -40.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    for (label, progress, started) in jobs.into_iter().flatten() {
                        let seconds = self.clock.since(started).as_secs();
                        job_progress_ui(ui, label, progress, seconds);
                    }
                });
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}
