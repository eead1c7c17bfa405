"""Merge the SCO Twin state-year panel into a country-year frame with pandas.

The panel comes from the command line (or from Python: ``sco_twin.frame(sco_twin.panel(...))``):

    sco panel --from 1996 --to 2022 --csv > sco_panel.csv
    python docs/examples/panel_merge.py sco_panel.csv data/datasets/cow_nmc_v7.csv

The country-year frame here is COW's National Material Capabilities (one row per COW state and
year, keyed by ``ccode``); any frame keyed by COW code and year (peacesciencer's
``create_stateyears()``, the COW IGO data) merges the same way. The script prints, for each
year, how many states of the frame are SCO members and the members' summed CINC share.
"""

import sys

import pandas as pd


def read_panel(path):
    """The panel with its types: codes as nullable integers, empty cells as missing."""
    return pd.read_csv(
        path,
        keep_default_na=False,
        na_values=[""],
        dtype={
            "year": "int64",
            "iso3": "string",
            "ccode": "Int64",
            "gwcode": "Int64",
            "status": "string",
            "igo_code": "int64",
            "framework": "string",
            "accession_stage": "string",
            "flags": "string",
        },
    )


def merge(panel, country_years):
    """Left-joins the panel to a frame keyed by ``ccode`` and ``year``. A state-year the panel
    does not list (a year outside its range) gets status ``none`` and igo_code 0 only inside
    the panel's years; outside them it stays missing, as it should."""
    merged = country_years.merge(
        panel[["ccode", "year", "status", "igo_code", "flags"]],
        on=["ccode", "year"],
        how="left",
        validate="one_to_one",
    )
    inside = merged["year"].between(panel["year"].min(), panel["year"].max())
    merged.loc[inside, "status"] = merged.loc[inside, "status"].fillna("none")
    merged.loc[inside, "igo_code"] = merged.loc[inside, "igo_code"].fillna(0)
    return merged


def main(panel_csv, nmc_csv):
    panel = read_panel(panel_csv)
    nmc = pd.read_csv(nmc_csv)[["cow_code", "year", "cinc"]].rename(columns={"cow_code": "ccode"})
    nmc["ccode"] = nmc["ccode"].astype("Int64")
    merged = merge(panel, nmc)
    members = merged[merged["status"] == "member"]
    summary = members.groupby("year").agg(members=("ccode", "size"), cinc=("cinc", "sum"))
    print(summary.to_csv(float_format="%.4f"), end="")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
