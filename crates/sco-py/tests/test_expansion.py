"""The decision lab's SCO layer: agreement under each membership and the anti-Western winset."""

import pytest

import sco_twin


def _row(document, membership, kind="uniform"):
    (row,) = [r for r in document["rows"] if r["membership"] == membership and r["agenda"]["kind"] == kind]
    return row


def test_expansion_is_the_command_line_document(sco):
    assert sco_twin.expansion(draws=300) == sco("decide", "expansion", "--draws", 300)
    assert sco_twin.expansion("uniform-1", draws=200, seed=5) == sco(
        "decide", "expansion", "--agenda", "uniform1", "--draws", 200, "--seed", 5
    )
    assert sco_twin.expansion("unga", year=2010) == sco("decide", "expansion", "--agenda", "unga", "--year", 2010)


def test_expansion_defaults_are_the_command_line_defaults(sco):
    assert sco_twin.expansion("uniform-2") == sco("decide", "expansion", "--agenda", "uniform2")


def test_a_random_proposal_passes_less_often_from_the_shanghai_five_to_2024():
    document = sco_twin.expansion("uniform-1", draws=4000)
    five, now = _row(document, "shanghai-five"), _row(document, "sco-2024")
    assert (five["members"], now["members"]) == (5, 10)
    assert five["p_pass"] - 2 * five["p_pass_se"] > now["p_pass"] + 2 * now["p_pass_se"]
    # in one dimension the winset is empty with probability (n - 1)/(n + 1) exactly
    assert now["p_empty"] == pytest.approx(9 / 11, abs=0.03)
    table = sco_twin.frame(document)
    assert list(table["agenda"].unique()) == ["uniform-1"]
    assert len(table) == len(document["memberships"])
    assert {"membership", "p_pass", "p_pass_se", "p_empty", "coleman"} <= set(table.columns)


def test_expansion_refuses_an_unknown_agenda_or_too_few_draws():
    with pytest.raises(sco_twin.ScoError, match="parameter `agenda`: `cube` is not an agenda: expected all, uniform-1"):
        sco_twin.expansion("cube")
    with pytest.raises(sco_twin.ScoError, match=r"parameter `draws`: 5 is outside 100\.\.=10000000"):
        sco_twin.expansion(draws=5)
    with pytest.raises(sco_twin.ScoError, match=r"parameter `draws`: `-1` is not a whole number"):
        sco_twin.expansion(draws=-1)


def test_case_expansion_is_the_command_line_document(sco):
    assert sco_twin.case_expansion("single-currency") == sco("decide", "expansion", "single-currency")
    assert sco_twin.case_expansion("development-bank") == sco("decide", "expansion", "development-bank")


def test_a_single_currency_closes_once_uzbekistan_holds_a_veto():
    document = sco_twin.case_expansion("single-currency")
    assert document["case"] == "single-currency"
    rows = {r["membership"]: r for r in document["rows"]}
    assert list(rows) == [m["id"] for m in document["memberships"]]
    assert not rows["shanghai-five"]["winset"]["empty"] and rows["shanghai-five"]["winset"]["share"] > 0
    assert rows["sco-2001"]["winset"]["empty"] and rows["sco-2001"]["gridlock_vetoes"] == [["UZB"]]
    assert rows["sco-2024"]["winset"]["empty"]
    for proposal in rows["sco-2024"]["proposals"]:
        assert not proposal["passes"]
        assert proposal["binding_veto"] in rows["sco-2024"]["members"]
    table = sco_twin.frame(document, backend="polars")
    assert table.height == len(document["rows"])
    assert table["winset_empty"].to_list() == [r["winset"]["empty"] for r in document["rows"]]
    with pytest.raises(sco_twin.ScoError, match="no case `nope`: the cases are"):
        sco_twin.case_expansion("nope")


def test_anti_western_is_the_command_line_document(sco):
    assert sco_twin.anti_western() == sco("decide", "anti-western")
    assert sco_twin.anti_western(positions=2023) == sco("decide", "anti-western", "--positions", 2023)


def test_the_anti_western_winset_is_bound_by_its_most_west_leaning_member():
    document = sco_twin.anti_western()
    assert document["view"] == "year"
    for row in document["rows"]:
        assert row["binding_member"] in row["members"]
        assert row["empty"] == (row["binding_point"] >= row["status_quo"])
        if not row["empty"]:
            low, high = row["interval"]
            assert high == row["status_quo"]
            assert low == pytest.approx(2 * row["binding_point"] - row["status_quo"])
    table = sco_twin.frame(sco_twin.anti_western(positions=2023))
    assert {"membership", "binding_member", "interval_low", "interval_high", "depth"} <= set(table.columns)
    assert (table["year"] == 2023).all()
    with pytest.raises(sco_twin.ScoError, match=r"no UN ideal points for 1900; the data cover 1990\.\.="):
        sco_twin.anti_western(positions=1900)
