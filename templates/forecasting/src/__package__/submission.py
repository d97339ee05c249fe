"""Kaggle's submission format (the sample submission's id and prediction columns, its row
order), and offline scoring of a submission against the synthetic set's solution file.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from .data_folder import DataError
from .io import write_csv
from .metric import METRICS, Decision
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
    return METRICS[profile.metric].score(y, merged[pred_col].to_numpy(np.float64), Decision())
