"""MAP@12 exactly as the H&M competition computes it.

- Only customers who bought something in the target week count (U = number of buyers).
- A buyer with no prediction scores 0 but still counts in U.
- A predicted article already listed earlier scores once (duplicates never help).
- Each customer's sum is divided by min(|actual|, 12), so filling all 12 slots never hurts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

DEFAULT_K = 12  # H&M's MAP@12; the pipeline always passes the profile's k


def apk(actual: Iterable[Hashable], predicted: Sequence[Hashable], k: int = DEFAULT_K) -> float:
    """Average precision at k of one customer's ranked list (0.0 when `actual` is empty).

    Ids may be strings (submission files) or integer codes (the in-memory pipeline).
    """
    truth = set(actual)
    if not truth:
        return 0.0
    hits, score, seen = 0, 0.0, set()
    for i, p in enumerate(predicted[:k]):
        if p in truth and p not in seen:
            hits += 1
            score += hits / (i + 1)
        seen.add(p)
    return score / min(len(truth), k)


def mapk(
    truth: Mapping[Hashable, Iterable[Hashable]],
    predictions: Mapping[Hashable, Sequence[Hashable]],
    k: int = DEFAULT_K,
) -> float:
    """Mean of `apk` over customers with at least one purchase in `truth`.

    Customers in `predictions` but not in `truth` (or with an empty truth) are ignored, as on
    the leaderboard; buyers missing from `predictions` score 0.
    """
    scores = []
    for customer, actual in truth.items():
        actual_set = set(actual)
        if actual_set:
            scores.append(apk(actual_set, predictions.get(customer, ()), k))
    if not scores:
        raise ValueError("no customer with purchases in the target week")
    return sum(scores) / len(scores)


def parse_prediction(text: object) -> list[str]:
    """Split a space-separated `prediction` cell; blank or missing cells give []."""
    if not isinstance(text, str):
        return []
    return text.split()
