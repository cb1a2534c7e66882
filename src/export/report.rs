//! Readable reports of the retrieved excerpts, grouped by topic then document,
//! each with a citation (title, outlet, date, position) and its stance:
//! Markdown ([`write_markdown`]) and one self-contained HTML file that prints
//! well ([`write_html`]). All document text is escaped.
//!
//! An annotation with several topics appears under each of them; annotations
//! without a topic come last under "No topic". Documents within a topic follow
//! the filter's sort order (first appearance); passages within a document
//! follow their position.

use crate::export::{ExportOptions, REPORT_CONTEXT_CHARS};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::document::{DocumentRecord, attribute};
use crate::model::ids::{DocumentId, TopicId};
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use std::collections::HashMap;
use std::io::{self, Write};

/// One group of the report: a topic (or none) and its documents' passages.
struct TopicGroup<'a> {
    topic: Option<&'a TopicId>,
    documents: Vec<(&'a DocumentId, Vec<&'a Annotation>)>,
}

/// Groups the retrieved annotations by topic (tree order) then document.
fn group<'a>(workspace: &'a Workspace, matches: &[&'a Annotation]) -> Vec<TopicGroup<'a>> {
    let codebook = &workspace.project.codebook;
    let mut order: Vec<Option<&'a TopicId>> = codebook
        .topic_tree()
        .into_iter()
        .map(|(_, t)| Some(&t.id))
        .collect();
    order.push(None);
    let mut groups = Vec::new();
    for topic in order {
        let mut documents: Vec<(&DocumentId, Vec<&Annotation>)> = Vec::new();
        for annotation in matches {
            let belongs = match topic {
                Some(id) => annotation.topics.contains(id),
                None => !annotation
                    .topics
                    .iter()
                    .any(|t| codebook.topic(t).is_some()),
            };
            if !belongs {
                continue;
            }
            match documents
                .iter_mut()
                .find(|(d, _)| *d == &annotation.document)
            {
                Some((_, list)) => list.push(annotation),
                None => documents.push((&annotation.document, vec![annotation])),
            }
        }
        if documents.is_empty() {
            continue;
        }
        for (_, list) in &mut documents {
            list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        }
        groups.push(TopicGroup { topic, documents });
    }
    groups
}

/// "Parent › Child" for a topic.
fn topic_path(codebook: &Codebook, topic: &TopicId) -> String {
    let mut names = vec![codebook.topic_name(topic).to_string()];
    let mut current = codebook.topic(topic).and_then(|t| t.parent.as_ref());
    while let Some(parent) = current {
        if names.len() > 32 {
            break;
        }
        names.push(codebook.topic_name(parent).to_string());
        current = codebook.topic(parent).and_then(|t| t.parent.as_ref());
    }
    names.reverse();
    names.join(" › ")
}

/// What a citation says about one passage.
struct Citation {
    title: String,
    outlet: Option<String>,
    date: Option<String>,
    line: Option<usize>,
    start_chars: usize,
    end_chars: usize,
}

impl Citation {
    fn new(
        workspace: &Workspace,
        document: Option<&DocumentRecord>,
        annotation: &Annotation,
    ) -> Self {
        let attribute_of = |key: &str| {
            document
                .and_then(|d| d.attribute(key))
                .filter(|v| !v.trim().is_empty())
                .map(str::to_string)
        };
        let line = workspace.text(&annotation.document).and_then(|loaded| {
            let before = loaded.text.slice(crate::model::text::CharRange {
                start: crate::model::text::CharOffset(0),
                end: annotation.start,
            })?;
            Some(before.matches('\n').count() + 1)
        });
        Self {
            title: document.map_or_else(
                || annotation.document.to_string(),
                |d| d.title().to_string(),
            ),
            outlet: attribute_of(attribute::OUTLET),
            date: attribute_of(attribute::DATE),
            line,
            start_chars: annotation.start.0,
            end_chars: annotation.end.0,
        }
    }

    /// "Outlet, date, line 3, chars 10–20" (without the title).
    fn position(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.outlet.clone());
        parts.extend(self.date.clone());
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        parts.push(format!("chars {}–{}", self.start_chars, self.end_chars));
        parts.join(", ")
    }
}

/// "supportive (Serbia → China)", "holder Serbia", or `None`.
fn stance_text(codebook: &Codebook, annotation: &Annotation) -> Option<String> {
    let stance = annotation.stance.as_ref().map(|s| codebook.stance_name(s));
    let holder = annotation.holder.as_ref().map(|a| codebook.actor_name(a));
    let target = annotation.target.as_ref().map(|a| codebook.actor_name(a));
    let actors = match (holder, target) {
        (Some(h), Some(t)) => Some(format!("{h} → {t}")),
        (Some(h), None) => Some(format!("held by {h}")),
        (None, Some(t)) => Some(format!("toward {t}")),
        (None, None) => None,
    };
    match (stance, actors) {
        (Some(s), Some(a)) => Some(format!("{s} ({a})")),
        (Some(s), None) => Some(s.to_string()),
        (None, Some(a)) => Some(a),
        (None, None) => None,
    }
}

fn excerpt_text<'a>(workspace: &'a Workspace, annotation: &'a Annotation) -> &'a str {
    workspace
        .text(&annotation.document)
        .and_then(|loaded| loaded.text.slice(annotation.range()))
        .unwrap_or(&annotation.anchor.exact)
}

fn context<'a>(workspace: &'a Workspace, annotation: &'a Annotation) -> (&'a str, &'a str) {
    match workspace.text(&annotation.document) {
        Some(loaded) if loaded.text.slice(annotation.range()).is_some() => (
            loaded
                .text
                .context_before(annotation.start, REPORT_CONTEXT_CHARS),
            loaded
                .text
                .context_after(annotation.end, REPORT_CONTEXT_CHARS),
        ),
        _ => (&annotation.anchor.prefix, &annotation.anchor.suffix),
    }
}

/// Escapes text for Markdown: inline markup everywhere, block markup at line starts.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start().len();
        let (lead, rest) = line.split_at(indent);
        out.push_str(lead);
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        for (position, c) in rest.chars().enumerate() {
            let at_line_start = position == 0 && matches!(c, '#' | '+' | '-' | '=' | '>');
            let ordered_list = digits > 0 && position == digits && matches!(c, '.' | ')');
            let inline = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
            );
            if at_line_start || ordered_list || inline {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn header_line(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    count: usize,
    options: &ExportOptions,
) -> String {
    let project = &workspace.project;
    format!(
        "{count} annotation{} · filter: {} · exported {}",
        if count == 1 { "" } else { "s" },
        filter.describe(&project.codebook, &project.documents),
        options.now
    )
}

/// Writes the Markdown report; returns how many annotations it holds.
pub fn write_markdown(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let matches = retrieve(workspace, filter);
    let documents: HashMap<&DocumentId, &DocumentRecord> =
        project.documents.iter().map(|d| (&d.id, d)).collect();
    let mut text = String::new();
    text.push_str(&format!(
        "# {}: coded excerpts\n\n",
        escape_markdown(&options.project_name)
    ));
    text.push_str(&format!(
        "{}\n",
        escape_markdown(&header_line(workspace, filter, matches.len(), options))
    ));
    for group in group(workspace, &matches) {
        let heading = group
            .topic
            .map_or_else(|| "No topic".to_string(), |t| topic_path(codebook, t));
        text.push_str(&format!("\n## {}\n", escape_markdown(&heading)));
        if let Some(description) = group
            .topic
            .and_then(|t| codebook.topic(t))
            .map(|t| t.description.trim())
            .filter(|d| !d.is_empty())
        {
            text.push_str(&format!("\n*{}*\n", escape_markdown(description)));
        }
        for (document_id, annotations) in &group.documents {
            let document = documents.get(document_id).copied();
            let title = document.map_or_else(|| document_id.to_string(), |d| d.title().to_string());
            text.push_str(&format!("\n### {}\n", escape_markdown(&title)));
            for annotation in annotations {
                let citation = Citation::new(workspace, document, annotation);
                text.push('\n');
                for line in escape_markdown(excerpt_text(workspace, annotation)).split('\n') {
                    text.push_str("> ");
                    text.push_str(line);
                    text.push('\n');
                }
                text.push_str(&format!(
                    "\n— *{}*, {}.",
                    escape_markdown(&citation.title),
                    escape_markdown(&citation.position())
                ));
                if let Some(stance) = stance_text(codebook, annotation) {
                    text.push_str(&format!(" Stance: **{}**.", escape_markdown(&stance)));
                }
                let topics: Vec<&str> = annotation
                    .topics
                    .iter()
                    .map(|t| codebook.topic_name(t))
                    .collect();
                if topics.len() > 1 {
                    text.push_str(&format!(
                        " Topics: {}.",
                        escape_markdown(&topics.join("; "))
                    ));
                }
                if !annotation.coder.is_empty() {
                    text.push_str(&format!(" Coder: {}.", escape_markdown(&annotation.coder)));
                }
                text.push('\n');
                if !annotation.memo.trim().is_empty() {
                    text.push_str(&format!(
                        "\nMemo: {}\n",
                        escape_markdown(annotation.memo.trim()).replace('\n', "  \n")
                    ));
                }
            }
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(matches.len())
}

const HTML_STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Iowan Old Style", "Times New Roman", serif; color: #1d1d1f; max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1, h2, h3, nav, figcaption, .meta, .source { font-family: -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #d9d9de; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .25rem; }
.meta, .source { color: #5f6368; font-size: .85rem; }
.description { color: #5f6368; font-style: italic; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: .2em; margin-right: .45em; vertical-align: -.05em; }
nav ol { padding-left: 1.25rem; font-size: .9rem; }
nav a { color: inherit; }
figure { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0; padding: .4rem 0 .4rem 1rem; border-left: 3px solid #c5cad3; white-space: pre-wrap; }
.context { color: #8a8f98; }
mark { background: #fff3b0; color: inherit; padding: 0 .05em; }
figcaption { font-size: .85rem; color: #3c4043; margin-top: .35rem; }
.stance { display: inline-block; border: 1px solid; border-radius: .6em; padding: 0 .45em; margin-left: .25em; }
.memo { font-size: .9rem; background: #f5f6f8; padding: .4rem .6rem; border-radius: .3rem; margin: .35rem 0 0; white-space: pre-wrap; }
@page { margin: 2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  nav { break-after: page; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  mark { background: none; font-weight: bold; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Writes the HTML report; returns how many annotations it holds.
pub fn write_html(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let matches = retrieve(workspace, filter);
    let documents: HashMap<&DocumentId, &DocumentRecord> =
        project.documents.iter().map(|d| (&d.id, d)).collect();
    let groups = group(workspace, &matches);
    let title = format!("{}: coded excerpts", options.project_name);
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"generator\" content=\"Gloss\">\n");
    html.push_str(&format!(
        "<title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n",
        escape_html(&title)
    ));
    html.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>\n",
        escape_html(&title),
        escape_html(&header_line(workspace, filter, matches.len(), options))
    ));
    let heading_of = |group: &TopicGroup| {
        group
            .topic
            .map_or_else(|| "No topic".to_string(), |t| topic_path(codebook, t))
    };
    if groups.len() > 1 {
        html.push_str("<nav>\n<h2>Contents</h2>\n<ol>\n");
        for (index, group) in groups.iter().enumerate() {
            let count: usize = group.documents.iter().map(|(_, list)| list.len()).sum();
            html.push_str(&format!(
                "<li><a href=\"#topic-{index}\">{}</a> ({count})</li>\n",
                escape_html(&heading_of(group))
            ));
        }
        html.push_str("</ol>\n</nav>\n");
    }
    html.push_str("<main>\n");
    for (index, group) in groups.iter().enumerate() {
        let topic = group.topic.and_then(|t| codebook.topic(t));
        html.push_str(&format!(
            "<section class=\"topic\" id=\"topic-{index}\">\n<h2>"
        ));
        if let Some(topic) = topic {
            // Colours are #RRGGBB by construction (Color's Display), safe in an attribute.
            html.push_str(&format!(
                "<span class=\"swatch\" style=\"background:{}\"></span>",
                topic.color
            ));
        }
        html.push_str(&format!("{}</h2>\n", escape_html(&heading_of(group))));
        if let Some(description) = topic
            .map(|t| t.description.trim())
            .filter(|d| !d.is_empty())
        {
            html.push_str(&format!(
                "<p class=\"description\">{}</p>\n",
                escape_html(description)
            ));
        }
        for (document_id, annotations) in &group.documents {
            let document = documents.get(document_id).copied();
            let title = document.map_or_else(|| document_id.to_string(), |d| d.title().to_string());
            html.push_str(&format!(
                "<section class=\"document\">\n<h3>{}</h3>\n",
                escape_html(&title)
            ));
            if let Some(document) = document {
                let mut source: Vec<&str> = Vec::new();
                for key in [attribute::AUTHOR, attribute::OUTLET, attribute::DATE] {
                    source.extend(document.attribute(key).filter(|v| !v.trim().is_empty()));
                }
                source.push(&document.path);
                html.push_str(&format!(
                    "<p class=\"source\">{}</p>\n",
                    escape_html(&source.join(" · "))
                ));
            }
            for annotation in annotations {
                let citation = Citation::new(workspace, document, annotation);
                let (before, after) = context(workspace, annotation);
                html.push_str(&format!(
                    "<figure class=\"excerpt\" data-annotation=\"{}\">\n<blockquote><span class=\"context\">…{}</span><mark>{}</mark><span class=\"context\">{}…</span></blockquote>\n",
                    escape_html(annotation.id.as_str()),
                    escape_html(before),
                    escape_html(excerpt_text(workspace, annotation)),
                    escape_html(after)
                ));
                html.push_str(&format!(
                    "<figcaption><cite>{}</cite>, {}.",
                    escape_html(&citation.title),
                    escape_html(&citation.position())
                ));
                if let Some(stance) = stance_text(codebook, annotation) {
                    let color = annotation
                        .stance
                        .as_ref()
                        .and_then(|s| codebook.stance(s))
                        .map_or_else(|| "#5f6368".to_string(), |s| s.color.to_string());
                    html.push_str(&format!(
                        " <span class=\"stance\" style=\"border-color:{color}\">{}</span>",
                        escape_html(&stance)
                    ));
                }
                let topics: Vec<&str> = annotation
                    .topics
                    .iter()
                    .map(|t| codebook.topic_name(t))
                    .collect();
                if topics.len() > 1 {
                    html.push_str(&format!(" · Topics: {}", escape_html(&topics.join("; "))));
                }
                if !annotation.coder.is_empty() {
                    html.push_str(&format!(" · Coder: {}", escape_html(&annotation.coder)));
                }
                html.push_str("</figcaption>\n");
                if !annotation.memo.trim().is_empty() {
                    html.push_str(&format!(
                        "<p class=\"memo\">{}</p>\n",
                        escape_html(annotation.memo.trim())
                    ));
                }
                html.push_str("</figure>\n");
            }
            html.push_str("</section>\n");
        }
        html.push_str("</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    out.write_all(html.as_bytes())?;
    Ok(matches.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_markup() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(
            escape_markdown("a *b* [c](d) <e>"),
            "a \\*b\\* \\[c\\](d) \\<e\\>"
        );
        assert_eq!(escape_markdown("1. item\n- item"), "1\\. item\n\\- item");
        assert_eq!(escape_markdown("Vučić - 2020."), "Vučić - 2020.");
    }

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html("<b a=\"x\">&'"),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
