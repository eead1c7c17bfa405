"""Type stubs of the native half of `sco_twin` (Rust, built by maturin). Every function returns
a document as JSON text; the package's own functions decode it. Keep this file in step with the
`#[pyfunction]`s in `crates/sco-py/src/` (a test checks that every native function is listed)."""

from typing import Any, List, Optional, Sequence, Tuple

__version__: str

class ScoError(ValueError):
    """Bad input: an impossible date, an unknown parameter, a malformed file."""

class NotFoundError(ScoError):
    """Something named does not exist: an unknown state, an article not paraphrased."""

def document_json(name: str, pairs: Sequence[Tuple[str, str]], ledger: Optional[str] = ...) -> str: ...
def catalogue_json() -> str: ...
def provenance_json(ledger: Optional[str] = ...) -> str: ...
def smp_json(
    path: Optional[str] = ...,
    text: Optional[str] = ...,
    seed: Optional[int] = ...,
    max_steps: int = ...,
    switches: List[Tuple[str, str]] = ...,
) -> str: ...
def smp_preset_json() -> str: ...
def eum_json(
    path: Optional[str] = ...,
    text: Optional[str] = ...,
    dimension: Optional[str] = ...,
    rounds: int = ...,
    switches: List[Tuple[str, str]] = ...,
) -> str: ...
def eum_preset_json(rounds: int = ...) -> str: ...
def exchange_json(path: Optional[str] = ..., text: Optional[str] = ..., rounds: int = ...) -> str: ...
def compromise_json(path: Optional[str] = ..., text: Optional[str] = ...) -> str: ...
def nash_json(path: Optional[str] = ..., text: Optional[str] = ..., metric: str = ..., power: str = ...) -> str: ...
def simulation_models_json() -> str: ...
def simulate_columns(
    name: str,
    sets: List[str] = ...
    seed: int = ...,
    steps: Optional[int] = ...,
    model_every: Optional[int] = ...,
    agents_every: Optional[int] = ...,
) -> Any: ...
def sweep_columns(
    name: str,
    sets: List[str] = ...
    design_csv: Optional[str] = ...,
    runs: int = ...,
    seed: int = ...,
    threads: Optional[int] = ...,
    steps: Optional[int] = ...,
    progress: bool = ...,
) -> Any: ...
