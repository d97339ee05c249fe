"""The ``train`` pipeline: CV every model on shared folds, then write every artefact.

Outputs (under ``outputs/`` by default):

* ``metrics.json``: OOF accuracy, ROC-AUC and log loss per model (format in the contract);
* ``folds.csv``: the fold of each train row, reused by later runs and added models;
* ``oof_<model>.csv`` / ``test_<model>.csv``: OOF and fold-averaged test probabilities, the
  inputs of a future stacker;
* ``models/lightgbm_fold<k>.txt`` + ``models/manifest.json``: what ``predict`` reloads;
* ``submission.csv``: LightGBM's test labels in Kaggle's format.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from .constants import (
    ARCHETYPE,
    DEFAULT_SEED,
    ID_COL,
    N_FOLDS,
    SCHEMA_VERSION,
    TARGET_COL,
)
from .cv import CVResult, cross_validate
from .data import DatasetKind, load_dataset, resolve_kind
from .features import FEATURES, build_features
from .fileio import write_csv, write_json
from .metrics import evaluate
from .models import MODEL_FACTORIES, SUBMISSION_MODEL, save_lightgbm
from .submission import make_submission, write_submission
from .synth import ensure_synthetic
from .validation import FOLD_COL, load_or_make_folds

PREDICTION_COL = "prediction"
MODELS_DIR = "models"
MODEL_MANIFEST = "manifest.json"


@dataclass
class TrainReport:
    """What a training run produced, for printing and for tests."""

    dataset: str
    seed: int
    n_train: int
    n_test: int
    metrics: dict[str, dict[str, float]]
    written: list[Path] = field(default_factory=list)


def model_file(out_dir: Path, fold: int) -> Path:
    """Where fold ``fold``'s LightGBM model lives."""
    return out_dir / MODELS_DIR / f"{SUBMISSION_MODEL}_fold{fold}.txt"


def metrics_document(dataset: str, seed: int, metrics: dict[str, dict[str, float]]) -> dict:
    """``metrics.json`` content: floats rounded to 6 decimals, keys sorted when written."""
    return {
        "archetype": ARCHETYPE,
        "dataset": dataset,
        "models": {
            model: {name: round(value, 6) for name, value in scores.items()}
            for model, scores in metrics.items()
        },
        "schema_version": SCHEMA_VERSION,
        "seed": seed,
    }


def prepare_dataset(
    data_dir: Path, dataset: str, seed: int | None, log: Callable[[str], None]
) -> tuple[DatasetKind, int]:
    """Resolve which copy of the data to use, generating synthetic data when needed."""
    kind = resolve_kind(data_dir, dataset)
    if kind == "raw":
        return kind, seed if seed is not None else DEFAULT_SEED
    used_seed, written = ensure_synthetic(data_dir / "synthetic", seed)
    if written:
        log(f"note: wrote synthetic data to {data_dir / 'synthetic'} (seed {used_seed})")
    return kind, used_seed


def _write_predictions(
    out_dir: Path,
    name: str,
    train: pd.DataFrame,
    folds: np.ndarray,
    test: pd.DataFrame,
    result: CVResult,
) -> list[Path]:
    oof = pd.DataFrame(
        {
            ID_COL: train[ID_COL].to_numpy(),
            FOLD_COL: folds,
            TARGET_COL: train[TARGET_COL].to_numpy(),
            PREDICTION_COL: result.oof,
        }
    )
    test_pred = pd.DataFrame({ID_COL: test[ID_COL].to_numpy(), PREDICTION_COL: result.test})
    return [
        write_csv(oof, out_dir / f"oof_{name}.csv"),
        write_csv(test_pred, out_dir / f"test_{name}.csv"),
    ]


def run_training(
    data_dir: Path,
    out_dir: Path,
    dataset: str = "auto",
    seed: int | None = None,
    log: Callable[[str], None] = print,
) -> TrainReport:
    """Train and evaluate every model; write all outputs to ``out_dir``."""
    kind, used_seed = prepare_dataset(data_dir, dataset, seed, log)
    data = load_dataset(data_dir, kind)
    X, X_test = build_features(data.train, data.test)
    y = data.train[TARGET_COL].to_numpy()
    folds = load_or_make_folds(data.train, out_dir / "folds.csv")
    written = [out_dir / "folds.csv"]

    metrics: dict[str, dict[str, float]] = {}
    results: dict[str, CVResult] = {}
    with threadpool_limits(limits=1):
        for name, factory in MODEL_FACTORIES.items():
            results[name] = cross_validate(factory, X, y, folds, X_test)
            metrics[name] = evaluate(y, results[name].oof)
            written += _write_predictions(
                out_dir, name, data.train, folds, data.test, results[name]
            )

    best = results[SUBMISSION_MODEL]
    model_paths = [save_lightgbm(m, model_file(out_dir, k)) for k, m in enumerate(best.models)]
    manifest = {
        "dataset": kind,
        "features": FEATURES,
        "model": SUBMISSION_MODEL,
        "n_folds": N_FOLDS,
        "seed": used_seed,
    }
    written += model_paths
    written.append(write_json(manifest, out_dir / MODELS_DIR / MODEL_MANIFEST))
    written.append(write_json(metrics_document(kind, used_seed, metrics), out_dir / "metrics.json"))
    submission = make_submission(data.test[ID_COL].to_numpy(), best.test)
    written.append(write_submission(submission, out_dir / "submission.csv"))
    return TrainReport(
        dataset=kind,
        seed=used_seed,
        n_train=len(data.train),
        n_test=len(data.test),
        metrics=metrics,
        written=written,
    )
