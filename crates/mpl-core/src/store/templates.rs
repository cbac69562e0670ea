//! The journal's question sets: `templates/NAME.toml` files, and `[reflect]` in `mpl.toml`
//! (see [`crate::model::template`]). Read when a reflection is written, so that a mistake
//! in them is reported with its line and never stops the day's reflection.

use super::{Journal, Problem, SETTINGS_FILE};
use crate::model::position::path_line;
use crate::model::template::{BUILT_IN, Practice, Template, built_in, check_name};
use std::path::{Path, PathBuf};

/// The folder of the journal's own templates.
pub const TEMPLATES_DIR: &str = "templates";

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    BuiltIn,
    /// `templates/NAME.toml`, relative to the journal.
    File(PathBuf),
}

/// A template as listed: its name, where it is from, and what it is (or what is wrong
/// with it).
#[derive(Debug)]
pub struct Listed {
    pub name: String,
    pub origin: Origin,
    pub template: Result<Template, Problem>,
}

impl Journal {
    /// `[reflect]` of `mpl.toml` as it is on disk now; a mistake is a problem at its line.
    pub fn practice(&self) -> Result<Practice, Problem> {
        let practice = self.read_toml_file(Path::new(SETTINGS_FILE), Practice::from_settings)?;
        // The template it names must be there (a broken one is reported on its own).
        if let Some(name) = &practice.template
            && matches!(self.template(name), Ok(None))
        {
            let names: Vec<String> = self.templates().into_iter().map(|l| l.name).collect();
            let text = self
                .read_text(&self.root.join(SETTINGS_FILE))
                .unwrap_or_default();
            return Err(Problem {
                hint: None,
                path: SETTINGS_FILE.into(),
                line: path_line(&text, &["reflect", "template"], None),
                message: format!(
                    "there is no template called \"{name}\": there are {}",
                    names.join(", ")
                ),
            });
        }
        Ok(practice)
    }

    /// `[reflect]` as `mpl.toml` read when the journal was opened, without reading a file
    /// again: for `nudge` and the counts of plans, which only need `remind` and
    /// `follow_up_after`. A mistake gives the defaults (`doctor` and `reflect` report it).
    pub fn practice_or_default(&self) -> Practice {
        Practice::from_settings(&self.settings.table).unwrap_or_default()
    }

    /// The template called `name`: the journal's `templates/NAME.toml`, else the built-in
    /// one. `Ok(None)` when there is neither.
    pub fn template(&self, name: &str) -> Result<Option<Template>, Problem> {
        let rel = PathBuf::from(TEMPLATES_DIR).join(format!("{name}.toml"));
        check_name(name).map_err(|message| Problem {
            hint: None,
            path: rel.clone(),
            line: None,
            message,
        })?;
        let path = self.root.join(&rel);
        if !path.exists() && std::fs::symlink_metadata(&path).is_err() {
            return Ok(built_in(name));
        }
        self.read_toml_file(&rel, |table| Template::from_table(name, table, true))
            .map(Some)
    }

    /// Every template there is: the built-ins, then the journal's own, by name; a file of
    /// the journal replaces the built-in of its name.
    pub fn templates(&self) -> Vec<Listed> {
        let mut names: Vec<String> = BUILT_IN.iter().map(|s| s.to_string()).collect();
        let mut problems = Vec::new();
        let dir = self.root.join(TEMPLATES_DIR);
        let mut own: Vec<String> = match self.read_folder(&dir) {
            Ok(found) => found
                .into_iter()
                .filter_map(|(name, _)| name.strip_suffix(".toml").map(str::to_string))
                .filter(|name| !name.starts_with('.'))
                .collect(),
            Err(problem) => {
                problems.push(problem);
                Vec::new()
            }
        };
        own.sort();
        for name in &own {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        let mut listed: Vec<Listed> = names
            .into_iter()
            .map(|name| {
                let origin = if own.contains(&name) {
                    Origin::File(PathBuf::from(TEMPLATES_DIR).join(format!("{name}.toml")))
                } else {
                    Origin::BuiltIn
                };
                let template = self
                    .template(&name)
                    .and_then(|t| t.ok_or_else(|| unreachable_missing(&name)));
                Listed {
                    name,
                    origin,
                    template,
                }
            })
            .collect();
        listed.extend(problems.into_iter().map(|problem| Listed {
            name: TEMPLATES_DIR.to_string(),
            origin: Origin::File(TEMPLATES_DIR.into()),
            template: Err(problem),
        }));
        listed
    }
}

fn unreachable_missing(name: &str) -> Problem {
    Problem {
        hint: None,
        path: PathBuf::from(TEMPLATES_DIR).join(format!("{name}.toml")),
        line: None,
        message: "the file went away while it was read".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Journal;

    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("j");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T18:00:00+00:00").unwrap();
        let lock =
            crate::store::lock::acquire(&root.join(crate::store::STATE_DIR).join("lock"), || {})
                .unwrap();
        let journal =
            Journal::create(&root, crate::model::Settings::new("T", "h"), now, &lock).unwrap();
        (dir, journal)
    }

    #[test]
    fn journal_templates_come_first_and_mistakes_have_lines() {
        let (_dir, journal) = journal();
        assert_eq!(
            journal.template("gibbs").unwrap().unwrap().questions.len(),
            6
        );
        assert!(journal.template("nope").unwrap().is_none());
        let dir = journal.root.join("templates");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(
            dir.join("gibbs.toml"),
            "[[questions]]\nheading = \"Only\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("bad.toml"),
            "title = \"Bad\"\n\n[[questions]]\nheading = \"A\"\n\n[[questions]]\nheading = \"B\"\nrole = \"wins\"\n",
        )
        .unwrap();
        std::fs::write(dir.join("broken.toml"), "[[questions]\n").unwrap();
        assert_eq!(
            journal.template("gibbs").unwrap().unwrap().questions.len(),
            1
        );
        let problem = journal.template("bad").unwrap_err();
        assert_eq!(
            problem.to_string().split(": ").next(),
            Some("templates/bad.toml:6")
        );
        assert!(problem.message.contains("unknown role"));
        let problem = journal.template("broken").unwrap_err();
        assert_eq!(problem.line, Some(1));
        assert!(journal.template("../etc").is_err());
        let names: Vec<String> = journal.templates().into_iter().map(|l| l.name).collect();
        assert_eq!(
            names,
            ["daily", "gibbs", "rolfe", "star", "review", "bad", "broken"]
        );
    }

    #[test]
    fn practice_mistakes_have_lines() {
        let (_dir, journal) = journal();
        assert_eq!(journal.practice().unwrap(), Default::default());
        let path = journal.root.join("mpl.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("\n[reflect]\nremind = [\"week\"]\n\n[[reflect.questions]]\nheading = \"A\"\nrole = \"x\"\n");
        std::fs::write(&path, &text).unwrap();
        let problem = journal.practice().unwrap_err();
        let line = text
            .lines()
            .position(|l| l == "[[reflect.questions]]")
            .unwrap()
            + 1;
        assert_eq!(problem.line, Some(line), "{problem}");
    }
}
