"""Instacart's metric: F1 per order between predicted and reordered products, averaged over orders.

An order whose user reordered nothing has the truth ``{"None"}``; predicting the literal token
``None`` (case-sensitive, combinable with product ids) is the only way to score on it. An empty
prediction scores 0 and Kaggle rejects empty fields, so writers always emit at least ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .config import NONE_TOKEN


def order_f1(truth: set[str], pred: set[str]) -> float:
    """F1 of one order; ``truth == {"None"}`` when nothing was reordered."""
    tp = len(truth & pred)
    return 0.0 if tp == 0 else 2 * tp / (len(truth) + len(pred))


def parse_products(field: str) -> set[str]:
    """Split a ``products`` field (space-separated ids and/or ``None``) into a set of tokens."""
    return set(field.split())


def format_products(product_ids: Iterable[int], include_none: bool = False) -> str:
    """Kaggle's ``products`` field: ids ascending, then ``None``; never an empty string."""
    tokens = [str(p) for p in sorted(int(p) for p in product_ids)]
    if include_none or not tokens:
        tokens.append(NONE_TOKEN)
    return " ".join(tokens)


def mean_f1(truth: Mapping[int, set[str]], pred: Mapping[int, set[str]]) -> float:
    """Mean F1 over every order in ``truth``; an order missing from ``pred`` scores 0."""
    if not truth:
        raise ValueError("no orders to score")
    # fsum is exactly rounded, so the mean does not depend on summation order.
    total = math.fsum(order_f1(t, pred.get(order_id, set())) for order_id, t in truth.items())
    return total / len(truth)
