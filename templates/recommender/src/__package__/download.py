"""Fetch the competition CSVs with the Kaggle CLI, one file at a time.

Never `import kaggle` here or anywhere at module level: importing it authenticates and can end
the process when no credentials exist. The CLI runs in a subprocess instead, with an argument
list (no shell). Files are requested one by one with `-f`, because the full competition
archive also holds tens of GB of images/ that no baseline needs.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from .constants import COMPETITION_FILES, COMPETITION_SLUG, RULES_URL

EXIT_NO_CREDENTIALS = 2
EXIT_NO_CLI = 2
EXIT_RULES_NOT_ACCEPTED = 3

RULES_MARKERS = ("403", "forbidden", "accept this competition's rules", "accept the rules")

HOW_TO_CONFIGURE = (
    "No Kaggle credentials found. Create a token at https://www.kaggle.com/settings/api "
    "('Generate New Token'), then either export KAGGLE_API_TOKEN=<token> or save it to "
    "~/.kaggle/access_token (legacy: kaggle.json in ~/.kaggle, or KAGGLE_USERNAME + KAGGLE_KEY)."
)
HOW_TO_INSTALL = (
    "The Kaggle CLI is not installed. Run `uv sync --extra kaggle` (then retry), "
    "or install it as a tool: `uv tool install kaggle==2.2.5 --with six`."
)


def _config_dirs(env: Mapping[str, str], home: Path) -> list[Path]:
    """Where the Kaggle CLI looks for kaggle.json, in its own order."""
    if env.get("KAGGLE_CONFIG_DIR"):
        return [Path(env["KAGGLE_CONFIG_DIR"])]
    xdg = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
    return [home / ".kaggle", xdg / "kaggle"]


def find_credentials(env: Mapping[str, str] | None = None, home: Path | None = None) -> str | None:
    """Describe the first credential source the Kaggle CLI would use, or None.

    Returns a variable name or a file path, never the secret itself.
    """
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    if env.get("KAGGLE_API_TOKEN"):
        return "KAGGLE_API_TOKEN"
    if env.get("KAGGLE_USERNAME") and env.get("KAGGLE_KEY"):
        return "KAGGLE_USERNAME + KAGGLE_KEY"
    candidates = [home / ".kaggle" / name for name in ("access_token", "access_token.txt")]
    for folder in _config_dirs(env, home):
        candidates += [folder / "kaggle.json", folder / "access_token"]
    candidates.append(home / ".kaggle" / "credentials.json")  # `kaggle auth login` (OAuth)
    for path in candidates:
        if path.is_file():
            return str(path)
    return None


def kaggle_command() -> list[str] | None:
    """How to run the Kaggle CLI here: the console script, else `python -m kaggle`, else None.

    `find_spec` locates the package without importing (and so without authenticating) it.
    """
    script = shutil.which("kaggle")
    if script:
        return [script]
    if importlib.util.find_spec("kaggle") is not None:
        return [sys.executable, "-m", "kaggle"]
    return None


def _run(command: Sequence[str]) -> tuple[int, str]:
    """Run the CLI, echoing its output as it arrives, and return (exit code, output)."""
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
            print(line, end="", flush=True)
            lines.append(line)
        return proc.wait(), "".join(lines)


def _needs_rules(output: str) -> bool:
    lowered = output.lower()
    return any(marker in lowered for marker in RULES_MARKERS)


def _unzip(archive: Path, out_dir: Path) -> None:
    """Extract a downloaded `<file>.zip` next to it and remove the archive."""
    with zipfile.ZipFile(archive) as zf:
        for member in zf.namelist():
            target = (out_dir / member).resolve()
            if out_dir.resolve() not in target.parents:
                raise ValueError(f"{archive}: refusing to extract {member!r} outside {out_dir}")
        zf.extractall(out_dir)
    archive.unlink()


def download(
    out_dir: Path,
    files: Sequence[str] = COMPETITION_FILES,
    force: bool = False,
    command: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> int:
    """Download `files` of the competition into `out_dir`; returns a process exit code.

    `command` overrides the CLI (tests pass a fake one); `env`/`home` override where
    credentials are looked up.
    """
    source = find_credentials(env, home)
    if source is None:
        print(HOW_TO_CONFIGURE, file=sys.stderr)
        return EXIT_NO_CREDENTIALS
    base = list(command) if command is not None else kaggle_command()
    if base is None:
        print(HOW_TO_INSTALL, file=sys.stderr)
        return EXIT_NO_CLI
    print(f"Kaggle credentials: {source}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in files:
        if (out_dir / name).is_file() and not force:
            print(f"{out_dir / name} exists, skipping (use --force to download again)")
            continue
        args = ["competitions", "download", COMPETITION_SLUG, "-f", name, "-p", str(out_dir)]
        code, output = _run([*base, *args, *(["--force"] if force else [])])
        archive = out_dir / f"{name}.zip"
        if code == 0 and archive.is_file():
            _unzip(archive, out_dir)
        if code != 0 or not (out_dir / name).is_file():
            # Some CLI versions print the HTTP error and still exit 0, so check the file too.
            if _needs_rules(output):
                print(
                    f"Kaggle refused the download: accept the competition rules first.\n"
                    f"Open {RULES_URL}, sign in, click 'Late Submission' or 'I Understand and "
                    f"Accept', then run the download again.",
                    file=sys.stderr,
                )
                return EXIT_RULES_NOT_ACCEPTED
            print(
                f"kaggle exited with code {code}; {out_dir / name} was not saved", file=sys.stderr
            )
            return code or 1
        print(f"saved {out_dir / name}")
    return 0
