//! HTML → canonical text: the article without scripts, styles, navigation,
//! page header and footer, sidebars, forms and link lists (a readability-style
//! extraction), its headings (`h1`–`h6`) as [`Heading`] ranges, paragraphs,
//! list items with their bullet or number, tables as text (cells apart by tabs,
//! rows by lines); metadata from `<title>` and `<meta>` (author, date).
//!
//! The article is the page's only `<article>`, else its `<main>` (or
//! `role="main"`), else its `<body>`. Inside it, elements whose tag, ARIA role,
//! class or id says boilerplate, and blocks that are mostly link text, are
//! left out. EPUB chapters use the same walk ([`chapter_blocks`]).
//!
//! [`Heading`]: crate::model::structure::Heading

use crate::extract::builder::{BlockKind, TextBuilder, collapse_whitespace};
use crate::extract::extracted::{ExtractError, Extracted};
use crate::model::decode::decode_bytes;
use crate::model::structure::SourceFormat;
use scraper::{ElementRef, Html, Node, Selector};

/// Extracts a web page's article text and structure.
pub fn extract_html(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let source = decode_html(bytes)?;
    let document = Html::parse_document(&source);
    let mut builder = TextBuilder::new(SourceFormat::Html);
    html_metadata(&document, &mut builder);
    let root = article_root(&document);
    let mut walker = Walker::new(&mut builder, 0);
    walker.element(root, true);
    walker.flush(BlockKind::Paragraph);
    Ok(builder.finish())
}

/// Adds the text of one EPUB chapter (an XHTML document) to `builder`: its
/// body, boilerplate left out, its headings shifted so that the chapter's
/// highest heading is level 1.
pub fn chapter_blocks(xhtml: &str, builder: &mut TextBuilder) {
    let source = self_closed_tags_opened(xhtml);
    let document = Html::parse_document(&source);
    let root = body(&document);
    let top = lowest_heading_level(root).unwrap_or(1);
    let mut walker = Walker::new(builder, top - 1);
    walker.element(root, true);
    walker.flush(BlockKind::Paragraph);
}

/// The title, author and date a page's head gives.
fn html_metadata(document: &Html, builder: &mut TextBuilder) {
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            let selector = Selector::parse(&format!(
                "meta[name=\"{name}\" i], meta[property=\"{name}\" i]"
            ))
            .ok()?;
            document
                .select(&selector)
                .find_map(|e| e.attr("content"))
                .map(str::to_owned)
        })
    };
    let title = Selector::parse("head title")
        .ok()
        .and_then(|s| document.select(&s).next())
        .map(|t| t.text().collect::<String>());
    if let Some(title) = title.or_else(|| meta(&["og:title", "dc.title"])) {
        builder.metadata("title", &title);
    }
    if let Some(author) = meta(&["author", "article:author", "dc.creator", "citation_author"]) {
        builder.metadata("author", &author);
    }
    if let Some(date) = meta(&[
        "article:published_time",
        "date",
        "dc.date",
        "citation_publication_date",
        "pubdate",
    ]) {
        builder.metadata("date", &date);
    }
}

/// The page's article: its only `<article>`, its `<main>`, or its body.
fn article_root(document: &Html) -> ElementRef<'_> {
    let pick = |css: &str| {
        let selector = Selector::parse(css).ok()?;
        let mut found = document.select(&selector);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    };
    pick("article")
        .or_else(|| pick("main"))
        .or_else(|| pick("[role=main]"))
        .unwrap_or_else(|| body(document))
}

fn body(document: &Html) -> ElementRef<'_> {
    Selector::parse("body")
        .ok()
        .and_then(|s| document.select(&s).next())
        .unwrap_or_else(|| document.root_element())
}

fn lowest_heading_level(root: ElementRef<'_>) -> Option<u8> {
    root.descendent_elements()
        .filter_map(|e| heading_level(e.value().name()))
        .min()
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Tags never part of the article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "iframe", "svg", "canvas", "object", "embed", "head", "menu", "dialog",
];

/// ARIA roles of boilerplate.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
];

/// Words in a class or id that mark boilerplate (readability's "unlikely candidates").
const BOILERPLATE_WORDS: &[&str] = &[
    "advert",
    "banner",
    "breadcrumb",
    "cookie",
    "comment",
    "share",
    "social",
    "sidebar",
    "related",
    "newsletter",
    "subscribe",
    "promo",
    "popup",
    "navbar",
    "menu",
    "footer",
    "masthead",
    "sponsor",
];

/// Block elements: their text is a paragraph of its own.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "center",
    "details",
    "summary",
    "hr",
    "body",
    "html",
    "fieldset",
    "caption",
];

fn is_boilerplate(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if SKIPPED_TAGS.contains(&value.name()) {
        return true;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    if value
        .attr("role")
        .is_some_and(|role| SKIPPED_ROLES.contains(&role.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let in_article = element.ancestors().any(|node| {
        node.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "article" | "main"))
    });
    if value.name() == "header" && in_article {
        return false;
    }
    if value.name() == "header" {
        return true;
    }
    if matches!(value.name(), "body" | "article" | "main") || heading_level(value.name()).is_some()
    {
        return false;
    }
    let names = format!(
        "{} {}",
        value.attr("class").unwrap_or(""),
        value.id().unwrap_or("")
    )
    .to_ascii_lowercase();
    if BOILERPLATE_WORDS.iter().any(|word| names.contains(word))
        && !names.contains("article")
        && !names.contains("content")
        && !names.contains("main")
    {
        return true;
    }
    matches!(value.name(), "ul" | "ol" | "div" | "section" | "table") && mostly_links(element)
}

/// More than half of a block's (short) text is link text: a menu or a link list.
fn mostly_links(element: ElementRef<'_>) -> bool {
    let total: usize = element.text().map(|t| t.trim().chars().count()).sum();
    if total == 0 || total > 2000 {
        return false;
    }
    let links: usize = element
        .descendent_elements()
        .filter(|e| e.value().name() == "a")
        .flat_map(|a| a.text())
        .map(|t| t.trim().chars().count())
        .sum();
    links * 2 > total
}

struct Walker<'b> {
    builder: &'b mut TextBuilder,
    inline: String,
    /// Heading levels are lowered by this much (EPUB chapters).
    heading_shift: u8,
    preformatted: usize,
    list_prefix: String,
}

impl<'b> Walker<'b> {
    fn new(builder: &'b mut TextBuilder, heading_shift: u8) -> Self {
        Self {
            builder,
            inline: String::new(),
            heading_shift,
            preformatted: 0,
            list_prefix: String::new(),
        }
    }

    fn flush(&mut self, kind: BlockKind) {
        let text = std::mem::take(&mut self.inline);
        let kind = if kind == BlockKind::Paragraph && !self.list_prefix.is_empty() {
            BlockKind::ListItem
        } else {
            kind
        };
        let text = if self.list_prefix.is_empty() || text.trim().is_empty() {
            text
        } else {
            format!("{}{}", std::mem::take(&mut self.list_prefix), text.trim())
        };
        self.builder.block(kind, &text);
    }

    fn element(&mut self, element: ElementRef<'_>, is_root: bool) {
        if !is_root && is_boilerplate(element) {
            return;
        }
        let name = element.value().name();
        if let Some(level) = heading_level(name) {
            self.flush(BlockKind::Paragraph);
            self.children(element);
            let level = level.saturating_sub(self.heading_shift).max(1);
            let text = std::mem::take(&mut self.inline);
            self.builder.block(BlockKind::Heading(level), &text);
            return;
        }
        match name {
            "br" => self.inline.push('\n'),
            "ul" | "ol" => self.list(element, name == "ol"),
            "table" => self.table(element),
            "img" => {}
            _ if BLOCK_TAGS.contains(&name) => {
                self.flush(BlockKind::Paragraph);
                let pre = name == "pre";
                self.preformatted += usize::from(pre);
                self.children(element);
                self.flush(BlockKind::Paragraph);
                self.preformatted -= usize::from(pre);
            }
            _ => self.children(element),
        }
    }

    fn children(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) if self.preformatted > 0 => self.inline.push_str(text),
                Node::Text(text) => collapse_whitespace(text, &mut self.inline),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, false);
                    }
                }
                _ => {}
            }
        }
    }

    fn list(&mut self, list: ElementRef<'_>, ordered: bool) {
        self.flush(BlockKind::Paragraph);
        let depth = list
            .ancestors()
            .filter(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "ul" | "ol"))
            })
            .count();
        let mut number = list
            .value()
            .attr("start")
            .and_then(|s| s.parse::<usize>().ok())
            .map_or(0, |s| s.saturating_sub(1));
        for item in list.child_elements().filter(|e| e.value().name() == "li") {
            number += 1;
            let label = if ordered {
                format!("{number}.")
            } else {
                "•".to_owned()
            };
            self.list_prefix = format!("{}{label} ", "  ".repeat(depth));
            self.children(item);
            self.flush(BlockKind::ListItem);
            self.list_prefix.clear();
        }
    }

    fn table(&mut self, table: ElementRef<'_>) {
        self.flush(BlockKind::Paragraph);
        let rows = table.descendent_elements().filter(|e| {
            e.value().name() == "tr"
                && e.ancestors()
                    .find(|a| a.value().as_element().is_some_and(|x| x.name() == "table"))
                    .is_some_and(|t| t == *table)
        });
        for row in rows {
            let cells: Vec<String> = row
                .child_elements()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|cell| {
                    let mut text = String::new();
                    for piece in cell.text() {
                        collapse_whitespace(piece, &mut text);
                    }
                    text.trim().to_owned()
                })
                .collect();
            self.builder.block(BlockKind::TableRow, &cells.join("\t"));
        }
    }
}

/// The page's text: its BOM's or `<meta charset>`'s encoding, else detected.
fn decode_html(bytes: &[u8]) -> Result<String, ExtractError> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(encoding.decode_with_bom_removal(bytes).0.replace('\r', ""));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            return Ok(encoding
                .decode_without_bom_handling(bytes)
                .0
                .replace('\r', ""));
        }
    }
    decode_bytes(bytes)
        .map(|decoded| decoded.text.as_str().to_owned())
        .map_err(|error| ExtractError::Malformed {
            format: "HTML",
            message: error.to_string(),
        })
}

/// XHTML's self-closed `<title/>`, `<script/>`… would swallow the rest of the
/// page in an HTML parser: open and close them instead.
fn self_closed_tags_opened(xhtml: &str) -> std::borrow::Cow<'_, str> {
    static PATTERN: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)<(title|script|style|textarea|iframe|a|div|span|p)(\s[^<>]*?)?/>")
            .ok()
    });
    match PATTERN.as_ref() {
        Some(pattern) => pattern.replace_all(xhtml, "<$1$2></$1>"),
        None => std::borrow::Cow::Borrowed(xhtml),
    }
}
