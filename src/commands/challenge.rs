//! `mpl challenge`: 30-day challenges that build a habit, a short task a day.

use super::date_arg;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::challenge::{Challenge, Checkin, DAYS, EVERY_DAY, Mark, Run, State};
use crate::model::date::long_date;
use crate::model::settings::WORKWEEK;
use crate::render::terminal::shell_arg;
use crate::store::Journal;
use crate::store::challenges::find_in;
use crate::ui;
use chrono::NaiveDate;
use std::path::PathBuf;

/// 30-day challenges: a short task each day for 30 days, to build a habit
///
/// Five are built in: learn-something-new, day-job, self-development, network and
/// keep-up-to-date. Add your own as challenges/SLUG.toml in the journal (docs/challenges.md).
#[derive(Debug, clap::Args)]
pub(crate) struct ChallengeArgs {
    #[command(subcommand)]
    pub command: ChallengeCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum ChallengeCommand {
    List(ListArgs),
    Show(ShowArgs),
    Start(StartArgs),
    Today(TodayArgs),
    /// Check in a day's task as done
    Done(CheckinArgs),
    /// Take a day off: planned (today or later), or excused afterwards with --day N (sick
    /// yesterday); neither breaks the streak
    Skip(CheckinArgs),
    Status(StatusArgs),
    Abandon(AbandonArgs),
}

/// List the challenges, built in and your own, and where you stand with each
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

/// Show a challenge: what it is for and its 30 tasks
#[derive(Debug, clap::Args)]
pub(crate) struct ShowArgs {
    /// The challenge's slug, as `challenge list` shows it
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::challenge_slugs))]
    pub slug: String,
    /// Print it as JSON
    #[arg(long)]
    pub json: bool,
}

/// Start a challenge today (or on another day)
#[derive(Debug, clap::Args)]
pub(crate) struct StartArgs {
    /// The challenge's slug, as `challenge list` shows it
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::challenge_slugs))]
    pub slug: String,
    /// The day it starts (day 1) [default: today]
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Count every day of the week, not only the journal's workdays (`workdays` in mpl.toml)
    #[arg(long)]
    pub every_day: bool,
}

/// Show today's task of each running challenge
#[derive(Debug, clap::Args)]
pub(crate) struct TodayArgs {
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

/// A check-in: `challenge done` and `challenge skip`
#[derive(Debug, clap::Args)]
pub(crate) struct CheckinArgs {
    /// The challenge [default: the one running]
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::challenge_slugs))]
    pub slug: Option<String>,
    /// The day of the challenge, 1 to 30 [default: today's]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=30))]
    pub day: Option<u32>,
    /// A line about the day: what you did, or why you took it off
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub note: Option<String>,
    #[command(flatten)]
    pub cpd: super::cpd::CpdArgs,
}

/// Show the 30-day grid, streaks and percent of running challenges (or every run of one)
#[derive(Debug, clap::Args)]
pub(crate) struct StatusArgs {
    /// A challenge, to see each of its runs
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::challenge_slugs))]
    pub slug: Option<String>,
    /// Print one JSON array of runs
    #[arg(long)]
    pub json: bool,
}

/// Stop a running challenge (its history is kept; it can be started again)
#[derive(Debug, clap::Args)]
pub(crate) struct AbandonArgs {
    /// The challenge's slug
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::challenge_slugs))]
    pub slug: String,
}

pub(crate) fn run(ctx: &Ctx, args: &ChallengeArgs) -> Result<()> {
    match &args.command {
        ChallengeCommand::List(args) => list(ctx, args),
        ChallengeCommand::Show(args) => show(ctx, args),
        ChallengeCommand::Start(args) => start(ctx, args),
        ChallengeCommand::Today(args) => today_tasks(ctx, args),
        ChallengeCommand::Done(args) => check_in(ctx, args, Mark::Done),
        ChallengeCommand::Skip(args) => check_in(ctx, args, Mark::Skipped),
        ChallengeCommand::Status(args) => status(ctx, args),
        ChallengeCommand::Abandon(args) => abandon(ctx, args),
    }
}

/// The journal if it exists: the built-in challenges can be read without one.
fn challenges(ctx: &Ctx, journal: Option<&Journal>) -> Vec<Challenge> {
    match journal {
        Some(journal) => {
            let (all, problems) = journal.challenges();
            ctx.warn_problems(&problems);
            all
        }
        None => Challenge::builtins(),
    }
}

fn runs(ctx: &Ctx, journal: &Journal) -> Vec<(Run, PathBuf)> {
    let (runs, problems) = journal.runs();
    ctx.warn_problems(&problems);
    runs
}

fn find(journal: Option<&Journal>, slug: &str) -> Result<Challenge> {
    match journal {
        Some(journal) => journal.find_challenge(slug),
        None => find_in(&Challenge::builtins(), slug),
    }
}

fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let journal = ctx.existing_journal()?;
    let today = match &journal {
        Some(j) => j.today(ctx.now),
        None => super::today(ctx)?,
    };
    let all = challenges(ctx, journal.as_ref());
    let runs = journal.as_ref().map(|j| runs(ctx, j)).unwrap_or_default();
    let state = |slug: &str| -> (String, Option<&Run>) {
        let mine: Vec<&Run> = runs
            .iter()
            .map(|(r, _)| r)
            .filter(|r| r.challenge == slug)
            .collect();
        let Some(latest) = mine.last() else {
            return ("not started".into(), None);
        };
        let finished = mine
            .iter()
            .filter(|r| r.state(today) == State::Finished)
            .count();
        let text = match latest.state(today) {
            State::Running | State::Upcoming => ui::challenge::where_it_stands(latest, today),
            State::Finished => format!("finished ({}% done)", latest.percent()),
            State::Abandoned => "abandoned".to_string(),
        };
        let text = if finished > 1 {
            format!("{text}; finished {finished} times")
        } else {
            text
        };
        (text, Some(latest))
    };
    if args.json {
        let list: Vec<_> = all
            .iter()
            .map(|c| {
                let (text, latest) = state(&c.slug);
                serde_json::json!({
                    "slug": c.slug,
                    "title": c.title,
                    "summary": c.summary,
                    "builtin": c.builtin,
                    "state": latest.map(|r| r.state(today).as_str()).unwrap_or("not started"),
                    "status": text,
                    "runs": runs.iter().filter(|(r, _)| r.challenge == c.slug).count(),
                })
            })
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    let rows = all
        .iter()
        .map(|c| {
            let mut title = c.title.clone();
            if !c.builtin {
                title.push_str(" (custom)");
            }
            vec![c.slug.clone(), state(&c.slug).0, title]
        })
        .collect();
    ctx.print(&ui::table::list(
        &["SLUG", "STATUS", "CHALLENGE"],
        rows,
        2,
        &[],
        ctx.out_style,
        ctx.width(),
    ))?;
    ctx.status(
        &ctx.err_style
            .dim("`mpl challenge show SLUG` for its 30 tasks; `mpl challenge start SLUG` to begin"),
    );
    Ok(())
}

fn show(ctx: &Ctx, args: &ShowArgs) -> Result<()> {
    let journal = ctx.existing_journal()?;
    let challenge = find(journal.as_ref(), &args.slug)?;
    if args.json {
        return ctx.print_json(&ui::challenge::challenge_json(&challenge));
    }
    ctx.print(&ui::challenge::definition(&challenge, ctx.out_style))
}

/// The running (or upcoming) run of each challenge.
fn active(runs: Vec<(Run, PathBuf)>, today: NaiveDate) -> Vec<(Run, PathBuf)> {
    runs.into_iter()
        .filter(|(r, _)| r.is_active(today))
        .collect()
}

fn start(ctx: &Ctx, args: &StartArgs) -> Result<()> {
    let today = super::today(ctx)?;
    let on = match args.on.as_deref() {
        None => today,
        Some(text) => date_arg("--on", text, today)?,
    };
    // Checked before the journal is created, so a typo creates nothing.
    let existing = ctx.existing_journal()?;
    let challenge = find(existing.as_ref(), &args.slug)?;
    let weekdays = match (&existing, args.every_day) {
        (_, true) => EVERY_DAY.to_vec(),
        (Some(journal), false) => journal.settings.workdays().to_vec(),
        (None, false) => WORKWEEK.to_vec(),
    };
    let run = Run::new(&challenge, on, &weekdays);
    if run.ends() < today {
        return Err(Error::usage(format!(
            "--on {on} is {} days ago: a run of {DAYS} days ({}) started then ended on {}",
            (today - on).num_days(),
            ui::challenge::weekdays_text(&run.weekdays),
            long_date(run.ends())
        )));
    }
    let (journal, lock) = ctx.journal_for_write()?;
    let today = journal.today(ctx.now);
    if let Some((run, _)) = active(runs(ctx, &journal), today)
        .into_iter()
        .find(|(r, _)| r.challenge == challenge.slug)
    {
        return Err(Error::new(format!(
            "{} is already running ({})",
            challenge.slug,
            ui::challenge::where_it_stands(&run, today)
        ))
        .hint(format!(
            "`mpl challenge status {0}` shows it; to start over, `mpl challenge abandon {0}` first",
            shell_arg(&challenge.slug)
        )));
    }
    let mut tx = journal.transaction(&lock);
    let path = tx.create_run(&run)?;
    tx.finish(&format!("challenge: start {}", challenge.slug), ctx.now)?;
    let days = if run.every_day() {
        format!("{DAYS} days")
    } else {
        format!(
            "{DAYS} days ({}; --every-day counts them all)",
            ui::challenge::weekdays_text(&run.weekdays)
        )
    };
    ctx.status(&format!(
        "started {} ({}), {days} to {}",
        ctx.err_style.bold(&challenge.title),
        journal.rel(&path).display(),
        long_date(run.ends())
    ));
    if run.started != on {
        ctx.status(&format!(
            "{} is a day off; day 1 is {}",
            long_date(on),
            long_date(run.started)
        ));
    }
    if let Some(day) = run.day_of(today)
        && let Some(task) = challenge.task(day)
    {
        ctx.print(&ui::challenge::task(day, task, ctx.out_style))?;
        ctx.status(&ctx.err_style.dim(&format!(
            "when it is done: mpl challenge done {}",
            challenge.slug
        )));
    }
    Ok(())
}

fn today_tasks(ctx: &Ctx, args: &TodayArgs) -> Result<()> {
    let Some(journal) = ctx.existing_journal()? else {
        return no_running(ctx, args.json);
    };
    let today = journal.today(ctx.now);
    let running: Vec<(Run, PathBuf)> = active(runs(ctx, &journal), today)
        .into_iter()
        .filter(|(r, _)| r.state(today) == State::Running)
        .collect();
    if running.is_empty() {
        return no_running(ctx, args.json);
    }
    let all = challenges(ctx, Some(&journal));
    let mut items = Vec::new();
    let mut out = String::new();
    for (run, _) in &running {
        // On a day off, the task of the next day of the run.
        let Some(day) = run.day_of(today).or_else(|| run.next_day(today)) else {
            continue;
        };
        let challenge = all.iter().find(|c| c.slug == run.challenge);
        let task = challenge.and_then(|c| c.task(day));
        let state = match run.checkin(day) {
            Some(checkin) => checkin.mark.as_str(),
            None if run.date_of(day) > today => "day off",
            None => "open",
        };
        items.push(serde_json::json!({
            "challenge": run.challenge,
            "day": day,
            "date": run.date_of(day).to_string(),
            "state": state,
            "title": task.map(|t| t.title.as_str()),
            "text": task.map(|t| t.text.as_str()),
            "command": task.and_then(|t| t.command.as_deref()),
        }));
        let mark = match state {
            "open" => String::new(),
            "day off" => format!(
                " {}",
                ctx.out_style.dim(&format!(
                    "(today is a day off; day {day} is {})",
                    long_date(run.date_of(day))
                ))
            ),
            done => format!(" {}", ctx.out_style.green(&format!("({done})"))),
        };
        out.push_str(&format!("{}{mark}\n", ctx.out_style.bold(&run.title),));
        match task {
            Some(task) => out.push_str(&ui::challenge::task(day, task, ctx.out_style)),
            None => out.push_str(&format!(
                "day {day}: (the definition of {} is missing)\n",
                run.challenge
            )),
        }
        out.push('\n');
    }
    if args.json {
        return ctx.print_json(&serde_json::Value::Array(items));
    }
    ctx.print(out.trim_end_matches('\n'))?;
    ctx.print("\n")
}

fn no_running(ctx: &Ctx, json: bool) -> Result<()> {
    if json {
        return ctx.print_json(&serde_json::json!([]));
    }
    ctx.status("no challenge is running; `mpl challenge list` shows them, `mpl challenge start SLUG` begins one");
    Ok(())
}

/// The run a check-in is for: the running run of `slug` (or the only running run), or
/// with `--day`, the latest finished one.
fn run_for(
    ctx: &Ctx,
    journal: &Journal,
    slug: Option<&str>,
    with_day: bool,
    today: NaiveDate,
) -> Result<(Run, PathBuf)> {
    let all = runs(ctx, journal);
    let running: Vec<&(Run, PathBuf)> = all.iter().filter(|(r, _)| r.is_active(today)).collect();
    let Some(slug) = slug else {
        // Without a slug, only runs that have begun are candidates.
        let begun: Vec<&&(Run, PathBuf)> = running
            .iter()
            .filter(|(r, _)| r.state(today) == State::Running)
            .collect();
        return match begun.as_slice() {
            [one] => Ok((**one).clone()),
            [] => Err(Error::new("no challenge is running")
                .hint("`mpl challenge start SLUG` begins one; `mpl challenge list` shows them")),
            many => Err(Error::usage(format!(
                "{} challenges are running: {}; say which",
                many.len(),
                many.iter()
                    .map(|(r, _)| r.challenge.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        };
    };
    let wanted = slug.trim().to_ascii_lowercase();
    let named = |r: &Run| r.challenge == wanted;
    if let Some(found) = running.iter().find(|(r, _)| named(r)) {
        return Ok((*found).clone());
    }
    // A unique prefix of a running challenge.
    let prefixed: Vec<_> = running
        .iter()
        .filter(|(r, _)| r.challenge.starts_with(&wanted))
        .collect();
    if let [one] = prefixed.as_slice() {
        return Ok((**one).clone());
    }
    let challenge = journal.find_challenge(&wanted)?;
    if with_day
        && let Some(found) = all
            .iter()
            .rev()
            .find(|(r, _)| r.challenge == challenge.slug && r.state(today) == State::Finished)
    {
        return Ok(found.clone());
    }
    Err(
        Error::new(format!("{} is not running", challenge.slug)).hint(format!(
            "`mpl challenge start {}` begins it",
            shell_arg(&challenge.slug)
        )),
    )
}

fn check_in(ctx: &Ctx, args: &CheckinArgs, mark: Mark) -> Result<()> {
    let (slug, day, note) = (args.slug.as_deref(), args.day, args.note.as_deref());
    let Some(journal) = ctx.existing_journal()? else {
        return Err(
            Error::new("no challenge is running: there is no journal yet")
                .hint("`mpl challenge start SLUG` begins one; `mpl challenge list` shows them"),
        );
    };
    if mark != Mark::Done && args.cpd.hours.is_some() {
        return Err(Error::usage(
            "--hours goes with a day done: a day off holds no learning time",
        ));
    }
    let lock = ctx.lock(&journal)?;
    let today = journal.today(ctx.now);
    let (mut run, path) = run_for(ctx, &journal, slug, day.is_some(), today)?;
    let day = match day {
        Some(day) => day,
        None => match run.day_of(today) {
            Some(day) => day,
            None if today < run.started => {
                return Err(Error::new(format!(
                    "{} starts on {}; there is nothing to check in yet",
                    run.challenge,
                    long_date(run.started)
                )));
            }
            None => return Err(day_off(&run, today)),
        },
    };
    let date = run.date_of(day);
    // The day's own hours, when it is checked in again, are replaced, not added to.
    let had = run
        .checkin(day)
        .and_then(|c| c.cpd.as_ref())
        .map_or(0.0, |c| c.hours);
    let cpd = args.cpd.checked_replacing(Some(&journal), date, had)?;
    if date > today && mark == Mark::Done {
        return Err(Error::usage(format!(
            "day {day} of {} is {}, in the future",
            run.challenge,
            long_date(date)
        ))
        .hint(match run.day_of(today) {
            Some(now) => format!("today is day {now}"),
            None => match run.next_day(today) {
                Some(next) => format!(
                    "the next day of the run is day {next}, {}",
                    long_date(run.date_of(next))
                ),
                None => "the run is over".to_string(),
            },
        }));
    }
    // A day off taken for a day gone by was not planned: it is excused, and says so.
    let mut mark = match mark {
        Mark::Skipped if date < today => Mark::Excused,
        mark => mark,
    };
    let note = note.map(str::trim).unwrap_or("").to_string();
    if let Some(existing) = run.checkin(day) {
        if existing.mark == Mark::Done && mark != Mark::Done {
            return Err(Error::new(format!(
                "day {day} of {} is done; a done day is not skipped",
                run.challenge
            )));
        }
        // A day off already recorded stays the kind of day off it is.
        if existing.mark != Mark::Done && mark != Mark::Done {
            mark = existing.mark;
        }
        if existing.mark == mark
            && (note.is_empty() || note == existing.note)
            && (cpd.is_none() || cpd == existing.cpd)
        {
            ctx.status(&format!(
                "day {day} of {} is already {}; nothing changed",
                run.challenge,
                mark.as_str()
            ));
            return Ok(());
        }
    }
    let what = mark.as_str();
    let note = if note.is_empty() {
        run.checkin(day).map(|c| c.note.clone()).unwrap_or_default()
    } else {
        note
    };
    let cpd = cpd.or_else(|| run.checkin(day).and_then(|c| c.cpd.clone()));
    run.set(Checkin {
        day,
        mark,
        at: ctx.now,
        note,
        cpd,
    });
    let mut tx = journal.transaction(&lock);
    tx.update_run(&run, &path)?;
    tx.finish(
        &format!("challenge: {} day {day} {what}", run.challenge),
        ctx.now,
    )?;
    let (current, _) = run.streaks(today);
    let streak = if current > 1 {
        format!(" · streak {current}")
    } else {
        String::new()
    };
    ctx.status(&format!(
        "day {day} of {} {what} · {}% of {DAYS} days{streak}",
        run.challenge,
        run.percent()
    ));
    if mark == Mark::Excused {
        ctx.status(&format!(
            "{} was a day off taken afterwards: it does not break the streak, and shows as excused",
            long_date(date)
        ));
    }
    if day == DAYS && mark == Mark::Done {
        ctx.status("that was the last day: `mpl challenge status` shows the month");
    }
    Ok(())
}

/// The error for a check-in on a day the run does not count.
fn day_off(run: &Run, today: NaiveDate) -> Error {
    let next = run
        .next_day(today)
        .map(|day| format!("; day {day} is {}", long_date(run.date_of(day))))
        .unwrap_or_default();
    Error::new(format!(
        "today is a day off in {}, which counts {}: nothing to check in{next}",
        run.challenge,
        ui::challenge::weekdays_text(&run.weekdays)
    ))
    .hint(format!(
        "for a day gone by, `mpl challenge done {} --day N`; a run started with --every-day counts every day",
        shell_arg(&run.challenge)
    ))
}

/// How many days after its end a finished run is still what `challenge status` shows, when
/// none is running.
const RECENTLY: i64 = 7;

fn status(ctx: &Ctx, args: &StatusArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let all = runs(ctx, &journal);
    let shown: Vec<(Run, PathBuf)> = match &args.slug {
        Some(slug) => {
            let challenge = journal.find_challenge(slug)?;
            let mine: Vec<_> = all
                .into_iter()
                .filter(|(r, _)| r.challenge == challenge.slug)
                .collect();
            if mine.is_empty() && !args.json {
                ctx.status(&format!(
                    "{} has not been started; `mpl challenge start {}` begins it",
                    challenge.slug,
                    shell_arg(&challenge.slug)
                ));
                return Ok(());
            }
            mine
        }
        None => {
            // The morning after day 30, the month just finished is what one wants to see.
            let (running, ended): (Vec<_>, Vec<_>) =
                all.into_iter().partition(|(r, _)| r.is_active(today));
            if running.is_empty() {
                ended
                    .into_iter()
                    .filter(|(r, _)| {
                        r.state(today) == State::Finished
                            && r.ends() >= today - chrono::Duration::days(RECENTLY)
                    })
                    .collect()
            } else {
                running
            }
        }
    };
    if args.json {
        let list: Vec<_> = shown
            .iter()
            .map(|(run, path)| ui::challenge::run_json(run, journal.rel(path), today))
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    if shown.is_empty() {
        return no_running(ctx, false);
    }
    let titles = challenges(ctx, Some(&journal));
    let mut out = String::new();
    for (run, _) in &shown {
        let title = titles
            .iter()
            .find(|c| c.slug == run.challenge)
            .map_or(run.title.as_str(), |c| c.title.as_str());
        out.push_str(&ui::challenge::status(run, title, today, ctx.out_style));
        out.push('\n');
    }
    out.push_str(&ui::challenge::legend(ctx.out_style));
    out.push('\n');
    ctx.print(&out)
}

fn abandon(ctx: &Ctx, args: &AbandonArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let lock = ctx.lock(&journal)?;
    let today = journal.today(ctx.now);
    let (mut run, path) = run_for(ctx, &journal, Some(&args.slug), false, today)?;
    run.abandoned = Some(today);
    let mut tx = journal.transaction(&lock);
    tx.update_run(&run, &path)?;
    tx.finish(&format!("challenge: abandon {}", run.challenge), ctx.now)?;
    let (done, _) = run.counts();
    ctx.status(&format!(
        "abandoned {} after {done} done day{}; its history stays in {}, and `mpl challenge start {}` begins it again",
        run.challenge,
        if done == 1 { "" } else { "s" },
        journal.rel(&path).display(),
        shell_arg(&run.challenge)
    ));
    Ok(())
}

/// Mentions, once a day, the open task of each running challenge (after `reflect`, `learn`).
pub(crate) fn mention_open_tasks(ctx: &Ctx, journal: &Journal) {
    if ctx.quiet {
        return;
    }
    for task in journal.tasks_to_mention(journal.today(ctx.now)) {
        ctx.status(&format!(
            "challenge: day {} of {} is open: {} (`mpl challenge done {}` when it is)",
            task.day,
            task.challenge,
            task.title,
            shell_arg(&task.challenge)
        ));
    }
}
