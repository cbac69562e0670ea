//! `mpl completions`: shell completion scripts.

use crate::cli::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;
use clap_complete::Shell;

/// Print a shell completion script
///
/// For example, for bash: `mpl completions bash > ~/.local/share/bash-completion/completions/mpl`;
/// for zsh, into a folder on your $fpath as `_mpl`; for fish:
/// `mpl completions fish > ~/.config/fish/completions/mpl.fish`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

pub(crate) fn run(args: &CompletionsArgs) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mpl", &mut out);
    use std::io::Write;
    std::io::stdout().write_all(&out).map_err(Error::stdout)
}
