//! `mpl`: a thin entry point. Parses the command line, runs it, maps the result to an
//! exit code: 0 success, 1 failure, 2 usage error (clap's), and 0 for a closed pipe.

use clap::Parser;
use mpl::app;
use mpl::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    if !matches!(cli.command, Command::Clone(_) | Command::Sync(_)) {
        // SAFETY: no other thread exists yet.
        unsafe { mpl::git::skip_certificates() };
    }
    let err_style = app::stderr_style(cli.color);
    match app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.exit_code() == 0 => ExitCode::SUCCESS,
        Err(err) => {
            let mut text = format!(
                "{} {}",
                err_style.red(&err_style.bold("error:")),
                err.message
            );
            for hint in &err.hints {
                text.push_str(&format!("\n{} {hint}", err_style.cyan("hint:")));
            }
            eprintln!("{text}");
            ExitCode::from(err.exit_code())
        }
    }
}
