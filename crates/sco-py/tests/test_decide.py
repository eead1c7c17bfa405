"""The decision models and the SCO cases."""

import csv
import subprocess

import pytest

import sco_twin
from conftest import EUM_PROFILE, SMP_SCENARIO, sco_binary


def test_smp_on_soe_pol_comp_converges_with_every_actor_each_step():
    run = sco_twin.smp(SMP_SCENARIO)
    assert run["model"] == "KTAB Spatial Model of Politics"
    assert run["stop_reason"] == "Converged"
    assert [s["step"] for s in run["history"]] == list(range(run["steps"] + 1))  # step 0 is the start
    actors = len(run["history"][0]["actors"])
    table = sco_twin.frame(run)
    assert list(table.columns) == ["step", "actor", "dimension", "position", "prob"]
    assert len(table) == (run["steps"] + 1) * actors * len(run["dimensions"])


def test_smp_from_text_equals_smp_from_the_file():
    assert sco_twin.smp(text=SMP_SCENARIO.read_text()) == sco_twin.smp(SMP_SCENARIO)


def test_smp_switches_seed_and_step_limit():
    default = sco_twin.smp(SMP_SCENARIO)
    switched = sco_twin.smp(SMP_SCENARIO, voting_rule="prop-cbc")
    assert switched["config"]["voting_rule"] == "PropCbc"
    assert switched["history"] != default["history"]
    short = sco_twin.smp(SMP_SCENARIO, max_steps=2, seed=7)
    assert short["steps"] <= 2 and short["seed"] == 7
    assert sco_twin.smp_preset()["voting_rule"] == default["config"]["voting_rule"]


def test_smp_refuses_an_unknown_switch_or_value_naming_the_choices():
    with pytest.raises(sco_twin.ScoError, match="no switch `colour`; the switches are .*voting-rule"):
        sco_twin.smp(SMP_SCENARIO, colour="red")
    with pytest.raises(
        sco_twin.ScoError, match="`nope` is not a value of `voting-rule`; expected one of .*prop-cbc"
    ):
        sco_twin.smp(SMP_SCENARIO, voting_rule="nope")


@pytest.mark.parametrize("switch", [("probability", "sometimes"), ("colour", "red"), ("q", "2"), ("q", "lots")])
def test_a_refused_switch_reads_as_on_the_command_line(switch):
    binary = sco_binary()
    if binary is None:
        pytest.skip("no `sco` binary built (run `cargo build -p sco` first)")
    name, value = switch
    cli_switch = f"{name.replace('_', '-')}={value}"
    done = subprocess.run(
        [str(binary), "decide", "eum", EUM_PROFILE, "--switch", cli_switch], capture_output=True, text=True
    )
    assert done.returncode == 2
    with pytest.raises(sco_twin.ScoError) as refused:
        sco_twin.eum(EUM_PROFILE, **{name: value})
    assert str(refused.value) in done.stderr


def test_switch_values_read_as_on_the_command_line():
    kebab = sco_twin.smp(SMP_SCENARIO, max_steps=3, voting_rule="prop-cbc")
    assert sco_twin.smp(SMP_SCENARIO, max_steps=3, voting_rule="prop_cbc") == kebab
    assert sco_twin.smp(SMP_SCENARIO, max_steps=3, voting_rule="PropCbc") == kebab
    assert sco_twin.eum(EUM_PROFILE, probability="net_pairwise")["config"]["probability"] == "NetPairwise"


def test_a_malformed_scenario_names_the_problem(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,description,2,1\nActor,Description,Power,Pos,Sal\nA,a,10,50,1\n")
    with pytest.raises(sco_twin.ScoError, match=r"bad\.csv, line 1, field 3: number of actors is 2"):
        sco_twin.smp(bad)


def test_eum_round_one_median_and_the_pandas_table():
    run = sco_twin.eum(EUM_PROFILE)
    rounds = run["run"]["rounds"]
    assert rounds[0]["median"] == 7.0
    assert round(rounds[1]["median"], 3) == 8.416
    table = sco_twin.frame(run)
    assert list(table.columns) == ["round", "actor", "position", "risk"]
    assert len(table) == len(rounds) * len(run["run"]["actors"])


def test_eum_on_actors_from_a_dataframe_equals_the_file():
    pandas = pytest.importorskip("pandas")
    actors = pandas.read_csv(EUM_PROFILE)
    from_frame = sco_twin.eum(actors=actors)
    from_file = sco_twin.eum(EUM_PROFILE)
    assert from_frame["run"] == from_file["run"]
    with open(EUM_PROFILE, newline="") as f:
        rows = list(csv.DictReader(f))
    assert sco_twin.eum(actors=rows)["run"] == from_file["run"]


def test_eum_switches_and_bad_actors():
    pairwise = sco_twin.eum(EUM_PROFILE, probability="pairwise")
    assert pairwise["config"]["probability"] != sco_twin.eum_preset()["probability"]
    with pytest.raises(sco_twin.ScoError, match="outside 0..=1"):
        sco_twin.eum(EUM_PROFILE, q=2)
    with pytest.raises(sco_twin.ScoError, match=r"<actors>:2: field `Capability`: `lots` is not a number"):
        sco_twin.eum(actors=[{"Actor": "A", "Capability": "lots", "Position": 1, "Salience": 1}])
    with pytest.raises(sco_twin.ScoError, match="not both"):
        sco_twin.eum(EUM_PROFILE, actors=[])


def test_compromise_is_the_weighted_mean():
    with open(EUM_PROFILE, newline="") as f:
        rows = list(csv.DictReader(f))
    weights = [float(r["Capability"]) * float(r["Salience"]) for r in rows]
    mean = sum(w * float(r["Position"]) for w, r in zip(weights, rows)) / sum(weights)
    (dimension,) = sco_twin.compromise(EUM_PROFILE)
    assert dimension["position"] == pytest.approx(mean, rel=1e-12)


def test_cases_and_a_case_run():
    ids = [c["id"] for c in sco_twin.cases()]
    assert "development-bank" in ids
    run = sco_twin.case("development-bank", model="compromise")
    assert run["coding"]["id"] == "development-bank"
    assert "IND" not in run["run"]["members"]  # the case is dated 2015
    later = sco_twin.case("development-bank", model="compromise", membership="2017-06-09")
    assert "IND" in later["run"]["members"]
    with pytest.raises(sco_twin.ScoError, match="no case `nope`: the cases are"):
        sco_twin.case("nope")


def test_same_documents_as_the_command_line(sco):
    assert sco_twin.smp(SMP_SCENARIO) == sco("decide", "smp", SMP_SCENARIO)
    assert sco_twin.smp(SMP_SCENARIO, voting_rule="prop-cbc") == sco(
        "decide", "smp", SMP_SCENARIO, "--switch", "voting-rule=prop-cbc"
    )
    assert sco_twin.eum(EUM_PROFILE) == sco("decide", "eum", EUM_PROFILE)
    assert sco_twin.eum(EUM_PROFILE, probability="pairwise", q=0.5) == sco(
        "decide", "eum", EUM_PROFILE, "--switch", "probability=pairwise", "--switch", "q=0.5"
    )
    assert sco_twin.compromise(EUM_PROFILE) == sco("decide", "compromise", EUM_PROFILE)
    assert sco_twin.cases() == sco("decide", "cases")
    assert sco_twin.case("development-bank") == sco("decide", "case", "development-bank")
