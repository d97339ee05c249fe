"""Command-line interface: ``synth``, ``train``, ``predict``, ``score`` and ``download``.

The thread variables are set before anything imports numpy, scikit-learn or lightgbm (those
modules are imported lazily inside the commands): BLAS and OpenMP read them once, at load
time, and one thread is what makes runs repeatable (archetypes.md section 5.2).
"""

import os

for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",  # macOS Accelerate
    "NUMEXPR_NUM_THREADS",
    "POLARS_MAX_THREADS",
):
    os.environ.setdefault(_var, "1")

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .constants import COMPETITION, DEFAULT_SEED


def _cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic

    out_dir = args.out if args.out is not None else args.data_dir / "synthetic"
    seed = DEFAULT_SEED if args.seed is None else args.seed
    paths = write_synthetic(out_dir, seed)
    print(
        f"wrote {len(paths)} files to {out_dir} (seed {seed}): {', '.join(p.name for p in paths)}"
    )
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    from .train import run_training

    start = time.perf_counter()
    report = run_training(args.data_dir, args.out, dataset=args.dataset, seed=args.seed)
    seed_note = f", seed {report.seed}" if report.dataset == "synthetic" else ""
    print(
        f"dataset: {report.dataset}{seed_note}; {report.n_train} train / {report.n_test} test "
        "rows; 5-fold OOF scores:"
    )
    print(f"  {'model':<10} {'accuracy':>9} {'roc_auc':>9} {'log_loss':>9}")
    for name, m in report.metrics.items():
        print(f"  {name:<10} {m['accuracy']:>9.4f} {m['roc_auc']:>9.4f} {m['log_loss']:>9.4f}")
    print(
        f"wrote {args.out / 'metrics.json'}, {args.out / 'submission.csv'} and "
        f"{len(report.written) - 2} more files in {time.perf_counter() - start:.1f} s"
    )
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from .predict import run_prediction

    path = run_prediction(args.data_dir, args.out)
    print(f"wrote {path}")
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    from .constants import SOLUTION_FILE
    from .submission import score_submission

    solution = args.solution or args.data_dir / "synthetic" / SOLUTION_FILE
    value = score_submission(args.submission, solution)
    print(f"accuracy: {value:.6f}")
    return 0


def _cmd_download(args: argparse.Namespace) -> int:
    from .download import download

    return download(args.data_dir / "raw")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and for shell completion tools)."""
    parser = argparse.ArgumentParser(
        prog=__package__,
        description=f"Kaggle '{COMPETITION}' starter: synthetic data, CV baselines, submission.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder holding raw/ and synthetic/ (default: data)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("synth", parents=[common], help="write synthetic competition files")
    p.add_argument(
        "--seed", type=int, default=None, help=f"generator seed (default {DEFAULT_SEED})"
    )
    p.add_argument(
        "--out", type=Path, default=None, help="output folder (default DATA_DIR/synthetic)"
    )
    p.set_defaults(func=_cmd_synth)

    for name, func, help_text in (
        ("train", _cmd_train, "cross-validate the baselines, write metrics and a submission"),
        ("predict", _cmd_predict, "rewrite the submission from the saved fold models"),
    ):
        p = sub.add_parser(name, parents=[common], help=help_text)
        p.add_argument("--out", type=Path, default=Path("outputs"), help="outputs folder")
        p.set_defaults(func=func)
    train = sub.choices["train"]
    train.add_argument(
        "--seed",
        type=int,
        default=None,
        help="synthetic data seed; regenerates data/synthetic if it holds another seed "
        f"(default: the seed already there, else {DEFAULT_SEED})",
    )
    train.add_argument(
        "--dataset",
        choices=("auto", "raw", "synthetic"),
        default="auto",
        help="auto (default): data/raw when Kaggle's files are there, else synthetic",
    )

    p = sub.add_parser("score", parents=[common], help="score a submission on the synthetic set")
    p.add_argument("submission", type=Path, help="submission CSV (PassengerId,Survived)")
    p.add_argument("--solution", type=Path, default=None, help="solution file to score against")
    p.set_defaults(func=_cmd_score)

    p = sub.add_parser("download", parents=[common], help="download the real data into data/raw")
    p.set_defaults(func=_cmd_download)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become a one-line message and exit code 1."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
