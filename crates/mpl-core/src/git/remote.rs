//! Talking to the remote `origin`: clone, fetch and push, through the user's own `git`
//! program (see `git/transport.rs`), so any transport and any credential git has works.
//!
//! URLs may hold a token; every message shows them through [`redact_url`]. A fetch lands in
//! a scratch ref first, so the caller can check it before the remote-tracking branch moves.

use super::transport::{Action, run_git};
pub use super::transport::{REMOTE, Transfer};
use super::{BRANCH, CommitId, Repo, redact_url};
use crate::error::{Error, Result};
use crate::render::terminal::shell_arg;
use std::ffi::OsStr;
use std::path::Path;

/// Where a fetch lands before it is checked.
const FETCHED: &str = "refs/mpl/fetched";

/// The result of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pushed {
    Done,
    /// The remote's branch moved since we fetched it (the message says why).
    Rejected(String),
    /// The remote's branch is locked (the lock file's path): another push is updating it
    /// right now, or one that stopped left its lock.
    Locked(String),
    /// The remote refused it for a reason of its own (a hook, a protected branch): the
    /// reason. (A remote that also moved meanwhile may have lost a race.)
    Refused(String),
}

fn tracking_ref() -> String {
    format!("refs/remotes/{REMOTE}/{BRANCH}")
}

impl Repo {
    /// The URL of `origin`, as configured (it may hold a token: show it redacted).
    pub fn origin_url(&self) -> Option<String> {
        self.repo
            .find_remote(REMOTE)
            .ok()
            .and_then(|r| r.url().ok().map(str::to_string))
    }

    /// The commit `origin/main` pointed at after the last fetch or push: the last state of
    /// the remote this journal saw.
    pub(crate) fn tracking_id(&self) -> Option<CommitId> {
        self.repo.refname_to_id(&tracking_ref()).ok().map(CommitId)
    }

    /// Records `id` as the last state of the remote seen.
    pub(crate) fn set_tracking(&self, id: CommitId, why: &str) -> Result<()> {
        self.repo.reference(&tracking_ref(), id.0, true, why)?;
        Ok(())
    }

    /// Makes `main` track `origin/main`, so that plain git agrees with mpl.
    pub(crate) fn set_upstream(&self) -> Result<()> {
        let mut config = self.repo.config()?;
        config.set_str(&format!("branch.{BRANCH}.remote"), REMOTE)?;
        config.set_str(
            &format!("branch.{BRANCH}.merge"),
            &format!("refs/heads/{BRANCH}"),
        )?;
        Ok(())
    }

    /// Fetches the remote's `main` into a scratch ref and returns its commit (`None` when
    /// the remote has no `main` yet, as a new empty repository). The remote-tracking
    /// branch is left as it was; see [`Repo::set_tracking`]. `url` is origin's, for
    /// messages.
    pub(crate) fn fetch_origin(
        &self,
        url: &str,
        transfer: Transfer<'_>,
    ) -> Result<Option<CommitId>> {
        self.drop_fetched();
        let refspec = format!("+refs/heads/{BRANCH}:{FETCHED}");
        let args = [
            "fetch",
            "--progress",
            "--no-tags",
            "--no-prune",
            "--no-recurse-submodules",
            // Only the scratch ref moves: not origin/main, as a configured remote would.
            "--refmap=",
            REMOTE,
            &refspec,
        ];
        let run = run_git(self.root(), &os(&args), Action::Fetch, url, transfer)?;
        if !run.success {
            let empty = run
                .stderr
                .iter()
                .any(|line| line.contains("couldn't find remote ref"));
            if empty {
                return Ok(None);
            }
            return Err(super::transport::failure(Action::Fetch, url, &run.stderr));
        }
        let fetched = self.repo.refname_to_id(FETCHED).ok().map(CommitId);
        self.drop_fetched();
        Ok(fetched)
    }

    fn drop_fetched(&self) {
        if let Ok(mut reference) = self.repo.find_reference(FETCHED) {
            let _ = reference.delete();
        }
    }

    /// Pushes `main` to origin, never forced: a remote that moved meanwhile rejects it, and
    /// the remote's branch moves atomically (git's `receive-pack` checks and updates it
    /// under its lock, even in a shared folder). `url` is origin's, for messages.
    pub(crate) fn push_origin(&self, url: &str, transfer: Transfer<'_>) -> Result<Pushed> {
        let refspec = format!("refs/heads/{BRANCH}:refs/heads/{BRANCH}");
        let args = [
            "push",
            "--porcelain",
            "--progress",
            "--no-follow-tags",
            // Hooks set for code repositories (a global core.hooksPath) are not the
            // journal's business.
            "--no-verify",
            REMOTE,
            &refspec,
        ];
        let run = run_git(self.root(), &os(&args), Action::Push, url, transfer)?;
        if let Some(pushed) = push_result(&run.stdout, &run.stderr, &refspec) {
            return Ok(pushed);
        }
        if run.success {
            return Ok(Pushed::Done);
        }
        Err(super::transport::failure(Action::Push, url, &run.stderr))
    }

    fn root(&self) -> &Path {
        self.repo.workdir().unwrap_or(self.repo.path())
    }
}

fn os<'a>(args: &'a [&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(OsStr::new).collect()
}

/// What `git push --porcelain` said of `refspec`: `None` if it said nothing of it.
fn push_result(stdout: &str, stderr: &[String], refspec: &str) -> Option<Pushed> {
    let line = stdout
        .lines()
        .find(|line| line.split('\t').nth(1) == Some(refspec))?;
    let mut fields = line.split('\t');
    let flag = fields.next()?;
    let summary = fields.nth(1).unwrap_or("").trim();
    if flag != "!" {
        return Some(Pushed::Done);
    }
    let reason = summary
        .split_once('(')
        .and_then(|(_, r)| r.rsplit_once(')'))
        .map(|(r, _)| r.to_string())
        .unwrap_or_else(|| summary.to_string());
    if summary.starts_with("[rejected]") {
        return Some(Pushed::Rejected(reason));
    }
    // `[remote rejected]`: a lock file in the way, a race lost inside the remote, or the
    // remote's own refusal (a hook, a protected branch).
    let said = stderr.join("\n");
    if let Some(lock) = said
        .split("Unable to create '")
        .nth(1)
        .and_then(|rest| rest.split_once("': File exists"))
        .map(|(path, _)| path.replace("/./", "/"))
    {
        return Some(Pushed::Locked(lock));
    }
    if said.contains("but expected") || reason.contains("failed to update ref") {
        return Some(Pushed::Rejected(reason));
    }
    Some(Pushed::Refused(reason))
}

/// In the `.git` of a journal being cloned, until the clone is whole: a folder that holds it
/// is an interrupted clone, never a journal (see [`interrupted_clone`]).
pub(crate) const CLONING: &str = "mpl-cloning";

/// Whether the folder at `root` holds a clone that was interrupted (killed, a lost
/// connection): its files may be partly there, and nothing in it is anyone's work yet.
pub fn interrupted_clone(root: &Path) -> bool {
    root.join(".git").join(CLONING).exists()
}

/// Clones `url` into `into` (an empty or new folder), checking out `main`, which tracks
/// `origin/main`. The repository is made empty first and marked as a clone in progress;
/// the remote's commit is fetched and its tree checked (see `git::tree`: a remote holding
/// a link, a submodule or `.mpl/` is refused) before any file is written, and the branch
/// points at it only once every file is: a clone stopped at any moment is never taken for
/// a journal whose files were deleted.
pub fn clone(url: &str, into: &Path, transfer: Transfer<'_>) -> Result<Repo> {
    let repo = Repo::init(into)?;
    let mark = repo.repo.path().join(CLONING);
    std::fs::write(&mark, redact_url(url)).map_err(|err| Error::io(&err, "cannot write", &mark))?;
    repo.set_origin(url)?;
    let tip = repo.fetch_origin(url, transfer)?.ok_or_else(|| {
        Error::new(format!(
            "{} has no branch {BRANCH}: it is empty, or not an mpl journal",
            redact_url(url)
        ))
        .hint(format!(
            "on the machine that has your journal, run `mpl remote {}` and `mpl sync` first",
            shell_arg(&redact_url(url))
        ))
    })?;
    let refused = repo.refused_paths(tip)?;
    if !refused.is_empty() {
        let list: Vec<String> = refused.iter().take(3).map(|r| r.to_string()).collect();
        return Err(Error::new(format!(
            "{} holds what a journal must not: {}; nothing was checked out",
            redact_url(url),
            list.join("; ")
        ))
        .hint("mpl never follows a link inside the journal, and .mpl/ belongs to one machine: on the machine that has the journal, take them out of its history (`git rm -r --cached PATH`, commit and sync), then clone again"));
    }
    {
        let tree = repo.repo.find_commit(tip.0)?.tree()?;
        let mut checkout = git2::build::CheckoutBuilder::new();
        checkout.force();
        repo.repo
            .checkout_tree(tree.as_object(), Some(&mut checkout))?;
    }
    repo.advance(None, tip, "mpl clone")?;
    repo.set_tracking(tip, "mpl clone")?;
    repo.set_upstream()?;
    std::fs::remove_file(&mark).map_err(|err| Error::io(&err, "cannot remove", &mark))?;
    Ok(repo)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "refs/heads/main:refs/heads/main";

    #[test]
    fn push_results_are_read_from_porcelain_output() {
        let done = push_result(
            &format!("To /r.git\n \t{SPEC}\t1111..2222\nDone\n"),
            &[],
            SPEC,
        );
        assert_eq!(done.unwrap(), Pushed::Done);
        let same = push_result(
            &format!("To /r.git\n=\t{SPEC}\t[up to date]\nDone\n"),
            &[],
            SPEC,
        );
        assert_eq!(same.unwrap(), Pushed::Done);
        let behind = push_result(&format!("!\t{SPEC}\t[rejected] (fetch first)\n"), &[], SPEC);
        assert_eq!(behind.unwrap(), Pushed::Rejected("fetch first".into()));
        let locked = push_result(
            &format!("!\t{SPEC}\t[remote rejected] (failed to update ref)\n"),
            &["remote: error: cannot lock ref 'refs/heads/main': Unable to create '/r.git/./refs/heads/main.lock': File exists.".into()],
            SPEC,
        );
        assert_eq!(
            locked.unwrap(),
            Pushed::Locked("/r.git/refs/heads/main.lock".into())
        );
        let raced = push_result(
            &format!("!\t{SPEC}\t[remote rejected] (failed to update ref)\n"),
            &[
                "remote: error: cannot lock ref 'refs/heads/main': is at 1111 but expected 2222"
                    .into(),
            ],
            SPEC,
        );
        assert!(matches!(raced.unwrap(), Pushed::Rejected(_)));
        let hook = push_result(
            &format!("!\t{SPEC}\t[remote rejected] (pre-receive hook declined)\n"),
            &[],
            SPEC,
        );
        assert_eq!(
            hook.unwrap(),
            Pushed::Refused("pre-receive hook declined".into())
        );
        assert!(push_result("", &[], SPEC).is_none());
    }
}
