//! The periods a review looks back on, and their ids: `2026-W48` (an ISO week), `2026-11`,
//! `2026-Q4` and `2026`. A review's file is `reviews/YYYY/ID.md`; its date is the last day
//! of its period.

use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::Week, Period::Month, Period::Quarter, Period::Year];

    /// `week`, `month`, `quarter`, `year`: in flags, config and prompts.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    pub fn parse(name: &str) -> Option<Period> {
        let name = name.trim().to_ascii_lowercase();
        Period::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The period of this kind that holds `day`.
    pub fn of(self, day: NaiveDate) -> Span {
        let first = match self {
            Period::Week => day - Duration::days(day.weekday().num_days_from_monday().into()),
            Period::Month => day.with_day(1).expect("every month has a first day"),
            Period::Quarter => NaiveDate::from_ymd_opt(day.year(), (day.month0() / 3) * 3 + 1, 1)
                .expect("a quarter starts on a real day"),
            Period::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).expect("1 January"),
        };
        let next = match self {
            Period::Week => first + Duration::days(7),
            Period::Month => first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX),
            Period::Quarter => first
                .checked_add_months(chrono::Months::new(3))
                .unwrap_or(NaiveDate::MAX),
            Period::Year => first
                .checked_add_months(chrono::Months::new(12))
                .unwrap_or(NaiveDate::MAX),
        };
        Span {
            period: self,
            first,
            last: next.pred_opt().unwrap_or(next),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One period: which kind, and its first and last days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub period: Period,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    /// The review id of the period: `2026-W48`, `2026-11`, `2026-Q4`, `2026`.
    pub fn id(&self) -> String {
        match self.period {
            Period::Week => {
                let week: IsoWeek = self.first.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => self.first.format("%Y-%m").to_string(),
            Period::Quarter => format!("{:04}-Q{}", self.first.year(), self.first.month0() / 3 + 1),
            Period::Year => format!("{:04}", self.first.year()),
        }
    }

    /// The date of the period's review: its last day, but within the year its id names, so
    /// that a review lives in the folder of its year (the last ISO week of 2026 ends on 3
    /// January 2027; its review is dated 31 December 2026).
    pub fn date(&self) -> NaiveDate {
        let year: i32 = self.id()[..4].parse().expect("ids start with a year");
        let end_of_year = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(self.last);
        self.last.min(end_of_year)
    }

    /// The period before this one.
    pub fn previous(&self) -> Span {
        self.period.of(self.first.pred_opt().unwrap_or(self.first))
    }

    /// How a person names it: "the week of 23 November 2026", "November 2026", "Q4 2026",
    /// "2026".
    pub fn describe(&self) -> String {
        match self.period {
            Period::Week => format!("the week of {}", super::date::long_date(self.first)),
            Period::Month => self.first.format("%B %Y").to_string(),
            Period::Quarter => format!("Q{} {}", self.first.month0() / 3 + 1, self.first.year()),
            Period::Year => self.first.year().to_string(),
        }
    }

    /// The period a review id names, if it names one.
    pub fn parse_id(id: &str) -> Option<Span> {
        let year: i32 = id.get(..4)?.parse().ok()?;
        if !id.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let rest = &id[4..];
        let (period, day) = if rest.is_empty() {
            (Period::Year, NaiveDate::from_ymd_opt(year, 1, 1)?)
        } else if let Some(week) = rest.strip_prefix("-W") {
            if week.len() != 2 {
                return None;
            }
            let week: u32 = week.parse().ok()?;
            (
                Period::Week,
                NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?,
            )
        } else if let Some(quarter) = rest.strip_prefix("-Q") {
            let quarter: u32 = match quarter {
                "1" | "2" | "3" | "4" => quarter.parse().ok()?,
                _ => return None,
            };
            (
                Period::Quarter,
                NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)?,
            )
        } else if let Some(month) = rest.strip_prefix('-') {
            if month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (
                Period::Month,
                NaiveDate::from_ymd_opt(year, month.parse().ok()?, 1)?,
            )
        } else {
            return None;
        };
        let span = period.of(day);
        (span.id() == id).then_some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ids_and_bounds() {
        let d = day(2026, 11, 30);
        let week = Period::Week.of(d);
        assert_eq!(week.id(), "2026-W49");
        assert_eq!(
            (week.first, week.last),
            (day(2026, 11, 30), day(2026, 12, 6))
        );
        assert_eq!(Period::Month.of(d).id(), "2026-11");
        assert_eq!(Period::Month.of(d).last, day(2026, 11, 30));
        assert_eq!(Period::Quarter.of(d).id(), "2026-Q4");
        assert_eq!(Period::Quarter.of(d).last, day(2026, 12, 31));
        assert_eq!(Period::Year.of(d).id(), "2026");
        // ISO weeks belong to the year of their Thursday.
        assert_eq!(Period::Week.of(day(2027, 1, 1)).id(), "2026-W53");
        assert_eq!(
            Period::Week.of(day(2026, 11, 29)).previous().id(),
            "2026-W47"
        );
        assert_eq!(Period::Month.of(day(2026, 1, 5)).previous().id(), "2025-12");
    }

    #[test]
    fn only_exact_ids_parse() {
        for bad in [
            "2026-W54",
            "2026-W5",
            "2026-Q5",
            "2026-13",
            "2026-1",
            "20x6",
            "2026-11-30",
            "2026-w48",
        ] {
            assert_eq!(Span::parse_id(bad), None, "{bad}");
        }
        assert_eq!(Span::parse_id("2026-W53").unwrap().last, day(2027, 1, 3));
        assert_eq!(
            Span::parse_id("2026-W53").unwrap().date(),
            day(2026, 12, 31)
        );
        assert_eq!(Span::parse_id("2025-W01").unwrap().date(), day(2025, 1, 5));
    }

    proptest! {
        #[test]
        fn every_day_is_in_its_periods(days in 0i64..40_000) {
            let d = day(1990, 1, 1) + Duration::days(days);
            for period in Period::ALL {
                let span = period.of(d);
                prop_assert!(span.first <= d && d <= span.last);
                prop_assert_eq!(Span::parse_id(&span.id()), Some(span));
                prop_assert_eq!(span.previous().last.succ_opt().unwrap(), span.first);
                prop_assert_eq!(span.date().format("%Y").to_string(), span.id()[..4].to_string());
            }
        }
    }
}
