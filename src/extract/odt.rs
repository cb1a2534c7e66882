//! OpenDocument text (`.odt`) → canonical text: the body's paragraphs in
//! order, `text:h` headings at their outline level, list items with their
//! bullet or number as text, tables as text (cells apart by tabs, rows by
//! lines), footnotes as marked notes after their paragraph and endnotes at the
//! end, metadata from `meta.xml`. Comments (`office:annotation`), tracked
//! deletions, the table of contents and drawings are skipped.

use crate::extract::archive::{Archive, parse_xml};
use crate::extract::builder::{BlockKind, PendingNote, TextBuilder, collapse_whitespace, roman};
use crate::extract::extracted::{ExtractError, Extracted};
use crate::model::structure::SourceFormat;
use roxmltree::Node;
use std::collections::HashMap;

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const FORMAT: &str = "OpenDocument (.odt)";

/// Extracts an OpenDocument text's text and structure.
pub fn extract_odt(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive = Archive::open(bytes, FORMAT)?;
    let Some(content) = archive.read_text("content.xml")? else {
        return Err(archive.malformed("no content.xml"));
    };
    let content = parse_xml(&content, FORMAT, "content.xml")?;
    let mut list_styles = ListStyles::default();
    list_styles.add(&content);
    if let Some(styles) = archive.read_text("styles.xml")? {
        list_styles.add(&parse_xml(&styles, FORMAT, "styles.xml")?);
    }
    let text = content
        .descendants()
        .find(|n| n.has_tag_name((OFFICE, "text")))
        .ok_or_else(|| archive.malformed("no office:text body"))?;
    let mut walker = Walker {
        builder: TextBuilder::new(SourceFormat::Odt),
        list_styles,
        footnote_count: 0,
        endnotes: Vec::new(),
    };
    walker.blocks(text, None, 0);
    let endnotes = std::mem::take(&mut walker.endnotes);
    walker.builder.notes(&endnotes);
    let mut builder = walker.builder;
    if let Some(meta) = archive.read_text("meta.xml")? {
        let meta = parse_xml(&meta, FORMAT, "meta.xml")?;
        for (name, key) in [
            ("title", "title"),
            ("creator", "author"),
            ("initial-creator", "author"),
            ("creation-date", "date"),
            ("date", "date"),
        ] {
            if let Some(node) = meta.descendants().find(|n| n.tag_name().name() == name) {
                builder.metadata(key, &plain_text(node));
            }
        }
    }
    Ok(builder.finish())
}

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

struct Walker {
    builder: TextBuilder,
    list_styles: ListStyles,
    footnote_count: usize,
    endnotes: Vec<PendingNote>,
}

impl Walker {
    /// Block-level children: paragraphs, headings, lists, tables, sections.
    /// `list` is the list style in force and `depth` the list nesting.
    fn blocks(&mut self, parent: Node<'_, '_>, list: Option<&str>, depth: usize) {
        for child in parent.children().filter(Node::is_element) {
            let ns = child.tag_name().namespace();
            match (ns, child.tag_name().name()) {
                (Some(TEXT), "p") => self.paragraph(child, BlockKind::Paragraph, ""),
                (Some(TEXT), "h") => {
                    let level = child
                        .attribute((TEXT, "outline-level"))
                        .and_then(|v| v.parse::<u8>().ok())
                        .unwrap_or(1);
                    self.paragraph(child, BlockKind::Heading(level), "");
                }
                (Some(TEXT), "list") => {
                    let style = child.attribute((TEXT, "style-name")).or(list);
                    self.list(child, style, depth);
                }
                (Some(TABLE), "table") => self.table(child),
                (Some(TEXT), "section") | (Some(TABLE), "table-header-rows") => {
                    self.blocks(child, list, depth);
                }
                _ => {}
            }
        }
    }

    fn list(&mut self, list: Node<'_, '_>, style: Option<&str>, depth: usize) {
        let mut number = list
            .attribute((TEXT, "start-value"))
            .and_then(|v| v.parse::<usize>().ok())
            .map_or(0, |start| start.saturating_sub(1));
        for item in list.children().filter(|n| {
            n.has_tag_name((TEXT, "list-item")) || n.has_tag_name((TEXT, "list-header"))
        }) {
            number += 1;
            let label = self.list_styles.label(style, depth, number);
            let indent = "  ".repeat(depth);
            let mut first = true;
            for child in item.children().filter(Node::is_element) {
                if child.has_tag_name((TEXT, "list")) {
                    let nested = child.attribute((TEXT, "style-name")).or(style);
                    self.list(child, nested, depth + 1);
                } else if child.has_tag_name((TEXT, "p")) || child.has_tag_name((TEXT, "h")) {
                    let prefix = if first && item.has_tag_name((TEXT, "list-item")) {
                        format!("{indent}{label} ")
                    } else {
                        indent.clone()
                    };
                    first = false;
                    self.paragraph(child, BlockKind::ListItem, &prefix);
                }
            }
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>, kind: BlockKind, prefix: &str) {
        let mut text = String::from(prefix);
        let mut notes = Vec::new();
        self.inline(p, &mut text, &mut notes);
        self.builder.block(kind, &text);
        self.builder.notes(&notes);
    }

    /// Appends a paragraph's text; footnotes found go to `notes`, endnotes to the end.
    fn inline(&mut self, node: Node<'_, '_>, out: &mut String, notes: &mut Vec<PendingNote>) {
        for child in node.children() {
            if child.is_text() {
                collapse_whitespace(child.text().unwrap_or(""), out);
                continue;
            }
            if !child.is_element() {
                continue;
            }
            match (child.tag_name().namespace(), child.tag_name().name()) {
                (Some(TEXT), "s") => {
                    let count = child
                        .attribute((TEXT, "c"))
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(64);
                    out.push_str(&" ".repeat(count));
                }
                (Some(TEXT), "tab") => out.push('\t'),
                (Some(TEXT), "line-break") => out.push('\n'),
                (Some(TEXT), "note") => self.note(child, out, notes),
                (Some(OFFICE), "annotation" | "annotation-end")
                | (Some(TEXT), "tracked-changes" | "bookmark-ref" | "change" | "soft-page-break") =>
                    {}
                (Some(TEXT), _) | (Some(OFFICE), _) => self.inline(child, out, notes),
                _ => {}
            }
        }
    }

    fn note(&mut self, note: Node<'_, '_>, out: &mut String, notes: &mut Vec<PendingNote>) {
        let endnote = note.attribute((TEXT, "note-class")) == Some("endnote");
        let citation = note
            .children()
            .find(|n| n.has_tag_name((TEXT, "note-citation")))
            .map(plain_text)
            .filter(|c| !c.trim().is_empty());
        let marker = match citation {
            Some(citation) => citation.trim().to_owned(),
            None if endnote => roman(self.endnotes.len() + 1),
            None => {
                self.footnote_count += 1;
                self.footnote_count.to_string()
            }
        };
        let mut body = String::new();
        let mut nested = Vec::new();
        if let Some(note_body) = note
            .children()
            .find(|n| n.has_tag_name((TEXT, "note-body")))
        {
            for p in note_body
                .descendants()
                .filter(|n| n.has_tag_name((TEXT, "p")))
            {
                let mut paragraph = String::new();
                self.inline(p, &mut paragraph, &mut nested);
                if !paragraph.trim().is_empty() {
                    if !body.is_empty() {
                        body.push(' ');
                    }
                    body.push_str(paragraph.trim());
                }
            }
        }
        out.push_str(&format!("[{marker}]"));
        let pending = PendingNote { marker, text: body };
        if endnote {
            self.endnotes.push(pending);
        } else {
            notes.push(pending);
        }
    }

    fn table(&mut self, table: Node<'_, '_>) {
        let mut notes = Vec::new();
        let rows = table.descendants().filter(|n| {
            n.has_tag_name((TABLE, "table-row"))
                && n.ancestors()
                    .skip(1)
                    .find(|a| a.has_tag_name((TABLE, "table")))
                    == Some(table)
        });
        let rows: Vec<Node<'_, '_>> = rows.collect();
        for row in rows {
            let mut cells = Vec::new();
            for cell in row
                .children()
                .filter(|n| n.has_tag_name((TABLE, "table-cell")))
            {
                let mut paragraphs = Vec::new();
                for p in cell
                    .descendants()
                    .filter(|n| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h")))
                {
                    let mut text = String::new();
                    self.inline(p, &mut text, &mut notes);
                    let text = text.replace(['\t', '\n'], " ");
                    if !text.trim().is_empty() {
                        paragraphs.push(text.trim().to_owned());
                    }
                }
                cells.push(paragraphs.join(" "));
            }
            self.builder.block(BlockKind::TableRow, &cells.join("\t"));
        }
        self.builder.notes(&notes);
    }
}

/// List styles by name: for each level, a bullet or a number format.
#[derive(Default)]
struct ListStyles {
    styles: HashMap<String, Vec<ListLevel>>,
}

#[derive(Clone)]
enum ListLevel {
    Bullet(String),
    Number {
        format: String,
        prefix: String,
        suffix: String,
    },
}

impl ListStyles {
    fn add(&mut self, doc: &roxmltree::Document<'_>) {
        for style in doc
            .descendants()
            .filter(|n| n.has_tag_name((TEXT, "list-style")))
        {
            let Some(name) = style.attribute((STYLE, "name")) else {
                continue;
            };
            let mut levels = vec![ListLevel::Bullet("•".into()); 10];
            for level in style.children().filter(Node::is_element) {
                let Some(index) = level
                    .attribute((TEXT, "level"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .and_then(|l| l.checked_sub(1))
                else {
                    continue;
                };
                let value = match level.tag_name().name() {
                    "list-level-style-bullet" => ListLevel::Bullet(
                        level
                            .attribute((TEXT, "bullet-char"))
                            .unwrap_or("•")
                            .to_owned(),
                    ),
                    "list-level-style-number" => ListLevel::Number {
                        format: level
                            .attribute((STYLE, "num-format"))
                            .unwrap_or("1")
                            .to_owned(),
                        prefix: level
                            .attribute((STYLE, "num-prefix"))
                            .unwrap_or("")
                            .to_owned(),
                        suffix: level
                            .attribute((STYLE, "num-suffix"))
                            .unwrap_or("")
                            .to_owned(),
                    },
                    _ => continue,
                };
                if let Some(slot) = levels.get_mut(index) {
                    *slot = value;
                }
            }
            self.styles.entry(name.to_owned()).or_insert(levels);
        }
    }

    fn label(&self, style: Option<&str>, depth: usize, number: usize) -> String {
        let level = style
            .and_then(|s| self.styles.get(s))
            .and_then(|levels| levels.get(depth.min(9)));
        match level {
            None => "•".into(),
            Some(ListLevel::Bullet(bullet)) => {
                if bullet
                    .chars()
                    .any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
                {
                    "•".into()
                } else {
                    bullet.clone()
                }
            }
            Some(ListLevel::Number {
                format,
                prefix,
                suffix,
            }) => {
                let value = match format.as_str() {
                    "a" | "A" => {
                        let letter =
                            char::from(b'a' + u8::try_from((number - 1) % 26).unwrap_or(0));
                        let text = letter.to_string();
                        if format == "A" {
                            text.to_uppercase()
                        } else {
                            text
                        }
                    }
                    "i" => roman(number),
                    "I" => roman(number).to_uppercase(),
                    "" => String::new(),
                    _ => number.to_string(),
                };
                format!("{prefix}{value}{suffix}")
            }
        }
    }
}

fn plain_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}
