//! One journal entry: the common front matter fields every kind shares, the kind-specific and
//! unknown fields (kept as they are, in order), and the CommonMark body.

use super::{Kind, Visibility};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// Front matter fields with a meaning for every kind, in the order they are written.
pub(crate) const COMMON_FIELDS: [&str; 8] = [
    "id",
    "kind",
    "date",
    "created",
    "title",
    "tags",
    "goals",
    "visibility",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file name without `.md`; unique across the journal.
    pub id: String,
    pub kind: Kind,
    /// The journal day the entry belongs to.
    pub date: NaiveDate,
    /// When it was first written, with the writer's UTC offset.
    pub created: DateTime<FixedOffset>,
    pub title: String,
    pub tags: Vec<String>,
    /// Ids of goals this entry serves.
    pub goals: Vec<String>,
    pub visibility: Visibility,
    /// Kind-specific fields (`source`, `impact`, ...) and fields `mpl` does not know, in file order.
    pub extra: toml::Table,
    /// The Markdown after the front matter.
    pub body: String,
}

impl Entry {
    /// An encrypted entry this machine could not read: only its id, kind, date and
    /// visibility are known (see [`crate::store::Journal::sealed_entry`]).
    pub fn is_sealed(&self) -> bool {
        self.title.is_empty()
            && self
                .extra
                .get(crate::encryption::FIELD)
                .and_then(|v| v.as_str())
                == Some(crate::encryption::SCHEME)
    }

    /// A new entry with the kind's default visibility and no tags, goals or body.
    pub fn new(
        kind: Kind,
        id: String,
        date: NaiveDate,
        created: DateTime<FixedOffset>,
        title: String,
    ) -> Entry {
        Entry {
            id,
            kind,
            date,
            created,
            title,
            tags: Vec::new(),
            goals: Vec::new(),
            visibility: kind.default_visibility(),
            extra: toml::Table::new(),
            body: String::new(),
        }
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    /// Adds tags and goals not already present, keeping order.
    pub fn add_labels(&mut self, tags: &[String], goals: &[String]) {
        for tag in tags {
            if !self.has_tag(tag) {
                self.tags.push(tag.clone());
            }
        }
        for goal in goals {
            if !self.goals.contains(goal) {
                self.goals.push(goal.clone());
            }
        }
    }
}

/// A kind-specific field that does not hold what it should: the key (to find its line) and
/// what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub key: String,
    pub message: String,
}

pub(crate) fn field_error(key: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        key: key.to_string(),
        message: message.into(),
    }
}

/// An optional string field; an empty one counts as missing.
pub(crate) fn optional_text(entry: &Entry, key: &str) -> Result<Option<String>, FieldError> {
    match entry.extra.get(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(field_error(key, format!("'{key}' must be a string"))),
    }
}

/// An optional string field read for showing: a blank one, or one that is not a string,
/// reads as missing (`doctor` reports the latter).
pub(crate) fn text(entry: &Entry, key: &str) -> Option<String> {
    optional_text(entry, key).ok().flatten()
}

/// Sets a string field when `value` holds text (trimmed); a blank one leaves it out.
pub(crate) fn set_text(entry: &mut Entry, key: &str, value: Option<&str>) {
    if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
        entry.extra.insert(key.into(), value.into());
    }
}

/// The fields one kind adds to the common front matter, as a type: read once from an
/// entry, checked, and written into a new one. A new field of a kind is added to its type,
/// and nowhere else looks it up by name.
pub trait KindFields: Sized {
    /// Reads and checks the fields: one of the wrong shape is an error naming its key.
    fn from_entry(entry: &Entry) -> Result<Self, FieldError>;

    /// Reads the fields for showing: one of the wrong shape reads as missing (`doctor`
    /// reports it).
    fn of(entry: &Entry) -> Self;

    /// Writes the fields into a new entry, leaving out those not set.
    fn write(&self, entry: &mut Entry);
}

/// Normalises a tag typed by a user: trimmed, without a leading `#`, lowercase.
pub fn normalize_tag(tag: &str) -> Result<String, String> {
    let tag = tag.trim().trim_start_matches('#').to_lowercase();
    if tag.is_empty() {
        return Err("a tag cannot be empty".to_string());
    }
    if tag.chars().any(|c| c.is_whitespace() || c == ',') {
        return Err(format!(
            "invalid tag \"{tag}\": tags cannot hold spaces or commas"
        ));
    }
    Ok(tag)
}

/// Free text as a title (its first line, cut near `max` chars) and a body (the rest, or the
/// whole text when the first line had to be cut).
pub fn title_and_body(text: &str, max: usize) -> (String, String) {
    let text = super::reflection::trim_blank_lines(text);
    let title = title_from_text(text, max);
    let first_line = text.lines().next().unwrap_or("").trim();
    let body = if title == first_line {
        super::reflection::trim_blank_lines(&text[text.find('\n').unwrap_or(text.len())..])
            .to_string()
    } else {
        text.to_string()
    };
    (title, body)
}

/// A one-line title from free text: its first line, cut at a word boundary near `max` chars.
pub fn title_from_text(text: &str, max: usize) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.chars().count() <= max {
        return first.to_string();
    }
    let cut: String = first.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => cut[..at].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(normalize_tag(" #Rust "), Ok("rust".to_string()));
        assert!(normalize_tag("two words").is_err());
        assert!(normalize_tag("#").is_err());
    }

    #[test]
    fn titles_come_from_the_first_line() {
        assert_eq!(title_from_text("\n  Borrowck  \nmore", 80), "Borrowck");
        let long = "word ".repeat(30);
        let title = title_from_text(&long, 40);
        assert!(
            title.ends_with('…') && title.chars().count() <= 41,
            "{title}"
        );
    }
}
