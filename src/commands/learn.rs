//! `mpl learn`: record something learned.

use super::{commit_message, entry_target, entry_text, tags_arg};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::KindFields;
use crate::model::entry::title_and_body;
use crate::model::learned::Learned;
use crate::model::{Entry, Kind, Visibility};

/// The longest title taken from the text; the rest stays in the body.
const TITLE_CHARS: usize = 100;

/// Record something you learned today
///
/// The first line becomes the title, the rest the body. With no TEXT, it is read from
/// standard input when piped, or asked for on a terminal; with TEXT, text piped in is the
/// body under it.
#[derive(Debug, clap::Args)]
pub(crate) struct LearnArgs {
    /// What you learned (quotes optional)
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// Where you learned it: a URL, a book, a person
    #[arg(long, value_name = "URL")]
    pub source: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// A goal this serves (repeatable)
    #[arg(long = "goal", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Vec<String>,
    /// The day you learned it [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Keep it out of exports (visibility = "private")
    #[arg(long, conflicts_with = "team")]
    pub private: bool,
    /// Worth sharing with your team: `mpl share` includes it (visibility = "team")
    #[arg(long)]
    pub team: bool,
    #[command(flatten)]
    pub cpd: super::cpd::CpdArgs,
    #[command(flatten)]
    pub competency: super::competencies::CompetencyArgs,
}

pub(crate) fn run(ctx: &Ctx, args: &LearnArgs) -> Result<()> {
    // Every flag is checked before anything is asked, so no typed text is lost to a typo.
    let tags = tags_arg(&args.tag)?;
    if let Some(source) = &args.source
        && source.trim().is_empty()
    {
        return Err(Error::usage("--source is empty"));
    }
    let (date, goals) = entry_target(ctx, args.date.as_deref(), &args.goal)?;
    let cpd = super::cpd_value(ctx, &args.cpd, date)?;
    let competencies = args.competency.checked(ctx)?;
    let text = entry_text(
        ctx,
        &args.text,
        "What did you learn today?",
        Error::new("nothing to record, and --no-input forbids asking")
            .hint("mpl learn \"what you learned\" --source URL --tag TOPIC"),
        Error::new("nothing to record: the text is empty").hint("mpl learn \"what you learned\""),
    )?;
    let (journal, lock) = ctx.journal_for_write()?;

    let (title, body) = title_and_body(&text, TITLE_CHARS);
    let visibility = if args.private {
        Visibility::Private
    } else if args.team {
        Visibility::Team
    } else {
        Kind::Learned.default_visibility()
    };
    let id = journal.new_id(Kind::Learned, date, &title, visibility);
    let mut entry = Entry::new(Kind::Learned, id, date, ctx.now, title);
    if let Some(cpd) = &cpd {
        crate::model::cpd::write(&mut entry.extra, cpd);
    }
    crate::model::competency::add(&mut entry, &competencies);
    entry.body = body;
    entry.add_labels(&tags, &goals);
    entry.visibility = visibility;
    Learned {
        source: args.source.clone(),
    }
    .write(&mut entry);
    let path = journal.add_entry(&lock, &entry, &commit_message("learn", &entry), ctx.now)?;
    ctx.status(&format!("saved {}", journal.rel(&path).display()));
    super::challenge::mention_open_tasks(ctx, &journal);
    Ok(())
}
