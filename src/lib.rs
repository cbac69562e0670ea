//! mpl: a local-first learning journal. The binary is a thin shell over this library:
//! `model` (pure types and rules), `store` (the journal on disk), `git` (history),
//! `render` (tables, JSON, text), `sync` (one journal on several machines: the sync flow
//! and the merge that never loses an entry), `commands` (one module per subcommand) and
//! `app` (the context every command runs in).

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod editor;
pub mod error;
pub mod git;
pub mod input;
pub mod model;
pub mod render;
pub mod store;
pub mod sync;
