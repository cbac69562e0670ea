//! `mpl toolkit`: your personal learning toolkit.

use super::tags_arg;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::KindFields;
use crate::model::evidence::check_link;
use crate::model::toolkit::Toolkit;
use crate::model::toolkit::{TYPES, item_type, parse_type};
use crate::model::{Entry, Kind, Visibility};
use crate::render;

/// Keep your personal learning toolkit
///
/// The tools, sources, feeds, communities, courses and people you learn with: where your
/// learning comes from. The keep-up-to-date challenge builds it up; the portfolio shows it.
#[derive(Debug, clap::Args)]
pub(crate) struct ToolkitArgs {
    #[command(subcommand)]
    pub command: ToolkitCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum ToolkitCommand {
    Add(AddArgs),
    List(ListArgs),
}

/// Add a tool, source, feed, community, course or person
#[derive(Debug, clap::Args)]
pub(crate) struct AddArgs {
    /// Its name (quotes optional)
    #[arg(value_name = "NAME", required = true)]
    pub name: Vec<String>,
    /// What it is: tool, source, feed, community, course or person
    #[arg(long, value_name = "KIND", default_value = "tool", value_parser = parse_type)]
    pub kind: String,
    /// Where to find it
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// What it is good for; without it, text piped in is kept
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub note: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// Keep it out of exports (visibility = "private")
    #[arg(long)]
    pub private: bool,
}

/// List your toolkit
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Only this kind: tool, source, feed, community, course or person
    #[arg(long, value_name = "KIND", value_parser = parse_type)]
    pub kind: Option<String>,
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &ToolkitArgs) -> Result<()> {
    match &args.command {
        ToolkitCommand::Add(args) => add(ctx, args),
        ToolkitCommand::List(args) => list(ctx, args),
    }
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let name = args.name.join(" ").trim().to_string();
    if name.is_empty() || name.contains('\n') {
        return Err(Error::usage("a name is one non-empty line")
            .hint("mpl toolkit add \"Feedly\" --kind feed --url https://feedly.com"));
    }
    let url = args
        .url
        .as_deref()
        .map(|url| check_link(url).map_err(|msg| Error::usage(format!("--url: {msg}"))))
        .transpose()?;
    let tags = tags_arg(&args.tag)?;
    // The body: --note, else text piped in, read before anything is written.
    let body = match &args.note {
        Some(note) => Some(note.trim().to_string()),
        None => super::piped_body(ctx)?,
    };
    let (journal, lock) = ctx.journal_for_write()?;
    if let Some(path) = journal.same_name(Kind::Toolkit, &name) {
        return Err(Error::new(format!(
            "{name} is already in your toolkit ({})",
            journal.rel(&path).display()
        ))
        .hint(format!(
            "`mpl edit {}` changes it",
            crate::render::terminal::shell_arg(
                &path.file_stem().unwrap_or_default().to_string_lossy()
            )
        )));
    }
    let today = journal.today(ctx.now);
    let visibility = if args.private {
        Visibility::Private
    } else {
        Kind::Toolkit.default_visibility()
    };
    let id = journal.new_id(Kind::Toolkit, today, &name, visibility);
    let mut entry = Entry::new(Kind::Toolkit, id, today, ctx.now, name.clone());
    entry.add_labels(&tags, &[]);
    entry.visibility = visibility;
    Toolkit {
        item_type: args.kind.clone(),
        url,
    }
    .write(&mut entry);
    if let Some(body) = body {
        entry.body = body;
    }
    let path = journal.add_entry(&lock, &entry, &format!("toolkit: add {name}"), ctx.now)?;
    ctx.status(&format!(
        "added {name} ({}) to your toolkit ({})",
        args.kind,
        journal.rel(&path).display()
    ));
    Ok(())
}

fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let (all, mut problems) = journal.all_of(Kind::Toolkit);
    let mut items = Vec::new();
    for (entry, path) in all {
        match item_type(&entry) {
            Ok(kind) if args.kind.as_ref().is_none_or(|k| *k == kind) => {
                items.push((entry, kind, path))
            }
            Ok(_) => {}
            Err(err) => problems.push(journal.field_problem(&path, &err)),
        }
    }
    ctx.warn_problems(&problems);
    let rank = |kind: &str| TYPES.iter().position(|t| *t == kind);
    items.sort_by(|a, b| {
        (rank(&a.1), a.0.title.to_lowercase()).cmp(&(rank(&b.1), b.0.title.to_lowercase()))
    });
    if args.json {
        let list: Vec<_> = items
            .iter()
            .map(|(e, kind, path)| {
                #[derive(serde::Serialize)]
                struct ItemDoc<'a> {
                    name: &'a str,
                    #[serde(rename = "type")]
                    item_type: &'a str,
                    url: Option<String>,
                    note: &'a str,
                }
                let item = ItemDoc {
                    name: &e.title,
                    item_type: kind,
                    url: Toolkit::of(e).url,
                    note: e.body.trim(),
                };
                render::json::extended(e, journal.rel(path), item)
            })
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    if items.is_empty() {
        ctx.say_empty(if args.kind.is_some() {
            "nothing of that kind in your toolkit"
        } else {
            "your toolkit is empty; `mpl toolkit add NAME --kind source --url URL` adds to it"
        });
        return Ok(());
    }
    let rows = items
        .iter()
        .map(|(e, kind, _)| {
            vec![
                kind.clone(),
                e.title.clone(),
                Toolkit::of(e).url.unwrap_or_default(),
                e.body.lines().next().unwrap_or("").trim().to_string(),
            ]
        })
        .collect();
    ctx.print(&crate::ui::table::list(
        &["KIND", "NAME", "URL", "NOTE"],
        rows,
        3,
        &[0],
        ctx.out_style,
        ctx.width(),
    ))
}
