//! The portfolio as a static site: a home page (`index.html`: the profile, highlights,
//! skills, goals told as stories, the evidence, challenges, feedback and toolkit), a page
//! per goal (`goals/ID.html`) and per piece of evidence (`evidence/ID.html`, with its
//! attachments), and the learning log (`learning.html`). It opens from disk: no server,
//! no script, no web fonts, nothing fetched from anywhere (a Content-Security-Policy says so
//! to the browser too). Each page carries the one stylesheet, with phone, print and dark
//! layouts.
//!
//! Pages are built with maud, which escapes every value it is given: text from the journal
//! cannot become markup. The only HTML put in as it is: an entry's Markdown once
//! sanitised by ammonia ([`markdown_html_under`]), and the calendar's SVG, built here from
//! numbers and dates.

use super::{
    attachment_path, calendar, is_image, is_passive, is_svg, markdown_html_under, safe_url,
};
use crate::model::KindFields;
use crate::model::goal::Status;
use crate::model::portfolio::{EvidenceItem, GoalItem, OTHER_TOPIC, Portfolio, Skill};
use crate::model::slug::check_id;
use crate::model::text::human_size;
use crate::model::{
    Entry, evidence::Evidence, feedback::Feedback, learned::Learned, toolkit::Toolkit,
};
use crate::sign::Signer;
use chrono::{Datelike, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::{BTreeMap, HashMap};

const CSS: &str = include_str!("portfolio.css");

/// What a CV adds to the stylesheet: the paper (`PAGE_SIZE`), tighter type and spacing.
const CV_CSS: &str = "@page { size: PAGE_SIZE; margin: 1.5cm 1.6cm; }\n\
body.cv { max-width: none; padding: 0; font-size: 10pt; line-height: 1.4; color: #000; background: #fff; }\n\
body.cv h1 { font-size: 20pt; }\n\
body.cv h2 { font-size: 12.5pt; margin: 1.1rem 0 .4rem; border-bottom: 1px solid #999; break-after: avoid; }\n\
body.cv h3 { font-size: 10.5pt; margin: .6rem 0 .1rem; break-after: avoid; }\n\
body.cv p { margin: .2rem 0; }\n\
body.cv .contact-line, body.cv .meta, body.cv .note { color: #333; }\n\
body.cv ul { margin: .2rem 0; padding-left: 1.1rem; }\n\
body.cv ul.highlights li { background: none; border: 0; border-left: 3px solid #2a8a3e; padding: .1rem .5rem; margin: 0 0 .35rem; }\n\
body.cv .cv-goal, body.cv .role, body.cv li { break-inside: avoid; }\n\
body.cv footer { margin-top: 1.2rem; font-size: 8.5pt; }\n";

/// The policy that keeps each page to itself: no script at all, styles only from the page,
/// pictures only from beside it or from the page itself (SVG attachments, see
/// [`svg_picture`]).
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:; \
                   base-uri 'none'; form-action 'none'";

/// The largest SVG attachment shown as a picture in a page; a bigger one is a download
/// only.
pub(crate) const MAX_SVG_PICTURE: usize = 512 * 1024;

/// The learning log's page.
pub(crate) const LEARNING_PAGE: &str = "learning.html";

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

/// Where a goal's page is, from the site's root.
fn goal_page(id: &str) -> String {
    format!("goals/{id}.html")
}

/// Where a piece of evidence's page is, from the site's root.
fn evidence_page(id: &str) -> String {
    format!("evidence/{id}.html")
}

/// Every page of the site, as (path from the site's root, HTML). `pictures` holds, by stored
/// file, the `data:` address of each SVG attachment to show (see [`svg_picture`]). Only
/// entries with a valid id get a page, so no page is ever written outside its folder.
pub(crate) fn pages(
    p: &Portfolio,
    pictures: &HashMap<String, String>,
    signer: Option<&Signer>,
) -> Vec<(String, String)> {
    let site = Site {
        p,
        pictures,
        signer,
    };
    let mut out = vec![("index.html".to_string(), site.home())];
    if !p.learned.is_empty() || !p.activity().is_empty() {
        out.push((LEARNING_PAGE.to_string(), site.learning()));
    }
    for goal in p.goals.iter().filter(|g| check_id(&g.entry.id).is_ok()) {
        out.push((goal_page(&goal.entry.id), site.goal(goal)));
    }
    for item in p.evidence.iter().filter(|e| check_id(&e.entry.id).is_ok()) {
        out.push((evidence_page(&item.entry.id), site.evidence(item)));
    }
    out
}

/// The paper a PDF is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

/// How many pieces of evidence a CV lists besides its highlights.
const CV_EVIDENCE: usize = 10;
/// How many skills a CV names.
const CV_SKILLS: usize = 15;

/// The portfolio as one page laid out for paper, a CV of two to four pages: the profile,
/// highlights, skills, work, achieved goals as stories, current goals, selected evidence,
/// learning in a paragraph and education. Printed to PDF by a browser.
pub(crate) fn cv(p: &Portfolio, paper: Paper) -> String {
    let site = Site {
        p,
        pictures: &HashMap::new(),
        signer: None,
    };
    site.cv(paper)
}

struct Site<'a> {
    p: &'a Portfolio,
    pictures: &'a HashMap<String, String>,
    signer: Option<&'a Signer>,
}

impl Site<'_> {
    fn name(&self) -> &str {
        if self.p.profile.name.is_empty() {
            "Portfolio"
        } else {
            &self.p.profile.name
        }
    }

    /// A whole page: `root` leads from it to the site's root (`""` or `"../"`).
    fn layout(&self, title: &str, root: &str, main: Markup) -> String {
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta http-equiv="Content-Security-Policy" content=(CSP);
                    meta name="generator" content={ "mpl " (env!("CARGO_PKG_VERSION")) };
                    title { (title) }
                    style { (PreEscaped(CSS)) }
                }
                body {
                    a.skip href="#main" { "Skip to the content" }
                    (main)
                    footer {
                        @if !root.is_empty() {
                            p { a href={ (root) "index.html" } { (self.name()) "’s portfolio" } }
                        }
                        p {
                            "Kept as plain Markdown files in a git repository and written out by "
                            code { "mpl export" } "."
                        }
                        @if let Some(signer) = self.signer {
                            p {
                                "Signed by " (signer.identity) " with the ssh key "
                                code { (signer.fingerprint.clone()) }
                                ". To check that no file changed since, in this folder: "
                                code {
                                    "ssh-keygen -Y verify -f " (crate::sign::SIGNERS) " -I "
                                    (crate::render::terminal::shell_arg(&signer.identity)) " -n " (crate::sign::NAMESPACE) " -s "
                                    (crate::sign::SIGNATURE) " < " (crate::sign::SUMS)
                                }
                                " and " code { "sha256sum -c " (crate::sign::SUMS) }
                                " (or " code { "mpl verify" } "). Compare the key with one you know is theirs."
                            }
                        }
                    }
                }
            }
        };
        let mut text = page.into_string();
        text.push('\n');
        text
    }

    /// The small header of an inner page: the way home.
    fn crumb(&self, root: &str, section: &str) -> Markup {
        html! {
            nav.crumb aria-label="Breadcrumb" {
                a href={ (root) "index.html" } { (self.name()) } " › " (section)
            }
        }
    }

    /// The competencies of each framework the evidence going out shows, with that evidence;
    /// empty when none does. Only what goes out counts: private evidence stays out of it.
    fn competencies(&self) -> Markup {
        use crate::model::competency::{Coverage, matrix};
        let entries: Vec<Entry> = self
            .p
            .evidence
            .iter()
            .map(|e| e.entry.clone())
            .chain(self.p.learned.iter().cloned())
            .chain(self.p.goals.iter().map(|g| g.entry.clone()))
            .collect();
        /// A competency's name, where it stands, and its evidence (id, title).
        type Line = (String, Coverage, Vec<(String, String)>);
        let tables: Vec<(String, Vec<Line>)> = self
            .p
            .frameworks
            .iter()
            .map(|f| {
                let rows = matrix(f, &entries)
                    .into_iter()
                    .filter(|r| r.coverage != Coverage::NotStarted)
                    .map(|r| {
                        let shown: Vec<(String, String)> = r
                            .evidence
                            .iter()
                            .map(|e| (e.id.clone(), e.title.clone()))
                            .collect();
                        (r.competency.name.clone(), r.coverage, shown)
                    })
                    .collect::<Vec<_>>();
                (f.title.clone(), rows)
            })
            .filter(|(_, rows)| rows.iter().any(|(_, c, _)| *c == Coverage::Gained))
            .collect();
        if tables.is_empty() {
            return html! {};
        }
        html! {
            @for (title, rows) in &tables {
                table.competencies {
                    caption { (title) }
                    thead { tr { th scope="col" { "Competency" } th scope="col" { "Where it stands" } th scope="col" { "Evidence" } } }
                    tbody { @for (name, coverage, evidence) in rows { tr {
                        th scope="row" { (name) }
                        td { (coverage.as_str()) }
                        td { @for (i, (id, title)) in evidence.iter().enumerate() {
                            @if i > 0 { "; " }
                            @if check_id(id).is_ok() {
                                a href=(evidence_page(id)) { (title) }
                            } @else {
                                (title)
                            }
                        } }
                    } } }
                }
            }
        }
    }

    fn home(&self) -> String {
        let p = self.p;
        let profile = &p.profile;
        let highlights = p.highlights();
        let skills = p.skills();
        let competencies = self.competencies();
        let activity = p.activity();
        let has_learning = !p.learned.is_empty() || !activity.is_empty();
        let sections = [
            ("highlights", "Highlights", !highlights.is_empty()),
            ("skills", "Skills", !skills.is_empty()),
            ("competencies", "Competencies", !competencies.0.is_empty()),
            ("goals", "Goals", !p.goals.is_empty()),
            ("evidence", "Evidence", !p.evidence.is_empty()),
            ("learning", "Learning", has_learning),
            ("challenges", "Challenges", !p.challenges.is_empty()),
            ("feedback", "Feedback", !p.feedback.is_empty()),
            ("toolkit", "Toolkit", !p.toolkit.is_empty()),
        ];
        let present: Vec<_> = sections.iter().filter(|(_, _, shown)| *shown).collect();
        let contacts: Vec<(String, String)> = profile
            .contacts()
            .into_iter()
            .filter_map(|(label, url)| safe_url(&url).map(|url| (label, url)))
            .collect();
        let main = html! {
            header.profile {
                h1 { (self.name()) }
                @if !profile.headline.is_empty() {
                    p.headline { (profile.headline) }
                }
                @if !profile.location.is_empty() || !contacts.is_empty() {
                    ul.contact {
                        @if !profile.location.is_empty() { li { (profile.location) } }
                        @for (label, url) in &contacts { li { (link(url, label)) } }
                    }
                }
                @if !profile.summary.is_empty() {
                    div.summary { (PreEscaped(markdown_html_under(&profile.summary, 2))) }
                }
                p.meta {
                    "Learning portfolio " (period(p.since, p.until)) ". Written on "
                    (date_tag(p.generated.date_naive())) " from a journal kept with mpl."
                }
            }
            @if present.len() > 1 {
                nav aria-label="Sections" {
                    ul { @for (id, title, _) in &present { li { a href={ "#" (id) } { (title) } } } }
                }
            }
            main #main {
                @if present.is_empty() {
                    p.empty { "Nothing to show yet: no public goals, evidence or learning in this period." }
                }
                @if !highlights.is_empty() {
                    (section("highlights", "Highlights", html! {
                        ul.highlights { @for item in &highlights { (self.highlight(item)) } }
                    }))
                }
                @if !skills.is_empty() {
                    (section("skills", "Skills", html! {
                        p.note { "Each backed by the evidence and the learning it links to." }
                        ul.skills { @for skill in &skills { (self.skill(skill)) } }
                    }))
                }
                @if !competencies.0.is_empty() {
                    (section("competencies", "Competencies", competencies.clone()))
                }
                @if !p.goals.is_empty() {
                    (section("goals", "Goals", html! {
                        @for goal in &p.goals { (self.goal_story(goal, "")) }
                    }))
                }
                @if !p.evidence.is_empty() {
                    (section("evidence", "Evidence", self.evidence_list()))
                }
                @if has_learning {
                    (section("learning", "Learning", self.learning_summary(&activity)))
                }
                @if !p.challenges.is_empty() {
                    (section("challenges", "Challenges", html! {
                        table {
                            caption { "30-day challenges finished" }
                            thead { tr {
                                th scope="col" { "Challenge" } th scope="col" { "From" }
                                th scope="col" { "To" } th scope="col" { "Days done" }
                            } }
                            tbody { @for c in &p.challenges { tr {
                                th scope="row" { (c.title) }
                                td { (date_tag(c.started)) } td { (date_tag(c.ended)) }
                                td { (c.done) " of 30 (" (c.percent) "%)" }
                            } } }
                        }
                    }))
                }
                @if !p.feedback.is_empty() {
                    (section("feedback", "Feedback", html! {
                        @for entry in &p.feedback {
                            figure.feedback {
                                blockquote {
                                    p { (entry.title) }
                                    (PreEscaped(markdown_html_under(&entry.body, 3)))
                                }
                                figcaption {
                                    @if let Some(from) = Feedback::of(entry).from {
                                        (from.trim()) ", "
                                    }
                                    (date_tag(entry.date))
                                }
                            }
                        }
                    }))
                }
                @if !p.toolkit.is_empty() {
                    (section("toolkit", "Toolkit", html! {
                        @for (kind, entries) in p.toolkit_by_type() {
                            h3 { (plural(&kind)) }
                            ul.toolkit { @for entry in entries { li {
                                @match Toolkit::of(entry).url.as_deref().and_then(safe_url) {
                                    Some(url) => (link(&url, &entry.title)),
                                    None => (entry.title),
                                }
                                @if let Some(first) = entry.body.lines().find(|l| !l.trim().is_empty()) {
                                    " " span.note { (first.trim()) }
                                }
                            } } }
                        }
                    }))
                }
            }
        };
        self.layout(&format!("{} · portfolio", self.name()), "", main)
    }

    /// One highlight: the evidence's title (a link to its page), its date, its goal and its
    /// impact.
    fn highlight(&self, item: &EvidenceItem) -> Markup {
        let entry = &item.entry;
        let goals: Vec<&str> = entry
            .goals
            .iter()
            .filter_map(|id| self.p.goal_title(id))
            .collect();
        html! {
            li {
                @if check_id(&entry.id).is_ok() {
                    a href=(evidence_page(&entry.id)) { strong { (entry.title) } }
                } @else {
                    strong { (entry.title) }
                }
                " " span.note {
                    (date_tag(entry.date))
                    @if !goals.is_empty() { " · for " (goals.join(", ")) }
                }
                @if let Some(impact) = impact(entry) { br; (impact) }
            }
        }
    }

    /// One skill: its name, and the evidence and learning that back it, linked.
    fn skill(&self, skill: &Skill) -> Markup {
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
        html! {
            li { details {
                summary { strong { (skill.name) } " " span.note { (backing.join(", ")) } }
                ul {
                    @for item in skill.evidence.iter().filter(|id| check_id(id).is_ok()).filter_map(|id| self.p.evidence.iter().find(|e| &e.entry.id == id)) {
                        li { a href=(evidence_page(&item.entry.id)) { (item.entry.title) } }
                    }
                    @for entry in skill.learned.iter().filter_map(|id| self.p.learned.iter().find(|e| &e.id == id)) {
                        li { a href={ (LEARNING_PAGE) "#learned-" (entry.id) } { (entry.title) } }
                    }
                }
            } }
        }
    }

    /// A goal told as a story: its status, why, what it serves, its measure, its outcome
    /// (or progress), and what was done for it. On the home page (`root` `""`) it has a
    /// title that links to its page; on its own page (`root` `"../"`) the page's heading is
    /// its title, and its description follows the facts.
    fn goal_story(&self, item: &GoalItem, root: &str) -> Markup {
        let (entry, goal) = (&item.entry, &item.goal);
        let evidence: Vec<&EvidenceItem> = self
            .p
            .evidence
            .iter()
            .filter(|e| e.entry.goals.contains(&entry.id))
            .collect();
        let learned = self
            .p
            .learned
            .iter()
            .filter(|e| e.goals.contains(&entry.id))
            .count();
        let on_home = root.is_empty();
        let title = html! {
            @if on_home && check_id(&entry.id).is_ok() {
                a href=(goal_page(&entry.id)) { (entry.title) }
            } @else {
                (entry.title)
            }
        };
        let facts = [
            ("Why", &goal.why),
            ("Aligned with", &goal.aligned_with),
            ("Measure of success", &goal.measure),
        ];
        let outcome = goal.outcome().filter(|_| goal.status == Status::Achieved);
        let percent = goal.percent().filter(|_| goal.status != Status::Achieved);
        html! {
            article.goal #{ "goal-" (entry.id) } {
                @if on_home { h3.title { (title) } }
                p.meta {
                    span class={ "status status-" (goal.status.as_str()) } { (status_text(goal.status)) }
                    @if let Some(day) = goal.achieved_on().filter(|_| goal.status == Status::Achieved) {
                        " on " (date_tag(day))
                    } @else if let Some(due) = goal.due {
                        " · due " (date_tag(due))
                    }
                    " · set " (date_tag(entry.date))
                }
                dl {
                    @for (term, value) in facts {
                        @if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                            dt { (term) } dd { (value) }
                        }
                    }
                    @if let Some(outcome) = outcome {
                        dt { "Outcome" } dd { (outcome) }
                    } @else if let Some(percent) = percent {
                        dt { "Progress" }
                        dd {
                            progress max="100" value=(percent) aria-label={ (percent) "% done" } { (percent) "%" }
                            " " (percent) "%"
                        }
                    }
                }
                @if !on_home && !goal.key_results.is_empty() {
                    h2 { "Key results" }
                    @for kr in &goal.key_results {
                        @let readings = kr.readings(&goal.readings);
                        figure.key-result {
                            @if let Some(chart) = super::chart::key_result_svg(kr, &readings) {
                                (chart)
                            }
                            figcaption {
                                strong { (kr.name) } ": " (kr.show(kr.from)) " → " (kr.show(kr.to))
                                @if let Some(last) = readings.last() {
                                    "; " (kr.show(last.value)) " on " (date_tag(last.date))
                                    " (the dashed line is the target)"
                                } @else {
                                    "; not measured yet"
                                }
                            }
                        }
                    }
                }
                @if !on_home {
                    (PreEscaped(markdown_html_under(&entry.body, 2)))
                }
                @if !evidence.is_empty() {
                    @if on_home { h4 { "What was done" } } @else { h2 { "What was done" } }
                    ul.done { @for e in &evidence { li {
                        @if check_id(&e.entry.id).is_ok() {
                            a href={ (root) (evidence_page(&e.entry.id)) } { (e.entry.title) }
                        } @else {
                            (e.entry.title)
                        }
                        @if let Some(impact) = impact(&e.entry) { ": " (impact) }
                    } } }
                }
                @if learned > 0 {
                    p.linked {
                        a href={ (root) (LEARNING_PAGE) } {
                            (count(learned, "thing", "things")) " learned for it"
                        } "."
                    }
                }
            }
        }
    }

    /// A goal's own page: its story, its description, and with `--goal-notes` its log.
    fn goal(&self, item: &GoalItem) -> String {
        let goal = &item.goal;
        let main = html! {
            (self.crumb("../", "Goals"))
            main #main {
                h1 { (item.entry.title) }
                (self.goal_story(item, "../"))
                @if self.p.goal_notes && !goal.progress.is_empty() {
                    h2 { "Progress log" }
                    ol.log { @for note in &goal.progress {
                        @let (text, percent) = note.reads();
                        li {
                            (date_tag(note.date)) ": " (text)
                            @let extra: Vec<String> = percent.map(|p| format!("{p}%")).into_iter()
                                .chain(note.status.map(|s| s.as_str().to_string())).collect();
                            @if !extra.is_empty() { " " span.note { "(" (extra.join(", ")) ")" } }
                        }
                    } }
                }
            }
        };
        self.layout(
            &format!("{} · {}", item.entry.title, self.name()),
            "../",
            main,
        )
    }

    /// The evidence on the home page, a year at a time: the latest open, the others folded.
    fn evidence_list(&self) -> Markup {
        let mut years: Vec<(i32, Vec<&EvidenceItem>)> = Vec::new();
        for item in &self.p.evidence {
            let year = item.entry.date.year();
            match years.last_mut() {
                Some((y, items)) if *y == year => items.push(item),
                _ => years.push((year, vec![item])),
            }
        }
        let list = |items: &[&EvidenceItem]| {
            html! {
                ul.evidence { @for item in items { li {
                    @if check_id(&item.entry.id).is_ok() {
                        a href=(evidence_page(&item.entry.id)) { strong { (item.entry.title) } }
                    } @else {
                        strong { (item.entry.title) }
                    }
                    " " span.note { (date_tag(item.entry.date)) }
                    @if let Some(impact) = impact(&item.entry) { br; (impact) }
                } } }
            }
        };
        html! {
            @if years.len() == 1 {
                (list(&years[0].1))
            } @else {
                @for (i, (year, items)) in years.iter().enumerate() {
                    details.year open[i == 0] {
                        summary { h3 { (year) } " " span.note { (count(items.len(), "piece", "pieces")) " of evidence" } }
                        (list(items))
                    }
                }
            }
        }
    }

    /// A piece of evidence's own page: what it is, its impact, its story, links and files.
    fn evidence(&self, item: &EvidenceItem) -> String {
        let entry = &item.entry;
        let goals: Vec<(&str, &str)> = entry
            .goals
            .iter()
            .filter_map(|id| self.p.goal_title(id).map(|title| (id.as_str(), title)))
            .collect();
        let links: Vec<String> = item.links.iter().filter_map(|l| safe_url(l)).collect();
        let tags: Vec<String> = entry.tags.iter().map(|t| self.p.tag_name(t)).collect();
        let main = html! {
            (self.crumb("../", "Evidence"))
            main #main {
                article.evidence #{ "evidence-" (entry.id) } {
                    h1 { (entry.title) }
                    p.meta {
                        (date_tag(entry.date))
                        @for (i, (id, title)) in goals.iter().enumerate() {
                            @if i == 0 { " · for " } @else { ", " }
                            @if check_id(id).is_ok() {
                                a href={ "../" (goal_page(id)) } { (title) }
                            } @else {
                                (title)
                            }
                        }
                        @for tag in &tags { " " span.tag { (tag) } }
                    }
                    @if let Some(impact) = impact(entry) {
                        p.impact { strong { "Impact:" } " " (impact) }
                    }
                    (PreEscaped(markdown_html_under(&entry.body, 2)))
                    @if !links.is_empty() {
                        h2 { "Links" }
                        ul.links { @for url in &links { li { (link(url, url)) } } }
                    }
                    @if !item.attachments.is_empty() {
                        h2 { "Files" }
                        ul.files { @for attachment in &item.attachments { (self.attachment(entry, attachment)) } }
                    }
                }
            }
        };
        self.layout(&format!("{} · {}", entry.title, self.name()), "../", main)
    }

    /// One attached file: a picture shown (described by the evidence it proves) with its
    /// name, size and link; a file a browser could run as a page only ever downloaded.
    fn attachment(&self, entry: &Entry, attachment: &crate::model::evidence::Attachment) -> Markup {
        let path = format!("../{}", attachment_path(attachment));
        let name = crate::model::evidence::display_name(&attachment.name);
        let picture = if is_image(attachment) {
            Some(path.clone())
        } else if is_svg(attachment) {
            self.pictures.get(&attachment.file).cloned()
        } else {
            None
        };
        let passive = is_passive(attachment);
        let file = html! {
            @if passive {
                a href=(path) { (name) }
                " " span.note { "(" (human_size(attachment.bytes)) ")" }
            } @else {
                a href=(path) download=(name) { (name) }
                " " span.note { "(" (human_size(attachment.bytes)) ", download)" }
            }
        };
        html! {
            li {
                @if let Some(src) = picture {
                    figure {
                        img src=(src) alt=(entry.title) loading="lazy";
                        figcaption { (file) }
                    }
                } @else {
                    (file)
                }
            }
        }
    }

    /// The learning on the home page: how much, over when, and the way to the log.
    fn learning_summary(&self, activity: &BTreeMap<NaiveDate, u32>) -> Markup {
        let p = self.p;
        let years = p.learned_by_year();
        let topics: std::collections::HashSet<&str> = years
            .iter()
            .flat_map(|y| y.topics.iter().map(|(t, _)| t.as_str()))
            .collect();
        let latest = calendar::years(activity).into_iter().next();
        html! {
            @if !p.learned.is_empty() {
                p {
                    (count(p.learned.len(), "thing", "things")) " learned, in "
                    (count(topics.len(), "topic", "topics")) ", "
                    (span(p.learned.iter().map(|e| e.date))) ". "
                    a href=(LEARNING_PAGE) { "The learning log" } " has each, by year and topic."
                }
            }
            @if let Some(year) = latest {
                figure.calendar {
                    (PreEscaped(calendar::year_svg(year, activity, p.until)))
                    figcaption { (year) ": each square is a day; the darker, the more was learned, evidenced or moved forward." }
                }
            }
        }
    }

    /// The learning log: the activity of every year, then each thing learned by year and
    /// topic.
    fn learning(&self) -> String {
        let p = self.p;
        let activity = p.activity();
        let years = p.learned_by_year();
        let topic_name = |topic: &str| {
            if topic == OTHER_TOPIC {
                topic.to_string()
            } else {
                p.tag_name(topic)
            }
        };
        let main = html! {
            (self.crumb("", "Learning"))
            main #main {
                h1 { "Learning" }
                (self.learning_summary_text())
                @let calendar_years = calendar::years(&activity);
                @if !calendar_years.is_empty() {
                    h2 { "Activity" }
                    p.note { "Each square is a day; the darker, the more was learned, evidenced or moved forward." }
                    @for year in calendar_years {
                        figure.calendar {
                            (PreEscaped(calendar::year_svg(year, &activity, p.until)))
                            figcaption { (year) }
                        }
                    }
                }
                @for (i, year) in years.iter().enumerate() {
                    details.year open[i == 0] {
                        summary {
                            h2 { (year.year) } " "
                            span.note {
                                (year.count) " learned · "
                                @for (n, (topic, entries)) in year.topics.iter().take(3).enumerate() {
                                    @if n > 0 { ", " }
                                    (topic_name(topic)) " (" (entries.len()) ")"
                                }
                            }
                        }
                        @for (topic, entries) in &year.topics {
                            h3 { (topic_name(topic)) " " span.note { "(" (entries.len()) ")" } }
                            ul.learned { @for entry in entries { (learned_item(entry)) } }
                        }
                    }
                }
            }
        };
        self.layout(&format!("Learning · {}", self.name()), "", main)
    }

    fn cv(&self, paper: Paper) -> String {
        let p = self.p;
        let profile = &p.profile;
        let highlights = p.highlights();
        let shown: Vec<&str> = highlights.iter().map(|e| e.entry.id.as_str()).collect();
        let skills: Vec<Skill> = p.skills().into_iter().take(CV_SKILLS).collect();
        let achieved: Vec<&GoalItem> = p
            .goals
            .iter()
            .filter(|g| g.goal.status == Status::Achieved)
            .collect();
        let current: Vec<&GoalItem> = p
            .goals
            .iter()
            .filter(|g| g.goal.status != Status::Achieved)
            .collect();
        let evidence: Vec<&EvidenceItem> = p
            .evidence
            .iter()
            .filter(|e| !shown.contains(&e.entry.id.as_str()) && impact(&e.entry).is_some())
            .take(CV_EVIDENCE)
            .collect();
        let years = p.learned_by_year();
        let mut topics: BTreeMap<String, usize> = BTreeMap::new();
        for year in &years {
            for (topic, entries) in &year.topics {
                if topic != OTHER_TOPIC {
                    *topics.entry(p.tag_name(topic)).or_default() += entries.len();
                }
            }
        }
        let mut topics: Vec<(String, usize)> = topics.into_iter().collect();
        topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let contacts: Vec<String> = profile
            .contacts()
            .into_iter()
            .filter_map(|(label, url)| {
                safe_url(&url).map(|url| {
                    // On paper an address is what a reader can use.
                    if url.starts_with("mailto:") {
                        label
                    } else {
                        url.trim_end_matches('/')
                            .trim_start_matches("https://")
                            .to_string()
                    }
                })
            })
            .collect();
        let page_size = match paper {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        };
        let main = html! {
            header.profile {
                h1 { (self.name()) }
                @if !profile.headline.is_empty() { p.headline { (profile.headline) } }
                @if !profile.location.is_empty() || !contacts.is_empty() {
                    p.contact-line {
                        @if !profile.location.is_empty() { (profile.location) }
                        @for (i, contact) in contacts.iter().enumerate() {
                            @if i > 0 || !profile.location.is_empty() { " · " }
                            (contact)
                        }
                    }
                }
                @if !profile.summary.is_empty() {
                    div.summary { (PreEscaped(markdown_html_under(&profile.summary, 3))) }
                }
            }
            main #main {
                @if !highlights.is_empty() {
                    h2 { "Highlights" }
                    ul.highlights { @for item in &highlights { li {
                        strong { (item.entry.title) } " " span.note { (date_tag(item.entry.date)) }
                        @if let Some(impact) = impact(&item.entry) { br; (impact) }
                    } } }
                }
                @if !skills.is_empty() {
                    h2 { "Skills" }
                    p.skills-line {
                        @for (i, skill) in skills.iter().enumerate() {
                            @if i > 0 { " · " }
                            strong { (skill.name) }
                            " " span.note { "(" (skill.evidence.len() + skill.learned.len()) ")" }
                        }
                    }
                }
                @if !profile.work.is_empty() {
                    h2 { "Experience" }
                    @for role in &profile.work {
                        div.role {
                            h3 { (role.role) @if !role.org.is_empty() { ", " (role.org) } }
                            p.meta { (role.from) " to " @if role.to.is_empty() { "now" } @else { (role.to) } }
                            @if !role.summary.is_empty() { p { (role.summary) } }
                        }
                    }
                }
                @if !profile.education.is_empty() {
                    h2 { "Education" }
                    ul.cv-education { @for study in &profile.education { li {
                        strong { (study.course) } @if !study.school.is_empty() { ", " (study.school) }
                        " " span.note { (study.from) @if !study.to.is_empty() { " to " (study.to) } }
                    } } }
                }
                @if !achieved.is_empty() {
                    h2 { "Achievements" }
                    @for goal in &achieved { (self.cv_goal(goal)) }
                }
                @if !current.is_empty() {
                    h2 { "Working towards" }
                    @for goal in &current { (self.cv_goal(goal)) }
                }
                @if !evidence.is_empty() {
                    h2 { "Selected evidence" }
                    ul.cv-evidence { @for item in &evidence { li {
                        strong { (item.entry.title) } " " span.note { (date_tag(item.entry.date)) }
                        @if let Some(impact) = impact(&item.entry) { ": " (impact) }
                    } } }
                }
                @if !p.learned.is_empty() {
                    h2 { "Learning" }
                    p {
                        (count(p.learned.len(), "thing", "things")) " learned "
                        (span(p.learned.iter().map(|e| e.date)))
                        @if !topics.is_empty() {
                            ", most in "
                            @for (i, (topic, n)) in topics.iter().take(6).enumerate() {
                                @if i > 0 { ", " }
                                (topic) " (" (n) ")"
                            }
                        }
                        "."
                    }
                }
            }
        };
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(CSP);
                    meta name="generator" content={ "mpl " (env!("CARGO_PKG_VERSION")) };
                    title { (self.name()) " · CV" }
                    style { (PreEscaped(CSS)) (PreEscaped(CV_CSS.replace("PAGE_SIZE", page_size))) }
                }
                body.cv {
                    (main)
                    footer { p {
                        "Written on " (date_tag(p.generated.date_naive()))
                        " from a journal kept with mpl: every line is backed by dated evidence."
                    } }
                }
            }
        };
        page.into_string()
    }

    /// A goal on a CV: its title and dates, its measure, and its outcome or progress.
    fn cv_goal(&self, item: &GoalItem) -> Markup {
        let (entry, goal) = (&item.entry, &item.goal);
        let evidence: Vec<&str> = self
            .p
            .evidence
            .iter()
            .filter(|e| e.entry.goals.contains(&entry.id))
            .map(|e| e.entry.title.as_str())
            .collect();
        html! {
            div.cv-goal {
                h3 { (entry.title) }
                p.meta {
                    @if let Some(day) = goal.achieved_on().filter(|_| goal.status == Status::Achieved) {
                        "Achieved " (date_tag(day))
                    } @else if let Some(percent) = goal.percent() {
                        (percent) "% · set " (date_tag(entry.date))
                    } @else {
                        "Set " (date_tag(entry.date))
                    }
                }
                @if let Some(measure) = goal.measure.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
                    p { strong { "Measure: " } (measure) }
                }
                @if let Some(outcome) = goal.outcome().filter(|_| goal.status == Status::Achieved) {
                    p { strong { "Outcome: " } (outcome) }
                }
                @if !evidence.is_empty() {
                    p { strong { "Evidence: " } (evidence.join("; ")) }
                }
            }
        }
    }

    fn learning_summary_text(&self) -> Markup {
        let p = self.p;
        html! {
            @if !p.learned.is_empty() {
                p { (count(p.learned.len(), "thing", "things")) " learned, " (span(p.learned.iter().map(|e| e.date))) "." }
            }
        }
    }
}

/// One thing learned in the log: its day, title and source.
fn learned_item(entry: &Entry) -> Markup {
    let source = Learned::of(entry).source;
    let source = source.as_deref().map(str::trim).filter(|s| !s.is_empty());
    html! {
        li #{ "learned-" (entry.id) } {
            time.day datetime=(entry.date.format("%Y-%m-%d").to_string()) { (entry.date.format("%-d %b").to_string()) }
            " " (entry.title)
            @if let Some(source) = source {
                @match safe_url(source) {
                    Some(url) => { " · " (link(&url, "source")) }
                    None => { " · " span.note { (source) } }
                }
            }
        }
    }
}

fn section(id: &str, title: &str, content: Markup) -> Markup {
    html! {
        section #(id) aria-labelledby={ (id) "-title" } {
            h2 #{ (id) "-title" } { (title) }
            (content)
        }
    }
}

fn impact(entry: &Entry) -> Option<String> {
    Evidence::of(entry)
        .impact
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

fn period(since: Option<NaiveDate>, until: NaiveDate) -> Markup {
    html! {
        @match since {
            Some(since) => { "from " (date_tag(since)) " to " (date_tag(until)) }
            None => { "up to " (date_tag(until)) }
        }
    }
}

fn date_tag(date: NaiveDate) -> Markup {
    html! {
        time datetime=(date.format("%Y-%m-%d").to_string()) { (date.format("%-d %B %Y").to_string()) }
    }
}

fn link(url: &str, text: &str) -> Markup {
    html! { a href=(url) rel="noopener noreferrer nofollow" { (text) } }
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
