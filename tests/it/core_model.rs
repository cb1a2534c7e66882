//! Tests of the core model and the project file: decoding, offsets, edits,
//! the codebook, saving and loading, and the bundled sample project.

use gloss::model::annotation::Annotation;
use gloss::model::codebook::CodebookKind;
use gloss::model::decode::{LineEndings, NotText, decode_bytes};
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::edit::Edit;
use gloss::model::format::{FormatError, project_from_json, project_to_json};
use gloss::model::ids::TopicId;
use gloss::model::operations::{self, RemovalPolicy};
use gloss::model::project::{FORMAT_VERSION, Project};
use gloss::model::text::{ByteOffset, CanonicalText, CharOffset, CharRange};
use gloss::model::workspace::Workspace;
use gloss::storage::{self, DocumentError, SkipReason, StorageError};
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Hand-edited, newer and hostile project files and documents.
mod robustness;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/encodings")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

const SERBIAN_LINE: &str = "Predsednik Aleksandar Vučić i Đoković: „Kina je jedini prijatelj“ — šćžđ ŠĆŽĐ.\nDruga linija.\n";

#[test]
fn utf8_with_and_without_bom_decode_to_the_same_text() {
    let plain = decode_bytes(&fixture("utf8.txt")).expect("utf8");
    let bom = decode_bytes(&fixture("utf8-bom.txt")).expect("utf8 bom");
    assert_eq!(plain.text.as_str(), SERBIAN_LINE);
    assert_eq!(bom.text.as_str(), SERBIAN_LINE, "BOM removed");
    assert!(!plain.had_bom);
    assert!(bom.had_bom);
    assert_eq!(plain.encoding, "UTF-8");
    assert_eq!(plain.line_endings, LineEndings::Lf);
}

#[test]
fn utf16_with_bom_decodes_both_byte_orders() {
    let le = decode_bytes(&fixture("utf16le-bom.txt")).expect("utf16le");
    let be = decode_bytes(&fixture("utf16be-bom.txt")).expect("utf16be");
    assert_eq!(le.text.as_str(), SERBIAN_LINE);
    assert_eq!(be.text.as_str(), SERBIAN_LINE);
    assert_eq!(le.encoding, "UTF-16LE");
    assert_eq!(be.encoding, "UTF-16BE");
}

#[test]
fn legacy_serbian_encodings_are_detected() {
    let latin = decode_bytes(&fixture("windows-1250.txt")).expect("cp1250");
    assert_eq!(latin.encoding, "windows-1250");
    assert!(latin.text.as_str().contains("Vučić"));
    assert!(latin.text.as_str().contains("Đoković"));
    assert!(latin.text.as_str().contains("Šapcu"));
    let cyrillic = decode_bytes(&fixture("windows-1251.txt")).expect("cp1251");
    assert_eq!(cyrillic.encoding, "windows-1251");
    assert!(cyrillic.text.as_str().contains("Вучић"));
    assert!(cyrillic.text.as_str().contains("Ђоковић"));
}

#[test]
fn line_endings_are_normalised_and_reported() {
    let crlf = decode_bytes(&fixture("crlf.txt")).expect("crlf");
    assert_eq!(crlf.text.as_str(), "one\ntwo\nthree\n");
    assert_eq!(crlf.line_endings, LineEndings::Crlf);
    let cr = decode_bytes(&fixture("cr.txt")).expect("cr");
    assert_eq!(cr.text.as_str(), "one\ntwo\nthree\n");
    assert_eq!(cr.line_endings, LineEndings::Cr);
    let mixed = decode_bytes(&fixture("mixed-endings.txt")).expect("mixed");
    assert_eq!(mixed.text.as_str(), "one\ntwo\nthree\nfour");
    assert_eq!(mixed.line_endings, LineEndings::Mixed);
    let none = decode_bytes(b"no newline").expect("none");
    assert_eq!(none.line_endings, LineEndings::None);
}

#[test]
fn empty_and_binary_files() {
    let empty = decode_bytes(&fixture("empty.txt")).expect("empty is a document");
    assert_eq!(empty.text.len_chars(), 0);
    assert_eq!(
        decode_bytes(&fixture("binary.txt")).unwrap_err(),
        NotText::NulBytes
    );
    let controls: Vec<u8> = (1u8..32).cycle().take(400).collect();
    assert!(matches!(
        decode_bytes(&controls),
        Err(NotText::ControlCharacters { .. })
    ));
}

#[test]
fn folder_scan_reports_each_bad_file_and_keeps_the_rest() {
    let folder = tempfile::tempdir().expect("tempdir");
    let root = folder.path();
    std::fs::create_dir_all(root.join("sub/deeper")).expect("mkdir");
    std::fs::create_dir_all(root.join(".hidden")).expect("mkdir");
    std::fs::write(root.join("a.txt"), "alpha").expect("write");
    std::fs::write(root.join("sub/b.md"), "# beta").expect("write");
    std::fs::write(root.join("sub/deeper/c.TXT"), "gamma").expect("write");
    std::fs::write(root.join("sub/empty.txt"), "").expect("write");
    std::fs::write(root.join("binary.txt"), fixture("binary.txt")).expect("write");
    std::fs::write(root.join(".hidden/secret.txt"), "hidden").expect("write");
    std::fs::write(root.join(".dotfile.txt"), "hidden").expect("write");
    std::fs::write(root.join("image.png"), [0x89, b'P', b'N', b'G']).expect("write");
    let scan = storage::scan_folder(root);
    let paths: Vec<&str> = scan.documents.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["a.txt", "sub/b.md", "sub/deeper/c.TXT", "sub/empty.txt"]
    );
    assert_eq!(scan.skipped.len(), 1);
    assert_eq!(scan.skipped[0].path, "binary.txt");
    let reason = &scan.skipped[0].reason;
    assert!(
        matches!(
            reason,
            SkipReason::Document(DocumentError::NotText(NotText::NulBytes))
        ),
        "{reason:?}"
    );
    assert!(reason.to_string().contains("NUL"), "{reason}");
}

fn unicode_text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "\n",
        "č",
        "ć",
        "Đ",
        "ž",
        "Вучић",
        "љ",
        "习近平",
        "中国",
        "e\u{301}",
        "a\u{308}\u{323}",
        "👩\u{200d}👩\u{200d}👧",
        "🇷🇸",
        "🙂",
        "\u{feff}",
        "ﷺ",
        "\u{10ffff}",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(str::to_owned),
            any::<char>().prop_map(|c| c.to_string())
        ],
        0..300,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn char_and_byte_offsets_round_trip(text in unicode_text_strategy()) {
        let canonical = CanonicalText::new(text.clone());
        let boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        prop_assert_eq!(canonical.len_chars(), boundaries.len() - 1);
        for (chars, &bytes) in boundaries.iter().enumerate() {
            prop_assert_eq!(canonical.byte_offset(CharOffset(chars)), Some(ByteOffset(bytes)));
            prop_assert_eq!(canonical.char_offset(ByteOffset(bytes)), Some(CharOffset(chars)));
        }
        prop_assert_eq!(canonical.byte_offset(CharOffset(boundaries.len())), None);
        for byte in 0..=text.len() {
            if !text.is_char_boundary(byte) {
                prop_assert_eq!(canonical.char_offset(ByteOffset(byte)), None);
            }
        }
    }

    #[test]
    fn slices_equal_char_iteration(text in unicode_text_strategy(), a in 0usize..400, b in 0usize..400) {
        let canonical = CanonicalText::new(text.clone());
        let (start, end) = (a.min(b), a.max(b));
        let expected: Option<String> = (end <= canonical.len_chars())
            .then(|| text.chars().skip(start).take(end - start).collect());
        prop_assert_eq!(canonical.slice(CharRange::new(start, end)).map(str::to_owned), expected);
    }
}

/// A small project with one document, built in memory.
fn small_workspace(text: &str) -> (Workspace, gloss::model::ids::DocumentId) {
    let loaded = LoadedText::from_string(text);
    let record = DocumentRecord::new("doc.txt", &loaded.sha256);
    let id = record.id.clone();
    let mut project = Project::default();
    project.documents.push(record);
    let mut texts = HashMap::new();
    texts.insert(id.clone(), loaded);
    let mut workspace = Workspace::new(project, texts);
    for name in ["Health", "Huawei"] {
        let (edit, _) = operations::add_topic(&workspace.project, name, None, None).expect("topic");
        workspace.apply(edit).expect("apply");
    }
    let (edit, _) =
        operations::add_stance(&workspace.project, "supportive", 1, None).expect("stance");
    workspace.apply(edit).expect("apply");
    for name in ["Serbia", "China"] {
        let (edit, _) = operations::add_actor(&workspace.project, name).expect("actor");
        workspace.apply(edit).expect("apply");
    }
    (workspace, id)
}

fn topic_id(workspace: &Workspace, name: &str) -> TopicId {
    workspace
        .project
        .codebook
        .topic_by_name(name)
        .expect("topic")
        .id
        .clone()
}

#[test]
fn every_edit_undoes_and_redoes() {
    let (mut workspace, doc) = small_workspace("Kina je jedina zemlja koja može da nam pomogne.");
    let start = workspace.project.clone();
    let mut annotation = workspace
        .new_annotation(&doc, CharRange::new(0, 4), "tester", "2026-01-01T00:00:00Z")
        .expect("annotation");
    annotation.topics.push(topic_id(&workspace, "Health"));
    let id = annotation.id.clone();
    workspace
        .apply(Edit::add_annotation(annotation.clone()))
        .expect("add");
    assert_eq!(
        workspace
            .project
            .annotation(&id)
            .map(|a| a.anchor.exact.as_str()),
        Some("Kina")
    );
    let after_add = workspace.project.clone();

    let mut changed = annotation.clone();
    changed.memo = "first memo".into();
    workspace
        .apply(Edit::change_annotation(annotation, changed))
        .expect("change");
    let rename = operations::rename(
        &workspace.project,
        CodebookKind::Topic,
        "Health",
        "Health diplomacy",
    )
    .expect("rename");
    workspace.apply(rename).expect("apply rename");
    assert_eq!(
        workspace
            .project
            .annotation(&id)
            .expect("still there")
            .topics,
        vec![topic_id(&workspace, "Health diplomacy")],
        "renaming a topic leaves annotations untouched"
    );
    let end = workspace.project.clone();

    assert_eq!(workspace.undo().expect("undo"), Some("change topic".into()));
    assert_eq!(
        workspace.undo().expect("undo"),
        Some("change annotation".into())
    );
    assert!(same_content(&workspace.project, &after_add));
    workspace.undo().expect("undo add");
    assert!(workspace.project.annotation(&id).is_none());
    // Five codebook additions before.
    for _ in 0..5 {
        workspace.undo().expect("undo codebook");
    }
    assert!(workspace.project.codebook.topics.is_empty());
    assert_eq!(workspace.undo().expect("nothing left"), None);
    for _ in 0..8 {
        workspace.redo().expect("redo");
    }
    assert!(same_content(&workspace.project, &end));
    assert!(!same_content(&start, &end));
}

fn same_content(a: &Project, b: &Project) -> bool {
    project_to_json(a) == project_to_json(b)
}

#[test]
fn removing_a_used_topic_needs_a_policy_and_never_drops_annotations_silently() {
    let (mut workspace, doc) = small_workspace("Huawei builds the network in Belgrade.");
    let mut annotation = workspace
        .new_annotation(&doc, CharRange::new(0, 6), "t", "2026-01-01T00:00:00Z")
        .expect("annotation");
    annotation.topics = vec![
        topic_id(&workspace, "Huawei"),
        topic_id(&workspace, "Health"),
    ];
    let id = annotation.id.clone();
    workspace
        .apply(Edit::add_annotation(annotation))
        .expect("add");

    let refused = operations::remove(
        &workspace.project,
        CodebookKind::Topic,
        "Huawei",
        &RemovalPolicy::Refuse,
    );
    assert!(matches!(
        refused,
        Err(operations::OperationError::InUse { count: 1, .. })
    ));
    // The core itself refuses a bare topic removal while annotations use it.
    let bare = Edit::Topic {
        before: workspace.project.codebook.topic_by_name("Huawei").cloned(),
        after: None,
    };
    assert!(workspace.apply(bare).is_err());

    let detach = operations::remove(
        &workspace.project,
        CodebookKind::Topic,
        "Huawei",
        &RemovalPolicy::Detach,
    )
    .expect("detach");
    workspace.apply(detach).expect("apply");
    let annotation = workspace.project.annotation(&id).expect("annotation kept");
    assert_eq!(annotation.topics, vec![topic_id(&workspace, "Health")]);
    assert!(workspace.project.codebook.topic_by_name("Huawei").is_none());
    workspace.undo().expect("undo");
    assert_eq!(
        workspace
            .project
            .annotation(&id)
            .expect("kept")
            .topics
            .len(),
        2
    );

    let merge = operations::merge_topics(&workspace.project, "Huawei", "Health").expect("merge");
    workspace.apply(merge).expect("apply merge");
    assert_eq!(
        workspace.project.annotation(&id).expect("kept").topics,
        vec![topic_id(&workspace, "Health")],
        "merged topic appears once"
    );
}

#[test]
fn a_failing_batch_leaves_the_project_unchanged() {
    let (mut workspace, doc) = small_workspace("abcdef");
    let before = project_to_json(&workspace.project);
    let good = workspace
        .new_annotation(&doc, CharRange::new(0, 2), "t", "2026-01-01T00:00:00Z")
        .expect("good");
    let mut bad = good.clone();
    bad.id = gloss::model::ids::AnnotationId::generate();
    bad.topics.push(TopicId::from("topic-that-does-not-exist"));
    let batch = Edit::batch(
        "two",
        vec![Edit::add_annotation(good), Edit::add_annotation(bad)],
    );
    assert!(workspace.apply(batch).is_err());
    assert_eq!(project_to_json(&workspace.project), before);
    assert!(!workspace.history.can_redo());
}

#[test]
fn out_of_range_annotations_are_refused() {
    let (mut workspace, doc) = small_workspace("short");
    assert!(
        workspace
            .new_annotation(&doc, CharRange::new(2, 99), "t", "now")
            .is_err()
    );
    assert!(
        workspace
            .new_annotation(&doc, CharRange::new(3, 3), "t", "now")
            .is_err()
    );
    let text = CanonicalText::new("short".into());
    let mut annotation = Annotation::new(doc, &text, CharRange::new(0, 5), "t", "now").expect("ok");
    annotation.end = CharOffset(50);
    assert!(workspace.apply(Edit::add_annotation(annotation)).is_err());
}

#[test]
fn project_json_round_trips_with_stable_output() {
    let (mut workspace, doc) = small_workspace("Кина и Србија — 中国 🙂 partners.");
    for (start, end) in [(7, 13), (0, 4), (16, 18)] {
        let mut annotation = workspace
            .new_annotation(
                &doc,
                CharRange::new(start, end),
                "t",
                "2026-01-01T00:00:00Z",
            )
            .expect("annotation");
        annotation.memo = format!("memo {start} \"quoted\" \\ ünïcode");
        workspace
            .apply(Edit::add_annotation(annotation))
            .expect("add");
    }
    let json = project_to_json(&workspace.project);
    let parsed = project_from_json(&json).expect("parse");
    assert_eq!(
        project_to_json(&parsed),
        json,
        "byte-identical second write"
    );
    assert_eq!(parsed.annotations.len(), 3);
    let starts: Vec<usize> = parsed.annotations.iter().map(|a| a.start.0).collect();
    assert_eq!(starts, [0, 7, 16], "annotations stored in document order");
    assert_eq!(parsed.annotations[2].anchor.exact, "中国");
    assert!(json.starts_with("{\n  \"format\": \"gloss-project\",\n  \"version\": 1,"));
}

#[test]
fn newer_and_corrupt_files_are_refused_with_clear_messages() {
    let newer = format!(
        "{{\"format\": \"gloss-project\", \"version\": {}}}",
        FORMAT_VERSION + 1
    );
    let error = project_from_json(&newer).unwrap_err();
    assert!(matches!(error, FormatError::NewerVersion { .. }));
    assert!(error.to_string().contains("newer Gloss"), "{error}");

    let broken = "{\n  \"format\": \"gloss-project\",\n  \"version\": 1,\n  \"documents\": [,]\n}";
    match project_from_json(broken).unwrap_err() {
        FormatError::Syntax { line, column, .. } => assert_eq!((line, column), (4, 17)),
        other => panic!("expected a syntax error, got {other}"),
    }

    let wrong_type = "{\n  \"format\": \"gloss-project\",\n  \"version\": 1,\n  \"annotations\": [{\"id\": 5}]\n}";
    let error = project_from_json(wrong_type).unwrap_err();
    assert!(
        matches!(error, FormatError::Structure { line: 4, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("line 4"));

    let other = project_from_json("{\"format\": \"something-else\", \"version\": 1}").unwrap_err();
    assert!(matches!(other, FormatError::NotAProject { .. }));
}

fn temp_project_with(contents: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    std::fs::write(&path, contents).expect("write");
    (folder, path)
}

#[test]
fn a_corrupt_project_file_is_never_overwritten() {
    let broken = "{ \"format\": \"gloss-project\", \"version\": 1, oops }";
    let (_folder, path) = temp_project_with(broken);
    let error = storage::open_project(&path).unwrap_err();
    assert!(matches!(error, StorageError::Format { .. }));
    assert!(error.to_string().contains("line 1, column"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
}

#[test]
fn saving_is_atomic_keeps_backups_and_refuses_to_clobber_external_changes() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("doc.txt"), "Vučić thanked Xi Jinping.").expect("write");
    let opened = storage::open_project(folder.path()).expect("open");
    assert!(!opened.file_exists);
    assert_eq!(opened.on_disk, None, "no file, nothing to compare with");
    assert!(
        !opened.location.project_file.exists(),
        "opening writes nothing"
    );
    let path = opened.location.project_file.clone();

    let stamp = storage::save_project(&path, &opened.workspace.project, None).expect("save");
    let first = std::fs::read_to_string(&path).expect("read");
    assert!(first.contains("\"path\": \"doc.txt\""));
    assert_eq!(
        stamp,
        storage::FileStamp::of_file(&path),
        "the stamp of what was written"
    );
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gloss-saving-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files removed: {leftovers:?}"
    );

    let mut project = opened.workspace.project.clone();
    project.documents[0]
        .attributes
        .insert("title".into(), "Thanks".into());
    let stamp = storage::save_project(&path, &project, stamp).expect("second save");
    let backup = std::fs::read_to_string(storage::backup_path(&path, 1)).expect("backup");
    assert_eq!(backup, first, "previous version kept as backup 1");
    let reopened = storage::open_project(&path).expect("reopen");
    assert_eq!(reopened.on_disk, stamp, "opening records the file as saved");

    // Another program changes the file: our next save refuses and keeps the file.
    std::fs::write(&path, "{\"format\": \"gloss-project\", \"version\": 1}\n").expect("external");
    let error = storage::save_project(&path, &project, stamp).unwrap_err();
    assert!(matches!(error, StorageError::ChangedOnDisk { .. }));
    assert!(std::fs::read_to_string(&path).expect("read").len() < 60);
}

/// Sets the modification time of `path` (tests never wait for the clock to move).
fn set_modified(path: &Path, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open for times")
        .set_modified(time)
        .expect("set mtime");
}

#[test]
fn the_changed_on_disk_check_compares_length_and_modification_time() {
    use std::time::Duration;
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    let project = Project::default();
    let saved = storage::save_project(&path, &project, None)
        .expect("save")
        .expect("a stamp");
    let contents = std::fs::read(&path).expect("read");

    // Same length, another modification time: changed.
    set_modified(&path, saved.modified + Duration::from_secs(1));
    let error = storage::save_project(&path, &project, Some(saved)).unwrap_err();
    assert!(
        matches!(error, StorageError::ChangedOnDisk { .. }),
        "{error}"
    );

    // Another length, the recorded modification time: changed.
    std::fs::write(&path, [contents.as_slice(), b" "].concat()).expect("external");
    set_modified(&path, saved.modified);
    let error = storage::save_project(&path, &project, Some(saved)).unwrap_err();
    assert!(
        matches!(error, StorageError::ChangedOnDisk { .. }),
        "{error}"
    );

    // Length and time as recorded: the save goes ahead and returns the new stamp.
    std::fs::write(&path, &contents).expect("restore");
    set_modified(&path, saved.modified);
    let after = storage::save_project(&path, &project, Some(saved)).expect("unchanged file");
    assert_eq!(after, storage::FileStamp::of_file(&path));

    // A file that is gone is written again.
    std::fs::remove_file(&path).expect("remove");
    storage::save_project(&path, &project, after).expect("gone is not changed");
    assert!(path.is_file());
}

#[test]
fn a_backup_older_than_five_minutes_is_rotated_and_a_fresh_one_kept() {
    use std::time::{Duration, SystemTime};
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    let mut project = Project::default();
    let version = |project: &mut Project, title: &str| {
        let mut record = DocumentRecord::new("doc.txt", "0");
        record.attributes.insert("title".into(), title.into());
        project.documents = vec![record];
        project_to_json(project)
    };
    let first = version(&mut project, "first");
    storage::save_project(&path, &project, None).expect("first");
    version(&mut project, "second");
    storage::save_project(&path, &project, None).expect("second");
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path, 1)).expect("backup 1"),
        first
    );
    // Saved again within five minutes: backup 1 stays the first version.
    let third = version(&mut project, "third");
    storage::save_project(&path, &project, None).expect("third");
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path, 1)).expect("backup 1"),
        first
    );
    assert!(!storage::backup_path(&path, 2).exists());
    // Backup 1 taken ten minutes ago: the next save shifts it to 2 and keeps the third.
    let ten_minutes_ago = SystemTime::now() - Duration::from_secs(10 * 60);
    set_modified(&storage::backup_path(&path, 1), ten_minutes_ago);
    version(&mut project, "fourth");
    storage::save_project(&path, &project, None).expect("fourth");
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path, 1)).expect("backup 1"),
        third
    );
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path, 2)).expect("backup 2"),
        first
    );
}

#[test]
fn a_failed_write_leaves_the_old_file() {
    let (folder, path) = temp_project_with("old contents\n");
    // A directory in place of the temporary folder makes the write fail.
    let blocked = folder.path().join("blocked");
    std::fs::create_dir(&blocked).expect("mkdir");
    let error = storage::write_atomically(&blocked, b"new").unwrap_err();
    assert!(
        matches!(&error, StorageError::Io { path, .. } if path == &blocked),
        "cannot rename a file over a folder: {error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "old contents\n"
    );
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".gloss-saving-")),
        "{names:?}"
    );
}

#[test]
fn a_second_instance_cannot_lock_the_same_project() {
    let (_folder, path) = temp_project_with("{}");
    let first = storage::ProjectLock::acquire(&path).expect("first lock");
    let second = storage::ProjectLock::acquire(&path);
    assert!(matches!(second, Err(StorageError::Locked { .. })));
    drop(first);
    storage::ProjectLock::acquire(&path).expect("free again after the first closes");
}

fn sample_workspace() -> Workspace {
    gloss::sample::workspace().expect("sample project")
}

#[test]
fn the_sample_project_is_sound_and_every_annotation_matches_its_quote() {
    let workspace = sample_workspace();
    let project = &workspace.project;
    assert_eq!(project.documents.len(), 5);
    assert!(
        (20..=30).contains(&project.annotations.len()),
        "{} annotations",
        project.annotations.len()
    );
    let problems = gloss::model::check::check_project(project, &workspace.texts);
    assert!(problems.is_empty(), "{problems:?}");
    for annotation in &project.annotations {
        let text = &workspace.text(&annotation.document).expect("text").text;
        assert_eq!(
            text.slice(annotation.range()),
            Some(annotation.anchor.exact.as_str())
        );
        assert_eq!(
            text.context_before(annotation.start, 32),
            annotation.anchor.prefix,
            "{}",
            annotation.id
        );
        assert_eq!(
            text.context_after(annotation.end, 32),
            annotation.anchor.suffix
        );
        assert!(
            !annotation.topics.is_empty(),
            "{} has a topic",
            annotation.id
        );
    }
    for document in &project.documents {
        assert!(
            document.attribute("title").is_some(),
            "{} has a title",
            document.path
        );
    }
    let names: Vec<&str> = project
        .codebook
        .stances
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    for stance in ["supportive", "critical", "neutral", "mixed"] {
        assert!(
            names.iter().any(|n| n.eq_ignore_ascii_case(stance)),
            "{stance} in {names:?}"
        );
    }
    let global_times = project
        .documents
        .iter()
        .find(|d| d.attribute("outlet") == Some("Global Times"))
        .expect("Global Times article");
    assert_eq!(global_times.attribute("date"), Some("2020-09-18"));
}

#[test]
fn the_sample_project_file_is_in_canonical_form() {
    let project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("parse");
    assert_eq!(
        project_to_json(&project),
        gloss::sample::SAMPLE_PROJECT_JSON
    );
}

#[test]
fn the_sample_project_validates_against_the_published_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/project.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema"))
            .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let sample: serde_json::Value =
        serde_json::from_str(gloss::sample::SAMPLE_PROJECT_JSON).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&sample)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is not vacuous: a broken project fails it.
    let mut broken = sample.clone();
    broken["annotations"][0]["start"] = serde_json::json!("twelve");
    assert!(!validator.is_valid(&broken));
    broken = sample;
    broken["codebook"]["topics"][0]["color"] = serde_json::json!("red");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn first_run_installs_the_sample_into_the_data_folder_once() {
    let data = tempfile::tempdir().expect("tempdir");
    let dirs = storage::UserDirs {
        data: data.path().to_path_buf(),
        config: data.path().join("config"),
    };
    let project_file = dirs.install_sample().expect("install");
    assert!(project_file.starts_with(data.path()));
    let opened = storage::open_project(&project_file).expect("open sample");
    assert_eq!(opened.workspace.project.documents.len(), 5);
    assert!(opened.missing.is_empty() && opened.skipped.is_empty());
    assert_eq!(opened.added_documents, 0);
    // The user's changes to the sample survive a second start.
    std::fs::write(
        &project_file,
        "{\"format\": \"gloss-project\", \"version\": 1}\n",
    )
    .expect("edit");
    dirs.install_sample().expect("again");
    assert!(std::fs::read_to_string(&project_file).expect("read").len() < 60);
    dirs.remember_recent(&project_file).expect("recent");
    dirs.remember_recent(data.path()).expect("recent");
    dirs.remember_recent(&project_file).expect("recent again");
    let canonical = |path: &Path| path.canonicalize().expect("canonical");
    assert_eq!(
        dirs.recent_projects(),
        [canonical(&project_file), canonical(data.path())],
        "newest first, each once, absolute"
    );
}

#[test]
fn opening_a_folder_counts_every_file_read_and_names_the_project_after_its_folder() {
    let folder = tempfile::tempdir().expect("tempdir");
    for index in 0..9 {
        std::fs::write(folder.path().join(format!("doc{index}.txt")), "Kina.").expect("write");
    }
    let progress = storage::LoadProgress::default();
    let opened =
        storage::open_project_with_progress(&folder.path().join("."), &progress).expect("open");
    assert_eq!(opened.added_documents, 9);
    assert_eq!(
        progress.snapshot(),
        (9, 9),
        "every file counted, on any core"
    );
    let name = folder
        .path()
        .file_name()
        .expect("named")
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        opened.location.project_name(),
        name,
        "`.` resolved to its name"
    );
}
