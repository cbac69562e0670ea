//! `mpl recall`: learned entries come back on SM-2's schedule, weeks of it simulated with
//! `MPL_NOW`; the answers in `recall.log`, checked by `doctor`, merged by `sync`.

use crate::common::{TestEnv, bare_repo};
use serde_json::Value;

fn on(env: &mut TestEnv, date: &str) {
    env.now = format!("{date}T18:00:00+01:00");
}

/// `mpl recall ARGS --json`, as a list.
fn due(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["recall", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str::<Vec<Value>>(&env.ok(&all)).expect("recall --json is a JSON array")
}

fn ids(list: &[Value]) -> Vec<String> {
    crate::common::ids(list)
}

/// A learned entry with `title` on `date`; returns its id.
fn learn(env: &mut TestEnv, date: &str, title: &str, tags: &[&str]) -> String {
    on(env, date);
    let mut args = vec!["learn", title];
    for tag in tags {
        args.extend(["--tag", tag]);
    }
    let saved = env.run(&args);
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    let saved = saved
        .stderr
        .lines()
        .find_map(|line| line.strip_prefix("saved "))
        .unwrap_or_else(|| panic!("no `saved` line: {}", saved.stderr));
    saved
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".md")
        .to_string()
}

fn days(from: &str, count: u64) -> Vec<String> {
    let start = chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap();
    (0..count)
        .map(|n| (start + chrono::Days::new(n)).to_string())
        .collect()
}

#[test]
fn a_simulated_month_follows_the_schedule_each_answer_sets() {
    let mut env = TestEnv::new();
    let kept = learn(&mut env, "2026-11-01", "Two-phase borrows", &["rust"]);
    let lapsed = learn(
        &mut env,
        "2026-11-05",
        "EXPLAIN ANALYZE counts rows",
        &["sql"],
    );
    let commits = env.commit_count();
    let mut came_up: Vec<(String, String)> = Vec::new();
    let mut answers = 0;
    // Every day for five weeks, everything due is answered: the first entry always "good",
    // the second "again" twice, then "good".
    for day in days("2026-11-02", 35) {
        on(&mut env, &day);
        for item in due(&env, &[]) {
            let id = item["id"].as_str().unwrap().to_string();
            assert!(item["due"].as_str().unwrap() <= day.as_str());
            let rating = if id == lapsed && item["reviews"].as_u64().unwrap() < 2 {
                "again"
            } else {
                "good"
            };
            let said = env.run(&["recall", &id, "--rate", rating]);
            assert_eq!(said.code, 0, "{}", said.stderr);
            assert!(
                said.stderr
                    .starts_with(&format!("recalled {id}: {rating}; back ")),
                "{}",
                said.stderr
            );
            answers += 1;
            came_up.push((day.clone(), id));
        }
    }
    let on_days = |id: &str| -> Vec<&str> {
        came_up
            .iter()
            .filter(|(_, i)| i == id)
            .map(|(d, _)| d.as_str())
            .collect()
    };
    // SM-2: 1 day, 6 days, then the interval times the ease (2.5, rounded up: 15, 38).
    assert_eq!(
        on_days(&kept),
        ["2026-11-02", "2026-11-03", "2026-11-09", "2026-11-24"]
    );
    // "again" starts over, tomorrow, and lowers the ease (2.5 - 2 × 0.54 = 1.42):
    // 1, 1, 1, 6, then 6 × 1.42 = 9 days (and next 9 × 1.42 = 13).
    assert_eq!(
        on_days(&lapsed),
        [
            "2026-11-06",
            "2026-11-07",
            "2026-11-08",
            "2026-11-09",
            "2026-11-15",
            "2026-11-24"
        ]
    );
    // One commit and one line per answer.
    assert_eq!(env.commit_count(), commits + answers);
    let log = env.read("recall.log");
    assert_eq!(log.lines().filter(|l| !l.starts_with('#')).count(), answers);
    assert!(log.contains(&format!("2026-11-24T18:00:00+01:00 {kept} good\n")));
    // Where each stands now, with every entry in the schedule listed (not only the due).
    on(&mut env, "2027-06-01");
    let list = due(&env, &[]);
    assert_eq!(ids(&list), [lapsed.clone(), kept.clone()]);
    assert_eq!(list[1]["reviews"], 4);
    assert_eq!(list[1]["last_rating"], "good");
    assert_eq!(list[1]["interval_days"], 38);
    assert_eq!(list[1]["due"], "2027-01-01");
    assert_eq!(list[1]["date"], "2026-11-01");
    assert_eq!(list[1]["title"], "Two-phase borrows");
    assert_eq!(list[0]["interval_days"], 13, "9 × 1.42, rounded up");
    assert_eq!(list[0]["due"], "2026-12-07");
    assert_eq!(list[0]["reviews"], 6);
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "recall: EXPLAIN ANALYZE counts rows (good)"
    );
}

#[test]
fn due_entries_come_oldest_due_first_at_most_n_and_by_tag() {
    let mut env = TestEnv::new();
    let old = learn(&mut env, "2026-10-01", "Learned long ago", &["rust"]);
    let a = learn(&mut env, "2026-11-10", "Lifetimes", &["rust"]);
    let b = learn(&mut env, "2026-11-12", "Indexes", &["sql"]);
    let c = learn(&mut env, "2026-11-15", "Traits", &["rust", "design"]);
    let later = learn(&mut env, "2026-11-25", "Written today", &["rust"]);
    on(&mut env, "2026-11-25");
    // Off a terminal, `mpl recall` lists; entries older than 30 days wait for --all, and
    // today's is due tomorrow.
    let listed = env.ok(&["recall"]);
    let rows: Vec<&str> = listed.lines().collect();
    assert!(rows[0].starts_with("DUE"), "{listed}");
    assert!(rows[1].starts_with(&format!("2026-11-11  {a}")), "{listed}");
    assert_eq!(rows.len(), 4, "{listed}");
    assert_eq!(env.ok(&["recall", "--list"]), listed);
    assert_eq!(env.ok(&["--no-input", "recall"]), listed);
    assert_eq!(ids(&due(&env, &[])), [a.clone(), b.clone(), c.clone()]);
    assert_eq!(ids(&due(&env, &["-n", "2"])), [a.clone(), b.clone()]);
    assert_eq!(
        ids(&due(&env, &["--all", "-n", "1"])),
        std::slice::from_ref(&old)
    );
    assert_eq!(ids(&due(&env, &["--tag", "RUST"])), [a.clone(), c.clone()]);
    assert_eq!(
        ids(&due(&env, &["--tag", "#design", "--tag", "sql"])),
        [b.clone(), c.clone()]
    );
    let bad = env.fails(&["recall", "--tag", "two words"], 2);
    assert!(bad.contains("cannot hold spaces"), "{bad}");
    // Answered once by id, the old entry is in the schedule for good: due tomorrow.
    env.ok(&["recall", &old, "--rate", "hard"]);
    for id in [&a, &b, &c] {
        env.ok(&["recall", id, "--rate", "easy"]);
    }
    assert_eq!(env.ok(&["recall", "--json"]), "[]\n");
    let run = env.run(&["recall"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert!(
        run.stderr.contains(
            "nothing to recall today; the next, \"Learned long ago\", is due tomorrow, Thursday 26 November 2026"
        ),
        "{}",
        run.stderr
    );
    let run = env.run(&["recall", "--tag", "sql"]);
    assert!(
        run.stderr.contains(
            "nothing tagged #sql to recall today; the next, \"Indexes\", is due tomorrow"
        ),
        "{}",
        run.stderr
    );
    on(&mut env, "2026-11-26");
    assert_eq!(
        ids(&due(&env, &[])),
        [old.clone(), a.clone(), b.clone(), c.clone(), later.clone()]
    );
    // 31 days on, an entry never recalled has left the schedule; --all brings it back.
    on(&mut env, "2027-01-20");
    assert!(!ids(&due(&env, &[])).contains(&later));
    assert!(ids(&due(&env, &["--all"])).contains(&later));
}

#[test]
fn nothing_to_recall_says_why() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let run = env.run(&["recall"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("nothing was learned in the last 30 days, and nothing recalled before; `mpl recall --all` takes in older entries"),
        "{}",
        run.stderr
    );
    let run = env.run(&["recall", "--all"]);
    assert!(
        run.stderr.contains("the journal has no learned entries"),
        "{}",
        run.stderr
    );
    // No journal: the usual error.
    let mut other = TestEnv::new();
    other.set("MPL_JOURNAL", "/nonexistent/journal");
    assert!(other.fails(&["recall"], 1).contains("there is no journal"));
}

#[test]
fn answers_need_a_learned_entry_and_a_known_rating() {
    let mut env = TestEnv::new();
    let id = learn(&mut env, "2026-11-24", "Retries need jitter", &[]);
    on(&mut env, "2026-11-25");
    env.ok(&["reflect", "--went-well", "Shipped"]);

    let err = env.fails(&["recall", "2026-11-24-nothing", "--rate", "good"], 1);
    assert!(
        err.contains("no entry with id \"2026-11-24-nothing\""),
        "{err}"
    );
    assert!(
        err.contains("hint: `mpl recall --list --all` and `mpl log --kind learned` list learned entries with their ids"),
        "{err}"
    );
    let err = env.fails(&["recall", "2026-11-25", "--rate", "good"], 1);
    assert!(
        err.contains("2026-11-25 is in reflections/, not a learned entry"),
        "{err}"
    );
    // A day's id names its reflection; the day of a learned entry alone finds the entry.
    env.ok(&["recall", "2026-11-24", "--rate", "good"]);
    let err = env.fails(&["recall", &id, "--rate", "godo"], 2);
    assert!(
        err.contains("invalid value 'godo' for '--rate <RATING>'")
            && err.contains("[possible values: again, hard, good, easy]"),
        "{err}"
    );
    let err = env.fails(&["recall", "--rate", "good"], 2);
    assert!(err.contains("<ID>"), "{err}");
    let err = env.fails(&["recall", &id, "--list"], 2);
    assert!(err.contains("cannot be used with"), "{err}");
    // Without --rate there is nobody to ask here.
    let err = env.fails(&["recall", &id], 1);
    assert!(
        err.contains(&format!(
            "hint: give the answer: `mpl recall {id} --rate good` (or again, hard, easy)"
        )),
        "{err}"
    );
    let err = env.fails(&["recall", "../../etc/passwd", "--rate", "good"], 1);
    assert!(err.contains("invalid id"), "{err}");
    // Nothing but the one good answer was written.
    let log = env.read("recall.log");
    assert_eq!(log.lines().filter(|l| !l.starts_with('#')).count(), 1);
}

#[test]
fn doctor_names_each_bad_line_of_the_log_and_recall_skips_it() {
    let mut env = TestEnv::new();
    let id = learn(&mut env, "2026-11-20", "Borrowck", &[]);
    on(&mut env, "2026-11-25");
    env.ok(&["recall", &id, "--rate", "good"]);
    let log = env.read("recall.log");
    let header = log.lines().filter(|l| l.starts_with('#')).count();
    env.write(
        "recall.log",
        &format!(
            "{log}2026-11-26 {id} good\n2026-11-26T08:00:00Z {id} godo\n2026-11-26T08:00:00Z ../../../etc/passwd good\n\n2026-11-27T08:00:00Z {id} easy\n"
        ),
    );
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = header + 2;
    assert_eq!(
        run.stdout,
        format!(
            "recall.log:{first}: invalid time \"2026-11-26\": use RFC 3339, as in `2026-11-30T17:02:11+01:00 2026-11-25-two-phase-borrows good`\n\
             recall.log:{}: unknown rating \"godo\": use again, hard, good or easy\n\
             recall.log:{}: invalid id \"../../../etc/passwd\": '.' is not allowed; ids are lowercase letters, digits and dashes (the second word is a learned entry's id)\n",
            first + 1,
            first + 2
        )
    );
    let json: Value = serde_json::from_str(&env.run(&["doctor", "--json"]).stdout).unwrap();
    assert_eq!(json["problems"][1]["path"], "recall.log");
    assert_eq!(json["problems"][1]["line"], first + 1);
    // Recall goes on with the lines that read, and says what it skipped.
    on(&mut env, "2026-12-31");
    let run = env.run(&["recall", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "warning: recall.log has 3 lines that are not answers (line {first}), which recall skips; `mpl doctor` says what is wrong"
        )),
        "{}",
        run.stderr
    );
    let list: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(list[0]["reviews"], 2);
    assert_eq!(list[0]["last_rating"], "easy");
    // A new answer is added after the bad lines, which stay as they were.
    env.ok(&["recall", &id, "--rate", "hard"]);
    let after = env.read("recall.log");
    assert!(after.contains("2026-11-26T08:00:00Z ../../../etc/passwd good\n"));
    assert!(after.ends_with(&format!("2026-12-31T18:00:00+01:00 {id} hard\n")));
}

#[test]
fn nudge_mentions_what_is_due_for_recall_once_recall_is_used() {
    let mut env = TestEnv::new();
    let id = learn(&mut env, "2026-11-23", "Borrowck", &[]);
    learn(&mut env, "2026-11-24", "Lifetimes", &[]);
    on(&mut env, "2026-11-24");
    env.ok(&["reflect", "--went-well", "x"]);
    // Never recalled: nudge keeps quiet about it, though one is due.
    assert_eq!(env.ok(&["nudge"]), "");
    assert_eq!(ids(&due(&env, &[])), std::slice::from_ref(&id));
    env.ok(&["recall", &id, "--rate", "good"]);
    assert_eq!(env.ok(&["nudge"]), "");
    on(&mut env, "2026-11-25");
    assert_eq!(
        env.ok(&["nudge"]),
        "mpl: open: today's reflection, 2 to recall\n"
    );
    env.ok(&["reflect", "--went-well", "x"]);
    assert_eq!(env.ok(&["nudge"]), "mpl: open: 2 to recall\n");
    env.ok(&["recall", &id, "--rate", "good"]);
    assert_eq!(env.ok(&["nudge"]), "mpl: open: 1 to recall\n");
    env.ok(&["recall", "2026-11-24", "--rate", "easy"]);
    assert_eq!(env.ok(&["nudge"]), "");
    // A log that does not read never makes nudge speak of it, nor fail; recall names it.
    std::fs::write(env.path("recall.log"), b"\xff\xfe").unwrap();
    on(&mut env, "2026-11-27");
    let run = env.run(&["nudge"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(!run.stdout.contains("recall"), "{}", run.stdout);
    let err = env.fails(&["recall", "--list"], 1);
    assert!(err.contains("error: recall.log:1:"), "{err}");
}

#[test]
fn a_title_with_terminal_codes_is_shown_as_text() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.write(
        "learned/2026/2026-11-20-evil.md",
        "+++\nkind = \"learned\"\ndate = 2026-11-20\ntitle = \"Evil \\u001b]0;pwned\\u0007 \\u001b[31mred\"\n+++\n\nBody \\u001b[2J\n",
    );
    let listed = env.ok(&["recall", "--list"]);
    assert!(
        !listed.contains('\u{1b}') && !listed.contains('\u{7}'),
        "{listed:?}"
    );
    assert!(listed.contains("␛]0;pwned␇ ␛[31mred"), "{listed}");
    let json = env.ok(&["recall", "--json"]);
    assert!(!json.contains('\u{1b}'), "{json:?}");
    let list: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(list[0]["title"], "Evil \u{1b}]0;pwned\u{7} \u{1b}[31mred");
}

#[test]
fn on_a_terminal_each_entry_is_asked_and_ctrl_c_keeps_the_answers_given() {
    let mut env = TestEnv::new();
    let first = learn(&mut env, "2026-11-20", "Two-phase borrows", &["rust"]);
    let second = learn(&mut env, "2026-11-21", "Jitter for retries", &["rust"]);
    let third = learn(&mut env, "2026-11-22", "EXPLAIN ANALYZE", &["sql"]);
    on(&mut env, "2026-11-25");
    // Enter to see the note, then a number; Enter alone takes "good".
    let shown = env.terminal("recall --tag rust", "\r4\r\r\r");
    assert!(
        shown.contains("Do you still know this? Think of it, then press Enter to see your note"),
        "{shown}"
    );
    assert!(shown.contains("1/2"), "{shown}");
    assert!(
        shown.contains("again: forgot it — back tomorrow (Thursday 26 November 2026)"),
        "{shown}"
    );
    assert!(
        shown.contains("recalled 2 entries; the next is due tomorrow, Thursday 26 November 2026"),
        "{shown}"
    );
    let log = env.read("recall.log");
    assert!(log.contains(&format!("{first} easy\n")), "{log}");
    assert!(log.contains(&format!("{second} good\n")), "{log}");
    assert!(!log.contains(&third), "{log}");

    // One answered, then Ctrl-C at the second question: the first answer stays.
    on(&mut env, "2026-11-26");
    let shown = env.terminal("recall -n 3", "\r1\r\u{3}");
    assert!(
        shown.contains("stopped:")
            && shown.contains("the answer given so far is saved in recall.log"),
        "{shown}"
    );
    // The oldest due came first: the one never recalled, due since the 23rd.
    let log = env.read("recall.log");
    assert!(
        log.ends_with(&format!("2026-11-26T18:00:00+01:00 {third} again\n")),
        "{log}"
    );
    assert_eq!(log.lines().filter(|l| !l.starts_with('#')).count(), 3);
    // By id, on a terminal, one entry is asked, due or not.
    let shown = env.terminal(&format!("recall {second}"), "\r3\r");
    assert!(shown.contains("Jitter for retries"), "{shown}");
    assert!(
        env.read("recall.log")
            .ends_with(&format!("{second} good\n"))
    );
}

#[test]
fn two_machines_recalling_the_same_entry_keep_both_answers() {
    let dir = tempfile::tempdir().unwrap();
    let url = bare_repo(dir.path(), "journal.git").display().to_string();
    let mut a = TestEnv::new();
    a.now = "2026-11-20T18:00:00+01:00".into();
    a.ok(&["init", "--name", "Ada", "--remote", &url]);
    a.ok(&["learn", "Two-phase borrows"]);
    a.ok(&["sync"]);
    let mut b = TestEnv::new();
    b.now = "2026-11-20T21:00:00+01:00".into();
    b.ok(&["clone", &url]);
    let id = "2026-11-20-two-phase-borrows";

    // Both answer before either syncs: the log is new on both.
    a.now = "2026-11-21T09:00:00+01:00".into();
    a.ok(&["recall", id, "--rate", "good"]);
    b.now = "2026-11-21T20:00:00+01:00".into();
    b.ok(&["recall", id, "--rate", "hard"]);
    a.ok(&["sync"]);
    let synced = b.run(&["sync"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    assert!(!synced.stderr.contains("warning"), "{}", synced.stderr);
    a.ok(&["sync"]);
    // Then again, each adding to the log both have.
    a.now = "2026-11-22T09:00:00+01:00".into();
    a.ok(&["recall", id, "--rate", "easy"]);
    b.now = "2026-11-22T08:30:00Z".into();
    b.ok(&["recall", id, "--rate", "good"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);

    let log = a.read("recall.log");
    assert_eq!(log, b.read("recall.log"));
    let answers: Vec<&str> = log.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        answers,
        [
            format!("2026-11-21T09:00:00+01:00 {id} good"),
            format!("2026-11-21T20:00:00+01:00 {id} hard"),
            format!("2026-11-22T09:00:00+01:00 {id} easy"),
            format!("2026-11-22T08:30:00+00:00 {id} good"),
        ]
    );
    assert_eq!(log.matches("# mpl recall").count(), 1, "{log}");
    // Both rounds met in a merge, not a fast-forward.
    assert_eq!(b.git(&["log", "--merges", "--oneline"]).lines().count(), 2);
    // Both machines count all four answers, and agree on what comes next.
    for env in [&mut a, &mut b] {
        env.now = "2026-11-23T12:00:00+01:00".into();
        env.ok(&["doctor"]);
    }
    let on_a = a.ok(&["recall", "--json", "--all"]);
    assert_eq!(on_a, b.ok(&["recall", "--json", "--all"]));
    a.now = "2027-01-01T12:00:00+01:00".into();
    let list = due(&a, &[]);
    assert_eq!(list[0]["reviews"], 4);
    assert_eq!(list[0]["last_rating"], "good");
    assert_eq!(a.git(&["status", "--porcelain"]), "");
}
