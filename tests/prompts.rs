//! Questions on a real terminal: line editing, Ctrl-D, Ctrl-C, and answers refused.

use crate::common::TestEnv;

const CTRL_A: &str = "\u{1}";
const CTRL_C: &str = "\u{3}";
const CTRL_D: &str = "\u{4}";
const CTRL_U: &str = "\u{15}";
const CTRL_W: &str = "\u{17}";
const HOME: &str = "\u{1b}[H";

#[test]
fn answers_are_edited_as_a_shell_line_is() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let keys = [
        // Why: typed, then Ctrl-A and a word in front.
        format!("matters{CTRL_A}It \r"),
        // Aligned with: the last word taken back with Ctrl-W.
        format!("Checkout availability oops{CTRL_W}\r"),
        // Measure: the whole line thrown away with Ctrl-U, then typed again.
        format!("wrong words{CTRL_U}p99 under 300 ms{HOME}Keep \r"),
        // Due: a date that is no date is asked again, then Ctrl-D skips it.
        format!("blursday\r{CTRL_D}"),
    ]
    .concat();
    let shown = env.terminal("goal add Faster checkout --id faster", &keys);
    assert!(shown.contains("When is it due"), "{shown}");
    assert!(!shown.contains('✔'), "no tick beside an answer: {shown}");
    let text = env.read("goals/faster.md");
    assert!(text.contains("why = \"It matters\""), "{text}");
    assert!(
        text.contains("aligned_with = \"Checkout availability\""),
        "{text}"
    );
    assert!(
        text.contains("measure = \"Keep p99 under 300 ms\""),
        "{text}"
    );
    assert!(!text.contains("due ="), "{text}");
}

#[test]
fn ctrl_c_keeps_the_answers_and_says_how_to_go_on() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // The first answer given, the second half typed when Ctrl-C stops it.
    let shown = env.terminal("reflect", &format!("Shipped v2\rThe demo went{CTRL_C}"));
    assert!(shown.contains("stopped:"), "{shown}");
    assert!(
        shown.contains("the one you were typing included"),
        "{shown}"
    );
    assert!(shown.contains("`mpl reflect` asks again"), "{shown}");
    assert!(!env.path("reflections").exists(), "nothing saved yet");
    // Stopped again at the first question, the answers not reached are still kept.
    let shown = env.terminal("reflect", CTRL_C);
    assert!(shown.contains("stopped:"), "{shown}");
    // Asked again, the answers are there: Enter keeps them.
    let shown = env.terminal("reflect", "\r well\r\r\r\r\r\r");
    assert!(shown.contains("continuing from unsaved answers"), "{shown}");
    let text = env.read("reflections/2026/2026-11-25.md");
    assert!(text.contains("Shipped v2"), "{text}");
    assert!(text.contains("The demo went well"), "{text}");
}

#[test]
fn ctrl_c_before_anything_is_typed_saves_nothing() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let shown = env.terminal("learn", CTRL_C);
    assert!(
        shown.contains("stopped:") && shown.contains("nothing was saved"),
        "{shown}"
    );
    assert!(!env.path("learned").exists());
    assert_eq!(env.commit_count(), 1);
}
