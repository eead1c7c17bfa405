//! Typed Parquet files from the command line's tables.
//!
//! Why: researchers load results into pandas, polars, R or DuckDB, and a CSV loses the types
//! (a year read as text, a date as a string, a missing value as an empty string). Every data
//! command builds [`Rows`] of strings for its table and CSV; this module turns the same rows
//! into typed columns and writes them with the parquet crate's column writers (no Arrow, as in
//! `sco_sim::table`). A command with a richer schema of its own (the state-year panel) declares
//! its columns with [`Column`] directly.
//!
//! Types are read off the cells of each column, the same way for every command: a column whose
//! non-empty cells are all integers is `INT64`, all numbers `DOUBLE`, all `true`/`false`
//! `BOOLEAN`, all `YYYY-MM-DD` dates `DATE`, anything else UTF-8 text. Empty cells (and the
//! table's "—") are nulls, and every inferred column is optional, so a file's schema does not
//! depend on whether this run happened to have a missing value.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::types::Type;

use crate::output::{Rows, DASH};

/// One typed column, `None` for a null.
pub enum Column {
    /// 32-bit integers (years, state codes).
    Int32(Vec<Option<i32>>),
    /// 64-bit integers.
    Int64(Vec<Option<i64>>),
    /// 64-bit floats.
    Double(Vec<Option<f64>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
    /// Calendar dates (days since 1970-01-01, Parquet's `DATE`).
    Date(Vec<Option<i32>>),
    /// UTF-8 text.
    Text(Vec<Option<String>>),
}

/// A named column and whether it is declared optional (may hold nulls).
pub struct NamedColumn {
    pub name: String,
    pub values: Column,
    pub optional: bool,
}

impl NamedColumn {
    /// An optional column.
    pub fn optional(name: impl Into<String>, values: Column) -> Self {
        Self {
            name: name.into(),
            values,
            optional: true,
        }
    }

    /// A required column; it must hold no null.
    pub fn required(name: impl Into<String>, values: Column) -> Self {
        Self {
            name: name.into(),
            values,
            optional: false,
        }
    }

    fn field(&self) -> Result<Arc<Type>> {
        let (physical, logical) = match self.values {
            Column::Int32(_) => (PhysicalType::INT32, None),
            Column::Int64(_) => (PhysicalType::INT64, None),
            Column::Double(_) => (PhysicalType::DOUBLE, None),
            Column::Bool(_) => (PhysicalType::BOOLEAN, None),
            Column::Date(_) => (PhysicalType::INT32, Some(LogicalType::Date)),
            Column::Text(_) => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
        };
        let repetition = if self.optional {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        };
        Ok(Arc::new(
            Type::primitive_type_builder(&self.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()?,
        ))
    }

    /// Writes the values; an optional column gets definition levels (1 present, 0 null).
    fn write(&self, column: &mut SerializedColumnWriter<'_>) -> Result<()> {
        fn split<T: Clone>(values: &[Option<T>], optional: bool) -> Result<(Vec<T>, Vec<i16>)> {
            if !optional && values.iter().any(Option::is_none) {
                anyhow::bail!("a null in a required column");
            }
            let present = values.iter().flatten().cloned().collect();
            let levels = values.iter().map(|v| i16::from(v.is_some())).collect();
            Ok((present, levels))
        }
        let optional = self.optional;
        macro_rules! write {
            ($values:expr, $kind:ty) => {{
                let (present, levels) = split($values, optional)?;
                let levels = optional.then_some(levels.as_slice());
                column
                    .typed::<$kind>()
                    .write_batch(&present, levels, None)?;
            }};
        }
        match &self.values {
            Column::Int32(values) | Column::Date(values) => write!(values, Int32Type),
            Column::Int64(values) => write!(values, Int64Type),
            Column::Double(values) => write!(values, DoubleType),
            Column::Bool(values) => write!(values, BoolType),
            Column::Text(values) => {
                let bytes: Vec<Option<ByteArray>> = values
                    .iter()
                    .map(|v| v.as_ref().map(|t| ByteArray::from(t.as_bytes().to_vec())))
                    .collect();
                write!(&bytes, ByteArrayType)
            }
        }
        Ok(())
    }
}

/// Writes `columns` as one Parquet row group to `path` (a temporary file beside it, renamed
/// when complete; removed on failure), with `metadata` as key-value pairs beside the version
/// and digests every file carries (`sco_twin_version`, `sco_data_digest`, `sco_ledger_digest`).
pub fn write_columns(
    path: &Path,
    columns: &[NamedColumn],
    metadata: &[(&str, String)],
) -> Result<()> {
    let fields = columns
        .iter()
        .map(NamedColumn::field)
        .collect::<Result<Vec<_>>>()?;
    let schema = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?,
    );
    let temp = sco_sim::table::temp_path(path);
    let result = (|| -> Result<()> {
        let file = File::create(&temp)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("sco {}", env!("CARGO_PKG_VERSION")))
            .build();
        let mut writer = SerializedFileWriter::new(file, schema, Arc::new(properties))?;
        let mut group = writer.next_row_group()?;
        for named in columns {
            let mut column = group
                .next_column()?
                .context("the Parquet schema has fewer columns than the table")?;
            named
                .write(&mut column)
                .with_context(|| format!("column `{}`", named.name))?;
            column.close()?;
        }
        group.close()?;
        for (key, value) in crate::provenance::metadata().iter().chain(metadata) {
            writer.append_key_value_metadata(KeyValue::new(key.to_string(), value.clone()));
        }
        let file = writer.into_inner()?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Writes a command's rows (with the state-code columns its CSV has) as typed Parquet; the
/// command line that made them is stored under the key `sco_command`.
pub fn write_rows(path: &Path, rows: &Rows) -> Result<()> {
    let (headers, cells) = rows.machine();
    let columns: Vec<NamedColumn> = headers
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let column: Vec<&str> = cells
                .iter()
                .map(|row| row.get(index).map_or("", String::as_str))
                .collect();
            NamedColumn::optional(name.clone(), infer(&column))
        })
        .collect();
    let command: Vec<String> = std::env::args().skip(1).collect();
    write_columns(path, &columns, &[("sco_command", command.join(" "))])
}

/// A cell that stands for nothing.
fn is_null(cell: &str) -> bool {
    cell.is_empty() || cell == DASH
}

/// An integer as a person or a CSV writes it: optional minus sign, digits, no leading zero
/// (so codes such as "004" stay text).
fn integer(cell: &str) -> Option<i64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if plain {
        cell.parse().ok()
    } else {
        None
    }
}

/// A finite number in plain decimal or exponent notation (not "inf", "NaN", "1,000" or a code
/// with a leading zero).
fn number(cell: &str) -> Option<f64> {
    let plain = cell
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && cell.bytes().any(|b| b.is_ascii_digit());
    let unsigned = cell.trim_start_matches(['-', '+']);
    let leading_zero =
        unsigned.len() > 1 && unsigned.starts_with('0') && unsigned.as_bytes()[1].is_ascii_digit();
    if !plain || leading_zero {
        return None;
    }
    cell.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn date(cell: &str) -> Option<i32> {
    if cell.len() != 10 {
        return None;
    }
    let day = NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok()?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((day - epoch).num_days()).ok()
}

/// The column's type read off its non-null cells (see the module documentation).
pub fn infer(cells: &[&str]) -> Column {
    let present = || cells.iter().filter(|c| !is_null(c));
    let convert = |f: &dyn Fn(&str) -> Option<i64>| -> Option<Vec<Option<i64>>> {
        cells
            .iter()
            .map(|c| {
                if is_null(c) {
                    Some(None)
                } else {
                    f(c).map(Some)
                }
            })
            .collect()
    };
    let any = present().next().is_some();
    if any {
        if let Some(values) = convert(&integer) {
            return Column::Int64(values);
        }
        if present().all(|c| number(c).is_some()) {
            return Column::Double(cells.iter().map(|c| number(c)).collect());
        }
        if present().all(|c| *c == "true" || *c == "false") {
            return Column::Bool(
                cells
                    .iter()
                    .map(|c| (!is_null(c)).then_some(*c == "true"))
                    .collect(),
            );
        }
        if present().all(|c| date(c).is_some()) {
            return Column::Date(cells.iter().map(|c| date(c)).collect());
        }
    }
    Column::Text(
        cells
            .iter()
            .map(|c| (!is_null(c)).then(|| c.to_string()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_read_off_the_cells() {
        assert!(
            matches!(infer(&["2001", "", "-3"]), Column::Int64(v) if v == [Some(2001), None, Some(-3)])
        );
        assert!(
            matches!(infer(&["0.5", "1", "2e-3"]), Column::Double(v) if v == [Some(0.5), Some(1.0), Some(0.002)])
        );
        assert!(
            matches!(infer(&["true", "—", "false"]), Column::Bool(v) if v == [Some(true), None, Some(false)])
        );
        assert!(matches!(infer(&["2001-06-15", ""]), Column::Date(v) if v == [Some(11488), None]));
        // Codes with leading zeros, partial dates, formatted numbers and "NaN" stay text.
        for cells in [
            ["004", "156"],
            ["2006-12", "2004-01-15"],
            ["1,000", "2"],
            ["NaN", "1"],
        ] {
            assert!(matches!(infer(&cells), Column::Text(_)), "{cells:?}");
        }
        assert!(matches!(infer(&["", ""]), Column::Text(v) if v == [None, None]));
    }
}
