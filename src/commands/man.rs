//! `mpl man`: the manual pages.

use crate::cli::Cli;
use crate::error::{Error, IoResultExt, Result};
use clap::CommandFactory;
use std::path::PathBuf;

/// Print the manual page (roff), or write one page per command into a folder
///
/// For example: `mpl man > ~/.local/share/man/man1/mpl.1`, then `man mpl`; or
/// `mpl man --dir ~/.local/share/man/man1` for mpl.1, mpl-reflect.1 and the others.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// Write mpl.1 and a page per subcommand (mpl-reflect.1, …) into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub(crate) fn run(args: &ManArgs, quiet: bool) -> Result<()> {
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).at("cannot create folder", dir)?;
        clap_mangen::generate_to(Cli::command(), dir).at("cannot write manual pages to", dir)?;
        if !quiet {
            let pages = std::fs::read_dir(dir)
                .at("cannot read", dir)?
                .filter_map(|e| e.ok())
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.starts_with("mpl") && name.ends_with(".1")
                })
                .count();
            crate::app::write_stderr(&format!(
                "wrote {pages} manual pages to {} (mpl.1, mpl-reflect.1, …); `man mpl` finds them when the folder above is on MANPATH (~/.local/share/man usually is)\n",
                dir.display()
            ));
        }
        return Ok(());
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|err| Error::new(format!("cannot render the manual page: {err}")))?;
    use std::io::Write;
    std::io::stdout().write_all(&out).map_err(Error::stdout)
}
