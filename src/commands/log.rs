//! `mpl log`: the timeline, newest first.

use super::{goal_id, kind_arg, period};
use crate::app::Ctx;
use crate::error::Result;
use crate::model::Kind;
use crate::render;
use crate::store::scan::Query;

/// Show the timeline of entries, newest first
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only this kind: reflection, learned, evidence, goal, feedback, network, toolkit (repeatable)
    #[arg(long = "kind", value_name = "KIND", value_parser = kind_arg)]
    pub kind: Vec<Kind>,
    /// Only entries on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only entries on or before this date
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only entries with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only entries linked to this goal
    #[arg(long, value_name = "ID")]
    pub goal: Option<String>,
    /// Show at most N entries
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// Print one JSON array of entries
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: &LogArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    let query = Query {
        kinds: args.kind.clone(),
        since,
        until,
        tag: args
            .tag
            .as_deref()
            .map(|t| t.trim_start_matches('#').to_lowercase()),
        goal: args
            .goal
            .as_deref()
            .map(|g| goal_id(&journal, g).map_err(|e| e.prefix("--goal: ")))
            .transpose()?,
        limit: args.limit,
    };
    let listing = journal.list(&query);
    ctx.warn_problems(&listing.problems);
    if args.json {
        return super::print_entries_json(ctx, &journal, &listing.entries);
    }
    if listing.entries.is_empty() {
        ctx.status("no entries found");
        return Ok(());
    }
    ctx.print(&render::table::timeline(
        &listing.entries,
        ctx.out_style,
        ctx.width(),
    ))
}
