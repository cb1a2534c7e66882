//! Hand-edited, newer and hostile project files and documents: unknown keys
//! kept, large batches linear, stray bytes, version 0, invalid bytes,
//! control characters in names, broken files refused for editing, and a
//! loader that never panics.

use super::small_workspace;
use gloss::model::annotation::Annotation;
use gloss::model::check::{check_project, ensure_editable, structural_problems};
use gloss::model::codebook::Topic;
use gloss::model::decode::decode_bytes;
use gloss::model::document::LoadedText;
use gloss::model::edit::{Edit, EditError};
use gloss::model::format::{FormatError, project_from_bytes, project_from_json, project_to_json};
use gloss::model::ids::AnnotationId;
use gloss::model::operations;
use gloss::model::text::CharRange;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The sample project with an unknown key on every kind of object.
fn sample_with_unknown_keys() -> String {
    let mut value: Value =
        serde_json::from_str(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample is JSON");
    value["futureKey"] = json!({"nested": [1, 2, {"deep": true}]});
    value["codebook"]["codebookNote"] = json!("from Gloss 9");
    value["documents"][0]["language"] = json!("sr-Latn");
    value["codebook"]["topics"][0]["weight"] = json!(0.5);
    value["codebook"]["stances"][0]["scale"] = json!("five-point");
    value["codebook"]["actors"][0]["wikidata"] = json!("Q403");
    value["annotations"][0]["reviewer"] = json!("Ana");
    value["annotations"][0]["anchor"]["selectorVersion"] = json!(2);
    value["annotations"][1]["reviewer"] = json!({"name": "Marko", "at": null});
    serde_json::to_string_pretty(&value).expect("serialise")
}

/// Every unknown key of [`sample_with_unknown_keys`], as a JSON pointer and value.
fn unknown_key_pointers(project: &Value) -> Vec<(String, Value)> {
    let annotation_id = |index: usize| {
        project["annotations"][index]["id"]
            .as_str()
            .expect("an id")
            .to_owned()
    };
    vec![
        ("/futureKey/nested/2/deep".into(), json!(true)),
        ("/codebook/codebookNote".into(), json!("from Gloss 9")),
        ("/documents/0/language".into(), json!("sr-Latn")),
        ("/codebook/topics/0/weight".into(), json!(0.5)),
        ("/codebook/stances/0/scale".into(), json!("five-point")),
        ("/codebook/actors/0/wikidata".into(), json!("Q403")),
        (format!("id:{}/reviewer", annotation_id(0)), json!("Ana")),
        (
            format!("id:{}/anchor/selectorVersion", annotation_id(0)),
            json!(2),
        ),
        (
            format!("id:{}/reviewer/name", annotation_id(1)),
            json!("Marko"),
        ),
    ]
}

/// Looks a pointer up; `id:ANN/rest` finds the annotation by id first (its
/// position may change when annotations are added).
fn lookup<'a>(project: &'a Value, pointer: &str) -> Option<&'a Value> {
    match pointer.strip_prefix("id:") {
        Some(rest) => {
            let (id, path) = rest.split_once('/')?;
            let annotation = project["annotations"]
                .as_array()?
                .iter()
                .find(|a| a["id"] == id)?;
            annotation.pointer(&format!("/{path}"))
        }
        None => project.pointer(pointer),
    }
}

#[test]
fn unknown_keys_survive_load_edit_and_save_at_every_level() {
    let original = sample_with_unknown_keys();
    let original_value: Value = serde_json::from_str(&original).expect("json");
    let expected = unknown_key_pointers(&original_value);
    let mut project = project_from_json(&original).expect("loads");
    assert_eq!(project.unknown.count(), 9, "{:?}", project.unknown);

    // Edits elsewhere and edits that replace the entities holding unknown keys.
    let annotated = project.annotations[0].clone();
    let recoded = annotated
        .clone()
        .with_coding(Default::default(), "2026-12-01T00:00:00Z");
    project
        .apply(&Edit::change_annotation(annotated, recoded))
        .expect("recode");
    let topic = project.codebook.topics[0].clone();
    let renamed = Topic {
        name: "Renamed topic".into(),
        ..topic.clone()
    };
    project
        .apply(&Edit::Topic {
            before: Some(topic),
            after: Some(renamed),
        })
        .expect("rename");
    let (edit, _) = operations::add_actor(&project, "New actor").expect("actor");
    project.apply(&edit).expect("add actor");

    let saved = project_to_json(&project);
    let saved_value: Value = serde_json::from_str(&saved).expect("json");
    for (pointer, value) in &expected {
        assert_eq!(lookup(&saved_value, pointer), Some(value), "{pointer} kept");
    }
    assert_eq!(
        saved_value["codebook"]["topics"][0]["name"],
        "Renamed topic"
    );
    assert_eq!(
        project_to_json(&project_from_json(&saved).expect("reload")),
        saved,
        "a second round trip is byte-identical"
    );
}

#[test]
fn an_annotation_removed_and_restored_by_undo_gets_its_unknown_keys_back() {
    let mut project = project_from_json(&sample_with_unknown_keys()).expect("loads");
    let first = project.annotations[0].clone();
    let remove = Edit::remove_annotation(first.clone());
    project.apply(&remove).expect("remove");
    let without: Value = serde_json::from_str(&project_to_json(&project)).expect("json");
    assert!(
        !without["annotations"]
            .as_array()
            .expect("list")
            .iter()
            .any(|a| a["id"] == first.id.as_str())
    );
    project.apply(&remove.inverse()).expect("undo");
    let restored: Value = serde_json::from_str(&project_to_json(&project)).expect("json");
    let pointer = format!("id:{}/reviewer", first.id);
    assert_eq!(lookup(&restored, &pointer), Some(&json!("Ana")));
}

#[test]
fn a_project_without_unknown_keys_is_written_exactly_as_before() {
    let project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("parse");
    assert!(project.unknown.is_empty());
    assert_eq!(
        project_to_json(&project),
        gloss::sample::SAMPLE_PROJECT_JSON
    );
}

/// `count` annotations of a small workspace's document, with distinct ids.
fn many_annotations(
    workspace: &gloss::model::workspace::Workspace,
    count: usize,
) -> Vec<Annotation> {
    let document = workspace.project.documents[0].id.clone();
    let length = workspace.text(&document).expect("text").text.len_chars();
    (0..count)
        .map(|index| {
            let start = (index * 7) % (length - 4);
            let mut annotation = workspace
                .new_annotation(
                    &document,
                    CharRange::new(start, start + 1 + index % 3),
                    "t",
                    "now",
                )
                .expect("annotation");
            annotation.id = AnnotationId(format!("ann-{index:05}"));
            annotation
        })
        .collect()
}

#[test]
fn a_large_batch_gives_exactly_what_the_same_edits_one_by_one_give() {
    let (mut batched, _) = small_workspace(&"Србија и Кина — Vučić, 习近平. ".repeat(40));
    let mut one_by_one = batched.clone();
    let annotations = many_annotations(&batched, 300);
    let mut edits: Vec<Edit> = annotations
        .iter()
        .cloned()
        .map(Edit::add_annotation)
        .collect();
    // Within the same run: change one just added, remove another, remove and re-add a third.
    let mut changed = annotations[10].clone();
    changed.memo = "changed in the same batch".into();
    edits.push(Edit::change_annotation(annotations[10].clone(), changed));
    edits.push(Edit::remove_annotation(annotations[20].clone()));
    edits.push(Edit::remove_annotation(annotations[30].clone()));
    edits.push(Edit::add_annotation(annotations[30].clone()));

    for edit in &edits {
        one_by_one.project.apply(edit).expect("one by one");
    }
    batched
        .apply(Edit::batch("import", edits))
        .expect("batched");
    assert_eq!(batched.project.annotations, one_by_one.project.annotations);
    assert_eq!(batched.project.annotations.len(), 299);

    batched.undo().expect("undo").expect("something to undo");
    assert!(
        batched.project.annotations.is_empty(),
        "undo removes all 299"
    );
    batched.redo().expect("redo");
    assert_eq!(batched.project.annotations, one_by_one.project.annotations);
}

#[test]
fn a_large_batch_with_one_bad_step_changes_nothing() {
    let (mut workspace, _) = small_workspace(&"Vučić i 习近平 ".repeat(50));
    let annotations = many_annotations(&workspace, 40);
    workspace
        .apply(Edit::add_annotation(annotations[0].clone()))
        .expect("first");
    let before = workspace.project.clone();
    for (bad_step, expected) in [
        (
            Edit::add_annotation(annotations[0].clone()),
            "already exists",
        ),
        (
            Edit::remove_annotation(annotations[39].clone()),
            "does not exist",
        ),
        (
            Edit::change_annotation(
                {
                    let mut stale = annotations[0].clone();
                    stale.memo = "not what the project has".into();
                    stale
                },
                annotations[0].clone(),
            ),
            "changed meanwhile",
        ),
    ] {
        let mut edits: Vec<Edit> = annotations[1..30]
            .iter()
            .cloned()
            .map(Edit::add_annotation)
            .collect();
        edits.insert(15, bad_step);
        // A topic edit before the run, so that the roll-back crosses kinds.
        let (topic_edit, _) =
            operations::add_topic(&workspace.project, "Batch topic", None, None).expect("topic");
        edits.insert(0, topic_edit);
        let error = workspace
            .apply(Edit::batch("import", edits))
            .expect_err("refused");
        assert!(error.to_string().contains(expected), "{error}");
        assert_eq!(workspace.project.annotations, before.annotations);
        assert_eq!(workspace.project.codebook, before.codebook);
    }
}

#[test]
fn a_utf8_text_with_a_stray_byte_stays_utf8_with_the_byte_replaced() {
    for text in [
        "Predsednik Vučić je rekao da će Srbija ostati neutralna. Đoković, Dačić, Šabac, Žabalj. ",
        "Председник Вучић је рекао да ће Србија остати неутрална. Ђоковић, Дачић, Шабац, Жабаљ. ",
    ] {
        let mut bytes = text.repeat(20).into_bytes();
        // Between two chars: one invalid sequence.
        bytes.insert(text.find(' ').expect("a space"), 0xFF);
        let decoded = decode_bytes(&bytes).expect("text");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.replacements, 1);
        assert!(decoded.had_replacements);
        assert!(decoded.text.as_str().contains('\u{fffd}'));
        assert!(decoded.text.as_str().contains("Vučić") || decoded.text.as_str().contains("Вучић"));
        let loaded = LoadedText::from_decoded(decoded, &bytes);
        assert_eq!(loaded.replacements, 1);
    }
    let clean = decode_bytes("Vučić".as_bytes()).expect("text");
    assert_eq!(clean.replacements, 0);
}

#[test]
fn legacy_serbian_encodings_are_still_not_taken_for_utf8() {
    let latin = "Predsednik Vučić je rekao da će Srbija ostati neutralna. Đoković, Šabac.";
    let cyrillic = "Председник Вучић је рекао да ће Србија остати неутрална. Ђоковић, Шабац.";
    for (text, encoding) in [
        (latin, encoding_rs::WINDOWS_1250),
        (cyrillic, encoding_rs::WINDOWS_1251),
    ] {
        let repeated = text.repeat(10);
        let (bytes, _, unmappable) = encoding.encode(&repeated);
        assert!(!unmappable);
        let decoded = decode_bytes(&bytes).expect("text");
        assert_ne!(decoded.encoding, "UTF-8", "{text}");
        assert_eq!(decoded.text.as_str(), repeated);
        assert_eq!(decoded.replacements, 0);
    }
}

#[test]
fn check_reports_replaced_bytes() {
    let (mut workspace, document) = small_workspace("placeholder");
    let mut bytes = "Vučić, Đoković, Šabac. ".repeat(30).into_bytes();
    bytes.push(0xFF);
    let loaded = LoadedText::from_decoded(decode_bytes(&bytes).expect("text"), &bytes);
    workspace.project.documents[0].sha256 = loaded.sha256.clone();
    workspace.texts.insert(document, loaded);
    let problems = check_project(&workspace.project, &workspace.texts);
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("1 invalid byte sequence(s) were replaced")),
        "{problems:?}"
    );
    assert!(structural_problems(&workspace.project, &workspace.texts).is_empty());
}

#[test]
fn version_zero_is_refused_not_upgraded() {
    let error =
        project_from_json("{\"format\": \"gloss-project\", \"version\": 0}").expect_err("refused");
    assert!(
        matches!(error, FormatError::UnsupportedVersion { found: 0 }),
        "{error}"
    );
    assert!(error.to_string().contains("versions start at 1"), "{error}");
}

#[test]
fn an_invalid_byte_is_reported_at_its_line_and_column() {
    let mut bytes =
        b"{\n  \"format\": \"gloss-project\",\n  \"version\": 1,\n  \"x\": \"\xc4\x8d".to_vec();
    bytes.extend_from_slice(b"\xff\"\n}\n");
    let error = project_from_bytes(&bytes).expect_err("refused");
    assert_eq!(
        error,
        FormatError::NotUtf8 {
            line: 4,
            column: 10,
            byte: 0xFF
        }
    );
    assert!(error.to_string().contains("line 4, column 10"), "{error}");
}

#[test]
fn control_characters_in_codebook_names_are_refused_with_the_name_escaped() {
    let (mut workspace, _) = small_workspace("Vučić");
    for name in ["\u{1b}[2Jcleared", "two\nlines", "tab\there", "c1\u{9b}31m"] {
        let topic = operations::add_topic(&workspace.project, name, None, None);
        if let Ok((edit, _)) = topic {
            let error = workspace.apply(edit).expect_err("refused");
            let message = error.to_string();
            assert!(message.contains("control character"), "{message}");
            assert!(
                !message.chars().any(char::is_control),
                "escaped: {message:?}"
            );
        }
        let (edit, _) = operations::add_actor(&workspace.project, "Plain").expect("actor");
        let Edit::Actor {
            after: Some(mut actor),
            ..
        } = edit
        else {
            panic!("an actor edit");
        };
        actor.name = name.into();
        let error = workspace
            .apply(Edit::Actor {
                before: None,
                after: Some(actor),
            })
            .expect_err("refused");
        assert!(matches!(error, EditError::Invalid(_)), "{error}");
        let (edit, _) =
            operations::add_stance(&workspace.project, "Plain stance", 0, None).expect("stance");
        let Edit::Stance {
            after: Some(mut stance),
            ..
        } = edit
        else {
            panic!("a stance edit");
        };
        stance.name = name.into();
        assert!(
            workspace
                .apply(Edit::Stance {
                    before: None,
                    after: Some(stance),
                })
                .is_err()
        );
    }
    assert_eq!(workspace.project.codebook.topics.len(), 2, "nothing added");
}

/// Applies `change` to the sample project's JSON and loads the result with its texts.
fn broken_sample(change: impl FnOnce(&mut Value)) -> gloss::model::workspace::Workspace {
    let mut value: Value =
        serde_json::from_str(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample is JSON");
    change(&mut value);
    let mut project = project_from_json(&value.to_string()).expect("still loads");
    let mut texts = std::collections::HashMap::new();
    for record in &mut project.documents {
        let (_, text) = gloss::sample::SAMPLE_DOCUMENTS
            .iter()
            .find(|(path, _)| record.path.ends_with(path))
            .expect("a sample document");
        let loaded = LoadedText::from_string(text);
        // The files are the ones coded: only the hand edit is wrong.
        record.sha256 = loaded.sha256.clone();
        texts.insert(record.id.clone(), loaded);
    }
    gloss::model::workspace::Workspace::new(project, texts)
}

/// A change made by hand to a project file's JSON.
type HandEdit = fn(&mut Value);

#[test]
fn hand_edited_structural_problems_refuse_editing_and_name_each_problem() {
    let sound = broken_sample(|_| {});
    assert!(ensure_editable(&sound.project, &sound.texts).is_ok());

    let cases: [(&str, HandEdit); 5] = [
        ("duplicate id", |v| {
            let copy = v["annotations"][0].clone();
            v["annotations"].as_array_mut().expect("list").push(copy);
        }),
        ("unknown topic", |v| {
            v["annotations"][0]["topics"] = json!(["topic-nowhere"]);
        }),
        ("past the end", |v| {
            v["annotations"][0]["end"] = json!(10_000_000);
        }),
        ("parent chain loops", |v| {
            let first = v["codebook"]["topics"][0]["id"].clone();
            let second = v["codebook"]["topics"][1]["id"].clone();
            v["codebook"]["topics"][0]["parent"] = second;
            v["codebook"]["topics"][1]["parent"] = first;
        }),
        ("unknown document", |v| {
            v["annotations"][0]["document"] = json!("doc-nowhere");
        }),
    ];
    for (expected, change) in cases {
        let broken = broken_sample(change);
        let error = ensure_editable(&broken.project, &broken.texts).expect_err(expected);
        let message = error.to_string();
        assert!(message.contains(expected), "{expected}: {message}");
        assert!(message.contains("nothing was written"), "{message}");
    }
}

#[test]
fn a_changed_document_does_not_block_editing() {
    let mut workspace = broken_sample(|_| {});
    let document = workspace.project.documents[0].id.clone();
    workspace
        .texts
        .insert(document, LoadedText::from_string("shortened"));
    assert!(!check_project(&workspace.project, &workspace.texts).is_empty());
    assert!(ensure_editable(&workspace.project, &workspace.texts).is_ok());
}

/// Mutations of a valid project file: a byte changed, cut, duplicated or inserted.
fn mutated_sample() -> impl Strategy<Value = Vec<u8>> {
    let sample = gloss::sample::SAMPLE_PROJECT_JSON.as_bytes().to_vec();
    let length = sample.len();
    prop::collection::vec((0..length, any::<u8>(), 0u8..4), 1..8).prop_map(move |mutations| {
        let mut bytes = sample.clone();
        for (position, byte, kind) in mutations {
            let position = position.min(bytes.len().saturating_sub(1));
            match kind {
                0 => bytes[position] = byte,
                1 => bytes.truncate(position),
                2 => bytes.insert(position, byte),
                _ => {
                    let tail = bytes.split_off(position);
                    bytes.extend(tail.iter().take(40));
                    bytes.extend_from_slice(&tail);
                }
            }
            if bytes.is_empty() {
                bytes.push(b'{');
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_loader_never_panics_on_mutated_project_files(bytes in mutated_sample()) {
        if let Ok(project) = project_from_bytes(&bytes) {
            let written = project_to_json(&project);
            let reloaded = project_from_json(&written);
            prop_assert!(reloaded.is_ok(), "{:?}", reloaded.err());
        }
    }

    #[test]
    fn the_loader_never_panics_on_random_input(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = project_from_bytes(&bytes);
    }

    #[test]
    fn the_loader_never_panics_on_random_json(text in "[\\[\\]{}\",:0-9a-z \\n-]{0,300}") {
        let header = format!("{{\"format\":\"gloss-project\",\"version\":1,{text}");
        let _ = project_from_json(&header);
        let _ = project_from_json(&text);
    }
}
