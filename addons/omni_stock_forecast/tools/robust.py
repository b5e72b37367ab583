# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Robust scores for anomalies: how many (scaled) median absolute deviations a value
lies above the median of its reference values. No model, nothing to train: the
median and the MAD of what the same store, user or route usually does."""

import statistics

MAD_SCALE = 1.4826  # MAD x 1.4826 estimates the standard deviation of normal data


def median_mad(values):
    values = [float(v) for v in values]
    if not values:
        return 0.0, 0.0
    med = statistics.median(values)
    return med, statistics.median(abs(v - med) for v in values)


def robust_z(value, reference, floor=1.0):
    """``(value - median) / max(1.4826 x MAD, floor)`` over ``reference``; the floor
    keeps a flat history (MAD 0) from turning any small change into a huge score.
    Without reference values, the median is 0."""
    med, mad = median_mad(reference)
    return (float(value) - med) / max(MAD_SCALE * mad, floor)
