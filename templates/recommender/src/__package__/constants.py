"""Names shared by every module: competition slug, file names, columns and default paths.

Keeping them in one place means a schema change (or a port to another recommender competition
with the same shape) touches one file.
"""

from __future__ import annotations

from pathlib import Path

ARCHETYPE = "recommender"
SCHEMA_VERSION = 1
DEFAULT_SEED = 42

COMPETITION_SLUG = "h-and-m-personalized-fashion-recommendations"
RULES_URL = f"https://www.kaggle.com/competitions/{COMPETITION_SLUG}/rules"

K = 12  # MAP@12: the competition scores the first 12 predictions per customer.

ARTICLES_FILE = "articles.csv"
CUSTOMERS_FILE = "customers.csv"
TRANSACTIONS_FILE = "transactions_train.csv"
SAMPLE_SUBMISSION_FILE = "sample_submission.csv"
SOLUTION_FILE = "_solution.csv"  # synthetic set only: the held-out week, for offline scoring
COMPETITION_FILES = (ARTICLES_FILE, CUSTOMERS_FILE, TRANSACTIONS_FILE, SAMPLE_SUBMISSION_FILE)

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
CUSTOMER_ID_LEN = 64  # lowercase hex

# Age buckets used by the baselines: <25, 25-34, 35-49, 50+; -1 when the age is missing.
AGE_BUCKET_EDGES = (25, 35, 50)

DATA_DIR = Path("data")
RAW_DIR = DATA_DIR / "raw"
SYNTHETIC_DIR = DATA_DIR / "synthetic"
OUTPUTS_DIR = Path("outputs")
METRICS_FILE = "metrics.json"
SUBMISSION_FILE = "submission.csv"

MODEL_NAMES = ("popular", "heuristic", "two_stage")
