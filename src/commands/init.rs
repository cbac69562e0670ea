//! `mpl init`: create a journal explicitly (any writing command also creates one).

use crate::app::{Ctx, owner_name};
use crate::error::{Error, Result};
use crate::git::{Repo, redact_url};
use crate::model::Settings;
use crate::store::{Journal, Opened};
use std::path::PathBuf;

/// Create a journal: a git repository with mpl.toml
///
/// Not needed before the first `mpl reflect`, which creates the journal at its default place.
/// Use it to choose the place, your name and headline (shown on your portfolio), or a remote.
#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// Where to create the journal [default: where --journal, MPL_JOURNAL or config.toml point]
    pub path: Option<PathBuf>,
    /// Your name, for the portfolio [default: git's user.name, else your login name]
    #[arg(long)]
    pub name: Option<String>,
    /// A one-line professional headline, for the portfolio
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub headline: Option<String>,
    /// A git remote to sync with, saved as `origin`
    #[arg(long, value_name = "URL")]
    pub remote: Option<String>,
}

pub(crate) fn run(ctx: &Ctx, args: &InitArgs) -> Result<()> {
    let root = match &args.path {
        // Absolute, so that the hint below works from any folder.
        Some(path) => std::path::absolute(path).unwrap_or_else(|_| path.clone()),
        None => ctx.journal_path.clone(),
    };
    let settings =
        ctx.new_journal_settings(&root, args.name.as_deref(), args.headline.as_deref())?;
    let (journal, _lock, opened) = Journal::open_for_write(
        &root,
        || {
            settings
                .clone()
                .unwrap_or_else(|| Settings::new(&owner_name(), ""))
        },
        ctx.now,
        || ctx.status("waiting for another mpl to finish writing…"),
        |_| {},
    )?;
    if opened == Opened::Existing {
        return Err(
            Error::new(format!("there is already a journal at {}", root.display()))
                .hint("edit its mpl.toml to change the name or headline"),
        );
    }
    if let Some(url) = &args.remote {
        Repo::open(&journal.root)?.set_origin(url)?;
    }
    ctx.status(&format!("created a new journal at {}", root.display()));
    if let Some(url) = &args.remote {
        ctx.status(&format!("remote origin: {}", redact_url(url)));
    }
    if args.path.is_some() && root != ctx.journal_path {
        ctx.status(&format!("hint: use it with {}", super::use_journal(&root)));
    }
    Ok(())
}
