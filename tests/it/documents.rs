//! Documents that are not plain text (issue #14), PDF here: extraction against
//! the fixtures' known source text (tests/fixtures/documents/README.md), page
//! numbers of chosen phrases, scanned and encrypted files, the extraction
//! cache, metadata as attributes, pages in exports, the original file in a
//! REFI-QDA archive, and re-anchoring when the extractor's text changes.

use gloss::export::{ExportFormat, ExportOptions, SourceFiles, export_to_bytes_with_originals};
use gloss::extract::{ExtractError, extract};
use gloss::model::anchor::AnchorStatus;
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::format::project_to_json;
use gloss::model::project::Project;
use gloss::model::query::RetrievalFilter;
use gloss::model::source_map::{SourceMap, SpanKind};
use gloss::model::structure::SourceFormat;
use gloss::model::text::{CharOffset, CharRange};
use gloss::storage::{open_project, read_document, read_original_files, scan_folder};
use std::path::{Path, PathBuf};

/// A fixture's path.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture")
}

/// A project folder holding copies of the named fixtures.
fn folder_with(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in names {
        std::fs::copy(fixture(name), dir.path().join(name)).expect("copy fixture");
    }
    dir
}

/// The text simple.pdf was made from (make_pdfs.py), as the canonical text
/// should read: header, footer and page numbers gone, lines joined, the
/// hyphen at "resist-/ance" repaired, ligatures spelled out, the footnote
/// after the paragraph it interrupts (which runs on to page 2).
const SIMPLE_SOURCE: &str = "Preface\n\nThis preface stands on a page numbered in roman numerals, as books often do before their first chapter.\n\n1 Introduction\n\nThe river valley was the first place where small hydropower plants met organised local resistance. Villagers watched the flow of water fall each summer while the investors spoke of green energy.¹\n\nA second paragraph begins here and continues on the next page without a break in its sentence and ends on the third page, which the citation of this passage has to show as two pages.\n\n¹ Interview with a villager, Rakita, 12 May 2021.\n\nThe final paragraph names the field study once more.";

/// 1 − (edit distance ÷ the longer length), over chars.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    1.0 - row[b.len()] as f64 / a.len().max(b.len()).max(1) as f64
}

/// The similarity a fixture's text must reach. 0.97 allows about three
/// differing chars in a hundred (a space where lines join, a quote mark, a
/// note placed a paragraph later) but fails on any real loss: a dropped line
/// of simple.pdf (≥ 45 of its ~560 chars, 8 %), a header left in (28 chars on
/// each page, 15 %), or unjoined hyphenation throughout.
const SIMILARITY_THRESHOLD: f64 = 0.97;

/// Char range of `needle` in `text`.
fn chars_of(text: &str, needle: &str) -> CharRange {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

fn page_of(loaded: &LoadedText, needle: &str) -> String {
    let range = chars_of(loaded.text.as_str(), needle);
    loaded.structure.page_span(range).expect("pages").citation()
}

#[test]
fn a_pdf_reads_as_its_source_text_with_pages_and_metadata() {
    let loaded = read_document(&fixture("simple.pdf")).expect("simple.pdf");
    let text = loaded.text.as_str();
    let score = similarity(text, SIMPLE_SOURCE);
    assert!(
        score >= SIMILARITY_THRESHOLD,
        "similarity {score:.3} below {SIMILARITY_THRESHOLD}:\n{text}"
    );
    // Named phrases, exactly: ligatures, hyphenation, joined lines, no header.
    for phrase in [
        "the first place where small hydropower plants",
        "organised local resistance. Villagers",
        "the flow of water",
        "continues on the next page without a break in its sentence and ends on the third page",
        "The final paragraph names the field study once more.",
    ] {
        assert!(text.contains(phrase), "{phrase:?} in {text}");
    }
    assert!(
        !text.contains("Gloss fixture report"),
        "header kept: {text}"
    );
    assert!(!text.contains('\u{FB01}') && !text.contains("resist-"));
    // Pages carry the printed labels: i, then 1, 2.
    assert_eq!(page_of(&loaded, "This preface stands"), "p. i");
    assert_eq!(page_of(&loaded, "river valley"), "p. 1");
    assert_eq!(page_of(&loaded, "A second paragraph begins here"), "p. 1");
    assert_eq!(
        page_of(
            &loaded,
            "without a break in its sentence and ends on the third page"
        ),
        "pp. 1–2"
    );
    assert_eq!(page_of(&loaded, "field study"), "p. 2");
    // The footnote is a note block with its marker.
    let note = loaded.structure.notes.first().expect("a note");
    assert_eq!(note.marker.as_deref(), Some("¹"));
    assert!(
        loaded
            .text
            .slice(note.range)
            .expect("note")
            .contains("Interview with a villager")
    );
    // Metadata.
    let metadata = &loaded.structure.metadata;
    assert!(metadata.contains(&("title".into(), "Hydropower and Local Opposition".into())));
    assert!(metadata.contains(&("author".into(), "Ana Petrović".into())));
    assert_eq!(loaded.structure.format, SourceFormat::Pdf);
    assert_eq!(
        loaded.sha256,
        gloss::model::document::sha256_hex(&bytes("simple.pdf"))
    );
}

#[test]
fn two_columns_read_column_by_column_and_cyrillic_stays_cyrillic() {
    let columns = extract(SourceFormat::Pdf, &bytes("two_columns.pdf")).expect("two columns");
    assert_eq!(
        columns.text,
        "The left column opens the argument about water rights and local councils.\n\n\
         The right column answers with the view of investors and the ministry."
    );
    let cyrillic = read_document(&fixture("cyrillic.pdf")).expect("cyrillic");
    assert_eq!(
        cyrillic.text.as_str(),
        "Мештани Старе планине бране своје реке од изградње малих хидроелектрана.\n\n\
         Друга страна говори о протестима у Пироту и Ракити."
    );
    assert_eq!(page_of(&cyrillic, "Пироту"), "p. 2");
}

#[test]
fn scanned_and_encrypted_pdfs_are_skipped_with_their_reason() {
    assert_eq!(
        extract(SourceFormat::Pdf, &bytes("scanned.pdf")),
        Err(ExtractError::NoTextLayer)
    );
    assert_eq!(
        extract(SourceFormat::Pdf, &bytes("encrypted.pdf")),
        Err(ExtractError::Encrypted)
    );
    assert!(matches!(
        extract(SourceFormat::Pdf, b"%PDF-1.4 not really"),
        Err(ExtractError::Malformed { .. })
    ));
    // A CJK font that is not embedded, with a non-Unicode predefined CMap:
    // the reason names it.
    let cid = extract(SourceFormat::Pdf, &bytes("cjk_cid_gbk.pdf")).expect_err("not read");
    assert_eq!(
        cid.to_string(),
        "cannot be read as PDF: a font's encoding (GBK-EUC-H) is not supported: its text \
         can be read only with the font embedded"
    );
    let dir = folder_with(&["scanned.pdf", "encrypted.pdf", "simple.pdf"]);
    let scan = scan_folder(dir.path());
    let names: Vec<&str> = scan
        .documents
        .iter()
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(names, ["simple.pdf"]);
    let reasons: Vec<(String, String)> = scan
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.to_string()))
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].0 == "encrypted.pdf" && reasons[0].1.contains("encrypted"));
    assert!(reasons[1].0 == "scanned.pdf" && reasons[1].1.contains("without a text layer"));
}

/// The cache files of a project folder.
fn cache_entries(folder: &Path) -> Vec<PathBuf> {
    let cache = folder.join(".gloss-cache/extracted");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&cache)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.retain(|p| p.extension().is_some_and(|e| e == "json"));
    entries.sort();
    entries
}

#[test]
fn opening_twice_gives_the_same_text_and_the_second_comes_from_the_cache() {
    let names = ["cjk.pdf", "cyrillic.pdf", "simple.pdf", "two_columns.pdf"];
    let dir = folder_with(&names);
    let direct: Vec<LoadedText> = names
        .iter()
        .map(|name| read_document(&fixture(name)).expect("read"))
        .collect();
    let first = scan_folder(dir.path());
    assert_eq!(cache_entries(dir.path()).len(), 4);
    let second = scan_folder(dir.path());
    for ((loaded_first, loaded_second), loaded_direct) in
        first.documents.iter().zip(&second.documents).zip(&direct)
    {
        // Two code paths (the cache and no cache) and two openings: one text.
        assert_eq!(loaded_first.1.text.as_str(), loaded_direct.text.as_str());
        assert_eq!(loaded_second.1.text.as_str(), loaded_direct.text.as_str());
        // The structure with its map back to the raw text, from the cache.
        assert_eq!(loaded_second.1.structure, loaded_direct.structure);
        assert!(loaded_second.1.structure.source_map.is_some());
        assert_eq!(loaded_second.1.sha256, loaded_direct.sha256);
    }
    assert!(dir.path().join(".gloss-cache/.gitignore").is_file());
}

#[test]
fn a_cache_entry_is_used_when_it_matches_and_rebuilt_when_damaged() {
    let dir = folder_with(&["cyrillic.pdf"]);
    let real = scan_folder(dir.path()).documents.remove(0).1;
    let entry = cache_entries(dir.path()).remove(0);
    let name = entry
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&real.sha256) && name.ends_with("-pdf-v2.json"),
        "{name}"
    );
    // A hit: an entry edited to another (valid) text is what opens.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&entry).expect("entry")).expect("json");
    let cached = format!(
        "Cached text.\n\n{}",
        "Longer than the real text's pages. ".repeat(5)
    );
    json["text"] = cached.as_str().into();
    // With the map of the real text kept, the entry does not fit: rebuilt.
    assert!(json["source_map"]["spans"].is_array(), "{json}");
    std::fs::write(&entry, serde_json::to_vec(&json).expect("json")).expect("write");
    let unfit = scan_folder(dir.path()).documents.remove(0).1;
    assert_eq!(unfit.text.as_str(), real.text.as_str());
    assert!(unfit.structure.source_map.is_some());
    // Without a map, the edited text is what opens.
    json.as_object_mut().expect("object").remove("source_map");
    std::fs::write(&entry, serde_json::to_vec(&json).expect("json")).expect("write");
    let hit = scan_folder(dir.path()).documents.remove(0).1;
    assert_eq!(hit.text.as_str(), cached);
    assert!(hit.structure.source_map.is_none());
    // Damaged: ignored, the file is extracted again and the entry rewritten.
    std::fs::write(&entry, b"{ not json").expect("write");
    let rebuilt = scan_folder(dir.path()).documents.remove(0).1;
    assert_eq!(rebuilt.text.as_str(), real.text.as_str());
    let rewritten: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&entry).expect("entry")).expect("valid again");
    assert_eq!(rewritten["text"], real.text.as_str());
    // A page start past the text's end makes an entry damaged too.
    json["text"] = "short".into();
    std::fs::write(&entry, serde_json::to_vec(&json).expect("json")).expect("write");
    let checked = scan_folder(dir.path()).documents.remove(0).1;
    assert_eq!(checked.text.as_str(), real.text.as_str());
}

#[test]
fn a_new_pdf_takes_its_title_and_author_from_the_file() {
    let dir = folder_with(&["simple.pdf"]);
    let opened = open_project(dir.path()).expect("open");
    let record = &opened.workspace.project.documents[0];
    assert_eq!(
        record.attribute("title"),
        Some("Hydropower and Local Opposition")
    );
    assert_eq!(record.attribute("author"), Some("Ana Petrović"));
    assert_eq!(record.title(), "Hydropower and Local Opposition");
}

#[test]
fn metadata_that_says_nothing_is_not_taken_and_a_date_keeps_its_day() {
    // two_columns.pdf says "untitled" / "anonymous" (reportlab's defaults);
    // sample.docx dates itself 2024-05-06T07:08:00Z.
    let dir = folder_with(&["two_columns.pdf", "sample.docx"]);
    let opened = open_project(dir.path()).expect("open");
    let documents = &opened.workspace.project.documents;
    let record = |path: &str| documents.iter().find(|d| d.path == path).expect(path);
    let pdf = record("two_columns.pdf");
    assert_eq!(pdf.attribute("title"), None);
    assert_eq!(pdf.attribute("author"), None);
    assert_eq!(pdf.title(), "two_columns");
    let docx = record("sample.docx");
    assert_eq!(docx.attribute("date"), Some("2024-05-06"));
    assert_eq!(docx.attribute("author"), Some("Ана Петровић"));
}

/// A project folder with simple.pdf and a `gloss.json` whose one annotation
/// was coded on `coded_text` (what an extractor gave) at `needle`.
fn project_coded_on(coded_text: &str, needle: &str) -> (tempfile::TempDir, Annotation) {
    let dir = folder_with(&["simple.pdf"]);
    let sha = gloss::model::document::sha256_hex(&bytes("simple.pdf"));
    let record = DocumentRecord::new("simple.pdf", &sha);
    let coded = LoadedText::from_string(coded_text);
    let annotation = Annotation::new(
        record.id.clone(),
        &coded.text,
        chars_of(coded_text, needle),
        "tester",
        "2026-12-03T10:00:00Z",
    )
    .expect("annotation");
    let mut project = Project::default();
    project.documents.push(record);
    project.annotations.push(annotation.clone());
    let json = project_to_json(&project);
    std::fs::write(dir.path().join("gloss.json"), json).expect("write project");
    (dir, annotation)
}

#[test]
fn a_changed_extraction_re_anchors_the_codings_never_shifting_them() {
    // An older extractor kept the running header at the top of the text, so the
    // coding of "green energy" sat 30 chars further on than the text is now.
    let old_text = format!("Gloss fixture report · draft\n\n{SIMPLE_SOURCE}");
    let (dir, before) = project_coded_on(&old_text, "green energy");
    let opened = open_project(dir.path()).expect("open");
    let after = &opened.workspace.project.annotations[0];
    let text = opened.workspace.texts.values().next().expect("text");
    assert_ne!(
        after.range(),
        before.range(),
        "the coding moved with its text"
    );
    assert_eq!(text.text.slice(after.range()), Some("green energy"));
    assert_eq!(after.status, AnchorStatus::Moved);
    assert_eq!(opened.reanchored.len(), 1);
}

/// The sample-free workspace of simple.pdf with one coded passage, and its folder.
fn coded_pdf_workspace(needle: &str) -> (tempfile::TempDir, gloss::model::workspace::Workspace) {
    let (dir, _) = project_coded_on(SIMPLE_SOURCE, needle);
    let opened = open_project(dir.path()).expect("open");
    assert!(opened.reanchored.is_empty());
    (dir, opened.workspace)
}

fn options() -> ExportOptions {
    ExportOptions {
        project_name: "pdf".into(),
        now: "2026-12-03T10:00:00Z".into(),
    }
}

#[test]
fn exports_cite_the_page_of_a_pdf_passage() {
    let needle = "without a break in its sentence and ends on the third page";
    let (_dir, workspace) = coded_pdf_workspace(needle);
    let filter = RetrievalFilter::default();
    let export = |format| {
        export_to_bytes_with_originals(&workspace, format, &filter, &options(), &SourceFiles::new())
            .expect("export")
            .0
    };
    let csv = export(ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().expect("headers").clone();
    let page_column = headers
        .iter()
        .position(|h| h == "page")
        .expect("page column");
    let row = reader.records().next().expect("row").expect("record");
    assert_eq!(&row[page_column], "pp. 1–2");
    let jsonl = String::from_utf8(export(ExportFormat::Jsonl)).expect("utf8");
    let row: serde_json::Value =
        serde_json::from_str(jsonl.lines().next().expect("line")).expect("json");
    assert_eq!(row["page"], "pp. 1–2");
    assert_eq!(row["heading_path"], serde_json::Value::Null);
    let markdown = String::from_utf8(export(ExportFormat::Md)).expect("utf8");
    assert!(markdown.contains("pp. 1–2"), "{markdown}");
    let html = String::from_utf8(export(ExportFormat::Html)).expect("utf8");
    assert!(html.contains("pp. 1–2"), "{html}");
}

#[test]
fn a_refi_qda_archive_holds_the_pdf_itself_with_its_text_as_representation() {
    let (dir, workspace) = coded_pdf_workspace("river valley");
    let originals = read_original_files(dir.path(), &workspace);
    assert_eq!(originals.len(), 1);
    let (archive, _) = export_to_bytes_with_originals(
        &workspace,
        ExportFormat::Qdpx,
        &RetrievalFilter::default(),
        &options(),
        &originals,
    )
    .expect("qdpx");
    let files = crate::export::unzip(&archive);
    let pdf = files
        .iter()
        .find(|(name, _)| name.ends_with(".pdf"))
        .expect("the PDF in the archive");
    assert_eq!(pdf.1, &bytes("simple.pdf"));
    let text = files
        .iter()
        .find(|(name, _)| name.ends_with(".txt"))
        .expect("the text in the archive");
    assert_eq!(text.1.as_slice(), SIMPLE_SOURCE.as_bytes());
    let qde = String::from_utf8(files["project.qde"].clone()).expect("utf8");
    let document = roxmltree::Document::parse(&qde).expect("xml");
    let source = document
        .descendants()
        .find(|n| n.has_tag_name("PDFSource"))
        .expect("PDFSource");
    let pdf_name = pdf.0.trim_start_matches("sources/");
    assert_eq!(
        source.attribute("path"),
        Some(format!("internal://{pdf_name}").as_str())
    );
    let representation = source
        .children()
        .find(|n| n.has_tag_name("Representation"))
        .expect("Representation");
    let text_name = text.0.trim_start_matches("sources/");
    assert_eq!(
        representation.attribute("plainTextPath"),
        Some(format!("internal://{text_name}").as_str())
    );
    let selection = representation
        .children()
        .find(|n| n.has_tag_name("PlainTextSelection"))
        .expect("the selection in the representation");
    let range = chars_of(SIMPLE_SOURCE, "river valley");
    assert_eq!(
        selection.attribute("startPosition"),
        Some(range.start.0.to_string().as_str())
    );
    // Without originals the document stays a plain TextSource.
    let plain =
        gloss::export::qdpx::project_qde(&workspace, &RetrievalFilter::default(), &options());
    assert!(plain.contains("<TextSource") && !plain.contains("PDFSource"));
    crate::export::validate_with_xmllint(&qde, "Project.xsd");

    // Gloss reads its own PDFSource back: into an empty project the text comes
    // as a text file with the passage in place; into the project it came from,
    // the PDF document is recognised by its text and nothing is added.
    let empty = gloss::model::workspace::Workspace::default();
    let import = |into: &gloss::model::workspace::Workspace| {
        gloss::import::plan_import(
            gloss::import::ImportFormat::Qdpx,
            &archive,
            None,
            into,
            "me",
            "2026-12-03T00:00:00Z",
        )
        .expect("import of the archive")
    };
    let plan = import(&empty);
    assert_eq!(plan.new_files.len(), 1, "{:?}", plan.report.problems);
    assert_eq!(plan.new_files[0].text, SIMPLE_SOURCE);
    let imported = crate::export::apply_plan(&empty, plan);
    let annotation = imported.project.annotations.first().expect("the passage");
    let text = imported.text(&annotation.document).expect("its text");
    assert_eq!(text.text.slice(annotation.range()), Some("river valley"));
    let again = import(&workspace);
    assert!(again.new_files.is_empty(), "{:?}", again.report.summary);
}

/// The map's promises on one extraction (docs/documents.md, "The map back to
/// the extracted text"): spans cover the text in order; a copied char is its
/// raw char and the raw char maps back to it (canonical → raw → canonical);
/// every raw char that maps to a copied char is that char's raw char (raw →
/// canonical → raw); a replaced run is whitespace for whitespace (a line
/// break become a joining space or a blank line, a collapsed run) or the same
/// text under NFKC (a ligature spelled out, an NFC composition). Returns the
/// numbers of copied and replaced chars.
fn assert_map_holds(name: &str, text: &str, map: &SourceMap) -> (usize, usize) {
    use unicode_normalization::UnicodeNormalization as _;
    let chars: Vec<char> = text.chars().collect();
    let raw: Vec<char> = map.raw_text().chars().collect();
    let (mut copied, mut replaced) = (0, 0);
    let mut expected_start = 0;
    for span in map.spans() {
        assert_eq!(span.text.start.0, expected_start, "{name}: spans in order");
        expected_start = span.text.end.0;
        let canonical: String = chars[span.text.start.0..span.text.end.0].iter().collect();
        let source: String = raw[span.raw.start.0..span.raw.end.0].iter().collect();
        match span.kind {
            SpanKind::Copied => {
                assert_eq!(canonical, source, "{name}: copied {span:?}");
                for k in 0..span.text.len_chars() {
                    let (i, j) = (span.text.start.0 + k, span.raw.start.0 + k);
                    assert_eq!(
                        map.raw_range_of(CharOffset(i)),
                        Some(CharRange::new(j, j + 1))
                    );
                    assert_eq!(
                        map.text_offset(CharOffset(j)),
                        Some(CharOffset(i)),
                        "{name}"
                    );
                }
                copied += canonical.chars().count();
            }
            SpanKind::Replaced => {
                let blank = |s: &str| s.chars().all(|c| c.is_whitespace() || c.is_control());
                let sensible = (blank(&canonical) && blank(&source) && !source.is_empty())
                    || canonical.nfkc().eq(source.nfkc());
                assert!(sensible, "{name}: {canonical:?} replaced {source:?}");
                replaced += canonical.chars().count();
            }
        }
    }
    assert_eq!(expected_start, chars.len(), "{name}: spans cover the text");
    for j in 0..raw.len() {
        if let Some(i) = map.text_offset(CharOffset(j))
            && map.span_at(i).map(|span| span.kind) == Some(SpanKind::Copied)
        {
            assert_eq!(
                map.raw_range_of(i),
                Some(CharRange::new(j, j + 1)),
                "{name}"
            );
        }
    }
    (copied, replaced)
}

/// The raw lines (page, number on the page, text) `needle` came from.
fn raw_lines_of(loaded: &LoadedText, needle: &str) -> Vec<(String, usize, String)> {
    let map = loaded.structure.source_map.as_ref().expect("a map");
    map.raw_lines(chars_of(loaded.text.as_str(), needle))
        .into_iter()
        .map(|line| (line.page, line.number, line.text))
        .collect()
}

#[test]
fn every_pdf_fixture_maps_its_text_back_to_the_extracted_lines() {
    for name in [
        "simple.pdf",
        "two_columns.pdf",
        "cyrillic.pdf",
        "cjk.pdf",
        "cjk_cid.pdf",
        "cjk_cid_utf16.pdf",
    ] {
        let loaded = read_document(&fixture(name)).expect(name);
        let map = loaded.structure.source_map.as_ref().expect("a map");
        let (copied, replaced) = assert_map_holds(name, loaded.text.as_str(), map);
        // Almost all of the text is copied: only line joins, blank lines
        // and ligatures are replaced.
        assert!(
            copied > 10 * replaced,
            "{name}: {copied} copied, {replaced} replaced"
        );
        // Compact: far fewer spans than chars.
        assert!(map.spans().len() * 8 < loaded.text.len_chars(), "{name}");
    }
    let simple = read_document(&fixture("simple.pdf")).expect("simple.pdf");
    let map = simple.structure.source_map.as_ref().expect("a map");
    // The repaired hyphen: both raw lines, the hyphen itself dropped.
    assert_eq!(
        raw_lines_of(&simple, "organised local resistance. Villagers"),
        [
            (
                "1".into(),
                5,
                "hydropower plants met organised local resist-".into()
            ),
            (
                "1".into(),
                6,
                "ance. Villagers watched the ﬂow of water fall".into()
            ),
        ]
    );
    let hyphen = map.raw_text().find("resist-").expect("raw") + "resist".len();
    let hyphen = map.raw_text()[..hyphen].chars().count();
    assert_eq!(map.text_offset(CharOffset(hyphen)), None);
    // The ligature: "fl" comes from the one raw char ﬂ.
    let flow = chars_of(simple.text.as_str(), "flow");
    let raw_fl = map.raw_range_of(flow.start).expect("raw");
    assert_eq!(map.raw_range_of(CharOffset(flow.start.0 + 1)), Some(raw_fl));
    assert_eq!(map.raw_text().chars().nth(raw_fl.start.0), Some('\u{FB02}'));
    // The running header is in the raw text, on every page, and maps to nothing.
    let header = map
        .raw_text()
        .find("Gloss fixture report")
        .expect("raw header");
    let header = map.raw_text()[..header].chars().count();
    assert_eq!(map.text_offset(CharOffset(header)), None);
    assert_eq!(map.raw_pages().len(), 3);
    // The footnote, set after the paragraph that ends on page 2, came from page 1.
    assert_eq!(
        raw_lines_of(&simple, "Interview with a villager"),
        [(
            "1".into(),
            11,
            "¹ Interview with a villager, Rakita, 12 May 2021.".into()
        )]
    );
    // A passage across the page break: the last line of page 1, the first of page 2.
    let across = raw_lines_of(&simple, "without a break in its sentence and ends");
    assert_eq!(
        across
            .iter()
            .map(|(page, number, _)| (page.as_str(), *number))
            .collect::<Vec<_>>(),
        [("1", 10), ("2", 3)]
    );
    // The columns: each passage on its own raw line.
    let columns = read_document(&fixture("two_columns.pdf")).expect("columns");
    assert_eq!(
        raw_lines_of(&columns, "answers with"),
        [
            ("1".into(), 4, "The right column answers".into()),
            ("1".into(), 5, "with the view of investors".into()),
        ]
    );
}

/// The text cjk.pdf was made from (make_pdfs.py): lines joined without a
/// space, the page numbers at the foot dropped.
const CJK_SOURCE: &str = "小型水电站与地方反对\n\n小型水电站在河谷中引起了当地居民的强烈反对。村民们每年夏天看着河水减少，而投资者却谈论绿色能源。\n\n日本語の文章もここにあります。村の人々は川を守るために集まりました。\n\n第二页的最后一段提到了Gloss软件。";

#[test]
fn chinese_and_japanese_read_exactly_with_no_space_where_lines_join() {
    let loaded = read_document(&fixture("cjk.pdf")).expect("cjk.pdf");
    let text = loaded.text.as_str();
    let score = similarity(text, CJK_SOURCE);
    assert!(
        score >= SIMILARITY_THRESHOLD,
        "similarity {score:.3} below {SIMILARITY_THRESHOLD}:\n{text}"
    );
    // The joins of hard-wrapped lines (强烈/反对, 投资/者, は/川) have no space.
    for phrase in [
        "当地居民的强烈反对。村民们",
        "而投资者却谈论绿色能源。",
        "村の人々は川を守るために集まりました。",
        "提到了Gloss软件。",
    ] {
        assert!(text.contains(phrase), "{phrase:?} in {text}");
    }
    assert!(!text.contains(' '), "no space anywhere: {text:?}");
    assert_eq!(page_of(&loaded, "小型水电站与地方反对"), "p. 1");
    assert_eq!(page_of(&loaded, "而投资者却谈论绿色能源"), "p. 1");
    assert_eq!(page_of(&loaded, "日本語の文章"), "p. 2");
    assert_eq!(page_of(&loaded, "Gloss软件"), "p. 2");
    assert!(
        loaded
            .structure
            .metadata
            .contains(&("title".into(), "小型水电站与地方反对".into()))
    );
    // The join is in the map: the two raw lines, each char of them copied.
    assert_eq!(
        raw_lines_of(&loaded, "强烈反对"),
        [
            (
                "1".into(),
                3,
                "小型水电站在河谷中引起了当地居民的强烈".into()
            ),
            (
                "1".into(),
                4,
                "反对。村民们每年夏天看着河水减少，而投资".into()
            ),
        ]
    );
}

/// The text cjk_cid.pdf was made from (make_pdfs.py): its lines joined
/// without a space (Korean's with one, as its words are spaced), the page
/// numbers dropped.
const CJK_CID_SOURCE: &str = "小型水电站与地方反对\n\n小型水电站在河谷中引起了当地居民的强烈反对。村民们使用GIS软件记录访谈。第二段提到了Gloss软件。\n\n日本語の文章もここにあります。村の人々は川を守るために集まりました。\n\n臺灣的村民也反對興建水電站。\n\n작은 수력 발전소에 대한 지역 주민들의 반대가 강했습니다.";

#[test]
fn cjk_fonts_with_a_predefined_unicode_cmap_read_as_their_text() {
    let loaded = read_document(&fixture("cjk_cid.pdf")).expect("cjk_cid.pdf");
    let text = loaded.text.as_str();
    let score = similarity(text, CJK_CID_SOURCE);
    assert!(
        score >= SIMILARITY_THRESHOLD,
        "similarity {score:.3} below {SIMILARITY_THRESHOLD}:\n{text}"
    );
    // Each font's CMap (UniGB, UniJIS, UniCNS, UniKS), line joins without a
    // space, "Gloss" in the CID font's own Latin glyphs and in Noto Sans,
    // each as a separate text run, with no space before or after it.
    for phrase in [
        "当地居民的强烈反对。村民们使用GIS软件记录访谈。",
        "第二段提到了Gloss软件。",
        "村の人々は川を守るために集まりました。",
        "臺灣的村民也反對興建水電站。",
        "대한 지역 주민들의 반대가",
    ] {
        assert!(text.contains(phrase), "{phrase:?} in {text:?}");
    }
    // No space between CJK chars: only Korean's own, one between words.
    let (before_korean, korean) = text.split_once("작은").expect("the Korean page");
    assert!(!before_korean.contains(' '), "{before_korean:?}");
    assert_eq!(korean.matches(' ').count(), 7, "{korean:?}");
    assert_eq!(page_of(&loaded, "小型水电站与地方反对"), "p. 1");
    assert_eq!(page_of(&loaded, "GIS软件记录"), "p. 1");
    assert_eq!(page_of(&loaded, "日本語の文章"), "p. 2");
    assert_eq!(page_of(&loaded, "臺灣的村民"), "p. 2");
    assert_eq!(page_of(&loaded, "반대가 강했습니다."), "p. 3");
    assert!(
        loaded
            .structure
            .metadata
            .contains(&("title".into(), "小型水电站与地方反对".into()))
    );
    assert_eq!(
        raw_lines_of(&loaded, "强烈反对"),
        [
            (
                "1".into(),
                3,
                "小型水电站在河谷中引起了当地居民的强烈".into()
            ),
            ("1".into(), 4, "反对。村民们使用GIS软件记录访谈。".into()),
        ]
    );
}

#[test]
fn a_utf16_cmap_reads_a_char_beyond_the_bmp_from_its_surrogate_pair() {
    // 𠮷 (U+20BB7) is the pair D842 DFB7 under UniJIS-UTF16-H.
    let loaded = read_document(&fixture("cjk_cid_utf16.pdf")).expect("cjk_cid_utf16.pdf");
    assert_eq!(loaded.text.as_str(), "𠮷野家で牛丼を食べた。");
}

/// Runs a `gloss` subcommand in this process: its result, stdout and stderr.
fn gloss_command(args: &[&str]) -> (Result<(), gloss::cli::CliError>, String, String) {
    let arguments = std::iter::once("gloss").chain(args.iter().copied());
    let Ok(gloss::cli::Invocation::Command(command)) = gloss::cli::parse_from(arguments) else {
        panic!("{args:?} is a subcommand");
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = gloss::cli::run(command, &mut gloss::cli::Output::new(&mut out, &mut err));
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf8");
    (result, text(out), text(err))
}

#[test]
fn gloss_origin_prints_the_raw_lines_and_pages_a_passage_came_from() {
    let (dir, annotation) = project_coded_on(SIMPLE_SOURCE, "organised local resistance");
    let folder = dir.path().to_str().expect("utf8");
    let (result, out, _) =
        gloss_command(&["origin", folder, "--annotation", annotation.id.as_str()]);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(
        out,
        "simple.pdf 201..227 (p. 1): organised local resistance\n\
         \x20 p. 1, line 5: hydropower plants met organised local resist-\n\
         \x20 p. 1, line 6: ance. Villagers watched the ﬂow of water fall\n"
    );
    // By offsets: one char by default; a passage across the page break.
    let start = chars_of(SIMPLE_SOURCE, "sentence and ends")
        .start
        .0
        .to_string();
    let (_, out, _) = gloss_command(&["origin", folder, "--doc", "simple.pdf", "--start", &start]);
    assert_eq!(
        out.lines().skip(1).collect::<Vec<_>>(),
        ["  p. 1, line 10: on the next page without a break in its sentence"]
    );
    let end = (chars_of(SIMPLE_SOURCE, "ends on the third").end.0).to_string();
    let (_, out, _) = gloss_command(&[
        "origin",
        folder,
        "--doc",
        "simple.pdf",
        "--start",
        &start,
        "--end",
        &end,
    ]);
    assert!(
        out.starts_with(&format!(
            "simple.pdf {start}..{end} (pp. 1–2): sentence and ends on the third\n"
        )),
        "{out}"
    );
    assert!(
        out.ends_with("  p. 2, line 3: and ends on the third page, which the citation\n"),
        "{out}"
    );
    // Refused (exit 4): an unknown annotation, a range past the end, a text file.
    std::fs::write(dir.path().join("notes.txt"), "plain text").expect("write");
    for (args, message) in [
        (
            vec!["origin", folder, "--annotation", "ann-none"],
            "no annotation `ann-none`",
        ),
        (
            vec!["origin", folder, "--doc", "simple.pdf", "--start", "5000"],
            "range 5000..5001 is not inside `simple.pdf`",
        ),
        (
            vec!["origin", folder, "--doc", "notes.txt", "--start", "0"],
            "`notes.txt` has no extracted lines",
        ),
    ] {
        let (result, out, _) = gloss_command(&args);
        let error = result.expect_err("refused");
        assert_eq!(error.exit_code(), 4, "{args:?}: {error}");
        assert!(error.to_string().contains(message), "{error}");
        assert!(out.is_empty());
    }
}
