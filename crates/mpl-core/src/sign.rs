//! A portfolio anyone can check, with tools they already have and no mpl: `SHA256SUMS`
//! lists the SHA-256 of every file of an exported site (`sha256sum -c SHA256SUMS` checks
//! them), `SOURCES` says which journal commit and which file content each entry came from,
//! and `SHA256SUMS.sig` is an ssh signature over the sums, made the way git signs commits
//! with ssh keys (`ssh-keygen -Y sign`, namespace [`NAMESPACE`]); `allowed_signers` holds
//! the public key it was made with, so that
//! `ssh-keygen -Y verify -f allowed_signers -I IDENTITY -n mpl-portfolio -s SHA256SUMS.sig < SHA256SUMS`
//! checks it. That key only proves the files are as signed: who signed them is known by
//! comparing the key with one the reader trusts (the signer's GitHub keys, say).
//!
//! `ssh-keygen` does the signing and the checking; mpl never reads a private key.

use crate::error::{Error, IoResultExt, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The ssh signature namespace of portfolios: a signature made for git or anything else
/// does not verify as one.
pub const NAMESPACE: &str = "mpl-portfolio";
/// The sums of every file, in `sha256sum`'s format.
pub const SUMS: &str = "SHA256SUMS";
/// The signature over [`SUMS`].
pub const SIGNATURE: &str = "SHA256SUMS.sig";
/// The public key the signature was made with, as `ssh-keygen -Y verify -f` reads it.
pub const SIGNERS: &str = "allowed_signers";
/// Where each entry came from in the journal.
pub const SOURCES: &str = "SOURCES";

/// The files of a site that the sums do not cover: the sums and their signature.
const NOT_SUMMED: [&str; 3] = [SUMS, SIGNATURE, SIGNERS];

/// Who signs, and with which key.
#[derive(Debug, Clone)]
pub struct Signer {
    /// What `ssh-keygen -Y sign -f` is given: the private key, or its `.pub` when the key is
    /// in an agent.
    pub key: PathBuf,
    /// The public key line (`ssh-ed25519 AAAA… comment`).
    pub public: String,
    /// Who the signature says signed: an email address or a name.
    pub identity: String,
    /// The key's fingerprint, as `ssh-keygen -l` shows it (`SHA256:…`), once, when found.
    pub fingerprint: String,
}

impl Signer {
    /// The key to sign with: `explicit` (a private key, or its `.pub` for a key in an
    /// agent), else git's `user.signingkey` when it names a file, else the first of
    /// `~/.ssh/id_ed25519`, `id_ecdsa` and `id_rsa` there is.
    /// The signer is named with [`Signer::named`].
    pub fn find(explicit: Option<&Path>) -> Result<Signer> {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let key = match explicit {
            Some(path) => {
                if !path.is_file() {
                    return Err(Error::usage(format!("--key {}: there is no such file", path.display())));
                }
                path.to_path_buf()
            }
            None => git_signing_key(home.as_deref())
                .or_else(|| {
                    let ssh = home.as_ref()?.join(".ssh");
                    ["id_ed25519", "id_ecdsa", "id_rsa"]
                        .iter()
                        .map(|name| ssh.join(name))
                        .find(|path| path.is_file())
                })
                .ok_or_else(|| {
                    Error::new("--sign found no ssh key to sign with")
                        .hint("name one with --key PATH, set git's user.signingkey, or make one: ssh-keygen -t ed25519")
                })?,
        };
        let public_path = if key.extension().is_some_and(|e| e == "pub") {
            key.clone()
        } else {
            let mut name = key.clone().into_os_string();
            name.push(".pub");
            PathBuf::from(name)
        };
        let public = std::fs::read_to_string(&public_path)
            .map_err(|err| {
                Error::new(format!(
                    "cannot read the public key {}: {}",
                    public_path.display(),
                    crate::error::describe_io(&err)
                ))
                .hint("the public key sits beside the private one as KEY.pub; `ssh-keygen -y -f KEY > KEY.pub` makes it")
            })?
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.trim().to_string())
            .unwrap_or_default();
        if public.split_whitespace().count() < 2 || public.chars().any(char::is_control) {
            return Err(Error::new(format!(
                "{} does not hold an ssh public key",
                public_path.display()
            )));
        }
        let fingerprint = fingerprint(&public).unwrap_or_default();
        Ok(Signer {
            key,
            public,
            identity: "portfolio".to_string(),
            fingerprint,
        })
    }

    /// The signer under `identity`, made one word of characters no shell or ssh-keygen
    /// reads as anything but text, as allowed_signers needs: spaces become dashes
    /// ("Ada-Lovelace"); with nothing left, "portfolio".
    pub fn named(mut self, identity: &str) -> Signer {
        let identity = deunicode::deunicode(identity)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '+' | '-'))
            .collect::<String>();
        let identity = identity.trim_start_matches(['-', '.']).to_string();
        if !identity.is_empty() {
            self.identity = identity;
        }
        self
    }
}

/// git's `user.signingkey`, when git signs with ssh and the setting names a key file.
fn git_signing_key(home: Option<&Path>) -> Option<PathBuf> {
    let config = git2::Config::open_default().ok()?;
    let key = config.get_string("user.signingkey").ok()?;
    let key = key.trim();
    if key.starts_with("key::") || key.starts_with("ssh-") {
        return None;
    }
    let path = match (key.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(key),
    };
    path.is_file().then_some(path)
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file under `dir` but the sums and their signature, as `/`-separated paths
/// relative to it, sorted. A link is never followed: it is refused.
fn files(dir: &Path) -> Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir).at("cannot read", dir)? {
            let entry = entry.at("cannot read", dir)?;
            let path = entry.path();
            let kind = entry.file_type().at("cannot read", &path)?;
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if kind.is_symlink() {
                return Err(Error::new(format!(
                    "{} is a symbolic link; a portfolio holds files only",
                    path.display()
                )));
            } else if kind.is_dir() {
                walk(root, &path, out)?;
            } else if !NOT_SUMMED.contains(&rel.as_str()) {
                out.push(rel);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The text of `SHA256SUMS` for the files of `dir`.
fn sums(dir: &Path) -> Result<String> {
    let mut text = String::new();
    for rel in files(dir)? {
        let path = dir.join(&rel);
        let bytes = std::fs::read(&path).at("cannot read", &path)?;
        text.push_str(&format!("{}  {rel}\n", sha256(&bytes)));
    }
    Ok(text)
}

/// Writes `SOURCES`, then `SHA256SUMS`, `allowed_signers` and the signature into `dir`
/// (a site being built). `sources` is the text of `SOURCES`. `prompts` lets `ssh-keygen`
/// ask for a passphrase on the terminal.
pub fn sign_site(dir: &Path, sources: &str, signer: &Signer, prompts: bool) -> Result<()> {
    let write = |name: &str, text: &str| -> Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, text).at("cannot write", &path)
    };
    write(SOURCES, sources)?;
    write(SUMS, &sums(dir)?)?;
    write(
        SIGNERS,
        &format!(
            "{} namespaces=\"{NAMESPACE}\" {}\n",
            signer.identity, signer.public
        ),
    )?;
    let mut command = Command::new("ssh-keygen");
    command
        .args(["-q", "-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(&signer.key)
        .arg(dir.join(SUMS))
        .stdout(Stdio::null());
    if !prompts {
        command.stdin(Stdio::null());
    }
    let output = command.stderr(Stdio::piped()).output().map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            Error::new("--sign needs ssh-keygen (OpenSSH 8.1 or later), which was not found")
                .hint("install OpenSSH's client tools, or export without --sign")
        } else {
            Error::new(format!("cannot run ssh-keygen: {err}"))
        }
    })?;
    if !output.status.success() || !dir.join(SIGNATURE).is_file() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = crate::render::terminal::visible_line(said.trim()).into_owned();
        return Err(Error::new(format!(
            "ssh-keygen could not sign with {}: {said}",
            signer.key.display()
        ))
        .hint("a key with a passphrase needs a terminal or ssh-agent; --key KEY.pub signs with a key the agent holds"));
    }
    Ok(())
}

/// The text of `SOURCES`: the journal's commit, and each file an entry came from with the
/// git blob id of its content (what `git rev-parse COMMIT:PATH` prints in the journal).
pub fn sources(journal: &crate::store::Journal, files: &[PathBuf]) -> Result<String> {
    let head = crate::git::Repo::open(&journal.root)?
        .head_id()?
        .map(|id| id.0.to_string())
        .unwrap_or_else(|| "none".to_string());
    let mut text = format!(
        "# The journal this portfolio was exported from: its commit, then each entry's file\n\
         # with the git blob id of its content; in the journal, `git rev-parse COMMIT:PATH`\n\
         # prints the same id for a file as committed.\n\
         commit {head}\n"
    );
    let mut lines: Vec<String> = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).at("cannot read", path)?;
        lines.push(format!(
            "{} {}",
            crate::git::blob_id(&bytes),
            journal.rel(path).to_string_lossy().replace('\\', "/")
        ));
    }
    lines.sort();
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    Ok(text)
}

/// What checking a signed (or unsigned) site found.
#[derive(Debug, Default)]
pub struct Verification {
    /// Files whose content is not what the sums say.
    pub changed: Vec<String>,
    /// Files the sums list that are not there.
    pub missing: Vec<String>,
    /// Files there that the sums do not list.
    pub added: Vec<String>,
    pub signature: Signature,
    /// How many files the sums list.
    pub files: usize,
}

/// What the signature over the sums says.
#[derive(Debug, Default, PartialEq, Eq)]
pub enum Signature {
    /// There is none.
    #[default]
    Unsigned,
    /// Good, by this identity, with the key of this fingerprint.
    Good {
        identity: String,
        fingerprint: String,
    },
    /// It does not verify: what ssh-keygen said.
    Bad(String),
}

impl Verification {
    /// Whether every file is as signed and the signature (if any) is good.
    pub fn intact(&self) -> bool {
        // Sums without their signature prove nothing: anyone can write them.
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.added.is_empty()
            && matches!(self.signature, Signature::Good { .. })
    }
}

/// Checks the site in `dir` against its `SHA256SUMS`, and the signature over them with the
/// keys of `signers` (the site's own `allowed_signers` when `None`).
pub fn verify(dir: &Path, signers: Option<&Path>) -> Result<Verification> {
    let sums_path = dir.join(SUMS);
    let text = std::fs::read_to_string(&sums_path).map_err(|err| {
        Error::new(format!(
            "{} has no {SUMS}: {}",
            dir.display(),
            crate::error::describe_io(&err)
        ))
        .hint("only a portfolio exported with `mpl export --sign` can be verified")
    })?;
    let mut found = Verification::default();
    let mut listed = Vec::new();
    // The folder is walked first: it holds files only (a link anywhere in it is refused),
    // so no listed path can lead through a link to a file elsewhere.
    let present = files(dir)?;
    for (n, line) in text.lines().enumerate() {
        let Some((hash, rel)) = line.split_once("  ") else {
            return Err(Error::new(format!(
                "{}:{}: not a line of sums (HASH  PATH)",
                sums_path.display(),
                n + 1
            )));
        };
        // A listed path never leads out of the site.
        if rel.split('/').any(|part| part.is_empty() || part == "..")
            || rel.starts_with('/')
            || rel.contains('\\')
        {
            return Err(Error::new(format!(
                "{}:{}: the path \"{}\" leads out of the portfolio",
                sums_path.display(),
                n + 1,
                crate::render::terminal::visible_line(rel)
            )));
        }
        listed.push(rel.to_string());
        if present.iter().any(|p| p == rel) {
            let path = dir.join(rel);
            let bytes = std::fs::read(&path).at("cannot read", &path)?;
            if sha256(&bytes) != hash {
                found.changed.push(rel.to_string());
            }
        } else {
            found.missing.push(rel.to_string());
        }
    }
    found.files = listed.len();
    found.added = present
        .into_iter()
        .filter(|rel| !listed.contains(rel))
        .collect();
    let signature = dir.join(SIGNATURE);
    if std::fs::symlink_metadata(&signature).is_ok_and(|m| m.is_file()) {
        let signers = signers.map_or_else(|| dir.join(SIGNERS), Path::to_path_buf);
        found.signature = check_signature(&sums_path, &signature, &signers)?;
    }
    Ok(found)
}

/// Runs `ssh-keygen` with `args`, the sums on standard input when given.
fn ssh_keygen(args: &[&std::ffi::OsStr], input: Option<&Path>) -> Result<std::process::Output> {
    let mut command = Command::new("ssh-keygen");
    command.args(args);
    match input {
        Some(path) => command.stdin(std::fs::File::open(path).at("cannot read", path)?),
        None => command.stdin(Stdio::null()),
    };
    command.output().map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            Error::new("verifying a signature needs ssh-keygen (OpenSSH 8.1 or later), which was not found")
        } else {
            Error::new(format!("cannot run ssh-keygen: {err}"))
        }
    })
}

/// Checks the signature over the sums with the keys of `signers`: `ssh-keygen -Y
/// find-principals` names who the signing key belongs to, `ssh-keygen -Y verify` checks
/// the signature as theirs, and the fingerprint is the one ssh-keygen says signed.
fn check_signature(sums: &Path, signature: &Path, signers: &Path) -> Result<Signature> {
    let (sig, keys) = (signature.as_os_str(), signers.as_os_str());
    let found = ssh_keygen(
        &[
            "-Y".as_ref(),
            "find-principals".as_ref(),
            "-s".as_ref(),
            sig,
            "-f".as_ref(),
            keys,
        ],
        None,
    )?;
    let principals = String::from_utf8_lossy(&found.stdout).into_owned();
    let Some(principal) = principals
        .lines()
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .find(|p| !p.is_empty())
    else {
        return Ok(Signature::Bad(
            "the key that signed is not among the signers".to_string(),
        ));
    };
    let checked = ssh_keygen(
        &[
            "-Y".as_ref(),
            "verify".as_ref(),
            "-n".as_ref(),
            NAMESPACE.as_ref(),
            "-f".as_ref(),
            keys,
            "-I".as_ref(),
            principal.as_ref(),
            "-s".as_ref(),
            sig,
        ],
        Some(sums),
    )?;
    let said = format!(
        "{} {}",
        String::from_utf8_lossy(&checked.stdout).trim(),
        String::from_utf8_lossy(&checked.stderr).trim()
    );
    if !checked.status.success() {
        return Ok(Signature::Bad(
            crate::render::terminal::visible_line(said.trim()).into_owned(),
        ));
    }
    // "Good "mpl-portfolio" signature for NAME with ED25519 key SHA256:…"
    let fingerprint = said
        .split_whitespace()
        .find(|part| part.starts_with("SHA256:"))
        .unwrap_or("")
        .to_string();
    Ok(Signature::Good {
        identity: crate::render::terminal::visible_line(principal).into_owned(),
        fingerprint,
    })
}

/// The fingerprint of a public key line (`SHA256:…`), from `ssh-keygen -l`.
fn fingerprint(public: &str) -> Option<String> {
    let mut file = tempfile::NamedTempFile::new().ok()?;
    std::io::Write::write_all(&mut file, format!("{public}\n").as_bytes()).ok()?;
    let output = Command::new("ssh-keygen")
        .arg("-l")
        .arg("-f")
        .arg(file.path())
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace()
        .find(|part| part.starts_with("SHA256:"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_fingerprints_are_as_the_standard_tools_give_them() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn sums_never_lead_out_of_the_site_and_list_every_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("files")).unwrap();
        std::fs::write(dir.path().join("index.html"), "page").unwrap();
        std::fs::write(dir.path().join("files/a.png"), "png").unwrap();
        let text = sums(dir.path()).unwrap();
        assert_eq!(
            text,
            format!(
                "{}  files/a.png\n{}  index.html\n",
                sha256(b"png"),
                sha256(b"page")
            )
        );
        std::fs::write(dir.path().join(SUMS), &text).unwrap();
        let found = verify(dir.path(), None).unwrap();
        // Every file as listed, but sums without a signature prove nothing.
        assert!(found.changed.is_empty() && found.missing.is_empty() && found.added.is_empty());
        assert!(found.files == 2 && found.signature == Signature::Unsigned && !found.intact());
        for bad in ["../outside", "/etc/passwd", "files//a.png", "a\\b"] {
            std::fs::write(dir.path().join(SUMS), format!("{}  {bad}\n", sha256(b"x"))).unwrap();
            let err = verify(dir.path(), None).unwrap_err();
            assert!(err.message.contains("leads out"), "{bad}: {}", err.message);
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/passwd", dir.path().join("link")).unwrap();
            std::fs::write(dir.path().join(SUMS), &text).unwrap();
            assert!(
                verify(dir.path(), None)
                    .unwrap_err()
                    .message
                    .contains("symbolic link")
            );
        }
    }
}
