//! The questions are the user's: templates, `[reflect]` in mpl.toml, roles, and periodic
//! reviews.

use crate::common::TestEnv;

const GIBBS_LIKE: &str = r#"title = "After an incident"

[[questions]]
heading = "What happened"
prompt = "What happened, in order?"
role = "moments"

[[questions]]
heading = "Wins"
prompt = "What held up?"
role = "went-well"

[[questions]]
heading = "Pain"
role = "difficult"

[[questions]]
heading = "Fix next"
role = "next"

[[questions]]
heading = "Tell the team"
role = "share"
"#;

fn with_template() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.write("templates/incident.toml", GIBBS_LIKE);
    env
}

#[test]
fn a_template_of_the_journal_asks_its_questions_and_roles_find_the_answers() {
    let env = with_template();
    env.ok(&[
        "reflect",
        "--template",
        "incident",
        "--answer",
        "pain=Paging at 3am",
        "--went-well",
        "Failover worked",
        "--answer",
        "Fix next=Alert on queue depth",
        "--answer",
        "tell the team=Runbooks need owners",
    ]);
    let text = env.read("reflections/2026/2026-11-25.md");
    // Answers in the template's order, under its headings; roles recorded for headings
    // that do not say them.
    let wins = text.find("## Wins\n\nFailover worked").expect(&text);
    let pain = text.find("## Pain\n\nPaging at 3am").expect(&text);
    assert!(wins < pain, "{text}");
    let fm = crate::common::front_matter(&text);
    assert_eq!(fm["template"], "incident");
    assert_eq!(fm["roles"]["Wins"], "went-well");
    assert_eq!(fm["roles"]["Fix next"], "next");
    assert!(fm["roles"].get("What happened").is_none(), "{text}");
    // review and share find the answers by role, whatever the headings.
    let review = env.ok(&["review"]);
    assert!(
        review.contains("## What went well\n\n- **Wed 25 Nov**: Failover worked"),
        "{review}"
    );
    assert!(
        review.contains("## What was difficult\n\n- **Wed 25 Nov**: Paging at 3am"),
        "{review}"
    );
    assert!(
        review.contains("## What comes next\n\n- **Wed 25 Nov**: Alert on queue depth"),
        "{review}"
    );
    let share = env.ok(&["share"]);
    assert!(share.contains("Runbooks need owners"), "{share}");
    // A heading that is not the template's is refused, naming the headings there are.
    let err = env.fails(
        &["reflect", "--template", "incident", "--answer", "Mood=ok"],
        2,
    );
    assert!(
        err.contains("\"Mood\" is not a question of the incident template"),
        "{err}"
    );
    assert!(
        err.contains("What happened, Wins, Pain, Fix next, Tell the team"),
        "{err}"
    );
    let err = env.fails(&["reflect", "--answer", "no equals sign"], 2);
    assert!(err.contains("has no '='"), "{err}");
    let err = env.fails(&["reflect", "--template", "nope", "--went-well", "x"], 2);
    assert!(
        err.contains("there is no template called \"nope\""),
        "{err}"
    );
    assert!(
        err.contains("daily, gibbs, rolfe, star, review, incident"),
        "{err}"
    );
}

#[test]
fn renaming_a_heading_later_keeps_old_answers_found() {
    let env = with_template();
    env.ok(&[
        "reflect",
        "--template",
        "incident",
        "--went-well",
        "Failover worked",
    ]);
    env.write(
        "templates/incident.toml",
        &GIBBS_LIKE.replace("\"Wins\"", "\"Held up\""),
    );
    let mut later = env;
    later.now = "2026-11-26T18:00:00+01:00".into();
    later.ok(&[
        "reflect",
        "--template",
        "incident",
        "--went-well",
        "Rollback was quick",
    ]);
    assert!(
        later
            .read("reflections/2026/2026-11-26.md")
            .contains("## Held up")
    );
    let review = later.ok(&["review"]);
    assert!(review.contains("Failover worked"), "{review}");
    assert!(review.contains("Rollback was quick"), "{review}");
    let found = later.ok(&["search", "failover"]);
    assert!(found.contains("2026-11-25"), "{found}");
}

#[test]
fn the_journal_s_own_questions_replace_the_six() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let settings = env.read("mpl.toml");
    env.write(
        "mpl.toml",
        &format!(
            "{settings}\n[reflect]\nquestions = [\n  {{ heading = \"Energy\", prompt = \"How was your energy today?\" }},\n  {{ heading = \"Proud of\", prompt = \"What are you proud of?\", role = \"went-well\" }},\n]\n"
        ),
    );
    // Two answers, then Enter declines turning a highlight into evidence.
    let shown = env.terminal("reflect", "High after lunch\rThe migration\r\r");
    assert!(shown.contains("How was your energy today?"), "{shown}");
    assert!(shown.contains("What are you proud of?"), "{shown}");
    assert!(!shown.contains("key moments"), "{shown}");
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.contains("## Energy\n\nHigh after lunch"), "{text}");
    assert!(text.contains("## Proud of\n\nThe migration"), "{text}");
    // Piped headings are matched loosely to the questions, and old flags still work.
    let run = env.run_with_stdin(&["reflect"], "## proud of?\n\nThe review\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    env.ok(&["reflect", "--learned", "sqlx macros"]);
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(
        text.contains("## Proud of\n\nThe migration\n\nThe review"),
        "{text}"
    );
    assert!(text.contains("## What I learned\n\nsqlx macros"), "{text}");
    let listed = env.ok(&["reflect", "--list-templates", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed[0]["name"], "mpl.toml");
    assert_eq!(listed[0]["daily"], true);
    assert_eq!(listed[0]["questions"][1]["role"], "went-well");
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "gibbs" && t["daily"] == false)
    );
}

#[test]
fn a_broken_template_is_named_at_its_line_and_the_default_questions_asked() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.write(
        "templates/broken.toml",
        "[[questions]]\nheading = \"A\"\n\n[[questions]]\nheading = \"B\"\nrole = \"wins\"\n",
    );
    env.write(
        "templates/twice.toml",
        "[[questions]]\nheading = \"Same\"\n\n[[questions]]\nheading = \"same?\"\n",
    );
    env.write("templates/invalid.toml", "[[questions]\nheading = 1\n");
    let run = env.run(&[
        "reflect",
        "--template",
        "broken",
        "--went-well",
        "Still saved",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("templates/broken.toml:4: question 2 has an unknown role \"wins\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("asking the daily questions instead"),
        "{}",
        run.stderr
    );
    assert!(
        env.read("reflections/2026/2026-11-25.md")
            .contains("## What went well\n\nStill saved")
    );
    // On a terminal the six are asked.
    let shown = env.terminal("reflect --template twice", "\r\r\r\r\r\r");
    assert!(
        shown.contains("templates/twice.toml:4: questions 1 and 2 have the same heading"),
        "{shown}"
    );
    assert!(shown.contains("What were the key moments"), "{shown}");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    let err = run.stdout;
    assert!(err.contains("templates/broken.toml:4:"), "{err}");
    assert!(err.contains("templates/twice.toml:4:"), "{err}");
    assert!(
        err.contains("templates/invalid.toml:1: invalid TOML"),
        "{err}"
    );
    // A mistake in [reflect] is named, and never stops the day's reflection.
    let settings = env.read("mpl.toml");
    env.write(
        "mpl.toml",
        &format!("{settings}\n[reflect]\ntemplate = \"gibbs\"\nremind = \"weekly\"\n"),
    );
    let run = env.run(&["reflect", "--went-well", "Again"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = settings.lines().count() + 4;
    assert!(
        run.stderr
            .contains(&format!("mpl.toml:{line}: 'remind' must be a list")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_role_in_an_entry_is_reported_by_doctor() {
    let env = with_template();
    env.ok(&["reflect", "--template", "incident", "--went-well", "ok"]);
    let path = "reflections/2026/2026-11-25.md";
    env.write(
        path,
        &env.read(path)
            .replace("Wins = \"went-well\"", "Wins = \"winning\""),
    );
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    let err = run.stdout;
    assert!(
        err.contains("the role \"winning\" of \"Wins\" in [roles] is not a role"),
        "{err}"
    );
}

#[test]
fn a_week_review_is_written_with_the_week_as_context() {
    let env = TestEnv::new();
    env.ok(&[
        "reflect",
        "--went-well",
        "Shipped the importer",
        "--next",
        "Write its docs",
    ]);
    env.ok(&["learn", "Tokio cancellation", "--no-input"]);
    let shown = env.terminal(
        "reflect --week",
        "Importer shipped\r\rCancellation safety\r\rDocs first\r",
    );
    // The week's digest is shown before the questions.
    assert!(shown.contains("Review: Monday 23 November 2026"), "{shown}");
    assert!(shown.contains("Tokio cancellation"), "{shown}");
    assert!(shown.contains("What did you achieve this week"), "{shown}");
    assert!(
        shown.contains("What will you focus on next week"),
        "{shown}"
    );
    let text = env.read("reviews/2026/2026-W48.md");
    let fm = crate::common::front_matter(&text);
    assert_eq!(fm["kind"], "review");
    assert_eq!(fm["id"], "2026-W48");
    assert_eq!(fm["date"], "2026-11-29");
    assert_eq!(fm["visibility"], "private");
    assert!(
        text.contains("## Achievements\n\nImporter shipped"),
        "{text}"
    );
    assert!(text.contains("## Focus\n\nDocs first"), "{text}");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "review: 2026-W48"
    );
    // Found by its id as typed, listed as a review, shown with --week.
    assert!(env.ok(&["show", "2026-w48"]).contains("Importer shipped"));
    let reviews = env.log_json(&["--kind", "review"]);
    assert_eq!(reviews.len(), 1);
    assert!(
        env.ok(&["reflect", "--week", "--show"])
            .contains("Docs first")
    );
    let err = env.fails(&["reflect", "--month", "--show"], 1);
    assert!(err.contains("there is no review of November 2026"), "{err}");
    env.ok(&["doctor"]);
    // Non-interactive, for a month gone by.
    env.ok(&[
        "reflect",
        "--month",
        "--date",
        "2026-10-15",
        "--went-well",
        "Importer design",
        "--answer",
        "Goals=On track",
    ]);
    let text = env.read("reviews/2026/2026-10.md");
    assert!(text.contains("date = 2026-10-31"), "{text}");
    assert!(
        text.contains("title = \"Review of October 2026\""),
        "{text}"
    );
    env.ok(&["reflect", "--quarter", "--answer", "Focus=Hiring"]);
    assert!(env.read("reviews/2026/2026-Q4.md").contains("Hiring"));
    env.ok(&[
        "reflect",
        "--year",
        "--answer",
        "Lessons=Write less, ship more",
    ]);
    assert!(env.read("reviews/2026/2026.md").contains("Write less"));
    assert!(env.ok(&["show", "2026-q4"]).contains("Hiring"));
}

#[test]
fn editing_a_review_shows_the_digest_without_saving_it() {
    let mut env = TestEnv::new();
    env.ok(&["reflect", "--went-well", "Importer shipped"]);
    let editor = env.editor(
        "ed.sh",
        r#"cp "$1" "$(dirname "$1")/../seen.md" 2>/dev/null; sed -i 's/^## Focus$/## Focus\n\nDocs first/' "$1""#,
    );
    env.set("EDITOR", &editor);
    env.ok(&["reflect", "--week", "--edit"]);
    let text = env.read("reviews/2026/2026-W48.md");
    assert!(text.contains("## Focus\n\nDocs first"), "{text}");
    assert!(
        !text.contains("Importer shipped"),
        "the digest is not saved: {text}"
    );
    assert!(!text.contains("<!--"), "{text}");
    assert!(
        !text.contains("## Achievements"),
        "unanswered questions go: {text}"
    );
    let fm = crate::common::front_matter(&text);
    assert_eq!(fm["roles"]["Focus"], "next");
}

#[test]
fn the_last_iso_week_stays_in_its_year_and_prefixes_find_reviews() {
    let mut env = TestEnv::new();
    env.now = "2027-01-02T12:00:00+01:00".into();
    env.ok(&["reflect", "--week", "--answer", "Focus=Rest"]);
    let text = env.read("reviews/2026/2026-W53.md");
    assert!(text.contains("date = 2026-12-31"), "{text}");
    env.ok(&["doctor"]);
    assert!(env.ok(&["show", "2026-w5"]).contains("Rest"));
    assert!(env.ok(&["reflect", "--week", "--show"]).contains("Rest"));
}

#[test]
fn template_names_are_checked_where_they_are_given() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let err = env.fails(&["reflect", "--template", "../x", "--went-well", "x"], 2);
    assert!(err.contains("invalid template name \"../x\""), "{err}");
    // Named in mpl.toml: a warning at its line, and the day is still saved.
    let settings = env.read("mpl.toml");
    env.write(
        "mpl.toml",
        &format!("{settings}\n[reflect]\ntemplate = \"nope\"\n"),
    );
    let run = env.run(&["reflect", "--went-well", "Saved anyway"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = settings.lines().count() + 3;
    assert!(
        run.stderr.contains(&format!(
            "mpl.toml:{line}: there is no template called \"nope\""
        )),
        "{}",
        run.stderr
    );
    assert!(
        env.read("reflections/2026/2026-11-25.md")
            .contains("Saved anyway")
    );
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("no template called \"nope\""),
        "{}",
        run.stdout
    );
    // A templates/daily.toml of the journal is the daily questions.
    env.write("mpl.toml", &settings);
    env.write(
        "templates/daily.toml",
        "[[questions]]\nheading = \"Today\"\nprompt = \"How was this {period}?\"\n",
    );
    let shown = env.terminal("reflect --date yesterday", "Fine\r\r");
    assert!(shown.contains("How was this day?"), "{shown}");
    assert!(
        env.read("reflections/2026/2026-11-24.md")
            .contains("## Today\n\nFine")
    );
}

#[test]
fn evidence_told_as_a_star_story() {
    let env = TestEnv::new();
    env.ok(&[
        "evidence",
        "add",
        "Cut CI to 12 minutes",
        "--star",
        "--answer",
        "Situation=CI took 40 minutes",
        "--answer",
        "action=- Cached the build\n- Split the tests",
        "--answer",
        "Result=12 minutes, 30 merges a day",
    ]);
    let text = env.read("evidence/2026/2026-11-25-cut-ci-to-12-minutes.md");
    assert!(
        text.contains("impact = \"12 minutes, 30 merges a day\""),
        "{text}"
    );
    assert!(text.contains("## Situation\n\nCI took 40 minutes\n\n## Action\n\n- Cached the build\n- Split the tests"), "{text}");
    assert!(!text.contains("## Task"), "{text}");
    let err = env.fails(&["evidence", "add", "X", "--star"], 2);
    assert!(
        err.contains("the headings are Situation, Task, Action, Result"),
        "{err}"
    );
    let err = env.fails(&["evidence", "add", "X", "--answer", "Task=y"], 2);
    assert!(
        err.contains("--answer goes with --star or --template NAME"),
        "{err}"
    );
    // --impact wins over the result; on a terminal the questions are asked.
    let shown = env.terminal(
        "evidence add Faster deploys --star --impact Minutes",
        "Slow deploys\r\r\rThey got faster\r",
    );
    assert!(shown.contains("What was the situation"), "{shown}");
    let text = env.read("evidence/2026/2026-11-25-faster-deploys.md");
    assert!(text.contains("impact = \"Minutes\""), "{text}");
    assert!(text.contains("## Result\n\nThey got faster"), "{text}");
}

#[test]
fn a_draft_written_with_other_questions_loses_nothing() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // Two Gibbs answers, then Ctrl-C while typing the third.
    let shown = env.terminal(
        "reflect --template gibbs",
        "The outage\rScared\rThe rollback wo\u{3}",
    );
    assert!(
        shown.contains("mpl reflect --template gibbs` asks again"),
        "{shown}"
    );
    // Asked again with the six: the Gibbs answers are kept and saved with the new ones.
    let shown = env.terminal("reflect", "\r\r\r\r\r\r\r");
    assert!(
        shown.contains(
            "the draft also holds answers to other questions (Description, Feelings, Evaluation)"
        ),
        "{shown}"
    );
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.contains("## Description\n\nThe outage"), "{text}");
    assert!(text.contains("## Evaluation\n\nThe rollback wo"), "{text}");
    assert!(
        !env.path(".mpl/drafts/reflection-2026-11-25-answers.md")
            .exists()
    );
}

#[test]
fn a_flag_is_never_taken_for_a_missing_value() {
    let env = TestEnv::new();
    let err = env.fails(
        &[
            "evidence",
            "add",
            "Confidential deal",
            "--note",
            "--private",
        ],
        2,
    );
    assert!(err.contains("\"--private\" is a flag, not text"), "{err}");
    assert!(!env.path("evidence").exists());
    // Text that starts with a dash is text.
    env.ok(&[
        "evidence",
        "add",
        "Fewer pages",
        "--impact",
        "-40% pages",
        "--note",
        "- one\n- two",
    ]);
    let text = env.read("evidence/2026/2026-11-25-fewer-pages.md");
    assert!(text.contains("impact = \"-40% pages\""), "{text}");
    assert!(text.contains("- one\n- two"), "{text}");
}

#[test]
fn a_story_typed_on_a_terminal_survives_ctrl_c() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let shown = env.terminal(
        "evidence add Faster CI --star",
        "Slow CI\rMake it fast\u{3}",
    );
    assert!(shown.contains("are kept in"), "{shown}");
    let shown = env.terminal("evidence add Faster CI --star", "\r\r\r12 minutes\r");
    assert!(shown.contains("continuing from unsaved answers"), "{shown}");
    let text = env.read("evidence/2026/2026-11-25-faster-ci.md");
    assert!(
        text.contains("## Situation\n\nSlow CI\n\n## Task\n\nMake it fast"),
        "{text}"
    );
    assert!(text.contains("impact = \"12 minutes\""), "{text}");
    assert!(!env.path(".mpl/drafts/evidence-story-faster-ci.md").exists());
}
