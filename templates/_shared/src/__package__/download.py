"""The ``download`` command: fetch the real competition files with the Kaggle CLI.

The ``kaggle`` package is never imported here: importing it authenticates (and on older
versions exits the process when no credentials exist). The CLI runs in a subprocess with an
argument list (no shell), after a local check that some credential source exists, so a
missing token gives a one-line hint instead of a page of Kaggle's help text.

The archive is downloaded and unzipped into a fresh folder beside the target and only then moved
in, so a failed or interrupted download leaves the target as it was, and a file already there with
different bytes (the user's edit, or an older release) is never overwritten without ``--force``.
"""

import filecmp
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

EXIT_NO_CREDENTIALS = 2
EXIT_NO_CLI = 2
EXIT_RULES_NOT_ACCEPTED = 3
EXIT_WOULD_OVERWRITE = 4
EXIT_FAILED = 1

OUTPUT_TAIL_LINES = 15  # of the CLI's output shown on failure (tracebacks can be long)
#: Phrases of a refused download (kaggle 2.2.5 prints "403 Client Error: Forbidden for url: ...";
#: older CLIs "403 - Forbidden - You must accept this competition's rules ...").
FORBIDDEN_MARKERS = ("forbidden", "accept its rules", "accept this competition's rules")

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


def is_forbidden(output: str) -> bool:
    """True when a failed CLI run says access was refused (rules not accepted).

    Only consulted after a failure, so a progress line such as "403kB/s" cannot trigger it.
    """
    lowered = output.lower()
    return any(marker in lowered for marker in FORBIDDEN_MARKERS)


def extract_archive(archive: Path, dest: Path) -> list[Path]:
    """Unzip ``archive`` into ``dest`` (refusing entries that would escape it), then delete it."""
    root = dest.resolve()
    with zipfile.ZipFile(archive) as zf:
        members = zf.namelist()
        for member in members:
            if not (dest / member).resolve().is_relative_to(root):
                raise ValueError(f"{archive}: refusing to extract {member!r} outside {dest}")
        zf.extractall(dest)
    archive.unlink()
    return [dest / m for m in members if not m.endswith("/")]


def rules_url(slug: str) -> str:
    return f"https://www.kaggle.com/competitions/{slug}/rules"


def conflicting_files(staged: Sequence[Path], stage_dir: Path, raw_dir: Path) -> list[str]:
    """Files of the download that exist in ``raw_dir`` with different bytes (relative names)."""
    conflicts = []
    for path in staged:
        rel = path.relative_to(stage_dir)
        existing = raw_dir / rel
        if existing.exists() and not (
            existing.is_file() and filecmp.cmp(existing, path, shallow=False)
        ):
            conflicts.append(rel.as_posix())
    return sorted(conflicts)


def move_into(staged: Sequence[Path], stage_dir: Path, raw_dir: Path) -> None:
    """Move the staged files into ``raw_dir`` (``os.replace``: each file lands whole)."""
    for path in staged:
        target = raw_dir / path.relative_to(stage_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


def download(
    slug: str | None,
    raw_dir: Path,
    command: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    force: bool = False,
    files: Sequence[str] = (),
) -> int:
    """Download and unzip competition ``slug`` into ``raw_dir``; return a process exit code.

    ``files`` fetches only those files (one ``-f`` request each) instead of the whole archive:
    some competitions (H&M) ship tens of GB of images no baseline reads.
    """
    if not slug:
        print(
            "error: competition.toml has no Kaggle slug (own data): nothing to download",
            file=sys.stderr,
        )
        return EXIT_FAILED
    env = dict(os.environ if env is None else env)
    if find_credentials(env, home) is None:
        print(f"error: {CREDENTIALS_HELP}", file=sys.stderr)
        return EXIT_NO_CREDENTIALS
    cmd = list(command) if command is not None else kaggle_command()
    if cmd is None:
        print(f"error: {CLI_HELP}", file=sys.stderr)
        return EXIT_NO_CLI

    raw_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".download-", dir=raw_dir.parent) as tmp:
        stage_dir = Path(tmp)
        return _download_staged(slug, raw_dir, stage_dir, cmd, env, force, tuple(files))


def _fetch(
    slug: str, stage_dir: Path, cmd: list[str], env: dict[str, str], name: str | None
) -> tuple[int, str, list[Path]]:
    """One CLI request (the whole archive, or file ``name``); returns (code, output, files)."""
    only = [] if name is None else ["-f", name]
    args = [*cmd, "competitions", "download", slug, *only, "-p", str(stage_dir), "--force"]
    proc = subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env
    )
    output = f"{proc.stdout}\n{proc.stderr}".strip()
    archive = stage_dir / f"{slug if name is None else name}.zip"
    if proc.returncode != 0:
        return proc.returncode, output, []
    if archive.is_file():
        return 0, output, extract_archive(archive, stage_dir)
    if name is not None and (stage_dir / name).is_file():
        return 0, output, [stage_dir / name]
    return EXIT_FAILED, output, []


def _install(slug: str, files: list[Path], stage_dir: Path, raw_dir: Path, force: bool) -> int:
    """Move the staged download into ``raw_dir`` unless it would replace a different file."""
    conflicts = [] if force else conflicting_files(files, stage_dir, raw_dir)
    if conflicts:
        print(
            f"error: {raw_dir} already has different {', '.join(conflicts)}: "
            "nothing was changed (move them away, or run `download --force` to replace them)",
            file=sys.stderr,
        )
        return EXIT_WOULD_OVERWRITE
    move_into(files, stage_dir, raw_dir)
    names = ", ".join(sorted(p.relative_to(stage_dir).as_posix() for p in files))
    print(f"downloaded {slug} to {raw_dir}: {names}")
    return 0


def _download_staged(
    slug: str,
    raw_dir: Path,
    stage_dir: Path,
    cmd: list[str],
    env: dict[str, str],
    force: bool,
    names: tuple[str, ...],
) -> int:
    env.update({"PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"})
    files: list[Path] = []
    for name in names or (None,):
        code, output, fetched = _fetch(slug, stage_dir, cmd, env, name)
        if not fetched:
            break
        files += fetched
    if fetched:
        return _install(slug, files, stage_dir, raw_dir, force)
    if is_forbidden(output):
        print(
            f"error: Kaggle refused the download (403): accept the competition rules at\n"
            f"  {rules_url(slug)}\n"
            "(sign in, open the page, press 'I Understand and Accept' or 'Join Competition'; "
            "for closed competitions use 'Late Submission'), then run `download` again.",
            file=sys.stderr,
        )
        return EXIT_RULES_NOT_ACCEPTED
    tail = "\n".join(output.splitlines()[-OUTPUT_TAIL_LINES:])
    print(tail, file=sys.stderr)
    print(
        f"error: the Kaggle CLI exited with code {code} and wrote no {name or slug + '.zip'}",
        file=sys.stderr,
    )
    return EXIT_FAILED
