"""The ``predict`` command: rebuild the submission from the saved fold models.

It reuses the exact feature code and fold averaging of ``train``, so on the same machine it
writes a ``submission.csv`` byte-identical to the one ``train`` wrote.
"""

from collections.abc import Callable
from pathlib import Path

from threadpoolctl import threadpool_limits

from .constants import ID_COL
from .cv import fold_mean
from .data import load_dataset
from .features import FEATURES, build_features
from .fileio import read_json
from .models import load_lightgbm
from .submission import make_submission, write_submission
from .synth import ensure_synthetic
from .train import MODEL_MANIFEST, MODELS_DIR, model_file


def run_prediction(data_dir: Path, out_dir: Path, log: Callable[[str], None] = print) -> Path:
    """Predict the test file of the dataset the models were trained on; return the path written."""
    manifest_path = out_dir / MODELS_DIR / MODEL_MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{manifest_path} not found: run `train` first")
    manifest = read_json(manifest_path)
    if manifest["features"] != FEATURES:
        raise ValueError(
            f"{manifest_path}: models were trained on other features; run `train` again"
        )
    kind = manifest["dataset"]
    if kind == "synthetic":
        seed, written = ensure_synthetic(data_dir / "synthetic", manifest["seed"])
        if written:
            log(f"note: wrote synthetic data to {data_dir / 'synthetic'} (seed {seed})")
    data = load_dataset(data_dir, kind)
    _, X_test = build_features(data.train, data.test)

    boosters = [load_lightgbm(model_file(out_dir, k)) for k in range(manifest["n_folds"])]
    for booster in boosters:
        if booster.feature_name() != FEATURES:
            raise ValueError("saved model features differ from the current feature list")
    with threadpool_limits(limits=1):
        proba = fold_mean([booster.predict(X_test) for booster in boosters])
    submission = make_submission(data.test[ID_COL].to_numpy(), proba)
    return write_submission(submission, out_dir / "submission.csv")
