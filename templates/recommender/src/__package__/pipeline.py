"""Evaluate the three models on the validation week and build the submission.

Validation: predict the last observed week from the weeks before it (MAP@k over that week's
buyers). Submission: shift everything by one week, i.e. retrain with the validation week
included and predict the week after the data ends, for every customer of sample_submission.csv.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from . import two_stage
from .baselines import NAIVE_MODELS, PREDICTORS
from .candidates import CandidateConfig
from .constants import MODEL_NAMES
from .data import Dataset
from .metric import mapk
from .snapshot import has_history, make_snapshot, purchases_in_week
from .submission import submission_frame


@dataclass(frozen=True)
class PipelineConfig:
    """Settings shared by the baselines and the two-stage model (`k` is the profile's)."""

    k: int = 12
    two_stage: two_stage.TwoStageConfig = field(default_factory=two_stage.TwoStageConfig)

    @property
    def history_weeks(self) -> int | None:
        return self.two_stage.history_weeks

    @classmethod
    def for_profile(cls, k: int, sources: tuple[str, ...]) -> PipelineConfig:
        """The defaults with the profile's K and candidate sources."""
        candidates = CandidateConfig(sources=sources)
        return cls(k=k, two_stage=two_stage.TwoStageConfig(candidates=candidates))


def predict_week(
    ds: Dataset,
    model: str,
    target_week: int,
    customers: np.ndarray,
    cfg: PipelineConfig,
    seed: int,
    cache: two_stage.LabelCache | None = None,
) -> tuple[np.ndarray, two_stage.Prediction | None]:
    """Top-k article codes per customer for `target_week` (plus two_stage's full prediction).

    `cache`: two_stage's label-week rows, shared by the target weeks of one evaluation.
    """
    if model == "two_stage":
        with threadpool_limits(1):
            ranker = two_stage.fit(ds, target_week, cfg.two_stage, seed, cache)
            pred = two_stage.predict(ds, ranker, target_week, customers, cfg.two_stage, cfg.k)
        return pred.top, pred
    if model not in PREDICTORS:
        raise ValueError(f"unknown model {model!r}; choose from {MODEL_NAMES}")
    snap = make_snapshot(ds, target_week, cfg.history_weeks)
    return PREDICTORS[model](snap, customers, cfg.k), None


def map_at_k(truth: dict[int, set[int]], customers: np.ndarray, top: np.ndarray, k: int) -> float:
    """MAP@k of a prediction matrix against one week's purchases."""
    predictions = {int(c): [int(a) for a in row] for c, row in zip(customers, top, strict=True)}
    return mapk(truth, predictions, k)


def candidate_recall(truth: dict[int, set[int]], pred: two_stage.Prediction) -> float:
    """Share of the week's (customer, article) purchases that were among the candidates."""
    key = dict(zip(pred.customers.tolist(), pred.candidate_key.tolist(), strict=True))
    bought = pd.DataFrame(
        [(key[c], a) for c, arts in truth.items() for a in arts], columns=["cust", "art"]
    )
    found = bought.merge(pred.candidates.drop_duplicates(), on=["cust", "art"])
    return len(found) / len(bought)


def validation_weeks(ds: Dataset, cfg: PipelineConfig, weeks: int) -> list[int]:
    """Those of the last `weeks` observed weeks that have buyers and history before them."""
    first = ds.last_week - weeks + 1
    return [
        week
        for week in range(max(first, 1), ds.last_week + 1)
        if has_history(ds, week, cfg.history_weeks) and purchases_in_week(ds, week)
    ]


def evaluate(
    ds: Dataset,
    cfg: PipelineConfig,
    seed: int,
    models: tuple[str, ...] = MODEL_NAMES,
    weeks: int = 1,
) -> dict[str, dict[str, float]]:
    """MAP@k of each model on the last observed week, or pooled over the last `weeks` weeks
    (two_stage also reports candidate recall).

    Pooled means every (buyer, week) pair counts once: where a week has a handful of buyers
    (ratings data), one week says nothing and fifty do. `best_naive` repeats the best naive
    model's score (the margin rule compares against it).
    """
    sums: dict[str, dict[str, float]] = {m: {} for m in models}
    user_weeks, purchases, cache = 0, 0, {}
    for week in validation_weeks(ds, cfg, weeks):
        truth = purchases_in_week(ds, week)
        buyers = np.array(sorted(truth), dtype=np.int64)  # non-buyers do not count in MAP@k
        bought = sum(len(arts) for arts in truth.values())
        for model in models:
            top, pred = predict_week(ds, model, week, buyers, cfg, seed, cache)
            total = sums[model]
            score = map_at_k(truth, buyers, top, cfg.k) * len(buyers)
            total["map_at_k"] = total.get("map_at_k", 0.0) + score
            if pred is not None:
                recall = candidate_recall(truth, pred) * bought
                total["candidate_recall"] = total.get("candidate_recall", 0.0) + recall
        user_weeks, purchases = user_weeks + len(buyers), purchases + bought
    if not user_weeks:
        raise ValueError(f"no buyer in the last {weeks} week(s) to validate on")
    results = {
        model: {
            name: value / (purchases if name == "candidate_recall" else user_weeks)
            for name, value in total.items()
        }
        for model, total in sums.items()
    }
    naive = [results[m]["map_at_k"] for m in NAIVE_MODELS if m in results]
    if naive:
        results["best_naive"] = {"map_at_k": max(naive)}
    return results


def build_submission(ds: Dataset, model: str, cfg: PipelineConfig, seed: int) -> pd.DataFrame:
    """Predict the week after the data for every sample_submission customer, in its order."""
    order = ds.submission_customers
    customers, inverse = np.unique(order, return_inverse=True)
    top, _ = predict_week(ds, model, ds.last_week + 1, customers, cfg, seed)
    return submission_frame(ds.customer_ids[order], ds.article_ids, top[inverse])
