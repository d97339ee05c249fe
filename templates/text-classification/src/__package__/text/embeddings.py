"""The hook for precomputed embeddings (off unless ``[text].embeddings`` names a file).

Transformer embeddings help text competitions, but a model download at run time does not fit
an offline starter. Compute them once elsewhere (for example with sentence-transformers on a
machine that has the model) and save ``data/<name>.npz`` holding two arrays: ``ids`` (the
id of every train and test row, as strings) and ``vectors`` (one row per id). The strong model
then sees each row's vector next to its n-grams.
"""

from pathlib import Path

import numpy as np
import pandas as pd

EMBEDDING_PREFIX = "emb_"


class EmbeddingsError(ValueError):
    """An embeddings file that is missing or does not cover the rows."""


def load_embeddings(path: Path, ids: pd.Series) -> pd.DataFrame:
    """One float column per embedding dimension, in the order of ``ids``."""
    if not path.is_file():
        raise EmbeddingsError(f"{path}: not found ([text].embeddings names it)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            keys, vectors = npz["ids"].astype(str), np.asarray(npz["vectors"], dtype=np.float64)
    except (KeyError, ValueError, OSError) as exc:
        raise EmbeddingsError(f"{path}: expected arrays 'ids' and 'vectors': {exc}") from None
    if vectors.ndim != 2 or len(vectors) != len(keys):
        raise EmbeddingsError(f"{path}: 'vectors' needs one row per id, got {vectors.shape}")
    row = {k: i for i, k in enumerate(keys.tolist())}
    missing = [i for i in ids.astype(str).tolist() if i not in row]
    if missing:
        raise EmbeddingsError(f"{path}: no vector for {len(missing)} ids (first: {missing[0]!r})")
    take = np.array([row[i] for i in ids.astype(str).tolist()], dtype=np.int64)
    names = [f"{EMBEDDING_PREFIX}{d}" for d in range(vectors.shape[1])]
    return pd.DataFrame(vectors[take], columns=names, index=ids.index)
