//! The organization from the ledger: the overview on a date (`sco overview --json`), the states
//! by status (`sco members --json`), the timeline (`sco timeline --json`), summits, officials and
//! sources, and membership counts year by year for the dashboard's chart.

use chrono::{Datelike, NaiveDate};
use sco_domain::rules::chair_rotation::ring_successor;
use sco_domain::status::Framework;
use sco_domain::{Iso3, PartialDate, Status, StatusChange};
use sco_ledger::{
    History, Ledger, Location, MembershipRow, MilestoneKind, Official, Post, Source, SourceRef,
    Summit, SummitBody,
};
use serde::Serialize;

/// The first year of the record: the Shanghai Five's first summit (26 April 1996). Series and
/// panels start here unless asked otherwise.
pub const FIRST_YEAR: i32 = 1996;

/// Who chairs on a date: the host of the next summit, recorded, announced or predicted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chairmanship {
    /// The chairing state.
    pub iso3: Iso3,
    /// Its COW state number, if any.
    pub ccode: Option<u16>,
    /// Its Gleditsch-Ward state number, if any.
    pub gwcode: Option<u16>,
    /// Its English name.
    pub name: String,
    /// `ledger` when the next summit is recorded, `announced` when a source names the next chair
    /// after the last recorded summit, `predicted` when it comes from the rotation rule alone.
    pub basis: &'static str,
    /// The summit that ends the chairmanship, when recorded.
    pub until_summit: Option<NaiveDate>,
    /// Since when the state chairs: the day after the previous summit ended, when recorded.
    pub since: Option<NaiveDate>,
    /// The sources naming the chair, for an announced chair.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// The organization on a date, as `sco overview --json` prints it.
#[derive(Debug, Serialize)]
pub struct Overview<'a> {
    pub date: NaiveDate,
    /// `shanghai_five`, `sco`, or `null` before 26 April 1996.
    pub framework: Option<&'static str>,
    /// Every state holding a status, with its status and state numbers.
    pub states: Vec<MemberRow>,
    pub chair: Option<Chairmanship>,
    pub secretary_general: Option<OfficialRow<'a>>,
    pub rats_director: Option<OfficialRow<'a>>,
    pub last_summit: Option<SummitRow<'a>>,
    /// The date of the latest event the ledger records; later events are unknown to it.
    pub ledger_through: Option<NaiveDate>,
    /// Whether `date` is after `ledger_through`, so that the answer may miss later events.
    pub after_coverage: bool,
}

/// The framework's machine name.
fn framework_name(framework: Framework) -> &'static str {
    match framework {
        Framework::ShanghaiFive => "shanghai_five",
        Framework::Sco => "sco",
    }
}

/// The chair on `date`: the host of the first summit not yet over, or the rotation's prediction.
///
/// After the last recorded summit, the chair is the one a source announced there (`announced`, with
/// its sources), and only where none did, the rotation's prediction (`predicted`).
pub fn chair_on(ledger: &Ledger, history: &History, date: NaiveDate) -> Option<Chairmanship> {
    let index = ledger.summits.iter().position(|s| s.last_day() >= date);
    let since = |i: usize| {
        i.checked_sub(1)
            .map(|p| ledger.summits[p].last_day() + chrono::Days::new(1))
    };
    if let Some(i) = index {
        let next = &ledger.summits[i];
        return Some(Chairmanship {
            iso3: next.chair,
            ccode: state_numbers(next.chair.as_str()).0,
            gwcode: state_numbers(next.chair.as_str()).1,
            name: ledger.directory.name_en(next.chair),
            basis: "ledger",
            until_summit: Some(next.date),
            since: since(i),
            sources: Vec::new(),
        });
    }
    let last = ledger.summits.last()?;
    let after_last = Some(last.last_day() + chrono::Days::new(1));
    if let Some(next) = &last.next_chair {
        return Some(Chairmanship {
            iso3: next.state,
            ccode: state_numbers(next.state.as_str()).0,
            gwcode: state_numbers(next.state.as_str()).1,
            name: ledger.directory.name_en(next.state),
            basis: "announced",
            until_summit: None,
            since: after_last,
            sources: next.sources.clone(),
        });
    }
    let predicted = rotation_successor(ledger, history, last.chair, date)?;
    Some(Chairmanship {
        iso3: predicted,
        ccode: state_numbers(predicted.as_str()).0,
        gwcode: state_numbers(predicted.as_str()).1,
        name: ledger.directory.name_en(predicted),
        basis: "predicted",
        until_summit: None,
        since: after_last,
        sources: Vec::new(),
    })
}

/// The next chair by the rotation rule after `last_chair`, among the members on `date` (the
/// alphabetical ring of `sco_domain::rules::chair_rotation`). The overview's predicted chair and
/// `predict`'s chair by the written rule both come from here.
pub fn rotation_successor(
    ledger: &Ledger,
    history: &History,
    last_chair: Iso3,
    date: NaiveDate,
) -> Option<Iso3> {
    ring_successor(
        &ledger.directory,
        &history.snapshot(date).members(),
        last_chair,
    )
}

/// The holder of a post on a date.
pub fn holder_on(ledger: &Ledger, post: Post, date: NaiveDate) -> Option<&Official> {
    ledger
        .officials_of(post)
        .into_iter()
        .rev()
        .find(|o| o.from.earliest() <= date && o.to.is_none_or(|to| to.latest() >= date))
}

/// The organization on `date`.
pub fn overview<'a>(ledger: &'a Ledger, history: &History, date: NaiveDate) -> Overview<'a> {
    let snapshot = history.snapshot(date);
    let chair = if snapshot.members().is_empty() {
        None
    } else {
        chair_on(ledger, history, date)
    };
    Overview {
        date,
        framework: snapshot.organization.framework().map(framework_name),
        states: snapshot
            .rows(ledger)
            .into_iter()
            .map(MemberRow::new)
            .collect(),
        chair,
        secretary_general: holder_on(ledger, Post::SecretaryGeneral, date).map(OfficialRow::new),
        rats_director: holder_on(ledger, Post::RatsDirector, date).map(OfficialRow::new),
        last_summit: ledger
            .summits
            .iter()
            .rev()
            .find(|s| s.date <= date)
            .map(SummitRow::new),
        ledger_through: ledger.recorded_through(),
        after_coverage: is_after_coverage(ledger, date),
    }
}

/// Whether an answer for `date` may miss events: `date` is after the latest event recorded.
pub fn is_after_coverage(ledger: &Ledger, date: NaiveDate) -> bool {
    ledger
        .recorded_through()
        .is_some_and(|through| date > through)
}

/// The sentence every front end shows beside an answer for a date after the ledger's coverage.
pub fn coverage_notice(ledger: &Ledger, date: NaiveDate) -> Option<String> {
    let through = ledger.recorded_through()?;
    (date > through).then(|| {
        format!(
            "The ledger records events through {through}; anything decided after that date is not recorded."
        )
    })
}

/// Parses a status as `sco members --status` takes it (`dialogue-partner`; `dialogue_partner`
/// is accepted too).
pub fn parse_status(text: &str) -> Option<Status> {
    match text {
        "member" => Some(Status::Member),
        "observer" => Some(Status::Observer),
        "dialogue-partner" | "dialogue_partner" => Some(Status::DialoguePartner),
        "partner" => Some(Status::Partner),
        _ => None,
    }
}

/// A state's standing on a date with its Correlates of War and Gleditsch-Ward numbers, for
/// merging with data keyed by those codes (`sco members --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    /// The standing, as the ledger's replay gives it.
    #[serde(flatten)]
    pub row: MembershipRow,
    /// COW state number, if any (`data/datasets/country_codes.csv`).
    pub ccode: Option<u16>,
    /// Gleditsch-Ward state number, if any.
    pub gwcode: Option<u16>,
}

impl MemberRow {
    /// The row with its state numbers looked up.
    pub fn new(row: MembershipRow) -> Self {
        let (ccode, gwcode) = state_numbers(row.iso3.as_str());
        MemberRow { row, ccode, gwcode }
    }
}

impl std::ops::Deref for MemberRow {
    type Target = MembershipRow;

    fn deref(&self) -> &MembershipRow {
        &self.row
    }
}

/// The COW and Gleditsch-Ward numbers of a state, from the embedded code list (none for a code
/// the list does not know).
pub fn state_numbers(iso3: &str) -> (Option<u16>, Option<u16>) {
    sco_data::embedded::countries()
        .ok()
        .and_then(|countries| countries.get(iso3))
        .map_or((None, None), |c| (c.cow_code, c.gw_code))
}

/// The states holding a status on `date` (all statuses when `status` is `None`).
pub fn members(
    ledger: &Ledger,
    history: &History,
    date: NaiveDate,
    status: Option<Status>,
) -> Vec<MemberRow> {
    history
        .snapshot(date)
        .rows(ledger)
        .into_iter()
        .filter(|r| status.is_none_or(|s| s == r.status))
        .map(MemberRow::new)
        .collect()
}

/// How many states held each status on one day of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipCount {
    pub year: i32,
    pub date: NaiveDate,
    pub members: usize,
    pub observers: usize,
    pub dialogue_partners: usize,
    pub partners: usize,
    /// The member states, sorted by code.
    pub member_states: Vec<Iso3>,
}

/// Counts by status on `day` (month, day) of each year from `from` to `to`.
pub fn membership_counts(
    history: &History,
    from: i32,
    to: i32,
    day: (u32, u32),
) -> Vec<MembershipCount> {
    (from..=to)
        .filter_map(|year| {
            let date = NaiveDate::from_ymd_opt(year, day.0, day.1)?;
            let snapshot = history.snapshot(date);
            let member_states = snapshot.members();
            Some(MembershipCount {
                year,
                date,
                members: member_states.len(),
                observers: snapshot.observers().len(),
                dialogue_partners: snapshot.dialogue_partners().len(),
                partners: snapshot.partners().len(),
                member_states,
            })
        })
        .collect()
}

/// Which council's meetings `sco summits` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Council {
    /// The Council of Heads of State (the summits proper), the default.
    #[default]
    State,
    /// The Council of Heads of Government (prime ministers).
    Government,
}

impl Council {
    /// The names front ends accept.
    pub const NAMES: [&'static str; 2] = ["state", "government"];

    /// Parses `state` or `government`.
    pub fn parse(text: &str) -> Option<Council> {
        match text {
            "state" => Some(Council::State),
            "government" => Some(Council::Government),
            _ => None,
        }
    }
}

/// A meeting with its chair's COW and Gleditsch-Ward numbers (`sco summits --json`).
#[derive(Debug, Clone, Serialize)]
pub struct SummitRow<'a> {
    /// The meeting as the ledger records it.
    #[serde(flatten)]
    pub summit: &'a Summit,
    /// The chair's COW state number, if any.
    pub chair_ccode: Option<u16>,
    /// The chair's Gleditsch-Ward state number, if any.
    pub chair_gwcode: Option<u16>,
}

impl<'a> SummitRow<'a> {
    /// The meeting with its chair's state numbers.
    pub fn new(summit: &'a Summit) -> Self {
        let (chair_ccode, chair_gwcode) = state_numbers(summit.chair.as_str());
        SummitRow {
            summit,
            chair_ccode,
            chair_gwcode,
        }
    }
}

impl std::ops::Deref for SummitRow<'_> {
    type Target = Summit;

    fn deref(&self) -> &Summit {
        self.summit
    }
}

/// A holder of a rotating post with the COW and Gleditsch-Ward numbers of a confirmed
/// nationality (`sco officials --json`; none where the nationality is unconfirmed).
#[derive(Debug, Clone, Serialize)]
pub struct OfficialRow<'a> {
    /// The holder as the ledger records them.
    #[serde(flatten)]
    pub official: &'a Official,
    /// The COW state number of the confirmed nationality, if any.
    pub ccode: Option<u16>,
    /// The Gleditsch-Ward state number of the confirmed nationality, if any.
    pub gwcode: Option<u16>,
}

impl<'a> OfficialRow<'a> {
    /// The holder with the state numbers of their confirmed nationality.
    pub fn new(official: &'a Official) -> Self {
        let (ccode, gwcode) = official
            .iso3
            .map_or((None, None), |s| state_numbers(s.as_str()));
        OfficialRow {
            official,
            ccode,
            gwcode,
        }
    }
}

impl std::ops::Deref for OfficialRow<'_> {
    type Target = Official;

    fn deref(&self) -> &Official {
        self.official
    }
}

/// The summits, as `sco summits --json` lists them (SCO only unless `include_shanghai_five`).
pub fn summits(ledger: &Ledger, include_shanghai_five: bool) -> Vec<SummitRow<'_>> {
    council_meetings(ledger, Council::State, include_shanghai_five)
}

/// The meetings of one council, in date order (`sco summits --council`). The Shanghai Five met
/// only at the level of heads of state, so `include_shanghai_five` matters for that council alone.
pub fn council_meetings(
    ledger: &Ledger,
    council: Council,
    include_shanghai_five: bool,
) -> Vec<SummitRow<'_>> {
    match council {
        Council::State => ledger
            .summits
            .iter()
            .filter(|s| include_shanghai_five || s.body == SummitBody::Sco)
            .map(SummitRow::new)
            .collect(),
        Council::Government => ledger
            .government_meetings
            .iter()
            .map(SummitRow::new)
            .collect(),
    }
}

/// Parses a post as `sco officials --post` takes it.
pub fn parse_post(text: &str) -> Option<Post> {
    match text {
        "secretary-general" | "secretary_general" => Some(Post::SecretaryGeneral),
        "rats-director" | "rats_director" => Some(Post::RatsDirector),
        _ => None,
    }
}

/// The holders of the rotating posts, as `sco officials --json` lists them.
pub fn officials(ledger: &Ledger, post: Option<Post>) -> Vec<OfficialRow<'_>> {
    ledger
        .officials
        .iter()
        .filter(|o| post.is_none_or(|p| o.post == p))
        .map(OfficialRow::new)
        .collect()
}

/// The sources the ledger cites (`sco sources --json`).
pub fn sources(ledger: &Ledger) -> &[Source] {
    &ledger.sources
}

/// One event of the timeline, of any kind.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    pub date: PartialDate,
    /// `status`, `summit`, `official` or `milestone`.
    pub category: &'static str,
    /// The status change, `summit`, the post, `document` or `institution`.
    pub kind: String,
    pub state: Option<Iso3>,
    /// The state's COW number, if there is a state and it has one.
    pub ccode: Option<u16>,
    /// The state's Gleditsch-Ward number, if there is a state and it has one.
    pub gwcode: Option<u16>,
    pub description: String,
    pub sources: Vec<SourceRef>,
    pub location: Location,
}

/// The timeline's categories (a `kind` filter may also name a status change).
pub const TIMELINE_CATEGORIES: [&str; 4] = ["status", "summit", "official", "milestone"];

/// Kinds the timeline can filter on besides categories and status changes.
pub const TIMELINE_KINDS: [&str; 1] = ["heads_of_government"];

/// Whether `kind` is a category or a status change the timeline can filter on.
pub fn is_timeline_kind(kind: &str) -> bool {
    TIMELINE_CATEGORIES.contains(&kind)
        || TIMELINE_KINDS.contains(&kind)
        || StatusChange::parse(kind).is_some()
}

/// Checks a timeline `kind` filter; the error says which kinds there are (without naming the
/// parameter, which each front end spells its own way).
pub fn check_timeline_kind(kind: &str) -> Result<(), String> {
    if is_timeline_kind(kind) {
        return Ok(());
    }
    let changes: Vec<&str> = StatusChange::ALL.iter().map(|c| c.as_str()).collect();
    Err(format!(
        "unknown kind `{kind}`: use one of {}, {} or a status change ({})",
        TIMELINE_CATEGORIES.join(", "),
        TIMELINE_KINDS.join(", "),
        changes.join(", ")
    ))
}

/// What the timeline is filtered on; `None` keeps everything.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    pub state: Option<Iso3>,
    pub kind: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Every event of the ledger in date order, filtered, as `sco timeline --json` lists them.
pub fn timeline(ledger: &Ledger, history: &History, filter: &TimelineFilter) -> Vec<TimelineItem> {
    let mut items = Vec::new();
    for entry in &history.timeline {
        let event = &entry.event;
        items.push(TimelineItem {
            date: PartialDate::from_date(event.date),
            category: "status",
            kind: event.change.as_str().to_string(),
            state: Some(event.state),
            ccode: None,
            gwcode: None,
            description: format!(
                "{}: {}",
                ledger.directory.name_en(event.state),
                event.change.as_str().replace('_', " ")
            ),
            sources: event.sources.clone(),
            location: event.location.clone(),
        });
    }
    for summit in ledger.summits.iter().chain(&ledger.government_meetings) {
        let body = match summit.body {
            SummitBody::Sco => "SCO Council of Heads of State",
            SummitBody::ShanghaiFive => "Shanghai Five summit",
            SummitBody::HeadsOfGovernment => "SCO Council of Heads of Government",
        };
        items.push(TimelineItem {
            date: PartialDate::from_date(summit.date),
            category: "summit",
            kind: match summit.body {
                SummitBody::HeadsOfGovernment => "heads_of_government".into(),
                _ => "summit".into(),
            },
            state: Some(summit.chair),
            ccode: None,
            gwcode: None,
            description: format!(
                "{body}, {} (chair {}, {})",
                summit.city.as_deref().unwrap_or("virtual"),
                summit.chair,
                summit.format.as_str().replace('_', " ")
            ),
            sources: summit.sources.clone(),
            location: summit.location.clone(),
        });
    }
    for official in &ledger.officials {
        let post = match official.post {
            Post::SecretaryGeneral => "Secretary-General",
            Post::RatsDirector => "RATS director",
        };
        items.push(TimelineItem {
            date: official.from,
            category: "official",
            kind: official.post.as_str().to_string(),
            state: official.iso3,
            ccode: None,
            gwcode: None,
            description: format!(
                "{} ({}) becomes {post}, until {}",
                official.name,
                nationality_label(official),
                official
                    .to
                    .map_or_else(|| "—".to_string(), |d| d.to_string())
            ),
            sources: official.sources.clone(),
            location: official.location.clone(),
        });
    }
    for milestone in &ledger.milestones {
        items.push(TimelineItem {
            date: milestone.date,
            category: "milestone",
            kind: match milestone.kind {
                MilestoneKind::Document => "document".into(),
                MilestoneKind::Institution => "institution".into(),
            },
            state: None,
            ccode: None,
            gwcode: None,
            description: match &milestone.place {
                Some(place) => format!("{} ({place})", milestone.name),
                None => milestone.name.clone(),
            },
            sources: milestone.sources.clone(),
            location: milestone.location.clone(),
        });
    }
    for item in &mut items {
        (item.ccode, item.gwcode) = item
            .state
            .map_or((None, None), |s| state_numbers(s.as_str()));
    }
    items.retain(|item| {
        filter.state.is_none_or(|s| item.state == Some(s))
            && filter.from.is_none_or(|f| item.date.latest() >= f)
            && filter.to.is_none_or(|t| item.date.earliest() <= t)
            && filter
                .kind
                .as_deref()
                .is_none_or(|k| item.category == k || item.kind == k)
    });
    items.sort_by(|a, b| {
        (a.date.earliest(), a.category, &a.kind).cmp(&(b.date.earliest(), b.category, &b.kind))
    });
    items
}

/// An official's nationality for people: the code, or the reported code marked unconfirmed, or
/// "nationality unconfirmed".
pub fn nationality_label(official: &Official) -> String {
    match (official.iso3, official.iso3_unconfirmed) {
        (Some(iso3), _) => iso3.to_string(),
        (None, Some(reported)) => format!("{reported}?, unconfirmed"),
        (None, None) => "nationality unconfirmed".into(),
    }
}

/// The first year of the ledger (the Shanghai Five's first summit), for series that start "at the
/// beginning".
pub fn first_year(history: &History) -> Option<i32> {
    history.span().map(|(first, _)| first.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> (Ledger, History) {
        let ledger = Ledger::embedded().expect("the embedded ledger parses");
        let history = ledger.replay().expect("the embedded ledger replays");
        (ledger, history)
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn codes(rows: &[MemberRow]) -> Vec<String> {
        rows.iter().map(|r| r.iso3.to_string()).collect()
    }

    #[test]
    fn before_the_shanghai_five_there_is_nothing_to_show() {
        let (ledger, history) = loaded();
        let document = overview(&ledger, &history, day("1995-01-01"));
        assert_eq!(document.framework, None);
        assert!(document.states.is_empty());
        assert!(document.chair.is_none(), "no members, no chair");
        assert!(document.last_summit.is_none());
    }

    #[test]
    fn the_overview_after_astana_2017_has_india_and_pakistan_as_members() {
        let (ledger, history) = loaded();
        let date = day("2017-07-01");
        let document = overview(&ledger, &history, date);
        assert_eq!(document.framework, Some("sco"));
        let members = members(&ledger, &history, date, Some(Status::Member));
        assert_eq!(members.len(), 8);
        assert!(codes(&members).contains(&"IND".to_string()));
        assert!(codes(&members).contains(&"PAK".to_string()));
        let india = members.iter().find(|r| r.iso3.as_str() == "IND").unwrap();
        assert_eq!((india.ccode, india.gwcode), (Some(750), Some(750)));
        let chair = document.chair.expect("a chair while there are members");
        assert!(chair.until_summit.is_none_or(|d| d >= date));
        let summit = document.last_summit.expect("a summit before the date");
        assert!(summit.date <= date);
        let secretary = document.secretary_general.expect("a Secretary-General");
        assert!(secretary.from.earliest() <= date);
    }

    #[test]
    fn after_the_last_recorded_summit_the_chair_is_announced_or_predicted() {
        let (mut ledger, history) = loaded();
        let last = ledger.summits.last().expect("summits").clone();
        let after = last.last_day() + chrono::Days::new(1);
        let chair = chair_on(&ledger, &history, after).expect("a chair after the last summit");
        assert_eq!(chair.until_summit, None);
        assert_eq!(chair.since, Some(after));
        match &last.next_chair {
            Some(next) => {
                assert_eq!(chair.basis, "announced");
                assert_eq!(chair.iso3, next.state);
                assert!(
                    !chair.sources.is_empty(),
                    "an announced chair carries its sources"
                );
            }
            None => assert_eq!(chair.basis, "predicted"),
        }
        let recorded = chair_on(&ledger, &history, last.date).expect("a recorded chair");
        assert_eq!(recorded.basis, "ledger");
        assert_eq!(recorded.iso3, last.chair);
        // Without the announcement, the rotation predicts a member.
        ledger.summits.last_mut().expect("summits").next_chair = None;
        let predicted = chair_on(&ledger, &history, after).expect("a predicted chair");
        assert_eq!(predicted.basis, "predicted");
        assert!(predicted.sources.is_empty());
        assert!(history.snapshot(after).members().contains(&predicted.iso3));
    }

    #[test]
    fn the_status_filter_partitions_the_states() {
        let (ledger, history) = loaded();
        let date = day("2024-07-04");
        let all = members(&ledger, &history, date, None);
        let mut by_status = 0;
        for text in ["member", "observer", "dialogue-partner", "partner"] {
            let status = parse_status(text).expect("a status");
            let rows = members(&ledger, &history, date, Some(status));
            assert!(rows.iter().all(|r| r.status == status));
            by_status += rows.len();
        }
        assert_eq!(by_status, all.len());
        assert_eq!(
            parse_status("dialogue_partner"),
            Some(Status::DialoguePartner)
        );
        assert_eq!(parse_status("friend"), None);
    }

    #[test]
    fn membership_counts_go_year_by_year() {
        let (_, history) = loaded();
        let counts = membership_counts(&history, 2001, 2017, (12, 31));
        assert_eq!(counts.len(), 17);
        assert_eq!(counts[0].year, 2001);
        assert_eq!(counts[0].members, 6);
        assert_eq!(counts[16].members, 8);
        assert!(counts
            .iter()
            .all(|c| c.members == c.member_states.len() && c.date.year() == c.year));
        // A day that does not exist in a year leaves that year out.
        assert_eq!(membership_counts(&history, 2001, 2004, (2, 29)).len(), 1);
        assert_eq!(first_year(&history), Some(1996));
    }

    #[test]
    fn summits_and_officials_filter_as_asked() {
        let (ledger, _) = loaded();
        let sco_only = summits(&ledger, false);
        let all = summits(&ledger, true);
        assert!(sco_only.iter().all(|s| s.body == SummitBody::Sco));
        assert!(all.len() > sco_only.len(), "the Shanghai Five met too");
        let post = parse_post("rats-director").expect("a post");
        let directors = officials(&ledger, Some(post));
        assert!(!directors.is_empty());
        assert!(directors.iter().all(|o| o.post == Post::RatsDirector));
        assert_eq!(officials(&ledger, None).len(), ledger.officials.len());
        assert_eq!(parse_post("king"), None);
        assert_eq!(sources(&ledger).len(), ledger.sources.len());
    }

    #[test]
    fn the_timeline_is_in_date_order_and_filtered() {
        let (ledger, history) = loaded();
        let everything = timeline(&ledger, &history, &TimelineFilter::default());
        assert!(everything
            .windows(2)
            .all(|w| w[0].date.earliest() <= w[1].date.earliest()));
        for category in TIMELINE_CATEGORIES {
            assert!(everything.iter().any(|i| i.category == category));
        }
        let filter = TimelineFilter {
            state: Some("IND".parse().expect("a code")),
            kind: Some("admitted".into()),
            from: Some(day("2015-01-01")),
            to: Some(day("2024-12-31")),
        };
        let admitted = timeline(&ledger, &history, &filter);
        assert_eq!(admitted.len(), 1, "{admitted:?}");
        assert_eq!(admitted[0].kind, "admitted");
        assert_eq!(admitted[0].date.earliest(), day("2017-06-09"));
    }

    #[test]
    fn an_unknown_timeline_kind_lists_the_kinds() {
        assert!(check_timeline_kind("summit").is_ok());
        assert!(check_timeline_kind("memorandum_signed").is_ok());
        let message = check_timeline_kind("coronation").expect_err("not a kind");
        assert!(
            message.starts_with("unknown kind `coronation`"),
            "{message}"
        );
        assert!(message.contains("milestone") && message.contains("admitted"));
    }

    #[test]
    fn every_document_naming_a_state_carries_its_cow_and_gw_numbers() {
        let (ledger, history) = loaded();
        let document = overview(&ledger, &history, day("2017-06-09"));
        let india = document
            .states
            .iter()
            .find(|r| r.iso3.as_str() == "IND")
            .expect("India on the day it joined");
        assert_eq!((india.ccode, india.gwcode), (Some(750), Some(750)));
        // Every state holding a status in 2017 has both numbers.
        assert!(document
            .states
            .iter()
            .all(|r| r.ccode.is_some() && r.gwcode.is_some()));
        let chair = document.chair.expect("a chair in 2017");
        assert_eq!(chair.iso3.as_str(), "KAZ");
        assert_eq!((chair.ccode, chair.gwcode), (Some(705), Some(705)));
        let summit = document.last_summit.expect("the Astana summit");
        assert_eq!(
            (summit.chair_ccode, summit.chair_gwcode),
            (Some(705), Some(705))
        );
        let json = serde_json::to_value(summits(&ledger, false)).expect("summits as JSON");
        assert_eq!(json[0]["chair"], "CHN");
        assert_eq!(json[0]["chair_ccode"], 710);
        for row in officials(&ledger, None) {
            let expected = row
                .iso3
                .map(|s| state_numbers(s.as_str()).0.expect("a COW number"));
            assert_eq!(row.ccode, expected, "{}", row.name);
        }
        let items = timeline(&ledger, &history, &TimelineFilter::default());
        for item in &items {
            assert_eq!(
                item.ccode.is_some(),
                item.state.is_some(),
                "{}",
                item.description
            );
        }
    }
}
