//! 30-day challenges: a definition (a title, a description, a goal and 30 daily tasks) and
//! runs of it (a start date and one check-in per day done or skipped).
//!
//! Definitions are TOML. The five built-in ones are in `challenges/*.toml` beside this file,
//! embedded in the binary; a journal's `challenges/SLUG.toml` adds custom ones in the same
//! format. A run is `challenges/runs/SLUG-YYYY-MM-DD.toml`:
//!
//! ```toml
//! challenge = "learn-something-new"
//! title = "Learn something new every day"
//! started = 2026-11-25
//! weekdays = ["mon", "tue", "wed", "thu", "fri"]
//!
//! [[checkin]]
//! day = 1
//! date = 2026-11-25
//! status = "done"
//! at = 2026-11-25T18:03:00+01:00
//! note = "Read about two-phase borrows"
//! ```
//!
//! A run follows the days of the week in `weekdays` (the journal's workdays when it was
//! started): day 1 is `started`, and day N the Nth of those days from it. A run without
//! `weekdays` (started with `--every-day`, or before runs had it) runs every day.
//!
//! Check-ins are data keyed by day, so runs written on two machines merge as a union
//! ([`Run::merge`]), never as a text conflict.

use super::date::{date_value, datetime_value, to_date, to_datetime};
use super::position::{key_line, line_at, table_line};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Weekday};

/// Every challenge is this many days long.
pub const DAYS: u32 = 30;

/// The built-in challenges: slug and definition text.
pub(crate) const BUILTIN: [(&str, &str); 5] = [
    (
        "learn-something-new",
        include_str!("challenges/learn-something-new.toml"),
    ),
    ("day-job", include_str!("challenges/day-job.toml")),
    (
        "self-development",
        include_str!("challenges/self-development.toml"),
    ),
    ("network", include_str!("challenges/network.toml")),
    (
        "keep-up-to-date",
        include_str!("challenges/keep-up-to-date.toml"),
    ),
];

/// A challenge definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// What you will have by day 30.
    pub goal: String,
    pub tasks: Vec<Task>,
    pub builtin: bool,
}

/// One day's task.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub title: String,
    pub text: String,
    /// The `mpl` command that records it, if one does.
    pub command: Option<String>,
}

/// What is wrong with a TOML file, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub line: Option<usize>,
    pub message: String,
}

fn file_error(line: Option<usize>, message: impl Into<String>) -> FileError {
    FileError {
        line,
        message: message.into(),
    }
}

fn parse_table(text: &str) -> Result<toml::Table, FileError> {
    text.parse::<toml::Table>().map_err(|err| {
        let line = err.span().map(|span| line_at(text, span.start));
        let message = err.message().trim().to_string();
        file_error(line, format!("invalid TOML: {message}"))
    })
}

impl Challenge {
    /// Parses a definition; errors name the line where they can.
    pub fn parse(text: &str, slug: &str, builtin: bool) -> Result<Challenge, FileError> {
        let table = parse_table(text)?;
        let string = |key: &str, required: bool| -> Result<String, FileError> {
            match table.get(key) {
                Some(toml::Value::String(s)) if !(required && s.trim().is_empty()) => {
                    Ok(s.trim().to_string())
                }
                Some(toml::Value::String(_)) => {
                    Err(file_error(key_line(text, key), format!("'{key}' is empty")))
                }
                Some(_) => Err(file_error(
                    key_line(text, key),
                    format!("'{key}' must be a string"),
                )),
                None if required => Err(file_error(Some(1), format!("missing '{key}'"))),
                None => Ok(String::new()),
            }
        };
        let title = string("title", true)?;
        let summary = string("summary", false)?;
        let description = string("description", false)?;
        let goal = string("goal", false)?;
        let items = match table.get("tasks") {
            Some(toml::Value::Array(items)) => items,
            Some(_) => {
                return Err(file_error(
                    key_line(text, "tasks"),
                    "'tasks' must be a list: [[tasks]] tables, or titles in quotes",
                ));
            }
            None => {
                return Err(file_error(
                    Some(1),
                    format!("no tasks: a challenge has {DAYS} [[tasks]] tables, one per day"),
                ));
            }
        };
        if items.len() != DAYS as usize {
            return Err(file_error(
                // Too many: where the 31st begins; too few: the last one, to add after.
                table_line(text, "tasks", items.len().min(DAYS as usize + 1) - 1)
                    .or_else(|| key_line(text, "tasks")),
                format!(
                    "{} tasks: a challenge has exactly {DAYS}, one per day",
                    items.len()
                ),
            ));
        }
        let mut tasks = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let line = table_line(text, "tasks", i).or_else(|| key_line(text, "tasks"));
            let bad = |m: &str| file_error(line, format!("task {} (day {}): {m}", i + 1, i + 1));
            // The simple form: a list of titles.
            if let toml::Value::String(title) = item {
                let title = title.trim();
                if title.is_empty() {
                    return Err(bad("needs a title"));
                }
                tasks.push(Task {
                    title: title.to_string(),
                    text: String::new(),
                    command: None,
                });
                continue;
            }
            let table = item
                .as_table()
                .ok_or_else(|| bad("must be a title in quotes or a table with a title"))?;
            let field = |key: &str| match table.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.trim().to_string())),
                Some(_) => Err(bad(&format!("'{key}' must be a string"))),
            };
            let title = field("title")?
                .filter(|t| !t.is_empty())
                .ok_or_else(|| bad("needs a title"))?;
            tasks.push(Task {
                title,
                text: field("text")?.unwrap_or_default(),
                command: field("command")?.filter(|c| !c.is_empty()),
            });
        }
        Ok(Challenge {
            slug: slug.to_string(),
            title,
            summary,
            description,
            goal,
            tasks,
            builtin,
        })
    }

    /// The built-in challenges.
    pub fn builtins() -> Vec<Challenge> {
        BUILTIN
            .iter()
            .map(|(slug, text)| {
                Challenge::parse(text, slug, true).expect("built-in challenges are valid")
            })
            .collect()
    }

    /// The task of day `day` (from 1).
    pub fn task(&self, day: u32) -> Option<&Task> {
        self.tasks.get(day.checked_sub(1)? as usize)
    }
}

/// What a day of a run holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Done,
    /// A planned day off: it does not break the streak.
    Skipped,
    /// A day off not planned, excused afterwards (sick yesterday): it does not break the
    /// streak either, and says it was excused after the day.
    Excused,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Done => "done",
            Mark::Skipped => "skipped",
            Mark::Excused => "excused",
        }
    }

    /// Which of two marks of one day a merge keeps: done over a planned day off over an
    /// excused one.
    fn rank(self) -> u8 {
        match self {
            Mark::Done => 2,
            Mark::Skipped => 1,
            Mark::Excused => 0,
        }
    }
}

/// One check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub day: u32,
    pub mark: Mark,
    /// When it was recorded.
    pub at: DateTime<FixedOffset>,
    pub note: String,
    /// Its hours of CPD, when the day's task counts as learning.
    pub cpd: Option<super::cpd::Cpd>,
}

/// A started challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub challenge: String,
    pub title: String,
    /// Day 1: the first of `weekdays` on or after the day it was started.
    pub started: NaiveDate,
    /// The days of the week the run counts, Monday first; all seven for a run every day.
    pub weekdays: Vec<Weekday>,
    pub abandoned: Option<NaiveDate>,
    /// At most one per day, in day order.
    pub(crate) checkins: Vec<Checkin>,
}

/// How a day of a run looks today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Done,
    Skipped,
    Excused,
    Missed,
    /// Today, not checked in yet.
    Today,
    ToCome,
}

impl Cell {
    pub fn as_str(self) -> &'static str {
        match self {
            Cell::Done => "done",
            Cell::Skipped => "skipped",
            Cell::Excused => "excused",
            Cell::Missed => "missed",
            Cell::Today => "today",
            Cell::ToCome => "to come",
        }
    }
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Starts on a later day.
    Upcoming,
    Running,
    /// All 30 days are behind it.
    Finished,
    Abandoned,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Upcoming => "upcoming",
            State::Running => "running",
            State::Finished => "finished",
            State::Abandoned => "abandoned",
        }
    }
}

/// Every day of the week, Monday first.
pub const EVERY_DAY: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// `days` in week order without repeats; none at all is every day.
fn week_order(days: &[Weekday]) -> Vec<Weekday> {
    let ordered: Vec<Weekday> = EVERY_DAY
        .iter()
        .copied()
        .filter(|d| days.contains(d))
        .collect();
    if ordered.is_empty() {
        EVERY_DAY.to_vec()
    } else {
        ordered
    }
}

impl Run {
    /// A run of `challenge` from `on`, on the days of the week in `weekdays` (every day when
    /// empty). Day 1 is `on`, or the first of those days after it.
    pub fn new(challenge: &Challenge, on: NaiveDate, weekdays: &[Weekday]) -> Run {
        let weekdays = week_order(weekdays);
        let started = on
            .iter_days()
            .find(|d| weekdays.contains(&d.weekday()))
            .expect("a week holds one of the run's days");
        Run {
            challenge: challenge.slug.clone(),
            title: challenge.title.clone(),
            started,
            weekdays,
            abandoned: None,
            checkins: Vec::new(),
        }
    }

    /// Whether the run counts every day of the week.
    pub fn every_day(&self) -> bool {
        self.weekdays.len() == EVERY_DAY.len()
    }

    /// Whether `date`'s day of the week is one the run counts.
    pub(crate) fn counts_on(&self, date: NaiveDate) -> bool {
        self.weekdays.contains(&date.weekday())
    }

    /// The run's days from day 1 on, as dates.
    fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.started.iter_days().filter(|d| self.counts_on(*d))
    }

    /// The file name of the run: `SLUG-YYYY-MM-DD`.
    pub(crate) fn file_stem(&self) -> String {
        format!("{}-{}", self.challenge, self.started.format("%Y-%m-%d"))
    }

    /// The date of day `day` (from 1).
    pub fn date_of(&self, day: u32) -> NaiveDate {
        if self.every_day() {
            return self.started + Duration::days(i64::from(day) - 1);
        }
        self.dates()
            .nth(day.max(1) as usize - 1)
            .expect("the days of a run go on")
    }

    /// The last day of the run.
    pub fn ends(&self) -> NaiveDate {
        self.date_of(DAYS)
    }

    /// The day of the run `date` falls on, if it is within the run and one of its days.
    pub fn day_of(&self, date: NaiveDate) -> Option<u32> {
        if date < self.started || !self.counts_on(date) {
            return None;
        }
        let n = if self.every_day() {
            (date - self.started).num_days() + 1
        } else {
            self.dates().take_while(|d| *d <= date).count() as i64
        };
        (1..=i64::from(DAYS)).contains(&n).then_some(n as u32)
    }

    /// How many days of the run have come by `date` (that day included), at most 30.
    pub fn reached(&self, date: NaiveDate) -> u32 {
        (1..=DAYS)
            .take_while(|day| self.date_of(*day) <= date)
            .last()
            .unwrap_or(0)
    }

    /// The first day of the run on or after `date`: today's, or after a day off the next.
    pub fn next_day(&self, date: NaiveDate) -> Option<u32> {
        (1..=DAYS).find(|day| self.date_of(*day) >= date)
    }

    pub fn state(&self, today: NaiveDate) -> State {
        if self.abandoned.is_some() {
            State::Abandoned
        } else if today < self.started {
            State::Upcoming
        } else if today > self.ends() {
            State::Finished
        } else {
            State::Running
        }
    }

    /// Whether the run still asks for check-ins (running or upcoming).
    pub fn is_active(&self, today: NaiveDate) -> bool {
        matches!(self.state(today), State::Running | State::Upcoming)
    }

    pub fn checkin(&self, day: u32) -> Option<&Checkin> {
        self.checkins.iter().find(|c| c.day == day)
    }

    /// Records a check-in, replacing that day's earlier one.
    pub fn set(&mut self, checkin: Checkin) {
        self.checkins.retain(|c| c.day != checkin.day);
        self.checkins.push(checkin);
        self.checkins.sort_by_key(|c| c.day);
    }

    /// The 30 days as they look on `today`. From the day a run is abandoned, its open days
    /// are neither missed nor to come; they show as "to come", never as misses.
    pub fn cells(&self, today: NaiveDate) -> Vec<Cell> {
        // Days before this one without a check-in are missed.
        let counted_until = self.abandoned.map_or(today, |a| a.min(today));
        (1..=DAYS)
            .map(|day| {
                let date = self.date_of(day);
                match self.checkin(day).map(|c| c.mark) {
                    Some(Mark::Done) => Cell::Done,
                    Some(Mark::Skipped) => Cell::Skipped,
                    Some(Mark::Excused) => Cell::Excused,
                    None if date == today && self.abandoned.is_none() => Cell::Today,
                    None if date < counted_until => Cell::Missed,
                    None => Cell::ToCome,
                }
            })
            .collect()
    }

    /// How many days are done, and how many are days off (skipped or excused).
    pub fn counts(&self) -> (usize, usize) {
        let done = self
            .checkins
            .iter()
            .filter(|c| c.mark == Mark::Done)
            .count();
        (done, self.checkins.len() - done)
    }

    /// How many days were excused after the day.
    pub fn excused(&self) -> usize {
        self.checkins
            .iter()
            .filter(|c| c.mark == Mark::Excused)
            .count()
    }

    /// Done days as a share of the 30, in percent.
    pub fn percent(&self) -> u32 {
        let (done, _) = self.counts();
        (done as u32 * 100 + DAYS / 2) / DAYS
    }

    /// The current and the best streak of done days. A skipped day neither breaks nor adds
    /// to a streak; a missed day breaks it. Today, not yet checked in, does not break the
    /// current streak.
    pub fn streaks(&self, today: NaiveDate) -> (u32, u32) {
        let cells = self.cells(today);
        let mut best = 0;
        let mut run = 0;
        for cell in &cells {
            match cell {
                Cell::Done => {
                    run += 1;
                    best = best.max(run);
                }
                Cell::Skipped | Cell::Excused | Cell::Today | Cell::ToCome => {}
                Cell::Missed => run = 0,
            }
        }
        // The current streak runs back from today (or the last day) to the first miss.
        let mut current = 0;
        for cell in cells.iter().rev() {
            match cell {
                Cell::Done => current += 1,
                Cell::Skipped | Cell::Excused | Cell::Today | Cell::ToCome => {}
                Cell::Missed => break,
            }
        }
        if self.state(today) == State::Abandoned {
            current = 0;
        }
        (current, best)
    }

    /// Parses a run file; errors name the line where they can.
    pub fn parse(text: &str) -> Result<Run, FileError> {
        let table = parse_table(text)?;
        let at = |key: &str| key_line(text, key).or(Some(1));
        let challenge = match table.get("challenge") {
            Some(toml::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            _ => {
                return Err(file_error(
                    at("challenge"),
                    "needs challenge = \"SLUG\", the challenge this is a run of",
                ));
            }
        };
        let title = table
            .get("title")
            .and_then(|v| v.as_str())
            .unwrap_or(&challenge)
            .to_string();
        let started = table.get("started").and_then(to_date).ok_or_else(|| {
            file_error(
                at("started"),
                "needs started = YYYY-MM-DD, the day the run began",
            )
        })?;
        let abandoned = match table.get("abandoned") {
            None => None,
            Some(value) => Some(to_date(value).ok_or_else(|| {
                file_error(
                    at("abandoned"),
                    "'abandoned' must be a date such as 2026-12-01",
                )
            })?),
        };
        let weekdays = match table.get("weekdays") {
            None => EVERY_DAY.to_vec(),
            Some(toml::Value::Array(days)) => {
                let mut out = Vec::new();
                for day in days {
                    // A day's name, or the start of it of three letters or more: "monster"
                    // is no day.
                    match day.as_str().and_then(super::date::parse_weekday) {
                        Some(d) => out.push(d),
                        None => {
                            return Err(file_error(
                                at("weekdays"),
                                format!(
                                    "invalid day {day} in 'weekdays': use mon, tue, wed, thu, fri, sat, sun"
                                ),
                            ));
                        }
                    }
                }
                week_order(&out)
            }
            Some(_) => {
                return Err(file_error(
                    at("weekdays"),
                    "'weekdays' must be a list such as [\"mon\", \"tue\"]",
                ));
            }
        };
        let mut run = Run {
            challenge,
            title,
            started,
            weekdays,
            abandoned,
            checkins: Vec::new(),
        };
        let items = match table.get("checkin") {
            None => &Vec::new(),
            Some(toml::Value::Array(items)) => items,
            Some(_) => {
                return Err(file_error(
                    at("checkin"),
                    "'checkin' must be a list of [[checkin]] tables",
                ));
            }
        };
        for (i, item) in items.iter().enumerate() {
            let line = table_line(text, "checkin", i);
            let bad = |m: String| file_error(line, format!("check-in {}: {m}", i + 1));
            let table = item
                .as_table()
                .ok_or_else(|| bad("must be a table".into()))?;
            let day = match table.get("day") {
                Some(toml::Value::Integer(d)) if (1..=i64::from(DAYS)).contains(d) => *d as u32,
                _ => return Err(bad(format!("needs day = N, from 1 to {DAYS}"))),
            };
            let mark = match table.get("status").and_then(|v| v.as_str()) {
                Some("done") => Mark::Done,
                Some("skipped") => Mark::Skipped,
                Some("excused") => Mark::Excused,
                _ => {
                    return Err(bad(
                        "needs status = \"done\", \"skipped\" or \"excused\"".into()
                    ));
                }
            };
            let at = match table.get("at") {
                Some(value) => to_datetime(value).ok_or_else(|| {
                    bad("'at' must be a time such as 2026-11-25T18:00:00+01:00".into())
                })?,
                None => run
                    .date_of(day)
                    .and_hms_opt(0, 0, 0)
                    .expect("midnight exists")
                    .and_utc()
                    .fixed_offset(),
            };
            let note = table
                .get("note")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            if run.checkin(day).is_some() {
                return Err(bad(format!("day {day} is checked in twice")));
            }
            let cpd = super::cpd::of_table(table).map_err(|(_, message)| bad(message))?;
            run.set(Checkin {
                day,
                mark,
                at,
                note,
                cpd,
            });
        }
        Ok(run)
    }

    /// The run as a file.
    pub fn render(&self) -> String {
        let mut top = toml::Table::new();
        top.insert("challenge".into(), self.challenge.clone().into());
        top.insert("title".into(), self.title.clone().into());
        top.insert("started".into(), date_value(self.started));
        if !self.every_day() {
            let days: Vec<toml::Value> = self
                .weekdays
                .iter()
                .map(|d| d.to_string().to_ascii_lowercase().into())
                .collect();
            top.insert("weekdays".into(), toml::Value::Array(days));
        }
        if let Some(abandoned) = self.abandoned {
            top.insert("abandoned".into(), date_value(abandoned));
        }
        let checkins: Vec<toml::Value> = self
            .checkins
            .iter()
            .map(|c| {
                let mut t = toml::Table::new();
                t.insert("day".into(), i64::from(c.day).into());
                t.insert("date".into(), date_value(self.date_of(c.day)));
                t.insert("status".into(), c.mark.as_str().into());
                t.insert("at".into(), datetime_value(c.at));
                if !c.note.is_empty() {
                    t.insert("note".into(), c.note.clone().into());
                }
                if let Some(cpd) = &c.cpd {
                    super::cpd::write(&mut t, cpd);
                }
                toml::Value::Table(t)
            })
            .collect();
        if !checkins.is_empty() {
            top.insert("checkin".into(), toml::Value::Array(checkins));
        }
        format!(
            "# A run of the mpl challenge \"{}\" (see `mpl challenge status {}`).\n{}",
            self.challenge,
            self.challenge,
            toml::to_string(&top).expect("a TOML table always serializes")
        )
    }

    /// Merges two versions of one run (from two machines): every day checked in on either
    /// side is kept; where both checked in the same day, "done" wins over "skipped" over
    /// "excused", then the later check-in, and a note either side wrote is kept (both, one after the other,
    /// when they differ). An abandonment on either side stands (the earlier date).
    pub fn merge(&self, other: &Run) -> Run {
        let mut merged = self.clone();
        merged.abandoned = match (self.abandoned, other.abandoned) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for theirs in &other.checkins {
            let Some(ours) = merged.checkin(theirs.day).cloned() else {
                merged.set(theirs.clone());
                continue;
            };
            let keep_theirs = (theirs.mark.rank(), theirs.at, &theirs.note)
                > (ours.mark.rank(), ours.at, &ours.note);
            let mut kept = if keep_theirs {
                theirs.clone()
            } else {
                ours.clone()
            };
            // Words written on either machine stay: the earlier note first.
            let (first, second) = if ours.at <= theirs.at {
                (&ours.note, &theirs.note)
            } else {
                (&theirs.note, &ours.note)
            };
            kept.note = join_notes(first, second);
            // Hours one machine gave the day are kept.
            kept.cpd = kept
                .cpd
                .clone()
                .or_else(|| ours.cpd.clone().or(theirs.cpd.clone()));
            merged.set(kept);
        }
        merged
    }
}

/// Two notes as one: both, the first first, unless one already holds the other.
fn join_notes(first: &str, second: &str) -> String {
    let (first, second) = (first.trim(), second.trim());
    if second.is_empty() || first.contains(second) {
        first.to_string()
    } else if first.is_empty() || second.contains(first) {
        second.to_string()
    } else {
        format!("{first}\n{second}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn run_with(marks: &[(u32, Mark)]) -> Run {
        let challenge = &Challenge::builtins()[0];
        let mut run = Run::new(challenge, day("2026-11-01"), &EVERY_DAY);
        for (d, mark) in marks {
            run.set(Checkin {
                day: *d,
                mark: *mark,
                at: at("2026-11-01T18:00:00+01:00"),
                note: String::new(),
                cpd: None,
            });
        }
        run
    }

    #[test]
    fn the_builtins_have_thirty_distinct_tasks_each() {
        let all = Challenge::builtins();
        assert_eq!(all.len(), 5);
        for challenge in &all {
            assert_eq!(challenge.tasks.len(), 30, "{}", challenge.slug);
            let mut titles: Vec<&str> = challenge.tasks.iter().map(|t| t.title.as_str()).collect();
            titles.sort();
            titles.dedup();
            assert_eq!(titles.len(), 30, "{}", challenge.slug);
            assert!(!challenge.description.is_empty() && !challenge.goal.is_empty());
            assert!(challenge.tasks.iter().all(|t| !t.text.is_empty()));
        }
    }

    #[test]
    fn tasks_may_be_a_plain_list_of_titles() {
        let titles: Vec<String> = (1..=30).map(|d| format!("\"Write {d}\"")).collect();
        let text = format!("title = \"T\"\ntasks = [\n  {},\n]\n", titles.join(",\n  "));
        let challenge = Challenge::parse(&text, "t", false).unwrap();
        assert_eq!(challenge.tasks.len(), 30);
        assert_eq!(challenge.tasks[7].title, "Write 8");
        assert_eq!(challenge.tasks[7].text, "");
        // Too few, or an empty one: named at the list.
        let short = text.replacen("  \"Write 30\",\n", "", 1);
        let err = Challenge::parse(&short, "t", false).unwrap_err();
        assert!(err.message.contains("29 tasks"), "{}", err.message);
        assert_eq!(err.line, Some(2));
        let empty = text.replacen("\"Write 8\"", "\" \"", 1);
        let err = Challenge::parse(&empty, "t", false).unwrap_err();
        assert!(
            err.message.contains("day 8") && err.message.contains("title"),
            "{}",
            err.message
        );
        let number = text.replacen("\"Write 8\"", "8", 1);
        let err = Challenge::parse(&number, "t", false).unwrap_err();
        assert!(err.message.contains("title in quotes"), "{}", err.message);
    }

    #[test]
    fn a_definition_with_the_wrong_number_of_tasks_names_a_line() {
        let text = "title = \"T\"\n[[tasks]]\ntitle = \"a\"\n[[tasks]]\ntitle = \"b\"\n";
        let err = Challenge::parse(text, "t", false).unwrap_err();
        assert!(err.message.contains("2 tasks"), "{}", err.message);
        assert_eq!(err.line, Some(4));
        let err = Challenge::parse("title = \"T\"\ntasks = [", "t", false).unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = Challenge::parse("summary = \"x\"\n", "t", false).unwrap_err();
        assert!(err.message.contains("'title'"));
        let mut text = String::from("title = \"T\"\n");
        for i in 0..30 {
            text.push_str(&format!("[[tasks]]\ntitle = \"t{i}\"\n"));
        }
        assert!(Challenge::parse(&text, "t", false).is_ok());
        let broken = text.replacen("title = \"t7\"", "text = \"no title\"", 1);
        let err = Challenge::parse(&broken, "t", false).unwrap_err();
        assert_eq!(err.line, Some(16));
        assert!(err.message.contains("day 8"), "{}", err.message);
    }

    #[test]
    fn cells_show_done_skipped_missed_today_and_to_come() {
        let run = run_with(&[(1, Mark::Done), (2, Mark::Skipped), (4, Mark::Done)]);
        let cells = run.cells(day("2026-11-05"));
        assert_eq!(
            &cells[..6],
            &[
                Cell::Done,
                Cell::Skipped,
                Cell::Missed,
                Cell::Done,
                Cell::Today,
                Cell::ToCome
            ]
        );
        assert_eq!(run.state(day("2026-11-05")), State::Running);
        assert_eq!(run.state(day("2026-12-01")), State::Finished);
        assert_eq!(run.state(day("2026-10-31")), State::Upcoming);
        assert_eq!(run.day_of(day("2026-11-30")), Some(30));
        assert_eq!(run.day_of(day("2026-12-01")), None);
    }

    #[test]
    fn skips_keep_a_streak_and_misses_break_it() {
        use Mark::*;
        // Days 1-3 done, 4 skipped, 5-6 done: one streak of 5. Day 7 missed, 8 done.
        let run = run_with(&[
            (1, Done),
            (2, Done),
            (3, Done),
            (4, Skipped),
            (5, Done),
            (6, Done),
            (8, Done),
        ]);
        assert_eq!(run.streaks(day("2026-11-08")), (1, 5));
        // On day 9, before checking in, the current streak still stands.
        assert_eq!(run.streaks(day("2026-11-09")), (1, 5));
        // A day later, day 9 is missed.
        assert_eq!(run.streaks(day("2026-11-10")), (0, 5));
        let unbroken = run_with(&[(1, Done), (2, Skipped), (3, Done)]);
        assert_eq!(unbroken.streaks(day("2026-11-04")), (2, 2));
        assert_eq!(unbroken.percent(), 7);
    }

    const WORKWEEK: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    #[test]
    fn a_run_on_workdays_leaves_weekends_out() {
        let challenge = &Challenge::builtins()[0];
        // Started on a Saturday: day 1 is the Monday after.
        let run = Run::new(challenge, day("2026-11-28"), &WORKWEEK);
        assert_eq!(run.started, day("2026-11-30"));
        assert_eq!(run.date_of(1), day("2026-11-30"));
        assert_eq!(run.date_of(5), day("2026-12-04"));
        assert_eq!(
            run.date_of(6),
            day("2026-12-07"),
            "the weekend is passed over"
        );
        assert_eq!(run.ends(), day("2027-01-08"), "30 workdays are six weeks");
        assert_eq!(
            run.day_of(day("2026-12-05")),
            None,
            "a Saturday is no day of it"
        );
        assert_eq!(run.next_day(day("2026-12-05")), Some(6));
        assert_eq!(run.day_of(day("2026-12-07")), Some(6));
        for n in 1..=DAYS {
            assert_eq!(run.day_of(run.date_of(n)), Some(n));
        }
        // A weekend without check-ins is not missed; the workdays around it are.
        let cells = run.cells(day("2026-12-08"));
        assert_eq!(
            &cells[..7],
            &[Cell::Missed; 5]
                .iter()
                .copied()
                .chain([Cell::Missed, Cell::Today])
                .collect::<Vec<_>>()[..]
        );
        let mut kept = run.clone();
        for n in 1..=5 {
            kept.set(Checkin {
                day: n,
                mark: Mark::Done,
                at: at("2026-12-01T18:00:00+01:00"),
                note: String::new(),
                cpd: None,
            });
        }
        // Friday done, Monday (day 6) open on the Sunday: the streak stands.
        assert_eq!(kept.streaks(day("2026-12-06")), (5, 5));
        assert_eq!(kept.state(day("2026-12-06")), State::Running);
        // The file says which days it follows, and reads back the same.
        let text = kept.render();
        assert!(
            text.contains("weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]"),
            "{text}"
        );
        assert_eq!(Run::parse(&text).unwrap(), kept);
        // A run every day, and a run from before weekdays, have no such line.
        let every = Run::new(challenge, day("2026-11-28"), &EVERY_DAY);
        assert_eq!(every.started, day("2026-11-28"));
        assert!(!every.render().contains("weekdays"));
        assert_eq!(
            Run::parse(&every.render()).unwrap().weekdays,
            EVERY_DAY.to_vec()
        );
        let bad = text
            .replace("\"tue\"", "\"tuesdai\"")
            .replace("\"mon\"", "\"xx\"");
        let err = Run::parse(&bad).unwrap_err();
        assert!(err.message.contains("weekdays"), "{}", err.message);
        let monster = text.replace("\"mon\"", "\"monster\"");
        assert!(Run::parse(&monster).is_err(), "no day is called monster");
        assert!(err.line.is_some());
    }

    #[test]
    fn an_excused_day_keeps_the_streak_and_is_told_apart() {
        use Mark::*;
        let run = run_with(&[(1, Done), (2, Excused), (3, Done)]);
        assert_eq!(run.cells(day("2026-11-04"))[1], Cell::Excused);
        assert_eq!(run.streaks(day("2026-11-04")), (2, 2));
        assert_eq!(run.counts(), (2, 1));
        assert_eq!(run.excused(), 1);
        assert_eq!(Run::parse(&run.render()).unwrap(), run);
        // Two machines: done beats a planned day off, which beats an excused one.
        let excused = run_with(&[(2, Excused)]);
        let skipped = run_with(&[(2, Skipped)]);
        let done = run_with(&[(2, Done)]);
        assert_eq!(excused.merge(&skipped).checkin(2).unwrap().mark, Skipped);
        assert_eq!(skipped.merge(&excused).checkin(2).unwrap().mark, Skipped);
        assert_eq!(excused.merge(&done).checkin(2).unwrap().mark, Done);
    }

    #[test]
    fn runs_round_trip_through_their_file() {
        let mut run = run_with(&[(1, Mark::Done), (3, Mark::Skipped)]);
        run.checkins[0].note = "read \"a\" paper".into();
        let text = run.render();
        assert_eq!(Run::parse(&text).unwrap(), run);
        let twice = text.replace("day = 3", "day = 1");
        let err = Run::parse(&twice).unwrap_err();
        assert!(err.message.contains("twice"), "{}", err.message);
        let bad = text.replace("status = \"skipped\"", "status = \"maybe\"");
        assert!(Run::parse(&bad).unwrap_err().line.is_some());
    }

    #[test]
    fn two_machines_merge_as_a_union_of_days() {
        let base = run_with(&[(1, Mark::Done)]);
        let mut laptop = base.clone();
        laptop.set(Checkin {
            day: 2,
            mark: Mark::Skipped,
            at: at("2026-11-02T09:00:00+01:00"),
            note: String::new(),
            cpd: None,
        });
        let mut home = base.clone();
        home.set(Checkin {
            day: 2,
            mark: Mark::Done,
            at: at("2026-11-02T08:00:00+01:00"),
            note: "did it".into(),
            cpd: None,
        });
        home.set(Checkin {
            day: 3,
            mark: Mark::Done,
            at: at("2026-11-03T08:00:00+01:00"),
            note: String::new(),
            cpd: None,
        });
        let merged = laptop.merge(&home);
        assert_eq!(merged, home.merge(&laptop), "the merge is symmetric");
        assert_eq!(merged.checkins.len(), 3);
        assert_eq!(merged.checkin(2).unwrap().mark, Mark::Done);
    }

    #[test]
    fn notes_of_one_day_from_two_machines_are_both_kept() {
        let base = run_with(&[]);
        let note = |text: &str, time: &str| Checkin {
            day: 1,
            mark: Mark::Done,
            at: at(time),
            note: text.into(),
            cpd: None,
        };
        let mut laptop = base.clone();
        laptop.set(note(
            "Asked Sam about the outage",
            "2026-11-01T09:00:00+01:00",
        ));
        let mut home = base.clone();
        home.set(note("Read the postmortem", "2026-11-01T21:00:00+01:00"));
        let merged = laptop.merge(&home);
        assert_eq!(merged, home.merge(&laptop), "the merge is symmetric");
        assert_eq!(
            merged.checkin(1).unwrap().note,
            "Asked Sam about the outage\nRead the postmortem"
        );
        // Merged again (the next sync), nothing doubles.
        assert_eq!(merged.merge(&home), merged);
        assert_eq!(
            merged.merge(&laptop).checkin(1).unwrap().note,
            merged.checkin(1).unwrap().note
        );
        // A note on one side only is that note.
        let mut quiet = base.clone();
        quiet.set(note("", "2026-11-01T22:00:00+01:00"));
        assert_eq!(
            laptop.merge(&quiet).checkin(1).unwrap().note,
            "Asked Sam about the outage"
        );
        let text = merged.render();
        assert_eq!(Run::parse(&text).unwrap(), merged);
    }
}
