"""Kaggle's submission format (the sample submission's id and prediction columns, its row
order), and offline scoring of a submission against the synthetic set's solution file.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from .data import load_dataset
from .data_folder import DataError
from .forecast import wrmsse
from .forecast.backtest import metric_of
from .io import write_csv
from .metric import Decision
from .profile import Profile

DECIMALS = 4


def make_submission(
    profile: Profile, sample: pd.DataFrame, ids: pd.Series, pred: np.ndarray
) -> pd.DataFrame:
    """``pred`` (one per test row, ids ``ids``) in the sample submission's rows and columns."""
    by_id = pd.Series(np.round(np.asarray(pred, dtype=np.float64), DECIMALS), index=ids.to_numpy())
    values = by_id.reindex(sample[profile.id_col].to_numpy())
    if values.isna().any():
        raise DataError("the forecast misses some ids of the sample submission")
    return pd.DataFrame(
        {
            profile.id_col: sample[profile.id_col].to_numpy(),
            profile.prediction_col: values.to_numpy(),
        }
    )


def from_forecasts(profile: Profile, forecasts: pd.DataFrame, model: str) -> pd.DataFrame:
    """The submission of one model's column of ``forecasts.csv`` (already in submission order)."""
    if model not in forecasts.columns:
        raise DataError(f"the forecasts hold no {model} column")
    return forecasts[[profile.id_col, model]].rename(columns={model: profile.prediction_col})


def write_submission(frame: pd.DataFrame, path: Path) -> Path:
    return write_csv(frame, path)


def _read(path: Path, columns: list[str], id_col: str, what: str) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found ({what})")
    frame = pd.read_csv(path, dtype={id_col: "str"}, encoding="utf-8")
    if list(frame.columns) != columns:
        raise DataError(f"{path}: columns must be {columns}, found {list(frame.columns)}")
    if frame[id_col].duplicated().any():
        raise DataError(f"{path}: duplicate ids")
    return frame


def score_submission(profile: Profile, submission_path: Path, solution_path: Path) -> float:
    """The competition metric of a submission against a solution covering the same ids."""
    id_col = profile.id_col
    hint = "only the synthetic set ships its test values: run `synth` first"
    solution = _read(solution_path, [id_col, profile.target], id_col, hint)
    sub = _read(submission_path, [id_col, profile.prediction_col], id_col, "the submission")
    merged = solution.merge(sub, on=id_col, how="left", suffixes=("", "_pred"))
    same = profile.prediction_col == profile.target  # Store Sales submits `sales` for `sales`
    pred_col = profile.prediction_col + ("_pred" if same else "")
    if merged[pred_col].isna().any() or len(sub) != len(solution):
        raise DataError(f"{submission_path}: ids differ from the {len(solution)} of the solution")
    y = merged[profile.target].to_numpy(dtype=np.float64)
    pred = merged[pred_col].to_numpy(np.float64)
    if profile.metric == wrmsse.METRIC.name:
        return _wrmsse(profile, merged[id_col], y, pred, solution_path.parent)
    return metric_of(profile.metric).score(y, pred, Decision())


def _wrmsse(profile: Profile, ids: pd.Series, y, pred, folder: Path) -> float:
    """WRMSSE needs each series' history: train and test beside the solution (synthetic set)."""
    data = load_dataset(folder, profile, "solution")
    series = list(profile.series_columns)
    rows = data.test.set_index(profile.id_col).loc[ids, series].reset_index(drop=True)
    history = data.train
    scale = wrmsse.scales(history, series, profile.time, profile.target)
    weight = wrmsse.weights(
        history, series, profile.time, profile.target, profile.horizon, profile.price
    )
    return wrmsse.score(rows, y, pred, series, scale, weight)
