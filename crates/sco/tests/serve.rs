//! `sco serve`: the API's documents are the CLI's `--json`, byte for byte (pretty-printed the
//! same way), and the server's start-up errors are bad input.

mod common;

use std::net::TcpListener;

use chrono::NaiveDate;
use common::Sco;
use sco_documents::{lab, organization, provenance, weight};
use sco_server::{AppState, Clock};

fn state() -> AppState {
    let today = NaiveDate::from_ymd_opt(2024, 7, 4).expect("a date");
    AppState::load(None, Clock::Fixed(today)).expect("the embedded ledger loads")
}

/// What `sco ARGS` prints on stdout (it must succeed).
fn cli(args: &[&str]) -> String {
    let output = Sco::new(args).output();
    assert!(
        output.status.success(),
        "sco {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// A view as the CLI prints JSON: pretty, with the provenance of the embedded ledger and data.
fn pretty<T: serde::Serialize>(value: &T) -> String {
    let ledger = sco_ledger::Ledger::embedded().expect("the embedded ledger");
    provenance::attach(
        &serde_json::to_string_pretty(value).expect("JSON"),
        &provenance::Provenance::new(Some(ledger.digest.clone())),
        provenance::Layout::Pretty,
    ) + "\n"
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

#[test]
fn the_organization_views_are_the_cli_json() {
    let state = state();
    let (ledger, history) = (state.ledger(), state.history());
    for day in ["1998-01-01", "2017-06-09", "2024-07-04"] {
        assert_eq!(
            cli(&["overview", "--at", day, "--json"]),
            pretty(&organization::overview(ledger, history, date(day))),
            "overview on {day}"
        );
        assert_eq!(
            cli(&["members", "--at", day, "--json"]),
            pretty(&organization::members(ledger, history, date(day), None)),
            "members on {day}"
        );
    }
    let filter = organization::TimelineFilter {
        state: None,
        kind: Some("admitted".into()),
        from: Some(date("2015-01-01")),
        to: Some(date("2024-12-31")),
    };
    assert_eq!(
        cli(&[
            "timeline",
            "--kind",
            "admitted",
            "--from",
            "2015-01-01",
            "--to",
            "2024-12-31",
            "--json"
        ]),
        pretty(&organization::timeline(ledger, history, &filter))
    );
    assert_eq!(
        cli(&["summits", "--include-shanghai-five", "--json"]),
        pretty(&organization::summits(ledger, true))
    );
    assert_eq!(
        cli(&["officials", "--json"]),
        pretty(&organization::officials(ledger, None))
    );
    assert_eq!(
        cli(&["sources", "--json"]),
        pretty(&organization::sources(ledger))
    );
}

#[test]
fn the_panel_views_are_the_cli_json() {
    use sco_documents::panel::{dyads, panel, DayOfYear, PanelRequest, StateSystem};
    let state = state();
    let (ledger, history) = (state.ledger(), state.history());
    let mut request = PanelRequest::new(2017);
    request.from = 2016;
    request.system = StateSystem::Gw;
    request.day = DayOfYear::parse("07-01").expect("a day");
    let document = panel(ledger, history, &sco_data::Embedded, &request).expect("a panel");
    assert_eq!(
        cli(&[
            "panel", "--from", "2016", "--to", "2017", "--system", "gw", "--day", "07-01", "--json"
        ]),
        pretty(&document)
    );
    let pairs = dyads(ledger, history, &sco_data::Embedded, &request).expect("dyads");
    assert_eq!(
        cli(&[
            "panel", "dyads", "--from", "2016", "--to", "2017", "--system", "gw", "--day", "07-01",
            "--json"
        ]),
        pretty(&pairs)
    );
}

#[test]
fn the_weight_views_are_the_cli_json() {
    let state = state();
    let sco = sco_documents::weight::HistoryMembership(state.history());
    let request = weight::GroupRequest::default();
    let w = weight::weight_on(
        &sco,
        &request,
        date("2024-07-04"),
        2024,
        weight::DEFAULT_MEASURES,
    )
    .expect("a weight");
    assert_eq!(
        cli(&["weight", "--at", "2024-07-04", "--json"]),
        pretty(&weight::WeightJson::new(&w))
    );
    let points = weight::series(&sco, &request, 2015, 2018, "12-31", "population,gdp_usd")
        .expect("a series");
    assert_eq!(
        cli(&[
            "weight",
            "series",
            "--from",
            "2015",
            "--to",
            "2018",
            "--measures",
            "population,gdp_usd",
            "--json"
        ]),
        pretty(&points)
    );
}

#[test]
fn the_lab_views_are_the_cli_json() {
    let state = state();
    assert_eq!(
        cli(&["decide", "cases", "--json"]),
        pretty(&lab::case_listing(state.cases()))
    );
    let case = state
        .cases()
        .iter()
        .find(|c| c.id == "development-bank")
        .expect("the case");
    let run =
        lab::run_case(state.history(), case, None, &sco_lab::analysis::Model::ALL).expect("a run");
    assert_eq!(
        cli(&["decide", "case", "development-bank", "--json"]),
        pretty(&run)
    );
}

#[test]
fn an_address_in_use_is_bad_input() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = taken.local_addr().expect("an address").to_string();
    let output = Sco::new(&["serve", "--addr", &addr]).output();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot listen on"), "{stderr}");
}
