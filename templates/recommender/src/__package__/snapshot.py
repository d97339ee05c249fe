"""The time split: what is known when predicting one target week.

Every model sees only a `Snapshot`, built from weeks strictly before its target week, so no
feature, candidate or popularity count can leak the answer. Validation predicts the last
observed week; the submission predicts the week after it (shifting every week by one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .data import Dataset


@dataclass(frozen=True)
class Snapshot:
    """Transactions of the `history_weeks` weeks before `target_week` plus static attributes.

    `all_tx` is the data set's whole table (shared, not copied); only its weeks before the
    target week are ever read (`past`, `item_totals`): all-time popularity and "met before"
    need more than the recent window where a user meets an item once, years apart.
    """

    tx: pd.DataFrame  # day, week, cust, art (int codes)
    target_week: int
    target_start_day: int  # day index of the target week's first day (for "days since")
    n_articles: int
    article_group: np.ndarray
    customer_age_bucket: np.ndarray
    all_tx: pd.DataFrame | None = None  # None: `tx` is the whole past

    @cached_property
    def past(self) -> pd.DataFrame:
        """Every transaction before the target week (`tx` when the window holds them all)."""
        if self.all_tx is None:
            return self.tx
        keep = (self.all_tx["week"] < self.target_week).to_numpy()
        if keep.sum() == len(self.tx):
            return self.tx
        return self.all_tx[keep].reset_index(drop=True)

    @cached_property
    def item_totals(self) -> np.ndarray:
        """All-time interactions of every article before the target week (int64)."""
        source = self.tx if self.all_tx is None else self.all_tx
        arts = source["art"].to_numpy()[(source["week"] < self.target_week).to_numpy()]
        return np.bincount(arts, minlength=self.n_articles).astype(np.int64)

    @property
    def last_week(self) -> int:
        """The week just before the target week (the "last week" of popularity baselines)."""
        return self.target_week - 1


def week_start_day(ds: Dataset, week: int) -> int:
    """Day index of the first day of `week`; works for the week after the data ends."""
    last_day = int(ds.transactions["day"].max())
    return last_day - 7 * (ds.last_week - week) - 6


def has_history(ds: Dataset, target_week: int, history_weeks: int | None = None) -> bool:
    """True when the window `make_snapshot` would take for `target_week` has transactions."""
    week = ds.transactions["week"]
    lo = -1 if history_weeks is None else target_week - history_weeks
    return bool(((week < target_week) & (week >= lo)).any())


def make_snapshot(ds: Dataset, target_week: int, history_weeks: int | None = None) -> Snapshot:
    """History for `target_week`: weeks `target_week - history_weeks` ... `target_week - 1`."""
    week = ds.transactions["week"]
    keep = week < target_week
    if history_weeks is not None:
        keep &= week >= target_week - history_weeks
    tx = ds.transactions[keep.to_numpy()].reset_index(drop=True)
    if tx.empty:
        raise ValueError(f"no transactions before week {target_week}")
    return Snapshot(
        tx=tx,
        target_week=target_week,
        target_start_day=week_start_day(ds, target_week),
        n_articles=ds.n_articles,
        article_group=ds.article_group,
        customer_age_bucket=ds.customer_age_bucket,
        all_tx=ds.transactions,
    )


def purchases_in_week(ds: Dataset, week: int) -> dict[int, set[int]]:
    """Ground truth of one week: customer code -> set of article codes bought."""
    tx = ds.transactions[(ds.transactions["week"] == week).to_numpy()]
    pairs = tx[["cust", "art"]].drop_duplicates().sort_values(["cust", "art"], kind="stable")
    truth: dict[int, set[int]] = {}
    for cust, art in zip(pairs["cust"].to_numpy(), pairs["art"].to_numpy(), strict=True):
        truth.setdefault(int(cust), set()).add(int(art))
    return truth


def week_dates(ds: Dataset, week: int) -> tuple[str, str]:
    """First and last calendar day of `week` as YYYY-MM-DD (for messages)."""
    start = ds.first_date + pd.Timedelta(days=week_start_day(ds, week))
    end = start + pd.Timedelta(days=6)
    return start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")
