"""Reading and writing the Instacart files.

One loader serves ``data/raw/`` (real Kaggle files) and ``data/synthetic/`` alike. Reads are
column-selected and typed (``int32`` ids, small ints for counters) because the real
``order_products__prior.csv`` has 32 M rows: with default ``int64``/object dtypes it needs several
times the memory. Each file may be stored as ``X.csv`` or as Kaggle's single-file ``X.csv.zip``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config as cfg
from .data_folder import require_files, user_files
from .kaggle_env import kaggle_input_dir, working_root
from .profile import Profile

ORDER_DTYPES = {
    "order_id": np.int32,
    "user_id": np.int32,
    "eval_set": "category",
    "order_number": np.int16,
    "order_dow": np.int8,
    "order_hour_of_day": np.int8,
    "days_since_prior_order": np.float32,
}
LINE_DTYPES = {
    "order_id": np.int32,
    "product_id": np.int32,
    "add_to_cart_order": np.int16,
    "reordered": np.int8,
}
PRODUCT_DTYPES = {
    "product_id": np.int32,
    "product_name": "string",
    "aisle_id": np.int16,
    "department_id": np.int16,
}


def locate(data_dir: Path, name: str) -> Path | None:
    """Return ``data_dir/name`` or ``data_dir/name.zip``, whichever exists (plain CSV first)."""
    for candidate in (data_dir / name, data_dir / f"{name}.zip"):
        if candidate.is_file():
            return candidate
    return None


def has_files(data_dir: Path, names: Sequence[str] = cfg.TRAINING_FILES) -> bool:
    """True when every named file is present (as CSV or zipped CSV)."""
    return all(locate(data_dir, name) is not None for name in names)


def read_table(
    data_dir: Path, name: str, dtypes: dict, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Typed, column-selected read of one Kaggle file."""
    path = locate(data_dir, name)
    if path is None:
        raise FileNotFoundError(f"{name} (or {name}.zip) not found in {data_dir}")
    usecols = list(columns) if columns is not None else list(dtypes)
    options = {"usecols": usecols, "dtype": {c: dtypes[c] for c in usecols if c in dtypes}}
    if path.suffix != ".zip":
        return pd.read_csv(path, encoding="utf-8", **options)[usecols]
    with zipfile.ZipFile(path) as archive, archive.open(_zip_member(archive, name)) as handle:
        return pd.read_csv(handle, encoding="utf-8", **options)[usecols]


def _zip_member(archive: zipfile.ZipFile, name: str) -> str:
    """The CSV inside a Kaggle zip, ignoring macOS metadata (``__MACOSX/``, ``._*``).

    pandas refuses zips with more than one member, and archives made on a Mac have two.
    """
    members = [
        m
        for m in archive.namelist()
        if not m.endswith("/")
        and not m.startswith("__MACOSX/")
        and not m.rsplit("/", 1)[-1].startswith(".")
    ]
    exact = [m for m in members if m.rsplit("/", 1)[-1] == name]
    if exact:
        return exact[0]
    if len(members) == 1:
        return members[0]
    raise ValueError(f"{archive.filename}: expected one CSV member, found {members}")


@dataclass(frozen=True)
class BasketData:
    """The tables the reorder model needs. ``train_lines`` is empty for users in ``test``."""

    orders: pd.DataFrame
    prior_lines: pd.DataFrame
    train_lines: pd.DataFrame


def file_names(profile: Profile | None) -> dict[str, str]:
    """Instacart-layout file names: the profile's, else Kaggle's (the synthetic data's)."""
    files = profile.files if profile is not None and profile.layout["kind"] == "orders" else {}
    defaults = {"orders": cfg.ORDERS, "prior": cfg.PRIOR, "train": cfg.TRAIN}
    return {
        key: files.get(key, name) for key, name in {**defaults, "products": cfg.PRODUCTS}.items()
    }


def transaction_log(data_dir: Path, profile: Profile | None) -> Path | None:
    """The profile's transaction log when ``data_dir`` holds it (real data), else None."""
    name = profile.transactions_file if profile is not None else None
    return locate(data_dir, name) if name else None


def load_basket_data(
    data_dir: Path, sample_users: int | None = None, profile: Profile | None = None
) -> BasketData:
    """Load orders and order lines; ``sample_users`` keeps the first N users to iterate fast.

    A transaction log named by the profile is mapped to orders first (see transactions.py).
    """
    log = transaction_log(data_dir, profile)
    if log is not None:
        from .transactions import orders_from_rows

        layout = profile.layout
        if layout["format"] != "rows":
            raise ValueError(
                f"{log}: one basket per line has no purchase history to reorder from; "
                "only `rules` reads it"
            )
        columns = [layout["member"], layout["date"], layout["item"]]
        rows = read_table(data_dir, profile.transactions_file, {}, columns)
        data, _ = orders_from_rows(rows, *columns, layout.get("date_format"))
        return _sample(data, sample_users)
    names = file_names(profile)
    orders = read_table(data_dir, names["orders"], ORDER_DTYPES)
    orders["eval_set"] = orders["eval_set"].astype(str)
    prior = read_table(data_dir, names["prior"], LINE_DTYPES)
    train = read_table(data_dir, names["train"], LINE_DTYPES)
    return _sample(BasketData(orders=orders, prior_lines=prior, train_lines=train), sample_users)


def _sample(data: BasketData, sample_users: int | None) -> BasketData:
    """The first ``sample_users`` users and their lines (all of them for None)."""
    orders, prior, train = data.orders, data.prior_lines, data.train_lines
    if sample_users is not None:
        keep = np.sort(orders["user_id"].unique())[:sample_users]
        orders = orders[orders["user_id"].isin(keep)].reset_index(drop=True)
        ids = orders["order_id"]
        prior = prior[prior["order_id"].isin(ids)].reset_index(drop=True)
        train = train[train["order_id"].isin(ids)].reset_index(drop=True)
    return BasketData(orders=orders, prior_lines=prior, train_lines=train)


def load_products(data_dir: Path, name: str = cfg.PRODUCTS) -> pd.DataFrame:
    """``products.csv`` with ids and names (used to make association rules readable)."""
    return read_table(data_dir, name, PRODUCT_DTYPES, ["product_id", "product_name"])


def needed_files(profile: Profile | None, rules: bool = False) -> tuple[str, ...]:
    """The files a command reads from the data folder: the transaction log, else the orders
    layout's tables (``rules`` needs only the prior order lines)."""
    if profile is not None and profile.transactions_file:
        return (profile.transactions_file,)
    names = file_names(profile)
    return (names["prior"],) if rules else (names["orders"], names["prior"], names["train"])


def resolve_data_dir(
    data_dir: Path | None,
    seed: int,
    log: Callable[[str], None] = print,
    profile: Profile | None = None,
    rules: bool = False,
) -> tuple[Path, str]:
    """Pick the data: ``--data-dir``, else the attached competition in a Kaggle notebook, else
    ``data/raw`` as soon as anything is in it, else synthetic (generated on demand, so ``train``
    works on a fresh clone). A real-data folder must hold every file the command reads.

    Returns the directory and the dataset label written to ``metrics.json``.
    """
    needs = needed_files(profile, rules)
    known = list(profile.files.values()) if profile is not None else list(cfg.TRAINING_FILES)
    if data_dir is None and profile is not None:
        data_dir = kaggle_input_dir(profile.slug)
    if data_dir is not None:
        if locate(data_dir, cfg.SOLUTION) is not None and has_files(data_dir):
            return data_dir, "synthetic"  # our own set, in Instacart's tables
        require_files(data_dir, needs, known)
        return data_dir, "synthetic" if locate(data_dir, cfg.SOLUTION) else "raw"
    raw = working_root() / cfg.RAW_DIR
    if user_files(raw):
        require_files(raw, needs, known)
        return raw, "raw"
    synthetic = working_root() / cfg.SYNTHETIC_DIR
    if not has_files(synthetic, needs):
        from .synth import write_synthetic

        log(f"note: no competition files in {raw}; generating {synthetic} (seed {seed})")
        write_synthetic(synthetic, seed, profile=profile)
    return synthetic, "synthetic"
