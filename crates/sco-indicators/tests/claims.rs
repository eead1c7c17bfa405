//! The claims check: comparators read the wording as documented, verdicts follow from the
//! trials, and groupings that cannot be resolved are recorded rather than fatal.

use chrono::NaiveDate;
use sco_data::{parse_claims, Embedded};
use sco_indicators::{check_claims, fits, GroupSpec, ScoMembership, ScoTier, Verdict};

/// SCO membership from fixed lists (the real CLI asks the ledger).
struct Fixed;

impl ScoMembership for Fixed {
    fn states(&self, tier: ScoTier, date: NaiveDate) -> Result<Vec<String>, String> {
        let mut v: Vec<&str> = if date >= NaiveDate::from_ymd_opt(2017, 6, 9).unwrap() {
            vec!["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
        } else {
            vec!["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
        };
        if tier != ScoTier::Members {
            return Err("no observers in this test".into());
        }
        v.sort();
        Ok(v.into_iter().map(String::from).collect())
    }
    fn source(&self) -> String {
        "fixed list".into()
    }
}

const CLAIMS: &str = r#"
[[claim]]
id = "share"
seed = "003.txt"
location = "line 35"
quote = "approximately 20% of the world's GDP"
kind = "world-share"
measures = ["gdp_usd", "gdp_ppp"]
claimed = 0.20
unit = "share of world"
comparator = "about"
tolerance = 0.02
years = [2016]
groupings = ["sco:members@2017-06-09", "sco:members+observers@2017-06-09"]

[[claim]]
id = "half"
seed = "001.txt"
location = "line 113"
quote = "half of the world's GDP"
kind = "world-share"
measures = ["gdp_usd"]
claimed = 0.5
unit = "share of world"
comparator = "about"
tolerance = 0.05
years = [2021]
groupings = ["sco:members@2022-09-16"]

[[claim]]
id = "trade-2019"
seed = "001.txt"
location = "line 215"
quote = "US$ 602.94 billion"
kind = "intra-trade"
claimed = 602.94e9
unit = "US$"
comparator = "about"
relative_tolerance = 0.05
years = [2019]
groupings = ["named:sco-eight"]
reason = "bilateral trade ends in 2014"
"#;

#[test]
fn verdicts_follow_from_the_definitions_tested() {
    let claims = parse_claims("t.toml", CLAIMS).unwrap();
    let results = check_claims(&Embedded, &claims, &Fixed).unwrap();

    let share = &results[0];
    assert_eq!(share.verdict, Verdict::Reproduced);
    // Two measures for the resolvable grouping, two failed trials for the other.
    assert_eq!(share.trials.len(), 4);
    let failed: Vec<_> = share
        .trials
        .iter()
        .filter(|t| t.computed.is_none())
        .collect();
    assert_eq!(failed.len(), 2);
    assert!(failed[0]
        .note
        .as_deref()
        .unwrap()
        .contains("no observers in this test"));
    let best = &share.trials[share.best.unwrap()];
    assert_eq!(best.measure, Some(sco_data::Measure::GdpUsd));
    assert!(
        (best.computed.unwrap() - 0.2017).abs() < 0.001,
        "{:?}",
        best.computed
    );

    let half = &results[1];
    assert_eq!(half.verdict, Verdict::NotReproduced);
    assert!(
        half.summary.starts_with("None of 1 definitions fits"),
        "{}",
        half.summary
    );

    let trade = &results[2];
    assert_eq!(trade.verdict, Verdict::NotCheckable);
    assert_eq!(trade.summary, "Not checkable: bilateral trade ends in 2014");
}

#[test]
fn comparators_read_the_wording() {
    let mut claim = parse_claims("t.toml", CLAIMS).unwrap().remove(0);
    assert!(fits(&claim, 0.219));
    assert!(!fits(&claim, 0.221));
    claim.comparator = Some(sco_data::Comparator::Almost);
    claim.claimed = Some(0.40);
    claim.tolerance = Some(0.03);
    assert!(fits(&claim, 0.39));
    assert!(!fits(&claim, 0.401));
    assert!(!fits(&claim, 0.369));
    claim.comparator = Some(sco_data::Comparator::MoreThan);
    claim.claimed = Some(0.30);
    assert!(fits(&claim, 0.3001));
    assert!(!fits(&claim, 0.30));
    claim.comparator = Some(sco_data::Comparator::Between);
    claim.claimed = Some(30.0);
    claim.upper = Some(33.5);
    assert!(fits(&claim, 33.5));
    assert!(!fits(&claim, 25.0));
}

#[test]
fn counterfactual_groupings_resolve() {
    let spec = GroupSpec::parse("sco:members@2017-06-09 without IND").unwrap();
    let group = spec.resolve(&Embedded, &Fixed).unwrap();
    assert_eq!(
        group.members,
        ["CHN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
    );
    assert_eq!(group.label, "SCO members without IND");
    let nato = GroupSpec::parse("org:nato@1999-03-12")
        .unwrap()
        .resolve(&Embedded, &Fixed)
        .unwrap();
    assert_eq!(nato.members.len(), 19);
    let eu = GroupSpec::parse("org:eu@2020-02-01")
        .unwrap()
        .resolve(&Embedded, &Fixed)
        .unwrap();
    assert_eq!(eu.members.len(), 27);
    assert!(!eu.members.contains(&"GBR".to_string()));
    let unknown = GroupSpec::parse("named:warsaw-pact")
        .unwrap()
        .resolve(&Embedded, &Fixed);
    assert_eq!(
        unknown.unwrap_err().to_string(),
        "unknown grouping `warsaw-pact` (see `data/groupings/organizations.toml`)"
    );
}
