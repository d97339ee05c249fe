"""Folds per ``[validation]`` and the out-of-fold (OOF) harness every model goes through.

The folds are computed once, saved to ``folds.csv`` and shared by every model: that is what
makes OOF predictions of different models comparable and stackable. Each fold model predicts
the rows it did not see (OOF) and the whole test set; the test prediction is the mean of the
fold models, so no model is refit on all rows and OOF scores describe what is submitted.
A time split validates each later block on the blocks before it; the first block is never
validated (fold -1) and has no OOF prediction.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

from .contracts import Model
from .io import csv_bytes, write_csv
from .metric import round_proba
from .profile import Profile

FOLD_COL = "fold"
NOT_VALIDATED = -1
REGRESSION_STRATA = 10  # stratified k-fold on a regression target: by target decile


def groups_of(train: pd.DataFrame, profile: Profile) -> np.ndarray:
    """The group of each row: the group column, or the first regex group of it."""
    values = train[profile.validation["group"]].astype("str")
    pattern = profile.validation["group_pattern"]
    if pattern is None:
        return values.to_numpy()
    found = values.str.extract(pattern, expand=False)
    if isinstance(found, pd.DataFrame):
        found = found.iloc[:, 0]
    return found.fillna(values).to_numpy()  # rows the pattern misses are their own group


def make_folds(train: pd.DataFrame, y: np.ndarray, profile: Profile) -> np.ndarray:
    """Validation fold (0..k-1, or -1) of every train row, per ``[validation]``."""
    v = profile.validation
    k, seed, n = v["folds"], v["seed"], len(train)
    folds = np.full(n, NOT_VALIDATED, dtype=np.int64)
    if v["scheme"] == "time_split":
        order = np.argsort(train[v["time"]].astype("str").to_numpy(), kind="stable")
        blocks = np.array_split(order, k + 1)
        for fold, rows in enumerate(blocks[1:]):
            folds[rows] = fold
        return folds
    zeros = np.zeros(n)
    if v["scheme"] == "kfold":
        splits = KFold(k, shuffle=True, random_state=seed).split(zeros)
    elif v["scheme"] == "group_kfold":
        splits = GroupKFold(k, shuffle=True, random_state=seed).split(
            zeros, groups=groups_of(train, profile)
        )
    else:
        strata = label_sets(y, k) if profile.is_multilabel else y
        if profile.task == "regression":
            ranks = pd.Series(y).rank(method="first").to_numpy()
            strata = np.floor((ranks - 1) * REGRESSION_STRATA / n).astype(np.int64)
        splits = StratifiedKFold(k, shuffle=True, random_state=seed).split(zeros, strata)
    for fold, (_, valid) in enumerate(splits):
        folds[valid] = fold
    return folds


def label_sets(y: np.ndarray, k: int) -> np.ndarray:
    """Multilabel strata: each row's set of positive labels, the sets rarer than ``k`` rows
    pooled into one stratum (and that one into the commonest set when it is rarer still), so
    every fold gets its share of each label and of the labels seen together."""
    weights = 1 << np.arange(y.shape[1], dtype=np.int64)
    keys = np.asarray(y, dtype=np.int64) @ weights
    sets, counts = np.unique(keys, return_counts=True)
    rare = np.isin(keys, sets[counts < k])
    keys = np.where(rare, -1, keys)
    if 0 < rare.sum() < k:
        keys = np.where(rare, sets[np.argmax(counts)], keys)
    return keys


def train_mask(folds: np.ndarray, fold: int, scheme: str) -> np.ndarray:
    """Rows fold ``fold``'s model learns from: the others, or (time split) the earlier blocks."""
    if scheme == "time_split":
        return folds < fold
    return folds != fold


def load_or_make_folds(
    train: pd.DataFrame, y: np.ndarray, profile: Profile, path: Path
) -> np.ndarray:
    """Reuse ``path`` when it belongs to this train table (same ids and targets), else remake it.

    Keeping the target in the file means folds made for the synthetic set are never reused for
    the real one, even when both number their rows alike.
    """
    saved = saved_folds(train, profile, path)
    if saved is not None:
        return saved
    folds = make_folds(train, y, profile)
    keys = [*profile.ids, *profile.target]
    write_csv(train[keys].reset_index(drop=True).assign(**{FOLD_COL: folds}), path)
    return folds


def saved_folds(train: pd.DataFrame, profile: Profile, path: Path) -> np.ndarray | None:
    """The folds in ``path`` when they belong to this train table (same ids and targets)."""
    if not path.is_file():
        return None
    keys = [*profile.ids, *profile.target]
    # Compared as written (the CSV's float format), so a float target with many digits matches.
    expected = _read_str(csv_bytes(train[keys].reset_index(drop=True)))
    saved = _read_str(path.read_bytes())
    if list(saved.columns) == [*keys, FOLD_COL] and saved[keys].equals(expected):
        return saved[FOLD_COL].astype(np.int64).to_numpy()
    return None


def _read_str(data: bytes) -> pd.DataFrame:
    return pd.read_csv(BytesIO(data), dtype="str", encoding="utf-8", keep_default_na=False)


@dataclass
class OOFResult:
    """One model's predictions under the shared folds (rounded to 1e-6)."""

    oof: np.ndarray
    test: np.ndarray
    models: list[Model] = field(default_factory=list)


def fold_mean(predictions: list[np.ndarray]) -> np.ndarray:
    """Mean of the fold models' test predictions, summed in fold order, rounded to 1e-6.

    ``predict`` calls this too, so reloaded models reproduce train's submission byte for byte.
    """
    total = np.zeros_like(np.asarray(predictions[0], dtype=np.float64))
    for pred in predictions:
        total += pred
    return round_proba(total / len(predictions))


def cross_validate(
    factory: Callable[[], Model],
    X: pd.DataFrame,
    y: np.ndarray,
    folds: np.ndarray,
    X_test: pd.DataFrame,
    scheme: str,
) -> OOFResult:
    """Fit one model per fold; OOF predictions (NaN where never validated) and the test mean."""
    fold_ids = sorted(f for f in np.unique(folds).tolist() if f != NOT_VALIDATED)
    if fold_ids != list(range(len(fold_ids))) or not fold_ids:
        raise ValueError(f"fold ids must be 0..k-1, got {fold_ids}")
    oof: np.ndarray | None = None
    test_preds, models = [], []
    for fold in fold_ids:
        valid, fit_rows = folds == fold, train_mask(folds, fold, scheme)
        model = factory()
        model.fit(X.loc[fit_rows], y[fit_rows])
        pred = model.predict(X.loc[valid])
        if oof is None:
            oof = np.full((len(y), *pred.shape[1:]), np.nan)
        oof[valid] = pred
        test_preds.append(model.predict(X_test))
        models.append(model)
    assert oof is not None
    return OOFResult(oof=round_proba(oof), test=fold_mean(test_preds), models=models)
