//! `mpl`: a thin entry point. Parses the command line, runs it, maps the result to an
//! exit code: 0 success, 1 failure, 2 usage error (clap's), and 0 for a closed pipe.

mod app;
mod cli;
mod commands;
mod config;
mod editor;
mod input;
mod ui;

// The core, under the names the command line's modules use for it.
use mpl_core::{error, git, model, render, store, sync};

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Arguments are checked for control characters before clap sees them, so no usage
    // error can echo one to the terminal either.
    let args = match app::accept_args(std::env::args_os()) {
        Ok(args) => args,
        Err(err) => {
            return report(err, app::stderr_style(ui::style::ColorChoice::Auto));
        }
    };
    let cli = Cli::parse_from(args);
    // Journal files and folders are the owner's alone, git's own files included. (Manual
    // pages and completion scripts are for everyone, so they keep the usual mask.)
    #[cfg(unix)]
    if !matches!(cli.command, Command::Man(_) | Command::Completions(_)) {
        // SAFETY: umask only sets the process's file mode mask; it cannot fail.
        unsafe {
            libc::umask(0o077);
        }
    }
    let err_style = app::stderr_style(cli.color);
    match app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(err, err_style),
    }
}

/// Prints an error once, as `error: …` and `hint: …` lines, and gives its exit code.
fn report(err: error::Error, style: ui::style::Style) -> ExitCode {
    if err.exit_code() == 0 {
        return ExitCode::SUCCESS;
    }
    let mut text = format!("{} {}", style.red(&style.bold("error:")), err.message);
    for hint in &err.hints {
        text.push_str(&format!("\n{} {hint}", style.cyan("hint:")));
    }
    text.push('\n');
    app::write_stderr(&text);
    ExitCode::from(err.exit_code())
}
