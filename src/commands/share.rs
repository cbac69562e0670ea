//! `mpl share`: what was marked worth sharing with the team, as Markdown to paste.

use super::period;
use crate::app::Ctx;
use crate::error::Result;
use crate::model::Entry;
use crate::store::scan::Query;
use chrono::Duration;

/// Print a Markdown digest of what is worth sharing with your team
///
/// Gathers the "Worth sharing" answers of your reflections and every entry whose visibility
/// is "team", for the last 7 days unless told otherwise, ready to paste into a team channel.
#[derive(Debug, clap::Args)]
pub(crate) struct ShareArgs {
    /// From this day [default: 6 days ago, so a week with today]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Until this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

pub(crate) fn run(ctx: &Ctx, args: &ShareArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    let until = until.unwrap_or(today);
    let since = since.unwrap_or(until - Duration::days(6));
    if since > until {
        return Err(crate::error::Error::usage(format!(
            "--since {since} is after {until}"
        )));
    }
    let listing = journal.list(&Query {
        since: Some(since),
        until: Some(until),
        ..Query::default()
    });
    ctx.warn_problems(&listing.problems);
    let mut entries: Vec<&Entry> = listing.entries.iter().map(|f| &f.entry).collect();
    entries.reverse(); // oldest first: it reads as the week went
    let mut text = crate::render::share::digest(&entries, since, until);
    // How the numbers of goals shared with the team moved, and the CPD hours of what is
    // shared.
    let mut more = String::new();
    let (goals, problems) = journal.all_of(crate::model::Kind::Goal);
    ctx.warn_problems(&problems);
    let mut moved = String::new();
    for (entry, _) in goals
        .iter()
        .filter(|(e, _)| e.visibility != crate::model::Visibility::Private)
    {
        if let Ok(goal) = crate::model::goal::Goal::from_entry(entry) {
            for line in crate::render::review::key_result_movement(&goal, since, until) {
                moved.push_str(&format!("- **{}**: {line}\n", entry.title.trim()));
            }
        }
    }
    if !moved.is_empty() {
        more.push_str(&format!("\n## Key results\n\n{moved}"));
    }
    let (records, problems) = journal.cpd_records(since, until);
    ctx.warn_problems(&problems);
    let shared: Vec<_> = records
        .iter()
        .filter(|r| {
            entries
                .iter()
                .any(|e| e.id == r.source && e.visibility == crate::model::Visibility::Team)
        })
        .collect();
    if !shared.is_empty() {
        let hours: f64 = shared.iter().map(|r| r.hours).sum();
        more.push_str(&format!(
            "\n## Learning time\n\n- {} hours of professional development in what is above\n",
            crate::model::cpd::hours_text(hours)
        ));
    }
    if !more.is_empty() {
        text = Some(match text {
            Some(text) => format!("{text}{more}"),
            None => format!(
                "# Worth sharing: {} to {}\n{more}",
                crate::model::date::long_date(since),
                crate::model::date::long_date(until)
            ),
        });
    }
    match text {
        Some(text) => ctx.print(&text),
        None => {
            ctx.status(&format!(
                "nothing marked worth sharing from {since} to {until}"
            ));
            ctx.status(&ctx.err_style.dim(
                "hint: answer `mpl reflect --share TEXT`, or set visibility = \"team\" on an entry",
            ));
            Ok(())
        }
    }
}
