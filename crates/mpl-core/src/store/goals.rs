//! Finding and reading goals: `goals/ID.md`, found by exact id or unique prefix, with the
//! closest ids suggested when nothing matches.

use super::{Journal, Problem, frontmatter};
use crate::error::{Error, Result};
use crate::model::entry::FieldError;
use crate::model::goal::Goal;
use crate::model::suggest::{closest, did_you_mean};
use crate::model::{Entry, Kind};
use std::path::{Path, PathBuf};

impl Journal {
    /// The ids of every goal, sorted; a link where `goals/` should be is a problem.
    pub fn goal_ids(&self) -> Result<Vec<String>, Problem> {
        let mut ids = self.md_stems(&self.root.join(Kind::Goal.dir()))?;
        ids.sort();
        Ok(ids)
    }

    /// Finds a goal by id, forgiving capitals, or by a unique prefix of its id.
    pub fn find_goal(&self, id: &str) -> Result<PathBuf> {
        let wanted = id.trim().to_ascii_lowercase();
        let ids = self.goal_ids()?;
        if ids.contains(&wanted) {
            return Ok(self.entry_path(Kind::Goal, &wanted));
        }
        let matches: Vec<&String> = ids
            .iter()
            .filter(|g| !wanted.is_empty() && g.starts_with(&wanted))
            .collect();
        match matches.as_slice() {
            [one] => Ok(self.entry_path(Kind::Goal, one)),
            [] => {
                let mut err = Error::new(format!("there is no goal \"{}\"", id.trim()));
                if let Some(mean) = did_you_mean(&closest(&wanted, ids.iter().map(String::as_str)))
                {
                    err = err.hint(mean);
                }
                if ids.is_empty() {
                    err = err.hint("the journal has no goals yet; `mpl goal add TITLE` sets one");
                } else {
                    err = err.hint("`mpl goal list --all` lists every goal with its id");
                }
                // An id of another kind of entry is a likely slip; say so.
                if let Ok(path) = self.find(&wanted)
                    && let Some(kind) = super::kind_of_path(self.rel(&path))
                {
                    err = err.hint(format!("\"{}\" is a {kind} entry, not a goal", id.trim()));
                }
                Err(err)
            }
            many => Err(Error::new(format!(
                "\"{}\" matches {} goals: {}",
                id.trim(),
                many.len(),
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .hint("type more of the id")),
        }
    }

    /// Reads a goal entry and its goal fields. A field that does not read is a problem at
    /// its line, like a file that does not parse.
    pub fn read_goal(&self, path: &Path) -> Result<(Entry, Goal), Problem> {
        let entry = self.read_entry(path)?;
        let goal = Goal::from_entry(&entry).map_err(|err| self.field_problem(path, &err))?;
        Ok((entry, goal))
    }

    /// A kind-specific field error as a problem at the field's line.
    pub fn field_problem(&self, path: &Path, err: &FieldError) -> Problem {
        let text = self.read_text(path).unwrap_or_default();
        Problem {
            hint: None,
            path: self.rel(path).to_path_buf(),
            line: field_line(&text, &err.key),
            message: err.message.clone(),
        }
    }
}

/// The line of `key = …`, `[key]` or `[[key]]` in an entry's front matter.
pub fn field_line(text: &str, key: &str) -> Option<usize> {
    let parts = frontmatter::split(text).ok()?;
    crate::model::position::key_line(parts.toml, key).map(|line| parts.toml_line + line - 1)
}
