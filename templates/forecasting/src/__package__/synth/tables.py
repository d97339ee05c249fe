"""The synthetic competition in the profile's columns: train, test, sample submission, solution.

The series come from ``forecast.synthetic.store_sales`` (trend, weekly and yearly waves,
promotions, closed days, intermittent zeros) and are renamed to the profile's columns: two key
columns take store and family, one key column numbers the store x family series, and
no key column is one series.
"""

import numpy as np
import pandas as pd

# The module, not its names: forecast.synthetic imports synth.stable, which runs this package's
# __init__ and so this module first when forecast.synthetic is imported first.
from ..forecast import synthetic
from ..profile import Profile

SOLUTION_FILE = "_solution.csv"


def _keys(profile: Profile, frame: pd.DataFrame) -> dict[str, pd.Series]:
    if len(profile.keys) == 2:
        return {profile.keys[0]: frame["store_nbr"], profile.keys[1]: frame["family"]}
    if len(profile.keys) == 1:
        family = frame["family"].astype("category").cat.codes.astype(np.int64)
        number = (frame["store_nbr"] - 1) * profile.synthetic["families"] + family + 1
        return {profile.keys[0]: number}
    if not profile.keys:  # one series (stores = families = 1): no key column
        return {}
    raise ValueError(f"{profile.path}: synthetic data has at most two [series].keys columns")


def _table(profile: Profile, frame: pd.DataFrame, with_id: bool, with_target: bool):
    columns: dict[str, pd.Series] = {}
    if with_id:
        columns[profile.id_col] = frame["id"]
    columns[profile.time] = frame["date"]
    columns |= _keys(profile, frame)
    if with_target:
        columns[profile.target] = frame["sales"]
    for k, name in enumerate(profile.exogenous):
        # The first exogenous column carries the promotions; any others are 0 here, except a
        # price (WRMSSE's dollar weights): 1.25 per family rank, exact in binary, so byte-stable.
        columns[name] = frame["onpromotion"] if k == 0 else pd.Series(0, index=frame.index)
        if name == profile.price:
            rank = frame["family"].astype("category").cat.codes.astype(np.int64)
            columns[name] = (rank + 1) * 1.25
    if profile.open:
        day = pd.to_datetime(frame["date"])
        closed = np.zeros(len(frame), dtype=bool)
        for month, dom in synthetic.CLOSED:
            closed |= ((day.dt.month == month) & (day.dt.day == dom)).to_numpy()
        columns[profile.open] = pd.Series(np.where(closed, 0, 1), index=frame.index)
    return pd.DataFrame(columns).reset_index(drop=True)


def generate(profile: Profile, seed: int) -> dict[str, pd.DataFrame]:
    """The files ``synth`` writes, by name; the test is the ``horizon`` days after train."""
    syn = profile.synthetic
    train, test, solution = synthetic.store_sales(
        seed, syn["stores"], syn["families"], syn["days"], profile.horizon
    )
    test_table = _table(profile, test, with_id=True, with_target=False)
    ids = test_table[profile.id_col]
    return {
        profile.files["train"]: _table(
            profile, train, with_id=profile.submission["id_in_train"], with_target=True
        ),
        profile.files["test"]: test_table,
        profile.files["sample_submission"]: pd.DataFrame(
            {profile.id_col: ids, profile.prediction_col: 0.0}
        ),
        SOLUTION_FILE: pd.DataFrame(
            {profile.id_col: solution["id"], profile.target: solution["sales"]}
        ),
    }
