"""Kaggle's submission format: a user column, then K space-separated item ids.

The two column names come from competition.toml (H&M: `customer_id,prediction`); in memory
they are `customer_id` and `prediction`. Ids stay strings end to end, so leading zeros survive
(0108775015, not 108775015).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .constants import SUBMISSION_COLUMNS
from .io import write_csv
from .metric import parse_prediction
from .profile import Profile


def _file_columns(profile: Profile) -> dict[str, str]:
    return {"customer_id": profile.submission_user, "prediction": profile.submission_prediction}


def submission_frame(
    customer_ids: np.ndarray, article_ids: np.ndarray, top: np.ndarray
) -> pd.DataFrame:
    """One row per customer (in the given order) from a matrix of article codes."""
    names = np.asarray(article_ids, dtype=object)[top]
    predictions = [" ".join(row) for row in names]
    return pd.DataFrame(
        {"customer_id": np.asarray(customer_ids, dtype=object), "prediction": predictions}
    )


def write_submission(frame: pd.DataFrame, path: Path, profile: Profile) -> Path:
    """Write the submission CSV (UTF-8, LF, no index), keeping the sample submission's order."""
    return write_csv(
        frame.loc[:, list(SUBMISSION_COLUMNS)].rename(columns=_file_columns(profile)), path
    )


def read_predictions(path: Path, profile: Profile) -> dict[str, list[str]]:
    """user id -> list of item ids, from a submission or `_solution.csv`."""
    user, prediction = _file_columns(profile).values()
    frame = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")
    missing = {user, prediction} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
    return {c: parse_prediction(p) for c, p in zip(frame[user], frame[prediction], strict=True)}


def check_submission(
    frame: pd.DataFrame, expected_customers: np.ndarray, valid_articles: set[str], k: int
) -> list[str]:
    """Problems that would make Kaggle reject or under-score the file ([] when it is fine)."""
    problems = []
    if list(frame.columns) != list(SUBMISSION_COLUMNS):
        problems.append(f"columns are {list(frame.columns)}, expected {list(SUBMISSION_COLUMNS)}")
        return problems
    if not np.array_equal(frame["customer_id"].to_numpy(str), np.asarray(expected_customers, str)):
        problems.append("customer_id rows differ from sample_submission.csv (ids or order)")
    for customer, text in zip(frame["customer_id"], frame["prediction"], strict=True):
        items = parse_prediction(text)
        if len(items) != k or len(set(items)) != k:
            problems.append(f"{customer}: expected {k} distinct ids, got {items}")
        elif any(a not in valid_articles for a in items):
            problems.append(f"{customer}: unknown item id (lost leading zeros?) in {items}")
        if len(problems) >= 5:
            problems.append("... (stopped after 5 problems)")
            break
    return problems
