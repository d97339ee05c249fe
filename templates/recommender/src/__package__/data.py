"""Load the H&M files (real or synthetic) into compact integer-coded tables.

Real data is 31.8 M transactions and 1.37 M customers, so the loaders read only the columns the
baselines use (`usecols`), read the two id columns as strings (as integers `article_id` loses
its leading zero and no submission line would match) and immediately replace them by int32
codes. Codes follow the sorted id strings, so "sort by code" is "sort by article_id".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .constants import (
    AGE_BUCKET_EDGES,
    ARTICLES_FILE,
    COMPETITION_FILES,
    CUSTOMERS_FILE,
    SAMPLE_SUBMISSION_FILE,
    TRANSACTIONS_FILE,
)


def find_file(data_dir: Path, name: str) -> Path:
    """Return `data_dir/name`, or `data_dir/name.zip` (pandas reads single-file zips)."""
    for candidate in (data_dir / name, data_dir / f"{name}.zip"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{data_dir / name} (or .zip) not found")


def has_competition_files(data_dir: Path) -> bool:
    """True when every competition CSV (plain or zipped) is present in `data_dir`."""
    try:
        for name in COMPETITION_FILES:
            find_file(data_dir, name)
    except FileNotFoundError:
        return False
    return True


def read_articles(data_dir: Path) -> pd.DataFrame:
    """article_id (str) and index_group_no, the article attribute the baselines use."""
    return pd.read_csv(
        find_file(data_dir, ARTICLES_FILE),
        usecols=["article_id", "index_group_no"],
        dtype={"article_id": "str", "index_group_no": "int16"},
        encoding="utf-8",
    )


def read_customers(data_dir: Path) -> pd.DataFrame:
    """customer_id (str) and age (float32, NaN when missing)."""
    return pd.read_csv(
        find_file(data_dir, CUSTOMERS_FILE),
        usecols=["customer_id", "age"],
        dtype={"customer_id": "str", "age": "float32"},
        encoding="utf-8",
    )


def read_transactions(data_dir: Path) -> pd.DataFrame:
    """t_dat (datetime), customer_id and article_id (categoricals of strings).

    Categoricals keep each distinct 64-character id once instead of 31.8 M times; price and
    sales_channel_id are skipped because no baseline uses them yet.
    """
    return pd.read_csv(
        find_file(data_dir, TRANSACTIONS_FILE),
        usecols=["t_dat", "customer_id", "article_id"],
        dtype={"customer_id": "category", "article_id": "category"},
        parse_dates=["t_dat"],
        date_format="%Y-%m-%d",
        encoding="utf-8",
    )


def read_sample_submission(data_dir: Path) -> pd.Series:
    """The customer_id column of sample_submission.csv, in file order (the submission order)."""
    frame = pd.read_csv(
        find_file(data_dir, SAMPLE_SUBMISSION_FILE),
        usecols=["customer_id"],
        dtype={"customer_id": "str"},
        encoding="utf-8",
    )
    return frame["customer_id"]


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
        np.concatenate(
            [articles["article_id"].to_numpy(str), _distinct(transactions["article_id"])]
        )
    )
    group_codes = pd.Categorical(articles["index_group_no"]).codes.astype(np.int16)
    article_group = np.full(len(article_ids), -1, dtype=np.int16)
    article_group[_codes(articles["article_id"], article_ids)] = group_codes

    customer_ids = np.unique(
        np.concatenate(
            [
                customers["customer_id"].to_numpy(str),
                _distinct(transactions["customer_id"]),
                submission_customer_ids.to_numpy(str),
            ]
        )
    )
    customer_age_bucket = np.full(len(customer_ids), -1, dtype=np.int8)
    customer_age_bucket[_codes(customers["customer_id"], customer_ids)] = age_bucket(
        customers["age"].to_numpy()
    )

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


def load_dataset(data_dir: Path, source: str) -> Dataset:
    """Read the four competition files from `data_dir` (plain CSV or .csv.zip)."""
    return build_dataset(
        read_articles(data_dir),
        read_customers(data_dir),
        read_transactions(data_dir),
        read_sample_submission(data_dir),
        source=source,
    )
