"""The ``train`` and ``predict`` workflows: evaluate out-of-fold, then fit on all train orders.

Evaluation uses only ``train`` orders, the only labelled ones (Kaggle never published test
labels); LightGBM is scored out-of-fold with ``GroupKFold`` by user, the baselines need no fitting.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pandas as pd

from . import config as cfg
from . import model as reorder_model
from .baselines import Prediction, always_none, half_rule, previous_basket
from .data import BasketData, load_basket_data
from .f1_optimizer import select_baskets
from .features import build_candidates, reorder_truth
from .io import write_csv, write_json
from .metric import mean_f1
from .profile import Profile
from .submission import to_frame, write_submission

METRICS_FILE = "metrics.json"
SUBMISSION_FILE = "submission.csv"
MODEL_FILE = "model.txt"
OOF_FILE = "oof_lightgbm_f1.csv"
BASELINES = ("previous_basket", "half_rule", "always_none")


def baseline_submission_file(name: str) -> str:
    """Integer-only baselines get their own submission: byte-identical on every OS."""
    return f"submission_{name}.csv"


def as_token_sets(pred: Prediction) -> dict[int, set[str]]:
    """(products, include_none) per order -> the metric's token sets."""
    out = {}
    for order_id, (products, none) in pred.items():
        tokens = {str(p) for p in products}
        if none or not tokens:
            tokens.add(cfg.NONE_TOKEN)
        out[order_id] = tokens
    return out


def metrics_document(f1_by_model: Mapping[str, float], dataset: str, seed: int) -> dict:
    return {
        "archetype": cfg.ARCHETYPE,
        "dataset": dataset,
        "metric": "f1",
        "models": {name: {"f1": round(float(v), 6)} for name, v in f1_by_model.items()},
        "schema_version": cfg.SCHEMA_VERSION,
        "seed": seed,
    }


def baseline_predictions(data: BasketData, candidates: pd.DataFrame) -> dict[str, Prediction]:
    """Naive predictions for every target order (train and test)."""
    return {
        "previous_basket": previous_basket(data),
        "half_rule": half_rule(candidates),
        "always_none": always_none(data),
    }


def model_prediction(probs: np.ndarray, rows: pd.DataFrame) -> Prediction:
    """Expected-F1 baskets from reorder probabilities."""
    return select_baskets(rows["order_id"].to_numpy(), rows["product_id"].to_numpy(), probs)


@dataclass
class Evaluation:
    """Out-of-fold scores of every model, and what ``train`` goes on to fit and write."""

    f1: dict[str, float]
    data: BasketData
    baselines: dict[str, Prediction]
    train_rows: pd.DataFrame
    test_rows: pd.DataFrame
    oof: np.ndarray

    @property
    def best_baseline(self) -> str:
        return max(BASELINES, key=lambda name: self.f1[name])


@dataclass
class TrainResult:
    f1: dict[str, float]
    metrics: dict
    submission: pd.DataFrame
    seconds: float


def evaluate(
    data_dir: Path,
    seed: int,
    sample_users: int | None = None,
    log: Callable[[str], None] = print,
    profile: Profile | None = None,
) -> Evaluation:
    """Mean F1 of the baselines and of LightGBM out-of-fold, on the labelled ``train`` orders."""
    data = load_basket_data(data_dir, sample_users, profile)
    candidates = build_candidates(data)
    train_rows = candidates[candidates["eval_set"] == "train"].reset_index(drop=True)
    test_rows = candidates[candidates["eval_set"] == "test"].reset_index(drop=True)
    log(
        f"data: {data_dir}, {train_rows['order_id'].nunique()} train orders, "
        f"{test_rows['order_id'].nunique()} test orders, {len(candidates)} candidate rows"
    )
    truth = reorder_truth(data)
    baselines = baseline_predictions(data, candidates)
    f1 = {name: mean_f1(truth, as_token_sets(pred)) for name, pred in baselines.items()}
    oof = reorder_model.out_of_fold(train_rows, seed)
    f1["lightgbm_f1"] = mean_f1(truth, as_token_sets(model_prediction(oof, train_rows)))
    return Evaluation(f1, data, baselines, train_rows, test_rows, oof)


def oof_frame(evaluation: Evaluation) -> pd.DataFrame:
    """Out-of-fold P(reorder) per candidate (user x product of each train order), with its label."""
    rows = evaluation.train_rows
    return pd.DataFrame(
        {
            "order_id": rows["order_id"].to_numpy(),
            "product_id": rows["product_id"].to_numpy(),
            "probability": evaluation.oof,
            "label": rows["label"].to_numpy(),
        }
    ).sort_values(["order_id", "product_id"], kind="stable")


def train(
    data_dir: Path,
    out_dir: Path,
    seed: int,
    dataset: str,
    sample_users: int | None = None,
    log: Callable[[str], None] = print,
    profile: Profile | None = None,
) -> TrainResult:
    """OOF evaluation -> ``metrics.json`` and ``oof_lightgbm_f1.csv``; full fit -> ``model.txt``
    and ``submission.csv``. The baselines' test predictions go to ``submission_<baseline>.csv``.
    """
    start = time.perf_counter()
    ev = evaluate(data_dir, seed, sample_users, log, profile)
    metrics = metrics_document(ev.f1, dataset, seed)
    write_json(metrics, out_dir / METRICS_FILE)
    write_csv(oof_frame(ev), out_dir / OOF_FILE)
    test_ids = ids_of_test_orders(ev.data)
    for name, pred in ev.baselines.items():
        write_submission(to_frame(pred, test_ids), out_dir / baseline_submission_file(name))

    model = reorder_model.fit(ev.train_rows, seed)
    model.booster_.save_model(str(out_dir / MODEL_FILE))
    submission = predict_submission(ev.data, ev.test_rows, model)
    write_submission(submission, out_dir / SUBMISSION_FILE)
    return TrainResult(ev.f1, metrics, submission, time.perf_counter() - start)


def ids_of_test_orders(data: BasketData) -> np.ndarray:
    orders = data.orders
    return np.sort(orders.loc[orders["eval_set"] == "test", "order_id"].to_numpy())


def predict_submission(
    data: BasketData, test_rows: pd.DataFrame, model: lgb.LGBMClassifier | lgb.Booster
) -> pd.DataFrame:
    probs = reorder_model.predict(model, test_rows)
    return to_frame(model_prediction(probs, test_rows), ids_of_test_orders(data))


def predict(
    data_dir: Path,
    out_path: Path,
    model_name: str,
    model_path: Path,
    seed: int,
    sample_users: int | None = None,
    log: Callable[[str], None] = print,
    profile: Profile | None = None,
) -> pd.DataFrame:
    """Write a submission for the test orders with any of the models."""
    data = load_basket_data(data_dir, sample_users, profile)
    candidates = build_candidates(data)
    test_rows = candidates[candidates["eval_set"] == "test"].reset_index(drop=True)
    if model_name == "lightgbm_f1":
        if model_path.is_file():
            log(f"model: {model_path}")
            model: lgb.LGBMClassifier | lgb.Booster = lgb.Booster(model_file=str(model_path))
        else:
            log(f"model: {model_path} not found, fitting on all train orders")
            model = reorder_model.fit(candidates[candidates["eval_set"] == "train"], seed)
        submission = predict_submission(data, test_rows, model)
    else:
        chosen = baseline_predictions(data, candidates)[model_name]
        submission = to_frame(chosen, ids_of_test_orders(data))
    write_submission(submission, out_path)
    return submission
