"""Score every model on the same time folds; predict the test horizon with the same code path.

The models are the two naive forecasts and the direct global LightGBM; each fold scores all
of them on the same rows with a metric of the shared registry (metric.py).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..metric import METRICS, Decision
from . import direct, lags, naive, wrmsse
from .folds import split, time_folds

MODELS = ("last_value", "seasonal_naive", "lightgbm")
NAIVE_MODELS = ("last_value", "seasonal_naive")
SEASON = 7


@dataclass(frozen=True)
class Spec:
    """The forecasting facts of a profile: which columns, which horizon."""

    series: list[str]
    time: str
    target: str
    horizon: int
    exogenous: list[str]
    metric: str = "rmsle"
    folds: int = 3
    seed: int = 42
    #: A 0/1 column known in advance (Rossmann's Open): every model forecasts 0 where it is 0.
    open: str | None = None
    #: An exogenous price column: WRMSSE then weights series by dollar sales (M5).
    price: str | None = None

    @property
    def known(self) -> list[str]:
        """Columns known for the dates to predict: the exogenous ones and the open flag."""
        return [*self.exogenous, *([self.open] if self.open else [])]


def metric_of(name: str):
    """The registry's metric, or WRMSSE (scored against each series' history, see wrmsse.py)."""
    return wrmsse.METRIC if name == wrmsse.METRIC.name else METRICS[name]


def _judge(spec: Spec, frame: pd.DataFrame, fit_rows, valid, y):
    """The fold's scorer: the registry's metric on (y, pred), or WRMSSE with the fold's history."""
    if spec.metric != wrmsse.METRIC.name:
        metric = METRICS[spec.metric]
        return lambda pred: metric.score(y, pred, Decision())
    history = frame.loc[fit_rows]
    scale = wrmsse.scales(history, spec.series, spec.time, spec.target)
    weight = wrmsse.weights(history, spec.series, spec.time, spec.target, spec.horizon, spec.price)
    rows = frame.loc[valid, spec.series]
    return lambda pred: wrmsse.score(rows, y, pred, spec.series, scale, weight)


def _predict_all(spec: Spec, frame, X, categorical, fit_rows, pred_rows, cutoff):
    args = (frame, pred_rows, spec.series, spec.time, spec.target, cutoff)
    y_log = np.log1p(frame[spec.target].clip(lower=0).to_numpy(dtype=np.float64))
    strong, _ = direct.fit_predict(X, y_log, fit_rows, pred_rows, categorical, spec.seed)
    preds = {
        "last_value": naive.last_value(*args),
        "seasonal_naive": naive.seasonal_naive(*args, period=SEASON),
        "lightgbm": strong,
    }
    if spec.open is None:
        return preds
    flag = pd.to_numeric(frame.loc[pred_rows, spec.open], errors="coerce")
    closed = (flag == 0).to_numpy()  # a blank flag (Rossmann's test has some) counts as open
    return {name: np.where(closed, 0.0, pred) for name, pred in preds.items()}


def prepare(spec: Spec, train: pd.DataFrame, test: pd.DataFrame | None = None):
    """Train (and test) in one frame sorted by series and date, with its features."""
    parts = [train.assign(_split="train")]
    if test is not None:
        parts.append(test.assign(**{spec.target: np.nan, "_split": "test"}))
    frame = pd.concat(parts, ignore_index=True)
    frame[spec.time] = pd.to_datetime(frame[spec.time])
    frame = frame.sort_values([*spec.series, spec.time], kind="stable").reset_index(drop=True)
    X, categorical = lags.build(
        frame, spec.series, spec.time, spec.target, spec.horizon, spec.known
    )
    return frame, X, categorical


def backtest(spec: Spec, train: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Mean fold score of every model (``{"model": {metric: score}}``), folds one horizon long."""
    frame, X, categorical = prepare(spec, train)
    scores: dict[str, list[float]] = {m: [] for m in MODELS}
    for fold in time_folds(frame[spec.time], spec.horizon, spec.folds):
        fit_rows, valid = split(frame, spec.time, fold)
        preds = _predict_all(spec, frame, X, categorical, fit_rows, valid, fold.cutoff)
        y = frame.loc[valid, spec.target].to_numpy(dtype=np.float64)
        judge = _judge(spec, frame, fit_rows, valid, y)
        for name, pred in preds.items():
            scores[name].append(judge(pred))
    return {m: {spec.metric: round(float(np.mean(s)), 6)} for m, s in scores.items()}


def forecast(spec: Spec, train: pd.DataFrame, test: pd.DataFrame) -> pd.DataFrame:
    """Test rows (series, date) with every model's prediction, in test's original order."""
    frame, X, categorical = prepare(spec, train, test)
    fit_rows = (frame["_split"] == "train").to_numpy()
    cutoff = frame.loc[fit_rows, spec.time].max()
    preds = _predict_all(spec, frame, X, categorical, fit_rows, ~fit_rows, cutoff)
    out = frame.loc[~fit_rows, [*spec.series, spec.time]].assign(**preds)
    order = test[[*spec.series, spec.time]].assign(**{spec.time: pd.to_datetime(test[spec.time])})
    return order.merge(out, on=[*spec.series, spec.time], how="left")
