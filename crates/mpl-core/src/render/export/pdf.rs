//! The portfolio as a PDF: a CV of two to four pages ([`super::html::cv`]), printed by a
//! Chromium-family browser already on the machine (headless, with a profile of its own that
//! is thrown away, and no network: the page loads nothing, and the browser's proxy leads
//! nowhere).
//!
//! Why a browser and not a PDF library: typst, the quality anchor for typesetting from
//! Rust, would add hundreds of crates and its fonts to every build of mpl for one export
//! format, where a browser most machines have prints the same HTML and CSS the site uses.

pub use super::html::Paper;
use super::html::cv;
use crate::error::{Error, IoResultExt, Result};
use crate::model::portfolio::Portfolio;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the browser may take to print.
const PRINT_TIMEOUT: Duration = Duration::from_secs(90);

/// Browsers that print to PDF headless, by the names their programs have on the PATH.
const BROWSERS: [&str; 8] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "brave-browser",
];

/// Where browsers live on macOS, outside the PATH.
const MAC_BROWSERS: [&str; 3] = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
];

/// The browser to print with: `MPL_BROWSER` when set, else the first Chromium-family
/// browser on the PATH (or in macOS's Applications).
pub fn find_browser() -> Result<PathBuf> {
    if let Some(named) = std::env::var_os("MPL_BROWSER").filter(|v| !v.is_empty()) {
        let path = PathBuf::from(&named);
        let found = if path.components().count() > 1 {
            path.is_file().then_some(path)
        } else {
            on_path(&named.to_string_lossy())
        };
        return found.ok_or_else(|| {
            Error::new(format!(
                "MPL_BROWSER is {}, which was not found",
                Path::new(&named).display()
            ))
            .hint("set MPL_BROWSER to a Chromium-family browser (chromium, google-chrome, microsoft-edge, brave), or unset it")
        });
    }
    BROWSERS
        .iter()
        .find_map(|name| on_path(name))
        .or_else(|| {
            MAC_BROWSERS
                .iter()
                .map(PathBuf::from)
                .find(|path| path.is_file())
        })
        .ok_or_else(|| {
            Error::new(
                "--format pdf is printed by a Chromium-family browser (Chromium, Chrome, Edge or Brave), and none was found",
            )
            .hint("install one (apt-get install chromium), or set MPL_BROWSER=PATH; or export the website and print it to PDF from any browser")
        })
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// Prints the CV of `portfolio` on `paper` to `out` with `browser`. The PDF is made in a
/// temporary folder and moved into place only once the browser is done with it.
/// An existing `out` is replaced only when `replace`.
pub fn write(
    portfolio: &Portfolio,
    paper: Paper,
    browser: &Path,
    out: &Path,
    replace: bool,
) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let work = tempfile::Builder::new()
        .prefix(".mpl-pdf-")
        .tempdir()
        .map_err(|err| Error::new(format!("cannot create a temporary folder: {err}")))?;
    let page = work.path().join("cv.html");
    std::fs::write(&page, cv(portfolio, paper)).at("cannot write", &page)?;
    let printed = work.path().join("cv.pdf");
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            // Nothing the page could ask for is fetched: every request goes to a proxy that
            // is not there.
            "--proxy-server=127.0.0.1:9",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", printed.display()));
    // Chromium will not start as root without this; its sandbox is for pages from the web.
    #[cfg(unix)]
    if rustix::process::geteuid().is_root() {
        command.arg("--no-sandbox");
    }
    // What the browser says goes to a file, never a pipe that could fill and stall it.
    let log = work.path().join("browser.log");
    let log_file = std::fs::File::create(&log).at("cannot write", &log)?;
    let address = url::Url::from_file_path(&page)
        .map_err(|()| Error::new(format!("{} is not a path a browser opens", page.display())))?;
    let mut child = command
        .arg(address.as_str())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|err| {
            Error::new(format!(
                "cannot start the browser {}: {err}",
                browser.display()
            ))
        })?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().at("cannot wait for", browser)? {
            break status;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::new(format!(
                "the browser {} did not print the PDF within {} seconds",
                browser.display(),
                PRINT_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let bytes = std::fs::read(&printed).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        let said = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(Error::new(format!(
            "the browser {} did not print the PDF: {}",
            browser.display(),
            crate::render::terminal::visible_line(said)
        )));
    }
    std::fs::create_dir_all(&parent).at("cannot create folder", &parent)?;
    crate::store::fs::write_atomic(out, &bytes, replace)
}
