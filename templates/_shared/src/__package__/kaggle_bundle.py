"""The ``kaggle-bundle`` command: everything a notebook without internet needs, from ``uv.lock``.

Competitions that score notebooks often forbid internet access, so ``pip install`` from a
registry is impossible there. The bundle holds the project as a wheel, a wheelhouse of the
exact locked versions built for Kaggle's platform (Linux x86_64, CPython 3.12), an inference
script that installs from the wheelhouse only and writes ``/kaggle/working/submission.csv``,
and the metadata the Kaggle CLI needs to upload the wheelhouse as a dataset and the script as
a kernel. The plan (commands and metadata) is computed without running anything, so it is
testable offline; ``uv`` runs in subprocesses with argument lists.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .io import read_json, write_json, write_text

EXIT_FAILED = 1
#: Same meaning as ``download``'s 4: the command would replace files it did not create.
EXIT_WOULD_OVERWRITE = 4
KAGGLE_PYTHON = "3.12"
#: Kaggle's image has glibc >= 2.28; newer wheels (lightgbm 4.x) are tagged manylinux_2_28 only.
KAGGLE_PLATFORMS = ("manylinux_2_28_x86_64", "manylinux2014_x86_64", "manylinux1_x86_64")
MANIFEST = "bundle-manifest.json"
WHEELS = "wheels"
USER_PLACEHOLDER = "your-kaggle-username"


@dataclass(frozen=True)
class BundlePlan:
    """What ``kaggle-bundle`` will write, and the commands that produce the wheels."""

    out_dir: Path
    dist_name: str
    import_name: str
    slug: str
    user: str
    commands: tuple[tuple[str, ...], ...]

    @property
    def dataset_slug(self) -> str:
        return f"{self.slug}-offline-wheels"[:50]

    @property
    def kernel_slug(self) -> str:
        return f"{self.slug}-offline-inference"[:50]


def python_allowed(requires_python: str, version: str = KAGGLE_PYTHON) -> bool:
    """Whether ``version`` (major.minor) meets ``>=``/``<``/``<=``/``==`` clauses of the lock."""
    want = tuple(int(p) for p in version.split("."))
    for clause in requires_python.split(","):
        match = re.fullmatch(r"\s*(>=|<=|<|>|==)\s*(\d+(?:\.\d+)*)(?:\.\*)?\s*", clause)
        if match is None:
            raise ValueError(f"cannot read requires-python clause {clause!r} in uv.lock")
        op, bound = match.group(1), tuple(int(p) for p in match.group(2).split("."))[:2]
        ok = {
            ">=": want >= bound,
            ">": want > bound,
            "<": want < bound,
            "<=": want <= bound,
            "==": want == bound,
        }[op]
        if not ok:
            return False
    return True


def check_lock(project_dir: Path) -> None:
    """Refuse a missing lock or one whose ``requires-python`` excludes Kaggle's Python."""
    lock = project_dir / "uv.lock"
    if not lock.is_file():
        raise FileNotFoundError(f"{lock} not found: run `uv lock` in the project first")
    spec = tomllib.loads(lock.read_text(encoding="utf-8")).get("requires-python", "")
    if spec and not python_allowed(spec, KAGGLE_PYTHON):
        raise ValueError(
            f"uv.lock requires Python {spec}, which excludes Kaggle's CPython {KAGGLE_PYTHON}: "
            "widen requires-python in pyproject.toml and run `uv lock`"
        )


def plan_bundle(
    project_dir: Path, out_dir: Path, slug: str, user: str, uv: str = "uv"
) -> BundlePlan:
    """The commands and names of a bundle (runs nothing)."""
    project = tomllib.loads((project_dir / "pyproject.toml").read_text(encoding="utf-8"))
    dist_name = project["project"]["name"]
    wheels = out_dir / WHEELS
    requirements = out_dir / "requirements.txt"
    commands = (
        (uv, "build", "--wheel", "--out-dir", str(wheels), str(project_dir)),
        (
            uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes",
            "--project", str(project_dir), "--output-file", str(requirements),
        ),
        # The export is the full locked closure, so --no-deps: nothing is resolved again.
        (
            uv, "tool", "run", "pip", "download", "--no-deps", "--only-binary=:all:",
            *(arg for tag in KAGGLE_PLATFORMS for arg in ("--platform", tag)),
            "--python-version", KAGGLE_PYTHON,
            "--implementation", "cp", "--dest", str(wheels), "--requirement", str(requirements),
        ),
    )  # fmt: skip
    return BundlePlan(out_dir, dist_name, __package__ or dist_name, slug, user, commands)


def dataset_metadata(plan: BundlePlan) -> dict:
    """``dataset-metadata.json`` for ``kaggle datasets create -p <out> --dir-mode zip``."""
    return {
        "id": f"{plan.user}/{plan.dataset_slug}",
        "licenses": [{"name": "other"}],
        "title": f"{plan.dist_name} offline wheels"[:50],
    }


def kernel_metadata(plan: BundlePlan) -> dict:
    """``kernel-metadata.json``: internet off stated explicitly, the image of the upload date."""
    return {
        "code_file": "inference.py",
        "competition_sources": [plan.slug],
        "dataset_sources": [f"{plan.user}/{plan.dataset_slug}"],
        "docker_image_pinning_type": "original",
        "enable_gpu": False,
        "enable_internet": False,
        "id": f"{plan.user}/{plan.kernel_slug}",
        "is_private": True,
        "kernel_sources": [],
        "kernel_type": "script",
        "language": "python",
        "title": f"{plan.slug} offline inference"[:50],
    }


INFERENCE = '''"""Offline inference for {slug}: install from the attached wheelhouse, train, submit.

Written by `{import_name} kaggle-bundle`. Runs in a Kaggle notebook without internet: pip reads
only the wheels folder of the attached dataset, then the project trains on the competition
files under /kaggle/input and writes /kaggle/working/submission.csv.
"""

import subprocess
import sys
from pathlib import Path

WHEEL = "{wheel_prefix}"


def wheelhouse(root: Path = Path("/kaggle/input")) -> Path:
    for wheel in sorted(root.rglob(WHEEL + "-*.whl")):
        return wheel.parent
    raise SystemExit(f"no {{WHEEL}} wheel under {{root}}: attach the bundle's dataset")


def main() -> int:
    wheels = wheelhouse()
    pip = [sys.executable, "-m", "pip", "install", "--no-index", "--find-links", str(wheels)]
    subprocess.run([*pip, "{dist_name}"], check=True)
    out = Path("/kaggle/working/outputs")
    # An installed wheel has no project folder: the profile travels beside the wheels.
    profile = wheels.parent / "competition.toml"
    train = [sys.executable, "-m", "{import_name}", "train", "--profile", str(profile)]
    train += ["--out", str(out)]
    return subprocess.run(train).returncode


if __name__ == "__main__":
    raise SystemExit(main())
'''

README = """# Offline Kaggle bundle for {dist_name}

Written by `{import_name} kaggle-bundle` from `uv.lock`.

- `wheels/`: the project's wheel and the exact locked versions for Linux x86_64, CPython {py}.
- `competition.toml`: the profile (an installed wheel has no project folder).
- `inference.py`: installs from `wheels/` only (pip's `--no-index`), trains on the
  competition files and writes `/kaggle/working/submission.csv`.
- `dataset-metadata.json`, `kernel-metadata.json`: for the Kaggle CLI (internet off).

Upload (replace `{user}` in both metadata files if it is the placeholder):

    kaggle datasets create -p . --dir-mode zip
    kaggle kernels push -p .

Kaggle's image ships its own versions of many of these packages; whether they differ from the
locked ones cannot be checked offline, so `pip install --no-index` installs the locked wheels
over them. Locked wheels: {wheels}.
"""


def refuse_foreign_files(out_dir: Path) -> set[Path]:
    """The files of an earlier bundle in ``out_dir``; raise if anything else is there."""
    if not out_dir.exists():
        return set()
    present = {p for p in out_dir.rglob("*") if p.is_file()}
    manifest = out_dir / MANIFEST
    ours: set[Path] = set()
    if manifest.is_file():
        ours = {out_dir / name for name in read_json(manifest)} | {manifest}
    foreign = sorted(present - ours)
    if foreign:
        raise FileExistsError(
            f"{out_dir} holds {len(foreign)} files this command did not write "
            f"(e.g. {foreign[0]}): choose an empty --out"
        )
    return present


def write_bundle(plan: BundlePlan, project_dir: Path) -> list[Path]:
    """Run the plan's commands and write the metadata, script and README; returns the files."""
    for old in refuse_foreign_files(plan.out_dir):
        old.unlink()
    plan.out_dir.mkdir(parents=True, exist_ok=True)
    for command in plan.commands:
        done = subprocess.run(list(command), cwd=project_dir, capture_output=True, text=True)
        if done.returncode != 0:
            # Every file now in out_dir was written by this run: leave nothing half-built.
            for partial in plan.out_dir.rglob("*"):
                if partial.is_file():
                    partial.unlink()
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-3:])
            raise RuntimeError(f"`{' '.join(command[1:3])}` failed ({done.returncode}): {tail}")
    (plan.out_dir / "requirements.txt").unlink()
    wheels = sorted(p.name for p in (plan.out_dir / WHEELS).glob("*.whl"))
    prefix = plan.dist_name.replace("-", "_")
    written = [
        write_text(
            (project_dir / "competition.toml").read_text(encoding="utf-8"),
            plan.out_dir / "competition.toml",
        ),
        write_json(dataset_metadata(plan), plan.out_dir / "dataset-metadata.json"),
        write_json(kernel_metadata(plan), plan.out_dir / "kernel-metadata.json"),
        write_text(
            INFERENCE.format(
                slug=plan.slug, import_name=plan.import_name,
                dist_name=plan.dist_name, wheel_prefix=prefix,
            ),
            plan.out_dir / "inference.py",
        ),
        write_text(
            README.format(
                dist_name=plan.dist_name, import_name=plan.import_name, py=KAGGLE_PYTHON,
                user=plan.user, wheels=", ".join(wheels),
            ),
            plan.out_dir / "README.md",
        ),
    ]  # fmt: skip
    # Everything now in out_dir is this run's (uv build adds a .gitignore beside the wheels).
    files = [p.relative_to(plan.out_dir).as_posix() for p in plan.out_dir.rglob("*") if p.is_file()]
    write_json(sorted(files), plan.out_dir / MANIFEST)
    return written


def kaggle_bundle(project_dir: Path, out_dir: Path, slug: str, user: str | None) -> int:
    """The command: check the lock, plan, write; errors are one line and an exit code."""
    uv = shutil.which("uv")
    if uv is None:
        print("error: uv is not on PATH (it builds the wheels)", file=sys.stderr)
        return EXIT_FAILED
    try:
        check_lock(project_dir)
        plan = plan_bundle(project_dir, out_dir, slug, user or USER_PLACEHOLDER, uv)
        write_bundle(plan, project_dir)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_WOULD_OVERWRITE
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    count = len(list((out_dir / WHEELS).glob("*.whl")))
    print(f"wrote the offline bundle to {out_dir} ({count} wheels for CPython {KAGGLE_PYTHON})")
    if not user:
        print(f"note: set KAGGLE_USERNAME or --user; the metadata says {USER_PLACEHOLDER!r}")
    return 0
