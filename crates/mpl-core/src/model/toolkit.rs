//! The personal learning toolkit: the tools, sources, feeds, communities, courses and people
//! you learn with. An entry of kind `toolkit` (`toolkit/ID.md`) whose title is the name,
//! with `type` and `url` fields and a note as its body.

use super::Entry;
use super::entry::{FieldError, KindFields, field_error, optional_text, set_text, text};

const TYPE: &str = "type";
const URL: &str = "url";

/// The fields of a toolkit item.
#[derive(Debug, Clone, PartialEq)]
pub struct Toolkit {
    /// What it is: one of [`TYPES`] ("tool" when the file does not say).
    pub item_type: String,
    /// Where it is.
    pub url: Option<String>,
}

impl KindFields for Toolkit {
    fn from_entry(entry: &Entry) -> Result<Toolkit, FieldError> {
        Ok(Toolkit {
            url: optional_text(entry, URL)?,
            item_type: item_type(entry)?,
        })
    }

    fn of(entry: &Entry) -> Toolkit {
        Toolkit {
            item_type: item_type(entry).unwrap_or_else(|_| "tool".to_string()),
            url: text(entry, URL),
        }
    }

    fn write(&self, entry: &mut Entry) {
        entry
            .extra
            .insert(TYPE.into(), self.item_type.clone().into());
        set_text(entry, URL, self.url.as_deref());
    }
}

/// What a toolkit item is.
pub const TYPES: [&str; 6] = ["tool", "source", "feed", "community", "course", "person"];

/// Checks a `--kind` value for the toolkit.
pub fn parse_type(text: &str) -> Result<String, String> {
    let name = text.trim().to_ascii_lowercase();
    if TYPES.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(format!(
            "unknown kind \"{text}\"; use one of: {}",
            TYPES.join(", ")
        ))
    }
}

/// The item's type; a missing one reads as "tool".
pub fn item_type(entry: &Entry) -> Result<String, FieldError> {
    match optional_text(entry, TYPE)? {
        None => Ok("tool".to_string()),
        Some(name) => parse_type(&name).map_err(|_| {
            field_error(
                TYPE,
                format!("invalid type \"{name}\": use one of {}", TYPES.join(", ")),
            )
        }),
    }
}
