//! Local history work for sync: committing hand edits, moving the branch forward, and merging
//! another history into ours with each conflicted file resolved by a function the caller
//! gives (which knows about entries; this module does not).
//!
//! Nothing here resets or discards, and nothing here writes the work tree: the store moves
//! it to a merged or fetched commit as one of its transactions.

use super::{Author, CommitId, Repo};
use crate::error::{Error, Result};
use git2::{IndexAddOption, IndexEntry, IndexTime, MergeOptions};
use std::path::{Path, PathBuf};

/// One file both histories changed, as three versions: the common ancestor's, ours and
/// theirs. `None` means the file does not exist on that side (never added, or deleted).
pub(crate) struct Conflict<'a> {
    pub(crate) path: &'a Path,
    pub(crate) base: Option<&'a [u8]>,
    pub(crate) ours: Option<&'a [u8]>,
    pub(crate) theirs: Option<&'a [u8]>,
}

/// How a conflict is settled: the file's new content (`None` removes it), and any extra
/// files to add beside it.
pub(crate) struct Resolution {
    pub(crate) content: Option<Vec<u8>>,
    pub(crate) also: Vec<(PathBuf, Vec<u8>)>,
}

/// A merge made in memory, waiting to be committed.
pub(crate) struct PendingMerge {
    ours: git2::Oid,
    theirs: git2::Oid,
    tree: git2::Oid,
}

impl Repo {
    /// Commits every change in the work tree (new, changed and deleted files; ignored files
    /// are left alone) on the current branch, but symbolic links: a journal never holds
    /// one (see `git::tree`). Returns whether anything was committed, and the links left
    /// out (relative paths).
    pub(crate) fn commit_all(
        &self,
        message: &str,
        author: &Author,
    ) -> Result<(bool, Vec<PathBuf>)> {
        let root = self
            .repo
            .workdir()
            .ok_or_else(|| Error::new("the journal's git repository has no work tree"))?
            .to_path_buf();
        let links = std::cell::RefCell::new(Vec::new());
        // A path that is a link, or under a folder that became one, is left alone: a file
        // that was there is not taken for deleted, and nothing outside goes in.
        let mut skip_links = |path: &Path, _: &[u8]| -> i32 {
            let link = path
                .ancestors()
                .filter(|part| !part.as_os_str().is_empty())
                .filter(|part| {
                    std::fs::symlink_metadata(root.join(part))
                        .is_ok_and(|meta| meta.file_type().is_symlink())
                })
                .last();
            match link {
                Some(link) => {
                    links.borrow_mut().push(link.to_path_buf());
                    1
                }
                None => 0,
            }
        };
        let mut index = self.repo.index()?;
        // Refresh the index's stat of files git must hash to compare (copied back from a
        // backup, say), as `git status` does, so the next run need not hash them again.
        let mut refresh = git2::DiffOptions::new();
        refresh.update_index(true);
        self.repo
            .diff_index_to_workdir(Some(&index), Some(&mut refresh))?;
        // New, changed and deleted files alike (git2's `update_all` would hash every
        // file the index holds: a second on a ten-year journal).
        index.add_all(["*"], IndexAddOption::DEFAULT, Some(&mut skip_links))?;
        index.write()?;
        let parent = self.head_commit()?;
        let mut links = links.into_inner();
        links.sort();
        links.dedup();
        // Nothing changed: no tree to write (libgit2 reads every object a tree names to
        // check it exists, a second for a ten-year journal of loose objects).
        if let Some(parent) = &parent
            && self
                .repo
                .diff_tree_to_index(Some(&parent.tree()?), Some(&index), None)?
                .deltas()
                .len()
                == 0
        {
            return Ok((false, links));
        }
        let tree_id = index.write_tree()?;
        if let Some(parent) = &parent
            && parent.tree_id() == tree_id
        {
            return Ok((false, links));
        }
        let tree = self.repo.find_tree(tree_id)?;
        let sig = self.signature(author)?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)?;
        Ok((true, links))
    }

    /// The files of the work tree that differ from the last commit (new or changed; not
    /// ignored ones), relative to the root.
    pub(crate) fn work_tree_changes(&self) -> Result<Vec<PathBuf>> {
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false);
        let statuses = self.repo.statuses(Some(&mut opts))?;
        Ok(statuses
            .iter()
            .filter(|s| !s.status().is_wt_deleted() && !s.status().is_index_deleted())
            .filter_map(|s| s.path().ok().map(PathBuf::from))
            .collect())
    }

    /// The commit the current branch points at; `None` before the first commit.
    pub(crate) fn head_id(&self) -> Result<Option<CommitId>> {
        Ok(self.head_commit()?.map(|c| CommitId(c.id())))
    }

    pub(super) fn head_commit(&self) -> Result<Option<git2::Commit<'_>>> {
        match self.repo.head() {
            Ok(head) => Ok(Some(head.peel_to_commit()?)),
            Err(err) if err.code() == git2::ErrorCode::UnbornBranch => Ok(None),
            Err(err) if err.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// Whether `commit` is `ancestor` or has it in its history.
    pub(crate) fn contains(&self, commit: CommitId, ancestor: CommitId) -> Result<bool> {
        Ok(commit == ancestor || self.repo.graph_descendant_of(commit.0, ancestor.0)?)
    }

    /// The common ancestor of two commits, if they have one.
    pub(crate) fn merge_base_of(&self, one: CommitId, two: CommitId) -> Result<Option<CommitId>> {
        match self.repo.merge_base(one.0, two.0) {
            Ok(id) => Ok(Some(CommitId(id))),
            Err(err) if err.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// Whether the two commits share any history.
    pub(crate) fn related(&self, one: CommitId, two: CommitId) -> Result<bool> {
        match self.repo.merge_base(one.0, two.0) {
            Ok(_) => Ok(true),
            Err(err) if err.code() == git2::ErrorCode::NotFound => Ok(false),
            Err(err) => Err(err.into()),
        }
    }

    /// The files (relative paths) whose content differs between two commits; `from` `None`
    /// stands for an empty history.
    pub(crate) fn changed_files(
        &self,
        from: Option<CommitId>,
        to: CommitId,
    ) -> Result<Vec<PathBuf>> {
        Ok(self
            .tree_changes(from, to)?
            .into_iter()
            .map(|change| change.path)
            .collect())
    }

    /// Merges `theirs` with the current branch in memory: files only one side changed are
    /// taken as they are; each file both changed is settled by `resolve`. Nothing is
    /// committed or written yet: see [`Repo::commit_merge`].
    pub(crate) fn merge(
        &self,
        theirs: CommitId,
        mut resolve: impl FnMut(&Conflict) -> Resolution,
    ) -> Result<PendingMerge> {
        let ours = self
            .head_commit()?
            .ok_or_else(|| Error::new("git: the journal has no commit to merge into"))?;
        let their_commit = self.repo.find_commit(theirs.0)?;
        let mut opts = MergeOptions::new();
        // Entries are named by their id; a file that moved is a new file, not a rename to
        // guess at.
        opts.find_renames(false);
        let mut index = self.repo.merge_commits(&ours, &their_commit, Some(&opts))?;
        if index.has_conflicts() {
            let conflicts = index
                .conflicts()?
                .collect::<std::result::Result<Vec<_>, _>>()?;
            for conflict in conflicts {
                let any = conflict
                    .our
                    .as_ref()
                    .or(conflict.their.as_ref())
                    .or(conflict.ancestor.as_ref())
                    .expect("a conflict has at least one side");
                let path = path_of(&any.path)?;
                let mode = conflict
                    .our
                    .as_ref()
                    .or(conflict.their.as_ref())
                    .map_or(0o100644, |e| e.mode);
                let read = |entry: &Option<IndexEntry>| -> Result<Option<Vec<u8>>> {
                    match entry {
                        Some(entry) => Ok(Some(self.repo.find_blob(entry.id)?.content().to_vec())),
                        None => Ok(None),
                    }
                };
                let (base, ours_blob, theirs_blob) = (
                    read(&conflict.ancestor)?,
                    read(&conflict.our)?,
                    read(&conflict.their)?,
                );
                let resolution = resolve(&Conflict {
                    path: &path,
                    base: base.as_deref(),
                    ours: ours_blob.as_deref(),
                    theirs: theirs_blob.as_deref(),
                });
                index.conflict_remove(&path)?;
                if let Some(content) = &resolution.content {
                    index.add(&self.index_entry(&path, content, mode)?)?;
                }
                for (extra, content) in &resolution.also {
                    index.add(&self.index_entry(extra, content, 0o100644)?)?;
                }
            }
        }
        let tree = index.write_tree_to(&self.repo)?;
        Ok(PendingMerge {
            ours: ours.id(),
            theirs: theirs.0,
            tree,
        })
    }

    /// Makes the merge commit, with both parents, on no branch: the store moves the work
    /// tree and the branch to it (see `Journal::advance_to`).
    pub(crate) fn commit_merge(
        &self,
        merge: PendingMerge,
        message: &str,
        author: &Author,
    ) -> Result<CommitId> {
        let tree = self.repo.find_tree(merge.tree)?;
        let ours = self.repo.find_commit(merge.ours)?;
        let theirs = self.repo.find_commit(merge.theirs)?;
        let sig = self.signature(author)?;
        let id = self
            .repo
            .commit(None, &sig, &sig, message, &tree, &[&ours, &theirs])?;
        Ok(CommitId(id))
    }

    fn index_entry(&self, path: &Path, content: &[u8], mode: u32) -> Result<IndexEntry> {
        let id = self.repo.blob(content)?;
        let path = path
            .to_str()
            .ok_or_else(|| Error::new("git: file names must be UTF-8"))?
            .replace('\\', "/");
        Ok(IndexEntry {
            ctime: IndexTime::new(0, 0),
            mtime: IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode,
            uid: 0,
            gid: 0,
            file_size: content.len() as u32,
            id,
            flags: 0,
            flags_extended: 0,
            path: path.into_bytes(),
        })
    }
}

fn path_of(bytes: &[u8]) -> Result<PathBuf> {
    std::str::from_utf8(bytes)
        .map(PathBuf::from)
        .map_err(|_| Error::new("git: file names must be UTF-8"))
}

/// Labels and width of the conflict markers [`merge_text`] writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Markers<'a> {
    pub(crate) ours: &'a str,
    pub(crate) theirs: &'a str,
    /// How many `<`, `=` or `>` make a marker; git's usual is 7.
    pub(crate) width: u16,
}

/// A line-based three-way merge of texts, as git does it. Returns the merged text and
/// whether it holds conflict markers (`<<<<<<< OURS` … `=======` … `>>>>>>> THEIRS`).
/// Texts that hold a NUL byte, which libgit2 takes for binary and does not merge, are kept
/// whole, both, between markers.
pub(crate) fn merge_text(base: &str, ours: &str, theirs: &str, markers: Markers) -> (String, bool) {
    let (ours_label, theirs_label) = (markers.ours, markers.theirs);
    let both_kept = || {
        let width = usize::from(markers.width);
        let (open, mid, close) = ("<".repeat(width), "=".repeat(width), ">".repeat(width));
        (
            format!("{open} {ours_label}\n{ours}{mid}\n{theirs}{close} {theirs_label}\n"),
            true,
        )
    };
    // Where one side is the result, libgit2 is not asked: an empty result comes back from
    // it as a null pointer, which git2 0.21 turns into a slice (undefined behaviour, an
    // abort in debug builds; rust-lang/git2-rs#1281). So does a "binary" merge.
    if ours == theirs || base == theirs {
        return (ours.to_string(), false);
    }
    if base == ours {
        return (theirs.to_string(), false);
    }
    if [base, ours, theirs].iter().any(|text| text.contains('\0')) {
        return both_kept();
    }
    // git2 initialises libgit2 lazily, and not on the way to merge_file; without it the
    // ancestor is ignored and every difference conflicts.
    let _ = git2::Oid::from_bytes(&[0; 20]);
    let mut base_in = git2::MergeFileInput::new();
    base_in.content(base.as_bytes());
    let mut ours_in = git2::MergeFileInput::new();
    ours_in.content(ours.as_bytes());
    let mut theirs_in = git2::MergeFileInput::new();
    theirs_in.content(theirs.as_bytes());
    let mut opts = git2::MergeFileOptions::new();
    opts.our_label(ours_label)
        .their_label(theirs_label)
        .marker_size(markers.width);
    match git2::merge_file(&base_in, &ours_in, &theirs_in, Some(&mut opts)) {
        Ok(result) => (
            String::from_utf8_lossy(result.content()).into_owned(),
            !result.is_automergeable(),
        ),
        // Merging text in memory fails only on allocation; keep both texts, marked.
        Err(_) => both_kept(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIT: Markers = Markers {
        ours: "this machine",
        theirs: "origin",
        width: 7,
    };

    #[test]
    fn separate_changes_merge_cleanly() {
        let (text, conflicted) = merge_text("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n", GIT);
        assert_eq!(text, "A\nb\nC\n");
        assert!(!conflicted);
    }

    #[test]
    fn merges_libgit2_gives_no_text_for_are_made_here() {
        // An empty result, and texts with a NUL byte (binary to libgit2), came back as a
        // null pointer that git2 read as a slice: an abort in debug builds.
        assert_eq!(merge_text("a\n", "a\n", "", GIT), (String::new(), false));
        assert_eq!(merge_text("a\n", "", "a\n", GIT), (String::new(), false));
        assert_eq!(
            merge_text("a\n", "a\0b\n", "c\n", GIT),
            (
                "<<<<<<< this machine\na\0b\n=======\nc\n>>>>>>> origin\n".to_string(),
                true
            )
        );
        assert_eq!(
            merge_text("a\0\n", "a\0\n", "b\n", GIT),
            ("b\n".to_string(), false)
        );
    }

    #[test]
    fn the_same_line_changed_twice_is_marked() {
        let (text, conflicted) = merge_text("a\n", "b\n", "c\n", GIT);
        assert!(conflicted);
        assert!(text.contains("<<<<<<< this machine\nb\n=======\nc\n>>>>>>> origin\n"));
    }
}
