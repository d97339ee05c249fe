"""Load ``competition.toml``: the competition's slug and file names, read by every command.

Problems become one-line :class:`ProfileError` messages naming the file and the key (exit code
2), never a ``KeyError`` deep inside training.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

PROFILE_FILE = "competition.toml"
EXIT_PROFILE = 2
ARCHETYPE = "basket-analysis"
FILE_KEYS = ("orders", "prior", "train", "products", "sample_submission")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""

    exit_code = EXIT_PROFILE


@dataclass(frozen=True)
class Profile:
    path: Path
    slug: str
    title: str
    files: dict[str, str]


def default_path() -> Path:
    """``./competition.toml`` when run from the project root, else the one beside the package."""
    here = Path(PROFILE_FILE)
    if here.is_file():
        return here
    return Path(__file__).resolve().parents[2] / PROFILE_FILE


def load_profile(path: Path | None = None) -> Profile:
    path = path or default_path()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProfileError(f"{path}: not found (run from the project root)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc})") from exc
    if doc.get("archetype") != ARCHETYPE:
        raise ProfileError(f"{path}: archetype must be {ARCHETYPE!r}, got {doc.get('archetype')!r}")
    slug = doc.get("slug", "")
    if not isinstance(slug, str):
        raise ProfileError(f"{path}: slug must be a string")
    files = doc.get("files")
    if not isinstance(files, dict):
        raise ProfileError(f"{path}: [files] is missing")
    for key in FILE_KEYS:
        if not isinstance(files.get(key), str) or not files[key]:
            raise ProfileError(f"{path}: files.{key} must name a file in the data folder")
    return Profile(path=path, slug=slug, title=str(doc.get("title", slug)), files=dict(files))
