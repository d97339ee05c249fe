"""Generic features by column role, plus an optional competition feature pack.

No competition knowledge is needed here: numeric columns pass through, categoricals become
LightGBM categoricals whose categories come from train only (a value first seen in test
becomes missing instead of a code the model never saw), booleans become 0/1, dates their
parts, text its length and word count, and every column with blanks gets a missing indicator.
A profile may name a pack in ``feature_packs/`` that rewrites this matrix with hand-made
features (Titanic's titles, family sizes and fare per person).
"""

import importlib
import re

import numpy as np
import pandas as pd

from .contracts import Features
from .profile import Profile

MISSING_SUFFIX = "_missing"
UNSAFE = re.compile(r"[^0-9A-Za-z_]+")


def safe_name(name: str) -> str:
    """LightGBM refuses JSON punctuation in feature names; keep letters, digits, ``_``."""
    return UNSAFE.sub("_", name).strip("_") or "feature"


def categorical(values: pd.Series, n_train: int) -> pd.Series:
    """A category column whose categories are the train rows' values, as sorted strings."""
    text = values.astype("str").where(values.notna())
    categories = sorted(text.iloc[:n_train].dropna().unique().tolist())
    known = text.where(text.isin(categories))
    return pd.Series(pd.Categorical(known, categories=categories), index=values.index)


def datetime_parts(values: pd.Series, name: str) -> dict[str, pd.Series]:
    stamp = pd.to_datetime(values, errors="coerce", format="mixed")
    parts = {
        f"{name}_year": stamp.dt.year,
        f"{name}_month": stamp.dt.month,
        f"{name}_day": stamp.dt.day,
        f"{name}_dayofweek": stamp.dt.dayofweek,
        f"{name}_days": (stamp - pd.Timestamp("1970-01-01")).dt.days,
    }
    if (stamp.dt.hour.fillna(0) != 0).any():
        parts[f"{name}_hour"] = stamp.dt.hour
    return {k: v.astype("float64") for k, v in parts.items()}


def text_counts(values: pd.Series, name: str) -> dict[str, pd.Series]:
    text = values.astype("str").where(values.notna())
    return {
        f"{name}_length": text.str.len().astype("float64"),
        f"{name}_words": text.str.split().str.len().astype("float64"),
    }


def generic_features(both: pd.DataFrame, profile: Profile, n_train: int) -> pd.DataFrame:
    """The role-based matrix for train and test stacked (train rows first)."""
    out: dict[str, pd.Series] = {}
    for col in profile.columns.values():
        values = both[col.name]
        if col.role == "numeric":
            out[col.name] = values.astype("float64")
        elif col.role == "categorical":
            out[col.name] = categorical(values, n_train)
        elif col.role == "boolean":
            out[col.name] = values.astype("float64")
        elif col.role == "datetime":
            out |= datetime_parts(values, col.name)
        elif col.role == "text":
            out |= text_counts(values, col.name)
        else:
            continue  # id, target, ignore
        if values.isna().any():
            out[f"{col.name}{MISSING_SUFFIX}"] = values.isna().astype("float64")
    frame = pd.DataFrame(out, index=both.index)
    if frame.empty:
        raise ValueError(f"{profile.path}: no feature columns (every column is id/target/ignore)")
    return frame


def _unique_safe_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = safe_name(name)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return out


def load_pack(name: str):
    """The module ``feature_packs/<name>.py``; a one-line error when it does not exist."""
    try:
        return importlib.import_module(f"{__package__}.feature_packs.{name}")
    except ModuleNotFoundError:
        raise ValueError(f"[features].pack {name!r}: no feature_packs/{name}.py") from None


def build_features(train: pd.DataFrame, test: pd.DataFrame, profile: Profile) -> Features:
    """Features for train and test. Rows are numbered 0..n-1 (train first, then test)."""
    both = pd.concat([train, test], ignore_index=True)
    frame = generic_features(both, profile, len(train))
    if profile.pack is not None:
        frame = load_pack(profile.pack).build(both, frame)
    frame.columns = _unique_safe_names([str(c) for c in frame.columns])
    cats = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    for name in frame.columns:
        if name not in cats:
            frame[name] = frame[name].astype(np.float64)
    n = len(train)
    return Features(train=frame.iloc[:n], test=frame.iloc[n:], categorical=cats)
