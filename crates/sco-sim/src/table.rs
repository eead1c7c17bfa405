//! Tidy tables streamed to disk: one Parquet file and one CSV file per table, written
//! through temporary files and renamed into place when complete.
//!
//! Rows are buffered a few thousand at a time and written out as Arrow record batches, so a
//! long run never holds its history in memory. The same rows also go to a CSV file for
//! people and spreadsheets. Run metadata (JSON) is stored in the Parquet key-value metadata
//! under [`METADATA_KEY`], so a Parquet file describes itself even when copied alone.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::error::SimError;
use crate::value::{Column, Value, ValueType};

/// Key of the run or sweep metadata JSON in Parquet key-value metadata.
pub const METADATA_KEY: &str = "sco_sim.metadata";

/// Rows buffered before they are handed to the Parquet writer.
const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group (bounds the writer's memory).
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

/// The Arrow schema of a column list.
pub fn arrow_schema(columns: &[Column]) -> SchemaRef {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| {
                let data_type = match c.value_type {
                    ValueType::Int => DataType::Int64,
                    ValueType::Float => DataType::Float64,
                    ValueType::Bool => DataType::Boolean,
                    ValueType::Text => DataType::Utf8,
                };
                Field::new(&c.name, data_type, false)
            })
            .collect::<Vec<_>>(),
    ))
}

enum Buffer {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Text(Vec<String>),
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
            (Buffer::Text(b), Value::Text(v)) => b.push(v.clone()),
            // Types are checked before pushing.
            _ => {}
        }
    }

    fn take(&mut self) -> ArrayRef {
        match self {
            Buffer::Int(b) => Arc::new(Int64Array::from(std::mem::take(b))),
            Buffer::Float(b) => Arc::new(Float64Array::from(std::mem::take(b))),
            Buffer::Bool(b) => Arc::new(BooleanArray::from(std::mem::take(b))),
            Buffer::Text(b) => Arc::new(StringArray::from(std::mem::take(b))),
        }
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
    schema: SchemaRef,
    buffers: Vec<Buffer>,
    buffered: usize,
    rows: u64,
    parquet: Option<ArrowWriter<File>>,
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
        let schema = arrow_schema(&columns);
        let parquet_temp = temp_path(&parquet_path);
        let file = File::create(&parquet_temp).map_err(|e| SimError::io(&parquet_temp, e))?;
        let parquet = ArrowWriter::try_new(file, schema.clone(), Some(writer_properties()))
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
            schema,
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
        let arrays: Vec<ArrayRef> = self.buffers.iter_mut().map(Buffer::take).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| SimError::format(&self.parquet_path, e))?;
        if let Some(writer) = self.parquet.as_mut() {
            writer
                .write(&batch)
                .map_err(|e| SimError::format(&self.parquet_path, e))?;
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
        if self.buffered >= BATCH_ROWS {
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

/// The value of one cell of an Arrow array.
pub fn cell_of(array: &dyn Array, value_type: ValueType, index: usize) -> Option<Value> {
    let any = array.as_any();
    Some(match value_type {
        ValueType::Int => Value::Int(any.downcast_ref::<Int64Array>()?.value(index)),
        ValueType::Float => Value::Float(any.downcast_ref::<Float64Array>()?.value(index)),
        ValueType::Bool => Value::Bool(any.downcast_ref::<BooleanArray>()?.value(index)),
        ValueType::Text => Value::Text(any.downcast_ref::<StringArray>()?.value(index).to_owned()),
    })
}

/// Reads every record batch of a Parquet file.
pub fn read_parquet(path: &Path) -> Result<Vec<RecordBatch>, SimError> {
    let file = File::open(path).map_err(|e| SimError::io(path, e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| SimError::format(path, e))?
        .build()
        .map_err(|e| SimError::format(path, e))?;
    reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| SimError::format(path, e))
}

/// The metadata JSON stored in a Parquet file by this engine, if any.
pub fn read_parquet_metadata(path: &Path) -> Result<Option<String>, SimError> {
    let file = File::open(path).map_err(|e| SimError::io(path, e))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| SimError::format(path, e))?;
    Ok(builder
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
        let mut writer = TableWriter::create(dir.path(), "t", "test", columns).unwrap();
        for i in 0..10_000 {
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
        assert_eq!(files.rows, 10_000);
        let batches = read_parquet(&files.parquet).unwrap();
        let total: usize = batches.iter().map(|b| b.num_rows()).sum();
        assert_eq!(total, 10_000);
        assert_eq!(
            cell_of(batches[0].column(1).as_ref(), ValueType::Float, 3),
            Some(Value::Float(0.75))
        );
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
