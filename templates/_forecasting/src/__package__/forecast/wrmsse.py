"""WRMSSE (M5): each series' RMSSE, weighted by its share of the recent sales.

RMSSE of a series is ``sqrt(mean_h (y - yhat)^2 / mean_t (y_t - y_{t-1})^2)``: the forecast's
squared error scaled by the one-step naive forecast's over the series' own history, counted
from its first non-zero value (M5's rule: a product counts from the day it went on sale). A
series' weight is its sales over the last ``horizon`` days of history (times ``price`` when the
profile names a price column: M5 weights by dollar sales), normalised to 1. Series whose scale
is 0 (never changed) are left out and the weights renormalised. Only the bottom level of M5's
twelve aggregation levels is scored.
"""

import numpy as np
import pandas as pd

from ..metric import Decision, Metric


def _needs_history(_y, _pred, _d: Decision) -> float:
    raise ValueError("wrmsse scores series against their own history: use forecast.wrmsse.score")


#: The registry entry: direction only (``best_naive`` picks the lower); scores come from ``score``.
METRIC = Metric("wrmsse", False, ("forecasting",), _needs_history)


def _by(frame: pd.DataFrame, series: list[str]) -> list[pd.Series]:
    return [frame[c] for c in series]


def scales(history: pd.DataFrame, series: list[str], time: str, target: str) -> pd.Series:
    """Each series' mean squared one-step change, from its first non-zero value on."""
    h = history.sort_values([*series, time], kind="stable")
    y = h[target].astype(np.float64)
    started = y.ne(0).groupby(_by(h, series), sort=False).cummax()
    before = started.groupby(_by(h, series), sort=False).shift(1, fill_value=False)
    change = y.groupby(_by(h, series), sort=False).diff()
    counted = (change**2).where(started & before.astype(bool))
    return counted.groupby(_by(h, series), sort=False).mean()


def weights(
    history: pd.DataFrame,
    series: list[str],
    time: str,
    target: str,
    horizon: int,
    price: str | None = None,
) -> pd.Series:
    """Each series' share of the sales (dollars with ``price``) over the last ``horizon`` days."""
    last = history[time].max()
    recent = history.loc[history[time] > last - pd.Timedelta(days=horizon)]
    sales = recent[target].astype(np.float64)
    if price is not None:
        sales = sales * recent[price].astype(np.float64)
    total = sales.groupby(_by(recent, series), sort=False).sum()
    return total / total.sum() if total.sum() > 0 else total * 0 + 1 / len(total)


def score(
    rows: pd.DataFrame,
    y: np.ndarray,
    pred: np.ndarray,
    series: list[str],
    scale: pd.Series,
    weight: pd.Series,
) -> float:
    """WRMSSE of ``pred`` for ``rows`` (their series columns), with ``y`` their true values."""
    err = pd.Series((np.asarray(y) - np.asarray(pred)) ** 2, index=rows.index)
    mse = err.groupby(_by(rows, series), sort=False).mean()
    frame = pd.DataFrame({"mse": mse, "scale": scale, "weight": weight}).dropna()
    frame = frame.loc[frame["scale"] > 0]
    if frame.empty or frame["weight"].sum() <= 0:
        raise ValueError("wrmsse: no scored series has a history that changes")
    rmsse = np.sqrt(frame["mse"] / frame["scale"])
    return float((frame["weight"] * rmsse).sum() / frame["weight"].sum())
