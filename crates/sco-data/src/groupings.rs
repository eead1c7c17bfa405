//! Memberships of the comparison groupings (NATO, EU, G7, BRICS) over time and named sets
//! of states, from `data/groupings/organizations.toml`. The SCO's own membership is not
//! here: it comes from the history ledger.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::DataError;

/// One membership change of an organization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipChange {
    pub date: NaiveDate,
    #[serde(default)]
    pub join: Vec<String>,
    #[serde(default)]
    pub leave: Vec<String>,
    pub source: String,
}

/// An organization whose members change over time.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub long_name: String,
    #[serde(rename = "change")]
    pub changes: Vec<MembershipChange>,
}

impl Organization {
    /// Members on `date` (changes dated that day count), sorted.
    pub fn members_on(&self, date: NaiveDate) -> Vec<String> {
        let mut members = BTreeSet::new();
        for change in self.changes.iter().filter(|c| c.date <= date) {
            members.extend(change.join.iter().cloned());
            for gone in &change.leave {
                members.remove(gone);
            }
        }
        members.into_iter().collect()
    }

    /// The changes that made the membership on `date`, for citing sources.
    pub fn sources_until(&self, date: NaiveDate) -> impl Iterator<Item = &MembershipChange> {
        self.changes.iter().filter(move |c| c.date <= date)
    }
}

/// A fixed, named set of states.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedGrouping {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
    /// True when the source names the group but not its members.
    #[serde(default)]
    pub inferred: bool,
    pub source: String,
}

/// The whole groupings file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groupings {
    #[serde(rename = "organization")]
    pub organizations: Vec<Organization>,
    #[serde(rename = "grouping")]
    pub named: Vec<NamedGrouping>,
}

impl Groupings {
    pub fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        let groupings: Groupings =
            toml::from_str(text).map_err(|e| DataError::file(file, toml_message(text, &e)))?;
        groupings.validate(file)?;
        Ok(groupings)
    }

    fn validate(&self, file: &str) -> Result<(), DataError> {
        let mut ids = BTreeSet::new();
        for org in &self.organizations {
            if !ids.insert(org.id.as_str()) {
                return Err(DataError::file(
                    file,
                    format!("organization `{}` is defined twice", org.id),
                ));
            }
            for pair in org.changes.windows(2) {
                if pair[1].date < pair[0].date {
                    return Err(DataError::file(
                        file,
                        format!("organization `{}`: change of {} comes after {}; list changes in date order", org.id, pair[1].date, pair[0].date),
                    ));
                }
            }
            for change in &org.changes {
                for code in change.join.iter().chain(&change.leave) {
                    check_code(
                        file,
                        &format!("organization `{}`, change of {}", org.id, change.date),
                        code,
                    )?;
                }
                if change.source.trim().is_empty() {
                    return Err(DataError::file(
                        file,
                        format!(
                            "organization `{}`, change of {}: the source is empty",
                            org.id, change.date
                        ),
                    ));
                }
            }
        }
        for group in &self.named {
            if !ids.insert(group.id.as_str()) {
                return Err(DataError::file(
                    file,
                    format!("grouping `{}` is defined twice", group.id),
                ));
            }
            for code in &group.members {
                check_code(file, &format!("grouping `{}`", group.id), code)?;
            }
        }
        Ok(())
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id == id)
    }

    pub fn named(&self, id: &str) -> Option<&NamedGrouping> {
        self.named.iter().find(|g| g.id == id)
    }
}

fn check_code(file: &str, context: &str, code: &str) -> Result<(), DataError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(DataError::file(
            file,
            format!("{context}: `{code}` is not a three-letter upper-case ISO3 code"),
        ))
    }
}

/// A TOML error as "line L, column C: message" (the toml crate gives a byte span).
pub(crate) fn toml_message(text: &str, error: &toml::de::Error) -> String {
    match error.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("line {line}, column {column}: {}", error.message())
        }
        None => error.message().to_string(),
    }
}

pub(crate) use sco_location::line_column;

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[organization]]
id = "club"
name = "Club"
long_name = "A club"
[[organization.change]]
date = "2000-01-01"
join = ["AAA", "BBB"]
source = "s1"
[[organization.change]]
date = "2010-06-30"
join = ["CCC"]
leave = ["AAA"]
source = "s2"

[[grouping]]
id = "pair"
name = "Pair"
members = ["AAA", "CCC"]
source = "s3"
"#;

    #[test]
    fn membership_follows_the_changes_by_date() {
        let g = Groupings::parse("g.toml", SAMPLE).unwrap();
        let club = g.organization("club").unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(club.members_on(day("1999-12-31")).is_empty());
        assert_eq!(club.members_on(day("2010-06-29")), vec!["AAA", "BBB"]);
        assert_eq!(club.members_on(day("2010-06-30")), vec!["BBB", "CCC"]);
        assert_eq!(g.named("pair").unwrap().members, vec!["AAA", "CCC"]);
    }

    #[test]
    fn a_bad_code_is_refused_with_its_place() {
        let text = SAMPLE.replace("\"CCC\"]\nleave", "\"ccc\"]\nleave");
        let err = Groupings::parse("g.toml", &text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.toml: organization `club`, change of 2010-06-30: `ccc` is not a three-letter upper-case ISO3 code"
        );
    }

    #[test]
    fn a_toml_error_gives_line_and_column() {
        let text = SAMPLE.replace("date = \"2000-01-01\"", "date = \"2000-13-01\"");
        let err = Groupings::parse("g.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("g.toml: line 7, column 8:"), "{err}");
    }
}
