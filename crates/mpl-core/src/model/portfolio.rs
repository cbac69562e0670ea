//! The portfolio: what of the journal goes out to a current or new employer, chosen by
//! visibility and the export filters, and grouped for reading. Pure logic: the `export`
//! command reads the files, the renderers in `render::export` write HTML, JSON or Markdown.
//!
//! What goes out: goals (not dropped ones), evidence with its links and attachments, learned
//! entries, feedback, toolkit items and finished 30-day challenges. Reflections and network
//! contacts never do: they are notes to yourself and about other people.

use super::challenge::{Run, State};
use super::entry::FieldError;
use super::evidence::{self, Attachment};
use super::goal::{Goal, Status};
use super::profile::{Profile, TagChoice};
use super::{Entry, Kind, Visibility};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use std::collections::BTreeMap;

/// The export's filters.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub since: Option<NaiveDate>,
    /// The last day in the portfolio (today when not given).
    pub until: NaiveDate,
    /// Only these goals and what is linked to them; all when empty.
    pub goals: Vec<String>,
    /// Entries with any of these tags stay out.
    pub exclude_tags: Vec<String>,
    /// Private and team entries go out too.
    pub include_private: bool,
    /// Which goals go out, by status.
    pub goal_states: GoalStates,
    /// Goals go out with their progress log (status notes, pauses); without it, a goal is
    /// told as a story: measure, what was done, outcome, evidence.
    pub goal_notes: bool,
}

/// Which goals a portfolio shows (`--goals`): for a stranger, what was achieved matters
/// most; what is under way may interest a current employer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GoalStates {
    /// Achieved and active goals (the default).
    #[default]
    AchievedAndActive,
    Achieved,
    Active,
    /// Achieved, active and paused goals.
    All,
    None,
}

impl GoalStates {
    fn shows(self, status: Status) -> bool {
        match self {
            GoalStates::AchievedAndActive => matches!(status, Status::Achieved | Status::Active),
            GoalStates::Achieved => status == Status::Achieved,
            GoalStates::Active => status == Status::Active,
            GoalStates::All => status != Status::Dropped,
            GoalStates::None => false,
        }
    }
}

impl Options {
    fn in_period(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| date >= since) && date <= self.until
    }

    fn linked(&self, entry: &Entry) -> bool {
        self.goals.is_empty() || entry.goals.iter().any(|g| self.goals.contains(g))
    }
}

/// Why an entry stayed out, for the `--dry-run` summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Private or team entries (without `--include-private`).
    pub private: usize,
    /// Entries with an `--exclude-tag` tag.
    pub tagged: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct GoalItem {
    pub(crate) entry: Entry,
    pub(crate) goal: Goal,
}

#[derive(Debug, Clone)]
pub struct EvidenceItem {
    pub entry: Entry,
    pub(crate) links: Vec<String>,
    pub attachments: Vec<Attachment>,
    /// Pinned to lead the portfolio.
    pub(crate) pinned: bool,
}

/// A skill: a tag that entries in the portfolio back, under the name it is shown by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub tag: String,
    pub name: String,
    /// The evidence and the learned entries that carry the tag, newest first, by id.
    pub evidence: Vec<String>,
    pub learned: Vec<String>,
}

/// A finished 30-day challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct ChallengeItem {
    pub(crate) slug: String,
    pub title: String,
    pub started: NaiveDate,
    pub(crate) ended: NaiveDate,
    pub done: usize,
    pub(crate) percent: u32,
}

/// The learned entries of one year, by topic.
#[derive(Debug)]
pub(crate) struct LearnedYear<'a> {
    pub(crate) year: i32,
    pub(crate) count: usize,
    /// Topics (an entry's first tag, else "Other"), the biggest first; entries newest first.
    pub(crate) topics: Vec<(String, Vec<&'a Entry>)>,
}

/// Everything that goes out, newest first within each part.
#[derive(Debug)]
pub struct Portfolio {
    /// Who it is about, its private fields already left out unless private entries go out.
    pub profile: Profile,
    pub(crate) generated: DateTime<FixedOffset>,
    pub(crate) since: Option<NaiveDate>,
    pub(crate) until: NaiveDate,
    pub(crate) goals: Vec<GoalItem>,
    pub evidence: Vec<EvidenceItem>,
    pub(crate) learned: Vec<Entry>,
    pub(crate) feedback: Vec<Entry>,
    pub(crate) toolkit: Vec<Entry>,
    pub challenges: Vec<ChallengeItem>,
    pub left_out: LeftOut,
    /// Goals go out with their progress log, not only as stories.
    pub(crate) goal_notes: bool,
    /// The journal's competency frameworks: the home page shows which competencies the
    /// evidence that goes out shows.
    pub frameworks: Vec<super::competency::Framework>,
}

/// The topic name for learned entries without tags.
pub(crate) const OTHER_TOPIC: &str = "Other";

impl Portfolio {
    /// Chooses and groups what goes out. `on_bad` hears of entries whose fields do not parse;
    /// they stay out.
    pub fn build(
        profile: &Profile,
        generated: DateTime<FixedOffset>,
        options: &Options,
        entries: Vec<Entry>,
        runs: &[Run],
        mut on_bad: impl FnMut(&Entry, FieldError),
    ) -> Portfolio {
        let mut portfolio = Portfolio {
            frameworks: Vec::new(),
            profile: profile.for_export(options.include_private),
            generated,
            since: options.since,
            until: options.until,
            goals: Vec::new(),
            evidence: Vec::new(),
            learned: Vec::new(),
            feedback: Vec::new(),
            toolkit: Vec::new(),
            challenges: Vec::new(),
            left_out: LeftOut::default(),
            goal_notes: options.goal_notes,
        };
        for mut entry in entries {
            if entry.kind == Kind::Goal {
                // A goal's readings end where the portfolio does, in its fields too.
                if let Some(toml::Value::Array(readings)) =
                    entry.extra.get_mut(super::key_result::READING)
                {
                    readings.retain(|r| {
                        r.get("date")
                            .and_then(super::date::to_date)
                            .is_none_or(|d| d <= options.until)
                    });
                }
            }
            let wanted = match entry.kind {
                Kind::Goal => options.goals.is_empty() || options.goals.contains(&entry.id),
                Kind::Evidence | Kind::Learned | Kind::Feedback | Kind::Toolkit => {
                    options.in_period(entry.date) && options.linked(&entry)
                }
                Kind::Reflection | Kind::Network | Kind::Review => false,
            };
            if !wanted {
                continue;
            }
            if options.exclude_tags.iter().any(|tag| entry.has_tag(tag)) {
                portfolio.left_out.tagged += 1;
                continue;
            }
            if entry.visibility != Visibility::Public && !options.include_private {
                portfolio.left_out.private += 1;
                continue;
            }
            match entry.kind {
                Kind::Goal => match Goal::from_entry(&entry).map(|g| as_of(g, options.until)) {
                    Ok(goal)
                        if goal_in_period(&entry, &goal, options)
                            && options.goal_states.shows(goal.status) =>
                    {
                        portfolio.goals.push(GoalItem { entry, goal })
                    }
                    Ok(_) => {}
                    Err(err) => on_bad(&entry, err),
                },
                Kind::Evidence => match (
                    evidence::links(&entry),
                    evidence::attachments(&entry),
                    evidence::pinned(&entry),
                ) {
                    (Ok(links), Ok(attachments), Ok(pinned)) => {
                        portfolio.evidence.push(EvidenceItem {
                            entry,
                            links,
                            attachments,
                            pinned,
                        })
                    }
                    (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => on_bad(&entry, err),
                },
                Kind::Learned => portfolio.learned.push(entry),
                Kind::Feedback => portfolio.feedback.push(entry),
                Kind::Toolkit => portfolio.toolkit.push(entry),
                Kind::Reflection | Kind::Network | Kind::Review => {}
            }
        }
        // A link to a goal that stays out would name it (ids are made from titles).
        let shown: std::collections::HashSet<String> =
            portfolio.goals.iter().map(|g| g.entry.id.clone()).collect();
        let entries = portfolio
            .goals
            .iter_mut()
            .map(|g| &mut g.entry)
            .chain(portfolio.evidence.iter_mut().map(|e| &mut e.entry))
            .chain(&mut portfolio.learned)
            .chain(&mut portfolio.feedback)
            .chain(&mut portfolio.toolkit);
        for entry in entries {
            entry.goals.retain(|id| shown.contains(id));
        }
        if options.goals.is_empty() {
            portfolio.challenges = runs
                .iter()
                .filter(|run| run.state(options.until) == State::Finished)
                .filter(|run| options.in_period(run.ends()))
                .filter_map(|run| {
                    let (done, _) = run.counts();
                    (done > 0).then(|| ChallengeItem {
                        slug: run.challenge.clone(),
                        title: run.title.clone(),
                        started: run.started,
                        ended: run.ends(),
                        done,
                        percent: run.percent(),
                    })
                })
                .collect();
        }
        let newest_first = |a: &Entry, b: &Entry| b.date.cmp(&a.date).then(b.id.cmp(&a.id));
        portfolio.goals.sort_by(|a, b| {
            goal_rank(a.goal.status)
                .cmp(&goal_rank(b.goal.status))
                .then(newest_first(&a.entry, &b.entry))
        });
        portfolio
            .evidence
            .sort_by(|a, b| newest_first(&a.entry, &b.entry));
        portfolio.learned.sort_by(newest_first);
        portfolio.feedback.sort_by(newest_first);
        portfolio.toolkit.sort_by(|a, b| a.title.cmp(&b.title));
        portfolio
            .challenges
            .sort_by(|a, b| b.started.cmp(&a.started).then(a.slug.cmp(&b.slug)));
        portfolio
    }

    /// Every entry that goes out, goals first.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.goals
            .iter()
            .map(|g| &g.entry)
            .chain(self.evidence.iter().map(|e| &e.entry))
            .chain(&self.learned)
            .chain(&self.feedback)
            .chain(&self.toolkit)
    }

    /// The evidence that leads the portfolio: every pinned piece, newest first; with none
    /// pinned, up to [`HIGHLIGHTS`] with an impact, those for achieved goals first.
    pub fn highlights(&self) -> Vec<&EvidenceItem> {
        let pinned: Vec<&EvidenceItem> = self.evidence.iter().filter(|e| e.pinned).collect();
        if !pinned.is_empty() {
            return pinned;
        }
        let achieved: std::collections::HashSet<&str> = self
            .goals
            .iter()
            .filter(|g| g.goal.status == Status::Achieved)
            .map(|g| g.entry.id.as_str())
            .collect();
        let mut chosen: Vec<&EvidenceItem> = self
            .evidence
            .iter()
            .filter(|e| {
                use super::KindFields;
                super::evidence::Evidence::of(&e.entry)
                    .impact
                    .is_some_and(|impact| !impact.trim().is_empty())
            })
            .collect();
        // Stable: within each group, newest first as the evidence is.
        chosen.sort_by_key(|e| !e.entry.goals.iter().any(|g| achieved.contains(g.as_str())));
        chosen.truncate(HIGHLIGHTS);
        chosen
    }

    /// The skills the portfolio backs: each tag carried by two or more pieces of evidence
    /// and learned entries, or chosen in the profile's `[tags]`; none that the profile
    /// hides. Most evidence first, then most entries, then by name.
    pub fn skills(&self) -> Vec<Skill> {
        let mut by_tag: BTreeMap<&str, (Vec<String>, Vec<String>)> = BTreeMap::new();
        for item in &self.evidence {
            for tag in &item.entry.tags {
                by_tag.entry(tag).or_default().0.push(item.entry.id.clone());
            }
        }
        for entry in &self.learned {
            for tag in &entry.tags {
                by_tag.entry(tag).or_default().1.push(entry.id.clone());
            }
        }
        let mut skills: Vec<Skill> = by_tag
            .into_iter()
            .filter_map(|(tag, (evidence, learned))| {
                let choice = self.profile.tags.get(tag);
                let shown = match choice {
                    Some(TagChoice::Hidden) => false,
                    Some(TagChoice::Shown | TagChoice::Name(_)) => true,
                    None => evidence.len() + learned.len() >= 2,
                };
                shown.then(|| Skill {
                    tag: tag.to_string(),
                    name: self.tag_name(tag),
                    evidence,
                    learned,
                })
            })
            .collect();
        skills.sort_by(|a, b| {
            b.evidence
                .len()
                .cmp(&a.evidence.len())
                .then(
                    (b.evidence.len() + b.learned.len()).cmp(&(a.evidence.len() + a.learned.len())),
                )
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        skills
    }

    /// The name a tag is shown by: the profile's `[tags]` name, else [`skill_name`].
    pub(crate) fn tag_name(&self, tag: &str) -> String {
        match self.profile.tags.get(tag) {
            Some(TagChoice::Name(name)) => name.clone(),
            _ => skill_name(tag),
        }
    }

    /// The title of a goal in the portfolio.
    pub(crate) fn goal_title(&self, id: &str) -> Option<&str> {
        self.goals
            .iter()
            .find(|g| g.entry.id == id)
            .map(|g| g.entry.title.as_str())
    }

    /// Learned entries by year (newest first) and topic.
    pub(crate) fn learned_by_year(&self) -> Vec<LearnedYear<'_>> {
        let mut years: BTreeMap<i32, BTreeMap<String, Vec<&Entry>>> = BTreeMap::new();
        for entry in &self.learned {
            let topic = entry
                .tags
                .first()
                .cloned()
                .unwrap_or_else(|| OTHER_TOPIC.to_string());
            years
                .entry(entry.date.year())
                .or_default()
                .entry(topic)
                .or_default()
                .push(entry);
        }
        years
            .into_iter()
            .rev()
            .map(|(year, topics)| {
                let count = topics.values().map(Vec::len).sum();
                let mut topics: Vec<(String, Vec<&Entry>)> = topics.into_iter().collect();
                // The biggest topics first; "Other" last whatever its size.
                topics.sort_by(|(a, a_entries), (b, b_entries)| {
                    (a == OTHER_TOPIC)
                        .cmp(&(b == OTHER_TOPIC))
                        .then(b_entries.len().cmp(&a_entries.len()))
                        .then(a.cmp(b))
                });
                LearnedYear {
                    year,
                    count,
                    topics,
                }
            })
            .collect()
    }

    /// Toolkit items by type (tool, source, …), in type order.
    pub(crate) fn toolkit_by_type(&self) -> BTreeMap<String, Vec<&Entry>> {
        let mut by_type: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        for entry in &self.toolkit {
            let kind = super::toolkit::item_type(entry).unwrap_or_else(|_| "tool".to_string());
            by_type.entry(kind).or_default().push(entry);
        }
        by_type
    }

    /// Learning activity per day: learned entries, evidence and goal progress notes in the
    /// portfolio.
    pub(crate) fn activity(&self) -> BTreeMap<NaiveDate, u32> {
        let mut days: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        let dates = self
            .learned
            .iter()
            .map(|e| e.date)
            .chain(self.evidence.iter().map(|e| e.entry.date))
            .chain(
                self.goals
                    .iter()
                    .flat_map(|g| g.goal.progress.iter().map(|p| p.date)),
            );
        for date in dates {
            if self.since.is_none_or(|since| date >= since) && date <= self.until {
                *days.entry(date).or_default() += 1;
            }
        }
        days
    }

    /// All attachments that go out, each once, in order of first appearance.
    pub fn attachments(&self) -> Vec<&Attachment> {
        let mut seen = std::collections::HashSet::new();
        self.evidence
            .iter()
            .flat_map(|e| &e.attachments)
            .filter(|a| seen.insert(a.file.as_str()))
            .collect()
    }
}

/// Achieved goals first (what was done is what a reader wants), then active, then paused.
fn goal_rank(status: Status) -> u8 {
    match status {
        Status::Achieved => 0,
        Status::Active => 1,
        Status::Paused => 2,
        Status::Dropped => 3,
    }
}

/// How many pieces of evidence lead the portfolio when none is pinned.
pub const HIGHLIGHTS: usize = 3;

/// Short tags that are words, not acronyms.
const SHORT_WORDS: [&str; 6] = ["git", "go", "art", "law", "ops", "web"];

/// A tag as a skill's name when the profile gives it none: short tags are acronyms (`ci`
/// is CI, but `git` is Git), longer ones read as words (`distributed-systems` is
/// Distributed systems).
pub fn skill_name(tag: &str) -> String {
    if tag.chars().count() <= 3 && !SHORT_WORDS.contains(&tag) {
        return tag.to_uppercase();
    }
    let words = tag.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The goal as it stood at the end of `until`: its progress log up to that day and, when a
/// status change came later, the status the log gave it then. Otherwise the goal keeps the
/// status its file gives (which a hand edit may have set).
fn as_of(mut goal: Goal, until: NaiveDate) -> Goal {
    let changed_later = goal
        .progress
        .iter()
        .any(|p| p.date > until && p.status.is_some());
    goal.progress.retain(|p| p.date <= until);
    // The numbers as they stood then: readings after the end are not yet taken.
    goal.readings.retain(|r| r.date <= until);
    if changed_later {
        goal.status = goal
            .progress
            .iter()
            .rev()
            .find_map(|p| p.status)
            .unwrap_or(Status::Active);
    }
    goal
}

/// A goal belongs to the period when it was set by its end and, if achieved, achieved in or
/// after its start. Dropped goals stay out.
fn goal_in_period(entry: &Entry, goal: &Goal, options: &Options) -> bool {
    match goal.status {
        _ if entry.date > options.until => false,
        Status::Dropped => false,
        Status::Achieved => match (options.since, goal.achieved_on()) {
            (Some(since), Some(achieved)) => achieved >= since,
            _ => true,
        },
        Status::Active | Status::Paused => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::goal::Progress;

    fn at(date: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{date}T18:00:00+01:00")).unwrap()
    }

    fn entry(kind: Kind, id: &str, date: &str) -> Entry {
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        Entry::new(kind, id.into(), day, at(date), id.into())
    }

    fn options() -> Options {
        Options {
            until: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            ..Options::default()
        }
    }

    fn build(options: &Options, entries: Vec<Entry>) -> Portfolio {
        let profile = Profile {
            name: "Ada".into(),
            headline: "Engineer".into(),
            ..Profile::default()
        };
        Portfolio::build(
            &profile,
            at("2026-11-25"),
            options,
            entries,
            &[],
            |e, err| panic!("{}: {}", e.id, err.message),
        )
    }

    #[test]
    fn only_public_entries_go_out_unless_private_is_included() {
        let mut private = entry(Kind::Learned, "secret", "2026-11-02");
        private.visibility = Visibility::Private;
        let mut team = entry(Kind::Evidence, "team-only", "2026-11-02");
        team.visibility = Visibility::Team;
        let public = entry(Kind::Learned, "open", "2026-11-03");
        let reflection = {
            let mut r = entry(Kind::Reflection, "2026-11-03", "2026-11-03");
            r.visibility = Visibility::Public;
            r
        };
        let all = vec![private, team, public, reflection];
        let p = build(&options(), all.clone());
        let ids: Vec<&str> = p.entries().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["open"]);
        assert_eq!(p.left_out.private, 2);

        let p = build(
            &Options {
                include_private: true,
                ..options()
            },
            all,
        );
        let mut ids: Vec<&str> = p.entries().map(|e| e.id.as_str()).collect();
        ids.sort();
        // Reflections never go out, public or not.
        assert_eq!(ids, ["open", "secret", "team-only"]);
    }

    #[test]
    fn links_to_goals_that_stay_out_are_dropped() {
        let mut goal = entry(Kind::Goal, "leave-for-a-rival", "2026-01-01");
        goal.visibility = Visibility::Private;
        let mut evidence = entry(Kind::Evidence, "talk", "2026-02-01");
        evidence.goals = vec!["leave-for-a-rival".into(), "public-goal".into()];
        let public_goal = entry(Kind::Goal, "public-goal", "2026-01-01");
        let p = build(&options(), vec![goal, evidence, public_goal]);
        assert_eq!(p.evidence[0].entry.goals, ["public-goal"]);
    }

    #[test]
    fn filters_by_period_goal_and_excluded_tag() {
        let mut old = entry(Kind::Learned, "old", "2025-01-10");
        old.goals = vec!["rust".into()];
        let mut linked = entry(Kind::Evidence, "linked", "2026-10-01");
        linked.goals = vec!["rust".into()];
        let mut tagged = entry(Kind::Learned, "tagged", "2026-10-02");
        tagged.tags = vec!["acme".into()];
        tagged.goals = vec!["rust".into()];
        let unlinked = entry(Kind::Learned, "unlinked", "2026-10-03");
        let goal = entry(Kind::Goal, "rust", "2025-01-01");
        let other_goal = entry(Kind::Goal, "ci", "2025-01-01");
        let o = Options {
            since: NaiveDate::from_ymd_opt(2026, 1, 1),
            goals: vec!["rust".into()],
            exclude_tags: vec!["ACME".into()],
            ..options()
        };
        let p = build(&o, vec![old, linked, tagged, unlinked, goal, other_goal]);
        let ids: Vec<&str> = p.entries().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["rust", "linked"]);
        assert_eq!(p.left_out.tagged, 1);
    }

    #[test]
    fn dropped_goals_and_goals_achieved_before_the_period_stay_out() {
        let mut dropped = entry(Kind::Goal, "dropped", "2026-01-01");
        dropped.extra.insert("status".into(), "dropped".into());
        let mut early = entry(Kind::Goal, "early", "2024-01-01");
        early.extra.insert("status".into(), "achieved".into());
        crate::model::goal::add_progress(
            &mut early,
            &Progress {
                date: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
                note: "done".into(),
                percent: Some(100),
                status: Some(Status::Achieved),
            },
        );
        let later = entry(Kind::Goal, "later", "2026-12-01");
        let o = Options {
            since: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..options()
        };
        let p = build(&o, vec![dropped, early.clone(), later]);
        assert_eq!(p.goals.len(), 0);
        let p = build(&options(), vec![early.clone()]);
        assert_eq!(p.goals.len(), 1);
        // Seen from before its achievement, the goal is active with the log of that day.
        let before = Options {
            until: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            ..options()
        };
        let p = build(&before, vec![early.clone()]);
        assert_eq!(p.goals[0].goal.status, Status::Active);
        assert!(p.goals[0].goal.progress.is_empty());
        // Achieved, then taken up again: active, so in any period.
        crate::model::goal::add_progress(
            &mut early,
            &Progress {
                date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
                note: "again".into(),
                percent: None,
                status: Some(Status::Active),
            },
        );
        early.extra.insert("status".into(), "active".into());
        let p = build(&o, vec![early]);
        assert_eq!(p.goals.len(), 1);
        assert_eq!(p.goals[0].goal.status, Status::Active);
    }

    #[test]
    fn learned_entries_group_by_year_and_first_tag() {
        let mut a = entry(Kind::Learned, "a", "2026-03-01");
        a.tags = vec!["rust".into(), "async".into()];
        let mut b = entry(Kind::Learned, "b", "2026-04-01");
        b.tags = vec!["rust".into()];
        let c = entry(Kind::Learned, "c", "2026-05-01");
        let mut d = entry(Kind::Learned, "d", "2025-05-01");
        d.tags = vec!["sql".into()];
        let p = build(&options(), vec![a, b, c, d]);
        let years = p.learned_by_year();
        assert_eq!(years.len(), 2);
        assert_eq!((years[0].year, years[0].count), (2026, 3));
        let topics: Vec<(&str, Vec<&str>)> = years[0]
            .topics
            .iter()
            .map(|(t, es)| (t.as_str(), es.iter().map(|e| e.id.as_str()).collect()))
            .collect();
        assert_eq!(topics, [("rust", vec!["b", "a"]), (OTHER_TOPIC, vec!["c"])]);
        assert_eq!(years[1].year, 2025);
        assert_eq!(p.activity().len(), 4);
    }

    #[test]
    fn finished_challenges_with_done_days_go_out_unless_goals_are_chosen() {
        let text = |started: &str| {
            format!(
                "challenge = \"speak-up\"\ntitle = \"Speak up\"\nstarted = {started}\n\n\
                 [[checkin]]\nday = 1\nstatus = \"done\"\nat = {started}T18:00:00+01:00\n"
            )
        };
        let finished = Run::parse(&text("2026-09-01")).unwrap();
        let running = Run::parse(&text("2026-11-20")).unwrap();
        let runs = [finished, running];
        let p = Portfolio::build(
            &Profile::default(),
            at("2026-11-25"),
            &options(),
            vec![],
            &runs,
            |_, _| {},
        );
        assert_eq!(p.challenges.len(), 1);
        assert_eq!(p.challenges[0].done, 1);
        let o = Options {
            goals: vec!["x".into()],
            ..options()
        };
        let p = Portfolio::build(
            &Profile::default(),
            at("2026-11-25"),
            &o,
            vec![],
            &runs,
            |_, _| {},
        );
        assert!(p.challenges.is_empty());
    }

    fn tagged(kind: Kind, id: &str, tags: &[&str]) -> Entry {
        let mut e = entry(kind, id, "2026-11-02");
        e.tags = tags.iter().map(|t| t.to_string()).collect();
        if kind == Kind::Evidence {
            e.extra.insert("impact".into(), "it helped".into());
        }
        e
    }

    #[test]
    fn skills_are_tags_that_entries_back_named_as_the_profile_says() {
        let entries = vec![
            tagged(Kind::Evidence, "e1", &["k8s", "ci"]),
            tagged(Kind::Evidence, "e2", &["k8s"]),
            tagged(Kind::Learned, "l1", &["ci", "observability"]),
            tagged(Kind::Learned, "l2", &["once", "rust"]),
            tagged(Kind::Learned, "l3", &["rust"]),
        ];
        let mut p = build(&options(), entries);
        p.profile
            .tags
            .insert("k8s".into(), TagChoice::Name("Kubernetes".into()));
        p.profile.tags.insert("rust".into(), TagChoice::Hidden);
        p.profile
            .tags
            .insert("observability".into(), TagChoice::Shown);
        let names: Vec<String> = p.skills().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["Kubernetes", "CI", "Observability"]);
        assert_eq!(skill_name("distributed-systems"), "Distributed systems");
        assert_eq!(skill_name("aws"), "AWS");
        assert_eq!(skill_name("git"), "Git");
    }

    #[test]
    fn pinned_evidence_leads_else_impact_for_achieved_goals() {
        let mut for_goal = tagged(Kind::Evidence, "e-for-goal", &[]);
        for_goal.goals = vec!["g".into()];
        let mut goal = entry(Kind::Goal, "g", "2026-10-01");
        goal.extra.insert("status".into(), "achieved".into());
        let mut no_impact = entry(Kind::Evidence, "e-plain", "2026-11-20");
        no_impact.title = "plain".into();
        let newer = tagged(Kind::Evidence, "e-newer", &[]);
        let mut newer = newer;
        newer.date = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        let p = build(
            &options(),
            vec![
                goal.clone(),
                for_goal.clone(),
                no_impact.clone(),
                newer.clone(),
            ],
        );
        let ids: Vec<&str> = p.highlights().iter().map(|e| e.entry.id.as_str()).collect();
        assert_eq!(ids, ["e-for-goal", "e-newer"]);
        let mut pinned = no_impact;
        pinned.extra.insert("pinned".into(), true.into());
        let p = build(&options(), vec![goal, for_goal, pinned, newer]);
        let ids: Vec<&str> = p.highlights().iter().map(|e| e.entry.id.as_str()).collect();
        assert_eq!(ids, ["e-plain"]);
    }
}
