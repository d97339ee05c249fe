"""Stage 2 inputs: one feature row per (customer, candidate article).

All features are integer counts or day differences computed from the snapshot only, so they
are identical on every OS; only the LightGBM model on top of them is platform-dependent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .candidates import CandidateConfig, cooc_seeds
from .popularity import all_time_ranking, article_counts
from .snapshot import Snapshot

FEATURES = (
    "n_buy",  # times the customer bought the article
    "days_since",  # days from the customer's last purchase of it to the target week (NaN: never)
    "pop_w1",  # article's sales last week
    "pop_w4",  # article's sales in the last 4 weeks
    "pop_age",  # article's sales last 4 weeks within the customer's age bucket
    "co_score",  # co-purchase counts with the customer's last purchases, summed
    "cust_grp",  # customer's purchases in the article's index group
    "age_b",  # customer's age bucket (-1: unknown)
    "g",  # article's index group
    "weeks_on_sale",  # weeks since the article's first sale in the history (trend / launch)
    "pop_all",  # article's interactions in the whole past (the classics)
    "pop_all_rank",  # its rank among them (0 = most met), comparable across weeks as counts grow
    "met_before",  # times the customer met the article in the whole past (0 on ratings: unseen)
)


def build_features(
    snap: Snapshot,
    candidates: pd.DataFrame,
    targets: pd.DataFrame,
    cooc: pd.DataFrame,
    cfg: CandidateConfig,
) -> pd.DataFrame:
    """Return `candidates` (cust, art) with one column per name in FEATURES, in row order."""
    tx = snap.tx
    rows = candidates[["cust", "art"]].copy()
    arts = rows["art"].to_numpy()

    pair = tx.groupby(["cust", "art"], sort=False).agg(last=("day", "max"), n=("day", "size"))
    rows = rows.merge(pair.reset_index(), on=["cust", "art"], how="left")
    rows["n_buy"] = rows["n"].fillna(0)
    rows["days_since"] = snap.target_start_day - rows["last"]

    w = snap.last_week
    rows["pop_w1"] = article_counts(tx, snap.n_articles, w, w)[arts]
    rows["pop_w4"] = article_counts(tx, snap.n_articles, w - 3, w)[arts]

    rows = rows.merge(targets[["cust", "age_b"]], on="cust", how="left")
    recent = tx[tx["week"] >= w - 3]
    by_age = pd.DataFrame(
        {"age_b": snap.customer_age_bucket[recent["cust"].to_numpy()], "art": recent["art"]}
    )
    pop_age = by_age.groupby(["age_b", "art"], sort=False).size().rename("pop_age").reset_index()
    rows = rows.merge(pop_age, on=["age_b", "art"], how="left")

    co = cooc_seeds(snap, targets["cust"], cfg).merge(cooc, on="art")
    co = co.groupby(["cust", "other"], sort=False)["count"].sum().rename("co_score")
    co = co.reset_index().rename(columns={"other": "art"})
    rows = rows.merge(co, on=["cust", "art"], how="left")

    rows["g"] = snap.article_group[arts]
    tx_group = pd.DataFrame({"cust": tx["cust"], "g": snap.article_group[tx["art"].to_numpy()]})
    cust_grp = tx_group.groupby(["cust", "g"], sort=False).size().rename("cust_grp")
    rows = rows.merge(cust_grp.reset_index(), on=["cust", "g"], how="left")

    first_week = tx.groupby("art", sort=False)["week"].min()
    rows["weeks_on_sale"] = snap.target_week - rows["art"].map(first_week)

    rows["pop_all"] = snap.item_totals[arts]
    rank_of = np.empty(snap.n_articles, dtype=np.int64)
    rank_of[all_time_ranking(snap)] = np.arange(snap.n_articles)
    rows["pop_all_rank"] = rank_of[arts]
    past = snap.past
    past = past[past["cust"].isin(targets["cust"])]
    met = past.groupby(["cust", "art"], sort=False).size().rename("met_before").reset_index()
    rows = rows.merge(met, on=["cust", "art"], how="left")

    for name in ("pop_age", "co_score", "cust_grp", "met_before"):
        rows[name] = rows[name].fillna(0)
    out = rows[["cust", "art", *FEATURES]].copy()
    out[list(FEATURES)] = out[list(FEATURES)].astype(np.float32)
    return out
