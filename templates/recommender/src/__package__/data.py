"""Load the profile's files (real or synthetic) into compact integer-coded tables.

Real data can be large (H&M: 31.8 M transactions, 1.37 M customers), so the loaders read only
the columns competition.toml names (`usecols`), read the two id columns as strings (as integers
H&M's `article_id` loses its leading zero and no submission line would match) and immediately
replace them by int32 codes. Codes follow the sorted id strings, so "sort by code" is "sort by
id". Internally users are `customer_id`/`cust` and items `article_id`/`art`, whatever the
profile calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .constants import AGE_BUCKET_EDGES
from .profile import Profile


def find_file(data_dir: Path, name: str) -> Path:
    """Return `data_dir/name`, or `data_dir/name.zip` (pandas reads single-file zips)."""
    for candidate in (data_dir / name, data_dir / f"{name}.zip"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{data_dir / name} (or .zip) not found")


def has_competition_files(data_dir: Path, profile: Profile) -> bool:
    """True when every file of the profile (plain or zipped) is present in `data_dir`."""
    try:
        for name in profile.files:
            find_file(data_dir, name)
    except FileNotFoundError:
        return False
    return True


def _read(path: Path, columns: dict[str, str], **kwargs) -> pd.DataFrame:
    """Read only `columns` (name -> dtype) and say which one is missing instead of a traceback."""
    header = pd.read_csv(path, nrows=0, encoding="utf-8").columns
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(f"{path}: no column {', '.join(missing)} (named in competition.toml)")
    return pd.read_csv(path, usecols=list(columns), dtype=columns, encoding="utf-8", **kwargs)


def read_segments(data_dir: Path, profile: Profile, which: str) -> pd.DataFrame:
    """`id` (str) and `segment` of the item or user table; segment -1 when there is none."""
    table = profile.items if which == "items" else profile.users
    if table is None:
        return pd.DataFrame({"id": pd.Series(dtype=str), "segment": pd.Series(dtype="int16")})
    columns = {table.id: "str"} | ({table.segment: "str"} if table.segment else {})
    frame = _read(find_file(data_dir, table.file), columns)
    out = pd.DataFrame({"id": frame[table.id].to_numpy(str)})
    if table.segment is None:
        out["segment"] = np.int16(-1)
        return out
    raw = frame[table.segment]
    numeric = pd.to_numeric(raw, errors="coerce")
    is_number = numeric.notna().sum() >= raw.notna().sum() > 0
    if which == "users" and is_number:
        out["segment"] = age_bucket(numeric.to_numpy(np.float64))  # a number such as age
    else:
        # Numeric codes (H&M's index_group_no) keep their numeric order; -1 when blank.
        values = numeric if is_number else raw
        out["segment"] = pd.Categorical(values).codes.astype(np.int16)
    return out


def read_transactions(data_dir: Path, profile: Profile) -> pd.DataFrame:
    """`t_dat` (datetime), `customer_id` and `article_id` (categoricals of strings).

    Categoricals keep each distinct id once instead of once per row. With ratings, only rows
    at or above `min_rating` count as positive feedback.
    """
    columns = {profile.user: "category", profile.item: "category"}
    columns[profile.time] = "str" if profile.time_unit == "date" else "int64"
    if profile.rating is not None:
        columns[profile.rating] = "float64"
    frame = _read(find_file(data_dir, profile.interactions_file), columns)
    if profile.rating is not None and profile.min_rating is not None:
        frame = frame[frame[profile.rating] >= profile.min_rating].reset_index(drop=True)
    if profile.time_unit == "date":
        when = pd.to_datetime(frame[profile.time], format="%Y-%m-%d")
    else:
        when = pd.to_datetime(frame[profile.time], unit=profile.time_unit).dt.normalize()
    return pd.DataFrame(
        {
            "t_dat": when,
            "customer_id": frame[profile.user],
            "article_id": frame[profile.item],
        }
    )


def read_sample_submission(data_dir: Path, profile: Profile) -> pd.Series:
    """The user column of the sample submission, in file order (the submission order)."""
    path = find_file(data_dir, profile.sample_submission_file)
    frame = _read(path, {profile.submission_user: "str"})
    return frame[profile.submission_user].rename("customer_id")


def age_bucket(age: np.ndarray) -> np.ndarray:
    """0: <25, 1: 25-34, 2: 35-49, 3: 50+, -1: missing."""
    age = np.asarray(age, dtype=np.float64)
    bucket = np.searchsorted(np.asarray(AGE_BUCKET_EDGES, dtype=np.float64), age, side="right")
    return np.where(np.isnan(age), -1, bucket).astype(np.int8)


@dataclass(frozen=True)
class Dataset:
    """Integer-coded view of one data directory.

    transactions: `day` (days since the first date), `week` (0 = first week; weeks are counted
    back from the last observed day, so the last week is complete and only week 0 may be
    partial), `cust`, `art` (int32 codes).
    """

    source: str
    article_ids: np.ndarray  # str per article code, sorted
    article_group: np.ndarray  # int16 code of index_group_no per article
    customer_ids: np.ndarray  # str per customer code, sorted
    customer_age_bucket: np.ndarray  # int8 per customer code
    transactions: pd.DataFrame
    submission_customers: np.ndarray  # customer codes in sample_submission order
    first_date: pd.Timestamp

    @property
    def n_articles(self) -> int:
        return len(self.article_ids)

    @property
    def last_week(self) -> int:
        """Index of the last observed week (the validation week)."""
        return int(self.transactions["week"].max())


def _distinct(values: pd.Series) -> np.ndarray:
    """Distinct id strings of a column (cheap for categoricals: just their categories)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.categories.to_numpy(str)
    return values.unique().astype(str)


def _codes(values: pd.Series, ids: np.ndarray) -> np.ndarray:
    """Map id strings to their position in the sorted `ids` array.

    A categorical column is recoded through its (few) categories, so the 31.8 M transaction
    ids are never materialised as Python strings.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        cat_codes = values.cat.codes.to_numpy()
        if (cat_codes < 0).any():
            raise ValueError("a transaction has a blank id")
        return _codes(pd.Series(values.cat.categories.to_numpy(str)), ids)[cat_codes]
    codes = pd.Categorical(values.to_numpy(str), categories=ids).codes
    if (codes < 0).any():
        raise ValueError("an id is missing from its id table")
    return codes.astype(np.int32)


def build_dataset(
    articles: pd.DataFrame,
    customers: pd.DataFrame,
    transactions: pd.DataFrame,
    submission_customer_ids: pd.Series,
    source: str,
) -> Dataset:
    """Encode ids as int32 codes and dates as day/week numbers.

    Ids that appear only in transactions or the sample submission are added to the id tables
    (with unknown group or age) instead of being dropped.
    """
    article_ids = np.unique(
        np.concatenate([articles["id"].to_numpy(str), _distinct(transactions["article_id"])])
    )
    group_codes = pd.Categorical(articles["segment"]).codes.astype(np.int16)
    article_group = np.full(len(article_ids), -1, dtype=np.int16)
    article_group[_codes(articles["id"], article_ids)] = group_codes

    customer_ids = np.unique(
        np.concatenate(
            [
                customers["id"].to_numpy(str),
                _distinct(transactions["customer_id"]),
                submission_customer_ids.to_numpy(str),
            ]
        )
    )
    customer_age_bucket = np.full(len(customer_ids), -1, dtype=np.int8)
    customer_age_bucket[_codes(customers["id"], customer_ids)] = customers["segment"].to_numpy()

    dates = transactions["t_dat"]
    first_date, last_date = dates.min(), dates.max()
    day = (dates - first_date).dt.days.to_numpy().astype(np.int32)
    last_day = int((last_date - first_date).days)
    n_weeks = last_day // 7 + 1
    week = (n_weeks - 1 - (last_day - day) // 7).astype(np.int16)
    tx = pd.DataFrame(
        {
            "day": day,
            "week": week,
            "cust": _codes(transactions["customer_id"], customer_ids),
            "art": _codes(transactions["article_id"], article_ids),
        }
    )
    return Dataset(
        source=source,
        article_ids=article_ids,
        article_group=article_group,
        customer_ids=customer_ids,
        customer_age_bucket=customer_age_bucket,
        transactions=tx,
        submission_customers=_codes(submission_customer_ids, customer_ids),
        first_date=first_date,
    )


def load_dataset(data_dir: Path, source: str, profile: Profile) -> Dataset:
    """Read the profile's files from `data_dir` (plain CSV or .csv.zip)."""
    return build_dataset(
        read_segments(data_dir, profile, "items"),
        read_segments(data_dir, profile, "users"),
        read_transactions(data_dir, profile),
        read_sample_submission(data_dir, profile),
        source=source,
    )
