"""The ``download`` command: fetch the real competition files with the Kaggle CLI.

The CLI runs in a subprocess (``kaggle_cli``), never imported.

The archive is downloaded and unzipped into a fresh folder beside the target and only then moved
in, so a failed or interrupted download leaves the target as it was, and a file already there with
different bytes (the user's edit, or an older release) is never overwritten without ``--force``.
"""

import filecmp
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from .kaggle_cli import EXIT_NOT_READY, OUTPUT_TAIL_LINES, ready_cli

EXIT_NO_CREDENTIALS = EXIT_NO_CLI = EXIT_NOT_READY
EXIT_RULES_NOT_ACCEPTED = 3
EXIT_WOULD_OVERWRITE = 4
EXIT_FAILED = 1

#: Phrases of a refused download (kaggle 2.2.5 prints "403 Client Error: Forbidden for url: ...";
#: older CLIs "403 - Forbidden - You must accept this competition's rules ...").
FORBIDDEN_MARKERS = ("forbidden", "accept its rules", "accept this competition's rules")


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
    cmd = ready_cli(command, env, home)
    if cmd is None:
        return EXIT_NOT_READY
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
