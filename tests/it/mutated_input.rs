//! Random and mutated input never panics: the document decoder on arbitrary
//! bytes, and every importer (REFI-QDA project and codebook, codebook CSV,
//! Taguette) on real files with bytes flipped, XML cut short or shuffled, and
//! CSV rows scrambled. Each either plans an import or returns an error; a
//! panic, a hang or a plan that breaks the project's invariants fails.

use gloss::export::{ExportFormat, ExportOptions, export_to_bytes};
use gloss::import::{ImportFormat, plan_import};
use gloss::model::check::check_project;
use gloss::model::decode::decode_bytes;
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
