//! `mpl reflect`: the end-of-day reflection, one file per day.
//!
//! Input comes from, in order: the answer flags; `--edit` (the day's file in an editor);
//! standard input when it is piped; one prompt per question on a terminal. A second
//! reflection on the same day is merged into the first (see `model::reflection`).

use super::{date_arg, entry_target, tags_arg};
use crate::app::Ctx;
use crate::editor::{Draft, Edited, NO_EDITOR_HINT};
use crate::error::{Error, Result};
use crate::input;
use crate::model::date::long_date;
use crate::model::reflection::{QUESTIONS, Question, Sections, template, tidy_template};
use crate::model::{Entry, Kind, Visibility};
use crate::render;
use crate::store::{Journal, Lock, frontmatter};
use chrono::NaiveDate;

/// Write today's end-of-day reflection (or show one with --show)
///
/// Six questions: key moments of today's work, what went well, what was difficult (and what
/// it taught you), what you learned, what you will do next or differently, and what is worth
/// sharing with your team. On a terminal each is asked in turn (Enter skips one). Answer them
/// with flags, pipe Markdown on standard input, or use --edit. Reflecting twice on one day
/// adds to that day's entry; nothing is replaced.
#[derive(Debug, clap::Args)]
pub(crate) struct ReflectArgs {
    /// The day to reflect on [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Open the day's file in your editor ($MPL_EDITOR, `editor` in config.toml, $VISUAL, $EDITOR) instead of asking questions
    #[arg(long, conflicts_with_all = ["show", "moments", "went_well", "difficult", "learned", "next", "share"])]
    pub edit: bool,
    /// Print the day's reflection instead of writing one
    #[arg(long, conflicts_with_all = ["moments", "went_well", "difficult", "learned", "next", "share", "tag", "goal"])]
    pub show: bool,
    /// With --show: print it as JSON
    #[arg(long, requires = "show")]
    pub json: bool,
    /// Key moments of today's work
    #[arg(long, value_name = "TEXT")]
    pub moments: Option<String>,
    /// What went well
    #[arg(long, value_name = "TEXT")]
    pub went_well: Option<String>,
    /// What was difficult, and what it taught you
    #[arg(long, value_name = "TEXT")]
    pub difficult: Option<String>,
    /// What you learned
    #[arg(long, value_name = "TEXT")]
    pub learned: Option<String>,
    /// What you will do next or differently
    #[arg(long, value_name = "TEXT")]
    pub next: Option<String>,
    /// What is worth sharing with your team
    #[arg(long, value_name = "TEXT")]
    pub share: Option<String>,
    /// A tag for the day (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// A goal the day served (repeatable)
    #[arg(long = "goal", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Vec<String>,
}

impl ReflectArgs {
    fn answers(&self) -> Vec<(&'static Question, String)> {
        let given = [
            &self.moments,
            &self.went_well,
            &self.difficult,
            &self.learned,
            &self.next,
            &self.share,
        ];
        QUESTIONS
            .iter()
            .zip(given)
            .filter_map(|(q, answer)| answer.clone().map(|a| (q, a)))
            .collect()
    }
}

/// Where the day's text comes from, settled before the journal is touched.
enum Source {
    Answers(Sections),
    Piped(Sections),
    Editor,
    Prompts,
}

pub(crate) fn run(ctx: &Ctx, args: &ReflectArgs) -> Result<()> {
    if args.show {
        return show(ctx, args);
    }
    let tags = tags_arg(&args.tag)?;
    let source = source(ctx, args)?;

    let (date, goals) = entry_target(ctx, args.date.as_deref(), &args.goal)?;
    // Creates the journal if needed; the lock is let go at once and taken again to save,
    // so it is never held while a person types.
    let (journal, _) = ctx.journal_for_write()?;
    // Fail before asking anything if the day's file cannot be read.
    let existing = read_day(&journal, date)?;

    let prompted = matches!(source, Source::Prompts);
    let sections = match source {
        Source::Answers(s) | Source::Piped(s) => s,
        Source::Editor => return edit_day(ctx, &journal, date, existing, &tags, &goals),
        Source::Prompts => match prompt(ctx, &journal, date, existing.is_some())? {
            Some(sections) => sections,
            None => {
                ctx.status("every question skipped; nothing saved");
                return Ok(());
            }
        },
    };
    let highlight = [&QUESTIONS[1], &QUESTIONS[0]]
        .iter()
        .find_map(|q| sections.answer(q))
        .map(|text| crate::model::entry::title_from_text(text, 100))
        .unwrap_or_default();
    {
        let lock = ctx.lock(&journal)?;
        save(ctx, &journal, &lock, date, sections, &tags, &goals)?;
    }
    super::challenge::mention_open_tasks(ctx, &journal);
    super::look_back::offer(ctx, &journal, date);
    if prompted {
        // Only now are the answers safe in the journal.
        if let Ok(drafts) = journal.drafts_dir() {
            Draft::new(&drafts, &answers_draft_name(date)).discard();
        }
        offer_evidence(ctx, &journal, date, &highlight, &goals).map_err(|err| {
            if err.kind() == crate::error::ErrorKind::Interrupted {
                Error::interrupted("your reflection is saved; the evidence was not")
                    .hint("`mpl evidence add TITLE --impact TEXT` records it")
            } else {
                err
            }
        })?;
    }
    Ok(())
}

/// After an interactive reflection: offers to turn a highlight of the day into evidence for
/// a goal. Skipped with Enter; never asked off a terminal. The reflection is private, so
/// whether the evidence goes into the portfolio is asked, and private unless the answer
/// is yes.
fn offer_evidence(
    ctx: &Ctx,
    journal: &Journal,
    date: NaiveDate,
    highlight: &str,
    goals: &[String],
) -> Result<()> {
    if !ctx.can_prompt() {
        return Ok(());
    }
    let color = ctx.err_style.enabled;
    if !crate::prompt::confirm(
        "Turn a highlight of the day into evidence of what you achieved?",
        color,
    )? {
        return Ok(());
    }
    let title = crate::prompt::ask("What did you achieve?", highlight, color)?;
    let title = title.trim();
    if title.is_empty() {
        ctx.status("no title; no evidence saved");
        return Ok(());
    }
    let impact = crate::prompt::ask("What difference did it make (its impact)?", "", color)?;
    let mut goals = goals.to_vec();
    if goals.is_empty() {
        let active = super::goal::active_goals(ctx, journal);
        if !active.is_empty() {
            let mut items: Vec<String> = active
                .iter()
                .map(|(id, title)| format!("{title} ({id})"))
                .collect();
            items.push("none".to_string());
            // Enter alone means no goal, as Enter skips everywhere else.
            let none = items.len() - 1;
            let chosen = crate::prompt::select("Which goal does it serve?", &items, none, color)?;
            if let Some((id, _)) = active.get(chosen) {
                goals.push(id.clone());
            }
        }
    }
    let public = crate::prompt::confirm(
        "Show it in your portfolio (public)? Your reflection stays private either way",
        color,
    )?;
    let lock = ctx.lock(journal)?;
    let mut tx = journal.transaction(&lock);
    let mut entry = super::evidence::new_entry(&tx, date, ctx.now, title, &impact, &goals);
    entry.visibility = if public {
        Visibility::Public
    } else {
        Visibility::Private
    };
    let path = tx.create_entry(&entry)?;
    tx.finish(&super::commit_message("evidence", &entry), ctx.now)?;
    ctx.status(&format!(
        "saved {} ({})",
        journal.rel(&path).display(),
        if public {
            "public: `mpl export` puts it in your portfolio".to_string()
        } else {
            format!(
                "private: out of your portfolio until you set visibility = \"public\" with `mpl edit {}`",
                crate::render::terminal::shell_arg(&entry.id)
            )
        }
    ));
    Ok(())
}

/// Where the text comes from: answer flags, then --edit, then piped standard input, then
/// prompts on a terminal. Settled before the journal is touched.
fn source(ctx: &Ctx, args: &ReflectArgs) -> Result<Source> {
    let answers = args.answers();
    if !answers.is_empty() {
        let sections = Sections::from_answers(&answers);
        if sections.is_empty() {
            return Err(Error::usage("every answer given is empty; nothing to save"));
        }
        return Ok(Source::Answers(sections));
    }
    if args.edit {
        if ctx.editor()?.is_none() {
            return Err(Error::new("no editor is set").hint(NO_EDITOR_HINT));
        }
        return Ok(Source::Editor);
    }
    if !ctx.stdin_is_terminal {
        let mut sections = Sections::parse(&input::read_stdin()?);
        sections.canonicalize();
        if sections.is_empty() {
            return Err(
                Error::new("no reflection given: standard input was empty").hint(ANSWER_HINT)
            );
        }
        return Ok(Source::Piped(sections));
    }
    if ctx.can_prompt() {
        return Ok(Source::Prompts);
    }
    Err(Error::new("no reflection given, and --no-input forbids asking").hint(ANSWER_HINT))
}

const ANSWER_HINT: &str =
    "answer with flags such as --went-well \"…\", or pipe the text on standard input";

/// The day's reflection if there is one. A file that cannot be parsed is an error: it is
/// never rewritten.
fn read_day(journal: &Journal, date: NaiveDate) -> Result<Option<Entry>> {
    let path = journal.entry_path(Kind::Reflection, &day_id(date));
    if !path.exists() {
        return Ok(None);
    }
    journal.read_entry(&path).map(Some).map_err(|problem| {
        Error::new(problem.to_string()).hint(format!(
            "fix it by hand or with `mpl edit {}`; mpl leaves the file as it is until it reads cleanly",
            day_id(date)
        ))
    })
}

fn day_id(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn answers_draft_name(date: NaiveDate) -> String {
    format!("reflection-{}-answers", day_id(date))
}

fn new_entry(ctx: &Ctx, date: NaiveDate) -> Entry {
    Entry::new(
        Kind::Reflection,
        day_id(date),
        date,
        ctx.now,
        format!("Reflection on {}", long_date(date)),
    )
}

/// Saves new answers for the day: a new file, or merged into the one on disk now. The
/// caller holds the lock.
fn save(
    ctx: &Ctx,
    journal: &Journal,
    lock: &Lock,
    date: NaiveDate,
    sections: Sections,
    tags: &[String],
    goals: &[String],
) -> Result<()> {
    let (entry, verb) = match read_day(journal, date)? {
        Some(mut entry) => {
            let before = entry.clone();
            let mut day = Sections::parse(&entry.body);
            day.merge(sections);
            entry.body = day.render();
            entry.add_labels(tags, goals);
            if Sections::parse(&entry.body) == Sections::parse(&before.body)
                && entry.tags == before.tags
                && entry.goals == before.goals
            {
                ctx.status(&format!(
                    "the reflection on {date} already says that; nothing changed"
                ));
                return Ok(());
            }
            (entry, "added to")
        }
        None => {
            let mut entry = new_entry(ctx, date);
            entry.body = sections.render();
            entry.add_labels(tags, goals);
            (entry, "saved")
        }
    };
    let message = match verb {
        "saved" => format!("reflect: {}", entry.id),
        _ => format!("reflect: add to {}", entry.id),
    };
    let mut tx = journal.transaction(lock);
    let path = if verb == "saved" {
        tx.create_entry(&entry)?
    } else {
        tx.update_entry(&entry)?
    };
    tx.finish(&message, ctx.now)?;
    ctx.status(&format!("{verb} {}", journal.rel(&path).display()));
    Ok(())
}

/// Asks the six questions, keeping each answer in a draft as soon as it is given.
fn prompt(ctx: &Ctx, journal: &Journal, date: NaiveDate, adding: bool) -> Result<Option<Sections>> {
    let draft = Draft::new(&journal.drafts_dir()?, &answers_draft_name(date));
    let resumed = draft.existing().map(|text| Sections::parse(&text));
    if resumed.is_some() {
        ctx.status(&format!(
            "continuing from unsaved answers in {}",
            draft.path.display()
        ));
    }
    let style = ctx.err_style;
    let heading = if adding {
        format!("Adding to your reflection on {}", long_date(date))
    } else {
        format!("Reflection on {}", long_date(date))
    };
    crate::app::write_stderr(&format!(
        "{}\n{}\n",
        style.bold(&heading),
        style.dim("Answer in a line or two; Enter skips a question. More room: mpl reflect --edit")
    ));
    let mut answers: Vec<(&Question, String)> = Vec::new();
    for question in &QUESTIONS {
        let initial = resumed
            .as_ref()
            .and_then(|r| r.answer(question))
            .unwrap_or("");
        let stopped = match crate::prompt::ask_keeping(question.prompt, initial, style.enabled)? {
            crate::prompt::Asked::Answer(answer) => {
                answers.push((question, answer));
                false
            }
            crate::prompt::Asked::Stopped(typed) => {
                answers.push((question, typed));
                true
            }
        };
        // The draft holds every answer: those given now, and for the questions not reached
        // yet, the ones an earlier run kept.
        let kept: Vec<(&Question, String)> = QUESTIONS
            .iter()
            .enumerate()
            .map(|(i, q)| match answers.get(i) {
                Some((_, answer)) => (q, answer.clone()),
                None => (
                    q,
                    resumed
                        .as_ref()
                        .and_then(|r| r.answer(q))
                        .unwrap_or("")
                        .to_string(),
                ),
            })
            .collect();
        let sections = Sections::from_answers(&kept);
        if stopped && sections.is_empty() {
            draft.discard();
            return Err(Error::interrupted(
                "nothing was written yet, so nothing was saved",
            ));
        }
        draft.save(&sections.render())?;
        if stopped {
            return Err(Error::interrupted(format!(
                "your answers so far, the one you were typing included, are kept in {}",
                draft.path.display()
            ))
            .hint("`mpl reflect` asks again with them filled in; Ctrl-U clears one"));
        }
    }
    let sections = Sections::from_answers(&answers);
    if sections.is_empty() {
        draft.discard();
        return Ok(None);
    }
    Ok(Some(sections))
}

/// `--edit`: the day's whole file (front matter included) in the editor.
fn edit_day(
    ctx: &Ctx,
    journal: &Journal,
    date: NaiveDate,
    existing: Option<Entry>,
    tags: &[String],
    goals: &[String],
) -> Result<()> {
    let path = journal.entry_path(Kind::Reflection, &day_id(date));
    // The file as it is now, to notice a change made while the editor is open.
    let on_disk = match &existing {
        Some(_) => Some(journal.read_text(&path).map_err(|err| {
            Error::new(format!(
                "{}: {}",
                journal.rel(&path).display(),
                err.message()
            ))
        })?),
        None => None,
    };
    let draft = Draft::new(
        &journal.drafts_dir()?,
        &format!("reflection-{}", day_id(date)),
    );
    // What the editor opens: the file as written (with --tag and --goal added), or a
    // template for a new day.
    let original = match (existing, &on_disk) {
        (Some(entry), Some(text)) => {
            let mut labelled = entry.clone();
            labelled.add_labels(tags, goals);
            if labelled == entry {
                text.clone()
            } else {
                frontmatter::render_edit(text, &entry, &labelled)
                    .unwrap_or_else(|| frontmatter::render(&labelled))
            }
        }
        _ => {
            let mut entry = new_entry(ctx, date);
            // A draft of this new day keeps the time it was begun, so it can be resumed.
            if let Some(begun) = draft
                .base()
                .and_then(|base: String| frontmatter::parse(&base, &entry.id).ok())
                .filter(|base| base.kind == Kind::Reflection && base.date == date)
            {
                entry.created = begun.created;
            }
            entry.body = template();
            entry.add_labels(tags, goals);
            frontmatter::render(&entry)
        }
    };
    let text = match draft.edit(ctx.editor()?, &original, |note| ctx.status(note))? {
        Edited::Changed(text) => text,
        Edited::Unchanged => {
            ctx.status("nothing changed");
            return Ok(());
        }
    };
    let kept = || {
        format!(
            "your text is kept at {}; run `mpl reflect --edit` again to continue from it",
            draft.path.display()
        )
    };
    let edited = frontmatter::parse(&text, &day_id(date)).map_err(|err| {
        Error::new(format!(
            "the edited reflection is invalid, so nothing was saved: {}:{}: {}",
            draft.path.display(),
            err.line,
            err.message
        ))
        .hint(kept())
    })?;
    if edited.kind != Kind::Reflection || edited.date != date {
        return Err(Error::new(format!(
            "the edited file must stay a reflection on {date} (kind = \"reflection\", date = {date}); nothing was saved"
        ))
        .hint(kept()));
    }
    // The template's prompts go, and so do questions left unanswered; the front matter is
    // saved exactly as written.
    let body = tidy_template(&edited.body);
    if Sections::parse(&body).is_empty() {
        draft.discard();
        ctx.status("the reflection is empty; nothing saved");
        return Ok(());
    }
    let text = frontmatter::in_style_of(
        &text,
        &frontmatter::with_body(&text, &body).expect("parsed above"),
    );
    let lock = ctx.lock(journal)?;
    // The day must still be as the editor was given it (or still not there): the
    // transaction checks it.
    let mut tx = journal.transaction(&lock);
    let staged = match &on_disk {
        Some(was) => {
            tx.update_edited(&path, text.into_bytes(), was);
            Ok(())
        }
        None => tx.create(&path, text.into_bytes()),
    };
    staged
        .and_then(|()| tx.finish(&format!("reflect: edit {}", day_id(date)), ctx.now))
    .map_err(|err| {
        err.hint(format!(
            "your text is kept at {}: copy what you need from it into the next `mpl reflect --edit`, which opens the current text",
            draft.path.display()
        ))
    })?;
    draft.discard();
    ctx.status(&format!("saved {}", journal.rel(&path).display()));
    Ok(())
}

/// `--show`: print the day's reflection.
fn show(ctx: &Ctx, args: &ReflectArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let date = match &args.date {
        Some(text) => date_arg("--date", text, today)?,
        None => today,
    };
    let path = journal.entry_path(Kind::Reflection, &day_id(date));
    if !path.exists() {
        let write = if date == today {
            "`mpl reflect`".to_string()
        } else {
            format!("`mpl reflect --date {date}`")
        };
        return Err(
            Error::new(format!("there is no reflection for {}", long_date(date))).hint(format!(
                "{write} writes one; `mpl log --kind reflection` lists the days you reflected"
            )),
        );
    }
    let entry = journal.read_entry(&path)?;
    if args.json {
        ctx.print_json(&render::json::entry(&entry, journal.rel(&path)))
    } else {
        ctx.print(&crate::ui::entry::text(&entry, ctx.out_style))
    }
}
