//! SCO case files: a decision the SCO faced, coded so that the decision models can run on it.
//!
//! A case file (`cases/*.toml` at the repository root) extends the TOML case format of
//! `sco-decide` (`name`, `[[dimensions]]` with `min`/`max`/`status_quo`, `[[actors]]` with
//! `position`/`salience` tables) with what the SCO layer needs and what makes a coding
//! checkable:
//!
//! - `date`: the day of the decision; the members who hold a veto are read from the history
//!   ledger on that date, so the file codes states, not a membership list;
//! - `[capability]`: which real dataset gives the actors' capabilities (COW CINC or World Bank
//!   GDP) and for which year, with the reason for the choice;
//! - actors are states (`state = "RUS"`); every position and salience carries a `why` and
//!   at least one citation; a capability given by hand needs its own `why.capability`;
//! - a dimension may be `separable`: a member can state its own position on that aspect
//!   without blocking the rest (a reservation under Article 16 of the Charter), e.g. a
//!   paragraph that names the states supporting it, or a project for the interested members;
//! - `[outcome]`: what actually happened, coded on the same scales, with sources;
//! - `[[sources]]`: every source cited, by id: a seed text (file name and place) or a public
//!   document (title and address).
//!
//! States coded beyond the membership of the case's date (later members, candidates) let the
//! expansion analysis ask how the same decision would fare with another membership.
//!
//! A file that breaks a rule is rejected with its file, line and field.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use sco_decide::load::LineIndex;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{CaseError, LabError};

/// The case files shipped with the program, by id (embedded from `cases/`).
pub const SHIPPED: [(&str, &str); 4] = [
    (
        "development-bank",
        include_str!("../../../cases/development-bank.toml"),
    ),
    (
        "foreign-bases-2005",
        include_str!("../../../cases/foreign-bases-2005.toml"),
    ),
    (
        "india-softer-balancing",
        include_str!("../../../cases/india-softer-balancing.toml"),
    ),
    (
        "single-currency",
        include_str!("../../../cases/single-currency.toml"),
    ),
];

/// The dataset that gives the actors' capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// COW National Material Capabilities, composite index (CINC), v7.
    Cinc,
    /// World Bank GDP, current US$.
    Gdp,
}

impl Measure {
    /// The name used in case files.
    pub fn id(self) -> &'static str {
        match self {
            Measure::Cinc => "cinc",
            Measure::Gdp => "gdp",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Cinc => "COW CINC (v7)",
            Measure::Gdp => "World Bank GDP, current US$",
        }
    }
}

/// A citation: a source id of the case file and, optionally, where in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cite {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// A source the case cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseSource {
    pub id: String,
    /// Title of a public document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A seed text's file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
}

impl CaseSource {
    /// "title (url)" or "seed file".
    pub fn describe(&self) -> String {
        match (&self.title, &self.url, &self.seed) {
            (_, _, Some(seed)) => format!("seed {seed}"),
            (Some(title), Some(url), None) => format!("{title} ({url})"),
            (Some(title), None, None) => title.clone(),
            (None, Some(url), None) => url.clone(),
            (None, None, None) => self.id.clone(),
        }
    }
}

/// Where capabilities come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilitySpec {
    pub measure: Measure,
    pub year: i32,
    pub why: String,
    pub cite: Vec<Cite>,
}

/// One issue dimension of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseDimension {
    pub name: String,
    pub min: f64,
    pub max: f64,
    /// The position if nothing is decided.
    pub status_quo: f64,
    pub description: String,
    /// Anchors of the scale ("0: no bank", ...).
    pub scale: Vec<String>,
    /// Why the status quo sits where it does.
    pub why: String,
    pub cite: Vec<Cite>,
    /// Whether a member may state its own position on this aspect without blocking the rest.
    pub separable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub separable_why: Option<String>,
}

/// The justifications of an actor's values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorWhy {
    pub position: String,
    pub salience: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capability: Option<String>,
}

/// A state as coded in a case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseActor {
    /// ISO 3166 alpha-3 code.
    pub state: String,
    /// A capability given by hand (else taken from the dataset of `[capability]`); left out of
    /// the JSON when absent.
    pub capability: Option<f64>,
    /// One entry per dimension; `None` where the state takes no stance.
    pub position: Vec<Option<f64>>,
    pub salience: Vec<Option<f64>>,
    pub why: ActorWhy,
    pub cite: Vec<Cite>,
    /// Line of the actor's `state` key.
    pub line: usize,
}

/// What actually happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseOutcome {
    pub date: NaiveDate,
    /// Whether the decision moved the status quo at the time of the case.
    pub adopted: bool,
    /// Where the outcome lies on each scale, when it can be placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Vec<f64>>,
    pub summary: String,
    pub why: String,
    pub cite: Vec<Cite>,
}

/// A proposal that was on the table, to be judged against consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseProposal {
    pub name: String,
    /// The state that made it, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Its place on every dimension.
    pub position: Vec<f64>,
    pub why: String,
    pub cite: Vec<Cite>,
}

/// A parsed and checked case file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoCase {
    /// The file it came from (or the shipped case's label).
    pub file: String,
    /// Short id (the file stem unless `id` is given).
    pub id: String,
    pub name: String,
    pub question: String,
    /// The day of the decision: members are taken from the ledger on this date.
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub capability: CapabilitySpec,
    pub dimensions: Vec<CaseDimension>,
    pub actors: Vec<CaseActor>,
    /// Proposals that were on the table.
    pub proposals: Vec<CaseProposal>,
    pub outcome: CaseOutcome,
    pub sources: Vec<CaseSource>,
}

impl ScoCase {
    /// The actor coding `state`, if any.
    pub fn actor(&self, state: &str) -> Option<&CaseActor> {
        self.actors.iter().find(|a| a.state == state)
    }

    /// The status quo, one value per dimension.
    pub fn status_quo(&self) -> Vec<f64> {
        self.dimensions.iter().map(|d| d.status_quo).collect()
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&CaseSource> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Index of the dimension called `name`.
    pub fn dimension_index(&self, name: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.name == name)
    }
}

/// Reads a case: a path to a file, or the id of a shipped case.
pub fn load(name_or_file: &str) -> Result<ScoCase, LabError> {
    let path = Path::new(name_or_file);
    if path.is_file() {
        let text = sco_decide::load::read_text_bounded(path, sco_decide::load::MAX_FILE_BYTES)
            .map_err(|source| LabError::Read {
                file: name_or_file.to_string(),
                source,
            })?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("case")
            .to_string();
        return Ok(parse(&text, name_or_file, &stem)?);
    }
    shipped(name_or_file)
}

/// A shipped case by id.
pub fn shipped(id: &str) -> Result<ScoCase, LabError> {
    let id = id.strip_suffix(".toml").unwrap_or(id);
    let id = id.rsplit('/').next().unwrap_or(id);
    match SHIPPED.iter().find(|(name, _)| *name == id) {
        Some((name, text)) => Ok(parse(text, &format!("cases/{name}.toml"), name)?),
        None => Err(LabError::UnknownCase {
            name: id.to_string(),
            known: SHIPPED
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Every shipped case, parsed.
pub fn all_shipped() -> Result<Vec<ScoCase>, LabError> {
    SHIPPED.iter().map(|(id, _)| shipped(id)).collect()
}

// ---------------------------------------------------------------------------------------------
// The raw file, as serde reads it.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    question: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    body: Option<String>,
    /// `sco-decide`'s free-text source line (kept for compatibility; citations go in `sources`).
    source: Option<String>,
    note: Option<String>,
    capability: Option<Spanned<RawCapability>>,
    #[serde(default)]
    dimensions: Vec<Spanned<RawDimension>>,
    #[serde(default)]
    actors: Vec<Spanned<RawActor>>,
    #[serde(default)]
    proposals: Vec<Spanned<RawProposal>>,
    outcome: Option<Spanned<RawOutcome>>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProposal {
    name: Spanned<String>,
    by: Option<Spanned<String>>,
    #[serde(default)]
    position: BTreeMap<String, Spanned<f64>>,
    why: Option<Spanned<String>>,
    #[serde(default)]
    cite: Vec<RawCite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCite {
    id: Spanned<String>,
    at: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapability {
    measure: Spanned<String>,
    year: Spanned<i64>,
    why: Option<Spanned<String>>,
    #[serde(default)]
    cite: Vec<RawCite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    name: Spanned<String>,
    min: Spanned<f64>,
    max: Spanned<f64>,
    status_quo: Option<Spanned<f64>>,
    description: Option<String>,
    #[serde(default)]
    scale: Vec<String>,
    why: Option<Spanned<String>>,
    #[serde(default)]
    cite: Vec<RawCite>,
    #[serde(default)]
    separable: bool,
    separable_why: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWhy {
    position: Option<Spanned<String>>,
    salience: Option<Spanned<String>>,
    capability: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    state: Spanned<String>,
    capability: Option<Spanned<f64>>,
    #[serde(default)]
    position: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    salience: BTreeMap<String, Spanned<f64>>,
    why: Option<RawWhy>,
    #[serde(default)]
    cite: Vec<RawCite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    date: Spanned<String>,
    adopted: bool,
    #[serde(default)]
    position: BTreeMap<String, Spanned<f64>>,
    summary: Option<Spanned<String>>,
    why: Option<Spanned<String>>,
    #[serde(default)]
    cite: Vec<RawCite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    title: Option<String>,
    url: Option<String>,
    seed: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Checking.

struct Checker<'a> {
    file: &'a str,
    lines: LineIndex,
}

impl Checker<'_> {
    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    fn err(&self, offset: Option<usize>, field: &str, message: impl Into<String>) -> CaseError {
        CaseError::new(
            self.file,
            offset.map(|o| self.line(o)),
            Some(field),
            message,
        )
    }

    fn text_of(
        &self,
        value: Option<&Spanned<String>>,
        at: usize,
        field: &str,
    ) -> Result<String, CaseError> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Ok(v.get_ref().trim().to_string()),
            Some(v) => Err(self.err(Some(v.span().start), field, "must not be empty")),
            None => Err(self.err(Some(at), field, "is required")),
        }
    }

    fn finite(&self, value: &Spanned<f64>, field: &str) -> Result<f64, CaseError> {
        let v = *value.get_ref();
        if v.is_finite() {
            Ok(v)
        } else {
            Err(self.err(
                Some(value.span().start),
                field,
                format!("{v} is not a finite number"),
            ))
        }
    }

    fn date(&self, value: &Spanned<String>, field: &str) -> Result<NaiveDate, CaseError> {
        NaiveDate::parse_from_str(value.get_ref().trim(), "%Y-%m-%d").map_err(|_| {
            self.err(
                Some(value.span().start),
                field,
                format!("`{}` is not a date (YYYY-MM-DD)", value.get_ref()),
            )
        })
    }

    fn cites(
        &self,
        raw: &[RawCite],
        known: &BTreeSet<String>,
        at: usize,
        field: &str,
        required: bool,
    ) -> Result<Vec<Cite>, CaseError> {
        if required && raw.is_empty() {
            return Err(self.err(Some(at), field, "needs at least one citation"));
        }
        raw.iter()
            .map(|c| {
                let id = c.id.get_ref().trim().to_string();
                if known.contains(&id) {
                    Ok(Cite {
                        id,
                        at: c.at.clone().filter(|s| !s.trim().is_empty()),
                    })
                } else {
                    Err(self.err(
                        Some(c.id.span().start),
                        field,
                        format!("cites `{id}`, which no [[sources]] entry defines"),
                    ))
                }
            })
            .collect()
    }

    /// A table `{ dimension = value }`, checked against the dimensions and their scales.
    fn per_dimension(
        &self,
        table: &BTreeMap<String, Spanned<f64>>,
        dimensions: &[CaseDimension],
        at: usize,
        field: &str,
        in_scale: bool,
    ) -> Result<Vec<Option<f64>>, CaseError> {
        for key in table.keys() {
            if !dimensions.iter().any(|d| d.name == *key) {
                return Err(self.err(
                    Some(at),
                    &format!("{field}.{key}"),
                    format!("`{key}` is not a dimension of this case"),
                ));
            }
        }
        dimensions
            .iter()
            .map(|d| {
                let Some(value) = table.get(&d.name) else {
                    return Ok(None);
                };
                let name = format!("{field}.{}", d.name);
                let v = self.finite(value, &name)?;
                let (lo, hi) = if in_scale { (d.min, d.max) } else { (0.0, 1.0) };
                if v < lo || v > hi {
                    let what = if in_scale {
                        format!("the scale {lo}..={hi}")
                    } else {
                        "0..=1".to_string()
                    };
                    return Err(self.err(
                        Some(value.span().start),
                        &name,
                        format!("{v} is outside {what}"),
                    ));
                }
                Ok(Some(v))
            })
            .collect()
    }
}

fn is_iso3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Parses and checks a case file. `file` names it in errors; `stem` is the default id.
pub fn parse(text: &str, file: &str, stem: &str) -> Result<ScoCase, CaseError> {
    let raw: RawCase = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| LineIndex::new(text).line(s.start));
        CaseError::new(file, line, None, format!("syntax: {}", e.message()))
    })?;
    let ck = Checker {
        file,
        lines: LineIndex::new(text),
    };

    // Sources first: everything else cites them.
    let mut known = BTreeSet::new();
    let mut sources = Vec::new();
    for entry in &raw.sources {
        let s = entry.get_ref();
        let id = s.id.get_ref().trim().to_string();
        let at = entry.span().start;
        if id.is_empty() {
            return Err(ck.err(Some(s.id.span().start), "sources.id", "must not be empty"));
        }
        if !known.insert(id.clone()) {
            return Err(ck.err(
                Some(s.id.span().start),
                "sources.id",
                format!("source `{id}` is defined twice"),
            ));
        }
        let has_public = s.title.as_ref().is_some_and(|t| !t.trim().is_empty())
            && s.url.as_ref().is_some_and(|u| !u.trim().is_empty());
        let has_seed = s.seed.as_ref().is_some_and(|t| !t.trim().is_empty());
        if !has_public && !has_seed {
            return Err(ck.err(
                Some(at),
                &format!("sources[{id}]"),
                "a source needs `seed` (a seed file name) or both `title` and `url`",
            ));
        }
        sources.push(CaseSource {
            id,
            title: s.title.clone(),
            url: s.url.clone(),
            seed: s.seed.clone(),
        });
    }

    let name = ck.text_of(raw.name.as_ref(), 0, "name")?;
    let question = ck.text_of(raw.question.as_ref(), 0, "question")?;
    let date = match &raw.date {
        Some(d) => ck.date(d, "date")?,
        None => return Err(ck.err(Some(0), "date", "is required (the day of the decision)")),
    };
    let id = match &raw.id {
        Some(v) => ck.text_of(Some(v), 0, "id")?,
        None => stem.to_string(),
    };

    let Some(cap) = &raw.capability else {
        return Err(ck.err(Some(0), "capability", "a [capability] table is required"));
    };
    let cap_at = cap.span().start;
    let c = cap.get_ref();
    let measure = match c.measure.get_ref().trim() {
        "cinc" => Measure::Cinc,
        "gdp" => Measure::Gdp,
        other => {
            return Err(ck.err(
                Some(c.measure.span().start),
                "capability.measure",
                format!("`{other}` is not a measure; use `cinc` or `gdp`"),
            ))
        }
    };
    let year = *c.year.get_ref();
    if !(1816..=2100).contains(&year) {
        return Err(ck.err(
            Some(c.year.span().start),
            "capability.year",
            format!("{year} is not a plausible year"),
        ));
    }
    let capability = CapabilitySpec {
        measure,
        year: year as i32,
        why: ck.text_of(c.why.as_ref(), cap_at, "capability.why")?,
        cite: ck.cites(&c.cite, &known, cap_at, "capability.cite", false)?,
    };

    if raw.dimensions.is_empty() {
        return Err(ck.err(Some(0), "dimensions", "no [[dimensions]] declared"));
    }
    let mut dimensions: Vec<CaseDimension> = Vec::new();
    for entry in &raw.dimensions {
        let d = entry.get_ref();
        let at = entry.span().start;
        let dname = d.name.get_ref().trim().to_string();
        if dname.is_empty() {
            return Err(ck.err(
                Some(d.name.span().start),
                "dimensions.name",
                "must not be empty",
            ));
        }
        if dimensions.iter().any(|x| x.name == dname) {
            return Err(ck.err(
                Some(d.name.span().start),
                "dimensions.name",
                format!("dimension `{dname}` appears twice"),
            ));
        }
        let field = |key: &str| format!("dimensions[{dname}].{key}");
        let min = ck.finite(&d.min, &field("min"))?;
        let max = ck.finite(&d.max, &field("max"))?;
        if min >= max {
            return Err(ck.err(
                Some(d.min.span().start),
                &field("min"),
                format!("the scale {min}..={max} is empty or reversed"),
            ));
        }
        let Some(sq) = &d.status_quo else {
            return Err(ck.err(Some(at), &field("status_quo"), "is required"));
        };
        let status_quo = ck.finite(sq, &field("status_quo"))?;
        if status_quo < min || status_quo > max {
            return Err(ck.err(
                Some(sq.span().start),
                &field("status_quo"),
                format!("{status_quo} is outside the scale {min}..={max}"),
            ));
        }
        let separable_why = match (&d.separable, &d.separable_why) {
            (true, w) => Some(ck.text_of(w.as_ref(), at, &field("separable_why"))?),
            (false, Some(w)) => {
                return Err(ck.err(
                    Some(w.span().start),
                    &field("separable_why"),
                    "given, but the dimension is not `separable = true`",
                ))
            }
            (false, None) => None,
        };
        dimensions.push(CaseDimension {
            why: ck.text_of(d.why.as_ref(), at, &field("why"))?,
            cite: ck.cites(&d.cite, &known, at, &field("cite"), true)?,
            name: dname,
            min,
            max,
            status_quo,
            description: d.description.clone().unwrap_or_default(),
            scale: d.scale.clone(),
            separable: d.separable,
            separable_why,
        });
    }

    if raw.actors.is_empty() {
        return Err(ck.err(Some(0), "actors", "no [[actors]] declared"));
    }
    let mut actors: Vec<CaseActor> = Vec::new();
    for entry in &raw.actors {
        let a = entry.get_ref();
        let state = a.state.get_ref().trim().to_string();
        let state_at = a.state.span().start;
        // Errors about the actor as a whole point at its `state` line.
        let at = state_at;
        if !is_iso3(&state) {
            return Err(ck.err(
                Some(state_at),
                "actors.state",
                format!("`{state}` is not an ISO 3166 alpha-3 code (three capital letters)"),
            ));
        }
        if let Some(first) = actors.iter().find(|x| x.state == state) {
            return Err(ck.err(
                Some(state_at),
                "actors.state",
                format!("{state} is coded twice (first on line {})", first.line),
            ));
        }
        let field = |key: &str| format!("actors[{state}].{key}");
        let position = ck.per_dimension(&a.position, &dimensions, at, &field("position"), true)?;
        let salience = ck.per_dimension(&a.salience, &dimensions, at, &field("salience"), false)?;
        for (d, dim) in dimensions.iter().enumerate() {
            if position[d].is_some() != salience[d].is_some() {
                return Err(ck.err(
                    Some(at),
                    &field(&format!("salience.{}", dim.name)),
                    "a position needs a salience on the same dimension, and the other way round",
                ));
            }
        }
        if position.iter().all(Option::is_none) {
            return Err(ck.err(
                Some(at),
                &field("position"),
                "the actor takes no stance on any dimension",
            ));
        }
        let capability = match &a.capability {
            Some(v) => {
                let x = ck.finite(v, &field("capability"))?;
                if x < 0.0 {
                    return Err(ck.err(
                        Some(v.span().start),
                        &field("capability"),
                        format!("capability {x} is negative"),
                    ));
                }
                Some(x)
            }
            None => None,
        };
        let Some(why) = &a.why else {
            return Err(ck.err(
                Some(at),
                &field("why"),
                "every actor needs `why.position` and `why.salience`",
            ));
        };
        // Dotted `why.*` keys carry no span of their own: errors point at the actor.
        let why_at = at;
        let w = why;
        let why = ActorWhy {
            position: ck.text_of(w.position.as_ref(), why_at, &field("why.position"))?,
            salience: ck.text_of(w.salience.as_ref(), why_at, &field("why.salience"))?,
            capability: match (&capability, &w.capability) {
                (Some(_), w) => Some(ck.text_of(w.as_ref(), why_at, &field("why.capability"))?),
                (None, Some(w)) => {
                    return Err(ck.err(
                        Some(w.span().start),
                        &field("why.capability"),
                        "given, but the actor's capability comes from the dataset",
                    ))
                }
                (None, None) => None,
            },
        };
        actors.push(CaseActor {
            cite: ck.cites(&a.cite, &known, at, &field("cite"), true)?,
            state,
            capability,
            position,
            salience,
            why,
            line: ck.line(state_at),
        });
    }

    let mut proposals = Vec::new();
    for entry in &raw.proposals {
        let p = entry.get_ref();
        let at = entry.span().start;
        let pname = ck.text_of(Some(&p.name), at, "proposals.name")?;
        let field = |key: &str| format!("proposals[{pname}].{key}");
        let by = match &p.by {
            Some(b) => {
                let code = b.get_ref().trim().to_string();
                if !is_iso3(&code) {
                    return Err(ck.err(
                        Some(b.span().start),
                        &field("by"),
                        format!("`{code}` is not an ISO 3166 alpha-3 code"),
                    ));
                }
                Some(code)
            }
            None => None,
        };
        let values = ck.per_dimension(&p.position, &dimensions, at, &field("position"), true)?;
        if values.iter().any(Option::is_none) {
            return Err(ck.err(
                Some(at),
                &field("position"),
                "give the proposal on every dimension",
            ));
        }
        proposals.push(CaseProposal {
            why: ck.text_of(p.why.as_ref(), at, &field("why"))?,
            cite: ck.cites(&p.cite, &known, at, &field("cite"), true)?,
            name: pname,
            by,
            position: values.into_iter().flatten().collect(),
        });
    }

    let Some(out) = &raw.outcome else {
        return Err(ck.err(
            Some(0),
            "outcome",
            "an [outcome] table (what actually happened) is required",
        ));
    };
    let out_at = out.span().start;
    let o = out.get_ref();
    let outcome_position = if o.position.is_empty() {
        None
    } else {
        let values =
            ck.per_dimension(&o.position, &dimensions, out_at, "outcome.position", true)?;
        if values.iter().any(Option::is_none) {
            return Err(ck.err(
                Some(out_at),
                "outcome.position",
                "give the outcome on every dimension or on none",
            ));
        }
        Some(values.into_iter().flatten().collect())
    };
    let outcome = CaseOutcome {
        date: ck.date(&o.date, "outcome.date")?,
        adopted: o.adopted,
        position: outcome_position,
        summary: ck.text_of(o.summary.as_ref(), out_at, "outcome.summary")?,
        why: ck.text_of(o.why.as_ref(), out_at, "outcome.why")?,
        cite: ck.cites(&o.cite, &known, out_at, "outcome.cite", true)?,
    };

    if dimensions.len() > sco_decide::load::MAX_DIMENSIONS {
        return Err(ck.err(
            None,
            "dimensions",
            format!(
                "{} dimensions: the models accept at most {}",
                dimensions.len(),
                sco_decide::load::MAX_DIMENSIONS
            ),
        ));
    }
    Ok(ScoCase {
        file: file.to_string(),
        id,
        name,
        question,
        date,
        body: raw.body,
        note: raw.note.or(raw.source),
        capability,
        dimensions,
        actors,
        proposals,
        outcome,
        sources,
    })
}

impl serde::Serialize for CaseActor {
    /// The fields in order, with the state's COW and Gleditsch-Ward numbers after `state`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (ccode, gwcode) = crate::state_numbers(&self.state);
        let mut out = serializer.serialize_struct("CaseActor", 9)?;
        out.serialize_field("state", &self.state)?;
        out.serialize_field("ccode", &ccode)?;
        out.serialize_field("gwcode", &gwcode)?;
        if self.capability.is_some() {
            out.serialize_field("capability", &self.capability)?;
        } else {
            out.skip_field("capability")?;
        }
        out.serialize_field("position", &self.position)?;
        out.serialize_field("salience", &self.salience)?;
        out.serialize_field("why", &self.why)?;
        out.serialize_field("cite", &self.cite)?;
        out.serialize_field("line", &self.line)?;
        out.end()
    }
}
