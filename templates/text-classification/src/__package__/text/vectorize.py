"""Word and character n-gram TF-IDF: the strong baseline's inputs, saved as plain JSON.

Word 1-2-grams catch phrases and negations ("no fire"); character 2-5-grams inside word
boundaries catch misspellings, hashtags and word forms. Both are fitted on each fold's
training rows only. A fitted vectorizer is saved as its parameters, vocabulary and idf
weights (no pickle), and rebuilt from them exactly.
"""

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

#: Caps keep memory and time bounded on large competitions (Jigsaw, Quora: over 100k rows).
WORD_FEATURES = 50_000
CHAR_FEATURES = 100_000
PARAMS: dict[str, dict[str, Any]] = {
    "word": {
        "analyzer": "word",
        "ngram_range": [1, 2],
        "min_df": 2,
        "max_features": WORD_FEATURES,
        "sublinear_tf": True,
        "lowercase": True,
        "token_pattern": r"(?u)\b\w+\b",  # keep one-letter words such as "a" and "i"
        "dtype": "float64",
    },
    "char": {
        "analyzer": "char_wb",
        "ngram_range": [2, 5],
        "min_df": 2,
        "max_features": CHAR_FEATURES,
        "sublinear_tf": True,
        "lowercase": True,
        "dtype": "float64",
    },
}


def _vectorizer(params: dict[str, Any], vocabulary: dict[str, int] | None = None):
    kwargs = dict(params, ngram_range=tuple(params["ngram_range"]), dtype=np.float64)
    return TfidfVectorizer(**kwargs, vocabulary=vocabulary)


class NgramTfidf:
    """The word and character vectorizers side by side."""

    def __init__(self) -> None:
        self.parts: dict[str, TfidfVectorizer] = {}

    def fit_transform(self, texts: pd.Series) -> sparse.csr_matrix:
        """Fit both vectorizers and return the training matrix (one pass over the texts)."""
        blocks = []
        for name, params in PARAMS.items():
            self.parts[name] = _vectorizer(params)
            blocks.append(self.parts[name].fit_transform(texts.tolist()))
        return sparse.hstack(blocks, format="csr")

    def transform(self, texts: pd.Series) -> sparse.csr_matrix:
        blocks = [vec.transform(texts.tolist()) for vec in self.parts.values()]
        return sparse.hstack(blocks, format="csr")

    def to_dict(self) -> dict[str, Any]:
        return {
            name: {
                "params": PARAMS[name],
                "vocabulary": {k: int(v) for k, v in vec.vocabulary_.items()},
                "idf": vec.idf_.tolist(),
            }
            for name, vec in self.parts.items()
        }

    @classmethod
    def from_dict(cls, saved: dict[str, Any]) -> "NgramTfidf":
        out = cls()
        for name in PARAMS:  # the saved JSON has sorted keys; the columns follow PARAMS
            part = saved[name]
            vec = _vectorizer(part["params"], part["vocabulary"])
            vec.idf_ = np.asarray(part["idf"], dtype=np.float64)
            out.parts[name] = vec
        return out
