//! Reading ledger files: TOML into typed entries, with the line of every problem.
//!
//! The raw structures mirror the file format one to one (`deny_unknown_fields`, so a misspelt key is an
//! error, not a silent omission). Dates, codes and enumerations are read as spanned strings and checked
//! here, so a bad value is reported at its own line with a message a person can act on.

use std::ops::Range;

use chrono::NaiveDate;
use sco_domain::{Iso3, PartialDate, StateDirectory, StatusChange};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{
    Disputed, Flag, FlagKind, Milestone, MilestoneKind, NextChair, Official, Post, Source,
    SourceRef, StatusEvent, Summit, SummitBody, SummitFormat,
};
use crate::{LedgerError, Location};

/// Line numbers of byte offsets (binary search over line starts, so that locating every entry of
/// a large file stays linear in its size), and the line of one offset: the workspace's helpers.
pub(crate) use sco_location::{line_of, LineIndex};

/// Parses a whole file, mapping TOML and shape errors to a located error.
pub(crate) fn parse_toml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, LedgerError> {
    toml::from_str(text).map_err(|error| {
        let line = error.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        LedgerError::Syntax {
            location: Location {
                file: file.to_string(),
                line,
            },
            message: error.message().trim().to_string(),
        }
    })
}

/// A file being checked: its name and text, and the errors found so far.
pub(crate) struct Checker<'a> {
    pub file: &'a str,
    lines: LineIndex,
    pub errors: Vec<LedgerError>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            lines: LineIndex::new(text),
            errors: Vec::new(),
        }
    }

    pub fn location(&self, span: Range<usize>) -> Location {
        Location {
            file: self.file.to_string(),
            line: self.lines.line(span.start),
        }
    }

    fn invalid(&mut self, span: Range<usize>, message: String) {
        let location = self.location(span);
        self.errors.push(LedgerError::Invalid { location, message });
    }

    pub fn date(&mut self, field: &str, value: &Spanned<String>) -> Option<NaiveDate> {
        match value.get_ref().parse::<PartialDate>() {
            Ok(date) => match date.exact() {
                Some(exact) => Some(exact),
                None => {
                    self.invalid(
                        value.span(),
                        format!(
                            "`{field}` must be a full date YYYY-MM-DD, got `{}`",
                            value.get_ref()
                        ),
                    );
                    None
                }
            },
            Err(error) => {
                self.invalid(value.span(), format!("`{field}`: {error}"));
                None
            }
        }
    }

    pub fn partial_date(&mut self, field: &str, value: &Spanned<String>) -> Option<PartialDate> {
        match value.get_ref().parse::<PartialDate>() {
            Ok(date) => Some(date),
            Err(error) => {
                self.invalid(value.span(), format!("`{field}`: {error}"));
                None
            }
        }
    }

    pub fn state(
        &mut self,
        field: &str,
        value: &Spanned<String>,
        directory: &StateDirectory,
    ) -> Option<Iso3> {
        match directory.resolve(value.get_ref()) {
            Ok(state) => Some(state.iso3),
            Err(error) => {
                self.invalid(value.span(), format!("`{field}`: {error}"));
                None
            }
        }
    }

    pub fn choice<T: Copy>(
        &mut self,
        field: &str,
        value: &Spanned<String>,
        options: &[(&str, T)],
    ) -> Option<T> {
        let found = options
            .iter()
            .find(|(name, _)| *name == value.get_ref())
            .map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            self.invalid(
                value.span(),
                format!(
                    "`{field}` is `{}`, expected one of: {}",
                    value.get_ref(),
                    names.join(", ")
                ),
            );
        }
        found
    }

    pub fn sources(
        &mut self,
        value: &Spanned<Vec<RawSourceRef>>,
        known: &[Source],
    ) -> Vec<SourceRef> {
        if value.get_ref().is_empty() {
            self.invalid(
                value.span(),
                "`sources` is empty: every entry must name at least one source".into(),
            );
        }
        let refs = value
            .get_ref()
            .iter()
            .map(|r| SourceRef {
                id: r.id.clone(),
                at: r.at.clone(),
            })
            .collect::<Vec<_>>();
        self.check_refs(value.span(), &refs, known);
        refs
    }

    fn check_refs(&mut self, span: Range<usize>, refs: &[SourceRef], known: &[Source]) {
        for reference in refs {
            if !known.iter().any(|s| s.id == reference.id) {
                self.invalid(
                    span.clone(),
                    format!(
                        "unknown source `{}` (define it in sources.toml)",
                        reference.id
                    ),
                );
            }
            if reference.at.trim().is_empty() {
                self.invalid(
                    span.clone(),
                    format!(
                        "source `{}` is cited without saying where (`at`)",
                        reference.id
                    ),
                );
            }
        }
    }

    pub fn disputed(
        &mut self,
        value: &Option<Spanned<RawDisputed>>,
        known: &[Source],
    ) -> Option<Disputed> {
        let raw = value.as_ref()?;
        let by: Vec<SourceRef> = raw
            .get_ref()
            .by
            .iter()
            .map(|r| SourceRef {
                id: r.id.clone(),
                at: r.at.clone(),
            })
            .collect();
        self.check_refs(raw.span(), &by, known);
        Some(Disputed {
            alternatives: raw.get_ref().alternatives.clone(),
            by,
            choice: raw.get_ref().choice.clone(),
        })
    }
}

impl Checker<'_> {
    /// Checks the `flags` of an entry: known kinds, a note, known sources.
    pub fn flags(&mut self, value: &[Spanned<RawFlag>], known: &[Source]) -> Vec<Flag> {
        let kinds: Vec<(&str, FlagKind)> = FlagKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let mut flags = Vec::new();
        for raw in value {
            let flag = raw.get_ref();
            let kind = self.choice("flags.kind", &flag.kind, &kinds);
            if flag.note.trim().is_empty() {
                self.invalid(
                    raw.span(),
                    "a flag needs a `note` saying what is uncertain".into(),
                );
            }
            let sources: Vec<SourceRef> = flag
                .sources
                .iter()
                .map(|r| SourceRef {
                    id: r.id.clone(),
                    at: r.at.clone(),
                })
                .collect();
            self.check_refs(raw.span(), &sources, known);
            let since = flag.since.as_ref().map(|d| self.date("flags.since", d));
            if let (Some(kind), None | Some(Some(_))) = (kind, since) {
                flags.push(Flag {
                    kind,
                    note: flag.note.clone(),
                    sources,
                    since: since.flatten(),
                });
            }
        }
        flags
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFlag {
    kind: Spanned<String>,
    note: String,
    since: Option<Spanned<String>>,
    #[serde(default)]
    sources: Vec<RawSourceRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNextChair {
    state: Spanned<String>,
    sources: Spanned<Vec<RawSourceRef>>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSourceRef {
    id: String,
    at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDisputed {
    #[serde(default)]
    alternatives: Vec<String>,
    #[serde(default)]
    by: Vec<RawSourceRef>,
    choice: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    title: String,
    file: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<RawSource>,
}

/// Parses `sources.toml`.
pub(crate) fn sources(file: &str, text: &str) -> Result<Vec<Source>, LedgerError> {
    let raw: SourcesFile = parse_toml(file, text)?;
    let mut checker = Checker::new(file, text);
    let mut sources: Vec<Source> = Vec::new();
    for entry in raw.source {
        let location = checker.location(entry.id.span());
        let id = entry.id.get_ref().clone();
        if sources.iter().any(|s| s.id == id) {
            checker.invalid(entry.id.span(), format!("source `{id}` is defined twice"));
        }
        if entry.file.is_none() && entry.url.is_none() {
            checker.invalid(
                entry.id.span(),
                format!("source `{id}` needs a `file` (seed) or a `url` (public document)"),
            );
        }
        sources.push(Source {
            id,
            title: entry.title,
            file: entry.file,
            url: entry.url,
            publisher: entry.publisher,
            note: entry.note,
            location,
        });
    }
    LedgerError::collect(checker.errors)?;
    Ok(sources)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    date: Spanned<String>,
    state: Spanned<String>,
    change: Spanned<String>,
    sources: Spanned<Vec<RawSourceRef>>,
    note: Option<String>,
    disputed: Option<Spanned<RawDisputed>>,
    #[serde(default)]
    flags: Vec<Spanned<RawFlag>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusFile {
    #[serde(default)]
    status: Vec<RawStatus>,
}

/// Parses `status.toml`.
pub(crate) fn status(
    file: &str,
    text: &str,
    directory: &StateDirectory,
    known: &[Source],
) -> Result<Vec<StatusEvent>, LedgerError> {
    let raw: StatusFile = parse_toml(file, text)?;
    let mut checker = Checker::new(file, text);
    let changes: Vec<(&str, StatusChange)> =
        StatusChange::ALL.iter().map(|c| (c.as_str(), *c)).collect();
    let mut events = Vec::new();
    for entry in raw.status {
        let location = checker.location(entry.date.span());
        let date = checker.date("date", &entry.date);
        let state = checker.state("state", &entry.state, directory);
        let change = checker.choice("change", &entry.change, &changes);
        let sources = checker.sources(&entry.sources, known);
        let disputed = checker.disputed(&entry.disputed, known);
        let flags = checker.flags(&entry.flags, known);
        if let (Some(date), Some(state), Some(change)) = (date, state, change) {
            events.push(StatusEvent {
                date,
                state,
                change,
                sources,
                note: entry.note,
                disputed,
                flags,
                location,
            });
        }
    }
    LedgerError::collect(checker.errors)?;
    events.sort_by_key(|e| e.date);
    Ok(events)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummit {
    date: Spanned<String>,
    end_date: Option<Spanned<String>>,
    /// Required in `summits.toml`; implied (and refused) in `heads_of_government.toml`, where the
    /// only body is the Council of Heads of Government.
    body: Option<Spanned<String>>,
    city: Option<String>,
    chair: Spanned<String>,
    format: Spanned<String>,
    #[serde(default)]
    number: Option<u32>,
    #[serde(default)]
    documents: Vec<String>,
    next_chair: Option<RawNextChair>,
    sources: Spanned<Vec<RawSourceRef>>,
    note: Option<String>,
    disputed: Option<Spanned<RawDisputed>>,
    #[serde(default)]
    flags: Vec<Spanned<RawFlag>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummitsFile {
    #[serde(default)]
    summit: Vec<RawSummit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GovernmentFile {
    #[serde(default)]
    meeting: Vec<RawSummit>,
}

/// Parses `heads_of_government.toml`: its meetings are checked exactly as summits are.
pub(crate) fn government_meetings(
    file: &str,
    text: &str,
    directory: &StateDirectory,
    known: &[Source],
) -> Result<Vec<Summit>, LedgerError> {
    let raw: GovernmentFile = parse_toml(file, text)?;
    let bodies = [("heads_of_government", SummitBody::HeadsOfGovernment)];
    check_summits(file, text, raw.meeting, &bodies, directory, known)
}

/// Parses `summits.toml`.
pub(crate) fn summits(
    file: &str,
    text: &str,
    directory: &StateDirectory,
    known: &[Source],
) -> Result<Vec<Summit>, LedgerError> {
    let raw: SummitsFile = parse_toml(file, text)?;
    let bodies = [
        ("sco", SummitBody::Sco),
        ("shanghai_five", SummitBody::ShanghaiFive),
    ];
    check_summits(file, text, raw.summit, &bodies, directory, known)
}

fn check_summits(
    file: &str,
    text: &str,
    raw: Vec<RawSummit>,
    bodies: &[(&str, SummitBody)],
    directory: &StateDirectory,
    known: &[Source],
) -> Result<Vec<Summit>, LedgerError> {
    let mut checker = Checker::new(file, text);
    let formats = [
        ("in_person", SummitFormat::InPerson),
        ("virtual", SummitFormat::Virtual),
        ("hybrid", SummitFormat::Hybrid),
    ];
    let mut summits = Vec::new();
    for entry in raw {
        let location = checker.location(entry.date.span());
        let date = checker.date("date", &entry.date);
        let end_date = entry
            .end_date
            .as_ref()
            .and_then(|d| checker.date("end_date", d));
        let body = match (&entry.body, bodies) {
            (Some(body), [_, _, ..]) => checker.choice("body", body, bodies),
            (None, [(_, only)]) => Some(*only),
            (Some(body), _) => {
                checker.invalid(
                    body.span(),
                    "`body` is implied in this file (every meeting is of the Council of Heads of Government); remove it".into(),
                );
                None
            }
            (None, _) => {
                checker.invalid(
                    entry.date.span(),
                    "missing `body` (`sco` or `shanghai_five`)".into(),
                );
                None
            }
        };
        let chair = checker.state("chair", &entry.chair, directory);
        let format = checker.choice("format", &entry.format, &formats);
        let sources = checker.sources(&entry.sources, known);
        let disputed = checker.disputed(&entry.disputed, known);
        let flags = checker.flags(&entry.flags, known);
        if bodies
            .iter()
            .all(|(_, b)| *b == SummitBody::HeadsOfGovernment)
        {
            if let Some(next) = &entry.next_chair {
                checker.invalid(
                    next.state.span(),
                    "`next_chair` belongs to the summits (the Council of Heads of State)".into(),
                );
            }
        }
        let next_chair = entry.next_chair.as_ref().and_then(|next| {
            let state = checker.state("next_chair.state", &next.state, directory)?;
            let sources = checker.sources(&next.sources, known);
            Some(NextChair {
                state,
                sources,
                note: next.note.clone(),
            })
        });
        if let (Some(date), Some(end)) = (date, end_date) {
            if end < date {
                checker.invalid(
                    entry.date.span(),
                    format!("`end_date` {end} is before `date` {date}"),
                );
            }
        }
        let city = entry.city.filter(|c| !c.trim().is_empty());
        if let Some(format) = format {
            if format != SummitFormat::Virtual && city.is_none() {
                checker.invalid(
                    entry.format.span(),
                    "a summit held in person or hybrid needs a `city`".into(),
                );
            }
            if format == SummitFormat::Virtual && city.is_some() {
                checker.invalid(
                    entry.format.span(),
                    "a virtual summit has no `city` (name the chair instead)".into(),
                );
            }
        }
        if let (Some(date), Some(body), Some(chair), Some(format)) = (date, body, chair, format) {
            summits.push(Summit {
                date,
                end_date,
                body,
                city,
                chair,
                format,
                number: entry.number,
                documents: entry.documents,
                next_chair,
                sources,
                note: entry.note,
                disputed,
                flags,
                location,
            });
        }
    }
    summits.sort_by_key(|s| s.date);
    if let Some(early) = summits
        .iter()
        .rev()
        .skip(1)
        .find(|s| s.next_chair.is_some())
    {
        checker.errors.push(LedgerError::Invalid {
            location: early.location.clone(),
            message: "`next_chair` belongs on the latest meeting only: the chair after an earlier \
                      meeting is the host of the next one"
                .into(),
        });
    }
    LedgerError::collect(checker.errors)?;
    Ok(summits)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOfficial {
    post: Spanned<String>,
    name: String,
    iso3: Option<Spanned<String>>,
    iso3_unconfirmed: Option<Spanned<String>>,
    from: Spanned<String>,
    to: Option<Spanned<String>>,
    sources: Spanned<Vec<RawSourceRef>>,
    note: Option<String>,
    disputed: Option<Spanned<RawDisputed>>,
    #[serde(default)]
    flags: Vec<Spanned<RawFlag>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialsFile {
    #[serde(default)]
    official: Vec<RawOfficial>,
}

/// Parses `officials.toml`.
pub(crate) fn officials(
    file: &str,
    text: &str,
    directory: &StateDirectory,
    known: &[Source],
) -> Result<Vec<Official>, LedgerError> {
    let raw: OfficialsFile = parse_toml(file, text)?;
    let mut checker = Checker::new(file, text);
    let posts = [
        ("secretary_general", Post::SecretaryGeneral),
        ("rats_director", Post::RatsDirector),
    ];
    let mut officials = Vec::new();
    for entry in raw.official {
        let location = checker.location(entry.post.span());
        let post = checker.choice("post", &entry.post, &posts);
        let iso3 = entry
            .iso3
            .as_ref()
            .and_then(|v| checker.state("iso3", v, directory));
        let iso3_unconfirmed = entry
            .iso3_unconfirmed
            .as_ref()
            .and_then(|v| checker.state("iso3_unconfirmed", v, directory));
        let flags = checker.flags(&entry.flags, known);
        if entry.iso3.is_some() && entry.iso3_unconfirmed.is_some() {
            checker.invalid(
                entry.post.span(),
                "give `iso3` (confirmed by a cited source) or `iso3_unconfirmed`, not both".into(),
            );
        }
        if entry.iso3_unconfirmed.is_some()
            && !flags.iter().any(|f| f.kind == FlagKind::Unconfirmed)
        {
            checker.invalid(
                entry.post.span(),
                "`iso3_unconfirmed` needs a flag of kind `unconfirmed` saying why".into(),
            );
        }
        let from = checker.partial_date("from", &entry.from);
        let to = entry
            .to
            .as_ref()
            .and_then(|d| checker.partial_date("to", d));
        let sources = checker.sources(&entry.sources, known);
        let disputed = checker.disputed(&entry.disputed, known);
        if let (Some(from), Some(to)) = (from, to) {
            if to.latest() < from.earliest() {
                checker.invalid(
                    entry.from.span(),
                    format!("the term ends ({to}) before it starts ({from})"),
                );
            }
        }
        if let (Some(post), Some(from)) = (post, from) {
            officials.push(Official {
                post,
                name: entry.name,
                iso3,
                iso3_unconfirmed,
                from,
                to,
                sources,
                note: entry.note,
                disputed,
                flags,
                location,
            });
        }
    }
    LedgerError::collect(checker.errors)?;
    officials.sort_by_key(|o| (o.post, o.from.earliest()));
    Ok(officials)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    date: Spanned<String>,
    kind: Spanned<String>,
    name: String,
    place: Option<String>,
    summary: String,
    sources: Spanned<Vec<RawSourceRef>>,
    note: Option<String>,
    disputed: Option<Spanned<RawDisputed>>,
    #[serde(default)]
    flags: Vec<Spanned<RawFlag>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestonesFile {
    #[serde(default)]
    milestone: Vec<RawMilestone>,
}

/// Parses `milestones.toml`.
pub(crate) fn milestones(
    file: &str,
    text: &str,
    known: &[Source],
) -> Result<Vec<Milestone>, LedgerError> {
    let raw: MilestonesFile = parse_toml(file, text)?;
    let mut checker = Checker::new(file, text);
    let kinds = [
        ("document", MilestoneKind::Document),
        ("institution", MilestoneKind::Institution),
    ];
    let mut milestones = Vec::new();
    for entry in raw.milestone {
        let location = checker.location(entry.date.span());
        let date = checker.partial_date("date", &entry.date);
        let kind = checker.choice("kind", &entry.kind, &kinds);
        let sources = checker.sources(&entry.sources, known);
        let disputed = checker.disputed(&entry.disputed, known);
        let flags = checker.flags(&entry.flags, known);
        if let (Some(date), Some(kind)) = (date, kind) {
            milestones.push(Milestone {
                date,
                kind,
                name: entry.name,
                place: entry.place,
                summary: entry.summary,
                sources,
                note: entry.note,
                disputed,
                flags,
                location,
            });
        }
    }
    LedgerError::collect(checker.errors)?;
    milestones.sort_by_key(|m| m.date.earliest());
    Ok(milestones)
}
