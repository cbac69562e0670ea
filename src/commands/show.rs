//! `mpl show`: one entry.

use crate::app::Ctx;
use crate::error::Result;
use crate::render;

/// Show one entry
#[derive(Debug, clap::Args)]
pub(crate) struct ShowArgs {
    /// The entry's id, as `mpl log` shows it (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::entry_ids))]
    pub id: String,
    /// Print it as JSON
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &ShowArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let path = journal.find(&args.id)?;
    let entry = journal.read_entry(&path)?;
    if args.json {
        ctx.print_json(&render::json::entry(&entry, journal.rel(&path)))
    } else {
        ctx.print(&crate::ui::entry::text(&entry, ctx.out_style))
    }
}
