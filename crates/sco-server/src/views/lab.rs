//! The decision lab's SCO cases: the list (`sco decide cases --json`) and one case run with every
//! model beside what consensus lets pass (`sco decide case ID --json`).

use sco_lab::analysis::{self, CaseRun, Model};
use sco_lab::case::ScoCase;
use sco_lab::membership::{self, Membership};
use sco_lab::LabError;
use sco_ledger::History;
use serde::Serialize;

/// A shipped case in the list.
#[derive(Debug, Clone, Serialize)]
pub struct CaseListing {
    pub id: String,
    pub name: String,
    pub date: String,
    pub dimensions: Vec<String>,
    /// How many states the case codes.
    pub actors: usize,
    pub question: String,
}

/// The list of cases, as `sco decide cases --json` prints it.
pub fn case_listing(cases: &[ScoCase]) -> Vec<CaseListing> {
    cases
        .iter()
        .map(|c| CaseListing {
            id: c.id.clone(),
            name: c.name.clone(),
            date: c.date.to_string(),
            dimensions: c.dimensions.iter().map(|d| d.name.clone()).collect(),
            actors: c.actors.len(),
            question: c.question.clone(),
        })
        .collect()
}

/// A case's coding and its run, as `sco decide case ID --json` prints them.
#[derive(Debug, Serialize)]
pub struct CaseJson<'a> {
    pub coding: &'a ScoCase,
    pub run: CaseRun,
}

/// Parses the `model` choice of `sco decide case` (`compromise`, `nash`, `eum`, `smp`, `all`).
pub fn parse_models(text: &str) -> Option<Vec<Model>> {
    if text == "all" {
        Some(Model::ALL.to_vec())
    } else {
        Model::parse(text).map(|m| vec![m])
    }
}

/// The membership a run uses: the members on the case's date (default), a membership id of
/// `sco decide expansion` (e.g. `sco-2001`) or the members on a date (`YYYY-MM-DD`), all read
/// from `history` (so an edited ledger is honoured).
pub fn choose_membership(
    history: &History,
    case: &ScoCase,
    choice: Option<&str>,
) -> Result<(Vec<String>, String), LabError> {
    let Some(choice) = choice else {
        return Ok((
            membership::members_in(history, case.date),
            format!("members on {}", case.date),
        ));
    };
    let all: Vec<Membership> = membership::resolve_all_in(history)?;
    if let Some(m) = all.iter().find(|m| m.id == choice) {
        return Ok((m.members.clone(), m.label.clone()));
    }
    match sco_domain::date::parse_exact_date(choice) {
        Ok(date) => Ok((
            membership::members_in(history, date),
            format!("members on {date}"),
        )),
        Err(_) => Err(LabError::Usage(format!(
            "parameter `membership`: `{choice}` is neither a membership ({}) nor a date (YYYY-MM-DD)",
            all.iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Runs `models` on a case with the chosen membership.
pub fn run_case<'a>(
    history: &History,
    case: &'a ScoCase,
    membership: Option<&str>,
    models: &[Model],
) -> Result<CaseJson<'a>, LabError> {
    let (members, label) = choose_membership(history, case, membership)?;
    let run = analysis::run_case(case, &members, &label, models)?;
    Ok(CaseJson { coding: case, run })
}
