"""Integer counts over a purchase history: popularity rankings and each customer's recent items.

No floats are involved, so everything here is identical on every OS.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .snapshot import Snapshot


def article_counts(
    tx: pd.DataFrame, n_articles: int, first_week: int, last_week: int
) -> np.ndarray:
    """Number of transactions of every article in weeks `first_week`...`last_week`."""
    week = tx["week"].to_numpy()
    arts = tx["art"].to_numpy()[(week >= first_week) & (week <= last_week)]
    return np.bincount(arts, minlength=n_articles).astype(np.int64)


def popular_ranking(snap: Snapshot) -> np.ndarray:
    """Every article code, best first: last week's count, then the history's count, then id.

    Covering the whole catalogue means a back-fill always finds 12 distinct articles.
    """
    last = article_counts(snap.tx, snap.n_articles, snap.last_week, snap.last_week)
    total = np.bincount(snap.tx["art"].to_numpy(), minlength=snap.n_articles)
    codes = np.arange(snap.n_articles)
    return np.lexsort((codes, -total, -last))  # lexsort is stable; the last key sorts first


def decayed_ranking(snap: Snapshot, weeks: int) -> np.ndarray:
    """Every article code, best first, by time-decayed sales of the last `weeks` weeks.

    A sale `w` weeks before the target week weighs 2 ** (weeks - w) (integers: no float ties
    that could break differently across OSes); ties: the history's count, then code.
    """
    tx = snap.tx
    age = snap.target_week - tx["week"].to_numpy().astype(np.int64)
    recent = (age >= 1) & (age <= weeks)
    weight = np.left_shift(np.int64(1), np.clip(weeks - age, 0, 62))
    score = np.zeros(snap.n_articles, dtype=np.int64)
    np.add.at(score, tx["art"].to_numpy()[recent], weight[recent])
    total = np.bincount(tx["art"].to_numpy(), minlength=snap.n_articles)
    codes = np.arange(snap.n_articles)
    return np.lexsort((codes, -total, -score))


def all_time_ranking(snap: Snapshot) -> np.ndarray:
    """Every article code, best first, by interactions in the whole past (the classics);
    ties: last week's count, then code."""
    last = article_counts(snap.tx, snap.n_articles, snap.last_week, snap.last_week)
    codes = np.arange(snap.n_articles)
    return np.lexsort((codes, -last, -snap.item_totals))


def unseen_head(
    snap: Snapshot, customers: np.ndarray, ranking: np.ndarray, depth: int
) -> pd.DataFrame:
    """`cust`, `art` rows: the first `depth` articles of `ranking` each customer has not met
    before the target week (in the whole past, not just the snapshot's window), in ranking
    order (fewer when the customer has met most of them)."""
    depth = min(len(ranking), depth)
    past = snap.past
    seen = past.loc[past["cust"].isin(customers), ["cust", "art"]].drop_duplicates()
    rank_of = np.empty(len(ranking), dtype=np.int64)
    rank_of[ranking] = np.arange(len(ranking))
    head = ranking[:depth]
    grid = pd.DataFrame({"cust": np.repeat(customers, depth), "art": np.tile(head, len(customers))})
    grid = grid.merge(seen.assign(seen=True), on=["cust", "art"], how="left")
    unseen = grid[grid["seen"].isna()].copy()
    unseen["rank"] = rank_of[unseen["art"].to_numpy()]
    unseen = unseen.sort_values(["cust", "rank"], kind="stable")
    return unseen[["cust", "art"]].reset_index(drop=True)


def top_by_group(tx: pd.DataFrame, key: np.ndarray, n: int, min_count: int = 1) -> pd.DataFrame:
    """The `n` most bought articles per value of `key` (a per-row group such as age bucket).

    Returns columns `key`, `art`, `count`, ordered by key, count descending, article code.
    """
    frame = pd.DataFrame({"key": key, "art": tx["art"].to_numpy()})
    counts = frame.groupby(["key", "art"], sort=True).size().rename("count").reset_index()
    counts = counts[counts["count"] >= min_count]
    counts = counts.sort_values(
        ["key", "count", "art"], ascending=[True, False, True], kind="stable"
    )
    return counts.groupby("key", sort=False).head(n).reset_index(drop=True)


def recent_purchases(tx: pd.DataFrame, n: int) -> pd.DataFrame:
    """Each customer's last `n` distinct articles in `tx`: most recent day first, then most
    often bought, then article code. Returns `cust`, `art`, `last_day`, `n_buy`."""
    agg = (
        tx.groupby(["cust", "art"], sort=True)
        .agg(last_day=("day", "max"), n_buy=("day", "size"))
        .reset_index()
    )
    agg = agg.sort_values(
        ["cust", "last_day", "n_buy", "art"], ascending=[True, False, False, True], kind="stable"
    )
    return agg.groupby("cust", sort=False).head(n).reset_index(drop=True)
