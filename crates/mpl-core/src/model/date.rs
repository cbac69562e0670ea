//! Dates as users type them (`today`, `yesterday`, `friday`, `last monday`, `3d`, `2w`,
//! `3 days ago`, `a month ago`, `may 4`, `2026-11-25`) and the "logical day" rule: a day
//! starts at `day_starts_at`, so 00:30 still belongs to yesterday.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, NaiveTime, Weekday};
use toml::value::Datetime;

/// What a date argument may look like; used in error hints.
pub const DATE_FORMS: &str = "use YYYY-MM-DD, today, yesterday, a weekday (friday, last friday), a month and day (may 4), N days/weeks/months ago (or Nd, Nw), last week or last month";

/// Parses a date expression relative to `today`; every form means a day up to today:
/// weekday names the most recent such day (today included; `last friday` the one before
/// today), `may 4` the most recent 4 May, `Nd`/`N days ago` N days back, `Nw`/`N weeks
/// ago` N weeks, `N months ago` N calendar months, `last week` 7 days and `last month` a
/// month back.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = parse_any_date(input, today)?;
    if !in_range(date) {
        return Err(format!("date \"{input}\" is outside the years 1 to 9999"));
    }
    Ok(date)
}

/// Whether `date` can be written in an entry (TOML dates have four-digit years).
pub(crate) fn in_range(date: NaiveDate) -> bool {
    (1..=9999).contains(&date.year())
}

fn parse_any_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    // "3 days ago", "3  Days Ago", "3-days-ago" read alike.
    let text = input
        .trim()
        .to_ascii_lowercase()
        .split([' ', '\t', ','])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let invalid = || format!("invalid date \"{input}\"");
    let too_far = || format!("date \"{input}\" is too far back");
    if text.is_empty() {
        return Err("empty date".to_string());
    }
    match text.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return Ok(today - Duration::days(1)),
        "last week" | "a week ago" => return Ok(today - Duration::days(7)),
        "last month" | "a month ago" => {
            return today.checked_sub_months(Months::new(1)).ok_or_else(too_far);
        }
        _ => {}
    }
    if let Some(weekday) = parse_weekday(&text) {
        return Ok(today - Duration::days(days_back_to(today, weekday)));
    }
    if let Some(weekday) = text.strip_prefix("last ").and_then(parse_weekday) {
        // The one before today: `last monday` on a Monday is a week ago.
        let back = match days_back_to(today, weekday) {
            0 => 7,
            back => back,
        };
        return Ok(today - Duration::days(back));
    }
    if let Some(days) = relative_days(&text) {
        let days = days.ok_or_else(too_far)?;
        return today
            .checked_sub_signed(Duration::days(days))
            .ok_or_else(too_far);
    }
    if let Some(date) = ago(&text, today) {
        return date.ok_or_else(too_far);
    }
    if let Some(date) = month_and_day(&text, today) {
        return date.map_err(|why| format!("invalid date \"{input}\": {why}"));
    }
    if text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' {
        return NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
            match why_not_a_day(&text) {
                Some(why) => format!("invalid date \"{input}\": {why}"),
                None => invalid(),
            }
        });
    }
    Err(invalid())
}

/// `3d` → Some(Some(3)), `2w` → Some(Some(14)); Some(None) when the number overflows.
fn relative_days(text: &str) -> Option<Option<i64>> {
    let (number, factor) = match (text.strip_suffix('d'), text.strip_suffix('w')) {
        (Some(number), _) => (number, 1),
        (_, Some(number)) => (number, 7),
        _ => return None,
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        number
            .parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(factor))
            .filter(|days| *days <= 365 * 1000),
    )
}

/// How many days back from `today` the most recent `weekday` is (0 when today is one).
fn days_back_to(today: NaiveDate, weekday: Weekday) -> i64 {
    (7 + i64::from(today.weekday().num_days_from_monday())
        - i64::from(weekday.num_days_from_monday()))
        % 7
}

/// `3 days ago`, `2 weeks ago`, `1 month ago` (a/an for one); Some(None) when too far back.
fn ago(text: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let words: Vec<&str> = text.strip_suffix(" ago")?.split(' ').collect();
    let [count, unit] = words.as_slice() else {
        return None;
    };
    let count: u32 = match *count {
        "a" | "an" | "one" => 1,
        n => n.parse().ok()?,
    };
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    Some(match unit {
        "day" => today.checked_sub_signed(Duration::days(i64::from(count))),
        "week" => today.checked_sub_signed(Duration::weeks(i64::from(count))),
        "month" => today.checked_sub_months(Months::new(count)),
        "year" => count
            .checked_mul(12)
            .and_then(|months| today.checked_sub_months(Months::new(months))),
        _ => return None,
    })
}

/// `may 4`, `4 may`, `May 4 2025`, `4 may 2025`: that day (of the year given, or the most
/// recent one up to today). `None` when it is not this form; an error for a day the month
/// does not have.
fn month_and_day(text: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let words: Vec<&str> = text.split(' ').collect();
    let (month, day, year) = match words.as_slice() {
        [a, b] => match (month_of(a), month_of(b)) {
            (Some(m), None) => (m, b.parse::<u32>().ok()?, None),
            (None, Some(m)) => (m, a.parse::<u32>().ok()?, None),
            _ => return None,
        },
        [a, b, y] => {
            let year = y.parse::<i32>().ok()?;
            match (month_of(a), month_of(b)) {
                (Some(m), None) => (m, b.parse::<u32>().ok()?, Some(year)),
                (None, Some(m)) => (m, a.parse::<u32>().ok()?, Some(year)),
                _ => return None,
            }
        }
        _ => return None,
    };
    let name = NaiveDate::from_ymd_opt(2026, month, 1)?
        .format("%B")
        .to_string();
    let on = |year: i32| NaiveDate::from_ymd_opt(year, month, day);
    let date = match year {
        Some(year) => on(year),
        None => on(today.year())
            .filter(|d| *d <= today)
            .or_else(|| on(today.year() - 1))
            // 29 February: the most recent year that has one.
            .or_else(|| (2..=8).find_map(|back| on(today.year() - back))),
    };
    Some(date.ok_or_else(|| {
        if day == 0 || day > 31 {
            format!("{name} has no day {day}")
        } else {
            format!(
                "{name} {day} does not exist{}",
                year.map(|y| format!(" in {y}")).unwrap_or_default()
            )
        }
    }))
}

/// The month a word names: `may`, `sept`, `december` (three letters or more).
fn month_of(word: &str) -> Option<u32> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    (1..=12).find(|m| {
        NaiveDate::from_ymd_opt(2026, *m, 1).is_some_and(|d| {
            d.format("%B")
                .to_string()
                .to_ascii_lowercase()
                .starts_with(word)
        })
    })
}

/// Why `YYYY-MM-DD` text is not a day: "there is no month 13", "February 2026 has 28
/// days"; `None` when it is not even numbers.
fn why_not_a_day(text: &str) -> Option<String> {
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}: months are 01 to 12"));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let days = first
        .checked_add_months(Months::new(1))
        .map(|next| (next - first).num_days())?;
    (day == 0 || i64::from(day) > days)
        .then(|| format!("{} has {days} days", first.format("%B %Y")))
}

/// A day of the week by the first three letters of its English name, in any case; what
/// follows them is not looked at (`mpl.toml`'s `workdays`: `"Mondays"` reads as Monday).
pub(crate) fn weekday_of_three(text: &str) -> Option<Weekday> {
    text.trim().get(..3)?.parse().ok()
}

/// A day of the week by its English name or a start of it of three letters or more, in any
/// case: `mon`, `Thurs`, `wednesday`. chrono knows the names.
pub(crate) fn parse_weekday(text: &str) -> Option<Weekday> {
    let text = text.trim().to_ascii_lowercase();
    let day = weekday_of_three(&text)?;
    let name = NaiveDate::from_isoywd_opt(2026, 1, day)?
        .format("%A")
        .to_string()
        .to_ascii_lowercase();
    name.starts_with(&text).then_some(day)
}

/// The journal day `now` belongs to: before `day_starts_at` it is still the day before.
pub fn logical_day(now: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> NaiveDate {
    let local = now.naive_local();
    if local.time() < day_starts_at {
        local.date() - Duration::days(1)
    } else {
        local.date()
    }
}

/// Parses `HH:MM` (24-hour clock).
pub(crate) fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// A date for people: "Wednesday 25 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// A TOML date (`2026-11-25`) or a string holding one.
pub(crate) fn to_date(value: &toml::Value) -> Option<NaiveDate> {
    let date = match value {
        toml::Value::Datetime(dt) if dt.time.is_none() => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
        }
        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        _ => None,
    }?;
    in_range(date).then_some(date)
}

/// A TOML offset date-time or an RFC 3339 string.
pub(crate) fn to_datetime(value: &toml::Value) -> Option<DateTime<FixedOffset>> {
    match value {
        toml::Value::Datetime(dt) if dt.offset.is_some() && dt.date.is_some() => {
            DateTime::parse_from_rfc3339(&dt.to_string()).ok()
        }
        toml::Value::String(s) => DateTime::parse_from_rfc3339(s.trim()).ok(),
        _ => None,
    }
}

pub fn date_value(date: NaiveDate) -> toml::Value {
    toml::Value::Datetime(
        date.format("%Y-%m-%d")
            .to_string()
            .parse::<Datetime>()
            .expect("a formatted date is a TOML date"),
    )
}

pub fn datetime_value(at: DateTime<FixedOffset>) -> toml::Value {
    toml::Value::Datetime(
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            .parse::<Datetime>()
            .expect("an RFC 3339 time is a TOML datetime"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_named_by_three_letters_or_more() {
        assert_eq!(parse_weekday("mon"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("Thurs"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("WEDNESDAY"), Some(Weekday::Wed));
        assert_eq!(parse_weekday("sunday"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("mo"), None);
        assert_eq!(parse_weekday("thuxyz"), None);
        assert_eq!(parse_weekday("mondays"), None);
        assert_eq!(parse_weekday("dé"), None);
        assert_eq!(weekday_of_three("Mondays"), Some(Weekday::Mon));
        assert_eq!(weekday_of_three("thuxyz"), Some(Weekday::Thu));
        assert_eq!(weekday_of_three("mo"), None);
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn named_and_relative_dates() {
        let today = day("2026-11-25"); // a Wednesday
        assert_eq!(parse_date("today", today), Ok(today));
        assert_eq!(parse_date("Yesterday", today), Ok(day("2026-11-24")));
        assert_eq!(parse_date("3d", today), Ok(day("2026-11-22")));
        assert_eq!(parse_date("0d", today), Ok(today));
        assert_eq!(parse_date("2w", today), Ok(day("2026-11-11")));
        assert_eq!(parse_date("2026-02-28", today), Ok(day("2026-02-28")));
    }

    #[test]
    fn weekday_names_mean_the_most_recent_one() {
        let today = day("2026-11-25"); // Wednesday
        assert_eq!(parse_date("wednesday", today), Ok(today));
        assert_eq!(parse_date("tuesday", today), Ok(day("2026-11-24")));
        assert_eq!(parse_date("thu", today), Ok(day("2026-11-19")));
        assert_eq!(parse_date("Sunday", today), Ok(day("2026-11-22")));
        assert_eq!(parse_date("mon", today), Ok(day("2026-11-23")));
    }

    #[test]
    fn dates_as_people_type_them() {
        let today = day("2026-11-25"); // a Wednesday
        let cases = [
            ("last monday", "2026-11-23"),
            ("last wednesday", "2026-11-18"),
            ("Last Fri", "2026-11-20"),
            ("3 days ago", "2026-11-22"),
            ("1 day ago", "2026-11-24"),
            ("a week ago", "2026-11-18"),
            ("2 weeks ago", "2026-11-11"),
            ("last week", "2026-11-18"),
            ("last month", "2026-10-25"),
            ("a month ago", "2026-10-25"),
            ("3 months ago", "2026-08-25"),
            ("1 year ago", "2025-11-25"),
            ("may 4", "2026-05-04"),
            ("4 May", "2026-05-04"),
            ("dec 24", "2025-12-24"),
            ("November 25", "2026-11-25"),
            ("sept 3, 2024", "2024-09-03"),
            ("feb 29", "2024-02-29"),
            ("  3   days   ago ", "2026-11-22"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text, today), Ok(day(want)), "{text}");
        }
        // A month back from the 31st lands on the month's last day.
        assert_eq!(
            parse_date("last month", day("2026-03-31")),
            Ok(day("2026-02-28"))
        );
    }

    #[test]
    fn impossible_dates_say_what_is_wrong() {
        let today = day("2026-11-25");
        let said = |text: &str| parse_date(text, today).unwrap_err();
        assert!(
            said("2026-13-01").contains("there is no month 13"),
            "{}",
            said("2026-13-01")
        );
        assert!(
            said("2026-02-30").contains("February 2026 has 28 days"),
            "{}",
            said("2026-02-30")
        );
        assert!(said("2024-02-30").contains("February 2024 has 29 days"));
        assert!(said("2026-04-31").contains("April 2026 has 30 days"));
        assert!(
            said("feb 30").contains("February 30 does not exist"),
            "{}",
            said("feb 30")
        );
        assert!(
            said("may 32").contains("May has no day 32"),
            "{}",
            said("may 32")
        );
        assert!(
            said("feb 29 2026").contains("in 2026"),
            "{}",
            said("feb 29 2026")
        );
        for bad in [
            "3 fortnights ago",
            "may",
            "last",
            "last tomorrow",
            "4 5",
            "ago",
        ] {
            assert!(parse_date(bad, today).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bad_dates_are_errors() {
        let today = day("2026-11-25");
        for bad in [
            "",
            "2026-13-01",
            "2026-02-30",
            "tomorrow",
            "3x",
            "d",
            "-3d",
            "mo",
            "26-11-25",
            "99999999999999999999d",
            "9999999w",
            "é",
            "3é",
            "dé",
            "0001-01-01x",
        ] {
            assert!(
                parse_date(bad, today).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn dates_stay_within_four_digit_years() {
        let early = day("0001-01-02");
        assert_eq!(parse_date("1d", early), Ok(day("0001-01-01")));
        assert!(parse_date("2d", early).is_err());
        assert!(parse_date("400d", early).is_err());
    }

    #[test]
    fn the_day_starts_at_the_configured_time() {
        let four = parse_time_of_day("04:00").unwrap();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(
            logical_day(at("2026-11-25T00:30:00+01:00"), four),
            day("2026-11-24")
        );
        assert_eq!(
            logical_day(at("2026-11-25T03:59:59+01:00"), four),
            day("2026-11-24")
        );
        assert_eq!(
            logical_day(at("2026-11-25T04:00:00+01:00"), four),
            day("2026-11-25")
        );
        // The local time counts, not UTC.
        assert_eq!(
            logical_day(at("2026-11-24T23:30:00-08:00"), four),
            day("2026-11-24")
        );
    }

    #[test]
    fn times_of_day() {
        assert!(parse_time_of_day("04:00").is_some());
        assert!(parse_time_of_day("25:00").is_none());
        assert!(parse_time_of_day("4am").is_none());
    }
}
