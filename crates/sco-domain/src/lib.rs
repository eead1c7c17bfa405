//! The Shanghai Cooperation Organization as code.
//!
//! This crate is the SCO's domain model and nothing else: the states and their names, the statuses a
//! state can hold over time, the organs, the Charter's rules and the normative vocabulary (the
//! "Shanghai Spirit", the "three evils", the Charter's principles). It does no I/O, has no clock and no
//! async: every date and every fact about the world comes in as an argument, so the same inputs always
//! give the same answers. The history ledger (`sco-ledger`) feeds it events; the delivery crates print it.
//!
//! Rules live in [`rules`], one file per rule, each citing the article it encodes. A rule that answers
//! "no" returns a [`Verdict`] with its reasons; `Err` is reserved for input that makes no sense.

pub mod citation;
pub mod date;
pub mod error;
pub mod organization;
pub mod organs;
pub mod principles;
pub mod rules;
pub mod state;
pub mod status;
pub mod verdict;

pub use citation::Citation;
pub use date::PartialDate;
pub use error::DomainError;
pub use organization::{Organization, StatusChange};
pub use state::{russian_collation_key, Iso3, StateDirectory, StateInfo};
pub use status::{AccessionStage, Standing, Status};
pub use verdict::{Reason, Verdict};
