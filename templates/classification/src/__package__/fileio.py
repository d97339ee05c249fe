"""Byte-stable writers for CSV and JSON.

Every artefact goes through these helpers so the same data gives the same bytes on Linux,
macOS and Windows: UTF-8, LF line endings (pandas would otherwise use ``os.linesep``), a
fixed float format and a trailing newline.
"""

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from .constants import FLOAT_FORMAT


def write_csv(df: pd.DataFrame, path: Path, float_format: str = FLOAT_FORMAT) -> Path:
    """Write ``df`` without its index, creating parent folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", float_format=float_format, encoding="utf-8")
    return path


def write_json(obj: Any, path: Path) -> Path:
    """Write ``obj`` as sorted, two-space-indented JSON with a trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
    path.write_bytes(text.encode("utf-8"))
    return path


def read_json(path: Path) -> Any:
    """Read a JSON file written by :func:`write_json`."""
    return json.loads(path.read_text(encoding="utf-8"))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (what the cross-OS checks compare)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
