"""The ``train`` pipeline: backtest every model on the same time folds, then forecast the test.

Outputs (under ``outputs/`` by default), replaced as one set (output_set.py):

* ``metrics.json``: the mean fold score of ``last_value``, ``seasonal_naive``, ``lightgbm``,
  and ``best_naive`` (the better naive one, the floor LightGBM must beat);
* ``forecasts.csv``: every model's forecast of each test row, by id;
* ``submission.csv``: LightGBM's forecast in the sample submission's format.
"""

from collections.abc import Callable
from pathlib import Path

import numpy as np

from .data import Dataset, load_dataset
from .data_source import choose_data
from .forecast.backtest import MODELS, NAIVE_MODELS, Spec, backtest, forecast, metric_of
from .io import write_csv, write_json
from .output_set import staged_outputs
from .profile import Profile
from .run_report import TrainReport, metrics_document
from .submission import from_forecasts, make_submission, write_submission

FORECASTS = "forecasts.csv"
SUBMISSION_MODEL = "lightgbm"
BEST_NAIVE = "best_naive"


def spec_of(profile: Profile) -> Spec:
    """The engine's view of the profile."""
    return Spec(
        series=list(profile.series_columns),
        time=profile.time,
        target=profile.target,
        horizon=profile.horizon,
        exogenous=list(profile.exogenous),
        metric=profile.metric,
        folds=profile.validation["folds"],
        seed=profile.synthetic["seed"],
        open=profile.open,
        price=profile.price,
    )


def with_best_naive(profile: Profile, scores: dict[str, dict[str, float]]) -> dict:
    """``scores`` plus ``best_naive``: the better naive model's scores (direction-aware)."""
    metric = metric_of(profile.metric)
    best = NAIVE_MODELS[0]
    for name in NAIVE_MODELS[1:]:
        if metric.better(scores[name][profile.metric], scores[best][profile.metric]):
            best = name
    return {**scores, BEST_NAIVE: dict(scores[best])}


def run_training(
    profile: Profile,
    out_dir: Path,
    data_dir: Path | None = None,
    synthetic: bool = False,
    seed: int | None = None,
    log: Callable[[str], None] = print,
) -> TrainReport:
    """Backtest and forecast; replace ``out_dir``'s outputs with the new set as a whole."""
    with staged_outputs(out_dir, log) as stage:
        directory, kind, used_seed = choose_data(profile, data_dir, synthetic, seed, log)
        data = load_dataset(directory, profile, kind)
        report = _train_into(profile, data, used_seed, stage)
    report.written = [out_dir / p.relative_to(stage) for p in report.written]
    return report


def _train_into(profile: Profile, data: Dataset, seed: int, out_dir: Path) -> TrainReport:
    spec = spec_of(profile)
    metrics = with_best_naive(profile, backtest(spec, data.train))
    predicted = forecast(spec, data.train, data.test)
    ids = data.test[profile.id_col].reset_index(drop=True)
    forecasts = data.sample[[profile.id_col]].assign(
        **{
            m: make_submission(profile, data.sample, ids, predicted[m].to_numpy(np.float64))[
                profile.prediction_col
            ]
            for m in MODELS
        }
    )
    submission = from_forecasts(profile, forecasts, SUBMISSION_MODEL)
    written = [
        write_csv(forecasts, out_dir / FORECASTS),
        write_json(metrics_document(profile, data.kind, seed, metrics), out_dir / "metrics.json"),
        write_submission(submission, out_dir / "submission.csv"),
    ]
    return TrainReport(
        data.kind, data.directory, seed, len(data.train), len(data.test), metrics, written
    )
