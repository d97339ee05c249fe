"""Where a run's data is: the attached Kaggle competition, ``data/raw``, or ``data/synthetic``.

Engines share it: a profile here needs only ``files`` (name → file), ``slug`` and
``synthetic["seed"]``, and the engine's ``synth`` package writes and recognises its synthetic set.
"""

from collections.abc import Callable
from pathlib import Path

from .data_folder import require_files, user_files
from .kaggle_env import kaggle_input_dir, working_root
from .profile import Profile


def data_root() -> Path:
    """``data/`` of the project (under ``/kaggle/working`` in a Kaggle notebook)."""
    return working_root() / "data"


def require_complete(directory: Path, profile: Profile) -> None:
    """Stop, naming what is missing, when a real-data folder lacks a file train needs."""
    needed = [profile.files["train"]] + ([profile.files["test"]] if "test" in profile.files else [])
    require_files(directory, needed, profile.files.values())


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
