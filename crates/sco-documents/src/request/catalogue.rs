//! The catalogue of the request layer's documents: for each, its HTTP path, the CLI command it
//! mirrors, its Python function, its parameters and one function from a [`Context`] and the
//! request's `(name, value)` pairs to the document's JSON text.
//!
//! Why a list: the HTTP router, `GET /api` and the Python package are made from it (and a test
//! checks `docs/api.md` against it), so a document added here reaches every front end at once.
//! To add a document: write its request and builder in [`super::documents`] (parameter names,
//! defaults and validation in one place), add one [`Entry`] below, a row to `docs/api.md`, and a
//! Python function that calls `_native.document_json(NAME, ...)`.

use serde::Serialize;

use super::documents;
use super::{Context, Query, RequestError};

/// One document of the catalogue.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Entry {
    /// The name Python and the tests use.
    pub name: &'static str,
    /// `GET` path of the HTTP API.
    pub path: &'static str,
    /// The CLI command it mirrors (`sco CLI --json`).
    pub cli: &'static str,
    /// The Python function (`sco_twin.NAME`).
    pub python: &'static str,
    /// The parameters it knows.
    pub parameters: &'static [&'static str],
    /// Whether building it takes more than a moment (the server runs it on its blocking pool,
    /// within its cap on expensive work).
    pub expensive: bool,
    /// What it is.
    pub summary: &'static str,
    /// Builds the document as compact JSON text.
    #[serde(skip)]
    pub build: fn(&Context<'_>, &Query) -> Result<String, RequestError>,
}

impl Entry {
    /// Checks `pairs` against the entry's parameters and builds the document's JSON text.
    pub fn run(
        &self,
        ctx: &Context<'_>,
        pairs: Vec<(String, String)>,
    ) -> Result<String, RequestError> {
        let query = Query::parse(pairs, self.parameters)?;
        (self.build)(ctx, &query)
    }
}

/// Serialises a built document (serde's own failures are internal faults).
fn json<T: Serialize>(document: &T) -> Result<String, RequestError> {
    serde_json::to_string(document)
        .map_err(|e| RequestError::internal(format!("cannot write the document as JSON: {e}")))
}

/// The documents built by the request layer, in the order `GET /api` lists them.
pub const CATALOGUE: &[Entry] = &[
    Entry {
        name: "overview",
        path: "/api/overview",
        cli: "overview",
        python: "overview",
        expensive: false,
        parameters: documents::OVERVIEW_PARAMS,
        summary: "the organization on a date: statuses, chair, officials, last summit (sco overview --json); also at /api/snapshot",
        build: |ctx, q| json(&documents::overview(ctx, q)?),
    },
    Entry {
        name: "members",
        path: "/api/members",
        cli: "members",
        python: "snapshot",
        expensive: false,
        parameters: documents::MEMBERS_PARAMS,
        summary: "the states holding each status on a date (sco members --json)",
        build: |ctx, q| json(&documents::members(ctx, q)?),
    },
    Entry {
        name: "timeline",
        path: "/api/timeline",
        cli: "timeline",
        python: "timeline",
        expensive: false,
        parameters: documents::TIMELINE_PARAMS,
        summary: "the timeline of events, filterable by state, kind and period (sco timeline --json)",
        build: |ctx, q| json(&documents::timeline(ctx, q)?),
    },
    Entry {
        name: "summits",
        path: "/api/summits",
        cli: "summits",
        python: "summits",
        expensive: false,
        parameters: documents::SUMMITS_PARAMS,
        summary: "meetings of the Council of Heads of State, or with council=government of Heads of Government (sco summits --json)",
        build: |ctx, q| json(&documents::summits(ctx, q)?),
    },
    Entry {
        name: "officials",
        path: "/api/officials",
        cli: "officials",
        python: "officials",
        expensive: false,
        parameters: documents::OFFICIALS_PARAMS,
        summary: "Secretaries-General and RATS directors (sco officials --json)",
        build: |ctx, q| json(&documents::officials(ctx, q)?),
    },
    Entry {
        name: "sources",
        path: "/api/sources",
        cli: "sources",
        python: "sources",
        expensive: false,
        parameters: &[],
        summary: "the sources the ledger cites (sco sources --json)",
        build: |ctx, _| json(&crate::organization::sources(ctx.ledger)),
    },
    Entry {
        name: "cases",
        path: "/api/cases",
        cli: "decide cases",
        python: "cases",
        expensive: false,
        parameters: &[],
        summary: "the decision lab's SCO cases (sco decide cases --json)",
        build: |_, _| json(&crate::lab::case_listing(crate::lab::shipped_cases()?)),
    },
    Entry {
        name: "case",
        path: "/api/cases/{id}",
        cli: "decide case",
        python: "case",
        expensive: true,
        parameters: documents::CASE_PARAMS,
        summary: "a case run: each model's prediction and what consensus lets pass (sco decide case ID --json)",
        build: |ctx, q| json(&documents::case(ctx, q)?),
    },
    Entry {
        name: "expansion",
        path: "/api/expansion",
        cli: "decide expansion",
        python: "expansion",
        expensive: true,
        parameters: documents::EXPANSION_PARAMS,
        summary: "winset and probability of agreement of random agendas by membership (sco decide expansion --json)",
        build: |ctx, q| json(&documents::expansion(ctx, q)?),
    },
    Entry {
        name: "case_expansion",
        path: "/api/expansion/{case}",
        cli: "decide expansion",
        python: "case_expansion",
        expensive: true,
        parameters: documents::CASE_EXPANSION_PARAMS,
        summary: "a case under every membership, Shanghai Five to candidates (sco decide expansion CASE --json)",
        build: |ctx, q| json(&documents::case_expansion(ctx, q)?),
    },
    Entry {
        name: "anti_western",
        path: "/api/anti-western",
        cli: "decide anti-western",
        python: "anti_western",
        expensive: false,
        parameters: documents::ANTI_WESTERN_PARAMS,
        summary: "the winset of an anti-Western declaration from UN votes (sco decide anti-western --json)",
        build: |ctx, q| json(&documents::anti_western(ctx, q)?),
    },
    Entry {
        name: "panel",
        path: "/api/panel",
        cli: "panel",
        python: "panel",
        expensive: true,
        parameters: documents::PANEL_PARAMS,
        summary: "a state-year panel of SCO status with COW and Gleditsch-Ward codes (sco panel --json)",
        build: |ctx, q| json(&documents::panel(ctx, q)?),
    },
    Entry {
        name: "weight",
        path: "/api/weight",
        cli: "weight",
        python: "weight",
        expensive: false,
        parameters: documents::WEIGHT_PARAMS,
        summary: "a grouping's share of the world on a date: population, GDP, PPP and the measures asked for (sco weight --json)",
        build: |ctx, q| json(&crate::weight::WeightJson::new(&documents::weight(ctx, q)?)),
    },
    Entry {
        name: "weight_series",
        path: "/api/weight/series",
        cli: "weight series",
        python: "weight_series",
        expensive: true,
        parameters: documents::WEIGHT_SERIES_PARAMS,
        summary: "shares of the world year by year (sco weight series --json)",
        build: |ctx, q| json(&documents::weight_series(ctx, q)?),
    },
    Entry {
        name: "state",
        path: "/api/state",
        cli: "state",
        python: "state",
        expensive: false,
        parameters: documents::STATE_PARAMS,
        summary: "one state's history with the SCO: status changes, summits chaired, officials (sco state STATE --json)",
        build: |ctx, q| json(&documents::state(ctx, q)?),
    },
    Entry {
        name: "predict",
        path: "/api/predict",
        cli: "predict",
        python: "predict",
        expensive: false,
        parameters: documents::PREDICT_PARAMS,
        summary: "what the rules predict: the next chair, Secretary-General and RATS director (sco predict --json)",
        build: |ctx, q| json(&documents::predict(ctx, q)?),
    },
    Entry {
        name: "admission",
        path: "/api/admission",
        cli: "admission",
        python: "admission",
        expensive: false,
        parameters: documents::ADMISSION_PARAMS,
        summary: "whether a state can take its next step towards membership, with the reasons (sco admission STATE --json)",
        build: |ctx, q| json(&documents::admission(ctx, q)?),
    },
    Entry {
        name: "organs",
        path: "/api/organs",
        cli: "organs",
        python: "organs",
        expensive: false,
        parameters: &[],
        summary: "the organs, the official languages, the budget rule and the principles (sco organs --json)",
        build: |_, _| json(&documents::organs()),
    },
    Entry {
        name: "rules",
        path: "/api/rules",
        cli: "rules",
        python: "rules",
        expensive: false,
        parameters: &[],
        summary: "the Charter's rules as encoded, with the provisions they cite (sco rules --json)",
        build: |_, _| json(&sco_domain::rules::catalogue()),
    },
    Entry {
        name: "charter",
        path: "/api/charter",
        cli: "charter",
        python: "charter",
        expensive: false,
        parameters: documents::CHARTER_PARAMS,
        summary: "the Charter's articles and the regulations in our words, with sources, or one article (sco charter [N] --json)",
        build: |_, q| json(&documents::charter(q)?),
    },
];

/// The entry named `name`.
pub fn entry(name: &str) -> Option<&'static Entry> {
    CATALOGUE.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::ErrorKind;

    fn context<'a>(
        ledger: &'a sco_ledger::Ledger,
        history: &'a sco_ledger::History,
    ) -> Context<'a> {
        Context {
            ledger,
            history,
            today: chrono::NaiveDate::from_ymd_opt(2024, 7, 4).unwrap(),
            max_draws: 1_000,
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn names_paths_and_functions_are_unique_and_every_entry_runs() {
        let ledger = sco_ledger::Ledger::embedded().unwrap();
        let history = ledger.replay().unwrap();
        let ctx = context(&ledger, &history);
        for (i, e) in CATALOGUE.iter().enumerate() {
            for other in &CATALOGUE[i + 1..] {
                assert!(e.name != other.name && e.path != other.path && e.python != other.python);
            }
            assert!(e.path.starts_with("/api/"), "{}", e.path);
            let mut args = vec![];
            if e.parameters.contains(&"state") {
                args.extend(pairs(&[("state", "IND")]));
            }
            if e.parameters.contains(&"case") {
                args.extend(pairs(&[("case", "development-bank")]));
            }
            if e.parameters.contains(&"draws") {
                args.extend(pairs(&[("draws", "200"), ("agenda", "uniform-1")]));
            }
            if e.parameters.contains(&"id") {
                args.extend(pairs(&[
                    ("id", "development-bank"),
                    ("model", "compromise"),
                ]));
            }
            let text = e
                .run(&ctx, args)
                .unwrap_or_else(|err| panic!("{}: {err}", e.name));
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{}",
                e.name
            );
        }
    }

    #[test]
    fn refusals_have_kinds() {
        let ledger = sco_ledger::Ledger::embedded().unwrap();
        let history = ledger.replay().unwrap();
        let ctx = context(&ledger, &history);
        let state = entry("state").unwrap();
        assert_eq!(
            state.run(&ctx, vec![]).unwrap_err().kind,
            ErrorKind::BadInput
        );
        assert_eq!(
            state
                .run(&ctx, pairs(&[("state", "XXX")]))
                .unwrap_err()
                .kind,
            ErrorKind::NotFound
        );
        let charter = entry("charter").unwrap();
        assert_eq!(
            charter
                .run(&ctx, pairs(&[("article", "99")]))
                .unwrap_err()
                .kind,
            ErrorKind::NotFound
        );
        assert_eq!(
            entry("organs")
                .unwrap()
                .run(&ctx, pairs(&[("x", "1")]))
                .unwrap_err()
                .kind,
            ErrorKind::BadInput
        );
        // A "no" is an answer, not an error: India is a member, with no step left.
        let text = entry("admission")
            .unwrap()
            .run(&ctx, pairs(&[("state", "IND"), ("date", "2024-07-04")]))
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["allowed"], false);
        assert_eq!(doc["ccode"], 750);
    }
}
