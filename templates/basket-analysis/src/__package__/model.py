"""LightGBM P(reorder) per user x product, with out-of-fold predictions grouped by user.

Parameters follow the calibrated prototype (archetypes guide, section 4.7) plus the determinism
flags: ``deterministic`` and ``force_row_wise`` make a run reproducible on one platform, a fixed
tree count avoids early-stopping drift, and one thread removes OpenMP reduction-order effects.
"""

from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from .features import FEATURES

N_SPLITS = 5


def lgbm_params(seed: int) -> dict:
    return {
        "objective": "binary",
        "learning_rate": 0.05,
        "n_estimators": 300,
        "num_leaves": 31,
        "min_child_samples": 50,
        "subsample": 0.8,
        "subsample_freq": 1,
        "colsample_bytree": 0.8,
        "random_state": seed,
        "deterministic": True,
        "force_row_wise": True,
        "n_jobs": 1,
        "verbose": -1,
    }


def _matrix(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[:, list(FEATURES)].astype(np.float64)


def fit(frame: pd.DataFrame, seed: int) -> lgb.LGBMClassifier:
    """Fit on labelled candidate rows."""
    model = lgb.LGBMClassifier(**lgbm_params(seed))
    model.fit(_matrix(frame), frame["label"].to_numpy())
    return model


def predict(model: lgb.LGBMClassifier | lgb.Booster, frame: pd.DataFrame) -> np.ndarray:
    """P(reorder), rounded to 1e-6 so downstream choices ignore last-bit noise."""
    x = _matrix(frame)
    raw = model.predict_proba(x)[:, 1] if hasattr(model, "predict_proba") else model.predict(x)
    return np.round(raw, 6)


def out_of_fold(frame: pd.DataFrame, seed: int, n_splits: int = N_SPLITS) -> np.ndarray:
    """OOF probabilities; ``GroupKFold`` by user so no user is in both train and valid folds."""
    oof = np.zeros(len(frame))
    folds = GroupKFold(n_splits=n_splits)
    for fit_idx, valid_idx in folds.split(frame, groups=frame["user_id"].to_numpy()):
        model = fit(frame.iloc[fit_idx], seed)
        oof[valid_idx] = predict(model, frame.iloc[valid_idx])
    return oof
