//! Faults the researcher does not choose: commands killed at random moments on a
//! large project, read-only folders, a full disk, odd file names, special
//! files and very large folders and documents. Each either works or fails with
//! a clear message, and nothing already saved is lost. Each test backs a line of
//! README's "Your work is safe".

use crate::storage_safety::{
    SAMPLE_DOC, annotate_args, gloss, gloss_command, read_project, sample_copy, stderr,
};
use gloss::model::format::project_from_json;
use gloss::model::ids::AnnotationId;
use gloss::storage;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A small seeded generator (SplitMix64): the same moments on every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// `count` lines for `gloss import-annotations` on the sample's first document,
/// each with a range no other line has.
fn import_lines(count: usize, salt: usize) -> String {
    (0..count)
        .map(|n| {
            let start = (n * 7 + salt) % 1500;
            let end = start + 3 + (n / 1500) + salt % 5;
            format!("{{\"doc\": \"{SAMPLE_DOC}\", \"start\": {start}, \"end\": {end}}}\n")
        })
        .collect()
}

/// The ids of the project file's annotations; panics with the round when it does not parse.
fn saved_ids(path: &Path, round: usize) -> BTreeSet<AnnotationId> {
    let text = std::fs::read_to_string(path).expect("the project file is still there");
    project_from_json(&text)
        .unwrap_or_else(|error| panic!("round {round}: torn project file: {error}"))
        .annotations
        .into_iter()
        .map(|a| a.id)
        .collect()
}

fn assert_backups_parse(path: &Path, round: usize) {
    for n in 1..=3 {
        if let Ok(backup) = std::fs::read_to_string(storage::backup_path(path, n)) {
            assert!(
                project_from_json(&backup).is_ok(),
                "round {round}: backup {n} is torn"
            );
        }
    }
}

/// Saves (`gloss annotate`) and imports (`gloss import-annotations`) on a
/// 50,000-annotation project, each killed (SIGKILL) after a seeded random
/// delay: after every round the file parses and holds exactly the state before
/// or after the command, every backup parses, and a lock left by the killed
/// process never stops the next command.
#[cfg(unix)]
#[test]
fn saves_and_imports_killed_at_random_moments_leave_the_state_before_or_after() {
    let folder = sample_copy();
    let dir = folder.path().to_str().expect("utf8");
    let path = folder.path().join("gloss.json");
    let bulk = folder.path().join("bulk.jsonl");
    std::fs::write(&bulk, import_lines(50_000, 0)).expect("write");
    let grow = gloss(
        &["import-annotations", dir, bulk.to_str().expect("utf8")],
        folder.path(),
    );
    assert!(grow.status.success(), "{}", stderr(&grow));
    let small = folder.path().join("small.jsonl");
    let mut before = saved_ids(&path, 0);
    assert!(before.len() >= 50_000, "{}", before.len());

    let mut random = Seeded(0x6c6f_7373_0010);
    let (mut killed, mut stale_locks) = (0, 0);
    // How long each kind of command takes here (import, annotate), measured
    // by the first two rounds, which run to the end.
    let mut typical = [Duration::ZERO; 2];
    for round in 1..=18_usize {
        let is_import = (round / 2) % 2 == 1;
        // Rounds 3, 5, 7… are killed; each next round runs to the end, after
        // the kill, and must not be stopped by what the killed one left.
        let kill = round > 2 && round % 2 == 1;
        let args: Vec<String> = if is_import {
            std::fs::write(&small, import_lines(40, round)).expect("write");
            ["import-annotations", dir, small.to_str().expect("utf8")]
                .map(str::to_owned)
                .to_vec()
        } else {
            annotate_args(dir, 1600 + round)
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let mut child = gloss_command(&args, folder.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let delay = typical[usize::from(is_import)].mul_f64(random.below(1000) as f64 / 1000.0);
        loop {
            if let Some(status) = child.try_wait().expect("status") {
                assert!(status.success(), "round {round}: {args:?} failed");
                if round <= 2 {
                    typical[usize::from(is_import)] = started.elapsed();
                }
                break;
            }
            if kill && started.elapsed() >= delay {
                child.kill().expect("kill");
                child.wait().expect("reap");
                killed += 1;
                let holder = std::fs::read_to_string(folder.path().join(".gloss.json.lock"))
                    .unwrap_or_default();
                if holder.trim() == child.id().to_string() {
                    stale_locks += 1;
                }
                break;
            }
            std::thread::yield_now();
        }
        let after = saved_ids(&path, round);
        let added = after.difference(&before).count();
        assert!(
            before.is_subset(&after),
            "round {round}: an annotation saved before was lost"
        );
        let expected_added = if is_import { 40 } else { 1 };
        assert!(
            added == expected_added || (kill && added == 0),
            "round {round}: {added} annotations added; the state before adds 0, after {expected_added}"
        );
        assert_backups_parse(&path, round);
        before = after;
    }
    // A last edit after all the kills goes through at once.
    let args = annotate_args(dir, 1700);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let last = gloss(&args, folder.path());
    assert!(last.status.success(), "{}", stderr(&last));
    assert_eq!(read_project(&path).annotations.len(), before.len() + 1);
    assert!(
        stale_locks >= 1,
        "{killed} killed, none while holding the lock: the rounds proved little"
    );
}

/// `gloss annotate` on the sample's first document with a memo of `memo_chars` characters.
fn annotate_with_memo(dir: &str, start: usize, memo_chars: usize) -> Vec<String> {
    let mut args = annotate_args(dir, start);
    args.extend(["--memo".to_owned(), "m".repeat(memo_chars)]);
    args
}

/// Leftover temporary files of saves in `folder` and its backups folder.
fn leftovers(folder: &Path) -> Vec<String> {
    [folder.to_path_buf(), folder.join(".gloss-backups")]
        .iter()
        .filter_map(|f| std::fs::read_dir(f).ok())
        .flat_map(|entries| entries.flatten())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".gloss-saving-"))
        .collect()
}

/// A full disk, made real with a file-size limit (`ulimit -f`, SIGXFSZ
/// ignored, so writing past it fails with EFBIG as a full disk fails with
/// ENOSPC): the save fails while writing its temporary file, when taking the
/// backup or the new file, and says that nothing was replaced; the old
/// project file and its backups stay whole and no temporary file is left.
#[cfg(unix)]
#[test]
fn a_full_disk_during_a_save_leaves_the_old_file_and_says_so() {
    let folder = sample_copy();
    let dir = folder.path().to_str().expect("utf8");
    let path = folder.path().join("gloss.json");
    let old = std::fs::read(&path).expect("read");
    let blocks_of = |bytes: usize| bytes.div_ceil(512);
    // Room for the backup (a copy of the old file) but not for the new file;
    // then room for almost nothing.
    for blocks in [blocks_of(old.len()), 4] {
        let args = annotate_with_memo(dir, 0, 4000);
        let mut command = std::process::Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_gloss"))
            .args(&args)
            .env("GLOSS_DATA_DIR", folder.path().join("data"))
            .env("GLOSS_CONFIG_DIR", folder.path().join("config"))
            .env("GLOSS_CODER", "full-disk");
        let output = command.output().expect("run");
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(5), "{blocks} blocks: {message}");
        assert!(
            message.contains("could not be written")
                && message.contains("nothing was replaced, the file there is as it was"),
            "{blocks} blocks: {message}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), old, "the old file");
        assert_backups_parse(&path, blocks);
        assert_eq!(leftovers(folder.path()), Vec::<String>::new());
    }
    // With room again, the same edit is saved.
    let args = annotate_with_memo(dir, 0, 4000);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = gloss(&args, folder.path());
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Runs `gloss` as an unprivileged user when the tests run as root (who may
/// write anywhere); `None` when that is not possible here.
#[cfg(unix)]
fn unprivileged_gloss(args: &[&str], folder: &Path) -> Option<std::process::Output> {
    use std::os::unix::fs::MetadataExt as _;
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let mut command = if root {
        let mut command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        command.arg(env!("CARGO_BIN_EXE_gloss"));
        command
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
    };
    let data = std::env::temp_dir().join("gloss-faults-unprivileged");
    let output = command
        .args(args)
        .env("GLOSS_DATA_DIR", &data)
        .env("GLOSS_CONFIG_DIR", &data)
        .env("GLOSS_CODER", "read-only-test")
        .current_dir(folder)
        .output();
    match output {
        Ok(output) => Some(output),
        Err(error) => {
            eprintln!("note: cannot run gloss unprivileged ({error}); read-only folder not tested");
            assert!(
                std::env::var_os("GLOSS_CI").is_none(),
                "setpriv is needed under GLOSS_CI as root"
            );
            None
        }
    }
}

/// A folder where no file can be created (mode 555) with a writable project
/// file in it: an edit is refused with a message naming the read-only folder
/// (not a lock-file error), and the project file is unchanged.
#[cfg(unix)]
#[test]
fn a_read_only_folder_is_named_and_nothing_is_written() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = sample_copy();
    let path = folder.path().join("gloss.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let old = std::fs::read(&path).expect("read");
    let dir = folder.path().to_str().expect("utf8");
    let args = annotate_args(dir, 0);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = unprivileged_gloss(&args, folder.path());
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod back");
    let Some(output) = outcome else { return };
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(5), "{message}");
    assert!(
        message.contains(&format!("{dir} is read-only (no file can be created in it"))
            && message.contains("nothing was written"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), old);
}

/// A file name of 255 bytes (the longest most file systems allow), in ASCII
/// and in Cyrillic, and a name that is not UTF-8: each is loaded, coded, saved
/// and found again with its annotation when the project is opened anew.
#[cfg(unix)]
#[test]
fn long_and_non_utf8_file_names_are_coded_and_found_again() {
    use std::os::unix::ffi::OsStrExt as _;
    let folder = tempfile::tempdir().expect("tempdir");
    let ascii = format!("{}.txt", "a".repeat(251));
    let cyrillic = format!("{}ab.txt", "ж".repeat(124));
    assert_eq!((ascii.len(), cyrillic.len()), (255, 254));
    let raw: Vec<u8> = b"Vu\xe8i\xe6.txt".to_vec();
    let names = [
        std::ffi::OsString::from(&ascii),
        std::ffi::OsString::from(&cyrillic),
        std::ffi::OsStr::from_bytes(&raw).to_owned(),
    ];
    for name in &names {
        std::fs::write(folder.path().join(name), "Kina gradi autoput do Beograda.").expect("write");
    }
    let dir = folder.path().to_str().expect("utf8");
    let scan = storage::scan_folder(folder.path());
    assert_eq!(scan.documents.len(), 3, "{:?}", scan.skipped);
    for (relative, _) in &scan.documents {
        let output = gloss(
            &[
                "annotate", dir, "--doc", relative, "--start", "0", "--end", "4",
            ],
            folder.path(),
        );
        assert!(output.status.success(), "{relative}: {}", stderr(&output));
    }
    let opened = storage::open_project(folder.path()).expect("open again");
    assert!(opened.missing.is_empty(), "{:?}", opened.missing);
    let workspace = &opened.workspace;
    assert_eq!(workspace.project.annotations.len(), 3);
    for annotation in &workspace.project.annotations {
        let text = workspace.text(&annotation.document).expect("loaded");
        assert_eq!(text.text.slice(annotation.range()), Some("Kina"));
    }
}

/// A folder of 10,000 small documents opens, takes an edit and opens again
/// with every document and the edit.
#[test]
fn ten_thousand_small_files_open_and_save() {
    let folder = tempfile::tempdir().expect("tempdir");
    for n in 0..10_000 {
        std::fs::write(
            folder.path().join(format!("doc-{n:05}.txt")),
            format!("Document {n}: Kina gradi autoput."),
        )
        .expect("write");
    }
    let dir = folder.path().to_str().expect("utf8");
    let output = gloss(
        &[
            "annotate",
            dir,
            "--doc",
            "doc-09999.txt",
            "--start",
            "0",
            "--end",
            "8",
        ],
        folder.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let opened = storage::open_project(folder.path()).expect("open again");
    assert_eq!(opened.workspace.project.documents.len(), 10_000);
    assert!(opened.skipped.is_empty() && opened.missing.is_empty());
    assert_eq!(opened.workspace.project.annotations.len(), 1);
}

/// A 50 MB document (under the 256 MB limit) opens, a passage near its end is
/// coded, and the project opens again with the passage's text where it was.
#[test]
fn a_fifty_megabyte_document_is_coded_and_found_again() {
    let folder = tempfile::tempdir().expect("tempdir");
    let line = "Predsednik Vučić i 习近平 otvorili su most u Zemunu. Kina gradi autoput.\n";
    let mut text = line.repeat(50_000_000 / line.len() + 1);
    text.push_str("KRAJ");
    std::fs::write(folder.path().join("big.txt"), &text).expect("write");
    let end = text.chars().count();
    let dir = folder.path().to_str().expect("utf8");
    let (start, end) = ((end - 4).to_string(), end.to_string());
    let output = gloss(
        &[
            "annotate", dir, "--doc", "big.txt", "--start", &start, "--end", &end,
        ],
        folder.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let opened = storage::open_project(folder.path()).expect("open again");
    let annotation = &opened.workspace.project.annotations[0];
    let loaded = opened.workspace.text(&annotation.document).expect("text");
    assert_eq!(loaded.text.slice(annotation.range()), Some("KRAJ"));
}

/// One hand edit of the sample's project file, as text.
struct HandEdit {
    what: &'static str,
    edit: fn(&str) -> String,
    /// Exit code of every command on the edited file (3: unreadable; 4: refused).
    code: i32,
    /// What the message must say.
    says: &'static [&'static str],
}

fn hand_edits() -> Vec<HandEdit> {
    fn json_edit(text: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(text).expect("json");
        change(&mut value);
        serde_json::to_string_pretty(&value).expect("json")
    }
    vec![
        HandEdit {
            what: "a comma too many",
            edit: |text| text.replacen("\"version\": 1,", "\"version\": 1,,", 1),
            code: 3,
            says: &["not valid JSON at line 3, column"],
        },
        HandEdit {
            what: "cut short",
            edit: |text| text[..text.floor_char_boundary(text.len() / 2)].to_owned(),
            code: 3,
            says: &["not valid JSON at line", "EOF while parsing"],
        },
        HandEdit {
            what: "a number as text",
            edit: |text| json_edit(text, |v| v["annotations"][0]["start"] = "twelve".into()),
            code: 3,
            says: &["malformed at line", "invalid type: string \"twelve\""],
        },
        HandEdit {
            what: "a list where a text belongs",
            edit: |text| {
                json_edit(text, |v| {
                    v["codebook"]["topics"][0]["name"] = serde_json::json!([1]);
                })
            },
            code: 3,
            says: &["malformed at line", "invalid type: sequence"],
        },
        HandEdit {
            what: "two annotations with one id",
            edit: |text| {
                json_edit(text, |v| {
                    let id = v["annotations"][0]["id"].clone();
                    v["annotations"][1]["id"] = id;
                })
            },
            code: 4,
            says: &["duplicate id", "nothing was written"],
        },
        HandEdit {
            what: "a topic that does not exist",
            edit: |text| {
                json_edit(text, |v| {
                    v["annotations"][2]["topics"] = serde_json::json!(["topic-gone"]);
                })
            },
            code: 4,
            says: &["unknown topic `topic-gone`", "nothing was written"],
        },
        HandEdit {
            what: "nesting 10,000 deep",
            edit: |text| {
                let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
                text.replacen('{', &format!("{{\"futureKey\": {deep},"), 1)
            },
            code: 3,
            says: &["recursion limit exceeded", "line 1, column"],
        },
    ]
}

/// Hand-edited project files: invalid JSON, wrong types, duplicate ids, an
/// unknown topic, deep nesting. Reading
/// (`stats`, `check`), editing (`annotate`) and importing
/// (`import-annotations`) each exit with the code and message the fault
/// deserves (line and column where the text is broken, each problem where it
/// is sound JSON), never panic, and never change the broken file.
#[test]
fn hand_edited_project_files_get_a_clear_message_and_are_never_overwritten() {
    let folder = sample_copy();
    let dir = folder.path().to_str().expect("utf8");
    let path = folder.path().join("gloss.json");
    let sample = std::fs::read_to_string(&path).expect("read");
    let one = folder.path().join("one.jsonl");
    std::fs::write(
        &one,
        format!("{{\"doc\": \"{SAMPLE_DOC}\", \"start\": 1, \"end\": 9}}\n"),
    )
    .expect("write");
    let annotate = annotate_args(dir, 0);
    let commands: Vec<Vec<&str>> = vec![
        vec!["stats", dir],
        vec!["check", dir],
        annotate.iter().map(String::as_str).collect(),
        vec!["import-annotations", dir, one.to_str().expect("utf8")],
    ];
    for case in hand_edits() {
        let broken = (case.edit)(&sample);
        assert_ne!(broken, sample, "{}: the edit changed the file", case.what);
        std::fs::write(&path, &broken).expect("write");
        for args in &commands {
            let output = gloss(args, folder.path());
            let message = stderr(&output);
            assert!(
                !message.contains("panicked"),
                "{}: {args:?}: {message}",
                case.what
            );
            let reading_check = args[0] == "check" && case.code == 4;
            let expected = if reading_check {
                1
            } else if args[0] == "stats" && case.code == 4 {
                0
            } else {
                case.code
            };
            assert_eq!(
                output.status.code(),
                Some(expected),
                "{}: {args:?}: {message}",
                case.what
            );
            if expected != 0 {
                for needle in case.says {
                    let needle = if reading_check {
                        needle.replace("nothing was written", "")
                    } else {
                        (*needle).to_owned()
                    };
                    assert!(
                        message.contains(&needle),
                        "{}: {args:?}: {message}",
                        case.what
                    );
                }
            }
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                broken,
                "{}: {args:?} changed the broken file",
                case.what
            );
        }
    }
}

/// A hand edit that moves a passage past the end of its (unchanged) document:
/// opening repairs it by re-anchoring it on its quote. `check` reports the
/// repair without saving; an edit saves it, reports it, and always keeps the
/// hand-edited file as backup 1, even when a fresh backup was taken moments ago.
#[test]
fn a_passage_past_the_end_is_repaired_reported_and_the_hand_edited_file_backed_up() {
    let folder = sample_copy();
    let dir = folder.path().to_str().expect("utf8");
    let path = folder.path().join("gloss.json");
    // An edit first, so that a backup younger than five minutes exists.
    let args = annotate_args(dir, 0);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(gloss(&args, folder.path()).status.success());
    assert!(storage::backup_path(&path, 1).exists());
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    let quote = value["annotations"][0]["anchor"]["exact"].clone();
    let length = quote.as_str().expect("quote").chars().count();
    value["annotations"][0]["start"] = 10_000_000.into();
    value["annotations"][0]["end"] = (10_000_000 + length).into();
    let broken = serde_json::to_string_pretty(&value).expect("json");
    std::fs::write(&path, &broken).expect("write");

    let check = gloss(&["check", dir], folder.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("re-anchored: 3 exact, 1 moved"),
        "{}",
        stderr(&check)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        broken,
        "check writes nothing"
    );

    let args = annotate_args(dir, 20);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let edit = gloss(&args, folder.path());
    let message = stderr(&edit);
    assert!(edit.status.success(), "{message}");
    assert!(
        message.contains("its passages were not at their offsets")
            && message.contains("re-anchored: 3 exact, 1 moved")
            && message.contains("the file as it was before these repairs is kept as"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path, 1)).expect("backup"),
        broken,
        "the hand-edited file is backup 1"
    );
    let repaired = read_project(&path);
    let moved = repaired
        .annotations
        .iter()
        .find(|a| a.id.as_str() == value["annotations"][0]["id"])
        .expect("kept, never dropped");
    assert!(moved.end.0 < 10_000_000, "re-anchored on its quote");
}
