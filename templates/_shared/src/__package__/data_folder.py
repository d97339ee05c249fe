"""Whether a folder holds a competition's files: each one plain or zipped, or some missing.

Every engine asks this of ``--data-dir``, of the attached Kaggle competition and of ``data/raw``:
a half-filled folder (the training file alone, or Kaggle's one-zip bundle copied in) is an error
naming what is missing, never a reason to fall back to synthetic data without saying so.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path


class DataError(ValueError):
    """A data folder or file that does not match the profile."""


def find_file(directory: Path, name: str) -> Path | None:
    """``directory/name``, or its zipped form ``name.zip`` (Kaggle ships both)."""
    for candidate in (directory / name, directory / f"{name}.zip"):
        if candidate.is_file():
            return candidate
    return None


def user_files(directory: Path) -> list[str]:
    """Names of the files someone put in ``directory`` (hidden files and READMEs aside)."""
    if not directory.is_dir():
        return []
    return sorted(
        p.name
        for p in directory.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.lower().startswith("readme")
    )


def require_files(directory: Path, needed: Sequence[str], known: Iterable[str]) -> None:
    """Raise :class:`DataError` naming the ``needed`` files ``directory`` lacks.

    ``known`` are the profile's file names: a zip that is none of them is taken for Kaggle's
    bundle of every file, and the message says to unzip it.
    """
    missing = [name for name in needed if find_file(directory, name) is None]
    if not missing:
        return
    present = user_files(directory)
    names = set(known)
    bundles = [n for n in present if n.endswith(".zip") and n[:-4] not in names]
    hint = (
        f"{bundles[0]} looks like Kaggle's bundle of every file: unzip it into {directory}"
        if bundles
        else "run `download` or copy the competition files there"
    )
    raise DataError(
        f"{directory}: {', '.join(missing)} not found (it has: {', '.join(present) or 'nothing'}); "
        f"{hint}"
    )
