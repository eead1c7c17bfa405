//! Axelrod's model of the dissemination of culture (model `culture`).
//!
//! Source: Robert Axelrod, "The Dissemination of Culture: A Model with Local Convergence
//! and Global Polarization", Journal of Conflict Resolution 41(2), 1997, 203–226.
//! Each site of a `width × height` grid (not wrapped: edge sites have fewer neighbours)
//! holds a culture of `features` features, each taking one of `traits` traits, drawn
//! uniformly at the start. An event picks a random site and a random von Neumann neighbour;
//! with probability equal to their share of equal features, the site copies the neighbour's
//! trait on one feature (chosen at random) where they differ. The process is absorbed when
//! every neighbouring pair is either identical or totally different; then the number of
//! stable regions (connected areas of identical culture) is the model's result.
//!
//! One engine step is `width × height` events (one event per site on average, sites drawn
//! with replacement, as Axelrod's event-by-event updating). The overlap of every
//! neighbouring pair is kept up to date, as is the count of "active" pairs (overlap strictly
//! between 0 and `features`), so absorption is checked in constant time after each event.

use std::cell::{Cell, RefCell};

use rand::Rng;

use crate::model::{AgentRows, Model, StepContext};
use crate::params::{ParamError, ParamSet, ParamSpec};
use crate::registry::ModelEntry;
use crate::rng::{uniform_below, SimRng};
use crate::scenario::CollectSpec;
use crate::value::{Column, Value};

const SOURCE: &str = "Axelrod (1997), J. Conflict Resolution 41(2):203-226";

/// The registry entry of the culture model.
pub fn entry() -> ModelEntry {
    ModelEntry::new(
        "culture",
        "Axelrod (1997) dissemination of culture on a grid, run until absorbed; output: stable regions",
        vec![
            ParamSpec::int("features", 1, 64, 5, "cultural features per site", SOURCE),
            ParamSpec::int("traits", 2, 1000, 10, "traits each feature can take", SOURCE),
            ParamSpec::int("width", 1, 2000, 10, "grid width in sites (10 in Axelrod's Table 1)", SOURCE),
            ParamSpec::int("height", 1, 2000, 10, "grid height in sites (10 in Axelrod's Table 1)", SOURCE),
        ],
        1_000_000,
        |params, rng| Ok(Box::new(Culture::new(params, rng)?)),
    )
    // Runs last thousands of steps (one step = one event per site), and a row per step
    // would outweigh the run: record every 10th step (and always the first and the last).
    .with_default_collect(CollectSpec {
        model_every: 10,
        agents_every: 0,
    })
}

/// Axelrod's culture model on a non-wrapped grid.
#[derive(Debug, Clone)]
pub struct Culture {
    width: usize,
    height: usize,
    features: usize,
    /// Traits, `features` per site, site-major.
    traits: Vec<u16>,
    /// Up to four (neighbour, edge) pairs per site; `degree` says how many are used.
    links: Vec<[(u32, u32); 4]>,
    degree: Vec<u8>,
    /// Number of equal features of each neighbouring pair (edge).
    overlap: Vec<u16>,
    /// Edges with overlap strictly between 0 and `features`.
    active_edges: usize,
    events: u64,
    changes: u64,
    /// Bumped whenever a pair becomes or stops being identical (overlap = `features`): the
    /// regions can only change then.
    identity_version: u64,
    /// The last region count and the `identity_version` it was made at, so that recorded
    /// rows between two changes of identity do not recount.
    regions_cache: Cell<(u64, usize)>,
    /// Buffers of the region count (visited marks and the search stack), kept between counts.
    regions_scratch: RefCell<(Vec<bool>, Vec<u32>)>,
}

impl Culture {
    /// A random initial grid.
    pub fn new(params: &ParamSet, rng: &mut SimRng) -> Result<Self, ParamError> {
        let features = params.int("features")? as usize;
        let trait_count = params.int("traits")? as u16;
        let width = params.int("width")? as usize;
        let height = params.int("height")? as usize;
        let sites = width * height;
        if sites > u32::MAX as usize / 2 {
            return Err(ParamError::Inconsistent(format!(
                "a {width} x {height} grid is too large"
            )));
        }
        let traits: Vec<u16> = (0..sites * features)
            .map(|_| rng.random_range(0..trait_count))
            .collect();
        let mut links = vec![[(0u32, 0u32); 4]; sites];
        let mut degree = vec![0u8; sites];
        let mut edges: Vec<(usize, usize)> = Vec::with_capacity(2 * sites);
        for y in 0..height {
            for x in 0..width {
                let site = y * width + x;
                if x + 1 < width {
                    edges.push((site, site + 1));
                }
                if y + 1 < height {
                    edges.push((site, site + width));
                }
            }
        }
        for (edge, &(a, b)) in edges.iter().enumerate() {
            links[a][degree[a] as usize] = (b as u32, edge as u32);
            degree[a] += 1;
            links[b][degree[b] as usize] = (a as u32, edge as u32);
            degree[b] += 1;
        }
        let mut model = Culture {
            width,
            height,
            features,
            traits,
            links,
            degree,
            overlap: vec![0; edges.len()],
            active_edges: 0,
            events: 0,
            changes: 0,
            identity_version: 0,
            regions_cache: Cell::new((u64::MAX, 0)),
            regions_scratch: RefCell::new((Vec::new(), Vec::new())),
        };
        for (edge, &(a, b)) in edges.iter().enumerate() {
            let shared = model.shared_features(a, b) as u16;
            model.overlap[edge] = shared;
            if model.is_active(shared) {
                model.active_edges += 1;
            }
        }
        Ok(model)
    }

    fn culture(&self, site: usize) -> &[u16] {
        &self.traits[site * self.features..(site + 1) * self.features]
    }

    fn shared_features(&self, a: usize, b: usize) -> usize {
        self.culture(a)
            .iter()
            .zip(self.culture(b))
            .filter(|(x, y)| x == y)
            .count()
    }

    fn is_active(&self, overlap: u16) -> bool {
        overlap > 0 && (overlap as usize) < self.features
    }

    /// True when no neighbouring pair can interact any more.
    pub fn absorbed(&self) -> bool {
        self.active_edges == 0
    }

    /// One Axelrod event.
    fn event(&mut self, rng: &mut SimRng) {
        self.events += 1;
        let sites = self.degree.len();
        let site = uniform_below(rng, sites as u32) as usize;
        let degree = self.degree[site] as usize;
        if degree == 0 {
            return;
        }
        let (neighbour, edge) = self.links[site][uniform_below(rng, degree as u32) as usize];
        let (neighbour, edge) = (neighbour as usize, edge as usize);
        let shared = self.overlap[edge] as usize;
        if shared == 0 || shared == self.features {
            return;
        }
        // Interact with probability shared / features.
        if (uniform_below(rng, self.features as u32) as usize) >= shared {
            return;
        }
        // Copy the neighbour's trait on a random feature where they differ.
        let mut pick = uniform_below(rng, (self.features - shared) as u32);
        let base = site * self.features;
        let other = neighbour * self.features;
        let mut feature = 0;
        for f in 0..self.features {
            if self.traits[base + f] != self.traits[other + f] {
                if pick == 0 {
                    feature = f;
                    break;
                }
                pick -= 1;
            }
        }
        let old = self.traits[base + feature];
        let new = self.traits[other + feature];
        self.traits[base + feature] = new;
        self.changes += 1;
        for k in 0..degree {
            let (m, e) = self.links[site][k];
            let theirs = self.traits[m as usize * self.features + feature];
            let before = self.overlap[e as usize];
            let after = before + u16::from(theirs == new) - u16::from(theirs == old);
            if before != after {
                self.overlap[e as usize] = after;
                if before as usize == self.features || after as usize == self.features {
                    self.identity_version += 1;
                }
                match (self.is_active(before), self.is_active(after)) {
                    (true, false) => self.active_edges -= 1,
                    (false, true) => self.active_edges += 1,
                    _ => {}
                }
            }
        }
    }

    /// Number of connected areas of identical culture (von Neumann adjacency). Counted by a
    /// search over identical pairs, but only when some pair became or stopped being identical
    /// since the last count; otherwise the last count is returned.
    pub fn regions(&self) -> usize {
        let (version, count) = self.regions_cache.get();
        if version == self.identity_version {
            return count;
        }
        let count = self.count_regions();
        self.regions_cache.set((self.identity_version, count));
        count
    }

    fn count_regions(&self) -> usize {
        let sites = self.degree.len();
        let mut scratch = self.regions_scratch.borrow_mut();
        let (seen, stack) = &mut *scratch;
        seen.clear();
        seen.resize(sites, false);
        stack.clear();
        let mut regions = 0;
        for start in 0..sites {
            if seen[start] {
                continue;
            }
            regions += 1;
            seen[start] = true;
            stack.push(start as u32);
            while let Some(site) = stack.pop() {
                let site = site as usize;
                for &(m, e) in &self.links[site][..self.degree[site] as usize] {
                    if !seen[m as usize] && self.overlap[e as usize] as usize == self.features {
                        seen[m as usize] = true;
                        stack.push(m);
                    }
                }
            }
        }
        regions
    }

    /// Number of distinct cultures present anywhere on the grid.
    pub fn distinct_cultures(&self) -> usize {
        let mut cultures: Vec<&[u16]> = (0..self.degree.len()).map(|s| self.culture(s)).collect();
        cultures.sort_unstable();
        cultures.dedup();
        cultures.len()
    }
}

impl Model for Culture {
    fn run_phase(&mut self, _phase: usize, ctx: &mut StepContext<'_>) {
        for _ in 0..self.degree.len() {
            if self.absorbed() {
                break;
            }
            self.event(ctx.rng);
        }
    }

    fn running(&self) -> bool {
        !self.absorbed()
    }

    fn model_columns(&self) -> Vec<Column> {
        vec![
            Column::int("events", "events so far (site activations)"),
            Column::int("changes", "events so far in which a trait was copied"),
            Column::int(
                "active_pairs",
                "neighbouring pairs that can still interact (0 < overlap < features)",
            ),
            Column::int("regions", "connected areas of identical culture"),
        ]
    }

    fn report_model(&self, row: &mut Vec<Value>) {
        row.extend([
            Value::Int(self.events as i64),
            Value::Int(self.changes as i64),
            Value::Int(self.active_edges as i64),
            Value::Int(self.regions() as i64),
        ]);
    }

    fn agent_columns(&self) -> Vec<Column> {
        vec![
            Column::int("x", "column of the site"),
            Column::int("y", "row of the site"),
            Column::text(
                "culture",
                "traits of the site's features, separated by dashes",
            ),
        ]
    }

    fn report_agents(&self, rows: &mut AgentRows) {
        for site in 0..self.width * self.height {
            let culture = self
                .culture(site)
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join("-");
            rows.push(
                site as i64,
                [
                    Value::Int((site % self.width) as i64),
                    Value::Int((site / self.width) as i64),
                    Value::Text(culture),
                ],
            );
        }
    }

    fn output_columns(&self) -> Vec<Column> {
        vec![
            Column::int(
                "regions",
                "stable regions at the end: connected areas of identical culture",
            ),
            Column::int("cultures", "distinct cultures at the end"),
            Column::bool(
                "absorbed",
                "true when no neighbouring pair can interact any more",
            ),
            Column::int("events", "events until the end"),
        ]
    }

    fn outputs(&self, row: &mut Vec<Value>) {
        row.extend([
            Value::Int(self.regions() as i64),
            Value::Int(self.distinct_cultures() as i64),
            Value::Bool(self.absorbed()),
            Value::Int(self.events as i64),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::rng_from_seed;

    fn model(features: i64, traits: i64, side: i64, seed: u64) -> Culture {
        let entry = entry();
        let mut params = ParamSet::defaults(&entry.params);
        params
            .set(&entry.params, "features", Value::Int(features))
            .unwrap();
        params
            .set(&entry.params, "traits", Value::Int(traits))
            .unwrap();
        params
            .set(&entry.params, "width", Value::Int(side))
            .unwrap();
        params
            .set(&entry.params, "height", Value::Int(side))
            .unwrap();
        Culture::new(&params, &mut rng_from_seed(seed)).unwrap()
    }

    #[test]
    fn incremental_overlaps_match_a_full_recount() {
        let mut m = model(5, 3, 6, 9);
        let mut rng = rng_from_seed(10);
        for _ in 0..2000 {
            m.event(&mut rng);
        }
        let mut active = 0;
        for site in 0..36 {
            for &(n, e) in &m.links[site][..m.degree[site] as usize] {
                assert_eq!(
                    m.overlap[e as usize] as usize,
                    m.shared_features(site, n as usize)
                );
                if (n as usize) > site && m.is_active(m.overlap[e as usize]) {
                    active += 1;
                }
            }
        }
        assert_eq!(active, m.active_edges);
        assert!(m.changes > 0);
    }

    #[test]
    fn the_kept_region_count_equals_a_fresh_count_after_every_event() {
        // Few traits, so that pairs often become and stop being identical.
        let mut m = model(2, 2, 7, 4);
        let mut rng = rng_from_seed(5);
        let mut recounts = 0;
        for _ in 0..5000 {
            let version = m.identity_version;
            m.event(&mut rng);
            if m.identity_version != version {
                recounts += 1;
            }
            assert_eq!(m.regions(), m.count_regions());
        }
        assert!(recounts > 10 && recounts < 5000, "{recounts}");
    }

    #[test]
    fn absorbed_grid_has_only_identical_or_opposite_neighbours() {
        let mut m = model(3, 4, 5, 1);
        let mut rng = rng_from_seed(2);
        while !m.absorbed() {
            m.event(&mut rng);
        }
        for site in 0..25 {
            for &(n, _) in &m.links[site][..m.degree[site] as usize] {
                let shared = m.shared_features(site, n as usize);
                assert!(shared == 0 || shared == 3);
            }
        }
        assert!(m.regions() >= m.distinct_cultures());
    }

    #[test]
    fn regions_follow_grid_adjacency_not_wrapping() {
        // One row of four sites: A B A A has three regions, not two (no wrap-around).
        let mut params = ParamSet::defaults(&entry().params);
        params.set(&entry().params, "width", Value::Int(4)).unwrap();
        params
            .set(&entry().params, "height", Value::Int(1))
            .unwrap();
        params
            .set(&entry().params, "features", Value::Int(1))
            .unwrap();
        params
            .set(&entry().params, "traits", Value::Int(2))
            .unwrap();
        let mut line = Culture::new(&params, &mut rng_from_seed(0)).unwrap();
        line.traits = vec![0, 1, 0, 0];
        for (edge, (a, b)) in [(0usize, 1usize), (1, 2), (2, 3)].into_iter().enumerate() {
            line.overlap[edge] = line.shared_features(a, b) as u16;
        }
        assert_eq!(line.regions(), 3);
        assert_eq!(line.distinct_cultures(), 2);
    }
}
