//! `mpl clone`: a journal that already lives on a remote, on this machine too.

use crate::app::Ctx;
use crate::error::{Error, IoResultExt, Result};
use crate::git::redact_url;
use crate::git::remote::{self, Transfer};
use crate::store::{Journal, SETTINGS_FILE, fs};
use std::path::{Path, PathBuf};

/// Clone a journal from its remote onto this machine
///
/// For a second machine: the journal you keep elsewhere (and sync with `mpl sync`) is cloned
/// into PATH, which must be new or empty, and `mpl sync` there keeps both in step.
#[derive(Debug, clap::Args)]
pub(crate) struct CloneArgs {
    /// The remote, as for `mpl remote URL`
    pub url: String,
    /// Where to put the journal [default: where --journal, MPL_JOURNAL or config.toml point,
    /// else the platform data folder]
    pub path: Option<PathBuf>,
}

pub(crate) fn run(ctx: &Ctx, args: &CloneArgs) -> Result<()> {
    let root = match &args.path {
        Some(path) => std::path::absolute(path).unwrap_or_else(|_| path.clone()),
        None => ctx.journal_path.clone(),
    };
    let shown = redact_url(&args.url);
    let existed = root.exists();
    if existed && remote::interrupted_clone(&root) {
        // What an interrupted clone left is nobody's work: start over.
        ctx.status("an earlier clone here was interrupted; starting over");
        clean_up(&root, true);
    } else if existed {
        refuse_non_empty(&root, &shown)?;
    } else {
        fs::create_dir_all(&root)?;
    }
    let bar = crate::ui::progress::TransferBar::new(ctx.progress_allowed());
    let transfer = Transfer {
        progress: &bar,
        prompt: ctx.can_prompt(),
    };
    ctx.status(&format!("cloning {shown} into {}…", root.display()));
    let result = remote::clone(&args.url, &root, transfer).and_then(|_| {
        if root.join(SETTINGS_FILE).is_file() {
            Ok(())
        } else {
            Err(Error::new(format!(
                "{shown} is not an mpl journal: it has no {SETTINGS_FILE}"
            ))
            .hint(
                "check the URL; a new journal starts with `mpl init --remote URL` and `mpl sync`",
            ))
        }
    });
    if let Err(err) = result {
        clean_up(&root, existed);
        return Err(err);
    }
    let journal = Journal::open(&root)?;
    // Taking the lock sets up `.mpl/` and keeps it out of git, as for a journal made here.
    drop(ctx.lock(&journal)?);
    let name = journal.settings.name.trim();
    let whose = if name.is_empty() {
        String::new()
    } else {
        format!(" of {name}")
    };
    ctx.status(&format!(
        "cloned the journal{whose} into {}",
        root.display()
    ));
    if root != ctx.journal_path {
        ctx.status(&format!(
            "hint: mpl looks in {}; use this journal with {}",
            ctx.journal_path.display(),
            super::use_journal(&root)
        ));
    }
    ctx.status("hint: run `mpl sync` to send and receive changes");
    Ok(())
}

fn refuse_non_empty(root: &Path, shown: &str) -> Result<()> {
    if !root.is_dir() {
        return Err(
            Error::new(format!("{} is a file, not a folder", root.display()))
                .hint("pass a new or empty folder: `mpl clone URL PATH`"),
        );
    }
    let mut read = std::fs::read_dir(root).at("cannot read folder", root)?;
    if read.next().is_none() {
        return Ok(());
    }
    let err = if root.join(SETTINGS_FILE).exists() {
        Error::new(format!("there is already a journal at {}", root.display())).hint(format!(
            "to sync it with {shown}, run `mpl remote {}` and `mpl sync`; to clone beside it, pass a new folder: `mpl clone URL PATH`",
            crate::render::terminal::shell_arg(shown)
        ))
    } else {
        Error::new(format!("{} is not empty", root.display()))
            .hint("pass a new or empty folder: `mpl clone URL PATH`")
    };
    Err(err)
}

/// Removes what a failed clone left: the folder if we made it, else what is in it (it was
/// empty before).
fn clean_up(root: &Path, existed: bool) {
    if !existed {
        let _ = std::fs::remove_dir_all(root);
        return;
    }
    if let Ok(read) = std::fs::read_dir(root) {
        for entry in read.filter_map(|e| e.ok()) {
            let path = entry.path();
            // A link is removed, never followed.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir_all(&path);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}
