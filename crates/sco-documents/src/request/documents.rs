//! The documents of the request layer that the command line alone used to build: a state's
//! history, the rules' predictions, an admission check, the organs, the rules and the Charter.
//! Each has a request parsed from a [`Query`] (which owns its parameter names and defaults) and a
//! builder; the CLI prints the same structs as tables, the API and Python as JSON.

use chrono::{Datelike, NaiveDate};
use sco_domain::rules::admission_criteria::{self, Applicant};
use sco_domain::rules::admission_procedure::{may_take_step, AdmissionStep};
use sco_domain::rules::rats_director_term;
use sco_domain::rules::secretary_general_rotation::{self, RotationPrediction};
use sco_domain::{organs, principles, AccessionStage, Iso3, Status, Verdict};
use sco_ledger::{CharterText, Post};
use serde::Serialize;

use super::{resolve_state, Context, Query, RequestError};
use crate::organization::{self, state_numbers, MemberRow, OfficialRow, SummitRow, TimelineItem};

// --- the organization from the ledger ---------------------------------------------------------

/// The parameters of `overview` (`sco overview --at DATE`).
pub const OVERVIEW_PARAMS: &[&str] = &["date"];

/// Builds `overview`: the organization on `date` (default today).
pub fn overview<'a>(
    ctx: &Context<'a>,
    query: &Query,
) -> Result<organization::Overview<'a>, RequestError> {
    let date = query.date("date", ctx.today)?.unwrap_or(ctx.today);
    Ok(organization::overview(ctx.ledger, ctx.history, date))
}

/// The parameters of `members` (`sco members --at DATE [--status S]`).
pub const MEMBERS_PARAMS: &[&str] = &["date", "status"];

/// Builds `members`: the states holding a status on `date` (default today), all statuses or one.
pub fn members(ctx: &Context<'_>, query: &Query) -> Result<Vec<MemberRow>, RequestError> {
    let date = query.date("date", ctx.today)?.unwrap_or(ctx.today);
    let status = query.parsed(
        "status",
        organization::parse_status,
        "a status: expected member, observer, dialogue-partner or partner",
    )?;
    Ok(organization::members(ctx.ledger, ctx.history, date, status))
}

/// The parameters of `timeline` (`sco timeline [--state S] [--kind K] [--from D] [--to D]`).
pub const TIMELINE_PARAMS: &[&str] = &["state", "kind", "from", "to"];

/// Builds `timeline`: every event of the ledger in date order, filtered.
pub fn timeline(ctx: &Context<'_>, query: &Query) -> Result<Vec<TimelineItem>, RequestError> {
    let state = query.state("state", ctx.ledger)?;
    let from = query.date("from", ctx.today)?;
    let to = query.date("to", ctx.today)?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(RequestError::bad_input(format!(
                "parameter `from` ({from}) is after parameter `to` ({to})"
            )));
        }
    }
    let kind = query.get("kind").map(str::to_string);
    if let Some(kind) = &kind {
        organization::check_timeline_kind(kind)
            .map_err(|message| RequestError::bad_input(format!("parameter `kind`: {message}")))?;
    }
    let filter = organization::TimelineFilter {
        state,
        kind,
        from,
        to,
    };
    Ok(organization::timeline(ctx.ledger, ctx.history, &filter))
}

/// The parameters of `summits` (`sco summits [--council C] [--include-shanghai-five]`).
pub const SUMMITS_PARAMS: &[&str] = &["include_shanghai_five", "council"];

/// Builds `summits`: the meetings of the Council of Heads of State (SCO only unless
/// `include_shanghai_five`), or of Heads of Government with `council=government`.
pub fn summits<'a>(ctx: &Context<'a>, query: &Query) -> Result<Vec<SummitRow<'a>>, RequestError> {
    let include = query.flag("include_shanghai_five")?;
    let council = query
        .parsed(
            "council",
            organization::Council::parse,
            "a council: expected state or government",
        )?
        .unwrap_or_default();
    Ok(organization::council_meetings(ctx.ledger, council, include))
}

/// The parameters of `officials` (`sco officials [--post P]`).
pub const OFFICIALS_PARAMS: &[&str] = &["post"];

/// Builds `officials`: the holders of the rotating posts, all or of one post.
pub fn officials<'a>(
    ctx: &Context<'a>,
    query: &Query,
) -> Result<Vec<OfficialRow<'a>>, RequestError> {
    let post = query.parsed(
        "post",
        organization::parse_post,
        "a post: expected secretary-general or rats-director",
    )?;
    Ok(organization::officials(ctx.ledger, post))
}

// --- the decision lab's cases -----------------------------------------------------------------

/// The parameters of `case` (`sco decide case ID [--model M] [--membership X]`).
pub const CASE_PARAMS: &[&str] = &["id", "model", "membership"];

/// Builds `case`: a shipped case run by each model beside what consensus lets pass (`model`:
/// one model or `all`, the default; `membership`: whose votes count, default the members on the
/// case's date).
pub fn case(
    ctx: &Context<'_>,
    query: &Query,
) -> Result<crate::lab::CaseJson<'static>, RequestError> {
    let id = query
        .get("id")
        .ok_or_else(|| RequestError::bad_input("parameter `id` is required: a case id"))?;
    let case = crate::lab::shipped_case(id)?;
    let models = query
        .parsed(
            "model",
            crate::lab::parse_models,
            "a model: expected compromise, nash, eum, smp or all",
        )?
        .unwrap_or_else(|| sco_lab::analysis::Model::ALL.to_vec());
    crate::lab::run_case(ctx.history, case, query.get("membership"), &models).map_err(|e| match e {
        sco_lab::LabError::Usage(message) => {
            RequestError::bad_input(format!("parameter `membership`: {message}"))
        }
        other => other.into(),
    })
}

/// The parameters of `expansion` (`sco decide expansion [--agenda A] [--draws N] [--seed S]
/// [--year Y]`).
pub const EXPANSION_PARAMS: &[&str] = &["agenda", "draws", "seed", "year"];

/// Builds `expansion`: the winset and probability of agreement of random agendas under each
/// membership (`agenda` default `all`, `draws` and `seed` the lab's defaults, `year` of the UN
/// positions default [`crate::lab::DEFAULT_AGENDA_YEAR`]).
pub fn expansion(
    ctx: &Context<'_>,
    query: &Query,
) -> Result<crate::lab::AgendaExpansion, RequestError> {
    use crate::lab::{AgendaChoice, DEFAULT_AGENDA_YEAR, DRAWS};
    let expected = format!("an agenda: expected {}", AgendaChoice::NAMES.join(", "));
    let choice = query
        .parsed("agenda", AgendaChoice::parse, &expected)?
        .unwrap_or(AgendaChoice::All);
    let defaults = sco_lab::expansion::AgendaSettings::default();
    let whole = |t: &str| t.parse::<u64>().ok();
    let draws = query
        .parsed("draws", whole, "a whole number")?
        .map_or(defaults.draws, |d| usize::try_from(d).unwrap_or(usize::MAX));
    let max = ctx.max_draws.min(*DRAWS.end());
    if !(*DRAWS.start()..=max).contains(&draws) {
        return Err(RequestError::bad_input(format!(
            "parameter `draws`: {draws} is outside {}..={max}{}",
            DRAWS.start(),
            if max < *DRAWS.end() {
                format!(
                    ", this server's range (`sco decide expansion --draws` allows up to {})",
                    DRAWS.end()
                )
            } else {
                String::new()
            }
        )));
    }
    let settings = sco_lab::expansion::AgendaSettings {
        draws,
        seed: query
            .parsed("seed", whole, "a whole number")?
            .unwrap_or(defaults.seed),
    };
    let year = query.year("year")?.unwrap_or(DEFAULT_AGENDA_YEAR);
    crate::lab::agenda_expansion(ctx.history, &choice.agendas(year), settings)
        .map_err(RequestError::from)
}

/// The parameters of `case_expansion` (`sco decide expansion CASE`).
pub const CASE_EXPANSION_PARAMS: &[&str] = &["case"];

/// Builds `case_expansion`: a shipped case under every membership, Shanghai Five to candidates.
pub fn case_expansion(
    ctx: &Context<'_>,
    query: &Query,
) -> Result<crate::lab::CaseExpansion, RequestError> {
    let id = query
        .get("case")
        .ok_or_else(|| RequestError::bad_input("parameter `case` is required: a case id"))?;
    Ok(crate::lab::case_expansion(
        ctx.history,
        crate::lab::shipped_case(id)?,
    )?)
}

/// The parameters of `anti_western` (`sco decide anti-western [--positions YEAR]`).
pub const ANTI_WESTERN_PARAMS: &[&str] = &["positions"];

/// Builds `anti_western`: the winset of an anti-Western declaration from the members' UN votes
/// (`positions`: the year of the ideal points, default the lab's).
pub fn anti_western(
    ctx: &Context<'_>,
    query: &Query,
) -> Result<crate::lab::AntiWestern, RequestError> {
    crate::lab::anti_western(ctx.history, query.year("positions")?).map_err(RequestError::from)
}

// --- panel ----------------------------------------------------------------------------------

/// The parameters of `panel` (`sco panel --from Y --to Y --system S --day MM-DD --with LIST`).
pub const PANEL_PARAMS: &[&str] = &["from", "to", "system", "day", "with"];

/// Builds `panel`: the state-year panel from `from` (default 1996) to `to` (default the
/// context's year), in a state system (default COW), status on a day of each year (default
/// 12-31), with indicators joined.
pub fn panel(
    ctx: &Context<'_>,
    query: &Query,
) -> Result<crate::panel::PanelDocument, RequestError> {
    use crate::panel::{self as panel, DayOfYear, PanelError, PanelRequest, StateSystem};
    let mut request = PanelRequest::new(ctx.today.year());
    if let Some(from) = query.year("from")? {
        request.from = from;
    }
    if let Some(to) = query.year("to")? {
        request.to = to;
    }
    if let Some(system) = query.parsed(
        "system",
        StateSystem::parse,
        "a state system: expected cow, gw or iso3",
    )? {
        request.system = system;
    }
    if let Some(day) = query.parsed(
        "day",
        DayOfYear::parse,
        "a day of the year: expected MM-DD such as 12-31 (02-29 is refused)",
    )? {
        request.day = day;
    }
    if let Some(with) = query.get("with") {
        request.with = panel::parse_indicators(with)
            .map_err(|e| RequestError::bad_input(format!("parameter `with`: {e}")))?;
    }
    panel::check_years(request.from, request.to)
        .map_err(|e| RequestError::bad_input(format!("parameters `from` and `to`: {e}")))?;
    panel::panel(ctx.ledger, ctx.history, &sco_data::Embedded, &request).map_err(|e| match e {
        PanelError::Data(e) => RequestError::internal(e.to_string()),
        other => RequestError::bad_input(other.to_string()),
    })
}

// --- weight ---------------------------------------------------------------------------------

/// The parameters of `weight` (`sco weight --at DATE ...`).
pub const WEIGHT_PARAMS: &[&str] = &[
    "date",
    "data_year",
    "measures",
    "group",
    "with",
    "without",
    "missing",
    "world",
];

/// The grouping and its options from a request (defaults: the members, no changes, `skip`,
/// `aggregate`).
pub fn group_request(query: &Query) -> crate::weight::GroupRequest<'_> {
    let defaults = crate::weight::GroupRequest::default();
    crate::weight::GroupRequest {
        group: query.get("group").unwrap_or(defaults.group),
        with: query.get("with"),
        without: query.get("without"),
        missing: query.get("missing").unwrap_or(defaults.missing),
        world: query.get("world").unwrap_or(defaults.world),
    }
}

/// Builds `weight`: a grouping's share of the world with membership on `date` (default today) in
/// data year `data_year` (default: the date's year when a date is given, else the latest year
/// with data; [`crate::weight::data_year`]).
pub fn weight(ctx: &Context<'_>, query: &Query) -> Result<sco_indicators::Weight, RequestError> {
    let given = query.date("date", ctx.today)?;
    let date = given.unwrap_or(ctx.today);
    let year = crate::weight::data_year(
        query.get("data_year"),
        given,
        crate::weight::latest_core_year,
    )?;
    let measures = query
        .get("measures")
        .unwrap_or(crate::weight::DEFAULT_MEASURES);
    Ok(crate::weight::weight_on(
        &crate::weight::HistoryMembership(ctx.history),
        &group_request(query),
        date,
        year,
        measures,
    )?)
}

/// The parameters of `weight_series` (`sco weight series --from Y --to Y ...`).
pub const WEIGHT_SERIES_PARAMS: &[&str] = &[
    "from",
    "to",
    "membership_day",
    "measures",
    "group",
    "with",
    "without",
    "missing",
    "world",
];

/// Builds `weight_series`: the shares year by year from `from` (default 1996) to `to` (default
/// or `latest`: the latest year with data), membership read on `membership_day` (default 12-31).
pub fn weight_series(
    ctx: &Context<'_>,
    query: &Query,
) -> Result<Vec<crate::weight::SeriesPoint>, RequestError> {
    let from = query
        .year("from")?
        .unwrap_or(crate::organization::FIRST_YEAR);
    let to = match query.get("to") {
        None | Some("latest") => crate::weight::latest_core_year().unwrap_or(from),
        Some(text) => super::parse_year("to", text).map_err(|_| {
            RequestError::bad_input(format!(
                "parameter `to`: `{text}` is not a year: expected e.g. 2019 or `latest`"
            ))
        })?,
    };
    Ok(crate::weight::series(
        &crate::weight::HistoryMembership(ctx.history),
        &group_request(query),
        from,
        to,
        query.get("membership_day").unwrap_or("12-31"),
        query
            .get("measures")
            .unwrap_or(crate::weight::DEFAULT_SERIES_MEASURES),
    )?)
}

// --- state ------------------------------------------------------------------------------------

/// The parameters of `state` (`sco state STATE`).
pub const STATE_PARAMS: &[&str] = &["state"];

/// One state's history with the SCO (`sco state STATE --json`).
#[derive(Debug, Serialize)]
pub struct StateDocument<'a> {
    pub iso3: Iso3,
    /// COW and Gleditsch-Ward state numbers (every event below is of this state).
    pub ccode: Option<u16>,
    pub gwcode: Option<u16>,
    pub name_en: &'a str,
    pub name_ru: &'a str,
    pub name_zh: &'a str,
    /// The status on the context's "today".
    pub status_today: Option<&'static str>,
    pub events: Vec<&'a sco_ledger::StatusEvent>,
    pub summits_chaired: Vec<SummitRow<'a>>,
    pub government_meetings_chaired: Vec<SummitRow<'a>>,
    /// Officials of this nationality, confirmed or reported (flagged in the ledger).
    pub officials: Vec<OfficialRow<'a>>,
}

/// Builds `state` for `query` (`state`: ISO3 code or English name, required; an unknown state is
/// not found).
pub fn state<'a>(ctx: &Context<'a>, query: &Query) -> Result<StateDocument<'a>, RequestError> {
    let iso3 = query
        .state("state", ctx.ledger)
        .map_err(RequestError::not_found_if_bad)?
        .ok_or_else(|| {
        RequestError::bad_input(
            "parameter `state` is required: give an ISO 3166 alpha-3 code (e.g. IND) or an English name",
        )
    })?;
    let info = ctx.ledger.directory.get(iso3).ok_or_else(|| {
        RequestError::not_found(format!("parameter `state`: unknown state `{iso3}`"))
    })?;
    let (ccode, gwcode) = state_numbers(iso3.as_str());
    let chaired = |list: &'a [sco_ledger::Summit]| {
        list.iter()
            .filter(|s| s.chair == iso3)
            .map(SummitRow::new)
            .collect()
    };
    Ok(StateDocument {
        iso3,
        ccode,
        gwcode,
        name_en: &info.name_en,
        name_ru: &info.name_ru,
        name_zh: &info.name_zh,
        status_today: ctx
            .history
            .snapshot(ctx.today)
            .organization
            .status(iso3)
            .map(|s| s.as_str()),
        events: ctx.history.of_state(iso3),
        summits_chaired: chaired(&ctx.ledger.summits),
        government_meetings_chaired: chaired(&ctx.ledger.government_meetings),
        officials: ctx
            .ledger
            .officials
            .iter()
            .filter(|o| o.iso3.or(o.iso3_unconfirmed) == Some(iso3))
            .map(OfficialRow::new)
            .collect(),
    })
}

// --- predict ----------------------------------------------------------------------------------

/// The parameters of `predict` (`sco predict --at DATE`).
pub const PREDICT_PARAMS: &[&str] = &["date"];

/// One prediction of the rules (`sco predict --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// `next_chair`, `next_secretary_general` or `next_rats_director`.
    pub what: &'static str,
    /// The state the prediction follows (the last chair or holder).
    pub after: Option<Iso3>,
    pub by_written_rule: Option<Iso3>,
    /// The ledger's next summit host, the announced chair, or the rule as practised.
    pub by_practice: Option<Iso3>,
    pub from_year: Option<i32>,
    pub rule: String,
}

/// Builds `predict`: what the rules say comes next, as of `date` (default today), from what the
/// ledger records up to it.
pub fn predict(ctx: &Context<'_>, query: &Query) -> Result<Vec<Prediction>, RequestError> {
    let at = query.date("date", ctx.today)?.unwrap_or(ctx.today);
    let ledger = ctx.ledger;
    let members = ctx.history.snapshot(at).members();
    let mut predictions = Vec::new();
    if let Some(last) = ledger
        .sco_summits()
        .into_iter()
        .rev()
        .find(|s| s.date <= at)
    {
        let next = organization::rotation_successor(ledger, ctx.history, last.chair, at);
        let recorded_next = ledger
            .sco_summits()
            .into_iter()
            .find(|s| s.date > last.date && s.date > at);
        predictions.push(Prediction {
            what: "next_chair",
            after: Some(last.chair),
            by_written_rule: next,
            by_practice: recorded_next
                .map(|s| s.chair)
                .or_else(|| last.next_chair.as_ref().map(|n| n.state)),
            from_year: Some(last.date.year() + 1),
            rule: sco_domain::rules::chair_rotation::CITATION.to_string(),
        });
    }
    for (post, what) in [
        (Post::SecretaryGeneral, "next_secretary_general"),
        (Post::RatsDirector, "next_rats_director"),
    ] {
        let holders: Vec<_> = ledger
            .officials_of(post)
            .into_iter()
            .filter(|o| o.from.earliest() <= at)
            .collect();
        let record = sco_ledger::tenures(ctx.history, &holders);
        let RotationPrediction {
            by_written_rule,
            by_practice,
            next_term_from_year,
        } = match post {
            Post::SecretaryGeneral => {
                secretary_general_rotation::predict(&ledger.directory, &record, &members)
            }
            Post::RatsDirector => rats_director_term::predict(&record, &members),
        };
        predictions.push(Prediction {
            what,
            after: record.last().and_then(|t| t.iso3),
            by_written_rule,
            by_practice,
            from_year: next_term_from_year,
            rule: match post {
                Post::SecretaryGeneral => secretary_general_rotation::CITATION.to_string(),
                Post::RatsDirector => rats_director_term::CITATION.to_string(),
            },
        });
    }
    Ok(predictions)
}

// --- admission --------------------------------------------------------------------------------

/// The parameters of `admission` (`sco admission STATE` and its options).
pub const ADMISSION_PARAMS: &[&str] = &[
    "state",
    "date",
    "in_region",
    "outside_region",
    "no_relations_with",
    "under_un_sanctions",
    "in_armed_conflict",
    "no_active_ties",
];

/// Whether a state can take its next step towards membership (`sco admission STATE --json`).
/// A "no" is an answer (`allowed: false`, with reasons), not an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdmissionDocument {
    pub state: Iso3,
    /// The state's COW and Gleditsch-Ward numbers.
    pub ccode: Option<u16>,
    pub gwcode: Option<u16>,
    pub date: NaiveDate,
    pub status: Option<Status>,
    pub accession_stage: Option<AccessionStage>,
    pub next_step: Option<AdmissionStep>,
    pub procedure: Option<Verdict>,
    pub criteria: Verdict,
    pub allowed: bool,
}

/// Builds `admission`. The procedure is read from the ledger on `date` (default today); the
/// criteria about facts the ledger does not hold come from the flags (the region defaults to the
/// state's UN region, Asia or Europe).
pub fn admission(ctx: &Context<'_>, query: &Query) -> Result<AdmissionDocument, RequestError> {
    let ledger = ctx.ledger;
    let state = query
        .state("state", ledger)
        .map_err(RequestError::not_found_if_bad)?
        .ok_or_else(|| {
        RequestError::bad_input(
            "parameter `state` is required: give an ISO 3166 alpha-3 code (e.g. IND) or an English name",
        )
    })?;
    let date = query.date("date", ctx.today)?.unwrap_or(ctx.today);
    let (in_region, outside_region) = (query.flag("in_region")?, query.flag("outside_region")?);
    if in_region && outside_region {
        return Err(RequestError::bad_input(
            "parameters `in_region` and `outside_region` exclude each other",
        ));
    }
    let no_relations_with = query
        .get("no_relations_with")
        .map(|list| {
            list.split(',')
                .filter(|c| !c.trim().is_empty())
                .map(|code| resolve_state(ledger, "no_relations_with", code))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?
        .unwrap_or_default();
    let organization = ctx.history.snapshot(date).organization;
    let standing = organization.standing(state);
    let status = standing.and_then(|s| s.status);
    let stage = standing.and_then(|s| s.accession);
    let next_step = match (status, stage) {
        (Some(Status::Member), _) => None,
        (_, None) => Some(AdmissionStep::StartProcedure),
        (_, Some(AccessionStage::ProcedureStarted)) => Some(AdmissionStep::SignMemorandum),
        (_, Some(AccessionStage::MemorandumSigned)) => Some(AdmissionStep::Admit),
    };
    let procedure = next_step.map(|step| may_take_step(&organization, state, step));
    let criteria = admission_criteria::check(&Applicant {
        state,
        in_region: if outside_region {
            false
        } else if in_region {
            true
        } else {
            ledger
                .directory
                .get(state)
                .and_then(|s| s.un_region.as_deref())
                .is_some_and(|region| region == "Asia" || region == "Europe")
        },
        no_relations_with,
        status,
        active_ties: !query.flag("no_active_ties")?,
        under_un_sanctions: query.flag("under_un_sanctions")?,
        in_armed_conflict: query.flag("in_armed_conflict")?,
        accepts_charter: true,
    });
    let allowed = procedure.as_ref().is_some_and(|v| v.allowed)
        && (next_step != Some(AdmissionStep::StartProcedure) || criteria.allowed);
    let (ccode, gwcode) = state_numbers(state.as_str());
    Ok(AdmissionDocument {
        state,
        ccode,
        gwcode,
        date,
        status,
        accession_stage: stage,
        next_step,
        procedure,
        criteria,
        allowed,
    })
}

// --- organs, rules, charter -------------------------------------------------------------------

/// The organs, the official languages, the budget rule and the principles (`sco organs --json`).
#[derive(Debug, Serialize)]
pub struct OrgansDocument {
    pub organs: &'static [organs::Organ],
    pub official_languages: &'static [&'static str],
    pub budget: &'static str,
    pub norms: Vec<(&'static str, &'static [principles::Norm])>,
}

/// Builds `organs` (no parameters).
pub fn organs() -> OrgansDocument {
    OrgansDocument {
        organs: &organs::ORGANS,
        official_languages: &organs::OFFICIAL_LANGUAGES,
        budget: organs::BUDGET,
        norms: principles::all().to_vec(),
    }
}

/// The parameters of `charter` (`sco charter [ARTICLE]`).
pub const CHARTER_PARAMS: &[&str] = &["article"];

/// The Charter in our words (`sco charter --json`), or one article (`sco charter N --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CharterDocument {
    Whole(CharterText),
    Article(sco_ledger::Article),
}

/// Builds `charter`: the whole text, or with `article` that article (an article not paraphrased
/// here is not found, with the list of those that are).
pub fn charter(query: &Query) -> Result<CharterDocument, RequestError> {
    let charter = CharterText::embedded().map_err(|e| {
        RequestError::internal(format!("the embedded Charter text is invalid: {e}"))
    })?;
    let number = query.parsed(
        "article",
        |t| t.parse::<u32>().ok(),
        "an article number (e.g. 16)",
    )?;
    match number {
        None => Ok(CharterDocument::Whole(charter)),
        Some(number) => match charter.article(number) {
            Some(article) => Ok(CharterDocument::Article(article.clone())),
            None => {
                let known: Vec<String> = charter
                    .articles
                    .iter()
                    .map(|a| a.number.to_string())
                    .collect();
                Err(RequestError::not_found(format!(
                    "parameter `article`: article {number} is not paraphrased here; articles available: {}",
                    known.join(", ")
                )))
            }
        },
    }
}
