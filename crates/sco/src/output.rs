//! Printing results: a table for people, JSON or CSV for machines.
//!
//! Every command builds its rows once as strings (for the table and CSV) and, for JSON, serializes its
//! typed values. Data goes to stdout; messages to stderr.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use sco_ledger::{Flag, FlagKind};
use serde::Serialize;

/// The `--json` / `--csv` / `--parquet` switches shared by commands that print data.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct FormatArgs {
    /// Print JSON instead of a table.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV instead of a table.
    #[arg(long)]
    pub csv: bool,
    /// Also write the CSV's rows to FILE as Parquet, with typed columns (integers, floats,
    /// booleans, dates, text; empty cells null) and the version in its metadata; written to a
    /// temporary file and renamed.
    #[arg(long, value_name = "FILE", value_parser = parquet_path)]
    pub parquet: Option<&'static Path>,
}

/// The `--parquet` path, kept for the rest of the process so that [`FormatArgs`] stays `Copy`
/// (one short path per run).
fn parquet_path(text: &str) -> std::result::Result<&'static Path, String> {
    if text.is_empty() {
        return Err("an empty path".to_string());
    }
    Ok(Box::leak(PathBuf::from(text).into_boxed_path()))
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
    /// The format asked for on standard output.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Table
        }
    }

    /// Whether rows are for a machine (CSV or Parquet): raw numbers and codes, not the
    /// table's rounding and words.
    pub fn machine_rows(&self) -> bool {
        self.csv || self.parquet.is_some()
    }

    /// Builds rows and writes them to the `--parquet` file, only when one was asked for (for
    /// commands whose CSV rows are built only when CSV is printed).
    pub fn write_parquet_of(&self, rows: impl FnOnce() -> Rows) -> Result<()> {
        match self.parquet {
            Some(_) => self.write_parquet(&rows()),
            None => Ok(()),
        }
    }

    /// Writes `rows` to the `--parquet` file, when one was asked for.
    pub fn write_parquet(&self, rows: &Rows) -> Result<()> {
        if let Some(path) = self.parquet {
            crate::tabular::write_rows(path, rows)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
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
    /// Columns whose cells are ISO3 codes of states: CSV and Parquet carry each state's COW
    /// and Gleditsch-Ward numbers beside them, for merging (the table for people does not).
    pub state_columns: Vec<String>,
}

impl Rows {
    /// Empty rows with these column names.
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
            state_columns: Vec::new(),
        }
    }

    /// Marks `column` as holding ISO3 codes of states (see [`Rows::state_columns`]).
    pub fn with_state_codes(mut self, column: &str) -> Self {
        self.state_columns.push(column.to_string());
        self
    }

    /// The headers and rows for machines: after each state column, its COW (`ccode`) and
    /// Gleditsch-Ward (`gwcode`) numbers, named `ccode`/`gwcode` beside `iso3` and
    /// `<column>_ccode`/`<column>_gwcode` beside another column (empty for a code with no
    /// number, or a cell that is not one state's code).
    ///
    /// Column names are snake_case for machines ("what it decides" becomes `what_it_decides`,
    /// a group named "SCO members" `sco_members`), so that every name is a valid identifier in
    /// pandas, polars, R and SQL.
    pub fn machine(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut headers = Vec::with_capacity(self.headers.len() + 2 * self.state_columns.len());
        let mut expand = Vec::new();
        for (index, header) in self.headers.iter().enumerate() {
            headers.push(snake_case(header));
            if self.state_columns.contains(header) {
                let (ccode, gwcode) = if header == "iso3" {
                    ("ccode".to_string(), "gwcode".to_string())
                } else {
                    (format!("{header}_ccode"), format!("{header}_gwcode"))
                };
                if !self.headers.contains(&ccode) {
                    headers.extend([ccode, gwcode]);
                    expand.push(index);
                }
            }
        }
        if expand.is_empty() {
            return (headers, self.rows.clone());
        }
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut out = Vec::with_capacity(headers.len());
                for (index, cell) in row.iter().enumerate() {
                    out.push(cell.clone());
                    if expand.contains(&index) {
                        let (ccode, gwcode) = sco_documents::organization::state_numbers(cell);
                        out.push(ccode.map_or_else(String::new, |c| c.to_string()));
                        out.push(gwcode.map_or_else(String::new, |c| c.to_string()));
                    }
                }
                out
            })
            .collect();
        (headers, rows)
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
        let (headers, rows) = self.machine();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&headers)?;
        for row in &rows {
            writer.write_record(row.iter().map(|cell| if cell == DASH { "" } else { cell }))?;
        }
        Ok(String::from_utf8(writer.into_inner()?)?)
    }
}

/// A column name as an identifier: lower case, each run of other characters one `_`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
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

/// Prints a value as pretty JSON, with the `provenance` member every JSON document carries
/// (an array goes under `items`; `sco_documents::provenance`).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    print(&sco_documents::provenance::attach(
        &serde_json::to_string_pretty(value)?,
        &crate::provenance::current(),
        sco_documents::provenance::Layout::Pretty,
    ))
}

/// Prints rows in the chosen format, or `json` for JSON; writes the rows to the `--parquet`
/// file first, when one was asked for.
pub fn emit<T: Serialize + ?Sized>(args: FormatArgs, rows: &Rows, json: &T) -> Result<()> {
    args.write_parquet(rows)?;
    match args.format() {
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
