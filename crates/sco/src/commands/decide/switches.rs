//! Open choices of a model on the command line: `--switch NAME=VALUE` sets one,
//! `--list-switches` shows them all with the preset's values.
//!
//! The switchboard itself (names, values, refusals) is [`sco_documents::switches`], shared with the
//! Python bindings; here its listing becomes a table and its refusals become input errors.

use sco_documents::switches::{SwitchError, SwitchInfo, Switchboard};

use crate::error::input_error;
use crate::output::Rows;

/// The listing as table rows (and the same as data for JSON).
pub fn rows(board: &Switchboard, preset_label: &str) -> (Rows, Vec<SwitchInfo>) {
    let switches = board.list();
    let mut rows = Rows::new(&["switch", preset_label, "values"]);
    for s in &switches {
        let values = match s.range {
            Some((low, high)) => format!("a number in {low}..={high}"),
            None => s.values.join(", "),
        };
        rows.push(vec![s.name.clone(), s.preset.clone(), values]);
    }
    (rows, switches)
}

/// A switch refused: bad input (exit 2), with the switchboard's message.
pub fn refused(error: SwitchError) -> anyhow::Error {
    input_error(error.to_string())
}
