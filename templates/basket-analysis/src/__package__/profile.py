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
LAYOUTS = ("orders", "transactions")
FORMATS = ("rows", "baskets")
ROW_COLUMNS = ("member", "date", "item")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""

    exit_code = EXIT_PROFILE


@dataclass(frozen=True)
class Profile:
    """``layout`` is ``{"kind": "orders"}`` (Instacart's tables) or a transaction log:
    ``{"kind": "transactions", "format": "rows", "member": ..., "date": ..., "item": ...}`` or
    ``{"kind": "transactions", "format": "baskets", "separator": ","}``."""

    path: Path
    slug: str
    title: str
    files: dict[str, str]
    layout: dict[str, str]
    url: str = ""

    @property
    def kaggle_dataset(self) -> str | None:
        """``owner/name`` when the data is a Kaggle dataset (not a competition), else None."""
        prefix = "https://www.kaggle.com/datasets/"
        return self.url.removeprefix(prefix).strip("/") if self.url.startswith(prefix) else None

    @property
    def transactions_file(self) -> str | None:
        return self.files["transactions"] if self.layout["kind"] == "transactions" else None


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
    layout = _layout(path, doc.get("layout", {"kind": "orders"}))
    for key in FILE_KEYS if layout["kind"] == "orders" else ("transactions",):
        if not isinstance(files.get(key), str) or not files[key]:
            raise ProfileError(f"{path}: files.{key} must name a file in the data folder")
    return Profile(
        path=path,
        slug=slug,
        title=str(doc.get("title", slug)),
        files=dict(files),
        layout=layout,
        url=str(doc.get("url", "")),
    )


def _layout(path: Path, layout: object) -> dict[str, str]:
    if not isinstance(layout, dict) or layout.get("kind") not in LAYOUTS:
        raise ProfileError(f"{path}: layout.kind must be one of {', '.join(LAYOUTS)}")
    if layout["kind"] == "orders":
        return {"kind": "orders"}
    if layout.get("format") not in FORMATS:
        raise ProfileError(f"{path}: layout.format must be one of {', '.join(FORMATS)}")
    if layout["format"] == "baskets":
        return {
            "kind": "transactions",
            "format": "baskets",
            "separator": layout.get("separator", ","),
        }
    for key in ROW_COLUMNS:
        if not isinstance(layout.get(key), str) or not layout[key]:
            raise ProfileError(f"{path}: layout.{key} must name a column of the transaction log")
    out = {"kind": "transactions", "format": "rows", **{k: layout[k] for k in ROW_COLUMNS}}
    if "date_format" in layout:
        out["date_format"] = str(layout["date_format"])
    return out
