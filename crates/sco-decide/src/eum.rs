//! Bueno de Mesquita's expected utility model (EUM) of group decisions, as specified by
//! Scholz, Calbert and Smith (2011, "Unravelling Bueno De Mesquita's group decision model",
//! Journal of Theoretical Politics 23(4)).
//!
//! One issue, one scale. Each round every actor works out its risk attitude from how
//! exposed its position is, every pair of actors weighs a challenge (probability of winning
//! by the weighted votes of all actors, utilities of success, failure and the status quo),
//! and each actor accepts at most one "offer": losing a confrontation (moving to the
//! challenger), a compromise (moving part of the way) or a capitulation. The model reports
//! the median and mean position after each round.
//!
//! The paper leaves several choices open and the public re-implementations differ on them;
//! every such choice is a field of [`EumConfig`]. [`EumConfig::scholz_code`] follows the
//! public implementation jmckib/bdm-scholz-expected-utility-model (which says it follows
//! Scholz's own code); `docs/decision-lab/models.md` says which combination comes closest
//! to the paper's Table 2 and how close it is.

use serde::{Deserialize, Serialize};

use crate::profile::IssueActor;

/// How the probability that a challenger wins is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProbabilityRule {
    /// Votes for the challenger over the sum of |votes| of every actor on every ordered pair
    /// of held positions (the denominator of Scholz's code, as reported by jmckib).
    AllPairs,
    /// Votes for the challenger over the sum of |votes| on this pair (Bueno de Mesquita).
    Pairwise,
    /// Net votes for the challenger (floored at 0) over the sum of |votes| on this pair
    /// (dmasad/BDM_DecisionModel_Replication).
    NetPairwise,
}

/// Which risk exponent the voters use when they weigh two positions for the probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteRisk {
    /// Each voter's current risk exponent (Scholz's code as reported by jmckib).
    Current,
    /// Linear (exponent 1) for everybody.
    Neutral,
}

/// Whose risk exponent enters the expected utility of the other side's challenge, as the
/// receiver of offers perceives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChallengeView {
    /// The receiver evaluates both challenges with its own exponent (Scholz's code).
    Receiver,
    /// Each challenge is evaluated with its challenger's own exponent.
    Challenger,
}

/// How offers arise and which one an actor accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferProtocol {
    /// The receiver classifies every other actor as confrontation, compromise or
    /// capitulation partner from its own point of view and accepts, in that order of
    /// preference, the confrontation that moves it least, else the best compromise
    /// (see [`CompromiseChoice`]), else the nearest capitulation (Scholz's code).
    ReceiverClassifies,
    /// Every actor challenges each actor against whom its expected utility is positive; the
    /// receiver answers the challenge of highest expected utility (ties: nearest position)
    /// and then loses, compromises or capitulates by comparing its own expected utility
    /// (dmasad/BDM_DecisionModel_Replication).
    ChallengerSends,
}

/// Which compromise an actor takes when several are on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompromiseChoice {
    /// Smallest |EU|-weighted mean of the two positions (Scholz's code, as reported by
    /// jmckib, who calls it a likely mistake).
    WeightedPosition,
    /// The compromise that moves the actor least (the paper's wording).
    SmallestMove,
    /// The challenger with the highest expected utility.
    StrongestChallenger,
}

/// When capitulation is possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapitulationRule {
    /// Capitulate when the challenger's gain is smaller than the actor's expected loss.
    AsPublished,
    /// Never (the test in jmckib's code compares a number with its own absolute value).
    Never,
}

/// Whether actors move all at once or one after another within a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PositionUpdate {
    /// Every actor chooses on the positions at the start of the round (Scholz's code).
    Simultaneous,
    /// Actors choose in profile order, each seeing the moves already made.
    Sequential,
}

/// Against what an actor's danger level is scaled to give its risk acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskScope {
    /// Against the danger levels of all actors (Scholz's code).
    AcrossActors,
    /// Against the actor's own danger level at each position currently held by someone
    /// (Bueno de Mesquita's intent according to jmckib's comments).
    OwnPositions,
}

/// Risk exponents at the start of each round's danger computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskStart {
    /// Everybody neutral (exponent 1) before the danger levels are computed (Scholz).
    Neutral,
    /// Keep last round's exponents.
    CarryOver,
}

/// The scale width that normalises distances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScaleRange {
    /// Span of the initial positions (Scholz's code).
    Initial,
    /// Span of the current positions, recomputed each round.
    Current,
}

/// Definition of the (weighted) median position reported each round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MedianRule {
    /// The held position that wins the pairwise capability × salience-weighted votes with
    /// linear utilities, found by a sequential tournament over the held positions in
    /// ascending order (Scholz's "median voter").
    PairwiseVote,
    /// The lowest held position at which the cumulative capability × salience weight
    /// (positions ascending) reaches half of the total.
    WeightedMedian,
}

/// Weights of the reported mean position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeanWeights {
    /// Capability × salience (gives 7.38996 in round 0 of the EU example).
    CapabilitySalience,
    /// Capability only.
    Capability,
    /// Every actor counts once.
    Equal,
}

/// The point against which "things get better/worse without a challenge" is measured in
/// the utilities U_b and U_w (only used when Q < 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reference {
    Median,
    Mean,
}

/// Every open choice of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumConfig {
    pub rounds: usize,
    pub probability: ProbabilityRule,
    pub vote_risk: VoteRisk,
    pub challenge_view: ChallengeView,
    /// Probability that the status quo persists when nobody challenges (Q).
    pub q: f64,
    /// Probability that a change without challenge is for the better (T).
    pub t: f64,
    pub reference: Reference,
    pub offers: OfferProtocol,
    pub compromise: CompromiseChoice,
    pub capitulation: CapitulationRule,
    pub update: PositionUpdate,
    pub risk_scope: RiskScope,
    pub risk_start: RiskStart,
    pub scale: ScaleRange,
    pub median: MedianRule,
    pub mean: MeanWeights,
}

impl EumConfig {
    /// The choices of the public implementation jmckib/bdm-scholz-expected-utility-model,
    /// which states that it follows Scholz's code; Q = T = 1 as there.
    pub fn scholz_code(rounds: usize) -> Self {
        EumConfig {
            rounds,
            probability: ProbabilityRule::AllPairs,
            vote_risk: VoteRisk::Current,
            challenge_view: ChallengeView::Receiver,
            q: 1.0,
            t: 1.0,
            reference: Reference::Median,
            offers: OfferProtocol::ReceiverClassifies,
            compromise: CompromiseChoice::WeightedPosition,
            capitulation: CapitulationRule::Never,
            update: PositionUpdate::Simultaneous,
            risk_scope: RiskScope::AcrossActors,
            risk_start: RiskStart::Neutral,
            scale: ScaleRange::Initial,
            median: MedianRule::PairwiseVote,
            mean: MeanWeights::CapabilitySalience,
        }
    }
}

/// What an actor did in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoveKind {
    /// Lost a confrontation and moved to the challenger's position.
    LostConfrontation,
    /// Moved part of the way towards the challenger.
    Compromise,
    /// Gave in and moved to the challenger's position.
    Capitulation,
}

/// One accepted offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EumMove {
    pub actor: usize,
    pub partner: usize,
    pub kind: MoveKind,
    pub from: f64,
    pub to: f64,
}

/// The state after a round (round 0 is the input).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EumRound {
    pub round: usize,
    pub median: f64,
    pub mean: f64,
    pub positions: Vec<f64>,
    /// Risk exponents used for this round's offers (all 1 in round 0).
    pub risk: Vec<f64>,
    pub moves: Vec<EumMove>,
}

/// A full run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EumRun {
    pub actors: Vec<String>,
    pub rounds: Vec<EumRound>,
}

/// Errors of the EUM: input the model cannot use.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EumError {
    #[error("the expected utility model needs at least two actors, got {0}")]
    TooFewActors(usize),
    #[error("all actors hold the same position: nothing to decide")]
    NoSpread,
}

struct State<'a> {
    cfg: &'a EumConfig,
    c: Vec<f64>,
    s: Vec<f64>,
    x: Vec<f64>,
    r: Vec<f64>,
    range: f64,
    /// Denominator of [`ProbabilityRule::AllPairs`] for the current positions and risks.
    all_pairs: f64,
}

impl State<'_> {
    fn n(&self) -> usize {
        self.x.len()
    }

    /// Votes of actor `k` for `xj` over `xk` with exponent `risk`.
    fn vote(&self, k: usize, xj: f64, xk: f64, risk: f64) -> f64 {
        let dk = (self.x[k] - xk).abs() / self.range;
        let dj = (self.x[k] - xj).abs() / self.range;
        self.c[k] * self.s[k] * (dk.powf(risk) - dj.powf(risk))
    }

    fn voter_risk(&self, k: usize) -> f64 {
        match self.cfg.vote_risk {
            VoteRisk::Current => self.r[k],
            VoteRisk::Neutral => 1.0,
        }
    }

    fn refresh(&mut self) {
        if self.cfg.probability != ProbabilityRule::AllPairs {
            return;
        }
        // Σ_k Σ_a Σ_b |vote(k, x_a, x_b)|, with each voter's utility term for each held
        // position computed once (n² powers instead of 2n³; the same sum, term by term).
        let n = self.n();
        let mut total = 0.0;
        let mut term = vec![0.0; n];
        for k in 0..n {
            let risk = self.voter_risk(k);
            for (a, t) in term.iter_mut().enumerate() {
                *t = ((self.x[k] - self.x[a]).abs() / self.range).powf(risk);
            }
            let weight = self.c[k] * self.s[k];
            for a in 0..n {
                for b in 0..n {
                    total += (weight * (term[b] - term[a])).abs();
                }
            }
        }
        self.all_pairs = total;
    }

    fn probability(&self, xi: f64, xj: f64) -> f64 {
        if xi == xj {
            return 0.0;
        }
        // One pass over the voters: votes for i, |votes| and net votes, summed in voter order.
        let (mut positive, mut absolute, mut net) = (0.0, 0.0, 0.0);
        for k in 0..self.n() {
            let v = self.vote(k, xi, xj, self.voter_risk(k));
            positive += v.max(0.0);
            absolute += v.abs();
            net += v;
        }
        let (num, den) = match self.cfg.probability {
            ProbabilityRule::AllPairs => (positive, self.all_pairs),
            ProbabilityRule::Pairwise => (positive, absolute),
            ProbabilityRule::NetPairwise => (f64::max(net, 0.0), absolute),
        };
        if den > 0.0 {
            num / den
        } else {
            0.0
        }
    }

    /// Expected utility of `i` challenging `j`, with risk exponent `r`; `mu` is the
    /// reference point of U_b/U_w.
    fn expected_utility(&self, r: f64, i: usize, j: usize, mu: f64) -> f64 {
        let p = self.probability(self.x[i], self.x[j]);
        let d = (self.x[i] - self.x[j]).abs() / self.range;
        let u = |base: f64| 2.0 - 4.0 * base.max(0.0).powf(r);
        let success = u(0.5 - 0.5 * d);
        let failure = u(0.5 + 0.5 * d);
        let status_quo = u(0.5);
        let cfg = self.cfg;
        let baseline = if cfg.q >= 1.0 {
            cfg.q * status_quo
        } else {
            let dm = ((self.x[i] - mu).abs() + (self.x[i] - self.x[j]).abs()) / self.range;
            let better = u(0.5 - 0.25 * dm);
            let worse = u(0.5 + 0.25 * dm);
            cfg.q * status_quo + (1.0 - cfg.q) * (cfg.t * better + (1.0 - cfg.t) * worse)
        };
        let sj = self.s[j];
        sj * (p * success + (1.0 - p) * failure) + (1.0 - sj) * success - baseline
    }

    fn danger(&self, k: usize, mu: f64) -> f64 {
        (0..self.n())
            .filter(|&o| o != k)
            .map(|o| self.expected_utility(self.r[k], o, k, mu))
            .sum()
    }

    fn median(&self) -> f64 {
        median_of(&self.x, &self.c, &self.s, self.cfg.median)
    }

    fn mean(&self) -> f64 {
        mean_of(&self.x, &self.c, &self.s, self.cfg.mean)
    }

    fn reference(&self) -> f64 {
        match self.cfg.reference {
            Reference::Median => self.median(),
            Reference::Mean => self.mean(),
        }
    }

    fn update_risk(&mut self) {
        if self.cfg.risk_start == RiskStart::Neutral {
            self.r.iter_mut().for_each(|r| *r = 1.0);
        }
        self.refresh();
        let mu = self.reference();
        let n = self.n();
        let acceptance: Vec<f64> = match self.cfg.risk_scope {
            RiskScope::AcrossActors => {
                let dangers: Vec<f64> = (0..n).map(|k| self.danger(k, mu)).collect();
                let (lo, hi) = min_max(&dangers);
                dangers.iter().map(|&d| scaled(d, lo, hi)).collect()
            }
            RiskScope::OwnPositions => {
                let held = distinct_sorted(&self.x);
                let mut out = Vec::with_capacity(n);
                for k in 0..n {
                    let own = self.x[k];
                    let current = self.danger(k, mu);
                    let mut levels = Vec::with_capacity(held.len());
                    for &p in &held {
                        self.x[k] = p;
                        self.refresh();
                        levels.push(self.danger(k, mu));
                    }
                    self.x[k] = own;
                    self.refresh();
                    let (lo, hi) = min_max(&levels);
                    out.push(scaled(current, lo, hi));
                }
                out
            }
        };
        self.r = acceptance
            .iter()
            .map(|&a| (1.0 - a / 3.0) / (1.0 + a / 3.0))
            .collect();
        self.refresh();
    }

    /// The offer actor `i` accepts, if any: (partner, kind, new position).
    fn choice(&self, i: usize, mu: f64) -> Option<(usize, MoveKind, f64)> {
        match self.cfg.offers {
            OfferProtocol::ReceiverClassifies => self.choice_receiver(i, mu),
            OfferProtocol::ChallengerSends => self.choice_challenged(i, mu),
        }
    }

    fn choice_receiver(&self, i: usize, mu: f64) -> Option<(usize, MoveKind, f64)> {
        let xi = self.x[i];
        // (partner, eu_ij, eu_ji, new position)
        let mut confront: Vec<(usize, f64, f64, f64)> = Vec::new();
        let mut compromise = Vec::new();
        let mut capitulate = Vec::new();
        for j in 0..self.n() {
            let xj = self.x[j];
            if xj == xi {
                continue;
            }
            let eu_ij = self.expected_utility(self.r[i], i, j, mu);
            let view = match self.cfg.challenge_view {
                ChallengeView::Receiver => self.r[i],
                ChallengeView::Challenger => self.r[j],
            };
            let eu_ji = self.expected_utility(view, j, i, mu);
            if eu_ji > eu_ij && eu_ij > 0.0 {
                confront.push((j, eu_ij, eu_ji, xj));
            } else if eu_ji > 0.0 && 0.0 > eu_ij && eu_ji > eu_ij.abs() {
                let to = xi + (xj - xi) * (eu_ij / eu_ji).abs();
                compromise.push((j, eu_ij, eu_ji, to));
            } else if eu_ji > 0.0
                && 0.0 > eu_ij
                && self.cfg.capitulation == CapitulationRule::AsPublished
                && eu_ji < eu_ij.abs()
            {
                capitulate.push((j, eu_ij, eu_ji, xj));
            }
        }
        let by_move = |o: &(usize, f64, f64, f64)| (xi - o.3).abs();
        if let Some(o) = first_min(&confront, by_move) {
            return Some((o.0, MoveKind::LostConfrontation, o.3));
        }
        let compromise_key = |o: &(usize, f64, f64, f64)| match self.cfg.compromise {
            CompromiseChoice::WeightedPosition => {
                (o.1.abs() * xi + o.2.abs() * self.x[o.0]) / (o.1.abs() + o.2.abs())
            }
            CompromiseChoice::SmallestMove => (xi - o.3).abs(),
            CompromiseChoice::StrongestChallenger => -o.2,
        };
        if let Some(o) = first_min(&compromise, compromise_key) {
            return Some((o.0, MoveKind::Compromise, o.3));
        }
        first_min(&capitulate, by_move).map(|o| (o.0, MoveKind::Capitulation, o.3))
    }

    fn choice_challenged(&self, i: usize, mu: f64) -> Option<(usize, MoveKind, f64)> {
        let xi = self.x[i];
        let mut best: Option<(usize, f64)> = None;
        for j in 0..self.n() {
            if j == i || self.x[j] == xi {
                continue;
            }
            let eu = self.expected_utility(self.r[j], j, i, mu);
            if eu <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((b, beu)) => {
                    eu > beu || (eu == beu && (xi - self.x[j]).abs() < (xi - self.x[b]).abs())
                }
            };
            if better {
                best = Some((j, eu));
            }
        }
        let (j, uj) = best?;
        let ui = self.expected_utility(self.r[i], i, j, mu);
        let xj = self.x[j];
        if ui > 0.0 && ui < uj {
            Some((j, MoveKind::LostConfrontation, xj))
        } else if ui < 0.0 && ui.abs() < uj {
            Some((j, MoveKind::Compromise, xi + (xj - xi) * (ui / uj).abs()))
        } else if ui < 0.0
            && ui.abs() > uj
            && self.cfg.capitulation == CapitulationRule::AsPublished
        {
            Some((j, MoveKind::Capitulation, xj))
        } else {
            None
        }
    }

    fn snapshot(&self, round: usize, moves: Vec<EumMove>) -> EumRound {
        EumRound {
            round,
            median: self.median(),
            mean: self.mean(),
            positions: self.x.clone(),
            risk: self.r.clone(),
            moves,
        }
    }
}

fn first_min<T>(items: &[T], key: impl Fn(&T) -> f64) -> Option<&T> {
    let mut best: Option<(&T, f64)> = None;
    for item in items {
        let k = key(item);
        if best.is_none_or(|(_, bk)| k < bk) {
            best = Some((item, k));
        }
    }
    best.map(|(item, _)| item)
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

fn scaled(value: f64, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        (2.0 * value - hi - lo) / (hi - lo)
    } else {
        0.0
    }
}

fn distinct_sorted(x: &[f64]) -> Vec<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// The median position of `x` under `rule` with capability `c` and salience `s`.
pub fn median_of(x: &[f64], c: &[f64], s: &[f64], rule: MedianRule) -> f64 {
    let held = distinct_sorted(x);
    match rule {
        MedianRule::PairwiseVote => {
            let mut winner = held[0];
            for &p in &held[1..] {
                let votes: f64 = (0..x.len())
                    .map(|k| c[k] * s[k] * ((x[k] - winner).abs() - (x[k] - p).abs()))
                    .sum();
                if votes > 0.0 {
                    winner = p;
                }
            }
            winner
        }
        MedianRule::WeightedMedian => {
            let total: f64 = (0..x.len()).map(|k| c[k] * s[k]).sum();
            let mut cumulative = 0.0;
            for &p in &held {
                cumulative += (0..x.len())
                    .filter(|&k| x[k] == p)
                    .map(|k| c[k] * s[k])
                    .sum::<f64>();
                if cumulative >= total / 2.0 {
                    return p;
                }
            }
            held[held.len() - 1]
        }
    }
}

/// The mean position of `x` weighted as `rule` says.
pub fn mean_of(x: &[f64], c: &[f64], s: &[f64], rule: MeanWeights) -> f64 {
    let weight = |k: usize| match rule {
        MeanWeights::CapabilitySalience => c[k] * s[k],
        MeanWeights::Capability => c[k],
        MeanWeights::Equal => 1.0,
    };
    let total: f64 = (0..x.len()).map(weight).sum();
    if total > 0.0 {
        (0..x.len()).map(|k| weight(k) * x[k]).sum::<f64>() / total
    } else {
        x.iter().sum::<f64>() / x.len() as f64
    }
}

/// Run the model on the actors of one issue.
pub fn run(actors: &[IssueActor], cfg: &EumConfig) -> Result<EumRun, EumError> {
    if actors.len() < 2 {
        return Err(EumError::TooFewActors(actors.len()));
    }
    let x: Vec<f64> = actors.iter().map(|a| a.position).collect();
    let (lo, hi) = min_max(&x);
    if hi <= lo {
        return Err(EumError::NoSpread);
    }
    let mut state = State {
        cfg,
        c: actors.iter().map(|a| a.capability).collect(),
        s: actors.iter().map(|a| a.salience).collect(),
        x,
        r: vec![1.0; actors.len()],
        range: hi - lo,
        all_pairs: 0.0,
    };
    let mut rounds = vec![state.snapshot(0, Vec::new())];
    for round in 1..=cfg.rounds {
        if cfg.scale == ScaleRange::Current {
            let (lo, hi) = min_max(&state.x);
            if hi > lo {
                state.range = hi - lo;
            }
        }
        state.update_risk();
        let mu = state.reference();
        let mut moves = Vec::new();
        match cfg.update {
            PositionUpdate::Simultaneous => {
                let choices: Vec<_> = (0..state.n()).map(|i| state.choice(i, mu)).collect();
                for (i, choice) in choices.into_iter().enumerate() {
                    if let Some((partner, kind, to)) = choice {
                        moves.push(EumMove {
                            actor: i,
                            partner,
                            kind,
                            from: state.x[i],
                            to,
                        });
                        state.x[i] = to;
                    }
                }
            }
            PositionUpdate::Sequential => {
                for i in 0..state.n() {
                    if let Some((partner, kind, to)) = state.choice(i, mu) {
                        moves.push(EumMove {
                            actor: i,
                            partner,
                            kind,
                            from: state.x[i],
                            to,
                        });
                        state.x[i] = to;
                        state.refresh();
                    }
                }
            }
        }
        state.refresh();
        let risk = state.r.clone();
        let mut snap = state.snapshot(round, moves);
        snap.risk = risk;
        rounds.push(snap);
    }
    Ok(EumRun {
        actors: actors.iter().map(|a| a.name.clone()).collect(),
        rounds,
    })
}
