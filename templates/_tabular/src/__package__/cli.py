"""Command-line interface: ``synth``, ``train``, ``predict``, ``score``, ``download``, ``submit``,
``kaggle-bundle``.

The thread variables are set before anything imports numpy, scikit-learn or lightgbm (those
modules are imported lazily inside the commands): BLAS and OpenMP read them once, at load
time, and one thread is what makes runs repeatable.

Exit codes: 0 ok; 1 a run failed (missing or mismatched data, bad submission); 2 usage or an
invalid ``competition.toml``; 3 Kaggle refused the download (rules not accepted); 4 the download
would overwrite different files already in the data folder (``--force`` replaces them), or
``kaggle-bundle`` would write into a folder holding files it did not write; 5
``submit`` refused a submission made from synthetic data.
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
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_common import (
    add_score_download_submit,
    add_synth,
    out_dir_of,
    run,
    shared_options,
    submit_command,
)
from .cli_parts import add_kaggle_bundle
from .kaggle_env import publish
from .profile import load_profile


def _cmd_train(args: argparse.Namespace) -> int:
    from .train import run_training

    profile = load_profile(args.profile)
    out_dir = out_dir_of(args)
    start = time.perf_counter()
    report = run_training(
        profile, out_dir, data_dir=args.data_dir, synthetic=args.synthetic, seed=args.seed
    )
    seed_note = f", seed {report.seed}" if report.dataset == "synthetic" else ""
    folds = profile.validation["folds"]
    print(
        f"dataset: {report.dataset} ({report.directory}{seed_note}); {report.n_train} train / "
        f"{report.n_test} test rows; {folds}-fold OOF scores ({profile.metric} is the metric):"
    )
    names = list(next(iter(report.metrics.values())))
    print(f"  {'model':<10}" + "".join(f" {n:>9}" for n in names))
    for model, scores in report.metrics.items():
        print(f"  {model:<10}" + "".join(f" {scores[n]:>9.4f}" for n in names))
    print(
        f"wrote {out_dir / 'metrics.json'}, {out_dir / 'submission.csv'} and "
        f"{len(report.written) - 2} more files in {time.perf_counter() - start:.1f} s"
    )
    publish(out_dir / "submission.csv")
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from .predict import run_prediction

    path = run_prediction(load_profile(args.profile), out_dir_of(args), data_dir=args.data_dir)
    print(f"wrote {path}")
    publish(path)
    return 0


def _submission_model() -> str:
    from .models import SUBMISSION_MODEL

    return SUBMISSION_MODEL


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and for shell completion tools)."""
    parser = argparse.ArgumentParser(
        prog=__package__,
        description="Kaggle starter driven by competition.toml: synthetic data, CV baselines, "
        "submission.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common, data = shared_options()
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add_synth(sub, common)

    for name, func, help_text in (
        ("train", _cmd_train, "cross-validate the baselines, write metrics and a submission"),
        ("predict", _cmd_predict, "rewrite the submission from the saved fold models"),
    ):
        p = sub.add_parser(name, parents=[common, data], help=help_text)
        p.add_argument("--out", type=Path, default=None, help="outputs folder (default: outputs)")
        p.set_defaults(func=func)
    train = sub.choices["train"]
    train.add_argument(
        "--synthetic", action="store_true", help="use data/synthetic even when data/raw has files"
    )
    train.add_argument(
        "--seed",
        type=int,
        default=None,
        help="synthetic data seed; regenerates data/synthetic if it holds another seed",
    )

    add_score_download_submit(sub, common, data, submit_command(_submission_model))

    add_kaggle_bundle(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code."""
    return run(build_parser(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
