//! The one error type of `mpl`: what went wrong, hints on how to fix it, and the exit code.
//!
//! Every layer returns [`Error`]; `main` prints it once as `error: …` followed by `hint: …`
//! lines. Messages are lowercase and name the file (and line) they are about.

use std::fmt;
use std::path::Path;

/// What kind of failure this is; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// The action failed: bad data, a missing entry, git, the file system. Exit 1.
    Failed,
    /// The command line was wrong (a bad date, conflicting flags). Exit 2.
    Usage,
    /// Standard output was closed early (`mpl log | head`): not an error, exit 0 quietly.
    BrokenPipe,
}

/// An error with a message and zero or more hints.
#[derive(Debug)]
pub struct Error {
    pub(crate) kind: ErrorKind,
    pub message: String,
    pub hints: Vec<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A failed action (exit 1).
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Failed,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// Adds a hint: what the user can do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hints.push(hint.into());
        self
    }

    /// The same error with `prefix` before its message, such as the flag it concerns.
    pub fn prefix(mut self, prefix: &str) -> Error {
        self.message.insert_str(0, prefix);
        self
    }

    /// An I/O error about `path`.
    pub fn io(err: &std::io::Error, action: &str, path: &Path) -> Error {
        Error::new(format!("{action} {}: {}", path.display(), describe_io(err)))
    }

    /// An error writing to standard output.
    pub fn stdout(err: std::io::Error) -> Error {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Error {
                kind: ErrorKind::BrokenPipe,
                message: String::new(),
                hints: Vec::new(),
            }
        } else {
            Error::new(format!(
                "cannot write to standard output: {}",
                describe_io(&err)
            ))
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Failed => 1,
            ErrorKind::Usage => 2,
            ErrorKind::BrokenPipe => 0,
        }
    }
}

/// The OS error text without Rust's "(os error N)" suffix, lowercased like our own messages.
pub(crate) fn describe_io(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<git2::Error> for Error {
    fn from(err: git2::Error) -> Error {
        if let Some(lock) = locked_file(err.message()) {
            return Error::new(format!(
                "git's lock file {lock} is in the way: a git command is running, or one stopped before it finished"
            ))
            .hint(format!(
                "when no git command is running there, remove it with `rm {}` and run mpl again",
                crate::render::terminal::shell_arg(lock)
            ));
        }
        Error::new(format!("git: {}", err.message()))
    }
}

/// The file in libgit2's "failed to lock file 'PATH' for writing", if that is the message.
pub(crate) fn locked_file(message: &str) -> Option<&str> {
    let rest = message.split("failed to lock file '").nth(1)?;
    rest.split_once("' for writing").map(|(path, _)| path)
}

/// Attaches a path and an action to I/O errors: `.at("read", &path)?`.
pub trait IoResultExt<T> {
    fn at(self, action: &str, path: &Path) -> Result<T>;
}

impl<T> IoResultExt<T> for std::io::Result<T> {
    fn at(self, action: &str, path: &Path) -> Result<T> {
        self.map_err(|err| Error::io(&err, action, path))
    }
}
