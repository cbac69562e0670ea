//! Streaks: how many days in a row something was done. A reflection streak counts
//! workdays only (weekends and other days off neither break nor extend it); a learning
//! streak counts every day. Today, not done yet, does not break the current streak.

use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// (current, longest) streak of `days` up to `today`, over the days `counts` says count.
pub fn streaks(
    days: &BTreeSet<NaiveDate>,
    today: NaiveDate,
    counts: impl Fn(NaiveDate) -> bool,
) -> (u32, u32) {
    let Some(first) = days.iter().next().copied() else {
        return (0, 0);
    };
    let mut longest = 0;
    let mut run = 0;
    let mut day = first;
    let last = today.max(*days.iter().next_back().expect("not empty"));
    while day <= last {
        if days.contains(&day) {
            if counts(day) {
                run += 1;
                longest = longest.max(run);
            }
        } else if counts(day) && day < today {
            run = 0;
        }
        day += Duration::days(1);
    }
    // The current streak: back from today, skipping today if it is still open.
    let mut current = 0;
    let mut day = today;
    if !days.contains(&today) {
        day -= Duration::days(1);
    }
    while day >= first {
        if days.contains(&day) {
            if counts(day) {
                current += 1;
            }
        } else if counts(day) {
            break;
        }
        day -= Duration::days(1);
    }
    (current, longest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn set(days: &[&str]) -> BTreeSet<NaiveDate> {
        days.iter().map(|s| d(s)).collect()
    }

    fn workday(day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    #[test]
    fn a_weekend_does_not_break_a_workday_streak() {
        // Thu 19, Fri 20, (weekend), Mon 23, Tue 24 November 2026; today Wed 25, still open.
        let days = set(&["2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"]);
        assert_eq!(streaks(&days, d("2026-11-25"), workday), (4, 4));
        // A day later, Wednesday was missed.
        assert_eq!(streaks(&days, d("2026-11-26"), workday), (0, 4));
        // Counted daily, the weekend breaks it.
        assert_eq!(streaks(&days, d("2026-11-25"), |_| true), (2, 2));
    }

    #[test]
    fn weekend_entries_do_not_count_on_workdays_and_gaps_reset() {
        let days = set(&[
            "2026-11-02",
            "2026-11-03",
            "2026-11-04", // Mon-Wed: 3
            "2026-11-06", // Fri (Thu missed)
            "2026-11-07", // Sat: not counted
            "2026-11-09", // Mon
        ]);
        assert_eq!(streaks(&days, d("2026-11-09"), workday), (2, 3));
        assert_eq!(streaks(&BTreeSet::new(), d("2026-11-09"), workday), (0, 0));
        // Today done counts.
        assert_eq!(
            streaks(&set(&["2026-11-09"]), d("2026-11-09"), |_| true),
            (1, 1)
        );
    }
}
