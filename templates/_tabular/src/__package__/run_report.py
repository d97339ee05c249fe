"""What a ``train`` run reports: the summary the CLI prints and ``metrics.json``'s document.

``metrics.json`` is the contract with the verifier (docs/template-contract.md): every engine
writes it through :func:`metrics_document`, with its own model names.
"""

from dataclasses import dataclass, field
from pathlib import Path

from .profile import Profile

SCHEMA_VERSION = 1


@dataclass
class TrainReport:
    """What a training run produced, for printing and for tests."""

    dataset: str
    directory: Path
    seed: int
    n_train: int
    n_test: int
    metrics: dict[str, dict[str, float]]
    written: list[Path] = field(default_factory=list)


def metrics_document(profile: Profile, kind: str, seed: int, metrics: dict) -> dict:
    """``metrics.json``: floats rounded to 6 decimals; keys sorted when written."""
    return {
        "archetype": profile.archetype,
        "dataset": kind,
        "metric": profile.metric,
        "models": {m: {k: round(v, 6) for k, v in s.items()} for m, s in metrics.items()},
        "schema_version": SCHEMA_VERSION,
        "seed": seed,
        "slug": profile.slug,
    }
