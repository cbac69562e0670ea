//! `mpl goal kr`, `mpl goal measure` and `mpl goal trace`: a goal measured by performance,
//! with key results read over time, and the story of what was learned and done against
//! how the numbers moved.

use super::goal::goal_for_change;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::evidence::check_link;
use crate::model::goal::Goal;
use crate::model::key_result::{
    KeyResult, Reading, add_key_result, add_reading, check_unit, id_of, number, parse_value,
};
use crate::model::{Entry, Kind, KindFields};
use crate::render::terminal::shell_arg;
use crate::store::scan::Query;

/// A goal's key results: what is measured, from where, to where
#[derive(Debug, clap::Args)]
pub(crate) struct KrArgs {
    #[command(subcommand)]
    pub command: KrCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum KrCommand {
    /// Add a key result: a number with a baseline and a target
    ///
    /// `mpl goal kr add checkout "Checkout availability" --from 99.5 --to 99.95 --unit %`.
    /// A target below the baseline means less is better (latency, incidents). The goal's
    /// progress is then worked out from the readings (`mpl goal measure`).
    Add(KrAddArgs),
    /// List a goal's key results with their latest readings
    List(KrListArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct KrAddArgs {
    /// The goal's id (or a unique prefix)
    #[arg(value_name = "GOAL", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: String,
    /// What is measured, such as "Checkout availability"
    #[arg(value_name = "NAME", required = true)]
    pub name: Vec<String>,
    /// The baseline: where it stands now
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    pub from: String,
    /// The target: where it should get to
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    pub to: String,
    /// What the numbers count: %, ms, incidents, … [default: none]
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// The key result's id [default: made from the name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct KrListArgs {
    /// The goal's id (or a unique prefix)
    #[arg(value_name = "GOAL", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: String,
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

/// Record a reading of a goal's key result
///
/// `mpl goal measure checkout availability 99.7 --source https://grafana.example.com/d/x`.
/// The value may carry the key result's unit (`99.7%`, `240 ms`). Readings taken on two
/// machines are merged by sync as data.
#[derive(Debug, clap::Args)]
pub(crate) struct MeasureArgs {
    /// The goal's id (or a unique prefix)
    #[arg(value_name = "GOAL", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: String,
    /// The key result's id (or a unique prefix of it)
    #[arg(value_name = "KR")]
    pub kr: String,
    /// The value read
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
    /// The day it was read [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where the number comes from: a dashboard, a report (a web address)
    #[arg(long, value_name = "URL")]
    pub source: Option<String>,
    /// The value's unit, checked against the key result's
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
}

/// Tell a goal's story in time order: what was learned, what was done, how the numbers moved
#[derive(Debug, clap::Args)]
pub(crate) struct TraceArgs {
    /// The goal's id (or a unique prefix)
    #[arg(value_name = "GOAL", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: String,
    /// Print one JSON array of events
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn kr(ctx: &Ctx, args: &KrArgs) -> Result<()> {
    match &args.command {
        KrCommand::Add(args) => add(ctx, args),
        KrCommand::List(args) => list(ctx, args),
    }
}

fn number_arg(flag: &str, text: &str) -> Result<(f64, String)> {
    parse_value(text).map_err(|message| Error::usage(format!("{flag}: {message}")))
}

fn add(ctx: &Ctx, args: &KrAddArgs) -> Result<()> {
    let name = args.name.join(" ").trim().to_string();
    if name.is_empty() || name.contains('\n') {
        return Err(
            Error::usage("a key result's name is one line of text").hint(
                "mpl goal kr add GOAL \"Checkout availability\" --from 99.5 --to 99.95 --unit %",
            ),
        );
    }
    let (from, from_unit) = number_arg("--from", &args.from)?;
    let (to, to_unit) = number_arg("--to", &args.to)?;
    let unit = match (&args.unit, from_unit.as_str(), to_unit.as_str()) {
        (Some(unit), _, _) => unit.trim().to_string(),
        (None, a, b) if a.eq_ignore_ascii_case(b) || b.is_empty() => a.to_string(),
        (None, "", b) => b.to_string(),
        (None, a, b) => {
            return Err(Error::usage(format!(
                "--from is in {a} and --to in {b}: give both in one unit"
            )));
        }
    };
    check_unit(&unit).map_err(|m| Error::usage(format!("--unit: {m}")))?;
    for written in [&from_unit, &to_unit] {
        if !written.is_empty() && !written.eq_ignore_ascii_case(&unit) {
            return Err(Error::usage(format!(
                "a value is in {written}, but the unit is {unit}: give both in one unit"
            )));
        }
    }
    if from == to {
        return Err(Error::usage(format!(
            "--from and --to are both {}: the target must differ from the baseline",
            number(from)
        )));
    }
    let id = match &args.id {
        Some(id) => {
            crate::model::slug::check_id(id).map_err(|m| Error::usage(format!("--id: {m}")))?;
            id.clone()
        }
        None => id_of(&name),
    };
    let (journal, lock, mut entry, goal) = goal_for_change(ctx, &args.goal)?;
    if goal.key_results.iter().any(|k| k.id == id) {
        return Err(Error::usage(format!(
            "goal {} already has a key result \"{id}\"",
            entry.id
        ))
        .hint("give this one its own id with --id"));
    }
    let kr = KeyResult {
        id: id.clone(),
        name,
        unit,
        from,
        to,
    };
    add_key_result(&mut entry, &kr);
    journal.save_entry(
        &lock,
        &entry,
        &format!("goal: key result {id} for {}", entry.id),
        ctx.now,
    )?;
    ctx.status(&format!(
        "added key result {id} to {}: {} from {} to {}; record readings with `mpl goal measure {} {id} VALUE`",
        entry.id,
        kr.name,
        kr.show(from),
        kr.show(to),
        shell_arg(&entry.id)
    ));
    Ok(())
}

fn list(ctx: &Ctx, args: &KrListArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let path = journal.find_goal(&args.goal)?;
    let (entry, goal) = journal.read_goal(&path)?;
    if args.json {
        return ctx.print_json(&crate::ui::goal::key_results_json(&goal));
    }
    if goal.key_results.is_empty() {
        ctx.status(&format!(
            "goal {} has no key results: `mpl goal kr add {} NAME --from N --to N` adds one",
            entry.id,
            shell_arg(&entry.id)
        ));
        return Ok(());
    }
    ctx.print(&crate::ui::goal::key_results(&goal, ctx.out_style))
}

pub(crate) fn measure(ctx: &Ctx, args: &MeasureArgs) -> Result<()> {
    let (value, written_unit) = number_arg("VALUE", &args.value)?;
    let source = args
        .source
        .as_deref()
        .map(|s| check_link(s).map_err(|m| Error::usage(format!("--source: {m}"))))
        .transpose()?;
    let (journal, lock, mut entry, goal) = goal_for_change(ctx, &args.goal)?;
    let today = journal.today(ctx.now);
    let date = super::past_date(args.date.as_deref(), today)?;
    let kr = find_kr(&entry, &goal, &args.kr)?;
    for (given, what) in [
        (Some(written_unit.as_str()), "the value"),
        (args.unit.as_deref(), "--unit"),
    ] {
        if let Some(given) = given.map(str::trim).filter(|u| !u.is_empty())
            && !given.eq_ignore_ascii_case(&kr.unit)
        {
            let unit = if kr.unit.is_empty() {
                "no unit".to_string()
            } else {
                kr.unit.clone()
            };
            return Err(Error::usage(format!(
                "{what} is in {given}, but {} ({}) is measured in {unit}",
                kr.id, kr.name
            ))
            .hint("give the value in the key result's unit"));
        }
    }
    let before = kr.latest(&goal.readings).map(|r| r.value);
    let reading = Reading {
        key_result: kr.id.clone(),
        date,
        value,
        source,
    };
    add_reading(&mut entry, &reading);
    journal.save_entry(
        &lock,
        &entry,
        &format!("goal: measure {} {} = {}", entry.id, kr.id, number(value)),
        ctx.now,
    )?;
    let after = Goal::from_entry(&entry).ok().and_then(|g| g.percent());
    let moved = match before {
        Some(before) => format!(" (was {})", kr.show(before)),
        None => String::new(),
    };
    ctx.status(&format!(
        "{} {}: {}{moved}, {}% of the way from {} to {}{}",
        entry.id,
        kr.id,
        kr.show(value),
        (kr.progress(value) * 100.0).round(),
        kr.show(kr.from),
        kr.show(kr.to),
        after
            .map(|p| format!("; the goal is at {p}%"))
            .unwrap_or_default()
    ));
    Ok(())
}

/// The key result `text` names: its id, or a unique prefix of it.
fn find_kr(entry: &Entry, goal: &Goal, text: &str) -> Result<KeyResult> {
    let ids = || {
        goal.key_results
            .iter()
            .map(|k| k.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if goal.key_results.is_empty() {
        return Err(
            Error::usage(format!("goal {} has no key results", entry.id)).hint(format!(
                "`mpl goal kr add {} NAME --from N --to N --unit U` adds one",
                shell_arg(&entry.id)
            )),
        );
    }
    let text = text.trim().to_lowercase();
    if let Some(kr) = goal.key_results.iter().find(|k| k.id == text) {
        return Ok(kr.clone());
    }
    let matches: Vec<&KeyResult> = goal
        .key_results
        .iter()
        .filter(|k| k.id.starts_with(&text))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::usage(format!(
            "goal {} has no key result \"{text}\": its key results are {}",
            entry.id,
            ids()
        ))),
        _ => Err(Error::usage(format!(
            "\"{text}\" matches several key results of {}: {}",
            entry.id,
            ids()
        ))),
    }
}

/// One moment of a goal's story.
struct Event {
    date: chrono::NaiveDate,
    what: String,
    text: String,
    id: Option<String>,
}

pub(crate) fn trace(ctx: &Ctx, args: &TraceArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let path = journal.find_goal(&args.goal)?;
    let (entry, goal) = journal.read_goal(&path)?;
    let listing = journal.list(&Query {
        goal: Some(entry.id.clone()),
        ..Query::default()
    });
    ctx.warn_problems(&listing.problems);
    let mut events: Vec<Event> = Vec::new();
    events.push(Event {
        date: entry.date,
        what: "goal".into(),
        text: format!("set: {}", entry.title),
        id: Some(entry.id.clone()),
    });
    for found in listing.entries.iter().filter(|f| f.entry.id != entry.id) {
        let e = &found.entry;
        let text = match e.kind {
            Kind::Reflection | Kind::Review => crate::model::reflection::gist(e, 100),
            Kind::Evidence => match crate::model::evidence::Evidence::of(e).impact {
                Some(impact) => format!("{}: {impact}", e.title),
                None => e.title.clone(),
            },
            _ => e.title.clone(),
        };
        events.push(Event {
            date: e.date,
            what: e.kind.as_str().into(),
            text,
            id: Some(e.id.clone()),
        });
    }
    for note in &goal.progress {
        let (text, percent) = note.reads();
        let percent = percent.map(|p| format!(" ({p}%)")).unwrap_or_default();
        events.push(Event {
            date: note.date,
            what: "progress".into(),
            text: format!("{text}{percent}"),
            id: None,
        });
    }
    for kr in &goal.key_results {
        let mut last: Option<f64> = None;
        for r in kr.readings(&goal.readings) {
            let change = match last {
                Some(before) if r.value != before => {
                    let better = (r.value - before).signum() == (kr.to - kr.from).signum();
                    format!(
                        " ({}{}, {})",
                        if r.value > before { "+" } else { "" },
                        number(r.value - before),
                        if better { "better" } else { "worse" }
                    )
                }
                Some(_) => " (no change)".to_string(),
                None => format!(" (baseline {})", kr.show(kr.from)),
            };
            events.push(Event {
                date: r.date,
                what: "reading".into(),
                text: format!("{}: {}{change}", kr.name, kr.show(r.value)),
                id: None,
            });
            last = Some(r.value);
        }
    }
    // In time order; on one day, what was learned and done comes before the numbers.
    let rank = |what: &str| match what {
        "goal" => 0,
        "reading" => 3,
        "progress" => 2,
        _ => 1,
    };
    events.sort_by_key(|e| (e.date, rank(&e.what)));
    if args.json {
        let items: Vec<serde_json::Value> = events
            .iter()
            .map(|e| {
                serde_json::json!({
                    "date": e.date.to_string(),
                    "what": e.what,
                    "text": e.text,
                    "id": e.id,
                })
            })
            .collect();
        return ctx.print_json(&serde_json::Value::Array(items));
    }
    let style = ctx.out_style;
    let mut out = format!("{}\n", style.bold(&entry.title));
    for e in &events {
        out.push_str(&format!(
            "{}  {:<10} {}{}\n",
            e.date,
            e.what,
            e.text,
            e.id.as_ref()
                .filter(|_| e.what != "goal")
                .map(|id| format!("  {}", style.dim(id)))
                .unwrap_or_default()
        ));
    }
    if goal.key_results.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            style.dim(&format!(
                "no key results: the story has activity but no measure of performance; `mpl goal kr add {} NAME --from N --to N` adds one",
                shell_arg(&entry.id)
            ))
        ));
    }
    ctx.print(&out)
}

/// Active goals with activity in the last `ACTIVE_DAYS` days but no reading for
/// `UNREAD_DAYS`: "activity only".
pub(crate) const ACTIVE_DAYS: i64 = 30;
pub(crate) const UNREAD_DAYS: i64 = 60;

/// Whether a goal is busy but unmeasured: active, with entries linked to it in the last
/// [`ACTIVE_DAYS`] days (`linked_dates`), and no reading of a key result in the last
/// [`UNREAD_DAYS`].
pub(crate) fn activity_only(
    goal: &Goal,
    linked_dates: &[chrono::NaiveDate],
    today: chrono::NaiveDate,
) -> bool {
    let recent = |days: i64| today - chrono::Duration::days(days);
    goal.status == crate::model::goal::Status::Active
        && linked_dates.iter().any(|d| *d >= recent(ACTIVE_DAYS))
        && goal.last_reading().is_none_or(|d| d < recent(UNREAD_DAYS))
}
