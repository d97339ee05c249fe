"""Command line: synth, train, predict, score, download, submit and kaggle-bundle.

Exit codes: 0 ok; 1 a run failed (missing or mismatched data, a submission trained on the real
data given to `score`, a path inside Kaggle's read-only input); 2 usage or an invalid
competition.toml; 3 Kaggle refused the download (rules not accepted); 4 the download would
overwrite different files (`--force` replaces them), or kaggle-bundle would write into a folder
holding files it did not write; 5 `submit` refused a submission made from synthetic data.

In a Kaggle notebook every default folder is under /kaggle/working and the attached competition
is the default data (kaggle_env.py).

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

from .cli_parts import add_kaggle_bundle, profile_option  # noqa: E402
from .constants import (  # noqa: E402
    ARCHETYPE,
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
from .data_folder import require_files, user_files  # noqa: E402
from .kaggle_env import kaggle_input_dir, publish, refuse_input_write, working_root  # noqa: E402
from .profile import Profile, ProfileError, load_profile  # noqa: E402

EXIT_FAILED = 1
#: The model whose submission train writes (and submit sends).
SUBMISSION_MODEL = "two_stage"


def _writable(path: Path | None, default: Path) -> Path:
    """`path`, else `default` under the working root; never inside Kaggle's input."""
    path = path if path is not None else working_root() / default
    refuse_input_write(path)
    return path


def _resolve_data_dir(profile: Profile, data_dir: Path | None, seed: int) -> tuple[Path, str]:
    """Pick the data: --data-dir, else the attached competition in a Kaggle notebook, else
    data/raw as soon as anything is in it (it must then hold every file), else data/synthetic
    (generated on first use). Returns (directory, "raw" | "synthetic")."""
    from .data import has_competition_files
    from .synth import write_synthetic

    if data_dir is None:
        data_dir = kaggle_input_dir(profile.slug)
    if data_dir is None:
        raw = working_root() / RAW_DIR
        if user_files(raw):
            require_files(raw, profile.files, profile.files)
            return raw, "raw"
        data_dir = working_root() / SYNTHETIC_DIR
        if not has_competition_files(data_dir, profile):
            print(f"note: no competition files in {raw}; generating {data_dir} (seed {seed})")
            write_synthetic(data_dir, seed, profile)
    require_files(data_dir, profile.files, profile.files)
    source = "synthetic" if (data_dir / SOLUTION_FILE).is_file() else "raw"
    return data_dir, source


def _load(profile: Profile, data_dir: Path | None, seed: int):
    from .data import load_dataset

    path, source = _resolve_data_dir(profile, data_dir, seed)
    start = time.perf_counter()
    ds = load_dataset(path, source, profile)
    print(
        f"data: {path} ({source}; {len(ds.transactions):,} interactions, "
        f"{len(ds.customer_ids):,} users, {ds.n_articles:,} items; "
        f"loaded in {time.perf_counter() - start:.1f}s)"
    )
    return ds, path


def _config(profile: Profile, sources: tuple[str, ...] | None = None):
    from .pipeline import PipelineConfig

    return PipelineConfig.for_profile(profile.k, sources or profile.sources)


def _sources(text: str) -> tuple[str, ...]:
    """`--sources repurchase,covisitation`: the profile's candidate sources, overridden."""
    from .profile import SOURCES

    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in SOURCES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'none given'}: expected a comma list of {', '.join(SOURCES)}"
        )
    return names


def _positive(text: str) -> int:
    """`--eval-weeks 50`: a whole number of weeks, at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of weeks, at least 1")
    return value


def _write_submission(
    ds,
    profile: Profile,
    data_dir: Path,
    out_dir: Path,
    model: str,
    seed: int,
    sources: tuple[str, ...] | None = None,
    shown: Path | None = None,
):
    """Retrain on every observed week, predict the next one, write and check the file.

    ``shown``: the folder to name in the log when ``out_dir`` is train's staging folder.
    """
    from .pipeline import build_submission
    from .snapshot import week_dates
    from .submission import check_submission, read_predictions, write_submission

    frame = build_submission(ds, model, _config(profile, sources), seed)
    expected = ds.customer_ids[ds.submission_customers]
    problems = check_submission(frame, expected, set(ds.article_ids), profile.k)
    if problems:
        raise ValueError("submission is malformed:\n  " + "\n  ".join(problems))
    path = write_submission(frame, out_dir / SUBMISSION_FILE, profile)
    first, last = week_dates(ds, ds.last_week + 1)
    shown_path = (shown or out_dir) / SUBMISSION_FILE
    print(f"wrote {shown_path} ({len(frame):,} users, {model}, predicting {first}..{last})")
    solution = data_dir / SOLUTION_FILE
    if solution.is_file():
        from .metric import mapk

        truth, predictions = read_predictions(solution, profile), read_predictions(path, profile)
        score = mapk(truth, predictions, profile.k)
        print(f"  synthetic test week MAP@{profile.k} (vs {SOLUTION_FILE}): {score:.4f}")
    return path


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic

    profile = load_profile(args.profile)
    seed = profile.seed if args.seed is None else args.seed
    for path in write_synthetic(_writable(args.out, SYNTHETIC_DIR), seed, profile):
        print(f"wrote {path}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .io import write_json
    from .output_set import staged_outputs
    from .pipeline import evaluate, validation_weeks
    from .snapshot import purchases_in_week, week_dates

    profile = load_profile(args.profile)
    seed = profile.seed if args.seed is None else args.seed
    out = _writable(args.out, OUTPUTS_DIR)
    start = time.perf_counter()
    ds, data_dir = _load(profile, args.data_dir, seed)
    cfg = _config(profile, args.sources)
    weeks = validation_weeks(ds, cfg, args.eval_weeks)
    user_weeks = sum(len(purchases_in_week(ds, week)) for week in weeks)
    first = week_dates(ds, weeks[0] if weeks else ds.last_week)[0]
    last = week_dates(ds, ds.last_week)[1]
    print(
        f"validation {first}..{last}: {len(weeks)} week(s), {user_weeks:,} buyer-weeks pooled "
        "(each week predicted from the weeks before it)"
    )
    results = evaluate(ds, cfg, seed, weeks=args.eval_weeks)
    for model, metrics in results.items():
        extra = "".join(f"  {k} {v:.4f}" for k, v in metrics.items() if k != "map_at_k")
        print(f"  {model:<14} MAP@{profile.k} {metrics['map_at_k']:.4f}{extra}")
    # One set: an interrupted run leaves the previous outputs as they were (output_set.py).
    with staged_outputs(out) as stage:
        write_json(
            {
                "archetype": ARCHETYPE,
                "dataset": ds.source,
                "metric": "map_at_k",
                # Rounded so the JSON text is the same on every OS (the last float bits can differ).
                "models": {m: {k: round(v, 6) for k, v in r.items()} for m, r in results.items()},
                "schema_version": SCHEMA_VERSION,
                "seed": seed,
                "validation": {"weeks": len(weeks), "user_weeks": user_weeks},
            },
            stage / METRICS_FILE,
        )
        _write_submission(
            ds, profile, data_dir, stage, SUBMISSION_MODEL, seed, args.sources, shown=out
        )
    print(f"wrote {out / METRICS_FILE}")
    print(f"done in {time.perf_counter() - start:.1f}s")
    publish(out / SUBMISSION_FILE)
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from .output_set import finish_interrupted

    out = _writable(args.out, OUTPUTS_DIR)
    finish_interrupted(out)  # a hard stop during train's move-in: complete that set first
    profile = load_profile(args.profile)
    start = time.perf_counter()
    ds, data_dir = _load(profile, args.data_dir, profile.seed)
    path = _write_submission(ds, profile, data_dir, out, args.model, profile.seed, args.sources)
    print(f"done in {time.perf_counter() - start:.1f}s")
    publish(path)
    return 0


def trained_on(submission: Path) -> str | None:
    """The `dataset` ("raw" or "synthetic") of the metrics.json written beside a submission."""
    from .io import read_json

    metrics = submission.parent / METRICS_FILE
    if not metrics.is_file():
        return None
    return read_json(metrics).get("dataset")


def cmd_score(args: argparse.Namespace) -> int:
    from .metric import mapk
    from .submission import read_predictions

    profile = load_profile(args.profile)
    solution = args.solution or working_root() / SYNTHETIC_DIR / SOLUTION_FILE
    if not solution.is_file():
        raise FileNotFoundError(f"{solution} not found (run `synth` first)")
    if trained_on(args.submission) == "raw":
        raise ValueError(
            f"{args.submission} was trained on the real data (see {METRICS_FILE} beside it): "
            f"its users and week are not those of {solution}; submit it on Kaggle instead"
        )
    truth = read_predictions(solution, profile)
    predictions = read_predictions(args.submission, profile)
    if not truth.keys() & predictions.keys():
        raise ValueError(f"{args.submission} has no user of {solution}: nothing to score")
    buyers = sum(1 for items in truth.values() if items)
    score = mapk(truth, predictions, profile.k)
    print(f"MAP@{profile.k} {score:.6f} ({buyers:,} buyers in {solution})")
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from .download import download

    profile = load_profile(args.profile)
    files = args.files or list(profile.files)
    return download(profile.slug, _writable(args.data_dir, RAW_DIR), force=args.force, files=files)


def cmd_submit(args: argparse.Namespace) -> int:
    from .submit import submit

    profile = load_profile(args.profile)
    return submit(profile.slug, _writable(args.out, OUTPUTS_DIR), SUBMISSION_MODEL)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=__package__,
        description="Recommender starter driven by competition.toml: synthetic data, naive "
        "baselines, a two-stage ranker and a submission.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    common = profile_option()
    data_help = (
        "input directory (default: the attached competition in a Kaggle notebook, else "
        f"{RAW_DIR} when anything is in it, else {SYNTHETIC_DIR})"
    )
    seed_help = f"random seed (default: the profile's, else {DEFAULT_SEED})"
    sources = argparse.ArgumentParser(add_help=False)
    sources_help = "candidate sources of the two-stage model (default: the profile's [candidates])"
    sources.add_argument("--sources", type=_sources, metavar="A,B", help=sources_help)

    p = sub.add_parser("synth", parents=[common], help="write the synthetic data set")
    p.add_argument("--seed", type=int, default=None, help=seed_help)
    p.add_argument("--out", type=Path, default=None, help=f"folder (default {SYNTHETIC_DIR})")
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser(
        "train",
        parents=[common, sources],
        help="validate all models, write metrics.json and a submission",
    )
    p.add_argument("--seed", type=int, default=None, help=seed_help)
    p.add_argument("--out", type=Path, default=None, help=f"outputs (default {OUTPUTS_DIR})")
    p.add_argument("--data-dir", type=Path, default=None, help=data_help)
    p.add_argument(
        "--eval-weeks",
        type=_positive,
        default=1,
        metavar="N",
        help="pool validation over the last N weeks (default 1; more where a week has few users)",
    )
    p.set_defaults(func=cmd_train)

    p = sub.add_parser(
        "predict",
        parents=[common, sources],
        help="retrain on all weeks and write submission.csv only",
    )
    p.add_argument("--out", type=Path, default=None, help=f"outputs (default {OUTPUTS_DIR})")
    p.add_argument("--data-dir", type=Path, default=None, help=data_help)
    p.add_argument("--model", choices=MODEL_NAMES, default="two_stage")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser(
        "score", parents=[common], help="score a submission against the synthetic solution"
    )
    p.add_argument("submission", type=Path)
    p.add_argument(
        "--solution", type=Path, default=None, help=f"(default {SYNTHETIC_DIR / SOLUTION_FILE})"
    )
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "download", parents=[common], help="fetch the profile's files (not images/) into data/raw"
    )
    p.add_argument("--data-dir", type=Path, default=None, help=f"target (default {RAW_DIR})")
    p.add_argument(
        "--files", nargs="+", default=None, metavar="FILE", help="default: the profile's"
    )
    p.add_argument(
        "--force", action="store_true", help="replace files that differ from the download"
    )
    p.set_defaults(func=cmd_download)

    p = sub.add_parser(
        "submit", parents=[common], help="send outputs/submission.csv of a real-data run to Kaggle"
    )
    p.add_argument("--out", type=Path, default=None, help="outputs folder of the run")
    p.set_defaults(func=cmd_submit)

    add_kaggle_bundle(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ProfileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
