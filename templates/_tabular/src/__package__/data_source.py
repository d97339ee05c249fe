"""Where a run's data is: the attached Kaggle competition, ``data/raw``, or ``data/synthetic``.

Engines share it: a profile here needs only ``files`` (name → file), ``slug`` and
``synthetic["seed"]``, and the engine's ``synth`` package writes and recognises its synthetic set.
"""

from collections.abc import Callable
from pathlib import Path

from .kaggle_env import kaggle_input_dir, working_root
from .profile import Profile


class DataError(ValueError):
    """A data file that does not match the profile."""


def find_file(directory: Path, name: str) -> Path | None:
    """``directory/name``, or its zipped form ``name.zip`` (Kaggle ships both)."""
    for candidate in (directory / name, directory / f"{name}.zip"):
        if candidate.is_file():
            return candidate
    return None


def data_root() -> Path:
    """``data/`` of the project (under ``/kaggle/working`` in a Kaggle notebook)."""
    return working_root() / "data"


def user_files(directory: Path) -> list[str]:
    """Names of the files someone put in ``directory`` (hidden files and READMEs aside)."""
    if not directory.is_dir():
        return []
    return sorted(
        p.name
        for p in directory.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.lower().startswith("readme")
    )


def require_complete(directory: Path, profile: Profile) -> None:
    """Stop, naming what is missing, when a real-data folder lacks a file train needs.

    A half-filled folder (train.csv alone, or Kaggle's one-zip bundle copied in) is a mistake
    to report, never a reason to fall back to synthetic data without saying so.
    """
    needed = [profile.files["train"]] + ([profile.files["test"]] if "test" in profile.files else [])
    missing = [name for name in needed if find_file(directory, name) is None]
    if not missing:
        return
    present = user_files(directory)
    bundles = [n for n in present if n.endswith(".zip") and n[:-4] not in profile.files.values()]
    hint = (
        f"{bundles[0]} looks like Kaggle's bundle of every file: unzip it into {directory}"
        if bundles
        else "run `download` or copy the competition files there"
    )
    raise DataError(
        f"{directory}: {', '.join(missing)} not found (it has: {', '.join(present) or 'nothing'}); "
        f"{hint}"
    )


def choose_data(
    profile: Profile,
    data_dir: Path | None,
    synthetic: bool,
    seed: int | None,
    log: Callable[[str], None],
) -> tuple[Path, str, int]:
    """The folder to train on, whether it is real or synthetic, and the seed on record.

    ``--data-dir`` is the folder holding the files; without it, the attached competition in a
    Kaggle notebook, then ``data/raw`` when anything is in it (it must then be complete), else
    ``data/synthetic`` (generated when missing, stale or of another seed).
    """
    # Imported here: tabular synth imports submission.py, then data.py, then this module.
    from .synth import ensure_synthetic, synthetic_seed

    if data_dir is None and not synthetic and seed is None:
        data_dir = kaggle_input_dir(profile.slug)
    if data_dir is not None:
        found = synthetic_seed(profile, data_dir)
        if found is None:
            require_complete(data_dir, profile)
            return data_dir, "raw", profile.synthetic["seed"]
        return data_dir, "synthetic", found
    raw = data_root() / "raw"
    if not synthetic and seed is None and user_files(raw):
        require_complete(raw, profile)
        return raw, "raw", profile.synthetic["seed"]
    directory = data_root() / "synthetic"
    used, written = ensure_synthetic(profile, directory, seed)
    if written:
        log(f"note: wrote synthetic data to {directory} (seed {used})")
    return directory, "synthetic", used
