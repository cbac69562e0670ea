//! The personal learning toolkit: the tools, sources, feeds, communities, courses and people
//! you learn with. An entry of kind `toolkit` (`toolkit/ID.md`) whose title is the name,
//! with `type` and `url` fields and a note as its body.

use super::Entry;
use super::entry::{FieldError, field_error, optional_text};

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
    match optional_text(entry, "type")? {
        None => Ok("tool".to_string()),
        Some(name) => parse_type(&name).map_err(|_| {
            field_error(
                "type",
                format!("invalid type \"{name}\": use one of {}", TYPES.join(", ")),
            )
        }),
    }
}
