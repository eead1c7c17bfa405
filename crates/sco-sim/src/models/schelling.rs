//! Schelling's segregation model on a grid (model `schelling`), for benchmarking.
//!
//! Source: Thomas C. Schelling, "Dynamic Models of Segregation", Journal of Mathematical
//! Sociology 1(2), 1971, 143–186. Parameters and update rule follow the Schelling example
//! shipped with Mesa 3.3.1 (`mesa/examples/basic/schelling`), so the benchmark against Mesa
//! compares the same model: each cell of a `width × height` grid (not wrapped unless
//! `torus`) is occupied with probability `density`, by a minority agent with probability
//! `minority_pc`. An agent is happy when the share of same-type agents among the occupied
//! cells within Moore `radius` is at least `homophily` (with no neighbours the share is 0).
//!
//! A step has two phases, as Mesa's staged version: `move` (agents in a fresh random order;
//! those unhappy at the end of the previous step move to a random empty cell) and `assess`
//! (every agent re-evaluates happiness on the new grid). The run stops when all are happy.

use rand::seq::SliceRandom;
use rand::Rng;

use crate::model::{AgentRows, Model, StepContext};
use crate::params::{ParamError, ParamSet, ParamSpec};
use crate::registry::ModelEntry;
use crate::rng::{uniform_below, SimRng};
use crate::value::{Column, Value};

const MESA: &str = "Mesa 3.3.1 Schelling example defaults";

/// The registry entry of the Schelling model.
pub fn entry() -> ModelEntry {
    ModelEntry::new(
        "schelling",
        "Schelling (1971) segregation on a grid, Mesa 3.3.1 example rules; stops when everyone is happy",
        vec![
            ParamSpec::int("width", 1, 5000, 20, "grid width in cells", MESA),
            ParamSpec::int("height", 1, 5000, 20, "grid height in cells", MESA),
            ParamSpec::float("density", 0.0, 1.0, 0.8, "probability that a cell starts occupied", MESA),
            ParamSpec::float("minority_pc", 0.0, 1.0, 0.5, "probability that an agent is of the minority type", MESA),
            ParamSpec::float("homophily", 0.0, 1.0, 0.4, "minimum share of same-type neighbours for happiness", MESA),
            ParamSpec::int("radius", 1, 10, 1, "Moore neighbourhood radius", MESA),
            ParamSpec::bool("torus", false, "wrap the grid at its edges", MESA),
        ],
        1000,
        |params, rng| Ok(Box::new(Schelling::new(params, rng)?)),
    )
}

const EMPTY: u8 = u8::MAX;

/// Schelling's model with Mesa's staged update.
#[derive(Debug, Clone)]
pub struct Schelling {
    width: usize,
    height: usize,
    radius: usize,
    torus: bool,
    homophily: f64,
    /// Agent type per cell, or `EMPTY`.
    cells: Vec<u8>,
    /// Cell of each agent.
    position: Vec<u32>,
    kind: Vec<u8>,
    happy: Vec<bool>,
    happy_count: usize,
    similar_share_sum: f64,
    empty_cells: Vec<u32>,
    order: Vec<usize>,
}

impl Schelling {
    /// A random initial grid, with happiness assessed (as Mesa does before step 1).
    pub fn new(params: &ParamSet, rng: &mut SimRng) -> Result<Self, ParamError> {
        let width = params.int("width")? as usize;
        let height = params.int("height")? as usize;
        let density = params.float("density")?;
        let minority = params.float("minority_pc")?;
        let mut model = Schelling {
            width,
            height,
            radius: params.int("radius")? as usize,
            torus: params.bool("torus")?,
            homophily: params.float("homophily")?,
            cells: vec![EMPTY; width * height],
            position: Vec::new(),
            kind: Vec::new(),
            happy: Vec::new(),
            happy_count: 0,
            similar_share_sum: 0.0,
            empty_cells: Vec::new(),
            order: Vec::new(),
        };
        for cell in 0..width * height {
            if rng.random::<f64>() < density {
                let kind = u8::from(rng.random::<f64>() < minority);
                model.cells[cell] = kind;
                model.position.push(cell as u32);
                model.kind.push(kind);
            } else {
                model.empty_cells.push(cell as u32);
            }
        }
        if model.empty_cells.is_empty() && !model.position.is_empty() {
            return Err(ParamError::Inconsistent(
                "the grid has no empty cell, so unhappy agents could never move; lower `density`"
                    .to_owned(),
            ));
        }
        model.happy = vec![false; model.position.len()];
        model.assess();
        Ok(model)
    }

    /// (same-type neighbours, occupied neighbours) of an agent.
    fn neighbourhood(&self, agent: usize) -> (usize, usize) {
        let cell = self.position[agent] as usize;
        let (x, y) = ((cell % self.width) as isize, (cell / self.width) as isize);
        let (w, h, r) = (
            self.width as isize,
            self.height as isize,
            self.radius as isize,
        );
        let mine = self.kind[agent];
        let (mut same, mut occupied) = (0, 0);
        for dy in -r..=r {
            for dx in -r..=r {
                if dx == 0 && dy == 0 {
                    continue;
                }
                let (mut nx, mut ny) = (x + dx, y + dy);
                if self.torus {
                    nx = nx.rem_euclid(w);
                    ny = ny.rem_euclid(h);
                    if nx == x && ny == y {
                        continue;
                    }
                } else if nx < 0 || ny < 0 || nx >= w || ny >= h {
                    continue;
                }
                let other = self.cells[(ny * w + nx) as usize];
                if other != EMPTY {
                    occupied += 1;
                    same += usize::from(other == mine);
                }
            }
        }
        (same, occupied)
    }

    fn assess(&mut self) {
        self.happy_count = 0;
        self.similar_share_sum = 0.0;
        for agent in 0..self.position.len() {
            let (same, occupied) = self.neighbourhood(agent);
            let share = if occupied > 0 {
                same as f64 / occupied as f64
            } else {
                0.0
            };
            let happy = share >= self.homophily;
            self.happy[agent] = happy;
            self.happy_count += usize::from(happy);
            self.similar_share_sum += share;
        }
    }

    fn move_unhappy(&mut self, rng: &mut SimRng) {
        self.order.clear();
        self.order.extend(0..self.position.len());
        self.order.shuffle(rng);
        for i in 0..self.order.len() {
            let agent = self.order[i];
            if self.happy[agent] || self.empty_cells.is_empty() {
                continue;
            }
            let slot = uniform_below(rng, self.empty_cells.len() as u32) as usize;
            let target = self.empty_cells[slot];
            let from = self.position[agent];
            self.empty_cells[slot] = from;
            self.cells[from as usize] = EMPTY;
            self.cells[target as usize] = self.kind[agent];
            self.position[agent] = target;
        }
    }

    fn agents(&self) -> usize {
        self.position.len()
    }
}

impl Model for Schelling {
    fn phases(&self) -> &[&'static str] {
        &["move", "assess"]
    }

    fn run_phase(&mut self, phase: usize, ctx: &mut StepContext<'_>) {
        match phase {
            0 => self.move_unhappy(ctx.rng),
            _ => self.assess(),
        }
    }

    fn running(&self) -> bool {
        self.happy_count < self.agents()
    }

    fn model_columns(&self) -> Vec<Column> {
        vec![
            Column::int("happy", "happy agents"),
            Column::float("pct_happy", "happy agents, percent of all agents"),
            Column::int("population", "agents"),
            Column::float("minority_pct", "minority agents, percent of all agents"),
            Column::float(
                "similarity",
                "mean share of same-type agents among occupied neighbours",
            ),
        ]
    }

    fn report_model(&self, row: &mut Vec<Value>) {
        let n = self.agents();
        let pct = |k: usize| {
            if n > 0 {
                k as f64 / n as f64 * 100.0
            } else {
                0.0
            }
        };
        let minority = self.kind.iter().filter(|k| **k == 1).count();
        row.extend([
            Value::Int(self.happy_count as i64),
            Value::Float(pct(self.happy_count)),
            Value::Int(n as i64),
            Value::Float(pct(minority)),
            Value::Float(if n > 0 {
                self.similar_share_sum / n as f64
            } else {
                0.0
            }),
        ]);
    }

    fn agent_columns(&self) -> Vec<Column> {
        vec![
            Column::int("x", "column of the agent's cell"),
            Column::int("y", "row of the agent's cell"),
            Column::int("agent_type", "1 = minority, 0 = majority"),
            Column::bool(
                "happy",
                "share of same-type neighbours at least `homophily`",
            ),
        ]
    }

    fn report_agents(&self, rows: &mut AgentRows) {
        for agent in 0..self.agents() {
            let cell = self.position[agent] as usize;
            rows.push(
                agent as i64,
                [
                    Value::Int((cell % self.width) as i64),
                    Value::Int((cell / self.width) as i64),
                    Value::Int(i64::from(self.kind[agent])),
                    Value::Bool(self.happy[agent]),
                ],
            );
        }
    }

    fn output_columns(&self) -> Vec<Column> {
        vec![
            Column::float("pct_happy", "happy agents at the end, percent"),
            Column::float(
                "similarity",
                "mean share of same-type neighbours at the end (segregation)",
            ),
            Column::bool(
                "all_happy",
                "true when the run ended with every agent happy",
            ),
            Column::int("population", "agents"),
        ]
    }

    fn outputs(&self, row: &mut Vec<Value>) {
        let mut report = Vec::new();
        self.report_model(&mut report);
        row.extend([
            report[1].clone(),
            report[4].clone(),
            Value::Bool(!self.running()),
            Value::Int(self.agents() as i64),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::rng_from_seed;

    #[test]
    fn moving_keeps_agents_and_cells_consistent_and_segregates() {
        let entry = entry();
        let params = ParamSet::defaults(&entry.params);
        let mut rng = rng_from_seed(3);
        let mut m = Schelling::new(&params, &mut rng).unwrap();
        let start_similarity = m.similar_share_sum / m.agents() as f64;
        for _ in 0..30 {
            m.move_unhappy(&mut rng);
            m.assess();
        }
        let occupied = m.cells.iter().filter(|c| **c != EMPTY).count();
        assert_eq!(occupied, m.agents());
        assert_eq!(occupied + m.empty_cells.len(), 400);
        for (agent, cell) in m.position.iter().enumerate() {
            assert_eq!(m.cells[*cell as usize], m.kind[agent]);
        }
        let end_similarity = m.similar_share_sum / m.agents() as f64;
        assert!(
            end_similarity > start_similarity + 0.1,
            "{start_similarity} -> {end_similarity}"
        );
    }

    #[test]
    fn a_full_grid_is_refused() {
        let entry = entry();
        let mut params = ParamSet::defaults(&entry.params);
        params
            .set(&entry.params, "density", Value::Float(1.0))
            .unwrap();
        assert!(Schelling::new(&params, &mut rng_from_seed(1)).is_err());
    }
}
