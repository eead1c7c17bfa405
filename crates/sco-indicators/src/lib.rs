//! The SCO's weight and cohesion in the world, computed from the real datasets for any
//! date and any membership.
//!
//! Why: writers quote the SCO's share of the world's population and output and disagree,
//! because they count different years, memberships and measures without saying which.
//! This crate makes each of those choices explicit and every figure reproducible. It does
//! no I/O: it takes tables through [`sco_data::Datasets`] and states as ISO3 lists
//! ([`Group`]); the SCO's membership on a date is supplied by the caller
//! ([`ScoMembership`], answered from the history ledger by the CLI).
//!
//! - [`weight`]: totals and shares of the world (population, GDP at current US$ and PPP,
//!   military expenditure, merchandise trade, land area, CINC).
//! - [`cohesion`]: regime type, UN voting alignment and the balance of capabilities.
//! - [`intra_trade`]: trade among the members (COW dyadic flows, to 2014).
//! - [`check_claims`]: the seeds' quantitative claims recomputed under every plausible
//!   definition, with a verdict each; [`report`] renders them as Markdown.

mod claims;
mod cohesion;
mod error;
mod group;
pub mod report;
mod stats;
mod trade;
mod weight;

pub use claims::{
    check_claims, claim_text, describe, fits, format_value, ClaimResult, Trial, Verdict,
};
pub use cohesion::{
    capability_balance, cohesion, regime_shares, CapabilityBalance, Cohesion, IndicatorSpread,
    RegimeShare, RegimeShares, YearRule,
};
pub use error::IndicatorError;
pub use group::{Group, GroupSpec, ScoMembership, ScoTier};
pub use stats::{summarise, Extreme, Summary};
pub use trade::{intra_trade, IntraTrade};
pub use weight::{
    latest_year, measure_figure, weight, world_total, MeasureFigure, MemberValue, MissingPolicy,
    SourceRef, Weight, WeightOptions, WorldTotal,
};

pub use sco_data::{FhStatus, Measure};
