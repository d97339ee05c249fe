"""Stage 1 of the two-stage recommender: retrieve a few dozen candidates per customer.

The profile's `[candidates] sources` picks among (all integer counts, so the candidate set is
identical on every OS):
- `repurchase`: the customer's last 20 distinct purchases;
- `covisitation`: for each of the last 5 purchases, its 5 most co-purchased articles (customers
  who bought both within the last 8 weeks);
- `segment_popular`: last week's top 12 in the customer's segment (age bucket);
- `recent_popular_unseen`: the top 20 of the time-decayed last 4 weeks the customer has not
  met yet (what wins where a user meets an item once);
- `all_time_popular_unseen`: the top 30 of the whole past the customer has not met yet (the
  classics: on ratings data most of a week's positives are old, widely-liked items).
Last week's global top 20 is always added: it is also every list's back-fill.

What the candidates miss caps what the ranker can reach, hence `candidate_recall`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .popularity import (
    all_time_ranking,
    decayed_ranking,
    popular_ranking,
    recent_purchases,
    top_by_group,
    unseen_head,
)
from .profile import SOURCES
from .snapshot import Snapshot


@dataclass(frozen=True)
class CandidateConfig:
    """Which sources run (the profile's) and how many candidates each contributes."""

    sources: tuple[str, ...] = SOURCES
    n_repurchase: int = 20
    cooc_weeks: int = 8
    cooc_items_per_customer: int = 20  # caps the pair explosion on heavy buyers (real data)
    cooc_keep_per_article: int = 20  # partners kept per article (for the co_score feature)
    n_cooc_sources: int = 5
    n_cooc_per_source: int = 5
    n_global: int = 20
    n_age: int = 12
    age_weeks: int = 1
    n_unseen: int = 20
    unseen_decay_weeks: int = 4
    n_all_time: int = 30
    chunk_customers: int = 200_000  # customers per block when counting co-purchase pairs


def cooccurrence(snap: Snapshot, cfg: CandidateConfig) -> pd.DataFrame:
    """Article pairs bought by the same customer in the last `cfg.cooc_weeks` weeks.

    Returns `art`, `other`, `count` (number of customers who bought both), keeping the top
    `cfg.cooc_keep_per_article` partners per article, ordered by art, count desc, other.
    """
    past = snap.past if cfg.cooc_weeks > snap.target_week - int(snap.tx["week"].min()) else snap.tx
    recent = past[past["week"] >= snap.target_week - cfg.cooc_weeks]
    items = recent_purchases(recent, cfg.cooc_items_per_customer)[["cust", "art"]]
    customers = items["cust"].unique()
    parts = []
    for start in range(0, len(customers), cfg.chunk_customers):
        block = items[items["cust"].isin(customers[start : start + cfg.chunk_customers])]
        pairs = block.merge(block, on="cust", suffixes=("", "_other"))
        pairs = pairs[pairs["art"] != pairs["art_other"]]
        parts.append(pairs.groupby(["art", "art_other"], sort=False).size().rename("count"))
    if not parts:
        return pd.DataFrame({"art": [], "other": [], "count": []}, dtype=np.int64)
    counts = pd.concat(parts).groupby(level=[0, 1], sort=True).sum().reset_index()
    counts = counts.rename(columns={"art_other": "other"})
    counts = counts.sort_values(
        ["art", "count", "other"], ascending=[True, False, True], kind="stable"
    )
    return counts.groupby("art", sort=False).head(cfg.cooc_keep_per_article).reset_index(drop=True)


def generate_candidates(
    snap: Snapshot, targets: pd.DataFrame, cooc: pd.DataFrame, cfg: CandidateConfig
) -> pd.DataFrame:
    """Candidate (cust, art) pairs for the customers in `targets` (columns `cust`, `age_b`).

    Customers without history in the snapshot still get the global and age-bucket lists.
    Returns unique pairs sorted by cust, art.
    """
    wanted = targets["cust"]
    history = recent_purchases(snap.tx, cfg.n_repurchase)
    history = history[history["cust"].isin(wanted)]
    top_global = popular_ranking(snap)[: cfg.n_global]
    parts = [
        pd.DataFrame(
            {
                "cust": np.repeat(wanted.to_numpy(), len(top_global)),
                "art": np.tile(top_global, len(wanted)),
            }
        )
    ]
    if "repurchase" in cfg.sources:
        parts.append(history[["cust", "art"]])
    if "covisitation" in cfg.sources:
        seeds = cooc_seeds(snap, wanted, cfg)
        partners = cooc.groupby("art", sort=False).head(cfg.n_cooc_per_source)
        copurchase = seeds.merge(partners, on="art")[["cust", "other"]]
        parts.append(copurchase.rename(columns={"other": "art"}))
    if "segment_popular" in cfg.sources:
        parts.append(targets.merge(age_top(snap, cfg), on="age_b")[["cust", "art"]])
    if "recent_popular_unseen" in cfg.sources:
        ranking = decayed_ranking(snap, cfg.unseen_decay_weeks)
        unseen = unseen_head(snap, wanted.to_numpy(), ranking, cfg.n_unseen + cfg.n_repurchase)
        parts.append(unseen.groupby("cust", sort=False).head(cfg.n_unseen))
    if "all_time_popular_unseen" in cfg.sources:
        ranking = all_time_ranking(snap)
        classics = unseen_head(snap, wanted.to_numpy(), ranking, 4 * cfg.n_all_time)
        parts.append(classics.groupby("cust", sort=False).head(cfg.n_all_time))
    candidates = pd.concat(parts, ignore_index=True).astype(np.int64)
    candidates = candidates.drop_duplicates().sort_values(["cust", "art"], kind="stable")
    return candidates.reset_index(drop=True)


def cooc_seeds(snap: Snapshot, customers: pd.Series, cfg: CandidateConfig) -> pd.DataFrame:
    """`cust`, `art`: each customer's last `cfg.n_cooc_sources` distinct items in the whole
    past (a user back after months still has a taste to start from)."""
    past = snap.past
    mine = past[past["cust"].isin(customers)]
    return recent_purchases(mine, cfg.n_cooc_sources)[["cust", "art"]]


def age_top(snap: Snapshot, cfg: CandidateConfig) -> pd.DataFrame:
    """Top `cfg.n_age` articles of the last `cfg.age_weeks` weeks per age bucket (`age_b`)."""
    recent = snap.tx[snap.tx["week"] >= snap.target_week - cfg.age_weeks]
    bucket = snap.customer_age_bucket[recent["cust"].to_numpy()]
    top = top_by_group(recent, bucket, cfg.n_age)
    return top.rename(columns={"key": "age_b"})[["age_b", "art"]]
