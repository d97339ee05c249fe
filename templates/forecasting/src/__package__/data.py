"""Read train, test and sample submission with the columns the profile names.

Columns the profile does not name are left out (they are yours to join as features); a
missing one, a test that starts before train ends or runs past the horizon, or a sample
submission whose ids differ from test's stop here with one line naming the file.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .data_folder import DataError, find_file
from .profile import ONE_SERIES, Profile


@dataclass(frozen=True)
class Dataset:
    """One copy of the competition, and where it came from."""

    kind: str  # "raw" or "synthetic"
    directory: Path
    train: pd.DataFrame
    test: pd.DataFrame
    sample: pd.DataFrame


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def read_table(directory: Path, name: str, columns: list[str], profile: Profile) -> pd.DataFrame:
    """``name`` (or ``name.zip``) with exactly ``columns``: keys and ids as text, dates parsed."""
    path = find_file(directory, name)
    if path is None:
        raise FileNotFoundError(f"{directory}: {name} not found; run `synth`, or `download`")
    text = {c: "str" for c in (*profile.keys, profile.id_col) if c in columns}
    try:
        header = list(pd.read_csv(path, nrows=0, encoding="utf-8").columns)
        missing = [c for c in columns if c not in header]
        if missing:
            raise DataError(f"{path}: no column {', '.join(missing)} (it has {', '.join(header)})")
        frame = pd.read_csv(path, usecols=columns, dtype=text, encoding="utf-8", low_memory=False)
        frame[profile.time] = pd.to_datetime(frame[profile.time], format="%Y-%m-%d")
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"{path}: cannot be read: {_one_line(exc)}") from None
    return frame[columns]


def load_dataset(directory: Path, profile: Profile, kind: str) -> Dataset:
    """Train, test and sample submission of ``directory``, checked against each other."""
    files = profile.files
    train = read_table(directory, files["train"], profile.train_columns(), profile)
    test = read_table(directory, files["test"], profile.test_columns(), profile)
    sample = read_sample(directory, files["sample_submission"], profile)
    train[profile.target] = pd.to_numeric(train[profile.target], errors="coerce")
    if train[profile.target].isna().any():
        raise DataError(f"{directory / files['train']}: {profile.target} has blanks or text")
    last, first_test = train[profile.time].max(), test[profile.time].min()
    if first_test <= last:
        raise DataError(
            f"{files['test']}: starts {first_test.date()}, not after train's {last.date()}"
        )
    reach = (test[profile.time].max() - last).days
    if reach > profile.horizon:
        raise DataError(
            f"{files['test']}: reaches {reach} days past train, beyond [series].horizon "
            f"{profile.horizon} (the lags would read unknown days)"
        )
    if set(sample[profile.id_col]) != set(test[profile.id_col]) or len(sample) != len(test):
        raise DataError(f"{files['sample_submission']}: ids differ from {files['test']}'s")
    if not profile.keys:  # one series: the engine groups by one constant column
        train, test = (f.assign(**{ONE_SERIES: "0"}) for f in (train, test))
    return Dataset(kind, directory, train, test, sample)


def read_sample(directory: Path, name: str, profile: Profile) -> pd.DataFrame:
    """The sample submission: its id column as text and its prediction column."""
    path = find_file(directory, name)
    if path is None:
        raise FileNotFoundError(f"{directory}: {name} not found")
    columns = [profile.id_col, profile.prediction_col]
    frame = pd.read_csv(path, dtype={profile.id_col: "str"}, encoding="utf-8")
    if list(frame.columns) != columns:
        raise DataError(f"{path}: columns must be {columns}, found {list(frame.columns)}")
    return frame
