//! The user's configuration file (`config.toml` in the platform config folder, such as
//! `~/.config/mpl/config.toml`) and where the journal lives: `--journal` beats
//! `MPL_JOURNAL`, which beats `journal = "…"` in the config file, which beats the platform
//! data folder (`~/.local/share/mpl/journal`). Reads no environment itself: `app` passes
//! the values in.

use crate::error::{Error, Result};
use crate::store::fs::{TomlError, key_line, read_toml};
use directories::{BaseDirs, ProjectDirs};
use std::path::{Path, PathBuf};

/// What `config.toml` may say.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub journal: Option<PathBuf>,
    pub editor: Option<String>,
    /// `sync_every = "1h"`: commands that write start a sync in the background when the
    /// last one is older than this.
    pub sync_every: Option<std::time::Duration>,
    /// `look_back = false`: no line of memories after a reflection.
    pub look_back: bool,
    /// `identity = "~/keys/mpl.txt"`: this machine's key to read encrypted entries.
    pub identity: Option<PathBuf>,
    /// `passphrase_command = "pass show mpl"`: prints the identity's passphrase.
    pub passphrase_command: Option<String>,
}

impl Default for Config {
    /// No config file: the default journal, no editor set, no background sync, and a line
    /// of memories after a reflection.
    fn default() -> Config {
        Config {
            journal: None,
            editor: None,
            sync_every: None,
            look_back: true,
            identity: None,
            passphrase_command: None,
        }
    }
}

/// A span of time as people write it in config: `30m`, `1h`, `12h`, `1d` (a number, then
/// m, h or d).
pub(crate) fn parse_span(text: &str) -> Option<std::time::Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok().filter(|n| *n > 0)?;
    let seconds = match unit.trim() {
        "m" | "min" | "minute" | "minutes" => 60,
        "h" | "hour" | "hours" => 3600,
        "d" | "day" | "days" => 86400,
        _ => return None,
    };
    Some(std::time::Duration::from_secs(number.checked_mul(seconds)?))
}

/// Where the journal path came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Flag,
    Env,
    ConfigFile,
    Default,
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "mpl")
}

/// The config file's path, whether or not it exists.
pub(crate) fn config_path() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("config.toml"))
}

/// The journal's default place: `journal` in the platform data folder.
pub(crate) fn default_journal() -> Result<PathBuf> {
    project_dirs()
        .map(|dirs| dirs.data_dir().join("journal"))
        .ok_or_else(|| {
            Error::new("cannot find a home folder for the journal")
                .hint("set HOME, or pass --journal PATH")
        })
}

/// Where this machine's identity is by default: `identity.txt` beside the config file.
pub(crate) fn default_identity() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("identity.txt"))
}

/// Reads the config file at `path`; a missing file is an empty config.
pub(crate) fn load(path: &Path) -> Result<Config> {
    if !path.exists() {
        return Ok(Config::default());
    }
    let (text, table) = read_toml(path).map_err(|err| Error::new(err.at(path)))?;
    let string = |key: &str| -> Result<Option<String>> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(toml::Value::String(_)) => Ok(None),
            Some(_) => Err(Error::new(
                TomlError {
                    line: Some(key_line(&text, key).unwrap_or(1)),
                    message: format!("'{key}' must be a string"),
                }
                .at(path),
            )),
        }
    };
    let sync_every = match string("sync_every")? {
        None => None,
        Some(span) => Some(parse_span(&span).ok_or_else(|| {
            Error::new(
                TomlError {
                    line: Some(key_line(&text, "sync_every").unwrap_or(1)),
                    message: format!("invalid sync_every \"{span}\""),
                }
                .at(path),
            )
            .hint("write a number and m, h or d: \"30m\", \"1h\", \"1d\"")
        })?),
    };
    let look_back = match table.get("look_back") {
        None => true,
        Some(toml::Value::Boolean(on)) => *on,
        Some(_) => {
            return Err(Error::new(
                TomlError {
                    line: Some(key_line(&text, "look_back").unwrap_or(1)),
                    message: "'look_back' must be true or false".to_string(),
                }
                .at(path),
            ));
        }
    };
    Ok(Config {
        journal: string("journal")?.map(|p| expand_home(&p)),
        editor: string("editor")?,
        sync_every,
        look_back,
        identity: string("identity")?.map(|p| expand_home(&p)),
        passphrase_command: string("passphrase_command")?,
    })
}

/// `~/x` is `x` in the home folder; a relative path in the config file is relative to home.
fn expand_home(path: &str) -> PathBuf {
    let home = BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    match (
        path.strip_prefix("~/")
            .or(if path == "~" { Some("") } else { None }),
        home,
    ) {
        (Some(rest), Some(home)) => home.join(rest),
        (None, Some(home)) if Path::new(path).is_relative() => home.join(path),
        _ => PathBuf::from(path),
    }
}

/// Picks the journal path: flag, then environment, then config file, then the default.
pub(crate) fn resolve_journal(
    flag: Option<PathBuf>,
    env: Option<PathBuf>,
    config: &Config,
) -> Result<(PathBuf, Source)> {
    if let Some(path) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Ok((path, Source::Flag));
    }
    if let Some(path) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Ok((path, Source::Env));
    }
    if let Some(path) = &config.journal {
        return Ok((path.clone(), Source::ConfigFile));
    }
    Ok((default_journal()?, Source::Default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_is_flag_env_config_default() {
        let config = Config {
            journal: Some(PathBuf::from("/c")),
            ..Config::default()
        };
        let flag = Some(PathBuf::from("/f"));
        let env = Some(PathBuf::from("/e"));
        assert_eq!(
            resolve_journal(flag.clone(), env.clone(), &config)
                .unwrap()
                .1,
            Source::Flag
        );
        assert_eq!(resolve_journal(None, env, &config).unwrap().1, Source::Env);
        assert_eq!(
            resolve_journal(None, None, &config).unwrap().0,
            PathBuf::from("/c")
        );
        let (_, source) = resolve_journal(None, Some(PathBuf::new()), &Config::default()).unwrap();
        assert_eq!(source, Source::Default);
    }

    #[test]
    fn config_errors_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\njournal = \"unclosed\n").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.message.contains("config.toml:2:"), "{}", err.message);
        std::fs::write(&path, "editor = 3\n").unwrap();
        assert!(load(&path).unwrap_err().message.contains(":1: 'editor'"));
        std::fs::write(&path, "journal = \"/j\"\neditor = \"vi\"\n").unwrap();
        let config = load(&path).unwrap();
        assert_eq!(config.journal, Some(PathBuf::from("/j")));
        assert_eq!(config.editor.as_deref(), Some("vi"));
        std::fs::write(&path, "\nsync_every = \"often\"\n").unwrap();
        assert!(
            load(&path)
                .unwrap_err()
                .message
                .contains(":2: invalid sync_every")
        );
    }

    #[test]
    fn spans_read_as_people_write_them() {
        assert_eq!(
            parse_span("30m"),
            Some(std::time::Duration::from_secs(1800))
        );
        assert_eq!(
            parse_span(" 1h "),
            Some(std::time::Duration::from_secs(3600))
        );
        assert_eq!(
            parse_span("2 days"),
            Some(std::time::Duration::from_secs(172800))
        );
        assert_eq!(parse_span("0h"), None);
        assert_eq!(parse_span("h"), None);
        assert_eq!(parse_span("5w"), None);
    }
}
