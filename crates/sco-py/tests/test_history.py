"""The organization from the ledger: membership on a date, events, errors on bad input."""

import datetime

import pytest

import sco_twin
from conftest import REPO


def test_ten_members_on_4_july_2024():
    assert sco_twin.members("2024-07-04") == [
        "BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB",
    ]


def test_nine_members_in_2023_with_iran_and_without_belarus():
    members = sco_twin.members(datetime.date(2023, 7, 4))
    assert len(members) == 9
    assert "IRN" in members and "BLR" not in members


def test_india_and_pakistan_are_members_from_9_june_2017():
    before = sco_twin.members("2017-06-08")
    assert "IND" not in before and "PAK" not in before
    rows = {r["iso3"]: r for r in sco_twin.snapshot("2017-06-09", status="member")}
    assert set(rows) == {"CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    assert rows["IND"]["since"] == "2017-06-09" and rows["PAK"]["since"] == "2017-06-09"


def test_snapshot_lists_every_status_with_its_columns():
    rows = sco_twin.snapshot("2024-07-04")
    statuses = {r["status"] for r in rows}
    assert {"member", "observer", "dialogue_partner"} <= statuses
    assert set(rows[0]) == {
        "iso3", "name", "status", "since", "accession_stage", "suspended", "framework", "flags",
        "ccode", "gwcode",
    }


def test_a_datetime_counts_as_its_day():
    assert sco_twin.members(datetime.datetime(2017, 6, 9, 23, 0)) == sco_twin.members("2017-06-09")


def test_an_impossible_date_raises_sco_error_naming_it():
    with pytest.raises(sco_twin.ScoError, match=r"`2024-02-30` is not a date"):
        sco_twin.members("2024-02-30")
    with pytest.raises(ValueError, match="not a date"):  # ScoError is a ValueError
        sco_twin.timeline(start="yesterday")


def test_timeline_of_admissions_in_2017():
    events = sco_twin.timeline("2017-01-01", "2017-12-31", kind="admitted")
    assert {(e["date"], e["state"]) for e in events} == {
        ("2017-06-09", "IND"),
        ("2017-06-09", "PAK"),
    }


def test_timeline_refuses_an_unknown_kind_or_state_or_reversed_dates():
    with pytest.raises(sco_twin.ScoError, match="unknown kind `party`"):
        sco_twin.timeline(kind="party")
    with pytest.raises(sco_twin.ScoError, match="unknown state `Atlantis`"):
        sco_twin.timeline(state="Atlantis")
    with pytest.raises(sco_twin.ScoError, match="`start` .* is after parameter `end`"):
        sco_twin.timeline("2020-01-01", "2019-01-01")


def test_summits_and_officials():
    summits = sco_twin.summits()
    assert len(summits) == 26
    assert summits[-1]["city"] == "Bishkek" and summits[-1]["next_chair"]["state"] == "PAK"
    assert len(sco_twin.summits(include_shanghai_five=True)) > 26
    government = sco_twin.summits(council="government")
    assert len(government) >= 24
    assert {m["body"] for m in government} == {"heads_of_government"}
    with pytest.raises(sco_twin.ScoError, match="council"):
        sco_twin.summits(council="ministers")
    assert all(s["city"] is None for s in summits if s["format"] == "virtual")
    officials = sco_twin.officials()
    assert len(officials) == 16
    posts = {o["post"] for o in sco_twin.officials(post="rats-director")}
    assert posts == {"rats_director"}


def test_overview_names_chair_and_officials():
    view = sco_twin.overview("2024-07-04")
    assert view["framework"] == "sco"
    assert view["secretary_general"] is not None and view["chair"] is not None
    assert view["after_coverage"] is False and view["ledger_through"] >= "2026-09-01"
    today = sco_twin.overview("2026-12-04")
    assert today["chair"]["iso3"] == "PAK" and today["chair"]["basis"] == "announced"


def test_an_edited_ledger_directory_is_read_and_a_missing_one_refused(tmp_path):
    ledger = REPO / "data/ledger"
    assert sco_twin.members("2024-07-04", ledger=ledger) == sco_twin.members("2024-07-04")
    with pytest.raises(sco_twin.ScoError, match="cannot use the ledger"):
        sco_twin.members("2024-07-04", ledger=tmp_path / "missing")


def test_same_documents_as_the_command_line(sco):
    assert sco_twin.snapshot("2017-06-09") == sco("members", "--at", "2017-06-09")
    assert sco_twin.summits() == sco("summits")
    assert sco_twin.summits(council="government") == sco("summits", "--council", "government")
    assert sco_twin.officials() == sco("officials")
    assert sco_twin.timeline(kind="summit") == sco("timeline", "--kind", "summit")
    assert sco_twin.timeline(state="India") == sco("timeline", "--state", "India")
    assert sco_twin.overview("2024-07-04") == sco("overview", "--at", "2024-07-04")


def test_the_panel_is_the_command_line_document(sco):
    document = sco_twin.panel(2016, 2017, system="gw", day="07-01")
    assert document == sco(
        "panel", "--from", "2016", "--to", "2017", "--system", "gw", "--day", "07-01"
    )
    rows = {(r["iso3"], r["year"]): r for r in document["rows"]}
    assert rows[("IND", 2016)]["status"] == "observer"
    assert rows[("IND", 2017)]["status"] == "member"
    assert rows[("IND", 2017)]["gwcode"] == 750
    assert document["metadata"]["day"] == "07-01"


def test_the_panel_as_a_data_frame_and_its_refusals():
    pandas = pytest.importorskip("pandas")
    frame = sco_twin.frame(sco_twin.panel(2020, 2021, with_=["population"]))
    assert isinstance(frame, pandas.DataFrame)
    assert {"year", "iso3", "ccode", "gwcode", "status", "igo_code", "population"} <= set(frame.columns)
    assert frame.loc[(frame.iso3 == "TWN") & (frame.year == 2020), "population"].isna().all()
    for bad in [dict(system="polity"), dict(day="02-29"), dict(start=1990)]:
        with pytest.raises(sco_twin.ScoError):
            sco_twin.panel(**{"start": 2000, "end": 2001, **bad})


def test_provenance_is_the_member_the_command_line_prints(sco_raw):
    printed = sco_raw("overview", "--at", "2017-06-09")["provenance"]
    assert sco_twin.provenance() == printed
    assert printed["ledger_digest"].startswith("sha256:")
