//! The native file dialogs (rfd): the open dialogs run on their own thread so
//! the window keeps drawing (the one thread this room spawns); the export save
//! dialog is modal. A dialog that answers faster than a person could was never
//! shown (no desktop portal, no display), and is reported as such.

use crate::app::clock::Clock;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A dialog that returns nothing faster than this was never shown (no desktop
/// portal, no display): a person cannot cancel that quickly.
const DIALOG_FAILED_WITHIN: Duration = Duration::from_millis(150);

/// Which open dialog to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a folder of documents.
    Folder,
    /// Pick a `gloss.json` project file.
    ProjectFile,
}

/// How an open dialog ended.
#[derive(Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The user picked this path.
    Picked(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown; the message says what to do instead.
    Failed(&'static str),
}

/// An open dialog showing on its own thread.
pub struct OpenDialog {
    receiver: mpsc::Receiver<Option<PathBuf>>,
    started: Instant,
}

impl OpenDialog {
    /// Shows the dialog, starting in `start_folder`; `ctx` repaints when it answers.
    pub fn start(
        kind: DialogKind,
        start_folder: Option<PathBuf>,
        ctx: &egui::Context,
        clock: &Clock,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("gloss-file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = start_folder {
                    dialog = dialog.set_directory(folder);
                }
                let picked = match kind {
                    DialogKind::Folder => {
                        dialog.set_title("Open a folder of documents").pick_folder()
                    }
                    DialogKind::ProjectFile => dialog
                        .set_title("Open a Gloss project file")
                        .add_filter("Gloss project", &["json"])
                        .pick_file(),
                };
                // The window may have closed meanwhile; then nobody needs the answer.
                let _ = sender.send(picked);
                ctx.request_repaint();
            })?;
        Ok(Self {
            receiver,
            started: clock.now(),
        })
    }

    /// The answer once the dialog closed.
    pub fn poll(&self, clock: &Clock) -> Option<DialogAnswer> {
        match self.receiver.try_recv() {
            Ok(Some(path)) => Some(DialogAnswer::Picked(path)),
            Ok(None) if clock.since(self.started) < DIALOG_FAILED_WITHIN => {
                Some(DialogAnswer::Failed(
                    "The file dialog could not be shown (is a desktop portal running?). Drop a folder onto the window, or start Gloss with: gloss PATH",
                ))
            }
            Ok(None) => Some(DialogAnswer::Cancelled),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(DialogAnswer::Failed(
                "The file dialog could not be shown. Open a folder from the command line instead: gloss PATH",
            )),
        }
    }
}

/// What a save dialog asks: its title, the proposed file name, the extension filter.
pub struct SaveRequest<'a> {
    /// The dialog's title.
    pub title: &'a str,
    /// The file name proposed.
    pub file_name: &'a str,
    /// The extension offered as filter (without the dot).
    pub extension: &'a str,
}

/// Shows a modal save dialog.
pub fn ask_save_path(request: &SaveRequest<'_>, clock: &Clock) -> DialogAnswer {
    let started = clock.now();
    let chosen = rfd::FileDialog::new()
        .set_title(request.title)
        .set_file_name(request.file_name)
        .add_filter(request.extension, &[request.extension])
        .save_file();
    match chosen {
        Some(path) => DialogAnswer::Picked(path),
        None if clock.since(started) < DIALOG_FAILED_WITHIN => DialogAnswer::Failed(
            "No file dialog could be shown (an XDG desktop portal is needed); use `gloss export` instead.",
        ),
        None => DialogAnswer::Cancelled,
    }
}
