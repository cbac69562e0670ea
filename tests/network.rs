//! `mpl network`, `mpl toolkit`, `mpl share` and `mpl import jrnl`.

use crate::common::{TestEnv, front_matter};

fn json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

#[test]
fn contacts_keep_who_where_topics_and_each_conversation() {
    let mut env = TestEnv::new();
    env.now = "2026-10-01T18:00:00+01:00".into();
    env.ok(&[
        "network",
        "add",
        "Grace Hopper",
        "--where",
        "Navy",
        "--topic",
        "cobol",
    ]);
    env.now = "2026-11-25T18:00:00+01:00".into();
    env.ok(&[
        "network",
        "add",
        "Ada Lovelace",
        "--where",
        "RustConf",
        "--topic",
        "rust",
        "--topic",
        "Compilers",
        "--mentor",
    ]);
    env.ok(&["network", "add", "Alan Turing", "--topic", "ai"]);
    env.ok(&["network", "log", "ADA", "Talked about", "diagnostics"]);
    env.ok(&[
        "network",
        "log",
        "alan turing",
        "Coffee",
        "--date",
        "2026-11-20",
    ]);

    let front = front_matter(&env.read("network/ada-lovelace.md"));
    assert_eq!(front["title"], "Ada Lovelace");
    assert_eq!(front["where"], "RustConf");
    assert_eq!(front["topics"], serde_json::json!(["rust", "compilers"]));
    assert_eq!(front["mentor"], true);
    assert_eq!(front["visibility"], "private");
    assert_eq!(front["interaction"][0]["note"], "Talked about diagnostics");
    assert_eq!(front["interaction"][0]["date"], "2026-11-25");

    // Neglected contacts first: Grace (added in October, never talked to since).
    let list = json(&env, &["network", "list", "--json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Grace Hopper", "Alan Turing", "Ada Lovelace"]);
    assert_eq!(list[0]["last_interaction"], "2026-10-01");
    assert_eq!(list[1]["last_interaction"], "2026-11-20");
    assert_eq!(list[2]["last_interaction"], "2026-11-25");
    let table = env.ok(&["network", "list"]);
    assert!(
        table.contains("55 days ago") && table.contains("5 days ago"),
        "{table}"
    );
    assert_eq!(
        json(&env, &["network", "list", "--mentor", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        json(&env, &["network", "list", "--topic", "ai", "--json"])[0]["name"],
        "Alan Turing"
    );
    let show = env.ok(&["network", "show", "ada"]);
    assert!(
        show.contains("2026-11-25  Talked about diagnostics"),
        "{show}"
    );
}

#[test]
fn names_are_forgiving_but_unknown_and_duplicate_names_are_refused() {
    let env = TestEnv::new();
    env.ok(&["network", "add", "Ada Lovelace"]);
    env.ok(&["network", "add", "Alan Turing"]);
    let count = env.commit_count();
    let err = env.fails(&["network", "add", "ada lovelace"], 1);
    assert!(
        err.contains("already in your network (network/ada-lovelace.md)"),
        "{err}"
    );
    let err = env.fails(&["network", "log", "Ada Lovelance", "x"], 1);
    assert!(err.contains("did you mean Ada Lovelace?"), "{err}");
    let err = env.fails(&["network", "log", "a", "x"], 1);
    assert!(
        err.contains("matches 2 contacts: Ada Lovelace, Alan Turing"),
        "{err}"
    );
    env.fails(&["network", "log", "ada", "x", "--date", "2027-01-01"], 2);
    env.fails(&["network", "log", "ada"], 2);
    assert_eq!(env.commit_count(), count);
}

#[test]
fn the_toolkit_lists_by_kind() {
    let env = TestEnv::new();
    env.ok(&[
        "toolkit",
        "add",
        "Feedly",
        "--kind",
        "feed",
        "--url",
        "https://feedly.com",
        "--note",
        "300 feeds on L&D",
    ]);
    env.ok(&["toolkit", "add", "The Rust Book", "--kind", "course"]);
    env.ok(&["toolkit", "add", "ripgrep"]);
    let front = front_matter(&env.read("toolkit/feedly.md"));
    assert_eq!(front["type"], "feed");
    assert_eq!(front["url"], "https://feedly.com");
    assert_eq!(front["visibility"], "public");
    let all = json(&env, &["toolkit", "list", "--json"]);
    let kinds: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["tool", "feed", "course"]);
    assert_eq!(all[1]["note"], "300 feeds on L&D");
    let feeds = json(&env, &["toolkit", "list", "--kind", "feed", "--json"]);
    assert_eq!(feeds.as_array().unwrap().len(), 1);
    env.fails(&["toolkit", "add", "X", "--kind", "blog"], 2);
    env.fails(&["toolkit", "add", "X", "--url", "feedly.com"], 2);
    let err = env.fails(&["toolkit", "add", "feedly"], 1);
    assert!(err.contains("already in your toolkit"), "{err}");
}

#[test]
fn share_gathers_the_week_for_the_team() {
    let mut env = TestEnv::new();
    env.now = "2026-11-10T18:00:00+01:00".into();
    env.ok(&["reflect", "--share", "Too old to share"]);
    env.now = "2026-11-23T18:00:00+01:00".into();
    env.ok(&[
        "reflect",
        "--share",
        "The on-call runbook is updated",
        "--went-well",
        "x",
    ]);
    env.ok(&[
        "learn",
        "Flame graphs",
        "--team",
        "--source",
        "https://example.com/flame",
    ]);
    env.ok(&["learn", "Just for me"]);
    env.now = "2026-11-25T18:00:00+01:00".into();
    let out = env.ok(&["share"]);
    assert!(
        out.starts_with("# Worth sharing: Thursday 19 November 2026 to Wednesday 25 November 2026"),
        "{out}"
    );
    assert!(
        out.contains("- **Monday 23 November**: The on-call runbook is updated"),
        "{out}"
    );
    assert!(
        out.contains("## What I learned\n\n- **Flame graphs** (https://example.com/flame)"),
        "{out}"
    );
    assert!(
        !out.contains("Too old") && !out.contains("Just for me") && !out.contains("went"),
        "{out}"
    );
    assert!(
        env.ok(&["share", "--since", "2026-11-01"])
            .contains("Too old to share")
    );
    let run = env.run(&["share", "--since", "2026-11-24"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert!(
        run.stderr.contains("nothing marked worth sharing"),
        "{}",
        run.stderr
    );
}

const EXPORT: &str = include_str!("fixtures/jrnl-export.json");

#[test]
fn a_jrnl_export_imports_once() {
    // tests/fixtures/jrnl-export.json was written by jrnl 4.6 (`jrnl --format json`).
    let env = TestEnv::new();
    let file = env.root.join("export.json");
    std::fs::write(&file, EXPORT).unwrap();
    let run = env.run(&["import", "jrnl", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("imported 4 of 4"), "{}", run.stderr);
    let learned = env.log_json(&["--kind", "learned"]);
    assert_eq!(learned.len(), 4);
    let borrows = learned
        .iter()
        .find(|e| e["title"] == "Two-phase borrows in Rust.")
        .unwrap();
    assert_eq!(borrows["date"], "2026-10-07");
    assert_eq!(borrows["created"], "2026-10-07T09:15:00+01:00");
    assert_eq!(borrows["tags"], serde_json::json!(["rust"]));
    assert_eq!(borrows["fields"]["starred"], true);
    assert_eq!(borrows["visibility"], "private");
    assert_eq!(
        borrows["body"],
        "A mutable borrow starts as shared until it is used. @rust\n"
    );
    let retro = learned
        .iter()
        .find(|e| e["title"].as_str().unwrap().starts_with("Retro"))
        .unwrap();
    assert!(retro["body"].as_str().unwrap().contains("café, 日本"));
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "import: 4 entries from jrnl"
    );
    let count = env.commit_count();

    // Again: nothing new.
    let run = env.run(&["import", "jrnl", file.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("imported 0 of 4") && run.stderr.contains("4 already imported"),
        "{}",
        run.stderr
    );
    assert_eq!(env.commit_count(), count);
    assert_eq!(env.log_json(&["--kind", "learned"]).len(), 4);
}

#[test]
fn a_jrnl_export_can_become_reflections() {
    let env = TestEnv::new();
    let file = env.root.join("export.json");
    std::fs::write(&file, EXPORT).unwrap();
    env.ok(&[
        "import",
        "jrnl",
        file.to_str().unwrap(),
        "--as",
        "reflection",
    ]);
    let days = env.log_json(&["--kind", "reflection"]);
    assert_eq!(days.len(), 3, "two entries on 7 October share a day");
    let text = env.read("reflections/2026/2026-10-07.md");
    assert!(text.contains("**Two-phase borrows in Rust.**"), "{text}");
    assert!(
        text.contains("**Retro notes: we ship smaller & sooner.**"),
        "{text}"
    );
    env.ok(&[
        "import",
        "jrnl",
        file.to_str().unwrap(),
        "--as",
        "reflection",
    ]);
    assert_eq!(env.read("reflections/2026/2026-10-07.md"), text);
    assert!(env.ok(&["doctor"]).is_empty());
}

#[test]
fn files_that_are_not_jrnl_exports_import_nothing() {
    let env = TestEnv::new();
    for (name, text, says) in [
        ("broken.json", "{\"entries\": [", "not valid JSON (line 1"),
        ("other.json", "{\"items\": []}", "not a jrnl export"),
        (
            "bad-date.json",
            "{\"entries\": [{\"title\": \"x\", \"date\": \"7 Oct\"}]}",
            "entry 1: \"date\"",
        ),
    ] {
        let file = env.root.join(name);
        std::fs::write(&file, text).unwrap();
        let err = env.fails(&["import", "jrnl", file.to_str().unwrap()], 1);
        assert!(
            err.contains(says) && err.contains("nothing was imported"),
            "{err}"
        );
    }
    let err = env.fails(&["import", "jrnl", "missing.json"], 1);
    assert!(err.contains("cannot read missing.json"), "{err}");
    env.fails(&["import", "jrnl", "x.json", "--as", "goal"], 2);
    assert!(!env.journal().exists());
}

#[test]
fn a_contact_is_found_by_any_word_of_their_name_in_any_script() {
    let env = TestEnv::new();
    env.ok(&["network", "add", "Dr. Mei Tanaka 田中"]);
    env.ok(&["network", "add", "Mei Lin"]);
    // Their id says something of the name, whatever its script.
    assert!(env.path("network/dr-mei-tanaka-tian-zhong.md").is_file());
    env.ok(&["network", "log", "tanaka", "Talked about tracing"]);
    env.ok(&["network", "log", "田中", "Lunch"]);
    let shown = env.ok(&["network", "show", "tanaka"]);
    assert!(
        shown.contains("Talked about tracing") && shown.contains("Lunch"),
        "{shown}"
    );
    // A name that starts so comes first: "mei" is Mei Lin.
    let out = env.run(&["network", "log", "mei", "Coffee"]);
    assert!(out.stderr.contains("Mei Lin"), "{}", out.stderr);
    // Two people with the word: both named, nothing written.
    env.ok(&["network", "add", "Li Zhong"]);
    let err = env.fails(&["network", "log", "zhong", "Tea"], 1);
    assert!(err.contains("Li Zhong") && err.contains("Tanaka"), "{err}");
    assert!(!env.ok(&["network", "show", "li zhong"]).contains("Tea"));
}
