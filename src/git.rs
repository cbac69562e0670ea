//! The only module that speaks git (through git2). It knows repositories, paths and commit
//! messages, nothing about entries. Sync's parts live beside it: `git/remote.rs` (clone,
//! fetch, push, credentials) and `git/merge.rs` (hand-edit commits, fast-forward, merging
//! with a caller's resolver); the entry-aware resolver is `sync/merge.rs`.

pub mod merge;
pub mod remote;
pub mod tree;

use crate::error::{Error, Result};
use crate::render::terminal::shell_path;
use chrono::{DateTime, FixedOffset};
use git2::{Repository, RepositoryInitOptions, Signature, Time};
use std::path::Path;

/// The branch a journal lives on.
pub const BRANCH: &str = "main";

pub struct Repo {
    repo: Repository,
}

/// A commit, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitId(git2::Oid);

impl std::fmt::Display for CommitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.0.to_string();
        f.write_str(&id[..id.len().min(10)])
    }
}

/// Who commits: the user's git identity when they have one, else the journal's owner.
pub struct Author<'a> {
    pub fallback_name: &'a str,
    pub when: DateTime<FixedOffset>,
}

impl Repo {
    /// Creates a repository at `root` whose first branch is `main`.
    pub fn init(root: &Path) -> Result<Repo> {
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
        let repo = Repository::open(root).map_err(|err| {
            Error::new(format!(
                "{} is not a git repository: {}",
                root.display(),
                err.message()
            ))
            .hint(format!(
                "run `git -C {} init -b {BRANCH}` and then `mpl doctor`",
                shell_path(root)
            ))
        })?;
        Ok(Repo { repo })
    }

    /// Checks that a commit made now would land on a branch and not in the middle of a
    /// merge, rebase or other git operation the user started.
    pub fn check_ready(&self) -> Result<()> {
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
    pub fn check_on_main(&self) -> Result<()> {
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
    pub fn shown_root(&self) -> String {
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

    /// Commits exactly `paths` (relative to the root; a missing file is committed as removed)
    /// on the current branch with `message`, and stages them. Anything else staged by hand
    /// stays staged and out of this commit. Returns false when nothing changed.
    pub fn commit(&self, paths: &[&Path], message: &str, author: &Author) -> Result<bool> {
        let root = self
            .repo
            .workdir()
            .ok_or_else(|| Error::new("the journal's git repository has no work tree"))?
            .to_path_buf();
        let parent = match self.repo.head() {
            Ok(head) => Some(head.peel_to_commit()?),
            Err(err) if err.code() == git2::ErrorCode::UnbornBranch => None,
            Err(err) if err.code() == git2::ErrorCode::NotFound => None,
            Err(err) => return Err(err.into()),
        };
        // The new tree is the last commit's tree with these paths changed. Only the trees on
        // each path are rewritten, so the cost does not grow with the journal.
        let mut tree_id = parent.as_ref().map(|parent| parent.tree_id());
        let mut staged = self.repo.index()?;
        for path in paths {
            let blob = if root.join(path).is_file() {
                staged.add_path(path)?;
                let entry = staged
                    .get_path(path, 0)
                    .ok_or_else(|| Error::new(format!("git: {} was not staged", path.display())))?;
                Some((entry.id, entry.mode))
            } else {
                // Absent from the index is fine: there is nothing to remove.
                let _ = staged.remove_path(path);
                None
            };
            let names: Vec<&std::ffi::OsStr> = path.iter().collect();
            tree_id = self.updated_tree(tree_id, &names, blob)?;
        }
        staged.write()?;
        let tree_id = match tree_id {
            Some(id) => id,
            None => self.repo.treebuilder(None)?.write()?,
        };
        if let Some(parent) = &parent
            && parent.tree_id() == tree_id
        {
            return Ok(false);
        }
        let tree = self.repo.find_tree(tree_id)?;
        let sig = self.signature(author)?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        // Titles may hold anything; a commit message may not hold NUL or other controls.
        let message: String = message
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, &message, &tree, &parents)?;
        Ok(true)
    }

    /// The tree `base` with the file at `names` set to `blob` (or removed when `None`);
    /// `None` when the result is an empty tree.
    fn updated_tree(
        &self,
        base: Option<git2::Oid>,
        names: &[&std::ffi::OsStr],
        blob: Option<(git2::Oid, u32)>,
    ) -> Result<Option<git2::Oid>> {
        let base = base.map(|id| self.repo.find_tree(id)).transpose()?;
        let mut builder = self.repo.treebuilder(base.as_ref())?;
        let (first, rest) = names
            .split_first()
            .ok_or_else(|| Error::new("git: cannot commit an empty path"))?;
        let name = first
            .to_str()
            .ok_or_else(|| Error::new("git: file names must be UTF-8"))?;
        if rest.is_empty() {
            match blob {
                Some((id, mode)) => {
                    builder.insert(name, id, mode as i32)?;
                }
                None => {
                    let _ = builder.remove(name);
                }
            }
        } else {
            let sub = base
                .as_ref()
                .and_then(|tree| tree.get_name(name))
                .filter(|entry| entry.kind() == Some(git2::ObjectType::Tree))
                .map(|entry| entry.id());
            match self.updated_tree(sub, rest, blob)? {
                Some(id) => {
                    builder.insert(name, id, 0o040000)?;
                }
                None => {
                    let _ = builder.remove(name);
                }
            }
        }
        if builder.is_empty() {
            return Ok(None);
        }
        Ok(Some(builder.write()?))
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

/// `SSL_CERT_FILE` as the user gave it, once [`skip_certificates`] has changed it.
pub static USER_CERT_FILE: std::sync::OnceLock<Option<std::ffi::OsString>> =
    std::sync::OnceLock::new();

/// Points OpenSSL at an empty certificate bundle (`SSL_CERT_FILE=/dev/null`) for commands
/// that open no connection: libgit2 otherwise parses the system's whole bundle as it
/// starts. The editor still gets the user's own value (see `editor`).
///
/// # Safety
/// Changes the environment: call it before any other thread starts.
pub unsafe fn skip_certificates() {
    let _ = USER_CERT_FILE.set(std::env::var_os("SSL_CERT_FILE"));
    // SAFETY: the caller guarantees no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("SSL_CERT_FILE", "/dev/null") };
}

/// The git blob id of `bytes` (what `git hash-object` prints): a content address that the
/// user can check with git itself.
pub fn blob_id(bytes: &[u8]) -> String {
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
