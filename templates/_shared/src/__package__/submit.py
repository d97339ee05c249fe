"""The ``submit`` command: send a run's submission to Kaggle with the Kaggle CLI.

A submission made from synthetic data would be accepted by Kaggle only if its ids matched the
real test set, and it would mean nothing: ``submit`` reads the run's ``metrics.json`` and
refuses unless the run trained on the real data. The message sent with a real submission names
the run, the git commit and the CV score, so the leaderboard can be traced back to code. The
Kaggle CLI runs in a subprocess (as in ``download``), never imported.
"""

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .kaggle_cli import EXIT_NOT_READY, OUTPUT_TAIL_LINES, ready_cli

EXIT_FAILED = 1
EXIT_NO_CREDENTIALS = EXIT_NOT_READY
EXIT_SYNTHETIC = 5
RECORD_FILE = "submission-record.json"


@dataclass(frozen=True)
class RunFacts:
    """What the message says about the run that made the submission."""

    run_id: str
    dataset: str
    metric: str
    cv_score: float | None


def run_facts(metrics_path: Path, model: str) -> RunFacts:
    """Read a run's ``metrics.json``; the run id is the start of its hash (stable, unique)."""
    if not metrics_path.is_file():
        raise FileNotFoundError(f"{metrics_path} not found: run `train` first")
    raw = metrics_path.read_bytes()
    doc = json.loads(raw)
    score = doc.get("models", {}).get(model, {}).get(doc.get("metric"))
    return RunFacts(
        run_id=hashlib.sha256(raw).hexdigest()[:12],
        dataset=str(doc.get("dataset")),
        metric=str(doc.get("metric")),
        cv_score=None if score is None else float(score),
    )


def git_state(cwd: Path) -> str:
    """``<commit>`` or ``<commit>-dirty``, or ``no-git`` when git or a repository is missing."""
    git = shutil.which("git")
    if git is None:
        return "no-git"
    head = subprocess.run(
        [git, "rev-parse", "--short=12", "HEAD"], cwd=cwd, capture_output=True, text=True
    )
    if head.returncode != 0:
        return "no-git"
    status = subprocess.run(
        [git, "status", "--porcelain", "--untracked-files=no"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    dirty = status.returncode != 0 or bool(status.stdout.strip())
    return head.stdout.strip() + ("-dirty" if dirty else "")


def submission_message(facts: RunFacts, model: str, commit: str) -> str:
    score = "n/a" if facts.cv_score is None else f"{facts.cv_score:.6f}"
    return f"run {facts.run_id} | {model} CV {facts.metric} {score} | commit {commit}"


def latest_status(cmd: Sequence[str], slug: str, env: Mapping[str, str]) -> dict[str, str]:
    """The newest row of ``kaggle competitions submissions`` (status, scores), when it answers."""
    proc = subprocess.run(
        [*cmd, "competitions", "submissions", slug, "--csv"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=dict(env),
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0 or len(lines) < 2:
        return {}
    rows = list(csv.DictReader(lines))
    keep = ("fileName", "date", "description", "status", "publicScore", "privateScore")
    return {k: rows[0][k] for k in keep if rows and rows[0].get(k) not in (None, "")}


def submit(
    slug: str | None,
    out_dir: Path,
    model: str,
    command: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> int:
    """Submit ``out_dir/submission.csv`` of a real-data run; return a process exit code."""
    if not slug:
        print(
            "error: competition.toml has no Kaggle slug (own data): nothing to submit",
            file=sys.stderr,
        )
        return EXIT_FAILED
    submission = out_dir / "submission.csv"
    if not submission.is_file():
        print(f"error: {submission} not found: run `train` first", file=sys.stderr)
        return EXIT_FAILED
    facts = run_facts(out_dir / "metrics.json", model)
    if facts.dataset != "raw":
        print(
            f"error: {submission} was made from {facts.dataset} data (run {facts.run_id}); "
            "Kaggle would score it against the real test set. Put the competition files in "
            "data/raw (or pass --data-dir), run `train`, then `submit`.",
            file=sys.stderr,
        )
        return EXIT_SYNTHETIC
    env = dict(os.environ if env is None else env)
    cmd = ready_cli(command, env, home)
    if cmd is None:
        return EXIT_NOT_READY
    message = submission_message(facts, model, git_state(out_dir.resolve().parent))
    proc = subprocess.run(
        [*cmd, "competitions", "submit", slug, "-f", str(submission), "-m", message],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
    )
    output = f"{proc.stdout}\n{proc.stderr}".strip()
    if proc.returncode != 0:
        print("\n".join(output.splitlines()[-OUTPUT_TAIL_LINES:]), file=sys.stderr)
        print(f"error: the Kaggle CLI exited with code {proc.returncode}", file=sys.stderr)
        return EXIT_FAILED
    leaderboard = latest_status(cmd, slug, env)
    record = {"leaderboard": leaderboard, "message": message, "run_id": facts.run_id}
    from .io import write_json

    write_json(record, out_dir / RECORD_FILE)
    status = record["leaderboard"].get("status", "not reported yet")
    print(f"submitted {submission} to {slug}: {message} (status: {status})")
    return 0
