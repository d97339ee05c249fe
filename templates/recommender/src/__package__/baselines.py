"""Integer-only baselines: their outputs are byte-identical on every OS.

- `popular`: last week's global top 12 for everyone (what sample_submission.csv does).
- `heuristic`: the customer's own most recent distinct purchases, then the popular list (the
  public-notebook baseline that beats most naive entries on H&M).
"""

from __future__ import annotations

import numpy as np

from .constants import K
from .popularity import popular_ranking, recent_purchases
from .ranking import fill_top_k
from .snapshot import Snapshot


def predict_popular(snap: Snapshot, customers: np.ndarray, k: int = K) -> np.ndarray:
    """Last week's top k for every customer, as a (len(customers), k) matrix of codes."""
    top = popular_ranking(snap)[:k]
    return np.tile(top, (len(customers), 1))


def predict_heuristic(snap: Snapshot, customers: np.ndarray, k: int = K) -> np.ndarray:
    """Own recent purchases first, then last week's best sellers."""
    ranked = recent_purchases(snap.tx, k)[["cust", "art"]]
    return fill_top_k(customers, ranked, popular_ranking(snap), k)
