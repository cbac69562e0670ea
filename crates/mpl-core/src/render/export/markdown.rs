//! The portfolio as one Markdown file, to paste into a wiki, a document or an application
//! form. Raw HTML from entries is escaped so it shows as text wherever it lands.

use super::{markdown_text, safe_url};
use crate::model::KindFields;
use crate::model::goal::Status;
use crate::model::portfolio::Portfolio;
use crate::model::text::human_size;
use crate::model::{evidence::Evidence, feedback::Feedback, learned::Learned, toolkit::Toolkit};
use crate::render::continue_item;
use chrono::NaiveDate;

fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// One line of the user's text, safe inline: no raw HTML, no line breaks.
fn inline(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn link(url: &str, text: &str) -> String {
    format!(
        "[{}](<{}>)",
        inline(text).replace(']', "\\]"),
        url.replace('>', "%3E")
    )
}

fn block(out: &mut String, markdown: &str) {
    let text = markdown_text(markdown.trim());
    if !text.is_empty() {
        out.push_str(&text);
        out.push_str("\n\n");
    }
}

pub fn document(p: &Portfolio) -> String {
    let mut out = String::new();
    let profile = &p.profile;
    let name = if profile.name.is_empty() {
        "Portfolio"
    } else {
        profile.name.as_str()
    };
    out.push_str(&format!("# {}\n\n", inline(name)));
    if !profile.headline.is_empty() {
        out.push_str(&format!("{}\n\n", inline(&profile.headline)));
    }
    let mut contact: Vec<String> = Vec::new();
    if !profile.location.is_empty() {
        contact.push(inline(&profile.location));
    }
    for (label, url) in profile.contacts() {
        if let Some(url) = super::safe_url(&url) {
            contact.push(link(&url, &label));
        }
    }
    if !contact.is_empty() {
        out.push_str(&format!("{}\n\n", contact.join(" · ")));
    }
    block(&mut out, &profile.summary);
    match p.since {
        Some(since) => out.push_str(&format!(
            "Learning portfolio from {} to {}.\n\n",
            day(since),
            day(p.until)
        )),
        None => out.push_str(&format!("Learning portfolio up to {}.\n\n", day(p.until))),
    }

    let highlights = p.highlights();
    if !highlights.is_empty() {
        out.push_str("## Highlights\n\n");
        for item in highlights {
            let mut line = format!(
                "- **{}** ({})",
                inline(&item.entry.title),
                day(item.entry.date)
            );
            if let Some(impact) = Evidence::of(&item.entry)
                .impact
                .filter(|i| !i.trim().is_empty())
            {
                line.push_str(&format!(": {}", inline(&impact)));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
    let skills = p.skills();
    if !skills.is_empty() {
        out.push_str("## Skills\n\n");
        for skill in skills {
            let mut backing = Vec::new();
            if !skill.evidence.is_empty() {
                let n = skill.evidence.len();
                backing.push(format!(
                    "{n} piece{} of evidence",
                    if n == 1 { "" } else { "s" }
                ));
            }
            if !skill.learned.is_empty() {
                let n = skill.learned.len();
                backing.push(format!(
                    "{n} thing{} learned",
                    if n == 1 { "" } else { "s" }
                ));
            }
            out.push_str(&format!(
                "- **{}**: {}\n",
                inline(&skill.name),
                backing.join(", ")
            ));
        }
        out.push('\n');
    }
    if !p.goals.is_empty() {
        out.push_str("## Goals\n\n");
        for g in &p.goals {
            out.push_str(&format!("### {}\n\n", inline(&g.entry.title)));
            let mut status = format!("**{}**", g.goal.status);
            if let Some(on) = g
                .goal
                .achieved_on()
                .filter(|_| g.goal.status == Status::Achieved)
            {
                status.push_str(&format!(" on {}", day(on)));
            } else if let Some(due) = g.goal.due {
                status.push_str(&format!(" · due {}", day(due)));
            }
            status.push_str(&format!(" · set {}", day(g.entry.date)));
            out.push_str(&format!("{status}\n\n"));
            let mut facts = Vec::new();
            for (label, value) in [
                ("Why", &g.goal.why),
                ("Aligned with", &g.goal.aligned_with),
                ("Measure of success", &g.goal.measure),
            ] {
                if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                    facts.push(format!("- {label}: {}", inline(value)));
                }
            }
            match g
                .goal
                .outcome()
                .filter(|_| g.goal.status == Status::Achieved)
            {
                Some(outcome) => facts.push(format!("- Outcome: {}", inline(outcome))),
                None => {
                    if let Some(percent) = g.goal.percent() {
                        facts.push(format!("- Progress: {percent}%"));
                    }
                }
            }
            if !facts.is_empty() {
                out.push_str(&facts.join("\n"));
                out.push_str("\n\n");
            }
            block(&mut out, &g.entry.body);
            if p.goal_notes && !g.goal.progress.is_empty() {
                out.push_str("Progress log:\n\n");
                for note in &g.goal.progress {
                    let (text, percent) = note.reads();
                    let mut line = format!("- {}: {}", day(note.date), inline(&text));
                    if let Some(percent) = percent {
                        line.push_str(&format!(" ({percent}%)"));
                    }
                    out.push_str(&line);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }

    if !p.evidence.is_empty() {
        out.push_str("## Evidence\n\n");
        for e in &p.evidence {
            out.push_str(&format!("### {}\n\n", inline(&e.entry.title)));
            let mut meta = day(e.entry.date);
            let goals: Vec<String> = e
                .entry
                .goals
                .iter()
                .filter_map(|id| p.goal_title(id))
                .map(|t| format!("*{}*", inline(t)))
                .collect();
            if !goals.is_empty() {
                meta.push_str(&format!(" · for {}", goals.join(", ")));
            }
            if !e.entry.tags.is_empty() {
                meta.push_str(&format!(
                    " · {}",
                    inline(&crate::render::hashtags(&e.entry.tags))
                ));
            }
            out.push_str(&format!("{meta}\n\n"));
            if let Some(impact) = Evidence::of(&e.entry).impact {
                out.push_str(&format!("**Impact:** {}\n\n", inline(&impact)));
            }
            block(&mut out, &e.entry.body);
            let mut items = Vec::new();
            for url in e.links.iter().filter_map(|l| safe_url(l)) {
                items.push(format!("- Link: {}", link(&url, &url)));
            }
            for a in &e.attachments {
                items.push(format!(
                    "- Attachment: {} ({})",
                    inline(&crate::model::evidence::display_name(&a.name)),
                    human_size(a.bytes)
                ));
            }
            if !items.is_empty() {
                out.push_str(&items.join("\n"));
                out.push_str("\n\n");
            }
        }
    }

    if !p.learned.is_empty() {
        let years = p.learned_by_year();
        out.push_str(&format!(
            "## Learning\n\n{} thing{} learned.\n\n",
            p.learned.len(),
            if p.learned.len() == 1 { "" } else { "s" }
        ));
        for year in &years {
            out.push_str(&format!("### {} ({})\n\n", year.year, year.count));
            for (topic, entries) in &year.topics {
                out.push_str(&format!("#### {} ({})\n\n", inline(topic), entries.len()));
                for entry in entries {
                    let mut line = format!("- {}: {}", day(entry.date), inline(&entry.title));
                    let source = Learned::of(entry).source;
                    let source = source.as_deref().map(str::trim);
                    match (source, source.and_then(safe_url)) {
                        (_, Some(url)) => {
                            line.push_str(&format!(" ({})", link(&url, "source")));
                        }
                        (Some(source), None) if !source.is_empty() => {
                            line.push_str(&format!(" ({})", inline(source)));
                        }
                        _ => {}
                    }
                    out.push_str(&line);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }

    if !p.challenges.is_empty() {
        out.push_str(
            "## Challenges\n\n| Challenge | From | To | Days done |\n| --- | --- | --- | --- |\n",
        );
        for c in &p.challenges {
            out.push_str(&format!(
                "| {} | {} | {} | {} of 30 ({}%) |\n",
                inline(&c.title).replace('|', "\\|"),
                day(c.started),
                day(c.ended),
                c.done,
                c.percent
            ));
        }
        out.push('\n');
    }

    if !p.feedback.is_empty() {
        out.push_str("## Feedback\n\n");
        for f in &p.feedback {
            let mut text = inline(&f.title);
            let body = markdown_text(f.body.trim());
            if !body.is_empty() {
                text.push_str("\n\n");
                text.push_str(&body);
            }
            for line in text.lines() {
                out.push_str(if line.is_empty() { ">" } else { "> " });
                out.push_str(line);
                out.push('\n');
            }
            let from = Feedback::of(f)
                .from
                .as_deref()
                .map(inline)
                .filter(|s| !s.is_empty());
            out.push_str(&match from {
                Some(from) => format!("\n— {from}, {}\n\n", day(f.date)),
                None => format!("\n— {}\n\n", day(f.date)),
            });
        }
    }

    if !p.toolkit.is_empty() {
        out.push_str("## Toolkit\n\n");
        for (kind, entries) in p.toolkit_by_type() {
            out.push_str(&format!("### {kind}\n\n"));
            for entry in entries {
                let title = match Toolkit::of(entry).url.as_deref().and_then(safe_url) {
                    Some(url) => link(&url, &entry.title),
                    None => inline(&entry.title),
                };
                let note = continue_item(&markdown_text(entry.body.trim()));
                if note.is_empty() {
                    out.push_str(&format!("- {title}\n"));
                } else {
                    out.push_str(&format!("- {title}: {note}\n"));
                }
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
