//! Any bytes, as UTF-8, to the front matter writer and parser. As every string of an entry,
//! they must render to a file that parses back to it. As a file, what parses must render to
//! a file that parses to the same entry, render the same again, and take an edit that
//! parses to the edited entry.
#![no_main]

use chrono::{DateTime, FixedOffset, Timelike};
use libfuzzer_sys::fuzz_target;
use mpl_core::model::{Entry, Kind};
use mpl_core::store::frontmatter::{parse, render, render_edit};
use toml::Value;

/// What `render` keeps of an entry: the body loses trailing white space and ends with one
/// line break, and `created` is written to the second.
fn as_written(entry: &Entry, created_to_the_second: bool) -> Entry {
    let body = entry.body.trim_end();
    let mut out = entry.clone();
    out.body = if body.is_empty() {
        String::new()
    } else {
        format!("{body}\n")
    };
    if created_to_the_second {
        out.created = entry.created.with_nanosecond(0).unwrap();
    }
    out
}

/// The same text as every string of an entry: title, tag, body, and a field's value.
fn as_every_string(text: &str) {
    let created: DateTime<FixedOffset> = "2026-11-25T18:03:00+01:00".parse().unwrap();
    let mut entry = Entry::new(
        Kind::Learned,
        "fuzz".into(),
        created.date_naive(),
        created,
        text.into(),
    );
    entry.tags.push(text.into());
    entry.body = text.into();
    entry.extra.insert("source".into(), text.into());
    let rendered = render(&entry);
    let back = parse(&rendered, "fuzz").unwrap_or_else(|err| panic!("{err}\n{rendered}"));
    assert_eq!(back, as_written(&entry, true), "{rendered}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    as_every_string(text);
    let Ok(entry) = parse(text, "fuzz") else {
        return;
    };
    let rendered = render(&entry);
    let back = parse(&rendered, "fuzz").unwrap_or_else(|err| panic!("{err}\n{rendered}"));
    assert_eq!(back, as_written(&entry, true), "{rendered}");
    assert_eq!(render(&back), rendered);

    // An edit of the file as written: a tag more, and the first other field changed in
    // place (a key more in a table, an item more in a log, a new value otherwise).
    let mut after = entry.clone();
    after.tags.push("fuzz".into());
    if let Some((_, value)) = after.extra.iter_mut().next() {
        match value {
            Value::Table(table) => {
                table.insert("fuzz".into(), 1.into());
            }
            Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_table) => {
                items.push(Value::Table(toml::Table::new()));
            }
            other => *other = "fuzz".into(),
        }
    }
    let edited = render_edit(text, &entry, &after).expect("a file that parses can be edited");
    // `created` was not touched, so it stays as it was written.
    assert_eq!(
        parse(&edited, "fuzz"),
        Ok(as_written(&after, false)),
        "{edited}"
    );
});
