//! The recall schedule on disk: `recall.log` read, and appended to through a transaction,
//! and which learned entries the schedule holds, known from file names and the log alone
//! (no entry is read here, so `nudge` stays fast).
//!
//! What the log names is not trusted: an id is used as a path only once it reads as a valid
//! learned entry's id (see [`crate::model::recall::parse_line`]) and is the name of a file
//! found in `learned/YYYY/` (folders that are links are not listed, see
//! [`Journal::read_folder`]).

use super::{Journal, Problem, RECALL_FILE, STATE_DIR, Tx, fs};
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::model::recall::{
    Answer, HEADER, Log, Rating, Schedule, answers_in, learned_date, parse_day,
};
use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate};
use std::collections::{HashMap, HashSet};
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
            Err(fs::ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
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
        let answers = by_entry(log);
        // The year folders to list: the recent ones (all, with `all`), and those of the
        // entries the log names. Listing a folder costs less than looking for each file.
        let logged_years: HashSet<i32> = answers
            .keys()
            .filter_map(|id| learned_date(id))
            .map(|day| day.year())
            .collect();
        let dir = self.root.join(Kind::Learned.dir());
        let folders = self.read_folder(&dir).unwrap_or_else(|problem| {
            problems.push(problem);
            Vec::new()
        });
        // Each id once, with the file it was found as.
        let mut ids: HashMap<String, PathBuf> = HashMap::new();
        for (name, kind) in folders {
            let Some(year) = name
                .parse::<i32>()
                .ok()
                .filter(|_| name.len() == 4 && kind.is_dir())
            else {
                continue;
            };
            if since.is_some_and(|s| year < s.year()) && !logged_years.contains(&year) {
                continue;
            }
            let stems = self.md_stems(&dir.join(&name)).unwrap_or_else(|problem| {
                problems.push(problem);
                Vec::new()
            });
            for stem in stems {
                let wanted = learned_date(&stem).is_some_and(|day| since.is_none_or(|s| day >= s))
                    || answers.contains_key(stem.as_str());
                if wanted && !ids.contains_key(&stem) {
                    let path = dir.join(&name).join(format!("{stem}.md"));
                    ids.insert(stem, path);
                }
            }
        }
        let day_starts_at = self.settings.day_starts_at;
        let mut out: Vec<Scheduled> = ids
            .into_iter()
            .filter_map(|(id, path)| {
                // A file whose name holds no date is not in the schedule (doctor names it).
                let learned = learned_date(&id)?;
                let given = answers.get(id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                Some(Scheduled {
                    path,
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

    /// How many entries are due on `today`, for `nudge`, which runs at every shell prompt
    /// and must stay fast on a long journal: the answered entries that are due (from
    /// [`Journal::recall_due_days`]), each looked for alone, and the recent entries never
    /// answered, from the names in their folders. 0 when the log does not read.
    pub fn recall_due_count(&self, today: NaiveDate) -> usize {
        let Some(answered) = self.recall_due_days() else {
            return 0;
        };
        let due = answered
            .iter()
            .filter(|(id, day)| *day <= today && self.is_learned_file(id))
            .count();
        let answered: ById<'_, ()> = answered.iter().map(|(id, _)| (id.as_str(), ())).collect();
        let since = today
            .checked_sub_days(Days::new(RECENT_DAYS))
            .unwrap_or(NaiveDate::MIN);
        let dir = self.root.join(Kind::Learned.dir());
        let recent = (since.year()..=today.year())
            .flat_map(|year| {
                self.md_stems(&dir.join(format!("{year:04}")))
                    .unwrap_or_default()
            })
            .filter(|stem| !answered.contains_key(stem.as_str()))
            .filter(|stem| learned_date(stem).is_some_and(|day| day >= since && day < today))
            .count();
        due + recent
    }

    /// When each entry the recall log names is next due (whether or not it still exists);
    /// `None` when the log does not read. Kept on this machine in `.mpl/recall-due`, made
    /// again whenever the log is not the file it was made from (another size, time or
    /// inode) or the journal's day starts at another time, so that a long log is replayed
    /// once, not at every prompt.
    pub fn recall_due_days(&self) -> Option<Vec<(String, NaiveDate)>> {
        let stamp = match std::fs::symlink_metadata(self.recall_path()) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Some(Vec::new()),
            Err(_) => return None,
            Ok(meta) if !meta.is_file() => return None,
            Ok(meta) => self.stamp(&meta),
        };
        let cache = self.root.join(STATE_DIR).join(DUE_CACHE);
        if let Some(days) = fs::read_text_nofollow(&cache)
            .ok()
            .and_then(|text| read_due_days(&text, &stamp))
        {
            return Some(days);
        }
        // Read after the stamp was taken: should the log change meanwhile, the stamp is
        // older than what it describes, and the next run makes it again.
        let text = self.read_text(&self.recall_path()).ok()?;
        let mut answers: ById<Vec<(DateTime<FixedOffset>, Rating)>> = ById::default();
        for (at, id, rating) in answers_in(&text) {
            answers.entry(id).or_default().push((at, rating));
        }
        let day_starts_at = self.settings.day_starts_at;
        let mut days: Vec<(String, NaiveDate)> = answers
            .into_iter()
            .filter_map(|(id, given)| {
                let learned = learned_date(id)?;
                let due = Schedule::replay_times(learned, given, day_starts_at).due;
                Some((id.to_string(), due))
            })
            .collect();
        days.sort();
        // Only where mpl keeps its state already: a folder nothing else wrote to is left
        // as it is. What cannot be written is made again next time.
        let state = self.root.join(STATE_DIR);
        if std::fs::symlink_metadata(&state).is_ok_and(|m| m.is_dir()) {
            let _ = fs::write_atomic(&cache, render_due_days(&stamp, &days).as_bytes(), true);
        }
        Some(days)
    }

    /// What tells one recall log from another: its size, time and inode, and when the
    /// journal's day starts (which decides each answer's day).
    fn stamp(&self, meta: &std::fs::Metadata) -> String {
        let time = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        format!(
            "{} {time} {inode} {}",
            meta.len(),
            self.settings.day_starts_at.format("%H:%M")
        )
    }

    /// Whether `id` (a valid learned id) is a regular file in `learned/YYYY/`, reached
    /// through real folders only.
    fn is_learned_file(&self, id: &str) -> bool {
        let path = self.entry_path(Kind::Learned, id);
        self.check_folders(&path).is_ok()
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
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

/// This machine's copy of when each answered entry is next due, in `.mpl/`.
const DUE_CACHE: &str = "recall-due";

/// The first line of `.mpl/recall-due`.
const DUE_CACHE_HEADER: &str = "# mpl: when each entry of recall.log is next due, on this machine; made again when recall.log changes";

fn render_due_days(stamp: &str, days: &[(String, NaiveDate)]) -> String {
    let mut out = format!("{DUE_CACHE_HEADER}\nstamp {stamp}\n");
    for (id, day) in days {
        out.push_str(&format!("{id} {day}\n"));
    }
    out
}

/// The days of a `.mpl/recall-due` made from the log `stamp` describes; `None` when it was
/// made from another, or holds a line that is not an id and a day (it is then made again:
/// an id from it is used as a path only once it reads as a learned entry's).
fn read_due_days(text: &str, stamp: &str) -> Option<Vec<(String, NaiveDate)>> {
    let mut lines = text.lines();
    if lines.next() != Some(DUE_CACHE_HEADER) || lines.next()?.strip_prefix("stamp ")? != stamp {
        return None;
    }
    lines
        .map(|line| {
            let (id, day) = line.split_once(' ')?;
            learned_date(id)?;
            crate::model::slug::check_id(id).ok()?;
            Some((id.to_string(), parse_day(day)?))
        })
        .collect()
}

/// A map keyed by entry id, with a quick hash: the keys are the ids of the journal's own
/// log, and a hash that resists collisions made on purpose would guard against someone
/// who can already write the journal.
type ById<'a, V> = HashMap<&'a str, V, std::hash::BuildHasherDefault<IdHasher>>;

/// FxHash's step, eight bytes at a time.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The answers in `log`, by entry.
fn by_entry(log: &Log) -> ById<'_, Vec<&Answer>> {
    let mut answers: ById<'_, Vec<&Answer>> = ById::default();
    for answer in &log.answers {
        answers.entry(answer.id.as_str()).or_default().push(answer);
    }
    answers
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

    #[test]
    fn the_due_days_are_kept_until_the_log_changes() {
        let (_dir, journal, lock) = journal(&["2026-11-20", "2026-11-21", "2026-09-01"]);
        let today = day("2026-11-25");
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap();
        let count_by_schedule = || {
            let log = journal.recall_log().unwrap();
            let (s, _) = journal.recall_schedule(&log, today, false);
            s.iter().take_while(|s| s.schedule.due <= today).count()
        };
        assert_eq!(journal.recall_due_count(today), 2);
        let answer = |id: &str, rating| answer("2026-11-24T09:00:00+01:00", id, rating);
        journal
            .record_answers(
                &lock,
                &[
                    answer("2026-11-20-thing", Rating::Again),
                    answer("2026-09-01-thing", Rating::Good),
                ],
                "recall",
                now,
            )
            .unwrap();
        let cache = journal.root.join(STATE_DIR).join(DUE_CACHE);
        assert!(!cache.exists());
        // Answered on the 24th, both are due on the 25th, and so is the 21st's.
        assert_eq!(journal.recall_due_count(today), 3);
        assert_eq!(count_by_schedule(), 3);
        let text = std::fs::read_to_string(&cache).unwrap();
        assert!(text.ends_with("2026-09-01-thing 2026-11-25\n2026-11-20-thing 2026-11-25\n"));
        // What is kept is what is read (as long as the log is the same file)…
        std::fs::write(
            &cache,
            text.replace("-11-25\n2026-11-20", "-11-26\n2026-11-20"),
        )
        .unwrap();
        assert_eq!(journal.recall_due_count(today), 2);
        // …and made again when it is not, or when a line does not read.
        std::fs::write(&cache, text.replace("2026-09-01-thing", "../../x")).unwrap();
        assert_eq!(journal.recall_due_count(today), 3);
        journal
            .record_answers(
                &lock,
                &[answer("2026-11-21-thing", Rating::Easy)],
                "recall",
                now,
            )
            .unwrap();
        assert_eq!(journal.recall_due_count(today), 3);
        assert_eq!(count_by_schedule(), 3);
        // An entry gone is not counted, though its answers stay.
        std::fs::remove_file(journal.entry_path(Kind::Learned, "2026-09-01-thing")).unwrap();
        assert_eq!(journal.recall_due_count(today), 2);
        assert_eq!(count_by_schedule(), 2);
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
