//! Word (`.docx`) → canonical text: the body's paragraphs in order, headings
//! (by outline level or a "Heading N"/"Title" style) as [`Heading`] ranges,
//! list items with their bullet or number as text, tables as text (cells apart
//! by tabs, rows by lines), footnotes as marked notes after their paragraph and
//! endnotes as marked notes at the end, metadata from `docProps/core.xml`.
//! Comments, deleted text of tracked changes, field codes and drawings are
//! skipped.
//!
//! [`Heading`]: crate::model::structure::Heading

use crate::extract::archive::{Archive, parse_xml};
use crate::extract::builder::{BlockKind, PendingNote, TextBuilder, roman};
use crate::extract::extracted::{ExtractError, Extracted};
use crate::model::structure::SourceFormat;
use roxmltree::Node;
use std::collections::HashMap;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const FORMAT: &str = "Word (.docx)";

/// Extracts a Word document's text and structure.
pub fn extract_docx(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive = Archive::open(bytes, FORMAT)?;
    let main = main_part(&mut archive)?;
    let Some(document_xml) = archive.read_text(&main)? else {
        return Err(archive.malformed("no main document part (word/document.xml)"));
    };
    let rels = relationships(&mut archive, &main)?;
    let part = |kind: &str, fallback: &str| {
        rels.iter()
            .find(|(rel_type, _)| rel_type.ends_with(kind))
            .map_or_else(|| fallback.to_owned(), |(_, target)| target.clone())
    };
    let styles = match archive.read_text(&part("/styles", "word/styles.xml"))? {
        Some(xml) => Styles::parse(&parse_xml(&xml, FORMAT, "styles")?),
        None => Styles::default(),
    };
    let numbering = match archive.read_text(&part("/numbering", "word/numbering.xml"))? {
        Some(xml) => Numbering::parse(&parse_xml(&xml, FORMAT, "numbering")?),
        None => Numbering::default(),
    };
    let footnotes = read_notes(&mut archive, &part("/footnotes", "word/footnotes.xml"))?;
    let endnotes = read_notes(&mut archive, &part("/endnotes", "word/endnotes.xml"))?;

    let document = parse_xml(&document_xml, FORMAT, &main)?;
    let body = document
        .root_element()
        .children()
        .find(|n| is_w(*n, "body"))
        .ok_or_else(|| archive.malformed("the main document has no body"))?;
    let mut walker = Walker {
        builder: TextBuilder::new(SourceFormat::Docx),
        styles,
        numbering,
        footnotes,
        endnotes,
        footnote_count: 0,
        pending_endnotes: Vec::new(),
    };
    walker.blocks(body);
    let pending_endnotes = std::mem::take(&mut walker.pending_endnotes);
    walker.builder.notes(&pending_endnotes);
    let mut builder = walker.builder;
    if let Some(core) = archive.read_text("docProps/core.xml")? {
        let core = parse_xml(&core, FORMAT, "docProps/core.xml")?;
        for (name, key) in [
            ("title", "title"),
            ("creator", "author"),
            ("created", "date"),
        ] {
            if let Some(node) = core.descendants().find(|n| n.tag_name().name() == name) {
                builder.metadata(key, &node_text(node));
            }
        }
    }
    Ok(builder.finish())
}

/// The main document's part name, from the package relationships (`word/document.xml` usually).
fn main_part(archive: &mut Archive<'_>) -> Result<String, ExtractError> {
    let Some(xml) = archive.read_text("_rels/.rels")? else {
        return Ok("word/document.xml".into());
    };
    let rels = parse_xml(&xml, FORMAT, "_rels/.rels")?;
    Ok(rels
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .find(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })
        .and_then(|n| n.attribute("Target"))
        .map_or_else(
            || "word/document.xml".into(),
            |t| t.trim_start_matches('/').to_owned(),
        ))
}

/// The main part's relationships: (type, part name) in file order.
fn relationships(
    archive: &mut Archive<'_>,
    main: &str,
) -> Result<Vec<(String, String)>, ExtractError> {
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    let Some(xml) = archive.read_text(&rels_name)? else {
        return Ok(Vec::new());
    };
    let rels = parse_xml(&xml, FORMAT, &rels_name)?;
    Ok(rels
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter(|n| n.attribute("TargetMode") != Some("External"))
        .filter_map(|n| {
            let target = n.attribute("Target")?;
            let name = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None if folder.is_empty() => target.to_owned(),
                None => format!("{folder}/{target}"),
            };
            Some((n.attribute("Type")?.to_owned(), name))
        })
        .collect())
}

/// Footnotes or endnotes by id: their text (paragraphs joined by a space).
fn read_notes(
    archive: &mut Archive<'_>,
    name: &str,
) -> Result<HashMap<String, String>, ExtractError> {
    let Some(xml) = archive.read_text(name)? else {
        return Ok(HashMap::new());
    };
    let doc = parse_xml(&xml, FORMAT, name)?;
    let mut notes = HashMap::new();
    for note in doc
        .root_element()
        .children()
        .filter(|n| is_w(*n, "footnote") || is_w(*n, "endnote"))
    {
        if matches!(
            w_attr(note, "type"),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        ) {
            continue;
        }
        let Some(id) = w_attr(note, "id") else {
            continue;
        };
        let paragraphs: Vec<String> = note
            .descendants()
            .filter(|n| is_w(*n, "p"))
            .map(|p| {
                let mut text = String::new();
                runs(p, &mut text, &mut |_, _| {});
                text.replace(NOTE_PLACEHOLDER, "").trim().to_owned()
            })
            .filter(|t| !t.is_empty())
            .collect();
        notes.insert(id.to_owned(), paragraphs.join(" "));
    }
    Ok(notes)
}

struct Walker {
    builder: TextBuilder,
    styles: Styles,
    numbering: Numbering,
    footnotes: HashMap<String, String>,
    endnotes: HashMap<String, String>,
    footnote_count: usize,
    pending_endnotes: Vec<PendingNote>,
}

/// A note reference met in a run: footnote or endnote, and its id.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NoteKind {
    Foot,
    End,
}

impl Walker {
    /// The block-level children of the body (or of a content control).
    fn blocks(&mut self, parent: Node<'_, '_>) {
        for child in parent.children().filter(Node::is_element) {
            match local(child) {
                "p" if is_w(child, "p") => self.paragraph(child),
                "tbl" if is_w(child, "tbl") => self.table(child),
                "sdt" => {
                    if let Some(content) = child.children().find(|n| is_w(*n, "sdtContent")) {
                        self.blocks(content);
                    }
                }
                "customXml" | "ins" | "moveTo" => self.blocks(child),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>) {
        let mut text = String::new();
        let mut notes = Vec::new();
        let mut refs = Vec::new();
        runs(p, &mut text, &mut |kind, id| refs.push((kind, id)));
        // `runs` leaves a placeholder per note reference, filled here in order.
        let mut filled = String::with_capacity(text.len());
        let mut pieces = text.split(NOTE_PLACEHOLDER);
        filled.push_str(pieces.next().unwrap_or(""));
        for ((kind, id), piece) in refs.into_iter().zip(pieces) {
            let marker = self.note_marker(kind, &id, &mut notes);
            filled.push_str(&format!("[{marker}]"));
            filled.push_str(piece);
        }
        let properties = p.children().find(|n| is_w(*n, "pPr"));
        let style = properties
            .and_then(|pr| pr.children().find(|n| is_w(*n, "pStyle")))
            .and_then(|s| w_attr(s, "val"));
        let outline = properties
            .and_then(|pr| pr.children().find(|n| is_w(*n, "outlineLvl")))
            .and_then(|o| w_attr(o, "val"))
            .and_then(|v| v.parse::<u8>().ok());
        let heading = outline
            .filter(|level| *level < 9)
            .map(|level| level + 1)
            .or_else(|| style.and_then(|s| self.styles.heading_level(s)));
        let list = properties
            .and_then(|pr| pr.children().find(|n| is_w(*n, "numPr")))
            .and_then(|num| {
                let id = num
                    .children()
                    .find(|n| is_w(*n, "numId"))
                    .and_then(|n| w_attr(n, "val"))?;
                let level = num
                    .children()
                    .find(|n| is_w(*n, "ilvl"))
                    .and_then(|n| w_attr(n, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0);
                Some((id.to_owned(), level.min(8)))
            })
            .or_else(|| style.and_then(|s| self.styles.list.get(s).cloned()));
        match (heading, list) {
            (Some(level), _) => {
                self.builder.block(BlockKind::Heading(level), &filled);
            }
            (None, Some((id, level))) if id != "0" && !filled.trim().is_empty() => {
                let label = self.numbering.next_label(&id, level);
                let indent = "  ".repeat(level);
                self.builder.block(
                    BlockKind::ListItem,
                    &format!("{indent}{label} {}", filled.trim()),
                );
            }
            _ => {
                self.builder.block(BlockKind::Paragraph, &filled);
            }
        }
        self.builder.notes(&notes);
    }

    /// The marker of a note reference; a footnote is queued in `notes` (set after
    /// its paragraph), an endnote at the end of the document.
    fn note_marker(&mut self, kind: NoteKind, id: &str, notes: &mut Vec<PendingNote>) -> String {
        match kind {
            NoteKind::Foot => {
                self.footnote_count += 1;
                let marker = self.footnote_count.to_string();
                notes.push(PendingNote {
                    marker: marker.clone(),
                    text: self.footnotes.get(id).cloned().unwrap_or_default(),
                });
                marker
            }
            NoteKind::End => {
                let marker = roman(self.pending_endnotes.len() + 1);
                self.pending_endnotes.push(PendingNote {
                    marker: marker.clone(),
                    text: self.endnotes.get(id).cloned().unwrap_or_default(),
                });
                marker
            }
        }
    }

    /// A table: one line per row, cells apart by tabs; the notes of its cells after it.
    fn table(&mut self, table: Node<'_, '_>) {
        let mut notes = Vec::new();
        for row in table.children().filter(|n| is_w(*n, "tr")) {
            let mut cells = Vec::new();
            for cell in row.children().filter(|n| is_w(*n, "tc")) {
                let mut paragraphs = Vec::new();
                for p in cell.descendants().filter(|n| is_w(*n, "p")) {
                    let mut text = String::new();
                    let mut refs = Vec::new();
                    runs(p, &mut text, &mut |kind, id| refs.push((kind, id)));
                    let mut filled = String::new();
                    let mut pieces = text.split(NOTE_PLACEHOLDER);
                    filled.push_str(pieces.next().unwrap_or(""));
                    for ((kind, id), piece) in refs.into_iter().zip(pieces) {
                        let marker = self.note_marker(kind, &id, &mut notes);
                        filled.push_str(&format!("[{marker}]"));
                        filled.push_str(piece);
                    }
                    let filled = filled.replace(['\t', '\n'], " ");
                    if !filled.trim().is_empty() {
                        paragraphs.push(filled.trim().to_owned());
                    }
                }
                cells.push(paragraphs.join(" "));
            }
            self.builder.block(BlockKind::TableRow, &cells.join("\t"));
        }
        self.builder.notes(&notes);
    }
}

/// Stands for a note reference in a paragraph's text until its marker is known.
const NOTE_PLACEHOLDER: char = '\u{E000}';

/// Appends the text of the runs under `node` (text, tabs, breaks), leaving a
/// [`NOTE_PLACEHOLDER`] and calling `on_note` for each note reference.
fn runs(node: Node<'_, '_>, out: &mut String, on_note: &mut dyn FnMut(NoteKind, String)) {
    for child in node.children().filter(Node::is_element) {
        if child.tag_name().namespace() != Some(W) {
            // mc:AlternateContent and the like: read the choice Word itself shows.
            if local(child) == "AlternateContent"
                && let Some(choice) = child.children().find(|n| local(*n) == "Choice")
            {
                runs(choice, out, on_note);
            }
            continue;
        }
        match local(child) {
            "t" => out.push_str(&node_text(child).replace(NOTE_PLACEHOLDER, "")),
            "tab" | "ptab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('\u{2011}'),
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = w_attr(child, "id") {
                    out.push(NOTE_PLACEHOLDER);
                    let kind = if local(child) == "footnoteReference" {
                        NoteKind::Foot
                    } else {
                        NoteKind::End
                    };
                    on_note(kind, id.to_owned());
                }
            }
            // Paragraph properties, deleted text, field codes, comments, drawings.
            "pPr" | "rPr" | "del" | "moveFrom" | "delText" | "instrText" | "commentReference"
            | "drawing" | "pict" | "object" | "footnoteRef" | "endnoteRef" => {}
            _ => runs(child, out, on_note),
        }
    }
}

/// Paragraph styles: which are headings (and of what level) and which are lists.
#[derive(Default)]
struct Styles {
    heading: HashMap<String, u8>,
    list: HashMap<String, (String, usize)>,
}

impl Styles {
    fn parse(doc: &roxmltree::Document<'_>) -> Self {
        let mut styles = Self::default();
        let mut based_on: Vec<(String, String)> = Vec::new();
        for style in doc.root_element().children().filter(|n| is_w(*n, "style")) {
            let Some(id) = w_attr(style, "styleId") else {
                continue;
            };
            let name = style
                .children()
                .find(|n| is_w(*n, "name"))
                .and_then(|n| w_attr(n, "val"))
                .unwrap_or("")
                .to_ascii_lowercase();
            let ppr = style.children().find(|n| is_w(*n, "pPr"));
            let outline = ppr
                .and_then(|p| p.children().find(|n| is_w(*n, "outlineLvl")))
                .and_then(|o| w_attr(o, "val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|level| *level < 9);
            let level = outline.map(|l| l + 1).or_else(|| {
                if name == "title" {
                    return Some(1);
                }
                name.strip_prefix("heading ")
                    .and_then(|n| n.parse::<u8>().ok())
            });
            if let Some(level) = level {
                styles.heading.insert(id.to_owned(), level);
            }
            if let Some(num) = ppr.and_then(|p| p.children().find(|n| is_w(*n, "numPr"))) {
                let num_id = num
                    .children()
                    .find(|n| is_w(*n, "numId"))
                    .and_then(|n| w_attr(n, "val"));
                let ilvl = num
                    .children()
                    .find(|n| is_w(*n, "ilvl"))
                    .and_then(|n| w_attr(n, "val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if let Some(num_id) = num_id {
                    styles.list.insert(id.to_owned(), (num_id.to_owned(), ilvl));
                }
            }
            if let Some(base) = style
                .children()
                .find(|n| is_w(*n, "basedOn"))
                .and_then(|n| w_attr(n, "val"))
            {
                based_on.push((id.to_owned(), base.to_owned()));
            }
        }
        // A style based on a heading style is a heading of its level.
        for _ in 0..4 {
            for (id, base) in &based_on {
                if !styles.heading.contains_key(id)
                    && let Some(&level) = styles.heading.get(base)
                {
                    styles.heading.insert(id.clone(), level);
                }
            }
        }
        styles
    }

    fn heading_level(&self, style: &str) -> Option<u8> {
        self.heading.get(style).copied()
    }
}

/// List numbering: for each list (`numId`) its levels' formats, and the
/// counters so far.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    lists: HashMap<String, String>,
    /// abstractNumId → levels (format, level text).
    levels: HashMap<String, Vec<(String, String)>>,
    counters: HashMap<String, Vec<usize>>,
}

impl Numbering {
    fn parse(doc: &roxmltree::Document<'_>) -> Self {
        let mut numbering = Self::default();
        for child in doc.root_element().children().filter(Node::is_element) {
            if is_w(child, "abstractNum") {
                let Some(id) = w_attr(child, "abstractNumId") else {
                    continue;
                };
                let mut levels = vec![("bullet".to_owned(), "•".to_owned()); 9];
                for lvl in child.children().filter(|n| is_w(*n, "lvl")) {
                    let Some(index) = w_attr(lvl, "ilvl").and_then(|v| v.parse::<usize>().ok())
                    else {
                        continue;
                    };
                    let value = |name| {
                        lvl.children()
                            .find(|n| is_w(*n, name))
                            .and_then(|n| w_attr(n, "val"))
                            .unwrap_or("")
                            .to_owned()
                    };
                    if let Some(slot) = levels.get_mut(index) {
                        *slot = (value("numFmt"), value("lvlText"));
                    }
                }
                numbering.levels.insert(id.to_owned(), levels);
            } else if is_w(child, "num") {
                let abstract_id = child
                    .children()
                    .find(|n| is_w(*n, "abstractNumId"))
                    .and_then(|n| w_attr(n, "val"));
                if let (Some(num), Some(abstract_id)) = (w_attr(child, "numId"), abstract_id) {
                    numbering
                        .lists
                        .insert(num.to_owned(), abstract_id.to_owned());
                }
            }
        }
        numbering
    }

    /// The label of the next item of list `id` at `level`: its bullet, or its
    /// number in the level's format (`1.`, `a)`, `1.2.`).
    fn next_label(&mut self, id: &str, level: usize) -> String {
        let levels = self
            .lists
            .get(id)
            .and_then(|abstract_id| self.levels.get(abstract_id));
        let counters = self
            .counters
            .entry(id.to_owned())
            .or_insert_with(|| vec![0; 9]);
        if let Some(counter) = counters.get_mut(level) {
            *counter += 1;
        }
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let Some(levels) = levels else {
            return "•".into();
        };
        let (format, text) = &levels[level.min(8)];
        if format == "bullet" || format == "none" || format.is_empty() {
            let bullet = text.trim();
            // Symbol-font bullets are private-use chars: show a plain bullet.
            return if bullet.is_empty()
                || bullet
                    .chars()
                    .any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
            {
                "•".into()
            } else {
                bullet.to_owned()
            };
        }
        let mut label = text.clone();
        for (index, (format, _)) in levels.iter().enumerate().take(level + 1) {
            let value = counters.get(index).copied().unwrap_or(0).max(1);
            label = label.replace(&format!("%{}", index + 1), &format_number(value, format));
        }
        label
    }
}

fn format_number(value: usize, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            let letter = char::from(b'a' + u8::try_from((value - 1) % 26).unwrap_or(0));
            let text = letter.to_string().repeat((value - 1) / 26 + 1);
            if format == "upperLetter" {
                text.to_uppercase()
            } else {
                text
            }
        }
        "lowerRoman" => roman(value),
        "upperRoman" => roman(value).to_uppercase(),
        _ => value.to_string(),
    }
}

fn local<'a>(node: Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

fn is_w(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn node_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}
