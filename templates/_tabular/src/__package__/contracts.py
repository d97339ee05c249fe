"""What the pipeline expects of ``features.py`` and ``models.py``, written once.

An archetype on this engine may replace those two modules (the text archetype does); the
pipeline, the folds and the submission rely only on what is here.
"""

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd

from .profile import Profile


@dataclass(frozen=True)
class Features:
    """Model inputs for train and test (same columns), and which of them are categorical."""

    train: pd.DataFrame
    test: pd.DataFrame
    categorical: list[str]

    @property
    def names(self) -> list[str]:
        return list(self.train.columns)


class Model(Protocol):
    def fit(self, X: pd.DataFrame, y: np.ndarray) -> Any: ...

    def predict(self, X: pd.DataFrame) -> np.ndarray: ...


def n_classes(profile: Profile) -> int:
    return len(profile.labels) if profile.task == "multiclass" else 2


def encode_label(profile: Profile, value: Any) -> int:
    """Class index of a label: binary (and each multilabel column) 1 = the positive class,
    multiclass its place in labels."""
    if profile.task in ("binary", "multilabel"):
        return int(value == profile.positive)
    return profile.labels.index(value)
