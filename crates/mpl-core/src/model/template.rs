//! Question sets: what `mpl reflect` asks. The six daily questions are one set among the
//! built-ins (Gibbs' cycle, Rolfe's What? So what? Now what?, STAR for evidence, and the
//! periodic review); a journal adds its own, in `mpl.toml` or in `templates/NAME.toml`:
//!
//! ```toml
//! title = "Gibbs' reflective cycle"
//!
//! [[questions]]
//! heading = "Description"
//! prompt = "What happened?"
//! role = "moments"
//! ```
//!
//! A question's *role* says what its answer is, whatever its heading: what went well, what
//! was difficult, what was learned, what comes next, what is worth sharing, or the day's key
//! moments. `review`, `share`, `stats` and the export find answers by role, so a journal
//! can word its questions as it likes.

use std::fmt;

/// What an answer is, whatever its question's heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Moments,
    WentWell,
    Difficult,
    Learned,
    Next,
    Share,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Moments,
        Role::WentWell,
        Role::Difficult,
        Role::Learned,
        Role::Next,
        Role::Share,
    ];

    /// The name in files and on the command line: `went-well` (and `--went-well`).
    pub fn key(self) -> &'static str {
        match self {
            Role::Moments => "moments",
            Role::WentWell => "went-well",
            Role::Difficult => "difficult",
            Role::Learned => "learned",
            Role::Next => "next",
            Role::Share => "share",
        }
    }

    /// Parses a role name; `went_well` and `Went well` are accepted too.
    pub fn parse(name: &str) -> Option<Role> {
        let name = name.trim().to_lowercase().replace(['_', ' '], "-");
        Role::ALL.into_iter().find(|role| role.key() == name)
    }

    /// The valid names, for messages: `moments, went-well, …`.
    pub fn names() -> String {
        Role::ALL.map(Role::key).join(", ")
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One question: the `## ` heading its answer goes under, what the prompt asks, and the
/// role of its answer, if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub heading: String,
    pub prompt: String,
    pub role: Option<Role>,
}

impl Question {
    fn new(heading: &str, prompt: &str, role: Option<Role>) -> Question {
        Question {
            heading: heading.to_string(),
            prompt: prompt.to_string(),
            role,
        }
    }
}

/// A named set of questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// How it is chosen: `--template gibbs`.
    pub name: String,
    /// What it is, in a few words.
    pub title: String,
    pub questions: Vec<Question>,
}

/// The name of the six daily questions.
pub const DAILY: &str = "daily";
/// The name of the questions of a periodic review.
pub const REVIEW: &str = "review";
/// The name of the STAR questions `evidence add` offers.
pub const STAR: &str = "star";

/// The names of the built-in templates, in the order they are listed.
pub const BUILT_IN: [&str; 5] = [DAILY, "gibbs", "rolfe", STAR, REVIEW];

/// The built-in template `name`, if there is one.
pub fn built_in(name: &str) -> Option<Template> {
    use Role::*;
    let q = Question::new;
    let (title, questions) = match name {
        DAILY => (
            "The six daily questions",
            vec![
                q(
                    "Key moments",
                    "What were the key moments of today's work?",
                    Some(Moments),
                ),
                q("What went well", "What went well?", Some(WentWell)),
                q(
                    "What was difficult",
                    "What was difficult, and what did it teach you?",
                    Some(Difficult),
                ),
                q("What I learned", "What did you learn?", Some(Learned)),
                q(
                    "Next time",
                    "What will you do next, or differently?",
                    Some(Next),
                ),
                q(
                    "Worth sharing",
                    "What is worth sharing with your team?",
                    Some(Share),
                ),
            ],
        ),
        "gibbs" => (
            "Gibbs' reflective cycle",
            vec![
                q(
                    "Description",
                    "What happened? Who was there, and what was your part?",
                    Some(Moments),
                ),
                q(
                    "Feelings",
                    "What were you thinking and feeling at the time?",
                    None,
                ),
                q("Evaluation", "What was good about it?", Some(WentWell)),
                q(
                    "Analysis",
                    "What was hard, and why did it go the way it did?",
                    Some(Difficult),
                ),
                q(
                    "Conclusion",
                    "What did you learn? What else could you have done?",
                    Some(Learned),
                ),
                q(
                    "Action plan",
                    "If it happened again, what would you do?",
                    Some(Next),
                ),
            ],
        ),
        "rolfe" => (
            "Rolfe's What? So what? Now what?",
            vec![
                q(
                    "What?",
                    "What happened, and what was your part in it?",
                    Some(Moments),
                ),
                q(
                    "So what?",
                    "So what does it mean: what did you learn about the work, the people, yourself?",
                    Some(Learned),
                ),
                q(
                    "Now what?",
                    "Now what will you do, and what would make it go better next time?",
                    Some(Next),
                ),
            ],
        ),
        STAR => (
            "STAR: situation, task, action, result",
            vec![
                q(
                    "Situation",
                    "What was the situation: where, when, what was at stake?",
                    None,
                ),
                q("Task", "What was yours to do?", None),
                q("Action", "What did you do, and how?", None),
                q(
                    "Result",
                    "What came of it? Numbers if you have them.",
                    Some(WentWell),
                ),
            ],
        ),
        REVIEW => (
            "A periodic review",
            vec![
                q(
                    "Achievements",
                    "What did you achieve this {period}, and what difference did it make?",
                    Some(WentWell),
                ),
                q(
                    "Goals",
                    "How did your goals move? Which need more of your time, or less?",
                    None,
                ),
                q(
                    "Lessons",
                    "What did you learn this {period} that you want to keep?",
                    Some(Learned),
                ),
                q(
                    "Difficulties",
                    "What was hard, and what would make it easier?",
                    Some(Difficult),
                ),
                q("Focus", "What will you focus on next {period}?", Some(Next)),
            ],
        ),
        _ => return None,
    };
    Some(Template {
        name: name.to_string(),
        title: title.to_string(),
        questions,
    })
}

/// The six daily questions.
pub fn daily() -> Template {
    six().clone()
}

/// The six daily questions, made once: headings are matched against them often.
pub(crate) fn six() -> &'static Template {
    static SIX: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    SIX.get_or_init(|| built_in(DAILY).expect("the daily template is built in"))
}

/// A mistake in a template: where (keys from the template's table, and which question) and
/// what is wrong.
pub type TemplateError = super::position::TableError;

const TEMPLATE_KEYS: [&str; 2] = ["title", "questions"];
/// The most questions a template may ask: enough for any way of reflecting, and a bound
/// on the work a file from elsewhere can make.
pub const MAX_QUESTIONS: usize = 50;
const QUESTION_KEYS: [&str; 3] = ["heading", "prompt", "role"];

impl Template {
    /// Reads a template from its table (a `templates/NAME.toml` file, or `[reflect]` in
    /// `mpl.toml` with `strict` off, where other keys live too).
    pub fn from_table(
        name: &str,
        table: &toml::Table,
        strict: bool,
    ) -> Result<Template, TemplateError> {
        let err = TemplateError::new;
        if strict && let Some(key) = super::position::unknown_key(table, &TEMPLATE_KEYS) {
            return Err(err(
                &[key],
                None,
                format!(
                    "unknown key '{key}' in a template: use {}",
                    TEMPLATE_KEYS.join(", ")
                ),
            ));
        }
        let title = match table.get("title") {
            None => name.to_string(),
            Some(toml::Value::String(title)) => one_line(title).to_string(),
            Some(_) => return Err(err(&["title"], None, "'title' must be a string".into())),
        };
        let Some(list) = table.get("questions") else {
            return Err(err(
                &[],
                None,
                "no questions: add [[questions]] tables, each with a heading, a prompt and an optional role".into(),
            ));
        };
        let Some(list) = list.as_array() else {
            return Err(err(
                &["questions"],
                None,
                "'questions' must be a list of tables, each with a heading, a prompt and an optional role".into(),
            ));
        };
        if list.is_empty() {
            return Err(err(
                &["questions"],
                None,
                "the list of questions is empty".into(),
            ));
        }
        if list.len() > MAX_QUESTIONS {
            return Err(err(
                &["questions"],
                None,
                format!(
                    "{} questions: a template holds at most {MAX_QUESTIONS}",
                    list.len()
                ),
            ));
        }
        let mut questions: Vec<Question> = Vec::new();
        let mut headings: std::collections::HashMap<String, usize> = Default::default();
        for (nth, item) in list.iter().enumerate() {
            let at = |message: String| err(&["questions"], Some(nth), message);
            let number = nth + 1;
            let Some(item) = item.as_table() else {
                return Err(at(format!(
                    "question {number} must be a table with a heading, a prompt and an optional role"
                )));
            };
            if let Some(key) = super::position::unknown_key(item, &QUESTION_KEYS) {
                return Err(at(format!(
                    "question {number} has an unknown key '{key}': use {}",
                    QUESTION_KEYS.join(", ")
                )));
            }
            let text = |key: &str| -> Result<Option<String>, TemplateError> {
                match item.get(key) {
                    None => Ok(None),
                    Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
                    Some(toml::Value::String(s)) => Ok(Some(s.trim().to_string())),
                    Some(_) => Err(at(format!("question {number}: '{key}' must be a string"))),
                }
            };
            let Some(heading) = text("heading")? else {
                return Err(at(format!("question {number} has no heading")));
            };
            check_heading(&heading).map_err(|m| at(format!("question {number}: {m}")))?;
            let prompt = text("prompt")?.unwrap_or_else(|| heading.clone());
            if prompt.contains("-->") || prompt.chars().any(char::is_control) {
                return Err(at(format!(
                    "question {number}: the prompt must be one line without \"-->\""
                )));
            }
            let role = match text("role")? {
                None => None,
                Some(name) => Some(Role::parse(&name).ok_or_else(|| {
                    at(format!(
                        "question {number} has an unknown role \"{name}\": use {}",
                        Role::names()
                    ))
                })?),
            };
            if let Some(other) = headings.insert(normalize(&heading), nth) {
                return Err(at(format!(
                    "questions {} and {number} have the same heading \"{heading}\"; each answer needs its own",
                    other + 1
                )));
            }
            questions.push(Question {
                heading,
                prompt,
                role,
            });
        }
        Ok(Template {
            name: name.to_string(),
            title,
            questions,
        })
    }

    /// The first question whose answer has `role`.
    pub fn question_for_role(&self, role: Role) -> Option<&Question> {
        self.questions.iter().find(|q| q.role == Some(role))
    }

    /// The question a heading typed by hand answers: its heading, its prompt or its role's
    /// name, ignoring case and trailing punctuation.
    pub fn question_for(&self, heading: &str) -> Option<&Question> {
        let wanted = normalize(heading);
        self.questions.iter().find(|q| {
            normalize(&q.heading) == wanted
                || normalize(&q.prompt) == wanted
                || q.role.is_some_and(|r| normalize(r.key()) == wanted)
        })
    }

    /// The template with `{period}` in its prompts replaced by `period` ("week").
    pub fn for_period(mut self, period: &str) -> Template {
        for question in &mut self.questions {
            question.prompt = question.prompt.replace("{period}", period);
        }
        self
    }
}

/// A heading must be one line of text a `## ` heading can hold.
fn check_heading(heading: &str) -> Result<(), String> {
    if heading.chars().any(char::is_control) {
        return Err("the heading must be one line".into());
    }
    if heading.chars().count() > 100 {
        return Err("the heading is longer than 100 characters; the prompt can say more".into());
    }
    if heading.starts_with('#') || heading.ends_with('#') {
        return Err("the heading cannot start or end with '#'".into());
    }
    Ok(())
}

fn one_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

/// Headings compared as a reader would: case, dashes and trailing punctuation aside.
pub(crate) fn normalize(text: &str) -> String {
    text.trim()
        .trim_end_matches(['?', ':', '.'])
        .replace('-', " ")
        .to_lowercase()
}

pub(crate) fn same_heading(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

/// How the journal's owner reflects: the `[reflect]` table of `mpl.toml`.
///
/// ```toml
/// [reflect]
/// template = "gibbs"          # the daily questions: a template's name, or
/// # questions = [{ heading = "Wins", prompt = "What went well?", role = "went-well" }]
/// remind = ["week", "month"]  # which reviews `nudge` reminds of at a period's end
/// follow_up_after = 7         # days before a plan is asked about
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    /// The template the daily questions come from, by name.
    pub template: Option<String>,
    /// The journal's own daily questions, which come before `template`.
    pub questions: Option<Template>,
    /// The reviews `nudge` reminds of.
    pub remind: Vec<super::period::Period>,
    /// After how many days an intention is asked about.
    pub follow_up_after: u32,
}

/// Intentions are asked about a week after they are made, unless `mpl.toml` says otherwise.
pub const FOLLOW_UP_AFTER: u32 = 7;

impl Default for Practice {
    fn default() -> Practice {
        Practice {
            template: None,
            questions: None,
            remind: vec![super::period::Period::Week, super::period::Period::Month],
            follow_up_after: FOLLOW_UP_AFTER,
        }
    }
}

const PRACTICE_KEYS: [&str; 4] = ["template", "questions", "remind", "follow_up_after"];

impl Practice {
    /// Reads `[reflect]` from the whole of `mpl.toml`; errors carry paths from the top
    /// (`["reflect", "questions"]`).
    pub fn from_settings(settings: &toml::Table) -> Result<Practice, TemplateError> {
        let mut practice = Practice::default();
        let Some(value) = settings.get("reflect") else {
            return Ok(practice);
        };
        let err = |path: &[&str], message: String| TemplateError::new(path, None, message);
        let Some(table) = value.as_table() else {
            return Err(err(
                &["reflect"],
                "'reflect' must be a table: [reflect]".into(),
            ));
        };
        if let Some(key) = super::position::unknown_key(table, &PRACTICE_KEYS) {
            return Err(err(
                &["reflect", key],
                format!(
                    "unknown key '{key}' in [reflect]: use {}",
                    PRACTICE_KEYS.join(", ")
                ),
            ));
        }
        match table.get("template") {
            None => {}
            Some(toml::Value::String(name)) => {
                check_name(name).map_err(|m| err(&["reflect", "template"], m))?;
                practice.template = Some(name.clone());
            }
            Some(_) => {
                return Err(err(
                    &["reflect", "template"],
                    "'template' must be a template's name, such as \"gibbs\"".into(),
                ));
            }
        }
        if table.contains_key("questions") {
            let only: toml::Table = table
                .iter()
                .filter(|(k, _)| *k == "questions")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let template = Template::from_table("mpl.toml", &only, true).map_err(|mut e| {
                e.path.insert(0, "reflect".into());
                e
            })?;
            practice.questions = Some(Template {
                title: "The questions in mpl.toml".into(),
                ..template
            });
        }
        match table.get("remind") {
            None => {}
            Some(toml::Value::Array(list)) => {
                let mut remind = Vec::new();
                for item in list {
                    let period = item.as_str().and_then(super::period::Period::parse);
                    match period {
                        Some(p) if !remind.contains(&p) => remind.push(p),
                        Some(_) => {}
                        None => {
                            return Err(err(
                                &["reflect", "remind"],
                                format!(
                                    "invalid period {item} in 'remind': use week, month, quarter, year"
                                ),
                            ));
                        }
                    }
                }
                practice.remind = remind;
            }
            Some(_) => {
                return Err(err(
                    &["reflect", "remind"],
                    "'remind' must be a list such as [\"week\", \"month\"] (or [] for none)".into(),
                ));
            }
        }
        match table.get("follow_up_after") {
            None => {}
            Some(toml::Value::Integer(days)) if (1..=366).contains(days) => {
                practice.follow_up_after = *days as u32;
            }
            Some(other) => {
                return Err(err(
                    &["reflect", "follow_up_after"],
                    format!(
                        "invalid follow_up_after {other}: a number of days from 1 to 366, such as 7"
                    ),
                ));
            }
        }
        Ok(practice)
    }
}

/// A template's name: what its file is called, `templates/NAME.toml`.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 60
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid template name \"{}\": use lowercase letters, digits and dashes, as in \"gibbs\" (the file is templates/NAME.toml)",
            name.escape_debug()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Template, TemplateError> {
        Template::from_table("mine", &toml::from_str(text).unwrap(), true)
    }

    #[test]
    fn built_ins_are_well_formed() {
        for name in BUILT_IN {
            let template = built_in(name).unwrap();
            assert!(!template.questions.is_empty());
            // Each reads back through the same rules a user's template meets.
            let table: toml::Table = toml::from_str(&format!(
                "title = {:?}\n{}",
                template.title,
                template
                    .questions
                    .iter()
                    .map(|q| format!(
                        "[[questions]]\nheading = {:?}\nprompt = {:?}\n{}",
                        q.heading,
                        q.prompt,
                        q.role
                            .map(|r| format!("role = {:?}\n", r.key()))
                            .unwrap_or_default()
                    ))
                    .collect::<String>()
            ))
            .unwrap();
            assert_eq!(Template::from_table(name, &table, true).unwrap(), template);
        }
        assert!(built_in("nope").is_none());
        assert_eq!(daily().questions.len(), 6);
    }

    #[test]
    fn a_template_reads_with_defaults() {
        let t = parse("[[questions]]\nheading = \"Wins\"\nrole = \"went_well\"\n\n[[questions]]\nheading = \"Mood\"\nprompt = \"How do you feel?\"\n").unwrap();
        assert_eq!(t.title, "mine");
        assert_eq!(t.questions[0].prompt, "Wins");
        assert_eq!(t.questions[0].role, Some(Role::WentWell));
        assert_eq!(t.questions[1].role, None);
        assert_eq!(t.question_for("wins?").unwrap().heading, "Wins");
        assert_eq!(t.question_for("went-well").unwrap().heading, "Wins");
        assert_eq!(t.question_for_role(Role::WentWell).unwrap().heading, "Wins");
    }

    #[test]
    fn mistakes_name_the_question() {
        let e = parse("[[questions]]\nheading = \"A\"\nrole = \"wins\"\n").unwrap_err();
        assert_eq!(e.nth, Some(0));
        assert!(e.message.contains("unknown role \"wins\""), "{}", e.message);
        assert!(e.message.contains("went-well"), "{}", e.message);
        let e =
            parse("[[questions]]\nheading = \"A\"\n[[questions]]\nheading = \"a?\"\n").unwrap_err();
        assert_eq!(e.nth, Some(1));
        assert!(e.message.contains("same heading"), "{}", e.message);
        let e = parse("[[questions]]\nheadline = \"A\"\n").unwrap_err();
        assert!(
            e.message.contains("unknown key 'headline'"),
            "{}",
            e.message
        );
        let e = parse("[[questions]]\nprompt = \"A\"\n").unwrap_err();
        assert!(e.message.contains("no heading"), "{}", e.message);
        let e = parse("questions = []\n").unwrap_err();
        assert!(e.message.contains("empty"), "{}", e.message);
        let e = parse("title = \"x\"\n").unwrap_err();
        assert!(e.message.contains("no questions"), "{}", e.message);
        let e = parse("[[questions]]\nheading = \"two\\nlines\"\n").unwrap_err();
        assert!(e.message.contains("one line"), "{}", e.message);
        let e = parse("[[questions]]\nheading = \"A\"\nprompt = \"x --> y\"\n").unwrap_err();
        assert!(e.message.contains("-->"), "{}", e.message);
        let many: String = (0..=MAX_QUESTIONS)
            .map(|n| format!("[[questions]]\nheading = \"Q{n}\"\n"))
            .collect();
        let e = parse(&many).unwrap_err();
        assert!(e.message.contains("at most 50"), "{}", e.message);
        let e = parse("colour = 1\n[[questions]]\nheading = \"A\"\n").unwrap_err();
        assert_eq!(e.path, vec!["colour".to_string()]);
    }

    #[test]
    fn practice_reads_with_defaults_and_names_mistakes() {
        let read = |text: &str| Practice::from_settings(&toml::from_str(text).unwrap());
        assert_eq!(read("name = \"x\"\n").unwrap(), Practice::default());
        let p = read("[reflect]\ntemplate = \"gibbs\"\nremind = [\"year\"]\nfollow_up_after = 14\n[[reflect.questions]]\nheading = \"Wins\"\nrole = \"went-well\"\n").unwrap();
        assert_eq!(p.template.as_deref(), Some("gibbs"));
        assert_eq!(p.remind, vec![super::super::period::Period::Year]);
        assert_eq!(p.follow_up_after, 14);
        assert_eq!(p.questions.unwrap().questions[0].heading, "Wins");
        let e = read("[reflect]\nremind = [\"fortnight\"]\n").unwrap_err();
        assert_eq!(e.path, vec!["reflect", "remind"]);
        let e = read("[reflect]\nfollow_up_after = 0\n").unwrap_err();
        assert!(e.message.contains("1 to 366"), "{}", e.message);
        let e = read("[reflect]\ntemplate = \"../x\"\n").unwrap_err();
        assert!(e.message.contains("invalid template name"), "{}", e.message);
        let e =
            read("[reflect]\n[[reflect.questions]]\nheading = \"A\"\nrole = \"x\"\n").unwrap_err();
        assert_eq!(
            (e.path.clone(), e.nth),
            (
                vec!["reflect".to_string(), "questions".to_string()],
                Some(0)
            )
        );
        let e = read("[reflect]\nquestion = []\n").unwrap_err();
        assert!(
            e.message.contains("unknown key 'question'"),
            "{}",
            e.message
        );
    }

    #[test]
    fn periods_fill_the_review_prompts() {
        let t = built_in(REVIEW).unwrap().for_period("month");
        assert!(t.questions[0].prompt.contains("this month"));
        assert!(t.questions.iter().all(|q| !q.prompt.contains('{')));
    }
}
