//! The JSON documents the API serves, built from the library crates with no I/O.
//!
//! Each function here builds the same value the matching `sco ... --json` command prints (the
//! field names and order are the CLI's), from the ledger, its replay, the datasets and the lab.
//! They are plain functions of their arguments so that tests, and any other delivery, can call
//! them without HTTP.

pub mod lab;
pub mod organization;
pub mod weight;
