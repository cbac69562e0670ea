//! File system primitives with the journal's safety rules: writes are atomic (a temp file in
//! the same folder, flushed, then renamed over the target), reads refuse huge or non-UTF-8
//! files with a clear message instead of a panic.

use crate::error::{Error, IoResultExt, Result, describe_io};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest file `mpl` reads as an entry or a settings file.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge(u64),
    /// Not UTF-8; the line (from 1) holding the first bad byte.
    NotUtf8 {
        line: usize,
    },
    /// A symbolic link inside the journal, where a file or folder should be: its path
    /// (relative to the journal) and where it points.
    Link {
        link: PathBuf,
        target: PathBuf,
    },
    /// An encrypted entry this machine cannot read (see [`crate::encryption`]).
    Locked(crate::encryption::Locked),
}

impl ReadError {
    /// What is wrong with the file at `path` (relative to the journal), as a problem at its
    /// line: a link is named only once.
    pub fn problem(&self, path: PathBuf) -> super::Problem {
        let message = match self {
            ReadError::Link { link, target } if *link == path => a_link(target),
            other => other.message(),
        };
        super::Problem {
            path,
            line: self.line(),
            message,
            hint: match self {
                ReadError::Locked(locked) => Some(locked.hint.clone()),
                _ => None,
            },
        }
    }

    /// The line the problem is on, when it has one.
    pub(crate) fn line(&self) -> Option<usize> {
        match self {
            ReadError::NotUtf8 { line } => Some(*line),
            _ => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            ReadError::Io(err) => describe_io(err),
            ReadError::TooLarge(size) => format!(
                "the file is {:.1} MiB; mpl reads files of at most {} MiB",
                *size as f64 / 1048576.0,
                MAX_FILE_BYTES / 1048576
            ),
            ReadError::NotUtf8 { .. } => {
                "the file is not valid UTF-8 text; save it as UTF-8".to_string()
            }
            ReadError::Link { link, target } => link_message(link, target),
            ReadError::Locked(locked) => format!("{}{}", super::LOCKED, locked.why),
        }
    }

    /// Whether this is an encrypted entry that could not be decrypted for want of a key
    /// (not a damaged file).
    pub fn is_locked(&self) -> bool {
        matches!(self, ReadError::Locked(locked) if !locked.damaged)
    }
}

/// What is said of a symbolic link found inside the journal.
pub(crate) fn link_message(link: &Path, target: &Path) -> String {
    format!("{} is {}", link.display(), a_link(target))
}

/// "a symbolic link (to TARGET); mpl never follows …": said of a link already named.
pub(crate) fn a_link(target: &Path) -> String {
    format!(
        "a symbolic link (to {}); {NEVER_FOLLOWS}: replace it with the file or folder itself, or remove it",
        target.display()
    )
}

/// The words every message about a link inside the journal holds.
pub(crate) const NEVER_FOLLOWS: &str = "mpl never follows links inside the journal";

/// Opens `path` for reading without following a symbolic link at its last part and
/// without waiting on a pipe; only a regular file is returned.
pub(crate) fn open_regular(path: &Path, follow: bool) -> Result<std::fs::File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(err) => {
            // O_NOFOLLOW fails with ELOOP (EMLINK on some systems) on a link.
            if !follow
                && let Ok(meta) = std::fs::symlink_metadata(path)
                && meta.file_type().is_symlink()
            {
                return Err(ReadError::Link {
                    link: path.to_path_buf(),
                    target: std::fs::read_link(path).unwrap_or_default(),
                });
            }
            return Err(ReadError::Io(err));
        }
    };
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Io(std::io::Error::other(
            "is a folder, not a file",
        )));
    }
    // A pipe or a device would block or never end: only regular files are read.
    if !meta.is_file() {
        return Err(ReadError::Io(std::io::Error::other(
            "is not a regular file (a pipe, socket or device)",
        )));
    }
    Ok(file)
}

/// Reads at most `limit` bytes of a regular file (following a link to it when `follow`).
/// Whether `bytes` hold a private key as age, OpenSSH or PEM write one (a line that starts
/// `AGE-SECRET-KEY-1`, or `-----BEGIN … PRIVATE KEY-----`): such a file is never committed,
/// so never sent to a remote.
pub fn holds_private_key(bytes: &[u8]) -> bool {
    bytes.split(|b| *b == b'\n').any(|line| {
        let line = line.trim_ascii();
        line.starts_with(b"AGE-SECRET-KEY-1")
            || (line.starts_with(b"-----BEGIN ") && line.ends_with(b"PRIVATE KEY-----"))
    })
}

pub fn read_limited(path: &Path, limit: u64, follow: bool) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path, follow)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a text file of at most [`MAX_FILE_BYTES`]; a link to one is followed (for files
/// outside the journal: mpl's config, a file to import). Inside the journal, files are read
/// with [`Journal::read_text`](super::Journal::read_text), which follows no link.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    text_of(read_limited(path, MAX_FILE_BYTES, true)?)
}

/// Reads a text file of at most [`MAX_FILE_BYTES`] that must not be a symbolic link.
pub fn read_text_nofollow(path: &Path) -> Result<String, ReadError> {
    text_of(read_limited(path, MAX_FILE_BYTES, false)?)
}

/// Bytes as UTF-8 text, or where the first bad byte is.
pub fn text_of(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|err| {
        let good = err.utf8_error().valid_up_to();
        let line = 1 + err.as_bytes()[..good]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        ReadError::NotUtf8 { line }
    })
}

/// Why a TOML file could not be read: the line (from 1, when known) and what is wrong.
#[derive(Debug)]
pub struct TomlError {
    pub line: Option<usize>,
    pub message: String,
}

impl TomlError {
    /// `PATH:LINE: message`, or `PATH: message` without a line.
    pub fn at(&self, path: &Path) -> String {
        match self.line {
            Some(line) => format!("{}:{line}: {}", path.display(), self.message),
            None => format!("{}: {}", path.display(), self.message),
        }
    }
}

/// Parses TOML text; an error names the line it points at.
pub(crate) fn parse_toml(text: &str) -> Result<toml::Table, TomlError> {
    text.parse().map_err(|err: toml::de::Error| TomlError {
        line: err.span().map(|span| line_at(text, span.start)),
        message: format!("invalid TOML: {}", err.message().trim()),
    })
}

/// Reads and parses a TOML file (of at most [`MAX_FILE_BYTES`]); returns its text too.
pub fn read_toml(path: &Path) -> Result<(String, toml::Table), TomlError> {
    let text = read_text(path).map_err(|err| TomlError {
        line: err.line(),
        message: err.message(),
    })?;
    let table = parse_toml(&text)?;
    Ok((text, table))
}

pub use crate::model::position::key_line;
use crate::model::position::line_at;

/// `text`, a TOML file, with the top-level `key` set to the string `value`, keeping every
/// comment and the layout of the rest.
pub fn with_toml_string(text: &str, key: &str, value: &str) -> std::result::Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    doc[key] = toml_edit::value(value);
    Ok(doc.to_string())
}

/// Writes `contents` to `path` atomically: readers see the old file or the new one, never a
/// part. With `replace` false, fails if `path` already exists (and leaves it alone).
pub fn write_atomic(path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| Error::new(format!("cannot write {}: no parent folder", path.display())))?;
    std::fs::create_dir_all(dir).at("cannot create folder", dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".mpl-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .at("cannot create a temporary file in", dir)?;
    temp.write_all(contents).at("cannot write", temp.path())?;
    temp.as_file().sync_all().at("cannot flush", temp.path())?;
    if replace {
        // A rewrite keeps the file's mode (an executable bit is part of git's history).
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = temp.as_file().set_permissions(meta.permissions());
        }
        temp.persist(path)
            .map_err(|e| Error::io(&e.error, "cannot write", path))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::new(format!(
                    "{} already exists; not overwriting it",
                    path.display()
                ))
            } else {
                Error::io(&e.error, "cannot write", path)
            }
        })?;
    }
    sync_dir(dir);
    Ok(())
}

/// Writes `contents` to `path` atomically through the temporary file `temp` (in the same
/// folder), for a file whose writer holds the journal's lock: a `temp` left by a killed
/// writer is simply written over.
pub(crate) fn write_atomic_via(path: &Path, temp: &Path, contents: &[u8]) -> Result<()> {
    let mut file = std::fs::File::create(temp).at("cannot write", temp)?;
    file.write_all(contents).at("cannot write", temp)?;
    file.sync_all().at("cannot flush", temp)?;
    std::fs::rename(temp, path).at("cannot write", path)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Removes the temporary files [`write_atomic`] makes (`.mpl-….tmp`) from `dir`: after a
/// killed write, they are what it left.
pub(crate) fn remove_temporary_files(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_temporary(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one of [`write_atomic`]'s temporary files.
pub(crate) fn is_temporary(name: &str) -> bool {
    name.starts_with(".mpl-") && name.ends_with(".tmp")
}

/// Flushes a folder's entries so a rename survives a power cut (best effort).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates `dir` and its parents. The process umask (set in `main`) keeps them owner-only.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).at("cannot create folder", dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_keys_are_known_by_their_first_line_and_prose_about_them_is_not() {
        for key in [
            "# created: 2026-11-30\n# public key: age1xyz\nAGE-SECRET-KEY-1QQQQ\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
            "junk\r\n-----BEGIN RSA PRIVATE KEY-----\r\nMIIE\r\n",
        ] {
            assert!(holds_private_key(key.as_bytes()), "{key}");
        }
        for text in [
            "+++\ntitle = \"age keys start AGE-SECRET-KEY-1\"\n+++\n",
            "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n",
            "-----BEGIN PUBLIC KEY-----\n",
        ] {
            assert!(!holds_private_key(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn atomic_write_creates_replaces_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/file.md");
        write_atomic(&path, b"one", false).unwrap();
        assert!(write_atomic(&path, b"two", false).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn reads_report_bad_text_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.md");
        std::fs::write(&path, b"line one\nline two \xff\n").unwrap();
        match read_text(&path) {
            Err(ReadError::NotUtf8 { line }) => assert_eq!(line, 2),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
        assert!(matches!(read_text(dir.path()), Err(ReadError::Io(_))));
        assert!(matches!(
            read_text(&dir.path().join("missing")),
            Err(ReadError::Io(_))
        ));
    }
}
