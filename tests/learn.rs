use crate::common::{TestEnv, ids};

#[test]
fn learn_records_an_entry_with_source_and_tags() {
    let env = TestEnv::new();
    env.ok(&[
        "learn",
        "Two-phase borrows",
        "--source",
        "https://rustc-dev-guide.rust-lang.org",
        "--tag",
        "Rust",
        "--tag",
        "#compilers",
    ]);
    let text = env.read("learned/2026/2026-11-25-two-phase-borrows.md");
    assert!(text.contains("kind = \"learned\""), "{text}");
    assert!(text.contains("title = \"Two-phase borrows\""));
    assert!(text.contains("tags = [\"rust\", \"compilers\"]"), "{text}");
    assert!(text.contains("visibility = \"public\""));
    assert!(text.contains("source = \"https://rustc-dev-guide.rust-lang.org\""));
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "learn: Two-phase borrows"
    );
}

#[test]
fn words_without_quotes_and_private_entries() {
    let env = TestEnv::new();
    env.ok(&[
        "learn",
        "git",
        "worktrees",
        "share",
        "one",
        "repo",
        "--private",
    ]);
    let text = env.read("learned/2026/2026-11-25-git-worktrees-share-one-repo.md");
    assert!(text.contains("visibility = \"private\""), "{text}");
}

#[test]
fn the_same_title_twice_gets_two_ids() {
    let env = TestEnv::new();
    env.ok(&["learn", "Same thing"]);
    env.ok(&["learn", "Same thing"]);
    let entries = env.log_json(&[]);
    let mut found = ids(&entries);
    found.sort();
    assert_eq!(
        found,
        vec!["2026-11-25-same-thing", "2026-11-25-same-thing-2"]
    );
}

#[test]
fn piped_text_keeps_its_body() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &["learn", "--tag", "sql"],
        "Window functions\n\nROW_NUMBER() OVER (PARTITION BY ...)\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = env.read("learned/2026/2026-11-25-window-functions.md");
    assert!(text.contains("title = \"Window functions\""));
    assert!(
        text.ends_with("+++\n\nROW_NUMBER() OVER (PARTITION BY ...)\n"),
        "{text}"
    );
}

#[test]
fn bad_learn_input() {
    let env = TestEnv::new();
    // No text and nothing on standard input.
    let stderr = env.fails(&["learn"], 1);
    assert!(stderr.contains("nothing to record"), "{stderr}");
    env.fails(&["learn", "x", "--tag", "two words"], 2);
    env.fails(&["learn", "x", "--date", "tomorrow"], 2);
    env.fails(&["learn", "x", "--source", " "], 2);
    let run = env.run_with_stdin(&["learn"], "   ");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("empty"));
}

#[test]
fn non_ascii_titles_get_a_safe_id() {
    let env = TestEnv::new();
    // Spelled in ASCII, so the id says something of the title.
    env.ok(&["learn", "日本語の文法"]);
    let id = "2026-11-25-ri-ben-yu-nowen-fa";
    assert!(
        env.path(&format!("learned/2026/{id}.md")).is_file(),
        "{:?}",
        std::fs::read_dir(env.path("learned/2026"))
            .unwrap()
            .collect::<Vec<_>>()
    );
    let shown = env.ok(&["show", id]);
    assert!(shown.contains("日本語の文法"));
    // A title with nothing to spell gets a code of its own, never a bare `-2`.
    env.ok(&["learn", "!!!"]);
    env.ok(&["learn", "???"]);
    let ids: Vec<String> = std::fs::read_dir(env.path("learned/2026"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2026-11-25-learned-"))
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.iter().all(|n| !n.ends_with("-2.md")), "{ids:?}");
}

#[test]
fn text_piped_beside_a_title_is_the_body() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &["learn", "Rust lifetimes"],
        "They name a region.\n\nMore.\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = env.ok(&["show", "2026-11-25-rust-lifetimes"]);
    assert!(shown.contains("Rust lifetimes"), "{shown}");
    assert!(shown.contains("They name a region.\n\nMore."), "{shown}");
    // The same for the commands whose body is --note, when it is not given.
    env.run_with_stdin(
        &["evidence", "add", "Cut CI", "--impact", "12 minutes"],
        "How it was done.\n",
    );
    assert!(
        env.read("evidence/2026/2026-11-25-cut-ci.md")
            .ends_with("+++\n\nHow it was done.\n")
    );
    env.run_with_stdin(
        &["toolkit", "add", "ripgrep"],
        "Search that respects .gitignore\n",
    );
    assert!(
        env.read("toolkit/ripgrep.md")
            .contains("\nSearch that respects .gitignore")
    );
    env.run_with_stdin(&["network", "add", "Ada Lovelace"], "Met at RustConf\n");
    assert!(
        env.read("network/ada-lovelace.md")
            .contains("\nMet at RustConf")
    );
    // --note wins; the pipe is not read.
    env.run_with_stdin(&["toolkit", "add", "jq", "--note", "JSON"], "ignored\n");
    assert!(!env.read("toolkit/jq.md").contains("ignored"));
}

#[test]
fn a_pipe_that_sends_nothing_is_not_waited_for() {
    use std::io::Write;
    let env = TestEnv::new();
    // A pipe kept open by a writer that never writes, as a git hook or a job runner gives.
    let mut child = env
        .cmd(&["learn", "Quiet pipe"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let keep_open = child.stdin.take().unwrap();
    let done = crate::common::poll_until(std::time::Duration::from_secs(30), || {
        child.try_wait().unwrap().is_some()
    });
    assert!(done, "mpl waited on a silent pipe");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("sent nothing"), "{stderr}");
    drop(keep_open);
    let text = env.read("learned/2026/2026-11-25-quiet-pipe.md");
    assert!(text.ends_with("+++\n"), "{text}");
    // Text that begins to arrive in time is read to its end, however long that takes.
    let mut child = env
        .cmd(&["learn", "Slow pipe"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"first line\n").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    stdin.write_all(b"second line\n").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    let text = env.read("learned/2026/2026-11-25-slow-pipe.md");
    assert!(text.ends_with("first line\nsecond line\n"), "{text}");
}
