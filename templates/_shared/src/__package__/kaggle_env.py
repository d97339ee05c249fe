"""Where a run reads and writes: this machine, or a Kaggle notebook.

Inside a Kaggle notebook (``KAGGLE_KERNEL_RUN_TYPE`` is set) the competition is mounted
read-only under ``/kaggle/input`` and only ``/kaggle/working`` is kept after the run, so the
defaults follow that layout: the competition folder is read from the input mount, everything
the project writes (synthetic data, outputs) goes under ``/kaggle/working``, and a path under
the input mount is refused as a place to write. Outside Kaggle nothing changes: paths are
relative to the project folder.
"""

import os
from collections.abc import Mapping
from pathlib import Path

KAGGLE_INPUT = Path("/kaggle/input")
KAGGLE_WORKING = Path("/kaggle/working")
#: Code competitions read the notebook's output from exactly this file.
KAGGLE_SUBMISSION = "submission.csv"


def in_kaggle(env: Mapping[str, str] | None = None) -> bool:
    """True inside a Kaggle notebook or script run (the variable Kaggle's own tools check)."""
    env = os.environ if env is None else env
    return bool(env.get("KAGGLE_KERNEL_RUN_TYPE"))


def input_root(env: Mapping[str, str] | None = None) -> Path:
    """The read-only mount of attached competitions and datasets (kagglehub's override kept)."""
    env = os.environ if env is None else env
    return Path(env.get("KAGGLE_CACHE_MOUNT_FOLDER") or KAGGLE_INPUT)


def working_root(env: Mapping[str, str] | None = None) -> Path:
    """Where the project writes: ``/kaggle/working`` in a notebook, else the current folder."""
    return KAGGLE_WORKING if in_kaggle(env) else Path(".")


def kaggle_input_dir(slug: str | None, env: Mapping[str, str] | None = None) -> Path | None:
    """The attached competition's folder in a notebook (None outside Kaggle or when absent).

    Competitions are mounted at ``/kaggle/input/<slug>``; newer notebooks also use
    ``/kaggle/input/competitions/<slug>``, so both are tried.
    """
    if not slug or not in_kaggle(env):
        return None
    root = input_root(env)
    for candidate in (root / slug, root / "competitions" / slug):
        if candidate.is_dir():
            return candidate
    return None


def refuse_input_write(path: Path, env: Mapping[str, str] | None = None) -> None:
    """Raise when ``path`` lies under Kaggle's read-only input mount (a notebook only)."""
    if not in_kaggle(env):
        return
    root = input_root(env).resolve()
    if path.resolve().is_relative_to(root):
        raise ValueError(
            f"{path} is inside Kaggle's read-only input folder {root}: "
            f"write under {working_root(env)} instead (e.g. --out {working_root(env) / 'outputs'})"
        )


def publish_submission(path: Path, env: Mapping[str, str] | None = None) -> Path | None:
    """In a notebook, also put the submission where code competitions read it; else None."""
    if not in_kaggle(env):
        return None
    from .io import write_bytes  # io imports pandas: only pay for it when needed

    target = KAGGLE_WORKING / KAGGLE_SUBMISSION
    if target.resolve() == path.resolve():
        return None
    return write_bytes(path.read_bytes(), target)


def publish(submission: Path) -> None:
    """:func:`publish_submission`, saying where the copy went (a command's last line)."""
    copied = publish_submission(submission)
    if copied is not None:
        print(f"copied the submission to {copied} (where Kaggle reads it)")
