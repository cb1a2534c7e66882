//! CJK fonts that are not embedded and use a predefined Unicode CMap
//! (`UniGB-UCS2-H`, `UniJIS-UTF16-V`, …; reportlab's `STSong-Light`, many
//! official Chinese PDFs): their character codes are Unicode already, but
//! `pdf-extract` 0.12 reads only `Identity-H`/`-V` and panics on any other
//! CMap name. Before it reads the document, each such font is rewritten to
//! `Identity-H` (or `-V`) with a `ToUnicode` map from each code the document
//! shows to the same Unicode value (a font's own `ToUnicode` is kept). Its
//! widths (`W`, indexed by CID) are re-indexed by code for the proportional
//! Latin glyphs (CIDs 1–95 are U+0020–U+007E in the four Adobe collections,
//! near enough: Japan1 has ¥ and ‾ for \ and ~); other glyphs take the
//! default width (full width, as CJK glyphs are). Right widths matter where
//! a PDF places each run of text itself: too narrow a run leaves a gap that
//! reads as a space.
//! Non-Unicode CMaps (`GBK-EUC-H`, `90ms-RKSJ-H`, …) are left alone: such a
//! file stays skipped with the encoding named (docs/documents.md).
//!
//! With `Identity-H` a UTF-16 surrogate pair (a char beyond the BMP, such as
//! CJK Extension B) reads as two 2-byte codes; a lone surrogate is not text,
//! so the map gives each a stand-in in plane 15's private use area and the
//! PDF's line collector joins the two halves (see [`surrogate_of`]).

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

/// Rewrites every font of `document` that uses a predefined Unicode CMap
/// (see the module doc); returns whether one of them is a `UTF16` one, whose
/// surrogate halves [`surrogate_of`] finds in the text.
pub(super) fn read_unicode_cmaps(document: &mut Document) -> bool {
    let fonts: Vec<(ObjectId, Cmap)> = document
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            unicode_cmap(font).map(|cmap| (id, cmap))
        })
        .collect();
    if fonts.is_empty() {
        return false;
    }
    // Only the codes the document shows: pdf-extract builds a font's map on
    // each page anew, and all 63,488 codes took ~35 ms a page (debug build).
    let map = match shown_codes(document) {
        Some(codes) => identity_to_unicode(codes),
        None => identity_to_unicode(0..=u16::MAX),
    };
    let to_unicode = document.add_object(Stream::new(Dictionary::new(), map));
    let mut rewritten_descendants = HashSet::new();
    for &(id, cmap) in &fonts {
        let Some(descendant) = rewrite_font(document, id, cmap.vertical, to_unicode) else {
            continue;
        };
        // A descendant shared by two fonts is re-indexed once.
        if rewritten_descendants.insert(descendant) {
            reindex_widths(document, descendant);
        }
    }
    fonts.iter().any(|(_, cmap)| cmap.utf16)
}

/// What a predefined Unicode CMap's name says.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cmap {
    /// `-V`: vertical writing.
    vertical: bool,
    /// `UTF16` (a char beyond the BMP is a surrogate pair), not `UCS2`.
    utf16: bool,
}

/// Where the map puts a surrogate code: U+F0000 + (code − 0xD800), in
/// plane 15's private use area (a lone surrogate is not text).
const SURROGATE_BASE: u32 = 0xF_0000;

/// The surrogate code (0xD800–0xDFFF) that `text` stands for, if it is one
/// char the map gave a surrogate code (see [`SURROGATE_BASE`]).
pub(super) fn surrogate_of(text: &str) -> Option<u16> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let offset = u32::from(c).checked_sub(SURROGATE_BASE)?;
    u16::try_from(offset)
        .ok()
        .filter(|&offset| offset < 0x800)
        .map(|offset| 0xD800 + offset)
}

/// The CMap of a Type0 `font` whose `Encoding` names a predefined Unicode
/// CMap (`Uni{GB,CNS,JIS,KS}-{UCS2,UTF16}-{H,V}`).
fn unicode_cmap(font: &Dictionary) -> Option<Cmap> {
    if font.get(b"Subtype").and_then(Object::as_name).ok()? != b"Type0" {
        return None;
    }
    let name = font.get(b"Encoding").and_then(Object::as_name).ok()?;
    let name = std::str::from_utf8(name).ok()?;
    let rest = name.strip_prefix("Uni")?;
    let (collection, rest) = rest.split_once('-')?;
    let (form, direction) = rest.split_once('-')?;
    let known = matches!(collection, "GB" | "CNS" | "JIS" | "KS")
        && matches!(form, "UCS2" | "UTF16")
        && matches!(direction, "H" | "V");
    known.then_some(Cmap {
        vertical: direction == "V",
        utf16: form == "UTF16",
    })
}

/// Sets the font's `Encoding` to `Identity-H`/`-V` and, if it has none, its
/// `ToUnicode` to `to_unicode`; returns its descendant CIDFont's object id
/// (when that is an indirect object; a direct one is re-indexed here).
fn rewrite_font(
    document: &mut Document,
    id: ObjectId,
    vertical: bool,
    to_unicode: ObjectId,
) -> Option<ObjectId> {
    let descendants = {
        let font = document.get_object(id).ok()?.as_dict().ok()?;
        let descendants = font.get(b"DescendantFonts").ok()?;
        document
            .dereference(descendants)
            .ok()?
            .1
            .as_array()
            .ok()?
            .clone()
    };
    let font = document.get_object_mut(id).ok()?.as_dict_mut().ok()?;
    let identity: &[u8] = if vertical {
        b"Identity-V"
    } else {
        b"Identity-H"
    };
    font.set("Encoding", Object::Name(identity.to_vec()));
    if !font.has(b"ToUnicode") {
        font.set("ToUnicode", Object::Reference(to_unicode));
    }
    match descendants.first()? {
        Object::Reference(descendant) => Some(*descendant),
        Object::Dictionary(descendant) => {
            let mut descendant = descendant.clone();
            if let Some(widths) = widths_by_code(document, &descendant) {
                descendant.set("W", widths);
            }
            let font = document.get_object_mut(id).ok()?.as_dict_mut().ok()?;
            font.set(
                "DescendantFonts",
                Object::Array(vec![Object::Dictionary(descendant)]),
            );
            None
        }
        _ => None,
    }
}

/// Re-indexes the `W` array of the CIDFont object `id` by character code.
fn reindex_widths(document: &mut Document, id: ObjectId) {
    let Some(widths) = document
        .get_object(id)
        .ok()
        .and_then(|object| object.as_dict().ok())
        .and_then(|descendant| widths_by_code(document, descendant))
    else {
        return;
    };
    if let Ok(descendant) = document.get_object_mut(id).and_then(Object::as_dict_mut) {
        descendant.set("W", widths);
    }
}

/// The first CID of the proportional Latin glyphs (U+0020) and their number.
const LATIN_CIDS: (i64, usize) = (1, 95);

/// The widths the CIDFont `descendant` gives CIDs 1–95, as a `W` array
/// indexed by their codes U+0020–U+007E (`[32 [w…]]`); `None` if it has no `W`.
fn widths_by_code(document: &Document, descendant: &Dictionary) -> Option<Object> {
    let w = descendant.get(b"W").ok()?;
    let w = document.dereference(w).ok()?.1.as_array().ok()?;
    let number = |object: &Object| {
        document
            .dereference(object)
            .ok()
            .and_then(|(_, object)| object.as_float().ok())
    };
    let (first_cid, count) = LATIN_CIDS;
    let mut latin: Vec<Option<f32>> = vec![None; count];
    let mut set = |cid: i64, width: f32| {
        if let Some(slot) = usize::try_from(cid - first_cid)
            .ok()
            .and_then(|index| latin.get_mut(index))
        {
            *slot = Some(width);
        }
    };
    let mut i = 0;
    while i < w.len() {
        let Some(first) = w.get(i).and_then(|object| object.as_i64().ok()) else {
            break;
        };
        match w.get(i + 1).map(|object| document.dereference(object)) {
            // `c [w1 w2 …]`: consecutive CIDs from c.
            Some(Ok((_, Object::Array(run)))) => {
                for (k, width) in (0_i64..).zip(run) {
                    if let Some(width) = number(width) {
                        set(first + k, width);
                    }
                }
                i += 2;
            }
            // `c_first c_last w`: one width for a range of CIDs.
            Some(Ok((_, last))) => {
                let (Ok(last), Some(width)) = (last.as_i64(), w.get(i + 2).and_then(number)) else {
                    break;
                };
                for cid in first.max(first_cid)..=last.min(first_cid + count as i64 - 1) {
                    set(cid, width);
                }
                i += 3;
            }
            _ => break,
        }
    }
    let default = descendant
        .get(b"DW")
        .ok()
        .and_then(number)
        .unwrap_or(1000.0);
    if latin.iter().all(Option::is_none) {
        return Some(Object::Array(Vec::new()));
    }
    let run = latin
        .into_iter()
        .map(|width| Object::Real(width.unwrap_or(default)))
        .collect();
    Some(Object::Array(vec![
        Object::Integer(0x20),
        Object::Array(run),
    ]))
}

/// The 2-byte codes of every string that the document's pages and form
/// XObjects show (`Tj`, `'`, `"`, `TJ`), whatever their font: more than the
/// fonts above need, never less. `None` if a content stream cannot be parsed.
fn shown_codes(document: &Document) -> Option<BTreeSet<u16>> {
    let mut contents: Vec<Vec<u8>> = Vec::new();
    for page in document.get_pages().into_values() {
        contents.push(document.get_page_content(page).ok()?);
    }
    for object in document.objects.values() {
        if let Object::Stream(stream) = object
            && stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
        {
            contents.push(
                stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone()),
            );
        }
    }
    let mut codes = BTreeSet::new();
    let mut add = |object: &Object| {
        if let Object::String(bytes, _) = object {
            codes.extend(
                bytes
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
            );
        }
    };
    for content in contents {
        for operation in Content::decode(&content).ok()?.operations {
            match operation.operator.as_str() {
                "Tj" | "'" | "\"" => operation.operands.last().into_iter().for_each(&mut add),
                "TJ" => {
                    if let Some(Object::Array(parts)) = operation.operands.last() {
                        parts.iter().for_each(&mut add);
                    }
                }
                _ => {}
            }
        }
    }
    Some(codes)
}

/// A ToUnicode CMap mapping each of `codes` (2-byte, in ascending order) to
/// the same UTF-16 unit, a surrogate to its stand-in (see [`SURROGATE_BASE`]):
/// one `bfrange` per run of consecutive codes with the same high byte (a
/// range may vary only its last byte), at most 100 to a block.
fn identity_to_unicode(codes: impl IntoIterator<Item = u16>) -> Vec<u8> {
    let mut ranges: Vec<(u16, u16)> = Vec::new();
    for code in codes {
        match ranges.last_mut() {
            Some((_, last)) if code == last.wrapping_add(1) && code >> 8 == *last >> 8 => {
                *last = code;
            }
            _ => ranges.push((code, code)),
        }
    }
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Gloss-Identity-UCS2 def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in ranges.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfrange", block.len());
        for &(first, last) in block {
            let target = if (0xD800..=0xDFFF).contains(&first) {
                // The stand-in's UTF-16 pair; a run within one high byte
                // stays within one low surrogate's 1,024 values.
                let scalar = SURROGATE_BASE + u32::from(first - 0xD800) - 0x1_0000;
                format!(
                    "{:04X}{:04X}",
                    0xD800 + (scalar >> 10),
                    0xDC00 + (scalar & 0x3FF)
                )
            } else {
                format!("{first:04X}")
            };
            let _ = writeln!(cmap, "<{first:04X}> <{last:04X}> <{target}>");
        }
        cmap.push_str("endbfrange\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font(encoding: &str) -> Dictionary {
        let mut font = Dictionary::new();
        font.set("Subtype", Object::Name(b"Type0".to_vec()));
        font.set("Encoding", Object::Name(encoding.as_bytes().to_vec()));
        font
    }

    #[test]
    fn only_the_unicode_cmaps_are_taken() {
        let cmap = |vertical, utf16| Some(Cmap { vertical, utf16 });
        assert_eq!(unicode_cmap(&font("UniGB-UCS2-H")), cmap(false, false));
        assert_eq!(unicode_cmap(&font("UniJIS-UTF16-V")), cmap(true, true));
        assert_eq!(unicode_cmap(&font("UniKS-UCS2-V")), cmap(true, false));
        assert_eq!(unicode_cmap(&font("UniCNS-UTF16-H")), cmap(false, true));
        for other in [
            "GBK-EUC-H",
            "90ms-RKSJ-H",
            "UniJIS-UTF8-H",
            "UniJIS2004-UTF16-H",
            "Identity-H",
            "UniGB-UCS2-X",
        ] {
            assert_eq!(unicode_cmap(&font(other)), None, "{other}");
        }
        let mut simple = font("UniGB-UCS2-H");
        simple.set("Subtype", Object::Name(b"Type1".to_vec()));
        assert_eq!(unicode_cmap(&simple), None);
    }

    fn ranges(cmap: &[u8]) -> Vec<String> {
        String::from_utf8(cmap.to_vec())
            .expect("ascii")
            .lines()
            .filter(|line| line.matches('<').count() == 3)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_to_unicode_map_has_a_range_per_run_within_a_high_byte() {
        let full = identity_to_unicode(0..=u16::MAX);
        let full_ranges = ranges(&full);
        assert_eq!(full_ranges.len(), 256);
        assert!(full_ranges.contains(&"<4E00> <4EFF> <4E00>".to_owned()));
        assert!(full_ranges.contains(&"<FF00> <FFFF> <FF00>".to_owned()));
        // Surrogates map to U+F0000 + (code − 0xD800), as UTF-16.
        assert!(full_ranges.contains(&"<D800> <D8FF> <DB80DC00>".to_owned()));
        assert!(full_ranges.contains(&"<DC00> <DCFF> <DB81DC00>".to_owned()));
        assert!(full_ranges.contains(&"<DF00> <DFFF> <DB81DF00>".to_owned()));
        let text = String::from_utf8(full).expect("ascii");
        let blocks: Vec<&str> = text
            .lines()
            .filter(|l| l.ends_with("beginbfrange"))
            .collect();
        assert_eq!(
            blocks,
            ["100 beginbfrange", "100 beginbfrange", "56 beginbfrange"]
        );
        // A run stops at the end of its high byte.
        let some = identity_to_unicode([0x41, 0x42, 0x43, 0x4E2D, 0x4EFF, 0x4F00, 0xD842]);
        assert_eq!(
            ranges(&some),
            [
                "<0041> <0043> <0041>",
                "<4E2D> <4E2D> <4E2D>",
                "<4EFF> <4EFF> <4EFF>",
                "<4F00> <4F00> <4F00>",
                "<D842> <D842> <DB80DC42>",
            ]
        );
    }

    #[test]
    fn a_surrogate_stand_in_is_known_again() {
        // U+F0042 is what the map makes of code 0xD842.
        assert_eq!(surrogate_of("\u{F0042}"), Some(0xD842));
        assert_eq!(surrogate_of("\u{F07FF}"), Some(0xDFFF));
        assert_eq!(surrogate_of("\u{F0800}"), None);
        assert_eq!(surrogate_of("中"), None);
        assert_eq!(surrogate_of("\u{F0042}x"), None);
        assert_eq!(surrogate_of(""), None);
    }

    #[test]
    fn the_codes_shown_are_those_of_every_string_shown() {
        let mut document = Document::with_version("1.5");
        let content = b"BT /F1 10 Tf <4E2D6587> Tj [(\\000A) -120 <00420043>] TJ (x) Tj ET";
        let contents = document.add_object(Stream::new(Dictionary::new(), content.to_vec()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Contents", Object::Reference(contents));
        let page = document.add_object(page);
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", Object::Array(vec![Object::Reference(page)]));
        pages.set("Count", Object::Integer(1));
        let pages = document.add_object(pages);
        if let Ok(page) = document.get_object_mut(page).and_then(Object::as_dict_mut) {
            page.set("Parent", Object::Reference(pages));
        }
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages));
        let catalog = document.add_object(catalog);
        document.trailer.set("Root", Object::Reference(catalog));
        let codes: Vec<u16> = shown_codes(&document)
            .expect("parses")
            .into_iter()
            .collect();
        assert_eq!(codes, [0x41, 0x42, 0x43, 0x4E2D, 0x6587]);
    }

    #[test]
    fn unicode_fonts_are_rewritten_their_own_to_unicode_kept_others_left_alone() {
        let mut document = Document::with_version("1.5");
        let mut descendant = Dictionary::new();
        descendant.set(
            "W",
            Object::Array(vec![
                Object::Integer(34),
                Object::Array(vec![Object::Integer(684)]),
            ]),
        );
        let descendant = document.add_object(descendant);
        let own_map = document.add_object(Stream::new(Dictionary::new(), Vec::new()));
        let type0 = |encoding: &str, to_unicode: Option<ObjectId>| {
            let mut font = font(encoding);
            font.set(
                "DescendantFonts",
                Object::Array(vec![Object::Reference(descendant)]),
            );
            if let Some(map) = to_unicode {
                font.set("ToUnicode", Object::Reference(map));
            }
            font
        };
        let chinese = document.add_object(type0("UniGB-UCS2-H", None));
        // Two fonts share the descendant: its widths move once.
        let vertical = document.add_object(type0("UniJIS-UCS2-V", Some(own_map)));
        let gbk = document.add_object(type0("GBK-EUC-H", None));
        assert!(!read_unicode_cmaps(&mut document));
        let get = |id: ObjectId, key: &[u8]| {
            document
                .get_object(id)
                .and_then(Object::as_dict)
                .and_then(|font| font.get(key))
                .cloned()
                .ok()
        };
        let name = |name: &str| Some(Object::Name(name.as_bytes().to_vec()));
        assert_eq!(get(chinese, b"Encoding"), name("Identity-H"));
        assert_eq!(get(vertical, b"Encoding"), name("Identity-V"));
        assert_eq!(get(gbk, b"Encoding"), name("GBK-EUC-H"));
        assert_eq!(
            get(vertical, b"ToUnicode"),
            Some(Object::Reference(own_map))
        );
        assert_eq!(get(gbk, b"ToUnicode"), None);
        let Some(Object::Reference(map)) = get(chinese, b"ToUnicode") else {
            panic!("a ToUnicode map");
        };
        assert_ne!(map, own_map);
        let w = get(descendant, b"W").expect("W");
        let w = w.as_array().expect("array");
        assert_eq!(w[0], Object::Integer(0x20));
        let run = w[1].as_array().expect("run");
        assert_eq!(run[0x41 - 0x20].as_float().ok(), Some(684.0));
    }

    #[test]
    fn latin_widths_move_from_their_cids_to_their_codes() {
        let document = Document::new();
        let mut descendant = Dictionary::new();
        descendant.set("DW", Object::Integer(1000));
        descendant.set(
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Array(vec![Object::Integer(207), Object::Integer(270)]),
                Object::Integer(34),
                Object::Integer(35),
                Object::Integer(600),
                // A full-width glyph's CID: not a code, dropped.
                Object::Integer(814),
                Object::Array(vec![Object::Integer(500)]),
            ]),
        );
        let w = widths_by_code(&document, &descendant).expect("a W");
        let w = w.as_array().expect("array");
        assert_eq!(w[0], Object::Integer(0x20));
        let run = w[1].as_array().expect("run");
        assert_eq!(run.len(), 95);
        let width = |code: usize| run[code - 0x20].as_float().expect("number");
        assert_eq!(width(0x20), 207.0);
        assert_eq!(width(0x21), 270.0);
        assert_eq!(width(0x41), 600.0); // CID 34 is `A`
        assert_eq!(width(0x42), 600.0);
        assert_eq!(width(0x43), 1000.0); // not given: the default
    }
}
