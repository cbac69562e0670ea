//! The review digest: Markdown for a 1:1 with a manager, from what the journal holds for a
//! period.

use crate::model::KindFields;
use crate::model::challenge::{DAYS, Run, State};
use crate::model::date::long_date;
use crate::model::goal::{Goal, Status};
use crate::model::reflection::Reflection;
use crate::model::template::Role;
use crate::model::{Entry, Kind};
use crate::model::{evidence::Evidence, feedback::Feedback, learned::Learned};
use chrono::NaiveDate;

/// A goal with what happened to it in the period.
pub struct GoalInPeriod<'a> {
    pub entry: &'a Entry,
    pub goal: &'a Goal,
    /// Entries linked to it in the period.
    pub linked: Vec<&'a Entry>,
    /// Busy but unmeasured: activity, and no reading of a key result for a long while.
    pub activity_only: bool,
}

/// How each key result moved in the period: from the reading that stood when it began (or
/// its first in it) to its last in it.
pub fn key_result_movement(goal: &Goal, since: NaiveDate, until: NaiveDate) -> Vec<String> {
    goal.key_results
        .iter()
        .filter_map(|kr| {
            let readings = kr.readings(&goal.readings);
            let inside: Vec<_> = readings
                .iter()
                .filter(|r| r.date >= since && r.date <= until)
                .collect();
            let last = inside.last()?;
            let start = readings
                .iter()
                .rev()
                .find(|r| r.date < since)
                .or(inside.first().copied())?;
            let n = inside.len();
            Some(format!(
                "{}: {} → {} ({n} reading{}; target {})",
                kr.name,
                kr.show(start.value),
                kr.show(last.value),
                if n == 1 { "" } else { "s" },
                kr.show(kr.to)
            ))
        })
        .collect()
}

fn short_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// The digest. `entries` are the period's entries, oldest first.
pub fn markdown(
    since: NaiveDate,
    until: NaiveDate,
    goals: &[GoalInPeriod],
    entries: &[&Entry],
    challenges: &[&Run],
    today: NaiveDate,
) -> String {
    let mut out = format!("# Review: {} to {}\n", long_date(since), long_date(until));
    let mut sections = 0;
    let mut section = |out: &mut String, heading: &str, body: String| {
        if !body.is_empty() {
            out.push_str(&format!("\n## {heading}\n\n{body}"));
            sections += 1;
        }
    };

    let mut text = String::new();
    for g in goals {
        let mut head = format!("- **{}** ({}", g.entry.title, g.goal.status);
        if let Some(p) = g.goal.percent()
            && g.goal.status != Status::Achieved
        {
            head.push_str(&format!(", {p}%"));
        }
        head.push(')');
        if let Some(measure) = &g.goal.measure {
            head.push_str(&format!("  \n  Measure: {measure}"));
        }
        text.push_str(&head);
        text.push('\n');
        for moved in key_result_movement(g.goal, since, until) {
            text.push_str(&format!("  - {moved}\n"));
        }
        if g.activity_only {
            text.push_str(if g.goal.key_results.is_empty() {
                "  - Activity only: work is linked to it, but no key result measures it\n"
            } else {
                "  - Activity only: work is linked to it, but no key result was read in 60 days\n"
            });
        }
        for note in g
            .goal
            .progress
            .iter()
            .filter(|p| p.date >= since && p.date <= until)
        {
            let mut line = format!("  - {}: ", short_date(note.date));
            if let Some(status) = note.status {
                line.push_str(&format!("{}. ", status_word(status)));
            }
            let (said, percent) = note.reads();
            line.push_str(&said);
            if let Some(p) = percent
                && note.status.is_none()
            {
                line.push_str(&format!(" ({p}%)"));
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        if !g.linked.is_empty() {
            let mut counts: Vec<String> = Vec::new();
            for kind in [
                Kind::Learned,
                Kind::Evidence,
                Kind::Reflection,
                Kind::Feedback,
            ] {
                let n = g.linked.iter().filter(|e| e.kind == kind).count();
                if n > 0 {
                    let plural = if kind == Kind::Reflection && n > 1 {
                        "s"
                    } else {
                        ""
                    };
                    counts.push(format!("{n} {kind}{plural}"));
                }
            }
            text.push_str(&format!("  - Linked this period: {}\n", counts.join(", ")));
        }
    }
    section(&mut out, "Goals", text);

    let mut text = String::new();
    for e in entries.iter().filter(|e| e.kind == Kind::Evidence) {
        let mut line = format!("- **{}** ({})", e.title, short_date(e.date));
        let evidence = Evidence::of(e);
        if let Some(impact) = &evidence.impact {
            line.push_str(&format!(": {impact}"));
        }
        for link in &evidence.links {
            line.push_str(&format!(" <{link}>"));
        }
        text.push_str(&line);
        text.push('\n');
    }
    section(&mut out, "Evidence of what I achieved", text);

    let mut text = String::new();
    for e in entries.iter().filter(|e| e.kind == Kind::Learned) {
        let mut line = format!("- {} ({})", e.title, short_date(e.date));
        if let Some(source) = Learned::of(e).source {
            line.push_str(&format!(": {source}"));
        }
        text.push_str(&line);
        text.push('\n');
    }
    let answers = |role: Role| -> String {
        entries
            .iter()
            .filter(|e| e.kind == Kind::Reflection)
            .filter_map(|e| {
                Reflection::of(e).answer(role).map(|a| {
                    format!(
                        "- **{}**: {}\n",
                        short_date(e.date),
                        super::continue_item(&a)
                    )
                })
            })
            .collect()
    };
    let learned_in_reflections = answers(Role::Learned);
    section(&mut out, "What I learned", text + &learned_in_reflections);
    section(&mut out, "What went well", answers(Role::WentWell));
    section(&mut out, "What was difficult", answers(Role::Difficult));
    section(&mut out, "What comes next", answers(Role::Next));

    let mut text = String::new();
    for e in entries.iter().filter(|e| e.kind == Kind::Feedback) {
        let from = Feedback::of(e)
            .from
            .unwrap_or_else(|| "someone".to_string());
        let mut line = format!("- \"{}\" from {from} ({})", e.title, short_date(e.date));
        let body = e.body.trim();
        if !body.is_empty() {
            line.push_str(&format!("  \n  {}", super::continue_item(body)));
        }
        text.push_str(&line);
        text.push('\n');
    }
    section(&mut out, "Feedback received", text);

    let mut text = String::new();
    for run in challenges {
        let (done, skipped) = run.counts();
        let how = match run.state(today) {
            State::Finished => format!("finished on {}", short_date(run.ends())),
            State::Abandoned => format!(
                "abandoned on {}",
                short_date(run.abandoned.unwrap_or(run.started))
            ),
            _ => format!("day {} of {DAYS}", run.reached(today).max(1)),
        };
        text.push_str(&format!(
            "- **{}** (started {}, {how}): {done} of {DAYS} days done{}\n",
            run.title,
            short_date(run.started),
            days_off(skipped - run.excused(), run.excused())
        ));
    }
    section(&mut out, "Challenges", text);

    if sections == 0 {
        out.push_str("\nNothing was recorded in this period.\n");
    }
    out
}

/// ", 2 skipped, 1 excused": a run's days off, planned and excused afterwards.
fn days_off(skipped: usize, excused: usize) -> String {
    let mut out = String::new();
    if skipped > 0 {
        out.push_str(&format!(", {skipped} skipped"));
    }
    if excused > 0 {
        out.push_str(&format!(", {excused} excused"));
    }
    out
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Active => "Resumed",
        Status::Achieved => "Achieved",
        Status::Paused => "Paused",
        Status::Dropped => "Dropped",
    }
}
