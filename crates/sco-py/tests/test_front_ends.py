"""The same document from the three front ends: `sco ... --json`, the HTTP API (`sco serve`) and
the Python functions. Each case asks all three for the same thing, with each front end's own
parameter names, and the documents must be equal (the CLI and the API also carry the same
`provenance` member, which the Python functions leave out and `sco_twin.provenance()` returns)."""

import json
import re
import subprocess
import urllib.request

import pytest

import sco_twin
from conftest import sco_binary

# (name, CLI arguments, HTTP path, Python call)
CASES = [
    ("overview", ["overview", "--at", "2017-06-09"], "/api/snapshot?date=2017-06-09",
     lambda: sco_twin.overview("2017-06-09")),
    # `sco_twin.members` lists member codes only; the `members` document is `snapshot` in Python.
    ("members", ["members", "--at", "2024-07-04"], "/api/members?date=2024-07-04",
     lambda: sco_twin.snapshot("2024-07-04")),
    ("timeline", ["timeline", "--kind", "admitted"], "/api/timeline?kind=admitted",
     lambda: sco_twin.timeline(kind="admitted")),
    ("summits", ["summits"], "/api/summits", lambda: sco_twin.summits()),
    ("officials", ["officials"], "/api/officials", lambda: sco_twin.officials()),
    ("weight on a date", ["weight", "--at", "2017-06-09"], "/api/weight?date=2017-06-09",
     lambda: sco_twin.weight("2017-06-09")),
    # No date: membership today and the latest year with data, in all three.
    ("weight today", ["weight"], "/api/weight", lambda: sco_twin.weight()),
    ("weight without a member", ["weight", "--at", "2024-07-04", "--without", "IND"],
     "/api/weight?date=2024-07-04&without=IND", lambda: sco_twin.weight("2024-07-04", without=["IND"])),
    ("weight series", ["weight", "series", "--from", "2015", "--to", "2018"],
     "/api/weight/series?from=2015&to=2018", lambda: sco_twin.weight_series(start=2015, end=2018)),
    ("panel", ["panel", "--from", "2016", "--to", "2017"], "/api/panel?from=2016&to=2017",
     lambda: sco_twin.panel(2016, 2017)),
    ("cases", ["decide", "cases"], "/api/cases", lambda: sco_twin.cases()),
    ("case", ["decide", "case", "development-bank"], "/api/cases/development-bank",
     lambda: sco_twin.case("development-bank")),
    # The request layer's catalogue.
    ("state", ["state", "India"], "/api/state?state=India", lambda: sco_twin.state("India")),
    ("predict", ["predict", "--at", "2024-07-04"], "/api/predict?date=2024-07-04",
     lambda: sco_twin.predict("2024-07-04")),
    ("admission", ["admission", "TKM", "--at", "2024-07-04", "--no-relations-with", "IND"],
     "/api/admission?state=TKM&date=2024-07-04&no_relations_with=IND",
     lambda: sco_twin.admission("TKM", "2024-07-04", no_relations_with=["IND"])),
    ("organs", ["organs"], "/api/organs", lambda: sco_twin.organs()),
    ("rules", ["rules"], "/api/rules", lambda: sco_twin.rules()),
    ("charter", ["charter"], "/api/charter", lambda: sco_twin.charter()),
    ("charter article", ["charter", "16"], "/api/charter?article=16", lambda: sco_twin.charter(16)),
]


@pytest.fixture(scope="module")
def server():
    """`sco serve` on a free loopback port, stopped after the module."""
    binary = sco_binary()
    if binary is None:
        pytest.skip("no `sco` binary built (run `cargo build -p sco` first)")
    process = subprocess.Popen(
        [str(binary), "serve", "--addr", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True
    )
    try:
        base = None
        for _ in range(50):
            line = process.stderr.readline()
            found = re.search(r"http://(127\.0\.0\.1:\d+)/", line)
            if found:
                base = f"http://{found.group(1)}"
                break
        assert base, "sco serve did not print its address"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def cli(args):
    # `sco admission` exits 1 for a "no", which is an answer.
    done = subprocess.run([str(sco_binary()), *args, "--json"], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def http(base, path):
    with urllib.request.urlopen(base + path, timeout=60) as answer:
        return json.loads(answer.read())


def bare(document):
    """A document less its provenance: the object without that member, or a list's items."""
    document = dict(document)
    document.pop("provenance")
    return document["items"] if list(document) == ["items"] else document


@pytest.mark.parametrize("name,args,path,call", CASES, ids=[c[0] for c in CASES])
def test_the_three_front_ends_agree(server, name, args, path, call):
    from_cli = cli(args)
    from_http = http(server, path)
    assert from_cli["provenance"] == from_http["provenance"] == sco_twin.provenance()
    assert bare(from_cli) == bare(from_http), f"{name}: the CLI and the API differ"
    assert bare(from_cli) == call(), f"{name}: the CLI and Python differ"


def test_every_catalogue_document_is_served_listed_and_exported(server):
    catalogue = json.loads(sco_twin._native.catalogue_json())
    index = {e["path"]: e for e in http(server, "/api")["items"]}
    for entry in catalogue:
        assert entry["python"] in sco_twin.__all__, entry["name"]
        assert callable(getattr(sco_twin, entry["python"]))
        assert index[entry["path"]]["cli"] == entry["cli"]


def test_refusals_have_their_kind_in_python():
    with pytest.raises(sco_twin.NotFoundError, match="unknown state `Atlantis`"):
        sco_twin.state("Atlantis")
    with pytest.raises(sco_twin.NotFoundError, match="articles available"):
        sco_twin.charter(99)
    with pytest.raises(sco_twin.ScoError, match="`date`"):
        sco_twin.predict("2023-02-30")
    assert issubclass(sco_twin.NotFoundError, sco_twin.ScoError)


def test_the_package_is_typed_versioned_and_its_stub_lists_every_native_function():
    import pathlib

    package = pathlib.Path(sco_twin.__file__).parent
    assert (package / "py.typed").exists()
    assert sco_twin.__version__ == sco_twin.provenance()["version"]
    stub = (package / "_native.pyi").read_text()
    native = [n for n in dir(sco_twin._native) if not n.startswith("_") and callable(getattr(sco_twin._native, n))]
    missing = [n for n in native if f"def {n}(" not in stub and f"class {n}(" not in stub]
    assert missing == [], f"_native.pyi lacks {missing}"
