//! Entry files: CommonMark with TOML front matter between `+++` lines.
//!
//! ```text
//! +++
//! id = "2026-11-25-borrowck"
//! kind = "learned"
//! date = 2026-11-25
//! created = 2026-11-25T18:03:00+01:00
//! title = "Two-phase borrows"
//! tags = ["rust"]
//! goals = []
//! visibility = "public"
//! source = "https://…"
//! +++
//!
//! Body in Markdown.
//! ```
//!
//! Parsing is strict about what it understands and keeps everything else: fields it does not
//! know stay in `Entry::extra`, in file order, and are written back. Errors carry the line
//! number in the file, counted from 1.

pub(crate) use crate::model::date::{date_value, datetime_value, to_date, to_datetime};
use crate::model::{Entry, Kind, Visibility, entry::COMMON_FIELDS};
use std::borrow::Cow;
use std::fmt;
use toml_edit::visit_mut::VisitMut;

/// What is wrong with a file, and on which line.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

/// The parts of an entry file: the TOML text, the line it starts on, and the body.
pub(crate) struct Parts<'a> {
    pub(crate) toml: &'a str,
    pub(crate) toml_line: usize,
    pub(crate) body: &'a str,
}

/// Splits a file into front matter and body.
pub(crate) fn split(text: &str) -> Result<Parts<'_>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return fail(1, "the file is empty; an entry starts with a `+++` line");
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first) {
        return fail(1, "no front matter: an entry starts with a `+++` line");
    }
    let start = first.len();
    let mut offset = start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if is_fence(line) {
            let body = &text[offset + line.len()..];
            let body = body
                .strip_prefix("\r\n")
                .or_else(|| body.strip_prefix('\n'))
                .unwrap_or(body);
            return Ok(Parts {
                toml: &text[start..offset],
                toml_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    fail(
        1,
        format!(
            "the front matter opened on line 1 is never closed with a `+++` line (the file has {line_no} lines)"
        ),
    )
}

/// Whether `line` opens or closes the front matter: `+++`, perhaps with trailing white space.
fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// The line in the file where `key = …` is set, for error messages; the front matter's first
/// line when the key is missing.
fn line_of(parts: &Parts, key: &str) -> usize {
    match crate::model::position::key_line(parts.toml, key) {
        Some(line) => parts.toml_line + line - 1,
        None => parts.toml_line.saturating_sub(1).max(1),
    }
}

/// Parses an entry. `id` is the file name without `.md`, which is the entry's id.
pub fn parse(text: &str, id: &str) -> Result<Entry, ParseError> {
    let parts = split(text)?;
    let mut table = match super::fs::parse_toml(parts.toml) {
        Ok(table) => table,
        Err(err) => {
            return fail(
                parts.toml_line + err.line.unwrap_or(1) - 1,
                err.message
                    .replacen("invalid TOML", "invalid TOML in front matter", 1),
            );
        }
    };
    let at = |key: &str| line_of(&parts, key);

    let kind = match table.remove("kind") {
        Some(toml::Value::String(name)) => match Kind::parse(&name) {
            Some(kind) => kind,
            None => {
                return fail(
                    at("kind"),
                    format!(
                        "unknown kind \"{name}\"; expected one of: reflection, learned, evidence, goal, feedback, network, toolkit, review"
                    ),
                );
            }
        },
        Some(_) => return fail(at("kind"), "'kind' must be a string"),
        None => return fail(at("kind"), "missing 'kind' in front matter"),
    };
    let date = match table.remove("date") {
        Some(value) => match to_date(&value) {
            Some(date) => date,
            None => {
                return fail(
                    at("date"),
                    format!("invalid 'date' {value}: use a date such as 2026-11-25"),
                );
            }
        },
        None => return fail(at("date"), "missing 'date' in front matter"),
    };
    let created = match table.remove("created") {
        Some(value) => match to_datetime(&value) {
            Some(created) => created,
            None => {
                return fail(
                    at("created"),
                    format!(
                        "invalid 'created' {value}: use RFC 3339, such as 2026-11-25T18:03:00+01:00"
                    ),
                );
            }
        },
        None => date
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .fixed_offset(),
    };
    let title = match table.remove("title") {
        Some(toml::Value::String(title)) => title,
        Some(_) => return fail(at("title"), "'title' must be a string"),
        None => String::new(),
    };
    let tags = string_list(&mut table, "tags").or_else(|m| fail(at("tags"), m))?;
    let goals = string_list(&mut table, "goals").or_else(|m| fail(at("goals"), m))?;
    let visibility = match table.remove("visibility") {
        Some(toml::Value::String(name)) => match Visibility::parse(&name) {
            Some(v) => v,
            None => {
                return fail(
                    at("visibility"),
                    format!("invalid visibility \"{name}\": use private, team or public"),
                );
            }
        },
        Some(_) => return fail(at("visibility"), "'visibility' must be a string"),
        None => kind.default_visibility(),
    };
    // The file name is the id; an `id` field that says otherwise is reported by `doctor`.
    table.remove("id");
    Ok(Entry {
        id: id.to_string(),
        kind,
        date,
        created,
        title,
        tags,
        goals,
        visibility,
        extra: table,
        body: parts.body.to_string(),
    })
}

/// The `id` written in a file's front matter, when it is a string.
pub(crate) fn declared_id(text: &str) -> Option<String> {
    let parts = split(text).ok()?;
    let table: toml::Table = parts.toml.parse().ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

fn string_list(table: &mut toml::Table, key: &str) -> Result<Vec<String>, String> {
    match table.remove(key) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(items)) => items
            .into_iter()
            .map(|item| match item {
                toml::Value::String(s) => Ok(s),
                other => Err(format!("'{key}' must be a list of strings, found {other}")),
            })
            .collect(),
        Some(_) => Err(format!("'{key}' must be a list such as [\"a\", \"b\"]")),
    }
}

/// The common fields of `entry` as TOML values, in the order they are written.
fn common_values(entry: &Entry) -> [(&'static str, toml::Value); 8] {
    [
        ("id", entry.id.clone().into()),
        ("kind", entry.kind.as_str().into()),
        ("date", date_value(entry.date)),
        ("created", datetime_value(entry.created)),
        ("title", entry.title.clone().into()),
        ("tags", entry.tags.clone().into()),
        ("goals", entry.goals.clone().into()),
        ("visibility", entry.visibility.as_str().into()),
    ]
}

/// The full text of an entry file.
pub fn render(entry: &Entry) -> String {
    let mut table = toml::Table::new();
    for (key, value) in common_values(entry) {
        table.insert(key.into(), value);
    }
    for (key, value) in &entry.extra {
        if !COMMON_FIELDS.contains(&key.as_str()) {
            table.insert(key.clone(), value.clone());
        }
    }
    let front = toml::to_string(&table).expect("a TOML table always serializes");
    assemble(&front, &entry.body)
}

/// The text of `after`, written as an edit of `original`, the file `before` was read from:
/// only front matter fields that changed are set, so the user's comments, key order and
/// layout stay as they were. `None` when `original` cannot be edited that way.
pub fn render_edit(original: &str, before: &Entry, after: &Entry) -> Option<String> {
    let parts = split(original).ok()?;
    let mut doc: toml_edit::DocumentMut = parts.toml.parse().ok()?;
    let root = doc.as_table_mut();
    for ((key, old), (_, new)) in common_values(before).into_iter().zip(common_values(after)) {
        set(root, key, Some(&old), &new)?;
    }
    for (key, new) in &after.extra {
        set(root, key, before.extra.get(key), new)?;
    }
    for key in before.extra.keys() {
        if !after.extra.contains_key(key) {
            root.remove(key);
        }
    }
    Some(assemble(&doc.to_string(), &after.body))
}

/// The TOML text `original` changed to hold exactly the values of `table`: changed keys are
/// replaced in place, missing ones removed, new ones added, so comments and layout stay.
/// `None` when `original` is not valid TOML.
pub(crate) fn rewrite_toml(original: &str, table: &toml::Table) -> Option<String> {
    let mut doc: toml_edit::DocumentMut = original.parse().ok()?;
    let before: toml::Table = toml::from_str(original).ok()?;
    edit_table(doc.as_table_mut(), &before, table)?;
    Some(doc.to_string())
}

/// Changes `table`, which holds the values of `old`, to hold those of `new`.
fn edit_table(table: &mut toml_edit::Table, old: &toml::Table, new: &toml::Table) -> Option<()> {
    for (key, value) in new {
        set(table, key, old.get(key), value)?;
    }
    for key in old.keys() {
        if !new.contains_key(key) {
            table.remove(key);
        }
    }
    Some(())
}

/// Sets `key` in `table` to `new` where its value was `old`. A `[table]` or a `[[table]]`
/// log that stays one is edited key by key and item by item, so the comments in and above
/// it stay; any other value is replaced, keeping the comment beside it.
fn set(
    table: &mut toml_edit::Table,
    key: &str,
    old: Option<&toml::Value>,
    new: &toml::Value,
) -> Option<()> {
    use toml::Value;
    use toml_edit::Item;
    if old == Some(new) {
        return Some(());
    }
    match (table.get_mut(key), old, new) {
        (Some(Item::Table(t)), Some(Value::Table(o)), Value::Table(n)) => {
            edit_table(t, o, n)?;
            // A table known only from `[t.sub]` headers or `t.key = …` lines has no `[t]`
            // of its own to show that it is there once empty.
            if n.is_empty() {
                t.set_implicit(false);
                t.set_dotted(false);
            }
            Some(())
        }
        (Some(Item::ArrayOfTables(tables)), Some(Value::Array(o)), Value::Array(n))
            if tables.len() == o.len() && !n.is_empty() && n.iter().all(Value::is_table) =>
        {
            for (i, n) in n.iter().filter_map(Value::as_table).enumerate() {
                match (tables.get_mut(i), o.get(i).and_then(Value::as_table)) {
                    (Some(t), Some(o)) => edit_table(t, o, n)?,
                    _ => {
                        let mut fresh = item(key, &Value::Table(n.clone()))?.into_table().ok()?;
                        fresh.set_implicit(false);
                        fresh.decor_mut().set_prefix("\n");
                        tables.push(fresh);
                    }
                }
            }
            while tables.len() > n.len() {
                tables.remove(tables.len() - 1);
            }
            Some(())
        }
        _ => {
            let fresh = replacement(table, key, new)?;
            table[key] = fresh;
            Some(())
        }
    }
}

/// The new item for `key`, keeping the spacing and comment around the old value.
fn replacement(
    table: &toml_edit::Table,
    key: &str,
    value: &toml::Value,
) -> Option<toml_edit::Item> {
    let mut new = item(key, value)?;
    // A blank line before each `[[table]]` and a new `[table]`, as `toml` writes them in a
    // new file.
    if let Some(tables) = new.as_array_of_tables_mut() {
        for table in tables.iter_mut() {
            table.decor_mut().set_prefix("\n");
        }
    }
    if table.get(key).is_none()
        && let Some(fresh) = new.as_table_mut()
    {
        fresh.decor_mut().set_prefix("\n");
    }
    if let (Some(old), Some(fresh)) = (
        table.get(key).and_then(|i| i.as_value()),
        new.as_value_mut(),
    ) {
        *fresh.decor_mut() = old.decor().clone();
    }
    Some(new)
}

/// `text` written in the style of `original`: its line endings (LF or CRLF) and its
/// byte order mark, so that a rewrite changes only what it means to change.
pub fn in_style_of(original: &str, text: &str) -> String {
    let mut out = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    if original.contains("\r\n") {
        out = out.replace('\n', "\r\n");
    }
    if original.starts_with('\u{feff}') {
        out.insert(0, '\u{feff}');
    }
    out
}

/// A TOML value as a toml_edit item, formatted as `toml` formats it.
fn item(key: &str, value: &toml::Value) -> Option<toml_edit::Item> {
    let mut table = toml::Table::new();
    table.insert(key.to_string(), value.clone());
    let mut doc: toml_edit::DocumentMut = toml::to_string(&table).ok()?.parse().ok()?;
    let mut item = doc.remove(key)?;
    forget_positions(&mut item);
    Some(item)
}

/// Clears the places in their own text that tables parsed apart carry, so that in the
/// document they join each is written after the table before it: a `[[log]]` item added
/// after the others, its `[log.sub]` table right under it.
fn forget_positions(item: &mut toml_edit::Item) {
    let tables: Vec<&mut toml_edit::Table> = match item {
        toml_edit::Item::Table(table) => vec![table],
        toml_edit::Item::ArrayOfTables(tables) => tables.iter_mut().collect(),
        _ => Vec::new(),
    };
    for table in tables {
        table.set_position(None);
        for (_, item) in table.iter_mut() {
            forget_positions(item);
        }
    }
}

/// `+++`, the front matter, `+++`, a blank line and the body, as mpl writes entries.
pub(crate) fn assemble(front: &str, body: &str) -> String {
    let front = without_fences(front);
    let newline = if front.is_empty() || front.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let body = body.trim_end();
    if body.is_empty() {
        format!("+++\n{front}{newline}+++\n")
    } else {
        format!("+++\n{front}{newline}+++\n\n{body}\n")
    }
}

/// `front` with no line that would read as a `+++` fence. TOML writes a string that holds
/// line breaks over several lines, so a value with a `+++` line in it (a goal's `why`, say)
/// would close the front matter early and leave a file mpl cannot read; such strings are
/// written on one line instead, with `\n` escapes. Everything else stays as it was.
fn without_fences(front: &str) -> Cow<'_, str> {
    if !front.split('\n').any(is_fence) {
        return Cow::Borrowed(front);
    }
    // Only TOML can hold such a line, inside a string; text that does not parse is left.
    let Ok(mut doc) = front.parse::<toml_edit::DocumentMut>() else {
        return Cow::Borrowed(front);
    };
    struct OneLine;
    impl VisitMut for OneLine {
        fn visit_string_mut(&mut self, node: &mut toml_edit::Formatted<String>) {
            if !node.value().split('\n').any(is_fence) {
                return;
            }
            let Ok(toml_edit::Value::String(mut one_line)) = basic_string(node.value()).parse()
            else {
                unreachable!("an escaped string is a TOML string");
            };
            *one_line.decor_mut() = node.decor().clone();
            *node = one_line;
        }
    }
    OneLine.visit_document_mut(&mut doc);
    Cow::Owned(doc.to_string())
}

/// `text` as a TOML basic string on one line: `"…"` with quotes, backslashes and control
/// characters escaped.
fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c <= '\u{1f}' || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` with its front matter kept exactly as written and its body replaced.
pub fn with_body(text: &str, body: &str) -> Option<String> {
    split(text).ok().map(|parts| assemble(parts.toml, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "+++\nid = \"2026-11-25-borrowck\"\nkind = \"learned\"\ndate = 2026-11-25\ncreated = 2026-11-25T18:03:00+01:00\ntitle = \"Two-phase borrows\"\ntags = [\"rust\"]\ngoals = []\nvisibility = \"public\"\nsource = \"https://example.org\"\n+++\n\nBody *text*.\n";

    #[test]
    fn parse_reads_every_common_field() {
        let entry = parse(SAMPLE, "2026-11-25-borrowck").unwrap();
        assert_eq!(entry.kind, Kind::Learned);
        assert_eq!(entry.date.to_string(), "2026-11-25");
        assert_eq!(entry.created.to_rfc3339(), "2026-11-25T18:03:00+01:00");
        assert_eq!(entry.title, "Two-phase borrows");
        assert_eq!(entry.tags, vec!["rust"]);
        assert_eq!(
            <crate::model::learned::Learned as crate::model::KindFields>::of(&entry).source,
            Some("https://example.org".into())
        );
        assert_eq!(entry.body, "Body *text*.\n");
    }

    #[test]
    fn a_leap_second_is_written_back_as_one() {
        let text = SAMPLE.replace("18:03:00+01:00", "23:59:60Z");
        let entry = parse(&text, "2026-11-25-borrowck").unwrap();
        assert!(render(&entry).contains("created = 2026-11-25T23:59:60Z\n"));
        assert_eq!(parse(&render(&entry), "2026-11-25-borrowck"), Ok(entry));
    }

    #[test]
    fn render_round_trips_and_keeps_unknown_fields() {
        let entry = parse(SAMPLE, "2026-11-25-borrowck").unwrap();
        let text = render(&entry);
        assert_eq!(text, SAMPLE);
        assert_eq!(parse(&text, "2026-11-25-borrowck").unwrap(), entry);
        // Nested tables are kept too (as a [table] section after the plain keys).
        let nested = SAMPLE.replace("+++\n\nBody", "mood = { level = 3 }\n+++\n\nBody");
        let entry = parse(&nested, "x").unwrap();
        let again = parse(&render(&entry), "x").unwrap();
        assert_eq!(again.extra["mood"]["level"].as_integer(), Some(3));
        assert_eq!(again, entry);
    }

    #[test]
    fn an_edit_keeps_comments_layout_and_what_was_not_there() {
        let original = "+++\n# my notes\nkind = \"reflection\"   # the kind\ndate = 2026-11-25\nmood = 4  # 1-5\ntags = [ \"a\" ]\n[energy]\nmorning = 3\n+++\n\nOld body\n";
        let before = parse(original, "2026-11-25").unwrap();
        let mut after = before.clone();
        after.tags.push("b".into());
        after.body = "New body\n".into();
        let text = render_edit(original, &before, &after).unwrap();
        assert_eq!(
            text,
            "+++\n# my notes\nkind = \"reflection\"   # the kind\ndate = 2026-11-25\nmood = 4  # 1-5\ntags = [\"a\", \"b\"]\n[energy]\nmorning = 3\n+++\n\nNew body\n"
        );
        // No `created`, `id` or `visibility` was invented.
        assert_eq!(parse(&text, "2026-11-25").unwrap().tags, vec!["a", "b"]);
        assert_eq!(
            with_body(original, "x").unwrap(),
            original.replace("Old body", "x")
        );
    }

    #[test]
    fn an_edit_keeps_the_comment_on_a_changed_line_and_the_file_style() {
        let original = "\u{feff}+++\r\nkind = \"learned\"\r\ndate = 2026-11-25\r\ntags = [\"a\"]  # topics\r\n+++\r\n\r\nbody\r\n";
        let before = parse(original, "x").unwrap();
        let mut after = before.clone();
        after.tags.push("b".into());
        let text = in_style_of(original, &render_edit(original, &before, &after).unwrap());
        assert_eq!(
            text,
            "\u{feff}+++\r\nkind = \"learned\"\r\ndate = 2026-11-25\r\ntags = [\"a\", \"b\"]  # topics\r\n+++\r\n\r\nbody\r\n"
        );
    }

    #[test]
    fn rendered_strings_are_escaped() {
        let mut entry = parse(SAMPLE, "x").unwrap();
        entry.title = "quote \" and \"\"\" and +++\nnewline".to_string();
        entry.body = "+++\nnot front matter\n".to_string();
        let back = parse(&render(&entry), "x").unwrap();
        assert_eq!(back.title, entry.title);
        assert_eq!(back.body, entry.body);
    }

    #[test]
    fn errors_name_the_line() {
        let bad_toml = SAMPLE.replace("title = \"Two-phase borrows\"", "title = \"unclosed");
        assert_eq!(parse(&bad_toml, "x").unwrap_err().line, 6);
        let bad_date = SAMPLE.replace("date = 2026-11-25", "date = \"2026-13-01\"");
        let err = parse(&bad_date, "x").unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("'date'"), "{}", err.message);
        let bad_kind = SAMPLE.replace("\"learned\"", "\"diary\"");
        assert_eq!(parse(&bad_kind, "x").unwrap_err().line, 3);
    }

    #[test]
    fn broken_shapes_are_errors_not_panics() {
        for text in [
            "",
            "\n\n",
            "no front matter",
            "+++\nkind = \"learned\"\n",
            "+++\n+++\n",
            "+++\nkind = \"learned\"\n+++\n",
            "+++\nkind = 3\ndate = 2026-01-01\n+++\n",
            "+++\nkind = \"learned\"\ndate = 2026-01-01T10:00:00\n+++\n",
            "+++\nkind = \"learned\"\ndate = 2026-01-01\ntags = \"rust\"\n+++\n",
            "+++\nkind = \"learned\"\ndate = 2026-01-01\nvisibility = \"secret\"\n+++\n",
        ] {
            assert!(parse(text, "x").is_err(), "{text:?} should fail");
        }
    }

    #[test]
    fn a_value_with_a_fence_line_stays_inside_the_front_matter() {
        // TOML writes a string with line breaks over several lines; a `+++` line in it
        // closed the front matter early (`mpl goal add G --why $'a\n+++\nb'`).
        let mut entry = parse(SAMPLE, "x").unwrap();
        entry.title = "\n+++\n".to_string();
        entry
            .extra
            .insert("why".into(), "first\n+++ \nsecond".into());
        let text = render(&entry);
        assert!(text.contains("why = \"first\\n+++ \\nsecond\"\n"), "{text}");
        assert_eq!(parse(&text, "x").unwrap(), entry);
        let mut after = entry.clone();
        after.goals = vec!["a\n+++\nb".to_string()];
        let edited = render_edit(&text, &entry, &after).unwrap();
        assert_eq!(parse(&edited, "x").unwrap(), after);
        // Other strings with line breaks keep TOML's layout.
        entry.title = "two\nlines".to_string();
        assert!(render(&entry).contains("title = \"\"\"\ntwo\nlines\"\"\"\n"));
    }

    #[test]
    fn an_edit_of_a_log_or_a_table_keeps_the_comments_in_it() {
        let original = "+++\nkind = \"goal\"\ndate = 2026-11-25\n\n# kept by hand\n[[progress]]\ndate = 2026-11-25\nnote = \"first\"  # the kickoff\n\n[mood]  # 1-5\nlevel = 3\nwhy = \"x\"\n+++\n";
        let before = parse(original, "g").unwrap();
        let mut after = before.clone();
        let second: toml::Table = toml::from_str("date = 2026-11-26\nnote = \"second\"").unwrap();
        let mut log = before.extra["progress"].as_array().unwrap().clone();
        log.push(second.into());
        after.extra.insert("progress".into(), log.into());
        after.extra["mood"]
            .as_table_mut()
            .unwrap()
            .insert("level".into(), 4.into());
        assert_eq!(
            render_edit(original, &before, &after).unwrap(),
            "+++\nkind = \"goal\"\ndate = 2026-11-25\n\n# kept by hand\n[[progress]]\ndate = 2026-11-25\nnote = \"first\"  # the kickoff\n\n[[progress]]\ndate = 2026-11-26\nnote = \"second\"\n\n[mood]  # 1-5\nlevel = 4\nwhy = \"x\"\n+++\n"
        );
        // A table known only from `a.b = …` or `[a.b]` that is emptied is still there.
        let original =
            "+++\nkind = \"learned\"\ndate = 2026-11-25\nmood.level = 3\n[energy.morning]\n+++\n";
        let before = parse(original, "x").unwrap();
        let mut after = before.clone();
        for key in ["mood", "energy"] {
            after.extra.insert(key.into(), toml::Table::new().into());
        }
        let text = render_edit(original, &before, &after).unwrap();
        assert_eq!(parse(&text, "x").unwrap(), after, "{text}");
    }

    #[test]
    fn lenient_where_it_is_harmless() {
        let text = "\u{feff}+++\r\nkind = \"learned\"\r\ndate = \"2026-01-01\"\r\n+++\r\nbody\r\n";
        let entry = parse(text, "x").unwrap();
        assert_eq!(entry.visibility, Visibility::Public);
        assert_eq!(entry.body, "body\r\n");
    }
}

/// Properties over generated entries and texts (see docs/testing.md).
#[cfg(test)]
mod props {
    use super::*;
    use crate::model::strategies::{config, entry, text};
    use chrono::Timelike;
    use proptest::prelude::*;
    use proptest::sample::Index;

    /// What `render` promises to keep: everything, except that the body loses trailing
    /// white space and ends with one line break (an empty body stays empty), and `created`
    /// is written to the second (a leap second stays one).
    fn as_written(entry: &Entry) -> Entry {
        let body = entry.body.trim_end();
        Entry {
            body: if body.is_empty() {
                String::new()
            } else {
                format!("{body}\n")
            },
            // A leap second (`23:59:60`, nanoseconds past 10⁹) is written as one.
            created: entry
                .created
                .with_nanosecond(entry.created.nanosecond() / 1_000_000_000 * 1_000_000_000)
                .expect("whole seconds"),
            ..entry.clone()
        }
    }

    /// Text that might be an entry: fragments of front matter, TOML and line breaks, any
    /// Unicode, or a rendered entry with something spliced in or cut off.
    fn hostile() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "+++",
            "+++\n",
            "+++\r\n",
            "\n",
            "\r\n",
            "---\n",
            "\u{feff}",
            "\0",
            "kind = \"learned\"\n",
            "kind = \"goal\"\n",
            "date = 2026-11-25\n",
            "date = \"2026-11-25\"\n",
            "date = 0000-01-01\n",
            "created = 2026-11-25T18:03:00+01:00\n",
            "created = 9999-12-31T23:59:60-23:59\n",
            "created = \"",
            "title = \"",
            "title = '''",
            "tags = [",
            "goals = [\"",
            "visibility = \"team\"\n",
            "id = ",
            "]",
            "\"",
            "\\u{",
            "[progress]\n",
            "[[progress]]\n",
            "a.b.c = ",
            "= ",
            "# ",
            "1979-05-27T07:32:00.999999",
        ];
        let soup = prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(str::to_string),
                1 => text(),
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat());
        // Half start as an entry does, so that the parser gets past the first line.
        let soup = (soup, any::<bool>())
            .prop_map(|(soup, open)| if open { format!("+++\n{soup}") } else { soup });
        let spliced =
            (entry(), any::<Index>(), text(), any::<bool>()).prop_map(|(entry, at, piece, cut)| {
                let mut text = render(&entry);
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                if cut {
                    text.truncate(i);
                }
                text.insert_str(i, &piece);
                text
            });
        prop_oneof![soup, spliced]
    }

    /// `text`, an entry mpl wrote, with comments a person might add: one above each
    /// top-level field and one after each value. Returns the text and each comment with the
    /// field it belongs to.
    fn with_comments(text: &str) -> (String, Vec<(String, String)>) {
        let parts = split(text).expect("a rendered entry splits");
        let mut doc: toml_edit::DocumentMut = parts.toml.parse().expect("rendered TOML parses");
        let mut comments = Vec::new();
        for (n, (mut key, item)) in doc.as_table_mut().iter_mut().enumerate() {
            let above = format!("# about field {n}.");
            match item {
                toml_edit::Item::Value(value) => {
                    key.leaf_decor_mut().set_prefix(format!("{above}\n"));
                    let after = format!("# after field {n}.");
                    value.decor_mut().set_suffix(format!("  {after}"));
                    comments.push((key.get().to_string(), after));
                }
                toml_edit::Item::Table(table) => {
                    table.decor_mut().set_prefix(format!("\n{above}\n"));
                }
                toml_edit::Item::ArrayOfTables(tables) => match tables.get_mut(0) {
                    Some(table) => table.decor_mut().set_prefix(format!("\n{above}\n")),
                    None => continue,
                },
                toml_edit::Item::None => continue,
            }
            comments.push((key.get().to_string(), above));
        }
        let text = assemble(&doc.to_string(), parts.body);
        // A table that holds only tables has no header of its own to carry a comment.
        comments.retain(|(_, comment)| text.contains(comment.as_str()));
        (text, comments)
    }

    /// How TOML writes `value`: after its key (0), as a `[table]` (1) or as `[[table]]`
    /// items (2).
    fn shape(value: &toml::Value) -> u8 {
        match value {
            toml::Value::Table(_) => 1,
            toml::Value::Array(items)
                if !items.is_empty() && items.iter().all(toml::Value::is_table) =>
            {
                2
            }
            _ => 0,
        }
    }

    /// `before` with some of its fields (chosen by the bits of `pick`) taken from `other`:
    /// common fields, the body, extra fields removed, and extra fields added or changed.
    fn edited(before: &Entry, other: &Entry, pick: u32) -> Entry {
        let bit = |n: u32| pick & (1 << n) != 0;
        let mut after = before.clone();
        if bit(0) {
            after.kind = other.kind;
        }
        if bit(1) {
            after.date = other.date;
        }
        if bit(2) {
            after.created = other.created;
        }
        if bit(3) {
            after.title = other.title.clone();
        }
        if bit(4) {
            after.tags = other.tags.clone();
        }
        if bit(5) {
            after.goals = other.goals.clone();
        }
        if bit(6) {
            after.visibility = other.visibility;
        }
        if bit(7) {
            after.body = other.body.clone();
        }
        for (i, key) in before.extra.keys().enumerate() {
            if bit(8 + i as u32 % 8) {
                after.extra.remove(key);
            }
        }
        for (i, (key, value)) in other.extra.iter().enumerate() {
            if bit(16 + i as u32 % 8) {
                after.extra.insert(key.clone(), value.clone());
            }
        }
        after
    }

    proptest! {
        #![proptest_config(config(256))]

        #[test]
        fn an_edit_keeps_comments_and_unknown_fields(
            written in entry(),
            other in entry(),
            pick in any::<u32>(),
        ) {
            let (original, comments) = with_comments(&render(&written));
            let before = parse(&original, &written.id);
            prop_assert_eq!(before.as_ref(), Ok(&as_written(&written)), "{}", original);
            let before = before.unwrap();
            let after = edited(&before, &other, pick);
            let text = render_edit(&original, &before, &after);
            prop_assert!(text.is_some(), "{}", original);
            let text = text.unwrap();
            prop_assert_eq!(parse(&text, &written.id), Ok(as_written(&after)), "{}", text);
            for (key, comment) in &comments {
                let kept = match after.extra.get(key) {
                    _ if COMMON_FIELDS.contains(&key.as_str()) => true,
                    None => false,
                    // A comment after a value has no line to sit on once the value becomes a
                    // `[table]`, nor one above a `[table]` once it becomes a value.
                    Some(value) => shape(value) == shape(&before.extra[key]),
                };
                if kept {
                    prop_assert!(text.contains(comment.as_str()), "{} lost:\n{}", comment, text);
                }
            }
            let same_fields = |e: &Entry| Entry { body: String::new(), ..e.clone() };
            if same_fields(&after) == same_fields(&before) {
                // Only the body changed: the front matter is byte for byte the original.
                prop_assert_eq!(split(&text).unwrap().toml, split(&original).unwrap().toml);
            }
        }
    }

    proptest! {
        #![proptest_config(config(512))]

        #[test]
        fn render_then_parse_gives_the_entry_back(entry in entry()) {
            let text = render(&entry);
            let back = parse(&text, &entry.id);
            prop_assert_eq!(back.as_ref(), Ok(&as_written(&entry)), "{}", text);
            // Rendering again writes the same bytes: no churn in the history.
            prop_assert_eq!(render(&back.unwrap()), text);
        }

        #[test]
        fn parse_never_panics_and_errors_name_a_line(text in hostile()) {
            match parse(&text, "x") {
                Ok(entry) => {
                    // What parses renders to a file that parses to the same entry.
                    let again = parse(&render(&entry), "x");
                    prop_assert_eq!(again, Ok(as_written(&entry)));
                }
                Err(err) => {
                    let lines = text.split('\n').count();
                    prop_assert!(
                        (1..=lines).contains(&err.line),
                        "line {} of {}: {}", err.line, lines, err.message
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(config(1024))]

        #[test]
        fn parse_never_panics_on_any_string(text in any::<String>()) {
            let _ = parse(&text, "x");
            let _ = declared_id(&text);
        }
    }
}
