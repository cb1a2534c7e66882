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

use crate::export::{ExportOptions, QUOTE_CONTEXT_CHARS};
use crate::model::annotation::Annotation;
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const ANNOTATION_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

fn annotation_value(workspace: &Workspace, annotation: &Annotation) -> Value {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let loaded = workspace.text(&annotation.document);
    let live = loaded.and_then(|l| l.text.slice(annotation.range()).map(|exact| (l, exact)));
    let (exact, prefix, suffix) = match live {
        Some((loaded, exact)) => (
            exact,
            loaded
                .text
                .context_before(annotation.start, QUOTE_CONTEXT_CHARS),
            loaded
                .text
                .context_after(annotation.end, QUOTE_CONTEXT_CHARS),
        ),
        None => (
            annotation.anchor.exact.as_str(),
            annotation.anchor.prefix.as_str(),
            annotation.anchor.suffix.as_str(),
        ),
    };
    let mut body: Vec<Value> = annotation
        .topics
        .iter()
        .map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": codebook.topic_name(t)}))
        .collect();
    let classifying =
        |value: String| json!({"type": "TextualBody", "purpose": "classifying", "value": value});
    if let Some(stance) = &annotation.stance {
        body.push(classifying(format!(
            "stance: {}",
            codebook.stance_name(stance)
        )));
    }
    if let Some(holder) = &annotation.holder {
        body.push(classifying(format!(
            "holder: {}",
            codebook.actor_name(holder)
        )));
    }
    if let Some(target) = &annotation.target {
        body.push(classifying(format!(
            "target: {}",
            codebook.actor_name(target)
        )));
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
