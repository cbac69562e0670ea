//! Feedback received: a `feedback` entry (`feedback/YYYY/YYYY-MM-DD-slug.md`, private by
//! default) whose body is what was said, with who said it in `from` and `asked = true` when
//! it was asked for.

use super::Entry;
use super::entry::{FieldError, KindFields, optional_text, set_text, text};

pub(crate) const FROM: &str = "from";
const ASKED: &str = "asked";

/// The fields of a feedback entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feedback {
    /// Who gave it.
    pub from: Option<String>,
    /// Whether it was asked for.
    pub asked: bool,
}

impl KindFields for Feedback {
    fn from_entry(entry: &Entry) -> Result<Feedback, FieldError> {
        Ok(Feedback {
            from: optional_text(entry, FROM)?,
            ..Feedback::of(entry)
        })
    }

    fn of(entry: &Entry) -> Feedback {
        Feedback {
            from: text(entry, FROM),
            // Anything but `true` reads as not asked for.
            asked: entry.extra.get(ASKED).and_then(toml::Value::as_bool) == Some(true),
        }
    }

    fn write(&self, entry: &mut Entry) {
        set_text(entry, FROM, self.from.as_deref());
        if self.asked {
            entry.extra.insert(ASKED.into(), true.into());
        }
    }
}
