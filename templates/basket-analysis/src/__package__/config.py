"""Names and defaults shared by every command, kept in one place so they cannot drift apart."""

from __future__ import annotations

from pathlib import Path

ARCHETYPE = "basket-analysis"
SCHEMA_VERSION = 1
DEFAULT_SEED = 42

# Paths are relative to the working directory: run commands from the project root.
RAW_DIR = Path("data/raw")
SYNTHETIC_DIR = Path("data/synthetic")
OUTPUT_DIR = Path("outputs")

ORDERS = "orders.csv"
PRIOR = "order_products__prior.csv"
TRAIN = "order_products__train.csv"
PRODUCTS = "products.csv"
AISLES = "aisles.csv"
DEPARTMENTS = "departments.csv"
SAMPLE_SUBMISSION = "sample_submission.csv"
SOLUTION = "_solution.csv"

# What `train` needs; products/aisles/departments are only used by `rules`.
TRAINING_FILES = (ORDERS, PRIOR, TRAIN)

NONE_TOKEN = "None"

# Association rules defaults (share of orders, P(consequent | antecedent), itemset size);
# the itemset size and one-item consequents follow arules' apriori.
RULES_MIN_SUPPORT = 0.01
RULES_MIN_CONFIDENCE = 0.2
RULES_MAX_LEN = 10
MODELS = ("previous_basket", "half_rule", "always_none", "lightgbm_f1")
