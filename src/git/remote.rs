//! Talking to the remote `origin`: clone, fetch and push over any transport git2 speaks (a
//! path, file://, git://, ssh, https), with the credentials the user already has: ssh-agent,
//! keys in `~/.ssh`, git's credential helpers (through auth-git2). Servers reached over ssh
//! must be in `~/.ssh/known_hosts`, as for `git` itself; libgit2 checks them.
//!
//! URLs may hold a token; every message shows them through [`redact_url`]. A fetch lands in
//! a scratch ref first, so the caller can check it before the remote-tracking branch moves.

use super::{BRANCH, CommitId, Repo, redact_url};
use crate::error::{Error, Result};
use crate::render::terminal::shell_arg;
use auth_git2::GitAuthenticator;
use git2::{AutotagOption, FetchOptions, ProxyOptions, PushOptions, RemoteCallbacks};
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::RefCell;
use std::path::Path;

/// The one remote a journal syncs with.
pub const REMOTE: &str = "origin";
/// Where a fetch lands before it is checked.
const FETCHED: &str = "refs/mpl/fetched";
/// Transfers smaller than this many objects show no progress bar.
const BIG_TRANSFER: usize = 64;

/// How transfers behave in this run.
#[derive(Debug, Clone, Copy)]
pub struct Transfer {
    /// Show a progress bar on standard error for big transfers.
    pub progress: bool,
    /// Whether a password or passphrase may be asked for on the terminal.
    pub prompt: bool,
}

/// The result of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    Done,
    /// The remote's branch moved since we fetched it (the message says why).
    Rejected(String),
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
    pub fn tracking_id(&self) -> Option<CommitId> {
        self.repo.refname_to_id(&tracking_ref()).ok().map(CommitId)
    }

    /// Records `id` as the last state of the remote seen.
    pub fn set_tracking(&self, id: CommitId, why: &str) -> Result<()> {
        self.repo.reference(&tracking_ref(), id.0, true, why)?;
        Ok(())
    }

    /// Makes `main` track `origin/main`, so that plain git agrees with mpl.
    pub fn set_upstream(&self) -> Result<()> {
        let mut config = self.repo.config()?;
        config.set_str(&format!("branch.{BRANCH}.remote"), REMOTE)?;
        config.set_str(
            &format!("branch.{BRANCH}.merge"),
            &format!("refs/heads/{BRANCH}"),
        )?;
        Ok(())
    }

    /// Fetches the remote's `main` from `url` into a scratch ref and returns its commit
    /// (`None` when the remote has no `main` yet, as a new empty repository). The
    /// remote-tracking branch is left as it was; see [`Repo::set_tracking`].
    pub fn fetch_origin(&self, url: &str, transfer: Transfer) -> Result<Option<CommitId>> {
        self.drop_fetched();
        let config = self.repo.config()?;
        let auth = authenticator(transfer.prompt);
        let meter = Meter::new(transfer.progress, "receiving");
        let mut fetch = fetch_options(&auth, &config, &meter);
        // An anonymous remote: a configured one would also move origin/main at once.
        let mut remote = self.repo.remote_anonymous(url)?;
        let refspec = format!("+refs/heads/{BRANCH}:{FETCHED}");
        let result = remote.fetch(&[refspec.as_str()], Some(&mut fetch), None);
        meter.finish();
        result.map_err(|err| transfer_error(&err, "fetch from", url))?;
        let fetched = self.repo.refname_to_id(FETCHED).ok().map(CommitId);
        self.drop_fetched();
        Ok(fetched)
    }

    fn drop_fetched(&self) {
        if let Ok(mut reference) = self.repo.find_reference(FETCHED) {
            let _ = reference.delete();
        }
    }

    /// Pushes `main` to `url`, never forced: a remote that moved meanwhile rejects it.
    pub fn push_origin(&self, url: &str, transfer: Transfer) -> Result<Pushed> {
        let config = self.repo.config()?;
        let auth = authenticator(transfer.prompt);
        let meter = Meter::new(transfer.progress, "sending");
        let rejected = RefCell::new(None);
        let mut push = PushOptions::new();
        push.remote_callbacks(callbacks(&auth, &config, &meter, Some(&rejected)))
            .proxy_options(proxy());
        let mut remote = self.repo.remote_anonymous(url)?;
        let refspec = format!("refs/heads/{BRANCH}:refs/heads/{BRANCH}");
        let result = remote.push(&[refspec.as_str()], Some(&mut push));
        meter.finish();
        drop(remote);
        drop(push);
        match result {
            Ok(()) => {}
            Err(err) if err.code() == git2::ErrorCode::NotFastForward => {
                return Ok(Pushed::Rejected(redact_text(err.message(), url)));
            }
            Err(err) => return Err(transfer_error(&err, "push to", url)),
        }
        if let Some(message) = rejected.into_inner() {
            return Ok(Pushed::Rejected(message));
        }
        Ok(Pushed::Done)
    }
}

/// In the `.git` of a journal being cloned, until the clone is whole: a folder that holds it
/// is an interrupted clone, never a journal (see [`interrupted_clone`]).
pub const CLONING: &str = "mpl-cloning";

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
pub fn clone(url: &str, into: &Path, transfer: Transfer) -> Result<Repo> {
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

/// The proxy git itself would use (`http.proxy`, `https_proxy`, …), for work networks.
fn proxy() -> ProxyOptions<'static> {
    let mut proxy = ProxyOptions::new();
    proxy.auto();
    proxy
}

/// The user's usual credentials; prompts only when allowed.
fn authenticator(prompt: bool) -> GitAuthenticator {
    let auth = GitAuthenticator::default();
    if prompt {
        auth
    } else {
        auth.try_password_prompt(0).prompt_ssh_key_password(false)
    }
}

/// How every fetch (and clone) goes: the user's credentials, the proxy git would use, a
/// progress meter, and no tags.
fn fetch_options<'a>(
    auth: &'a GitAuthenticator,
    config: &'a git2::Config,
    meter: &'a Meter,
) -> FetchOptions<'a> {
    let mut fetch = FetchOptions::new();
    fetch
        .remote_callbacks(callbacks(auth, config, meter, None))
        .proxy_options(proxy())
        .download_tags(AutotagOption::None);
    fetch
}

fn callbacks<'a>(
    auth: &'a GitAuthenticator,
    config: &'a git2::Config,
    meter: &'a Meter,
    rejected: Option<&'a RefCell<Option<String>>>,
) -> RemoteCallbacks<'a> {
    let mut callbacks = RemoteCallbacks::new();
    callbacks.credentials(auth.credentials(config));
    // No certificate_check callback: libgit2 checks TLS certificates and ssh host keys
    // against ~/.ssh/known_hosts itself, and refuses a host it does not know.
    callbacks.transfer_progress(|progress| {
        meter.update(progress.received_objects(), progress.total_objects());
        true
    });
    callbacks.push_transfer_progress(|current, total, _bytes| meter.update(current, total));
    if let Some(rejected) = rejected {
        callbacks.push_update_reference(move |refname, status| {
            if let Some(status) = status {
                *rejected.borrow_mut() = Some(format!("{refname}: {status}"));
            }
            Ok(())
        });
    }
    callbacks
}

/// A progress bar on standard error, shown only for big transfers on a terminal.
struct Meter {
    enabled: bool,
    label: &'static str,
    bar: RefCell<Option<ProgressBar>>,
}

impl Meter {
    fn new(enabled: bool, label: &'static str) -> Meter {
        Meter {
            enabled,
            label,
            bar: RefCell::new(None),
        }
    }

    fn update(&self, done: usize, total: usize) {
        if !self.enabled || total < BIG_TRANSFER {
            return;
        }
        let mut bar = self.bar.borrow_mut();
        let bar = bar.get_or_insert_with(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} objects ({elapsed})")
            {
                bar.set_style(style);
            }
            bar.set_message(self.label);
            bar
        });
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

/// `text` with `url`, and anything else that looks like a URL with a secret, redacted.
pub fn redact_text(text: &str, url: &str) -> String {
    let text = if url.is_empty() {
        text.to_string()
    } else {
        text.replace(url, &redact_url(url))
    };
    text.split_inclusive(|c: char| c.is_whitespace() || c == '\'' || c == '"')
        .map(|piece| {
            let end = piece
                .find(|c: char| c.is_whitespace() || c == '\'' || c == '"')
                .unwrap_or(piece.len());
            let (word, rest) = piece.split_at(end);
            format!("{}{rest}", redact_url(word))
        })
        .collect()
}

/// A failed transfer, said in the user's terms: which remote, what happened, what to do.
fn transfer_error(err: &git2::Error, action: &str, url: &str) -> Error {
    use git2::{ErrorClass, ErrorCode};
    let shown = redact_url(url);
    let detail = redact_text(err.message(), url);
    let refused = err.code() == ErrorCode::Auth || detail.contains("authentication");
    let local = url.strip_prefix("file://").unwrap_or(url);
    let is_path = local.starts_with('/') || local.starts_with('.') || local.starts_with('~');
    match (err.code(), err.class()) {
        _ if is_path && !Path::new(local).exists() => {
            Error::new(format!("cannot {action} {REMOTE}: there is nothing at {shown}"))
                .hint("check the path (`mpl remote` shows it); `git init --bare --initial-branch=main PATH` makes an empty repository there")
        }
        _ if refused => Error::new(format!(
            "{REMOTE} ({shown}) did not accept your credentials: {detail}"
        ))
        .hint("over ssh, load your key (`ssh-add`) or keep it in ~/.ssh (id_ed25519, id_rsa, …); over https, set up git's credential helper")
        .hint(format!(
            "`git ls-remote {}` checks the same access",
            shell_arg(&shown)
        )),
        (ErrorCode::Certificate, _) => Error::new(format!(
            "cannot {action} {REMOTE} ({shown}): the server's identity is not trusted: {detail}"
        ))
        .hint("over ssh, the server's host key must be in ~/.ssh/known_hosts: connect once with `ssh` and check the fingerprint it shows, then run mpl again"),
        (_, ErrorClass::Net | ErrorClass::Os | ErrorClass::Ssh | ErrorClass::Http | ErrorClass::Ssl) => {
            Error::new(format!("cannot reach {REMOTE} ({shown}): {detail}"))
                .hint("check your network connection and the address (`mpl remote` shows it)")
        }
        _ => Error::new(format!("cannot {action} {REMOTE} ({shown}): {detail}"))
            .hint("check the address (`mpl remote` shows it; `mpl remote URL` changes it)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_show_a_token() {
        let url = "https://me:s3cret@example.com/j.git";
        let text = redact_text(
            "failed to connect to https://me:s3cret@example.com/j.git: refused",
            url,
        );
        assert!(!text.contains("s3cret"), "{text}");
        assert!(text.contains("https://me:***@example.com/j.git"), "{text}");
        let other = redact_text("see 'https://tok@host/x' now", "");
        assert_eq!(other, "see 'https://***@host/x' now");
    }
}
