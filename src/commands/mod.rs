//! One module per subcommand: its arguments (`XArgs`, whose doc comments are the help) and
//! `run(&Ctx, &XArgs)`. Commands orchestrate `store`, `git` and `render`; the checks they
//! share live here.

pub(crate) mod challenge;
pub(crate) mod clone;
pub(crate) mod competencies;
pub(crate) mod completions;
pub(crate) mod cpd;
pub(crate) mod doctor;
pub(crate) mod edit;
pub(crate) mod encrypt;
pub(crate) mod evidence;
pub(crate) mod export;
pub(crate) mod feedback;
pub(crate) mod goal;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod intentions;
pub(crate) mod key_results;
pub(crate) mod learn;
pub(crate) mod log;
pub(crate) mod look_back;
pub(crate) mod man;
pub(crate) mod network;
pub(crate) mod nudge;
pub(crate) mod profile;
pub(crate) mod recall;
pub(crate) mod reflect;
pub(crate) mod remote;
pub(crate) mod review;
pub(crate) mod search;
pub(crate) mod share;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod sync;
pub(crate) mod toolkit;
pub(crate) mod verify;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::model::date::{DATE_FORMS, logical_day, parse_date};
use crate::model::entry::normalize_tag;
use crate::model::{Entry, Kind, Settings};
use crate::store::Journal;
use crate::store::scan::Query;
use chrono::NaiveDate;

/// A text flag's value. Text may start with `-` (a Markdown list: `--next "- Ship it"`),
/// but a value that is exactly a flag's shape (`--private`, `-q`) is refused: it is the
/// next flag, taken as the value of one given none (`--note "$EMPTY" --private`), which
/// would otherwise turn a flag into text without a word.
pub(crate) fn text_value(text: &str) -> std::result::Result<String, String> {
    let flag = text.strip_prefix("--").or_else(|| text.strip_prefix('-'));
    if let Some(name) = flag
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(format!(
            "\"{text}\" is a flag, not text: the value is missing before it (give the text, or leave the flag out)"
        ));
    }
    Ok(text.to_string())
}

/// `--hours` and `--cpd`, checked against the journal's scheme when there is a journal.
pub(crate) fn cpd_value(
    ctx: &Ctx,
    args: &cpd::CpdArgs,
    date: NaiveDate,
) -> Result<Option<crate::model::cpd::Cpd>> {
    let journal = ctx.existing_journal()?;
    args.checked(journal.as_ref(), date)
}

/// Parses a date argument (`--date`, `--since`, …); a bad one is a usage error.
pub(crate) fn date_arg(flag: &str, text: &str, today: NaiveDate) -> Result<NaiveDate> {
    parse_date(text, today).map_err(|msg| Error::usage(format!("{flag}: {msg}")).hint(DATE_FORMS))
}

/// `--date`: today when not given, and never a day in the future.
pub(crate) fn past_date(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    let Some(text) = text else {
        return Ok(today);
    };
    let date = date_arg("--date", text, today)?;
    if date > today {
        return Err(Error::usage(format!(
            "--date {date} is in the future (today is {today})"
        )));
    }
    Ok(date)
}

/// Checks `--date` (not in the future) and `--goal` for a new entry against the journal as
/// it is, before anything is written, so that a usage error never creates a journal.
pub(crate) fn entry_target(
    ctx: &Ctx,
    date: Option<&str>,
    goals: &[String],
) -> Result<(NaiveDate, Vec<String>)> {
    let journal = ctx.existing_journal()?;
    let today = match &journal {
        Some(journal) => journal.today(ctx.now),
        None => logical_day(ctx.now, Settings::new("", "").day_starts_at),
    };
    let date = past_date(date, today)?;
    Ok((date, goals_arg(journal.as_ref(), goals)?))
}

/// Today in the journal's terms (its `day_starts_at`), or by the default settings when
/// the journal does not exist yet.
pub(crate) fn today(ctx: &Ctx) -> Result<NaiveDate> {
    Ok(match ctx.existing_journal()? {
        Some(journal) => journal.today(ctx.now),
        None => logical_day(ctx.now, Settings::new("", "").day_starts_at),
    })
}

/// `--since` and `--until`, checked to be in order.
pub(crate) fn period(
    since: Option<&str>,
    until: Option<&str>,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let since = since.map(|d| date_arg("--since", d, today)).transpose()?;
    let until = until.map(|d| date_arg("--until", d, today)).transpose()?;
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(Error::usage(format!(
            "--since {since} is after --until {until}"
        )));
    }
    Ok((since, until))
}

/// The text of a new entry: the words given, else standard input when piped, else a prompt
/// on a terminal. `missing` is the error when none may be had, `empty` when it is blank.
pub(crate) fn entry_text(
    ctx: &Ctx,
    words: &[String],
    prompt: &str,
    missing: Error,
    empty: Error,
) -> Result<String> {
    let text = if !words.is_empty() {
        let mut text = words.join(" ");
        // Text piped in beside the words is the body under them.
        if let Some(body) = piped_body(ctx)? {
            text.push_str("\n\n");
            text.push_str(&body);
        }
        text
    } else if !ctx.stdin_is_terminal {
        crate::input::read_stdin()?
    } else if ctx.can_prompt() {
        crate::prompt::ask(prompt, "", ctx.err_style.enabled)?
    } else {
        return Err(missing);
    };
    let text = crate::model::reflection::trim_blank_lines(&text);
    if text.is_empty() {
        return Err(empty);
    }
    Ok(text.to_string())
}

/// A body piped in beside a command's words (`echo "what it was" | mpl learn "Title"`). A
/// pipe that sends nothing within a second is left unread, and that is said.
pub(crate) fn piped_body(ctx: &Ctx) -> Result<Option<String>> {
    use crate::input::Piped;
    match crate::input::piped(ctx.stdin_is_terminal)? {
        Piped::Text(text) => Ok(Some(
            crate::model::reflection::trim_blank_lines(&text).to_string(),
        )),
        Piped::Nothing => Ok(None),
        Piped::Silent => {
            ctx.status(&ctx.err_style.dim(
                "standard input sent nothing within a second, so it was not read; `mpl edit` adds a body later",
            ));
            Ok(None)
        }
    }
}

/// The filters `log` and `search` share.
#[derive(Debug, clap::Args)]
pub(crate) struct Filters {
    /// Only this kind: reflection, learned, evidence, goal, feedback, network, toolkit, review (repeatable)
    #[arg(long = "kind", value_name = "KIND", value_parser = kind_arg)]
    pub kind: Vec<Kind>,
    /// Only entries on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only entries on or before this date
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only entries with this tag
    #[arg(long, value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub tag: Option<String>,
    /// Only entries linked to this goal
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goal: Option<String>,
    /// Show at most N entries
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
}

impl Filters {
    /// The query these flags ask for, dates read in the journal's terms and the goal id
    /// resolved (a prefix is enough).
    pub(crate) fn query(
        &self,
        journal: &Journal,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Query> {
        let today = journal.today(now);
        let (since, until) = period(self.since.as_deref(), self.until.as_deref(), today)?;
        Ok(Query {
            kinds: self.kind.clone(),
            since,
            until,
            tag: self
                .tag
                .as_deref()
                .map(|t| t.trim_start_matches('#').to_lowercase()),
            goal: self
                .goal
                .as_deref()
                .map(|g| goal_id(journal, g).map_err(|e| e.prefix("--goal: ")))
                .transpose()?,
            limit: self.limit,
        })
    }
}

/// Normalised `--tag` values.
pub(crate) fn tags_arg(tags: &[String]) -> Result<Vec<String>> {
    tags_flag("--tag", tags)
}

/// Normalised tags given with `flag`.
pub(crate) fn tags_flag(flag: &str, tags: &[String]) -> Result<Vec<String>> {
    tags.iter()
        .map(|t| normalize_tag(t).map_err(|msg| Error::usage(format!("{flag}: {msg}"))))
        .collect()
}

/// `--goal` ids, each of which must name a goal in the journal (`None`: not created yet),
/// by its id or a unique prefix of it. Returns the full ids.
fn goals_arg(journal: Option<&Journal>, goals: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for goal in goals {
        let id = match journal {
            Some(journal) => goal_id(journal, goal).map_err(|err| err.prefix("--goal: "))?,
            None => {
                return Err(
                    Error::new(format!("--goal: there is no goal \"{}\"", goal.trim()))
                        .hint("the journal has no goals yet; `mpl goal add TITLE` sets one"),
                );
            }
        };
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The full id of the goal `text` names (an id or a unique prefix).
pub(crate) fn goal_id(journal: &Journal, text: &str) -> Result<String> {
    let path = journal.find_goal(text)?;
    Ok(path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default())
}

/// Prints entries as the JSON array every listing command's `--json` gives.
pub(crate) fn print_entries_json(
    ctx: &Ctx,
    journal: &Journal,
    entries: &[crate::store::scan::Found],
) -> Result<()> {
    let list: Vec<_> = entries
        .iter()
        .map(|f| crate::render::json::entry(&f.entry, journal.rel(&f.path)))
        .collect();
    ctx.print_json(&serde_json::Value::Array(list))
}

/// `--kind` values.
pub(crate) fn kind_arg(text: &str) -> std::result::Result<Kind, String> {
    Kind::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind \"{text}\"; use one of: {}", names.join(", "))
    })
}

/// How to point mpl at the journal at `root`: "--journal PATH, MPL_JOURNAL=PATH, or journal
/// = "PATH" in CONFIG", each quoted as where it is typed (the shell, TOML).
pub(crate) fn use_journal(root: &std::path::Path) -> String {
    let config = crate::config::config_path()
        .map_or("mpl's config.toml".to_string(), |p| p.display().to_string());
    let shell = crate::render::terminal::shell_path(root);
    let toml = toml::Value::String(root.to_string_lossy().into_owned());
    format!("--journal {shell}, MPL_JOURNAL={shell}, or journal = {toml} in {config}")
}

/// "learn: Title", shortened for a commit summary line.
pub(crate) fn commit_message(action: &str, entry: &Entry) -> String {
    let title = crate::model::entry::title_from_text(&entry.title, 60);
    if title.is_empty() {
        format!("{action}: {}", entry.id)
    } else {
        format!("{action}: {title}")
    }
}
