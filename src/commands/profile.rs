//! `mpl profile`: who the portfolio is about, kept in the journal's `mpl.toml`.

use crate::app::Ctx;
use crate::editor::{Draft, Edited};
use crate::error::{Error, Result};
use crate::model::evidence::check_link;
use crate::model::profile::{PRIVATE_FIELDS, Profile, check_email};
use crate::store::profile::ProfileEdit;

/// Your profile: the name, headline, summary and contacts your portfolio opens with
///
/// With no flags, shows it. Each flag changes one field (an empty value, such as
/// `--location ""`, removes it); all of them are one commit. The profile lives in the
/// journal's mpl.toml: `name` and `headline` at the top, the rest in its [profile] table
/// (docs/file-format.md).
#[derive(Debug, clap::Args)]
pub(crate) struct ProfileArgs {
    /// Your name, as the portfolio is headed
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// What you do, in a line: "Backend engineer, payments"
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub headline: Option<String>,
    /// A short summary in Markdown: what you are good at and what you want next
    #[arg(
        long,
        value_name = "MARKDOWN",
        conflicts_with = "edit",
        allow_hyphen_values = true, value_parser = crate::commands::text_value
    )]
    pub summary: Option<String>,
    /// Write the summary in your editor
    #[arg(long)]
    pub edit: bool,
    /// Where you are: "London", "Remote, CET"
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = crate::commands::text_value)]
    pub location: Option<String>,
    /// An email address to be reached at
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// Your own web site
    #[arg(long, value_name = "URL")]
    pub website: Option<String>,
    /// Your GitHub user name (or the address of your profile)
    #[arg(long, value_name = "USER")]
    pub github: Option<String>,
    /// Your LinkedIn profile: its address, or the name in it (in/NAME)
    #[arg(long, value_name = "URL")]
    pub linkedin: Option<String>,
    /// Another link, as LABEL=URL: "Mastodon=https://hachyderm.io/@ada" (repeatable)
    #[arg(long = "link", value_name = "LABEL=URL")]
    pub link: Vec<String>,
    /// Remove the link with this label (repeatable)
    #[arg(long = "remove-link", value_name = "LABEL")]
    pub remove_link: Vec<String>,
    /// Keep a field out of exports (unless --include-private): email, location, … (repeatable)
    #[arg(long = "private", value_name = "FIELD")]
    pub private: Vec<String>,
    /// Let a private field go out in exports again (repeatable)
    #[arg(long = "public", value_name = "FIELD")]
    pub public: Vec<String>,
    /// Add a role to your work history: "ROLE; ORGANISATION; FROM; TO; SUMMARY" (FROM and TO
    /// a year or a month such as 2021-03; TO and SUMMARY may be left out while it goes on)
    #[arg(long = "add-work", value_name = "ROLE; ORG; FROM; TO")]
    pub add_work: Vec<String>,
    /// Remove the Nth role of your work history, as `mpl profile` lists it
    #[arg(long = "remove-work", value_name = "N")]
    pub remove_work: Vec<usize>,
    /// Add a course to your education: "COURSE; SCHOOL; FROM; TO"
    #[arg(long = "add-education", value_name = "COURSE; SCHOOL; FROM; TO")]
    pub add_education: Vec<String>,
    /// Remove the Nth course of your education, as `mpl profile` lists it
    #[arg(long = "remove-education", value_name = "N")]
    pub remove_education: Vec<usize>,
    /// Print the profile as JSON
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(ctx: &Ctx, args: &ProfileArgs) -> Result<()> {
    let mut edits = edits(args)?;
    if edits.is_empty() && !args.edit {
        return show(ctx, args.json);
    }
    let (journal, lock) = ctx.journal_for_write()?;
    if args.edit {
        let profile = journal.profile().map_err(Error::from)?;
        let draft = Draft::new(&journal.drafts_dir()?, "profile-summary");
        match draft.edit(ctx.editor()?, &profile.summary, |note| ctx.status(note))? {
            Edited::Changed(text) => {
                edits.push(ProfileEdit::Text {
                    field: "summary".into(),
                    value: crate::model::reflection::trim_blank_lines(&text).to_string(),
                });
                let changed = journal.edit_profile(&lock, &edits, ctx.now)?;
                draft.discard();
                return said(ctx, changed);
            }
            Edited::Unchanged if edits.is_empty() => {
                ctx.status("the summary is as it was; nothing changed");
                return Ok(());
            }
            Edited::Unchanged => {}
        }
    }
    let changed = journal.edit_profile(&lock, &edits, ctx.now)?;
    said(ctx, changed)
}

fn said(ctx: &Ctx, changed: bool) -> Result<()> {
    ctx.status(if changed {
        "updated your profile (mpl.toml); `mpl profile` shows it"
    } else {
        "the profile already says that; nothing changed"
    });
    Ok(())
}

/// The changes the flags ask for, each checked before anything is written.
fn edits(args: &ProfileArgs) -> Result<Vec<ProfileEdit>> {
    let mut edits = Vec::new();
    let one_line = |flag: &str, text: &str| -> Result<String> {
        let text = text.trim();
        if text.contains('\n') {
            return Err(Error::usage(format!("--{flag} is one line")));
        }
        Ok(text.to_string())
    };
    if let Some(name) = &args.name {
        let name = one_line("name", name)?;
        if name.is_empty() {
            return Err(Error::usage(
                "--name is empty: the portfolio is headed by your name",
            ));
        }
        edits.push(ProfileEdit::Name(name));
    }
    if let Some(headline) = &args.headline {
        edits.push(ProfileEdit::Headline(one_line("headline", headline)?));
    }
    let mut text = |field: &str,
                    value: &Option<String>,
                    check: fn(&str) -> Result<(), String>|
     -> Result<()> {
        if let Some(value) = value {
            let value = if field == "summary" {
                value.trim().to_string()
            } else {
                one_line(field, value)?
            };
            if !value.is_empty() {
                check(&value).map_err(|m| Error::usage(format!("--{field}: {m}")))?;
            }
            edits.push(ProfileEdit::Text {
                field: field.to_string(),
                value,
            });
        }
        Ok(())
    };
    let any = |_: &str| Ok(());
    let link = |text: &str| check_link(text).map(|_| ());
    let github = |text: &str| {
        let probe = Profile {
            github: text.to_string(),
            ..Profile::default()
        };
        probe
            .github_url()
            .map(|_| ())
            .ok_or_else(|| format!("\"{text}\" is neither a user name nor a web address"))
    };
    let linkedin = |text: &str| {
        let probe = Profile {
            linkedin: text.to_string(),
            ..Profile::default()
        };
        probe
            .linkedin_url()
            .map(|_| ())
            .ok_or_else(|| format!("\"{text}\" is neither a profile name nor a web address"))
    };
    text("summary", &args.summary, any)?;
    text("location", &args.location, any)?;
    text("email", &args.email, check_email)?;
    text("website", &args.website, link)?;
    text("github", &args.github, github)?;
    text("linkedin", &args.linkedin, linkedin)?;
    for pair in &args.link {
        let Some((label, url)) = pair.split_once('=') else {
            return Err(Error::usage(format!("--link \"{pair}\": write LABEL=URL"))
                .hint("mpl profile --link \"Mastodon=https://hachyderm.io/@ada\""));
        };
        let (label, url) = (label.trim(), url.trim());
        if label.is_empty() || label.contains('\n') {
            return Err(Error::usage(format!(
                "--link \"{pair}\": the label is empty"
            )));
        }
        check_link(url).map_err(|m| Error::usage(format!("--link {label}: {m}")))?;
        edits.push(ProfileEdit::Link {
            label: label.to_string(),
            url: Some(url.to_string()),
        });
    }
    for label in &args.remove_link {
        edits.push(ProfileEdit::Link {
            label: label.trim().to_string(),
            url: None,
        });
    }
    for (flag, key, names, items) in [
        (
            "--add-work",
            "work",
            ["role", "org", "from", "to", "summary"].as_slice(),
            &args.add_work,
        ),
        (
            "--add-education",
            "education",
            ["course", "school", "from", "to"].as_slice(),
            &args.add_education,
        ),
    ] {
        for item in items {
            let parts: Vec<&str> = item.split(';').map(str::trim).collect();
            if parts.len() > names.len()
                || parts.iter().all(|p| p.is_empty())
                || item.contains('\n')
            {
                return Err(Error::usage(format!(
                    "{flag} \"{item}\": write {}",
                    names
                        .iter()
                        .map(|n| n.to_uppercase())
                        .collect::<Vec<_>>()
                        .join("; ")
                ))
                .hint(format!(
                    "mpl profile {flag} \"{}\"",
                    if key == "work" {
                        "Senior engineer; Acme Payments; 2021-03"
                    } else {
                        "BSc Computer Science; UCL; 2012; 2015"
                    }
                )));
            }
            let fields: Vec<(String, String)> = names
                .iter()
                .zip(parts.iter().chain(std::iter::repeat(&"")))
                .map(|(name, text)| (name.to_string(), text.to_string()))
                .collect();
            // Checked as the profile reads it, so a bad date is said with the flag.
            let mut table = toml::Table::new();
            for (name, text) in fields.iter().filter(|(_, t)| !t.is_empty()) {
                table.insert(name.clone(), text.clone().into());
            }
            let mut section = toml::Table::new();
            section.insert(
                key.to_string(),
                toml::Value::Array(vec![toml::Value::Table(table)]),
            );
            let mut probe = toml::Table::new();
            probe.insert("profile".into(), toml::Value::Table(section));
            Profile::from_settings(&probe)
                .map_err(|err| Error::usage(format!("{flag}: {}", err.message)))?;
            edits.push(ProfileEdit::AddTable {
                key: key.to_string(),
                fields,
            });
        }
    }
    for (key, numbers) in [
        ("work", &args.remove_work),
        ("education", &args.remove_education),
    ] {
        // Highest first, so each number means what `mpl profile` showed.
        let mut numbers = numbers.clone();
        numbers.sort_unstable_by(|a, b| b.cmp(a));
        numbers.dedup();
        for n in numbers {
            if n == 0 {
                return Err(Error::usage(format!(
                    "--remove-{key} 0: entries are numbered from 1"
                )));
            }
            edits.push(ProfileEdit::RemoveTable {
                key: key.to_string(),
                index: n - 1,
            });
        }
    }
    for (fields, private) in [(&args.private, true), (&args.public, false)] {
        for field in fields {
            let field = field.trim().to_ascii_lowercase();
            if !PRIVATE_FIELDS.contains(&field.as_str()) {
                return Err(Error::usage(format!(
                    "--{} {field}: not a field of the profile; use {}",
                    if private { "private" } else { "public" },
                    PRIVATE_FIELDS.join(", ")
                )));
            }
            edits.push(ProfileEdit::Private { field, private });
        }
    }
    Ok(edits)
}

fn show(ctx: &Ctx, json: bool) -> Result<()> {
    let journal = ctx.journal()?;
    let profile = journal.profile().map_err(Error::from)?;
    if json {
        return ctx.print_json(&crate::render::json::profile(&profile));
    }
    ctx.print(&crate::ui::profile::text(&profile, ctx.out_style))
}
