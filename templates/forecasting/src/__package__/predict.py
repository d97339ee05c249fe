"""The ``predict`` command: rewrite ``submission.csv`` from one model's saved forecast.

``train`` keeps every model's test forecast in ``forecasts.csv``; submitting a naive one (to
see where the leaderboard puts the floor) needs no refit.
"""

from pathlib import Path

import pandas as pd

from .profile import Profile
from .submission import from_forecasts, write_submission
from .train import FORECASTS


def run_prediction(profile: Profile, out_dir: Path, model: str) -> Path:
    """Write ``out_dir/submission.csv`` from ``model``'s column of ``forecasts.csv``."""
    path = out_dir / FORECASTS
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `train` first")
    forecasts = pd.read_csv(path, dtype={profile.id_col: "str"}, encoding="utf-8")
    return write_submission(from_forecasts(profile, forecasts, model), out_dir / "submission.csv")
