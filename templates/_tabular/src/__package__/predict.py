"""The ``predict`` command: rebuild the submission from the saved fold models.

It reuses train's feature code, fold averaging and decision (threshold or cut-points), so on
the same machine it writes a ``submission.csv`` byte-identical to the one ``train`` wrote.
"""

from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from .contracts import Features
from .data import Dataset, load_dataset
from .data_source import choose_data
from .features import build_features
from .io import read_json
from .metric import METRICS, Decision, round_proba
from .models import load_booster
from .output_set import finish_interrupted
from .profile import Profile
from .submission import make_submission, write_submission
from .train import (
    MODEL_MANIFEST,
    MODELS_DIR,
    encode_target,
    model_file,
    model_target,
)
from .validation import fold_mean, saved_folds, train_mask


def run_prediction(
    profile: Profile,
    out_dir: Path,
    data_dir: Path | None = None,
    log: Callable[[str], None] = print,
) -> Path:
    """Predict the test file of the data the models were trained on; return the path written."""
    finish_interrupted(out_dir, log)  # a train stopped while moving its set in: complete it first
    manifest_path = out_dir / MODELS_DIR / MODEL_MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{manifest_path} not found: run `train` first")
    manifest = read_json(manifest_path)
    synthetic = manifest["dataset"] == "synthetic"
    seed = manifest["seed"] if synthetic and data_dir is None else None
    directory, kind, _ = choose_data(profile, data_dir, synthetic, seed, log)
    data = load_dataset(directory, profile, kind)
    feats = build_features(data.train, data.test, profile)
    if feats.names != manifest["features"]:
        raise ValueError(f"{manifest_path}: models were trained on other features; run `train`")
    models = [load_booster(model_file(out_dir, k)) for k in range(manifest["n_folds"])]
    with threadpool_limits(limits=1):
        if manifest.get("base") == "linear":
            models = _on_linear_base(profile, out_dir, data, feats, models)
        pred = fold_mean([np.asarray(m.predict(feats.test), dtype=np.float64) for m in models])
    if METRICS[profile.metric].log_target:
        pred = round_proba(np.expm1(pred))
    decision = Decision(
        threshold=manifest["decision"]["threshold"], cuts=tuple(manifest["decision"]["cuts"])
    )
    submission = make_submission(profile, data.test, pred, decision)
    return write_submission(submission, out_dir / "submission.csv")


def _on_linear_base(
    profile: Profile, out_dir: Path, data: Dataset, feats: Features, boosters: list
) -> list:
    """Small data: each fold booster adds to a linear model fit on that fold's rows (models.py)."""
    from .models import on_linear_base  # only the LightGBM models.py saves a base

    folds = saved_folds(data.train, profile, out_dir / "folds.csv")
    if folds is None:
        raise ValueError(f"{out_dir / 'folds.csv'} does not match the train data: run `train`")
    y = model_target(profile, encode_target(profile, data.train))
    scheme = profile.validation["scheme"]
    models = []
    for k, booster in enumerate(boosters):
        rows = train_mask(folds, k, scheme)
        X, y_fold = feats.train.loc[rows], y[rows]
        models.append(on_linear_base(profile, feats.categorical, booster, X, y_fold))
    return models
