//! Editing text in the user's editor, safely: the text lives in a draft file under
//! `.mpl/drafts/` while the editor runs and until it is saved, so neither a crashed editor
//! nor a crashed `mpl` loses it. Editor order: `MPL_EDITOR`, `editor` in config.toml,
//! `VISUAL`, `EDITOR`.

use crate::error::{Error, IoResultExt, Result};
use crate::store::fs::{read_text_nofollow, write_atomic};
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const NO_EDITOR_HINT: &str = "set MPL_EDITOR, VISUAL or EDITOR (for example `export EDITOR=nano`), or `editor = \"…\"` in mpl's config.toml";

/// The source named for an editor found on `PATH` when none is set.
const FALLBACK: &str = "the fallback";

/// Picks the first editor that is set and not empty; with none, on a terminal (`interactive`),
/// as git does, `editor` (the system's choice on Debian and Ubuntu) or `vi` when one is on
/// `PATH`. Off a terminal nobody could use it, so none is chosen.
pub(crate) fn choose(
    candidates: &[(&'static str, Option<String>)],
    interactive: bool,
) -> Option<EditorCommand> {
    candidates
        .iter()
        .find_map(|(source, command)| {
            command
                .as_ref()
                .filter(|c| !c.trim().is_empty())
                .map(|command| EditorCommand {
                    command: command.clone(),
                    source,
                })
        })
        .or_else(|| {
            if !interactive {
                return None;
            }
            ["editor", "vi"]
                .into_iter()
                .find(|program| on_path(program).is_some())
                .map(|program| EditorCommand {
                    command: program.to_string(),
                    source: FALLBACK,
                })
        })
}

/// The program an editor command runs (its first word), when it cannot be found: a path
/// that is not there, or a name on no folder of `PATH`. `None` when it is there, or when
/// the command is more than a program (shell syntax), which the shell then judges.
fn missing_program(command: &str) -> Option<String> {
    // Windows finds programs by PATHEXT too: `cmd` judges there.
    if cfg!(windows) {
        return None;
    }
    let words = shell_words::split(command).ok()?;
    let program = words.first()?;
    // What the shell would expand or interpret first (`~/bin/ed`, `$HOME/ed`, `A=b ed`).
    if program.contains(['$', '`', '(', '|', '&', ';', '<', '>', '~', '*', '?', '=']) {
        return None;
    }
    let found = if program.contains('/') {
        Path::new(program).is_file()
    } else {
        on_path(program).is_some()
    };
    (!found).then(|| program.clone())
}

/// Where `program` is on `PATH`, if it is.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// The editor to run, and the setting that chose it (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EditorCommand {
    pub command: String,
    pub source: &'static str,
}

/// How an edit ended.
pub(crate) enum Edited {
    /// The text changed; the draft stays until the caller saves and calls [`Draft::discard`].
    Changed(String),
    /// The text is as it was; the draft is gone.
    Unchanged,
}

/// A draft file that outlives crashes.
pub(crate) struct Draft {
    pub path: PathBuf,
}

impl Draft {
    /// The draft called `name` in `dir`.
    pub(crate) fn new(dir: &Path, name: &str) -> Draft {
        Draft {
            path: dir.join(format!("{name}.md")),
        }
    }

    /// The text of a draft left by an earlier run, if any.
    pub(crate) fn existing(&self) -> Option<String> {
        read_text_nofollow(&self.path)
            .ok()
            .filter(|t| !t.trim().is_empty())
    }

    pub(crate) fn save(&self, text: &str) -> Result<()> {
        write_atomic(&self.path, text.as_bytes(), true)
    }

    /// Removes the draft once its text is safely saved elsewhere.
    pub(crate) fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_file(self.base_path());
    }

    /// The text the draft was started from, if there is a draft.
    pub(crate) fn base(&self) -> Option<String> {
        self.existing()?;
        read_text_nofollow(&self.base_path()).ok()
    }

    /// Where the text a draft was started from is kept, to tell whether it is still current.
    fn base_path(&self) -> PathBuf {
        self.path.with_extension("base")
    }

    /// Begins editing `original`, or resumes an earlier draft of it. Returns the text the
    /// editor starts from, and a line to tell the user when a draft was found. A draft started
    /// from an older version of the text is never applied over a newer one: it is moved aside
    /// (and its path told) and the edit starts from `original`.
    fn begin(&self, original: &str) -> Result<(String, Option<String>)> {
        let earlier = self.existing();
        let base = read_text_nofollow(&self.base_path()).ok();
        let (start, note) = match earlier {
            Some(text) if base.as_deref() == Some(original) => (
                text,
                Some(format!(
                    "continuing from the unsaved draft {}",
                    self.path.display()
                )),
            ),
            Some(_) => {
                let aside = self.set_aside()?;
                (
                    original.to_string(),
                    Some(format!(
                        "the text changed after your unsaved draft was started, so the draft is kept at {} and you start from the current text",
                        aside.display()
                    )),
                )
            }
            None => (original.to_string(), None),
        };
        write_atomic(&self.base_path(), original.as_bytes(), true)?;
        Ok((start, note))
    }

    /// Renames the draft to the first free `NAME-old-N.md`.
    fn set_aside(&self) -> Result<PathBuf> {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let aside = (1..)
            .map(|n| self.path.with_file_name(format!("{stem}-old-{n}.md")))
            .find(|p| !p.exists())
            .expect("some name is free");
        std::fs::rename(&self.path, &aside).at("cannot move the draft to", &aside)?;
        Ok(aside)
    }

    /// Opens `original` in `editor` through the draft (continuing an earlier draft of the
    /// same text, see `begin`; `note` tells the user so) and reports what happened.
    pub(crate) fn edit(
        &self,
        editor: Option<&EditorCommand>,
        original: &str,
        note: impl Fn(&str),
    ) -> Result<Edited> {
        // Checked before anything is written: no editor leaves no draft behind.
        let editor = editor.ok_or_else(|| Error::new("no editor is set").hint(NO_EDITOR_HINT))?;
        let EditorCommand { command, source } = editor;
        if let Some(program) = missing_program(command) {
            let which = if program == *command {
                String::new()
            } else {
                format!(": there is no program `{program}`")
            };
            return Err(Error::new(format!(
                "the editor `{command}` (from {source}) was not found{which}; nothing was opened"
            ))
            .hint(NO_EDITOR_HINT));
        }
        if *source == FALLBACK {
            note(&format!(
                "opening `{command}` (no MPL_EDITOR, VISUAL or EDITOR is set; {NO_EDITOR_HINT})"
            ));
        }
        let (start, resumed) = self.begin(original)?;
        if let Some(resumed) = resumed {
            note(&resumed);
        }
        let start = start.as_str();
        self.save(start)?;
        let status = shell(command, &self.path).status().map_err(|err| {
            Error::new(format!(
                "cannot start the editor `{command}` (from {source}): {err}"
            ))
            .hint(format!("your text is kept at {}", self.path.display()))
        })?;
        if !status.success() {
            let what = match status.code() {
                Some(127) => format!("the editor `{command}` (from {source}) was not found"),
                Some(code) => format!("the editor `{command}` exited with status {code}"),
                None => format!("the editor `{command}` was stopped by a signal"),
            };
            let typed = read_text_nofollow(&self.path).is_ok_and(|text| text != start);
            if !typed {
                // Nothing was typed: no draft to keep.
                if start == original {
                    self.discard();
                }
                let err = Error::new(format!("{what}; nothing was saved"));
                return Err(if status.code() == Some(127) {
                    err.hint(NO_EDITOR_HINT)
                } else {
                    err
                });
            }
            return Err(
                Error::new(format!("{what}; nothing was saved")).hint(format!(
                    "your text is kept at {}; run the command again to continue from it",
                    self.path.display()
                )),
            );
        }
        let text = read_text_nofollow(&self.path).map_err(|err| {
            Error::new(format!(
                "cannot read the edited text: {}; nothing was saved",
                err.message()
            ))
            .hint(format!("your text is kept at {}", self.path.display()))
        })?;
        if text.trim().is_empty() {
            self.discard();
            return Err(Error::new(
                "the editor left the text empty; nothing changed",
            ));
        }
        if text == original {
            self.discard();
            return Ok(Edited::Unchanged);
        }
        Ok(Edited::Changed(text))
    }
}

fn shell(editor: &str, path: &Path) -> Command {
    if cfg!(windows) {
        let mut cmd = Command::new("cmd");
        cmd.arg("/C")
            .arg(format!("{editor} \"{}\"", path.display()));
        cmd
    } else {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg("mpl-editor")
            .arg(path);
        cmd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_found_without_running_the_shell() {
        assert_eq!(
            missing_program("no-such-editor-program --wait"),
            Some("no-such-editor-program".into())
        );
        assert_eq!(
            missing_program("/nonexistent/ed"),
            Some("/nonexistent/ed".into())
        );
        assert_eq!(missing_program("sh -c true"), None);
        // What the shell expands is left to the shell.
        assert_eq!(missing_program("~/bin/ed"), None);
        assert_eq!(missing_program("$HOME/ed"), None);
        assert_eq!(missing_program("TERM=xterm vi"), None);
    }

    #[test]
    fn the_first_editor_set_wins() {
        let some = |s: &str| Some(s.to_string());
        let chosen = choose(
            &[
                ("A", None),
                ("B", some("")),
                ("C", some("nano")),
                ("D", some("vi")),
            ],
            true,
        );
        assert_eq!(
            chosen,
            Some(EditorCommand {
                command: "nano".into(),
                source: "C"
            })
        );
        assert_eq!(choose(&[("A", None)], false), None);
    }
}
