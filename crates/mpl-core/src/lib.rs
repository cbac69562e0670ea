//! The journal behind `mpl`, with no terminal: `model` (pure types and rules), `store` (the
//! journal on disk, changed only through its crash-safe transactions), `git` (history, and
//! transfers through the user's `git`), `sync` (one journal on several machines: the sync
//! flow and the merge that never loses an entry) and `render` (what people and programs
//! read: the portfolio, digests, JSON, and text made safe for a terminal), and `site` (the
//! exported portfolio written beside its place and swapped in whole), and `encryption` (private
//! entries encrypted with age, read with this machine's identity).
//!
//! The command line (`mpl`) draws tables, colours, prompts and progress bars; this crate
//! has none of those dependencies, and reports progress through [`progress::Progress`].
//! Nor does it print: what it has to say comes back as values and errors.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod doctor;
pub mod encryption;
pub mod error;
pub mod git;
pub mod model;
pub mod progress;
pub mod render;
pub mod sign;
pub mod site;
pub mod store;
pub mod sync;
