//! The report as Markdown: `#` title, `##` per topic, `###` per document,
//! each passage as a block quote with its citation, stance, topics, coder and
//! memo. Every text from the project is escaped.

use super::model::{Excerpt, ReportModel, TITLE_SUFFIX};
use std::fmt::Write as _;

/// Escapes text for Markdown: inline markup everywhere, block markup at line starts.
fn escape_markdown(text: &str) -> String {
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

/// One passage: the quote, then a line with its citation and codes, then the memo.
fn write_excerpt(text: &mut String, excerpt: &Excerpt<'_>) {
    text.push('\n');
    for line in escape_markdown(excerpt.passage.text).split('\n') {
        text.push_str("> ");
        text.push_str(line);
        text.push('\n');
    }
    let citation = &excerpt.citation;
    let _ = write!(
        text,
        "\n— *{}*, {}.",
        escape_markdown(&citation.title),
        escape_markdown(&citation.position())
    );
    if let Some((stance, _)) = &excerpt.stance {
        let _ = write!(text, " Stance: **{}**.", escape_markdown(stance));
    }
    if let Some(topics) = &excerpt.topics {
        let _ = write!(text, " Topics: {}.", escape_markdown(topics));
    }
    let coder = &excerpt.annotation.coder;
    if !coder.is_empty() {
        let _ = write!(text, " Coder: {}.", escape_markdown(coder));
    }
    text.push('\n');
    if !excerpt.memo.is_empty() {
        let _ = writeln!(
            text,
            "\nMemo: {}",
            escape_markdown(excerpt.memo).replace('\n', "  \n")
        );
    }
}

/// The whole report as Markdown text.
pub(crate) fn render_markdown(report: &ReportModel<'_>) -> String {
    let mut text = String::new();
    let _ = write!(
        text,
        "# {}{TITLE_SUFFIX}\n\n{}\n",
        escape_markdown(&report.project_name),
        escape_markdown(&report.summary)
    );
    for section in &report.topics {
        let _ = write!(text, "\n## {}\n", escape_markdown(&section.heading));
        if let Some(description) = section.description {
            let _ = write!(text, "\n*{}*\n", escape_markdown(description));
        }
        for document in &section.documents {
            let _ = write!(text, "\n### {}\n", escape_markdown(&document.title));
            for excerpt in &document.excerpts {
                write_excerpt(&mut text, excerpt);
            }
        }
    }
    text
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
}
