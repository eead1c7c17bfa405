//! `sco admission`: can a state take the next step towards membership, under the Charter rules?
//!
//! The procedure (stage order, status held) is read from the ledger on the date asked. The admission
//! criteria that concern facts the ledger does not hold (region, diplomatic relations, UN sanctions...)
//! are taken from options, so a user can ask "what if". A "no" is an answer: exit code 1, with reasons.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_domain::rules::admission_criteria::{self, Applicant};
use sco_domain::rules::admission_procedure::{may_take_step, AdmissionStep};
use sco_domain::{AccessionStage, Iso3, Status, Verdict};
use serde::Serialize;

use super::{load, parse_date, resolve_state};
use crate::error::Outcome;
use crate::output::{print, print_json, Format, JsonArgs};

/// Arguments of `sco admission`.
#[derive(Debug, Args)]
pub struct AdmissionArgs {
    /// The applicant: ISO3 code or English name.
    pub state: String,
    /// The date (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub at: String,
    /// Treat the applicant as outside the Eurasian region (default: from its UN region, Asia or Europe).
    #[arg(long, conflicts_with = "in_region")]
    pub outside_region: bool,
    /// Treat the applicant as inside the Eurasian region.
    #[arg(long)]
    pub in_region: bool,
    /// Member states with which the applicant has no diplomatic relations (comma-separated ISO3).
    #[arg(long, value_delimiter = ',', value_name = "ISO3,...")]
    pub no_relations_with: Vec<String>,
    /// The applicant is under UN Security Council sanctions.
    #[arg(long)]
    pub under_un_sanctions: bool,
    /// The applicant is in armed conflict with another state.
    #[arg(long)]
    pub in_armed_conflict: bool,
    /// The applicant lacks active trade, economic and humanitarian ties with the members.
    #[arg(long)]
    pub no_active_ties: bool,
    #[command(flatten)]
    pub format: JsonArgs,
}

#[derive(Debug, Serialize)]
struct AdmissionJson {
    state: Iso3,
    /// The state's COW and Gleditsch-Ward numbers.
    ccode: Option<u16>,
    gwcode: Option<u16>,
    date: chrono::NaiveDate,
    status: Option<Status>,
    accession_stage: Option<AccessionStage>,
    next_step: Option<AdmissionStep>,
    procedure: Option<Verdict>,
    criteria: Verdict,
    allowed: bool,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: AdmissionArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let state = resolve_state(&ledger, &args.state)?;
    let date = parse_date(&args.at)?;
    let organization = history.snapshot(date).organization;
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
    let no_relations_with = args
        .no_relations_with
        .iter()
        .map(|code| resolve_state(&ledger, code))
        .collect::<Result<Vec<_>>>()?;
    let criteria = admission_criteria::check(&Applicant {
        state,
        in_region: if args.outside_region {
            false
        } else if args.in_region {
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
        active_ties: !args.no_active_ties,
        under_un_sanctions: args.under_un_sanctions,
        in_armed_conflict: args.in_armed_conflict,
        accepts_charter: true,
    });
    let allowed = procedure.as_ref().is_some_and(|v| v.allowed)
        && (next_step != Some(AdmissionStep::StartProcedure) || criteria.allowed);
    let outcome = if allowed {
        Outcome::Success
    } else {
        Outcome::Negative
    };
    if args.format.format() == Format::Json {
        print_json(&AdmissionJson {
            state,
            ccode: sco_documents::organization::state_numbers(state.as_str()).0,
            gwcode: sco_documents::organization::state_numbers(state.as_str()).1,
            date,
            status,
            accession_stage: stage,
            next_step,
            procedure,
            criteria,
            allowed,
        })?;
        return Ok(outcome);
    }
    let name = ledger.directory.name_en(state);
    let mut text = format!(
        "{name} ({state}) on {date}: {}{}\n",
        status.map(|s| s.label()).unwrap_or("no SCO status"),
        stage
            .map(|s| format!(", accession at stage {}", s.as_str()))
            .unwrap_or_default()
    );
    let Some(step) = next_step else {
        text.push_str("Already a member state: there is no admission step to take.\n");
        print(&text)?;
        return Ok(Outcome::Negative);
    };
    let reasons = |verdict: &Verdict| -> String {
        verdict
            .reasons
            .iter()
            .map(|r| format!("  - {} [{}]\n", r.message, r.citation))
            .collect()
    };
    text.push_str(&format!(
        "\nNext step: {}. Procedure: {}.\n{}",
        step.label(),
        if procedure.as_ref().is_some_and(|v| v.allowed) {
            "allowed"
        } else {
            "not allowed"
        },
        procedure.as_ref().map(reasons).unwrap_or_default()
    ));
    if step == AdmissionStep::StartProcedure {
        text.push_str(&format!(
            "\nAdmission criteria (facts not in the ledger are taken from the options): {}.\n{}",
            if criteria.allowed { "met" } else { "not met" },
            reasons(&criteria)
        ));
    }
    text.push_str(
        "\nEach decision of the Council of Heads of State on this step needs the consensus of all member states (Charter, Article 16).\n",
    );
    print(&text)?;
    Ok(outcome)
}
