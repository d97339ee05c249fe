"""The submission format of ``[submission]``, and offline scoring against a solution file.

Columns and their order come from the profile (exactly the sample submission's header); the
label encoding follows ``label_format`` (``0``/``1``, ``True``/``False`` or class names).
"""

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .contracts import encode_label
from .data import read_dtype
from .io import write_csv
from .metric import METRICS, Decision
from .profile import Profile

TRUTH = "__truth__"  # the solution's target column(s) while merged with the submission


def format_label(profile: Profile, value: Any) -> Any:
    fmt = profile.submission["label_format"]
    if fmt == "bool":
        return "True" if str(value).lower() in ("true", "1") else "False"
    if fmt == "int":
        return int(value)
    if fmt == "float":
        return float(value)
    return str(value)


def decode_labels(profile: Profile, index: np.ndarray) -> list[Any]:
    """Class indices back to the profile's labels, formatted for the submission."""
    if profile.task == "binary":
        negative = next(v for v in profile.labels if v != profile.positive)
        values = [profile.positive if i == 1 else negative for i in index.tolist()]
    else:
        values = [profile.labels[i] for i in index.tolist()]
    return [format_label(profile, v) for v in values]


def make_submission(
    profile: Profile, ids: pd.DataFrame, pred: np.ndarray, decision: Decision
) -> pd.DataFrame:
    """The submission table: the id column(s), then the prediction column(s)."""
    columns = list(profile.submission["columns"])
    out = ids[list(profile.ids)].reset_index(drop=True).copy()
    targets = columns[len(profile.ids) :]
    if profile.task == "regression":
        out[targets[0]] = pred
    elif profile.submission["prediction"] == "label":
        out[targets[0]] = decode_labels(profile, decision.labels(pred))
    elif profile.task == "binary":
        out[targets[0]] = pred
    else:
        for k, name in enumerate(targets):
            out[name] = pred[:, k]
    return out[columns]


def write_submission(df: pd.DataFrame, path: Path) -> Path:
    return write_csv(df, path)


def _read(path: Path, profile: Profile, columns: list[str], what: str) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found ({what})")
    dtypes = {c: read_dtype(profile, c) for c in profile.ids}
    df = pd.read_csv(path, dtype=dtypes, encoding="utf-8", keep_default_na=False)
    if list(df.columns) != columns:
        raise ValueError(f"{path}: columns must be {columns}, found {list(df.columns)}")
    if df[list(profile.ids)].duplicated().any():
        raise ValueError(f"{path}: duplicate ids")
    return df


def _as_prediction(profile: Profile, sub: pd.DataFrame, path: Path) -> np.ndarray:
    targets = list(profile.submission["columns"][len(profile.ids) :])
    try:
        if profile.task == "regression" or profile.submission["prediction"] == "probability":
            values = sub[targets].astype(np.float64).to_numpy()
            return values[:, 0] if len(targets) == 1 else values
        index = np.array([_label_index(profile, v) for v in sub[targets[0]].tolist()])
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{path}: {targets[0]}: {exc}") from None
    if profile.task == "binary":
        return index.astype(np.float64)
    return np.eye(len(profile.labels))[index]


def _label_index(profile: Profile, text: str) -> int:
    for label in profile.labels:
        if str(format_label(profile, label)) == str(text):
            return encode_label(profile, label)
    raise ValueError(f"{text!r} is not a class of [task].labels")


def score_submission(profile: Profile, submission_path: Path, solution_path: Path) -> float:
    """The competition metric of a submission against a solution covering the same ids."""
    solution = _read(
        solution_path,
        profile,
        [*profile.ids, *profile.target],
        "only the synthetic set ships its test labels: run `synth` first",
    )
    truths = [f"{TRUTH}{k}" for k in range(len(profile.target))]
    solution = solution.rename(columns=dict(zip(profile.target, truths, strict=True)))
    sub = _read(submission_path, profile, list(profile.submission["columns"]), "the submission")
    merged = solution.merge(sub, on=list(profile.ids), how="left", indicator=True)
    if (merged["_merge"] != "both").any() or len(sub) != len(solution):
        raise ValueError(
            f"{submission_path}: ids differ from the {len(solution)} ids of {solution_path.name}"
        )
    pred = _as_prediction(profile, merged, submission_path)
    if profile.is_multilabel:
        columns = [[_label_index(profile, v) for v in merged[t].tolist()] for t in truths]
        return METRICS[profile.metric].score(np.array(columns).T, pred, Decision())
    truth = merged[truths[0]]
    if profile.is_classification:
        y = np.array([_label_index(profile, v) for v in truth.tolist()])
    else:
        y = truth.astype(np.float64).to_numpy()
    return METRICS[profile.metric].score(y, pred, Decision())
