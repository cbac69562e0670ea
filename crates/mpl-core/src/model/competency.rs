//! Competency frameworks: what a role asks for, as a list of competencies with ids and names
//! (`frameworks/NAME.toml`), and which of them the journal shows: gained (evidence of it),
//! in progress (learning or a goal for it), or not started.
//!
//! ```toml
//! title = "Backend engineering"
//!
//! [[competency]]
//! id = "observability"
//! name = "Observability"
//! area = "Operations"
//! about = "Instruments services so that problems are found from their signals"
//! ```
//!
//! Entries name the competencies they show in their front matter:
//! `competencies = ["observability"]` (`--competency ID` on `learn`, `evidence add` and
//! `goal add`).

use super::{Entry, Kind};

/// The front matter list of competency ids.
pub const COMPETENCIES: &str = "competencies";
/// The folder of the frameworks.
pub const FRAMEWORKS_DIR: &str = "frameworks";

#[derive(Debug, Clone, PartialEq)]
pub struct Competency {
    pub id: String,
    pub name: String,
    pub area: Option<String>,
    pub about: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    /// Its file name without `.toml`.
    pub name: String,
    pub title: String,
    pub competencies: Vec<Competency>,
}

/// A mistake in a framework: the keys to it, which competency, and what is wrong.
pub type FrameworkError = super::position::TableError;

const KEYS: [&str; 3] = ["title", "competency", "about"];
const COMPETENCY_KEYS: [&str; 4] = ["id", "name", "area", "about"];

impl Framework {
    pub fn from_table(name: &str, table: &toml::Table) -> Result<Framework, FrameworkError> {
        let err = FrameworkError::new;
        if let Some(key) = super::position::unknown_key(table, &KEYS) {
            return Err(err(
                &[key],
                None,
                format!(
                    "unknown key '{key}' in a framework: use {}",
                    KEYS.join(", ")
                ),
            ));
        }
        let title = table
            .get("title")
            .and_then(toml::Value::as_str)
            .unwrap_or(name)
            .trim()
            .to_string();
        let list = table
            .get("competency")
            .and_then(toml::Value::as_array)
            .ok_or_else(|| {
                err(
                    &["competency"],
                    None,
                    "a framework lists its competencies as [[competency]] tables, each with an id and a name".into(),
                )
            })?;
        let mut competencies: Vec<Competency> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (nth, item) in list.iter().enumerate() {
            let n = nth + 1;
            let at = |message: String| err(&["competency"], Some(nth), message);
            let item = item.as_table().ok_or_else(|| {
                at(format!(
                    "competency {n} must be a table with an id and a name"
                ))
            })?;
            if let Some(key) = super::position::unknown_key(item, &COMPETENCY_KEYS) {
                return Err(at(format!(
                    "competency {n} has an unknown key '{key}': use {}",
                    COMPETENCY_KEYS.join(", ")
                )));
            }
            let text = |key: &str| {
                item.get(key)
                    .and_then(toml::Value::as_str)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let id = text("id").ok_or_else(|| at(format!("competency {n} has no id")))?;
            super::slug::check_id(&id).map_err(|m| at(format!("competency {n}: {m}")))?;
            if !seen.insert(id.clone()) {
                return Err(at(format!("two competencies have the id \"{id}\"")));
            }
            competencies.push(Competency {
                name: text("name").unwrap_or_else(|| id.clone()),
                id,
                area: text("area"),
                about: text("about"),
            });
        }
        Ok(Framework {
            name: name.to_string(),
            title,
            competencies,
        })
    }
}

/// The competency ids an entry names; values that are not ids are left out (`doctor`
/// reports them).
pub fn of_entry(entry: &Entry) -> Vec<String> {
    entry
        .extra
        .get(COMPETENCIES)
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(toml::Value::as_str)
                .filter(|id| super::slug::check_id(id).is_ok())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// What is wrong with an entry's `competencies`: not a list of ids, or an id none of the
/// frameworks (`known`) has.
pub fn check(entry: &Entry, known: &std::collections::HashSet<String>) -> Option<String> {
    let value = entry.extra.get(COMPETENCIES)?;
    let Some(list) = value.as_array() else {
        return Some(format!(
            "'{COMPETENCIES}' must be a list of competency ids, such as [\"testing\"]"
        ));
    };
    for item in list {
        let Some(id) = item.as_str().filter(|id| super::slug::check_id(id).is_ok()) else {
            return Some(format!(
                "{item} in '{COMPETENCIES}' is not a competency's id"
            ));
        };
        if !known.contains(id) {
            return Some(format!(
                "\"{id}\" in '{COMPETENCIES}' is a competency of no framework in {FRAMEWORKS_DIR}/"
            ));
        }
    }
    None
}

/// Adds competency ids to an entry, keeping those it has.
pub fn add(entry: &mut Entry, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    let mut all = of_entry(entry);
    for id in ids {
        if !all.contains(id) {
            all.push(id.clone());
        }
    }
    entry.extra.insert(
        COMPETENCIES.into(),
        toml::Value::Array(all.into_iter().map(toml::Value::String).collect()),
    );
}

/// Where one competency stands in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Evidence shows it.
    Gained,
    /// Learning or a goal works toward it, no evidence yet.
    InProgress,
    NotStarted,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Gained => "gained",
            Coverage::InProgress => "in progress",
            Coverage::NotStarted => "not started",
        }
    }
}

/// One row of the matrix: a competency, where it stands, and the entries behind it.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub competency: &'a Competency,
    pub coverage: Coverage,
    pub evidence: Vec<&'a Entry>,
    pub learned: Vec<&'a Entry>,
    pub goals: Vec<&'a Entry>,
}

/// The coverage of each competency of `framework` by `entries`.
pub fn matrix<'a>(framework: &'a Framework, entries: &'a [Entry]) -> Vec<Row<'a>> {
    let mut named: std::collections::HashMap<&str, Vec<&Entry>> = Default::default();
    for entry in entries {
        if let Some(list) = entry
            .extra
            .get(COMPETENCIES)
            .and_then(toml::Value::as_array)
        {
            for id in list.iter().filter_map(toml::Value::as_str) {
                named.entry(id).or_default().push(entry);
            }
        }
    }
    framework
        .competencies
        .iter()
        .map(|competency| {
            let behind = named
                .get(competency.id.as_str())
                .cloned()
                .unwrap_or_default();
            let of = |kind: Kind| -> Vec<&Entry> {
                behind.iter().copied().filter(|e| e.kind == kind).collect()
            };
            // A dropped goal works toward nothing.
            let goals: Vec<&Entry> = of(Kind::Goal)
                .into_iter()
                .filter(|e| {
                    super::goal::Goal::from_entry(e)
                        .map(|g| g.status != super::goal::Status::Dropped)
                        .unwrap_or(true)
                })
                .collect();
            let (evidence, learned) = (of(Kind::Evidence), of(Kind::Learned));
            let coverage = if !evidence.is_empty() {
                Coverage::Gained
            } else if !learned.is_empty() || !goals.is_empty() {
                Coverage::InProgress
            } else {
                Coverage::NotStarted
            };
            Row {
                competency,
                coverage,
                evidence,
                learned,
                goals,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn framework(text: &str) -> Result<Framework, FrameworkError> {
        Framework::from_table("backend", &toml::from_str(text).unwrap())
    }

    fn entry(kind: Kind, id: &str, competencies: &[&str]) -> Entry {
        let mut e = Entry::new(
            kind,
            id.into(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").unwrap(),
            id.into(),
        );
        add(
            &mut e,
            &competencies
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
        );
        e
    }

    #[test]
    fn the_matrix_follows_the_evidence() {
        let f = framework("[[competency]]\nid = \"obs\"\nname = \"Observability\"\n[[competency]]\nid = \"rust\"\n[[competency]]\nid = \"sql\"\n").unwrap();
        let entries = vec![
            entry(Kind::Evidence, "e1", &["obs"]),
            entry(Kind::Learned, "l1", &["obs", "rust"]),
            entry(Kind::Goal, "g1", &["rust"]),
        ];
        let rows = matrix(&f, &entries);
        let coverage: Vec<Coverage> = rows.iter().map(|r| r.coverage).collect();
        assert_eq!(
            coverage,
            [Coverage::Gained, Coverage::InProgress, Coverage::NotStarted]
        );
        assert_eq!(rows[0].evidence[0].id, "e1");
        assert_eq!(rows[1].goals.len(), 1);
        assert_eq!(rows[1].competency.name, "rust");
    }

    #[test]
    fn mistakes_name_the_competency() {
        let e = framework("[[competency]]\nid = \"a\"\n[[competency]]\nid = \"a\"\n").unwrap_err();
        assert_eq!(e.nth, Some(1));
        let e = framework("[[competency]]\nname = \"x\"\n").unwrap_err();
        assert!(e.message.contains("no id"), "{}", e.message);
        let e = framework("title = \"x\"\n").unwrap_err();
        assert!(e.message.contains("[[competency]]"), "{}", e.message);
        let e = framework("[[competency]]\nid = \"a\"\nlevel = 3\n").unwrap_err();
        assert!(e.message.contains("unknown key 'level'"), "{}", e.message);
    }
}
