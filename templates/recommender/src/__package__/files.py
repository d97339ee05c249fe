"""Byte-stable writers: the same data gives the same file bytes on Linux, macOS and Windows.

pandas writes `os.linesep` (CRLF on Windows) and `repr`-style floats unless told otherwise, and
`json.dumps` keeps full float precision; both would make file hashes differ between machines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

FLOAT_FORMAT = "%.6f"


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write `df` as UTF-8 CSV with LF line endings and six-decimal floats (no index)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT, encoding="utf-8")
    return path


def _round_floats(value: Any) -> Any:
    """Round every float in a nested structure to 6 decimals so the JSON text is stable."""
    if isinstance(value, dict):
        return {str(k): _round_floats(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_round_floats(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def write_json(data: dict[str, Any], path: Path) -> Path:
    """Write `data` with sorted keys, two-space indent, 6-decimal floats, LF and a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_round_floats(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_bytes(text.encode("utf-8"))
    return path
