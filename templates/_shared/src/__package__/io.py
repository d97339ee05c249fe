"""Byte-stable, atomic writers for CSV, JSON and text.

Every artefact goes through these helpers so the same data gives the same bytes on Linux,
macOS and Windows (UTF-8, LF line endings, a fixed float format, a trailing newline), and a
crash or Ctrl-C never leaves a half-written file behind: each file is written to a temporary
name in the same folder and moved into place with ``os.replace`` (atomic on every OS).
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

FLOAT_FORMAT = "%.6f"


def write_bytes(data: bytes, path: Path) -> Path:
    """Write ``data`` to ``path`` atomically, creating parent folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def csv_bytes(df: pd.DataFrame, float_format: str = FLOAT_FORMAT) -> bytes:
    """``df`` as CSV without its index: LF endings, fixed float format, blanks for missing."""
    text = df.to_csv(index=False, lineterminator="\n", float_format=float_format)
    return text.encode("utf-8")


def write_csv(df: pd.DataFrame, path: Path, float_format: str = FLOAT_FORMAT) -> Path:
    return write_bytes(csv_bytes(df, float_format), path)


def write_json(obj: Any, path: Path) -> Path:
    """Sorted, two-space-indented ASCII JSON with a trailing newline."""
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
    return write_bytes(text.encode("utf-8"), path)


def write_text(text: str, path: Path) -> Path:
    return write_bytes(text.encode("utf-8"), path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (what the cross-OS checks compare)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
