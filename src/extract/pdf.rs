//! PDF → text: `lopdf` parses the file (encryption, page tree, page labels,
//! the Info dictionary), `pdf-extract` interprets each page's content stream
//! (fonts, encodings, ToUnicode maps; fonts with a predefined Unicode CMap
//! are first rewritten for it by `pdf_cmap`) and hands every glyph with its
//! position and size to [`LineCollector`], which gathers them into lines; `pdf_layout`
//! turns the lines of all pages into the canonical text. Why these crates:
//! docs/documents.md ("PDF: the candidates").
//!
//! A page whose content cannot be interpreted is read as empty; `pdf-extract`
//! panics on some damaged files, so each page runs under `catch_unwind` and a
//! panic is reported as a damaged file.

use super::extracted::{ExtractError, Extracted};
use super::pdf_cmap;
use super::pdf_layout::{PdfLine, PdfPage, lay_out};
use crate::model::structure::{DocumentStructure, SourceFormat};
use lopdf::{Dictionary, Document, Object};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// Extracts the text layer of a PDF (see the module doc).
pub fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut document = open(bytes)?;
    let join_surrogates = pdf_cmap::read_unicode_cmaps(&mut document);
    let page_ids = document.get_pages();
    if page_ids.is_empty() {
        return Err(malformed("it has no pages"));
    }
    let labels = page_labels(&document, page_ids.len());
    let mut pages = Vec::with_capacity(page_ids.len());
    for (index, &number) in page_ids.keys().enumerate() {
        let mut collector = LineCollector {
            join_surrogates,
            ..LineCollector::default()
        };
        let run = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&document, &mut collector, number)
        }));
        // A page whose content stream is damaged (`Ok(Err(_))`) reads as what was collected.
        if let Err(payload) = run {
            return Err(malformed(&panic_reason(payload.as_ref())));
        }
        pages.push(PdfPage {
            label: labels
                .get(index)
                .cloned()
                .unwrap_or_else(|| (index + 1).to_string()),
            lines: collector.finish(),
        });
    }
    if pages
        .iter()
        .all(|page| page.lines.iter().all(|line| line.text.trim().is_empty()))
    {
        return Err(ExtractError::NoTextLayer);
    }
    let laid = lay_out(&pages);
    let structure = DocumentStructure {
        pages: laid.pages,
        notes: laid.notes,
        metadata: metadata(&document),
        source_map: laid.map.map(Arc::new),
        ..DocumentStructure::of_format(SourceFormat::Pdf)
    };
    Ok(Extracted {
        text: laid.text,
        structure,
    })
}

/// Why `pdf-extract` gave up on a page, from its panic: a font encoding it
/// does not read is named (a CJK font that is not embedded and uses a
/// non-Unicode predefined CMap such as `GBK-EUC-H`; the Unicode ones are
/// rewritten by `pdf_cmap`); anything else is a page that could not be read.
fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    match message.strip_prefix("unsupported encoding ") {
        Some(encoding) if !encoding.is_empty() && encoding.len() < 64 => format!(
            "a font's encoding ({encoding}) is not supported: its text can be read only with \
             the font embedded"
        ),
        _ => "a page's content could not be read".to_owned(),
    }
}

fn malformed(message: &str) -> ExtractError {
    ExtractError::Malformed {
        format: "PDF",
        message: message.to_owned(),
    }
}

/// Parses the file; an encrypted one is opened only when its user password is
/// empty (as every viewer does), else it is [`ExtractError::Encrypted`].
fn open(bytes: &[u8]) -> Result<Document, ExtractError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes
            .get(..1024)
            .is_some_and(|head| contains(head, b"%PDF"))
    {
        return Err(malformed("it does not start like a PDF"));
    }
    let loaded = catch_unwind(|| Document::load_mem(bytes));
    let mut document = match loaded {
        Ok(Ok(document)) => document,
        Ok(Err(lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword)) => {
            return Err(ExtractError::Encrypted);
        }
        Ok(Err(error)) => return Err(malformed(&error.to_string())),
        Err(_) => return Err(malformed("the file's structure could not be read")),
    };
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(ExtractError::Encrypted);
    }
    Ok(document)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Gathers the glyphs of one page into lines: a new line starts when the
/// baseline moves by more than half the font size, or the text jumps back left.
#[derive(Default)]
struct LineCollector {
    lines: Vec<PdfLine>,
    current: Option<PdfLine>,
    /// The page's height (to measure from its top).
    height: f64,
    last_end: f64,
    last_y: f64,
    word_start: bool,
    /// A font with a `UTF16` CMap was rewritten: join the halves of a
    /// surrogate pair (`pdf_cmap::surrogate_of`) into their char.
    join_surrogates: bool,
    /// The high half of a surrogate pair, waiting for its low half.
    high_surrogate: Option<u16>,
}

impl LineCollector {
    fn finish(mut self) -> Vec<PdfLine> {
        self.end_current();
        self.lines
    }

    fn end_current(&mut self) {
        if let Some(line) = self.current.take()
            && !line.text.trim().is_empty()
        {
            self.lines.push(line);
        }
    }
}

impl OutputDev for LineCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.end_current();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // A surrogate pair comes as two glyphs: the high half takes no width
        // and no text, the low half carries the char.
        let joined;
        let (char, width) = match self.join_surrogates.then(|| pdf_cmap::surrogate_of(char)) {
            Some(Some(high @ 0xD800..=0xDBFF)) => {
                self.high_surrogate = Some(high);
                ("", 0.0)
            }
            Some(Some(low)) => {
                let pair = self.high_surrogate.take().map(|high| [high, low]);
                joined = pair
                    .and_then(|pair| char::decode_utf16(pair).next())
                    .and_then(Result::ok)
                    .map(String::from)
                    .unwrap_or_default();
                (joined.as_str(), width)
            }
            _ => {
                self.high_surrogate = None;
                (char, width)
            }
        };
        // The font size as drawn: the side of the square of the scaled glyph box's area.
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        let new_line = match &self.current {
            None => true,
            Some(_) => {
                (y - self.last_y).abs() > size * 0.5
                    || (x < self.last_end - size && (y - self.last_y).abs() > size * 0.1)
            }
        };
        if new_line {
            self.end_current();
            self.current = Some(PdfLine {
                text: String::new(),
                top: y as f32,
                size: size as f32,
            });
        } else if let Some(line) = &mut self.current
            && self.word_start
            && x > self.last_end + size * 0.1
            && !line.text.ends_with(' ')
        {
            line.text.push(' ');
        }
        if let Some(line) = &mut self.current {
            // Superscripts (note markers) are smaller: the line keeps its largest size.
            line.size = line.size.max(size as f32);
            line.text.push_str(char);
        }
        self.word_start = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The printed label of each page (`/PageLabels` in the catalog), if the file
/// has them: one per page, in page order.
fn page_labels(document: &Document, count: usize) -> Vec<String> {
    let Some(tree) = document
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"PageLabels").ok())
        .and_then(|labels| resolve_dict(document, labels))
    else {
        return Vec::new();
    };
    let mut ranges: Vec<(usize, &Dictionary)> = Vec::new();
    collect_label_ranges(document, tree, &mut ranges, 0);
    ranges.sort_by_key(|(start, _)| *start);
    if ranges.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|page| {
            let Some((start, range)) = ranges.iter().rev().find(|(start, _)| *start <= page) else {
                return (page + 1).to_string();
            };
            format_label(range, page - start)
        })
        .collect()
}

/// The (first page, label dictionary) entries of a number tree, `Kids` followed a few levels.
fn collect_label_ranges<'a>(
    document: &'a Document,
    node: &'a Dictionary,
    out: &mut Vec<(usize, &'a Dictionary)>,
    depth: usize,
) {
    if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
        for pair in nums.chunks(2) {
            if let [key, value] = pair
                && let Ok(start) = key.as_i64()
                && let Some(range) = resolve_dict(document, value)
            {
                out.push((usize::try_from(start).unwrap_or(0), range));
            }
        }
    }
    if depth < 8
        && let Ok(kids) = node.get(b"Kids").and_then(Object::as_array)
    {
        for kid in kids {
            if let Some(kid) = resolve_dict(document, kid) {
                collect_label_ranges(document, kid, out, depth + 1);
            }
        }
    }
}

fn resolve_dict<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    document
        .dereference(object)
        .ok()
        .and_then(|(_, object)| object.as_dict().ok())
}

/// One page's label: the range's prefix and its number in the range's style.
fn format_label(range: &Dictionary, offset: usize) -> String {
    let first = range
        .get(b"St")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(1);
    let number = first + offset;
    let prefix = range
        .get(b"P")
        .and_then(Object::as_str)
        .map(decode_pdf_string)
        .unwrap_or_default();
    let style = range.get(b"S").and_then(Object::as_name).unwrap_or(b"");
    let numeral = match style {
        b"D" => number.to_string(),
        b"r" => roman(number).to_lowercase(),
        b"R" => roman(number),
        b"a" => letters(number).to_lowercase(),
        b"A" => letters(number),
        _ => String::new(),
    };
    let label = format!("{prefix}{numeral}");
    if label.trim().is_empty() {
        number.to_string()
    } else {
        label
    }
}

fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A, B, …, Z, AA, BB, … (the PDF's letter style).
fn letters(n: usize) -> String {
    let n = n.max(1);
    let letter = char::from(b'A' + u8::try_from((n - 1) % 26).unwrap_or(0));
    std::iter::repeat_n(letter, (n - 1) / 26 + 1).collect()
}

/// Title, author and date from the Info dictionary (the date as `YYYY-MM-DD`).
fn metadata(document: &Document) -> Vec<(String, String)> {
    let Some(info) = document
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| resolve_dict(document, info))
    else {
        return Vec::new();
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|value| document.dereference(value).ok())
            .and_then(|(_, value)| value.as_str().ok())
            .map(decode_pdf_string)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    let mut out = Vec::new();
    if let Some(title) = text(b"Title") {
        out.push(("title".to_owned(), title));
    }
    if let Some(author) = text(b"Author") {
        out.push(("author".to_owned(), author));
    }
    if let Some(date) = text(b"CreationDate").and_then(|date| pdf_date(&date)) {
        out.push(("date".to_owned(), date));
    }
    out
}

/// `D:20210512…` → `2021-05-12` (or `2021-05`, `2021`, as far as the date goes).
fn pdf_date(date: &str) -> Option<String> {
    let digits: String = date
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .take(8)
        .collect();
    match digits.len() {
        8 => Some(format!(
            "{}-{}-{}",
            &digits[..4],
            &digits[4..6],
            &digits[6..8]
        )),
        6 | 7 => Some(format!("{}-{}", &digits[..4], &digits[4..6])),
        4 | 5 => Some(digits[..4].to_owned()),
        _ => None,
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one (PDF 2.0),
/// else PDFDocEncoding (read as Latin-1, which it equals for letters).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}
