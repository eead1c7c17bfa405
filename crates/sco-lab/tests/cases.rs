//! Every shipped case is a test: it loads, runs with the members the ledger gives for its
//! date, and its key result holds.

use sco_lab::analysis::{self, CaseRun, Model};
use sco_lab::case;
use sco_lab::membership::{self, Membership};

fn run_at_date(id: &str, models: &[Model]) -> CaseRun {
    let c = case::shipped(id).expect("shipped case parses");
    let members = membership::members_on(c.date).expect("ledger");
    analysis::run_case(&c, &members, "date", models).expect("case runs")
}

fn memberships() -> Vec<Membership> {
    membership::resolve_all().expect("ledger")
}

fn run_with(id: &str, membership_id: &str) -> CaseRun {
    let c = case::shipped(id).expect("shipped case parses");
    let history = sco_ledger::Ledger::embedded()
        .and_then(|l| l.replay())
        .expect("ledger");
    let m = membership::find(&history, &memberships(), membership_id).expect("membership");
    analysis::run_case(&c, &m.members, &m.label, &[Model::Compromise]).expect("case runs")
}

fn proposal<'a>(run: &'a CaseRun, name: &str) -> &'a analysis::JudgedPoint {
    run.proposals
        .iter()
        .find(|p| p.name.starts_with(name))
        .expect("proposal listed")
}

#[test]
fn every_shipped_case_runs_every_model_at_its_date() {
    for c in case::all_shipped().expect("cases parse") {
        let members = membership::members_on(c.date).expect("ledger");
        assert!(members.len() >= 5, "{}: {members:?}", c.id);
        let run = analysis::run_case(&c, &members, "date", &Model::ALL).expect("runs");
        assert_eq!(run.models.len(), 4, "{}", c.id);
        for m in &run.models {
            assert_eq!(m.prediction.len(), c.dimensions.len());
            if m.judgement.passes {
                assert!(m.judgement.blockers.is_empty());
                assert!(m.projection.unchanged);
            } else {
                // The binding veto (the most restrictive member towards the prediction) is
                // one of the members that object to it.
                let veto = m
                    .judgement
                    .binding_veto
                    .as_deref()
                    .expect("a blocked prediction has a binding veto");
                assert!(
                    m.judgement.blockers.iter().any(|b| b.state == veto),
                    "{} {:?}",
                    c.id,
                    m.model
                );
                // What consensus lets pass is itself unobjectionable.
                let caps = sco_lab::capability::resolve(&c, &run.members).expect("capabilities");
                let profile = analysis::profile(&c, &run.members, &caps).expect("profile");
                let problem = analysis::problem(&c, &profile).expect("problem");
                let again =
                    sco_lab::consensus::judge(&problem, &m.projection.point).expect("judged");
                assert!(
                    again.passes || again.status_quo,
                    "{} {:?}: {:?}",
                    c.id,
                    m.model,
                    again.blockers
                );
            }
        }
        // Models with rounds report a path that starts at the members' own positions.
        for m in run.models.iter().filter(|m| !m.rounds.is_empty()) {
            for (start, ideal) in m.rounds[0].positions.iter().zip(&run.ideals) {
                for (a, b) in start.iter().zip(ideal) {
                    assert!((a - b).abs() < 1e-9, "{} {:?}: {a} vs {b}", c.id, m.model);
                }
            }
        }
    }
}

#[test]
fn development_bank_russia_is_the_binding_veto_before_2017() {
    let run = run_at_date("development-bank", &Model::ALL);
    assert_eq!(run.members, ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]);
    let china = proposal(&run, "China's bank");
    assert!(!china.judgement.passes);
    assert_eq!(china.judgement.binding_veto.as_deref(), Some("RUS"));
    // A reservation on the separable aspect (taking part) does not help: the objection is to control.
    assert!(!china.judgement.passes_with_reservations);
    for m in &run.models {
        if !m.judgement.passes {
            assert_eq!(
                m.judgement.binding_veto.as_deref(),
                Some("RUS"),
                "{:?}",
                m.model
            );
            assert!(
                m.projection.binding.contains(&"RUS".to_string()),
                "{:?}",
                m.model
            );
        }
    }
    // Russia's own design, a minority Chinese stake, would have passed.
    assert!(proposal(&run, "Russia's EDB").judgement.passes);
    // Under the Shanghai Five and the 2001 membership Russia blocks; after 2017 India blocks too.
    for id in ["shanghai-five", "sco-2001"] {
        let r = run_with("development-bank", id);
        assert_eq!(
            proposal(&r, "China's bank")
                .judgement
                .binding_veto
                .as_deref(),
            Some("RUS"),
            "{id}"
        );
    }
    let later = run_with("development-bank", "sco-2017");
    let blockers: Vec<&str> = proposal(&later, "China's bank")
        .judgement
        .blockers
        .iter()
        .map(|b| b.state.as_str())
        .collect();
    assert!(
        blockers.contains(&"RUS") && blockers.contains(&"IND"),
        "{blockers:?}"
    );
    assert!(later.winset.share < run.winset.share);
}

#[test]
fn foreign_bases_the_deadline_passed_and_kyrgyzstan_bounded_it() {
    let run = run_at_date("foreign-bases-2005", &[Model::Compromise, Model::Eum]);
    assert_eq!(run.members.len(), 6);
    let (lo, hi) = run.winset.interval.expect("one dimension, open winset");
    assert_eq!(lo, 0.0);
    assert!((hi - 60.0).abs() < 1e-9, "{hi}");
    assert!(proposal(&run, "Call for a deadline").judgement.passes);
    assert_eq!(
        proposal(&run, "Immediate closure")
            .judgement
            .binding_veto
            .as_deref(),
        Some("KGZ")
    );
    let outcome = run.outcome.as_ref().expect("outcome placed");
    assert!(outcome.judgement.passes);
    // With India and Pakistan as members the same text could not have passed.
    let later = run_with("foreign-bases-2005", "sco-2017");
    let text = proposal(&later, "Call for a deadline");
    assert!(!text.judgement.passes);
    assert_eq!(text.judgement.binding_veto.as_deref(), Some("PAK"));
}

#[test]
fn india_softer_balancing_outcome_passes_only_with_indias_reservation() {
    let run = run_at_date("india-softer-balancing", &[Model::Compromise]);
    assert!(run.members.contains(&"IND".to_string()));
    let outcome = run.outcome.as_ref().expect("outcome placed");
    assert!(!outcome.judgement.passes);
    assert_eq!(outcome.judgement.binding_veto.as_deref(), Some("IND"));
    assert!(outcome.judgement.passes_with_reservations);
    assert_eq!(outcome.judgement.reservations, ["IND"]);
    // A 2005-style text fails even with reservations: India objects to its tone, which is not separable.
    let hard = proposal(&run, "A 2005-style text");
    assert!(!hard.judgement.passes_with_reservations);
    // India's entry lowers how anti-Western a consensus text can be.
    let before = run_with("india-softer-balancing", "sco-2001");
    let bound = |r: &CaseRun| r.winset.bounds.as_ref().expect("open")[0].1;
    assert!(
        bound(&before) > bound(&run) + 5.0,
        "{} vs {}",
        bound(&before),
        bound(&run)
    );
    assert!(proposal(&before, "A 2005-style text").judgement.passes);
}

#[test]
fn single_currency_gridlock_and_the_roadmap_by_the_interested() {
    let run = run_at_date("single-currency", &[Model::Compromise]);
    assert_eq!(run.members.len(), 10);
    assert!(run.winset.empty);
    assert_eq!(
        run.gridlock_vetoes,
        [["IND".to_string(), "UZB".to_string()]]
    );
    let iran = proposal(&run, "Iran's single currency");
    assert!(!iran.judgement.passes && !iran.judgement.passes_with_reservations);
    let compromise = &run.models[0];
    assert!(!compromise.judgement.passes);
    assert!(compromise.judgement.passes_with_reservations);
    assert_eq!(compromise.judgement.reservations, ["IND", "UZB"]);
    // Strict consensus leaves the status quo.
    assert!((compromise.projection.point[0] - 25.0).abs() < 1e-6);
}

#[test]
fn case_expansion_covers_every_membership() {
    let ms = memberships();
    assert_eq!(ms.len(), 6);
    let bases = case::shipped("foreign-bases-2005").expect("case");
    let rows = sco_lab::expansion::case_expansion(&bases, &ms).expect("rows");
    let shares: Vec<f64> = rows
        .iter()
        .map(|r| r.winset.as_ref().expect("coded").share)
        .collect();
    // Founding memberships: 0..60 open; India and Pakistan shrink it to 0..10; Turkey closes it.
    assert!(
        (shares[1] - 0.6).abs() < 1e-9 && (shares[2] - 0.1).abs() < 1e-9,
        "{shares:?}"
    );
    assert_eq!(shares[5], 0.0);
    assert_eq!(rows[5].gridlock_vetoes, [["TUR".to_string()]]);
}
