//! The API driven in-process (no sockets): every endpoint's status and key fields, checked against
//! the library crates, and the errors a client gets for bad input.

mod common;

use axum::http::StatusCode;
use chrono::NaiveDate;
use common::{embedded_state as state, Reply};
use serde_json::Value;

fn request(method: &str, uri: &str) -> Reply {
    common::send(&state(), method, uri)
}

fn get(uri: &str) -> Reply {
    request("GET", uri)
}

/// GET that must succeed with JSON.
fn ok(uri: &str) -> Value {
    let reply = get(uri);
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.text());
    assert!(
        reply.content_type.starts_with("application/json"),
        "{uri}: {}",
        reply.content_type
    );
    reply.json()
}

/// GET that must fail with `status` and a JSON error; returns the message.
fn error(uri: &str, status: StatusCode) -> String {
    let reply = get(uri);
    assert_eq!(reply.status, status, "{uri}: {}", reply.text());
    assert!(reply.content_type.starts_with("application/json"), "{uri}");
    let body = reply.json();
    let message = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{uri}: {body}"));
    assert!(!message.is_empty());
    message.to_string()
}

fn codes(rows: &Value, status: &str) -> Vec<String> {
    rows.as_array()
        .expect("an array")
        .iter()
        .filter(|r| r["status"] == status)
        .map(|r| r["iso3"].as_str().expect("a code").to_string())
        .collect()
}

#[test]
fn health_says_ok_with_the_version() {
    let body = ok("/api/health");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_index_lists_every_endpoint() {
    let body = ok("/api");
    let paths: Vec<&str> = body
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|e| e["path"].as_str())
        .collect();
    for path in [
        "/api/health",
        "/api/snapshot",
        "/api/members",
        "/api/timeline",
        "/api/summits",
        "/api/officials",
        "/api/sources",
        "/api/weight",
        "/api/weight/series",
        "/api/cases",
        "/api/cases/{id}",
        "/api/expansion",
        "/api/expansion/{case}",
        "/api/anti-western",
        "/api/states",
        "/api/cohesion/series",
        "/api/cases/{id}/what-if",
        "/api/scenarios/norms/hindcast",
        "/api/scenarios/world/hindcast",
    ] {
        assert!(paths.contains(&path), "{path} missing from {paths:?}");
    }
}

#[test]
fn snapshot_has_ten_members_after_iran_joined() {
    let body = ok("/api/snapshot?date=2024-07-04");
    assert_eq!(body["date"], "2024-07-04");
    assert_eq!(body["framework"], "sco");
    let members = codes(&body["states"], "member");
    assert_eq!(members.len(), 10, "{members:?}");
    assert!(members.contains(&"IRN".to_string()));
    assert!(members.contains(&"BLR".to_string()));
    assert_eq!(body["chair"]["iso3"], "KAZ");
    assert!(body["secretary_general"]["name"].is_string());
    assert!(body["rats_director"]["name"].is_string());
    assert!(body["last_summit"]["date"].is_string());
}

#[test]
fn snapshot_matches_the_ledger_replay() {
    let state = state();
    for date in ["2001-06-15", "2017-06-09", "2023-07-03", "2023-07-04"] {
        let body = ok(&format!("/api/snapshot?date={date}"));
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
        let snapshot = state.history().snapshot(day);
        let expected: Vec<String> = snapshot.members().iter().map(|c| c.to_string()).collect();
        let mut got = codes(&body["states"], "member");
        got.sort();
        assert_eq!(got, expected, "{date}");
        let observers: Vec<String> = snapshot.observers().iter().map(|c| c.to_string()).collect();
        let mut got = codes(&body["states"], "observer");
        got.sort();
        assert_eq!(got, observers, "{date}");
    }
}

#[test]
fn iran_joins_on_2023_07_04_and_belarus_on_2024_07_04() {
    let before = codes(&ok("/api/members?date=2023-07-03&status=member"), "member");
    let after = codes(&ok("/api/members?date=2023-07-04&status=member"), "member");
    assert_eq!(before.len(), 8, "{before:?}");
    assert!(!before.contains(&"IRN".to_string()));
    assert_eq!(after.len(), 9, "{after:?}");
    assert!(after.contains(&"IRN".to_string()));
    let belarus = codes(&ok("/api/members?date=2024-07-04&status=member"), "member");
    assert_eq!(belarus.len(), 10, "{belarus:?}");
    assert!(belarus.contains(&"BLR".to_string()));
    let eve = codes(&ok("/api/members?date=2024-07-03&status=member"), "member");
    assert!(!eve.contains(&"BLR".to_string()));
}

#[test]
fn india_and_pakistan_are_members_from_2017_06_09() {
    let rows = ok("/api/members?date=2017-06-09");
    for code in ["IND", "PAK"] {
        let row = rows
            .as_array()
            .expect("an array")
            .iter()
            .find(|r| r["iso3"] == code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(row["status"], "member");
        assert_eq!(row["since"], "2017-06-09");
    }
    let day_before = codes(&ok("/api/members?date=2017-06-08&status=member"), "member");
    assert!(!day_before.contains(&"IND".to_string()));
    assert_eq!(day_before.len(), 6);
}

#[test]
fn members_filter_by_status_and_default_to_today() {
    let observers = ok("/api/members?date=2017-06-09&status=observer");
    assert!(observers
        .as_array()
        .expect("an array")
        .iter()
        .all(|r| r["status"] == "observer"));
    // `today` is the state's clock (2024-07-04 here).
    assert_eq!(ok("/api/members"), ok("/api/members?date=2024-07-04"));
    assert_eq!(
        ok("/api/members?date=today"),
        ok("/api/members?date=2024-07-04")
    );
    let dialogue = ok("/api/members?date=2024-07-04&status=dialogue-partner");
    assert!(!dialogue.as_array().expect("an array").is_empty());
}

#[test]
fn members_series_counts_members_per_year() {
    let body = ok("/api/members/series?from=1996&to=2024");
    let years = body.as_array().expect("an array");
    assert_eq!(years.len(), 29);
    let count = |year: i64| {
        years
            .iter()
            .find(|y| y["year"] == year)
            .map(|y| y["members"].as_u64().expect("a count"))
    };
    assert_eq!(count(1996), Some(5));
    assert_eq!(count(2001), Some(6));
    assert_eq!(count(2017), Some(8));
    assert_eq!(count(2023), Some(9));
    assert_eq!(count(2024), Some(10));
    let mid = ok("/api/members/series?from=2023&to=2023&day=07-04");
    assert_eq!(mid[0]["members"], 9);
}

#[test]
fn timeline_filters_by_kind_state_and_period() {
    let admitted = ok("/api/timeline?kind=admitted&from=2017-01-01&to=2017-12-31");
    let states: Vec<&str> = admitted
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|e| e["state"].as_str())
        .collect();
    assert_eq!(states, ["IND", "PAK"]);
    let iran = ok("/api/timeline?state=IRN&kind=status");
    let iran = iran.as_array().expect("an array");
    assert!(iran
        .iter()
        .all(|e| e["state"] == "IRN" && e["category"] == "status"));
    assert!(iran
        .iter()
        .any(|e| e["kind"] == "admitted" && e["date"] == "2023-07-04"));
    // By name too.
    assert_eq!(
        ok("/api/timeline?state=Iran&kind=status")
            .as_array()
            .map(Vec::len),
        Some(iran.len())
    );
}

#[test]
fn summits_and_officials_come_from_the_ledger() {
    let state = state();
    let summits = ok("/api/summits");
    let sco_only = state.ledger().sco_summits().len();
    assert_eq!(summits.as_array().map(Vec::len), Some(sco_only));
    let all = ok("/api/summits?include_shanghai_five=true");
    assert_eq!(
        all.as_array().map(Vec::len),
        Some(state.ledger().summits.len())
    );
    assert!(all.as_array().map(Vec::len) > summits.as_array().map(Vec::len));
    // The Council of Heads of Government in the same shape, and the state council by name.
    let government = ok("/api/summits?council=government");
    let meetings = government.as_array().expect("an array");
    assert_eq!(meetings.len(), state.ledger().government_meetings.len());
    assert!(meetings.len() >= 24);
    assert!(meetings.iter().all(|m| m["body"] == "heads_of_government"));
    assert_eq!(ok("/api/summits?council=state"), summits);

    let officials = ok("/api/officials");
    assert_eq!(
        officials.as_array().map(Vec::len),
        Some(state.ledger().officials.len())
    );
    let sg = ok("/api/officials?post=secretary-general");
    assert!(sg
        .as_array()
        .expect("an array")
        .iter()
        .all(|o| o["post"] == "secretary_general"));
    let sources = ok("/api/sources");
    assert_eq!(
        sources.as_array().map(Vec::len),
        Some(state.ledger().sources.len())
    );
}

#[test]
fn weight_matches_the_indicator_library() {
    let body = ok("/api/weight?date=2024-07-04&group=members");
    assert_eq!(body["grouping_spec"], "sco:members@2024-07-04");
    assert_eq!(body["data_year"], 2024);
    assert_eq!(body["members"].as_array().map(Vec::len), Some(10));
    // The same computation through the library.
    let group = sco_indicators::GroupSpec::parse("list:BLR,CHN,IND,IRN,KAZ,KGZ,PAK,RUS,TJK,UZB")
        .expect("a spec")
        .resolve(&sco_data::Embedded, &NoSco)
        .expect("a group");
    let w = sco_indicators::weight(
        &sco_data::Embedded,
        &group,
        2024,
        &[sco_indicators::Measure::Population],
        &sco_indicators::WeightOptions::default(),
    )
    .expect("a weight");
    let population = w
        .share(sco_indicators::Measure::Population)
        .expect("a share");
    let served = body["population_share"].as_f64().expect("a share");
    assert!(
        (served - population).abs() < 1e-12,
        "{served} != {population}"
    );
    assert!(population > 0.4 && population < 0.45, "{population}");
    assert!(body["gdp_usd_share"].as_f64().is_some());
    assert!(body["measures"].as_array().map(Vec::len) >= Some(6));
}

/// Lists need no SCO membership.
struct NoSco;

impl sco_indicators::ScoMembership for NoSco {
    fn states(&self, _: sco_indicators::ScoTier, _: NaiveDate) -> Result<Vec<String>, String> {
        Err("not used".into())
    }

    fn source(&self) -> String {
        String::new()
    }
}

#[test]
fn weight_options_change_the_answer() {
    let without = ok("/api/weight?date=2017-06-09&without=IND&measures=population");
    assert!(!without["members"]
        .as_array()
        .expect("members")
        .iter()
        .any(|c| c == "IND"));
    let with = ok("/api/weight?date=2017-06-09&measures=population");
    assert!(without["population_share"].as_f64() < with["population_share"].as_f64());
    assert_eq!(with["data_year"], 2017);
    let latest = ok("/api/weight?date=2017-06-09&data_year=latest&measures=population");
    assert_eq!(
        latest["data_year"],
        state().latest_data_year().expect("a year")
    );
    let nato = ok("/api/weight?date=2020-01-01&group=nato&measures=population");
    assert_eq!(nato["grouping_spec"], "org:nato@2020-01-01");
}

#[test]
fn weight_series_rereads_membership_each_year() {
    let body = ok("/api/weight/series?group=members&from=2016&to=2018&measures=population");
    let years = body.as_array().expect("an array");
    assert_eq!(years.len(), 3);
    assert_eq!(years[0]["members"].as_array().map(Vec::len), Some(6));
    assert_eq!(years[2]["members"].as_array().map(Vec::len), Some(8));
    assert_eq!(years[0]["shares"][0][0], "population");
    assert!(years[2]["shares"][0][1].as_f64() > years[0]["shares"][0][1].as_f64());
}

#[test]
fn cases_list_the_shipped_cases() {
    let body = ok("/api/cases");
    let ids: Vec<&str> = body
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    let shipped: Vec<String> = state().cases().iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids, shipped);
    assert!(ids.contains(&"development-bank"));
}

#[test]
fn a_case_runs_every_model_under_consensus() {
    let body = ok("/api/cases/development-bank");
    assert_eq!(body["coding"]["id"], "development-bank");
    let run = &body["run"];
    assert_eq!(run["case"], "development-bank");
    assert_eq!(run["membership"], "members on 2015-07-10");
    assert_eq!(run["members"].as_array().map(Vec::len), Some(6));
    let models: Vec<&str> = run["models"]
        .as_array()
        .expect("models")
        .iter()
        .filter_map(|m| m["model"].as_str())
        .collect();
    assert_eq!(models, ["compromise", "nash", "eum", "smp"]);
    for m in run["models"].as_array().expect("models") {
        assert!(m["judgement"]["passes"].is_boolean());
        assert_eq!(m["prediction"].as_array().map(Vec::len), Some(2));
    }
    // The same run through the library.
    let state = state();
    let case = sco_lab::case::shipped("development-bank").expect("the case");
    let members = sco_lab::membership::members_in(state.history(), case.date);
    let expected = sco_lab::analysis::run_case(
        &case,
        &members,
        "members on 2015-07-10",
        &sco_lab::analysis::Model::ALL,
    )
    .expect("a run");
    // Byte for byte: the document `sco decide case development-bank --json` prints, unindented.
    #[derive(serde::Serialize)]
    struct Expected<'a> {
        coding: &'a sco_lab::case::ScoCase,
        run: &'a sco_lab::analysis::CaseRun,
    }
    let expected = serde_json::to_string(&Expected {
        coding: &case,
        run: &expected,
    })
    .expect("JSON");
    assert_eq!(
        get("/api/cases/development-bank").text(),
        with_provenance(&expected)
    );
}

#[test]
fn a_case_takes_a_model_and_a_membership() {
    let body = ok("/api/cases/foreign-bases-2005?model=compromise&membership=sco-2001");
    let models = body["run"]["models"].as_array().expect("models");
    assert_eq!(models.len(), 1);
    assert_eq!(models[0]["model"], "compromise");
    assert_eq!(body["run"]["members"].as_array().map(Vec::len), Some(6));
}

#[test]
fn bad_dates_are_400_with_a_clear_message() {
    for uri in [
        "/api/snapshot?date=2024-13-01",
        "/api/snapshot?date=yesterday",
        "/api/members?date=2024-02-30",
        "/api/weight?date=04/07/2024",
        "/api/timeline?from=2017",
    ] {
        let message = error(uri, StatusCode::BAD_REQUEST);
        assert!(message.contains("is not a date"), "{uri}: {message}");
        assert!(message.contains("YYYY-MM-DD"), "{uri}: {message}");
        assert!(message.starts_with("parameter `"), "{uri}: {message}");
    }
}

#[test]
fn other_bad_input_is_400_naming_the_parameter() {
    let cases = [
        ("/api/snapshot?dat=2024-07-04", "unknown parameter `dat`"),
        (
            "/api/snapshot?date=2024-07-04&date=2023-01-01",
            "more than once",
        ),
        ("/api/members?status=friend", "parameter `status`"),
        ("/api/timeline?kind=party", "unknown kind `party`"),
        ("/api/timeline?state=ATLANTIS", "unknown state `ATLANTIS`"),
        (
            "/api/timeline?from=2020-01-01&to=2010-01-01",
            "after parameter `to`",
        ),
        ("/api/officials?post=king", "parameter `post`"),
        ("/api/summits?include_shanghai_five=maybe", "not a boolean"),
        ("/api/summits?council=ministers", "parameter `council`"),
        ("/api/weight?group=atlantis", "atlantis"),
        (
            "/api/weight?measures=happiness",
            "unknown measure `happiness`",
        ),
        ("/api/weight?missing=guess", "parameter `missing`"),
        ("/api/weight?world=mars", "parameter `world`"),
        ("/api/weight?data_year=soon", "parameter `data_year`"),
        ("/api/weight/series?from=2020&to=2010", "before `from`"),
        ("/api/weight/series?membership_day=13-40", "membership_day"),
        ("/api/members/series?day=02-31", "parameter `day`"),
        (
            "/api/cases/development-bank?model=oracle",
            "parameter `model`",
        ),
        (
            "/api/cases/development-bank?membership=someday",
            "parameter `membership`",
        ),
        ("/api/health?verbose=1", "takes no parameters"),
    ];
    for (uri, needle) in cases {
        let message = error(uri, StatusCode::BAD_REQUEST);
        assert!(message.contains(needle), "{uri}: {message}");
    }
}

#[test]
fn unknown_paths_cases_and_methods_are_json_errors() {
    let message = error("/api/nothing", StatusCode::NOT_FOUND);
    assert!(message.contains("/api/nothing"), "{message}");
    error("/favicon.ico", StatusCode::NOT_FOUND);
    let message = error("/api/cases/no-such-case", StatusCode::NOT_FOUND);
    assert!(message.contains("development-bank"), "{message}");
    // A path is never read as a file.
    error("/api/cases/..%2FCargo.toml", StatusCode::NOT_FOUND);
    let reply = request("POST", "/api/health");
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(reply.json()["error"]
        .as_str()
        .is_some_and(|m| m.contains("read-only")));
}

#[test]
fn the_dashboard_and_its_files_come_from_the_server() {
    let reply = get("/");
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.content_type.starts_with("text/html"),
        "{}",
        reply.content_type
    );
    let html = reply.text();
    for element in [
        "<html lang=\"en\"",
        "<script src=\"/assets/dashboard.js\"",
        "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\"",
        "id=\"slider\"",
        "<label for=\"date\"",
        "id=\"map\"",
        "id=\"timeline\"",
        "id=\"weight-chart\"",
        "id=\"case-detail\"",
        "id=\"world\"",
        "<option value=\"ru\">",
        "<option value=\"zh\">",
    ] {
        assert!(html.contains(element), "the dashboard lacks {element}");
    }
    // Nothing is fetched from elsewhere (the machine may be offline), and nothing is inline:
    // the content security policy allows the server's own script and style sheet only.
    for external in [
        "http://",
        "https://",
        "src=\"//",
        "<script>",
        "<style",
        " style=",
        "onclick=",
        "onload=",
        "onerror=",
        "onchange=",
        "onsubmit=",
    ] {
        assert!(
            !html.contains(external),
            "the dashboard contains {external}"
        );
    }
    let script = get("/assets/dashboard.js");
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.content_type.starts_with("text/javascript"));
    let js = script.text();
    for endpoint in [
        "/api/overview",
        "/api/states",
        "/api/timeline",
        "/api/weight/series",
        "/api/cohesion/series",
        "/what-if",
        "/api/scenarios/",
        "/assets/countries-110m.json",
    ] {
        assert!(
            js.contains(endpoint),
            "the script never asks for {endpoint}"
        );
    }
    assert!(!js.contains("http://") && !js.contains("https://"));
    assert!(get("/assets/dashboard.css")
        .content_type
        .starts_with("text/css"));
    let map = get("/assets/countries-110m.json");
    assert_eq!(map.status, StatusCode::OK);
    assert_eq!(
        map.json()["objects"]["countries"]["geometries"]
            .as_array()
            .map(Vec::len),
        Some(177)
    );
    let missing = error("/assets/secret.txt", StatusCode::NOT_FOUND);
    assert!(missing.contains("dashboard.js"), "{missing}");
    assert!(error("/assets/../Cargo.toml", StatusCode::NOT_FOUND).contains("no "));
}

#[test]
fn states_give_numeric_codes_and_three_names() {
    let states = ok("/api/states");
    let rows = states.as_array().expect("an array");
    let kaz = rows.iter().find(|s| s["iso3"] == "KAZ").expect("KAZ");
    assert_eq!(kaz["iso_numeric"], "398");
    assert_eq!(kaz["name_ru"], "Казахстан");
    assert_eq!(kaz["name_zh"], "哈萨克斯坦");
    // Every shape of the map's file with a numeric id finds its state, but for a few
    // territories the ledger's directory does not name.
    let map = get("/assets/countries-110m.json").json();
    let numeric: Vec<&str> = rows
        .iter()
        .filter_map(|s| s["iso_numeric"].as_str())
        .collect();
    let unmatched: Vec<&str> = map["objects"]["countries"]["geometries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["id"].as_str())
        .filter(|id| !numeric.contains(id))
        .collect();
    assert!(
        unmatched.len() <= 4,
        "shapes without a state: {unmatched:?}"
    );
    assert!(error("/api/states?x=1", StatusCode::BAD_REQUEST).contains("no parameters"));
}

#[test]
fn cohesion_series_follows_membership_and_names_its_errors() {
    let points = ok("/api/cohesion/series?from=2016&to=2018");
    let rows = points.as_array().expect("an array");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["members"].as_array().map(Vec::len), Some(6));
    assert_eq!(rows[1]["members"].as_array().map(Vec::len), Some(8));
    let mean = rows[1]["polyarchy_mean"].as_f64().unwrap();
    assert!(
        rows[1]["polyarchy_min"].as_f64().unwrap() <= mean
            && mean <= rows[1]["polyarchy_max"].as_f64().unwrap()
    );
    let nato = ok("/api/cohesion/series?from=2020&to=2020&group=nato");
    assert!(nato[0]["polyarchy_mean"].as_f64().unwrap() > mean);
    for (uri, says) in [
        ("/api/cohesion/series?from=2018&to=2016", "before"),
        ("/api/cohesion/series?group=nowhere", "group"),
        ("/api/cohesion/series?from=abc", "`from`"),
    ] {
        let message = error(uri, StatusCode::BAD_REQUEST);
        assert!(message.contains(says), "{uri}: {message}");
    }
}

#[test]
fn what_if_reruns_a_case_with_changed_codings() {
    let base = ok("/api/cases/development-bank/what-if?model=compromise");
    assert_eq!(base["changes"], serde_json::json!([]));
    let coded = ok("/api/cases/development-bank?model=compromise");
    assert_eq!(base["run"], coded["run"], "no change: the ordinary run");
    let changed = ok(
        "/api/cases/development-bank/what-if?model=compromise&changes=RUS:china_share:position:80,RUS:institution:position:100",
    );
    assert_eq!(changed["changes"][0]["from"], 15.0);
    assert_eq!(changed["changes"][0]["to"], 80.0);
    let before = base["run"]["models"][0]["prediction"][1].as_f64().unwrap();
    let after = changed["run"]["models"][0]["prediction"][1]
        .as_f64()
        .unwrap();
    assert!(after > before, "{before} -> {after}");
    for (uri, status, says) in [
        (
            "/api/cases/development-bank/what-if?changes=RUS:china_share:position:101",
            StatusCode::BAD_REQUEST,
            "outside 0..=100",
        ),
        (
            "/api/cases/development-bank/what-if?changes=RUS:china_share:50",
            StatusCode::BAD_REQUEST,
            "STATE:DIMENSION",
        ),
        (
            "/api/cases/development-bank/what-if?changes=USA:china_share:position:1",
            StatusCode::BAD_REQUEST,
            "no state `USA`",
        ),
        (
            "/api/cases/development-bank/what-if?membership=1990-01-01",
            StatusCode::BAD_REQUEST,
            "`membership`",
        ),
        (
            "/api/cases/nothing/what-if",
            StatusCode::NOT_FOUND,
            "no case",
        ),
    ] {
        let message = error(uri, status);
        assert!(message.contains(says), "{uri}: {message}");
    }
}

#[test]
fn the_norms_hindcast_is_served_with_its_baselines() {
    let doc = ok("/api/scenarios/norms/hindcast?runs=20&seed=7");
    let hindcast = &doc["hindcast"];
    assert_eq!(hindcast["runs"], 20);
    assert_eq!(hindcast["master_seed"], 7);
    assert_eq!(hindcast["start_year"], 2001);
    assert_eq!(hindcast["bands"].as_array().map(Vec::len), Some(12));
    let all = hindcast["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "All 12 states")
        .expect("the all-state row");
    assert!(all["persistence_rmse"].as_f64().unwrap() > 0.0);
    assert!(doc["ablations"].is_null(), "ablations only when asked");
    assert_eq!(
        ok("/api/scenarios/norms/hindcast?runs=20&seed=7"),
        doc,
        "deterministic"
    );
    let message = error(
        "/api/scenarios/norms/hindcast?runs=100000",
        StatusCode::BAD_REQUEST,
    );
    assert!(message.contains("10..=200"), "{message}");
}

#[test]
fn the_world_hindcast_and_a_counterfactual_beside_its_baseline() {
    let doc = ok("/api/scenarios/world/hindcast?runs=10&seed=3");
    assert_eq!(doc["scenario"], "world");
    assert_eq!(
        (doc["runs"].as_u64(), doc["master_seed"].as_u64()),
        (Some(10), Some(3))
    );
    let states = doc["states"].as_array().expect("states").len();
    let targets = doc["targets"].as_array().expect("targets").len();
    assert_eq!(
        doc["baseline"].as_array().map(Vec::len),
        Some(states * targets)
    );
    assert!(doc["counterfactual"].is_null());
    assert_eq!(doc["counterfactuals"].as_array().map(Vec::len), Some(5));
    let cf = ok("/api/scenarios/world/hindcast?runs=10&seed=3&counterfactual=us-bases-kept");
    assert_eq!(cf["baseline_statuses"], "ledger");
    assert_eq!(
        cf["counterfactual"]["counterfactual"]["name"],
        "us-bases-kept"
    );
    assert_eq!(
        cf["counterfactual"]["bands"].as_array().map(Vec::len),
        Some(states * targets)
    );
    assert!(cf["counterfactual"]["differences"]
        .as_array()
        .is_some_and(|d| !d.is_empty()));
    let message = error(
        "/api/scenarios/world/hindcast?counterfactual=no-such-history",
        StatusCode::NOT_FOUND,
    );
    assert!(message.contains("russia-no-sanctions"), "{message}");
    let message = error(
        "/api/scenarios/world/hindcast?runs=5000",
        StatusCode::BAD_REQUEST,
    );
    assert!(message.contains("10..=200"), "{message}");
}

#[test]
fn members_on_2017_06_09_as_served() {
    // India and Pakistan admitted at Astana: the rows a client gets, pinned.
    insta::assert_json_snapshot!(
        "members_2017_06_09",
        ok("/api/members?date=2017-06-09&status=member")
    );
}

#[test]
fn a_bad_date_as_served() {
    let reply = get("/api/snapshot?date=2017-02-30");
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    insta::assert_json_snapshot!("bad_date_error", reply.json());
}

#[test]
fn expansion_lowers_the_chance_of_agreement_as_members_join() {
    let body = ok("/api/expansion?agenda=uniform-1&draws=2000&seed=7");
    assert_eq!(body["settings"]["draws"], 2000);
    assert_eq!(body["settings"]["seed"], 7);
    let rows = body["rows"].as_array().expect("rows");
    let memberships = body["memberships"].as_array().expect("memberships");
    assert_eq!(rows.len(), memberships.len());
    let p = |id: &str| {
        rows.iter()
            .find(|r| r["membership"] == id)
            .and_then(|r| r["p_pass"].as_f64())
            .unwrap_or_else(|| panic!("no row for {id}"))
    };
    assert!(p("shanghai-five") > p("sco-2024"), "{rows:?}");
    // The same request gives the same document (seeded draws).
    assert_eq!(
        body,
        ok("/api/expansion?agenda=uniform-1&draws=2000&seed=7")
    );
}

#[test]
fn a_case_under_every_membership() {
    let body = ok("/api/expansion/single-currency");
    assert_eq!(body["case"], "single-currency");
    let rows = body["rows"].as_array().expect("rows");
    let five = rows
        .iter()
        .find(|r| r["membership"] == "shanghai-five")
        .expect("row");
    let now = rows
        .iter()
        .find(|r| r["membership"] == "sco-2024")
        .expect("row");
    assert_eq!(five["winset"]["empty"], false);
    assert_eq!(now["winset"]["empty"], true);
    error("/api/expansion/no-such-case", StatusCode::NOT_FOUND);
}

#[test]
fn the_anti_western_winset_is_bound_by_a_member() {
    let body = ok("/api/anti-western");
    assert_eq!(body["view"], "year");
    let rows = body["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    for row in rows {
        let binding = &row["binding_member"];
        assert!(
            row["members"]
                .as_array()
                .expect("members")
                .contains(binding),
            "{row}"
        );
    }
    let by_membership = ok("/api/anti-western?positions=2023");
    assert_eq!(by_membership["view"], "membership");
}

#[test]
fn lab_parameters_are_checked() {
    let message = error("/api/expansion?agenda=cube", StatusCode::BAD_REQUEST);
    assert!(message.contains("`cube` is not an agenda"), "{message}");
    let message = error("/api/expansion?draws=5", StatusCode::BAD_REQUEST);
    assert!(
        message.contains("parameter `draws`: 5 is outside"),
        "{message}"
    );
    let message = error("/api/expansion?seed=-1", StatusCode::BAD_REQUEST);
    assert!(message.contains("not a whole number"), "{message}");
    let message = error("/api/anti-western?positions=1950", StatusCode::BAD_REQUEST);
    assert!(message.contains("no UN ideal points for 1950"), "{message}");
}

#[test]
fn the_panel_is_the_views_document_byte_for_byte() {
    use sco_documents::panel::{panel, DayOfYear, PanelRequest, StateSystem};
    let state = state();
    let mut request = PanelRequest::new(2017);
    request.from = 2016;
    request.system = StateSystem::Gw;
    request.day = DayOfYear::parse("07-01").expect("a day");
    let document = panel(
        state.ledger(),
        state.history(),
        &sco_data::Embedded,
        &request,
    )
    .expect("a panel");
    let reply = get("/api/panel?from=2016&to=2017&system=gw&day=07-01");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        reply.text(),
        with_provenance(&serde_json::to_string(&document).expect("JSON")),
        "the served panel differs from sco_documents::panel::panel"
    );
    // Defaults: 1996 to the clock's year, COW system, 31 December.
    let body = ok("/api/panel");
    assert_eq!(body["metadata"]["from"], 1996);
    assert_eq!(body["metadata"]["to"], 2024);
    assert_eq!(body["metadata"]["system"], "cow");
    assert_eq!(body["metadata"]["day"], "12-31");
    let ind = body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["iso3"] == "IND" && r["year"] == 2017)
        .expect("IND 2017");
    assert_eq!(ind["status"], "member");
    assert_eq!(ind["ccode"], 750);
    for (uri, needle) in [
        ("/api/panel?system=polity", "parameter `system`"),
        ("/api/panel?day=02-29", "parameter `day`"),
        ("/api/panel?from=1990", "1996"),
        ("/api/panel?from=2010&to=2005", "backwards"),
        ("/api/panel?with=happiness", "parameter `with`"),
        ("/api/panel?year=2000", "year"),
    ] {
        let message = error(uri, StatusCode::BAD_REQUEST);
        assert!(message.contains(needle), "{uri}: {message}");
    }
}

/// A compact document as the server sends it: with the provenance of the embedded ledger and data.
fn with_provenance(document: &str) -> String {
    use sco_documents::provenance::{attach, Layout, Provenance};
    let ledger = common::embedded_state().ledger().digest.clone();
    attach(document, &Provenance::new(Some(ledger)), Layout::Compact)
}

#[test]
fn every_document_says_what_computed_it_and_errors_do_not() {
    let ledger = common::embedded_state().ledger().digest.clone();
    let listing = get("/api/timeline?kind=admitted").raw_json();
    let object = listing.as_object().expect("a list comes as an object");
    assert_eq!(
        object.keys().collect::<Vec<_>>(),
        ["items", "provenance"],
        "{listing}"
    );
    assert!(listing["items"].as_array().is_some_and(|a| !a.is_empty()));
    let overview = get("/api/snapshot?date=2017-06-09").raw_json();
    let provenance = &overview["provenance"];
    assert_eq!(provenance["ledger_digest"], ledger.as_str());
    assert_eq!(provenance["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        provenance["data_digest"],
        sco_data::embedded::digest(),
        "the data digest of `sco version`"
    );
    let error = get("/api/snapshot?date=2023-02-30");
    assert_eq!(error.status, StatusCode::BAD_REQUEST);
    assert!(error.raw_json().get("provenance").is_none());
}

#[test]
fn the_request_layer_catalogue_is_served_and_listed_with_its_cli_command() {
    let index = ok("/api");
    for entry in sco_documents::request::catalogue::CATALOGUE {
        let listed = index
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == entry.path)
            .unwrap_or_else(|| panic!("{} not in GET /api", entry.path));
        assert_eq!(listed["cli"], entry.cli);
    }
    let state = ok("/api/state?state=India");
    assert_eq!(
        (state["iso3"].as_str(), state["ccode"].as_u64()),
        (Some("IND"), Some(750))
    );
    let message = error("/api/state?state=Atlantis", StatusCode::NOT_FOUND);
    assert!(message.contains("unknown state `Atlantis`"), "{message}");
    let message = error("/api/charter?article=99", StatusCode::NOT_FOUND);
    assert!(message.contains("articles available"), "{message}");
    let admission = ok("/api/admission?state=TKM&date=2024-07-04");
    assert_eq!(admission["next_step"], "start_procedure");
    assert_eq!(ok("/api/predict?date=2024-07-04")[0]["what"], "next_chair");
}

#[test]
fn docs_api_md_documents_every_endpoint_the_server_lists() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/api.md"),
    )
    .expect("docs/api.md");
    for entry in ok("/api").as_array().unwrap() {
        let path = entry["path"].as_str().unwrap();
        assert!(
            docs.contains(&format!("`GET {path}`")),
            "docs/api.md has no row for GET {path}"
        );
    }
}

#[test]
fn a_case_names_its_states_with_their_cow_and_gw_numbers() {
    let doc = ok("/api/cases/development-bank?model=compromise");
    let china = &doc["coding"]["actors"][0];
    assert_eq!(
        (
            china["state"].as_str(),
            china["ccode"].as_u64(),
            china["gwcode"].as_u64()
        ),
        (Some("CHN"), Some(710), Some(710))
    );
    for capability in doc["run"]["capabilities"].as_array().unwrap() {
        assert!(capability["ccode"].is_u64(), "{capability}");
    }
}
