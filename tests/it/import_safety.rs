//! Hostile and lossy REFI-QDA imports: zip bombs and floods refused within the
//! limits (quickly, naming the entry and the limit), importing twice adding
//! nothing, nothing dropped without a report line (descriptions, deep codes,
//! non-codable codes, the "not imported" count), a refused import leaving
//! nothing behind, and document paths that stay inside the project.

use gloss::export::{ExportFormat, ExportOptions, export_to_bytes};
use gloss::import::document_path::safe_document_path;
use gloss::import::limits::{MAX_COMPRESSION_RATIO, MAX_ENTRY_BYTES, describe_bytes};
use gloss::import::qdpx::{import_qdc, import_qdpx};
use gloss::import::{ArchiveError, ImportError, ImportPlan};
use gloss::model::codebook::Codebook;
use gloss::model::document::LoadedText;
use gloss::model::format::project_to_json;
use gloss::model::query::RetrievalFilter;
use gloss::model::workspace::Workspace;
use std::collections::HashSet;
use std::io::{Cursor, Read as _, Write as _};
use std::path::{Component, Path};
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-12-03T02:00:00Z";
/// What each hostile import must stay under (the budget).
const TIME_BUDGET: Duration = Duration::from_secs(5);

/// One entry of a test archive.
enum Entry<'a> {
    /// These bytes, deflated.
    Bytes(&'a [u8]),
    /// `head`, then `count` spaces, then `tail`: written in chunks, so the test
    /// never holds the unpacked entry.
    Flood {
        head: &'a str,
        count: u64,
        tail: &'a str,
    },
}

/// A zip archive of `entries`, deflated.
fn archive(entries: &[(&str, Entry<'_>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let chunk = vec![b' '; 1 << 20];
    for (name, entry) in entries {
        zip.start_file(*name, options).expect("start entry");
        match entry {
            Entry::Bytes(bytes) => zip.write_all(bytes).expect("write"),
            Entry::Flood { head, count, tail } => {
                zip.write_all(head.as_bytes()).expect("write");
                let mut left = *count;
                while left > 0 {
                    let n = left.min(chunk.len() as u64);
                    zip.write_all(&chunk[..n as usize]).expect("write");
                    left -= n;
                }
                zip.write_all(tail.as_bytes()).expect("write");
            }
        }
    }
    zip.finish().expect("finish").into_inner()
}

/// Rewrites the uncompressed size that the local and central headers declare
/// for entry `name` (as a forged archive would).
fn understate_size(bytes: &mut [u8], name: &str, declared: u32) {
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        // (offset of the name's length, of the name, of the uncompressed size)
        let (name_length_at, name_at, size_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (26, 30, 22),
            b"PK\x01\x02" => (28, 46, 24),
            _ => continue,
        };
        let name_length =
            u16::from_le_bytes([bytes[at + name_length_at], bytes[at + name_length_at + 1]]);
        let found = bytes.get(at + name_at..at + name_at + usize::from(name_length));
        if found == Some(name.as_bytes()) {
            bytes[at + size_at..at + size_at + 4].copy_from_slice(&declared.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local and central header of {name}");
}

/// A project file with one text source read from `sources/bomb.txt`.
fn qde_with_source(selections: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\" origin=\"QualCoder 3.6\">\
<Sources><TextSource guid=\"11111111-2222-3333-4444-555555555555\" name=\"bomb.txt\" plainTextPath=\"internal://bomb.txt\">{selections}</TextSource></Sources></Project>"
    )
}

/// Imports `bytes` into an empty project, within the time budget.
fn import_within_budget(bytes: &[u8]) -> Result<ImportPlan, ImportError> {
    let started = Instant::now();
    let result = import_qdpx(bytes, &Workspace::default(), NOW);
    let took = started.elapsed();
    assert!(took < TIME_BUDGET, "the import took {took:?}");
    result
}

fn refusal_message(result: Result<ImportPlan, ImportError>) -> (ImportError, String) {
    let error = result.map(|_| ()).expect_err("refused");
    let message = error.to_string();
    (error, message)
}

#[test]
fn a_zip_bomb_in_sources_is_refused_naming_the_entry_and_the_limit() {
    let qde = qde_with_source("");
    // Just over the entry limit (1 GiB) of spaces: about a megabyte compressed.
    let bytes = archive(&[
        ("project.qde", Entry::Bytes(qde.as_bytes())),
        (
            "sources/bomb.txt",
            Entry::Flood {
                head: "",
                count: MAX_ENTRY_BYTES + 1,
                tail: "",
            },
        ),
    ]);
    assert!(bytes.len() < 3 << 20, "{} bytes", bytes.len());
    let (error, message) = refusal_message(import_within_budget(&bytes));
    assert!(
        matches!(&error, ImportError::Limit(ArchiveError::EntryTooLarge { entry }) if entry == "sources/bomb.txt"),
        "{error:?}"
    );
    assert_eq!(
        message,
        format!(
            "entry `sources/bomb.txt` unpacks to more than {} (the limit per entry); refused as a possible zip bomb, nothing was imported",
            describe_bytes(MAX_ENTRY_BYTES)
        )
    );
}

#[test]
fn whitespace_flooding_the_project_file_is_refused() {
    let bytes = archive(&[(
        "project.qde",
        Entry::Flood {
            head: "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">",
            count: MAX_ENTRY_BYTES + 1,
            tail: "</Project>",
        },
    )]);
    let (error, message) = refusal_message(import_within_budget(&bytes));
    assert!(
        matches!(&error, ImportError::Limit(ArchiveError::EntryTooLarge { entry }) if entry == "project.qde"),
        "{error:?}"
    );
    assert!(
        message.contains("`project.qde`") && message.contains(&describe_bytes(MAX_ENTRY_BYTES))
    );
}

#[test]
fn an_entry_that_lies_about_its_size_is_stopped_while_unpacking() {
    let qde = qde_with_source("");
    // 200 MiB declared as 1,000 bytes: unpacking stops just past the declared size.
    let mut bytes = archive(&[
        ("project.qde", Entry::Bytes(qde.as_bytes())),
        (
            "sources/bomb.txt",
            Entry::Flood {
                head: "",
                count: 200 << 20,
                tail: "",
            },
        ),
    ]);
    understate_size(&mut bytes, "sources/bomb.txt", 1000);
    let plan = import_within_budget(&bytes).expect("the rest imports");
    assert!(plan.new_files.is_empty());
    assert!(
        !plan.report.summary.starts_with("Nothing new"),
        "{}",
        plan.report.summary
    );
    assert!(
        plan.report.problems.iter().any(|p| p
            .starts_with("document `bomb.txt`: internal://bomb.txt cannot be read")
            && p.contains("declared uncompressed size")),
        "{:?}",
        plan.report.problems
    );
    // The same lie on the project file refuses the import.
    let mut bytes = archive(&[(
        "project.qde",
        Entry::Flood {
            head: "<Project>",
            count: 200 << 20,
            tail: "</Project>",
        },
    )]);
    understate_size(&mut bytes, "project.qde", 1000);
    let (error, message) = refusal_message(import_within_budget(&bytes));
    assert!(
        matches!(&error, ImportError::Archive(ArchiveError::Io(_))),
        "{error:?}"
    );
    assert!(message.contains("declared uncompressed size"), "{message}");
}

#[test]
fn a_highly_compressed_entry_is_refused_for_its_ratio() {
    // 100 MiB of spaces (below the entry limit), about 100 KB compressed.
    let qde = qde_with_source("");
    let bytes = archive(&[
        ("project.qde", Entry::Bytes(qde.as_bytes())),
        (
            "sources/bomb.txt",
            Entry::Flood {
                head: "",
                count: 100 << 20,
                tail: "",
            },
        ),
    ]);
    let (error, message) = refusal_message(import_within_budget(&bytes));
    assert!(
        matches!(&error, ImportError::Limit(ArchiveError::CompressionRatio { entry, .. }) if entry == "sources/bomb.txt"),
        "{error:?}"
    );
    assert!(
        message.starts_with(&format!(
            "entry `sources/bomb.txt` unpacks to more than {MAX_COMPRESSION_RATIO} times its compressed size of"
        )) && message.contains("(the limit of the compression ratio)"),
        "{message}"
    );
}

#[test]
fn a_large_regular_file_within_the_limits_still_imports() {
    // 4 MiB of text that compresses well but not like a bomb (ratio below 100).
    let line = "Vučić met Xi in Belgrade on a rainy day; 习近平 spoke first. 0123456789\n";
    let mut text = String::new();
    let mut n = 0u64;
    while text.len() < 4 << 20 {
        // A counter keeps the compression ratio realistic.
        text.push_str(&format!("{n:016x} {line}"));
        n = n
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
    }
    let qde = qde_with_source(
        "<PlainTextSelection guid=\"22222222-2222-3333-4444-555555555555\" startPosition=\"17\" endPosition=\"22\"/>",
    );
    let bytes = archive(&[
        ("project.qde", Entry::Bytes(qde.as_bytes())),
        ("sources/bomb.txt", Entry::Bytes(text.as_bytes())),
    ]);
    let plan = import_within_budget(&bytes).expect("imports");
    assert_eq!(plan.new_files.len(), 1);
    assert_eq!(plan.new_files[0].text, text);
    assert!(plan.report.summary.contains("1 annotation(s) imported"));
}

/// Applies an import plan to a copy of `workspace` and loads the new files' texts.
fn apply_plan(workspace: &Workspace, plan: ImportPlan) -> Workspace {
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

fn export_qdpx(workspace: &Workspace) -> Vec<u8> {
    let options = ExportOptions {
        project_name: "sample".into(),
        now: NOW.into(),
    };
    export_to_bytes(
        workspace,
        ExportFormat::Qdpx,
        &RetrievalFilter::default(),
        &options,
    )
    .expect("export")
    .0
}

fn unzip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entry = zip.by_name(name).expect("entry");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("read");
    text
}

#[test]
fn importing_the_same_archive_twice_adds_nothing_and_says_so() {
    let sample = gloss::sample::workspace().expect("sample");
    let bytes = export_qdpx(&sample);
    let first = import_qdpx(&bytes, &Workspace::default(), NOW).expect("first import");
    let once = apply_plan(&Workspace::default(), first);
    assert_eq!(
        once.project.annotations.len(),
        sample.project.annotations.len()
    );
    // Ids come back too (the `Gloss codebook` note maps selections to ids).
    let ids = |w: &Workspace| -> HashSet<String> {
        w.project
            .annotations
            .iter()
            .map(|a| a.id.as_str().to_owned())
            .collect()
    };
    assert_eq!(ids(&once), ids(&sample));

    let second = import_qdpx(&bytes, &once, NOW).expect("second import");
    assert!(second.new_files.is_empty());
    assert!(second.edit.is_none(), "nothing to change");
    let expected = format!(
        "0 annotation(s) imported, {} already in the project, 0 not imported",
        sample.project.annotations.len()
    );
    assert!(
        second.report.summary.starts_with("Nothing new to import")
            && second.report.summary.contains(&expected),
        "{}",
        second.report.summary
    );
    // Into the original project, whose documents have other paths' spelling or
    // raw hashes: matched by content and ids, nothing added either.
    let into_original = import_qdpx(&bytes, &sample, NOW).expect("into the original");
    assert!(into_original.new_files.is_empty());
    assert!(
        into_original.edit.is_none(),
        "{}",
        into_original.report.summary
    );
}

/// A foreign project: one document, two codes, one selection with `guid`.
fn foreign_qde(selection_guid: &str, extra: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\" origin=\"QualCoder 3.6\">\
<CodeBook><Codes><Code guid=\"aaaaaaaa-2222-3333-4444-555555555555\" name=\"Groups\" isCodable=\"false\">\
<Code guid=\"baaaaaaa-2222-3333-4444-555555555555\" name=\"Leaders\" isCodable=\"true\"/></Code></Codes></CodeBook>\
<Sources><TextSource guid=\"11111111-2222-3333-4444-555555555555\" name=\"interview.txt\">\
<PlainTextContent>Vučić meets Xi in Belgrade.</PlainTextContent>\
<PlainTextSelection guid=\"{selection_guid}\" name=\"Vučić meets Xi\" startPosition=\"0\" endPosition=\"14\">\
<Description>Coder's memo: a key quote &amp; more.</Description>\
<Coding guid=\"33333333-2222-3333-4444-555555555555\"><CodeRef targetGUID=\"baaaaaaa-2222-3333-4444-555555555555\"/></Coding>\
</PlainTextSelection>{extra}</TextSource></Sources></Project>"
    )
}

#[test]
fn foreign_selections_keep_their_guid_and_are_not_imported_twice() {
    let guid = "44444444-AAAA-3333-4444-555555555555";
    let bytes = archive(&[(
        "project.qde",
        Entry::Bytes(foreign_qde(guid, "").as_bytes()),
    )]);
    let once = apply_plan(
        &Workspace::default(),
        import_qdpx(&bytes, &Workspace::default(), NOW).expect("import"),
    );
    assert_eq!(once.project.annotations.len(), 1);
    assert_eq!(
        once.project.annotations[0].id.as_str(),
        "ann-44444444-aaaa-3333-4444-555555555555"
    );
    let again = import_qdpx(&bytes, &once, NOW).expect("again");
    assert!(again.edit.is_none(), "{}", again.report.summary);
    // Another GUID but the same document, range and codes: the same passage.
    let regenerated = archive(&[(
        "project.qde",
        Entry::Bytes(foreign_qde("55555555-aaaa-3333-4444-555555555555", "").as_bytes()),
    )]);
    let again = import_qdpx(&regenerated, &once, NOW).expect("again");
    assert!(again.edit.is_none(), "{}", again.report.summary);
    assert!(
        again
            .report
            .summary
            .contains("0 annotation(s) imported, 1 already in the project")
    );
}

#[test]
fn selection_descriptions_become_memos_and_memos_are_exported_there() {
    let bytes = archive(&[(
        "project.qde",
        Entry::Bytes(foreign_qde("44444444-aaaa-3333-4444-555555555555", "").as_bytes()),
    )]);
    let plan = import_qdpx(&bytes, &Workspace::default(), NOW).expect("import");
    let imported = apply_plan(&Workspace::default(), plan);
    let memo = "Coder's memo: a key quote & more.";
    assert_eq!(imported.project.annotations[0].memo, memo);
    let exported = export_qdpx(&imported);
    let qde = unzip_entry(&exported, "project.qde");
    assert!(
        qde.contains("<Description>Coder's memo: a key quote &amp; more.</Description>"),
        "{qde}"
    );
    // Read back once, not twice (the memo is also written as a note for other tools).
    let back = apply_plan(
        &Workspace::default(),
        import_qdpx(&exported, &Workspace::default(), NOW).expect("re-import"),
    );
    assert_eq!(back.project.annotations[0].memo, memo);
}

#[test]
fn non_codable_codes_stay_non_codable_through_import_save_and_export() {
    let bytes = archive(&[(
        "project.qde",
        Entry::Bytes(foreign_qde("44444444-aaaa-3333-4444-555555555555", "").as_bytes()),
    )]);
    let plan = import_qdpx(&bytes, &Workspace::default(), NOW).expect("import");
    let imported = apply_plan(&Workspace::default(), plan);
    let codebook = &imported.project.codebook;
    assert!(!codebook.topic_by_name("Groups").expect("group").codable);
    assert!(codebook.topic_by_name("Leaders").expect("code").codable);
    let json = project_to_json(&imported.project);
    assert_eq!(
        json.matches("\"codable\"").count(),
        1,
        "written only when false"
    );
    let saved = gloss::model::format::project_from_json(&json).expect("parse");
    assert_eq!(saved.codebook, imported.project.codebook);
    let qde = unzip_entry(&export_qdpx(&imported), "project.qde");
    assert!(qde.contains("name=\"Groups\" isCodable=\"false\""), "{qde}");
    assert!(qde.contains("name=\"Leaders\" isCodable=\"true\""), "{qde}");
}

#[test]
fn codes_nested_too_deep_are_reported_not_dropped_silently() {
    let depth = 70;
    let mut codes = String::new();
    for level in 0..depth {
        codes.push_str(&format!(
            "<Code guid=\"{level:08x}-2222-3333-4444-555555555555\" name=\"level {level}\" isCodable=\"true\">"
        ));
    }
    codes.push_str(&"</Code>".repeat(depth));
    let qdc = format!(
        "<?xml version=\"1.0\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>{codes}</Codes></CodeBook>"
    );
    let plan = import_qdc(qdc.as_bytes(), &Codebook::default()).expect("qdc");
    assert!(
        plan.report
            .problems
            .iter()
            .any(|p| p == "6 code(s) nested deeper than 64 levels not imported (nor their codings)"),
        "{:?}",
        plan.report.problems
    );
    assert!(
        plan.report.summary.starts_with("64 topic(s)"),
        "{}",
        plan.report.summary
    );
}

#[test]
fn the_not_imported_count_counts_every_dropped_selection() {
    let selection = |guid: u8, start: &str, end: &str| {
        format!(
            "<PlainTextSelection guid=\"{guid:02x}222222-2222-3333-4444-555555555555\" name=\"s{guid}\" startPosition=\"{start}\" endPosition=\"{end}\"/>"
        )
    };
    let qde = format!(
        "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">\
<Sources><TextSource guid=\"11111111-2222-3333-4444-555555555555\" name=\"a.txt\">\
<PlainTextContent>Some text to select from.</PlainTextContent>{}{}{}{}{}</TextSource>\
<TextSource guid=\"21111111-2222-3333-4444-555555555555\" name=\"b\" plainTextPath=\"relative://b.txt\">{}</TextSource>\
<PDFSource guid=\"31111111-2222-3333-4444-555555555555\" name=\"c.pdf\">\
<PDFSelection guid=\"41111111-2222-3333-4444-555555555555\" page=\"1\" firstX=\"0\" firstY=\"0\" secondX=\"1\" secondY=\"1\"/></PDFSource>\
</Sources></Project>",
        selection(1, "0", "4"),
        selection(2, "x", "4"),
        selection(3, "-3", "4"),
        selection(4, "5", "5"),
        selection(5, "0", "9"),
        selection(6, "0", "4"),
    );
    let bytes = archive(&[("project.qde", Entry::Bytes(qde.as_bytes()))]);
    let plan = import_qdpx(&bytes, &Workspace::default(), NOW).expect("import");
    assert!(
        plan.report
            .summary
            .contains("2 annotation(s) imported, 0 already in the project, 5 not imported"),
        "{}",
        plan.report.summary
    );
}

#[test]
fn imported_document_paths_stay_inside_the_project() {
    let hostile = [
        "../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "/etc/passwd",
        "C:\\Windows\\System32\\drivers\\etc\\hosts",
        "c:relative.txt",
        "\\\\server\\share\\x.txt",
        "//server/share/x.txt",
        "a/../../../b.txt",
        "..",
        "...",
        ". .",
        "CON",
        "nul.txt",
        "Aux.tar.gz",
        "COM1 .md",
        "x/LPT9/y.txt",
        "name:stream.txt",
        "trailing. ",
        "\u{1b}[2Jclear.txt",
        "",
    ];
    let mut taken = HashSet::new();
    for name in hostile {
        let path = safe_document_path(name, &taken);
        assert!(
            Path::new(&path)
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "{name:?} → {path:?}"
        );
        for part in path.split('/') {
            let stem = part
                .split('.')
                .next()
                .unwrap_or("")
                .trim_end()
                .to_lowercase();
            assert!(
                !["con", "prn", "aux", "nul", "com1", "lpt9"].contains(&stem.as_str()),
                "{name:?} → {path:?}"
            );
            assert!(!part.is_empty() && !part.starts_with('.') && !part.ends_with([' ', '.']));
            assert!(!part.contains([':', '\\', '\u{1b}']), "{name:?} → {path:?}");
        }
        assert!(path.ends_with(".txt") || path.ends_with(".md"));
        assert!(taken.insert(path.to_lowercase()), "{path} given twice");
    }
}

fn gloss(args: &[&std::ffi::OsStr], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("GLOSS_DATA_DIR", home.join("data"))
        .env("GLOSS_CONFIG_DIR", home.join("config"))
        .env("GLOSS_CODER", "import-test")
        .output()
        .expect("run gloss")
}

fn listing(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_refused_import_leaves_nothing_behind() {
    let home = tempfile::tempdir().expect("tempdir");
    let bomb = home.path().join("bomb.qdpx");
    let qde = qde_with_source("");
    std::fs::write(
        &bomb,
        archive(&[
            ("project.qde", Entry::Bytes(qde.as_bytes())),
            (
                "sources/bomb.txt",
                Entry::Flood {
                    head: "",
                    count: MAX_ENTRY_BYTES + 1,
                    tail: "",
                },
            ),
        ]),
    )
    .expect("write bomb");
    let not_zip = home.path().join("broken.qdpx");
    std::fs::write(&not_zip, b"PK\x03\x04 but not a zip").expect("write");
    let existing = home.path().join("existing");
    std::fs::create_dir(&existing).expect("mkdir");
    for file in [&bomb, &not_zip] {
        let new = home.path().join("new project");
        let output = gloss(
            &["import".as_ref(), new.as_os_str(), file.as_os_str()],
            home.path(),
        );
        assert_eq!(output.status.code(), Some(4), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        if file == &bomb {
            let expected = format!(
                "entry `sources/bomb.txt` unpacks to more than {}",
                describe_bytes(MAX_ENTRY_BYTES)
            );
            assert!(stderr.contains(&expected), "{stderr}");
        }
        assert!(!new.exists(), "no folder for a refused import");
        let output = gloss(
            &["import".as_ref(), existing.as_os_str(), file.as_os_str()],
            home.path(),
        );
        assert_eq!(output.status.code(), Some(4), "{output:?}");
        assert!(listing(&existing).is_empty(), "{:?}", listing(&existing));
    }
}

#[test]
fn the_sample_exported_and_imported_twice_into_a_new_folder_is_there_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let sample = home.path().join("sample");
    std::fs::create_dir(&sample).expect("mkdir");
    gloss::storage::write_sample(&sample).expect("sample");
    let archive = home.path().join("sample.qdpx");
    let output = gloss(
        &[
            "export".as_ref(),
            sample.as_os_str(),
            "--format".as_ref(),
            "qdpx".as_ref(),
            "--out".as_ref(),
            archive.as_os_str(),
        ],
        home.path(),
    );
    assert!(output.status.success(), "{output:?}");
    let target = home.path().join("imported");
    let annotations = |folder: &Path| -> usize {
        let json = std::fs::read_to_string(folder.join("gloss.json")).expect("project");
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        value["annotations"].as_array().expect("annotations").len()
    };
    let expected = annotations(&sample);
    for round in 0..2 {
        let output = gloss(
            &["import".as_ref(), target.as_os_str(), archive.as_os_str()],
            home.path(),
        );
        assert!(output.status.success(), "{output:?}");
        assert_eq!(annotations(&target), expected, "after import {}", round + 1);
        let stdout = String::from_utf8_lossy(&output.stdout);
        if round == 1 {
            assert!(stdout.starts_with("Nothing new to import"), "{stdout}");
        }
    }
}

#[test]
fn control_characters_in_imported_names_become_spaces_instead_of_failing_the_import() {
    let workspace = gloss::sample::workspace().expect("sample");
    let csv =
        "topic,parent,colour,description\n\"Health\tpolicy\",,,\n\"Line\nbreak \u{1b}[2J\",,,\n";
    let plan = gloss::import::plan_import(
        gloss::import::ImportFormat::CodebookCsv,
        csv.as_bytes(),
        None,
        &workspace,
        "tester",
        "2026-12-03T00:00:00Z",
    )
    .expect("the import is planned");
    let mut imported = workspace.clone();
    imported
        .apply(plan.edit.expect("topics to add"))
        .expect("the codebook accepts the cleaned names");
    let names: Vec<&str> = imported
        .project
        .codebook
        .topics
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert!(names.contains(&"Health policy"), "{names:?}");
    assert!(names.contains(&"Line break [2J"), "{names:?}");
    assert!(names.iter().all(|n| !n.chars().any(char::is_control)));
}

#[test]
fn the_limits_admit_a_gloss_export_of_a_hundred_thousand_annotations() {
    // Measured on the sample's own export: bytes and XML nodes of project.qde
    // per annotation (the codebook's share counted too, so this overestimates).
    let sample = gloss::sample::workspace().expect("sample");
    let annotations = sample.project.annotations.len() as u64;
    let qde = unzip_entry(&export_qdpx(&sample), "project.qde");
    let nodes = roxmltree::Document::parse(&qde)
        .expect("the export parses")
        .descendants()
        .count() as u64;
    let wanted = 100_000;
    assert!(
        MAX_ENTRY_BYTES / (qde.len() as u64 / annotations + 1) >= wanted,
        "{} bytes per annotation",
        qde.len() as u64 / annotations
    );
    assert!(
        u64::from(gloss::import::limits::MAX_XML_NODES) / (nodes / annotations + 1) >= wanted,
        "{} nodes per annotation",
        nodes / annotations
    );
}
