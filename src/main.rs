//! `mpl`: a thin entry point. Parses the command line, runs it, maps the result to an
//! exit code: 0 success, 1 failure, 2 usage error (clap's), and 0 for a closed pipe.

use clap::Parser;
use mpl::app;
use mpl::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Arguments are checked for control characters before clap sees them, so no usage
    // error can echo one to the terminal either.
    let args = match app::accept_args(std::env::args_os()) {
        Ok(args) => args,
        Err(err) => {
            return report(
                err,
                app::stderr_style(mpl::render::style::ColorChoice::Auto),
            );
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
    // libgit2 built with OpenSSL reads the whole CA bundle as it starts (about 10 ms), even
    // in commands that never open a connection. Only `clone` and `sync` connect; for the
    // others, OpenSSL is pointed at an empty bundle before git2 starts.
    if matches!(cli.command, Command::Clone(_) | Command::Sync(_)) {
        // A remote silent for this long is given up on (`MPL_NETWORK_TIMEOUT`, seconds).
        let seconds = std::env::var("MPL_NETWORK_TIMEOUT")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .filter(|s| *s > 0)
            .unwrap_or(120);
        // SAFETY: no other thread exists yet.
        unsafe { mpl::git::set_network_timeouts(seconds) };
    } else {
        // SAFETY: no other thread exists yet.
        unsafe { mpl::git::skip_certificates() };
    }
    let err_style = app::stderr_style(cli.color);
    match app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(err, err_style),
    }
}

/// Prints an error once, as `error: …` and `hint: …` lines, and gives its exit code.
fn report(err: mpl::error::Error, style: mpl::render::style::Style) -> ExitCode {
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
