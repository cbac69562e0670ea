//! Headless Chromium for the export tests: find it, run it on a page with every request
//! going through a recording proxy, and tell the page's requests from Chromium's own.

#![allow(dead_code)]

use super::poll_until;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A stand-in proxy that records every connection a browser makes.
pub(crate) struct Recorder {
    pub port: u16,
    thread: std::thread::JoinHandle<Vec<String>>,
}

/// The line [`Recorder::finish`] sends its own recorder: the end of what it records.
const STOP: &str = "MPL-TEST-RECORDER-STOP";

impl Recorder {
    pub(crate) fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let thread = std::thread::spawn(move || {
            let mut seen = Vec::new();
            // Connections are taken in the order they were made: every one made before
            // `finish` is recorded before its stop line is read.
            for stream in listener.incoming() {
                let Ok(stream) = stream else {
                    continue;
                };
                stream.set_read_timeout(Some(Duration::from_secs(2))).ok();
                let mut line = String::new();
                let _ = BufReader::new(stream).read_line(&mut line);
                if line.trim() == STOP {
                    break;
                }
                seen.push(line.trim().to_string());
            }
            seen
        });
        Recorder { port, thread }
    }

    /// Stops recording; returns the first line of every connection made until now.
    pub(crate) fn finish(self) -> Vec<String> {
        let mut stop = TcpStream::connect(("127.0.0.1", self.port)).expect("reach the recorder");
        writeln!(stop, "{STOP}").expect("stop the recorder");
        self.thread.join().unwrap()
    }
}

pub(crate) fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|_| PathBuf::from(name))
        })
}

/// Headless Chromium on `page` with `args`, every request going through `proxy`, with its
/// background services off and a profile of its own.
fn headless(browser: &Path, page: &Path, proxy: u16, profile: &Path, args: &[String]) -> Command {
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-first-run",
            "--hide-scrollbars",
            "--disable-quic",
            "--disable-client-side-phishing-detection",
            "--disable-domain-reliability",
            "--no-pings",
            "--metrics-recording-only",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--proxy-server=http://127.0.0.1:{proxy}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .args(args)
        .arg(format!("file://{}", page.display()));
    command
}

/// Runs headless Chromium on `page` with `args`, every request going through `proxy`.
pub(crate) fn browse(
    browser: &Path,
    page: &Path,
    proxy: u16,
    profile: &Path,
    args: &[String],
) -> String {
    let output = headless(browser, page, proxy, profile, args)
        .output()
        .expect("run chromium");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The requests in `seen` (first lines as the proxy got them) that the page made: Chromium's
/// own background services (update checks, clock, account) may call Google even with those
/// switched off; they are not the page's doing. Nor is a connection that sent no request
/// line at all: Chromium opens one to its proxy ahead of need, and one that
/// [`browse_within`] stopped closes it unused.
pub(crate) fn page_requests(seen: Vec<String>) -> Vec<String> {
    seen.into_iter()
        .filter(|line| !line.trim().is_empty())
        .filter(|line| {
            let host = line
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .trim_start_matches("http://")
                .split(['/', ':'])
                .next()
                .unwrap_or("")
                .to_string();
            !["google.com", "googleapis.com", "gstatic.com", "gvt1.com"]
                .iter()
                .any(|own| host == *own || host.ends_with(&format!(".{own}")))
        })
        .collect()
}

/// [`browse`], but a Chromium still running after `secs` seconds (headless Chromium may wait
/// for ever on a file it downloads instead of showing) is stopped, with its helpers: then
/// `None`.
pub(crate) fn browse_within(
    browser: &Path,
    page: &Path,
    proxy: u16,
    profile: &Path,
    args: &[String],
    secs: u64,
) -> Option<String> {
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    let mut child = headless(browser, page, proxy, profile, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("run chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut out);
        out
    });
    let mut status = None;
    if !poll_until(Duration::from_secs(secs), || {
        status = child.try_wait().unwrap();
        status.is_some()
    }) {
        // The whole process group Chromium started in, by its id.
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg("--")
            .arg(format!("-{}", child.id()))
            .status();
        let _ = child.wait();
        return None;
    }
    let status = status.expect("chromium exited");
    let out = reader.join().unwrap();
    assert!(status.success(), "chromium failed on {}", page.display());
    Some(String::from_utf8_lossy(&out).into_owned())
}
