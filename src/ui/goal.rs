//! Goals for people and for programs: the `goal list` table, the `goal show` story, and
//! their JSON.

use super::style::Style;
use crate::model::KindFields;
use crate::model::date::long_date;
use crate::model::goal::{Goal, Status};
use crate::model::{Entry, Kind};
use crate::model::{evidence::Evidence, feedback::Feedback};
use crate::render::json::{self as json_doc, EntryDoc};
use crate::store::scan::Found;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// A ten-cell bar: `[####------]` without colour, blocks with it.
pub(crate) fn bar(percent: u8, style: Style) -> String {
    let filled = usize::from(percent.min(100)).div_ceil(10);
    if style.enabled {
        format!(
            "{}{}",
            "█".repeat(filled),
            style.dim(&"░".repeat(10 - filled))
        )
    } else {
        format!("[{}{}]", "#".repeat(filled), "-".repeat(10 - filled))
    }
}

/// The cells of one `goal list` row: id, status, progress, due, title.
pub(crate) fn row(entry: &Entry, goal: &Goal, today: NaiveDate) -> Vec<String> {
    let due = match (goal.due, goal.time_left(today)) {
        (Some(due), Some(left)) => format!("{due} ({left})"),
        (Some(due), None) => due.to_string(),
        (None, _) => String::new(),
    };
    vec![
        entry.id.clone(),
        goal.status.to_string(),
        goal.percent().map(|p| format!("{p}%")).unwrap_or_default(),
        due,
        entry.title.clone(),
    ]
}

/// The width of the labels before a goal's facts.
const LABEL_WIDTH: usize = 14;

pub(crate) const LIST_HEADERS: [&str; 5] = ["ID", "STATUS", "DONE", "DUE", "TITLE"];

/// The story of a goal: what it is, why, how success is measured, time left, and then its
/// progress notes and every entry linked to it, in date order.
pub(crate) fn story(
    entry: &Entry,
    goal: &Goal,
    linked: &[Found],
    today: NaiveDate,
    style: Style,
) -> String {
    let mut out = String::new();
    out.push_str(&style.bold(&entry.title));
    out.push('\n');
    let mut meta = vec![format!("goal {}", entry.id), status_text(goal, style)];
    if let Some(percent) = goal.percent() {
        meta.push(format!("{} {percent}%", bar(percent, style)));
    }
    if !entry.tags.is_empty() {
        meta.push(crate::render::hashtags(&entry.tags));
    }
    out.push_str(&meta.join(" · "));
    out.push_str("\n\n");

    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(why) = &goal.why {
        facts.push(("Why", why.clone()));
    }
    if let Some(aligned) = &goal.aligned_with {
        facts.push(("Aligned with", aligned.clone()));
    }
    if let Some(measure) = &goal.measure {
        facts.push(("Success", measure.clone()));
    }
    if let Some(due) = goal.due {
        let left = goal
            .time_left(today)
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        facts.push(("Due", format!("{}{left}", long_date(due))));
    }
    facts.push(("Set", long_date(entry.date)));
    if let Some(day) = goal.achieved_on()
        && goal.status == Status::Achieved
    {
        facts.push(("Achieved", long_date(day)));
    }
    for (label, text) in &facts {
        let label = format!("{label}:");
        let pad = " ".repeat(LABEL_WIDTH.saturating_sub(label.len()));
        out.push_str(&format!(
            "{}{pad}{}\n",
            style.dim(&label),
            indent(text, LABEL_WIDTH)
        ));
    }

    if !goal.key_results.is_empty() {
        out.push('\n');
        out.push_str(&style.bold("Key results"));
        out.push('\n');
        out.push_str(&key_results(goal, style));
    }

    let body = entry.body.trim();
    if !body.is_empty() {
        out.push('\n');
        out.push_str(body);
        out.push('\n');
    }

    let mut events: Vec<(NaiveDate, u8, String)> = Vec::new();
    events.push((entry.date, 0, format!("set: {}", entry.title)));
    for note in &goal.progress {
        let mut what = String::new();
        if let Some(status) = note.status {
            what.push_str(&style.bold(status_word(status)));
        } else {
            what.push_str("progress");
        }
        if let Some(percent) = note.percent
            && note.status != Some(Status::Achieved)
        {
            what.push_str(&format!(" {percent}%"));
        }
        if !note.note.is_empty() {
            what.push_str(": ");
            what.push_str(&note.note);
        }
        events.push((note.date, 0, what));
    }
    for found in linked {
        let e = &found.entry;
        let mut what = format!("{} {}", e.kind, style.dim(&format!("[{}]", e.id)));
        let title = if e.title.is_empty() {
            "(untitled)"
        } else {
            &e.title
        };
        if e.kind != Kind::Reflection {
            what = format!("{}: {title} {}", e.kind, style.dim(&format!("[{}]", e.id)));
        }
        if e.kind == Kind::Evidence {
            let evidence = Evidence::of(e);
            if let Some(impact) = &evidence.impact {
                what.push_str(&format!("\n{}impact: {impact}", " ".repeat(12)));
            }
            if !evidence.attachments.is_empty() {
                let names: Vec<&str> = evidence
                    .attachments
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect();
                what.push_str(&format!("\n{}files: {}", " ".repeat(12), names.join(", ")));
            }
        }
        if e.kind == Kind::Feedback
            && let Some(from) = Feedback::of(e).from
        {
            what.push_str(&format!(" {}", style.dim(&format!("(from {from})"))));
        }
        events.push((e.date, 1, what));
    }
    // Stable: on one day, the goal's own notes (in log order) come before linked entries.
    events.sort_by_key(|(date, order, _)| (*date, *order));
    out.push('\n');
    out.push_str(&style.bold("Story"));
    out.push('\n');
    if events.len() == 1 {
        out.push_str(&style.dim(
            "            nothing yet: `mpl goal progress ID NOTE` logs progress, and --goal ID links learning, reflections, evidence and feedback\n",
        ));
    }
    for (date, _, what) in events {
        out.push_str(&format!("{date}  {what}\n"));
    }
    out
}

/// Each key result in a few lines: where it started, where it should get to, where it
/// stands by its latest reading, and its trend.
pub(crate) fn key_results(goal: &Goal, style: Style) -> String {
    let mut out = String::new();
    for kr in &goal.key_results {
        let readings = kr.readings(&goal.readings);
        let now = match readings.last() {
            Some(r) => {
                let percent = (kr.progress(r.value) * 100.0).round() as u8;
                format!(
                    "now {} on {} · {} {percent}%",
                    kr.show(r.value),
                    r.date,
                    bar(percent, style)
                )
            }
            None => "not measured yet".to_string(),
        };
        out.push_str(&format!(
            "  {} {}\n    {} → {} · {now}\n",
            kr.name,
            style.dim(&format!("[{}]", kr.id)),
            kr.show(kr.from),
            kr.show(kr.to),
        ));
        if readings.len() > 1 {
            let values: Vec<f64> = readings.iter().map(|r| r.value).collect();
            out.push_str(&format!(
                "    {} {} readings, {} to {}\n",
                crate::model::key_result::sparkline(&values),
                readings.len(),
                readings[0].date,
                readings[readings.len() - 1].date
            ));
        }
    }
    out
}

/// The key results of a goal as JSON: each with its readings and progress.
pub(crate) fn key_results_json(goal: &Goal) -> serde_json::Value {
    serde_json::Value::Array(
        goal.key_results
            .iter()
            .map(|kr| {
                let readings: Vec<serde_json::Value> = kr
                    .readings(&goal.readings)
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "date": r.date.to_string(),
                            "value": r.value,
                            "source": r.source,
                        })
                    })
                    .collect();
                let latest = kr.latest(&goal.readings);
                serde_json::json!({
                    "id": kr.id,
                    "name": kr.name,
                    "unit": kr.unit,
                    "from": kr.from,
                    "to": kr.to,
                    "latest": latest.map(|r| r.value),
                    "percent": latest.map(|r| (kr.progress(r.value) * 100.0).round() as u8).unwrap_or(0),
                    "readings": readings,
                })
            })
            .collect(),
    )
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Active => "resumed",
        Status::Achieved => "achieved",
        Status::Paused => "paused",
        Status::Dropped => "dropped",
    }
}

fn status_text(goal: &Goal, style: Style) -> String {
    match goal.status {
        Status::Active => style.bold("active"),
        Status::Achieved => style.bold("achieved"),
        other => style.yellow(other.as_str()),
    }
}

/// Continuation lines of a fact, indented under its first line.
fn indent(text: &str, by: usize) -> String {
    text.lines()
        .collect::<Vec<_>>()
        .join(&format!("\n{}", " ".repeat(by)))
}

/// A goal as JSON: the entry's fields, plus `status`, `percent`, `due`, `time_left` and
/// the `progress` log, and with `linked` the entries that serve it.
pub(crate) fn json(
    entry: &Entry,
    goal: &Goal,
    path: &Path,
    today: NaiveDate,
    linked: Option<&[(Entry, &Path)]>,
) -> Value {
    #[derive(Serialize)]
    struct GoalDoc<'a> {
        status: &'static str,
        why: &'a Option<String>,
        aligned_with: &'a Option<String>,
        measure: &'a Option<String>,
        due: Option<String>,
        time_left: Option<String>,
        percent: Option<u8>,
        progress: Vec<ProgressDoc<'a>>,
        key_results: Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        linked: Option<Vec<EntryDoc<'a>>>,
    }
    #[derive(Serialize)]
    struct ProgressDoc<'a> {
        date: String,
        note: &'a str,
        percent: Option<u8>,
        status: Option<&'static str>,
    }
    json_doc::extended(
        entry,
        path,
        GoalDoc {
            status: goal.status.as_str(),
            why: &goal.why,
            aligned_with: &goal.aligned_with,
            measure: &goal.measure,
            due: goal.due.map(|d| d.to_string()),
            time_left: goal.time_left(today),
            percent: goal.percent(),
            progress: goal
                .progress
                .iter()
                .map(|p| ProgressDoc {
                    date: p.date.to_string(),
                    note: &p.note,
                    percent: p.percent,
                    status: p.status.map(|s| s.as_str()),
                })
                .collect(),
            key_results: key_results_json(goal),
            linked: linked.map(|linked| linked.iter().map(|(e, p)| EntryDoc::new(e, p)).collect()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_tens() {
        let plain = Style { enabled: false };
        assert_eq!(bar(0, plain), "[----------]");
        assert_eq!(bar(40, plain), "[####------]");
        assert_eq!(bar(41, plain), "[#####-----]");
        assert_eq!(bar(100, plain), "[##########]");
    }
}
