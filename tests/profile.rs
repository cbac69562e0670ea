//! `mpl profile`: the name, headline, summary and contacts a portfolio opens with.

use crate::common::TestEnv;

#[test]
fn flags_change_the_profile_in_one_commit_and_keep_mpl_toml_as_written() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada Lovelace"]);
    let mut settings = env.read("mpl.toml");
    settings.push_str("# my own note\n");
    env.write("mpl.toml", &settings);
    env.git(&[
        "-c",
        "user.name=Ada",
        "-c",
        "user.email=ada@example.com",
        "commit",
        "-qam",
        "a note",
    ]);
    let commits = env.commit_count();
    env.ok(&[
        "profile",
        "--headline",
        "Backend engineer",
        "--email",
        "ada@example.com",
        "--link",
        "Blog=https://ada.example.com/blog",
        "--private",
        "email",
    ]);
    assert_eq!(env.commit_count(), commits + 1);
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "profile: update"
    );
    let settings = env.read("mpl.toml");
    assert!(settings.contains("# my own note"), "{settings}");
    let shown = env.ok(&["profile"]);
    assert!(shown.contains("headline  Backend engineer"), "{shown}");
    assert!(
        shown.contains("email     ada@example.com (private: not exported)"),
        "{shown}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["profile", "--json"])).unwrap();
    assert_eq!(json["links"][0]["label"], "Blog");
    assert_eq!(json["private"][0], "email");
    // The same again changes nothing, and says so.
    let run = env.run(&["profile", "--headline", "Backend engineer"]);
    assert!(run.stderr.contains("nothing changed"), "{}", run.stderr);
    assert_eq!(env.commit_count(), commits + 1);
    // An empty value removes a field; a link goes by its label.
    env.ok(&[
        "profile",
        "--email",
        "",
        "--remove-link",
        "blog",
        "--public",
        "email",
    ]);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["profile", "--json"])).unwrap();
    assert_eq!(json["email"], "");
    assert_eq!(json["links"], serde_json::json!([]));
    assert_eq!(json["private"], serde_json::json!([]));
}

#[test]
fn work_and_education_are_added_and_removed_by_number() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    env.ok(&[
        "profile",
        "--add-work",
        "Senior engineer; Acme Payments; 2021-03",
        "--add-work",
        "Engineer; Beta; 2018; 2021-02; Built the ledger",
        "--add-education",
        "BSc Computer Science; UCL; 2012; 2015",
    ]);
    let shown = env.ok(&["profile"]);
    assert!(
        shown.contains("1. Senior engineer, Acme Payments (2021-03 to now)"),
        "{shown}"
    );
    assert!(
        shown.contains("2. Engineer, Beta (2018 to 2021-02)"),
        "{shown}"
    );
    assert!(
        shown.contains("1. BSc Computer Science, UCL (2012 to 2015)"),
        "{shown}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["profile", "--json"])).unwrap();
    assert_eq!(json["work"][1]["summary"], "Built the ledger");
    assert!(
        !env.read("mpl.toml").contains("[profile]\n"),
        "no empty [profile] header"
    );
    env.ok(&["profile", "--remove-work", "2", "--remove-education", "1"]);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["profile", "--json"])).unwrap();
    assert_eq!(json["work"].as_array().unwrap().len(), 1);
    assert_eq!(json["education"], serde_json::json!([]));
    let commits = env.commit_count();
    let err = env.fails(&["profile", "--remove-work", "5"], 2);
    assert!(err.contains("no number 5"), "{err}");
    let err = env.fails(&["profile", "--add-work", "Lead; Acme; March 2021"], 2);
    assert!(
        err.contains("--add-work") && err.contains("a month (2021-03)"),
        "{err}"
    );
    let err = env.fails(&["profile", "--add-education", "a; b; c; d; e"], 2);
    assert!(err.contains("COURSE; SCHOOL; FROM; TO"), "{err}");
    assert_eq!(env.commit_count(), commits);
}

#[test]
fn bad_values_are_refused_and_a_broken_profile_is_never_rewritten() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    let commits = env.commit_count();
    for (args, says) in [
        (vec!["--email", "ada at example"], "--email"),
        (vec!["--website", "javascript:alert(1)"], "--website"),
        (vec!["--link", "no-equals-sign"], "LABEL=URL"),
        (vec!["--private", "password"], "not a field"),
        (vec!["--name", ""], "--name is empty"),
        (vec!["--headline", "two\nlines"], "one line"),
    ] {
        let mut all = vec!["profile"];
        all.extend(args.iter());
        let err = env.fails(&all, 2);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(env.commit_count(), commits);
    // A mistake made by hand names its line, everywhere it matters, and stops no other
    // command.
    let mut settings = env.read("mpl.toml");
    settings.push_str("\n[profile]\nemail = \"nope\"\n");
    env.write("mpl.toml", &settings);
    let line = settings.lines().count();
    let err = env.fails(&["profile", "--location", "London"], 1);
    assert!(err.contains(&format!("mpl.toml:{line}:")), "{err}");
    assert_eq!(env.read("mpl.toml"), settings, "never rewritten");
    let doctor = env.run(&["doctor"]);
    assert!(
        doctor.stdout.contains(&format!("mpl.toml:{line}:")),
        "{}",
        doctor.stdout
    );
    env.ok(&["learn", "A profile mistake does not stop learning"]);
    let export = env.run(&["export", "--format", "json"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(export.stderr.contains("mpl.toml"), "{}", export.stderr);
}

#[test]
fn the_first_export_without_a_headline_asks_for_it_or_says_so() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    env.ok(&["learn", "Something", "--tag", "rust"]);
    // Off a terminal: a warning, and the export goes on.
    let run = env.run(&["export", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("the portfolio has no headline"),
        "{}",
        run.stderr
    );
    // On a terminal: asked, and kept in the profile.
    let out = env.root.join("site");
    let shown = env.terminal(
        &format!("export --out '{}'", out.display()),
        "Backend engineer\r",
    );
    assert!(shown.contains("A headline"), "{shown}");
    assert!(
        env.read("mpl.toml")
            .contains("headline = \"Backend engineer\"")
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("Backend engineer"), "{html}");
    // Asked once: a name left empty later is said, not asked again.
    env.ok(&["profile", "--headline", ""]);
    let again = env.root.join("again");
    let shown = env.terminal(&format!("export --out '{}'", again.display()), "");
    assert!(!shown.contains("A headline"), "{shown}");
    assert!(shown.contains("the portfolio has no headline"), "{shown}");
}
