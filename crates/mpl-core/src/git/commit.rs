//! Commits made in two steps, for the store's transactions: first the commit object, on no
//! branch, from blobs written to git's object database; then, once the work tree holds the
//! files, the branch moves to it, only if it is still where it was. Until the branch moves
//! nothing has happened; after, everything has: the branch is the point a change takes
//! effect, and the store can always tell which side of it an interrupted run stopped on.

use super::{Author, CommitId, Repo};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A file's content in git: its blob and its mode (`0o100644`, `0o100755`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Blob {
    pub(crate) id: BlobId,
    pub(crate) mode: u32,
}

/// A blob, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct BlobId(pub(super) git2::Oid);

impl BlobId {
    /// The id as 40 hex digits.
    pub(crate) fn hex(&self) -> String {
        self.0.to_string()
    }

    /// The id read back from [`BlobId::hex`].
    pub(crate) fn from_hex(text: &str) -> Option<BlobId> {
        git2::Oid::from_str(text).ok().map(BlobId)
    }
}

impl CommitId {
    /// The id as 40 hex digits.
    pub(crate) fn hex(&self) -> String {
        self.0.to_string()
    }

    /// The id read back from [`CommitId::hex`].
    pub(crate) fn from_hex(text: &str) -> Option<CommitId> {
        git2::Oid::from_str(text).ok().map(CommitId)
    }
}

/// A file that differs between two commits: its path (relative to the root) and its blob
/// in each (`None` where it does not exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeChange {
    pub(crate) path: PathBuf,
    pub(crate) old: Option<Blob>,
    pub(crate) new: Option<Blob>,
}

/// A file set to a blob (or removed, for `None`), by its names folder by folder.
type PathChange<'a> = (Vec<&'a std::ffi::OsStr>, Option<Blob>);

/// The mode of a plain file.
pub(crate) const FILE: u32 = 0o100644;
/// The mode of an executable file.
pub(crate) const EXECUTABLE: u32 = 0o100755;

impl Repo {
    /// Whether the executable bit of files on disk means anything (git's `core.fileMode`,
    /// false on file systems that mark every file executable).
    pub(crate) fn trusts_file_mode(&self) -> bool {
        self.repo
            .config()
            .and_then(|c| c.get_bool("core.fileMode"))
            .unwrap_or(true)
    }

    /// Stores `bytes` in git's object database.
    pub(crate) fn write_blob(&self, bytes: &[u8]) -> Result<BlobId> {
        Ok(BlobId(self.repo.blob(bytes)?))
    }

    /// The bytes of a stored blob.
    pub(crate) fn read_blob(&self, id: BlobId) -> Result<Vec<u8>> {
        Ok(self.repo.find_blob(id.0)?.content().to_vec())
    }

    /// The file at `path` (relative, `/`-separated or not) in `commit`'s tree, if any.
    pub(crate) fn blob_at(&self, commit: Option<CommitId>, path: &Path) -> Result<Option<Blob>> {
        let Some(commit) = commit else {
            return Ok(None);
        };
        let tree = self.repo.find_commit(commit.0)?.tree()?;
        match tree.get_path(path) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Blob) => Ok(Some(Blob {
                id: BlobId(entry.id()),
                mode: entry.filemode() as u32,
            })),
            Ok(_) => Ok(None),
            Err(err) if err.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// A commit of the current branch's tree with each of `changes` made (a file set to a
    /// blob, or removed for `None`), with the branch's tip as its parent; nothing points at
    /// it yet (see [`Repo::advance`]). `None` when the tree would not change.
    pub(crate) fn new_commit(
        &self,
        changes: &[(PathBuf, Option<Blob>)],
        message: &str,
        author: &Author,
    ) -> Result<Option<CommitId>> {
        let parent = self.head_commit()?;
        let paths: Vec<PathChange> = changes
            .iter()
            .map(|(path, blob)| (path.iter().collect(), *blob))
            .collect();
        let tree_id = self.updated_tree(parent.as_ref().map(|p| p.tree_id()), &paths)?;
        let tree_id = match tree_id {
            Some(id) => id,
            None => self.repo.treebuilder(None)?.write()?,
        };
        if let Some(parent) = &parent
            && parent.tree_id() == tree_id
        {
            return Ok(None);
        }
        let tree = self.repo.find_tree(tree_id)?;
        let sig = self.signature(author)?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        // Titles may hold anything; a commit message may not hold NUL or other controls.
        let message: String = message
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
        let id = self
            .repo
            .commit(None, &sig, &sig, &message, &tree, &parents)?;
        Ok(Some(CommitId(id)))
    }

    /// Moves the current branch from `before` (`None`: it has no commit yet) to `after`,
    /// only if it is still at `before`. This is the moment a change takes effect.
    pub(crate) fn advance(
        &self,
        before: Option<CommitId>,
        after: CommitId,
        why: &str,
    ) -> Result<()> {
        let branch = self.branch_ref()?;
        let result = match before {
            Some(before) => self
                .repo
                .reference_matching(&branch, after.0, true, before.0, why),
            None => self.repo.reference(&branch, after.0, false, why),
        };
        result.map(|_| ()).map_err(|err| {
            Error::new(format!(
                "git: the journal's branch moved while mpl was writing: {}",
                err.message()
            ))
            .hint("run the command again")
        })
    }

    /// The full name of the branch HEAD is on (`refs/heads/main`), even before its first
    /// commit.
    fn branch_ref(&self) -> Result<String> {
        let head = self.repo.find_reference("HEAD")?;
        head.symbolic_target()?
            .map(str::to_string)
            .ok_or_else(|| Error::new("the journal's git HEAD is detached"))
    }

    /// Brings git's index in line with the work tree for `paths` (relative to the root): a
    /// file there is staged as it is, a missing one is removed. Anything else staged by hand
    /// stays staged.
    pub(crate) fn stage(&self, paths: &[&Path]) -> Result<()> {
        let root = self
            .repo
            .workdir()
            .ok_or_else(|| Error::new("the journal's git repository has no work tree"))?
            .to_path_buf();
        let mut index = self.repo.index()?;
        for path in paths {
            let on_disk = std::fs::symlink_metadata(root.join(path)).is_ok_and(|m| m.is_file());
            if on_disk {
                index.add_path(path)?;
            } else {
                // Absent from the index is fine: there is nothing to remove.
                let _ = index.remove_path(path);
            }
        }
        index.write()?;
        Ok(())
    }

    /// The files whose blob or mode differ between two commits (`None`: an empty history).
    pub(crate) fn tree_changes(
        &self,
        from: Option<CommitId>,
        to: CommitId,
    ) -> Result<Vec<TreeChange>> {
        let old = from
            .map(|id| self.repo.find_commit(id.0).and_then(|c| c.tree()))
            .transpose()?;
        let new = self.repo.find_commit(to.0)?.tree()?;
        let diff = self
            .repo
            .diff_tree_to_tree(old.as_ref(), Some(&new), None)?;
        let side = |file: git2::DiffFile| -> Option<Blob> {
            (!file.id().is_zero()).then(|| Blob {
                id: BlobId(file.id()),
                mode: u32::from(file.mode()),
            })
        };
        let mut changes = Vec::new();
        for delta in diff.deltas() {
            let path = delta
                .new_file()
                .path()
                .or(delta.old_file().path())
                .ok_or_else(|| Error::new("git: a file name that is not UTF-8"))?;
            changes.push(TreeChange {
                path: path.to_path_buf(),
                old: side(delta.old_file()),
                new: side(delta.new_file()),
            });
        }
        Ok(changes)
    }

    /// The tree `base` with each file at its path (its names, folder by folder) set to its
    /// blob, or removed for `None`; `None` when the result is an empty tree. Each tree on
    /// the way is rewritten once, however many files change in it, so the cost grows with
    /// the change, not with the journal.
    fn updated_tree(
        &self,
        base: Option<git2::Oid>,
        changes: &[PathChange],
    ) -> Result<Option<git2::Oid>> {
        let base = base.map(|id| self.repo.find_tree(id)).transpose()?;
        let mut builder = self.repo.treebuilder(base.as_ref())?;
        let mut folders: std::collections::BTreeMap<&str, Vec<PathChange>> =
            std::collections::BTreeMap::new();
        for (names, blob) in changes {
            let (first, rest) = names
                .split_first()
                .ok_or_else(|| Error::new("git: cannot commit an empty path"))?;
            let name = first
                .to_str()
                .ok_or_else(|| Error::new("git: file names must be UTF-8"))?;
            if rest.is_empty() {
                match blob {
                    Some(blob) => {
                        builder.insert(name, blob.id.0, blob.mode as i32)?;
                    }
                    None => {
                        let _ = builder.remove(name);
                    }
                }
            } else {
                folders
                    .entry(name)
                    .or_default()
                    .push((rest.to_vec(), *blob));
            }
        }
        for (name, inside) in folders {
            let sub = base
                .as_ref()
                .and_then(|tree| tree.get_name(name))
                .filter(|entry| entry.kind() == Some(git2::ObjectType::Tree))
                .map(|entry| entry.id());
            match self.updated_tree(sub, &inside)? {
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
}
