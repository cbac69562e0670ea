//! The exported site on disk: built in a folder beside its place, then swapped in whole, so
//! that a reader (or a browser left open on it) sees the old site or the new one, never a
//! part; an earlier export is replaced only when mpl wrote it (it holds [`MARKER`]), and what
//! a killed export left is tidied by the next.

use crate::error::{Error, IoResultExt, Result};
use crate::model::portfolio::Portfolio;
use crate::progress::Progress;
use crate::render::export::{self, attachment_path};
use crate::sign::Signer;
use crate::store::Journal;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How a site is signed: by whom, what `SOURCES` says, and whether `ssh-keygen` may ask for a
/// passphrase on the terminal.
pub struct Signing {
    pub signer: Signer,
    pub sources: String,
    pub prompts: bool,
}

/// The file in every exported site that says mpl wrote it.
pub const MARKER: &str = ".mpl-export";

/// Builds the site in a temporary folder beside `out`, then moves it into place. Returns
/// how many attachment files it holds.
pub fn write(
    journal: &Journal,
    portfolio: &Portfolio,
    sources: &HashMap<String, PathBuf>,
    out: &Path,
    signing: Option<&Signing>,
    progress: &dyn Progress,
) -> Result<usize> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).at("cannot create folder", &parent)?;
    tidy_after_killed_exports(&parent);
    let staging = tempfile::Builder::new()
        .prefix(&format!("{STAGING}{}-", std::process::id()))
        .tempdir_in(&parent)
        .at("cannot create a temporary folder in", &parent)?;
    let site = staging.path();
    let attachments = portfolio.attachments();
    let total = attachments.len() as u64 + 1;
    let mut done = 0;
    // Every file is written new, owner-only (the process umask), whatever the mode of
    // the journal's copy.
    let write = |rel: &str, bytes: &[u8]| -> Result<()> {
        let path = site.join(rel);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, bytes))
            .at("cannot write", &path)
    };
    write(
        MARKER,
        b"This folder was written by `mpl export`; `mpl export --force` may replace it whole.\n",
    )?;
    if !attachments.is_empty() {
        let files = site.join("files");
        std::fs::create_dir_all(&files).at("cannot create folder", &files)?;
    }
    let mut pictures = HashMap::new();
    for attachment in &attachments {
        let bytes = journal.attachment_bytes(&sources[&attachment.file])?;
        write(&attachment_path(attachment), &bytes)?;
        if export::is_svg(attachment)
            && let Some(picture) = export::html::svg_picture(&bytes)
        {
            pictures.insert(attachment.file.clone(), picture);
        }
        done += 1;
        progress.update("writing the portfolio", done, total);
    }
    for (rel, page) in export::html::pages(portfolio, &pictures, signing.map(|s| &s.signer)) {
        if let Some((folder, _)) = rel.rsplit_once('/') {
            let folder = site.join(folder);
            std::fs::create_dir_all(&folder).at("cannot create folder", &folder)?;
        }
        write(&rel, page.as_bytes())?;
    }
    progress.update("writing the portfolio", total, total);
    progress.finish();
    if let Some(signing) = signing {
        crate::sign::sign_site(site, &signing.sources, &signing.signer, signing.prompts)?;
    }

    // Swap: the old export (if any) moves aside, the new one moves in, the old one goes.
    let old = if out.exists() {
        let aside = tempfile::Builder::new()
            .prefix(&format!("{ASIDE}{}-", std::process::id()))
            .tempdir_in(&parent)
            .at("cannot create a temporary folder in", &parent)?;
        // Under its own name, so that a run killed before the new one is in puts it back.
        let aside_path = aside.path().join(out.file_name().unwrap_or_default());
        std::fs::rename(out, &aside_path).at("cannot move aside", out)?;
        Some(aside)
    } else {
        None
    };
    let built = staging.keep();
    if let Err(err) = std::fs::rename(&built, out) {
        // Put the old export back rather than leave nothing.
        if let Some(old) = &old {
            let _ = std::fs::rename(old.path().join(out.file_name().unwrap_or_default()), out);
        }
        let _ = std::fs::remove_dir_all(&built);
        return Err(Error::io(&err, "cannot move the new portfolio to", out));
    }
    drop(old);
    Ok(attachments.len())
}

/// The folders an export works in beside `--out`: `STAGING<pid>-…` where the new site is
/// built, `ASIDE<pid>-…/NAME` where the earlier one (`NAME`) waits while the new one moves
/// in.
const STAGING: &str = ".mpl-export-";
const ASIDE: &str = ".mpl-export-old-";

/// Tidies what exports that were killed left in `parent` (the process that made each folder
/// is named in it, and is gone): a half-built site is removed; an earlier export moved aside
/// goes back where it was if nothing took its place, else it is removed.
pub(crate) fn tidy_after_killed_exports(parent: &Path) {
    let Ok(read) = std::fs::read_dir(parent) else {
        return;
    };
    let mut asides = Vec::new();
    for entry in read.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let (aside, rest) = match name.strip_prefix(ASIDE) {
            Some(rest) => (true, rest),
            None => match name.strip_prefix(STAGING) {
                Some(rest) => (false, rest),
                None => continue,
            },
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if !entry.file_type().is_ok_and(|t| t.is_dir()) || pid.is_none_or(running) {
            continue;
        }
        if aside {
            asides.push(entry.path());
        } else {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    for aside in asides {
        if let Ok(read) = std::fs::read_dir(&aside) {
            for old in read.filter_map(|e| e.ok()) {
                let back = parent.join(old.file_name());
                if std::fs::symlink_metadata(&back).is_err() {
                    let _ = std::fs::rename(old.path(), &back);
                }
            }
        }
        let _ = std::fs::remove_dir_all(&aside);
    }
}

/// Whether a process with this id is running (on other systems than Unix: assumed so).
pub(crate) fn running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        // Signal 0 only asks whether the process exists; another user's says "not permitted".
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(err) => err == rustix::io::Errno::PERM,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}
