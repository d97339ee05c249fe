"""The text baselines: majority class, the keyword rule, and n-gram TF-IDF + logistic regression.

Every model takes the feature frame of :mod:`.features` and the class index (0..K-1), or
(multilabel) an n x L matrix of 0/1, and predicts the positive-class probability (binary), one
probability column per class (multiclass) or one per target (multilabel, a model per label).
The strong model, ``tfidf``, is what the submission uses; its fold models are saved as JSON
(vocabularies, idf weights, coefficients) that ``predict`` rebuilds exactly.
Add a model by adding a factory to :func:`model_factories`.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import expit, softmax
from sklearn.linear_model import LogisticRegression

from .contracts import Model, n_classes
from .features import TEXT_COL
from .profile import Profile
from .text.keywords import keyword_hits
from .text.vectorize import NgramTfidf

SUBMISSION_MODEL = "tfidf"
#: The models the strong one must beat by the profile's margin (tests and `verify` check it).
NAIVE_MODELS = ("majority", "keywords")
#: Inverse L2 strength. TF-IDF rows are unit-length, so weaker regularisation than the default
#: (C = 1) fits the many weak n-gram signals better; 4 is the usual choice in public kernels.
INVERSE_REGULARISATION = 4.0
MAX_ITER = 2000


class MajorityModel:
    """The training rows' class frequencies, for every row."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.prior: np.ndarray | None = None

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "MajorityModel":
        if self.profile.is_multilabel:  # each label's prior
            self.prior = np.asarray(y, dtype=np.float64).mean(axis=0)
            return self
        counts = np.bincount(np.asarray(y, dtype=np.int64), minlength=n_classes(self.profile))
        self.prior = counts / counts.sum()
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        out = np.tile(self.prior, (len(X), 1))
        return out[:, 1] if self.profile.task == "binary" else out


class KeywordModel:
    """Positive (probability 1) when the text holds one of ``[text].keywords``; binary, or the
    same flag for every label of a multilabel task."""

    def __init__(self, keywords: tuple[str, ...], n_labels: int = 0) -> None:
        self.keywords, self.n_labels = keywords, n_labels

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "KeywordModel":
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        hits = keyword_hits(X[TEXT_COL], self.keywords)
        return np.tile(hits[:, None], (1, self.n_labels)) if self.n_labels else hits


class TfidfModel:
    """Word + char n-gram TF-IDF, scaled numeric columns, one logistic regression (multilabel:
    one per label, on the same matrix)."""

    def __init__(self, task: str) -> None:
        self.task = task
        self.ngrams = NgramTfidf()
        self.numeric: list[tuple[str, float, float, float]] = []  # (column, median, mean, std)
        self.coef = np.zeros((0, 0))
        self.intercept = np.zeros(0)

    def _matrix(self, X: pd.DataFrame, ngrams: sparse.csr_matrix | None = None):
        blocks = [self.ngrams.transform(X[TEXT_COL]) if ngrams is None else ngrams]
        for name, median, mean, std in self.numeric:
            column = (X[name].fillna(median).to_numpy(dtype=np.float64) - mean) / std
            blocks.append(sparse.csr_matrix(column.reshape(-1, 1)))
        return sparse.hstack(blocks, format="csr")

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> "TfidfModel":
        ngrams = self.ngrams.fit_transform(X[TEXT_COL])
        for name in (c for c in X.columns if c != TEXT_COL):
            median = float(X[name].median()) if X[name].notna().any() else 0.0
            filled = X[name].fillna(median).to_numpy(dtype=np.float64)
            self.numeric.append((name, median, float(filled.mean()), float(filled.std()) or 1.0))
        matrix = self._matrix(X, ngrams)
        if self.task != "multilabel":
            fitted = LogisticRegression(C=INVERSE_REGULARISATION, max_iter=MAX_ITER)
            fitted.fit(matrix, y)
            self.coef, self.intercept = fitted.coef_, fitted.intercept_
            return self
        coefs, intercepts = [], []
        for column in np.asarray(y).T:
            coef, intercept = _binary_fit(matrix, column)
            coefs.append(coef)
            intercepts.append(intercept)
        self.coef, self.intercept = np.vstack(coefs), np.asarray(intercepts)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        # The same arithmetic for a fitted and a reloaded model, so predict matches train.
        scores = np.asarray(self._matrix(X) @ self.coef.T) + self.intercept
        if self.task == "binary":
            return expit(scores[:, 0])
        if self.task == "multilabel":
            return expit(scores)
        return softmax(scores, axis=1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "ngrams": self.ngrams.to_dict(),
            "numeric": self.numeric,
            "task": self.task,
        }

    @classmethod
    def from_dict(cls, saved: dict[str, Any]) -> "TfidfModel":
        model = cls(saved["task"])
        model.ngrams = NgramTfidf.from_dict(saved["ngrams"])
        model.numeric = [(str(n), float(a), float(b), float(c)) for n, a, b, c in saved["numeric"]]
        model.coef = np.asarray(saved["coef"], dtype=np.float64)
        model.intercept = np.asarray(saved["intercept"], dtype=np.float64)
        return model


def _binary_fit(matrix: sparse.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, float]:
    """One label's coefficients and intercept; a label one fold never sees positive (rare labels
    on small data) gets its prior's log-odds instead of a fitting error."""
    rate = float(np.mean(y))
    if rate in (0.0, 1.0):
        clipped = min(max(rate, 1e-6), 1 - 1e-6)
        return np.zeros(matrix.shape[1]), float(np.log(clipped / (1 - clipped)))
    fitted = LogisticRegression(C=INVERSE_REGULARISATION, max_iter=MAX_ITER).fit(matrix, y)
    return fitted.coef_[0], float(fitted.intercept_[0])


def model_factories(
    profile: Profile, raw: pd.DataFrame, categorical: list[str], n_rows: int
) -> dict[str, Callable[[], Model]]:
    """Model name (as in metrics.json and ``oof_<name>.csv``) -> factory of an unfitted model.

    The keyword rule runs for binary and multilabel tasks whose profile lists
    ``[text].keywords``.
    """
    factories: dict[str, Callable[[], Model]] = {"majority": lambda: MajorityModel(profile)}
    n_labels = len(profile.target) if profile.is_multilabel else 0
    if profile.task in ("binary", "multilabel") and profile.text["keywords"]:
        factories["keywords"] = lambda: KeywordModel(profile.text["keywords"], n_labels)
    factories[SUBMISSION_MODEL] = lambda: TfidfModel(profile.task)
    return factories


def booster_text(model: TfidfModel) -> bytes:
    """A fitted fold model as sorted JSON (portable, diffable, no pickle)."""
    return (json.dumps(model.to_dict(), sort_keys=True) + "\n").encode("utf-8")


def load_booster(path: Path) -> TfidfModel:
    return TfidfModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
