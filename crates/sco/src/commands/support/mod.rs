//! Helpers the commands share, apart from the subcommands themselves: the indicator commands'
//! grouping flags and errors (`indicators`), their charts (`indicator_charts`) and the hindcast
//! report of the scenarios that write one (`scenario_report`).

/// The font every chart of the command line draws with (DejaVu Sans, `data/fonts/`), embedded
/// once for all of them.
pub const FONT: &[u8] = include_bytes!("../../../../../data/fonts/DejaVuSans.ttf");

pub mod indicator_charts;
pub mod indicators;
pub mod scenario_report;
