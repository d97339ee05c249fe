"""Load and validate ``competition.toml``: the competition's files, columns, K, window and metric.

Every module reads the competition from the :class:`Profile` returned here instead of
constants, so another interaction data set needs a new profile, not code edits. Problems are
one-line :class:`ProfileError` messages naming the file and the key (exit code 2).
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROFILE_FILE = "competition.toml"
EXIT_PROFILE = 2

METRICS = ("map_at_k", "recall_at_k")
SOURCES = (
    "repurchase",
    "recent_popular_unseen",
    "all_time_popular_unseen",
    "covisitation",
    "segment_popular",
)
REGIMES = ("repurchase", "no_repurchase")
TIME_UNITS = ("date", "s", "ms")
PREDICT_FOR = ("sample_submission", "active")
TOP_KEYS = (
    "schema_version", "archetype", "slug", "title", "url", "files", "interactions", "items",
    "users", "task", "submission", "metric", "candidates", "synthetic",
)  # fmt: skip


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""

    exit_code = EXIT_PROFILE


@dataclass(frozen=True)
class Attributes:
    """An item or user table: its id column and an optional segment column."""

    file: str
    id: str
    segment: str | None


@dataclass(frozen=True)
class Profile:
    path: Path
    slug: str
    title: str
    interactions_file: str
    sample_submission_file: str
    user: str
    item: str
    time: str
    time_unit: str
    event: str | None
    event_weights: dict[str, float]
    rating: str | None
    min_rating: float | None
    items: Attributes | None
    users: Attributes | None
    k: int
    window_days: int
    predict_for: str
    submission_user: str
    submission_prediction: str
    metric: str
    sources: tuple[str, ...]
    regime: str
    seed: int
    min_ratio: float

    @property
    def files(self) -> tuple[str, ...]:
        """Every competition file the loaders read (the ones `download` fetches)."""
        extra = [t.file for t in (self.items, self.users) if t is not None]
        return (self.interactions_file, *extra, self.sample_submission_file)


class _Table:
    """Typed access to one TOML table, with errors naming ``file: key``."""

    def __init__(self, path: Path, table: Any, prefix: str) -> None:
        if not isinstance(table, dict):
            raise ProfileError(f"{path}: [{prefix}] must be a table")
        self.path, self.table, self.prefix = path, table, prefix

    def fail(self, key: str, message: str) -> ProfileError:
        where = f"{self.prefix}.{key}" if self.prefix else key
        return ProfileError(f"{self.path}: {where}: {message}")

    def only(self, keys: tuple[str, ...]) -> None:
        for key in self.table:
            if key not in keys:
                raise self.fail(key, f"unknown key (expected one of {', '.join(keys)})")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., choices=()) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, "missing")
            return default
        value = self.table[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(key, f"expected {getattr(kind, '__name__', kind)}, got {value!r}")
        if choices and value not in choices:
            raise self.fail(key, f"{value!r} is not one of {', '.join(map(str, choices))}")
        return value

    def sub(self, key: str, required: bool = True) -> "_Table":
        if key not in self.table and not required:
            return _Table(self.path, {}, f"{self.prefix}.{key}".lstrip("."))
        return _Table(self.path, self.get(key, dict), f"{self.prefix}.{key}".lstrip("."))


def _attributes(root: _Table, files: _Table, key: str) -> Attributes | None:
    if key not in root.table:
        return None
    table = root.sub(key)
    table.only(("id", "segment"))
    return Attributes(
        file=files.get(key, str),
        id=table.get("id", str),
        segment=table.get("segment", str, default=None),
    )


def _engine_limits(root: _Table, task: _Table, metric: _Table, inter: _Table) -> None:
    """What the schema allows but this engine does not implement yet: say so, do not guess."""
    if task.table.get("window_days") != 7:
        raise task.fail("window_days", "this engine predicts 7-day windows only (weeks)")
    if metric.table.get("name") != "map_at_k":
        raise metric.fail("name", "this engine implements map_at_k only")
    if "event" in inter.table:
        raise inter.fail("event", "typed events are not supported by this engine yet")


def parse_profile(doc: dict[str, Any], path: Path) -> Profile:
    """Validate a parsed TOML document; raise :class:`ProfileError` on the first problem."""
    root = _Table(path, doc, "")
    root.only(TOP_KEYS)
    if root.get("schema_version", int) != 1:
        raise root.fail("schema_version", "only version 1 is supported")
    root.get("archetype", str, choices=("recommender",))
    files = root.sub("files")
    files.only(("interactions", "sample_submission", "items", "users"))
    inter = root.sub("interactions")
    inter.only(
        ("user", "item", "time", "time_unit", "event", "event_weights", "rating", "min_rating")
    )
    task, sub, synth = root.sub("task"), root.sub("submission"), root.sub("synthetic")
    task.only(("k", "window_days", "predict_for"))
    sub.only(("user", "prediction"))
    synth.only(("regime", "seed", "margin"))
    margin = synth.sub("margin")
    margin.only(("min_ratio",))
    metric, candidates = root.sub("metric"), root.sub("candidates")
    metric.only(("name",))
    candidates.only(("sources",))
    sources = tuple(candidates.get("sources", list))
    for source in sources:
        if source not in SOURCES:
            raise candidates.fail("sources", f"{source!r} is not one of {', '.join(SOURCES)}")
    weights = inter.get("event_weights", dict, default={})
    event = inter.get("event", str, default=None)
    if (event is None) != (not weights):
        raise inter.fail("event_weights", "an event column needs its weights, and weights need it")
    rating = inter.get("rating", str, default=None)
    if event is not None and rating is not None:
        raise inter.fail("rating", "typed events or ratings, not both")
    k = task.get("k", int)
    if not 1 <= k <= 100:
        raise task.fail("k", f"expected 1 to 100, got {k}")
    min_ratio = float(margin.get("min_ratio", (int, float)))
    if min_ratio < 1:
        raise margin.fail("min_ratio", f"expected at least 1, got {min_ratio}")
    _engine_limits(root, task, metric, inter)
    return Profile(
        path=path,
        slug=root.get("slug", str),
        title=root.get("title", str),
        interactions_file=files.get("interactions", str),
        sample_submission_file=files.get("sample_submission", str),
        user=inter.get("user", str),
        item=inter.get("item", str),
        time=inter.get("time", str),
        time_unit=inter.get("time_unit", str, choices=TIME_UNITS),
        event=event,
        event_weights={str(name): float(w) for name, w in weights.items()},
        rating=rating,
        min_rating=inter.get("min_rating", (int, float), default=None),
        items=_attributes(root, files, "items"),
        users=_attributes(root, files, "users"),
        k=k,
        window_days=task.get("window_days", int),
        predict_for=task.get("predict_for", str, choices=PREDICT_FOR),
        submission_user=sub.get("user", str),
        submission_prediction=sub.get("prediction", str),
        metric=metric.get("name", str, choices=METRICS),
        sources=sources,
        regime=synth.get("regime", str, choices=REGIMES),
        seed=synth.get("seed", int),
        min_ratio=min_ratio,
    )


def default_profile_path() -> Path:
    """``./competition.toml`` when the current folder has one, else the project's own."""
    here = Path.cwd() / PROFILE_FILE
    if here.is_file():
        return here
    return Path(__file__).resolve().parents[2] / PROFILE_FILE


def load_profile(path: Path | None = None) -> Profile:
    """Read and validate the profile at ``path`` (default: :func:`default_profile_path`)."""
    path = default_profile_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(
            f"{path}: not found (every project keeps its competition.toml)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot be read: {exc}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    return parse_profile(doc, path)
