//! The command line itself: help, version, exit codes, colour, quietness, journal location.

use crate::common::{TestEnv, poll_until};

#[test]
fn version_and_help() {
    let env = TestEnv::new();
    assert!(env.ok(&["--version"]).starts_with("mpl "));
    let help = env.ok(&["--help"]);
    for word in [
        "reflect",
        "learn",
        "log",
        "show",
        "edit",
        "doctor",
        "init",
        "Exit codes",
    ] {
        assert!(help.contains(word), "help mentions {word}");
    }
    assert!(env.ok(&["reflect", "--help"]).contains("--went-well"));
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.fails(&[], 2);
    env.fails(&["frobnicate"], 2);
    env.fails(&["log", "--no-such-flag"], 2);
    env.fails(&["--color", "purple", "log"], 2);
    env.fails(&["reflect", "--show", "--went-well", "x"], 2);
    let mut env = env;
    env.now = "yesterday-ish".into();
    let stderr = env.fails(&["log"], 2);
    assert!(stderr.contains("invalid MPL_NOW"), "{stderr}");
}

#[test]
fn journal_location_precedence() {
    let mut env = TestEnv::new();
    let config_dir = env.home.join(".config/mpl");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        "journal = \"~/from-config\"\n",
    )
    .unwrap();
    env.ok(&["learn", "config"]);
    assert!(env.home.join("from-config/mpl.toml").exists());

    let from_env = env.root.join("from-env");
    env.set("MPL_JOURNAL", from_env.to_str().unwrap());
    env.ok(&["learn", "env"]);
    assert!(from_env.join("mpl.toml").exists());

    let from_flag = env.root.join("from-flag");
    env.ok(&["--journal", from_flag.to_str().unwrap(), "learn", "flag"]);
    assert!(from_flag.join("learned/2026/2026-11-25-flag.md").exists());
    assert!(!from_env.join("learned/2026/2026-11-25-flag.md").exists());

    std::fs::write(config_dir.join("config.toml"), "journal = [\n").unwrap();
    let stderr = env.fails(&["log"], 1);
    assert!(stderr.contains("config.toml:1:"), "{stderr}");
}

#[test]
fn colour_follows_the_flag_no_color_and_pipes() {
    let mut env = TestEnv::new();
    env.ok(&["learn", "x", "--tag", "t"]);
    assert!(!env.ok(&["log"]).contains('\x1b'), "no colour into a pipe");
    assert!(env.ok(&["log", "--color", "always"]).contains('\x1b'));
    assert!(!env.ok(&["log", "--color", "never"]).contains('\x1b'));
    // NO_COLOR only has something to turn off on a terminal: into a pipe there is no colour
    // anyway.
    assert!(
        env.terminal("log", "").contains('\x1b'),
        "colour on a terminal"
    );
    env.set("NO_COLOR", "1");
    let shown = env.terminal("log", "");
    assert!(shown.contains("2026-11-25-x"), "{shown}");
    assert!(!shown.contains('\x1b'), "NO_COLOR on a terminal: {shown:?}");
    assert!(env.ok(&["log", "--color", "always"]).contains('\x1b'));
}

#[test]
fn quiet_mutes_confirmations_but_not_errors() {
    let env = TestEnv::new();
    let run = env.run(&["-q", "learn", "quietly"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    // Without -q, a journal made with no name known says which name it took, once.
    let other = TestEnv::new();
    let run = other.run(&["learn", "loudly"]);
    assert!(
        run.stderr.contains("git has no user.name"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("mpl profile --name"), "{}", run.stderr);
    let again = other.run(&["learn", "again"]);
    assert!(!again.stderr.contains("user.name"), "{}", again.stderr);
    let run = env.run(&["-q", "show", "nope"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error:"));
}

#[test]
fn init_with_details_and_refusals() {
    let env = TestEnv::new();
    let path = env.root.join("j");
    let run = env.run(&[
        "init",
        path.to_str().unwrap(),
        "--name",
        "Ada Lovelace",
        "--headline",
        "Engineer",
        "--remote",
        "https://ada:s3cret@git.example/j.git",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("remote origin: https://ada:***@git.example/j.git"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("s3cret"));
    let settings = std::fs::read_to_string(path.join("mpl.toml")).unwrap();
    assert!(settings.contains("name = \"Ada Lovelace\""));
    assert!(settings.contains("headline = \"Engineer\""));
    assert!(settings.contains("format = 1"));
    let stderr = env.fails(&["init", path.to_str().unwrap()], 1);
    assert!(stderr.contains("already a journal"), "{stderr}");
}

/// The candidates the shell gets for the last of `words`, as the completion script asks
/// for them (`COMPLETE=SHELL mpl -- mpl WORDS…`), one per line.
fn complete(env: &TestEnv, shell: &str, words: &[&str]) -> String {
    let mut args = vec!["--", "mpl"];
    args.extend_from_slice(words);
    let output = env
        .cmd(&args)
        .env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .env("_CLAP_IFS", "\n")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn completions_know_the_journal() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Rust reviews", "--id", "rust-reviews"]);
    env.ok(&["network", "add", "Dr. Mei Tanaka 田中"]);
    env.ok(&["learn", "Borrowck", "--tag", "rust", "--tag", "k8s"]);
    env.ok(&["learn", "Lifetimes", "--tag", "rust"]);
    let lines = |out: String| out.lines().map(str::to_string).collect::<Vec<_>>();
    let goals = lines(complete(&env, "bash", &["goal", "show", ""]));
    assert!(goals.contains(&"rust-reviews".to_string()), "{goals:?}");
    let goals = lines(complete(&env, "bash", &["learn", "x", "--goal", "ru"]));
    assert_eq!(goals, ["rust-reviews"]);
    // Tags, the most used first.
    let tags = lines(complete(&env, "bash", &["log", "--tag", ""]));
    assert_eq!(tags, ["rust", "k8s"]);
    // A contact by its id, which holds no space; zsh shows the name beside it.
    let people = lines(complete(&env, "bash", &["network", "log", ""]));
    assert!(
        people.contains(&"dr-mei-tanaka-tian-zhong".to_string()),
        "{people:?}"
    );
    let people = complete(&env, "zsh", &["network", "log", "dr"]);
    assert!(
        people.contains("dr-mei-tanaka-tian-zhong:Dr. Mei Tanaka 田中"),
        "{people}"
    );
    let slugs = lines(complete(&env, "bash", &["challenge", "start", "net"]));
    assert_eq!(slugs, ["network"]);
    let ids = lines(complete(&env, "bash", &["show", "2026-11-25-b"]));
    assert_eq!(ids, ["2026-11-25-borrowck"]);
    // --journal on the line being completed is the journal asked.
    let elsewhere = TestEnv::new();
    let other = elsewhere.journal();
    elsewhere.ok(&["goal", "add", "Public speaking", "--id", "speaking"]);
    let goals = lines(complete(
        &env,
        "bash",
        &["--journal", other.to_str().unwrap(), "goal", "show", ""],
    ));
    assert!(goals.contains(&"speaking".to_string()), "{goals:?}");
    assert!(!goals.contains(&"rust-reviews".to_string()), "{goals:?}");
    // A title written by hand with a terminal code reaches the shell with it visible.
    env.write(
        "goals/loud.md",
        "+++\nid = \"loud\"\nkind = \"goal\"\ndate = 2026-11-25\ncreated = 2026-11-25T10:00:00Z\ntitle = \"Loud \\u001b[31mred\"\nstatus = \"active\"\n+++\n",
    );
    let shown = complete(&env, "zsh", &["goal", "show", "lo"]);
    assert!(shown.starts_with("loud:Loud "), "{shown:?}");
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
}

/// Runs `script` in `shell` with the test's environment and this mpl first on its PATH;
/// returns what it printed.
fn in_shell(env: &TestEnv, shell: &str, script: &str) -> String {
    let mut command = std::process::Command::new(shell);
    command.env_clear();
    for (key, value) in env.cmd(&[]).get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    let mpl_dir = std::path::Path::new(env!("CARGO_BIN_EXE_mpl"))
        .parent()
        .unwrap();
    let output = command
        .env(
            "PATH",
            format!("{}:{}", mpl_dir.display(), std::env::var("PATH").unwrap()),
        )
        .current_dir(&env.root)
        .args(["-c", script])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn completions_in_a_real_bash_and_fish() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Rust reviews", "--id", "rust-reviews"]);
    env.ok(&["learn", "Borrowck", "--tag", "rust"]);
    // bash: the script's function, called as bash calls it at a Tab.
    let bash = in_shell(
        &env,
        "bash",
        "source <(mpl completions bash)\nCOMP_WORDS=(mpl goal show r); COMP_CWORD=3; COMP_TYPE=9\n_clap_complete_mpl mpl r show\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n",
    );
    assert_eq!(bash, "rust-reviews\n");
    // fish: `complete -C` lists what a Tab would offer, with each one's description.
    let fish_there = std::process::Command::new("fish")
        .arg("--version")
        .output()
        .is_ok();
    if crate::common::servers::available("fish", fish_there, "install the fish package") {
        let fish = in_shell(
            &env,
            "fish",
            "mpl completions fish | source; complete -C 'mpl goal show r'; complete -C 'mpl learn x --tag '",
        );
        assert!(fish.contains("rust-reviews\tRust reviews\n"), "{fish}");
        assert!(fish.contains("rust\t1 entry\n"), "{fish}");
    }
}

#[test]
fn completions_and_man_page() {
    let env = TestEnv::new();
    // Each script asks mpl itself for the candidates.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        assert!(
            script.contains("COMPLETE") && script.contains(shell),
            "{shell}: {script}"
        );
    }
    env.fails(&["completions", "tcsh"], 2);
    assert!(env.ok(&["man"]).contains(".TH mpl 1"));
    let dir = env.root.join("man");
    let run = env.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.join("mpl-reflect.1").exists());
    let pages = std::fs::read_dir(&dir).unwrap().count();
    assert!(
        run.stderr
            .contains(&format!("wrote {pages} manual pages to")),
        "{}",
        run.stderr
    );
    assert_eq!(
        env.run(&["-q", "man", "--dir", dir.to_str().unwrap()])
            .stderr,
        ""
    );
    // Manual pages are for everyone to read, unlike journal files.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.join("mpl.1"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o044, 0o044, "{mode:o}");
}

/// What a pipe holds before its writer has to wait for the reader (Linux: 64 KiB).
const PIPE_HOLDS: usize = 64 * 1024;

/// `mpl log | head -1`: the reader goes away after the first line while mpl still has far
/// more to write than the pipe holds, so mpl's next write fails (EPIPE). That is not an
/// error: mpl stops, quietly, with status 0.
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::BufRead;
    let env = TestEnv::new();
    env.ok(&["init"]);
    // Entries written as files and committed with git: thousands of `mpl learn` would be slow.
    for i in 0..2000 {
        let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        let id = format!("{date}-a-lesson-about-pipes-and-readers-that-leave-early-{i}");
        env.write(
            &format!("learned/2025/{id}.md"),
            &format!(
                "+++\nid = \"{id}\"\nkind = \"learned\"\ndate = {date}\n\
                 created = {date}T09:30:00+01:00\n\
                 title = \"A lesson about pipes and readers that leave early, number {i}\"\n\
                 tags = [\"pipes\"]\ngoals = []\nvisibility = \"public\"\n+++\n\n\
                 What was learned that day.\n"
            ),
        );
    }
    env.git(&["add", "-A"]);
    env.git(&[
        "-c",
        "user.name=Ada",
        "-c",
        "user.email=ada@example.com",
        "commit",
        "-qm",
        "many lessons",
    ]);
    for args in [&["log"][..], &["log", "--json"]] {
        let whole = env.run(args);
        assert_eq!(whole.code, 0, "mpl {args:?}: {}", whole.stderr);
        // mpl must still be writing when the reader leaves: it cannot have put everything
        // into the pipe (and the reader's first read) by then.
        assert!(
            whole.stdout.len() > 4 * PIPE_HOLDS,
            "mpl {args:?} writes only {} bytes: the pipe would hold them all",
            whole.stdout.len()
        );
        let mut child = env
            .cmd(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn mpl");
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert_eq!(
            first,
            whole.stdout.lines().next().unwrap().to_string() + "\n"
        );
        drop(reader);
        let exited = poll_until(std::time::Duration::from_secs(60), || {
            child.try_wait().unwrap().is_some()
        });
        if !exited {
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(exited, "mpl {args:?} kept running with no reader: {stderr}");
        assert_eq!(
            out.status.code(),
            Some(0),
            "mpl {args:?} with its reader gone: {} {stderr}",
            out.status
        );
        assert!(
            !stderr.contains("error") && !stderr.contains("panicked"),
            "mpl {args:?}: {stderr}"
        );
        assert_eq!(
            stderr, whole.stderr,
            "mpl {args:?} said more than without a pipe"
        );
    }
}

#[test]
fn paths_in_messages_are_absolute() {
    let env = TestEnv::new();
    let run = env.run(&["init", "relative-journal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let absolute = env.root.join("relative-journal");
    assert!(
        run.stderr
            .contains(&format!("created a new journal at {}", absolute.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("--journal {}", absolute.display())),
        "{}",
        run.stderr
    );
    // A --journal that points at no journal says to check it, not to pass one.
    let stderr = env.fails(&["--journal", "nowhere", "log"], 1);
    assert!(
        stderr.contains("check the folder given to --journal"),
        "{stderr}"
    );
    assert!(!stderr.contains("pass --journal"), "{stderr}");
    std::fs::write(env.root.join("a-file"), "x").unwrap();
    let stderr = env.fails(&["--journal", "a-file", "log"], 1);
    assert!(
        stderr.contains(&format!(
            "{} is a file, not a folder",
            env.root.join("a-file").display()
        )),
        "{stderr}"
    );
}
