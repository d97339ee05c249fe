"""Registry of the metrics Kaggle tabular competitions use, with their direction.

Predictions come in one shape per task: binary, the positive-class probability (1-D);
multiclass, one probability column per class (n x K); multilabel, one probability column per
target (n x L, against an n x L 0/1 truth); regression, the values. Label metrics
turn probabilities into labels with a :class:`Decision` (a threshold, or QWK cut-points), which
:func:`tune_decision` fits on out-of-fold predictions when the metric needs it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn import metrics as skm

PROBA_DECIMALS = 6
LOG_LOSS_EPS = 1e-15
CLASSIFICATION = ("binary", "multiclass")


def round_proba(values: np.ndarray) -> np.ndarray:
    """Round to 1e-6 so last-bit float noise can never flip a label or a rank."""
    return np.round(np.asarray(values, dtype=np.float64), PROBA_DECIMALS)


@dataclass(frozen=True)
class Decision:
    """How predictions become labels: a binary threshold, or cut-points on the class index."""

    threshold: float = 0.5
    cuts: tuple[float, ...] = ()

    def labels(self, pred: np.ndarray) -> np.ndarray:
        """Class indices (0..K-1) for binary or multiclass predictions."""
        pred = np.asarray(pred, dtype=np.float64)
        if pred.ndim == 1:
            return (round_proba(pred) > self.threshold).astype(np.int64)
        if self.cuts:
            return np.searchsorted(np.asarray(self.cuts), expected_index(pred)).astype(np.int64)
        return np.argmax(round_proba(pred), axis=1).astype(np.int64)

    def as_dict(self) -> dict[str, object]:
        return {"cuts": list(self.cuts), "threshold": self.threshold}


def expected_index(proba: np.ndarray) -> np.ndarray:
    """Probability-weighted class index: an ordinal score for cut-points."""
    return round_proba(proba @ np.arange(proba.shape[1], dtype=np.float64))


@dataclass(frozen=True)
class Metric:
    name: str
    higher_is_better: bool
    tasks: tuple[str, ...]
    score: Callable[[np.ndarray, np.ndarray, Decision], float]
    #: "threshold" or "cuts" when the decision is tuned on OOF for this metric.
    tuned: str = ""
    log_target: bool = False

    def better(self, a: float, b: float) -> bool:
        return a > b if self.higher_is_better else a < b


def _proba_matrix(pred: np.ndarray) -> np.ndarray:
    pred = np.asarray(pred, dtype=np.float64)
    return np.column_stack([1.0 - pred, pred]) if pred.ndim == 1 else pred


def _log_loss(y, pred, _d) -> float:
    proba = np.clip(_proba_matrix(pred), LOG_LOSS_EPS, 1.0 - LOG_LOSS_EPS)
    proba = proba / proba.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(proba[np.arange(len(y)), np.asarray(y, dtype=np.int64)])))


def _roc_auc(y, pred, _d) -> float:
    y = np.asarray(y)
    if np.unique(y).size < 2:
        raise ValueError("ROC-AUC is undefined when y_true holds a single class")
    return float(skm.roc_auc_score(y, np.asarray(pred, dtype=np.float64)))


def _mean_roc_auc(y, pred, _d) -> float:
    """Kaggle's mean column-wise ROC-AUC (Jigsaw): every target column counts alike."""
    y, pred = np.asarray(y), np.asarray(pred, dtype=np.float64)
    return float(np.mean([_roc_auc(y[:, k], pred[:, k], _d) for k in range(y.shape[1])]))


def normalized_gini(y: np.ndarray, pred: np.ndarray) -> float:
    """Gini of ``pred``'s ordering divided by the perfect ordering's (2 AUC - 1 for 0/1 ``y``)."""
    y = np.asarray(y, dtype=np.float64)

    def gini(order_by: np.ndarray) -> float:
        order = np.lexsort((np.arange(len(y)), -np.asarray(order_by, dtype=np.float64)))
        cum = np.cumsum(y[order]) / y.sum()
        return float(np.sum(cum - np.arange(1, len(y) + 1) / len(y)))

    return gini(pred) / gini(y)


def _regression(fn: Callable) -> Callable[[np.ndarray, np.ndarray, Decision], float]:
    return lambda y, pred, _d: float(fn(np.asarray(y, dtype=np.float64), np.asarray(pred)))


def _labels(fn: Callable) -> Callable[[np.ndarray, np.ndarray, Decision], float]:
    return lambda y, pred, d: float(fn(np.asarray(y, dtype=np.int64), d.labels(pred)))


def _rmsle(y: np.ndarray, pred: np.ndarray) -> float:
    if (y < 0).any() or (pred < 0).any():
        raise ValueError("RMSLE needs non-negative targets and predictions")
    return float(np.sqrt(np.mean((np.log1p(pred) - np.log1p(y)) ** 2)))


def _smape(y: np.ndarray, pred: np.ndarray) -> float:
    """Symmetric MAPE in percent (0..200), Web Traffic's: a day with both values 0 scores 0."""
    denominator = np.abs(y) + np.abs(pred)
    safe = np.where(denominator == 0, 1.0, denominator)
    return float(np.mean(np.where(denominator == 0, 0.0, 200.0 * np.abs(pred - y) / safe)))


def _rmspe(y: np.ndarray, pred: np.ndarray) -> float:
    """Root mean squared percentage error over the rows with y != 0 (Rossmann ignores the rest)."""
    scored = y != 0
    if not scored.any():
        raise ValueError("RMSPE is undefined when every target is 0")
    return float(np.sqrt(np.mean(((y[scored] - pred[scored]) / y[scored]) ** 2)))


def _qwk(y, pred, d: Decision) -> float:
    pred = np.asarray(pred, dtype=np.float64)
    labels = d.labels(pred) if pred.ndim == 2 else np.searchsorted(np.asarray(d.cuts), pred)
    return float(skm.cohen_kappa_score(np.asarray(y, dtype=np.int64), labels, weights="quadratic"))


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("accuracy", True, CLASSIFICATION, _labels(skm.accuracy_score)),
        Metric("roc_auc", True, ("binary",), _roc_auc),
        Metric("log_loss", False, CLASSIFICATION, _log_loss),
        Metric("f1", True, ("binary",), _labels(skm.f1_score), tuned="threshold"),
        Metric(
            "macro_f1",
            True,
            CLASSIFICATION,
            _labels(lambda y, p: skm.f1_score(y, p, average="macro")),
        ),
        Metric("mcc", True, ("binary",), _labels(skm.matthews_corrcoef), tuned="threshold"),
        Metric("qwk", True, ("multiclass",), _qwk, tuned="cuts"),
        Metric("gini", True, ("binary",), _regression(normalized_gini)),
        Metric("mean_roc_auc", True, ("multilabel",), _mean_roc_auc),
        Metric("rmse", False, ("regression",), _regression(skm.root_mean_squared_error)),
        Metric("rmsle", False, ("regression",), _regression(_rmsle), log_target=True),
        Metric("mae", False, ("regression",), _regression(skm.mean_absolute_error)),
        Metric("smape", False, ("regression",), _regression(_smape)),
        Metric("rmspe", False, ("regression",), _regression(_rmspe), log_target=True),
        Metric("r2", True, ("regression",), _regression(skm.r2_score)),
    )
}

#: Reported next to the competition's metric, so models can be compared more finely.
EXTRA = {
    "binary": ("accuracy", "roc_auc", "log_loss"),
    "multiclass": ("accuracy", "log_loss", "macro_f1"),
    "regression": ("rmse", "mae", "r2"),
    "multilabel": (),
}


def reported_metrics(task: str, primary: str) -> list[str]:
    """The competition metric first, then the task's usual companions."""
    return [primary, *(m for m in EXTRA[task] if m != primary)]


def _grid_threshold(metric: Metric, y: np.ndarray, pred: np.ndarray) -> Decision:
    best = Decision()
    best_score = metric.score(y, pred, best)
    for step in range(5, 96):
        candidate = Decision(threshold=step / 100)
        score = metric.score(y, pred, candidate)
        if metric.better(score, best_score):
            best, best_score = candidate, score
    return best


def _search_cuts(metric: Metric, y: np.ndarray, pred: np.ndarray) -> Decision:
    """Coordinate search of K-1 cut-points on the expected class index (three sweeps)."""
    k = pred.shape[1]
    cuts = [i + 0.5 for i in range(k - 1)]
    best_score = metric.score(y, pred, Decision(cuts=tuple(cuts)))
    for _ in range(3):
        for i in range(k - 1):
            low = cuts[i - 1] if i > 0 else 0.0
            high = cuts[i + 1] if i < k - 2 else float(k - 1)
            for step in range(1, 20):
                trial = list(cuts)
                trial[i] = round(low + (high - low) * step / 20, 6)
                score = metric.score(y, pred, Decision(cuts=tuple(trial)))
                if metric.better(score, best_score):
                    cuts, best_score = trial, score
    return Decision(cuts=tuple(cuts))


def tune_decision(metric_name: str, y: np.ndarray, oof: np.ndarray) -> Decision:
    """The labelling rule the metric wants, fitted on OOF predictions (default otherwise)."""
    metric = METRICS[metric_name]
    pred = np.asarray(oof, dtype=np.float64)
    if metric.tuned == "threshold" and pred.ndim == 1:
        return _grid_threshold(metric, y, pred)
    if metric.tuned == "cuts" and pred.ndim == 2:
        return _search_cuts(metric, y, pred)
    return Decision()


def evaluate(
    task: str, primary: str, y: np.ndarray, pred: np.ndarray, decision: Decision
) -> dict[str, float]:
    """Every reported metric of one model's OOF predictions (rows without one are skipped)."""
    pred = np.asarray(pred, dtype=np.float64)
    known = ~np.isnan(pred if pred.ndim == 1 else pred[:, 0])
    return {
        name: METRICS[name].score(np.asarray(y)[known], pred[known], decision)
        for name in reported_metrics(task, primary)
    }
