//! Listing entries newest first without reading the whole journal.
//!
//! Dated kinds live in one folder per year and their file names start with the date, so a
//! listing reads folder names first and parses only the files of the days it shows; with a
//! limit of 10 it stops after the tenth entry's day. Undated kinds (goals, network, toolkit)
//! are few and are read whole.

use super::{Journal, Problem, date_of_id};
use crate::model::{Entry, Kind};
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;

/// What to list.
#[derive(Debug, Default, Clone)]
pub struct Query {
    /// Empty means every kind.
    pub kinds: Vec<Kind>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub tag: Option<String>,
    pub goal: Option<String>,
    pub limit: Option<usize>,
}

impl Query {
    fn wants_kind(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    fn wants_date(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| date >= since) && self.until.is_none_or(|until| date <= until)
    }

    pub(crate) fn matches(&self, entry: &Entry) -> bool {
        self.wants_kind(entry.kind)
            && self.wants_date(entry.date)
            && self.tag.as_deref().is_none_or(|tag| entry.has_tag(tag))
            && self
                .goal
                .as_deref()
                .is_none_or(|goal| entry.goals.iter().any(|g| g == goal))
    }
}

/// An entry and the file it came from.
#[derive(Debug, Clone)]
pub struct Found {
    pub entry: Entry,
    pub path: PathBuf,
}

/// The entries found, newest first, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Found>,
    pub problems: Vec<Problem>,
}

struct Candidate {
    date: Option<NaiveDate>,
    path: PathBuf,
}

impl Journal {
    /// Lists the entries matching `query`, newest first (by date, then creation time). An
    /// encrypted entry this machine cannot read is a problem (see [`Journal::timeline`]).
    pub fn list(&self, query: &Query) -> Listing {
        self.listing(query, false)
    }

    /// [`Journal::list`], with the encrypted entries this machine cannot read listed by what
    /// their plain front matter says ([`Entry::is_sealed`]): for a timeline of ids and
    /// dates, never for what an entry says.
    pub fn timeline(&self, query: &Query) -> Listing {
        self.listing(query, true)
    }

    fn listing(&self, query: &Query, sealed: bool) -> Listing {
        let mut listing = Listing::default();
        let limit = query.limit.unwrap_or(usize::MAX);

        // Undated kinds: read them all, they are few.
        let mut undated = Vec::new();
        for kind in Kind::ALL
            .into_iter()
            .filter(|k| !k.is_dated() && query.wants_kind(*k))
        {
            let dir = self.root.join(kind.dir());
            for stem in self.stems(&dir, &mut listing.problems) {
                self.take(
                    sealed,
                    dir.join(format!("{stem}.md")),
                    query,
                    &mut undated,
                    &mut listing,
                );
            }
        }

        // Dated kinds: walk the years, newest first, and the days within each year.
        let dated_kinds: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| k.is_dated() && query.wants_kind(*k))
            .collect();
        let mut years: Vec<i32> = dated_kinds
            .iter()
            .flat_map(|kind| self.year_dirs(&self.root.join(kind.dir()), &mut listing.problems))
            .collect::<Vec<_>>()
            .into_iter()
            .filter(|year| {
                query.since.is_none_or(|s| *year >= s.year())
                    && query.until.is_none_or(|u| *year <= u.year())
            })
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();

        let mut dated: Vec<Found> = Vec::new();
        let mut loose: Vec<Found> = Vec::new();
        'years: for year in years {
            let mut candidates: Vec<Candidate> = Vec::new();
            for kind in &dated_kinds {
                let dir = self.root.join(kind.dir()).join(format!("{year:04}"));
                for stem in self.stems(&dir, &mut listing.problems) {
                    let date = date_of_id(&stem);
                    if date.is_some_and(|d| !query.wants_date(d)) {
                        continue;
                    }
                    candidates.push(Candidate {
                        date,
                        path: dir.join(format!("{stem}.md")),
                    });
                }
            }
            // A file whose name holds no date is read whatever its day (doctor flags it).
            let (mut named, unnamed): (Vec<_>, Vec<_>) =
                candidates.into_iter().partition(|c| c.date.is_some());
            for candidate in unnamed {
                self.take(sealed, candidate.path, query, &mut loose, &mut listing);
            }
            named.sort_by_key(|c| std::cmp::Reverse(c.date));
            let mut i = 0;
            while i < named.len() {
                // Finish the whole day, so entries of one day are ordered by time.
                let day = named[i].date;
                while i < named.len() && named[i].date == day {
                    self.take(
                        sealed,
                        named[i].path.clone(),
                        query,
                        &mut dated,
                        &mut listing,
                    );
                    i += 1;
                }
                if dated.len() >= limit {
                    break 'years;
                }
            }
        }

        dated.extend(undated);
        dated.extend(loose);
        dated.sort_by(|a, b| {
            (b.entry.date, b.entry.created, &b.entry.id).cmp(&(
                a.entry.date,
                a.entry.created,
                &a.entry.id,
            ))
        });
        dated.truncate(limit);
        listing.entries = dated;
        listing
    }

    fn take(
        &self,
        sealed: bool,
        path: PathBuf,
        query: &Query,
        into: &mut Vec<Found>,
        listing: &mut Listing,
    ) {
        let read = match self.read_text(&path) {
            // An encrypted entry this machine cannot read is listed by what the layout says.
            Err(err) if sealed && err.is_locked() => self.sealed_entry(&path).ok_or_else(|| {
                let rel = self.rel(&path).to_path_buf();
                err.problem(rel)
            }),
            Err(err) => Err(err.problem(self.rel(&path).to_path_buf())),
            Ok(text) => self.parse_entry(&path, &text),
        };
        match read {
            Ok(entry) if query.matches(&entry) => into.push(Found { entry, path }),
            Ok(_) => {}
            Err(problem) => listing.problems.push(problem),
        }
    }

    /// Every `.md` file under the entry folders, for `doctor`, and the links found there
    /// (never followed) as problems.
    pub fn entry_files(&self) -> (Vec<PathBuf>, Vec<Problem>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for kind in Kind::ALL {
            let (mut found, links) = self.files_of(kind);
            files.append(&mut found);
            problems.extend(links);
        }
        files.sort();
        (files, problems)
    }

    /// Every `.md` file under the folder of `kind`, and the links found there as problems.
    pub fn files_of(&self, kind: Kind) -> (Vec<PathBuf>, Vec<Problem>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        self.collect_md(&self.root.join(kind.dir()), &mut files, &mut problems);
        (files, problems)
    }

    /// The stems of the `.md` files in `dir`; a link where it should be goes to `problems`.
    fn stems(&self, dir: &std::path::Path, problems: &mut Vec<Problem>) -> Vec<String> {
        self.md_stems(dir).unwrap_or_else(|problem| {
            problems.push(problem);
            Vec::new()
        })
    }

    /// The four-digit year folders in `dir`; a link named like one goes to `problems`.
    fn year_dirs(&self, dir: &std::path::Path, problems: &mut Vec<Problem>) -> Vec<i32> {
        let names = self.read_folder(dir).unwrap_or_else(|problem| {
            problems.push(problem);
            Vec::new()
        });
        names
            .into_iter()
            .filter(|(name, _)| name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|(name, kind)| {
                if kind.is_symlink() {
                    problems.push(self.link_problem(&dir.join(&name)));
                }
                kind.is_dir().then(|| name.parse().ok()).flatten()
            })
            .collect()
    }

    fn collect_md(
        &self,
        dir: &std::path::Path,
        out: &mut Vec<PathBuf>,
        problems: &mut Vec<Problem>,
    ) {
        let names = self.read_folder(dir).unwrap_or_else(|problem| {
            problems.push(problem);
            Vec::new()
        });
        for (name, kind) in names {
            if name.starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            if kind.is_symlink() {
                problems.push(self.link_problem(&path));
            } else if kind.is_dir() {
                self.collect_md(&path, out, problems);
            } else if name.ends_with(".md") {
                // Anything else named *.md is an entry to check: a pipe is reported, not
                // skipped.
                out.push(path);
            }
        }
    }

    /// The problem of a symbolic link at `path` inside the journal.
    pub(crate) fn link_problem(&self, path: &std::path::Path) -> Problem {
        Problem {
            hint: None,
            path: self.rel(path).to_path_buf(),
            line: None,
            message: super::fs::a_link(&std::fs::read_link(path).unwrap_or_default()),
        }
    }
}

impl Journal {
    /// The entry files a query could match, judged by folder and file name alone (kind,
    /// year, day); nothing is read. Links where folders should be go to `problems`.
    pub(crate) fn candidate_files(
        &self,
        query: &Query,
        problems: &mut Vec<Problem>,
    ) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for kind in Kind::ALL.into_iter().filter(|k| query.wants_kind(*k)) {
            let dir = self.root.join(kind.dir());
            if !kind.is_dated() {
                files.extend(
                    self.stems(&dir, problems)
                        .into_iter()
                        .map(|s| dir.join(format!("{s}.md"))),
                );
                continue;
            }
            for year in self.year_dirs(&dir, problems) {
                if query.since.is_some_and(|s| year < s.year())
                    || query.until.is_some_and(|u| year > u.year())
                {
                    continue;
                }
                let year_dir = dir.join(format!("{year:04}"));
                for stem in self.stems(&year_dir, problems) {
                    if date_of_id(&stem).is_some_and(|d| !query.wants_date(d)) {
                        continue;
                    }
                    files.push(year_dir.join(format!("{stem}.md")));
                }
            }
        }
        files
    }
}

impl Journal {
    /// The day of every entry of a dated `kind`, from file names alone (one per file).
    pub fn dates_of(&self, kind: Kind) -> Vec<NaiveDate> {
        let dir = self.root.join(kind.dir());
        let mut dates = Vec::new();
        let mut problems = Vec::new();
        for year in self.year_dirs(&dir, &mut problems) {
            dates.extend(
                self.stems(&dir.join(format!("{year:04}")), &mut problems)
                    .iter()
                    .filter_map(|stem| date_of_id(stem)),
            );
        }
        dates.sort_unstable();
        dates
    }
}
