"""Competition metrics: accuracy (Titanic's), plus ROC-AUC and log loss for finer comparison.

Accuracy on 891 rows moves in steps of 0.0011 and depends on one threshold; AUC and log loss
rank and calibrate the probabilities, which tells models apart long before accuracy does.
"""

import numpy as np
from sklearn.metrics import roc_auc_score

from .constants import PROBA_DECIMALS

LOG_LOSS_EPS = 1e-15
THRESHOLD = 0.5


def round_proba(proba: np.ndarray) -> np.ndarray:
    """Round probabilities to 1e-6 so last-bit float noise cannot flip labels or ranks."""
    return np.round(np.asarray(proba, dtype=np.float64), PROBA_DECIMALS)


def to_labels(proba: np.ndarray) -> np.ndarray:
    """Hard 0/1 labels: survived when the (rounded) probability is above 0.5."""
    return (round_proba(proba) > THRESHOLD).astype(np.int64)


def _check(y_true: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y_true)
    v = np.asarray(values, dtype=np.float64)
    if y.shape != v.shape or y.ndim != 1 or y.size == 0:
        raise ValueError(
            f"expected two non-empty 1-D arrays of equal length, got {y.shape}, {v.shape}"
        )
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true must contain only 0 and 1")
    return y.astype(np.int64), v


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of exact matches between 0/1 labels and 0/1 predictions."""
    y, p = _check(y_true, y_pred)
    return float(np.mean(y == p))


def roc_auc(y_true: np.ndarray, proba: np.ndarray) -> float:
    """Area under the ROC curve; raises instead of returning NaN when one class is absent."""
    y, p = _check(y_true, proba)
    if np.unique(y).size < 2:
        raise ValueError(
            "ROC-AUC is undefined when y_true holds a single class "
            f"(all {int(y[0])}); use folds that contain both classes"
        )
    return float(roc_auc_score(y, p))


def log_loss(y_true: np.ndarray, proba: np.ndarray) -> float:
    """Mean binary cross-entropy with probabilities clipped to [1e-15, 1 - 1e-15]."""
    y, p = _check(y_true, proba)
    p = np.clip(p, LOG_LOSS_EPS, 1.0 - LOG_LOSS_EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1.0 - p)))


def evaluate(y_true: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    """All three metrics for one model's out-of-fold probabilities."""
    return {
        "accuracy": accuracy(y_true, to_labels(proba)),
        "log_loss": log_loss(y_true, proba),
        "roc_auc": roc_auc(y_true, proba),
    }
