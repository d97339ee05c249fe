"""Starter for H&M-style recommendation competitions: synthetic data, MAP@12, three baselines.

Nothing heavy is imported here, so the CLI can set thread variables before numpy loads.
"""

__version__ = "0.1.0"
