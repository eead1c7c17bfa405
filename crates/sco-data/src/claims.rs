//! The seeds' quantitative claims about size, as data (`data/claims/seed-claims.toml`):
//! where each claim is, what it says as a number, and which definitions to test it under.
//! The evaluation lives in `sco-indicators`; this module only reads and checks the file.

use serde::Deserialize;

use crate::groupings::{line_column, toml_message};
use crate::measure::Measure;
use crate::DataError;

/// What kind of figure a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A grouping's share of the world total (a fraction 0–1).
    WorldShare,
    /// A grouping's total (persons, US$, ...).
    GroupTotal,
    /// The world total.
    WorldTotal,
    /// Growth of the world total between `base_year` and a year (a fraction: 1.206 = +120.6%).
    WorldGrowth,
    /// Trade among the members of a grouping (US$, sum of both directions).
    IntraTrade,
    /// A grouping's share of the area of a denominator region (a fraction).
    AreaShare,
    /// The grouping is the largest by each measure among itself and `rivals`
    /// (the value is the ratio of its total to the largest rival's).
    Largest,
    /// The number of states in a grouping.
    MemberCount,
    /// The data cannot check it; `reason` says why.
    NotCheckable,
}

/// How a claim's wording relates the true value to the stated number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparator {
    /// "about", "approximately", "half": within the tolerance either side.
    About,
    /// "more than", "over": strictly above.
    MoreThan,
    /// "less than", "under": strictly below.
    LessThan,
    /// "almost", "nearly": at most the number and within the tolerance below it.
    Almost,
    /// Between `claimed` and `upper` inclusive (for wordings that imply a range).
    Between,
}

/// One claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    /// Seed file name, e.g. `001_072b2aee968a12fd.txt`.
    pub seed: String,
    /// Where in the seed: line, section, paragraph, note.
    pub location: String,
    /// The sentence, quoted.
    pub quote: String,
    pub kind: ClaimKind,
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// The stated number in the unit of `unit` (shares as fractions).
    pub claimed: Option<f64>,
    #[serde(default)]
    pub unit: String,
    pub comparator: Option<Comparator>,
    /// Allowed absolute distance, in the claim's unit.
    pub tolerance: Option<f64>,
    /// Allowed distance as a fraction of the claimed number.
    pub relative_tolerance: Option<f64>,
    /// For `between`: the upper bound.
    pub upper: Option<f64>,
    /// Data years to test.
    #[serde(default)]
    pub years: Vec<i32>,
    /// Grouping specifications to test (see sco-indicators `GroupSpec`).
    #[serde(default)]
    pub groupings: Vec<String>,
    /// For `world-growth`: the starting year.
    pub base_year: Option<i32>,
    /// For `area-share`: the region whose area is the denominator (`eurasia`).
    pub denominator: Option<String>,
    /// For `largest`: the groupings compared with.
    #[serde(default)]
    pub rivals: Vec<String>,
    /// Why the data cannot check the claim (fully or in part).
    pub reason: Option<String>,
    /// Why these definitions and tolerances were chosen.
    pub note: Option<String>,
    /// Line of the claim in the file (filled in by the parser).
    #[serde(skip)]
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimsFile {
    claim: Vec<toml::Spanned<Claim>>,
}

/// Reads and checks the claims file.
pub fn parse_claims(file: &str, text: &str) -> Result<Vec<Claim>, DataError> {
    let parsed: ClaimsFile =
        toml::from_str(text).map_err(|e| DataError::file(file, toml_message(text, &e)))?;
    let mut claims = Vec::with_capacity(parsed.claim.len());
    let mut ids = std::collections::BTreeSet::new();
    for spanned in parsed.claim {
        let (line, _) = line_column(text, spanned.span().start);
        let mut claim = spanned.into_inner();
        claim.line = line;
        let fail = |message: String| DataError::Row {
            file: file.to_string(),
            line: line as u64,
            message: format!("claim `{}`: {message}", claim.id),
        };
        if !ids.insert(claim.id.clone()) {
            return Err(fail("the id is used twice".into()));
        }
        check_claim(&claim).map_err(fail)?;
        claims.push(claim);
    }
    Ok(claims)
}

fn check_claim(claim: &Claim) -> Result<(), String> {
    if claim.kind == ClaimKind::NotCheckable {
        return match claim.reason.as_deref() {
            Some(r) if !r.trim().is_empty() => Ok(()),
            _ => Err("a not-checkable claim needs a `reason`".into()),
        };
    }
    if claim.claimed.is_none() {
        return Err("needs the `claimed` number".into());
    }
    let comparator = claim.comparator.ok_or("needs a `comparator`")?;
    if matches!(comparator, Comparator::About | Comparator::Almost)
        && claim.tolerance.is_none()
        && claim.relative_tolerance.is_none()
    {
        return Err("`about` and `almost` need a `tolerance` or `relative_tolerance`".into());
    }
    if comparator == Comparator::Between && claim.upper.is_none() {
        return Err("`between` needs an `upper` bound".into());
    }
    if claim.years.is_empty() && claim.kind != ClaimKind::MemberCount {
        return Err("needs at least one year in `years`".into());
    }
    let needs_groupings = !matches!(claim.kind, ClaimKind::WorldTotal | ClaimKind::WorldGrowth);
    if needs_groupings && claim.groupings.is_empty() {
        return Err("needs at least one grouping in `groupings`".into());
    }
    let needs_measures = !matches!(
        claim.kind,
        ClaimKind::IntraTrade | ClaimKind::AreaShare | ClaimKind::MemberCount
    );
    if needs_measures && claim.measures.is_empty() {
        return Err("needs at least one measure in `measures`".into());
    }
    match claim.kind {
        ClaimKind::WorldGrowth if claim.base_year.is_none() => Err("needs `base_year`".into()),
        ClaimKind::AreaShare if claim.denominator.is_none() => Err("needs `denominator`".into()),
        ClaimKind::Largest if claim.rivals.is_empty() => Err("needs `rivals`".into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
[[claim]]
id = "a"
seed = "001.txt"
location = "line 1"
quote = "half of the world's GDP"
kind = "world-share"
measures = ["gdp_usd", "gdp_ppp"]
claimed = 0.5
unit = "share of world"
comparator = "about"
tolerance = 0.05
years = [2021]
groupings = ["named:shanghai-five"]

[[claim]]
id = "b"
seed = "002.txt"
location = "line 9"
quote = "EUR 1.1 billion"
kind = "not-checkable"
reason = "no aid data"
"#;

    #[test]
    fn claims_parse_with_their_lines() {
        let claims = parse_claims("c.toml", OK).unwrap();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].measures, vec![Measure::GdpUsd, Measure::GdpPpp]);
        assert_eq!(claims[0].line, 2);
        assert_eq!(claims[1].line, 16);
    }

    #[test]
    fn a_claim_without_tolerance_is_refused_with_its_line() {
        let text = OK.replace("tolerance = 0.05\n", "");
        let err = parse_claims("c.toml", &text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.toml:2: claim `a`: `about` and `almost` need a `tolerance` or `relative_tolerance`"
        );
    }

    #[test]
    fn an_unknown_measure_is_refused() {
        let text = OK.replace("\"gdp_ppp\"", "\"gdp_nominal\"");
        let err = parse_claims("c.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("c.toml: line 8, column 24"), "{err}");
        assert!(err.contains("gdp_nominal"), "{err}");
    }
}
