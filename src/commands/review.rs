//! `mpl review`: a Markdown digest of a period, for a 1:1 with a manager.

use super::period;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::model::goal::Goal;
use crate::render::review::{GoalInPeriod, markdown};
use crate::store::scan::Query;
use chrono::{Datelike, Duration};

/// Print a Markdown digest of a period for a 1:1 with your manager
///
/// Goal progress, evidence, what you learned, what went well, what was difficult and what
/// comes next (from your reflections), the challenges that ran, and feedback received:
/// ready to paste. This week (Monday on) by default.
#[derive(Debug, clap::Args)]
pub(crate) struct ReviewArgs {
    /// This week: Monday to today (the default)
    #[arg(long, group = "span")]
    pub week: bool,
    /// This month: the 1st to today
    #[arg(long, group = "span")]
    pub month: bool,
    /// Last week: Monday to Sunday
    #[arg(long, group = "span")]
    pub last_week: bool,
    /// Last month: its 1st to its last day
    #[arg(long, group = "span")]
    pub last_month: bool,
    /// From this day
    #[arg(long, value_name = "DATE", group = "span")]
    pub since: Option<String>,
    /// Until this day [default: today]
    #[arg(long, value_name = "DATE", requires = "since")]
    pub until: Option<String>,
}

pub(crate) fn run(ctx: &Ctx, args: &ReviewArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first_of_month = today.with_day(1).expect("every month has a 1st");
    let (since, until) = match since {
        Some(since) => (since, until.unwrap_or(today)),
        None if args.month => (first_of_month, today),
        None if args.last_week => (monday - Duration::days(7), monday - Duration::days(1)),
        None if args.last_month => {
            let last = first_of_month - Duration::days(1);
            (last.with_day(1).expect("every month has a 1st"), last)
        }
        None => (monday, today),
    };
    if since > until {
        return Err(Error::usage(format!("--since {since} is after {until}")));
    }
    ctx.print(&digest(ctx, &journal, since, until, today))
}

/// The digest of `since` to `until`, as Markdown; files that cannot be read are warned of.
pub(crate) fn digest(
    ctx: &Ctx,
    journal: &crate::store::Journal,
    since: chrono::NaiveDate,
    until: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> String {
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
        .map(|(entry, goal)| {
            let linked: Vec<&crate::model::Entry> = entries
                .iter()
                .map(|f| &f.entry)
                .filter(|e| e.goals.contains(&entry.id))
                .collect();
            let dates: Vec<chrono::NaiveDate> = linked.iter().map(|e| e.date).collect();
            GoalInPeriod {
                entry,
                goal,
                activity_only: super::key_results::activity_only(goal, &dates, until),
                linked,
            }
        })
        .filter(|g| {
            !g.linked.is_empty()
                || g.goal
                    .progress
                    .iter()
                    .any(|p| p.date >= since && p.date <= until)
                || g.goal
                    .readings
                    .iter()
                    .any(|r| r.date >= since && r.date <= until)
                || (g.entry.date >= since && g.entry.date <= until)
        })
        .collect();
    let list: Vec<&crate::model::Entry> = entries.iter().map(|f| &f.entry).collect();
    // The challenges that ran in the period, but those abandoned before it began.
    let (runs, run_problems) = journal.runs();
    ctx.warn_problems(&run_problems);
    let ran: Vec<_> = runs
        .iter()
        .map(|(run, _)| run)
        .filter(|run| {
            run.started <= until
                && run.ends() >= since
                && run.abandoned.is_none_or(|day| day >= since)
        })
        .collect();
    let mut text = markdown(since, until, &in_period, &list, &ran, today);
    // The hours of professional development in the period, by category.
    let (records, problems) = journal.cpd_records(since, until);
    ctx.warn_problems(&problems);
    if !records.is_empty() {
        let mut by: Vec<(String, f64)> = Vec::new();
        for r in &records {
            let name = r.category.clone().unwrap_or_else(|| "no category".into());
            match by.iter_mut().find(|(n, _)| *n == name) {
                Some((_, h)) => *h += r.hours,
                None => by.push((name, r.hours)),
            }
        }
        // By name, and the hours without a category last.
        by.sort_by(|a, b| (a.0 == "no category", &a.0).cmp(&(b.0 == "no category", &b.0)));
        let total: f64 = records.iter().map(|r| r.hours).sum();
        let parts: Vec<String> = by
            .iter()
            .map(|(n, h)| format!("{n} {}", crate::model::cpd::hours_text(*h)))
            .collect();
        if text.contains("Nothing was recorded in this period.") {
            text = text.replace("\nNothing was recorded in this period.\n", "");
        }
        text.push_str(&format!(
            "\n## CPD\n\n- {} hours in {} record{}: {}\n",
            crate::model::cpd::hours_text(total),
            records.len(),
            if records.len() == 1 { "" } else { "s" },
            parts.join(", ")
        ));
    }
    text
}
