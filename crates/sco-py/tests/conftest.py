"""Shared paths and the `sco` binary for comparisons with the command line."""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
SMP_SCENARIO = REPO / "crates/sco-smp/tests/fixtures/SOE-Pol-Comp.csv"
EUM_PROFILE = REPO / "crates/sco-decide/tests/fixtures/eum/eu-emissions-1994.csv"


def sco_binary():
    """The `sco` binary `cargo test --workspace` or `cargo build` left in the target directory."""
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("debug", "release"):
        candidate = target / profile / "sco"
        if candidate.is_file():
            return candidate
    found = shutil.which("sco")
    return pathlib.Path(found) if found else None


@pytest.fixture(scope="session")
def sco():
    """Runs `sco ARGS --json` and decodes the output (skips when no binary was built), checking and
    taking off its `provenance` member: the Python functions return the bare document."""
    import json
    import subprocess

    binary = sco_binary()
    if binary is None:
        pytest.skip("no `sco` binary built (run `cargo build -p sco` first)")

    def run(*args):
        done = subprocess.run(
            [str(binary), *map(str, args), "--json"], capture_output=True, text=True, check=True
        )
        document = json.loads(done.stdout)
        provenance = document.pop("provenance")
        assert provenance["data_digest"].startswith("sha256:")
        if list(document) == ["items"]:
            return document["items"]
        return document

    return run


@pytest.fixture(scope="session")
def sco_raw():
    """Runs `sco ARGS --json` and decodes the output as printed, `provenance` member included."""
    import json
    import subprocess

    binary = sco_binary()
    if binary is None:
        pytest.skip("no `sco` binary built (run `cargo build -p sco` first)")

    def run(*args):
        done = subprocess.run(
            [str(binary), *map(str, args), "--json"], capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    return run
