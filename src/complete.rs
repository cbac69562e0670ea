//! Completions that know the journal: goal ids, challenge slugs, contacts, tags and entry
//! ids, offered by the shell as it completes (clap_complete's dynamic completion). The
//! script `mpl completions SHELL` prints asks `mpl` itself, with `COMPLETE=SHELL` set, for
//! the candidates of the word under the cursor.
//!
//! A candidate comes from the journal's files, so only what is safe to put on a command
//! line is offered: ids that pass the id rules, tags that are tags, and descriptions with
//! their control characters made visible. Nothing is ever written, and a journal that does
//! not open gives no candidates, never an error.

use crate::cli::Cli;
use crate::model::Kind;
use crate::model::slug::check_id;
use crate::render::terminal::visible_line;
use crate::store::Journal;
use clap::CommandFactory;
use clap::builder::StyledStr;
use clap_complete::engine::CompletionCandidate;
use std::ffi::OsString;
use std::path::PathBuf;

/// The variable the completion scripts set when they ask `mpl` for candidates.
pub(crate) const VAR: &str = "COMPLETE";

/// Answers the shell when it asks for candidates (and exits); otherwise returns.
pub(crate) fn answer_shell() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .complete();
}

/// The script that makes `shell` ask `mpl` for completions, or None for a shell that
/// has none.
pub(crate) fn registration(shell: &str) -> Option<Vec<u8>> {
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells.completer(shell)?;
    // `mpl` as found on PATH when run by that name; else this program, wherever it is.
    let program = std::env::args_os()
        .next()
        .map(PathBuf::from)
        .filter(|p| p.components().count() == 1)
        .or_else(|| std::env::current_exe().ok())
        .unwrap_or_else(|| PathBuf::from("mpl"));
    let mut script = Vec::new();
    completer
        .write_registration(VAR, "mpl", "mpl", &program.to_string_lossy(), &mut script)
        .ok()?;
    Some(script)
}

/// The journal the command being completed is about: its `--journal`, else where every
/// command looks.
fn journal() -> Option<Journal> {
    let config = crate::config::config_path()
        .and_then(|path| crate::config::load(&path).ok())
        .unwrap_or_default();
    let env = std::env::var_os("MPL_JOURNAL").map(PathBuf::from);
    let (path, _) = crate::config::resolve_journal(journal_flag(), env, &config).ok()?;
    Journal::open(&path).ok()
}

/// `--journal PATH` or `--journal=PATH` among the words being completed.
fn journal_flag() -> Option<PathBuf> {
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|word| word != "--")
        .collect();
    journal_in(&words)
}

fn journal_in(words: &[OsString]) -> Option<PathBuf> {
    let mut found = None;
    for (i, word) in words.iter().enumerate() {
        let text = word.to_string_lossy();
        if text == "--journal" {
            // bash splits `--journal=PATH` at the `=`: `--journal`, `=`, `PATH`.
            let next = match words.get(i + 1) {
                Some(eq) if eq == "=" => words.get(i + 2),
                other => other,
            };
            found = next.map(|p| expand_home(&p.to_string_lossy()));
        } else if let Some(path) = text.strip_prefix("--journal=") {
            found = Some(expand_home(path));
        }
    }
    found
}

/// A path as typed on a command line being completed: the shell has not expanded `~/` yet.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn candidate(value: &str, help: &str) -> CompletionCandidate {
    let help = (!help.is_empty()).then(|| StyledStr::from(visible_line(help).into_owned()));
    CompletionCandidate::new(value).help(help)
}

/// Goal ids, each with its title.
pub(crate) fn goal_ids() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let (goals, _) = journal.all_of(Kind::Goal);
    goals
        .iter()
        .filter(|(entry, _)| check_id(&entry.id).is_ok())
        .map(|(entry, _)| candidate(&entry.id, &entry.title))
        .collect()
}

/// Challenge slugs, built in and the journal's own, each with its title.
pub(crate) fn challenge_slugs() -> Vec<CompletionCandidate> {
    let all = match journal() {
        Some(journal) => journal.challenges().0,
        None => crate::model::challenge::Challenge::builtins(),
    };
    all.iter()
        .filter(|c| check_id(&c.slug).is_ok())
        .map(|c| candidate(&c.slug, &c.title))
        .collect()
}

/// The open intentions of the last 90 days, each with its text.
pub(crate) fn intentions() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    // MPL_NOW, as every command honours it, else the clock.
    let now = std::env::var("MPL_NOW")
        .ok()
        .and_then(|text| chrono::DateTime::parse_from_rfc3339(text.trim()).ok())
        .unwrap_or_else(|| chrono::Local::now().fixed_offset());
    let today = journal.today(now);
    let since = today - chrono::Duration::days(crate::commands::intentions::WINDOW_DAYS);
    let after = crate::commands::intentions::after_days(&journal);
    journal
        .intentions(Some(since), after)
        .0
        .iter()
        .filter(|t| t.state == crate::model::intention::State::Open)
        .map(|t| candidate(&t.intention.id, &t.intention.text))
        .collect()
}

/// The competency ids of the journal's frameworks, each with its name.
pub(crate) fn competencies() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    journal
        .frameworks()
        .0
        .iter()
        .flat_map(|f| f.competencies.iter())
        .map(|c| candidate(&c.id, &c.name))
        .collect()
}

/// Template names, built in and the journal's own, each with its title.
pub(crate) fn templates() -> Vec<CompletionCandidate> {
    let listed: Vec<(String, String)> = match journal() {
        Some(journal) => journal
            .templates()
            .into_iter()
            .filter_map(|l| Some((l.name, l.template.ok()?.title)))
            .collect(),
        None => crate::model::template::BUILT_IN
            .iter()
            .filter_map(|name| {
                Some((
                    name.to_string(),
                    crate::model::template::built_in(name)?.title,
                ))
            })
            .collect(),
    };
    listed
        .iter()
        .filter(|(name, _)| crate::model::template::check_name(name).is_ok())
        .map(|(name, title)| candidate(name, title))
        .collect()
}

/// Contacts by id (a name without spaces, which every command that takes a name accepts),
/// each with the name.
pub(crate) fn contacts() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let (people, _) = journal.all_of(Kind::Network);
    people
        .iter()
        .filter(|(entry, _)| check_id(&entry.id).is_ok())
        .map(|(entry, _)| candidate(&entry.id, &entry.title))
        .collect()
}

/// Every tag in use, the most used first, with how many entries carry it.
pub(crate) fn tags() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let listing = journal.timeline(&crate::store::scan::Query::default());
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for found in &listing.entries {
        for tag in &found.entry.tags {
            if crate::model::entry::normalize_tag(tag).as_deref() == Ok(tag.as_str()) {
                *counts.entry(tag.clone()).or_default() += 1;
            }
        }
    }
    let mut tags: Vec<(String, usize)> = counts.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tags.iter()
        .map(|(tag, n)| {
            let help = format!("{n} entr{}", if *n == 1 { "y" } else { "ies" });
            candidate(tag, &help)
        })
        .collect()
}

/// Every learned entry's id, newest first (for `mpl recall ID`); nothing is read but
/// folder names.
pub(crate) fn learned_ids() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let (mut files, _) = journal.files_of(Kind::Learned);
    files.sort_by(|a, b| b.cmp(a));
    files
        .iter()
        .filter_map(|path| {
            let id = path.file_stem()?.to_str()?;
            check_id(id).ok()?;
            Some(candidate(id, ""))
        })
        .collect()
}

/// Every entry id, newest first, with its kind.
pub(crate) fn entry_ids() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let (files, _) = journal.entry_files();
    let mut ids: Vec<(String, Option<Kind>)> = files
        .iter()
        .filter_map(|path| {
            let id = path.file_stem()?.to_str()?.to_string();
            let kind = crate::store::kind_of_path(journal.rel(path));
            check_id(&id).is_ok().then_some((id, kind))
        })
        .collect();
    ids.sort_by(|a, b| b.0.cmp(&a.0));
    ids.iter()
        .map(|(id, kind)| candidate(id, &kind.map(|k| k.to_string()).unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_flag_is_found_in_either_form() {
        let words = |w: &[&str]| w.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            journal_in(&words(&["--", "mpl", "--journal", "/j", "show", ""])),
            Some(PathBuf::from("/j"))
        );
        assert_eq!(
            journal_in(&words(&["--", "mpl", "--journal=/k", "goal", "show"])),
            Some(PathBuf::from("/k"))
        );
        assert_eq!(journal_in(&words(&["--", "mpl", "show", ""])), None);
        assert_eq!(
            journal_in(&words(&["--", "mpl", "--journal", "=", "/b", "show", ""])),
            Some(PathBuf::from("/b"))
        );
    }
}
