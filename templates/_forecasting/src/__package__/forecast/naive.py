"""The naive forecasts the strong model must beat: last value and seasonal naive.

Both read only the history up to the cutoff, like the strong model, so their scores are the
honest floor of what any model should do.
"""

import numpy as np
import pandas as pd


def _history(frame, series, time_col, target, cutoff):
    hist = frame.loc[frame[time_col] <= cutoff, [*series, time_col, target]]
    return hist.dropna(subset=[target]).sort_values([*series, time_col], kind="stable")


def last_value(frame, rows, series, time_col, target, cutoff) -> np.ndarray:
    """Each series' last observed value before the cutoff, for every row of ``rows``."""
    last = _history(frame, series, time_col, target, cutoff).groupby(series, sort=False).last()
    keyed = frame.loc[rows, series].merge(
        last[[target]], left_on=series, right_index=True, how="left"
    )
    return keyed[target].fillna(0.0).to_numpy(dtype=np.float64)


def seasonal_naive(frame, rows, series, time_col, target, cutoff, period: int) -> np.ndarray:
    """The value one (or more) seasons back, on or before the cutoff: same weekday for 7."""
    hist = _history(frame, series, time_col, target, cutoff)
    wanted = frame.loc[rows, [*series, time_col]].copy()
    steps = (wanted[time_col] - cutoff).dt.days
    seasons = -(-steps // period)  # ceil: the latest season that ends on or before the cutoff
    wanted[time_col] = wanted[time_col] - pd.to_timedelta(seasons * period, unit="D")
    keyed = wanted.merge(hist, on=[*series, time_col], how="left")
    return keyed[target].fillna(0.0).to_numpy(dtype=np.float64)
