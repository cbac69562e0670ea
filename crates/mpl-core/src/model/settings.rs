//! The journal's own settings, `mpl.toml` at its root: format version, the owner's name and
//! headline, which days are workdays and when a day starts. Unknown keys are kept.

use crate::model::date::parse_time_of_day;
use chrono::{NaiveTime, Weekday};

/// The file format this version of `mpl` writes and understands.
pub(crate) const FORMAT: i64 = 1;

#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub headline: String,
    pub(crate) workdays: Vec<Weekday>,
    pub day_starts_at: NaiveTime,
    /// `[encryption] recipients`: the public keys private entries are encrypted to; none
    /// means private entries are written plain (see [`crate::encryption`]).
    pub recipients: Vec<String>,
    /// The whole file as read, so that a rewrite keeps keys we do not know.
    pub(crate) table: toml::Table,
}

/// A problem in `mpl.toml`: the key it is about (for a line number) and what is wrong.
#[derive(Debug, PartialEq)]
pub(crate) struct SettingsError {
    pub(crate) key: Option<String>,
    pub(crate) message: String,
}

/// Monday to Friday: the workdays of a new journal.
pub const WORKWEEK: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// A weekday as `mpl.toml` writes it: `mon`.
fn short_name(day: Weekday) -> String {
    day.to_string().to_ascii_lowercase()
}

impl Settings {
    /// The settings of a new journal.
    pub fn new(name: &str, headline: &str) -> Settings {
        let mut table = toml::Table::new();
        table.insert("format".into(), FORMAT.into());
        table.insert("name".into(), name.into());
        table.insert("headline".into(), headline.into());
        table.insert(
            "workdays".into(),
            toml::Value::Array(
                WORKWEEK
                    .iter()
                    .map(|d| toml::Value::from(short_name(*d)))
                    .collect(),
            ),
        );
        table.insert("day_starts_at".into(), "04:00".into());
        Settings::from_table(table).expect("default settings are valid")
    }

    /// Reads settings from a parsed `mpl.toml`.
    pub(crate) fn from_table(table: toml::Table) -> Result<Settings, SettingsError> {
        let err = |key: &str, message: String| SettingsError {
            key: Some(key.to_string()),
            message,
        };
        let format = match table.get("format") {
            None => FORMAT,
            Some(toml::Value::Integer(n)) => *n,
            Some(_) => return Err(err("format", "'format' must be a number".into())),
        };
        if format > FORMAT {
            return Err(err(
                "format",
                format!(
                    "this journal uses format {format}, but this mpl only knows format {FORMAT}; upgrade mpl"
                ),
            ));
        }
        let text = |key: &str| -> Result<String, SettingsError> {
            match table.get(key) {
                None => Ok(String::new()),
                Some(toml::Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(err(key, format!("'{key}' must be a string"))),
            }
        };
        let name = text("name")?;
        let headline = text("headline")?;
        let workdays = match table.get("workdays") {
            None => WORKWEEK.to_vec(),
            Some(toml::Value::Array(days)) => {
                let mut out = Vec::new();
                for day in days {
                    let parsed = day.as_str().and_then(super::date::weekday_of_three);
                    match parsed {
                        Some(d) if !out.contains(&d) => out.push(d),
                        Some(_) => {}
                        None => {
                            return Err(err(
                                "workdays",
                                format!(
                                    "invalid workday {day}: use mon, tue, wed, thu, fri, sat, sun"
                                ),
                            ));
                        }
                    }
                }
                out
            }
            Some(_) => {
                return Err(err(
                    "workdays",
                    "'workdays' must be a list such as [\"mon\", \"tue\"]".into(),
                ));
            }
        };
        let day_starts_at = match table.get("day_starts_at") {
            None => NaiveTime::from_hms_opt(4, 0, 0).expect("valid time"),
            Some(value) => value.as_str().and_then(parse_time_of_day).ok_or_else(|| {
                err(
                    "day_starts_at",
                    format!("invalid day_starts_at {value}: use \"HH:MM\", such as \"04:00\""),
                )
            })?,
        };
        let recipients = recipients_of(&table)?;
        Ok(Settings {
            name,
            headline,
            workdays,
            day_starts_at,
            recipients,
            table,
        })
    }

    /// The days of the week that are workdays, as `mpl.toml` lists them.
    pub fn workdays(&self) -> &[Weekday] {
        &self.workdays
    }

    pub fn is_workday(&self, day: Weekday) -> bool {
        self.workdays.contains(&day)
    }
}

/// `[encryption] recipients`, each checked: a key that is not one would leave private
/// entries unreadable to the machine it was meant for, or plain.
fn recipients_of(table: &toml::Table) -> Result<Vec<String>, SettingsError> {
    let err = |message: String| SettingsError {
        key: Some("encryption".into()),
        message,
    };
    let Some(section) = table.get("encryption") else {
        return Ok(Vec::new());
    };
    let Some(section) = section.as_table() else {
        return Err(SettingsError {
            key: Some("encryption".into()),
            message: "'encryption' must be a section, [encryption]".into(),
        });
    };
    let list = match section.get("recipients") {
        None => return Ok(Vec::new()),
        Some(toml::Value::Array(list)) => list,
        Some(_) => {
            return Err(err(
                "'recipients' must be a list of public keys, such as [\"age1…\"]".into(),
            ));
        }
    };
    let mut out: Vec<String> = Vec::new();
    for value in list {
        let Some(key) = value.as_str() else {
            return Err(err(format!("recipient {value} must be a string")));
        };
        crate::encryption::check_recipient(key)
            .map_err(|m| err(format!("invalid recipient {m}")))?;
        let key = key.trim().to_string();
        if !out.contains(&key) {
            out.push(key);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, SettingsError> {
        Settings::from_table(text.parse::<toml::Table>().unwrap())
    }

    #[test]
    fn defaults_are_monday_to_friday_from_four() {
        let settings = parse("format = 1").unwrap();
        assert_eq!(settings.workdays.len(), 5);
        assert!(!settings.is_workday(Weekday::Sat));
        assert_eq!(
            settings.day_starts_at,
            NaiveTime::from_hms_opt(4, 0, 0).unwrap()
        );
        let new = Settings::new("Ada", "");
        assert_eq!(new.workdays, settings.workdays);
        assert_eq!(new.table["format"].as_integer(), Some(FORMAT));
    }

    #[test]
    fn custom_workdays_and_day_start() {
        let s = parse(
            "workdays = [\"sun\", \"Monday\", \"tue\"]\nday_starts_at = \"05:30\"\nextra = 1",
        )
        .unwrap();
        assert_eq!(s.workdays, vec![Weekday::Sun, Weekday::Mon, Weekday::Tue]);
        assert_eq!(s.day_starts_at, NaiveTime::from_hms_opt(5, 30, 0).unwrap());
        assert!(s.table.contains_key("extra"));
    }

    #[test]
    fn bad_values_name_their_key() {
        for (text, key) in [
            ("workdays = [\"funday\"]", "workdays"),
            ("workdays = [\"éé\"]", "workdays"),
            ("workdays = [\"mo\"]", "workdays"),
            ("workdays = \"mon\"", "workdays"),
            ("day_starts_at = \"4am\"", "day_starts_at"),
            ("format = 99", "format"),
            ("name = 3", "name"),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.key.as_deref(), Some(key), "{text}");
        }
    }
}
