//! Tests of the command-line contract, running the real `gloss` binary.

use gloss::cli::{CliError, Invocation, Refusal};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Hand-edited and hostile project files on the command line.
mod robustness;
/// `gloss codebook unify` after a merge.
mod unify;

fn gloss(args: &[&str], data_dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("GLOSS_DATA_DIR", data_dir.join("data"))
        .env("GLOSS_CONFIG_DIR", data_dir.join("config"))
        .env("GLOSS_CODER", "cli-test")
        .output()
        .expect("run gloss")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the sample corpus and project in a temporary folder.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    gloss::storage::write_sample(folder.path()).expect("write sample");
    let path = folder.path().to_path_buf();
    (folder, path)
}

fn folder_listing(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn stats_json_describes_documents_and_skipped_files_without_writing() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(folder.path().join("sub")).expect("mkdir");
    std::fs::write(folder.path().join("sub/one.txt"), "Vučić\r\nВучић\r\n").expect("write");
    std::fs::write(folder.path().join("two.md"), "中国 🙂").expect("write");
    std::fs::write(folder.path().join("bad.txt"), [0u8, 159, 146, 150, 0]).expect("write");
    let before = folder_listing(folder.path());
    let output = gloss(
        &["stats", folder.path().to_str().expect("utf8"), "--json"],
        folder.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("one JSON object");
    let documents = value["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 2);
    let one = documents
        .iter()
        .find(|d| d["path"] == "sub/one.txt")
        .expect("sub/one.txt, slash-separated");
    assert_eq!(one["chars"], 12, "CRLF counted as one LF each");
    assert_eq!(one["encoding"], "UTF-8");
    assert_eq!(one["line_endings"], "CRLF");
    assert_eq!(one["annotations"], 0);
    assert_eq!(one["sha256"].as_str().map(str::len), Some(64));
    let two = documents
        .iter()
        .find(|d| d["path"] == "two.md")
        .expect("two.md");
    assert_eq!(two["chars"], 4);
    assert_eq!(value["skipped"][0]["path"], "bad.txt");
    assert!(
        value["skipped"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("binary")
    );
    assert_eq!(value["totals"]["documents"], 2);
    assert_eq!(
        folder_listing(folder.path()),
        before,
        "stats writes nothing"
    );
}

#[test]
fn check_passes_on_the_sample_and_names_each_problem() {
    let (_guard, folder) = sample_copy();
    let ok = gloss(&["check", folder.to_str().expect("utf8")], &folder);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).starts_with("ok: 5 documents"));

    // Change a document under an annotation: check names the file and the annotation,
    // re-anchored approximately and marked for review.
    let path = folder.join("000_3c628aea443456d3.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace("China is the only country", "China is the one country"),
    )
    .expect("write");
    let bad = gloss(&["check", folder.to_str().expect("utf8")], &folder);
    assert_eq!(bad.status.code(), Some(1));
    let problems = stderr(&bad);
    assert!(
        problems.contains("000_3c628aea443456d3.txt: the file changed"),
        "{problems}"
    );
    assert!(
        problems.contains("re-anchored approximately at"),
        "{problems}"
    );
}

#[test]
fn annotate_then_export_gives_back_the_exact_slice() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let doc = "001_632874f96479a343.txt";
    let text = gloss::sample::SAMPLE_DOCUMENTS[1].1;
    let wanted = "Huawei";
    let byte_start = text.find(wanted).expect("Huawei occurs");
    let start = text[..byte_start].chars().count();
    let end = start + wanted.chars().count();
    let output = gloss(
        &[
            "annotate",
            dir,
            "--doc",
            doc,
            "--start",
            &start.to_string(),
            "--end",
            &end.to_string(),
            "--topic",
            "Huawei and 5G",
            "--stance",
            "neutral",
            "--holder",
            "Serbia",
            "--target",
            "Huawei",
            "--memo",
            "test memo",
        ],
        &folder,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let id = stdout(&output).trim().to_owned();
    assert!(id.starts_with("ann-"), "{id}");

    let export = gloss(&["export", dir, "--format", "jsonl"], &folder);
    assert!(export.status.success(), "{}", stderr(&export));
    let rows: Vec<serde_json::Value> = stdout(&export)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(rows.len(), 31);
    let row = rows
        .iter()
        .find(|r| r["id"] == id.as_str())
        .expect("new row");
    assert_eq!(row["text"], wanted);
    assert_eq!(row["document"], doc);
    assert_eq!(row["start"], start);
    assert_eq!(row["topics"], serde_json::json!(["Huawei and 5G"]));
    assert_eq!(row["stance"], "neutral");
    assert_eq!(row["holder"], "Serbia");
    assert_eq!(row["target"], "Huawei");
    assert_eq!(row["memo"], "test memo");
    assert_eq!(row["coder"], "cli-test");
    let keys: Vec<&str> = row
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        "id document start end page heading_path text topics stance holder target memo coder \
         created modified status"
            .split_whitespace()
            .collect::<Vec<_>>()
    );
    // Every exported text is exactly the slice of the canonical text.
    for row in &rows {
        let name = row["document"].as_str().expect("document");
        let contents = std::fs::read_to_string(folder.join(name)).expect("doc");
        let (s, e) = (
            row["start"].as_u64().expect("start") as usize,
            row["end"].as_u64().expect("end") as usize,
        );
        let slice: String = contents.chars().skip(s).take(e - s).collect();
        assert_eq!(row["text"], slice.as_str());
    }
    let out_file = folder.join("out.jsonl");
    let to_file = gloss(
        &[
            "export",
            dir,
            "--format",
            "jsonl",
            "--out",
            out_file.to_str().expect("utf8"),
        ],
        &folder,
    );
    assert!(to_file.status.success());
    assert_eq!(
        std::fs::read_to_string(out_file).expect("out"),
        stdout(&export)
    );
}

#[test]
fn refused_annotations_leave_the_file_untouched() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let project = folder.join("gloss.json");
    let before = std::fs::read(&project).expect("read");
    let cases: [&[&str]; 5] = [
        &[
            "annotate",
            dir,
            "--doc",
            "004_a6f68bb0ea23fe15.txt",
            "--start",
            "10",
            "--end",
            "999999",
        ],
        &[
            "annotate",
            dir,
            "--doc",
            "004_a6f68bb0ea23fe15.txt",
            "--start",
            "10",
            "--end",
            "10",
        ],
        &[
            "annotate", dir, "--doc", "nope.txt", "--start", "0", "--end", "5",
        ],
        &[
            "annotate",
            dir,
            "--doc",
            "004_a6f68bb0ea23fe15.txt",
            "--start",
            "0",
            "--end",
            "5",
            "--topic",
            "No such topic",
        ],
        &[
            "annotate",
            dir,
            "--doc",
            "004_a6f68bb0ea23fe15.txt",
            "--start",
            "0",
            "--end",
            "5",
            "--holder",
            "Atlantis",
        ],
    ];
    for args in cases {
        let output = gloss(args, &folder);
        assert_eq!(
            output.status.code(),
            Some(4),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "one readable line: {message}");
        assert!(message.starts_with("gloss: "));
    }
    assert_eq!(std::fs::read(&project).expect("read"), before);
}

#[test]
fn import_annotations_is_all_or_nothing() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let doc = "004_a6f68bb0ea23fe15.txt";
    let good = folder.join("good.jsonl");
    std::fs::write(
        &good,
        format!(
            "{{\"doc\": \"{doc}\", \"start\": 1, \"end\": 8, \"topics\": [\"Kosovo\"], \"stance\": \"critical\"}}\n\
             {{\"document\": \"{doc}\", \"start\": 9, \"end\": 18, \"topic\": \"EU accession\", \"holder\": \"Kosovo\", \"memo\": \"m\"}}\n"
        ),
    )
    .expect("write");
    let bad = folder.join("bad.jsonl");
    std::fs::write(
        &bad,
        format!(
            "{{\"doc\": \"{doc}\", \"start\": 1, \"end\": 8}}\n{{\"doc\": \"{doc}\", \"start\": 1, \"end\": 8, \"stance\": \"ecstatic\"}}\n"
        ),
    )
    .expect("write");
    let project = folder.join("gloss.json");
    let before = std::fs::read(&project).expect("read");
    let refused = gloss(
        &["import-annotations", dir, bad.to_str().expect("utf8")],
        &folder,
    );
    assert_eq!(refused.status.code(), Some(4));
    assert!(
        stderr(&refused).contains("bad.jsonl:2"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read(&project).expect("read"), before);

    let imported = gloss(
        &["import-annotations", dir, good.to_str().expect("utf8")],
        &folder,
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let stats = gloss(&["stats", dir, "--json"], &folder);
    let value: serde_json::Value = serde_json::from_str(&stdout(&stats)).expect("json");
    assert_eq!(value["totals"]["annotations"], 32);
}

#[test]
fn codebook_edits_from_the_command_line() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let add = gloss(
        &[
            "codebook",
            dir,
            "add-topic",
            "Energy",
            "--parent",
            "Trade and investment",
            "--color",
            "#123abc",
        ],
        &folder,
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert!(stdout(&add).starts_with("topic-"), "prints the new id");
    let stance = gloss(
        &[
            "codebook",
            dir,
            "add-stance",
            "ambivalent",
            "--polarity",
            "-1",
        ],
        &folder,
    );
    assert!(stance.status.success(), "{}", stderr(&stance));
    assert!(
        stdout(&stance).starts_with("stance-"),
        "{}",
        stdout(&stance)
    );
    let actor = gloss(&["codebook", dir, "add-actor", "Hungary"], &folder);
    assert!(actor.status.success(), "{}", stderr(&actor));
    assert!(stdout(&actor).starts_with("actor-"), "{}", stdout(&actor));
    let duplicate = gloss(&["codebook", dir, "add-actor", "hungary"], &folder);
    assert_eq!(duplicate.status.code(), Some(4));
    assert_eq!(
        stderr(&duplicate),
        "gloss: a actor named `hungary` already exists\n"
    );
    let rename = gloss(
        &[
            "codebook",
            dir,
            "rename",
            "topic",
            "Kosovo",
            "Kosovo question",
        ],
        &folder,
    );
    assert!(rename.status.success(), "{}", stderr(&rename));
    let list = stdout(&gloss(&["codebook", dir, "list"], &folder));
    assert!(
        list.contains("    #123ABC Energy (0 annotations)"),
        "{list}"
    );
    assert!(list.contains("Kosovo question"));
    assert!(list.contains("ambivalent (polarity -1)"));

    let refused = gloss(
        &["codebook", dir, "remove", "topic", "Kosovo question"],
        &folder,
    );
    assert_eq!(refused.status.code(), Some(4));
    assert!(
        stderr(&refused).contains("--detach"),
        "{}",
        stderr(&refused)
    );
    let export_before = stdout(&gloss(&["export", dir, "--format", "jsonl"], &folder));
    let detach = gloss(
        &[
            "codebook",
            dir,
            "remove",
            "topic",
            "Kosovo question",
            "--detach",
        ],
        &folder,
    );
    assert!(detach.status.success(), "{}", stderr(&detach));
    let export_after = stdout(&gloss(&["export", dir, "--format", "jsonl"], &folder));
    assert_eq!(
        export_before.lines().count(),
        export_after.lines().count(),
        "no annotation dropped"
    );
    assert!(!export_after.contains("Kosovo question"));
    assert!(gloss(&["check", dir], &folder).status.success());
}

#[test]
fn a_folder_without_project_gets_one_at_the_first_edit_only() {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("notes.txt"), "Kina gradi autoput.").expect("write");
    let dir = folder.path().to_str().expect("utf8");
    for args in [
        &["stats", dir][..],
        &["check", dir],
        &["export", dir, "--format", "jsonl"],
        &["codebook", dir, "list"],
    ] {
        assert!(gloss(args, folder.path()).status.success(), "{args:?}");
    }
    assert_eq!(
        folder_listing(folder.path()),
        ["notes.txt"],
        "read-only commands write nothing"
    );
    let add = gloss(
        &["codebook", dir, "add-topic", "Infrastructure"],
        folder.path(),
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert!(folder.path().join("gloss.json").is_file());
    let annotate = gloss(
        &[
            "annotate",
            dir,
            "--doc",
            "notes.txt",
            "--start",
            "0",
            "--end",
            "4",
            "--topic",
            "infrastructure",
        ],
        folder.path(),
    );
    assert!(annotate.status.success(), "{}", stderr(&annotate));
    let saved = std::fs::read_to_string(folder.path().join("gloss.json")).expect("read");
    assert!(saved.contains("\"path\": \"notes.txt\""));
    assert!(saved.contains("\"exact\": \"Kina\""));
}

#[test]
fn newer_and_corrupt_projects_give_one_clear_line_and_exit_3() {
    let folder = tempfile::tempdir().expect("tempdir");
    let project = folder.path().join("gloss.json");
    std::fs::write(&project, "{\"format\": \"gloss-project\", \"version\": 99}").expect("write");
    let newer = gloss(&["stats", project.to_str().expect("utf8")], folder.path());
    assert_eq!(newer.status.code(), Some(3));
    assert!(stderr(&newer).contains("newer Gloss"), "{}", stderr(&newer));
    std::fs::write(
        &project,
        "{\n\"format\": \"gloss-project\",\n\"version\": 1,\n\"documents\": [}\n",
    )
    .expect("write");
    let corrupt = gloss(
        &[
            "annotate",
            project.to_str().expect("utf8"),
            "--doc",
            "x",
            "--start",
            "0",
            "--end",
            "1",
        ],
        folder.path(),
    );
    assert_eq!(corrupt.status.code(), Some(3));
    assert!(
        stderr(&corrupt).contains("line 4, column"),
        "{}",
        stderr(&corrupt)
    );
    let missing = gloss(&["stats", "/definitely/not/here"], folder.path());
    assert_eq!(missing.status.code(), Some(3));
}

#[test]
fn help_documents_the_exit_codes() {
    let folder = tempfile::tempdir().expect("tempdir");
    let help = gloss(&["--help"], folder.path());
    assert!(help.status.success());
    let text = stdout(&help);
    for needle in [
        "Exit codes:",
        "stats",
        "check",
        "annotate",
        "codebook",
        "import-annotations",
        "export",
    ] {
        assert!(text.contains(needle), "{needle} in --help");
    }
}

/// Kills `gloss import-annotations` at many moments of its save (see [`KillMoment`]):
/// the project file must always be either the old or the new version, never torn.
#[test]
fn a_killed_save_leaves_the_old_or_the_new_file() {
    use gloss::model::format::project_from_json;
    let folder = tempfile::tempdir().expect("tempdir");
    let text: String = gloss::sample::SAMPLE_DOCUMENTS
        .iter()
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(20);
    std::fs::write(folder.path().join("big.txt"), &text).expect("write doc");
    std::fs::write(
        folder.path().join("gloss.json"),
        gloss::sample::SAMPLE_PROJECT_JSON,
    )
    .expect("project");
    let dir = folder.path().to_str().expect("utf8");
    // Grow the project so that a save takes a while.
    let length = text.chars().count();
    let lines: String = (0..20_000)
        .map(|i| {
            let start = (i * 37) % (length - 100);
            format!("{{\"doc\": \"big.txt\", \"start\": {start}, \"end\": {}, \"topic\": \"Kosovo\", \"memo\": \"memo {i}\"}}\n", start + 60)
        })
        .collect();
    let bulk = folder.path().join("bulk.jsonl");
    std::fs::write(&bulk, lines).expect("write jsonl");
    let grow = gloss(
        &["import-annotations", dir, bulk.to_str().expect("utf8")],
        folder.path(),
    );
    assert!(grow.status.success(), "{}", stderr(&grow));
    let one = folder.path().join("one.jsonl");
    std::fs::write(
        &one,
        "{\"doc\": \"big.txt\", \"start\": 0, \"end\": 5, \"topic\": \"EU accession\"}\n",
    )
    .expect("write");

    let project_file = folder.path().join("gloss.json");
    let mut counts = std::collections::BTreeSet::new();
    for attempt in 0..24u64 {
        remove_leftover_temporary_files(folder.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(["import-annotations", dir, one.to_str().expect("utf8")])
            .env("GLOSS_CODER", "killer")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let (moment, pid) = (KillMoment::for_attempt(attempt), child.id());
        kill_when(&mut child, || moment.has_come(folder.path(), pid));
        let contents = std::fs::read_to_string(&project_file).expect("project file still there");
        let project = project_from_json(&contents)
            .unwrap_or_else(|e| panic!("attempt {attempt} ({moment:?}): torn file: {e}"));
        counts.insert(project.annotations.len());
    }
    let minimum = *counts.first().expect("some");
    assert!(minimum >= 20_030, "no annotation lost: {counts:?}");
    assert!(counts.iter().all(|&n| n <= minimum + 24), "{counts:?}");
}

/// When a test kills the saving command: at what it has done on disk, never at a
/// wall-clock delay.
#[derive(Clone, Copy, Debug)]
enum KillMoment {
    /// Once it holds the project's lock (read done, save about to start).
    Locked,
    /// Once its temporary file exists.
    WritingStarted,
    /// Once its temporary file holds this many eighths of the project file's length.
    Written { eighths: u64 },
}

impl KillMoment {
    fn for_attempt(attempt: u64) -> Self {
        match attempt % 3 {
            0 => Self::Locked,
            1 => Self::WritingStarted,
            _ => Self::Written {
                eighths: attempt / 3,
            },
        }
    }

    fn has_come(self, folder: &Path, pid: u32) -> bool {
        let temporary = temporary_file_len(folder);
        match self {
            Self::Locked => std::fs::read_to_string(folder.join(".gloss.json.lock"))
                .is_ok_and(|holder| holder.trim() == pid.to_string()),
            Self::WritingStarted => temporary.is_some(),
            Self::Written { eighths } => {
                let full = std::fs::metadata(folder.join("gloss.json")).map_or(0, |m| m.len());
                temporary.is_some_and(|len| len * 8 >= full * eighths)
            }
        }
    }
}

/// Polls until `moment()` (then kills the child) or until the child is done.
fn kill_when(child: &mut std::process::Child, moment: impl Fn() -> bool) {
    loop {
        if child.try_wait().expect("child status").is_some() {
            return;
        }
        if moment() {
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        std::thread::yield_now();
    }
}

/// Length of the save's temporary file in `folder`, if one is there.
fn temporary_file_len(folder: &Path) -> Option<u64> {
    std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .find(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with(".gloss-saving-")
        })
        .and_then(|entry| entry.metadata().ok())
        .map(|metadata| metadata.len())
}

/// A killed save leaves its temporary file; remove it so the next attempt sees its own.
fn remove_leftover_temporary_files(folder: &Path) {
    for entry in std::fs::read_dir(folder).expect("list").flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".gloss-saving-")
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[test]
fn missing_corrupt_newer_and_locked_projects_keep_their_exit_codes_and_messages() {
    let folder = tempfile::tempdir().expect("tempdir");
    let expect_failure = |args: &[&str], code: i32, message: String| {
        let output = gloss(args, folder.path());
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        assert_eq!(stderr(&output), message, "{args:?}");
        assert_eq!(stdout(&output), "", "{args:?}: nothing on stdout");
    };
    let gone = "gloss: /definitely/not/here does not exist\n".to_owned();
    expect_failure(&["stats", "/definitely/not/here"], 3, gone.clone());
    expect_failure(
        &[
            "annotate",
            "/definitely/not/here",
            "--doc",
            "x",
            "--start",
            "0",
            "--end",
            "1",
        ],
        3,
        gone,
    );

    let corrupt = folder.path().join("corrupt.json");
    std::fs::write(
        &corrupt,
        "{\n\"format\": \"gloss-project\",\n\"version\": 1,\n\"documents\": [}\n",
    )
    .expect("write");
    let corrupt = corrupt.to_str().expect("utf8");
    expect_failure(
        &["check", corrupt],
        3,
        format!("gloss: {corrupt}: not valid JSON at line 4, column 15: expected value\n"),
    );
    let newer = folder.path().join("newer.json");
    std::fs::write(&newer, "{\"format\": \"gloss-project\", \"version\": 99}").expect("write");
    let newer = newer.to_str().expect("utf8");
    expect_failure(
        &["export", newer, "--format", "csv"],
        3,
        format!(
            "gloss: {newer}: this project was written by a newer Gloss (file version 99, this build reads up to 1); update Gloss to open it\n"
        ),
    );
    let no_input = folder.path().join("none.jsonl");
    let no_input = no_input.to_str().expect("utf8");
    let (_sample, sample) = sample_copy();
    let sample = sample.to_str().expect("utf8");
    expect_failure(
        &["import-annotations", sample, no_input],
        3,
        format!("gloss: {no_input}: No such file or directory (os error 2)\n"),
    );

    // Another Gloss holds the lock: edits exit 5 and name the holder; reading still works.
    let project_file = Path::new(sample).join("gloss.json");
    let _lock = gloss::storage::ProjectLock::acquire(&project_file).expect("lock");
    expect_failure(
        &["codebook", sample, "add-actor", "Hungary"],
        5,
        format!(
            "gloss: {} is open in another Gloss window or command (process {}); close it there first (nothing was written)\n",
            project_file.display(),
            std::process::id()
        ),
    );
    assert!(gloss(&["stats", sample], folder.path()).status.success());
}

/// Runs a command in this process, as `main` does, with buffers for its streams.
fn run_in_process(args: &[&str]) -> (Result<(), CliError>, String, String) {
    let arguments = std::iter::once("gloss").chain(args.iter().copied());
    let Ok(Invocation::Command(command)) = gloss::cli::parse_from(arguments) else {
        panic!("{args:?} is a subcommand");
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = gloss::cli::run(command, &mut gloss::cli::Output::new(&mut out, &mut err));
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf8");
    (result, text(out), text(err))
}

/// A folder of two documents (one with CRLF line ends) and one binary file.
fn small_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("notes.txt"), "Kina gradi autoput.").expect("write");
    std::fs::write(folder.path().join("srpski.txt"), "Vučić\r\nВучић\r\n").expect("write");
    std::fs::write(folder.path().join("bad.txt"), b"a\0b").expect("write");
    folder
}

#[test]
fn stats_prints_a_row_per_document_then_skipped_files_and_totals() {
    let folder = small_folder();
    let (result, out, err) = run_in_process(&["stats", folder.path().to_str().expect("utf8")]);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(
        out,
        "PATH                                          CHARS ENCODING     EOL      ANN  TITLE\n\
         notes.txt                                        19 UTF-8        none       0  notes\n\
         srpski.txt                                       12 UTF-8        CRLF       0  srpski\n\
         skipped bad.txt: binary content: contains NUL bytes and no UTF-16 byte-order mark\n\
         2 documents, 31 chars, 0 annotations, 1 skipped, 0 missing\n"
    );
    assert_eq!(err, "");
}

#[test]
fn check_prints_each_problem_on_stderr_and_counts_them() {
    let folder = small_folder();
    let (result, out, err) = run_in_process(&["check", folder.path().to_str().expect("utf8")]);
    assert!(
        matches!(result, Err(CliError::ProblemsFound { count: 1 })),
        "{result:?}"
    );
    assert_eq!(out, "");
    assert_eq!(
        err,
        "bad.txt: skipped, binary content: contains NUL bytes and no UTF-16 byte-order mark\n"
    );
}

#[test]
fn search_lists_hits_in_context_with_totals() {
    let folder = small_folder();
    let (result, out, _) =
        run_in_process(&["search", folder.path().to_str().expect("utf8"), "vucic"]);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(
        out,
        "srpski.txt  (2 hits)  srpski\n         0  …[Vučić] Вучић…\n         6  …Vučić [Вучић] …\n2 hits in 1 document\n"
    );
}

#[test]
fn refusals_are_typed_and_exit_4() {
    let (_guard, folder) = sample_copy();
    let dir = folder.to_str().expect("utf8");
    let (unknown_document, ..) = run_in_process(&[
        "annotate", dir, "--doc", "nope.txt", "--start", "0", "--end", "5",
    ]);
    let error = unknown_document.expect_err("refused");
    assert!(
        matches!(&error, CliError::Refused(Refusal::UnknownDocument(path)) if path == "nope.txt"),
        "{error:?}"
    );
    assert_eq!(error.exit_code(), 4);
    let (bad_attribute, ..) = run_in_process(&["export", dir, "--format", "csv", "--attr", "x"]);
    let error = bad_attribute.expect_err("refused");
    assert_eq!(error.to_string(), "--attr `x` is not of the form KEY=VALUE");
    assert_eq!(error.exit_code(), 4);
}

/// Every `--help` screen, byte for byte: scripts and users read them as the contract.
/// After a deliberate change, write the new screens to `tests/fixtures/cli/help.txt`
/// (each as `$ gloss ARGS`, the output, a blank line).
#[test]
fn help_screens_are_unchanged() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/help.txt");
    let expected = std::fs::read_to_string(fixture).expect("fixture");
    let folder = tempfile::tempdir().expect("tempdir");
    let mut actual = String::new();
    for screen in expected.split("$ gloss ").filter(|s| !s.is_empty()) {
        let command = screen.lines().next().expect("command line");
        let args: Vec<&str> = command.split(' ').collect();
        let output = gloss(&args, folder.path());
        assert!(output.status.success(), "{command}");
        actual.push_str(&format!("$ gloss {command}\n{}\n", stdout(&output)));
    }
    assert_eq!(actual, expected);
    assert_eq!(
        expected.matches("$ gloss ").count(),
        25,
        "every screen checked"
    );
}
