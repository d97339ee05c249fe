"""Offline scoring of a submission file against a solution file (``_solution.csv``)."""

from __future__ import annotations

from pathlib import Path

from .metric import mean_f1
from .submission import read_products_file


def score_file(submission: Path, solution: Path) -> float:
    """Mean F1 over the solution's orders; rejects submissions Kaggle would reject."""
    truth = read_products_file(solution)
    pred = read_products_file(submission)
    missing = truth.keys() - pred.keys()
    if missing:
        raise ValueError(f"{submission}: {len(missing)} order(s) of the solution are missing")
    extra = pred.keys() - truth.keys()
    if extra:
        raise ValueError(f"{submission}: {len(extra)} order id(s) are not in the solution")
    if any(not tokens for tokens in pred.values()):
        raise ValueError(f"{submission}: empty products field (write None instead)")
    return mean_f1(truth, pred)
