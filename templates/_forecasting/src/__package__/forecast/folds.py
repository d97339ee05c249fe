"""Time folds: each validation window is one horizon long, rolling back from the end of train.

Fold ``k - 1`` is the last horizon of train, fold ``k - 2`` the one before, and so on; each fold
learns only from the dates before its window. No shuffled CV: a shuffled fold would let a
model read the future of the dates it is scored on.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd


class FoldError(ValueError):
    """Train is too short for the folds asked for."""

    code = "FORECAST_FOLDS"


@dataclass(frozen=True)
class TimeFold:
    index: int
    cutoff: pd.Timestamp  # last date the fold learns from
    end: pd.Timestamp  # last date of its validation window


def time_folds(dates: pd.Series, horizon: int, folds: int, freq: str = "D") -> list[TimeFold]:
    """``folds`` windows of ``horizon`` periods, oldest first, ending at train's last date."""
    last = pd.Timestamp(dates.max())
    step = pd.tseries.frequencies.to_offset(freq)
    first = pd.Timestamp(dates.min())
    out = []
    for back in range(folds, 0, -1):
        end = last - step * ((back - 1) * horizon)
        cutoff = end - step * horizon
        if cutoff <= first:
            raise FoldError(
                f"train spans {first.date()}..{last.date()}: too short for {folds} folds of "
                f"{horizon} periods"
            )
        out.append(TimeFold(folds - back, cutoff, end))
    return out


def split(frame: pd.DataFrame, time_col: str, fold: TimeFold) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks: rows the fold learns from, rows it is scored on."""
    t = frame[time_col]
    return (t <= fold.cutoff).to_numpy(), ((t > fold.cutoff) & (t <= fold.end)).to_numpy()
