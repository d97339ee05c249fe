"""Kaggle's submission format, and offline scoring against the synthetic set's solution file."""

from pathlib import Path

import numpy as np
import pandas as pd

from .constants import ID_COL, SUBMISSION_COLUMNS, TARGET_COL
from .fileio import write_csv
from .metrics import accuracy, to_labels


def make_submission(ids: np.ndarray, proba: np.ndarray) -> pd.DataFrame:
    """``PassengerId, Survived`` with 0/1 integers, sorted by PassengerId."""
    df = pd.DataFrame({ID_COL: np.asarray(ids, dtype=np.int64), TARGET_COL: to_labels(proba)})
    return df.sort_values(ID_COL, kind="stable").reset_index(drop=True)


def write_submission(df: pd.DataFrame, path: Path) -> Path:
    """Write a submission exactly as Kaggle expects it (header, LF, no index)."""
    return write_csv(df[SUBMISSION_COLUMNS], path)


def read_submission(path: Path) -> pd.DataFrame:
    """Read and validate a submission: exact columns, unique integer ids, 0/1 labels."""
    df = pd.read_csv(path, encoding="utf-8")
    if list(df.columns) != SUBMISSION_COLUMNS:
        raise ValueError(f"{path}: columns must be {SUBMISSION_COLUMNS}, found {list(df.columns)}")
    for col in SUBMISSION_COLUMNS:
        if not pd.api.types.is_integer_dtype(df[col]):
            raise ValueError(f"{path}: column {col} must hold integers only")
    if df[ID_COL].duplicated().any():
        raise ValueError(f"{path}: duplicate {ID_COL} values")
    if not df[TARGET_COL].isin((0, 1)).all():
        raise ValueError(f"{path}: {TARGET_COL} must be 0 or 1")
    return df


def score_submission(submission_path: Path, solution_path: Path) -> float:
    """Accuracy of a submission against a solution file covering exactly the same passengers."""
    if not solution_path.is_file():
        raise FileNotFoundError(
            f"{solution_path} not found: only the synthetic set ships its test labels; "
            "run `synth` first (real submissions are scored on kaggle.com)"
        )
    submission = read_submission(submission_path)
    solution = pd.read_csv(solution_path, dtype="int64", encoding="utf-8")
    merged = solution.merge(submission, on=ID_COL, how="outer", suffixes=("_true", "_pred"))
    missing = int(merged[f"{TARGET_COL}_pred"].isna().sum())
    extra = int(merged[f"{TARGET_COL}_true"].isna().sum())
    if missing or extra:
        raise ValueError(
            f"{submission_path}: {missing} solution ids missing, {extra} unknown ids "
            f"(expected the {len(solution)} test passengers)"
        )
    return accuracy(
        merged[f"{TARGET_COL}_true"].to_numpy(), merged[f"{TARGET_COL}_pred"].to_numpy()
    )
