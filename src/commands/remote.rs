//! `mpl remote`: show or set the git remote the journal syncs with.

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::git::{Repo, redact_url};
use serde_json::json;

/// Show or set the remote the journal syncs with (`origin`)
///
/// With no URL, prints the remote (a password or token in it is shown as ***). With a URL,
/// sets it: an empty repository on GitHub, GitLab or Gitea (https://… or git@host:me/journal.git),
/// ssh://host/path, or a path to a bare repository. Then run `mpl sync`.
#[derive(Debug, clap::Args)]
pub(crate) struct RemoteArgs {
    /// The new remote's URL
    pub url: Option<String>,
    /// Print {"remote": URL or null}
    #[arg(long, conflicts_with = "url")]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &RemoteArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let Some(url) = &args.url else {
        let url = Repo::open(&journal.root)?.origin_url();
        if args.json {
            return ctx.print_json(&json!({"remote": url.as_deref().map(redact_url)}));
        }
        return match url {
            Some(url) => ctx.print(&format!("{}\n", redact_url(&url))),
            None => Err(Error::new("the journal has no remote yet")
                .hint("set one with `mpl remote URL`, then run `mpl sync` (see docs/sync.md)")),
        };
    };
    let url = url.trim();
    if url.is_empty() {
        return Err(Error::usage("the remote's URL is empty"));
    }
    let _lock = ctx.lock(&journal)?;
    Repo::open(&journal.root)?.set_origin(url)?;
    ctx.status(&format!("remote origin: {}", redact_url(url)));
    if redact_url(url) != url {
        ctx.warn("the URL holds a password or token: git keeps it in the journal's .git/config (never committed or synced); a credential helper is safer");
    }
    ctx.status("hint: run `mpl sync` to send the journal there");
    Ok(())
}
