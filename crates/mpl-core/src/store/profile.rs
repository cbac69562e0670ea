//! The profile in `mpl.toml`: read when asked for, changed in place (comments and layout
//! kept, through the transaction like every write), and checked before it is written.

use super::{Journal, Lock, Problem, SETTINGS_FILE};
use crate::error::{Error, Result};
use crate::model::position::path_line;
use crate::model::profile::{PRIVATE_FIELDS, Profile, ProfileError, TEXT_FIELDS};
use crate::model::settings::Settings;
use chrono::{DateTime, FixedOffset};

use toml_edit::{DocumentMut, Item, Table, value};

/// One change to the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileEdit {
    Name(String),
    Headline(String),
    /// One of [`TEXT_FIELDS`]; empty removes it.
    Text {
        field: String,
        value: String,
    },
    /// A link by its label: set (added, or its address changed), or removed with `None`.
    Link {
        label: String,
        url: Option<String>,
    },
    /// Keeps a field out of exports (or lets it out again).
    Private {
        field: String,
        private: bool,
    },
    /// Adds a `[[profile.work]]` or `[[profile.education]]` table, last, with these keys.
    AddTable {
        key: String,
        fields: Vec<(String, String)>,
    },
    /// Removes the `index`th (from 0) `[[profile.work]]` or `[[profile.education]]` table.
    RemoveTable {
        key: String,
        index: usize,
    },
}

/// This machine's note that the name and headline were asked for once (`.mpl/`).
const ASKED: &str = "profile-asked";

impl Journal {
    /// Whether a missing name or headline was asked for on this machine already: it is
    /// asked once, then only said.
    pub fn profile_asked(&self) -> bool {
        self.root.join(super::STATE_DIR).join(ASKED).is_file()
    }

    /// Notes that the name and headline were asked for.
    pub fn mark_profile_asked(&self) {
        // What cannot be noted is asked again next time: no harm.
        let _ = self.write_state(ASKED, b"asked\n");
    }

    /// The profile as `mpl.toml` holds it now; a mistake is a problem naming its line.
    pub fn profile(&self) -> Result<Profile, Problem> {
        let path = self.root.join(SETTINGS_FILE);
        let text = self
            .read_text(&path)
            .map_err(|err| err.problem(SETTINGS_FILE.into()))?;
        read_profile(&text)
    }

    /// Applies `edits` to the profile in one commit; `Ok(false)` when nothing changed.
    pub fn edit_profile(
        &self,
        lock: &Lock,
        edits: &[ProfileEdit],
        now: DateTime<FixedOffset>,
    ) -> Result<bool> {
        let path = self.root.join(SETTINGS_FILE);
        let was = self
            .read_text(&path)
            .map_err(|err| Error::from(err.problem(SETTINGS_FILE.into())))?;
        // A profile that does not read now is fixed by hand first, never rewritten.
        read_profile(&was).map_err(Error::from)?;
        let text = edited(&was, edits).map_err(Error::usage)?;
        if text == was {
            return Ok(false);
        }
        // What is written must read back, as settings and as a profile.
        let table = crate::store::fs::parse_toml(&text).map_err(|err| {
            Error::internal(format!("an edited mpl.toml does not read: {}", err.message))
        })?;
        Settings::from_table(table).map_err(|err| {
            Error::internal(format!("an edited mpl.toml does not read: {}", err.message))
        })?;
        read_profile(&text).map_err(|problem| Error::usage(problem.message))?;
        let mut tx = self.transaction(lock);
        tx.update(&path, text.into_bytes(), &was);
        tx.finish("profile: update", now)?;
        Ok(true)
    }
}

/// The profile in the text of `mpl.toml`.
fn read_profile(text: &str) -> Result<Profile, Problem> {
    let problem = |line: Option<usize>, message: String| Problem {
        hint: None,
        path: SETTINGS_FILE.into(),
        line,
        message,
    };
    let table = crate::store::fs::parse_toml(text).map_err(|err| problem(err.line, err.message))?;
    Profile::from_settings(&table).map_err(|ProfileError { path, nth, message }| {
        let keys: Vec<&str> = path.iter().map(String::as_str).collect();
        problem(path_line(text, &keys, nth), message)
    })
}

/// `text` with `edits` made, keeping every comment and the layout of what is not changed.
fn edited(text: &str, edits: &[ProfileEdit]) -> std::result::Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|err: toml_edit::TomlError| err.message().to_string())?;
    for edit in edits {
        match edit {
            ProfileEdit::Name(name) => doc["name"] = value(name.trim()),
            ProfileEdit::Headline(headline) => doc["headline"] = value(headline.trim()),
            ProfileEdit::Text { field, value: text } => {
                if !TEXT_FIELDS.contains(&field.as_str()) {
                    return Err(format!("the profile has no field '{field}'"));
                }
                let section = profile_table(&mut doc)?;
                if text.trim().is_empty() {
                    section.remove(field);
                } else {
                    section[field.as_str()] = value(text.trim());
                }
            }
            ProfileEdit::Link { label, url } => {
                let section = profile_table(&mut doc)?;
                let links = section
                    .entry("links")
                    .or_insert(Item::ArrayOfTables(Default::default()))
                    .as_array_of_tables_mut()
                    .ok_or("'links' in [profile] is not a list of [[profile.links]] tables")?;
                let same = |t: &Table| {
                    t.get("label")
                        .and_then(|l| l.as_str())
                        .is_some_and(|l| l.trim().eq_ignore_ascii_case(label.trim()))
                };
                let at = links.iter().position(same);
                match (at, url) {
                    (Some(i), Some(url)) => {
                        links.get_mut(i).expect("found above")["url"] = value(url.trim())
                    }
                    (None, Some(url)) => {
                        let mut link = Table::new();
                        link["label"] = value(label.trim());
                        link["url"] = value(url.trim());
                        links.push(link);
                    }
                    (Some(i), None) => {
                        links.remove(i);
                    }
                    (None, None) => {
                        return Err(format!("the profile has no link labelled \"{label}\""));
                    }
                }
                if links.is_empty() {
                    section.remove("links");
                }
            }
            ProfileEdit::AddTable { key, fields } => {
                let section = profile_table(&mut doc)?;
                let tables = section
                    .entry(key)
                    .or_insert(Item::ArrayOfTables(Default::default()))
                    .as_array_of_tables_mut()
                    .ok_or_else(|| {
                        format!("'{key}' in [profile] is not a list of [[profile.{key}]] tables")
                    })?;
                let mut table = Table::new();
                for (name, text) in fields.iter().filter(|(_, text)| !text.trim().is_empty()) {
                    table[name.as_str()] = value(text.trim());
                }
                tables.push(table);
            }
            ProfileEdit::RemoveTable { key, index } => {
                let section = profile_table(&mut doc)?;
                let count = section
                    .get(key)
                    .and_then(Item::as_array_of_tables)
                    .map_or(0, |tables| tables.len());
                if *index >= count {
                    return Err(format!(
                        "the profile has {count} {key} entr{}; there is no number {}",
                        if count == 1 { "y" } else { "ies" },
                        index + 1
                    ));
                }
                let tables = section
                    .get_mut(key)
                    .and_then(Item::as_array_of_tables_mut)
                    .expect("counted above");
                tables.remove(*index);
                if tables.is_empty() {
                    section.remove(key);
                }
            }
            ProfileEdit::Private { field, private } => {
                if !PRIVATE_FIELDS.contains(&field.as_str()) {
                    return Err(format!(
                        "'{field}' is not a field of the profile: use {}",
                        PRIVATE_FIELDS.join(", ")
                    ));
                }
                let section = profile_table(&mut doc)?;
                let list = section
                    .entry("private")
                    .or_insert(value(toml_edit::Array::new()))
                    .as_array_mut()
                    .ok_or("'private' in [profile] is not a list")?;
                let at = list.iter().position(|v| v.as_str() == Some(field.as_str()));
                match (at, private) {
                    (None, true) => list.push(field.as_str()),
                    (Some(i), false) => {
                        list.remove(i);
                    }
                    _ => {}
                }
                if list.is_empty() {
                    section.remove("private");
                }
            }
        }
    }
    Ok(doc.to_string())
}

/// The `[profile]` table, made when there is none.
fn profile_table(doc: &mut DocumentMut) -> std::result::Result<&mut Table, String> {
    doc.entry("profile")
        .or_insert_with(|| {
            // A header only once it holds keys of its own, not for its [[…]] lists alone.
            let mut table = Table::new();
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_mut()
        .ok_or_else(|| "'profile' in mpl.toml is not a [profile] table".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_comments_and_layout() {
        let text = "# my journal\nformat = 1\nname = \"Ada\" # me\nheadline = \"\"\nworkdays = [\"mon\"]\n";
        let out = edited(
            text,
            &[
                ProfileEdit::Headline("Backend engineer".into()),
                ProfileEdit::Text {
                    field: "email".into(),
                    value: "ada@example.com".into(),
                },
                ProfileEdit::Link {
                    label: "Mastodon".into(),
                    url: Some("https://hachyderm.io/@ada".into()),
                },
                ProfileEdit::Private {
                    field: "email".into(),
                    private: true,
                },
            ],
        )
        .unwrap();
        assert!(
            out.starts_with("# my journal\nformat = 1\nname = \"Ada\" # me\n"),
            "{out}"
        );
        let profile = read_profile(&out).unwrap();
        assert_eq!(profile.headline, "Backend engineer");
        assert_eq!(profile.email, "ada@example.com");
        assert_eq!(profile.links[0].label, "Mastodon");
        assert!(profile.is_private("email"));
        // Changed again: a link by its label in any case, a field emptied, made public.
        let again = edited(
            &out,
            &[
                ProfileEdit::Link {
                    label: "mastodon".into(),
                    url: Some("https://example.social/@ada".into()),
                },
                ProfileEdit::Text {
                    field: "email".into(),
                    value: " ".into(),
                },
                ProfileEdit::Private {
                    field: "email".into(),
                    private: false,
                },
            ],
        )
        .unwrap();
        let profile = read_profile(&again).unwrap();
        assert_eq!(profile.links.len(), 1);
        assert_eq!(profile.links[0].url, "https://example.social/@ada");
        assert!(profile.email.is_empty() && profile.private.is_empty());
        let removed = edited(
            &again,
            &[ProfileEdit::Link {
                label: "Mastodon".into(),
                url: None,
            }],
        )
        .unwrap();
        assert!(!removed.contains("links"), "{removed}");
        assert!(
            edited(
                &removed,
                &[ProfileEdit::Private {
                    field: "password".into(),
                    private: true
                }]
            )
            .is_err()
        );
    }

    #[test]
    fn a_mistake_names_its_line() {
        let text = "name = \"A\"\n\n[profile]\nlocation = \"x\"\nemail = \"nope\"\n";
        let problem = read_profile(text).unwrap_err();
        assert_eq!(problem.line, Some(5), "{}", problem.message);
        assert!(
            problem.message.contains("email address"),
            "{}",
            problem.message
        );
    }
}
