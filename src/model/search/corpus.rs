//! Searching many documents: folding their indexes and running a query over
//! them on several threads, reporting each document as soon as it is done.
//! [`search_workspace`] does the whole set-up for the loaded documents of a
//! workspace (the command line and the tests); the window keeps a snapshot of
//! [`loaded_documents`] and calls [`build_indexes`], [`corpus_documents`] and
//! [`search_corpus`] itself, on a background thread.

use super::compiled::CompiledQuery;
use super::fold::FoldOptions;
use super::hit::SearchHit;
use super::index::{SearchIndex, search_index};
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::ids::DocumentId;
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// One document of a corpus search.
#[derive(Clone, Copy, Debug)]
pub struct CorpusDocument<'a> {
    /// Which document this is (reported back with its hits by position, not by id).
    pub id: &'a DocumentId,
    /// Its canonical text; hits are char ranges of it.
    pub text: &'a CanonicalText,
    /// `text` folded with the query's options ([`SearchIndex::fits`]; else folded anew).
    pub index: &'a SearchIndex,
}

/// The hits of one document of a workspace, in text order.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentHits<'a> {
    /// The document as the project lists it (path, title).
    pub record: &'a DocumentRecord,
    /// Its loaded text, which the hits' ranges count chars of.
    pub text: &'a CanonicalText,
    /// Empty when the document has none.
    pub hits: Vec<SearchHit>,
}

/// How many worker threads to use on this machine (at least 1).
pub fn default_thread_count() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Every document of `workspace` whose text is loaded, in project order: the
/// corpus that searches run over (documents that could not be read are left out).
pub fn loaded_documents(
    workspace: &Workspace,
) -> impl Iterator<Item = (&DocumentRecord, &LoadedText)> {
    workspace
        .project
        .documents
        .iter()
        .filter_map(|record| workspace.text(&record.id).map(|loaded| (record, loaded)))
}

/// Pairs each `(id, text)` with the index at the same position of `indexes`
/// (as [`build_indexes`] returns them); stops at the shorter of the two.
pub fn corpus_documents<'a>(
    documents: impl IntoIterator<Item = (&'a DocumentId, &'a CanonicalText)>,
    indexes: &'a [SearchIndex],
) -> Vec<CorpusDocument<'a>> {
    documents
        .into_iter()
        .zip(indexes)
        .map(|((id, text), index)| CorpusDocument { id, text, index })
        .collect()
}

/// Searches every loaded document of `workspace` for `query` on up to
/// `threads` threads and waits for all of them: the documents in project
/// order, each with its hits (even when it has none).
pub fn search_workspace<'a>(
    workspace: &'a Workspace,
    query: &CompiledQuery,
    threads: usize,
) -> Vec<DocumentHits<'a>> {
    let loaded: Vec<(&DocumentRecord, &CanonicalText)> = loaded_documents(workspace)
        .map(|(record, loaded)| (record, &loaded.text))
        .collect();
    let texts: Vec<&CanonicalText> = loaded.iter().map(|(_, text)| *text).collect();
    let indexes = build_indexes(&texts, query.fold_options(), threads);
    let documents = corpus_documents(
        loaded.iter().map(|(record, text)| (&record.id, *text)),
        &indexes,
    );
    let found = Mutex::new(vec![Vec::new(); documents.len()]);
    search_corpus(
        &documents,
        query,
        threads,
        &AtomicBool::new(false),
        &|position, hits| {
            let mut found = found.lock().unwrap_or_else(PoisonError::into_inner);
            found[position] = hits;
        },
    );
    let found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    loaded
        .into_iter()
        .zip(found)
        .map(|((record, text), hits)| DocumentHits { record, text, hits })
        .collect()
}

/// Searches every document, on up to `threads` threads. `on_document(i, hits)`
/// is called once per document `i` of `documents` as soon as it is done (from
/// a worker thread, in no particular order), even when it has no hits, so
/// callers can show progress. Stops early when `cancel` becomes true.
pub fn search_corpus(
    documents: &[CorpusDocument<'_>],
    query: &CompiledQuery,
    threads: usize,
    cancel: &AtomicBool,
    on_document: &(dyn Fn(usize, Vec<SearchHit>) + Sync),
) {
    let next_document = AtomicUsize::new(0);
    let work = || {
        loop {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let index = next_document.fetch_add(1, Ordering::Relaxed);
            let Some(document) = documents.get(index) else {
                return;
            };
            let hits = search_index(document.index, document.text, query);
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            on_document(index, hits);
        }
    };
    let threads = threads.clamp(1, documents.len().max(1));
    if threads == 1 {
        work();
        return;
    }
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
}

/// Folds many texts, on up to `threads` threads; the result is in input order.
pub fn build_indexes(
    texts: &[&CanonicalText],
    options: FoldOptions,
    threads: usize,
) -> Vec<SearchIndex> {
    let next_text = AtomicUsize::new(0);
    let work = || {
        let mut built = Vec::new();
        loop {
            let index = next_text.fetch_add(1, Ordering::Relaxed);
            let Some(text) = texts.get(index) else {
                return built;
            };
            built.push((index, SearchIndex::new(text, options)));
        }
    };
    let threads = threads.clamp(1, texts.len().max(1));
    let mut all: Vec<(usize, SearchIndex)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut all = work();
            for handle in handles {
                // A worker only panics if folding panics, which it does not;
                // its documents are then folded again below.
                if let Ok(built) = handle.join() {
                    all.extend(built);
                }
            }
            all
        })
    };
    all.sort_by_key(|(index, _)| *index);
    let mut result = Vec::with_capacity(texts.len());
    let mut built = all.into_iter().peekable();
    for (position, text) in texts.iter().enumerate() {
        match built.next_if(|(index, _)| *index == position) {
            Some((_, index)) => result.push(index),
            None => result.push(SearchIndex::new(text, options)),
        }
    }
    result
}
