//! Killing mpl at any moment loses nothing (issue 14): `kill -9` at random points in
//! `learn`, `goal progress`, `evidence add` with a large file, `import jrnl` and `sync`
//! between two clones of one remote. After each kill, the next command works without a
//! hand fix, and then: every acknowledged entry and progress note is in its file, the
//! work tree is exactly the last commit (nothing half-written, nothing left to be taken for
//! a hand edit), git's history is whole (`git fsck`), no git lock file or mpl temporary
//! file is left, no conflict marker came from a kill, and `mpl doctor` is clean. At the end
//! both machines sync and hold every acknowledged note.
//!
//! The kill moments come from a fixed seed, so a failure can be run again; a longer campaign
//! with another seed: `MPL_TEST_KILL_SEED=7 MPL_TEST_KILLS=200 cargo test --test tests kill`.

use crate::common::{TestEnv, bare_repo, run_git};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A small deterministic random source (a 64-bit LCG), so every run kills at the same
/// moments.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A whole number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let mut git = Command::new("git");
    git.current_dir(dir);
    run_git(git, args)
}

/// What a machine was told was saved: titles of learned and evidence entries, progress
/// notes, and imported jrnl titles.
#[derive(Default)]
struct Acknowledged {
    texts: Vec<String>,
}

/// One machine: its journal, and what it acknowledged.
struct Machine {
    env: TestEnv,
    said: Acknowledged,
}

/// Runs `mpl ARGS` and kills it after `after`; returns whether it finished (exit 0) first.
fn kill_after(env: &TestEnv, args: &[&str], after: Duration) -> bool {
    let mut child = env
        .cmd(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mpl");
    std::thread::sleep(after);
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "mpl {args:?} panicked: {stderr}"
    );
    out.status.success()
}

/// Every file below `dir`, `.git` left out.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                if entry.file_name() != ".git" {
                    dirs.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The invariants after a kill and the next command, on one machine.
fn assert_whole(machine: &Machine, after: &str) {
    let env = &machine.env;
    let journal = env.journal();
    // The work tree is exactly the last commit: no half-written file, nothing left over.
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        "",
        "the work tree differs from the last commit after {after}"
    );
    git_in(&journal, &["fsck", "--no-progress"]);
    let locks = crate::common::find_files(&journal.join(".git"), |p| {
        p.extension().is_some_and(|e| e == "lock")
    });
    assert!(locks.is_empty(), "git locks left after {after}: {locks:?}");
    for file in files(&journal) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !(name.starts_with(".mpl-") && name.ends_with(".tmp")),
            "a temporary file left after {after}: {}",
            file.display()
        );
        if file.starts_with(journal.join(".mpl")) || file.starts_with(journal.join("attachments")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("<<<<<<<") || l.contains("mpl sync:")),
            "conflict markers in {} after {after}:\n{text}",
            file.display()
        );
    }
    let doctor = env.run(&["doctor"]);
    assert_eq!(
        doctor.code, 0,
        "doctor after {after}:\n{}{}",
        doctor.stdout, doctor.stderr
    );
    assert_holds(machine, &machine.said.texts, after);
}

/// Every text in `texts` is in some file of the machine's journal.
fn assert_holds(machine: &Machine, texts: &[String], after: &str) {
    let journal = machine.env.journal();
    let all: String = files(&journal)
        .iter()
        .filter(|f| !f.starts_with(journal.join(".mpl")))
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    for text in texts {
        assert!(
            all.contains(text.as_str()),
            "\"{text}\", acknowledged, is lost after {after}"
        );
    }
}

/// A jrnl export of `n` entries whose titles start with `prefix`.
fn jrnl_export(dir: &Path, prefix: &str, n: usize) -> (PathBuf, Vec<String>) {
    let titles: Vec<String> = (0..n).map(|i| format!("{prefix} {i}")).collect();
    let entries: Vec<serde_json::Value> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            serde_json::json!({
                "title": title,
                "body": "A body line about what was learned that day.\n".repeat(20),
                "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "time": "09:30",
                "tags": ["@kill"],
                "starred": false,
            })
        })
        .collect();
    let path = dir.join(format!("{}.json", prefix.replace(' ', "-")));
    std::fs::write(
        &path,
        serde_json::to_string(&serde_json::json!({"tags": {}, "entries": entries})).unwrap(),
    )
    .unwrap();
    (path, titles)
}

#[test]
fn killed_at_random_moments_mpl_loses_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let remote = bare_repo(scratch.path(), "remote.git");
    let url = remote.to_str().unwrap().to_string();
    let mut a = Machine {
        env: TestEnv::new(),
        said: Acknowledged::default(),
    };
    a.env.ok(&["init", "--name", "Ada", "--remote", &url]);
    a.env
        .ok(&["goal", "add", "Ship the payments API", "--id", "api"]);
    a.env.ok(&["sync"]);
    let mut b = Machine {
        env: TestEnv::new(),
        said: Acknowledged::default(),
    };
    b.env.now = "2026-11-25T19:00:00+01:00".into();
    b.env.ok(&["clone", &url]);
    // A large attachment, so a kill can land while it is copied and committed.
    let big = scratch.path().join("capture.bin");
    let bytes: Vec<u8> = (0..6 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&big, bytes).unwrap();

    // A longer campaign: MPL_TEST_KILL_SEED=N MPL_TEST_KILLS=200 cargo test --test tests kill
    let number = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let mut dice = Dice(number("MPL_TEST_KILL_SEED", 0x5eed_2026_1125));
    let kills = number("MPL_TEST_KILLS", 30);
    for round in 0..kills {
        let machine = if round % 2 == 0 { &mut a } else { &mut b };
        let who = if round % 2 == 0 { "a" } else { "b" };
        let op = dice.below(5);
        let (args, window_ms, texts): (Vec<String>, u64, Vec<String>) = match op {
            0 => {
                let title = format!("Lesson {who}{round}");
                (vec!["learn".into(), title.clone()], 40, vec![title])
            }
            1 => {
                let note = format!("Progress {who}{round}");
                (
                    vec!["goal".into(), "progress".into(), "api".into(), note.clone()],
                    40,
                    vec![note],
                )
            }
            2 => {
                let title = format!("Capture {who}{round}");
                let file = big.to_str().unwrap().to_string();
                (
                    vec![
                        "evidence".into(),
                        "add".into(),
                        title.clone(),
                        "--file".into(),
                        file,
                    ],
                    500,
                    vec![title],
                )
            }
            3 => {
                let (path, titles) =
                    jrnl_export(scratch.path(), &format!("Imported {who}{round}"), 150);
                (
                    vec![
                        "import".into(),
                        "jrnl".into(),
                        path.to_str().unwrap().into(),
                    ],
                    400,
                    titles,
                )
            }
            _ => (vec!["sync".into()], 150, Vec::new()),
        };
        let after = format!("round {round}: killing `mpl {}`", args.join(" "));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let delay = Duration::from_millis(dice.below(window_ms));
        if kill_after(&machine.env, &args, delay) {
            machine.said.texts.extend(texts);
        } else if op == 3 {
            // A killed import imports everything when it is run again.
            machine.env.ok(&args);
            machine.said.texts.extend(texts);
        }
        // The next command works without a hand fix, whatever was killed.
        let next = format!("Next {who}{round}");
        machine.env.ok(&["learn", &next]);
        machine.said.texts.push(next);
        assert_whole(machine, &after);
    }

    // Both machines send and receive until they agree; nothing acknowledged is lost.
    a.env.ok(&["sync"]);
    b.env.ok(&["sync"]);
    a.env.ok(&["sync"]);
    let all: Vec<String> = a.said.texts.iter().chain(&b.said.texts).cloned().collect();
    for machine in [&a, &b] {
        assert_whole(machine, "the last syncs");
        assert_holds(machine, &all, "the last syncs");
    }
    assert_eq!(
        a.env.git(&["rev-parse", "HEAD"]),
        b.env.git(&["rev-parse", "HEAD"])
    );
    git_in(&remote, &["fsck", "--no-progress"]);
}
