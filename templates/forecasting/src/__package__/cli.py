"""Command-line interface: ``synth``, ``train``, ``predict``, ``score``, ``download``, ``submit``.

The thread variables are set before anything imports numpy, pandas or lightgbm (those modules
are imported lazily inside the commands): BLAS and OpenMP read them once, at load time, and one
thread is what makes runs repeatable.

Exit codes: 0 ok; 1 a run failed (missing or mismatched data, bad submission); 2 usage or an
invalid ``competition.toml``; 3 Kaggle refused the download (rules not accepted); 4 the download
would overwrite different files already in the data folder (``--force`` replaces them); 5
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
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .kaggle_env import publish_submission, refuse_input_write, working_root
from .profile import ProfileError, load_profile

EXIT_FAILED = 1
MODEL_CHOICES = ("lightgbm", "last_value", "seasonal_naive")


def _cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic

    profile = load_profile(args.profile)
    out_dir = args.out if args.out is not None else working_root() / "data" / "synthetic"
    refuse_input_write(out_dir)
    seed = profile.synthetic["seed"] if args.seed is None else args.seed
    paths = write_synthetic(profile, out_dir, seed)
    names = ", ".join(p.name for p in paths)
    print(f"wrote {len(paths)} files to {out_dir} (seed {seed}): {names}")
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    from .train import run_training

    profile = load_profile(args.profile)
    out_dir = _out_dir(args)
    start = time.perf_counter()
    report = run_training(
        profile, out_dir, data_dir=args.data_dir, synthetic=args.synthetic, seed=args.seed
    )
    seed_note = f", seed {report.seed}" if report.dataset == "synthetic" else ""
    folds = profile.validation["folds"]
    print(
        f"dataset: {report.dataset} ({report.directory}{seed_note}); {report.n_train} train / "
        f"{report.n_test} test rows; {profile.metric} over {folds} folds of {profile.horizon} days:"
    )
    for model, scores in report.metrics.items():
        print(f"  {model:<15} {scores[profile.metric]:>9.4f}")
    print(
        f"wrote {out_dir / 'metrics.json'}, {out_dir / 'submission.csv'} and "
        f"{len(report.written) - 2} more file in {time.perf_counter() - start:.1f} s"
    )
    _publish(out_dir / "submission.csv")
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from .predict import run_prediction

    path = run_prediction(load_profile(args.profile), _out_dir(args), args.model)
    print(f"wrote {path} ({args.model})")
    _publish(path)
    return 0


def _out_dir(args: argparse.Namespace) -> Path:
    out_dir = args.out if args.out is not None else working_root() / "outputs"
    refuse_input_write(out_dir)
    return out_dir


def _publish(submission: Path) -> None:
    copied = publish_submission(submission)
    if copied is not None:
        print(f"copied the submission to {copied} (where Kaggle reads it)")


def _cmd_score(args: argparse.Namespace) -> int:
    from .submission import score_submission
    from .synth import SOLUTION_FILE

    profile = load_profile(args.profile)
    solution = args.solution or working_root() / "data" / "synthetic" / SOLUTION_FILE
    value = score_submission(profile, args.submission, solution)
    print(f"{profile.metric}: {value:.6f}")
    return 0


def _cmd_download(args: argparse.Namespace) -> int:
    from .download import download

    profile = load_profile(args.profile)
    raw_dir = args.data_dir or working_root() / "data" / "raw"
    refuse_input_write(raw_dir)
    return download(profile.slug, raw_dir, force=args.force)


def _cmd_submit(args: argparse.Namespace) -> int:
    from .submit import submit
    from .train import SUBMISSION_MODEL

    profile = load_profile(args.profile)
    return submit(profile.slug, _out_dir(args), SUBMISSION_MODEL)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and for shell completion tools)."""
    parser = argparse.ArgumentParser(
        prog=__package__,
        description="Kaggle forecasting starter driven by competition.toml: synthetic series, "
        "time-fold backtests, submission.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="competition profile (default: ./competition.toml, else the project's own)",
    )
    outputs = argparse.ArgumentParser(add_help=False)
    outputs.add_argument("--out", type=Path, default=None, help="outputs folder (default: outputs)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("synth", parents=[common], help="write synthetic competition files")
    p.add_argument("--seed", type=int, default=None, help="generator seed (default: profile's)")
    p.add_argument("--out", type=Path, default=None, help="folder (default: data/synthetic)")
    p.set_defaults(func=_cmd_synth)

    p = sub.add_parser(
        "train",
        parents=[common, outputs],
        help="backtest the models on time folds, write metrics and a submission",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder holding the competition files (default: data/raw when it has them, "
        "else data/synthetic)",
    )
    p.add_argument(
        "--synthetic", action="store_true", help="use data/synthetic even when data/raw has files"
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help="synthetic data seed; regenerates data/synthetic if it holds another seed",
    )
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser(
        "predict",
        parents=[common, outputs],
        help="rewrite the submission from another model's saved forecast",
    )
    p.add_argument("--model", choices=MODEL_CHOICES, default="lightgbm", help="(default: lightgbm)")
    p.set_defaults(func=_cmd_predict)

    p = sub.add_parser("score", parents=[common], help="score a submission on the synthetic set")
    p.add_argument("submission", type=Path, help="submission CSV")
    p.add_argument("--solution", type=Path, default=None, help="solution file to score against")
    p.set_defaults(func=_cmd_score)

    p = sub.add_parser("download", parents=[common], help="download the real data (into data/raw)")
    p.add_argument("--data-dir", type=Path, default=None, help="folder (default: data/raw)")
    p.add_argument(
        "--force", action="store_true", help="replace files that differ from the download"
    )
    p.set_defaults(func=_cmd_download)

    p = sub.add_parser(
        "submit",
        parents=[common, outputs],
        help="send outputs/submission.csv of a real-data run to Kaggle",
    )
    p.set_defaults(func=_cmd_submit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ProfileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
