//! Look back: what was written a week, a month and a year before a day, and on the same
//! day in earlier years. What is not revisited is forgotten.

use super::scan::{Found, Query};
use super::{Journal, Problem};
use crate::model::Kind;
use chrono::{Datelike, Duration, Months, NaiveDate};

/// How many years back "on this day" looks.
const YEARS_BACK: u32 = 30;

/// One moment looked back on: what it is called, its day, and what was written on it.
#[derive(Debug)]
pub struct Moment {
    /// "a week ago", "a month ago", "a year ago", "2 years ago", …
    pub when: String,
    pub date: NaiveDate,
    pub entries: Vec<Found>,
}

/// The days looked back on from `today`, nearest first: a week, a month and a year before,
/// then the same day in each earlier year.
pub fn moments_of(today: NaiveDate) -> Vec<(String, NaiveDate)> {
    let mut out = vec![("a week ago".to_string(), today - Duration::days(7))];
    if let Some(day) = today.checked_sub_months(Months::new(1)) {
        out.push(("a month ago".to_string(), day));
    }
    for years in 1..=YEARS_BACK {
        if let Some(day) = today.checked_sub_months(Months::new(12 * years)) {
            let when = if years == 1 {
                "a year ago".to_string()
            } else {
                format!("{years} years ago")
            };
            out.push((when, day));
        }
    }
    out
}

impl Journal {
    /// What was written on each day [`moments_of`] names that has anything: reflections,
    /// things learned, evidence and feedback. Files that cannot be read are left out, and
    /// returned as problems.
    pub fn look_back(&self, today: NaiveDate) -> (Vec<Moment>, Vec<Problem>) {
        let earliest = self.earliest_year();
        let mut problems = Vec::new();
        let moments = moments_of(today)
            .into_iter()
            .filter(|(_, day)| earliest.is_some_and(|year| day.year() >= year))
            .filter_map(|(when, date)| {
                let listing = self.list(&Query {
                    kinds: vec![
                        Kind::Reflection,
                        Kind::Learned,
                        Kind::Evidence,
                        Kind::Feedback,
                    ],
                    since: Some(date),
                    until: Some(date),
                    ..Query::default()
                });
                problems.extend(listing.problems);
                (!listing.entries.is_empty()).then_some(Moment {
                    when,
                    date,
                    entries: listing.entries,
                })
            })
            .collect();
        (moments, problems)
    }

    /// The first year any dated entry folder has.
    fn earliest_year(&self) -> Option<i32> {
        [
            Kind::Reflection,
            Kind::Learned,
            Kind::Evidence,
            Kind::Feedback,
        ]
        .iter()
        .filter_map(|kind| {
            std::fs::read_dir(self.root.join(kind.dir()))
                .ok()?
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
                .min()
        })
        .min()
    }
}

/// The memory most worth a line after a reflection: the years first (a year ago, then
/// earlier years), then a month, then a week; within a day, evidence before things
/// learned, feedback and reflections.
pub fn most_worth(moments: &[Moment]) -> Option<(&Moment, &Found)> {
    let rank = |kind: Kind| match kind {
        Kind::Evidence => 0,
        Kind::Learned => 1,
        Kind::Feedback => 2,
        _ => 3,
    };
    let mut ordered: Vec<&Moment> = moments.iter().collect();
    // A year ago, then 2, 3… years ago, then a month, then a week.
    ordered.sort_by_key(|m| {
        let group = match m.when.as_str() {
            "a week ago" => 2,
            "a month ago" => 1,
            _ => 0,
        };
        (group, std::cmp::Reverse(m.date))
    });
    ordered.into_iter().find_map(|moment| {
        moment
            .entries
            .iter()
            .min_by_key(|found| rank(found.entry.kind))
            .map(|found| (moment, found))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_a_week_a_month_and_each_year_back() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let moments = moments_of(day("2026-03-31"));
        assert_eq!(moments[0], ("a week ago".to_string(), day("2026-03-24")));
        // A month before 31 March is the last day of February.
        assert_eq!(moments[1], ("a month ago".to_string(), day("2026-02-28")));
        assert_eq!(moments[2], ("a year ago".to_string(), day("2025-03-31")));
        assert_eq!(moments[3], ("2 years ago".to_string(), day("2024-03-31")));
        // 29 February looks back to 28 February in other years.
        let leap = moments_of(day("2024-02-29"));
        assert_eq!(leap[2].1, day("2023-02-28"));
    }
}
