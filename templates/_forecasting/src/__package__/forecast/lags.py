"""Lag, rolling and calendar features for a direct forecast of a whole horizon.

Every lag is at least the horizon and every rolling window ends ``horizon`` periods back, so
a row ``h`` steps past the cutoff (h <= horizon) reads only dates on or before the cutoff:
one model serves every step of the horizon without feeding back its own predictions.
"""

import numpy as np
import pandas as pd

#: Rolling means over these many periods, ending ``horizon`` periods back.
WINDOWS = (7, 28, 91)
#: Weekly lags past the horizon: the same weekday a few weeks back carries weekly seasonality.
WEEKS_BACK = 4
YEAR = 364  # 52 weeks: the same weekday one year back


def lag_steps(horizon: int, period: int = 7) -> list[int]:
    first = -(-horizon // period) * period  # the first multiple of the period >= horizon
    steps = {horizon, *(first + period * k for k in range(WEEKS_BACK)), YEAR}
    return sorted(s for s in steps if s >= horizon)


def build(
    frame: pd.DataFrame,
    series: list[str],
    time_col: str,
    target: str,
    horizon: int,
    exogenous: list[str],
) -> tuple[pd.DataFrame, list[str]]:
    """Features of every row of ``frame`` (sorted by series then date), and the categorical ones.

    ``frame`` holds train and the rows to predict; their target is NaN and never read
    because of the minimum lag.
    """
    frame = frame.sort_values([*series, time_col], kind="stable").reset_index(drop=True)
    y = np.log1p(frame[target].clip(lower=0))
    by = y.groupby([frame[c] for c in series], sort=False)
    out = pd.DataFrame(index=frame.index)
    for step in lag_steps(horizon):
        out[f"lag_{step}"] = by.shift(step)
    shifted = by.shift(horizon)
    grouped = shifted.groupby([frame[c] for c in series], sort=False)
    for w in WINDOWS:
        out[f"mean_{w}"] = grouped.transform(lambda s, w=w: s.rolling(w, min_periods=1).mean())
    weekly = [c for c in out.columns if c.startswith("lag_") and int(c[4:]) % 7 == 0]
    out["same_weekday_mean"] = out[[c for c in weekly if int(c[4:]) < YEAR]].mean(axis=1)
    t = frame[time_col]
    out["dayofweek"] = t.dt.dayofweek
    out["day"] = t.dt.day
    out["month"] = t.dt.month
    out["dayofyear"] = t.dt.dayofyear
    for c in exogenous:
        out[c] = pd.to_numeric(frame[c], errors="coerce")
    categorical = []
    for c in series:
        out[c] = frame[c].astype("category")
        categorical.append(c)
    return out.assign(**{"_row": frame.index}), categorical
