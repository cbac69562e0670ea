//! Real git servers on loopback for the sync tests: `git daemon` (git://, push enabled) and
//! an OpenSSH server run as the current user with its own config, host key and a throwaway
//! client key. Each binds a free port on 127.0.0.1 and is stopped, by its pid, on drop.
//!
//! A port found free may be taken by another process before the server binds it: a server
//! that could not bind its port is started again on a fresh one, a few times. A server is
//! ready when its own log says it listens (a connection alone could reach that other
//! process).
//!
//! A missing tool fails the test, saying how to get it; `MPL_TEST_SKIP_MISSING=1` skips
//! such tests instead, each saying so, but never under `MPL_TEST_REQUIRE_TOOLS=1` (set by
//! `.ci/run`).

#![allow(dead_code)]

use super::poll_until;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A server process, killed by pid when dropped.
pub(crate) struct Server {
    child: Child,
    pub port: u16,
    /// What it wrote on standard error.
    _log: tempfile::NamedTempFile,
}

impl Server {
    /// Stops the server now (as when a network goes away).
    pub(crate) fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How many ports a server is tried on before the test fails.
const STARTS: usize = 5;

/// A port nobody listens on right now (but anyone may take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind a loopback port")
}

/// Whether the tool the test needs is there. A test that cannot run never reports a pass:
/// without the tool it fails, saying how to get it, unless `MPL_TEST_SKIP_MISSING=1` asks to
/// skip such tests, and then it says so on the terminal itself (past the test harness's
/// capture) and returns `false`. `MPL_TEST_REQUIRE_TOOLS=1` (CI) never skips.
pub(crate) fn available(what: &str, ok: bool, how: &str) -> bool {
    if ok {
        return true;
    }
    let var = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    if var("MPL_TEST_REQUIRE_TOOLS") || !var("MPL_TEST_SKIP_MISSING") {
        panic!(
            "{test} needs {what}, which is not available: {how}; or run the other tests with MPL_TEST_SKIP_MISSING=1 (this one is then skipped, and says so)"
        );
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "\nSKIPPED {test}: {what} is not available ({how}); it did not run\n"
    );
    false
}

/// Starts `command`, a server told to listen on 127.0.0.1:`port` and to log on standard
/// error, and waits until its log says `ready`. `Err` (with its log) if it could not bind
/// the port because something else holds it; any other failure fails the test.
fn start(mut command: Command, port: u16, what: &str, ready: &str) -> Result<Server, String> {
    let log = tempfile::NamedTempFile::new().expect("a log file for the server");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.reopen().expect("open the server's log"))
        .spawn()
        .unwrap_or_else(|e| panic!("start {what}: {e}"));
    let said = || std::fs::read_to_string(log.path()).unwrap_or_default();
    let mut exited = None;
    poll_until(Duration::from_secs(15), || {
        said().contains(ready) || {
            exited = child.try_wait().expect("wait for the server");
            exited.is_some()
        }
    });
    let said = said();
    if said.contains(ready) {
        return Ok(Server {
            child,
            port,
            _log: log,
        });
    }
    let Some(status) = exited else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{what} did not say {ready:?} within 15 s: {said}");
    };
    let taken = ["Address already in use", "Cannot bind any address"];
    if taken.iter().any(|t| said.contains(t)) {
        return Err(format!("{what} on port {port}: {}", said.trim()));
    }
    panic!("{what} exited at start ({status}): {said}");
}

/// `start_on` a free port, again on a fresh one while another process takes the port
/// first; fails the test after [`STARTS`] tries.
fn on_a_free_port(what: &str, mut start_on: impl FnMut(u16) -> Result<Server, String>) -> Server {
    let mut failures = Vec::new();
    for _ in 0..STARTS {
        match start_on(free_port()) {
            Ok(server) => return server,
            Err(failure) => failures.push(failure),
        }
    }
    panic!(
        "{what} could not listen: another process took each of the {STARTS} free ports \
         it was given before it bound it:\n{}",
        failures.join("\n")
    );
}

fn git_daemon_program() -> Option<PathBuf> {
    let exec_path = Command::new("git").arg("--exec-path").output().ok()?;
    let dir = String::from_utf8_lossy(&exec_path.stdout)
        .trim()
        .to_string();
    [
        PathBuf::from(dir).join("git-daemon"),
        PathBuf::from("/usr/lib/git-core/git-daemon"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// `git daemon` serving the bare repositories under `base` as git://127.0.0.1:PORT/NAME,
/// with push enabled; `None` (after a message) when git daemon is not installed.
pub(crate) fn git_daemon(base: &Path) -> Option<Server> {
    if !available(
        "git daemon",
        git_daemon_program().is_some(),
        "install git (Debian: package git)",
    ) {
        return None;
    }
    Some(on_a_free_port("git daemon", |port| {
        start_git_daemon(base, port)
    }))
}

/// `git daemon` again on `port`, where it listened before it was stopped (the machines'
/// URLs name the port). The port was free meanwhile: `None` if another process took it and
/// still holds it after a few seconds of trying.
pub(crate) fn git_daemon_again(base: &Path, port: u16) -> Option<Server> {
    let mut server = None;
    poll_until(Duration::from_secs(5), || {
        server = start_git_daemon(base, port).ok();
        server.is_some()
    });
    server
}

/// Starts `git daemon` on `port`; `Err` if the port is taken.
fn start_git_daemon(base: &Path, port: u16) -> Result<Server, String> {
    let program = git_daemon_program().expect("git daemon is installed");
    let mut command = Command::new(program);
    command
        // Its log says when it listens.
        .arg("--verbose")
        .arg("--reuseaddr")
        .arg("--export-all")
        .arg("--enable=receive-pack")
        .arg("--informative-errors")
        .arg(format!("--base-path={}", base.display()))
        .arg("--listen=127.0.0.1")
        .arg(format!("--port={port}"))
        .arg(base)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", base);
    start(command, port, "git daemon", "Ready to rumble")
}

/// An OpenSSH server on loopback and what a client needs to trust it.
pub(crate) struct Sshd {
    pub server: Server,
    /// The login name (the current user's).
    pub user: String,
    /// `ssh-ed25519 AAAA…`: the server's host key.
    pub host_key: String,
}

impl Sshd {
    /// The line for a client's `~/.ssh/known_hosts`.
    pub(crate) fn known_hosts_line(&self) -> String {
        format!("[127.0.0.1]:{} {}\n", self.server.port, self.host_key)
    }

    /// `ssh://USER@127.0.0.1:PORT/PATH`.
    pub(crate) fn url(&self, path: &Path) -> String {
        format!(
            "ssh://{}@127.0.0.1:{}{}",
            self.user,
            self.server.port,
            path.display()
        )
    }
}

fn keygen(path: &Path) {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "mpl-test", "-f"])
        .arg(path)
        .output()
        .expect("run ssh-keygen");
    assert!(
        out.status.success(),
        "ssh-keygen failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes a throwaway client key pair into `home/.ssh/id_ed25519`; returns the public key.
///
/// OpenSSH finds `~/.ssh` through the password database, not `$HOME`, so the test machine
/// points git's ssh at its own files the way a user routes git's ssh: `core.sshCommand`
/// in `~/.gitconfig`, naming `~/.ssh/config`, which names the key and `known_hosts`.
pub(crate) fn client_key(home: &Path) -> PathBuf {
    let dir = home.join(".ssh");
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("id_ed25519");
    keygen(&key);
    std::fs::write(
        home.join(".gitconfig"),
        format!(
            "[core]\n\tsshCommand = ssh -F '{}'\n",
            dir.join("config").display()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("config"),
        format!(
            "Host *\n  UserKnownHostsFile {}\n  GlobalKnownHostsFile /dev/null\n  IdentityFile {}\n  IdentitiesOnly yes\n",
            dir.join("known_hosts").display(),
            key.display()
        ),
    )
    .unwrap();
    key.with_extension("pub")
}

/// Adds `Host ALIAS` for `sshd` to the client's `~/.ssh/config` (written by
/// [`client_key`]): `ALIAS:PATH` then reaches it, as with any ssh alias.
pub(crate) fn ssh_alias(home: &Path, alias: &str, sshd: &Sshd) {
    let config = home.join(".ssh/config");
    let rest = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "Host {alias}\n  HostName 127.0.0.1\n  Port {}\n  User {}\n\n{rest}",
            sshd.server.port, sshd.user
        ),
    )
    .unwrap();
}

/// Starts sshd on a free loopback port (another one if that is taken first), its files in
/// `dir`, accepting the public keys in `authorized` for the current user. `None` (after a
/// message) if sshd cannot run here.
pub(crate) fn sshd(dir: &Path, authorized: &[PathBuf]) -> Option<Sshd> {
    let program = Path::new("/usr/sbin/sshd");
    let keygen_ok = Command::new("ssh-keygen").arg("-?").output().is_ok();
    if !available(
        "OpenSSH (sshd and ssh-keygen)",
        program.is_file() && keygen_ok,
        "install openssh-server and openssh-client",
    ) {
        return None;
    }
    let root = is_root();
    if !available(
        "sshd's privilege separation folder /run/sshd",
        !root || Path::new("/run/sshd").is_dir(),
        "sshd run as root needs it: `mkdir -p /run/sshd` (.ci/run does this)",
    ) {
        return None;
    }
    std::fs::create_dir_all(dir).unwrap();
    let host_key = dir.join("host_ed25519");
    keygen(&host_key);
    let mut keys = String::new();
    for path in authorized {
        keys.push_str(&std::fs::read_to_string(path).unwrap());
    }
    std::fs::write(dir.join("authorized_keys"), keys).unwrap();
    let server = on_a_free_port("sshd", |port| {
        let config = dir.join("sshd_config");
        // LogLevel INFO: its log says when it listens.
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
                 StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel INFO\n",
                host_key.display(),
                dir.join("sshd.pid").display(),
                dir.join("authorized_keys").display(),
            ),
        )
        .unwrap();
        let mut command = Command::new(program);
        command.arg("-f").arg(&config).args(["-D", "-e"]);
        start(
            command,
            port,
            "sshd",
            &format!("Server listening on 127.0.0.1 port {port}."),
        )
    });
    let public = std::fs::read_to_string(host_key.with_extension("pub")).unwrap();
    let host_key = public
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let user = String::from_utf8(
        Command::new("id")
            .arg("-un")
            .output()
            .expect("run id")
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    Some(Sshd {
        server,
        user,
        host_key,
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
