//! The test environment: every test runs the real `mpl` binary with a cleared environment, a
//! temporary HOME (so the default journal, config and git identity are the test's own), a
//! fixed `MPL_NOW`, and helpers to read what it wrote.

#![allow(dead_code)]

pub(crate) mod browser;
pub(crate) mod servers;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub(crate) const NOW: &str = "2026-11-25T18:00:00+01:00"; // a Wednesday evening

pub(crate) struct TestEnv {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub home: PathBuf,
    pub now: String,
    pub extra_env: Vec<(String, String)>,
}

/// What a run printed and how it exited.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "mpl panicked:\n{}",
            run.stderr
        );
        run
    }
}

impl TestEnv {
    pub(crate) fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().unwrap();
        let home = root.join("home");
        std::fs::create_dir_all(&home).unwrap();
        TestEnv {
            _dir: dir,
            root,
            home,
            now: NOW.to_string(),
            extra_env: Vec::new(),
        }
    }

    /// The default journal place for this HOME.
    pub(crate) fn journal(&self) -> PathBuf {
        self.home.join(".local/share/mpl/journal")
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.journal().join(rel)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub(crate) fn set(&mut self, key: &str, value: &str) {
        self.extra_env.push((key.to_string(), value.to_string()));
    }

    /// `mpl ARGS` with the test's environment, stdin empty.
    pub(crate) fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mpl"));
        cmd.args(args)
            .env_clear()
            .env("HOME", &self.home)
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("MPL_NOW", &self.now)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .current_dir(&self.root)
            .stdin(Stdio::null());
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        cmd
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd(args).output().expect("run mpl"))
    }

    /// Runs with `input` on standard input.
    pub(crate) fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn mpl");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        Run::from(child.wait_with_output().unwrap())
    }

    /// Runs and asserts success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "mpl {args:?} failed:\n{}", run.stderr);
        run.stdout
    }

    /// Runs and asserts the exit code; returns stderr.
    pub(crate) fn fails(&self, args: &[&str], code: i32) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code, code,
            "mpl {args:?} should exit {code}:\nstdout: {}\nstderr: {}",
            run.stdout, run.stderr
        );
        run.stderr
    }

    /// Runs `mpl ARGS` on a pseudo-terminal (util-linux `script`) and returns what the
    /// terminal showed. With `keys`, they are typed once mpl asks its first question (as a
    /// person would); then mpl must finish on its own. Prompts only appear on a terminal.
    pub(crate) fn terminal(&self, args: &str, keys: &str) -> String {
        use std::io::{Read, Write};
        use std::sync::{Arc, Mutex};
        assert!(
            Command::new("script").arg("--version").output().is_ok(),
            "the `script` command (util-linux) is needed for the terminal tests"
        );
        let mpl = env!("CARGO_BIN_EXE_mpl");
        let mut cmd = Command::new("script");
        cmd.arg("-qfec")
            .arg(format!("'{mpl}' {args}"))
            .arg("/dev/null")
            .env_clear()
            .env("HOME", &self.home)
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("MPL_NOW", &self.now)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TERM", "xterm")
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("run script");
        // Kept open until mpl is done: an end of input would answer its questions.
        let mut keyboard = child.stdin.take().unwrap();
        let shown = Arc::new(Mutex::new(Vec::new()));
        let mut screen = child.stdout.take().unwrap();
        let reader = {
            let shown = shown.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = screen.read(&mut buf) {
                    shown.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            })
        };
        let text =
            |shown: &Mutex<Vec<u8>>| String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
        let mut done = false;
        if !keys.is_empty() {
            // mpl's questions end with `›`.
            let asked = poll_until(Duration::from_secs(30), || {
                done = child.try_wait().unwrap().is_some();
                done || text(&shown).contains('›')
            });
            assert!(
                asked,
                "`mpl {args}` asked nothing on the terminal within 30 s:\n{}",
                text(&shown)
            );
            if !done {
                keyboard.write_all(keys.as_bytes()).unwrap();
                keyboard.flush().unwrap();
            }
        }
        let finished = poll_until(Duration::from_secs(30), || {
            child.try_wait().unwrap().is_some()
        });
        if !finished {
            // `script` by its pid; mpl, on the terminal it closes, is hung up on.
            let _ = child.kill();
            let _ = child.wait();
        }
        drop(keyboard);
        reader.join().unwrap();
        let shown = text(&shown);
        assert!(
            finished,
            "`mpl {args}` was still running 30 s after the keys {keys:?} were typed:\n{shown}"
        );
        shown
    }

    /// `git ARGS` in the journal; returns stdout.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        let mut git = Command::new("git");
        git.current_dir(self.journal()).env("HOME", &self.home);
        run_git(git, args)
    }

    pub(crate) fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    /// Writes an executable editor script: `sh` code that gets the file as "$1".
    pub(crate) fn editor(&mut self, name: &str, script: &str) -> String {
        let path = self.root.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path.display().to_string()
    }

    /// Entries in `mpl log --json`.
    pub(crate) fn log_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["log", "--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        serde_json::from_str::<Vec<serde_json::Value>>(&out).expect("log --json is a JSON array")
    }
}

/// Checks `condition` every 20 ms until it holds (true) or `timeout` has passed (false):
/// waiting for something to happen without guessing how long it takes. The caller fails the
/// test on false, saying what it waited for and what it saw.
pub(crate) fn poll_until(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if condition() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file below `dir` (links not followed) for which `wanted` holds.
pub(crate) fn find_files(
    dir: &std::path::Path,
    wanted: impl Fn(&std::path::Path) -> bool,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(read) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in read.filter_map(|e| e.ok()) {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(_) if wanted(&path) => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// The ids in a `log --json` result.
/// A new empty bare repository at `dir/name`, its branch `main`: a remote in a folder.
pub(crate) fn bare_repo(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let mut git = Command::new("git");
    git.current_dir(dir);
    run_git(
        git,
        &["init", "-q", "--bare", "--initial-branch=main", name],
    );
    dir.join(name)
}

/// Runs `git ARGS` as `git` (its folder and environment set by the caller, the system
/// configuration ignored), asserting success; returns stdout.
pub(crate) fn run_git(mut git: Command, args: &[&str]) -> String {
    let out = git
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn ids(entries: &[serde_json::Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// The front matter of an entry file, parsed by Python's tomllib (an independent TOML 1.0
/// parser) and returned as JSON; dates and times become strings.
pub(crate) fn front_matter(text: &str) -> serde_json::Value {
    use std::io::Write;
    let front = text
        .split("+++\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no front matter in {text}"));
    let script = "import sys, tomllib, json; print(json.dumps(tomllib.loads(sys.stdin.read()), default=str))";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(front.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "tomllib rejected:\n{front}");
    serde_json::from_slice(&out.stdout).unwrap()
}
