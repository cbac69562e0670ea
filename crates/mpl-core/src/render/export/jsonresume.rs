//! The portfolio as a JSON Resume document (<https://jsonresume.org/schema>), so resume
//! themes and employers' tools can read it:
//!
//! - `basics`: the name and headline from `mpl.toml`;
//! - `projects`: each achieved goal (its measure, dates, and the impact of its evidence as
//!   highlights), then each piece of evidence not linked to an achieved goal;
//! - `skills`: the tags used most on learned entries and evidence;
//! - `references`: feedback received (when it goes out at all);
//! - `meta`: the schema version and when the document was written.

use super::{inert, iso, plain_text, safe_url};
use crate::model::KindFields;
use crate::model::Visibility;
use crate::model::goal::Status;
use crate::model::portfolio::{EvidenceItem, Portfolio};
use crate::model::{evidence::Evidence, feedback::Feedback};
use serde_json::{Map, Value, json};
use std::collections::HashSet;

/// The tag that makes a piece of evidence an award in a JSON Resume.
pub(crate) const AWARD: &str = "award";
/// The tag that makes a piece of evidence a certificate in a JSON Resume.
pub(crate) const CERTIFICATE: &str = "certificate";

/// The schema version the document follows.
pub(crate) const SCHEMA_VERSION: &str = "v1.0.0";
/// How many tags become skills.
const MAX_SKILLS: usize = 12;

/// One line saying what a piece of evidence achieved.
fn highlight(item: &EvidenceItem) -> String {
    let line = match Evidence::of(&item.entry).impact {
        Some(impact) => format!("{}: {}", item.entry.title, impact.trim()),
        _ => item.entry.title.clone(),
    };
    inert(&line)
}

/// Sentences joined into one paragraph, each ending with a full stop.
fn paragraph(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.ends_with(['.', '!', '?']) {
                p.to_string()
            } else {
                format!("{p}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An object without its empty strings and empty lists: themes print what is there.
fn compact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| match v {
                    Value::Null => false,
                    Value::String(s) => !s.trim().is_empty(),
                    Value::Array(items) => !items.is_empty(),
                    _ => true,
                })
                .collect::<Map<String, Value>>(),
        ),
        other => other,
    }
}

pub fn document(p: &Portfolio) -> Value {
    let mut projects = Vec::new();
    let mut in_projects: HashSet<&str> = HashSet::new();
    for g in p.goals.iter().filter(|g| g.goal.status == Status::Achieved) {
        let evidence: Vec<&EvidenceItem> = p
            .evidence
            .iter()
            .filter(|e| e.entry.goals.contains(&g.entry.id))
            .collect();
        in_projects.extend(evidence.iter().map(|e| e.entry.id.as_str()));
        let mut description = Vec::new();
        if let Some(why) = g.goal.why.as_deref() {
            description.push(why.trim().to_string());
        }
        if let Some(measure) = g.goal.measure.as_deref() {
            description.push(format!("Measure of success: {}", measure.trim()));
        }
        if let Some(aligned) = g.goal.aligned_with.as_deref() {
            description.push(format!("Aligned with: {}", aligned.trim()));
        }
        let url = evidence
            .iter()
            .flat_map(|e| &e.links)
            .find_map(|l| safe_url(l).filter(|u| u.starts_with("http")));
        projects.push(compact(json!({
            "name": inert(&g.entry.title),
            "description": inert(&paragraph(&description)),
            "highlights": evidence.iter().map(|e| highlight(e)).collect::<Vec<_>>(),
            "keywords": g.entry.tags.iter().map(|t| inert(t)).collect::<Vec<_>>(),
            "startDate": iso(g.entry.date),
            "endDate": g.goal.achieved_on().map(iso),
            "url": url,
            "type": "goal",
        })));
    }
    // Evidence tagged `award` or `certificate` is one, not a project.
    let marked = |item: &EvidenceItem, tag: &str| item.entry.has_tag(tag);
    let awards: Vec<Value> = p
        .evidence
        .iter()
        .filter(|e| marked(e, AWARD))
        .map(|item| {
            compact(json!({
                "title": inert(&item.entry.title),
                "date": iso(item.entry.date),
                "summary": inert(Evidence::of(&item.entry).impact.as_deref().unwrap_or("").trim()),
            }))
        })
        .collect();
    let certificates: Vec<Value> = p
        .evidence
        .iter()
        .filter(|e| marked(e, CERTIFICATE) && !marked(e, AWARD))
        .map(|item| {
            let url = item
                .links
                .iter()
                .find_map(|l| safe_url(l).filter(|u| u.starts_with("http")));
            compact(json!({
                "name": inert(&item.entry.title),
                "date": iso(item.entry.date),
                "url": url,
            }))
        })
        .collect();
    for item in p.evidence.iter().filter(|e| {
        !in_projects.contains(e.entry.id.as_str()) && !marked(e, AWARD) && !marked(e, CERTIFICATE)
    }) {
        let url = item
            .links
            .iter()
            .find_map(|l| safe_url(l).filter(|u| u.starts_with("http")));
        let description = inert(
            Evidence::of(&item.entry)
                .impact
                .as_deref()
                .unwrap_or("")
                .trim(),
        );
        projects.push(compact(json!({
            "name": inert(&item.entry.title),
            "description": description,
            "keywords": item.entry.tags.iter().map(|t| inert(t)).collect::<Vec<_>>(),
            "startDate": iso(item.entry.date),
            "endDate": iso(item.entry.date),
            "url": url,
            "type": "achievement",
        })));
    }

    // The portfolio's skills, each with the titles of the evidence behind it.
    let skills: Vec<Value> = p
        .skills()
        .into_iter()
        .take(MAX_SKILLS)
        .map(|skill| {
            let keywords: Vec<String> = skill
                .evidence
                .iter()
                .filter_map(|id| p.evidence.iter().find(|e| &e.entry.id == id))
                .map(|e| inert(&e.entry.title))
                .collect();
            compact(json!({ "name": inert(&skill.name), "keywords": keywords }))
        })
        .collect();

    // A reference names someone: only feedback marked public is one, even when private
    // entries go out.
    let references: Vec<Value> = p
        .feedback
        .iter()
        .filter(|f| f.visibility == Visibility::Public)
        .map(|f| {
            let text = if f.body.trim().is_empty() {
                inert(&f.title)
            } else {
                format!("{}\n\n{}", inert(&f.title), plain_text(&f.body))
            };
            compact(json!({
                "name": inert(Feedback::of(f).from.as_deref().unwrap_or("").trim()),
                "reference": text,
            }))
        })
        .collect();

    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        json!(format!(
            "https://raw.githubusercontent.com/jsonresume/resume-schema/{SCHEMA_VERSION}/schema.json"
        )),
    );
    let profile = &p.profile;
    let mut profiles: Vec<Value> = Vec::new();
    if let Some(url) = profile.github_url() {
        let username = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        profiles.push(json!({"network": "GitHub", "username": inert(username), "url": url}));
    }
    if let Some(url) = profile.linkedin_url() {
        profiles.push(json!({"network": "LinkedIn", "url": url}));
    }
    for link in &profile.links {
        if let Some(url) = safe_url(&link.url) {
            profiles.push(json!({"network": inert(&link.label), "url": url}));
        }
    }
    let location =
        (!profile.location.is_empty()).then(|| json!({"city": inert(&profile.location)}));
    doc.insert(
        "basics".into(),
        compact(json!({
            "name": inert(&profile.name),
            "label": inert(&profile.headline),
            "email": inert(&profile.email),
            "url": safe_url(&profile.website).unwrap_or_default(),
            "summary": plain_text(&profile.summary),
            "location": location,
            "profiles": profiles,
        })),
    );
    let work: Vec<Value> = profile
        .work
        .iter()
        .map(|role| {
            compact(json!({
                "name": inert(&role.org),
                "position": inert(&role.role),
                "startDate": role.from,
                "endDate": role.to,
                "summary": plain_text(&role.summary),
            }))
        })
        .collect();
    let education: Vec<Value> = profile
        .education
        .iter()
        .map(|study| {
            compact(json!({
                "institution": inert(&study.school),
                "area": inert(&study.course),
                "startDate": study.from,
                "endDate": study.to,
            }))
        })
        .collect();
    for (key, items) in [("work", work), ("education", education)] {
        if !items.is_empty() {
            doc.insert(key.into(), Value::Array(items));
        }
    }
    for (key, items) in [
        ("projects", projects),
        ("awards", awards),
        ("certificates", certificates),
        ("skills", skills),
        ("references", references),
    ] {
        if !items.is_empty() {
            doc.insert(key.into(), Value::Array(items));
        }
    }
    doc.insert(
        "meta".into(),
        json!({
            "version": SCHEMA_VERSION,
            "lastModified": p.generated.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }),
    );
    Value::Object(doc)
}
