//! What a path is asked for ([`PathPurpose`]) and the system file dialog
//! (rfd, through the XDG desktop portal on Linux) that asks it on its own
//! thread (spawned here), so the window keeps drawing. A dialog that answers
//! faster than a person could was never shown.

use crate::app::analysis_view::TableFile;
use crate::app::clock::Clock;
use crate::app::commands::Command;
use crate::app::file_picker::{PickerMode, PickerRequest};
use crate::export::ExportFormat;
use crate::export::figure::{FigureFormat, FigureKind};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A dialog that returns nothing faster than this was never shown (no desktop
/// portal, no display): a person cannot cancel that quickly.
const DIALOG_FAILED_WITHIN: Duration = Duration::from_millis(400);

/// What a path is asked for (and so what happens with it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// A folder of documents to open.
    OpenFolder,
    /// A `gloss.json` to open.
    OpenProjectFile,
    /// Where to write an export.
    Export(ExportFormat),
    /// Where to write a figure of the analysis view.
    Figure(FigureKind, FigureFormat),
    /// Where to write the HTML analysis report.
    AnalysisReport,
    /// Where to write the analysis table shown.
    AnalysisTable(TableFile),
    /// A file to import into the open project.
    Import,
    /// Document files to copy into the project folder.
    AddDocuments,
}

impl PathPurpose {
    /// What to ask, for either kind of dialog; `project_name` names an export's file.
    pub(super) fn request(self, project_name: &str) -> PickerRequest {
        let (title, mode, extensions, file_name) = match self {
            Self::OpenFolder => (
                "Open a folder of documents".to_owned(),
                PickerMode::Folder,
                vec![],
                String::new(),
            ),
            Self::OpenProjectFile => (
                "Open a Gloss project file".to_owned(),
                PickerMode::File,
                vec!["json"],
                String::new(),
            ),
            Self::Export(format) => (
                Command::Export(format)
                    .label()
                    .trim_end_matches('…')
                    .to_owned(),
                PickerMode::Save,
                vec![format.extension()],
                format.default_file_name(project_name),
            ),
            Self::Figure(figure, format) => (
                format!("Export chart as {}", format.name()),
                PickerMode::Save,
                vec![format.extension()],
                format!(
                    "{project_name}-{}.{}",
                    figure.file_stem(),
                    format.extension()
                ),
            ),
            Self::AnalysisReport => (
                "Export analysis report".to_owned(),
                PickerMode::Save,
                vec!["html"],
                format!("{project_name}-analysis.html"),
            ),
            Self::AnalysisTable(file) => (
                format!("Export the analysis table as {}", file.extension()),
                PickerMode::Save,
                vec![file.extension()],
                format!("{project_name}-analysis.{}", file.extension()),
            ),
            Self::Import => (
                "Import REFI-QDA (.qdpx, .qdc), codebook CSV or Taguette CSV".to_owned(),
                PickerMode::File,
                vec!["qdpx", "qdc", "csv"],
                String::new(),
            ),
            Self::AddDocuments => (
                "Add documents (.txt, .md, .pdf, .docx, .odt, .html, .epub, .rtf) to the project"
                    .to_owned(),
                PickerMode::Files,
                crate::extract::DOCUMENT_EXTENSIONS.to_vec(),
                String::new(),
            ),
        };
        PickerRequest {
            title,
            mode,
            extensions,
            file_name,
            // A new project may start in a folder typed that does not exist yet.
            new_folder_allowed: self == Self::OpenFolder,
        }
    }
}

/// How a system dialog ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum DialogAnswer {
    /// The user picked these paths.
    Picked(Vec<PathBuf>),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown.
    Failed,
}

/// A system dialog showing on its own thread.
pub struct NativeDialog {
    /// What the path is asked for.
    pub(super) purpose: PathPurpose,
    receiver: mpsc::Receiver<Option<Vec<PathBuf>>>,
    started: Instant,
}

impl NativeDialog {
    /// Shows the system dialog for `request` in `start_folder`; `ctx` repaints when it answers.
    pub(super) fn start(
        purpose: PathPurpose,
        request: PickerRequest,
        start_folder: Option<PathBuf>,
        ctx: &egui::Context,
        clock: &Clock,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("gloss-file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title(&request.title);
                if let Some(folder) = start_folder {
                    dialog = dialog.set_directory(folder);
                }
                if !request.extensions.is_empty() {
                    dialog = dialog.add_filter(request.extensions.join(", "), &request.extensions);
                }
                let picked = match request.mode {
                    PickerMode::Folder => dialog.pick_folder().map(|p| vec![p]),
                    PickerMode::File => dialog.pick_file().map(|p| vec![p]),
                    PickerMode::Files => dialog.pick_files(),
                    PickerMode::Save => dialog
                        .set_file_name(&request.file_name)
                        .save_file()
                        .map(|p| vec![p]),
                };
                // The window may have closed meanwhile; then nobody needs the answer.
                let _ = sender.send(picked);
                ctx.request_repaint();
            })?;
        Ok(Self {
            purpose,
            receiver,
            started: clock.now(),
        })
    }

    /// The answer once the dialog closed.
    pub(super) fn poll(&self, clock: &Clock) -> Option<DialogAnswer> {
        match self.receiver.try_recv() {
            Ok(Some(paths)) if !paths.is_empty() => Some(DialogAnswer::Picked(paths)),
            Ok(_) if clock.since(self.started) < DIALOG_FAILED_WITHIN => Some(DialogAnswer::Failed),
            Ok(_) => Some(DialogAnswer::Cancelled),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(DialogAnswer::Failed),
        }
    }
}
