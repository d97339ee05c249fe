"""Command line: synth, train, predict, score and download.

The thread variables are set before anything imports numpy, scikit-learn or LightGBM:
BLAS/OpenMP pools read them once at load time, and one thread is what makes results
reproducible (and avoids oversubscription on small machines).
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

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from .constants import (  # noqa: E402
    ARCHETYPE,
    COMPETITION_FILES,
    COMPETITION_SLUG,
    DEFAULT_SEED,
    METRICS_FILE,
    MODEL_NAMES,
    OUTPUTS_DIR,
    RAW_DIR,
    SCHEMA_VERSION,
    SOLUTION_FILE,
    SUBMISSION_FILE,
    SYNTHETIC_DIR,
)


def _resolve_data_dir(data_dir: Path | None, seed: int) -> tuple[Path, str]:
    """Pick the data: --data-dir, else data/raw with the competition files, else data/synthetic
    (generated on first use). Returns (directory, "raw" | "synthetic")."""
    from .data import has_competition_files
    from .synth import write_synthetic

    if data_dir is None:
        if has_competition_files(RAW_DIR):
            return RAW_DIR, "raw"
        data_dir = SYNTHETIC_DIR
        if not has_competition_files(data_dir):
            print(f"note: no competition files in {RAW_DIR}; generating {data_dir} (seed {seed})")
            write_synthetic(data_dir, seed)
    if not has_competition_files(data_dir):
        raise SystemExit(f"error: {data_dir} lacks one of {', '.join(COMPETITION_FILES)}")
    source = "synthetic" if (data_dir / SOLUTION_FILE).is_file() else "raw"
    return data_dir, source


def _load(data_dir: Path | None, seed: int):
    from .data import load_dataset

    path, source = _resolve_data_dir(data_dir, seed)
    start = time.perf_counter()
    ds = load_dataset(path, source)
    print(
        f"data: {path} ({source}; {len(ds.transactions):,} transactions, "
        f"{len(ds.customer_ids):,} customers, {ds.n_articles:,} articles; "
        f"loaded in {time.perf_counter() - start:.1f}s)"
    )
    return ds, path


def _write_submission(ds, data_dir: Path, out_dir: Path, model: str, seed: int) -> Path:
    """Retrain on every observed week, predict the next one, write and check the file."""
    from .pipeline import PipelineConfig, build_submission
    from .snapshot import week_dates
    from .submission import check_submission, read_predictions, write_submission

    frame = build_submission(ds, model, PipelineConfig(), seed)
    problems = check_submission(
        frame, ds.customer_ids[ds.submission_customers], set(ds.article_ids)
    )
    if problems:
        raise SystemExit("error: submission is malformed:\n  " + "\n  ".join(problems))
    path = write_submission(frame, out_dir / SUBMISSION_FILE)
    first, last = week_dates(ds, ds.last_week + 1)
    print(f"wrote {path} ({len(frame):,} customers, {model}, predicting {first}..{last})")
    solution = data_dir / SOLUTION_FILE
    if solution.is_file():
        from .metric import mapk

        score = mapk(read_predictions(solution), read_predictions(path))
        print(f"  synthetic test week MAP@12 (vs {SOLUTION_FILE}): {score:.4f}")
    return path


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic

    for path in write_synthetic(args.out, args.seed):
        print(f"wrote {path}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .io import write_json
    from .pipeline import PipelineConfig, evaluate
    from .snapshot import week_dates

    start = time.perf_counter()
    ds, data_dir = _load(args.data_dir, args.seed)
    first, last = week_dates(ds, ds.last_week)
    print(f"validation week {first}..{last} (trained on the weeks before it)")
    results = evaluate(ds, PipelineConfig(), args.seed)
    for model, metrics in results.items():
        extra = "".join(f"  {k} {v:.4f}" for k, v in metrics.items() if k != "map12")
        print(f"  {model:<10} MAP@12 {metrics['map12']:.4f}{extra}")
    metrics_path = write_json(
        {
            "archetype": ARCHETYPE,
            "dataset": ds.source,
            # Rounded so the JSON text is the same on every OS (the last float bits can differ).
            "models": {m: {k: round(v, 6) for k, v in r.items()} for m, r in results.items()},
            "schema_version": SCHEMA_VERSION,
            "seed": args.seed,
        },
        args.out / METRICS_FILE,
    )
    print(f"wrote {metrics_path}")
    _write_submission(ds, data_dir, args.out, "two_stage", args.seed)
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    ds, data_dir = _load(args.data_dir, args.seed)
    _write_submission(ds, data_dir, args.out, args.model, args.seed)
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from .metric import mapk
    from .submission import read_predictions

    if not args.solution.is_file():
        raise SystemExit(f"error: {args.solution} not found (run `synth` first)")
    truth = read_predictions(args.solution)
    predictions = read_predictions(args.submission)
    buyers = sum(1 for items in truth.values() if items)
    print(f"MAP@12 {mapk(truth, predictions):.6f} ({buyers:,} buyers in {args.solution})")
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from .download import download

    return download(COMPETITION_SLUG, args.data_dir, force=args.force, files=args.files)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=__package__,
        description=f"Recommender starter for the Kaggle competition {COMPETITION_SLUG}.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, out: Path, out_help: str) -> None:
        p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 42)")
        p.add_argument("--out", type=Path, default=out, help=f"{out_help} (default {out})")

    p = sub.add_parser("synth", help="write the synthetic data set")
    common(p, SYNTHETIC_DIR, "output directory")
    p.set_defaults(func=cmd_synth)

    data_help = f"input directory (default: {RAW_DIR} if it has the files, else {SYNTHETIC_DIR})"
    p = sub.add_parser("train", help="validate all models, write metrics.json and a submission")
    common(p, OUTPUTS_DIR, "output directory")
    p.add_argument("--data-dir", type=Path, default=None, help=data_help)
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("predict", help="retrain on all weeks and write submission.csv only")
    common(p, OUTPUTS_DIR, "output directory")
    p.add_argument("--data-dir", type=Path, default=None, help=data_help)
    p.add_argument("--model", choices=MODEL_NAMES, default="two_stage")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("score", help="MAP@12 of a submission against the synthetic solution")
    p.add_argument("submission", type=Path)
    p.add_argument("--solution", type=Path, default=SYNTHETIC_DIR / SOLUTION_FILE)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("download", help="fetch the competition CSVs (not images/) into data/raw")
    p.add_argument("--data-dir", type=Path, default=RAW_DIR, help=f"target (default {RAW_DIR})")
    p.add_argument("--files", nargs="+", default=list(COMPETITION_FILES), metavar="FILE")
    p.add_argument(
        "--force", action="store_true", help="replace files that differ from the download"
    )
    p.set_defaults(func=cmd_download)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
