//! The HTTP layer: routes, handlers and the shape of every response.
//!
//! Handlers only read parameters, call a `sco-documents` builder with the state's ledger, data and
//! cases, and wrap the answer as JSON. Work that takes more than a moment (running the models
//! of a case, a weight series) runs on the blocking pool so it does not hold up other requests.

use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{RawPathParams, State};
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::Datelike;
use serde::Serialize;

use sco_documents::request::catalogue::{Entry, CATALOGUE};
use sco_documents::request::{documents, Context};
use sco_documents::{organization, weight};

use crate::dashboard;
use crate::params::{Params, RawQuery};
use crate::{ApiError, AppState};

type ApiResult<T> = Result<Json<T>, ApiError>;

/// Every route of the API and the dashboard, with JSON answers for unknown paths and methods.
pub fn router(state: AppState) -> Router {
    let router = Router::new()
        .route("/", get(dashboard))
        .route("/assets/{name}", get(dashboard::asset))
        .route("/api/states", get(dashboard::states))
        .route("/api/cohesion/series", get(dashboard::cohesion_series))
        .route("/api/cases/{id}/what-if", get(dashboard::case_what_if))
        .route(
            "/api/scenarios/norms/hindcast",
            get(dashboard::norms_hindcast),
        )
        .route(
            "/api/scenarios/world/hindcast",
            get(dashboard::world_hindcast),
        )
        .route("/api", get(index))
        .route("/api/health", get(health))
        .route("/api/members/series", get(members_series))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed);
    let router = CATALOGUE
        .iter()
        .fold(router, |r, e| catalogue_route(r, e.path, e));
    // `/api/snapshot`: the overview's first address, kept for clients that use it.
    let overview = sco_documents::request::catalogue::entry("overview").expect("in the catalogue");
    let router = catalogue_route(router, "/api/snapshot", overview);
    router
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::provenance::add_provenance,
        ))
        .with_state(state)
}

async fn dashboard() -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Html(dashboard::PAGE)).into_response()
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no endpoint at {method} {}: GET /api lists the endpoints",
        uri.path()
    ))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: format!(
            "{method} is not allowed on {}: the API is read-only (GET)",
            uri.path()
        ),
    }
}

/// One endpoint in the index.
#[derive(Debug, Serialize)]
struct Endpoint {
    path: &'static str,
    parameters: &'static [&'static str],
    what: &'static str,
    /// The CLI command it mirrors (`sco CLI --json`), if any.
    cli: Option<&'static str>,
}

const ENDPOINTS: &[Endpoint] = &[
    endpoint(
        "/api/snapshot",
        documents::OVERVIEW_PARAMS,
        "the same as /api/overview, its first address",
        Some("overview"),
    ),
    endpoint(
        "/api/health",
        &[],
        "the server is up, and its version",
        None,
    ),
    endpoint(
        "/api/members/series",
        MEMBERS_SERIES,
        "how many states held each status, year by year",
        None,
    ),
    endpoint(
        "/api/states",
        &[],
        "every state's ISO3 and ISO numeric codes and names in English, Russian and Chinese (the dashboard's map)",
        None,
    ),
    endpoint(
        "/api/cohesion/series",
        dashboard::COHESION_SERIES,
        "a grouping's cohesion year by year: democracy, UN voting spread, capability balance (sco cohesion series)",
        Some("cohesion series"),
    ),
    endpoint(
        "/api/cases/{id}/what-if",
        dashboard::WHAT_IF,
        "a case run with members' positions or saliences changed: changes=STATE:DIMENSION:position|salience:VALUE,...",
        None,
    ),
    endpoint(
        "/api/scenarios/norms/hindcast",
        dashboard::NORMS_HINDCAST,
        "the norms scenario's Monte Carlo hindcast against V-Dem, 2001-2024, with baselines and optional ablations (sco simulate norms)",
        Some("simulate norms"),
    ),
    endpoint(
        "/api/scenarios/world/hindcast",
        dashboard::WORLD_HINDCAST,
        "the world model's hindcast bands per target and state from the latest stored calibration, or a counterfactual beside its baseline with the same seeds (sco simulate world [--counterfactual NAME])",
        Some("simulate world"),
    ),
];

const fn endpoint(
    path: &'static str,
    parameters: &'static [&'static str],
    what: &'static str,
    cli: Option<&'static str>,
) -> Endpoint {
    Endpoint {
        path,
        parameters,
        what,
        cli,
    }
}

/// `GET /api`: the endpoints written here, then those of the request layer's catalogue.
async fn index(query: RawQuery) -> ApiResult<Vec<Endpoint>> {
    Params::parse(query, &[])?;
    let catalogue = CATALOGUE.iter().map(|e| Endpoint {
        path: e.path,
        parameters: e.parameters,
        what: e.summary,
        cli: Some(e.cli),
    });
    Ok(Json(
        ENDPOINTS
            .iter()
            .map(|e| endpoint(e.path, e.parameters, e.what, e.cli))
            .chain(catalogue)
            .collect(),
    ))
}

/// The handler of a catalogue entry: its parameters from the query string, the document from the
/// request layer with the server's ledger and clock.
fn catalogue_route(
    router: Router<AppState>,
    path: &'static str,
    entry: &'static Entry,
) -> Router<AppState> {
    let handler = move |State(state): State<AppState>,
                        path: Result<RawPathParams, RawPathParamsRejection>,
                        query: RawQuery| async move {
        // Parameters in the path (`/api/cases/{id}`) first, then the query string's.
        let path = path.map_err(|e| ApiError::bad_request(e.body_text()))?;
        let mut pairs: Vec<(String, String)> = path
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        pairs.extend(crate::params::pairs(query)?);
        let run = move |state: &AppState| -> Result<String, ApiError> {
            let ctx = Context {
                ledger: state.ledger(),
                history: state.history(),
                today: state.today(),
                max_draws: state.limits().max_draws,
            };
            Ok(entry.run(&ctx, pairs)?)
        };
        // An expensive document is built on the blocking pool, within the cap on such work.
        let body = if entry.expensive {
            let worker = state.clone();
            blocking(&state, move || run(&worker)).await?
        } else {
            run(&state)?
        };
        Ok::<_, ApiError>(([(header::CONTENT_TYPE, "application/json")], body).into_response())
    };
    router.route(path, get(handler))
}

#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
}

async fn health(query: RawQuery) -> ApiResult<Health> {
    Params::parse(query, &[])?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    }))
}

const MEMBERS_SERIES: &[&str] = &["from", "to", "day"];

async fn members_series(
    State(state): State<AppState>,
    query: RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(query, MEMBERS_SERIES)?;
    let from = match params.year("from")? {
        Some(year) => year,
        None => organization::first_year(state.history()).unwrap_or(organization::FIRST_YEAR),
    };
    let to = params.year("to")?.unwrap_or_else(|| state.today().year());
    if to < from {
        return Err(ApiError::bad_request(format!(
            "parameter `to`: {to} is before `from` {from}"
        )));
    }
    let day = match params.get("day") {
        None => (12, 31),
        Some(text) => parse_month_day("day", text)?,
    };
    let counts = organization::membership_counts(state.history(), from, to, day);
    Ok(Json(counts).into_response())
}

/// Parses `MM-DD` (a day that exists in a leap year).
fn parse_month_day(name: &str, text: &str) -> Result<(u32, u32), ApiError> {
    chrono::NaiveDate::parse_from_str(&format!("2000-{text}"), "%Y-%m-%d")
        .map(|d| (d.month(), d.day()))
        .map_err(|_| {
            ApiError::bad_request(format!(
                "parameter `{name}`: `{text}` is not a day of the year: expected MM-DD (e.g. 07-01)"
            ))
        })
}

/// The grouping parameters shared by the weight endpoints.
fn group_request(params: &Params) -> weight::GroupRequest<'_> {
    documents::group_request(params)
}

impl From<weight::WeightRequestError> for ApiError {
    fn from(error: weight::WeightRequestError) -> Self {
        sco_documents::request::RequestError::from(error).into()
    }
}

/// Grouping parameters owned, to move onto the blocking pool.
pub(crate) struct OwnedGroup {
    group: String,
    with: Option<String>,
    without: Option<String>,
    missing: String,
    world: String,
}

pub(crate) fn group_owned(params: &Params) -> OwnedGroup {
    let r = group_request(params);
    OwnedGroup {
        group: r.group.to_string(),
        with: r.with.map(str::to_string),
        without: r.without.map(str::to_string),
        missing: r.missing.to_string(),
        world: r.world.to_string(),
    }
}

impl OwnedGroup {
    pub(crate) fn as_request(&self) -> weight::GroupRequest<'_> {
        weight::GroupRequest {
            group: &self.group,
            with: self.with.as_deref(),
            without: self.without.as_deref(),
            missing: &self.missing,
            world: &self.world,
        }
    }
}

/// Runs CPU-bound work on the blocking pool, within the cap on expensive work at once (503
/// when it is reached); a panic there becomes a 500 without its text, not a dropped request.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state.expensive_permit()?;
    tokio::task::spawn_blocking(move || {
        let result = work();
        drop(permit);
        result
    })
    .await
    .map_err(|_| ApiError::internal("the computation failed"))?
}

/// The position of case `id` among the served cases; 404 listing them when there is none.
pub(crate) fn case_index(state: &AppState, id: &str) -> Result<usize, ApiError> {
    state
        .cases()
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| {
            let known: Vec<&str> = state.cases().iter().map(|c| c.id.as_str()).collect();
            ApiError::not_found(format!(
                "no case `{id}`: the cases are {}",
                known.join(", ")
            ))
        })
}
