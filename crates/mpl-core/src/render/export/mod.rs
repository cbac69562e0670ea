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

pub(crate) mod calendar;
pub(crate) mod chart;
pub(crate) mod html;
pub mod json;
pub mod jsonresume;
pub mod markdown;
pub mod pdf;

use crate::model::evidence::{Attachment, display_name, normalized_link};
use crate::model::slug::slugify;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Where an attachment goes in an exported site: `files/<name>-<content id>.<ext>`, built
/// only from a slug of the original name and the stored file's own safe name, so no entry
/// can choose a path. A file a browser could run as a page (not [`is_passive`]) gets
/// `.txt` after its name, so that opened it shows as text, never as a page.
pub fn attachment_path(attachment: &Attachment) -> String {
    let path = site_path(attachment);
    if is_passive(attachment) {
        path
    } else {
        format!("{path}.txt")
    }
}

/// The stored file's extension, lowercase (`""` when it has none).
fn extension(attachment: &Attachment) -> &str {
    let stored = attachment.file.rsplit('/').next().unwrap_or("");
    let stored = crate::encryption::without_age_suffix(stored);
    stored.split_once('.').map_or("", |(_, ext)| ext)
}

/// Whether a browser given this file by name shows it or saves it, and never runs it:
/// pictures (but SVG), PDF, plain text and data, office documents, archives, audio and
/// video. Anything else (SVG, HTML, XML and their kin, or a type mpl does not know) may
/// hold script a browser would run as a page on the portfolio's own site.
pub(crate) fn is_passive(attachment: &Attachment) -> bool {
    matches!(
        extension(attachment),
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "avif"
            | "bmp"
            | "ico"
            | "pdf"
            | "txt"
            | "csv"
            | "tsv"
            | "md"
            | "json"
            | "log"
            | "doc"
            | "docx"
            | "xls"
            | "xlsx"
            | "ppt"
            | "pptx"
            | "odt"
            | "ods"
            | "odp"
            | "rtf"
            | "key"
            | "pages"
            | "numbers"
            | "epub"
            | "zip"
            | "gz"
            | "tgz"
            | "bz2"
            | "xz"
            | "zst"
            | "7z"
            | "tar"
            | "mp3"
            | "m4a"
            | "ogg"
            | "oga"
            | "opus"
            | "wav"
            | "flac"
            | "mp4"
            | "m4v"
            | "mov"
            | "webm"
            | "ogv"
    )
}

/// Whether the attachment is an SVG picture: shown in a portfolio only as an image (where no
/// script in it runs), from the page itself, and offered as a download.
pub(crate) fn is_svg(attachment: &Attachment) -> bool {
    extension(attachment) == "svg"
}

fn site_path(attachment: &Attachment) -> String {
    let stored = attachment.file.rsplit('/').next().unwrap_or("file");
    // An encrypted attachment goes out decrypted, under the name it would have had.
    let stored = crate::encryption::without_age_suffix(stored);
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

/// Whether browsers show the attachment inline as a picture from its file (SVG is shown
/// from the page instead: see [`is_svg`]).
pub(crate) fn is_image(attachment: &Attachment) -> bool {
    matches!(
        extension(attachment),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif"
    )
}

/// A day as `YYYY-MM-DD`, as JSON documents give dates.
pub(crate) fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A link from an entry's fields that may go on a page: a web or mail address, checked and
/// written out as [`check_link`] does (whatever a hand edit or another machine put in the
/// file), else none.
pub(crate) fn safe_url(url: &str) -> Option<String> {
    normalized_link(url)
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// An entry's Markdown as HTML that is safe on the page. Its `#` headings become level
/// `top` (and `##` the next, to at most 6), so they sit in order under the page's own
/// headings; images become links to where they are: a portfolio never loads anything from
/// the network.
pub(crate) fn markdown_html_under(markdown: &str, top: u8) -> String {
    let deeper = |level: pulldown_cmark::HeadingLevel| {
        pulldown_cmark::HeadingLevel::try_from((level as usize + usize::from(top) - 1).min(6))
            .unwrap_or(pulldown_cmark::HeadingLevel::H6)
    };
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

/// Cleans HTML with ammonia: its safe tag list without images, only web and mail links,
/// relative links dropped (they would point into the reader's own disk).
pub(crate) fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

/// An entry's Markdown as plain text, for formats whose readers may insert text into HTML
/// as it is (JSON Resume themes). The text comes from pulldown-cmark's events: the text and
/// code of each block, blocks apart by a blank line. Raw HTML that names an element browsers
/// know is markup and goes (with what a script or style element holds); other raw `<…>`,
/// such as `Box<dyn Error>` written outside backticks, is the writer's text and stays. The
/// result is then made [`inert`].
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut hidden: Option<&str> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let tag = html
                    .trim_start()
                    .trim_start_matches('<')
                    .to_ascii_lowercase();
                match hidden {
                    Some(name) if tag.starts_with(&format!("/{name}")) => hidden = None,
                    Some(_) => {}
                    None if is_html_tag(tag.split('>').next().unwrap_or("")) => {
                        hidden = ["script", "style"].into_iter().find(|name| {
                            tag.starts_with(name)
                                && !tag[name.len()..].contains(&format!("</{name}"))
                        });
                    }
                    None => out.push_str(&html),
                }
            }
            _ if hidden.is_some() => {}
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table,
            ) => out.push_str("\n\n"),
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    let mut lines: Vec<&str> = Vec::new();
    for line in out.lines().map(str::trim_end) {
        if !(line.is_empty() && lines.last().is_none_or(|l| l.is_empty())) {
            lines.push(line);
        }
    }
    inert(lines.join("\n").trim())
}

/// Text that no HTML parser can read as markup: a `<` that could open a tag, a comment or a
/// declaration (followed by a letter, `/`, `!` or `?`) becomes `‹` (U+2039). For plain
/// fields (titles, tags, names) that go where a reader may insert them as HTML.
pub(crate) fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        out.push(if opens { '\u{2039}' } else { c });
    }
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

/// An entry's Markdown with what a renderer would make active taken out: raw HTML is
/// escaped, so it shows as text, and a link or image whose address runs something
/// (`javascript:`, `vbscript:`, `data:`, `file:`) points at `#` instead, inline,
/// autolinked or by reference. Everything else is kept as written.
pub(crate) fn markdown_text(markdown: &str) -> String {
    let escape_html = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    // (range to replace, replacement), found by the parser.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut parser = Parser::new_ext(markdown, markdown_options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), escape_html(&markdown[range])));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if runs_something(&dest_url) =>
            {
                let source = &markdown[range.clone()];
                match source.rfind(dest_url.as_ref()) {
                    // An autolink, `<javascript:…>`: the whole of it becomes text.
                    _ if source.starts_with('<') => {
                        edits.push((range.clone(), escape_html(source)));
                    }
                    Some(at) => {
                        let start = range.start + at;
                        edits.push((start..start + dest_url.len(), "#".into()));
                    }
                    // By reference: the definition is changed below.
                    None => {}
                }
            }
            _ => {}
        }
    }
    for (_, definition) in parser.reference_definitions().iter() {
        if runs_something(definition.dest.as_ref()) {
            let span = definition.span.clone();
            if let Some(at) = markdown[span.clone()].rfind(definition.dest.as_ref()) {
                let start = span.start + at;
                edits.push((start..start + definition.dest.len(), "#".into()));
            }
        }
    }
    edits.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    for (range, replacement) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&markdown[last..range.start]);
        out.push_str(&replacement);
        last = range.end;
    }
    out.push_str(&markdown[last..]);
    out
}

/// Whether a link's address would run something rather than lead somewhere.
fn runs_something(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && ["javascript", "vbscript", "data", "file"].contains(&scheme.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_loses_script_handlers_and_bad_links() {
        let html = markdown_html_under(
            "# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n\
             [click](javascript:alert(3)) [up](../../../etc/passwd) [ok](https://example.com)\n\n\
             ![pic](https://tracker.example/p.png)\n\n<a href=\"#\" onclick=\"x()\">a</a>\n\n\
             <iframe src=\"https://evil.example\"></iframe><style>body{}</style>",
            4,
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
    fn markdown_output_defuses_links_that_run_something() {
        let text = "[a](javascript:alert(1)) [b](https://ok.example) ![c](data:text/html,x)\n\n\
                    <javascript:alert(2)> [d][ref] [e](JaVaScRiPt:alert(4))\n\n\
                    [ref]: javascript:alert(3)\n";
        let out = markdown_text(text);
        for bad in ["javascript:", "JaVaScRiPt:", "data:text"] {
            assert!(
                !out.contains(&format!("]({bad}")) && !out.contains(&format!(": {bad}")),
                "{bad} in {out}"
            );
        }
        assert!(out.contains("[a](#)"), "{out}");
        assert!(out.contains("[b](https://ok.example)"), "{out}");
        assert!(out.contains("&lt;javascript:alert(2)&gt;"), "{out}");
        assert!(out.contains("[ref]: #"), "{out}");
        let html = markdown_html_under(&out, 4).to_ascii_lowercase();
        assert!(
            !html.contains("href=\"javascript") && !html.contains("href=\"data"),
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
    fn plain_text_comes_from_parsing_and_never_forms_a_tag() {
        assert_eq!(
            plain_text("a < b & <b>bold</b><script>alert(1)</script> &lt;kept&gt; <i"),
            "a < b & bold ‹kept> ‹i"
        );
        assert_eq!(
            plain_text("<STYLE>x{}</style>\n\ny<img src=x onerror=alert(1)>"),
            "y"
        );
        assert_eq!(
            plain_text("Box<dyn Error> & `Arc<Mutex<T>>` <Foo bar=1>x</Foo>"),
            "Box‹dyn Error> & Arc‹Mutex‹T>> x‹/Foo>"
        );
        // Pieces that a stripping pass would put back together stay apart.
        for hostile in [
            "<<b>img src=x onerror=alert(1)>",
            "<scr<script>x</script>ipt>alert(1)</script>",
            "<<script>script>alert(1)<</script>/script>",
            "&lt;img src=x onerror=alert(1)&gt;",
            "<!--><img src=x onerror=alert(1)>-->",
            "<svg/onload=alert(1)>",
        ] {
            let text = plain_text(hostile);
            let opens = text.char_indices().any(|(i, c)| {
                c == '<'
                    && text[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n))
            });
            assert!(!opens, "{hostile} -> {text}");
        }
        assert_eq!(
            plain_text("# Title\n\nOne\ntwo\n\n- a\n- b"),
            "Title\n\nOne two\n\n- a\n- b"
        );
        assert_eq!(inert("<img src=x>"), "‹img src=x>");
        assert_eq!(inert("x < 3 and y<=2"), "x < 3 and y<=2");
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
        // A type mpl does not know may be a page: opened, its copy shows as text.
        assert_eq!(attachment_path(&b), "files/file-cdef.txt");
        let svg = Attachment {
            name: "diagram.svg".into(),
            file: "attachments/ef/ef01.svg".into(),
            bytes: 1,
        };
        assert_eq!(attachment_path(&svg), "files/diagram-ef01.svg.txt");
        assert!(is_svg(&svg) && !is_passive(&svg) && !is_image(&svg));
    }

    #[test]
    fn only_web_and_mail_urls_are_safe() {
        assert_eq!(
            safe_url(" https://x.org/a "),
            Some("https://x.org/a".into())
        );
        assert_eq!(safe_url("mailto:a@b.c"), Some("mailto:a@b.c".into()));
        assert_eq!(safe_url("https://x.org"), Some("https://x.org/".into()));
        assert_eq!(safe_url("https://x.org/\"onmouseover=alert(1)"), None);
        assert_eq!(safe_url("https://x.org/<script>"), None);
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("https://"), None);
        assert_eq!(safe_url("https://x.org/a b"), None);
    }
}
