//! The extraction cache: the text and structure extracted from a PDF, Word,
//! OpenDocument, HTML, EPUB or RTF file, kept beside the project in
//! `.gloss-cache/extracted/` so that a large file opens fast the second time.
//!
//! An entry is keyed by the source file's SHA-256, its format and the
//! extractor's version (`crate::extract::extractor_version`): a changed file or
//! a new extractor misses the cache and is extracted again (and a changed text
//! then re-anchors the document's codings when the project opens). Entries are
//! written atomically; one that cannot be read, parsed, or does not match its
//! key is ignored and rebuilt. The folder holds a `.gitignore` of `*`, so a
//! project kept in git does not commit it. Failing to write the cache never
//! fails the opening of a document.

use super::atomic_write::write_atomically;
use super::companion_files::extraction_cache_folder;
use crate::extract::Extracted;
use crate::model::source_map::{RawPage, SourceMap, Span, SpanKind};
use crate::model::structure::{
    DocumentStructure, Heading, InlineStyle, NoteBlock, PageStart, SourceFormat, StyledRange,
};
use crate::model::text::{CharOffset, CharRange};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The cache of one project folder.
#[derive(Clone, Debug)]
pub(crate) struct ExtractionCache {
    folder: PathBuf,
}

impl ExtractionCache {
    /// The cache beside the project whose folder is `project_folder`.
    pub(crate) fn of_project_folder(project_folder: &Path) -> Self {
        Self {
            folder: extraction_cache_folder(project_folder),
        }
    }

    fn entry_path(&self, sha256: &str, format: SourceFormat, version: u32) -> PathBuf {
        self.folder
            .join(format!("{sha256}-{}-v{version}.json", format_key(format)))
    }

    /// The cached extraction of a source with this hash, format and extractor
    /// version; `None` when there is none or it is damaged.
    pub(crate) fn get(
        &self,
        sha256: &str,
        format: SourceFormat,
        version: u32,
    ) -> Option<Extracted> {
        let bytes = fs::read(self.entry_path(sha256, format, version)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        if entry.sha256 != sha256 || entry.format != format_key(format) || entry.version != version
        {
            return None;
        }
        entry.into_extracted(format)
    }

    /// Stores an extraction (best effort: a read-only folder just has no cache).
    pub(crate) fn put(
        &self,
        sha256: &str,
        format: SourceFormat,
        version: u32,
        extracted: &Extracted,
    ) {
        if fs::create_dir_all(&self.folder).is_err() {
            return;
        }
        if let Some(root) = self.folder.parent() {
            let ignore = root.join(".gitignore");
            if !ignore.exists() {
                let _ = write_atomically(
                    &ignore,
                    b"# Gloss's extraction cache: rebuilt when missing.\n*\n",
                );
            }
        }
        let entry = Entry::of(sha256, format, version, extracted);
        if let Ok(json) = serde_json::to_vec(&entry) {
            let _ = write_atomically(&self.entry_path(sha256, format, version), &json);
        }
    }
}

/// The short name of a format in cache file names.
fn format_key(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::PlainText => "txt",
        SourceFormat::Markdown => "md",
        SourceFormat::Pdf => "pdf",
        SourceFormat::Docx => "docx",
        SourceFormat::Odt => "odt",
        SourceFormat::Html => "html",
        SourceFormat::Epub => "epub",
        SourceFormat::Rtf => "rtf",
    }
}

/// One cache file.
#[derive(Serialize, Deserialize)]
struct Entry {
    sha256: String,
    format: String,
    version: u32,
    text: String,
    /// Page starts: (char offset, label).
    pages: Vec<(usize, String)>,
    /// Headings: (level, start, end).
    headings: Vec<(u8, usize, usize)>,
    /// Notes: (start, end, marker).
    notes: Vec<(usize, usize, Option<String>)>,
    /// Styles: (start, end, style name, heading level).
    styles: Vec<(usize, usize, String, u8)>,
    metadata: Vec<(String, String)>,
    /// The map back to the raw text (PDF), if the extraction has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_map: Option<CachedMap>,
}

/// A [`SourceMap`] in a cache file.
#[derive(Serialize, Deserialize)]
struct CachedMap {
    raw: String,
    /// Raw page starts: (raw char offset, label).
    pages: Vec<(usize, String)>,
    /// Spans in text order, each starting where the one before ended:
    /// (text length, raw start, raw length, kind: 0 copied, 1 replaced).
    spans: Vec<(usize, usize, usize, u8)>,
}

impl CachedMap {
    fn of(map: &SourceMap) -> Self {
        Self {
            raw: map.raw_text().to_owned(),
            pages: map
                .raw_pages()
                .iter()
                .map(|page| (page.start.0, page.label.clone()))
                .collect(),
            spans: map
                .spans()
                .iter()
                .map(|span| {
                    let kind = match span.kind {
                        SpanKind::Copied => 0,
                        SpanKind::Replaced => 1,
                    };
                    (
                        span.text.len_chars(),
                        span.raw.start.0,
                        span.raw.len_chars(),
                        kind,
                    )
                })
                .collect(),
        }
    }

    /// The map back, or `None` when it does not fit `text` or its raw text.
    fn into_map(self, text: &str) -> Option<SourceMap> {
        let mut start = 0usize;
        let mut spans = Vec::with_capacity(self.spans.len());
        for (text_len, raw_start, raw_len, kind) in self.spans {
            let end = start.checked_add(text_len)?;
            spans.push(Span {
                text: CharRange::new(start, end),
                raw: CharRange::new(raw_start, raw_start.checked_add(raw_len)?),
                kind: match kind {
                    0 => SpanKind::Copied,
                    1 => SpanKind::Replaced,
                    _ => return None,
                },
            });
            start = end;
        }
        let pages = self
            .pages
            .into_iter()
            .map(|(start, label)| RawPage {
                start: CharOffset(start),
                label,
            })
            .collect();
        SourceMap::new(self.raw, pages, spans, text)
    }
}

impl Entry {
    fn of(sha256: &str, format: SourceFormat, version: u32, extracted: &Extracted) -> Self {
        let structure = &extracted.structure;
        Self {
            sha256: sha256.to_owned(),
            format: format_key(format).to_owned(),
            version,
            text: extracted.text.clone(),
            pages: structure
                .pages
                .iter()
                .map(|p| (p.start.0, p.label.clone()))
                .collect(),
            headings: structure
                .headings
                .iter()
                .map(|h| (h.level, h.range.start.0, h.range.end.0))
                .collect(),
            notes: structure
                .notes
                .iter()
                .map(|n| (n.range.start.0, n.range.end.0, n.marker.clone()))
                .collect(),
            styles: structure
                .styles
                .iter()
                .map(|s| {
                    let (name, level) = style_key(s.style);
                    (s.range.start.0, s.range.end.0, name.to_owned(), level)
                })
                .collect(),
            metadata: structure.metadata.clone(),
            source_map: structure.source_map.as_deref().map(CachedMap::of),
        }
    }

    /// The extraction back, or `None` when a range lies outside the text
    /// (or its map does not fit it).
    fn into_extracted(self, format: SourceFormat) -> Option<Extracted> {
        let len = self.text.chars().count();
        let source_map = match self.source_map {
            Some(map) => Some(Arc::new(map.into_map(&self.text)?)),
            None => None,
        };
        let range = |start: usize, end: usize| {
            (start <= end && end <= len).then(|| CharRange::new(start, end))
        };
        let structure = DocumentStructure {
            format,
            pages: self
                .pages
                .into_iter()
                .map(|(start, label)| {
                    (start <= len).then_some(PageStart {
                        start: CharOffset(start),
                        label,
                    })
                })
                .collect::<Option<_>>()?,
            headings: self
                .headings
                .into_iter()
                .map(|(level, start, end)| {
                    Some(Heading {
                        level,
                        range: range(start, end)?,
                    })
                })
                .collect::<Option<_>>()?,
            notes: self
                .notes
                .into_iter()
                .map(|(start, end, marker)| {
                    Some(NoteBlock {
                        range: range(start, end)?,
                        marker,
                    })
                })
                .collect::<Option<_>>()?,
            styles: self
                .styles
                .into_iter()
                .map(|(start, end, name, level)| {
                    Some(StyledRange {
                        range: range(start, end)?,
                        style: style_of(&name, level)?,
                    })
                })
                .collect::<Option<_>>()?,
            metadata: self.metadata,
            source_map,
        };
        Some(Extracted {
            text: self.text,
            structure,
        })
    }
}

fn style_key(style: InlineStyle) -> (&'static str, u8) {
    match style {
        InlineStyle::Emphasis => ("emphasis", 0),
        InlineStyle::Strong => ("strong", 0),
        InlineStyle::Heading(level) => ("heading", level),
        InlineStyle::Link => ("link", 0),
        InlineStyle::Code => ("code", 0),
        InlineStyle::Markup => ("markup", 0),
    }
}

fn style_of(name: &str, level: u8) -> Option<InlineStyle> {
    Some(match name {
        "emphasis" => InlineStyle::Emphasis,
        "strong" => InlineStyle::Strong,
        "heading" => InlineStyle::Heading(level),
        "link" => InlineStyle::Link,
        "code" => InlineStyle::Code,
        "markup" => InlineStyle::Markup,
        _ => return None,
    })
}
