//! Text from the user that is not in an editor: standard input when it is piped, and
//! one-line prompts on a terminal (dialoguer).

use crate::error::{Error, Result};
use crate::store::fs::MAX_FILE_BYTES;
use dialoguer::Input;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use std::io::Read;

/// Reads all of standard input as UTF-8 text, refusing more than an entry may hold.
pub fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Error::new(format!("cannot read standard input: {err}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::new(format!(
            "standard input holds more than {} MiB; an entry is at most that",
            MAX_FILE_BYTES / 1048576
        )));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::new("standard input is not valid UTF-8 text").hint("pipe UTF-8 text into mpl")
    })
}

/// Asks one question on the terminal; an empty answer skips it. `color` follows `--color`
/// and `NO_COLOR` for standard error.
pub fn ask(prompt: &str, initial: &str, color: bool) -> Result<String> {
    let colorful = ColorfulTheme::default();
    let plain = SimpleTheme;
    let theme: &dyn Theme = if color { &colorful } else { &plain };
    let mut input = Input::<String>::with_theme(theme)
        .with_prompt(prompt)
        .allow_empty(true);
    if !initial.is_empty() {
        input = input.with_initial_text(initial);
    }
    input
        .interact_text()
        .map_err(|err| Error::new(format!("cannot read the answer from the terminal: {err}")))
}
