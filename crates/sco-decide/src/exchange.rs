//! Stokman's exchange model of collective decisions (vote trading across issues), in the
//! Equal Gain variant implemented by `decide-exchange-model` (GitHub
//! foarsitter/decide-exchange-model, PyPI `decide-exchange-model` 2022.1.28).
//!
//! Each round, the expected outcome of every issue is the capability × salience weighted
//! mean of the positions (decide calls it the Nash bargaining solution, NBS). Two actors
//! can trade on a pair of issues when they sit on opposite sides of both outcomes and value
//! the issues differently: each shifts its voting position on the issue it cares less about
//! towards the other, so that both gain the same expected utility ("equal gain"). Exchanges
//! are carried out in order of gain; every executed exchange changes the positions on which
//! the others were computed, so those are recomputed, and exchanges that no longer make
//! sense drop out. At the end of the round, actors move part of the way from their position
//! towards the voting position they traded (the more so the less they care).
//!
//! This is a re-implementation from the reference's algorithm, not a copy of its code. It
//! follows the reference's arithmetic step by step, including its bookkeeping of shifted
//! positions within a round, so that the mean position per issue per round agrees to 1e-6
//! (see `tests/exchange_reference.rs`). One choice differs on purpose: the reference breaks
//! exact ties between the best gains with a coin flip; here ties (gains equal to
//! [`ExchangeConfig::tie_decimals`] decimals) keep list order. The reference run used for
//! the test was made with the same rule.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::profile::Profile;

/// Parameters of the exchange model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExchangeConfig {
    /// Number of rounds (decide's `--iterations`).
    pub rounds: usize,
    /// Weight of `(1 - salience)` in the move towards the voting position at the end of a
    /// round (decide's `SALIENCE_WEIGHT`, 0.4).
    pub salience_weight: f64,
    /// Fixed part of that move (decide's `FIXED_WEIGHT`, 0.1).
    pub fixed_weight: f64,
    /// Gains equal to this many decimals count as tied; ties keep list order.
    pub tie_decimals: i32,
}

impl Default for ExchangeConfig {
    fn default() -> Self {
        ExchangeConfig {
            rounds: 10,
            salience_weight: 0.4,
            fixed_weight: 0.1,
            tie_decimals: 12,
        }
    }
}

/// Tolerance for comparisons that are exact in the reference's decimal arithmetic.
const EPS: f64 = 1e-9;

/// One executed exchange.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutedExchange {
    /// Actor index, supply issue index, position before, voting position after.
    pub first: (usize, usize, f64, f64),
    pub second: (usize, usize, f64, f64),
    /// The (equal) expected utility gain.
    pub gain: f64,
}

/// The state of one issue in one round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueRound {
    /// Weighted mean of the positions at the start of the round (decide's "preference MDS").
    pub start_mean: f64,
    /// Weighted mean of the voting positions after the exchanges (decide's "voting MDS").
    pub voting_mean: f64,
    /// Start positions, one per profile actor (`None` where it has no stance).
    pub start_positions: Vec<Option<f64>>,
    /// Voting positions after the exchanges.
    pub voting_positions: Vec<Option<f64>>,
}

/// One round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExchangeRound {
    pub round: usize,
    pub issues: Vec<IssueRound>,
    pub exchanges: Vec<ExecutedExchange>,
}

/// A full run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExchangeRun {
    pub issues: Vec<String>,
    pub actors: Vec<String>,
    pub rounds: Vec<ExchangeRound>,
}

#[derive(Debug, Clone, Copy)]
struct Holding {
    position: f64,
    salience: f64,
    power: f64,
}

/// The model's positions (normalised to 0..=100) and per-issue constants.
struct Model {
    /// [issue][actor]
    holdings: Vec<Vec<Option<Holding>>>,
    /// Σ c·s per issue.
    denominators: Vec<f64>,
    nbs: Vec<f64>,
}

impl Model {
    fn calc_nbs(&mut self) {
        for (issue, row) in self.holdings.iter().enumerate() {
            let denominator: f64 = row.iter().flatten().map(|h| h.salience * h.power).sum();
            let numerator: f64 = row
                .iter()
                .flatten()
                .map(|h| h.position * h.salience * h.power)
                .sum();
            self.denominators[issue] = denominator;
            self.nbs[issue] = if denominator == 0.0 {
                0.0
            } else {
                numerator / denominator
            };
        }
    }
}

#[derive(Debug, Clone)]
struct Side {
    actor: usize,
    supply: usize,
    demand: usize,
    supply_position: f64,
    supply_salience: f64,
    supply_power: f64,
    demand_position: f64,
    demand_salience: f64,
    y: f64,
    start_position: f64,
    moves: Vec<f64>,
    step: f64,
}

impl Side {
    fn new(model: &Model, actor: usize, supply: usize, demand: usize) -> Option<Side> {
        let s = model.holdings[supply][actor]?;
        let d = model.holdings[demand][actor]?;
        Some(Side {
            actor,
            supply,
            demand,
            supply_position: s.position,
            supply_salience: s.salience,
            supply_power: s.power,
            demand_position: d.position,
            demand_salience: d.salience,
            y: s.position,
            start_position: s.position,
            moves: Vec::new(),
            step: 0.0,
        })
    }

    fn move_is_valid(&self, step: f64) -> bool {
        if step.abs() > 100.0 || step.abs() <= 1e-10 {
            return false;
        }
        let target = self.supply_position + step;
        if !(-EPS..=100.0 + EPS).contains(&target) {
            return false;
        }
        if self.moves.iter().sum::<f64>() > 100.0 {
            return false;
        }
        let lo = self.moves.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = self.moves.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo < 0.0 && hi < 0.0) || (lo > 0.0 && hi > 0.0)
    }
}

#[derive(Debug, Clone)]
struct Exchange {
    i: Side,
    j: Side,
    gain: f64,
    valid: bool,
    /// Positions shifted by exchanges already executed this round: issue -> actor -> position.
    updates: BTreeMap<usize, BTreeMap<usize, f64>>,
}

/// Which side of an exchange.
#[derive(Clone, Copy)]
enum Who {
    I,
    J,
}

impl Exchange {
    fn new(model: &Model, a: usize, b: usize, p: usize, q: usize) -> Option<Exchange> {
        let sal =
            |actor: usize, issue: usize| model.holdings[issue][actor].map_or(0.0, |h| h.salience);
        // The actor who values p relatively less supplies on p.
        let (i, j) = if sal(a, p) * sal(b, q) < sal(b, p) * sal(a, q) {
            (Side::new(model, b, q, p)?, Side::new(model, a, p, q)?)
        } else {
            (Side::new(model, a, q, p)?, Side::new(model, b, p, q)?)
        };
        Some(Exchange {
            i,
            j,
            gain: 0.0,
            valid: true,
            updates: BTreeMap::new(),
        })
    }

    fn side(&self, who: Who) -> &Side {
        match who {
            Who::I => &self.i,
            Who::J => &self.j,
        }
    }

    fn side_mut(&mut self, who: Who) -> &mut Side {
        match who {
            Who::I => &mut self.i,
            Who::J => &mut self.j,
        }
    }

    /// Mean of `side`'s supply issue with `side` at `position` and this exchange's updates.
    fn adjusted_nbs(&self, model: &Model, who: Who, position: f64) -> f64 {
        let side = self.side(who);
        let issue = side.supply;
        let updates = self.updates.get(&issue);
        let mut numerator = 0.0;
        for (actor, holding) in model.holdings[issue].iter().enumerate() {
            let Some(h) = holding else { continue };
            let x = if actor == side.actor {
                position
            } else {
                updates
                    .and_then(|u| u.get(&actor))
                    .copied()
                    .unwrap_or(h.position)
            };
            numerator += x * h.salience * h.power;
        }
        let denominator = model.denominators[issue];
        if denominator == 0.0 {
            0.0
        } else {
            numerator / denominator
        }
    }

    /// The shift of `side` (from `from`) that puts the mean of its supply issue at `target`.
    fn shift_for_nbs(&self, model: &Model, who: Who, from: f64, target: f64) -> f64 {
        let side = self.side(who);
        let issue = side.supply;
        let updates = self.updates.get(&issue);
        let mut numerator = 0.0;
        let mut own_weight = 0.0;
        for (actor, holding) in model.holdings[issue].iter().enumerate() {
            let Some(h) = holding else { continue };
            // The reference sets the own position first and then applies the updates.
            let updated = updates.and_then(|u| u.get(&actor)).copied();
            let x = match updated {
                Some(u) => u,
                None if actor == side.actor => from,
                None => h.position,
            };
            if actor == side.actor {
                own_weight = h.salience * h.power;
            }
            numerator += x * h.salience * h.power;
        }
        (target * model.denominators[issue] - numerator) / own_weight
    }

    fn calculate(&mut self, model: &Model) {
        let sum_sc = |issue: usize| model.denominators[issue];
        let (i, j) = (&self.i, &self.j);
        let mut dp =
            (i.demand_position - j.supply_position).abs() * j.supply_salience * j.supply_power
                / sum_sc(j.supply);
        let mut dq =
            (j.supply_salience + i.demand_salience) / (j.demand_salience + i.supply_salience) * dp;
        let mut i_step = dq * sum_sc(i.supply) / (i.supply_power * i.supply_salience);
        let mut j_step = (i.demand_position - j.supply_position).abs();
        if i_step.abs() > (j.demand_position - i.supply_position).abs() {
            dq = (j.demand_position - i.supply_position).abs() * i.supply_salience * i.supply_power
                / sum_sc(i.supply);
            dp = (i.supply_salience + j.demand_salience) / (i.demand_salience + j.supply_salience)
                * dq;
            i_step = (j.demand_position - i.supply_position).abs();
            j_step = dp * sum_sc(j.supply) / (j.supply_power * j.supply_salience);
        }
        if i.supply_position > j.demand_position {
            i_step = -i_step;
        }
        if j.supply_position > i.demand_position {
            j_step = -j_step;
        }
        let gain = (dq * i.supply_salience - dp * i.demand_salience).abs();
        self.i.step = i_step;
        self.j.step = j_step;
        self.i.moves.push(i_step);
        self.j.moves.push(j_step);
        self.i.y = self.i.supply_position + i_step;
        self.j.y = self.j.supply_position + j_step;
        self.gain = gain;
        self.valid = self.i.move_is_valid(i_step) && self.j.move_is_valid(j_step);
        if self.gain < 1e-10 {
            self.valid = false;
        }
        if !self.valid {
            return;
        }
        self.check_nbs(model, Who::I);
        self.check_nbs(model, Who::J);
        self.valid = self.i.move_is_valid(self.i.step) && self.j.move_is_valid(self.j.step);
    }

    /// Keep `who`'s shift from pushing the issue mean past the partner's demand position.
    fn check_nbs(&mut self, model: &Model, who: Who) {
        let other = match who {
            Who::I => Who::J,
            Who::J => Who::I,
        };
        let me = self.side(who).clone();
        let nbs_0 = self.adjusted_nbs(model, who, me.supply_position);
        let nbs_1 = self.adjusted_nbs(model, who, me.y);
        let x = self.side(other).demand_position;
        let (mut a, b) = (x - nbs_0, x - nbs_1);
        if a.abs() <= EPS {
            // The outcome already sits at the partner's demand (an earlier exchange was cut
            // to put it there). In the reference's decimal arithmetic it then lies a rounding
            // error above the demand; count it so.
            a = -f64::MIN_POSITIVE;
        }
        if (a >= 0.0 && b >= -EPS) || (a <= 0.0 && b <= EPS) {
            return;
        }
        let shift = self.shift_for_nbs(model, who, me.supply_position, x).abs();
        let ratio = shift * me.supply_salience * me.supply_power / model.denominators[me.supply];
        let them = self.side(other).clone();
        let their_ratio = (me.supply_salience + them.demand_salience)
            / (me.demand_salience + them.supply_salience)
            * ratio;
        let mut their_step = (their_ratio * model.denominators[them.supply]
            / (them.supply_power * them.supply_salience))
            .abs();
        let mut my_step = shift;
        if them.supply_position > me.demand_position {
            their_step = -their_step;
        }
        if me.supply_position > them.demand_position {
            my_step = -my_step;
        }
        {
            let t = self.side_mut(other);
            t.moves.pop();
            t.moves.push(their_step);
            t.step = their_step;
            t.y = t.supply_position + their_step;
        }
        {
            let m = self.side_mut(who);
            m.moves.pop();
            m.moves.push(my_step);
            m.step = my_step;
            m.y = m.supply_position + my_step;
        }
        self.gain = (their_ratio * them.supply_salience - ratio * them.demand_salience).abs();
        let them_ok = self.side(other).move_is_valid(their_step);
        let me_ok = self.side(who).move_is_valid(my_step);
        self.valid = them_ok && me_ok;
    }

    fn pop_moves(&mut self) {
        self.i.moves.pop();
        self.j.moves.pop();
    }

    /// Bring this exchange up to date after `done` was executed.
    fn recalculate(&mut self, model: &Model, done: &Exchange) {
        let mut recalc = false;
        for who in [Who::I, Who::J] {
            let me = self.side(who);
            let source = [&done.i, &done.j]
                .into_iter()
                .find(|d| d.actor == me.actor && d.supply == me.supply);
            if let Some(d) = source {
                let (y, last) = (d.y, d.moves.last().copied());
                let m = self.side_mut(who);
                m.supply_position = y;
                if let Some(last) = last {
                    m.moves.push(last);
                }
                recalc = true;
            }
        }
        if recalc {
            self.pop_moves();
        }
        for (mover, partner) in [(&done.i, &done.j), (&done.j, &done.i)] {
            // `partner` demanded the shift that `mover` made on `partner.demand`.
            let concerned = [&self.i, &self.j]
                .into_iter()
                .any(|s| s.actor == partner.actor && s.demand == partner.demand);
            if !concerned {
                continue;
            }
            let issue = partner.demand;
            let entry = self.updates.entry(issue).or_default();
            let value = match entry.get(&mover.actor) {
                Some(&existing) => {
                    if mover.start_position <= existing {
                        if existing < mover.y {
                            existing
                        } else {
                            mover.y
                        }
                    } else if existing > mover.y {
                        existing
                    } else {
                        mover.y
                    }
                }
                None => mover.y,
            };
            entry.insert(mover.actor, value);
            if !recalc {
                self.pop_moves();
                recalc = true;
            }
        }
        if recalc {
            self.calculate(model);
        }
    }
}

fn quantised(gain: f64, scale: f64) -> i64 {
    (gain * scale).round() as i64
}

/// Run the exchange model on every issue of `profile`.
pub fn run(profile: &Profile, cfg: &ExchangeConfig) -> ExchangeRun {
    let n_issues = profile.dimensions.len();
    let n_actors = profile.actors.len();
    let to_model = |d: usize, v: f64| {
        let dim = &profile.dimensions[d];
        let span = dim.range();
        if span == 0.0 {
            0.0
        } else {
            (v - dim.min) * (100.0 / span)
        }
    };
    let from_model = |d: usize, v: f64| {
        let dim = &profile.dimensions[d];
        let span = dim.range();
        if v == 0.0 || span == 0.0 {
            dim.min
        } else {
            v / (100.0 / span) + dim.min
        }
    };
    let holdings = (0..n_issues)
        .map(|d| {
            profile
                .actors
                .iter()
                .map(|a| {
                    a.stance(d).map(|s| Holding {
                        position: to_model(d, s.position),
                        salience: s.salience,
                        power: a.capability_on(d),
                    })
                })
                .collect()
        })
        .collect();
    let mut model = Model {
        holdings,
        denominators: vec![0.0; n_issues],
        nbs: vec![0.0; n_issues],
    };
    // Capacity for the usual few dozen rounds only: a huge `rounds` must not allocate up front.
    let mut rounds = Vec::with_capacity(cfg.rounds.min(256));
    for round in 0..cfg.rounds {
        model.calc_nbs();
        let start_nbs = model.nbs.clone();
        let start_positions: Vec<Vec<Option<f64>>> = model
            .holdings
            .iter()
            .enumerate()
            .map(|(d, row)| {
                row.iter()
                    .map(|h| h.map(|h| from_model(d, h.position)))
                    .collect()
            })
            .collect();
        let left: Vec<Vec<bool>> = model
            .holdings
            .iter()
            .enumerate()
            .map(|(d, row)| {
                row.iter()
                    .map(|h| h.is_some_and(|h| h.position <= model.nbs[d] + EPS))
                    .collect()
            })
            .collect();
        let mut exchanges: Vec<Exchange> = Vec::new();
        for p in 0..n_issues {
            for q in p + 1..n_issues {
                let mut groups: [Vec<usize>; 4] = Default::default();
                for a in 0..n_actors {
                    if model.holdings[p][a].is_none() || model.holdings[q][a].is_none() {
                        continue;
                    }
                    let g = usize::from(left[p][a]) | (usize::from(left[q][a]) << 1);
                    groups[g].push(a);
                }
                for (g1, g2) in [(0, 3), (1, 2)] {
                    for &a in &groups[g1] {
                        for &b in &groups[g2] {
                            if let Some(mut e) = Exchange::new(&model, a, b, p, q) {
                                e.calculate(&model);
                                exchanges.push(e);
                            }
                        }
                    }
                }
            }
        }
        // Candidates stay in `store`; `order` holds (quantised gain, index) in list order.
        let scale = 10f64.powi(cfg.tie_decimals);
        let mut store = exchanges;
        let mut order: Vec<(i64, usize)> = store
            .iter()
            .enumerate()
            .map(|(k, e)| (quantised(e.gain, scale), k))
            .collect();
        let mut realized: Vec<Exchange> = Vec::new();
        while !order.is_empty() {
            order.sort_by_key(|&(key, _)| std::cmp::Reverse(key));
            let (_, best_index) = order.remove(0);
            if !store[best_index].valid {
                continue;
            }
            let best = store[best_index].clone();
            order.retain_mut(|(key, k)| {
                let e = &mut store[*k];
                if !e.valid {
                    return false;
                }
                e.recalculate(&model, &best);
                *key = quantised(e.gain, scale);
                e.valid
            });
            realized.push(best);
        }
        for e in &realized {
            for side in [&e.i, &e.j] {
                if let Some(h) = model.holdings[side.supply][side.actor].as_mut() {
                    h.position = side.y;
                }
            }
        }
        model.calc_nbs();
        let voting_nbs = model.nbs.clone();
        let voting_positions: Vec<Vec<Option<f64>>> = model
            .holdings
            .iter()
            .enumerate()
            .map(|(d, row)| {
                row.iter()
                    .map(|h| h.map(|h| from_model(d, h.position)))
                    .collect()
            })
            .collect();
        for e in &realized {
            for side in [&e.i, &e.j] {
                let s = side.supply_salience;
                let next = (1.0 - s) * cfg.salience_weight * side.y
                    + cfg.fixed_weight * side.y
                    + (1.0 - (1.0 - s) * cfg.salience_weight - cfg.fixed_weight)
                        * side.start_position;
                if let Some(h) = model.holdings[side.supply][side.actor].as_mut() {
                    h.position = next;
                }
            }
        }
        let issues = (0..n_issues)
            .map(|d| IssueRound {
                start_mean: from_model(d, start_nbs[d]),
                voting_mean: from_model(d, voting_nbs[d]),
                start_positions: start_positions[d].clone(),
                voting_positions: voting_positions[d].clone(),
            })
            .collect();
        let exchanges = realized
            .iter()
            .map(|e| ExecutedExchange {
                first: (
                    e.i.actor,
                    e.i.supply,
                    from_model(e.i.supply, e.i.start_position),
                    from_model(e.i.supply, e.i.y),
                ),
                second: (
                    e.j.actor,
                    e.j.supply,
                    from_model(e.j.supply, e.j.start_position),
                    from_model(e.j.supply, e.j.y),
                ),
                gain: e.gain,
            })
            .collect();
        rounds.push(ExchangeRound {
            round,
            issues,
            exchanges,
        });
    }
    ExchangeRun {
        issues: profile.dimensions.iter().map(|d| d.name.clone()).collect(),
        actors: profile.actors.iter().map(|a| a.name.clone()).collect(),
        rounds,
    }
}
