//! The context every command runs in, built once from the command line and the environment:
//! the clock (honouring `MPL_NOW`), where the journal is, colour, quietness, whether we may
//! prompt, and the editor. The only module besides `main` that reads the environment.

use crate::cli::{Cli, Command};
use crate::commands;
use crate::config::{self, Source};
use crate::editor::EditorCommand;
use crate::error::{Error, Result};
use crate::model::Settings;
use crate::render::terminal::{for_terminal, visible_line};
use crate::store::{Journal, Lock, Opened, Problem, Recovered};
use crate::ui::style::{self, ColorChoice, Style};
use chrono::{DateTime, Datelike, FixedOffset, Local};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// What a command needs to know about its surroundings.
pub(crate) struct Ctx {
    pub now: DateTime<FixedOffset>,
    pub journal_path: PathBuf,
    pub journal_source: Source,
    pub quiet: bool,
    /// Colour on standard output.
    pub out_style: Style,
    /// Colour on standard error.
    pub err_style: Style,
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    pub no_input: bool,
    /// The editor settings, in order, and whether a fallback editor may be used; chosen
    /// only when a command asks for an editor.
    editors: Vec<(&'static str, Option<String>)>,
    interactive: bool,
    editor: std::sync::OnceLock<Option<EditorCommand>>,
    /// `sync_every` in config.toml.
    pub sync_every: Option<std::time::Duration>,
    /// After a reflection, a line of what was written before (`look_back` in config.toml).
    pub look_back: bool,
    /// Where this machine's key to encrypted entries is, and how its passphrase is had.
    pub identity: Option<crate::encryption::IdentitySource>,
    /// Whether this command warned already about encrypted entries it could not read.
    warned_locked: std::cell::Cell<bool>,
    /// Whether this command skipped files it could not read (and warned about them).
    skipped: std::cell::Cell<bool>,
}

/// Where this machine's identity is: `MPL_IDENTITY`, else `identity` in config.toml, else
/// `identity.txt` beside config.toml. Its passphrase, when it has one, comes from
/// `MPL_PASSPHRASE_COMMAND` or `passphrase_command` in config.toml, else is asked for on
/// the terminal (once per command), else cannot be had.
fn identity_source(
    config: &config::Config,
    can_ask: bool,
) -> Option<crate::encryption::IdentitySource> {
    let (path, from) = match (env("MPL_IDENTITY"), &config.identity) {
        (Some(path), _) => (PathBuf::from(path), "from MPL_IDENTITY"),
        (None, Some(path)) => (path.clone(), "from `identity` in config.toml"),
        (None, None) => (config::default_identity()?, "where mpl looks by default"),
    };
    let command = env("MPL_PASSPHRASE_COMMAND")
        .map(|c| (c, "MPL_PASSPHRASE_COMMAND"))
        .or_else(|| {
            config
                .passphrase_command
                .clone()
                .map(|c| (c, "passphrase_command in config.toml"))
        });
    let passphrase_command = command.as_ref().map(|(_, name)| name.to_string());
    let passphrase: Option<crate::encryption::AskPassphrase> = match command {
        Some((command, name)) => Some(std::sync::Arc::new(move |_prompt: &str| {
            crate::prompt::passphrase_from_command(&command, name)
        })),
        None if can_ask => Some(std::sync::Arc::new(|prompt: &str| {
            crate::prompt::hidden(prompt).ok_or_else(|| "no passphrase was typed".to_string())
        })),
        None => None,
    };
    Some(crate::encryption::IdentitySource {
        path,
        from: from.to_string(),
        passphrase,
        passphrase_command,
    })
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Colour for standard error, decided the same way as for standard output.
pub(crate) fn stderr_style(choice: ColorChoice) -> Style {
    style::decide(
        choice,
        std::io::stderr().is_terminal(),
        env("NO_COLOR").is_some(),
        env("TERM").as_deref() == Some("dumb"),
    )
}

/// Runs the parsed command line.
pub(crate) fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Completions(args) => return commands::completions::run(args),
        Command::Man(args) => return commands::man::run(args, cli.quiet),
        _ => {}
    }
    let ctx = match Ctx::from_env(&cli) {
        Ok(ctx) => ctx,
        // A shell prompt must never show an error: `mpl doctor` and other commands report it.
        Err(_) if matches!(cli.command, Command::Nudge(_)) => return Ok(()),
        Err(err) => return Err(err),
    };
    let result = match &cli.command {
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Reflect(args) => commands::reflect::run(&ctx, args),
        Command::Learn(args) => commands::learn::run(&ctx, args),
        Command::Goal(args) => commands::goal::run(&ctx, args),
        Command::Evidence(args) => commands::evidence::run(&ctx, args),
        Command::Feedback(args) => commands::feedback::run(&ctx, args),
        Command::Challenge(args) => commands::challenge::run(&ctx, args),
        Command::Network(args) => commands::network::run(&ctx, args),
        Command::Toolkit(args) => commands::toolkit::run(&ctx, args),
        Command::Profile(args) => commands::profile::run(&ctx, args),
        Command::Share(args) => commands::share::run(&ctx, args),
        Command::Export(args) => commands::export::run(&ctx, args),
        Command::Verify(args) => commands::verify::run(&ctx, args),
        Command::Import(args) => commands::import::run(&ctx, args),
        Command::Remote(args) => commands::remote::run(&ctx, args),
        Command::Clone(args) => commands::clone::run(&ctx, args),
        Command::Sync(args) => commands::sync::run(&ctx, args),
        Command::Nudge(args) => commands::nudge::run(&ctx, args),
        Command::Log(args) => commands::log::run(&ctx, args),
        Command::Search(args) => commands::search::run(&ctx, args),
        Command::Stats(args) => commands::stats::run(&ctx, args),
        Command::Review(args) => commands::review::run(&ctx, args),
        Command::Intentions(args) => commands::intentions::run(&ctx, args),
        Command::Cpd(args) => commands::cpd::run(&ctx, args),
        Command::Competencies(args) => commands::competencies::run(&ctx, args),
        Command::LookBack(args) => commands::look_back::run(&ctx, args),
        Command::Recall(args) => commands::recall::run(&ctx, args),
        Command::Show(args) => commands::show::run(&ctx, args),
        Command::Edit(args) => commands::edit::run(&ctx, args),
        Command::Doctor(args) => commands::doctor::run(&ctx, args),
        Command::Encrypt(args) => commands::encrypt::run(&ctx, args),
        Command::Decrypt(args) => commands::encrypt::run_decrypt(&ctx, args),
        Command::Completions(_) | Command::Man(_) => unreachable!("handled above"),
    };
    if result.is_ok() && !matches!(cli.command, Command::Sync(_) | Command::Clone(_)) {
        commands::sync::in_background_if_due(&ctx);
    }
    result
}

impl Ctx {
    fn from_env(cli: &Cli) -> Result<Ctx> {
        let now = match env("MPL_NOW") {
            Some(text) => DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
                Error::usage(format!("invalid MPL_NOW \"{text}\""))
                    .hint("use RFC 3339, such as 2026-11-25T18:00:00+01:00, or unset MPL_NOW")
            })?,
            None => Local::now().fixed_offset(),
        };
        if !(1000..=9999).contains(&now.year()) {
            return Err(Error::usage(format!(
                "MPL_NOW {} is outside the years 1000 to 9999",
                now.to_rfc3339()
            )));
        }
        let config = match config::config_path() {
            Some(path) => config::load(&path)?,
            None => config::Config::default(),
        };
        let (journal_path, journal_source) = config::resolve_journal(
            cli.journal.clone(),
            env("MPL_JOURNAL").map(PathBuf::from),
            &config,
        )?;
        // Messages and hints name the journal by its absolute path, so they hold anywhere.
        let journal_path = std::path::absolute(&journal_path).unwrap_or(journal_path);
        let no_color = env("NO_COLOR").is_some();
        let dumb = env("TERM").as_deref() == Some("dumb");
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let stdin_is_terminal = std::io::stdin().is_terminal();
        Ok(Ctx {
            now,
            journal_path,
            journal_source,
            quiet: cli.quiet,
            out_style: style::decide(cli.color, stdout_is_terminal, no_color, dumb),
            err_style: stderr_style(cli.color),
            stdin_is_terminal,
            stdout_is_terminal,
            no_input: cli.no_input,
            editors: vec![
                ("MPL_EDITOR", env("MPL_EDITOR")),
                ("config.toml", config.editor.clone()),
                ("VISUAL", env("VISUAL")),
                ("EDITOR", env("EDITOR")),
            ],
            interactive: stdin_is_terminal && stdout_is_terminal && !dumb,
            editor: std::sync::OnceLock::new(),
            sync_every: config.sync_every,
            look_back: config.look_back,
            identity: identity_source(&config, stdin_is_terminal && !cli.no_input),
            warned_locked: std::cell::Cell::new(false),
            skipped: std::cell::Cell::new(false),
        })
    }

    /// `journal` with this machine's keys, to read its encrypted entries (none when the
    /// identity is inside the journal, where a sync would send it).
    pub(crate) fn keyed(&self, mut journal: Journal) -> Journal {
        journal.keys = crate::encryption::keys_for(&journal.root, self.identity.clone());
        journal
    }

    /// A confirmation or progress line on standard error; `-q` mutes it.
    pub(crate) fn status(&self, message: &str) {
        if !self.quiet {
            write_stderr(&format!("{message}\n"));
        }
    }

    /// A warning on standard error, shown even with `-q`.
    pub(crate) fn warn(&self, message: &str) {
        write_stderr(&format!(
            "{} {message}\n",
            self.err_style.yellow("warning:")
        ));
    }

    /// Warns once about each file that could not be read.
    /// Encrypted entries this machine cannot read are said once, with how many.
    pub(crate) fn warn_problems(&self, problems: &[Problem]) {
        if !problems.is_empty() {
            self.skipped.set(true);
        }
        let locked = |p: &Problem| {
            p.message.starts_with(crate::store::LOCKED) && !p.message.contains("damaged")
        };
        let (mut sealed, others): (Vec<&Problem>, Vec<&Problem>) =
            problems.iter().partition(|p| locked(p));
        // A command that reads a file twice (a review's several spans) counts it once.
        let mut seen = std::collections::HashSet::new();
        sealed.retain(|p| seen.insert(&p.path));
        for problem in &others {
            self.warn(&format!("skipped {problem}"));
        }
        if let Some(first) = sealed.first().filter(|_| !self.warned_locked.replace(true)) {
            let why = first.message.trim_start_matches(crate::store::LOCKED);
            let (what, why) = match sealed.len() {
                1 => (format!("skipped {}", first.path.display()), why.to_string()),
                n => (
                    format!("skipped {n} encrypted entries"),
                    why.replace(" to read it", " to read them")
                        .replace(" opens it", " opens them"),
                ),
            };
            self.warn(&format!("{what}: {why}"));
            self.status(&self.err_style.dim(&format!("hint: {}", first.hint())));
        }
        if !others.is_empty() {
            self.status(&self.err_style.dim(
                "hint: `mpl doctor` lists every problem; mpl never rewrites a file it cannot read",
            ));
        }
    }

    /// Says that a listing found nothing: `message` ("no feedback yet; …"), unless files
    /// were skipped because they could not be read, when it would not be true.
    pub(crate) fn say_empty(&self, message: &str) {
        if self.skipped.get() {
            self.status("none that this machine can read");
        } else {
            self.status(message);
        }
    }

    /// Whether we may ask questions on the terminal.
    pub(crate) fn can_prompt(&self) -> bool {
        self.stdin_is_terminal && !self.no_input
    }

    /// Whether a progress bar may be drawn on standard error (a terminal, and no `-q`).
    pub(crate) fn progress_allowed(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// The editor, unless `--no-input` forbids opening one.
    pub(crate) fn editor(&self) -> Result<Option<&EditorCommand>> {
        if self.no_input {
            return Err(Error::usage("--no-input forbids opening an editor"));
        }
        Ok(self
            .editor
            .get_or_init(|| crate::editor::choose(&self.editors, self.interactive))
            .as_ref())
    }

    /// Opens the journal for reading; it must exist. What an earlier run left half-done is
    /// finished or undone first, when no other mpl is at work.
    pub(crate) fn journal(&self) -> Result<Journal> {
        let journal = self.journal_unrecovered()?;
        if let Some(recovered) = journal.recover_if_idle()? {
            self.recovered(&recovered);
        }
        Ok(journal)
    }

    /// The journal when there is one (its `mpl.toml` exists), opened as [`Ctx::journal`]
    /// opens it; `None` before the first command that creates it.
    pub(crate) fn existing_journal(&self) -> Result<Option<Journal>> {
        if self.journal_path.join(crate::store::SETTINGS_FILE).exists() {
            self.journal().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Opens the journal for reading without finishing what an earlier run left half-done
    /// (for `doctor`, which reports what cannot be).
    pub(crate) fn journal_unrecovered(&self) -> Result<Journal> {
        Journal::open(&self.journal_path)
            .map(|j| self.keyed(j))
            .map_err(|err| {
                if self
                    .journal_path
                    .join(crate::store::SETTINGS_FILE)
                    .is_file()
                {
                    // A journal whose mpl.toml does not read: the path is right.
                    return err;
                }
                // No journal there: say where the path came from, and how to give another.
                err.hint(match self.journal_source {
                    Source::Flag => "check the folder given to --journal".to_string(),
                    Source::Env => {
                        "the path comes from MPL_JOURNAL: point it at your journal, or unset it"
                            .to_string()
                    }
                    Source::ConfigFile => format!(
                        "the path comes from `journal` in {}: change it there",
                        crate::config::config_path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| "config.toml".into())
                    ),
                    Source::Default => {
                        "--journal PATH or MPL_JOURNAL=PATH points mpl at a journal elsewhere"
                            .to_string()
                    }
                })
            })
    }

    /// Says what was done with a change an earlier run left half-done.
    pub(crate) fn recovered(&self, recovered: &Recovered) {
        let message = &recovered.message;
        if recovered.finished {
            self.status(&format!(
                "finished a change an earlier mpl was making when it stopped (\"{message}\")"
            ));
        } else {
            self.warn(&format!(
                "an earlier mpl stopped before it saved \"{message}\"; that change is undone, so run its command again if you still want it"
            ));
        }
        for copy in &recovered.kept {
            self.warn(&format!(
                "a file of that change had been changed since; your version is kept at {}",
                copy.display()
            ));
        }
    }

    /// The settings of a journal about to be created at `root`: the name given, else git's
    /// `user.name`, else (on a terminal) the name and headline the person types, else the
    /// login name, said in a warning with how to change it. Asked before any lock is taken.
    pub(crate) fn new_journal_settings(
        &self,
        root: &std::path::Path,
        name: Option<&str>,
        headline: Option<&str>,
    ) -> Result<Option<Settings>> {
        if root.join(crate::store::SETTINGS_FILE).exists() {
            return Ok(None);
        }
        let headline = headline.unwrap_or("");
        if let Some(name) = name.map(str::to_string).or_else(crate::git::user_name) {
            return Ok(Some(Settings::new(&name, headline)));
        }
        let login = owner_name();
        if self.can_prompt() {
            self.status(
                "a new journal: your name and headline go on your portfolio and in its history",
            );
            let style = self.err_style.enabled;
            let prompt = if login.is_empty() {
                "Your name".to_string()
            } else {
                format!("Your name (Enter keeps \"{login}\")")
            };
            let name = crate::prompt::ask(&prompt, "", style)?;
            let name = if name.trim().is_empty() { login } else { name };
            let headline = if headline.is_empty() {
                crate::prompt::ask("A headline, what you do in a line (Enter skips)", "", style)?
            } else {
                headline.to_string()
            };
            return Ok(Some(Settings::new(name.trim(), headline.trim())));
        }
        // Said once, when the journal is made; a quiet script is not told.
        if !self.quiet {
            let took = if login.is_empty() {
                "the journal has no name yet: your portfolio is headed \"Portfolio\"".to_string()
            } else {
                format!(
                    "the journal's name is your login name \"{login}\": your portfolio and commits show it"
                )
            };
            self.warn(&format!(
                "git has no user.name, so {took}; `mpl profile --name NAME --headline TEXT` sets them"
            ));
        }
        Ok(Some(Settings::new(&login, headline)))
    }

    /// Opens the journal for writing, creating it if needed, with the writer lock held.
    pub(crate) fn journal_for_write(&self) -> Result<(Journal, Lock)> {
        let settings = self.new_journal_settings(&self.journal_path, None, None)?;
        let (journal, lock, opened) = Journal::open_for_write(
            &self.journal_path,
            || {
                settings
                    .clone()
                    .unwrap_or_else(|| Settings::new(&owner_name(), ""))
            },
            self.now,
            || self.status("waiting for another mpl to finish writing…"),
            |recovered| self.recovered(recovered),
        )?;
        if opened == Opened::Created {
            self.status(&format!(
                "created a new journal at {}",
                self.journal_path.display()
            ));
        }
        Ok((self.keyed(journal), lock))
    }

    /// Takes the writer lock of an open journal: held while a command reads, changes and
    /// commits, never while a person types.
    pub(crate) fn lock(&self, journal: &Journal) -> Result<Lock> {
        journal.lock(
            || self.status("waiting for another mpl to finish writing…"),
            |recovered| self.recovered(recovered),
        )
    }

    /// A progress bar on standard error for long work, drawn only on a terminal and not
    /// with `-q`; `len` 0 makes a spinner.
    pub(crate) fn progress(&self, len: u64, message: &str) -> indicatif::ProgressBar {
        if !self.progress_allowed() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = if len == 0 {
            indicatif::ProgressBar::new_spinner()
        } else {
            indicatif::ProgressBar::new(len)
        };
        let template = if len == 0 {
            "{spinner} {msg}"
        } else {
            "{msg} [{bar:30}] {pos}/{len}"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(visible_line(message).into_owned());
        if len == 0 {
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
        }
        bar
    }

    /// The terminal's width when standard output is one, for fitting tables.
    /// `COLUMNS`, when set, wins (as for `ls` and clap's help): a terminal may not say.
    pub(crate) fn width(&self) -> Option<usize> {
        if !self.stdout_is_terminal {
            return None;
        }
        env("COLUMNS")
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|c| *c > 0)
            .or_else(crate::ui::table::terminal_width)
    }

    /// Writes `text` to standard output, terminal-safe: control characters from journal
    /// text show as visible text; only mpl's own colours act (see [`for_terminal`]).
    pub(crate) fn print(&self, text: &str) -> Result<()> {
        write_stdout(&for_terminal(text))
    }

    /// Writes a JSON document to standard output. Its text holds no control character
    /// (see [`crate::render::json::pretty`]), so it goes out as it is.
    pub(crate) fn print_json(&self, value: &serde_json::Value) -> Result<()> {
        write_stdout(&crate::render::json::pretty(value))
    }
}

fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(Error::stdout)
}

/// Writes `text` to standard error, terminal-safe as [`Ctx::print`] (errors in a closed
/// stream are dropped: there is nowhere left to report them).
pub(crate) fn write_stderr(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(for_terminal(text).as_bytes());
}

/// The command line with every argument checked: a Windows line end becomes a plain one,
/// and an argument holding any other control character is refused, naming it. Arguments
/// that are not UTF-8 pass as they are, for clap to judge.
pub(crate) fn accept_args(args: impl Iterator<Item = OsString>) -> Result<Vec<OsString>> {
    args.enumerate()
        .map(|(i, arg)| {
            let Some(text) = arg.to_str() else {
                return Ok(arg);
            };
            match crate::model::text::accept(text) {
                Ok(text) => Ok(OsString::from(text.into_owned())),
                Err(found) => {
                    let shown: String = visible_line(text).chars().take(60).collect();
                    Err(Error::usage(format!(
                        "argument {i} (\"{shown}\") holds {found}"
                    ))
                    .hint("mpl keeps words, not terminal codes: remove it and run the command again"))
                }
            }
        })
        .collect()
}

/// The name a new journal is given: the git user name, else the login name.
pub(crate) fn owner_name() -> String {
    crate::git::user_name()
        .or_else(|| env("USER"))
        .or_else(|| env("USERNAME"))
        .unwrap_or_default()
}
