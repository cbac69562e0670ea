//! `mpl sync`: commit hand edits, fetch, merge, push; one line says what came and went.

use crate::app::Ctx;
use crate::error::Result;
use crate::git::remote::{REMOTE, Transfer};
use crate::model::Settings;
use crate::store::{Journal, SETTINGS_FILE};
use crate::sync::{Report, sync};
use serde_json::json;

/// Sync the journal with its remote: commit hand edits, fetch, merge, push
///
/// Entries written on other machines arrive; yours go out. When two machines changed the
/// same entry, both texts are kept and marked (`mpl doctor` points at them); challenge
/// check-ins, goal progress and network logs are merged as data. Never resets and never
/// force-pushes. Exits 1 if the remote cannot be reached; your work stays committed and the
/// next sync sends it.
#[derive(Debug, clap::Args)]
pub(crate) struct SyncArgs {
    /// Print {"remote", "hand_edits", "in", "out", "merged", "behind", "both_kept", "notes"}
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &SyncArgs) -> Result<()> {
    let journal = match ctx.journal() {
        Ok(journal) => journal,
        // Settings that do not read stop every other command, but not sync: the fix may
        // come from another machine.
        Err(err)
            if ctx.journal_path.join(SETTINGS_FILE).is_file()
                && !crate::git::remote::interrupted_clone(&ctx.journal_path) =>
        {
            ctx.warn(&format!(
                "{}; syncing anyway, so that a fix made on another machine can arrive",
                err.message
            ));
            // Whom private entries are encrypted to is taken from the last commit.
            let settings = Journal::settings_at_head(&ctx.journal_path)
                .unwrap_or_else(|| Settings::new("", ""));
            let journal = ctx.keyed(Journal::at(&ctx.journal_path, settings));
            if let Some(recovered) = journal.recover_if_idle()? {
                ctx.recovered(&recovered);
            }
            journal
        }
        Err(err) => return Err(err),
    };
    let lock = ctx.lock(&journal)?;
    let bar = crate::ui::progress::TransferBar::new(ctx.progress_allowed());
    let transfer = Transfer {
        progress: &bar,
        prompt: ctx.can_prompt(),
    };
    let report = sync(&journal, &lock, ctx.now, transfer)?;
    for path in &report.links {
        ctx.warn(&format!(
            "{} is a symbolic link and was not synced: mpl never follows links inside the journal; put the file or folder itself there",
            path.display()
        ));
    }
    if report.behind {
        ctx.warn(&format!(
            "{REMOTE} ({}) was behind what this journal last synced with it (put back from an older copy?); this journal's history was sent to it, and nothing was lost",
            report.remote
        ));
    }
    for copy in &report.kept {
        ctx.warn(&format!(
            "a file git ignores stood where a file came in; it is kept at {}",
            copy.display()
        ));
    }
    for path in &report.both_kept {
        ctx.warn(&format!(
            "{} was changed on both machines: both texts are kept, marked; merge them by hand (`mpl doctor` shows where)",
            path.display()
        ));
    }
    for (path, note) in &report.notes {
        ctx.status(&format!("{}: {note}", path.display()));
    }
    if args.json {
        return ctx.print_json(&json!({
            "remote": report.remote,
            "hand_edits": report.hand_edits,
            "in": report.came_in,
            "out": report.went_out,
            "merged": report.merged,
            "behind": report.behind,
            "both_kept": report.both_kept.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect::<Vec<_>>(),
            "notes": report.notes.iter().map(|(p, n)| json!({"path": p.to_string_lossy().replace('\\', "/"), "note": n})).collect::<Vec<_>>(),
        }));
    }
    journal.mark_synced(ctx.now)?;
    ctx.status(&summary(&report));
    Ok(())
}

/// Where a background sync writes what it said, in `.mpl/`.
const SYNC_LOG: &str = "sync.log";

/// After a command that changed the journal: with `sync_every` in config.toml and a
/// remote, starts `mpl sync` in the background when the last sync is older than that. It
/// never waits for it and never fails: its output goes to `.mpl/sync.log`.
pub(crate) fn in_background_if_due(ctx: &Ctx) {
    let Some(every) = ctx.sync_every else {
        return;
    };
    if !crate::store::tx::committed() {
        return;
    }
    let Ok(journal) = Journal::open(&ctx.journal_path) else {
        return;
    };
    let due = journal
        .synced_at()
        .is_none_or(|last| (ctx.now - last).to_std().is_ok_and(|since| since >= every));
    // A sync that failed (no network) is tried again after `every`, not after each command.
    let log = journal.root.join(crate::store::STATE_DIR).join(SYNC_LOG);
    let tried_lately = std::fs::symlink_metadata(&log)
        .and_then(|meta| meta.modified())
        .is_ok_and(|at| at.elapsed().is_ok_and(|since| since < every));
    let has_remote = crate::git::Repo::open(&journal.root)
        .ok()
        .and_then(|repo| repo.origin_url())
        .is_some();
    if !due || tried_lately || !has_remote {
        return;
    }
    let _ = start_background(&journal);
}

fn start_background(journal: &Journal) -> std::io::Result<()> {
    let log = journal
        .state_dir()
        .map_err(|e| std::io::Error::other(e.message))?
        .join(SYNC_LOG);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // `.mpl/sync.log` is never a link followed somewhere else.
        let nofollow = rustix::fs::OFlags::NOFOLLOW.bits();
        options.custom_flags(nofollow as i32).mode(0o600);
    }
    let out = options.open(&log)?;
    let err = out.try_clone()?;
    let mut command = std::process::Command::new(std::env::current_exe()?);
    command
        .arg("--journal")
        .arg(&journal.root)
        .args(["--no-input", "--color", "never", "sync"])
        // A background sync gives up sooner on a silent remote: the next command waits
        // for the lock it holds.
        .env("MPL_NETWORK_TIMEOUT", "30")
        .stdin(std::process::Stdio::null())
        .stdout(out)
        .stderr(err);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: Ctrl-C in the terminal does not stop it.
        command.process_group(0);
    }
    command.spawn().map(|_| ())
}

/// The one line a sync ends with, counting files (what a person edits), not commits.
pub(crate) fn summary(report: &Report) -> String {
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_string()
        } else {
            format!("{n} files")
        }
    };
    let what = match (report.came_in, report.went_out) {
        (0, 0) => "already up to date".to_string(),
        (n, 0) => format!("{} came in, nothing went out", files(n)),
        (0, n) => format!("nothing came in, {} went out", files(n)),
        (i, o) => format!("{} came in, {o} went out", files(i)),
    };
    format!("synced with {REMOTE} ({}): {what}", report.remote)
}
