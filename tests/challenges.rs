//! `mpl challenge` and `mpl nudge`: a simulated month of a 30-day challenge.

use crate::common::TestEnv;

const BUILTIN: [&str; 5] = [
    "learn-something-new",
    "day-job",
    "self-development",
    "network",
    "keep-up-to-date",
];

fn json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

fn at_day(env: &mut TestEnv, date: &str) {
    env.now = format!("{date}T20:00:00+01:00");
}

#[test]
fn the_five_built_ins_have_thirty_distinct_tasks() {
    let env = TestEnv::new();
    let list = json(&env, &["challenge", "list", "--json"]);
    let slugs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, BUILTIN);
    let mut every_title = std::collections::HashSet::new();
    for slug in BUILTIN {
        let challenge = json(&env, &["challenge", "show", slug, "--json"]);
        let tasks = challenge["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 30, "{slug}");
        let titles: std::collections::HashSet<String> = tasks
            .iter()
            .map(|t| t["title"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(titles.len(), 30, "{slug} has repeated tasks");
        every_title.extend(titles);
        assert!(
            tasks.iter().all(|t| t["text"].as_str().unwrap().len() > 40),
            "{slug}: every task says what to do"
        );
        assert!(challenge["description"].as_str().unwrap().len() > 100);
    }
    assert_eq!(every_title.len(), 150);
    // Reading challenges needs no journal, and creates none.
    assert!(!env.journal().exists());
    let shown = env.ok(&["challenge", "show", "network"]);
    assert!(shown.contains("30. "), "{shown}");
}

#[test]
fn a_month_with_skips_and_misses() {
    let mut env = TestEnv::new();
    at_day(&mut env, "2026-11-02");
    // Every day of the week, weekends included.
    let run = env.run(&["challenge", "start", "learn-something-new", "--every-day"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("day 1:"),
        "today's task is shown: {}",
        run.stdout
    );
    let file = "challenges/runs/learn-something-new-2026-11-02.toml";
    assert!(env.path(file).is_file());
    env.ok(&["challenge", "done", "--note", "Read about borrowck"]);
    at_day(&mut env, "2026-11-03");
    env.ok(&["challenge", "done", "learn"]);
    at_day(&mut env, "2026-11-04");
    env.ok(&["challenge", "skip"]); // a planned day off
    at_day(&mut env, "2026-11-05");
    env.ok(&["challenge", "done"]);
    // Day 5 (11-06) is missed.
    at_day(&mut env, "2026-11-08");
    env.ok(&["challenge", "done", "--day", "6"]); // caught up late
    env.ok(&["challenge", "done"]); // day 7

    let status = json(&env, &["challenge", "status", "--json"]);
    let run = &status[0];
    assert_eq!(run["challenge"], "learn-something-new");
    assert_eq!(run["state"], "running");
    assert_eq!(run["day"], 7);
    assert_eq!(run["done"], 5);
    assert_eq!(run["skipped"], 1);
    assert_eq!(run["missed"], 1);
    assert_eq!(run["percent"], 17);
    assert_eq!(run["current_streak"], 2);
    assert_eq!(run["best_streak"], 3, "days 1, 2 and 4, with 3 skipped");
    let states: Vec<&str> = run["days"]
        .as_array()
        .unwrap()
        .iter()
        .take(8)
        .map(|d| d["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        [
            "done", "done", "skipped", "done", "missed", "done", "done", "to come"
        ]
    );
    assert_eq!(run["days"][0]["note"], "Read about borrowck");

    let grid = env.ok(&["challenge", "status"]);
    assert!(grid.contains(" 1-10  # # ~ # x # # . . ."), "{grid}");
    assert!(grid.contains("streak 2 (best 3)"), "{grid}");
    assert!(
        grid.contains("# done  ~ skipped  - excused  x missed"),
        "{grid}"
    );
    let today = env.ok(&["challenge", "today"]);
    assert!(
        today.contains("day 7:") && today.contains("(done)"),
        "{today}"
    );

    // The review of the period names the challenge and how it went.
    let review = env.ok(&["review", "--month"]);
    assert!(
        review.contains("## Challenges\n\n- **Learn something new every day** (started Mon 2 Nov, day 7 of 30): 5 of 30 days done, 1 skipped"),
        "{review}"
    );

    // The morning after day 30, status shows the month just finished; weeks later, nothing.
    at_day(&mut env, "2026-12-02");
    let grid = env.ok(&["challenge", "status"]);
    assert!(grid.contains("finished on"), "{grid}");
    at_day(&mut env, "2026-12-20");
    let later = env.run(&["challenge", "status"]);
    assert!(
        later.stderr.contains("no challenge is running"),
        "{}",
        later.stderr
    );
    at_day(&mut env, "2026-11-08");

    // Every check-in is a commit of the run file alone.
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "challenge: learn-something-new day 7 done"
    );
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn check_in_errors_are_clear_and_write_nothing() {
    let mut env = TestEnv::new();
    let err = env.fails(&["challenge", "start", "learn-somthing"], 1);
    assert!(err.contains("did you mean learn-something-new?"), "{err}");
    assert!(!env.journal().exists());
    at_day(&mut env, "2026-11-02");
    let err = env.fails(&["challenge", "done"], 1);
    assert!(err.contains("no challenge is running"), "{err}");
    env.ok(&["challenge", "start", "day-job"]);
    env.ok(&["challenge", "done"]);
    let count = env.commit_count();
    // Done twice: said, not written.
    let run = env.run(&["challenge", "done", "day-job"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("already done"), "{}", run.stderr);
    let err = env.fails(&["challenge", "skip"], 1);
    assert!(err.contains("is done"), "{err}");
    let err = env.fails(&["challenge", "done", "--day", "5"], 2);
    assert!(err.contains("in the future"), "{err}");
    env.fails(&["challenge", "done", "--day", "0"], 2);
    env.fails(&["challenge", "done", "--day", "31"], 2);
    let err = env.fails(&["challenge", "start", "day-job"], 1);
    assert!(err.contains("already running (day 1 of 30)"), "{err}");
    let err = env.fails(&["challenge", "done", "network"], 1);
    assert!(err.contains("network is not running"), "{err}");
    assert_eq!(env.commit_count(), count);
    // With two running, which one must be said.
    env.ok(&["challenge", "start", "network"]);
    let err = env.fails(&["challenge", "done"], 2);
    assert!(err.contains("day-job, network"), "{err}");
    env.ok(&["challenge", "done", "net"]);
}

#[test]
fn an_abandoned_challenge_starts_again_with_its_own_history() {
    let mut env = TestEnv::new();
    at_day(&mut env, "2026-11-02");
    env.ok(&["challenge", "start", "network"]);
    env.ok(&["challenge", "done"]);
    at_day(&mut env, "2026-11-04");
    env.ok(&["challenge", "abandon", "network"]);
    assert_eq!(
        json(&env, &["challenge", "status", "--json"]),
        serde_json::json!([])
    );
    env.ok(&["challenge", "start", "network"]);
    env.ok(&["challenge", "done"]);
    let runs = json(&env, &["challenge", "status", "network", "--json"]);
    let runs = runs.as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["state"], "abandoned");
    assert_eq!(runs[0]["abandoned"], "2026-11-04");
    assert_eq!(runs[0]["done"], 1);
    assert_eq!(runs[1]["state"], "running");
    assert_eq!(runs[1]["started"], "2026-11-04");
    // A finished run: 30 workdays (six weeks) later.
    at_day(&mut env, "2026-12-16");
    let list = json(&env, &["challenge", "list", "--json"]);
    let network = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "network")
        .unwrap();
    assert_eq!(network["state"], "finished");
    assert_eq!(network["runs"], 2);
    // A late check-in of a finished run's day is still possible.
    env.ok(&["challenge", "done", "network", "--day", "30"]);
}

#[test]
fn starting_in_the_past_counts_the_days_missed() {
    let mut env = TestEnv::new();
    at_day(&mut env, "2026-11-10");
    env.ok(&[
        "challenge",
        "start",
        "self-development",
        "--on",
        "2026-11-07",
    ]);
    // Saturday the 7th is a day off: day 1 is Monday the 9th, today (Tuesday) day 2.
    let run = &json(&env, &["challenge", "status", "--json"])[0];
    assert_eq!(run["started"], "2026-11-09");
    assert_eq!(run["day"], 2);
    assert_eq!(run["missed"], 1);
    // Every day: from Saturday, today is day 4 with three missed.
    env.ok(&[
        "challenge",
        "start",
        "network",
        "--on",
        "2026-11-07",
        "--every-day",
    ]);
    let runs = json(&env, &["challenge", "status", "network", "--json"]);
    assert_eq!(runs[0]["day"], 4);
    assert_eq!(runs[0]["missed"], 3);
    let err = env.fails(&["challenge", "start", "day-job", "--on", "2026-09-01"], 2);
    assert!(err.contains("ended on"), "{err}");
}

const CUSTOM_HEAD: &str = "title = \"Write every day\"\nsummary = \"Ten minutes of writing\"\ndescription = \"Write.\"\ngoal = \"A writing habit\"\n";

fn custom(tasks: usize) -> String {
    let mut text = CUSTOM_HEAD.to_string();
    for day in 1..=tasks {
        text.push_str(&format!(
            "\n[[tasks]]\ntitle = \"Write {day}\"\ntext = \"Write for ten minutes about day {day}.\"\n"
        ));
    }
    text
}

#[test]
fn custom_challenges_work_and_broken_ones_are_named() {
    let mut env = TestEnv::new();
    env.ok(&["init"]);
    env.write("challenges/writing.toml", &custom(30));
    env.write("challenges/short.toml", &custom(29));
    env.write("challenges/broken.toml", "title = \"Broken\n");
    let run = env.run(&["challenge", "list"]);
    assert_eq!(run.code, 0, "the rest still works: {}", run.stderr);
    assert!(
        run.stdout.contains("writing") && run.stdout.contains("(custom)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("learn-something-new"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("challenges/short.toml:118: 29 tasks: a challenge has exactly 30"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("challenges/broken.toml:1:"),
        "{}",
        run.stderr
    );
    let err = env.fails(&["challenge", "start", "short"], 1);
    assert!(err.contains("challenges/short.toml:118"), "{err}");
    at_day(&mut env, "2026-11-25");
    let out = env.ok(&["challenge", "start", "writing"]);
    assert!(out.contains("Write 1"), "{out}");
    let out = env.run(&["doctor"]).stdout;
    assert!(out.contains("challenges/short.toml:118"), "{out}");
    assert!(out.contains("challenges/broken.toml:1"), "{out}");
    assert!(!out.contains("writing"), "{out}");
}

#[test]
fn nudge_speaks_only_when_something_is_open() {
    let mut env = TestEnv::new();
    // No journal: silent, and successful, as a shell prompt needs.
    let run = env.run(&["nudge"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    env.ok(&["init"]);
    assert_eq!(env.ok(&["nudge"]), "mpl: open: today's reflection\n");
    env.ok(&["challenge", "start", "keep-up-to-date"]);
    assert_eq!(
        env.ok(&["nudge"]),
        "mpl: open: today's reflection, keep-up-to-date day 1\n"
    );
    // After the reflection, the open task is mentioned once, not on every command.
    let run = env.run(&["reflect", "--went-well", "x"]);
    assert!(
        run.stderr.contains("day 1 of keep-up-to-date is open"),
        "{}",
        run.stderr
    );
    let run = env.run(&["learn", "y"]);
    assert!(!run.stderr.contains("is open"), "{}", run.stderr);
    assert_eq!(env.ok(&["nudge"]), "mpl: open: keep-up-to-date day 1\n");
    env.ok(&["challenge", "done"]);
    assert_eq!(env.ok(&["nudge"]), "");
    // Saturday: no reflection expected, and a day off in the challenge, which follows the
    // journal's workdays. Thursday and Friday are caught up.
    at_day(&mut env, "2026-11-28");
    assert_eq!(env.ok(&["nudge"]), "");
    let today = env.ok(&["challenge", "today"]);
    assert!(
        today.contains("today is a day off; day 4 is Monday 30 November")
            && today.contains("day 4:"),
        "{today}"
    );
    let err = env.fails(&["challenge", "done"], 1);
    assert!(
        err.contains("today is a day off in keep-up-to-date, which counts Monday to Friday"),
        "{err}"
    );
    env.ok(&["challenge", "done", "--day", "2"]);
    env.ok(&["challenge", "done", "--day", "3"]);
    let err = env.fails(&["challenge", "done", "--day", "4"], 2);
    assert!(
        err.contains("in the future") && err.contains("day 4, Monday 30 November"),
        "{err}"
    );
    assert_eq!(env.ok(&["nudge"]), "");
}

#[test]
fn a_restart_on_the_day_of_abandoning_is_the_current_run() {
    let mut env = TestEnv::new();
    at_day(&mut env, "2026-11-02");
    env.ok(&["challenge", "start", "network"]);
    env.ok(&["challenge", "abandon", "network"]);
    env.ok(&["challenge", "start", "network"]);
    assert!(
        env.path("challenges/runs/network-2026-11-02-2.toml")
            .is_file()
    );
    let runs = json(&env, &["challenge", "status", "network", "--json"]);
    assert_eq!(runs[0]["state"], "abandoned");
    assert_eq!(runs[1]["state"], "running");
    let list = env.ok(&["challenge", "list"]);
    assert!(list.contains("network              day 1 of 30"), "{list}");
    // The abandoned run's days are not counted as missed later on.
    at_day(&mut env, "2026-11-05");
    let runs = json(&env, &["challenge", "status", "network", "--json"]);
    assert_eq!(runs[0]["missed"], 0);
    // A skip of a day gone by excuses it, and says so.
    let run = env.run(&["challenge", "skip", "--day", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("day 2 of network excused"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a day off taken afterwards"),
        "{}",
        run.stderr
    );
    env.ok(&["challenge", "skip", "--day", "6"]);
    let runs = json(&env, &["challenge", "status", "network", "--json"]);
    assert_eq!(runs[1]["excused"], 1);
    assert_eq!(runs[1]["skipped"], 1);
    assert_eq!(runs[1]["days"][1]["state"], "excused");
}
