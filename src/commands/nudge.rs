//! `mpl nudge`: one short line when something is open today, for a shell prompt.

use crate::app::Ctx;
use crate::error::Result;
use crate::model::Kind;
use crate::store::{Journal, SETTINGS_FILE};
use chrono::Datelike;

/// After how many days without a sync `nudge` says so.
const UNSYNCED_DAYS: i64 = 3;

/// Print one line if today's reflection, a review, a challenge task, a recall or a sync is still open
///
/// Prints nothing when all is done, on a day off (see `workdays` in mpl.toml) with no
/// challenge running, or when there is no journal, so it can run in a shell prompt. From
/// the last workday of a week or a month (`remind` in [reflect] of mpl.toml: week and month
/// unless it says otherwise) until the first workday of the next, a missing review is
/// named. Once you have used `mpl recall`, learned entries due for it show as "N to
/// recall". A journal that syncs but has not for three days or more gets "sync (last N days
/// ago)". See examples/nudge.sh.
#[derive(Debug, clap::Args)]
pub(crate) struct NudgeArgs {}

pub(crate) fn run(ctx: &Ctx, _args: &NudgeArgs) -> Result<()> {
    if !ctx.journal_path.join(SETTINGS_FILE).is_file() {
        return Ok(());
    }
    // A prompt must never show an error: a broken journal is `mpl doctor`'s to report.
    let Ok(journal) = Journal::open(&ctx.journal_path).map(|j| ctx.keyed(j)) else {
        return Ok(());
    };
    // A prompt never asks for a passphrase: what needs one is taken as it stands.
    let _quiet = journal.keys.quietly();
    let today = journal.today(ctx.now);
    let mut open = Vec::new();
    let reflection = journal.entry_path(Kind::Reflection, &today.format("%Y-%m-%d").to_string());
    if journal.settings.is_workday(today.weekday()) && !reflected(&journal, &reflection) {
        open.push("today's reflection".to_string());
    }
    open.extend(reviews_due(&journal, today));
    for (run, day) in journal.open_tasks(today) {
        open.push(format!("{} day {day}", run.challenge));
    }
    // Learned entries due for recall, once this journal recalls at all (a recall.log): a
    // person who never ran `mpl recall` is not told daily about what they learned. From
    // file names and recall.log; no entry is read.
    if std::fs::symlink_metadata(journal.recall_path()).is_ok() {
        let due = journal.recall_due_count(today);
        if due > 0 {
            open.push(format!("{due} to recall"));
        }
    }
    // A journal that syncs, but has not for days: the other machines miss what is here.
    if let Some(last) = journal.synced_at() {
        let days = (ctx.now - last).num_days();
        if days >= UNSYNCED_DAYS {
            open.push(format!("sync (last {days} days ago)"));
        }
    }
    if open.is_empty() {
        return Ok(());
    }
    ctx.print(&format!("mpl: open: {}\n", open.join(", ")))
}

/// Whether the day's reflection is written: its file is there and answers something (one
/// that holds only follow-ups of earlier plans is not the day's reflection yet). A file
/// that does not read counts as written: `mpl doctor` reports it, a prompt never does.
fn reflected(journal: &Journal, path: &std::path::Path) -> bool {
    path.exists()
        && journal
            .read_entry(path)
            .ok()
            .is_none_or(|entry| !crate::model::reflection::Sections::parse(&entry.body).is_empty())
}

/// The reviews to remind of on a workday: a period's, from its last workday on, when it
/// has none; and on the first workday of a period, the one before it, when it has none.
fn reviews_due(journal: &Journal, today: chrono::NaiveDate) -> Vec<String> {
    use crate::model::period::Span;
    let workday = |day: &chrono::NaiveDate| journal.settings.is_workday(day.weekday());
    let days = |span: Span| span.first.iter_days().take_while(move |d| *d <= span.last);
    let missing = |span: &Span| !journal.entry_path(Kind::Review, &span.id()).exists();
    let mut out = Vec::new();
    // A day off stays quiet.
    if !workday(&today) {
        return out;
    }
    for period in journal.practice_or_default().remind {
        let span = period.of(today);
        let last_workday = days(span).filter(workday).last().unwrap_or(span.last);
        let first_workday = days(span).find(workday).unwrap_or(span.first);
        if today >= last_workday && missing(&span) {
            out.push(format!("this {period}'s review"));
        } else if today == first_workday && missing(&span.previous()) {
            out.push(format!("last {period}'s review"));
        }
    }
    out
}
