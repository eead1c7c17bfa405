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

/// A meeting of the heads of state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summit {
    /// First day.
    pub date: NaiveDate,
    /// Last day, when different.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    /// Which body.
    pub body: SummitBody,
    /// City in English; `None` for a virtual meeting.
    pub city: Option<String>,
    /// The chairing state.
    pub chair: Iso3,
    /// How it was held.
    pub format: SummitFormat,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Disagreement between sources, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Disputed>,
    /// Where it is recorded.
    pub location: Location,
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
    /// Nationality.
    pub iso3: Iso3,
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
    /// Summits in date order.
    pub summits: Vec<Summit>,
    /// Officials by post, then start.
    pub officials: Vec<Official>,
    /// Milestones in date order.
    pub milestones: Vec<Milestone>,
    /// The states and their names.
    pub directory: StateDirectory,
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

    /// The SCO summits (without the Shanghai Five), in date order.
    pub fn sco_summits(&self) -> Vec<&Summit> {
        self.summits
            .iter()
            .filter(|s| s.body == SummitBody::Sco)
            .collect()
    }
}
