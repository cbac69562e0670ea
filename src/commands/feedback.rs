//! `mpl feedback`: feedback you asked for and received, from your manager, team or network.

use super::{commit_message, entry_target, entry_text, goal_id, period, tags_arg};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::KindFields;
use crate::model::entry::title_and_body;
use crate::model::feedback::Feedback;
use crate::model::{Entry, Kind, Visibility};
use crate::store::scan::Query;
use crate::ui;

/// Keep the feedback you receive
///
/// Feedback is how you learn what your performance looks like from outside. Ask your
/// manager and colleagues for it, keep it here (private unless you say otherwise), link it
/// to goals, and `mpl review` draws on it for your next 1:1.
#[derive(Debug, clap::Args)]
pub(crate) struct FeedbackArgs {
    #[command(subcommand)]
    pub command: FeedbackCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum FeedbackCommand {
    Add(AddArgs),
    List(ListArgs),
}

/// Record feedback you received
///
/// The first line becomes the title, the rest the body. With no TEXT, it is read from
/// standard input when piped, or asked for on a terminal; with TEXT, text piped in is the
/// body under it.
#[derive(Debug, clap::Args)]
pub(crate) struct AddArgs {
    /// The feedback, in their words where you can (quotes optional)
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// Who gave it: a name or a role, such as "my manager"
    #[arg(long, value_name = "WHO", required = true)]
    pub from: String,
    /// A goal it speaks to (repeatable; a unique prefix of the id is enough)
    #[arg(long = "goal", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Vec<String>,
    /// The day you received it [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// You asked for it (rather than it came unprompted)
    #[arg(long)]
    pub asked: bool,
    /// Let it go into exports (visibility = "public"); feedback is private by default
    #[arg(long)]
    pub public: bool,
    #[command(flatten)]
    pub cpd: super::cpd::CpdArgs,
}

/// List feedback, newest first
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Only feedback from someone whose name holds this text (any case)
    #[arg(long, value_name = "WHO")]
    pub from: Option<String>,
    /// Only feedback linked to this goal
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Option<String>,
    /// Only feedback on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only feedback on or before this date
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Print one JSON array of entries
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &FeedbackArgs) -> Result<()> {
    match &args.command {
        FeedbackCommand::Add(args) => add(ctx, args),
        FeedbackCommand::List(args) => list(ctx, args),
    }
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let from = args.from.trim();
    if from.is_empty() {
        return Err(Error::usage("--from is empty").hint("--from \"my manager\""));
    }
    let tags = tags_arg(&args.tag)?;
    let (date, goals) = entry_target(ctx, args.date.as_deref(), &args.goal)?;
    let cpd = super::cpd_value(ctx, &args.cpd, date)?;
    let text = entry_text(
        ctx,
        &args.text,
        &format!("What did {from} say?"),
        Error::new("no feedback given, and --no-input forbids asking")
            .hint("mpl feedback add \"what they said\" --from WHO"),
        Error::new("nothing to record: the feedback is empty")
            .hint("mpl feedback add \"what they said\" --from WHO"),
    )?;
    let (journal, lock) = ctx.journal_for_write()?;
    let (title, body) = title_and_body(&text, 100);
    let visibility = if args.public {
        Visibility::Public
    } else {
        Kind::Feedback.default_visibility()
    };
    let id = journal.new_id(Kind::Feedback, date, &title, visibility);
    let mut entry = Entry::new(Kind::Feedback, id, date, ctx.now, title);
    if let Some(cpd) = &cpd {
        crate::model::cpd::write(&mut entry.extra, cpd);
    }
    entry.body = body;
    entry.add_labels(&tags, &goals);
    Feedback {
        from: Some(from.to_string()),
        asked: args.asked,
    }
    .write(&mut entry);
    entry.visibility = visibility;
    let path = journal.add_entry(&lock, &entry, &commit_message("feedback", &entry), ctx.now)?;
    ctx.status(&format!("saved {}", journal.rel(&path).display()));
    Ok(())
}

fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    let goal = args
        .goal
        .as_deref()
        .map(|g| goal_id(&journal, g).map_err(|e| e.prefix("--goal: ")))
        .transpose()?;
    let mut listing = journal.list(&Query {
        kinds: vec![Kind::Feedback],
        since,
        until,
        goal,
        ..Query::default()
    });
    ctx.warn_problems(&listing.problems);
    if let Some(who) = &args.from {
        let who = who.trim().to_lowercase();
        listing.entries.retain(|f| {
            Feedback::of(&f.entry)
                .from
                .is_some_and(|from| from.to_lowercase().contains(&who))
        });
    }
    if args.json {
        return super::print_entries_json(ctx, &journal, &listing.entries);
    }
    if listing.entries.is_empty() {
        let filtered = args.from.is_some()
            || args.goal.is_some()
            || args.since.is_some()
            || args.until.is_some();
        ctx.say_empty(if filtered {
            "no feedback matches"
        } else {
            "no feedback yet; `mpl feedback add TEXT --from WHO` records some"
        });
        return Ok(());
    }
    let rows = listing
        .entries
        .iter()
        .map(|f| {
            let e = &f.entry;
            vec![
                e.date.to_string(),
                e.id.clone(),
                Feedback::of(e).from.unwrap_or_default(),
                e.title.clone(),
            ]
        })
        .collect();
    ctx.print(&ui::table::list(
        &["DATE", "ID", "FROM", "FEEDBACK"],
        rows,
        3,
        &[1],
        ctx.out_style,
        ctx.width(),
    ))
}
