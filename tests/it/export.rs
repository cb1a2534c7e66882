//! Tests of every export and import: each output is parsed by an independent
//! reader (the `csv` crate, `calamine`, an HTML parser, `serde_json`, the
//! REFI-QDA XML schemas through `xmllint`, required when `GLOSS_CI` is set),
//! and the REFI-QDA and codebook formats are round-tripped through our own
//! importers.

use gloss::export::qdpx::project_qde;
use gloss::export::{ExportError, ExportFormat, ExportOptions, export_to_bytes};
use gloss::import::csv_table::restore_formula_text;
use gloss::import::qdpx::{import_qdc, import_qdpx};
use gloss::import::{ArchiveError, ImportError, ImportFormat, ImportPlan, plan_import};
use gloss::model::codebook::Codebook;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::edit::Edit;
use gloss::model::ids::{ActorId, StanceId, TopicId};
use gloss::model::query::{RetrievalFilter, retrieve};
use gloss::model::text::CharRange;
use gloss::model::workspace::Workspace;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::Command;

const NOW: &str = "2026-11-23T12:00:00Z";

fn options() -> ExportOptions {
    ExportOptions {
        project_name: "Serbia & China <sample>".into(),
        now: NOW.into(),
    }
}

/// The bundled sample project with its texts loaded.
fn sample_workspace() -> Workspace {
    gloss::sample::workspace().expect("sample project")
}

/// Text that breaks naive exporters: markup, formulas, quotes, commas, Cyrillic, an emoji.
const TRICKY_TEXT: &str = "=SUM(1,2) opens the file.\n<script>alert('x')</script> and \"quoted\", comma; \
Вучић meets 习近平 😀 in Belgrade.\n-minus starts a line\n@at too";

/// The sample plus one document of tricky text with three annotations on it.
fn tricky_workspace() -> Workspace {
    let mut workspace = sample_workspace();
    let mut record = DocumentRecord::new("zz/tricky.txt", "");
    record
        .attributes
        .insert("title".into(), "Tricky <b>title</b> & \"quotes\"".into());
    record
        .attributes
        .insert("outlet".into(), "O'Neil & <Co>".into());
    record.attributes.insert("date".into(), "2021-05-06".into());
    let id = record.id.clone();
    workspace
        .texts
        .insert(id.clone(), LoadedText::from_string(TRICKY_TEXT));
    workspace
        .apply(Edit::Document {
            before: None,
            after: Some(record),
        })
        .expect("add document");
    let chars = |needle: &str| {
        let byte = TRICKY_TEXT.find(needle).expect("needle");
        let start = TRICKY_TEXT[..byte].chars().count();
        CharRange::new(start, start + needle.chars().count())
    };
    let topic = TopicId::from("topic-health");
    for (needle, memo) in [
        ("=SUM(1,2)", "=HYPERLINK(\"http://evil\")"),
        (
            "<script>alert('x')</script> and \"quoted\", comma;",
            "memo with\nnewline, comma",
        ),
        ("Вучић meets 习近平 😀 in Belgrade", "-starts with minus"),
        ("-minus starts a line\n@at", ""),
    ] {
        let mut annotation = workspace
            .new_annotation(&id, chars(needle), "tester", NOW)
            .expect("annotation");
        annotation.topics = vec![topic.clone()];
        annotation.stance = Some(StanceId::from("stance-supportive"));
        annotation.holder = Some(ActorId::from("actor-serbia"));
        annotation.target = Some(ActorId::from("actor-china"));
        annotation.memo = memo.into();
        workspace
            .apply(Edit::add_annotation(annotation))
            .expect("add annotation");
    }
    workspace
}

fn export(workspace: &Workspace, format: ExportFormat, filter: &RetrievalFilter) -> Vec<u8> {
    export_to_bytes(workspace, format, filter, &options())
        .expect("export")
        .0
}

fn slice(
    workspace: &Workspace,
    document: &gloss::model::ids::DocumentId,
    start: usize,
    end: usize,
) -> String {
    let loaded = workspace.text(document).expect("text");
    loaded
        .text
        .slice(CharRange::new(start, end))
        .expect("in range")
        .to_owned()
}

/// Validates XML against a schema of tests/fixtures/refi-qda with xmllint.
/// When xmllint is missing: fails if `GLOSS_CI` is set (CI must validate),
/// else says so on the test's output and returns false.
pub(crate) fn validate_with_xmllint(xml: &str, schema: &str) -> bool {
    if Command::new("xmllint").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("GLOSS_CI").is_none(),
            "xmllint is required when GLOSS_CI is set (Debian package libxml2-utils)"
        );
        eprintln!(
            "skipped: install libxml2-utils for xmllint to validate REFI-QDA output against {schema}"
        );
        return false;
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refi-qda")
        .join(schema);
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(xml.as_bytes()).expect("write xml");
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(file.path())
        .output()
        .expect("run xmllint");
    assert!(
        output.status.success(),
        "{schema:?} rejects the output:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

pub(crate) fn unzip(bytes: &[u8]) -> HashMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut files = HashMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut contents = Vec::new();
        entry.read_to_end(&mut contents).expect("read entry");
        files.insert(entry.name().expect("entry name").to_string(), contents);
    }
    files
}

/// Applies an import plan to a copy of `workspace` and loads the new files' texts.
pub(crate) fn apply_plan(workspace: &Workspace, plan: ImportPlan) -> Workspace {
    let mut result = workspace.clone();
    if let Some(edit) = plan.edit {
        result.apply(edit).expect("the plan applies");
    }
    for file in plan.new_files {
        let record = result
            .project
            .document_by_path(&file.path)
            .expect("new file has a record")
            .clone();
        result
            .texts
            .insert(record.id, LoadedText::from_string(&file.text));
    }
    result
}

#[test]
fn csv_opens_cleanly_and_neutralises_formulas() {
    let workspace = tricky_workspace();
    let bytes = export(&workspace, ExportFormat::Csv, &RetrievalFilter::default());
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for Excel"
    );
    assert!(
        String::from_utf8_lossy(&bytes).contains("\r\n"),
        "CRLF records"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    for wanted in [
        "document",
        "title",
        "outlet",
        "date",
        "start",
        "end",
        "excerpt",
        "context_before",
        "context_after",
        "topics",
        "stance",
        "holder",
        "target",
        "memo",
        "coder",
        "created",
        "modified",
        "status",
    ] {
        assert!(
            headers.iter().any(|h| h == wanted),
            "column {wanted} in {headers:?}"
        );
    }
    let column = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), workspace.project.annotations.len());
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula-like cell {cell:?}"
            );
        }
        let document = workspace
            .project
            .document_by_path(&row[column("document")])
            .expect("document");
        let start: usize = row[column("start")].parse().expect("start");
        let end: usize = row[column("end")].parse().expect("end");
        let excerpt = restore_formula_text(&row[column("excerpt")]);
        assert_eq!(excerpt, slice(&workspace, &document.id, start, end));
        assert_eq!(
            &row[column("status")],
            "exact",
            "nothing changed under the sample"
        );
    }
    let tricky = rows
        .iter()
        .find(|r| r[column("excerpt")].contains("<script>"))
        .expect("tricky row");
    assert_eq!(
        &tricky[column("excerpt")],
        "<script>alert('x')</script> and \"quoted\", comma;"
    );
    assert_eq!(&tricky[column("memo")], "memo with\nnewline, comma");
    assert_eq!(&tricky[column("outlet")], "O'Neil & <Co>");
    assert_eq!(&tricky[column("topics")], "Health and COVID diplomacy");
    let formula = rows
        .iter()
        .find(|r| r[column("excerpt")].contains("SUM"))
        .expect("formula row");
    assert_eq!(&formula[column("excerpt")], "'=SUM(1,2)");
    assert_eq!(&formula[column("memo")], "'=HYPERLINK(\"http://evil\")");
}

#[test]
fn xlsx_reads_back_with_calamine_as_plain_strings() {
    use calamine::{Data, Reader, Xlsx};
    let workspace = tricky_workspace();
    let bytes = export(&workspace, ExportFormat::Xlsx, &RetrievalFilter::default());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("xlsx");
    assert_eq!(workbook.sheet_names(), ["Excerpts", "About"]);
    let range = workbook.worksheet_range("Excerpts").expect("sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), workspace.project.annotations.len() + 1);
    let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let column = |name: &str| headers.iter().position(|h| h == name).expect("column");
    for row in &rows[1..] {
        let document = workspace
            .project
            .document_by_path(&row[column("document")].to_string())
            .expect("document");
        let (Data::Float(start), Data::Float(end)) = (&row[column("start")], &row[column("end")])
        else {
            panic!("start and end are numbers");
        };
        let excerpt = row[column("excerpt")].to_string();
        assert_eq!(
            excerpt,
            slice(&workspace, &document.id, *start as usize, *end as usize),
            "exact text, no prefix"
        );
    }
    let formula_row = rows
        .iter()
        .find(|r| r[column("excerpt")] == "=SUM(1,2)")
        .expect("formula text kept");
    assert!(
        matches!(formula_row[column("excerpt")], Data::String(_)),
        "a string cell, never a formula"
    );
    let formulas = workbook.worksheet_formula("Excerpts").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the workbook"
    );
}

#[test]
fn html_report_is_escaped_grouped_and_self_contained() {
    let workspace = tricky_workspace();
    let filter = RetrievalFilter::default();
    let html = String::from_utf8(export(&workspace, ExportFormat::Html, &filter)).expect("utf8");
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    assert_eq!(
        document.select(&select("script")).count(),
        0,
        "document text never becomes markup"
    );
    assert_eq!(
        document.select(&select("link, img, iframe")).count(),
        0,
        "self-contained"
    );
    assert!(html.contains("@media print"));
    // Every annotation appears once per topic it has (or once under "No topic").
    let expected: usize = workspace
        .project
        .annotations
        .iter()
        .map(|a| a.topics.len().max(1))
        .sum();
    let figures: Vec<_> = document.select(&select("figure.excerpt")).collect();
    assert_eq!(figures.len(), expected);
    for figure in &figures {
        let id = figure
            .value()
            .attr("data-annotation")
            .expect("annotation id");
        let annotation = workspace
            .project
            .annotations
            .iter()
            .find(|a| a.id.as_str() == id)
            .expect("annotation");
        let mark: String = figure
            .select(&select("mark"))
            .next()
            .expect("mark")
            .text()
            .collect();
        assert_eq!(
            mark,
            slice(
                &workspace,
                &annotation.document,
                annotation.start.0,
                annotation.end.0
            )
        );
        let caption: String = figure
            .select(&select("figcaption"))
            .next()
            .expect("caption")
            .text()
            .collect();
        assert!(
            caption.contains(&format!(
                "chars {}–{}",
                annotation.start.0, annotation.end.0
            )),
            "{caption}"
        );
    }
    let tricky: Vec<String> = document
        .select(&select("h3"))
        .map(|h| h.text().collect())
        .collect();
    assert!(
        tricky.contains(&"Tricky <b>title</b> & \"quotes\"".to_owned()),
        "{tricky:?}"
    );
    let topics: Vec<String> = document
        .select(&select("section.topic > h2"))
        .map(|h| h.text().collect())
        .collect();
    assert!(
        topics
            .iter()
            .any(|t| t.contains("Health and COVID diplomacy › Medical aid deliveries")),
        "{topics:?}"
    );
    assert_tricky_figure(&figures);
}

/// The figure of the tricky `=SUM(1,2)` passage cites its document and shows its stance.
fn assert_tricky_figure(figures: &[scraper::ElementRef<'_>]) {
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let tricky_figure = figures
        .iter()
        .find(|f| {
            f.select(&select("mark"))
                .any(|m| m.text().collect::<String>() == "=SUM(1,2)")
        })
        .expect("the tricky passage");
    let stance: String = tricky_figure
        .select(&select(".stance"))
        .next()
        .expect("stance")
        .text()
        .collect();
    assert_eq!(stance, "supportive (Serbia → China)");
    let cite: String = tricky_figure
        .select(&select("figcaption cite"))
        .next()
        .expect("cite")
        .text()
        .collect();
    assert_eq!(cite, "Tricky <b>title</b> & \"quotes\"");
}

#[test]
fn markdown_report_groups_by_topic_then_document_with_citations() {
    let workspace = tricky_workspace();
    let filter = RetrievalFilter {
        topics: vec![TopicId::from("topic-health")],
        ..RetrievalFilter::default()
    };
    let text = String::from_utf8(export(&workspace, ExportFormat::Md, &filter)).expect("utf8");
    assert!(
        text.starts_with("# Serbia \\& China \\<sample\\>: coded excerpts"),
        "{}",
        &text[..80]
    );
    let health = text
        .find("\n## Health and COVID diplomacy\n")
        .expect("topic heading");
    let masks = text
        .find("\n## Health and COVID diplomacy › Medical aid deliveries\n")
        .expect("sub-topic heading");
    assert!(health < masks, "tree order");
    assert!(text.contains("### Tricky \\<b\\>title\\</b\\> \\& \"quotes\""));
    assert!(text.contains("> \\<script\\>alert('x')\\</script\\> and \"quoted\", comma;"));
    assert!(
        text.contains("O'Neil \\& \\<Co\\>, 2021-05-06, line 2, chars"),
        "citation with outlet, date, line"
    );
    assert!(text.contains("Stance: **supportive (Serbia → China)**"));
    let quotes = text.lines().filter(|l| l.starts_with("> ")).count();
    assert!(quotes >= retrieve(&workspace, &filter).len());
}

#[test]
fn w3c_annotations_have_quote_and_position_selectors() {
    let workspace = tricky_workspace();
    let bytes = export(&workspace, ExportFormat::W3c, &RetrievalFilter::default());
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("one JSON-LD document");
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    let items = value["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), workspace.project.annotations.len());
    assert_eq!(value["total"], items.len());
    for item in items {
        assert_eq!(item["type"], "Annotation");
        let id = item["id"]
            .as_str()
            .expect("id")
            .trim_start_matches("urn:gloss:annotation:");
        let annotation = workspace
            .project
            .annotations
            .iter()
            .find(|a| a.id.as_str() == id)
            .expect("annotation");
        let text = &workspace.text(&annotation.document).expect("text").text;
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .expect("quote selector");
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .expect("position selector");
        let (start, end) = (annotation.start.0, annotation.end.0);
        assert_eq!(position["start"], start);
        assert_eq!(position["end"], end);
        assert_eq!(
            quote["exact"],
            text.slice(CharRange::new(start, end)).expect("slice")
        );
        assert_eq!(quote["prefix"], text.context_before(annotation.start, 32));
        assert_eq!(quote["suffix"], text.context_after(annotation.end, 32));
        // The position counts code points: the quote sits exactly there in the full text.
        let full: Vec<char> = text.as_str().chars().collect();
        let at: String = full[start..end].iter().collect();
        assert_eq!(quote["exact"], at.as_str());
        let bodies = item["body"].as_array().expect("bodies");
        if let Some(stance) = &annotation.stance {
            let name = workspace.project.codebook.stance_name(stance);
            assert!(
                bodies
                    .iter()
                    .any(|b| b["purpose"] == "classifying"
                        && b["value"] == format!("stance: {name}"))
            );
        }
        for topic in &annotation.topics {
            let name = workspace.project.codebook.topic_name(topic);
            assert!(
                bodies
                    .iter()
                    .any(|b| b["purpose"] == "tagging" && b["value"] == name)
            );
        }
    }
}

#[test]
fn jsonl_export_keeps_its_keys_and_follows_the_filter() {
    let workspace = sample_workspace();
    let filter = RetrievalFilter {
        stances: vec![StanceId::from("stance-critical")],
        ..RetrievalFilter::default()
    };
    let bytes = export(&workspace, ExportFormat::Jsonl, &filter);
    let rows: Vec<serde_json::Value> = String::from_utf8(bytes)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let expected = retrieve(&workspace, &filter);
    assert!(!expected.is_empty() && expected.len() < workspace.project.annotations.len());
    assert_eq!(rows.len(), expected.len());
    for row in &rows {
        assert_eq!(row["stance"], "critical");
        let keys: Vec<&str> = row
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "document",
                "start",
                "end",
                "page",
                "heading_path",
                "text",
                "topics",
                "stance",
                "holder",
                "target",
                "memo",
                "coder",
                "created",
                "modified",
                "status"
            ]
        );
    }
}

#[test]
fn codebook_csv_counts_and_round_trips() {
    let workspace = sample_workspace();
    let project = &workspace.project;
    let bytes = export(
        &workspace,
        ExportFormat::CodebookCsv,
        &RetrievalFilter::default(),
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "topic",
            "parent",
            "colour",
            "description",
            "number of annotations",
            "number of documents"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), project.codebook.topics.len());
    for row in &rows {
        let topic = project.codebook.topic_by_name(&row[0]).expect("topic");
        assert_eq!(
            row[4].parse::<usize>().expect("count"),
            project.topic_use_count(&topic.id)
        );
        let documents: std::collections::HashSet<_> = project
            .annotations
            .iter()
            .filter(|a| a.topics.contains(&topic.id))
            .map(|a| &a.document)
            .collect();
        assert_eq!(row[5].parse::<usize>().expect("count"), documents.len());
    }
    // Round trip into an empty project: the same tree, colours and descriptions.
    let empty = Workspace::default();
    let plan =
        plan_import(ImportFormat::CodebookCsv, &bytes, None, &empty, "me", NOW).expect("import");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    let imported = apply_plan(&empty, plan);
    assert_same_topics(&project.codebook, &imported.project.codebook);
    // Importing again into the result changes nothing.
    let again = plan_import(
        ImportFormat::CodebookCsv,
        &bytes,
        None,
        &imported,
        "me",
        NOW,
    )
    .expect("import");
    assert!(again.edit.is_none(), "a second import adds nothing");
}

/// Same topic names, parents (by name), colours and descriptions.
fn assert_same_topics(expected: &Codebook, actual: &Codebook) {
    let describe = |codebook: &Codebook| {
        let mut topics: Vec<(String, String, String, String)> = codebook
            .topics
            .iter()
            .map(|t| {
                let parent = t
                    .parent
                    .as_ref()
                    .map(|p| codebook.topic_name(p).to_owned())
                    .unwrap_or_default();
                (
                    t.name.clone(),
                    parent,
                    t.color.to_string(),
                    t.description.clone(),
                )
            })
            .collect();
        topics.sort();
        topics
    };
    assert_eq!(describe(actual), describe(expected));
}

#[test]
fn qdc_validates_and_round_trips() {
    let workspace = sample_workspace();
    let bytes = export(&workspace, ExportFormat::Qdc, &RetrievalFilter::default());
    let xml = String::from_utf8(bytes.clone()).expect("utf8");
    assert!(xml.contains("xmlns=\"urn:QDA-XML:codebook:1.0\""));
    validate_with_xmllint(&xml, "Codebook.xsd");
    let plan = import_qdc(&bytes, &Codebook::default()).expect("import");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    let imported = apply_plan(&Workspace::default(), plan);
    let (expected, actual) = (&workspace.project.codebook, &imported.project.codebook);
    assert_same_topics(expected, actual);
    let stances = |c: &Codebook| {
        c.stances
            .iter()
            .map(|s| (s.name.clone(), s.color, s.polarity, s.description.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stances(actual),
        stances(expected),
        "stance scale with polarity"
    );
    let actors = |c: &Codebook| {
        c.actors
            .iter()
            .map(|a| (a.name.clone(), a.description.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(actors(actual), actors(expected));
    // An empty codebook cannot be a valid .qdc: refused, not written.
    let refused = export_to_bytes(
        &Workspace::default(),
        ExportFormat::Qdc,
        &RetrievalFilter::default(),
        &options(),
    );
    assert!(
        matches!(refused, Err(ExportError::EmptyCodebook)),
        "{refused:?}"
    );
}

#[test]
fn qdpx_is_strict_and_schema_valid() {
    let workspace = tricky_workspace();
    let bytes = export(&workspace, ExportFormat::Qdpx, &RetrievalFilter::default());
    let files = unzip(&bytes);
    let xml = String::from_utf8(files["project.qde"].clone()).expect("utf8 qde");
    assert!(xml.contains("<Project xmlns=\"urn:QDA-XML:project:1.0\""));
    for document in &workspace.project.documents {
        let text = &workspace.text(&document.id).expect("text").text;
        let found = files.iter().find(|(name, contents)| {
            name.starts_with("sources/") && contents.as_slice() == text.as_str().as_bytes()
        });
        assert!(
            found.is_some(),
            "{} stored as UTF-8 with LF in sources/",
            document.path
        );
    }
    let internal = xml.matches("plainTextPath=\"internal://").count();
    assert_eq!(internal, workspace.project.documents.len());
    validate_with_xmllint(&xml, "Project.xsd");
    // No empty container anywhere, even for a project with nothing but one document.
    let mut bare = Workspace::default();
    let record = DocumentRecord::new("only.txt", "");
    bare.texts
        .insert(record.id.clone(), LoadedText::from_string("Just text."));
    bare.project.documents.push(record);
    let bare_xml = project_qde(&bare, &RetrievalFilter::default(), &options());
    for empty in ["<Users>\n</Users>", "<CodeBook>", "<Variables>", "<Sets"] {
        assert!(!bare_xml.contains(empty), "{empty} in {bare_xml}");
    }
    validate_with_xmllint(&bare_xml, "Project.xsd");
}

#[test]
fn qdpx_round_trip_loses_nothing() {
    let original = tricky_workspace();
    let (bytes, report) = export_to_bytes(
        &original,
        ExportFormat::Qdpx,
        &RetrievalFilter::default(),
        &options(),
    )
    .expect("export");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("Basic Multilingual Plane") && n.contains("zz/tricky.txt")),
        "{:?}",
        report.notes
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("Other QDA tools will see"))
    );
    let empty = Workspace::default();
    let plan = import_qdpx(&bytes, &empty, NOW).expect("import");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    let imported = apply_plan(&empty, plan);
    let (a, b) = (&original.project, &imported.project);
    // Documents: paths, texts, attributes, ids.
    assert_eq!(a.documents.len(), b.documents.len());
    for document in &a.documents {
        let copy = b.document_by_path(&document.path).expect("same path");
        assert_eq!(copy.id, document.id);
        assert_eq!(copy.attributes, document.attributes);
        assert_eq!(
            imported.text(&copy.id).expect("text").text.as_str(),
            original.text(&document.id).expect("text").text.as_str()
        );
    }
    // Codebook: everything, ids included.
    assert_eq!(b.codebook, a.codebook);
    // Annotations: offsets, texts and every code.
    assert_eq!(a.annotations.len(), b.annotations.len());
    for annotation in &a.annotations {
        let copy = b
            .annotations
            .iter()
            .find(|c| {
                c.document == annotation.document
                    && c.start == annotation.start
                    && c.end == annotation.end
            })
            .expect("same offsets");
        assert_eq!(copy.id, annotation.id, "annotations keep their ids");
        assert_eq!(copy.anchor, annotation.anchor);
        let mut topics = copy.topics.clone();
        let mut expected = annotation.topics.clone();
        topics.sort();
        expected.sort();
        assert_eq!(topics, expected);
        assert_eq!(
            (
                &copy.stance,
                &copy.holder,
                &copy.target,
                &copy.memo,
                &copy.coder,
                &copy.created,
                &copy.modified
            ),
            (
                &annotation.stance,
                &annotation.holder,
                &annotation.target,
                &annotation.memo,
                &annotation.coder,
                &annotation.created,
                &annotation.modified
            )
        );
    }
    // Importing the same archive again reuses the documents and codes, and adds no annotation.
    let again = import_qdpx(&bytes, &imported, NOW).expect("import");
    assert!(again.new_files.is_empty(), "documents already there");
    assert!(again.edit.is_none(), "{}", again.report.summary);
    assert!(
        again
            .report
            .summary
            .contains("0 topic(s), 0 stance(s), 0 actor(s) added"),
        "{}",
        again.report.summary
    );
}

/// Builds a `.qdpx` by hand, as another tool would.
fn foreign_qdpx(qde_name: &str, qde: &str, sources: &[(&str, &[u8])]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    archive.start_file(qde_name, options).expect("qde");
    archive.write_all(qde.as_bytes()).expect("write");
    for (name, bytes) in sources {
        archive.start_file(*name, options).expect("source");
        archive.write_all(bytes).expect("write");
    }
    archive.finish().expect("finish").into_inner()
}

const GUID_SOURCE: &str = "11111111-2222-3333-4444-555555555555";
const GUID_CODE: &str = "aaaaaaaa-2222-3333-4444-555555555555";

/// A one-document project with one selection at `start..end`, named by its quote.
fn one_selection_qde(origin: &str, start: usize, end: usize, quote: &str) -> String {
    format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\" origin=\"{origin}\">\
<CodeBook><Codes><Code guid=\"{GUID_CODE}\" name=\"Leaders\" isCodable=\"true\" color=\"#C00\"/></Codes></CodeBook>\
<Sources><TextSource guid=\"{GUID_SOURCE}\" name=\"interview.txt\" plainTextPath=\"internal://{GUID_SOURCE}.txt\">\
<PlainTextSelection guid=\"22222222-2222-3333-4444-555555555555\" name=\"{quote}\" startPosition=\"{start}\" endPosition=\"{end}\">\
<Coding guid=\"33333333-2222-3333-4444-555555555555\"><CodeRef targetGUID=\"{GUID_CODE}\"/></Coding></PlainTextSelection>\
</TextSource></Sources></Project>"
    )
}

/// Raw text as another tool stores it: BOM, CRLF, a character outside the BMP before the quote.
const RAW_TEXT: &str = "\u{feff}Intro 😀 line\r\nSecond line: Vučić meets Xi.\r\nThird.";

fn imported_range(origin: &str, start: usize, end: usize, quote: &str) -> (String, ImportPlan) {
    let qde = one_selection_qde(origin, start, end, quote);
    let bytes = foreign_qdpx(
        "Interviews.qde",
        &qde,
        &[(&format!("Sources/{GUID_SOURCE}.txt"), RAW_TEXT.as_bytes())],
    );
    let plan = import_qdpx(&bytes, &Workspace::default(), NOW).expect("import");
    let workspace = apply_plan(&Workspace::default(), plan.clone());
    let annotation = workspace
        .project
        .annotations
        .first()
        .expect("one annotation");
    let text = slice(
        &workspace,
        &annotation.document,
        annotation.start.0,
        annotation.end.0,
    );
    (text, plan)
}

#[test]
fn qdpx_import_converts_nvivo_and_atlas_offsets() {
    let raw = RAW_TEXT.trim_start_matches('\u{feff}');
    let quote = "Vučić meets Xi";
    let byte = raw.find(quote).expect("quote");
    let utf16_start = raw[..byte].encode_utf16().count();
    let code_point_start = raw[..byte].chars().count();
    let crlf_as_one_start = raw[..byte].replace("\r\n", "\n").chars().count();
    let length = quote.chars().count();
    assert!(
        utf16_start != code_point_start && code_point_start != crlf_as_one_start,
        "the units differ here"
    );

    for (origin, start) in [
        ("NVivo 12.6", utf16_start),
        ("ATLAS.ti 9.1", crlf_as_one_start),
        ("QualCoder 3.6", code_point_start),
    ] {
        let (text, plan) = imported_range(origin, start, start + length, quote);
        assert_eq!(text, quote, "{origin}");
        assert!(
            plan.report.problems.is_empty(),
            "{origin}: {:?}",
            plan.report.problems
        );
    }
    // A tool that claims the standard but counted UTF-16: the quote reveals it, and the report says so.
    let (text, plan) = imported_range("SomeTool 1.0", utf16_start, utf16_start + length, quote);
    assert_eq!(text, quote);
    assert!(
        plan.report.problems.iter().any(|p| p.contains("UTF-16")),
        "{:?}",
        plan.report.problems
    );
    // Positions that fit no unit and no quote: imported where they say, and reported.
    let (_, plan) = imported_range("NVivo 12", utf16_start + 1, utf16_start + length + 1, quote);
    assert!(
        plan.report
            .problems
            .iter()
            .any(|p| p.contains("Vučić meets Xi")),
        "{:?}",
        plan.report.problems
    );
}

#[test]
fn qdpx_import_is_lenient_and_never_leaves_the_archive() {
    let qde = format!(
        "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">\
<Sources>\
<TextSource guid=\"{GUID_SOURCE}\" name=\"../../escape.txt\" plainTextPath=\"internal://{GUID_SOURCE}.txt\"/>\
<TextSource guid=\"21111111-2222-3333-4444-555555555555\" name=\"outside\" plainTextPath=\"relative://secret.txt\"/>\
<TextSource guid=\"31111111-2222-3333-4444-555555555555\" name=\"climb\" plainTextPath=\"internal://../../etc/passwd\"/>\
<TextSource guid=\"41111111-2222-3333-4444-555555555555\" name=\"inline\"><PlainTextContent>Inline text.</PlainTextContent></TextSource>\
<PDFSource guid=\"51111111-2222-3333-4444-555555555555\" name=\"scan.pdf\"/>\
</Sources><Sets><Set guid=\"61111111-2222-3333-4444-555555555555\" name=\"s\"/></Sets></Project>"
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Text in UTF-16.".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let bytes = foreign_qdpx(
        "whatever.qde",
        &qde,
        &[(&format!("sources/{GUID_SOURCE}.txt"), &utf16)],
    );
    let plan = import_qdpx(&bytes, &Workspace::default(), NOW).expect("import");
    let paths: Vec<&str> = plan.new_files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["escape.txt", "inline.txt"],
        "stays inside the project folder"
    );
    assert_eq!(plan.new_files[0].text, "Text in UTF-16.");
    let problems = plan.report.problems.join("\n");
    for expected in [
        "relative://secret.txt",
        "climb",
        "PDFSource",
        "1 sets not imported",
    ] {
        assert!(
            problems.contains(expected),
            "{expected} reported in:\n{problems}"
        );
    }
    // Codebook namespace 0:4 and a BOM are read too.
    let qdc = "\u{feff}<?xml version=\"1.0\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:0:4\"><Codes>\
<Code guid=\"aaaaaaaa-2222-3333-4444-555555555555\" name=\"Parent\" isCodable=\"true\">\
<Code guid=\"baaaaaaa-2222-3333-4444-555555555555\" name=\"Child\" isCodable=\"true\" color=\"#00FF00\"/></Code>\
</Codes></CodeBook>";
    let plan = import_qdc(qdc.as_bytes(), &Codebook::default()).expect("qdc 0:4");
    let imported = apply_plan(&Workspace::default(), plan);
    let child = imported
        .project
        .codebook
        .topic_by_name("Child")
        .expect("child");
    assert_eq!(
        imported
            .project
            .codebook
            .topic_name(child.parent.as_ref().expect("parent")),
        "Parent"
    );
    // Not a zip, no .qde, or not a project: a clear error.
    let not_zip = import_qdpx(b"not a zip", &Workspace::default(), NOW);
    assert!(
        matches!(not_zip, Err(ImportError::Archive(ArchiveError::Zip(_)))),
        "{not_zip:?}"
    );
    let no_qde = import_qdpx(
        &foreign_qdpx("readme.txt", "x", &[]),
        &Workspace::default(),
        NOW,
    );
    let message = no_qde
        .as_ref()
        .map(|_| String::new())
        .unwrap_or_else(|e| e.to_string());
    assert_eq!(
        message,
        "not a REFI-QDA archive: it holds no project.qde (nor any *.qde file)"
    );
    let codebook_as_project = import_qdpx(
        &foreign_qdpx("project.qde", "<CodeBook/>", &[]),
        &Workspace::default(),
        NOW,
    );
    assert!(
        matches!(
            &codebook_as_project,
            Err(ImportError::WrongRoot { found, expected: "Project" }) if found == "CodeBook"
        ),
        "{codebook_as_project:?}"
    );
}

#[test]
fn taguette_highlights_are_placed_by_their_text() {
    let workspace = sample_workspace();
    let document = &workspace.project.documents[1];
    let text = workspace
        .text(&document.id)
        .expect("text")
        .text
        .as_str()
        .to_owned();
    // Two passages of the document, the second with its whitespace changed as Taguette's HTML export does.
    let first: String = text.chars().skip(100).take(60).collect();
    let second_raw: String = text.chars().skip(400).take(80).collect();
    let second = second_raw.split_whitespace().collect::<Vec<_>>().join("  ");
    let stem = document.path.trim_end_matches(".txt");
    let csv = format!(
        "id,document,tag,content\r\n\
1,{stem},interesting,\"{q1}\"\r\n\
1,{stem},Huawei and 5G,\"{q1}\"\r\n\
2,\"{title}\",interesting,\"{q2}\"\r\n\
3,{stem},,\"this sentence is nowhere in the text\"\r\n\
4,missing-document,interesting,\"whatever\"\r\n",
        q1 = first.replace('"', "\"\""),
        q2 = second.replace('"', "\"\""),
        title = document.title().replace('"', "\"\""),
    );
    let codebook =
        "tag,description,number of highlights,parent\r\ninteresting,Worth a second look,2,\r\n";
    let plan = plan_import(
        ImportFormat::Taguette,
        csv.as_bytes(),
        Some(codebook.as_bytes()),
        &workspace,
        "taguette-user",
        NOW,
    )
    .expect("import");
    let problems = plan.report.problems.join("\n");
    assert!(
        problems.contains("highlight 3 (row 5)") && problems.contains("not found"),
        "{problems}"
    );
    assert!(
        problems.contains("highlight 4 (row 6)") && problems.contains("missing-document"),
        "{problems}"
    );
    let imported = apply_plan(&workspace, plan);
    let new: Vec<_> = imported
        .project
        .annotations
        .iter()
        .filter(|a| a.coder == "taguette-user")
        .collect();
    assert_eq!(new.len(), 2);
    let codebook = &imported.project.codebook;
    let interesting = codebook
        .topic_by_name("interesting")
        .expect("tag became a topic");
    assert_eq!(interesting.description, "Worth a second look");
    let one = new
        .iter()
        .find(|a| a.start.0 == 100)
        .expect("first highlight at its place");
    assert_eq!(one.end.0, 160);
    assert_eq!(one.topics.len(), 2, "rows of one id gathered");
    assert!(
        one.topics.contains(
            &codebook
                .topic_by_name("Huawei and 5G")
                .expect("existing topic")
                .id
        )
    );
    let two = new
        .iter()
        .find(|a| a.start.0 != 100)
        .expect("second highlight");
    assert_eq!(
        slice(&imported, &two.document, two.start.0, two.end.0),
        second_raw.trim()
    );
}

fn gloss(args: &[&str], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("GLOSS_DATA_DIR", home.join("data"))
        .env("GLOSS_CONFIG_DIR", home.join("config"))
        .env("GLOSS_CODER", "cli-test")
        .output()
        .expect("run gloss")
}

#[test]
fn command_line_exports_what_the_library_exports_and_imports_qdpx() {
    let home = tempfile::tempdir().expect("tempdir");
    let folder = home.path().join("sample");
    gloss::storage::write_sample(&folder).expect("write sample");
    let dir = folder.to_str().expect("utf8");
    let output = gloss(
        &[
            "export",
            dir,
            "--format",
            "csv",
            "--topic",
            "Health and COVID diplomacy",
            "--stance",
            "supportive",
            "--sort",
            "date",
        ],
        home.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let workspace = sample_workspace();
    let filter = RetrievalFilter {
        topics: vec![TopicId::from("topic-health")],
        stances: vec![StanceId::from("stance-supportive")],
        sort: gloss::model::query::SortOrder::Date,
        ..RetrievalFilter::default()
    };
    assert_eq!(
        output.stdout,
        export(&workspace, ExportFormat::Csv, &filter),
        "same bytes as the window's export"
    );
    let unknown = gloss(
        &["export", dir, "--format", "csv", "--topic", "No such topic"],
        home.path(),
    );
    assert_eq!(unknown.status.code(), Some(4));

    let archive = home.path().join("out.qdpx");
    let output = gloss(
        &[
            "export",
            dir,
            "--format",
            "qdpx",
            "--out",
            archive.to_str().expect("utf8"),
        ],
        home.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("Other QDA tools will see"));
    let target = home.path().join("copy");
    let output = gloss(
        &[
            "import",
            target.to_str().expect("utf8"),
            archive.to_str().expect("utf8"),
        ],
        home.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("5 document(s) added"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let check = gloss(&["check", target.to_str().expect("utf8")], home.path());
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(
        exported_rows(&target, home.path()),
        exported_rows(&folder, home.path()),
        "the imported project exports the same annotations"
    );
}

/// `gloss export DIR --format jsonl` as rows without ids, topics sorted, rows sorted.
fn exported_rows(dir: &Path, home: &Path) -> Vec<serde_json::Value> {
    let output = gloss(
        &["export", dir.to_str().expect("utf8"), "--format", "jsonl"],
        home,
    );
    let mut rows: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    for row in &mut rows {
        row.as_object_mut().expect("object").remove("id");
        if let Some(topics) = row["topics"].as_array_mut() {
            topics.sort_by_key(|t| t.to_string());
        }
    }
    rows.sort_by_key(|r| r.to_string());
    rows
}

#[test]
fn project_without_annotations_still_exports_everywhere() {
    let mut workspace = sample_workspace();
    workspace.project.annotations.clear();
    let topics = workspace.project.codebook.topics.len();
    for format in ExportFormat::ALL {
        let (bytes, report) =
            export_to_bytes(&workspace, format, &RetrievalFilter::default(), &options())
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!(report.annotations, 0, "{format:?}");
        let text = || String::from_utf8(bytes.clone()).expect("utf8");
        match format {
            ExportFormat::Csv => assert_eq!(text().lines().count(), 1, "header only"),
            ExportFormat::CodebookCsv => assert_eq!(text().lines().count(), topics + 1),
            ExportFormat::Jsonl => assert!(bytes.is_empty()),
            ExportFormat::Xlsx => {
                use calamine::{Reader, Xlsx};
                let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("xlsx");
                let sheet = workbook.worksheet_range("Excerpts").expect("sheet");
                assert_eq!(sheet.rows().count(), 1, "header only");
            }
            ExportFormat::Md => assert!(
                text().contains("0 annotations · filter:") && !text().contains("\n## "),
                "{}",
                text()
            ),
            ExportFormat::Html => {
                let html = text();
                assert!(html.contains("0 annotations · filter:"));
                assert!(!html.contains("<figure"), "{html}");
            }
            ExportFormat::W3c => {
                let value: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                assert_eq!(value["total"], 0);
                assert_eq!(value["first"]["items"], serde_json::json!([]));
            }
            ExportFormat::Qdc => assert!(text().matches("<Code ").count() > topics),
            ExportFormat::Qdpx => {
                let files = unzip(&bytes);
                let xml = String::from_utf8(files["project.qde"].clone()).expect("utf8");
                assert_eq!(
                    xml.matches("<TextSource").count(),
                    workspace.project.documents.len()
                );
                assert!(!xml.contains("<PlainTextSelection"));
            }
        }
    }
}

/// A project with one long document (5,000 lines, Cyrillic included) and
/// passages on its first line, deep inside, and on its last line.
fn long_document_workspace() -> (Workspace, Vec<(gloss::model::ids::AnnotationId, usize)>) {
    let lines: Vec<String> = (1..=5_000)
        .map(|n| format!("Ред {n}: Вучић said something about line {n}."))
        .collect();
    let text = lines.join("\n");
    let mut workspace = Workspace::default();
    let record = DocumentRecord::new("long.txt", "");
    let id = record.id.clone();
    workspace
        .texts
        .insert(id.clone(), LoadedText::from_string(&text));
    workspace
        .apply(Edit::Document {
            before: None,
            after: Some(record),
        })
        .expect("add document");
    let mut expected = Vec::new();
    for line in [1usize, 4_321, 5_000] {
        let before: usize = lines[..line - 1]
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum();
        let start = before + "Ред ".chars().count();
        let annotation = workspace
            .new_annotation(&id, CharRange::new(start, start + 10), "tester", NOW)
            .expect("annotation");
        expected.push((annotation.id.clone(), line));
        workspace
            .apply(Edit::add_annotation(annotation))
            .expect("add annotation");
    }
    (workspace, expected)
}

#[test]
fn reports_cite_the_line_of_a_passage_deep_in_a_long_document() {
    let (workspace, expected) = long_document_workspace();
    let filter = RetrievalFilter::default();
    let markdown = String::from_utf8(export(&workspace, ExportFormat::Md, &filter)).expect("utf8");
    let html = String::from_utf8(export(&workspace, ExportFormat::Html, &filter)).expect("utf8");
    let document = scraper::Html::parse_document(&html);
    let figure = scraper::Selector::parse("figure.excerpt").expect("selector");
    let caption = scraper::Selector::parse("figcaption").expect("selector");
    for (id, line) in &expected {
        let annotation = workspace
            .project
            .annotations
            .iter()
            .find(|a| &a.id == id)
            .expect("annotation");
        let position = format!(
            "line {line}, chars {}–{}",
            annotation.start.0, annotation.end.0
        );
        assert!(
            markdown.contains(&format!("— *long*, {position}.")),
            "{position} in:\n{markdown}"
        );
        let figure = document
            .select(&figure)
            .find(|f| f.value().attr("data-annotation") == Some(id.as_str()))
            .expect("figure");
        let text: String = figure
            .select(&caption)
            .next()
            .expect("caption")
            .text()
            .collect();
        assert!(text.contains(&position), "{position} in {text}");
    }
}

#[test]
fn markdown_and_html_reports_cite_the_same_passages_in_the_same_order() {
    let workspace = tricky_workspace();
    let filter = RetrievalFilter::default();
    let markdown = String::from_utf8(export(&workspace, ExportFormat::Md, &filter)).expect("utf8");
    let html = String::from_utf8(export(&workspace, ExportFormat::Html, &filter)).expect("utf8");
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let html_positions: Vec<String> = document
        .select(&select("figcaption"))
        .map(|c| {
            let text: String = c.text().collect();
            let start = text.find("chars ").expect("chars");
            let end = text[start..].find('.').expect("end") + start;
            text[start..end].to_string()
        })
        .collect();
    let markdown_positions: Vec<String> = markdown
        .lines()
        .filter(|l| l.starts_with("— *"))
        .map(|l| {
            let start = l.find("chars ").expect("chars");
            let end = l[start..].find('.').expect("end") + start;
            l[start..end].to_string()
        })
        .collect();
    assert_eq!(html_positions.len(), figure_count(&document));
    assert_eq!(markdown_positions, html_positions);
    let headings = |css: &str| -> Vec<String> {
        document
            .select(&select(css))
            .map(|h| h.text().collect())
            .collect()
    };
    let markdown_topics: Vec<&str> = markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .collect();
    assert_eq!(markdown_topics.len(), headings("section.topic > h2").len());
}

fn figure_count(document: &scraper::Html) -> usize {
    document
        .select(&scraper::Selector::parse("figure.excerpt").expect("selector"))
        .count()
}

#[test]
fn retrieval_panel_filters_shows_counts_opens_passages_and_exports() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use gloss::app::intent::Intent;
    use gloss::app::retrieval_panel::{RetrievalState, retrieval_panel_ui};
    let workspace = sample_workspace();
    let total = workspace.project.annotations.len();
    let critical = workspace
        .project
        .annotations
        .iter()
        .filter(|a| a.stance == Some(StanceId::from("stance-critical")))
        .count();
    assert!(critical > 0 && critical < total);
    let mut harness = egui_kittest::Harness::builder()
        // Tall enough that the stance filter is in view below the topic tree.
        .with_size(egui::vec2(1200.0, 1400.0))
        .build_ui_state(
            |ui, state: &mut (RetrievalState, Vec<Intent>, bool)| {
                // First frame: the app's fonts (they have the arrows the rows use).
                if !state.2 {
                    gloss::app::theme::install(ui.ctx());
                    state.2 = true;
                    return;
                }
                let intents = retrieval_panel_ui(ui, &mut state.0, &workspace);
                state.1.extend(intents);
            },
            (RetrievalState::default(), Vec::new(), false),
        );
    harness.run();
    harness.get_by_label_contains(&format!("{total} of {total} annotations"));
    // Each stance shows how many passages it would give; choosing one filters the rows.
    harness
        .get_by_label(&format!("critical  ({critical})"))
        .click();
    harness.run();
    harness.get_by_label_contains(&format!("{critical} of {total} annotations"));
    assert_eq!(
        harness.state().0.filter.stances,
        [StanceId::from("stance-critical")]
    );
    // A click on a row opens the passage in the reader.
    let first = retrieve(&workspace, &harness.state().0.filter)[0].clone();
    harness
        .get_by_role_and_label(Role::Button, &first.anchor.exact)
        .click();
    harness.run();
    assert!(harness.state().1.contains(&Intent::OpenDocument {
        document: first.document.clone(),
        reveal: Some(first.range()),
    }));
    // Export… offers every format's export command; the app exports with the
    // panel's filter, which is the one in force.
    let csv = gloss::app::commands::Command::Export(ExportFormat::Csv);
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label(csv.label()).click();
    harness.run();
    assert!(
        harness.state().1.contains(&Intent::Command(csv)),
        "an export was asked for"
    );
    assert_eq!(
        harness.state().0.filter.stances,
        [StanceId::from("stance-critical")]
    );
}

#[test]
fn qdpx_leaves_out_topics_nested_too_deep_with_a_note_and_no_dangling_reference() {
    let mut workspace = sample_workspace();
    // A chain of 70 nested topics; the first annotation is coded with the deepest.
    let mut parent: Option<TopicId> = None;
    for level in 0..70 {
        let id = TopicId::from(format!("topic-deep-{level}").as_str());
        let topic = gloss::model::codebook::Topic {
            id: id.clone(),
            name: format!("Level {level}"),
            color: gloss::model::codebook::Color::palette(level),
            parent: parent.clone(),
            description: String::new(),
            codable: true,
        };
        workspace
            .apply(Edit::Topic {
                before: None,
                after: Some(topic),
            })
            .expect("add topic");
        parent = Some(id);
    }
    let mut coded = workspace.project.annotations[0].clone();
    coded.topics.push(parent.expect("deepest"));
    let before = workspace.project.annotations[0].clone();
    workspace
        .apply(Edit::change_annotation(before, coded))
        .expect("code with the deepest topic");
    let options = ExportOptions {
        project_name: "deep".into(),
        now: "2026-12-03T00:00:00Z".into(),
    };
    let (bytes, report) = export_to_bytes(
        &workspace,
        ExportFormat::Qdpx,
        &RetrievalFilter::default(),
        &options,
    )
    .expect("export");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("5 topic(s) nested more than 64 levels")),
        "{:?}",
        report.notes
    );
    let qde = String::from_utf8(unzip(&bytes)["project.qde"].clone()).expect("utf8");
    let document = roxmltree::Document::parse(&qde).expect("xml");
    let codes: std::collections::HashSet<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("Code"))
        .filter_map(|n| n.attribute("guid"))
        .collect();
    for reference in document.descendants().filter(|n| n.has_tag_name("CodeRef")) {
        let target = reference.attribute("targetGUID").expect("target");
        assert!(
            codes.contains(target),
            "CodeRef to a code not written: {target}"
        );
    }
    assert!(qde.contains("Level 64") && !qde.contains("Level 65"));
}

#[test]
fn qdpx_leaves_out_orphaned_passages_and_says_so() {
    let mut workspace = sample_workspace();
    let before = workspace.project.annotations[0].clone();
    let mut orphan = before.clone();
    orphan.status = gloss::model::anchor::AnchorStatus::Orphaned;
    workspace
        .apply(Edit::change_annotation(before, orphan))
        .expect("mark orphaned");
    let options = ExportOptions {
        project_name: "orphans".into(),
        now: "2026-12-03T00:00:00Z".into(),
    };
    let (bytes, report) = export_to_bytes(
        &workspace,
        ExportFormat::Qdpx,
        &RetrievalFilter::default(),
        &options,
    )
    .expect("export");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("1 orphaned passage(s) left out")),
        "{:?}",
        report.notes
    );
    let qde = String::from_utf8(unzip(&bytes)["project.qde"].clone()).expect("utf8");
    assert_eq!(
        qde.matches("<PlainTextSelection ").count(),
        workspace.project.annotations.len() - 1
    );
}

/// The window imports one file at a time: Taguette's codebook CSV first (as a
/// codebook CSV), then its highlights, gives what `gloss import --codebook` gives.
#[test]
fn a_taguette_codebook_imported_first_then_its_highlights_match_by_name() {
    let workspace = sample_workspace();
    let document = &workspace.project.documents[1];
    let text = workspace
        .text(&document.id)
        .expect("text")
        .text
        .as_str()
        .to_owned();
    let quote: String = text.chars().skip(100).take(60).collect();
    let stem = document.path.trim_end_matches(".txt");
    let csv = format!(
        "id,document,tag,content\r\n1,{stem},interesting,\"{}\"\r\n",
        quote.replace('"', "\"\"")
    );
    let codebook =
        "tag,description,number of highlights,parent\r\ninteresting,Worth a second look,1,\r\n";
    let plan = plan_import(
        ImportFormat::CodebookCsv,
        codebook.as_bytes(),
        None,
        &workspace,
        "taguette-user",
        NOW,
    )
    .expect("codebook import");
    let with_codebook = apply_plan(&workspace, plan);
    let plan = plan_import(
        ImportFormat::Taguette,
        csv.as_bytes(),
        None,
        &with_codebook,
        "taguette-user",
        NOW,
    )
    .expect("highlights import");
    let imported = apply_plan(&with_codebook, plan);
    let codebook = &imported.project.codebook;
    let matching: Vec<_> = codebook
        .topics
        .iter()
        .filter(|t| t.name == "interesting")
        .collect();
    assert_eq!(matching.len(), 1, "one topic, matched by name");
    assert_eq!(matching[0].description, "Worth a second look");
    let new: Vec<_> = imported
        .project
        .annotations
        .iter()
        .filter(|a| a.coder == "taguette-user")
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].topics, vec![matching[0].id.clone()]);
}

/// Each actor's name, kind and the name of the actor it belongs to, sorted.
fn actor_details(codebook: &Codebook) -> Vec<(String, Option<String>, Option<String>)> {
    let mut details: Vec<_> = codebook
        .actors
        .iter()
        .map(|actor| {
            (
                actor.name.clone(),
                actor.kind.as_ref().map(|k| k.name().to_owned()),
                actor
                    .belongs_to
                    .as_ref()
                    .map(|owner| codebook.actor_name(owner).to_owned()),
            )
        })
        .collect();
    details.sort();
    details
}

#[test]
fn actor_kinds_and_belongs_to_survive_qdc_and_qdpx() {
    let workspace = sample_workspace();
    let expected = actor_details(&workspace.project.codebook);
    // The sample has both: Aleksandar Vučić is a person and belongs to Serbia.
    assert!(expected.contains(&(
        "Aleksandar Vučić".to_owned(),
        Some("person".to_owned()),
        Some("Serbia".to_owned())
    )));
    // .qdc: in the description (it has no notes), read back by name.
    let qdc = export(&workspace, ExportFormat::Qdc, &RetrievalFilter::default());
    let xml = String::from_utf8(qdc.clone()).expect("utf8");
    assert!(
        xml.contains("[Gloss actor kind: person]\n[Gloss belongs to: Serbia]"),
        "{xml}"
    );
    validate_with_xmllint(&xml, "Codebook.xsd");
    let plan = import_qdc(&qdc, &Codebook::default()).expect("import");
    assert!(
        plan.report.problems.is_empty(),
        "{:?}",
        plan.report.problems
    );
    let imported = apply_plan(&Workspace::default(), plan);
    assert_eq!(actor_details(&imported.project.codebook), expected);
    // The lines do not stay in the descriptions.
    for (original, copy) in workspace
        .project
        .codebook
        .actors
        .iter()
        .zip(&imported.project.codebook.actors)
    {
        assert_eq!(copy.description, original.description, "{}", original.name);
    }
    // .qdpx: in the Gloss codebook note, ids kept.
    let qdpx = export(&workspace, ExportFormat::Qdpx, &RetrievalFilter::default());
    let empty = Workspace::default();
    let plan = import_qdpx(&qdpx, &empty, NOW).expect("import");
    let imported = apply_plan(&empty, plan);
    assert_eq!(actor_details(&imported.project.codebook), expected);
    assert_eq!(
        imported.project.codebook.actors,
        workspace.project.codebook.actors
    );
}

#[test]
fn a_qdc_written_by_hand_gives_actors_their_kind_and_owner() {
    // Another tool's codebook with Gloss's lines typed into the descriptions;
    // the owner comes after its member in the file.
    let qdc = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
        <CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\
        <Code guid=\"00000000-0000-4000-8000-000000000001\" name=\"Actors\" isCodable=\"false\">\
        <Code guid=\"00000000-0000-4000-8000-000000000002\" name=\"Holder\" isCodable=\"false\">\
        <Code guid=\"00000000-0000-4000-8000-000000000003\" name=\"Huawei\" isCodable=\"true\">\
        <Description>Telecoms\n[Gloss actor kind: organisation]\n[Gloss belongs to: China]</Description></Code>\
        <Code guid=\"00000000-0000-4000-8000-000000000004\" name=\"China\" isCodable=\"true\">\
        <Description>[Gloss actor kind: country]</Description></Code>\
        <Code guid=\"00000000-0000-4000-8000-000000000005\" name=\"Sbunker\" isCodable=\"true\">\
        <Description>[Gloss belongs to: Nobody we know]</Description></Code>\
        </Code></Code></Codes></CodeBook>";
    let plan = import_qdc(qdc.as_bytes(), &Codebook::default()).expect("import");
    let imported = apply_plan(&Workspace::default(), plan);
    let codebook = &imported.project.codebook;
    assert_eq!(
        actor_details(codebook),
        vec![
            ("China".to_owned(), Some("country".to_owned()), None),
            (
                "Huawei".to_owned(),
                Some("organisation".to_owned()),
                Some("China".to_owned())
            ),
            // An owner the codebook does not have is left out, not invented.
            ("Sbunker".to_owned(), None, None),
        ]
    );
    let huawei = codebook
        .actors
        .iter()
        .find(|a| a.name == "Huawei")
        .expect("Huawei");
    assert_eq!(huawei.description, "Telecoms");
}
