//! Pure types and rules of a journal: kinds of entry, entries, reflection sections, dates,
//! slugs and journal settings. No I/O and no clock: callers pass `now` and `today` in.

pub mod challenge;
pub mod competency;
pub mod cpd;
pub mod date;
pub mod entry;
pub mod evidence;
pub mod feedback;
pub mod goal;
pub mod intention;
pub mod jrnl;
pub mod key_result;
pub mod kind;
pub mod learned;
pub mod network;
pub mod period;
pub mod portfolio;
pub mod position;
pub mod profile;
pub mod recall;
pub mod reflection;
pub mod search;
pub mod settings;
pub mod slug;
pub mod stats;
#[cfg(test)]
pub(crate) mod strategies;
pub(crate) mod suggest;
pub mod template;
pub mod text;
pub mod toolkit;

pub use entry::{Entry, KindFields};
pub use kind::{Kind, Visibility};
pub use settings::Settings;

/// Front matter fields that hold prose, of every kind: sync keeps both texts of one changed
/// differently on two machines, marked as in the body, so no word is lost.
pub(crate) const PROSE_FIELDS: [&str; 8] = [
    evidence::IMPACT,
    goal::WHY,
    goal::MEASURE,
    goal::ALIGNED_WITH,
    network::WHERE,
    feedback::FROM,
    learned::SOURCE,
    // A `[[progress]]` or `[[interaction]]` item's note.
    "note",
];

/// Checks the kind-specific fields of an entry (a goal's status and progress log, evidence's
/// links and attachments, …), which the front matter parser keeps as they are.
pub fn check_fields(entry: &Entry) -> Result<(), entry::FieldError> {
    cpd::of_entry(entry)?;
    match entry.kind {
        Kind::Goal => goal::Goal::from_entry(entry).map(|_| ()),
        Kind::Evidence => evidence::Evidence::from_entry(entry).map(|_| ()),
        Kind::Feedback => feedback::Feedback::from_entry(entry).map(|_| ()),
        Kind::Learned => learned::Learned::from_entry(entry).map(|_| ()),
        Kind::Network => network::Contact::from_entry(entry).map(|_| ()),
        Kind::Toolkit => toolkit::Toolkit::from_entry(entry).map(|_| ()),
        Kind::Reflection | Kind::Review => Ok(()),
    }
}
