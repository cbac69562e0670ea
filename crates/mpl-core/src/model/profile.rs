//! Who the portfolio is about: the `[profile]` table of `mpl.toml`, beside its `name` and
//! `headline`. A short summary in Markdown, where the person is, how to reach them, and
//! optionally the roles they held and what they studied:
//!
//! ```toml
//! name = "Ada Lovelace"
//! headline = "Backend engineer, payments"
//!
//! [profile]
//! summary = "Eight years of building payment systems that stay up."
//! location = "London"
//! email = "ada@example.com"
//! website = "https://ada.example.com"
//! github = "ada"
//! linkedin = "https://www.linkedin.com/in/ada"
//! private = ["email"]
//!
//! [[profile.links]]
//! label = "Mastodon"
//! url = "https://hachyderm.io/@ada"
//!
//! [[profile.work]]
//! role = "Senior engineer"
//! org = "Acme Payments"
//! from = "2021-03"
//! summary = "Led the checkout team."
//!
//! [[profile.education]]
//! course = "BSc Computer Science"
//! school = "UCL"
//! from = "2012"
//! to = "2015"
//! ```
//!
//! The profile is read when it is needed (`mpl profile`, `mpl export`, `mpl doctor`), so a
//! mistake in it never stops a day's reflection. Fields listed in `private` stay out of an
//! export unless `--include-private` is given.

use super::evidence::check_link;

/// The fields of `[profile]` that take one line of text, in the order they are shown.
pub const TEXT_FIELDS: [&str; 6] = [
    "location", "email", "website", "github", "linkedin", "summary",
];

/// The fields that may be listed in `private`: the text fields, `links`, `work` and
/// `education`.
pub const PRIVATE_FIELDS: [&str; 9] = [
    "location",
    "email",
    "website",
    "github",
    "linkedin",
    "summary",
    "links",
    "work",
    "education",
];

/// A link of the profile other than the named ones: a label and a web address.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// A role held: at an organisation, from a month (or year) to another, or to now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Role {
    pub role: String,
    pub org: String,
    pub from: String,
    /// Empty while it goes on.
    pub to: String,
    pub summary: String,
}

/// A course studied, at a school.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Study {
    pub course: String,
    pub school: String,
    pub from: String,
    pub to: String,
}

/// The profile: `name` and `headline` from the top of `mpl.toml`, the rest from
/// `[profile]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Profile {
    pub name: String,
    pub headline: String,
    /// Markdown.
    pub summary: String,
    pub location: String,
    /// An address, without `mailto:`.
    pub email: String,
    pub website: String,
    /// A user name (`ada`) or the address of the profile.
    pub github: String,
    /// The address of the profile, or its name (`in/ada` or `ada`).
    pub linkedin: String,
    pub links: Vec<Link>,
    pub work: Vec<Role>,
    pub education: Vec<Study>,
    /// Fields kept out of exports unless private entries go out too.
    pub private: Vec<String>,
    /// How tags show as skills: the `[tags]` table of `mpl.toml`.
    #[serde(skip)]
    pub tags: std::collections::BTreeMap<String, TagChoice>,
}

/// What the `[tags]` table of `mpl.toml` says of a tag as a skill in the portfolio:
///
/// ```toml
/// [tags]
/// k8s = "Kubernetes"    # shown as a skill, under this name, even if used once
/// sre = true            # shown as a skill, even if used once
/// internal = false      # never shown as a skill
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagChoice {
    Name(String),
    Shown,
    Hidden,
}

/// A mistake in `[profile]`: the key path it is at (`["profile", "work"]`) and what is
/// wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub path: Vec<String>,
    pub nth: Option<usize>,
    pub message: String,
}

fn error(path: &[&str], nth: Option<usize>, message: impl Into<String>) -> ProfileError {
    ProfileError {
        path: path.iter().map(|p| p.to_string()).collect(),
        nth,
        message: message.into(),
    }
}

impl Profile {
    /// Reads the profile from the whole `mpl.toml` table.
    pub fn from_settings(table: &toml::Table) -> Result<Profile, ProfileError> {
        let top = |key: &str| table.get(key).and_then(|v| v.as_str()).unwrap_or("").trim();
        let mut profile = Profile {
            name: top("name").to_string(),
            headline: top("headline").to_string(),
            ..Profile::default()
        };
        profile.tags = tag_choices(table)?;
        let Some(value) = table.get("profile") else {
            return Ok(profile);
        };
        let Some(section) = value.as_table() else {
            return Err(error(
                &["profile"],
                None,
                "'profile' must be a table: [profile]",
            ));
        };
        let text = |key: &str| -> Result<String, ProfileError> {
            match section.get(key) {
                None => Ok(String::new()),
                Some(toml::Value::String(s)) => Ok(s.trim().to_string()),
                Some(_) => Err(error(
                    &["profile", key],
                    None,
                    format!("'{key}' must be text in quotes"),
                )),
            }
        };
        profile.summary = text("summary")?;
        profile.location = text("location")?;
        profile.email = text("email")?;
        profile.website = text("website")?;
        profile.github = text("github")?;
        profile.linkedin = text("linkedin")?;
        check_email(&profile.email).map_err(|m| error(&["profile", "email"], None, m))?;
        if !profile.website.is_empty() {
            check_link(&profile.website).map_err(|m| error(&["profile", "website"], None, m))?;
        }
        profile.links = each(section, "links", |t| {
            let (label, url) = (field(t, "label")?, field(t, "url")?);
            if label.is_empty() || url.is_empty() {
                return Err("needs label = \"…\" and url = \"https://…\"".into());
            }
            check_link(&url)?;
            Ok(Link { label, url })
        })?;
        profile.work = each(section, "work", |t| {
            let role = Role {
                role: field(t, "role")?,
                org: field(t, "org")?,
                from: field(t, "from")?,
                to: field(t, "to")?,
                summary: field(t, "summary")?,
            };
            if role.role.is_empty() && role.org.is_empty() {
                return Err("needs role = \"…\" or org = \"…\"".into());
            }
            check_month("from", &role.from)?;
            check_month("to", &role.to)?;
            Ok(role)
        })?;
        profile.education = each(section, "education", |t| {
            let study = Study {
                course: field(t, "course")?,
                school: field(t, "school")?,
                from: field(t, "from")?,
                to: field(t, "to")?,
            };
            if study.course.is_empty() && study.school.is_empty() {
                return Err("needs course = \"…\" or school = \"…\"".into());
            }
            check_month("from", &study.from)?;
            check_month("to", &study.to)?;
            Ok(study)
        })?;
        profile.private = match section.get("private") {
            None => Vec::new(),
            Some(toml::Value::Array(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_str().map(str::trim) {
                        Some(field) if PRIVATE_FIELDS.contains(&field) => {
                            out.push(field.to_string())
                        }
                        _ => {
                            return Err(error(
                                &["profile", "private"],
                                None,
                                format!(
                                    "'private' lists {item}, which is not a field of the profile: use {}",
                                    PRIVATE_FIELDS.join(", ")
                                ),
                            ));
                        }
                    }
                }
                out
            }
            Some(_) => {
                return Err(error(
                    &["profile", "private"],
                    None,
                    "'private' must be a list such as [\"email\"]",
                ));
            }
        };
        Ok(profile)
    }

    /// Whether `field` is kept out of exports (unless private entries go out too).
    pub fn is_private(&self, field: &str) -> bool {
        self.private.iter().any(|f| f == field)
    }

    /// The profile as it goes out: private fields emptied unless `include_private`.
    pub fn for_export(&self, include_private: bool) -> Profile {
        if include_private {
            return self.clone();
        }
        let mut out = self.clone();
        for field in &self.private {
            match field.as_str() {
                "location" => out.location.clear(),
                "email" => out.email.clear(),
                "website" => out.website.clear(),
                "github" => out.github.clear(),
                "linkedin" => out.linkedin.clear(),
                "summary" => out.summary.clear(),
                "links" => out.links.clear(),
                "work" => out.work.clear(),
                "education" => out.education.clear(),
                _ => {}
            }
        }
        out.private.clear();
        out
    }

    /// The address of the GitHub profile.
    pub fn github_url(&self) -> Option<String> {
        profile_url(&self.github, "https://github.com/")
    }

    /// The address of the LinkedIn profile.
    pub fn linkedin_url(&self) -> Option<String> {
        let name = self.linkedin.trim().trim_start_matches("in/");
        profile_url(name, "https://www.linkedin.com/in/")
    }

    /// Every way to reach the person, as (label, address) pairs: email, website, GitHub,
    /// LinkedIn, then the other links.
    pub fn contacts(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !self.email.is_empty() {
            out.push((self.email.clone(), format!("mailto:{}", self.email)));
        }
        if !self.website.is_empty() {
            let shown = self
                .website
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/');
            out.push((shown.to_string(), self.website.clone()));
        }
        if let Some(url) = self.github_url() {
            out.push(("GitHub".to_string(), url));
        }
        if let Some(url) = self.linkedin_url() {
            out.push(("LinkedIn".to_string(), url));
        }
        for link in &self.links {
            out.push((link.label.clone(), link.url.clone()));
        }
        out
    }
}

/// The `[tags]` table: each tag's name as a skill, or whether it is one.
fn tag_choices(
    table: &toml::Table,
) -> Result<std::collections::BTreeMap<String, TagChoice>, ProfileError> {
    let mut out = std::collections::BTreeMap::new();
    let Some(value) = table.get("tags") else {
        return Ok(out);
    };
    let Some(tags) = value.as_table() else {
        return Err(error(&["tags"], None, "'tags' must be a table: [tags]"));
    };
    for (tag, choice) in tags {
        let bad = |m: String| error(&["tags", tag], None, m);
        let normalized =
            super::entry::normalize_tag(tag).map_err(|m| bad(format!("[tags] {tag}: {m}")))?;
        let choice = match choice {
            toml::Value::String(name) if !name.trim().is_empty() && !name.contains('\n') => {
                TagChoice::Name(name.trim().to_string())
            }
            toml::Value::Boolean(true) => TagChoice::Shown,
            toml::Value::Boolean(false) => TagChoice::Hidden,
            _ => {
                return Err(bad(format!(
                    "[tags] {tag} must be a name in quotes (\"Kubernetes\"), true or false"
                )));
            }
        };
        out.insert(normalized, choice);
    }
    Ok(out)
}

/// A user name on a site, or the whole address of a profile there.
fn profile_url(text: &str, base: &str) -> Option<String> {
    let text = text.trim().trim_matches('/');
    if text.is_empty() {
        return None;
    }
    if text.contains("://") {
        return check_link(text).ok();
    }
    let name = text.trim_start_matches('@');
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        .then(|| format!("{base}{name}"))
}

/// An email address as people write it: something, `@`, a domain with a dot, and nothing
/// that would break a `mailto:` link.
pub fn check_email(email: &str) -> Result<(), String> {
    if email.is_empty() {
        return Ok(());
    }
    let ok = match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && email.chars().all(|c| {
                    !c.is_whitespace() && !c.is_control() && !"\"<>\\^`{|}?&#/:,;".contains(c)
                })
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\"{email}\" is not an email address such as ada@example.com"
        ))
    }
}

/// When a role or a course began or ended: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or empty.
fn check_month(key: &str, text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Ok(());
    }
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{key}' is \"{text}\": use a year (2021), a month (2021-03) or a day (2021-03-15)"
        ))
    }
}

/// The `[[profile.KEY]]` tables.
fn tables<'t>(section: &'t toml::Table, key: &str) -> Result<Vec<&'t toml::Table>, ProfileError> {
    match section.get(key) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.as_table().ok_or_else(|| {
                    error(
                        &["profile", key],
                        Some(i),
                        format!("{key} {}: must be a [[profile.{key}]] table", i + 1),
                    )
                })
            })
            .collect(),
        Some(_) => Err(error(
            &["profile", key],
            None,
            format!("'{key}' must be a list of [[profile.{key}]] tables"),
        )),
    }
}

/// Each `[[profile.KEY]]` table read by `read`; a mistake names the table (`work 2: …`).
fn each<T>(
    section: &toml::Table,
    key: &str,
    read: impl Fn(&toml::Table) -> Result<T, String>,
) -> Result<Vec<T>, ProfileError> {
    let one = key.strip_suffix('s').unwrap_or(key);
    tables(section, key)?
        .into_iter()
        .enumerate()
        .map(|(i, table)| {
            read(table)
                .map_err(|m| error(&["profile", key], Some(i), format!("{one} {}: {m}", i + 1)))
        })
        .collect()
}

/// A text field of a table, trimmed; empty when absent.
fn field(table: &toml::Table, key: &str) -> Result<String, String> {
    match table.get(key) {
        None => Ok(String::new()),
        Some(toml::Value::String(s)) => Ok(s.trim().to_string()),
        Some(toml::Value::Integer(n)) if key == "from" || key == "to" => Ok(n.to_string()),
        Some(_) => Err(format!("'{key}' must be text in quotes")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Profile, ProfileError> {
        Profile::from_settings(&text.parse::<toml::Table>().unwrap())
    }

    const FULL: &str = r#"
name = "Ada Lovelace"
headline = "Backend engineer"

[profile]
summary = "Builds payment systems."
location = "London"
email = "ada@example.com"
website = "https://ada.example.com/"
github = "ada"
linkedin = "in/ada"
private = ["email", "work"]

[[profile.links]]
label = "Mastodon"
url = "https://hachyderm.io/@ada"

[[profile.work]]
role = "Senior engineer"
org = "Acme"
from = "2021-03"

[[profile.education]]
course = "BSc Computer Science"
school = "UCL"
from = 2012
to = "2015"
"#;

    #[test]
    fn a_whole_profile_reads() {
        let profile = read(FULL).unwrap();
        assert_eq!(profile.name, "Ada Lovelace");
        assert_eq!(profile.github_url().unwrap(), "https://github.com/ada");
        assert_eq!(
            profile.linkedin_url().unwrap(),
            "https://www.linkedin.com/in/ada"
        );
        assert_eq!(profile.work[0].to, "");
        assert_eq!(profile.education[0].from, "2012");
        let contacts = profile.contacts();
        assert_eq!(contacts[0].1, "mailto:ada@example.com");
        assert_eq!(contacts[1].0, "ada.example.com");
        assert_eq!(contacts.last().unwrap().0, "Mastodon");
        // Private fields stay out of an export unless private entries go out too.
        let out = profile.for_export(false);
        assert!(out.email.is_empty() && out.work.is_empty());
        assert_eq!(out.location, "London");
        assert_eq!(profile.for_export(true), profile);
        // No profile at all is an empty one.
        assert_eq!(read("name = \"A\"").unwrap().summary, "");
    }

    #[test]
    fn mistakes_name_where_they_are() {
        for (bad, path, nth) in [
            (
                "[profile]\nemail = \"ada at example\"",
                "profile.email",
                None,
            ),
            ("[profile]\nemail = 3", "profile.email", None),
            (
                "[profile]\nwebsite = \"javascript:alert(1)\"",
                "profile.website",
                None,
            ),
            (
                "[profile]\nprivate = [\"password\"]",
                "profile.private",
                None,
            ),
            (
                "[[profile.links]]\nlabel = \"x\"\nurl = \"ftp://x\"",
                "profile.links",
                Some(0),
            ),
            (
                "[[profile.work]]\nrole = \"r\"\nfrom = \"March 2021\"",
                "profile.work",
                Some(0),
            ),
            ("[[profile.work]]\nfrom = \"2021\"", "profile.work", Some(0)),
            (
                "[[profile.education]]\ncourse = \"c\"\nto = \"2015-13\"",
                "profile.education",
                Some(0),
            ),
            ("profile = 1", "profile", None),
        ] {
            let err = read(bad).unwrap_err();
            assert_eq!(err.path.join("."), path, "{bad}: {}", err.message);
            assert_eq!(err.nth, nth, "{bad}");
        }
    }

    #[test]
    fn only_safe_addresses_come_out_of_names() {
        let p = |github: &str| Profile {
            github: github.into(),
            ..Profile::default()
        };
        assert_eq!(p("@ada").github_url().unwrap(), "https://github.com/ada");
        assert_eq!(
            p("https://github.com/ada").github_url().unwrap(),
            "https://github.com/ada"
        );
        assert_eq!(p("ada\"><script>").github_url(), None);
        assert_eq!(p("javascript://x").github_url(), None);
        assert_eq!(p("").github_url(), None);
        assert!(check_email("a@b.co").is_ok());
        assert!(check_email("a@b.co?subject=x").is_err());
        assert!(check_email("a b@c.d").is_err());
    }
}
