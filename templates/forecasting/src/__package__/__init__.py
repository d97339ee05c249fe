"""Forecasting Kaggle starter: one global LightGBM over every series, from ``competition.toml``.

Kept import-light on purpose: importing the package must not pull in numpy, pandas or
lightgbm (the CLI pins their thread pools first) and must never import ``kaggle``, which
authenticates as a side effect of being imported.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
