//! Challenge definitions (built in, and custom ones in `challenges/SLUG.toml`) and runs
//! (`challenges/runs/SLUG-YYYY-MM-DD.toml`).

use super::{Journal, Problem, STATE_DIR};
use crate::error::{Error, Result};
use crate::model::challenge::{Challenge, FileError, Run, State};
use crate::model::slug::check_id;
use crate::model::suggest::{closest, did_you_mean};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub const CHALLENGES_DIR: &str = "challenges";
pub(crate) const RUNS_DIR: &str = "runs";

/// Which open tasks were mentioned today, in `.mpl/`: `DAY SLUG SLUG…`.
const MENTIONED: &str = "mentioned";

/// A running challenge's task for today, not checked in yet.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTask {
    pub challenge: String,
    pub day: u32,
    pub title: String,
}

impl Journal {
    /// The running challenges whose task for `today` is not checked in, with that day.
    pub fn open_tasks(&self, today: NaiveDate) -> Vec<(Run, u32)> {
        let (runs, _) = self.runs();
        runs.into_iter()
            .filter(|(r, _)| r.state(today) == State::Running)
            .filter_map(|(r, _)| {
                let day = r.day_of(today)?;
                r.checkin(day).is_none().then_some((r, day))
            })
            .collect()
    }

    /// The open tasks of today not mentioned yet today, which are then recorded as
    /// mentioned (in `.mpl/`, this machine's state): each is said once a day.
    pub fn tasks_to_mention(&self, today: NaiveDate) -> Vec<OpenTask> {
        let open = self.open_tasks(today);
        if open.is_empty() {
            return Vec::new();
        }
        let marker = self.root.join(STATE_DIR).join(MENTIONED);
        let stamp = today.to_string();
        let said = self.read_text(&marker).unwrap_or_default();
        let mut already: Vec<&str> = match said.split_once(' ') {
            Some((day, slugs)) if day == stamp => slugs.split_whitespace().collect(),
            _ => Vec::new(),
        };
        let (all, _) = self.challenges();
        let mut tasks = Vec::new();
        for (run, day) in &open {
            if already.contains(&run.challenge.as_str()) {
                continue;
            }
            let title = all
                .iter()
                .find(|c| c.slug == run.challenge)
                .and_then(|c| c.task(*day))
                .map(|t| t.title.clone())
                .unwrap_or_default();
            tasks.push(OpenTask {
                challenge: run.challenge.clone(),
                day: *day,
                title,
            });
            already.push(&run.challenge);
        }
        if !tasks.is_empty() {
            // What cannot be recorded is said again next time: no harm.
            let _ = self.write_state(
                MENTIONED,
                format!("{stamp} {}\n", already.join(" ")).as_bytes(),
            );
        }
        tasks
    }

    /// The `.toml` files directly in `dir`, sorted; a link where the folder should be is a
    /// problem (a link named `*.toml` is one when it is read).
    pub(crate) fn toml_files(&self, dir: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
        match self.read_folder(dir) {
            Ok(names) => {
                let mut files: Vec<PathBuf> = names
                    .into_iter()
                    .filter(|(name, kind)| {
                        !name.starts_with('.') && name.ends_with(".toml") && !kind.is_dir()
                    })
                    .map(|(name, _)| dir.join(name))
                    .collect();
                files.sort();
                (files, Vec::new())
            }
            Err(problem) => (Vec::new(), vec![problem]),
        }
    }

    fn problem(&self, path: &Path, err: FileError) -> Problem {
        Problem {
            hint: None,
            path: self.rel(path).to_path_buf(),
            line: err.line,
            message: err.message,
        }
    }

    /// Reads one custom challenge definition.
    pub(crate) fn read_challenge(&self, path: &Path) -> Result<Challenge, Problem> {
        let slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(msg) = check_id(&slug) {
            return Err(self.problem(
                path,
                FileError {
                    line: None,
                    message: format!("the file name is not a valid challenge slug: {msg}"),
                },
            ));
        }
        let text = self
            .read_text(path)
            .map_err(|err| err.problem(self.rel(path).to_path_buf()))?;
        Challenge::parse(&text, &slug, false).map_err(|err| self.problem(path, err))
    }

    /// Every challenge: the built-in ones, then the journal's own (one with a built-in's
    /// slug replaces it). Files that do not read are returned as problems.
    pub fn challenges(&self) -> (Vec<Challenge>, Vec<Problem>) {
        let mut all = Challenge::builtins();
        let (files, mut problems) = self.toml_files(&self.root.join(CHALLENGES_DIR));
        for path in files {
            match self.read_challenge(&path) {
                Ok(custom) => match all.iter_mut().find(|c| c.slug == custom.slug) {
                    Some(slot) => *slot = custom,
                    None => all.push(custom),
                },
                Err(problem) => problems.push(problem),
            }
        }
        (all, problems)
    }

    /// The challenge `slug` names; a broken custom file with that name is an error that
    /// names its line.
    pub fn find_challenge(&self, slug: &str) -> Result<Challenge> {
        let wanted = slug.trim().to_ascii_lowercase();
        let custom = self
            .root
            .join(CHALLENGES_DIR)
            .join(format!("{wanted}.toml"));
        if check_id(&wanted).is_ok() && custom.is_file() {
            return self.read_challenge(&custom).map_err(Error::from);
        }
        let (all, _) = self.challenges();
        find_in(&all, &wanted)
    }

    /// Every run, oldest first, with its file.
    pub fn runs(&self) -> (Vec<(Run, PathBuf)>, Vec<Problem>) {
        let mut runs = Vec::new();
        let (files, mut problems) = self.toml_files(&self.runs_dir());
        for path in files {
            let read = self
                .read_text(&path)
                .map_err(|err| err.problem(self.rel(&path).to_path_buf()))
                .and_then(|text| Run::parse(&text).map_err(|err| self.problem(&path, err)));
            match read {
                Ok(run) => runs.push((run, path)),
                Err(problem) => problems.push(problem),
            }
        }
        // By start, then in the order they were made: `SLUG-DATE`, `SLUG-DATE-2`, …
        runs.sort_by_key(|(run, path)| {
            let name = path.file_name().map_or(0, |n| n.len());
            (run.started, name, path.clone())
        });
        (runs, problems)
    }

    pub fn runs_dir(&self) -> PathBuf {
        self.root.join(CHALLENGES_DIR).join(RUNS_DIR)
    }
}

/// The challenge among `all` that `slug` names, exactly or by a unique prefix; else an
/// error with the closest slugs.
pub fn find_in(all: &[Challenge], slug: &str) -> Result<Challenge> {
    let wanted = slug.trim().to_ascii_lowercase();
    if let Some(found) = all.iter().find(|c| c.slug == wanted) {
        return Ok(found.clone());
    }
    let prefixed: Vec<&Challenge> = all
        .iter()
        .filter(|c| !wanted.is_empty() && c.slug.starts_with(&wanted))
        .collect();
    if let [one] = prefixed.as_slice() {
        return Ok((*one).clone());
    }
    let mut err = Error::new(format!("there is no challenge \"{}\"", slug.trim()));
    if let Some(mean) = did_you_mean(&closest(&wanted, all.iter().map(|c| c.slug.as_str()))) {
        err = err.hint(mean);
    }
    Err(err.hint("`mpl challenge list` lists them all"))
}
