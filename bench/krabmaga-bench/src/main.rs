//! Axelrod's culture model and Schelling's segregation model written with krABMaga 0.6.2
//! (State + Agent + Schedule), for the side-by-side benchmark in docs/benchmarks.md. Same
//! rules, arguments and JSON output as `bench/mesa_models.py` and the engine's
//! `abm_bench` example; see that script for the rules.
//!
//! - culture: one scheduled agent performs the width*height random events of a step (as
//!   krABMaga's own Schelling example drives its grid with one updater agent); the state's
//!   `end_condition` scans all neighbouring pairs after each step.
//! - schelling: every Schelling agent is a scheduled krABMaga agent that moves if it was
//!   unhappy; the state's `after_step` re-assesses everyone (Mesa's staged rule). The
//!   schedule runs agents in its own priority-queue order.
//!
//! Usage: krabmaga-bench culture RUNS SIDE FEATURES TRAITS
//!        krabmaga-bench schelling RUNS SIDE STEPS HOMOPHILY

use std::any::Any;
use std::time::Instant;

use krabmaga::engine::agent::Agent;
use krabmaga::engine::schedule::Schedule;
use krabmaga::engine::state::State;
use krabmaga::rand::{Rng, SeedableRng};
use krabmaga::rand_pcg::Pcg64;

struct CultureWorld {
    side: usize,
    features: usize,
    traits: u16,
    seed: u64,
    culture: Vec<u16>,
    neighbours: Vec<Vec<usize>>,
    rng: Pcg64,
    events: u64,
}

impl CultureWorld {
    fn new(side: usize, features: usize, traits: u16, seed: u64) -> Self {
        CultureWorld {
            side,
            features,
            traits,
            seed,
            culture: Vec::new(),
            neighbours: Vec::new(),
            rng: Pcg64::seed_from_u64(seed),
            events: 0,
        }
    }

    fn shared(&self, a: usize, b: usize) -> usize {
        let f = self.features;
        (0..f)
            .filter(|k| self.culture[a * f + k] == self.culture[b * f + k])
            .count()
    }

    fn active_pairs(&self) -> usize {
        let mut count = 0;
        for site in 0..self.side * self.side {
            for &other in &self.neighbours[site] {
                let shared = self.shared(site, other);
                if other > site && shared > 0 && shared < self.features {
                    count += 1;
                }
            }
        }
        count
    }

    fn regions(&self) -> usize {
        let n = self.side * self.side;
        let mut seen = vec![false; n];
        let mut regions = 0;
        for start in 0..n {
            if seen[start] {
                continue;
            }
            regions += 1;
            seen[start] = true;
            let mut stack = vec![start];
            while let Some(site) = stack.pop() {
                for &other in &self.neighbours[site] {
                    if !seen[other] && self.shared(site, other) == self.features {
                        seen[other] = true;
                        stack.push(other);
                    }
                }
            }
        }
        regions
    }
}

impl State for CultureWorld {
    fn init(&mut self, schedule: &mut Schedule) {
        let n = self.side * self.side;
        self.rng = Pcg64::seed_from_u64(self.seed);
        self.culture = (0..n * self.features)
            .map(|_| self.rng.random_range(0..self.traits))
            .collect();
        self.neighbours = (0..n)
            .map(|site| {
                let (x, y) = (site % self.side, site / self.side);
                let mut list = Vec::new();
                if x > 0 {
                    list.push(site - 1);
                }
                if x + 1 < self.side {
                    list.push(site + 1);
                }
                if y > 0 {
                    list.push(site - self.side);
                }
                if y + 1 < self.side {
                    list.push(site + self.side);
                }
                list
            })
            .collect();
        self.events = 0;
        schedule.schedule_repeating(Box::new(CultureEvents), 0.0, 0);
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_state_mut(&mut self) -> &mut dyn State {
        self
    }
    fn as_state(&self) -> &dyn State {
        self
    }
    fn reset(&mut self) {}
    fn update(&mut self, _step: u64) {}
    fn end_condition(&mut self, _schedule: &mut Schedule) -> bool {
        self.active_pairs() == 0
    }
}

#[derive(Clone)]
struct CultureEvents;

impl Agent for CultureEvents {
    fn step(&mut self, state: &mut dyn State) {
        let world = state
            .as_any_mut()
            .downcast_mut::<CultureWorld>()
            .expect("culture world");
        let n = world.side * world.side;
        let f = world.features;
        for _ in 0..n {
            world.events += 1;
            let site = world.rng.random_range(0..n);
            let degree = world.neighbours[site].len();
            let other = world.neighbours[site][world.rng.random_range(0..degree)];
            let shared = world.shared(site, other);
            if shared == 0 || shared == f || world.rng.random_range(0..f) >= shared {
                continue;
            }
            let differing: Vec<usize> = (0..f)
                .filter(|k| world.culture[site * f + k] != world.culture[other * f + k])
                .collect();
            let k = differing[world.rng.random_range(0..differing.len())];
            world.culture[site * f + k] = world.culture[other * f + k];
        }
    }
}

const EMPTY: u8 = u8::MAX;

struct SchellingWorld {
    side: usize,
    homophily: f64,
    seed: u64,
    cells: Vec<u8>,
    position: Vec<usize>,
    kind: Vec<u8>,
    happy: Vec<bool>,
    happy_count: usize,
    empty: Vec<usize>,
    rng: Pcg64,
}

impl SchellingWorld {
    fn assess(&mut self) {
        self.happy_count = 0;
        let s = self.side as isize;
        for agent in 0..self.position.len() {
            let (x, y) = (
                (self.position[agent] % self.side) as isize,
                (self.position[agent] / self.side) as isize,
            );
            let (mut same, mut occupied) = (0, 0);
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (nx, ny) = (x + dx, y + dy);
                    if (dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= s || ny >= s {
                        continue;
                    }
                    let other = self.cells[(ny * s + nx) as usize];
                    if other != EMPTY {
                        occupied += 1;
                        same += usize::from(other == self.kind[agent]);
                    }
                }
            }
            let share = if occupied > 0 {
                same as f64 / occupied as f64
            } else {
                0.0
            };
            self.happy[agent] = share >= self.homophily;
            self.happy_count += usize::from(self.happy[agent]);
        }
    }
}

impl State for SchellingWorld {
    fn init(&mut self, schedule: &mut Schedule) {
        self.rng = Pcg64::seed_from_u64(self.seed);
        let n = self.side * self.side;
        self.cells = vec![EMPTY; n];
        for cell in 0..n {
            if self.rng.random::<f64>() < 0.8 {
                let kind = u8::from(self.rng.random::<f64>() < 0.5);
                self.cells[cell] = kind;
                schedule.schedule_repeating(
                    Box::new(SchellingAgent {
                        id: self.position.len(),
                    }),
                    0.0,
                    0,
                );
                self.position.push(cell);
                self.kind.push(kind);
            } else {
                self.empty.push(cell);
            }
        }
        self.happy = vec![false; self.position.len()];
        self.assess();
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_state_mut(&mut self) -> &mut dyn State {
        self
    }
    fn as_state(&self) -> &dyn State {
        self
    }
    fn reset(&mut self) {}
    fn update(&mut self, _step: u64) {}
    fn after_step(&mut self, _schedule: &mut Schedule) {
        self.assess();
    }
    fn end_condition(&mut self, _schedule: &mut Schedule) -> bool {
        self.happy_count == self.position.len()
    }
}

#[derive(Clone)]
struct SchellingAgent {
    id: usize,
}

impl Agent for SchellingAgent {
    fn step(&mut self, state: &mut dyn State) {
        let world = state
            .as_any_mut()
            .downcast_mut::<SchellingWorld>()
            .expect("schelling world");
        if world.happy[self.id] || world.empty.is_empty() {
            return;
        }
        let slot = world.rng.random_range(0..world.empty.len());
        let target = world.empty[slot];
        let from = world.position[self.id];
        world.empty[slot] = from;
        world.cells[from] = EMPTY;
        world.cells[target] = world.kind[self.id];
        world.position[self.id] = target;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = args[1].as_str();
    let runs: u64 = args[2].parse().expect("RUNS");
    let side: usize = args[3].parse().expect("SIDE");
    let started = Instant::now();
    let (mut steps, mut events, mut total) = (0u64, 0u64, 0.0);
    for seed in 0..runs {
        let mut schedule = Schedule::new();
        if model == "culture" {
            let mut world = CultureWorld::new(
                side,
                args[4].parse().expect("F"),
                args[5].parse().expect("q"),
                seed,
            );
            world.init(&mut schedule);
            loop {
                schedule.step(&mut world);
                steps += 1;
                if world.end_condition(&mut schedule) {
                    break;
                }
            }
            events += world.events;
            total += world.regions() as f64;
        } else {
            let max_steps: u64 = args[4].parse().expect("STEPS");
            let mut world = SchellingWorld {
                side,
                homophily: args[5].parse().expect("HOMOPHILY"),
                seed,
                cells: Vec::new(),
                position: Vec::new(),
                kind: Vec::new(),
                happy: Vec::new(),
                happy_count: 0,
                empty: Vec::new(),
                rng: Pcg64::seed_from_u64(seed),
            };
            world.init(&mut schedule);
            for _ in 0..max_steps {
                if world.end_condition(&mut schedule) {
                    break;
                }
                schedule.step(&mut world);
                steps += 1;
                events += world.position.len() as u64;
            }
            total += world.happy_count as f64 / world.position.len() as f64;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"engine\": \"krABMaga 0.6.2\", \"model\": \"{model}\", \"runs\": {runs}, \"seconds\": {seconds}, \"steps\": {steps}, \"events\": {events}, \"mean_output\": {}}}",
        total / runs as f64
    );
}
