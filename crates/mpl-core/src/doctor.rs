//! `doctor`'s checks: every file of the journal read as mpl reads it, every problem named
//! with its file and line and what to do. Nothing is changed (but that, as before any
//! command, what a killed mpl left is first finished or undone).

use crate::git::Repo;
use crate::model::challenge::Run;
use crate::model::slug::check_id;
use crate::model::{Kind, check_fields, evidence};
use crate::render::terminal::shell_path;
use crate::store::challenges::CHALLENGES_DIR;
use crate::store::goals::field_line;
use crate::store::{
    Journal, Problem, RECALL_FILE, Recovered, STATE_DIR, conflict_line, date_of_id, frontmatter,
    fs, kind_of_path,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a check of the whole journal found.
#[derive(Debug, Default)]
pub struct Checkup {
    /// How many files were read (`mpl.toml` included).
    pub checked: usize,
    pub problems: Vec<Problem>,
    /// What a killed mpl left, finished or undone before the check.
    pub recovered: Option<Recovered>,
}

/// Checks every file of `journal`: `mpl.toml` was read already (counted here), then git's
/// state, every entry, every challenge file, the whole tree (links, leftovers, files no
/// entry names, sync's markers) and locks left in a remote folder.
pub fn check(journal: &Journal) -> Checkup {
    let mut up = Checkup {
        checked: 1,
        ..Checkup::default()
    };
    let problems = &mut up.problems;
    // The profile is read only when it is needed, so a mistake in it shows here first.
    if let Err(problem) = journal.profile() {
        problems.push(problem);
    }
    // So are the competency frameworks.
    let (frameworks, framework_problems) = journal.frameworks();
    up.checked += frameworks.len() + framework_problems.len();
    problems.extend(framework_problems);
    // So is the CPD scheme.
    let scheme = journal.cpd_scheme().unwrap_or_else(|problem| {
        problems.push(problem);
        None
    });
    if journal.root.join(crate::model::cpd::SCHEME_FILE).exists() {
        up.checked += 1;
    }
    // What entries may name: the scheme's categories, the frameworks' competencies.
    let known = Known {
        scheme,
        competencies: frameworks
            .iter()
            .flat_map(|f| f.competencies.iter().map(|c| c.id.clone()))
            .collect(),
    };
    // So are the reflection's own questions, and the templates.
    if let Err(problem) = journal.practice() {
        problems.push(problem);
    }
    for listed in journal.templates() {
        if let crate::store::templates::Origin::File(_) = listed.origin {
            up.checked += 1;
            if let Err(problem) = listed.template {
                problems.push(problem);
            }
        }
    }
    // What a killed run left is finished or undone first, as any command does; what
    // cannot be is a problem.
    match journal.recover_if_idle() {
        Ok(recovered) => up.recovered = recovered,
        Err(err) => problems.push(Problem {
            hint: None,
            path: PathBuf::from(STATE_DIR).join("tx.toml"),
            line: None,
            message: err.to_string().replace('\n', "; "),
        }),
    }
    match Repo::open(&journal.root) {
        Ok(_) => check_git_locks(journal, problems),
        Err(err) => problems.push(Problem {
            hint: None,
            path: PathBuf::from(".git"),
            line: None,
            message: err.message,
        }),
    }
    let (entry_files, links) = journal.entry_files();
    problems.extend(links);
    let mut named = HashSet::new();
    for path in entry_files {
        up.checked += 1;
        check_entry(journal, &path, &known, &mut named, problems);
    }
    for dir in [journal.root.join(CHALLENGES_DIR), journal.runs_dir()] {
        let (files, links) = journal.toml_files(&dir);
        problems.extend(links);
        for path in files {
            up.checked += 1;
            check_toml(journal, &path, &known, problems);
        }
    }
    check_recall(journal, &mut up);
    let problems = &mut up.problems;
    // Which attachments no entry names is known only when every evidence entry read.
    let evidence_read = !problems
        .iter()
        .any(|p| p.path.starts_with(Kind::Evidence.dir()));
    check_tree(journal, evidence_read.then_some(&named), problems);
    check_remote_locks(journal, problems);
    collapse_locked(problems);
    up
}

/// Encrypted entries this machine cannot read all say so for one reason: said once, with
/// how many there are, not once per entry.
fn collapse_locked(problems: &mut Vec<Problem>) {
    let locked =
        |p: &Problem| p.message.starts_with(crate::store::LOCKED) && !p.message.contains("damaged");
    let count = problems.iter().filter(|p| locked(p)).count();
    if count < 2 {
        return;
    }
    let mut first = None;
    problems.retain(|p| {
        if !locked(p) {
            return true;
        }
        first.get_or_insert_with(|| p.clone());
        false
    });
    if let Some(mut first) = first {
        let more = if count == 2 { "entry" } else { "entries" };
        first.message = format!(
            "{} (and {} more encrypted {more})",
            first.message,
            count - 1
        );
        problems.push(first);
    }
}

/// What the journal's files say entries may name.
struct Known {
    scheme: Option<crate::model::cpd::Scheme>,
    competencies: HashSet<String>,
}

impl Known {
    /// What is wrong with a CPD category, when the journal has a scheme that lacks it.
    fn unknown_category(&self, category: &str) -> Option<String> {
        let scheme = self.scheme.as_ref()?;
        scheme.category(category).is_none().then(|| {
            format!(
                "cpd = \"{category}\" is not a category of {} (cpd.toml): use {}",
                scheme.name,
                scheme.ids()
            )
        })
    }
}

/// The lines of an envelope's plain front matter, from the first, to say where a key is.
fn header_lines(stored: &str) -> Vec<String> {
    stored
        .lines()
        .take_while(|l| !l.starts_with("-----BEGIN"))
        .map(str::to_string)
        .collect()
}

/// The problem of an encrypted entry whose versions wait to be merged.
fn unmerged(rel: &Path, envelope: &crate::encryption::Envelope) -> Problem {
    Problem {
        hint: None,
        path: rel.to_path_buf(),
        line: None,
        message: format!(
            "{} versions of this encrypted entry, written on two machines, wait to be merged: `mpl sync` on a machine with the key merges them",
            envelope.versions.len()
        ),
    }
}

fn check_entry(
    journal: &Journal,
    path: &Path,
    known: &Known,
    named: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) {
    let rel = journal.rel(path).to_path_buf();
    let problem = |line: Option<usize>, message: String| Problem {
        hint: None,
        path: rel.clone(),
        line,
        message,
    };
    // Read once, as stored: encrypted as it should be, and whole; then as mpl reads it.
    let stored = match journal.read_stored(path) {
        Ok(stored) => stored,
        Err(err) => {
            problems.push(err.problem(rel.clone()));
            return;
        }
    };
    let mut envelope = None;
    let text = if crate::encryption::is_sealed(&stored) {
        match crate::encryption::Envelope::parse(&stored) {
            Ok(found) => envelope = Some((found, header_lines(&stored))),
            Err((line, message)) => {
                problems.push(Problem {
                    hint: Some(crate::encryption::PUT_BACK.into()),
                    ..problem(
                        Some(line),
                        format!("{}it is damaged: {message}", crate::store::LOCKED),
                    )
                });
                return;
            }
        }
        if let Some((found, _)) = envelope
            .as_ref()
            .filter(|(e, _)| journal.other_recipients(e))
        {
            let counts: Vec<String> = found
                .versions
                .iter()
                .filter_map(|v| crate::encryption::recipient_count(v))
                .map(|n| n.to_string())
                .collect();
            let keys = journal.settings.recipients.len();
            problems.push(problem(
                None,
                format!(
                    "encrypted to {} {}, and {} names {keys}: it was written on a machine that had not yet seen a recipient added or removed (a removed key may read it; an added one cannot): `mpl encrypt all` on a machine that reads it encrypts it again to them",
                    counts.join(" and "),
                    if counts.len() == 1 && counts[0] == "1" { "key" } else { "keys" },
                    crate::store::SETTINGS_FILE
                ),
            ));
        }
        match journal.open_sealed(path, &stored) {
            Ok(text) => text,
            Err(err) => {
                if let Some((found, _)) = envelope.as_ref().filter(|(e, _)| e.unmerged()) {
                    problems.push(unmerged(&rel, found));
                }
                problems.push(err.problem(rel.clone()));
                return;
            }
        }
    } else {
        if crate::store::encryption::plain_private(journal, path, &stored) {
            problems.push(problem(
                None,
                "private, and stored plain in a journal that encrypts: `mpl encrypt all` encrypts it".into(),
            ));
        }
        stored
    };
    if let Some((found, _)) = envelope.as_ref().filter(|(e, _)| e.unmerged()) {
        problems.push(unmerged(&rel, found));
    }
    let entry = match journal.parse_entry(path, &text) {
        Ok(entry) => entry,
        Err(problem) => {
            problems.push(problem);
            return;
        }
    };
    if let Some((found, header)) = &envelope {
        let inside = (&entry.id, entry.kind, entry.date, entry.visibility);
        let outside = (&found.id, found.kind, found.date, found.visibility);
        if inside != outside {
            // The line of the first key that differs, in the plain front matter.
            let key = if found.id != entry.id {
                "id"
            } else if found.kind != entry.kind {
                "kind"
            } else if found.date != entry.date {
                "date"
            } else {
                "visibility"
            };
            let line = header
                .iter()
                .position(|l| {
                    l.trim_start()
                        .strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map_or(2, |i| i + 1);
            problems.push(problem(
                Some(line),
                format!(
                    "the plain front matter of this encrypted entry (id {}, {}, {}, {}) does not match the entry inside (id {}, {}, {}, {}): `mpl encrypt all` writes it anew",
                    found.id,
                    found.kind,
                    found.date,
                    found.visibility.as_str(),
                    entry.id,
                    entry.kind,
                    entry.date,
                    entry.visibility.as_str()
                ),
            ));
        } else if entry.visibility != crate::model::Visibility::Private {
            problems.push(problem(
                None,
                format!(
                    "encrypted, though the entry inside says visibility = \"{}\": what was encrypted stays so until you change it by hand with `mpl edit {}`",
                    entry.visibility.as_str(),
                    entry.id
                ),
            ));
        }
    }

    for line in crate::sync::merge::marker_lines(&text) {
        let noted = text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_end().ends_with(crate::sync::merge::NOTE_END));
        problems.push(problem(
            Some(line),
            if noted {
                "both machines changed a value of this encrypted entry: one was kept, and the other is noted on this line; keep the value you want, then delete the line".into()
            } else {
                "both machines changed this part of the entry and sync kept both texts, one after the other; merge them by hand, then delete the three `<!-- mpl sync: … -->` lines".into()
            },
        ));
    }
    if let Err(err) = check_fields(&entry) {
        problems.push(problem(field_line(&text, &err.key), err.message));
    }
    if let Some(message) = crate::model::key_result::check(&entry) {
        let key = if message.starts_with("key result") {
            crate::model::key_result::KEY_RESULT
        } else {
            crate::model::key_result::READING
        };
        problems.push(problem(field_line(&text, key), message));
    }
    if let Some(message) = crate::model::competency::check(&entry, &known.competencies) {
        problems.push(problem(
            field_line(&text, crate::model::competency::COMPETENCIES),
            message,
        ));
    }
    if let Ok(Some(cpd)) = crate::model::cpd::of_entry(&entry)
        && let Some(message) = cpd
            .category
            .as_deref()
            .and_then(|c| known.unknown_category(c))
    {
        problems.push(problem(
            field_line(&text, crate::model::cpd::CATEGORY),
            message,
        ));
    }
    // So must a conversation's.
    if entry.kind == Kind::Network
        && let Ok(contact) = crate::model::network::Contact::from_entry(&entry)
    {
        for (i, talk) in contact.interactions.iter().enumerate() {
            if let Some(message) = talk
                .cpd
                .as_ref()
                .and_then(|c| c.category.as_deref())
                .and_then(|c| known.unknown_category(c))
            {
                let line = frontmatter::split(&text).ok().and_then(|parts| {
                    crate::model::position::table_line(parts.toml, "interaction", i)
                        .map(|line| parts.toml_line + line - 1)
                });
                problems.push(problem(line, format!("conversation {}: {message}", i + 1)));
            }
        }
    }
    let answers = matches!(entry.kind, Kind::Reflection | Kind::Review);
    if answers && let Some(message) = crate::model::intention::check(&entry) {
        problems.push(problem(
            field_line(&text, crate::model::intention::FOLLOW_UP),
            message,
        ));
    }
    if answers && let Some(message) = crate::model::reflection::check_roles(&entry) {
        problems.push(problem(
            field_line(&text, crate::model::reflection::ROLES),
            message,
        ));
    }
    if let Ok(files) = evidence::attachments(&entry) {
        named.extend(files.iter().map(|f| f.file.clone()));
        for file in files {
            let stored = journal.root.join(&file.file);
            if std::fs::symlink_metadata(&stored).is_ok_and(|m| m.file_type().is_symlink()) {
                // The tree walk names the link.
                continue;
            }
            if !stored.is_file() {
                problems.push(problem(
                    field_line(&text, "attachments"),
                    format!(
                        "attachment \"{}\" is missing: there is no {}",
                        file.name, file.file
                    ),
                ));
            }
        }
    }
    if let Err(msg) = check_id(&entry.id) {
        problems.push(problem(
            None,
            format!("the file name is not a valid id: {msg}"),
        ));
        return;
    }
    if let Some(declared) = frontmatter::declared_id(&text)
        && declared != entry.id
    {
        problems.push(problem(
            field_line(&text, "id"),
            format!("id \"{declared}\" does not match the file name; the file name is the id"),
        ));
    }
    let Some(kind) = kind_of_path(&rel) else {
        return;
    };
    if kind.is_dated() {
        match date_of_id(&entry.id) {
            Some(date) if date != entry.date => problems.push(problem(
                field_line(&text, "date"),
                format!(
                    "date {} does not match the date in the file name ({date})",
                    entry.date
                ),
            )),
            Some(date) => {
                let year = rel
                    .components()
                    .nth(1)
                    .map(|c| c.as_os_str().to_string_lossy().into_owned());
                if year.as_deref() != Some(&date.format("%Y").to_string()) {
                    problems.push(problem(
                        None,
                        format!("belongs in {}/{}/", kind.dir(), date.format("%Y")),
                    ));
                }
            }
            None => problems.push(problem(
                None,
                "the file name must start with the entry's date (YYYY-MM-DD)".into(),
            )),
        }
    }
}

/// The whole tree, walked without following links: every symbolic link (mpl follows none,
/// and a sync brings none), and the files other than entries (whose markers are reported
/// when they are read) that still hold git's conflict markers, as a sync leaves them where
/// both machines changed the same lines. A marker explains any other problem found in the
/// same file, so it replaces them.
fn check_tree(journal: &Journal, named: Option<&HashSet<String>>, problems: &mut Vec<Problem>) {
    let root = &journal.root;
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<(PathBuf, std::fs::FileType)> = read
            .filter_map(|e| e.ok())
            .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in found {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if kind.is_symlink() {
                if !problems.iter().any(|p| p.path == rel) {
                    problems.push(journal.link_problem(&path));
                }
                continue;
            }
            if kind.is_dir() {
                if ![".git", STATE_DIR].contains(&rel.to_str().unwrap_or("")) {
                    dirs.push(path);
                }
                continue;
            }
            let file_name = rel
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if fs::is_temporary(&file_name) {
                problems.push(Problem {
                    hint: None,
                    path: rel.clone(),
                    line: None,
                    message: format!(
                        "a temporary file of a write that was interrupted; nothing needs it: remove it with `rm {}`",
                        shell_path(&path)
                    ),
                });
                continue;
            }
            let slashed = rel.to_string_lossy().replace('\\', "/");
            if slashed.starts_with("attachments/") && named.is_some_and(|n| !n.contains(&slashed)) {
                problems.push(Problem {
                    hint: None,
                    path: rel.clone(),
                    line: None,
                    message: format!(
                        "no entry attaches this file (an `evidence add` was interrupted, or the entry was deleted): remove it with `rm {}`, or attach it again with `mpl evidence add --file`",
                        shell_path(&path)
                    ),
                });
                continue;
            }
            let name = rel.to_string_lossy();
            if let Some(kept) = name.strip_suffix(&format!("~{}", crate::sync::merge::THEIRS)) {
                problems.push(Problem {
                    hint: None,
                    path: rel.clone(),
                    line: None,
                    message: format!("both machines changed {kept}, which is not text, and sync kept both: this is the other machine's copy; keep the one you want under that name and delete the other"),
                });
                continue;
            }
            // Attachments are content-addressed: two machines never write one name with
            // different contents, so their contents are not read here.
            let is_entry =
                kind_of_path(&rel).is_some() && rel.extension().is_some_and(|e| e == "md");
            if is_entry || rel.starts_with("attachments") {
                continue;
            }
            let Ok(text) = journal.read_text(&path) else {
                continue;
            };
            if fs::holds_private_key(text.as_bytes()) {
                problems.push(Problem {
                    hint: None,
                    path: rel.clone(),
                    line: None,
                    message: "a private key, in the journal that is sent to its remote: move it out (mpl reads the identity from anywhere: MPL_IDENTITY, or `identity` in config.toml); if a sync sent it, treat it as copied (docs/encryption.md)".into(),
                });
                continue;
            }
            if let Some(line) = conflict_line(&text) {
                problems.retain(|p| p.path != rel);
                problems.push(Problem {
                    hint: None,
                    path: rel,
                    line: Some(line),
                    message: "unresolved conflict: both machines changed these lines and both versions are kept; keep what you want and delete the marker lines (<<<<<<<, =======, >>>>>>>)".into(),
                });
            }
        }
    }
}

/// git's lock files in the journal: mpl removes those a killed mpl left, so one found here
/// is a git command's, running or stopped.
fn check_git_locks(journal: &Journal, problems: &mut Vec<Problem>) {
    for lock in crate::git::lock_files(&journal.root) {
        problems.push(Problem {
            hint: None,
            path: journal.rel(&lock).to_path_buf(),
            line: None,
            message: format!(
                "git's lock file: a git command is running in the journal, or one stopped before it finished and blocks the next; when none is running, remove it with `rm {}`",
                shell_path(&lock)
            ),
        });
    }
}

/// git's lock files in a remote that is a folder on this machine (a path or `file://`): a
/// push that was killed leaves one, and it blocks every later push there.
fn check_remote_locks(journal: &Journal, problems: &mut Vec<Problem>) {
    let Some(url) = Repo::open(&journal.root).ok().and_then(|r| r.origin_url()) else {
        return;
    };
    let local = url.strip_prefix("file://").unwrap_or(&url);
    let remote = Path::new(local);
    if !remote.is_absolute() || !remote.is_dir() {
        return;
    }
    let git_dir = if remote.join(".git").is_dir() {
        remote.join(".git")
    } else {
        remote.to_path_buf()
    };
    let mut locks = Vec::new();
    for dir in [git_dir.clone(), git_dir.join("refs").join("heads")] {
        if let Ok(read) = std::fs::read_dir(&dir) {
            locks.extend(
                read.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "lock")),
            );
        }
    }
    locks.sort();
    for lock in locks {
        problems.push(Problem {
            hint: None,
            path: lock.clone(),
            line: None,
            message: format!(
                "a lock file in the remote origin: a push to it is running, or one stopped before it finished and blocks every later push; when no machine is pushing, remove it with `rm {}`",
                shell_path(&lock)
            ),
        });
    }
}

/// `recall.log`, when there is one: each line an answer (`TIME ID RATING`), a comment or
/// blank. `mpl recall` skips a line that is not, and never rewrites it; here it is named.
fn check_recall(journal: &Journal, up: &mut Checkup) {
    if std::fs::symlink_metadata(journal.recall_path()).is_err() {
        return;
    }
    up.checked += 1;
    match journal.recall_log() {
        Ok(log) => up.problems.extend(log.bad.into_iter().map(|bad| Problem {
            hint: None,
            path: PathBuf::from(RECALL_FILE),
            line: Some(bad.line),
            message: bad.message,
        })),
        Err(problem) => up.problems.push(problem),
    }
}

/// A custom challenge definition or a run: each must read as what it is.
fn check_toml(journal: &Journal, path: &Path, known: &Known, problems: &mut Vec<Problem>) {
    let is_run = path.parent() == Some(journal.runs_dir().as_path());
    let result = if is_run {
        journal
            .read_text(path)
            .map_err(|err| err.problem(journal.rel(path).to_path_buf()))
            .and_then(|text| {
                let run = Run::parse(&text).map_err(|err| Problem {
                    hint: None,
                    path: journal.rel(path).to_path_buf(),
                    line: err.line,
                    message: err.message,
                })?;
                // A check-in's CPD category must be one of the scheme's.
                let categories = run
                    .checkins
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| Some((i, c.cpd.as_ref()?.category.as_deref()?)));
                for (i, category) in categories {
                    if let Some(message) = known.unknown_category(category) {
                        return Err(Problem {
                            hint: None,
                            path: journal.rel(path).to_path_buf(),
                            line: crate::model::position::table_line(&text, "checkin", i),
                            message: format!("check-in {}: {message}", i + 1),
                        });
                    }
                }
                Ok(())
            })
    } else {
        journal.read_challenge(path).map(|_| ())
    };
    if let Err(problem) = result {
        problems.push(problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Settings};
    use chrono::{DateTime, NaiveDate};

    /// A new journal with one learned entry, checked in-process.
    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("journal");
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap();
        let lock = crate::store::lock::acquire(&root.join(STATE_DIR).join("lock"), || {}).unwrap();
        let journal = Journal::create(&root, Settings::new("T", ""), now, &lock).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let entry = Entry::new(
            Kind::Learned,
            "2026-11-25-pins".into(),
            date,
            now,
            "Pins".into(),
        );
        journal
            .add_entry(&lock, &entry, "learn: pins", now)
            .unwrap();
        (dir, journal)
    }

    #[test]
    fn a_clean_journal_has_no_problem() {
        let (_dir, journal) = journal();
        let up = check(&journal);
        assert!(up.problems.is_empty(), "{:?}", up.problems);
        assert_eq!(up.checked, 2);
        assert!(up.recovered.is_none());
    }

    #[test]
    fn each_problem_names_its_file_and_line() {
        let (_dir, journal) = journal();
        let root = &journal.root;
        // A field of the wrong shape, on line 9 of the front matter.
        std::fs::write(
            root.join("learned/2026/2026-11-25-bad.md"),
            "+++\nid = \"2026-11-25-bad\"\nkind = \"learned\"\ndate = 2026-11-25\n\
             created = 2026-11-25T18:00:00+01:00\ntitle = \"Bad\"\ntags = []\ngoals = []\n\
             source = 3\nvisibility = \"public\"\n+++\n",
        )
        .unwrap();
        // What a killed write of an older version could leave.
        std::fs::write(root.join("learned/2026/.mpl-x1.tmp"), "half").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc", root.join("notes")).unwrap();
        let up = check(&journal);
        let found = |path: &str| up.problems.iter().find(|p| p.path == Path::new(path));
        let bad = found("learned/2026/2026-11-25-bad.md").expect("the bad field");
        assert_eq!(bad.line, Some(9), "{bad:?}");
        assert!(bad.message.contains("source"), "{bad:?}");
        assert!(
            found("learned/2026/.mpl-x1.tmp").is_some(),
            "{:?}",
            up.problems
        );
        #[cfg(unix)]
        assert!(found("notes").is_some(), "{:?}", up.problems);
        assert_eq!(up.checked, 3);
    }
}
