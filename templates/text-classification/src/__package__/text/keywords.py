"""The keyword rule: a text is positive when it holds one of the profile's ``[text].keywords``.

What a first attempt at Disaster Tweets looks like ("fire", "flood" ...): it is fooled by
negations ("no fire") and misses misspellings and words it was not given.
"""

import re

import numpy as np
import pandas as pd


def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words or phrases, case-insensitive (``fire`` matches ``Fire!``, not ``fireman``)."""
    words = sorted(keywords, key=lambda k: (-len(k), k))  # longest first: phrases win
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def keyword_hits(texts: pd.Series, keywords: tuple[str, ...]) -> np.ndarray:
    """1.0 where a text holds a keyword, else 0.0."""
    pattern = keyword_pattern(keywords)
    return np.array([1.0 if pattern.search(t) else 0.0 for t in texts.tolist()])
