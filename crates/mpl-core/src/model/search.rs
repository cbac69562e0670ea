//! Search rules: a query is words, every one of which must appear (in any case) in an
//! entry's title, tags, text fields or body; a snippet shows where.

use super::Entry;

/// The words of a query, lowercased; empty words dropped.
pub fn words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.trim_start_matches('#').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `text` lowercased, cheaply when it is ASCII.
pub(crate) fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// The text of an entry that a search looks at: title, tags, every text field, body.
pub(crate) fn searchable(entry: &Entry) -> String {
    let mut text = String::with_capacity(entry.body.len() + 256);
    text.push_str(&entry.title);
    text.push('\n');
    for tag in &entry.tags {
        text.push_str(tag);
        text.push(' ');
    }
    text.push('\n');
    fn strings(value: &toml::Value, out: &mut String) {
        match value {
            toml::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    for value in entry.extra.values() {
        strings(value, &mut text);
    }
    text.push_str(&entry.body);
    text
}

/// Whether every word is in `lowered` (already lowercased text).
pub(crate) fn matches_all(lowered: &str, words: &[String]) -> bool {
    words.iter().all(|w| lowered.contains(w.as_str()))
}

/// A one-line snippet of `entry` around the first place a word appears: the first body
/// line holding one, else the title. Returns the text and the byte ranges of the words in
/// it, for highlighting.
pub fn snippet(entry: &Entry, words: &[String], width: usize) -> (String, Vec<(usize, usize)>) {
    let line = entry
        .body
        .lines()
        .map(str::trim)
        .find(|line| {
            let l = lower(line);
            words.iter().any(|w| l.contains(w.as_str()))
        })
        .or_else(|| {
            let title = entry.title.trim();
            (!title.is_empty()).then_some(title)
        })
        .unwrap_or_else(|| {
            entry
                .body
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
        });
    let chars: Vec<char> = line.chars().collect();
    let lowered: Vec<char> = chars
        .iter()
        .flat_map(|c| c.to_lowercase().take(1))
        .collect();
    // Where the first word starts, in characters.
    let first = words
        .iter()
        .filter_map(|w| find_chars(&lowered, w))
        .min()
        .unwrap_or(0);
    let (start, end) = if chars.len() <= width {
        (0, chars.len())
    } else {
        let start = first.saturating_sub(width / 3);
        let end = (start + width).min(chars.len());
        (end.saturating_sub(width), end)
    };
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    let body_start = text.len();
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push('…');
    }
    // Highlight ranges, in bytes of `text`.
    let window: Vec<char> = lowered[start..end].to_vec();
    let mut ranges = Vec::new();
    for word in words {
        let word: Vec<char> = word.chars().collect();
        let mut i = 0;
        while i + word.len() <= window.len() && !word.is_empty() {
            if window[i..i + word.len()] == word[..] {
                let from = body_start
                    + chars[start..start + i]
                        .iter()
                        .map(|c| c.len_utf8())
                        .sum::<usize>();
                let len: usize = chars[start + i..start + i + word.len()]
                    .iter()
                    .map(|c| c.len_utf8())
                    .sum();
                ranges.push((from, from + len));
                i += word.len();
            } else {
                i += 1;
            }
        }
    }
    ranges.sort_unstable();
    (text, ranges)
}

fn find_chars(haystack: &[char], needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).find(|&i| haystack[i..i + needle.len()] == needle[..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::frontmatter;

    fn entry(body: &str) -> Entry {
        let text = format!(
            "+++\nkind = \"learned\"\ndate = 2026-11-25\ntitle = \"Borrow checker\"\ntags = [\"rust\"]\nsource = \"The Rustonomicon\"\n+++\n\n{body}"
        );
        frontmatter::parse(&text, "x").unwrap()
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let e = entry("Two-phase borrows make `v.push(v.len())` work.");
        let text = lower(&searchable(&e));
        assert!(matches_all(&text, &words("BORROWS push")));
        assert!(matches_all(&text, &words("#rust rustonomicon")));
        assert!(!matches_all(&text, &words("borrows python")));
        assert!(
            !matches_all(&text, &words("kind")),
            "field names are not searched"
        );
    }

    #[test]
    fn snippets_show_and_mark_the_match() {
        let e = entry(&format!(
            "First line.\n{} the Borrow rules here {}",
            "x ".repeat(80),
            "y ".repeat(80)
        ));
        let (text, ranges) = snippet(&e, &words("borrow"), 60);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.chars().count() <= 62);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].0..ranges[0].1], "Borrow");
        let (title, _) = snippet(&entry("nothing here"), &words("checker"), 60);
        assert_eq!(title, "Borrow checker");
        let (uni, ranges) = snippet(&entry("Café crème et BORROW"), &words("borrow crème"), 60);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&uni[ranges[1].0..ranges[1].1], "BORROW");
    }
}
