"""Forecasting engine: time folds, naive baselines, lag/calendar features, a direct global LightGBM.

A series is one combination of the profile's series-id columns; rows are (series, date). Every
model predicts a whole horizon from data that ends the day before it, so validation mirrors test.
"""
