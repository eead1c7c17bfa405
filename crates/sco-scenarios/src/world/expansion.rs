//! Module `expansion`: states seek the next SCO status, sponsors pair candidates, and the
//! Charter's admission criteria decide.
//!
//! Each year a state without membership takes its next step (none → observer before 2009 or
//! dialogue partner from 2009 → observer → accession → member) with a probability whose
//! log-odds are the ledger's pre-origin rate for its level, shifted by the state's alignment
//! with China and Russia (predicted UNGA agreement) and its trade with them (seeds 004 lines
//! 57-61 and 73-77: India's economic reasons, Pakistan's search for a club of like-minded
//! states; seed 002 lines 39-48: Iran's application of 2008 and long wait). Steps into and
//! through accession need the admission criteria of `sco_domain::rules::admission_criteria`
//! (partner-tier status, no UN Security Council sanctions, the region). Russia backs India and
//! China backs Pakistan (the product brief, `../shared/design/product.md` line 48, after seed
//! 004's section on India's and Pakistan's motives, lines 49-79, and lines 105-109 on Russia's
//! ties with both), so the two move into and through accession together or not at all (the
//! all-or-nothing pairing is an assumption).

use rand::Rng;
use sco_sim::SimRng;

use super::alignment::POLES;
use super::inputs::{Role, SanctionKind, Target, WorldInputs};
use super::params::P;
use super::sim::{latest, logistic, sanction_known, Prepared, Setting, WorldNow};

/// The year dialogue-partner status was first granted (the ledger: Belarus and Sri Lanka,
/// 2009); before it, a state's first status is observer.
pub const DIALOGUE_PARTNER_FROM: i32 = 2009;

/// Rates estimated from the ledger before the estimation year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BaseRates {
    /// Log-odds of a step up from levels 0, 1, 2 and 3.
    pub logit: [f64; 4],
    /// Mean predicted agreement with China and Russia of the candidates.
    pub mean_align: f64,
    /// Mean trade share with China and Russia of the candidates.
    pub mean_trade: f64,
}

impl BaseRates {
    /// Estimates the rates from the status changes of 2001 to `year` (a step from year
    /// `y` to `y + 1` counts when `y + 1 <= year`), with half a step added to each count.
    pub fn estimate(
        inputs: &WorldInputs,
        year: i32,
        links: &[super::alignment::Link; 3],
    ) -> BaseRates {
        let mut steps = [0.0f64; 4];
        let mut exposure = [0.0f64; 4];
        let mut align = Vec::new();
        let mut trade = Vec::new();
        for (s, state) in inputs.states.iter().enumerate() {
            if state.role == Role::Pole {
                continue;
            }
            for y in 2001..year {
                let (Some(a), Some(b)) = (
                    inputs.obs(Target::ScoStatus, s, y),
                    inputs.obs(Target::ScoStatus, s, y + 1),
                ) else {
                    continue;
                };
                if a < 4.0 {
                    let l = a as usize;
                    exposure[l] += 1.0;
                    if b > a {
                        steps[l] += 1.0;
                    }
                }
            }
            if let Some((_, x)) = latest(inputs, Target::IdealPoint, s, year, 3) {
                let poles: Vec<f64> = POLES[..2]
                    .iter()
                    .filter_map(|&p| latest(inputs, Target::IdealPoint, p, year, 3).map(|v| v.1))
                    .collect();
                if poles.len() == 2 {
                    align.push(
                        0.5 * (links[0].predict(x, poles[0]) + links[1].predict(x, poles[1])),
                    );
                }
            }
            let ty = year.min(inputs.trade_last_year);
            if let (Some((_, c)), Some((_, r))) = (
                latest(inputs, Target::TradeShareChn, s, ty, 3),
                latest(inputs, Target::TradeShareRus, s, ty, 3),
            ) {
                trade.push(c + r);
            }
        }
        let mut logit = [0.0; 4];
        for l in 0..4 {
            let p = (steps[l] + 0.5) / (exposure[l] + 1.0);
            logit[l] = (p / (1.0 - p)).ln();
        }
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        BaseRates {
            logit,
            mean_align: mean(&align),
            mean_trade: mean(&trade),
        }
    }
}

/// Whether the admission criteria let state `s` into (or through) accession in `year`.
pub fn admissible(
    inputs: &WorldInputs,
    setting: &Setting,
    s: usize,
    level: f64,
    year: i32,
) -> bool {
    use sco_domain::rules::admission_criteria::{check, Applicant};
    use sco_domain::Status;
    let Ok(state) = inputs.states[s].iso3.parse::<sco_ledger::Iso3>() else {
        return false;
    };
    let status = match level as i32 {
        1 => Some(Status::DialoguePartner),
        2 | 3 => Some(Status::Observer),
        _ => None,
    };
    let applicant = Applicant {
        state,
        // Egypt is the one state of the set outside Asia and Europe (an assumption of region).
        in_region: inputs.states[s].iso3 != "EGY",
        no_relations_with: Vec::new(),
        status,
        active_ties: true,
        under_un_sanctions: sanction_known(inputs, setting, s, SanctionKind::Un, year),
        in_armed_conflict: false,
        accepts_charter: true,
    };
    check(&applicant).allowed
}

/// One year of status changes.
pub fn step(
    prep: &Prepared<'_>,
    setting: &Setting,
    p: &P<'_>,
    now: &mut WorldNow,
    year: i32,
    rng: &mut SimRng,
) {
    let inputs = prep.inputs;
    let rates = &prep.status;
    let n = now.level.len();
    let mut advance = vec![false; n];
    for (s, wants) in advance.iter_mut().enumerate() {
        // One draw per state and year whatever happens, so that runs stay paired.
        let u: f64 = rng.random();
        if inputs.states[s].role == Role::Pole || now.level[s] >= 4.0 {
            continue;
        }
        let align = if now.x[s].is_nan() || now.x[0].is_nan() || now.x[1].is_nan() {
            rates.mean_align
        } else {
            0.5 * (prep.links[0].predict(now.x[s], now.x[0])
                + prep.links[1].predict(now.x[s], now.x[1]))
        };
        let share = |k: usize| {
            let z = now.z[s][k];
            if z.is_nan() {
                None
            } else {
                Some(logistic(z))
            }
        };
        let trade = match (share(0), share(1)) {
            (Some(c), Some(r)) => c + r,
            _ => rates.mean_trade,
        };
        let l = now.level[s] as usize;
        let logit = rates.logit[l.min(3)]
            + p.demand_shift()
            + p.demand_align() * (align - rates.mean_align)
            + p.demand_trade() * (trade - rates.mean_trade);
        *wants = u < logistic(logit);
    }
    // Russia backs India, China backs Pakistan: into and through accession together.
    let pair = (inputs.index("IND"), inputs.index("PAK"));
    if let (Some(i), Some(k)) = pair {
        if now.level[i] == now.level[k] && now.level[i] >= 2.0 && now.level[i] < 4.0 {
            let both = (advance[i] || advance[k])
                && admissible(inputs, setting, i, now.level[i], year)
                && admissible(inputs, setting, k, now.level[k], year);
            advance[i] = both;
            advance[k] = both;
        }
    }
    for (s, &step_up) in advance.iter().enumerate() {
        if !step_up {
            continue;
        }
        let level = now.level[s];
        let next = match level as i32 {
            0 if year < DIALOGUE_PARTNER_FROM => 2.0,
            0 => 1.0,
            l => f64::from(l + 1),
        };
        if next >= 3.0 && !admissible(inputs, setting, s, level, year) {
            continue;
        }
        now.level[s] = next;
    }
}
