"""Randomness and arithmetic that give the same bits on every OS and CPU.

Only PCG64 ``integers``, ``random`` and ``permutation`` (integer transforms of the bit
stream) are used, weighted choices go through a cumulative sum of *integer* weights, and the
maths is IEEE ``+ - * /`` and ``sqrt`` (all correctly rounded), never ``exp``/``log`` or the
float samplers (``normal``, ``poisson``...) whose SIMD kernels differ across CPUs. Sums over
rows use ``math.fsum``, which is exactly rounded whatever the order of operations.
"""

import hashlib
import math
from collections.abc import Sequence

import numpy as np


def stream(seed: int, name: str) -> np.random.Generator:
    """An independent generator per (seed, column): adding a column never shifts another."""
    key = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "little")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, key])))


def weighted_choice(rng: np.random.Generator, weights: Sequence[int], size: int) -> np.ndarray:
    """Indices drawn with probability proportional to integer ``weights``."""
    cumulative = np.cumsum(np.asarray(weights, dtype=np.int64))
    draws = rng.integers(0, int(cumulative[-1]), size=size)
    return np.searchsorted(cumulative, draws, side="right")


def squash(z: np.ndarray) -> np.ndarray:
    """A rational sigmoid, ``0.5 + 0.5 z / (1 + |z|)``: monotone, in (0, 1), no ``exp``."""
    return 0.5 + 0.5 * z / (1.0 + np.abs(z))


def standardize(z: np.ndarray) -> np.ndarray:
    """``(z - mean) / std`` with exactly rounded sums (1 when every value is equal)."""
    values = z.tolist()
    mean = math.fsum(values) / len(values)
    var = math.fsum((v - mean) * (v - mean) for v in values) / len(values)
    return (z - mean) / (math.sqrt(var) if var > 0 else 1.0)


def format_fixed(values: np.ndarray, scale: int) -> list[str]:
    """Integers in units of ``1/scale`` as short decimals: 2200/100 -> "22", 725/100 -> "7.25"."""
    digits = len(str(scale)) - 1
    out = []
    for v in np.asarray(values, dtype=np.int64).tolist():
        sign, v = ("-", -v) if v < 0 else ("", v)
        whole, frac = divmod(v, scale)
        text = f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".") if digits else str(whole)
        out.append(sign + text)
    return out
