"""Names that are not the competition's: default paths, model names, the synthetic H&M shape.

The competition's facts (slug, files, columns, K, window) live in competition.toml (profile.py).
"""

from __future__ import annotations

from pathlib import Path

ARCHETYPE = "recommender"
SCHEMA_VERSION = 1
DEFAULT_SEED = 42

# The synthetic generator writes H&M-shaped tables (renamed to the profile's names on writing).
ARTICLES_FILE = "articles.csv"
CUSTOMERS_FILE = "customers.csv"
TRANSACTIONS_FILE = "transactions_train.csv"
SAMPLE_SUBMISSION_FILE = "sample_submission.csv"
SOLUTION_FILE = "_solution.csv"  # synthetic set only: the held-out week, for offline scoring

ARTICLE_COLUMNS = (
    "article_id",
    "product_code",
    "prod_name",
    "product_type_no",
    "product_type_name",
    "product_group_name",
    "graphical_appearance_no",
    "graphical_appearance_name",
    "colour_group_code",
    "colour_group_name",
    "perceived_colour_value_id",
    "perceived_colour_value_name",
    "perceived_colour_master_id",
    "perceived_colour_master_name",
    "department_no",
    "department_name",
    "index_code",
    "index_name",
    "index_group_no",
    "index_group_name",
    "section_no",
    "section_name",
    "garment_group_no",
    "garment_group_name",
    "detail_desc",
)
CUSTOMER_COLUMNS = (
    "customer_id",
    "FN",
    "Active",
    "club_member_status",
    "fashion_news_frequency",
    "age",
    "postal_code",
)
TRANSACTION_COLUMNS = ("t_dat", "customer_id", "article_id", "price", "sales_channel_id")
SUBMISSION_COLUMNS = ("customer_id", "prediction")

ARTICLE_ID_LEN = 10  # zero-padded: 0108775015

# Age buckets used by the baselines: <25, 25-34, 35-49, 50+; -1 when the age is missing.
AGE_BUCKET_EDGES = (25, 35, 50)

DATA_DIR = Path("data")
RAW_DIR = DATA_DIR / "raw"
SYNTHETIC_DIR = DATA_DIR / "synthetic"
OUTPUTS_DIR = Path("outputs")
METRICS_FILE = "metrics.json"
SUBMISSION_FILE = "submission.csv"

MODEL_NAMES = ("popular", "recent_popular", "recent_unseen", "repurchase", "two_stage")
