"""The command-line pieces every engine's CLI registers alike: the ``--profile`` option and the
``kaggle-bundle`` subcommand.

``.profile`` is the engine's own module: every engine's ``load_profile(path)`` returns a profile
with a ``slug``. Both imports wait until the command runs, so building the parser stays cheap.
"""

import argparse
import os
from pathlib import Path


def profile_option() -> argparse.ArgumentParser:
    """The parent parser holding ``--profile``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="competition profile (default: ./competition.toml, else the project's own)",
    )
    return common


def cmd_kaggle_bundle(args: argparse.Namespace) -> int:
    from .kaggle_bundle import kaggle_bundle
    from .profile import load_profile

    profile = load_profile(args.profile)
    user = args.user or os.environ.get("KAGGLE_USERNAME")
    return kaggle_bundle(Path("."), args.out or Path("dist") / "kaggle", profile.slug, user)


def add_kaggle_bundle(sub, common: argparse.ArgumentParser) -> None:
    """Add ``kaggle-bundle``; ``common`` is the parent parser holding ``--profile``."""
    p = sub.add_parser(
        "kaggle-bundle",
        parents=[common],
        help="write wheels + inference script for a notebook without internet (dist/kaggle)",
    )
    p.add_argument("--out", type=Path, default=None, help="bundle folder (default: dist/kaggle)")
    p.add_argument("--user", default=None, help="Kaggle username (default: $KAGGLE_USERNAME)")
    p.set_defaults(func=cmd_kaggle_bundle)
