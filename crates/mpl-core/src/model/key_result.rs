//! Key results: how a goal is measured by performance, not activity. Each has a unit, a
//! baseline and a target; readings over time say where it stands. A goal's progress is
//! worked out from them.
//!
//! ```toml
//! [[key_result]]
//! id = "availability"
//! name = "Checkout availability"
//! unit = "%"
//! from = 99.5
//! to = 99.95
//!
//! [[reading]]
//! key_result = "availability"
//! date = 2026-11-25
//! value = 99.7
//! source = "https://grafana.example.com/d/checkout"
//! ```
//!
//! Readings are data, one table each, so that readings taken on two machines merge as a
//! set, in date order.

use super::Entry;
use super::entry::{FieldError, field_error};
use chrono::NaiveDate;

pub const KEY_RESULT: &str = "key_result";
pub const READING: &str = "reading";

/// The longest unit: `%`, `ms`, `req/s`, `incidents`, `NPS points`.
pub const MAX_UNIT: usize = 16;

/// One key result of a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyResult {
    /// Its id within the goal, for the command line: `availability`.
    pub id: String,
    pub name: String,
    /// What the numbers count, such as `%` or `ms`; may be empty.
    pub unit: String,
    /// Where it started: the baseline.
    pub from: f64,
    /// Where it should get to. Lower than `from` when less is better (latency, incidents).
    pub to: f64,
}

/// One reading of a key result.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub key_result: String,
    pub date: NaiveDate,
    pub value: f64,
    /// Where the number comes from: a dashboard, a report.
    pub source: Option<String>,
}

impl KeyResult {
    /// How far `value` has come from the baseline to the target, 0 to 1 (never beyond).
    pub fn progress(&self, value: f64) -> f64 {
        let span = self.to - self.from;
        if span == 0.0 || !span.is_finite() {
            return 0.0;
        }
        ((value - self.from) / span).clamp(0.0, 1.0)
    }

    /// This key result's readings, oldest first (readings of one day in the order written).
    pub fn readings<'a>(&self, all: &'a [Reading]) -> Vec<&'a Reading> {
        let mut mine: Vec<&Reading> = all.iter().filter(|r| r.key_result == self.id).collect();
        mine.sort_by_key(|r| r.date);
        mine
    }

    /// The latest reading, if any.
    pub fn latest<'a>(&self, all: &'a [Reading]) -> Option<&'a Reading> {
        self.readings(all).last().copied()
    }

    /// A value with this key result's unit: `99.7%`, `240 ms`, `3`.
    pub fn show(&self, value: f64) -> String {
        let number = number(value);
        match self.unit.as_str() {
            "" => number,
            "%" => format!("{number}%"),
            unit => format!("{number} {unit}"),
        }
    }
}

/// A number as people write it: no trailing zeros, at most four decimals.
pub fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Reads a number as typed: `99.7`, `99.7%`, `240ms`, `240 ms`, `1,200`, `1.5e3`. Returns
/// the value and the unit written after it (empty when none). A comma is a thousands
/// separator only between groups of three digits; a decimal comma (`1,5`) is refused, never
/// read as fifteen.
pub fn parse_value(text: &str) -> Result<(f64, String), String> {
    let text = text.trim();
    let not_a_number = || format!("\"{text}\" is not a number: write it as 99.7, 99.7% or 240 ms");
    // The longest start of the text that reads as a number.
    let (value, end) = (1..=text.len())
        .rev()
        .filter(|end| text.is_char_boundary(*end))
        .find_map(|end| {
            let head = &text[..end];
            let digits = thousands(head)?;
            let value: f64 = digits.parse().ok()?;
            // `inf` and `nan` are not numbers a person measures.
            (value.is_finite()
                && head.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)))
            .then_some((value, end))
        })
        .ok_or_else(not_a_number)?;
    let unit = text[end..].trim();
    if unit.starts_with([',', '.']) || unit.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "\"{text}\" is not a number mpl can read: write decimals with a point, such as 1.5, and thousands as 1200 or 1,200"
        ));
    }
    Ok((value, unit.to_string()))
}

/// `text` without its thousands commas, when they stand between groups of three digits
/// (`1,200,000`); `None` when a comma stands anywhere else.
fn thousands(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let (int, rest) = match text.find(['.', 'e', 'E']) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    if rest.contains(',') {
        return None;
    }
    let int = int.trim_start_matches(['+', '-']);
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits).then(|| text.replace(',', ""))
}

/// A key result's id from its name: `Checkout availability` → `checkout-availability`.
pub fn id_of(name: &str) -> String {
    let slug = super::slug::slugify(name, "kr");
    slug.chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// Checks a unit: short, one line.
pub fn check_unit(unit: &str) -> Result<(), String> {
    if unit.chars().count() > MAX_UNIT || unit.chars().any(char::is_control) {
        return Err(format!(
            "a unit is at most {MAX_UNIT} characters on one line, such as %, ms or incidents"
        ));
    }
    Ok(())
}

fn float(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        toml::Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// The key results of a goal entry, in order; the first of two with one id counts.
pub fn key_results(entry: &Entry) -> Result<Vec<KeyResult>, FieldError> {
    let Some(value) = entry.extra.get(KEY_RESULT) else {
        return Ok(Vec::new());
    };
    let list = value.as_array().ok_or_else(|| {
        field_error(
            KEY_RESULT,
            "'key_result' must be a list of [[key_result]] tables",
        )
    })?;
    let mut out: Vec<KeyResult> = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let n = n + 1;
        let bad = |message: String| field_error(KEY_RESULT, format!("key result {n}: {message}"));
        let table = item
            .as_table()
            .ok_or_else(|| bad("must be a table with id, name, from and to".into()))?;
        let text = |key: &str| table.get(key).and_then(toml::Value::as_str).map(str::trim);
        let id = text("id")
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("needs an id".into()))?;
        super::slug::check_id(id).map_err(bad)?;
        let name = text("name").unwrap_or(id).to_string();
        let unit = text("unit").unwrap_or("").to_string();
        check_unit(&unit).map_err(bad)?;
        let number = |key: &str| {
            table
                .get(key)
                .and_then(float)
                .ok_or_else(|| bad(format!("'{key}' must be a number")))
        };
        let (from, to) = (number("from")?, number("to")?);
        if from == to {
            return Err(bad(
                "'from' and 'to' are the same: there is nowhere to go".into()
            ));
        }
        if !out.iter().any(|k| k.id == id) {
            out.push(KeyResult {
                id: id.to_string(),
                name,
                unit,
                from,
                to,
            });
        }
    }
    Ok(out)
}

/// The readings of a goal entry, oldest first.
pub fn readings(entry: &Entry) -> Result<Vec<Reading>, FieldError> {
    let Some(value) = entry.extra.get(READING) else {
        return Ok(Vec::new());
    };
    let list = value
        .as_array()
        .ok_or_else(|| field_error(READING, "'reading' must be a list of [[reading]] tables"))?;
    let mut out = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let n = n + 1;
        let bad = |message: String| field_error(READING, format!("reading {n}: {message}"));
        let table = item
            .as_table()
            .ok_or_else(|| bad("must be a table with key_result, date and value".into()))?;
        let key_result = table
            .get("key_result")
            .and_then(toml::Value::as_str)
            .ok_or_else(|| bad("needs the key_result it reads".into()))?
            .to_string();
        let date = table
            .get("date")
            .and_then(super::date::to_date)
            .ok_or_else(|| bad("needs a date such as date = 2026-11-25".into()))?;
        let value = table
            .get("value")
            .and_then(float)
            .ok_or_else(|| bad("'value' must be a number".into()))?;
        let source = table
            .get("source")
            .and_then(toml::Value::as_str)
            .map(str::to_string);
        out.push(Reading {
            key_result,
            date,
            value,
            source,
        });
    }
    out.sort_by_key(|r| r.date);
    Ok(out)
}

/// What is wrong with a goal's key results beyond their fields (which [`key_results`]
/// checks): two definitions of one id (two machines defined it differently), or readings of
/// a key result the goal does not have.
pub fn check(entry: &Entry) -> Option<String> {
    let list = entry
        .extra
        .get(KEY_RESULT)
        .and_then(toml::Value::as_array)?;
    let mut seen: Vec<(&str, &toml::Value)> = Vec::new();
    for item in list {
        let Some(id) = item.get("id").and_then(toml::Value::as_str) else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
            if *first != item {
                return Some(format!(
                    "key result \"{id}\" is defined twice, differently (two machines, or an edit): keep one [[key_result]] with id = \"{id}\""
                ));
            }
        } else {
            seen.push((id, item));
        }
    }
    let readings = readings(entry).ok()?;
    if let Some(orphan) = readings
        .iter()
        .find(|r| !seen.iter().any(|(id, _)| *id == r.key_result))
    {
        return Some(format!(
            "a reading of {} is for key result \"{}\", which the goal does not have: add it, or fix the reading",
            orphan.date, orphan.key_result
        ));
    }
    None
}

/// Adds a key result to a goal entry.
pub fn add_key_result(entry: &mut Entry, kr: &KeyResult) {
    let mut table = toml::Table::new();
    table.insert("id".into(), kr.id.clone().into());
    table.insert("name".into(), kr.name.clone().into());
    if !kr.unit.is_empty() {
        table.insert("unit".into(), kr.unit.clone().into());
    }
    table.insert("from".into(), kr.from.into());
    table.insert("to".into(), kr.to.into());
    push(entry, KEY_RESULT, table);
}

/// Adds a reading to a goal entry.
pub fn add_reading(entry: &mut Entry, reading: &Reading) {
    let mut table = toml::Table::new();
    table.insert("key_result".into(), reading.key_result.clone().into());
    table.insert("date".into(), super::date::date_value(reading.date));
    table.insert("value".into(), reading.value.into());
    if let Some(source) = &reading.source {
        table.insert("source".into(), source.clone().into());
    }
    push(entry, READING, table);
}

fn push(entry: &mut Entry, key: &str, table: toml::Table) {
    let list = entry
        .extra
        .entry(key)
        .or_insert_with(|| toml::Value::Array(Vec::new()));
    if let toml::Value::Array(items) = list {
        items.push(toml::Value::Table(table));
    }
}

/// The goal's progress worked out from its key results: the mean of how far each has come
/// by its latest reading (one not read yet counts as not started), as a percent.
pub fn percent(krs: &[KeyResult], readings: &[Reading]) -> Option<u8> {
    if krs.is_empty() {
        return None;
    }
    let sum: f64 = krs
        .iter()
        .map(|kr| kr.latest(readings).map_or(0.0, |r| kr.progress(r.value)))
        .sum();
    Some((sum / krs.len() as f64 * 100.0).round() as u8)
}

/// A trend in a line of block characters, lowest to highest: `▁▃▅█`.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    values
        .iter()
        .map(|v| {
            if max > min {
                BARS[(((v - min) / (max - min)) * 7.0).round() as usize]
            } else {
                BARS[3]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kr(from: f64, to: f64) -> KeyResult {
        KeyResult {
            id: "k".into(),
            name: "K".into(),
            unit: "%".into(),
            from,
            to,
        }
    }

    fn reading(day: u32, value: f64) -> Reading {
        Reading {
            key_result: "k".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            value,
            source: None,
        }
    }

    #[test]
    fn progress_runs_from_the_baseline_to_the_target_either_way() {
        assert!((kr(99.5, 99.95).progress(99.725) - 0.5).abs() < 1e-9);
        // Lower is better: latency from 400 ms to 200 ms.
        assert!((kr(400.0, 200.0).progress(300.0) - 0.5).abs() < 1e-9);
        assert_eq!(kr(400.0, 200.0).progress(500.0), 0.0);
        assert_eq!(kr(400.0, 200.0).progress(100.0), 1.0);
        let krs = [kr(0.0, 10.0)];
        assert_eq!(percent(&krs, &[]), Some(0));
        assert_eq!(percent(&krs, &[reading(2, 5.0), reading(1, 9.0)]), Some(50));
        assert_eq!(percent(&[], &[]), None);
    }

    #[test]
    fn values_read_as_typed() {
        assert_eq!(parse_value("99.7").unwrap(), (99.7, String::new()));
        assert_eq!(parse_value("99.7%").unwrap(), (99.7, "%".into()));
        assert_eq!(parse_value("240 ms").unwrap(), (240.0, "ms".into()));
        assert_eq!(parse_value("1,200").unwrap(), (1200.0, String::new()));
        assert_eq!(parse_value("-3").unwrap(), (-3.0, String::new()));
        assert_eq!(parse_value("1e3").unwrap(), (1000.0, String::new()));
        assert_eq!(
            parse_value("1,200,000 req").unwrap(),
            (1_200_000.0, "req".into())
        );
        assert!(parse_value("1,5").is_err(), "a decimal comma is refused");
        assert!(parse_value("1,5%").is_err());
        assert!(parse_value("12,34").is_err());
        assert!(parse_value("inf").is_err());
        assert!(parse_value("NaN").is_err());
        assert_eq!(parse_value("3 e3").unwrap(), (3.0, "e3".into()));
        assert!(parse_value("fast").is_err());
        assert!(parse_value("").is_err());
        assert_eq!(number(99.70), "99.7");
        assert_eq!(number(240.0), "240");
        assert_eq!(kr(0.0, 1.0).show(99.7), "99.7%");
        assert_eq!(id_of("Checkout availability"), "checkout-availability");
    }

    #[test]
    fn fields_read_back_and_mistakes_name_their_key() {
        let mut entry = Entry::new(
            super::super::Kind::Goal,
            "g".into(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").unwrap(),
            "G".into(),
        );
        add_key_result(&mut entry, &kr(1.0, 2.0));
        add_reading(&mut entry, &reading(3, 1.5));
        assert_eq!(key_results(&entry).unwrap(), vec![kr(1.0, 2.0)]);
        assert_eq!(readings(&entry).unwrap(), vec![reading(3, 1.5)]);
        entry.extra.insert(
            KEY_RESULT.into(),
            toml::from_str::<toml::Table>("x = [{ id = \"k\", from = 1, to = 1 }]").unwrap()["x"]
                .clone(),
        );
        let err = key_results(&entry).unwrap_err();
        assert_eq!(err.key, KEY_RESULT);
        assert!(err.message.contains("the same"), "{}", err.message);
    }

    #[test]
    fn sparklines_show_the_shape() {
        assert_eq!(sparkline(&[1.0, 2.0, 3.0]), "▁▅█");
        assert_eq!(sparkline(&[5.0, 5.0]), "▄▄");
        assert_eq!(sparkline(&[]), "");
    }

    proptest! {
        #[test]
        fn progress_stays_between_nothing_and_done(from in -1e6f64..1e6, to in -1e6f64..1e6, v in -1e7f64..1e7) {
            let p = kr(from, to).progress(v);
            prop_assert!((0.0..=1.0).contains(&p));
        }
    }
}
