//! A thin layer over the `csv` crate that finds columns by name and turns every bad
//! value into a [`DataError`] naming the file, the line and the column.

use std::collections::HashMap;

use crate::DataError;

/// A column located in the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Col {
    index: usize,
    name: &'static str,
}

/// A CSV file held in memory, with its header read.
pub(crate) struct CsvFile<'a> {
    name: &'a str,
    reader: csv::Reader<&'a [u8]>,
    header: HashMap<String, usize>,
}

impl<'a> CsvFile<'a> {
    pub(crate) fn open(name: &'a str, bytes: &'a [u8]) -> Result<Self, DataError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(bytes);
        let headers = reader
            .byte_headers()
            .map_err(|e| DataError::file(name, format!("cannot read the header: {e}")))?;
        let mut header = HashMap::new();
        for (index, field) in headers.iter().enumerate() {
            let field = std::str::from_utf8(field)
                .map_err(|_| DataError::row(name, 1, "the header is not UTF-8"))?;
            header.insert(field.trim_start_matches('\u{feff}').to_string(), index);
        }
        Ok(CsvFile {
            name,
            reader,
            header,
        })
    }

    pub(crate) fn col(&self, name: &'static str) -> Result<Col, DataError> {
        self.header
            .get(name)
            .map(|&index| Col { index, name })
            .ok_or_else(|| DataError::MissingColumn {
                file: self.name.to_string(),
                column: name.to_string(),
            })
    }

    /// Calls `f` on every data row, in order.
    pub(crate) fn for_each_row(
        mut self,
        mut f: impl FnMut(&Row<'_>) -> Result<(), DataError>,
    ) -> Result<(), DataError> {
        let name = self.name;
        let mut record = csv::ByteRecord::new();
        loop {
            let more = self.reader.read_byte_record(&mut record).map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                DataError::row(name, line, format!("malformed CSV row: {e}"))
            })?;
            if !more {
                return Ok(());
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            f(&Row {
                file: name,
                line,
                record: &record,
            })?;
        }
    }
}

/// One data row, with the helpers that parse its fields.
pub(crate) struct Row<'r> {
    file: &'r str,
    line: u64,
    record: &'r csv::ByteRecord,
}

impl Row<'_> {
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    pub(crate) fn error(&self, col: Col, message: impl Into<String>) -> DataError {
        DataError::Field {
            file: self.file.to_string(),
            line: self.line,
            field: col.name.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn row_error(&self, message: impl Into<String>) -> DataError {
        DataError::row(self.file, self.line, message)
    }

    /// The raw text of a field (possibly empty).
    pub(crate) fn text(&self, col: Col) -> Result<&str, DataError> {
        let bytes = self
            .record
            .get(col.index)
            .ok_or_else(|| self.error(col, "the field is absent"))?;
        std::str::from_utf8(bytes).map_err(|_| self.error(col, "the field is not UTF-8"))
    }

    /// A field that must not be empty.
    pub(crate) fn required(&self, col: Col) -> Result<&str, DataError> {
        let text = self.text(col)?.trim();
        if text.is_empty() {
            return Err(self.error(col, "the value is empty but is required"));
        }
        Ok(text)
    }

    /// A number, or `None` when the field is empty (the files' marker for "missing").
    pub(crate) fn number(&self, col: Col) -> Result<Option<f64>, DataError> {
        let text = self.text(col)?.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.error(col, format!("expected a number, found `{text}`"))),
        }
    }

    /// A year (an integer between 1800 and 2200).
    pub(crate) fn year(&self, col: Col) -> Result<i32, DataError> {
        let text = self.required(col)?;
        match text.parse::<i32>() {
            Ok(y) if (1800..=2200).contains(&y) => Ok(y),
            _ => Err(self.error(col, format!("expected a year, found `{text}`"))),
        }
    }

    /// An ISO3-like code (three upper-case ASCII letters), or `None` when empty.
    pub(crate) fn code(&self, col: Col) -> Result<Option<&str>, DataError> {
        let text = self.text(col)?.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Some(text))
        } else {
            Err(self.error(
                col,
                format!("expected a three-letter upper-case code, found `{text}`"),
            ))
        }
    }
}

/// Refuses a second row for the same (code, year).
#[derive(Default)]
pub(crate) struct DuplicateGuard {
    seen: HashMap<(String, i32), u64>,
}

impl DuplicateGuard {
    pub(crate) fn check(&mut self, row: &Row<'_>, code: &str, year: i32) -> Result<(), DataError> {
        if let Some(first) = self.seen.insert((code.to_string(), year), row.line()) {
            return Err(row.row_error(format!(
                "duplicate row for {code} {year} (first seen on line {first})"
            )));
        }
        Ok(())
    }
}
