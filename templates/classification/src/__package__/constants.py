"""Names shared by every module: the competition, its file layout and the CV protocol.

Keeping them in one place means a new model or command cannot silently disagree with the
files Kaggle expects (column names, file names) or with the saved folds.
"""

ARCHETYPE = "classification"
COMPETITION = "titanic"
SCHEMA_VERSION = 1
DEFAULT_SEED = 42

ID_COL = "PassengerId"
TARGET_COL = "Survived"

#: Kaggle's column order, exactly as in the competition files.
TRAIN_COLUMNS = [
    "PassengerId",
    "Survived",
    "Pclass",
    "Name",
    "Sex",
    "Age",
    "SibSp",
    "Parch",
    "Ticket",
    "Fare",
    "Cabin",
    "Embarked",
]
TEST_COLUMNS = [c for c in TRAIN_COLUMNS if c != TARGET_COL]
SUBMISSION_COLUMNS = [ID_COL, TARGET_COL]

#: Dtypes Kaggle's files imply. Explicit so a column that happens to have no blanks (or only
#: blanks) in some file never changes type, and so pandas 3 text columns are always ``str``.
KAGGLE_DTYPES = {
    "PassengerId": "int64",
    "Survived": "int64",
    "Pclass": "int64",
    "Name": "str",
    "Sex": "str",
    "Age": "float64",
    "SibSp": "int64",
    "Parch": "int64",
    "Ticket": "str",
    "Fare": "float64",
    "Cabin": "str",
    "Embarked": "str",
}

TRAIN_FILE = "train.csv"
TEST_FILE = "test.csv"
GENDER_SUBMISSION_FILE = "gender_submission.csv"
SOLUTION_FILE = "_solution.csv"
MANIFEST_FILE = "_manifest.json"

#: Cross-validation protocol (archetypes.md section 2.4): computed once, saved, shared by all.
N_FOLDS = 5
FOLD_RANDOM_STATE = 0

#: Probabilities are rounded to this many decimals before they are thresholded, scored or
#: written, so the last bits of floating-point noise never flip a label.
PROBA_DECIMALS = 6
FLOAT_FORMAT = "%.6f"
