//! The portfolio in the formats `mpl export` writes: a static HTML site, one JSON document,
//! a JSON Resume and one Markdown file. Each takes a [`Portfolio`] and returns text; the
//! command decides where it goes.
//!
//! Entry text is the user's Markdown and may hold anything. HTML is rendered with
//! pulldown-cmark and sanitised with ammonia (no script, no event handlers, no `javascript:`
//! or relative links, no images that would load from the network); Markdown output has raw
//! HTML escaped so it shows as text wherever it is pasted.
//!
//! [`Portfolio`]: crate::model::portfolio::Portfolio

pub mod calendar;
pub mod html;
pub mod json;
pub mod jsonresume;
pub mod markdown;

use crate::model::evidence::{Attachment, display_name};
use crate::model::slug::slugify;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Where an attachment goes in an exported site: `files/<name>-<content id>.<ext>`, built
/// only from a slug of the original name and the stored file's own safe name, so no entry
/// can choose a path.
pub fn attachment_path(attachment: &Attachment) -> String {
    let stored = attachment.file.rsplit('/').next().unwrap_or("file");
    let (id, ext) = match stored.split_once('.') {
        Some((id, ext)) => (id, format!(".{ext}")),
        None => (stored, String::new()),
    };
    let name = display_name(&attachment.name);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name.as_str(),
    };
    let short = &id[..id.len().min(10)];
    format!("files/{}-{short}{ext}", slugify(stem, "file"))
}

/// Whether browsers show the attachment inline as a picture (SVG stays a download: it may
/// hold script).
pub fn is_image(attachment: &Attachment) -> bool {
    let ext = attachment
        .file
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .unwrap_or("");
    matches!(ext, "png" | "jpg" | "jpeg" | "gif" | "webp")
}

/// A day as `YYYY-MM-DD`, as JSON documents give dates.
pub fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Text escaped for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A link from an entry's fields that may go on a page: a web or mail address, else none.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(url)
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// An entry's Markdown as HTML that is safe on the page. Headings move down three levels so
/// an entry's `#` sits under the page's own headings, and images become links to where
/// they are: a portfolio never loads anything from the network.
pub fn markdown_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, markdown_options()).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: deeper(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(deeper(level))),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events);
    sanitize(&raw)
}

fn deeper(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H4,
        H2 => H5,
        _ => H6,
    }
}

/// Cleans HTML with ammonia: its safe tag list without images, only web and mail links,
/// relative links dropped (they would point into the reader's own disk).
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

/// Text with its HTML tags removed (and what is inside script and style elements), for
/// formats whose readers may render HTML they are given (JSON Resume themes). A `<` that
/// does not open a tag stays, and entities are left as written.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let opens_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        let tag = after
            .find('>')
            .filter(|_| opens_tag)
            .map(|end| (end, after[..end].to_ascii_lowercase()))
            .filter(|(_, tag)| is_html_tag(tag));
        let Some((end, tag)) = tag else {
            out.push('<');
            rest = after;
            continue;
        };
        rest = &after[end + 1..];
        for name in ["script", "style"] {
            let opens = tag == name || tag.starts_with(&format!("{name} "));
            if opens {
                // ASCII lowercasing keeps byte offsets, so the index applies to `rest`.
                let close = rest.to_ascii_lowercase().find(&format!("</{name}"));
                rest = close.map_or("", |i| &rest[i..]);
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether the text between `<` and `>` (lowercased) reads as HTML rather than prose or
/// code such as `Box<dyn Error>`: an element browsers know, a comment or declaration, or
/// anything with an attribute.
fn is_html_tag(tag: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a",
        "abbr",
        "audio",
        "b",
        "base",
        "blockquote",
        "body",
        "br",
        "button",
        "code",
        "del",
        "details",
        "div",
        "em",
        "embed",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "li",
        "link",
        "math",
        "meta",
        "noscript",
        "object",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "script",
        "select",
        "small",
        "source",
        "span",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "th",
        "thead",
        "title",
        "tr",
        "u",
        "ul",
        "video",
    ];
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    tag.starts_with('!') || tag.starts_with('?') || tag.contains('=') || ELEMENTS.contains(&name)
}

/// An entry's Markdown with raw HTML escaped, so a pasted export shows it as text and no
/// renderer runs it. Everything else is kept as written.
pub fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            if range.start < last {
                continue;
            }
            out.push_str(&markdown[last..range.start]);
            out.push_str(
                &markdown[range.clone()]
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
            );
            last = range.end;
        }
    }
    out.push_str(&markdown[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_loses_script_handlers_and_bad_links() {
        let html = markdown_html(
            "# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n\
             [click](javascript:alert(3)) [up](../../../etc/passwd) [ok](https://example.com)\n\n\
             ![pic](https://tracker.example/p.png)\n\n<a href=\"#\" onclick=\"x()\">a</a>\n\n\
             <iframe src=\"https://evil.example\"></iframe><style>body{}</style>",
        );
        for bad in [
            "<script",
            "alert(1)",
            "onerror",
            "javascript:",
            "etc/passwd",
            "<img",
            "onclick",
            "<iframe",
            "<style",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<h4>Title</h4>"), "{html}");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        // The image is a link now: visible, and nothing loads.
        assert!(
            html.contains("href=\"https://tracker.example/p.png\""),
            "{html}"
        );
    }

    #[test]
    fn markdown_output_escapes_raw_html_only() {
        let text = "Hi <b>there</b>\n\n<script>x()</script>\n\n`<code>` stays\n";
        let out = markdown_text(text);
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;x()&lt;/script&gt;"), "{out}");
        assert!(out.contains("&lt;b&gt;there&lt;/b&gt;"), "{out}");
        assert!(out.contains("`<code>` stays"), "{out}");
    }

    #[test]
    fn plain_text_loses_tags_and_keeps_characters() {
        assert_eq!(
            plain_text("a < b & <b>bold</b><script>alert(1)</script> &lt;kept&gt; <i"),
            "a < b & bold &lt;kept&gt; <i"
        );
        assert_eq!(
            plain_text("<STYLE>x{}</style>y<img src=x onerror=alert(1)>"),
            "y"
        );
        assert_eq!(
            plain_text("Box<dyn Error> & Arc<Mutex<T>> <Foo bar=1>x</Foo>"),
            "Box<dyn Error> & Arc<Mutex<T>> x</Foo>"
        );
    }

    #[test]
    fn attachment_paths_are_built_from_safe_parts() {
        let a = Attachment {
            name: "../../Q3 report <final>.PDF".into(),
            file: "attachments/ab/abcdef0123456789.pdf".into(),
            bytes: 1,
        };
        assert_eq!(attachment_path(&a), "files/q3-report-final-abcdef0123.pdf");
        let b = Attachment {
            name: "".into(),
            file: "attachments/cd/cdef".into(),
            bytes: 1,
        };
        assert_eq!(attachment_path(&b), "files/file-cdef");
    }

    #[test]
    fn only_web_and_mail_urls_are_safe() {
        assert_eq!(safe_url(" https://x.org/a "), Some("https://x.org/a"));
        assert_eq!(safe_url("mailto:a@b.c"), Some("mailto:a@b.c"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("https://"), None);
        assert_eq!(safe_url("https://x.org/a b"), None);
    }
}
