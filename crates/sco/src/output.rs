//! Printing results: a table for people, JSON or CSV for machines.
//!
//! Every command builds its rows once as strings (for the table and CSV) and, for JSON, serializes its
//! typed values. Data goes to stdout; messages to stderr.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use sco_ledger::{Flag, FlagKind};
use serde::Serialize;

/// The `--json` / `--csv` switches shared by commands that print data.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct FormatArgs {
    /// Print JSON instead of a table.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV instead of a table.
    #[arg(long)]
    pub csv: bool,
}

/// The `--json` switch alone, for commands whose answer is a document rather than a table (an
/// overview, a verdict with reasons): they offer no `--csv` rather than ignore it.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct JsonArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

impl JsonArgs {
    /// The format asked for: JSON or the text for people.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            Format::Table
        }
    }
}

/// The chosen output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A human-readable table.
    Table,
    /// JSON.
    Json,
    /// CSV with a header row.
    Csv,
}

impl FormatArgs {
    /// The format asked for.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Table
        }
    }
}

/// The width tables wrap to when stdout is not a terminal.
const TABLE_WIDTH_WITHOUT_TERMINAL: u16 = 120;

/// Rows of strings with a header, for tables and CSV.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Column names.
    pub headers: Vec<String>,
    /// One vector per row, as long as `headers`.
    pub rows: Vec<Vec<String>>,
    /// Footnotes printed under the table (not in CSV, whose rows carry the same facts in columns).
    pub notes: Vec<String>,
}

impl Rows {
    /// Empty rows with these column names.
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Renders a table for a terminal.
    pub fn table(&self) -> String {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(&self.headers);
        if table.width().is_none() {
            // Not a terminal: wrap long cells at a width that reads well in a file or a pager.
            table.set_width(TABLE_WIDTH_WITHOUT_TERMINAL);
        }
        for row in &self.rows {
            table.add_row(row);
        }
        let mut text = table.to_string();
        for note in &self.notes {
            text.push('\n');
            text.push_str(note);
        }
        text
    }

    /// Renders CSV. A cell holding only the table's placeholder for nothing ([`DASH`], from
    /// [`or_dash`]) is written empty: CSV readers take an empty cell as missing, and would take
    /// the dash for a value.
    pub fn csv(&self) -> Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&self.headers)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(|cell| if cell == DASH { "" } else { cell }))?;
        }
        Ok(String::from_utf8(writer.into_inner()?)?)
    }
}

/// Writes text to stdout (a closed pipe surfaces as an error the caller treats as a normal end).
pub fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        stdout.write_all(b"\n")?;
    }
    stdout.flush()?;
    Ok(())
}

/// Prints a value as pretty JSON.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    print(&serde_json::to_string_pretty(value)?)
}

/// Prints rows in the chosen format, or `json` for JSON.
pub fn emit<T: Serialize + ?Sized>(format: Format, rows: &Rows, json: &T) -> Result<()> {
    match format {
        Format::Table => print(&rows.table()),
        Format::Csv => print(&rows.csv()?),
        Format::Json => print_json(json),
    }
}

/// The uncertainties flagged on the entries of a listing, gathered into footnotes: entries that share
/// a flag (same kind, same note) share its footnote.
#[derive(Debug, Default)]
pub struct Footnotes {
    entries: Vec<(FlagKind, String, Vec<String>)>,
}

impl Footnotes {
    /// Records `subject`'s flags and returns the cell that marks them: the flags' kinds, with the
    /// footnote numbers in the table (`inactive [1]`), and `""` when there are none.
    pub fn mark(&mut self, subject: &str, flags: &[Flag]) -> String {
        let mut cells = Vec::new();
        for flag in flags {
            let index = match self
                .entries
                .iter()
                .position(|(kind, note, _)| *kind == flag.kind && *note == flag.note)
            {
                Some(index) => index,
                None => {
                    self.entries
                        .push((flag.kind, flag.note.clone(), Vec::new()));
                    self.entries.len() - 1
                }
            };
            let subjects = &mut self.entries[index].2;
            if !subjects.iter().any(|s| s == subject) {
                subjects.push(subject.to_string());
            }
            cells.push(format!("{} [{}]", flag.kind.as_str(), index + 1));
        }
        cells.join("; ")
    }

    /// The footnotes, one line each, for [`Rows::notes`].
    pub fn lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, (kind, note, subjects))| {
                format!(
                    "[{}] {} ({}): {note}",
                    i + 1,
                    kind.label(),
                    subjects.join(", ")
                )
            })
            .collect()
    }
}

/// The cell of a `flags` column: marked with footnote numbers in a table, the bare kinds joined by
/// `;` in CSV (whose readers have the kinds' meaning in the JSON and the ledger's README).
pub fn flag_cell(
    footnotes: &mut Footnotes,
    format: Format,
    subject: &str,
    flags: &[Flag],
) -> String {
    match format {
        Format::Table => footnotes.mark(subject, flags),
        Format::Csv | Format::Json => flags
            .iter()
            .map(|f| f.kind.as_str())
            .collect::<Vec<_>>()
            .join(";"),
    }
}

/// What a table shows for a missing value; CSV writes an empty cell instead (see [`Rows::csv`]).
pub const DASH: &str = "—";

/// Joins optional text, using an em dash for nothing in tables (an empty cell in CSV).
pub fn or_dash(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_else(|| DASH.into())
}

/// The ids of the sources an entry cites, comma-separated, for a table cell.
pub fn source_ids(sources: &[sco_ledger::SourceRef]) -> String {
    sources
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_writes_an_empty_cell_where_the_table_shows_a_dash() {
        let mut rows = Rows::new(&["iso3", "stage", "note"]);
        rows.push(vec!["IRN".into(), or_dash(None::<&str>), "a — b".into()]);
        assert!(rows.table().contains('—'));
        assert_eq!(rows.csv().unwrap(), "iso3,stage,note\nIRN,,a — b\n");
    }
}
