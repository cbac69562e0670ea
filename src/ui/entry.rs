//! One entry as text for a person (`mpl show`, `mpl reflect --show`).

use super::style::Style;
use crate::model::Entry;
use crate::model::date::long_date;

/// A header (title, then kind, date, id, tags, goals and visibility) and the body.
pub(crate) fn text(entry: &Entry, style: Style) -> String {
    let mut out = String::new();
    let title = if entry.title.is_empty() {
        "(untitled)"
    } else {
        &entry.title
    };
    out.push_str(&style.bold(title));
    out.push('\n');
    let mut meta = vec![
        entry.kind.as_str().to_string(),
        long_date(entry.date),
        entry.id.clone(),
        entry.visibility.as_str().to_string(),
    ];
    if !entry.tags.is_empty() {
        meta.push(crate::render::hashtags(&entry.tags));
    }
    if !entry.goals.is_empty() {
        meta.push(format!("goals: {}", entry.goals.join(", ")));
    }
    out.push_str(&style.dim(&meta.join(" · ")));
    out.push('\n');
    for (key, value) in &entry.extra {
        let line = match value {
            toml::Value::String(text) => Some(format!("{key}: {text}")),
            toml::Value::Boolean(true) => Some(key.clone()),
            toml::Value::Integer(n) => Some(format!("{key}: {n}")),
            toml::Value::Datetime(d) => Some(format!("{key}: {d}")),
            toml::Value::Array(items) if items.iter().all(|i| i.is_str()) && !items.is_empty() => {
                let texts: Vec<&str> = items.iter().filter_map(|i| i.as_str()).collect();
                Some(format!("{key}: {}", texts.join(", ")))
            }
            _ => None,
        };
        if let Some(line) = line {
            out.push_str(&style.dim(&line));
            out.push('\n');
        }
    }
    if let Ok(files) = crate::model::evidence::attachments(entry) {
        for file in files {
            out.push_str(&style.dim(&format!("file: {} ({})", file.name, file.file)));
            out.push('\n');
        }
    }
    let body = entry.body.trim();
    if !body.is_empty() {
        out.push('\n');
        for line in body.lines() {
            if line.starts_with('#') {
                out.push_str(&style.bold(line));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    out
}
