//! Errors of the indicator computations: bad grouping specifications, unknown codes,
//! membership that cannot be resolved, and data files that fail to load.

use sco_data::DataError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IndicatorError {
    #[error(transparent)]
    Data(#[from] DataError),
    /// A grouping specification that does not parse.
    #[error("grouping `{spec}`: {message}")]
    BadSpec { spec: String, message: String },
    /// A grouping name that no data file defines.
    #[error("unknown grouping `{0}` (see `data/groupings/organizations.toml`)")]
    UnknownGrouping(String),
    /// A country code that no dataset knows.
    #[error("unknown country code `{0}`")]
    UnknownCode(String),
    /// The SCO membership could not be had (the ledger failed or is absent).
    #[error("SCO membership: {0}")]
    Membership(String),
}
