//! The profile on a terminal (`mpl profile`).

use super::style::Style;
use crate::model::profile::Profile;

/// The profile as lines of `label  value`, then the summary, work and education; the
/// fields kept out of exports are marked.
pub(crate) fn text(profile: &Profile, style: Style) -> String {
    let mut out = String::new();
    let private = |field: &str| {
        if profile.is_private(field) {
            format!(" {}", style.dim("(private: not exported)"))
        } else {
            String::new()
        }
    };
    let shown = |value: &str| {
        if value.is_empty() {
            style.dim("-")
        } else {
            value.to_string()
        }
    };
    out.push_str(&format!("{:<10}{}\n", "name", shown(&profile.name)));
    out.push_str(&format!("{:<10}{}\n", "headline", shown(&profile.headline)));
    for (field, value) in [
        ("location", &profile.location),
        ("email", &profile.email),
        ("website", &profile.website),
        ("github", &profile.github),
        ("linkedin", &profile.linkedin),
    ] {
        out.push_str(&format!("{field:<10}{}{}\n", shown(value), private(field)));
    }
    for link in &profile.links {
        out.push_str(&format!(
            "{:<10}{}: {}{}\n",
            "link",
            link.label,
            link.url,
            private("links")
        ));
    }
    out.push('\n');
    out.push_str(&format!(
        "{}{}\n",
        style.bold("Summary"),
        private("summary")
    ));
    if profile.summary.is_empty() {
        out.push_str(&style.dim("(none: `mpl profile --edit` writes one)"));
        out.push('\n');
    } else {
        out.push_str(&profile.summary);
        out.push('\n');
    }
    if !profile.work.is_empty() {
        out.push_str(&format!("\n{}{}\n", style.bold("Work"), private("work")));
        for (n, role) in profile.work.iter().enumerate() {
            let to = if role.to.is_empty() { "now" } else { &role.to };
            let at = if role.org.is_empty() {
                String::new()
            } else {
                format!(", {}", role.org)
            };
            out.push_str(&format!(
                "{}. {}{at} ({} to {to})\n",
                n + 1,
                role.role,
                role.from
            ));
        }
    }
    if !profile.education.is_empty() {
        out.push_str(&format!(
            "\n{}{}\n",
            style.bold("Education"),
            private("education")
        ));
        for (n, study) in profile.education.iter().enumerate() {
            let at = if study.school.is_empty() {
                String::new()
            } else {
                format!(", {}", study.school)
            };
            out.push_str(&format!(
                "{}. {}{at} ({} to {})\n",
                n + 1,
                study.course,
                study.from,
                study.to
            ));
        }
    }
    if profile.name.is_empty() || profile.headline.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            style.dim("hint: `mpl profile --name NAME --headline TEXT` heads your portfolio")
        ));
    }
    out
}
