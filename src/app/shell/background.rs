//! Work the window runs off the UI thread so it keeps drawing: exports,
//! imports and adding documents. Each [`Job`] runs one closure on its own
//! thread (spawned here), counts its steps for the progress bar and hands its
//! result back through a channel; the shell applies the result (one undoable
//! edit) on the UI thread.

use crate::app::clock::Clock;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Steps done and steps in all, shared with the job's thread.
#[derive(Debug, Default)]
pub struct JobProgress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl JobProgress {
    /// Says how many steps the job has (0: unknown, the bar spins).
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Counts one step done.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// (done, total).
    pub fn snapshot(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// A closure running on its own thread; `T` is what it hands back.
pub struct Job<T> {
    /// What the progress line says ("Exporting report as HTML").
    pub label: String,
    /// When it started (on the app's clock), for the seconds shown.
    pub started: Instant,
    progress: Arc<JobProgress>,
    receiver: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named after `label`; `ctx` repaints when it is done.
    pub fn start(
        label: String,
        ctx: &egui::Context,
        clock: &Clock,
        work: impl FnOnce(&JobProgress) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let progress = Arc::new(JobProgress::default());
        let thread_progress = Arc::clone(&progress);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("gloss-background-job".into())
            .spawn(move || {
                let result = work(&thread_progress);
                // The window may have closed meanwhile; then nobody needs the result.
                let _ = sender.send(result);
                ctx.request_repaint();
            })?;
        Ok(Self {
            label,
            started: clock.now(),
            progress,
            receiver,
        })
    }

    /// The result once the thread is done; `Some(None)` if it died without one.
    pub fn poll(&self) -> Option<Option<T>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(Some(result)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(None),
        }
    }

    /// Blocks up to `timeout` for the result (tests and scripts without a display).
    pub fn wait(&self, timeout: Duration) -> Option<Option<T>> {
        match self.receiver.recv_timeout(timeout) {
            Ok(result) => Some(Some(result)),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(None),
        }
    }

    /// (steps done, steps in all).
    pub fn progress(&self) -> (usize, usize) {
        self.progress.snapshot()
    }
}

/// Draws a job's progress line: label, bar (spinning while the total is
/// unknown) and seconds; the window keeps drawing meanwhile.
pub fn job_progress_ui(ui: &mut egui::Ui, label: &str, progress: (usize, usize), seconds: u64) {
    ui.horizontal(|ui| {
        ui.label(format!("{label}…"));
        let (done, total) = progress;
        let bar = if total == 0 {
            egui::ProgressBar::new(0.0).animate(true)
        } else {
            egui::ProgressBar::new(done as f32 / total as f32).text(format!("{done} of {total}"))
        };
        ui.add(bar.desired_width(160.0));
        ui.label(egui::RichText::new(format!("{seconds} s")).weak());
    });
}
