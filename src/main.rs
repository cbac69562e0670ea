//! `mpl`: a thin entry point. Parses the command line, runs it, maps the result to an
//! exit code: 0 success, 1 failure, 2 usage error (clap's), 255 a bug in mpl (a panic
//! included, said as one, with the hint to report it), and 0 for a closed pipe.

mod app;
mod cli;
mod commands;
mod complete;
mod config;
mod editor;
mod input;
mod prompt;
mod ui;

// The core, under the names the command line's modules use for it.
use mpl_core::{encryption, error, git, model, render, store, sync};

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Asked by a completion script (`COMPLETE=bash mpl -- …`): the candidates, and done.
    complete::answer_shell();
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
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    }
    let err_style = app::stderr_style(cli.color);
    // A panic is a bug: said once, as one, through the terminal-safe printer. The lock and
    // any transaction under way are left as a kill would leave them, for the next command
    // to recover.
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic");
        let at = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let err = error::Error::internal(format!("internal error: {what}{at}"));
        print_error(&err, err_style);
    }));
    match std::panic::catch_unwind(|| app::run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(err)) => report(err, err_style),
        Err(_) => ExitCode::from(error::ErrorKind::INTERNAL_EXIT),
    }
}

/// Prints an error once and gives its exit code.
fn report(err: error::Error, style: ui::style::Style) -> ExitCode {
    if err.exit_code() == 0 {
        return ExitCode::SUCCESS;
    }
    print_error(&err, style);
    ExitCode::from(err.exit_code())
}

/// `error: …`, a `cause: …` line for each cause the message does not already say, then
/// `hint: …` lines.
fn print_error(err: &error::Error, style: ui::style::Style) {
    let label = match err.kind() {
        error::ErrorKind::Interrupted => style.yellow(&style.bold("stopped:")),
        _ => style.red(&style.bold("error:")),
    };
    let mut text = format!("{label} {}", err.message);
    for cause in err.causes() {
        text.push_str(&format!("\n{} {cause}", style.dim("cause:")));
    }
    for hint in &err.hints {
        text.push_str(&format!("\n{} {hint}", style.cyan("hint:")));
    }
    text.push('\n');
    app::write_stderr(&text);
}
