//! `mpl edit`: change an entry in the editor, checked before it is saved.

use crate::app::Ctx;
use crate::editor::{Draft, Edited};
use crate::error::{Error, Result};
use crate::model::check_fields;
use crate::store::goals::field_line;
use crate::store::{date_of_id, frontmatter, kind_of_path};

/// Edit an entry in your editor
///
/// The file is checked when the editor closes. An invalid edit is not saved: the entry stays
/// as it was, and your text is kept as a draft (its path is printed) that the next
/// `mpl edit` of the same entry continues from.
#[derive(Debug, clap::Args)]
pub(crate) struct EditArgs {
    /// The entry's id, as `mpl log` shows it (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::entry_ids))]
    pub id: String,
    /// Drop the unsaved draft of an earlier edit of this entry and start from the file
    #[arg(long)]
    pub discard_draft: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &EditArgs) -> Result<()> {
    let editor = ctx.editor()?;
    // The editor runs without the lock, so other commands can write meanwhile; the file is
    // checked for changes made in the meantime before the edit is saved.
    let journal = ctx.journal()?;
    let path = journal.find(&args.id)?;
    let rel = journal.rel(&path).to_path_buf();
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let original = journal.read_text(&path).map_err(|err| {
        if matches!(err, crate::store::fs::ReadError::Locked(_)) {
            return Error::from(err.problem(rel.clone()));
        }
        Error::new(format!("{}: {}", rel.display(), err.message()))
            .hint("fix it with another editor; mpl edits UTF-8 text files of a sane size")
    })?;
    let shown_id = crate::render::terminal::shell_arg(&id).into_owned();
    let draft = Draft::new(&journal.drafts_dir()?, &format!("edit-{id}"));
    if args.discard_draft && draft.existing().is_some() {
        draft.discard();
        ctx.status(&format!("dropped the unsaved draft of {}", rel.display()));
    }
    let text = match draft.edit(editor, &original, |note| ctx.status(note))? {
        Edited::Changed(text) => text,
        Edited::Unchanged => {
            ctx.status("nothing changed");
            return Ok(());
        }
    };
    let kept = || {
        format!(
            "{} is unchanged; your text is kept at {} and `mpl edit {}` continues from it (`mpl edit {} --discard-draft` starts again from the file)",
            rel.display(),
            draft.path.display(),
            shown_id,
            shown_id
        )
    };
    let entry = frontmatter::parse(&text, &id).map_err(|err| {
        Error::new(format!(
            "the edit is invalid, so it was not saved: {}:{}: {}",
            draft.path.display(),
            err.line,
            err.message
        ))
        .hint(kept())
    })?;
    if let Err(err) = check_fields(&entry) {
        return Err(Error::new(format!(
            "the edit is invalid, so it was not saved: {}:{}: {}",
            draft.path.display(),
            field_line(&text, &err.key).unwrap_or(1),
            err.message
        ))
        .hint(kept()));
    }
    if let Some(kind) = kind_of_path(&rel)
        && kind != entry.kind
    {
        return Err(Error::new(format!(
            "the edit changes the kind to \"{}\", but {} holds {} entries; it was not saved",
            entry.kind,
            rel.display(),
            kind
        ))
        .hint(kept()));
    }
    if let Some(kind) = kind_of_path(&rel)
        && kind.is_dated()
        && date_of_id(&id).is_some_and(|day| day != entry.date)
    {
        return Err(Error::new(format!(
            "the edit sets date = {}, but {} is an entry of {}; it was not saved",
            entry.date,
            rel.display(),
            date_of_id(&id).expect("checked above")
        ))
        .hint("the date is part of the id; to move an entry to another day, record it again with --date")
        .hint(kept()));
    }
    let lock = ctx.lock(&journal)?;
    // The file must still be what the editor was given: the transaction checks it.
    let mut tx = journal.transaction(&lock);
    tx.update_edited(&path, text.into_bytes(), &original);
    tx.finish(&format!("edit: {id}"), ctx.now).map_err(|err| {
        err.hint(format!(
            "your text is kept at {}: copy what you need from it into the next `mpl edit {}`, which opens the current text",
            draft.path.display(),
            shown_id
        ))
    })?;
    draft.discard();
    ctx.status(&format!("saved {}", rel.display()));
    Ok(())
}
