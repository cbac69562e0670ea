//! `mpl export`: the portfolio, as a static website, JSON, JSON Resume or Markdown.
//!
//! Safety: only public entries go out unless `--include-private`; attachments are read only
//! from inside the journal's `attachments/` folder and written under names built from safe
//! parts; a site is built in a temporary folder beside `--out` and moved into place in one
//! rename, and an existing folder is only ever replaced (with `--force`) when mpl wrote it.

use super::{goals_arg, period, tags_flag};
use crate::app::Ctx;
use crate::error::{Error, IoResultExt, Result};
use crate::model::Kind;
use crate::model::portfolio::{GoalStates, Options, Portfolio};
use crate::model::text::human_size;
use crate::render::export::{self, attachment_path};
use crate::render::terminal::visible;
use crate::store::profile::ProfileEdit;
use crate::store::scan::Query;
use crate::store::{Journal, Problem, fs};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a portfolio `mpl export` wrote, so `--force` may replace it.
use mpl_core::site::{self, MARKER};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A static website: index.html and files/, opens from disk
    Html,
    /// One JSON document (described in docs/export.md)
    Json,
    /// A JSON Resume document (jsonresume.org), for resume themes and tools
    Jsonresume,
    /// One Markdown file
    Markdown,
    /// A CV of two to four pages, printed by a Chromium-family browser on this machine
    Pdf,
    /// The CPD audit pack of the scheme's period that holds --until: record.csv, summary.md and each entry's reflection (see `mpl cpd`)
    Cpd,
}

/// `--paper`: the paper a PDF is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PaperArg {
    A4,
    Letter,
}

/// `--goals`: which goals a portfolio shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum GoalsArg {
    /// Achieved goals only
    Achieved,
    /// Active goals only
    Active,
    /// Achieved, active and paused goals
    All,
    /// No goals
    None,
}

/// Export your portfolio: a website, JSON, JSON Resume, Markdown or a PDF (or the CPD pack)
///
/// Goals with their status, measure and progress; evidence with its impact, links and
/// attachments; what you learned, by year and topic; finished challenges; feedback; your
/// toolkit. Only public entries and their attachments go out unless --include-private;
/// reflections and network contacts never do. Try --dry-run first: it lists exactly what
/// would go out.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Where: a folder for html [default: ./portfolio]; a file for pdf [default:
    /// ./portfolio.pdf]; a file for the others [default: standard output]
    #[arg(long, short = 'o', value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Only entries from this day on
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only entries up to this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this goal and what is linked to it (repeat for more)
    #[arg(long = "goal", value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::complete::goal_ids))]
    pub goals: Vec<String>,
    /// Leave out entries with this tag (repeat for more)
    #[arg(long = "exclude-tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(crate::complete::tags))]
    pub exclude_tags: Vec<String>,
    /// The paper of a PDF
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Which goals go out, by status [default: achieved and active]
    #[arg(long = "goals", value_enum, value_name = "WHICH")]
    pub goal_states: Option<GoalsArg>,
    /// Goals go out with their progress log (status notes, pauses), not only as stories
    #[arg(long)]
    pub goal_notes: bool,
    /// Include private and team entries too
    #[arg(long)]
    pub include_private: bool,
    /// List what would go out, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Replace what an earlier export wrote at --out
    #[arg(long)]
    pub force: bool,
    /// Sign the website with your ssh key, so anyone can check that no file changed
    /// (SHA256SUMS, its signature, and `mpl verify` or ssh-keygen to check them)
    #[arg(long)]
    pub sign: bool,
    /// The ssh key to sign with [default: git's user.signingkey, else ~/.ssh/id_ed25519,
    /// id_ecdsa or id_rsa]; KEY.pub signs with a key held by ssh-agent
    #[arg(long, value_name = "PATH", requires = "sign")]
    pub key: Option<PathBuf>,
}

/// Where the export goes: a folder or file as the user named it (for messages) and as it
/// resolved on the file system (where it is written), or standard output.
enum Target {
    Folder(PathBuf, PathBuf),
    File(PathBuf, PathBuf),
    Stdout,
}

pub(crate) fn run(ctx: &Ctx, args: &ExportArgs) -> Result<()> {
    if args.format == Format::Cpd {
        // The pack is the scheme's period, whole: the portfolio's choices do not apply.
        let ignored = [
            (args.since.is_some(), "--since"),
            (!args.goals.is_empty(), "--goal"),
            (!args.exclude_tags.is_empty(), "--exclude-tag"),
            (args.goal_states.is_some(), "--goals"),
            (args.goal_notes, "--goal-notes"),
            (args.sign, "--sign"),
        ];
        if let Some((_, flag)) = ignored.iter().find(|(given, _)| *given) {
            return Err(Error::usage(format!(
                "{flag} does not go with --format cpd: the pack holds the scheme's whole period"
            ))
            .hint("--until DATE chooses the period that holds DATE"));
        }
        let how = super::cpd::Pack {
            force: args.force,
            include_private: args.include_private,
            dry_run: args.dry_run,
        };
        return super::cpd::export(ctx, args.out.as_deref(), args.until.as_deref(), how);
    }
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    // A portfolio cannot hold what has not happened yet: a later --until means today.
    let until = until.map_or(today, |until| until.min(today));
    if let Some(since) = since
        && since > until
    {
        let end = if until == today {
            format!("today ({today})")
        } else {
            format!("--until {until}")
        };
        return Err(Error::usage(format!("--since {since} is after {end}")));
    }
    let goals = goals_arg(Some(&journal), &args.goals)?;
    let exclude_tags = tags_flag("--exclude-tag", &args.exclude_tags)?;
    let options = Options {
        since,
        until,
        goals,
        exclude_tags,
        include_private: args.include_private,
        goal_states: match args.goal_states {
            None => GoalStates::AchievedAndActive,
            Some(GoalsArg::Achieved) => GoalStates::Achieved,
            Some(GoalsArg::Active) => GoalStates::Active,
            Some(GoalsArg::All) => GoalStates::All,
            Some(GoalsArg::None) => GoalStates::None,
        },
        goal_notes: args.goal_notes,
    };
    let target = target(&journal, args)?;
    if args.sign && args.format != Format::Html {
        return Err(Error::usage("--sign signs a website export (--format html)")
            .hint("for one file, sign it yourself: ssh-keygen -Y sign -n mpl-portfolio -f ~/.ssh/id_ed25519 FILE"));
    }
    // What the export needs from this machine is found before anything is asked or
    // written: the browser that prints a PDF, the key that signs.
    let browser = match args.format {
        Format::Pdf if !args.dry_run => Some(export::pdf::find_browser()?),
        _ => None,
    };
    let signer = match args.sign && !args.dry_run {
        true => Some(mpl_core::sign::Signer::find(args.key.as_deref())?),
        false => None,
    };
    if !args.dry_run {
        complete_profile(ctx, &journal)?;
    }

    let reading = ctx.progress(0, "reading the journal");
    let (mut portfolio, problems, paths) = build(ctx, &journal, &options);
    reading.finish_and_clear();
    ctx.warn_problems(&problems);
    // An attachment that cannot be read safely stays out, with a warning, everywhere.
    let mut sources: HashMap<String, PathBuf> = HashMap::new();
    for item in &mut portfolio.evidence {
        item.attachments
            .retain(|attachment| match journal.attachment_source(attachment) {
                Ok(path) => {
                    sources.insert(attachment.file.clone(), path);
                    true
                }
                Err(why) => {
                    ctx.warn(&format!(
                        "attachment \"{}\" of {} left out: {why}",
                        attachment.name, item.entry.id
                    ));
                    false
                }
            });
    }

    if args.dry_run {
        return ctx.print(&dry_run(&journal, &portfolio, args.format, &target));
    }
    let text = match args.format {
        Format::Html | Format::Pdf | Format::Cpd => None,
        Format::Json => Some(crate::render::json::pretty(&export::json::document(
            &portfolio,
        ))),
        Format::Jsonresume => Some(crate::render::json::pretty(&export::jsonresume::document(
            &portfolio,
        ))),
        // A Markdown file is read in terminals too: its control characters show as text.
        Format::Markdown => {
            Some(visible(&export::markdown::document(&portfolio)).into_owned() + "\n")
        }
    };
    let entries = portfolio.entries().count();
    if let (Some(browser), Target::File(path, real)) = (&browser, &target) {
        let paper = match args.paper {
            PaperArg::A4 => export::pdf::Paper::A4,
            PaperArg::Letter => export::pdf::Paper::Letter,
        };
        let printing = ctx.progress(0, "printing the PDF");
        let printed = export::pdf::write(&portfolio, paper, browser, real, args.force);
        printing.finish_and_clear();
        printed?;
        ctx.status(&format!(
            "wrote {} ({entries} entr{}, printed by {})",
            path.display(),
            if entries == 1 { "y" } else { "ies" },
            browser.display()
        ));
        return Ok(());
    }
    match (target, text) {
        (Target::Stdout, Some(text)) => ctx.print(&text),
        (Target::File(path, real), Some(text)) => {
            fs::write_atomic(&real, text.as_bytes(), args.force)
                .map_err(|e| e.hint("add --force to replace it, or choose another --out"))?;
            ctx.status(&format!(
                "wrote {} with {entries} entr{}",
                path.display(),
                if entries == 1 { "y" } else { "ies" }
            ));
            Ok(())
        }
        (Target::Folder(path, real), _) => {
            let bar = ctx.progress(
                portfolio.attachments().len() as u64 + 1,
                "writing the portfolio",
            );
            let progress = crate::ui::progress::CountBar(bar);
            let signing = match signer {
                None => None,
                Some(signer) => Some(signing(ctx, &journal, &portfolio, &paths, signer)?),
            };
            let files = site::write(
                &journal,
                &portfolio,
                &sources,
                &real,
                signing.as_ref(),
                &progress,
            )?;
            if let Some(signing) = &signing {
                ctx.status(&format!(
                    "signed as {} with {} ({}); `mpl verify {}` checks it",
                    signing.signer.identity,
                    signing.signer.key.display(),
                    signing.signer.fingerprint.clone(),
                    crate::render::terminal::shell_path(&path)
                ));
            }
            ctx.status(&format!(
                "wrote a portfolio of {entries} entr{} and {files} file{} to {}; open {} in a browser",
                if entries == 1 { "y" } else { "ies" },
                if files == 1 { "" } else { "s" },
                path.display(),
                path.join("index.html").display()
            ));
            Ok(())
        }
        (_, None) => unreachable!("html always goes to a folder"),
    }
}

/// A portfolio is headed by a name and a headline: without them, asked for on a terminal
/// (and kept in the profile), else said.
fn complete_profile(ctx: &Ctx, journal: &Journal) -> Result<()> {
    let Ok(profile) = journal.profile() else {
        // A profile that does not read is warned about with the other problems.
        return Ok(());
    };
    let missing: Vec<&str> = [("name", &profile.name), ("headline", &profile.headline)]
        .iter()
        .filter(|(_, value)| value.is_empty())
        .map(|(field, _)| *field)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !ctx.can_prompt() || journal.profile_asked() {
        ctx.warn(&format!(
            "the portfolio has no {}: `mpl profile --name NAME --headline TEXT` sets {}",
            missing.join(" and no "),
            if missing.len() == 1 { "it" } else { "them" }
        ));
        return Ok(());
    }
    ctx.status("your portfolio opens with your name and a headline; they are kept in your profile (`mpl profile`)");
    let color = ctx.err_style.enabled;
    let mut edits = Vec::new();
    if profile.name.is_empty() {
        let name = crate::prompt::ask("Your name", "", color)?;
        if !name.trim().is_empty() {
            edits.push(ProfileEdit::Name(name.trim().to_string()));
        }
    }
    if profile.headline.is_empty() {
        let headline =
            crate::prompt::ask("A headline, what you do in a line (Enter skips)", "", color)?;
        if !headline.trim().is_empty() {
            edits.push(ProfileEdit::Headline(headline.trim().to_string()));
        }
    }
    journal.mark_profile_asked();
    if !edits.is_empty() {
        let lock = ctx.lock(journal)?;
        journal.edit_profile(&lock, &edits, ctx.now)?;
    }
    Ok(())
}

/// Who signs the site, and the `SOURCES` of what is in it.
fn signing(
    ctx: &Ctx,
    journal: &Journal,
    portfolio: &Portfolio,
    paths: &HashMap<String, PathBuf>,
    signer: mpl_core::sign::Signer,
) -> Result<site::Signing> {
    // The signature names an address only when the portfolio shows it anyway.
    let profile = &portfolio.profile;
    let identity = if profile.email.is_empty() {
        profile.name.clone()
    } else {
        profile.email.clone()
    };
    let signer = signer.named(&identity);
    let files: Vec<PathBuf> = portfolio
        .entries()
        .filter_map(|entry| paths.get(&entry.id).cloned())
        .collect();
    Ok(site::Signing {
        signer,
        sources: mpl_core::sign::sources(journal, &files)?,
        prompts: ctx.can_prompt(),
    })
}

/// Reads what can go out and builds the portfolio, with the files that could not be read
/// and the file of each entry.
fn build(
    ctx: &Ctx,
    journal: &Journal,
    options: &Options,
) -> (Portfolio, Vec<Problem>, HashMap<String, PathBuf>) {
    let mut listing = journal.list(&Query {
        kinds: vec![
            Kind::Goal,
            Kind::Evidence,
            Kind::Learned,
            Kind::Feedback,
            Kind::Toolkit,
        ],
        ..Query::default()
    });
    let mut problems = std::mem::take(&mut listing.problems);
    // An encrypted entry this machine cannot read is left out; asked for, it is named.
    let (sealed, readable): (Vec<_>, Vec<_>) = listing
        .entries
        .into_iter()
        .partition(|f| f.entry.is_sealed());
    listing.entries = readable;
    if options.include_private {
        problems.extend(sealed.iter().map(|f| Problem {
            hint: None,
            path: journal.rel(&f.path).to_path_buf(),
            line: None,
            message: format!(
                "{}this machine cannot read it, so it is left out",
                crate::store::LOCKED
            ),
        }));
    }
    let paths: HashMap<String, PathBuf> = listing
        .entries
        .iter()
        .map(|f| (f.entry.id.clone(), f.path.clone()))
        .collect();
    let (runs, run_problems) = journal.runs();
    problems.extend(run_problems);
    let runs: Vec<_> = runs.into_iter().map(|(run, _)| run).collect();
    let profile = journal.profile().unwrap_or_else(|problem| {
        problems.push(problem.clone());
        crate::model::profile::Profile {
            name: journal.settings.name.clone(),
            headline: journal.settings.headline.clone(),
            ..Default::default()
        }
    });
    let mut bad = Vec::new();
    let mut portfolio = Portfolio::build(
        &profile,
        ctx.now,
        options,
        listing.entries.into_iter().map(|f| f.entry).collect(),
        &runs,
        |entry, err| {
            if let Some(path) = paths.get(&entry.id) {
                bad.push(journal.field_problem(path, &err));
            }
        },
    );
    problems.extend(bad);
    let (frameworks, framework_problems) = journal.frameworks();
    problems.extend(framework_problems);
    portfolio.frameworks = frameworks;
    (portfolio, problems, paths)
}

/// Checks `--out` before anything is read: never inside the journal, never over files mpl
/// did not write.
fn target(journal: &Journal, args: &ExportArgs) -> Result<Target> {
    let path = match (&args.out, args.format) {
        (None, Format::Html) => PathBuf::from("portfolio"),
        (None, Format::Pdf) => PathBuf::from("portfolio.pdf"),
        (Some(path), Format::Pdf) if path.as_os_str() == "-" => {
            return Err(Error::usage("--out -: a PDF is written to a file")
                .hint("give a file name with --out, such as cv.pdf"));
        }
        (None, _) => return Ok(Target::Stdout),
        (Some(path), Format::Html) if path.as_os_str() == "-" => {
            return Err(Error::usage(
                "--out -: an html portfolio is a folder and cannot go to standard output",
            )
            .hint("give a folder with --out, or choose --format json, jsonresume or markdown"));
        }
        (Some(path), _) if path.as_os_str() == "-" => return Ok(Target::Stdout),
        (Some(path), _) => path.clone(),
    };
    let absolute = absolute(&path)?;
    let root = std::fs::canonicalize(&journal.root).unwrap_or(journal.root.clone());
    if absolute.starts_with(&root) || root.starts_with(&absolute) {
        return Err(Error::usage(format!(
            "--out {} is inside the journal (or holds it); the export would end up in its history",
            path.display()
        ))
        .hint("choose a folder outside the journal, such as ~/portfolio"));
    }
    if args.format != Format::Html {
        if absolute.is_dir() {
            return Err(Error::usage(format!(
                "--out {} is a folder; --format {} writes one file",
                path.display(),
                clap::ValueEnum::to_possible_value(&args.format)
                    .map(|v| v.get_name().to_string())
                    .unwrap_or_default()
            ))
            .hint("give a file name, such as portfolio.json"));
        }
        if absolute.exists() && !args.force && !args.dry_run {
            return Err(Error::new(format!("{} already exists", path.display()))
                .hint("add --force to replace it, or choose another --out"));
        }
        return Ok(Target::File(path, absolute));
    }
    if absolute.exists() && !absolute.is_dir() {
        return Err(Error::usage(format!(
            "--out {} is a file; an html portfolio is a folder",
            path.display()
        )));
    }
    if absolute.is_dir() && !args.dry_run {
        let empty = std::fs::read_dir(&absolute)
            .at("cannot read", &absolute)?
            .next()
            .is_none();
        if !empty {
            let ours = absolute.join(MARKER).is_file();
            if !args.force {
                return Err(Error::new(format!(
                    "{} is not empty; mpl will not mix a new portfolio with old files",
                    path.display()
                ))
                .hint(if ours {
                    "add --force to replace the earlier export there, or choose another --out"
                } else {
                    "choose a new or empty folder with --out"
                }));
            }
            if !ours {
                return Err(Error::new(format!(
                    "{} holds files mpl did not write (no {MARKER} in it); --force only replaces an earlier export",
                    path.display()
                ))
                .hint("choose a new or empty folder with --out, or empty this one yourself"));
            }
        }
    }
    Ok(Target::Folder(path, absolute))
}

/// `path` as the file system resolves it, before anything is written: every part that
/// exists is resolved (links followed, `..` taken on the real folder), so that the check
/// that keeps exports out of the journal sees where the files would really go. A `..`
/// after a part that does not exist yet is refused: it has no single meaning.
fn absolute(path: &Path) -> Result<PathBuf> {
    use std::path::Component;
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::new(format!("cannot read the current folder: {e}")))?
            .join(path)
    };
    let mut resolved = PathBuf::new();
    let mut missing = false;
    for part in full.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir if missing => {
                return Err(Error::usage(format!(
                    "--out {}: `..` follows a folder that does not exist",
                    path.display()
                ))
                .hint("name the folder without `..`, such as ~/portfolio"));
            }
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if !missing {
                    match std::fs::canonicalize(&resolved) {
                        Ok(real) => resolved = real,
                        Err(_) => missing = true,
                    }
                }
            }
        }
    }
    Ok(resolved)
}

/// The fields of the profile that go out, as `--dry-run` names them.
fn profile_fields(profile: &crate::model::profile::Profile) -> String {
    let fields: Vec<&str> = [
        ("name", !profile.name.is_empty()),
        ("headline", !profile.headline.is_empty()),
        ("summary", !profile.summary.is_empty()),
        ("location", !profile.location.is_empty()),
        ("email", !profile.email.is_empty()),
        ("website", !profile.website.is_empty()),
        ("github", !profile.github.is_empty()),
        ("linkedin", !profile.linkedin.is_empty()),
        ("links", !profile.links.is_empty()),
        ("work", !profile.work.is_empty()),
        ("education", !profile.education.is_empty()),
    ]
    .iter()
    .filter(|(_, set)| *set)
    .map(|(field, _)| *field)
    .collect();
    if fields.is_empty() {
        "(empty: `mpl profile` sets it)".to_string()
    } else {
        fields.join(", ")
    }
}

/// What `--dry-run` prints: every entry and attachment that would go out, and what stays.
fn dry_run(journal: &Journal, p: &Portfolio, format: Format, target: &Target) -> String {
    let mut out = String::new();
    let place = match target {
        Target::Folder(path, _) | Target::File(path, _) => path.display().to_string(),
        Target::Stdout => "standard output".to_string(),
    };
    let entries: Vec<_> = p.entries().collect();
    let attachments = p.attachments();
    out.push_str(&format!(
        "Would write the portfolio as {} to {place}: {} entr{}, {} attachment{}. Nothing was written.\n\n",
        match format {
            Format::Html => "a website",
            Format::Json => "JSON",
            Format::Jsonresume => "a JSON Resume",
            Format::Markdown => "Markdown",
            Format::Pdf => "a PDF",
            Format::Cpd => "a CPD pack",
        },
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" },
        attachments.len(),
        if attachments.len() == 1 { "" } else { "s" },
    ));
    out.push_str(&format!("profile   {}\n", profile_fields(&p.profile)));
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for entry in &entries {
        out.push_str(&format!(
            "{:<9} {:<width$}  {:<8} {}\n",
            entry.kind.as_str(),
            entry.id,
            entry.visibility.as_str(),
            entry.title
        ));
    }
    if !p.challenges.is_empty() {
        out.push('\n');
        for c in &p.challenges {
            out.push_str(&format!(
                "challenge {} from {} ({} of 30 days done)\n",
                c.title, c.started, c.done
            ));
        }
    }
    if !attachments.is_empty() {
        out.push('\n');
        for a in &attachments {
            let copied = match format {
                Format::Html => format!(" -> {}", attachment_path(a)),
                Format::Jsonresume => " (not part of a JSON Resume)".to_string(),
                Format::Json | Format::Markdown => " (named, not copied)".to_string(),
                Format::Pdf | Format::Cpd => " (not part of a PDF)".to_string(),
            };
            out.push_str(&format!(
                "attachment {} ({}) from {}{copied}\n",
                crate::model::evidence::display_name(&a.name),
                human_size(a.bytes),
                journal.rel(&journal.root.join(&a.file)).display(),
            ));
        }
    }
    let mut left = Vec::new();
    if p.left_out.private > 0 {
        left.push(format!(
            "{} private or team entr{} (--include-private adds {})",
            p.left_out.private,
            if p.left_out.private == 1 { "y" } else { "ies" },
            if p.left_out.private == 1 {
                "it"
            } else {
                "them"
            }
        ));
    }
    if p.left_out.tagged > 0 {
        left.push(format!(
            "{} entr{} with an --exclude-tag tag",
            p.left_out.tagged,
            if p.left_out.tagged == 1 { "y" } else { "ies" }
        ));
    }
    if !left.is_empty() {
        out.push_str(&format!("\nLeft out: {}.\n", left.join("; ")));
    }
    out
}
