//! `mpl intentions`: the plans made in reflections ("next time…" answers and `- [ ]` task
//! items), and what came of them.

use super::{date_arg, past_date};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::model::date::long_date;
use crate::model::intention::{Intention, State, Status, Tracked, intentions_of, record};
use crate::store::{Journal, Lock};
use chrono::{Duration, NaiveDate};

/// List the plans your reflections made, and say what came of one
///
/// Each "next time" answer of a reflection or review (each list item of it, else each
/// paragraph), and each Markdown task item (`- [ ] …`), is an intention. A week after it is
/// made (`follow_up_after` in [reflect] of mpl.toml), `mpl reflect` asks what came of it:
/// done, not yet, or dropped. `mpl intentions done ID` answers without the prompts. A task
/// item checked by hand (`- [x]`) counts as done.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct IntentionsArgs {
    #[command(subcommand)]
    pub command: Option<IntentionsCommand>,
    /// List the settled ones (done, dropped) too
    #[arg(long)]
    pub all: bool,
    /// Only intentions made on or after this day [default: 90 days ago]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum IntentionsCommand {
    /// Say an intention was done
    Done(FollowUpArgs),
    /// Say an intention is not done yet: it is asked about again later
    NotYet(FollowUpArgs),
    /// Say an intention was dropped
    Drop(FollowUpArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct FollowUpArgs {
    /// The intention's id, as `mpl intentions` lists it: ENTRY#N, such as 2026-11-18#1
    #[arg(value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::intentions))]
    pub id: String,
    /// A note on what came of it
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub note: Option<String>,
    /// The day whose reflection records the follow-up [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// How far back intentions are listed and asked about, unless told.
pub(crate) const WINDOW_DAYS: i64 = 90;

pub(crate) fn run(ctx: &Ctx, args: &IntentionsArgs) -> Result<()> {
    match &args.command {
        Some(IntentionsCommand::Done(f)) => follow_up(ctx, f, Status::Done),
        Some(IntentionsCommand::NotYet(f)) => follow_up(ctx, f, Status::NotYet),
        Some(IntentionsCommand::Drop(f)) => follow_up(ctx, f, Status::Dropped),
        None => list(ctx, args),
    }
}

/// After how many days intentions are asked about: `follow_up_after` in mpl.toml, else the
/// default (a mistake there is `doctor`'s, and `reflect` warns of it).
pub(crate) fn after_days(journal: &Journal) -> u32 {
    journal.practice_or_default().follow_up_after
}

fn list(ctx: &Ctx, args: &IntentionsArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let since = match &args.since {
        Some(text) => date_arg("--since", text, today)?,
        None => today - Duration::days(WINDOW_DAYS),
    };
    let (mut tracked, problems) = journal.intentions(Some(since), after_days(&journal));
    ctx.warn_problems(&problems);
    if !args.all {
        tracked.retain(|t| t.state == State::Open);
    }
    // Due first (oldest first), then those still to come, then the settled.
    tracked.sort_by_key(|t| {
        (
            t.state != State::Open,
            !t.is_due(today),
            t.due,
            t.intention.made,
        )
    });
    if args.json {
        let items: Vec<serde_json::Value> = tracked.iter().map(|t| json(t, today)).collect();
        return ctx.print_json(&serde_json::Value::Array(items));
    }
    if tracked.is_empty() {
        ctx.status(&format!(
            "no open intentions made since {}: a \"next time\" answer in `mpl reflect`, or a task item (- [ ] …), makes one",
            long_date(since)
        ));
        return Ok(());
    }
    let style = ctx.out_style;
    let mut out = String::new();
    let mut heading = "";
    for t in &tracked {
        let group = match t.state {
            State::Open if t.is_due(today) => "To follow up",
            State::Open => "Coming up",
            State::Done | State::Dropped => "Settled",
        };
        if group != heading {
            if !heading.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{}\n", style.bold(group)));
            heading = group;
        }
        let when = match (t.state, t.due) {
            (State::Open, Some(due)) if due <= today => {
                format!("planned {}", t.intention.made.format("%a %-d %b"))
            }
            (State::Open, Some(due)) => format!(
                "planned {}, asked from {}",
                t.intention.made.format("%a %-d %b"),
                due.format("%a %-d %b")
            ),
            (state, _) => format!(
                "{}, planned {}",
                state.as_str(),
                t.intention.made.format("%a %-d %b")
            ),
        };
        let not_yet = t
            .follow_ups
            .iter()
            .filter(|f| f.status == Status::NotYet)
            .count();
        let mut line = format!(
            "  {}  {}  {}",
            style.dim(&t.intention.id),
            t.intention.text,
            style.dim(&when)
        );
        if not_yet > 0 && t.state == State::Open {
            line.push_str(&style.dim(&format!(
                " · not yet {not_yet} time{}",
                if not_yet == 1 { "" } else { "s" }
            )));
        }
        if let Some(note) = t.last_note() {
            line.push_str(&style.dim(&format!(" · {note}")));
        }
        out.push_str(&line);
        out.push('\n');
    }
    if tracked.iter().any(|t| t.is_due(today)) {
        out.push_str(&format!(
            "\n{}\n",
            style.dim("mpl reflect asks about these; or: mpl intentions done|not-yet|drop ID [--note TEXT]")
        ));
    }
    ctx.print(&out)
}

fn json(t: &Tracked, today: NaiveDate) -> serde_json::Value {
    serde_json::json!({
        "id": t.intention.id,
        "of": t.intention.of,
        "made": t.intention.made.to_string(),
        "text": t.intention.text,
        "state": t.state.as_str(),
        "due": t.due.map(|d| d.to_string()),
        "due_now": t.is_due(today),
        "checked_by_hand": t.intention.checked,
        "follow_ups": t.follow_ups.iter().map(|f| serde_json::json!({
            "date": f.date.to_string(),
            "status": f.status.as_str(),
            "note": f.note,
        })).collect::<Vec<_>>(),
    })
}

/// The intention `id` names (`ENTRY#N`), read from its entry.
fn find(journal: &Journal, id: &str) -> Result<Intention> {
    let hint = "`mpl intentions --all` lists them with their ids, such as 2026-11-18#1";
    let (entry_id, n) = id
        .trim()
        .rsplit_once('#')
        .and_then(|(entry, n)| Some((entry, n.parse::<usize>().ok()?)))
        .filter(|(entry, _)| crate::model::slug::check_id(entry).is_ok())
        .ok_or_else(|| {
            Error::usage(format!(
                "\"{id}\" is not an intention's id: it is the entry's id, '#', and a number"
            ))
            .hint(hint)
        })?;
    let path = journal.find(entry_id)?;
    let entry = journal.read_entry(&path).map_err(Error::from)?;
    // The whole id, never a prefix: `2026-11-1#1` is not a plan of 2026-11-10.
    if !entry.id.eq_ignore_ascii_case(entry_id) {
        return Err(Error::new(format!("no entry with id \"{entry_id}\"")).hint(hint));
    }
    if !matches!(entry.kind, Kind::Reflection | Kind::Review) {
        return Err(Error::usage(format!(
            "{} is a {} entry; intentions are made in reflections and reviews",
            entry.id, entry.kind
        ))
        .hint(hint));
    }
    let made = intentions_of(&entry);
    let count = made.len();
    made.into_iter().nth(n.wrapping_sub(1)).ok_or_else(|| {
        Error::usage(format!(
            "{} makes {count} intention{}; there is no number {n}",
            entry.id,
            if count == 1 { "" } else { "s" }
        ))
        .hint(hint)
    })
}

fn follow_up(ctx: &Ctx, args: &FollowUpArgs, status: Status) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let date = past_date(args.date.as_deref(), today)?;
    let intention = find(&journal, &args.id)?;
    if date < intention.made {
        return Err(Error::usage(format!(
            "--date {date} is before the intention was made ({})",
            intention.made
        )));
    }
    // A follow-up after this day settles the plan: one before it would change nothing.
    let (tracked, _) = journal.intentions(Some(intention.made), after_days(&journal));
    if let Some(later) = tracked
        .iter()
        .filter(|t| t.intention.id == intention.id)
        .flat_map(|t| &t.follow_ups)
        .rfind(|f| f.date > date)
    {
        return Err(Error::usage(format!(
            "{} was followed up on {} ({}), after {date}; the latest follow-up is what counts",
            intention.id, later.date, later.status
        ))
        .hint("follow it up on that day or later: leave out --date for today"));
    }
    let lock = ctx.lock(&journal)?;
    let said = save_follow_ups(
        ctx,
        &journal,
        &lock,
        date,
        &[(intention.clone(), status, args.note.clone())],
    )?;
    ctx.status(&format!(
        "{}: \"{}\" is {} ({said})",
        intention.id,
        intention.text,
        match status {
            Status::Done => "done",
            Status::NotYet => "not done yet; asked again later",
            Status::Dropped => "dropped",
        }
    ));
    Ok(())
}

/// Records follow-ups in the reflection of `date` (made for them if there is none), in one
/// commit. Returns where, as "saved PATH" or "added to PATH".
pub(crate) fn save_follow_ups(
    ctx: &Ctx,
    journal: &Journal,
    lock: &Lock,
    date: NaiveDate,
    answers: &[(Intention, Status, Option<String>)],
) -> Result<String> {
    let id = date.format("%Y-%m-%d").to_string();
    let path = journal.entry_path(Kind::Reflection, &id);
    let mut tx = journal.transaction(lock);
    let existing = if tx.exists(&path) {
        Some(tx.read_entry(&path).map_err(Error::from)?)
    } else {
        None
    };
    let mut entry = existing.clone().unwrap_or_else(|| {
        crate::model::Entry::new(
            Kind::Reflection,
            id.clone(),
            date,
            ctx.now,
            format!("Reflection on {}", long_date(date)),
        )
    });
    // A `follow_up` that is not a list of tables is never written over.
    if let Some(problem) = crate::model::intention::check(&entry) {
        return Err(Error::new(format!(
            "{}: {problem}; the follow-up was not saved",
            journal.rel(&path).display()
        ))
        .hint(format!(
            "fix it by hand or with `mpl edit {id}`, then follow up again"
        )));
    }
    for (intention, status, note) in answers {
        record(&mut entry, intention, *status, note.as_deref());
    }
    let (path, verb) = match &existing {
        Some(_) => (tx.update_entry(&entry)?, "added to"),
        None => (tx.create_entry(&entry)?, "saved"),
    };
    let what = match answers {
        [(one, status, _)] => format!("{} {}", one.id, status),
        many => format!("{} intentions", many.len()),
    };
    tx.finish(&format!("follow up: {what}"), ctx.now)?;
    Ok(format!("{verb} {}", journal.rel(&path).display()))
}

/// After a prompted reflection: asks what came of the intentions due, oldest first, at most
/// `MAX_ASKED` in a run. Enter skips one. Off a terminal nothing is asked.
pub(crate) fn ask_due(ctx: &Ctx, journal: &Journal, date: NaiveDate) -> Result<()> {
    const MAX_ASKED: usize = 5;
    if !ctx.can_prompt() {
        return Ok(());
    }
    let since = date - Duration::days(WINDOW_DAYS);
    let (tracked, _) = journal.intentions(Some(since), after_days(journal));
    let mut due: Vec<&Tracked> = tracked
        .iter()
        .filter(|t| t.state == State::Open && t.is_due(date) && t.intention.made < date)
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    due.sort_by_key(|t| (t.due, t.intention.made));
    let more = due.len().saturating_sub(MAX_ASKED);
    due.truncate(MAX_ASKED);
    let style = ctx.err_style;
    crate::app::write_stderr(&format!(
        "{}\n",
        style.bold("What came of your plans? Enter skips one.")
    ));
    let choices = [
        "done".to_string(),
        "not yet".to_string(),
        "dropped".to_string(),
        "skip".to_string(),
    ];
    let mut answers = Vec::new();
    let mut stopped = None;
    for t in due {
        let question = format!(
            "On {} you planned: {}",
            t.intention.made.format("%a %-d %b"),
            t.intention.text
        );
        let status = match crate::prompt::select(&question, &choices, 3, style.enabled) {
            Ok(0) => Status::Done,
            Ok(1) => Status::NotYet,
            Ok(2) => Status::Dropped,
            Ok(_) => continue,
            Err(err) => {
                stopped = Some(err);
                break;
            }
        };
        match crate::prompt::ask_keeping("A note? (Enter for none)", "", style.enabled) {
            Ok(crate::prompt::Asked::Answer(note)) => {
                answers.push((t.intention.clone(), status, Some(note)));
            }
            // Ctrl-C in the note: the answer and the note as typed so far are kept.
            Ok(crate::prompt::Asked::Stopped(note)) => {
                answers.push((t.intention.clone(), status, Some(note)));
                stopped = Some(Error::interrupted("stopped"));
                break;
            }
            Err(err) => {
                stopped = Some(err);
                break;
            }
        }
    }
    // Ctrl-C keeps the follow-ups already answered.
    if let Some(err) = stopped {
        if err.kind() != crate::error::ErrorKind::Interrupted {
            return Err(err);
        }
        if answers.is_empty() {
            return Err(
                Error::interrupted("your reflection is saved; no follow-up was answered")
                    .hint("`mpl intentions` lists your plans; `mpl reflect` asks again"),
            );
        }
        let lock = ctx.lock(journal)?;
        let said = save_follow_ups(ctx, journal, &lock, date, &answers)?;
        return Err(Error::interrupted(format!(
            "your reflection is saved, and so are the {} follow-up{} answered ({said})",
            answers.len(),
            if answers.len() == 1 { "" } else { "s" }
        ))
        .hint("`mpl intentions` lists the plans still open"));
    }
    if more > 0 {
        ctx.status(&format!(
            "{more} more to follow up: `mpl intentions` lists them"
        ));
    }
    if answers.is_empty() {
        return Ok(());
    }
    let lock = ctx.lock(journal)?;
    let said = save_follow_ups(ctx, journal, &lock, date, &answers)?;
    ctx.status(&format!(
        "{said}: {} follow-up{}",
        answers.len(),
        if answers.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}
