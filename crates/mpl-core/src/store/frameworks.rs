//! The journal's competency frameworks: `frameworks/NAME.toml` (see
//! [`crate::model::competency`]).

use super::{Journal, Problem};
use crate::model::competency::{FRAMEWORKS_DIR, Framework};
use std::path::PathBuf;

impl Journal {
    /// Every framework of the journal, by name, and the files that do not read (each a
    /// problem at its line).
    pub fn frameworks(&self) -> (Vec<Framework>, Vec<Problem>) {
        let dir = self.root.join(FRAMEWORKS_DIR);
        let mut problems = Vec::new();
        let mut names: Vec<String> = match self.read_folder(&dir) {
            Ok(found) => found
                .into_iter()
                .filter(|(name, _)| !name.starts_with('.'))
                .filter_map(|(name, _)| name.strip_suffix(".toml").map(str::to_string))
                .collect(),
            Err(problem) => {
                problems.push(problem);
                Vec::new()
            }
        };
        names.sort();
        let mut frameworks = Vec::new();
        for name in names {
            let rel = PathBuf::from(FRAMEWORKS_DIR).join(format!("{name}.toml"));
            let problem = |line: Option<usize>, message: String| Problem {
                hint: None,
                path: rel.clone(),
                line,
                message,
            };
            if crate::model::slug::check_id(&name).is_err() {
                problems.push(problem(
                    None,
                    "a framework's file name is lowercase letters, digits and dashes".into(),
                ));
                continue;
            }
            let parsed = self.read_toml_file(&rel, |table| Framework::from_table(&name, table));
            match parsed {
                Ok(framework) => frameworks.push(framework),
                Err(p) => problems.push(p),
            }
        }
        (frameworks, problems)
    }
}

impl Journal {
    /// The learned entries, evidence and goals that name competencies. Files are picked by
    /// their text holding `competencies` before any is parsed, so a journal of years where
    /// few entries name one is read in one quick pass.
    pub fn with_competencies(&self) -> (Vec<crate::model::Entry>, Vec<Problem>) {
        use crate::model::Kind;
        let query = super::scan::Query {
            kinds: vec![Kind::Learned, Kind::Evidence, Kind::Goal],
            ..super::scan::Query::default()
        };
        let mut problems = Vec::new();
        let files = self.candidate_files(&query, &mut problems);
        let finder = memchr::memmem::Finder::new(crate::model::competency::COMPETENCIES.as_bytes());
        let mut entries = Vec::new();
        for path in files {
            let text = match self.read_text(&path) {
                Ok(text) => text,
                Err(err) => {
                    problems.push(err.problem(self.rel(&path).to_path_buf()));
                    continue;
                }
            };
            if finder.find(text.as_bytes()).is_none() {
                continue;
            }
            match self.parse_entry(&path, &text) {
                Ok(entry) => entries.push(entry),
                Err(problem) => problems.push(problem),
            }
        }
        (entries, problems)
    }
}
