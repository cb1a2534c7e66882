//! Intercoder agreement (`gloss agreement`, `model::agreement`): the fixture in
//! `tests/fixtures/agreement/` against figures an independent implementation
//! computed per character (scikit-learn, `krippendorff`; see `expected.json`),
//! and hand-computed edge cases.

use gloss::model::agreement::{AgreementOptions, AgreementReport, agreement};
use gloss::model::format::project_from_json;
use gloss::model::ids::DocumentId;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOLERANCE: f64 = 1e-9;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agreement")
}

/// A copy of the fixture project in a temporary folder (the command must not write to it).
fn fixture_copy() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name != "expected.json" {
            std::fs::copy(entry.path(), folder.path().join(name)).expect("copy");
        }
    }
    folder
}

fn run_agreement(folder: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("agreement")
        .arg(folder)
        .args(extra)
        .env("GLOSS_DATA_DIR", folder.join(".data"))
        .env("GLOSS_CONFIG_DIR", folder.join(".config"))
        .output()
        .expect("run gloss")
}

fn close(actual: &Value, expected: &Value, what: &str) {
    match (actual.as_f64(), expected.as_f64()) {
        (Some(a), Some(e)) => assert!((a - e).abs() < TOLERANCE, "{what}: {a} != {e}"),
        _ => assert_eq!(actual, expected, "{what}"),
    }
}

fn compare_character(actual: &Value, expected: &Value, what: &str) {
    assert_eq!(actual["units"], expected["units"], "{what} units");
    close(
        &actual["alpha"],
        &expected["alpha"],
        &format!("{what} alpha"),
    );
    let (actual_pairs, expected_pairs) = (
        actual["pairs"].as_array().expect("pairs"),
        expected["pairs"].as_array().expect("pairs"),
    );
    assert_eq!(actual_pairs.len(), expected_pairs.len(), "{what} pairs");
    for (a, e) in actual_pairs.iter().zip(expected_pairs) {
        let pair = format!("{what} {}/{}", e["first"], e["second"]);
        assert_eq!(
            (&a["first"], &a["second"]),
            (&e["first"], &e["second"]),
            "{pair}"
        );
        close(&a["percent"], &e["percent"], &format!("{pair} percent"));
        close(&a["kappa"], &e["kappa"], &format!("{pair} kappa"));
    }
}

fn compare_segments(actual: &Value, expected: &Value, what: &str) {
    let (actual, expected) = (
        actual.as_array().expect("pairs"),
        expected.as_array().expect("pairs"),
    );
    assert_eq!(actual.len(), expected.len(), "{what}");
    for (a, e) in actual.iter().zip(expected) {
        for key in [
            "first",
            "second",
            "first_segments",
            "first_agreed",
            "second_segments",
            "second_agreed",
        ] {
            assert_eq!(a[key], e[key], "{what} {key}");
        }
    }
}

fn compare_stance(actual: &Value, expected: &Value) {
    let (actual, expected) = (
        actual.as_array().expect("stance"),
        expected.as_array().expect("stance"),
    );
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert_eq!(
            a["passages"], e["passages"],
            "stance passages of {}/{}",
            e["first"], e["second"]
        );
        for field in ["stance", "holder", "target"] {
            let what = format!("{field} of {}/{}", e["first"], e["second"]);
            assert_eq!(a[field]["agreed"], e[field]["agreed"], "{what}");
            close(&a[field]["percent"], &e[field]["percent"], &what);
            close(&a[field]["kappa"], &e[field]["kappa"], &what);
        }
    }
}

#[test]
fn the_command_matches_an_independent_per_character_implementation() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture_dir().join("expected.json")).expect("expected"),
    )
    .expect("json");
    let folder = fixture_copy();
    for case in expected["cases"].as_array().expect("cases") {
        let coders: Vec<&str> = case["coders"]
            .as_array()
            .expect("coders")
            .iter()
            .map(|c| c.as_str().expect("name"))
            .collect();
        let joined = coders.join(",");
        let output = run_agreement(folder.path(), &["--coders", &joined, "--json"]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let actual: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
        assert_eq!(
            actual["documents"], case["documents"],
            "{joined}: documents"
        );
        let topics = actual["character"]["topics"].as_array().expect("topics");
        let expected_topics = case["topics"].as_object().expect("topics");
        let names: Vec<&str> = topics
            .iter()
            .map(|t| t["topic"].as_str().expect("name"))
            .collect();
        let expected_names: Vec<&str> = expected_topics.keys().map(String::as_str).collect();
        assert_eq!(
            names, expected_names,
            "{joined}: the unused topic is left out"
        );
        for topic in topics {
            let name = topic["topic"].as_str().expect("name");
            compare_character(topic, &expected_topics[name], &format!("{joined} {name}"));
        }
        compare_character(
            &actual["character"]["overall"],
            &case["overall"],
            &format!("{joined} overall"),
        );
        compare_segments(
            &actual["segments"]["overall"]["pairs"],
            &case["segments_overall"],
            &joined,
        );
        compare_stance(&actual["stance"], &case["stance"]);

        let loose = run_agreement(
            folder.path(),
            &["--coders", &joined, "--json", "--segment-overlap", "25"],
        );
        let loose: Value = serde_json::from_slice(&loose.stdout).expect("one JSON object");
        compare_segments(
            &loose["segments"]["overall"]["pairs"],
            &case["segments_overall_at_25"],
            &joined,
        );
    }
    let project_file = std::fs::read(folder.path().join("gloss.json")).expect("project");
    let original = std::fs::read(fixture_dir().join("gloss.json")).expect("fixture");
    assert!(project_file == original, "the command is read-only");
}

#[test]
fn topic_and_document_flags_narrow_the_units() {
    let folder = fixture_copy();
    let output = run_agreement(
        folder.path(),
        &[
            "--coders",
            "ana,ben",
            "--topic",
            "Economy",
            "--doc",
            "doc-two.txt",
            "--json",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("json");
    // doc-two has 221 chars; Economy: ana and ben both coded 0..50, ben also 150..200.
    let overall = &value["character"]["overall"];
    assert_eq!(overall["units"], 221);
    let pair = &overall["pairs"][0];
    assert_eq!(
        (&pair["both"], &pair["first_only"], &pair["second_only"]),
        (&50.into(), &0.into(), &50.into())
    );
    close(
        &pair["percent"],
        &Value::from(100.0 * 171.0 / 221.0),
        "percent",
    );
}

#[test]
fn csv_and_table_name_every_topic_and_pair() {
    let folder = fixture_copy();
    let csv = run_agreement(folder.path(), &["--coders", "ana,ben,cleo", "--csv"]);
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).expect("utf8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("level,topic,first,second,count,agreed,percent,kappa,alpha")
    );
    assert!(text.contains("\ncharacter,Economy,ana,cleo,707,"), "{text}");
    assert!(text.contains("\nstance,(all topics),ben,cleo,"), "{text}");
    let table = run_agreement(folder.path(), &["--coders", "ana,ben"]);
    let table = String::from_utf8(table.stdout).expect("utf8");
    assert!(
        table.contains("Security") && table.contains("ana / ben"),
        "{table}"
    );
}

#[test]
fn unknown_names_and_a_single_coder_are_refused() {
    let folder = fixture_copy();
    let one = run_agreement(folder.path(), &["--coders", "ana,ana"]);
    assert_eq!(one.status.code(), Some(4));
    let topic = run_agreement(folder.path(), &["--coders", "ana,ben", "--topic", "Nope"]);
    assert_eq!(topic.status.code(), Some(4));
    let doc = run_agreement(folder.path(), &["--coders", "ana,ben", "--doc", "nope.txt"]);
    assert_eq!(doc.status.code(), Some(4));
    let overlap = run_agreement(
        folder.path(),
        &["--coders", "ana,ben", "--segment-overlap", "120"],
    );
    assert_eq!(overlap.status.code(), Some(2));
    let absent = run_agreement(folder.path(), &["--coders", "ana,zoe"]);
    assert!(absent.status.success());
    assert!(String::from_utf8_lossy(&absent.stderr).contains("coder `zoe` made no annotations"));
}

/// A one-document project of `len` chars with annotations `(coder, start, end, topic)`.
fn project_with(
    len: usize,
    annotations: &[(&str, usize, usize, &str)],
) -> (gloss::model::project::Project, HashMap<DocumentId, usize>) {
    let annotations: Vec<Value> = annotations
        .iter()
        .enumerate()
        .map(|(n, (coder, start, end, topic))| {
            serde_json::json!({
                "id": format!("ann-{n}"), "document": "doc-a", "start": start, "end": end,
                "anchor": {"exact": ""}, "topics": [topic], "coder": coder,
                "created": "2026-12-03T07:00:00Z", "modified": "2026-12-03T07:00:00Z",
            })
        })
        .collect();
    let json = serde_json::json!({
        "format": "gloss-project", "version": 1,
        "documents": [{"id": "doc-a", "path": "a.txt"}],
        "codebook": {"topics": [{"id": "topic-x", "name": "X", "color": "#4A7FC1"},
                                {"id": "topic-y", "name": "Y", "color": "#4A7FC1"}]},
        "annotations": annotations,
    });
    let project = project_from_json(&json.to_string()).expect("project");
    (project, HashMap::from([(DocumentId::from("doc-a"), len)]))
}

fn report(
    len: usize,
    annotations: &[(&str, usize, usize, &str)],
    coders: &[&str],
) -> AgreementReport {
    let (project, lengths) = project_with(len, annotations);
    let options = AgreementOptions {
        coders: coders.iter().map(ToString::to_string).collect(),
        topics: Vec::new(),
        documents: Vec::new(),
        segment_overlap_percent: 90.0,
    };
    agreement(&project, &lengths, &options)
}

#[test]
fn identical_coding_agrees_fully() {
    let coding = [
        ("a", 0, 10, "topic-x"),
        ("b", 0, 10, "topic-x"),
        ("a", 20, 30, "topic-y"),
        ("b", 20, 25, "topic-y"),
        ("b", 25, 30, "topic-y"),
    ];
    let result = report(100, &coding, &["a", "b"]);
    let pair = &result.overall.pairs[0];
    assert_eq!(
        (
            result.overall.units,
            pair.percent,
            pair.kappa,
            result.overall.alpha
        ),
        (200, Some(100.0), Some(1.0), Some(1.0))
    );
    // Two touching passages against one: no segment of b matches a's 20..30 at 90 %.
    assert_eq!(result.segments_overall.pairs[0].first_agreed, 1);
}

#[test]
fn a_coder_who_coded_nothing_gives_kappa_zero() {
    // 100 units, a marks 20: po = 0.8, pe = 0.8 → kappa 0;
    // alpha = 1 − (2N−1)/(2N−|A|) = 1 − 199/180.
    let result = report(100, &[("a", 10, 30, "topic-x")], &["a", "b"]);
    let pair = &result.overall.pairs[0];
    assert_eq!(pair.percent, Some(80.0));
    assert!(pair.kappa.expect("kappa").abs() < TOLERANCE);
    let alpha = result.overall.alpha.expect("alpha");
    assert!((alpha - (1.0 - 199.0 / 180.0)).abs() < TOLERANCE, "{alpha}");
    assert_eq!(result.stance[0].passages, 0);
    assert_eq!(result.stance[0].stance.percent, None);
}

#[test]
fn no_units_gives_no_figures() {
    let result = report(100, &[("c", 10, 30, "topic-x")], &["a", "b"]);
    assert_eq!(result.overall.units, 0);
    assert!(result.documents.is_empty() && result.topics.is_empty());
    assert_eq!(
        (
            result.overall.pairs[0].percent,
            result.overall.pairs[0].kappa,
            result.overall.alpha
        ),
        (None, None, None)
    );
    assert_eq!(result.segments_overall.pairs[0].percent, None);
}

#[test]
fn annotations_outside_the_text_are_counted_not_used() {
    let result = report(
        50,
        &[("a", 10, 30, "topic-x"), ("b", 40, 60, "topic-x")],
        &["a", "b"],
    );
    assert_eq!(result.annotations_without_text, 1);
    assert_eq!(result.overall.pairs[0].second_only, 0);
}
