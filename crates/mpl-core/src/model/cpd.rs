//! Continuing professional development (CPD): hours of learning, each in a category of the
//! journal's scheme (`cpd.toml`), counted against the scheme's period, targets, minimums
//! and maximums, for a professional body's record.
//!
//! ```toml
//! name = "NMC revalidation"
//! start = 2025-04-01           # when a period began
//! period_years = 3
//! target_hours = 35
//! participatory_min_hours = 20
//! participatory_kinds = ["network", "feedback"]
//!
//! [[category]]
//! id = "participatory"
//! name = "Participatory learning"
//! participatory = true
//! ```
//!
//! Entries carry their hours and category in their front matter (`hours = 1.5`,
//! `cpd = "participatory"`); a conversation in the network log carries them in its
//! `[[interaction]]`.

use chrono::{Datelike, Months, NaiveDate};

/// The front matter fields of CPD.
pub const HOURS: &str = "hours";
pub const CATEGORY: &str = "cpd";
/// The scheme's file, at the journal's root.
pub const SCHEME_FILE: &str = "cpd.toml";

/// The most hours one entry can hold: a day.
pub const MAX_HOURS: f64 = 24.0;

/// Checks hours given for one entry: more than none, at most a day.
pub fn check_hours(hours: f64) -> Result<f64, String> {
    // Kept to the hundredth of an hour; what rounds to nothing is nothing.
    let rounded = (hours * 100.0).round() / 100.0;
    if !hours.is_finite() || rounded <= 0.0 {
        return Err(format!(
            "{hours} hours: give the time spent, at least 0.01, such as 1.5"
        ));
    }
    if rounded > MAX_HOURS {
        return Err(format!(
            "{hours} hours in one entry is more than a day ({MAX_HOURS}); record each day on its own"
        ));
    }
    Ok(rounded)
}

/// Hours as whole hundredths, so that sums are exact: 0.1 + 0.2 is 0.3.
fn cents(hours: f64) -> i64 {
    (hours * 100.0).round() as i64
}

fn from_cents(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// The CPD of one record: its hours and, when given, its category.
#[derive(Debug, Clone, PartialEq)]
pub struct Cpd {
    pub hours: f64,
    pub category: Option<String>,
}

/// The CPD fields of a table (an entry's front matter, an `[[interaction]]`): `None` when
/// it has no hours; a mistake names the field.
pub fn of_table(table: &toml::Table) -> Result<Option<Cpd>, (String, String)> {
    let category = match table.get(CATEGORY) {
        None => None,
        Some(toml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(_) => {
            return Err((
                CATEGORY.into(),
                "'cpd' must be a category's id, such as \"participatory\"".into(),
            ));
        }
    };
    let hours = match table.get(HOURS) {
        None if category.is_some() => {
            return Err((
                HOURS.into(),
                "'cpd' is set but 'hours' is not: say how long, such as hours = 1.5".into(),
            ));
        }
        None => return Ok(None),
        Some(value) => {
            let hours = match value {
                toml::Value::Float(f) => *f,
                toml::Value::Integer(i) => *i as f64,
                _ => return Err((HOURS.into(), "'hours' must be a number, such as 1.5".into())),
            };
            check_hours(hours).map_err(|m| (HOURS.to_string(), m))?
        }
    };
    Ok(Some(Cpd { hours, category }))
}

/// The CPD fields of an entry's front matter.
pub fn of_entry(entry: &super::Entry) -> Result<Option<Cpd>, super::entry::FieldError> {
    of_table(&entry.extra).map_err(|(key, message)| super::entry::field_error(&key, message))
}

/// Writes `cpd` into a table.
pub fn write(table: &mut toml::Table, cpd: &Cpd) {
    table.insert(HOURS.into(), cpd.hours.into());
    if let Some(category) = &cpd.category {
        table.insert(CATEGORY.into(), category.clone().into());
    }
}

/// One category of a scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub min_hours: Option<f64>,
    pub max_hours: Option<f64>,
    /// Its hours count as participatory (learning with others).
    pub participatory: bool,
}

/// A professional body's CPD scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    pub name: String,
    /// The first day of a period; periods follow each other from it.
    pub start: NaiveDate,
    pub period_years: u32,
    pub target_hours: Option<f64>,
    pub participatory_min_hours: Option<f64>,
    /// Kinds whose hours count as participatory whatever their category: `network`,
    /// `feedback`, `challenge`, `learned`, `evidence`.
    pub participatory_kinds: Vec<String>,
    pub categories: Vec<Category>,
}

/// The kinds of record CPD hours come from.
pub const KINDS: [&str; 5] = ["learned", "evidence", "feedback", "network", "challenge"];

/// A mistake in a scheme: the keys (for its line) and what is wrong.
pub type SchemeError = super::position::TableError;

const KEYS: [&str; 8] = [
    "name",
    "start",
    "period_years",
    "target_hours",
    "participatory_min_hours",
    "participatory_kinds",
    "category",
    "about",
];
const CATEGORY_KEYS: [&str; 6] = [
    "id",
    "name",
    "min_hours",
    "max_hours",
    "participatory",
    "about",
];

fn hours_value(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Float(f) if f.is_finite() && *f >= 0.0 => Some(*f),
        toml::Value::Integer(i) if *i >= 0 => Some(*i as f64),
        _ => None,
    }
}

impl Scheme {
    /// Reads a scheme from `cpd.toml`.
    pub fn from_table(table: &toml::Table) -> Result<Scheme, SchemeError> {
        let err = SchemeError::new;
        if let Some(key) = super::position::unknown_key(table, &KEYS) {
            return Err(err(
                &[key],
                None,
                format!(
                    "unknown key '{key}' in a CPD scheme: use {}",
                    KEYS.join(", ")
                ),
            ));
        }
        let name = match table.get("name") {
            None => "CPD".to_string(),
            Some(toml::Value::String(s)) => s.trim().to_string(),
            Some(_) => return Err(err(&["name"], None, "'name' must be a string".into())),
        };
        let start = table
            .get("start")
            .and_then(super::date::to_date)
            .ok_or_else(|| {
                err(
                    &["start"],
                    None,
                    "'start' must be the first day of a period, such as start = 2025-04-01".into(),
                )
            })?;
        let period_years = match table.get("period_years") {
            None => 1,
            Some(toml::Value::Integer(n)) if (1..=10).contains(n) => *n as u32,
            Some(other) => {
                return Err(err(
                    &["period_years"],
                    None,
                    format!("invalid period_years {other}: a whole number of years from 1 to 10"),
                ));
            }
        };
        let hours = |key: &str| -> Result<Option<f64>, SchemeError> {
            match table.get(key) {
                None => Ok(None),
                Some(v) => hours_value(v).map(Some).ok_or_else(|| {
                    err(
                        &[key],
                        None,
                        format!("'{key}' must be a number of hours, 0 or more"),
                    )
                }),
            }
        };
        let target_hours = hours("target_hours")?;
        let participatory_min_hours = hours("participatory_min_hours")?;
        let participatory_kinds = match table.get("participatory_kinds") {
            None => Vec::new(),
            Some(toml::Value::Array(list)) => {
                let mut kinds = Vec::new();
                for item in list {
                    match item.as_str().filter(|k| KINDS.contains(k)) {
                        Some(kind) => kinds.push(kind.to_string()),
                        None => {
                            return Err(err(
                                &["participatory_kinds"],
                                None,
                                format!(
                                    "invalid kind {item} in participatory_kinds: use {}",
                                    KINDS.join(", ")
                                ),
                            ));
                        }
                    }
                }
                kinds
            }
            Some(_) => {
                return Err(err(
                    &["participatory_kinds"],
                    None,
                    "'participatory_kinds' must be a list such as [\"network\", \"feedback\"]"
                        .into(),
                ));
            }
        };
        let mut categories: Vec<Category> = Vec::new();
        if let Some(list) = table.get("category") {
            let list = list.as_array().ok_or_else(|| {
                err(
                    &["category"],
                    None,
                    "'category' must be a list of [[category]] tables".into(),
                )
            })?;
            for (nth, item) in list.iter().enumerate() {
                let n = nth + 1;
                let at = |message: String| err(&["category"], Some(nth), message);
                let item = item.as_table().ok_or_else(|| {
                    at(format!(
                        "category {n} must be a table with an id and a name"
                    ))
                })?;
                if let Some(key) = super::position::unknown_key(item, &CATEGORY_KEYS) {
                    return Err(at(format!(
                        "category {n} has an unknown key '{key}': use {}",
                        CATEGORY_KEYS.join(", ")
                    )));
                }
                let id = item
                    .get("id")
                    .and_then(toml::Value::as_str)
                    .ok_or_else(|| at(format!("category {n} has no id")))?;
                super::slug::check_id(id).map_err(|m| at(format!("category {n}: {m}")))?;
                if categories.iter().any(|c| c.id == id) {
                    return Err(at(format!("two categories have the id \"{id}\"")));
                }
                let limit = |key: &str| -> Result<Option<f64>, SchemeError> {
                    match item.get(key) {
                        None => Ok(None),
                        Some(v) => hours_value(v).map(Some).ok_or_else(|| {
                            at(format!(
                                "category {n}: '{key}' must be a number of hours, 0 or more"
                            ))
                        }),
                    }
                };
                let (min_hours, max_hours) = (limit("min_hours")?, limit("max_hours")?);
                if let (Some(min), Some(max)) = (min_hours, max_hours)
                    && min > max
                {
                    return Err(at(format!(
                        "category {n}: min_hours {min} is more than max_hours {max}"
                    )));
                }
                categories.push(Category {
                    id: id.to_string(),
                    name: item
                        .get("name")
                        .and_then(toml::Value::as_str)
                        .unwrap_or(id)
                        .to_string(),
                    min_hours,
                    max_hours,
                    participatory: match item.get("participatory") {
                        None => false,
                        Some(toml::Value::Boolean(b)) => *b,
                        Some(_) => {
                            return Err(at(format!(
                                "category {n}: 'participatory' must be true or false"
                            )));
                        }
                    },
                });
            }
        }
        Ok(Scheme {
            name,
            start,
            period_years,
            target_hours,
            participatory_min_hours,
            participatory_kinds,
            categories,
        })
    }

    /// The period that holds `day`: its first and last days.
    pub fn period_of(&self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        // Period k starts k periods after `start`, always counted from `start`, so that a
        // start on 29 February does not drift to the 28th.
        let months = 12 * i64::from(self.period_years);
        let start_of = |k: i64| -> NaiveDate {
            let shift = k * months;
            let moved = if shift >= 0 {
                self.start.checked_add_months(Months::new(shift as u32))
            } else {
                self.start.checked_sub_months(Months::new((-shift) as u32))
            };
            moved.unwrap_or(if shift >= 0 {
                NaiveDate::MAX
            } else {
                NaiveDate::MIN
            })
        };
        let elapsed = (day.year() - self.start.year()) as i64 * 12 + i64::from(day.month())
            - i64::from(self.start.month());
        let mut k = elapsed.div_euclid(months);
        while start_of(k) > day {
            k -= 1;
        }
        while start_of(k + 1) <= day {
            k += 1;
        }
        let next = start_of(k + 1);
        (start_of(k), next.pred_opt().unwrap_or(next))
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The categories' ids, for messages.
    pub fn ids(&self) -> String {
        self.categories
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One record of CPD: what, when, how long, in which category.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub date: NaiveDate,
    /// `learned`, `evidence`, `feedback`, `network`, `challenge`.
    pub kind: String,
    /// The entry's id (or the run's file name) it comes from.
    pub source: String,
    pub title: String,
    pub hours: f64,
    pub category: Option<String>,
    /// What was written about it: the entry's body, the conversation's note.
    pub reflection: String,
    /// It comes from a private entry (or a private contact's conversation).
    pub private: bool,
}

/// The hours of a period against a scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Per category of the scheme, in its order, then the hours with no (or an unknown)
    /// category: (id, name, hours logged, hours that count, min, max).
    pub categories: Vec<CategoryHours>,
    pub total: f64,
    /// What counts toward the target: each category's hours up to its maximum.
    pub counted: f64,
    pub participatory: f64,
    /// What is still needed, one line each.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryHours {
    pub id: String,
    pub name: String,
    pub hours: f64,
    pub counted: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Hours rounded for people: `1.5`, `20`.
pub fn hours_text(hours: f64) -> String {
    super::key_result::number((hours * 100.0).round() / 100.0)
}

/// Sums `records` of the period `first`..=`last` against `scheme`.
pub fn summarize(
    scheme: &Scheme,
    records: &[Record],
    first: NaiveDate,
    last: NaiveDate,
) -> Summary {
    let inside: Vec<&Record> = records
        .iter()
        .filter(|r| r.date >= first && r.date <= last)
        .collect();
    // Sums in hundredths of an hour: exact, so a minimum met is met.
    let sum = |filter: &dyn Fn(&&&Record) -> bool| -> i64 {
        inside.iter().filter(filter).map(|r| cents(r.hours)).sum()
    };
    let mut categories: Vec<CategoryHours> = scheme
        .categories
        .iter()
        .map(|c| {
            let hours = sum(&|r| r.category.as_deref() == Some(c.id.as_str()));
            let counted = c.max_hours.map_or(hours, |max| hours.min(cents(max)));
            CategoryHours {
                id: c.id.clone(),
                name: c.name.clone(),
                hours: from_cents(hours),
                counted: from_cents(counted),
                min: c.min_hours,
                max: c.max_hours,
            }
        })
        .collect();
    // Hours with no category of the scheme: they count toward the target only when the
    // scheme has no categories at all; otherwise they are named, to be given one.
    let other = sum(&|r| {
        r.category
            .as_deref()
            .is_none_or(|c| scheme.category(c).is_none())
    });
    let uncounted = if scheme.categories.is_empty() {
        0
    } else {
        other
    };
    if other > 0 {
        categories.push(CategoryHours {
            id: String::new(),
            name: "No category".into(),
            hours: from_cents(other),
            counted: from_cents(other - uncounted),
            min: None,
            max: None,
        });
    }
    let total = sum(&|_| true);
    let counted: i64 = categories.iter().map(|c| cents(c.counted)).sum();
    let participatory = sum(&|r| {
        scheme.participatory_kinds.contains(&r.kind)
            || r.category
                .as_deref()
                .and_then(|c| scheme.category(c))
                .is_some_and(|c| c.participatory)
    });
    let by = last.format("%-d %B %Y");
    let mut missing = Vec::new();
    if let Some(target) = scheme.target_hours
        && counted < cents(target)
    {
        missing.push(format!(
            "{} more hours in all by {by} (target {})",
            hours_text(from_cents(cents(target) - counted)),
            hours_text(target)
        ));
    }
    if let Some(min) = scheme.participatory_min_hours
        && participatory < cents(min)
    {
        missing.push(format!(
            "{} more participatory hours by {by} (at least {})",
            hours_text(from_cents(cents(min) - participatory)),
            hours_text(min)
        ));
    }
    for c in &categories {
        if let Some(min) = c.min
            && cents(c.hours) < cents(min)
        {
            missing.push(format!(
                "{} more hours of {} by {by} (at least {})",
                hours_text(from_cents(cents(min) - cents(c.hours))),
                c.name,
                hours_text(min)
            ));
        }
    }
    if uncounted > 0 {
        missing.push(format!(
            "{} hours have no category of the scheme, so they do not count yet: give each a --cpd category (`mpl edit ID`, cpd = \"…\")",
            hours_text(from_cents(uncounted))
        ));
    }
    let (total, counted, participatory) = (
        from_cents(total),
        from_cents(counted),
        from_cents(participatory),
    );
    Summary {
        first,
        last,
        categories,
        total,
        counted,
        participatory,
        missing,
    }
}

/// The year a date falls in, for the CSV.
pub fn year_of(date: NaiveDate) -> i32 {
    date.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn scheme(text: &str) -> Result<Scheme, SchemeError> {
        Scheme::from_table(&toml::from_str(text).unwrap())
    }

    const NMC: &str = "name = \"NMC\"\nstart = 2025-04-01\nperiod_years = 3\ntarget_hours = 35\nparticipatory_min_hours = 20\nparticipatory_kinds = [\"network\"]\n[[category]]\nid = \"participatory\"\nname = \"Participatory\"\nparticipatory = true\n[[category]]\nid = \"individual\"\nname = \"Individual\"\nmax_hours = 15\n";

    fn record(d: NaiveDate, kind: &str, hours: f64, category: Option<&str>) -> Record {
        Record {
            date: d,
            kind: kind.into(),
            source: "x".into(),
            title: "t".into(),
            hours,
            category: category.map(str::to_string),
            reflection: String::new(),
            private: false,
        }
    }

    #[test]
    fn periods_follow_each_other_from_the_start() {
        let s = scheme(NMC).unwrap();
        assert_eq!(
            s.period_of(day(2026, 11, 30)),
            (day(2025, 4, 1), day(2028, 3, 31))
        );
        assert_eq!(
            s.period_of(day(2028, 4, 1)),
            (day(2028, 4, 1), day(2031, 3, 31))
        );
        assert_eq!(
            s.period_of(day(2024, 1, 1)),
            (day(2022, 4, 1), day(2025, 3, 31))
        );
    }

    #[test]
    fn hours_count_against_minimums_maximums_and_the_target() {
        let s = scheme(NMC).unwrap();
        let (first, last) = s.period_of(day(2026, 11, 30));
        let records = [
            record(day(2025, 5, 1), "learned", 20.0, Some("individual")),
            record(day(2025, 6, 1), "network", 2.0, None),
            record(day(2025, 7, 1), "feedback", 3.0, Some("participatory")),
            record(day(2024, 7, 1), "feedback", 9.0, Some("participatory")),
        ];
        let sum = summarize(&s, &records, first, last);
        assert_eq!(sum.total, 25.0);
        // Individual learning counts up to its maximum of 15; hours with no category do
        // not count toward the target of a scheme with categories.
        assert_eq!(sum.counted, 15.0 + 3.0);
        assert_eq!(sum.participatory, 5.0);
        assert_eq!(sum.categories.last().unwrap().name, "No category");
        assert_eq!(
            sum.missing[0],
            "17 more hours in all by 31 March 2028 (target 35)"
        );
        assert_eq!(
            sum.missing[1],
            "15 more participatory hours by 31 March 2028 (at least 20)"
        );
        assert!(
            sum.missing[2].starts_with("2 hours have no category"),
            "{:?}",
            sum.missing
        );
        // Sums are exact: 0.1 + 0.2 is 0.3, and a minimum met is met.
        let tenths = [
            record(day(2025, 5, 1), "learned", 0.1, Some("individual")),
            record(day(2025, 5, 2), "learned", 0.2, Some("individual")),
        ];
        assert_eq!(summarize(&s, &tenths, first, last).total, 0.3);
        let leap = scheme("start = 2024-02-29\nperiod_years = 1\n").unwrap();
        assert_eq!(
            leap.period_of(day(2024, 2, 29)),
            (day(2024, 2, 29), day(2025, 2, 27))
        );
        assert_eq!(
            leap.period_of(day(2025, 2, 28)),
            (day(2025, 2, 28), day(2026, 2, 27))
        );
        assert_eq!(
            leap.period_of(day(2028, 3, 1)),
            (day(2028, 2, 29), day(2029, 2, 27))
        );
    }

    #[test]
    fn bad_hours_and_schemes_are_named() {
        assert!(check_hours(-1.0).is_err());
        assert!(check_hours(0.0).is_err());
        assert!(check_hours(25.0).unwrap_err().contains("more than a day"));
        assert_eq!(check_hours(1.234).unwrap(), 1.23);
        assert!(check_hours(0.001).is_err());
        let e = scheme("start = 2025-04-01\ncolour = 1\n").unwrap_err();
        assert_eq!(e.path, vec!["colour"]);
        let e = scheme("name = \"x\"\n").unwrap_err();
        assert!(e.message.contains("start"), "{}", e.message);
        let e =
            scheme("start = 2025-04-01\n[[category]]\nid = \"a\"\nmin_hours = 5\nmax_hours = 2\n")
                .unwrap_err();
        assert_eq!(e.nth, Some(0));
        let e = scheme("start = 2025-04-01\nparticipatory_kinds = [\"meetings\"]\n").unwrap_err();
        assert!(e.message.contains("learned, evidence"), "{}", e.message);
    }
}
