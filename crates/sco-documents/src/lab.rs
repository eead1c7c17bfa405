//! The decision lab's SCO layer: the list of cases (`sco decide cases --json`), one case run with
//! every model beside what consensus lets pass (`sco decide case ID --json`), the same positions
//! or random agendas under each membership (`sco decide expansion --json`) and the winset of an
//! anti-Western declaration (`sco decide anti-western --json`).

use std::ops::RangeInclusive;

use sco_lab::analysis::{self, CaseRun, Model};
use sco_lab::case::ScoCase;
use sco_lab::expansion::{self, Agenda, AgendaRow, AgendaSettings, CaseExpansionRow};
use sco_lab::membership::{self, Membership};
use sco_lab::unga::{self, DeclarationWinset};
use sco_lab::LabError;
use sco_ledger::History;
use serde::Serialize;
use thiserror::Error;

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

/// The shipped cases, parsed once per process (a fault in them is ours, not the caller's).
pub fn shipped_cases() -> Result<&'static [ScoCase], crate::request::RequestError> {
    static CASES: std::sync::OnceLock<Result<Vec<ScoCase>, String>> = std::sync::OnceLock::new();
    CASES
        .get_or_init(|| sco_lab::case::all_shipped().map_err(|e| e.to_string()))
        .as_deref()
        .map_err(|e| {
            crate::request::RequestError::internal(format!("the shipped cases are invalid: {e}"))
        })
}

/// A shipped case by id; an unknown id is not found, with the list of cases.
pub fn shipped_case(id: &str) -> Result<&'static ScoCase, crate::request::RequestError> {
    let cases = shipped_cases()?;
    cases.iter().find(|c| c.id == id).ok_or_else(|| {
        let known: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        crate::request::RequestError::not_found(format!(
            "no case `{id}`: the cases are {}",
            known.join(", ")
        ))
    })
}

impl From<LabError> for crate::request::RequestError {
    /// An unknown case is not found; a malformed case file or a usage mistake is the caller's;
    /// a fault of the ledger, the data or a model is ours.
    fn from(error: LabError) -> Self {
        use crate::request::RequestError;
        match error {
            LabError::UnknownCase { .. } => RequestError::not_found(error.to_string()),
            LabError::Case(_)
            | LabError::Read { .. }
            | LabError::Uncoded { .. }
            | LabError::NoCapability { .. }
            | LabError::Usage(_) => RequestError::bad_input(error.to_string()),
            LabError::Ledger(_) | LabError::Data(_) | LabError::Model { .. } => {
                RequestError::internal(error.to_string())
            }
        }
    }
}

impl From<LabDocumentError> for crate::request::RequestError {
    /// Bad draws or a year without UN positions are the caller's; the rest is a lab error.
    fn from(error: LabDocumentError) -> Self {
        use crate::request::RequestError;
        match error {
            LabDocumentError::Draws { draws } => RequestError::bad_input(format!(
                "parameter `draws`: {draws} is outside {}..={}",
                DRAWS.start(),
                DRAWS.end()
            )),
            LabDocumentError::NoPositions { .. } => RequestError::bad_input(error.to_string()),
            LabDocumentError::Lab(e) => e.into(),
        }
    }
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
    if chosen.members.is_empty() {
        // No models run on nobody: the caller chose a date before the organization existed.
        return Err(LabError::Usage(format!(
            "`{choice}`: the SCO had no members on {}; choose a date when it had some",
            chosen.date
        )));
    }
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

/// Why an expansion or anti-Western document cannot be built.
#[derive(Debug, Error)]
pub enum LabDocumentError {
    /// The number of Monte Carlo draws is outside [`DRAWS`].
    #[error("draws: {draws} is outside {min}..={max}", min = DRAWS.start(), max = DRAWS.end())]
    Draws { draws: usize },
    /// No UN ideal points in the year the positions are held at.
    #[error("no UN ideal points for {year}; the data cover {covered:?}")]
    NoPositions {
        year: i32,
        covered: RangeInclusive<i32>,
    },
    /// A case, a membership or a dataset the lab could not use.
    #[error(transparent)]
    Lab(#[from] LabError),
}

/// The Monte Carlo draws a uniform agenda may take.
pub const DRAWS: RangeInclusive<usize> = 100..=10_000_000;

/// The year of the UN ideal points of the `unga` agenda unless one is chosen.
pub const DEFAULT_AGENDA_YEAR: i32 = 2023;

/// The random agendas of `sco decide expansion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaChoice {
    /// Ideal points, status quo and proposal uniform on a line.
    Uniform1,
    /// The same on a square.
    Uniform2,
    /// Members at their UN General Assembly ideal points of a year.
    Unga,
    /// All three.
    All,
}

impl AgendaChoice {
    /// The names the choice is given by, in the order they are listed to users.
    pub const NAMES: [&'static str; 4] = ["all", "uniform-1", "uniform-2", "unga"];

    /// Reads `all`, `uniform-1`, `uniform-2` or `unga` (also the CLI's `uniform1`, `uniform2`).
    pub fn parse(text: &str) -> Option<AgendaChoice> {
        match text {
            "all" => Some(AgendaChoice::All),
            "uniform-1" | "uniform1" => Some(AgendaChoice::Uniform1),
            "uniform-2" | "uniform2" => Some(AgendaChoice::Uniform2),
            "unga" => Some(AgendaChoice::Unga),
            _ => None,
        }
    }

    /// The agendas drawn, with UN ideal points of `year`.
    pub fn agendas(self, year: i32) -> Vec<Agenda> {
        match self {
            AgendaChoice::Uniform1 => vec![Agenda::Uniform { dims: 1 }],
            AgendaChoice::Uniform2 => vec![Agenda::Uniform { dims: 2 }],
            AgendaChoice::Unga => vec![Agenda::Unga { year }],
            AgendaChoice::All => vec![
                Agenda::Uniform { dims: 1 },
                Agenda::Uniform { dims: 2 },
                Agenda::Unga { year },
            ],
        }
    }
}

/// Random agendas under every membership, as `sco decide expansion --json` prints them.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaExpansion {
    pub settings: AgendaSettings,
    pub memberships: Vec<Membership>,
    /// One row per agenda and membership, agenda by agenda.
    pub rows: Vec<AgendaRow>,
}

/// Draws each of `agendas` for every membership of the expansion analysis, members read from
/// `history`.
pub fn agenda_expansion(
    history: &History,
    agendas: &[Agenda],
    settings: AgendaSettings,
) -> Result<AgendaExpansion, LabDocumentError> {
    if !DRAWS.contains(&settings.draws) {
        return Err(LabDocumentError::Draws {
            draws: settings.draws,
        });
    }
    let memberships = membership::resolve_all_in(history)?;
    let mut rows = Vec::new();
    for &agenda in agendas {
        rows.extend(expansion::random_agendas(&memberships, agenda, settings)?);
    }
    Ok(AgendaExpansion {
        settings,
        memberships,
        rows,
    })
}

/// A case under every membership, as `sco decide expansion CASE --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseExpansion {
    /// The case's id.
    pub case: String,
    pub memberships: Vec<Membership>,
    /// One row per membership.
    pub rows: Vec<CaseExpansionRow>,
}

/// The positions `case` codes held fixed under every membership, members read from `history`.
pub fn case_expansion(history: &History, case: &ScoCase) -> Result<CaseExpansion, LabError> {
    let memberships = membership::resolve_all_in(history)?;
    let rows = expansion::case_expansion(case, &memberships)?;
    Ok(CaseExpansion {
        case: case.id.clone(),
        memberships,
        rows,
    })
}

/// What the rows of an anti-Western document vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AntiWesternView {
    /// Members on 31 December of each year, positions of the same year.
    Year,
    /// Positions of one year, each membership of the expansion analysis.
    Membership,
}

impl AntiWesternView {
    /// The name in the document (`year` or `membership`).
    pub fn as_str(self) -> &'static str {
        match self {
            AntiWesternView::Year => "year",
            AntiWesternView::Membership => "membership",
        }
    }
}

/// The reading the anti-Western winset rests on, stated with every result.
pub const ANTI_WESTERN_ASSUMPTIONS: &str = "Positions: UN General Assembly ideal points (Bailey, Strezhnev and Voeten; higher = closer to the US). Status quo: the median NATO member's ideal point that year. Winset (2·θmax − q, q) with θmax the most West-leaning member. Members from the history ledger.";

/// The winset of an anti-Western declaration, as `sco decide anti-western --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct AntiWestern {
    pub view: AntiWesternView,
    pub assumptions: &'static str,
    pub rows: Vec<DeclarationWinset>,
}

/// The anti-Western winset year by year (members and positions of each year the UN data cover),
/// or, with `positions_year`, with that year's positions under every membership of the
/// expansion analysis. Members come from `history`.
pub fn anti_western(
    history: &History,
    positions_year: Option<i32>,
) -> Result<AntiWestern, LabDocumentError> {
    let (view, rows) = match positions_year {
        Some(year) => {
            let memberships = membership::resolve_all_in(history)?;
            let mut rows = Vec::new();
            for m in &memberships {
                if let Some(w) = unga::declaration_winset(&m.label, &m.members, year)? {
                    rows.push(w);
                }
            }
            if rows.is_empty() {
                return Err(LabDocumentError::NoPositions {
                    year,
                    covered: unga::years()?,
                });
            }
            (AntiWesternView::Membership, rows)
        }
        None => {
            let mut rows = Vec::new();
            for year in unga::years()? {
                let Some(date) = chrono::NaiveDate::from_ymd_opt(year, 12, 31) else {
                    continue;
                };
                let members = membership::members_in(history, date);
                if members.is_empty() {
                    continue;
                }
                if let Some(w) = unga::declaration_winset(&year.to_string(), &members, year)? {
                    rows.push(w);
                }
            }
            (AntiWesternView::Year, rows)
        }
    };
    Ok(AntiWestern {
        view,
        assumptions: ANTI_WESTERN_ASSUMPTIONS,
        rows,
    })
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

    fn shipped<'a>(cases: &'a [ScoCase], id: &str) -> &'a ScoCase {
        cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no shipped case `{id}`"))
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
        let case = shipped(&cases, "development-bank");
        let json = run_case(&history, case, None, &[Model::Compromise]).expect("a run");
        assert_eq!(json.coding.id, case.id);
        let value = serde_json::to_value(&json).expect("JSON");
        let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["coding", "run"]);
    }

    #[test]
    fn agenda_choices_read_both_spellings() {
        for name in AgendaChoice::NAMES {
            assert!(AgendaChoice::parse(name).is_some(), "{name}");
        }
        assert_eq!(
            AgendaChoice::parse("uniform1"),
            Some(AgendaChoice::Uniform1)
        );
        assert_eq!(AgendaChoice::parse("uniform"), None);
        assert_eq!(
            AgendaChoice::All.agendas(2010),
            [
                Agenda::Uniform { dims: 1 },
                Agenda::Uniform { dims: 2 },
                Agenda::Unga { year: 2010 }
            ]
        );
    }

    #[test]
    fn uniform_agendas_pass_less_often_as_members_join() {
        let (history, _) = loaded();
        let settings = AgendaSettings {
            draws: 2_000,
            seed: 7,
        };
        let document =
            agenda_expansion(&history, &[Agenda::Uniform { dims: 1 }], settings).expect("rows");
        assert_eq!(document.rows.len(), document.memberships.len());
        let p = |id: &str| {
            document
                .rows
                .iter()
                .find(|r| r.membership == id)
                .map(|r| (r.members, r.p_pass))
                .expect("a row")
        };
        let (five, p_five) = p("shanghai-five");
        let (now, p_now) = p("sco-2024");
        assert!(five < now, "{five} vs {now}");
        assert!(p_five > p_now, "{p_five} vs {p_now}");
        match agenda_expansion(
            &history,
            &[Agenda::Uniform { dims: 1 }],
            AgendaSettings { draws: 5, seed: 7 },
        ) {
            Err(e @ LabDocumentError::Draws { .. }) => {
                assert_eq!(e.to_string(), "draws: 5 is outside 100..=10000000");
            }
            other => panic!("expected a draws error, got {other:?}"),
        }
    }

    #[test]
    fn a_case_under_each_membership_closes_as_members_join() {
        let (history, cases) = loaded();
        let case = shipped(&cases, "single-currency");
        let document = case_expansion(&history, case).expect("rows");
        assert_eq!(document.case, "single-currency");
        assert_eq!(document.rows.len(), document.memberships.len());
        for row in &document.rows {
            assert_eq!(row.winset.is_none(), !row.uncoded.is_empty(), "{row:?}");
            for proposal in row.proposals.iter().filter(|p| !p.passes) {
                let veto = proposal
                    .binding_veto
                    .as_ref()
                    .expect("a blocked proposal's veto");
                assert!(row.members.contains(veto), "{veto} in {row:?}");
            }
        }
        let empty = |id: &str| {
            document
                .rows
                .iter()
                .find(|r| r.membership == id)
                .and_then(|r| r.winset.as_ref())
                .map(|w| w.empty)
        };
        assert_eq!(empty("shanghai-five"), Some(false));
        assert_eq!(empty("sco-2024"), Some(true));
    }

    #[test]
    fn the_anti_western_winset_is_bound_by_a_member() {
        let (history, _) = loaded();
        let by_year = anti_western(&history, None).expect("year by year");
        assert_eq!(by_year.view, AntiWesternView::Year);
        assert!(!by_year.rows.is_empty());
        for row in &by_year.rows {
            assert!(row.members.contains(&row.binding_member), "{row:?}");
            assert_eq!(row.membership, row.year.to_string());
        }
        let held = anti_western(&history, Some(2023)).expect("2023 positions");
        assert_eq!(held.view.as_str(), "membership");
        assert!(held.rows.iter().all(|r| r.year == 2023));
        match anti_western(&history, Some(1900)) {
            Err(e @ LabDocumentError::NoPositions { .. }) => {
                assert!(
                    e.to_string()
                        .starts_with("no UN ideal points for 1900; the data cover "),
                    "{e}"
                );
            }
            other => panic!("expected no positions, got {other:?}"),
        }
    }
}
