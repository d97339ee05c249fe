"""Transaction logs mapped to the order/line tables the reorder model and ``rules`` read.

Two layouts are common besides Instacart's orders + order lines: one row per (member, date, item)
(the Groceries dataset), and one basket per line with items separated by a delimiter (Market Basket
Optimisation). Rows become orders: one order per (member, date), numbered by date; a member's
last order is the one to predict, labelled ("train") for two members in three and held out
("test") for every third, so ``train`` scores out of fold and still writes a submission. One
basket per line has no member, hence no history to reorder from: only ``rules`` reads it.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from .data import BasketData

TEST_EVERY = 3  # every third member's last order is held out as "test"


def products_of(items: pd.Series) -> pd.DataFrame:
    """Item names -> integer product ids (1-based, in sorted name order)."""
    names = np.sort(items.astype(str).unique())
    return pd.DataFrame(
        {"product_id": np.arange(1, len(names) + 1, dtype=np.int32), "product_name": names}
    )


def order_lines(
    rows: pd.DataFrame, member: str, date: str, item: str, date_format: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(member, date, item) rows -> orders, every order line, and the product table."""
    missing = [c for c in (member, date, item) if c not in rows.columns]
    if missing:
        raise ValueError(f"transaction log lacks column(s) {', '.join(missing)}")
    log = pd.DataFrame(
        {
            "member": rows[member].astype(str),
            "date": pd.to_datetime(rows[date], format=date_format, dayfirst=date_format is None),
            "item": rows[item].astype(str),
        }
    )
    products = products_of(log["item"])
    log["product_id"] = np.searchsorted(products["product_name"].to_numpy(), log["item"]) + 1
    orders = log[["member", "date"]].drop_duplicates().sort_values(["member", "date"])
    orders = orders.reset_index(drop=True)
    orders["order_id"] = np.arange(1, len(orders) + 1, dtype=np.int32)
    member_codes, _ = pd.factorize(orders["member"], sort=True)
    orders["user_id"] = (member_codes + 1).astype(np.int32)
    orders["order_number"] = orders.groupby("user_id").cumcount().astype(np.int16) + 1
    gap = orders.groupby("user_id")["date"].diff().dt.days
    orders["days_since_prior_order"] = gap.astype(np.float32)
    last = orders["order_number"] == orders.groupby("user_id")["order_number"].transform("max")
    held_out = orders["user_id"] % TEST_EVERY == 0
    orders["eval_set"] = np.where(last, np.where(held_out, "test", "train"), "prior")
    orders["order_dow"] = orders["date"].dt.dayofweek.astype(np.int8)
    orders["order_hour_of_day"] = np.int8(0)

    lines = log.merge(orders[["member", "date", "order_id", "user_id", "order_number"]])
    lines = lines.drop_duplicates(["order_id", "product_id"]).sort_values(["order_id", "item"])
    lines["add_to_cart_order"] = lines.groupby("order_id").cumcount().astype(np.int16) + 1
    first = lines.groupby(["user_id", "product_id"])["order_number"].transform("min")
    lines["reordered"] = (lines["order_number"] > first).astype(np.int8)
    columns = ["order_id", "product_id", "add_to_cart_order", "reordered"]
    order_columns = [
        "order_id",
        "user_id",
        "eval_set",
        "order_number",
        "order_dow",
        "order_hour_of_day",
        "days_since_prior_order",
    ]
    return orders[order_columns], lines[columns].reset_index(drop=True), products


def orders_from_rows(
    rows: pd.DataFrame, member: str, date: str, item: str, date_format: str | None = None
) -> tuple[BasketData, pd.DataFrame]:
    """(member, date, item) rows -> orders with prior and train lines, and the product table.

    Lines of the held-out ("test") orders are dropped: their products are what is predicted.
    """
    orders, lines, products = order_lines(rows, member, date, item, date_format)
    eval_set = lines["order_id"].map(orders.set_index("order_id")["eval_set"])
    prior = lines[eval_set == "prior"].reset_index(drop=True)
    train = lines[eval_set == "train"].reset_index(drop=True)
    return BasketData(orders=orders, prior_lines=prior, train_lines=train), products


def baskets_from_lines(path: Path, separator: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One basket per line -> (order_id, product_id) pairs and the product table."""
    text = path.read_text(encoding="utf-8-sig")
    rows = [
        (order_id, item.strip())
        for order_id, line in enumerate(text.splitlines(), start=1)
        for item in line.split(separator)
        if item.strip()
    ]
    if not rows:
        raise ValueError(f"{path}: no baskets")
    pairs = pd.DataFrame(rows, columns=["order_id", "item"])
    products = products_of(pairs["item"])
    pairs["product_id"] = np.searchsorted(products["product_name"].to_numpy(), pairs["item"]) + 1
    return pairs[["order_id", "product_id"]], products
