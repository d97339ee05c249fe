"""Turn ranked (customer, article) rows into exactly k distinct articles per customer."""

from __future__ import annotations

import numpy as np
import pandas as pd


def fill_top_k(
    customers: np.ndarray, ranked: pd.DataFrame, backfill: np.ndarray, k: int
) -> np.ndarray:
    """Return a (len(customers), k) matrix of article codes.

    `ranked` holds `cust`, `art` rows already in preference order (best first within each
    customer). Each customer keeps its first k distinct articles and is topped up from
    `backfill` (a global ranking), skipping articles it already has. Customers absent from
    `ranked` get the back-fill alone. `customers` must be unique.
    """
    customers = np.asarray(customers, dtype=np.int64)
    if len(np.unique(customers)) != len(customers):
        raise ValueError("customers must be unique")
    if len(backfill) < k:
        raise ValueError(f"the back-fill ranking needs at least {k} articles")
    position = pd.Series(np.arange(len(customers)), index=customers)
    ranked = ranked[ranked["cust"].isin(position.index)]
    own = pd.DataFrame(
        {
            "row": position.loc[ranked["cust"].to_numpy()].to_numpy(),
            "art": ranked["art"].to_numpy(np.int64),
        }
    )
    own["order"] = own.groupby("row", sort=False).cumcount()
    own = own[own["order"] < k]
    # k + k back-fill items always leave k that are not among a customer's own k.
    fill_arts = np.asarray(backfill[: 2 * k], dtype=np.int64)
    fill = pd.DataFrame(
        {
            "row": np.repeat(np.arange(len(customers)), len(fill_arts)),
            "art": np.tile(fill_arts, len(customers)),
            "order": np.tile(np.arange(len(fill_arts)) + k, len(customers)),
        }
    )
    both = pd.concat([own, fill], ignore_index=True)
    both = both.sort_values(["row", "order"], kind="stable")
    both = both.drop_duplicates(["row", "art"], keep="first")
    top = both.groupby("row", sort=True).head(k)
    return top["art"].to_numpy().reshape(len(customers), k)
