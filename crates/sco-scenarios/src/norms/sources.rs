//! The sourced data files of the `norms` scenario: regime-insecurity events and the ties
//! (OSCE, EU strategy, security) that engage each state with one camp or the other.
//!
//! Both files live in `data/scenarios/norms/` and are embedded in the binary. Every entry
//! carries its source; parsing rejects unknown fields, bad codes and bad dates with the
//! file, the line and the field, so a typo cannot silently drop an event.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::error::ScenarioDataError;

/// The embedded events file.
pub const EVENTS_FILE: &str = "data/scenarios/norms/events.toml";
/// The embedded ties file.
pub const TIES_FILE: &str = "data/scenarios/norms/ties.toml";

const EVENTS_TEXT: &str = include_str!("../../../../data/scenarios/norms/events.toml");
const TIES_TEXT: &str = include_str!("../../../../data/scenarios/norms/ties.toml");

/// What happened to the incumbent in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The incumbent fell after mass protests (a "colour revolution").
    Overthrow,
    /// A mass protest or uprising the incumbent survived or put down.
    Suppressed,
}

/// One regime-insecurity event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// Stable identifier, e.g. `kgz-tulip-2005`.
    pub id: String,
    /// ISO3 code of the state where it happened.
    pub state: String,
    /// The day it culminated.
    pub date: NaiveDate,
    /// Overthrow or suppressed uprising.
    pub kind: EventKind,
    /// Short description.
    pub name: String,
    /// Title and address of the source.
    pub source: String,
}

/// Which camp a tie engages a state with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Camp {
    /// Russia and China, the SCO's norm-makers.
    Sco,
    /// The OSCE, the EU and the United States.
    West,
}

/// The kind of a tie, which selects its weight in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieKind {
    /// Participation in the OSCE.
    Osce,
    /// Coverage by the EU's Central Asia strategy.
    EuStrategy,
    /// A security tie: foreign bases, a collective-security treaty.
    Security,
}

/// A tie held by some states over a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tie {
    /// What kind of tie.
    pub kind: TieKind,
    /// The camp it engages with.
    pub camp: Camp,
    /// ISO3 codes of the states holding it.
    pub states: Vec<String>,
    /// First day in force.
    pub from: NaiveDate,
    /// First day no longer in force, if it ended.
    pub until: Option<NaiveDate>,
    /// What the tie is.
    pub note: String,
    /// Title and address of the source.
    pub source: String,
}

impl Tie {
    /// Whether the tie is in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    #[serde(default)]
    event: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    state: Spanned<String>,
    date: Spanned<String>,
    kind: Spanned<String>,
    name: String,
    source: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TiesFile {
    #[serde(default)]
    tie: Vec<RawTie>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTie {
    kind: Spanned<String>,
    camp: Spanned<String>,
    states: Vec<Spanned<String>>,
    from: Spanned<String>,
    until: Option<Spanned<String>>,
    note: String,
    source: Spanned<String>,
}

/// Locates byte offsets of one text as file:line:column errors.
struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl Locator<'_> {
    fn error(
        &self,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> ScenarioDataError {
        let offset = span.start.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        ScenarioDataError::Entry {
            file: self.file.to_owned(),
            line,
            column: before[line_start..].chars().count() + 1,
            field: field.to_owned(),
            message: message.into(),
        }
    }

    fn parse_error(&self, error: toml::de::Error) -> ScenarioDataError {
        let span = error.span().unwrap_or(0..0);
        self.error(span, "(syntax)", error.message().to_owned())
    }

    fn date(&self, value: &Spanned<String>, field: &str) -> Result<NaiveDate, ScenarioDataError> {
        NaiveDate::parse_from_str(value.get_ref(), "%Y-%m-%d").map_err(|_| {
            self.error(
                value.span(),
                field,
                format!("`{}` is not a date of the form YYYY-MM-DD", value.get_ref()),
            )
        })
    }

    fn iso3(&self, value: &Spanned<String>, field: &str) -> Result<String, ScenarioDataError> {
        let code = value.get_ref();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(code.clone())
        } else {
            Err(self.error(
                value.span(),
                field,
                format!("`{code}` is not an ISO 3166-1 alpha-3 code (three capital letters)"),
            ))
        }
    }

    fn source(&self, value: &Spanned<String>) -> Result<String, ScenarioDataError> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            Err(self.error(value.span(), "source", "every entry must name its source"))
        } else {
            Ok(text.to_owned())
        }
    }
}

/// Parses an events file; `file` names it in errors.
pub fn parse_events(file: &str, text: &str) -> Result<Vec<Event>, ScenarioDataError> {
    let at = Locator { file, text };
    let raw: EventsFile = toml::from_str(text).map_err(|e| at.parse_error(e))?;
    let mut events = Vec::with_capacity(raw.event.len());
    for entry in raw.event {
        let kind = match entry.kind.get_ref().as_str() {
            "overthrow" => EventKind::Overthrow,
            "suppressed" => EventKind::Suppressed,
            other => {
                return Err(at.error(
                    entry.kind.span(),
                    "kind",
                    format!("unknown kind `{other}`: expected `overthrow` or `suppressed`"),
                ))
            }
        };
        if events.iter().any(|e: &Event| e.id == *entry.id.get_ref()) {
            return Err(at.error(
                entry.id.span(),
                "id",
                format!("event `{}` appears twice", entry.id.get_ref()),
            ));
        }
        events.push(Event {
            id: entry.id.get_ref().clone(),
            state: at.iso3(&entry.state, "state")?,
            date: at.date(&entry.date, "date")?,
            kind,
            name: entry.name,
            source: at.source(&entry.source)?,
        });
    }
    events.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    Ok(events)
}

/// Parses a ties file; `file` names it in errors.
pub fn parse_ties(file: &str, text: &str) -> Result<Vec<Tie>, ScenarioDataError> {
    let at = Locator { file, text };
    let raw: TiesFile = toml::from_str(text).map_err(|e| at.parse_error(e))?;
    let mut ties = Vec::with_capacity(raw.tie.len());
    for entry in raw.tie {
        let kind = match entry.kind.get_ref().as_str() {
            "osce" => TieKind::Osce,
            "eu_strategy" => TieKind::EuStrategy,
            "security" => TieKind::Security,
            other => {
                return Err(at.error(
                    entry.kind.span(),
                    "kind",
                    format!("unknown kind `{other}`: expected `osce`, `eu_strategy` or `security`"),
                ))
            }
        };
        let camp = match entry.camp.get_ref().as_str() {
            "sco" => Camp::Sco,
            "west" => Camp::West,
            other => {
                return Err(at.error(
                    entry.camp.span(),
                    "camp",
                    format!("unknown camp `{other}`: expected `sco` or `west`"),
                ))
            }
        };
        let from = at.date(&entry.from, "from")?;
        let until = entry
            .until
            .as_ref()
            .map(|u| at.date(u, "until"))
            .transpose()?;
        if let (Some(until), Some(raw_until)) = (until, &entry.until) {
            if until <= from {
                return Err(at.error(
                    raw_until.span(),
                    "until",
                    format!("`until` ({until}) must come after `from` ({from})"),
                ));
            }
        }
        let states = entry
            .states
            .iter()
            .map(|s| at.iso3(s, "states"))
            .collect::<Result<Vec<_>, _>>()?;
        ties.push(Tie {
            kind,
            camp,
            states,
            from,
            until,
            note: entry.note,
            source: at.source(&entry.source)?,
        });
    }
    Ok(ties)
}

/// The embedded events.
pub fn embedded_events() -> Result<Vec<Event>, ScenarioDataError> {
    parse_events(EVENTS_FILE, EVENTS_TEXT)
}

/// The embedded ties.
pub fn embedded_ties() -> Result<Vec<Tie>, ScenarioDataError> {
    parse_ties(TIES_FILE, TIES_TEXT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse_and_every_entry_has_a_source() {
        let events = embedded_events().unwrap();
        assert!(events.len() >= 10);
        assert!(events
            .iter()
            .all(|e| e.source.contains("http") || e.source.contains("seed")));
        assert!(events.windows(2).all(|w| w[0].date <= w[1].date));
        let tulip = events.iter().find(|e| e.id == "kgz-tulip-2005").unwrap();
        assert_eq!(
            (tulip.state.as_str(), tulip.kind),
            ("KGZ", EventKind::Overthrow)
        );
        let ties = embedded_ties().unwrap();
        let manas = ties
            .iter()
            .find(|t| t.states == ["KGZ"] && t.camp == Camp::West)
            .unwrap();
        assert!(manas.in_force(NaiveDate::from_ymd_opt(2013, 7, 1).unwrap()));
        assert!(!manas.in_force(NaiveDate::from_ymd_opt(2014, 7, 1).unwrap()));
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let text = "[[event]]\nid = \"x\"\nstate = \"KGZ\"\ndate = \"2005-13-01\"\nkind = \"overthrow\"\nname = \"n\"\nsource = \"s\"\n";
        let err = parse_events("events.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("events.toml:4:8: field `date`:"), "{err}");
        let text = "[[event]]\nid = \"x\"\nstate = \"Kyrgyzstan\"\ndate = \"2005-01-01\"\nkind = \"overthrow\"\nname = \"n\"\nsource = \"s\"\n";
        let err = parse_events("events.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("events.toml:3:9: field `state`:"), "{err}");
        let text = "[[tie]]\nkind = \"osce\"\ncamp = \"east\"\nstates = [\"KAZ\"]\nfrom = \"2001-01-01\"\nnote = \"\"\nsource = \"s\"\n";
        let err = parse_ties("ties.toml", text).unwrap_err().to_string();
        assert!(
            err.starts_with("ties.toml:3:8: field `camp`: unknown camp `east`"),
            "{err}"
        );
        let text = "[[tie]]\nkind = \"osce\"\ncamp = \"west\"\nstates = [\"KAZ\"]\nfrom = \"2001-01-01\"\nnote = \"\"\nsource = \"s\"\nextra = 1\n";
        let err = parse_ties("ties.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("ties.toml:8:1:"), "{err}");
    }
}
