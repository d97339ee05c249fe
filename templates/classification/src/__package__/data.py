"""Load the competition files from ``data/raw/`` (real Kaggle data) or ``data/synthetic/``.

One loader for both keeps the rest of the pipeline unaware of where the data came from. Real
files may stay zipped (``train.csv.zip``): pandas reads single-file zip archives directly.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from .constants import (
    ID_COL,
    KAGGLE_DTYPES,
    TARGET_COL,
    TEST_COLUMNS,
    TEST_FILE,
    TRAIN_COLUMNS,
    TRAIN_FILE,
)

DatasetKind = Literal["raw", "synthetic"]
DATASET_CHOICES = ("auto", "raw", "synthetic")


@dataclass(frozen=True)
class Dataset:
    """The train and test tables of one competition copy, plus where they came from."""

    kind: DatasetKind
    directory: Path
    train: pd.DataFrame
    test: pd.DataFrame


def find_file(directory: Path, name: str) -> Path | None:
    """``directory/name`` or its zipped form ``name.zip``, whichever exists first."""
    for candidate in (directory / name, directory / f"{name}.zip"):
        if candidate.is_file():
            return candidate
    return None


def has_competition_files(directory: Path) -> bool:
    """True when both train and test files (plain or zipped) are present."""
    return all(find_file(directory, name) is not None for name in (TRAIN_FILE, TEST_FILE))


def read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """Read one Kaggle CSV with the competition's dtypes and check its columns.

    Raises ValueError naming the file when the columns differ, so a wrong file fails loudly
    instead of producing a model trained on the wrong thing.
    """
    header = pd.read_csv(path, nrows=0, encoding="utf-8").columns.tolist()
    if header != columns:
        raise ValueError(f"{path}: expected columns {columns}, found {header}")
    dtypes = {c: KAGGLE_DTYPES[c] for c in columns}
    df = pd.read_csv(path, dtype=dtypes, encoding="utf-8")
    if df[ID_COL].duplicated().any():
        raise ValueError(f"{path}: duplicate {ID_COL} values")
    return df.sort_values(ID_COL, kind="stable").reset_index(drop=True)


def resolve_kind(data_dir: Path, dataset: str) -> DatasetKind:
    """Pick ``raw`` when asked or when ``auto`` finds Kaggle's files there, else ``synthetic``."""
    if dataset == "raw" or (dataset == "auto" and has_competition_files(data_dir / "raw")):
        return "raw"
    if dataset in ("auto", "synthetic"):
        return "synthetic"
    raise ValueError(f"unknown dataset {dataset!r}; choose one of {DATASET_CHOICES}")


def load_dataset(data_dir: Path, kind: DatasetKind) -> Dataset:
    """Load ``data_dir/<kind>/`` (train with labels, test without)."""
    directory = data_dir / kind
    paths = {name: find_file(directory, name) for name in (TRAIN_FILE, TEST_FILE)}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        hint = (
            "run `download` (needs Kaggle credentials) or copy Kaggle's files there"
            if kind == "raw"
            else "run `synth` first"
        )
        raise FileNotFoundError(f"{directory}: missing {', '.join(missing)}; {hint}")
    train = read_table(paths[TRAIN_FILE], TRAIN_COLUMNS)
    test = read_table(paths[TEST_FILE], TEST_COLUMNS)
    if not set(train[TARGET_COL].unique()) <= {0, 1}:
        raise ValueError(f"{paths[TRAIN_FILE]}: {TARGET_COL} must be 0 or 1")
    return Dataset(kind=kind, directory=directory, train=train, test=test)
