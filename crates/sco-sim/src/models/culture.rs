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
    /// The number of regions, kept up to date event by event from the first time it is asked
    /// for (a run that records rows asks at step 0; a sweep run asks only at its end, and so
    /// pays nothing during its events).
    tracked_regions: Cell<Option<usize>>,
    /// Buffers of the full region count (visited marks and the search stack).
    regions_scratch: RefCell<(Vec<bool>, Vec<u32>)>,
    /// Buffers of the local searches that keep `tracked_regions` up to date.
    search: SiteSearch,
}

/// Scratch space of the searches run when a site changes culture: visit stamps (a search
/// owns the sites stamped `query + its index`; older stamps are free) and one queue per search.
#[derive(Debug, Clone, Default)]
struct SiteSearch {
    stamps: Vec<u64>,
    query: u64,
    queues: [Vec<u32>; 4],
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
            tracked_regions: Cell::new(None),
            regions_scratch: RefCell::new((Vec::new(), Vec::new())),
            search: SiteSearch::default(),
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
        // Neighbours that were identical to the site and no longer are (`left`), and those
        // that have just become identical to it (`joined`).
        let (mut left, mut joined) = ([0u32; 4], [0u32; 4]);
        let (mut left_count, mut joined_count) = (0, 0);
        for k in 0..degree {
            let (m, e) = self.links[site][k];
            let theirs = self.traits[m as usize * self.features + feature];
            let before = self.overlap[e as usize];
            let after = before + u16::from(theirs == new) - u16::from(theirs == old);
            if before != after {
                self.overlap[e as usize] = after;
                if before as usize == self.features {
                    left[left_count] = m;
                    left_count += 1;
                } else if after as usize == self.features {
                    joined[joined_count] = m;
                    joined_count += 1;
                }
                match (self.is_active(before), self.is_active(after)) {
                    (true, false) => self.active_edges -= 1,
                    (false, true) => self.active_edges += 1,
                    _ => {}
                }
            }
        }
        if let Some(regions) = self.tracked_regions.get() {
            if left_count > 0 || joined_count > 0 {
                // The site's old region loses it and may fall apart into as many pieces as
                // the groups its former identical neighbours form without it; the site joins
                // (and so merges) the regions of its new identical neighbours, or stands alone.
                let pieces = self.groups_without(&left[..left_count], site);
                let merged = self.groups_without(&joined[..joined_count], site);
                self.tracked_regions.set(Some(regions + pieces - merged));
            }
        }
    }

    /// True when neighbouring sites `a` and `b` have identical cultures.
    fn identical(&self, a: usize, b: usize) -> bool {
        self.links[a][..self.degree[a] as usize]
            .iter()
            .any(|&(m, e)| m as usize == b && self.overlap[e as usize] as usize == self.features)
    }

    /// Into how many regions the `members` (neighbours of `excluded`, of one culture) fall
    /// when `excluded` is left out. Neighbours at a right angle are joined through their common
    /// corner when it has their culture; the groups left are told apart by searches from each,
    /// taken one site at a time in turn, which stop once at most one group is still growing,
    /// so their cost is bounded by the smaller regions, not the largest.
    fn groups_without(&mut self, members: &[u32], excluded: usize) -> usize {
        fn root(parent: &[usize; 4], mut i: usize) -> usize {
            while parent[i] != i {
                i = parent[i];
            }
            i
        }
        fn classes(parent: &[usize; 4], n: usize) -> usize {
            let mut roots = [usize::MAX; 4];
            let mut count = 0;
            for i in 0..n {
                let r = root(parent, i);
                if !roots[..count].contains(&r) {
                    roots[count] = r;
                    count += 1;
                }
            }
            count
        }
        let n = members.len();
        if n <= 1 {
            return n;
        }
        let mut parent = [0usize, 1, 2, 3];
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (members[i] as usize, members[j] as usize);
                // A corner shared by a and b other than `excluded` (none when opposite).
                let corner = self.links[a][..self.degree[a] as usize]
                    .iter()
                    .map(|&(m, _)| m as usize)
                    .any(|c| c != excluded && self.identical(a, c) && self.identical(c, b));
                if corner {
                    let (ri, rj) = (root(&parent, i), root(&parent, j));
                    parent[ri] = rj;
                }
            }
        }
        if classes(&parent, n) == 1 {
            return 1;
        }
        let sites = self.degree.len();
        let search = &mut self.search;
        if search.stamps.len() != sites {
            search.stamps = vec![0; sites];
            search.query = 0;
        }
        search.query += 8;
        let base = search.query;
        search.stamps[excluded] = base + 7;
        let mut head = [0usize; 4];
        let mut growing = [false; 4];
        for (i, &m) in members.iter().enumerate() {
            search.stamps[m as usize] = base + i as u64;
            search.queues[i].clear();
            search.queues[i].push(m);
            growing[i] = true;
        }
        loop {
            // Stop once at most one group (class) still has a growing search: a search that
            // ran out has met every search of its region on the way.
            let mut growing_roots = [usize::MAX; 4];
            let mut growing_classes = 0;
            for (i, &alive) in growing.iter().enumerate().take(n) {
                let r = root(&parent, i);
                if alive && !growing_roots[..growing_classes].contains(&r) {
                    growing_roots[growing_classes] = r;
                    growing_classes += 1;
                }
            }
            if growing_classes <= 1 {
                break;
            }
            for i in 0..n {
                if !growing[i] {
                    continue;
                }
                let Some(&site) = search.queues[i].get(head[i]) else {
                    growing[i] = false;
                    continue;
                };
                head[i] += 1;
                let site = site as usize;
                for &(m, e) in &self.links[site][..self.degree[site] as usize] {
                    if self.overlap[e as usize] as usize != self.features {
                        continue;
                    }
                    let stamp = search.stamps[m as usize];
                    if stamp < base {
                        search.stamps[m as usize] = base + i as u64;
                        search.queues[i].push(m);
                    } else if stamp != base + 7 {
                        let j = (stamp - base) as usize;
                        let (ri, rj) = (root(&parent, i), root(&parent, j));
                        if ri != rj {
                            parent[ri] = rj;
                        }
                    }
                }
            }
        }
        classes(&parent, n)
    }

    /// Number of connected areas of identical culture (von Neumann adjacency). The first call
    /// counts them by a search of the grid; from then on every event keeps the count up to date
    /// with searches around the site that changed, so recorded rows cost no search of the grid.
    pub fn regions(&self) -> usize {
        if let Some(count) = self.tracked_regions.get() {
            return count;
        }
        let count = self.count_regions();
        self.tracked_regions.set(Some(count));
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
        // Few features and traits, so that regions often split and merge; several grid shapes,
        // a line included (no corners to join neighbours).
        for (features, traits, width, height, seed) in [
            (2, 2, 7, 7, 4),
            (3, 2, 12, 9, 8),
            (2, 4, 10, 10, 1),
            (2, 3, 16, 1, 6),
            (5, 4, 6, 6, 2),
            (3, 3, 30, 30, 3),
        ] {
            let entry = entry();
            let mut params = ParamSet::defaults(&entry.params);
            for (name, value) in [
                ("features", features),
                ("traits", traits),
                ("width", width),
                ("height", height),
            ] {
                params.set(&entry.params, name, Value::Int(value)).unwrap();
            }
            let mut m = Culture::new(&params, &mut rng_from_seed(seed)).unwrap();
            let mut rng = rng_from_seed(seed + 100);
            assert_eq!(m.regions(), m.count_regions());
            let mut changes = 0;
            for _ in 0..20_000 {
                let before = m.regions();
                m.event(&mut rng);
                if m.regions() != before {
                    changes += 1;
                }
                assert_eq!(
                    m.regions(),
                    m.count_regions(),
                    "{features}x{traits} {width}x{height}"
                );
                if m.absorbed() {
                    break;
                }
            }
            assert!(
                changes > 5,
                "{features}x{traits} {width}x{height}: {changes}"
            );
        }
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
