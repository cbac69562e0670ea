//! `mpl feedback`: feedback received, private by default, linked to goals.

use crate::common::{TestEnv, front_matter};

fn feedback(env: &TestEnv, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["feedback", "list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&env.ok(&all)).unwrap()
}

#[test]
fn feedback_is_kept_private_with_who_gave_it() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Rust reviews", "--id", "rust-reviews"]);
    env.ok(&[
        "feedback",
        "add",
        "Your reviews are thorough but arrive late",
        "--from",
        "my manager",
        "--goal",
        "rust",
        "--asked",
    ]);
    let text = env.read("feedback/2026/2026-11-25-your-reviews-are-thorough-but.md");
    let front = front_matter(&text);
    assert_eq!(front["kind"], "feedback");
    assert_eq!(front["from"], "my manager");
    assert_eq!(front["asked"], true);
    assert_eq!(front["visibility"], "private");
    assert_eq!(front["goals"], serde_json::json!(["rust-reviews"]));
    assert_eq!(front["title"], "Your reviews are thorough but arrive late");
}

#[test]
fn feedback_comes_from_stdin_and_lists_by_who() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &[
            "feedback",
            "add",
            "--from",
            "Priya (tech lead)",
            "--date",
            "yesterday",
        ],
        "Great demo\n\nThe architecture slide made the trade-offs clear.\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    env.ok(&[
        "feedback",
        "add",
        "Speak up more in planning",
        "--from",
        "my manager",
        "--public",
    ]);
    let all = feedback(&env, &[]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1]["date"], "2026-11-24");
    assert_eq!(all[1]["title"], "Great demo");
    assert_eq!(
        all[1]["body"],
        "The architecture slide made the trade-offs clear.\n"
    );
    assert_eq!(all[0]["visibility"], "public");
    let priya = feedback(&env, &["--from", "priya"]);
    assert_eq!(priya.len(), 1);
    assert_eq!(priya[0]["fields"]["from"], "Priya (tech lead)");
    assert_eq!(feedback(&env, &["--since", "today"]).len(), 1);
    let table = env.ok(&["feedback", "list"]);
    assert!(
        table.contains("FROM") && table.contains("my manager"),
        "{table}"
    );
}

#[test]
fn bad_feedback_is_refused() {
    let env = TestEnv::new();
    let err = env.fails(&["feedback", "add", "Nice"], 2);
    assert!(err.contains("--from"), "{err}");
    env.fails(&["feedback", "add", "Nice", "--from", "  "], 2);
    let err = env.fails(
        &["feedback", "add", "Nice", "--from", "me", "--goal", "x"],
        1,
    );
    assert!(err.contains("no goal"), "{err}");
    let err = env.fails(&["feedback", "add", "--from", "me", "--no-input"], 1);
    assert!(err.contains("empty"), "{err}");
    assert!(!env.journal().exists());
}
