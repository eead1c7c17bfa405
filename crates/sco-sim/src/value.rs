//! Typed cells and column descriptions shared by parameters, model reports and output tables.
//!
//! Every table the engine writes (model-step, agent-step, sweep runs) is a list of typed
//! columns; models describe their columns once and fill rows with [`Value`]s, so the same
//! rows can go to Parquet, CSV or memory without the model knowing which.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The type of a column or parameter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// Signed 64-bit integer.
    Int,
    /// 64-bit float.
    Float,
    /// Boolean.
    Bool,
    /// UTF-8 text.
    Text,
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueType::Int => "integer",
            ValueType::Float => "float",
            ValueType::Bool => "boolean",
            ValueType::Text => "text",
        })
    }
}

/// One cell: a parameter value, a reported statistic or an output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// Integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// Text.
    Text(String),
}

impl Value {
    /// The type of this value.
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Int(_) => ValueType::Int,
            Value::Float(_) => ValueType::Float,
            Value::Bool(_) => ValueType::Bool,
            Value::Text(_) => ValueType::Text,
        }
    }

    /// The value as a number for statistics (booleans count as 0 or 1); `None` for text.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(*v as f64),
            Value::Float(v) => Some(*v),
            Value::Bool(v) => Some(if *v { 1.0 } else { 0.0 }),
            Value::Text(_) => None,
        }
    }

    /// The value as JSON (floats that are not finite become strings, as JSON has no NaN).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Int(v) => serde_json::Value::from(*v),
            Value::Float(v) if v.is_finite() => serde_json::Value::from(*v),
            Value::Float(v) => serde_json::Value::String(v.to_string()),
            Value::Bool(v) => serde_json::Value::Bool(*v),
            Value::Text(v) => serde_json::Value::String(v.clone()),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(v) => write!(f, "{v}"),
            Value::Float(v) => write!(f, "{v}"),
            Value::Bool(v) => write!(f, "{v}"),
            Value::Text(v) => f.write_str(v),
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

/// A named, typed column of an output table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Column name (snake_case).
    pub name: String,
    /// Cell type.
    #[serde(rename = "type")]
    pub value_type: ValueType,
    /// What the column measures, for the output schema docs.
    pub doc: String,
}

impl Column {
    /// A column with a name, a type and a one-line description.
    pub fn new(name: &str, value_type: ValueType, doc: &str) -> Self {
        Column {
            name: name.to_owned(),
            value_type,
            doc: doc.to_owned(),
        }
    }
    /// Integer column.
    pub fn int(name: &str, doc: &str) -> Self {
        Column::new(name, ValueType::Int, doc)
    }
    /// Float column.
    pub fn float(name: &str, doc: &str) -> Self {
        Column::new(name, ValueType::Float, doc)
    }
    /// Boolean column.
    pub fn bool(name: &str, doc: &str) -> Self {
        Column::new(name, ValueType::Bool, doc)
    }
    /// Text column.
    pub fn text(name: &str, doc: &str) -> Self {
        Column::new(name, ValueType::Text, doc)
    }
}
