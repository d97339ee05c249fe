"""Load and validate a forecasting ``competition.toml``: series keys, time, target, horizon.

Every module reads the competition from the :class:`Profile` returned here (files, series
columns, horizon, exogenous columns, metric, submission format), so another panel-forecasting
competition needs a new profile, not code edits. Problems are one-line :class:`ProfileError`
messages naming the file and the key (exit code 2).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .profile_reader import NUMBER, PROFILE_FILE, ProfileError, Reader, read_header, read_profile

# Re-exported: the other modules and the tests read them from here.
__all__ = ["ONE_SERIES", "PROFILE_FILE", "Profile", "ProfileError", "load_profile", "parse_profile"]

ARCHETYPE = "forecasting"
#: Daily series only: the naive forecasts and the lags count days (seasons of 7).
FREQUENCIES = ("D",)
METRIC_NAMES = ("rmsle", "rmse", "mae", "smape", "rmspe", "wrmsse")
SUFFIXES = (".csv", ".csv.zip", ".zip")
MAX_HORIZON = 366
#: The synthetic generator has this many product families (FAMILIES in forecast/synthetic.py).
MAX_FAMILIES = 6
#: The series column the engine groups by when the data is one series (``keys = []``).
ONE_SERIES = "__series__"


@dataclass(frozen=True)
class Profile:
    """The validated profile of one panel-forecasting competition."""

    path: Path
    archetype: str
    slug: str
    title: str
    url: str
    files: dict[str, str]
    keys: tuple[str, ...]  # the columns naming one series (store_nbr, family)
    time: str
    frequency: str
    target: str
    horizon: int
    exogenous: tuple[str, ...]  # known for the test dates too (promotions)
    open: str | None  # Rossmann's Open: rows with 0 sell nothing and are not scored
    price: str | None  # an exogenous price: WRMSSE weights series by dollar sales (M5)
    submission: dict[str, Any]
    metric: str
    validation: dict[str, Any]
    synthetic: dict[str, Any]

    @property
    def series_columns(self) -> tuple[str, ...]:
        """The columns the engine groups by: the keys, or one constant column for one series."""
        return self.keys or (ONE_SERIES,)

    @property
    def id_col(self) -> str:
        return self.submission["id"]

    @property
    def prediction_col(self) -> str:
        return self.submission["prediction"]

    def train_columns(self) -> list[str]:
        """The columns ``train`` reads from the train file (others are left for your features)."""
        own = [self.id_col] if self.submission["id_in_train"] else []
        return [*own, *self.test_columns(with_id=False), self.target]

    def test_columns(self, with_id: bool = True) -> list[str]:
        opened = [self.open] if self.open else []
        return [
            *([self.id_col] if with_id else []),
            self.time,
            *self.keys,
            *self.exogenous,
            *opened,
        ]


def _files(root: Reader) -> dict[str, str]:
    files = root.sub("files")
    files.only(("train", "test", "sample_submission"))
    out = {key: files.get(key, str) for key in ("train", "test", "sample_submission")}
    for key, name in out.items():
        if not name.lower().endswith(SUFFIXES) or "/" in name or "\\" in name:
            raise files.fail(key, f"{name!r}: expected a file name ending in {', '.join(SUFFIXES)}")
    return out


def _series(root: Reader) -> dict[str, Any]:
    series = root.sub("series")
    series.only(("keys", "time", "frequency", "target", "horizon", "exogenous", "open", "price"))
    out = {
        "keys": series.names("keys", empty=True),
        "time": series.get("time", str),
        "frequency": series.get("frequency", str, default="D", choices=FREQUENCIES),
        "target": series.get("target", str),
        "horizon": series.get("horizon", int),
        "exogenous": series.names("exogenous") if "exogenous" in series.table else (),
        "open": series.get("open", str, default=None),
        "price": series.get("price", str, default=None),
    }
    if out["price"] is not None and out["price"] not in out["exogenous"]:
        raise series.fail("price", f"{out['price']!r} must be one of [series].exogenous")
    if not 1 <= out["horizon"] <= MAX_HORIZON:
        raise series.fail("horizon", f"expected 1 to {MAX_HORIZON} periods, got {out['horizon']}")
    named = [*out["keys"], out["time"], out["target"], *out["exogenous"]]
    named += [out["open"]] if out["open"] else []
    twice = sorted({c for c in named if named.count(c) > 1})
    if twice:
        raise series.fail("keys", f"a column has one role only: {', '.join(twice)}")
    return out


def _submission(root: Reader, series: dict[str, Any]) -> dict[str, Any]:
    sub = root.sub("submission")
    sub.only(("id", "prediction", "id_in_train"))
    out = {
        "id": sub.get("id", str),
        "prediction": sub.get("prediction", str),
        "id_in_train": sub.get("id_in_train", bool, default=False),
    }
    if out["id"] in (*series["keys"], series["time"], series["target"], *series["exogenous"]):
        raise sub.fail("id", f"{out['id']!r} is a series column, not a row id")
    return out


def _synthetic(root: Reader, series: dict[str, Any], folds: int) -> dict[str, Any]:
    syn = root.sub("synthetic", required=False)
    syn.only(("seed", "stores", "families", "days", "margin"))
    panel = 6 if series["keys"] else 1  # no key columns: the synthetic data is one series
    out = {
        "seed": syn.get("seed", int, default=42),
        "stores": syn.get("stores", int, default=panel),
        "families": syn.get("families", int, default=panel),
        "days": syn.get("days", int, default=480),
    }
    if not series["keys"] and out["stores"] * out["families"] != 1:
        raise syn.fail("stores", "one series (no [series].keys) takes stores = families = 1")
    if not 1 <= out["stores"] <= 200:
        raise syn.fail("stores", f"expected 1 to 200 stores, got {out['stores']}")
    if not 1 <= out["families"] <= MAX_FAMILIES:
        raise syn.fail("families", f"expected 1 to {MAX_FAMILIES}, got {out['families']}")
    # The folds and a year of lags (lags.YEAR) must fit before the last fold.
    least = (folds + 1) * series["horizon"] + 28
    if not least <= out["days"] <= 3000:
        raise syn.fail("days", f"expected {least} to 3000 days for these folds, got {out['days']}")
    margin = syn.sub("margin", required=False)
    margin.only(("min_delta",))
    out["margin_min_delta"] = float(margin.get("min_delta", NUMBER, default=0.0))
    return out


def parse_profile(doc: dict[str, Any], path: Path) -> Profile:
    """Validate a parsed TOML document; raise :class:`ProfileError` on the first problem."""
    root = Reader(path, doc, "")
    head = read_header(
        root,
        (ARCHETYPE,),
        ("files", "series", "submission", "metric", "validation", "synthetic"),
    )
    series = _series(root)
    metric = root.sub("metric")
    metric.only(("name",))
    validation = root.sub("validation", required=False)
    validation.only(("folds",))
    folds = validation.get("folds", int, default=3)
    if not 1 <= folds <= 10:
        raise validation.fail("folds", f"expected 1 to 10 folds, got {folds}")
    return Profile(
        path=path,
        **head,
        files=_files(root),
        keys=series["keys"],
        time=series["time"],
        frequency=series["frequency"],
        target=series["target"],
        horizon=series["horizon"],
        exogenous=series["exogenous"],
        open=series["open"],
        price=series["price"],
        submission=_submission(root, series),
        metric=metric.get("name", str, choices=METRIC_NAMES),
        validation={"folds": folds},
        synthetic=_synthetic(root, series, folds),
    )


def load_profile(path: Path | None = None) -> Profile:
    """Read and validate the profile at ``path`` (default: see :func:`read_profile`)."""
    return parse_profile(*read_profile(path))
