"""Kaggle's submission format: ``order_id,products`` with space-separated ids or ``None``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .io import write_csv
from .metric import format_products, parse_products

COLUMNS = ["order_id", "products"]


def to_frame(chosen: Mapping[int, tuple[list[int], bool]], order_ids) -> pd.DataFrame:
    """One row per requested order, sorted by ``order_id``; orders without a choice get ``None``."""
    ids = sorted(int(o) for o in order_ids)
    rows = [format_products(*chosen.get(o, ([], True))) for o in ids]
    return pd.DataFrame({"order_id": ids, "products": rows})


def write_submission(frame: pd.DataFrame, path: Path) -> None:
    if list(frame.columns) != COLUMNS:
        raise ValueError(f"submission columns must be {COLUMNS}, got {list(frame.columns)}")
    if (frame["products"].str.strip() == "").any():
        raise ValueError("empty products field: write None for an empty basket")
    write_csv(frame.sort_values("order_id", kind="stable"), path)


def read_products_file(path: Path) -> dict[int, set[str]]:
    """Read a submission or solution file into order id -> token set.

    ``keep_default_na=False`` matters: pandas would otherwise read the literal ``None`` as NaN.
    """
    frame = pd.read_csv(
        path,
        dtype={"order_id": "int64", "products": "string"},
        keep_default_na=False,
        encoding="utf-8",
    )
    if list(frame.columns) != COLUMNS:
        raise ValueError(f"{path}: columns must be {COLUMNS}, got {list(frame.columns)}")
    if frame["order_id"].duplicated().any():
        raise ValueError(f"{path}: duplicate order_id rows")
    return {
        int(o): parse_products(str(p))
        for o, p in zip(frame["order_id"], frame["products"], strict=True)
    }
