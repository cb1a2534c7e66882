//! Random and mutated input never panics: the document decoder on arbitrary
//! bytes, and every importer (REFI-QDA project and codebook, codebook CSV,
//! Taguette) on real files with bytes flipped, XML cut short or shuffled, and
//! CSV rows scrambled. Each either plans an import or returns an error; a
//! panic, a hang or a plan that breaks the project's invariants fails. The
//! project loader, on the sample's `gloss.json` mutated, on random JSON values,
//! on wrong values in every part of the file and on deep nesting, loads a
//! project or names the line and column of what is wrong.

use gloss::export::{ExportFormat, ExportOptions, export_to_bytes};
use gloss::import::{ImportFormat, plan_import};
use gloss::model::check::check_project;
use gloss::model::decode::decode_bytes;
use gloss::model::format::{FormatError, project_from_bytes, project_from_json, project_to_json};
use gloss::model::query::RetrievalFilter;
use gloss::model::workspace::Workspace;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read as _, Write as _};
use std::sync::OnceLock;

/// The sample project, built once for every case.
fn sample() -> &'static Workspace {
    static SAMPLE: OnceLock<Workspace> = OnceLock::new();
    SAMPLE.get_or_init(|| gloss::sample::workspace().expect("sample project"))
}

/// The sample exported in `format`, built once per format.
fn exported(format: ExportFormat) -> Vec<u8> {
    let options = ExportOptions {
        project_name: "sample".into(),
        now: "2026-12-03T00:00:00Z".into(),
    };
    export_to_bytes(sample(), format, &RetrievalFilter::default(), &options)
        .expect("export")
        .0
}

fn sample_qdpx() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| exported(ExportFormat::Qdpx))
}

fn sample_qdc() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| exported(ExportFormat::Qdc))
}

fn sample_codebook_csv() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| exported(ExportFormat::CodebookCsv))
}

/// The entries of a zip archive, in name order.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entries = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut contents = Vec::new();
        entry.read_to_end(&mut contents).expect("read entry");
        entries.insert(entry.name().expect("entry name").to_string(), contents);
    }
    entries
}

fn zip_entries(entries: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, contents) in entries {
        archive
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start entry");
        archive.write_all(contents).expect("write entry");
    }
    archive.finish().expect("finish zip").into_inner()
}

/// Plans the import of `bytes` as `format` into the sample: an error is fine,
/// a panic is not; a plan's edit must apply to the project and leave it sound.
fn import_survives(format: ImportFormat, bytes: &[u8]) {
    let workspace = sample();
    let Ok(plan) = plan_import(
        format,
        bytes,
        None,
        workspace,
        "tester",
        "2026-12-03T00:00:00Z",
    ) else {
        return;
    };
    let Some(edit) = plan.edit else {
        return;
    };
    let mut after = workspace.clone();
    if after.apply(edit).is_ok() {
        // Documents the plan brings are not loaded here: only the project's
        // own structure (ids, references) is checked.
        let broken: Vec<String> = check_project(&after.project, &HashMap::new())
            .into_iter()
            .map(|problem| problem.message)
            .filter(|message| message.contains("duplicate id") || message.contains("unknown"))
            .collect();
        assert!(
            broken.is_empty(),
            "an import left the project unsound: {broken:?}"
        );
    }
}

/// A mutation of a byte string: flip bytes, cut, duplicate or drop a range.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, to: u8 },
    Truncate { at: usize },
    Duplicate { at: usize, len: usize },
    Remove { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, to)| Mutation::Flip { at, to }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 1..200_usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), 1..200_usize).prop_map(|(at, len)| Mutation::Remove { at, len }),
    ]
}

fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for mutation in mutations {
        if out.is_empty() {
            break;
        }
        let len = out.len();
        match *mutation {
            Mutation::Flip { at, to } => out[at % len] = to,
            Mutation::Truncate { at } => out.truncate(at % len),
            Mutation::Duplicate { at, len: n } => {
                let start = at % len;
                let piece: Vec<u8> = out[start..(start + n).min(len)].to_vec();
                out.splice(start..start, piece);
            }
            Mutation::Remove { at, len: n } => {
                let start = at % len;
                out.drain(start..(start + n).min(len));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_decoder_never_panics_and_gives_canonical_text(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(decoded) = decode_bytes(&bytes) {
            prop_assert!(!decoded.text.as_str().contains('\r'), "line endings are normalised");
        }
    }

    #[test]
    fn the_decoder_survives_mutated_text(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let text = "Predsednik Vučić — Председник Вучић, 习近平.\r\n".repeat(20);
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        for bytes in [text.as_bytes(), utf16.as_slice()] {
            if let Ok(decoded) = decode_bytes(&mutate(bytes, &mutations)) {
                prop_assert!(!decoded.text.as_str().contains('\r'));
            }
        }
    }

    #[test]
    fn a_qdpx_archive_with_flipped_bytes_never_panics(mutations in proptest::collection::vec(mutation(), 1..4)) {
        import_survives(ImportFormat::Qdpx, &mutate(sample_qdpx(), &mutations));
    }

    #[test]
    fn a_qdpx_project_with_mutated_xml_never_panics(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut entries = unzip(sample_qdpx());
        let project = entries.get_mut("project.qde").expect("project.qde");
        *project = mutate(project, &mutations);
        import_survives(ImportFormat::Qdpx, &zip_entries(&entries));
    }

    #[test]
    fn a_qdpx_project_with_hostile_positions_never_panics(positions in proptest::collection::vec(any::<u64>(), 64)) {
        // Well-formed XML whose selections point anywhere: past the end,
        // reversed, into the middle of a char, near u64::MAX.
        let mut entries = unzip(sample_qdpx());
        let project = String::from_utf8(entries["project.qde"].clone()).expect("utf8");
        let attribute = regex::Regex::new(r#"(start|end)Position="[0-9]+""#).expect("regex");
        let mut next = positions.iter().cycle();
        let hostile = attribute.replace_all(&project, |found: &regex::Captures<'_>| {
            let value = next.next().copied().unwrap_or_default();
            let value = if value % 3 == 0 { value } else { value % 20_000 };
            format!("{}Position=\"{value}\"", &found[1])
        });
        prop_assert_ne!(hostile.as_ref(), project.as_str());
        entries.insert("project.qde".to_owned(), hostile.into_owned().into_bytes());
        import_survives(ImportFormat::Qdpx, &zip_entries(&entries));
    }

    #[test]
    fn a_mutated_qdc_codebook_never_panics(mutations in proptest::collection::vec(mutation(), 1..6)) {
        import_survives(ImportFormat::Qdc, &mutate(sample_qdc(), &mutations));
    }

    #[test]
    fn a_mutated_codebook_csv_never_panics(mutations in proptest::collection::vec(mutation(), 1..6)) {
        import_survives(ImportFormat::CodebookCsv, &mutate(sample_codebook_csv(), &mutations));
    }

    #[test]
    fn random_taguette_highlights_never_panic(rows in proptest::collection::vec(("[0-9a-z]{0,4}", "[ -~]{0,30}", "[a-zA-Z ]{0,12}", "\\PC{0,40}"), 0..20)) {
        let mut csv = String::from("id,document,tag,content\n");
        for (id, document, tag, content) in rows {
            csv.push_str(&format!("{id},\"{}\",{tag},\"{}\"\n", document.replace('"', "\"\""), content.replace('"', "\"\"")));
        }
        import_survives(ImportFormat::Taguette, csv.as_bytes());
    }
}

#[test]
fn the_unmutated_sample_imports_cleanly() {
    // The mutation tests start from files that import: otherwise they would
    // only ever test the first error path.
    for (format, bytes) in [
        (ImportFormat::Qdpx, sample_qdpx()),
        (ImportFormat::Qdc, sample_qdc()),
        (ImportFormat::CodebookCsv, sample_codebook_csv()),
    ] {
        let plan = plan_import(
            format,
            bytes,
            None,
            sample(),
            "tester",
            "2026-12-03T00:00:00Z",
        );
        assert!(plan.is_ok(), "{format:?}: {:?}", plan.err());
    }
}

/// What loading a project file's text gives must be a project that writes and
/// reads back the same, or an error that names the line and column (or, for a
/// file that is not a Gloss project of a readable version, says which field).
fn load_is_a_project_or_a_placed_error(bytes: &[u8]) -> Result<(), TestCaseError> {
    match project_from_bytes(bytes) {
        Ok(project) => {
            let written = project_to_json(&project);
            let again = project_from_json(&written);
            prop_assert!(again.is_ok(), "a loaded project reads back: {again:?}");
            prop_assert_eq!(project_to_json(&again.expect("checked")), written);
        }
        Err(
            FormatError::Syntax { line, column, .. }
            | FormatError::Structure { line, column, .. }
            | FormatError::NotUtf8 { line, column, .. },
        ) => {
            let lines = 1 + bytes.iter().filter(|b| **b == b'\n').count();
            prop_assert!(line >= 1 && line <= lines && column >= 1, "{line}:{column}");
        }
        Err(error) => {
            let message = error.to_string();
            prop_assert!(
                message.contains("\"format\"") || message.contains("version"),
                "{message}"
            );
        }
    }
    Ok(())
}

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z]{0,8}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Places of the sample project file where a hand edit may put a wrong value.
const EDITABLE_PLACES: [&str; 12] = [
    "/format",
    "/version",
    "/documents",
    "/documents/0/path",
    "/documents/0/attributes",
    "/codebook",
    "/codebook/topics/0",
    "/codebook/topics/0/parent",
    "/annotations/0",
    "/annotations/0/start",
    "/annotations/0/topics",
    "/annotations/1/anchor",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_project_file_loads_or_names_line_and_column(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let bytes = mutate(gloss::sample::SAMPLE_PROJECT_JSON.as_bytes(), &mutations);
        load_is_a_project_or_a_placed_error(&bytes)?;
    }

    #[test]
    fn a_random_json_value_loads_or_names_line_and_column(value in json_value()) {
        load_is_a_project_or_a_placed_error(value.to_string().as_bytes())?;
        load_is_a_project_or_a_placed_error(
            serde_json::to_string_pretty(&value).expect("json").as_bytes(),
        )?;
    }

    #[test]
    fn a_wrong_value_anywhere_in_the_project_loads_or_names_line_and_column(
        place in 0..EDITABLE_PLACES.len(),
        value in json_value(),
    ) {
        let mut project: serde_json::Value =
            serde_json::from_str(gloss::sample::SAMPLE_PROJECT_JSON).expect("json");
        if let Some(slot) = project.pointer_mut(EDITABLE_PLACES[place]) {
            *slot = value;
        }
        let text = serde_json::to_string_pretty(&project).expect("json");
        load_is_a_project_or_a_placed_error(text.as_bytes())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Through storage too (document paths, the folder scan, re-anchoring):
    /// a mutated project file beside the sample's documents opens or is refused.
    #[test]
    fn a_mutated_project_file_beside_its_documents_opens_or_is_refused(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let folder = tempfile::tempdir().expect("tempdir");
        gloss::storage::write_sample(folder.path()).expect("sample");
        let path = folder.path().join("gloss.json");
        let bytes = mutate(gloss::sample::SAMPLE_PROJECT_JSON.as_bytes(), &mutations);
        std::fs::write(&path, &bytes).expect("write");
        match gloss::storage::open_project(&path) {
            Ok(opened) => prop_assert!(opened.workspace.project.documents.len() <= 5),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
        prop_assert_eq!(std::fs::read(&path).expect("read"), bytes, "opening never writes");
    }
}

/// Arrays and objects nested far deeper than any project file: at the top, in
/// a known key and in a key Gloss keeps without knowing. Never a stack
/// overflow; too deep is an error at its line and column, and what loads
/// saves and loads again.
#[test]
fn deep_nesting_loads_or_names_line_and_column() {
    for depth in [16, 100, 126, 127, 128, 129, 1_000, 200_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        for nested in [&arrays, &objects] {
            let sample = gloss::sample::SAMPLE_PROJECT_JSON;
            let cases = [
                nested.clone(),
                sample.replacen('{', &format!("{{\"futureKey\": {nested},"), 1),
                sample.replacen(
                    "\"memo\":",
                    &format!("\"reviewer\": {nested}, \"memo\":"),
                    1,
                ),
                sample.replacen("\"topics\": [", &format!("\"topics\": [{nested},"), 1),
            ];
            for text in cases {
                let outcome = std::panic::catch_unwind(|| {
                    load_is_a_project_or_a_placed_error(text.as_bytes())
                });
                match outcome {
                    Ok(Ok(())) => {}
                    Ok(Err(failure)) => panic!("depth {depth}: {failure}"),
                    Err(_) => panic!("depth {depth}: the loader panicked"),
                }
            }
        }
    }
}
