//! `mpl verify`: checks a signed portfolio, as anyone could with ssh-keygen and sha256sum.

use crate::app::Ctx;
use crate::error::{Error, Result};
use mpl_core::sign::{self, Signature};
use std::path::PathBuf;

/// Check a portfolio exported with --sign: every file as signed, and the signature
///
/// Reads FOLDER/SHA256SUMS, checks the SHA-256 of every file it lists, names any file
/// changed, missing or added, and checks the ssh signature over the sums with the key in
/// the folder's allowed_signers (or --signers). It says whose key signed: compare it with
/// one you know is theirs. Exits 1 when anything does not match.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    /// The exported portfolio's folder
    #[arg(value_name = "FOLDER", default_value = "portfolio")]
    pub folder: PathBuf,
    /// The signers to trust, as `ssh-keygen -Y verify -f` reads them [default: the folder's
    /// own allowed_signers]
    #[arg(long, value_name = "FILE")]
    pub signers: Option<PathBuf>,
}

pub(crate) fn run(ctx: &Ctx, args: &VerifyArgs) -> Result<()> {
    let found = sign::verify(&args.folder, args.signers.as_deref())?;
    let style = ctx.out_style;
    let mut out = String::new();
    for (what, files) in [
        ("changed", &found.changed),
        ("missing", &found.missing),
        ("added", &found.added),
    ] {
        for file in files {
            out.push_str(&format!("{} {file}\n", style.red(&format!("{what}:"))));
        }
    }
    let intact = found.changed.is_empty() && found.missing.is_empty() && found.added.is_empty();
    if intact {
        out.push_str(&format!(
            "{} all {} files are as listed in {}\n",
            style.green("ok:"),
            found.files,
            sign::SUMS
        ));
    }
    let trusted = match &args.signers {
        Some(file) => format!("from {}", file.display()),
        None => format!(
            "from the folder's own {}: it proves the files are as signed; compare the key with one you know is theirs",
            sign::SIGNERS
        ),
    };
    match &found.signature {
        Signature::Good {
            identity,
            fingerprint,
        } => out.push_str(&format!(
            "{} signed by {identity} with the key {fingerprint} ({trusted})\n",
            style.green("ok:")
        )),
        Signature::Bad(said) => out.push_str(&format!(
            "{} the signature does not verify: {said}\n",
            style.red("bad:")
        )),
        Signature::Unsigned => out.push_str(&format!(
            "{} there is no {}: sums anyone could have written prove nothing\n",
            style.red("bad:"),
            sign::SIGNATURE
        )),
    }
    ctx.print(&out)?;
    if found.intact() {
        Ok(())
    } else {
        Err(
            Error::new(format!("{} is not as it was signed", args.folder.display()))
                .hint("export and sign it again, or ask its author for the original"),
        )
    }
}
