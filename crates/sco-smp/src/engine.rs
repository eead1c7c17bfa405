//! One SMP run: states, challenges, bargains and the stopping rule.
//!
//! This mirrors KTAB's `SMPState` / `SMPModel` (files `smp.cpp`,
//! `smpbcn.cpp`, `kstate.cpp`, `kmodel.cpp` of the KTAB repository) step by
//! step:
//!
//! 1. *Assess* a state: salience-weighted distances from each actor's ideal
//!    to every position; risk-neutral utilities; coalitions and the
//!    Condorcet probabilities of all positions; risk attitudes inferred from
//!    those probabilities; and every actor's estimate of every other actor's
//!    risk-aware utilities.
//! 2. *Challenge*: every actor i looks, from its own perspective, at every
//!    other actor j, estimates the expected gain of challenging j (coalitions
//!    formed by third parties in the little i:j contest), and picks the best
//!    target with a positive gain.
//! 3. *Bargain*: i proposes an interpolated pair of positions, weighted by
//!    squared salience and squared win probability (KTAB's "S2P2").
//! 4. *Resolve*: each actor k holds a list of bargains (its status quo, its
//!    own proposal, proposals aimed at it); all actors vote over k's list and
//!    k adopts the most probable one.
//! 5. *Stop* when the last step moved less than 2% of the first step (after
//!    at least 2 steps) or after 100 steps.
//!
//! Work that is independent across actors runs in parallel with rayon; every
//! sum runs in a fixed order, so results are identical for any thread count.
//! Unlike KTAB, nothing is recomputed only for logging (KTAB evaluates all
//! `N^3` challenge estimates per step for its SQLite tables).

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{BargainModel, InterVecBargain, SmpConfig, StateTransitions};
use crate::kernels::{
    big_r_from_prob, bs_util, bv_diff, coalitions, distance, estimate_risk, index_of_max_abs,
    prob_ce, scalar_pce, sum, vote,
};
use crate::prng::KtabPrng;
use crate::scenario::{Scenario, ScenarioError};

/// Errors from running the SMP.
#[derive(Debug, thiserror::Error)]
pub enum SmpError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
}

/// One actor in one step of the history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorStep {
    pub name: String,
    /// Position per dimension, on the input's 0–100 scale.
    pub position: Vec<f64>,
    /// Probability that this actor's position prevails (KTAB's "winning
    /// probability": actors sharing a position share its probability, so
    /// these can add up to more than 1).
    pub prob: f64,
}

/// A bargain an actor proposed to its best target, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BargainProposal {
    /// Index (input order) of the proposing actor.
    pub initiator: usize,
    /// Index of the targeted actor.
    pub receiver: usize,
    /// Initiator's estimate that it would win a contest against the receiver.
    pub init_win_prob: f64,
    /// Initiator's expected gain from challenging (the largest over all targets).
    pub init_expected_gain: f64,
    /// Initiator's estimate of the receiver's expected gain (usually negative).
    pub init_estimate_receiver_gain: f64,
    /// Receiver's estimate that the initiator would win.
    pub rcvr_win_prob: f64,
    /// Receiver's estimate of the initiator's expected gain.
    pub rcvr_estimate_init_gain: f64,
    /// Receiver's estimate of its own expected gain.
    pub rcvr_expected_gain: f64,
    /// Positions the bargain proposes, initiator first (input scale). With
    /// bargain models other than KTAB's default there can be two bargains per
    /// proposal; these are the initiator's interpolation.
    pub init_adopts: Vec<f64>,
    pub rcvr_adopts: Vec<f64>,
}

/// Which bargain an actor adopted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Adoption {
    pub actor: usize,
    /// Initiator and receiver of the adopted bargain; equal to `actor` for the status quo.
    pub initiator: usize,
    pub receiver: usize,
    /// Probability of the adopted bargain among the actor's options.
    pub prob: f64,
    /// Number of bargains the actor chose among (status quo included).
    pub options: usize,
}

/// One state of the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// 0 is the input state.
    pub step: usize,
    /// Actors in input order.
    pub actors: Vec<ActorStep>,
    /// One actor index per distinct position (KTAB's unique positions: the
    /// first actor of each group closer than the position tolerance). Their
    /// probabilities add up to 1.
    pub distinct_positions: Vec<usize>,
    /// Bargains proposed in the state before this one (empty for step 0).
    pub bargains: Vec<BargainProposal>,
    /// Bargain adopted by each actor to reach this state (empty for step 0).
    pub adoptions: Vec<Adoption>,
    /// Size of the step into this state relative to the first step (KTAB's
    /// "Fractional change compared to first step"); `None` for step 0.
    pub fractional_change: Option<f64>,
}

/// Why the run stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StopReason {
    /// The last step moved less than `min_delta_ratio` of the first.
    Converged,
    /// `max_iterations` steps were made.
    MaxIterations,
}

/// The full result of a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SmpRun {
    pub scenario: String,
    pub dimensions: Vec<String>,
    pub config: SmpConfig,
    pub stop_reason: StopReason,
    pub history: Vec<Step>,
}

impl SmpRun {
    /// Number of steps (states minus one).
    pub fn steps(&self) -> usize {
        self.history.len().saturating_sub(1)
    }

    /// The last state.
    pub fn final_step(&self) -> &Step {
        // a run always holds the initial state
        &self.history[self.history.len() - 1]
    }
}

/// Static actor data on KTAB's internal scale (saliences in `[0,1]`).
struct Actors {
    na: usize,
    nd: usize,
    cap: Vec<f64>,
    sal: Vec<f64>,
    sal_sum: Vec<f64>,
    /// `sal_sum * cap`, each actor's weight in challenges.
    weight: Vec<f64>,
}

impl Actors {
    fn sal(&self, i: usize) -> &[f64] {
        &self.sal[i * self.nd..(i + 1) * self.nd]
    }
}

/// A state with its assessment (KTAB's `setAllAUtil`).
struct State {
    pos: Vec<f64>,
    /// `unique[u]` is the first actor holding the u-th distinct position.
    unique: Vec<usize>,
    /// Objective risk attitude of each actor.
    nra: Vec<f64>,
    /// `vdiff[i*na+j]`: weighted distance from i's ideal to j's position.
    vdiff: Vec<f64>,
    /// Transpose of `vdiff`, for the column scans of the challenge loop.
    vdiff_t: Vec<f64>,
    /// `rhi[h*na+i]`: h's estimate of i's risk attitude.
    rhi: Vec<f64>,
}

/// A bargain: both actors' new positions (internal scale). A status quo has `init == rcvr`.
struct Bargain {
    init: usize,
    rcvr: usize,
    pos_init: Vec<f64>,
    pos_rcvr: Vec<f64>,
}

struct Engine<'a> {
    actors: Actors,
    cfg: &'a SmpConfig,
}

impl Engine<'_> {
    fn pos<'s>(&self, st: &'s State, i: usize) -> &'s [f64] {
        &st.pos[i * self.actors.nd..(i + 1) * self.actors.nd]
    }

    fn equivalent(&self, st: &State, i: usize, j: usize) -> bool {
        distance(self.pos(st, i), self.pos(st, j)) < self.cfg.position_tolerance
    }

    /// KTAB `State::setUENdx` (first-appearance representatives).
    fn unique_indices(&self, st: &State) -> Vec<usize> {
        let mut uns: Vec<usize> = Vec::new();
        for i in 0..self.actors.na {
            if !uns.iter().any(|&k| self.equivalent(st, i, k)) {
                uns.push(i);
            }
        }
        uns
    }

    fn new_state(&self, pos: Vec<f64>) -> State {
        let na = self.actors.na;
        let mut st = State {
            pos,
            unique: Vec::new(),
            nra: vec![0.0; na],
            vdiff: Vec::new(),
            vdiff_t: Vec::new(),
            rhi: Vec::new(),
        };
        st.unique = self.unique_indices(&st);
        self.assess(&mut st);
        st
    }

    /// KTAB `SMPState::setAllAUtil`. Ideals equal positions: KTAB's CSV
    /// scenarios use the identity accommodation matrix.
    fn assess(&self, st: &mut State) {
        let (na, cfg) = (self.actors.na, self.cfg);
        st.vdiff = (0..na * na)
            .into_par_iter()
            .map(|ij| {
                let (i, j) = (ij / na, ij % na);
                bv_diff(self.pos(st, i), self.pos(st, j), self.actors.sal(i))
            })
            .collect();
        st.vdiff_t = (0..na * na)
            .map(|ji| st.vdiff[(ji % na) * na + ji / na])
            .collect();
        let vdiff = &st.vdiff;
        let rn = |i: usize, j: usize| bs_util(vdiff[i * na + j], 0.0);
        let c = coalitions(
            |k, i, j| vote(cfg.voting_rule, self.actors.cap[k], rn(k, i), rn(k, j)),
            na,
            na,
        );
        let (p, _) = prob_ce(cfg.pce_model, cfg.victory_prob_model, &c, na);
        st.nra = big_r_from_prob(&p, cfg.big_r_range);
        st.rhi = (0..na * na)
            .map(|hi| estimate_risk(st.nra[hi / na], st.nra[hi % na], cfg.big_r_adjust))
            .collect();
    }

    /// KTAB's `aUtil[h](i, j)`: h's estimate of i's utility for j's position.
    #[inline]
    fn a_util(&self, st: &State, h: usize, i: usize, j: usize) -> f64 {
        let na = self.actors.na;
        bs_util(st.vdiff[i * na + j], st.rhi[h * na + i])
    }

    /// Probability of each actor's position prevailing (KTAB `pDist(-1)` and `posProb`).
    /// Votes use the model's voting rule, as in KTAB from 2017 (`smod->vrCltn`;
    /// older KTAB hard-coded Proportional): KTAB's 2017-05-30 `smpExample` log
    /// (PropCbc) matches only this way.
    fn position_probs(&self, st: &State) -> Vec<f64> {
        let na = self.actors.na;
        let nu = st.unique.len();
        let mut u = vec![0.0; na * nu];
        for i in 0..na {
            for (m, &j) in st.unique.iter().enumerate() {
                u[i * nu + m] = self.a_util(st, i, i, j);
            }
        }
        let p = scalar_pce(
            &self.actors.cap,
            &u,
            na,
            nu,
            self.cfg.voting_rule,
            self.cfg.victory_prob_model,
            self.cfg.pce_model,
        );
        (0..na)
            .map(|i| {
                // KTAB keeps the last matching distinct position
                let k = (0..nu)
                    .rev()
                    .find(|&m| self.equivalent(st, i, st.unique[m]))
                    .unwrap_or(0);
                p[k]
            })
            .collect()
    }

    /// h's estimate of the win probability of i against j and of the expected
    /// change in k's utility if i challenges j (KTAB `SMPState::probEduChlg`).
    fn prob_edu_challenge(&self, st: &State, h: usize, k: usize, i: usize, j: usize) -> (f64, f64) {
        let (na, cfg, a) = (self.actors.na, self.cfg, &self.actors);
        let vr = cfg.voting_rule;
        let u = |x: usize, y: usize| self.a_util(st, h, x, y);
        let (uii, uij, uji, ujj) = (u(i, i), u(i, j), u(j, i), u(j, j));
        let eu_sq = u(k, i) + u(k, j);
        let uhkij = u(k, i) + u(k, i);
        let uhkji = u(k, j) + u(k, j);
        let (si, ci) = (a.sal_sum[i], a.cap[i]);
        let (sj, cj) = (a.sal_sum[j], a.cap[j]);
        let min_cltn = 1e-10;

        let contrib_i = vote(vr, si * ci, uii, uij);
        let contrib_j = vote(vr, sj * cj, uji, ujj);
        let mut chij = min_cltn;
        let mut chji = min_cltn;
        if contrib_i > 0.0 {
            chij += contrib_i;
        }
        if contrib_i < 0.0 {
            chji -= contrib_i;
        }
        if contrib_j > 0.0 {
            chij += contrib_j;
        }
        if contrib_j < 0.0 {
            chji -= contrib_j;
        }
        let (base_i, base_j) = (chij, chji);

        // column scans over third parties n: d(n, i), d(n, j), d(n, n), r^h_n
        let d_i = &st.vdiff_t[i * na..(i + 1) * na];
        let d_j = &st.vdiff_t[j * na..(j + 1) * na];
        let r_h = &st.rhi[h * na..(h + 1) * na];
        for n in 0..na {
            if n == i || n == j {
                continue;
            }
            let wn = a.weight[n];
            let (uni, unj, unn) = (
                bs_util(d_i[n], r_h[n]),
                bs_util(d_j[n], r_h[n]),
                bs_util(st.vdiff[n * na + n], r_h[n]),
            );
            // third party n's view of the little contest (i+n : j) or (i : j+n)
            let cn = vote(vr, wn, uni, unj);
            let cni = if cn > 0.0 { base_i + cn } else { base_i };
            let cnj = if cn < 0.0 { base_j - cn } else { base_j };
            let pin = cni / (cni + cnj);
            let pjn = 1.0 - pin;
            let vnij = third_party_vote(cfg.third_party_commit, vr, wn, pin, pjn, uni, unj, unn);
            if vnij > 0.0 {
                chij += vnij;
            }
            if vnij < 0.0 {
                chji -= vnij;
            }
        }
        let phij = chij / (chij + chji);
        let phji = chji / (chij + chji);
        let eu_vict = uhkij;
        let eu_cntst = phij * uhkij + phji * uhkji;
        let eu_chlg = (1.0 - sj) * eu_vict + sj * eu_cntst;
        (phij, eu_chlg - eu_sq)
    }

    /// KTAB `SMPActor::posUtil`: actor i's utility for position `p`.
    fn pos_util(&self, st: &State, i: usize, p: &[f64]) -> f64 {
        bs_util(bv_diff(self.pos(st, i), p, self.actors.sal(i)), st.nra[i])
    }

    fn interpolate(&self, st: &State, i: usize, j: usize, prob_i: f64, prob_j: f64) -> Bargain {
        let nd = self.actors.nd;
        let (pi, pj) = (self.pos(st, i), self.pos(st, j));
        let (si, sj) = (self.actors.sal(i), self.actors.sal(j));
        let mut pos_init = vec![0.0; nd];
        let mut pos_rcvr = vec![0.0; nd];
        for k in 0..nd {
            let (bi, bj) = match self.cfg.inter_vec_bargain {
                InterVecBargain::S1P1 => interp_snpm(1, pi[k], si[k], prob_i, pj[k], sj[k], prob_j),
                InterVecBargain::S2P2 => interp_snpm(2, pi[k], si[k], prob_i, pj[k], sj[k], prob_j),
                InterVecBargain::S2PMax => {
                    interp_s2pmax(pi[k], si[k], prob_i, pj[k], sj[k], prob_j)
                }
            };
            pos_init[k] = bi;
            pos_rcvr[k] = bj;
        }
        Bargain {
            init: i,
            rcvr: j,
            pos_init,
            pos_rcvr,
        }
    }

    /// Actor i's best challenge and the bargains it proposes (KTAB `doBCN(i)`).
    fn propose(&self, st: &State, i: usize) -> Option<(BargainProposal, Vec<Bargain>)> {
        let na = self.actors.na;
        let min_sig_edu = 1e-5;
        let mut best: Option<(usize, f64, f64)> = None;
        let mut best_eu = -1.0;
        for j in 0..na {
            if j == i {
                continue;
            }
            let (p, edu) = self.prob_edu_challenge(st, i, i, i, j);
            if min_sig_edu < edu && best_eu < edu {
                best_eu = edu;
                best = Some((j, p, edu));
            }
        }
        let (j, pii_j, best_eu) = best?;
        if best_eu <= 0.0 {
            return None;
        }
        let (_, init_est_rcvr) = self.prob_edu_challenge(st, i, j, i, j);
        let (pji_j, rcvr_est_init) = self.prob_edu_challenge(st, j, i, i, j);
        let (_, rcvr_gain) = self.prob_edu_challenge(st, j, j, i, j);
        let iij = self.interpolate(st, i, j, pii_j, 1.0 - pii_j);
        let scale = |v: &[f64]| v.iter().map(|&x| to_input_scale(x)).collect::<Vec<_>>();
        let proposal = BargainProposal {
            initiator: i,
            receiver: j,
            init_win_prob: pii_j,
            init_expected_gain: best_eu,
            init_estimate_receiver_gain: init_est_rcvr,
            rcvr_win_prob: pji_j,
            rcvr_estimate_init_gain: rcvr_est_init,
            rcvr_expected_gain: rcvr_gain,
            init_adopts: scale(&iij.pos_init),
            rcvr_adopts: scale(&iij.pos_rcvr),
        };
        let bargains = match self.cfg.bargain_model {
            BargainModel::InitOnlyInterp => vec![iij],
            BargainModel::InitRcvrInterp | BargainModel::PwCompInterp => {
                // KTAB passes j's expected *gain* here where a probability is
                // meant (smpbcn.cpp, `pjiJ = get<1>(Vjij)`); reproduced as is.
                let jij = self.interpolate(st, i, j, rcvr_est_init, 1.0 - rcvr_est_init);
                if self.cfg.bargain_model == BargainModel::InitRcvrInterp {
                    vec![iij, jij]
                } else {
                    let a = &self.actors;
                    let wi = a.cap[i] * a.sal_sum[i];
                    let wj = a.cap[i] * a.sal_sum[j];
                    let mix = |x: &[f64], y: &[f64]| {
                        x.iter()
                            .zip(y)
                            .map(|(xk, yk)| (wi * xk + wj * yk) / (wi + wj))
                            .collect::<Vec<_>>()
                    };
                    vec![Bargain {
                        init: i,
                        rcvr: j,
                        pos_init: mix(&iij.pos_init, &jij.pos_init),
                        pos_rcvr: mix(&iij.pos_rcvr, &jij.pos_rcvr),
                    }]
                }
            }
        };
        Some((proposal, bargains))
    }

    /// Utility to actor `voter` of the state after bargain `b` (KTAB `brgnUtil`).
    fn bargain_util(&self, st: &State, b: &Bargain, voter: usize) -> f64 {
        let na = self.actors.na;
        let mut u = 0.0;
        if b.init == b.rcvr {
            for n in 0..na {
                u += self.a_util(st, voter, voter, n);
            }
        } else {
            u += self.pos_util(st, voter, &b.pos_init);
            u += self.pos_util(st, voter, &b.pos_rcvr);
            for n in 0..na {
                if n != b.init && n != b.rcvr {
                    u += self.a_util(st, voter, voter, n);
                }
            }
        }
        u / na as f64
    }

    /// One transition: proposals, then every actor's choice among its bargains.
    fn step(
        &self,
        st: &State,
        rng: &mut KtabPrng,
    ) -> (Vec<f64>, Vec<BargainProposal>, Vec<Adoption>) {
        let (na, nd) = (self.actors.na, self.actors.nd);
        let proposals: Vec<Option<(BargainProposal, Vec<Bargain>)>> = (0..na)
            .into_par_iter()
            .map(|i| self.propose(st, i))
            .collect();

        // Bargain lists in the order a sequential KTAB run builds them.
        let mut all: Vec<Bargain> = Vec::new();
        let mut lists: Vec<Vec<usize>> = vec![Vec::new(); na];
        let mut records = Vec::new();
        for (i, prop) in proposals.into_iter().enumerate() {
            all.push(Bargain {
                init: i,
                rcvr: i,
                pos_init: self.pos(st, i).to_vec(),
                pos_rcvr: self.pos(st, i).to_vec(),
            });
            lists[i].push(all.len() - 1);
            if let Some((record, bargains)) = prop {
                let j = record.receiver;
                let first = all.len();
                all.extend(bargains);
                let ids: Vec<usize> = (first..all.len()).collect();
                lists[i].extend(&ids);
                lists[j].extend(&ids);
                records.push(record);
            }
        }

        // Utilities of every bargain to every actor, shared by both lists it
        // sits in; every status quo leaves the state unchanged, so they share one.
        let status_quo: Vec<f64> = (0..na)
            .into_par_iter()
            .map(|v| self.bargain_util(st, &all[0], v))
            .collect();
        let utils: Vec<Vec<f64>> = all
            .par_iter()
            .map(|b| {
                if b.init == b.rcvr {
                    status_quo.clone()
                } else {
                    (0..na).map(|v| self.bargain_util(st, b, v)).collect()
                }
            })
            .collect();

        let probs: Vec<Vec<f64>> = (0..na)
            .into_par_iter()
            .map(|k| {
                let nb = lists[k].len();
                let mut u = vec![0.0; na * nb];
                for v in 0..na {
                    for (m, &b) in lists[k].iter().enumerate() {
                        u[v * nb + m] = utils[b][v];
                    }
                }
                scalar_pce(
                    &self.actors.cap,
                    &u,
                    na,
                    nb,
                    self.cfg.voting_rule,
                    self.cfg.victory_prob_model,
                    self.cfg.pce_model,
                )
            })
            .collect();

        let mut new_pos = vec![0.0; na * nd];
        let mut adoptions = Vec::with_capacity(na);
        for k in 0..na {
            let p = &probs[k];
            let m = match self.cfg.state_transitions {
                StateTransitions::Deterministic => index_of_max_abs(p),
                StateTransitions::Stochastic => rng.prob_select(p),
            };
            let b = &all[lists[k][m]];
            let chosen: &[f64] = if b.init == b.rcvr || b.init == k {
                &b.pos_init
            } else {
                &b.pos_rcvr
            };
            new_pos[k * nd..(k + 1) * nd].copy_from_slice(chosen);
            adoptions.push(Adoption {
                actor: k,
                initiator: b.init,
                receiver: b.rcvr,
                prob: p[m],
                options: p.len(),
            });
        }
        (new_pos, records, adoptions)
    }

    fn state_dist(&self, a: &State, b: &State) -> f64 {
        let mut d = 0.0;
        for i in 0..self.actors.na {
            d += distance(self.pos(a, i), self.pos(b, i));
        }
        d
    }

    fn actor_steps(&self, scenario: &Scenario, st: &State) -> Vec<ActorStep> {
        let probs = self.position_probs(st);
        scenario
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| ActorStep {
                name: a.name.clone(),
                position: self.pos(st, i).iter().map(|&x| to_input_scale(x)).collect(),
                prob: probs[i],
            })
            .collect()
    }
}

/// Internal `[0,1]` coordinate to the input's 0–100 scale, rounded to 10
/// decimals so that the rescaling's last-bit noise (6.370000000000001) does
/// not show; KTAB's own positions carry at most 2 decimals on that scale.
fn to_input_scale(x: f64) -> f64 {
    (100.0 * x * 1e10).round() / 1e10
}

/// KTAB `interpBrgnSnPm`: weights `sal^n * prob^n`, rounded to 4 decimals.
fn interp_snpm(n: i32, ti: f64, si: f64, pi: f64, tj: f64, sj: f64, pj: f64) -> (f64, f64) {
    let round4 = |x: f64| ((0.5 + x * 10000.0) as i32) as f64 / 10000.0;
    let powi = |x: f64| if n == 2 { x * x } else { x };
    let wi = powi(si) * powi(pi);
    let wj = powi(sj) * powi(pj);
    let min_w = 1e-6;
    let bi = round4(((wi + min_w) * ti + wj * tj) / (wi + min_w + wj));
    let bj = round4((wi * ti + (min_w + wj) * tj) / (wi + min_w + wj));
    (bi, bj)
}

/// KTAB `interpBrgnS2PMax`.
fn interp_s2pmax(ti: f64, si: f64, pi: f64, tj: f64, sj: f64, pj: f64) -> (f64, f64) {
    let di = if pj > pi { pj - pi } else { 0.0 };
    let dj = if pi > pj { pi - pj } else { 0.0 };
    let (si2, sj2) = (si * si, sj * sj);
    let min_w = 1e-6;
    let dik = (di * sj2) / ((di * sj2) + min_w + ((1.0 - di) * si2));
    let djk = (dj * si2) / ((dj * si2) + min_w + ((1.0 - dj) * sj2));
    (ti + dik * (tj - ti), tj + djk * (ti - tj))
}

/// Third party's vote in the little contest (KTAB `Actor::thirdPartyVoteSU`).
#[allow(clippy::too_many_arguments)]
fn third_party_vote(
    commit: crate::config::ThirdPartyCommit,
    vr: crate::config::VotingRule,
    wk: f64,
    pik: f64,
    pjk: f64,
    uki: f64,
    ukj: f64,
    ukk: f64,
) -> f64 {
    use crate::config::ThirdPartyCommit as T;
    let (u_ik_def_j, u_j_def_ik, u_i_def_jk, u_jk_def_i) = match commit {
        T::FullCommit => (
            uki + uki + uki,
            ukj + ukj + ukj,
            uki + uki + uki,
            ukj + ukj + ukj,
        ),
        T::SemiCommit => (
            uki + uki + ukk,
            ukj + ukj + ukj,
            uki + uki + uki,
            ukj + ukj + ukk,
        ),
        T::NoCommit => (
            uki + uki + ukk,
            ukj + ukj + ukk,
            uki + uki + ukk,
            ukj + ukj + ukk,
        ),
    };
    let u_ik_j = (pik * u_ik_def_j) + (pjk * u_j_def_ik);
    let u_i_jk = (pik * u_i_def_jk) + (pjk * u_jk_def_i);
    vote(vr, wk, u_ik_j, u_i_jk)
}

/// Runs the SMP on a scenario with the given configuration.
pub fn run(scenario: &Scenario, config: &SmpConfig) -> Result<SmpRun, SmpError> {
    run_with_progress(scenario, config, |_| {})
}

/// Like [`run`], calling `progress(step)` after each completed step.
pub fn run_with_progress(
    scenario: &Scenario,
    config: &SmpConfig,
    mut progress: impl FnMut(usize),
) -> Result<SmpRun, SmpError> {
    scenario.validate()?;
    let na = scenario.num_actors();
    let nd = scenario.num_dimensions();
    let mut sal = Vec::with_capacity(na * nd);
    let mut pos = Vec::with_capacity(na * nd);
    for a in &scenario.actors {
        sal.extend(a.salience.iter().map(|s| s / 100.0));
        pos.extend(a.position.iter().map(|p| p / 100.0));
    }
    let sal_sum: Vec<f64> = (0..na).map(|i| sum(&sal[i * nd..(i + 1) * nd])).collect();
    let cap: Vec<f64> = scenario.actors.iter().map(|a| a.capability).collect();
    let weight = (0..na).map(|n| sal_sum[n] * cap[n]).collect();
    let engine = Engine {
        actors: Actors {
            na,
            nd,
            cap,
            sal,
            sal_sum,
            weight,
        },
        cfg: config,
    };
    let mut rng = KtabPrng::new(config.seed);

    let first = engine.new_state(pos);
    let mut history = vec![Step {
        step: 0,
        actors: engine.actor_steps(scenario, &first),
        distinct_positions: first.unique.clone(),
        bargains: Vec::new(),
        adoptions: Vec::new(),
        fractional_change: None,
    }];
    let mut first_move: Option<f64> = None;
    let mut current = first;
    let mut iter = 0;
    let stop_reason = loop {
        iter += 1;
        let (new_pos, bargains, adoptions) = engine.step(&current, &mut rng);
        let next = engine.new_state(new_pos);
        let moved = engine.state_dist(&next, &current);
        let d01 = *first_move.get_or_insert(moved + config.min_significant_delta);
        let ratio = moved / d01;
        history.push(Step {
            step: iter,
            actors: engine.actor_steps(scenario, &next),
            distinct_positions: next.unique.clone(),
            bargains,
            adoptions,
            fractional_change: Some(ratio),
        });
        progress(iter);
        current = next;
        if config.min_iterations <= iter && ratio < config.min_delta_ratio {
            break StopReason::Converged;
        }
        if config.max_iterations <= iter {
            break StopReason::MaxIterations;
        }
    };
    Ok(SmpRun {
        scenario: scenario.name.clone(),
        dimensions: scenario.dimensions.clone(),
        config: config.clone(),
        stop_reason,
        history,
    })
}
