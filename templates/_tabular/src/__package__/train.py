"""The ``train`` pipeline: every model through the shared folds, then every artefact.

Outputs (under ``outputs/`` by default):

* ``metrics.json``: OOF scores per model (``naive``, ``linear``, ``lightgbm``);
* ``folds.csv``: the fold of each train row, reused by later runs and added models;
* ``oof_<model>.csv`` / ``test_<model>.csv``: OOF and fold-averaged test predictions, the
  inputs of a future stacker;
* ``models/lightgbm_fold<k>.txt`` + ``models/manifest.json``: what ``predict`` reloads (on
  small data with the linear base it refits from ``folds.csv``, see models.py);
* ``submission.csv``: LightGBM's test predictions in the competition's format.

They are replaced as one set: an interrupted run leaves the previous set (see output_set.py).
"""

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from .contracts import encode_label
from .data import Dataset, load_dataset
from .data_source import choose_data
from .features import build_features
from .io import write_bytes, write_csv, write_json
from .metric import METRICS, Decision, evaluate, round_proba, tune_decision
from .models import SUBMISSION_MODEL, booster_text, model_factories
from .output_set import staged_outputs
from .profile import Profile
from .run_report import TrainReport, metrics_document
from .submission import make_submission, write_submission
from .validation import FOLD_COL, OOFResult, cross_validate, load_or_make_folds

PREDICTION_COL = "prediction"
MODELS_DIR = "models"
MODEL_MANIFEST = "manifest.json"


def model_file(out_dir: Path, fold: int) -> Path:
    return out_dir / MODELS_DIR / f"{SUBMISSION_MODEL}_fold{fold}.txt"


def encode_target(profile: Profile, train: pd.DataFrame) -> np.ndarray:
    """Class indices, regression values, or (multilabel) an n x L matrix of 0/1."""
    if profile.is_multilabel:
        columns = [train[name].tolist() for name in profile.target]
        coded = [[encode_label(profile, v) for v in values] for values in columns]
        return np.array(coded, dtype=np.int64).T
    values = train[profile.target_col]
    if profile.is_classification:
        return np.array([encode_label(profile, v) for v in values.tolist()], dtype=np.int64)
    return values.astype(np.float64).to_numpy()


def model_target(profile: Profile, y: np.ndarray) -> np.ndarray:
    """What the models fit: the target, or log1p of it when the metric is on the log scale."""
    return np.log1p(y) if METRICS[profile.metric].log_target else y


def prediction_frame(profile: Profile, pred: np.ndarray) -> dict[str, np.ndarray]:
    """One column, or one probability column per class (multiclass) or per target (multilabel)."""
    if pred.ndim == 1:
        return {PREDICTION_COL: pred}
    names = profile.target if profile.is_multilabel else profile.labels
    return {f"{PREDICTION_COL}_{name}": pred[:, k] for k, name in enumerate(names)}


def _write_predictions(profile, out_dir, name, data: Dataset, folds, result) -> list[Path]:
    ids = list(profile.ids)
    oof = (
        data.train[ids]
        .reset_index(drop=True)
        .assign(
            **{FOLD_COL: folds},
            **{name: data.train[name].to_numpy() for name in profile.target},
            **prediction_frame(profile, result.oof),
        )
    )
    test = data.test[ids].reset_index(drop=True).assign(**prediction_frame(profile, result.test))
    return [
        write_csv(oof, out_dir / f"oof_{name}.csv"),
        write_csv(test, out_dir / f"test_{name}.csv"),
    ]


def run_models(profile: Profile, data: Dataset, folds: np.ndarray, y: np.ndarray):
    """OOF results, decisions and metrics per model (predictions back on the target's scale)."""
    feats = build_features(data.train, data.test, profile)
    raw = pd.concat([data.train, data.test], ignore_index=True)
    log_target = METRICS[profile.metric].log_target
    y_fit = model_target(profile, y)
    factories = model_factories(profile, raw, feats.categorical, len(data.train))
    results: dict[str, OOFResult] = {}
    decisions: dict[str, Decision] = {}
    metrics: dict[str, dict[str, float]] = {}
    scheme = profile.validation["scheme"]
    with threadpool_limits(limits=1):
        for name, factory in factories.items():
            result = cross_validate(factory, feats.train, y_fit, folds, feats.test, scheme)
            if log_target:
                result.oof = round_proba(np.expm1(result.oof))
                result.test = round_proba(np.expm1(result.test))
            known = ~np.isnan(result.oof if result.oof.ndim == 1 else result.oof[:, 0])
            decisions[name] = tune_decision(profile.metric, y[known], result.oof[known])
            metrics[name] = evaluate(profile.task, profile.metric, y, result.oof, decisions[name])
            results[name] = result
    return feats, results, decisions, metrics


def run_training(
    profile: Profile,
    out_dir: Path,
    data_dir: Path | None = None,
    synthetic: bool = False,
    seed: int | None = None,
    log: Callable[[str], None] = print,
) -> TrainReport:
    """Train and evaluate every model; replace ``out_dir``'s outputs with the new set as a whole.

    Everything is written to a staging folder and moved in at the end (output_set.py); the
    earlier ``folds.csv`` is copied there first so it is reused as before.
    """
    with staged_outputs(out_dir, log) as stage:
        if (out_dir / "folds.csv").is_file():
            shutil.copyfile(out_dir / "folds.csv", stage / "folds.csv")
        report = _train_into(profile, stage, data_dir, synthetic, seed, log)
    report.written = [out_dir / p.relative_to(stage) for p in report.written]
    return report


def _train_into(
    profile: Profile,
    out_dir: Path,
    data_dir: Path | None,
    synthetic: bool,
    seed: int | None,
    log: Callable[[str], None],
) -> TrainReport:
    """Train and evaluate every model; write every output to ``out_dir``."""
    directory, kind, used_seed = choose_data(profile, data_dir, synthetic, seed, log)
    data = load_dataset(directory, profile, kind)
    y = encode_target(profile, data.train)
    folds = load_or_make_folds(data.train, y, profile, out_dir / "folds.csv")
    written = [out_dir / "folds.csv"]
    feats, results, decisions, metrics = run_models(profile, data, folds, y)
    for name, result in results.items():
        written += _write_predictions(profile, out_dir, name, data, folds, result)

    best = results[SUBMISSION_MODEL]
    for k, model in enumerate(best.models):
        written.append(write_bytes(booster_text(model), model_file(out_dir, k)))
    manifest = {
        "base": "linear" if getattr(best.models[0], "base", None) is not None else None,
        "dataset": kind,
        "decision": decisions[SUBMISSION_MODEL].as_dict(),
        "features": feats.names,
        "model": SUBMISSION_MODEL,
        "n_folds": len(best.models),
        "seed": used_seed,
    }
    written.append(write_json(manifest, out_dir / MODELS_DIR / MODEL_MANIFEST))
    document = metrics_document(profile, kind, used_seed, metrics)
    written.append(write_json(document, out_dir / "metrics.json"))
    submission = make_submission(profile, data.test, best.test, decisions[SUBMISSION_MODEL])
    written.append(write_submission(submission, out_dir / "submission.csv"))
    return TrainReport(
        kind, directory, used_seed, len(data.train), len(data.test), metrics, written
    )
