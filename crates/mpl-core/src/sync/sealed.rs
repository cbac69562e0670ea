//! Merging an entry that is encrypted on either side (see [`crate::encryption`]).
//!
//! With this machine's key, the three versions are decrypted, merged as plain entries
//! are ([`merge::merge_file`]), and the result encrypted again. Without it nothing can be
//! merged and nothing may be lost: both versions are kept, still encrypted, in one
//! envelope marked `unmerged` (with their common ancestor), which a machine with the key
//! reads merged and writes merged at its next sync.

use super::merge::{self, Merged};
use crate::encryption::{Envelope, encrypt, is_sealed};
use crate::git::merge::Conflict;
use crate::store::{Journal, frontmatter};
use std::path::Path;

fn text(bytes: Option<&[u8]>) -> Option<&str> {
    bytes.and_then(|b| std::str::from_utf8(b).ok())
}

/// Whether any version of the conflict is encrypted.
pub(super) fn any(conflict: &Conflict) -> bool {
    [conflict.base, conflict.ours, conflict.theirs]
        .into_iter()
        .any(|side| text(side).is_some_and(is_sealed))
}

/// The merge of an entry encrypted on some side, encrypted to `recipients`.
pub(super) fn merge(
    journal: &Journal,
    recipients: &[String],
    conflict: &Conflict,
    taken: &dyn Fn(&Path) -> bool,
) -> Merged {
    let (Some(ours), Some(theirs)) = (conflict.ours, conflict.theirs) else {
        // Deleted on one side: the other is kept as it is.
        return merge::merge_file(conflict.path, conflict.base, conflict.ours, conflict.theirs);
    };
    let path = journal.root.join(conflict.path);
    let open = |bytes: &[u8]| -> Option<Vec<u8>> {
        let text = std::str::from_utf8(bytes).ok()?;
        if is_sealed(text) {
            journal
                .open_sealed(&path, text)
                .ok()
                .map(String::into_bytes)
        } else {
            Some(bytes.to_vec())
        }
    };
    let plain = (conflict.base.map(open), open(ours), open(theirs));
    if let (base, Some(ours_plain), Some(theirs_plain)) = plain
        && base.as_ref().is_none_or(Option::is_some)
    {
        let base = base.flatten();
        let separate = match base {
            None => merge::separate_new_entries(conflict.path, &ours_plain, &theirs_plain, taken),
            Some(_) => None,
        };
        let separated = separate.is_some();
        let merged = separate.unwrap_or_else(|| {
            merge::merge_file(
                conflict.path,
                base.as_deref(),
                Some(&ours_plain),
                Some(&theirs_plain),
            )
        });
        // The values one side lost go into the entry, encrypted, never into the commit
        // message.
        let mut merged = merged;
        if !separated
            && !merged.notes.is_empty()
            && let Some(content) = merged.content.take()
        {
            let text = String::from_utf8_lossy(&content);
            merged.content = Some(merge::note_in_entry(&text, &merged.notes).into_bytes());
            merged.notes = merged
                .notes
                .iter()
                .map(|n| merge::note_without_values(n))
                .collect();
        }
        if let Some(sealed) = seal_all(journal, recipients, conflict.path, merged) {
            return sealed;
        }
    }
    keep_versions(conflict, recipients).unwrap_or_else(|| {
        // Not even that (no recipients to encrypt a plain side to, or too many versions):
        // ours in place, theirs beside it, as for a file that is not text. Never a line
        // merge, which would cut into the encrypted text.
        let mut name = conflict.path.as_os_str().to_owned();
        name.push(format!("~{}", merge::THEIRS));
        Merged {
            content: Some(ours.to_vec()),
            also: vec![(std::path::PathBuf::from(name), theirs.to_vec())],
            both_kept: true,
            notes: Vec::new(),
        }
    })
}

/// `merged` with every entry it writes encrypted as the journal stores it.
fn seal_all(
    journal: &Journal,
    recipients: &[String],
    path: &Path,
    mut merged: Merged,
) -> Option<Merged> {
    // One side was encrypted: the merge stays encrypted, whatever a side says of its
    // visibility (a version from the remote cannot make it plain).
    if let Some(content) = merged.content.take() {
        merged.content = Some(
            journal
                .seal_keeping(&journal.root.join(path), content, Some(recipients))
                .ok()?,
        );
    }
    let mut also = Vec::new();
    for (path, content) in std::mem::take(&mut merged.also) {
        let sealed = journal
            .seal_keeping(&journal.root.join(&path), content, Some(recipients))
            .ok()?;
        also.push((path, sealed));
    }
    merged.also = also;
    Some(merged)
}

/// Both sides kept, encrypted, in one envelope, with their common ancestor.
fn keep_versions(conflict: &Conflict, recipients: &[String]) -> Option<Merged> {
    let envelope = |bytes: &[u8]| -> Option<Envelope> {
        let text = std::str::from_utf8(bytes).ok()?;
        if is_sealed(text) {
            return Envelope::parse(text).ok();
        }
        if recipients.is_empty() {
            return None;
        }
        let stem = conflict.path.file_stem()?.to_string_lossy().into_owned();
        let entry = frontmatter::parse(text, &stem).ok()?;
        Some(Envelope {
            id: entry.id,
            kind: entry.kind,
            date: entry.date,
            visibility: entry.visibility,
            base: None,
            versions: vec![encrypt(bytes, recipients).ok()?],
        })
    };
    let ours = envelope(conflict.ours?)?;
    let theirs = envelope(conflict.theirs?)?;
    let base = ours.base.clone().or(theirs.base.clone()).or_else(|| {
        let base = envelope(conflict.base?)?;
        base.base.or_else(|| base.versions.into_iter().next())
    });
    let mut versions = ours.versions.clone();
    for version in theirs.versions {
        if !versions.contains(&version) {
            versions.push(version);
        }
    }
    if versions.len() > crate::encryption::MAX_VERSIONS {
        return None;
    }
    let kept = Envelope {
        base,
        versions,
        ..ours
    };
    Some(Merged {
        content: Some(kept.render().into_bytes()),
        notes: vec![
            "both versions are kept, encrypted: this machine could not decrypt both (no key here, no passphrase given, or a version is damaged: `mpl doctor` says which); the next `mpl sync` on a machine that reads them merges them".into(),
        ],
        ..Merged::default()
    })
}
