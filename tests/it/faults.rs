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
            std::thread::sleep(Duration::from_micros(200));
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
