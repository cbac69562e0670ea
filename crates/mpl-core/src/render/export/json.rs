//! The portfolio as one JSON document (`mpl export --format json`), described field by field
//! in docs/export.md. `format` is 1; fields are only ever added within a format number.

use super::iso;
use crate::model::Entry;
use crate::model::KindFields;
use crate::model::evidence::Evidence;
use crate::model::goal::Status;
use crate::model::portfolio::Portfolio;
use crate::render::json::table;
use serde_json::{Value, json};

/// The format number of this document.
pub(crate) const FORMAT: u32 = 1;

/// The common fields of an entry, and its kind-specific ones under `fields`.
fn entry(entry: &Entry) -> Value {
    let mut fields = entry.extra.clone();
    // The log and attachments have their own typed fields below.
    fields.remove("progress");
    fields.remove("attachments");
    json!({
        "id": entry.id,
        "kind": entry.kind.as_str(),
        "date": iso(entry.date),
        "title": entry.title,
        "tags": entry.tags,
        "goals": entry.goals,
        "visibility": entry.visibility.as_str(),
        "fields": table(&fields),
        "body": entry.body,
    })
}

/// The profile as it goes out: its private fields are already empty.
fn profile(profile: &crate::model::profile::Profile) -> Value {
    let mut value = crate::render::json::profile(profile);
    if let Some(object) = value.as_object_mut() {
        object.remove("private");
    }
    value
}

pub fn document(p: &Portfolio) -> Value {
    let goals: Vec<Value> = p
        .goals
        .iter()
        .map(|g| {
            let mut value = entry(&g.entry);
            // The typed fields below say these, as of the period's end.
            if let Some(fields) = value["fields"].as_object_mut() {
                for key in ["status", "why", "aligned_with", "measure", "due"] {
                    fields.remove(key);
                }
            }
            value["status"] = json!(g.goal.status.as_str());
            value["why"] = json!(g.goal.why);
            value["aligned_with"] = json!(g.goal.aligned_with);
            value["measure"] = json!(g.goal.measure);
            value["due"] = json!(g.goal.due.map(iso));
            value["percent"] = json!(g.goal.percent());
            let achieved = g
                .goal
                .achieved_on()
                .filter(|_| g.goal.status == Status::Achieved);
            value["achieved_on"] = json!(achieved.map(iso));
            value["outcome"] = json!(g.goal.outcome().filter(|_| achieved.is_some()));
            // Status notes and pauses are the owner's, unless asked for (--goal-notes).
            let notes: &[_] = if p.goal_notes { &g.goal.progress } else { &[] };
            value["progress"] = notes
                .iter()
                .map(|n| {
                    json!({
                        "date": iso(n.date),
                        "note": n.note,
                        "percent": n.percent,
                        "status": n.status.map(|s| s.as_str()),
                    })
                })
                .collect();
            value
        })
        .collect();
    let evidence: Vec<Value> = p
        .evidence
        .iter()
        .map(|e| {
            let mut value = entry(&e.entry);
            value["impact"] = json!(Evidence::of(&e.entry).impact);
            value["pinned"] = json!(e.pinned);
            value["links"] = json!(e.links);
            value["attachments"] = e
                .attachments
                .iter()
                .map(|a| {
                    json!({
                        "name": a.name,
                        "bytes": a.bytes,
                        "id": a.file.rsplit('/').next().unwrap_or("").split('.').next(),
                    })
                })
                .collect();
            value
        })
        .collect();
    let learned: Vec<Value> = p.learned.iter().map(entry).collect();
    let feedback: Vec<Value> = p.feedback.iter().map(entry).collect();
    let toolkit: Vec<Value> = p.toolkit.iter().map(entry).collect();
    let challenges: Vec<Value> = p
        .challenges
        .iter()
        .map(|c| {
            json!({
                "challenge": c.slug,
                "title": c.title,
                "started": iso(c.started),
                "ended": iso(c.ended),
                "days_done": c.done,
                "percent": c.percent,
            })
        })
        .collect();
    let activity: serde_json::Map<String, Value> = p
        .activity()
        .into_iter()
        .map(|(d, n)| (iso(d), json!(n)))
        .collect();
    json!({
        "format": FORMAT,
        "generator": format!("mpl {}", env!("CARGO_PKG_VERSION")),
        "generated": p.generated.to_rfc3339(),
        "profile": profile(&p.profile),
        "highlights": p.highlights().iter().map(|e| e.entry.id.as_str()).collect::<Vec<_>>(),
        "skills": p.skills().iter().map(|s| json!({
            "tag": s.tag,
            "name": s.name,
            "evidence": s.evidence,
            "learned": s.learned,
        })).collect::<Vec<_>>(),
        "period": { "since": p.since.map(iso), "until": iso(p.until) },
        "goals": goals,
        "evidence": evidence,
        "learned": learned,
        "feedback": feedback,
        "toolkit": toolkit,
        "challenges": challenges,
        "activity": activity,
    })
}
