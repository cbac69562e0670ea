//! The journal lock: one writer at a time, so concurrent runs never lose an entry or fight
//! over git's index. An OS file lock (`flock`), released when the process ends however it
//! ends, so a crash never leaves the journal locked.

use crate::error::{Error, IoResultExt, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another one before giving up.
const WAIT: Duration = Duration::from_secs(120);

/// Held while a command writes; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    /// A file that says a writer is at work, removed with the lock: one found by the next
    /// writer means this one was killed (see `store::tx`).
    busy: Option<PathBuf>,
}

impl Lock {
    /// Leaves `marker` while the lock is held; it goes when the lock is dropped.
    pub(super) fn mark_busy(&mut self, marker: PathBuf) -> Result<()> {
        // Who holds the lock, for one that waits: "PID mpl COMMAND". (Read back whole or
        // not at all: it is one short write.)
        let command = std::env::args().nth(1).unwrap_or_default();
        let holder = format!("{} mpl {}\n", std::process::id(), command);
        std::fs::write(&marker, holder).at("cannot write", &marker)?;
        self.busy = Some(marker);
        Ok(())
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(marker) = self.busy.take() {
            let _ = std::fs::remove_file(marker);
        }
    }
}

/// Takes the lock at `path` (in the journal's `.mpl/`, which is made if missing), calling
/// `on_wait` once if another process holds it. A link at `.mpl/` or at the lock is refused:
/// a lock outside the journal would let two writers in.
pub(crate) fn acquire(path: &Path, on_wait: impl FnOnce()) -> Result<Lock> {
    if let Some(dir) = path.parent() {
        if let Some(root) = dir.parent() {
            std::fs::create_dir_all(root).at("cannot create folder", root)?;
        }
        match std::fs::create_dir(dir) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(Error::io(&err, "cannot create folder", dir)),
        }
        refuse_link(dir)?;
    }
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path).map_err(|err| {
        refuse_link(path)
            .err()
            .unwrap_or_else(|| Error::io(&err, "cannot open the journal lock", path))
    })?;
    let mut on_wait = Some(on_wait);
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(Lock {
                    _file: file,
                    busy: None,
                });
            }
            Err(TryLockError::WouldBlock) => {
                if let Some(notify) = on_wait.take() {
                    notify();
                }
                if started.elapsed() > WAIT {
                    let holder = path
                        .parent()
                        .and_then(|dir| std::fs::read_to_string(dir.join("busy")).ok())
                        .and_then(|text| {
                            let (pid, command) = text.trim().split_once(' ')?;
                            Some((pid.to_string(), command.to_string()))
                        });
                    let (who, hint) = match holder {
                        Some((pid, command)) => (
                            format!("`{command}` (process {pid})"),
                            format!(
                                "let it finish; if it hangs (a sync waiting on a network that is gone), stop it with `kill {pid}`, then try again"
                            ),
                        ),
                        None => (
                            "another mpl".to_string(),
                            "let it finish, then try again".to_string(),
                        ),
                    };
                    return Err(Error::new(format!(
                        "{who} has held the journal lock ({}) for over {} seconds",
                        path.display(),
                        WAIT.as_secs()
                    ))
                    .hint(hint));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::Error(err)) => {
                return Err(Error::io(&err, "cannot lock", path));
            }
        }
    }
}

/// Takes the lock at `path` if no other process holds it; `None` if one does. Nothing is
/// created: with no `.mpl/` there is nothing to do under the lock.
pub(crate) fn try_acquire(path: &Path) -> Result<Option<Lock>> {
    if let Some(dir) = path.parent() {
        refuse_link(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let Ok(file) = options.open(path) else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(Lock {
            _file: file,
            busy: None,
        })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(err)) => Err(Error::io(&err, "cannot lock", path)),
    }
}

/// An error when `path` is a symbolic link (or not there as a folder or file at all).
fn refuse_link(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::new(super::fs::link_message(
            path,
            &std::fs::read_link(path).unwrap_or_default(),
        ))
        .hint("`.mpl` holds this machine's lock and drafts; it is never synced, so remove the link and run the command again")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".mpl/lock");
        let first = acquire(&path, || panic!("the first lock must not wait")).unwrap();
        let path2 = path.clone();
        let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = waited.clone();
        let handle = std::thread::spawn(move || {
            acquire(&path2, || {
                flag.store(true, std::sync::atomic::Ordering::SeqCst)
            })
            .unwrap();
        });
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        handle.join().unwrap();
        assert!(waited.load(std::sync::atomic::Ordering::SeqCst));
    }
}
