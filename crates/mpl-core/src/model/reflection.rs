//! The end-of-day reflection: its six questions, and its body as `## ` sections.
//!
//! A body is parsed into an optional preamble and a list of sections (heading, text) with
//! pulldown-cmark, so a `## ` inside a code block is not mistaken for a heading. A second
//! reflection on the same day is merged in: answers to a question already answered are
//! appended below the first ones, never put in their place.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// One of the six reflection questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// The flag and short name: `went-well` is answered by `--went-well`.
    pub(crate) key: &'static str,
    /// The `## ` heading in the file.
    pub(crate) heading: &'static str,
    /// What the prompt asks.
    pub prompt: &'static str,
}

pub const QUESTIONS: [Question; 6] = [
    Question {
        key: "moments",
        heading: "Key moments",
        prompt: "What were the key moments of today's work?",
    },
    Question {
        key: "went-well",
        heading: "What went well",
        prompt: "What went well?",
    },
    Question {
        key: "difficult",
        heading: "What was difficult",
        prompt: "What was difficult, and what did it teach you?",
    },
    Question {
        key: "learned",
        heading: "What I learned",
        prompt: "What did you learn?",
    },
    Question {
        key: "next",
        heading: "Next time",
        prompt: "What will you do next, or differently?",
    },
    Question {
        key: "share",
        heading: "Worth sharing",
        prompt: "What is worth sharing with your team?",
    },
];

/// The question a heading answers, matched on the heading or the key, ignoring case and
/// trailing punctuation: `## What went well?` and `## went-well` both answer `went-well`.
pub(crate) fn question_for(heading: &str) -> Option<&'static Question> {
    let wanted = normalize(heading);
    QUESTIONS.iter().find(|q| {
        normalize(q.heading) == wanted
            || normalize(q.key) == wanted
            || normalize(q.prompt) == wanted
    })
}

/// The position of the question a heading answers, if it answers one.
pub(crate) fn question_index(heading: &str) -> Option<usize> {
    question_for(heading).and_then(|q| QUESTIONS.iter().position(|x| x == q))
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

fn normalize(text: &str) -> String {
    text.trim()
        .trim_end_matches(['?', ':', '.'])
        .replace('-', " ")
        .to_lowercase()
}

/// What makes two headings one section: the question they answer, else their words.
pub(crate) fn section_key(heading: &str) -> String {
    match question_for(heading) {
        Some(question) => question.key.to_string(),
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

/// A reflection in a line: its first answer, in the order of the questions (else its first
/// line of text), at most `max` characters.
pub fn gist(body: &str, max: usize) -> String {
    let sections = Sections::parse(body);
    let text = QUESTIONS
        .iter()
        .find_map(|q| sections.answer(q))
        .map(str::to_string)
        .or_else(|| {
            body.lines()
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

    /// Renames headings that answer a question to that question's own heading, so
    /// `## What went well?` typed by hand is stored as `## What went well`.
    pub fn canonicalize(&mut self) {
        for section in &mut self.sections {
            if let Some(question) = question_for(&section.heading) {
                section.heading = question.heading.to_string();
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.preamble.is_empty() && self.sections.iter().all(|s| s.text.is_empty())
    }

    /// The answer to `question`, if the body has one.
    pub fn answer(&self, question: &Question) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| question_for(&s.heading) == Some(question))
            .map(|s| s.text.as_str())
    }

    /// Adds `other` to these sections. An answer to a question already answered goes below
    /// the existing text; an identical answer is not repeated. Nothing is ever removed.
    pub fn merge(&mut self, other: Sections) {
        self.preamble = join(&self.preamble, &other.preamble);
        for new in other.sections {
            let same = |s: &&mut Section| match question_for(&new.heading) {
                Some(q) => question_for(&s.heading) == Some(q),
                None => normalize(&s.heading) == normalize(&new.heading),
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

/// The template `reflect --edit` opens for a day with no reflection yet.
pub fn template() -> String {
    let mut out = String::new();
    for q in &QUESTIONS {
        out.push_str(&format!("## {}\n\n<!-- {} -->\n\n", q.heading, q.prompt));
    }
    out
}

/// Removes the template's `<!-- prompt -->` comments, so an untouched template reads empty.
pub(crate) fn strip_prompts(body: &str) -> String {
    let prompts: Vec<String> = QUESTIONS
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

/// A body written from the template, tidied: the prompts go, and so do question sections
/// left empty. Everything else stays exactly as written.
pub fn tidy_template(body: &str) -> String {
    let body = strip_prompts(body);
    let mut out = String::new();
    let mut at = 0;
    for span in spans(&body) {
        let unanswered = question_for(&span.heading).is_some()
            && body[span.text_start..span.end].trim().is_empty();
        if unanswered {
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

    fn q(key: &str) -> &'static Question {
        QUESTIONS.iter().find(|q| q.key == key).unwrap()
    }

    #[test]
    fn headings_match_questions_loosely() {
        assert_eq!(question_for("What went well?"), Some(q("went-well")));
        assert_eq!(question_for("went-well"), Some(q("went-well")));
        assert_eq!(question_for("  key moments "), Some(q("moments")));
        assert_eq!(question_for("Random"), None);
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
        let body = "## Agenda\n\n## Key moments\n\n<!-- What were the key moments of today's work? -->\n\n    indented\n\n## What went well\n\n<!-- What went well? -->\n\n## Closing thoughts\n";
        assert_eq!(
            tidy_template(body),
            "## Agenda\n\n## Key moments\n\n    indented\n\n## Closing thoughts\n"
        );
        let answered = "## What went well\n\n<!-- What went well? -->\n\nThe demo.\n";
        assert_eq!(tidy_template(answered), "## What went well\n\nThe demo.\n");
        assert_eq!(tidy_template(&template()), "");
    }

    #[test]
    fn new_answers_never_move_what_is_there() {
        let mut day =
            Sections::parse("## Notes\n\nmine\n\n## What went well\n\nA\n\n## Other\n\no\n");
        day.merge(Sections::from_answers(&[
            (q("moments"), "M".into()),
            (q("next"), "N".into()),
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
        let mut day = Sections::from_answers(&[(q("went-well"), "Demo went fine".into())]);
        day.merge(Sections::from_answers(&[
            (q("went-well"), "Pairing with Sam".into()),
            (q("moments"), "Release".into()),
        ]));
        assert_eq!(day.sections[0].heading, "Key moments");
        assert_eq!(
            day.answer(q("went-well")),
            Some("Demo went fine\n\nPairing with Sam")
        );
        // The same answer again is not repeated.
        day.merge(Sections::from_answers(&[(
            q("went-well"),
            "Pairing with Sam".into(),
        )]));
        assert_eq!(
            day.answer(q("went-well")),
            Some("Demo went fine\n\nPairing with Sam")
        );
        // A shorter answer that is part of a longer one is still an answer of its own.
        day.merge(Sections::from_answers(&[(
            q("went-well"),
            "Pairing".into(),
        )]));
        assert_eq!(
            day.answer(q("went-well")),
            Some("Demo went fine\n\nPairing with Sam\n\nPairing")
        );
    }

    #[test]
    fn an_untouched_template_is_empty() {
        assert!(Sections::parse(&strip_prompts(&template())).is_empty());
        assert_eq!(Sections::parse(&template()).sections.len(), 6);
    }
}
