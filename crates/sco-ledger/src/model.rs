//! The ledger's entries as typed values, each with the place it was read from.

use chrono::NaiveDate;
use sco_domain::{Iso3, PartialDate, StateDirectory, StatusChange};
use serde::Serialize;

use crate::Location;

/// A document cited by entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Short id used by entries.
    pub id: String,
    /// Title.
    pub title: String,
    /// Seed file name, for the seed documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Public address, for public documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it is defined.
    #[serde(skip)]
    pub location: Location,
}

/// A citation: which source and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// The source id.
    pub id: String,
    /// Where in it.
    pub at: String,
}

/// A recorded disagreement between sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disputed {
    /// The other dates given.
    pub alternatives: Vec<String>,
    /// Who gives them.
    pub by: Vec<SourceRef>,
    /// Why the entry's own date was preferred.
    pub choice: String,
}

/// What kind of uncertainty a [`Flag`] marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The decision is dated, but when it took effect is not (the 2025 "SCO partner" conversion).
    DisputedEffectDate,
    /// The status is held on paper but not exercised (Afghanistan since August 2021).
    Inactive,
    /// A fact that no cited source confirms (a RATS director's nationality).
    Unconfirmed,
}

impl FlagKind {
    /// Every kind, in the order of the file format's documentation.
    pub const ALL: [FlagKind; 3] = [
        FlagKind::DisputedEffectDate,
        FlagKind::Inactive,
        FlagKind::Unconfirmed,
    ];

    /// Machine name, as written in the ledger files and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            FlagKind::DisputedEffectDate => "disputed_effect_date",
            FlagKind::Inactive => "inactive",
            FlagKind::Unconfirmed => "unconfirmed",
        }
    }

    /// A few words for people, used in footnotes.
    pub fn label(&self) -> &'static str {
        match self {
            FlagKind::DisputedEffectDate => "date of effect disputed",
            FlagKind::Inactive => "inactive",
            FlagKind::Unconfirmed => "unconfirmed",
        }
    }
}

/// An uncertainty recorded on an entry: what is uncertain, why, and who shows it. Flags travel with
/// the entry into every document, so that users see them beside the fact they qualify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// What kind of uncertainty.
    pub kind: FlagKind,
    /// What is uncertain and why.
    pub note: String,
    /// The sources that show it (empty when the flag records an absence of sources).
    pub sources: Vec<SourceRef>,
    /// From when the flag applies, when later than the entry (Afghanistan's observer status of 2012
    /// became inactive in August 2021); `None` when it applies from the entry's own date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
}

impl Flag {
    /// Whether the flag applies on `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= date)
    }
}

/// A change of one state's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusEvent {
    /// When it took effect.
    pub date: NaiveDate,
    /// The state.
    pub state: Iso3,
    /// What changed.
    pub change: StatusChange,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Disagreement between sources, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Disputed>,
    /// Recorded uncertainties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Where it is recorded.
    pub location: Location,
}

/// Which body met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SummitBody {
    /// Heads of state of the Shanghai Five (1996–2000).
    ShanghaiFive,
    /// The SCO's Council of Heads of State.
    Sco,
    /// The SCO's Council of Heads of Government (prime ministers), the budget body (Charter Art. 6).
    HeadsOfGovernment,
}

/// How the meeting was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SummitFormat {
    /// Everyone in the room.
    InPerson,
    /// By video link.
    Virtual,
    /// Some present, some by video link.
    Hybrid,
}

impl SummitFormat {
    /// Machine name.
    pub fn as_str(&self) -> &'static str {
        match self {
            SummitFormat::InPerson => "in_person",
            SummitFormat::Virtual => "virtual",
            SummitFormat::Hybrid => "hybrid",
        }
    }
}

/// The state that takes over the chair at the end of a meeting, when a source names it before the
/// next meeting is recorded (the chair is otherwise the host of the next recorded meeting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextChair {
    /// The state announced as the next chair and host.
    pub state: Iso3,
    /// Sources announcing it.
    pub sources: Vec<SourceRef>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A meeting of the heads of state (or, in [`Ledger::government_meetings`], of the heads of
/// government).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summit {
    /// First day.
    pub date: NaiveDate,
    /// Last day, when different; `null` in JSON for a one-day meeting (the key is always there,
    /// so both councils' meetings have one shape).
    pub end_date: Option<NaiveDate>,
    /// Which body.
    pub body: SummitBody,
    /// City in English; `None` for a virtual meeting.
    pub city: Option<String>,
    /// The chairing state.
    pub chair: Iso3,
    /// How it was held.
    pub format: SummitFormat,
    /// The meeting's number, where a source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Documents adopted, where a source lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// The next chair, when announced before the next meeting is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_chair: Option<NextChair>,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Disagreement between sources, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Disputed>,
    /// Recorded uncertainties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Where it is recorded.
    pub location: Location,
}

impl Summit {
    /// The last day of the meeting.
    pub fn last_day(&self) -> NaiveDate {
        self.end_date.unwrap_or(self.date)
    }
}

/// A rotating post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    /// Secretary-General, head of the Secretariat (Beijing).
    SecretaryGeneral,
    /// Director of the Executive Committee of the RATS (Tashkent).
    RatsDirector,
}

impl Post {
    /// Machine name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Post::SecretaryGeneral => "secretary_general",
            Post::RatsDirector => "rats_director",
        }
    }
}

/// A holder of a rotating post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    /// The post.
    pub post: Post,
    /// Name in English.
    pub name: String,
    /// Nationality, when a cited source confirms it; `None` otherwise.
    pub iso3: Option<Iso3>,
    /// The nationality reported but confirmed by no cited source (flagged `unconfirmed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso3_unconfirmed: Option<Iso3>,
    /// Start of the term, as precise as the source.
    pub from: PartialDate,
    /// End of the term, as precise as the source; `None` if not known.
    pub to: Option<PartialDate>,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Disagreement between sources, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Disputed>,
    /// Recorded uncertainties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Where it is recorded.
    pub location: Location,
}

/// What kind of milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// A founding document, treaty, regulation or strategy.
    Document,
    /// A body or institution created.
    Institution,
}

/// A founding document or an institution created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    /// When, as precise as the source.
    pub date: PartialDate,
    /// Document or institution.
    pub kind: MilestoneKind,
    /// Name.
    pub name: String,
    /// Where, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// One sentence.
    pub summary: String,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Disagreement between sources, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Disputed>,
    /// Recorded uncertainties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Where it is recorded.
    pub location: Location,
}

/// The whole ledger, parsed and cross-checked.
#[derive(Debug, Clone)]
pub struct Ledger {
    /// Sources by definition order.
    pub sources: Vec<Source>,
    /// Status changes, in date order (file order among equal dates).
    pub status: Vec<StatusEvent>,
    /// Meetings of the Council of Heads of State (and of the Shanghai Five) in date order.
    pub summits: Vec<Summit>,
    /// Meetings of the Council of Heads of Government in date order.
    pub government_meetings: Vec<Summit>,
    /// Officials by post, then start.
    pub officials: Vec<Official>,
    /// Milestones in date order.
    pub milestones: Vec<Milestone>,
    /// The states and their names.
    pub directory: StateDirectory,
    /// `sha256:` and 64 hex digits identifying the ledger's texts (see
    /// [`LedgerFiles::digest`](crate::LedgerFiles::digest)): two ledgers with the same digest
    /// were read from the same files.
    pub digest: String,
}

impl Ledger {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The officials holding one post, in order of their terms.
    pub fn officials_of(&self, post: Post) -> Vec<&Official> {
        self.officials.iter().filter(|o| o.post == post).collect()
    }

    /// The date of the latest event the ledger records: a status change, the last day of a meeting
    /// of either council, an official's entry into office or a milestone (its earliest day when only
    /// the month or year is known). Answers for later dates cannot know what happened since.
    pub fn recorded_through(&self) -> Option<NaiveDate> {
        let status = self.status.iter().map(|e| e.date);
        let meetings = self
            .summits
            .iter()
            .chain(&self.government_meetings)
            .map(Summit::last_day);
        let officials = self.officials.iter().map(|o| o.from.earliest());
        let milestones = self.milestones.iter().map(|m| m.date.earliest());
        status
            .chain(meetings)
            .chain(officials)
            .chain(milestones)
            .max()
    }

    /// The SCO summits (without the Shanghai Five), in date order.
    pub fn sco_summits(&self) -> Vec<&Summit> {
        self.summits
            .iter()
            .filter(|s| s.body == SummitBody::Sco)
            .collect()
    }
}
