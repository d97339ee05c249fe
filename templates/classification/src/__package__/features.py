"""Feature engineering for the Titanic format (archetypes.md section 2.7).

Features are computed on train and test together where that is legitimate on Kaggle: the
ticket-group size counts people sharing a ticket across both files (test features are public;
no label is used), which is what makes "fare per person" recoverable from the ticket total.
"""

import numpy as np
import pandas as pd

from .constants import ID_COL

#: Titles normalised to five groups; everything else (Dr, Rev, Col, Countess...) is "Rare".
TITLE_GROUPS = {
    "Mr": "Mr",
    "Mrs": "Mrs",
    "Mme": "Mrs",
    "Miss": "Miss",
    "Mlle": "Miss",
    "Ms": "Miss",
    "Master": "Master",
}
TITLE_CODES = {"Mr": 0, "Mrs": 1, "Miss": 2, "Master": 3, "Rare": 4}
DECK_CODES = {deck: code for code, deck in enumerate("ABCDEFGT")}
EMBARKED_CODES = {"S": 0, "C": 1, "Q": 2}

#: Model inputs, in a fixed order (saved models are checked against it).
FEATURES = [
    "pclass",
    "male",
    "age",
    "sibsp",
    "parch",
    "family_size",
    "fare",
    "fare_per_person",
    "ticket_group_size",
    "cabin_known",
    "deck",
    "title",
    "embarked",
]


def extract_title(names: pd.Series) -> pd.Series:
    """Title between the comma and the first period: ``"Braund, Mr. Owen"`` -> ``"Mr"``."""
    return names.str.extract(r",\s*([^.]+)\.", expand=False).str.strip()


def title_group(names: pd.Series) -> pd.Series:
    """Map raw titles to Mr / Mrs / Miss / Master / Rare."""
    raw = extract_title(names)
    return raw.map(lambda t: TITLE_GROUPS.get(t, "Rare") if isinstance(t, str) else "Rare")


def build_features(train: pd.DataFrame, test: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Model matrices for train and test, indexed like the inputs, columns = ``FEATURES``.

    Missing values stay NaN (LightGBM learns where to send them) instead of being imputed.
    """
    both = pd.concat([train, test], ignore_index=True)
    ticket_size = both.groupby("Ticket", sort=True)["Ticket"].transform("size").astype(np.int64)
    family_size = both["SibSp"] + both["Parch"] + 1
    cabin = both["Cabin"]
    features = pd.DataFrame(
        {
            "pclass": both["Pclass"].astype(np.int64),
            "male": (both["Sex"] == "male").astype(np.int64),
            "age": both["Age"].astype(np.float64),
            "sibsp": both["SibSp"].astype(np.int64),
            "parch": both["Parch"].astype(np.int64),
            "family_size": family_size.astype(np.int64),
            "fare": both["Fare"].astype(np.float64),
            "fare_per_person": both["Fare"].astype(np.float64) / ticket_size,
            "ticket_group_size": ticket_size,
            "cabin_known": cabin.notna().astype(np.int64),
            "deck": cabin.str[0].map(DECK_CODES).astype(np.float64),
            "title": title_group(both["Name"]).map(TITLE_CODES).astype(np.int64),
            "embarked": both["Embarked"].map(EMBARKED_CODES).astype(np.float64),
        },
        columns=FEATURES,
    )
    features.index = both[ID_COL].to_numpy()
    features.index.name = ID_COL
    n_train = len(train)
    return features.iloc[:n_train], features.iloc[n_train:]
