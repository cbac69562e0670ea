//! The end-of-day reflection: its six questions, and its body as `## ` sections.
//!
//! A body is parsed into an optional preamble and a list of sections (heading, text) with
//! pulldown-cmark, so a `## ` inside a code block is not mistaken for a heading. A second
//! reflection on the same day is merged in: answers to a question already answered are
//! appended below the first ones, never put in their place.

use super::Entry;
use super::template::{Question, Role, Template, daily, normalize, same_heading};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The front matter table of a reflection that names the role of each answer whose heading
/// is not one of the six daily questions': `"Evaluation" = "went-well"`. Written with the
/// answers, so a heading renamed in a template later never loses an old answer's role.
pub const ROLES: &str = "roles";
/// The front matter field naming the template a reflection was written with, when it is
/// not the six daily questions.
pub const TEMPLATE: &str = "template";

/// The role of a heading among the six daily questions, matched on the heading, the role's
/// name or the prompt, ignoring case and trailing punctuation: `## What went well?` and
/// `## went-well` both answer `went-well`.
pub(crate) fn builtin_role(heading: &str) -> Option<Role> {
    super::template::six()
        .question_for(heading)
        .and_then(|q| q.role)
}

/// The position of the daily question a heading answers, if it answers one.
pub(crate) fn question_index(heading: &str) -> Option<usize> {
    builtin_role(heading).and_then(|r| Role::ALL.iter().position(|x| *x == r))
}

/// Which answer of a reflection has which role: the `roles` table of its front matter
/// first, then the six daily headings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles {
    /// Each heading, as [`normalize`] reads it, with its role.
    named: std::collections::HashMap<String, Role>,
}

impl Roles {
    /// The roles an entry's front matter names; a value that is not a role is left out
    /// (`doctor` reports it).
    pub fn of(entry: &Entry) -> Roles {
        let named = entry
            .extra
            .get(ROLES)
            .and_then(toml::Value::as_table)
            .map(|table| {
                table
                    .iter()
                    .filter_map(|(heading, role)| {
                        Some((normalize(heading), Role::parse(role.as_str()?)?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Roles { named }
    }

    /// The role of the answer under `heading`.
    pub fn role_of(&self, heading: &str) -> Option<Role> {
        if let Some(role) = self.named.get(&normalize(heading)) {
            return Some(*role);
        }
        builtin_role(heading)
    }

    /// Records in `entry` the roles of `template`'s questions that its headings do not
    /// already say (and that `sections` answers), so the entry keeps them on its own.
    pub fn record(entry: &mut Entry, template: &Template, sections: &Sections) {
        // A `roles` of the user's own that is not a table is theirs: kept as it is (the
        // answers then keep their roles only by their headings).
        if entry.extra.get(ROLES).is_some_and(|v| !v.is_table()) {
            return;
        }
        let mut table = entry
            .extra
            .get(ROLES)
            .and_then(toml::Value::as_table)
            .cloned()
            .unwrap_or_default();
        for question in &template.questions {
            let answered = sections
                .sections
                .iter()
                .any(|s| same_heading(&s.heading, &question.heading));
            if !answered || builtin_role(&question.heading) == question.role {
                continue;
            }
            if let Some(role) = question.role {
                table.insert(question.heading.clone(), role.key().into());
            }
        }
        if !table.is_empty() {
            entry.extra.insert(ROLES.into(), toml::Value::Table(table));
        }
        // The template's name, when it is one (the questions of mpl.toml have none).
        if template.name != super::template::DAILY
            && super::template::check_name(&template.name).is_ok()
        {
            entry
                .extra
                .entry(TEMPLATE)
                .or_insert_with(|| template.name.clone().into());
        }
    }
}

/// What is wrong with an entry's `roles` table, if anything.
pub fn check_roles(entry: &Entry) -> Option<String> {
    let value = entry.extra.get(ROLES)?;
    let Some(table) = value.as_table() else {
        return Some(format!(
            "'{ROLES}' must be a table of headings and their roles, such as [roles] \"Evaluation\" = \"went-well\""
        ));
    };
    for (heading, role) in table {
        if role.as_str().and_then(Role::parse).is_none() {
            return Some(format!(
                "the role {role} of \"{heading}\" in [{ROLES}] is not a role: use {}",
                Role::names()
            ));
        }
    }
    None
}

/// A reflection read for its answers: sections and the role of each.
#[derive(Debug, Clone)]
pub struct Reflection {
    pub sections: Sections,
    pub roles: Roles,
}

impl Reflection {
    pub fn of(entry: &Entry) -> Reflection {
        Reflection {
            sections: Sections::parse(&entry.body),
            roles: Roles::of(entry),
        }
    }

    /// Every non-empty answer with `role`, in the order written.
    pub fn answers(&self, role: Role) -> Vec<&str> {
        self.sections
            .sections
            .iter()
            .filter(|s| self.roles.role_of(&s.heading) == Some(role))
            .map(|s| s.text.trim())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The answers with `role` as one text.
    pub fn answer(&self, role: Role) -> Option<String> {
        let answers = self.answers(role);
        (!answers.is_empty()).then(|| answers.join("\n\n"))
    }
}

/// Where one section of a body is: its heading line starts at `start`, its text runs from
/// `text_start` to `end`.
struct Span {
    start: usize,
    text_start: usize,
    end: usize,
    heading: String,
}

/// The sections of `body`: every `## Heading` that is not inside a quote, a list or
/// another container.
fn spans(body: &str) -> Vec<Span> {
    let mut starts: Vec<(usize, usize, String)> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::HtmlBlock,
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::HtmlBlock,
            ) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) if depth == 0 => {
                if let Some(heading) = atx_heading(body, range.start, range.end) {
                    starts.push((range.start, range.end, heading));
                }
            }
            _ => {}
        }
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s.0)
        .chain([body.len()])
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .map(|((start, text_start, heading), end)| Span {
            start,
            text_start,
            end,
            heading,
        })
        .collect()
}

/// `text` without blank lines before and whitespace after it; the first line keeps its
/// indentation (it may be code).
pub fn trim_blank_lines(text: &str) -> &str {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        start += line.len();
    }
    text[start..].trim_end()
}

/// The text of a level-two heading that starts a line of `body` (`## Heading`), as written,
/// links and code included. Headings inside a quote or a list item, and underlined
/// (setext) headings, are part of the text around them, not section breaks.
fn atx_heading(body: &str, start: usize, end: usize) -> Option<String> {
    let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &body[line_start..start];
    if !(before.len() <= 3 && before.chars().all(|c| c == ' ')) {
        return None;
    }
    let line = body[start..end].lines().next()?;
    let text = line.trim_start_matches(' ').strip_prefix("##")?;
    let text = text.trim();
    // An optional closing run of `#`, which must follow a space.
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.is_empty() || without_closing.ends_with(' ') {
        without_closing.trim_end()
    } else {
        text
    };
    Some(text.to_string())
}

/// What makes two headings one section: the question they answer, else their words.
pub(crate) fn section_key(heading: &str) -> String {
    match builtin_role(heading) {
        Some(role) => role.key().to_string(),
        None => normalize(heading),
    }
}

/// A reflection body: text before the first `## ` heading, then the sections in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sections {
    pub(crate) preamble: String,
    pub(crate) sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub(crate) heading: String,
    pub(crate) text: String,
}

/// A reflection in a line: its first answer, in the order of the roles (else its first
/// line of text), at most `max` characters.
pub fn gist(entry: &Entry, max: usize) -> String {
    let reflection = Reflection::of(entry);
    let text = Role::ALL
        .iter()
        .find_map(|role| reflection.answers(*role).first().map(|a| a.to_string()))
        .or_else(|| {
            entry
                .body
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
        })
        .unwrap_or_default();
    super::entry::title_from_text(&text, max)
}

impl Sections {
    /// Splits a Markdown body at its level-two headings. Text keeps its indentation;
    /// only blank lines around it are dropped.
    pub fn parse(body: &str) -> Sections {
        let spans = spans(body);
        let preamble_end = spans.first().map_or(body.len(), |s| s.start);
        Sections {
            preamble: trim_blank_lines(&body[..preamble_end]).to_string(),
            sections: spans
                .iter()
                .map(|span| Section {
                    heading: span.heading.clone(),
                    text: trim_blank_lines(&body[span.text_start..span.end]).to_string(),
                })
                .collect(),
        }
    }

    /// Sections from answers given as (question, text); empty answers are left out.
    pub fn from_answers(answers: &[(&Question, String)]) -> Sections {
        Sections {
            preamble: String::new(),
            sections: answers
                .iter()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(q, text)| Section {
                    heading: q.heading.to_string(),
                    text: text.trim().to_string(),
                })
                .collect(),
        }
    }

    /// Renames headings that answer a question of `template` (or one of the six daily
    /// questions) to that question's own heading, so `## What went well?` typed by hand is
    /// stored as `## What went well`.
    pub fn canonicalize(&mut self, template: &Template) {
        let six = daily();
        for section in &mut self.sections {
            if let Some(question) = template
                .question_for(&section.heading)
                .or_else(|| six.question_for(&section.heading))
            {
                section.heading = question.heading.clone();
            }
        }
    }

    /// The text before the first heading, and the answered sections whose headings
    /// `template` does not ask: what a draft written with other questions holds besides.
    pub fn not_asked_by(&self, template: &Template) -> Sections {
        Sections {
            preamble: self.preamble.clone(),
            sections: self
                .sections
                .iter()
                .filter(|s| template.question_for(&s.heading).is_none())
                .filter(|s| !s.text.trim().is_empty())
                .cloned()
                .collect(),
        }
    }

    /// The headings, in order.
    pub fn headings(&self) -> Vec<&str> {
        self.sections.iter().map(|s| s.heading.as_str()).collect()
    }

    /// The text under `heading`, if the body has it.
    pub fn text_under(&self, heading: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| same_heading(&s.heading, heading))
            .map(|s| s.text.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.preamble.is_empty() && self.sections.iter().all(|s| s.text.is_empty())
    }

    /// Adds `other` to these sections. An answer to a question already answered goes below
    /// the existing text; an identical answer is not repeated. Nothing is ever removed.
    pub fn merge(&mut self, other: Sections) {
        self.preamble = join(&self.preamble, &other.preamble);
        for new in other.sections {
            let same = |s: &&mut Section| match builtin_role(&new.heading) {
                Some(role) => builtin_role(&s.heading) == Some(role),
                None => same_heading(&s.heading, &new.heading),
            };
            if let Some(existing) = self.sections.iter_mut().find(|s| same(s)) {
                existing.text = join(&existing.text, &new.text);
                continue;
            }
            // A new answer goes among the questions, in their usual order; nothing already
            // in the body moves.
            let at = match question_index(&new.heading) {
                Some(index) => self
                    .sections
                    .iter()
                    .position(|s| question_index(&s.heading).is_some_and(|i| i > index))
                    .or_else(|| {
                        self.sections
                            .iter()
                            .rposition(|s| question_index(&s.heading).is_some())
                            .map(|last| last + 1)
                    })
                    .unwrap_or(self.sections.len()),
                None => self.sections.len(),
            };
            self.sections.insert(at, new);
        }
    }

    /// The Markdown body: preamble, then `## heading` and text for each section.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if !self.preamble.is_empty() {
            out.push_str(&self.preamble);
            out.push_str("\n\n");
        }
        for section in &self.sections {
            out.push_str("## ");
            out.push_str(&section.heading);
            out.push_str("\n\n");
            if !section.text.is_empty() {
                out.push_str(&section.text);
                out.push_str("\n\n");
            }
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}

/// `a` and `b` as paragraphs, without repeating `b` when `a` already holds it.
fn join(a: &str, b: &str) -> String {
    let (a, b) = (a.trim(), b.trim());
    // The same answer given twice (a re-run script, a resumed draft) is not repeated; a
    // shorter answer that merely appears inside a longer one is still added.
    let repeated = a == b
        || a.starts_with(&format!("{b}\n\n"))
        || a.ends_with(&format!("\n\n{b}"))
        || a.contains(&format!("\n\n{b}\n\n"));
    if b.is_empty() || repeated {
        a.to_string()
    } else if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}\n\n{b}")
    }
}

/// What `reflect --edit` opens for a day with no reflection yet: each question's heading,
/// with its prompt below it as a comment.
pub fn edit_template(template: &Template) -> String {
    let mut out = String::new();
    for q in &template.questions {
        out.push_str(&format!("## {}\n\n<!-- {} -->\n\n", q.heading, q.prompt));
    }
    out
}

/// Removes the template's `<!-- prompt -->` comments, and each of `notes` (blocks the
/// template was given to read, such as a period's digest) where it stands whole, so an
/// untouched template reads empty.
pub(crate) fn strip_prompts(body: &str, template: &Template, notes: &[String]) -> String {
    let mut body = body.to_string();
    for note in notes.iter().filter(|n| !n.is_empty()) {
        if let Some(at) = body.find(note.as_str()) {
            body.replace_range(at..at + note.len(), "");
        }
    }
    let prompts: Vec<String> = template
        .questions
        .iter()
        .map(|q| format!("<!-- {} -->", q.prompt))
        .collect();
    let mut out = String::with_capacity(body.len());
    let mut lines = body.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if prompts.iter().any(|p| line.trim() == p) {
            // A prompt on its own line goes with its line, and with the blank line after
            // it, so an answer typed below it sits right under the heading.
            if lines.peek().is_some_and(|next| next.trim().is_empty()) {
                lines.next();
            }
            continue;
        }
        let mut line = line.to_string();
        for prompt in &prompts {
            line = line.replace(prompt.as_str(), "");
        }
        out.push_str(&line);
    }
    out
}

/// A body written from a template, tidied: the prompts and `notes` go, and so do the
/// template's sections left empty. Everything else stays exactly as written.
pub fn tidy_template(body: &str, template: &Template, notes: &[String]) -> String {
    let body = strip_prompts(body, template, notes);
    let six = daily();
    let mut out = String::new();
    let mut at = 0;
    for span in spans(&body) {
        let asked = template.question_for(&span.heading).is_some()
            || six.question_for(&span.heading).is_some();
        if asked && body[span.text_start..span.end].trim().is_empty() {
            out.push_str(&body[at..span.start]);
            at = span.end;
        }
    }
    out.push_str(&body[at..]);
    let tidy = trim_blank_lines(&out);
    if tidy.is_empty() {
        String::new()
    } else {
        format!("{tidy}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(key: &str) -> Question {
        daily()
            .question_for_role(Role::parse(key).unwrap())
            .unwrap()
            .clone()
    }

    fn answer(sections: &Sections, key: &str) -> Option<String> {
        Reflection {
            sections: sections.clone(),
            roles: Roles::default(),
        }
        .answer(Role::parse(key).unwrap())
    }

    #[test]
    fn headings_match_questions_loosely() {
        assert_eq!(builtin_role("What went well?"), Some(Role::WentWell));
        assert_eq!(builtin_role("went-well"), Some(Role::WentWell));
        assert_eq!(builtin_role("  key moments "), Some(Role::Moments));
        assert_eq!(builtin_role("Random"), None);
    }

    #[test]
    fn roles_come_from_the_entry_then_the_daily_headings() {
        let gibbs = super::super::template::built_in("gibbs").unwrap();
        let mut entry = Entry::new(
            super::super::Kind::Reflection,
            "2026-11-30".into(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            chrono::DateTime::parse_from_rfc3339("2026-11-30T18:00:00+00:00").unwrap(),
            "r".into(),
        );
        let sections = Sections::from_answers(&[
            (&gibbs.questions[2], "The demo".into()),
            (&gibbs.questions[1], "Nervous".into()),
        ]);
        entry.body = sections.render() + "\n## What went well\n\nLunch\n";
        Roles::record(&mut entry, &gibbs, &sections);
        let roles = entry.extra[ROLES].as_table().unwrap();
        // Only answered questions with a role are recorded.
        assert_eq!(roles.len(), 1);
        assert_eq!(roles["Evaluation"].as_str(), Some("went-well"));
        assert_eq!(entry.extra[TEMPLATE].as_str(), Some("gibbs"));
        let reflection = Reflection::of(&entry);
        assert_eq!(
            reflection.answers(Role::WentWell),
            vec!["The demo", "Lunch"]
        );
        assert_eq!(reflection.answer(Role::Difficult), None);
        assert_eq!(gist(&entry, 80), "The demo");
        // The daily questions record nothing: their headings say their roles.
        let mut plain = entry.clone();
        plain.extra.clear();
        let six = Sections::from_answers(&[(&q("next"), "Ship".into())]);
        Roles::record(&mut plain, &daily(), &six);
        assert!(plain.extra.is_empty());
    }

    #[test]
    fn parse_and_render_round_trip() {
        let body = "Intro line.\n\n## Key moments\n\nShipped it.\n\n```\n## not a heading\n```\n\n## Custom\n\nmine\n";
        let sections = Sections::parse(body);
        assert_eq!(sections.preamble, "Intro line.");
        assert_eq!(sections.sections.len(), 2);
        assert!(sections.sections[0].text.contains("## not a heading"));
        assert_eq!(Sections::parse(&sections.render()), sections);
    }

    #[test]
    fn only_top_level_headings_split_and_are_kept_as_written() {
        let body = "## Read [the RFC](https://example.org/rfc) today\n\ntext\n\n> ## Quoted heading\n> quoted line\n\n- ## in a list\n\n## C# tips ##\n\nx\n\nSetext\n------\n";
        let sections = Sections::parse(body);
        let headings: Vec<&str> = sections
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(
            headings,
            vec!["Read [the RFC](https://example.org/rfc) today", "C# tips"]
        );
        assert!(
            sections.sections[0]
                .text
                .contains("> ## Quoted heading\n> quoted line")
        );
        assert!(sections.sections[0].text.contains("- ## in a list"));
        assert!(sections.sections[1].text.contains("Setext\n------"));
        assert_eq!(Sections::parse(&sections.render()), sections);
    }

    #[test]
    fn indented_code_and_nested_headings_stay_text() {
        let body = "## Notes\n\n    ## not a heading, code\n    more code\n\n- item one\n\n  ## Sub heading in item\n\n  more item text\n- item two\n";
        let sections = Sections::parse(body);
        assert_eq!(sections.sections.len(), 1, "{sections:?}");
        assert!(
            sections.sections[0]
                .text
                .starts_with("    ## not a heading, code")
        );
        assert_eq!(Sections::parse(&sections.render()), sections);
        assert_eq!(trim_blank_lines("\n  \n    code\n\n"), "    code");
    }

    #[test]
    fn tidying_a_template_removes_only_empty_questions() {
        let six = daily();
        let body = "## Agenda\n\n## Key moments\n\n<!-- What were the key moments of today's work? -->\n\n    indented\n\n## What went well\n\n<!-- What went well? -->\n\n## Closing thoughts\n";
        assert_eq!(
            tidy_template(body, &six, &[]),
            "## Agenda\n\n## Key moments\n\n    indented\n\n## Closing thoughts\n"
        );
        let answered = "## What went well\n\n<!-- What went well? -->\n\nThe demo.\n";
        assert_eq!(
            tidy_template(answered, &six, &[]),
            "## What went well\n\nThe demo.\n"
        );
        assert_eq!(tidy_template(&edit_template(&six), &six, &[]), "");
        let note = "<!-- mpl: context -->".to_string();
        let with_note = format!("{note}\n{}", edit_template(&six));
        assert_eq!(tidy_template(&with_note, &six, &[note]), "");
    }

    #[test]
    fn new_answers_never_move_what_is_there() {
        let mut day =
            Sections::parse("## Notes\n\nmine\n\n## What went well\n\nA\n\n## Other\n\no\n");
        day.merge(Sections::from_answers(&[
            (&q("moments"), "M".into()),
            (&q("next"), "N".into()),
        ]));
        let headings: Vec<&str> = day.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            vec![
                "Notes",
                "Key moments",
                "What went well",
                "Next time",
                "Other"
            ]
        );
    }

    #[test]
    fn merging_appends_and_never_drops() {
        let mut day = Sections::from_answers(&[(&q("went-well"), "Demo went fine".into())]);
        day.merge(Sections::from_answers(&[
            (&q("went-well"), "Pairing with Sam".into()),
            (&q("moments"), "Release".into()),
        ]));
        assert_eq!(day.sections[0].heading, "Key moments");
        assert_eq!(
            answer(&day, "went-well").as_deref(),
            Some("Demo went fine\n\nPairing with Sam")
        );
        // The same answer again is not repeated.
        day.merge(Sections::from_answers(&[(
            &q("went-well"),
            "Pairing with Sam".into(),
        )]));
        assert_eq!(
            answer(&day, "went-well").as_deref(),
            Some("Demo went fine\n\nPairing with Sam")
        );
        // A shorter answer that is part of a longer one is still an answer of its own.
        day.merge(Sections::from_answers(&[(
            &q("went-well"),
            "Pairing".into(),
        )]));
        assert_eq!(
            answer(&day, "went-well").as_deref(),
            Some("Demo went fine\n\nPairing with Sam\n\nPairing")
        );
    }

    #[test]
    fn an_untouched_template_is_empty() {
        let six = daily();
        assert!(Sections::parse(&strip_prompts(&edit_template(&six), &six, &[])).is_empty());
        assert_eq!(Sections::parse(&edit_template(&six)).sections.len(), 6);
    }
}
