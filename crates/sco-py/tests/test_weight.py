"""Weight in the world from the datasets, and its tables."""

import pytest

import sco_twin


def test_population_share_on_4_july_2024():
    weight = sco_twin.weight("2024-07-04")
    assert weight["data_year"] == 2024
    assert round(weight["population_share"], 4) == 0.4214
    assert round(weight["gdp_usd_share"], 4) == 0.2333
    assert round(weight["gdp_ppp_share"], 4) == 0.3319
    assert len(weight["members"]) == 10


def test_a_counterfactual_membership_without_india():
    real = sco_twin.weight("2017-06-09")
    without = sco_twin.weight("2017-06-09", without=["IND"])
    assert "IND" in real["members"] and "IND" not in without["members"]
    assert without["population_share"] < real["population_share"] - 0.15


def test_an_unknown_grouping_or_measure_raises_sco_error():
    with pytest.raises(sco_twin.ScoError, match="mars"):
        sco_twin.weight("2024-07-04", group="mars")
    with pytest.raises(sco_twin.ScoError, match="unknown measure `height`"):
        sco_twin.weight("2024-07-04", measures=["height"])


def test_series_rereads_membership_each_year():
    series = sco_twin.weight_series(start=2016, end=2017)
    assert [(p["year"], len(p["members"])) for p in series] == [(2016, 6), (2017, 8)]


def test_weight_and_series_frames_in_pandas_and_polars():
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    weight = sco_twin.weight("2024-07-04")
    table = sco_twin.frame(weight)
    assert isinstance(table, pandas.DataFrame)
    assert {"measure", "year", "share", "total", "world_total"} <= set(table.columns)
    assert len(table) == len(weight["measures"])
    population = table.set_index("measure").loc["population", "share"]
    assert population == weight["population_share"]
    series = sco_twin.frame(sco_twin.weight_series(start=2016, end=2017), backend="polars")
    assert isinstance(series, polars.DataFrame)
    assert series.columns == ["year", "membership_date", "measure", "share", "members"]
    assert series.height == 2 * 3


def test_rows_frame_and_a_bad_backend():
    pytest.importorskip("pandas")
    table = sco_twin.frame(sco_twin.snapshot("2024-07-04", status="member"))
    assert sorted(table["iso3"]) == sco_twin.members("2024-07-04")
    with pytest.raises(ValueError, match="backend"):
        sco_twin.frame([], backend="excel")


def test_same_document_as_the_command_line(sco):
    assert sco_twin.weight("2024-07-04") == sco("weight", "--at", "2024-07-04")
    assert sco_twin.weight("2017-06-09", without="IND") == sco(
        "weight", "--at", "2017-06-09", "--without", "IND"
    )
    assert sco_twin.weight_series(start=2010, end=2020) == sco(
        "weight", "series", "--from", "2010", "--to", "2020"
    )


def test_a_missing_dataframe_library_is_named(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "polars", None)  # `import polars` now fails
    with pytest.raises(ImportError, match="pip install polars"):
        sco_twin.frame(sco_twin.weight("2024-07-04"), backend="polars")
