//! The sourced history ledger of the SCO, and its replay to any date.
//!
//! The ledger is a set of human-editable TOML files (`data/ledger/` in the repository, documented in its
//! README): status changes, summits, officials and milestones, each entry naming its sources. This crate
//! parses them (every error says which file, which line and what is wrong), checks every reference
//! (states against the country directory, sources against `sources.toml`), and replays the status changes
//! through the Charter rules of `sco-domain` to give the state of the organization on any date. The
//! default ledger and country directory are embedded in the binary, so `Ledger::embedded()` works from
//! any directory; `Ledger::from_dir` reads an edited copy.

mod charter;
mod check;
mod countries;
mod error;
mod files;
mod history;
mod model;
mod parse;

pub use charter::{Article, CharterText, Concept, Regulation};
pub use check::{check_record, tenures, Finding, FindingKind};
pub use countries::parse_country_codes;
pub use error::{LedgerError, Location, Rejection};
pub use files::{LedgerFiles, LEDGER_FILE_NAMES, MAX_LEDGER_FILE_BYTES};
pub use history::{History, MembershipRow, Snapshot, TimelineEntry};
pub use model::{
    Disputed, Flag, FlagKind, Ledger, Milestone, MilestoneKind, NextChair, Official, Post, Source,
    SourceRef, StatusEvent, Summit, SummitBody, SummitFormat,
};
pub use sco_domain::Iso3;
