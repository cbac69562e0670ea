//! `mpl evidence`: what you achieved, its impact, and the files and links that prove it.

use super::{commit_message, entry_target, goal_id, period, tags_arg};
use crate::app::Ctx;
use crate::editor::Draft;
use crate::error::{Error, Result};
use crate::model::KindFields;
use crate::model::evidence::Evidence;
use crate::model::evidence::{self, Attachment};
use crate::model::reflection::Sections;
use crate::model::template::{self, Question, Template};
use crate::model::text::human_size;
use crate::model::{Entry, Kind, Visibility};
use crate::store::Tx;
use crate::store::attachments;
use crate::store::scan::Query;
use crate::ui;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::path::PathBuf;

/// Record evidence of what you achieved, with its impact
///
/// Evidence is the substance of a portfolio: what you did, the difference it made, and the
/// files and links that show it. Attached files are copied into the journal (the same file
/// is stored once), so it stays complete wherever it goes.
#[derive(Debug, clap::Args)]
pub(crate) struct EvidenceArgs {
    #[command(subcommand)]
    pub command: EvidenceCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum EvidenceCommand {
    Add(Box<AddArgs>),
    List(ListArgs),
    /// Pin a piece of evidence to lead your portfolio (its highlights)
    Pin(PinArgs),
    /// Unpin a piece of evidence
    Unpin(PinArgs),
}

/// `evidence pin` and `evidence unpin`
#[derive(Debug, clap::Args)]
pub(crate) struct PinArgs {
    /// The evidence's id, as `mpl evidence list` shows it (a unique prefix is enough)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::entry_ids))]
    pub id: String,
}

/// Record an achievement
#[derive(Debug, clap::Args)]
pub(crate) struct AddArgs {
    /// What you achieved (quotes optional)
    #[arg(value_name = "TITLE", required = true)]
    pub title: Vec<String>,
    /// The difference it made, in numbers where you can
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub impact: Option<String>,
    /// A goal it serves (repeatable; a unique prefix of the id is enough)
    #[arg(long = "goal", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Vec<String>,
    /// A file to keep with it: a report, a chart, a screenshot (repeatable; at most 25 MiB each)
    #[arg(long = "file", value_name = "PATH")]
    pub file: Vec<PathBuf>,
    /// A web address that shows it (repeatable)
    #[arg(long = "link", value_name = "URL")]
    pub link: Vec<String>,
    /// The day it was achieved [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// Keep it out of exports (visibility = "private"), attachments included
    #[arg(long)]
    pub private: bool,
    /// More about it, in Markdown (the entry's body); without it, text piped in is the body
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub note: Option<String>,
    /// Tell it as a story: situation, task, action, result (the STAR template), asked on a terminal or given with --answer
    #[arg(long, conflicts_with_all = ["note", "template"])]
    pub star: bool,
    /// Tell it with the questions of this template (see `mpl reflect --list-templates`)
    #[arg(long, value_name = "NAME", conflicts_with = "note", add = clap_complete::ArgValueCandidates::new(crate::complete::templates))]
    pub template: Option<String>,
    /// With --star or --template: an answer, by its heading: --answer "Result=CI in 12 minutes" (repeatable)
    #[arg(
        long = "answer",
        value_name = "HEADING=TEXT",
        allow_hyphen_values = true, value_parser = crate::commands::text_value
    )]
    pub answer: Vec<String>,
    #[command(flatten)]
    pub cpd: super::cpd::CpdArgs,
    #[command(flatten)]
    pub competency: super::competencies::CompetencyArgs,
}

/// List evidence, newest first
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Only evidence for this goal
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Option<String>,
    /// Only evidence on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only evidence on or before this date
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only evidence with this tag
    #[arg(long, value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Option<String>,
    /// Print one JSON array of entries
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &EvidenceArgs) -> Result<()> {
    match &args.command {
        EvidenceCommand::Add(args) => add(ctx, args),
        EvidenceCommand::List(args) => list(ctx, args),
        EvidenceCommand::Pin(args) => pin(ctx, args, true),
        EvidenceCommand::Unpin(args) => pin(ctx, args, false),
    }
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let title = args.title.join(" ").trim().to_string();
    if title.is_empty() {
        return Err(Error::usage("the title is empty")
            .hint("mpl evidence add \"Cut CI time from 40 to 12 minutes\" --impact \"…\""));
    }
    if title.contains('\n') {
        return Err(Error::usage("a title is one line").hint("say more with --impact and --note"));
    }
    let tags = tags_arg(&args.tag)?;
    let links = args
        .link
        .iter()
        .map(|link| {
            evidence::check_link(link).map_err(|msg| Error::usage(format!("--link: {msg}")))
        })
        .collect::<Result<Vec<String>>>()?;
    // Every file is checked before anything is written.
    let incoming = args
        .file
        .iter()
        .map(|path| attachments::check(path))
        .collect::<Result<Vec<_>>>()?;
    let (date, goals) = entry_target(ctx, args.date.as_deref(), &args.goal)?;
    let cpd = super::cpd_value(ctx, &args.cpd, date)?;
    let competencies = args.competency.checked(ctx)?;

    // The body: --note, else the story told with a template, else text piped in, all
    // read before anything is written.
    let mut impact = args.impact.clone();
    let story_told = args.star || args.template.is_some();
    let body = match (&args.note, story_template(ctx, args)?) {
        (Some(note), _) => Some(note.trim().to_string()),
        (None, Some(template)) => match story(ctx, args, &template)? {
            None => None,
            Some(sections) => {
                // The result is the impact, unless --impact says it.
                if impact.is_none() {
                    let mut told =
                        Entry::new(Kind::Evidence, String::new(), date, ctx.now, String::new());
                    told.body = sections.render();
                    crate::model::reflection::Roles::record(&mut told, &template, &sections);
                    impact = crate::model::reflection::Reflection::of(&told)
                        .answer(crate::model::template::Role::WentWell)
                        .map(|text| crate::model::entry::title_from_text(&text, 200));
                }
                Some(sections.render())
            }
        },
        (None, None) => super::piped_body(ctx)?,
    };
    let (journal, lock) = ctx.journal_for_write()?;
    // The entry and the files it attaches are one transaction: one commit, and a killed
    // run leaves neither.
    let mut tx = journal.transaction(&lock);
    let mut stored: Vec<Attachment> = Vec::new();
    let mut reused = 0;
    for file in &incoming {
        // A private entry's files are as private as it is.
        let (attachment, new) = if args.private && journal.encrypts() {
            tx.attach_encrypted(file)?
        } else {
            tx.attach(file)?
        };
        let again = stored.iter().any(|a| a.file == attachment.file);
        if !new && !again {
            reused += 1;
        }
        if !stored.contains(&attachment) {
            stored.push(attachment);
        }
    }
    let visibility = if args.private {
        Visibility::Private
    } else {
        Kind::Evidence.default_visibility()
    };
    let mut entry = new_entry(
        &tx,
        date,
        ctx.now,
        &title,
        visibility,
        impact.as_deref().unwrap_or(""),
        &goals,
    );
    entry.add_labels(&tags, &[]);
    if let Some(cpd) = &cpd {
        crate::model::cpd::write(&mut entry.extra, cpd);
    }
    crate::model::competency::add(&mut entry, &competencies);
    Evidence {
        impact: None,
        links,
        attachments: stored.clone(),
        pinned: false,
    }
    .write(&mut entry);
    if let Some(body) = body {
        entry.body = body;
    }
    let path = tx.create_entry(&entry)?;
    tx.finish(&commit_message("evidence", &entry), ctx.now)?;
    // The story is in the journal now.
    if story_told && let Some(draft) = story_draft(ctx, &title) {
        draft.discard();
    }
    let mut said = format!("saved {}", journal.rel(&path).display());
    if !stored.is_empty() {
        let total: u64 = stored.iter().map(|a| a.bytes).sum();
        said.push_str(&format!(
            " with {} attachment{} ({})",
            stored.len(),
            if stored.len() == 1 { "" } else { "s" },
            human_size(total)
        ));
        if reused > 0 {
            said.push_str(&format!(
                "; {reused} {} already in the journal and stored once",
                if reused == 1 { "was" } else { "were" }
            ));
        }
    }
    ctx.status(&said);
    Ok(())
}

/// The template `--star` or `--template` names, if either is given.
fn story_template(ctx: &Ctx, args: &AddArgs) -> Result<Option<Template>> {
    let name = match (&args.template, args.star) {
        (Some(name), _) => name.clone(),
        (None, true) => template::STAR.to_string(),
        (None, false) if args.answer.is_empty() => return Ok(None),
        (None, false) => {
            return Err(Error::usage("--answer goes with --star or --template NAME"));
        }
    };
    let journal = ctx.existing_journal()?;
    let star = template::built_in(template::STAR).expect("built in");
    // A template written for periods speaks of this one piece of work.
    super::reflect::named_template(ctx, journal.as_ref(), &name, star)
        .map(|t| Some(t.for_period("time")))
}

/// Where the answers of a story told on a terminal are kept until the evidence is saved.
fn story_draft(ctx: &Ctx, title: &str) -> Option<Draft> {
    let journal = ctx.existing_journal().ok()??;
    let dir = journal.drafts_dir().ok()?;
    let slug = crate::model::slug::slugify(title.trim(), "evidence");
    Some(Draft::new(&dir, &format!("evidence-story-{slug}")))
}

/// The story's sections: from --answer (all empty is an error), else asked on a terminal
/// (all skipped is no story: the evidence is saved without one).
fn story(ctx: &Ctx, args: &AddArgs, template: &Template) -> Result<Option<Sections>> {
    let mut answers = super::reflect::answer_args(template, &args.answer)?;
    let asked = answers.is_empty();
    if asked {
        if !ctx.can_prompt() {
            return Err(Error::usage(format!(
                "--{} asks its questions on a terminal; here, give the answers with --answer \"HEADING=TEXT\"",
                if args.star { "star".to_string() } else { format!("template {}", template.name) }
            ))
            .hint(format!(
                "the headings are {}",
                template
                    .questions
                    .iter()
                    .map(|q| q.heading.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let color = ctx.err_style.enabled;
        // Each answer is kept in a draft (when the journal is there already), so Ctrl-C or
        // a crash loses nothing typed; the next run with this title asks again from it.
        let draft = story_draft(ctx, &args.title.join(" "));
        let resumed = draft
            .as_ref()
            .and_then(Draft::existing)
            .map(|text| Sections::parse(&text));
        if let (Some(draft), Some(_)) = (&draft, &resumed) {
            ctx.status(&format!(
                "continuing from unsaved answers in {}",
                draft.path.display()
            ));
        }
        crate::app::write_stderr(&format!(
            "{}\n{}\n",
            ctx.err_style.bold(&template.title),
            ctx.err_style
                .dim("Answer in a line or two; Enter skips a question.")
        ));
        for question in &template.questions {
            let initial = resumed
                .as_ref()
                .and_then(|r| r.text_under(&question.heading))
                .unwrap_or("");
            let asked = crate::prompt::ask_keeping(&question.prompt, initial, color)?;
            let (answer, stopped) = match asked {
                crate::prompt::Asked::Answer(answer) => (answer, false),
                crate::prompt::Asked::Stopped(typed) => (typed, true),
            };
            answers.push((question.clone(), answer));
            let pairs: Vec<(&Question, String)> =
                answers.iter().map(|(q, a)| (q, a.clone())).collect();
            let so_far = Sections::from_answers(&pairs);
            match &draft {
                Some(draft) if !so_far.is_empty() => draft.save(&so_far.render())?,
                _ => {}
            }
            if stopped {
                return Err(match &draft {
                    Some(draft) if !so_far.is_empty() => Error::interrupted(format!(
                        "nothing was saved; your answers, the one you were typing included, are kept in {}",
                        draft.path.display()
                    ))
                    .hint("the same `mpl evidence add` asks again with them filled in"),
                    _ => Error::interrupted("nothing was saved"),
                });
            }
        }
    }
    let pairs: Vec<(&Question, String)> = answers.iter().map(|(q, a)| (q, a.clone())).collect();
    let sections = Sections::from_answers(&pairs);
    match (sections.is_empty(), asked) {
        (false, _) => Ok(Some(sections)),
        (true, true) => {
            ctx.status("every question skipped: the evidence is saved without its story");
            Ok(None)
        }
        (true, false) => Err(Error::usage("every --answer is empty; nothing to save")),
    }
}

/// A new evidence entry with its title, visibility, impact and goals, with an id that `tx`
/// keeps free.
pub(crate) fn new_entry(
    tx: &Tx,
    date: NaiveDate,
    now: DateTime<FixedOffset>,
    title: &str,
    visibility: Visibility,
    impact: &str,
    goals: &[String],
) -> Entry {
    let id = tx.new_id(Kind::Evidence, date, title, visibility);
    let mut entry = Entry::new(Kind::Evidence, id, date, now, title.to_string());
    entry.visibility = visibility;
    entry.add_labels(&[], goals);
    Evidence {
        impact: Some(impact.to_string()),
        ..Evidence::default()
    }
    .write(&mut entry);
    entry
}

fn pin(ctx: &Ctx, args: &PinArgs, pinned: bool) -> Result<()> {
    let journal = ctx.journal()?;
    let lock = ctx.lock(&journal)?;
    let path = journal.find(&args.id)?;
    // Read under the lock: this is the text the change is made to.
    let mut entry = journal.read_entry(&path).map_err(Error::from)?;
    if entry.kind != Kind::Evidence {
        return Err(Error::usage(format!(
            "{} is a {} entry, not evidence; only evidence is pinned",
            entry.id,
            entry.kind.as_str()
        ))
        .hint("`mpl evidence list` lists your evidence"));
    }
    let mut fields =
        Evidence::from_entry(&entry).map_err(|err| journal.field_problem(&path, &err))?;
    let verb = if pinned { "pinned" } else { "unpinned" };
    if fields.pinned == pinned {
        ctx.status(&format!("{} is already {verb}; nothing changed", entry.id));
        return Ok(());
    }
    fields.pinned = pinned;
    fields.write(&mut entry);
    journal.save_entry(
        &lock,
        &entry,
        &format!(
            "evidence: {} {}",
            if pinned { "pin" } else { "unpin" },
            entry.title
        ),
        ctx.now,
    )?;
    let private = if pinned && entry.visibility != Visibility::Public {
        format!(
            "; it is {}, so it leads only an export with --include-private",
            entry.visibility.as_str()
        )
    } else {
        String::new()
    };
    ctx.status(&format!(
        "{verb} {}{}{private}",
        entry.id,
        if pinned {
            ": it leads the highlights of your portfolio"
        } else {
            ""
        }
    ));
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
    let listing = journal.list(&Query {
        kinds: vec![Kind::Evidence],
        since,
        until,
        tag: args
            .tag
            .as_deref()
            .map(|t| t.trim_start_matches('#').to_lowercase()),
        goal,
        limit: None,
    });
    ctx.warn_problems(&listing.problems);
    if args.json {
        return super::print_entries_json(ctx, &journal, &listing.entries);
    }
    if listing.entries.is_empty() {
        let filtered = args.goal.is_some()
            || args.since.is_some()
            || args.until.is_some()
            || args.tag.is_some();
        ctx.say_empty(if filtered {
            "no evidence matches"
        } else {
            "no evidence yet; `mpl evidence add TITLE --impact TEXT` records some"
        });
        return Ok(());
    }
    let rows = listing
        .entries
        .iter()
        .map(|f| {
            let e = &f.entry;
            let files = evidence::attachments(e).map(|a| a.len()).unwrap_or(0);
            vec![
                e.date.to_string(),
                e.id.clone(),
                e.goals.join(", "),
                if files == 0 {
                    String::new()
                } else {
                    files.to_string()
                },
                e.title.clone(),
            ]
        })
        .collect();
    ctx.print(&ui::table::list(
        &["DATE", "ID", "GOALS", "FILES", "TITLE"],
        rows,
        4,
        &[1],
        ctx.out_style,
        ctx.width(),
    ))
}
