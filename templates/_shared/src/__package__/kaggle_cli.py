"""Finding the Kaggle CLI and its credentials, without importing the ``kaggle`` package.

Importing ``kaggle`` authenticates (and older versions exit the process when no credentials
exist), so ``download`` and ``submit`` run the CLI in a subprocess with an argument list (no
shell), after a local check that some credential source exists: a missing token gives a
one-line hint instead of a page of Kaggle's help text.
"""

import importlib.util
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

EXIT_NOT_READY = 2  # no credentials, or no CLI
OUTPUT_TAIL_LINES = 15  # of the CLI's output shown on failure (tracebacks can be long)
CREDENTIALS_HELP = (
    "no Kaggle credentials found: create a token at https://www.kaggle.com/settings/api "
    '("Generate New Token") and export KAGGLE_API_TOKEN=<token> or save it to '
    "~/.kaggle/access_token (legacy: KAGGLE_USERNAME + KAGGLE_KEY, or ~/.kaggle/kaggle.json)"
)
CLI_HELP = (
    "the Kaggle CLI is not installed: run `uv sync --extra kaggle` "
    "(or `uv tool install kaggle==2.2.5`) and try again"
)


def config_dirs(env: Mapping[str, str], home: Path) -> list[Path]:
    """Folders the Kaggle CLI reads credential files from, in its lookup order."""
    dirs = []
    if env.get("KAGGLE_CONFIG_DIR"):
        dirs.append(Path(env["KAGGLE_CONFIG_DIR"]))
    dirs.append(home / ".kaggle")
    xdg = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
    dirs.append(xdg / "kaggle")
    return dirs


def find_credentials(env: Mapping[str, str] | None = None, home: Path | None = None) -> str | None:
    """Name the first credential source found (never its value), or None when there is none.

    Mirrors kaggle 2.2.5: ``KAGGLE_API_TOKEN``, an ``access_token`` file, ``KAGGLE_USERNAME``
    + ``KAGGLE_KEY``, ``kaggle.json``, or cached OAuth ``credentials.json``.
    """
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    if env.get("KAGGLE_API_TOKEN"):
        return "KAGGLE_API_TOKEN"
    if env.get("KAGGLE_USERNAME") and env.get("KAGGLE_KEY"):
        return "KAGGLE_USERNAME/KAGGLE_KEY"
    for folder in config_dirs(env, home):
        for name in ("access_token", "access_token.txt", "kaggle.json", "credentials.json"):
            if (folder / name).is_file():
                return str(folder / name)
    return None


def kaggle_command() -> list[str] | None:
    """How to run the Kaggle CLI: the console script on PATH, else ``python -m kaggle``.

    ``find_spec("kaggle")`` locates the package without importing (hence without
    authenticating); kaggle 2.2.5 ships ``kaggle/__main__.py`` so ``-m kaggle`` works.
    """
    script = shutil.which("kaggle")
    if script:
        return [script]
    if importlib.util.find_spec("kaggle") is not None:
        return [sys.executable, "-m", "kaggle"]
    return None


def ready_cli(
    command: Sequence[str] | None, env: dict[str, str], home: Path | None
) -> list[str] | None:
    """The CLI argv when credentials and the CLI exist (``env`` gains UTF-8 settings); else
    print the one-line hint and return None (the caller exits with ``EXIT_NOT_READY``)."""
    if find_credentials(env, home) is None:
        print(f"error: {CREDENTIALS_HELP}", file=sys.stderr)
        return None
    cmd = list(command) if command is not None else kaggle_command()
    if cmd is None:
        print(f"error: {CLI_HELP}", file=sys.stderr)
        return None
    env.update({"PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"})
    return cmd
