"""Deterministic generator of a synthetic Titanic competition with a planted signal.

Writes Kaggle's files (``train.csv``, ``test.csv``, ``gender_submission.csv``) plus
``_solution.csv`` (the hidden test labels) so the whole pipeline, including scoring a
submission, runs offline. The bytes are identical on every OS for a given seed because:

* randomness comes only from PCG64 ``integers``, ``random`` and ``permutation`` (integer
  transforms of the bit stream), with one ``SeedSequence.spawn`` sub-stream per column group,
  so changing how one group is drawn never shifts another;
* weighted choices use a cumulative sum of *integer* weights plus ``searchsorted``;
* no ``exp``/``log``/``normal``/``poisson`` (their SIMD kernels differ across CPUs): survival
  probabilities use the rational squashing ``0.5 + 0.5*z/(1+|z|)`` (IEEE ``+ - * /`` only);
* ages and fares are integers (hundredths, ten-thousandths) formatted with integer arithmetic.

Passengers travel in parties that share a surname, a ticket, a class, a port and a cabin, and
``Fare`` is the ticket's total (as in the real data), so "fare per person" and "ticket group
size" are meaningful features.

Planted signal (archetypes.md section 2.6), ``Survived = [U < p(z)]``::

    z = k * ( 2.6*female - 1.2*[Pclass=3] + 0.9*[Pclass=1] + 2.5*[male child < 10]
              + 0.8*[2 <= fam <= 4] - 2.0*[fam >= 5] - 2.0*[female & Pclass=3 & fam >= 4]
              + 0.6*cabin_known - 1.3 )

A gender-only rule misses the interactions (boys, big families, women in 3rd class with big
families), which is what the LightGBM baseline is expected to find.
"""

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .constants import (
    DEFAULT_SEED,
    GENDER_SUBMISSION_FILE,
    ID_COL,
    MANIFEST_FILE,
    SCHEMA_VERSION,
    SOLUTION_FILE,
    TARGET_COL,
    TEST_COLUMNS,
    TEST_FILE,
    TRAIN_COLUMNS,
    TRAIN_FILE,
)
from .fileio import read_json, sha256_file, write_csv, write_json

#: Bump when the generator changes in a way that changes its output for a given seed.
GENERATOR_VERSION = 1

N_TRAIN = 891
N_TEST = 418
N_ROWS = N_TRAIN + N_TEST

#: Scale k of the planted score. The rational squashing has much heavier tails than the logistic
#: curve of the prototype (k = 1.5): at z = -5 it leaves 8 % survivors where the logistic
#: leaves 0.7 %. k = 4 keeps the archetypes.md section 10 margins (accuracy +0.05, ROC-AUC
#: +0.15 over the gender model) with room on seeds 42, 7, 123, 0 and 1 (numbers in README).
SIGNAL_SCALE = 4.0

#: One independent random stream per column group, in this fixed order.
STREAMS = (
    "parties",
    "people",
    "names",
    "tickets",
    "fares",
    "cabins",
    "embarked",
    "blanks",
    "survival",
    "order",
)

# Party (family / travelling group) sizes and how many parties of each size: the real family
# sizes, with a few more mid-size families so boys and big families are not too rare.
PARTY_SIZES = np.array([1, 2, 3, 4, 5, 6, 7, 8], dtype=np.int64)
PARTY_WEIGHTS = [700, 118, 53, 20, 10, 8, 3, 1]
# Class weights (1st, 2nd, 3rd) for people travelling alone, parties of two to four (many
# 1st-class couples and families) and parties of five or more (nearly all 3rd class).
CLASS_WEIGHTS_ALONE = [15, 23, 62]
CLASS_WEIGHTS_SMALL = [45, 15, 40]
CLASS_WEIGHTS_LARGE = [5, 10, 85]

# Name pools, packed by hand (the formatter would put one name per line).
# fmt: off
SURNAMES = (
    "Abbott", "Allen", "Andersson", "Asplund", "Baclini", "Baxter", "Becker", "Beckwith",
    "Boulos", "Brown", "Caldwell", "Carlsson", "Carter", "Chambers", "Collins", "Connolly",
    "Cook", "Coutts", "Davies", "Davison", "Dean", "Dodge", "Duff", "Elias", "Ford", "Fortune",
    "Goldsmith", "Goodwin", "Graham", "Hansen", "Harper", "Harris", "Hart", "Hays", "Herman",
    "Hickman", "Hirvonen", "Hocking", "Hold", "Hoyt", "Jacobsohn", "Jensen", "Johnson",
    "Johnston", "Jussila", "Kantor", "Keane", "Kelly", "Kink", "Lahtinen", "Laroche", "Lefebre",
    "Lindqvist", "Lobb", "Madsen", "Mallet", "McCarthy", "McCoy", "Meyer", "Minahan", "Moor",
    "Moran", "Murphy", "Nakid", "Navratil", "Newell", "Nicholls", "Nilsson", "O'Brien", "Olsen",
    "Oreskovic", "Palsson", "Panula", "Peter", "Phillips", "Quick", "Renouf", "Rice", "Richards",
    "Rosblom", "Ryerson", "Sage", "Sandstrom", "Sinkkonen", "Skoog", "Smith", "Spedden", "Strom",
    "Taussig", "Thayer", "Thomas", "Touma", "Turpin", "Watt", "Webber", "West", "Wick",
    "Williams", "Yasbeck", "Zabour",
)
MALE_FIRST = (
    "Albert", "Alfred", "Arthur", "August", "Charles", "Daniel", "David", "Edward", "Ernest",
    "Frank", "Frederick", "George", "Harry", "Henry", "Herbert", "Hugh", "James", "Johan", "John",
    "Joseph", "Karl", "Leo", "Martin", "Michael", "Nils", "Olaf", "Oscar", "Patrick", "Peter",
    "Richard", "Robert", "Samuel", "Thomas", "Walter", "William", "Youssef",
)
FEMALE_FIRST = (
    "Ada", "Agnes", "Alice", "Anna", "Annie", "Bertha", "Catherine", "Edith", "Elizabeth",
    "Ellen", "Emily", "Emma", "Eva", "Florence", "Grace", "Hanna", "Helen", "Ida", "Jane",
    "Julia", "Kate", "Lily", "Margaret", "Maria", "Marie", "Martha", "Mary", "Nora", "Ruth",
    "Sarah", "Selma", "Sofia", "Susan", "Violet",
)
# fmt: on
RARE_MALE_TITLES = ("Dr", "Rev", "Col", "Major", "Capt", "Don", "Jonkheer", "Sir")
RARE_FEMALE_TITLES = ("Ms", "Mlle", "Mme", "Lady", "the Countess", "Dr", "Dona")

# Tickets: a distinct number per party, offset by class, sometimes with a Kaggle-style prefix.
TICKET_BASE = {1: 110000, 2: 200000, 3: 300000}
TICKET_PREFIX_PCT = {1: 30, 2: 20, 3: 25}
TICKET_PREFIXES = {
    1: ("PC",),
    2: ("C.A.", "SC/PARIS", "S.O.C.", "F.C.C.", "W./C."),
    3: ("A/5", "STON/O2.", "SOTON/O.Q.", "C.A.", "W./C.", "A/4"),
}
# Fare per person in ten-thousandths of a pound: (minimum, width of the uniform range).
FARE_PER_PERSON = {1: (250000, 600000), 2: (100000, 50000), 3: (68000, 20000)}

CABIN_KNOWN_PCT = {1: 80, 2: 20, 3: 5}
DECKS = {1: ("A", "B", "C", "D", "E"), 2: ("D", "E", "F"), 3: ("E", "F", "G")}
DECK_WEIGHTS = {1: [15, 30, 35, 12, 8], 2: [20, 30, 50], 3: [30, 45, 25]}

PORTS = ("S", "C", "Q")
PORT_WEIGHTS = {1: [59, 40, 1], 2: [89, 9, 2], 3: [72, 13, 15]}

# Percent of children (0 to CHILD_MAX_YEARS) by party size: none alone, many in big families.
CHILD_PCT_PAIR_TO_FOUR = 20
CHILD_PCT_FIVE_PLUS = 40
CHILD_MAX_YEARS = 11
# Adult age bands (years, inclusive) and weights.
ADULT_AGE_BANDS = ((14, 19), (20, 29), (30, 39), (40, 49), (50, 59), (60, 74))
ADULT_AGE_WEIGHTS = [12, 35, 25, 14, 9, 5]
INFANT_AGES = np.array([42, 67, 75, 83, 92], dtype=np.int64)  # hundredths of a year
# Percent of blank ages by class (about 20 % overall, most of them in 3rd class).
AGE_BLANK_PCT = {1: 14, 2: 6, 3: 27}


def weighted_choice(rng: np.random.Generator, weights: Sequence[int], size: int) -> np.ndarray:
    """Indices drawn with probability proportional to integer ``weights``.

    ``Generator.choice(p=...)`` compares floats against a float CDF; an integer draw against
    an integer cumulative sum is exact, hence identical on every platform.
    """
    cumulative = np.cumsum(np.asarray(weights, dtype=np.int64))
    draws = rng.integers(0, cumulative[-1], size=size)
    return np.searchsorted(cumulative, draws, side="right")


def squash(z: np.ndarray) -> np.ndarray:
    """Map a logit-like score to (0, 1) with IEEE arithmetic only (no ``exp``)."""
    return 0.5 + 0.5 * z / (1.0 + np.abs(z))


def planted_score(
    female: np.ndarray,
    pclass: np.ndarray,
    age_years: np.ndarray,
    family_size: np.ndarray,
    cabin_known: np.ndarray,
    scale: float = SIGNAL_SCALE,
) -> np.ndarray:
    """The planted survival score ``z`` of archetypes.md section 2.6 (``age_years``: true age)."""
    f = female.astype(np.float64)
    male_child = (~female & (age_years < 10)).astype(np.float64)
    z = (
        2.6 * f
        - 1.2 * (pclass == 3)
        + 0.9 * (pclass == 1)
        + 2.5 * male_child
        + 0.8 * ((family_size >= 2) & (family_size <= 4))
        - 2.0 * (family_size >= 5)
        - 2.0 * (female & (pclass == 3) & (family_size >= 4))
        + 0.6 * cabin_known
        - 1.3
    )
    return scale * z


def format_fixed(values: np.ndarray, scale: int) -> list[str]:
    """Format integer multiples of ``1/scale`` like Kaggle does (``22``, ``0.42``, ``7.25``).

    Pure integer arithmetic and string operations, so no float-to-text rounding can differ.
    """
    digits = len(str(scale)) - 1
    out = []
    for v in values.tolist():
        whole, frac = divmod(int(v), scale)
        text = f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")
        out.append(text)
    return out


def _streams(seed: int) -> dict[str, np.random.Generator]:
    children = np.random.SeedSequence(seed).spawn(len(STREAMS))
    return {
        name: np.random.default_rng(child) for name, child in zip(STREAMS, children, strict=True)
    }


def _pick(rng: np.random.Generator, pool: Sequence[str], size: int) -> np.ndarray:
    """Uniform choice from a string pool via integer indices (``choice`` without ``p``)."""
    return np.asarray(pool, dtype=object)[rng.integers(0, len(pool), size=size)]


def _draw_parties(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Party sizes summing to exactly ``N_ROWS`` and each party's class."""
    sizes = PARTY_SIZES[weighted_choice(rng, PARTY_WEIGHTS, N_ROWS)]
    cumulative = np.cumsum(sizes)
    n_parties = int(np.searchsorted(cumulative, N_ROWS)) + 1
    sizes = sizes[:n_parties].copy()
    sizes[-1] -= int(cumulative[n_parties - 1]) - N_ROWS  # trim the last party to fit
    alone = weighted_choice(rng, CLASS_WEIGHTS_ALONE, n_parties) + 1
    small = weighted_choice(rng, CLASS_WEIGHTS_SMALL, n_parties) + 1
    large = weighted_choice(rng, CLASS_WEIGHTS_LARGE, n_parties) + 1
    pclass = np.where(sizes >= 5, large, np.where(sizes >= 2, small, alone))
    return sizes, pclass


def _draw_people(rng: np.random.Generator, family_size: np.ndarray) -> dict[str, np.ndarray]:
    """Sex, true age (hundredths of a year) and the SibSp/Parch split of each passenger."""
    n = family_size.size
    child_pct = np.where(
        family_size >= 5, CHILD_PCT_FIVE_PLUS, np.where(family_size >= 2, CHILD_PCT_PAIR_TO_FOUR, 0)
    )
    child = rng.integers(0, 100, size=n) < child_pct
    male_pct = np.where(child, 50, 66)
    male = rng.integers(0, 100, size=n) < male_pct

    child_years = rng.integers(0, CHILD_MAX_YEARS + 1, size=n)
    infant = INFANT_AGES[rng.integers(0, INFANT_AGES.size, size=n)]
    child_age = np.where(child_years == 0, infant, child_years * 100)
    band = weighted_choice(rng, ADULT_AGE_WEIGHTS, n)
    low = np.array([b[0] for b in ADULT_AGE_BANDS], dtype=np.int64)[band]
    high = np.array([b[1] for b in ADULT_AGE_BANDS], dtype=np.int64)[band]
    adult_years = rng.integers(low, high + 1)
    half = rng.integers(0, 100, size=n) < 6  # estimated ages "xx.5", as in the real data
    adult_age = adult_years * 100 + 50 * half
    age = np.where(child, child_age, adult_age)

    # Children travel with at least one parent; adults split companions at random.
    companions = family_size - 1
    parch_child = rng.integers(1, np.maximum(companions, 1) + 1)
    parch_adult = rng.integers(0, companions + 1)
    parch = np.where(child, parch_child, parch_adult)
    sibsp = companions - parch
    return {"male": male, "child": child, "age": age, "sibsp": sibsp, "parch": parch}


def _draw_names(
    rng: np.random.Generator,
    party_of: np.ndarray,
    n_parties: int,
    male: np.ndarray,
    child: np.ndarray,
    family_size: np.ndarray,
) -> list[str]:
    """``"Surname, Title. Given names"``: Master/Miss for children, Mr/Mrs/Miss/rare for adults.

    The title is how a model can spot a boy whose age is blank, as on the real Titanic.
    """
    n = male.size
    surname = _pick(rng, SURNAMES, n_parties)[party_of]
    first_m = _pick(rng, MALE_FIRST, n)
    first_f = _pick(rng, FEMALE_FIRST, n)
    middle_m = _pick(rng, MALE_FIRST, n)
    middle_f = _pick(rng, FEMALE_FIRST, n)
    has_middle = rng.integers(0, 100, size=n) < 40
    maiden = _pick(rng, SURNAMES, n)
    rare_m = _pick(rng, RARE_MALE_TITLES, n)
    rare_f = _pick(rng, RARE_FEMALE_TITLES, n)
    rare = rng.integers(0, 100, size=n) < 3
    married_pct = np.where(family_size >= 2, 65, 35)
    married = rng.integers(0, 100, size=n) < married_pct
    husband_style = rng.integers(0, 100, size=n) < 50  # "Mrs. John Smith (Mary Jones)"

    names = []
    for i in range(n):
        young = child[i]
        if male[i]:
            title = "Master" if young else (rare_m[i] if rare[i] else "Mr")
            given = first_m[i] + (f" {middle_m[i]}" if has_middle[i] else "")
        elif young or not married[i]:
            title = "Miss" if young or not rare[i] else rare_f[i]
            given = first_f[i] + (f" {middle_f[i]}" if has_middle[i] else "")
        else:
            title = rare_f[i] if rare[i] else "Mrs"
            if husband_style[i]:
                given = f"{first_m[i]} ({first_f[i]} {maiden[i]})"
            else:
                given = first_f[i] + (f" {middle_f[i]}" if has_middle[i] else "")
        names.append(f"{surname[i]}, {title}. {given}")
    return names


def _draw_tickets(rng: np.random.Generator, pclass: np.ndarray) -> list[str]:
    """One distinct ticket per party (distinct numbers, so prefixes can never collide)."""
    n_parties = pclass.size
    numbers = rng.permutation(90000)[:n_parties]
    prefix_draw = rng.integers(0, 100, size=n_parties)
    prefix_index = rng.integers(0, 1 << 30, size=n_parties)
    tickets = []
    for c, k, draw, idx in zip(
        pclass.tolist(), numbers.tolist(), prefix_draw.tolist(), prefix_index.tolist(), strict=True
    ):
        number = str(TICKET_BASE[c] + k)
        if draw < TICKET_PREFIX_PCT[c]:
            prefixes = TICKET_PREFIXES[c]
            number = f"{prefixes[idx % len(prefixes)]} {number}"
        tickets.append(number)
    return tickets


def _draw_fares(rng: np.random.Generator, pclass: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Ticket totals in ten-thousandths: per-person fare by class times party size."""
    low = np.array([FARE_PER_PERSON[c][0] for c in pclass.tolist()], dtype=np.int64)
    width = np.array([FARE_PER_PERSON[c][1] for c in pclass.tolist()], dtype=np.int64)
    per_person = rng.integers(low, low + width)
    return per_person * sizes


def _draw_cabins(rng: np.random.Generator, pclass: np.ndarray) -> np.ndarray:
    """A cabin per party, known with probability 0.8 / 0.2 / 0.05 by class, else None."""
    n_parties = pclass.size
    known_pct = np.array([CABIN_KNOWN_PCT[c] for c in pclass.tolist()], dtype=np.int64)
    known = rng.integers(0, 100, size=n_parties) < known_pct
    number = rng.integers(1, 149, size=n_parties)
    deck = np.empty(n_parties, dtype=object)
    for c in (1, 2, 3):
        idx = np.flatnonzero(pclass == c)
        deck[idx] = np.asarray(DECKS[c], dtype=object)[
            weighted_choice(rng, DECK_WEIGHTS[c], idx.size)
        ]
    cabins = np.empty(n_parties, dtype=object)
    for i in np.flatnonzero(known).tolist():
        cabins[i] = f"{deck[i]}{number[i]}"
    return cabins


def _draw_ports(rng: np.random.Generator, pclass: np.ndarray) -> np.ndarray:
    """Port of embarkation per party, with class-dependent odds (Cherbourg: many 1st class)."""
    ports = np.empty(pclass.size, dtype=object)
    for c in (1, 2, 3):
        idx = np.flatnonzero(pclass == c)
        ports[idx] = np.asarray(PORTS, dtype=object)[
            weighted_choice(rng, PORT_WEIGHTS[c], idx.size)
        ]
    return ports


def generate(seed: int = DEFAULT_SEED, scale: float = SIGNAL_SCALE) -> dict[str, pd.DataFrame]:
    """Build the four competition tables for ``seed`` (pure function of seed and ``scale``).

    A smaller ``scale`` makes survival noisier, hence the competition harder.
    """
    rng = _streams(seed)

    sizes, party_class = _draw_parties(rng["parties"])
    n_parties = sizes.size
    party_of = np.repeat(np.arange(n_parties), sizes)
    family_size = sizes[party_of]
    pclass = party_class[party_of]

    people = _draw_people(rng["people"], family_size)
    names = _draw_names(
        rng["names"], party_of, n_parties, people["male"], people["child"], family_size
    )
    tickets = np.asarray(_draw_tickets(rng["tickets"], party_class), dtype=object)[party_of]
    fares = _draw_fares(rng["fares"], party_class, sizes)[party_of]
    cabins = _draw_cabins(rng["cabins"], party_class)[party_of]
    ports = _draw_ports(rng["embarked"], party_class)[party_of]

    blanks = rng["blanks"]
    age_blank_pct = np.array([AGE_BLANK_PCT[c] for c in pclass.tolist()], dtype=np.int64)
    age_blank = blanks.integers(0, 100, size=N_ROWS) < age_blank_pct

    female = ~people["male"]
    cabin_known = np.array([c is not None for c in cabins.tolist()])
    z = planted_score(female, pclass, people["age"] / 100, family_size, cabin_known, scale)
    survived = (rng["survival"].random(N_ROWS) < squash(z)).astype(np.int64)

    # Shuffle passengers so parties spread over train and test, then number them.
    order = rng["order"].permutation(N_ROWS)
    age_text = np.asarray(format_fixed(people["age"], 100), dtype=object)
    age_text[age_blank] = None
    fare_text = np.asarray(format_fixed(fares, 10000), dtype=object)
    frame = pd.DataFrame(
        {
            ID_COL: np.arange(1, N_ROWS + 1, dtype=np.int64),
            TARGET_COL: survived[order],
            "Pclass": pclass[order],
            "Name": np.asarray(names, dtype=object)[order],
            "Sex": np.where(people["male"], "male", "female")[order],
            "Age": age_text[order],
            "SibSp": people["sibsp"][order],
            "Parch": people["parch"][order],
            "Ticket": tickets[order],
            "Fare": fare_text[order],
            "Cabin": cabins[order],
            "Embarked": ports[order],
        }
    )
    # Like Kaggle's files: two train rows without a port, one test row without a fare.
    no_port = blanks.permutation(N_TRAIN)[:2]
    frame.loc[no_port, "Embarked"] = None
    no_fare = N_TRAIN + int(blanks.integers(0, N_TEST))
    frame.loc[no_fare, "Fare"] = None

    train = frame.iloc[:N_TRAIN][TRAIN_COLUMNS].reset_index(drop=True)
    test_rows = frame.iloc[N_TRAIN:].reset_index(drop=True)
    test = test_rows[TEST_COLUMNS]
    gender = pd.DataFrame(
        {ID_COL: test_rows[ID_COL], TARGET_COL: (test_rows["Sex"] == "female").astype(np.int64)}
    )
    solution = test_rows[[ID_COL, TARGET_COL]]
    return {
        TRAIN_FILE: train,
        TEST_FILE: test,
        GENDER_SUBMISSION_FILE: gender,
        SOLUTION_FILE: solution,
    }


def write_synthetic(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the synthetic competition to ``out_dir`` plus a manifest recording the seed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [write_csv(df, out_dir / name) for name, df in generate(seed).items()]
    manifest = {
        "competition": "titanic",
        "files": {p.name: sha256_file(p) for p in paths},
        "generator_version": GENERATOR_VERSION,
        "schema_version": SCHEMA_VERSION,
        "seed": seed,
    }
    paths.append(write_json(manifest, out_dir / MANIFEST_FILE))
    return paths


def synthetic_seed(data_dir: Path) -> int | None:
    """Seed recorded in ``data_dir``'s manifest, or None when the files are missing or edited."""
    manifest_path = data_dir / MANIFEST_FILE
    if not manifest_path.is_file():
        return None
    manifest = read_json(manifest_path)
    if manifest.get("generator_version") != GENERATOR_VERSION:
        return None
    for name, digest in manifest.get("files", {}).items():
        path = data_dir / name
        if not path.is_file() or sha256_file(path) != digest:
            return None
    return int(manifest["seed"])


def ensure_synthetic(data_dir: Path, seed: int | None) -> tuple[int, bool]:
    """Make sure ``data_dir`` holds intact synthetic data for ``seed``.

    ``seed=None`` means "whatever is there, else the default". Returns the seed in use and
    whether files were (re)written, so callers can print a one-line note.
    """
    existing = synthetic_seed(data_dir)
    wanted = seed if seed is not None else (existing if existing is not None else DEFAULT_SEED)
    if existing == wanted:
        return wanted, False
    write_synthetic(data_dir, wanted)
    return wanted, True
