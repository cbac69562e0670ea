use crate::common::TestEnv;

#[test]
fn a_healthy_journal_passes() {
    let env = TestEnv::new();
    env.ok(&["reflect", "--moments", "x"]);
    env.ok(&["learn", "y"]);
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("checked 3 files: all good"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn every_problem_is_listed_with_path_and_line() {
    let env = TestEnv::new();
    env.ok(&["learn", "fine"]);
    env.write(
        "learned/2026/2026-11-20-bad-toml.md",
        "+++\nkind = \"learned\"\ndate = 2026-11-20\ntitle = \"unclosed\n+++\n",
    );
    env.write("learned/2026/2026-11-21-no-front.md", "just text\n");
    env.write(
        "learned/2026/2026-11-22-wrong-date.md",
        "+++\nkind = \"learned\"\ndate = 2026-11-23\n+++\n",
    );
    env.write(
        "learned/2025/2026-11-22-wrong-year.md",
        "+++\nkind = \"learned\"\ndate = 2026-11-22\n+++\n",
    );
    env.write(
        "reflections/2026/2026-11-24.md",
        "+++\nkind = \"learned\"\ndate = 2026-11-24\n+++\n",
    );
    env.write(
        "learned/2026/2026-11-19-id.md",
        "+++\nid = \"other\"\nkind = \"learned\"\ndate = 2026-11-19\n+++\n",
    );
    env.write("learned/2026/2026-11-18-conflict.md", "+++\nkind = \"learned\"\ndate = 2026-11-18\n+++\n<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n");
    env.write("challenges/mine.toml", "title = \"x\"\ntasks = [\n");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r#"
    learned/2025/2026-11-22-wrong-year.md: belongs in learned/2026/
    learned/2026/2026-11-18-conflict.md:5: unresolved conflict: two versions of this text meet here; keep what you want and delete the marker lines
    learned/2026/2026-11-19-id.md:2: id "other" does not match the file name; the file name is the id
    learned/2026/2026-11-20-bad-toml.md:4: invalid TOML in front matter: invalid basic string, expected `"`
    learned/2026/2026-11-21-no-front.md:1: no front matter: an entry starts with a `+++` line
    learned/2026/2026-11-22-wrong-date.md:3: date 2026-11-23 does not match the date in the file name (2026-11-22)
    reflections/2026/2026-11-24.md:2: kind "learned" does not match its folder reflections/, which holds reflection entries
    challenges/mine.toml:2: invalid TOML: unclosed array, expected `]`
    "#);
    assert!(
        run.stderr.contains("checked 10 files: 8 problems"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["doctor", "--json"]).stdout).unwrap();
    assert_eq!(json["checked"], 10);
    assert_eq!(json["problems"].as_array().unwrap().len(), 8);
    assert_eq!(json["problems"][3]["line"], 4);
}

#[test]
fn a_broken_mpl_toml_is_reported_not_rewritten() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.write("mpl.toml", "format = 1\nworkdays = [\"funday\"]\n");
    env.write("goals/bad.md", "+++\nkind = \"goal\"\ndate = nope\n+++\n");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    // The entries are still checked.
    assert!(run.stdout.contains("goals/bad.md:3:"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("mpl.toml:2: invalid workday \"funday\""),
        "{}",
        run.stdout
    );
    let stderr = env.fails(&["learn", "x"], 1);
    assert!(stderr.contains("mpl.toml:2:"), "{stderr}");
    assert_eq!(
        env.read("mpl.toml"),
        "format = 1\nworkdays = [\"funday\"]\n"
    );
}
