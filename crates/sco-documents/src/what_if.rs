//! The decision lab's "what if": a shipped case run again after changing some members'
//! positions or saliences (`GET /api/cases/{id}/what-if?changes=...`).
//!
//! Why: a case file codes each state's position and salience from sources, and many codings
//! are marked as assumptions. Moving one and seeing whether the models' predictions and the
//! consensus verdict move with it shows how much a conclusion rests on that coding. The change
//! is applied to a copy of the case and checked as the case file's own reader checks it
//! (positions inside the dimension's scale, saliences in 0..=1, only where the state codes the
//! dimension); the run is the ordinary one (`sco_lab::analysis::run_case`).

use sco_lab::analysis::{CaseRun, Model};
use sco_lab::case::ScoCase;
use sco_lab::LabError;
use sco_ledger::History;
use serde::Serialize;
use thiserror::Error;

use crate::lab::choose_membership;

/// The most changes one request may make (more than any shipped case has codings).
pub const MAX_CHANGES: usize = 64;

/// Which coding of an actor a change sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coding {
    Position,
    Salience,
}

impl Coding {
    fn parse(text: &str) -> Option<Coding> {
        match text {
            "position" => Some(Coding::Position),
            "salience" => Some(Coding::Salience),
            _ => None,
        }
    }
}

/// One change asked for: `STATE:DIMENSION:position|salience:VALUE`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorChange {
    pub state: String,
    pub dimension: String,
    pub coding: Coding,
    pub value: f64,
}

/// A change as applied, with the value the case file codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedChange {
    pub state: String,
    pub dimension: String,
    pub coding: Coding,
    /// The case file's value.
    pub from: f64,
    /// The value the run used.
    pub to: f64,
}

/// Why a what-if run cannot be made.
#[derive(Debug, Error)]
pub enum WhatIfError {
    /// The changes are malformed or do not fit the case (the client's mistake).
    #[error("{0}")]
    Change(String),
    /// The membership choice or the run failed.
    #[error(transparent)]
    Lab(#[from] LabError),
}

/// Parses a comma-separated list of `STATE:DIMENSION:position|salience:VALUE`.
pub fn parse_changes(text: &str) -> Result<Vec<ActorChange>, WhatIfError> {
    let bad = |message: String| WhatIfError::Change(message);
    let mut changes: Vec<ActorChange> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if changes.len() == MAX_CHANGES {
            return Err(bad(format!("at most {MAX_CHANGES} changes at once")));
        }
        let parts: Vec<&str> = item.split(':').collect();
        let [state, dimension, coding, value] = parts[..] else {
            return Err(bad(format!(
                "`{item}` is not a change: expected STATE:DIMENSION:position|salience:VALUE (e.g. RUS:china_share:position:50)"
            )));
        };
        let coding = Coding::parse(coding).ok_or_else(|| {
            bad(format!(
                "`{item}`: `{coding}` is neither `position` nor `salience`"
            ))
        })?;
        let value: f64 = value
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| bad(format!("`{item}`: `{value}` is not a number")))?;
        let change = ActorChange {
            state: state.to_ascii_uppercase(),
            dimension: dimension.to_string(),
            coding,
            value,
        };
        if changes.iter().any(|c| {
            c.state == change.state && c.dimension == change.dimension && c.coding == coding
        }) {
            return Err(bad(format!("`{item}`: this coding is changed twice")));
        }
        changes.push(change);
    }
    Ok(changes)
}

/// A copy of `case` with `changes` applied, and what each change replaced.
pub fn apply(
    case: &ScoCase,
    changes: &[ActorChange],
) -> Result<(ScoCase, Vec<AppliedChange>), WhatIfError> {
    let mut changed = case.clone();
    let mut applied = Vec::new();
    for c in changes {
        let d = case.dimension_index(&c.dimension).ok_or_else(|| {
            let names: Vec<&str> = case.dimensions.iter().map(|d| d.name.as_str()).collect();
            WhatIfError::Change(format!(
                "case `{}` has no dimension `{}`: its dimensions are {}",
                case.id,
                c.dimension,
                names.join(", ")
            ))
        })?;
        let dimension = &case.dimensions[d];
        let actor = changed
            .actors
            .iter_mut()
            .find(|a| a.state == c.state)
            .ok_or_else(|| {
                WhatIfError::Change(format!("case `{}` codes no state `{}`", case.id, c.state))
            })?;
        let (lo, hi) = match c.coding {
            Coding::Position => (dimension.min, dimension.max),
            Coding::Salience => (0.0, 1.0),
        };
        if !(lo..=hi).contains(&c.value) {
            return Err(WhatIfError::Change(format!(
                "{} {} of {} on `{}`: {} is outside {lo}..={hi}",
                c.state,
                word(c.coding),
                case.id,
                c.dimension,
                c.value
            )));
        }
        let slot = match c.coding {
            Coding::Position => &mut actor.position[d],
            Coding::Salience => &mut actor.salience[d],
        };
        let Some(from) = *slot else {
            return Err(WhatIfError::Change(format!(
                "{} takes no position on `{}` in case `{}`: only coded dimensions can be changed",
                c.state, c.dimension, case.id
            )));
        };
        *slot = Some(c.value);
        applied.push(AppliedChange {
            state: c.state.clone(),
            dimension: c.dimension.clone(),
            coding: c.coding,
            from,
            to: c.value,
        });
    }
    Ok((changed, applied))
}

fn word(coding: Coding) -> &'static str {
    match coding {
        Coding::Position => "position",
        Coding::Salience => "salience",
    }
}

/// A case run with some codings changed: the changes, the changed coding and its run.
#[derive(Debug, Serialize)]
pub struct WhatIf {
    pub changes: Vec<AppliedChange>,
    pub coding: ScoCase,
    pub run: CaseRun,
}

/// Runs `models` on `case` with `changes` applied, membership chosen as in
/// [`crate::lab::run_case`].
pub fn what_if(
    history: &History,
    case: &ScoCase,
    membership: Option<&str>,
    changes: &[ActorChange],
    models: &[Model],
) -> Result<WhatIf, WhatIfError> {
    let (changed, applied) = apply(case, changes)?;
    let (members, label) = choose_membership(history, &changed, membership)?;
    let run = sco_lab::analysis::run_case(&changed, &members, &label, models)?;
    Ok(WhatIf {
        changes: applied,
        coding: changed,
        run,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> ScoCase {
        sco_lab::case::shipped("development-bank").expect("the shipped case")
    }

    fn history() -> History {
        sco_ledger::Ledger::embedded()
            .expect("the embedded ledger")
            .replay()
            .expect("a replay")
    }

    #[test]
    fn changes_are_parsed_and_bad_ones_named() {
        let changes = parse_changes("rus:china_share:position:50, CHN:institution:salience:0.2")
            .expect("two changes");
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].state, "RUS");
        assert_eq!(changes[1].coding, Coding::Salience);
        for (text, says) in [
            ("RUS:china_share:50", "not a change"),
            ("RUS:china_share:weight:50", "neither"),
            ("RUS:china_share:position:NaN", "not a number"),
            ("RUS:x:position:1,RUS:x:position:2", "twice"),
        ] {
            let error = parse_changes(text).unwrap_err().to_string();
            assert!(error.contains(says), "{text}: {error}");
        }
        let many = vec!["RUS:a:position:1"; MAX_CHANGES + 1].join(",");
        assert!(parse_changes(&many).is_err());
    }

    #[test]
    fn changes_outside_the_coding_are_refused() {
        let case = bank();
        for (text, says) in [
            ("RUS:china_share:position:101", "outside 0..=100"),
            ("RUS:china_share:salience:1.5", "outside 0..=1"),
            ("RUS:nothing:position:1", "no dimension"),
            ("USA:china_share:position:1", "no state"),
        ] {
            let changes = parse_changes(text).unwrap();
            let error = apply(&case, &changes).unwrap_err().to_string();
            assert!(error.contains(says), "{text}: {error}");
        }
    }

    #[test]
    fn russia_giving_way_changes_what_consensus_lets_pass() {
        let case = bank();
        let history = history();
        let models = [Model::Compromise];
        let base = what_if(&history, &case, None, &[], &models).unwrap();
        assert!(base.changes.is_empty());
        // Russia accepting China's terms on both dimensions leaves no one objecting to a bank
        // close to China's proposal, so the compromise moves towards it.
        let changes = parse_changes(
            "RUS:institution:position:100,RUS:china_share:position:80,RUS:china_share:salience:0.1",
        )
        .unwrap();
        let changed = what_if(&history, &case, None, &changes, &models).unwrap();
        assert_eq!(changed.changes.len(), 3);
        assert_eq!(changed.changes[0].to, 100.0);
        let before = &base.run.models[0].prediction;
        let after = &changed.run.models[0].prediction;
        assert!(
            after[0] > before[0] && after[1] > before[1],
            "{before:?} -> {after:?}"
        );
        assert!(changed.run.winset.share >= base.run.winset.share);
    }
}
