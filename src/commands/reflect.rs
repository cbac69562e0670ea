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
use crate::model::period::{Period, Span};
use crate::model::reflection::{Roles, Sections, edit_template, tidy_template};
use crate::model::template::{self, Question, Role, Template};
use crate::model::{Entry, Kind, Visibility};
use crate::render;
use crate::store::{Journal, Lock, frontmatter};
use chrono::NaiveDate;

/// Write today's end-of-day reflection, or a review of a week, month, quarter or year
///
/// Six questions by default: key moments of today's work, what went well, what was
/// difficult (and what it taught you), what you learned, what you will do next or
/// differently, and what is worth sharing with your team. Your own questions come from
/// [reflect] in mpl.toml or a template (--template; --list-templates shows them). On a
/// terminal each question is asked in turn (Enter skips one). Answer them with flags, pipe
/// Markdown on standard input, or use --edit. Reflecting twice on one day adds to that
/// day's entry; nothing is replaced.
#[derive(Debug, clap::Args)]
pub(crate) struct ReflectArgs {
    /// The day to reflect on, or a day in the period to review [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Review this week (reviews/YYYY/YYYY-Www.md), with the week's digest as context
    #[arg(long, group = "period")]
    pub week: bool,
    /// Review this month (reviews/YYYY/YYYY-MM.md)
    #[arg(long, group = "period")]
    pub month: bool,
    /// Review this quarter (reviews/YYYY/YYYY-Qn.md)
    #[arg(long, group = "period")]
    pub quarter: bool,
    /// Review this year (reviews/YYYY/YYYY.md)
    #[arg(long, group = "period")]
    pub year: bool,
    /// Ask the questions of this template: built in (daily, gibbs, rolfe, star, review) or templates/NAME.toml
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCandidates::new(crate::complete::templates))]
    pub template: Option<String>,
    /// List the templates there are, with their questions
    #[arg(long, conflicts_with_all = ["show", "edit", "period", "template", "moments", "went_well", "difficult", "learned", "next", "share", "answer", "tag", "goal", "date"])]
    pub list_templates: bool,
    /// Open the day's file in your editor ($MPL_EDITOR, `editor` in config.toml, $VISUAL, $EDITOR) instead of asking questions
    #[arg(long, conflicts_with_all = ["show", "moments", "went_well", "difficult", "learned", "next", "share", "answer"])]
    pub edit: bool,
    /// Print the day's reflection (or the period's review) instead of writing one
    #[arg(long, conflicts_with_all = ["moments", "went_well", "difficult", "learned", "next", "share", "answer", "tag", "goal", "template"])]
    pub show: bool,
    /// With --show or --list-templates: print JSON
    #[arg(long)]
    pub json: bool,
    /// Key moments of today's work
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub moments: Option<String>,
    /// What went well
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub went_well: Option<String>,
    /// What was difficult, and what it taught you
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub difficult: Option<String>,
    /// What you learned
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub learned: Option<String>,
    /// What you will do next or differently
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub next: Option<String>,
    /// What is worth sharing with your team
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub share: Option<String>,
    /// The answer to a question of the template, by its heading: --answer "Feelings=Nervous, then relieved" (repeatable)
    #[arg(
        long = "answer",
        value_name = "HEADING=TEXT",
        allow_hyphen_values = true, value_parser = crate::commands::text_value
    )]
    pub answer: Vec<String>,
    /// A tag for the day (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Vec<String>,
    /// A goal the day served (repeatable)
    #[arg(long = "goal", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Vec<String>,
}

impl ReflectArgs {
    fn period(&self) -> Option<Period> {
        [
            (self.week, Period::Week),
            (self.month, Period::Month),
            (self.quarter, Period::Quarter),
            (self.year, Period::Year),
        ]
        .into_iter()
        .find_map(|(on, period)| on.then_some(period))
    }

    /// The answers given as flags, each under its question of `template` (a role the
    /// template does not ask goes under its daily heading).
    fn answers(&self, template: &Template) -> Result<Vec<(Question, String)>> {
        let by_role = [
            (Role::Moments, &self.moments),
            (Role::WentWell, &self.went_well),
            (Role::Difficult, &self.difficult),
            (Role::Learned, &self.learned),
            (Role::Next, &self.next),
            (Role::Share, &self.share),
        ];
        let six = template::daily();
        let mut answers = Vec::new();
        for (role, text) in by_role {
            if let Some(text) = text {
                let question = template
                    .question_for_role(role)
                    .or_else(|| six.question_for_role(role))
                    .expect("the six daily questions have every role");
                answers.push((question.clone(), text.clone()));
            }
        }
        answers.extend(answer_args(template, &self.answer)?);
        // In the template's order; a daily question it does not ask goes last.
        answers.sort_by_key(|(q, _)| {
            template
                .questions
                .iter()
                .position(|t| t == q)
                .unwrap_or(usize::MAX)
        });
        Ok(answers)
    }
}

/// `--answer HEADING=TEXT` values, each under its question of `template`.
pub(crate) fn answer_args(
    template: &Template,
    given: &[String],
) -> Result<Vec<(Question, String)>> {
    let mut answers = Vec::new();
    for given in given {
        let Some((heading, text)) = given.split_once('=') else {
            return Err(Error::usage(format!(
                "--answer \"{given}\" has no '=': write --answer \"HEADING=TEXT\""
            )));
        };
        let Some(question) = template.question_for(heading) else {
            let headings: Vec<&str> = template
                .questions
                .iter()
                .map(|q| q.heading.as_str())
                .collect();
            return Err(Error::usage(format!(
                "\"{}\" is not a question of the {} template: its headings are {}",
                heading.trim(),
                template.name,
                headings.join(", ")
            ))
            .hint("--template NAME chooses another template; `mpl reflect --list-templates` shows them all"));
        };
        answers.push((question.clone(), text.to_string()));
    }
    Ok(answers)
}

/// What is being written: a day's reflection, or a period's review.
#[derive(Debug, Clone, Copy)]
enum Target {
    Day(NaiveDate),
    Review(Span),
}

impl Target {
    fn kind(self) -> Kind {
        match self {
            Target::Day(_) => Kind::Reflection,
            Target::Review(_) => Kind::Review,
        }
    }

    fn id(self) -> String {
        match self {
            Target::Day(date) => date.format("%Y-%m-%d").to_string(),
            Target::Review(span) => span.id(),
        }
    }

    /// The entry's date: the day, or the last day of the period.
    fn date(self) -> NaiveDate {
        match self {
            Target::Day(date) => date,
            Target::Review(span) => span.date(),
        }
    }

    fn title(self) -> String {
        match self {
            Target::Day(date) => format!("Reflection on {}", long_date(date)),
            Target::Review(span) => format!("Review of {}", span.describe()),
        }
    }

    /// How a command names it: "the reflection on 30 November", "the review of …".
    fn named(self) -> String {
        match self {
            Target::Day(date) => format!("the reflection on {date}"),
            Target::Review(span) => format!("the review of {}", span.describe()),
        }
    }

    /// The flags that choose it again: `--date 2026-11-30`, `--week --date …`.
    fn flags(self) -> String {
        match self {
            Target::Day(date) => format!("--date {date}"),
            Target::Review(span) => format!("--{} --date {}", span.period, span.first),
        }
    }

    fn draft_name(self) -> String {
        match self {
            Target::Day(_) => format!("reflection-{}", self.id()),
            Target::Review(_) => format!("review-{}", self.id()),
        }
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
    if args.json && !(args.show || args.list_templates) {
        return Err(Error::usage("--json goes with --show or --list-templates"));
    }
    if args.list_templates {
        return list_templates(ctx, args.json);
    }
    if args.show {
        return show(ctx, args);
    }
    let tags = tags_arg(&args.tag)?;
    let (date, goals) = entry_target(ctx, args.date.as_deref(), &args.goal)?;
    let target = match args.period() {
        Some(period) => Target::Review(period.of(date)),
        None => Target::Day(date),
    };
    let template = choose_template(ctx, args, target)?;
    let source = source(ctx, args, &template)?;

    // Creates the journal if needed; the lock is let go at once and taken again to save,
    // so it is never held while a person types.
    let (journal, _) = ctx.journal_for_write()?;
    // Fail before asking anything if the day's file cannot be read.
    let existing = read_target(&journal, target, !matches!(source, Source::Editor))?.entry();

    let prompted = matches!(source, Source::Prompts);
    let sections = match source {
        Source::Answers(s) | Source::Piped(s) => s,
        Source::Editor => {
            return edit_target(ctx, &journal, target, &template, existing, &tags, &goals);
        }
        Source::Prompts => match prompt(
            ctx,
            &journal,
            target,
            &template,
            existing.is_some(),
            &again_command(ctx, &journal, args, target),
        )? {
            Some(sections) => sections,
            None => {
                ctx.status("every question skipped; nothing saved");
                return Ok(());
            }
        },
    };
    let highlight = {
        let mut entry = new_entry(ctx, target);
        entry.body = sections.render();
        Roles::record(&mut entry, &template, &sections);
        let reflection = crate::model::reflection::Reflection::of(&entry);
        [Role::WentWell, Role::Moments]
            .iter()
            .find_map(|role| reflection.answer(*role))
            .map(|text| crate::model::entry::title_from_text(&text, 100))
            .unwrap_or_default()
    };
    {
        let lock = ctx.lock(&journal)?;
        save(
            ctx, &journal, &lock, target, &template, sections, &tags, &goals,
        )?;
    }
    if prompted {
        // Only now are the answers safe in the journal.
        if let Ok(drafts) = journal.drafts_dir() {
            Draft::new(&drafts, &answers_draft_name(target)).discard();
        }
    }
    let Target::Day(date) = target else {
        return Ok(());
    };
    super::challenge::mention_open_tasks(ctx, &journal);
    // What follows the reflection (memories, intentions that are due, goals to choose
    // from) reads only what costs no passphrase: `mpl reflect` never asks for one.
    let _quiet = journal.keys.quietly();
    super::look_back::offer(ctx, &journal, date);
    if prompted {
        super::intentions::ask_due(ctx, &journal, date)?;
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

/// The template called `name`, from the journal (when there is one) or built in. One that
/// does not exist is an error naming those that do; one with a mistake is reported with its
/// line, and `fallback` is used instead.
pub(crate) fn named_template(
    ctx: &Ctx,
    journal: Option<&Journal>,
    name: &str,
    fallback: Template,
) -> Result<Template> {
    template::check_name(name).map_err(|message| {
        Error::usage(message).hint("`mpl reflect --list-templates` shows the templates there are")
    })?;
    let found = match journal {
        Some(journal) => journal.template(name),
        None => Ok(template::built_in(name)),
    };
    match found {
        Ok(Some(template)) => Ok(template),
        Ok(None) => {
            let names: Vec<String> = match journal {
                Some(journal) => journal.templates().into_iter().map(|l| l.name).collect(),
                None => template::BUILT_IN.iter().map(|s| s.to_string()).collect(),
            };
            Err(Error::usage(format!(
                "there is no template called \"{name}\": there are {}",
                names.join(", ")
            ))
            .hint("a template of your own is a file templates/NAME.toml in the journal; see docs/file-format.md"))
        }
        Err(problem) => {
            ctx.warn(&format!(
                "{problem}\n  asking the {} questions instead; fix the file and the template is used again",
                fallback.name
            ));
            Ok(fallback)
        }
    }
}

/// The command that asks the same questions again: `mpl reflect`, with the flags that
/// chose the day or period and the template.
fn again_command(ctx: &Ctx, journal: &Journal, args: &ReflectArgs, target: Target) -> String {
    let mut command = "mpl reflect".to_string();
    match target {
        Target::Day(date) if date == journal.today(ctx.now) => {}
        _ => {
            command.push(' ');
            command.push_str(&target.flags());
        }
    }
    if let Target::Review(span) = target
        && span.first <= journal.today(ctx.now)
        && span.last >= journal.today(ctx.now)
    {
        command = format!("mpl reflect --{}", span.period);
    }
    if let Some(name) = &args.template {
        command.push_str(&format!(" --template {name}"));
    }
    command
}

/// The questions to ask: `--template`, else for a review the `review` template, else the
/// journal's own (`[reflect]` in mpl.toml), else the six daily questions. A template with
/// a mistake is reported with its line, and the default questions are asked instead: a
/// mistake in a file never stops a reflection.
fn choose_template(ctx: &Ctx, args: &ReflectArgs, target: Target) -> Result<Template> {
    let journal = ctx.existing_journal()?;
    let fallback = match target {
        Target::Day(_) => template::daily(),
        Target::Review(_) => template::built_in(template::REVIEW).expect("built in"),
    };
    let practice = match &journal {
        Some(journal) => journal.practice().unwrap_or_else(|problem| {
            ctx.warn(&format!(
                "{problem}\n  [reflect] in mpl.toml is left aside until it is fixed; `mpl doctor` checks it"
            ));
            Default::default()
        }),
        None => Default::default(),
    };
    let chosen = match (&args.template, target) {
        // Asked for by name: a name that is no template's is a mistake on the command line.
        (Some(name), _) => named_template(ctx, journal.as_ref(), name, fallback)?,
        (None, Target::Day(_)) if practice.questions.is_some() => {
            practice.questions.expect("checked just above")
        }
        // Named in mpl.toml, or the default (which a templates/daily.toml or
        // templates/review.toml of the journal replaces): a mistake there is warned of,
        // and never stops a reflection.
        (None, _) => {
            let name = match target {
                Target::Day(_) => practice.template.as_deref().unwrap_or(template::DAILY),
                Target::Review(_) => template::REVIEW,
            };
            match named_template(ctx, journal.as_ref(), name, fallback.clone()) {
                Ok(template) => template,
                Err(err) => {
                    ctx.warn(&format!(
                        "mpl.toml: [reflect] template: {}\n  asking the {} questions instead",
                        err.message, fallback.name
                    ));
                    fallback
                }
            }
        }
    };
    // A review's prompts speak of its period; a day's of the day.
    Ok(match target {
        Target::Review(span) => chosen.for_period(span.period.as_str()),
        Target::Day(_) => chosen.for_period("day"),
    })
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
    let visibility = if public {
        Visibility::Public
    } else {
        Visibility::Private
    };
    let entry = super::evidence::new_entry(&tx, date, ctx.now, title, visibility, &impact, &goals);
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
fn source(ctx: &Ctx, args: &ReflectArgs, template: &Template) -> Result<Source> {
    let answers = args.answers(template)?;
    if !answers.is_empty() {
        let pairs: Vec<(&Question, String)> = answers.iter().map(|(q, a)| (q, a.clone())).collect();
        let sections = Sections::from_answers(&pairs);
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
        sections.canonicalize(template);
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

const ANSWER_HINT: &str = "answer with flags such as --went-well \"…\" or --answer \"HEADING=TEXT\", or pipe the text on standard input";

/// The day's reflection (or the period's review), as far as this machine can read it.
enum Day {
    Absent,
    Read(Box<Entry>),
    /// Encrypted, and not to be opened here without a passphrase, or at all: answers go
    /// in as a version of their own (see [`crate::store::Tx::add_version`]).
    Sealed,
}

impl Day {
    fn entry(self) -> Option<Entry> {
        match self {
            Day::Read(entry) => Some(*entry),
            Day::Absent | Day::Sealed => None,
        }
    }
}

/// The day's reflection (or the period's review). A file that cannot be parsed is an
/// error: it is never rewritten. With `sealed_ok`, an encrypted file that cannot be opened
/// without asking for a passphrase (or at all) is [`Day::Sealed`]; without, opening it may
/// ask for the passphrase, and no key is an error.
fn read_target(journal: &Journal, target: Target, sealed_ok: bool) -> Result<Day> {
    let path = journal.entry_path(target.kind(), &target.id());
    if !path.exists() {
        return Ok(Day::Absent);
    }
    let text = {
        let _quiet = sealed_ok.then(|| journal.keys.quietly());
        journal.read_text(&path)
    };
    let read = match text {
        Err(err) if sealed_ok && err.is_locked() => return Ok(Day::Sealed),
        Err(err) => Err(err.problem(journal.rel(&path).to_path_buf())),
        Ok(text) => journal.parse_entry(&path, &text),
    };
    read.map(|entry| Day::Read(Box::new(entry))).map_err(|problem| {
        if problem.message.starts_with(crate::store::LOCKED) && !problem.message.contains("damaged") {
            return Error::new(format!("{problem}; this machine cannot open it to edit")).hint(
                "bring this machine's key (`mpl encrypt status`, docs/encryption.md), or edit it on a machine that has one",
            );
        }
        Error::new(problem.to_string()).hint(format!(
            "fix it by hand or with `mpl edit {}`; mpl leaves the file as it is until it reads cleanly",
            target.id()
        ))
    })
}

fn answers_draft_name(target: Target) -> String {
    format!("{}-answers", target.draft_name())
}

fn new_entry(ctx: &Ctx, target: Target) -> Entry {
    Entry::new(
        target.kind(),
        target.id(),
        target.date(),
        ctx.now,
        target.title(),
    )
}

/// Saves new answers: a new file, or merged into the one on disk now. The caller holds
/// the lock.
#[allow(clippy::too_many_arguments)]
fn save(
    ctx: &Ctx,
    journal: &Journal,
    lock: &Lock,
    target: Target,
    template: &Template,
    sections: Sections,
    tags: &[String],
    goals: &[String],
) -> Result<()> {
    let (entry, verb) = match read_target(journal, target, true)? {
        Day::Read(entry) => {
            let mut entry = *entry;
            let before = entry.clone();
            let mut day = Sections::parse(&entry.body);
            Roles::record(&mut entry, template, &sections);
            day.merge(sections);
            entry.body = day.render();
            entry.add_labels(tags, goals);
            if Sections::parse(&entry.body) == Sections::parse(&before.body)
                && entry.tags == before.tags
                && entry.goals == before.goals
            {
                ctx.status(&format!(
                    "{} already says that; nothing changed",
                    target.named()
                ));
                return Ok(());
            }
            (entry, Verb::AddedTo)
        }
        day @ (Day::Absent | Day::Sealed) => {
            let mut entry = new_entry(ctx, target);
            Roles::record(&mut entry, template, &sections);
            entry.body = sections.render();
            entry.add_labels(tags, goals);
            // Encrypted beyond this machine's reach now: the answers go in as one more
            // version of the file, which needs only the recipients.
            let verb = if matches!(day, Day::Sealed) {
                Verb::AddedVersion
            } else {
                Verb::Saved
            };
            (entry, verb)
        }
    };
    let verb_in_log = match target {
        Target::Day(_) => "reflect",
        Target::Review(_) => "review",
    };
    let mut tx = journal.transaction(lock);
    let path = match verb {
        Verb::Saved => tx.create_entry(&entry)?,
        Verb::AddedTo => tx.update_entry(&entry)?,
        Verb::AddedVersion => tx.add_version(&entry)?,
    };
    let message = match verb {
        Verb::Saved => format!("{verb_in_log}: {}", entry.id),
        Verb::AddedTo | Verb::AddedVersion => format!("{verb_in_log}: add to {}", entry.id),
    };
    tx.finish(&message, ctx.now)?;
    let rel = journal.rel(&path).display();
    ctx.status(&match verb {
        Verb::Saved => format!("saved {rel}"),
        Verb::AddedTo => format!("added to {rel}"),
        Verb::AddedVersion => format!(
            "added to {rel} as a version of its own: it could not be opened without a key or a passphrase (`mpl reflect` never asks for one), and the next `mpl sync` that reads it merges the two"
        ),
    });
    Ok(())
}

/// What saving the answers did to the day's file.
#[derive(Clone, Copy)]
enum Verb {
    Saved,
    AddedTo,
    AddedVersion,
}

/// How many lines of a period's digest are shown before the questions of a review.
const CONTEXT_LINES: usize = 40;

/// A review's context: what the journal holds for the period so far, as Markdown.
fn review_context(ctx: &Ctx, journal: &Journal, span: Span) -> String {
    let today = journal.today(ctx.now);
    let until = span.last.min(today);
    super::review::digest(ctx, journal, span.first, until, today)
}

/// Asks the template's questions, keeping each answer in a draft as soon as it is given.
fn prompt(
    ctx: &Ctx,
    journal: &Journal,
    target: Target,
    template: &Template,
    adding: bool,
    again: &str,
) -> Result<Option<Sections>> {
    let draft = Draft::new(&journal.drafts_dir()?, &answers_draft_name(target));
    let resumed = draft.existing().map(|text| Sections::parse(&text));
    if resumed.is_some() {
        ctx.status(&format!(
            "continuing from unsaved answers in {}",
            draft.path.display()
        ));
    }
    let style = ctx.err_style;
    let what = match target {
        Target::Day(date) => format!("your reflection on {}", long_date(date)),
        Target::Review(span) => format!("your review of {}", span.describe()),
    };
    let heading = if adding {
        format!("Adding to {what}")
    } else {
        let mut title = target.title();
        if template.name != template::DAILY && matches!(target, Target::Day(_)) {
            title.push_str(&format!(" ({})", template.title));
        }
        title
    };
    if let Target::Review(span) = target {
        let context = review_context(ctx, journal, span);
        let lines: Vec<&str> = context.lines().collect();
        let mut shown = lines[..lines.len().min(CONTEXT_LINES)].join("\n");
        if lines.len() > CONTEXT_LINES {
            shown.push_str(&format!(
                "\n… {} more lines: `mpl review --since {} --until {}` shows them all",
                lines.len() - CONTEXT_LINES,
                span.first,
                span.last.min(journal.today(ctx.now))
            ));
        }
        crate::app::write_stderr(&format!("{}\n\n", style.dim(&shown)));
    }
    crate::app::write_stderr(&format!(
        "{}\n{}\n",
        style.bold(&heading),
        style.dim("Answer in a line or two; Enter skips a question. More room: mpl reflect --edit")
    ));
    let earlier = |q: &Question| -> String {
        resumed
            .as_ref()
            .and_then(|r| r.text_under(&q.heading))
            .unwrap_or("")
            .to_string()
    };
    // Answers a draft holds under headings these questions do not ask (it was written
    // with other questions): never dropped, they are kept in the draft and saved with the
    // new answers.
    let others = resumed
        .as_ref()
        .map(|r| r.not_asked_by(template))
        .unwrap_or_default();
    if !others.headings().is_empty() {
        ctx.status(&format!(
            "the draft also holds answers to other questions ({}); they are saved with these",
            others.headings().join(", ")
        ));
    }
    let with_others = |mut sections: Sections| -> Sections {
        sections.merge(others.clone());
        sections
    };
    let mut answers: Vec<(&Question, String)> = Vec::new();
    for question in &template.questions {
        let initial = earlier(question);
        let stopped = match crate::prompt::ask_keeping(&question.prompt, &initial, style.enabled)? {
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
        let kept: Vec<(&Question, String)> = template
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| match answers.get(i) {
                Some((_, answer)) => (q, answer.clone()),
                None => (q, earlier(q)),
            })
            .collect();
        let sections = with_others(Sections::from_answers(&kept));
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
            .hint(format!(
                "`{again}` asks again with them filled in; Ctrl-U clears one"
            )));
        }
    }
    let sections = with_others(Sections::from_answers(&answers));
    if sections.is_empty() {
        draft.discard();
        return Ok(None);
    }
    Ok(Some(sections))
}

/// `--edit`: the whole file (front matter included) in the editor.
fn edit_target(
    ctx: &Ctx,
    journal: &Journal,
    target: Target,
    template: &Template,
    existing: Option<Entry>,
    tags: &[String],
    goals: &[String],
) -> Result<()> {
    let path = journal.entry_path(target.kind(), &target.id());
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
    let draft = Draft::new(&journal.drafts_dir()?, &target.draft_name());
    // A review opens with the period's digest above its questions, as a comment that is
    // not saved.
    let notes: Vec<String> = match target {
        Target::Review(span) => vec![format!(
            "<!-- mpl: what the journal holds for {}, to help you write; it is not saved.\n\n{}\n-->\n\n",
            span.describe(),
            review_context(ctx, journal, span)
                .replace("-->", "- ->")
                .trim()
        )],
        Target::Day(_) => Vec::new(),
    };
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
            let mut entry = new_entry(ctx, target);
            // A draft of this new day keeps the time it was begun, so it can be resumed.
            if let Some(begun) = draft
                .base()
                .and_then(|base: String| frontmatter::parse(&base, &entry.id).ok())
                .filter(|base| base.kind == target.kind() && base.date == target.date())
            {
                entry.created = begun.created;
            }
            entry.body = format!("{}{}", notes.concat(), edit_template(template));
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
            "your text is kept at {}; run `mpl reflect {} --edit` again to continue from it",
            draft.path.display(),
            target.flags()
        )
    };
    let edited = frontmatter::parse(&text, &target.id()).map_err(|err| {
        Error::new(format!(
            "the edited file is invalid, so nothing was saved: {}:{}: {}",
            draft.path.display(),
            err.line,
            err.message
        ))
        .hint(kept())
    })?;
    if edited.kind != target.kind() || edited.date != target.date() {
        return Err(Error::new(format!(
            "the edited file must stay a {} dated {} (kind = \"{}\", date = {}); nothing was saved",
            target.kind(),
            target.date(),
            target.kind(),
            target.date()
        ))
        .hint(kept()));
    }
    // The template's prompts go, and so do questions left unanswered; the front matter is
    // saved exactly as written, with the roles of the answers added for a new file.
    let body = tidy_template(&edited.body, template, &notes);
    let sections = Sections::parse(&body);
    if sections.is_empty() {
        draft.discard();
        ctx.status("nothing was written; nothing saved");
        return Ok(());
    }
    let mut text = frontmatter::in_style_of(
        &text,
        &frontmatter::with_body(&text, &body).expect("parsed above"),
    );
    if on_disk.is_none() {
        let tidied = Entry {
            body: body.clone(),
            ..edited
        };
        let mut with_roles = tidied.clone();
        Roles::record(&mut with_roles, template, &sections);
        if with_roles.extra != tidied.extra
            && let Some(updated) = frontmatter::render_edit(&text, &tidied, &with_roles)
        {
            text = updated;
        }
    }
    let lock = ctx.lock(journal)?;
    // The file must still be as the editor was given it (or still not there): the
    // transaction checks it.
    let mut tx = journal.transaction(&lock);
    let staged = match &on_disk {
        Some(was) => {
            tx.update_edited(&path, text.into_bytes(), was);
            Ok(())
        }
        None => tx.create(&path, text.into_bytes()),
    };
    let verb_in_log = match target {
        Target::Day(_) => "reflect",
        Target::Review(_) => "review",
    };
    staged
        .and_then(|()| tx.finish(&format!("{verb_in_log}: edit {}", target.id()), ctx.now))
    .map_err(|err| {
        err.hint(format!(
            "your text is kept at {}: copy what you need from it into the next `mpl reflect {} --edit`, which opens the current text",
            draft.path.display(),
            target.flags()
        ))
    })?;
    draft.discard();
    ctx.status(&format!("saved {}", journal.rel(&path).display()));
    Ok(())
}

/// `--show`: print the day's reflection or the period's review.
fn show(ctx: &Ctx, args: &ReflectArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let date = match &args.date {
        Some(text) => date_arg("--date", text, today)?,
        None => today,
    };
    let target = match args.period() {
        Some(period) => Target::Review(period.of(date)),
        None => Target::Day(date),
    };
    let path = journal.entry_path(target.kind(), &target.id());
    if !path.exists() {
        let (write, list) = match target {
            Target::Day(_) if date == today => ("`mpl reflect`".to_string(), "reflection"),
            Target::Day(_) => (format!("`mpl reflect --date {date}`"), "reflection"),
            Target::Review(span) => (
                format!("`mpl reflect {}`", Target::Review(span).flags()),
                "review",
            ),
        };
        let missing = match target {
            Target::Day(date) => format!("there is no reflection for {}", long_date(date)),
            Target::Review(span) => format!("there is no review of {}", span.describe()),
        };
        return Err(Error::new(missing).hint(format!(
            "{write} writes one; `mpl log --kind {list}` lists those there are"
        )));
    }
    let entry = journal.read_entry(&path)?;
    if args.json {
        ctx.print_json(&render::json::entry(&entry, journal.rel(&path)))
    } else {
        ctx.print(&crate::ui::entry::text(&entry, ctx.out_style))
    }
}

/// `--list-templates`: the templates there are, with their questions.
fn list_templates(ctx: &Ctx, json: bool) -> Result<()> {
    use crate::store::templates::Origin;
    let journal = ctx.existing_journal()?;
    let listed: Vec<crate::store::templates::Listed> = match &journal {
        Some(journal) => journal.templates(),
        None => template::BUILT_IN
            .iter()
            .map(|name| crate::store::templates::Listed {
                name: name.to_string(),
                origin: Origin::BuiltIn,
                template: Ok(template::built_in(name).expect("built in")),
            })
            .collect(),
    };
    let practice = journal.as_ref().map(|j| j.practice());
    let daily = match &practice {
        Some(Ok(p)) if p.questions.is_some() => "mpl.toml".to_string(),
        Some(Ok(p)) => p.template.clone().unwrap_or(template::DAILY.into()),
        _ => template::DAILY.into(),
    };
    if json {
        let mut items: Vec<serde_json::Value> = Vec::new();
        match &practice {
            Some(Ok(p)) => {
                if let Some(own) = &p.questions {
                    items.push(render::json::template(own, "mpl.toml", true, None));
                }
            }
            Some(Err(problem)) => items.push(serde_json::json!({
                "name": "mpl.toml",
                "origin": "[reflect] in mpl.toml",
                "error": problem.to_string(),
            })),
            None => {}
        }
        for l in &listed {
            let origin = match &l.origin {
                Origin::BuiltIn => "built-in".to_string(),
                Origin::File(path) => path.display().to_string(),
            };
            match &l.template {
                Ok(t) => items.push(render::json::template(t, &origin, daily == l.name, None)),
                Err(problem) => items.push(serde_json::json!({
                    "name": l.name,
                    "origin": origin,
                    "error": problem.to_string(),
                })),
            }
        }
        return ctx.print_json(&serde_json::Value::Array(items));
    }
    let style = ctx.out_style;
    let mut out = String::new();
    let mut block = |name: &str, origin: &str, t: &Template| {
        let chosen = if daily == name {
            "  (your daily questions)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}  {}  {}{}\n",
            style.bold(name),
            t.title,
            style.dim(origin),
            chosen
        ));
        for q in &t.questions {
            let role = q.role.map(|r| format!("  [{r}]")).unwrap_or_default();
            out.push_str(&format!("  ## {}{}\n", q.heading, style.dim(&role)));
        }
        out.push('\n');
    };
    if let Some(Ok(p)) = &practice
        && let Some(own) = &p.questions
    {
        block("mpl.toml", "[reflect] in mpl.toml", own);
    }
    let mut problems = Vec::new();
    for l in &listed {
        let origin = match &l.origin {
            Origin::BuiltIn => "built in".to_string(),
            Origin::File(path) => path.display().to_string(),
        };
        match &l.template {
            Ok(t) => block(&l.name, &origin, t),
            Err(problem) => problems.push(problem.to_string()),
        }
    }
    if let Some(Err(problem)) = &practice {
        problems.push(problem.to_string());
    }
    out.push_str("mpl reflect --template NAME asks a template's questions; [reflect] template = \"NAME\" in mpl.toml makes them your daily ones.\n");
    ctx.print(&out)?;
    for problem in problems {
        ctx.warn(&format!(
            "{problem}\n  this template is left aside until it is fixed"
        ));
    }
    Ok(())
}
