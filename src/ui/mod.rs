//! What the command line draws on a terminal: colour (`style`), tables, and the terminal
//! views of goals, challenges, the heatmap and one entry. Text from the journal reaches the
//! terminal only through `render::terminal` in the core.

pub mod challenge;
pub mod entry;
pub mod goal;
pub mod heatmap;
pub mod progress;
pub mod style;
pub mod table;
