//! jrnl's JSON export (`jrnl --format json`): `{"tags": {…}, "entries": [{"title", "body",
//! "date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"], "starred": bool}]}`, or one
//! such entry alone (what `jrnl --format json --file DIR/` writes per entry).

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

/// One jrnl entry, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct JrnlEntry {
    pub title: String,
    pub body: String,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Without jrnl's `@` or `#`.
    pub tags: Vec<String>,
    pub starred: bool,
}

impl JrnlEntry {
    /// A stable key for the entry, so that importing it twice is noticed: a 64-bit FNV-1a
    /// hash of its date, time, title and body, in hex.
    pub fn key(&self) -> String {
        let time = self.time.map(|t| t.format("%H:%M").to_string());
        let text = format!(
            "{}\n{}\n{}\n{}",
            self.date,
            time.unwrap_or_default(),
            self.title,
            self.body
        );
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{hash:016x}")
    }
}

/// Parses an export; any entry not in jrnl's shape is an error naming it, so that nothing
/// is imported from a file that is not what it seems.
pub fn parse(text: &str) -> Result<Vec<JrnlEntry>, String> {
    let value: Value = serde_json::from_str(text).map_err(|err| {
        let at = format!(" at line {} column {}", err.line(), err.column());
        let what = err.to_string().replace(&at, "");
        format!(
            "not valid JSON (line {}, column {}): {what}",
            err.line(),
            err.column()
        )
    })?;
    let items: Vec<&Value> = match &value {
        Value::Object(map) if map.contains_key("entries") => match &map["entries"] {
            Value::Array(items) => items.iter().collect(),
            _ => return Err("\"entries\" is not a list".into()),
        },
        Value::Object(map) if map.contains_key("date") && map.contains_key("title") => {
            vec![&value]
        }
        _ => {
            return Err(
                "not a jrnl export: expected {\"entries\": [...]} as `jrnl --format json` writes it"
                    .into(),
            );
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| entry(item).map_err(|msg| format!("entry {}: {msg}", i + 1)))
        .collect()
}

fn entry(item: &Value) -> Result<JrnlEntry, String> {
    let map = item.as_object().ok_or("is not an object")?;
    let text = |key: &str| -> Result<String, String> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            // Words are imported, terminal codes are not (see `model::text`).
            Some(Value::String(s)) => match super::text::accept(s) {
                Ok(_) => Ok(s.clone()),
                Err(found) => Err(format!(
                    "\"{key}\" holds {found} on its line {}",
                    found.line
                )),
            },
            Some(_) => Err(format!("\"{key}\" is not text")),
        }
    };
    let date_text = text("date")?;
    let date = NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| super::date::in_range(*d))
        .ok_or_else(|| format!("\"date\" {date_text:?} is not a date such as 2026-11-25"))?;
    let time_text = text("time")?;
    let time = if time_text.trim().is_empty() {
        None
    } else {
        Some(
            NaiveTime::parse_from_str(time_text.trim(), "%H:%M")
                .map_err(|_| format!("\"time\" {time_text:?} is not a time such as 18:30"))?,
        )
    };
    let tags = match map.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(tags)) => {
            let mut out: Vec<String> = Vec::new();
            for tag in tags {
                let tag = tag
                    .as_str()
                    .ok_or("\"tags\" holds something other than text")?;
                let tag = tag.trim_start_matches(['@', '#']);
                if let Ok(tag) = super::entry::normalize_tag(&tag.replace(' ', "-"))
                    && !out.contains(&tag)
                {
                    out.push(tag);
                }
            }
            out
        }
        Some(_) => return Err("\"tags\" is not a list".into()),
    };
    let starred = match map.get("starred") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("\"starred\" is not true or false".into()),
    };
    Ok(JrnlEntry {
        title: text("title")?.trim().to_string(),
        body: text("body")?.trim().to_string(),
        date,
        time,
        tags,
        starred,
    })
}

/// The field that records which jrnl entries an mpl entry came from, so that importing the
/// same export again adds nothing twice.
pub const KEY_FIELD: &str = "jrnl_keys";
const STARRED: &str = "starred";

/// The jrnl entries `entry` was imported from.
pub fn import_keys(entry: &super::Entry) -> Vec<String> {
    match entry.extra.get(KEY_FIELD) {
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Records that `entry` holds the jrnl entry `key` (and that it was starred there), keeping
/// the keys already recorded.
pub fn mark_imported(entry: &mut super::Entry, key: &str, starred: bool) {
    if starred {
        entry.extra.insert(STARRED.into(), true.into());
    }
    let mut keys = match entry.extra.get(KEY_FIELD) {
        Some(toml::Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    keys.push(key.into());
    entry
        .extra
        .insert(KEY_FIELD.into(), toml::Value::Array(keys));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_and_single_entries_parse() {
        let text = r#"{"tags": {"@rust": 1}, "entries": [{"title": "T", "body": "B @rust", "date": "2026-10-07", "time": "09:15", "tags": ["@rust"], "starred": true}]}"#;
        let entries = parse(text).unwrap();
        assert_eq!(entries[0].tags, vec!["rust"]);
        assert!(entries[0].starred);
        let one = r#"{"title": "T", "body": "", "date": "2026-10-07", "time": "09:15", "tags": [], "starred": false}"#;
        assert_eq!(parse(one).unwrap().len(), 1);
        assert_eq!(parse(text).unwrap()[0].key(), parse(text).unwrap()[0].key());
    }

    #[test]
    fn other_shapes_are_refused() {
        assert!(parse("not json").unwrap_err().contains("not valid JSON"));
        assert!(parse("[1, 2]").unwrap_err().contains("not a jrnl export"));
        assert!(parse(r#"{"entries": 3}"#).is_err());
        let bad_date = r#"{"entries": [{"title": "T", "date": "07/10/2026"}]}"#;
        assert!(parse(bad_date).unwrap_err().starts_with("entry 1:"));
        let bad_tags = r#"{"entries": [{"title": "T", "date": "2026-10-07", "tags": "x"}]}"#;
        assert!(parse(bad_tags).is_err());
    }
}

/// Properties over generated exports (see docs/testing.md).
#[cfg(test)]
mod props {
    use super::*;
    use crate::model::date::in_range;
    use crate::model::entry::normalize_tag;
    use crate::model::strategies::{self, config, text};
    use proptest::prelude::*;
    use serde_json::json;

    /// Dates as jrnl writes them, mostly, and nearly so, and not at all.
    fn date() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => strategies::date().prop_map(|d| d.format("%Y-%m-%d").to_string()),
            1 => (0i32..=10_001, 0u32..=13, 0u32..=32)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            1 => prop::sample::select(vec![" 2026-10-07 ", "+2026-10-07", "07/10/2026", ""])
                .prop_map(str::to_string),
            1 => text(),
        ]
    }

    /// Times as jrnl writes them, mostly.
    fn time() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (0u32..=25, 0u32..=61).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
            1 => prop::sample::select(vec!["9:5", " 09:15 ", "", "24:00"]).prop_map(str::to_string),
            1 => text(),
        ]
    }

    /// Any JSON, leaning towards jrnl's shape: entries with the fields jrnl writes, holding
    /// values of every type.
    fn export() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            date().prop_map(Value::from),
            text().prop_map(Value::from),
        ];
        let value = leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::vec((text(), inner), 0..4)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
            ]
        });
        let tags = prop_oneof![
            3 => prop::collection::vec(
                prop_oneof![text(), Just("@Rust".to_string()), Just("#two words".into())]
                    .prop_map(Value::from),
                0..4
            )
            .prop_map(Value::from),
            1 => value.clone(),
        ];
        let field = |strategy: BoxedStrategy<Value>| prop::option::weighted(0.9, strategy);
        let entry = (
            field(text().prop_map(Value::from).boxed()),
            field(text().prop_map(Value::from).boxed()),
            field(date().prop_map(Value::from).boxed()),
            field(time().prop_map(Value::from).boxed()),
            field(tags.boxed()),
            field(
                prop_oneof![3 => any::<bool>().prop_map(Value::from), 1 => value.clone()].boxed(),
            ),
        )
            .prop_map(|(title, body, date, time, tags, starred)| {
                let pairs = [
                    ("title", title),
                    ("body", body),
                    ("date", date),
                    ("time", time),
                    ("tags", tags),
                    ("starred", starred),
                ];
                Value::Object(
                    pairs
                        .into_iter()
                        .filter_map(|(k, v)| Some((k.to_string(), v?)))
                        .collect(),
                )
            });
        prop_oneof![
            prop::collection::vec(prop_oneof![9 => entry.clone(), 1 => value.clone()], 0..4)
                .prop_map(|entries| json!({"tags": {}, "entries": entries}).to_string()),
            entry.prop_map(|entry| entry.to_string()),
            value.prop_map(|value| value.to_string()),
            text(),
        ]
    }

    proptest! {
        #![proptest_config(config(512))]

        #[test]
        fn parse_never_panics_and_what_it_returns_is_tidy(text in export()) {
            for entry in parse(&text).unwrap_or_default() {
                prop_assert_eq!(entry.title.trim(), &entry.title);
                prop_assert_eq!(entry.body.trim(), &entry.body);
                prop_assert!(in_range(entry.date));
                for (i, tag) in entry.tags.iter().enumerate() {
                    prop_assert_eq!(normalize_tag(tag), Ok(tag.clone()));
                    prop_assert!(!entry.tags[..i].contains(tag), "{:?}", entry.tags);
                }
                prop_assert_eq!(entry.key().len(), 16);
            }
        }
    }
}
