"""Load and validate ``competition.toml``: the one file holding this competition's facts.

Every other module reads the competition (files, columns, metric, folds, submission format)
from the :class:`Profile` returned here, so a new competition of the same type needs a new
profile, not code edits. Problems become one-line :class:`ProfileError` messages naming the
file and the key (exit code 2), never a ``KeyError`` deep inside training.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .profile_reader import (
    NUMBER,
    PROFILE_FILE,
    SCALAR,
    ProfileError,
    Reader,
    default_profile_path,
    read_header,
    read_profile,
)

# Re-exported: the other modules and the tests read them from here.
__all__ = ["PROFILE_FILE", "Column", "Profile", "ProfileError", "default_profile_path"]
__all__ += ["load_profile", "parse_profile"]

ARCHETYPES = ("classification", "regression", "text-classification")
TASKS = {
    "classification": ("binary", "multiclass"),
    "regression": ("regression",),
    "text-classification": ("binary", "multiclass", "multilabel"),
}
ROLES = ("id", "target", "numeric", "categorical", "boolean", "datetime", "text", "ignore")
DTYPES = ("int", "float", "str", "bool")
SCHEMES = ("kfold", "stratified_kfold", "group_kfold", "time_split")
NAIVE = {
    "binary": ("majority", "rule"),
    "multiclass": ("majority", "rule"),
    "multilabel": ("majority",),
}
NAIVE_REGRESSION = ("mean", "median", "rule")
MAX_FOLDS = 20
PREDICTIONS = ("label", "probability")
LABEL_FORMATS = ("int", "float", "bool", "str")
SUFFIXES = (".csv", ".tsv", ".csv.zip", ".zip", ".parquet")
PACK_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

Scalar = int | float | str | bool


@dataclass(frozen=True)
class Column:
    name: str
    role: str
    dtype: str
    values: tuple[Scalar, ...] = ()
    min: float | None = None
    max: float | None = None
    missing: float = 0.0


@dataclass(frozen=True)
class Profile:
    """The validated profile. Column order is the order of ``[columns]`` (the files' order)."""

    path: Path
    archetype: str
    slug: str
    title: str
    url: str
    files: dict[str, str]
    task: str
    target: tuple[str, ...]
    ids: tuple[str, ...]
    labels: tuple[Scalar, ...]
    positive: Scalar | None
    columns: dict[str, Column]
    metric: str
    validation: dict[str, Any]
    submission: dict[str, Any]
    baseline: dict[str, Any]
    pack: str | None
    synthetic: dict[str, Any]
    text: dict[str, Any]

    @property
    def target_col(self) -> str:
        return self.target[0]

    @property
    def id_col(self) -> str:
        return self.ids[0]

    @property
    def is_classification(self) -> bool:
        return self.task in ("binary", "multiclass")

    @property
    def is_multilabel(self) -> bool:
        """Several 0/1 target columns (Jigsaw's six), each predicted as a probability."""
        return self.task == "multilabel"

    def roles(self, *roles: str) -> list[str]:
        """Names of the columns with one of ``roles``, in file order."""
        return [c.name for c in self.columns.values() if c.role in roles]

    @property
    def test_columns(self) -> list[str]:
        return [name for name in self.columns if name not in self.target]


def _column(reader: Reader, name: str) -> Column:
    col = reader.sub(name)
    col.only(("role", "dtype", "values", "min", "max", "missing"))
    values = tuple(col.get("values", list, default=[]))
    if not all(isinstance(v, SCALAR) for v in values):
        raise col.fail("values", "expected a list of numbers or strings")
    missing = float(col.get("missing", NUMBER, default=0.0))
    if not 0.0 <= missing < 1.0:
        raise col.fail("missing", f"expected a share in [0, 1), got {missing}")
    low, high = col.get("min", NUMBER, default=None), col.get("max", NUMBER, default=None)
    if low is not None and high is not None and low > high:
        raise col.fail("min", f"{low} is above max {high}")
    return Column(
        name=name,
        role=col.get("role", str, choices=ROLES),
        dtype=col.get("dtype", str, choices=DTYPES),
        values=values,
        min=None if low is None else float(low),
        max=None if high is None else float(high),
        missing=missing,
    )


def _check_column(reader: Reader, key: str, name: str | None, columns: dict) -> None:
    if name is not None and name not in columns:
        raise reader.fail(key, f"column {name!r} is not declared under [columns]")


def _files(root: Reader) -> dict[str, str]:
    files = root.sub("files")
    files.only(("train", "test", "sample_submission"))
    out = {"train": files.get("train", str)}
    for key in ("test", "sample_submission"):
        if key in files.table:
            out[key] = files.get(key, str)
    for key, name in out.items():
        if not name.lower().endswith(SUFFIXES) or "/" in name or "\\" in name:
            raise files.fail(key, f"{name!r}: expected a file name ending in {', '.join(SUFFIXES)}")
    return out


def _validation(root: Reader, columns: dict[str, Column]) -> dict[str, Any]:
    val = root.sub("validation")
    val.only(("scheme", "folds", "seed", "group", "group_pattern", "time"))
    out = {
        "scheme": val.get("scheme", str, choices=SCHEMES),
        "folds": val.get("folds", int, default=5),
        "seed": val.get("seed", int, default=42),
        "group": val.get("group", str, default=None),
        "group_pattern": val.get("group_pattern", str, default=None),
        "time": val.get("time", str, default=None),
    }
    if not 2 <= out["folds"] <= MAX_FOLDS:
        raise val.fail("folds", f"expected 2 to {MAX_FOLDS} folds, got {out['folds']}")
    needed = {"group_kfold": "group", "time_split": "time"}.get(out["scheme"])
    if needed and out[needed] is None:
        raise val.fail(needed, f"missing (scheme {out['scheme']!r} needs it)")
    for key in ("group", "time"):
        _check_column(val, key, out[key], columns)
    if out["group_pattern"] is not None:
        try:
            if re.compile(out["group_pattern"]).groups < 1:
                raise val.fail("group_pattern", "needs one (capturing group)")
        except re.error as exc:
            raise val.fail("group_pattern", f"invalid regular expression: {exc}") from None
    return out


def _task(root: Reader, archetype: str, columns: dict[str, Column]) -> dict[str, Any]:
    task = root.sub("task")
    task.only(("type", "target", "id", "labels", "positive"))
    out = {
        "type": task.get("type", str, choices=TASKS[archetype]),
        "target": task.names("target"),
        "ids": task.names("id"),
        "labels": tuple(task.get("labels", list, default=[])),
        "positive": task.get("positive", SCALAR, default=None),
    }
    for name in (*out["target"], *out["ids"]):
        _check_column(task, "target" if name in out["target"] else "id", name, columns)
    if out["type"] == "multilabel" and len(out["target"]) < 2:
        raise task.fail("target", "multilabel needs two or more target columns (one: binary)")
    if out["type"] != "multilabel" and len(out["target"]) > 1:
        raise task.fail("target", "several targets need type 'multilabel'")
    # A multilabel task is one binary task per target column: the same labels and positive.
    two_class = out["type"] in ("binary", "multilabel")
    if out["type"] != "regression":
        if len(out["labels"]) < 2 or len(set(out["labels"])) != len(out["labels"]):
            raise task.fail("labels", "classification needs two or more distinct class values")
        if two_class and len(out["labels"]) != 2:
            raise task.fail(
                "labels", f"{out['type']} needs exactly two classes, got {len(out['labels'])}"
            )
        if out["type"] == "multiclass" and len(out["labels"]) < 3:
            raise task.fail("labels", "multiclass needs three or more classes (two: binary)")
        if two_class and out["positive"] not in out["labels"]:
            raise task.fail("positive", f"{out['positive']!r} is not one of labels")
    return out


def _submission(root: Reader, profile_task: dict[str, Any], columns: dict) -> dict[str, Any]:
    sub = root.sub("submission")
    sub.only(("columns", "prediction", "label_format"))
    out = {
        "columns": sub.names("columns"),
        "prediction": sub.get("prediction", str, default="label", choices=PREDICTIONS),
        "label_format": sub.get("label_format", str, default="int", choices=LABEL_FORMATS),
    }
    if profile_task["type"] == "regression" and out["prediction"] == "probability":
        raise sub.fail("prediction", "regression submits values, not probabilities")
    ids = profile_task["ids"]
    if out["columns"][: len(ids)] != ids:
        raise sub.fail("columns", f"must start with the id column(s) {list(ids)}")
    rest = out["columns"][len(ids) :]
    if profile_task["type"] == "multilabel":
        if out["prediction"] != "probability":
            raise sub.fail("prediction", "multilabel submits one probability per target")
        if rest != profile_task["target"]:
            raise sub.fail(
                "columns", f"expected the ids then the targets {list(profile_task['target'])}"
            )
        return out
    multiclass_proba = profile_task["type"] == "multiclass" and out["prediction"] == "probability"
    expected = len(profile_task["labels"]) if multiclass_proba else 1
    if len(rest) != expected:
        raise sub.fail("columns", f"expected {expected} prediction column(s) after the ids")
    # The prediction column is the submission's header, which may differ from the target's name
    # (Quora submits `prediction` for `target`), so it is not looked up under [columns].
    return out


def _baseline(root: Reader, task: str, columns: dict, labels: tuple) -> dict[str, Any]:
    base = root.sub("baseline")
    base.only(("naive", "rule_column", "rule_map", "rule_default"))
    choices = NAIVE_REGRESSION if task == "regression" else NAIVE[task]
    out = {"naive": base.get("naive", str, choices=choices)}
    if out["naive"] == "rule":
        out["rule_column"] = base.get("rule_column", str)
        _check_column(base, "rule_column", out["rule_column"], columns)
        out["rule_map"] = base.get("rule_map", dict)
        out["rule_default"] = base.get("rule_default", SCALAR)
        for value in (*out["rule_map"].values(), out["rule_default"]):
            if task != "regression" and value not in labels:
                raise base.fail("rule_map", f"{value!r} is not one of [task].labels")
            if task == "regression" and not isinstance(value, NUMBER):
                raise base.fail("rule_map", f"{value!r}: regression rules predict numbers")
    return out


def _metric_registry() -> dict:
    # Imported here: metric pulls in numpy and scikit-learn, which the CLI must not load before
    # it has pinned their thread pools.
    from .metric import METRICS

    return METRICS


def _synthetic(root: Reader, metric: str, task: str) -> dict[str, Any]:
    syn = root.sub("synthetic", required=False)
    syn.only(("train_rows", "test_rows", "seed", "id_offset", "margin"))
    out = {
        "train_rows": syn.get("train_rows", int, default=1000),
        "test_rows": syn.get("test_rows", int, default=500),
        "seed": syn.get("seed", int, default=42),
        "id_offset": syn.get("id_offset", int, default=900000),
    }
    for key in ("train_rows", "test_rows"):
        if not 20 <= out[key] <= 2_000_000:
            raise syn.fail(key, f"expected 20 to 2000000 rows, got {out[key]}")
    margin = syn.sub("margin", required=False)
    margin.only(("metric", "min_delta"))
    out["margin_metric"] = margin.get(
        "metric", str, default=metric, choices=tuple(_metric_registry())
    )
    out["margin_min_delta"] = float(margin.get("min_delta", NUMBER, default=0.0))
    if task not in _metric_registry()[out["margin_metric"]].tasks:
        raise margin.fail("metric", f"{out['margin_metric']!r} does not apply to task {task!r}")
    return out


KEYWORD = re.compile(r"^[a-z0-9][a-z0-9' -]*$")
NPZ_FILE = re.compile(r"^[^./\\][^/\\]*\.npz$")


def _text(root: Reader) -> dict[str, Any]:
    """``[text]``: the keyword rule's words and the optional precomputed-embeddings file."""
    text = root.sub("text", required=False)
    text.only(("keywords", "embeddings"))
    keywords = tuple(text.get("keywords", list, default=[]))
    if not all(isinstance(k, str) and KEYWORD.match(k) for k in keywords):
        raise text.fail("keywords", "expected lower-case words or phrases")
    embeddings = text.get("embeddings", str, default=None)
    if embeddings is not None and not NPZ_FILE.match(embeddings):
        raise text.fail("embeddings", f"{embeddings!r}: expected a .npz file name in data/")
    return {"keywords": keywords, "embeddings": embeddings}


def parse_profile(doc: dict[str, Any], path: Path) -> Profile:
    """Validate a parsed TOML document; raise :class:`ProfileError` on the first problem."""
    root = Reader(path, doc, "")
    head = read_header(
        root,
        ARCHETYPES,
        ("files", "task", "columns", "metric", "validation", "submission", "baseline")
        + ("features", "synthetic", "text"),
    )
    archetype = head["archetype"]
    columns_table = root.sub("columns")
    columns = {name: _column(columns_table, name) for name in columns_table.table}
    task = _task(root, archetype, columns)
    for name in task["ids"]:
        if columns[name].role != "id" or columns[name].dtype not in ("int", "str"):
            raise columns_table.fail(name, "an id column needs role 'id' and dtype int or str")
    for name in task["target"]:
        if columns[name].role != "target":
            raise columns_table.fail(f"{name}.role", "the target column needs role 'target'")
    for col in columns.values():
        if col.role in ("id", "target") and col.name not in (*task["ids"], *task["target"]):
            raise columns_table.fail(f"{col.name}.role", f"{col.role!r} but not in [task]")
    metric_table = root.sub("metric")
    metric_table.only(("name",))
    metric = metric_table.get("name", str, choices=tuple(_metric_registry()))
    if task["type"] not in _metric_registry()[metric].tasks:
        raise metric_table.fail("name", f"{metric!r} does not apply to task {task['type']!r}")
    features = root.sub("features", required=False)
    features.only(("pack",))
    pack = features.get("pack", str, default=None)
    if pack is not None and not PACK_NAME.match(pack):
        raise features.fail("pack", f"{pack!r} is not a module name")
    return Profile(
        path=path,
        **head,
        files=_files(root),
        task=task["type"],
        target=task["target"],
        ids=task["ids"],
        labels=task["labels"],
        positive=task["positive"],
        columns=columns,
        metric=metric,
        validation=_validation(root, columns),
        submission=_submission(root, task, columns),
        baseline=_baseline(root, task["type"], columns, task["labels"]),
        pack=pack,
        synthetic=_synthetic(root, metric, task["type"]),
        text=_text(root),
    )


def load_profile(path: Path | None = None) -> Profile:
    """Read and validate the profile at ``path`` (default: :func:`default_profile_path`)."""
    return parse_profile(*read_profile(path))
