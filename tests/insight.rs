//! `mpl search`, `mpl stats` and `mpl review`: seeing what the journal holds.

use crate::common::TestEnv;

fn json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

fn on(env: &mut TestEnv, date: &str) {
    env.now = format!("{date}T18:00:00+01:00");
}

#[test]
fn search_needs_every_word_in_any_case_and_filters() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-02");
    env.ok(&[
        "learn",
        "Two-phase borrows",
        "--tag",
        "rust",
        "--source",
        "The Rustonomicon",
    ]);
    env.ok(&[
        "reflect",
        "--difficult",
        "The borrow checker rejected my Café code",
    ]);
    on(&mut env, "2026-11-20");
    env.ok(&[
        "learn",
        "Borrowing in Python? No such thing",
        "--tag",
        "python",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "Fixed the borrow bug",
        "--impact",
        "No more crashes in the RUSTONOMICON demo",
    ]);

    let hits = json(&env, &["search", "BORROW", "--json"]);
    let ids: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "2026-11-20-fixed-the-borrow-bug",
            "2026-11-20-borrowing-in-python-no-such",
            "2026-11-02-two-phase-borrows",
            "2026-11-02",
        ]
    );
    // Every word must match, in the title, tags, fields or body.
    let both = json(&env, &["search", "borrow", "rustonomicon", "--json"]);
    assert_eq!(both.as_array().unwrap().len(), 2);
    assert_eq!(
        json(&env, &["search", "café", "--json"])[0]["id"],
        "2026-11-02"
    );
    assert_eq!(
        json(&env, &["search", "borrow", "--kind", "learned", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        json(
            &env,
            &["search", "borrow", "--since", "2026-11-10", "--json"]
        )
        .as_array()
        .unwrap()
        .len(),
        2
    );
    assert_eq!(
        json(
            &env,
            &["search", "borrow", "--until", "2026-11-10", "--json"]
        )
        .as_array()
        .unwrap()
        .len(),
        2
    );
    assert_eq!(
        json(&env, &["search", "borrow", "--tag", "rust", "--json"])[0]["id"],
        "2026-11-02-two-phase-borrows"
    );
    assert_eq!(
        json(&env, &["search", "borrow", "-n", "1", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        json(&env, &["search", "kind", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "field names are not content"
    );
    let snippet = &json(&env, &["search", "checker", "--json"])[0]["snippet"];
    assert_eq!(snippet, "The borrow checker rejected my Café code");

    let out = env.ok(&["search", "checker"]);
    assert!(out.contains("2026-11-02  reflection  2026-11-02"), "{out}");
    assert!(out.contains("    The borrow checker rejected"), "{out}");
    let colored = env.ok(&["--color", "always", "search", "checker"]);
    assert!(colored.contains("\u{1b}[1m\u{1b}[33mchecker"), "{colored}");
    let run = env.run(&["search", "nothing-like-this"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert!(run.stderr.contains("no entries hold"), "{}", run.stderr);
    env.fails(&["search"], 2);
}

#[test]
fn a_broken_file_does_not_stop_a_search() {
    let env = TestEnv::new();
    env.ok(&["learn", "Flame graphs are wide"]);
    env.write(
        "learned/2026/2026-11-24-broken.md",
        "+++\nkind = \"learned\"\ndate = 2026-11-24\ntitle = \"flame\n+++\n",
    );
    let run = env.run(&["search", "flame"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Flame graphs"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("skipped learned/2026/2026-11-24-broken.md:4"),
        "{}",
        run.stderr
    );
}

#[test]
fn stats_count_streaks_on_a_constructed_calendar() {
    let mut env = TestEnv::new();
    // Reflections Thu 19, Fri 20, Mon 23, Tue 24 November: the weekend does not break the
    // workday streak. Earlier, Mon 9 to Fri 13 (5 days) then a gap.
    for day in ["09", "10", "11", "12", "13", "19", "20", "23", "24"] {
        on(&mut env, &format!("2026-11-{day}"));
        env.ok(&["reflect", "--went-well", &format!("day {day}")]);
    }
    // Learning every day 21 to 25 (5, current), and 1 to 3 before (3).
    for day in ["01", "02", "03", "21", "22", "23", "24", "25"] {
        on(&mut env, &format!("2026-11-{day}"));
        env.ok(&["learn", &format!("thing {day}")]);
    }
    env.ok(&["goal", "add", "A", "--id", "a"]);
    env.ok(&["goal", "add", "B", "--id", "b"]);
    env.ok(&["goal", "done", "b"]);
    on(&mut env, "2026-11-25"); // Wednesday, no reflection yet: still open
    let stats = json(&env, &["stats", "--json"]);
    assert_eq!(stats["streaks"]["reflection"]["current"], 4);
    assert_eq!(stats["streaks"]["reflection"]["longest"], 5);
    assert_eq!(stats["streaks"]["learning"]["current"], 5);
    assert_eq!(stats["streaks"]["learning"]["longest"], 5);
    assert_eq!(stats["kinds"]["reflection"]["all"], 9);
    assert_eq!(stats["kinds"]["learned"]["all"], 8);
    assert_eq!(stats["months"]["2026-11"], 17);
    assert_eq!(stats["months"]["2026-01"], 0);
    assert_eq!(stats["goals"]["active"], 1);
    assert_eq!(stats["goals"]["achieved"], 1);
    assert_eq!(stats["days"]["2026-11-23"], 2);
    // Thursday: Wednesday was missed.
    on(&mut env, "2026-11-26");
    assert_eq!(
        json(&env, &["stats", "--json"])["streaks"]["reflection"]["current"],
        0
    );

    let year = json(&env, &["stats", "--year", "2025", "--json"]);
    assert_eq!(year["kinds"]["reflection"]["period"], 0);
    assert_eq!(year["kinds"]["reflection"]["all"], 9);
    let text = env.ok(&["stats"]);
    assert!(
        text.contains("reflection (workdays)  current   0   longest   5"),
        "{text}"
    );
    assert!(
        text.contains("Mon ") && text.contains("less . - + * # more"),
        "{text}"
    );
    let calendar = &text[text.find("\nMon").unwrap()..];
    assert!(
        calendar.is_ascii(),
        "plain characters without colour: {calendar}"
    );
    env.fails(&["stats", "--year", "0"], 2);
    // On a terminal of 80 columns (macOS Terminal's), and of 40, every line fits.
    for columns in ["80", "40"] {
        env.set("COLUMNS", columns);
        let shown = env.terminal("stats --color never", "");
        let widest = shown
            .lines()
            .map(|l| l.trim_end_matches('\r').chars().count())
            .max()
            .unwrap();
        assert!(
            widest <= columns.parse().unwrap(),
            "{widest} columns:\n{shown}"
        );
        assert!(shown.contains("less . - + * # more"), "{shown}");
    }
}

#[test]
fn review_gathers_a_week_for_a_one_to_one() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-10");
    env.ok(&[
        "goal",
        "add",
        "Faster CI",
        "--id",
        "faster-ci",
        "--measure",
        "CI under 15 minutes",
    ]);
    env.ok(&["reflect", "--difficult", "Too old to show"]);
    on(&mut env, "2026-11-17");
    env.ok(&[
        "goal",
        "progress",
        "faster-ci",
        "Split the suite",
        "--percent",
        "50",
    ]);
    env.ok(&[
        "learn",
        "Test sharding",
        "--goal",
        "faster-ci",
        "--source",
        "https://example.com/shard",
    ]);
    env.ok(&[
        "reflect",
        "--went-well",
        "Sharding worked",
        "--difficult",
        "Flaky tests surfaced",
        "--next",
        "Quarantine flaky tests",
    ]);
    on(&mut env, "2026-11-18");
    env.ok(&[
        "evidence",
        "add",
        "Cut CI from 40 to 12 minutes",
        "--impact",
        "28 minutes sooner",
        "--goal",
        "faster-ci",
    ]);
    env.ok(&[
        "feedback",
        "add",
        "Great work on CI",
        "--from",
        "my manager",
    ]);
    on(&mut env, "2026-11-20");
    let out = env.ok(&["review"]);
    assert!(
        out.starts_with("# Review: Monday 16 November 2026 to Friday 20 November 2026\n"),
        "{out}"
    );
    for expected in [
        "## Goals",
        "- **Faster CI** (active, 50%)",
        "Measure: CI under 15 minutes",
        "  - Tue 17 Nov: Split the suite (50%)",
        "Linked this period: 1 learned, 1 evidence",
        "## Evidence of what I achieved\n\n- **Cut CI from 40 to 12 minutes** (Wed 18 Nov): 28 minutes sooner",
        "## What I learned\n\n- Test sharding (Tue 17 Nov): https://example.com/shard",
        "## What went well\n\n- **Tue 17 Nov**: Sharding worked",
        "## What was difficult\n\n- **Tue 17 Nov**: Flaky tests surfaced",
        "## What comes next\n\n- **Tue 17 Nov**: Quarantine flaky tests",
        "## Feedback received\n\n- \"Great work on CI\" from my manager (Wed 18 Nov)",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("Too old"), "{out}");
    assert!(env.ok(&["review", "--month"]).contains("Too old to show"));
    let custom = env.ok(&["review", "--since", "2026-11-18", "--until", "2026-11-18"]);
    assert!(
        custom.contains("Cut CI") && !custom.contains("Sharding worked"),
        "{custom}"
    );
    // Calendar periods, as a 1:1 means them.
    let month = env.ok(&["review", "--month"]);
    assert!(
        month.starts_with("# Review: Sunday 1 November 2026 to Friday 20 November 2026\n"),
        "{month}"
    );
    let last_week = env.ok(&["review", "--last-week"]);
    assert!(
        last_week.starts_with("# Review: Monday 9 November 2026 to Sunday 15 November 2026\n"),
        "{last_week}"
    );
    assert!(last_week.contains("Too old to show"), "{last_week}");
    let last_month = env.ok(&["review", "--last-month"]);
    assert!(
        last_month.starts_with("# Review: Thursday 1 October 2026 to Saturday 31 October 2026\n"),
        "{last_month}"
    );
    env.fails(&["review", "--week", "--month"], 2);
    env.fails(&["review", "--last-week", "--since", "2026-11-01"], 2);
    env.fails(&["review", "--until", "2026-11-18"], 2);
    on(&mut env, "2027-06-01");
    assert!(
        env.ok(&["review"])
            .contains("Nothing was recorded in this period.")
    );
}

#[test]
fn look_back_shows_a_week_a_month_and_a_year_before() {
    let mut env = TestEnv::new();
    let at = |env: &mut TestEnv, day: &str| env.now = format!("{day}T18:00:00+01:00");
    at(&mut env, "2025-11-25");
    env.ok(&[
        "learn",
        "Postgres adds a column with a default without a rewrite",
    ]);
    env.ok(&["reflect", "--went-well", "Shipped the migration"]);
    at(&mut env, "2026-10-25");
    env.ok(&["reflect", "--went-well", "Paired with Sam"]);
    at(&mut env, "2026-11-18");
    env.ok(&["evidence", "add", "Cut CI", "--impact", "12 minutes"]);
    at(&mut env, "2026-11-25");
    let shown = env.ok(&["look-back"]);
    let week = shown
        .find("A week ago (Wednesday 18 November 2026)")
        .expect(&shown);
    let month = shown
        .find("A month ago (Sunday 25 October 2026)")
        .expect(&shown);
    let year = shown
        .find("A year ago (Tuesday 25 November 2025)")
        .expect(&shown);
    assert!(week < month && month < year, "{shown}");
    assert!(
        shown.contains("reflection Paired with Sam  2026-10-25"),
        "{shown}"
    );
    assert!(
        shown.contains("learned    Postgres adds a column"),
        "{shown}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["look-back", "--json"])).unwrap();
    assert_eq!(json[2]["when"], "a year ago");
    assert_eq!(json[2]["entries"].as_array().unwrap().len(), 2);
    // After a reflection, one line: the memory most worth seeing again.
    let run = env.run(&["reflect", "--went-well", "Today"]);
    assert!(
        run.stderr
            .contains("look back: a year ago you learned \"Postgres adds a column"),
        "{}",
        run.stderr
    );
    assert!(
        !env.run(&["-q", "reflect", "--went-well", "More"])
            .stderr
            .contains("look back")
    );
    // Turned off on this machine.
    let config = env.home.join(".config/mpl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "look_back = false\n").unwrap();
    let run = env.run(&["reflect", "--went-well", "Again"]);
    assert!(!run.stderr.contains("look back"), "{}", run.stderr);
    std::fs::write(&config, "look_back = \"no\"\n").unwrap();
    let err = env.fails(&["look-back"], 1);
    assert!(
        err.contains("config.toml:1:") && err.contains("true or false"),
        "{err}"
    );
    std::fs::remove_file(&config).unwrap();
    // Another day, nothing to look back on: said.
    let run = env.run(&["look-back", "--date", "2026-06-03"]);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
}
