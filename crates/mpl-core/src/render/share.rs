//! The share digest: Markdown of what was marked worth sharing with the team, to paste
//! into a team channel.

use crate::model::KindFields;
use crate::model::date::long_date;
use crate::model::reflection::Reflection;
use crate::model::template::Role;
use crate::model::{Entry, Kind, Visibility};
use crate::model::{evidence::Evidence, learned::Learned, toolkit::Toolkit};

/// The Markdown digest, or `None` when nothing in the period is for the team.
pub fn digest(
    entries: &[&Entry],
    since: chrono::NaiveDate,
    until: chrono::NaiveDate,
) -> Option<String> {
    let mut days = String::new();
    for entry in entries.iter().filter(|e| e.kind == Kind::Reflection) {
        if let Some(answer) = Reflection::of(entry).answer(Role::Share) {
            let answer = answer.trim();
            if !answer.is_empty() {
                days.push_str(&format!(
                    "- **{}**: {}\n",
                    entry.date.format("%A %-d %B"),
                    super::continue_item(answer)
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
        for e in entries
            .iter()
            .filter(|e| e.kind == kind && e.visibility == Visibility::Team)
        {
            let mut line = format!("- **{}**", e.title.trim());
            if let Some(impact) = Evidence::of(e).impact {
                line.push_str(&format!(": {impact}"));
            }
            let body = e.body.trim();
            if !body.is_empty() && kind != Kind::Reflection {
                line.push_str(&format!(
                    "\n  {}",
                    super::continue_item(first_paragraph(body))
                ));
            }
            let link = match e.kind {
                Kind::Learned => Learned::of(e).source,
                Kind::Toolkit => Toolkit::of(e).url,
                _ => None,
            };
            if let Some(link) = link {
                line.push_str(&format!(" ({link})"));
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
