//! Full-text search over the journal's files, as fast as reading them allows: the files a
//! query could match are picked by name, read on every core, and checked as lowercased raw
//! text first; only files holding every word are parsed and checked field by field.

use super::fs::{MAX_FILE_BYTES, open_regular};
use super::scan::{Found, Query};
use super::{Journal, Problem, frontmatter};
use crate::model::search::{lower, matches_all, searchable};
use std::io::Read;
use std::path::PathBuf;

impl Journal {
    /// The entries holding every one of `words` (lowercased; none: every entry) that match
    /// `query`, newest first, with the files that could not be read. Faster than
    /// [`Journal::list`] when few files match, as only those are parsed.
    pub fn search(&self, words: &[String], query: &Query) -> (Vec<Found>, Vec<Problem>) {
        let mut problems = Vec::new();
        let files = self.candidate_files(query, &mut problems);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8)
            .min(files.len().max(1));
        let chunk = files.len().div_ceil(threads).max(1);
        let results: Vec<(Vec<Found>, Vec<Problem>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| scope.spawn(move || self.search_files(part, words, query)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a search thread does not panic"))
                .collect()
        });
        let mut found = Vec::new();
        for (f, p) in results {
            found.extend(f);
            problems.extend(p);
        }
        found.sort_by(|a, b| {
            (b.entry.date, b.entry.created, &b.entry.id).cmp(&(
                a.entry.date,
                a.entry.created,
                &a.entry.id,
            ))
        });
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        (found, problems)
    }

    fn search_files(
        &self,
        files: &[PathBuf],
        words: &[String],
        query: &Query,
    ) -> (Vec<Found>, Vec<Problem>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        // ASCII words are looked for in the file's bytes, lowercased into a buffer that is
        // reused from file to file; a word with other letters needs Unicode lowercasing.
        let ascii = words.iter().all(|w| w.is_ascii());
        // A file linked to a goal names the goal's id: look for it before parsing too.
        let finders: Vec<memchr::memmem::Finder> = words
            .iter()
            .chain(query.goal.as_ref())
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect();
        let mut raw = Vec::new();
        let mut low = Vec::new();
        for path in files {
            raw.clear();
            // Folders were checked for links as the files were listed; the file itself is
            // opened without following one.
            let read = open_regular(path, false).map_err(|_| ()).and_then(|file| {
                file.take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut raw)
                    .map_err(|_| ())
            });
            if read.is_err() || raw.len() as u64 > MAX_FILE_BYTES {
                // read_entry says why, if the file could have matched.
                if let Err(problem) = self.read_entry(path) {
                    problems.push(problem);
                }
                continue;
            }
            // An encrypted entry is searched as its plain text.
            if raw.starts_with(b"+++")
                && let Ok(text) = std::str::from_utf8(&raw)
                && crate::encryption::is_sealed(text)
            {
                match self.open_sealed(path, text) {
                    Ok(plain) => raw = plain.into_bytes(),
                    Err(err) => {
                        problems.push(err.problem(self.rel(path).to_path_buf()));
                        continue;
                    }
                }
            }
            let holds_all = if ascii {
                low.clear();
                low.extend(raw.iter().map(u8::to_ascii_lowercase));
                finders.iter().all(|f| f.find(&low).is_some())
            } else {
                let text = String::from_utf8_lossy(&raw);
                matches_all(&lower(&text), words)
            };
            if !holds_all {
                continue;
            }
            let entry = std::str::from_utf8(&raw).ok().and_then(|text| {
                let id = path.file_stem()?.to_string_lossy().into_owned();
                frontmatter::parse(text, &id).ok()
            });
            let Some(entry) = entry else {
                if let Err(problem) = self.read_entry(path) {
                    problems.push(problem);
                }
                continue;
            };
            if query.matches(&entry) && matches_all(&lower(&searchable(&entry)), words) {
                found.push(Found {
                    entry,
                    path: path.clone(),
                });
            }
        }
        (found, problems)
    }
}
