//! Nothing a researcher coded is lost: concurrent edits, torn backups, leftovers of
//! killed saves, linked and read-only project files, permissions, special files in
//! a folder, and paths that lead outside the project. Each test backs a line of
//! README's "Your work is safe".

use gloss::model::format::project_from_json;
use gloss::model::project::Project;
use gloss::storage::{self, DiskState, StorageError};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The first document of the sample corpus.
pub(crate) const SAMPLE_DOC: &str = "000_3c628aea443456d3.txt";

pub(crate) fn sample_copy() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("tempdir");
    storage::write_sample(folder.path()).expect("write sample");
    folder
}

pub(crate) fn gloss_command(args: &[&str], folder: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command
        .args(args)
        .env("GLOSS_DATA_DIR", folder.join("data"))
        .env("GLOSS_CONFIG_DIR", folder.join("config"))
        .env("GLOSS_CODER", "safety-test");
    command
}

pub(crate) fn gloss(args: &[&str], folder: &Path) -> std::process::Output {
    gloss_command(args, folder).output().expect("run gloss")
}

pub(crate) fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn read_project(path: &Path) -> Project {
    project_from_json(&std::fs::read_to_string(path).expect("read project")).expect("parses")
}

/// Sets the modification time of `path` (tests never wait for the clock to move).
fn set_modified(path: &Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open for times")
        .set_modified(time)
        .expect("set mtime");
}

pub(crate) fn annotate_args(dir: &str, start: usize) -> Vec<String> {
    [
        "annotate",
        dir,
        "--doc",
        SAMPLE_DOC,
        "--start",
        &start.to_string(),
        "--end",
        &(start + 7).to_string(),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Starts `count` `gloss annotate` processes at once on `folder`; returns the ids
/// printed by those that exited 0, and how many exited otherwise.
fn annotate_concurrently(folder: &Path, count: usize) -> (Vec<String>, usize) {
    let dir = folder.to_str().expect("utf8");
    let children: Vec<_> = (0..count)
        .map(|n| {
            let args = annotate_args(dir, 3 * n);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            gloss_command(&args, folder)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut ids = Vec::new();
    let mut failed = 0;
    for child in children {
        let output = child.wait_with_output().expect("wait");
        if output.status.success() {
            ids.push(
                String::from_utf8(output.stdout)
                    .expect("utf8")
                    .trim()
                    .to_owned(),
            );
        } else {
            assert_eq!(
                output.status.code(),
                Some(5),
                "only a lock held too long may refuse: {}",
                stderr(&output)
            );
            failed += 1;
        }
    }
    (ids, failed)
}

fn assert_every_printed_id_is_saved(folder: &Path, ids: &[String], before: usize) {
    let project = read_project(&folder.join("gloss.json"));
    for id in ids {
        assert!(
            project.annotations.iter().any(|a| a.id.as_str() == id),
            "{id} printed with exit 0 but missing from the file"
        );
    }
    assert_eq!(project.annotations.len(), before + ids.len());
}

#[test]
fn concurrent_annotate_commands_keep_every_printed_id() {
    let folder = sample_copy();
    let before = read_project(&folder.path().join("gloss.json"))
        .annotations
        .len();
    let (ids, failed) = annotate_concurrently(folder.path(), 8);
    assert!(
        ids.len() >= 4,
        "{} of 8 succeeded ({failed} waited too long)",
        ids.len()
    );
    assert_every_printed_id_is_saved(folder.path(), &ids, before);
}

#[test]
fn concurrent_annotate_commands_creating_the_first_project_file_lose_nothing() {
    let folder = tempfile::tempdir().expect("tempdir");
    for (name, contents) in gloss::sample::SAMPLE_DOCUMENTS {
        std::fs::write(folder.path().join(name), contents).expect("write");
    }
    let (ids, failed) = annotate_concurrently(folder.path(), 8);
    assert!(
        ids.len() >= 4,
        "{} of 8 succeeded ({failed} waited too long)",
        ids.len()
    );
    assert_every_printed_id_is_saved(folder.path(), &ids, 0);
}

#[test]
fn a_project_file_that_appeared_since_opening_is_not_overwritten() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("doc.txt"), "Kina gradi autoput.").expect("write");
    let opened = storage::open_project(folder.path()).expect("open");
    assert_eq!(opened.disk_state(), DiskState::Absent);
    let path = opened.location.project_file.clone();
    let theirs = "{\"format\": \"gloss-project\", \"version\": 1}\n";
    std::fs::write(&path, theirs).expect("another program creates it");
    let error =
        storage::save_project_expecting(&path, &opened.workspace.project, opened.disk_state())
            .unwrap_err();
    assert!(
        matches!(error, StorageError::ChangedOnDisk { .. }),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
}

#[cfg(unix)]
#[test]
fn a_file_replaced_with_the_same_length_and_time_is_seen_as_changed() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    let project = Project::default();
    let stamp = storage::save_project_expecting(&path, &project, DiskState::Absent)
        .expect("save")
        .expect("stamp");
    // Another program saves atomically: same bytes, same time, a new inode.
    let replacement = folder.path().join("replacement");
    std::fs::copy(&path, &replacement).expect("copy");
    set_modified(&replacement, stamp.modified);
    std::fs::rename(&replacement, &path).expect("rename");
    let error =
        storage::save_project_expecting(&path, &project, DiskState::Present(stamp)).unwrap_err();
    assert!(
        matches!(error, StorageError::ChangedOnDisk { .. }),
        "{error}"
    );
}

fn backups_of(path: &Path) -> Vec<String> {
    (1..=3)
        .filter_map(|n| std::fs::read_to_string(storage::backup_path(path, n)).ok())
        .collect()
}

/// A project file with one document titled `title`.
fn project_titled(title: &str) -> Project {
    let mut project = Project::default();
    let mut record = gloss::model::document::DocumentRecord::new("doc.txt", "0");
    record.attributes.insert("title".into(), title.into());
    project.documents = vec![record];
    project
}

/// Makes backup 1 look old, so the next save takes a new one.
fn age_newest_backup(path: &Path) {
    let newest = storage::backup_path(path, 1);
    if newest.exists() {
        set_modified(&newest, SystemTime::now() - Duration::from_secs(3600));
    }
}

#[test]
fn a_torn_backup_is_replaced_and_never_pushes_a_good_one_out() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    for title in ["one", "two", "three"] {
        storage::save_project(&path, &project_titled(title), None).expect("save");
        age_newest_backup(&path);
    }
    assert_eq!(backups_of(&path).len(), 2, "one and two are backed up");
    // Each round, a killed rotation of an older Gloss shifted the backups down and
    // left a torn, fresh copy as backup 1.
    let mut versions = Vec::new();
    for round in 0..5 {
        let current = std::fs::read_to_string(&path).expect("read");
        for n in [2, 1] {
            let from = storage::backup_path(&path, n);
            if from.exists() {
                std::fs::rename(&from, storage::backup_path(&path, n + 1)).expect("shift");
            }
        }
        std::fs::write(
            storage::backup_path(&path, 1),
            &current[..current.len() / 2],
        )
        .expect("torn copy");
        storage::save_project(&path, &project_titled(&format!("round {round}")), None)
            .expect("save");
        let backups = backups_of(&path);
        for backup in &backups {
            assert!(
                project_from_json(backup).is_ok(),
                "round {round}: torn backup kept"
            );
        }
        assert_eq!(backups[0], current, "the torn copy counted as no backup");
        versions.push(current);
        age_newest_backup(&path);
    }
    let backups = backups_of(&path);
    assert_eq!(backups.len(), 3);
    assert_eq!(backups[0], versions[4]);
    assert!(backups.iter().all(|b| project_from_json(b).is_ok()));
}

#[test]
fn stale_temporary_files_are_removed_when_the_lock_is_taken() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    let backups = folder.path().join(".gloss-backups");
    std::fs::create_dir(&backups).expect("mkdir");
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    let stale = [
        folder.path().join(".gloss-saving-a1B2c3"),
        backups.join(".gloss-saving-Zz9yY8"),
    ];
    let kept = [
        folder.path().join(".gloss-saving-fresh1"),
        folder.path().join(".gloss-saving-not-ours.txt"),
        folder.path().join("notes.gloss-saving-abcdef"),
    ];
    for file in stale.iter().chain(&kept) {
        std::fs::write(file, "partial").expect("write");
        if file != &kept[0] {
            set_modified(file, long_ago);
        }
    }
    let holder = storage::ProjectLock::acquire(&path).expect("lock");
    std::fs::write(&stale[0], "another save of the holder").expect("rewrite");
    set_modified(&stale[0], long_ago);
    assert!(storage::ProjectLock::acquire(&path).is_err());
    assert!(
        stale[0].exists(),
        "nothing removed while another holds the lock"
    );
    drop(holder);
    let _lock = storage::ProjectLock::acquire(&path).expect("lock");
    for file in &stale {
        assert!(!file.exists(), "{} removed", file.display());
    }
    for file in &kept {
        assert!(file.exists(), "{} kept", file.display());
    }
}

#[test]
fn a_killed_backup_never_leaves_a_torn_copy() {
    let folder = sample_copy();
    let dir = folder.path().to_str().expect("utf8");
    let lines: String = (0..4000)
        .map(|n| {
            format!(
                "{{\"doc\": \"{SAMPLE_DOC}\", \"start\": {}, \"end\": {}}}\n",
                n % 50,
                n % 50 + 9
            )
        })
        .collect();
    let bulk = folder.path().join("bulk.jsonl");
    std::fs::write(&bulk, lines).expect("write");
    let grow = gloss(
        &["import-annotations", dir, bulk.to_str().expect("utf8")],
        folder.path(),
    );
    assert!(grow.status.success(), "{}", stderr(&grow));
    let path = folder.path().join("gloss.json");
    let backups = folder.path().join(".gloss-backups");
    let mut caught = 0;
    for attempt in 0..6 {
        if let Ok(entries) = std::fs::read_dir(&backups) {
            for entry in entries.flatten() {
                if entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".gloss-saving-")
                {
                    std::fs::remove_file(entry.path()).expect("remove leftover");
                }
            }
        }
        age_newest_backup(&path);
        let args = annotate_args(dir, attempt);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = gloss_command(&args, folder.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        loop {
            if child.try_wait().expect("status").is_some() {
                break;
            }
            let copying = std::fs::read_dir(&backups).is_ok_and(|entries| {
                entries.flatten().any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".gloss-saving-")
                })
            });
            if copying {
                let _ = child.kill();
                let _ = child.wait();
                caught += 1;
                break;
            }
            std::thread::yield_now();
        }
        for n in 1..=3 {
            if let Ok(backup) = std::fs::read_to_string(storage::backup_path(&path, n)) {
                assert!(
                    project_from_json(&backup).is_ok(),
                    "attempt {attempt}: backup {n} torn"
                );
            }
        }
        assert!(project_from_json(&std::fs::read_to_string(&path).expect("read")).is_ok());
    }
    assert!(
        caught > 0,
        "no save was caught writing its backup; the test proved nothing"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_project_file_is_edited_through_its_link() {
    let folder = sample_copy();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let target = elsewhere.path().join("shared.json");
    let link = folder.path().join("gloss.json");
    std::fs::rename(&link, &target).expect("move the project file");
    std::os::unix::fs::symlink(&target, &link).expect("link");
    let before = read_project(&target).annotations.len();
    let dir = folder.path().to_str().expect("utf8");
    let args = annotate_args(dir, 0);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = gloss(&args, folder.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(link.is_symlink(), "the link stays a link");
    assert_eq!(
        read_project(&target).annotations.len(),
        before + 1,
        "the target was written"
    );
    let opened = storage::open_project(folder.path()).expect("open");
    assert_eq!(opened.workspace.project.annotations.len(), before + 1);
}

#[cfg(unix)]
#[test]
fn two_links_to_one_project_file_share_one_lock_beside_the_real_file() {
    let shared = sample_copy();
    let target = shared.path().join("gloss.json");
    let (first, second) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    let links = [first.path(), second.path()].map(|folder| {
        let link = folder.join("gloss.json");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        link
    });
    let held = storage::ProjectLock::acquire(&links[0]).expect("the first takes the lock");
    assert!(
        shared.path().join(".gloss.json.lock").exists(),
        "the lock is beside the real file"
    );
    let refused = storage::ProjectLock::acquire(&links[1]).unwrap_err();
    assert!(matches!(refused, StorageError::Locked { .. }), "{refused}");
    let refused = storage::ProjectLock::acquire(&target).unwrap_err();
    assert!(matches!(refused, StorageError::Locked { .. }), "{refused}");
    drop(held);
    storage::ProjectLock::acquire(&links[1]).expect("free again");
}

/// Two files whose names differ only in bytes that are not UTF-8 (possible on
/// Linux) would both read as `caf\u{FFFD}.txt`: the first is loaded, the second
/// listed as skipped with the reason, in the library and in `gloss stats`.
#[cfg(unix)]
#[test]
fn names_differing_only_in_invalid_bytes_do_not_become_one_document() {
    use std::os::unix::ffi::OsStrExt as _;
    let folder = tempfile::tempdir().expect("tempdir");
    for (byte, text) in [(0xFE_u8, "first text"), (0xFF, "second text")] {
        let name = [b'c', b'a', b'f', byte, b'.', b't', b'x', b't'];
        let name = std::ffi::OsStr::from_bytes(&name);
        std::fs::write(folder.path().join(name), text).expect("write");
    }
    let scan = storage::scan_folder(folder.path());
    assert_eq!(scan.documents.len(), 1, "one loaded");
    assert_eq!(scan.documents[0].1.text.as_str(), "first text");
    assert_eq!(scan.skipped.len(), 1, "{:?}", scan.skipped);
    let reason = scan.skipped[0].reason.to_string();
    assert_eq!(scan.skipped[0].path, "caf\\xFF.txt");
    assert!(
        reason.contains("differs from \"caf\\xFE.txt\" only in bytes that are not UTF-8"),
        "{reason}"
    );
    let listing = gloss(
        &["stats", folder.path().to_str().expect("utf8")],
        folder.path(),
    );
    assert!(listing.status.success(), "{}", stderr(&listing));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&listing.stdout),
        stderr(&listing)
    );
    assert!(printed.contains("caf\\xFF.txt"), "{printed}");
}

#[cfg(unix)]
#[test]
fn a_dangling_project_link_or_a_folder_in_its_place_is_refused_not_replaced() {
    let folder = sample_copy();
    let link = folder.path().join("gloss.json");
    std::fs::remove_file(&link).expect("remove");
    std::os::unix::fs::symlink(folder.path().join("gone.json"), &link).expect("link");
    let error = storage::open_project(folder.path()).unwrap_err();
    assert!(
        matches!(error, StorageError::DanglingLink { .. }),
        "{error}"
    );
    let dir = folder.path().to_str().expect("utf8");
    for args in [
        vec!["check", dir],
        annotate_args(dir, 0).iter().map(String::as_str).collect(),
    ] {
        let output = gloss(&args, folder.path());
        assert_eq!(output.status.code(), Some(3), "{args:?}");
        assert!(
            stderr(&output).contains("which does not exist"),
            "{}",
            stderr(&output)
        );
    }
    assert!(link.is_symlink() && !folder.path().join("gone.json").exists());
    let error =
        storage::save_project_expecting(&link, &Project::default(), DiskState::Absent).unwrap_err();
    assert!(
        matches!(error, StorageError::DanglingLink { .. }),
        "{error}"
    );

    std::fs::remove_file(&link).expect("remove link");
    std::fs::create_dir(&link).expect("a folder named gloss.json");
    let error = storage::open_project(folder.path()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("is a folder, not a project file"),
        "{error}"
    );
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_and_saves_keep_mode_and_group() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let folder = tempfile::tempdir().expect("tempdir");
    // What any program's new file gets here: 0666 less the umask.
    let probe = folder.path().join("probe");
    std::fs::write(&probe, "").expect("probe");
    let normal = mode_of(&probe);
    let path = folder.path().join("gloss.json");
    storage::save_project(&path, &project_titled("one"), None).expect("save");
    assert_eq!(mode_of(&path), normal, "a new project file");
    let export = folder.path().join("out.csv");
    storage::write_atomically(&export, b"a,b\n").expect("export");
    assert_eq!(mode_of(&export), normal, "a new export");

    for mode in [0o664, 0o600, 0o640] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        age_newest_backup(&path);
        storage::save_project(&path, &project_titled(&format!("{mode:o}")), None).expect("save");
        assert_eq!(mode_of(&path), mode, "the project file keeps {mode:o}");
        assert_eq!(
            mode_of(&storage::backup_path(&path, 1)),
            mode,
            "so does its backup"
        );
    }
    // A group the user may give the file (root may give any): the save keeps it.
    let other_group = 1;
    if std::os::unix::fs::chown(&path, None, Some(other_group)).is_ok() {
        storage::save_project(&path, &project_titled("group"), None).expect("save");
        assert_eq!(std::fs::metadata(&path).expect("meta").gid(), other_group);
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_project_file_opens_read_only_and_is_never_overwritten() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = sample_copy();
    let path = folder.path().join("gloss.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let contents = std::fs::read(&path).expect("read");
    let opened = storage::open_project(folder.path()).expect("open");
    assert!(opened.read_only);
    let error =
        storage::save_project_expecting(&path, &opened.workspace.project, opened.disk_state())
            .unwrap_err();
    assert!(
        matches!(error, StorageError::ReadOnlyFile { .. }),
        "{error}"
    );

    let dir = folder.path().to_str().expect("utf8");
    let args = annotate_args(dir, 0);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = gloss(&args, folder.path());
    assert_eq!(output.status.code(), Some(5));
    assert!(
        stderr(&output).contains("is read-only"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&path).expect("read"), contents);
    assert_eq!(mode_of(&path), 0o444);

    let session = gloss::app::session::Session::new(opened, gloss::app::clock::Clock::manual());
    assert!(session.is_read_only(), "the window shows it read-only");
}

/// Runs `job` on a thread and fails the test if it takes longer than `limit` (a hang).
fn within<T: Send + 'static>(limit: Duration, job: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(job());
    });
    receiver
        .recv_timeout(limit)
        .expect("finished in time, did not hang")
}

fn reason_of(skipped: &[storage::SkippedFile], path: &str) -> String {
    skipped
        .iter()
        .find(|s| s.path == path)
        .map(|s| s.reason.to_string())
        .unwrap_or_else(|| panic!("{path} listed as skipped: {skipped:?}"))
}

#[cfg(unix)]
#[test]
fn fifos_device_links_and_link_loops_are_skipped_with_the_reason() {
    let folder = tempfile::tempdir().expect("tempdir");
    let root = folder.path().to_path_buf();
    std::fs::write(root.join("a.txt"), "Kina gradi autoput.").expect("write");
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).expect("link");
    std::os::unix::fs::symlink("loop.txt", root.join("loop.txt")).expect("loop");
    std::os::unix::fs::symlink("nowhere.txt", root.join("dangling.txt")).expect("dangling");
    let fifo = Command::new("mkfifo")
        .arg(root.join("x.txt"))
        .status()
        .is_ok_and(|status| status.success());
    let scan_root = root.clone();
    let scan = within(Duration::from_secs(20), move || {
        storage::scan_folder(&scan_root)
    });
    let names: Vec<&str> = scan.documents.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(names, ["a.txt"]);
    assert!(reason_of(&scan.skipped, "zero.txt").contains("device"));
    assert!(reason_of(&scan.skipped, "loop.txt").contains("link cannot be followed"));
    assert!(reason_of(&scan.skipped, "dangling.txt").contains("link cannot be followed"));
    if fifo {
        assert!(reason_of(&scan.skipped, "x.txt").contains("FIFO"));
        // Listed by the project, the FIFO is not opened either: `stats` ends.
        let mut opened = storage::open_project(&root).expect("open");
        opened
            .workspace
            .project
            .documents
            .push(gloss::model::document::DocumentRecord::new("x.txt", "0"));
        storage::save_project(&root.join("gloss.json"), &opened.workspace.project, None)
            .expect("save");
        let mut child = gloss_command(&["stats", root.to_str().expect("utf8")], &root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        while child.try_wait().expect("status").is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                panic!("gloss stats hangs on a FIFO");
            }
            std::thread::yield_now();
        }
    }
}

#[test]
fn a_document_past_the_size_limit_is_skipped_with_a_message() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("small.txt"), "Kina gradi autoput.").expect("write");
    let big = std::fs::File::create(folder.path().join("big.txt")).expect("create");
    big.set_len(storage::MAX_DOCUMENT_BYTES + 1)
        .expect("sparse file");
    let scan = storage::scan_folder(folder.path());
    assert_eq!(scan.documents.len(), 1);
    let reason = reason_of(&scan.skipped, "big.txt");
    assert!(reason.contains("more than the 256 MB"), "{reason}");
}

fn project_listing(path: &str) -> String {
    format!(
        "{{\"format\": \"gloss-project\", \"version\": 1, \"documents\": [{{\"id\": \"d1\", \"path\": {}}}]}}",
        serde_json::to_string(path).expect("json")
    )
}

fn project_schema() -> jsonschema::Validator {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/project.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema"))
            .expect("schema json");
    jsonschema::validator_for(&schema).expect("valid schema")
}

/// Gloss keeps unknown keys on every object of the file; the schema accepts
/// the file Gloss writes with them, and still checks the keys it knows.
#[test]
fn the_schema_accepts_the_unknown_keys_gloss_keeps() {
    use gloss::model::format::project_to_json;
    use serde_json::json;
    let validator = project_schema();
    let mut value: serde_json::Value =
        serde_json::from_str(gloss::sample::SAMPLE_PROJECT_JSON).expect("json");
    value["futureKey"] = json!({"nested": [1, {"deep": true}]});
    value["codebook"]["codebookNote"] = json!("from Gloss 9");
    value["documents"][0]["language"] = json!("sr-Latn");
    value["codebook"]["topics"][0]["weight"] = json!(0.5);
    value["codebook"]["stances"][0]["scale"] = json!("five-point");
    value["codebook"]["actors"][0]["wikidata"] = json!("Q403");
    value["annotations"][0]["reviewer"] = json!("Ana");
    value["annotations"][0]["anchor"]["selectorVersion"] = json!(2);
    let saved = project_to_json(&project_from_json(&value.to_string()).expect("loads"));
    let saved: serde_json::Value = serde_json::from_str(&saved).expect("json");
    assert_eq!(saved["annotations"][0]["reviewer"], "Ana", "Gloss kept it");
    let errors: Vec<String> = validator
        .iter_errors(&saved)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = saved.clone();
    broken["annotations"][0]["start"] = json!("twelve");
    assert!(!validator.is_valid(&broken), "a known key is still checked");
    broken = saved;
    broken["documents"][0]["attributes"] = json!({"outlet": 7});
    assert!(!validator.is_valid(&broken), "attributes are still strings");
}

#[test]
fn document_paths_outside_the_project_are_refused_on_load_and_by_the_schema() {
    let folder = tempfile::tempdir().expect("tempdir");
    let validator = project_schema();
    let path = folder.path().join("gloss.json");
    for bad in [
        "../x.txt",
        "/etc/passwd",
        "a/../../x.txt",
        "C:/x.txt",
        "..\\x.txt",
    ] {
        std::fs::write(&path, project_listing(bad)).expect("write");
        let error = storage::open_project(&path).unwrap_err();
        assert!(
            matches!(error, StorageError::UnsafeDocumentPath { .. }),
            "{bad}: {error}"
        );
        assert!(error.to_string().contains(bad), "{error}");
        let output = gloss(&["stats", path.to_str().expect("utf8")], folder.path());
        assert_eq!(output.status.code(), Some(3), "{bad}");
        let json: serde_json::Value = serde_json::from_str(&project_listing(bad)).expect("json");
        assert!(!validator.is_valid(&json), "the schema refuses {bad}");
    }
    std::fs::write(folder.path().join("a..b.txt"), "text").expect("write");
    std::fs::write(&path, project_listing("a..b.txt")).expect("write");
    assert!(
        storage::open_project(&path).is_ok(),
        "two dots inside a name are fine"
    );
    let json: serde_json::Value =
        serde_json::from_str(&project_listing("sub/a.txt")).expect("json");
    assert!(validator.is_valid(&json));
}

#[cfg(unix)]
#[test]
fn documents_linked_from_outside_the_project_are_not_read() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.txt"), "private diary").expect("write");
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("a.txt"), "Kina gradi autoput.").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        folder.path().join("b.txt"),
    )
    .expect("link");
    std::os::unix::fs::symlink(folder.path().join("a.txt"), folder.path().join("c.txt"))
        .expect("link inside");
    let scan = storage::scan_folder(folder.path());
    let names: Vec<&str> = scan.documents.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        ["a.txt", "c.txt"],
        "a link inside the folder is read"
    );
    assert!(reason_of(&scan.skipped, "b.txt").contains("outside the project folder"));

    // Listed by the project file under a hidden folder (not scanned): still refused.
    std::fs::create_dir(folder.path().join(".hidden")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        folder.path().join(".hidden/d.txt"),
    )
    .expect("link");
    std::fs::write(
        folder.path().join("gloss.json"),
        project_listing(".hidden/d.txt"),
    )
    .expect("write");
    let opened = storage::open_project(folder.path()).expect("open");
    assert!(reason_of(&opened.missing, ".hidden/d.txt").contains("outside the project folder"));
    assert!(
        opened
            .workspace
            .texts
            .values()
            .all(|t| !t.text.as_str().contains("private")),
        "nothing outside was read"
    );
}

#[cfg(unix)]
#[test]
fn imported_documents_are_written_only_inside_the_real_project_folder() {
    let outside = tempfile::tempdir().expect("tempdir");
    let folder = tempfile::tempdir().expect("tempdir");
    let project = folder.path().join("project");
    std::fs::create_dir_all(project.join("real")).expect("mkdir");
    std::os::unix::fs::symlink(outside.path(), project.join("sources")).expect("link out");
    std::os::unix::fs::symlink(project.join("real"), project.join("inside")).expect("link in");
    for bad in [
        "sources/a.txt",
        "../a.txt",
        "/tmp/a.txt",
        "sources/new/a.txt",
    ] {
        let error = storage::write_new_documents(&project, [(bad, b"x".as_slice())]).unwrap_err();
        assert!(
            matches!(error, StorageError::OutsideProject { .. }),
            "{bad}: {error}"
        );
    }
    // One bad path refuses the whole batch before anything is written.
    let batch = [
        ("ok.txt", b"x".as_slice()),
        ("sources/b.txt", b"y".as_slice()),
    ];
    assert!(storage::write_new_documents(&project, batch).is_err());
    assert!(!project.join("ok.txt").exists());
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("list").count(),
        0,
        "nothing outside"
    );

    storage::write_new_documents(
        &project,
        [
            ("inside/a.txt", b"x".as_slice()),
            ("new/deeper/b.txt", b"y".as_slice()),
        ],
    )
    .expect("inside");
    assert_eq!(
        std::fs::read(project.join("real/a.txt")).expect("read"),
        b"x"
    );
    assert_eq!(
        std::fs::read(project.join("new/deeper/b.txt")).expect("read"),
        b"y"
    );
}

/// The paths a project may list: relative and inside, on every platform.
#[test]
fn safe_relative_paths_are_told_apart() {
    for good in ["a.txt", "sub/a.txt", "a..b.txt", "./a.txt", "..a/b.txt"] {
        assert!(storage::is_safe_relative_path(good), "{good}");
    }
    for bad in [
        "", "/a", "\\a", "C:a", "c:\\a", "..", "a/..", "a\\..\\b", "a\0b",
    ] {
        assert!(!storage::is_safe_relative_path(bad), "{bad:?}");
    }
}

#[test]
fn a_moved_or_renamed_document_is_found_again_by_its_content() {
    let folder = sample_copy();
    let before = storage::open_project(folder.path()).expect("open");
    let record = before.workspace.project.documents[0].clone();
    let coded = before.workspace.project.annotations_of(&record.id).count();
    assert!(coded > 0);
    std::fs::create_dir(folder.path().join("archive")).expect("mkdir");
    let new_path = "archive/renamed.txt";
    std::fs::rename(
        folder.path().join(&record.path),
        folder.path().join(new_path),
    )
    .expect("move the document");

    let after = storage::open_project(folder.path()).expect("open again");
    assert_eq!(
        after.relocated,
        [storage::RelocatedDocument {
            from: record.path.clone(),
            to: new_path.to_owned()
        }]
    );
    assert!(after.missing.is_empty(), "{:?}", after.missing);
    assert_eq!(after.added_documents, 0, "not added as a new document");
    let moved = after.workspace.document(&record.id).expect("same id");
    assert_eq!(moved.path, new_path);
    assert!(
        after.workspace.text(&record.id).is_some(),
        "its text is loaded"
    );
    assert_eq!(
        after.workspace.project.annotations_of(&record.id).count(),
        coded
    );
    assert!(
        after.reanchored.is_empty(),
        "same content: nothing to re-anchor"
    );
}

#[test]
fn a_document_whose_content_is_in_two_new_places_stays_missing() {
    let folder = sample_copy();
    let before = storage::open_project(folder.path()).expect("open");
    let record = before.workspace.project.documents[0].clone();
    let original = folder.path().join(&record.path);
    std::fs::copy(&original, folder.path().join("copy one.txt")).expect("copy");
    std::fs::rename(&original, folder.path().join("copy two.txt")).expect("move");

    let after = storage::open_project(folder.path()).expect("open again");
    assert!(after.relocated.is_empty(), "ambiguous: not guessed");
    assert!(after.missing.iter().any(|m| m.path == record.path));
    assert_eq!(after.added_documents, 2);
}
