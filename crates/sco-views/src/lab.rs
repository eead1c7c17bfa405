//! The decision lab's SCO cases: the list (`sco decide cases --json`) and one case run with every
//! model beside what consensus lets pass (`sco decide case ID --json`).

use sco_lab::analysis::{self, CaseRun, Model};
use sco_lab::case::ScoCase;
use sco_lab::membership;
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

/// The membership a run uses, as its members and label: the members on the case's date
/// (default), a membership id of `sco decide expansion` (e.g. `sco-2001`) or the members on a
/// date (`YYYY-MM-DD`), all read from `history` (so an edited ledger is honoured). An unknown
/// choice is [`LabError::Usage`], worded without the parameter's name.
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
    let all = membership::resolve_all_in(history)?;
    let chosen = membership::find(history, &all, choice)?;
    Ok((chosen.members, chosen.label))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> (History, Vec<ScoCase>) {
        let ledger = sco_ledger::Ledger::embedded().expect("the embedded ledger parses");
        let history = ledger.replay().expect("the embedded ledger replays");
        let cases = sco_lab::case::all_shipped().expect("the shipped cases parse");
        (history, cases)
    }

    #[test]
    fn the_listing_has_one_row_per_case() {
        let (_, cases) = loaded();
        let listing = case_listing(&cases);
        assert_eq!(listing.len(), cases.len());
        for (row, case) in listing.iter().zip(&cases) {
            assert_eq!(row.id, case.id);
            assert_eq!(row.actors, case.actors.len());
            assert_eq!(row.dimensions.len(), case.dimensions.len());
            assert_eq!(row.date, case.date.to_string());
        }
    }

    #[test]
    fn models_parse_one_or_all() {
        assert_eq!(parse_models("all"), Some(Model::ALL.to_vec()));
        assert_eq!(parse_models("nash"), Some(vec![Model::Nash]));
        assert_eq!(parse_models("oracle"), None);
    }

    #[test]
    fn membership_is_the_case_date_a_named_one_or_a_date() {
        let (history, cases) = loaded();
        let case = &cases[0];
        let (members, label) = choose_membership(&history, case, None).expect("default");
        assert_eq!(label, format!("members on {}", case.date));
        assert_eq!(members, membership::members_in(&history, case.date));
        let (members, label) =
            choose_membership(&history, case, Some("sco-2001")).expect("a membership");
        assert_eq!(members.len(), 6, "{label}: {members:?}");
        let (_, label) = choose_membership(&history, case, Some("2012-01-01")).expect("a date");
        assert_eq!(label, "members on 2012-01-01");
        match choose_membership(&history, case, Some("someday")) {
            Err(LabError::Usage(message)) => {
                assert!(message.starts_with("`someday` is neither"), "{message}");
                assert!(message.contains("sco-2001"), "{message}");
            }
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn a_case_run_carries_its_coding_and_run() {
        let (history, cases) = loaded();
        let case = cases
            .iter()
            .find(|c| c.id == "development-bank")
            .expect("the case");
        let json = run_case(&history, case, None, &[Model::Compromise]).expect("a run");
        assert_eq!(json.coding.id, case.id);
        let value = serde_json::to_value(&json).expect("JSON");
        let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["coding", "run"]);
    }
}
