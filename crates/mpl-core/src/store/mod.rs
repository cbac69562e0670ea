//! The journal on disk: where each kind of entry lives, reading and writing entries safely,
//! the writer lock, and committing each change to git.
//!
//! Layout (see docs/file-format.md):
//! `mpl.toml`, `reflections/YYYY/YYYY-MM-DD.md`, `learned/YYYY/YYYY-MM-DD-slug.md`,
//! `evidence/…`, `feedback/…` (dated), `goals/slug.md`, `network/slug.md`, `toolkit/slug.md`,
//! `recall.log` (answers to `mpl recall`), and `.mpl/` for what is local to this machine and never committed (the lock, drafts).

pub mod attachments;
pub mod challenges;
pub mod cpd;
pub mod encryption;
pub mod frameworks;
pub mod frontmatter;
pub mod fs;
pub mod goals;
pub mod intentions;
pub mod lock;
pub mod lookback;
pub mod named;
pub mod profile;
pub mod recall;
pub mod scan;
pub mod search;
pub mod templates;
pub mod tx;

use crate::encryption as crypt;
use crate::error::{Error, IoResultExt, Result};
use crate::git::{Author, Repo};
use crate::model::date::logical_day;
use crate::model::slug::{check_id, slugify};
use crate::model::{Entry, Kind, Settings, Visibility};
use chrono::{DateTime, FixedOffset, NaiveDate};
use fs::ReadError;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use lock::Lock;
pub use tx::{Recovered, Tx};

/// The `.gitignore` of a new journal: what is this machine's own, and what a killed mpl may
/// have left behind, is never committed.
pub(crate) const GITIGNORE: &str = "# Local to this machine: the writer lock and unsaved drafts.\n/.mpl/\n# Temporary files of an interrupted write.\n.mpl-*.tmp\n_git2_*\n";

pub const SETTINGS_FILE: &str = "mpl.toml";
/// The log of answers to `mpl recall`, at the root (see [`crate::model::recall`]).
pub const RECALL_FILE: &str = "recall.log";
/// The recipients this machine accepted, in `.mpl/`, one a line.
const ACCEPTED: &str = "recipients";
/// When this machine last synced, in `.mpl/`.
const SYNCED: &str = "synced";
/// Machine-local state inside the journal, ignored by git.
pub const STATE_DIR: &str = ".mpl";

/// A journal opened at its root.
#[derive(Debug)]
pub struct Journal {
    pub root: PathBuf,
    pub settings: Settings,
    /// This machine's keys, to read encrypted entries (none until the command sets them).
    pub keys: crate::encryption::Keys,
    /// The file keys of encrypted entries opened before (see [`crypt::FileKeys`]).
    file_keys: crypt::FileKeys,
    /// Folders inside the journal already found to be real folders, not links (see
    /// [`Journal::check_folders`]); each is looked at once per run.
    folders: Mutex<HashSet<PathBuf>>,
}

/// A file that could not be read as what it should be: `path:line: message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Relative to the journal root.
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    /// How to put it right, where the problem knows better than its kind does (see
    /// [`Problem::hint`]).
    pub hint: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl Problem {
    /// How to put it right: the problem's own hint, else one for its kind.
    pub fn hint(&self) -> &str {
        if let Some(hint) = &self.hint {
            hint
        } else if self.message.contains(fs::NEVER_FOLLOWS) {
            "`mpl doctor` lists every link in the journal"
        } else if self.message.starts_with(LOCKED) && self.message.contains("damaged") {
            crate::encryption::PUT_BACK
        } else if self.message.starts_with(LOCKED) {
            "`mpl encrypt status` says which key this machine reads with, and docs/encryption.md how to bring it here"
        } else {
            "fix the file by hand (`mpl edit ID` opens an entry); `mpl doctor` lists every problem"
        }
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Error {
        let hint = problem.hint().to_string();
        Error::new(problem.to_string()).hint(hint)
    }
}

/// The error of a private entry to be written where `mpl.toml` names nobody to encrypt it
/// to, though the journal encrypted before.
pub(crate) fn no_recipients(rel: &Path) -> Error {
    Error::new(format!(
        "{} is private, and {SETTINGS_FILE} no longer names anyone to encrypt it to, though this journal encrypted before; nothing was saved",
        rel.display()
    ))
    .hint("if you stopped encrypting, run `mpl decrypt all` here; if not, the recipients were removed elsewhere: `mpl encrypt setup` adds this machine's key again (docs/encryption.md)")
}

/// How the problem of an encrypted entry that could not be read starts.
pub const LOCKED: &str = "encrypted, and ";

/// Whether a journal was created by this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Created,
}

impl Journal {
    /// Opens the journal at `root`, reading its `mpl.toml`.
    pub fn open(root: &Path) -> Result<Journal> {
        let settings_path = root.join(SETTINGS_FILE);
        if crate::git::remote::interrupted_clone(root) {
            return Err(Error::new(format!(
                "{} holds a clone that was interrupted: its files may be only partly there",
                root.display()
            ))
            .hint(format!(
                "run the same `mpl clone URL {}` again: it starts over there",
                crate::render::terminal::shell_path(root)
            )));
        }
        if root.is_file() {
            return Err(Error::new(format!(
                "{} is a file, not a folder",
                root.display()
            )));
        }
        if !settings_path.exists() {
            return Err(if root.exists() {
                Error::new(format!(
                    "{} is not an mpl journal: it has no {SETTINGS_FILE}",
                    root.display()
                ))
            } else {
                Error::new(format!("there is no journal at {}", root.display()))
                    .hint("`mpl reflect` or `mpl init` creates one")
            });
        }
        let settings = read_settings(root)?;
        Ok(Journal::at(root, settings))
    }

    /// The journal at `root` with `settings`, as they are: nothing is read.
    pub fn at(root: &Path, settings: Settings) -> Journal {
        let recipients = settings.recipients.clone();
        Journal {
            root: root.to_path_buf(),
            settings,
            keys: crate::encryption::Keys::default(),
            file_keys: crypt::FileKeys::new(
                root.join(STATE_DIR).join(crypt::FILE_KEYS),
                recipients,
            ),
            folders: Mutex::new(HashSet::new()),
        }
    }

    /// Opens the journal at `root` for writing, creating it first if it does not exist, and
    /// returns it with the writer lock held. Creation happens under the lock, so concurrent
    /// first runs create one journal.
    pub fn open_for_write(
        root: &Path,
        new_settings: impl FnOnce() -> Settings,
        now: DateTime<FixedOffset>,
        on_wait: impl FnOnce(),
        on_recover: impl FnOnce(&Recovered),
    ) -> Result<(Journal, Lock, Opened)> {
        if !root.join(SETTINGS_FILE).exists() {
            refuse_foreign_folder(root)?;
        }
        fs::create_dir_all(root)?;
        let mut lock = lock::acquire(&root.join(STATE_DIR).join("lock"), on_wait)?;
        // A journal whose making was cut short is finished or undone first.
        let bare = Journal::at(root, Settings::new("", ""));
        if bare.needs_recovery()
            && let Some(recovered) = bare.recover(&lock)?
        {
            on_recover(&recovered);
        }
        lock.mark_busy(root.join(STATE_DIR).join(tx::BUSY))?;
        if root.join(SETTINGS_FILE).exists() {
            let journal = Journal::open(root)?;
            // Refuse before writing anything that could not be committed.
            journal.ready_for_write()?;
            return Ok((journal, lock, Opened::Existing));
        }
        refuse_foreign_folder(root)?;
        let journal = Journal::create(root, new_settings(), now, &lock)?;
        Ok((journal, lock, Opened::Created))
    }

    /// Writes a new journal's files and its first commit, as one transaction. The caller
    /// holds the lock.
    pub fn create(
        root: &Path,
        settings: Settings,
        now: DateTime<FixedOffset>,
        lock: &Lock,
    ) -> Result<Journal> {
        fs::create_dir_all(root)?;
        Repo::init(root)?;
        let settings_text =
            toml::to_string(&settings.table).expect("a TOML table always serializes");
        let settings_text = format!(
            "# The settings of this mpl journal (keys: mpl's docs/file-format.md).\n{settings_text}"
        );
        let journal = Journal::at(root, settings);
        journal.keep_state_out_of_git();
        let mut tx = journal.transaction(lock);
        tx.create(&root.join(SETTINGS_FILE), settings_text.into_bytes())?;
        tx.write(&root.join(".gitignore"), GITIGNORE.as_bytes().to_vec())?;
        tx.finish("init: new journal", now)?;
        Ok(journal)
    }

    /// Takes the writer lock, calling `on_wait` once if another run holds it, and finishes
    /// or undoes what an earlier run left half-done (see [`Journal::recover`]), calling
    /// `on_recover` with what was done.
    pub fn lock(
        &self,
        on_wait: impl FnOnce(),
        on_recover: impl FnOnce(&Recovered),
    ) -> Result<Lock> {
        let mut lock = lock::acquire(&self.root.join(STATE_DIR).join("lock"), on_wait)?;
        if self.needs_recovery()
            && let Some(recovered) = self.recover(&lock)?
        {
            on_recover(&recovered);
        }
        lock.mark_busy(self.root.join(STATE_DIR).join(tx::BUSY))?;
        self.ready_for_write()?;
        Ok(lock)
    }

    /// For a command that only reads: finishes or undoes what an earlier run left half-done,
    /// if no other mpl is at work on the journal now (then that one will). Cheap when there
    /// is nothing to do.
    pub fn recover_if_idle(&self) -> Result<Option<Recovered>> {
        if !self.needs_recovery() {
            return Ok(None);
        }
        match lock::try_acquire(&self.root.join(STATE_DIR).join("lock"))? {
            Some(lock) => self.recover(&lock),
            None => Ok(None),
        }
    }

    /// The journal day `now` falls on, honouring `day_starts_at`.
    pub fn today(&self, now: DateTime<FixedOffset>) -> NaiveDate {
        logical_day(now, self.settings.day_starts_at)
    }

    /// `path` relative to the journal root, for messages.
    pub fn rel<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// Where the entry `id` of `kind` lives. `id` must be a valid id (see [`check_id`]).
    pub fn entry_path(&self, kind: Kind, id: &str) -> PathBuf {
        let dir = self.root.join(kind.dir());
        if kind.is_dated() {
            dir.join(id.get(..4).unwrap_or("0000"))
                .join(format!("{id}.md"))
        } else {
            dir.join(format!("{id}.md"))
        }
    }

    /// Checks that every folder between the root and `path` (a path inside the journal) is
    /// a real folder, not a symbolic link, so that nothing read or written through it ends
    /// up outside the journal. A part that does not exist yet passes: there is nothing to
    /// follow. Returns the link found, relative to the root, and where it points.
    pub(crate) fn check_folders(&self, path: &Path) -> Result<(), ReadError> {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return Ok(());
        };
        let mut folder = self.root.clone();
        let parts: Vec<_> = rel.components().collect();
        for part in parts.iter().take(parts.len().saturating_sub(1)) {
            folder.push(part);
            if self
                .folders
                .lock()
                .is_ok_and(|known| known.contains(&folder))
            {
                continue;
            }
            match std::fs::symlink_metadata(&folder) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(ReadError::Link {
                        link: self.rel(&folder).to_path_buf(),
                        target: std::fs::read_link(&folder).unwrap_or_default(),
                    });
                }
                Ok(meta) if meta.is_dir() => {
                    if let Ok(mut known) = self.folders.lock() {
                        known.insert(folder.clone());
                    }
                }
                Ok(_) => {
                    return Err(ReadError::Io(std::io::Error::other(format!(
                        "{} is a file where a folder should be",
                        self.rel(&folder).display()
                    ))));
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
                Err(err) => return Err(ReadError::Io(err)),
            }
        }
        Ok(())
    }

    /// Reads a text file inside the journal (of at most [`fs::MAX_FILE_BYTES`]), following
    /// no symbolic link on the way: a link is an error that names it. An encrypted entry
    /// is decrypted (see [`Journal::open_sealed`]): this is the text mpl works with.
    pub fn read_text(&self, path: &Path) -> Result<String, ReadError> {
        let text = self.read_stored(path)?;
        if crypt::is_sealed(&text) {
            return self.open_sealed(path, &text);
        }
        Ok(text)
    }

    /// Reads a text file inside the journal as it is stored: an encrypted entry stays
    /// encrypted.
    pub fn read_stored(&self, path: &Path) -> Result<String, ReadError> {
        self.read_bytes(path, fs::MAX_FILE_BYTES)
            .and_then(fs::text_of)
    }

    /// The plain text of the encrypted entry `text` (the file at `path`), decrypted with
    /// this machine's keys. Versions a machine without the key kept apart are merged here,
    /// as `mpl sync` would have merged them.
    pub fn open_sealed(&self, path: &Path, text: &str) -> Result<String, ReadError> {
        let envelope = crypt::Envelope::parse(text).map_err(|(line, message)| {
            ReadError::Locked(crypt::Locked {
                why: format!("it is damaged (line {line}): {message}"),
                hint: crypt::PUT_BACK.into(),
                damaged: true,
            })
        })?;
        let keys = self.keys.identities().map_err(ReadError::Locked)?;
        let rel = self.rel(path).to_path_buf();
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let damaged = |why: String| {
            ReadError::Locked(crypt::Locked {
                why: format!("it is damaged: {why}"),
                hint: crypt::PUT_BACK.into(),
                damaged: true,
            })
        };
        // Each part must be this entry: a part moved in from another entry (or written by
        // someone else as this one) is refused, never merged.
        let open = |armored: &str| -> Result<String, ReadError> {
            let plain = self
                .file_keys
                .decrypt(armored, &keys)
                .map_err(ReadError::Locked)?;
            let plain = fs::text_of(plain)?;
            if crypt::is_sealed(&plain) {
                return Err(damaged(
                    "encrypted inside, it holds another encrypted entry".into(),
                ));
            }
            if let Some(declared) = frontmatter::declared_id(&plain)
                && declared != stem
            {
                return Err(damaged(format!(
                    "the entry encrypted inside is {declared}, not {stem}"
                )));
            }
            Ok(plain)
        };
        if envelope.id != stem {
            return Err(damaged(format!(
                "its plain front matter names {}, not {stem}",
                envelope.id
            )));
        }
        // A base that does not open (damaged) leaves a merge without one.
        let base = match envelope.base.as_deref().map(open).transpose() {
            Ok(base) => base,
            Err(err) if err.is_locked() => return Err(err),
            Err(_) => None,
        };
        let mut versions = envelope.versions.iter();
        let mut merged = open(versions.next().map(String::as_str).unwrap_or_default())?;
        for version in versions {
            let other = open(version)?;
            let result = crate::sync::merge::merge_file(
                &rel,
                base.as_deref().map(str::as_bytes),
                Some(merged.as_bytes()),
                Some(other.as_bytes()),
            );
            if let Some(content) = result.content {
                use crate::sync::merge::{BEGIN, BEGIN_APART, MIDDLE, MIDDLE_APART};
                merged = String::from_utf8_lossy(&content)
                    .replace(BEGIN, BEGIN_APART)
                    .replace(MIDDLE, MIDDLE_APART);
                // A value both changed keeps one; the other is noted in the entry, not lost.
                merged = crate::sync::merge::note_in_entry(&merged, &result.notes);
            }
        }
        Ok(merged)
    }

    /// Whether private entries are written encrypted: `mpl.toml` names recipients.
    pub fn encrypts(&self) -> bool {
        !self.settings.recipients.is_empty()
    }

    /// What is stored for `plain`, the new text of the file at `path`: an entry file that is
    /// private (or does not parse, so may be) is encrypted when the journal encrypts; any
    /// other file, and text that is already an envelope, is stored as it is.
    /// `recipients`: those to encrypt to, when not `mpl.toml`'s.
    pub(crate) fn seal(
        &self,
        path: &Path,
        plain: Vec<u8>,
        recipients: Option<&[String]>,
    ) -> Result<Vec<u8>> {
        // Recipients given (a change of them; none: `mpl decrypt all`) are taken as said.
        let given = recipients.is_some();
        let recipients = recipients.unwrap_or(&self.settings.recipients);
        let Ok(text) = std::str::from_utf8(&plain) else {
            return Ok(plain);
        };
        // Already an envelope (one that reads as one: a plain entry that merely says
        // `encrypted = "age"` is encrypted like any other).
        if crypt::is_sealed(text) && crypt::Envelope::parse(text).is_ok() {
            return Ok(plain);
        }
        if recipients.is_empty() {
            if !given && self.stopped_encrypting() && self.to_seal(path, text).is_some() {
                return Err(no_recipients(self.rel(path)));
            }
            return Ok(plain);
        }
        let Some((id, kind, date, visibility)) = self.to_seal(path, text) else {
            return Ok(plain);
        };
        let rel = self.rel(path);
        crypt::seal(text, &id, kind, date, visibility, recipients)
            .map(String::into_bytes)
            .map_err(|message| {
                Error::new(format!("cannot encrypt {}: {message}", rel.display()))
                    .hint(format!("check [encryption] recipients in {SETTINGS_FILE}"))
            })
    }

    /// [`Journal::seal`] for a file that is encrypted now and must stay so: text that would
    /// be stored plain (it says it is not private, or does not parse) is encrypted all the
    /// same, under what its path says. With no recipients, it is an error: nothing plain
    /// is written over what was encrypted.
    pub(crate) fn seal_keeping(
        &self,
        path: &Path,
        plain: Vec<u8>,
        recipients: Option<&[String]>,
    ) -> Result<Vec<u8>> {
        let given = recipients.is_some();
        let recipients = recipients.unwrap_or(&self.settings.recipients);
        let rel = self.rel(path).to_path_buf();
        if recipients.is_empty() && !given && self.stopped_encrypting() {
            return Err(no_recipients(&rel));
        }
        if recipients.is_empty() {
            return Err(Error::new(format!(
                "{} is encrypted, and {SETTINGS_FILE} names no recipients to encrypt it to again; nothing was saved",
                rel.display()
            ))
            .hint(format!("check [encryption] recipients in {SETTINGS_FILE}")));
        }
        let sealed = self.seal(path, plain.clone(), Some(recipients))?;
        if sealed != plain {
            return Ok(sealed);
        }
        let text = String::from_utf8_lossy(&plain);
        if crypt::is_sealed(&text) && crypt::Envelope::parse(&text).is_ok() {
            return Ok(plain);
        }
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = kind_of_path(&rel).unwrap_or(Kind::Reflection);
        let (id, kind, date) = match frontmatter::parse(&text, &stem) {
            Ok(entry) => (entry.id, entry.kind, entry.date),
            Err(_) => (stem.clone(), kind, date_of_id(&stem).unwrap_or_default()),
        };
        crypt::seal(
            &text,
            &id,
            kind,
            date,
            crate::model::Visibility::Private,
            recipients,
        )
        .map(String::into_bytes)
        .map_err(|message| Error::new(format!("cannot encrypt {}: {message}", rel.display())))
    }

    /// Whether this machine saw the journal encrypt and its recipients are gone since
    /// (removed elsewhere, or by a hostile remote), without `mpl decrypt all` here.
    pub fn stopped_encrypting(&self) -> bool {
        self.settings.recipients.is_empty()
            && fs::read_text_nofollow(&self.root.join(STATE_DIR).join(ACCEPTED))
                .is_ok_and(|text| text.lines().any(|l| !l.trim().is_empty()))
    }

    /// The recipients this machine accepted (`.mpl/recipients`): none when it never saw the
    /// journal encrypt. See [`Journal::accept_recipients`].
    pub fn accepted_recipients(&self) -> Option<Vec<String>> {
        fs::read_text_nofollow(&self.root.join(STATE_DIR).join(ACCEPTED))
            .ok()
            .map(|text| {
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            })
    }

    /// Notes `recipients` as those this machine accepts: a change that arrives by sync is
    /// then told apart and reported.
    pub fn accept_recipients(&self, recipients: &[String]) -> Result<()> {
        let mut text = recipients.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        self.write_state(ACCEPTED, text.as_bytes())
    }

    /// The settings `mpl.toml` held at the last commit, when the file on disk does not read
    /// (for `mpl sync`, which goes on so that a fix can arrive, and must still know whom
    /// private entries are encrypted to).
    pub fn settings_at_head(root: &Path) -> Option<Settings> {
        let repo = Repo::open(root).ok()?;
        let head = repo.head_id().ok()??;
        let blob = repo.blob_at(Some(head), Path::new(SETTINGS_FILE)).ok()??;
        let text = String::from_utf8(repo.read_blob(blob.id).ok()?).ok()?;
        Settings::from_table(fs::parse_toml(&text).ok()?).ok()
    }

    /// Whether `text`, plain, is what an encrypting journal stores encrypted at `path`: an
    /// entry file that is private, or does not parse and may be (its folder's entries are,
    /// or it says so). Its envelope's id, kind, date and visibility when it is.
    pub fn to_seal(
        &self,
        path: &Path,
        text: &str,
    ) -> Option<(String, Kind, NaiveDate, crate::model::Visibility)> {
        use crate::model::Visibility;
        let rel = self.rel(path);
        if rel.extension().is_none_or(|e| e != "md") {
            return None;
        }
        let folder_kind = kind_of_path(rel)?;
        let stem = rel.file_stem()?.to_string_lossy().into_owned();
        match frontmatter::parse(text, &stem) {
            Ok(entry) if entry.visibility == Visibility::Private => {
                Some((entry.id, entry.kind, entry.date, entry.visibility))
            }
            Ok(_) => None,
            Err(_)
                if folder_kind.default_visibility() == Visibility::Private
                    || says_private(text) =>
            {
                Some((
                    stem.clone(),
                    folder_kind,
                    date_of_id(&stem).unwrap_or_default(),
                    Visibility::Private,
                ))
            }
            Err(_) => None,
        }
    }

    /// Reads the TOML file `rel` (relative to the journal) and makes a `T` of it with
    /// `parse`. What goes wrong is a problem at its line: a file that is a link, that does
    /// not read, that is not TOML, or that `parse` finds a mistake in (at the keys it names).
    pub(crate) fn read_toml_file<T>(
        &self,
        rel: &Path,
        parse: impl FnOnce(&toml::Table) -> Result<T, crate::model::position::TableError>,
    ) -> Result<T, Problem> {
        let problem = |line: Option<usize>, message: String| Problem {
            hint: None,
            path: rel.to_path_buf(),
            line,
            message,
        };
        let text = self
            .read_text(&self.root.join(rel))
            .map_err(|err| err.problem(rel.to_path_buf()))?;
        let table = fs::parse_toml(&text).map_err(|err| problem(err.line, err.message))?;
        parse(&table).map_err(|err| {
            let keys: Vec<&str> = err.path.iter().map(String::as_str).collect();
            problem(
                crate::model::position::path_line(&text, &keys, err.nth),
                err.message,
            )
        })
    }

    /// Reads up to `limit` bytes of a regular file inside the journal, following no link.
    pub(crate) fn read_bytes(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        self.check_folders(path)?;
        fs::read_limited(path, limit, false).map_err(|err| match err {
            ReadError::Link { target, .. } => ReadError::Link {
                link: self.rel(path).to_path_buf(),
                target,
            },
            other => other,
        })
    }

    /// The names and types of what is in `dir`, a folder inside the journal, none when it
    /// does not exist. `dir` itself, and every folder on the way, must not be a link.
    pub(crate) fn read_folder(
        &self,
        dir: &Path,
    ) -> Result<Vec<(String, std::fs::FileType)>, Problem> {
        let problem = |err: ReadError| err.problem(self.rel(dir).to_path_buf());
        // (`dir` is checked as the folder of a file in it.)
        self.check_folders(&dir.join("-")).map_err(problem)?;
        let read = match std::fs::read_dir(dir) {
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(problem(ReadError::Io(err))),
        };
        Ok(read
            .filter_map(|e| e.ok())
            .filter_map(|e| Some((e.file_name().into_string().ok()?, e.file_type().ok()?)))
            .collect())
    }

    /// The stems of the visible `.md` files in `dir`, a folder inside the journal (none if
    /// it does not exist); a link where the folder should be is a problem.
    pub fn md_stems(&self, dir: &Path) -> Result<Vec<String>, Problem> {
        Ok(self
            .read_folder(dir)?
            .into_iter()
            .filter(|(name, _)| !name.starts_with('.'))
            .filter_map(|(name, _)| name.strip_suffix(".md").map(str::to_string))
            .collect())
    }

    /// Creates the folders from the root down to `dir` that are missing, one at a time,
    /// each only after the one above it is found to be a real folder, not a link (see
    /// [`Journal::check_folders`]): nothing is ever made through a link.
    pub(crate) fn make_folders(&self, dir: &Path) -> Result<()> {
        let Ok(rel) = dir.strip_prefix(&self.root) else {
            return fs::create_dir_all(dir);
        };
        let refused = |err: ReadError| {
            Error::new(format!("cannot write in the journal: {}", err.message()))
                .hint("`mpl doctor` lists every link in the journal")
        };
        fs::create_dir_all(&self.root)?;
        let mut folder = self.root.clone();
        for part in rel.components() {
            folder.push(part);
            // `folder` is checked as the folder of a file in it, the parts above it too.
            self.check_folders(&folder.join("-")).map_err(refused)?;
            if folder.is_dir() {
                continue;
            }
            match std::fs::create_dir(&folder) {
                // The new folder's name is in its parent once that is flushed too.
                Ok(()) => fs::sync_dir(folder.parent().unwrap_or(&self.root)),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(err) => return Err(Error::io(&err, "cannot create folder", &folder)),
            }
        }
        // The last one, as made (or found made by another run meanwhile).
        self.check_folders(&dir.join("-")).map_err(refused)
    }

    /// When this machine last synced the journal with its remote (`.mpl/synced`), if ever.
    pub fn synced_at(&self) -> Option<DateTime<FixedOffset>> {
        let text = fs::read_text_nofollow(&self.root.join(STATE_DIR).join(SYNCED)).ok()?;
        DateTime::parse_from_rfc3339(text.trim()).ok()
    }

    /// Records that this machine synced the journal at `now`.
    pub fn mark_synced(&self, now: DateTime<FixedOffset>) -> Result<()> {
        self.write_state(SYNCED, format!("{}\n", now.to_rfc3339()).as_bytes())
    }

    /// Writes a file of this machine's state, `.mpl/NAME` (never committed), atomically.
    pub(crate) fn write_state(&self, name: &str, contents: &[u8]) -> Result<()> {
        let dir = self.state_dir()?;
        fs::write_atomic(&dir.join(name), contents, true)
    }

    /// Writes a file inside the journal atomically (see [`fs::write_atomic`]), through real
    /// folders only. With `replace` false, fails if the file exists. Only a transaction
    /// writes files that are committed (see [`tx`]).
    fn write_file(&self, path: &Path, contents: &[u8], replace: bool) -> Result<()> {
        let dir = path
            .parent()
            .ok_or_else(|| Error::new(format!("cannot write {}: no folder", path.display())))?;
        self.make_folders(dir)?;
        fs::write_atomic(path, contents, replace)
    }

    /// Reads and parses one entry file.
    pub fn read_entry(&self, path: &Path) -> Result<Entry, Problem> {
        let text = self
            .read_text(path)
            .map_err(|err| err.problem(self.rel(path).to_path_buf()))?;
        self.parse_entry(path, &text)
    }

    /// An encrypted entry as its plain front matter gives it, for listings on a machine
    /// that cannot read it: no title, tags or body (see [`Entry::is_sealed`]). `None` when
    /// the file is not an envelope.
    pub fn sealed_entry(&self, path: &Path) -> Option<Entry> {
        let text = self.read_stored(path).ok()?;
        let envelope = crypt::Envelope::parse(&text).ok()?;
        let created = envelope
            .date
            .and_hms_opt(0, 0, 0)?
            .and_local_timezone(chrono::FixedOffset::east_opt(0)?)
            .single()?;
        let mut entry = Entry::new(
            envelope.kind,
            envelope.id,
            envelope.date,
            created,
            String::new(),
        );
        entry.visibility = envelope.visibility;
        entry
            .extra
            .insert(crypt::FIELD.into(), crypt::SCHEME.into());
        Some(entry)
    }

    /// Parses the text of the entry file at `path`: its front matter, and a kind that
    /// matches its folder.
    pub fn parse_entry(&self, path: &Path, text: &str) -> Result<Entry, Problem> {
        let rel = self.rel(path).to_path_buf();
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(line) = conflict_line(text) {
            return Err(Problem {
                hint: None,
                path: rel,
                line: Some(line),
                message: "unresolved conflict: two versions of this text meet here; keep what you want and delete the marker lines".into(),
            });
        }
        let entry = frontmatter::parse(text, &id).map_err(|err| Problem {
            hint: None,
            path: rel.clone(),
            line: Some(err.line),
            message: err.message,
        })?;
        if let Some(folder_kind) = kind_of_path(&rel)
            && folder_kind != entry.kind
        {
            return Err(Problem {
                hint: None,
                path: rel,
                line: Some(
                    text.lines()
                        .position(|l| l.trim_start().starts_with("kind"))
                        .map_or(2, |i| i + 1),
                ),
                message: format!(
                    "kind \"{}\" does not match its folder {}/, which holds {} entries",
                    entry.kind,
                    folder_kind.dir(),
                    folder_kind
                ),
            });
        }
        Ok(entry)
    }

    /// Finds the file of entry `id`: an exact id first, else a unique id prefix.
    pub fn find(&self, id: &str) -> Result<PathBuf> {
        // Ids are lowercase, but for a review's `2026-W48` and `2026-Q4`; a capital typed by
        // hand, or one left out, is forgiven.
        let id = &id.trim().to_ascii_lowercase();
        let review = crate::model::period::Span::parse_id(&id.to_ascii_uppercase());
        let id = &review.map_or_else(|| id.clone(), |span| span.id());
        // A prefix may end in a dash ("2026-11-25-"); the rest must be a valid id.
        check_id(id.trim_end_matches('-'))
            .map_err(|msg| Error::new(msg).hint("`mpl log` lists entries with their ids"))?;
        for kind in Kind::ALL {
            let path = self.entry_path(kind, id);
            if (kind.is_dated() == is_dated_id(id)) && path.is_file() {
                return Ok(path);
            }
        }
        let mut matches = Vec::new();
        for kind in Kind::ALL {
            let dir = if kind.is_dated() {
                if !is_dated_prefix(id) {
                    continue;
                }
                self.root.join(kind.dir()).join(&id[..4])
            } else {
                self.root.join(kind.dir())
            };
            for stem in self.md_stems(&dir).unwrap_or_default() {
                // A review's id has capitals (`2026-W48`); a prefix typed in any case finds it.
                if stem
                    .to_ascii_lowercase()
                    .starts_with(id.to_ascii_lowercase().as_str())
                {
                    matches.push(dir.join(format!("{stem}.md")));
                }
            }
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(Error::new(format!("no entry with id \"{id}\"")).hint(
                "`mpl log` lists entries with their ids; a shortened id starts with the year, as in 2026-11-25-bor",
            )),
            _ => {
                matches.sort();
                let names: Vec<String> = matches
                    .iter()
                    .take(8)
                    .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                    .collect();
                Err(Error::new(format!(
                    "\"{id}\" matches {} entries: {}{}",
                    matches.len(),
                    names.join(", "),
                    if matches.len() > 8 { ", …" } else { "" }
                ))
                .hint("type more of the id"))
            }
        }
    }

    /// Whether any entry of any kind already uses `id`.
    pub fn id_taken(&self, id: &str) -> bool {
        Kind::ALL
            .iter()
            .any(|kind| self.entry_path(*kind, id).exists())
    }

    /// A new id for an entry of `kind` titled `title` on `date`: `YYYY-MM-DD-slug` for dated
    /// kinds, `slug` for the others, with `-2`, `-3`, … added until no entry uses it.
    ///
    /// A file name is readable without the key, so in a journal that encrypts, a private
    /// entry's id says nothing of it: `2026-11-30-feedback`, `contact`, `goal-2`.
    pub fn new_id(
        &self,
        kind: Kind,
        date: NaiveDate,
        title: &str,
        visibility: Visibility,
    ) -> String {
        self.new_id_unless(kind, date, title, visibility, |_| false)
    }

    /// [`Journal::new_id`], also passing over the ids `taken` says are used (by entries a
    /// transaction is about to write).
    pub(crate) fn new_id_unless(
        &self,
        kind: Kind,
        date: NaiveDate,
        title: &str,
        visibility: Visibility,
        taken: impl Fn(&str) -> bool,
    ) -> String {
        let slug = if visibility == Visibility::Private
            && (self.encrypts() || self.stopped_encrypting())
        {
            kind.neutral_name().to_string()
        } else if kind == Kind::Goal {
            crate::model::goal::slug(title)
        } else {
            slugify(title, kind.as_str())
        };
        let base = if kind.is_dated() {
            format!("{}-{slug}", date.format("%Y-%m-%d"))
        } else if is_dated_prefix(&slug) {
            // Keep the date-shaped names for dated entries, so every id has one reading.
            format!("{}-{slug}", kind.as_str())
        } else {
            slug
        };
        self.unique_id(base, taken)
    }

    /// `base`, or `base-2`, `base-3`, … : the first id no entry uses and `taken` does not
    /// say is used.
    pub(crate) fn unique_id(&self, base: String, taken: impl Fn(&str) -> bool) -> String {
        let free = |id: &str| !self.id_taken(id) && !taken(id);
        if free(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| free(id))
            .expect("some suffix is free")
    }

    fn author(&self, now: DateTime<FixedOffset>) -> Author<'_> {
        Author {
            fallback_name: &self.settings.name,
            when: now,
        }
    }

    /// Makes git ignore `.mpl/` on this machine, even in a journal whose `.gitignore` does
    /// not say so (one made by hand or by another tool). Best effort: `.gitignore` covers
    /// journals made by mpl.
    /// Checks, under the lock and before anything is written, that a commit can follow.
    fn ready_for_write(&self) -> Result<()> {
        Repo::open(&self.root)?.check_ready()?;
        self.keep_state_out_of_git();
        Ok(())
    }

    fn keep_state_out_of_git(&self) {
        if !self.root.join(".git").is_dir() {
            return;
        }
        let exclude = self.root.join(".git").join("info").join("exclude");
        let current = fs::read_text_nofollow(&exclude).unwrap_or_default();
        let missing: Vec<&str> = GITIGNORE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter(|line| !current.lines().any(|l| l.trim() == *line))
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut text = current.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
        let _ = fs::write_atomic(&exclude, text.as_bytes(), true);
    }

    /// Where unsaved text is kept until it is saved as an entry: `.mpl/drafts`, made if
    /// missing; a link there (or at `.mpl`) is an error, never followed.
    pub fn drafts_dir(&self) -> Result<PathBuf> {
        let dir = self.root.join(STATE_DIR).join("drafts");
        self.make_folders(&dir)?;
        Ok(dir)
    }
}

/// Refuses to turn a folder that holds other things into a journal.
fn refuse_foreign_folder(root: &Path) -> Result<()> {
    if !root.exists() {
        return Ok(());
    }
    if !root.is_dir() {
        return Err(
            Error::new(format!("{} is a file, not a folder", root.display()))
                .hint("point --journal or MPL_JOURNAL at a folder"),
        );
    }
    let mut foreign: Vec<String> = std::fs::read_dir(root)
        .at("cannot read folder", root)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // What a journal being made by a concurrent run holds before its mpl.toml.
        .filter(|name| {
            // (libgit2 probes the folder with `_git2_*` files while it makes the repository.)
            !(name == STATE_DIR
                || name == ".git"
                || name == ".gitignore"
                || name.starts_with(".mpl-")
                || name.starts_with("_git2_"))
        })
        .collect();
    // A concurrent run may have just made the journal: its mpl.toml comes before its entries.
    if !foreign.is_empty() && !root.join(SETTINGS_FILE).exists() {
        foreign.sort();
        let shown = foreign
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if foreign.len() > 3 { ", …" } else { "" };
        return Err(Error::new(format!(
            "{} holds other files ({shown}{more}) and is not an mpl journal (it has no {SETTINGS_FILE})",
            root.display()
        ))
        .hint("choose an empty or new folder for the journal"));
    }
    Ok(())
}

pub(crate) fn read_settings(root: &Path) -> Result<Settings> {
    let path = root.join(SETTINGS_FILE);
    let fix = || format!("fix {SETTINGS_FILE} by hand; mpl never rewrites a file it cannot read");
    // mpl.toml may have come from another machine: a link is never followed.
    let text = fs::read_text_nofollow(&path).map_err(|err| {
        Error::new(
            fs::TomlError {
                line: err.line(),
                message: err.message(),
            }
            .at(&path),
        )
        .hint(fix())
    })?;
    // A sync that found both machines changing the same lines leaves git's markers here.
    if let Some(line) = conflict_line(&text) {
        return Err(Error::new(format!(
            "{}:{line}: unresolved conflict: two versions of these lines meet here",
            path.display()
        ))
        .hint(format!(
            "keep what you want in {SETTINGS_FILE} and delete the marker lines (<<<<<<<, =======, >>>>>>>)"
        )));
    }
    let table = fs::parse_toml(&text).map_err(|err| Error::new(err.at(&path)).hint(fix()))?;
    Settings::from_table(table).map_err(|err| {
        let line = err.key.as_deref().and_then(|key| fs::key_line(&text, key));
        Error::new(
            fs::TomlError {
                line: Some(line.unwrap_or(1)),
                message: err.message,
            }
            .at(&path),
        )
    })
}

/// Whether the front matter of `text`, which does not parse, says it is private.
fn says_private(text: &str) -> bool {
    text.lines().take(200).any(|line| {
        let line = line.trim();
        line.strip_prefix("visibility")
            .and_then(|rest| rest.trim_start().strip_prefix('='))
            .is_some_and(|value| value.trim().trim_matches(['"', '\'']) == "private")
    })
}

/// The line (from 1) of the first git conflict marker in `text`, if any.
pub(crate) fn conflict_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.starts_with("<<<<<<< ") || l == "<<<<<<<")
        .map(|i| i + 1)
}

/// The kind whose folder `rel` (a path relative to the root) is in.
pub fn kind_of_path(rel: &Path) -> Option<Kind> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    Kind::from_dir(first)
}

/// `2026-11-25` or `2026-11-25-slug`.
pub(crate) fn is_dated_id(id: &str) -> bool {
    date_of_id(id).is_some()
}

/// The date an id or file stem starts with; for a review's id (`2026-W48`, `2026-11`,
/// `2026-Q4`, `2026`), its date (see [`crate::model::period::Span::date`]).
pub fn date_of_id(id: &str) -> Option<NaiveDate> {
    let day = || {
        let head = id.get(..10)?;
        if id.len() > 10 && id.as_bytes()[10] != b'-' {
            return None;
        }
        NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
    };
    day().or_else(|| crate::model::period::Span::parse_id(id).map(|span| span.date()))
}

/// Whether `id` starts like a date (at least the four digits of a year).
fn is_dated_prefix(id: &str) -> bool {
    id.len() >= 4 && id.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}
