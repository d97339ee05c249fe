"""Assemble train, test, sample submission and the hidden solution in the profile's schema."""

import math

import numpy as np
import pandas as pd

from ..profile import Profile
from ..submission import decode_labels, format_label
from . import columns as gen
from .signal import plant_target, rule_signal
from .stable import format_fixed, stream

SOLUTION_FILE = "_solution.csv"
SIGNAL_ROLES = ("numeric", "categorical", "boolean", "datetime", "text")


def _ids(profile: Profile, name: str, n: int) -> list[str]:
    start = profile.synthetic["id_offset"] + 1
    if profile.columns[name].dtype == "int":
        return [str(start + i) for i in range(n)]
    return [f"S{start + i}" for i in range(n)]


def _text_generator():
    """The text archetype ships ``synth/prose.py`` (sentences with a planted topic signal);
    tabular projects keep the word-count generator of :mod:`.columns`."""
    try:
        from .prose import sentences
    except ImportError:
        return lambda rng, _col, n: gen.text(rng, n)
    return sentences


def _labelled_texts(profile: Profile, data: dict[str, list], n: int, seed: int) -> np.ndarray:
    """Multilabel: the labels first, then texts written from them (``synth/prose.py`` of the
    text archetype, the only one taking multilabel tasks); returns the n x L 0/1 targets."""
    from .prose import labelled_sentences

    name = profile.roles("text")[0]
    col = profile.columns[name]
    rng = stream(seed, f"__labels__{name}")
    texts, target = labelled_sentences(rng, col, n, len(profile.target))
    data[name], _ = gen.blank(rng, col.missing, texts, np.zeros(n))
    return target


def _feature(profile: Profile, name: str, n: int, seed: int, position: int):
    col = profile.columns[name]
    rng = stream(seed, name)
    if col.role == "numeric":
        text, s = gen.numeric(rng, col, n, bent=position % 2 == 1)
    elif col.role == "categorical":
        text, s, _ = gen.categorical(rng, col, n)
    elif col.role == "boolean":
        text, s = gen.boolean(rng, col, n)
    elif col.role == "datetime":
        text, s = gen.datetime(rng, n)
    elif col.role == "text":
        text, s = _text_generator()(rng, col, n)
    else:
        text, s = gen.ignored(rng, col, n)
    return gen.blank(rng, col.missing, text, s)


def _target_text(profile: Profile, target: np.ndarray) -> list[str]:
    if profile.is_classification:
        if profile.task == "binary":
            negative = next(v for v in profile.labels if v != profile.positive)
            labels = [profile.positive if i == 1 else negative for i in target.tolist()]
        else:
            labels = [profile.labels[i] for i in target.tolist()]
        if profile.columns[profile.target_col].dtype == "bool":
            return ["True" if v in (True, "True", "true", 1) else "False" for v in labels]
        return [str(v) for v in labels]
    if profile.columns[profile.target_col].dtype == "int":
        return [str(v) for v in np.floor(target + 0.5).astype(np.int64).tolist()]
    return format_fixed(np.floor(target * 100 + 0.5).astype(np.int64), 100)


def _sample_submission(
    profile: Profile, test: pd.DataFrame, rule: np.ndarray | None, y
) -> pd.DataFrame:
    """What Kaggle's sample file usually holds: the naive rule, or a constant."""
    columns = list(profile.submission["columns"])
    out = test[list(profile.ids)].copy()
    targets = columns[len(profile.ids) :]
    n = len(test)
    if profile.task == "regression":
        mean = math.floor(math.fsum(y.tolist()) / len(y) + 0.5)
        out[targets[0]] = [str(mean)] * n
    elif profile.submission["prediction"] == "probability":
        # One share per class column; multilabel columns are separate labels (Jigsaw's 0.5).
        share = 500_000 if profile.is_multilabel else 1_000_000 // len(targets)
        for name in targets:
            out[name] = [format_fixed(np.array([share]), 1_000_000)[0]] * n
    elif rule is not None:
        index = (rule > 0).astype(np.int64) if profile.task == "binary" else rule.astype(np.int64)
        out[targets[0]] = [str(v) for v in decode_labels(profile, index)]
    else:
        out[targets[0]] = [str(format_label(profile, profile.labels[0]))] * n
    return out[columns]


def generate(profile: Profile, seed: int) -> dict[str, pd.DataFrame]:
    """The four tables (all text, blanks as None) for ``seed``: a pure function of both."""
    syn = profile.synthetic
    n_train, n = syn["train_rows"], syn["train_rows"] + syn["test_rows"]
    data: dict[str, list] = {}
    signals: dict[str, np.ndarray] = {}
    rule_col = profile.baseline.get("rule_column")
    position = 0
    for name, col in profile.columns.items():
        if col.role == "id":
            data[name] = _ids(profile, name, n)
        elif col.role != "target":
            data[name], s = _feature(profile, name, n, seed, position)
            if col.role in SIGNAL_ROLES and name != rule_col:
                signals[name] = s
                position += 1
    rule = None if rule_col is None else rule_signal(profile, data[rule_col])
    if profile.is_multilabel:
        target = _labelled_texts(profile, data, n, seed)
        negative = next(v for v in profile.labels if v != profile.positive)
        for k, name in enumerate(profile.target):
            data[name] = [str(profile.positive if v else negative) for v in target[:, k].tolist()]
    else:
        target = plant_target(profile, signals, rule, seed)
        data[profile.target_col] = _target_text(profile, target)
    frame = pd.DataFrame({name: data[name] for name in profile.columns}, dtype=object)
    train = frame.iloc[:n_train].reset_index(drop=True)
    test_all = frame.iloc[n_train:].reset_index(drop=True)
    test = test_all[profile.test_columns]
    solution = test_all[[*profile.ids, *profile.target]]
    y = target[:n_train]
    tables = {profile.files["train"]: train}
    if "test" in profile.files:
        tables[profile.files["test"]] = test
    if "sample_submission" in profile.files:
        test_rule = None if rule is None else rule[n_train:]
        tables[profile.files["sample_submission"]] = _sample_submission(profile, test, test_rule, y)
    tables[SOLUTION_FILE] = solution
    return tables
