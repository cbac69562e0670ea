//! Generators for the property tests (proptest): entries with hostile text in every field,
//! TOML values of every type, and bodies built from a few lines, so that three versions of
//! one body overlap and conflict. Test-only; see docs/testing.md.

use super::entry::COMMON_FIELDS;
use super::{Entry, Kind, Visibility};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

/// The settings of every property test: `cases` cases (or `PROPTEST_CASES`, for a longer
/// run by hand) and no regression files written beside the sources. A failure prints its
/// minimal input; that input then belongs in a plain unit test next to the code it broke.
pub(crate) fn config(cases: u32) -> Config {
    let cases = match std::env::var("PROPTEST_CASES").map(|n| n.parse()) {
        Ok(Ok(n)) => n,
        _ => cases,
    };
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces of text that matter to TOML, to front matter or to a line merge.
const FRAGMENTS: &[&str] = &[
    "\"",
    "\\",
    "\\u",
    "'",
    "\"\"\"",
    "'''",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\0",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "+++",
    "\n+++\n",
    "---",
    "\n---\n",
    "title = \"",
    "kind = \"learned\"",
    "[table]",
    "[[progress]]",
    "# ",
    " = ",
    "<!-- mpl sync: end -->",
    "=======",
    " ",
    "é",
    "日本語",
    "🦀",
];

/// Any text: Unicode of every plane mixed with [`FRAGMENTS`].
pub(crate) fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            2 => any::<char>().prop_map(String::from),
            2 => "[a-z ]{0,8}",
            1 => any::<String>(),
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// Lines of Markdown as they appear in bodies, and lines that look like front matter, TOML
/// or conflict markers (40 `<`, `=` or `>` is the width of the markers in entries).
pub(crate) const BODY_LINES: &[&str] = &[
    "a",
    "b",
    "c",
    "d",
    "",
    "## Key moments",
    "Pairing with Sam.",
    "+++",
    "---",
    "title = \"x\"",
    "[[progress]]",
    "=======",
    "<<<<<<< this machine",
    "========================================",
    "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< this machine",
    ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> origin",
    "<!-- mpl sync: end -->",
    "  indented",
    "tab\there",
    "a NUL \0 byte",
    "é 日本語 🦀",
];

/// A body: lines from [`BODY_LINES`] and any text, joined by LF or CRLF, with or without a
/// last line break.
pub(crate) fn body() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => prop::sample::select(BODY_LINES).prop_map(str::to_string),
        1 => text(),
    ];
    (
        prop::collection::vec(line, 0..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, last)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut body = lines.join(newline);
            if last && !body.is_empty() {
                body.push_str(newline);
            }
            body
        })
}

pub(crate) fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(Kind::ALL.to_vec())
}

pub(crate) fn visibility() -> impl Strategy<Value = Visibility> {
    prop::sample::select(vec![
        Visibility::Private,
        Visibility::Team,
        Visibility::Public,
    ])
}

/// A date in the years TOML can write (1 to 9999).
pub(crate) fn date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=12, 1u32..=31).prop_filter_map("a day of that month", |(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
    })
}

/// A moment with a UTC offset in whole minutes (as RFC 3339 writes them), sometimes with a
/// fraction of a second.
pub(crate) fn created() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        date(),
        0u32..24,
        0u32..60,
        0u32..60,
        prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000],
        -1439i32..=1439,
    )
        .prop_filter_map("a moment that exists", |(d, h, m, s, nanos, offset)| {
            let local = d.and_hms_nano_opt(h, m, s, nanos)?;
            FixedOffset::east_opt(offset * 60)?
                .from_local_datetime(&local)
                .single()
        })
}

/// A TOML date-time in each of its four shapes: date, time, local date-time, offset
/// date-time.
pub(crate) fn toml_datetime() -> impl Strategy<Value = toml::value::Datetime> {
    (
        date(),
        (0u32..24, 0u32..60, 0u32..60),
        prop::option::of(0u32..1_000_000_000),
        0u8..4,
        -1439i32..=1439,
    )
        .prop_map(|(d, (h, m, s), nanos, shape, offset)| {
            let fraction = nanos.map(|n| format!(".{n:09}")).unwrap_or_default();
            let time = format!("{h:02}:{m:02}:{s:02}{fraction}");
            let offset = match offset {
                0 => "Z".to_string(),
                _ => {
                    let sign = if offset < 0 { '-' } else { '+' };
                    let o = offset.abs();
                    format!("{sign}{:02}:{:02}", o / 60, o % 60)
                }
            };
            let date = d.format("%Y-%m-%d");
            let text = match shape {
                0 => date.to_string(),
                1 => time,
                2 => format!("{date}T{time}"),
                _ => format!("{date}T{time}{offset}"),
            };
            text.parse().expect("a TOML date-time")
        })
}

/// Keys as users and kinds write them, and any text (TOML quotes what is not bare).
const KEYS: &[&str] = &[
    "source",
    "impact",
    "status",
    "note",
    "mood",
    "progress",
    "date",
    "a-b",
    "x_y",
    "1",
    "",
    "with space",
    "dot.ted",
    "quote\"",
    "+++",
    "é",
];

pub(crate) fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => text(),
    ]
}

/// Any TOML value but NaN (a float NaN is not equal to itself, so no round trip can keep
/// it "equal"): strings, integers, floats, booleans, date-times, and arrays and tables of
/// them, nested (arrays of tables become `[[key]]` sections).
pub(crate) fn toml_value() -> impl Strategy<Value = toml::Value> {
    let leaf = prop_oneof![
        3 => text().prop_map(toml::Value::String),
        1 => any::<i64>().prop_map(toml::Value::Integer),
        1 => any::<f64>()
            .prop_filter("not NaN", |f| !f.is_nan())
            .prop_map(toml::Value::Float),
        1 => any::<bool>().prop_map(toml::Value::Boolean),
        1 => toml_datetime().prop_map(toml::Value::Datetime),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(toml::Value::Array),
            table(key(), inner).prop_map(toml::Value::Table),
        ]
    })
}

/// A table from keys and values (a key drawn twice keeps its last value).
pub(crate) fn table(
    keys: impl Strategy<Value = String>,
    values: impl Strategy<Value = toml::Value>,
) -> impl Strategy<Value = toml::Table> {
    prop::collection::vec((keys, values), 0..5).prop_map(|pairs| pairs.into_iter().collect())
}

/// Fields outside the common ones, of any type.
pub(crate) fn extra() -> impl Strategy<Value = toml::Table> {
    table(
        key().prop_filter("not a common field", |k| {
            !COMMON_FIELDS.contains(&k.as_str())
        }),
        toml_value(),
    )
}

prop_compose! {
    /// Any entry mpl could be asked to write: hostile text in every string, extra fields
    /// of every type.
    pub fn entry()(
        id in text(),
        kind in kind(),
        date in date(),
        created in created(),
        title in text(),
        tags in prop::collection::vec(text(), 0..4),
        goals in prop::collection::vec(text(), 0..3),
        visibility in visibility(),
        extra in extra(),
        body in body(),
    ) -> Entry {
        Entry { id, kind, date, created, title, tags, goals, visibility, extra, body }
    }
}

/// A version of `base` after a few edits: lines inserted, deleted or replaced.
pub(crate) fn edited<T: Clone + std::fmt::Debug + 'static>(
    base: Vec<T>,
    items: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec((0u8..3, any::<Index>(), items), 0..4).prop_map(move |edits| {
        let mut lines = base.clone();
        for (op, at, item) in edits {
            let i = at.index(lines.len() + 1);
            match op {
                0 => lines.insert(i, item),
                1 if i < lines.len() => {
                    lines.remove(i);
                }
                _ if i < lines.len() => lines[i] = item,
                _ => lines.push(item),
            }
        }
        lines
    })
}

/// Three versions of a list: a base, and ours and theirs, each either an edit of the base
/// or drawn afresh.
pub(crate) fn three_versions<T: Clone + std::fmt::Debug + 'static>(
    items: impl Strategy<Value = T> + Clone + 'static,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = (Vec<T>, Vec<T>, Vec<T>)> {
    prop::collection::vec(items.clone(), len.clone()).prop_flat_map(move |base| {
        let version = prop_oneof![
            3 => edited(base.clone(), items.clone()),
            1 => prop::collection::vec(items.clone(), len.clone()),
        ];
        (Just(base), version.clone(), version)
    })
}
