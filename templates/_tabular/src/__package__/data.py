"""Read the competition files named in the profile: CSV, TSV, CSV inside a zip, or parquet.

Columns are read with the dtypes the profile declares (ids stay strings when they are strings,
such as ``0013_01``), checked against ``[columns]`` and put in the profile's order, so a wrong
file fails here with one line naming it instead of deep inside a model.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .data_folder import DataError, find_file
from .profile import Profile

HOLDOUT_EVERY = 5  # without a test file, every 5th train row (by id) becomes the test set
TRUE_TEXT = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


@dataclass(frozen=True)
class Dataset:
    """The train and test tables of one copy of the competition, and where they came from."""

    kind: str  # "raw" or "synthetic"
    directory: Path
    train: pd.DataFrame
    test: pd.DataFrame
    holdout: bool = False  # True when test was cut from train (no test file)


def read_dtype(profile: Profile, name: str) -> str:
    """The pandas dtype a column is read with (booleans and dates are parsed after reading)."""
    col = profile.columns[name]
    if col.dtype == "float":
        return "float64"
    if col.dtype == "int":
        return "int64" if col.role in ("id", "target") else "Int64"
    return "str"


def _read_raw(path: Path, dtypes: dict[str, str] | None, nrows: int | None = None) -> pd.DataFrame:
    name = path.name.lower()
    if name.endswith(".parquet"):
        try:
            frame = pd.read_parquet(path)
        except ImportError:
            raise DataError(
                f"{path}: reading parquet needs pyarrow (add it to pyproject.toml)"
            ) from None
        return frame if dtypes is None else frame.astype(dtypes)
    sep = "\t" if name.endswith(".tsv") else ","
    return pd.read_csv(path, sep=sep, dtype=dtypes, nrows=nrows, encoding="utf-8")


def read_table(path: Path, profile: Profile, expected: list[str]) -> pd.DataFrame:
    """One file, with the declared dtypes and exactly the ``expected`` columns."""
    try:
        header = list(_read_raw(path, None, nrows=0).columns)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise DataError(f"{path}: cannot be read as a table: {_one_line(exc)}") from None
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing or extra:
        raise DataError(
            f"{path}: columns differ from {profile.path.name} "
            f"(missing: {', '.join(missing) or 'none'}; not declared: {', '.join(extra) or 'none'})"
        )
    try:
        frame = _read_raw(path, {c: read_dtype(profile, c) for c in expected})
    except (ValueError, TypeError) as exc:
        raise DataError(
            f"{path}: a value does not fit its declared dtype: {_one_line(exc)}"
        ) from None
    frame = frame[expected]
    for name in expected:
        if profile.columns[name].dtype == "bool":
            frame[name] = _parse_bool(frame[name], path, name)
    for name in profile.ids:
        if frame[name].isna().any() or frame[name].duplicated().any():
            raise DataError(f"{path}: column {name} must hold unique ids, without blanks")
    return frame.sort_values(list(profile.ids), kind="stable").reset_index(drop=True)


def _parse_bool(series: pd.Series, path: Path, name: str) -> pd.Series:
    lowered = series.str.strip().str.lower()
    unknown = lowered.dropna()[~lowered.dropna().isin(list(TRUE_TEXT))]
    if len(unknown):
        raise DataError(f"{path}: column {name}: {unknown.iloc[0]!r} is not a boolean")
    return lowered.map(TRUE_TEXT).astype("boolean")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def check_target(frame: pd.DataFrame, profile: Profile, path: Path) -> None:
    """Blanks in a target, or classes the profile does not list, stop here."""
    for name in profile.target:
        target = frame[name]
        if target.isna().any():
            raise DataError(f"{path}: {name} has blanks")
        if profile.is_classification or profile.is_multilabel:
            unknown = sorted(set(target.tolist()) - set(profile.labels), key=str)
            if unknown:
                raise DataError(
                    f"{path}: {name} holds {unknown[:3]} outside [task].labels "
                    f"{list(profile.labels)}"
                )


def load_dataset(directory: Path, profile: Profile, kind: str) -> Dataset:
    """Load train (and test, or a holdout cut from train) from ``directory``."""
    train_path = find_file(directory, profile.files["train"])
    if train_path is None:
        hint = "run `synth` first" if kind == "synthetic" else "run `download` or copy the files"
        raise FileNotFoundError(f"{directory}: {profile.files['train']} not found; {hint}")
    train = read_table(train_path, profile, list(profile.columns))
    check_target(train, profile, train_path)
    if len(train) < 2 * profile.validation["folds"]:
        raise DataError(f"{train_path}: {len(train)} rows is too few for the folds")
    test_name = profile.files.get("test")
    test_path = None if test_name is None else find_file(directory, test_name)
    if test_name is not None and test_path is None:
        raise FileNotFoundError(f"{directory}: {test_name} not found")
    if test_path is None:
        is_test = (train.index % HOLDOUT_EVERY) == HOLDOUT_EVERY - 1
        test = train.loc[is_test, profile.test_columns].reset_index(drop=True)
        train = train.loc[~is_test].reset_index(drop=True)
        return Dataset(kind, directory, train, test, holdout=True)
    test = read_table(test_path, profile, profile.test_columns)
    return Dataset(kind, directory, train, test)
