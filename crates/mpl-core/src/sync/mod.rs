//! Sync: one journal on several machines, through a git remote called `origin`.
//!
//! [`sync`] commits hand edits, fetches, then fast-forwards or merges (with the entry-aware
//! resolver of [`merge`]) and pushes. It never resets and never forces: a remote whose
//! history was rewritten is refused, and a push the remote rejects because it moved
//! meanwhile is fetched and merged again. Transfers and history are `git`'s business
//! (`git/remote.rs`, `git/merge.rs`); this module decides what to do with them.

pub(crate) mod merge;
mod sealed;

use crate::error::{Error, Result};
use crate::git::merge::{Conflict, Resolution};
use crate::git::remote::{Pushed, REMOTE, Transfer};
use crate::git::{Author, BRANCH, CommitId, Repo, redact_url};
use crate::store::{Journal, Lock};
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

/// How often a push rejected because the remote moved (or was locked by another push) is
/// tried again, after a new fetch.
const ATTEMPTS: usize = 6;

/// A pause before trying again, longer each time and different on each machine, so that
/// machines syncing at the same moment take turns instead of colliding again.
fn pause(attempt: usize) {
    let jitter = u64::from(std::process::id() % 97)
        + u64::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_micros() % 151),
        );
    let millis = 50 * (1 << attempt.min(5)) as u64 + jitter;
    std::thread::sleep(std::time::Duration::from_millis(millis));
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The remote's URL, redacted.
    pub remote: String,
    /// Hand edits were committed first.
    pub hand_edits: bool,
    /// Symbolic links in the work tree, left out of the hand edits (relative paths).
    pub links: Vec<PathBuf>,
    /// Copies kept of files git ignores that stood where files came in.
    pub kept: Vec<PathBuf>,
    /// Files that changed on this machine because of the remote's changes.
    pub came_in: usize,
    /// Files that differ on the remote after the push.
    pub went_out: usize,
    /// Whether the two histories had to be merged.
    pub merged: bool,
    /// Files where both machines' texts are kept, marked, for the user to merge.
    pub both_kept: Vec<PathBuf>,
    /// Values where this machine's was kept over the other's: (file, what).
    pub notes: Vec<(PathBuf, String)>,
    /// The remote was behind what this journal last synced with it (put back from an
    /// older copy): this journal's history was sent to it.
    pub behind: bool,
}

/// Syncs `journal` with its remote. The caller holds the writer lock.
pub fn sync(
    journal: &Journal,
    lock: &Lock,
    now: DateTime<FixedOffset>,
    transfer: Transfer<'_>,
) -> Result<Report> {
    let repo = Repo::open(&journal.root)?;
    repo.check_on_main()?;
    let url = repo.origin_url().ok_or_else(|| {
        Error::new("the journal has no remote to sync with")
            .hint("set one with `mpl remote URL` (an empty repository on GitHub, GitLab, Gitea or your own server; see docs/sync.md)")
    })?;
    let shown = redact_url(&url);
    let author = Author {
        fallback_name: &journal.settings.name,
        when: now,
    };
    // Even a tree nobody checked must not make a link in the work tree.
    repo.never_check_out_links()?;
    let changed = repo.work_tree_changes()?;
    refuse_private_keys(journal, &changed)?;
    // A private entry written plain by hand is encrypted before it is committed.
    if journal.encrypts() || journal.stopped_encrypting() {
        journal.seal_hand_edits(lock, &changed, now)?;
    }
    let (hand_edits, links) = repo.commit_all("sync: hand edits", &author)?;
    let mut report = Report {
        remote: shown.clone(),
        hand_edits,
        links,
        kept: Vec::new(),
        behind: false,
        came_in: 0,
        went_out: 0,
        merged: false,
        both_kept: Vec::new(),
        notes: Vec::new(),
    };
    let committed = |err: Error| {
        err.hint("your changes are committed in the journal; the next `mpl sync` sends them")
    };
    let mut pushed_over = None;
    // The files the remote's commits changed: what this machine merges afterwards of its
    // own accord (versions kept apart) did not come in.
    let mut came_in: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    // A push the remote refused for a reason of its own, and what it held then.
    let mut refused: Option<(String, Option<CommitId>)> = None;
    for attempt in 1..=ATTEMPTS {
        let last_seen = repo.tracking_id();
        let fetched = repo.fetch_origin(&url, transfer).map_err(committed)?;
        if let Some((why, held)) = refused.take() {
            // Refused while another machine's push landed: a lost race, tried again. A
            // remote that did not move refuses for good.
            if held == fetched {
                return Err(committed(
                    Error::new(format!("{REMOTE} ({shown}) refused the push: {why}"))
                        .hint("the remote's settings (a protected branch, a hook) decide what it accepts: check them, then run `mpl sync`"),
                ));
            }
        }
        let head = repo
            .head_id()?
            .ok_or_else(|| Error::new("the journal has no commit yet"))?;
        if let Some(tip) = fetched {
            if !repo.related(head, tip)? {
                return Err(unrelated(&shown));
            }
            if let Some(seen) = last_seen
                && !repo.contains(tip, seen)?
            {
                // A remote that is merely behind (put back from an older copy) has
                // nothing this journal lacks: sending this history loses nothing.
                if repo.contains(head, tip)? {
                    report.behind = true;
                } else {
                    return Err(rewritten(&journal.root, &shown, tip, seen));
                }
            }
            if !repo.contains(head, tip)? {
                refuse(&repo, tip, Side::Remote(&shown))?;
            }
            repo.set_tracking(tip, "mpl sync: fetch")?;
            if repo.contains(head, tip)? {
                // Nothing new there.
            } else if repo.contains(tip, head)? {
                let kept = journal.advance_to(lock, tip, "mpl sync: fast-forward")?;
                report.kept.extend(kept);
            } else {
                let merged = merge_in(journal, &repo, tip, &author, &mut report)?;
                let kept = journal.advance_to(lock, merged, "sync: merge")?;
                report.kept.extend(kept);
            }
            // Versions of encrypted entries a machine without the key kept apart are
            // merged here, when this machine reads them.
            let arrived =
                repo.changed_files(Some(head), repo.head_id()?.expect("a journal has commits"))?;
            came_in.extend(arrived.iter().cloned());
            for (path, did) in journal.settle_unmerged(lock, &arrived, now)? {
                report.notes.push((path, did.to_string()));
            }
            if repo.head_id()? == Some(tip) {
                break;
            }
        }
        let head = repo.head_id()?.expect("a journal has commits");
        refuse(&repo, head, Side::Local(&journal.root))?;
        // A push killed on its way leaves its lock in a remote that is a folder here; the
        // mark lets the next mpl know the lock was this one's.
        journal.begin_push(&url)?;
        let pushed = repo.push_origin(&url, transfer);
        journal.end_push();
        match pushed.map_err(committed)? {
            Pushed::Done => {
                let head = repo.head_id()?.expect("a journal has commits");
                repo.set_tracking(head, "mpl sync: push")?;
                repo.set_upstream()?;
                pushed_over = Some(fetched);
                break;
            }
            // Another machine's push holds the remote's lock for a moment: wait, then try
            // again. A lock that stays was left by a push that stopped.
            Pushed::Locked(_) if attempt < ATTEMPTS => {
                pause(attempt);
                continue;
            }
            Pushed::Locked(lock) => {
                return Err(committed(
                    Error::new(format!(
                        "{REMOTE} ({shown}) is locked by {lock}: a push to it is running, or one stopped before it finished"
                    ))
                    .hint(format!(
                        "when no machine is pushing to it, remove the lock file there (`rm {}` where it is a folder on this machine), then run `mpl sync`",
                        crate::render::terminal::shell_arg(&lock)
                    )),
                ));
            }
            Pushed::Refused(why) if attempt < ATTEMPTS => {
                refused = Some((why, fetched));
                continue;
            }
            Pushed::Refused(why) => {
                return Err(committed(Error::new(format!(
                    "{REMOTE} ({shown}) refused the push: {why}"
                ))));
            }
            Pushed::Rejected(_) if attempt < ATTEMPTS => {
                pause(attempt);
                continue;
            }
            Pushed::Rejected(why) => {
                return Err(committed(
                    Error::new(format!(
                        "{REMOTE} ({shown}) kept changing while syncing and refused the push: {why}"
                    ))
                    .hint("run `mpl sync` again in a moment"),
                ));
            }
        }
    }
    let end = repo.head_id()?.expect("a journal has commits");
    report.came_in = came_in.len();
    if let Some(remote_before) = pushed_over {
        report.went_out = repo.changed_files(remote_before, end)?.len();
    }
    recipients_changed(journal, &mut report)?;
    Ok(report)
}

/// Merges the remote's `tip` with the current branch, resolving conflicts with
/// [`merge::merge_file`], and records what needs the user's eye in `report`. Returns the
/// merge commit, on no branch yet.
fn merge_in(
    journal: &Journal,
    repo: &Repo,
    tip: CommitId,
    author: &Author,
    report: &mut Report,
) -> Result<CommitId> {
    // Encrypted entries are encrypted again to both sides' recipients: one machine may
    // have added a recipient while the other wrote.
    let recipients = merged_recipients(journal, repo, tip)?;
    let mut both_kept = Vec::new();
    let mut notes = Vec::new();
    let head = repo.head_id()?;
    // Paths given to entries moved aside in this merge, so two are never given one.
    let given = std::cell::RefCell::new(std::collections::HashSet::new());
    let taken = |path: &std::path::Path| {
        given.borrow().contains(path)
            || repo.blob_at(head, path).ok().flatten().is_some()
            || repo.blob_at(Some(tip), path).ok().flatten().is_some()
    };
    let resolve = |conflict: &Conflict| {
        let separate = match (conflict.base, conflict.ours, conflict.theirs) {
            (None, Some(ours), Some(theirs)) => {
                merge::separate_new_entries(conflict.path, ours, theirs, taken)
            }
            _ => None,
        };
        let merged = if sealed::any(conflict) {
            sealed::merge(journal, &recipients, conflict, &taken)
        } else {
            separate.unwrap_or_else(|| {
                merge::merge_file(conflict.path, conflict.base, conflict.ours, conflict.theirs)
            })
        };
        for (path, _) in &merged.also {
            given.borrow_mut().insert(path.clone());
        }
        if merged.both_kept {
            both_kept.push(conflict.path.to_path_buf());
        }
        for note in merged.notes {
            notes.push((conflict.path.to_path_buf(), note));
        }
        Resolution {
            content: merged.content,
            also: merged.also,
        }
    };
    let pending = repo.merge(tip, resolve)?;
    let mut message = format!("sync: merge {REMOTE}/{BRANCH}");
    if !both_kept.is_empty() || !notes.is_empty() {
        message.push('\n');
        for path in &both_kept {
            message.push_str(&format!(
                "\nBoth texts kept in {}: merge them by hand",
                path.display()
            ));
        }
        for (path, note) in &notes {
            message.push_str(&format!("\n{}: {note}", path.display()));
        }
    }
    let merged = repo.commit_merge(pending, &message, author)?;
    report.merged = true;
    report.both_kept.extend(both_kept);
    report.notes.extend(notes);
    Ok(merged)
}

/// Says which recipients a sync brought in or took away, against those this machine
/// accepted: a key added on another machine (or by anyone who can push to the remote) can
/// read every private entry written from now on, so it is never taken in silently.
fn recipients_changed(journal: &Journal, report: &mut Report) -> Result<()> {
    let Ok(settings) = crate::store::read_settings(&journal.root) else {
        return Ok(());
    };
    let now = settings.recipients;
    let file = PathBuf::from(crate::store::SETTINGS_FILE);
    let Some(before) = journal.accepted_recipients() else {
        if !now.is_empty() {
            journal.accept_recipients(&now)?;
        }
        return Ok(());
    };
    if now.is_empty() && !before.is_empty() {
        report.notes.push((
            file,
            "[encryption] recipients were removed (by hand, or on another machine): this machine writes no private entry until you run `mpl decrypt all` (to stop encrypting here too) or `mpl encrypt setup` (to go on)".into(),
        ));
        return Ok(());
    }
    let same = |a: &String, b: &String| crate::encryption::same_key(a, b);
    for key in now.iter().filter(|k| !before.iter().any(|b| same(b, k))) {
        report.notes.push((
            file.clone(),
            format!(
                "a recipient was added on another machine: {key}; private entries are encrypted to it from now on. If you did not add it, `mpl encrypt remove-recipient` removes it"
            ),
        ));
    }
    let mine = journal
        .keys
        .path()
        .and_then(crate::encryption::visible_public_key);
    for key in before.iter().filter(|b| !now.iter().any(|k| same(b, k))) {
        let note = if mine.as_ref().is_some_and(|m| same(m, key)) {
            format!(
                "this machine's key was removed on another machine: {key}; what is written from now on is not encrypted to it, so this machine will not read it (if that was a mistake, `mpl encrypt add-recipient {key}` on a machine that reads the journal adds it back)"
            )
        } else {
            format!(
                "a recipient was removed on another machine: {key}; what is written from now on is not encrypted to it"
            )
        };
        report.notes.push((file.clone(), note));
    }
    journal.accept_recipients(&now)
}

/// The recipients of the merged `mpl.toml`: those encrypted entries merged now are
/// encrypted to (one machine may have added or removed a key while the other wrote). When
/// that cannot be told, both sides' keys, so that no machine loses what it could read.
fn merged_recipients(journal: &Journal, repo: &Repo, tip: CommitId) -> Result<Vec<String>> {
    let settings_at = |commit: Option<CommitId>| -> Option<String> {
        repo.blob_at(commit, std::path::Path::new(crate::store::SETTINGS_FILE))
            .ok()
            .flatten()
            .and_then(|blob| repo.read_blob(blob.id).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok())
    };
    let recipients_of = |text: &str| -> Option<Vec<String>> {
        let table = crate::store::fs::parse_toml(text).ok()?;
        crate::model::Settings::from_table(table)
            .ok()
            .map(|s| s.recipients)
    };
    let head = repo.head_id()?;
    let base = match head {
        Some(head) => repo.merge_base_of(head, tip)?,
        None => None,
    };
    let (ours, theirs) = (settings_at(head), settings_at(Some(tip)));
    if let (Some(ours), Some(theirs)) = (&ours, &theirs)
        && let Some(content) =
            merge::merge_settings(settings_at(base).as_deref(), ours, theirs).content
        && let Some(merged) = recipients_of(&String::from_utf8_lossy(&content))
        && !merged.is_empty()
    {
        return Ok(merged);
    }
    let mut recipients = journal.settings.recipients.clone();
    for key in theirs
        .as_deref()
        .and_then(recipients_of)
        .unwrap_or_default()
    {
        if !recipients.contains(&key) {
            recipients.push(key);
        }
    }
    Ok(recipients)
}

/// Whose commit is checked: the remote's, or this journal's own before it is sent.
enum Side<'a> {
    Remote(&'a str),
    Local(&'a std::path::Path),
}

/// Refuses to commit a file put in the journal that holds a private key (an identity copied
/// in, say): the journal is sent to a remote, and a key there opens every encrypted entry.
fn refuse_private_keys(journal: &Journal, paths: &[PathBuf]) -> Result<()> {
    for rel in paths {
        let Ok(bytes) = crate::store::fs::read_limited(
            &journal.root.join(rel),
            crate::store::fs::MAX_FILE_BYTES,
            false,
        ) else {
            continue;
        };
        if crate::store::fs::holds_private_key(&bytes) {
            return Err(Error::new(format!(
                "{} holds a private key, and the journal is sent to its remote; nothing was committed or sent",
                rel.display()
            ))
            .hint("move the key out of the journal (mpl reads it from anywhere: MPL_IDENTITY, or `identity` in config.toml), then run `mpl sync`"));
        }
    }
    Ok(())
}

/// Refuses a commit whose tree holds a link, a submodule or `.mpl/` (see `git::tree`),
/// naming them and saying how to take them out.
fn refuse(repo: &Repo, commit: CommitId, side: Side) -> Result<()> {
    let refused = repo.refused_paths(commit)?;
    if refused.is_empty() {
        return Ok(());
    }
    let mut list: Vec<String> = refused.iter().take(3).map(|r| r.to_string()).collect();
    if refused.len() > 3 {
        list.push(format!("and {} more", refused.len() - 3));
    }
    let list = list.join("; ");
    let paths: Vec<String> = refused
        .iter()
        .map(|r| crate::render::terminal::shell_arg(&r.path).into_owned())
        .collect();
    let untrack = format!("git rm -r --cached -- {}", paths.join(" "));
    let why = "mpl never follows a link inside the journal, and .mpl/ belongs to one machine";
    Err(match side {
        Side::Remote(shown) => Error::new(format!(
            "{REMOTE} ({shown}) holds what a journal must not: {list}; nothing was changed here and nothing was sent"
        ))
        .hint(format!(
            "{why}: on the machine that sent it, replace each with the file or folder itself (or remove it), then sync there"
        ))
        .hint(format!(
            "with git, in any clone of the journal: `{untrack}`, then `git commit` and `git push`; then run `mpl sync` here"
        )),
        Side::Local(root) => Error::new(format!(
            "this journal's history holds what a journal must not: {list}; nothing was sent"
        ))
        .hint(format!(
            "{why}: take it out with `git -C {0} {1}` and `git -C {0} commit`, keep the file or folder itself if you want it, then run `mpl sync`",
            crate::render::terminal::shell_path(root),
            untrack.trim_start_matches("git ")
        )),
    })
}

fn rewritten(root: &std::path::Path, shown: &str, tip: CommitId, seen: CommitId) -> Error {
    let root = crate::render::terminal::shell_path(root);
    Error::new(format!(
        "{REMOTE} ({shown}) rewrote its history: its {BRANCH} ({tip}) no longer holds what this journal last synced ({seen}); nothing was changed here and nothing was sent"
    ))
    .hint(format!(
        "if the rewrite was a mistake, put the old history back on {REMOTE} (this journal has it)"
    ))
    .hint(format!(
        "to keep both histories, merge by hand: `git -C {root} fetch {REMOTE} && git -C {root} merge {REMOTE}/{BRANCH}`, then run `mpl sync`"
    ))
}

fn unrelated(shown: &str) -> Error {
    Error::new(format!(
        "{REMOTE} ({shown}) holds a different journal: its history and this one's share nothing"
    ))
    .hint(format!(
        "to use that journal here, clone it to a new folder with `mpl clone {} PATH`; to sync this one, point `mpl remote URL` at an empty repository",
        crate::render::terminal::shell_arg(shown)
    ))
}
