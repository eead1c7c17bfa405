//! `sco admission`: can a state take the next step towards membership, under the Charter rules?
//!
//! The procedure (stage order, status held) is read from the ledger on the date asked. The admission
//! criteria that concern facts the ledger does not hold (region, diplomatic relations, UN sanctions...)
//! are taken from options, so a user can ask "what if". A "no" is an answer: exit code 1, with reasons.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_domain::rules::admission_procedure::AdmissionStep;
use sco_domain::Verdict;

use super::load;
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

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: AdmissionArgs) -> Result<Outcome> {
    use sco_documents::request::documents::{self, ADMISSION_PARAMS};
    let (ledger, history) = load(ledger_dir)?;
    let flag = |on: bool| on.then(|| "true".to_string());
    let document = super::request(
        &ledger,
        &history,
        vec![
            ("state", Some(args.state.clone())),
            ("date", Some(args.at.clone())),
            ("in_region", flag(args.in_region)),
            ("outside_region", flag(args.outside_region)),
            (
                "no_relations_with",
                (!args.no_relations_with.is_empty()).then(|| args.no_relations_with.join(",")),
            ),
            ("under_un_sanctions", flag(args.under_un_sanctions)),
            ("in_armed_conflict", flag(args.in_armed_conflict)),
            ("no_active_ties", flag(args.no_active_ties)),
        ],
        ADMISSION_PARAMS,
        &[
            ("state", ""),
            ("date", "--at"),
            ("no_relations_with", "--no-relations-with"),
        ],
        documents::admission,
    )?;
    let outcome = if document.allowed {
        Outcome::Success
    } else {
        Outcome::Negative
    };
    if args.format.format() == Format::Json {
        print_json(&document)?;
        return Ok(outcome);
    }
    let (state, date, status, stage, next_step) = (
        document.state,
        document.date,
        document.status,
        document.accession_stage,
        document.next_step,
    );
    let (procedure, criteria) = (&document.procedure, &document.criteria);
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
            reasons(criteria)
        ));
    }
    text.push_str(
        "\nEach decision of the Council of Heads of State on this step needs the consensus of all member states (Charter, Article 16).\n",
    );
    print(&text)?;
    Ok(outcome)
}
