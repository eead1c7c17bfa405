"""SCO Twin from Python: the Shanghai Cooperation Organisation's history, weight and
decision models as plain Python data, and as pandas or polars DataFrames.

Every function returns the same content as the matching ``sco ... --json`` command, computed by
the same Rust library crates (this package only decodes their JSON and shapes tables). Dates
are ``datetime.date`` objects or ``"YYYY-MM-DD"`` strings; without a date, today is used. Bad
input raises :class:`ScoError`, a ``ValueError`` whose message names the file, the line and what
is wrong. ``ledger=DIR`` reads an edited copy of the ledger instead of the embedded one.

    >>> import sco_twin
    >>> sco_twin.members("2017-06-09")
    ['CHN', 'IND', 'KAZ', 'KGZ', 'PAK', 'RUS', 'TJK', 'UZB']
    >>> sco_twin.frame(sco_twin.snapshot("2024-07-04"))         # a pandas DataFrame

See ``docs/python.md`` in the repository for every function with an example.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _native
from ._native import NotFoundError, ScoError, __version__
from .simulation import simulate, sweep
from .simulation import models as simulation_models

__all__ = [
    "__version__",
    "ScoError",
    "NotFoundError",
    "state",
    "predict",
    "admission",
    "organs",
    "rules",
    "charter",
    "provenance",
    "sources",
    "members",
    "panel",
    "snapshot",
    "overview",
    "summits",
    "officials",
    "timeline",
    "weight",
    "weight_series",
    "cases",
    "case",
    "expansion",
    "case_expansion",
    "anti_western",
    "smp",
    "smp_preset",
    "eum",
    "eum_preset",
    "exchange",
    "compromise",
    "nash",
    "frame",
    "simulate",
    "sweep",
    "simulation_models",
]

DateLike = Union[_dt.date, str, None]
PathLike = Union[str, "os.PathLike[str]"]


def _date(value: DateLike, what: str = "date") -> str:
    """A date as ``YYYY-MM-DD`` text (today when ``None``); the Rust side checks it."""
    if value is None:
        return _dt.date.today().isoformat()
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise ScoError(f"{what}: {value!r} is not a date: give a datetime.date or 'YYYY-MM-DD'")


def _optional_date(value: DateLike, what: str) -> Optional[str]:
    return None if value is None else _date(value, what)


def _path(value: Optional[PathLike]) -> Optional[str]:
    return None if value is None else os.fspath(value)


def _codes(value: Union[str, Iterable[str], None]) -> list:
    """``"IND"``, ``"IND,PAK"`` or ``["IND", "PAK"]`` as a list of codes."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [code.strip().upper() for code in value if code.strip()]


def _switches(switches: Mapping[str, Any]) -> list:
    """Keyword switches (``voting_rule="prop-cbc"``) as ``(name, value)`` text pairs."""
    return [(name, str(value)) for name, value in switches.items()]


# --- the organization, from the ledger -------------------------------------------------------


def snapshot(date: DateLike = None, status: Optional[str] = None, ledger: Optional[PathLike] = None) -> list:
    """Every state holding a status on ``date`` (``sco members --at DATE --json``): one dict per
    state with ``iso3``, ``name``, ``status``, ``since``, ``accession_stage``, ``suspended`` and
    ``framework``. ``status`` keeps one of ``member``, ``observer``, ``dialogue-partner``,
    ``partner``."""
    return _document("members", ledger, date=date, status=status)


def members(date: DateLike = None, ledger: Optional[PathLike] = None) -> list:
    """The member states on ``date`` as sorted ISO3 codes (suspended members included)."""
    return sorted(row["iso3"] for row in snapshot(date, "member", ledger))


# --- documents of the request layer (one parser and builder for the CLI, the API and Python) ----


# Python's names for the request layer's parameters where they differ (`from` is a keyword).
_PYTHON_NAMES = {"from": "start", "to": "end", "with": "with_"}


def _document(name: str, ledger: Optional[PathLike] = None, **params: Any) -> Any:
    """A document of the request layer by name; ``None`` parameters are left out, booleans are
    ``true`` only when set, lists are joined with commas. Errors name Python's parameters."""
    pairs = []
    for key, value in params.items():
        if value is None or value is False:
            continue
        if value is True:
            value = "true"
        elif isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, (_dt.date, _dt.datetime)):
            value = _date(value, key)
        pairs.append((key, str(value)))
    try:
        return json.loads(_native.document_json(name, pairs, _path(ledger)))
    except ScoError as error:
        message = str(error)
        for native, python in _PYTHON_NAMES.items():
            message = message.replace(f"parameter `{native}`", f"parameter `{python}`")
        if message == str(error):
            raise
        raise type(error)(message) from None


def state(state: str, ledger: Optional[PathLike] = None) -> dict:
    """One state's history with the SCO (``sco state STATE --json``): ``iso3``, ``ccode``,
    ``gwcode``, the names in English, Russian and Chinese, ``status_today``, ``events`` (status
    changes with sources), ``summits_chaired``, ``government_meetings_chaired`` and ``officials``.
    ``state`` is an ISO3 code or an English name; an unknown one raises :class:`NotFoundError`."""
    return _document("state", ledger, state=state)


def predict(date: DateLike = None, ledger: Optional[PathLike] = None) -> list:
    """What the rules predict as of ``date`` (default today; ``sco predict --json``): one dict per
    post (``next_chair``, ``next_secretary_general``, ``next_rats_director``) with ``after``,
    ``by_written_rule``, ``by_practice``, ``from_year`` and the ``rule`` cited."""
    return _document("predict", ledger, date=date)


def admission(
    state: str,
    date: DateLike = None,
    in_region: bool = False,
    outside_region: bool = False,
    no_relations_with: Union[str, Iterable[str], None] = None,
    under_un_sanctions: bool = False,
    in_armed_conflict: bool = False,
    no_active_ties: bool = False,
    ledger: Optional[PathLike] = None,
) -> dict:
    """Whether ``state`` can take its next step towards membership on ``date`` (``sco admission
    STATE --json``): ``status``, ``accession_stage``, ``next_step``, the ``procedure`` and
    ``criteria`` verdicts with their reasons and citations, and ``allowed``. A "no" is an answer
    (``allowed`` false), not an exception. The flags set facts the ledger does not hold."""
    return _document(
        "admission",
        ledger,
        state=state,
        date=date,
        in_region=in_region,
        outside_region=outside_region,
        no_relations_with=_codes(no_relations_with) or None,
        under_un_sanctions=under_un_sanctions,
        in_armed_conflict=in_armed_conflict,
        no_active_ties=no_active_ties,
    )


def organs() -> dict:
    """The organs, ``official_languages``, the ``budget`` rule and the principles (``norms``) as
    ``sco organs --json`` gives them."""
    return _document("organs")


def rules() -> list:
    """The Charter's rules as encoded (``sco rules --json``): ``id``, ``summary`` and ``citation``."""
    return _document("rules")


def charter(article: Optional[int] = None) -> dict:
    """The Charter's articles and the regulations in our words with sources (``sco charter
    --json``), or one ``article``; one not paraphrased raises :class:`NotFoundError`."""
    return _document("charter", article=article)


def sources(ledger: Optional[PathLike] = None) -> list:
    """The sources the ledger cites (``sco sources --json``): ``id``, ``title``, ``url`` or the
    seed file, and what each is."""
    return _document("sources", ledger)


def provenance(ledger: Optional[PathLike] = None) -> dict:
    """What the documents are computed from, to record beside results: ``version``,
    ``ledger_digest`` (of the embedded ledger, or the one in ``ledger``) and ``data_digest``
    (``sha256:`` and 64 hex digits), the ``provenance`` member that ``sco ... --json`` and the HTTP
    API put in every document."""
    return json.loads(_native.provenance_json(_path(ledger)))


def overview(date: DateLike = None, ledger: Optional[PathLike] = None) -> dict:
    """The organization on ``date`` (``sco --json``): statuses, chair, Secretary-General, RATS
    director and the last summit."""
    return _document("overview", ledger, date=date)


def summits(
    include_shanghai_five: bool = False,
    council: str = "state",
    ledger: Optional[PathLike] = None,
) -> list:
    """Every meeting of the Council of Heads of State (``sco summits --json``), or with
    ``council="government"`` of the Council of Heads of Government (``--council government``).
    Each has ``date``, ``end_date``, ``city`` (None when virtual), ``chair``, ``format``,
    ``sources`` and, where recorded, ``number``, ``documents``, ``flags`` and ``next_chair``."""
    return _document(
        "summits", ledger, include_shanghai_five=include_shanghai_five, council=council
    )


def officials(post: Optional[str] = None, ledger: Optional[PathLike] = None) -> list:
    """Secretaries-General and RATS directors with their terms (``sco officials --json``);
    ``post`` keeps ``secretary-general`` or ``rats-director``."""
    return _document("officials", ledger, post=post)


def timeline(
    start: DateLike = None,
    end: DateLike = None,
    kind: Optional[str] = None,
    state: Optional[str] = None,
    ledger: Optional[PathLike] = None,
) -> list:
    """Events in date order (``sco timeline --json``), optionally between ``start`` and ``end``,
    of one ``kind`` (``status``, ``summit``, ``official``, ``milestone`` or a status change such
    as ``admission``) and about one ``state`` (code or English name)."""
    # `from` and `to` in the request layer (`from` is a keyword in Python).
    return _document(
        "timeline", ledger, state=state, kind=kind, **{"from": start, "to": end}
    )


# --- weight in the world, from the datasets --------------------------------------------------


def weight(
    date: DateLike = None,
    group: str = "members",
    without: Union[str, Iterable[str], None] = None,
    with_: Union[str, Iterable[str], None] = None,
    data_year: Union[int, str, None] = None,
    measures: Union[str, Sequence[str], None] = None,
    missing: str = "skip",
    world: str = "aggregate",
    ledger: Optional[PathLike] = None,
) -> dict:
    """A grouping's share of the world on ``date`` (``sco weight --at DATE --json``).

    ``group``: ``members``, ``members+observers``, ... or ``nato``, ``eu``, ``g7``, ``brics``, or a
    full group spec. ``without``/``with_`` change the membership (ISO3 codes). ``data_year``
    defaults to the date's year when a date is given, else to the latest year with data (as
    ``sco weight`` and ``GET /api/weight`` decide it; ``"latest"`` asks for it). ``measures``: e.g.
    ``["population", "gdp_usd"]`` (population and both GDPs are always included)."""
    if isinstance(measures, (list, tuple)):
        measures = ",".join(measures)
    return _document(
        "weight",
        ledger,
        date=date,
        group=group,
        data_year=data_year,
        measures=measures,
        missing=missing,
        world=world,
        **{"with": _codes(with_) or None, "without": _codes(without) or None},
    )


def panel(
    start: int = 1996,
    end: Optional[int] = None,
    system: str = "cow",
    day: str = "12-31",
    with_: Union[str, Sequence[str], None] = None,
    ledger: Optional[PathLike] = None,
) -> dict:
    """The state-year panel (``sco panel --from START --to END --system SYSTEM --day DAY
    --json``): ``{"metadata": ..., "rows": [...]}``, one row per state of the ``system``
    (``cow``, ``gw`` or ``iso3``) and year from ``start`` to ``end`` (default: this year), the
    SCO status read on ``day`` (MM-DD) of each year. ``with_`` joins indicators (``population``,
    ``gdp_ppp``, ...; ``None`` where a dataset has no value). ``frame(panel(...))`` is a
    DataFrame of the rows."""
    return _document(
        "panel",
        ledger,
        system=system,
        day=day,
        **{"from": start, "to": end, "with": with_},
    )


def weight_series(
    group: str = "members",
    start: int = 1996,
    end: Optional[int] = None,
    membership_day: str = "12-31",
    measures: Union[str, Sequence[str], None] = None,
    without: Union[str, Iterable[str], None] = None,
    with_: Union[str, Iterable[str], None] = None,
    missing: str = "skip",
    world: str = "aggregate",
    ledger: Optional[PathLike] = None,
) -> list:
    """Shares of the world year by year from ``start`` to ``end`` (default: the last year with
    data), membership re-read on ``membership_day`` (MM-DD) of each year (``sco weight series
    --json``). Each point has ``year``, ``membership_date``, ``members``, ``shares`` and
    ``missing``."""
    if isinstance(measures, (list, tuple)):
        measures = ",".join(measures)
    return _document(
        "weight_series",
        ledger,
        membership_day=membership_day,
        measures=measures,
        group=group,
        missing=missing,
        world=world,
        **{
            "from": start,
            "to": end,
            "with": _codes(with_) or None,
            "without": _codes(without) or None,
        },
    )


# --- the decision lab ------------------------------------------------------------------------


def cases() -> list:
    """The SCO cases shipped with the program (``sco decide cases --json``)."""
    return _document("cases")


def case(id: str, model: Optional[str] = None, membership: DateLike = None, ledger: Optional[PathLike] = None) -> dict:
    """A case run (``sco decide case ID --json``): the coding and each model's prediction beside
    what consensus lets pass. ``model``: ``compromise``, ``nash``, ``eum``, ``smp`` (default: all).
    ``membership``: a membership id such as ``sco-2001`` or a date (default: the case's date)."""
    return _document("case", ledger, id=id, model=model, membership=membership)


def expansion(
    agenda: str = "all",
    draws: int = 20000,
    seed: int = 2001,
    year: int = 2023,
    ledger: Optional[PathLike] = None,
) -> dict:
    """Random agendas under each membership, from the Shanghai Five to the 2024 members and a
    counterfactual with candidates (``sco decide expansion --json``): the chance that a random
    proposal passes by consensus, that the winset is empty, and Coleman's 2^-n. ``agenda``:
    ``uniform-1`` (a line), ``uniform-2`` (a square), ``unga`` (members at their UN General
    Assembly ideal points of ``year``) or ``all``; ``draws`` and ``seed`` drive the Monte Carlo
    of the uniform agendas."""
    return _document("expansion", ledger, agenda=agenda, draws=draws, seed=seed, year=year)


def case_expansion(id: str, ledger: Optional[PathLike] = None) -> dict:
    """A shipped case's positions held fixed under each membership (``sco decide expansion ID
    --json``): the winset, who keeps it closed, each proposal's fate and where the compromise
    lands. Memberships with a member the case does not code list it in ``uncoded``."""
    return _document("case_expansion", ledger, case=id)


def anti_western(positions: Optional[int] = None, ledger: Optional[PathLike] = None) -> dict:
    """The winset of an anti-Western declaration from UN General Assembly voting (``sco decide
    anti-western --json``): year by year with that year's members and positions, or, with
    ``positions=YEAR``, that year's positions under each membership. Each row names the
    binding (most West-leaning) member."""
    return _document("anti_western", ledger, positions=positions)


def _actor_csv(actors: Any) -> str:
    """Actors as the actor CSV the Rust reader takes: a DataFrame (pandas or polars) or a list of
    dicts with ``actor``, ``capability``, ``position``, ``salience`` (or ``position:DIM`` and
    ``salience:DIM`` pairs for several dimensions)."""
    if hasattr(actors, "to_dicts"):  # polars
        rows = actors.to_dicts()
    elif hasattr(actors, "to_dict"):  # pandas
        rows = actors.to_dict("records")
    else:
        rows = list(actors)
    if not rows:
        raise ScoError("actors: no actor given")
    columns: list = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return out.getvalue()


def _profile_args(profile: Optional[PathLike], actors: Any) -> tuple:
    if (profile is None) == (actors is None):
        raise ScoError("give a profile file or actors, not both")
    return _path(profile), None if actors is None else _actor_csv(actors)


def smp(
    scenario: Optional[PathLike] = None,
    *,
    text: Optional[str] = None,
    seed: Optional[int] = None,
    max_steps: int = 100,
    **switches: Any,
) -> dict:
    """KTAB's Spatial Model of Politics on a KTAB CSV scenario file (or its ``text``), as
    ``sco decide smp FILE --json``. Keyword switches set KTAB's options, e.g.
    ``voting_rule="prop-cbc"`` (see :func:`smp_preset` for the names and defaults)."""
    if (scenario is None) == (text is None):
        raise ScoError("give a scenario file or its text, not both")
    return json.loads(_native.smp_json(_path(scenario), text, seed, max_steps, _switches(switches)))


def smp_preset() -> dict:
    """KTAB's default options (``smpc --csv``), the values the switches of :func:`smp` change."""
    return json.loads(_native.smp_preset_json())


def eum(
    profile: Optional[PathLike] = None,
    *,
    actors: Any = None,
    dimension: Optional[str] = None,
    rounds: int = 8,
    **switches: Any,
) -> dict:
    """Bueno de Mesquita's expected utility model (Scholz et al. 2011) on one dimension of a
    profile file (TOML case, actor CSV or decide CSV) or of ``actors``, as ``sco decide eum FILE
    --json``. Keyword switches set the model's open choices, e.g. ``probability="pairwise"``
    (see :func:`eum_preset`)."""
    path, text = _profile_args(profile, actors)
    return json.loads(_native.eum_json(path, text, dimension, rounds, _switches(switches)))


def eum_preset(rounds: int = 8) -> dict:
    """The switches of Scholz's code, the values the switches of :func:`eum` change."""
    return json.loads(_native.eum_preset_json(rounds))


def exchange(profile: Optional[PathLike] = None, *, actors: Any = None, rounds: int = 10) -> dict:
    """Stokman's exchange model (Equal Gain) on a profile with two or more dimensions
    (``sco decide exchange FILE --json``)."""
    path, text = _profile_args(profile, actors)
    return json.loads(_native.exchange_json(path, text, rounds))


def compromise(profile: Optional[PathLike] = None, *, actors: Any = None) -> list:
    """The capability x salience weighted mean of each dimension (``sco decide compromise FILE
    --json``)."""
    path, text = _profile_args(profile, actors)
    return json.loads(_native.compromise_json(path, text))


def nash(
    profile: Optional[PathLike] = None,
    *,
    actors: Any = None,
    metric: str = "salience",
    power: str = "equal",
) -> dict:
    """The Nash bargaining solution over the profile's status quo (``sco decide nash FILE
    --json``); ``metric`` ``salience`` or ``euclidean``, ``power`` ``equal`` or ``capability``."""
    path, text = _profile_args(profile, actors)
    return json.loads(_native.nash_json(path, text, metric, power))


# --- tables ----------------------------------------------------------------------------------


def _rows(result: Any) -> list:
    """The tidy rows of a result: one dict per row, the same columns in every row."""
    if isinstance(result, list):
        if result and all(isinstance(r, dict) and "shares" in r and "year" in r for r in result):
            # weight_series: one row per year and measure
            return [
                {
                    "year": point["year"],
                    "membership_date": point["membership_date"],
                    "measure": measure,
                    "share": share,
                    "members": len(point["members"]),
                }
                for point in result
                for measure, share in point["shares"]
            ]
        if all(isinstance(r, dict) for r in result):
            return result
        raise TypeError("frame: a list of results must hold dicts")
    if isinstance(result, dict):
        if "metadata" in result and "rows" in result:
            # panel (state-years) or panel dyads
            return [dict(row) for row in result["rows"]]
        model = str(result.get("model", ""))
        if model.startswith("KTAB"):
            dimensions = result["dimensions"]
            return [
                {
                    "step": step["step"],
                    "actor": actor["name"],
                    "dimension": dimension,
                    "position": actor["position"][d],
                    "prob": actor["prob"],
                }
                for step in result["history"]
                for actor in step["actors"]
                for d, dimension in enumerate(dimensions)
            ]
        if model.startswith("expected utility"):
            run = result["run"]
            return [
                {
                    "round": r["round"],
                    "actor": name,
                    "position": r["positions"][i],
                    "risk": r["risk"][i],
                }
                for r in run["rounds"]
                for i, name in enumerate(run["actors"])
            ]
        if "measures" in result and "grouping" in result:
            return [dict(figure) for figure in result["measures"]]
        if "settings" in result and "memberships" in result:
            return [_agenda_row(row) for row in result["rows"]]
        if "case" in result and "memberships" in result:
            return [_case_expansion_row(row) for row in result["rows"]]
        if "assumptions" in result and "view" in result:
            return [_anti_western_row(row) for row in result["rows"]]
    raise TypeError(
        "frame: expected a list of rows, a weight, a weight series, an SMP, an EUM, an expansion"
        " or an anti-Western result"
    )


def _agenda_row(row: dict) -> dict:
    """An ``expansion`` row with its agenda as ``uniform-1``, ``uniform-2`` or ``unga-YEAR``."""
    agenda = row["agenda"]
    name = f"uniform-{agenda['dims']}" if agenda["kind"] == "uniform" else f"unga-{agenda['year']}"
    keep = ("membership", "label", "date", "members", "p_pass", "p_pass_se", "p_empty", "coleman")
    out = {key: row[key] for key in keep}
    out["agenda"] = name
    out["missing"] = ",".join(row["missing"])
    return out


def _case_expansion_row(row: dict) -> dict:
    """A ``case_expansion`` row: the winset's figures and one ``passes: NAME`` column per
    proposal (``None`` where the case does not code every member)."""
    winset = row.get("winset")
    out = {
        "membership": row["membership"],
        "label": row["label"],
        "date": row["date"],
        "members": len(row["members"]),
        "uncoded": ",".join(row["uncoded"]),
        "winset_empty": None if winset is None else winset["empty"],
        "winset_share": None if winset is None else winset["share"],
        "gridlock_vetoes": " or ".join("+".join(group) for group in row["gridlock_vetoes"]),
        "coleman": row["coleman"],
        "compromise_blocked_by": row.get("compromise_blocked_by"),
    }
    for proposal in row["proposals"]:
        out[f"passes: {proposal['name']}"] = proposal["passes"]
    return out


def _anti_western_row(row: dict) -> dict:
    """An ``anti_western`` row: the winset's ends as ``interval_low``/``interval_high``
    (``None`` when empty) and the number of members."""
    interval = row.get("interval")
    out = {key: value for key, value in row.items() if key not in ("members", "missing", "interval")}
    out["members"] = len(row["members"])
    out["missing"] = ",".join(row["missing"])
    out["interval_low"] = None if interval is None else interval[0]
    out["interval_high"] = None if interval is None else interval[1]
    return out


def frame(result: Any, backend: str = "pandas") -> Any:
    """A result as a DataFrame of tidy rows: a list of rows (``snapshot``, ``summits``,
    ``timeline``, ``cases``, ...) as it is; ``weight`` one row per measure; ``weight_series``
    one row per year and measure; ``smp`` one row per step, actor and dimension; ``eum`` one row
    per round and actor; ``expansion``, ``case_expansion`` and ``anti_western`` one row per row of
    the document (agenda and membership, membership, year or membership). ``backend`` is
    ``"pandas"`` or ``"polars"``, imported only now."""
    rows = _rows(result)
    if backend == "pandas":
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "sco_twin.frame(..., backend='pandas') needs pandas: pip install pandas"
            ) from error
        return pandas.DataFrame.from_records(rows)
    if backend == "polars":
        try:
            import polars
        except ImportError as error:
            raise ImportError(
                "sco_twin.frame(..., backend='polars') needs polars: pip install polars"
            ) from error
        return polars.from_dicts(rows, infer_schema_length=None)
    raise ValueError(f"frame: backend {backend!r}: expected 'pandas' or 'polars'")
