//! Query parameters as the handlers read them, with errors that name the parameter.
//!
//! Every endpoint lists the parameters it knows; an unknown or repeated parameter is a 400, so
//! that a typo (`?dat=2017-06-09`) is not silently answered for today. An empty value
//! (`?date=`, as an HTML form sends it) counts as absent.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;

use crate::ApiError;

/// The raw `(name, value)` pairs of a query string, as axum decodes them.
pub(crate) type RawQuery = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The `(name, value)` pairs of a query string, for the request layer; an undecodable query
/// string is a 400.
pub(crate) fn pairs(query: RawQuery) -> Result<Vec<(String, String)>, ApiError> {
    let Query(pairs) = query.map_err(|e| {
        ApiError::bad_request(format!(
            "the query string cannot be read: {}",
            e.body_text()
        ))
    })?;
    Ok(pairs)
}

/// The parameters of one request, checked against the names its endpoint knows: the request
/// layer's [`Query`](sco_documents::request::Query), whose errors become 400s.
#[derive(Debug, Default)]
pub(crate) struct Params(sco_documents::request::Query);

impl std::ops::Deref for Params {
    type Target = sco_documents::request::Query;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Params {
    /// Checks the names against `known` and refuses repeats.
    pub(crate) fn parse(query: RawQuery, known: &[&str]) -> Result<Params, ApiError> {
        Ok(Params(sco_documents::request::Query::parse(
            pairs(query)?,
            known,
        )?))
    }
}
