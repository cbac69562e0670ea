//! Real git servers on loopback for the sync tests: `git daemon` (git://, push enabled) and
//! an OpenSSH server run as the current user with its own config, host key and a throwaway
//! client key. Each binds a free port on 127.0.0.1 and is stopped, by its pid, on drop.
//!
//! A missing tool skips the test with a message, except under `MPL_TEST_REQUIRE_TOOLS=1`
//! (set by `.ci/run`), where it fails.

#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process, killed by pid when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    /// Stops the server now (as when a network goes away).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind a loopback port")
}

/// Whether the tool the test needs is there; fails instead under MPL_TEST_REQUIRE_TOOLS=1.
pub fn available(what: &str, ok: bool, how: &str) -> bool {
    if ok {
        return true;
    }
    if std::env::var("MPL_TEST_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{what} is required for this test: {how}");
    }
    eprintln!("skipping: {what} is not available ({how})");
    false
}

fn wait_until_listening(child: &mut Child, port: u16, what: &str) {
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                use std::io::Read;
                let _ = stderr.read_to_string(&mut err);
            }
            panic!("{what} exited at start ({status}): {err}");
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("{what} did not listen on port {port}");
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
pub fn git_daemon(base: &Path) -> Option<Server> {
    if !available(
        "git daemon",
        git_daemon_program().is_some(),
        "install git (Debian: package git)",
    ) {
        return None;
    }
    Some(git_daemon_on(base, free_port()))
}

/// `git daemon` on a given port (to bring one back after stopping it).
pub fn git_daemon_on(base: &Path, port: u16) -> Server {
    let program = git_daemon_program().expect("git daemon is installed");
    let mut child = Command::new(program)
        .arg("--reuseaddr")
        .arg("--export-all")
        .arg("--enable=receive-pack")
        .arg("--informative-errors")
        .arg(format!("--base-path={}", base.display()))
        .arg("--listen=127.0.0.1")
        .arg(format!("--port={port}"))
        .arg(base)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", base)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start git daemon");
    wait_until_listening(&mut child, port, "git daemon");
    Server { child, port }
}

/// An OpenSSH server on loopback and what a client needs to trust it.
pub struct Sshd {
    pub server: Server,
    /// The login name (the current user's).
    pub user: String,
    /// `ssh-ed25519 AAAA…`: the server's host key.
    pub host_key: String,
}

impl Sshd {
    /// The line for a client's `~/.ssh/known_hosts`.
    pub fn known_hosts_line(&self) -> String {
        format!("[127.0.0.1]:{} {}\n", self.server.port, self.host_key)
    }

    /// `ssh://USER@127.0.0.1:PORT/PATH`.
    pub fn url(&self, path: &Path) -> String {
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
pub fn client_key(home: &Path) -> PathBuf {
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
pub fn ssh_alias(home: &Path, alias: &str, sshd: &Sshd) {
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

/// Starts sshd on a free loopback port, its files in `dir`, accepting the public keys in
/// `authorized` for the current user. `None` (after a message) if sshd cannot run here.
pub fn sshd(dir: &Path, authorized: &[PathBuf]) -> Option<Sshd> {
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
    let port = free_port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
             StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel ERROR\n",
            host_key.display(),
            dir.join("sshd.pid").display(),
            dir.join("authorized_keys").display(),
        ),
    )
    .unwrap();
    let mut child = Command::new(program)
        .arg("-f")
        .arg(&config)
        .args(["-D", "-e"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sshd");
    wait_until_listening(&mut child, port, "sshd");
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
        server: Server { child, port },
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
