//! The one error type of `mpl`: what went wrong, hints on how to fix it, what caused it, and
//! the exit code, which says what the user can do about it.
//!
//! Every layer returns [`Error`]; `main` prints it once as `error: …`, then a `cause: …` line
//! for each cause its message does not already say, then `hint: …` lines. Messages are
//! lowercase and name the file (and line) they are about.

use std::fmt;
use std::path::Path;

/// What kind of failure this is, by what the user can do about it; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The action failed: bad data, a missing entry, git, the file system, the network.
    /// The message says what to fix. Exit 1.
    Failed,
    /// The command line was wrong (a bad date, conflicting flags): run it again, changed.
    /// Exit 2.
    Usage,
    /// mpl broke a rule of its own: a bug to report, not something the user did. Exit 255.
    Internal,
    /// Standard output was closed early (`mpl log | head`): not an error, exit 0 quietly.
    BrokenPipe,
    /// The user stopped a question with Ctrl-C. The message says what was kept and how to
    /// go on. Exit 130, as a shell gives a command stopped by Ctrl-C.
    Interrupted,
}

impl ErrorKind {
    /// The exit code of an internal error (a panic included).
    pub const INTERNAL_EXIT: u8 = 255;
}

/// What caused an error, kept for the chain ([`std::error::Error::source`]).
type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An error with a message, zero or more hints, and what caused it.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    pub message: String,
    pub hints: Vec<String>,
    source: Option<Cause>,
}

/// The hint every internal error carries.
pub(crate) const REPORT_HINT: &str = "this is a bug in mpl, not a problem with your journal: please report it to mpl's maintainers with the command you ran and this message";

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A failed action (exit 1).
    pub fn new(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Failed, message)
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Usage, message)
    }

    /// Stopped with Ctrl-C (exit 130); `message` says what was kept.
    pub fn interrupted(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Interrupted, message)
    }

    /// A bug in mpl (exit 255), with the hint to report it.
    pub fn internal(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Internal, message).hint(REPORT_HINT)
    }

    fn of(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            hints: Vec::new(),
            source: None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The same error, caused by `cause` (kept for the chain; printed when the message does
    /// not already say it).
    pub(crate) fn caused_by(
        mut self,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.source = Some(Box::new(cause));
        self
    }

    /// The causes to print under the message: each one's text, unless the message (or a
    /// cause before it) already says it.
    pub fn causes(&self) -> Vec<String> {
        let mut said = self.message.clone();
        let mut causes = Vec::new();
        let mut next = std::error::Error::source(self);
        while let Some(cause) = next {
            let text = cause.to_string();
            if !text.is_empty() && !said.contains(&text) {
                said.push('\n');
                said.push_str(&text);
                causes.push(text);
            }
            next = cause.source();
        }
        causes
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
            .caused_by(std::io::Error::new(err.kind(), describe_io(err)))
    }

    /// An error writing to standard output.
    pub fn stdout(err: std::io::Error) -> Error {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Error::of(ErrorKind::BrokenPipe, "")
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
            ErrorKind::Internal => ErrorKind::INTERNAL_EXIT,
            ErrorKind::BrokenPipe => 0,
            ErrorKind::Interrupted => 130,
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|cause| cause as &(dyn std::error::Error + 'static))
    }
}

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
        Error::new(format!("git: {}", err.message())).caused_by(GitCause(err))
    }
}

/// libgit2's error as a cause: shown as its message (the class and code stay in `Debug`).
#[derive(Debug)]
struct GitCause(git2::Error);

impl fmt::Display for GitCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.message())
    }
}

impl std::error::Error for GitCause {}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_decide_the_exit_code_and_an_internal_error_says_to_report_it() {
        assert_eq!(Error::new("x").exit_code(), 1);
        assert_eq!(Error::usage("x").exit_code(), 2);
        let bug = Error::internal("a rule of mpl's own was broken");
        assert_eq!(bug.exit_code(), 255);
        assert_eq!(bug.kind(), ErrorKind::Internal);
        assert_eq!(bug.hints, [REPORT_HINT]);
        let pipe = Error::stdout(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(pipe.exit_code(), 0);
    }

    #[test]
    fn causes_are_kept_as_a_chain_and_printed_only_where_the_message_does_not_say_them() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let err = Error::io(&io, "cannot read", Path::new("/j/mpl.toml"));
        assert!(std::error::Error::source(&err).is_some());
        assert!(err.message.contains("permission denied"), "{}", err.message);
        assert!(err.causes().is_empty(), "{:?}", err.causes());

        let err = Error::new("cannot sync").caused_by(std::io::Error::other("the disk is full"));
        assert_eq!(err.causes(), ["the disk is full"]);
        let err = Error::new("git: object not found")
            .caused_by(GitCause(git2::Error::from_str("object not found")));
        assert!(err.causes().is_empty(), "{:?}", err.causes());
        assert!(std::error::Error::source(&err).is_some());
    }
}
