"""Model inputs of the text archetype: one text per row, numeric metadata, optional embeddings.

Every ``text`` column is joined into one document per row (a column's name is not a word,
so a two-column competition reads as one text); categorical and boolean metadata become
tokens such as ``keyword__ablaze`` in that text, so the n-gram model sees them; numeric
metadata passes through. The n-grams themselves are fitted inside each fold (see
:mod:`.text.vectorize`), never on rows the fold validates.
"""

import pandas as pd

from .contracts import Features
from .data_source import data_root
from .profile import Profile
from .text.embeddings import load_embeddings

TEXT_COL = "text"
TOKEN = "{column}__{value}"


def _token(name: str, values: pd.Series) -> pd.Series:
    text = values.astype("str").where(values.notna(), "blank")
    cleaned = text.str.lower().str.replace(r"\W+", "_", regex=True)
    return cleaned.map(lambda v: TOKEN.format(column=name.lower(), value=v))


def documents(both: pd.DataFrame, profile: Profile) -> pd.Series:
    """The text of every row: its text columns, then its metadata tokens."""
    parts = [both[name].fillna("").astype("str") for name in profile.roles("text")]
    parts += [_token(name, both[name]) for name in profile.roles("categorical", "boolean")]
    if not parts:
        raise ValueError(f"{profile.path}: no column has role 'text'")
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " " + part
    return joined


def build_features(train: pd.DataFrame, test: pd.DataFrame, profile: Profile) -> Features:
    """Features for train and test. Rows are numbered 0..n-1 (train first, then test)."""
    if profile.pack is not None:
        raise ValueError(f"{profile.path}: [features].pack: the text archetype takes no pack")
    both = pd.concat([train, test], ignore_index=True)
    frame = pd.DataFrame({TEXT_COL: documents(both, profile)}, index=both.index)
    for name in profile.roles("numeric"):
        frame[f"num__{name}"] = both[name].astype("float64")
    if profile.text["embeddings"] is not None:
        ids = both[profile.id_col]
        frame = frame.join(load_embeddings(data_root() / profile.text["embeddings"], ids))
    n = len(train)
    return Features(train=frame.iloc[:n], test=frame.iloc[n:], categorical=[])
