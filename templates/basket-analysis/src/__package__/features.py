"""User x product candidate rows with the features of the Instacart winners' first stage.

Every top solution reframed the task as binary classification: for each product a user bought in
their prior orders, will it be in the next (``train``/``test``) order? Products never bought
before cannot be "reordered", so the candidate set is exactly the user's purchase history.
All aggregations are grouped, vectorised pandas, so the same code runs on the real 32 M lines.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .config import NONE_TOKEN
from .data import BasketData

FEATURES: tuple[str, ...] = (
    # user x product
    "up_cnt",
    "up_first",
    "up_last",
    "up_cart",
    "up_rate",
    "up_rate_since_first",
    "up_orders_since_last",
    "up_last5",
    # product
    "p_cnt",
    "p_reorder",
    # user
    "u_reorder",
    "u_items",
    "u_basket",
    "u_has_reorder",
    "u_n_orders",
    # target order
    "days_since_prior_order",
)


def target_orders(orders: pd.DataFrame) -> pd.DataFrame:
    """Each user's last order (``train`` or ``test``), sorted by user."""
    target = orders[orders["eval_set"].isin(["train", "test"])]
    return (
        target[["order_id", "user_id", "eval_set", "days_since_prior_order"]]
        .sort_values("user_id", kind="stable")
        .reset_index(drop=True)
    )


def prior_history(data: BasketData) -> pd.DataFrame:
    """Prior order lines joined with their user and order number."""
    orders = data.orders
    columns = ["order_id", "user_id", "order_number"]
    prior_orders = orders.loc[orders["eval_set"] == "prior", columns]
    return data.prior_lines.merge(prior_orders, on="order_id", how="inner")


def build_candidates(data: BasketData) -> pd.DataFrame:
    """One row per (user, previously bought product) for every user with a train/test order.

    Columns: ``order_id``, ``user_id``, ``product_id``, ``eval_set``, the ``FEATURES`` and
    ``label`` (1 if the product is in the user's ``train`` order; 0 for test users).
    """
    lines = prior_history(data)
    n_orders = lines.groupby("user_id")["order_number"].max().rename("u_n_orders")
    lines = lines.join(n_orders, on="user_id")

    up = lines.groupby(["user_id", "product_id"], sort=True).agg(
        up_cnt=("order_id", "size"),
        up_first=("order_number", "min"),
        up_last=("order_number", "max"),
        up_cart=("add_to_cart_order", "mean"),
    )
    recent = lines[lines["order_number"] > lines["u_n_orders"] - 5]
    up["up_last5"] = recent.groupby(["user_id", "product_id"]).size()
    up = up.reset_index()
    up["up_last5"] = up["up_last5"].fillna(0).astype(np.int32)

    product = lines.groupby("product_id").agg(
        p_cnt=("order_id", "size"), p_reorder=("reordered", "mean")
    )
    per_order = lines.groupby(["user_id", "order_number"])["reordered"].max().reset_index()
    has_reorder = per_order[per_order["order_number"] > 1].groupby("user_id")["reordered"].mean()
    user = lines.groupby("user_id").agg(
        u_reorder=("reordered", "mean"),
        u_items=("product_id", "nunique"),
        u_lines=("order_id", "size"),
    )
    user = user.join(n_orders)
    user["u_basket"] = user["u_lines"] / user["u_n_orders"]
    user["u_has_reorder"] = has_reorder.reindex(user.index).fillna(0.0)
    user = user.drop(columns="u_lines")

    cand = up.join(product, on="product_id").join(user, on="user_id")
    cand["up_rate"] = cand["up_cnt"] / cand["u_n_orders"]
    cand["up_rate_since_first"] = cand["up_cnt"] / (cand["u_n_orders"] - cand["up_first"] + 1)
    cand["up_orders_since_last"] = cand["u_n_orders"] - cand["up_last"]

    cand = target_orders(data.orders).merge(cand, on="user_id", how="inner")
    bought = data.train_lines[["order_id", "product_id"]].assign(label=1)
    cand = cand.merge(bought, on=["order_id", "product_id"], how="left")
    cand["label"] = cand["label"].fillna(0).astype(np.int8)
    cand = cand.sort_values(["user_id", "product_id"], kind="stable").reset_index(drop=True)
    return cand[["order_id", "user_id", "product_id", "eval_set", *FEATURES, "label"]]


def reorder_truth(data: BasketData) -> dict[int, set[str]]:
    """Reordered products of every ``train`` order as metric tokens; ``{"None"}`` when empty."""
    train_ids = data.orders.loc[data.orders["eval_set"] == "train", "order_id"]
    lines = data.train_lines[data.train_lines["reordered"] == 1]
    grouped = lines.groupby("order_id")["product_id"].agg(list)
    return {
        int(o): {str(p) for p in grouped[o]} if o in grouped.index else {NONE_TOKEN}
        for o in np.sort(train_ids.to_numpy())
    }
