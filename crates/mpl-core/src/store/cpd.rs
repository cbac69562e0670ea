//! CPD from the journal: the scheme in `cpd.toml`, and the records of a span of days from
//! the entries and conversations that carry hours.

use super::scan::Query;
use super::{Journal, Problem};
use crate::model::cpd::{Record, SCHEME_FILE, Scheme, of_entry};
use crate::model::network::Contact;
use crate::model::{Kind, KindFields};
use chrono::NaiveDate;

impl Journal {
    /// The journal's CPD scheme, `None` when it has no `cpd.toml`; a mistake is a problem
    /// at its line.
    pub fn cpd_scheme(&self) -> Result<Option<Scheme>, Problem> {
        let path = self.root.join(SCHEME_FILE);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        self.read_toml_file(std::path::Path::new(SCHEME_FILE), Scheme::from_table)
            .map(Some)
    }

    /// Every record of CPD from `first` to `last`, oldest first: learned entries, evidence
    /// and feedback with `hours`, and conversations in the network with hours. Files that
    /// cannot be read, and fields with mistakes, are problems.
    pub fn cpd_records(&self, first: NaiveDate, last: NaiveDate) -> (Vec<Record>, Vec<Problem>) {
        let listing = self.list(&Query {
            kinds: vec![Kind::Learned, Kind::Evidence, Kind::Feedback],
            since: Some(first),
            until: Some(last),
            ..Query::default()
        });
        let mut problems = listing.problems;
        let mut records = Vec::new();
        for found in listing.entries.iter().rev() {
            let entry = &found.entry;
            match of_entry(entry) {
                Ok(Some(cpd)) => records.push(Record {
                    date: entry.date,
                    kind: entry.kind.as_str().to_string(),
                    source: entry.id.clone(),
                    title: entry.title.clone(),
                    hours: cpd.hours,
                    category: cpd.category,
                    // Evidence says its impact first: it is what the work came to.
                    reflection: match crate::model::evidence::Evidence::of(entry).impact {
                        Some(impact) if entry.kind == Kind::Evidence => {
                            format!("Impact: {impact}\n\n{}", entry.body.trim())
                                .trim()
                                .to_string()
                        }
                        _ => entry.body.trim().to_string(),
                    },
                    private: entry.visibility == crate::model::Visibility::Private,
                }),
                Ok(None) => {}
                Err(err) => problems.push(self.field_problem(&found.path, &err)),
            }
        }
        let (people, people_problems) = self.all_of(Kind::Network);
        problems.extend(people_problems);
        for (entry, path) in &people {
            match Contact::from_entry(entry) {
                Ok(contact) => {
                    for talk in contact.interactions {
                        if let Some(cpd) = talk.cpd
                            && talk.date >= first
                            && talk.date <= last
                        {
                            records.push(Record {
                                date: talk.date,
                                kind: "network".into(),
                                source: entry.id.clone(),
                                title: format!("Conversation with {}", entry.title),
                                hours: cpd.hours,
                                category: cpd.category,
                                reflection: talk.note,
                                private: entry.visibility == crate::model::Visibility::Private,
                            });
                        }
                    }
                }
                Err(err) => problems.push(self.field_problem(path, &err)),
            }
        }
        let (runs, run_problems) = self.runs();
        problems.extend(run_problems);
        for (run, path) in &runs {
            let source = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            for checkin in &run.checkins {
                let date = run.date_of(checkin.day);
                if let Some(cpd) = &checkin.cpd
                    && date >= first
                    && date <= last
                {
                    records.push(Record {
                        date,
                        kind: "challenge".into(),
                        source: source.clone(),
                        title: format!("{}, day {}", run.title, checkin.day),
                        hours: cpd.hours,
                        category: cpd.category.clone(),
                        reflection: checkin.note.clone(),
                        private: false,
                    });
                }
            }
        }
        records.sort_by_key(|r| r.date);
        (records, problems)
    }
}
