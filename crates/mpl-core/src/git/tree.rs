//! What a journal's history may hold. A commit from a remote is untrusted: another machine,
//! or someone else with access to the remote, may have pushed anything git can store. mpl
//! never follows a symbolic link inside the journal, keeps `.mpl/` for this machine alone,
//! and has no use for submodules, so a tree holding any of them is refused before it
//! touches the work tree; and a journal never checks a link out as a link
//! (`core.symlinks = false`), so that even a tree nobody checked cannot make one.

use super::{CommitId, Repo};
use crate::error::Result;
use crate::store::STATE_DIR;
use std::fmt;

/// A path a journal's tree must not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    /// Relative to the journal root, with `/` separators.
    pub(crate) path: String,
    pub(crate) why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Why {
    /// A symbolic link, and where it points.
    Link(String),
    /// A submodule (a commit inside the tree).
    Submodule,
    /// `.mpl/`: this machine's lock and drafts, never synced.
    Reserved,
}

impl fmt::Display for Refused {
    /// "learned is a symbolic link (to /etc)"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.why {
            Why::Link(target) => write!(f, "{} is a symbolic link (to {target})", self.path),
            Why::Submodule => write!(f, "{} is a git submodule", self.path),
            Why::Reserved => write!(
                f,
                "{} is {STATE_DIR}/, which holds one machine's lock and unsaved drafts and is never synced",
                self.path
            ),
        }
    }
}

/// Whether `name`, at the top of the tree, is `.mpl` as some file system would read it
/// (case-insensitive ones, and Windows, which drops trailing dots and spaces).
fn reserved(name: &str) -> bool {
    name.trim_end_matches(['.', ' '])
        .eq_ignore_ascii_case(STATE_DIR)
}

impl Repo {
    /// The paths of `commit`'s tree that a journal must not hold, in tree order.
    pub(crate) fn refused_paths(&self, commit: CommitId) -> Result<Vec<Refused>> {
        let tree = self.repo.find_commit(commit.0)?.tree()?;
        let mut refused = Vec::new();
        let mut failed = None;
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            let name = String::from_utf8_lossy(entry.name_bytes());
            let path = format!("{dir}{name}");
            let why = match entry.filemode() {
                0o120000 => {
                    let target = self
                        .repo
                        .find_blob(entry.id())
                        .map(|blob| String::from_utf8_lossy(blob.content()).into_owned());
                    match target {
                        Ok(target) => Some(Why::Link(target)),
                        Err(err) => {
                            failed = Some(err);
                            return git2::TreeWalkResult::Abort;
                        }
                    }
                }
                0o160000 => Some(Why::Submodule),
                _ if dir.is_empty() && reserved(&name) => Some(Why::Reserved),
                _ => None,
            };
            match why {
                Some(why) => {
                    refused.push(Refused { path, why });
                    // Nothing under a refused folder is looked at.
                    git2::TreeWalkResult::Skip
                }
                None => git2::TreeWalkResult::Ok,
            }
        })?;
        if let Some(err) = failed {
            return Err(err.into());
        }
        Ok(refused)
    }

    /// Makes git write links in this journal as plain files holding the link's target, so
    /// that no checkout or merge creates a symbolic link in the work tree.
    pub(crate) fn never_check_out_links(&self) -> Result<()> {
        let mut config = self.repo.config()?;
        if config.get_bool("core.symlinks").ok() != Some(false) {
            config.set_bool("core.symlinks", false)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::Author;
    use chrono::DateTime;

    #[test]
    fn links_submodules_and_machine_state_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo::init(dir.path()).unwrap();
        let git = &repo.repo;
        let blob = git.blob(b"+++\n").unwrap();
        let link = git.blob(b"/home/me/.ssh").unwrap();
        let mut inner = git.treebuilder(None).unwrap();
        inner.insert("draft.md", blob, 0o100644).unwrap();
        let inner = inner.write().unwrap();
        let mut year = git.treebuilder(None).unwrap();
        year.insert("2026-11-25-x.md", blob, 0o100644).unwrap();
        year.insert("keys", link, 0o120000).unwrap();
        let year = year.write().unwrap();
        let mut root = git.treebuilder(None).unwrap();
        root.insert("learned", year, 0o040000).unwrap();
        root.insert(".MPL", inner, 0o040000).unwrap();
        root.insert("attachments", link, 0o120000).unwrap();
        root.insert("vendor", blob, 0o160000).unwrap();
        root.insert("mpl.toml", blob, 0o100644).unwrap();
        let tree = git.find_tree(root.write().unwrap()).unwrap();
        let author = Author {
            fallback_name: "T",
            when: DateTime::parse_from_rfc3339("2026-11-25T18:00:00+01:00").unwrap(),
        };
        let sig = repo.signature(&author).unwrap();
        let id = git.commit(None, &sig, &sig, "x", &tree, &[]).unwrap();
        let found = repo.refused_paths(CommitId(id)).unwrap();
        let shown: Vec<String> = found.iter().map(|r| r.to_string()).collect();
        assert_eq!(found.len(), 4, "{shown:?}");
        assert!(shown.contains(&".MPL is .mpl/, which holds one machine's lock and unsaved drafts and is never synced".to_string()), "{shown:?}");
        assert!(shown.contains(&"attachments is a symbolic link (to /home/me/.ssh)".to_string()));
        assert!(shown.contains(&"learned/keys is a symbolic link (to /home/me/.ssh)".to_string()));
        assert!(shown.contains(&"vendor is a git submodule".to_string()));
    }
}
