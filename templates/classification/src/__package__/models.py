"""The two baselines: a naive gender rule and LightGBM with fixed, reproducible parameters.

Both expose ``fit(X, y)`` and ``predict_proba(X)`` so one cross-validation harness trains and
scores them alike; add a model by adding a factory to ``MODEL_FACTORIES``.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import lightgbm as lgb
import numpy as np
import pandas as pd


class Classifier(Protocol):
    """The slice of the scikit-learn API the CV harness relies on."""

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> Any: ...

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray: ...


class GenderModel:
    """Women survive, men do not: Kaggle's ``gender_submission.csv`` as a model.

    Its "probabilities" are hard 0/1 values, so its log loss is huge by design and its
    ROC-AUC is the balanced accuracy of the rule. Integer-only, hence identical on every OS.
    """

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "GenderModel":
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        female = (X["male"].to_numpy() == 0).astype(np.float64)
        return np.column_stack([1.0 - female, female])


#: Exactly the parameters of archetypes.md section 2.7. A fixed tree count (no early stopping)
#: and ``deterministic`` + ``force_row_wise`` + one thread keep runs bit-identical on one
#: platform; across platforms only the metrics are compared (within 5e-3).
LIGHTGBM_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.03,
    "n_estimators": 300,
    "num_leaves": 15,
    "min_child_samples": 20,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "reg_lambda": 1.0,
    "random_state": 0,
    "deterministic": True,
    "force_row_wise": True,
    "n_jobs": 1,
    "verbose": -1,
}


def make_lightgbm() -> lgb.LGBMClassifier:
    """A fresh, unfitted LightGBM classifier with the baseline parameters."""
    return lgb.LGBMClassifier(**LIGHTGBM_PARAMS)


#: Model name (as in metrics.json and ``oof_<name>.csv``) -> factory of an unfitted model.
MODEL_FACTORIES: dict[str, Callable[[], Classifier]] = {
    "gender": GenderModel,
    "lightgbm": make_lightgbm,
}

#: The model whose test predictions become ``submission.csv``.
SUBMISSION_MODEL = "lightgbm"


def save_lightgbm(model: lgb.LGBMClassifier, path: Path) -> Path:
    """Save a fitted model in LightGBM's text format (portable, diffable, no pickle).

    Python writes the file (UTF-8, LF) rather than LightGBM's C++ code, so paths with spaces
    or non-ASCII characters behave the same on every OS.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model.booster_.model_to_string().encode("utf-8"))
    return path


def load_lightgbm(path: Path) -> lgb.Booster:
    """Load a model saved by :func:`save_lightgbm`."""
    return lgb.Booster(model_str=path.read_text(encoding="utf-8"))
