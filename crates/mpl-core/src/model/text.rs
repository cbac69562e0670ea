//! What text mpl accepts from a person: words, not terminal codes. Arguments, standard input
//! and answers to prompts may hold newlines and tabs, and a Windows line end becomes a plain
//! one; any other control character (NUL, ESC, a lone carriage return, DEL, the C1 controls)
//! is refused, so nothing mpl is given to store can act on a terminal later.

use std::borrow::Cow;
use std::fmt;

/// A control character found in text, and where: line and column count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlChar {
    pub(crate) c: char,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ControlChar {
    /// "a control character (ESC, U+001B)"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.c as u32;
        match name(self.c) {
            Some(name) => write!(f, "a control character ({name}, U+{code:04X})"),
            None => write!(f, "a control character (U+{code:04X})"),
        }
    }
}

/// The usual short name of a control character.
fn name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    match c {
        '\0'..='\x1f' => Some(C0[c as usize]),
        '\x7f' => Some("DEL"),
        '\u{9b}' => Some("CSI"),
        '\u{9d}' => Some("OSC"),
        _ => None,
    }
}

/// Whether text given to mpl may not hold `c`: every control character except a newline and
/// a tab.
pub(crate) fn refused(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` as mpl stores it: Windows line ends (`\r\n`) become `\n`; any other control
/// character is refused, with where it is.
pub fn accept(text: &str) -> Result<Cow<'_, str>, ControlChar> {
    let text: Cow<str> = if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    match find_refused(&text) {
        Some(found) => Err(found),
        None => Ok(text),
    }
}

/// The first refused character in `text`, with its line and column.
pub fn find_refused(text: &str) -> Option<ControlChar> {
    for (i, line) in text.split('\n').enumerate() {
        if let Some((column, c)) = line.chars().enumerate().find(|(_, c)| refused(*c)) {
            return Some(ControlChar {
                c,
                line: i + 1,
                column: column + 1,
            });
        }
    }
    None
}

/// "312 KiB", "25 MiB".
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB {
        let tenths = (bytes * 10 + MIB / 2) / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KIB {
        format!("{} KiB", (bytes + KIB / 2) / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_newlines_and_tabs_pass_and_windows_line_ends_become_plain() {
        assert_eq!(accept("a\tb\nc").unwrap(), "a\tb\nc");
        assert_eq!(accept("a\r\nb\r\n").unwrap(), "a\nb\n");
        assert!(matches!(accept("plain").unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_refused_with_their_place() {
        let err = accept("ok\nab\x1b[2J").unwrap_err();
        assert_eq!((err.c, err.line, err.column), ('\x1b', 2, 3));
        assert_eq!(err.to_string(), "a control character (ESC, U+001B)");
        assert_eq!(
            accept("\0").unwrap_err().to_string(),
            "a control character (NUL, U+0000)"
        );
        assert!(accept("a\rb").is_err());
        assert!(accept("\u{9b}31m").is_err());
        assert!(accept("\x7f").is_err());
    }
}
