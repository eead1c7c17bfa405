//! What the user-facing JSON documents of SCO Twin are, built once for every front end.
//!
//! Why a crate of its own: `sco ... --json` and the HTTP API (`sco-server`) promise the same
//! documents byte for byte. When each front end built them, the same logic lived twice and could
//! drift. Here each document is a serde-serializable struct and a plain function from the ledger,
//! its replay, the embedded datasets or the lab's cases (plus the request's parameters) to that
//! struct. Nothing here reads files, reads the clock (dates come in as arguments), prints, or
//! knows HTTP; the front ends parse their input, call these builders and print or serve the
//! result. Tables and CSV are worded by the CLI, from the same structs where they show the same
//! data.
//!
//! - [`organization`]: the organization from the ledger (overview, members, timeline, summits,
//!   officials, sources, membership counts year by year).
//! - [`panel`]: the state-year panel, dyad-years of joint membership and the comparison with the
//!   COW IGO data, for researchers who merge by state and year.
//! - [`weight`]: a grouping's weight in the world on a date and year by year.
//! - [`lab`]: the decision lab's SCO cases, a case run, the expansion analysis (a case or random
//!   agendas under each membership) and the winset of an anti-Western declaration.
//! - [`decide`]: the SMP's and the expected utility model's documents and switches.
//! - [`atlas`]: the states a map shows, with ISO numeric codes and names in English, Russian
//!   and Chinese.
//! - [`cohesion`]: a grouping's cohesion year by year, one compact row per year.
//! - [`what_if`]: a shipped case run again with some members' positions or saliences changed.
//! - [`switches`]: a model's open choices read through serde (`NAME=VALUE` switches, listings,
//!   combinations), for the CLI's `--switch` and the Python bindings' keyword switches.

pub mod atlas;
pub mod cohesion;
pub mod decide;
pub mod lab;
pub mod organization;
pub mod panel;
pub mod provenance;
pub mod request;
pub mod switches;
pub mod weight;
pub mod what_if;
