"""Golden SHA-256 of every output that must be byte-identical on Linux, macOS and Windows.

The synthetic files (seed 42) use only integer-safe random draws, and the two baselines are
integer-only, so their bytes do not depend on the OS, CPU or Python 3.11-3.13. LightGBM outputs
(``submission.csv``, ``model.txt``, ``metrics.json``) are only reproducible on one platform and
are checked run-to-run in test_pipeline.py instead.

If you change the generator or a baseline on purpose, update the digests below (the failure
message prints the new ones).
"""

import hashlib
from pathlib import Path

GOLDEN_DATA = {
    "_solution.csv": "821aed00c6f2fae63898a56d0dffadf643b43a87bd29b550bcbabab78622c76a",
    "aisles.csv": "0044be98b8e5b51f43234b8d900d7ea20dca96a2d3ecf75381d68163bb33f54a",
    "departments.csv": "e6829cea3da95ec22eeb4e0294094a68b929f3bcfda48fdd7d1e33403110fc43",
    "order_products__prior.csv": "df35785a096f33331c6f3d9cec07ec934ac5b2673dbf13df84a2fed03a851e2e",
    "order_products__train.csv": "1d028773d5f7cfb4870d6a476e52eb192f95c162526ef428eab7041ab36aef95",
    "orders.csv": "b8cf6842645fdc610b9ac3cbecbe329fa27092b5d25ac3e9d80a082f4f81fe53",
    "products.csv": "6241c48e089bb52fd21dbf4b5e52e52c9c20c2a08570797f3f89cc03e9be1be6",
    "sample_submission.csv": "a0fe234309ec2ac8bbda8e77de26c6ee0ee174ff86f506f534a834a8dcaf4d55",
}
GOLDEN_BASELINES = {
    "submission_half_rule.csv": "c5597a08104372fe516f07fb738d23e421e67101ca55122aea190cecaa4a6a74",
    "submission_previous_basket.csv": (
        "69f76ebabd616ec0f0131201f875e9dddba46e2cca0677200c887877bd84f43c"
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
