//! Entries as JSON, the `--json` API. Field names are stable: `id`, `kind`, `date`,
//! `created`, `title`, `tags`, `goals`, `visibility`, `path`, `fields` (kind-specific and
//! unknown front matter), `body`.

use crate::model::Entry;
use serde_json::{Map, Value, json};
use std::path::Path;

/// One entry; `path` is relative to the journal root, with `/` separators.
pub fn entry(entry: &Entry, path: &Path) -> Value {
    json!({
        "id": entry.id,
        "kind": entry.kind.as_str(),
        "date": entry.date.format("%Y-%m-%d").to_string(),
        "created": entry.created.to_rfc3339(),
        "title": entry.title,
        "tags": entry.tags,
        "goals": entry.goals,
        "visibility": entry.visibility.as_str(),
        "path": path.to_string_lossy().replace('\\', "/"),
        "fields": table(&entry.extra),
        "body": entry.body,
    })
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
