//! Evidence: something achieved, its impact, links, and files kept as proof.
//!
//! An evidence entry (`evidence/YYYY/YYYY-MM-DD-slug.md`) holds `impact`, `links` and one
//! `[[attachments]]` table per file:
//!
//! ```toml
//! impact = "Teams get feedback 28 minutes sooner"
//! links = ["https://ci.example.com/dashboards/42"]
//!
//! [[attachments]]
//! name = "report.pdf"
//! file = "attachments/3f/3f2a9c…e1.pdf"
//! bytes = 48213
//! ```
//!
//! `file` is where the bytes live in the journal, named by their content (the git blob id),
//! so the same file attached twice is stored once. `name` is the file's original name, for
//! display and export.

use super::Entry;
use super::entry::{FieldError, KindFields, field_error, optional_text, set_text, text};
use std::path::Path;

pub(crate) const IMPACT: &str = "impact";
const LINKS: &str = "links";
const ATTACHMENTS: &str = "attachments";
const PINNED: &str = "pinned";

/// The fields of an evidence entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// What changed because of it, for whom, by how much.
    pub impact: Option<String>,
    /// Web or email addresses that show it.
    pub links: Vec<String>,
    /// Files kept as proof.
    pub attachments: Vec<Attachment>,
    /// Leads the portfolio (`mpl evidence pin`).
    pub pinned: bool,
}

impl KindFields for Evidence {
    fn from_entry(entry: &Entry) -> Result<Evidence, FieldError> {
        Ok(Evidence {
            impact: optional_text(entry, IMPACT)?,
            links: links(entry)?,
            attachments: attachments(entry)?,
            pinned: pinned(entry)?,
        })
    }

    fn of(entry: &Entry) -> Evidence {
        Evidence {
            impact: text(entry, IMPACT),
            links: links(entry).unwrap_or_default(),
            attachments: attachments(entry).unwrap_or_default(),
            pinned: pinned(entry).unwrap_or_default(),
        }
    }

    fn write(&self, entry: &mut Entry) {
        set_text(entry, IMPACT, self.impact.as_deref());
        if self.pinned {
            entry.extra.insert(PINNED.into(), true.into());
        } else {
            entry.extra.remove(PINNED);
        }
        if !self.links.is_empty() {
            entry.extra.insert(LINKS.into(), self.links.clone().into());
        }
        if !self.attachments.is_empty() {
            let tables = self
                .attachments
                .iter()
                .map(|a| toml::Value::Table(a.to_table()))
                .collect();
            entry
                .extra
                .insert(ATTACHMENTS.into(), toml::Value::Array(tables));
        }
    }
}

/// Whether the evidence is pinned to lead the portfolio: `pinned = true`.
pub fn pinned(entry: &Entry) -> Result<bool, FieldError> {
    match entry.extra.get(PINNED) {
        None => Ok(false),
        Some(toml::Value::Boolean(b)) => Ok(*b),
        Some(_) => Err(field_error(PINNED, "'pinned' must be true or false")),
    }
}

/// The folder attachments live in, at the journal root.
pub(crate) const ATTACHMENTS_DIR: &str = "attachments";

/// One attached file.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The original file name, for people.
    pub name: String,
    /// Where the bytes are, relative to the journal root: `attachments/ab/abcd….ext`.
    pub file: String,
    pub bytes: u64,
}

impl Attachment {
    pub(crate) fn to_table(&self) -> toml::Table {
        let mut table = toml::Table::new();
        table.insert("name".into(), self.name.clone().into());
        table.insert("file".into(), self.file.clone().into());
        table.insert(
            "bytes".into(),
            i64::try_from(self.bytes).unwrap_or(i64::MAX).into(),
        );
        table
    }
}

/// The attachments of an evidence entry, each checked to point inside `attachments/`.
pub fn attachments(entry: &Entry) -> Result<Vec<Attachment>, FieldError> {
    let Some(value) = entry.extra.get(ATTACHMENTS) else {
        return Ok(Vec::new());
    };
    let items = value.as_array().ok_or_else(|| {
        field_error(
            "attachments",
            "'attachments' must be a list of [[attachments]] tables",
        )
    })?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let bad = |m: String| field_error("attachments", format!("attachment {}: {m}", i + 1));
            let table = item
                .as_table()
                .ok_or_else(|| bad("must be a table with name and file".into()))?;
            let file = table
                .get("file")
                .and_then(|v| v.as_str())
                .ok_or_else(|| bad("needs file = \"attachments/…\"".into()))?;
            check_stored_path(file).map_err(bad)?;
            let name = table
                .get("name")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| file.rsplit('/').next().unwrap_or(file).to_string());
            let bytes = match table.get("bytes") {
                None => 0,
                Some(toml::Value::Integer(n)) if *n >= 0 => *n as u64,
                Some(other) => return Err(bad(format!("'bytes' must be a size, not {other}"))),
            };
            Ok(Attachment {
                name,
                file: file.to_string(),
                bytes,
            })
        })
        .collect()
}

/// The `links` of an entry.
pub(crate) fn links(entry: &Entry) -> Result<Vec<String>, FieldError> {
    match entry.extra.get(LINKS) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| field_error("links", "'links' must be a list of web addresses"))
            })
            .collect(),
        Some(_) => Err(field_error(
            "links",
            "'links' must be a list such as [\"https://…\"]",
        )),
    }
}

/// Checks a link given on the command line (a web or email address): no character that
/// would need escaping, a scheme mpl links to, and an address the `url` crate parses.
/// Returns it trimmed, as it is stored.
pub fn check_link(text: &str) -> Result<String, String> {
    let text = text.trim();
    if let Some(bad) = text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(*c))
    {
        let shown = if bad.is_control() || bad.is_whitespace() {
            format!("U+{:04X}", bad as u32)
        } else {
            format!("'{bad}'")
        };
        return Err(format!(
            "\"{text}\" holds {shown}, which cannot be part of a web address (write it percent-encoded, as %{:02X})",
            bad as u32
        ));
    }
    let lower = text.to_ascii_lowercase();
    if !["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        return Err(format!(
            "\"{text}\" is not a web address; links start with https://, http:// or mailto:"
        ));
    }
    let url = url::Url::parse(text)
        .map_err(|err| format!("\"{text}\" is not a complete web address ({err})"))?;
    let complete = match url.scheme() {
        "mailto" => !url.path().is_empty(),
        _ => url.host_str().is_some_and(|h| !h.is_empty()),
    };
    if !complete {
        return Err(format!(
            "\"{text}\" is not a complete web address (something must follow the scheme)"
        ));
    }
    Ok(text.to_string())
}

/// A link as it may go on a page: checked as [`check_link`] does, and written out again by
/// the `url` crate, so that it means one thing to every reader.
pub(crate) fn normalized_link(text: &str) -> Option<String> {
    check_link(text).ok()?;
    url::Url::parse(text.trim()).ok().map(|url| url.to_string())
}

/// Checks that a stored attachment path stays inside `attachments/` and is a plain file
/// name there: no `..`, no absolute path, no hidden file, nothing a shell or a browser
/// would read differently.
pub(crate) fn check_stored_path(file: &str) -> Result<(), String> {
    let path = Path::new(file);
    let mut parts = file.split('/');
    let ok = parts.next() == Some(ATTACHMENTS_DIR)
        && !path.is_absolute()
        && parts.clone().count() >= 1
        && parts.all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "file \"{file}\" is not a path inside {ATTACHMENTS_DIR}/ (letters, digits, '.', '-', '_')"
        ))
    }
}

/// Where bytes with the content id `hash` are stored: `attachments/ab/abcd….ext`, keeping
/// a short, safe extension of the original name so the file opens in the right program.
pub(crate) fn stored_path(hash: &str, original_name: &str) -> String {
    let ext = extension(original_name);
    let name = if ext.is_empty() {
        hash.to_string()
    } else {
        format!("{hash}.{ext}")
    };
    format!("{ATTACHMENTS_DIR}/{}/{name}", &hash[..2])
}

/// The lowercase extension of a file name, if it is short and plain.
fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=10).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            ext.to_ascii_lowercase()
        }
        _ => String::new(),
    }
}

/// A file name fit for display: control characters and path separators replaced.
pub fn display_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || c == '/' || c == '\\' {
                '_'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::frontmatter;

    #[test]
    fn stored_paths_keep_a_safe_extension() {
        let hash = "3f2a9c0000000000000000000000000000000000";
        assert_eq!(
            stored_path(hash, "Report.PDF"),
            format!("attachments/3f/{hash}.pdf")
        );
        assert_eq!(
            stored_path(hash, "README"),
            format!("attachments/3f/{hash}")
        );
        assert_eq!(
            stored_path(hash, ".bashrc"),
            format!("attachments/3f/{hash}")
        );
        assert_eq!(
            stored_path(hash, "x.tar;rm -rf"),
            format!("attachments/3f/{hash}")
        );
        assert!(check_stored_path(&stored_path(hash, "a.png")).is_ok());
    }

    #[test]
    fn stored_paths_cannot_leave_the_attachments_folder() {
        for bad in [
            "../secret",
            "attachments/../../etc/passwd",
            "/etc/passwd",
            "attachments/",
            "attachments/.hidden",
            "attachments/a b",
            "notes/x.md",
            "attachments\\..\\x",
        ] {
            assert!(check_stored_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_must_be_web_addresses() {
        assert!(check_link("https://example.com/x").is_ok());
        assert!(check_link("mailto:me@example.com").is_ok());
        assert!(check_link("javascript:alert(1)").is_err());
        assert!(check_link("example.com").is_err());
        assert!(check_link("https://").is_err());
        assert!(check_link("https://a b").is_err());
    }

    #[test]
    fn attachments_are_read_and_checked() {
        let text = "+++\nkind = \"evidence\"\ndate = 2026-11-25\n[[attachments]]\nname = \"r.pdf\"\nfile = \"attachments/ab/abc.pdf\"\nbytes = 12\n+++\n";
        let entry = frontmatter::parse(text, "x").unwrap();
        assert_eq!(
            attachments(&entry).unwrap(),
            vec![Attachment {
                name: "r.pdf".into(),
                file: "attachments/ab/abc.pdf".into(),
                bytes: 12
            }]
        );
        let evil = text.replace("attachments/ab/abc.pdf", "../../.ssh/id_rsa");
        let entry = frontmatter::parse(&evil, "x").unwrap();
        assert_eq!(attachments(&entry).unwrap_err().key, "attachments");
    }
}
