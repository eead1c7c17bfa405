//! Who holds a veto: the SCO's members on a date, from the history ledger.
//!
//! Why: under consensus (Charter, Article 16) every member can block, so what can pass
//! depends on who the members are. The analysis functions of this crate take members as a
//! plain list of ISO3 codes; only [`members_on`] and [`resolve_all`] read the ledger. The
//! memberships compared by the expansion analysis are listed, with reasons, in
//! `crates/sco-lab/data/memberships.toml` (embedded).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{CaseError, LabError};

const MEMBERSHIPS_FILE: &str = "crates/sco-lab/data/memberships.toml";
const MEMBERSHIPS: &str = include_str!("../data/memberships.toml");

/// A membership to compare: a ledger date, possibly with states added (a counterfactual).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipSpec {
    pub id: String,
    pub label: String,
    pub date: NaiveDate,
    /// States added to the ledger's members (counterfactual).
    #[serde(default)]
    pub add: Vec<String>,
    pub why: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A membership with its members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    pub id: String,
    pub label: String,
    pub date: NaiveDate,
    /// Members, sorted by code (the ledger's members plus any added state).
    pub members: Vec<String>,
    /// The states added by the counterfactual.
    pub added: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MembershipFile {
    membership: Vec<MembershipSpec>,
}

/// The memberships the expansion analysis compares, in order.
pub fn specs() -> Result<Vec<MembershipSpec>, LabError> {
    let file: MembershipFile = toml::from_str(MEMBERSHIPS).map_err(|e| {
        CaseError::new(
            MEMBERSHIPS_FILE,
            None,
            None,
            format!("syntax: {}", e.message()),
        )
    })?;
    Ok(file.membership)
}

/// A membership from a spec and the ledger's members on its date.
pub fn resolve(spec: &MembershipSpec, ledger_members: &[String]) -> Membership {
    let mut members: Vec<String> = ledger_members.to_vec();
    let mut added = Vec::new();
    for state in &spec.add {
        if !members.contains(state) {
            members.push(state.clone());
            added.push(state.clone());
        }
    }
    members.sort();
    Membership {
        id: spec.id.clone(),
        label: spec.label.clone(),
        date: spec.date,
        members,
        added,
    }
}

/// The members on `date` according to the embedded history ledger, sorted by code.
pub fn members_on(date: NaiveDate) -> Result<Vec<String>, LabError> {
    let history = sco_ledger::Ledger::embedded()?.replay()?;
    Ok(members_in(&history, date))
}

/// The members on each of `dates`, from one replay of the embedded ledger.
pub fn members_on_dates(dates: &[NaiveDate]) -> Result<Vec<Vec<String>>, LabError> {
    let history = sco_ledger::Ledger::embedded()?.replay()?;
    Ok(dates.iter().map(|&d| members_in(&history, d)).collect())
}

/// The members on `date` in a replayed ledger (embedded or edited), sorted by code.
pub fn members_in(history: &sco_ledger::History, date: NaiveDate) -> Vec<String> {
    history
        .snapshot(date)
        .members()
        .iter()
        .map(|c| c.as_str().to_string())
        .collect()
}

/// Every membership of [`specs`], with members from the embedded ledger.
pub fn resolve_all() -> Result<Vec<Membership>, LabError> {
    let history = sco_ledger::Ledger::embedded()?.replay()?;
    resolve_all_in(&history)
}

/// Every membership of [`specs`], with members from a replayed ledger (embedded or edited).
pub fn resolve_all_in(history: &sco_ledger::History) -> Result<Vec<Membership>, LabError> {
    Ok(specs()?
        .iter()
        .map(|spec| resolve(spec, &members_in(history, spec.date)))
        .collect())
}

/// The membership with this id (or the ledger's members on a date given as YYYY-MM-DD).
pub fn find(
    history: &sco_ledger::History,
    all: &[Membership],
    id_or_date: &str,
) -> Result<Membership, LabError> {
    if let Some(m) = all.iter().find(|m| m.id == id_or_date) {
        return Ok(m.clone());
    }
    match NaiveDate::parse_from_str(id_or_date, "%Y-%m-%d") {
        Ok(date) => Ok(Membership {
            id: id_or_date.to_string(),
            label: format!("members on {date}"),
            date,
            members: members_in(history, date),
            added: Vec::new(),
        }),
        Err(_) => Err(LabError::Usage(format!(
            "`{id_or_date}` is neither a membership ({}) nor a date (YYYY-MM-DD)",
            all.iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
