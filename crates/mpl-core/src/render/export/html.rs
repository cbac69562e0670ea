//! The portfolio as one static HTML page (`index.html`, with attachments under `files/`).
//! It opens from disk: no server, no script, no web fonts, nothing fetched from anywhere
//! (a Content-Security-Policy says so to the browser too). The stylesheet is inline and has
//! a phone layout and a print layout.

use super::{
    attachment_path, calendar, escape, is_image, is_passive, is_svg, markdown_html, safe_url,
};
use crate::model::KindFields;
use crate::model::goal::Status;
use crate::model::portfolio::{EvidenceItem, GoalItem, OTHER_TOPIC, Portfolio, Skill};
use crate::model::text::human_size;
use crate::model::{evidence::Evidence, feedback::Feedback, learned::Learned, toolkit::Toolkit};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

const CSS: &str = include_str!("portfolio.css");

/// The policy that keeps the page to itself: no script at all, styles only from the page,
/// pictures only from beside it.
/// pictures only from beside it or from the page itself (SVG attachments, see
/// [`svg_picture`]).
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:; \
                   base-uri 'none'; form-action 'none'";

/// The largest SVG attachment shown as a picture in the page; a bigger one is a download
/// only.
pub(crate) const MAX_SVG_PICTURE: usize = 512 * 1024;

/// An SVG attachment's bytes as a `data:` address to show it with `<img>`: a browser runs
/// no script and loads nothing in a picture, and will not open a `data:` address as a page.
pub(crate) fn svg_picture(bytes: &[u8]) -> Option<String> {
    (bytes.len() <= MAX_SVG_PICTURE).then(|| {
        format!(
            "data:image/svg+xml,{}",
            percent_encoding::percent_encode(bytes, percent_encoding::NON_ALPHANUMERIC)
        )
    })
}

/// `index.html`. `pictures` holds, by stored file, the `data:` address of each SVG
/// attachment to show (see [`svg_picture`]).
pub(crate) fn page(
    p: &Portfolio,
    pictures: &HashMap<String, String>,
    signer: Option<&crate::sign::Signer>,
) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let profile = &p.profile;
    let name = if profile.name.is_empty() {
        "Portfolio"
    } else {
        profile.name.as_str()
    };
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"generator\" content=\"mpl {}\">\n\
         <title>{} · portfolio</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to the portfolio</a>\n",
        env!("CARGO_PKG_VERSION"),
        escape(name)
    ));
    out.push_str("<header class=\"profile\">\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(name)));
    if !profile.headline.is_empty() {
        out.push_str(&format!(
            "<p class=\"headline\">{}</p>\n",
            escape(&profile.headline)
        ));
    }
    let contacts: Vec<String> = profile
        .contacts()
        .into_iter()
        .filter_map(|(label, url)| safe_url(&url).map(|url| link(&url, &label)))
        .collect();
    if !profile.location.is_empty() || !contacts.is_empty() {
        out.push_str("<ul class=\"contact\">\n");
        if !profile.location.is_empty() {
            out.push_str(&format!("<li>{}</li>\n", escape(&profile.location)));
        }
        for contact in contacts {
            out.push_str(&format!("<li>{contact}</li>\n"));
        }
        out.push_str("</ul>\n");
    }
    if !profile.summary.is_empty() {
        out.push_str(&format!(
            "<div class=\"summary\">\n{}</div>\n",
            markdown_html(&profile.summary)
        ));
    }
    out.push_str(&format!(
        "<p class=\"meta\">Learning portfolio {}. Written on {} from a journal kept with mpl.</p>\n",
        period(p.since, p.until),
        date_tag(p.generated.date_naive())
    ));
    out.push_str("</header>\n");

    let activity = p.activity();
    let highlights = p.highlights();
    let skills = p.skills();
    let sections: Vec<(&str, &str, bool)> = vec![
        ("highlights", "Highlights", !highlights.is_empty()),
        ("skills", "Skills", !skills.is_empty()),
        ("goals", "Goals", !p.goals.is_empty()),
        ("evidence", "Evidence", !p.evidence.is_empty()),
        (
            "learning",
            "Learning",
            !p.learned.is_empty() || !activity.is_empty(),
        ),
        ("challenges", "Challenges", !p.challenges.is_empty()),
        ("feedback", "Feedback", !p.feedback.is_empty()),
        ("toolkit", "Toolkit", !p.toolkit.is_empty()),
    ];
    let present: Vec<_> = sections.iter().filter(|(_, _, shown)| *shown).collect();
    if present.len() > 1 {
        out.push_str("<nav aria-label=\"Sections\">\n<ul>\n");
        for (id, title, _) in &present {
            out.push_str(&format!("<li><a href=\"#{id}\">{title}</a></li>\n"));
        }
        out.push_str("</ul>\n</nav>\n");
    }
    out.push_str("<main id=\"main\">\n");
    if present.is_empty() {
        out.push_str(
            "<p class=\"empty\">Nothing to show yet: no public goals, evidence or learning \
             in this period.</p>\n",
        );
    }
    if !highlights.is_empty() {
        section_start(&mut out, "highlights", "Highlights");
        out.push_str("<ul class=\"highlights\">\n");
        for item in &highlights {
            highlight_html(&mut out, p, item);
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !skills.is_empty() {
        section_start(&mut out, "skills", "Skills");
        out.push_str("<p class=\"note\">Each backed by the evidence and the learning below.</p>\n<ul class=\"skills\">\n");
        for skill in &skills {
            skill_html(&mut out, p, skill);
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !p.goals.is_empty() {
        section_start(&mut out, "goals", "Goals");
        for goal in &p.goals {
            goal_html(&mut out, p, goal);
        }
        out.push_str("</section>\n");
    }
    if !p.evidence.is_empty() {
        section_start(&mut out, "evidence", "Evidence");
        // Years of evidence read best a year at a time: the latest open, the others folded.
        let mut years: Vec<(i32, Vec<&EvidenceItem>)> = Vec::new();
        for item in &p.evidence {
            let year = item.entry.date.year();
            match years.last_mut() {
                Some((y, items)) if *y == year => items.push(item),
                _ => years.push((year, vec![item])),
            }
        }
        if years.len() == 1 {
            for item in &p.evidence {
                evidence_html(&mut out, p, pictures, item, "h3");
            }
        } else {
            for (i, (year, items)) in years.iter().enumerate() {
                out.push_str(&format!(
                    "<details class=\"year\"{}>\n<summary><h3>{year}</h3> <span class=\"note\">{} piece{} of evidence</span></summary>\n",
                    if i == 0 { " open" } else { "" },
                    items.len(),
                    if items.len() == 1 { "" } else { "s" }
                ));
                for item in items {
                    evidence_html(&mut out, p, pictures, item, "h4");
                }
                out.push_str("</details>\n");
            }
        }
        out.push_str("</section>\n");
    }
    if !p.learned.is_empty() || !activity.is_empty() {
        section_start(&mut out, "learning", "Learning");
        learning_html(&mut out, p, &activity);
        out.push_str("</section>\n");
    }
    if !p.challenges.is_empty() {
        section_start(&mut out, "challenges", "Challenges");
        out.push_str(
            "<table>\n<caption>30-day challenges finished</caption>\n<thead><tr>\
             <th scope=\"col\">Challenge</th><th scope=\"col\">From</th>\
             <th scope=\"col\">To</th><th scope=\"col\">Days done</th></tr></thead>\n<tbody>\n",
        );
        for c in &p.challenges {
            out.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{} of 30 ({}%)</td></tr>\n",
                escape(&c.title),
                date_tag(c.started),
                date_tag(c.ended),
                c.done,
                c.percent
            ));
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    if !p.feedback.is_empty() {
        section_start(&mut out, "feedback", "Feedback");
        for entry in &p.feedback {
            out.push_str("<figure class=\"feedback\">\n<blockquote>\n");
            out.push_str(&format!("<p>{}</p>\n", escape(&entry.title)));
            out.push_str(&markdown_html(&entry.body));
            out.push_str("</blockquote>\n<figcaption>");
            if let Some(from) = Feedback::of(entry).from {
                out.push_str(&format!("{}, ", escape(from.trim())));
            }
            out.push_str(&date_tag(entry.date));
            out.push_str("</figcaption>\n</figure>\n");
        }
        out.push_str("</section>\n");
    }
    if !p.toolkit.is_empty() {
        section_start(&mut out, "toolkit", "Toolkit");
        for (kind, entries) in p.toolkit_by_type() {
            out.push_str(&format!(
                "<h3>{}</h3>\n<ul class=\"toolkit\">\n",
                plural(&kind)
            ));
            for entry in entries {
                out.push_str("<li>");
                match Toolkit::of(entry).url.as_deref().and_then(safe_url) {
                    Some(url) => out.push_str(&link(&url, &entry.title)),
                    None => out.push_str(&escape(&entry.title)),
                }
                if let Some(first) = entry.body.lines().find(|l| !l.trim().is_empty()) {
                    out.push_str(&format!(
                        " <span class=\"note\">{}</span>",
                        escape(first.trim())
                    ));
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str(
        "</main>\n<footer>\n<p>Kept as plain Markdown files in a git repository and \
                  written out by <code>mpl export</code>.</p>\n",
    );
    if let Some(signer) = signer {
        let fingerprint = signer.fingerprint().unwrap_or_default();
        out.push_str(&format!(
            "<p>Signed by {} with the ssh key <code>{}</code>. To check that no file changed \
             since, in this folder: <code>ssh-keygen -Y verify -f {} -I {} -n {} -s {} &lt; {}</code> \
             and <code>sha256sum -c {}</code> (or <code>mpl verify</code>). Compare the key with one \
             you know is theirs.</p>\n",
            escape(&signer.identity),
            escape(&fingerprint),
            crate::sign::SIGNERS,
            escape(&signer.identity),
            crate::sign::NAMESPACE,
            crate::sign::SIGNATURE,
            crate::sign::SUMS,
            crate::sign::SUMS,
        ));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// When things happened, as people say it: "in May 2026", "from May to November 2026",
/// "from May 2025 to November 2026".
fn span(dates: impl Iterator<Item = NaiveDate>) -> String {
    let dates: Vec<NaiveDate> = dates.collect();
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return String::new();
    };
    if (first.year(), first.month()) == (last.year(), last.month()) {
        format!("in {}", first.format("%B %Y"))
    } else if first.year() == last.year() {
        format!("from {} to {}", first.format("%B"), last.format("%B %Y"))
    } else {
        format!("from {} to {}", first.format("%B %Y"), last.format("%B %Y"))
    }
}

fn section_start(out: &mut String, id: &str, title: &str) {
    out.push_str(&format!(
        "<section id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h2 id=\"{id}-title\">{title}</h2>\n"
    ));
}

fn period(since: Option<NaiveDate>, until: NaiveDate) -> String {
    match since {
        Some(since) => format!("from {} to {}", date_tag(since), date_tag(until)),
        None => format!("up to {}", date_tag(until)),
    }
}

fn date_tag(date: NaiveDate) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        date.format("%Y-%m-%d"),
        date.format("%-d %B %Y")
    )
}

fn link(url: &str, text: &str) -> String {
    format!(
        "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
        escape(url),
        escape(text)
    )
}

fn plural(kind: &str) -> String {
    let mut name = kind.to_string();
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if name == "Person" {
        "People".to_string()
    } else if name.ends_with('s') {
        name
    } else if let Some(stem) = name.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{name}s")
    }
}

fn status_text(status: Status) -> &'static str {
    match status {
        Status::Active => "Active",
        Status::Achieved => "Achieved",
        Status::Paused => "Paused",
        Status::Dropped => "Dropped",
    }
}

/// One highlight: the evidence's title (a link to it below), its date, its goal and its
/// impact.
fn highlight_html(out: &mut String, p: &Portfolio, item: &EvidenceItem) {
    let entry = &item.entry;
    out.push_str(&format!(
        "<li><a href=\"#evidence-{}\"><strong>{}</strong></a> <span class=\"note\">{}",
        escape(&entry.id),
        escape(&entry.title),
        date_tag(entry.date)
    ));
    let goals: Vec<String> = entry
        .goals
        .iter()
        .filter_map(|id| p.goal_title(id).map(escape))
        .collect();
    if !goals.is_empty() {
        out.push_str(&format!(" · for {}", goals.join(", ")));
    }
    out.push_str("</span>");
    if let Some(impact) = Evidence::of(entry).impact.filter(|i| !i.trim().is_empty()) {
        out.push_str(&format!("<br>{}", escape(impact.trim())));
    }
    out.push_str("</li>\n");
}

/// One skill: its name, and the evidence and learning that back it, linked.
fn skill_html(out: &mut String, p: &Portfolio, skill: &Skill) {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut backing = Vec::new();
    if !skill.evidence.is_empty() {
        backing.push(count(
            skill.evidence.len(),
            "piece of evidence",
            "pieces of evidence",
        ));
    }
    if !skill.learned.is_empty() {
        backing.push(count(
            skill.learned.len(),
            "thing learned",
            "things learned",
        ));
    }
    out.push_str(&format!(
        "<li><details><summary><strong>{}</strong> <span class=\"note\">{}</span></summary>\n<ul>\n",
        escape(&skill.name),
        backing.join(", ")
    ));
    for id in &skill.evidence {
        if let Some(item) = p.evidence.iter().find(|e| &e.entry.id == id) {
            out.push_str(&format!(
                "<li><a href=\"#evidence-{}\">{}</a></li>\n",
                escape(id),
                escape(&item.entry.title)
            ));
        }
    }
    for id in &skill.learned {
        if let Some(entry) = p.learned.iter().find(|e| &e.id == id) {
            out.push_str(&format!(
                "<li><a href=\"#learned-{}\">{}</a></li>\n",
                escape(id),
                escape(&entry.title)
            ));
        }
    }
    out.push_str("</ul>\n</details></li>\n");
}

fn goal_html(out: &mut String, p: &Portfolio, item: &GoalItem) {
    let (entry, goal) = (&item.entry, &item.goal);
    out.push_str(&format!(
        "<article class=\"goal\" id=\"goal-{}\">\n<h3 class=\"title\">{}</h3>\n",
        escape(&entry.id),
        escape(&entry.title)
    ));
    let mut status = format!(
        "<span class=\"status status-{}\">{}</span>",
        goal.status.as_str(),
        status_text(goal.status)
    );
    if let Some(day) = goal
        .achieved_on()
        .filter(|_| goal.status == Status::Achieved)
    {
        status.push_str(&format!(" on {}", date_tag(day)));
    } else if let Some(due) = goal.due {
        status.push_str(&format!(" · due {}", date_tag(due)));
    }
    status.push_str(&format!(" · set {}", date_tag(entry.date)));
    out.push_str(&format!("<p class=\"meta\">{status}</p>\n<dl>\n"));
    for (term, value) in [
        ("Why", &goal.why),
        ("Aligned with", &goal.aligned_with),
        ("Measure of success", &goal.measure),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            out.push_str(&format!(
                "<dt>{term}</dt><dd>{}</dd>\n",
                escape(value.trim())
            ));
        }
    }
    if let Some(outcome) = goal.outcome().filter(|_| goal.status == Status::Achieved) {
        out.push_str(&format!("<dt>Outcome</dt><dd>{}</dd>\n", escape(outcome)));
    } else if let Some(percent) = goal.percent().filter(|_| goal.status != Status::Achieved) {
        out.push_str(&format!(
            "<dt>Progress</dt><dd><progress max=\"100\" value=\"{percent}\" \
             aria-label=\"{percent}% done\">{percent}%</progress> {percent}%</dd>\n"
        ));
    }
    out.push_str("</dl>\n");
    out.push_str(&markdown_html(&entry.body));
    if p.goal_notes && !goal.progress.is_empty() {
        out.push_str("<h4>Progress log</h4>\n<ol class=\"log\">\n");
        for note in &goal.progress {
            let (text, percent) = note.reads();
            let mut extra = Vec::new();
            if let Some(percent) = percent {
                extra.push(format!("{percent}%"));
            }
            if let Some(status) = note.status {
                extra.push(status.as_str().to_string());
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"note\">({})</span>", extra.join(", "))
            };
            out.push_str(&format!(
                "<li>{}: {}{extra}</li>\n",
                date_tag(note.date),
                escape(&text)
            ));
        }
        out.push_str("</ol>\n");
    }
    let evidence: Vec<&EvidenceItem> = p
        .evidence
        .iter()
        .filter(|e| e.entry.goals.contains(&entry.id))
        .collect();
    let learned = p
        .learned
        .iter()
        .filter(|e| e.goals.contains(&entry.id))
        .count();
    if !evidence.is_empty() {
        out.push_str("<h4>What was done</h4>\n<ul class=\"done\">\n");
        for e in &evidence {
            out.push_str(&format!(
                "<li><a href=\"#evidence-{}\">{}</a>",
                escape(&e.entry.id),
                escape(&e.entry.title)
            ));
            if let Some(impact) = Evidence::of(&e.entry)
                .impact
                .filter(|i| !i.trim().is_empty())
            {
                out.push_str(&format!(": {}", escape(impact.trim())));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if learned > 0 {
        out.push_str(&format!(
            "<p class=\"linked\">{learned} thing{} learned for it.</p>\n",
            if learned == 1 { "" } else { "s" }
        ));
    }
    out.push_str("</article>\n");
}

/// One piece of evidence; `heading` is its title's level under the section.
fn evidence_html(
    out: &mut String,
    p: &Portfolio,
    pictures: &HashMap<String, String>,
    item: &EvidenceItem,
    heading: &str,
) {
    let entry = &item.entry;
    out.push_str(&format!(
        "<article class=\"evidence\" id=\"evidence-{}\">\n<{heading} class=\"title\">{}</{heading}>\n<p class=\"meta\">{}",
        escape(&entry.id),
        escape(&entry.title),
        date_tag(entry.date)
    ));
    let goals: Vec<String> = entry
        .goals
        .iter()
        .filter_map(|id| {
            p.goal_title(id)
                .map(|title| format!("<a href=\"#goal-{}\">{}</a>", escape(id), escape(title)))
        })
        .collect();
    if !goals.is_empty() {
        out.push_str(&format!(" · for {}", goals.join(", ")));
    }
    if !entry.tags.is_empty() {
        let tags: Vec<String> = entry
            .tags
            .iter()
            .map(|t| format!("<span class=\"tag\">{}</span>", escape(t)))
            .collect();
        out.push_str(&format!(" · {}", tags.join(" ")));
    }
    out.push_str("</p>\n");
    if let Some(impact) = Evidence::of(entry).impact {
        out.push_str(&format!(
            "<p class=\"impact\"><strong>Impact:</strong> {}</p>\n",
            escape(impact.trim())
        ));
    }
    out.push_str(&markdown_html(&entry.body));
    let links: Vec<String> = item.links.iter().filter_map(|l| safe_url(l)).collect();
    if !links.is_empty() {
        out.push_str("<ul class=\"links\">\n");
        for url in links {
            out.push_str(&format!("<li>{}</li>\n", link(&url, &url)));
        }
        out.push_str("</ul>\n");
    }
    if !item.attachments.is_empty() {
        out.push_str("<ul class=\"files\">\n");
        for attachment in &item.attachments {
            let path = attachment_path(attachment);
            let name = crate::model::evidence::display_name(&attachment.name);
            let picture = if is_image(attachment) {
                Some(path.as_str())
            } else if is_svg(attachment) {
                pictures.get(&attachment.file).map(String::as_str)
            } else {
                None
            };
            out.push_str("<li>");
            if let Some(src) = picture {
                out.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"{}\" loading=\"lazy\"><figcaption>",
                    escape(src),
                    escape(&entry.title)
                ));
            }
            // A file a browser could run as a page is only ever downloaded: its copy is
            // named `.txt`, so that opened anyway it shows as text.
            let (download, note) = if is_passive(attachment) {
                (String::new(), String::new())
            } else {
                (
                    format!(" download=\"{}\"", escape(&name)),
                    ", download".to_string(),
                )
            };
            out.push_str(&format!(
                "<a href=\"{}\"{download}>{}</a> <span class=\"note\">({}{note})</span>",
                escape(&path),
                escape(&name),
                human_size(attachment.bytes)
            ));
            if picture.is_some() {
                out.push_str("</figcaption></figure>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

fn learning_html(out: &mut String, p: &Portfolio, activity: &BTreeMap<NaiveDate, u32>) {
    let years = p.learned_by_year();
    let topics: std::collections::HashSet<&str> = years
        .iter()
        .flat_map(|y| y.topics.iter().map(|(t, _)| t.as_str()))
        .collect();
    if !p.learned.is_empty() {
        out.push_str(&format!(
            "<p>{} thing{} learned, in {} topic{}, {}.</p>\n",
            p.learned.len(),
            if p.learned.len() == 1 { "" } else { "s" },
            topics.len(),
            if topics.len() == 1 { "" } else { "s" },
            span(p.learned.iter().map(|e| e.date)),
        ));
    }
    let calendar_years = calendar::years(activity);
    if !calendar_years.is_empty() {
        out.push_str("<h3>Activity</h3>\n<p class=\"note\">Each square is a day; the darker, the more was learned, evidenced or moved forward.</p>\n");
        for year in calendar_years {
            out.push_str(&format!(
                "<figure class=\"calendar\">\n{}\n<figcaption>{year}</figcaption>\n</figure>\n",
                calendar::year_svg(year, activity, p.until)
            ));
        }
    }
    for (i, year) in years.iter().enumerate() {
        let top: Vec<String> = year
            .topics
            .iter()
            .take(3)
            .map(|(t, es)| {
                let name = if t == OTHER_TOPIC {
                    t.clone()
                } else {
                    p.tag_name(t)
                };
                format!("{} ({})", escape(&name), es.len())
            })
            .collect();
        out.push_str(&format!(
            "<details class=\"year\"{}>\n<summary><h3>{}</h3> <span class=\"note\">{} learned · {}</span></summary>\n",
            if i == 0 { " open" } else { "" },
            year.year,
            year.count,
            top.join(", ")
        ));
        for (topic, entries) in &year.topics {
            let topic = if topic == OTHER_TOPIC {
                topic.to_string()
            } else {
                p.tag_name(topic)
            };
            out.push_str(&format!(
                "<h4>{} <span class=\"note\">({})</span></h4>\n<ul class=\"learned\">\n",
                escape(&topic),
                entries.len()
            ));
            for entry in entries {
                out.push_str(&format!(
                    "<li id=\"learned-{}\"><time class=\"day\" datetime=\"{}\">{}</time> {}",
                    escape(&entry.id),
                    entry.date.format("%Y-%m-%d"),
                    entry.date.format("%-d %b"),
                    escape(&entry.title)
                ));
                let source = Learned::of(entry).source;
                let source = source.as_deref().map(str::trim);
                match (source, source.and_then(safe_url)) {
                    (_, Some(url)) => {
                        out.push_str(&format!(" · {}", link(&url, "source")));
                    }
                    (Some(source), None) if !source.is_empty() => {
                        out.push_str(&format!(
                            " · <span class=\"note\">{}</span>",
                            escape(source)
                        ));
                    }
                    _ => {}
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</details>\n");
    }
}
