"""Type aliases used across dlnotes, in one place."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
"""A float64 array; in course notation usually ``(n, m)`` with examples in columns."""

Params = Mapping[str, np.ndarray]
"""Parameters keyed as in the course: ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``."""

Grads = Mapping[str, np.ndarray]
"""Gradients keyed as in the course: ``{"dW1": ..., "db1": ...}`` (or by the parameter name)."""

__all__ = ["Array", "ArrayLike", "Grads", "Params"]
