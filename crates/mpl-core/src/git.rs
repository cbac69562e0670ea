//! The only module that speaks git: in-process through git2 (libgit2) for history, commits
//! and merges, and through the user's `git` program for talking to remotes. It knows
//! repositories, paths and commit messages, nothing about entries. Sync's parts live
//! beside it: `git/remote.rs` (clone, fetch, push), `git/transport.rs` (running git:
//! credentials, timeouts, progress, its errors in mpl's words) and `git/merge.rs` (hand-edit commits, fast-forward, merging
//! with a caller's resolver); the entry-aware resolver is `sync/merge.rs`.

pub(crate) mod commit;
pub(crate) mod merge;
pub mod remote;
pub(crate) mod transport;
pub(crate) mod tree;

use crate::error::{Error, Result};
use crate::render::terminal::shell_path;
use chrono::{DateTime, FixedOffset};
use git2::{Repository, RepositoryInitOptions, Signature, Time};
use std::path::Path;

/// The branch a journal lives on.
pub(crate) const BRANCH: &str = "main";

pub struct Repo {
    repo: Repository,
}

/// A commit, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CommitId(pub(crate) git2::Oid);

impl std::fmt::Display for CommitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.0.to_string();
        f.write_str(&id[..id.len().min(10)])
    }
}

/// Who commits: the user's git identity when they have one, else the journal's owner.
pub(crate) struct Author<'a> {
    pub(crate) fallback_name: &'a str,
    pub(crate) when: DateTime<FixedOffset>,
}

impl Repo {
    /// Creates a repository at `root` whose first branch is `main`.
    pub(crate) fn init(root: &Path) -> Result<Repo> {
        flush_to_disk();
        let mut opts = RepositoryInitOptions::new();
        opts.initial_head(BRANCH).mkdir(true);
        let repo = Repository::init_opts(root, &opts).map_err(|err| {
            Error::new(format!(
                "cannot create a git repository at {}: {}",
                root.display(),
                err.message()
            ))
        })?;
        let repo = Repo { repo };
        repo.never_check_out_links()?;
        Ok(repo)
    }

    /// Opens the repository at `root` (not a parent folder's).
    pub fn open(root: &Path) -> Result<Repo> {
        flush_to_disk();
        let repo = Repository::open(root).map_err(|err| {
            let error = Error::new(format!(
                "{} is not a git repository: {}",
                root.display(),
                err.message()
            ));
            // Inside another repository (a source checkout, a dotfiles repository): a
            // journal there would be a repository inside a repository.
            let outer = Repository::discover(root)
                .ok()
                .and_then(|outer| outer.workdir().map(Path::to_path_buf));
            match outer {
                Some(outer) => error.hint(format!(
                    "it is a folder of the git repository at {}, not a journal with history of its own: copy it out of there to write to it, or create a journal elsewhere with `mpl init`",
                    outer.display()
                )),
                None => error.hint(format!(
                    "run `git -C {} init -b {BRANCH}` and then `mpl doctor`",
                    shell_path(root)
                )),
            }
        })?;
        Ok(Repo { repo })
    }

    /// Checks that a commit made now would land on a branch and not in the middle of a
    /// merge, rebase or other git operation the user started.
    pub(crate) fn check_ready(&self) -> Result<()> {
        let root = self.shown_root();
        if self.repo.state() != git2::RepositoryState::Clean {
            return Err(Error::new(format!(
                "a git operation ({:?}) is in progress in the journal; mpl will not commit in the middle of it",
                self.repo.state()
            ))
            .hint(format!(
                "finish it (`git -C {root} status` says how) or abort it, then run mpl again"
            )));
        }
        // mpl removes the locks a killed mpl left (see `store::tx`) before it gets here; one
        // still there is a git command's, running or stopped.
        let index_lock = self.repo.path().join("index.lock");
        if index_lock.exists() {
            return Err(Error::new(format!(
                "git's index is locked ({}): a git command is running in the journal, or one stopped before it finished; nothing was changed",
                index_lock.display()
            ))
            .hint(format!(
                "when no git command is running in the journal, remove the lock with `rm {}` and run mpl again",
                shell_path(&index_lock)
            )));
        }
        if self.repo.head_detached().unwrap_or(false) {
            return Err(Error::new(
                "the journal's git HEAD is detached, so new entries would be on no branch",
            )
            .hint(format!(
                "run `git -C {root} switch {BRANCH}`, then run mpl again"
            )));
        }
        Ok(())
    }

    /// Fails unless the current branch is `main`, the branch a journal lives and syncs on.
    pub(crate) fn check_on_main(&self) -> Result<()> {
        let head = self.repo.find_reference("HEAD").ok();
        let target = head
            .as_ref()
            .and_then(|h| h.symbolic_target().ok().flatten())
            .unwrap_or("");
        let name = target.strip_prefix("refs/heads/").unwrap_or(target);
        if name == BRANCH {
            return Ok(());
        }
        let root = self.shown_root();
        Err(Error::new(format!(
            "the journal is on the git branch \"{name}\", and sync works on {BRANCH}"
        ))
        .hint(format!(
            "run `git -C {root} switch {BRANCH}`, then `mpl sync`"
        )))
    }

    /// The journal's folder as a hint shows it in a command: quoted for the shell.
    pub(crate) fn shown_root(&self) -> String {
        let root = self.repo.workdir().unwrap_or(self.repo.path());
        let root = root.to_string_lossy();
        crate::render::terminal::shell_arg(root.trim_end_matches('/')).into_owned()
    }

    /// Adds a remote called `origin`, or points the existing one at `url`.
    pub fn set_origin(&self, url: &str) -> Result<()> {
        if self.repo.find_remote("origin").is_ok() {
            self.repo.remote_set_url("origin", url)?;
        } else {
            self.repo.remote("origin", url)?;
        }
        Ok(())
    }

    fn signature(&self, author: &Author) -> Result<Signature<'static>> {
        let config = self.repo.config().ok();
        let get = |key: &str| {
            config
                .as_ref()
                .and_then(|c| c.get_string(key).ok())
                .filter(|v| !v.trim().is_empty())
        };
        // git refuses names with `<`, `>` or control characters; a name typed into
        // `mpl init --name` may hold them.
        let clean = |text: &str| -> String {
            text.chars()
                .filter(|c| !c.is_control() && *c != '<' && *c != '>')
                .collect::<String>()
                .trim()
                .to_string()
        };
        let name = get("user.name")
            .map(|n| clean(&n))
            .filter(|n| !n.is_empty())
            .or_else(|| Some(clean(author.fallback_name)).filter(|n| !n.is_empty()))
            .unwrap_or_else(|| "mpl".to_string());
        let email = get("user.email")
            .map(|e| clean(&e))
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| "mpl@localhost".to_string());
        let when = Time::new(
            author.when.timestamp(),
            author.when.offset().local_minus_utc() / 60,
        );
        Signature::new(&name, &email, &when).map_err(Error::from)
    }
}

/// Removes git's lock files (`*.lock`) from the journal's `.git`: `index.lock`, `HEAD.lock`,
/// `FETCH_HEAD.lock`, `packed-refs.lock`, those under `refs/` and a pack's in
/// `objects/pack/`.
/// Only for when they are known to be left by a killed mpl (see `store::tx`): a lock that a
/// running git holds must not go.
pub(crate) fn remove_stale_locks(root: &Path) {
    let locks = lock_files(root);
    if locks.is_empty() {
        return;
    }
    // The killed mpl's own git (a fetch, a push) dies with it, a moment later: it is waited
    // for. A git command the user started since may hold one: then they stay, and what they
    // block says how to remove them.
    let in_use = match git_left_within(root, GIT_DYING) {
        Some(running) => running,
        None => locks.iter().any(|lock| recently_touched(lock)),
    };
    if !in_use {
        for lock in locks {
            let _ = std::fs::remove_file(lock);
        }
    }
}

/// How long a git that a killed mpl started may take to die (it is killed with its parent).
pub(crate) const GIT_DYING: std::time::Duration = std::time::Duration::from_secs(3);

/// Whether a git program is still at work on the repository at `root` after waiting up to
/// `patience` for it to end; `None` where that cannot be known.
pub(crate) fn git_left_within(root: &Path, patience: std::time::Duration) -> Option<bool> {
    let deadline = std::time::Instant::now() + patience;
    loop {
        let running = git_running_in(root)?;
        if !running || std::time::Instant::now() >= deadline {
            return Some(running);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Whether a git program of this user is at work on the repository at `root`: one whose
/// working folder is in it, or whose command line names it. From `/proc` (Linux); `None`
/// where that cannot be known.
pub(crate) fn git_running_in(root: &Path) -> Option<bool> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let root = std::fs::canonicalize(root).ok()?;
    let named = root.to_string_lossy().into_owned();
    let me = std::process::id().to_string();
    for process in std::fs::read_dir("/proc").ok()?.filter_map(|e| e.ok()) {
        let pid = process.file_name().to_string_lossy().into_owned();
        if pid == me || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let dir = process.path();
        let is_git = std::fs::read_to_string(dir.join("comm"))
            .is_ok_and(|comm| comm.trim_end().starts_with("git"));
        if !is_git {
            continue;
        }
        let in_root = std::fs::read_link(dir.join("cwd")).is_ok_and(|cwd| cwd.starts_with(&root));
        let names_root = std::fs::read(dir.join("cmdline"))
            .is_ok_and(|line| String::from_utf8_lossy(&line).contains(named.as_str()));
        if in_root || names_root {
            return Some(true);
        }
    }
    Some(false)
}

/// Whether a file was changed in the last ten seconds (what a running git does to its lock).
fn recently_touched(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(10))
}

/// git's lock files in the journal's `.git` (of the object store, only the packs' folder is
/// looked in: loose objects take no locks), for `doctor` and for [`remove_stale_locks`].
pub(crate) fn lock_files(root: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(read) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in read.filter_map(|e| e.ok()) {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                if entry.file_name() != "objects" {
                    walk(&path, out);
                }
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "lock") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join(".git"), &mut out);
    walk(&root.join(".git").join("objects").join("pack"), &mut out);
    out.sort();
    out
}

/// Makes libgit2 flush what it writes in `.git` (objects, refs, the index) to disk before it
/// renames it into place, as mpl does with the journal's own files: a power cut then loses
/// no commit that was made. Done once, as the first repository is opened or cloned
/// (commands that open none do not start libgit2 at all).
pub(crate) fn flush_to_disk() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        // SAFETY: GIT_OPT_ENABLE_FSYNC_GITDIR takes one int; libgit2 is initialised above.
        unsafe {
            libgit2_sys::git_libgit2_opts(
                libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as std::os::raw::c_int,
                1,
            );
        }
    });
}

/// The git blob id of `bytes` (what `git hash-object` prints): a content address that the
/// user can check with git itself.
pub(crate) fn blob_id(bytes: &[u8]) -> String {
    git2::Oid::hash_object(git2::ObjectType::Blob, bytes)
        .expect("hashing bytes in memory cannot fail")
        .to_string()
}

/// The user's `user.name` from their global git configuration, if set.
pub fn user_name() -> Option<String> {
    git2::Config::open_default()
        .ok()?
        .get_string("user.name")
        .ok()
        .filter(|n| !n.trim().is_empty())
}

/// A URL with any password or token in it replaced by `***`, for printing.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let host_end = rest.find('/').unwrap_or(rest.len());
    match rest[..host_end].rfind('@') {
        Some(at) => {
            let user = &rest[..at];
            let shown = match user.split_once(':') {
                Some((name, _)) => format!("{name}:***"),
                // Over http a lone user part is often a token; over ssh it is a login name.
                None if url.starts_with("http") => "***".to_string(),
                None => return url.to_string(),
            };
            format!("{}{shown}{}", &url[..scheme_end + 3], &rest[at..])
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_urls_are_hidden() {
        assert_eq!(
            redact_url("https://user:tok@host/x.git"),
            "https://user:***@host/x.git"
        );
        assert_eq!(
            redact_url("https://ghp_secret@host/x.git"),
            "https://***@host/x.git"
        );
        assert_eq!(redact_url("https://host/x@y.git"), "https://host/x@y.git");
        assert_eq!(
            redact_url("git@host:me/journal.git"),
            "git@host:me/journal.git"
        );
        assert_eq!(redact_url("ssh://git@host/j.git"), "ssh://git@host/j.git");
    }
}
