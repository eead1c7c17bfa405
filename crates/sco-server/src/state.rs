//! What the server knows, loaded once at start-up and shared by every request.
//!
//! The ledger is parsed and replayed once, the shipped decision-lab cases are parsed once and the
//! embedded datasets are parsed once (the first weight computation caches them for the life of the
//! process), so a request only computes its answer. The state is cheap to clone (an `Arc`).

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use sco_lab::case::ScoCase;
use sco_ledger::{History, Ledger};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::{ApiError, Limits, ServerError};

/// Where "today" comes from when a request gives no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The local date of the machine, read at each request.
    System,
    /// A fixed date (tests, reproducible demonstrations).
    Fixed(NaiveDate),
}

impl Clock {
    /// Today's date by this clock.
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::System => chrono::Local::now().date_naive(),
            Clock::Fixed(date) => date,
        }
    }
}

/// Everything the handlers read: the ledger and its replay, the cases, and facts about the data.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    limits: Arc<Limits>,
    expensive: Arc<Semaphore>,
}

struct Inner {
    ledger: Ledger,
    history: History,
    /// The shipped cases, parsed once per process by the request layer for every front end.
    cases: &'static [ScoCase],
    latest_data_year: Option<i32>,
    clock: Clock,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("summits", &self.inner.ledger.summits.len())
            .field("cases", &self.inner.cases.len())
            .field("latest_data_year", &self.inner.latest_data_year)
            .field("clock", &self.inner.clock)
            .field("limits", &self.limits)
            .finish()
    }
}

impl AppState {
    /// The state from a ledger already replayed (the CLI loads it as its other commands do).
    pub fn new(ledger: Ledger, history: History, clock: Clock) -> Result<Self, ServerError> {
        let cases = sco_documents::lab::shipped_cases().map_err(ServerError::Cases)?;
        // Parses the World Bank table now, so that the first request does not pay for it.
        let latest_data_year =
            sco_indicators::latest_year(&sco_data::Embedded, &sco_documents::weight::CORE)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                ledger,
                history,
                cases,
                latest_data_year,
                clock,
            }),
            limits: Arc::new(Limits::default()),
            expensive: Arc::new(Semaphore::new(Limits::default().max_expensive)),
        })
    }

    /// The same state under other limits.
    pub fn with_limits(self, limits: Limits) -> Self {
        AppState {
            inner: self.inner,
            expensive: Arc::new(Semaphore::new(limits.max_expensive.max(1))),
            limits: Arc::new(limits),
        }
    }

    /// The limits the server applies.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// A place among the expensive computations running at once, or 503 when all are taken.
    /// The permit travels with the computation, so work whose client has gone still counts
    /// until it ends.
    pub(crate) fn expensive_permit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        self.expensive
            .clone()
            .try_acquire_owned()
            .map_err(|_| ApiError {
                status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
                message: format!(
                    "the server is busy: it runs at most {} expensive computations at once; retry in a moment",
                    self.limits.max_expensive
                ),
            })
    }

    /// The state from the embedded ledger, or from the ledger in `dir`.
    pub fn load(dir: Option<&Path>, clock: Clock) -> Result<Self, ServerError> {
        let ledger = match dir {
            Some(dir) => Ledger::from_dir(dir)?,
            None => Ledger::embedded()?,
        };
        let history = ledger.replay()?;
        Self::new(ledger, history, clock)
    }

    /// The embedded ledger with the system clock.
    pub fn embedded() -> Result<Self, ServerError> {
        Self::load(None, Clock::System)
    }

    /// The parsed ledger.
    pub fn ledger(&self) -> &Ledger {
        &self.inner.ledger
    }

    /// The ledger replayed through the Charter rules.
    pub fn history(&self) -> &History {
        &self.inner.history
    }

    /// The shipped decision-lab cases, in the order `sco decide cases` lists them.
    pub fn cases(&self) -> &[ScoCase] {
        self.inner.cases
    }

    /// The last year with world totals for population, GDP and PPP GDP.
    pub fn latest_data_year(&self) -> Option<i32> {
        self.inner.latest_data_year
    }

    /// Today by the state's clock.
    pub fn today(&self) -> NaiveDate {
        self.inner.clock.today()
    }
}
