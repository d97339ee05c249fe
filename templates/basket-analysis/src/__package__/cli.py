"""Command line: ``synth``, ``train``, ``predict``, ``score``, ``rules``, ``download``, ``submit``
and ``kaggle-bundle``.

Exit codes: 0 ok; 2 bad input (usage, missing files, invalid ``competition.toml``, no Kaggle
credentials); 3 Kaggle refused the download (rules not accepted); 4 the download would overwrite
different files already in the data folder (``--force`` replaces them), or ``kaggle-bundle``
would write into a folder holding files it did not write; 5 ``submit`` refused a submission made
from synthetic data; 1 the download, the bundle or the Kaggle CLI failed.

In a Kaggle notebook every default folder is under ``/kaggle/working`` and the attached
competition is the default data (kaggle_env.py); a path in the read-only input is refused.

The thread variables are set before anything imports numpy, scikit-learn or LightGBM: BLAS and
OpenMP read them once at load time, and one thread is what makes runs reproducible.
"""

import os

for _v in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",  # macOS Accelerate
    "NUMEXPR_NUM_THREADS",
    "POLARS_MAX_THREADS",
):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from . import config as cfg  # noqa: E402
from .cli_parts import add_kaggle_bundle, cmd_kaggle_bundle, profile_option  # noqa: E402
from .kaggle_env import publish, refuse_input_write, working_root  # noqa: E402
from .profile import ProfileError, load_profile  # noqa: E402

#: The model whose predictions train writes as submission.csv (and submit sends).
SUBMISSION_MODEL = "lightgbm_f1"


def _writable(path: Path | None, default: Path) -> Path:
    """``path``, else ``default`` under the working root; never inside Kaggle's input."""
    path = path if path is not None else working_root() / default
    refuse_input_write(path)
    return path


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"folder with the Kaggle files (default: the attached competition in a Kaggle "
        f"notebook, else {cfg.RAW_DIR} when anything is in it, else {cfg.SYNTHETIC_DIR}, "
        "generated if missing)",
    )


def _add_seed(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--seed", type=int, default=cfg.DEFAULT_SEED, help=f"{what} (default 42)")


def _add_sample_users(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--sample-users",
        type=int,
        default=None,
        metavar="N",
        help="use only the first N users (fast iterations on the real 206k-user data)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=__package__,
        description="Instacart Market Basket Analysis starter (mean F1 with the None token).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    common = profile_option()

    p = sub.add_parser(
        "synth", parents=[common], help="write deterministic synthetic data in Kaggle's layout"
    )
    _add_seed(p, "generator seed")
    p.add_argument("--out", type=Path, default=None, help=f"output folder ({cfg.SYNTHETIC_DIR})")

    p = sub.add_parser(
        "train", parents=[common], help="OOF metrics, then fit and write the submission"
    )
    _add_data_dir(p)
    _add_seed(p, "LightGBM seed, and generator seed if synthetic data must be generated")
    p.add_argument("--out", type=Path, default=None, help=f"output folder ({cfg.OUTPUT_DIR})")
    _add_sample_users(p)

    p = sub.add_parser("predict", parents=[common], help="write a submission for the test orders")
    _add_data_dir(p)
    _add_seed(p, "LightGBM seed when no saved model exists")
    p.add_argument(
        "--out", type=Path, default=None, help=f"submission path ({cfg.OUTPUT_DIR}/submission.csv)"
    )
    p.add_argument("--model", choices=cfg.MODELS, default=SUBMISSION_MODEL)
    p.add_argument(
        "--model-file",
        type=Path,
        default=None,
        help=f"LightGBM model saved by train ({cfg.OUTPUT_DIR}/model.txt; refit if missing)",
    )
    _add_sample_users(p)

    p = sub.add_parser(
        "score", parents=[common], help="mean F1 of a submission against _solution.csv"
    )
    p.add_argument("submission", type=Path)
    p.add_argument(
        "--solution",
        type=Path,
        default=None,
        help="solution file (default: the synthetic one; Kaggle never published test labels)",
    )
    p.add_argument(
        "--metrics",
        type=Path,
        default=None,
        help="metrics.json of the last train: scoring against the synthetic solution is refused "
        "when it trained on real data",
    )

    p = sub.add_parser(
        "rules", parents=[common], help="association rules (Apriori) over the prior orders"
    )
    _add_data_dir(p)
    _add_seed(p, "generator seed if synthetic data must be generated")
    p.add_argument(
        "--out", type=Path, default=None, help=f"rules CSV ({cfg.OUTPUT_DIR}/association_rules.csv)"
    )
    p.add_argument(
        "--min-support",
        type=float,
        default=cfg.RULES_MIN_SUPPORT,
        help=f"minimum share of orders holding the itemset (default {cfg.RULES_MIN_SUPPORT})",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=cfg.RULES_MIN_CONFIDENCE,
        help=f"minimum P(consequent | antecedent) (default {cfg.RULES_MIN_CONFIDENCE})",
    )
    p.add_argument(
        "--max-len",
        type=int,
        default=cfg.RULES_MAX_LEN,
        help=f"largest itemset size (default {cfg.RULES_MAX_LEN})",
    )

    p = sub.add_parser("download", parents=[common], help="fetch the real data with the Kaggle CLI")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"folder the competition files go to (default: {cfg.RAW_DIR})",
    )
    p.add_argument(
        "--force", action="store_true", help="replace files that differ from the download"
    )

    p = sub.add_parser(
        "submit", parents=[common], help="send outputs/submission.csv of a real-data run to Kaggle"
    )
    p.add_argument("--out", type=Path, default=None, help="outputs folder of the run")

    add_kaggle_bundle(sub, common)
    return parser


def _synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic

    out = _writable(args.out, cfg.SYNTHETIC_DIR)
    written = write_synthetic(out, args.seed, profile=load_profile(args.profile))
    print(f"wrote {len(written)} files to {out} (seed {args.seed})")
    return 0


def _train(args: argparse.Namespace) -> int:
    from threadpoolctl import threadpool_limits

    from .data import resolve_data_dir
    from .output_set import staged_outputs
    from .pipeline import (
        BASELINES,
        METRICS_FILE,
        MODEL_FILE,
        OOF_FILE,
        SUBMISSION_FILE,
        baseline_submission_file,
        train,
    )

    profile = load_profile(args.profile)
    out = _writable(args.out, cfg.OUTPUT_DIR)
    data_dir, dataset = resolve_data_dir(args.data_dir, args.seed, profile=profile)
    # One set: an interrupted run leaves the previous outputs as they were (output_set.py).
    with staged_outputs(out) as stage, threadpool_limits(1):
        result = train(data_dir, stage, args.seed, dataset, args.sample_users, profile=profile)
    print("out-of-fold mean F1 on train orders:")
    for name in cfg.MODELS:
        print(f"  {name:<16} {result.f1[name]:.4f}")
    best = max(BASELINES, key=lambda name: result.f1[name])
    gain = result.f1["lightgbm_f1"] - result.f1[best]
    print(f"  lightgbm_f1 - best baseline ({best}) = {gain:+.4f}")
    solution = data_dir / cfg.SOLUTION
    if solution.is_file():
        from .scoring import score_file

        test_f1 = score_file(out / SUBMISSION_FILE, solution)
        print(f"hidden test F1 of submission.csv (synthetic labels): {test_f1:.4f}")
    baseline_files = [baseline_submission_file(n) for n in BASELINES]
    for name in (METRICS_FILE, OOF_FILE, SUBMISSION_FILE, MODEL_FILE, *baseline_files):
        print(f"wrote {out / name}")
    print(f"done in {result.seconds:.1f} s")
    publish(out / SUBMISSION_FILE)
    return 0


def _predict(args: argparse.Namespace) -> int:
    from threadpoolctl import threadpool_limits

    from .data import resolve_data_dir
    from .output_set import finish_interrupted
    from .pipeline import predict

    out = _writable(args.out, cfg.OUTPUT_DIR / "submission.csv")
    model_file = args.model_file or working_root() / cfg.OUTPUT_DIR / "model.txt"
    # A hard stop during train's move-in: complete that set (the model's folder) first.
    finish_interrupted(model_file.parent)
    profile = load_profile(args.profile)
    data_dir, _ = resolve_data_dir(args.data_dir, args.seed, profile=profile)
    with threadpool_limits(1):
        frame = predict(
            data_dir, out, args.model, model_file, args.seed, args.sample_users, profile=profile
        )
    print(f"wrote {out} ({len(frame)} test orders, model {args.model})")
    publish(out)
    return 0


def _trained_on_real_data(metrics: Path) -> bool:
    """True when the last ``train`` (its ``metrics.json``) used real, not synthetic, data."""
    from .io import read_json

    return metrics.is_file() and read_json(metrics).get("dataset") == "raw"


def _score(args: argparse.Namespace) -> int:
    from .scoring import score_file

    solution = args.solution or working_root() / cfg.SYNTHETIC_DIR / cfg.SOLUTION
    metrics = args.metrics or working_root() / cfg.OUTPUT_DIR / "metrics.json"
    if args.solution is None and _trained_on_real_data(metrics):
        print(
            f"error: {metrics} says the model was trained on real data, whose test labels are "
            f"secret; {solution} only scores submissions for the synthetic orders: submit "
            "to Kaggle instead",
            file=sys.stderr,
        )
        return 2
    if not solution.is_file():
        print(
            f"error: {solution} not found; run `synth` first (real test labels are secret: "
            "submit to Kaggle instead)",
            file=sys.stderr,
        )
        return 2
    print(f"mean F1: {score_file(args.submission, solution):.6f}")
    return 0


def _rules(args: argparse.Namespace) -> int:
    from .data import resolve_data_dir
    from .rules import mine_rules_from_dir

    profile = load_profile(args.profile)
    out = _writable(args.out, cfg.OUTPUT_DIR / "association_rules.csv")
    data_dir, _ = resolve_data_dir(args.data_dir, args.seed, profile=profile, rules=True)
    start = time.perf_counter()
    rules = mine_rules_from_dir(
        data_dir, out, args.min_support, args.min_confidence, args.max_len, profile
    )
    print(
        f"{len(rules)} rules (min support {args.min_support}, min confidence "
        f"{args.min_confidence}) -> {out} in {time.perf_counter() - start:.1f} s"
    )
    if len(rules):
        cols = ["antecedent", "consequent", "support", "confidence", "lift", "count"]
        print(rules[cols].head(10).to_string(index=False))
    return 0


def _download(args: argparse.Namespace) -> int:
    from .download import download

    profile = load_profile(args.profile)
    data_dir = _writable(args.data_dir, cfg.RAW_DIR)
    if profile.kaggle_dataset:  # the shared download fetches competitions only
        print(
            f"error: {profile.title} is a Kaggle dataset, not a competition: run `kaggle datasets "
            f"download -d {profile.kaggle_dataset} --unzip -p {data_dir}` (needs the kaggle "
            f"extra: `uv sync --extra kaggle`), or download it from {profile.url}",
            file=sys.stderr,
        )
        return 2
    return download(profile.slug, data_dir, force=args.force)


def _submit(args: argparse.Namespace) -> int:
    from .submit import submit

    profile = load_profile(args.profile)
    return submit(profile.slug, _writable(args.out, cfg.OUTPUT_DIR), SUBMISSION_MODEL)


COMMANDS = {
    "synth": _synth,
    "train": _train,
    "predict": _predict,
    "score": _score,
    "rules": _rules,
    "download": _download,
    "submit": _submit,
    "kaggle-bundle": cmd_kaggle_bundle,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ProfileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
