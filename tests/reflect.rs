use crate::common::{NOW, TestEnv};

#[test]
fn first_reflect_creates_the_journal_at_its_default_place() {
    let env = TestEnv::new();
    let run = env.run(&[
        "reflect",
        "--went-well",
        "Shipped the release",
        "--tag",
        "release",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "created a new journal at {}",
            env.journal().display()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("saved reflections/2026/2026-11-25.md"));
    assert!(env.path("mpl.toml").is_file());
    assert!(env.path(".git").is_dir());
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.starts_with("+++\n"), "{text}");
    assert!(
        text.contains("## What went well\n\nShipped the release\n"),
        "{text}"
    );
    // One commit for the journal, one for the reflection, on branch main.
    assert_eq!(env.commit_count(), 2);
    assert_eq!(env.git(&["branch", "--show-current"]).trim(), "main");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "reflect: 2026-11-25"
    );
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn front_matter_is_valid_for_an_independent_toml_parser() {
    let env = TestEnv::new();
    env.ok(&[
        "reflect",
        "--moments",
        "Release day",
        "--learned",
        "Quote \" and \\ backslash",
        "--tag",
        "ops",
    ]);
    let text = env.read("reflections/2026/2026-11-25.md");
    // Python's tomllib is an independent TOML 1.0 parser.
    let parsed = crate::common::front_matter(&text);
    assert_eq!(parsed["id"], "2026-11-25");
    assert_eq!(parsed["kind"], "reflection");
    assert_eq!(parsed["date"], "2026-11-25");
    assert_eq!(parsed["created"], "2026-11-25 18:00:00+01:00");
    assert_eq!(parsed["tags"], serde_json::json!(["ops"]));
    assert_eq!(parsed["goals"], serde_json::json!([]));
    assert_eq!(parsed["visibility"], "private");
    assert!(text.contains("Quote \" and \\ backslash"));
}

#[test]
fn a_second_reflection_the_same_day_keeps_the_first() {
    let env = TestEnv::new();
    env.ok(&[
        "reflect",
        "--went-well",
        "Demo went fine",
        "--difficult",
        "Flaky CI",
    ]);
    env.ok(&[
        "reflect",
        "--went-well",
        "Pairing with Sam",
        "--next",
        "Fix the flaky test",
        "--tag",
        "ci",
    ]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("Demo went fine\n\nPairing with Sam"),
        "{text}"
    );
    assert!(text.contains("Flaky CI"));
    assert!(text.contains("Fix the flaky test"));
    assert!(text.contains("tags = [\"ci\"]"));
    // The sections stay in question order.
    let well = text.find("## What went well").unwrap();
    let difficult = text.find("## What was difficult").unwrap();
    let next = text.find("## Next time").unwrap();
    assert!(well < difficult && difficult < next, "{text}");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "reflect: add to 2026-11-25"
    );
    // The original creation time is kept.
    assert!(text.contains(&format!("created = {NOW}")));
}

#[test]
fn a_reflection_after_midnight_belongs_to_the_day_before() {
    let mut env = TestEnv::new();
    env.now = "2026-11-26T00:30:00+01:00".into();
    env.ok(&["reflect", "--moments", "Late deploy"]);
    assert!(env.path("reflections/2026/2026-11-25.md").is_file());
    env.now = "2026-11-26T04:00:00+01:00".into();
    env.ok(&["reflect", "--moments", "Early start"]);
    assert!(env.path("reflections/2026/2026-11-26.md").is_file());
}

#[test]
fn day_starts_at_is_read_from_mpl_toml() {
    let mut env = TestEnv::new();
    env.ok(&["init"]);
    let settings = env
        .read("mpl.toml")
        .replace("day_starts_at = \"04:00\"", "day_starts_at = \"06:00\"");
    env.write("mpl.toml", &settings);
    env.now = "2026-11-26T05:30:00+01:00".into();
    env.ok(&["reflect", "--moments", "Very early"]);
    assert!(env.path("reflections/2026/2026-11-25.md").is_file());
}

#[test]
fn piped_markdown_becomes_the_reflection() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &["reflect"],
        "## What went well?\n\nThe migration.\n\n## Random notes\n\nnot a question heading\n\n## share\n\nThe runbook.\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("## What went well\n\nThe migration."),
        "{text}"
    );
    assert!(text.contains("## Worth sharing\n\nThe runbook."), "{text}");
    assert!(
        text.contains("## Random notes\n\nnot a question heading"),
        "{text}"
    );
    let shown = env.ok(&["reflect", "--show", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(json["kind"], "reflection");
    assert!(json["body"].as_str().unwrap().contains("The runbook."));
}

#[test]
fn plain_piped_text_is_kept_too() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(&["reflect"], "Long day, but the release shipped.\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        env.read("reflections/2026/2026-11-25.md")
            .contains("Long day, but the release shipped.")
    );
}

#[test]
fn no_terminal_and_no_input_is_a_clear_error() {
    let env = TestEnv::new();
    let stderr = env.fails(&["reflect"], 1);
    assert!(stderr.contains("no reflection given"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    // Nothing was created for nothing.
    assert!(!env.journal().exists());
    let run = env.run_with_stdin(&["reflect"], "  \n\n");
    assert_eq!(run.code, 1);
}

#[test]
fn dates_in_words_and_numbers() {
    let env = TestEnv::new();
    env.ok(&["reflect", "--date", "yesterday", "--moments", "a"]);
    env.ok(&["reflect", "--date", "monday", "--moments", "b"]);
    env.ok(&["reflect", "--date", "3d", "--moments", "c"]);
    env.ok(&["reflect", "--date", "1w", "--moments", "d"]);
    env.ok(&["reflect", "--date", "2026-01-02", "--moments", "e"]);
    for day in [
        "2026-11-24",
        "2026-11-23",
        "2026-11-22",
        "2026-11-18",
        "2026-01-02",
    ] {
        assert!(
            env.path(&format!("reflections/2026/{day}.md")).is_file(),
            "{day}"
        );
    }
    let stderr = env.fails(&["reflect", "--date", "2026-11-26", "--moments", "x"], 2);
    assert!(stderr.contains("in the future"), "{stderr}");
    let stderr = env.fails(&["reflect", "--date", "someday", "--moments", "x"], 2);
    assert!(stderr.contains("invalid date \"someday\""), "{stderr}");
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

#[test]
fn show_prints_one_day() {
    let env = TestEnv::new();
    env.ok(&[
        "reflect",
        "--date",
        "yesterday",
        "--went-well",
        "Yesterday's win",
    ]);
    let out = env.ok(&["reflect", "--show", "--date", "yesterday"]);
    assert!(
        out.contains("Reflection on Tuesday 24 November 2026"),
        "{out}"
    );
    assert!(out.contains("Yesterday's win"));
    let stderr = env.fails(&["reflect", "--show"], 1);
    assert!(
        stderr.contains("no reflection for Wednesday 25 November 2026"),
        "{stderr}"
    );
}

#[test]
fn goals_must_exist() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let stderr = env.fails(&["reflect", "--moments", "x", "--goal", "rust-reviews"], 1);
    assert!(stderr.contains("no goal \"rust-reviews\""), "{stderr}");
    assert!(!env.path("reflections/2026/2026-11-25.md").exists());
    env.write(
        "goals/rust-reviews.md",
        "+++\nkind = \"goal\"\ndate = 2026-11-01\ntitle = \"Rust reviews\"\n+++\n",
    );
    env.ok(&["reflect", "--moments", "x", "--goal", "rust-reviews"]);
    assert!(
        env.read("reflections/2026/2026-11-25.md")
            .contains("goals = [\"rust-reviews\"]")
    );
    // Only goals in goals/ are ever matched: a path is just an unknown goal.
    env.fails(&["reflect", "--moments", "x", "--goal", "../x"], 1);
}

#[test]
fn edit_fills_in_a_template() {
    let mut env = TestEnv::new();
    let editor = env.editor(
        "fill.sh",
        r#"sed -i 's/<!-- What went well? -->/Great pairing session./' "$1""#,
    );
    env.set("EDITOR", &editor);
    let run = env.run(&["reflect", "--edit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("## What went well\n\nGreat pairing session."),
        "{text}"
    );
    assert!(!text.contains("<!--"), "the prompts are removed: {text}");
    assert!(!env.path(".mpl/drafts/reflection-2026-11-25.md").exists());
}

#[test]
fn an_untouched_template_saves_nothing() {
    let mut env = TestEnv::new();
    env.set("EDITOR", "true");
    let run = env.run(&["reflect", "--edit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("nothing changed"), "{}", run.stderr);
    assert!(!env.path("reflections/2026/2026-11-25.md").exists());
}

#[test]
fn edit_with_a_failing_editor_keeps_the_day_and_the_text() {
    let mut env = TestEnv::new();
    env.ok(&["reflect", "--moments", "Original"]);
    let before = env.read("reflections/2026/2026-11-25.md");
    let editor = env.editor("fail.sh", r#"echo "half-typed thought" >> "$1"; exit 3"#);
    env.set("VISUAL", &editor);
    let stderr = env.fails(&["reflect", "--edit"], 1);
    assert!(stderr.contains("exited with status 3"), "{stderr}");
    let draft = env.path(".mpl/drafts/reflection-2026-11-25.md");
    assert!(stderr.contains(&draft.display().to_string()), "{stderr}");
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("half-typed thought")
    );
    assert_eq!(env.read("reflections/2026/2026-11-25.md"), before);
}

#[test]
fn interactive_prompts_save_answers() {
    // A real terminal: `script` gives mpl a pseudo-terminal and types the answers; the last
    // Enter declines the offer to turn a highlight into evidence.
    // The first reflection makes the journal: with no git name, it first asks for a name
    // and a headline.
    let env = TestEnv::new();
    let shown = env.terminal(
        "reflect",
        "Ada Lovelace\rBackend engineer\rShipped v2\rDemo went well\r\rBorrowck rules\r\rThe runbook\r\r",
    );
    assert!(shown.contains("Your name"), "{shown}");
    let settings = env.read("mpl.toml");
    assert!(settings.contains("name = \"Ada Lovelace\""), "{settings}");
    assert!(
        settings.contains("headline = \"Backend engineer\""),
        "{settings}"
    );
    assert!(shown.contains("into evidence"), "{shown}");
    assert!(
        !env.path("evidence").exists(),
        "no evidence unless asked for"
    );
    assert!(shown.contains("What went well?"), "{shown}");
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.contains("## Key moments\n\nShipped v2"), "{text}");
    assert!(
        text.contains("## What went well\n\nDemo went well"),
        "{text}"
    );
    assert!(
        !text.contains("## What was difficult"),
        "a skipped question is left out: {text}"
    );
    assert!(
        text.contains("## What I learned\n\nBorrowck rules"),
        "{text}"
    );
    assert!(text.contains("## Worth sharing\n\nThe runbook"), "{text}");
}

#[test]
fn reflect_edit_does_not_lose_a_reflection_added_meanwhile() {
    let mut env = TestEnv::new();
    env.ok(&["reflect", "--moments", "Morning"]);
    let mpl = env!("CARGO_BIN_EXE_mpl");
    let editor = env.editor(
        "meanwhile.sh",
        &format!(r#"'{mpl}' reflect --went-well "from another terminal" || exit 9; echo "typed in editor" >> "$1""#),
    );
    env.set("EDITOR", &editor);
    let stderr = env.fails(&["reflect", "--edit"], 1);
    assert!(
        stderr.contains("changed while you were editing"),
        "{stderr}"
    );
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("from another terminal") && text.contains("Morning"),
        "{text}"
    );
    let draft = env.path(".mpl/drafts/reflection-2026-11-25.md");
    assert!(
        std::fs::read_to_string(draft)
            .unwrap()
            .contains("typed in editor")
    );
}

#[test]
fn answers_typed_at_a_prompt_survive_other_reflections() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // What an interrupted `mpl reflect` on a terminal leaves behind.
    env.write(
        ".mpl/drafts/reflection-2026-11-25-answers.md",
        "## Key moments\n\nTyped before the crash\n",
    );
    env.ok(&["reflect", "--went-well", "A quick note"]);
    assert!(
        env.path(".mpl/drafts/reflection-2026-11-25-answers.md")
            .exists()
    );
}

#[test]
fn repeated_and_partial_answers() {
    let env = TestEnv::new();
    env.ok(&[
        "reflect",
        "--went-well",
        "Pairing with Sam on the rollback plan.",
    ]);
    let commits = env.commit_count();
    let run = env.run(&[
        "reflect",
        "--went-well",
        "Pairing with Sam on the rollback plan.",
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("already says that; nothing changed"),
        "{}",
        run.stderr
    );
    assert_eq!(env.commit_count(), commits);
    env.ok(&["reflect", "--went-well", "Pairing"]);
    assert!(
        env.read("reflections/2026/2026-11-25.md")
            .contains("rollback plan.\n\nPairing\n")
    );
}

#[test]
fn edit_leaves_out_unanswered_questions() {
    let mut env = TestEnv::new();
    let editor = env.editor(
        "one.sh",
        r#"sed -i 's/<!-- What did you learn? -->/Borrowck./' "$1""#,
    );
    env.set("EDITOR", &editor);
    env.ok(&["reflect", "--edit"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.ends_with("+++\n\n## What I learned\n\nBorrowck.\n"),
        "{text}"
    );
}

#[test]
fn edit_without_an_editor_fails_before_creating_anything() {
    let env = TestEnv::new();
    let stderr = env.fails(&["reflect", "--edit"], 1);
    assert!(
        stderr.contains("no editor is set") && stderr.contains("MPL_EDITOR"),
        "{stderr}"
    );
    assert!(!env.journal().exists());
}

#[test]
fn adding_to_a_hand_written_day_keeps_what_was_written() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let hand = "+++\n# written by hand\nkind = \"reflection\"\ndate = 2026-11-25\nmood = 4  # out of 5\n+++\n\n## Notes\n\nRead [the RFC](https://example.org/rfc).\n\n> ## Quoted\n> line\n\n## What went well\n\nThe demo.\n";
    env.write("reflections/2026/2026-11-25.md", hand);
    env.ok(&[
        "reflect",
        "--went-well",
        "Pairing",
        "--next",
        "Ship it",
        "--tag",
        "ops",
    ]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert_eq!(
        text,
        "+++\n# written by hand\nkind = \"reflection\"\ndate = 2026-11-25\nmood = 4  # out of 5\ntags = [\"ops\"]\n+++\n\n## Notes\n\nRead [the RFC](https://example.org/rfc).\n\n> ## Quoted\n> line\n\n## What went well\n\nThe demo.\n\nPairing\n\n## Next time\n\nShip it\n"
    );
}

#[test]
fn edit_keeps_the_front_matter_as_typed() {
    let mut env = TestEnv::new();
    env.ok(&["reflect", "--moments", "First"]);
    let editor = env.editor(
        "comment.sh",
        r#"sed -i 's/^visibility = "private"$/visibility = "team" # for the retro/' "$1"; printf '\n## What went well\n\nAll of it\n' >> "$1""#,
    );
    env.set("EDITOR", &editor);
    env.ok(&["reflect", "--edit"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("visibility = \"team\" # for the retro\n"),
        "{text}"
    );
    assert!(text.contains("## What went well\n\nAll of it\n"), "{text}");
}

#[test]
fn a_new_days_editor_draft_is_resumed_later() {
    let mut env = TestEnv::new();
    env.ok(&["init"]);
    let fail = env.editor(
        "fail.sh",
        r#"sed -i 's/<!-- What went well? -->/Half an answer/' "$1"; exit 1"#,
    );
    env.set("EDITOR", &fail);
    env.fails(&["reflect", "--edit", "--date", "2026-11-22"], 1);
    env.now = "2026-11-25T18:05:00+01:00".into();
    let mut env = env;
    let keep = env.editor("keep.sh", r#"echo "and the rest" >> "$1""#);
    env.set("MPL_EDITOR", &keep);
    let run = env.run(&["reflect", "--edit", "--date", "2026-11-22"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("continuing from the unsaved draft"),
        "{}",
        run.stderr
    );
    let text = env.read("reflections/2026/2026-11-22.md");
    assert!(
        text.contains("Half an answer") && text.contains("and the rest"),
        "{text}"
    );
}

#[test]
fn edit_keeps_code_and_custom_sections_as_written() {
    let mut env = TestEnv::new();
    env.ok(&["init"]);
    let day = "+++\nkind = \"reflection\"\ndate = 2026-11-25\n+++\n\n## Agenda\n\n## Key moments\n\n    indented code\n    ## not a heading\n\n- item\n\n  ## heading in the item\n\n## Closing thoughts\n";
    env.write("reflections/2026/2026-11-25.md", day);
    let editor = env.editor("append.sh", r#"printf '\nmore\n' >> "$1""#);
    env.set("EDITOR", &editor);
    env.ok(&["reflect", "--edit"]);
    assert_eq!(
        env.read("reflections/2026/2026-11-25.md"),
        format!("{day}\nmore\n")
    );
    // Adding an answer keeps the code indented and the list whole.
    env.ok(&["reflect", "--went-well", "ok"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("\n    indented code\n    ## not a heading\n"),
        "{text}"
    );
    assert!(
        text.contains("- item\n\n  ## heading in the item\n"),
        "{text}"
    );
    assert!(text.contains("## What went well\n\nok\n"), "{text}");
}

#[test]
fn an_interactive_reflection_can_turn_a_highlight_into_evidence() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Rust reviews", "--id", "rust-reviews"]);
    // Six answers, then: yes, keep the suggested title, an impact, the goal (1 of "goal,
    // none"), and Enter: not in the portfolio (the reflection it came from is private).
    let shown = env.terminal(
        "reflect",
        "Shipped v2\rDemo went well\r\r\r\r\ry\r\rSaved two hours\r1\r\r",
    );
    assert!(shown.contains("Which goal does it serve?"), "{shown}");
    assert!(
        shown.contains("Show it in your portfolio (public)?"),
        "{shown}"
    );
    let id = "2026-11-25-demo-went-well";
    let text = env.read(&format!("evidence/2026/{id}.md"));
    assert!(text.contains("visibility = \"private\""), "{text}");
    assert!(shown.contains("private: out of your portfolio"), "{shown}");
    assert!(text.contains("title = \"Demo went well\""), "{text}");
    assert!(text.contains("impact = \"Saved two hours\""), "{text}");
    assert!(text.contains("goals = [\"rust-reviews\"]"), "{text}");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "evidence: Demo went well"
    );
    // Said yes to, it is public.
    env.terminal(
        "reflect --date yesterday",
        "Fixed the flaky test\r\r\r\r\r\ry\r\r\r\ryes\r",
    );
    let text = env.read("evidence/2026/2026-11-24-fixed-the-flaky-test.md");
    assert!(text.contains("visibility = \"public\""), "{text}");
}
