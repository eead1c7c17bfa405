//! Tidy tables streamed to disk: one Parquet file and one CSV file per table, written
//! through temporary files and renamed into place when complete.
//!
//! Rows are buffered in typed column vectors and written out one Parquet row group at a time, so
//! a long run never holds its history in memory. The same rows also go to a CSV file for people
//! and spreadsheets. Run metadata (JSON) is stored in the Parquet key-value metadata under
//! [`METADATA_KEY`], so a Parquet file describes itself even when copied alone.
//!
//! The files are written with the `parquet` crate's own column writers rather than through Arrow:
//! the tables are flat (integers, floats, booleans and UTF-8 strings, none nullable), so Arrow's
//! arrays would only be a detour, and leaving the `arrow` feature out removes about two fifths of
//! what the `sco` binary compiles (docs/benchmarks.md). pandas, polars, R's arrow and DuckDB read
//! the files as they read any Parquet file.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::types::Type;

use crate::error::SimError;
use crate::value::{Column, Value, ValueType};

/// Key of the run or sweep metadata JSON in Parquet key-value metadata.
pub const METADATA_KEY: &str = "sco_sim.metadata";

/// Rows per Parquet row group: rows are buffered until a group is full (bounds the writer's
/// memory).
const ROW_GROUP_ROWS: usize = 65_536;

/// Something rows can be written to: a file pair on disk or a table in memory.
pub trait RowSink {
    /// Appends one row; its cells must match the sink's columns.
    fn push_row(&mut self, row: &[Value]) -> Result<(), SimError>;
}

/// A table held in memory (what the pure [`crate::run::run`] returns).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Table {
    /// Column descriptions.
    pub columns: Vec<Column>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// The index of a column by name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

impl RowSink for Table {
    fn push_row(&mut self, row: &[Value]) -> Result<(), SimError> {
        check_row(&self.columns, row, "in-memory table")?;
        self.rows.push(row.to_vec());
        Ok(())
    }
}

fn check_row(columns: &[Column], row: &[Value], label: &str) -> Result<(), SimError> {
    if row.len() != columns.len() {
        return Err(SimError::Schema {
            model: label.to_owned(),
            message: format!("{} values for {} columns", row.len(), columns.len()),
        });
    }
    for (column, value) in columns.iter().zip(row) {
        if column.value_type != value.value_type() {
            return Err(SimError::Schema {
                model: label.to_owned(),
                message: format!(
                    "column `{}` is {} but got {}",
                    column.name,
                    column.value_type,
                    value.value_type()
                ),
            });
        }
    }
    Ok(())
}

/// The Parquet schema of a column list: every column required (no nulls), text as UTF-8.
pub fn parquet_schema(columns: &[Column]) -> Result<Arc<Type>, ParquetError> {
    let fields = columns
        .iter()
        .map(|c| {
            let (physical, logical) = match c.value_type {
                ValueType::Int => (PhysicalType::INT64, None),
                ValueType::Float => (PhysicalType::DOUBLE, None),
                ValueType::Bool => (PhysicalType::BOOLEAN, None),
                ValueType::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
            };
            Type::primitive_type_builder(&c.name, physical)
                .with_repetition(Repetition::REQUIRED)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Arc::new(
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?,
    ))
}

/// One column's buffered values, typed as the column is.
enum Buffer {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Text(Vec<ByteArray>),
}

impl Buffer {
    fn new(value_type: ValueType) -> Self {
        match value_type {
            ValueType::Int => Buffer::Int(Vec::new()),
            ValueType::Float => Buffer::Float(Vec::new()),
            ValueType::Bool => Buffer::Bool(Vec::new()),
            ValueType::Text => Buffer::Text(Vec::new()),
        }
    }

    fn push(&mut self, value: &Value) {
        match (self, value) {
            (Buffer::Int(b), Value::Int(v)) => b.push(*v),
            (Buffer::Float(b), Value::Float(v)) => b.push(*v),
            (Buffer::Bool(b), Value::Bool(v)) => b.push(*v),
            (Buffer::Text(b), Value::Text(v)) => b.push(ByteArray::from(v.as_bytes().to_vec())),
            // Types are checked before pushing.
            _ => {}
        }
    }

    /// Writes the buffered values as one column chunk and empties the buffer.
    fn write_to(
        &mut self,
        column: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    ) -> Result<(), ParquetError> {
        match self {
            Buffer::Int(b) => {
                column.typed::<Int64Type>().write_batch(b, None, None)?;
                b.clear();
            }
            Buffer::Float(b) => {
                column.typed::<DoubleType>().write_batch(b, None, None)?;
                b.clear();
            }
            Buffer::Bool(b) => {
                column.typed::<BoolType>().write_batch(b, None, None)?;
                b.clear();
            }
            Buffer::Text(b) => {
                column.typed::<ByteArrayType>().write_batch(b, None, None)?;
                b.clear();
            }
        }
        Ok(())
    }
}

/// The temporary name a file is written under before it is renamed into place.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    path.with_file_name(format!(".{name}.tmp"))
}

/// Removes the temporary files (`.NAME.tmp`) a killed run left in `dir`: they are never read,
/// and a directory that has them was not finished cleanly.
pub(crate) fn remove_temp_files(dir: &Path) -> Result<(), SimError> {
    let entries = std::fs::read_dir(dir).map_err(|e| SimError::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| SimError::io(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            std::fs::remove_file(entry.path()).map_err(|e| SimError::io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// Writes bytes to `path` atomically (temporary file in the same directory, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SimError> {
    let temp = temp_path(path);
    let mut file = File::create(&temp).map_err(|e| SimError::io(&temp, e))?;
    file.write_all(bytes).map_err(|e| SimError::io(&temp, e))?;
    file.sync_all().map_err(|e| SimError::io(&temp, e))?;
    drop(file);
    std::fs::rename(&temp, path).map_err(|e| SimError::io(path, e))
}

/// Writer properties shared by every Parquet file of the engine.
fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_created_by(format!("sco-sim {}", env!("CARGO_PKG_VERSION")))
        .build()
}

/// Paths and size of a finished table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFiles {
    /// The Parquet file.
    pub parquet: PathBuf,
    /// The CSV file.
    pub csv: PathBuf,
    /// Number of data rows.
    pub rows: u64,
}

/// Streams rows of one table to `<stem>.parquet` and `<stem>.csv`.
pub struct TableWriter {
    label: String,
    columns: Vec<Column>,
    buffers: Vec<Buffer>,
    buffered: usize,
    rows: u64,
    parquet: Option<SerializedFileWriter<File>>,
    csv: Option<csv::Writer<BufWriter<File>>>,
    cell: String,
    parquet_path: PathBuf,
    csv_path: PathBuf,
}

impl TableWriter {
    /// Starts a table in `dir` named `stem`, labelled `label` in error messages.
    pub fn create(
        dir: &Path,
        stem: &str,
        label: &str,
        columns: Vec<Column>,
    ) -> Result<Self, SimError> {
        let parquet_path = dir.join(format!("{stem}.parquet"));
        let csv_path = dir.join(format!("{stem}.csv"));
        let schema = parquet_schema(&columns).map_err(|e| SimError::format(&parquet_path, e))?;
        let parquet_temp = temp_path(&parquet_path);
        let file = File::create(&parquet_temp).map_err(|e| SimError::io(&parquet_temp, e))?;
        let parquet = SerializedFileWriter::new(file, schema, Arc::new(writer_properties()))
            .map_err(|e| SimError::format(&parquet_path, e))?;
        let csv_temp = temp_path(&csv_path);
        let csv_file = File::create(&csv_temp).map_err(|e| SimError::io(&csv_temp, e))?;
        let mut csv = csv::Writer::from_writer(BufWriter::new(csv_file));
        csv.write_record(columns.iter().map(|c| c.name.as_str()))
            .map_err(|e| SimError::format(&csv_path, e))?;
        Ok(TableWriter {
            label: label.to_owned(),
            buffers: columns.iter().map(|c| Buffer::new(c.value_type)).collect(),
            columns,
            buffered: 0,
            rows: 0,
            parquet: Some(parquet),
            csv: Some(csv),
            cell: String::new(),
            parquet_path,
            csv_path,
        })
    }

    fn flush_batch(&mut self) -> Result<(), SimError> {
        if self.buffered == 0 {
            return Ok(());
        }
        if let Some(writer) = self.parquet.as_mut() {
            let path = &self.parquet_path;
            let mut group = writer
                .next_row_group()
                .map_err(|e| SimError::format(path, e))?;
            for buffer in &mut self.buffers {
                let mut column = group
                    .next_column()
                    .map_err(|e| SimError::format(path, e))?
                    .ok_or_else(|| SimError::format(path, "fewer columns than the schema"))?;
                buffer
                    .write_to(&mut column)
                    .map_err(|e| SimError::format(path, e))?;
                column.close().map_err(|e| SimError::format(path, e))?;
            }
            group.close().map_err(|e| SimError::format(path, e))?;
        }
        self.buffered = 0;
        Ok(())
    }

    fn write_csv_row(&mut self, row: &[Value]) -> Result<(), SimError> {
        let Some(csv) = self.csv.as_mut() else {
            return Ok(());
        };
        for value in row {
            self.cell.clear();
            // Writing to a String cannot fail.
            let _ = write!(self.cell, "{value}");
            csv.write_field(&self.cell)
                .map_err(|e| SimError::format(&self.csv_path, e))?;
        }
        csv.write_record(None::<&[u8]>)
            .map_err(|e| SimError::format(&self.csv_path, e))
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flushes, stores `metadata_json` in the Parquet key-value metadata, closes and
    /// renames both files into place.
    pub fn finish(mut self, metadata_json: &str) -> Result<TableFiles, SimError> {
        self.flush_batch()?;
        if let Some(mut writer) = self.parquet.take() {
            writer.append_key_value_metadata(KeyValue::new(
                METADATA_KEY.to_owned(),
                metadata_json.to_owned(),
            ));
            let file = writer
                .into_inner()
                .map_err(|e| SimError::format(&self.parquet_path, e))?;
            file.sync_all()
                .map_err(|e| SimError::io(&self.parquet_path, e))?;
        }
        if let Some(csv) = self.csv.take() {
            let buffered = csv
                .into_inner()
                .map_err(|e| SimError::format(&self.csv_path, e.to_string()))?;
            let file = buffered
                .into_inner()
                .map_err(|e| SimError::io(&self.csv_path, e.into_error()))?;
            file.sync_all()
                .map_err(|e| SimError::io(&self.csv_path, e))?;
        }
        for path in [&self.parquet_path, &self.csv_path] {
            std::fs::rename(temp_path(path), path).map_err(|e| SimError::io(path, e))?;
        }
        Ok(TableFiles {
            parquet: self.parquet_path.clone(),
            csv: self.csv_path.clone(),
            rows: self.rows,
        })
    }
}

impl RowSink for TableWriter {
    fn push_row(&mut self, row: &[Value]) -> Result<(), SimError> {
        check_row(&self.columns, row, &self.label)?;
        for (buffer, value) in self.buffers.iter_mut().zip(row) {
            buffer.push(value);
        }
        self.write_csv_row(row)?;
        self.buffered += 1;
        self.rows += 1;
        if self.buffered >= ROW_GROUP_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }
}

impl Drop for TableWriter {
    fn drop(&mut self) {
        // An unfinished table leaves no partial file behind.
        if self.parquet.is_some() || self.csv.is_some() {
            let _ = std::fs::remove_file(temp_path(&self.parquet_path));
            let _ = std::fs::remove_file(temp_path(&self.csv_path));
        }
    }
}

/// The value of one Parquet field, if it has the column's type.
fn value_of(field: &Field, value_type: ValueType) -> Option<Value> {
    Some(match (field, value_type) {
        (Field::Long(v), ValueType::Int) => Value::Int(*v),
        (Field::Double(v), ValueType::Float) => Value::Float(*v),
        (Field::Bool(v), ValueType::Bool) => Value::Bool(*v),
        (Field::Str(v), ValueType::Text) => Value::Text(v.clone()),
        _ => return None,
    })
}

/// Reads every row of a Parquet file written by this engine, checking that it has `columns` (in
/// order, with their types).
pub fn read_parquet(path: &Path, columns: &[Column]) -> Result<Vec<Vec<Value>>, SimError> {
    let file = File::open(path).map_err(|e| SimError::io(path, e))?;
    let reader = SerializedFileReader::new(file).map_err(|e| SimError::format(path, e))?;
    let found = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .num_columns();
    if found != columns.len() {
        return Err(SimError::format(
            path,
            format!("{found} columns, expected {}", columns.len()),
        ));
    }
    let mut rows = Vec::new();
    for row in reader
        .get_row_iter(None)
        .map_err(|e| SimError::format(path, e))?
    {
        let row = row.map_err(|e| SimError::format(path, e))?;
        let values = row
            .get_column_iter()
            .zip(columns)
            .map(|((_, field), column)| {
                value_of(field, column.value_type).ok_or_else(|| {
                    SimError::format(
                        path,
                        format!("column `{}` is not {}", column.name, column.value_type),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(values);
    }
    Ok(rows)
}

/// The metadata JSON stored in a Parquet file by this engine, if any.
pub fn read_parquet_metadata(path: &Path) -> Result<Option<String>, SimError> {
    let file = File::open(path).map_err(|e| SimError::io(path, e))?;
    let reader = SerializedFileReader::new(file).map_err(|e| SimError::format(path, e))?;
    Ok(reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| {
            kv.iter()
                .find(|k| k.key == METADATA_KEY)
                .and_then(|k| k.value.clone())
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_parquet_and_csv_that_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let columns = vec![
            Column::int("step", "step"),
            Column::float("x", "x"),
            Column::text("s", "s"),
            Column::bool("b", "b"),
        ];
        let mut writer = TableWriter::create(dir.path(), "t", "test", columns.clone()).unwrap();
        // More rows than a row group holds, so that two groups are written and read back.
        for i in 0..70_000 {
            writer
                .push_row(&[
                    Value::Int(i),
                    Value::Float(i as f64 / 4.0),
                    Value::Text(format!("a,{i}")),
                    Value::Bool(i % 2 == 0),
                ])
                .unwrap();
        }
        let bad = writer.push_row(&[Value::Int(1)]).unwrap_err();
        assert!(bad.to_string().contains("1 values for 4 columns"));
        let files = writer.finish("{\"k\":1}").unwrap();
        assert_eq!(files.rows, 70_000);
        let rows = read_parquet(&files.parquet, &columns).unwrap();
        assert_eq!(rows.len(), 70_000);
        assert_eq!(rows[3][1], Value::Float(0.75));
        assert_eq!(rows[69_999][2], Value::Text("a,69999".into()));
        assert_eq!(rows[2][3], Value::Bool(true));
        assert_eq!(
            read_parquet_metadata(&files.parquet).unwrap().as_deref(),
            Some("{\"k\":1}")
        );
        let csv = std::fs::read_to_string(&files.csv).unwrap();
        assert!(
            csv.starts_with("step,x,s,b\n0,0,\"a,0\",true\n1,0.25,\"a,1\",false\n"),
            "{}",
            &csv[..60]
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }
}
