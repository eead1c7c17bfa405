//! The dashboard's files and the endpoints it needs beyond the CLI's documents.
//!
//! Why a module of its own: the dashboard is a page, a script, a style sheet and the map's
//! shapes, all embedded in the binary (the machine may be offline, and the content security
//! policy allows nothing from elsewhere). It also reads four documents the CLI has no command
//! for: the states with their numeric codes and names in three languages (the map), a
//! grouping's cohesion year by year (the charts), a case run with changed codings (the decision
//! lab's "what if") and the `norms` and `world` scenarios' hindcasts (the world model view). Each handler
//! only parses parameters and calls a `sco-documents` builder or `sco-scenarios`.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;

use sco_documents::{atlas, cohesion, lab, what_if};

use crate::api::{blocking, case_index, group_owned};
use crate::params::{Params, RawQuery};
use crate::{ApiError, AppState};

/// The page itself (`GET /`).
pub(crate) const PAGE: &str = include_str!("../assets/dashboard.html");

/// The files of the page, by name under `/assets/`: name, content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "dashboard.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/dashboard.js"),
    ),
    (
        "dashboard.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/dashboard.css"),
    ),
    (
        "countries-110m.json",
        "application/json",
        include_bytes!("../../../data/datasets/countries-110m.json"),
    ),
];

/// `GET /assets/{name}`: one of the page's embedded files.
pub(crate) async fn asset(
    name: Result<Path<String>, PathRejection>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    let Path(name) = name.map_err(|e| ApiError::bad_request(e.body_text()))?;
    Params::parse(query, &[])?;
    let (_, content_type, bytes) = ASSETS.iter().find(|(n, _, _)| *n == name).ok_or_else(|| {
        let names: Vec<&str> = ASSETS.iter().map(|(n, _, _)| *n).collect();
        ApiError::not_found(format!(
            "no asset `{name}`: the dashboard's files are {}",
            names.join(", ")
        ))
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        *bytes,
    )
        .into_response())
}

/// `GET /api/states`: codes and names of every state the map can show.
pub(crate) async fn states(
    State(state): State<AppState>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(query, &[])?;
    let countries = sco_data::embedded::countries()
        .map_err(|e| ApiError::internal(format!("the country code list is invalid: {e}")))?;
    Ok(Json(atlas::state_names(&state.ledger().directory, countries)).into_response())
}

pub(crate) const COHESION_SERIES: &[&str] = &["from", "to", "group", "with", "without"];

/// `GET /api/cohesion/series`: a grouping's cohesion year by year.
pub(crate) async fn cohesion_series(
    State(state): State<AppState>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(query, COHESION_SERIES)?;
    let from = params
        .year("from")?
        .unwrap_or(sco_documents::organization::FIRST_YEAR);
    // By default the last year with world population and GDP data, as `/api/weight/series`.
    let to = match params.year("to")? {
        Some(year) => year,
        None => state.latest_data_year().unwrap_or(from),
    };
    let group = group_owned(&params);
    let worker = state.clone();
    let points = blocking(&state, move || {
        cohesion::series(
            &sco_documents::weight::HistoryMembership(worker.history()),
            &group.as_request(),
            from,
            to,
            "12-31",
        )
        .map_err(ApiError::from)
    })
    .await?;
    Ok(Json(points).into_response())
}

pub(crate) const WHAT_IF: &[&str] = &["changes", "membership", "model"];

/// `GET /api/cases/{id}/what-if`: a case run with some positions or saliences changed.
pub(crate) async fn case_what_if(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let params = Params::parse(query, WHAT_IF)?;
    let index = case_index(&state, &id)?;
    let models = params
        .parsed(
            "model",
            lab::parse_models,
            "a model: expected compromise, nash, eum, smp or all",
        )?
        .unwrap_or_else(|| sco_lab::analysis::Model::ALL.to_vec());
    let changes = what_if::parse_changes(params.get("changes").unwrap_or(""))
        .map_err(|e| ApiError::bad_request(format!("parameter `changes`: {e}")))?;
    let membership = params.get("membership").map(str::to_string);
    let worker = state.clone();
    let body = blocking(&state, move || {
        let case = &worker.cases()[index];
        let document = what_if::what_if(
            worker.history(),
            case,
            membership.as_deref(),
            &changes,
            &models,
        )
        .map_err(|e| match e {
            what_if::WhatIfError::Change(message) => {
                ApiError::bad_request(format!("parameter `changes`: {message}"))
            }
            what_if::WhatIfError::Lab(sco_lab::LabError::Usage(message)) => {
                ApiError::bad_request(format!("parameter `membership`: {message}"))
            }
            what_if::WhatIfError::Lab(other) => other.into(),
        })?;
        serde_json::to_vec(&document)
            .map_err(|e| ApiError::internal(format!("cannot write the run as JSON: {e}")))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

pub(crate) const NORMS_HINDCAST: &[&str] = &["runs", "seed", "ablations"];

/// The Monte Carlo runs `/api/scenarios/norms/hindcast` allows (the CLI's report uses 200).
pub(crate) const NORMS_RUNS: std::ops::RangeInclusive<u64> = 10..=200;

/// The `norms` scenario's hindcast and, if asked, its ablations.
#[derive(serde::Serialize)]
struct NormsDocument {
    scenario: &'static str,
    what: &'static str,
    hindcast: sco_scenarios::norms::hindcast::Hindcast,
    /// Each mechanism switched off in turn, same seeds (`ablations=true`).
    ablations: Option<Vec<sco_scenarios::norms::hindcast::AblationRow>>,
}

/// `GET /api/scenarios/norms/hindcast`: the `norms` scenario against V-Dem, 2001 to 2024.
pub(crate) async fn norms_hindcast(
    State(state): State<AppState>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    use sco_scenarios::norms::hindcast::{ablations, hindcast, HindcastOptions};
    let params = Params::parse(query, NORMS_HINDCAST)?;
    let number = |name: &str, default: u64| -> Result<u64, ApiError> {
        params.get(name).map_or(Ok(default), |text| {
            text.parse().map_err(|_| {
                ApiError::bad_request(format!(
                    "parameter `{name}`: `{text}` is not a whole number"
                ))
            })
        })
    };
    let runs = number("runs", 100)?;
    if !NORMS_RUNS.contains(&runs) {
        return Err(ApiError::bad_request(format!(
            "parameter `runs`: {runs} is outside {}..={}, this server's range (`sco simulate norms --runs` allows more)",
            NORMS_RUNS.start(),
            NORMS_RUNS.end()
        )));
    }
    let options = HindcastOptions {
        runs,
        master_seed: number("seed", HindcastOptions::default().master_seed)?,
        threads: Some(1),
    };
    let with_ablations = params.flag("ablations")?;
    let worker = state.clone();
    let body = blocking(&state, move || {
        let failed = |e: sco_scenarios::ScenarioDataError| {
            ApiError::internal(format!("the norms scenario failed: {e}"))
        };
        let (registry, inputs) =
            sco_scenarios::registry_for_history(worker.history()).map_err(failed)?;
        let scenario = sco_scenarios::default_scenario(&registry, sco_scenarios::norms::NAME)
            .ok_or_else(|| ApiError::internal("the norms scenario has no default"))?
            .map_err(|e| ApiError::internal(format!("the norms scenario is invalid: {e}")))?;
        let (scored, _) = hindcast(
            &registry,
            &scenario,
            &inputs,
            options,
            &sco_sim::NoProgress,
        )
        .map_err(failed)?;
        let ablations = with_ablations
            .then(|| ablations(&registry, &scenario, &inputs, options))
            .transpose()
            .map_err(failed)?;
        let document = NormsDocument {
            scenario: sco_scenarios::norms::NAME,
            what: "The contest of norms in Central Asia (seeds 000 and 002): each state starts at its observed V-Dem liberal democracy value of 2001 and runs to 2024 without further observation; the Monte Carlo quantiles are compared with what V-Dem observed and with persistence and trend forecasts. Ablations switch one mechanism off with the same seeds. docs/simulation/norms-hindcast.md gives the verdict.",
            hindcast: scored,
            ablations,
        };
        serde_json::to_vec(&document)
            .map_err(|e| ApiError::internal(format!("cannot write the hindcast as JSON: {e}")))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

pub(crate) const WORLD_HINDCAST: &[&str] = &["runs", "seed", "counterfactual"];

/// `GET /api/scenarios/world/hindcast`: the world model's hindcast fan charts from the latest
/// stored calibration, or with `counterfactual=NAME` a counterfactual history beside its baseline
/// with the same seeds (`sco simulate world [--counterfactual NAME]`).
pub(crate) async fn world_hindcast(
    State(state): State<AppState>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    use sco_scenarios::world::view::{world_view, ViewError, ViewRequest};
    let params = Params::parse(query, WORLD_HINDCAST)?;
    let number = |name: &str, default: u64| -> Result<u64, ApiError> {
        params.get(name).map_or(Ok(default), |text| {
            text.parse().map_err(|_| {
                ApiError::bad_request(format!(
                    "parameter `{name}`: `{text}` is not a whole number"
                ))
            })
        })
    };
    let defaults = ViewRequest::default();
    let request = ViewRequest {
        runs: number("runs", defaults.runs)?,
        master_seed: number("seed", defaults.master_seed)?,
        counterfactual: params
            .get("counterfactual")
            .filter(|name| !name.is_empty())
            .map(str::to_string),
    };
    // Checked before taking a place among the expensive computations.
    if !sco_scenarios::world::view::VIEW_RUNS.contains(&request.runs) {
        return Err(ApiError::bad_request(
            ViewError::Runs(request.runs).to_string(),
        ));
    }
    let body = blocking(&state, move || {
        let inputs = sco_scenarios::world_inputs()
            .map_err(|e| ApiError::internal(format!("the world scenario's inputs failed: {e}")))?;
        let calibrations = stored_world_calibrations()?;
        let view = world_view(&inputs, calibrations, &request).map_err(|e| match e {
            ViewError::UnknownCounterfactual { .. } => ApiError::not_found(e.to_string()),
            ViewError::Runs(_) => ApiError::bad_request(e.to_string()),
            ViewError::Model(_) => ApiError::internal(e.to_string()),
        })?;
        serde_json::to_vec(&view)
            .map_err(|e| ApiError::internal(format!("cannot write the hindcast as JSON: {e}")))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The calibrations stored in the binary, parsed once.
fn stored_world_calibrations() -> Result<&'static [sco_scenarios::world::Calibration], ApiError> {
    static STORED: std::sync::OnceLock<Result<Vec<sco_scenarios::world::Calibration>, String>> =
        std::sync::OnceLock::new();
    STORED
        .get_or_init(sco_scenarios::world::stored_calibrations)
        .as_deref()
        .map_err(|e| ApiError::internal(format!("a stored calibration is invalid: {e}")))
}
