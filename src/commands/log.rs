//! `mpl log`: the timeline, newest first.

use super::Filters;
use crate::app::Ctx;
use crate::error::Result;
use crate::ui;

/// Show the timeline of entries, newest first
#[derive(Debug, clap::Args)]
pub(crate) struct LogArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// Print one JSON array of entries
    #[arg(long)]
    pub json: bool,
    /// Ask for the passphrase of this machine's identity, when it has one, to show the
    /// titles of encrypted entries (without it they show as "(encrypted)")
    #[arg(long)]
    pub decrypt: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &LogArgs) -> Result<()> {
    let journal = ctx.journal()?;
    // Titles of encrypted entries cost no passphrase unless asked for.
    let quiet = (!args.decrypt).then(|| journal.keys.quietly());
    let query = args.filters.query(&journal, ctx.now)?;
    let listing = journal.timeline(&query);
    drop(quiet);
    ctx.warn_problems(&listing.problems);
    if args.json {
        return super::print_entries_json(ctx, &journal, &listing.entries);
    }
    if listing.entries.is_empty() {
        ctx.status("no entries found");
        return Ok(());
    }
    ctx.print(&ui::table::timeline(
        &listing.entries,
        ctx.out_style,
        ctx.width(),
    ))
}
