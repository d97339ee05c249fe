"""Store Sales-shaped synthetic series: trend, weekly and yearly seasonality, promotions,
holidays (stores closed on 1 January and 25 December) and intermittent zeros.

Same bits on every OS: integer draws from per-purpose streams (synth/stable.py), and only
``+ - * /`` in the signal: the yearly wave is Bhaskara's rational sine, not ``np.sin``.
"""

import numpy as np
import pandas as pd

from ..synth.stable import stream

WEEKDAY = (96, 92, 94, 98, 108, 130, 122)  # Monday..Sunday, in percent
CLOSED = ((1, 1), (12, 25))  # (month, day): every store closed, sales 0
FAMILIES = ("AUTOMOTIVE", "BEVERAGES", "BREAD/BAKERY", "CLEANING", "DAIRY", "GROCERY I")
PI = 3.141592653589793


def _sine(x: np.ndarray) -> np.ndarray:
    """Bhaskara I's sine on [0, 2pi): within 0.2% of sin, with + - * / only."""
    half = x >= PI
    u = np.where(half, x - PI, x)
    s = 16 * u * (PI - u) / (5 * PI * PI - 4 * u * (PI - u))
    return np.where(half, -s, s)


def store_sales(
    seed: int,
    stores: int = 6,
    families: int = 6,
    days: int = 480,
    horizon: int = 16,
    start: str = "2015-08-01",  # the folds and test then fall in summer, as in Store Sales
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(train, test, solution)`` with Store Sales' columns; test is the next ``horizon`` days."""
    total = days + horizon
    dates = pd.date_range(start, periods=total, freq="D")
    keys = [(s + 1, FAMILIES[f % len(FAMILIES)]) for s in range(stores) for f in range(families)]
    n = len(keys)
    rng_level, rng_promo = stream(seed, "level"), stream(seed, "promo")
    rng_noise, rng_zero = stream(seed, "noise"), stream(seed, "zero")
    level = rng_level.integers(5, 400, size=n).astype(np.float64)
    trend = rng_level.integers(-20, 60, size=n).astype(np.float64) / 100000.0
    sparse = rng_level.integers(0, 100, size=n) < 25  # a quarter of the series sell rarely
    level = np.where(sparse, level % 12 + 2, level)  # ... and little: zeros are part of the signal
    t = np.arange(total, dtype=np.float64)
    dow = np.asarray(dates.dayofweek)
    doy = np.asarray(dates.dayofyear, dtype=np.float64)
    weekly = np.asarray(WEEKDAY, dtype=np.float64)[dow] / 100.0
    yearly = 1.0 + 0.15 * _sine(2 * PI * ((doy - 1) / 365.25 % 1.0))
    closed = np.zeros(total, dtype=bool)
    for month, day in CLOSED:
        closed |= (np.asarray(dates.month) == month) & (np.asarray(dates.day) == day)
    promo = rng_promo.integers(0, 100, size=(n, total))
    onpromotion = np.where(promo < 20, promo % 7 + 1, 0)
    noise = 0.85 + 0.3 * rng_noise.random(size=(n, total))
    mean = level[:, None] * (1.0 + trend[:, None] * t) * weekly * yearly
    mean = mean * (1.0 + 0.08 * onpromotion)
    keep = ~(sparse[:, None] & (rng_zero.integers(0, 100, size=(n, total)) < 60))
    sales = np.where(closed | ~keep, 0.0, np.floor(mean * noise * 10.0) / 10.0)
    frame = pd.DataFrame(
        {
            "id": np.arange(n * total),
            "date": np.tile(dates.strftime("%Y-%m-%d"), n),
            "store_nbr": np.repeat([k[0] for k in keys], total),
            "family": np.repeat([k[1] for k in keys], total),
            "sales": sales.ravel(),
            "onpromotion": onpromotion.ravel(),
        }
    )
    frame = frame.sort_values(["date", "store_nbr", "family"], kind="stable")
    frame["id"] = np.arange(len(frame))
    is_test = pd.to_datetime(frame["date"]) > dates[days - 1]
    train = frame.loc[~is_test].reset_index(drop=True)
    test_full = frame.loc[is_test].reset_index(drop=True)
    return train, test_full.drop(columns="sales"), test_full[["id", "sales"]]
