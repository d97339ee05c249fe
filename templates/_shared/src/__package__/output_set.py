"""A ``train`` run's outputs as one set: written to a staging folder beside ``outputs/``, then
moved in.

A crash or Ctrl-C while the models train leaves the previous set untouched (the staging folder
is removed, or cleared by the next run). Moving the files in is a handful of renames: Ctrl-C and
SIGTERM wait until they end. A harder stop in between (power loss, SIGKILL) leaves a journal that
the next ``train`` or ``predict`` completes first; ``metrics.json``, the file that says a run
finished, is removed first and moved in last, so a half-moved set never looks complete.
"""

import os
import shutil
import signal
import threading
from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path

from .io import read_json, write_json

JOURNAL = ".train-commit.json"
COMPLETION_FILE = "metrics.json"


def staging_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.train-staging"


@contextmanager
def _deferred_signals() -> Generator[None, None, None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    wanted = [getattr(signal, n) for n in names if hasattr(signal, n)]
    pending: list[int] = []
    previous = {s: signal.signal(s, lambda num, _frame: pending.append(num)) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for s in dict.fromkeys(pending):
            signal.raise_signal(s)


def _move_in(stage: Path, out_dir: Path, files: list[str]) -> None:
    for rel in files:
        source = stage / rel
        if source.is_file():  # absent: moved before an interruption
            (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, out_dir / rel)


def finish_interrupted(out_dir: Path, log: Callable[[str], None] = print) -> bool:
    """Complete a move-in a hard stop cut short (see the module docstring); True if one was."""
    journal = out_dir / JOURNAL
    if not journal.is_file():
        return False
    stage = staging_dir(out_dir)
    with _deferred_signals():
        _move_in(stage, out_dir, [str(f) for f in read_json(journal)["files"]])
        journal.unlink()
        shutil.rmtree(stage, ignore_errors=True)
    log(f"note: completed the outputs an interrupted train left half-moved into {out_dir}")
    return True


def _commit(stage: Path, out_dir: Path) -> None:
    files = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
    files.sort(key=lambda rel: rel == COMPLETION_FILE)  # stable: metrics.json last
    with _deferred_signals():
        out_dir.mkdir(parents=True, exist_ok=True)
        write_json({"files": files}, out_dir / JOURNAL)
        (out_dir / COMPLETION_FILE).unlink(missing_ok=True)
        _move_in(stage, out_dir, files)
        (out_dir / JOURNAL).unlink()
        shutil.rmtree(stage)  # only empty folders are left in it


@contextmanager
def staged_outputs(
    out_dir: Path, log: Callable[[str], None] = print
) -> Generator[Path, None, None]:
    """Yield the folder to write the run's outputs to; on success they replace ``out_dir``'s set."""
    finish_interrupted(out_dir, log)
    stage = staging_dir(out_dir)
    if stage.exists():  # an earlier run's, stopped before it moved anything in
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _commit(stage, out_dir)
