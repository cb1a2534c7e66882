//! `gloss codebook unify`: after a merge, two "Vaccine diplomacy" topics with
//! different ids become one; `--dry-run` reports and writes nothing.

use super::{gloss, sample_copy, stdout};
use serde_json::{Value, json};
use std::path::Path;

fn project_value(folder: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(folder.join("gloss.json")).expect("read")).expect("json")
}

/// The sample as if another coder's copy had been merged in: a second
/// "vaccine diplomacy" topic (another id) carrying two of the annotations.
fn with_a_second_vaccine_topic(folder: &Path) -> Vec<String> {
    let mut value = project_value(folder);
    value["codebook"]["topics"]
        .as_array_mut()
        .expect("topics")
        .push(
            json!({"id": "topic-vaccines-ben", "name": "vaccine  diplomacy", "color": "#AA3366"}),
        );
    let mut moved = Vec::new();
    for annotation in value["annotations"].as_array_mut().expect("annotations") {
        if moved.len() < 2 {
            annotation["topics"] = json!(["topic-vaccines-ben"]);
            moved.push(annotation["id"].as_str().expect("id").to_string());
        }
    }
    std::fs::write(
        folder.join("gloss.json"),
        serde_json::to_vec_pretty(&value).expect("serialise"),
    )
    .expect("write");
    moved
}

fn topics_of(value: &Value, id: &str) -> Vec<String> {
    let annotation = value["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .find(|a| a["id"] == id)
        .expect("the annotation is kept");
    serde_json::from_value(annotation["topics"].clone()).expect("topics")
}

#[test]
fn unify_merges_same_name_topics_into_the_first_and_dry_run_writes_nothing() {
    let (_folder, path) = sample_copy();
    let moved = with_a_second_vaccine_topic(&path);
    let before = std::fs::read(path.join("gloss.json")).expect("read");
    let annotation_count = project_value(&path)["annotations"]
        .as_array()
        .expect("annotations")
        .len();
    let folder_arg = path.to_str().expect("utf-8 path");

    let dry = gloss(&["codebook", folder_arg, "unify", "--dry-run"], &path);
    assert!(dry.status.success(), "{dry:?}");
    let report = stdout(&dry);
    assert!(
        report.contains("topic `Vaccine diplomacy`: topic-vaccines-ben merged into topic-vaccines (2 annotations)"),
        "{report}"
    );
    assert!(report.contains("dry run"), "{report}");
    assert_eq!(
        std::fs::read(path.join("gloss.json")).expect("read"),
        before
    );

    let done = gloss(&["codebook", folder_arg, "unify"], &path);
    assert!(done.status.success(), "{done:?}");
    assert!(stdout(&done).contains("merged into topic-vaccines"));
    let after = project_value(&path);
    let topics = after["codebook"]["topics"].as_array().expect("topics");
    assert!(topics.iter().all(|t| t["id"] != "topic-vaccines-ben"));
    for id in &moved {
        assert_eq!(topics_of(&after, id), ["topic-vaccines"], "{id}");
    }
    assert_eq!(
        after["annotations"].as_array().expect("annotations").len(),
        annotation_count,
        "no coding lost"
    );

    let again = gloss(&["codebook", folder_arg, "unify"], &path);
    assert!(again.status.success());
    assert_eq!(stdout(&again), "no codebook entries share a name\n");
}
