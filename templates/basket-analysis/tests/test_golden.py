"""Golden SHA-256 of every output that must be byte-identical on Linux, macOS and Windows.

The synthetic files (seed 42) use only integer-safe random draws, and the baselines are
integer-only, so their bytes do not depend on the OS, CPU or Python 3.11-3.13. LightGBM outputs
(``submission.csv``, ``model.txt``, ``metrics.json``) are only reproducible on one platform and
are checked run-to-run in test_pipeline.py instead.

If you change the generator or a baseline on purpose, update the digests below (the failure
message prints the new ones).
"""

import hashlib
from pathlib import Path

GOLDEN_DATA = {
    "_solution.csv": "5bfd22e9a4b646dc61f836e857cd8477de216109e3c2d503b47e37bb1b9862cd",
    "aisles.csv": "0044be98b8e5b51f43234b8d900d7ea20dca96a2d3ecf75381d68163bb33f54a",
    "departments.csv": "e6829cea3da95ec22eeb4e0294094a68b929f3bcfda48fdd7d1e33403110fc43",
    "order_products__prior.csv": "67d1cbc65c9272d80cf8dc315f719d16c0eb98d75eb142160b7c6659923ae441",
    "order_products__train.csv": "7cc03b26854e356fe5569c393369f64e33dbd98380253dff97557e610a85826a",
    "orders.csv": "151d62ba524847fddb0b119db30a24864e861f3167ddc89908d1261dd3aadb90",
    "products.csv": "6241c48e089bb52fd21dbf4b5e52e52c9c20c2a08570797f3f89cc03e9be1be6",
    "sample_submission.csv": "e7ddd3b4ee13278e7ded040199e05d034a1b7f87c4f523f8c6d5077ce3df3bd7",
}
GOLDEN_BASELINES = {
    "submission_always_none.csv": (
        "e7ac17de5d4acca23c218aa34663b7808aa40438a02b1726221d2be408bba253"
    ),
    "submission_half_rule.csv": "5ccd96c55e8edbcbc8ac3ce4bdfd88b02e1ad117e4005925ee1984a95a047395",
    "submission_previous_basket.csv": (
        "4e8f6cbf5997766f1801aa72e3a08e77b2fa1d7b1a9e7e024e1e43a8d29c0b40"
    ),
}


def digests(folder: Path, names: list[str]) -> dict[str, str]:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in names}


def test_synthetic_files_match_golden_digests(synthetic_dir: Path) -> None:
    got = digests(synthetic_dir, sorted(GOLDEN_DATA))
    assert got == GOLDEN_DATA, f"synthetic data changed; new digests: {got}"


def test_baseline_submissions_match_golden_digests(trained: tuple[Path, object]) -> None:
    got = digests(trained[0], sorted(GOLDEN_BASELINES))
    assert got == GOLDEN_BASELINES, f"baseline outputs changed; new digests: {got}"
