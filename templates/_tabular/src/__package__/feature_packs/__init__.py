"""Competition-specific feature code, named by ``[features].pack`` in ``competition.toml``.

A pack is a module with ``build(both, generic) -> DataFrame``: ``both`` holds the raw train
and test rows stacked (train first), ``generic`` the role-based features of the same rows. It
returns the model matrix for those rows: extend ``generic``, or replace it. Columns of pandas
``category`` dtype are passed to LightGBM as categoricals; every other column must be numeric.
"""
