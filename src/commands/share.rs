//! `mpl share`: what was marked worth sharing with the team, as Markdown to paste.

use super::period;
use crate::app::Ctx;
use crate::error::Result;
use crate::model::date::long_date;
use crate::model::reflection::{QUESTIONS, Sections};
use crate::model::{Kind, Visibility};
use crate::store::scan::{Found, Query};
use chrono::Duration;

/// Print a Markdown digest of what is worth sharing with your team
///
/// Gathers the "Worth sharing" answers of your reflections and every entry whose visibility
/// is "team", for the last 7 days unless told otherwise, ready to paste into a team channel.
#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    /// From this day [default: 6 days ago, so a week with today]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Until this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

pub fn run(ctx: &Ctx, args: &ShareArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let today = journal.today(ctx.now);
    let (since, until) = period(args.since.as_deref(), args.until.as_deref(), today)?;
    let until = until.unwrap_or(today);
    let since = since.unwrap_or(until - Duration::days(6));
    let listing = journal.list(&Query {
        since: Some(since),
        until: Some(until),
        ..Query::default()
    });
    ctx.warn_problems(&listing.problems);
    let mut entries: Vec<&Found> = listing.entries.iter().collect();
    entries.reverse(); // oldest first: it reads as the week went
    let text = digest(&entries, since, until);
    match text {
        Some(text) => ctx.print(&text),
        None => {
            ctx.status(&format!(
                "nothing marked worth sharing from {since} to {until}"
            ));
            ctx.status(&ctx.err_style.dim(
                "hint: answer `mpl reflect --share TEXT`, or set visibility = \"team\" on an entry",
            ));
            Ok(())
        }
    }
}

/// The Markdown digest, or `None` when nothing in the period is for the team.
pub fn digest(
    entries: &[&Found],
    since: chrono::NaiveDate,
    until: chrono::NaiveDate,
) -> Option<String> {
    let share = &QUESTIONS[5];
    let mut days = String::new();
    for found in entries.iter().filter(|f| f.entry.kind == Kind::Reflection) {
        if let Some(answer) = Sections::parse(&found.entry.body).answer(share) {
            let answer = answer.trim();
            if !answer.is_empty() {
                days.push_str(&format!(
                    "- **{}**: {}\n",
                    found.entry.date.format("%A %-d %B"),
                    indent(answer)
                ));
            }
        }
    }
    let mut sections: Vec<(String, String)> = Vec::new();
    if !days.is_empty() {
        sections.push(("From my days".into(), days));
    }
    for kind in [
        Kind::Learned,
        Kind::Evidence,
        Kind::Goal,
        Kind::Toolkit,
        Kind::Feedback,
        Kind::Reflection,
    ] {
        let mut items = String::new();
        for found in entries
            .iter()
            .filter(|f| f.entry.kind == kind && f.entry.visibility == Visibility::Team)
        {
            let e = &found.entry;
            let mut line = format!("- **{}**", e.title.trim());
            if let Some(impact) = e.field_str("impact") {
                line.push_str(&format!(": {impact}"));
            }
            let body = e.body.trim();
            if !body.is_empty() && kind != Kind::Reflection {
                line.push_str(&format!("\n  {}", indent(first_paragraph(body))));
            }
            for key in ["source", "url"] {
                if let Some(link) = e.field_str(key) {
                    line.push_str(&format!(" ({link})"));
                }
            }
            items.push_str(&line);
            items.push('\n');
        }
        if !items.is_empty() {
            let heading = match kind {
                Kind::Learned => "What I learned",
                Kind::Evidence => "What we achieved",
                Kind::Goal => "Goals",
                Kind::Toolkit => "Useful sources and tools",
                Kind::Feedback => "Feedback",
                _ => "Reflections",
            };
            sections.push((heading.into(), items));
        }
    }
    if sections.is_empty() {
        return None;
    }
    let mut out = format!(
        "# Worth sharing: {} to {}\n",
        long_date(since),
        long_date(until)
    );
    for (heading, items) in sections {
        out.push_str(&format!("\n## {heading}\n\n{items}"));
    }
    Some(out)
}

fn first_paragraph(text: &str) -> &str {
    text.split("\n\n").next().unwrap_or(text).trim()
}

/// Continuation lines of a list item, indented under it.
fn indent(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                format!("  {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_start()
        .to_string()
}
