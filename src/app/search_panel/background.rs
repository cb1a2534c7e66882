//! The search thread: it searches a [`CorpusSnapshot`] with a compiled query,
//! sends each document's hits as soon as they are found, and stops when the
//! [`RunningSearch`] that started it is dropped (cancelled or superseded).

use super::snapshot::CorpusSnapshot;
use crate::model::search::{
    CompiledQuery, SearchHit, corpus_documents, default_thread_count, search_corpus,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

/// What the search thread sends to the panel.
pub(super) enum SearchMessage {
    /// The hits of the snapshot's document number `position` (sent for every document).
    Document {
        position: usize,
        hits: Vec<SearchHit>,
    },
    /// Every document was searched (or the search was cancelled).
    Done,
}

/// A search running on its thread; dropping it cancels the search.
pub(super) struct RunningSearch {
    cancel: Arc<AtomicBool>,
    pub(super) receiver: mpsc::Receiver<SearchMessage>,
}

impl Drop for RunningSearch {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl RunningSearch {
    /// Starts searching `snapshot` for `query` on a new thread; `ctx` repaints
    /// the window whenever hits arrive.
    pub(super) fn spawn(
        snapshot: Arc<CorpusSnapshot>,
        query: CompiledQuery,
        ctx: egui::Context,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_cancel = cancel.clone();
        std::thread::Builder::new()
            .name("gloss-search".into())
            .spawn(move || {
                let threads = default_thread_count();
                let indexes = snapshot.indexes(query.fold_options(), threads);
                let documents = corpus_documents(
                    snapshot.documents.iter().map(|d| (&d.id, &d.text)),
                    &indexes,
                );
                // A send fails only when the panel dropped the search: nothing to do then.
                search_corpus(
                    &documents,
                    &query,
                    threads,
                    &thread_cancel,
                    &|position, hits| {
                        let _ = sender.send(SearchMessage::Document { position, hits });
                        ctx.request_repaint();
                    },
                );
                let _ = sender.send(SearchMessage::Done);
                ctx.request_repaint();
            })?;
        Ok(Self { cancel, receiver })
    }
}
