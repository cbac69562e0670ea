//! `mpl network`: the people you learn from and with, and when you last talked to each.

use super::tags_arg;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::date::long_date;
use crate::model::entry::normalize_tag;
use crate::model::network::{Contact, Interaction, add_interaction, days_ago};
use crate::model::{Entry, Kind};
use crate::render;
use crate::store::Journal;
use std::path::PathBuf;

/// Grow your professional network and learn from it
///
/// Keep the people you learn from (mentors, peers, people met at events), what you talk
/// about, and each conversation. `network list` puts the ones you have not talked to for
/// longest first. Contacts are private: they never go into an export.
#[derive(Debug, clap::Args)]
pub(crate) struct NetworkArgs {
    #[command(subcommand)]
    pub command: NetworkCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum NetworkCommand {
    Add(AddArgs),
    Log(LogArgs),
    List(ListArgs),
    Show(ShowArgs),
}

/// Add a person to your network
#[derive(Debug, clap::Args)]
pub(crate) struct AddArgs {
    /// Their name (quotes optional)
    #[arg(value_name = "NAME", required = true)]
    pub name: Vec<String>,
    /// Where you know them from: a team, an event, a community
    #[arg(long = "where", value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub place: Option<String>,
    /// A topic you share or can learn from them (repeatable)
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// They are (or could be) a mentor to you
    #[arg(long)]
    pub mentor: bool,
    /// Anything else worth remembering about them; without it, text piped in is kept
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub note: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
}

/// Record a conversation or exchange with someone
#[derive(Debug, clap::Args)]
pub(crate) struct LogArgs {
    /// Their name (any case; the start of it is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::contacts))]
    pub name: String,
    /// What you talked about or did together (quotes optional)
    #[arg(value_name = "NOTE", required = true)]
    pub note: Vec<String>,
    /// The day it happened [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub cpd: super::cpd::CpdArgs,
}

/// List your network, the longest unspoken-to first
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Only mentors
    #[arg(long)]
    pub mentor: bool,
    /// Only people with this topic
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Print one JSON array
    #[arg(long)]
    pub json: bool,
}

/// Show a person and every interaction with them
#[derive(Debug, clap::Args)]
pub(crate) struct ShowArgs {
    /// Their name (any case; the start of it is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::contacts))]
    pub name: String,
    /// Print it as JSON
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &NetworkArgs) -> Result<()> {
    match &args.command {
        NetworkCommand::Add(args) => add(ctx, args),
        NetworkCommand::Log(args) => log(ctx, args),
        NetworkCommand::List(args) => list(ctx, args),
        NetworkCommand::Show(args) => show(ctx, args),
    }
}

fn topics_arg(topics: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for topic in topics {
        let topic = normalize_tag(topic).map_err(|msg| Error::usage(format!("--topic: {msg}")))?;
        if !out.contains(&topic) {
            out.push(topic);
        }
    }
    Ok(out)
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let name = args.name.join(" ").trim().to_string();
    if name.is_empty() || name.contains('\n') {
        return Err(Error::usage("a name is one non-empty line")
            .hint("mpl network add \"Ada Lovelace\" --where RustConf --topic rust"));
    }
    let topics = topics_arg(&args.topic)?;
    let tags = tags_arg(&args.tag)?;
    // The body: --note, else text piped in, read before anything is written.
    let body = match &args.note {
        Some(note) => Some(note.trim().to_string()),
        None => super::piped_body(ctx)?,
    };
    let (journal, lock) = ctx.journal_for_write()?;
    if let Some(path) = journal.same_name(Kind::Network, &name) {
        return Err(Error::new(format!(
            "{name} is already in your network ({})",
            journal.rel(&path).display()
        ))
        .hint(format!(
            "`mpl network log {} NOTE` records a conversation; `mpl edit {}` changes the contact",
            crate::render::terminal::shell_arg(&name),
            crate::render::terminal::shell_arg(
                &path.file_stem().unwrap_or_default().to_string_lossy()
            )
        )));
    }
    let today = journal.today(ctx.now);
    let id = journal.new_id(
        Kind::Network,
        today,
        &name,
        Kind::Network.default_visibility(),
    );
    let mut entry = Entry::new(Kind::Network, id, today, ctx.now, name.clone());
    entry.add_labels(&tags, &[]);
    Contact {
        place: args.place.clone(),
        topics,
        mentor: args.mentor,
        interactions: Vec::new(),
    }
    .write_new(&mut entry);
    if let Some(body) = body {
        entry.body = body;
    }
    let path = journal.add_entry(&lock, &entry, &format!("network: add {name}"), ctx.now)?;
    ctx.status(&format!(
        "added {name} to your network ({})",
        journal.rel(&path).display()
    ));
    Ok(())
}

fn contact(journal: &Journal, entry: &Entry, path: &std::path::Path) -> Result<Contact> {
    Contact::from_entry(entry).map_err(|err| journal.field_problem(path, &err).into())
}

fn log(ctx: &Ctx, args: &LogArgs) -> Result<()> {
    let note = args.note.join(" ").trim().to_string();
    if note.is_empty() {
        return Err(Error::usage("say what you talked about"));
    }
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let date = super::past_date(args.date.as_deref(), today)?;
    let cpd = args.cpd.checked(Some(&journal), date)?;
    let lock = ctx.lock(&journal)?;
    let (_, path) = journal.find_named(Kind::Network, &args.name, "contact")?;
    // Read again under the lock: this is the text the change is made to.
    let mut entry = journal.read_entry(&path)?;
    contact(&journal, &entry, &path)?;
    add_interaction(&mut entry, &Interaction { date, note, cpd });
    journal.save_entry(
        &lock,
        &entry,
        &format!("network: talked with {}", entry.title),
        ctx.now,
    )?;
    ctx.status(&format!(
        "noted a conversation with {} on {date}",
        entry.title
    ));
    Ok(())
}

fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (all, mut problems) = journal.all_of(Kind::Network);
    let topic = args
        .topic
        .as_deref()
        .map(|t| t.trim_start_matches('#').to_lowercase());
    let mut people: Vec<(Entry, Contact, PathBuf)> = Vec::new();
    for (entry, path) in all {
        match Contact::from_entry(&entry) {
            Ok(contact) => {
                if (!args.mentor || contact.mentor)
                    && topic.as_ref().is_none_or(|t| contact.topics.contains(t))
                {
                    people.push((entry, contact, path));
                }
            }
            Err(err) => problems.push(journal.field_problem(&path, &err)),
        }
    }
    ctx.warn_problems(&problems);
    // The longest unspoken-to first: they are the ones to get back in touch with.
    people.sort_by(|a, b| {
        (a.1.last_interaction(a.0.date), &a.0.title)
            .cmp(&(b.1.last_interaction(b.0.date), &b.0.title))
    });
    if args.json {
        let list: Vec<_> = people
            .iter()
            .map(|(e, c, p)| contact_json(&journal, e, c, p))
            .collect();
        return ctx.print_json(&serde_json::Value::Array(list));
    }
    if people.is_empty() {
        ctx.say_empty(if args.mentor || args.topic.is_some() {
            "nobody matches"
        } else {
            "nobody yet; `mpl network add NAME --where WHERE --topic TOPIC` adds someone"
        });
        return Ok(());
    }
    let rows = people
        .iter()
        .map(|(e, c, _)| {
            let last = c.last_interaction(e.date);
            let talked = if c.interactions.is_empty() {
                format!("added {}", days_ago(last, today))
            } else {
                days_ago(last, today)
            };
            vec![
                e.title.clone(),
                talked,
                if c.mentor {
                    "mentor".into()
                } else {
                    String::new()
                },
                c.place.clone().unwrap_or_default(),
                c.topics.join(", "),
            ]
        })
        .collect();
    ctx.print(&crate::ui::table::list(
        &["NAME", "LAST TALKED", "MENTOR", "WHERE", "TOPICS"],
        rows,
        4,
        &[],
        ctx.out_style,
        ctx.width(),
    ))
}

fn contact_json(
    journal: &Journal,
    entry: &Entry,
    contact: &Contact,
    path: &std::path::Path,
) -> serde_json::Value {
    #[derive(serde::Serialize)]
    struct ContactDoc<'a> {
        name: &'a str,
        #[serde(rename = "where")]
        place: &'a Option<String>,
        topics: &'a [String],
        mentor: bool,
        last_interaction: String,
        interactions: Vec<InteractionDoc<'a>>,
    }
    #[derive(serde::Serialize)]
    struct InteractionDoc<'a> {
        date: String,
        note: &'a str,
    }
    let doc = ContactDoc {
        name: &entry.title,
        place: &contact.place,
        topics: &contact.topics,
        mentor: contact.mentor,
        last_interaction: contact.last_interaction(entry.date).to_string(),
        interactions: contact
            .interactions
            .iter()
            .map(|i| InteractionDoc {
                date: i.date.to_string(),
                note: &i.note,
            })
            .collect(),
    };
    render::json::extended(entry, journal.rel(path), doc)
}

fn show(ctx: &Ctx, args: &ShowArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (entry, path) = journal.find_named(Kind::Network, &args.name, "contact")?;
    let contact = contact(&journal, &entry, &path)?;
    if args.json {
        return ctx.print_json(&contact_json(&journal, &entry, &contact, &path));
    }
    let style = ctx.out_style;
    let mut out = format!("{}\n", style.bold(&entry.title));
    let mut meta = vec![format!("network {}", entry.id)];
    if contact.mentor {
        meta.push("mentor".into());
    }
    if let Some(place) = &contact.place {
        meta.push(place.clone());
    }
    if !contact.topics.is_empty() {
        meta.push(contact.topics.join(", "));
    }
    out.push_str(&style.dim(&meta.join(" · ")));
    out.push('\n');
    let last = contact.last_interaction(entry.date);
    out.push_str(&format!(
        "added {} · last talked {}\n",
        long_date(entry.date),
        days_ago(last, today)
    ));
    if !entry.body.trim().is_empty() {
        out.push('\n');
        out.push_str(entry.body.trim());
        out.push('\n');
    }
    if !contact.interactions.is_empty() {
        out.push('\n');
        let mut log = contact.interactions.clone();
        log.sort_by_key(|i| i.date);
        for i in log {
            out.push_str(&format!("{}  {}\n", i.date, i.note));
        }
    }
    ctx.print(&out)
}
