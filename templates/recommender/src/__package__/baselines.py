"""Naive baselines, integer-only so their outputs are byte-identical on every OS.

- `popular`: the all-time best sellers (every week before the target) for everyone.
- `recent_popular`: last week's best sellers for everyone (what H&M's sample submission does).
- `recent_unseen`: last week's best sellers the user has not interacted with yet (strong where
  a user meets an item once: views, ratings, sessions).
- `repurchase`: the user's own most recent distinct items, then last week's best sellers (the
  public-notebook baseline that beats most naive entries on H&M).

The two-stage model must beat the best of them (`best_naive` in metrics.json).
"""

from __future__ import annotations

import numpy as np

from .popularity import all_time_ranking, popular_ranking, recent_purchases, unseen_head
from .ranking import fill_top_k
from .snapshot import Snapshot

UNSEEN_DEPTH = 4
NAIVE_MODELS = ("popular", "recent_popular", "recent_unseen", "repurchase")


def predict_popular(snap: Snapshot, customers: np.ndarray, k: int) -> np.ndarray:
    """The all-time top k (every week before the target one) for every customer."""
    top = all_time_ranking(snap)[:k]
    return np.tile(top, (len(customers), 1))


def predict_recent_popular(snap: Snapshot, customers: np.ndarray, k: int) -> np.ndarray:
    """Last week's top k for every customer, as a (len(customers), k) matrix of codes."""
    top = popular_ranking(snap)[:k]
    return np.tile(top, (len(customers), 1))


def predict_recent_unseen(snap: Snapshot, customers: np.ndarray, k: int) -> np.ndarray:
    """Last week's best sellers, skipping the ones each customer already has in the history."""
    ranking = popular_ranking(snap)
    # A bounded head keeps memory at customers x UNSEEN_DEPTH x k; a customer who has seen
    # nearly all of it is topped up from the full ranking (seen items included).
    unseen = unseen_head(snap, customers, ranking, UNSEEN_DEPTH * k)
    return fill_top_k(customers, unseen, ranking, k)


def predict_repurchase(snap: Snapshot, customers: np.ndarray, k: int) -> np.ndarray:
    """Own recent purchases first, then last week's best sellers."""
    ranked = recent_purchases(snap.tx, k)[["cust", "art"]]
    return fill_top_k(customers, ranked, popular_ranking(snap), k)


PREDICTORS = {
    "popular": predict_popular,
    "recent_popular": predict_recent_popular,
    "recent_unseen": predict_recent_unseen,
    "repurchase": predict_repurchase,
}
