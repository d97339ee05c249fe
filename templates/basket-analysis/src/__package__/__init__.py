"""Instacart-format market basket starter.

Predict which previously bought products each user reorders in their next order (mean F1 with the
``None`` token), and mine association rules from past baskets. Importing the package is cheap on
purpose: numpy, pandas and LightGBM load only when a command needs them, after the CLI has pinned
every thread pool to one thread.
"""

__version__ = "0.1.0"
