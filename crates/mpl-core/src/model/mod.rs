//! Pure types and rules of a journal: kinds of entry, entries, reflection sections, dates,
//! slugs and journal settings. No I/O and no clock: callers pass `now` and `today` in.

pub mod challenge;
pub mod date;
pub mod entry;
pub mod evidence;
pub mod goal;
pub mod jrnl;
pub mod kind;
pub mod network;
pub mod portfolio;
pub mod reflection;
pub mod search;
pub mod settings;
pub mod slug;
pub mod stats;
#[cfg(test)]
pub mod strategies;
pub mod suggest;
pub mod text;
pub mod toolkit;

pub use entry::Entry;
pub use kind::{Kind, Visibility};
pub use settings::Settings;

/// Checks the kind-specific fields of an entry (a goal's status and progress log, evidence's
/// links and attachments, …), which the front matter parser keeps as they are.
pub fn check_fields(entry: &Entry) -> Result<(), entry::FieldError> {
    match entry.kind {
        Kind::Goal => goal::Goal::from_entry(entry).map(|_| ()),
        Kind::Evidence => {
            entry::optional_text(entry, "impact")?;
            evidence::links(entry)?;
            evidence::attachments(entry).map(|_| ())
        }
        Kind::Feedback => entry::optional_text(entry, "from").map(|_| ()),
        Kind::Learned => entry::optional_text(entry, "source").map(|_| ()),
        Kind::Network => network::Contact::from_entry(entry).map(|_| ()),
        Kind::Toolkit => {
            entry::optional_text(entry, "url")?;
            toolkit::item_type(entry).map(|_| ())
        }
        Kind::Reflection => Ok(()),
    }
}
