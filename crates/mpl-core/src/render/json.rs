//! Entries as JSON, the `--json` API. Field names are stable: `id`, `kind`, `date`,
//! `created`, `title`, `tags`, `goals`, `visibility`, `path`, `fields` (kind-specific and
//! unknown front matter), `body`.

use crate::model::Entry;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::path::Path;

/// One entry as `--json` shows it. `path` is relative to the journal root, with `/`
/// separators; `fields` holds the kind-specific fields and those mpl does not know.
#[derive(Debug, Serialize)]
pub struct EntryDoc<'a> {
    id: &'a str,
    kind: &'static str,
    date: String,
    /// None (null) for an encrypted entry this machine cannot read: it is not known.
    created: Option<String>,
    title: &'a str,
    tags: &'a [String],
    goals: &'a [String],
    visibility: &'static str,
    path: String,
    fields: Value,
    body: &'a str,
}

impl<'a> EntryDoc<'a> {
    pub fn new(entry: &'a Entry, path: &Path) -> EntryDoc<'a> {
        EntryDoc {
            id: &entry.id,
            kind: entry.kind.as_str(),
            date: entry.date.format("%Y-%m-%d").to_string(),
            created: (!entry.is_sealed()).then(|| entry.created.to_rfc3339()),
            title: &entry.title,
            tags: &entry.tags,
            goals: &entry.goals,
            visibility: entry.visibility.as_str(),
            path: path.to_string_lossy().replace('\\', "/"),
            fields: table(&entry.extra),
            body: &entry.body,
        }
    }
}

/// An entry's document followed by a command's own fields (a goal's status, a contact's
/// conversations), as one JSON object.
#[derive(Debug, Serialize)]
pub struct Extended<'a, T: Serialize> {
    #[serde(flatten)]
    pub entry: EntryDoc<'a>,
    #[serde(flatten)]
    pub more: T,
}

/// The profile (`mpl profile --json`): every field, empty ones as `""` or `[]`.
pub fn profile(profile: &crate::model::profile::Profile) -> Value {
    serde_json::to_value(profile).expect("a profile always serializes")
}

/// A template (`mpl reflect --list-templates --json`): its name, where it is from,
/// whether it gives the daily questions, and its questions with their roles.
pub fn template(
    template: &crate::model::template::Template,
    origin: &str,
    daily: bool,
    error: Option<&str>,
) -> Value {
    let questions: Vec<Value> = template
        .questions
        .iter()
        .map(|q| {
            json!({
                "heading": q.heading,
                "prompt": q.prompt,
                "role": q.role.map(|r| r.key()),
            })
        })
        .collect();
    let mut doc = json!({
        "name": template.name,
        "title": template.title,
        "origin": origin,
        "daily": daily,
        "questions": questions,
    });
    if let Some(error) = error {
        doc["error"] = error.into();
    }
    doc
}

/// One entry, as a JSON value.
pub fn entry(entry: &Entry, path: &Path) -> Value {
    document(&EntryDoc::new(entry, path))
}

/// One entry followed by `more`, as a JSON value.
pub fn extended<T: Serialize>(entry: &Entry, path: &Path, more: T) -> Value {
    document(&Extended {
        entry: EntryDoc::new(entry, path),
        more,
    })
}

/// A typed document as a JSON value.
pub fn document(doc: &impl Serialize) -> Value {
    // The documents are made of strings, numbers, lists and maps with string keys: they
    // always serialize.
    serde_json::to_value(doc).unwrap_or_else(|err| panic!("a --json document: {err}"))
}

/// A document as pretty JSON text with a final newline, as every `--json` prints it; no
/// character in it acts on a terminal.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.push('\n');
    super::terminal::escape_json(text)
}

/// A TOML table as a JSON object; dates and times become their TOML text (RFC 3339).
pub(crate) fn table(table: &toml::Table) -> Value {
    Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), value(v)))
            .collect::<Map<String, Value>>(),
    )
}

fn value(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(self::value).collect()),
        toml::Value::Table(t) => table(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_values_map_to_plain_json() {
        let t: toml::Table = "a = 1\nb = 2026-11-25\nc = [\"x\"]\n[d]\ne = true\n"
            .parse()
            .unwrap();
        assert_eq!(
            table(&t),
            json!({"a": 1, "b": "2026-11-25", "c": ["x"], "d": {"e": true}})
        );
    }
}
