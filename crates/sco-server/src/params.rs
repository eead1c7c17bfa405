//! Query parameters as the handlers read them, with errors that name the parameter.
//!
//! Every endpoint lists the parameters it knows; an unknown or repeated parameter is a 400, so
//! that a typo (`?dat=2017-06-09`) is not silently answered for today. An empty value
//! (`?date=`, as an HTML form sends it) counts as absent.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use chrono::NaiveDate;

use crate::ApiError;

/// The raw `(name, value)` pairs of a query string, as axum decodes them.
pub(crate) type RawQuery = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The parameters of one request, checked against the names its endpoint knows.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Checks the names against `known` and refuses repeats.
    pub(crate) fn parse(query: RawQuery, known: &[&str]) -> Result<Params, ApiError> {
        let Query(pairs) = query.map_err(|e| {
            ApiError::bad_request(format!(
                "the query string cannot be read: {}",
                e.body_text()
            ))
        })?;
        let mut seen: Vec<&str> = Vec::new();
        for (name, _) in &pairs {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad_request(if known.is_empty() {
                    format!("unknown parameter `{name}`: this endpoint takes no parameters")
                } else {
                    format!(
                        "unknown parameter `{name}`: this endpoint takes {}",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }));
            }
            if seen.contains(&name.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "parameter `{name}` is given more than once"
                )));
            }
            seen.push(name);
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, trimmed; `None` when absent or empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A parameter read by `parse`; a value `parse` refuses is a 400 saying it is not
    /// `what` (e.g. "a status: expected member, observer, …").
    pub(crate) fn parsed<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        what: &str,
    ) -> Result<Option<T>, ApiError> {
        self.get(name)
            .map(|text| {
                parse(text).ok_or_else(|| {
                    ApiError::bad_request(format!("parameter `{name}`: `{text}` is not {what}"))
                })
            })
            .transpose()
    }

    /// A date parameter: `YYYY-MM-DD` or `today`.
    pub(crate) fn date(&self, name: &str, today: NaiveDate) -> Result<Option<NaiveDate>, ApiError> {
        self.get(name)
            .map(|text| parse_date(name, text, today))
            .transpose()
    }

    /// A year parameter (a number between 1900 and 2100).
    pub(crate) fn year(&self, name: &str) -> Result<Option<i32>, ApiError> {
        self.get(name)
            .map(|text| parse_year(name, text))
            .transpose()
    }

    /// A boolean parameter: `true`/`false` (also `1`/`0`, `yes`/`no`).
    pub(crate) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(other) => Err(ApiError::bad_request(format!(
                "parameter `{name}`: `{other}` is not a boolean: expected true or false"
            ))),
        }
    }
}

/// Parses `YYYY-MM-DD` or `today`, naming the parameter on failure.
pub(crate) fn parse_date(name: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, ApiError> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    sco_domain::date::parse_exact_date(text).map_err(|_| {
        ApiError::bad_request(format!(
            "parameter `{name}`: `{text}` is not a date: expected YYYY-MM-DD (e.g. 2017-06-09) or `today`"
        ))
    })
}

/// Parses a year between 1900 and 2100, naming the parameter on failure.
pub(crate) fn parse_year(name: &str, text: &str) -> Result<i32, ApiError> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "parameter `{name}`: `{text}` is not a year: expected e.g. 2019"
            ))
        })
}
