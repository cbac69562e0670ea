//! Data safety: unreadable files are reported and never rewritten, concurrent writers never
//! lose an entry, files are the owner's alone, and bad input never panics.

use crate::common::{TestEnv, ids};
use std::os::unix::fs::PermissionsExt;

#[test]
fn a_corrupted_file_is_left_byte_identical_while_the_rest_works() {
    let env = TestEnv::new();
    env.ok(&["learn", "Good one"]);
    let broken = "+++\nkind = \"reflection\"\ndate = 2026-11-25\ntags = [\"unclosed\"\n+++\n\n## What went well\n\nHand-written.\n";
    env.write("reflections/2026/2026-11-25.md", broken);
    std::fs::write(
        env.path("reflections/2026/2026-11-24.md"),
        b"+++\n\xff\xfe not utf-8",
    )
    .unwrap();

    let run = env.run(&["log"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Good one"));
    assert!(
        run.stderr
            .contains("warning: skipped reflections/2026/2026-11-25.md:4: invalid TOML"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("2026-11-25.md").count(),
        1,
        "warned once: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("reflections/2026/2026-11-24.md:2: the file is not valid UTF-8"),
        "{}",
        run.stderr
    );

    // Writing to that day refuses, naming the spot, and leaves the file alone.
    let stderr = env.fails(&["reflect", "--went-well", "more"], 1);
    assert!(
        stderr.contains("reflections/2026/2026-11-25.md:4:"),
        "{stderr}"
    );
    assert_eq!(env.read("reflections/2026/2026-11-25.md"), broken);
    // Other writes still work.
    env.ok(&["learn", "Another"]);
    env.ok(&["reflect", "--date", "2d", "--moments", "x"]);
    assert_eq!(env.read("reflections/2026/2026-11-25.md"), broken);
    env.fails(&["doctor"], 1);
}

#[test]
fn twelve_concurrent_writers_lose_nothing() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..12)
        .map(|i| {
            env.cmd(&["learn", &format!("Concurrent lesson {i}")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let entries = env.log_json(&[]);
    assert_eq!(entries.len(), 12, "{:?}", ids(&entries));
    // One commit creating the journal, then one per entry; a clean repository.
    assert_eq!(env.commit_count(), 13);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    env.git(&["fsck", "--strict"]);
}

#[test]
fn journal_files_are_the_owners_alone() {
    let env = TestEnv::new();
    env.ok(&["reflect", "--moments", "private thoughts"]);
    let mode = |rel: &str| {
        std::fs::metadata(env.path(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(
        std::fs::metadata(env.journal())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    assert_eq!(mode("reflections"), 0o700);
    assert_eq!(mode("reflections/2026"), 0o700);
    assert_eq!(mode("reflections/2026/2026-11-25.md"), 0o600);
    assert_eq!(mode("mpl.toml"), 0o600);
    assert_eq!(mode(".git") & 0o077, 0);
}

#[test]
fn ids_cannot_leave_the_journal() {
    let env = TestEnv::new();
    env.ok(&["learn", "x"]);
    std::fs::write(
        env.root.join("secret.md"),
        "+++\nkind = \"learned\"\ndate = 2026-01-01\n+++\n",
    )
    .unwrap();
    for bad in [
        "../../secret",
        "/etc/passwd",
        "..",
        "a/b",
        "2026-11-25/../x",
        "x\\y",
        "",
        "UPPER",
    ] {
        let run = env.run(&["show", bad]);
        assert_eq!(run.code, 1, "show {bad:?}: {}", run.stderr);
        assert!(run.stderr.contains("id"), "{}", run.stderr);
        let run = env.run(&["edit", bad]);
        assert_eq!(run.code, 1, "edit {bad:?}: {}", run.stderr);
        assert!(run.stderr.contains("id"), "{}", run.stderr);
    }
}

#[test]
fn bad_files_are_errors_not_panics() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.write("learned/2026/2026-11-25-empty.md", "");
    env.write("learned/2026/2026-11-25-blank.md", "\n\n   \n");
    env.write(
        "learned/2026/2026-11-25-open.md",
        "+++\nkind = \"learned\"\n",
    );
    let huge = format!(
        "+++\nkind = \"learned\"\ndate = 2026-11-25\n+++\n{}",
        "x".repeat(9 * 1024 * 1024)
    );
    env.write("learned/2026/2026-11-25-huge.md", &huge);
    std::fs::create_dir_all(env.path("learned/2026/2026-11-25-dir.md")).unwrap();
    let run = env.run(&["log"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("2026-11-25-empty.md:1: the file is empty"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("2026-11-25-huge.md: the file is 9.0 MiB"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("2026-11-25-open.md:1: the front matter opened on line 1 is never closed"),
        "{}",
        run.stderr
    );
    for id in [
        "2026-11-25-empty",
        "2026-11-25-blank",
        "2026-11-25-open",
        "2026-11-25-huge",
    ] {
        env.fails(&["show", id], 1);
    }
    env.fails(&["doctor"], 1);
    // Words are stored, terminal codes are not: NUL and other controls are refused.
    let run = env.run_with_stdin(&["learn"], "\u{0}\u{1}binary?");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("standard input holds a control character (NUL, U+0000) on line 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_in_the_way_of_the_journal_is_an_error() {
    let mut env = TestEnv::new();
    let file = env.root.join("a-file");
    std::fs::write(&file, "x").unwrap();
    env.set("MPL_JOURNAL", file.to_str().unwrap());
    let stderr = env.fails(&["learn", "x"], 1);
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    let folder = env.root.join("documents");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("cv.pdf"), "x").unwrap();
    let stderr = env.fails(&["--journal", folder.to_str().unwrap(), "learn", "x"], 1);
    assert!(
        stderr.contains("holds other files (cv.pdf) and is not an mpl journal"),
        "{stderr}"
    );
    assert!(!folder.join(".git").exists());
}

#[test]
fn unknown_fields_survive_a_rewrite() {
    let env = TestEnv::new();
    env.ok(&["reflect", "--moments", "first"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    let text = text.replace(
        "visibility = \"private\"\n",
        "visibility = \"private\"\nmood = \"good\"\n[energy]\nmorning = 3\n",
    );
    env.write("reflections/2026/2026-11-25.md", &text);
    env.ok(&["reflect", "--went-well", "second"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.contains("mood = \"good\""), "{text}");
    assert!(text.contains("[energy]\nmorning = 3"), "{text}");
    assert!(text.contains("first") && text.contains("second"));
}

#[test]
fn a_journal_made_by_hand_is_used_as_it_is() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.journal()).unwrap();
    env.git(&["init", "-q", "-b", "main"]);
    env.write("mpl.toml", "format = 1\nname = \"By Hand\"\n");
    env.ok(&["learn", "first"]);
    // The local state folder stays out of git even without mpl's .gitignore.
    assert_eq!(env.git(&["status", "--porcelain"]), "?? mpl.toml\n");
    assert!(!env.path(".gitignore").exists());
    assert_eq!(env.git(&["log", "--format=%an", "-1"]).trim(), "By Hand");
}

#[test]
fn mpl_commits_only_its_own_files() {
    let env = TestEnv::new();
    env.ok(&["learn", "first"]);
    env.write("notes/scratch.md", "staged by hand\n");
    env.git(&["add", "notes/scratch.md"]);
    env.ok(&["learn", "second"]);
    let files = env.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "learned/2026/2026-11-25-second.md");
    // What the user staged is still staged, and mpl's file is not left modified.
    assert_eq!(env.git(&["status", "--porcelain"]), "A  notes/scratch.md\n");
}

#[test]
fn a_journal_without_git_is_refused_before_writing() {
    let env = TestEnv::new();
    env.write("mpl.toml", "format = 1\n");
    let stderr = env.fails(&["learn", "x"], 1);
    assert!(stderr.contains("is not a git repository"), "{stderr}");
    assert!(stderr.contains("init -b main"), "{stderr}");
    assert!(!env.path("learned").exists());
}

#[test]
fn usage_errors_create_no_journal() {
    let env = TestEnv::new();
    env.fails(&["learn", "x", "--date", "tomorrow"], 2);
    env.fails(&["reflect", "--moments", "x", "--date", "2999-01-01"], 2);
    env.fails(&["learn", "x", "--goal", "nope"], 1);
    env.fails(&["learn", "x", "--tag", "a b"], 2);
    assert!(!env.journal().exists());
}

#[test]
fn odd_input_is_an_error_not_a_panic() {
    let mut env = TestEnv::new();
    env.ok(&["init"]);
    for args in [
        vec!["log", "--since", "é"],
        vec!["learn", "x", "--date", "3é"],
        vec!["log", "--until", "9999999999d"],
        vec!["show", "é"],
    ] {
        let run = env.run(&args);
        assert_eq!(
            run.code,
            if args[0] == "show" { 1 } else { 2 },
            "{args:?}: {}",
            run.stderr
        );
    }
    env.now = "0000-01-01T01:00:00+00:00".into();
    assert!(env.fails(&["learn", "x"], 2).contains("MPL_NOW"));
    env.now = crate::common::NOW.into();
    env.write("mpl.toml", "format = 1\nworkdays = [\"éé\"]\n");
    assert!(
        env.fails(&["log"], 1)
            .contains("mpl.toml:2: invalid workday")
    );
}

#[test]
fn a_pipe_among_the_entries_does_not_hang() {
    let env = TestEnv::new();
    env.ok(&["learn", "fine"]);
    let fifo = env.path("learned/2026/2026-11-20-fifo.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let run = env.run(&["log"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("2026-11-20-fifo.md: is not a regular file"),
        "{}",
        run.stderr
    );
    env.fails(&["doctor"], 1);
}

#[test]
fn a_name_git_would_refuse_still_commits() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada <ada@example.org>"]);
    env.ok(&["learn", "x"]);
    assert_eq!(
        env.git(&["log", "-1", "--format=%an"]).trim(),
        "Ada ada@example.org"
    );
    assert!(
        env.read("mpl.toml")
            .contains("name = \"Ada <ada@example.org>\"")
    );
}

#[test]
fn conflict_markers_are_reported_and_never_committed() {
    let env = TestEnv::new();
    env.ok(&["reflect", "--moments", "x"]);
    let conflicted = "+++\nkind = \"reflection\"\ndate = 2026-11-25\n+++\n\n<<<<<<< HEAD\n## Key moments\n\nmine\n=======\n## Key moments\n\ntheirs\n>>>>>>> other\n";
    env.write("reflections/2026/2026-11-25.md", conflicted);
    let stderr = env.fails(&["reflect", "--went-well", "more"], 1);
    assert!(
        stderr.contains("reflections/2026/2026-11-25.md:6: unresolved conflict"),
        "{stderr}"
    );
    assert_eq!(env.read("reflections/2026/2026-11-25.md"), conflicted);
    assert!(env.run(&["log"]).stderr.contains("unresolved conflict"));
}

#[test]
fn no_commit_during_a_git_merge_or_on_a_detached_head() {
    let env = TestEnv::new();
    env.ok(&["learn", "first"]);
    env.ok(&["learn", "second"]);
    env.git(&["checkout", "-q", "--detach", "HEAD~1"]);
    let stderr = env.fails(&["learn", "third"], 1);
    assert!(
        stderr.contains("HEAD is detached") && stderr.contains("switch main"),
        "{stderr}"
    );
    assert!(!env.path("learned/2026/2026-11-25-third.md").exists());
    env.git(&["checkout", "-q", "main"]);
    std::fs::write(env.path(".git/MERGE_HEAD"), env.git(&["rev-parse", "HEAD"])).unwrap();
    let stderr = env.fails(&["learn", "third"], 1);
    assert!(stderr.contains("in progress"), "{stderr}");
    assert!(!env.path("learned/2026/2026-11-25-third.md").exists());
}

#[test]
fn a_rewrite_keeps_line_endings_byte_order_mark_and_mode() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let crlf = "\u{feff}+++\r\nkind = \"reflection\"\r\ndate = 2026-11-25\r\n+++\r\n\r\n## Key moments\r\n\r\nline one\r\nline two\r\n";
    env.write("reflections/2026/2026-11-25.md", crlf);
    let path = env.path("reflections/2026/2026-11-25.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o750)).unwrap();
    env.ok(&["reflect", "--went-well", "ok"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{text:?}"
    );
    assert!(
        text.contains("line one\r\nline two\r\n\r\n## What went well\r\n\r\nok\r\n"),
        "{text:?}"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o750
    );
}
