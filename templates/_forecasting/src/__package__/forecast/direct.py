"""One global LightGBM over every series, fitted on log1p(target) with lags >= horizon."""

import lightgbm as lgb
import numpy as np
import pandas as pd

PARAMS = {
    "objective": "regression",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "verbosity": -1,
}
ROUNDS = 300


def fit_predict(
    X: pd.DataFrame,
    y_log: np.ndarray,
    fit_rows: np.ndarray,
    pred_rows: np.ndarray,
    categorical: list[str],
    seed: int,
) -> tuple[np.ndarray, lgb.Booster]:
    """Fit on ``fit_rows`` with a known target and at least one lag; predict ``pred_rows``."""
    names = [c for c in X.columns if c != "_row"]
    usable = fit_rows & ~np.isnan(y_log) & X["same_weekday_mean"].notna().to_numpy()
    train = lgb.Dataset(
        X.loc[usable, names], y_log[usable], categorical_feature=categorical, free_raw_data=False
    )
    booster = lgb.train({**PARAMS, "seed": seed}, train, num_boost_round=ROUNDS)
    pred = np.expm1(booster.predict(X.loc[pred_rows, names]))
    return np.clip(pred, 0.0, None), booster
