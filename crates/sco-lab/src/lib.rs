//! The SCO layer of the decision lab: what the generic decision models cannot know.
//!
//! `sco-decide` and `sco-smp` model any group of actors. This crate knows the SCO:
//!
//! - [`case`]: SCO case files (`cases/*.toml`): a decision the SCO faced, every position,
//!   salience and capability justified and sourced, and what actually happened;
//! - [`membership`]: who holds a veto on the case's date, from the history ledger, and the
//!   memberships the expansion analysis compares (Shanghai Five to the 2024 members and a
//!   counterfactual with candidates);
//! - [`capability`]: capabilities from real data (COW CINC or World Bank GDP);
//! - [`analysis`]: each model's prediction for a case next to what consensus under the
//!   Charter (Article 16) lets pass: the unanimity winset, the blocking member, the
//!   projection of the prediction onto what consensus allows, and reservations;
//! - [`expansion`]: how the winset and the probability of agreement change with membership,
//!   for each case and for random agendas;
//! - [`unga`]: the real winset of an "anti-Western declaration", with members' positions
//!   taken from their UN General Assembly voting.
//!
//! Functions take members as plain lists of ISO3 codes; only [`membership`] reads the
//! ledger. Results are plain data (serialisable) for the CLI to print or chart.

pub mod analysis;
pub mod capability;
pub mod case;
pub mod consensus;
pub mod error;
pub mod expansion;
pub mod membership;
pub mod unga;

pub use error::{CaseError, LabError};

/// The COW and Gleditsch-Ward numbers of a state, from the embedded code list (none for a code
/// it does not know): every document that names a state carries them beside its code.
pub(crate) fn state_numbers(iso3: &str) -> (Option<u16>, Option<u16>) {
    sco_data::embedded::countries()
        .ok()
        .and_then(|countries| countries.get(iso3))
        .map_or((None, None), |c| (c.cow_code, c.gw_code))
}
