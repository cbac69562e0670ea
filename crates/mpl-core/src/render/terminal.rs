//! Text on its way to a terminal: nothing from an entry, a file name or a remote may reach it
//! as a control sequence.
//!
//! Every byte of journal text is untrusted: a title pasted from a web page, a file that came
//! in through `mpl sync`, a file name. A terminal acts on the control characters in what it
//! is given: `ESC ] 52` writes the clipboard, `ESC ] 0` sets the window title, `ESC [ 2 J`
//! clears the screen, a carriage return or a backspace hides what came before. So all human
//! output goes through [`for_terminal`] on its way out (`Ctx::print`, `Ctx::status`,
//! `Ctx::warn`, errors in `main`), which shows such characters as visible text instead.
//!
//! mpl's own colours must survive that. [`Style`](super::style::Style) does not write escape
//! sequences; it writes a marker holding a key chosen at random when the process starts,
//! which only [`for_terminal`] turns into the escape sequence. Text from a file cannot know
//! the key, so it cannot forge a colour, let alone anything else.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Opens one of mpl's own SGR (colour) markers; then comes the key, the parameters, [`CLOSE`].
const OPEN: char = '\u{FDD0}';
const CLOSE: char = '\u{FDD1}';

/// The random key of this process's colour markers (16 hex digits).
fn key() -> &'static str {
    static KEY: OnceLock<String> = OnceLock::new();
    KEY.get_or_init(|| {
        use std::hash::BuildHasher;
        // RandomState is seeded from the operating system's random source.
        let random = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
        format!("{random:016x}")
    })
}

/// The marker for the SGR sequence `ESC [ params m`; `params` is digits and `;` only.
pub fn sgr(params: &str) -> String {
    debug_assert!(params.bytes().all(|b| b.is_ascii_digit() || b == b';'));
    format!("{OPEN}{}{params}{CLOSE}", key())
}

/// `text` with the SGR sequences (`ESC [ … m`) it holds turned into mpl's own markers, so
/// that they keep working through [`for_terminal`]. Only for text that mpl's own code
/// styled, whose journal content was made [`visible_line`] first (a table drawn by
/// comfy-table): any other escape sequence stays, and is shown as text later.
pub fn adopt_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        if after[params..].starts_with('m') {
            out.push_str(&sgr(&after[..params]));
            rest = &after[params + 1..];
        } else {
            out.push('\x1b');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether a character is shown as visible text rather than given to the terminal.
///
/// C0 controls (but a newline and a tab, when `lines` allows them) and DEL and the C1
/// controls act on terminals; the bidirectional embedding, override and isolate characters
/// reorder what is shown (they make a file name read as another); the noncharacters from
/// U+FDD0 are mpl's own markers' and never belong in text.
fn hidden(c: char, lines: bool) -> bool {
    match c {
        '\n' | '\t' => !lines,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{fdd0}'..='\u{fdef}' => true,
        _ => false,
    }
}

/// How a hidden character is shown: C0 controls and DEL as their Unicode control pictures
/// (`␛` for ESC, `␀` for NUL, `␍` for a carriage return), the others as `\u{9b}`.
fn show(c: char, out: &mut String) {
    match c {
        '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\x7f' => out.push('\u{2421}'),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `text` with every control character shown as visible text; newlines and tabs stay, and a
/// carriage return before a newline is dropped (a file saved on Windows).
pub fn visible(text: &str) -> Cow<'_, str> {
    make_visible(text, true)
}

/// `text` as one line: newlines and tabs are shown too (`␊`, `␉`), as any other control.
/// For what sits in a table cell or a one-line message: titles, tags, names, file names.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    make_visible(text, false)
}

fn make_visible(text: &str, lines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c, lines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if lines && c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if hidden(c, lines) {
            show(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Human output as it goes to a terminal (or a pipe, or a file: the same bytes): every
/// control character shown as visible text, except newlines and tabs and the colours mpl
/// itself marked, which become their escape sequences.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c, true)) {
        return Cow::Borrowed(text);
    }
    let key = key();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, c)) = rest.char_indices().find(|(_, c)| hidden(*c, true)) {
        out.push_str(&rest[..at]);
        let after = &rest[at + c.len_utf8()..];
        if c == OPEN
            && let Some(marked) = after.strip_prefix(key)
            && let Some(end) = marked.find(CLOSE)
            && marked[..end]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b';')
        {
            out.push_str("\x1b[");
            out.push_str(&marked[..end]);
            out.push('m');
            rest = &marked[end + CLOSE.len_utf8()..];
            continue;
        }
        if c == '\r' && after.starts_with('\n') {
            rest = after;
            continue;
        }
        show(c, &mut out);
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The characters JSON leaves as they are but a terminal would act on (DEL, the C1
/// controls, bidirectional overrides): escaped as `\u00XX` in JSON text, which still reads
/// as the same string. serde_json escapes the C0 controls itself.
pub(crate) fn escape_json(json: String) -> String {
    if !json.chars().any(|c| hidden(c, true)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hidden(c, true) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `arg` as one word for a POSIX shell, quoted only when it needs it: every command mpl
/// shows in a hint is safe to paste, whatever title, path or name it holds (`$(…)`,
/// backquotes, quotes and spaces stay text).
pub fn shell_arg(arg: &str) -> Cow<'_, str> {
    shell_words::quote(arg)
}

/// A path as one word for a POSIX shell (see [`shell_arg`]).
pub fn shell_path(path: &std::path::Path) -> String {
    shell_arg(&path.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\x1b]52;c;aGk=\x07b\x1b[2Jc\rd\x08e\0f\x7fg\u{9b}31mh\u{202e}i";

    fn has_control(text: &str) -> bool {
        text.chars().any(|c| hidden(c, true))
    }

    #[test]
    fn control_characters_become_visible_text() {
        let out = visible(HOSTILE);
        assert!(!has_control(&out), "{out:?}");
        assert_eq!(
            out, "a␛]52;c;aGk=␇b␛[2Jc␍d␈e␀f␡g\\u{9b}31mh\\u{202e}i",
            "{out:?}"
        );
        assert_eq!(
            visible("two\nlines\tand a tab\r\n"),
            "two\nlines\tand a tab\n"
        );
        assert_eq!(visible_line("two\nlines\tx"), "two␊lines␉x");
        assert!(matches!(visible("plain ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_our_own_markers_become_colour() {
        let ours = format!("{}bold{}", sgr("1"), sgr("0"));
        assert_eq!(for_terminal(&ours), "\x1b[1mbold\x1b[0m");
        // A marker with another key, as a file could hold, is shown as text.
        let forged = format!("{OPEN}0000000000000000{}1{CLOSE}x", "");
        let out = for_terminal(&forged);
        assert!(!out.contains('\x1b'), "{out:?}");
        let out = for_terminal(&format!("{ours} {HOSTILE}")).into_owned();
        assert_eq!(out.matches('\x1b').count(), 2, "{out:?}");
        assert!(out.starts_with("\x1b[1mbold\x1b[0m a␛]52"), "{out:?}");
    }

    #[test]
    fn tables_keep_their_colours_and_nothing_else() {
        let drawn = "\x1b[1mID\x1b[0m  \x1b[38;5;6mx\x1b[39m ␛[2J \x1b]0;t\x07";
        let out = for_terminal(&adopt_sgr(drawn)).into_owned();
        assert_eq!(out.matches('\x1b').count(), 4, "{out:?}");
        assert!(out.ends_with("␛]0;t␇"), "{out:?}");
    }

    #[test]
    fn shell_words_stay_words() {
        assert_eq!(shell_arg("2026-11-25-plain"), "2026-11-25-plain");
        assert_eq!(shell_arg("learn: $(rm -rf ~)"), "'learn: $(rm -rf ~)'");
        assert_eq!(shell_arg("it's `x`"), "'it'\\''s `x`'");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "printf %s {}",
                shell_arg("a $(echo b) `c` 'd' \"e\" ; f")
            ))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "a $(echo b) `c` 'd' \"e\" ; f"
        );
    }

    #[test]
    fn json_escapes_what_serde_leaves() {
        let json = serde_json::to_string(&serde_json::json!({ "t": HOSTILE })).unwrap();
        let out = escape_json(json);
        assert!(!has_control(&out), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], HOSTILE);
    }
}
