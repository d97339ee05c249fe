"""The three baselines: naive (per ``[baseline]``), linear, and LightGBM.

Every model takes the feature matrix and the encoded target (class index 0..K-1, or the
regression target, already log-transformed when the metric is RMSLE) and predicts in the
task's shape: the positive-class probability (binary), one probability column per class
(multiclass) or values (regression). Add a model by adding a factory to :func:`model_factories`.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .contracts import Model, encode_label, n_classes
from .metric import METRICS
from .profile import Profile

SUBMISSION_MODEL = "lightgbm"
#: The models the strong one must beat by the profile's margin (tests and `verify` check it).
NAIVE_MODELS = ("naive",)
#: On standardised inputs and one-hot columns; fixed (no inner CV) to keep training fast.
RIDGE_ALPHA = 10.0
#: Below this many rows a regression LightGBM learns slower from bigger leaves: on scikit-learn's
#: diabetes (353 rows per fold) that cuts its RMSE from 58.8 to 56.0. Classification keeps the
#: Titanic recipe, which already beat the heavier-regularised variants on breast cancer and wine.
SMALL_DATA_ROWS = 500


def _one_hot(index: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros((index.size, k))
    out[np.arange(index.size), index] = 1.0
    return out


class NaiveModel:
    """Majority class (its training frequencies), target mean/median, or a one-column rule.

    The rule reads the raw column (not a feature) by row number, so it holds whatever the
    feature pack does. Integer-only arithmetic for the rule, hence identical on every OS.
    """

    def __init__(self, profile: Profile, raw: pd.DataFrame, log_target: bool) -> None:
        self.profile, self.raw, self.log_target = profile, raw, log_target
        self.constant: np.ndarray | float | None = None

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "NaiveModel":
        p = self.profile
        if p.task == "regression":
            self.constant = float(np.median(y) if p.baseline["naive"] == "median" else np.mean(y))
        else:
            counts = np.bincount(np.asarray(y, dtype=np.int64), minlength=n_classes(p))
            self.constant = counts / counts.sum()
        return self

    def _rule(self, X: pd.DataFrame) -> np.ndarray:
        base = self.profile.baseline
        values = self.raw.loc[X.index, base["rule_column"]]
        keys = values.astype("str").where(values.notna())
        mapping = {str(k): v for k, v in base["rule_map"].items()}
        predicted = [mapping.get(k, base["rule_default"]) for k in keys.tolist()]
        if self.profile.task == "regression":
            out = np.asarray(predicted, dtype=np.float64)
            return np.log1p(out) if self.log_target else out
        index = np.array([encode_label(self.profile, v) for v in predicted], dtype=np.int64)
        return _one_hot(index, n_classes(self.profile))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        if self.profile.baseline["naive"] == "rule":
            out = self._rule(X)
        elif self.profile.task == "regression":
            return np.full(len(X), self.constant)
        else:
            out = np.tile(self.constant, (len(X), 1))
        return out[:, 1] if self.profile.task == "binary" else out


class LinearModel:
    """Logistic regression / ridge on one-hot categoricals and scaled, median-imputed numbers."""

    def __init__(self, profile: Profile, categorical: list[str]) -> None:
        self.profile, self.categorical = profile, categorical
        self.pipeline: Any = None

    def _frame(self, X: pd.DataFrame) -> pd.DataFrame:
        # Category codes (-1 = blank or unseen in train): integers encode much faster than text.
        out = X.copy()
        for name in self.categorical:
            out[name] = X[name].cat.codes.astype(np.int64)
        return out

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "LinearModel":
        numeric = [c for c in X.columns if c not in self.categorical]
        encode = ColumnTransformer(
            [
                (
                    "num",
                    make_pipeline(
                        SimpleImputer(strategy="median", keep_empty_features=True), StandardScaler()
                    ),
                    numeric,
                ),
                (
                    "cat",
                    OneHotEncoder(handle_unknown="ignore", min_frequency=3, sparse_output=False),
                    self.categorical,
                ),
            ]
        )
        if self.profile.task == "regression":
            estimator: Any = Ridge(alpha=RIDGE_ALPHA)
        else:
            estimator = LogisticRegression(C=1.0, max_iter=2000)
        self.pipeline = make_pipeline(encode, estimator).fit(self._frame(X), y)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        frame = self._frame(X)
        if self.profile.task == "regression":
            return self.pipeline.predict(frame).astype(np.float64)
        proba = self.pipeline.predict_proba(frame)
        full = np.zeros((len(X), n_classes(self.profile)))
        full[:, self.pipeline.classes_.astype(np.int64)] = proba
        return full[:, 1] if self.profile.task == "binary" else full


def lightgbm_params(profile: Profile, n_rows: int) -> dict[str, Any]:
    """Fixed, reproducible parameters; the objective follows the task and the metric.

    A fixed tree count (no early stopping) and ``deterministic`` + ``force_row_wise`` + one
    thread keep runs bit-identical on one platform; across platforms only metrics are compared.
    """
    small = n_rows < SMALL_DATA_ROWS and profile.task == "regression"
    params: dict[str, Any] = {
        "learning_rate": 0.015 if small else 0.03,
        "num_leaves": 15,
        "min_data_in_leaf": 30 if small else 20,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "feature_fraction": 0.8,
        "lambda_l2": 1.0,
        "seed": 0,
        "deterministic": True,
        "force_row_wise": True,
        "num_threads": 1,
        "verbosity": -1,
    }
    if profile.task == "binary":
        params["objective"] = "binary"
    elif profile.task == "multiclass":
        params |= {"objective": "multiclass", "num_class": n_classes(profile)}
    else:
        params["objective"] = "regression_l1" if profile.metric == "mae" else "regression"
    return params


N_ROUNDS = 300


class LightGBMModel:
    def __init__(self, profile: Profile, n_rows: int) -> None:
        self.params = lightgbm_params(profile, n_rows)
        self.booster: lgb.Booster | None = None

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "LightGBMModel":
        data = lgb.Dataset(X, label=np.asarray(y, dtype=np.float64), free_raw_data=True)
        self.booster = lgb.train(self.params, data, num_boost_round=N_ROUNDS)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        assert self.booster is not None, "fit first"
        return np.asarray(self.booster.predict(X), dtype=np.float64)


def model_factories(
    profile: Profile, raw: pd.DataFrame, categorical: list[str], n_rows: int
) -> dict[str, Callable[[], Model]]:
    """Model name (as in metrics.json and ``oof_<name>.csv``) -> factory of an unfitted model."""
    log_target = METRICS[profile.metric].log_target
    return {
        "naive": lambda: NaiveModel(profile, raw, log_target),
        "linear": lambda: LinearModel(profile, categorical),
        "lightgbm": lambda: LightGBMModel(profile, n_rows),
    }


def booster_text(model: LightGBMModel) -> bytes:
    """A fitted model in LightGBM's text format (portable, diffable, no pickle)."""
    assert model.booster is not None
    return model.booster.model_to_string().encode("utf-8")


def load_booster(path: Path) -> lgb.Booster:
    return lgb.Booster(model_str=path.read_text(encoding="utf-8"))
