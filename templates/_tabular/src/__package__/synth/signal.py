"""The planted signal: a target a tree model can find and the naive baseline cannot.

Feature columns get weights (the first six 1.0 .. 0.5, the rest are noise), numeric columns
alternate straight and V-shaped effects (a linear model misses the V), and two interactions
(between the two strongest columns, and between the naive rule's column and the strongest)
add what no single column explains. The rule column carries a main effect of its own, so the
naive rule is a fair, beatable baseline. The score then becomes the task's target::

    binary      y = [U < squash(K * (z - C))]
    multiclass  y = argmax_c (z_c + NOISE * U_c)        (ordinal cut of z for QWK)
    regression  y = low + (high - low) * squash(z + noise)^2
"""

import numpy as np

from ..profile import Profile
from .stable import squash, standardize, stream

WEIGHTS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
RULE_WEIGHT = 0.9
INTERACTION = 2.0
RULE_INTERACTION = 0.9
K = 8.0
C = 0.2
CLASS_NOISE = 1.2
REGRESSION_NOISE = 0.35


def rule_signal(profile: Profile, text: list) -> np.ndarray:
    """+1 / -1 per row, from what the naive rule predicts for it."""
    base = profile.baseline
    mapping = {str(k): v for k, v in base["rule_map"].items()}
    predicted = [
        mapping.get(t, base["rule_default"]) if t is not None else base["rule_default"]
        for t in text
    ]
    if profile.task == "binary":
        return np.array([1.0 if v == profile.positive else -1.0 for v in predicted])
    if profile.task == "multiclass":
        return np.array([float(profile.labels.index(v)) for v in predicted])
    values = np.asarray(predicted, dtype=np.float64)
    return np.where(values > np.median(values), 1.0, -1.0)


def score(profile: Profile, signals: dict[str, np.ndarray], rule: np.ndarray | None, n: int):
    """The planted score z (before noise) of every row."""
    names = list(signals)
    z = np.zeros(n)
    for name, weight in zip(names, WEIGHTS, strict=False):
        z = z + weight * signals[name]
    if len(names) >= 2:
        z = z + INTERACTION * signals[names[0]] * signals[names[1]]
    if rule is not None and profile.task != "multiclass":
        z = z + RULE_WEIGHT * rule
        if names:
            z = z + RULE_INTERACTION * rule * signals[names[0]]
    return z


def _ordinal(z: np.ndarray, k: int) -> np.ndarray:
    """Cut z at its quantiles into k ordered classes (exact: ranks, not float quantiles)."""
    ranks = np.argsort(np.argsort(z, kind="stable"), kind="stable")
    return (ranks * k // len(z)).astype(np.int64)


def _multiclass(profile: Profile, signals: dict, rule, z: np.ndarray, seed: int) -> np.ndarray:
    k = len(profile.labels)
    if profile.metric == "qwk":
        return _ordinal(standardize(z), k)
    rng = stream(seed, "__classes__")
    names = list(signals)
    scores = np.zeros((len(z), k))
    for c in range(k):
        effects = rng.integers(-2, 3, size=len(names)) / 2.0
        for name, effect, weight in zip(names, effects.tolist(), WEIGHTS, strict=False):
            scores[:, c] = scores[:, c] + 2.0 * weight * effect * signals[name]
        if len(names) >= 2:
            sign = 1.0 if c % 2 == 0 else -1.0
            scores[:, c] = scores[:, c] + sign * INTERACTION * signals[names[0]] * signals[names[1]]
    if rule is not None:
        scores[np.arange(len(z)), rule.astype(np.int64)] += 2.0 * RULE_WEIGHT
    scores = scores + CLASS_NOISE * rng.random(scores.shape)
    return np.argmax(scores, axis=1).astype(np.int64)


def plant_target(
    profile: Profile, signals: dict[str, np.ndarray], rule: np.ndarray | None, seed: int
) -> np.ndarray:
    """Class indices (binary: 1 = positive) or regression values (floats)."""
    n = len(next(iter(signals.values()))) if signals else len(rule)
    z = score(profile, signals, rule, n)
    rng = stream(seed, "__target__")
    if profile.task == "binary":
        p = squash(K * (standardize(z) - C))
        return (rng.random(n) < p).astype(np.int64)
    if profile.task == "multiclass":
        return _multiclass(profile, signals, rule, z, seed)
    noise = REGRESSION_NOISE * (rng.random(n) + rng.random(n) + rng.random(n) - 1.5)
    q = squash(standardize(z) + noise)
    col = profile.columns[profile.target_col]
    low = 0.0 if col.min is None else col.min
    high = 100.0 if col.max is None else col.max
    return low + (high - low) * q * q
