//! Private entries encrypted at rest and on the remote, with age (<https://age-encryption.org>).
//!
//! A journal encrypts once `mpl.toml` names recipients, the public keys its private entries
//! are encrypted to (one per machine or person):
//!
//! ```toml
//! [encryption]
//! recipients = ["age1…", "ssh-ed25519 AAAA… laptop"]
//! ```
//!
//! From then on every private entry file is written as an envelope: a front matter of only
//! what the layout needs, then the whole entry file as it would be written plain, encrypted
//! to every recipient and ASCII-armored, so that `age -d` gives back a plain entry file:
//!
//! ```text
//! +++
//! id = "2026-11-30"
//! kind = "reflection"
//! date = 2026-11-30
//! visibility = "private"
//! encrypted = "age"
//! +++
//! -----BEGIN AGE ENCRYPTED FILE-----
//! …
//! -----END AGE ENCRYPTED FILE-----
//! ```
//!
//! Writing needs only the recipients; reading needs an identity, a private key ([`Keys`]).
//! A machine without one that has to merge two versions of an encrypted entry keeps both in
//! one envelope, marked `unmerged`, each still encrypted (and their common ancestor, labelled
//! `<!-- base -->`); a machine with the key reads them merged, and its next `mpl sync`
//! writes the merge (see [`Envelope`]).

use crate::model::{Kind, Visibility};
pub use age::secrecy::{ExposeSecret, SecretString};
use chrono::NaiveDate;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The front matter key that marks an envelope, and its value.
pub const FIELD: &str = "encrypted";
pub const SCHEME: &str = "age";
/// The front matter key of an envelope that holds versions still to be merged.
pub const UNMERGED: &str = "unmerged";
/// The line before the common ancestor's block in an unmerged envelope.
const BASE_LABEL: &str = "<!-- base -->";
const BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const END: &str = "-----END AGE ENCRYPTED FILE-----";
/// The most versions an unmerged envelope holds; more is a damaged or hostile file (a merge
/// that would make more keeps the other side beside the file instead).
pub const MAX_VERSIONS: usize = 16;
/// The largest identity file read.
const MAX_IDENTITY_BYTES: u64 = 64 * 1024;

/// Whether `text` is an envelope: front matter that says `encrypted = "age"`. Cheap: only
/// the front matter's lines are looked at.
pub fn is_sealed(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("+++") else {
        return false;
    };
    for line in rest.lines().skip(1) {
        let line = line.trim();
        if line == "+++" {
            return false;
        }
        if let Some(value) = line.strip_prefix(FIELD)
            && let Some(value) = value.trim_start().strip_prefix('=')
        {
            return value.trim().trim_matches('"') == SCHEME;
        }
    }
    false
}

/// An encrypted entry file: what stays readable, and the encrypted versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub id: String,
    pub kind: Kind,
    pub date: NaiveDate,
    pub visibility: Visibility,
    /// The common ancestor of unmerged versions, when known (armored).
    pub base: Option<String>,
    /// One armored age file; more when a machine without the key kept versions to merge.
    pub versions: Vec<String>,
}

impl Envelope {
    /// Parses an envelope; a mistake is a message with its line (from 1).
    pub fn parse(text: &str) -> Result<Envelope, (usize, String)> {
        let parts = crate::store::frontmatter::split(text).map_err(|e| (e.line, e.message))?;
        let table: toml::Table =
            toml::from_str(parts.toml).map_err(|e| (2, format!("invalid front matter: {e}")))?;
        let field = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let missing = |key: &str| {
            (
                2,
                format!("an encrypted entry needs '{key}' in its front matter"),
            )
        };
        let id = field("id").ok_or_else(|| missing("id"))?;
        let kind = field("kind")
            .and_then(|k| Kind::parse(&k))
            .ok_or_else(|| missing("kind"))?;
        let date = match table.get("date") {
            Some(toml::Value::Datetime(d)) => d
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            _ => None,
        }
        .ok_or_else(|| missing("date"))?;
        let visibility = field("visibility")
            .and_then(|v| Visibility::parse(&v))
            .unwrap_or(Visibility::Private);
        let body_line = text[..text.len() - parts.body.len()].lines().count() + 1;
        let mut base = None;
        let mut versions = Vec::new();
        let mut labelled_base = false;
        let mut block: Option<String> = None;
        for (n, line) in parts.body.lines().enumerate() {
            let trimmed = line.trim_end();
            match &mut block {
                Some(armored) => {
                    armored.push_str(trimmed);
                    armored.push('\n');
                    if trimmed == END {
                        let done = block.take().unwrap_or_default();
                        if std::mem::take(&mut labelled_base) {
                            base = Some(done);
                        } else {
                            versions.push(done);
                        }
                        if versions.len() > MAX_VERSIONS {
                            return Err((
                                body_line + n,
                                format!("more than {MAX_VERSIONS} encrypted versions"),
                            ));
                        }
                    }
                }
                None if trimmed == BEGIN => block = Some(format!("{BEGIN}\n")),
                None if trimmed == BASE_LABEL => labelled_base = true,
                None if trimmed.is_empty() => {}
                None => {
                    return Err((
                        body_line + n,
                        "text outside the encrypted part of an encrypted entry".into(),
                    ));
                }
            }
        }
        if block.is_some() {
            return Err((
                body_line,
                "the encrypted part is cut short: it has no end line".into(),
            ));
        }
        if versions.is_empty() {
            return Err((
                body_line,
                "an encrypted entry with no encrypted part".into(),
            ));
        }
        Ok(Envelope {
            id,
            kind,
            date,
            visibility,
            base,
            versions,
        })
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::from("+++\n");
        let mut table = toml::Table::new();
        table.insert("id".into(), self.id.clone().into());
        table.insert("kind".into(), self.kind.as_str().into());
        out.push_str(&toml::to_string(&table).unwrap_or_default());
        out.push_str(&format!("date = {}\n", self.date.format("%Y-%m-%d")));
        out.push_str(&format!("visibility = \"{}\"\n", self.visibility.as_str()));
        out.push_str(&format!("{FIELD} = \"{SCHEME}\"\n"));
        if self.versions.len() > 1 {
            out.push_str(&format!(
                "# {} versions written on two machines, kept apart by a machine without the key;\n# mpl merges them on a machine with the key.\n{UNMERGED} = {}\n",
                self.versions.len(),
                self.versions.len()
            ));
        }
        out.push_str("+++\n");
        if let Some(base) = &self.base {
            out.push_str(BASE_LABEL);
            out.push('\n');
            out.push_str(base);
        }
        for version in &self.versions {
            out.push_str(version);
        }
        out
    }

    /// Whether versions wait to be merged.
    pub fn unmerged(&self) -> bool {
        self.versions.len() > 1
    }
}

/// Checks a recipient as `mpl.toml` may list it: an age X25519 public key (`age1…`) or an
/// ssh public key line (`ssh-ed25519 …`, `ssh-rsa …`). The message says what is wrong.
pub fn check_recipient(text: &str) -> Result<(), String> {
    parse_recipient(text).map(|_| ())
}

fn parse_recipient(text: &str) -> Result<Box<dyn age::Recipient + Send>, String> {
    let text = text.trim();
    if text.starts_with("age1") {
        return text
            .parse::<age::x25519::Recipient>()
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|e| format!("'{}' is not an age public key: {e}", shorten(text)));
    }
    if text.starts_with("ssh-") {
        return text
            .parse::<age::ssh::Recipient>()
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|e| {
                let why = match e {
                    age::ssh::ParseRecipientKeyError::RsaModulusTooSmall => {
                        "an RSA key shorter than 2048 bits is too weak".to_string()
                    }
                    age::ssh::ParseRecipientKeyError::Unsupported(kind) => {
                        format!("age cannot encrypt to {kind} keys; use ssh-ed25519 or ssh-rsa")
                    }
                    _ => "it does not read as an ssh-ed25519 or ssh-rsa public key".to_string(),
                };
                format!("'{}': {why}", shorten(text))
            });
    }
    // ssh keys age has no recipient type for: ECDSA, and those held on a security key.
    if let Some(kind) = text
        .split_whitespace()
        .next()
        .filter(|kind| kind.starts_with("ecdsa-") || kind.starts_with("sk-"))
    {
        return Err(format!(
            "'{}': age cannot encrypt to {} keys; use ssh-ed25519 or ssh-rsa",
            shorten(text),
            shorten(kind)
        ));
    }
    Err(format!(
        "'{}' is not a public key: a recipient is an age key (age1…) or an ssh public key (ssh-ed25519 … or ssh-rsa …)",
        shorten(text)
    ))
}

/// The start of a key, for messages.
fn shorten(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).take(40).collect();
    if text.chars().count() > 40 {
        format!("{clean}…")
    } else {
        clean
    }
}

/// The name of an encrypted attachment (`HASH.pdf.age`) without its `.age`: the name of
/// what it holds.
pub fn without_age_suffix(name: &str) -> &str {
    name.strip_suffix(".age").unwrap_or(name)
}

/// Encrypts `plain` to every one of `recipients`, as a binary age file (for attachments,
/// which git keeps as binary anyway).
pub fn encrypt_binary(plain: &[u8], recipients: &[String]) -> Result<Vec<u8>, String> {
    let encryptor = encryptor_for(recipients)?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| format!("cannot encrypt: {e}"))?;
    writer
        .write_all(plain)
        .and_then(|()| writer.finish().map(|_| ()))
        .map_err(|e| format!("cannot encrypt: {e}"))?;
    Ok(out)
}

/// Whether two recipient lines are the same key (an ssh key's comment aside).
pub fn same_key(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String { s.split_whitespace().take(2).collect::<Vec<_>>().join(" ") };
    key(a) == key(b)
}

/// An age encryptor to every one of `recipients`.
fn encryptor_for(recipients: &[String]) -> Result<age::Encryptor, String> {
    let keys: Vec<Box<dyn age::Recipient + Send>> = recipients
        .iter()
        .map(|r| parse_recipient(r))
        .collect::<Result<_, _>>()?;
    age::Encryptor::with_recipients(keys.iter().map(|k| k.as_ref() as &dyn age::Recipient))
        .map_err(|e| format!("cannot encrypt: {e}"))
}

/// Encrypts `plain` to every one of `recipients`, ASCII-armored.
pub fn encrypt(plain: &[u8], recipients: &[String]) -> Result<String, String> {
    let encryptor = encryptor_for(recipients)?;
    let fail = |e: std::io::Error| format!("cannot encrypt: {e}");
    let armor = age::armor::ArmoredWriter::wrap_output(Vec::new(), age::armor::Format::AsciiArmor)
        .map_err(fail)?;
    let mut writer = encryptor.wrap_output(armor).map_err(fail)?;
    writer.write_all(plain).map_err(fail)?;
    let out = writer
        .finish()
        .and_then(|armor| armor.finish())
        .map_err(fail)?;
    let mut text =
        String::from_utf8(out).map_err(|_| "cannot encrypt: armor is not text".to_string())?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// How many recipients the armored age file `armored` is encrypted to: the stanzas of its
/// header, less the one of random data age may add ("grease"). None when the header does
/// not read. Recipients are anonymous in age, so this is all that can be told of them
/// without a key.
pub fn recipient_count(armored: &str) -> Option<usize> {
    use std::io::Read;
    let mut reader = age::armor::ArmoredReader::new(armored.as_bytes());
    let mut head: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 1024];
    // The header ends at a line `--- MAC`; a few recipients take well under 64 KiB.
    while !head.windows(4).any(|w| w == b"\n---") && head.len() < 64 * 1024 {
        let n = reader.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let mut count = 0;
    for line in head.split(|b| *b == b'\n').skip(1) {
        if line.starts_with(b"---") {
            return Some(count);
        }
        if let Some(stanza) = line.strip_prefix(b"-> ") {
            let kind = stanza.split(|b| *b == b' ').next().unwrap_or_default();
            if !kind.ends_with(b"-grease") {
                count += 1;
            }
        }
    }
    None
}

/// Why an encrypted entry could not be read: what is wrong, and how to put it right.
#[derive(Debug, Clone, PartialEq)]
pub struct Locked {
    pub why: String,
    pub hint: String,
    /// Not for want of a key: the file itself is damaged.
    pub damaged: bool,
}

impl Locked {
    fn new(why: impl Into<String>, hint: impl Into<String>) -> Locked {
        Locked {
            why: why.into(),
            hint: hint.into(),
            damaged: false,
        }
    }

    fn damaged(why: impl Into<String>) -> Locked {
        Locked {
            why: why.into(),
            hint: PUT_BACK.into(),
            damaged: true,
        }
    }
}

/// How to mend an encrypted entry that is damaged.
pub const PUT_BACK: &str = "put the file back from another machine, or from git history: in the journal, `git log -- FILE` lists its versions and `git checkout COMMIT -- FILE` takes one back";

/// What the age library says is wrong with a file, on one line and without its advice.
fn age_says(err: &impl std::fmt::Display) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or_default().trim();
    first.trim_end_matches('.').to_string()
}

/// Decrypts one armored age file with `identities`.
pub fn decrypt(armored: &str, identities: &Identities) -> Result<Vec<u8>, Locked> {
    decrypt_bytes(armored.as_bytes(), identities)
}

/// Decrypts a binary (or armored) age file with `identities`.
pub fn decrypt_bytes(bytes: &[u8], identities: &Identities) -> Result<Vec<u8>, Locked> {
    decrypt_with(
        bytes,
        identities
            .0
            .iter()
            .map(|i| i.as_ref() as &dyn age::Identity),
    )
}

fn decrypt_with<'a>(
    bytes: &[u8],
    identities: impl Iterator<Item = &'a dyn age::Identity>,
) -> Result<Vec<u8>, Locked> {
    let reader = age::armor::ArmoredReader::new(bytes);
    let decryptor = age::Decryptor::new_buffered(reader).map_err(|e| decrypt_error(&e))?;
    if decryptor.is_scrypt() {
        return Err(Locked::damaged(
            "it is encrypted with a passphrase, not to the journal's recipients",
        ));
    }
    let mut stream = decryptor
        .decrypt(identities)
        .map_err(|e| decrypt_error(&e))?;
    let mut plain = Vec::new();
    stream
        .read_to_end(&mut plain)
        .map_err(|e| Locked::damaged(format!("its encrypted text is damaged: {}", age_says(&e))))?;
    Ok(plain)
}

/// The file keys of encrypted entries this machine has opened, kept in the journal's
/// `.mpl/` (never committed) so that the next command opens them without the public-key
/// work (an X25519 exchange per file, most of the time a search over an encrypted journal
/// takes). The cache is itself an age file encrypted to the journal's recipients: at rest
/// it is as safe as the entries. A key is found by the digest of the file's recipient
/// stanzas; age checks the header's MAC with it, so a wrong one opens nothing.
pub struct FileKeys {
    path: PathBuf,
    recipients: Vec<String>,
    known: Mutex<std::collections::HashMap<[u8; 32], [u8; 16]>>,
    loaded: std::sync::OnceLock<()>,
    added: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for FileKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileKeys({})", self.path.display())
    }
}

/// One record of the cache: a stanza digest and its file key.
const RECORD: usize = 32 + 16;
/// The most records kept: old ones go first.
const MAX_RECORDS: usize = 500_000;

impl FileKeys {
    /// The cache at `path`, written (when it grew) encrypted to `recipients`.
    pub fn new(path: PathBuf, recipients: Vec<String>) -> FileKeys {
        FileKeys {
            path,
            recipients,
            known: Mutex::new(std::collections::HashMap::new()),
            loaded: std::sync::OnceLock::new(),
            added: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn load(&self, identities: &Identities) {
        self.loaded.get_or_init(|| {
            let Ok(bytes) = crate::store::fs::read_limited(
                &self.path,
                (MAX_RECORDS * RECORD + 4096) as u64,
                false,
            ) else {
                return;
            };
            let Ok(decryptor) = age::Decryptor::new_buffered(&bytes[..]) else {
                return;
            };
            let Ok(mut stream) = decryptor.decrypt(
                identities
                    .0
                    .iter()
                    .map(|i| i.as_ref() as &dyn age::Identity),
            ) else {
                return;
            };
            let mut plain = Vec::new();
            if stream.read_to_end(&mut plain).is_err() {
                return;
            }
            let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
            for record in plain.chunks_exact(RECORD) {
                let mut digest = [0; 32];
                let mut key = [0; 16];
                digest.copy_from_slice(&record[..32]);
                key.copy_from_slice(&record[32..]);
                known.insert(digest, key);
            }
        });
    }

    /// Decrypts one armored age file with `identities`, through the cache.
    pub fn decrypt(&self, armored: &str, identities: &Identities) -> Result<Vec<u8>, Locked> {
        self.load(identities);
        let caching = Caching {
            identities,
            keys: self,
        };
        match decrypt_with(
            armored.as_bytes(),
            std::iter::once(&caching as &dyn age::Identity),
        ) {
            // A cached key that does not open it (a damaged or forged cache): the keys
            // themselves decide.
            Err(locked) if locked.damaged => decrypt(armored, identities),
            other => other,
        }
    }

    /// Writes the cache, when it grew and there are recipients to encrypt it to.
    fn save(&self) {
        if !self.added.load(std::sync::atomic::Ordering::SeqCst) || self.recipients.is_empty() {
            return;
        }
        let Some(dir) = self.path.parent().filter(|d| d.is_dir()) else {
            return;
        };
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        let mut plain = Vec::with_capacity(known.len().min(MAX_RECORDS) * RECORD);
        for (digest, key) in known.iter().take(MAX_RECORDS) {
            plain.extend_from_slice(digest);
            plain.extend_from_slice(key);
        }
        let Ok(encryptor) = encryptor_for(&self.recipients) else {
            return;
        };
        let mut out = Vec::new();
        let written = encryptor.wrap_output(&mut out).and_then(|mut w| {
            w.write_all(&plain)?;
            w.finish().map(|_| ())
        });
        if written.is_ok() {
            let _ = crate::store::fs::write_atomic(&dir.join(FILE_KEYS), &out, true);
        }
    }
}

impl Drop for FileKeys {
    fn drop(&mut self) {
        self.save();
    }
}

/// The cache's name in `.mpl/`.
pub const FILE_KEYS: &str = "file-keys.age";

/// This machine's identities, looking in the cache first and noting what they open.
struct Caching<'a> {
    identities: &'a Identities,
    keys: &'a FileKeys,
}

fn stanza_digest(stanzas: &[age_core::format::Stanza]) -> [u8; 32] {
    use sha2::Digest;
    let mut hash = sha2::Sha256::new();
    for stanza in stanzas {
        hash.update(stanza.tag.as_bytes());
        hash.update([0]);
        for arg in &stanza.args {
            hash.update(arg.as_bytes());
            hash.update([0]);
        }
        hash.update((stanza.body.len() as u64).to_le_bytes());
        hash.update(&stanza.body);
    }
    hash.finalize().into()
}

impl age::Identity for Caching<'_> {
    fn unwrap_stanza(
        &self,
        stanza: &age_core::format::Stanza,
    ) -> Option<Result<age_core::format::FileKey, age::DecryptError>> {
        self.unwrap_stanzas(std::slice::from_ref(stanza))
    }

    fn unwrap_stanzas(
        &self,
        stanzas: &[age_core::format::Stanza],
    ) -> Option<Result<age_core::format::FileKey, age::DecryptError>> {
        let digest = stanza_digest(stanzas);
        if let Some(key) = self
            .keys
            .known
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&digest)
        {
            return Some(Ok(age_core::format::FileKey::new(Box::new(*key))));
        }
        for identity in &self.identities.0 {
            if let Some(found) = identity.unwrap_stanzas(stanzas) {
                if let Ok(key) = &found {
                    self.keys
                        .known
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(digest, *key.expose_secret());
                    self.keys
                        .added
                        .store(true, std::sync::atomic::Ordering::SeqCst);
                }
                return Some(found);
            }
        }
        None
    }
}

fn decrypt_error(err: &age::DecryptError) -> Locked {
    match err {
        age::DecryptError::NoMatchingKeys => Locked::new(
            "none of this machine's keys opens it: it was encrypted to other recipients",
            "on a machine that reads it, `mpl encrypt add-recipient KEY` adds this machine's public key (`mpl encrypt status` shows it here)",
        ),
        other => Locked::damaged(format!(
            "its encrypted text is damaged: {}",
            age_says(other)
        )),
    }
}

/// The private keys of this machine, as read from its identity file.
pub struct Identities(Vec<Box<dyn age::Identity + Send + Sync>>);

impl std::fmt::Debug for Identities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identities({})", self.0.len())
    }
}

/// Asks for the passphrase of an identity file: given a prompt, the passphrase, or why it
/// cannot be had ("there is no terminal to ask for it").
pub type AskPassphrase = Arc<dyn Fn(&str) -> Result<String, String> + Send + Sync>;

/// Where this machine's identity is, and how its passphrase is had.
#[derive(Clone)]
pub struct IdentitySource {
    pub path: PathBuf,
    /// How the path was chosen, for messages: "MPL_IDENTITY", "config.toml", "the default".
    pub from: String,
    pub passphrase: Option<AskPassphrase>,
    /// What prints the passphrase, when a command does ("MPL_PASSPHRASE_COMMAND"); none
    /// when it is typed.
    pub passphrase_command: Option<String>,
}

/// The keys a journal reads with, loaded the first time an encrypted entry is read.
pub struct Keys {
    source: Option<IdentitySource>,
    state: Mutex<Option<Result<Arc<Identities>, Locked>>>,
    /// While above 0, a passphrase is not asked for: reads that need one are locked.
    quiet: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("path", &self.source.as_ref().map(|s| &s.path))
            .finish()
    }
}

impl Default for Keys {
    fn default() -> Keys {
        Keys::new(None)
    }
}

/// Keeps [`Keys::quietly`] in effect until dropped.
pub struct Quiet<'k>(&'k Keys);

impl Drop for Quiet<'_> {
    fn drop(&mut self) {
        self.0
            .quiet
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Keys {
    /// Keys read from `source` (none: this machine has no identity).
    pub fn new(source: Option<IdentitySource>) -> Keys {
        Keys {
            source,
            state: Mutex::new(None),
            quiet: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Keys that cannot be had, for the reason `locked` gives.
    pub fn refused(locked: Locked) -> Keys {
        Keys {
            source: None,
            state: Mutex::new(Some(Err(locked))),
            quiet: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Where the identity is looked for.
    pub fn path(&self) -> Option<&Path> {
        self.source.as_ref().map(|s| s.path.as_path())
    }

    /// Until the guard is dropped, reads that need a passphrase not yet given are locked
    /// instead of asking for it: for what a command shows only if it is cheap (titles in
    /// `log`, `nudge`, the memories after a reflection).
    pub fn quietly(&self) -> Quiet<'_> {
        self.quiet.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Quiet(self)
    }

    /// The identities, loading them (and asking for a passphrase) the first time.
    pub fn identities(&self) -> Result<Arc<Identities>, Locked> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(loaded) = &*state {
            return loaded.clone();
        }
        let quiet = self.quiet.load(std::sync::atomic::Ordering::SeqCst) > 0;
        let loaded = self.load(quiet);
        match &loaded {
            // Not asked for now: it may be asked for later in this run.
            Err(locked) if locked.why.contains(NOT_ASKED) => {}
            _ => *state = Some(loaded.clone()),
        }
        loaded
    }

    fn load(&self, quiet: bool) -> Result<Arc<Identities>, Locked> {
        let Some(source) = &self.source else {
            return Err(Locked::new(
                "this machine has no key to read it",
                "set MPL_IDENTITY to your identity file (see docs/encryption.md)",
            ));
        };
        let shown = source.path.display();
        let text = match crate::store::fs::read_limited(&source.path, MAX_IDENTITY_BYTES, true) {
            Ok(bytes) => bytes,
            Err(crate::store::fs::ReadError::Io(err))
                if err.kind() == std::io::ErrorKind::NotFound =>
            {
                return Err(Locked::new(
                    format!(
                        "this machine has no key to read it: there is no identity at {shown} ({})",
                        source.from
                    ),
                    "copy your identity file there from a machine that reads the journal, or name it with MPL_IDENTITY or `identity` in config.toml; `mpl encrypt setup` makes a new one, which reads only what is encrypted to it (docs/encryption.md)",
                ));
            }
            Err(err) => {
                return Err(Locked::new(
                    format!("cannot read the identity {shown}: {}", err.message()),
                    "check the file and its permissions",
                ));
            }
        };
        let identities = parse_identity(&text, source, quiet)?;
        if identities.0.is_empty() {
            return Err(Locked::new(
                format!("the identity {shown} holds no key"),
                "it should hold a line AGE-SECRET-KEY-1… or an ssh private key",
            ));
        }
        Ok(Arc::new(identities))
    }
}

/// Part of the reason given when a passphrase was not asked for.
const NOT_ASKED: &str = "is not asked for here";

/// What an identity file holds, as far as can be told without a passphrase.
enum Held<'a> {
    /// `AGE-SECRET-KEY-1…` lines, with `#` comments and blank lines.
    AgeKeys(&'a [u8]),
    /// An age file of such lines, encrypted with a passphrase (`age -p`), from its header
    /// on (armored or not).
    AgeProtected(&'a [u8]),
    /// An ssh private key.
    Ssh(&'a [u8]),
}

fn held(bytes: &[u8]) -> Held<'_> {
    if bytes.starts_with(b"age-encryption.org/") {
        return Held::AgeProtected(bytes);
    }
    // Comment lines may come first (a public key noted above the key, say).
    let mut at = 0;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            at += line.len();
            continue;
        }
        if trimmed.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")
            || trimmed.starts_with("-----BEGIN RSA PRIVATE KEY-----")
        {
            return Held::Ssh(&bytes[at..]);
        }
        if trimmed == BEGIN {
            return Held::AgeProtected(&bytes[at..]);
        }
        break;
    }
    Held::AgeKeys(bytes)
}

/// An identity file's keys, once any passphrase was given.
enum Unlocked {
    /// The text of `AGE-SECRET-KEY-1…` lines.
    Age(SecretString),
    Ssh(age::ssh::Identity),
}

/// Reads an identity file: age identities (`AGE-SECRET-KEY-1…` lines), an age file of them
/// encrypted with a passphrase, or an ssh private key (ed25519 or RSA, with or without a
/// passphrase). `passphrase` is asked only when one is needed, with what it is for;
/// `command` names what prints it, if not typed.
fn unlock(
    bytes: &[u8],
    shown: &str,
    command: Option<&str>,
    passphrase: impl FnOnce(&str) -> Result<SecretString, Locked>,
) -> Result<Unlocked, Locked> {
    let bad = |why: String| {
        Locked::new(
            format!("the identity {shown} cannot be used: {why}"),
            "an identity is a file of AGE-SECRET-KEY-1… lines (as `mpl encrypt setup` or `age-keygen` writes), one encrypted with a passphrase (`age -p`), or an ssh private key",
        )
    };
    let wrong = || {
        Locked::new(
            format!("the passphrase for {shown} is wrong"),
            match command {
                Some(command) => format!("check the passphrase that {command} prints"),
                None => "run the command again and type it carefully".to_string(),
            },
        )
    };
    match held(bytes) {
        Held::AgeKeys(bytes) => std::str::from_utf8(bytes)
            .map(|text| Unlocked::Age(SecretString::from(text.to_string())))
            .map_err(|_| bad("it is not text".into())),
        Held::Ssh(bytes) => {
            let key = age::ssh::Identity::from_buffer(bytes, Some(shown.to_string()))
                .map_err(|e| bad(e.to_string()))?;
            match key {
                age::ssh::Identity::Unencrypted(_) => Ok(Unlocked::Ssh(key)),
                age::ssh::Identity::Encrypted(encrypted) => {
                    let pass = passphrase("the ssh key")?;
                    let plain = encrypted.decrypt(pass).map_err(|_| wrong())?;
                    Ok(Unlocked::Ssh(age::ssh::Identity::from(plain)))
                }
                age::ssh::Identity::Unsupported(_) => Err(bad(
                    "age cannot decrypt with this kind of ssh key; use an ed25519 or RSA key"
                        .into(),
                )),
            }
        }
        Held::AgeProtected(bytes) => {
            let reader = age::armor::ArmoredReader::new(bytes);
            let decryptor = age::Decryptor::new_buffered(reader).map_err(|e| bad(e.to_string()))?;
            if !decryptor.is_scrypt() {
                return Err(bad("it is encrypted to a key, not with a passphrase".into()));
            }
            let pass = passphrase("the identity")?;
            let mut identity = age::scrypt::Identity::new(pass);
            identity.set_max_work_factor(22);
            let mut stream = decryptor
                .decrypt(std::iter::once(&identity as &dyn age::Identity))
                .map_err(|e| match e {
                    age::DecryptError::DecryptionFailed
                    | age::DecryptError::KeyDecryptionFailed => wrong(),
                    other => bad(other.to_string()),
                })?;
            let mut inner = Vec::new();
            stream
                .read_to_end(&mut inner)
                .map_err(|e| bad(e.to_string()))?;
            String::from_utf8(inner)
                .map(|text| Unlocked::Age(SecretString::from(text)))
                .map_err(|_| bad("what it holds is not text".into()))
        }
    }
}

/// How a passphrase is had for `source`: asked (or its command run), unless `quiet`.
fn passphrase_of(
    source: &IdentitySource,
    quiet: bool,
) -> impl FnOnce(&str) -> Result<SecretString, Locked> + '_ {
    move |what: &str| {
        let shown = source.path.display();
        if quiet {
            return Err(Locked::new(
                format!("the passphrase of {shown} {NOT_ASKED}"),
                "`mpl show ID` and `mpl search` ask for it",
            ));
        }
        let Some(ask) = &source.passphrase else {
            return Err(Locked::new(
                format!(
                    "{shown} is protected by a passphrase, and there is no terminal to ask for it"
                ),
                "run the command on a terminal, or name a command that prints the passphrase with MPL_PASSPHRASE_COMMAND or `passphrase_command` in config.toml (a password manager, say)",
            ));
        };
        ask(&format!("Passphrase for {what} {shown}: "))
            .map(SecretString::from)
            .map_err(|why| {
                Locked::new(
                    format!("{shown} is protected by a passphrase, and {why}"),
                    "run the command on a terminal, or name a command that prints the passphrase with MPL_PASSPHRASE_COMMAND or `passphrase_command` in config.toml (a password manager, say)",
                )
            })
    }
}

fn parse_identity(
    bytes: &[u8],
    source: &IdentitySource,
    quiet: bool,
) -> Result<Identities, Locked> {
    let shown = source.path.display().to_string();
    match unlock(
        bytes,
        &shown,
        source.passphrase_command.as_deref(),
        passphrase_of(source, quiet),
    )? {
        Unlocked::Ssh(key) => Ok(Identities(vec![Box::new(key)])),
        Unlocked::Age(text) => age_keys(text.expose_secret())
            .map(|keys| {
                Identities(
                    keys.into_iter()
                        .map(|k| Box::new(k) as Box<dyn age::Identity + Send + Sync>)
                        .collect(),
                )
            })
            .map_err(|why| {
                Locked::new(
                    format!("the identity {shown} cannot be used: {why}"),
                    "an identity is a file of AGE-SECRET-KEY-1… lines (as `mpl encrypt setup` or `age-keygen` writes), one encrypted with a passphrase (`age -p`), or an ssh private key",
                )
            }),
    }
}

/// `AGE-SECRET-KEY-1…` lines, with `#` comments and blank lines.
fn age_keys(text: &str) -> Result<Vec<age::x25519::Identity>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = line
            .parse::<age::x25519::Identity>()
            .map_err(|_| format!("line {} is not an age secret key", n + 1))?;
        out.push(key);
    }
    Ok(out)
}

/// A new identity: the file's text (with its public key as a comment, as `age-keygen`
/// writes) and its public key.
pub fn new_identity(now: chrono::DateTime<chrono::FixedOffset>) -> (SecretString, String) {
    let key = age::x25519::Identity::generate();
    let public = key.to_public().to_string();
    let text = format!(
        "# created: {}\n# public key: {public}\n{}\n",
        now.to_rfc3339(),
        key.to_string().expose_secret()
    );
    (SecretString::from(text), public)
}

/// The text of an identity file encrypted with `passphrase` (as `age -p -a` writes it):
/// nothing else is in the file, so that `age -d -i` reads it too.
pub fn protect_identity(text: &SecretString, passphrase: SecretString) -> Result<String, String> {
    let encryptor = age::Encryptor::with_user_passphrase(passphrase);
    let fail = |e: std::io::Error| format!("cannot encrypt the identity: {e}");
    let armor = age::armor::ArmoredWriter::wrap_output(Vec::new(), age::armor::Format::AsciiArmor)
        .map_err(fail)?;
    let mut writer = encryptor.wrap_output(armor).map_err(fail)?;
    writer
        .write_all(text.expose_secret().as_bytes())
        .map_err(fail)?;
    let out = writer.finish().and_then(|a| a.finish()).map_err(fail)?;
    String::from_utf8(out).map_err(|_| "armor is not text".into())
}

/// The file beside an identity that holds its public key: `PATH.pub`.
pub fn public_key_file(path: &Path) -> PathBuf {
    let mut public = path.as_os_str().to_owned();
    public.push(".pub");
    PathBuf::from(public)
}

/// The public keys (recipients) of an identity file: age keys from their secret keys, an
/// ssh key's from its `.pub` beside it. A file protected by a passphrase gives its public
/// key from `PATH.pub` (as `mpl encrypt setup --passphrase` writes it), else from its
/// secret keys once `source` gives the passphrase (none: it cannot be had).
pub fn public_keys_of(path: &Path, source: Option<&IdentitySource>) -> Result<Vec<String>, Locked> {
    let unusable = |why: String| {
        Locked::new(
            why,
            "an identity is a file of AGE-SECRET-KEY-1… lines (as `mpl encrypt setup` or `age-keygen` writes), one encrypted with a passphrase (`age -p`), or an ssh private key",
        )
    };
    let bytes = crate::store::fs::read_limited(path, MAX_IDENTITY_BYTES, true).map_err(|e| {
        Locked::new(
            format!("cannot read {}: {}", path.display(), e.message()),
            "check the file and its permissions",
        )
    })?;
    let pub_file = public_key_file(path);
    let beside = || -> Option<Vec<String>> {
        let line = crate::store::fs::read_limited(&pub_file, MAX_IDENTITY_BYTES, true).ok()?;
        let line = String::from_utf8_lossy(&line).trim().to_string();
        check_recipient(&line).ok()?;
        Some(vec![line])
    };
    let shown = path.display().to_string();
    match held(&bytes) {
        Held::Ssh(_) => beside().ok_or_else(|| {
            // A public key there that age has no use for (ECDSA, say) is said as such.
            if let Ok(line) = crate::store::fs::read_limited(&pub_file, MAX_IDENTITY_BYTES, true)
                && let Err(why) = check_recipient(String::from_utf8_lossy(&line).trim())
            {
                return Locked::new(
                    format!("{shown} is an ssh key age cannot use: {why}"),
                    "use an ssh-ed25519 or ssh-rsa key, or run `mpl encrypt setup` without --identity for an age key",
                );
            }
            Locked::new(
                format!(
                    "{shown} is an ssh key, and its public key {} cannot be read",
                    pub_file.display()
                ),
                format!(
                    "`ssh-keygen -y -f {shown} > {}` writes it",
                    pub_file.display()
                ),
            )
        }),
        Held::AgeProtected(_) if beside().is_some() => Ok(beside().unwrap_or_default()),
        Held::AgeKeys(_) | Held::AgeProtected(_) => {
            let ask = |what: &str| -> Result<SecretString, Locked> {
                match source {
                    Some(source) => passphrase_of(source, false)(what).map_err(|locked| {
                        Locked::new(
                            locked.why,
                            format!(
                                "its public key in {} is read without the passphrase (`age -d {shown} | age-keygen -y > {}` writes it), or {}",
                                pub_file.display(),
                                pub_file.display(),
                                locked.hint
                            ),
                        )
                    }),
                    None => Err(Locked::new("no passphrase", "")),
                }
            };
            let command = source.and_then(|s| s.passphrase_command.as_deref());
            let Unlocked::Age(text) = unlock(&bytes, &shown, command, ask)? else {
                return Err(unusable(format!("{shown} is not an age identity")));
            };
            let keys = age_keys(text.expose_secret()).map_err(|why| {
                unusable(format!(
                    "{shown} is not an age identity or ssh private key: {why}"
                ))
            })?;
            if keys.is_empty() {
                return Err(unusable(format!("{shown} holds no key")));
            }
            Ok(keys.iter().map(|k| k.to_public().to_string()).collect())
        }
    }
}

/// Whether the file at `path` is inside the journal at `root` (links resolved): a key kept
/// there would be committed and sent with what it protects.
pub fn inside_journal(root: &Path, path: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    path.parent()
        .map(real)
        .is_some_and(|parent| parent.starts_with(real(root)))
}

/// The keys for the journal at `root` from `source`: refused when the identity is inside the
/// journal, where a sync would send it to the remote.
pub fn keys_for(root: &Path, source: Option<IdentitySource>) -> Keys {
    match source {
        Some(source) if inside_journal(root, &source.path) => Keys::refused(Locked::new(
            format!(
                "the identity {} is inside the journal, which is committed and sent to its remote; mpl does not use it",
                source.path.display()
            ),
            "move it out of the journal and name where with MPL_IDENTITY or `identity` in config.toml; if a sync ever sent it, treat it as copied (docs/encryption.md, \"A stolen machine\")",
        )),
        source => Keys::new(source),
    }
}

/// The public key of an identity file that is readable without its passphrase: in
/// `PATH.pub`, or in a `# public key: age1…` comment (as age-keygen and mpl write).
pub fn visible_public_key(path: &Path) -> Option<String> {
    let from = |p: &Path| -> Option<String> {
        let bytes = crate::store::fs::read_limited(p, MAX_IDENTITY_BYTES, true).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        text.lines()
            .map(|l| l.trim())
            .map(|l| {
                l.strip_prefix("# public key:")
                    .unwrap_or(l)
                    .trim()
                    .to_string()
            })
            .find(|k| check_recipient(k).is_ok())
    };
    from(&public_key_file(path)).or_else(|| from(path))
}

/// An envelope for `plain`, the text of an entry file, encrypted to `recipients`.
pub fn seal(
    plain: &str,
    id: &str,
    kind: Kind,
    date: NaiveDate,
    visibility: Visibility,
    recipients: &[String],
) -> Result<String, String> {
    Ok(Envelope {
        id: id.to_string(),
        kind,
        date,
        visibility,
        base: None,
        versions: vec![encrypt(plain.as_bytes(), recipients)?],
    }
    .render())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_for(text: &str) -> Identities {
        Identities(
            age_keys(text)
                .unwrap()
                .into_iter()
                .map(|k| Box::new(k) as Box<dyn age::Identity + Send + Sync>)
                .collect(),
        )
    }

    #[test]
    fn an_envelope_round_trips_and_decrypts() {
        let key = age::x25519::Identity::generate();
        let public = key.to_public().to_string();
        let secret = key.to_string().expose_secret().to_string();
        let plain = "+++\nid = \"2026-11-30\"\nkind = \"reflection\"\n+++\n\nMy manager said \u{1b}[31m no.\n";
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let text = seal(
            plain,
            "2026-11-30",
            Kind::Reflection,
            date,
            Visibility::Private,
            &[public],
        )
        .unwrap();
        assert!(is_sealed(&text));
        assert!(!text.contains("manager"));
        let envelope = Envelope::parse(&text).unwrap();
        assert_eq!(envelope.id, "2026-11-30");
        assert_eq!(envelope.kind, Kind::Reflection);
        assert_eq!(envelope.date, date);
        assert_eq!(envelope.render(), text);
        let out = decrypt(&envelope.versions[0], &keys_for(&secret)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), plain);
        // Another key does not open it, and says so.
        let other = age::x25519::Identity::generate();
        let err = decrypt(
            &envelope.versions[0],
            &keys_for(other.to_string().expose_secret()),
        )
        .unwrap_err();
        assert!(!err.damaged);
        assert!(err.why.contains("other recipients"), "{}", err.why);
    }

    #[test]
    fn the_recipients_a_file_is_encrypted_to_are_counted_whatever_grease_age_adds() {
        let keys: Vec<String> = (0..3)
            .map(|_| age::x25519::Identity::generate().to_public().to_string())
            .chain(std::iter::once(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJc9bwmHmgjcZ4NksaugCgxcqphXyDUsA+dVKd9VTpnd me"
                    .to_string(),
            ))
            .collect();
        // age adds a stanza of random data to some files, not all: enough tries see both.
        for _ in 0..40 {
            for n in 1..=keys.len() {
                let armored = encrypt(b"text", &keys[..n]).unwrap();
                assert_eq!(recipient_count(&armored), Some(n));
            }
        }
        assert_eq!(recipient_count("not age"), None);
        let cut: String = encrypt(b"text", &keys[..2])
            .unwrap()
            .lines()
            .take(2)
            .collect();
        assert_eq!(recipient_count(&cut), None);
    }

    #[test]
    fn unmerged_versions_and_their_base_round_trip() {
        let key = age::x25519::Identity::generate().to_public().to_string();
        let block = |t: &str| encrypt(t.as_bytes(), std::slice::from_ref(&key)).unwrap();
        let envelope = Envelope {
            id: "x".into(),
            kind: Kind::Feedback,
            date: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            visibility: Visibility::Private,
            base: Some(block("base")),
            versions: vec![block("one"), block("two")],
        };
        let text = envelope.render();
        assert!(text.contains("unmerged = 2"));
        assert_eq!(Envelope::parse(&text).unwrap(), envelope);
    }

    #[test]
    fn what_is_not_an_envelope_is_not_taken_for_one() {
        assert!(!is_sealed("+++\nid = \"x\"\n+++\nencrypted = \"age\"\n"));
        assert!(!is_sealed("plain text"));
        assert!(!is_sealed("+++\nencrypted = \"no\"\n+++\n"));
        assert!(is_sealed("+++\nid = \"x\"\nencrypted = \"age\"\n+++\n"));
    }

    #[test]
    fn damaged_envelopes_are_errors_at_their_line() {
        let key = age::x25519::Identity::generate().to_public().to_string();
        let good = seal(
            "x",
            "x",
            Kind::Reflection,
            NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            Visibility::Private,
            &[key],
        )
        .unwrap();
        let cut = &good[..good.len() - 40];
        assert!(Envelope::parse(cut).unwrap_err().1.contains("cut short"));
        let extra = good.replace("+++\n-----BEGIN", "+++\nplain words\n-----BEGIN");
        let (line, message) = Envelope::parse(&extra).unwrap_err();
        assert_eq!(line, 8);
        assert!(message.contains("outside"));
        let empty = good.split(BEGIN).next().unwrap().to_string();
        assert!(Envelope::parse(&empty).is_err());
    }

    #[test]
    fn recipients_are_checked() {
        assert!(check_recipient("age1xyz").is_err());
        assert!(check_recipient("hello").is_err());
        assert!(check_recipient("ssh-dss AAAA").is_err());
        let ecdsa = check_recipient("ecdsa-sha2-nistp256 AAAAE2VjZHNh me").unwrap_err();
        assert!(
            ecdsa.contains("cannot encrypt to ecdsa-sha2-nistp256 keys"),
            "{ecdsa}"
        );
        let good = age::x25519::Identity::generate().to_public().to_string();
        assert!(check_recipient(&good).is_ok());
        assert!(check_recipient("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJc9bwmHmgjcZ4NksaugCgxcqphXyDUsA+dVKd9VTpnd me").is_ok());
    }

    #[test]
    fn an_identity_protected_by_a_passphrase_opens_with_it_and_not_without() {
        let (text, public) = new_identity(chrono::Utc::now().fixed_offset());
        let protected =
            protect_identity(&text, SecretString::from("correct horse".to_string())).unwrap();
        // What age -p -a writes, and the same after a comment line.
        for file in [
            protected.clone(),
            format!("# public key: {public}\n{protected}"),
        ] {
            let given = |pass: &'static str| {
                move |_: &str| -> Result<SecretString, Locked> {
                    Ok(SecretString::from(pass.to_string()))
                }
            };
            let Unlocked::Age(inner) =
                unlock(file.as_bytes(), "id", None, given("correct horse")).unwrap()
            else {
                panic!("an age identity");
            };
            let keys = age_keys(inner.expose_secret()).unwrap();
            assert_eq!(keys[0].to_public().to_string(), public);
            let Err(wrong) = unlock(file.as_bytes(), "id", None, given("wrong")) else {
                panic!("a wrong passphrase opens nothing");
            };
            assert!(wrong.why.contains("wrong"), "{}", wrong.why);
            assert!(wrong.hint.contains("type it carefully"), "{}", wrong.hint);
            // A passphrase a command printed is not typed: the hint says which command.
            let Err(wrong) = unlock(
                file.as_bytes(),
                "id",
                Some("MPL_PASSPHRASE_COMMAND"),
                given("wrong"),
            ) else {
                panic!("a wrong passphrase opens nothing");
            };
            assert!(
                wrong.hint.contains("MPL_PASSPHRASE_COMMAND prints"),
                "{}",
                wrong.hint
            );
        }
        // Its public key is known without the passphrase from the file beside it.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("identity.txt");
        std::fs::write(&path, &protected).unwrap();
        assert!(public_keys_of(&path, None).is_err());
        std::fs::write(public_key_file(&path), format!("{public}\n")).unwrap();
        assert_eq!(public_keys_of(&path, None).unwrap(), vec![public.clone()]);
        assert_eq!(visible_public_key(&path), Some(public));
    }

    #[test]
    fn file_keys_are_cached_encrypted_and_used_on_the_next_run() {
        let key = age::x25519::Identity::generate();
        let secret = key.to_string().expose_secret().to_string();
        let public = key.to_public().to_string();
        let armored = encrypt(b"the plain entry", std::slice::from_ref(&public)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_KEYS);
        {
            let cache = FileKeys::new(path.clone(), vec![public.clone()]);
            assert_eq!(
                cache.decrypt(&armored, &keys_for(&secret)).unwrap(),
                b"the plain entry"
            );
        }
        // Written on drop, encrypted: its own key opens it, and it opens the file with a
        // key that could not (the cache, not the key, did it).
        let stored = std::fs::read(&path).unwrap();
        assert!(stored.starts_with(b"age-encryption.org/v1"));
        let cache = FileKeys::new(path.clone(), vec![public.clone()]);
        cache.load(&keys_for(&secret));
        let stranger = age::x25519::Identity::generate();
        let stranger = keys_for(stranger.to_string().expose_secret());
        assert_eq!(
            cache.decrypt(&armored, &stranger).unwrap(),
            b"the plain entry"
        );
        // A file the cache does not know is not opened by it.
        let other = encrypt(b"another", &[public]).unwrap();
        assert!(cache.decrypt(&other, &stranger).is_err());
    }
}
