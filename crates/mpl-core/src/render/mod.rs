//! Turning entries into what people and programs read: the portfolio (`export`), the
//! Markdown digests (`review`, `share`), `--json` documents, and text made safe for a
//! terminal (`terminal`). Knows the model, never the file system or the clock. Tables and
//! colours are the command line's.

pub mod export;
pub mod json;
pub mod review;
pub mod share;
pub mod terminal;

/// The lines of `text` after the first, indented two spaces to continue a Markdown list
/// item (blank lines stay empty).
pub(crate) fn continue_item(text: &str) -> String {
    text.trim()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_start()
        .to_string()
}

/// Tags as `#a #b`.
pub fn hashtags(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}
