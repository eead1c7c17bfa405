"""Axelrod's culture model and Schelling's segregation model written for Mesa 3.3.1,
the way a Mesa user would (CellAgent on an orthogonal grid, AgentSet activation), for the
side-by-side benchmark in docs/benchmarks.md (run by bench/run_abm_bench.sh).

Same rules as the sco-sim models `culture` and `schelling` (see crates/sco-sim/src/models/):
- culture: non-wrapped von Neumann grid; one step = width*height events, each picking a
  random site and a random neighbour, interacting with probability overlap/features and
  copying one differing trait; the run stops when no neighbouring pair has
  0 < overlap < features (checked after every step, as a Mesa user would, by scanning pairs).
- schelling: Mesa's own example rules (move unhappy agents in random order to a random
  empty cell, then re-assess everyone); no DataCollector, to time the model alone.

Usage: python3 mesa_models.py culture RUNS SIDE FEATURES TRAITS
       python3 mesa_models.py schelling RUNS SIDE STEPS HOMOPHILY
Prints one JSON line with the timing.
"""

import json
import sys
import time

import mesa
from mesa.discrete_space import CellAgent, OrthogonalMooreGrid, OrthogonalVonNeumannGrid


class Site(CellAgent):
    def __init__(self, model, cell, features, traits):
        super().__init__(model)
        self.cell = cell
        self.culture = [model.random.randrange(traits) for _ in range(features)]
        self.neighbours = []

    def interact(self):
        other = self.random.choice(self.neighbours)
        features = len(self.culture)
        differing = [f for f in range(features) if self.culture[f] != other.culture[f]]
        shared = features - len(differing)
        if shared == 0 or shared == features:
            return
        if self.random.randrange(features) < shared:
            f = self.random.choice(differing)
            self.culture[f] = other.culture[f]


class Culture(mesa.Model):
    def __init__(self, side=10, features=5, traits=15, seed=None):
        super().__init__(seed=seed)
        self.grid = OrthogonalVonNeumannGrid((side, side), torus=False, capacity=1, random=self.random)
        self.sites = [Site(self, cell, features, traits) for cell in self.grid.all_cells]
        for site in self.sites:
            site.neighbours = list(site.cell.neighborhood.agents)
        self.events = 0

    def active_pairs(self):
        features = len(self.sites[0].culture)
        count = 0
        for site in self.sites:
            for other in site.neighbours:
                shared = sum(1 for a, b in zip(site.culture, other.culture) if a == b)
                if 0 < shared < features:
                    count += 1
        return count // 2

    def step(self):
        for _ in range(len(self.sites)):
            self.random.choice(self.sites).interact()
            self.events += 1
        self.running = self.active_pairs() > 0

    def regions(self):
        seen = set()
        regions = 0
        for start in self.sites:
            if start in seen:
                continue
            regions += 1
            stack = [start]
            seen.add(start)
            while stack:
                site = stack.pop()
                for other in site.neighbours:
                    if other not in seen and other.culture == site.culture:
                        seen.add(other)
                        stack.append(other)
        return regions


class SchellingAgent(CellAgent):
    def __init__(self, model, cell, agent_type, homophily):
        super().__init__(model)
        self.cell = cell
        self.type = agent_type
        self.homophily = homophily
        self.happy = False

    def assign_state(self):
        neighbours = list(self.cell.neighborhood.agents)
        similar = sum(1 for n in neighbours if n.type == self.type)
        share = similar / len(neighbours) if neighbours else 0.0
        self.happy = share >= self.homophily
        if self.happy:
            self.model.happy += 1

    def step(self):
        if not self.happy:
            self.cell = self.model.grid.select_random_empty_cell()


class Schelling(mesa.Model):
    def __init__(self, side=100, density=0.8, minority_pc=0.5, homophily=0.4, seed=None):
        super().__init__(seed=seed)
        self.grid = OrthogonalMooreGrid((side, side), torus=False, capacity=1, random=self.random)
        self.happy = 0
        for cell in self.grid.all_cells:
            if self.random.random() < density:
                agent_type = 1 if self.random.random() < minority_pc else 0
                SchellingAgent(self, cell, agent_type, homophily)
        self.agents.do("assign_state")

    def step(self):
        self.happy = 0
        self.agents.shuffle_do("step")
        self.agents.do("assign_state")
        self.running = self.happy < len(self.agents)


def main():
    model, runs, side = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    started = time.perf_counter()
    steps = events = 0
    outputs = []
    if model == "culture":
        features, traits = int(sys.argv[4]), int(sys.argv[5])
        for seed in range(runs):
            m = Culture(side, features, traits, seed=seed)
            while m.running:
                m.step()
                steps += 1
            events += m.events
            outputs.append(m.regions())
    else:
        max_steps, homophily = int(sys.argv[4]), float(sys.argv[5])
        for seed in range(runs):
            m = Schelling(side, homophily=homophily, seed=seed)
            for _ in range(max_steps):
                if not m.running:
                    break
                m.step()
                steps += 1
                events += len(m.agents)
            outputs.append(m.happy / len(m.agents))
    seconds = time.perf_counter() - started
    print(json.dumps({"engine": f"Mesa {mesa.__version__}", "model": model, "runs": runs, "seconds": seconds,
                      "steps": steps, "events": events, "mean_output": sum(outputs) / len(outputs)}))


if __name__ == "__main__":
    main()
