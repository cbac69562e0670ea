//! The professional network: people you learn from and with, and when you last talked.
//!
//! A contact is an entry of kind `network` (`network/ID.md`, private by default) whose
//! title is the person's name. Its fields: `where` (how you know them), `topics`, `mentor`,
//! and the interactions log, one `[[interaction]]` table per conversation:
//!
//! ```toml
//! where = "RustConf"
//! topics = ["rust", "compilers"]
//! mentor = true
//!
//! [[interaction]]
//! date = 2026-11-25
//! note = "Talked about borrow checker diagnostics"
//! ```

use super::Entry;
use super::date::{date_value, to_date};
use super::entry::{FieldError, field_error, optional_text};
use chrono::NaiveDate;

pub(crate) const WHERE: &str = "where";
const TOPICS: &str = "topics";
const MENTOR: &str = "mentor";
const INTERACTION: &str = "interaction";

/// One conversation or exchange with a contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    pub date: NaiveDate,
    pub note: String,
    /// Its hours of CPD, when it counts as learning.
    pub cpd: Option<super::cpd::Cpd>,
}

/// The network fields of a contact, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub place: Option<String>,
    pub topics: Vec<String>,
    pub mentor: bool,
    pub interactions: Vec<Interaction>,
}

impl Contact {
    /// Writes these fields into a new contact, leaving out those not set.
    pub fn write_new(&self, entry: &mut Entry) {
        if let Some(place) = self
            .place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            entry.extra.insert(WHERE.into(), place.into());
        }
        if !self.topics.is_empty() {
            entry
                .extra
                .insert(TOPICS.into(), self.topics.clone().into());
        }
        if self.mentor {
            entry.extra.insert(MENTOR.into(), true.into());
        }
        for interaction in &self.interactions {
            add_interaction(entry, interaction);
        }
    }

    pub fn from_entry(entry: &Entry) -> Result<Contact, FieldError> {
        let topics = match entry.extra.get(TOPICS) {
            None => Vec::new(),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|t| {
                    t.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| field_error(TOPICS, "'topics' must be a list of words"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(field_error(
                    TOPICS,
                    "'topics' must be a list such as [\"rust\"]",
                ));
            }
        };
        let mentor = match entry.extra.get(MENTOR) {
            None => false,
            Some(toml::Value::Boolean(b)) => *b,
            Some(_) => return Err(field_error(MENTOR, "'mentor' must be true or false")),
        };
        let interactions = match entry.extra.get(INTERACTION) {
            None => Vec::new(),
            Some(toml::Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let bad =
                        |m: &str| field_error(INTERACTION, format!("interaction {}: {m}", i + 1));
                    let table = item.as_table().ok_or_else(|| bad("must be a table"))?;
                    let date = table
                        .get("date")
                        .and_then(to_date)
                        .ok_or_else(|| bad("needs a date such as date = 2026-11-25"))?;
                    let note = match table.get("note") {
                        None => String::new(),
                        Some(toml::Value::String(s)) => s.clone(),
                        Some(_) => return Err(bad("'note' must be a string")),
                    };
                    let cpd = super::cpd::of_table(table).map_err(|(_, message)| bad(&message))?;
                    Ok(Interaction { date, note, cpd })
                })
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(field_error(
                    INTERACTION,
                    "'interaction' must be a list of [[interaction]] tables",
                ));
            }
        };
        Ok(Contact {
            place: optional_text(entry, WHERE)?,
            topics,
            mentor,
            interactions,
        })
    }

    /// The last day you interacted: the latest interaction, else the day they were added.
    pub fn last_interaction(&self, added: NaiveDate) -> NaiveDate {
        self.interactions
            .iter()
            .map(|i| i.date)
            .max()
            .unwrap_or(added)
    }
}

/// Appends an interaction to a contact's log.
pub fn add_interaction(entry: &mut Entry, interaction: &Interaction) {
    let mut table = toml::Table::new();
    table.insert("date".into(), date_value(interaction.date));
    if !interaction.note.is_empty() {
        table.insert("note".into(), interaction.note.clone().into());
    }
    if let Some(cpd) = &interaction.cpd {
        super::cpd::write(&mut table, cpd);
    }
    let log = entry
        .extra
        .entry(INTERACTION)
        .or_insert_with(|| toml::Value::Array(Vec::new()));
    if let toml::Value::Array(items) = log {
        items.push(toml::Value::Table(table));
    }
}

/// "today", "yesterday", "12 days ago".
pub fn days_ago(date: NaiveDate, today: NaiveDate) -> String {
    match (today - date).num_days() {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n if n < 0 => "in the future".to_string(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::frontmatter;

    #[test]
    fn contacts_read_and_log_interactions() {
        let text = "+++\nkind = \"network\"\ndate = 2026-10-01\ntitle = \"Ada Lovelace\"\nwhere = \"RustConf\"\ntopics = [\"rust\"]\nmentor = true\n+++\n";
        let mut entry = frontmatter::parse(text, "ada-lovelace").unwrap();
        let contact = Contact::from_entry(&entry).unwrap();
        assert!(contact.mentor);
        assert_eq!(
            contact.last_interaction(entry.date),
            NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
        );
        add_interaction(
            &mut entry,
            &Interaction {
                date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                note: "coffee".into(),
                cpd: None,
            },
        );
        let again = frontmatter::parse(&frontmatter::render(&entry), "ada-lovelace").unwrap();
        let contact = Contact::from_entry(&again).unwrap();
        assert_eq!(contact.interactions.len(), 1);
        assert_eq!(
            contact.last_interaction(again.date),
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
        );
        let bad = text.replace("mentor = true", "mentor = \"yes\"");
        assert_eq!(
            Contact::from_entry(&frontmatter::parse(&bad, "x").unwrap())
                .unwrap_err()
                .key,
            "mentor"
        );
    }
}
