//! `mpl review`: a Markdown digest of a period, for a 1:1 with a manager.

use super::period;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::model::goal::Goal;
use crate::render::review::{GoalInPeriod, markdown};
use crate::store::scan::Query;
use chrono::Duration;

/// Print a Markdown digest of a period for a 1:1 with your manager
///
/// Goal progress, evidence, what you learned, what went well, what was difficult and what
/// comes next (from your reflections), and feedback received: ready to paste. The last 7
/// days by default.
#[derive(Debug, clap::Args)]
pub(crate) struct ReviewArgs {
    /// The last 7 days, today included (the default)
    #[arg(long, conflicts_with_all = ["month", "since", "until"])]
    pub week: bool,
    /// The last 30 days, today included
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub month: bool,
    /// From this day
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Until this day [default: today]
    #[arg(long, value_name = "DATE", requires = "since")]
    pub until: Option<String>,
}

pub(crate) fn run(ctx: &Ctx, args: &ReviewArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    let until = until.unwrap_or(today);
    let since = match since {
        Some(since) => since,
        None if args.month => until - Duration::days(29),
        None => until - Duration::days(6),
    };
    if since > until {
        return Err(Error::usage(format!("--since {since} is after {until}")));
    }
    let listing = journal.list(&Query {
        since: Some(since),
        until: Some(until),
        ..Query::default()
    });
    let mut problems = listing.problems;
    let mut entries: Vec<_> = listing
        .entries
        .into_iter()
        .filter(|f| f.entry.kind.is_dated())
        .collect();
    entries.reverse();
    let (goal_entries, goal_problems) = journal.all_of(Kind::Goal);
    problems.extend(goal_problems);
    let mut goals = Vec::new();
    for (entry, path) in &goal_entries {
        match Goal::from_entry(entry) {
            Ok(goal) => goals.push((entry, goal)),
            Err(err) => problems.push(journal.field_problem(path, &err)),
        }
    }
    ctx.warn_problems(&problems);
    let in_period: Vec<GoalInPeriod> = goals
        .iter()
        .map(|(entry, goal)| GoalInPeriod {
            entry,
            goal,
            linked: entries
                .iter()
                .map(|f| &f.entry)
                .filter(|e| e.goals.contains(&entry.id))
                .collect(),
        })
        .filter(|g| {
            !g.linked.is_empty()
                || g.goal
                    .progress
                    .iter()
                    .any(|p| p.date >= since && p.date <= until)
                || (g.entry.date >= since && g.entry.date <= until)
        })
        .collect();
    let list: Vec<&crate::model::Entry> = entries.iter().map(|f| &f.entry).collect();
    ctx.print(&markdown(since, until, &in_period, &list))
}
