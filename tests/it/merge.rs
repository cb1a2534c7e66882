//! Merging projects from the command line: `gloss merge` (three-way and
//! `--unrelated`), and real `git merge` through `gloss merge-driver` as
//! `gloss git-setup` configures it (skipped with a note when git is missing,
//! required when `GLOSS_CI` is set).

use gloss::model::format::project_from_json;
use gloss::model::project::Project;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GLOSS: &str = env!("CARGO_BIN_EXE_gloss");
/// The sample annotation both branches give a memo.
const SHARED: &str = "ann-002";

fn gloss(args: &[&str], home: &Path) -> Output {
    Command::new(GLOSS)
        .args(args)
        .env("GLOSS_DATA_DIR", home.join("data"))
        .env("GLOSS_CONFIG_DIR", home.join("config"))
        .env("GLOSS_CODER", "merge-test")
        .output()
        .expect("run gloss")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> Project {
    project_from_json(&std::fs::read_to_string(path).expect("read project")).expect("a project")
}

fn read_value(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("JSON")
}

/// Rewrites one annotation's memo in the project file, as a hand edit would.
fn set_memo(project_file: &Path, id: &str, memo: &str) {
    let mut value = read_value(project_file);
    let annotation = value["annotations"]
        .as_array_mut()
        .expect("annotations")
        .iter_mut()
        .find(|a| a["id"] == id)
        .expect("annotation");
    annotation["memo"] = json!(memo);
    let mut written = serde_json::to_string_pretty(&value).expect("JSON");
    written.push('\n');
    std::fs::write(project_file, written).expect("write");
}

fn ids(project: &Project) -> Vec<String> {
    let mut ids: Vec<String> = project.annotations.iter().map(|a| a.id.0.clone()).collect();
    ids.sort();
    ids
}

/// Adds an annotation with `gloss annotate`; returns its id.
fn annotate(folder: &Path, home: &Path, document: &str, start: usize, end: usize) -> String {
    let output = gloss(
        &[
            "annotate",
            folder.to_str().expect("utf8"),
            "--doc",
            document,
            "--start",
            &start.to_string(),
            "--end",
            &end.to_string(),
        ],
        home,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout).trim().to_string()
}

fn git_available() -> bool {
    if Command::new("git").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("GLOSS_CI").is_none(),
        "git is required when GLOSS_CI is set"
    );
    eprintln!("skipped: git is not installed, so merging through git is not tested");
    false
}

/// Runs git in `repo` with a configuration of its own (no user or system files).
fn git(repo: &Path, args: &[&str]) -> Output {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", repo.join("no-global-config"))
        .env("GIT_AUTHOR_NAME", "Coder")
        .env("GIT_AUTHOR_EMAIL", "coder@example.org")
        .env("GIT_COMMITTER_NAME", "Coder")
        .env("GIT_COMMITTER_EMAIL", "coder@example.org")
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

fn sample_repo() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    let repo = folder.path().join("corpus");
    std::fs::create_dir(&repo).expect("mkdir");
    gloss::storage::write_sample(&repo).expect("sample");
    (folder, repo)
}

#[test]
fn git_merges_two_coders_branches_through_the_driver_and_records_the_conflict() {
    if !git_available() {
        return;
    }
    let (home, repo) = sample_repo();
    let project_file = repo.join("gloss.json");
    git(&repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join(".gitignore"), ".gloss*\n*.bak\n*.lock\n").expect("write");
    let setup = gloss(
        &[
            "git-setup",
            repo.to_str().expect("utf8"),
            "--program",
            GLOSS,
        ],
        home.path(),
    );
    assert!(setup.status.success(), "{}", text(&setup.stderr));
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).expect("attributes");
    assert_eq!(attributes, "gloss.json merge=gloss\n");
    let driver = git(&repo, &["config", "merge.gloss.driver"]);
    assert!(text(&driver.stdout).ends_with("merge-driver %O %A %B\n"));
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "sample"]);
    let base = read(&project_file);

    git(&repo, &["checkout", "-q", "-b", "theirs"]);
    let theirs_new = annotate(&repo, home.path(), "003_fa7102139ac1f54f.txt", 10, 40);
    set_memo(&project_file, SHARED, "theirs: a promise, not a fact");
    git(&repo, &["commit", "-q", "-am", "theirs codes"]);

    git(&repo, &["checkout", "-q", "main"]);
    let ours_new = annotate(&repo, home.path(), "000_3c628aea443456d3.txt", 5, 25);
    set_memo(&project_file, SHARED, "ours: an exaggeration");
    git(&repo, &["commit", "-q", "-am", "ours codes"]);

    // Without the driver git's line merge would stop on the two memos.
    git(&repo, &["merge", "-q", "--no-edit", "theirs"]);
    let merged = read(&project_file);
    let mut expected = ids(&base);
    expected.extend([ours_new, theirs_new]);
    expected.sort();
    assert_eq!(ids(&merged), expected, "every annotation of both branches");
    let shared = merged
        .annotation(&SHARED.into())
        .expect("shared annotation");
    assert_eq!(shared.memo, "ours: an exaggeration");
    let conflict = merged
        .conflicts
        .iter()
        .find(|c| c.id == SHARED)
        .expect("the memo conflict is recorded");
    assert_eq!(conflict.field.as_deref(), Some("memo"));
    assert_eq!(conflict.theirs, "theirs: a promise, not a fact");
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let status = git(&repo, &["status", "--porcelain"]);
    assert_eq!(text(&status.stdout), "", "merged and committed");
    // The merged project opens and checks clean.
    let check = gloss(&["check", repo.to_str().expect("utf8")], home.path());
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(
        text(&check.stderr).contains("1 merge conflict(s) recorded for review"),
        "check names the conflict: {}",
        text(&check.stderr)
    );
}

#[test]
fn merge_writes_the_three_way_result_atomically_over_ours_and_reports_conflicts() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dir = folder.path();
    gloss::storage::write_sample(dir).expect("sample");
    let base = dir.join("gloss.json");
    let (ours, theirs) = (dir.join("ours.json"), dir.join("theirs.json"));
    std::fs::copy(&base, &ours).expect("copy");
    std::fs::copy(&base, &theirs).expect("copy");
    set_memo(&ours, SHARED, "ours");
    set_memo(&theirs, SHARED, "theirs");
    set_memo(&theirs, "ann-001", "only theirs");
    let args = [base.to_str(), ours.to_str(), theirs.to_str()].map(|p| p.expect("utf8"));
    let output = gloss(&["merge", args[0], args[1], args[2], "-o", args[1]], dir);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    assert!(report.contains("1 new conflict(s)"), "{report}");
    assert!(
        report.contains(&format!("annotation {SHARED} memo: kept ours")),
        "{report}"
    );
    let merged = read(&ours);
    assert_eq!(
        merged.annotation(&"ann-001".into()).expect("ann-001").memo,
        "only theirs"
    );
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(read_value(&ours)["conflicts"][0]["kept"], "ours");

    // An unreadable input: exit 3, nothing written.
    std::fs::write(&theirs, "{ not json").expect("write");
    let before = std::fs::read(&ours).expect("read");
    let output = gloss(&["merge", args[0], args[1], args[2], "-o", args[1]], dir);
    assert_eq!(output.status.code(), Some(3), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(&ours).expect("read"), before);
    // The output's project is locked by another Gloss: exit 5, nothing read or written.
    std::fs::copy(&base, &theirs).expect("copy");
    let lock = gloss::storage::ProjectLock::acquire(&ours).expect("lock");
    let output = gloss(&["merge", args[0], args[1], args[2], "-o", args[1]], dir);
    assert_eq!(output.status.code(), Some(5), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(&ours).expect("read"), before);
    drop(lock);
    // Two paths without --unrelated is a wrong command line.
    let output = gloss(&["merge", args[0], args[1], "-o", args[1]], dir);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn merge_unrelated_matches_documents_by_content_and_codes_by_name() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dir = folder.path();
    let (ours, theirs) = (dir.join("ours"), dir.join("theirs"));
    for side in [&ours, &theirs] {
        std::fs::create_dir(side).expect("mkdir");
        gloss::storage::write_sample(side).expect("sample");
    }
    // Theirs started apart: other ids for everything, one topic of its own.
    let mut value = read_value(&theirs.join("gloss.json"));
    let renamed = serde_json::to_string(&value)
        .expect("JSON")
        .replace("\"doc-", "\"their-doc-")
        .replace("\"topic-", "\"their-topic-")
        .replace("\"ann-", "\"their-ann-");
    value = serde_json::from_str(&renamed).expect("JSON");
    value["codebook"]["topics"]
        .as_array_mut()
        .expect("topics")
        .push(json!({"id": "their-topic-new", "name": "Only theirs", "color": "#123456"}));
    std::fs::write(
        theirs.join("gloss.json"),
        serde_json::to_string_pretty(&value).expect("JSON"),
    )
    .expect("write");
    let out = dir.join("merged.json");
    let output = gloss(
        &[
            "merge",
            "--unrelated",
            ours.to_str().expect("utf8"),
            theirs.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
        ],
        dir,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    assert!(report.contains("topic \"Only theirs\": added"), "{report}");
    assert!(
        report.contains("same content as 000_3c628aea443456d3.txt"),
        "{report}"
    );
    let sample = read(&ours.join("gloss.json"));
    let merged = read(&out);
    assert_eq!(
        merged.documents.len(),
        sample.documents.len(),
        "matched by hash"
    );
    assert_eq!(
        merged.codebook.topics.len(),
        sample.codebook.topics.len() + 1
    );
    assert_eq!(merged.annotations.len(), 2 * sample.annotations.len());
    for annotation in &merged.annotations {
        assert!(merged.document(&annotation.document).is_some());
        for topic in &annotation.topics {
            assert!(merged.codebook.topic(topic).is_some(), "{topic} resolved");
            assert!(
                !topic.0.starts_with("their-"),
                "{topic} mapped to ours by name"
            );
        }
    }
}

#[test]
fn git_setup_twice_writes_the_attributes_line_once() {
    if !git_available() {
        return;
    }
    let (home, repo) = sample_repo();
    git(&repo, &["init", "-q"]);
    std::fs::write(repo.join(".gitattributes"), "*.txt text").expect("write");
    for _ in 0..2 {
        let output = gloss(&["git-setup", repo.to_str().expect("utf8")], home.path());
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).expect("read");
    assert_eq!(attributes, "*.txt text\ngloss.json merge=gloss\n");
    let driver = git(&repo, &["config", "merge.gloss.driver"]);
    assert_eq!(text(&driver.stdout), "gloss merge-driver %O %A %B\n");
    // Outside a repository git-setup fails (exit 5) and says why.
    let outside = tempfile::tempdir().expect("tempdir");
    let output = Command::new(GLOSS)
        .args(["git-setup", outside.path().to_str().expect("utf8")])
        .env(
            "GIT_CEILING_DIRECTORIES",
            outside.path().parent().expect("parent"),
        )
        .output()
        .expect("run gloss");
    assert_eq!(output.status.code(), Some(5), "{}", text(&output.stderr));
}
