//! The command line: global flags and one subcommand. Each subcommand's arguments live
//! beside its code in `commands/`. Doc comments here are the `--help` text.

use crate::commands;
use crate::ui::style::ColorChoice;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Start with `mpl reflect` at the end of a working day: the first run creates your journal.

Dates (--date, --since, --until) take YYYY-MM-DD, today, yesterday, a weekday name (the most
recent one), Nd (N days ago) or Nw (N weeks ago).

Environment: MPL_JOURNAL (the journal folder), MPL_EDITOR, VISUAL, EDITOR, NO_COLOR, and
MPL_NOW (an RFC 3339 time used as \"now\", for scripts and demos).

Exit codes: 0 success, 1 the action failed, 2 usage error.";

/// A local-first learning journal for your professional development.
///
/// Set your own goals, reflect at the end of each working day, record what you learn and the
/// evidence of what you achieve, all as plain Markdown files in a git repository you own.
#[derive(Debug, Parser)]
#[command(name = "mpl", version, after_help = AFTER_HELP, arg_required_else_help = true)]
pub(crate) struct Cli {
    /// The journal folder [default: MPL_JOURNAL, then `journal` in config.toml, then the
    /// platform data folder, such as ~/.local/share/mpl/journal]
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,

    /// Print only results and errors, no confirmations
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Never prompt or open an editor; fail instead when input is missing
    #[arg(long, global = true)]
    pub no_input: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Init(commands::init::InitArgs),
    Reflect(commands::reflect::ReflectArgs),
    Learn(commands::learn::LearnArgs),
    Goal(commands::goal::GoalArgs),
    Evidence(commands::evidence::EvidenceArgs),
    Feedback(commands::feedback::FeedbackArgs),
    Challenge(commands::challenge::ChallengeArgs),
    Network(commands::network::NetworkArgs),
    Toolkit(commands::toolkit::ToolkitArgs),
    Profile(commands::profile::ProfileArgs),
    Share(commands::share::ShareArgs),
    Export(commands::export::ExportArgs),
    Verify(commands::verify::VerifyArgs),
    Import(commands::import::ImportArgs),
    Remote(commands::remote::RemoteArgs),
    Clone(commands::clone::CloneArgs),
    Sync(commands::sync::SyncArgs),
    Log(commands::log::LogArgs),
    Search(commands::search::SearchArgs),
    Stats(commands::stats::StatsArgs),
    Review(commands::review::ReviewArgs),
    Intentions(commands::intentions::IntentionsArgs),
    Cpd(commands::cpd::CpdCmdArgs),
    Competencies(commands::competencies::CompetenciesArgs),
    LookBack(commands::look_back::LookBackArgs),
    Recall(commands::recall::RecallArgs),
    Show(commands::show::ShowArgs),
    Edit(commands::edit::EditArgs),
    Nudge(commands::nudge::NudgeArgs),
    Doctor(commands::doctor::DoctorArgs),
    Encrypt(commands::encrypt::EncryptArgs),
    Decrypt(commands::encrypt::DecryptArgs),
    Completions(commands::completions::CompletionsArgs),
    Man(commands::man::ManArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
