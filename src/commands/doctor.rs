//! `mpl doctor`: check every file of the journal and say exactly where anything is wrong.

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::Settings;
use crate::store::{Journal, Problem, SETTINGS_FILE};
use mpl_core::doctor::{self, Checkup};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Check every file in the journal
///
/// Reads mpl.toml, every entry and every challenge file, and prints one line per problem as
/// `path:line: what is wrong`. Exits 1 if there is any. Changes nothing, but that (as every
/// command does) it first finishes or undoes a change an interrupted mpl left.
#[derive(Debug, clap::Args)]
pub(crate) struct DoctorArgs {
    /// Print {"checked": N, "problems": [{"path", "line", "message"}]}
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &DoctorArgs) -> Result<()> {
    let mut settings = None;
    let journal = match ctx.journal_unrecovered() {
        Ok(journal) => journal,
        Err(err) if ctx.journal_path.join(SETTINGS_FILE).is_file() => {
            // mpl.toml itself is broken: report it like any other file, and check the
            // entries with the default settings (they do not depend on them).
            settings = Some(settings_problem(&ctx.journal_path, &err));
            ctx.keyed(Journal::at(&ctx.journal_path, Settings::new("", "")))
        }
        Err(err) => return Err(err),
    };
    let Checkup {
        checked,
        problems: found,
        recovered,
    } = doctor::check(&journal);
    if let Some(recovered) = recovered {
        ctx.recovered(&recovered);
    }
    let problems: Vec<Problem> = settings.into_iter().chain(found).collect();

    if args.json {
        let list: Vec<_> = problems
            .iter()
            .map(|p| json!({"path": p.path.to_string_lossy().replace('\\', "/"), "line": p.line, "message": p.message}))
            .collect();
        ctx.print_json(&json!({"checked": checked, "problems": list}))?;
    } else {
        let mut out = String::new();
        for problem in &problems {
            out.push_str(&problem.to_string());
            out.push('\n');
        }
        ctx.print(&out)?;
    }
    let files = if checked == 1 { "file" } else { "files" };
    if problems.is_empty() {
        ctx.status(&format!("checked {checked} {files}: all good"));
        Ok(())
    } else {
        let mut err = Error::new(format!(
            "checked {checked} {files}: {} {}",
            problems.len(),
            if problems.len() == 1 {
                "problem"
            } else {
                "problems"
            }
        ));
        // The hints the problems carry (a missing key, a passphrase, a damaged file), each
        // once; a line without one says what to do itself, or is mended by hand.
        let mut hints: Vec<&str> = Vec::new();
        for hint in problems.iter().filter_map(|p| p.hint.as_deref()) {
            if !hints.contains(&hint) {
                hints.push(hint);
            }
        }
        for hint in hints {
            err = err.hint(hint);
        }
        if problems.iter().any(|p| p.hint.is_none()) {
            err = err.hint(
                "each line says what is wrong, and most say how to put it right; mpl never rewrites a file it cannot read",
            );
        }
        Err(err)
    }
}

fn settings_problem(root: &Path, err: &Error) -> Problem {
    // Messages about mpl.toml read "PATH:LINE: what"; keep the line, drop the absolute path.
    let full = root.join(SETTINGS_FILE).display().to_string();
    let rest = err.message.strip_prefix(&full).unwrap_or(&err.message);
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let (line, message) = match rest.split_once(": ") {
        Some((line, message)) if line.parse::<usize>().is_ok() => (line.parse().ok(), message),
        _ => (None, rest.trim_start()),
    };
    Problem {
        hint: None,
        path: PathBuf::from(SETTINGS_FILE),
        line,
        message: message.to_string(),
    }
}
