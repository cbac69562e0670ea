//! `mpl goal`: setting goals, logging progress, status changes and the story of a goal.

use crate::common::{TestEnv, front_matter};

const TITLE: &str = "Become the team's go-to person for Rust reviews";

fn add_rust_goal(env: &TestEnv) {
    env.ok(&[
        "goal",
        "add",
        TITLE,
        "--why",
        "Reviews are where the team's Rust grows",
        "--aligned-with",
        "Org: ship the new platform safely",
        "--measure",
        "I review 5 PRs a week with no escaped bugs",
        "--due",
        "2027-03-31",
        "--tag",
        "rust",
    ]);
}

fn goal_json(env: &TestEnv, id: &str) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["goal", "show", id, "--json"])).unwrap()
}

#[test]
fn a_goal_is_a_readable_file_with_a_short_id() {
    let env = TestEnv::new();
    add_rust_goal(&env);
    let text = env.read("goals/team-person-rust-reviews.md");
    let front = front_matter(&text);
    assert_eq!(front["kind"], "goal");
    assert_eq!(front["title"], TITLE);
    assert_eq!(front["status"], "active");
    assert_eq!(front["why"], "Reviews are where the team's Rust grows");
    assert_eq!(front["aligned_with"], "Org: ship the new platform safely");
    assert_eq!(
        front["measure"],
        "I review 5 PRs a week with no escaped bugs"
    );
    assert_eq!(front["due"], "2027-03-31");
    assert_eq!(front["date"], "2026-11-25");
    assert_eq!(front["tags"], serde_json::json!(["rust"]));
    assert_eq!(front["visibility"], "public");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        format!("goal: {TITLE}")
    );
    // Clean tree: the commit holds the file.
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    // A second goal with the same title gets its own id.
    env.ok(&["goal", "add", TITLE]);
    assert!(env.path("goals/team-person-rust-reviews-2.md").is_file());
}

#[test]
fn a_chosen_id_is_checked() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Speak at a conference", "--id", "talks"]);
    assert!(env.path("goals/talks.md").is_file());
    let err = env.fails(&["goal", "add", "Another", "--id", "talks"], 1);
    assert!(err.contains("taken by goals/talks.md"), "{err}");
    let err = env.fails(&["goal", "add", "Another", "--id", "Bad Id"], 2);
    assert!(err.contains("--id"), "{err}");
    env.fails(&["goal", "add", "Another", "--id", "2026-11-25-x"], 2);
    assert_eq!(env.commit_count(), 2);
}

#[test]
fn a_due_date_in_the_past_is_allowed_with_a_note() {
    let env = TestEnv::new();
    let run = env.run(&["goal", "add", "Write the runbook", "--due", "2026-01-15"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("already past"), "{}", run.stderr);
    let goal = goal_json(&env, "write");
    assert_eq!(goal["due"], "2026-01-15");
    assert_eq!(goal["time_left"], "overdue by about 10 months");
    env.fails(&["goal", "add", "Bad due", "--due", "next year"], 2);
}

#[test]
fn progress_is_logged_over_days_and_a_prefix_finds_the_goal() {
    let mut env = TestEnv::new();
    add_rust_goal(&env);
    env.ok(&[
        "goal",
        "progress",
        "team",
        "Reviewed 2 PRs",
        "--percent",
        "20",
    ]);
    env.now = "2026-12-02T18:00:00+01:00".into();
    env.ok(&[
        "goal",
        "progress",
        "TEAM-P",
        "Reviewed 4 PRs,",
        "caught a race",
    ]);
    env.now = "2026-12-09T18:00:00+01:00".into();
    env.ok(&["goal", "progress", "team", "--percent", "55"]);
    let goal = goal_json(&env, "team");
    let log = goal["progress"].as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["date"], "2026-11-25");
    assert_eq!(log[0]["percent"], 20);
    assert_eq!(log[1]["date"], "2026-12-02");
    assert_eq!(log[1]["note"], "Reviewed 4 PRs, caught a race");
    assert_eq!(log[1]["percent"], serde_json::Value::Null);
    assert_eq!(goal["percent"], 55);
    assert_eq!(goal["time_left"], "in about 4 months");
    // The file is still valid TOML, with the log as [[progress]] tables.
    let text = env.read("goals/team-person-rust-reviews.md");
    assert_eq!(text.matches("[[progress]]").count(), 3, "{text}");
    assert_eq!(front_matter(&text)["progress"][2]["percent"], 55);
    assert!(env.ok(&["goal", "list"]).contains("55%"));
    assert_eq!(env.commit_count(), 5);
}

#[test]
fn bad_progress_is_refused_and_nothing_is_written() {
    let env = TestEnv::new();
    add_rust_goal(&env);
    let before = env.read("goals/team-person-rust-reviews.md");
    for args in [
        &["goal", "progress", "team", "x", "--percent", "101"][..],
        &["goal", "progress", "team", "x", "--percent", "-5"],
        &["goal", "progress", "team", "x", "--percent", "half"],
        &["goal", "progress", "team"],
        &["goal", "progress", "team", "x", "--date", "2026-12-25"],
    ] {
        let err = env.fails(args, 2);
        assert!(err.starts_with("error:"), "{err}");
    }
    let err = env.fails(&["goal", "progress", "rust-reveiws", "x"], 1);
    assert!(err.contains("there is no goal \"rust-reveiws\""), "{err}");
    assert!(
        err.contains("did you mean team-person-rust-reviews?"),
        "{err}"
    );
    assert_eq!(env.read("goals/team-person-rust-reviews.md"), before);
    assert_eq!(env.commit_count(), 2);
}

#[test]
fn an_ambiguous_prefix_names_the_candidates() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Rust reviews", "--id", "rust-reviews"]);
    env.ok(&["goal", "add", "Rust training", "--id", "rust-training"]);
    let err = env.fails(&["goal", "show", "rust"], 1);
    assert!(
        err.contains("matches 2 goals: rust-reviews, rust-training"),
        "{err}"
    );
    let err = env.fails(&["learn", "x", "--goal", "rust"], 1);
    assert!(err.contains("--goal"), "{err}");
}

#[test]
fn status_changes_are_logged_and_listed() {
    let mut env = TestEnv::new();
    add_rust_goal(&env);
    env.ok(&["goal", "add", "Learn Kubernetes", "--id", "k8s"]);
    env.ok(&["goal", "add", "Public speaking", "--id", "speaking"]);
    env.now = "2026-12-01T18:00:00+01:00".into();
    env.ok(&["goal", "done", "k8s", "Passed the CKA exam"]);
    env.ok(&["goal", "pause", "speaking", "Busy quarter"]);
    let list = env.ok(&["goal", "list"]);
    assert!(list.contains("team-person-rust-reviews"), "{list}");
    assert!(
        !list.contains("k8s") && !list.contains("speaking"),
        "{list}"
    );
    let all = env.ok(&["goal", "list", "--all"]);
    assert!(all.contains("k8s") && all.contains("speaking"), "{all}");
    let achieved: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["goal", "list", "--status", "achieved", "--json"])).unwrap();
    assert_eq!(achieved.len(), 1);
    assert_eq!(achieved[0]["id"], "k8s");
    assert_eq!(achieved[0]["percent"], 100);
    assert_eq!(achieved[0]["progress"][0]["status"], "achieved");
    assert_eq!(achieved[0]["progress"][0]["note"], "Passed the CKA exam");
    env.fails(&["goal", "list", "--status", "finished"], 2);

    // Done twice: said, not written twice.
    let count = env.commit_count();
    let run = env.run(&["goal", "done", "k8s"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("already achieved"), "{}", run.stderr);
    assert_eq!(env.commit_count(), count);
    // Only an active goal can be paused; any can be resumed or dropped.
    let err = env.fails(&["goal", "pause", "k8s"], 1);
    assert!(err.contains("goal resume"), "{err}");
    env.ok(&["goal", "resume", "speaking"]);
    env.ok(&["goal", "drop", "speaking", "--reason", "Moved teams"]);
    let speaking = goal_json(&env, "speaking");
    assert_eq!(speaking["status"], "dropped");
    let notes: Vec<&str> = speaking["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["paused", "active", "dropped"]);
    assert_eq!(speaking["progress"][2]["note"], "Moved teams");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "goal: drop speaking"
    );
}

#[test]
fn goal_show_tells_the_story_in_date_order() {
    let mut env = TestEnv::new();
    add_rust_goal(&env);
    env.ok(&[
        "goal",
        "progress",
        "team",
        "Started reviewing",
        "--percent",
        "10",
    ]);
    env.now = "2026-11-27T18:00:00+01:00".into();
    env.ok(&["learn", "Two-phase borrows", "--goal", "team"]);
    env.now = "2026-11-27T19:00:00+01:00".into();
    env.ok(&[
        "reflect",
        "--went-well",
        "A careful review",
        "--goal",
        "team",
    ]);
    env.ok(&[
        "feedback",
        "add",
        "Your reviews are thorough",
        "--from",
        "my manager",
        "--goal",
        "team",
        "--date",
        "2026-11-26",
    ]);
    env.now = "2026-12-03T18:00:00+01:00".into();
    env.ok(&[
        "evidence",
        "add",
        "Caught a data race in review",
        "--impact",
        "No incident in production",
        "--goal",
        "team",
    ]);
    env.ok(&["learn", "Unrelated thing"]);

    let show = env.ok(&["goal", "show", "team"]);
    for expected in [
        TITLE,
        "active",
        "10%",
        "Why:",
        "Reviews are where the team's Rust grows",
        "Aligned with:",
        "Org: ship the new platform safely",
        "Success:",
        "I review 5 PRs a week",
        "Wednesday 31 March 2027 (in about 4 months)",
        "impact: No incident in production",
        "(from my manager)",
    ] {
        assert!(show.contains(expected), "missing {expected:?} in:\n{show}");
    }
    let order = [
        "2026-11-25  set:",
        "2026-11-25  progress 10%: Started reviewing",
        "2026-11-26  feedback: Your reviews are thorough",
        "2026-11-27  learned: Two-phase borrows",
        "2026-11-27  reflection",
        "2026-12-03  evidence: Caught a data race in review",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|line| {
            show.find(line)
                .unwrap_or_else(|| panic!("missing {line:?} in:\n{show}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{show}");
    assert!(!show.contains("Unrelated"), "{show}");

    let json = goal_json(&env, "team");
    let linked: Vec<&str> = json["linked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(linked, ["feedback", "learned", "reflection", "evidence"]);
}

#[test]
fn a_broken_goal_is_reported_and_never_rewritten() {
    let env = TestEnv::new();
    add_rust_goal(&env);
    let path = "goals/team-person-rust-reviews.md";
    let broken = env
        .read(path)
        .replace("status = \"active\"", "status = \"finished\"");
    env.write(path, &broken);
    let err = env.fails(&["goal", "progress", "team", "x"], 1);
    assert!(
        err.contains("goals/team-person-rust-reviews.md:10: invalid status \"finished\""),
        "{err}"
    );
    assert_eq!(env.read(path), broken);
    let err = env.fails(&["doctor"], 1);
    assert!(err.contains("checked"), "{err}");
    let out = env.run(&["doctor"]).stdout;
    assert!(
        out.contains("goals/team-person-rust-reviews.md:10: invalid status"),
        "{out}"
    );
    // The list still works, and says which file it skipped.
    let run = env.run(&["goal", "list"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("skipped goals/team"), "{}", run.stderr);
}

#[test]
fn an_edit_that_breaks_a_goal_is_kept_aside() {
    let mut env = TestEnv::new();
    add_rust_goal(&env);
    let before = env.read("goals/team-person-rust-reviews.md");
    let editor = env.editor("bad.sh", r#"sed -i 's/^due = .*/due = "someday"/' "$1""#);
    env.set("EDITOR", &editor);
    let err = env.fails(&["goal", "edit", "team"], 1);
    assert!(err.contains("invalid 'due'"), "{err}");
    assert!(err.contains(":14:"), "the line of `due`: {err}");
    assert_eq!(env.read("goals/team-person-rust-reviews.md"), before);
}

#[test]
fn percents_and_dates_as_people_type_them() {
    let env = TestEnv::new(); // today is Wednesday 25 November 2026
    env.ok(&["goal", "add", "Ship the API", "--id", "api"]);
    env.ok(&[
        "goal",
        "progress",
        "api",
        "--percent",
        "50%",
        "--date",
        "last monday",
    ]);
    env.ok(&[
        "goal",
        "progress",
        "api",
        "Docs",
        "--percent",
        " 60 ",
        "--date",
        "2 days ago",
    ]);
    let shown = env.ok(&["goal", "show", "api", "--json"]);
    let goal: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let log = goal["progress"].as_array().unwrap();
    assert_eq!(log[0]["date"], "2026-11-23");
    assert_eq!(log[0]["percent"], 50);
    assert_eq!(log[1]["date"], "2026-11-23");
    assert_eq!(log[1]["percent"], 60);
    let err = env.fails(&["goal", "progress", "api", "--percent", "150%"], 2);
    assert!(err.contains("0 to 100"), "{err}");
    let err = env.fails(&["goal", "progress", "api", "x", "--date", "2026-02-30"], 2);
    assert!(err.contains("February 2026 has 28 days"), "{err}");
    // A note with only a percent reads as progress in the review.
    let review = env.ok(&["review", "--week"]);
    assert!(review.contains("Progress: 50%"), "{review}");
}

#[test]
fn key_results_measure_a_goal_and_two_machines_keep_every_reading() {
    let dir = tempfile::tempdir().unwrap();
    let remote = crate::common::bare_repo(dir.path(), "journal.git");
    let url = remote.display().to_string();
    let mut a = TestEnv::new();
    a.now = "2026-09-01T18:00:00+01:00".into();
    a.ok(&["init", "--remote", &url]);
    a.ok(&[
        "goal",
        "add",
        "Keep checkout up",
        "--id",
        "checkout",
        "--no-input",
    ]);
    a.ok(&[
        "goal",
        "kr",
        "add",
        "checkout",
        "Checkout availability",
        "--from",
        "99.5",
        "--to",
        "99.95",
        "--unit",
        "%",
    ]);
    a.ok(&[
        "goal",
        "kr",
        "add",
        "checkout",
        "p99 latency",
        "--from",
        "400ms",
        "--to",
        "200 ms",
    ]);
    // Bad input: unknown key result, unit mismatch, not a number, no change, twice.
    let err = a.fails(&["goal", "measure", "checkout", "uptime", "3"], 2);
    assert!(
        err.contains("its key results are checkout-availability, p99-latency"),
        "{err}"
    );
    let err = a.fails(&["goal", "measure", "checkout", "check", "3 ms"], 2);
    assert!(
        err.contains("the value is in ms, but checkout-availability"),
        "{err}"
    );
    let err = a.fails(
        &["goal", "measure", "checkout", "p99", "300", "--unit", "s"],
        2,
    );
    assert!(err.contains("--unit is in s"), "{err}");
    a.fails(&["goal", "measure", "checkout", "check", "fast"], 2);
    let err = a.fails(
        &[
            "goal", "kr", "add", "checkout", "Errors", "--from", "3", "--to", "3",
        ],
        2,
    );
    assert!(err.contains("the target must differ"), "{err}");
    let err = a.fails(
        &[
            "goal",
            "kr",
            "add",
            "checkout",
            "p99 latency",
            "--from",
            "1",
            "--to",
            "2",
        ],
        2,
    );
    assert!(
        err.contains("already has a key result \"p99-latency\""),
        "{err}"
    );
    a.ok(&[
        "goal",
        "measure",
        "checkout",
        "check",
        "99.6%",
        "--date",
        "2026-09-01",
    ]);
    a.ok(&["sync"]);
    let mut b = TestEnv::new();
    b.now = a.now.clone();
    b.ok(&["clone", &url]);
    // Readings on both machines, the same day and others.
    a.now = "2026-10-01T18:00:00+01:00".into();
    b.now = "2026-10-01T19:00:00+01:00".into();
    a.ok(&[
        "goal",
        "measure",
        "checkout",
        "check",
        "99.7",
        "--source",
        "https://grafana.example.com/d/1",
    ]);
    b.ok(&["goal", "measure", "checkout", "p99", "300 ms"]);
    b.now = "2026-10-20T19:00:00+01:00".into();
    b.ok(&["goal", "measure", "checkout", "check", "99.9"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    for env in [&a, &b] {
        let goals: serde_json::Value =
            serde_json::from_str(&env.ok(&["goal", "show", "checkout", "--json"])).unwrap();
        let krs = goals["key_results"].as_array().unwrap();
        assert_eq!(krs[0]["readings"].as_array().unwrap().len(), 3, "{goals}");
        assert_eq!(krs[0]["latest"], 99.9);
        assert_eq!(krs[1]["latest"], 300.0);
        // (99.9 - 99.5) / 0.45 = 89%, (400 - 300) / 200 = 50%: the goal is at 69%.
        assert_eq!(goals["percent"], 69, "{goals}");
        env.ok(&["doctor"]);
    }
    let shown = a.ok(&["goal", "show", "checkout"]);
    assert!(
        shown.contains("99.5% → 99.95% · now 99.9% on 2026-10-20"),
        "{shown}"
    );
    assert!(
        shown.contains("3 readings, 2026-09-01 to 2026-10-20"),
        "{shown}"
    );
    a.ok(&[
        "learn",
        "SLO burn rates",
        "--goal",
        "checkout",
        "--no-input",
    ]);
    let trace = a.ok(&["goal", "trace", "checkout"]);
    let learned = trace.find("learned    SLO burn rates").expect(&trace);
    let moved = trace
        .find("Checkout availability: 99.9% (+0.2, better)")
        .expect(&trace);
    assert!(learned < moved, "in time order: {trace}");
    let review = a.ok(&["review", "--since", "2026-09-01", "--until", "2026-10-31"]);
    assert!(
        review.contains("Checkout availability: 99.6% → 99.9% (3 readings; target 99.95%)"),
        "{review}"
    );
    // An export up to a day counts the readings up to it, in its fields too.
    let until: serde_json::Value =
        serde_json::from_str(&a.ok(&["export", "--format", "json", "--until", "2026-09-30"]))
            .unwrap();
    let goal = until["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "checkout")
        .unwrap()
        .clone();
    assert_eq!(
        goal["fields"]["reading"].as_array().unwrap().len(),
        1,
        "{goal}"
    );
    // The portfolio draws each key result.
    let site = a.root.join("site");
    a.ok(&["export", "--out", site.to_str().unwrap(), "-q"]);
    let page = std::fs::read_to_string(site.join("goals/checkout.html")).unwrap();
    assert!(
        page.contains("<svg class=\"chart\" role=\"img\" aria-label=\"Checkout availability"),
        "{page}"
    );
}

#[test]
fn a_busy_goal_without_readings_is_activity_only() {
    let mut env = TestEnv::new();
    env.ok(&[
        "goal",
        "add",
        "Become the Rust reviewer",
        "--id",
        "rust",
        "--no-input",
    ]);
    env.ok(&["learn", "Two-phase borrows", "--goal", "rust", "--no-input"]);
    let run = env.run(&["goal", "list"]);
    assert!(run.stderr.contains("activity only: rust"), "{}", run.stderr);
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["goal", "list", "--json"])).unwrap();
    assert_eq!(list[0]["activity_only"], true);
    assert!(env.ok(&["review"]).contains("Activity only"));
    env.ok(&[
        "goal",
        "kr",
        "add",
        "rust",
        "Reviews a week",
        "--from",
        "0",
        "--to",
        "5",
    ]);
    env.ok(&["goal", "measure", "rust", "reviews", "2"]);
    let run = env.run(&["goal", "list"]);
    assert!(!run.stderr.contains("activity only"), "{}", run.stderr);
    env.now = "2027-02-01T18:00:00+01:00".into();
    env.ok(&["learn", "Pin projections", "--goal", "rust", "--no-input"]);
    assert!(
        env.run(&["goal", "list"])
            .stderr
            .contains("activity only: rust")
    );
}

#[test]
fn doctor_names_a_key_result_defined_twice_and_a_reading_of_none() {
    let env = TestEnv::new();
    env.ok(&[
        "goal",
        "add",
        "Keep checkout up",
        "--id",
        "checkout",
        "--no-input",
    ]);
    env.ok(&[
        "goal",
        "kr",
        "add",
        "checkout",
        "Incidents",
        "--from",
        "10",
        "--to",
        "2",
    ]);
    let err = env.fails(
        &[
            "goal", "kr", "add", "checkout", "Ratio", "--from", "1,5", "--to", "2",
        ],
        2,
    );
    assert!(err.contains("write decimals with a point"), "{err}");
    env.ok(&[
        "goal", "kr", "add", "checkout", "Requests", "--from", "1,200", "--to", "2e3",
    ]);
    let text = env.read("goals/checkout.md");
    assert!(text.contains("from = 1200.0"), "{text}");
    assert!(text.contains("to = 2000.0"), "{text}");
    // A second, different definition of one id, as two machines would leave it.
    let close = text[3..].find("+++").unwrap() + 3;
    env.write(
        "goals/checkout.md",
        &format!(
            "{}\n[[key_result]]\nid = \"incidents\"\nname = \"Incidents\"\nfrom = 5\nto = 0\n{}",
            &text[..close],
            &text[close..]
        ),
    );
    let run = env.run(&["doctor"]);
    assert!(
        run.stdout
            .contains("key result \"incidents\" is defined twice, differently"),
        "{}{}",
        run.stdout,
        env.read("goals/checkout.md")
    );
}
