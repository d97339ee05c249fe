"""Synthetic data in the profile's exact schema, kept apart from the ML code.

``synth`` writes train, test and sample submission under the profile's file names, plus
``_solution.csv`` (the hidden test labels) and ``_manifest.json`` (seed, generator version,
a hash of the profile and of every file), so the whole pipeline, scoring included, runs
offline. Bytes are identical on every OS for a given profile and seed (see :mod:`.stable`).
"""

import hashlib
import zipfile
from io import BytesIO
from pathlib import Path

from ..io import csv_bytes, read_json, sha256_file, write_bytes, write_json
from ..profile import Profile
from .tables import SOLUTION_FILE, generate

__all__ = ["SOLUTION_FILE", "ensure_synthetic", "generate", "synthetic_seed", "write_synthetic"]

#: Bump when the generator's output for a given profile and seed changes.
GENERATOR_VERSION = 2
MANIFEST_FILE = "_manifest.json"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed member dates keep zipped files byte-identical


def profile_digest(profile: Profile) -> str:
    return hashlib.sha256(profile.path.read_bytes()).hexdigest()


def _encode(name: str, data: bytes) -> bytes:
    lowered = name.lower()
    if lowered.endswith(".parquet"):
        raise ValueError(f"{name}: synthetic parquet is not supported; name a .csv file")
    if not lowered.endswith(".zip"):
        return data
    member = name[:-4] if lowered.endswith(".csv.zip") else f"{name[:-4]}.csv"
    path_info = zipfile.ZipInfo(member, date_time=ZIP_DATE)
    path_info.compress_type = zipfile.ZIP_STORED
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(path_info, data)
    return buffer.getvalue()


def write_synthetic(profile: Profile, out_dir: Path, seed: int) -> list[Path]:
    """Write the synthetic competition to ``out_dir``; the manifest is written last."""
    paths = []
    for name, frame in generate(profile, seed).items():
        paths.append(write_bytes(_encode(name, csv_bytes(frame)), out_dir / name))
    manifest = {
        "files": {p.name: sha256_file(p) for p in paths},
        "generator_version": GENERATOR_VERSION,
        "profile_sha256": profile_digest(profile),
        "seed": seed,
        "slug": profile.slug,
    }
    paths.append(write_json(manifest, out_dir / MANIFEST_FILE))
    return paths


def synthetic_seed(profile: Profile, directory: Path) -> int | None:
    """Seed of intact synthetic data for this profile in ``directory``, else None."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        return None
    manifest = read_json(path)
    if manifest.get("generator_version") != GENERATOR_VERSION:
        return None
    if manifest.get("profile_sha256") != profile_digest(profile):
        return None
    for name, digest in manifest.get("files", {}).items():
        if not (directory / name).is_file() or sha256_file(directory / name) != digest:
            return None
    return int(manifest["seed"])


def ensure_synthetic(profile: Profile, directory: Path, seed: int | None) -> tuple[int, bool]:
    """Make ``directory`` hold intact synthetic data for ``seed`` (None: what is there, else
    the profile's seed). Returns the seed and whether files were (re)written."""
    existing = synthetic_seed(profile, directory)
    wanted = (
        seed
        if seed is not None
        else (existing if existing is not None else profile.synthetic["seed"])
    )
    if existing == wanted:
        return wanted, False
    write_synthetic(profile, directory, wanted)
    return wanted, True
