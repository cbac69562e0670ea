//! Dates as users type them (`today`, `yesterday`, `friday`, `3d`, `2w`, `2026-11-25`) and the
//! "logical day" rule: a day starts at `day_starts_at`, so 00:30 still belongs to yesterday.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};
use toml::value::Datetime;

/// What a date argument may look like; used in error hints.
pub const DATE_FORMS: &str =
    "use YYYY-MM-DD, today, yesterday, a weekday name (the most recent one), Nd or Nw";

/// Parses a date expression relative to `today`. Weekday names mean the most recent such day,
/// today included; `Nd` is N days ago, `Nw` N weeks ago.
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
    let text = input.trim().to_ascii_lowercase();
    let invalid = || format!("invalid date \"{input}\"");
    if text.is_empty() {
        return Err("empty date".to_string());
    }
    match text.as_str() {
        "today" => return Ok(today),
        "yesterday" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    if let Some(weekday) = parse_weekday(&text) {
        let back = (7 + today.weekday().num_days_from_monday() as i64
            - weekday.num_days_from_monday() as i64)
            % 7;
        return Ok(today - Duration::days(back));
    }
    if let Some(days) = relative_days(&text) {
        let days = days.ok_or_else(|| format!("date \"{input}\" is too far back"))?;
        return today
            .checked_sub_signed(Duration::days(days))
            .ok_or_else(|| format!("date \"{input}\" is too far back"));
    }
    if text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' {
        return NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| invalid());
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
pub fn to_date(value: &toml::Value) -> Option<NaiveDate> {
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
pub fn to_datetime(value: &toml::Value) -> Option<DateTime<FixedOffset>> {
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
