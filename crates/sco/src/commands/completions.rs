//! `sco completions SHELL` and `sco man`: the shell completion script and the manual page, both
//! generated from the clap definitions in `cli.rs`, so they cannot drift from the commands.

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Outcome;

/// Arguments of `sco completions`.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Install, for example: `sco completions bash > ~/.local/share/bash-completion/completions/sco`, `sco completions zsh > \"${fpath[1]}/_sco\"`, `sco completions fish > ~/.config/fish/completions/sco.fish`."
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script.
pub fn run(args: CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "sco", &mut script);
    crate::output::print(&String::from_utf8(script)?)?;
    Ok(Outcome::Success)
}

/// Prints the manual page.
pub fn man() -> Result<Outcome> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    crate::output::print(&String::from_utf8(page)?)?;
    Ok(Outcome::Success)
}
