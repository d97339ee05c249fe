"""Deterministic synthetic data in Instacart's exact file layout, with a planted reorder signal.

Why synthetic data at all: the real files are 700 MB behind a Kaggle rules click, while tests and a
first ``train`` need something small that exercises every code path. The generator plants the
structure the winners exploited (see APPROACHES.md):

* **staples** - each user has 2-15 favourite products, each bought with a user-specific probability
  q in [0.15, 0.9]; every product has a consumption cycle of 1-4 orders and is bought at 0.35 q
  until the cycle has elapsed since the last purchase ("not due yet");
* **exploration** - a sum of Bernoulli draws decides how many other products join the basket,
  drawn by Zipf-like popularity;
* **co-purchases** - a product from some aisles pulls in a fixed partner (chips -> salsa, pasta ->
  sauce) with probability 0.4, which is what ``rules`` rediscovers;
* **explorers** - a few users with almost no staples who browse the whole catalogue, so that about
  6 % of ``train`` orders contain no reordered product and the ``None`` logic matters.

Cross-OS determinism (every file is byte-identical on Linux, macOS and Windows): only PCG64
``integers``/``random`` are used, weighted choice is a cumulative sum of *integer* weights plus
``searchsorted``, each table has its own ``SeedSequence.spawn`` sub-stream, no transcendental
functions are involved and every CSV is written with LF line endings and fixed float formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config as cfg
from .catalog import AISLES, COMPLEMENTS, DEPARTMENTS, DESCRIPTORS
from .io import write_csv, write_text
from .metric import format_products
from .profile import Profile
from .synth_log import basket_lines, log_rows, solution_of


@dataclass(frozen=True)
class SynthConfig:
    """Size and signal knobs. The defaults keep ``train`` well under a minute on one core."""

    n_users: int = 800
    n_products: int = 400
    min_orders: int = 4
    max_orders: int = 40
    min_staples: int = 2
    max_staples: int = 15
    q_low: float = 0.15
    q_high: float = 0.9
    not_due_factor: float = 0.35
    max_cycle: int = 4
    explore_draws: int = 10
    partner_share: float = 0.4
    explorer_share: float = 0.03
    train_share: float = 0.65
    #: Share of users who come back after a long break (30 days) and buy only products new to them:
    #: 0 is the reorder-heavy grocery regime; REGIMES["no_reorder"] makes most last orders hold
    #: no reordered product (the regime where "always None" is the baseline to beat).
    lapse_share: float = 0.0
    lapse_days: int = 30


#: The two data regimes the strong model must win in (tests train on both).
REGIMES: dict[str, SynthConfig] = {
    "reorder_heavy": SynthConfig(),
    "no_reorder": SynthConfig(lapse_share=0.7),
}


def _streams(seed: int) -> dict[str, np.random.Generator]:
    """One independent stream per table, so changing how one table is drawn never shifts another."""
    # New streams go last: spawned children are fixed by position, so older tables keep their bytes.
    names = ("catalog", "users", "orders", "baskets", "carts", "split", "lapse")
    children = np.random.SeedSequence(seed).spawn(len(names))
    return {name: np.random.default_rng(child) for name, child in zip(names, children, strict=True)}


def _weighted_picks(rng: np.random.Generator, cumulative: np.ndarray, size) -> np.ndarray:
    """Indices drawn with probability proportional to integer weights (integer draws only)."""
    draws = rng.integers(0, cumulative[-1], size=size)
    return np.searchsorted(cumulative, draws, side="right")


def _catalog(rng: np.random.Generator, conf: SynthConfig) -> dict[str, pd.DataFrame | np.ndarray]:
    departments = pd.DataFrame(
        {
            "department_id": np.arange(1, len(DEPARTMENTS) + 1, dtype=np.int32),
            "department": list(DEPARTMENTS),
        }
    )
    dept_id = {name: i + 1 for i, name in enumerate(DEPARTMENTS)}
    aisles = pd.DataFrame(
        {"aisle_id": np.arange(1, len(AISLES) + 1, dtype=np.int32), "aisle": [a[0] for a in AISLES]}
    )
    items = [
        (aisle_idx + 1, dept_id[dept], item)
        for aisle_idx, (_, dept, names) in enumerate(AISLES)
        for item in names
    ]
    combos = [(d, i) for d in range(len(DESCRIPTORS)) for i in range(len(items))]
    if conf.n_products > len(combos):
        raise ValueError(f"at most {len(combos)} distinct product names are available")
    chosen = rng.permutation(len(combos))[: conf.n_products]
    products = pd.DataFrame(
        {
            "product_id": np.arange(1, conf.n_products + 1, dtype=np.int32),
            "product_name": [
                f"{DESCRIPTORS[combos[c][0]]} {items[combos[c][1]][2]}" for c in chosen
            ],
            "aisle_id": np.array([items[combos[c][1]][0] for c in chosen], dtype=np.int32),
            "department_id": np.array([items[combos[c][1]][1] for c in chosen], dtype=np.int32),
        }
    )
    # Zipf-like popularity from integer weights: weight ~ 1 / (rank + 8).
    rank = rng.permutation(conf.n_products)
    weights = 100_000 // (rank + 8)
    cycle = rng.integers(1, conf.max_cycle + 1, size=conf.n_products)
    # partner[i] = index of the product that product i pulls into the basket, or -1.
    aisle_of = products["aisle_id"].to_numpy()
    aisle_id = {name: i + 1 for i, (name, _, _) in enumerate(AISLES)}
    partner = np.full(conf.n_products, -1, dtype=np.int64)
    for driver, target in COMPLEMENTS:
        drivers = np.flatnonzero(aisle_of == aisle_id[driver])
        targets = np.flatnonzero(aisle_of == aisle_id[target])
        if len(targets):
            partner[drivers] = targets[rng.integers(0, len(targets), size=len(drivers))]
    return {
        "departments": departments,
        "aisles": aisles,
        "products": products,
        "cumulative": np.cumsum(weights, dtype=np.int64),
        "cycle": cycle,
        "partner": partner,
    }


def _users(rng: np.random.Generator, conf: SynthConfig, cumulative: np.ndarray) -> list[dict]:
    """Hidden per-user behaviour: order count, period, staples with their q, exploration rate."""
    n = conf.n_users
    n_orders = rng.integers(conf.min_orders, conf.max_orders + 1, size=n)
    period = rng.integers(4, 28, size=n)
    explorer = rng.random(n) < conf.explorer_share
    regular_staples = rng.integers(conf.min_staples, conf.max_staples + 1, size=n)
    explorer_staples = rng.integers(0, 3, size=n)
    rate_u = rng.random(n)
    users = []
    for u in range(n):
        n_staples = int(explorer_staples[u] if explorer[u] else regular_staples[u])
        staples: list[int] = []
        while len(staples) < n_staples:
            for p in _weighted_picks(rng, cumulative, 4 * n_staples).tolist():
                if p not in staples and len(staples) < n_staples:
                    staples.append(p)
        q_u = rng.random(n_staples)
        if explorer[u]:
            q = 0.03 + 0.12 * q_u
            rate = 0.25 + 0.25 * rate_u[u]
        else:
            q = conf.q_low + (conf.q_high - conf.q_low) * q_u
            rate = 0.04 + 0.26 * rate_u[u]
        users.append(
            {
                "n_orders": int(n_orders[u]),
                "period": int(period[u]),
                "explorer": bool(explorer[u]),
                "staples": np.array(staples, dtype=np.int64),
                "q": q,
                "rate": rate,
            }
        )
    return users


def _lapse_baskets(
    rng: np.random.Generator, conf: SynthConfig, users: list[dict], baskets: list[np.ndarray]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Which users lapse, and their last order redrawn from products they never bought."""
    lapsed = rng.random(len(users)) < conf.lapse_share
    last = np.cumsum([u["n_orders"] for u in users]) - 1
    reordered = []
    for u in np.flatnonzero(lapsed).tolist():
        seen = np.zeros(conf.n_products, dtype=bool)
        for b in baskets[last[u] - users[u]["n_orders"] + 1 : last[u]]:
            seen[b] = True
        fresh = np.flatnonzero(~seen)
        if len(fresh) == 0:
            lapsed[u] = False
            continue
        size = int(rng.integers(1, 6))
        baskets[last[u]] = np.sort(rng.permutation(fresh)[:size])
        reordered.append(last[u])
    return lapsed, reordered


def _baskets(
    rng: np.random.Generator, conf: SynthConfig, users: list[dict], catalog: dict
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Simulate every order of every user; returns per-order product indices and reordered flags."""
    baskets: list[np.ndarray] = []
    reordered: list[np.ndarray] = []
    m = conf.explore_draws
    cumulative, cycle, partner = catalog["cumulative"], catalog["cycle"], catalog["partner"]
    for user in users:
        n_o, staples, q = user["n_orders"], user["staples"], user["q"]
        staple_draws = rng.random((n_o, len(staples)))
        n_explore = (rng.random((n_o, m)) < user["rate"]).sum(axis=1)
        if user["explorer"]:
            picks = rng.integers(0, conf.n_products, size=(n_o, m))
        else:
            picks = _weighted_picks(rng, cumulative, (n_o, m))
        # one draw per staple slot and per exploration slot: does its partner come along?
        partner_draws = rng.random((n_o, len(staples) + m))
        staple_cycle = cycle[staples]
        last = np.full(len(staples), -(10**6), dtype=np.int64)
        seen = np.zeros(conf.n_products, dtype=bool)
        for t in range(n_o):
            due = (t - last) >= staple_cycle
            prob = np.where(due, q, conf.not_due_factor * q)
            slots = np.concatenate([staples, picks[t]])
            active = np.concatenate([staple_draws[t] < prob, np.arange(m) < n_explore[t]])
            if not active.any():  # an order always holds at least one product
                active[len(staples)] = True
            pulled = active & (partner[slots] >= 0) & (partner_draws[t] < conf.partner_share)
            chosen = [*slots[active].tolist(), *partner[slots[pulled]].tolist()]
            basket = np.array(list(dict.fromkeys(chosen)), dtype=np.int64)
            reordered.append(seen[basket].astype(np.int8))
            seen[basket] = True
            last[np.isin(staples, basket)] = t
            baskets.append(basket)
    return baskets, reordered


@dataclass(frozen=True)
class Simulation:
    """Every order and every order line (held-out ones included), before the files are cut."""

    orders: pd.DataFrame
    lines: pd.DataFrame
    catalog: dict


def simulate(seed: int = cfg.DEFAULT_SEED, conf: SynthConfig | None = None) -> Simulation:
    """Every user's orders with their products; ``generate`` cuts them into Kaggle's files and
    synth_log.py writes them as a transaction log."""
    conf = conf or SynthConfig()
    rngs = _streams(seed)
    catalog = _catalog(rngs["catalog"], conf)
    users = _users(rngs["users"], conf, catalog["cumulative"])
    baskets, reordered = _baskets(rngs["baskets"], conf, users, catalog)
    lapsed, redrawn = _lapse_baskets(rngs["lapse"], conf, users, baskets)
    for i in redrawn:
        reordered[i] = np.zeros(len(baskets[i]), dtype=np.int8)

    # orders.csv: one row per order, users in id order, orders in sequence.
    counts = np.array([u["n_orders"] for u in users], dtype=np.int64)
    total = int(counts.sum())
    user_id = np.repeat(np.arange(1, conf.n_users + 1), counts)
    starts = np.cumsum(counts) - counts
    order_number = np.arange(total) - np.repeat(starts, counts) + 1
    o_rng = rngs["orders"]
    order_id = o_rng.permutation(total) + 1  # Instacart's order ids are not sequential per user
    order_dow = o_rng.integers(0, 7, size=total)
    order_hour = o_rng.integers(0, 24, size=total)
    jitter = o_rng.integers(-3, 4, size=total)
    period = np.repeat([u["period"] for u in users], counts)
    days = np.clip(period + jitter, 0, 30).astype(np.float64)
    days[order_number == 1] = np.nan  # blank on each user's first order
    is_last = order_number == np.repeat(counts, counts)
    days[is_last & np.repeat(lapsed, counts)] = conf.lapse_days
    last_is_train = rngs["split"].random(conf.n_users) < conf.train_share
    eval_set = np.where(
        is_last, np.where(np.repeat(last_is_train, counts), "train", "test"), "prior"
    )
    orders = pd.DataFrame(
        {
            "order_id": order_id.astype(np.int32),
            "user_id": user_id.astype(np.int32),
            "eval_set": eval_set,
            "order_number": order_number.astype(np.int32),
            "order_dow": order_dow.astype(np.int32),
            "order_hour_of_day": order_hour.astype(np.int32),
            "days_since_prior_order": days,
        }
    )

    # order lines; add_to_cart_order is a random permutation inside each order.
    sizes = np.array([len(b) for b in baskets], dtype=np.int64)
    line_order = np.repeat(order_id, sizes)
    line_product = np.concatenate(baskets) + 1
    line_reordered = np.concatenate(reordered)
    keys = rngs["carts"].integers(0, 2**31, size=len(line_order))
    sort = np.lexsort((np.arange(len(line_order)), keys, line_order))
    line_order, line_product, line_reordered = (
        line_order[sort],
        line_product[sort],
        line_reordered[sort],
    )
    first = np.searchsorted(line_order, line_order, side="left")
    lines = pd.DataFrame(
        {
            "order_id": line_order.astype(np.int32),
            "product_id": line_product.astype(np.int32),
            "add_to_cart_order": (np.arange(len(line_order)) - first + 1).astype(np.int32),
            "reordered": line_reordered.astype(np.int32),
        }
    )
    return Simulation(orders, lines, catalog)


def generate(
    seed: int = cfg.DEFAULT_SEED, conf: SynthConfig | None = None
) -> dict[str, pd.DataFrame]:
    """All tables in memory, keyed by file name: the seven Kaggle files and ``_solution.csv``."""
    sim = simulate(seed, conf)
    orders, lines, catalog = sim.orders, sim.lines, sim.catalog
    eval_set = orders["eval_set"].to_numpy()
    order_set = dict(zip(orders["order_id"].to_numpy(), eval_set, strict=True))
    line_set = np.array([order_set[o] for o in lines["order_id"].to_numpy()])
    prior = lines[line_set == "prior"].reset_index(drop=True)
    train = lines[line_set == "train"].reset_index(drop=True)
    test_lines = lines[line_set == "test"]

    test_ids = np.sort(orders.loc[orders["eval_set"] == "test", "order_id"].to_numpy())
    truth = (
        test_lines[test_lines["reordered"] == 1]
        .groupby("order_id")["product_id"]
        .apply(lambda s: format_products(s.tolist()))
    )
    solution = pd.DataFrame(
        {"order_id": test_ids, "products": [truth.get(o, cfg.NONE_TOKEN) for o in test_ids]}
    )
    # Kaggle's sample submission repeats one fixed basket; here: the two most popular products.
    top_two = np.argsort(-np.diff(catalog["cumulative"], prepend=0), kind="stable")[:2] + 1
    sample = pd.DataFrame({"order_id": test_ids, "products": format_products(top_two.tolist())})
    return {
        cfg.ORDERS: orders,
        cfg.PRIOR: prior,
        cfg.TRAIN: train,
        cfg.PRODUCTS: catalog["products"],
        cfg.AISLES: catalog["aisles"],
        cfg.DEPARTMENTS: catalog["departments"],
        cfg.SAMPLE_SUBMISSION: sample,
        cfg.SOLUTION: solution,
    }


def synthetic_files(
    seed: int = cfg.DEFAULT_SEED, conf: SynthConfig | None = None, profile: Profile | None = None
) -> dict[str, pd.DataFrame | str]:
    """The files ``synth`` writes for the profile: Instacart's tables, else its transaction log
    (and ``_solution.csv`` for member/date/item rows; one basket per line holds out no order)."""
    layout = profile.layout if profile is not None else {"kind": "orders"}
    if layout["kind"] == "orders":
        return dict(generate(seed, conf))
    name = profile.files["transactions"]
    sim = simulate(seed, conf)
    if layout["format"] == "baskets":
        return {name: basket_lines(sim, layout["separator"])}
    rows = log_rows(sim, layout)
    return {name: rows, cfg.SOLUTION: solution_of(rows, layout)}


def write_synthetic(
    out_dir: Path,
    seed: int = cfg.DEFAULT_SEED,
    conf: SynthConfig | None = None,
    profile: Profile | None = None,
) -> dict[str, Path]:
    """Generate and write every file; returns the written paths keyed by file name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, content in synthetic_files(seed, conf, profile).items():
        path = out_dir / name
        if isinstance(content, str):
            write_text(content, path)
        else:
            # days_since_prior_order is a whole number, written like Instacart's ("7.0" or blank).
            write_csv(content, path, float_format="%.1f")
        written[name] = path
    return written
