"""Integer-only baselines: byte-identical on every OS, and the bar the model has to clear.

* ``previous_basket`` - the user's last prior order, as is.
* ``half_rule`` - every product in at least half of the user's prior orders (``2*count >=
  n_orders``, integers only), or ``None`` when no product qualifies. A strong naive baseline:
  it already captures the staples.
* ``always_none`` - ``None`` for every order: the bar when most next orders hold no reordered
  product (F1 = the share of such orders).
"""

from __future__ import annotations

import pandas as pd

from .data import BasketData
from .features import prior_history, target_orders

Prediction = dict[int, tuple[list[int], bool]]


def previous_basket(data: BasketData) -> Prediction:
    """Target order id -> products of the user's most recent prior order."""
    lines = prior_history(data)
    last = lines.groupby("user_id")["order_number"].transform("max")
    latest = lines[lines["order_number"] == last]
    by_user = latest.groupby("user_id")["product_id"].agg(sorted)
    return _per_target_order(data, by_user, add_none_when_empty=True)


def half_rule(candidates: pd.DataFrame) -> Prediction:
    """Target order id -> products bought in at least half of the user's prior orders."""
    keep = candidates[2 * candidates["up_cnt"] >= candidates["u_n_orders"]]
    chosen = keep.groupby("order_id")["product_id"].agg(sorted)
    return {
        int(o): (chosen.get(o, []), o not in chosen.index)
        for o in candidates["order_id"].drop_duplicates().sort_values(kind="stable")
    }


def always_none(data: BasketData) -> Prediction:
    """Target order id -> no products, None."""
    return {int(o): ([], True) for o in target_orders(data.orders)["order_id"]}


def _per_target_order(
    data: BasketData, by_user: pd.Series, add_none_when_empty: bool
) -> Prediction:
    target = target_orders(data.orders)
    out: Prediction = {}
    for order_id, user_id in zip(target["order_id"], target["user_id"], strict=True):
        products = by_user.get(user_id, [])
        out[int(order_id)] = ([int(p) for p in products], add_none_when_empty and not products)
    return out
