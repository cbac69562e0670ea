//! Text from standard input, when it is piped or redirected rather than typed: the text of
//! a new entry, or a body beside a command's words. Questions on a terminal are
//! [`crate::prompt`]'s.

use crate::error::{Error, Result};
use crate::model::text::accept;
use crate::store::fs::MAX_FILE_BYTES;
use std::io::Read;

/// Reads all of standard input as UTF-8 text, refusing more than an entry may hold.
pub(crate) fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Error::new(format!("cannot read standard input: {err}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::new(format!(
            "standard input holds more than {} MiB; an entry is at most that",
            MAX_FILE_BYTES / 1048576
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::new("standard input is not valid UTF-8 text").hint("pipe UTF-8 text into mpl")
    })?;
    match accept(&text) {
        Ok(accepted) => Ok(accepted.into_owned()),
        Err(found) => Err(Error::new(format!(
            "standard input holds {found} on line {}, column {}; nothing was saved",
            found.line, found.column
        ))
        .hint("mpl keeps words, not terminal codes: remove it (colour codes from a command go with its --color never or NO_COLOR=1)")),
    }
}

/// How long text piped in beside the words of a command has to begin arriving.
const PIPE_WAIT_SECONDS: i64 = 1;

/// What standard input holds to go with the words given on the command line.
#[derive(Debug, PartialEq)]
pub(crate) enum Piped {
    /// Text piped or redirected in.
    Text(String),
    /// A terminal, `/dev/null`, or blank text: nothing to add.
    Nothing,
    /// A pipe that stayed silent: left unread, so a command run by a git hook, a job
    /// runner or `ssh` never waits for text nobody sends.
    Silent,
}

/// Text piped to standard input beside a command's words, such as a body under a title
/// (`echo body | mpl learn "Title"`). A file redirected in is read; a pipe is read when text
/// (or its end) arrives within a second. `stdin_is_terminal` is known to the caller.
pub(crate) fn piped(stdin_is_terminal: bool) -> Result<Piped> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::fs::{FileType, fstat};
    if stdin_is_terminal {
        return Ok(Piped::Nothing);
    }
    let stdin = std::io::stdin();
    let Ok(stat) = fstat(&stdin) else {
        return Ok(Piped::Nothing);
    };
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile => {}
        FileType::Fifo | FileType::Socket => {
            let timeout = Timespec {
                tv_sec: PIPE_WAIT_SECONDS,
                tv_nsec: 0,
            };
            let ready = loop {
                let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
                match poll(&mut fds, Some(&timeout)) {
                    Err(rustix::io::Errno::INTR) => continue,
                    // What cannot be waited on is read as it is, as without a title.
                    Err(_) => break true,
                    Ok(n) => break n > 0,
                }
            };
            if !ready {
                return Ok(Piped::Silent);
            }
        }
        // A character device other than a terminal (`/dev/null`) gives nothing.
        _ => return Ok(Piped::Nothing),
    }
    let text = read_stdin()?;
    if text.trim().is_empty() {
        Ok(Piped::Nothing)
    } else {
        Ok(Piped::Text(text))
    }
}
