//! The merge that never loses an entry: how one file that two machines both changed becomes
//! one file again. Pure functions over the three versions (common ancestor, ours, theirs);
//! no I/O.
//!
//! - Entries (Markdown with TOML front matter): the front matter is merged field by field
//!   (a field changed on one side takes that side; lists such as `tags`, `goals` and logs
//!   such as `[[progress]]` and `[[interaction]]` are merged as sets, in date order; a value
//!   changed differently on both sides keeps ours, and the merge says so). The body is
//!   merged line by line as git does; where both changed the same lines, both versions are
//!   kept, ours first, between `<!-- mpl sync: … -->` marker lines (Markdown comments), so
//!   the entry still reads as an entry and `mpl doctor` points at it.
//! - Challenge runs: both sets of check-ins ([`Run::merge`]).
//! - `recall.log`: both machines' answers, once each, in time order ([`merge_logs`]).
//! - Deleted on one side and changed on the other: the changed file is kept.
//! - Anything else (mpl.toml, a file that does not parse): a line merge, with git's
//!   `<<<<<<<` / `=======` / `>>>>>>>` markers where both changed the same lines.

use crate::git::merge::{Markers, merge_text};
use crate::model::challenge::Run;
use crate::model::recall::merge_logs;
use crate::store::frontmatter::{assemble, in_style_of, rewrite_toml, split};
use crate::store::kind_of_path;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// How our side is named in conflict markers.
pub(crate) const OURS: &str = "this machine";
/// How their side is named in conflict markers.
pub(crate) const THEIRS: &str = "origin";
/// Every marker line mpl writes into an entry starts with this.
pub(crate) const MARKER: &str = "<!-- mpl sync:";
/// Opens a part of an entry that both machines changed: this machine's text follows.
pub(crate) const BEGIN: &str = "<!-- mpl sync: both machines changed this part. This machine's text comes first, then the other machine's: merge them by hand, then delete the three mpl sync lines. -->";
/// Between the two texts: the other machine's follows.
pub(crate) const MIDDLE: &str = "<!-- mpl sync: the other machine's text: -->";
/// Closes the part.
pub(crate) const END: &str = "<!-- mpl sync: end -->";
/// [`BEGIN`] and [`MIDDLE`] for versions of an encrypted entry that a machine without the
/// key kept apart: which machine wrote which is not known where they are merged.
pub(crate) const BEGIN_APART: &str = "<!-- mpl sync: two machines changed this part of an encrypted entry, and both versions were kept: one comes first, then the other: merge them by hand, then delete the three mpl sync lines. -->";
pub(crate) const MIDDLE_APART: &str = "<!-- mpl sync: the other version: -->";

/// git's markers, for files that are not entries.
const GIT_MARKERS: Markers = Markers {
    ours: OURS,
    theirs: THEIRS,
    width: 7,
};

/// Markers no text in an entry will hold by chance, replaced by BEGIN, MIDDLE and END.
const WIDE_MARKERS: Markers = Markers {
    ours: OURS,
    theirs: THEIRS,
    width: 40,
};

/// One file, merged.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Merged {
    /// The new content; `None` removes the file.
    pub(crate) content: Option<Vec<u8>>,
    /// Extra files to add beside it (their binary version of a binary file).
    pub(crate) also: Vec<(PathBuf, Vec<u8>)>,
    /// Both texts are kept, marked: someone must merge them by hand.
    pub(crate) both_kept: bool,
    /// Values where ours was kept over theirs, as `key: …` sentences.
    pub(crate) notes: Vec<String>,
}

impl Merged {
    fn keep(content: &[u8]) -> Merged {
        Merged {
            content: Some(content.to_vec()),
            ..Merged::default()
        }
    }
}

/// Merges the file at `path` (relative to the journal root) from its three versions.
pub(crate) fn merge_file(
    path: &Path,
    base: Option<&[u8]>,
    ours: Option<&[u8]>,
    theirs: Option<&[u8]>,
) -> Merged {
    let (ours, theirs) = match (ours, theirs) {
        (None, None) => return Merged::default(),
        // Deleted on one side, changed on the other: keep the change.
        (Some(kept), None) | (None, Some(kept)) => return Merged::keep(kept),
        (Some(ours), Some(theirs)) if ours == theirs => return Merged::keep(ours),
        (Some(ours), Some(theirs)) => (ours, theirs),
    };
    let (Some(ours_text), Some(theirs_text)) = (as_text(ours), as_text(theirs)) else {
        // Not text: keep ours in place and theirs beside it.
        let mut name = path.as_os_str().to_owned();
        name.push(format!("~{THEIRS}"));
        return Merged {
            content: Some(ours.to_vec()),
            also: vec![(PathBuf::from(name), theirs.to_vec())],
            both_kept: true,
            notes: Vec::new(),
        };
    };
    let base_text = base.and_then(|b| std::str::from_utf8(b).ok());
    if path == Path::new(crate::store::SETTINGS_FILE) {
        return merge_settings(base_text, ours_text, theirs_text);
    }
    if path == Path::new(crate::store::RECALL_FILE) {
        return Merged::keep(merge_logs(base_text, ours_text, theirs_text).as_bytes());
    }
    if is_entry(path)
        && let Some(merged) = merge_entry(base_text, ours_text, theirs_text)
    {
        return merged;
    }
    if is_run(path)
        && let Some(text) = merge_run(ours_text, theirs_text)
    {
        return Merged::keep(text.as_bytes());
    }
    let (text, conflicted) = merge_text(
        &with_newline(base_text.unwrap_or("")),
        &with_newline(ours_text),
        &with_newline(theirs_text),
        GIT_MARKERS,
    );
    Merged {
        content: Some(text.into_bytes()),
        both_kept: conflicted,
        ..Merged::default()
    }
}

/// Two entries written separately on the two machines under one id (the same title on the
/// same day, say): they are two entries, so both stay, theirs under the first id `taken`
/// does not say is used (`ID-2`, `ID-3`, …). Only for kinds whose ids come from titles;
/// a day's reflection, a contact or a toolkit item written on both is one, and is merged.
/// `None` when this is not such a case.
pub(crate) fn separate_new_entries(
    path: &Path,
    ours: &[u8],
    theirs: &[u8],
    taken: impl Fn(&Path) -> bool,
) -> Option<Merged> {
    use crate::model::Kind;
    let kind = kind_of_path(path)?;
    if !matches!(
        kind,
        Kind::Learned | Kind::Evidence | Kind::Feedback | Kind::Goal
    ) || !is_entry(path)
        || ours == theirs
    {
        return None;
    }
    let theirs_text = as_text(theirs)?;
    let stem = path.file_stem()?.to_str()?;
    let (id, new_path) = (2..).find_map(|n| {
        let id = format!("{stem}-{n}");
        let candidate = path.with_file_name(format!("{id}.md"));
        (!taken(&candidate)).then_some((id, candidate))
    })?;
    let parts = split(theirs_text).ok()?;
    let mut table: Table = toml::from_str(parts.toml).ok()?;
    if table.contains_key("id") {
        table.insert("id".into(), Value::String(id));
    }
    let front = rewrite_toml(parts.toml, &table)?;
    let moved = in_style_of(theirs_text, &assemble(&front, parts.body));
    Some(Merged {
        content: Some(ours.to_vec()),
        also: vec![(new_path.clone(), moved.into_bytes())],
        both_kept: false,
        notes: vec![format!(
            "the other machine wrote another entry with this id; it is kept as {}",
            new_path.display()
        )],
    })
}

/// Bytes as text to merge line by line: UTF-8 without NUL bytes (text with NUL bytes is
/// not text, whatever its encoding).
fn as_text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes)
        .ok()
        .filter(|_| !bytes.contains(&0))
}

/// `mpl.toml` from two machines, merged so that it never stops either: keys are merged as
/// data (one side's change is taken); where both set a key differently, this machine's
/// value stands and the other's is kept beside it, as a comment at the end of the file,
/// and named in a note. A side that does not read as TOML is kept whole as comments, the
/// other side standing. No conflict markers: every command keeps working, `mpl sync`
/// included, so that a fix made on one machine can reach the others.
pub(crate) fn merge_settings(base: Option<&str>, ours: &str, theirs: &str) -> Merged {
    let parse = |text: &str| toml::from_str::<Table>(text).ok();
    let commented =
        |text: &str| -> String { text.lines().map(|line| format!("# {line}\n")).collect() };
    let (ours_table, theirs_table) = match (parse(ours), parse(theirs)) {
        (Some(o), Some(t)) => (o, t),
        (_, theirs_table) => {
            // Keep the side that reads (ours, when both or neither do); the other as text.
            let (kept, other, whose) = match theirs_table {
                Some(_) if parse(ours).is_none() => (theirs, ours, "this machine's"),
                _ => (ours, theirs, "the other machine's"),
            };
            let text = format!(
                "{}\n\n# mpl sync: {whose} mpl.toml did not read as TOML; it is kept here as it was:\n{}",
                with_newline(kept).trim_end(),
                commented(other)
            );
            return Merged {
                content: Some(text.into_bytes()),
                notes: vec![format!(
                    "{whose} version did not read as TOML; it is kept in comments at the end"
                )],
                ..Merged::default()
            };
        }
    };
    let base_table = base.and_then(parse).unwrap_or_default();
    let (table, _) = merge_tables(&base_table, &ours_table, &theirs_table);
    let mut text = rewrite_toml(ours, &table)
        .unwrap_or_else(|| toml::to_string(&table).expect("a TOML table always serializes"));
    // Where both set a value differently, ours stands: theirs goes beside it.
    let differing: Vec<String> = theirs_table
        .iter()
        .filter(|(key, value)| {
            table.get(*key) != Some(*value) && base_table.get(*key) != Some(*value)
        })
        .map(|(key, value)| {
            let mut one = Table::new();
            one.insert(key.clone(), value.clone());
            toml::to_string(&one).unwrap_or_default()
        })
        .collect();
    let mut notes = Vec::new();
    if !differing.is_empty() {
        text = format!(
            "{}\n\n# mpl sync: the other machine set these differently; this machine's values above stand:\n{}",
            with_newline(&text).trim_end(),
            commented(&differing.concat())
        );
        notes.push(
            "both machines changed the same settings: this machine's stand, the other machine's are kept in comments at the end"
                .to_string(),
        );
    }
    Merged {
        content: Some(with_newline(&text).into_bytes()),
        notes,
        ..Merged::default()
    }
}

/// An entry file: `*.md` in one of the kinds' folders.
fn is_entry(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md") && kind_of_path(path).is_some()
}

/// A challenge run: `challenges/runs/*.toml`.
fn is_run(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
        && path.parent() == Some(Path::new("challenges/runs"))
}

fn with_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

/// Merges two versions of an entry; `None` when ours or theirs is not a readable entry
/// (then it is merged as plain text). A base that does not read counts as no base.
pub(crate) fn merge_entry(base: Option<&str>, ours: &str, theirs: &str) -> Option<Merged> {
    let ours_parts = split(ours).ok()?;
    let theirs_parts = split(theirs).ok()?;
    let ours_table: Table = toml::from_str(ours_parts.toml).ok()?;
    let theirs_table: Table = toml::from_str(theirs_parts.toml).ok()?;
    let (base_table, base_body) = base
        .and_then(|text| {
            let parts = split(text).ok()?;
            let table: Table = toml::from_str(parts.toml).ok()?;
            Some((table, parts.body))
        })
        .unwrap_or_default();
    let (table, notes, fields_kept) = merge_tables_marked(&base_table, &ours_table, &theirs_table);
    let front = rewrite_toml(ours_parts.toml, &table)
        .unwrap_or_else(|| toml::to_string(&table).expect("a TOML table always serializes"));
    // A reflection and a review are answers under headings: merged heading by heading.
    let reflection = matches!(
        ours_table.get("kind").and_then(Value::as_str),
        Some("reflection" | "review")
    );
    let (body, body_kept) = reflection
        .then(|| merge_sections(base_body, ours_parts.body, theirs_parts.body))
        .flatten()
        .unwrap_or_else(|| merge_body(base_body, ours_parts.body, theirs_parts.body));
    let both_kept = fields_kept || body_kept;
    let text = in_style_of(ours, &assemble(&front, &body));
    Some(Merged {
        content: Some(text.into_bytes()),
        also: Vec::new(),
        both_kept,
        notes,
    })
}

/// Merges a reflection's bodies section by section: a section only one side changed takes
/// that side, a section only one side has is kept (where it stands among the questions),
/// and only within a section both changed are the lines merged (see [`merge_body`]). So
/// answers added on two machines to different questions never make a marker block, and
/// nothing lands under another heading. `None` when a body repeats a heading (then it is
/// merged line by line).
pub(crate) fn merge_sections(base: &str, ours: &str, theirs: &str) -> Option<(String, bool)> {
    use crate::model::reflection::{Section, Sections, question_index, section_key};
    let keyed = |text: &str| -> Option<(String, Vec<(String, Section)>)> {
        let parsed = Sections::parse(text);
        let mut out: Vec<(String, Section)> = Vec::new();
        for section in parsed.sections {
            let key = section_key(&section.heading);
            if out.iter().any(|(k, _)| *k == key) {
                return None;
            }
            out.push((key, section));
        }
        Some((parsed.preamble, out))
    };
    let (base_pre, base) = keyed(base)?;
    let (ours_pre, ours) = keyed(ours)?;
    let (theirs_pre, theirs) = keyed(theirs)?;
    let find = |list: &[(String, Section)], key: &str| -> Option<String> {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s.text.clone())
    };
    let mut both_kept = false;
    // One text from three: `None` is a section a side does not have.
    let mut settle = |b: Option<String>, o: Option<String>, t: Option<String>| -> Option<String> {
        if o == t || t == b {
            return o;
        }
        if o == b {
            return t;
        }
        let (text, kept) = merge_body(
            b.as_deref().unwrap_or(""),
            o.as_deref().unwrap_or(""),
            t.as_deref().unwrap_or(""),
        );
        both_kept |= kept;
        Some(trim_blank(&text))
    };
    let preamble = settle(Some(base_pre), Some(ours_pre), Some(theirs_pre)).unwrap_or_default();
    let mut sections: Vec<Section> = Vec::new();
    let mut order: Vec<(String, String)> = ours
        .iter()
        .map(|(key, section)| (key.clone(), section.heading.clone()))
        .collect();
    for (key, section) in &theirs {
        if order.iter().any(|(k, _)| k == key) {
            continue;
        }
        // A section only theirs has goes among the questions, in their usual order.
        let at = question_index(&section.heading)
            .and_then(|index| {
                order
                    .iter()
                    .position(|(_, h)| question_index(h).is_some_and(|i| i > index))
            })
            .unwrap_or(order.len());
        order.insert(at, (key.clone(), section.heading.clone()));
    }
    for (key, heading) in order {
        if let Some(text) = settle(find(&base, &key), find(&ours, &key), find(&theirs, &key)) {
            sections.push(Section { heading, text });
        }
    }
    let body = Sections { preamble, sections }.render();
    Some((body, both_kept))
}

/// `text` without blank lines at its ends.
fn trim_blank(text: &str) -> String {
    crate::model::reflection::trim_blank_lines(text).to_string()
}

/// Merges entry bodies line by line; where both changed the same lines, both versions are
/// kept, ours first, between BEGIN, MIDDLE and END marker lines. Returns the body and
/// whether both were kept anywhere.
pub(crate) fn merge_body(base: &str, ours: &str, theirs: &str) -> (String, bool) {
    let (ours, theirs) = (
        with_newline(ours.trim_end()),
        with_newline(theirs.trim_end()),
    );
    if ours == theirs {
        return (ours, false);
    }
    let base = with_newline(base.trim_end());
    // One side only added lines at the end (another note, another answer) while the other
    // changed the text (merged a marker block by hand, say): the lines go after the
    // other's text, with no marker block (which would hold the old markers inside a new
    // one). Both adding at the end is merged below, both kept.
    let added = |side: &str| -> Option<String> {
        (!base.trim().is_empty())
            .then(|| side.strip_prefix(base.as_str()))
            .flatten()
            .map(str::to_string)
    };
    match (added(&ours), added(&theirs)) {
        (None, Some(lines)) => return (format!("{ours}{lines}"), false),
        (Some(lines), None) => return (format!("{theirs}{lines}"), false),
        _ => {}
    }
    // Markers of a width that no line of the texts has: a Markdown heading underlined with
    // 40 `=` is text, not a marker.
    let taken: HashSet<usize> = [&base, &ours, &theirs]
        .iter()
        .flat_map(|text| text.split_inclusive('\n'))
        .filter_map(|line| git_marker(line).map(|(_, width)| width))
        .collect();
    let width = (usize::from(WIDE_MARKERS.width)..)
        .find(|width| !taken.contains(width))
        .and_then(|width| u16::try_from(width).ok())
        .unwrap_or(u16::MAX);
    let markers = Markers {
        width,
        ..WIDE_MARKERS
    };
    let (text, conflicted) = merge_text(&base, &ours, &theirs, markers);
    if !conflicted {
        return (text, false);
    }
    let mut body = String::with_capacity(text.len() + BEGIN.len() * 2);
    for line in text.split_inclusive('\n') {
        match git_marker(line) {
            Some((kind, w)) if w == usize::from(width) => {
                body.push_str(kind);
                body.push('\n');
            }
            _ => body.push_str(line),
        }
    }
    (body, true)
}

/// Whether `line` reads as one of git's conflict markers: `<<<<<<< LABEL`, `=======` or
/// `>>>>>>> LABEL` (the label is missing for a side with no lines). Returns the mpl marker
/// that stands for it and its width.
fn git_marker(line: &str) -> Option<(&'static str, usize)> {
    let bare = line.trim_end_matches(['\n', '\r']);
    let (kind, sign) = match bare.as_bytes().first()? {
        b'<' => (BEGIN, '<'),
        b'=' => (MIDDLE, '='),
        b'>' => (END, '>'),
        _ => return None,
    };
    let rest = bare.trim_start_matches(sign);
    let labelled = sign != '=' && rest.starts_with(' ');
    (rest.is_empty() || labelled).then_some((kind, bare.len() - rest.len()))
}

/// Front matter fields that hold prose (see [`crate::model::PROSE_FIELDS`]).
const PROSE: [&str; 8] = crate::model::PROSE_FIELDS;

/// A prose field's two texts, kept as the body keeps two texts: ours, then theirs, between
/// mpl's marker lines (which `doctor` finds, as they stand on lines of their own).
fn both_texts(ours: &str, theirs: &str) -> String {
    format!(
        "{BEGIN}\n{}\n{MIDDLE}\n{}\n{END}\n",
        ours.trim_end(),
        theirs.trim_end()
    )
}

/// A three-way merge of TOML tables, key by key. Returns the table, a note for each value
/// both sides changed differently where ours is kept, and whether both texts of a prose
/// field are kept (see [`PROSE`]).
pub(crate) fn merge_tables(base: &Table, ours: &Table, theirs: &Table) -> (Table, Vec<String>) {
    let (table, notes, _) = merge_tables_marked(base, ours, theirs);
    (table, notes)
}

fn merge_tables_marked(base: &Table, ours: &Table, theirs: &Table) -> (Table, Vec<String>, bool) {
    let mut out = Table::new();
    let mut notes = Vec::new();
    let mut both_kept = false;
    let keys = ours
        .keys()
        .chain(theirs.keys().filter(|k| !ours.contains_key(*k)));
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let value = if o == t || t == b {
            o.cloned()
        } else if o == b {
            t.cloned()
        } else {
            match (o, t) {
                // Removed on one side, changed on the other: keep the change.
                (None, Some(kept)) | (Some(kept), None) => Some(kept.clone()),
                (Some(Value::Array(o)), Some(Value::Array(t))) => {
                    let empty = Vec::new();
                    let b = b.and_then(Value::as_array).unwrap_or(&empty);
                    Some(Value::Array(merge_arrays(b, o, t)))
                }
                (Some(Value::Table(o)), Some(Value::Table(t))) => {
                    let empty = Table::new();
                    let b = b.and_then(Value::as_table).unwrap_or(&empty);
                    let (table, inner, kept) = merge_tables_marked(b, o, t);
                    notes.extend(inner.into_iter().map(|note| format!("{key}.{note}")));
                    both_kept |= kept;
                    Some(Value::Table(table))
                }
                (Some(Value::String(o)), Some(Value::String(t)))
                    if PROSE.contains(&key.as_str()) =>
                {
                    both_kept = true;
                    Some(Value::String(both_texts(o, t)))
                }
                // When an entry was first written is not worth a word: both sides wrote it.
                (Some(o), Some(_)) if key == "created" => Some(o.clone()),
                (Some(o), Some(t)) => {
                    notes.push(format!(
                        "{key}: kept this machine's {o}; the other machine had {t}"
                    ));
                    Some(o.clone())
                }
                (None, None) => None,
            }
        };
        if let Some(value) = value {
            out.insert(key.clone(), value);
        }
    }
    (out, notes, both_kept)
}

/// A three-way merge of lists as sets: everything either side has, once, except what one
/// side removed from the base. Ours come first, then theirs; lists of tables that all have
/// a `date` (progress and interaction logs) end in date order.
pub(crate) fn merge_arrays(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let removed = |v: &Value| base.contains(v) && (!ours.contains(v) || !theirs.contains(v));
    let mut out: Vec<Value> = Vec::new();
    for value in ours.iter().chain(theirs) {
        if !out.contains(value) && !removed(value) {
            out.push(value.clone());
        }
    }
    let dated = |v: &Value| {
        v.as_table()
            .and_then(|t| t.get("date"))
            .map(Value::to_string)
    };
    if !out.is_empty() && out.iter().all(|v| dated(v).is_some()) {
        out.sort_by_key(|v| dated(v));
    }
    out
}

/// Both versions of a challenge run, merged as data; `None` if either does not parse.
pub(crate) fn merge_run(ours: &str, theirs: &str) -> Option<String> {
    let ours = Run::parse(ours).ok()?;
    let theirs = Run::parse(theirs).ok()?;
    Some(ours.merge(&theirs).render())
}

/// How a note of [`note_in_entry`] ends.
pub(crate) const NOTE_END: &str = "; keep the value you want, then delete this line -->";

/// `text`, an entry, with `notes` (values both machines changed, where one was kept) added
/// at its end as `<!-- mpl sync: … -->` lines, which `mpl doctor` points at: for an
/// encrypted entry, whose values must not go into a commit message, the other value is
/// kept in the entry itself.
pub(crate) fn note_in_entry(text: &str, notes: &[String]) -> String {
    if notes.is_empty() {
        return text.to_string();
    }
    let mut out = text.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    for note in notes {
        // Nothing in a note may close the comment early.
        let note: String = note
            .replace("--", "- -")
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        out.push_str(&format!("{MARKER} {note}{NOTE_END}\n"));
    }
    out
}

/// What a note says in a commit message about an encrypted entry: the field, not its
/// values.
pub(crate) fn note_without_values(note: &str) -> String {
    let field = note.split(':').next().unwrap_or("a value");
    format!("{field}: both machines changed it; the other machine's value is noted in the entry")
}

/// The lines (from 1) where an entry holds both machines' texts: each opening marker (or
/// a stray middle or end marker left without one).
pub(crate) fn marker_lines(text: &str) -> Vec<usize> {
    let mut open = false;
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if !line.starts_with(MARKER) {
            continue;
        }
        if line == MIDDLE || line == MIDDLE_APART || line == END {
            if !open {
                lines.push(i + 1);
            }
            open = line != END;
        } else {
            lines.push(i + 1);
            open = true;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(path: &str, base: Option<&str>, ours: Option<&str>, theirs: Option<&str>) -> Merged {
        merge_file(
            Path::new(path),
            base.map(str::as_bytes),
            ours.map(str::as_bytes),
            theirs.map(str::as_bytes),
        )
    }

    fn text(merged: &Merged) -> String {
        String::from_utf8(merged.content.clone().expect("content")).unwrap()
    }

    fn table(text: &str) -> Table {
        toml::from_str(text).unwrap()
    }

    const BASE: &str = "+++\nid = \"x\"\nkind = \"learned\"\ntitle = \"Borrowck\"\ntags = [\"rust\"]\n+++\n\nLine one.\n\nLine two.\n";

    #[test]
    fn equal_sides_are_kept_as_they_are() {
        let merged = merge("learned/2026/x.md", Some("a"), Some(BASE), Some(BASE));
        assert_eq!(text(&merged), BASE);
        assert!(!merged.both_kept);
    }

    #[test]
    fn a_file_deleted_on_one_side_and_changed_on_the_other_is_kept() {
        let edited = BASE.replace("Line two.", "Line two, edited.");
        let merged = merge("learned/2026/x.md", Some(BASE), None, Some(&edited));
        assert_eq!(text(&merged), edited);
        let merged = merge("learned/2026/x.md", Some(BASE), Some(&edited), None);
        assert_eq!(text(&merged), edited);
        let merged = merge("mpl.toml", Some("a\n"), None, None);
        assert_eq!(merged.content, None);
    }

    #[test]
    fn prose_fields_changed_on_both_sides_keep_both_texts_marked() {
        let base = BASE.replace(
            "tags = [\"rust\"]",
            "tags = [\"rust\"]\nimpact = \"Faster\"",
        );
        let ours = base.replace(
            "impact = \"Faster\"",
            "impact = \"CI went from 40 to 12 minutes\"",
        );
        let theirs = base.replace(
            "impact = \"Faster\"",
            "impact = \"Teams get feedback sooner\"",
        );
        let merged = merge(
            "evidence/2026/x.md",
            Some(&base),
            Some(&ours),
            Some(&theirs),
        );
        let out = text(&merged);
        assert!(merged.both_kept, "{out}");
        let parts = split(&out).unwrap();
        let impact = table(parts.toml)["impact"].as_str().unwrap().to_string();
        assert_eq!(
            impact,
            format!(
                "{BEGIN}\nCI went from 40 to 12 minutes\n{MIDDLE}\nTeams get feedback sooner\n{END}\n"
            )
        );
        // doctor finds the spot, as it stands on lines of its own.
        assert_eq!(marker_lines(&out).len(), 1, "{out}");
        // Merging the result again with either side loses nothing.
        let again = merge("evidence/2026/x.md", Some(&base), Some(&out), Some(&theirs));
        assert!(text(&again).contains("CI went from 40 to 12 minutes"));
    }

    #[test]
    fn reflections_merge_section_by_section() {
        let base = "## Key moments\n\nShipped v2.\n";
        let ours = "## Key moments\n\nShipped v2.\n\n## What went well\n\nThe rollback plan.\n";
        let theirs =
            "## Key moments\n\nShipped v2.\n\n## What I learned\n\nFlags make rollbacks boring.\n";
        let (body, kept) = merge_sections(base, ours, theirs).unwrap();
        assert!(!kept, "{body}");
        assert_eq!(
            body,
            "## Key moments\n\nShipped v2.\n\n## What went well\n\nThe rollback plan.\n\n\
             ## What I learned\n\nFlags make rollbacks boring.\n"
        );
        // Both added to the same answer: only that section holds both texts.
        let ours = "## Key moments\n\nShipped v2.\nDemo at four.\n\n## What went well\n\nCalm.\n";
        let theirs = "## Key moments\n\nShipped v2.\nCalled the bank.\n\n## What I learned\n\nX.\n";
        let (body, kept) = merge_sections(base, ours, theirs).unwrap();
        assert!(kept);
        assert_eq!(marker_lines(&body).len(), 1, "{body}");
        let moments = body.split("## What went well").next().unwrap();
        assert!(moments.contains(BEGIN) && moments.contains(END), "{body}");
        assert!(
            body.contains("## What went well\n\nCalm.\n\n## What I learned\n\nX.\n"),
            "{body}"
        );
        // A section removed on one side and untouched on the other goes; changed, it stays.
        let base = "## Key moments\n\nA.\n\n## What went well\n\nB.\n";
        let without = "## Key moments\n\nA.\n";
        assert_eq!(merge_sections(base, without, base).unwrap().0, without);
        let changed = "## Key moments\n\nA.\n\n## What went well\n\nB, and more.\n";
        let (body, _) = merge_sections(base, without, changed).unwrap();
        assert!(body.contains("B, and more."), "{body}");
        // A body with one heading twice is left to the line merge.
        assert_eq!(
            merge_sections("", "## A\n\nx\n\n## A\n\ny\n", "## A\n\nz\n"),
            None
        );
    }

    #[test]
    fn text_with_nul_bytes_is_never_merged_as_text() {
        let base = "a\n\0b\n";
        let merged = merge(
            "notes/data.txt",
            Some(base),
            Some("a\n\0ours\n"),
            Some("a\n\0theirs\n"),
        );
        assert_eq!(text(&merged), "a\n\0ours\n");
        assert_eq!(
            merged.also,
            vec![(
                PathBuf::from("notes/data.txt~origin"),
                b"a\n\0theirs\n".to_vec()
            )]
        );
        assert!(merged.both_kept);
    }

    #[test]
    fn separate_edits_of_an_entry_merge_cleanly() {
        let ours = BASE
            .replace("Line one.", "Line one, ours.")
            .replace("tags = [\"rust\"]", "tags = [\"rust\", \"ours\"]");
        let theirs = BASE
            .replace("Line two.", "Line two, theirs.")
            .replace("title = \"Borrowck\"", "title = \"Borrow checking\"")
            .replace("tags = [\"rust\"]", "tags = [\"rust\", \"theirs\"]");
        let merged = merge("learned/2026/x.md", Some(BASE), Some(&ours), Some(&theirs));
        let out = text(&merged);
        assert!(!merged.both_kept, "{out}");
        assert!(merged.notes.is_empty());
        assert!(out.contains("Line one, ours."), "{out}");
        assert!(out.contains("Line two, theirs."), "{out}");
        assert!(out.contains("title = \"Borrow checking\""), "{out}");
        assert!(
            out.contains("tags = [\"rust\", \"ours\", \"theirs\"]"),
            "{out}"
        );
    }

    #[test]
    fn the_same_text_changed_on_both_sides_keeps_both_marked() {
        let ours = BASE.replace("Line two.", "Ours wrote this.");
        let theirs = BASE.replace("Line two.", "Theirs wrote that.");
        let merged = merge(
            "reflections/2026/2026-11-25.md",
            Some(BASE),
            Some(&ours),
            Some(&theirs),
        );
        let out = text(&merged);
        assert!(merged.both_kept);
        assert!(
            out.ends_with(&format!(
                "+++\n\nLine one.\n\n{BEGIN}\nOurs wrote this.\n{MIDDLE}\nTheirs wrote that.\n{END}\n"
            )),
            "{out}"
        );
        assert!(
            !out.contains("<<<<<<<") && !out.contains("======="),
            "{out}"
        );
        // It is still an entry: front matter first, parseable.
        let parts = split(&out).unwrap();
        assert_eq!(table(parts.toml)["title"].as_str(), Some("Borrowck"));
        assert_eq!(marker_lines(&out).len(), 1);
        assert_eq!(
            out.lines().nth(marker_lines(&out)[0] - 1),
            Some(BEGIN),
            "{out}"
        );
    }

    #[test]
    fn entries_written_separately_on_both_sides_keep_both_texts() {
        let ours = "+++\nid = \"2026-11-25\"\nkind = \"reflection\"\ncreated = 2026-11-25T18:00:00+01:00\n+++\n\n## Key moments\n\nA talk at work.\n";
        let theirs = "+++\nid = \"2026-11-25\"\nkind = \"reflection\"\ncreated = 2026-11-25T21:00:00+01:00\n+++\n\n## Key moments\n\nPairing at home.\n";
        let merged = merge(
            "reflections/2026/2026-11-25.md",
            None,
            Some(ours),
            Some(theirs),
        );
        let out = text(&merged);
        assert!(merged.both_kept);
        // The heading both wrote appears once; the answers are both there.
        assert!(
            out.contains(&format!(
                "## Key moments\n\n{BEGIN}\nA talk at work.\n{MIDDLE}\nPairing at home.\n{END}\n"
            )),
            "{out}"
        );
        assert!(out.contains("created = 2026-11-25T18:00:00+01:00"), "{out}");
        assert!(merged.notes.is_empty(), "{:?}", merged.notes);
    }

    #[test]
    fn text_that_looks_like_git_markers_is_left_alone() {
        let base = "+++\nid = \"x\"\nkind = \"learned\"\n+++\n\nTitle\n=======\n\nend\n";
        let ours = base.replace("end", "ours");
        let theirs = base.replace("end", "theirs");
        let out = text(&merge(
            "learned/2026/x.md",
            Some(base),
            Some(&ours),
            Some(&theirs),
        ));
        assert!(out.contains("Title\n=======\n"), "{out}");
        assert_eq!(out.matches(MARKER).count(), 3, "{out}");
        assert_eq!(marker_lines(&out).len(), 1);
    }

    #[test]
    fn a_heading_underlined_like_a_marker_stays_text() {
        let heading = "=".repeat(40);
        let ours = format!("Title\n{heading}\n\nours\n");
        let (body, both_kept) = merge_body("", &ours, "Title\n\ntheirs\n");
        assert!(both_kept);
        assert!(
            body.starts_with(&format!("Title\n{BEGIN}\n{heading}\n")),
            "{body}"
        );
        assert_eq!(marker_lines(&body).len(), 1, "{body}");
    }

    #[test]
    fn a_side_left_with_no_text_still_gets_mpl_markers() {
        // git writes `<<<<<<<` without a label for a side that has no lines.
        let (body, both_kept) = merge_body("a\n", "", "b\n");
        assert!(both_kept);
        assert_eq!(body, format!("{BEGIN}\n{MIDDLE}\nb\n{END}\n"));
    }

    #[test]
    fn lines_added_at_the_end_go_after_a_block_merged_by_hand() {
        // This machine merged a marker block by hand; the other, which still has it, added
        // a line after it. The merge keeps the hand merge and the line, and no marker.
        let base = format!("intro\n{BEGIN}\nours\n{MIDDLE}\ntheirs\n{END}\n");
        let ours = "intro\nours and theirs\n";
        let theirs = format!("{base}one more\n");
        let (body, both_kept) = merge_body(&base, ours, &theirs);
        assert!(!both_kept, "{body}");
        assert_eq!(body, "intro\nours and theirs\none more\n");
        // The same the other way round.
        let (body, both_kept) = merge_body(&base, &theirs, ours);
        assert!(!both_kept, "{body}");
        assert_eq!(body, "intro\nours and theirs\none more\n");
        // Both adding at the end keeps both, marked, as two new texts are.
        let (body, both_kept) = merge_body("a\n", "a\nb\n", "a\nc\n");
        assert!(both_kept);
        assert!(body.contains('b') && body.contains('c'), "{body}");
    }

    #[test]
    fn doctor_finds_opening_and_stray_markers() {
        let text = format!("a\n{BEGIN}\nb\n{MIDDLE}\nc\n{END}\nd\n{END}\n");
        assert_eq!(marker_lines(&text), vec![2, 8]);
        assert!(marker_lines("no markers\n").is_empty());
    }

    #[test]
    fn a_scalar_changed_on_both_sides_keeps_ours_and_says_so() {
        let (merged, notes) = merge_tables(
            &table("status = \"active\"\ndue = 2027-01-01"),
            &table("status = \"paused\"\ndue = 2027-01-01"),
            &table("status = \"dropped\"\ndue = 2027-02-01"),
        );
        assert_eq!(merged["status"].as_str(), Some("paused"));
        assert_eq!(merged["due"].to_string(), "2027-02-01");
        assert_eq!(
            notes,
            vec!["status: kept this machine's \"paused\"; the other machine had \"dropped\""]
        );
    }

    #[test]
    fn fields_added_or_removed_on_one_side_follow_that_side() {
        let (merged, notes) = merge_tables(
            &table("a = 1\nb = 2"),
            &table("a = 1\nb = 2\nc = 3"),
            &table("a = 1"),
        );
        assert_eq!(merged, table("a = 1\nc = 3"));
        assert!(notes.is_empty());
        // Removed on one side, changed on the other: the change stays.
        let (merged, _) = merge_tables(&table("a = 1"), &table(""), &table("a = 2"));
        assert_eq!(merged, table("a = 2"));
    }

    #[test]
    fn lists_merge_as_sets_and_respect_removals() {
        let v = |items: &[&str]| -> Vec<Value> { items.iter().map(|s| Value::from(*s)).collect() };
        assert_eq!(
            merge_arrays(&v(&["a", "b"]), &v(&["a", "b", "c"]), &v(&["b", "d"])),
            v(&["b", "c", "d"])
        );
        assert_eq!(
            merge_arrays(&[], &v(&["x"]), &v(&["x", "y"])),
            v(&["x", "y"])
        );
    }

    #[test]
    fn progress_logs_from_both_sides_are_unioned_in_date_order() {
        let base = "+++\nid = \"g\"\nkind = \"goal\"\nstatus = \"active\"\n\n[[progress]]\ndate = 2026-11-01\nnote = \"start\"\n+++\n\nWhy.\n";
        let ours = base.replace(
            "+++\n\nWhy.",
            "\n[[progress]]\ndate = 2026-11-20\nnote = \"ours\"\n+++\n\nWhy.",
        );
        let theirs = base.replace(
            "+++\n\nWhy.",
            "\n[[progress]]\ndate = 2026-11-10\npercent = 20\nnote = \"theirs\"\n+++\n\nWhy.",
        );
        let merged = merge("goals/g.md", Some(base), Some(&ours), Some(&theirs));
        let out = text(&merged);
        assert!(!merged.both_kept, "{out}");
        let front = table(split(&out).unwrap().toml);
        let notes: Vec<&str> = front["progress"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["note"].as_str().unwrap())
            .collect();
        assert_eq!(notes, ["start", "theirs", "ours"]);
        assert!(out.ends_with("+++\n\nWhy.\n"), "{out}");
    }

    #[test]
    fn equal_log_items_added_on_both_sides_appear_once() {
        let base = "+++\nid = \"ana\"\nkind = \"network\"\n+++\n";
        let ours = "+++\nid = \"ana\"\nkind = \"network\"\nwhere = \"work\"\n\n[[interaction]]\ndate = 2026-11-25\nnote = \"coffee\"\n+++\n";
        let theirs = "+++\nid = \"ana\"\nkind = \"network\"\n\n[[interaction]]\ndate = 2026-11-25\nnote = \"coffee\"\n\n[[interaction]]\ndate = 2026-11-24\nnote = \"call\"\n+++\n";
        let merged = merge("network/ana.md", Some(base), Some(ours), Some(theirs));
        let front = table(split(&text(&merged)).unwrap().toml);
        let list = front["interaction"].as_array().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0]["note"].as_str(), Some("call"));
        assert_eq!(front["where"].as_str(), Some("work"));
    }

    #[test]
    fn comments_and_layout_of_our_front_matter_stay() {
        let base = "+++\n# my note\nid = \"x\"\nkind = \"learned\"\ntags = []\n+++\n\nBody.\n";
        let ours = base.replace("Body.", "Body, ours.");
        let theirs = base.replace("tags = []", "tags = [\"new\"]");
        let out = text(&merge(
            "learned/2026/x.md",
            Some(base),
            Some(&ours),
            Some(&theirs),
        ));
        assert_eq!(
            out,
            "+++\n# my note\nid = \"x\"\nkind = \"learned\"\ntags = [\"new\"]\n+++\n\nBody, ours.\n"
        );
    }

    #[test]
    fn challenge_runs_merge_their_check_ins() {
        let base = "challenge = \"c\"\ntitle = \"C\"\nstarted = 2026-11-20\n";
        let ours = format!("{base}\n[[checkin]]\nday = 1\nstatus = \"done\"\n");
        let theirs = format!("{base}\n[[checkin]]\nday = 3\nstatus = \"skipped\"\n");
        let merged = merge(
            "challenges/runs/c-2026-11-20.toml",
            Some(base),
            Some(&ours),
            Some(&theirs),
        );
        assert!(!merged.both_kept);
        let run = Run::parse(&text(&merged)).unwrap();
        let days: Vec<u32> = run.checkins.iter().map(|c| c.day).collect();
        assert_eq!(days, [1, 3]);
    }

    #[test]
    fn the_recall_log_keeps_both_machines_answers() {
        let base = "# header\n2026-11-21T09:00:00+01:00 2026-11-20-a good\n";
        let ours = format!("{base}2026-11-26T08:00:00+01:00 2026-11-20-a good\n");
        let theirs = format!("{base}2026-11-25T20:00:00+01:00 2026-11-20-a hard\n");
        let merged = merge("recall.log", Some(base), Some(&ours), Some(&theirs));
        assert!(!merged.both_kept);
        assert_eq!(
            text(&merged),
            "# header\n2026-11-21T09:00:00+01:00 2026-11-20-a good\n\
             2026-11-25T20:00:00+01:00 2026-11-20-a hard\n\
             2026-11-26T08:00:00+01:00 2026-11-20-a good\n"
        );
        // Only at the root: a file of that name elsewhere is merged as text.
        let elsewhere = merge("notes/recall.log", Some(base), Some(&ours), Some(&theirs));
        assert!(elsewhere.both_kept);
    }

    #[test]
    fn settings_merge_as_data_and_never_get_markers() {
        let merged = merge(
            "mpl.toml",
            Some("name = \"A\"\nformat = 1\nheadline = \"\"\n"),
            Some("name = \"B\"\nformat = 1\nheadline = \"\"\n"),
            Some("name = \"C\"\nformat = 1\nheadline = \"Engineer\"\n"),
        );
        assert!(!merged.both_kept);
        assert_eq!(
            text(&merged),
            "name = \"B\"\nformat = 1\nheadline = \"Engineer\"\n\n\
             # mpl sync: the other machine set these differently; this machine's values above stand:\n\
             # name = \"C\"\n"
        );
        assert_eq!(merged.notes.len(), 1);
        // A side that does not read is kept whole, in comments, and the other stands.
        let merged = merge(
            "mpl.toml",
            Some("name = \"A\"\n"),
            Some("name = \"B\"\n"),
            Some("name = \"unclosed\n"),
        );
        let out = text(&merged);
        assert!(out.starts_with("name = \"B\"\n"), "{out}");
        assert!(out.contains("# name = \"unclosed"), "{out}");
        toml::from_str::<Table>(&out).unwrap();
    }

    #[test]
    fn other_files_get_git_markers_when_both_changed_a_line() {
        let clean = merge(
            "README.txt",
            Some("a\nb\nc\n"),
            Some("A\nb\nc\n"),
            Some("a\nb\nC\n"),
        );
        assert!(!clean.both_kept);
        assert_eq!(text(&clean), "A\nb\nC\n");
    }

    #[test]
    fn an_entry_that_does_not_parse_is_merged_as_text() {
        let broken = "+++\nid = \"x\"\ntitle = \"unclosed\n+++\n\nours\n";
        let theirs = "+++\nid = \"x\"\ntitle = \"fine\"\n+++\n\ntheirs\n";
        let merged = merge("learned/2026/x.md", None, Some(broken), Some(theirs));
        assert!(merged.both_kept);
        let out = text(&merged);
        assert!(
            out.contains("<<<<<<< this machine") && out.contains("theirs"),
            "{out}"
        );
    }

    #[test]
    fn binary_files_keep_both_copies() {
        let merged = merge_file(
            Path::new("attachments/a.bin"),
            None,
            Some(&[0xff, 0, 1]),
            Some(&[0xfe, 0, 2]),
        );
        assert_eq!(merged.content, Some(vec![0xff, 0, 1]));
        assert_eq!(
            merged.also,
            vec![(PathBuf::from("attachments/a.bin~origin"), vec![0xfe, 0, 2])]
        );
        assert!(merged.both_kept);
    }
}

/// Properties over generated versions of bodies, texts and entries (see docs/testing.md).
#[cfg(test)]
mod props {
    use super::*;
    use crate::model::strategies::{BODY_LINES, config, three_versions};
    use crate::model::{Entry, Kind, Visibility};
    use crate::store::frontmatter::{parse, render};
    use proptest::prelude::*;

    /// A line from the small set, so that versions share lines and conflict.
    fn line() -> impl Strategy<Value = &'static str> + Clone {
        prop::sample::select(BODY_LINES)
    }

    /// Lines as a text, each ending in a line break (as merge_text takes them).
    fn text(lines: &[&str]) -> String {
        lines.iter().map(|line| format!("{line}\n")).collect()
    }

    /// A body as merge_body leaves one it keeps whole: no trailing white space, one line
    /// break at the end.
    fn tidy(body: &str) -> String {
        with_newline(body.trim_end())
    }

    /// The lines of `ours` and `theirs` that `base` does not have, missing from `merged`.
    fn lost<'a>(base: &str, ours: &'a str, theirs: &'a str, merged: &str) -> Vec<&'a str> {
        let had = |text: &str, line: &str| text.lines().any(|l| l == line);
        ours.lines()
            .chain(theirs.lines())
            .filter(|line| !had(base, line) && !had(merged, line))
            .collect()
    }

    /// Three versions of an entry (base, ours, theirs), each field drawn from a few values
    /// or edited from the base's, so that labels, logs and lines overlap and conflict.
    fn three_entries() -> impl Strategy<Value = [Entry; 3]> {
        let label = || prop::sample::select(vec!["rust", "go", "ops", "a", "b"]);
        let log_item = (
            prop::sample::select(vec!["2026-11-01", "2026-11-10", "2026-11-20"]),
            prop::sample::select(vec!["start", "ours", "theirs", "a\n+++\nb"]),
        )
            .prop_map(|(date, note)| {
                let mut item = toml::Table::new();
                item.insert("date".into(), Value::Datetime(date.parse().unwrap()));
                item.insert("note".into(), note.into());
                Value::Table(item)
            });
        let scalar = |values: Vec<&'static str>| {
            let one = prop::sample::select(values);
            (one.clone(), one.clone(), one)
        };
        (
            three_versions(label(), 0..4),
            three_versions(label(), 0..3),
            three_versions(log_item, 0..4),
            three_versions(line(), 0..8),
            scalar(vec!["Ship it", "Ship", "a\n+++\nb"]),
            scalar(vec!["active", "paused"]),
        )
            .prop_map(|(tags, goals, logs, bodies, titles, statuses)| {
                fn at<T: Clone>((b, o, t): &(Vec<T>, Vec<T>, Vec<T>), i: usize) -> Vec<T> {
                    [b, o, t][i].clone()
                }
                let titles = [titles.0, titles.1, titles.2];
                let statuses = [statuses.0, statuses.1, statuses.2];
                std::array::from_fn(|i| {
                    let date = "2026-11-01".parse().unwrap();
                    let created = "2026-11-01T18:00:00+01:00".parse().unwrap();
                    let mut entry =
                        Entry::new(Kind::Goal, "g".into(), date, created, titles[i].into());
                    entry.visibility = Visibility::Public;
                    entry.tags = at(&tags, i).into_iter().map(String::from).collect();
                    entry.goals = at(&goals, i).into_iter().map(String::from).collect();
                    entry.extra.insert("status".into(), statuses[i].into());
                    let log = at(&logs, i);
                    if !log.is_empty() {
                        entry.extra.insert("progress".into(), Value::Array(log));
                    }
                    entry.body = at(&bodies, i).join("\n");
                    entry
                })
            })
    }

    /// The entry a merge wrote.
    fn merged_entry(merged: &Merged) -> Result<Entry, String> {
        let text = std::str::from_utf8(merged.content.as_deref().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        parse(text, "g").map_err(|e| format!("{e}\n{text}"))
    }

    /// The items of a list field: tags, goals, or the progress log.
    fn items(entry: &Entry, key: &str) -> Vec<Value> {
        match key {
            "tags" => entry.tags.iter().map(|t| Value::from(t.as_str())).collect(),
            "goals" => entry
                .goals
                .iter()
                .map(|g| Value::from(g.as_str()))
                .collect(),
            _ => entry
                .extra
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        }
    }

    proptest! {
        #![proptest_config(config(128))]

        #[test]
        fn an_entry_merge_of_one_change_is_that_change([base, x, _] in three_entries()) {
            let (base, x) = (render(&base), render(&x));
            let same = merge_entry(Some(&base), &x, &x).unwrap();
            prop_assert_eq!(same.content.as_deref(), Some(x.as_bytes()));
            prop_assert!(!same.both_kept && same.notes.is_empty());
            for merged in [
                merge_entry(Some(&base), &base, &x).unwrap(),
                merge_entry(Some(&base), &x, &base).unwrap(),
            ] {
                prop_assert_eq!(merged_entry(&merged), Ok(parse(&x, "g").unwrap()));
                prop_assert!(!merged.both_kept && merged.notes.is_empty(), "{:?}", merged);
            }
        }

        #[test]
        fn an_entry_merge_loses_no_label_log_item_or_line(
            [base, ours, theirs] in three_entries(),
            has_base in any::<bool>(),
        ) {
            let texts = [render(&base), render(&ours), render(&theirs)];
            let base = if has_base { base } else { Entry { body: String::new(), ..Entry::new(Kind::Goal, "g".into(), base.date, base.created, String::new()) } };
            let merged = merge_entry(has_base.then_some(texts[0].as_str()), &texts[1], &texts[2]);
            let merged = merged.expect("entries mpl wrote merge as entries");
            let entry = merged_entry(&merged);
            prop_assert!(entry.is_ok(), "{}", entry.unwrap_err());
            let entry = entry.unwrap();
            for key in ["tags", "goals", "progress"] {
                let had = items(&base, key);
                let kept = items(&entry, key);
                for item in items(&ours, key).iter().chain(&items(&theirs, key)) {
                    prop_assert!(had.contains(item) || kept.contains(item), "{} lost {}", key, item);
                }
            }
            let base_body = if has_base { tidy(&base.body) } else { String::new() };
            let (ours_body, theirs_body) = (tidy(&ours.body), tidy(&theirs.body));
            let lost = lost(&base_body, &ours_body, &theirs_body, &entry.body);
            prop_assert_eq!(lost, Vec::<&str>::new(), "{}", entry.body);
            prop_assert_eq!(merged.both_kept, entry.body.lines().any(|l| l == BEGIN));
        }
    }

    proptest! {
        #![proptest_config(config(512))]

        #[test]
        fn a_text_merge_of_one_change_is_that_change(
            (base, x, _) in three_versions(line(), 0..8)
        ) {
            let (base, x) = (text(&base), text(&x));
            prop_assert_eq!(merge_text(&base, &x, &x, GIT_MARKERS), (x.clone(), false));
            prop_assert_eq!(merge_text(&base, &base, &x, GIT_MARKERS), (x.clone(), false));
            prop_assert_eq!(merge_text(&base, &x, &base, GIT_MARKERS), (x.clone(), false));
        }

        #[test]
        fn a_text_merge_loses_no_line((base, ours, theirs) in three_versions(line(), 0..8)) {
            let (base, ours, theirs) = (text(&base), text(&ours), text(&theirs));
            let (merged, _) = merge_text(&base, &ours, &theirs, GIT_MARKERS);
            prop_assert_eq!(lost(&base, &ours, &theirs, &merged), Vec::<&str>::new(), "{}", merged);
        }

        #[test]
        fn a_body_merge_of_one_change_is_that_change(
            (base, x, _) in three_versions(line(), 0..8),
            crlf in any::<bool>(),
        ) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let (base, x) = (base.join(newline), x.join(newline));
            let want = (tidy(&x), false);
            prop_assert_eq!(merge_body(&base, &x, &x), want.clone());
            prop_assert_eq!(merge_body(&base, &base, &x), want.clone());
            prop_assert_eq!(merge_body(&base, &x, &base), want);
        }

        #[test]
        fn a_body_merge_loses_no_line((base, ours, theirs) in three_versions(line(), 0..8)) {
            let (base, ours, theirs) = (base.join("\n"), ours.join("\n"), theirs.join("\n"));
            let (merged, both_kept) = merge_body(&base, &ours, &theirs);
            // Blank lines at the end of a body are not kept (nor written), merged or not.
            let (base, ours, theirs) = (tidy(&base), tidy(&ours), tidy(&theirs));
            prop_assert_eq!(lost(&base, &ours, &theirs, &merged), Vec::<&str>::new(), "{}", merged);
            // Opening and middle markers (which no input has) are there exactly when both
            // texts were kept, in pairs, and doctor finds them.
            let count = |marker: &str| merged.lines().filter(|l| *l == marker).count();
            prop_assert_eq!(both_kept, count(BEGIN) > 0, "{}", merged);
            prop_assert_eq!(count(BEGIN), count(MIDDLE), "{}", merged);
            prop_assert!(!both_kept || !marker_lines(&merged).is_empty(), "{}", merged);
        }
    }
}
