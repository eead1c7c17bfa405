//! The request layer: one way to ask for a document, shared by the command line, the HTTP API
//! and Python.
//!
//! Why: when each front end parsed its own parameters, chose its own defaults and classified its
//! own errors, the three drifted apart (Python's `weight()` once used another data year than the
//! CLI and the API). Here a request is a list of `(name, value)` pairs, whatever the front end
//! (query string, keyword arguments, command-line flags); [`Query`] checks the names against those
//! the document knows and parses the values with errors that name the parameter; a
//! [`RequestError`] says whether the fault is the caller's ([`ErrorKind::BadInput`],
//! [`ErrorKind::NotFound`]) or ours ([`ErrorKind::Internal`]), and each front end maps the kind to
//! its own convention (exit codes 2 or 3, HTTP 400, 404 or 500, Python exceptions); and the
//! [`catalogue`] lists the documents built this way with their path, the CLI command they mirror
//! and their Python function, so that the router, `GET /api` and the Python package are made from
//! one list.

pub mod catalogue;
pub mod documents;

use chrono::NaiveDate;
use sco_ledger::{History, Ledger};

/// Whose fault a refused request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A parameter the document does not know, or a value it cannot use.
    BadInput,
    /// Something named that does not exist (a state, an article, a case).
    NotFound,
    /// A fault of the program or its embedded data, not of the request.
    Internal,
}

/// A refused request: its kind and a message that names the parameter and says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RequestError {
    pub kind: ErrorKind,
    pub message: String,
}

impl RequestError {
    /// The caller's mistake.
    pub fn bad_input(message: impl Into<String>) -> Self {
        RequestError {
            kind: ErrorKind::BadInput,
            message: message.into(),
        }
    }

    /// Something named does not exist.
    pub fn not_found(message: impl Into<String>) -> Self {
        RequestError {
            kind: ErrorKind::NotFound,
            message: message.into(),
        }
    }

    /// The same error as "not found" when it is bad input: for a parameter that names the
    /// document's subject (`/api/state?state=Atlantis` is a 404, a timeline filtered on it a 400).
    pub fn not_found_if_bad(mut self) -> Self {
        if self.kind == ErrorKind::BadInput {
            self.kind = ErrorKind::NotFound;
        }
        self
    }

    /// Our fault.
    pub fn internal(message: impl Into<String>) -> Self {
        RequestError {
            kind: ErrorKind::Internal,
            message: message.into(),
        }
    }
}

/// What every document may read: the ledger and its replay, "today" (front ends supply the
/// clock; nothing here reads it) and the front end's own bounds on costly requests.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub ledger: &'a Ledger,
    pub history: &'a History,
    pub today: NaiveDate,
    /// The most Monte Carlo draws a request may ask for (a public server allows fewer than the
    /// command line: `crate::lab::DRAWS` bounds both).
    pub max_draws: usize,
}

/// The parameters of one request, checked against the names its document knows. An empty value
/// counts as absent (an HTML form sends `?date=`).
#[derive(Debug, Clone, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Checks the names against `known` and refuses repeats, so that a typo (`dat=2017-06-09`)
    /// is never answered silently for today.
    pub fn parse(pairs: Vec<(String, String)>, known: &[&str]) -> Result<Query, RequestError> {
        let mut seen: Vec<&str> = Vec::new();
        for (name, _) in &pairs {
            if !known.contains(&name.as_str()) {
                return Err(RequestError::bad_input(if known.is_empty() {
                    format!("unknown parameter `{name}`: this document takes no parameters")
                } else {
                    format!(
                        "unknown parameter `{name}`: this document takes {}",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }));
            }
            if seen.contains(&name.as_str()) {
                return Err(RequestError::bad_input(format!(
                    "parameter `{name}` is given more than once"
                )));
            }
            seen.push(name);
        }
        Ok(Query { pairs })
    }

    /// The value of `name`, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A parameter read by `parse`; a value it refuses is bad input saying it is not `what`.
    pub fn parsed<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        what: &str,
    ) -> Result<Option<T>, RequestError> {
        self.get(name)
            .map(|text| {
                parse(text).ok_or_else(|| {
                    RequestError::bad_input(format!("parameter `{name}`: `{text}` is not {what}"))
                })
            })
            .transpose()
    }

    /// A date parameter: `YYYY-MM-DD` or `today`.
    pub fn date(&self, name: &str, today: NaiveDate) -> Result<Option<NaiveDate>, RequestError> {
        self.get(name)
            .map(|text| parse_date(name, text, today))
            .transpose()
    }

    /// A year parameter (a number between 1900 and 2100).
    pub fn year(&self, name: &str) -> Result<Option<i32>, RequestError> {
        self.get(name)
            .map(|text| parse_year(name, text))
            .transpose()
    }

    /// A boolean parameter: `true`/`false` (also `1`/`0`, `yes`/`no`); absent is false.
    pub fn flag(&self, name: &str) -> Result<bool, RequestError> {
        match self.get(name) {
            None => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(other) => Err(RequestError::bad_input(format!(
                "parameter `{name}`: `{other}` is not a boolean: expected true or false"
            ))),
        }
    }

    /// A state parameter: an ISO3 code or an English name the ledger's directory knows.
    pub fn state(
        &self,
        name: &str,
        ledger: &Ledger,
    ) -> Result<Option<sco_domain::Iso3>, RequestError> {
        self.get(name)
            .map(|text| resolve_state(ledger, name, text))
            .transpose()
    }
}

/// Parses `YYYY-MM-DD` or `today`, naming the parameter on failure.
pub fn parse_date(name: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, RequestError> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    sco_domain::date::parse_exact_date(text).map_err(|_| {
        RequestError::bad_input(format!(
            "parameter `{name}`: `{text}` is not a date: expected YYYY-MM-DD (e.g. 2017-06-09) or `today`"
        ))
    })
}

/// Parses a year between 1900 and 2100, naming the parameter on failure.
pub fn parse_year(name: &str, text: &str) -> Result<i32, RequestError> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| {
            RequestError::bad_input(format!(
                "parameter `{name}`: `{text}` is not a year: expected e.g. 2019"
            ))
        })
}

/// A state by ISO3 code or English name (any case); an unknown one is bad input naming the
/// parameter (a document about that state makes it "not found", [`RequestError::not_found_if`]).
pub fn resolve_state(
    ledger: &Ledger,
    name: &str,
    text: &str,
) -> Result<sco_domain::Iso3, RequestError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(RequestError::bad_input(format!(
            "parameter `{name}`: no state given: give an ISO 3166 alpha-3 code (e.g. IND) or an English name"
        )));
    }
    ledger.directory.find(text).map(|s| s.iso3).ok_or_else(|| {
        RequestError::bad_input(format!(
            "parameter `{name}`: unknown state `{text}`: give an ISO 3166 alpha-3 code (e.g. IND) or an English name"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn unknown_and_repeated_parameters_are_bad_input_and_name_themselves() {
        let e = Query::parse(pairs(&[("dat", "2017-06-09")]), &["date"]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadInput);
        assert!(
            e.message.contains("`dat`") && e.message.contains("`date`"),
            "{e}"
        );
        let e = Query::parse(pairs(&[("date", "a"), ("date", "b")]), &["date"]).unwrap_err();
        assert!(e.message.contains("more than once"), "{e}");
        let q = Query::parse(pairs(&[("date", " ")]), &["date"]).unwrap();
        assert_eq!(q.get("date"), None, "empty counts as absent");
    }

    #[test]
    fn values_are_parsed_with_the_parameter_named() {
        let today = NaiveDate::from_ymd_opt(2024, 7, 4).unwrap();
        let q = Query::parse(
            pairs(&[("date", "2023-02-30"), ("year", "12"), ("flag", "maybe")]),
            &["date", "year", "flag"],
        )
        .unwrap();
        assert!(q
            .date("date", today)
            .unwrap_err()
            .message
            .contains("`date`"));
        assert!(q.year("year").unwrap_err().message.contains("not a year"));
        assert!(q.flag("flag").unwrap_err().message.contains("boolean"));
        let q = Query::parse(pairs(&[("date", "today")]), &["date"]).unwrap();
        assert_eq!(q.date("date", today).unwrap(), Some(today));
    }

    #[test]
    fn states_resolve_by_code_or_name_and_unknown_ones_are_not_found() {
        let ledger = Ledger::embedded().unwrap();
        assert_eq!(
            resolve_state(&ledger, "state", "ind").unwrap().as_str(),
            "IND"
        );
        assert_eq!(
            resolve_state(&ledger, "state", "India").unwrap().as_str(),
            "IND"
        );
        let e = resolve_state(&ledger, "state", "XXX").unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadInput);
        assert_eq!(e.clone().not_found_if_bad().kind, ErrorKind::NotFound);
        assert!(e.message.contains("unknown state `XXX`"), "{e}");
    }
}
