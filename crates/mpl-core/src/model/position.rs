//! Where things are in a TOML text, for messages that name a line: from the parser's own
//! positions (toml_edit's spans), never by scanning lines for a key.

/// A mistake in a TOML file of the journal (a template, a scheme, a framework): the keys
/// down to the value at fault, which table of a list it is in, and what is wrong. The store
/// turns the keys into a line.
#[derive(Debug, Clone, PartialEq)]
pub struct TableError {
    pub path: Vec<String>,
    pub nth: Option<usize>,
    pub message: String,
}

impl TableError {
    pub(crate) fn new(path: &[&str], nth: Option<usize>, message: impl Into<String>) -> TableError {
        TableError {
            path: path.iter().map(|s| s.to_string()).collect(),
            nth,
            message: message.into(),
        }
    }
}

/// The first key of `table` that is not one of `known`.
pub(crate) fn unknown_key<'a>(table: &'a toml::Table, known: &[&str]) -> Option<&'a String> {
    table.keys().find(|k| !known.contains(&k.as_str()))
}

/// The line (from 1) that byte `offset` of `text` is on.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// The line (from 1) where the top-level `key` of TOML `text` is: its `key = …`, its `[key]`
/// header, or its first `[[key]]` header. From the parser's own positions; `None` when the
/// key is not there or the text does not parse (its parse error then has its own line).
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    table_line(text, key, 0)
}

/// The line of the `nth` (from 0) `[[key]]` header in TOML `text`; for a key that is not a
/// list of tables, where it is set (`nth` 0).
pub(crate) fn table_line(text: &str, key: &str, nth: usize) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let (found, item) = doc.as_table().get_key_value(key)?;
    let span = match item.as_array_of_tables() {
        Some(tables) => tables.get(nth)?.span().or_else(|| found.span())?,
        None if nth == 0 => found.span().or_else(|| item.span())?,
        None => return None,
    };
    Some(line_at(text, span.start))
}

/// The line of a nested key (`["profile", "email"]`) in TOML `text`, or of the `nth`
/// `[[profile.work]]` table when the last key names a list of tables; failing that, of the
/// nearest table above it that is there.
pub(crate) fn path_line(text: &str, path: &[&str], nth: Option<usize>) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let mut table = doc.as_table() as &dyn toml_edit::TableLike;
    let mut line = None;
    for (i, key) in path.iter().enumerate() {
        let Some((found, item)) = table.get_key_value(key) else {
            break;
        };
        let span = match (item.as_array_of_tables(), nth) {
            (Some(tables), Some(n)) if i + 1 == path.len() => tables
                .get(n)
                .and_then(|t| t.span())
                .or_else(|| found.span()),
            _ => found.span().or_else(|| item.span()),
        };
        if let Some(span) = span {
            line = Some(line_at(text, span.start));
        }
        match item.as_table_like() {
            Some(inner) => table = inner,
            None => break,
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_tables_are_found_on_their_lines() {
        let text = "# a comment\nkind = \"x\"\nkinda = 1\n  name =\"n\"\n\n[where]\nat = 1\n\n[[tasks]]\nday = 1\n\n[[tasks]]\nday = 2\n";
        assert_eq!(key_line(text, "kind"), Some(2));
        assert_eq!(key_line(text, "kinda"), Some(3));
        assert_eq!(key_line(text, "name"), Some(4));
        assert_eq!(key_line(text, "where"), Some(6));
        assert_eq!(key_line(text, "tasks"), Some(9));
        assert_eq!(table_line(text, "tasks", 1), Some(12));
        assert_eq!(table_line(text, "tasks", 2), None);
        assert_eq!(key_line(text, "missing"), None);
        assert_eq!(key_line("kind = ", "kind"), None);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\n", 99), 2);
    }

    #[test]
    fn nested_keys_and_their_tables_are_found() {
        let text = "name = \"A\"\n\n[profile]\nlocation = \"x\"\nemail = 3\n\n[[profile.work]]\nrole = \"a\"\n\n[[profile.work]]\nrole = \"b\"\n";
        assert_eq!(path_line(text, &["profile", "email"], None), Some(5));
        assert_eq!(path_line(text, &["profile", "work"], Some(1)), Some(10));
        assert_eq!(path_line(text, &["profile", "missing"], None), Some(3));
        assert_eq!(path_line(text, &["profile"], None), Some(3));
        assert_eq!(path_line("profile = 1\n", &["profile"], None), Some(1));
    }
}
