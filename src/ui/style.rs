//! Colour, decided once per stream: `--color always|never`, or for `auto` a terminal, no
//! `NO_COLOR` and a `TERM` other than `dumb`.
//!
//! Styled text holds markers, not escape sequences: the terminal-safe printer
//! ([`crate::render::terminal::for_terminal`]) turns them into colour as the text goes out.

/// Whether to colour, and the few styles `mpl` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    pub enabled: bool,
}

/// The user's `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Decides colour for one stream.
pub(crate) fn decide(
    choice: ColorChoice,
    is_terminal: bool,
    no_color: bool,
    term_dumb: bool,
) -> Style {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color && !term_dumb,
    };
    Style { enabled }
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled && !text.is_empty() {
            let (on, off) = (
                crate::render::terminal::sgr(code),
                crate::render::terminal::sgr("0"),
            );
            format!("{on}{text}{off}")
        } else {
            text.to_string()
        }
    }

    pub(crate) fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub(crate) fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// One of the 256 terminal colours, for shades (the heatmap).
    pub(crate) fn color256(&self, code: u8, text: &str) -> String {
        self.paint(&format!("38;5;{code}"), text)
    }

    pub(crate) fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }

    pub(crate) fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }

    pub(crate) fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }

    pub(crate) fn cyan(&self, text: &str) -> String {
        self.paint("36", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_needs_a_terminal_and_no_no_color() {
        assert!(decide(ColorChoice::Auto, true, false, false).enabled);
        assert!(!decide(ColorChoice::Auto, false, false, false).enabled);
        assert!(!decide(ColorChoice::Auto, true, true, false).enabled);
        assert!(!decide(ColorChoice::Auto, true, false, true).enabled);
        assert!(decide(ColorChoice::Always, false, true, true).enabled);
        assert!(!decide(ColorChoice::Never, true, false, false).enabled);
        assert_eq!(Style { enabled: false }.bold("x"), "x");
        assert_eq!(
            crate::render::terminal::for_terminal(&Style { enabled: true }.bold("x")),
            "\x1b[1mx\x1b[0m"
        );
    }
}
