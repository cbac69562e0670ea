//! What a killed or interrupted mpl leaves behind, and what the next command does with it
//! (issue 14): git's lock files, temporary files, files no entry names, a half-done export,
//! and files mpl could not read back. The kill campaign itself is in `kill.rs`.

use crate::common::{TestEnv, bare_repo, find_files};

#[test]
fn git_locks_a_killed_sync_left_are_removed_by_the_next_command() {
    let env = TestEnv::new();
    env.ok(&["learn", "x"]);
    // What `kill -9` during a sync (or any command that holds the lock) leaves: the mark
    // that a writer was at work, and git's locks.
    env.write(".mpl/busy", "");
    for lock in [
        ".git/index.lock",
        ".git/refs/heads/main.lock",
        ".git/FETCH_HEAD.lock",
    ] {
        std::fs::write(env.path(lock), "").unwrap();
    }
    std::fs::create_dir_all(env.path(".git/refs/remotes/origin")).unwrap();
    std::fs::write(env.path(".git/refs/remotes/origin/main.lock"), "").unwrap();
    // Even a command that only reads tidies up, when no other mpl is at work.
    env.ok(&["log"]);
    let left = find_files(&env.journal().join(".git"), |p| {
        p.extension().is_some_and(|e| e == "lock")
    });
    assert!(left.is_empty(), "{left:?}");
    assert!(!env.path(".mpl/busy").exists());
    env.ok(&["learn", "y"]);
}

#[test]
fn a_git_lock_that_is_not_mpls_is_named_with_the_fix_and_nothing_is_written() {
    let env = TestEnv::new();
    env.ok(&["learn", "x"]);
    let commits = env.commit_count();
    std::fs::write(env.path(".git/index.lock"), "").unwrap();
    let stderr = env.fails(&["learn", "y"], 1);
    assert!(stderr.contains("git's index is locked"), "{stderr}");
    assert!(stderr.contains("rm "), "{stderr}");
    assert_eq!(env.commit_count(), commits);
    assert!(!env.path("learned/2026/2026-11-25-y.md").exists());
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(".git/index.lock: git's lock file"),
        "{}",
        run.stdout
    );
    // The lock stays: it may be a running git's.
    assert!(env.path(".git/index.lock").exists());
    std::fs::remove_file(env.path(".git/index.lock")).unwrap();
    env.ok(&["learn", "y"]);
    env.ok(&["doctor"]);
}

/// A journal synced with a bare remote in a folder, then one entry written after: the
/// scratch folder (kept alive by the caller), the remote and the journal.
fn synced_with_a_learned_entry() -> (tempfile::TempDir, std::path::PathBuf, TestEnv) {
    let scratch = tempfile::tempdir().unwrap();
    let remote = bare_repo(scratch.path(), "remote.git");
    let env = TestEnv::new();
    env.ok(&["init", "--remote", remote.to_str().unwrap()]);
    env.ok(&["sync"]);
    env.ok(&["learn", "x"]);
    (scratch, remote, env)
}

#[test]
fn a_remote_locked_by_a_stopped_push_is_named_and_doctor_says_how_to_unlock_it() {
    let (_scratch, remote, env) = synced_with_a_learned_entry();
    let lock = remote.join("refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    let stderr = env.fails(&["sync"], 1);
    assert!(stderr.contains("is locked by"), "{stderr}");
    assert!(stderr.contains("main.lock"), "{stderr}");
    assert!(!stderr.contains("in a moment"), "{stderr}");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("a lock file in the remote origin"),
        "{}",
        run.stdout
    );
    std::fs::remove_file(&lock).unwrap();
    env.ok(&["sync"]);
}

#[test]
fn a_lock_a_killed_push_left_in_a_remote_folder_is_removed_by_the_next_command() {
    let (_scratch, remote, env) = synced_with_a_learned_entry();
    // What `kill -9` during the push leaves: the marks, then the remote's ref lock.
    env.write(".mpl/busy", "");
    env.write(".mpl/pushing", remote.to_str().unwrap());
    let lock = remote.join("refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    env.ok(&["log"]);
    assert!(!lock.exists());
    assert!(!env.path(".mpl/pushing").exists());
    env.ok(&["sync"]);
    env.ok(&["doctor"]);
}

#[test]
fn an_interrupted_clone_is_never_taken_for_a_journal_and_cloning_again_starts_over() {
    let scratch = tempfile::tempdir().unwrap();
    let remote = bare_repo(scratch.path(), "remote.git");
    let url = remote.to_str().unwrap();
    let a = TestEnv::new();
    a.ok(&["init", "--remote", url]);
    for day in ["2026-11-20", "2026-11-21", "2026-11-22"] {
        a.ok(&["reflect", "--date", day, "--moments", "work"]);
    }
    a.ok(&["sync"]);
    let b = TestEnv::new();
    b.ok(&["clone", url]);
    // What a clone killed while it wrote the files leaves: its mark, and some files.
    std::fs::write(b.journal().join(".git/mpl-cloning"), "").unwrap();
    std::fs::remove_file(b.path("reflections/2026/2026-11-22.md")).unwrap();
    let err = b.fails(&["sync"], 1);
    assert!(err.contains("holds a clone that was interrupted"), "{err}");
    assert!(err.contains("mpl clone"), "{err}");
    b.fails(&["doctor"], 1);
    // Nothing was sent: the other machine keeps every day.
    a.ok(&["sync"]);
    assert!(a.path("reflections/2026/2026-11-22.md").exists());
    let out = b.run(&["clone", url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("starting over"), "{}", out.stderr);
    assert!(b.path("reflections/2026/2026-11-22.md").exists());
    b.ok(&["doctor"]);
    b.ok(&["sync"]);
}

#[test]
fn leftovers_are_listed_by_doctor_and_never_synced() {
    let scratch = tempfile::tempdir().unwrap();
    let remote = bare_repo(scratch.path(), "remote.git");
    let env = TestEnv::new();
    env.ok(&["init", "--remote", remote.to_str().unwrap()]);
    let file = env.root.join("report.pdf");
    std::fs::write(&file, "%PDF-1.4").unwrap();
    env.ok(&[
        "evidence",
        "add",
        "Shipped",
        "--file",
        file.to_str().unwrap(),
    ]);
    // What writes of older versions that were killed could leave.
    env.write("learned/2026/.mpl-AbC123.tmp", "half an entry");
    env.write("attachments/ee/eeee.pdf", "an orphan");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("learned/2026/.mpl-AbC123.tmp: a temporary file"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("attachments/ee/eeee.pdf: no entry attaches this file"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("report"),
        "the attached file is not an orphan: {}",
        run.stdout
    );
    env.ok(&["sync"]);
    let tracked = env.git(&["ls-files"]);
    assert!(!tracked.contains(".mpl-"), "{tracked}");
}

#[test]
fn mpl_never_writes_a_file_it_could_not_read_back_and_keeps_the_text() {
    let env = TestEnv::new();
    // Each is within what mpl reads; the day with both would not be.
    let first = "a".repeat(5 * 1024 * 1024);
    let run = env.run_with_stdin(&["reflect"], &format!("## Key moments\n\n{first}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let big = "x".repeat(5 * 1024 * 1024);
    let run = env.run_with_stdin(&["reflect"], &format!("## What went well\n\n{big}\n"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("mpl reads files of at most 8 MiB"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("the text is kept at"), "{}", run.stderr);
    // The day is as it was, and what was given is in the draft.
    let day = env.read("reflections/2026/2026-11-25.md");
    assert!(day.contains(&first) && !day.contains(&big));
    let drafts = find_files(&env.journal().join(".mpl/drafts"), |_| true);
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(std::fs::read_to_string(&drafts[0]).unwrap().contains(&big));
    env.ok(&["doctor"]);
    env.ok(&["show", "2026-11-25"]);
}

#[test]
fn an_export_killed_while_it_swapped_folders_is_put_right_by_the_next() {
    let env = TestEnv::new();
    env.ok(&["learn", "Public lesson"]);
    env.ok(&["export", "--out", "site"]);
    // A killed `export --force`: the earlier site moved aside, the new one half built.
    // (Process 4194304 is above Linux's largest process id, so it is not running.)
    let aside = env.root.join(".mpl-export-old-4194304-AbCdEf");
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::rename(env.root.join("site"), aside.join("site")).unwrap();
    let staging = env.root.join(".mpl-export-4194304-GhIjKl");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("index.html"), "half").unwrap();
    env.ok(&["export", "--out", "other"]);
    assert!(!staging.exists() && !aside.exists());
    assert!(
        env.root.join("site/index.html").exists(),
        "the earlier export is back"
    );
}
