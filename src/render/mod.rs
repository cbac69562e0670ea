//! Turning entries into what people and programs read: tables, JSON and plain text. Knows
//! the model, never the file system or the clock.

pub mod challenge;
pub mod entry;
pub mod goal;
pub mod heatmap;
pub mod json;
pub mod review;
pub mod style;
pub mod table;
