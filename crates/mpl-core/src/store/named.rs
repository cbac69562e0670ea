//! Entries found by a person's or a thing's name: network contacts and toolkit items, whose
//! title is a name. Names are matched forgivingly: the id or the name in any case, then a
//! unique prefix of either, then the start of any of the name's words in any script; the
//! closest names are suggested when nothing matches.

use super::{Journal, Problem};
use crate::error::{Error, Result};
use crate::model::slug::words;
use crate::model::suggest::{closest, did_you_mean};
use crate::model::{Entry, Kind};
use std::path::PathBuf;

impl Journal {
    /// Every entry of an undated `kind` that reads, with its file; the rest as problems.
    pub fn all_of(&self, kind: Kind) -> (Vec<(Entry, PathBuf)>, Vec<Problem>) {
        let dir = self.root.join(kind.dir());
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let mut stems = self.md_stems(&dir).unwrap_or_else(|problem| {
            problems.push(problem);
            Vec::new()
        });
        stems.sort();
        for stem in stems {
            let path = dir.join(format!("{stem}.md"));
            match self.read_entry(&path) {
                Ok(entry) => found.push((entry, path)),
                Err(problem) => problems.push(problem),
            }
        }
        (found, problems)
    }

    /// The entry of `kind` named `name`. `what` names the kind in messages ("contact").
    pub fn find_named(&self, kind: Kind, name: &str, what: &str) -> Result<(Entry, PathBuf)> {
        let (all, unread) = self.all_of(kind);
        let wanted = name.trim().to_lowercase();
        let exact: Vec<&(Entry, PathBuf)> = all
            .iter()
            .filter(|(e, _)| e.id == wanted || e.title.to_lowercase() == wanted)
            .collect();
        if let [one] = exact.as_slice() {
            return Ok((*one).clone());
        }
        let mut prefixed: Vec<&(Entry, PathBuf)> = all
            .iter()
            .filter(|(e, _)| {
                !wanted.is_empty()
                    && (e.id.starts_with(&wanted) || e.title.to_lowercase().starts_with(&wanted))
            })
            .collect();
        if prefixed.is_empty() {
            // "mei" finds "Dr. Mei Tanaka 田中", and so do "tanaka" and "田中".
            let query = words(name);
            prefixed = all
                .iter()
                .filter(|(e, _)| !query.is_empty() && starts_words(&words(&e.title), &query))
                .collect();
        }
        match prefixed.as_slice() {
            [one] => Ok((*one).clone()),
            [] => {
                let mut err = Error::new(format!("there is no {what} \"{}\"", name.trim()));
                // Those that could not be read may hold it: say so, not only "no".
                if let Some(first) = unread.first() {
                    err = err.hint(match unread.len() {
                        1 => format!("1 {what} could not be read here: {first}"),
                        n => format!("{n} {what}s could not be read here, such as {first}"),
                    });
                }
                let names = closest(&wanted, all.iter().map(|(e, _)| e.title.as_str()));
                if let Some(mean) = did_you_mean(&names) {
                    err = err.hint(mean);
                }
                Err(err.hint(format!("`mpl {kind} list` lists them")))
            }
            many => Err(Error::new(format!(
                "\"{}\" matches {} {what}s: {}",
                name.trim(),
                many.len(),
                many.iter()
                    .map(|(e, _)| e.title.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .hint("type more of the name")),
        }
    }

    /// An entry of `kind` with this name already, to refuse a duplicate.
    pub fn same_name(&self, kind: Kind, name: &str) -> Option<PathBuf> {
        let wanted = name.trim().to_lowercase();
        let slug = crate::model::slug::slugify(name, "");
        self.all_of(kind)
            .0
            .into_iter()
            .find(|(e, _)| {
                e.title.trim().to_lowercase() == wanted || (!slug.is_empty() && e.id == slug)
            })
            .map(|(_, path)| path)
    }
}

/// Whether the `query` words start, in order, a run of the `name` words.
fn starts_words(name: &[String], query: &[String]) -> bool {
    name.windows(query.len()).any(|run| {
        run.iter()
            .zip(query)
            .all(|(word, q)| word.starts_with(q.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_any_of_its_words_in_any_script() {
        let name = words("Dr. Mei Tanaka 田中");
        for query in ["mei", "Tanaka", "田中", "mei tan", "dr mei"] {
            assert!(starts_words(&name, &words(query)), "{query}");
        }
        for query in ["ei", "tanaka mei", "li"] {
            assert!(!starts_words(&name, &words(query)), "{query}");
        }
    }
}
