//! What the command line draws on a terminal: colour (`style`), tables, and the terminal
//! views of goals, challenges, the heatmap and one entry. Text from the journal reaches the
//! terminal only through `render::terminal` in the core.

pub(crate) mod challenge;
pub(crate) mod entry;
pub(crate) mod goal;
pub(crate) mod heatmap;
pub(crate) mod profile;
pub(crate) mod progress;
pub(crate) mod style;
pub(crate) mod table;
