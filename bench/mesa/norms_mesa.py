"""The SCO Twin's `norms` scenario (contest of norms in Central Asia) written in Mesa 3.3.

This is the model of `crates/sco-scenarios/src/norms/model.rs`, written the way a Mesa
user would write it: a `mesa.Model` holding `mesa.Agent`s, a `DataCollector` with model and
agent reporters, simultaneous updating by `agents.do("step")` then `agents.do("advance")`,
and a loop over seeds (optionally in a process pool) for the Monte Carlo. It exists to measure the Rust engine against
Mesa on the same model (see `norms_compare.py` and docs/benchmarks.md), and to cross-check
the Rust model: with noise and parameter spread switched off both must give the same paths.

The inputs (V-Dem paths, EU pole, SCO statuses from the ledger, ties, trade shares, events)
are read from the JSON that `cargo run --release -p sco-scenarios --example norms_bench --
export FILE` writes, so both implementations read the same data. The protocol is
docs/simulation/norms-odd.md.

Usage: python norms_mesa.py INPUTS.json [RUNS] [PROCESSES]
"""

import functools
import json
import math
import statistics
import sys
import time

import mesa

DEFAULTS = {
    "start_year": 2001,
    "end_year": 2024,
    "socialisation_rate": 0.10,
    "similarity_width": 0.25,
    "observer_weight": 0.5,
    "dialogue_partner_weight": 0.25,
    "trade_weight": 0.5,
    "security_weight": 0.5,
    "osce_weight": 0.5,
    "eu_strategy_weight": 0.5,
    "insecurity_gain": 2.0,
    "insecurity_backlash": 1.0,
    "insecurity_half_life": 3.0,
    "regional_contagion": 0.5,
    "revolution_opening": 0.05,
    "noise_scale": 1.0,
    "parameter_spread": 0.5,
    "sco_socialisation": True,
    "western_socialisation": True,
    "insecurity": True,
    "trade_engagement": True,
    "security_ties": True,
}

POST_SOVIET = {"ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"}
MARGIN = 0.005


@functools.lru_cache(maxsize=None)
def load_inputs(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def logit(x):
    x = min(max(x, MARGIN), 1.0 - MARGIN)
    return math.log(x / (1.0 - x))


def logistic(z):
    return min(max(1.0 / (1.0 + math.exp(-z)), MARGIN), 1.0 - MARGIN)


def noise_mixture(inputs, start_year):
    """Small drift and rare jumps of logit(V-Dem), from the ten pre-sample years."""
    years = inputs["years"]
    changes = []
    for agent in inputs["agents"]:
        obs = dict(zip(years, agent["observed"]))
        for year in range(start_year - 9, start_year + 1):
            if obs.get(year) is not None and obs.get(year - 1) is not None:
                changes.append(logit(obs[year]) - logit(obs[year - 1]))
    if not changes:
        return 0.0, 0.0, 0.0
    med = statistics.median(changes)
    robust_sd = 1.4826 * statistics.median([abs(c - med) for c in changes])
    jumps = [c for c in changes if abs(c) > 3.0 * robust_sd]
    small = [c for c in changes if abs(c) <= 3.0 * robust_sd]

    def rms(xs):
        return math.sqrt(sum(x * x for x in xs) / len(xs)) if xs else 0.0

    return rms(small), len(jumps) / len(changes), rms(jumps)


class StateAgent(mesa.Agent):
    """A state with a normative position on the V-Dem scale."""

    def __init__(self, model, record):
        super().__init__(model)
        self.iso3 = record["iso3"]
        self.group = record["group"]
        self.post_soviet = record["post_soviet"]
        self.record = record
        self.position = self.observed_in(model.year)
        self.next_position = self.position
        self.sco_engagement = 0.0
        self.west_engagement = 0.0
        self.insecurity = 0.0

    def at(self, key, year):
        return self.record[key][year - self.model.first_year]

    def observed_in(self, year):
        return self.at("observed", year)

    def refresh(self, year):
        p = self.model.p
        status = self.at("status", year)
        ties = self.at("ties", year)
        trade = self.at("trade", year)
        weight_of_status = {"member": 1.0, "observer": p["observer_weight"],
                            "dialogue_partner": p["dialogue_partner_weight"]}.get(status, 0.0)
        s_sum, s_w = weight_of_status, 1.0
        w_sum = p["osce_weight"] * ties["osce"] + p["eu_strategy_weight"] * ties["eu_strategy"]
        w_w = p["osce_weight"] + p["eu_strategy_weight"]
        if p["security_ties"]:
            s_sum += p["security_weight"] * ties["sco_security"]
            s_w += p["security_weight"]
            w_sum += p["security_weight"] * ties["west_security"]
            w_w += p["security_weight"]
        if p["trade_engagement"]:
            s_sum += p["trade_weight"] * (trade["sco"] if trade else 0.0)
            s_w += p["trade_weight"]
            w_sum += p["trade_weight"] * (trade["eu"] if trade else 0.0)
            w_w += p["trade_weight"]
        self.sco_engagement = s_sum / s_w if s_w > 0 else 0.0
        self.west_engagement = w_sum / w_w if w_w > 0 else 0.0
        self.insecurity = self.insecurity_in(year)

    def insecurity_in(self, year):
        p = self.model.p
        if not p["insecurity"]:
            return 0.0
        total = 0.0
        for event in self.model.events:
            event_year = int(event["date"][:4])
            if event_year > year:
                break
            if event["state"] == self.iso3:
                weight = 1.0
            elif self.post_soviet and event["kind"] == "overthrow" and event["state"] in POST_SOVIET:
                weight = p["regional_contagion"]
            else:
                weight = 0.0
            if weight > 0.0:
                total += weight * 0.5 ** ((year - event_year) / p["insecurity_half_life"])
        return min(total, 1.0)

    def step(self):
        """Decide next year's position from this year's state of the world."""
        m, p, x = self.model, self.model.p, self.position
        similarity = lambda pole: math.exp(-abs(pole - x) / p["similarity_width"])  # noqa: E731
        g_sco = (p["socialisation_rate"] * self.sco_engagement * (1.0 + p["insecurity_gain"] * self.insecurity)
                 * similarity(m.sco_pole)) if p["sco_socialisation"] else 0.0
        g_west = (p["socialisation_rate"] * self.west_engagement * max(0.0, 1.0 - p["insecurity_backlash"] * self.insecurity)
                  * similarity(m.west_pole)) if p["western_socialisation"] else 0.0
        total = g_sco + g_west
        if total > 1.0:
            g_sco, g_west = g_sco / total, g_west / total
        nxt = x + g_sco * min(m.sco_pole - x, 0.0) + g_west * max(m.west_pole - x, 0.0)
        for event in m.events:
            if event["kind"] == "overthrow" and event["state"] == self.iso3 and int(event["date"][:4]) == m.year:
                nxt += p["revolution_opening"]
        shock = m.draw_noise()
        self.next_position = min(max(nxt, 0.0), 1.0) if shock == 0.0 else logistic(logit(nxt) + shock)

    def advance(self):
        self.position = self.next_position


class NormsModel(mesa.Model):
    """Central Asian states pulled between the SCO (Russia-China) and Western (EU) poles."""

    def __init__(self, inputs_path, seed=None, **params):
        super().__init__(seed=seed)
        inputs = load_inputs(inputs_path)
        self.p = dict(DEFAULTS, **params)
        spread = self.p["parameter_spread"]
        for key in ["socialisation_rate", "similarity_width", "insecurity_gain", "insecurity_backlash",
                    "regional_contagion", "revolution_opening"]:
            if spread > 0.0:
                self.p[key] *= self.random.uniform(1.0 - spread, 1.0 + spread)
        self.p["socialisation_rate"] = min(self.p["socialisation_rate"], 1.0)
        self.p["regional_contagion"] = min(self.p["regional_contagion"], 1.0)
        self.first_year = inputs["years"][0]
        self.year = self.p["start_year"]
        self.events = sorted(inputs["events"], key=lambda e: (e["date"], e["id"]))
        self.west_poles = dict(zip(inputs["years"], inputs["west_pole"]))
        self.small_sd, self.jump_p, self.jump_sd = noise_mixture(inputs, self.year)
        for record in inputs["agents"]:
            StateAgent(self, record)
        self.norm_makers = [a for a in self.agents if a.group == "norm_maker"]
        self.west_pole = 0.0
        self.refresh(self.year)
        self.datacollector = mesa.DataCollector(
            model_reporters={"year": "year", "sco_pole": "sco_pole", "west_pole": "west_pole"},
            agent_reporters={"iso3": "iso3", "position": "position",
                             "observed": lambda a: a.observed_in(a.model.year),
                             "insecurity": "insecurity"},
        )
        self.datacollector.collect(self)

    def refresh(self, year):
        for agent in self.agents:
            agent.refresh(year)
        self.sco_pole = sum(a.position for a in self.norm_makers) / len(self.norm_makers)
        if self.west_poles.get(year) is not None:
            self.west_pole = self.west_poles[year]

    def draw_noise(self):
        sd = self.jump_sd if self.random.random() < self.jump_p else self.small_sd
        return sd * self.p["noise_scale"] * self.random.gauss(0.0, 1.0)

    def step(self):
        self.year += 1
        self.refresh(self.year)
        self.agents.do("step")
        self.agents.do("advance")
        self.sco_pole = sum(a.position for a in self.norm_makers) / len(self.norm_makers)
        self.datacollector.collect(self)
        if self.year >= self.p["end_year"]:
            self.running = False


def run_one(inputs_path, seed, params):
    """One run to the end year; its agent table from the DataCollector."""
    model = NormsModel(inputs_path, seed=seed, **params)
    while model.running:
        model.step()
    table = model.datacollector.get_agent_vars_dataframe()
    years = model.datacollector.get_model_vars_dataframe()["year"]
    return [(row.iso3, int(years.iloc[step]), row.position) for (step, _), row in table.iterrows()]


def _run_star(args):
    return run_one(*args)


def hindcast(inputs_path, runs, processes=1, **params):
    """Monte Carlo over seeds 0..runs-1: median path per state and its RMSE against V-Dem.

    The loop is written by hand rather than with `mesa.batch_run`, because batch_run (Mesa
    3.3.1) leaves out the state collected after the last step when the model also collects
    its initial state, and the last year of the hindcast is needed.
    """
    jobs = [(inputs_path, seed, params) for seed in range(runs)]
    if processes == 1:
        results = [run_one(*job) for job in jobs]
    else:
        from multiprocessing import Pool

        with Pool(processes) as pool:
            results = pool.map(_run_star, jobs)
    paths = {}
    rows = 0
    for result in results:
        for iso3, year, position in result:
            paths.setdefault((iso3, year), []).append(position)
            rows += 1
    inputs = load_inputs(inputs_path)
    years = inputs["years"]
    start = params.get("start_year", DEFAULTS["start_year"])
    squared, count, medians = 0.0, 0, {}
    for agent in inputs["agents"]:
        obs = dict(zip(years, agent["observed"]))
        series = []
        for year in range(start, params.get("end_year", DEFAULTS["end_year"]) + 1):
            median = statistics.median(paths[(agent["iso3"], year)])
            series.append(median)
            if year > start and obs.get(year) is not None:
                squared += (median - obs[year]) ** 2
                count += 1
        medians[agent["iso3"]] = series
    return {"rmse_all": math.sqrt(squared / count), "median": medians, "rows": rows}


if __name__ == "__main__":
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    processes = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    started = time.perf_counter()
    result = hindcast(path, runs, processes)
    seconds = time.perf_counter() - started
    print(json.dumps({"engine": f"Mesa {mesa.__version__}", "runs": runs, "processes": processes,
                      "seconds": seconds, "rmse_all": result["rmse_all"], "rows": result["rows"]}))
