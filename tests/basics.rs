//! The command line itself: help, version, exit codes, colour, quietness, journal location.

use crate::common::TestEnv;

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
    env.set("NO_COLOR", "1");
    assert!(!env.ok(&["log"]).contains('\x1b'));
}

#[test]
fn quiet_mutes_confirmations_but_not_errors() {
    let env = TestEnv::new();
    let run = env.run(&["-q", "learn", "quietly"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
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

#[test]
fn completions_and_man_page() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        assert!(
            env.ok(&["completions", shell]).contains("reflect"),
            "{shell}"
        );
    }
    env.fails(&["completions", "tcsh"], 2);
    assert!(env.ok(&["man"]).contains(".TH mpl 1"));
    let dir = env.root.join("man");
    env.ok(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(dir.join("mpl-reflect.1").exists());
    // Manual pages are for everyone to read, unlike journal files.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.join("mpl.1"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o044, 0o044, "{mode:o}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = TestEnv::new();
    for i in 0..30 {
        env.ok(&["learn", &format!("entry {i}")]);
    }
    let mpl = env!("CARGO_BIN_EXE_mpl");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{mpl}' log | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\""
        ))
        .env("HOME", &env.home)
        .env("MPL_NOW", &env.now)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("error"));
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
