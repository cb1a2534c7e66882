//! The command line on hand-edited and hostile project files: unknown keys
//! kept through an edit, broken files refused for editing, formula headers
//! neutralised, control characters refused and escaped, precise messages.

use super::{gloss, sample_copy, stderr, stdout};
use serde_json::{Value, json};
use std::path::Path;

fn edit_project_file(folder: &Path, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let path = folder.join("gloss.json");
    let mut value: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    change(&mut value);
    let bytes = serde_json::to_vec_pretty(&value).expect("serialise");
    std::fs::write(&path, &bytes).expect("write");
    bytes
}

fn read_project_file(folder: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(folder.join("gloss.json")).expect("read")).expect("json")
}

/// `gloss annotate` of the word "Huawei" in the second sample document.
fn annotate_huawei(folder: &Path) -> std::process::Output {
    let text = gloss::sample::SAMPLE_DOCUMENTS[1].1;
    let byte_start = text.find("Huawei").expect("Huawei occurs");
    let start = text[..byte_start].chars().count();
    gloss(
        &[
            "annotate",
            folder.to_str().expect("utf8"),
            "--doc",
            "001_632874f96479a343.txt",
            "--start",
            &start.to_string(),
            "--end",
            &(start + 6).to_string(),
            "--topic",
            "Huawei and 5G",
        ],
        folder,
    )
}

#[test]
fn an_edit_keeps_keys_this_gloss_does_not_know() {
    let (_guard, folder) = sample_copy();
    let mut reviewed_id = Value::Null;
    edit_project_file(&folder, |project| {
        project["futureKey"] = json!({"from": "Gloss 2"});
        project["annotations"][3]["reviewer"] = json!("Ana");
        project["codebook"]["topics"][0]["weight"] = json!(3);
        reviewed_id = project["annotations"][3]["id"].clone();
    });
    let output = annotate_huawei(&folder);
    assert!(output.status.success(), "{}", stderr(&output));
    let saved = read_project_file(&folder);
    assert_eq!(saved["futureKey"], json!({"from": "Gloss 2"}));
    assert_eq!(saved["codebook"]["topics"][0]["weight"], json!(3));
    let reviewed = saved["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .find(|a| a["id"] == reviewed_id)
        .expect("the reviewed annotation");
    assert_eq!(reviewed["reviewer"], "Ana");
    assert_eq!(saved["annotations"].as_array().map(Vec::len), Some(31));
}

#[test]
fn editing_commands_refuse_a_hand_broken_project_and_write_nothing() {
    let (_guard, folder) = sample_copy();
    let before = edit_project_file(&folder, |project| {
        let copy = project["annotations"][0].clone();
        project["annotations"]
            .as_array_mut()
            .expect("list")
            .push(copy);
        project["annotations"][1]["topics"] = json!(["topic-nowhere"]);
    });
    let output = annotate_huawei(&folder);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("duplicate id"), "{message}");
    assert!(
        message.contains("unknown topic `topic-nowhere`"),
        "{message}"
    );
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(
        std::fs::read(folder.join("gloss.json")).expect("read"),
        before
    );
    let check = gloss(&["check", folder.to_str().expect("utf8")], &folder);
    assert_eq!(
        check.status.code(),
        Some(1),
        "check names the same problems"
    );
    assert!(stderr(&check).contains("duplicate id"));
}

#[test]
fn a_formula_attribute_key_is_neutralised_in_the_csv_header() {
    let (_guard, folder) = sample_copy();
    edit_project_file(&folder, |project| {
        project["documents"][0]["attributes"]["=HYPERLINK(\"http://evil\")"] = json!("x");
    });
    let export = gloss(
        &["export", folder.to_str().expect("utf8"), "--format", "csv"],
        &folder,
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let csv = stdout(&export);
    let header = csv.lines().next().expect("a header line");
    assert!(header.contains("'=HYPERLINK"), "{header}");
    assert!(
        !header.contains(",=HYPERLINK") && !header.contains("\"=HYPERLINK"),
        "{header}"
    );
}

#[test]
fn control_characters_are_refused_in_new_names_and_escaped_in_output() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let add = gloss(&["codebook", dir, "add-topic", "evil\u{1b}[2J"], &folder);
    assert_eq!(add.status.code(), Some(4), "{}", stderr(&add));
    assert!(
        stderr(&add).contains("control character"),
        "{}",
        stderr(&add)
    );
    assert!(
        !add.stderr.contains(&0x1b),
        "no escape byte reaches the terminal"
    );

    // A name put in by hand is escaped when printed.
    edit_project_file(&folder, |project| {
        project["codebook"]["actors"][0]["name"] = json!("Serbia\u{1b}[31m");
    });
    for args in [&["codebook", dir, "list"][..], &["check", dir][..]] {
        let output = gloss(args, &folder);
        assert!(
            !output.stdout.contains(&0x1b),
            "{args:?}: {}",
            stdout(&output)
        );
        assert!(
            !output.stderr.contains(&0x1b),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let list = gloss(&["codebook", dir, "list"], &folder);
    assert!(
        stdout(&list).contains("Serbia\\u{1b}[31m"),
        "{}",
        stdout(&list)
    );
}

#[test]
fn version_zero_and_invalid_bytes_get_precise_messages() {
    let folder = tempfile::tempdir().expect("tempdir");
    let project = folder.path().join("gloss.json");
    let path = project.to_str().expect("utf8");
    std::fs::write(&project, "{\"format\": \"gloss-project\", \"version\": 0}").expect("write");
    let zero = gloss(&["stats", path], folder.path());
    assert_eq!(zero.status.code(), Some(3));
    assert!(
        stderr(&zero).contains("versions start at 1"),
        "{}",
        stderr(&zero)
    );

    std::fs::write(
        &project,
        b"{\n  \"format\": \"gloss-project\",\n  \"version\": 1,\n  \"documents\": [\xff]\n}\n",
    )
    .expect("write");
    let invalid = gloss(&["stats", path], folder.path());
    assert_eq!(invalid.status.code(), Some(3));
    assert!(
        stderr(&invalid).contains("line 4, column 17"),
        "{}",
        stderr(&invalid)
    );
}
