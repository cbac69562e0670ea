use crate::common::{TestEnv, ids};

/// A small journal over two years: reflections, learned entries and a hand-made goal.
fn journal() -> TestEnv {
    let mut env = TestEnv::new();
    env.ok(&["init"]);
    env.write(
        "goals/rust-reviews.md",
        "+++\nid = \"rust-reviews\"\nkind = \"goal\"\ndate = 2026-10-01\ncreated = 2026-10-01T09:00:00+02:00\ntitle = \"Rust reviews\"\n+++\n",
    );
    env.ok(&[
        "learn",
        "Old lesson",
        "--date",
        "2025-12-30",
        "--tag",
        "history",
    ]);
    env.ok(&["reflect", "--date", "2025-12-31", "--moments", "Year end"]);
    env.ok(&[
        "learn",
        "Borrowck",
        "--date",
        "2026-11-20",
        "--tag",
        "rust",
        "--goal",
        "rust-reviews",
    ]);
    env.ok(&[
        "reflect",
        "--date",
        "2026-11-23",
        "--moments",
        "Monday",
        "--tag",
        "rust",
    ]);
    env.now = "2026-11-25T09:00:00+01:00".into();
    env.ok(&["learn", "Morning thing"]);
    env.now = "2026-11-25T17:00:00+01:00".into();
    env.ok(&["learn", "Evening thing", "--tag", "rust"]);
    env
}

#[test]
fn newest_first_with_time_order_within_a_day() {
    let env = journal();
    let all = ids(&env.log_json(&[]));
    assert_eq!(
        all,
        vec![
            "2026-11-25-evening-thing",
            "2026-11-25-morning-thing",
            "2026-11-23",
            "2026-11-20-borrowck",
            "rust-reviews",
            "2025-12-31",
            "2025-12-30-old-lesson",
        ]
    );
}

#[test]
fn filters_combine() {
    let env = journal();
    assert_eq!(
        ids(&env.log_json(&["-n", "2"])),
        vec!["2026-11-25-evening-thing", "2026-11-25-morning-thing"]
    );
    assert_eq!(
        ids(&env.log_json(&["--kind", "reflection"])),
        vec!["2026-11-23", "2025-12-31"]
    );
    assert_eq!(
        ids(&env.log_json(&["--kind", "goal"])),
        vec!["rust-reviews"]
    );
    assert_eq!(
        ids(&env.log_json(&["--tag", "rust"])),
        vec![
            "2026-11-25-evening-thing",
            "2026-11-23",
            "2026-11-20-borrowck"
        ]
    );
    assert_eq!(
        ids(&env.log_json(&["--goal", "rust-reviews"])),
        vec!["2026-11-20-borrowck"]
    );
    assert_eq!(
        ids(&env.log_json(&["--since", "2025-12-31", "--until", "2026-11-20"])),
        vec!["2026-11-20-borrowck", "rust-reviews", "2025-12-31"]
    );
    assert_eq!(
        ids(&env.log_json(&["--since", "monday", "--kind", "reflection"])),
        vec!["2026-11-23"]
    );
    assert_eq!(
        ids(&env.log_json(&["--since", "1d"])),
        vec!["2026-11-25-evening-thing", "2026-11-25-morning-thing"]
    );
    assert_eq!(
        ids(&env.log_json(&["--since", "2d"])).len(),
        3,
        "2d is Monday, included"
    );
    assert_eq!(
        ids(&env.log_json(&["--kind", "learned", "--kind", "goal", "-n", "3"])).len(),
        3
    );
    assert!(env.log_json(&["--tag", "nothing"]).is_empty());
}

#[test]
fn json_fields_are_stable() {
    let env = journal();
    let entries = env.log_json(&["-n", "1"]);
    let e = &entries[0];
    let keys: Vec<&str> = e.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "id",
            "kind",
            "date",
            "created",
            "title",
            "tags",
            "goals",
            "visibility",
            "path",
            "fields",
            "body"
        ]
    );
    assert_eq!(e["path"], "learned/2026/2026-11-25-evening-thing.md");
    assert_eq!(e["created"], "2026-11-25T17:00:00+01:00");
}

#[test]
fn the_table_for_people() {
    let env = journal();
    let out = env.ok(&["log", "-n", "3"]);
    insta::assert_snapshot!(out, @r"
    DATE        KIND        ID                        TITLE                                  TAGS
    2026-11-25  learned     2026-11-25-evening-thing  Evening thing                          #rust
    2026-11-25  learned     2026-11-25-morning-thing  Morning thing
    2026-11-23  reflection  2026-11-23                Reflection on Monday 23 November 2026  #rust
    ");
}

#[test]
fn bad_filters_are_usage_errors() {
    let env = journal();
    env.fails(&["log", "--kind", "diary"], 2);
    env.fails(&["log", "--since", "soon"], 2);
    env.fails(&["log", "-n", "-1"], 2);
    let stderr = env.fails(
        &["log", "--since", "2026-11-25", "--until", "2026-11-01"],
        2,
    );
    assert!(stderr.contains("is after --until"), "{stderr}");
}

#[test]
fn show_finds_entries_by_id_and_unique_prefix() {
    let env = journal();
    let out = env.ok(&["show", "2026-11-20-borrowck"]);
    assert!(
        out.starts_with("Borrowck\nlearned · Friday 20 November 2026"),
        "{out}"
    );
    assert!(env.ok(&["show", "2026-11-20-b"]).contains("Borrowck"));
    assert!(
        env.ok(&["show", "2026-11-20-BORROWCK"])
            .contains("Borrowck")
    );
    assert!(env.ok(&["show", "rust-rev"]).contains("Rust reviews"));
    let stderr = env.fails(&["show", "2026-11-25-"], 1);
    assert!(stderr.contains("matches 2 entries"), "{stderr}");
    let stderr = env.fails(&["show", "2026-01-01-none"], 1);
    assert!(stderr.contains("no entry with id"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", "2026-11-23", "--json"])).unwrap();
    assert_eq!(json["kind"], "reflection");
}

#[test]
fn reading_commands_need_a_journal() {
    let env = TestEnv::new();
    let stderr = env.fails(&["log"], 1);
    assert!(stderr.contains("there is no journal at"), "{stderr}");
    assert!(stderr.contains("mpl reflect"), "{stderr}");
    assert!(!env.journal().exists(), "reading does not create a journal");
}
