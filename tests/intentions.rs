//! Follow-through over simulated weeks: plans made in reflections, asked about a week
//! later, followed up without rewriting the day that made them; reviews reminded of.

use crate::common::{TestEnv, bare_repo};

fn on(env: &mut TestEnv, day: &str) {
    env.now = format!("{day}T18:00:00+01:00");
}

#[test]
fn plans_are_asked_about_a_week_later_and_followed_up_in_the_day_s_entry() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-16");
    env.ok(&[
        "reflect",
        "--went-well",
        "Migration done",
        "--next",
        "- Write the runbook\n- Pair with Sam on deploys",
    ]);
    let made = env.read("reflections/2026/2026-11-16.md");
    on(&mut env, "2026-11-19");
    env.ok(&[
        "reflect",
        "--answer",
        "key moments=Demo",
        "--next",
        "- [ ] Book the retro room",
    ]);
    // Not due yet: listed as coming up, not asked.
    on(&mut env, "2026-11-20");
    let listed = env.ok(&["intentions"]);
    assert!(listed.contains("Coming up"), "{listed}");
    assert!(!listed.contains("To follow up"), "{listed}");
    let shown = env.terminal("reflect", "Quiet day\r\r\r\r\r\r\r");
    assert!(!shown.contains("What came of your plans"), "{shown}");

    // A week on: asked, oldest first; done with a note, not yet, and one skipped.
    on(&mut env, "2026-11-23");
    let plans: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["intentions", "--json"])).unwrap();
    assert_eq!(plans.len(), 3);
    assert_eq!(plans[0]["id"], "2026-11-16#1");
    assert_eq!(plans[0]["due_now"], true);
    assert_eq!(plans[2]["text"], "Book the retro room");
    assert_eq!(plans[2]["due_now"], false);
    let shown = env.terminal(
        "reflect",
        "Release\r\r\r\r\r\r1\rTwo hours with Sam\r2\r\r\r",
    );
    assert!(
        shown.contains("On Mon 16 Nov you planned: Write the runbook"),
        "{shown}"
    );
    assert!(
        shown.contains("On Mon 16 Nov you planned: Pair with Sam on deploys"),
        "{shown}"
    );
    assert!(!shown.contains("Book the retro room"), "{shown}");
    let today = env.read("reflections/2026/2026-11-23.md");
    let fm = crate::common::front_matter(&today);
    assert_eq!(fm["follow_up"][0]["of"], "2026-11-16");
    assert_eq!(fm["follow_up"][0]["intention"], "Write the runbook");
    assert_eq!(fm["follow_up"][0]["status"], "done");
    assert_eq!(fm["follow_up"][0]["note"], "Two hours with Sam");
    assert_eq!(fm["follow_up"][1]["status"], "not-yet");
    // The day that made the plans is never rewritten.
    assert_eq!(env.read("reflections/2026/2026-11-16.md"), made);

    // "Not yet" comes back a week after it was said; the non-interactive form settles it.
    on(&mut env, "2026-11-27");
    let listed = env.ok(&["intentions"]);
    assert!(
        listed.contains("2026-11-19#1  Book the retro room"),
        "{listed}"
    );
    assert!(
        listed.contains("asked from Mon 30 Nov · not yet 1 time"),
        "{listed}"
    );
    let said = env.run(&[
        "intentions",
        "drop",
        "2026-11-16#2",
        "--note",
        "Sam moved teams",
    ]);
    assert_eq!(said.code, 0, "{}", said.stderr);
    assert!(
        said.stderr
            .contains("is dropped (saved reflections/2026/2026-11-27.md)"),
        "{}",
        said.stderr
    );
    // A task item checked by hand counts as done.
    let path = "reflections/2026/2026-11-19.md";
    env.write(path, &env.read(path).replace("- [ ] Book", "- [x] Book"));
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["intentions", "--all", "--json"])).unwrap();
    let states: Vec<&str> = all.iter().map(|p| p["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["done", "dropped", "done"], "{all:?}");
    assert!(env.ok(&["intentions"]).is_empty());
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["follow_through"]["made"], 3);
    assert_eq!(stats["follow_through"]["done"], 2);
    assert_eq!(stats["follow_through"]["dropped"], 1);
    assert_eq!(stats["follow_through"]["rate"], 66);
    assert!(
        env.ok(&["stats"])
            .contains("Plans       66% done · 2 done · 1 dropped · 0 open · 3 made")
    );
    env.ok(&["doctor"]);
}

#[test]
fn bad_follow_up_ids_are_explained() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-16");
    env.ok(&["reflect", "--next", "Write the runbook"]);
    env.ok(&["learn", "Tokio", "--no-input"]);
    let err = env.fails(&["intentions", "done", "2026-11-16"], 2);
    assert!(err.contains("is not an intention's id"), "{err}");
    let err = env.fails(&["intentions", "done", "2026-11-16#2"], 2);
    assert!(
        err.contains("2026-11-16 makes 1 intention; there is no number 2"),
        "{err}"
    );
    let err = env.fails(&["intentions", "done", "2026-11-16-tokio#1"], 2);
    assert!(err.contains("is a learned entry"), "{err}");
    let err = env.fails(
        &["intentions", "done", "2026-11-16#1", "--date", "2026-11-15"],
        2,
    );
    assert!(err.contains("before the intention was made"), "{err}");
    // A follow-up with a status that is none is reported by doctor at its line.
    env.ok(&["intentions", "done", "2026-11-16#1"]);
    let path = "reflections/2026/2026-11-16.md";
    env.write(
        path,
        &env.read(path)
            .replace("status = \"done\"", "status = \"finished\""),
    );
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("has the status \"finished\""),
        "{}",
        run.stdout
    );
}

#[test]
fn two_machines_following_up_the_same_plan_keep_both_answers() {
    let mut a = TestEnv::new();
    on(&mut a, "2026-11-16");
    let remote = bare_repo(&a.root, "remote");
    a.ok(&["init", "--remote", &remote.display().to_string()]);
    a.ok(&["reflect", "--next", "- Write the runbook\n- Try nextest"]);
    a.ok(&["sync"]);
    let mut b = TestEnv::new();
    on(&mut b, "2026-11-16");
    b.ok(&["clone", &remote.display().to_string()]);
    // The same day, on both machines: one says done, the other follows up the other plan.
    on(&mut a, "2026-11-24");
    on(&mut b, "2026-11-24");
    a.ok(&[
        "intentions",
        "done",
        "2026-11-16#1",
        "--note",
        "on the train",
    ]);
    b.ok(&["reflect", "--went-well", "Quiet day"]);
    b.ok(&["intentions", "not-yet", "2026-11-16#2"]);
    b.ok(&["intentions", "done", "2026-11-16#1"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    for env in [&a, &b] {
        let all: Vec<serde_json::Value> =
            serde_json::from_str(&env.ok(&["intentions", "--all", "--json"])).unwrap();
        let state = |id: &str| {
            all.iter()
                .find(|p| p["id"] == id)
                .map(|p| p["state"].clone())
                .unwrap()
        };
        assert_eq!(state("2026-11-16#1"), "done", "{all:?}");
        assert_eq!(state("2026-11-16#2"), "open", "{all:?}");
        let first = all.iter().find(|p| p["id"] == "2026-11-16#1").unwrap();
        // Both machines' follow-ups of the same plan are kept.
        assert_eq!(first["follow_ups"].as_array().unwrap().len(), 2, "{all:?}");
        let text = env.read("reflections/2026/2026-11-24.md");
        assert!(text.contains("on the train"), "{text}");
        assert!(text.contains("Quiet day"), "{text}");
        assert!(!text.contains("mpl sync:"), "{text}");
        env.ok(&["doctor"]);
    }
    assert_eq!(a.git(&["rev-parse", "HEAD"]), b.git(&["rev-parse", "HEAD"]));
}

#[test]
fn nudge_reminds_of_reviews_at_the_end_of_a_period() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-26");
    env.ok(&["init"]);
    assert_eq!(env.ok(&["nudge"]), "mpl: open: today's reflection\n");
    on(&mut env, "2026-11-27");
    assert_eq!(
        env.ok(&["nudge"]),
        "mpl: open: today's reflection, this week's review\n"
    );
    // A day off stays quiet; the first workday after names last week's.
    on(&mut env, "2026-11-28");
    assert_eq!(env.ok(&["nudge"]), "");
    on(&mut env, "2026-11-30");
    assert_eq!(
        env.ok(&["nudge"]),
        "mpl: open: today's reflection, last week's review, this month's review\n"
    );
    env.ok(&[
        "reflect",
        "--week",
        "--date",
        "2026-11-27",
        "--answer",
        "Focus=Docs",
    ]);
    env.ok(&["reflect", "--month", "--answer", "Focus=Hiring"]);
    env.ok(&["reflect", "--went-well", "ok"]);
    assert_eq!(env.ok(&["nudge"]), "");
    // Configurable: quarters on, weeks and months off.
    let settings = env.read("mpl.toml");
    env.write(
        "mpl.toml",
        &format!("{settings}\n[reflect]\nremind = [\"quarter\"]\n"),
    );
    on(&mut env, "2026-12-31");
    assert_eq!(
        env.ok(&["nudge"]),
        "mpl: open: today's reflection, this quarter's review\n"
    );
}

#[test]
fn following_up_is_careful_with_days_ids_and_fields() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-10");
    env.ok(&["reflect", "--next", "Write the runbook"]);
    // Ids are whole: 2026-11-1 (the 1st) is not a prefix of 2026-11-10.
    let err = env.fails(&["intentions", "done", "2026-11-1#1"], 1);
    assert!(err.contains("no entry with id \"2026-11-1\""), "{err}");
    on(&mut env, "2026-11-11");
    env.ok(&["reflect", "--next", "Pair with Sam"]);
    on(&mut env, "2026-11-25");
    env.fails(&["intentions", "done", "#1"], 2);
    env.fails(&["intentions", "done", "é#1"], 2);
    // A follow-up alone does not make the day's reflection: nudge still asks for it.
    env.ok(&["intentions", "not-yet", "2026-11-10#1"]);
    assert_eq!(env.ok(&["nudge"]), "mpl: open: today's reflection\n");
    // One dated before a later follow-up would change nothing: refused.
    let err = env.fails(
        &["intentions", "done", "2026-11-10#1", "--date", "2026-11-20"],
        2,
    );
    assert!(
        err.contains("was followed up on 2026-11-25 (not-yet)"),
        "{err}"
    );
    // A follow_up field that is not a list is never written over.
    let path = "reflections/2026/2026-11-25.md";
    let text = env.read(path);
    let start = text.find("[[follow_up]]").unwrap();
    let end = text.rfind("+++").unwrap();
    env.write(
        path,
        &format!("{}follow_up = \"todo\"\n{}", &text[..start], &text[end..]),
    );
    let err = env.fails(&["intentions", "done", "2026-11-11#1"], 1);
    assert!(
        err.contains("reflections/2026/2026-11-25.md: 'follow_up' must be a list"),
        "{err}"
    );
    assert!(env.read(path).contains("follow_up = \"todo\""));
}

#[test]
fn a_review_s_plans_are_made_the_day_it_is_written() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-25");
    env.ok(&["reflect", "--week", "--next", "- Do the thing"]);
    let plans: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["intentions", "--json"])).unwrap();
    assert_eq!(plans[0]["id"], "2026-W48#1");
    assert_eq!(plans[0]["made"], "2026-11-25");
    assert_eq!(plans[0]["due"], "2026-12-02");
    env.ok(&["intentions", "done", "2026-w48#1"]);
}

#[test]
fn ctrl_c_keeps_the_follow_ups_already_answered() {
    let mut env = TestEnv::new();
    on(&mut env, "2026-11-16");
    env.ok(&["reflect", "--next", "- Write the runbook\n- Pair with Sam"]);
    on(&mut env, "2026-11-24");
    let shown = env.terminal("reflect", "Release\r\r\r\r\r\r1\rTook an hour\r\u{3}");
    assert!(shown.contains("so are the 1 follow-up answered"), "{shown}");
    let text = env.read("reflections/2026/2026-11-24.md");
    assert!(text.contains("Took an hour"), "{text}");
    assert!(text.contains("## Key moments\n\nRelease"), "{text}");
    assert!(!text.contains("Pair with Sam"), "{text}");
}
