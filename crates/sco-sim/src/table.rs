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
use parquet::column::reader::get_typed_column_reader;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
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

/// One column's values, typed as the column is: the buffer rows are recorded into, in memory
/// and on their way to Parquet, so that a recorded row costs a push per cell and no
/// allocation of its own (text cells excepted).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Integers.
    Int(Vec<i64>),
    /// Floats.
    Float(Vec<f64>),
    /// Booleans.
    Bool(Vec<bool>),
    /// Texts.
    Text(Vec<String>),
}

impl ColumnData {
    /// An empty column of this type.
    pub fn new(value_type: ValueType) -> Self {
        match value_type {
            ValueType::Int => ColumnData::Int(Vec::new()),
            ValueType::Float => ColumnData::Float(Vec::new()),
            ValueType::Bool => ColumnData::Bool(Vec::new()),
            ValueType::Text => ColumnData::Text(Vec::new()),
        }
    }

    /// The type of the values.
    pub fn value_type(&self) -> ValueType {
        match self {
            ColumnData::Int(_) => ValueType::Int,
            ColumnData::Float(_) => ValueType::Float,
            ColumnData::Bool(_) => ValueType::Bool,
            ColumnData::Text(_) => ValueType::Text,
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Int(v) => v.len(),
            ColumnData::Float(v) => v.len(),
            ColumnData::Bool(v) => v.len(),
            ColumnData::Text(v) => v.len(),
        }
    }

    /// True when the column holds no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value number `index` (panics when out of range, like slice indexing).
    pub fn get(&self, index: usize) -> Value {
        match self {
            ColumnData::Int(v) => Value::Int(v[index]),
            ColumnData::Float(v) => Value::Float(v[index]),
            ColumnData::Bool(v) => Value::Bool(v[index]),
            ColumnData::Text(v) => Value::Text(v[index].clone()),
        }
    }

    /// Value number `index` as a number (booleans as 0 or 1); `None` for text.
    pub fn f64_at(&self, index: usize) -> Option<f64> {
        match self {
            ColumnData::Int(v) => Some(v[index] as f64),
            ColumnData::Float(v) => Some(v[index]),
            ColumnData::Bool(v) => Some(if v[index] { 1.0 } else { 0.0 }),
            ColumnData::Text(_) => None,
        }
    }

    /// Appends a value of the column's type (types are checked by the caller).
    fn push(&mut self, value: &Value) {
        match (self, value) {
            (ColumnData::Int(b), Value::Int(v)) => b.push(*v),
            (ColumnData::Float(b), Value::Float(v)) => b.push(*v),
            (ColumnData::Bool(b), Value::Bool(v)) => b.push(*v),
            (ColumnData::Text(b), Value::Text(v)) => b.push(v.clone()),
            _ => {}
        }
    }

    /// Appends the values `range` of a column of the same type; false when the types differ.
    fn extend_from(&mut self, other: &ColumnData, range: std::ops::Range<usize>) -> bool {
        match (self, other) {
            (ColumnData::Int(a), ColumnData::Int(b)) => a.extend_from_slice(&b[range]),
            (ColumnData::Float(a), ColumnData::Float(b)) => a.extend_from_slice(&b[range]),
            (ColumnData::Bool(a), ColumnData::Bool(b)) => a.extend_from_slice(&b[range]),
            (ColumnData::Text(a), ColumnData::Text(b)) => a.extend_from_slice(&b[range]),
            _ => return false,
        }
        true
    }

    fn clear(&mut self) {
        match self {
            ColumnData::Int(v) => v.clear(),
            ColumnData::Float(v) => v.clear(),
            ColumnData::Bool(v) => v.clear(),
            ColumnData::Text(v) => v.clear(),
        }
    }

    /// Writes value `index` as [`Value`]'s `Display` does (the CSV cell), without allocating.
    fn write_cell(&self, index: usize, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = match self {
            ColumnData::Int(v) => write!(out, "{}", v[index]),
            ColumnData::Float(v) => write!(out, "{}", v[index]),
            ColumnData::Bool(v) => write!(out, "{}", v[index]),
            ColumnData::Text(v) => out.write_str(&v[index]),
        };
    }
}

/// A table held in memory as typed columns (what the pure [`crate::run::run`] returns, and
/// what a sweep chunk is built in).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column descriptions.
    pub columns: Vec<Column>,
    data: Vec<ColumnData>,
    len: usize,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            data: columns
                .iter()
                .map(|c| ColumnData::new(c.value_type))
                .collect(),
            columns,
            len: 0,
        }
    }

    /// The index of a column by name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The values of column number `index`.
    pub fn column(&self, index: usize) -> &ColumnData {
        &self.data[index]
    }

    /// The values of the column called `name`.
    pub fn column_by_name(&self, name: &str) -> Option<&ColumnData> {
        self.column_index(name).map(|i| &self.data[i])
    }

    /// The cell at `row`, `column` (panics when out of range).
    pub fn value(&self, row: usize, column: usize) -> Value {
        self.data[column].get(row)
    }

    /// Row number `index` as values (allocates: for tests and small tables).
    pub fn row(&self, index: usize) -> Vec<Value> {
        self.data.iter().map(|c| c.get(index)).collect()
    }

    /// Every row as values, in order (allocates per row: for tests and small tables).
    pub fn rows(&self) -> impl Iterator<Item = Vec<Value>> + '_ {
        (0..self.len).map(|i| self.row(i))
    }

    /// Appends every row of `other`, which must have the same column types.
    pub fn append(&mut self, other: &Table) -> Result<(), SimError> {
        self.append_range(other, 0..other.len)
    }

    /// Appends rows `range` of `other`, which must have the same column types.
    pub fn append_range(
        &mut self,
        other: &Table,
        range: std::ops::Range<usize>,
    ) -> Result<(), SimError> {
        if other.data.len() != self.data.len() {
            return Err(SimError::Schema {
                model: "in-memory table".to_owned(),
                message: format!(
                    "{} columns appended to a table of {}",
                    other.data.len(),
                    self.data.len()
                ),
            });
        }
        for (i, (mine, theirs)) in self.data.iter().zip(&other.data).enumerate() {
            if mine.value_type() != theirs.value_type() {
                return Err(SimError::Schema {
                    model: "in-memory table".to_owned(),
                    message: format!(
                        "column `{}` is {} but got {}",
                        self.columns[i].name,
                        mine.value_type(),
                        theirs.value_type()
                    ),
                });
            }
        }
        for (mine, theirs) in self.data.iter_mut().zip(&other.data) {
            mine.extend_from(theirs, range.clone());
        }
        self.len += range.len();
        Ok(())
    }

    /// Removes every row, keeping the columns and the buffers' capacity.
    pub fn clear(&mut self) {
        for column in &mut self.data {
            column.clear();
        }
        self.len = 0;
    }
}

impl serde::Serialize for Table {
    /// As `{"columns": [...], "rows": [[...], ...]}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let rows: Vec<Vec<Value>> = self.rows().collect();
        let mut table = serializer.serialize_struct("Table", 2)?;
        table.serialize_field("columns", &self.columns)?;
        table.serialize_field("rows", &rows)?;
        table.end()
    }
}

impl RowSink for Table {
    fn push_row(&mut self, row: &[Value]) -> Result<(), SimError> {
        check_row(&self.columns, row, "in-memory table")?;
        for (column, value) in self.data.iter_mut().zip(row) {
            column.push(value);
        }
        self.len += 1;
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

/// Writes a column's buffered values as one Parquet column chunk.
fn write_column(
    values: &ColumnData,
    range: std::ops::Range<usize>,
    column: &mut parquet::file::writer::SerializedColumnWriter<'_>,
) -> Result<(), ParquetError> {
    match values {
        ColumnData::Int(b) => {
            column
                .typed::<Int64Type>()
                .write_batch(&b[range], None, None)?;
        }
        ColumnData::Float(b) => {
            column
                .typed::<DoubleType>()
                .write_batch(&b[range], None, None)?;
        }
        ColumnData::Bool(b) => {
            column
                .typed::<BoolType>()
                .write_batch(&b[range], None, None)?;
        }
        ColumnData::Text(b) => {
            let bytes: Vec<ByteArray> = b[range]
                .iter()
                .map(|s| ByteArray::from(s.as_str()))
                .collect();
            column
                .typed::<ByteArrayType>()
                .write_batch(&bytes, None, None)?;
        }
    }
    Ok(())
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
    /// The CSV file, unless the table was written as Parquet only.
    pub csv: Option<PathBuf>,
    /// Number of data rows.
    pub rows: u64,
}

/// Streams rows of one table to `<stem>.parquet` and (unless asked not to) `<stem>.csv`.
pub struct TableWriter {
    label: String,
    buffer: Table,
    rows: u64,
    parquet: Option<SerializedFileWriter<File>>,
    csv: Option<csv::Writer<BufWriter<File>>>,
    cell: String,
    parquet_path: PathBuf,
    csv_path: Option<PathBuf>,
}

impl TableWriter {
    /// Starts a table in `dir` named `stem`, labelled `label` in error messages, written as
    /// Parquet and CSV.
    pub fn create(
        dir: &Path,
        stem: &str,
        label: &str,
        columns: Vec<Column>,
    ) -> Result<Self, SimError> {
        Self::start(dir, stem, label, columns, true)
    }

    /// Starts a table written as Parquet only and not flushed to the disk before its rename
    /// (the chunks of a sweep, which people read through the merged files). A chunk cut short
    /// by a power failure has no readable footer; a resumed sweep recomputes it. Waiting for
    /// the disk at every chunk cost more wall time than the runs of a small model.
    pub fn create_parquet(
        dir: &Path,
        stem: &str,
        label: &str,
        columns: Vec<Column>,
    ) -> Result<Self, SimError> {
        Self::start(dir, stem, label, columns, false)
    }

    fn start(
        dir: &Path,
        stem: &str,
        label: &str,
        columns: Vec<Column>,
        with_csv: bool,
    ) -> Result<Self, SimError> {
        let parquet_path = dir.join(format!("{stem}.parquet"));
        let schema = parquet_schema(&columns).map_err(|e| SimError::format(&parquet_path, e))?;
        let parquet_temp = temp_path(&parquet_path);
        let file = File::create(&parquet_temp).map_err(|e| SimError::io(&parquet_temp, e))?;
        let parquet = SerializedFileWriter::new(file, schema, Arc::new(writer_properties()))
            .map_err(|e| SimError::format(&parquet_path, e))?;
        let (csv, csv_path) = if with_csv {
            let csv_path = dir.join(format!("{stem}.csv"));
            let csv_temp = temp_path(&csv_path);
            let csv_file = File::create(&csv_temp).map_err(|e| SimError::io(&csv_temp, e))?;
            let mut csv = csv::Writer::from_writer(BufWriter::new(csv_file));
            csv.write_record(columns.iter().map(|c| c.name.as_str()))
                .map_err(|e| SimError::format(&csv_path, e))?;
            (Some(csv), Some(csv_path))
        } else {
            (None, None)
        };
        Ok(TableWriter {
            label: label.to_owned(),
            buffer: Table::new(columns),
            rows: 0,
            parquet: Some(parquet),
            csv,
            cell: String::new(),
            parquet_path,
            csv_path,
        })
    }

    fn flush_batch(&mut self) -> Result<(), SimError> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        if let Some(writer) = self.parquet.as_mut() {
            let path = &self.parquet_path;
            let mut group = writer
                .next_row_group()
                .map_err(|e| SimError::format(path, e))?;
            for values in &self.buffer.data {
                let mut column = group
                    .next_column()
                    .map_err(|e| SimError::format(path, e))?
                    .ok_or_else(|| SimError::format(path, "fewer columns than the schema"))?;
                write_column(values, 0..values.len(), &mut column)
                    .map_err(|e| SimError::format(path, e))?;
                column.close().map_err(|e| SimError::format(path, e))?;
            }
            group.close().map_err(|e| SimError::format(path, e))?;
        }
        self.buffer.clear();
        Ok(())
    }

    /// Writes rows `range` of `table` (already in the buffer's layout) as CSV lines.
    fn write_csv_rows(
        &mut self,
        table: &Table,
        range: std::ops::Range<usize>,
    ) -> Result<(), SimError> {
        let (Some(csv), Some(csv_path)) = (self.csv.as_mut(), self.csv_path.as_ref()) else {
            return Ok(());
        };
        for row in range {
            for values in &table.data {
                self.cell.clear();
                values.write_cell(row, &mut self.cell);
                csv.write_field(&self.cell)
                    .map_err(|e| SimError::format(csv_path, e))?;
            }
            csv.write_record(None::<&[u8]>)
                .map_err(|e| SimError::format(csv_path, e))?;
        }
        Ok(())
    }

    /// Appends every row of `table`, whose columns must have this writer's types: the way to
    /// write rows that are already in typed columns (a sweep chunk, a merged part).
    pub fn push_table(&mut self, table: &Table) -> Result<(), SimError> {
        let mut start = 0;
        while start < table.len() {
            let room = ROW_GROUP_ROWS - self.buffer.len();
            let end = (start + room).min(table.len());
            self.buffer
                .append_range(table, start..end)
                .map_err(|e| SimError::Schema {
                    model: self.label.clone(),
                    message: e.to_string(),
                })?;
            self.write_csv_rows(table, start..end)?;
            self.rows += (end - start) as u64;
            if self.buffer.len() >= ROW_GROUP_ROWS {
                self.flush_batch()?;
            }
            start = end;
        }
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flushes, stores `metadata_json` in the Parquet key-value metadata, closes and
    /// renames the files into place.
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
            // Tables with a CSV twin are the finished results: make them durable.
            if self.csv_path.is_some() {
                file.sync_all()
                    .map_err(|e| SimError::io(&self.parquet_path, e))?;
            }
        }
        if let (Some(csv), Some(csv_path)) = (self.csv.take(), self.csv_path.as_ref()) {
            let buffered = csv
                .into_inner()
                .map_err(|e| SimError::format(csv_path, e.to_string()))?;
            let file = buffered
                .into_inner()
                .map_err(|e| SimError::io(csv_path, e.into_error()))?;
            file.sync_all().map_err(|e| SimError::io(csv_path, e))?;
        }
        for path in std::iter::once(&self.parquet_path).chain(self.csv_path.as_ref()) {
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
        check_row(&self.buffer.columns, row, &self.label)?;
        if let (Some(csv), Some(csv_path)) = (self.csv.as_mut(), self.csv_path.as_ref()) {
            for value in row {
                self.cell.clear();
                // Writing to a String cannot fail.
                let _ = write!(self.cell, "{value}");
                csv.write_field(&self.cell)
                    .map_err(|e| SimError::format(csv_path, e))?;
            }
            csv.write_record(None::<&[u8]>)
                .map_err(|e| SimError::format(csv_path, e))?;
        }
        for (values, value) in self.buffer.data.iter_mut().zip(row) {
            values.push(value);
        }
        self.buffer.len += 1;
        self.rows += 1;
        if self.buffer.len() >= ROW_GROUP_ROWS {
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
            if let Some(csv_path) = &self.csv_path {
                let _ = std::fs::remove_file(temp_path(csv_path));
            }
        }
    }
}

/// Reads a Parquet file written by this engine into typed columns, checking that it has
/// `columns` (names and types, in order). Reads column chunk by column chunk, with no
/// per-row or per-cell allocation except for text.
pub fn read_parquet(path: &Path, columns: &[Column]) -> Result<Table, SimError> {
    let file = File::open(path).map_err(|e| SimError::io(path, e))?;
    let reader = SerializedFileReader::new(file).map_err(|e| SimError::format(path, e))?;
    let metadata = reader.metadata();
    let schema = metadata.file_metadata().schema_descr();
    if schema.num_columns() != columns.len() {
        return Err(SimError::format(
            path,
            format!(
                "{} columns, expected {}",
                schema.num_columns(),
                columns.len()
            ),
        ));
    }
    let expected = parquet_schema(columns).map_err(|e| SimError::format(path, e))?;
    for (i, (column, wanted)) in columns.iter().zip(expected.get_fields()).enumerate() {
        let found = schema.column(i);
        if found.name() != column.name || found.physical_type() != wanted.get_physical_type() {
            return Err(SimError::format(
                path,
                format!(
                    "column {} is `{}` ({}), expected `{}` ({})",
                    i + 1,
                    found.name(),
                    found.physical_type(),
                    column.name,
                    column.value_type
                ),
            ));
        }
    }
    let mut table = Table::new(columns.to_vec());
    for group in 0..reader.num_row_groups() {
        let rows = metadata.row_group(group).num_rows() as usize;
        let group_reader = reader
            .get_row_group(group)
            .map_err(|e| SimError::format(path, e))?;
        for (i, values) in table.data.iter_mut().enumerate() {
            let column = group_reader
                .get_column_reader(i)
                .map_err(|e| SimError::format(path, e))?;
            let read =
                match values {
                    ColumnData::Int(v) => get_typed_column_reader::<Int64Type>(column)
                        .read_records(rows, None, None, v),
                    ColumnData::Float(v) => get_typed_column_reader::<DoubleType>(column)
                        .read_records(rows, None, None, v),
                    ColumnData::Bool(v) => get_typed_column_reader::<BoolType>(column)
                        .read_records(rows, None, None, v),
                    ColumnData::Text(v) => {
                        let mut bytes: Vec<ByteArray> = Vec::with_capacity(rows);
                        let read = get_typed_column_reader::<ByteArrayType>(column)
                            .read_records(rows, None, None, &mut bytes);
                        for b in &bytes {
                            let text = b.as_utf8().map_err(|e| SimError::format(path, e))?;
                            v.push(text.to_owned());
                        }
                        read
                    }
                }
                .map_err(|e| SimError::format(path, e))?;
            if read.0 != rows {
                return Err(SimError::format(
                    path,
                    format!("row group {group}: {} of {rows} rows could be read", read.0),
                ));
            }
        }
        table.len += rows;
    }
    Ok(table)
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
        let table = read_parquet(&files.parquet, &columns).unwrap();
        assert_eq!(table.len(), 70_000);
        assert_eq!(table.value(3, 1), Value::Float(0.75));
        assert_eq!(table.value(69_999, 2), Value::Text("a,69999".into()));
        assert_eq!(table.value(2, 3), Value::Bool(true));
        assert!(read_parquet(&files.parquet, &columns[..3]).is_err());
        let mut renamed = columns.clone();
        renamed[1] = Column::float("y", "y");
        let err = read_parquet(&files.parquet, &renamed).unwrap_err();
        assert!(err.to_string().contains("column 2 is `x`"), "{err}");

        // The same rows as typed columns give the same bytes as row by row.
        let other = tempfile::tempdir().unwrap();
        let mut batch = TableWriter::create(other.path(), "t", "test", columns.clone()).unwrap();
        batch.push_table(&table).unwrap();
        let again = batch.finish("{\"k\":1}").unwrap();
        assert_eq!(again.rows, 70_000);
        for (a, b) in [
            (&files.parquet, &again.parquet),
            (files.csv.as_ref().unwrap(), again.csv.as_ref().unwrap()),
        ] {
            assert!(
                std::fs::read(a).unwrap() == std::fs::read(b).unwrap(),
                "{}",
                b.display()
            );
        }
        assert_eq!(
            read_parquet_metadata(&files.parquet).unwrap().as_deref(),
            Some("{\"k\":1}")
        );
        let csv = std::fs::read_to_string(files.csv.as_ref().unwrap()).unwrap();
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
