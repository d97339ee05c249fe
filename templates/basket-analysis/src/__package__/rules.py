"""Association rules over past baskets: level-wise Apriori with exact sparse counting.

Textbook market basket analysis: find itemsets bought together in at least ``min_support`` of
the orders, then rules X -> Y with

* support    = P(X and Y)          (share of orders holding every item of X and Y),
* confidence = P(Y | X)            = support(X u Y) / support(X),
* coverage   = P(X)                (share of orders holding the antecedent),
* lift       = confidence / P(Y)   (> 1: bought together more often than by chance),
* count      = orders holding X and Y.

The defaults and columns follow R's arules ``apriori`` (what users compare against): itemsets up
to 10 items, rules with a one-item consequent, and support / confidence / coverage / lift /
count. Unlike arules' default ``minlen = 1`` there are no rules with an empty antecedent.

Apriori grows itemsets one item at a time and extends only frequent ones (every subset of a
frequent itemset is frequent). Counting is a sparse matrix product: with X the order x item
incidence matrix of the frequent items and Y the incidence of the frequent (k-1)-itemsets,
``Y.T @ X`` counts every one-item extension at once. All counts are integers and thresholds are
compared exactly (``fractions.Fraction``), so the output is identical on every platform. In the
Instacart solutions co-occurrence was a feature and a candidate source, not the predictor.
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import config as cfg
from .data import LINE_DTYPES, file_names, load_products, locate, read_table, transaction_log
from .io import write_csv
from .profile import Profile

Itemset = tuple[int, ...]

RULE_COLUMNS = [
    "antecedent_ids",
    "antecedent",
    "consequent_ids",
    "consequent",
    "support",
    "confidence",
    "coverage",
    "lift",
    "count",
]


def _min_count(min_support: float, n_orders: int) -> int:
    """Smallest integer count c with c / n_orders >= min_support, computed exactly."""
    return max(1, ceil(Fraction(str(min_support)) * n_orders))


def frequent_itemsets(
    baskets: pd.DataFrame, min_support: float, max_len: int = cfg.RULES_MAX_LEN
) -> tuple[dict[Itemset, int], int]:
    """Frequent itemsets (sorted tuples of product ids) -> number of orders holding them.

    ``baskets`` has one row per (order_id, product_id); duplicates are ignored.
    Returns the counts and the number of orders.
    """
    if not 0 < min_support <= 1:
        raise ValueError("min_support must be in (0, 1]")
    if max_len < 1:
        raise ValueError("max_len must be at least 1")
    pairs = baskets[["order_id", "product_id"]].drop_duplicates()
    order_codes, order_index = pd.factorize(pairs["order_id"], sort=True)
    n_orders = len(order_index)
    threshold = _min_count(min_support, n_orders)
    item_counts = pairs["product_id"].value_counts()
    items = np.sort(item_counts.index[item_counts >= threshold].to_numpy())
    counts: dict[Itemset, int] = {(int(i),): int(item_counts[i]) for i in items}
    if max_len < 2 or len(items) < 2:
        return counts, n_orders

    keep = pairs["product_id"].isin(items).to_numpy()
    cols = np.searchsorted(items, pairs["product_id"].to_numpy()[keep])
    x = sp.csc_matrix(
        (np.ones(len(cols), dtype=np.int64), (order_codes[keep], cols)),
        shape=(n_orders, len(items)),
    )
    # Level k-1 itemsets as column indices into `items`, with their incidence matrix.
    level: list[tuple[int, ...]] = [(i,) for i in range(len(items))]
    incidence = x
    for _size in range(2, max_len + 1):
        extension_counts = (incidence.T @ x).tocoo()
        rows, ext, cnt = extension_counts.row, extension_counts.col, extension_counts.data
        last = np.array([s[-1] for s in level])
        ok = (ext > last[rows]) & (cnt >= threshold)
        rows, ext, cnt = rows[ok], ext[ok], cnt[ok]
        if len(rows) == 0:
            break
        order = np.lexsort((ext, rows))
        rows, ext, cnt = rows[order], ext[order], cnt[order]
        level = [(*level[r], int(e)) for r, e in zip(rows.tolist(), ext.tolist(), strict=True)]
        for itemset, c in zip(level, cnt.tolist(), strict=True):
            counts[tuple(int(items[i]) for i in itemset)] = int(c)
        incidence = incidence[:, rows].multiply(x[:, ext]).tocsc()
    return counts, n_orders


def association_rules(
    counts: dict[Itemset, int], n_orders: int, min_confidence: float = 0.0
) -> pd.DataFrame:
    """Rules X -> {y} (one-item consequent) from the frequent itemsets, sorted by lift,
    confidence, support, then ids."""
    if not 0 <= min_confidence <= 1:
        raise ValueError("min_confidence must be in [0, 1]")
    min_conf = Fraction(str(min_confidence))
    records = []
    for itemset, n_xy in counts.items():
        if len(itemset) < 2:
            continue
        for consequent in itemset:
            antecedent = tuple(i for i in itemset if i != consequent)
            n_x, n_y = counts[antecedent], counts[(consequent,)]
            if Fraction(n_xy, n_x) < min_conf:
                continue
            records.append(
                (
                    antecedent,
                    (consequent,),
                    round(n_xy / n_orders, 6),
                    round(n_xy / n_x, 6),
                    round(n_x / n_orders, 6),
                    round(n_xy * n_orders / (n_x * n_y), 6),
                    n_xy,
                )
            )
    # Rounded values first, then ids: a total, platform-independent order.
    records.sort(key=lambda r: (-r[5], -r[3], -r[2], r[0], r[1]))
    return pd.DataFrame(
        records,
        columns=["antecedent", "consequent", "support", "confidence", "coverage", "lift", "count"],
    )


def past_baskets(
    data_dir: Path, profile: Profile | None
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(order_id, product_id) pairs of the past baskets, and the product names if known."""
    log = transaction_log(data_dir, profile)
    if log is None:
        names = file_names(profile)
        baskets = read_table(data_dir, names["prior"], LINE_DTYPES, ["order_id", "product_id"])
        has_names = locate(data_dir, names["products"]) is not None
        return baskets, load_products(data_dir, names["products"]) if has_names else None
    from .transactions import baskets_from_lines, order_lines

    layout = profile.layout
    if layout["format"] == "baskets":
        return baskets_from_lines(log, layout["separator"])
    columns = [layout["member"], layout["date"], layout["item"]]
    rows = read_table(data_dir, profile.transactions_file, {}, columns)
    # Every order is a past basket here, the last ones included: rules predict nothing.
    _, lines, products = order_lines(rows, *columns, layout.get("date_format"))
    return lines[["order_id", "product_id"]], products


def readable(rules: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """Add product names: ids space-separated (like submissions), names joined by `` | ``."""

    def ids(items: Itemset) -> str:
        return " ".join(str(i) for i in items)

    def labels(items: Itemset) -> str:
        return " | ".join(names.get(i, str(i)) for i in items)

    out = pd.DataFrame(
        {
            "antecedent_ids": [ids(a) for a in rules["antecedent"]],
            "antecedent": [labels(a) for a in rules["antecedent"]],
            "consequent_ids": [ids(c) for c in rules["consequent"]],
            "consequent": [labels(c) for c in rules["consequent"]],
            "support": rules["support"],
            "confidence": rules["confidence"],
            "coverage": rules["coverage"],
            "lift": rules["lift"],
            "count": rules["count"].astype(np.int64),
        }
    )
    return out[RULE_COLUMNS]


def mine_rules_from_dir(
    data_dir: Path,
    out_path: Path,
    min_support: float = cfg.RULES_MIN_SUPPORT,
    min_confidence: float = cfg.RULES_MIN_CONFIDENCE,
    max_len: int = cfg.RULES_MAX_LEN,
    profile: Profile | None = None,
) -> pd.DataFrame:
    """Rules over the past baskets, written to ``out_path``.

    Reads only what it needs: the profile's transaction log, or the prior order lines and
    ``products.csv`` for names when it is there (ids stand in for names without it).
    """
    baskets, products = past_baskets(data_dir, profile)
    counts, n_orders = frequent_itemsets(baskets, min_support, max_len)
    names: dict[int, str] = {}
    if products is not None:
        names = dict(
            zip(products["product_id"].tolist(), products["product_name"].tolist(), strict=True)
        )
    rules = readable(association_rules(counts, n_orders, min_confidence), names)
    write_csv(rules, out_path)
    return rules
