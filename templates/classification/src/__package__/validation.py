"""Fixed stratified folds, computed once and saved so every model uses the same split.

Sharing one split is what makes out-of-fold (OOF) predictions of different models comparable
and stackable (Otto 1st place): a stacker trained on OOF files from different splits would
leak labels.
"""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold

from .constants import FOLD_RANDOM_STATE, ID_COL, N_FOLDS, TARGET_COL
from .fileio import write_csv

FOLD_COL = "fold"


def make_folds(y: np.ndarray, n_folds: int = N_FOLDS) -> np.ndarray:
    """Fold (0..n_folds-1) of each row: ``StratifiedKFold(5, shuffle=True, random_state=0)``."""
    folds = np.full(len(y), -1, dtype=np.int64)
    splitter = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=FOLD_RANDOM_STATE)
    for fold, (_, valid_idx) in enumerate(splitter.split(np.zeros(len(y)), y)):
        folds[valid_idx] = fold
    return folds


def load_or_make_folds(train: pd.DataFrame, path: Path) -> np.ndarray:
    """Reuse the folds saved at ``path`` when they belong to this train table, else make them.

    The saved file keeps the labels too, so folds made for the synthetic set are never reused
    for the real one (both number passengers 1..891).
    """
    expected = train[[ID_COL, TARGET_COL]].reset_index(drop=True)
    if path.is_file():
        saved = pd.read_csv(path, dtype="int64", encoding="utf-8")
        if list(saved.columns) == [ID_COL, TARGET_COL, FOLD_COL] and saved[
            [ID_COL, TARGET_COL]
        ].equals(expected):
            return saved[FOLD_COL].to_numpy()
    folds = make_folds(expected[TARGET_COL].to_numpy())
    write_csv(expected.assign(**{FOLD_COL: folds}), path)
    return folds
