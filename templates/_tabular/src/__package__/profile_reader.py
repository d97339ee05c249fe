"""Reading ``competition.toml``: where it is, its TOML, and typed access to its tables.

Shared by every engine's ``profile`` module, so each one only states its own tables; a problem
becomes one :class:`ProfileError` line naming the file and the key (exit code 2).
"""

import tomllib
from pathlib import Path
from typing import Any

PROFILE_FILE = "competition.toml"
EXIT_PROFILE = 2
NUMBER = (int, float)
SCALAR = (int, float, str, bool)


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""

    exit_code = EXIT_PROFILE


class Reader:
    """Typed access to one TOML table, with errors naming ``file: key``."""

    def __init__(self, path: Path, table: dict[str, Any], prefix: str) -> None:
        self.path, self.table, self.prefix = path, table, prefix

    def fail(self, key: str, problem: str) -> ProfileError:
        where = f"{self.prefix}.{key}" if self.prefix else key
        return ProfileError(f"{self.path}: {where}: {problem}")

    def only(self, allowed: tuple[str, ...]) -> None:
        for key in self.table:
            if key not in allowed:
                raise self.fail(key, f"unknown key (allowed: {', '.join(allowed)})")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., choices=None) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, "missing")
            return default
        value = self.table[key]
        # bool is an int in Python: never accept true for a number or 1 for a flag.
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
            raise self.fail(key, f"expected {_kind_name(kind)}, got {value!r}")
        if choices is not None and value not in choices:
            raise self.fail(key, f"{value!r} is not one of {', '.join(map(str, choices))}")
        return value

    def sub(self, key: str, required: bool = True) -> "Reader":
        table = self.get(key, dict, default=... if required else {})
        return Reader(self.path, table, f"{self.prefix}.{key}" if self.prefix else key)

    def names(self, key: str, default: Any = ..., empty: bool = False) -> tuple[str, ...]:
        value = self.get(key, (list, str), default)
        items = [value] if isinstance(value, str) else list(value)
        if (not items and not empty) or not all(isinstance(v, str) and v for v in items):
            what = "a list" if empty else "a non-empty list"
            raise self.fail(key, f"expected {what} of column names")
        return tuple(items)


HEADER = ("schema_version", "archetype", "slug", "title", "url")


def read_header(root: Reader, archetypes: tuple[str, ...], tables: tuple[str, ...]) -> dict:
    """The keys every profile starts with (``archetype``, ``slug``, ``title``, ``url``), checked,
    after checking that only ``tables`` follow them."""
    root.only(HEADER + tables)
    if root.get("schema_version", int) != 1:
        raise root.fail("schema_version", "only version 1 is supported")
    return {
        "archetype": root.get("archetype", str, choices=archetypes),
        "slug": root.get("slug", str),
        "title": root.get("title", str, default=""),
        "url": root.get("url", str, default=""),
    }


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {dict: "a table", list: "a list", str: "a string", int: "an integer"}
    names |= {float: "a number", bool: "true or false"}
    return " or ".join(names.get(k, k.__name__) for k in _kinds(kind))


def default_profile_path() -> Path:
    """``./competition.toml`` when the current folder has one, else the project's own."""
    here = Path.cwd() / PROFILE_FILE
    if here.is_file():
        return here
    return Path(__file__).resolve().parents[2] / PROFILE_FILE


def read_profile(path: Path | None = None) -> tuple[dict[str, Any], Path]:
    """The parsed TOML at ``path`` (default: :func:`default_profile_path`), and that path."""
    path = default_profile_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(
            f"{path}: not found (every project keeps its competition.toml)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot be read: {exc}") from None
    try:
        return tomllib.loads(text), path
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
