//! Groupings of states: how a grouping is written (a [`GroupSpec`]), and what it stands
//! for once resolved on a date (a [`Group`]).
//!
//! Specifications, as used on the command line and in the claims file:
//! - `sco:members@2017-06-10`, `sco:members+observers@…`,
//!   `sco:members+observers+dialogue-partners@…`, `sco:members+partners@…`: the SCO on a date
//!   (from the history ledger, through [`ScoMembership`]);
//! - `org:nato@2020-01-01` (also `eu`, `g7`, `brics`): another organization on a date;
//! - `named:shanghai-five` (and the other sets in `organizations.toml`);
//! - `list:CHN,RUS,KAZ`: any states;
//! - any of these followed by ` without IND,PAK` and/or ` with IRN`: counterfactuals.

use chrono::NaiveDate;
use serde::Serialize;

use sco_data::Datasets;

use crate::IndicatorError;

/// Which circle of the SCO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScoTier {
    /// Member states only.
    Members,
    /// Members and observer states.
    MembersObservers,
    /// Members, observers and dialogue partners.
    MembersObserversDialoguePartners,
    /// Members and "SCO partners" (the ledger's `partners()`).
    MembersPartners,
}

impl ScoTier {
    pub fn spec(self) -> &'static str {
        match self {
            ScoTier::Members => "members",
            ScoTier::MembersObservers => "members+observers",
            ScoTier::MembersObserversDialoguePartners => "members+observers+dialogue-partners",
            ScoTier::MembersPartners => "members+partners",
        }
    }

    pub fn parse(text: &str) -> Option<ScoTier> {
        [
            ScoTier::Members,
            ScoTier::MembersObservers,
            ScoTier::MembersObserversDialoguePartners,
            ScoTier::MembersPartners,
        ]
        .into_iter()
        .find(|t| t.spec() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ScoTier::Members => "SCO members",
            ScoTier::MembersObservers => "SCO members and observers",
            ScoTier::MembersObserversDialoguePartners => {
                "SCO members, observers and dialogue partners"
            }
            ScoTier::MembersPartners => "SCO members and partners",
        }
    }
}

/// Who belonged to the SCO on a date. The CLI answers from the history ledger; tests
/// answer from fixed lists.
pub trait ScoMembership {
    /// Sorted ISO3 codes of the states in `tier` on `date`.
    fn states(&self, tier: ScoTier, date: NaiveDate) -> Result<Vec<String>, String>;
    /// What to cite for the membership.
    fn source(&self) -> String;
}

/// A grouping as written, before it is resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupSpec {
    Sco {
        tier: ScoTier,
        date: NaiveDate,
    },
    Organization {
        id: String,
        date: NaiveDate,
    },
    Named(String),
    List(Vec<String>),
    Modified {
        base: Box<GroupSpec>,
        with: Vec<String>,
        without: Vec<String>,
    },
}

impl GroupSpec {
    /// Parses a specification (see the module documentation).
    pub fn parse(text: &str) -> Result<GroupSpec, IndicatorError> {
        let bad = |message: &str| IndicatorError::BadSpec {
            spec: text.to_string(),
            message: message.to_string(),
        };
        let (core, with, without) = split_modifiers(text).map_err(|m| bad(&m))?;
        let (kind, rest) = core
            .split_once(':')
            .ok_or_else(|| bad("expected `sco:`, `org:`, `named:` or `list:` before the name"))?;
        let date = |rest: &str| -> Result<(String, NaiveDate), IndicatorError> {
            let (name, date) = rest
                .split_once('@')
                .ok_or_else(|| bad("expected `@YYYY-MM-DD` after the name"))?;
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| bad(&format!("`{date}` is not a date (YYYY-MM-DD)")))?;
            Ok((name.to_string(), date))
        };
        let base = match kind {
            "sco" => {
                let (tier, date) = date(rest)?;
                let tier = ScoTier::parse(&tier).ok_or_else(|| {
                    bad("the SCO tier must be `members`, `members+observers`, `members+observers+dialogue-partners` or `members+partners`")
                })?;
                GroupSpec::Sco { tier, date }
            }
            "org" => {
                let (id, date) = date(rest)?;
                GroupSpec::Organization { id, date }
            }
            "named" if !rest.is_empty() => GroupSpec::Named(rest.to_string()),
            "list" => GroupSpec::List(parse_codes(rest).map_err(|m| bad(&m))?),
            _ => {
                return Err(bad(
                    "expected `sco:`, `org:`, `named:` or `list:` before the name",
                ))
            }
        };
        if with.is_empty() && without.is_empty() {
            Ok(base)
        } else {
            Ok(GroupSpec::Modified {
                base: Box::new(base),
                with,
                without,
            })
        }
    }

    /// Resolves the specification to a list of states.
    pub fn resolve(
        &self,
        data: &dyn Datasets,
        sco: &dyn ScoMembership,
    ) -> Result<Group, IndicatorError> {
        let group = match self {
            GroupSpec::Sco { tier, date } => Group {
                label: tier.label().to_string(),
                spec: self.to_string(),
                membership_date: Some(*date),
                members: sco
                    .states(*tier, *date)
                    .map_err(IndicatorError::Membership)?,
                source: sco.source(),
            },
            GroupSpec::Organization { id, date } => {
                let groupings = data.groupings()?;
                let org = groupings
                    .organization(id)
                    .ok_or_else(|| IndicatorError::UnknownGrouping(id.clone()))?;
                let sources: Vec<&str> = org
                    .sources_until(*date)
                    .map(|c| c.source.as_str())
                    .collect();
                Group {
                    label: org.name.clone(),
                    spec: self.to_string(),
                    membership_date: Some(*date),
                    members: org.members_on(*date),
                    source: dedup_join(&sources),
                }
            }
            GroupSpec::Named(id) => {
                let groupings = data.groupings()?;
                let named = groupings
                    .named(id)
                    .ok_or_else(|| IndicatorError::UnknownGrouping(id.clone()))?;
                let mut members = named.members.clone();
                members.sort();
                Group {
                    label: named.name.clone(),
                    spec: self.to_string(),
                    membership_date: None,
                    members,
                    source: named.source.clone(),
                }
            }
            GroupSpec::List(codes) => {
                let mut members = codes.clone();
                members.sort();
                members.dedup();
                Group {
                    label: members.join("+"),
                    spec: self.to_string(),
                    membership_date: None,
                    members,
                    source: "list given by the user".to_string(),
                }
            }
            GroupSpec::Modified {
                base,
                with,
                without,
            } => {
                let mut group = base.resolve(data, sco)?;
                // A code removed must exist too, as one added must: `without ZZZ` is a typo.
                let countries = data.countries()?;
                if let Some(unknown) = without.iter().find(|m| countries.get(m).is_none()) {
                    return Err(IndicatorError::UnknownCode(unknown.clone()));
                }
                group.members.retain(|m| !without.contains(m));
                group.members.extend(with.iter().cloned());
                group.members.sort();
                group.members.dedup();
                let mut label = group.label;
                if !without.is_empty() {
                    label.push_str(&format!(" without {}", without.join(", ")));
                }
                if !with.is_empty() {
                    label.push_str(&format!(" with {}", with.join(", ")));
                }
                group.label = label;
                group.spec = self.to_string();
                group
            }
        };
        let countries = data.countries()?;
        if let Some(unknown) = group.members.iter().find(|m| countries.get(m).is_none()) {
            return Err(IndicatorError::UnknownCode(unknown.clone()));
        }
        Ok(group)
    }
}

impl std::fmt::Display for GroupSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupSpec::Sco { tier, date } => write!(f, "sco:{}@{date}", tier.spec()),
            GroupSpec::Organization { id, date } => write!(f, "org:{id}@{date}"),
            GroupSpec::Named(id) => write!(f, "named:{id}"),
            GroupSpec::List(codes) => write!(f, "list:{}", codes.join(",")),
            GroupSpec::Modified {
                base,
                with,
                without,
            } => {
                write!(f, "{base}")?;
                if !without.is_empty() {
                    write!(f, " without {}", without.join(","))?;
                }
                if !with.is_empty() {
                    write!(f, " with {}", with.join(","))?;
                }
                Ok(())
            }
        }
    }
}

/// A resolved grouping: who is in it, as of when, and on whose authority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// A readable name ("SCO members", "NATO", "Shanghai Five").
    pub label: String,
    /// The specification it came from.
    pub spec: String,
    /// The date the membership refers to, if it changes over time.
    pub membership_date: Option<NaiveDate>,
    /// Sorted ISO3 codes.
    pub members: Vec<String>,
    /// Where the membership comes from.
    pub source: String,
}

impl Group {
    /// A group of explicit states (for tests and library users).
    pub fn of(label: &str, members: &[&str]) -> Group {
        let mut members: Vec<String> = members.iter().map(|m| m.to_string()).collect();
        members.sort();
        members.dedup();
        Group {
            label: label.to_string(),
            spec: format!("list:{}", members.join(",")),
            membership_date: None,
            members,
            source: "list given by the user".to_string(),
        }
    }
}

fn split_modifiers(text: &str) -> Result<(&str, Vec<String>, Vec<String>), String> {
    let mut core = text.trim();
    let mut with = Vec::new();
    let mut without = Vec::new();
    loop {
        // Peel off the last modifier first.
        match (core.rfind(" without "), core.rfind(" with ")) {
            (Some(i), w) if w.is_none_or(|w| i > w) => {
                without.splice(0..0, parse_codes(&core[i + 9..])?);
                core = core[..i].trim_end();
            }
            (_, Some(i)) => {
                with.splice(0..0, parse_codes(&core[i + 6..])?);
                core = core[..i].trim_end();
            }
            _ => return Ok((core, with, without)),
        }
    }
}

fn parse_codes(text: &str) -> Result<Vec<String>, String> {
    let codes: Vec<String> = text
        .split(',')
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    if codes.is_empty() {
        return Err("expected a comma-separated list of ISO3 codes".into());
    }
    match codes
        .iter()
        .find(|c| c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        Some(bad) => Err(format!("`{bad}` is not an ISO3 code")),
        None => Ok(codes),
    }
}

fn dedup_join(items: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        if !seen.contains(item) {
            seen.push(item);
        }
    }
    seen.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specifications_round_trip() {
        for text in [
            "sco:members@2017-06-10",
            "sco:members+observers+dialogue-partners@2022-09-16",
            "org:nato@2020-01-01",
            "named:shanghai-five",
            "list:CHN,RUS",
            "sco:members@2017-07-01 without IND",
            "named:sco-eight without IND,PAK with IRN",
        ] {
            assert_eq!(GroupSpec::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn bad_specifications_say_what_is_wrong() {
        let err = |t: &str| GroupSpec::parse(t).unwrap_err().to_string();
        assert_eq!(
            err("sco:members"),
            "grouping `sco:members`: expected `@YYYY-MM-DD` after the name"
        );
        assert_eq!(
            err("sco:members@2017-13-01"),
            "grouping `sco:members@2017-13-01`: `2017-13-01` is not a date (YYYY-MM-DD)"
        );
        assert!(err("sco:everyone@2017-01-01").contains("the SCO tier must be"));
        assert_eq!(
            err("list:CHN,RUSSIA"),
            "grouping `list:CHN,RUSSIA`: `RUSSIA` is not an ISO3 code"
        );
        assert!(err("nato").contains("expected `sco:`"));
    }
}
