//! Goals: a professional goal with why it matters, what it aligns with, how success is
//! measured, a due date, a status and a progress log.
//!
//! A goal is an entry of kind `goal` (`goals/ID.md`). Its own fields sit in the front
//! matter; the progress log is an array of tables, one per note, oldest first:
//!
//! ```toml
//! status = "active"
//! why = "Reviews are where the team's Rust skills grow"
//! aligned_with = "Org: ship the new platform safely"
//! measure = "I review 5 PRs a week with no escaped bugs"
//! due = 2027-03-31
//!
//! [[progress]]
//! date = 2026-11-25
//! percent = 40
//! note = "Reviewed 4 PRs this week"
//! ```
//!
//! The log is data, not text, so that notes written on two machines merge as a union.

use super::Entry;
use super::entry::{FieldError, field_error, optional_text};
use super::key_result::{KeyResult, Reading};
use chrono::NaiveDate;
use std::fmt;

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Achieved,
    Paused,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Active,
        Status::Achieved,
        Status::Paused,
        Status::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Achieved => "achieved",
            Status::Paused => "paused",
            Status::Dropped => "dropped",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        let name = name.trim().to_ascii_lowercase();
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const STATUS: &str = "status";
pub(crate) const WHY: &str = "why";
pub(crate) const ALIGNED_WITH: &str = "aligned_with";
pub(crate) const MEASURE: &str = "measure";
const DUE: &str = "due";
const PROGRESS: &str = "progress";

/// One note in a goal's progress log.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub date: NaiveDate,
    pub note: String,
    /// How far along the goal is, 0 to 100, when the note says.
    pub percent: Option<u8>,
    /// The status the goal moved to with this note (done, paused, dropped, resumed).
    pub status: Option<Status>,
}

impl Progress {
    /// The note's text and its percent as people read them: `Wrote the RFC (50%)`, or
    /// `Progress: 50%` for a note that only moved the percent; `None` for the percent when
    /// the text already says it.
    pub fn reads(&self) -> (String, Option<u8>) {
        match (self.note.trim().is_empty(), self.percent) {
            (true, Some(percent)) => (format!("Progress: {percent}%"), None),
            (_, percent) => (self.note.clone(), percent),
        }
    }
}

/// The goal-specific fields of a goal entry, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub status: Status,
    pub why: Option<String>,
    pub aligned_with: Option<String>,
    pub measure: Option<String>,
    pub due: Option<NaiveDate>,
    pub progress: Vec<Progress>,
    /// How the goal is measured (see [`super::key_result`]).
    pub key_results: Vec<KeyResult>,
    /// Every reading of its key results, oldest first.
    pub readings: Vec<Reading>,
}

impl Goal {
    /// Reads the goal fields of `entry`. A missing status means active.
    pub fn from_entry(entry: &Entry) -> Result<Goal, FieldError> {
        let text = |key: &str| optional_text(entry, key);
        let status = match text(STATUS)? {
            None => Status::Active,
            Some(name) => Status::parse(&name).ok_or_else(|| {
                field_error(
                    "status",
                    format!("invalid status \"{name}\": use active, achieved, paused or dropped"),
                )
            })?,
        };
        let due = match entry.extra.get(DUE) {
            None => None,
            Some(value) => Some(super::date::to_date(value).ok_or_else(|| {
                field_error(
                    DUE,
                    format!("invalid 'due' {value}: use a date such as 2027-03-31"),
                )
            })?),
        };
        let progress = match entry.extra.get(PROGRESS) {
            None => Vec::new(),
            Some(toml::Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| progress_note(item, i + 1))
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(field_error(
                    "progress",
                    "'progress' must be a list of [[progress]] notes",
                ));
            }
        };
        Ok(Goal {
            status,
            why: text(WHY)?,
            aligned_with: text(ALIGNED_WITH)?,
            measure: text(MEASURE)?,
            due,
            progress,
            key_results: super::key_result::key_results(entry)?,
            readings: super::key_result::readings(entry)?,
        })
    }

    /// Writes these fields into a new goal entry, leaving out those not set.
    pub fn write_new(&self, entry: &mut Entry) {
        entry
            .extra
            .insert(STATUS.into(), self.status.as_str().into());
        for (key, value) in [
            (WHY, &self.why),
            (ALIGNED_WITH, &self.aligned_with),
            (MEASURE, &self.measure),
        ] {
            if let Some(value) = value {
                entry.extra.insert(key.into(), value.clone().into());
            }
        }
        if let Some(due) = self.due {
            entry.extra.insert(DUE.into(), super::date::date_value(due));
        }
        for note in &self.progress {
            add_progress(entry, note);
        }
        for kr in &self.key_results {
            super::key_result::add_key_result(entry, kr);
        }
        for reading in &self.readings {
            super::key_result::add_reading(entry, reading);
        }
    }

    /// How far along the goal is: 100 once achieved; else worked out from its key results'
    /// readings when it has key results; else the latest percent in its log.
    pub fn percent(&self) -> Option<u8> {
        if self.status == Status::Achieved {
            return Some(100);
        }
        super::key_result::percent(&self.key_results, &self.readings)
            .or_else(|| self.progress.iter().rev().find_map(|p| p.percent))
    }

    /// The day of the latest reading of any key result.
    pub fn last_reading(&self) -> Option<NaiveDate> {
        self.readings.iter().map(|r| r.date).max()
    }

    /// The day the goal was last marked achieved.
    /// What achieving the goal came to, in the words of the note that marked it achieved
    /// (`mpl goal done ID "RESULT"`).
    pub fn outcome(&self) -> Option<&str> {
        self.progress
            .iter()
            .rev()
            .find(|p| p.status == Some(Status::Achieved))
            .map(|p| p.note.trim())
            .filter(|note| !note.is_empty())
    }

    pub fn achieved_on(&self) -> Option<NaiveDate> {
        self.progress
            .iter()
            .rev()
            .find(|p| p.status == Some(Status::Achieved))
            .map(|p| p.date)
    }

    /// How much time is left, for a person: "in 12 days", "overdue by 3 days", …
    pub fn time_left(&self, today: NaiveDate) -> Option<String> {
        let due = self.due?;
        if matches!(self.status, Status::Achieved | Status::Dropped) {
            return None;
        }
        Some(time_left(due, today))
    }
}

/// "due today", "in 5 days", "in about 4 months", "overdue by 2 days".
pub fn time_left(due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    let span = |days: i64| match days {
        1 => "1 day".to_string(),
        2..=59 => format!("{days} days"),
        60..=729 => format!("about {} months", (days + 15) / 30),
        _ => format!("about {} years", (days + 182) / 365),
    };
    match days {
        0 => "due today".to_string(),
        d if d > 0 => format!("in {}", span(d)),
        d => format!("overdue by {}", span(-d)),
    }
}

fn progress_note(item: &toml::Value, n: usize) -> Result<Progress, FieldError> {
    let bad = |message: String| field_error("progress", format!("progress note {n}: {message}"));
    let table = item
        .as_table()
        .ok_or_else(|| bad("must be a table with date and note".into()))?;
    let date = table
        .get("date")
        .and_then(super::date::to_date)
        .ok_or_else(|| bad("needs a date such as date = 2026-11-25".into()))?;
    let note = match table.get("note") {
        None => String::new(),
        Some(toml::Value::String(s)) => s.clone(),
        Some(_) => return Err(bad("'note' must be a string".into())),
    };
    let percent = match table.get("percent") {
        None => None,
        Some(toml::Value::Integer(p)) if (0..=100).contains(p) => Some(*p as u8),
        Some(other) => {
            return Err(bad(format!(
                "'percent' must be a whole number from 0 to 100, not {other}"
            )));
        }
    };
    let status = match table.get("status") {
        None => None,
        Some(toml::Value::String(s)) => {
            Some(Status::parse(s).ok_or_else(|| bad(format!("invalid status \"{s}\"")))?)
        }
        Some(_) => return Err(bad("'status' must be a string".into())),
    };
    Ok(Progress {
        date,
        note,
        percent,
        status,
    })
}

impl Progress {
    /// The note as a TOML table, as written in `[[progress]]`.
    pub(crate) fn to_table(&self) -> toml::Table {
        let mut table = toml::Table::new();
        table.insert("date".into(), super::date::date_value(self.date));
        if let Some(status) = self.status {
            table.insert("status".into(), status.as_str().into());
        }
        if let Some(percent) = self.percent {
            table.insert("percent".into(), i64::from(percent).into());
        }
        if !self.note.is_empty() {
            table.insert("note".into(), self.note.clone().into());
        }
        table
    }
}

/// Appends a note to `entry`'s progress log, and sets its status when the note changes it.
/// Fields the log's notes hold beyond those mpl knows are kept.
pub fn add_progress(entry: &mut Entry, note: &Progress) {
    let log = entry
        .extra
        .entry(PROGRESS)
        .or_insert_with(|| toml::Value::Array(Vec::new()));
    if let toml::Value::Array(items) = log {
        items.push(toml::Value::Table(note.to_table()));
    }
    if let Some(status) = note.status {
        entry.extra.insert(STATUS.into(), status.as_str().into());
    }
}

/// Words left out of a goal's id: they make it long without making it easier to recognise.
const FILLER: &[&str] = &[
    "a", "an", "the", "to", "for", "of", "in", "on", "at", "by", "with", "and", "or", "my", "our",
    "your", "be", "become", "get", "go", "s", "i", "me", "as", "into", "from", "more", "better",
];

/// The most words a goal's id is made of.
const ID_WORDS: usize = 4;

/// A short, readable id for a goal: the first few words of its title that carry meaning.
/// "Become the team's go-to person for Rust reviews" → "team-person-rust-reviews".
pub(crate) fn slug(title: &str) -> String {
    let title = title
        .to_lowercase()
        .replace("'s ", " ")
        .replace("’s ", " ")
        .replace(['\'', '’'], "");
    let words = super::slug::words(&title);
    let meaningful: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FILLER.contains(w))
        .take(ID_WORDS)
        .collect();
    let chosen = if meaningful.is_empty() {
        words.iter().map(String::as_str).collect()
    } else {
        meaningful
    };
    match chosen.is_empty() {
        // Nothing to spell: a code made from the title itself.
        true => super::slug::slugify(&title, "goal"),
        false => super::slug::slugify(&chosen.join(" "), "goal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_that_only_moved_the_percent_reads_as_progress() {
        let date = NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();
        let note = |text: &str, percent| Progress {
            date,
            note: text.into(),
            percent,
            status: None,
        };
        assert_eq!(note("", Some(50)).reads(), ("Progress: 50%".into(), None));
        assert_eq!(
            note("Wrote the RFC", Some(50)).reads(),
            ("Wrote the RFC".into(), Some(50))
        );
        assert_eq!(note("Wrote it", None).reads(), ("Wrote it".into(), None));
    }
    use crate::store::frontmatter;

    fn goal(extra: &str) -> Result<Goal, FieldError> {
        let text = format!(
            "+++\nkind = \"goal\"\ndate = 2026-11-01\ntitle = \"Rust reviews\"\n{extra}\n+++\n"
        );
        Goal::from_entry(&frontmatter::parse(&text, "rust-reviews").unwrap())
    }

    #[test]
    fn slugs_are_short_and_readable() {
        assert_eq!(
            slug("Become the team's go-to person for Rust reviews"),
            "team-person-rust-reviews"
        );
        assert_eq!(slug("Learn Kubernetes"), "learn-kubernetes");
        assert_eq!(slug("Get better at public speaking"), "public-speaking");
        assert_eq!(slug("The"), "the");
        assert_eq!(slug("!!!"), super::super::slug::slugify("!!!", "goal"));
        assert!(slug("!!!").starts_with("goal-"), "{}", slug("!!!"));
        assert_eq!(slug("學習中文"), "xue-xi-zhong-wen");
        assert_eq!(slug("Über das Lernen"), "uber-das-lernen");
    }

    #[test]
    fn fields_are_read_and_a_missing_status_is_active() {
        let g = goal("why = \"w\"\ndue = 2027-03-31\n[[progress]]\ndate = 2026-11-20\npercent = 40\nnote = \"n\"\n[[progress]]\ndate = 2026-11-21\nnote = \"more\"").unwrap();
        assert_eq!(g.status, Status::Active);
        assert_eq!(g.why.as_deref(), Some("w"));
        assert_eq!(g.progress.len(), 2);
        assert_eq!(g.percent(), Some(40));
        assert_eq!(g.due, NaiveDate::from_ymd_opt(2027, 3, 31));
    }

    #[test]
    fn bad_fields_name_their_key() {
        assert_eq!(goal("status = \"done\"").unwrap_err().key, "status");
        assert_eq!(goal("due = \"soon\"").unwrap_err().key, "due");
        let err = goal("[[progress]]\ndate = 2026-11-20\npercent = 140").unwrap_err();
        assert_eq!(err.key, "progress");
        assert!(err.message.contains("0 to 100"), "{}", err.message);
        assert!(goal("[[progress]]\nnote = \"no date\"").is_err());
        assert!(goal("progress = 3").is_err());
    }

    #[test]
    fn progress_notes_round_trip_and_set_the_status() {
        let text =
            "+++\nkind = \"goal\"\ndate = 2026-11-01\ntitle = \"x\"\nstatus = \"active\"\n+++\n";
        let mut entry = frontmatter::parse(text, "x").unwrap();
        let note = Progress {
            date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            note: "Shipped it".into(),
            percent: Some(100),
            status: Some(Status::Achieved),
        };
        add_progress(&mut entry, &note);
        let again = frontmatter::parse(&frontmatter::render(&entry), "x").unwrap();
        let g = Goal::from_entry(&again).unwrap();
        assert_eq!(g.status, Status::Achieved);
        assert_eq!(g.progress, vec![note]);
        assert_eq!(g.achieved_on(), NaiveDate::from_ymd_opt(2026, 11, 25));
    }

    #[test]
    fn time_left_reads_naturally() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(time_left(today, today), "due today");
        assert_eq!(time_left(day(2026, 11, 26), today), "in 1 day");
        assert_eq!(time_left(day(2026, 12, 5), today), "in 10 days");
        assert_eq!(time_left(day(2027, 3, 31), today), "in about 4 months");
        assert_eq!(time_left(day(2026, 11, 22), today), "overdue by 3 days");
        assert_eq!(time_left(day(2029, 11, 25), today), "in about 3 years");
    }
}
