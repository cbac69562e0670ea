//! Recall: what was learned comes back on a spaced schedule, and each answer to "do you
//! still know this?" moves the next time. Pure: the log's lines, the schedule replayed from
//! them, and the merge of two machines' logs. No I/O and no clock.
//!
//! The record is a log, the schedule is derived. `recall.log` (see docs/file-format.md)
//! holds one line per answer, `TIME ID RATING`, appended and never rewritten; an entry's
//! schedule is its answers replayed in time order through SM-2. So two machines that both
//! answered merge by keeping both sets of lines ([`merge_logs`]), and both answers count.
//!
//! The algorithm is SuperMemo 2 as published by Piotr Woźniak ("Optimization of learning",
//! 1990; <https://super-memory.com/english/ol/sm2.htm>): each item has an easiness factor
//! EF (2.5 at first, never below 1.3) and a count n of answers in a row that were right.
//! An answer of quality q (0 to 5) sets EF' = EF + (0.1 − (5 − q)(0.08 + (5 − q)·0.02));
//! q below 3 starts the repetitions again (n = 0, next in 1 day); otherwise the intervals
//! are 1 day, 6 days, then the last interval times the new EF, rounded up. mpl's four answers are
//! the qualities again = 1, hard = 3, good = 4 and easy = 5. EF is kept in hundredths, so
//! every machine computes the same days from the same lines, bit for bit.

use super::date::logical_day;
use super::slug::check_id;
use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, Utc};
use std::collections::HashSet;

/// What the first lines of a new `recall.log` say.
pub const HEADER: &str = "\
# mpl recall: one line per answer to \"do you still know this?\" (see mpl's docs/file-format.md):
# TIME (RFC 3339) ID (a learned entry) RATING (again, hard, good or easy). mpl only appends;
# a sync keeps the lines of both machines.
";

/// An example line, for messages.
const EXAMPLE: &str = "2026-11-30T17:02:11+01:00 2026-11-25-two-phase-borrows good";

/// How well an entry was remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    /// Forgotten: it starts again, tomorrow.
    Again,
    /// Remembered, with effort.
    Hard,
    /// Remembered.
    Good,
    /// Remembered at once.
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The word in the log and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The rating a word names, in any case.
    pub fn parse(text: &str) -> Option<Rating> {
        Rating::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// SM-2's quality of response (0 to 5): again is "incorrect response; the correct one
    /// remembered" (1), hard "correct response recalled with serious difficulty" (3), good
    /// "correct response after a hesitation" (4), easy "perfect response" (5).
    fn quality(self) -> u32 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 3,
            Rating::Good => 4,
            Rating::Easy => 5,
        }
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One answer: when, to which learned entry, and how well it was remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub at: DateTime<FixedOffset>,
    /// A learned entry's id (checked to be a valid, dated id when read).
    pub id: String,
    pub rating: Rating,
}

impl Answer {
    /// The answer as a line of the log, without its newline.
    pub fn line(&self) -> String {
        format!(
            "{} {} {}",
            self.at.to_rfc3339_opts(SecondsFormat::Secs, false),
            self.id,
            self.rating
        )
    }
}

/// A line of the log that does not read as an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// From 1.
    pub line: usize,
    pub message: String,
}

/// The log, read: every answer, and the lines that are not answers (skipped).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Log {
    pub answers: Vec<Answer>,
    pub bad: Vec<BadLine>,
}

impl Log {
    /// Reads the text of `recall.log`. Blank lines and lines starting with `#` are skipped;
    /// any other line must be an answer, and one that is not is listed in `bad`.
    pub fn parse(text: &str) -> Log {
        let mut log = Log {
            // A line is some 70 bytes.
            answers: Vec::with_capacity(text.len() / 64),
            bad: Vec::new(),
        };
        for (i, line) in text.lines().enumerate() {
            match parse_line(line) {
                Ok(Some(answer)) => log.answers.push(answer),
                Ok(None) => {}
                Err(message) => log.bad.push(BadLine {
                    line: i + 1,
                    message,
                }),
            }
        }
        log
    }

    /// The answers given to entry `id`.
    pub fn of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Answer> + 'a {
        self.answers.iter().filter(move |a| a.id == id)
    }
}

/// One line of the log: `Ok(None)` for a comment or a blank line, the answer, or what is
/// wrong with it.
pub fn parse_line(line: &str) -> Result<Option<Answer>, String> {
    Ok(parse_words(line)?.map(|(at, id, rating)| Answer {
        at,
        id: id.to_string(),
        rating,
    }))
}

/// The answers of the log's text, borrowed from it, without a word about the lines that
/// are not answers: for `nudge`, which reads the whole log at each shell prompt.
pub fn answers_in(text: &str) -> impl Iterator<Item = (DateTime<FixedOffset>, &str, Rating)> + '_ {
    text.lines()
        .filter_map(|line| parse_words(line).ok().flatten())
}

/// An answer as its line holds it: when, the entry's id (borrowed from the line), and how well.
pub type Words<'a> = (DateTime<FixedOffset>, &'a str, Rating);

/// [`parse_line`], with the id borrowed from the line.
fn parse_words(line: &str) -> Result<Option<Words<'_>>, String> {
    let line = line.trim_ascii();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    // A line as mpl writes it, in one pass; anything else is read word by word below, which
    // also says what is wrong.
    if let Some(answer) = parse_plain(line) {
        return Ok(Some(answer));
    }
    let mut words = line.split_ascii_whitespace();
    let (Some(time), Some(id), Some(rating), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return Err(format!(
            "expected three words, TIME ID RATING, as in `{EXAMPLE}`; found {}",
            line.split_ascii_whitespace().count()
        ));
    };
    let at = parse_time(time).ok_or_else(|| {
        format!(
            "invalid time \"{}\": use RFC 3339, as in `{EXAMPLE}`",
            short(time)
        )
    })?;
    if !plain_id(id) {
        check_id(id).map_err(|msg| format!("{msg} (the second word is a learned entry's id)"))?;
    }
    if learned_date(id).is_none() {
        return Err(format!(
            "\"{id}\" is not the id of a learned entry, which starts with its date (YYYY-MM-DD-…)"
        ));
    }
    let rating = Rating::parse(rating).ok_or_else(|| {
        format!(
            "unknown rating \"{}\": use again, hard, good or easy",
            short(rating)
        )
    })?;
    Ok(Some((at, id, rating)))
}

/// A line exactly as mpl writes it (`TIME ID RATING`, one space between, the time with
/// whole seconds), else `None`.
fn parse_plain(line: &str) -> Option<Words<'_>> {
    let b = line.as_bytes();
    let time_len = match b.get(19)? {
        b'Z' => 20,
        b'+' | b'-' => 25,
        _ => return None,
    };
    if b.get(time_len) != Some(&b' ') {
        return None;
    }
    let at = parse_time(line.get(..time_len)?)?;
    let rest = line.get(time_len + 1..)?;
    let (id, rating) = rest.split_once(' ')?;
    let rating = match rating {
        "again" => Rating::Again,
        "hard" => Rating::Hard,
        "good" => Rating::Good,
        "easy" => Rating::Easy,
        _ => return None,
    };
    (plain_id(id) && learned_date(id).is_some()).then_some((at, id, rating))
}

/// An RFC 3339 time. The form mpl writes (`2026-11-30T17:02:11+01:00`, or with `Z`) is
/// read by hand, as it is on every line; any other goes to chrono.
fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let fast = || -> Option<DateTime<FixedOffset>> {
        let shape = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if !shape.iter().all(|(i, c)| b.get(*i) == Some(c)) {
            return None;
        }
        let offset = match (b.len(), b.get(19)) {
            (20, Some(b'Z')) => 0,
            (25, Some(sign @ (b'+' | b'-'))) if b[22] == b':' => {
                let (hours, minutes) = (digits(20..22)?, digits(23..25)?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = (hours * 60 + minutes) * 60;
                let seconds = i32::try_from(seconds).ok()?;
                if *sign == b'-' { -seconds } else { seconds }
            }
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
        let time = NaiveTime::from_hms_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?)?;
        let zone = FixedOffset::east_opt(offset)?;
        date.and_time(time).and_local_timezone(zone).single()
    };
    fast().or_else(|| DateTime::parse_from_rfc3339(text).ok())
}

/// Whether `id` is surely a valid id (see [`check_id`]), checked byte by byte: lowercase
/// letters, digits and single dashes between them. `false` leaves it to `check_id`.
fn plain_id(id: &str) -> bool {
    let b = id.as_bytes();
    let mut after_dash = true;
    for &c in b {
        if c == b'-' {
            if after_dash {
                return false;
            }
            after_dash = true;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            after_dash = false;
        } else {
            return false;
        }
    }
    !after_dash && b.len() <= crate::model::slug::MAX_ID
}

/// The date a learned entry's id starts with: `YYYY-MM-DD-slug` (a day's id alone,
/// `YYYY-MM-DD`, is a reflection's).
pub fn learned_date(id: &str) -> Option<NaiveDate> {
    if id.len() < 12 || id.as_bytes()[10] != b'-' {
        return None;
    }
    parse_day(id.get(..10)?)
}

/// A day written `YYYY-MM-DD`, read by hand: `nudge` reads many, and a format string costs
/// more.
pub(crate) fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// At most 40 characters of a word, for a message.
fn short(word: &str) -> String {
    let mut out: String = word.chars().take(40).collect();
    if out.len() < word.len() {
        out.push('…');
    }
    out
}

/// SuperMemo 2's easiness factor of a new item, in hundredths.
pub const START_EASE: u32 = 250;
/// SuperMemo 2's lowest easiness factor, in hundredths.
pub const MIN_EASE: u32 = 130;
/// No interval is longer than this many days (a hundred years): a long run of "easy" makes
/// the factor grow without bound.
pub const MAX_INTERVAL: u32 = 36_500;

/// Where an item stands in SuperMemo 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sm2 {
    /// Answers in a row that were remembered (hard, good or easy).
    pub repetitions: u32,
    /// The easiness factor, in hundredths (250 is 2.5).
    pub ease: u32,
    /// Days until the next recall, counted from the day of the last answer.
    pub interval: u32,
}

impl Sm2 {
    /// An item never answered.
    pub const NEW: Sm2 = Sm2 {
        repetitions: 0,
        ease: START_EASE,
        interval: 0,
    };

    /// Where the item stands after `rating`.
    pub fn answer(self, rating: Rating) -> Sm2 {
        let q = rating.quality();
        // EF' = EF + (0.1 − (5 − q)(0.08 + (5 − q)·0.02)), in hundredths: 10 − d(8 + 2d).
        let d = 5 - q;
        let change = 10 - (d * (8 + 2 * d)) as i64;
        let ease = (i64::from(self.ease) + change).max(i64::from(MIN_EASE)) as u32;
        if q < 3 {
            return Sm2 {
                repetitions: 0,
                ease,
                interval: 1,
            };
        }
        let interval = match self.repetitions {
            0 => 1,
            1 => 6,
            // I(n) = I(n−1) × EF, rounded up, with EF as this answer left it: so from the
            // third recall on, hard, good and easy set different waits.
            _ => {
                let next = (u64::from(self.interval) * u64::from(ease)).div_ceil(100);
                next.clamp(1, u64::from(MAX_INTERVAL)) as u32
            }
        };
        Sm2 {
            repetitions: self.repetitions + 1,
            ease,
            interval,
        }
    }
}

/// An entry's place in the schedule: its answers replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// How many answers it has had.
    pub reviews: usize,
    pub last_rating: Option<Rating>,
    /// The journal day of the last answer.
    pub last_day: Option<NaiveDate>,
    pub state: Sm2,
    /// The day it is next due.
    pub due: NaiveDate,
}

impl Schedule {
    /// The schedule of an entry learned on `learned` that got `answers` (in any order: they
    /// are replayed in time order, an answer's day being the journal day it was given on,
    /// see [`logical_day`]). With none, it is due the day after it was learned.
    pub fn replay<'a>(
        learned: NaiveDate,
        answers: impl IntoIterator<Item = &'a Answer>,
        day_starts_at: NaiveTime,
    ) -> Schedule {
        Schedule::replay_times(
            learned,
            answers.into_iter().map(|a| (a.at, a.rating)).collect(),
            day_starts_at,
        )
    }

    /// [`Schedule::replay`] of answers given as their times and ratings.
    pub fn replay_times(
        learned: NaiveDate,
        mut answers: Vec<(DateTime<FixedOffset>, Rating)>,
        day_starts_at: NaiveTime,
    ) -> Schedule {
        // In time order (the same instant written with two offsets is one time); a tie is
        // broken by the rest of the line, so that the order the lines came in never matters.
        answers.sort_unstable_by_key(|(at, rating)| {
            (
                at.timestamp(),
                at.timestamp_subsec_nanos(),
                at.offset().local_minus_utc(),
                *rating,
            )
        });
        let mut schedule = Schedule {
            reviews: 0,
            last_rating: None,
            last_day: None,
            state: Sm2::NEW,
            due: add_days(learned, 1),
        };
        for (at, rating) in answers {
            schedule = schedule.after(rating, logical_day(at, day_starts_at));
        }
        schedule
    }

    /// The schedule after `rating` given on `day`.
    pub fn after(&self, rating: Rating, day: NaiveDate) -> Schedule {
        let state = self.state.answer(rating);
        Schedule {
            reviews: self.reviews + 1,
            last_rating: Some(rating),
            last_day: Some(day),
            state,
            due: add_days(day, state.interval),
        }
    }

    /// Days between the last answer and the day it is due (`None` before any answer).
    pub fn interval_days(&self) -> Option<u32> {
        self.last_day.map(|_| self.state.interval)
    }
}

fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Merges two machines' versions of `recall.log` from their common `base`: every answer
/// either machine has is kept, once, and a line one machine took out by hand (a mistaken
/// answer, a bad line fixed) stays out, as tags do in an entry. Comments come first, once
/// each (ours, then any of theirs ours lacks); the answers follow in time order, and lines
/// that do not read as answers last, so `mpl doctor` still finds them.
pub fn merge_logs(base: Option<&str>, ours: &str, theirs: &str) -> String {
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.trim_end().to_string())
            .filter(|l| !l.trim().is_empty())
            .collect()
    };
    let (ours, theirs) = (lines(ours), lines(theirs));
    let base: HashSet<String> = base.map(lines).unwrap_or_default().into_iter().collect();
    let ours_set: HashSet<&String> = ours.iter().collect();
    let theirs_set: HashSet<&String> = theirs.iter().collect();
    // A line in the base that either side no longer has was taken out there.
    let removed = |line: &String| {
        base.contains(line) && (!ours_set.contains(line) || !theirs_set.contains(line))
    };
    let mut seen = HashSet::new();
    let mut comments = Vec::new();
    let mut others = Vec::new();
    for line in ours.iter().chain(theirs.iter()) {
        if removed(line) || !seen.insert(line.clone()) {
            continue;
        }
        if line.trim_start().starts_with('#') {
            comments.push(line.clone());
        } else {
            others.push(line.clone());
        }
    }
    others.sort_by_cached_key(|line| {
        let at = parse_line(line)
            .ok()
            .flatten()
            .map(|a| a.at.with_timezone(&Utc));
        (at.is_none(), at, line.clone())
    });
    let mut out = String::new();
    for line in comments.iter().chain(others.iter()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    fn answer(time: &str, rating: Rating) -> Answer {
        Answer {
            at: at(time),
            id: "2026-11-20-borrowck".into(),
            rating,
        }
    }

    #[test]
    fn a_line_reads_back_as_the_answer_it_was_written_from() {
        let a = answer("2026-11-30T17:02:11+01:00", Rating::Good);
        assert_eq!(
            a.line(),
            "2026-11-30T17:02:11+01:00 2026-11-20-borrowck good"
        );
        assert_eq!(parse_line(&a.line()), Ok(Some(a)));
        assert_eq!(parse_line("  # a comment"), Ok(None));
        assert_eq!(parse_line(""), Ok(None));
        // Extra spaces and any case of the rating are forgiven.
        assert_eq!(
            parse_line("2026-11-30T17:02:11Z   2026-11-20-borrowck  GOOD ")
                .unwrap()
                .unwrap()
                .rating,
            Rating::Good
        );
    }

    #[test]
    fn each_bad_line_says_what_is_wrong_with_its_number() {
        let text = format!(
            "{HEADER}2026-11-30T17:02:11+01:00 2026-11-20-borrowck good\n\
             2026-11-30 2026-11-20-borrowck good\n\
             2026-11-30T17:02:11+01:00 ../../etc/passwd good\n\
             2026-11-30T17:02:11+01:00 borrowck good\n\
             2026-11-30T17:02:11+01:00 2026-11-20-borrowck godo\n\
             2026-11-30T17:02:11+01:00 2026-11-20-borrowck\n"
        );
        let log = Log::parse(&text);
        assert_eq!(log.answers.len(), 1);
        let bad: Vec<(usize, &str)> = log
            .bad
            .iter()
            .map(|b| (b.line, b.message.as_str()))
            .collect();
        let first = HEADER.lines().count() + 2;
        assert_eq!(bad.len(), 5, "{bad:?}");
        assert_eq!(bad[0].0, first);
        assert!(
            bad[0].1.starts_with("invalid time \"2026-11-30\""),
            "{}",
            bad[0].1
        );
        assert!(bad[1].1.contains("invalid id"), "{}", bad[1].1);
        assert!(
            bad[2].1.contains("not the id of a learned entry"),
            "{}",
            bad[2].1
        );
        assert!(
            bad[3].1.starts_with("unknown rating \"godo\""),
            "{}",
            bad[3].1
        );
        assert!(bad[4].1.starts_with("expected three words"), "{}", bad[4].1);
        assert_eq!(bad[4].0, first + 4);
    }

    #[test]
    fn times_read_by_hand_read_as_chrono_reads_them() {
        for text in [
            "2026-11-30T17:02:11+01:00",
            "2026-11-30T17:02:11-09:30",
            "2026-11-30T17:02:11Z",
            "2026-11-30T17:02:11+00:00",
            "2026-11-30T17:02:11.250+01:00",
            "2026-11-30t17:02:11z",
            "2026-11-30 17:02:11+01:00",
            "2024-02-29T23:59:60Z",
            "2026-02-30T17:02:11Z",
            "2026-11-30T25:02:11Z",
            "2026-11-30T17:02:11+24:00",
            "2026-11-30T17:02:11+01:60",
            "2026-11-30T17:02:11",
            "2026-11-30",
            "２０２６-11-30T17:02:11Z",
        ] {
            assert_eq!(
                parse_time(text),
                DateTime::parse_from_rfc3339(text).ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_learned_id_starts_with_its_day_and_has_a_slug() {
        assert_eq!(learned_date("2026-11-20-borrowck"), Some(day("2026-11-20")));
        assert_eq!(learned_date("2026-11-20-b"), Some(day("2026-11-20")));
        for not in [
            "2026-11-20",
            "2026-11-20-",
            "2026-13-20-x",
            "2026-02-30-x",
            "20261120-x-y",
            "2026-1a-20-x",
            "+026-11-20-x",
        ] {
            assert_eq!(learned_date(not), None, "{not}");
        }
    }

    #[test]
    fn sm2_intervals_are_one_six_then_times_the_ease() {
        let mut s = Sm2::NEW;
        let mut intervals = Vec::new();
        for _ in 0..5 {
            s = s.answer(Rating::Good);
            intervals.push(s.interval);
        }
        // Good leaves EF at 2.5: 1, 6, 15, 38, 95 (each rounded up).
        assert_eq!(intervals, [1, 6, 15, 38, 95]);
        assert_eq!(s.ease, 250);
        // Easy adds 0.1 to EF, hard takes 0.14, again 0.54 (then starts over).
        assert_eq!(Sm2::NEW.answer(Rating::Easy).ease, 260);
        assert_eq!(Sm2::NEW.answer(Rating::Hard).ease, 236);
        let forgot = s.answer(Rating::Again);
        assert_eq!(
            (forgot.repetitions, forgot.interval, forgot.ease),
            (0, 1, 196)
        );
        // After a lapse the steps are 1 and 6 days again.
        assert_eq!(forgot.answer(Rating::Good).interval, 1);
        assert_eq!(forgot.answer(Rating::Good).answer(Rating::Good).interval, 6);
    }

    #[test]
    fn an_entry_never_answered_is_due_the_day_after_it_was_learned() {
        let s = Schedule::replay(day("2026-11-20"), [], four());
        assert_eq!(
            (s.due, s.reviews, s.interval_days()),
            (day("2026-11-21"), 0, None)
        );
    }

    #[test]
    fn the_schedule_counts_from_the_journal_day_of_each_answer() {
        // 02:00 on the 23rd is still the 22nd's journal day (it starts at 04:00).
        let answers = [
            answer("2026-11-23T02:00:00+01:00", Rating::Good),
            answer("2026-11-23T18:00:00+01:00", Rating::Good),
        ];
        let s = Schedule::replay(day("2026-11-20"), &answers, four());
        assert_eq!(s.last_day, Some(day("2026-11-23")));
        assert_eq!(s.due, day("2026-11-29"));
        assert_eq!((s.reviews, s.last_rating), (2, Some(Rating::Good)));
    }

    #[test]
    fn endless_easy_answers_stop_at_a_hundred_years() {
        let mut s = Sm2::NEW;
        for _ in 0..200 {
            s = s.answer(Rating::Easy);
        }
        assert_eq!(s.interval, MAX_INTERVAL);
        let sched = Schedule {
            reviews: 0,
            last_rating: None,
            last_day: None,
            state: s,
            due: NaiveDate::MAX,
        }
        .after(Rating::Easy, NaiveDate::MAX);
        assert_eq!(sched.due, NaiveDate::MAX);
    }

    #[test]
    fn both_machines_answers_are_kept_once_in_time_order() {
        let base = format!("{HEADER}2026-11-21T09:00:00+01:00 2026-11-20-a good\n");
        let ours = format!("{base}2026-11-24T09:00:00+01:00 2026-11-20-a hard\n");
        let theirs = format!(
            "{base}2026-11-23T20:00:00Z 2026-11-20-a easy\n2026-11-24T09:00:00+01:00 2026-11-20-a hard\n"
        );
        let merged = merge_logs(Some(&base), &ours, &theirs);
        assert_eq!(
            merged,
            format!(
                "{HEADER}2026-11-21T09:00:00+01:00 2026-11-20-a good\n\
                 2026-11-23T20:00:00Z 2026-11-20-a easy\n\
                 2026-11-24T09:00:00+01:00 2026-11-20-a hard\n"
            )
        );
        assert_eq!(merge_logs(Some(&base), &theirs, &ours), merged);
        // Two logs begun apart (no base) keep the header once.
        assert_eq!(merge_logs(None, &ours, &theirs), merged);
    }

    #[test]
    fn a_line_taken_out_on_one_machine_stays_out_and_bad_lines_go_last() {
        let base = "2026-11-21T09:00:00+01:00 2026-11-20-a godo\n2026-11-22T09:00:00+01:00 2026-11-20-a good\n";
        // Ours fixed the bad line; theirs added one.
        let ours = "2026-11-21T09:00:00+01:00 2026-11-20-a good\n2026-11-22T09:00:00+01:00 2026-11-20-a good\n";
        let theirs = format!("{base}not an answer\n2026-11-20T09:00:00+01:00 2026-11-20-a easy\n");
        assert_eq!(
            merge_logs(Some(base), ours, &theirs),
            "2026-11-20T09:00:00+01:00 2026-11-20-a easy\n\
             2026-11-21T09:00:00+01:00 2026-11-20-a good\n\
             2026-11-22T09:00:00+01:00 2026-11-20-a good\n\
             not an answer\n"
        );
    }

    mod props {
        use super::*;
        use crate::model::strategies::config;
        use proptest::prelude::*;

        fn rating() -> impl Strategy<Value = Rating> {
            prop::sample::select(Rating::ALL.to_vec())
        }

        /// Answers to two entries over about a year, at any offset, ties included.
        fn answers() -> impl Strategy<Value = Vec<Answer>> {
            let one = (0i64..400 * 24, -12i32..=14, 0usize..2, rating()).prop_map(
                |(hours, offset, which, rating)| {
                    let zone = FixedOffset::east_opt(offset * 3600).unwrap();
                    let utc = at("2026-01-01T00:00:00Z") + chrono::Duration::hours(hours);
                    Answer {
                        at: utc.with_timezone(&zone),
                        id: ["2026-01-01-a", "2026-01-01-b"][which].to_string(),
                        rating,
                    }
                },
            );
            prop::collection::vec(one, 0..24)
        }

        fn text_of(answers: &[Answer]) -> String {
            answers.iter().map(|a| format!("{}\n", a.line())).collect()
        }

        proptest! {
            #![proptest_config(config(256))]

            #[test]
            fn sm2_keeps_its_promises(ratings in prop::collection::vec(rating(), 0..60)) {
                let mut s = Sm2::NEW;
                for rating in ratings {
                    let before = s;
                    s = s.answer(rating);
                    // Never below 1.3; again starts over, tomorrow; any answer waits a day
                    // at least and at most a hundred years.
                    prop_assert!(s.ease >= MIN_EASE);
                    prop_assert!((1..=MAX_INTERVAL).contains(&s.interval));
                    if rating == Rating::Again {
                        prop_assert_eq!((s.repetitions, s.interval), (0, 1));
                    } else {
                        prop_assert_eq!(s.repetitions, before.repetitions + 1);
                    }
                    // Remembering after the first steps never shortens the wait.
                    if rating != Rating::Again && before.repetitions >= 2 {
                        prop_assert!(s.interval >= before.interval);
                    }
                }
            }

            #[test]
            fn a_line_read_in_one_pass_reads_as_word_by_word(
                time in "2026-(0[0-9]|1[0-3])-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](Z|[+-][0-2][0-9]:[0-6][0-9])",
                id in "2026-11-2[0-9]-[a-z-]{1,6}|[a-z0-9.]{1,6}",
                rating in "again|hard|good|easy|Good|god",
                gap in " |  |\t",
            ) {
                let line = format!("{time}{gap}{id} {rating}");
                let slow = {
                    let mut words = line.split_ascii_whitespace();
                    let (t, i, r) = (words.next().unwrap(), words.next().unwrap(), words.next().unwrap());
                    DateTime::parse_from_rfc3339(t).ok().filter(|_| check_id(i).is_ok() && learned_date(i).is_some())
                        .and_then(|at| Some((at, i, Rating::parse(r)?)))
                };
                prop_assert_eq!(parse_words(&line).ok().flatten(), slow);
                if let Some(fast) = parse_plain(&line) {
                    prop_assert_eq!(Some(fast), slow);
                }
            }

            #[test]
            fn a_plain_id_is_a_valid_id(id in "[a-z0-9-]{0,8}|[ -~]{0,8}|2026-11-20-[a-z-]{0,6}") {
                if plain_id(&id) {
                    prop_assert!(check_id(&id).is_ok(), "{}", id);
                } else {
                    prop_assert!(check_id(&id).is_err(), "{}", id);
                }
            }

            #[test]
            fn replay_does_not_depend_on_the_order_of_the_lines(
                answers in answers(),
                seed in any::<u64>(),
            ) {
                let learned = day("2025-12-31");
                let mut shuffled = answers.clone();
                // A cheap, seeded shuffle.
                let n = shuffled.len();
                for i in (1..n).rev() {
                    let j = (seed.wrapping_mul(i as u64 + 1) >> 7) as usize % (i + 1);
                    shuffled.swap(i, j);
                }
                let a = Schedule::replay(learned, &answers, four());
                prop_assert_eq!(&a, &Schedule::replay(learned, &shuffled, four()));
                prop_assert_eq!(a.reviews, answers.len());
                prop_assert!(a.due > a.last_day.unwrap_or(learned));
            }

            #[test]
            fn a_merge_keeps_every_answer_of_both_sides_once(
                base in answers(),
                ours in answers(),
                theirs in answers(),
            ) {
                let base_text = format!("{HEADER}{}", text_of(&base));
                let ours_text = format!("{base_text}{}", text_of(&ours));
                let theirs_text = format!("{base_text}{}", text_of(&theirs));
                let merged = merge_logs(Some(&base_text), &ours_text, &theirs_text);
                let log = Log::parse(&merged);
                prop_assert!(log.bad.is_empty());
                let lines: HashSet<String> = log.answers.iter().map(Answer::line).collect();
                prop_assert_eq!(lines.len(), log.answers.len(), "each line once");
                for answer in base.iter().chain(&ours).chain(&theirs) {
                    prop_assert!(lines.contains(&answer.line()));
                }
                prop_assert_eq!(merged.matches(HEADER).count(), 1);
                // Either machine merging gives the same answers, and merging again changes
                // nothing.
                prop_assert_eq!(&merge_logs(Some(&base_text), &theirs_text, &ours_text), &merged);
                prop_assert_eq!(&merge_logs(Some(&base_text), &merged, &merged), &merged);
            }
        }
    }
}
