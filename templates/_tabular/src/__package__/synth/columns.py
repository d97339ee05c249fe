"""Values of one feature column in the profile's exact dtype, and its share of the signal.

Each generator returns the text written to the CSV (``None`` = blank) and a signal value ``s``
in [-1, 1] per row that :mod:`.signal` combines into the target.
"""

import datetime as dt

import numpy as np

from ..profile import Column
from .stable import format_fixed, weighted_choice

DEFAULT_RANGE = (0.0, 100.0)
DEFAULT_CATEGORIES = {"int": (1, 2, 3, 4), "str": ("A", "B", "C", "D")}
FIRST_DAY = dt.date(2016, 1, 1).toordinal()
N_DAYS = 3 * 365
WORDS = tuple(
    [
        "alpha",
        "bravo",
        "cedar",
        "delta",
        "ember",
        "fjord",
        "garnet",
        "harbor",
        "iris",
        "jade",
        "kestrel",
        "lumen",
        "maple",
        "nova",
        "onyx",
        "pearl",
        "quartz",
        "raven",
        "sable",
        "tundra",
        "umber",
        "violet",
        "willow",
        "xenon",
        "yarrow",
        "zephyr",
    ]
)
MISSING_SIGNAL = 0.5  # blanks carry signal, so missing indicators are worth having


def bool_text(values: np.ndarray, dtype: str) -> list[str]:
    if dtype == "bool":
        return ["True" if v else "False" for v in values.tolist()]
    return [str(int(v)) for v in values.tolist()]


def numeric(rng: np.random.Generator, col: Column, n: int, bent: bool):
    low, high = (col.min, col.max) if col.min is not None and col.max is not None else DEFAULT_RANGE
    if col.dtype == "int":
        raw = rng.integers(int(np.ceil(low)), int(np.floor(high)) + 1, size=n)
        text, u = [str(v) for v in raw.tolist()], raw.astype(np.float64)
        u = (u - np.ceil(low)) / max(np.floor(high) - np.ceil(low), 1.0)
    else:
        # Hundredths inside [min, max]: rounding 45.455 up would write 45.46, above the max.
        lo, hi = int(np.ceil(low * 100 - 1e-6)), int(np.floor(high * 100 + 1e-6))
        raw = rng.integers(lo, hi + 1, size=n)
        text = format_fixed(raw, 100)
        u = (raw - lo) / max(hi - lo, 1)
    s = 2.0 * np.abs(2.0 * u - 1.0) - 1.0 if bent else 2.0 * u - 1.0
    return text, s


def categorical(rng: np.random.Generator, col: Column, n: int):
    values = col.values or DEFAULT_CATEGORIES["int" if col.dtype == "int" else "str"]
    weights = rng.integers(1, 6, size=len(values)).tolist()
    effect = rng.integers(-2, 3, size=len(values)) / 2.0
    index = weighted_choice(rng, weights, n)
    if col.dtype == "bool":
        text = bool_text(np.asarray(values, dtype=bool)[index], "bool")
    else:
        text = [str(values[i]) for i in index.tolist()]
    return text, effect[index], index


def boolean(rng: np.random.Generator, col: Column, n: int):
    raw = rng.integers(0, 2, size=n)
    return bool_text(raw, col.dtype), 2.0 * raw - 1.0


def datetime(rng: np.random.Generator, n: int):
    days = rng.integers(0, N_DAYS, size=n)
    text = [dt.date.fromordinal(FIRST_DAY + d).isoformat() for d in days.tolist()]
    u = (days % 365) / 364.0
    return text, 2.0 * np.abs(2.0 * u - 1.0) - 1.0


def text(rng: np.random.Generator, n: int):
    counts = rng.integers(1, 13, size=n)
    words = rng.integers(0, len(WORDS), size=int(counts.sum()))
    out, start = [], 0
    for count in counts.tolist():
        out.append(" ".join(WORDS[w] for w in words[start : start + count].tolist()))
        start += count
    return out, (counts - 6.5) / 5.5


def ignored(rng: np.random.Generator, col: Column, n: int):
    raw = rng.integers(0, 1_000_000, size=n)
    text = [str(v) for v in raw.tolist()] if col.dtype != "str" else [f"x{v}" for v in raw.tolist()]
    return text, np.zeros(n)


def blank(rng: np.random.Generator, share: float, text: list, s: np.ndarray):
    """Blank a ``share`` of rows; a blank's signal is :data:`MISSING_SIGNAL`."""
    if share <= 0:
        return text, s
    hole = rng.random(len(text)) < share
    text = [None if h else t for t, h in zip(text, hole.tolist(), strict=True)]
    return text, np.where(hole, MISSING_SIGNAL, s)
