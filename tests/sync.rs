//! Sync across machines: each machine is a `TestEnv` (its own HOME and journal), against a
//! local bare repository, `git daemon` on loopback (git://) and an OpenSSH server on
//! loopback (ssh:// with a throwaway key and a real known_hosts). Every scenario ends by
//! checking that nothing was lost and that all machines hold the same journal.

use crate::common::servers::{self, Server};
use crate::common::{TestEnv, poll_until};
use std::path::Path;
use std::process::Command;

/// `git ARGS` in `dir`, asserting success; returns stdout.
fn git_in(dir: &Path, args: &[&str]) -> String {
    let mut git = Command::new("git");
    git.current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Someone")
        .env("GIT_AUTHOR_EMAIL", "someone@example.com")
        .env("GIT_COMMITTER_NAME", "Someone")
        .env("GIT_COMMITTER_EMAIL", "someone@example.com");
    crate::common::run_git(git, args)
}

use crate::common::bare_repo as bare;

/// A machine with its own HOME, writing at its own time of day.
fn machine(now: &str) -> TestEnv {
    let mut env = TestEnv::new();
    env.now = now.to_string();
    env
}

/// The first machine: a new journal with `url` as its remote, synced once.
fn first(url: &str) -> TestEnv {
    let env = machine("2026-11-25T18:00:00+01:00");
    env.ok(&["init", "--name", "Ada", "--remote", url]);
    env.ok(&["sync"]);
    env
}

/// Another machine that clones `url`.
fn another(url: &str, now: &str) -> TestEnv {
    let env = machine(now);
    env.ok(&["clone", url]);
    env
}

/// Every tracked file with its content, and whether the work tree is clean.
fn snapshot(env: &TestEnv) -> Vec<(String, Vec<u8>)> {
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        "",
        "the work tree is clean after a sync"
    );
    env.git(&["ls-files"])
        .lines()
        .map(|path| (path.to_string(), std::fs::read(env.path(path)).unwrap()))
        .collect()
}

/// All machines hold the same commit, the same files and the same texts.
fn assert_identical(machines: &[&TestEnv]) {
    let first = snapshot(machines[0]);
    let head = machines[0].git(&["rev-parse", "HEAD^{tree}"]);
    for other in &machines[1..] {
        assert_eq!(snapshot(other), first, "machines differ");
        assert_eq!(other.git(&["rev-parse", "HEAD^{tree}"]), head);
    }
}

/// The ids of every entry `mpl log` lists (so: every entry that still parses).
fn entry_ids(env: &TestEnv) -> Vec<String> {
    let mut ids = crate::common::ids(&env.log_json(&[]));
    ids.sort();
    ids
}

fn learned(env: &TestEnv, title: &str) {
    env.ok(&["learn", title]);
}

#[test]
fn entries_written_on_both_machines_arrive_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    learned(&a, "Borrowck at work");
    learned(&b, "Lifetimes at home");
    b.ok(&["reflect", "--date", "yesterday", "--learned", "From home"]);

    let out = a.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "synced with origin ({url}): nothing came in, 1 file went out"
        )),
        "{}",
        out.stderr
    );
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("1 file came in, 2 went out"),
        "{}",
        out.stderr
    );
    let out = a.run(&["sync"]);
    assert!(
        out.stderr.contains("2 files came in, nothing went out"),
        "{}",
        out.stderr
    );
    assert!(b.run(&["sync"]).stderr.contains("already up to date"));
    let quiet = b.run(&["sync", "-q"]);
    assert_eq!(
        (quiet.code, quiet.stderr.as_str(), quiet.stdout.as_str()),
        (0, "", "")
    );

    let ids = entry_ids(&a);
    assert_eq!(
        ids,
        [
            "2026-11-24",
            "2026-11-25-borrowck-at-work",
            "2026-11-25-lifetimes-at-home"
        ]
    );
    assert_eq!(entry_ids(&b), ids);
    assert_identical(&[&a, &b]);
    // The merge has both machines' commits as parents; nothing was rewritten.
    let parents = b.git(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 2, "{parents}");
    assert_eq!(
        git_in(&remote, &["rev-parse", "main"]),
        a.git(&["rev-parse", "HEAD"])
    );
    assert!(
        b.git(&["status", "-sb"])
            .starts_with("## main...origin/main\n")
    );
}

#[test]
fn two_entries_with_one_title_written_on_two_machines_stay_two_entries() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    a.ok(&["learn", "Retries need jitter", "--tag", "work"]);
    b.ok(&["learn", "Retries need jitter", "--tag", "home"]);
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("it is kept as"), "{}", out.stderr);
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        assert_eq!(
            entry_ids(machine),
            [
                "2026-11-25-retries-need-jitter",
                "2026-11-25-retries-need-jitter-2"
            ]
        );
        machine.ok(&["doctor"]);
    }
    let tags: Vec<String> = a
        .log_json(&[])
        .iter()
        .map(|e| e["tags"][0].as_str().unwrap().to_string())
        .collect();
    assert!(
        tags.contains(&"work".into()) && tags.contains(&"home".into()),
        "{tags:?}"
    );
    assert_identical(&[&a, &b]);
}

#[test]
fn answers_to_different_questions_on_two_machines_merge_without_markers() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    a.ok(&["reflect", "--moments", "Shipped the migration"]);
    a.ok(&["sync"]);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    a.ok(&[
        "reflect",
        "--went-well",
        "The rollback plan was never needed",
    ]);
    b.ok(&["reflect", "--learned", "Backfills want a dry run"]);
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("both texts"), "{}", out.stderr);
    a.ok(&["sync"]);
    let day = a.read("reflections/2026/2026-11-25.md");
    let body = day.split("+++\n").nth(2).unwrap();
    assert_eq!(
        body,
        "\n## Key moments\n\nShipped the migration\n\n## What went well\n\n\
         The rollback plan was never needed\n\n## What I learned\n\nBackfills want a dry run\n"
    );
    a.ok(&["doctor"]);
    assert_identical(&[&a, &b]);
}

#[test]
fn a_file_git_ignores_where_a_file_comes_in_is_kept_and_sync_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    // b's git ignores .DS_Store, and has one; a commits one in the same place.
    std::fs::write(b.path(".git/info/exclude"), "/.mpl/\n.DS_Store\n").unwrap();
    b.write("notes/.DS_Store", "b's own");
    a.write("notes/.DS_Store", "a's");
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("it is kept at"), "{}", out.stderr);
    assert_eq!(b.read("notes/.DS_Store"), "a's");
    let kept = crate::common::find_files(&b.journal().join(".mpl/drafts"), |_| true);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "b's own");
    b.ok(&["sync"]);
}

#[test]
fn a_folder_that_became_a_file_on_the_other_machine_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    a.write("extra/one.txt", "one\n");
    a.write("extra/two.txt", "two\n");
    a.ok(&["sync"]);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    std::fs::remove_dir_all(a.path("extra")).unwrap();
    a.write("extra", "now a file\n");
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(b.read("extra"), "now a file\n");
    // And back.
    std::fs::remove_file(b.path("extra")).unwrap();
    b.write("extra/three.txt", "three\n");
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.read("extra/three.txt"), "three\n");
    assert_identical(&[&a, &b]);
}

#[test]
fn the_same_days_reflection_written_on_both_keeps_both_texts_and_doctor_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    a.ok(&[
        "reflect",
        "--moments",
        "A design review at work",
        "--next",
        "Write it up",
    ]);
    b.ok(&["reflect", "--moments", "Pairing on the parser at home"]);
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: reflections/2026/2026-11-25.md was changed on both machines")
            && out.stderr.contains("mpl doctor"),
        "{}",
        out.stderr
    );
    a.ok(&["sync"]);
    assert_identical(&[&a, &b]);

    let text = a.read("reflections/2026/2026-11-25.md");
    for said in [
        "A design review at work",
        "Write it up",
        "Pairing on the parser at home",
    ] {
        assert!(text.contains(said), "lost {said:?}:\n{text}");
    }
    assert!(!text.contains("<<<<<<<"), "{text}");
    // Still one entry that mpl reads and shows.
    assert_eq!(entry_ids(&a), ["2026-11-25"]);
    let shown = a.ok(&["reflect", "--show"]);
    assert!(shown.contains("Pairing on the parser at home"), "{shown}");

    let marker_line = text
        .lines()
        .position(|l| l.starts_with("<!-- mpl sync: both machines changed this part"))
        .expect("an opening marker")
        + 1;
    let report = a.fails(&["doctor"], 1);
    let listed = a.run(&["doctor"]).stdout;
    assert!(
        listed.contains(&format!(
            "reflections/2026/2026-11-25.md:{marker_line}: both machines changed this part of the entry"
        )),
        "{listed}\n{report}"
    );

    // Merged by hand on one machine while the other, which still has the markers, adds a
    // moment to the same answer; synced: no marker is left, and no word lost.
    let merged: String = text
        .lines()
        .filter(|l| !l.starts_with("<!-- mpl sync:"))
        .map(|l| format!("{l}\n"))
        .collect();
    a.write("reflections/2026/2026-11-25.md", &merged);
    b.ok(&["reflect", "--moments", "One more moment"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    a.ok(&["doctor"]);
    b.ok(&["doctor"]);
    assert_identical(&[&a, &b]);
    let text = a.read("reflections/2026/2026-11-25.md");
    assert!(!text.contains("<!-- mpl sync"), "{text}");
    for said in [
        "A design review at work",
        "Pairing on the parser at home",
        "One more moment",
    ] {
        assert!(text.contains(said), "lost {said:?}:\n{text}");
    }
}

#[test]
fn challenge_check_ins_and_goal_progress_from_both_machines_merge_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    a.ok(&[
        "challenge",
        "start",
        "learn-something-new",
        "--on",
        "2026-11-23",
    ]);
    a.ok(&[
        "goal",
        "add",
        "Review more Rust",
        "--measure",
        "5 PRs a week",
    ]);
    let goal = a.git(&["ls-files", "goals"]).trim().to_string();
    let goal_id = goal
        .trim_start_matches("goals/")
        .trim_end_matches(".md")
        .to_string();
    a.ok(&["network", "add", "Grace Hopper", "--where", "conference"]);
    a.ok(&["sync"]);
    let b = another(&url, "2026-11-25T21:00:00+01:00");

    a.ok(&["challenge", "done", "--day", "1", "--note", "at work"]);
    a.ok(&["challenge", "done", "--day", "3"]);
    a.ok(&[
        "goal",
        "progress",
        &goal_id,
        "Reviewed two PRs",
        "--percent",
        "20",
    ]);
    a.ok(&["network", "log", "grace", "Talked about compilers"]);
    b.ok(&["challenge", "done", "--day", "2", "--note", "at home"]);
    b.ok(&["goal", "progress", &goal_id, "Read the review guide"]);
    b.ok(&["network", "log", "grace", "Sent her my notes"]);
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    a.ok(&["sync"]);
    assert_identical(&[&a, &b]);

    let status = a.ok(&["challenge", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let text = status.to_string();
    assert!(text.contains("\"done\""), "{text}");
    let runs = a.git(&["ls-files", "challenges/runs"]);
    let run = a.read(runs.trim());
    for day in ["day = 1", "day = 2", "day = 3"] {
        assert!(run.contains(day), "missing {day}:\n{run}");
    }
    assert!(run.contains("at work") && run.contains("at home"), "{run}");
    assert!(!run.contains("<<<<<<<"), "{run}");

    let goal = a.read(&goal);
    assert!(
        goal.contains("Reviewed two PRs") && goal.contains("Read the review guide"),
        "{goal}"
    );
    assert_eq!(goal.matches("[[progress]]").count(), 2, "{goal}");
    let contact = a.read("network/grace-hopper.md");
    assert!(
        contact.contains("Talked about compilers") && contact.contains("Sent her my notes"),
        "{contact}"
    );
    a.ok(&["doctor"]);
}

#[test]
fn a_file_deleted_on_one_machine_and_edited_on_the_other_keeps_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    learned(&a, "Pinning");
    a.ok(&["sync"]);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    let rel = "learned/2026/2026-11-25-pinning.md";
    std::fs::remove_file(a.path(rel)).unwrap();
    let edited = b.read(rel) + "\nPin<&mut Self> explained, written at home.\n";
    b.write(rel, &edited);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_identical(&[&a, &b]);
    assert!(a.read(rel).contains("written at home"));
    assert_eq!(entry_ids(&a), ["2026-11-25-pinning"]);
}

#[test]
fn sync_commits_hand_edits_first() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    learned(&a, "Old note");
    learned(&a, "Kept note");
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    a.ok(&["sync"]);
    let added = "+++\nid = \"2026-11-20-by-hand\"\nkind = \"learned\"\ndate = 2026-11-20\ncreated = 2026-11-20T10:00:00+01:00\ntitle = \"By hand\"\ntags = []\ngoals = []\nvisibility = \"public\"\n+++\n\nWritten in an editor.\n";
    a.write("learned/2026/2026-11-20-by-hand.md", added);
    std::fs::remove_file(a.path("learned/2026/2026-11-25-old-note.md")).unwrap();
    let kept = a.read("learned/2026/2026-11-25-kept-note.md") + "\nMore, by hand.\n";
    a.write("learned/2026/2026-11-25-kept-note.md", &kept);
    std::fs::create_dir_all(a.path(".mpl/drafts")).unwrap();
    std::fs::write(a.path(".mpl/drafts/unsaved.md"), "machine-local").unwrap();

    let out = a.run(&["sync", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["hand_edits"], true);
    assert_eq!(report["out"], 3);
    assert_eq!(report["in"], 0);
    assert_eq!(
        a.git(&["log", "-1", "--format=%s"]).trim(),
        "sync: hand edits"
    );
    b.ok(&["sync"]);
    assert_identical(&[&a, &b]);
    assert!(
        b.read("learned/2026/2026-11-25-kept-note.md")
            .contains("More, by hand.")
    );
    assert!(!b.path("learned/2026/2026-11-25-old-note.md").exists());
    assert!(
        !b.path(".mpl/drafts/unsaved.md").exists(),
        ".mpl/ never leaves a machine"
    );
    assert!(a.path(".mpl/drafts/unsaved.md").exists());
}

#[test]
fn sync_without_a_remote_says_how_to_set_one() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let err = env.fails(&["sync"], 1);
    assert!(err.contains("no remote"), "{err}");
    assert!(err.contains("hint: set one with `mpl remote URL`"), "{err}");
    let err = env.fails(&["remote"], 1);
    assert!(err.contains("mpl remote URL"), "{err}");
    assert_eq!(env.ok(&["remote", "--json"]), "{\n  \"remote\": null\n}\n");
}

#[test]
fn a_url_with_a_token_is_never_printed() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // The remote: a server of the test's own that hangs up on every connection. The test
    // holds its port while it runs, so no other process can answer there instead.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            drop(stream);
        }
    });
    let url = format!("https://ada:s3cr3t-token@127.0.0.1:{port}/journal.git");
    let out = env.run(&["remote", &url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("s3cr3t"), "{}", out.stderr);
    assert!(out.stderr.contains("password or token"), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["remote", "--json"])).unwrap();
    assert_eq!(
        json["remote"],
        format!("https://ada:***@127.0.0.1:{port}/journal.git")
    );
    let shown = env.ok(&["remote"]);
    assert_eq!(
        shown,
        format!("https://ada:***@127.0.0.1:{port}/journal.git\n")
    );
    let out = env.run(&["sync"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains("s3cr3t") && !out.stdout.contains("s3cr3t"));
    assert!(
        out.stderr.contains(&format!(
            "origin (https://ada:***@127.0.0.1:{port}/journal.git)"
        )),
        "{}",
        out.stderr
    );
    // Nothing secret went into the journal's files.
    for path in env.git(&["ls-files"]).lines() {
        assert!(!env.read(path).contains("s3cr3t"), "{path}");
    }
}

#[test]
fn clone_refuses_a_folder_in_use_and_a_repository_that_is_not_a_journal() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    // Where a journal already is.
    let err = a.fails(&["clone", &url], 1);
    assert!(err.contains("there is already a journal"), "{err}");
    // A folder with other things in it.
    let b = machine("2026-11-25T21:00:00+01:00");
    let busy = b.root.join("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let err = b.fails(&["clone", &url, busy.to_str().unwrap()], 1);
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(
        std::fs::read_to_string(busy.join("notes.txt")).unwrap(),
        "mine"
    );
    // An empty remote, and one that is not there.
    let empty = bare(dir.path(), "empty.git");
    let err = b.fails(&["clone", empty.to_str().unwrap()], 1);
    assert!(err.contains("has no branch main"), "{err}");
    assert!(err.contains("mpl sync"), "{err}");
    assert!(!b.journal().exists());
    let missing = dir.path().join("missing.git");
    let err = b.fails(&["clone", missing.to_str().unwrap()], 1);
    assert!(
        err.contains(&format!("there is nothing at {}", missing.display())),
        "{err}"
    );
    // A repository that is not a journal: refused, and nothing left behind.
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    git_in(&other, &["init", "-q", "--initial-branch=main"]);
    std::fs::write(other.join("README"), "not a journal").unwrap();
    git_in(&other, &["add", "README"]);
    git_in(&other, &["commit", "-q", "-m", "readme"]);
    let target = b.root.join("elsewhere");
    let err = b.fails(
        &["clone", other.to_str().unwrap(), target.to_str().unwrap()],
        1,
    );
    assert!(err.contains("not an mpl journal"), "{err}");
    assert!(!target.exists());
    // A clone somewhere else says how to use it.
    let out = b.run(&["clone", &url, target.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("MPL_JOURNAL={}", target.display())),
        "{}",
        out.stderr
    );
    let mut b = b;
    b.set("MPL_JOURNAL", target.to_str().unwrap());
    b.ok(&["learn", "From the second place"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert!(
        a.path("learned/2026/2026-11-25-from-the-second-place.md")
            .is_file()
    );
}

#[test]
fn a_rewritten_remote_history_is_refused_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    learned(&a, "Before the rewrite");
    a.ok(&["sync"]);
    // Someone rewrites the remote's last commit with plain git and forces it.
    let other = dir.path().join("rewriter");
    git_in(
        dir.path(),
        &["clone", "-q", remote.to_str().unwrap(), "rewriter"],
    );
    git_in(&other, &["config", "user.name", "Someone"]);
    git_in(&other, &["config", "user.email", "someone@example.com"]);
    std::fs::write(other.join("notes.txt"), "another story\n").unwrap();
    git_in(&other, &["add", "notes.txt"]);
    git_in(&other, &["commit", "-q", "--amend", "-m", "rewritten"]);
    git_in(&other, &["push", "-q", "--force", "origin", "main:main"]);
    let rewritten = git_in(&remote, &["rev-parse", "main"]);

    learned(&a, "After the rewrite");
    let head = a.git(&["rev-parse", "HEAD"]);
    let tracking = a.git(&["rev-parse", "origin/main"]);
    let err = a.fails(&["sync"], 1);
    assert!(err.contains("rewrote its history"), "{err}");
    assert!(err.contains("nothing was changed here"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(a.git(&["rev-parse", "origin/main"]), tracking);
    assert_eq!(git_in(&remote, &["rev-parse", "main"]), rewritten);
    assert_eq!(
        entry_ids(&a),
        [
            "2026-11-25-after-the-rewrite",
            "2026-11-25-before-the-rewrite"
        ]
    );
    // Refused again, still losing nothing.
    a.fails(&["sync"], 1);
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
}

#[test]
fn a_remote_that_stops_answering_is_given_up_on_and_the_lock_let_go() {
    // A server that takes the connection and then says nothing, as a dead link does.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let _silent = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let mut a = machine("2026-11-25T18:00:00+01:00");
    a.ok(&[
        "init",
        "--remote",
        &format!("git://127.0.0.1:{port}/journal.git"),
    ]);
    a.set("MPL_NETWORK_TIMEOUT", "2");
    let started = std::time::Instant::now();
    let err = a.fails(&["sync"], 1);
    assert!(err.contains("timed out"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "gave up after {:?}",
        started.elapsed()
    );
    // The journal is free at once.
    a.ok(&["learn", "Written right after"]);
}

#[test]
fn with_sync_every_writing_commands_sync_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let mut a = first(&url);
    let config = a.home.join(".config/mpl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "sync_every = \"1h\"\n").unwrap();
    // Synced a moment ago (by `first`): nothing starts.
    a.ok(&["learn", "Soon after"]);
    assert!(!a.path(".mpl/sync.log").exists());
    // Two hours on, a change starts a sync, and the command does not wait for it.
    a.now = "2026-11-25T20:00:00+01:00".into();
    a.ok(&["learn", "Two hours later"]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let sent = poll_until(std::time::Duration::from_secs(60), || {
        git_in(&remote, &["rev-parse", "main"]) == head
    });
    assert!(
        sent,
        "the background sync never sent {head}: {}",
        std::fs::read_to_string(a.path(".mpl/sync.log")).unwrap_or_default()
    );
    // A command that reads starts nothing.
    a.now = "2026-11-26T20:00:00+01:00".into();
    std::fs::remove_file(a.path(".mpl/sync.log")).ok();
    a.ok(&["log"]);
    assert!(!a.path(".mpl/sync.log").exists());
}

#[test]
fn nudge_says_when_the_journal_has_not_synced_for_days() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let mut a = first(&url);
    a.ok(&["reflect", "--moments", "x"]);
    assert_eq!(a.ok(&["nudge"]), "");
    // A Wednesday, so that no review is due either.
    a.now = "2026-12-02T18:00:00+01:00".into();
    a.ok(&["reflect", "--moments", "x"]);
    assert_eq!(a.ok(&["nudge"]), "mpl: open: sync (last 7 days ago)\n");
    a.ok(&["sync"]);
    assert_eq!(a.ok(&["nudge"]), "");
}

#[test]
fn a_remote_put_back_from_an_older_copy_gets_this_journals_history() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    let old = git_in(&remote, &["rev-parse", "main"]);
    learned(&a, "Written before the restore");
    a.ok(&["sync"]);
    // The remote is put back from a backup taken before that entry.
    git_in(&remote, &["update-ref", "refs/heads/main", old.trim()]);
    learned(&a, "Written after the restore");
    let out = a.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("was behind"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was lost"), "{}", out.stderr);
    assert_eq!(
        git_in(&remote, &["rev-parse", "main"]),
        a.git(&["rev-parse", "HEAD"])
    );
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    assert_eq!(entry_ids(&b), entry_ids(&a));
}

#[test]
fn a_remote_replaced_by_another_journal_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let a = first(&url);
    learned(&a, "Mine");
    a.ok(&["sync"]);
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    git_in(&other, &["init", "-q", "--initial-branch=main"]);
    std::fs::write(other.join("mpl.toml"), "format = 1\nname = \"Other\"\n").unwrap();
    git_in(&other, &["add", "mpl.toml"]);
    git_in(&other, &["commit", "-q", "-m", "something else"]);
    git_in(
        &other,
        &[
            "push",
            "-q",
            "--force",
            remote.to_str().unwrap(),
            "main:main",
        ],
    );
    let head = a.git(&["rev-parse", "HEAD"]);
    let err = a.fails(&["sync"], 1);
    assert!(err.contains("holds a different journal"), "{err}");
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
}

#[test]
fn over_git_daemon_an_unreachable_remote_fails_clearly_and_the_next_sync_completes() {
    let dir = tempfile::tempdir().unwrap();
    bare(dir.path(), "journal.git");
    let Some(mut daemon) = servers::git_daemon(dir.path()) else {
        return;
    };
    let port = daemon.port;
    let url = format!("git://127.0.0.1:{port}/journal.git");
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    learned(&a, "Written offline");
    a.write(
        "learned/2026/2026-11-25-written-offline.md",
        &(a.read("learned/2026/2026-11-25-written-offline.md") + "\nA hand edit too.\n"),
    );

    daemon.stop();
    let out = a.run(&["sync"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("cannot reach origin ({url})")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("committed"), "{}", out.stderr);
    // The work is committed locally.
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    assert_eq!(
        a.git(&["log", "-1", "--format=%s"]).trim(),
        "sync: hand edits"
    );

    // The server comes back where it was. Should another process have taken its port
    // meanwhile, it comes back on another, and both machines are given the new address.
    let _daemon: Server = match servers::git_daemon_again(dir.path(), port) {
        Some(daemon) => daemon,
        None => {
            let daemon = servers::git_daemon(dir.path()).expect("git daemon ran before");
            let moved = format!("git://127.0.0.1:{}/journal.git", daemon.port);
            a.ok(&["remote", &moved]);
            b.ok(&["remote", &moved]);
            daemon
        }
    };
    learned(&b, "Meanwhile at home");
    b.ok(&["sync"]);
    let out = a.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    b.ok(&["sync"]);
    assert_identical(&[&a, &b]);
    assert_eq!(
        entry_ids(&b),
        ["2026-11-25-meanwhile-at-home", "2026-11-25-written-offline"]
    );
    assert!(
        b.read("learned/2026/2026-11-25-written-offline.md")
            .contains("A hand edit too.")
    );
}

#[test]
fn three_machines_round_robin_end_identical() {
    let dir = tempfile::tempdir().unwrap();
    bare(dir.path(), "journal.git");
    let Some(daemon) = servers::git_daemon(dir.path()) else {
        return;
    };
    let url = format!("git://127.0.0.1:{}/journal.git", daemon.port);
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    let c = another(&url, "2026-11-25T22:00:00+01:00");
    for (env, title) in [(&a, "From A"), (&b, "From B"), (&c, "From C")] {
        learned(env, title);
        env.ok(&["reflect", "--went-well", title]);
    }
    // Round robin: each sync brings in what the others sent.
    for env in [&a, &b, &c, &a, &b] {
        let out = env.run(&["sync"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    assert_identical(&[&a, &b, &c]);
    assert_eq!(
        entry_ids(&c),
        [
            "2026-11-25",
            "2026-11-25-from-a",
            "2026-11-25-from-b",
            "2026-11-25-from-c"
        ]
    );
    let reflection = c.read("reflections/2026/2026-11-25.md");
    for title in ["From A", "From B", "From C"] {
        assert!(reflection.contains(title), "lost {title}:\n{reflection}");
    }
}

#[test]
fn a_push_that_loses_a_race_is_fetched_merged_and_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let Some(daemon) = servers::git_daemon(dir.path()) else {
        return;
    };
    let url = format!("git://127.0.0.1:{}/journal.git", daemon.port);
    let a = first(&url);
    let c = another(&url, "2026-11-25T22:00:00+01:00");
    // Machine C's commit waits on the server, and lands on main just as A pushes: the
    // server's hook moves main and declines A's push once, as a lost race does.
    learned(&c, "From C");
    c.git(&["push", "-q", "origin", "HEAD:refs/heads/pending"]);
    let hook = remote.join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\nif [ ! -e raced ]; then\n  touch raced\n  env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/pending\n  echo 'another machine pushed first' >&2\n  exit 1\nfi\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    learned(&a, "From A");
    let out = a.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(remote.join("raced").exists(), "the race happened");
    assert_eq!(
        git_in(&remote, &["rev-parse", "main"]),
        a.git(&["rev-parse", "HEAD"])
    );
    assert_eq!(entry_ids(&a), ["2026-11-25-from-a", "2026-11-25-from-c"]);
    c.ok(&["sync"]);
    assert_identical(&[&a, &c]);
}

#[test]
fn a_remote_holding_another_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let _a = first(&url);
    let b = machine("2026-11-25T21:00:00+01:00");
    b.ok(&["learn", "Started separately"]);
    b.ok(&["remote", &url]);
    let head = b.git(&["rev-parse", "HEAD"]);
    let err = b.fails(&["sync"], 1);
    assert!(err.contains("holds a different journal"), "{err}");
    assert!(err.contains("mpl clone"), "{err}");
    assert_eq!(b.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(entry_ids(&b), ["2026-11-25-started-separately"]);
}

#[test]
fn settings_changed_on_both_machines_never_stop_a_machine_and_keep_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    a.write(
        "mpl.toml",
        &a.read("mpl.toml")
            .replace("headline = \"\"", "headline = \"Engineer at work\""),
    );
    b.write(
        "mpl.toml",
        &b.read("mpl.toml")
            .replace("headline = \"\"", "headline = \"Engineer at home\"")
            .replace("name = \"Ada\"", "name = \"Ada L.\""),
    );
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("mpl.toml: both machines changed the same settings"),
        "{}",
        out.stderr
    );
    // This machine's value stands; the other's is kept beside it; what only one side
    // changed is taken.
    let settings = b.read("mpl.toml");
    assert!(
        settings.contains("headline = \"Engineer at home\""),
        "{settings}"
    );
    assert!(
        settings.contains("# headline = \"Engineer at work\""),
        "{settings}"
    );
    assert!(settings.contains("name = \"Ada L.\""), "{settings}");
    assert!(!settings.contains("<<<<<<<"), "{settings}");
    // Every command works on both machines.
    b.ok(&["doctor"]);
    b.ok(&["log"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    a.ok(&["doctor"]);
    assert_identical(&[&a, &b]);
}

#[test]
fn settings_that_do_not_read_stop_every_command_but_sync_so_a_fix_can_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    // b's mpl.toml is broken by hand and committed with git.
    b.write("mpl.toml", "name = \"unclosed\n");
    b.git(&[
        "-c",
        "user.name=B",
        "-c",
        "user.email=b@example.com",
        "commit",
        "-qam",
        "broken",
    ]);
    b.fails(&["log"], 1);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("syncing anyway"), "{}", out.stderr);
    // The fix is made on a and arrives.
    a.ok(&["sync"]);
    a.fails(&["log"], 1);
    a.write("mpl.toml", "name = \"Ada\"\nheadline = \"\"\n");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["log"]);
    assert_identical(&[&a, &b]);
}

#[test]
fn a_binary_file_changed_on_both_machines_keeps_both_copies_and_doctor_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    let b = another(&url, "2026-11-25T21:00:00+01:00");
    std::fs::create_dir_all(a.path("extra")).unwrap();
    std::fs::create_dir_all(b.path("extra")).unwrap();
    std::fs::write(a.path("extra/photo.bin"), [0xff, 0x00, 0x01]).unwrap();
    std::fs::write(b.path("extra/photo.bin"), [0xfe, 0x00, 0x02]).unwrap();
    a.ok(&["sync"]);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("extra/photo.bin was changed on both machines"),
        "{}",
        out.stderr
    );
    a.ok(&["sync"]);
    assert_identical(&[&a, &b]);
    assert_eq!(
        std::fs::read(b.path("extra/photo.bin")).unwrap(),
        [0xfe, 0x00, 0x02]
    );
    assert_eq!(
        std::fs::read(b.path("extra/photo.bin~origin")).unwrap(),
        [0xff, 0x00, 0x01]
    );
    let listed = b.run(&["doctor"]).stdout;
    assert!(
        listed.starts_with("extra/photo.bin~origin: both machines changed extra/photo.bin"),
        "{listed}"
    );
}

#[test]
fn sync_refuses_another_branch() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare(dir.path(), "journal.git").display().to_string();
    let a = first(&url);
    a.git(&["switch", "-q", "-c", "experiment"]);
    let err = a.fails(&["sync"], 1);
    assert!(err.contains("\"experiment\""), "{err}");
    assert!(err.contains("switch main"), "{err}");
}

#[test]
fn over_ssh_with_a_key_and_known_hosts_two_machines_stay_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let a = machine("2026-11-25T18:00:00+01:00");
    let b = machine("2026-11-25T21:00:00+01:00");
    let c = machine("2026-11-25T23:00:00+01:00");
    let stranger = machine("2026-11-25T22:00:00+01:00");
    let keys = [
        servers::client_key(&a.home),
        servers::client_key(&b.home),
        servers::client_key(&c.home),
        servers::client_key(&stranger.home),
    ];
    let Some(sshd) = servers::sshd(&dir.path().join("sshd"), &keys[..3]) else {
        return;
    };
    for env in [&a, &b, &c] {
        std::fs::write(env.home.join(".ssh/known_hosts"), sshd.known_hosts_line()).unwrap();
    }
    let url = sshd.url(&remote);
    a.ok(&["init", "--name", "Ada", "--remote", &url]);
    learned(&a, "Over ssh");
    let out = a.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = b.run(&["clone", &url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    learned(&b, "Back over ssh");
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_identical(&[&a, &b]);
    assert_eq!(
        entry_ids(&a),
        ["2026-11-25-back-over-ssh", "2026-11-25-over-ssh"]
    );

    // A Host alias in ~/.ssh/config (another account, another port) reaches the same
    // remote, as it does for git: `journalhost:PATH`.
    servers::ssh_alias(&c.home, "journalhost", &sshd);
    let alias = format!("journalhost:{}", remote.display());
    let out = c.run(&["clone", &alias]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    learned(&c, "Through an alias");
    c.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_identical(&[&a, &c]);

    // A host that is not in known_hosts is not trusted.
    let err = stranger.fails(&["clone", &url], 1);
    assert!(err.contains("known_hosts"), "{err}");
    assert!(!stranger.journal().join("mpl.toml").exists());
    // A host whose key changed is not trusted either.
    let impostor = dir.path().join("impostor_key");
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&impostor)
        .output()
        .unwrap();
    assert!(out.status.success());
    let impostor_key = std::fs::read_to_string(impostor.with_extension("pub")).unwrap();
    let impostor_key: Vec<&str> = impostor_key.split_whitespace().take(2).collect();
    std::fs::write(
        stranger.home.join(".ssh/known_hosts"),
        format!(
            "[127.0.0.1]:{} {}\n",
            sshd.server.port,
            impostor_key.join(" ")
        ),
    )
    .unwrap();
    let err = stranger.fails(&["clone", &url], 1);
    assert!(err.contains("host key CHANGED"), "{err}");
    assert!(err.contains("ssh-keygen -R"), "{err}");
    // A known host with a key it does not accept: the credentials are refused, clearly.
    std::fs::write(
        stranger.home.join(".ssh/known_hosts"),
        sshd.known_hosts_line(),
    )
    .unwrap();
    let err = stranger.fails(&["clone", &url], 1);
    assert!(err.contains("credentials"), "{err}");
}

#[test]
fn machines_syncing_at_the_same_moment_to_a_shared_folder_lose_nothing() {
    // A bare repository in a folder that every machine reaches (a share, a USB disk), by
    // path and by file://. Each round, all three write and sync at once.
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "journal.git");
    let path = remote.display().to_string();
    let a = first(&path);
    let b = another(&format!("file://{path}"), "2026-11-25T21:00:00+01:00");
    let c = another(&path, "2026-11-25T22:00:00+01:00");
    let machines = [(&a, "a"), (&b, "b"), (&c, "c")];
    let mut titles = Vec::new();
    for round in 1..=4 {
        for (env, name) in machines {
            let title = format!("Round {round} on {name}");
            learned(env, &title);
            titles.push(title);
        }
        let runs: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = machines
                .iter()
                .map(|(env, _)| scope.spawn(|| env.run(&["sync"])))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for run in runs {
            assert_eq!(run.code, 0, "a machine is stuck: {}", run.stderr);
        }
    }
    // Whatever order they landed in, one more sync each brings every machine to all of it.
    for (env, _) in machines {
        env.ok(&["sync"]);
    }
    for (env, _) in machines {
        env.ok(&["sync"]);
    }
    assert_identical(&[&a, &b, &c]);
    let ids = entry_ids(&a);
    assert_eq!(ids.len(), titles.len(), "{ids:?}");
    // And the remote holds what they hold.
    assert_eq!(
        git_in(&remote, &["rev-parse", "main"]),
        a.git(&["rev-parse", "HEAD"])
    );
}
