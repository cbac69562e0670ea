use crate::common::TestEnv;

fn with_entry() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["learn", "Original title", "--tag", "a"]);
    env
}

const FILE: &str = "learned/2026/2026-11-25-original-title.md";

#[test]
fn a_valid_edit_is_saved_as_written_and_committed() {
    let mut env = with_entry();
    let editor = env.editor(
        "ed.sh",
        r#"sed -i 's/Original title/Better title/' "$1"; printf '\nMore detail.\n' >> "$1""#,
    );
    env.set("EDITOR", &editor);
    let run = env.run(&["edit", "2026-11-25-original"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = env.read(FILE);
    assert!(text.contains("title = \"Better title\""));
    assert!(text.contains("More detail."));
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "edit: 2026-11-25-original-title"
    );
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn editor_order_is_mpl_editor_then_config_then_visual_then_editor() {
    let mut env = with_entry();
    let mark = |env: &mut TestEnv, name: &str| {
        env.editor(
            &format!("{name}.sh"),
            &format!(r#"printf '{name}\n' >> "$1""#),
        )
    };
    let editor = mark(&mut env, "by-editor");
    env.set("EDITOR", &editor);
    env.ok(&["edit", "2026-11-25-original-title"]);
    assert!(env.read(FILE).ends_with("by-editor\n"));
    let visual = mark(&mut env, "by-visual");
    env.set("VISUAL", &visual);
    env.ok(&["edit", "2026-11-25-original-title"]);
    assert!(env.read(FILE).ends_with("by-visual\n"));
    let config = mark(&mut env, "by-config");
    std::fs::create_dir_all(env.home.join(".config/mpl")).unwrap();
    std::fs::write(
        env.home.join(".config/mpl/config.toml"),
        format!("editor = \"{config}\"\n"),
    )
    .unwrap();
    env.ok(&["edit", "2026-11-25-original-title"]);
    assert!(env.read(FILE).ends_with("by-config\n"));
    let mpl_editor = mark(&mut env, "by-mpl-editor");
    env.set("MPL_EDITOR", &mpl_editor);
    env.ok(&["edit", "2026-11-25-original-title"]);
    assert!(env.read(FILE).ends_with("by-mpl-editor\n"));
}

#[test]
fn unchanged_and_empty_edits_change_nothing() {
    let mut env = with_entry();
    let before = env.read(FILE);
    env.set("EDITOR", "true");
    let run = env.run(&["edit", "2026-11-25-original-title"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("nothing changed"));
    assert_eq!(env.read(FILE), before);

    let mut env = with_entry();
    let empty = env.editor("empty.sh", r#": > "$1""#);
    env.set("EDITOR", &empty);
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(stderr.contains("empty"), "{stderr}");
    assert_eq!(env.read(FILE), before);
}

#[test]
fn an_invalid_edit_is_kept_aside_and_resumed() {
    let mut env = with_entry();
    let before = env.read(FILE);
    let commits = env.commit_count();
    let breaker = env.editor(
        "break.sh",
        r#"sed -i 's/^date = .*/date = "someday"/' "$1"; echo "my precious words" >> "$1""#,
    );
    env.set("EDITOR", &breaker);
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    let draft = env.path(".mpl/drafts/edit-2026-11-25-original-title.md");
    assert!(
        stderr.contains(&format!("{}:4: invalid 'date'", draft.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("is unchanged; your text is kept at"),
        "{stderr}"
    );
    assert_eq!(env.read(FILE), before, "the entry stays as it was");
    assert_eq!(env.commit_count(), commits);
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("my precious words")
    );

    // The next edit starts from the draft; fixing the date saves it.
    let mut env = env;
    let fixer = env.editor("fix.sh", r#"sed -i 's/^date = .*/date = 2026-11-25/' "$1""#);
    env.set("MPL_EDITOR", &fixer);
    let run = env.run(&["edit", "2026-11-25-original-title"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("continuing from the unsaved draft"));
    assert!(env.read(FILE).contains("my precious words"));
    assert!(!draft.exists());
}

#[test]
fn an_edit_cannot_change_the_kind() {
    let mut env = with_entry();
    let editor = env.editor("kind.sh", r#"sed -i 's/^kind = .*/kind = "goal"/' "$1""#);
    env.set("EDITOR", &editor);
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(stderr.contains("changes the kind"), "{stderr}");
}

#[test]
fn no_editor_is_a_clear_error() {
    let env = with_entry();
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(stderr.contains("no editor is set"), "{stderr}");
    assert!(stderr.contains("EDITOR"), "{stderr}");
    env.fails(&["edit", "2026-11-25-original-title", "--no-input"], 2);
}

#[test]
fn edit_can_repair_a_broken_file() {
    let mut env = with_entry();
    env.write(
        FILE,
        "+++\nkind = \"learned\"\ndate = 2026-11-25\ntitle = \"unclosed\n+++\n",
    );
    let fixer = env.editor("fix.sh", r#"sed -i 's/"unclosed/"closed"/' "$1""#);
    env.set("EDITOR", &fixer);
    env.ok(&["edit", "2026-11-25-original-title"]);
    assert!(
        env.ok(&["show", "2026-11-25-original-title"])
            .starts_with("closed")
    );
}

#[test]
fn other_commands_can_write_while_the_editor_is_open() {
    let mut env = with_entry();
    let mpl = env!("CARGO_BIN_EXE_mpl");
    let editor = env.editor(
        "busy.sh",
        &format!(r#"'{mpl}' learn "written during the edit" || exit 9; echo "edited" >> "$1""#),
    );
    env.set("EDITOR", &editor);
    let run = env.run(&["edit", "2026-11-25-original-title"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        env.path("learned/2026/2026-11-25-written-during-the-edit.md")
            .is_file()
    );
    assert!(env.read(FILE).contains("edited"));
}

/// An entry, and an editor that types "my edit" while something else changes the file.
fn with_clashing_editor() -> TestEnv {
    let mut env = with_entry();
    let file = env.path(FILE);
    let editor = env.editor(
        "race.sh",
        &format!(
            r#"echo "changed elsewhere" >> '{}'; echo "my edit" >> "$1""#,
            file.display()
        ),
    );
    env.set("EDITOR", &editor);
    env
}

#[test]
fn a_file_changed_during_the_edit_is_not_overwritten() {
    let env = with_clashing_editor();
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(
        stderr.contains("changed while you were editing"),
        "{stderr}"
    );
    assert!(env.read(FILE).contains("changed elsewhere"));
    assert!(!env.read(FILE).contains("my edit"));
    let draft = env.path(".mpl/drafts/edit-2026-11-25-original-title.md");
    assert!(std::fs::read_to_string(draft).unwrap().contains("my edit"));
}

#[test]
fn a_stale_draft_is_set_aside_not_applied() {
    let env = with_clashing_editor();
    env.fails(&["edit", "2026-11-25-original-title"], 1);
    // The next edit must not apply the old draft over the newer file.
    let mut env = env;
    let appender = env.editor("append.sh", r#"echo "fresh edit" >> "$1""#);
    env.set("MPL_EDITOR", &appender);
    let run = env.run(&["edit", "2026-11-25-original-title"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let aside = env.path(".mpl/drafts/edit-2026-11-25-original-title-old-1.md");
    assert!(
        run.stderr.contains(&aside.display().to_string()),
        "{}",
        run.stderr
    );
    assert!(std::fs::read_to_string(&aside).unwrap().contains("my edit"));
    let text = env.read(FILE);
    assert!(
        text.contains("changed elsewhere") && text.contains("fresh edit"),
        "{text}"
    );
    assert!(!text.contains("my edit"));
}

#[test]
fn an_edit_cannot_move_an_entry_to_another_day() {
    let mut env = with_entry();
    let editor = env.editor(
        "date.sh",
        r#"sed -i 's/^date = .*/date = 2026-01-01/' "$1""#,
    );
    env.set("EDITOR", &editor);
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(stderr.contains("sets date = 2026-01-01"), "{stderr}");
    assert!(env.read(FILE).contains("date = 2026-11-25"));
}

#[test]
fn a_missing_editor_is_named_with_its_setting() {
    let mut env = with_entry();
    env.set("VISUAL", "/nonexistent/editor");
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(
        stderr.contains("the editor `/nonexistent/editor` (from VISUAL) was not found"),
        "{stderr}"
    );
    assert!(
        !env.path(".mpl/drafts/edit-2026-11-25-original-title.md")
            .exists(),
        "nothing typed, no draft"
    );
}

#[test]
fn no_editor_leaves_nothing_behind_and_a_missing_one_is_said_by_mpl() {
    let mut env = with_entry();
    env.fails(&["edit", "2026-11-25-original-title"], 1);
    let drafts = env.path(".mpl/drafts");
    let left: Vec<_> = std::fs::read_dir(&drafts)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
    // A program that is not there: mpl's words, not the shell's.
    env.set("EDITOR", "no-such-editor-program --wait");
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(
        stderr.contains("there is no program `no-such-editor-program`"),
        "{stderr}"
    );
    assert!(!stderr.contains("sh:"), "{stderr}");
}

#[test]
fn an_invalid_draft_can_be_dropped_to_start_again() {
    let mut env = with_entry();
    let breaker = env.editor("break.sh", r#"sed -i 's/^date = .*/date = "soon"/' "$1""#);
    env.set("EDITOR", &breaker);
    let stderr = env.fails(&["edit", "2026-11-25-original-title"], 1);
    assert!(stderr.contains("--discard-draft"), "{stderr}");
    // The next edit continues from the broken draft, and fails the same way...
    let fixer = env.editor("fix.sh", r#"sed -i 's/Original title/Fresh title/' "$1""#);
    env.set("EDITOR", &fixer);
    env.fails(&["edit", "2026-11-25-original-title"], 1);
    // ...until the draft is dropped.
    let run = env.run(&["edit", "2026-11-25-original-title", "--discard-draft"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("dropped the unsaved draft"),
        "{}",
        run.stderr
    );
    assert!(env.read(FILE).contains("title = \"Fresh title\""));
}

#[test]
fn with_no_editor_set_a_terminal_gets_the_systems_editor_as_git_does() {
    let mut env = with_entry();
    // A stand-in for the system's `editor` (Debian's alternatives), first on PATH.
    let bin = env.root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("editor");
    std::fs::write(
        &script,
        "#!/bin/sh\nsed -i 's/Original title/Edited by the system editor/' \"$1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.set("PATH", &path);
    let shown = env.terminal("edit 2026-11-25-original-title", "");
    assert!(shown.contains("opening `editor`"), "{shown}");
    assert!(
        env.read(FILE).contains("Edited by the system editor"),
        "{shown}"
    );
}
