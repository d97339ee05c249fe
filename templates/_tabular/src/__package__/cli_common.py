"""The command-line parts every engine shares: ``synth``, ``score``, ``download``, the
``--profile`` and ``--data-dir`` options, the outputs folder, and the error boundary that turns
failures into one line and an exit code.

Each engine's ``cli.py`` pins the thread pools, then builds its parser from these; they import
numpy and pandas only inside the commands. ``.profile``, ``.synth`` and ``.submission`` are the
engine's own modules (same names, same functions).
"""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .cli_parts import profile_option
from .kaggle_env import refuse_input_write, working_root
from .profile import ProfileError, load_profile

EXIT_FAILED = 1


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic

    profile = load_profile(args.profile)
    out_dir = args.out if args.out is not None else working_root() / "data" / "synthetic"
    refuse_input_write(out_dir)
    seed = profile.synthetic["seed"] if args.seed is None else args.seed
    paths = write_synthetic(profile, out_dir, seed)
    names = ", ".join(p.name for p in paths)
    print(f"wrote {len(paths)} files to {out_dir} (seed {seed}): {names}")
    return 0


def out_dir_of(args: argparse.Namespace) -> Path:
    out_dir = args.out if args.out is not None else working_root() / "outputs"
    refuse_input_write(out_dir)
    return out_dir


def cmd_score(args: argparse.Namespace) -> int:
    from .submission import score_submission
    from .synth import SOLUTION_FILE

    profile = load_profile(args.profile)
    solution = args.solution or working_root() / "data" / "synthetic" / SOLUTION_FILE
    value = score_submission(profile, args.submission, solution)
    print(f"{profile.metric}: {value:.6f}")
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from .download import download

    profile = load_profile(args.profile)
    raw_dir = args.data_dir or working_root() / "data" / "raw"
    refuse_input_write(raw_dir)
    return download(profile.slug, raw_dir, force=args.force)


def submit_command(model: Callable[[], str]) -> Callable[[argparse.Namespace], int]:
    """``submit`` of the engine's submission model (``model`` imports it when the command runs)."""

    def cmd_submit(args: argparse.Namespace) -> int:
        from .submit import submit

        profile = load_profile(args.profile)
        return submit(profile.slug, out_dir_of(args), model())

    return cmd_submit


def shared_options() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The ``--profile`` and ``--data-dir`` parent parsers."""
    common = profile_option()
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder holding the competition files (default: data/raw when it has them, "
        "else data/synthetic)",
    )
    return common, data


def add_synth(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("synth", parents=[common], help="write synthetic competition files")
    p.add_argument("--seed", type=int, default=None, help="generator seed (default: profile's)")
    p.add_argument("--out", type=Path, default=None, help="folder (default: data/synthetic)")
    p.set_defaults(func=cmd_synth)


def add_score_download_submit(
    sub, common: argparse.ArgumentParser, data: argparse.ArgumentParser, submit_func
) -> None:
    p = sub.add_parser("score", parents=[common], help="score a submission on the synthetic set")
    p.add_argument("submission", type=Path, help="submission CSV")
    p.add_argument("--solution", type=Path, default=None, help="solution file to score against")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "download", parents=[common, data], help="download the real data (into data/raw)"
    )
    p.add_argument(
        "--force", action="store_true", help="replace files that differ from the download"
    )
    p.set_defaults(func=cmd_download)

    p = sub.add_parser(
        "submit", parents=[common], help="send outputs/submission.csv of a real-data run to Kaggle"
    )
    p.add_argument("--out", type=Path, default=None, help="outputs folder of the run")
    p.set_defaults(func=submit_func)


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Run one command; errors become one line on stderr and an exit code."""
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ProfileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
