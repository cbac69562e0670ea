//! Pure types and rules of a journal: kinds of entry, entries, reflection sections, dates,
//! slugs and journal settings. No I/O and no clock: callers pass `now` and `today` in.

pub mod date;
pub mod entry;
pub mod kind;
pub mod reflection;
pub mod settings;
pub mod slug;

pub use entry::Entry;
pub use kind::{Kind, Visibility};
pub use settings::Settings;
