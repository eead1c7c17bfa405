//! Progress of long runs: an indicatif bar on stderr, hidden when stderr is not a terminal.
//!
//! The simulation engine reports progress through its `Progress` trait and knows nothing of terminals;
//! this is the one place where that progress becomes a bar.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sco_sim::Progress;

/// A bar counting runs, drawn on stderr only when it is a terminal.
pub struct RunsBar(ProgressBar);

impl RunsBar {
    /// A new bar (hidden when stderr is not a terminal, so piped and tested output stays clean).
    pub fn new() -> Self {
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} runs ({eta} left)",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        RunsBar(bar)
    }
}

impl Progress for RunsBar {
    fn start(&self, total: u64, done: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
        self.0.reset_eta();
    }
    fn advance(&self, runs: u64) {
        self.0.inc(runs);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
