//! Changing what a journal encrypts, each change one commit: recipients added or removed,
//! every private entry encrypted or decrypted, and versions kept apart by a machine without
//! the key merged (see [`crate::encryption`] for the format).

use super::{Journal, Lock, Problem, SETTINGS_FILE, Tx};
use crate::encryption::{Envelope, check_recipient, is_sealed, same_key};
use crate::error::{Error, Result};
use crate::model::{Settings, Visibility};
use crate::progress::Progress;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;
use toml_edit::DocumentMut;

/// In `.mpl/`: the encrypted entries with versions this machine kept apart or received
/// and could not merge yet, one path a line, merged at its next sync.
const PENDING: &str = "unmerged";

/// What a change of encryption did.
#[derive(Debug, Default)]
pub struct Rewritten {
    /// Of `files`, those that were stored plain before (their plain text stays in history).
    pub were_plain: usize,
    /// Entry files written anew (encrypted, decrypted or encrypted again).
    pub files: Vec<PathBuf>,
    /// Entries left as they were because they could not be read (named, never rewritten).
    pub problems: Vec<Problem>,
    /// Whether a commit was made.
    pub committed: bool,
}

/// Where an entry file stands.
enum Stored {
    /// Encrypted: its plain text, when this machine reads it.
    Sealed(String),
    /// Encrypted, but not as it should be written now: its plain front matter disagrees
    /// with the entry inside, the entry is not private any more, versions wait to be
    /// merged, or it is not encrypted to as many keys as `mpl.toml` names. Its plain text.
    Stale(String),
    /// Plain, and private.
    PlainPrivate(String),
    /// Plain and not private, or not an entry mpl can read: left alone.
    Other,
}

impl Journal {
    /// Whether the encrypted entry `stored`, whose plain text is `plain`, would be written
    /// otherwise now (see [`Stored::Stale`]).
    fn stale(&self, path: &std::path::Path, stored: &str, plain: &str) -> bool {
        let Ok(envelope) = Envelope::parse(stored) else {
            return true;
        };
        if self.other_recipients(&envelope) {
            return true;
        }
        match self.to_seal(path, plain) {
            // Not private inside, or not an entry: it stays as it is (encrypted) until the
            // user edits it; no rewrite turns an encrypted file plain.
            None => envelope.unmerged(),
            Some((id, kind, date, visibility)) => {
                envelope.unmerged()
                    || (id, kind, date, visibility)
                        != (
                            envelope.id,
                            envelope.kind,
                            envelope.date,
                            envelope.visibility,
                        )
            }
        }
    }

    /// Whether a part of `envelope` is encrypted to more or fewer keys than `mpl.toml`
    /// names: written on a machine that had not yet seen a recipient added or removed (a
    /// removed key may read it; an added one cannot).
    pub fn other_recipients(&self, envelope: &Envelope) -> bool {
        encrypted_to_other_than(envelope, self.settings.recipients.len())
    }

    /// The entry files and how each is stored; those that cannot be read (with `need_plain`,
    /// encrypted ones this machine cannot open too) are problems.
    fn stored_entries(
        &self,
        need_plain: bool,
        progress: &dyn Progress,
    ) -> (Vec<(PathBuf, Stored)>, Vec<Problem>) {
        let (files, mut problems) = self.entry_files();
        let mut out = Vec::new();
        let total = files.len() as u64;
        for (n, path) in files.into_iter().enumerate() {
            progress.update("reading", n as u64, total);
            let rel = self.rel(&path).to_path_buf();
            let stored = match self.read_stored(&path) {
                Ok(text) => text,
                Err(err) => {
                    problems.push(err.problem(rel));
                    continue;
                }
            };
            if is_sealed(&stored) {
                match self.open_sealed(&path, &stored) {
                    Ok(plain) if self.stale(&path, &stored, &plain) => {
                        out.push((path, Stored::Stale(plain)));
                    }
                    Ok(plain) => out.push((path, Stored::Sealed(plain))),
                    Err(err) if need_plain || !err.is_locked() => problems.push(err.problem(rel)),
                    Err(_) => out.push((path, Stored::Other)),
                }
                continue;
            }
            match self.parse_entry(&path, &stored) {
                Ok(entry) if entry.visibility == Visibility::Private => {
                    out.push((path, Stored::PlainPrivate(stored)));
                }
                Ok(_) => out.push((path, Stored::Other)),
                // A file that does not parse is named, and stays as it is.
                Err(problem) => problems.push(problem),
            }
        }
        progress.finish();
        (out, problems)
    }

    /// Encrypts every private entry stored plain, in one commit. The journal must name
    /// recipients.
    pub fn encrypt_all(
        &self,
        lock: &Lock,
        now: DateTime<FixedOffset>,
        progress: &dyn Progress,
    ) -> Result<Rewritten> {
        if !self.encrypts() {
            return Err(
                Error::usage(format!("{SETTINGS_FILE} names no recipients to encrypt to"))
                    .hint("`mpl encrypt setup` makes this machine's key and adds it"),
            );
        }
        let (entries, problems) = self.stored_entries(false, progress);
        let mut tx = self.transaction(lock);
        let mut files = Vec::new();
        let mut were_plain = 0;
        for (path, stored) in entries {
            if let Stored::PlainPrivate(_) = stored {
                were_plain += 1;
            }
            if let Stored::PlainPrivate(text) | Stored::Stale(text) = stored {
                tx.update(&path, text.clone().into_bytes(), &text);
                files.push(self.rel(&path).to_path_buf());
            }
        }
        let committed = !files.is_empty()
            && tx.finish(
                &format!(
                    "encrypt: {} private {}",
                    files.len(),
                    entries_word(files.len())
                ),
                now,
            )?;
        self.accept_recipients(&self.settings.recipients)?;
        Ok(Rewritten {
            files,
            problems,
            committed,
            were_plain,
        })
    }

    /// Decrypts every encrypted entry and removes the recipients from `mpl.toml`, in one
    /// commit: from then on private entries are written plain. Every encrypted entry must
    /// be readable here, or nothing is changed.
    pub fn decrypt_all(
        &self,
        lock: &Lock,
        now: DateTime<FixedOffset>,
        progress: &dyn Progress,
    ) -> Result<Rewritten> {
        self.change_recipients(
            lock,
            Vec::new(),
            |n| format!("decrypt: {n} private {}", entries_word(n)),
            now,
            progress,
        )
    }

    /// Adds `key` to the recipients (when it is not there) and encrypts every encrypted
    /// entry again, to all of them (and the private entries still plain, too), in one
    /// commit. Every encrypted
    /// entry must be readable here, or nothing is changed.
    pub fn add_recipient(
        &self,
        lock: &Lock,
        key: &str,
        now: DateTime<FixedOffset>,
        progress: &dyn Progress,
    ) -> Result<Rewritten> {
        let key = key.trim();
        check_recipient(key).map_err(|m| Error::usage(format!("invalid recipient {m}")))?;
        let mut recipients = self.settings.recipients.clone();
        // A key listed already (added by `mpl encrypt setup` on its machine): everything
        // is encrypted to the listed keys again.
        if !recipients.iter().any(|r| same_key(r, key)) {
            recipients.push(key.to_string());
        }
        self.change_recipients(
            lock,
            recipients,
            |_| "encrypt: add a recipient".into(),
            now,
            progress,
        )
    }

    /// Removes `key` from the recipients and encrypts every encrypted entry again, to
    /// those left, in one commit. What was encrypted to it before stays readable with it
    /// in git history: only a new key for everyone keeps it out of what is written next.
    pub fn remove_recipient(
        &self,
        lock: &Lock,
        key: &str,
        now: DateTime<FixedOffset>,
        progress: &dyn Progress,
    ) -> Result<Rewritten> {
        let key = key.trim();
        let recipients: Vec<String> = self
            .settings
            .recipients
            .iter()
            .filter(|r| !same_key(r, key))
            .cloned()
            .collect();
        if recipients.len() == self.settings.recipients.len() {
            return Err(Error::usage(format!("{} is not a recipient", shorten(key)))
                .hint("`mpl encrypt status` lists them"));
        }
        if recipients.is_empty() {
            return Err(Error::usage("that is the last recipient")
                .hint("`mpl decrypt all` stops encrypting; or add another first"));
        }
        self.change_recipients(
            lock,
            recipients,
            |_| "encrypt: remove a recipient".into(),
            now,
            progress,
        )
    }

    /// Sets the recipients to `recipients` (none: stop encrypting) and writes every
    /// encrypted entry again for them (and, when there are some, the private entries
    /// still plain), in one commit named by `message` from how many were written. Every
    /// encrypted entry must be readable here, or nothing is changed.
    fn change_recipients(
        &self,
        lock: &Lock,
        recipients: Vec<String>,
        message: impl Fn(usize) -> String,
        now: DateTime<FixedOffset>,
        progress: &dyn Progress,
    ) -> Result<Rewritten> {
        let (entries, problems) = self.stored_entries(true, progress);
        refuse_unreadable(&problems)?;
        let mut tx = self.transaction(lock);
        tx.encrypt_to(recipients.clone());
        let mut files = self.rewrite_sealed(&mut tx, entries, !recipients.is_empty());
        files.sort();
        self.set_recipients(&mut tx, &recipients)?;
        let committed = tx.finish(&message(files.len()), now)?;
        self.accept_recipients(&recipients)?;
        Ok(Rewritten {
            files,
            problems,
            committed,
            ..Rewritten::default()
        })
    }

    /// Stages every entry of `entries` that is encrypted, or private and plain, as its
    /// plain text: the transaction stores it as its recipients say.
    /// `plain_too`: private entries stored plain are staged as well (to be encrypted).
    fn rewrite_sealed(
        &self,
        tx: &mut Tx<'_>,
        entries: Vec<(PathBuf, Stored)>,
        plain_too: bool,
    ) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for (path, stored) in entries {
            let plain = match stored {
                Stored::Sealed(plain) | Stored::Stale(plain) => plain,
                Stored::PlainPrivate(plain) if plain_too => plain,
                _ => continue,
            };
            // The transaction checks the file still holds this text when it finishes.
            tx.update(&path, plain.clone().into_bytes(), &plain);
            files.push(self.rel(&path).to_path_buf());
        }
        files
    }

    /// Stages `mpl.toml` with `recipients` as `[encryption] recipients` (none: the key
    /// removed), its comments and layout kept.
    fn set_recipients(&self, tx: &mut Tx<'_>, recipients: &[String]) -> Result<()> {
        let path = self.root.join(SETTINGS_FILE);
        let was = self
            .read_text(&path)
            .map_err(|err| Error::from(err.problem(SETTINGS_FILE.into())))?;
        let text = with_recipients(&was, recipients).map_err(|m| {
            Error::new(format!("{SETTINGS_FILE} does not read: {m}"))
                .hint(format!("fix {SETTINGS_FILE} by hand first"))
        })?;
        // What is written must read back.
        let table = super::fs::parse_toml(&text).map_err(|err| {
            Error::internal(format!(
                "new {SETTINGS_FILE} does not read: {}",
                err.message
            ))
        })?;
        Settings::from_table(table).map_err(|err| {
            Error::internal(format!(
                "new {SETTINGS_FILE} does not read: {}",
                err.message
            ))
        })?;
        if text != was {
            tx.update(&path, text.into_bytes(), &was);
        }
        Ok(())
    }

    /// Sets the recipients in `mpl.toml`, in one commit, and nothing else: what is written
    /// from now on is encrypted to them (`mpl encrypt setup`).
    pub fn set_recipients_only(
        &self,
        lock: &Lock,
        recipients: &[String],
        now: DateTime<FixedOffset>,
    ) -> Result<bool> {
        let mut tx = self.transaction(lock);
        self.set_recipients(&mut tx, recipients)?;
        let changed = tx.finish("encrypt: set up a recipient", now)?;
        self.accept_recipients(recipients)?;
        Ok(changed)
    }

    /// Merges the encrypted entries among `paths` whose versions a machine without the key
    /// kept apart, and encrypts again those written to other recipients than `mpl.toml`
    /// names now (by a machine that had not yet seen one added or removed); commits it,
    /// and says what it did to which file. Those this machine cannot read are left for one
    /// that can.
    pub fn settle_unmerged(
        &self,
        lock: &Lock,
        paths: &[PathBuf],
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<(PathBuf, &'static str)>> {
        // Entry files only; and those this machine could not merge before (without the
        // key, or its passphrase).
        let is_entry = |rel: &PathBuf| {
            super::kind_of_path(rel).is_some() && rel.extension().is_some_and(|e| e == "md")
        };
        let mut paths: Vec<PathBuf> = paths.iter().filter(|p| is_entry(p)).cloned().collect();
        if let Ok(text) =
            super::fs::read_text_nofollow(&self.root.join(super::STATE_DIR).join(PENDING))
        {
            for line in text.lines().filter(|l| !l.is_empty()) {
                let rel = PathBuf::from(line);
                if is_entry(&rel) && !paths.contains(&rel) {
                    paths.push(rel);
                }
            }
        }
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        // Encrypted again to the recipients `mpl.toml` names now (a sync may have changed
        // them); with none known (it does not read), nothing is merged yet.
        let recipients = super::read_settings(&self.root)
            .map(|s| s.recipients)
            .unwrap_or_else(|_| self.settings.recipients.clone());
        if recipients.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.transaction(lock);
        tx.encrypt_to(recipients.clone());
        let mut merged: Vec<(PathBuf, &'static str)> = Vec::new();
        let mut pending = Vec::new();
        for rel in &paths {
            let path = self.root.join(rel);
            let Ok(stored) = self.read_stored(&path) else {
                continue;
            };
            if !is_sealed(&stored) {
                continue;
            }
            let Ok(envelope) = Envelope::parse(&stored) else {
                continue;
            };
            // Versions to merge; or one version, written to the recipients of its
            // machine's day, to encrypt to those of now. Either, unread here (no key, or no
            // passphrase), waits for a sync that reads it.
            let did = if envelope.unmerged() {
                MERGED
            } else if encrypted_to_other_than(&envelope, recipients.len()) {
                REENCRYPTED
            } else {
                continue;
            };
            // Versions with no common ancestor were written apart under one id (the same
            // title on the same day): two entries, as a sync with the key keeps them.
            if did == MERGED
                && envelope.base.is_none()
                && let Some(parts) = self.separated(&path, &envelope, &tx)
            {
                let Ok(was) = self.open_sealed(&path, &stored) else {
                    pending.push(rel.to_string_lossy().into_owned());
                    continue;
                };
                let mut parts = parts.into_iter();
                if let Some((_, first)) = parts.next() {
                    tx.update(&path, first.into_bytes(), &was);
                }
                for (other, text) in parts {
                    tx.create(&other, text.into_bytes())?;
                }
                merged.push((rel.clone(), MERGED));
                continue;
            }
            let Ok(plain) = self.open_sealed(&path, &stored) else {
                pending.push(rel.to_string_lossy().into_owned());
                continue;
            };
            tx.update(&path, plain.clone().into_bytes(), &plain);
            merged.push((rel.clone(), did));
        }
        if !merged.is_empty() {
            let message = if merged.iter().all(|(_, did)| *did == REENCRYPTED) {
                "sync: encrypt entries again to the recipients"
            } else {
                "sync: merge versions of encrypted entries"
            };
            tx.finish(message, now)?;
        }
        // Remembered on this machine, for its next sync.
        let state = self.root.join(super::STATE_DIR).join(PENDING);
        if !pending.is_empty() || state.exists() {
            let mut list = pending.join("\n");
            if !list.is_empty() {
                list.push('\n');
            }
            self.write_state(PENDING, list.as_bytes())?;
        }
        Ok(merged)
    }
}

impl Journal {
    /// Encrypts, in one commit, the private entries among `paths` (relative) written plain
    /// by hand (or by another program) in a journal that encrypts. Such an entry is never
    /// committed plain: one that does not read whole, or that the journal has nobody to
    /// encrypt to since its recipients were removed, is an error, and nothing is committed.
    pub fn seal_hand_edits(
        &self,
        lock: &Lock,
        paths: &[PathBuf],
        now: DateTime<FixedOffset>,
    ) -> Result<usize> {
        let stopped = self.stopped_encrypting();
        if !self.encrypts() && !stopped {
            return Ok(0);
        }
        let mut tx = self.transaction(lock);
        let mut count = 0;
        for rel in paths {
            if super::kind_of_path(rel).is_none() || rel.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let path = self.root.join(rel);
            let Ok(stored) = self.read_stored(&path) else {
                continue;
            };
            let sealed = is_sealed(&stored) && Envelope::parse(&stored).is_ok();
            if sealed || self.to_seal(&path, &stored).is_none() {
                continue;
            }
            if stopped {
                return Err(super::no_recipients(rel));
            }
            whole(self, &path, &stored)?;
            tx.update(&path, stored.clone().into_bytes(), &stored);
            count += 1;
        }
        if count > 0 {
            tx.finish("encrypt: private entries written by hand", now)?;
        }
        Ok(count)
    }
}

/// Checks that a private entry written by hand reads whole, as what its file name says,
/// before it is encrypted: once encrypted, it could no longer be mended by hand.
fn whole(journal: &Journal, path: &std::path::Path, text: &str) -> Result<()> {
    let fix = "fix it, then run `mpl sync`: a private entry written by hand is committed only encrypted, and encrypted only once it reads whole; nothing was committed or sent";
    let entry = journal
        .parse_entry(path, text)
        .map_err(|problem| Error::new(problem.to_string()).hint(fix))?;
    if let Some(declared) = super::frontmatter::declared_id(text)
        && declared != entry.id
    {
        return Err(Error::new(format!(
            "{}: id \"{declared}\" does not match the file name; the file name is the id",
            journal.rel(path).display()
        ))
        .hint(fix));
    }
    Ok(())
}

/// Whether a part of `envelope` is encrypted to another number of keys than `keys` (none:
/// nothing to compare with).
fn encrypted_to_other_than(envelope: &Envelope, keys: usize) -> bool {
    keys > 0
        && envelope
            .versions
            .iter()
            .any(|v| crate::encryption::recipient_count(v).is_some_and(|n| n != keys))
}

/// What [`Journal::settle_unmerged`] did to a file.
pub const MERGED: &str =
    "merged the versions kept apart where they could not be opened (no key, or no passphrase)";
pub const REENCRYPTED: &str = "encrypted again to the recipients mpl.toml names now: it was written on a machine that had not yet seen one added or removed";

fn entries_word(n: usize) -> &'static str {
    if n == 1 { "entry" } else { "entries" }
}

impl Journal {
    /// The versions of `envelope` (at `path`) as separate entries, when its kind's ids come
    /// from titles: the first at `path`, each other under a new id. `None` when they are
    /// one entry, or cannot be read here.
    fn separated(
        &self,
        path: &std::path::Path,
        envelope: &Envelope,
        tx: &Tx<'_>,
    ) -> Option<Vec<(PathBuf, String)>> {
        let keys = self.keys.identities().ok()?;
        let mut versions = Vec::new();
        for armored in &envelope.versions {
            let plain = crate::encryption::decrypt(armored, &keys).ok()?;
            versions.push(String::from_utf8(plain).ok()?);
        }
        let rel = self.rel(path).to_path_buf();
        let given = std::cell::RefCell::new(Vec::<PathBuf>::new());
        let mut out = vec![(path.to_path_buf(), versions[0].clone())];
        for other in &versions[1..] {
            let taken = |candidate: &std::path::Path| {
                let full = self.root.join(candidate);
                full.exists() || tx.exists(&full) || given.borrow().contains(&full)
            };
            let split = crate::sync::merge::separate_new_entries(
                &rel,
                versions[0].as_bytes(),
                other.as_bytes(),
                taken,
            )?;
            for (new_rel, text) in split.also {
                let full = self.root.join(new_rel);
                given.borrow_mut().push(full.clone());
                out.push((full, String::from_utf8(text).ok()?));
            }
        }
        Some(out)
    }
}

impl Tx<'_> {
    /// Adds `entry` as one more version of the encrypted entry in its file, which this
    /// machine cannot open now (no key, or a passphrase not asked for): writing needs only
    /// the recipients. The versions are merged where the file is read with the key, and
    /// written merged by the next `mpl sync` there. Returns the file.
    pub fn add_version(&mut self, entry: &crate::model::Entry) -> Result<PathBuf> {
        let journal = self.journal();
        let path = journal.entry_path(entry.kind, &entry.id);
        let rel = journal.rel(&path).to_path_buf();
        let stored = journal
            .read_stored(&path)
            .map_err(|err| Error::from(err.problem(rel.clone())))?;
        let mut envelope = Envelope::parse(&stored).map_err(|(line, message)| {
            Error::new(format!("{}:{line}: {message}", rel.display()))
        })?;
        if envelope.versions.len() >= crate::encryption::MAX_VERSIONS {
            return Err(Error::new(format!(
                "{} holds {} versions waiting to be merged already; nothing was saved",
                rel.display(),
                envelope.versions.len()
            ))
            .hint("run `mpl sync` on a machine with the key (or here, with its passphrase) to merge them"));
        }
        let recipients = journal.settings.recipients.clone();
        if recipients.is_empty() && journal.stopped_encrypting() {
            return Err(super::no_recipients(&rel));
        }
        if recipients.is_empty() {
            return Err(Error::new(format!(
                "{} is encrypted, and {SETTINGS_FILE} names no recipients to encrypt more to; nothing was saved",
                rel.display()
            ))
            .hint(format!(
                "check [encryption] recipients in {SETTINGS_FILE}; `mpl encrypt setup` adds this machine's key"
            )));
        }
        let plain = super::frontmatter::render(entry);
        envelope.versions.push(
            crate::encryption::encrypt(plain.as_bytes(), &recipients)
                .map_err(|m| Error::new(format!("cannot encrypt {}: {m}", rel.display())))?,
        );
        self.update(&path, envelope.render().into_bytes(), &stored);
        journal.remember_unmerged(&rel);
        Ok(path)
    }
}

impl Journal {
    /// Notes, for this machine's next sync, an encrypted entry whose versions wait.
    pub(crate) fn remember_unmerged(&self, rel: &std::path::Path) {
        let state = self.root.join(super::STATE_DIR).join(PENDING);
        let mut text = super::fs::read_text_nofollow(&state).unwrap_or_default();
        let line = rel.to_string_lossy();
        if !text.lines().any(|l| l == line) {
            text.push_str(&format!("{line}\n"));
            let _ = self.write_state(PENDING, text.as_bytes());
        }
    }
}

/// Stops a change that would leave some encrypted entries as they were: it must be whole.
fn refuse_unreadable(problems: &[Problem]) -> Result<()> {
    let Some(first) = problems.first() else {
        return Ok(());
    };
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Err(Error::new(format!("{first}{more}; nothing was changed"))
        .hint("every entry must read on this machine first: `mpl doctor` lists what does not"))
}

fn shorten(key: &str) -> String {
    let short: String = key.chars().filter(|c| !c.is_control()).take(24).collect();
    format!("{short}…")
}

/// The text of `mpl.toml` with `recipients` as `[encryption] recipients`, one per line.
fn with_recipients(text: &str, recipients: &[String]) -> std::result::Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|err: toml_edit::TomlError| err.message().to_string())?;
    if recipients.is_empty() {
        if let Some(section) = doc
            .get_mut("encryption")
            .and_then(|s| s.as_table_like_mut())
        {
            section.remove("recipients");
            if section.is_empty() {
                doc.remove("encryption");
            }
        }
        return Ok(doc.to_string());
    }
    let mut list = toml_edit::Array::new();
    for key in recipients {
        let mut value = toml_edit::Value::from(key.as_str());
        value.decor_mut().set_prefix("\n  ");
        list.push_formatted(value);
    }
    list.set_trailing("\n");
    list.set_trailing_comma(true);
    if !doc.contains_key("encryption") {
        doc.insert(
            "encryption",
            toml_edit::Item::Table(toml_edit::Table::new()),
        );
    }
    let section = doc["encryption"]
        .as_table_like_mut()
        .ok_or("'encryption' is not a section")?;
    section.insert("recipients", toml_edit::value(list));
    Ok(doc.to_string())
}

/// Whether `stored`, the text of an entry file, should be encrypted and is not: a plain
/// private entry, when the journal encrypts.
pub(crate) fn plain_private(journal: &Journal, path: &std::path::Path, stored: &str) -> bool {
    journal.encrypts()
        && !(is_sealed(stored) && Envelope::parse(stored).is_ok())
        && journal.to_seal(path, stored).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_written_one_per_line_keeping_the_rest() {
        let text = "# mine\nname = \"Ada\"\n\n[reflect]\ntemplate = \"gibbs\"\n";
        let keys = vec!["age1aaa".to_string(), "ssh-ed25519 AAAA me".to_string()];
        let out = with_recipients(text, &keys).unwrap();
        assert!(out.starts_with("# mine\nname = \"Ada\"\n"), "{out}");
        assert!(
            out.contains(
                "[encryption]\nrecipients = [\n  \"age1aaa\",\n  \"ssh-ed25519 AAAA me\",\n]\n"
            ),
            "{out}"
        );
        assert!(out.contains("template = \"gibbs\""));
        let back = with_recipients(&out, &[]).unwrap();
        assert!(!back.contains("encryption"), "{back}");
        assert!(back.contains("template = \"gibbs\""));
    }

    #[test]
    fn keys_are_the_same_whatever_their_comment() {
        assert!(same_key("ssh-ed25519 AAAA laptop", "ssh-ed25519 AAAA"));
        assert!(!same_key("ssh-ed25519 AAAA", "ssh-ed25519 AAAB"));
        assert!(same_key("age1x", " age1x"));
    }
}
