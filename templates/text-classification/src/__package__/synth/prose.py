"""Synthetic text with a planted signal, byte-identical on every OS.

Each row draws an evidence level; it writes that many topic words (the signal), words of
unrelated topics, filler and noise, in a shuffled order. Some topic words are negated
("no fire": they count for nothing) and some are misspelt ("fiire": they still count), so a
keyword rule is fooled where word n-grams (negations) and character n-grams (typos) are not.
Only integer draws and ``permutation`` are used (see :mod:`.stable`).
"""

import numpy as np

from ..profile import Column

TOPIC = (
    "fire", "flood", "earthquake", "storm", "wildfire", "evacuation",
    "explosion", "collapse", "tornado", "rescue", "injured", "smoke",
)  # fmt: skip
OTHER = (
    "movie", "song", "party", "lunch", "game", "music",
    "weekend", "coffee", "dance", "phone", "pizza", "book",
)  # fmt: skip
FILLER = (
    "the", "a", "in", "on", "just", "we", "today", "this", "was", "it",
    "my", "so", "at", "and", "of", "is", "now", "near", "after", "all",
)  # fmt: skip
NOISE = ("lol", "omg", "via", "amp", "rt", "wow", "http", "news")
NEGATIONS = ("no", "not", "never")
MAX_EVIDENCE = 4
WORDS = (6, 18)  # words per text unless the column's min/max say otherwise
NEGATE_IN = 5  # one topic word in 5 is negated
TYPO_IN = 6  # one topic word in 6 is misspelt


def _typo(word: str, at: int) -> str:
    """Double one letter: a misspelling word n-grams miss and character n-grams still see."""
    at = at % len(word)
    return word[: at + 1] + word[at:]


def _row(rng: np.random.Generator, level: int, length: int) -> tuple[str, int]:
    units: list[str] = []
    counted = 0
    for _ in range(min(level, length)):
        word = TOPIC[int(rng.integers(0, len(TOPIC)))]
        if int(rng.integers(0, TYPO_IN)) == 0:
            word = _typo(word, int(rng.integers(0, 8)))
        if int(rng.integers(0, NEGATE_IN)) == 0:
            units.append(f"{NEGATIONS[int(rng.integers(0, len(NEGATIONS)))]} {word}")
        else:
            units.append(word)
            counted += 1
    for _ in range((MAX_EVIDENCE - level) // 2 + int(rng.integers(0, 2))):
        units.append(OTHER[int(rng.integers(0, len(OTHER)))])
    while len(units) < length:
        pool = NOISE if int(rng.integers(0, 4)) == 0 else FILLER
        units.append(pool[int(rng.integers(0, len(pool)))])
    order = rng.permutation(len(units)).tolist()
    return " ".join(units[i] for i in order), counted


def sentences(rng: np.random.Generator, col: Column, n: int) -> tuple[list[str], np.ndarray]:
    """``n`` texts and their signal in [0, 1]: the share of counted (un-negated) topic words.

    The signal is never negative, so its interaction with another column stays monotone and a
    linear model over n-grams can learn it.
    """
    low = int(col.min) if col.min is not None else WORDS[0]
    high = int(col.max) if col.max is not None else WORDS[1]
    levels = rng.integers(0, MAX_EVIDENCE + 1, size=n).tolist()
    lengths = rng.integers(low, high + 1, size=n).tolist()
    texts, signal = [], []
    for level, length in zip(levels, lengths, strict=True):
        text, counted = _row(rng, level, length)
        texts.append(text)
        signal.append(counted / MAX_EVIDENCE)
    return texts, np.asarray(signal, dtype=np.float64)


#: Multilabel lexicons, one per target column in profile order. The first label is the parent
#: (Jigsaw's ``toxic``): the others mostly occur inside it, as Jigsaw's do.
LEXICONS = (
    ("stupid", "idiot", "moron", "dumb", "pathetic", "loser"),
    ("worthless", "disgusting", "scum", "vile"),
    ("crap", "damn", "freaking", "bloody"),
    ("kill", "hurt", "destroy", "punch"),
    ("clown", "fool", "coward", "ugly"),
    ("hate", "those people", "your kind", "go back"),
    ("spam", "scam", "click here", "free money"),
    ("troll", "bot", "shill", "sockpuppet"),
)
PARENT_PER_MILLE = 150  # imbalance: 15 % of rows carry the first label
#: Per mille of the parent's rows that carry each further label (cycled past the sixth), and of
#: the other rows (label noise: Jigsaw has obscene comments not marked toxic).
CHILD_PER_MILLE = (150, 550, 100, 500, 150)
ORPHAN_PER_MILLE = 4
HIDDEN_IN = 8  # one positive label in 8 leaves no word of its own (no model sees it)
STRAY_IN = 12  # one clean row in 12 uses a lexicon word in passing (noise)
NEGATED_IN = 4  # one clean row in 4 negates a parent word ("not stupid"): fools a keyword rule


def _per_mille(rng: np.random.Generator, rate: int) -> bool:
    return int(rng.integers(0, 1000)) < rate


def _draw_labels(rng: np.random.Generator, n_labels: int) -> list[int]:
    labels = [1 if _per_mille(rng, PARENT_PER_MILLE) else 0]
    for k in range(1, n_labels):
        rate = CHILD_PER_MILLE[(k - 1) % len(CHILD_PER_MILLE)] if labels[0] else ORPHAN_PER_MILLE
        labels.append(1 if _per_mille(rng, rate) else 0)
    return labels


def _pick(rng: np.random.Generator, words: tuple[str, ...]) -> str:
    return words[int(rng.integers(0, len(words)))]


def _labelled_row(rng: np.random.Generator, labels: list[int], length: int) -> str:
    units: list[str] = []
    for k, positive in enumerate(labels):
        if not positive or int(rng.integers(0, HIDDEN_IN)) == 0:
            continue
        for _ in range(1 + int(rng.integers(0, 2))):
            word = _pick(rng, LEXICONS[k])
            if " " not in word and int(rng.integers(0, TYPO_IN)) == 0:
                word = _typo(word, int(rng.integers(0, 8)))
            units.append(word)
    if not any(labels):
        if int(rng.integers(0, NEGATED_IN)) == 0:
            units.append(f"{_pick(rng, NEGATIONS)} {_pick(rng, LEXICONS[0])}")
        if int(rng.integers(0, STRAY_IN)) == 0:
            units.append(_pick(rng, LEXICONS[int(rng.integers(0, len(labels)))]))
    units.append(_pick(rng, OTHER))
    while len(units) < length:
        units.append(_pick(rng, NOISE if int(rng.integers(0, 4)) == 0 else FILLER))
    order = rng.permutation(len(units)).tolist()
    return " ".join(units[i] for i in order)


def labelled_sentences(
    rng: np.random.Generator, col: Column, n: int, n_labels: int
) -> tuple[list[str], np.ndarray]:
    """``n`` texts and their n x ``n_labels`` 0/1 labels (multilabel): labels drawn first, with
    the first one's imbalance and the others' correlation with it, then words of each positive
    label's lexicon, typos, negations and stray words."""
    if not 2 <= n_labels <= len(LEXICONS):
        raise ValueError(f"synthetic multilabel text takes 2 to {len(LEXICONS)} targets")
    low = int(col.min) if col.min is not None else WORDS[0]
    high = int(col.max) if col.max is not None else WORDS[1]
    lengths = rng.integers(low, high + 1, size=n).tolist()
    texts, target = [], []
    for length in lengths:
        labels = _draw_labels(rng, n_labels)
        texts.append(_labelled_row(rng, labels, length))
        target.append(labels)
    return texts, np.asarray(target, dtype=np.int64)
