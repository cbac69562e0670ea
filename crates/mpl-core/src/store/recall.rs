//! The recall schedule on disk: `recall.log` read, and appended to through a transaction,
//! and which learned entries the schedule holds, known from file names and the log alone
//! (no entry is read here, so `nudge` stays fast).
//!
//! What the log names is not trusted: an id is used as a path only once it reads as a valid
//! learned entry's id (see [`crate::model::recall::parse_line`]), and only a regular file
//! in `learned/` counts as its entry.

use super::scan::Query;
use super::{Journal, Problem, RECALL_FILE, Tx};
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::model::recall::{Answer, HEADER, Log, Schedule, learned_date};
use chrono::{Days, NaiveDate};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// Learned entries of this many days before today (and after) are in the schedule before
/// they were ever recalled; older ones join when recalled once (`mpl recall --all`, or by
/// id), so that a long journal does not bring years of entries on the first day.
pub const RECENT_DAYS: u64 = 30;

/// A learned entry in the schedule, known by its file name.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub id: String,
    pub path: PathBuf,
    /// The day it was learned, from its id.
    pub learned: NaiveDate,
    pub schedule: Schedule,
}

impl Journal {
    /// Where the recall log is.
    pub fn recall_path(&self) -> PathBuf {
        self.root.join(RECALL_FILE)
    }

    /// The recall log, read: empty when there is none yet. A file that cannot be read (a
    /// link, not text, too large) is a problem; lines that are not answers are in its
    /// `bad` list, and left out of the answers.
    pub fn recall_log(&self) -> Result<Log, Problem> {
        match self.read_text(&self.recall_path()) {
            Ok(text) => Ok(Log::parse(&text)),
            Err(super::fs::ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
                Ok(Log::default())
            }
            Err(err) => Err(err.problem(PathBuf::from(RECALL_FILE))),
        }
    }

    /// The learned entries in the schedule as of `today`, each with its answers in `log`
    /// replayed, soonest due first (then oldest learned, then by id): those learned in the
    /// last [`RECENT_DAYS`] days and those answered at least once; with `all`, every learned
    /// entry. Entries the log names that are gone are left out. Folders that cannot be read
    /// are returned as problems.
    pub fn recall_schedule(
        &self,
        log: &Log,
        today: NaiveDate,
        all: bool,
    ) -> (Vec<Scheduled>, Vec<Problem>) {
        let mut problems = Vec::new();
        let since = (!all).then(|| {
            today
                .checked_sub_days(Days::new(RECENT_DAYS))
                .unwrap_or(NaiveDate::MIN)
        });
        let query = Query {
            kinds: vec![Kind::Learned],
            since,
            ..Query::default()
        };
        let mut ids: HashSet<String> = self
            .candidate_files(&query, &mut problems)
            .iter()
            .filter_map(|path| Some(path.file_stem()?.to_str()?.to_string()))
            .collect();
        let mut answers: BTreeMap<&str, Vec<&Answer>> = BTreeMap::new();
        for answer in &log.answers {
            answers.entry(answer.id.as_str()).or_default().push(answer);
        }
        for id in answers.keys() {
            if !ids.contains(*id) && self.is_learned_file(id) {
                ids.insert(id.to_string());
            }
        }
        let day_starts_at = self.settings.day_starts_at;
        let mut out: Vec<Scheduled> = ids
            .into_iter()
            .filter_map(|id| {
                // A file whose name holds no date is not in the schedule (doctor names it).
                let learned = learned_date(&id)?;
                let given = answers.get(id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                Some(Scheduled {
                    path: self.entry_path(Kind::Learned, &id),
                    schedule: Schedule::replay(learned, given.iter().copied(), day_starts_at),
                    learned,
                    id,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (a.schedule.due, a.learned, &a.id).cmp(&(b.schedule.due, b.learned, &b.id))
        });
        (out, problems)
    }

    /// How many entries are due on `today` (for `nudge`); 0 when the log does not read.
    pub fn recall_due_count(&self, today: NaiveDate) -> usize {
        let Ok(log) = self.recall_log() else {
            return 0;
        };
        let (scheduled, _) = self.recall_schedule(&log, today, false);
        scheduled
            .iter()
            .take_while(|s| s.schedule.due <= today)
            .count()
    }

    /// Whether `id` (a valid learned id) is a regular file in `learned/`, not a link.
    fn is_learned_file(&self, id: &str) -> bool {
        std::fs::symlink_metadata(self.entry_path(Kind::Learned, id)).is_ok_and(|m| m.is_file())
    }

    /// Appends `answers` to the recall log and commits them with `message`: a transaction of
    /// one file.
    pub fn record_answers(
        &self,
        lock: &super::Lock,
        answers: &[Answer],
        message: &str,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<()> {
        let mut tx = self.transaction(lock);
        tx.append_answers(answers)?;
        tx.finish(message, now)?;
        Ok(())
    }
}

impl Tx<'_> {
    /// Stages `answers` at the end of the recall log, which is made (with its header) when
    /// missing. The lines already there stay as they are, lines that are not answers
    /// included: the log is only ever added to.
    pub fn append_answers(&mut self, answers: &[Answer]) -> Result<PathBuf> {
        let path = self.journal().recall_path();
        let mut text = self
            .read_text(&path)
            .map_err(|err| Error::from(err.problem(PathBuf::from(RECALL_FILE))))?
            .unwrap_or_else(|| HEADER.to_string());
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for answer in answers {
            text.push_str(&answer.line());
            text.push('\n');
        }
        self.write(&path, text.into_bytes())?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::recall::Rating;
    use crate::model::{Entry, Settings};
    use chrono::DateTime;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// A journal with learned entries on each of `days`, committed.
    fn journal(days: &[&str]) -> (tempfile::TempDir, Journal, super::super::Lock) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("j");
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap();
        let (journal, lock, _) =
            Journal::open_for_write(&root, || Settings::new("T", ""), now, || {}, |_| {}).unwrap();
        for d in days {
            let entry = Entry::new(
                Kind::Learned,
                format!("{d}-thing"),
                day(d),
                now,
                "A thing".into(),
            );
            journal.add_entry(&lock, &entry, "learn", now).unwrap();
        }
        (dir, journal, lock)
    }

    fn answer(at: &str, id: &str, rating: Rating) -> Answer {
        Answer {
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            id: id.into(),
            rating,
        }
    }

    #[test]
    fn recent_and_answered_entries_are_scheduled_and_the_rest_wait_for_all() {
        let (_dir, journal, lock) = journal(&["2026-11-20", "2026-09-01", "2025-01-01"]);
        let today = day("2026-11-25");
        let ids = |all: bool| -> Vec<String> {
            let log = journal.recall_log().unwrap();
            let (s, problems) = journal.recall_schedule(&log, today, all);
            assert!(problems.is_empty(), "{problems:?}");
            s.into_iter().map(|s| s.id).collect()
        };
        assert_eq!(ids(false), ["2026-11-20-thing"]);
        assert_eq!(
            ids(true),
            ["2025-01-01-thing", "2026-09-01-thing", "2026-11-20-thing"]
        );
        assert_eq!(journal.recall_due_count(today), 1);
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap();
        journal
            .record_answers(
                &lock,
                &[
                    answer(
                        "2026-11-25T18:00:00+01:00",
                        "2026-09-01-thing",
                        Rating::Good,
                    ),
                    // Gone, or never there: left out.
                    answer("2026-11-25T18:00:00+01:00", "2026-09-02-gone", Rating::Good),
                ],
                "recall",
                now,
            )
            .unwrap();
        // Answered once, the old entry is in; due tomorrow, after the one due since the 21st.
        assert_eq!(ids(false), ["2026-11-20-thing", "2026-09-01-thing"]);
        let text = std::fs::read_to_string(journal.recall_path()).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        assert!(text.ends_with("2026-11-25T18:00:00+01:00 2026-09-02-gone good\n"));
    }

    #[test]
    fn appending_keeps_every_line_as_it_was() {
        let (_dir, journal, lock) = journal(&["2026-11-20"]);
        let kept = "# mine\nnot an answer\n2026-11-21T09:00:00Z 2026-11-20-thing good";
        std::fs::write(journal.recall_path(), kept).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap();
        let a = answer(
            "2026-11-25T18:00:00+01:00",
            "2026-11-20-thing",
            Rating::Hard,
        );
        journal
            .record_answers(&lock, std::slice::from_ref(&a), "recall", now)
            .unwrap();
        let text = std::fs::read_to_string(journal.recall_path()).unwrap();
        assert_eq!(text, format!("{kept}\n{}\n", a.line()));
        let log = journal.recall_log().unwrap();
        assert_eq!((log.answers.len(), log.bad.len()), (2, 1));
    }

    #[cfg(unix)]
    #[test]
    fn a_log_that_is_a_link_is_a_problem_and_never_followed() {
        let (dir, journal, lock) = journal(&[]);
        let outside = dir.path().join("outside.log");
        std::fs::write(&outside, "").unwrap();
        std::os::unix::fs::symlink(&outside, journal.recall_path()).unwrap();
        assert!(journal.recall_log().is_err());
        assert_eq!(journal.recall_due_count(day("2026-11-25")), 0);
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap();
        let a = answer(
            "2026-11-25T18:00:00+01:00",
            "2026-11-20-thing",
            Rating::Hard,
        );
        assert!(journal.record_answers(&lock, &[a], "recall", now).is_err());
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "");
    }
}
