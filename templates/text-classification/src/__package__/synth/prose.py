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
