//! The report as one self-contained HTML file that prints well: a contents
//! list when there are several topics, a section per topic and per document,
//! each passage as a figure (context, marked passage, caption with citation,
//! stance, topics and coder, memo). Every text from the project is escaped.

use super::model::{DocumentSection, Excerpt, ReportModel, TITLE_SUFFIX, TopicSection};
use std::fmt::Write as _;

/// The outline colour of a stance badge when the stance has no colour of its own.
const STANCE_FALLBACK_COLOR: &str = "#5f6368";

/// Escapes text for HTML element content and attribute values.
pub(super) fn escape_html(text: &str) -> String {
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

/// The print-friendly style sheet, inlined so the file stands alone.
pub(super) const HTML_STYLE: &str = r#"
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

/// One passage as a `<figure>`.
fn write_excerpt(html: &mut String, excerpt: &Excerpt<'_>) {
    let passage = &excerpt.passage;
    let _ = write!(
        html,
        "<figure class=\"excerpt\" data-annotation=\"{}\">\n<blockquote><span class=\"context\">…{}</span><mark>{}</mark><span class=\"context\">{}…</span></blockquote>\n",
        escape_html(excerpt.annotation.id.as_str()),
        escape_html(passage.before),
        escape_html(passage.text),
        escape_html(passage.after)
    );
    let _ = write!(
        html,
        "<figcaption><cite>{}</cite>, {}.",
        escape_html(&excerpt.citation.title),
        escape_html(&excerpt.citation.position())
    );
    if let Some((stance, color)) = &excerpt.stance {
        let color = color.map_or_else(|| STANCE_FALLBACK_COLOR.to_owned(), |c| c.to_string());
        let _ = write!(
            html,
            " <span class=\"stance\" style=\"border-color:{color}\">{}</span>",
            escape_html(stance)
        );
    }
    if let Some(topics) = &excerpt.topics {
        let _ = write!(html, " · Topics: {}", escape_html(topics));
    }
    let coder = &excerpt.annotation.coder;
    if !coder.is_empty() {
        let _ = write!(html, " · Coder: {}", escape_html(coder));
    }
    html.push_str("</figcaption>\n");
    if !excerpt.memo.is_empty() {
        let _ = writeln!(html, "<p class=\"memo\">{}</p>", escape_html(excerpt.memo));
    }
    html.push_str("</figure>\n");
}

/// One document's passages as a `<section>`.
fn write_document(html: &mut String, document: &DocumentSection<'_>) {
    let _ = write!(
        html,
        "<section class=\"document\">\n<h3>{}</h3>\n",
        escape_html(&document.title)
    );
    if !document.source.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"source\">{}</p>",
            escape_html(&document.source.join(" · "))
        );
    }
    for excerpt in &document.excerpts {
        write_excerpt(html, excerpt);
    }
    html.push_str("</section>\n");
}

/// One topic's documents as a `<section>` that the contents list links to.
fn write_topic(html: &mut String, index: usize, section: &TopicSection<'_>) {
    let _ = write!(html, "<section class=\"topic\" id=\"topic-{index}\">\n<h2>");
    if let Some(topic) = section.topic {
        // Colours are #RRGGBB by construction (Color's Display), safe in an attribute.
        let _ = write!(
            html,
            "<span class=\"swatch\" style=\"background:{}\"></span>",
            topic.color
        );
    }
    let _ = writeln!(html, "{}</h2>", escape_html(&section.heading));
    if let Some(description) = section.description {
        let _ = writeln!(
            html,
            "<p class=\"description\">{}</p>",
            escape_html(description)
        );
    }
    for document in &section.documents {
        write_document(html, document);
    }
    html.push_str("</section>\n");
}

/// A report page's start up to `<body>`: `title` (escaped already) and the style sheet.
pub(crate) fn html_head(title: &str, style: &str) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"generator\" content=\"Gloss\">\n");
    let _ = write!(
        html,
        "<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    );
    html
}

/// The whole report as an HTML document.
pub(crate) fn render_html(report: &ReportModel<'_>) -> String {
    let title = escape_html(&format!("{}{TITLE_SUFFIX}", report.project_name));
    let mut html = html_head(&title, HTML_STYLE);
    let _ = write!(
        html,
        "<header>\n<h1>{title}</h1>\n<p class=\"meta\">{}</p>\n</header>\n",
        escape_html(&report.summary)
    );
    if report.topics.len() > 1 {
        html.push_str("<nav>\n<h2>Contents</h2>\n<ol>\n");
        for (index, section) in report.topics.iter().enumerate() {
            let _ = writeln!(
                html,
                "<li><a href=\"#topic-{index}\">{}</a> ({})</li>",
                escape_html(&section.heading),
                section.excerpt_count()
            );
        }
        html.push_str("</ol>\n</nav>\n");
    }
    html.push_str("<main>\n");
    for (index, section) in report.topics.iter().enumerate() {
        write_topic(&mut html, index, section);
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html("<b a=\"x\">&'"),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
