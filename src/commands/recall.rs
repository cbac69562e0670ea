//! `mpl recall`: what you learned comes back on a spaced schedule (SM-2), a few entries at
//! a time; each answer to "do you still know this?" decides when it comes back.

use super::tags_arg;
use crate::app::Ctx;
use crate::error::{Error, ErrorKind, Result};
use crate::model::date::long_date;
use crate::model::recall::{Answer, Log, Rating, Schedule, learned_date};
use crate::model::{Entry, Kind};
use crate::store::recall::{RECENT_DAYS, Scheduled};
use crate::store::{Journal, RECALL_FILE, kind_of_path};
use chrono::NaiveDate;
use clap::builder::TypedValueParser;
use clap_complete::ArgValueCandidates;
use std::path::PathBuf;

/// How many entries a session on a terminal brings when `-n` is not given.
const SESSION: usize = 5;

/// Recall what you learned, on a spaced schedule: your answer sets when each comes back
///
/// On a terminal, each learned entry that is due shows its title and asks whether you still
/// know it; Enter shows your note, then you say how well you knew it: again (forgot it: back
/// tomorrow), hard, good or easy (back later each time). The schedule is SuperMemo 2's. Each
/// answer is added to recall.log in the journal and committed at once, so Ctrl-C keeps what
/// was answered. Off a terminal, with --no-input or with --list, it lists what is due.
///
/// Entries learned in the last 30 days are in the schedule, each due the day after it was
/// learned; older ones join once recalled (with --all, or by ID).
#[derive(Debug, clap::Args)]
pub(crate) struct RecallArgs {
    /// A learned entry to recall now, due or not (a unique start of its id is enough)
    #[arg(value_name = "ID", add = ArgValueCandidates::new(crate::complete::learned_ids))]
    pub id: Option<String>,
    /// Record how well you knew ID, without asking
    #[arg(
        long,
        value_name = "RATING",
        requires = "id",
        value_parser = clap::builder::PossibleValuesParser::new(["again", "hard", "good", "easy"])
            .map(|word| Rating::parse(&word).expect("one of the words listed"))
    )]
    pub rate: Option<Rating>,
    /// Only entries with this tag (repeatable: any of them)
    #[arg(long = "tag", value_name = "TAG", add = ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// At most N entries [default: 5 on a terminal, all in a list]
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// Also entries learned more than 30 days ago and never recalled
    #[arg(long)]
    pub all: bool,
    /// List what is due instead of asking: id, title, due date, times recalled
    #[arg(long, conflicts_with = "id")]
    pub list: bool,
    /// Print the list as JSON: [{"id", "title", "date", "due", "reviews", "last_rating",
    /// "interval_days"}]
    #[arg(long, conflicts_with = "id")]
    pub json: bool,
}

/// A learned entry in the schedule, read.
struct Card {
    id: String,
    entry: Entry,
    schedule: Schedule,
}

pub(crate) fn run(ctx: &Ctx, args: &RecallArgs) -> Result<()> {
    let tags = tags_arg(&args.tag)?;
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let log = read_log(ctx, &journal)?;
    if let Some(id) = &args.id {
        let card = learned(&journal, &log, id)?;
        return match args.rate {
            Some(rating) => {
                let schedule = record(ctx, &journal, &card, rating, today)?;
                ctx.status(&format!(
                    "recalled {}: {rating}; {}",
                    card.id,
                    next_time(schedule.due, today)
                ));
                Ok(())
            }
            None if ctx.can_prompt() => session(ctx, &journal, vec![card], &tags, args.all, today),
            None => Err(Error::new(format!(
                "recalling {} asks how well you knew it, and there is no terminal to ask on{}",
                card.id,
                if ctx.no_input { " (--no-input)" } else { "" }
            ))
            .hint(format!(
                "give the answer: `mpl recall {} --rate good` (or again, hard, easy)",
                card.id
            ))),
        };
    }
    let (scheduled, problems) = journal.recall_schedule(&log, today, args.all);
    ctx.warn_problems(&problems);
    let listing = args.list || args.json || !ctx.can_prompt();
    let limit = args
        .limit
        .unwrap_or(if listing { usize::MAX } else { SESSION });
    let (due, next) = read_due(ctx, &journal, &scheduled, &tags, today, limit);
    if args.json {
        return ctx.print_json(&serde_json::Value::Array(due.iter().map(json).collect()));
    }
    if due.is_empty() {
        ctx.status(&nothing_due(
            next.as_ref(),
            &scheduled,
            &tags,
            args.all,
            today,
        ));
        return Ok(());
    }
    if listing {
        return list(ctx, &due);
    }
    session(ctx, &journal, due, &tags, args.all, today)
}

/// The recall log; lines that are not answers are skipped, and said once.
fn read_log(ctx: &Ctx, journal: &Journal) -> Result<Log> {
    let log = journal.recall_log()?;
    if let Some(first) = log.bad.first() {
        let more = match log.bad.len() {
            1 => "a line that is not an answer".to_string(),
            n => format!("{n} lines that are not answers"),
        };
        ctx.warn(&format!(
            "{RECALL_FILE} has {more} (line {}), which recall skips; `mpl doctor` says what is wrong",
            first.line
        ));
    }
    Ok(log)
}

/// The learned entry `id` names (an id, or a unique start of one), with its schedule.
fn learned(journal: &Journal, log: &Log, id: &str) -> Result<Card> {
    let how_to_find = "`mpl recall --list --all` and `mpl log --kind learned` list learned entries with their ids";
    let mut path = journal.find(id).map_err(|mut err| {
        if err.message.starts_with("no entry with id") {
            err.hints = vec![how_to_find.to_string()];
        }
        err
    })?;
    let kind = kind_of_path(journal.rel(&path));
    if kind != Some(Kind::Learned) {
        // A day's id names its reflection first: a learned entry of that day may be meant.
        match only_learned_starting(journal, id) {
            Some(learned) => path = learned,
            None => {
                let folder = kind.map_or("another folder".to_string(), |k| format!("{}/", k.dir()));
                return Err(Error::new(format!(
                    "{} is in {folder}, not a learned entry: recall brings back what you learned (`mpl learn`)",
                    id_of(&path)
                ))
                .hint(how_to_find));
            }
        }
    }
    let entry = journal.read_entry(&path)?;
    let Some(day) = learned_date(&entry.id) else {
        return Err(Error::new(format!(
            "{}: the file name does not start with the day it was learned, so it has no place in the schedule",
            journal.rel(&path).display()
        ))
        .hint("`mpl doctor` says how to fix it"));
    };
    let schedule = Schedule::replay(day, log.of(&entry.id), journal.settings.day_starts_at);
    Ok(Card {
        id: entry.id.clone(),
        entry,
        schedule,
    })
}

/// The one learned entry whose id starts with `id`, if exactly one does.
fn only_learned_starting(journal: &Journal, id: &str) -> Option<PathBuf> {
    let id = id.trim().to_ascii_lowercase();
    let dir = journal.root.join(Kind::Learned.dir()).join(id.get(..4)?);
    let stems: Vec<String> = journal
        .md_stems(&dir)
        .ok()?
        .into_iter()
        .filter(|stem| stem.starts_with(&id))
        .collect();
    match &stems[..] {
        [one] => Some(dir.join(format!("{one}.md"))),
        _ => None,
    }
}

fn id_of(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The due entries with any of `tags` (all, without tags), read, at most `limit`, in the
/// schedule's order; and the first one due after today. An entry that does not read is
/// skipped, with a warning.
fn read_due(
    ctx: &Ctx,
    journal: &Journal,
    scheduled: &[Scheduled],
    tags: &[String],
    today: NaiveDate,
    limit: usize,
) -> (Vec<Card>, Option<Card>) {
    let mut due = Vec::new();
    let mut problems = Vec::new();
    let mut next = None;
    for item in scheduled {
        if item.schedule.due <= today && due.len() >= limit {
            continue;
        }
        let entry = match journal.read_entry(&item.path) {
            Ok(entry) => entry,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if !tags.is_empty() && !tags.iter().any(|t| entry.has_tag(t)) {
            continue;
        }
        let card = Card {
            id: item.id.clone(),
            entry,
            schedule: item.schedule.clone(),
        };
        if item.schedule.due <= today {
            due.push(card);
        } else {
            next = Some(card);
            break;
        }
    }
    ctx.warn_problems(&problems);
    (due, next)
}

fn json(card: &Card) -> serde_json::Value {
    let s = &card.schedule;
    serde_json::json!({
        "id": card.id,
        "title": card.entry.title,
        "date": card.entry.date.to_string(),
        "due": s.due.to_string(),
        "reviews": s.reviews,
        "last_rating": s.last_rating.map(Rating::as_str),
        "interval_days": s.interval_days(),
    })
}

fn list(ctx: &Ctx, due: &[Card]) -> Result<()> {
    let rows = due
        .iter()
        .map(|card| {
            let s = &card.schedule;
            vec![
                s.due.to_string(),
                card.id.clone(),
                card.entry.title.clone(),
                s.reviews.to_string(),
                s.last_rating.map(|r| r.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    ctx.print(&crate::ui::table::list(
        &["DUE", "ID", "TITLE", "RECALLED", "LAST"],
        rows,
        2,
        &[1],
        ctx.out_style,
        ctx.width(),
    ))
}

/// The line when nothing is due: when the next one is, or why nothing is in the schedule.
fn nothing_due(
    next: Option<&Card>,
    scheduled: &[Scheduled],
    tags: &[String],
    all: bool,
    today: NaiveDate,
) -> String {
    let with_tags = if tags.is_empty() {
        String::new()
    } else {
        format!(" tagged {}", crate::render::hashtags(tags))
    };
    if let Some(next) = next {
        return format!(
            "nothing{with_tags} to recall today; the next, \"{}\", is due {}",
            next.entry.title,
            on_day(next.schedule.due, today)
        );
    }
    if !scheduled.is_empty() || !tags.is_empty() {
        return format!("nothing{with_tags} to recall");
    }
    if all {
        "nothing to recall: the journal has no learned entries; `mpl learn` records one".into()
    } else {
        format!(
            "nothing to recall: nothing was learned in the last {RECENT_DAYS} days, and nothing recalled before; `mpl recall --all` takes in older entries"
        )
    }
}

/// Asks about each card on the terminal, recording each answer as it is given.
fn session(
    ctx: &Ctx,
    journal: &Journal,
    cards: Vec<Card>,
    tags: &[String],
    all: bool,
    today: NaiveDate,
) -> Result<()> {
    let color = ctx.err_style.enabled;
    let style = ctx.out_style;
    let count = cards.len();
    let mut answered = 0;
    let stopped = |answered: usize, err: Error| -> Error {
        if err.kind() != ErrorKind::Interrupted {
            return err;
        }
        match answered {
            0 => Error::interrupted("nothing was saved"),
            n => Error::interrupted(format!(
                "{} given so far {} saved in {RECALL_FILE}",
                if n == 1 {
                    "the answer".to_string()
                } else {
                    format!("the {n} answers")
                },
                if n == 1 { "is" } else { "are" }
            ))
            .hint("`mpl recall` goes on with what is still due"),
        }
    };
    for (i, card) in cards.iter().enumerate() {
        let entry = &card.entry;
        let title = if entry.title.is_empty() {
            "(untitled)"
        } else {
            &entry.title
        };
        let mut about = format!("learned {}", long_date(entry.date));
        if card.schedule.reviews > 0 {
            about.push_str(&format!(
                " · recalled {} · last {}",
                times(card.schedule.reviews),
                card.schedule.last_rating.map_or("", Rating::as_str)
            ));
        }
        let counter = if count > 1 {
            format!("{}/{count} ", i + 1)
        } else {
            String::new()
        };
        ctx.print(&format!(
            "\n{}{}\n{}\n",
            style.dim(&counter),
            style.bold(title),
            style.dim(&about)
        ))?;
        crate::prompt::ask(
            "Do you still know this? Think of it, then press Enter to see your note",
            "",
            color,
        )
        .map_err(|err| stopped(answered, err))?;
        ctx.print(&format!("\n{}\n", crate::ui::entry::text(entry, style)))?;
        let choices: Vec<String> = Rating::ALL
            .iter()
            .map(|rating| {
                let after = card.schedule.after(*rating, today);
                format!(
                    "{rating}: {} — {}",
                    meaning(*rating),
                    next_time(after.due, today)
                )
            })
            .collect();
        let chosen = crate::prompt::select("How well did you know it?", &choices, 2, color)
            .map_err(|err| stopped(answered, err))?;
        let rating = Rating::ALL[chosen];
        let schedule = record(ctx, journal, card, rating, today)?;
        answered += 1;
        ctx.status(
            &ctx.err_style
                .dim(&format!("{rating}: {}", next_time(schedule.due, today))),
        );
    }
    // What is left, as the schedule now stands.
    let log = journal.recall_log()?;
    let (scheduled, _) = journal.recall_schedule(&log, today, all);
    let (due, next) = read_due(ctx, journal, &scheduled, tags, today, usize::MAX);
    let done = format!(
        "recalled {}",
        if answered == 1 {
            "1 entry".to_string()
        } else {
            format!("{answered} entries")
        }
    );
    let left = due.len();
    let then = if left > 0 {
        format!(
            "{left} more {} due today (`mpl recall` brings {})",
            if left == 1 { "is" } else { "are" },
            if left == 1 { "it" } else { "them" }
        )
    } else if let Some(next) = next {
        format!("the next is due {}", on_day(next.schedule.due, today))
    } else {
        "nothing else is in the schedule".to_string()
    };
    ctx.status(&format!("{done}; {then}"));
    Ok(())
}

/// Appends the answer to the recall log and commits it; returns the entry's new schedule.
fn record(
    ctx: &Ctx,
    journal: &Journal,
    card: &Card,
    rating: Rating,
    today: NaiveDate,
) -> Result<Schedule> {
    let answer = Answer {
        at: ctx.now,
        id: card.id.clone(),
        rating,
    };
    let title = crate::model::entry::title_from_text(&card.entry.title, 60);
    // An encrypted entry's title stays out of the commit message.
    let private = journal.encrypts() && card.entry.visibility == crate::model::Visibility::Private;
    let title = if title.is_empty() || private {
        &card.id
    } else {
        &title
    };
    let lock = ctx.lock(journal)?;
    journal.record_answers(
        &lock,
        std::slice::from_ref(&answer),
        &format!("recall: {title} ({rating})"),
        ctx.now,
    )?;
    drop(lock);
    Ok(card.schedule.after(rating, today))
}

/// What each answer means, for the question.
fn meaning(rating: Rating) -> &'static str {
    match rating {
        Rating::Again => "forgot it",
        Rating::Hard => "remembered it, with effort",
        Rating::Good => "remembered it",
        Rating::Easy => "knew it at once",
    }
}

/// "back tomorrow", "back in 6 days (Tuesday 1 December 2026)".
fn next_time(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        ..=0 => "due again today".to_string(),
        1 => format!("back tomorrow ({})", long_date(due)),
        n => format!("back in {n} days ({})", long_date(due)),
    }
}

/// "today", "tomorrow", "on Friday 27 November 2026".
fn on_day(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        ..=0 => "today".to_string(),
        1 => format!("tomorrow, {}", long_date(due)),
        _ => format!("on {}", long_date(due)),
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}
