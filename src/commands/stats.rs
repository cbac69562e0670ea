//! `mpl stats`: counts, streaks and a year of activity, from file names where possible.

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::model::challenge::State;
use crate::model::goal::{Goal, Status};
use crate::model::intention::FollowThrough;
use crate::model::stats::streaks;
use crate::ui;
use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// Show counts, streaks and a heatmap of your learning
///
/// Entries per kind and per month, the current and longest reflection streak (counted on
/// your workdays, see mpl.toml), the current and longest learning streak (every day), goals
/// by status, challenges finished, and a calendar of the year.
#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    /// The year to show [default: the last twelve months]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Print one JSON document
    #[arg(long)]
    pub json: bool,
}

const DATED: [Kind; 5] = [
    Kind::Reflection,
    Kind::Learned,
    Kind::Evidence,
    Kind::Feedback,
    Kind::Review,
];

pub(crate) fn run(ctx: &Ctx, args: &StatsArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (first, last) = match args.year {
        Some(year) => {
            let first = NaiveDate::from_ymd_opt(year, 1, 1)
                .filter(|_| (1..=9999).contains(&year))
                .ok_or_else(|| Error::usage(format!("--year {year} is not a year mpl can show")))?;
            (
                first,
                NaiveDate::from_ymd_opt(year, 12, 31).expect("a year ends"),
            )
        }
        None => (today - Duration::days(364), today),
    };
    let label = match args.year {
        Some(year) => year.to_string(),
        None => format!("{first} to {last}"),
    };

    // Dated entries, from their file names.
    let mut per_kind: Vec<(Kind, usize, usize)> = Vec::new();
    let mut per_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut per_month: BTreeMap<String, usize> = BTreeMap::new();
    let mut reflected = BTreeSet::new();
    let mut learned = BTreeSet::new();
    for kind in DATED {
        let dates = journal.dates_of(kind);
        let in_period = dates.iter().filter(|d| **d >= first && **d <= last).count();
        per_kind.push((kind, in_period, dates.len()));
        for date in &dates {
            if *date >= first && *date <= last {
                *per_day.entry(*date).or_default() += 1;
                *per_month
                    .entry(date.format("%Y-%m").to_string())
                    .or_default() += 1;
            }
        }
        match kind {
            Kind::Reflection => reflected.extend(dates),
            Kind::Learned => learned.extend(dates),
            _ => {}
        }
    }
    // The months of the period, with zeros where nothing was written.
    let mut month =
        NaiveDate::from_ymd_opt(first.year(), first.month(), 1).expect("a month starts");
    while month <= last {
        per_month
            .entry(month.format("%Y-%m").to_string())
            .or_default();
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("within the calendar");
    }
    let settings = &journal.settings;
    let reflection_streak = streaks(&reflected, today, |d| settings.is_workday(d.weekday()));
    let learning_streak = streaks(&learned, today, |_| true);

    // Goals and challenges are few: read them.
    let mut goals: serde_json::Map<String, serde_json::Value> = serde_json::Map::new();
    let mut by_status = [0usize; 4];
    let (goal_entries, mut problems) = journal.all_of(Kind::Goal);
    for (entry, path) in &goal_entries {
        match Goal::from_entry(entry) {
            Ok(goal) => {
                let at = Status::ALL.iter().position(|s| *s == goal.status);
                by_status[at.expect("every status is in ALL")] += 1;
            }
            Err(err) => problems.push(journal.field_problem(path, &err)),
        }
    }
    for (status, n) in Status::ALL.iter().zip(by_status) {
        goals.insert(status.as_str().into(), n.into());
    }
    let (runs, run_problems) = journal.runs();
    problems.extend(run_problems);
    // Plans made in the period, and what came of them (follow-ups written after it count).
    let (mut plans, plan_problems) =
        journal.intentions(Some(first), super::intentions::after_days(&journal));
    plans.retain(|t| t.intention.made <= last);
    problems.extend(plan_problems);
    let follow = FollowThrough::of(&plans, today);
    ctx.warn_problems(&problems);
    let finished = runs
        .iter()
        .filter(|(r, _)| r.state(today) == State::Finished)
        .count();
    let running = runs
        .iter()
        .filter(|(r, _)| r.state(today) == State::Running)
        .count();
    let undated: Vec<(Kind, usize)> = [Kind::Goal, Kind::Network, Kind::Toolkit]
        .into_iter()
        .map(|k| {
            let stems = journal.md_stems(&journal.root.join(k.dir()));
            (k, stems.map_or(0, |s| s.len()))
        })
        .collect();

    if args.json {
        let mut kinds = serde_json::Map::new();
        for (kind, period, all) in &per_kind {
            kinds.insert(kind.to_string(), json!({"period": period, "all": all}));
        }
        for (kind, all) in &undated {
            kinds.insert(kind.to_string(), json!({"all": all}));
        }
        return ctx.print_json(&json!({
            "from": first.to_string(),
            "to": last.to_string(),
            "kinds": kinds,
            "months": per_month,
            "streaks": {
                "reflection": {"current": reflection_streak.0, "longest": reflection_streak.1},
                "learning": {"current": learning_streak.0, "longest": learning_streak.1},
            },
            "goals": goals,
            "challenges": {"finished": finished, "running": running, "started": runs.len()},
            "follow_through": {
                "made": follow.made,
                "done": follow.done,
                "dropped": follow.dropped,
                "open": follow.open,
                "rate": follow.rate(),
            },
            "days": per_day.iter().map(|(d, n)| (d.to_string(), *n)).collect::<BTreeMap<_, _>>(),
        }));
    }

    let style = ctx.out_style;
    // The terminal's width, once: everything below fits it (nothing is cut into a pipe).
    let width = ctx.width();
    let mut out = String::new();
    out.push_str(&format!("{}\n", style.bold(&format!("Entries ({label})"))));
    // Padded before it is styled: the style's markers take no room on the screen.
    out.push_str(&format!(
        "  {:<12}{}   {}\n",
        "",
        style.dim(&format!("{:>7}", "period")),
        style.dim(&format!("{:>7}", "in all"))
    ));
    for (kind, period, all) in &per_kind {
        out.push_str(&format!("  {:<12}{period:>7}   {all:>7}\n", kind.dir()));
    }
    for (kind, all) in &undated {
        out.push_str(&format!("  {:<12}{:>7}   {all:>7}\n", kind.dir(), ""));
    }
    out.push_str(&format!("\n{}\n", style.bold("Per month")));
    let first_month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).expect("a month");
    let months: Vec<String> = per_month
        .iter()
        .map(|(m, n)| {
            let date = NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").expect("a month");
            if date == first_month || date.month() == 1 {
                format!("{} {n}", date.format("%b %Y"))
            } else {
                format!("{} {n}", date.format("%b"))
            }
        })
        .collect();
    match width {
        Some(width) => out.push_str(&fitted(&months, "  ", width)),
        None => {
            for row in months.chunks(6) {
                out.push_str(&format!("  {}\n", row.join(" · ")));
            }
        }
    }
    out.push_str(&format!("\n{}\n", style.bold("Streaks")));
    for (name, (current, longest)) in [
        ("reflection (workdays)", reflection_streak),
        ("learning (daily)", learning_streak),
    ] {
        // 50 columns; a narrower terminal gets the numbers on a line of their own.
        if width.is_some_and(|w| w < 50) {
            out.push_str(&format!(
                "  {name}\n    current {current} · longest {longest}\n"
            ));
        } else {
            out.push_str(&format!(
                "  {name:<21}  current {current:>3}   longest {longest:>3}\n"
            ));
        }
    }
    let goals: Vec<String> = Status::ALL
        .iter()
        .zip(by_status)
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    let challenges = [
        format!("{finished} finished"),
        format!("{running} running"),
        format!("{} started in all", runs.len()),
    ];
    out.push_str(&format!(
        "\n{}  {}",
        style.bold("Goals"),
        fitted(&goals, "       ", width.unwrap_or(usize::MAX)).trim_start()
    ));
    out.push_str(&format!(
        "{}  {}\n",
        style.bold("Challenges"),
        fitted(&challenges, "            ", width.unwrap_or(usize::MAX)).trim_start()
    ));
    let plans: Vec<String> = match follow.rate() {
        Some(rate) => vec![
            format!("{rate}% done"),
            format!("{} done", follow.done),
            format!("{} dropped", follow.dropped),
            format!("{} open", follow.open),
            format!("{} made", follow.made),
        ],
        None if follow.made > 0 => vec![format!("{} made, none asked about yet", follow.made)],
        None => vec!["none made yet".to_string()],
    };
    // Beside goals and challenges, before the blank line above the heatmap.
    if out.ends_with("\n\n") {
        out.pop();
    }
    out.push_str(&format!(
        "{}       {}\n",
        style.bold("Plans"),
        fitted(&plans, "            ", width.unwrap_or(usize::MAX)).trim_start()
    ));
    out.push_str(&ui::heatmap::heatmap(
        &per_day, first, last, today, width, style,
    ));
    ctx.print(&out)
}

/// `items` joined with ` · ` on lines of at most `width` columns, each starting with
/// `indent` (an item longer than a line has one of its own).
fn fitted(items: &[String], indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for item in items {
        let joined = if line.is_empty() {
            format!("{indent}{item}")
        } else {
            format!("{line} · {item}")
        };
        if !line.is_empty() && joined.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = format!("{indent}{item}");
        } else {
            line = joined;
        }
    }
    out.push_str(&line);
    out.push('\n');
    out
}
