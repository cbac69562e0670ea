//! CPD: hours recorded with learning, counted against a scheme shipped in examples/cpd/,
//! and the audit pack.

use crate::common::TestEnv;

fn with_scheme(name: &str) -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let scheme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/cpd")
            .join(name),
    )
    .unwrap();
    env.write("cpd.toml", &scheme);
    env
}

#[test]
fn a_year_of_cpd_adds_up_as_counted_by_hand() {
    let mut env = with_scheme("nmc.toml");
    env.ok(&["network", "add", "Dana Okafor", "--no-input"]);
    // Hand count, period 2025-04-01 to 2028-03-31:
    // participatory: 6 + 7.5 = 13.5; individual: 3 + 2 = 5; network 1.5 and feedback 0.5
    // have no category but are participatory kinds: participatory 13.5 + 2 = 15.5.
    let days = [
        (
            "2026-01-15",
            &[
                "learn",
                "Sepsis workshop",
                "--hours",
                "6",
                "--cpd",
                "participatory",
                "--no-input",
            ][..],
        ),
        (
            "2026-03-02",
            &[
                "learn",
                "Wound care module",
                "--hours",
                "3",
                "--cpd",
                "individual",
                "--no-input",
            ][..],
        ),
        (
            "2026-05-20",
            &[
                "evidence",
                "add",
                "Led the falls audit",
                "--hours",
                "7.5",
                "--cpd",
                "participatory",
            ][..],
        ),
        (
            "2026-07-01",
            &["network", "log", "dana", "Case review", "--hours", "1.5"][..],
        ),
        (
            "2026-09-09",
            &[
                "feedback",
                "add",
                "Clear handover",
                "--from",
                "Sam",
                "--hours",
                "0.5",
                "--no-input",
            ][..],
        ),
        (
            "2026-11-02",
            &[
                "learn",
                "Reading on pressure ulcers",
                "--hours",
                "2",
                "--cpd",
                "INDIVIDUAL",
                "--no-input",
            ][..],
        ),
        // Before the period: not counted.
        (
            "2025-03-30",
            &[
                "learn",
                "Old course",
                "--hours",
                "10",
                "--cpd",
                "individual",
                "--no-input",
            ][..],
        ),
    ];
    for (day, args) in days {
        env.now = format!("{day}T18:00:00+01:00");
        env.ok(args);
    }
    env.now = "2026-11-25T18:00:00+01:00".into();
    let sum: serde_json::Value = serde_json::from_str(&env.ok(&["cpd", "--json"])).unwrap();
    assert_eq!(sum["from"], "2025-04-01");
    assert_eq!(sum["to"], "2028-03-31");
    assert_eq!(sum["hours"], 20.5);
    assert_eq!(sum["participatory"], 15.5);
    assert_eq!(sum["categories"][0]["hours"], 13.5);
    assert_eq!(sum["categories"][1]["hours"], 5.0);
    assert_eq!(sum["categories"][2]["name"], "No category");
    assert_eq!(sum["records"].as_array().unwrap().len(), 6);
    let text = env.ok(&["cpd"]);
    // The 2 hours with no category count as participatory (by kind) but not toward the
    // target of a scheme with categories (18.5 do), and are named.
    assert!(
        text.contains("16.5 more hours in all by 31 March 2028 (target 35)"),
        "{text}"
    );
    assert!(
        text.contains("2 hours have no category of the scheme"),
        "{text}"
    );
    assert!(
        text.contains("4.5 more participatory hours by 31 March 2028 (at least 20)"),
        "{text}"
    );
    // The audit pack: the record as CSV and each entry's reflection.
    let pack = env.root.join("pack");
    // Without --include-private the private records (the conversation, the feedback) stay
    // out of the pack; the sums still count them.
    let run = env.run(&[
        "export",
        "--format",
        "cpd",
        "--out",
        pack.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(
        run.stderr.contains("4 entries; 2 private records left out"),
        "{}",
        run.stderr
    );
    assert!(!pack.exists(), "a dry run writes nothing");
    let run = env.run(&[
        "export",
        "--format",
        "cpd",
        "--out",
        pack.to_str().unwrap(),
        "--include-private",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = std::fs::read_to_string(pack.join("record.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "date,kind,title,hours,category,category_name,participatory,source"
    );
    assert_eq!(lines.len(), 7);
    assert!(
        lines.contains(&"2026-07-01,network,Conversation with Dana Okafor,1.5,,,yes,dana-okafor"),
        "{csv}"
    );
    let entries = std::fs::read_dir(pack.join("entries")).unwrap().count();
    assert_eq!(entries, 6);
    assert!(
        std::fs::read_to_string(pack.join("summary.md"))
            .unwrap()
            .contains("| Participatory learning | 13.5 |")
    );
    // Not over a pack already there, unless --force; then the old entries go.
    let err = env.fails(&["cpd", "--pack", pack.to_str().unwrap()], 1);
    assert!(err.contains("is not empty"), "{err}");
    env.ok(&["cpd", "--pack", pack.to_str().unwrap(), "--force"]);
    assert_eq!(std::fs::read_dir(pack.join("entries")).unwrap().count(), 4);
    // Never over a folder mpl did not write, never inside the journal.
    let mine = env.root.join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let err = env.fails(&["cpd", "--pack", mine.to_str().unwrap(), "--force"], 1);
    assert!(err.contains("mpl replaces only a pack it wrote"), "{err}");
    let inside = env.path("learned/2026");
    let err = env.fails(&["cpd", "--pack", inside.to_str().unwrap()], 2);
    assert!(err.contains("is inside the journal"), "{err}");
    let err = env.fails(&["export", "--format", "cpd", "--since", "2026-01-01"], 2);
    assert!(
        err.contains("--since does not go with --format cpd"),
        "{err}"
    );
}

#[test]
fn bad_hours_categories_and_schemes_are_clear_errors() {
    let env = with_scheme("pmi.toml");
    let err = env.fails(&["learn", "x", "--hours", "-1", "--no-input"], 2);
    assert!(err.contains("--hours: -1 hours"), "{err}");
    let err = env.fails(&["learn", "x", "--hours", "30", "--no-input"], 2);
    assert!(err.contains("more than a day"), "{err}");
    let err = env.fails(
        &[
            "learn",
            "x",
            "--hours",
            "1",
            "--cpd",
            "reading",
            "--no-input",
        ],
        2,
    );
    assert!(
        err.contains("use ways-of-working, power-skills, business-acumen, giving-back"),
        "{err}"
    );
    env.fails(&["learn", "x", "--cpd", "giving-back", "--no-input"], 2);
    assert!(!env.path("learned").exists(), "nothing was written");
    // Giving Back counts up to its maximum.
    env.ok(&[
        "learn",
        "Mentoring",
        "--hours",
        "20",
        "--cpd",
        "giving-back",
        "--no-input",
    ]);
    env.ok(&[
        "learn",
        "Mentoring 2",
        "--hours",
        "10",
        "--cpd",
        "giving-back",
        "--date",
        "yesterday",
        "--no-input",
    ]);
    let sum: serde_json::Value = serde_json::from_str(&env.ok(&["cpd", "--json"])).unwrap();
    assert_eq!(sum["counted"], 25.0);
    assert_eq!(sum["hours"], 30.0);
    // A scheme that does not read names its line, in cpd and in doctor.
    env.write(
        "cpd.toml",
        "name = \"x\"\nstart = 2025-01-01\n\n[[category]]\nid = \"a\"\nmin_hours = -3\n",
    );
    let err = env.fails(&["cpd"], 1);
    assert!(
        err.contains("cpd.toml:4: category 1: 'min_hours' must be a number of hours"),
        "{err}"
    );
    let run = env.run(&["doctor"]);
    assert!(run.stdout.contains("cpd.toml:4:"), "{}", run.stdout);
    env.write("cpd.toml", "start = [\n");
    let err = env.fails(&["cpd"], 1);
    assert!(
        err.contains("cpd.toml:1: invalid TOML") || err.contains("cpd.toml:2: invalid TOML"),
        "{err}"
    );
    // A hand-written entry with hours that are not a number is named by doctor.
    std::fs::remove_file(env.path("cpd.toml")).unwrap();
    let err = env.fails(&["cpd"], 1);
    assert!(err.contains("cpd.toml is missing"), "{err}");
    let path = "learned/2026/2026-11-25-mentoring.md";
    env.write(
        path,
        &env.read(path).replace("hours = 20.0", "hours = \"lots\""),
    );
    let run = env.run(&["doctor"]);
    assert!(
        run.stdout.contains("'hours' must be a number"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_cell_that_a_spreadsheet_would_run_stays_text() {
    let env = with_scheme("engineering-council.toml");
    env.ok(&[
        "learn",
        "=HYPERLINK(\"http://x\",\"y\"), and more",
        "--hours",
        "1",
        "--cpd",
        "formal",
        "--no-input",
    ]);
    let csv = env.ok(&["cpd", "--csv"]);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\"), and more\""),
        "{csv}"
    );
}

#[test]
fn review_and_share_count_the_hours_of_the_period() {
    let env = with_scheme("nmc.toml");
    env.ok(&[
        "learn",
        "Sepsis workshop",
        "--hours",
        "6",
        "--cpd",
        "participatory",
        "--team",
        "--no-input",
    ]);
    env.ok(&[
        "learn",
        "Reading",
        "--hours",
        "1.5",
        "--cpd",
        "individual",
        "--no-input",
    ]);
    let review = env.ok(&["review"]);
    assert!(
        review.contains("## CPD\n\n- 7.5 hours in 2 records: individual 1.5, participatory 6"),
        "{review}"
    );
    let share = env.ok(&["share"]);
    assert!(
        share.contains("## Learning time\n\n- 6 hours of professional development"),
        "{share}"
    );
}

#[test]
fn competencies_follow_the_evidence_and_the_portfolio_shows_only_what_goes_out() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let err = env.fails(&["learn", "x", "--competency", "testing", "--no-input"], 2);
    assert!(err.contains("the journal has none"), "{err}");
    let framework = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/frameworks/software-engineering.toml"),
    )
    .unwrap();
    env.write("frameworks/software-engineering.toml", &framework);
    env.ok(&[
        "learn",
        "Property tests",
        "--competency",
        "testing",
        "--no-input",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "Cut flaky tests to zero",
        "--competency",
        "testing",
        "--competency",
        "Code-Quality",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "Mentored Sam",
        "--competency",
        "mentoring",
        "--private",
    ]);
    env.ok(&[
        "goal",
        "add",
        "Lead incident reviews",
        "--competency",
        "incident-response",
        "--no-input",
    ]);
    let err = env.fails(&["evidence", "add", "x", "--competency", "juggling"], 2);
    assert!(
        err.contains("--competency juggling: no framework has it"),
        "{err}"
    );
    let m: serde_json::Value = serde_json::from_str(&env.ok(&["competencies", "--json"])).unwrap();
    let coverage = |id: &str| {
        m[0]["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["coverage"].clone())
            .unwrap()
    };
    assert_eq!(coverage("testing"), "gained");
    assert_eq!(coverage("code-quality"), "gained");
    assert_eq!(coverage("mentoring"), "gained");
    assert_eq!(coverage("incident-response"), "in progress");
    assert_eq!(coverage("observability"), "not started");
    let text = env.ok(&["competencies"]);
    assert!(
        text.contains("Software engineering  3 gained · 1 in progress · 4 not started"),
        "{text}"
    );
    // The portfolio: only public evidence counts.
    let site = env.root.join("site");
    env.ok(&["export", "--out", site.to_str().unwrap(), "-q"]);
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("<th scope=\"row\">Testing</th><td>gained</td>"),
        "{home}"
    );
    assert!(!home.contains("Mentored Sam"), "{home}");
    // A framework with a mistake is named at its line.
    env.write(
        "frameworks/broken.toml",
        "title = \"x\"\n\n[[competency]]\nid = \"A B\"\n",
    );
    let run = env.run(&["doctor"]);
    assert!(
        run.stdout
            .contains("frameworks/broken.toml:3: competency 1"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_day_holds_at_most_24_hours_and_doctor_checks_what_entries_name() {
    let env = with_scheme("pmi.toml");
    env.ok(&[
        "learn",
        "Course, morning",
        "--hours",
        "12",
        "--cpd",
        "ways-of-working",
        "--no-input",
    ]);
    env.ok(&[
        "learn",
        "Course, afternoon",
        "--hours",
        "10",
        "--cpd",
        "ways-of-working",
        "--no-input",
    ]);
    let err = env.fails(
        &[
            "learn",
            "Course, evening",
            "--hours",
            "3",
            "--cpd",
            "power-skills",
            "--no-input",
        ],
        2,
    );
    assert!(
        err.contains("2026-11-25 already holds 22 hours of CPD, and a day has 24"),
        "{err}"
    );
    env.ok(&[
        "learn",
        "Course, yesterday",
        "--hours",
        "3",
        "--date",
        "yesterday",
        "--cpd",
        "power-skills",
        "--no-input",
    ]);
    // By hand: a category the scheme does not have, a competency no framework has.
    let path = "learned/2026/2026-11-24-course-yesterday.md";
    env.write(
        path,
        &env.read(path).replace(
            "cpd = \"power-skills\"",
            "cpd = \"powerskills\"\ncompetencies = [\"nope\"]",
        ),
    );
    let run = env.run(&["doctor"]);
    assert!(
        run.stdout
            .contains("cpd = \"powerskills\" is not a category of PMI PMP (PDUs)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"nope\" in 'competencies' is a competency of no framework"),
        "{}",
        run.stdout
    );
}

#[test]
fn shipped_schemes_and_frameworks_start_a_journal_off() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let err = env.fails(&["cpd"], 1);
    assert!(err.contains("`mpl cpd --init nmc --start DATE`"), "{err}");
    let err = env.fails(&["cpd", "--init", "acca"], 2);
    assert!(
        err.contains("there are nmc, pmi, engineering-council"),
        "{err}"
    );
    env.ok(&[
        "cpd",
        "--init",
        "engineering-council",
        "--start",
        "2026-01-01",
    ]);
    assert!(env.read("cpd.toml").contains("\nstart = 2026-01-01\n"));
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "cpd: the engineering-council scheme"
    );
    env.fails(&["cpd", "--init", "nmc"], 1);
    let text = env.ok(&["cpd"]);
    assert!(text.contains("Engineering Council CPD"), "{text}");
    assert!(text.contains("period 2026-01-01 to 2026-12-31"), "{text}");
    env.ok(&["competencies", "--init", "software-engineering"]);
    env.ok(&[
        "learn",
        "Tracing spans",
        "--competency",
        "observability",
        "--no-input",
    ]);
    assert!(
        env.ok(&["competencies"])
            .contains("Observability      ▤ in progress  1 learned")
    );
    env.ok(&["doctor"]);
}

#[test]
fn doctor_checks_the_categories_of_conversations_and_check_ins() {
    let env = with_scheme("nmc.toml");
    env.ok(&["network", "add", "Dana", "--no-input"]);
    env.ok(&[
        "network",
        "log",
        "dana",
        "Case review",
        "--hours",
        "1",
        "--cpd",
        "participatory",
    ]);
    env.ok(&["challenge", "start", "learn-something-new"]);
    env.ok(&["challenge", "done", "--hours", "0.5", "--cpd", "individual"]);
    env.ok(&["doctor"]);
    let path = "network/dana.md";
    env.write(
        path,
        &env.read(path)
            .replace("cpd = \"participatory\"", "cpd = \"group\""),
    );
    let run = env.run(&["challenge", "status"]);
    assert_eq!(run.code, 0);
    let runs: Vec<_> = std::fs::read_dir(env.path("challenges/runs"))
        .unwrap()
        .flatten()
        .collect();
    let run_file = format!("challenges/runs/{}", runs[0].file_name().to_string_lossy());
    env.write(
        &run_file,
        &env.read(&run_file)
            .replace("cpd = \"individual\"", "cpd = \"solo\""),
    );
    let run = env.run(&["doctor"]);
    assert!(
        run.stdout
            .contains("conversation 1: cpd = \"group\" is not a category of NMC revalidation"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("check-in 1: cpd = \"solo\" is not a category"),
        "{}",
        run.stdout
    );
}
