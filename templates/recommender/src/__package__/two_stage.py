"""The strong baseline: candidates (candidates.py) ranked by a LightGBM lambdarank model.

Training follows the time split: to predict week T, the ranker learns from weeks T-1 and T-2,
each with candidates and features built only from the weeks before it, and labels = "bought
in that week". Queries are (label week, customer); only customers with at least one bought
candidate are kept, since a query without a positive teaches lambdarank nothing. Where a week
has few buyers (ratings data: a handful of users a week), earlier label weeks are added until
the ranker has `min_train_queries` queries, so it does not learn from a dozen lists.

Customers with no purchase before the target week share one ranked list per age bucket: every
feature of theirs depends only on the bucket, so scoring one stand-in per bucket gives exactly
what scoring each of them would (and keeps 1.37 M real customers tractable).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd

from .candidates import CandidateConfig, cooccurrence, generate_candidates
from .data import Dataset
from .features import FEATURES, build_features
from .popularity import popular_ranking
from .ranking import fill_top_k
from .snapshot import Snapshot, has_history, make_snapshot, purchases_in_week


def default_ranker_params() -> dict[str, Any]:
    """LightGBM settings: fixed tree count and single-threaded deterministic training."""
    return {
        "objective": "lambdarank",
        "n_estimators": 200,
        "learning_rate": 0.05,
        "num_leaves": 31,
        "min_child_samples": 20,
        "lambdarank_truncation_level": 20,
        "random_state": 0,  # no bagging or feature sampling is on, so this barely matters
        "deterministic": True,
        "force_row_wise": True,
        "n_jobs": 1,
        "verbose": -1,
    }


@dataclass(frozen=True)
class TwoStageConfig:
    """Everything that shapes the two-stage model (tune here, not in the code)."""

    candidates: CandidateConfig = field(default_factory=CandidateConfig)
    label_weeks: int = 2  # train on the targets of weeks T-1 ... T-label_weeks
    min_train_queries: int = 600  # ... and earlier weeks while fewer queries than this
    max_label_weeks: int = 156  # ... but never more weeks than this
    history_weeks: int | None = 12  # weeks of history behind each snapshot (None: all)
    max_train_customers: int = 100_000  # per label week; a seeded sample above that
    ranker: dict[str, Any] = field(default_factory=default_ranker_params)


@dataclass(frozen=True)
class Prediction:
    """Top-k article codes per customer plus the candidate pairs they were picked from."""

    customers: np.ndarray
    top: np.ndarray  # (len(customers), k) article codes
    candidates: pd.DataFrame  # cust, art; cold customers appear under their stand-in code
    candidate_key: np.ndarray  # per customer: its own code, or its stand-in's (negative) code


def stand_in_code(age_b: np.ndarray) -> np.ndarray:
    """Negative code of each age bucket's stand-in customer (bucket -1 -> -1, 0 -> -2, ...)."""
    return -2 - np.asarray(age_b, dtype=np.int64)


def _targets(snap: Snapshot, customers: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Who gets scored: customers with history, plus one stand-in per age bucket for the rest.

    Returns (targets with `cust`, `age_b`; the candidate key of every customer).
    """
    customers = np.asarray(customers, dtype=np.int64)
    age_b = snap.customer_age_bucket[customers].astype(np.int64)
    warm = np.isin(customers, snap.past["cust"].unique())
    key = np.where(warm, customers, stand_in_code(age_b))
    buckets = np.unique(age_b[~warm])
    targets = pd.DataFrame(
        {
            "cust": np.concatenate([customers[warm], stand_in_code(buckets)]),
            "age_b": np.concatenate([age_b[warm], buckets]),
        }
    )
    return targets, key


def _candidate_features(snap: Snapshot, targets: pd.DataFrame, cfg: TwoStageConfig) -> pd.DataFrame:
    cooc = cooccurrence(snap, cfg.candidates)
    cands = generate_candidates(snap, targets, cooc, cfg.candidates)
    return build_features(snap, cands, targets, cooc, cfg.candidates)


def _label_week_rows(
    ds: Dataset, label_week: int, cfg: TwoStageConfig, seed: int
) -> pd.DataFrame | None:
    """Labelled candidate rows of one label week (None: no buyer, or no history before it).

    They depend on the week alone (the sample is seeded by it), so pooled validation over
    several target weeks can build each label week once.
    """
    truth = purchases_in_week(ds, label_week)
    if not truth or not has_history(ds, label_week, cfg.history_weeks):
        return None
    snap = make_snapshot(ds, label_week, cfg.history_weeks)
    buyers = np.array(sorted(truth), dtype=np.int64)
    if len(buyers) > cfg.max_train_customers:
        rng = np.random.default_rng([seed, label_week])
        buyers = np.sort(rng.permutation(buyers)[: cfg.max_train_customers])
    targets = pd.DataFrame(
        {"cust": buyers, "age_b": snap.customer_age_bucket[buyers].astype(np.int64)}
    )
    rows = _candidate_features(snap, targets, cfg)
    bought = pd.DataFrame(
        [(c, a) for c in buyers for a in sorted(truth[int(c)])], columns=["cust", "art"]
    )
    rows = rows.merge(bought.assign(label=1), on=["cust", "art"], how="left")
    rows["label"] = rows["label"].fillna(0).astype(np.int32)
    has_positive = rows.groupby("cust", sort=False)["label"].transform("max") > 0
    return rows[has_positive.to_numpy()].assign(label_week=label_week)


LabelCache = dict[int, pd.DataFrame | None]


def training_frame(
    ds: Dataset,
    target_week: int,
    cfg: TwoStageConfig,
    seed: int,
    cache: LabelCache | None = None,
) -> pd.DataFrame:
    """Labelled candidate rows of the label weeks before `target_week`, sorted by query.

    Weeks T-1 ... T-label_weeks always; then earlier ones while the frame has fewer than
    `min_train_queries` queries, at most `max_label_weeks` weeks back. `cache` (label week ->
    rows) is read and filled when given; it belongs to one data set and config.
    """
    cache = {} if cache is None else cache
    parts: list[pd.DataFrame] = []
    first_week = int(ds.transactions["week"].min())
    queries = 0
    for back in range(1, cfg.max_label_weeks + 1):
        label_week = target_week - back
        enough = back > cfg.label_weeks and queries >= cfg.min_train_queries
        if label_week <= first_week or enough:
            break
        if label_week not in cache:
            cache[label_week] = _label_week_rows(ds, label_week, cfg, seed)
        rows = cache[label_week]
        if rows is not None and not rows.empty:
            parts.append(rows)
            queries += rows["cust"].nunique()
    if not parts:
        raise ValueError("no training query has a positive candidate")
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values(["label_week", "cust", "art"], kind="stable", ignore_index=True)


def fit(
    ds: Dataset,
    target_week: int,
    cfg: TwoStageConfig,
    seed: int,
    cache: LabelCache | None = None,
) -> lgb.LGBMRanker:
    """Train the ranker for `target_week` on the preceding label weeks.

    `seed` only drives the customer sample when a label week has more than
    `cfg.max_train_customers` buyers (real data); the model itself is seeded by `cfg.ranker`.
    """
    frame = training_frame(ds, target_week, cfg, seed, cache)
    if frame.empty:
        raise ValueError("no training query has a positive candidate")
    group = frame.groupby(["label_week", "cust"], sort=False).size().to_numpy()
    model = lgb.LGBMRanker(**cfg.ranker)
    model.fit(frame[list(FEATURES)], frame["label"], group=group)
    return model


def predict(
    ds: Dataset,
    model: lgb.LGBMRanker,
    target_week: int,
    customers: np.ndarray,
    cfg: TwoStageConfig,
    k: int,
) -> Prediction:
    """Rank each customer's candidates and keep the best k, back-filled from popular items.

    Scores are rounded to 1e-6 and sorted stably by (customer, -score, article code), so tiny
    floating-point differences cannot reorder near-ties.
    """
    snap = make_snapshot(ds, target_week, cfg.history_weeks)
    targets, key = _targets(snap, customers)
    rows = _candidate_features(snap, targets, cfg)
    rows["score"] = np.round(model.predict(rows[list(FEATURES)]), 6)
    rows = rows.sort_values(["cust", "score", "art"], ascending=[True, False, True], kind="stable")
    scored = targets["cust"].to_numpy()
    top = fill_top_k(scored, rows[["cust", "art"]], popular_ranking(snap), k)
    row_of = pd.Series(np.arange(len(scored)), index=scored)
    return Prediction(
        customers=np.asarray(customers),
        top=top[row_of.loc[key].to_numpy()],
        candidates=rows[["cust", "art"]].reset_index(drop=True),
        candidate_key=key,
    )
