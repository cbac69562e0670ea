//! Something learned: a `learned` entry (`learned/YYYY/YYYY-MM-DD-slug.md`) whose title is
//! what was learned, with where it came from in `source` (a web address, a book, a person).

use super::Entry;
use super::entry::{FieldError, KindFields, optional_text, set_text, text};

pub(crate) const SOURCE: &str = "source";

/// The fields of a learned entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learned {
    /// Where it was learned: a web address, a book, a person.
    pub source: Option<String>,
}

impl KindFields for Learned {
    fn from_entry(entry: &Entry) -> Result<Learned, FieldError> {
        Ok(Learned {
            source: optional_text(entry, SOURCE)?,
        })
    }

    fn of(entry: &Entry) -> Learned {
        Learned {
            source: text(entry, SOURCE),
        }
    }

    fn write(&self, entry: &mut Entry) {
        set_text(entry, SOURCE, self.source.as_deref());
    }
}
