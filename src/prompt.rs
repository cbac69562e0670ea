//! Questions on the terminal, one line each, edited as a shell line is (rustyline): Ctrl-A,
//! Ctrl-E, Ctrl-U, Ctrl-W, Home, End and the arrows work, and a long answer wraps. Enter on
//! an empty line, or Ctrl-D, skips a question; Ctrl-C stops the command with exit 130 and a
//! message saying what was kept.
//!
//! One line editor serves every question of a run, reading the terminal itself (never a
//! redirected standard output), so keys typed ahead of the next question are kept for it.

use crate::error::{Error, Result};
use crate::model::text::{accept, find_refused};
use crate::render::terminal::{visible, visible_line};
use rustyline::config::{Behavior, ColorMode, Config};
use rustyline::error::ReadlineError;
use rustyline::{DefaultEditor, EventHandler, KeyEvent};
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

/// What a question got.
#[derive(Debug, PartialEq)]
pub(crate) enum Asked {
    /// Enter: the line as typed (empty to skip; Ctrl-D on an empty line skips too).
    Answer(String),
    /// Ctrl-C: the line as it was when the user stopped, so it can be kept.
    Stopped(String),
}

/// Asks one question; an empty answer skips it. Ctrl-C stops with "nothing was saved".
/// `color` follows `--color` and `NO_COLOR` for standard error.
pub(crate) fn ask(prompt: &str, initial: &str, color: bool) -> Result<String> {
    match ask_keeping(prompt, initial, color)? {
        Asked::Answer(answer) => Ok(answer),
        Asked::Stopped(_) => Err(Error::interrupted("nothing was saved")),
    }
}

/// [`ask`], handing back the line being typed when Ctrl-C stops it, for a caller that
/// keeps it. The prompt and the text offered are shown with their control characters
/// visible; an answer holding one is asked again, with them taken out.
pub(crate) fn ask_keeping(prompt: &str, initial: &str, color: bool) -> Result<Asked> {
    let prompt = StyledPrompt::new(prompt, "", color);
    let mut offered = visible(initial).into_owned();
    loop {
        match read_line(&prompt, &offered, color)? {
            Line::Enter(line) => match find_refused(&line) {
                None => return Ok(Asked::Answer(line)),
                Some(found) => {
                    say(&format!(
                        "the answer held {found}, which mpl does not keep; it is taken out: check the answer and press Enter"
                    ));
                    offered = without_controls(&line);
                }
            },
            Line::End => return Ok(Asked::Answer(String::new())),
            Line::Stopped(typed) => {
                let kept = match accept(&typed) {
                    Ok(text) => text.into_owned(),
                    Err(_) => without_controls(&typed),
                };
                return Ok(Asked::Stopped(kept));
            }
        }
    }
}

/// Asks a yes/no question; Enter (or Ctrl-D) is no.
pub(crate) fn confirm(prompt: &str, color: bool) -> Result<bool> {
    let prompt = StyledPrompt::new(prompt, "[y/N]", color);
    loop {
        match read_line(&prompt, "", color)? {
            Line::Enter(line) => match line.trim().to_lowercase().as_str() {
                "" | "n" | "no" => return Ok(false),
                "y" | "yes" => return Ok(true),
                _ => say("answer y or n (Enter is no)"),
            },
            Line::End => return Ok(false),
            Line::Stopped(_) => return Err(Error::interrupted("nothing was saved")),
        }
    }
}

/// Asks to choose one of `items`, listed with numbers; Enter (or Ctrl-D) chooses
/// `default`. Returns the index chosen.
pub(crate) fn select(prompt: &str, items: &[String], default: usize, color: bool) -> Result<usize> {
    let mut list = String::new();
    for (i, item) in items.iter().enumerate() {
        list.push_str(&format!("  {:>2}. {}\n", i + 1, visible_line(item)));
    }
    crate::app::write_stderr(&format!("{}\n{list}", visible_line(prompt)));
    let hint = format!("[1-{}, Enter: {}]", items.len(), default + 1);
    let question = StyledPrompt::new("Number", &hint, color);
    loop {
        match read_line(&question, "", color)? {
            Line::Enter(line) if line.trim().is_empty() => return Ok(default),
            Line::Enter(line) => match line.trim().parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => return Ok(n - 1),
                _ => say(&format!(
                    "answer a number from 1 to {} (Enter: {})",
                    items.len(),
                    default + 1
                )),
            },
            Line::End => return Ok(default),
            Line::Stopped(_) => return Err(Error::interrupted("nothing was saved")),
        }
    }
}

/// A line read from the terminal.
enum Line {
    Enter(String),
    /// Ctrl-D on an empty line.
    End,
    /// Ctrl-C, with the line as it was.
    Stopped(String),
}

/// The editor of this run and the line Ctrl-C found, made at the first question.
struct LineEditor {
    editor: DefaultEditor,
    stopped_at: Arc<Mutex<String>>,
    color: bool,
}

thread_local! {
    static EDITOR: RefCell<Option<LineEditor>> = const { RefCell::new(None) };
}

fn read_line(prompt: &StyledPrompt, initial: &str, color: bool) -> Result<Line> {
    EDITOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|e| e.color != color) {
            *slot = Some(LineEditor::new(color)?);
        }
        let line_editor = slot.as_mut().expect("made above");
        match line_editor
            .editor
            .readline_with_initial(prompt, (initial, ""))
        {
            Ok(line) => Ok(Line::Enter(line)),
            Err(ReadlineError::Eof) => Ok(Line::End),
            Err(ReadlineError::Interrupted) => {
                let typed = line_editor
                    .stopped_at
                    .lock()
                    .map(|mut line| std::mem::take(&mut *line))
                    .unwrap_or_default();
                Ok(Line::Stopped(typed))
            }
            Err(err) => Err(terminal_error(err)),
        }
    })
}

impl LineEditor {
    fn new(color: bool) -> Result<LineEditor> {
        let config = Config::builder()
            // The terminal itself, never a redirected standard output.
            .behavior(Behavior::PreferTerm)
            .auto_add_history(false)
            .color_mode(if color {
                ColorMode::Enabled
            } else {
                ColorMode::Disabled
            })
            .build();
        let mut editor = DefaultEditor::with_config(config).map_err(terminal_error)?;
        let stopped_at = Arc::new(Mutex::new(String::new()));
        editor.bind_sequence(
            KeyEvent::ctrl('C'),
            EventHandler::Conditional(Box::new(KeepLine(stopped_at.clone()))),
        );
        Ok(LineEditor {
            editor,
            stopped_at,
            color,
        })
    }
}

fn terminal_error(err: ReadlineError) -> Error {
    Error::new(format!("cannot read the answer from the terminal: {err}"))
}

/// A line on standard error between questions: why an answer was not taken.
fn say(text: &str) {
    crate::app::write_stderr(&format!("{text}\n"));
}

fn without_controls(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// Ctrl-C: keeps the line being typed, then stops the question.
struct KeepLine(Arc<Mutex<String>>);

impl rustyline::ConditionalEventHandler for KeepLine {
    fn handle(
        &self,
        _: &rustyline::Event,
        _: rustyline::RepeatCount,
        _: bool,
        ctx: &rustyline::EventContext,
    ) -> Option<rustyline::Cmd> {
        if let Ok(mut typed) = self.0.lock() {
            *typed = ctx.line().to_string();
        }
        Some(rustyline::Cmd::Interrupt)
    }
}

/// A question as the prompt of a line: `Question? [hint] › `, the question bold and the
/// rest dim in colour.
struct StyledPrompt {
    raw: String,
    styled: String,
}

impl StyledPrompt {
    fn new(question: &str, hint: &str, color: bool) -> StyledPrompt {
        let question = visible_line(question);
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!(" {hint}")
        };
        let raw = format!("{question}{hint} › ");
        let styled = if color {
            format!("\x1b[1m{question}\x1b[0m\x1b[2m{hint} ›\x1b[0m ")
        } else {
            raw.clone()
        };
        StyledPrompt { raw, styled }
    }
}

impl rustyline::Prompt for StyledPrompt {
    fn raw(&self) -> &str {
        &self.raw
    }

    fn styled(&self) -> &str {
        &self.styled
    }
}

/// Reads a passphrase on the terminal without showing it, after `prompt` on standard
/// error; `None` when there is no terminal or nothing was typed.
pub(crate) fn hidden(prompt: &str) -> Option<String> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return None;
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{}", visible_line(prompt));
    let _ = err.flush();
    #[cfg(unix)]
    let restore = {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let before = tcgetattr(&stdin).ok();
        if let Some(before) = &before {
            let mut quiet = before.clone();
            quiet.local_modes.remove(LocalModes::ECHO);
            quiet.local_modes.insert(LocalModes::ECHONL);
            let _ = tcsetattr(&stdin, OptionalActions::Now, &quiet);
        }
        before
    };
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    #[cfg(unix)]
    if let Some(before) = restore {
        let _ = rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &before);
    }
    read.ok()?;
    let passphrase = line.trim_end_matches(['\n', '\r']).to_string();
    (!passphrase.is_empty()).then_some(passphrase)
}

/// The passphrase a command prints (a password manager, say): its first line. `name` says
/// where the command was set; what went wrong says so.
pub(crate) fn passphrase_from_command(
    command: &str,
    name: &str,
) -> std::result::Result<String, String> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .output();
    match output {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let line = text.lines().next().unwrap_or("").to_string();
            if line.is_empty() {
                Err(format!("the passphrase command ({name}) printed nothing"))
            } else {
                Ok(line)
            }
        }
        Ok(out) => Err(format!(
            "the passphrase command ({name}) failed ({})",
            out.status
        )),
        Err(err) => Err(format!(
            "the passphrase command ({name}) cannot be run: {err}"
        )),
    }
}
