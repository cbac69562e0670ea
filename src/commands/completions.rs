//! `mpl completions`: shell completion scripts.

use crate::cli::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;
use clap_complete::Shell;

/// Print a shell completion script
///
/// It completes commands and flags, and from the journal: goal ids, challenges, contacts,
/// tags and entry ids. For bash: `mpl completions bash > ~/.local/share/bash-completion/completions/mpl`;
/// for zsh: `mpl completions zsh > ~/.zfunc/_mpl` (a folder on your $fpath); for fish:
/// `mpl completions fish > ~/.config/fish/completions/mpl.fish`. Or load it in your shell's
/// startup file: `source <(COMPLETE=bash mpl)`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

pub(crate) fn run(args: &CompletionsArgs) -> Result<()> {
    let name = args.shell.to_string();
    let out = match crate::complete::registration(&name) {
        Some(script) => script,
        // A shell without dynamic completion gets the commands and flags alone.
        None => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "mpl", &mut out);
            out
        }
    };
    use std::io::Write;
    std::io::stdout().write_all(&out).map_err(Error::stdout)
}
