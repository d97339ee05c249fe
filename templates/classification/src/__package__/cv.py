"""K-fold harness: out-of-fold (OOF) predictions for train, fold-averaged predictions for test.

Each fold model predicts the rows it did not see (OOF, used for metrics and stacking) and the
whole test set; the test prediction is the mean of the fold models (Porto Seguro 1st place),
so no model is ever refit on all rows and OOF scores describe exactly what is submitted.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .metrics import round_proba
from .models import Classifier


@dataclass
class CVResult:
    """Predictions of one model under the shared folds (probabilities rounded to 1e-6)."""

    oof: np.ndarray
    test: np.ndarray
    models: list[Classifier] = field(default_factory=list)


def cross_validate(
    factory: Callable[[], Classifier],
    X: pd.DataFrame,
    y: np.ndarray,
    folds: np.ndarray,
    X_test: pd.DataFrame,
) -> CVResult:
    """Fit one model per fold; return OOF probabilities, mean test probabilities and the models."""
    fold_ids = np.unique(folds)
    if fold_ids.tolist() != list(range(fold_ids.size)):
        raise ValueError(f"fold ids must be 0..k-1, got {fold_ids.tolist()}")
    oof = np.full(len(y), np.nan)
    test_preds: list[np.ndarray] = []
    models: list[Classifier] = []
    for fold in fold_ids.tolist():
        valid = folds == fold
        model = factory()
        model.fit(X.loc[~valid], y[~valid])
        oof[valid] = model.predict_proba(X.loc[valid])[:, 1]
        test_preds.append(model.predict_proba(X_test)[:, 1])
        models.append(model)
    return CVResult(oof=round_proba(oof), test=fold_mean(test_preds), models=models)


def fold_mean(predictions: list[np.ndarray]) -> np.ndarray:
    """Mean of per-fold probabilities, summed in fold order, rounded to 1e-6.

    ``predict`` calls this too, so reloaded models reproduce train's submission byte for byte.
    """
    total = np.zeros_like(np.asarray(predictions[0], dtype=np.float64))
    for pred in predictions:
        total += pred
    return round_proba(total / len(predictions))
