"""The synthetic orders written as the profile's transaction log instead of Instacart's tables.

A transaction-log profile (the Groceries dataset: ``Member_number,Date,itemDescription``) gets its
synthetic data in exactly that format, so ``train`` reads it through the same loader as the real
file (transactions.py). Every simulated order becomes one shopping day of its member: the first
order of member ``u`` falls ``u mod 90`` days after 2014-01-01, each next one
``days_since_prior_order`` later (at least one day, or two orders would merge into one). Items are
the product names. ``_solution.csv`` holds the reordered products of the orders the loader holds
out, keyed by the loader's order and product ids, so ``score`` grades a submission as Kaggle would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import config as cfg
from .metric import format_products
from .transactions import order_lines

if TYPE_CHECKING:
    from .synth import Simulation

START = np.datetime64("2014-01-01")
START_SPREAD_DAYS = 90
MEMBER_OFFSET = 1000  # Groceries' member numbers start at 1000
DEFAULT_DATE_FORMAT = "%Y-%m-%d"


def shopping_days(orders: pd.DataFrame) -> pd.Series:
    """The calendar day of every order (``orders`` sorted by user and order number)."""
    gaps = orders["days_since_prior_order"].fillna(0).clip(lower=1).astype(np.int64)
    gaps[orders["order_number"] == 1] = 0
    offset = gaps.groupby(orders["user_id"]).cumsum() + orders["user_id"] % START_SPREAD_DAYS
    return pd.Series(START + offset.to_numpy().astype("timedelta64[D]"), index=orders.index)


def log_rows(sim: Simulation, layout: dict[str, str]) -> pd.DataFrame:
    """One (member, date, item) row per simulated order line, in date order."""
    orders = sim.orders.sort_values(["user_id", "order_number"]).reset_index(drop=True)
    orders["day"] = shopping_days(orders)
    names = sim.catalog["products"].set_index("product_id")["product_name"]
    lines = sim.lines[["order_id", "product_id"]].merge(orders[["order_id", "user_id", "day"]])
    lines["item"] = lines["product_id"].map(names)
    lines = lines.sort_values(["day", "user_id", "item"], kind="stable")
    date_format = layout.get("date_format", DEFAULT_DATE_FORMAT)
    return pd.DataFrame(
        {
            layout["member"]: (lines["user_id"] + MEMBER_OFFSET).to_numpy(),
            layout["date"]: lines["day"].dt.strftime(date_format).to_numpy(),
            layout["item"]: lines["item"].to_numpy(),
        }
    )


def solution_of(rows: pd.DataFrame, layout: dict[str, str]) -> pd.DataFrame:
    """The held-out orders' reordered products, as the loader numbers orders and products."""
    columns = (layout["member"], layout["date"], layout["item"])
    orders, lines, _ = order_lines(rows, *columns, layout.get("date_format", DEFAULT_DATE_FORMAT))
    test_ids = np.sort(orders.loc[orders["eval_set"] == "test", "order_id"].to_numpy())
    held_out = lines[lines["order_id"].isin(test_ids) & (lines["reordered"] == 1)]
    truth = held_out.groupby("order_id")["product_id"].apply(lambda s: format_products(s))
    return pd.DataFrame(
        {"order_id": test_ids, "products": [truth.get(o, cfg.NONE_TOKEN) for o in test_ids]}
    )


def basket_lines(sim: Simulation, separator: str) -> str:
    """One basket per line (items joined by ``separator``), orders in date order."""
    orders = sim.orders.sort_values(["user_id", "order_number"]).reset_index(drop=True)
    orders["day"] = shopping_days(orders)
    names = sim.catalog["products"].set_index("product_id")["product_name"]
    lines = sim.lines[["order_id", "product_id"]].merge(orders[["order_id", "day"]])
    lines["item"] = lines["product_id"].map(names)
    lines = lines.sort_values(["day", "order_id", "item"], kind="stable")
    baskets = lines.groupby(["day", "order_id"], sort=True)["item"].apply(separator.join)
    return "".join(f"{basket}\n" for basket in baskets)
