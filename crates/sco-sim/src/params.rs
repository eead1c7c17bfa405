//! Model parameters: what a model accepts (its [`ParamSpec`]s) and a validated assignment
//! ([`ParamSet`]).
//!
//! Parameters arrive as text (`--set traits=10`, design-table cells) or as TOML values
//! (scenario files); both are checked against the spec here, so every model receives a
//! complete set of in-range values and can read them with typed getters.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::value::{Value, ValueType};

/// The allowed values of one parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamKind {
    /// Integer in `min..=max`.
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// Float in `min..=max`.
    Float {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// `true` or `false`.
    Bool,
    /// One of a fixed list of words.
    Choice(Vec<String>),
}

impl ParamKind {
    /// The value type this kind produces.
    pub fn value_type(&self) -> ValueType {
        match self {
            ParamKind::Int { .. } => ValueType::Int,
            ParamKind::Float { .. } => ValueType::Float,
            ParamKind::Bool => ValueType::Bool,
            ParamKind::Choice(_) => ValueType::Text,
        }
    }

    /// Human description of the allowed range, e.g. `an integer from 1 to 100`.
    pub fn describe(&self) -> String {
        match self {
            ParamKind::Int { min, max } => format!("an integer from {min} to {max}"),
            ParamKind::Float { min, max } => format!("a number from {min} to {max}"),
            ParamKind::Bool => "true or false".to_owned(),
            ParamKind::Choice(words) => format!("one of {}", words.join(", ")),
        }
    }
}

/// One parameter a model accepts: name, allowed values, default, meaning and source.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSpec {
    /// Parameter name (snake_case), as used in `--set name=value` and scenario files.
    pub name: String,
    /// Allowed values.
    pub kind: ParamKind,
    /// Value used when the scenario does not set it.
    pub default: Value,
    /// What the parameter means.
    pub doc: String,
    /// Where the default comes from (a publication) or `assumption`.
    pub source: String,
}

impl ParamSpec {
    /// Integer parameter.
    pub fn int(name: &str, min: i64, max: i64, default: i64, doc: &str, source: &str) -> Self {
        ParamSpec {
            name: name.to_owned(),
            kind: ParamKind::Int { min, max },
            default: Value::Int(default),
            doc: doc.to_owned(),
            source: source.to_owned(),
        }
    }

    /// Float parameter.
    pub fn float(name: &str, min: f64, max: f64, default: f64, doc: &str, source: &str) -> Self {
        ParamSpec {
            name: name.to_owned(),
            kind: ParamKind::Float { min, max },
            default: Value::Float(default),
            doc: doc.to_owned(),
            source: source.to_owned(),
        }
    }

    /// Boolean parameter.
    pub fn bool(name: &str, default: bool, doc: &str, source: &str) -> Self {
        ParamSpec {
            name: name.to_owned(),
            kind: ParamKind::Bool,
            default: Value::Bool(default),
            doc: doc.to_owned(),
            source: source.to_owned(),
        }
    }

    /// Parameter taking one of a list of words.
    pub fn choice(name: &str, words: &[&str], default: &str, doc: &str, source: &str) -> Self {
        ParamSpec {
            name: name.to_owned(),
            kind: ParamKind::Choice(words.iter().map(|w| (*w).to_owned()).collect()),
            default: Value::Text(default.to_owned()),
            doc: doc.to_owned(),
            source: source.to_owned(),
        }
    }

    /// Parses a value written as text (command line, CSV cell) and checks its range.
    pub fn parse_text(&self, text: &str) -> Result<Value, ParamError> {
        let text = text.trim();
        let value = match &self.kind {
            ParamKind::Int { .. } => text.parse::<i64>().map(Value::Int).ok(),
            ParamKind::Float { .. } => text.parse::<f64>().map(Value::Float).ok(),
            ParamKind::Bool => match text {
                "true" | "1" | "yes" => Some(Value::Bool(true)),
                "false" | "0" | "no" => Some(Value::Bool(false)),
                _ => None,
            },
            ParamKind::Choice(_) => Some(Value::Text(text.to_owned())),
        };
        let value = value.ok_or_else(|| self.bad_value(text))?;
        self.check(value)
    }

    /// Converts a TOML value and checks its range (integers are accepted for floats).
    pub fn from_toml(&self, value: &toml::Value) -> Result<Value, ParamError> {
        let converted = match (&self.kind, value) {
            (ParamKind::Int { .. }, toml::Value::Integer(v)) => Some(Value::Int(*v)),
            (ParamKind::Float { .. }, toml::Value::Float(v)) => Some(Value::Float(*v)),
            (ParamKind::Float { .. }, toml::Value::Integer(v)) => Some(Value::Float(*v as f64)),
            (ParamKind::Bool, toml::Value::Boolean(v)) => Some(Value::Bool(*v)),
            (ParamKind::Choice(_), toml::Value::String(v)) => Some(Value::Text(v.clone())),
            _ => None,
        };
        let converted = converted.ok_or_else(|| self.bad_value(&value.to_string()))?;
        self.check(converted)
    }

    /// Checks that a value has the right type and lies in range.
    pub fn check(&self, value: Value) -> Result<Value, ParamError> {
        let ok = match (&self.kind, &value) {
            (ParamKind::Int { min, max }, Value::Int(v)) => (*min..=*max).contains(v),
            (ParamKind::Float { min, max }, Value::Float(v)) => {
                v.is_finite() && *min <= *v && *v <= *max
            }
            (ParamKind::Bool, Value::Bool(_)) => true,
            (ParamKind::Choice(words), Value::Text(v)) => words.iter().any(|w| w == v),
            _ => false,
        };
        if ok {
            Ok(value)
        } else {
            Err(self.bad_value(&value.to_string()))
        }
    }

    fn bad_value(&self, shown: &str) -> ParamError {
        ParamError::BadValue {
            name: self.name.clone(),
            value: shown.to_owned(),
            expected: self.kind.describe(),
        }
    }
}

/// A parameter name or value that a model cannot accept.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamError {
    /// The model has no parameter of that name.
    #[error("unknown parameter `{name}` (known: {known})")]
    Unknown {
        /// The name given.
        name: String,
        /// The model's parameter names, comma-separated.
        known: String,
    },
    /// The value has the wrong type or is out of range.
    #[error("parameter `{name}`: `{value}` is not valid, expected {expected}")]
    BadValue {
        /// Parameter name.
        name: String,
        /// The value as given.
        value: String,
        /// What would have been accepted.
        expected: String,
    },
    /// A value was set twice.
    #[error("parameter `{name}` is set twice")]
    Duplicate {
        /// Parameter name.
        name: String,
    },
    /// A `--set` argument without `=`.
    #[error("`{text}` is not of the form name=value")]
    Syntax {
        /// The argument as given.
        text: String,
    },
    /// A combination of values the model rejects (e.g. more agents than cells).
    #[error("{0}")]
    Inconsistent(String),
}

/// Finds a spec by name, or reports the known names.
pub fn find_spec<'a>(specs: &'a [ParamSpec], name: &str) -> Result<&'a ParamSpec, ParamError> {
    specs
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| ParamError::Unknown {
            name: name.to_owned(),
            known: specs
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A complete, validated assignment of values to a model's parameters.
///
/// Serialized as a JSON object in spec order is not guaranteed; it is kept sorted by name so
/// that metadata files are stable.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct ParamSet {
    values: BTreeMap<String, Value>,
}

impl ParamSet {
    /// All defaults of a spec list.
    pub fn defaults(specs: &[ParamSpec]) -> Self {
        ParamSet {
            values: specs
                .iter()
                .map(|s| (s.name.clone(), s.default.clone()))
                .collect(),
        }
    }

    /// Sets one value after checking it against the spec list.
    pub fn set(&mut self, specs: &[ParamSpec], name: &str, value: Value) -> Result<(), ParamError> {
        let spec = find_spec(specs, name)?;
        let value = spec.check(value)?;
        self.values.insert(name.to_owned(), value);
        Ok(())
    }

    /// Sets a value without checking (for values read back from a validated plan).
    pub(crate) fn insert_unchecked(&mut self, name: &str, value: Value) {
        self.values.insert(name.to_owned(), value);
    }

    /// The value of a parameter, if set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Iterates over `(name, value)` sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// An integer parameter (errors if missing or not an integer).
    pub fn int(&self, name: &str) -> Result<i64, ParamError> {
        match self.values.get(name) {
            Some(Value::Int(v)) => Ok(*v),
            other => Err(self.missing(name, other, "an integer")),
        }
    }

    /// A float parameter (errors if missing or not a float).
    pub fn float(&self, name: &str) -> Result<f64, ParamError> {
        match self.values.get(name) {
            Some(Value::Float(v)) => Ok(*v),
            other => Err(self.missing(name, other, "a number")),
        }
    }

    /// A boolean parameter.
    pub fn bool(&self, name: &str) -> Result<bool, ParamError> {
        match self.values.get(name) {
            Some(Value::Bool(v)) => Ok(*v),
            other => Err(self.missing(name, other, "true or false")),
        }
    }

    /// A text (choice) parameter.
    pub fn text(&self, name: &str) -> Result<&str, ParamError> {
        match self.values.get(name) {
            Some(Value::Text(v)) => Ok(v),
            other => Err(self.missing(name, other, "a word")),
        }
    }

    fn missing(&self, name: &str, found: Option<&Value>, expected: &str) -> ParamError {
        ParamError::BadValue {
            name: name.to_owned(),
            value: found
                .map(|v| v.to_string())
                .unwrap_or_else(|| "(missing)".to_owned()),
            expected: expected.to_owned(),
        }
    }

    /// The set as a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.values
                .iter()
                .map(|(k, v)| (k.clone(), v.to_json()))
                .collect(),
        )
    }
}

/// Splits a `name=value` argument.
pub fn split_assignment(text: &str) -> Result<(&str, &str), ParamError> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim(), value.trim())),
        _ => Err(ParamError::Syntax {
            text: text.to_owned(),
        }),
    }
}

/// Parses `name=v1,v2,...` into a name and one or more checked values.
pub fn parse_assignment_list(
    specs: &[ParamSpec],
    text: &str,
) -> Result<(String, Vec<Value>), ParamError> {
    let (name, values) = split_assignment(text)?;
    let spec = find_spec(specs, name)?;
    let parsed = values
        .split(',')
        .map(|v| spec.parse_text(v))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((name.to_owned(), parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs() -> Vec<ParamSpec> {
        vec![
            ParamSpec::int("traits", 2, 100, 10, "traits per feature", "Axelrod 1997"),
            ParamSpec::float(
                "density",
                0.0,
                1.0,
                0.8,
                "share of occupied cells",
                "assumption",
            ),
        ]
    }

    #[test]
    fn parses_lists_and_rejects_out_of_range() {
        let (name, values) = parse_assignment_list(&specs(), "traits=5,10,15").unwrap();
        assert_eq!(name, "traits");
        assert_eq!(values, vec![Value::Int(5), Value::Int(10), Value::Int(15)]);
        let err = parse_assignment_list(&specs(), "traits=1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter `traits`: `1` is not valid, expected an integer from 2 to 100"
        );
        let err = parse_assignment_list(&specs(), "colour=1").unwrap_err();
        assert!(err.to_string().contains("known: traits, density"), "{err}");
        assert!(parse_assignment_list(&specs(), "density=abc").is_err());
    }

    #[test]
    fn toml_integers_are_accepted_for_floats_but_not_the_reverse() {
        let s = specs();
        assert_eq!(
            s[1].from_toml(&toml::Value::Integer(1)).unwrap(),
            Value::Float(1.0)
        );
        assert!(s[0].from_toml(&toml::Value::Float(1.5)).is_err());
    }
}
