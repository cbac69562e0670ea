//! How bytes reach a remote: through the `git` program the user already has, as `git fetch`
//! and `git push` would. So everything the user set up for git works for mpl too: their git
//! config (`url.*.insteadOf`, `http.proxy`, `core.sshCommand`), credential helpers,
//! `~/.ssh/config` (Host aliases, ports, ProxyJump, per-host keys), ssh-agent and FIDO
//! keys, `known_hosts`; and a push to a shared folder updates its branch atomically, as
//! git's own `receive-pack` does. Local history, merges and commits stay in-process
//! (libgit2): only the commands that talk to a remote need the program.
//!
//! Each run is watched: a remote that stays silent for [`network_timeout`] is given up on
//! (the child is killed, the journal's lock let go), git's progress drives mpl's progress
//! bar, and a failure is translated from git's and ssh's messages into what happened and
//! what to do. Their text (which includes the server's own `remote:` lines) is kept only
//! for those messages, which pass through the terminal sanitiser like every other.

use super::redact_url;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::render::terminal::shell_arg;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The one remote a journal syncs with.
pub const REMOTE: &str = "origin";
/// Transfers smaller than this many objects show no progress bar.
const BIG_TRANSFER: usize = 64;
/// How much of git's error output is kept for messages.
const KEPT_LINES: usize = 200;

/// How transfers behave in this run.
#[derive(Clone, Copy)]
pub struct Transfer<'a> {
    /// Told how big transfers go (small ones are not worth a bar).
    pub progress: &'a dyn Progress,
    /// Whether a password, passphrase or host key may be asked about on the terminal.
    pub prompt: bool,
}

/// What a run is doing, for messages and the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Fetch,
    Push,
}

impl Action {
    fn words(self) -> &'static str {
        match self {
            Action::Fetch => "fetch from",
            Action::Push => "push to",
        }
    }

    /// The line of git's progress that counts the objects of this transfer.
    fn progress_line(self) -> &'static str {
        match self {
            Action::Fetch => "Receiving objects:",
            Action::Push => "Writing objects:",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Action::Fetch => "receiving",
            Action::Push => "sending",
        }
    }
}

/// What a git run that ended (well or not) said.
pub(crate) struct Finished {
    pub(crate) success: bool,
    pub(crate) stdout: String,
    /// Its error output, line by line (progress left out).
    pub(crate) stderr: Vec<String>,
}

/// How long a remote may stay silent before it is given up on: `MPL_NETWORK_TIMEOUT`
/// seconds, 120 by default.
pub(crate) fn network_timeout() -> Duration {
    let seconds = std::env::var("MPL_NETWORK_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(120);
    Duration::from_secs(seconds)
}

enum Event {
    Progress(usize, usize),
    Line(String),
    Stdout(String),
    /// Standard error closed.
    Closed,
}

/// Runs `git -C root ARGS` for `action` on the remote at `url` (shown redacted), watching
/// it as the module says. An error only when git could not run or the remote went silent;
/// a git that failed is a [`Finished`] with `success` false, for the caller to read (see
/// [`failure`]).
pub(crate) fn run_git(
    root: &Path,
    args: &[&OsStr],
    action: Action,
    url: &str,
    transfer: Transfer<'_>,
) -> Result<Finished> {
    let timeout = network_timeout();
    let mut command = Command::new("git");
    command.arg("-C").arg(root);
    for setting in [
        // A sync is not the moment for git to repack on its own (possibly in the
        // background, holding locks that the next mpl would find).
        "gc.auto=0",
        "maintenance.auto=false",
        // What git receives is on disk before mpl moves the branch onto it.
        "core.fsync=committed",
    ] {
        command.arg("-c").arg(setting);
    }
    // Over http, a transfer slower than a byte a second for that long is a dead link.
    command
        .arg("-c")
        .arg("http.lowSpeedLimit=1")
        .arg("-c")
        .arg(format!("http.lowSpeedTime={}", timeout.as_secs()));
    command.args(args);
    // The journal's repository, whatever git environment mpl was started in (a hook, say).
    for name in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
        "GIT_NAMESPACE",
        "GIT_PREFIX",
        "GIT_QUARANTINE_PATH",
    ] {
        command.env_remove(name);
    }
    // Messages in English, so that they can be told apart and said in mpl's words.
    command.env("LC_ALL", "C");
    if !transfer.prompt {
        // Nobody to answer: a question fails at once instead of waiting.
        command
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GCM_INTERACTIVE", "never")
            .env("SSH_ASKPASS_REQUIRE", "never")
            .env_remove("GIT_ASKPASS")
            .env_remove("SSH_ASKPASS");
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let detach = !transfer.prompt;
        // SAFETY: between fork and exec only async-signal-safe calls are made (prctl,
        // setsid), touching no memory of the parent.
        unsafe {
            command.pre_exec(move || {
                // git goes when mpl goes (killed, say): no transfer carries on unwatched.
                #[cfg(target_os = "linux")]
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                // Without prompts, no terminal either: ssh then cannot ask for a
                // passphrase or a host key, and its whole session can be killed at once.
                if detach {
                    libc::setsid();
                }
                Ok(())
            });
        }
    }
    let mut child = command.spawn().map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            Error::new(format!(
                "cannot {} {REMOTE} ({}): the git program is not installed, or not on PATH",
                action.words(),
                redact_url(url)
            ))
            .hint("mpl talks to remotes through git, as you would: install git (https://git-scm.com/downloads, or your system's package), then run this again")
        } else {
            Error::new(format!("cannot run git: {err}"))
        }
    })?;

    let (send, events) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let out = send.clone();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.take(1 << 20).read_to_end(&mut bytes);
        let _ = out.send(Event::Stdout(String::from_utf8_lossy(&bytes).into_owned()));
    });
    std::thread::spawn(move || read_stderr(stderr, action, &send));

    let meter = Meter::new(transfer.progress, action.label());
    let mut lines = Vec::new();
    let mut stdout = String::new();
    let mut heard = Instant::now();
    let mut closed = false;
    let mut timed_out = false;
    let status = loop {
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(event) => {
                heard = Instant::now();
                match event {
                    Event::Progress(done, total) => meter.update(done, total),
                    Event::Line(line) => keep(&mut lines, line),
                    Event::Stdout(text) => stdout = text,
                    Event::Closed => closed = true,
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => closed = true,
        }
        if let Some(status) = child.try_wait().ok().flatten() {
            break Some(status);
        }
        if !closed && heard.elapsed() >= timeout {
            timed_out = true;
            stop(&mut child, !transfer.prompt);
            break None;
        }
    };
    meter.finish();
    // What git said last, once it ended (a helper it left, such as ssh, may keep the pipe
    // open a little longer: it is not waited for).
    let deadline = Instant::now() + Duration::from_secs(2);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok(Event::Line(line)) => keep(&mut lines, line),
            Ok(Event::Stdout(text)) => stdout = text,
            Ok(Event::Progress(..)) => {}
            Ok(Event::Closed) if !stdout.is_empty() || status.is_none() => break,
            Ok(Event::Closed) => {}
            Err(_) => break,
        }
    }
    if timed_out {
        return Err(Error::new(format!(
            "cannot reach {REMOTE} ({}): timed out: it did not answer for {} seconds",
            redact_url(url),
            timeout.as_secs()
        ))
        .hint("check your network connection; on a slow link, give it longer with MPL_NETWORK_TIMEOUT=SECONDS"));
    }
    Ok(Finished {
        success: status.is_some_and(|s| s.success()),
        stdout,
        stderr: lines,
    })
}

fn keep(lines: &mut Vec<String>, line: String) {
    if lines.len() == KEPT_LINES {
        lines.remove(0);
    }
    lines.push(line);
}

/// Kills git (and, when it has a session of its own, ssh and any helper it started).
fn stop(child: &mut std::process::Child, own_session: bool) {
    #[cfg(unix)]
    if own_session && let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals that process group; git leads it.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    }
    let _ = own_session;
    let _ = child.kill();
    let _ = child.wait();
}

/// Reads git's error output: progress (parts ended by `\r`) becomes progress events for
/// this transfer, the rest lines kept for messages.
fn read_stderr(mut stderr: impl Read, action: Action, send: &mpsc::Sender<Event>) {
    let mut buffer = [0u8; 8192];
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let n = match stderr.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&buffer[..n]);
        while let Some(end) = pending.iter().position(|b| *b == b'\n' || *b == b'\r') {
            // `\r\n` ends a line (ssh writes them); a lone `\r` ends a progress update.
            let progress = pending[end] == b'\r' && pending.get(end + 1) != Some(&b'\n');
            if pending[end] == b'\r' && end + 1 == pending.len() {
                break; // what follows decides
            }
            let end = if progress || pending[end] == b'\n' {
                end
            } else {
                end + 1
            };
            let part: Vec<u8> = pending.drain(..=end).collect();
            let text = String::from_utf8_lossy(&part).trim_end().to_string();
            let event = match parse_progress(&text, action) {
                Some((done, total)) => Event::Progress(done, total),
                None if progress || text.is_empty() => continue,
                None => Event::Line(text),
            };
            if send.send(event).is_err() {
                return;
            }
        }
        // A line longer than this is not a message anyone reads.
        pending.truncate(64 * 1024);
    }
    if !pending.is_empty() {
        let _ = send.send(Event::Line(String::from_utf8_lossy(&pending).into_owned()));
    }
    let _ = send.send(Event::Closed);
}

/// `Receiving objects:  45% (450/1000), 1.2 MiB | 1 MiB/s` → `(450, 1000)`.
fn parse_progress(text: &str, action: Action) -> Option<(usize, usize)> {
    let rest = text.strip_prefix(action.progress_line())?;
    let counts = rest.split_once('(')?.1.split_once(')')?.0;
    let (done, total) = counts.split_once('/')?;
    Some((done.trim().parse().ok()?, total.trim().parse().ok()?))
}

/// A git run that failed, said in the user's terms: which remote, what happened (a changed
/// or unknown host key, refused credentials, no repository there, a full disk, no network),
/// and what to do.
pub(crate) fn failure(action: Action, url: &str, stderr: &[String]) -> Error {
    let shown = redact_url(url);
    let said = stderr.join("\n").to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| said.contains(w));
    let detail = detail(url, stderr);
    let local = url.strip_prefix("file://").unwrap_or(url);
    let is_path = Path::new(local).is_absolute() || local.starts_with('.');
    let verb = action.words();
    if has(&["remote host identification has changed"]) {
        return Error::new(format!(
            "the server of {REMOTE} ({shown}) is not the one you connected to before: its host key CHANGED, so nothing was sent or received"
        ))
        .hint("someone may be in the way of your connection, or the server was set up again: ask whoever runs it for its new key's fingerprint")
        .hint(format!(
            "once you trust it, remove the old key from ~/.ssh/known_hosts (`ssh-keygen -R {}`), connect once with ssh and check the fingerprint it shows",
            shell_arg(&ssh_host(url).unwrap_or_else(|| "HOST".into()))
        ));
    }
    if has(&[
        "host key verification failed",
        "no ed25519 host key is known",
        "no rsa host key is known",
        "no ecdsa host key is known",
    ]) {
        return Error::new(format!(
            "cannot {verb} {REMOTE} ({shown}): the server's host key is not in ~/.ssh/known_hosts, so it is not trusted"
        ))
        .hint(format!(
            "connect once with ssh (or `git ls-remote {}` in a terminal), check the fingerprint it shows, and accept it; then run mpl again",
            shell_arg(&shown)
        ));
    }
    if has(&["no space left on device", "disk quota exceeded"]) {
        let remote_side = stderr.iter().any(|line| {
            line.starts_with("remote:")
                && (line.contains("No space left") || line.contains("quota"))
        });
        return if remote_side {
            Error::new(format!(
                "cannot {verb} {REMOTE} ({shown}): the remote's disk is full: {detail}"
            ))
            .hint("free space where the remote repository is (or ask whoever runs it), then run `mpl sync` again")
        } else {
            Error::new(format!(
                "cannot {verb} {REMOTE} ({shown}): this machine's disk is full: {detail}"
            ))
            .hint("free some space (`df -h` shows where), then run mpl again")
        };
    }
    if has(&[
        "permission denied (publickey",
        "permission denied, please try again",
        "authentication failed",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "http basic: access denied",
        "returned error: 401",
        "returned error: 403",
        "invalid username or password",
    ]) {
        return Error::new(format!(
            "{REMOTE} ({shown}) did not accept your credentials: {detail}"
        ))
        .hint("over ssh, load your key (`ssh-add`) or name it for the host in ~/.ssh/config; over https, set up git's credential helper (on GitHub and GitLab the password is a personal access token)")
        .hint(format!(
            "`git ls-remote {}` checks the same access with the same git",
            shell_arg(&shown)
        ));
    }
    if is_path && !Path::new(local).exists() {
        return Error::new(format!(
            "cannot {verb} {REMOTE}: there is nothing at {shown}"
        ))
        .hint("check the path (`mpl remote` shows it); `git init --bare --initial-branch=main PATH` makes an empty repository there");
    }
    if has(&[
        "repository not found",
        "does not appear to be a git repository",
        "returned error: 404",
        "not found",
        "no such repository",
        "no such file or directory",
    ]) {
        return Error::new(format!(
            "cannot {verb} {REMOTE}: there is no repository at {shown} (or you may not see it): {detail}"
        ))
        .hint("check the address (`mpl remote` shows it, `mpl remote URL` changes it); on GitHub, GitLab or Gitea, create an empty repository there first, and check that your account has access");
    }
    if has(&[
        "could not resolve host",
        "name or service not known",
        "temporary failure in name resolution",
        "nodename nor servname",
        "connection refused",
        "connection timed out",
        "operation timed out",
        "network is unreachable",
        "no route to host",
        "connection reset",
        "connection closed",
        "failed to connect",
        "unable to access",
        "remote end hung up",
        "early eof",
        "could not read from remote repository",
        "unable to connect",
    ]) {
        return Error::new(format!("cannot reach {REMOTE} ({shown}): {detail}"))
            .hint("check your network connection and the address (`mpl remote` shows it)");
    }
    Error::new(format!("cannot {verb} {REMOTE} ({shown}): {detail}"))
        .hint("check the address (`mpl remote` shows it; `mpl remote URL` changes it)")
}

/// What git said that matters, in one line: no hints, no empty `remote:` lines, and no
/// secret from the URL.
fn detail(url: &str, stderr: &[String]) -> String {
    let lines: Vec<String> = stderr
        .iter()
        .map(|line| {
            let line = line.trim();
            let line = line
                .strip_prefix("fatal: ")
                .or_else(|| line.strip_prefix("error: "))
                .unwrap_or(line);
            line.trim().to_string()
        })
        .filter(|line| {
            !line.is_empty()
                && line != "remote:"
                && !line.starts_with("hint:")
                && !line.starts_with("warning:")
                && !line.starts_with("To ")
                && !line.starts_with("Please make sure you have the correct access rights")
                && !line.starts_with("and the repository exists")
                && !line.contains("failed to push some refs")
        })
        .collect();
    let mut wanted: Vec<&String> = lines.iter().rev().take(3).collect();
    wanted.reverse();
    let text = wanted
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let text = if text.is_empty() {
        "git gave no reason".to_string()
    } else {
        text
    };
    redact_text(&text, url)
}

/// The host of an ssh URL (`ssh://user@host:22/path` or `user@host:path`), for
/// `ssh-keygen -R`.
fn ssh_host(url: &str) -> Option<String> {
    if let Some(rest) = url.strip_prefix("ssh://") {
        let authority = rest.split('/').next()?;
        let host = authority.rsplit('@').next()?;
        return Some(match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => {
                format!("[{name}]:{port}")
            }
            _ => host.to_string(),
        });
    }
    if url.contains("://") {
        return None;
    }
    let (host, _) = url.split_once(':')?;
    Some(host.rsplit('@').next()?.to_string())
}

/// `text` with `url`, and anything else that looks like a URL with a secret, redacted.
pub(crate) fn redact_text(text: &str, url: &str) -> String {
    let text = if url.is_empty() {
        text.to_string()
    } else {
        text.replace(url, &redact_url(url))
    };
    text.split_inclusive(|c: char| c.is_whitespace() || c == '\'' || c == '"')
        .map(|piece| {
            let end = piece
                .find(|c: char| c.is_whitespace() || c == '\'' || c == '"')
                .unwrap_or(piece.len());
            let (word, rest) = piece.split_at(end);
            format!("{}{rest}", redact_url(word))
        })
        .collect()
}

/// The progress of one transfer, reported only when it is big.
struct Meter<'a> {
    progress: &'a dyn Progress,
    label: &'static str,
    shown: std::cell::Cell<bool>,
}

impl<'a> Meter<'a> {
    fn new(progress: &'a dyn Progress, label: &'static str) -> Meter<'a> {
        Meter {
            progress,
            label,
            shown: std::cell::Cell::new(false),
        }
    }

    fn update(&self, done: usize, total: usize) {
        if total < BIG_TRANSFER {
            return;
        }
        self.shown.set(true);
        self.progress.update(self.label, done as u64, total as u64);
    }

    fn finish(&self) {
        if self.shown.get() {
            self.progress.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_read_from_gits_own_lines() {
        assert_eq!(
            parse_progress(
                "Receiving objects:  45% (450/1000), 1.20 MiB | 1.00 MiB/s",
                Action::Fetch
            ),
            Some((450, 1000))
        );
        assert_eq!(
            parse_progress("Writing objects: 100% (3/3), done.", Action::Push),
            Some((3, 3))
        );
        assert_eq!(
            parse_progress("remote: Counting objects: 100% (3/3)", Action::Fetch),
            None
        );
        assert_eq!(
            parse_progress("Receiving objects: (x/3)", Action::Fetch),
            None
        );
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn failures_are_named_for_what_they_are() {
        let url = "ssh://ada@example.com:2222/journal.git";
        let changed = failure(
            Action::Fetch,
            url,
            &lines(
                "@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nHost key verification failed.\nfatal: Could not read from remote repository.",
            ),
        );
        assert!(changed.message.contains("CHANGED"), "{}", changed.message);
        assert!(
            changed
                .hints
                .iter()
                .any(|h| h.contains("ssh-keygen -R '[example.com]:2222'")),
            "{:?}",
            changed.hints
        );
        let https = "https://tok@example.com/ada/journal.git";
        let cases = [
            (
                Action::Fetch,
                url,
                "Host key verification failed.\nfatal: Could not read from remote repository.",
                "known_hosts",
            ),
            (
                Action::Push,
                url,
                "ada@example.com: Permission denied (publickey).\nfatal: Could not read from remote repository.",
                "credentials",
            ),
            (
                Action::Fetch,
                https,
                "remote: Repository not found.\nfatal: repository 'https://tok@example.com/ada/journal.git/' not found",
                "no repository",
            ),
            (
                Action::Fetch,
                url,
                "error: unable to write file: No space left on device\nfatal: unpack-objects failed",
                "this machine's disk is full",
            ),
            (
                Action::Push,
                url,
                "remote: fatal: write error: No space left on device\nerror: remote unpack failed",
                "remote's disk is full",
            ),
            (
                Action::Fetch,
                "git@example.com:journal.git",
                "ssh: Could not resolve hostname example.com: Name or service not known\nfatal: Could not read from remote repository.",
                "cannot reach origin",
            ),
        ];
        for (action, url, said, expected) in cases {
            let err = failure(action, url, &lines(said));
            assert!(err.message.contains(expected), "{said}: {}", err.message);
            assert!(!err.message.contains("tok@"), "{}", err.message);
        }
    }

    #[test]
    fn ssh_hosts_are_found_in_both_url_forms() {
        assert_eq!(
            ssh_host("git@github.com:ada/j.git").as_deref(),
            Some("github.com")
        );
        assert_eq!(
            ssh_host("journalhost:j.git").as_deref(),
            Some("journalhost")
        );
        assert_eq!(
            ssh_host("ssh://git@host:2222/j.git").as_deref(),
            Some("[host]:2222")
        );
        assert_eq!(ssh_host("ssh://host/j.git").as_deref(), Some("host"));
        assert_eq!(ssh_host("https://host/j.git"), None);
    }

    #[test]
    fn messages_never_show_a_token() {
        let url = "https://me:s3cret@example.com/j.git";
        let text = redact_text(
            "failed to connect to https://me:s3cret@example.com/j.git: refused",
            url,
        );
        assert!(!text.contains("s3cret"), "{text}");
        assert!(text.contains("https://me:***@example.com/j.git"), "{text}");
        let other = redact_text("see 'https://tok@host/x' now", "");
        assert_eq!(other, "see 'https://***@host/x' now");
    }
}
