"""Download the real data with the Kaggle CLI, run as a subprocess.

Why a subprocess and not ``import kaggle``: the package authenticates when imported (older
releases exit the interpreter without credentials) and the CLI removes ``KAGGLE_API_TOKEN`` from
its own environment. Nothing in this project imports ``kaggle``; a test checks that.

The competition comes first; if it fails (rules not accepted, or the page unreachable, as
reported since 2025) the public mirror ``psparks/instacart-market-basket-analysis`` is tried. It
has the six data CSVs but no ``sample_submission.csv``, which nothing here needs.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from . import config as cfg
from .data import has_files, locate

TOKEN_HELP = (
    "no Kaggle credentials found: create a token at https://www.kaggle.com/settings/api "
    '("Generate New Token"), then `export KAGGLE_API_TOKEN=<token>` or save it in '
    "~/.kaggle/access_token (legacy: ~/.kaggle/kaggle.json, chmod 600); never inside this project"
)
CLI_HELP = (
    "the Kaggle CLI is not installed: run `uv sync --extra kaggle` "
    "(or `uv tool install kaggle==2.2.5`) and retry"
)
_FORBIDDEN = re.compile(r"\b403\b|forbidden|accept (this|the) competition'?s? rules", re.IGNORECASE)
_CREDENTIAL_FILES = ("access_token", "access_token.txt", "kaggle.json", "credentials.json")


def find_credentials(
    environ: Mapping[str, str] | None = None, home: Path | None = None
) -> str | None:
    """Where Kaggle credentials would come from (a variable name or file path), or None.

    Never returns or prints the secret itself. Checked in the CLI's order: access token
    variable, legacy username/key variables, then token or key files in ``$KAGGLE_CONFIG_DIR``,
    ``~/.kaggle`` and ``$XDG_CONFIG_HOME/kaggle`` (default ``~/.config/kaggle``).
    """
    env = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if env.get("KAGGLE_API_TOKEN"):
        return "KAGGLE_API_TOKEN"
    if env.get("KAGGLE_USERNAME") and env.get("KAGGLE_KEY"):
        return "KAGGLE_USERNAME/KAGGLE_KEY"
    folders = [home / ".kaggle", Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "kaggle"]
    if env.get("KAGGLE_CONFIG_DIR"):
        folders.insert(0, Path(env["KAGGLE_CONFIG_DIR"]))
    for folder in folders:
        for name in _CREDENTIAL_FILES:
            if (folder / name).is_file():
                return str(folder / name)
    return None


def kaggle_command() -> list[str] | None:
    """The Kaggle CLI as an argument list: console script on PATH, else ``python -m kaggle``.

    ``find_spec`` locates the package without importing (and so without authenticating) it.
    """
    exe = shutil.which("kaggle")
    if exe:
        return [exe]
    if importlib.util.find_spec("kaggle") is not None:
        return [sys.executable, "-m", "kaggle"]
    return None


def is_forbidden(output: str) -> bool:
    """True when the CLI output says the competition rules have not been accepted (HTTP 403)."""
    return bool(_FORBIDDEN.search(output))


def _run(command: Sequence[str], log: Callable[[str], None]) -> tuple[int, str]:
    """Run without a shell, echo the output as it arrives and return (exit code, output)."""
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    with subprocess.Popen(
        list(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
    ) as proc:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            log(line.rstrip("\n"))
        code = proc.wait()
    return code, "".join(lines)


def extract_archives(folder: Path) -> list[Path]:
    """Unpack downloaded archives into ``folder`` (flattened), then delete them.

    Kaggle's single-file archives (``orders.csv.zip``) are left as they are: the loaders read
    them directly. Members are written by base name only, so no path can escape ``folder``.
    """
    written = []
    for archive in sorted(folder.glob("*.zip")):
        if archive.name.endswith(".csv.zip"):
            continue
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                name = Path(member.filename.replace("\\", "/")).name
                if member.is_dir() or not name or name.startswith("."):
                    continue
                target = folder / name
                with zf.open(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                written.append(target)
        archive.unlink()
    return written


def _complete(folder: Path, files: Sequence[str] | None) -> bool:
    return all(locate(folder, f) for f in files) if files else has_files(folder)


def _fetch(base: list[str], kind: str, ref: str, out_dir: Path, files, log) -> tuple[bool, str]:
    """One competition or dataset download (per file with ``-f``); returns (complete, output)."""
    outputs = []
    for name in files or [None]:
        args = [*base, kind, "download", ref, "-p", str(out_dir)]
        if name:
            args += ["-f", name]
        code, output = _run(args, log)
        outputs.append(output)
        if code != 0:
            return False, "".join(outputs)
    extract_archives(out_dir)
    return _complete(out_dir, files), "".join(outputs)


def download(
    out_dir: Path = cfg.RAW_DIR,
    files: Sequence[str] | None = None,
    command: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
    log: Callable[[str], None] = print,
) -> int:
    """Exit code: 0 done, 1 failed, 2 no credentials or CLI, 3 competition rules not accepted."""
    if find_credentials(environ, home) is None:
        log(TOKEN_HELP)
        return 2
    base = list(command) if command is not None else kaggle_command()
    if base is None:
        log(CLI_HELP)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)

    log(f"downloading competition {cfg.COMPETITION} into {out_dir}")
    ok, output = _fetch(base, "competitions", cfg.COMPETITION, out_dir, files, log)
    if ok:
        log(f"done: files are in {out_dir}")
        return 0
    forbidden = is_forbidden(output)
    if forbidden:
        log(
            "Kaggle refused the competition download (403): accept the rules first.\n"
            f"  1. open {cfg.RULES_URL} signed in as the account of your token\n"
            '  2. click "I Understand and Accept" (closed competitions: "Late Submission" first)\n'
            "  3. run download again"
        )
    log(f"trying the dataset mirror {cfg.DATASET_MIRROR}")
    mirror_files = [f for f in files or [] if f != cfg.SAMPLE_SUBMISSION] or None
    if files and mirror_files is None:
        log(f"the mirror has no {cfg.SAMPLE_SUBMISSION}")
        return 3 if forbidden else 1
    ok, _ = _fetch(base, "datasets", cfg.DATASET_MIRROR, out_dir, mirror_files, log)
    if ok:
        log(f"done: files are in {out_dir} (mirror: no {cfg.SAMPLE_SUBMISSION}; not needed)")
        return 0
    log("download failed: see the Kaggle CLI output above")
    return 3 if forbidden else 1
