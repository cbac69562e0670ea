//! The one write path: every change a command makes to the journal is a transaction.
//!
//! A command stages what it changes on a [`Tx`] (new files, updates that expect the file as
//! it was read, removals, attachments) and ends with [`Tx::finish`], which:
//!
//! 1. checks that every file is still as the command read it, and that mpl could read back
//!    each file it writes (see [`fs::MAX_FILE_BYTES`]);
//! 2. writes the new contents to git's object database and makes the commit, on no branch;
//! 3. records its intent in `.mpl/tx.toml`: the branch before and after, and each file's
//!    blob before and after;
//! 4. writes each file atomically (see [`fs::write_atomic`]);
//! 5. moves the branch to the commit: from here on the change has happened;
//! 6. brings git's index in line, and removes the intent.
//!
//! A run killed at any step leaves the intent behind, and the next mpl (any command) calls
//! [`Journal::recover`] before it reads or writes: a change whose branch moved is finished
//! (its files written), any other is undone (its files put back as they were), so the
//! journal never holds a file that is neither the old nor the new version, and a half-done
//! change is never taken for a hand edit. Undone, never half-kept: a change nobody saw
//! acknowledged is not committed later by another command, so running it again does not
//! make a duplicate. Git's own lock files and mpl's temporary files that the killed run
//! left are removed with it.
//!
//! `mpl sync` moves the work tree to a fetched or merged commit through the same steps
//! ([`Journal::advance_to`]).

use super::attachments::{Incoming, MAX_ATTACHMENT_BYTES};
use super::fs::{self, MAX_FILE_BYTES, ReadError};
use super::{Journal, Lock, Problem, STATE_DIR, frontmatter};
use crate::error::{Error, Result};
use crate::git::commit::{Blob, BlobId, EXECUTABLE, FILE, TreeChange};
use crate::git::{CommitId, Repo};
use crate::model::challenge::Run;
use crate::model::evidence::{ATTACHMENTS_DIR, Attachment, stored_path};
use crate::model::text::human_size;
use crate::model::{Entry, Kind, Visibility};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::path::{Path, PathBuf};

/// The intent of the transaction in progress, in `.mpl/`.
const INTENT: &str = "tx.toml";
/// Left while `mpl sync` pushes to a remote that is a folder on this machine: its path.
const PUSHING: &str = "pushing";
/// Whether this process committed a change (for `sync_every`: a sync is due only after one).
static COMMITTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a transaction of this process made a commit.
pub fn committed() -> bool {
    COMMITTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Where the intent is written before it is renamed into place.
const INTENT_TEMP: &str = "tx.toml.tmp";
/// Left by every mpl while it holds the journal's lock, so that git's lock files found after
/// a killed run are known to be mpl's (see [`Lock`]).
pub(super) const BUSY: &str = "busy";

/// What a file must be when the transaction is finished, for it to go ahead.
#[derive(Debug, Clone)]
enum Expect {
    /// Not there: a new file.
    Absent,
    /// Exactly these bytes: the file as the command read it (`edited`: and gave the user to
    /// edit).
    Was { bytes: Vec<u8>, edited: bool },
}

#[derive(Debug)]
struct Staged {
    /// Absolute.
    path: PathBuf,
    /// `None` removes the file.
    new: Option<Vec<u8>>,
    expect: Expect,
    /// The most mpl reads of such a file.
    limit: u64,
}

/// Changes to the journal, staged; nothing is written until [`Tx::finish`].
#[derive(Debug)]
pub struct Tx<'j> {
    journal: &'j Journal,
    staged: Vec<Staged>,
    /// Where each staged path is in `staged`.
    index: std::collections::HashMap<PathBuf, usize>,
    /// The keys private entries are encrypted to, when not `mpl.toml`'s as read (a change
    /// of recipients; none: stored plain).
    recipients: Option<Vec<String>>,
}

/// What [`Journal::recover`] did with a change an earlier run left half-done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// The change's commit message.
    pub message: String,
    /// Whether it had taken effect (its files are now all written), or was undone.
    pub finished: bool,
    /// Files someone had changed since (neither the old nor the new version): each was
    /// copied here, in `.mpl/drafts/`, before it was put right.
    pub kept: Vec<PathBuf>,
}

impl Journal {
    /// A new transaction. The caller holds the journal's lock (`_lock` shows it) until it
    /// is finished.
    pub fn transaction<'j>(&'j self, _lock: &Lock) -> Tx<'j> {
        Tx {
            journal: self,
            staged: Vec::new(),
            index: std::collections::HashMap::new(),
            recipients: None,
        }
    }

    /// Writes a new entry and commits it with `message`: a transaction of one file.
    /// Returns its file.
    pub fn add_entry(
        &self,
        lock: &Lock,
        entry: &Entry,
        message: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<PathBuf> {
        let mut tx = self.transaction(lock);
        let path = tx.create_entry(entry)?;
        tx.finish(message, now)?;
        Ok(path)
    }

    /// Rewrites an entry as it now is (see [`Tx::update_entry`]) and commits it with
    /// `message`: a transaction of one file. Returns its file.
    pub fn save_entry(
        &self,
        lock: &Lock,
        entry: &Entry,
        message: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<PathBuf> {
        let mut tx = self.transaction(lock);
        let path = tx.update_entry(entry)?;
        tx.finish(message, now)?;
        Ok(path)
    }
}

impl<'j> Tx<'j> {
    /// The journal this transaction changes.
    pub fn journal(&self) -> &'j Journal {
        self.journal
    }

    fn rel(&self, path: &Path) -> PathBuf {
        self.journal.rel(path).to_path_buf()
    }

    /// Private entries written by this transaction are encrypted to `recipients` (none:
    /// stored plain), not to those `mpl.toml` named when it was read: for a transaction
    /// that changes them.
    pub fn encrypt_to(&mut self, recipients: Vec<String>) {
        self.recipients = Some(recipients);
    }

    fn find(&self, path: &Path) -> Option<&Staged> {
        self.index.get(path).map(|&i| &self.staged[i])
    }

    /// Stages `new` for `path`. A path staged twice keeps what it was first expected to be.
    fn stage(&mut self, path: &Path, new: Option<Vec<u8>>, expect: Expect, limit: u64) {
        match self.index.get(path) {
            Some(&i) => self.staged[i].new = new,
            None => {
                self.index.insert(path.to_path_buf(), self.staged.len());
                self.staged.push(Staged {
                    path: path.to_path_buf(),
                    new,
                    expect,
                    limit,
                });
            }
        }
    }

    /// The text of `path` as this transaction would leave it: what is staged, else what is
    /// on disk (`None` when there is no such file).
    pub fn read_text(&self, path: &Path) -> Result<Option<String>, ReadError> {
        if let Some(staged) = self.find(path) {
            return staged.new.clone().map(fs::text_of).transpose();
        }
        match self.journal.read_text(path) {
            Ok(text) => Ok(Some(text)),
            Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// Whether `path` exists as this transaction would leave it.
    pub fn exists(&self, path: &Path) -> bool {
        match self.find(path) {
            Some(staged) => staged.new.is_some(),
            None => std::fs::symlink_metadata(path).is_ok(),
        }
    }

    /// Stages a new file; it must not exist, now or when the transaction is finished.
    pub fn create(&mut self, path: &Path, bytes: Vec<u8>) -> Result<()> {
        if self.exists(path) {
            return Err(Error::new(format!(
                "{} already exists; not overwriting it",
                self.rel(path).display()
            )));
        }
        self.stage(path, Some(bytes), Expect::Absent, MAX_FILE_BYTES);
        Ok(())
    }

    /// Stages new contents for a file that was read as `was`; if it is not `was` any more
    /// when the transaction is finished, nothing is written.
    pub(crate) fn update(&mut self, path: &Path, bytes: Vec<u8>, was: &str) {
        let expect = Expect::Was {
            bytes: was.as_bytes().to_vec(),
            edited: false,
        };
        self.stage(path, Some(bytes), expect, MAX_FILE_BYTES);
    }

    /// [`Tx::update`] for a file the user edited (in an editor) from `was`.
    pub fn update_edited(&mut self, path: &Path, bytes: Vec<u8>, was: &str) {
        let expect = Expect::Was {
            bytes: was.as_bytes().to_vec(),
            edited: true,
        };
        self.stage(path, Some(bytes), expect, MAX_FILE_BYTES);
    }

    /// Stages the text of a file that may or may not exist yet: created if it does not,
    /// else updated if it is still as it is now.
    pub(crate) fn write(&mut self, path: &Path, bytes: Vec<u8>) -> Result<()> {
        match self
            .read_text(path)
            .map_err(|err| self.read_error(path, err))?
        {
            Some(was) => {
                self.update(path, bytes, &was);
                Ok(())
            }
            None => self.create(path, bytes),
        }
    }

    fn read_error(&self, path: &Path, err: ReadError) -> Error {
        Error::from(err.problem(self.rel(path)))
    }

    /// Stages a new entry; returns its file.
    pub fn create_entry(&mut self, entry: &Entry) -> Result<PathBuf> {
        let path = self.journal.entry_path(entry.kind, &entry.id);
        self.create(&path, frontmatter::render(entry).into_bytes())?;
        Ok(path)
    }

    /// Stages an entry that was read and parsed successfully, as it now is. Only what
    /// changed in its front matter is rewritten; the user's comments and layout there are
    /// kept. Returns its file.
    pub fn update_entry(&mut self, entry: &Entry) -> Result<PathBuf> {
        let path = self.journal.entry_path(entry.kind, &entry.id);
        let original = self
            .read_text(&path)
            .map_err(|err| self.read_error(&path, err))?
            .ok_or_else(|| {
                Error::new(format!(
                    "{} is gone; nothing was saved",
                    self.rel(&path).display()
                ))
            })?;
        let text = frontmatter::parse(&original, &entry.id)
            .ok()
            .and_then(|before| frontmatter::render_edit(&original, &before, entry))
            .map(|text| frontmatter::in_style_of(&original, &text))
            .unwrap_or_else(|| frontmatter::render(entry));
        self.update(&path, text.into_bytes(), &original);
        Ok(path)
    }

    /// Reads and parses an entry as this transaction would leave it.
    pub fn read_entry(&self, path: &Path) -> Result<Entry, Problem> {
        match self.find(path) {
            Some(staged) => {
                let text = staged
                    .new
                    .clone()
                    .ok_or_else(|| ReadError::Io(std::io::ErrorKind::NotFound.into()))
                    .and_then(fs::text_of)
                    .map_err(|err| err.problem(self.rel(path)))?;
                self.journal.parse_entry(path, &text)
            }
            None => self.journal.read_entry(path),
        }
    }

    /// A new id for an entry of `kind` titled `title` on `date`, used by no entry in the
    /// journal nor in this transaction (see [`Journal::new_id`]).
    pub fn new_id(
        &self,
        kind: Kind,
        date: NaiveDate,
        title: &str,
        visibility: Visibility,
    ) -> String {
        self.journal
            .new_id_unless(kind, date, title, visibility, |id| self.staged_id(id))
    }

    fn staged_id(&self, id: &str) -> bool {
        Kind::ALL.iter().any(|kind| {
            self.find(&self.journal.entry_path(*kind, id))
                .is_some_and(|s| s.new.is_some())
        })
    }

    /// Stages a checked file as an attachment in `attachments/`, unless the same bytes are
    /// stored already. Returns the attachment and whether its bytes are new.
    pub fn attach(&mut self, incoming: &Incoming) -> Result<(Attachment, bool)> {
        let bytes = incoming.read()?;
        let hash = crate::git::blob_id(&bytes);
        // The same bytes may be stored under another extension: reuse them (a link is
        // never taken for them).
        let dir = self.journal.root.join(ATTACHMENTS_DIR).join(&hash[..2]);
        let mut names: Vec<String> = self
            .journal
            .read_folder(&dir)
            .map_err(Error::from)?
            .into_iter()
            .filter(|(_, kind)| kind.is_file())
            .map(|(name, _)| name)
            .collect();
        names.extend(
            self.staged
                .iter()
                .filter(|s| s.new.is_some() && s.path.parent() == Some(dir.as_path()))
                .filter_map(|s| s.path.file_name()?.to_str().map(str::to_string)),
        );
        let existing = names
            .into_iter()
            .find(|name| name == &hash || name.starts_with(&format!("{hash}.")));
        let size = bytes.len() as u64;
        let (file, new) = match existing {
            Some(name) => (format!("{ATTACHMENTS_DIR}/{}/{name}", &hash[..2]), false),
            None => {
                let file = stored_path(&hash, &incoming.name);
                let path = self.journal.root.join(&file);
                self.stage(&path, Some(bytes), Expect::Absent, MAX_ATTACHMENT_BYTES);
                (file, true)
            }
        };
        Ok((
            Attachment {
                name: incoming.name.clone(),
                file,
                bytes: size,
            },
            new,
        ))
    }

    /// [`Tx::attach`] for a private entry in a journal that encrypts: the file is stored
    /// encrypted to the recipients, as `attachments/ab/HASH.EXT.age` (named by the hash of
    /// what is stored, so that equal files are not told apart by their names), never
    /// shared with another entry's plain copy.
    pub fn attach_encrypted(&mut self, incoming: &Incoming) -> Result<(Attachment, bool)> {
        let recipients = self
            .recipients
            .clone()
            .unwrap_or_else(|| self.journal.settings.recipients.clone());
        if recipients.is_empty() {
            return self.attach(incoming);
        }
        let plain = incoming.read()?;
        let size = plain.len() as u64;
        let sealed = crate::encryption::encrypt_binary(&plain, &recipients)
            .map_err(|m| Error::new(format!("cannot encrypt {}: {m}", incoming.name)))?;
        let hash = crate::git::blob_id(&sealed);
        let file = format!("{}.age", stored_path(&hash, &incoming.name));
        let path = self.journal.root.join(&file);
        let limit = sealed.len() as u64;
        self.stage(&path, Some(sealed), Expect::Absent, limit);
        Ok((
            Attachment {
                name: incoming.name.clone(),
                file,
                bytes: size,
            },
            true,
        ))
    }

    /// Stages a new challenge run in a file of its own (`-2`, … when a run of the same
    /// challenge started the same day exists). Returns its file.
    pub fn create_run(&mut self, run: &Run) -> Result<PathBuf> {
        let stem = run.file_stem();
        let dir = self.journal.runs_dir();
        let path = std::iter::once(dir.join(format!("{stem}.toml")))
            .chain((2..).map(|n| dir.join(format!("{stem}-{n}.toml"))))
            .find(|p| !self.exists(p))
            .expect("some name is free");
        self.create(&path, run.render().into_bytes())?;
        Ok(path)
    }

    /// Stages a run that was read successfully, as it now is.
    pub fn update_run(&mut self, run: &Run, path: &Path) -> Result<()> {
        self.write(path, run.render().into_bytes())
    }

    /// Writes and commits everything staged, as one commit with `message` (see the module
    /// documentation for the steps). Returns whether anything changed.
    pub fn finish(self, message: &str, now: DateTime<FixedOffset>) -> Result<bool> {
        self.run(message, now, None)
    }

    /// [`Tx::finish`], stopping after `crash` as a killed run would (for tests).
    fn run(self, message: &str, now: DateTime<FixedOffset>, crash: Option<Crash>) -> Result<bool> {
        let journal = self.journal;
        let repo = Repo::open(&journal.root)?;
        let (files, sealed) = self.checked(&repo)?;
        let self_recipients = self.recipients.clone();
        // A message that names what a private entry says would put it in the clear: the
        // message of a change to encrypted entries keeps its action, and names their ids.
        let neutral;
        let message = if sealed.is_empty() {
            message
        } else {
            let action = message
                .lines()
                .next()
                .unwrap_or("")
                .split(':')
                .next()
                .unwrap_or("change");
            neutral = match sealed.len() {
                1..=5 => format!("{action}: {}", sealed.join(", ")),
                n => format!("{action}: {n} encrypted entries"),
            };
            neutral.as_str()
        };
        let changes: Vec<(PathBuf, Option<Blob>)> =
            files.iter().map(|f| (f.path.clone(), f.new)).collect();
        let before = repo.head_id()?;
        let Some(after) = repo.new_commit(&changes, message, &journal.author(now))? else {
            // The files already say this in git: only the work tree may differ.
            let intent = Intent {
                message: message.to_string(),
                before,
                after: None,
                files,
            };
            intent.apply(journal, &repo, Side::New, None)?;
            return Ok(false);
        };
        let intent = Intent {
            message: message.to_string(),
            before,
            after: Some(after),
            files,
        };
        intent.record(journal)?;
        if let Some(Crash::Applying(files)) = crash {
            let mut part = intent.clone();
            part.files.truncate(files);
            part.apply(journal, &repo, Side::New, None)?;
            return Ok(false);
        }
        if crash == Some(Crash::Applied) {
            intent.apply(journal, &repo, Side::New, None)?;
            return Ok(false);
        }
        intent.take_effect(journal, &repo, message.lines().next().unwrap_or(message))?;
        // The first encrypted write on this machine: the recipients it wrote to are those
        // it accepts (a change that arrives by sync is then reported).
        if !sealed.is_empty() && journal.accepted_recipients().is_none() {
            let _ = journal.accept_recipients(
                self_recipients
                    .as_deref()
                    .unwrap_or(&journal.settings.recipients),
            );
        }
        COMMITTED.store(true, std::sync::atomic::Ordering::Relaxed);
        if crash == Some(Crash::Advanced) {
            return Ok(true);
        }
        // The change has happened. Should git's index not take it now, the intent stays,
        // and the next mpl brings the index in line.
        if intent.stage(&repo).is_ok() {
            intent.clear(journal);
        }
        Ok(true)
    }

    /// Checks each staged file against what it must be and against what mpl can read back,
    /// and stores its old and new bytes in git: the intent's list of files.
    fn checked(&self, repo: &Repo) -> Result<(Vec<FileChange>, Vec<String>)> {
        let mut files = Vec::new();
        // The ids of the files stored encrypted.
        let mut sealed = Vec::new();
        let trust_mode = repo.trusts_file_mode();
        let head = repo.head_id()?;
        for staged in &self.staged {
            let rel = self.rel(&staged.path);
            let current = match self.journal.read_bytes(&staged.path, u64::MAX) {
                Ok(bytes) => Some(bytes),
                Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => None,
                Err(err) => return Err(self.read_error(&staged.path, err)),
            };
            match (&staged.expect, &current) {
                (Expect::Absent, Some(_)) => {
                    return Err(Error::new(format!(
                        "{} already exists; nothing was saved",
                        rel.display()
                    ))
                    .hint("run the command again"));
                }
                (Expect::Was { bytes, edited }, current)
                    if current.as_ref() != Some(bytes)
                        && !self.same_when_opened(&staged.path, current.as_deref(), bytes) =>
                {
                    return Err(if *edited {
                        Error::new(format!(
                            "{} changed while you were editing it; your edit was not saved",
                            rel.display()
                        ))
                    } else {
                        Error::new(format!(
                            "{} changed since mpl read it (another program or machine wrote it); nothing was saved",
                            rel.display()
                        ))
                        .hint("run the command again: it reads the file as it is now")
                    });
                }
                _ => {}
            }
            if let Some(new) = &staged.new
                && new.len() as u64 > staged.limit
            {
                return Err(self.too_large(&staged.path, new, new.len(), staged.limit));
            }
            // What is stored: a private entry encrypted, when the journal encrypts. What is
            // encrypted now stays encrypted, whatever the new text says, but for an edit the
            // user made by hand and `mpl decrypt all`: a merge, a hostile version, or a
            // rewrite never turns it plain.
            let was_sealed = current
                .as_deref()
                .and_then(|c| std::str::from_utf8(c).ok())
                .is_some_and(crate::encryption::is_sealed);
            let may_go_plain = matches!(staged.expect, Expect::Was { edited: true, .. })
                || self.recipients.as_ref().is_some_and(Vec::is_empty);
            let new = match &staged.new {
                Some(new) => {
                    let stored = if was_sealed && !may_go_plain {
                        self.journal.seal_keeping(
                            &staged.path,
                            new.clone(),
                            self.recipients.as_deref(),
                        )?
                    } else {
                        self.journal
                            .seal(&staged.path, new.clone(), self.recipients.as_deref())?
                    };
                    if stored != *new {
                        sealed.push(
                            staged
                                .path
                                .file_stem()
                                .map(|s| s.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                        );
                    }
                    if stored.len() as u64 > staged.limit {
                        return Err(self.too_large(&staged.path, new, stored.len(), staged.limit));
                    }
                    Some(stored)
                }
                None => None,
            };
            // The mode the file has: on disk, or (where the disk cannot say) in git.
            let mode = if trust_mode {
                match std::fs::symlink_metadata(&staged.path) {
                    Ok(meta) if is_executable(&meta) => EXECUTABLE,
                    _ => FILE,
                }
            } else {
                repo.blob_at(head, &rel)?.map_or(FILE, |blob| blob.mode)
            };
            files.push(FileChange {
                path: rel,
                old: current
                    .map(|bytes| repo.write_blob(&bytes).map(|id| Blob { id, mode }))
                    .transpose()?,
                new: new
                    .as_deref()
                    .map(|bytes| repo.write_blob(bytes).map(|id| Blob { id, mode }))
                    .transpose()?,
            });
        }
        Ok((files, sealed))
    }

    /// Whether the file at `path`, stored as `current`, is an encrypted entry whose text is
    /// `plain`: the same entry, encrypted anew (by another machine, or for a new
    /// recipient), is not a change to refuse.
    fn same_when_opened(&self, path: &Path, current: Option<&[u8]>, plain: &[u8]) -> bool {
        let Some(text) = current.and_then(|c| std::str::from_utf8(c).ok()) else {
            return false;
        };
        crate::encryption::is_sealed(text)
            && self
                .journal
                .open_sealed(path, text)
                .is_ok_and(|opened| opened.as_bytes() == plain)
    }

    /// The error for a file mpl could not read back, with its text kept in a draft.
    /// `size`: what the file would be as stored (encrypted, for a private entry).
    fn too_large(&self, path: &Path, bytes: &[u8], size: usize, limit: u64) -> Error {
        let rel = self.rel(path);
        let encrypted = if size > bytes.len() { " encrypted" } else { "" };
        let mut err = Error::new(format!(
            "{} would be {}{encrypted}, and mpl reads files of at most {}; nothing was saved",
            rel.display(),
            human_size(size as u64),
            human_size(limit)
        ));
        let kept = self.journal.drafts_dir().and_then(|dir| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let draft = dir.join(format!("too-large-{name}"));
            fs::write_atomic(&draft, bytes, true).map(|_| draft)
        });
        if let Ok(draft) = kept {
            err = err.hint(format!(
                "the text is kept at {}; split it, or keep the big part as a file (`mpl evidence add --file`)",
                draft.display()
            ));
        }
        err
    }
}

/// Where a test stops a transaction, as a kill would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
enum Crash {
    /// After the intent and this many of its files.
    Applying(usize),
    /// After every file, before the branch moves.
    Applied,
    /// After the branch moved, before the index and the intent.
    Advanced,
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.is_file() && meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}

/// One file of a change: its path relative to the root (with `/`), its blob before
/// (`None`: it did not exist) and after (`None`: the change removes it).
#[derive(Debug, Clone, PartialEq)]
struct FileChange {
    path: PathBuf,
    old: Option<Blob>,
    new: Option<Blob>,
}

/// What a transaction is about to do, as recorded in `.mpl/tx.toml` before the work tree is
/// touched.
#[derive(Debug, Clone, PartialEq)]
struct Intent {
    message: String,
    before: Option<CommitId>,
    /// `None` when no commit is made (the files only catch up with git).
    after: Option<CommitId>,
    files: Vec<FileChange>,
}

/// Which version of its files an intent puts in the work tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

impl Intent {
    fn to_toml(&self) -> String {
        let mut table = toml::Table::new();
        table.insert("message".into(), self.message.clone().into());
        if let Some(before) = self.before {
            table.insert("before".into(), before.hex().into());
        }
        if let Some(after) = self.after {
            table.insert("after".into(), after.hex().into());
        }
        let files: Vec<toml::Value> = self
            .files
            .iter()
            .map(|file| {
                let mut item = toml::Table::new();
                item.insert(
                    "path".into(),
                    file.path.to_string_lossy().replace('\\', "/").into(),
                );
                if let Some(old) = file.old {
                    item.insert("old".into(), old.id.hex().into());
                    item.insert("old_mode".into(), i64::from(old.mode).into());
                }
                if let Some(new) = file.new {
                    item.insert("new".into(), new.id.hex().into());
                    item.insert("mode".into(), i64::from(new.mode).into());
                }
                toml::Value::Table(item)
            })
            .collect();
        table.insert("file".into(), files.into());
        format!(
            "# A change mpl was making; the next mpl finishes or undoes it. Do not edit.\n{}",
            toml::to_string(&table).expect("a TOML table always serializes")
        )
    }

    fn from_toml(text: &str) -> Option<Intent> {
        let table: toml::Table = text.parse().ok()?;
        let commit = |key: &str| -> Option<Option<CommitId>> {
            match table.get(key) {
                None => Some(None),
                Some(value) => CommitId::from_hex(value.as_str()?).map(Some),
            }
        };
        let mut files = Vec::new();
        for item in table.get("file")?.as_array()? {
            let item = item.as_table()?;
            let blob = |key: &str| -> Option<Option<BlobId>> {
                match item.get(key) {
                    None => Some(None),
                    Some(value) => BlobId::from_hex(value.as_str()?).map(Some),
                }
            };
            let mode = |key: &str| -> Option<u32> {
                match item.get(key) {
                    None => Some(FILE),
                    Some(value) => u32::try_from(value.as_integer()?).ok(),
                }
            };
            // A path the intent names must lead into the journal: a damaged or planted
            // intent never writes elsewhere.
            let path = PathBuf::from(item.get("path")?.as_str()?);
            let plain = path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            let first = path.components().next()?.as_os_str().to_str()?;
            if !plain || first == ".git" || first == STATE_DIR {
                return None;
            }
            let (old_mode, new_mode) = (mode("old_mode")?, mode("mode")?);
            files.push(FileChange {
                path,
                old: blob("old")?.map(|id| Blob { id, mode: old_mode }),
                new: blob("new")?.map(|id| Blob { id, mode: new_mode }),
            });
        }
        Some(Intent {
            message: table.get("message")?.as_str()?.to_string(),
            before: commit("before")?,
            after: commit("after")?,
            files,
        })
    }

    /// Records the intent, flushed to disk, before any file of the work tree is touched.
    fn record(&self, journal: &Journal) -> Result<()> {
        let dir = journal.state_dir()?;
        fs::write_atomic_via(
            &dir.join(INTENT),
            &dir.join(INTENT_TEMP),
            self.to_toml().as_bytes(),
        )
    }

    /// Puts `side`'s version of every file in the work tree, atomically file by file, where
    /// it is not there already: removals first (and the folders they leave empty), so that a
    /// folder can become a file and a file a folder. With `keep` (in recovery), a file that
    /// is neither the old nor the new version (someone changed it since) is copied to
    /// `.mpl/drafts/` first, and its copy named in `keep`.
    fn apply(
        &self,
        journal: &Journal,
        repo: &Repo,
        side: Side,
        mut keep: Option<&mut Vec<PathBuf>>,
    ) -> Result<()> {
        let wanted = |file: &FileChange| match side {
            Side::New => file.new,
            Side::Old => file.old,
        };
        let (removals, writes): (Vec<&FileChange>, Vec<&FileChange>) =
            self.files.iter().partition(|f| wanted(f).is_none());
        for file in removals.into_iter().chain(writes) {
            let path = journal.root.join(&file.path);
            let current = match journal.read_bytes(&path, u64::MAX) {
                Ok(bytes) => Some(bytes),
                Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => None,
                // A folder where the file goes (emptied by a removal above, or not).
                Err(ReadError::Io(_)) if path.is_dir() && wanted(file).is_some() => {
                    remove_empty_folders(&journal.root, &path.join("-"));
                    None
                }
                Err(err) => {
                    return Err(Error::new(format!(
                        "cannot update {}: {}",
                        file.path.display(),
                        err.message()
                    )));
                }
            };
            if let (Some(kept), Some(bytes)) = (keep.as_deref_mut(), &current) {
                let id = crate::git::blob_id(bytes);
                let known = [file.old, file.new]
                    .iter()
                    .flatten()
                    .any(|blob| blob.id.hex() == id);
                if !known {
                    kept.push(journal.keep_copy(&file.path, bytes)?);
                }
            }
            match wanted(file) {
                Some(blob) => {
                    let bytes = repo.read_blob(blob.id)?;
                    if current.as_deref() != Some(bytes.as_slice()) {
                        journal.write_file(&path, &bytes, true)?;
                    }
                    set_executable(&path, blob.mode == EXECUTABLE);
                }
                None if current.is_some() => {
                    std::fs::remove_file(&path)
                        .map_err(|err| Error::io(&err, "cannot remove", &path))?;
                    remove_empty_folders(&journal.root, &path);
                }
                None => {}
            }
        }
        Ok(())
    }

    /// Writes the new files and moves the branch: the change happens. If either fails, the
    /// files are put back as they were (and the next mpl would do it, were this run to stop
    /// now), and the change has not happened.
    fn take_effect(&self, journal: &Journal, repo: &Repo, why: &str) -> Result<()> {
        let after = self
            .after
            .ok_or_else(|| Error::new("mpl: a change without a commit cannot take effect"))?;
        let done = self
            .apply(journal, repo, Side::New, None)
            .and_then(|()| repo.advance(self.before, after, why));
        // An error after the branch moved (flushing its folder, say) is no failure: the
        // change has happened.
        if done.is_err() && repo.head_id().ok().flatten() == Some(after) {
            return Ok(());
        }
        if done.is_err() && self.apply(journal, repo, Side::Old, None).is_ok() {
            self.clear(journal);
        }
        done
    }

    /// Brings git's index in line with the intent's files.
    fn stage(&self, repo: &Repo) -> Result<()> {
        let paths: Vec<&Path> = self.files.iter().map(|f| f.path.as_path()).collect();
        repo.stage(&paths)
    }

    /// Removes the intent, and mpl's temporary files in the folders it touched.
    fn clear(&self, journal: &Journal) {
        let mut dirs: Vec<PathBuf> = self
            .files
            .iter()
            .filter_map(|f| journal.root.join(&f.path).parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            fs::remove_temporary_files(&dir);
        }
        let _ = std::fs::remove_file(journal.root.join(STATE_DIR).join(INTENT));
    }
}

impl Journal {
    /// `.mpl/`, made if missing; a link there is an error, never followed.
    pub fn state_dir(&self) -> Result<PathBuf> {
        let dir = self.root.join(STATE_DIR);
        self.make_folders(&dir)?;
        Ok(dir)
    }

    /// Whether an earlier run left a change half-done, or a sync it did not finish.
    pub(crate) fn needs_recovery(&self) -> bool {
        let state = self.root.join(STATE_DIR);
        [INTENT, INTENT_TEMP, BUSY, PUSHING]
            .iter()
            .any(|name| state.join(name).exists())
    }

    /// Finishes or undoes the change an earlier run left half-done (see the module
    /// documentation), and removes what a killed run of mpl left in git (its lock files)
    /// and in the journal (temporary files). The caller holds the lock, so no other mpl is
    /// at work. Returns what was done, if anything.
    pub(crate) fn recover(&self, _lock: &Lock) -> Result<Option<Recovered>> {
        let state = self.root.join(STATE_DIR);
        let busy = state.join(BUSY);
        let intent_path = state.join(INTENT);
        let had_intent = intent_path.exists();
        // An intent that was being written when its run was killed: that run had touched
        // nothing yet.
        let _ = std::fs::remove_file(state.join(INTENT_TEMP));
        if !had_intent && !busy.exists() {
            return Ok(None);
        }
        // Whatever git lock files exist now were left by the killed mpl: this one holds the
        // journal's lock, and mpl takes git's locks only while it holds it. So were the
        // temporary files of `.mpl/`'s own state.
        crate::git::remove_stale_locks(&self.root);
        fs::remove_temporary_files(&state);
        self.remove_remote_locks_left(&state.join(PUSHING));
        let _ = std::fs::remove_file(&busy);
        if !had_intent {
            return Ok(None);
        }
        // (However many files a change holds, its intent reads back.)
        let text = fs::read_limited(&intent_path, 1 << 30, false)
            .and_then(fs::text_of)
            .map_err(|err| Error::new(format!("{}: {}", intent_path.display(), err.message())))?;
        let intent = Intent::from_toml(&text).ok_or_else(|| {
            Error::new(format!(
                "{} does not read as a change mpl was making, so mpl cannot tell how to finish or undo it",
                intent_path.display()
            ))
            .hint(format!(
                "compare the files with the last commit (`git -C {} status`), put them as you want them and commit, then remove {}",
                crate::render::terminal::shell_path(&self.root),
                crate::render::terminal::shell_path(&intent_path)
            ))
        })?;
        let repo = Repo::open(&self.root)?;
        let head = repo.head_id()?;
        let (side, finished) = if intent.after.is_some() && head == intent.after {
            (Side::New, true)
        } else if head == intent.before {
            (Side::Old, false)
        } else {
            return Err(Error::new(format!(
                "an interrupted change (\"{}\") cannot be finished or undone: the journal's branch moved since it began",
                intent.message
            ))
            .hint(format!(
                "look at `git -C {} status` and `git log`, put the files as you want them, then remove {}",
                crate::render::terminal::shell_path(&self.root),
                crate::render::terminal::shell_path(&intent_path)
            )));
        };
        let mut kept = Vec::new();
        intent.apply(self, &repo, side, Some(&mut kept))?;
        intent.stage(&repo)?;
        intent.clear(self);
        Ok(Some(Recovered {
            message: intent.message,
            finished,
            kept,
        }))
    }

    /// Marks that `mpl sync` is pushing to `url`, when that is a folder on this machine (a
    /// path or `file://`), until [`Journal::end_push`].
    pub(crate) fn begin_push(&self, url: &str) -> Result<()> {
        let local = url.strip_prefix("file://").unwrap_or(url);
        if !Path::new(local).is_absolute() {
            return Ok(());
        }
        let dir = self.state_dir()?;
        fs::write_atomic_via(
            &dir.join(PUSHING),
            &dir.join("pushing.tmp"),
            local.as_bytes(),
        )
    }

    /// Removes the mark of [`Journal::begin_push`].
    pub(crate) fn end_push(&self) {
        let _ = std::fs::remove_file(self.root.join(STATE_DIR).join(PUSHING));
    }

    /// After a push that was killed (its mark is still there): the ref locks in the remote
    /// folder made since the push began were its own. (Were one another machine's, taken
    /// at that very moment, its push would fail and be tried again: nothing is lost.)
    fn remove_remote_locks_left(&self, mark: &Path) {
        let (Ok(meta), Ok(remote)) = (std::fs::metadata(mark), fs::read_text_nofollow(mark)) else {
            let _ = std::fs::remove_file(mark.with_extension("tmp"));
            return;
        };
        let since = meta
            .modified()
            .ok()
            .and_then(|t| t.checked_sub(std::time::Duration::from_secs(1)));
        let remote = Path::new(remote.trim());
        let git_dir = if remote.join(".git").is_dir() {
            remote.join(".git")
        } else {
            remote.to_path_buf()
        };
        // The push's git, or its receive-pack, may still be finishing (its lock is then
        // its own, removed when it is done): it is given a moment.
        if crate::git::git_left_within(&git_dir, crate::git::GIT_DYING) == Some(true) {
            return;
        }
        for dir in [git_dir.clone(), git_dir.join("refs").join("heads")] {
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in read.filter_map(|e| e.ok()) {
                let path = entry.path();
                let fresh = entry
                    .metadata()
                    .ok()
                    .and_then(|m| m.modified().ok())
                    .zip(since)
                    .is_some_and(|(made, since)| made >= since);
                if path.extension().is_some_and(|e| e == "lock") && fresh {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        let _ = std::fs::remove_file(mark);
    }

    /// Moves the work tree and the branch to `target` (a commit that holds the branch's
    /// tip, fetched or merged by `mpl sync`), as a transaction: each file that differs is
    /// written atomically, the branch moves last, and a killed run is finished or undone
    /// by the next one. A file that changed since the last commit stops it before
    /// anything is written.
    /// Returns the copies kept of files git ignores that stood where files came in.
    pub(crate) fn advance_to(
        &self,
        _lock: &Lock,
        target: CommitId,
        why: &str,
    ) -> Result<Vec<PathBuf>> {
        let repo = Repo::open(&self.root)?;
        let before = repo.head_id()?;
        let mut files = Vec::new();
        let mut kept = Vec::new();
        for TreeChange { path, old, new } in repo.tree_changes(before, target)? {
            let full = self.root.join(&path);
            let current = match self.read_bytes(&full, u64::MAX) {
                Ok(bytes) => Some(bytes),
                Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => None,
                // A folder that becomes a file, or a file a folder: what is in the way goes
                // first (see `apply`).
                Err(ReadError::Io(_))
                    if full.is_dir()
                        || path.ancestors().skip(1).any(|up| {
                            !up.as_os_str().is_empty() && self.root.join(up).is_file()
                        }) =>
                {
                    None
                }
                Err(err) => return Err(Error::new(err.problem(path.clone()).to_string())),
            };
            let current_id = current.as_deref().map(crate::git::blob_id);
            let old = match (old, current) {
                (None, None) => None,
                (Some(old), Some(_)) if current_id == Some(old.id.hex()) => Some(old),
                // A file git ignores (a `.DS_Store`, say) where one comes in: a copy is
                // kept, and undoing the change puts it back.
                (None, Some(bytes)) => {
                    kept.push(self.keep_copy(&path, &bytes)?);
                    Some(Blob {
                        id: repo.write_blob(&bytes)?,
                        mode: FILE,
                    })
                }
                _ => {
                    return Err(Error::new(format!(
                        "{} changed while mpl was syncing; nothing was changed",
                        path.display()
                    ))
                    .hint("run `mpl sync` again"));
                }
            };
            files.push(FileChange { path, old, new });
        }
        let intent = Intent {
            message: why.to_string(),
            before,
            after: Some(target),
            files,
        };
        intent.record(self)?;
        intent.take_effect(self, &repo, why)?;
        if intent.stage(&repo).is_ok() {
            intent.clear(self);
        }
        Ok(kept)
    }

    /// Keeps a copy of the file at `rel` (its `bytes`) in `.mpl/drafts/`, before mpl writes
    /// over it; returns where.
    fn keep_copy(&self, rel: &Path, bytes: &[u8]) -> Result<PathBuf> {
        let name = rel.to_string_lossy().replace(['/', '\\'], "-");
        let dir = self.drafts_dir()?;
        let copy = (1..)
            .map(|n| {
                if n == 1 {
                    dir.join(format!("kept-{name}"))
                } else {
                    dir.join(format!("kept-{name}-{n}"))
                }
            })
            .find(|p| !p.exists())
            .expect("some name is free");
        fs::write_atomic(&copy, bytes, false)?;
        Ok(copy)
    }
}

/// Removes the folders above `path` (a file just removed) that are now empty, up to the
/// journal's root.
fn remove_empty_folders(root: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(unix)]
fn set_executable(path: &Path, executable: bool) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode();
        let wanted = if executable {
            mode | ((mode & 0o444) >> 2)
        } else {
            mode & !0o111
        };
        if wanted != mode {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(wanted));
        }
    }
}

#[cfg(not(unix))]
fn set_executable(_: &Path, _: bool) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Settings;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap()
    }

    /// A new journal with one entry, `learned/2026/2026-11-25-old.md`.
    fn journal() -> (tempfile::TempDir, Journal, Lock) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("journal");
        let lock = super::super::lock::acquire(&root.join(STATE_DIR).join("lock"), || {}).unwrap();
        let journal = Journal::create(&root, Settings::new("T", ""), now(), &lock).unwrap();
        let mut tx = journal.transaction(&lock);
        tx.create(
            &root.join("learned/2026/2026-11-25-old.md"),
            b"old\n".to_vec(),
        )
        .unwrap();
        tx.finish("learn: old", now()).unwrap();
        (dir, journal, lock)
    }

    fn read(journal: &Journal, rel: &str) -> Option<String> {
        std::fs::read_to_string(journal.root.join(rel)).ok()
    }

    fn head(journal: &Journal) -> Option<CommitId> {
        Repo::open(&journal.root).unwrap().head_id().unwrap()
    }

    /// `git status` of the journal is clean: the index and the work tree agree with HEAD.
    fn clean(journal: &Journal) -> bool {
        let repo = git2::Repository::open(&journal.root).unwrap();
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true);
        repo.statuses(Some(&mut opts)).unwrap().is_empty()
    }

    #[test]
    fn a_private_entry_of_a_journal_that_encrypts_gets_an_id_that_says_nothing_of_it() {
        let (_dir, mut journal, lock) = journal();
        let day = now().date_naive();
        let title = "Grace Hopper at Acme";
        assert_eq!(
            journal.new_id(Kind::Network, day, title, Visibility::Private),
            "grace-hopper-at-acme"
        );
        journal.settings.recipients = vec![crate::encryption::new_identity(now()).1];
        for (kind, neutral) in [
            (Kind::Network, "contact"),
            (Kind::Goal, "goal"),
            (Kind::Toolkit, "tool"),
            (Kind::Feedback, "2026-11-25-feedback"),
            (Kind::Learned, "2026-11-25-learned"),
            (Kind::Evidence, "2026-11-25-evidence"),
        ] {
            assert_eq!(
                journal.new_id(kind, day, title, Visibility::Private),
                neutral
            );
            // Team and public entries are plain: their ids keep the words of their titles.
            for visibility in [Visibility::Team, Visibility::Public] {
                let id = journal.new_id(kind, day, title, visibility);
                assert!(id.contains("grace"), "{kind} {visibility:?}: {id}");
            }
        }
        // Numbered past the ids the journal and the transaction use.
        let mut tx = journal.transaction(&lock);
        tx.create(&journal.root.join("network/contact.md"), b"x\n".to_vec())
            .unwrap();
        assert_eq!(
            journal.new_id(Kind::Network, day, title, Visibility::Private),
            "contact"
        );
        assert_eq!(
            tx.new_id(Kind::Network, day, title, Visibility::Private),
            "contact-2"
        );
    }

    /// A change of three files: one updated, one new in a new folder, one attachment.
    fn change<'j>(journal: &'j Journal, lock: &Lock) -> Tx<'j> {
        let mut tx = journal.transaction(lock);
        tx.update(
            &journal.root.join("learned/2026/2026-11-25-old.md"),
            b"new\n".to_vec(),
            "old\n",
        );
        tx.create(&journal.root.join("goals/g.md"), b"goal\n".to_vec())
            .unwrap();
        tx.create(
            &journal.root.join("attachments/ab/abc.pdf"),
            b"%PDF".to_vec(),
        )
        .unwrap();
        tx
    }

    fn assert_old(journal: &Journal, head_before: Option<CommitId>) {
        assert_eq!(
            read(journal, "learned/2026/2026-11-25-old.md").as_deref(),
            Some("old\n")
        );
        assert_eq!(read(journal, "goals/g.md"), None);
        assert_eq!(read(journal, "attachments/ab/abc.pdf"), None);
        assert_eq!(head(journal), head_before);
        assert!(clean(journal));
        assert!(!journal.needs_recovery());
    }

    fn assert_new(journal: &Journal, head_before: Option<CommitId>) {
        assert_eq!(
            read(journal, "learned/2026/2026-11-25-old.md").as_deref(),
            Some("new\n")
        );
        assert_eq!(read(journal, "goals/g.md").as_deref(), Some("goal\n"));
        assert_eq!(
            read(journal, "attachments/ab/abc.pdf").as_deref(),
            Some("%PDF")
        );
        assert_ne!(head(journal), head_before);
        assert!(clean(journal));
        assert!(!journal.needs_recovery());
    }

    #[test]
    fn a_finished_transaction_is_one_commit_of_exactly_its_files() {
        let (_dir, journal, lock) = journal();
        let before = head(&journal);
        assert!(
            change(&journal, &lock)
                .finish("x: three files", now())
                .unwrap()
        );
        assert_new(&journal, before);
        let repo = Repo::open(&journal.root).unwrap();
        let changed = repo.tree_changes(before, head(&journal).unwrap()).unwrap();
        assert_eq!(changed.len(), 3);
    }

    #[test]
    fn a_run_killed_before_the_branch_moved_is_undone() {
        for crash in [
            Crash::Applying(0),
            Crash::Applying(1),
            Crash::Applying(2),
            Crash::Applied,
        ] {
            let (_dir, journal, lock) = journal();
            let before = head(&journal);
            change(&journal, &lock)
                .run("x: killed", now(), Some(crash))
                .unwrap();
            assert!(journal.needs_recovery(), "{crash:?}");
            let done = journal.recover(&lock).unwrap().unwrap();
            assert_eq!(
                (done.message.as_str(), done.finished),
                ("x: killed", false),
                "{crash:?}"
            );
            assert_old(&journal, before);
        }
    }

    #[test]
    fn a_run_killed_after_the_branch_moved_is_finished() {
        let (_dir, journal, lock) = journal();
        let before = head(&journal);
        change(&journal, &lock)
            .run("x: killed", now(), Some(Crash::Advanced))
            .unwrap();
        assert!(!clean(&journal), "the index lags behind");
        let done = journal.recover(&lock).unwrap();
        let done = done.unwrap();
        assert_eq!((done.message.as_str(), done.finished), ("x: killed", true));
        assert_new(&journal, before);
    }

    #[test]
    fn a_file_changed_after_the_kill_is_kept_before_recovery_puts_it_right() {
        for crash in [Crash::Applying(2), Crash::Advanced] {
            let (_dir, journal, lock) = journal();
            change(&journal, &lock)
                .run("x: killed", now(), Some(crash))
                .unwrap();
            // Someone opened the half-written file and typed in it.
            std::fs::write(journal.root.join("goals/g.md"), "goal\nMY NOTES\n").unwrap();
            let done = journal.recover(&lock).unwrap().unwrap();
            assert_eq!(done.kept.len(), 1, "{crash:?}");
            assert_eq!(
                std::fs::read_to_string(&done.kept[0]).unwrap(),
                "goal\nMY NOTES\n"
            );
            assert!(done.kept[0].starts_with(journal.root.join(".mpl/drafts")));
            assert!(clean(&journal), "{crash:?}");
        }
    }

    #[test]
    fn an_undone_change_puts_back_the_mode_a_file_had() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, journal, lock) = journal();
        let file = journal.root.join("learned/2026/2026-11-25-old.md");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o700)).unwrap();
        let mut tx = journal.transaction(&lock);
        tx.create(
            &journal.root.join("learned/2026/2026-11-25-more.md"),
            b"x\n".to_vec(),
        )
        .unwrap();
        tx.finish("learn: more", now()).unwrap();
        let mut tx = journal.transaction(&lock);
        tx.update(&file, b"new\n".to_vec(), "old\n");
        tx.run("x", now(), Some(Crash::Applied)).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        journal.recover(&lock).unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o100, 0o100, "{mode:o}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old\n");
    }

    #[test]
    fn an_intent_naming_a_path_out_of_the_journal_is_refused() {
        let (_dir, journal, lock) = journal();
        let outside = journal.root.parent().unwrap().join("victim");
        std::fs::write(&outside, "mine").unwrap();
        for path in ["../victim", "/tmp/victim", ".git/config", ".mpl/lock"] {
            let intent = format!(
                "message = \"x\"\n[[file]]\npath = \"{path}\"\nold = \"{}\"\n",
                "a".repeat(40)
            );
            assert_eq!(Intent::from_toml(&intent), None, "{path}");
        }
        std::fs::write(
            journal.root.join(".mpl/tx.toml"),
            "message = \"x\"\n[[file]]\npath = \"../victim\"\n",
        )
        .unwrap();
        assert!(journal.recover(&lock).is_err());
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine");
    }

    #[test]
    fn recovery_removes_git_locks_and_temporary_files_a_killed_run_left() {
        let (_dir, journal, lock) = journal();
        let before = head(&journal);
        change(&journal, &lock)
            .run("x: killed", now(), Some(Crash::Applying(1)))
            .unwrap();
        std::fs::write(journal.root.join(".git/index.lock"), "").unwrap();
        std::fs::write(journal.root.join(".git/refs/heads/main.lock"), "").unwrap();
        let temp = journal.root.join("goals/.mpl-AbC123.tmp");
        std::fs::create_dir_all(temp.parent().unwrap()).unwrap();
        std::fs::write(&temp, "half").unwrap();
        journal.recover(&lock).unwrap();
        assert!(!journal.root.join(".git/index.lock").exists());
        assert!(!journal.root.join(".git/refs/heads/main.lock").exists());
        assert!(!temp.exists());
        assert_old(&journal, before);
        // The journal takes writes again at once.
        assert!(change(&journal, &lock).finish("x: again", now()).unwrap());
    }

    #[test]
    fn a_branch_that_cannot_move_leaves_every_file_as_it_was() {
        let (_dir, journal, lock) = journal();
        let before = head(&journal);
        // A git command holds the branch.
        let held = journal.root.join(".git/refs/heads/main.lock");
        std::fs::write(&held, "").unwrap();
        let err = change(&journal, &lock).finish("x", now()).unwrap_err();
        assert!(err.message.contains("main.lock"), "{err}");
        std::fs::remove_file(&held).unwrap();
        assert_old(&journal, before);
    }

    #[test]
    fn a_file_changed_since_it_was_read_stops_the_whole_change() {
        let (_dir, journal, lock) = journal();
        let before = head(&journal);
        let tx = change(&journal, &lock);
        std::fs::write(
            journal.root.join("learned/2026/2026-11-25-old.md"),
            "theirs\n",
        )
        .unwrap();
        let err = tx.finish("x", now()).unwrap_err();
        assert!(err.message.contains("changed since mpl read it"), "{err}");
        assert_eq!(read(&journal, "goals/g.md"), None);
        assert_eq!(head(&journal), before);
        assert!(!journal.needs_recovery());
    }

    #[test]
    fn a_file_mpl_could_not_read_back_is_never_written_and_its_text_is_kept() {
        let (_dir, journal, lock) = journal();
        let before = head(&journal);
        let mut tx = journal.transaction(&lock);
        let big = vec![b'x'; MAX_FILE_BYTES as usize + 1];
        tx.create(
            &journal.root.join("learned/2026/2026-11-25-big.md"),
            big.clone(),
        )
        .unwrap();
        let err = tx.finish("learn: big", now()).unwrap_err();
        assert!(
            err.message.contains("mpl reads files of at most 8 MiB"),
            "{err}"
        );
        assert_eq!(read(&journal, "learned/2026/2026-11-25-big.md"), None);
        let kept = journal.root.join(".mpl/drafts/too-large-2026-11-25-big.md");
        assert_eq!(std::fs::read(kept).unwrap(), big);
        assert_eq!(head(&journal), before);
    }

    #[test]
    fn the_intent_reads_back_as_it_was_written() {
        let intent = Intent {
            message: "learn: \"quoted\"\nand more".into(),
            before: None,
            after: CommitId::from_hex("0123456789012345678901234567890123456789"),
            files: vec![FileChange {
                path: PathBuf::from("learned/2026/x.md"),
                old: None,
                new: Some(Blob {
                    id: BlobId::from_hex("abcdefabcdefabcdefabcdefabcdefabcdefabcd").unwrap(),
                    mode: EXECUTABLE,
                }),
            }],
        };
        assert_eq!(Intent::from_toml(&intent.to_toml()), Some(intent));
        assert_eq!(Intent::from_toml("message = 1"), None);
    }
}
