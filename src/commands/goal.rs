//! `mpl goal`: set professional goals, log progress on them, and see their story.

use super::{date_arg, goal_id, tags_arg};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::goal::{self, Goal, Progress, Status};
use crate::model::slug::check_id;
use crate::model::{Entry, Kind, Visibility};
use crate::render::terminal::shell_arg;
use crate::store::scan::Query;
use crate::store::{Journal, date_of_id};
use crate::ui;
use std::path::PathBuf;

/// Set your own professional goals and track them
///
/// A goal says what you want to achieve, why, what it aligns with in your organisation, and
/// how success is measured (by performance, not activity). Link learning, reflections,
/// evidence and feedback to it with --goal ID; `mpl goal show ID` tells its story.
#[derive(Debug, clap::Args)]
pub(crate) struct GoalArgs {
    #[command(subcommand)]
    pub command: GoalCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum GoalCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Progress(ProgressArgs),
    Done(DoneArgs),
    Pause(PauseArgs),
    Resume(ResumeArgs),
    Drop(DropArgs),
    Edit(EditArgs),
    Kr(super::key_results::KrArgs),
    Measure(super::key_results::MeasureArgs),
    Trace(super::key_results::TraceArgs),
}

/// Set a new goal
///
/// On a terminal, with none of --why, --aligned-with, --measure or --due given, each is
/// asked in turn (Enter skips one).
#[derive(Debug, clap::Args)]
pub(crate) struct AddArgs {
    /// What you want to achieve (quotes optional)
    #[arg(value_name = "TITLE", required = true)]
    pub title: Vec<String>,
    /// Why it matters to you
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub why: Option<String>,
    /// The organisation's or team's goal it serves
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub aligned_with: Option<String>,
    /// How you will know you succeeded: a measure of performance, not activity
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub measure: Option<String>,
    /// When it should be achieved
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// The goal's id [default: made from the title]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Keep it out of exports (visibility = "private")
    #[arg(long)]
    pub private: bool,
    #[command(flatten)]
    pub competency: super::competencies::CompetencyArgs,
}

/// List goals (the active ones unless told otherwise)
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Every goal, whatever its status
    #[arg(long, conflicts_with = "status")]
    pub all: bool,
    /// Only goals with this status: active, achieved, paused or dropped
    #[arg(long, value_name = "STATUS", value_parser = status_arg)]
    pub status: Option<Status>,
    /// Print one JSON array of goals
    #[arg(long)]
    pub json: bool,
}

/// Show a goal's story: why, alignment, measure, time left, progress and linked entries
#[derive(Debug, clap::Args)]
pub(crate) struct ShowArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
    /// Print it as JSON, with the linked entries
    #[arg(long)]
    pub json: bool,
}

/// Log progress on a goal
#[derive(Debug, clap::Args)]
pub(crate) struct ProgressArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
    /// What moved forward (quotes optional)
    #[arg(value_name = "NOTE")]
    pub note: Vec<String>,
    /// How far along the goal is now, from 0 to 100
    #[arg(long, value_name = "N", value_parser = percent_arg)]
    pub percent: Option<u8>,
    /// The day the progress was made [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Mark a goal achieved
#[derive(Debug, clap::Args)]
pub(crate) struct DoneArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
    /// How it ended: the result against the measure of success
    #[arg(value_name = "NOTE")]
    pub note: Vec<String>,
}

/// Pause a goal (`goal resume` takes it up again)
#[derive(Debug, clap::Args)]
pub(crate) struct PauseArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
    /// Why it is paused
    #[arg(value_name = "NOTE")]
    pub note: Vec<String>,
}

/// Make a paused, dropped or achieved goal active again
#[derive(Debug, clap::Args)]
pub(crate) struct ResumeArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
    /// Why it is taken up again
    #[arg(value_name = "NOTE")]
    pub note: Vec<String>,
}

/// Drop a goal you no longer pursue (it stays in the journal)
#[derive(Debug, clap::Args)]
pub(crate) struct DropArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
    /// Why it is dropped (or give it with --reason)
    #[arg(value_name = "NOTE", conflicts_with = "reason")]
    pub note: Vec<String>,
    /// Why it is dropped
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub reason: Option<String>,
}

/// Edit a goal in your editor (checked before it is saved)
#[derive(Debug, clap::Args)]
pub(crate) struct EditArgs {
    /// The goal's id (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub id: String,
}

fn status_arg(text: &str) -> std::result::Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        format!("unknown status \"{text}\"; use one of: active, achieved, paused, dropped")
    })
}

pub(crate) fn run(ctx: &Ctx, args: &GoalArgs) -> Result<()> {
    match &args.command {
        GoalCommand::Add(args) => add(ctx, args),
        GoalCommand::Kr(args) => super::key_results::kr(ctx, args),
        GoalCommand::Measure(args) => super::key_results::measure(ctx, args),
        GoalCommand::Trace(args) => super::key_results::trace(ctx, args),
        GoalCommand::List(args) => list(ctx, args),
        GoalCommand::Show(args) => show(ctx, args),
        GoalCommand::Progress(args) => progress(ctx, args),
        GoalCommand::Done(args) => {
            change_status(ctx, &args.id, Status::Achieved, &args.note.join(" "))
        }
        GoalCommand::Pause(args) => {
            change_status(ctx, &args.id, Status::Paused, &args.note.join(" "))
        }
        GoalCommand::Resume(args) => {
            change_status(ctx, &args.id, Status::Active, &args.note.join(" "))
        }
        GoalCommand::Drop(args) => change_status(
            ctx,
            &args.id,
            Status::Dropped,
            &args.reason.clone().unwrap_or_else(|| args.note.join(" ")),
        ),
        GoalCommand::Edit(args) => {
            let journal = ctx.journal()?;
            let id = goal_id(&journal, &args.id)?;
            super::edit::run(
                ctx,
                &super::edit::EditArgs {
                    id,
                    discard_draft: false,
                },
            )
        }
    }
}

/// A text flag: trimmed, and `None` when empty.
fn text_flag(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let title = args.title.join(" ").trim().to_string();
    if title.is_empty() {
        return Err(Error::usage("the goal's title is empty")
            .hint("mpl goal add \"Become the team's go-to person for Rust reviews\""));
    }
    if title.contains('\n') {
        return Err(Error::usage("a goal's title is one line")
            .hint("say more with --why, --measure, or in the goal's file (`mpl goal edit ID`)"));
    }
    let tags = tags_arg(&args.tag)?;
    let competencies = args.competency.checked(ctx)?;
    if let Some(id) = &args.id {
        check_id(id).map_err(|msg| Error::usage(format!("--id: {msg}")))?;
        if date_of_id(id).is_some() {
            return Err(Error::usage(format!(
                "--id {id}: ids that start with a date belong to dated entries"
            )));
        }
    }
    let today = super::today(ctx)?;
    let mut due = args
        .due
        .as_deref()
        .map(|d| date_arg("--due", d, today))
        .transpose()?;
    let mut why = text_flag(&args.why);
    let mut aligned_with = text_flag(&args.aligned_with);
    let mut measure = text_flag(&args.measure);
    let asked = args.why.is_none()
        && args.aligned_with.is_none()
        && args.measure.is_none()
        && args.due.is_none()
        && ctx.can_prompt();
    if asked {
        let color = ctx.err_style.enabled;
        let answer = |prompt: &str| -> Result<Option<String>> {
            Ok(
                Some(crate::prompt::ask(prompt, "", color)?.trim().to_string())
                    .filter(|a| !a.is_empty()),
            )
        };
        why = answer("Why does it matter to you?")?;
        aligned_with = answer("Which goal of your organisation or team does it serve?")?;
        measure = answer("How will you know you succeeded (a measure of performance)?")?;
        while let Some(text) = answer("When is it due (YYYY-MM-DD)?")? {
            match date_arg("due date", &text, today) {
                Ok(date) => {
                    due = Some(date);
                    break;
                }
                Err(err) => ctx.warn(&err.message),
            }
        }
    }

    let (journal, lock) = ctx.journal_for_write()?;
    let today = journal.today(ctx.now);
    let visibility = if args.private {
        Visibility::Private
    } else {
        Kind::Goal.default_visibility()
    };
    let id = match &args.id {
        Some(id) => {
            if journal.id_taken(id) {
                let path = journal.find(id)?;
                return Err(Error::new(format!(
                    "the id \"{id}\" is taken by {}",
                    journal.rel(&path).display()
                ))
                .hint("choose another --id"));
            }
            id.clone()
        }
        None => journal.new_id(Kind::Goal, today, &title, visibility),
    };
    let mut entry = Entry::new(Kind::Goal, id, today, ctx.now, title);
    entry.add_labels(&tags, &[]);
    crate::model::competency::add(&mut entry, &competencies);
    entry.visibility = visibility;
    let fields = Goal {
        status: Status::Active,
        why,
        aligned_with,
        measure,
        due,
        progress: Vec::new(),
        key_results: Vec::new(),
        readings: Vec::new(),
    };
    fields.write_new(&mut entry);
    let path = journal.add_entry(
        &lock,
        &entry,
        &super::commit_message("goal", &entry),
        ctx.now,
    )?;
    ctx.status(&format!(
        "added goal {} ({})",
        ctx.err_style.bold(&entry.id),
        journal.rel(&path).display()
    ));
    if args.id.is_none() && entry.visibility == Visibility::Private && journal.encrypts() {
        // The id names the file, which is readable without the key.
        ctx.status(&format!(
            "note: its id says nothing of its title, which is encrypted; `--id NAME` chooses one \
             when you add a goal (`mpl learn --goal {}` refers to this one)",
            shell_arg(&entry.id)
        ));
    }
    if let Some(due) = due
        && due < today
    {
        ctx.status(&format!(
            "note: the due date {due} is already past; `mpl goal edit {}` changes it",
            shell_arg(&entry.id)
        ));
    }
    if fields.measure.is_none() {
        ctx.status(&format!(
            "tip: say how success is measured with `mpl goal edit {}` (measure = \"…\")",
            shell_arg(&entry.id)
        ));
    }
    Ok(())
}

/// Every goal that reads cleanly, with its file; problems are warned about.
fn all_goals(ctx: &Ctx, journal: &Journal) -> Vec<(Entry, Goal, PathBuf)> {
    let mut goals = Vec::new();
    let mut problems = Vec::new();
    let ids = journal.goal_ids().unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });
    for id in ids {
        let path = journal.entry_path(Kind::Goal, &id);
        match journal.read_goal(&path) {
            Ok((entry, goal)) => goals.push((entry, goal, path)),
            Err(problem) => problems.push(problem),
        }
    }
    ctx.warn_problems(&problems);
    goals
}

/// The active goals, for choosing one (the evidence offer after `reflect`).
pub(crate) fn active_goals(ctx: &Ctx, journal: &Journal) -> Vec<(String, String)> {
    all_goals(ctx, journal)
        .into_iter()
        .filter(|(_, goal, _)| goal.status == Status::Active)
        .map(|(entry, _, _)| (entry.id, entry.title))
        .collect()
}

fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let mut goals: Vec<_> = all_goals(ctx, &journal)
        .into_iter()
        .filter(|(_, goal, _)| args.all || goal.status == args.status.unwrap_or(Status::Active))
        .collect();
    // Active first, then the soonest due, then by id.
    goals.sort_by(|a, b| {
        let rank = |g: &Goal| Status::ALL.iter().position(|s| *s == g.status);
        (rank(&a.1), a.1.due.is_none(), a.1.due, &a.0.id).cmp(&(
            rank(&b.1),
            b.1.due.is_none(),
            b.1.due,
            &b.0.id,
        ))
    });
    // Busy but unmeasured: entries linked in the last days, no reading for long.
    let recent = journal.list(&Query {
        since: Some(today - chrono::Duration::days(super::key_results::ACTIVE_DAYS)),
        ..Query::default()
    });
    let activity_only = |entry: &Entry, goal: &Goal| {
        let dates: Vec<chrono::NaiveDate> = recent
            .entries
            .iter()
            .filter(|f| f.entry.goals.contains(&entry.id))
            .map(|f| f.entry.date)
            .collect();
        super::key_results::activity_only(goal, &dates, today)
    };
    if args.json {
        let list: Vec<_> = goals
            .iter()
            .map(|(entry, goal, path)| {
                let mut doc = ui::goal::json(entry, goal, journal.rel(path), today, None);
                doc["activity_only"] = activity_only(entry, goal).into();
                doc
            })
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    if goals.is_empty() {
        let total = journal.goal_ids().map_or(0, |ids| ids.len());
        ctx.say_empty(&match (total, args.all, args.status) {
            (0, _, _) => "no goals yet; `mpl goal add TITLE` sets your first".to_string(),
            (_, _, Some(status)) => format!("no {status} goals"),
            _ => format!("no active goals ({total} in all: `mpl goal list --all`)"),
        });
        return Ok(());
    }
    let rows = goals
        .iter()
        .map(|(entry, goal, _)| ui::goal::row(entry, goal, today))
        .collect();
    ctx.print(&ui::table::list(
        &crate::ui::goal::LIST_HEADERS,
        rows,
        4,
        &[0],
        ctx.out_style,
        ctx.width(),
    ))?;
    let unmeasured: Vec<&str> = goals
        .iter()
        .filter(|(entry, goal, _)| activity_only(entry, goal))
        .map(|(entry, _, _)| entry.id.as_str())
        .collect();
    if !unmeasured.is_empty() {
        ctx.status(&format!(
            "activity only: {} (work linked in the last {} days, no key result read in {} days): `mpl goal kr add` and `mpl goal measure` measure the result",
            unmeasured.join(", "),
            super::key_results::ACTIVE_DAYS,
            super::key_results::UNREAD_DAYS
        ));
    }
    Ok(())
}

fn show(ctx: &Ctx, args: &ShowArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let path = journal.find_goal(&args.id)?;
    let (entry, goal) = journal.read_goal(&path)?;
    let today = journal.today(ctx.now);
    let (mut linked, problems) = journal.search(
        &[],
        &Query {
            goal: Some(entry.id.clone()),
            ..Query::default()
        },
    );
    ctx.warn_problems(&problems);
    // Oldest first: it is a story.
    linked.reverse();
    linked.retain(|f| f.entry.id != entry.id);
    if args.json {
        let pairs: Vec<_> = linked
            .iter()
            .map(|f| (f.entry.clone(), journal.rel(&f.path)))
            .collect();
        return ctx.print_json(&ui::goal::json(
            &entry,
            &goal,
            journal.rel(&path),
            today,
            Some(&pairs),
        ));
    }
    ctx.print(&ui::goal::story(
        &entry,
        &goal,
        &linked,
        today,
        ctx.out_style,
    ))
}

/// Reads a goal for a change, under the lock. A goal that does not read is never rewritten.
pub(crate) fn goal_for_change(
    ctx: &Ctx,
    text: &str,
) -> Result<(Journal, crate::store::Lock, Entry, Goal)> {
    let journal = ctx.journal()?;
    let path = journal.find_goal(text)?;
    let lock = ctx.lock(&journal)?;
    let (entry, goal) = journal.read_goal(&path)?;
    Ok((journal, lock, entry, goal))
}

fn progress(ctx: &Ctx, args: &ProgressArgs) -> Result<()> {
    let note = args.note.join(" ").trim().to_string();
    if note.is_empty() && args.percent.is_none() {
        return Err(Error::usage("say what moved forward, or give --percent")
            .hint("mpl goal progress ID \"Reviewed 4 PRs this week\" --percent 40"));
    }
    let (journal, lock, mut entry, goal) = goal_for_change(ctx, &args.id)?;
    let today = journal.today(ctx.now);
    let date = super::past_date(args.date.as_deref(), today)?;
    goal::add_progress(
        &mut entry,
        &Progress {
            date,
            note,
            percent: args.percent,
            status: None,
        },
    );
    journal.save_entry(
        &lock,
        &entry,
        &format!("goal: progress on {}", entry.id),
        ctx.now,
    )?;
    let percent = args.percent.map(|p| format!(" ({p}%)")).unwrap_or_default();
    ctx.status(&format!("logged progress on {}{percent}", entry.id));
    if args.percent.is_some() && !goal.key_results.is_empty() {
        ctx.status(&format!(
            "note: {} is measured by its key results, so its progress comes from their readings, not from --percent; `mpl goal measure {} KR VALUE` records one",
            entry.id,
            shell_arg(&entry.id)
        ));
    }
    if matches!(
        goal.status,
        Status::Achieved | Status::Dropped | Status::Paused
    ) {
        ctx.status(&format!(
            "note: the goal is {}; `mpl goal resume {}` makes it active again",
            goal.status,
            shell_arg(&entry.id)
        ));
    }
    Ok(())
}

fn change_status(ctx: &Ctx, id: &str, to: Status, note: &str) -> Result<()> {
    let (journal, lock, mut entry, goal) = goal_for_change(ctx, id)?;
    if goal.status == to {
        ctx.status(&format!(
            "goal {} is already {}; nothing changed",
            entry.id, to
        ));
        return Ok(());
    }
    if to == Status::Paused && goal.status != Status::Active {
        return Err(Error::new(format!(
            "goal {} is {}, not active, so it cannot be paused",
            entry.id, goal.status
        ))
        .hint(format!(
            "`mpl goal resume {}` makes it active again",
            shell_arg(&entry.id)
        )));
    }
    let today = journal.today(ctx.now);
    goal::add_progress(
        &mut entry,
        &Progress {
            date: today,
            note: note.trim().to_string(),
            percent: (to == Status::Achieved).then_some(100),
            status: Some(to),
        },
    );
    let verb = match to {
        Status::Active => "resume",
        Status::Achieved => "done",
        Status::Paused => "pause",
        Status::Dropped => "drop",
    };
    journal.save_entry(
        &lock,
        &entry,
        &format!("goal: {verb} {}", entry.id),
        ctx.now,
    )?;
    let said = match to {
        Status::Active => "is active again",
        Status::Achieved => "is achieved: well done",
        Status::Paused => "is paused",
        Status::Dropped => "is dropped (it stays in the journal)",
    };
    ctx.status(&format!("goal {} {said}", entry.id));
    if to == Status::Achieved {
        ctx.status(&format!(
            "tip: record what it achieved with `mpl evidence add TITLE --impact TEXT --goal {}`",
            shell_arg(&entry.id)
        ));
    }
    Ok(())
}

/// `--percent`: 0 to 100, with or without `%`.
fn percent_arg(text: &str) -> std::result::Result<u8, String> {
    let number = text.trim().trim_end_matches('%').trim();
    match number.parse::<u8>() {
        Ok(n) if n <= 100 => Ok(n),
        _ => Err(format!(
            "\"{text}\" is not a percent: use a whole number from 0 to 100, such as 40 or 40%"
        )),
    }
}
