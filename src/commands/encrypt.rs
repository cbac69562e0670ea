//! `mpl encrypt` and `mpl decrypt`: private entries encrypted with age, at rest and on the
//! remote (see docs/encryption.md).

use crate::app::Ctx;
use crate::encryption::{self, is_sealed, new_identity, public_keys_of, visible_public_key};
use crate::encryption::{ExposeSecret, SecretString};
use crate::error::{Error, Result};
use crate::store::Journal;
use crate::store::encryption::Rewritten;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Encrypt private entries with age
///
/// Once set up, every private entry (reflections, feedback, network and reviews by
/// default, and anything written --private) is written encrypted to the journal's
/// recipients, public keys listed in mpl.toml; team and public entries stay plain. Writing
/// needs only those public keys; reading needs this machine's identity, kept outside the
/// journal (MPL_IDENTITY, `identity` in config.toml, or identity.txt beside config.toml).
/// See docs/encryption.md.
#[derive(Debug, clap::Args)]
pub(crate) struct EncryptArgs {
    #[command(subcommand)]
    pub command: EncryptCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum EncryptCommand {
    Setup(SetupArgs),
    Status(StatusArgs),
    All(AllArgs),
    AddRecipient(AddRecipientArgs),
    RemoveRecipient(RemoveRecipientArgs),
}

/// Make this machine's key (or take an existing one) and add it to the recipients
///
/// Without --identity, uses the identity where mpl looks for it, and creates one there
/// (an age X25519 key, readable only by you) if there is none. Adds its public key to
/// `[encryption] recipients` in mpl.toml, in one commit: from then on private entries are
/// written encrypted. `mpl encrypt all` encrypts those written before.
#[derive(Debug, clap::Args)]
pub(crate) struct SetupArgs {
    /// Use this existing identity: an age identity file (protected by a passphrase with
    /// `age -p` or not; its public key is read from FILE.pub, or found with the
    /// passphrase) or an ssh private key (ed25519 or RSA; its public key is read from
    /// FILE.pub). Recorded in config.toml.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// Protect a new identity with a passphrase, asked for twice (then asked once per
    /// command that reads encrypted entries)
    #[arg(long)]
    pub passphrase: bool,
    /// Print {"identity", "created", "public_keys", "recipients", "plain_private"}
    #[arg(long)]
    pub json: bool,
}

/// Show this machine's key, the recipients, and how the entries are stored
#[derive(Debug, clap::Args)]
pub(crate) struct StatusArgs {
    /// Print {"identity", "identity_exists", "public_keys", "recipients", "encrypted",
    /// "plain_private", "unmerged"}
    #[arg(long)]
    pub json: bool,
}

/// Encrypt every private entry still stored plain, in one commit
///
/// Also writes anew the encrypted entries that are not as they would be written now: their
/// plain front matter disagrees with the entry inside, they are not private any more
/// (written plain), or versions wait to be merged. The plain text written before stays in
/// git history: docs/encryption.md shows how to rewrite it.
#[derive(Debug, clap::Args)]
pub(crate) struct AllArgs {
    /// Print {"files": [...], "recipients": [...], "skipped": [{"path", "line", "message"}]}
    #[arg(long)]
    pub json: bool,
}

/// Add a recipient, and encrypt every encrypted entry again to all of them, in one commit
///
/// KEY is a public key: an age key (age1…, as `mpl encrypt status` shows on the other
/// machine) or an ssh public key line in quotes ("ssh-ed25519 AAAA… laptop"). Needs this
/// machine to read every encrypted entry. A key listed already (added by `mpl encrypt
/// setup` on its own machine) is kept, and everything is encrypted to the listed keys again.
#[derive(Debug, clap::Args)]
pub(crate) struct AddRecipientArgs {
    /// The public key
    pub key: String,
    /// Print {"files": [...], "recipients": [...], "skipped": [...]}
    #[arg(long)]
    pub json: bool,
}

/// Remove a recipient, and encrypt every encrypted entry again to those left, in one commit
///
/// What was encrypted to the key before stays readable with it in git history.
#[derive(Debug, clap::Args)]
pub(crate) struct RemoveRecipientArgs {
    /// The public key, as `mpl encrypt status` lists it
    pub key: String,
    /// Print {"files": [...], "recipients": [...], "skipped": [...]}
    #[arg(long)]
    pub json: bool,
}

/// Stop encrypting: decrypt every encrypted entry and remove the recipients
#[derive(Debug, clap::Args)]
pub(crate) struct DecryptArgs {
    #[command(subcommand)]
    pub command: DecryptCommand,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum DecryptCommand {
    /// Decrypt every encrypted entry and remove `[encryption] recipients` from mpl.toml,
    /// in one commit; from then on private entries are written plain
    All(AllArgs),
}

pub(crate) fn run(ctx: &Ctx, args: &EncryptArgs) -> Result<()> {
    match &args.command {
        EncryptCommand::Setup(a) => setup(ctx, a),
        EncryptCommand::Status(a) => status(ctx, a),
        EncryptCommand::All(a) => {
            let journal = ctx.journal()?;
            let lock = ctx.lock(&journal)?;
            let done = journal.encrypt_all(&lock, ctx.now, &bar(ctx, "encrypting"))?;
            report(ctx, &journal, &done, "encrypted", a.json)
        }
        EncryptCommand::AddRecipient(a) => change_recipient(ctx, &a.key, true, a.json),
        EncryptCommand::RemoveRecipient(a) => change_recipient(ctx, &a.key, false, a.json),
    }
}

/// `add-recipient` and `remove-recipient`.
fn change_recipient(ctx: &Ctx, key: &str, adding: bool, json: bool) -> Result<()> {
    let journal = ctx.journal()?;
    let lock = ctx.lock(&journal)?;
    let progress = bar(ctx, "encrypting again");
    let done = if adding {
        journal.add_recipient(&lock, key, ctx.now, &progress)?
    } else {
        journal.remove_recipient(&lock, key, ctx.now, &progress)?
    };
    report(ctx, &journal, &done, "encrypted again", json)?;
    if !adding && !json {
        ctx.status("hint: what was encrypted to that key before stays readable with it in git history (docs/encryption.md)");
    }
    Ok(())
}

pub(crate) fn run_decrypt(ctx: &Ctx, args: &DecryptArgs) -> Result<()> {
    let DecryptCommand::All(a) = &args.command;
    let journal = ctx.journal()?;
    let lock = ctx.lock(&journal)?;
    let done = journal.decrypt_all(&lock, ctx.now, &bar(ctx, "decrypting"))?;
    report(ctx, &journal, &done, "decrypted", a.json)?;
    if !a.json {
        ctx.status("private entries are written plain from now on; `mpl encrypt setup` encrypts them again");
    }
    Ok(())
}

fn bar(ctx: &Ctx, what: &str) -> crate::ui::progress::CountBar {
    crate::ui::progress::CountBar(ctx.progress(0, what))
}

/// Says what a change of encryption did.
fn report(ctx: &Ctx, journal: &Journal, done: &Rewritten, did: &str, json: bool) -> Result<()> {
    if json {
        let reopened = Journal::open(&journal.root)?;
        return ctx.print_json(&json!({
            "files": done.files.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect::<Vec<_>>(),
            "recipients": reopened.settings.recipients,
            "skipped": done.problems.iter().map(|p| json!({
                "path": p.path.to_string_lossy().replace('\\', "/"),
                "line": p.line,
                "message": p.message,
            })).collect::<Vec<_>>(),
        }));
    }
    ctx.warn_problems(&done.problems);
    let n = done.files.len();
    let entries = if n == 1 { "entry" } else { "entries" };
    ctx.status(&match (did, n, done.committed) {
        ("encrypted again", _, true) => format!(
            "recipients: {}; {did} {n} {entries}, in one commit",
            Journal::open(&journal.root)?.settings.recipients.len()
        ),
        (_, _, false) | (_, 0, _) => format!("nothing to do: no entry needed to be {did}"),
        (_, n, true) => format!("{did} {n} {entries}, in one commit"),
    });
    if done.were_plain > 0 {
        ctx.status("hint: the plain text written before is still in git history; docs/encryption.md shows how to rewrite it");
    }
    Ok(())
}

/// Where the identity is, and whether it was made now.
fn setup(ctx: &Ctx, args: &SetupArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let configured = ctx
        .identity
        .as_ref()
        .map(|s| s.path.clone())
        .ok_or_else(|| {
            Error::new("cannot find a folder for this machine's key")
                .hint("set HOME, or name the file with MPL_IDENTITY")
        })?;
    let path = match &args.identity {
        Some(given) => std::path::absolute(given).unwrap_or_else(|_| given.clone()),
        None => configured.clone(),
    };
    refuse_inside(&journal, &path)?;
    let mut created = false;
    let source = encryption::IdentitySource {
        path: path.clone(),
        from: "given to setup".into(),
        passphrase: ctx.identity.as_ref().and_then(|s| s.passphrase.clone()),
        passphrase_command: ctx
            .identity
            .as_ref()
            .and_then(|s| s.passphrase_command.clone()),
    };
    let public_keys = if path.exists() {
        if args.passphrase {
            return Err(Error::usage(format!(
                "{} exists already; --passphrase protects only a new identity",
                path.display()
            ))
            .hint("`age -p` encrypts an existing one with a passphrase"));
        }
        public_keys_of(&path, Some(&source)).map_err(|locked| {
            let err = Error::new(locked.why);
            if locked.hint.is_empty() {
                err
            } else {
                err.hint(locked.hint)
            }
        })?
    } else if args.identity.is_some() {
        return Err(Error::usage(format!(
            "--identity {}: there is no such file",
            path.display()
        )));
    } else {
        let (text, public) = new_identity(ctx.now);
        if args.passphrase {
            let passphrase = new_passphrase(ctx)?;
            let protected = encryption::protect_identity(&text, passphrase).map_err(Error::new)?;
            write_secret(&path, protected.as_bytes(), 0o600)?;
            // Its public key beside it, so that it is known without the passphrase.
            write_secret(
                &encryption::public_key_file(&path),
                format!("{public}\n").as_bytes(),
                0o644,
            )?;
        } else {
            write_secret(&path, text.expose_secret().as_bytes(), 0o600)?;
        }
        created = true;
        vec![public]
    };
    if args.identity.is_some() && path != configured {
        remember_identity(ctx, &path)?;
    }
    // The recipients: this machine's keys added to those there are.
    let mut recipients = journal.settings.recipients.clone();
    let new: Vec<String> = public_keys
        .iter()
        .filter(|k| !recipients.iter().any(|r| encryption::same_key(r, k)))
        .cloned()
        .collect();
    recipients.extend(new.iter().cloned());
    if !new.is_empty() {
        let lock = ctx.lock(&journal)?;
        journal.set_recipients_only(&lock, &recipients, ctx.now)?;
    }
    let reopened = Journal::open(&journal.root)?;
    let plain = count_stored(&ctx.keyed(reopened));
    if args.json {
        return ctx.print_json(&json!({
            "identity": path,
            "created": created,
            "public_keys": public_keys,
            "recipients": recipients,
            "plain_private": plain.plain_private,
        }));
    }
    if created {
        ctx.status(&format!(
            "created this machine's identity at {} (readable only by you; keep a copy somewhere safe: without it, encrypted entries cannot be read)",
            path.display()
        ));
    } else {
        ctx.status(&format!("this machine's identity: {}", path.display()));
    }
    for key in &public_keys {
        ctx.print(&format!("{key}\n"))?;
    }
    if new.is_empty() {
        ctx.status("its public key is a recipient already: private entries are written encrypted");
    } else {
        ctx.status("added its public key to [encryption] recipients in mpl.toml: private entries are written encrypted from now on");
    }
    // A key made just now reads nothing encrypted before: no need to unlock it to know.
    if plain.encrypted > 0
        && !new.is_empty()
        && (created || !reads_them(&ctx.keyed(Journal::open(&journal.root)?)))
    {
        ctx.status(&format!(
            "hint: {} encrypted before {} not encrypted to this key yet: on a machine that reads {}, run `mpl sync`, `mpl encrypt add-recipient {}` and `mpl sync`; then `mpl sync` here",
            count(plain.encrypted, "entry", "entries"),
            if plain.encrypted == 1 { "is" } else { "are" },
            if plain.encrypted == 1 { "it" } else { "them" },
            crate::render::terminal::shell_arg(&public_keys[0])
        ));
    }
    if plain.plain_private > 0 {
        ctx.status(&format!(
            "hint: {} written before {} stored plain; `mpl encrypt all` encrypts {}",
            count(plain.plain_private, "private entry", "private entries"),
            if plain.plain_private == 1 {
                "is"
            } else {
                "are"
            },
            if plain.plain_private == 1 {
                "it"
            } else {
                "them"
            },
        ));
    }
    Ok(())
}

/// "1 entry", "2 entries".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A key kept inside the journal would be committed and synced with what it protects.
fn refuse_inside(journal: &Journal, path: &Path) -> Result<()> {
    if encryption::inside_journal(&journal.root, path) {
        return Err(Error::usage(format!(
            "{} is inside the journal: a key kept there would be committed and synced with what it protects",
            path.display()
        ))
        .hint("keep the identity outside the journal (the default is beside config.toml)"));
    }
    Ok(())
}

/// Asks for a new passphrase twice, on the terminal.
fn new_passphrase(ctx: &Ctx) -> Result<SecretString> {
    if !ctx.can_prompt() {
        return Err(Error::usage(
            "--passphrase asks for the passphrase on a terminal, and there is none",
        ));
    }
    let first = crate::prompt::hidden("New passphrase for the identity: ")
        .ok_or_else(|| Error::usage("no passphrase was typed; nothing was made"))?;
    let again = crate::prompt::hidden("The same again: ")
        .ok_or_else(|| Error::usage("no passphrase was typed; nothing was made"))?;
    if first != again {
        return Err(Error::usage("the two passphrases differ; nothing was made"));
    }
    Ok(SecretString::from(first))
}

/// Writes a new file readable only by its owner, never over one that exists.
fn write_secret(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(&e, "cannot create folder", dir))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(not(unix))]
    let _ = mode;
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    let mut file = options
        .open(path)
        .map_err(|e| Error::io(&e, "cannot create the identity", path))?;
    // The process's umask (077) would narrow a public key's mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&e, "cannot write the identity", path))
}

/// Records `identity = PATH` in config.toml, keeping what else it says.
fn remember_identity(ctx: &Ctx, path: &Path) -> Result<()> {
    let Some(config) = crate::config::config_path() else {
        return Err(
            Error::new("cannot find the config folder to record the identity")
                .hint(format!("set MPL_IDENTITY={}", path.display())),
        );
    };
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    let text = crate::store::fs::with_toml_string(&text, "identity", &path.to_string_lossy())
        .map_err(|m| Error::new(format!("{}: {m}", config.display())))?;
    if let Some(dir) = config.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(&e, "cannot create folder", dir))?;
    }
    crate::store::fs::write_atomic(&config, text.as_bytes(), true)?;
    ctx.status(&format!(
        "recorded identity = \"{}\" in {}",
        path.display(),
        config.display()
    ));
    Ok(())
}

/// Whether this machine reads the journal's encrypted entries (the first one found).
fn reads_them(journal: &Journal) -> bool {
    let (files, _) = journal.entry_files();
    files
        .iter()
        .find(|path| journal.read_stored(path).is_ok_and(|t| is_sealed(&t)))
        .is_none_or(|path| journal.read_text(path).is_ok())
}

/// How the entry files are stored.
#[derive(Default)]
struct Counts {
    encrypted: usize,
    plain_private: usize,
    unmerged: usize,
}

fn count_stored(journal: &Journal) -> Counts {
    let mut counts = Counts::default();
    let (files, _) = journal.entry_files();
    for path in files {
        let Ok(text) = journal.read_stored(&path) else {
            continue;
        };
        if is_sealed(&text) {
            counts.encrypted += 1;
            if encryption::Envelope::parse(&text).is_ok_and(|e| e.unmerged()) {
                counts.unmerged += 1;
            }
        } else if journal.encrypts() && journal.to_seal(&path, &text).is_some() {
            counts.plain_private += 1;
        }
    }
    counts
}

fn status(ctx: &Ctx, args: &StatusArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let path = ctx.identity.as_ref().map(|s| s.path.clone());
    let exists = path.as_ref().is_some_and(|p| p.exists());
    let inside = path
        .as_ref()
        .is_some_and(|p| encryption::inside_journal(&journal.root, p));
    let public_keys: Vec<String> = match &path {
        Some(p) if exists => visible_public_key(p)
            .map(|k| vec![k])
            .or_else(|| public_keys_of(p, None).ok())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let counts = count_stored(&journal);
    let recipients = &journal.settings.recipients;
    if args.json {
        return ctx.print_json(&json!({
            "identity": path,
            "identity_exists": exists,
            "identity_inside_journal": inside,
            "public_keys": public_keys,
            "recipients": recipients,
            "encrypted": counts.encrypted,
            "plain_private": counts.plain_private,
            "unmerged": counts.unmerged,
        }));
    }
    let mut out = String::new();
    match (&path, exists) {
        (Some(p), true) if inside => out.push_str(&format!(
            "identity: {} (inside the journal, which is sent to its remote: not used; move it out)\n",
            p.display()
        )),
        (Some(p), true) => out.push_str(&format!("identity: {}\n", p.display())),
        (Some(p), false) => out.push_str(&format!("identity: none (looked for {})\n", p.display())),
        (None, _) => out.push_str("identity: none\n"),
    }
    for key in &public_keys {
        let listed = recipients.iter().any(|r| encryption::same_key(r, key));
        out.push_str(&format!(
            "public key: {key}{}\n",
            if listed { "" } else { " (not a recipient)" }
        ));
    }
    if recipients.is_empty() && journal.stopped_encrypting() {
        out.push_str("recipients: none, removed (by hand, or on another machine): writing a private entry fails here until `mpl decrypt all` (to stop encrypting) or `mpl encrypt setup` (to go on)\n");
    } else if recipients.is_empty() {
        out.push_str("recipients: none: private entries are written plain\n");
    } else {
        out.push_str("recipients:\n");
        for r in recipients {
            out.push_str(&format!("  {}\n", crate::render::terminal::for_terminal(r)));
        }
    }
    out.push_str(&format!("encrypted entries: {}\n", counts.encrypted));
    if counts.plain_private > 0 {
        out.push_str(&format!(
            "private entries stored plain: {} (`mpl encrypt all` encrypts them)\n",
            counts.plain_private
        ));
    }
    if counts.unmerged > 0 {
        out.push_str(&format!(
            "waiting to be merged: {} (`mpl sync` on a machine with the key merges them)\n",
            counts.unmerged
        ));
    }
    ctx.print(&out)
}
