//! Follow-through: what a reflection planned, and whether it happened.
//!
//! An *intention* is an answer with the `next` role (each list item of it, else each
//! paragraph), or a Markdown task item (`- [ ] …`) anywhere in a reflection or a review. A
//! later day's entry records what came of it in its front matter, never touching the entry
//! that made the plan:
//!
//! ```toml
//! [[follow_up]]
//! of = "2026-11-18"
//! intention = "Write the runbook before the next cut-over."
//! status = "done"            # done, not-yet or dropped
//! note = "Two hours, with Sam"
//! ```
//!
//! A task item checked by hand (`- [x] …`) counts as done. An intention is asked about
//! `follow_up_after` days after it was made, and again as long after each "not yet".

use super::Entry;
use super::reflection::Reflection;
use super::template::Role;
use chrono::{Duration, NaiveDate};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::fmt;

/// The front matter list of a day's follow-ups.
pub const FOLLOW_UP: &str = "follow_up";

/// One plan, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intention {
    /// `ENTRY#N`: the entry and the plan's place in it (from 1), for the command line.
    pub id: String,
    /// The id of the entry that made it.
    pub of: String,
    /// The day of that entry.
    pub made: NaiveDate,
    /// Its text, on one line.
    pub text: String,
    /// A task item checked by hand.
    pub checked: bool,
}

/// What came of an intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    NotYet,
    Dropped,
    Done,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Done, Status::NotYet, Status::Dropped];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::NotYet => "not-yet",
            Status::Dropped => "dropped",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        let name = name.trim().to_lowercase().replace([' ', '_'], "-");
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One follow-up, as a later entry records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// The entry that made the plan.
    pub of: String,
    /// The plan's text, as it was when followed up.
    pub intention: String,
    pub status: Status,
    pub note: Option<String>,
    /// The day of the entry that records it.
    pub date: NaiveDate,
}

/// Plans are one line each: text spread over lines is joined, and cut at 300 characters.
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::entry::title_from_text(&joined, 300)
}

/// What makes two texts one plan: the same words, case and spacing aside.
fn plan_key(text: &str) -> String {
    one_line(text).to_lowercase()
}

/// The intentions an entry makes, in order: its `next` answers, then task items elsewhere.
pub fn intentions_of(entry: &Entry) -> Vec<Intention> {
    let reflection = Reflection::of(entry);
    let mut found: Vec<(String, bool)> = Vec::new();
    for answer in reflection.answers(Role::Next) {
        let items = list_items(answer);
        if items.is_empty() {
            found.extend(
                answer
                    .split("\n\n")
                    .map(one_line)
                    .filter(|t| !t.is_empty())
                    .map(|t| (t, false)),
            );
        } else {
            found.extend(
                items
                    .into_iter()
                    .map(|(t, checked)| (t, checked.unwrap_or(false))),
            );
        }
    }
    // Task items anywhere else in the body.
    found.extend(
        list_items(&entry.body)
            .into_iter()
            .filter_map(|(text, checked)| Some((text, checked?))),
    );
    // A review is dated the last day of its period, which may be still to come: its plans
    // are made the day it was written.
    let made = match entry.kind {
        super::Kind::Review => entry.created.date_naive().min(entry.date),
        _ => entry.date,
    };
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Intention> = Vec::new();
    for (text, checked) in found {
        // The same plan twice (a task in the "next" answer, say) is one plan.
        if text.is_empty() || !seen.insert(plan_key(&text)) {
            continue;
        }
        out.push(Intention {
            id: format!("{}#{}", entry.id, out.len() + 1),
            of: entry.id.clone(),
            made,
            text,
            checked,
        });
    }
    out
}

/// The top-level list items of `text`, each on one line, with their task mark if they are
/// task items (`Some(true)` for `- [x]`).
fn list_items(text: &str) -> Vec<(String, Option<bool>)> {
    let mut out: Vec<(String, Option<bool>)> = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(String, Option<bool>)> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                if depth == 1 {
                    current = Some((String::new(), None));
                }
            }
            Event::End(TagEnd::Item) => {
                if depth == 1
                    && let Some((text, mark)) = current.take()
                {
                    out.push((one_line(&text), mark));
                }
                depth = depth.saturating_sub(1);
            }
            Event::TaskListMarker(checked) if depth == 1 => {
                if let Some((_, mark)) = &mut current {
                    *mark = Some(checked);
                }
            }
            Event::Text(t) | Event::Code(t) if depth == 1 => {
                if let Some((text, _)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if depth == 1 => {
                if let Some((text, _)) = &mut current {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                if let Some((text, _)) = &mut current {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// The follow-ups an entry records; items of the wrong shape are left out (`doctor`
/// reports them, see [`check`]).
pub fn follow_ups_of(entry: &Entry) -> Vec<FollowUp> {
    let Some(list) = entry.extra.get(FOLLOW_UP).and_then(toml::Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|item| {
            let table = item.as_table()?;
            let text = |key: &str| table.get(key).and_then(toml::Value::as_str);
            Some(FollowUp {
                of: text("of")?.to_string(),
                intention: text("intention")?.to_string(),
                status: Status::parse(text("status")?)?,
                note: text("note")
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
                date: entry.date,
            })
        })
        .collect()
}

/// What is wrong with an entry's `[[follow_up]]` list, if anything.
pub fn check(entry: &Entry) -> Option<String> {
    let value = entry.extra.get(FOLLOW_UP)?;
    let Some(list) = value.as_array() else {
        return Some(format!(
            "'{FOLLOW_UP}' must be a list of [[{FOLLOW_UP}]] tables"
        ));
    };
    for (n, item) in list.iter().enumerate() {
        let n = n + 1;
        let Some(table) = item.as_table() else {
            return Some(format!("follow-up {n} must be a table"));
        };
        for key in ["of", "intention", "status"] {
            if table.get(key).and_then(toml::Value::as_str).is_none() {
                return Some(format!("follow-up {n} has no '{key}' text"));
            }
        }
        let status = table["status"].as_str().unwrap_or("");
        if Status::parse(status).is_none() {
            return Some(format!(
                "follow-up {n} has the status \"{status}\": use done, not-yet or dropped"
            ));
        }
    }
    None
}

/// Adds a follow-up to the entry that records it (a day's reflection).
pub fn record(entry: &mut Entry, of: &Intention, status: Status, note: Option<&str>) {
    let mut table = toml::Table::new();
    table.insert("of".into(), of.of.clone().into());
    table.insert("intention".into(), of.text.clone().into());
    table.insert("status".into(), status.as_str().into());
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        table.insert("note".into(), one_line(note).into());
    }
    let list = entry
        .extra
        .entry(FOLLOW_UP)
        .or_insert_with(|| toml::Value::Array(Vec::new()));
    if let Some(list) = list.as_array_mut() {
        let value = toml::Value::Table(table);
        if !list.contains(&value) {
            list.push(value);
        }
    }
}

/// Where an intention stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not followed up yet, or "not yet".
    Open,
    Done,
    Dropped,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Done => "done",
            State::Dropped => "dropped",
        }
    }
}

/// An intention with what came of it.
#[derive(Debug, Clone)]
pub struct Tracked {
    pub intention: Intention,
    /// Every follow-up of it, oldest first.
    pub follow_ups: Vec<FollowUp>,
    pub state: State,
    /// When it is (or was) to be asked about; `None` once settled.
    pub due: Option<NaiveDate>,
}

impl Tracked {
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|due| due <= today)
    }

    /// The last note written about it.
    pub fn last_note(&self) -> Option<&str> {
        self.follow_ups.iter().rev().find_map(|f| f.note.as_deref())
    }
}

/// Each intention with its follow-ups and state. The latest follow-up settles it; on one
/// day, done counts over dropped, and dropped over not yet (two machines may answer the
/// same plan on the same day). A task checked by hand is done.
pub fn track(intentions: Vec<Intention>, follow_ups: &[FollowUp], after_days: u32) -> Vec<Tracked> {
    let after = Duration::days(i64::from(after_days));
    let mut by_plan: std::collections::HashMap<(&str, String), Vec<FollowUp>> =
        std::collections::HashMap::new();
    for f in follow_ups {
        by_plan
            .entry((f.of.as_str(), plan_key(&f.intention)))
            .or_default()
            .push(f.clone());
    }
    intentions
        .into_iter()
        .map(|intention| {
            let mut mine = by_plan
                .get(&(intention.of.as_str(), plan_key(&intention.text)))
                .cloned()
                .unwrap_or_default();
            mine.sort_by_key(|f| (f.date, f.status));
            let (state, due) = match mine.last() {
                _ if intention.checked => (State::Done, None),
                None => (State::Open, Some(intention.made + after)),
                Some(last) => match last.status {
                    Status::Done => (State::Done, None),
                    Status::Dropped => (State::Dropped, None),
                    Status::NotYet => (State::Open, Some(last.date + after)),
                },
            };
            Tracked {
                intention,
                follow_ups: mine,
                state,
                due,
            }
        })
        .collect()
}

/// How plans fared: how many were made, and of those whose time to be asked has come,
/// how many were done, dropped or are still open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowThrough {
    pub made: usize,
    pub done: usize,
    pub dropped: usize,
    /// Due and not settled.
    pub open: usize,
}

impl FollowThrough {
    pub fn of(tracked: &[Tracked], today: NaiveDate) -> FollowThrough {
        let mut out = FollowThrough::default();
        for t in tracked {
            out.made += 1;
            match t.state {
                State::Done => out.done += 1,
                State::Dropped => out.dropped += 1,
                State::Open if t.is_due(today) => out.open += 1,
                State::Open => {}
            }
        }
        out
    }

    /// Done, out of those settled or due: `None` when none is.
    pub fn rate(&self) -> Option<u32> {
        let asked = self.done + self.dropped + self.open;
        (asked > 0).then(|| (self.done * 100 / asked) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn reflection(d: u32, body: &str) -> Entry {
        let mut e = Entry::new(
            Kind::Reflection,
            day(d).to_string(),
            day(d),
            chrono::DateTime::parse_from_rfc3339("2026-11-01T18:00:00+00:00").unwrap(),
            "r".into(),
        );
        e.body = body.into();
        e
    }

    #[test]
    fn plans_come_from_next_answers_and_task_items() {
        let e = reflection(
            2,
            "## Key moments\n\n- [ ] Book the room\n- not a task\n\n## Next time\n\nWrite the\nrunbook.\n\nPair with Sam.\n\n## Notes\n\n- [x] Call Ana\n  - [ ] nested, not counted\n",
        );
        let texts: Vec<(String, bool)> = intentions_of(&e)
            .into_iter()
            .map(|i| (i.text, i.checked))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Write the runbook.".to_string(), false),
                ("Pair with Sam.".to_string(), false),
                ("Book the room".to_string(), false),
                ("Call Ana".to_string(), true),
            ]
        );
        assert_eq!(intentions_of(&e)[1].id, "2026-11-02#2");
        let listed = reflection(3, "## Next time\n\n- [x] Ship it\n- Tell the team\n");
        let got = intentions_of(&listed);
        assert_eq!(got.len(), 2);
        assert!(got[0].checked && !got[1].checked);
    }

    #[test]
    fn follow_ups_settle_plans_and_the_latest_counts() {
        let made = reflection(
            2,
            "## Next time\n\n- Write the runbook\n- Pair with Sam\n- Try Rust\n",
        );
        let plans = intentions_of(&made);
        let mut later = reflection(9, "");
        record(&mut later, &plans[0], Status::NotYet, Some("next week"));
        record(&mut later, &plans[1], Status::Done, None);
        assert!(check(&later).is_none());
        let mut even_later = reflection(16, "");
        record(&mut even_later, &plans[0], Status::Done, Some("with Sam"));
        // Two machines answering one plan on one day: done counts.
        let mut other = reflection(16, "");
        record(&mut other, &plans[0], Status::Dropped, None);
        let all: Vec<FollowUp> = [&later, &even_later, &other]
            .iter()
            .flat_map(|e| follow_ups_of(e))
            .collect();
        let tracked = track(plans.clone(), &all, 7);
        assert_eq!(tracked[0].state, State::Done);
        assert_eq!(tracked[0].last_note(), Some("with Sam"));
        assert_eq!(tracked[1].state, State::Done);
        assert_eq!(tracked[2].state, State::Open);
        assert_eq!(tracked[2].due, Some(day(9)));
        // A "not yet" is asked again a delay later.
        let only_first = track(plans, &follow_ups_of(&later), 7);
        assert_eq!(only_first[0].due, Some(day(16)));
        assert!(only_first[0].is_due(day(16)) && !only_first[0].is_due(day(15)));
        let rate = FollowThrough::of(&tracked, day(16));
        assert_eq!((rate.made, rate.done, rate.open), (3, 2, 1));
        assert_eq!(rate.rate(), Some(66));
    }

    #[test]
    fn many_plans_are_counted_once_each() {
        let same = "- [ ] Write it\n".repeat(3000);
        assert_eq!(intentions_of(&reflection(2, &same)).len(), 1);
        let many: String = (0..3000).map(|n| format!("- [ ] Task {n}\n")).collect();
        let plans = intentions_of(&reflection(2, &many));
        assert_eq!(plans.len(), 3000);
        assert_eq!(plans[2999].id, "2026-11-02#3000");
        let mut later = reflection(9, "");
        for plan in plans.iter().step_by(10) {
            record(&mut later, plan, Status::Done, None);
        }
        let tracked = track(plans, &follow_ups_of(&later), 7);
        let done = tracked.iter().filter(|t| t.state == State::Done).count();
        assert_eq!(done, 300);
    }

    #[test]
    fn bad_follow_ups_are_named() {
        let mut e = reflection(2, "");
        e.extra.insert(
            FOLLOW_UP.into(),
            toml::Value::Array(vec![toml::Value::Table(
                toml::from_str("of = \"x\"\nintention = \"y\"\nstatus = \"finished\"\n").unwrap(),
            )]),
        );
        assert!(check(&e).unwrap().contains("\"finished\""));
        assert!(follow_ups_of(&e).is_empty());
    }
}
