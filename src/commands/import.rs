//! `mpl import`: bring in a journal kept elsewhere.

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::jrnl::{self, JrnlEntry};
use crate::model::reflection::Sections;
use crate::model::template::{Role, daily};
use crate::model::text::human_size;
use crate::model::{Entry, Kind, Visibility};
use crate::store::{Journal, Tx, fs};
use chrono::{NaiveTime, TimeZone};
use std::collections::HashSet;
use std::path::PathBuf;

/// Import entries from another journal
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    #[command(subcommand)]
    pub command: ImportCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum ImportCommand {
    Jrnl(JrnlArgs),
}

/// Import a jrnl JSON export (`jrnl --format json > FILE`)
///
/// Each jrnl entry becomes a learned entry (or, with --as reflection, part of that day's
/// reflection), keeping its date and time, title, body, tags and star. Imported entries are
/// private until you say otherwise. Importing the same file again adds nothing.
#[derive(Debug, clap::Args)]
pub(crate) struct JrnlArgs {
    /// The JSON file jrnl wrote
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What each entry becomes: learned or reflection
    #[arg(long = "as", value_name = "KIND", default_value = "learned", value_parser = ["learned", "reflection"])]
    pub kind: String,
}

pub(crate) fn run(ctx: &Ctx, args: &ImportArgs) -> Result<()> {
    match &args.command {
        ImportCommand::Jrnl(args) => import_jrnl(ctx, args),
    }
}

/// The largest file `import` reads: a jrnl export of decades of daily entries is a few MiB.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

fn import_jrnl(ctx: &Ctx, args: &JrnlArgs) -> Result<()> {
    let text = fs::read_limited(&args.file, MAX_IMPORT_BYTES, true)
        .and_then(fs::text_of)
        .map_err(|err| {
            Error::new(format!(
                "cannot read {}: {}",
                args.file.display(),
                match err {
                    fs::ReadError::TooLarge(size) => format!(
                        "it is {}; mpl imports files of at most {}",
                        human_size(size),
                        human_size(MAX_IMPORT_BYTES)
                    ),
                    other => other.message(),
                }
            ))
            .hint("export with `jrnl --format json > FILE` and pass that file")
        })?;
    let entries = jrnl::parse(&text).map_err(|msg| {
        Error::new(format!(
            "{}: {msg}; nothing was imported",
            args.file.display()
        ))
        .hint("export with `jrnl --format json > FILE` (jrnl 2.4 or later) and pass that file")
    })?;
    let kind = if args.kind == "reflection" {
        Kind::Reflection
    } else {
        Kind::Learned
    };
    let (journal, lock) = ctx.journal_for_write()?;
    let mut seen = imported_keys(&journal, kind)?;
    // Everything imported is one transaction: one commit, and a killed import leaves
    // nothing, so running it again imports it all.
    let mut tx = journal.transaction(&lock);
    let (mut imported, mut already, mut empty) = (0, 0, 0);
    let mut written: Vec<PathBuf> = Vec::new();
    for entry in &entries {
        if entry.title.is_empty() && entry.body.is_empty() {
            empty += 1;
            continue;
        }
        let key = entry.key();
        if !seen.insert(key.clone()) {
            already += 1;
            continue;
        }
        let path = match kind {
            Kind::Reflection => add_to_day(ctx, &mut tx, entry, &key)?,
            _ => add_learned(ctx, &mut tx, entry, &key)?,
        };
        if !written.contains(&path) {
            written.push(path);
        }
        imported += 1;
    }
    if !written.is_empty() {
        let what = if imported == 1 { "entry" } else { "entries" };
        tx.finish(&format!("import: {imported} {what} from jrnl"), ctx.now)?;
    }
    let mut summary = format!(
        "imported {imported} of {} jrnl entries from {} as private {} entries",
        entries.len(),
        args.file.display(),
        kind
    );
    let mut skipped = Vec::new();
    if already > 0 {
        skipped.push(format!("{already} already imported"));
    }
    if empty > 0 {
        skipped.push(format!("{empty} empty"));
    }
    if !skipped.is_empty() {
        summary.push_str(&format!("; skipped {}", skipped.join(", ")));
    }
    ctx.status(&summary);
    if imported > 0 {
        ctx.status(&format!(
            "`mpl log --kind {kind}` lists them; imported entries stay private until you change visibility in one"
        ));
    }
    Ok(())
}

/// The keys of every jrnl entry imported before into entries of `kind`. Only files that
/// mention the key field are parsed.
fn imported_keys(journal: &Journal, kind: Kind) -> Result<HashSet<String>> {
    let mut keys = HashSet::new();
    let (files, links) = journal.files_of(kind);
    if let Some(link) = links.into_iter().next() {
        return Err(Error::from(link));
    }
    for path in files {
        let Ok(text) = journal.read_text(&path) else {
            continue;
        };
        if !text.contains(jrnl::KEY_FIELD) {
            continue;
        }
        let entry = journal.read_entry(&path)?;
        keys.extend(jrnl::import_keys(&entry));
    }
    Ok(keys)
}

/// When the jrnl entry was written, in the offset of now.
fn created(ctx: &Ctx, entry: &JrnlEntry) -> chrono::DateTime<chrono::FixedOffset> {
    let time = entry.time.unwrap_or(NaiveTime::MIN);
    ctx.now
        .offset()
        .from_local_datetime(&entry.date.and_time(time))
        .single()
        .unwrap_or(ctx.now)
}

fn add_learned(ctx: &Ctx, tx: &mut Tx, jrnl: &JrnlEntry, key: &str) -> Result<PathBuf> {
    let (title, body) = if jrnl.title.is_empty() {
        crate::model::entry::title_and_body(&jrnl.body, 100)
    } else {
        (jrnl.title.clone(), jrnl.body.clone())
    };
    // Imported entries are private.
    let id = tx.new_id(Kind::Learned, jrnl.date, &title, Visibility::Private);
    let mut entry = Entry::new(Kind::Learned, id, jrnl.date, created(ctx, jrnl), title);
    entry.body = body;
    entry.tags = jrnl.tags.clone();
    entry.visibility = Visibility::Private;
    jrnl::mark_imported(&mut entry, key, jrnl.starred);
    tx.create_entry(&entry)
}

/// Adds a jrnl entry to its day's reflection, as a key moment.
fn add_to_day(ctx: &Ctx, tx: &mut Tx, jrnl: &JrnlEntry, key: &str) -> Result<PathBuf> {
    let id = jrnl.date.format("%Y-%m-%d").to_string();
    let path = tx.journal().entry_path(Kind::Reflection, &id);
    let moment = match (jrnl.title.is_empty(), jrnl.body.is_empty()) {
        (false, false) => format!("**{}**\n\n{}", jrnl.title, jrnl.body),
        (false, true) => jrnl.title.clone(),
        _ => jrnl.body.clone(),
    };
    let six = daily();
    let moments = six
        .question_for_role(Role::Moments)
        .expect("a daily question");
    let answer = Sections::from_answers(&[(moments, moment)]);
    let exists = tx.exists(&path);
    let mut entry = if exists {
        tx.read_entry(&path)?
    } else {
        let mut entry = Entry::new(
            Kind::Reflection,
            id,
            jrnl.date,
            created(ctx, jrnl),
            format!("Reflection on {}", crate::model::date::long_date(jrnl.date)),
        );
        entry.body = String::new();
        entry
    };
    let mut day = Sections::parse(&entry.body);
    day.merge(answer);
    entry.body = day.render();
    for tag in &jrnl.tags {
        if !entry.has_tag(tag) {
            entry.tags.push(tag.clone());
        }
    }
    jrnl::mark_imported(&mut entry, key, jrnl.starred);
    if exists {
        tx.update_entry(&entry)?;
    } else {
        tx.create_entry(&entry)?;
    }
    Ok(path)
}
