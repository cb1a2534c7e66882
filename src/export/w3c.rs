//! W3C Web Annotation Data Model export (JSON-LD): one `AnnotationCollection`
//! whose first page holds every retrieved annotation.
//!
//! Each annotation targets its document (`urn:gloss:document:<id>`, with the
//! project-relative path as `label`) through two selectors:
//! - `TextQuoteSelector`: `exact` (the passage), `prefix` and `suffix` (up to
//!   32 chars each). This one is always right and is what a client should use.
//! - `TextPositionSelector`: `start`/`end` in Unicode code points of the text
//!   with LF line ends (the W3C recommendation's unit). Clients that count
//!   UTF-16 units disagree after any character outside the Basic Multilingual
//!   Plane; such clients should re-anchor with the quote.
//!
//! Bodies: one `TextualBody` per topic (`purpose: tagging`), the stance,
//! holder and target as `TextualBody` with `purpose: classifying` and values
//! `stance: NAME`, `holder: NAME`, `target: NAME`, and the memo with
//! `purpose: commenting`.

use crate::export::coding_names::CodingNames;
use crate::export::options::ExportOptions;
use crate::export::passage::Passage;
use crate::model::annotation::{ANCHOR_CONTEXT_CHARS, Annotation};
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The JSON-LD context of the Web Annotation vocabulary.
const ANNOTATION_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The context chars a TextQuoteSelector carries on each side (as a stored anchor).
const QUOTE_CONTEXT_CHARS: usize = ANCHOR_CONTEXT_CHARS;

fn annotation_value(workspace: &Workspace, annotation: &Annotation) -> Value {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let Passage {
        text: exact,
        before: prefix,
        after: suffix,
    } = Passage::of(workspace, annotation, QUOTE_CONTEXT_CHARS);
    let names = CodingNames::of(codebook, annotation);
    let mut body: Vec<Value> = names
        .topics
        .iter()
        .map(|name| json!({"type": "TextualBody", "purpose": "tagging", "value": name}))
        .collect();
    for (key, name) in [
        ("stance", names.stance),
        ("holder", names.holder),
        ("target", names.target),
    ] {
        if let Some(name) = name {
            body.push(json!({"type": "TextualBody", "purpose": "classifying", "value": format!("{key}: {name}")}));
        }
    }
    if !annotation.memo.is_empty() {
        body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": annotation.memo, "format": "text/plain"}));
    }
    let document = project.document(&annotation.document);
    let mut source = json!({
        "id": format!("urn:gloss:document:{}", annotation.document),
        "type": "Text",
        "format": "text/plain",
    });
    if let Some(document) = document {
        source["label"] = json!(document.path);
        source["title"] = json!(document.title());
    }
    let mut value = json!({
        "id": format!("urn:gloss:annotation:{}", annotation.id),
        "type": "Annotation",
        "motivation": if annotation.topics.is_empty() { "highlighting" } else { "tagging" },
        "created": annotation.created,
        "modified": annotation.modified,
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": annotation.start.0, "end": annotation.end.0},
            ],
        },
    });
    if !annotation.coder.is_empty() {
        value["creator"] = json!({"type": "Person", "name": annotation.coder});
    }
    value
}

/// Writes the collection; returns how many annotations it holds.
pub fn write_w3c(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let project = &workspace.project;
    let matches = retrieve(workspace, filter);
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let head = json!({
        "@context": ANNOTATION_CONTEXT,
        "id": format!("urn:gloss:export:{}", options.now),
        "type": "AnnotationCollection",
        "label": format!(
            "{}: {}",
            options.project_name,
            filter.describe(&project.codebook, &project.documents)
        ),
        "total": matches.len(),
        "generated": options.now,
    });
    // Stream the items so that large projects need no second copy in memory.
    let head_text = serde_json::to_string(&head).map_err(io::Error::other)?;
    let open = head_text.strip_suffix('}').unwrap_or(&head_text);
    out.write_all(open.as_bytes())?;
    out.write_all(b",\"first\":{\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":[\n")?;
    for (index, annotation) in matches.iter().enumerate() {
        if index > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &annotation_value(workspace, annotation))?;
    }
    out.write_all(b"\n]}}\n")?;
    out.flush()?;
    Ok(matches.len())
}
