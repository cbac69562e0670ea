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
