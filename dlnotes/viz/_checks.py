"""The argument checks every ``plot_*`` helper shares: what may be drawn, and what may not.

A plot helper takes numbers that it draws: a NaN or an infinity would silently leave a gap (or
an empty panel), a complex number would be cut to its real part, a string or None would reach
numpy or matplotlib and come back as their error. Each helper checks its arguments once, at
entry, with these functions (built on :mod:`dlnotes._validation`), and raises a ``ValueError``
or ``TypeError`` naming the argument, what was given and what was expected. Where a NaN has a
documented meaning (a diverged run: a trial scored NaN, a layer's histogram after the
divergence), the helper says so and lets it through; an infinity never passes.

The explorers call the helpers once, when they build their figure; a slider's redraw goes to
the private ``_update_*`` functions, so nothing here runs on a slider move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from .._validation import (
    ArgumentTypeError,
    check_array,
    check_int,
    check_real,
    describe,
)

__all__ = [
    "check_bins",
    "check_labels",
    "check_layers",
    "check_mapping",
    "check_optional_real",
    "check_pair",
    "check_resolution",
    "check_values",
]


def check_values(
    x: Any,
    name: str,
    *,
    ndim: int = 1,
    nonempty: bool = True,
    nan: str = "",
    low: float | None = None,
    high: float | None = None,
    length: int | None = None,
) -> np.ndarray:
    """``x`` as a float64 array of ``ndim`` dimensions to draw, or raise naming ``name``.

    Refused: what :func:`dlnotes._validation.check_array` refuses (None, strings, complex
    numbers, objects, ragged lists, the wrong number of dimensions), no entries at all when
    ``nonempty``, an infinity, and a NaN unless ``nan`` says what a NaN means there (then it
    is let through). ``low`` and ``high`` bound the finite values; ``length`` is the size of
    the first axis.

    >>> check_values([0.5, np.nan], "scores", nan="a diverged run")
    array([0.5, nan])
    >>> check_values([1.0, -2.0], "stds", low=0.0)
    Traceback (most recent call last):
    ...
    ValueError: stds must be >= 0, got a minimum of -2
    """
    x = check_array(x, name, ndim=ndim, nonempty=nonempty, finite=not nan)
    if nan and np.isinf(x).any():
        raise ValueError(
            f"{name} must be finite (NaN is allowed: {nan}), got "
            f"{int(np.count_nonzero(np.isinf(x)))} infinite value(s)"
        )
    if length is not None and x.shape[0] != length:
        raise ValueError(f"{name} must have {length} values along its first axis, got "
                         f"{describe(x)}")
    if (low is not None or high is not None) and x.size:
        finite = x[np.isfinite(x)] if nan else x
        if finite.size and low is not None and finite.min() < low:
            raise ValueError(f"{name} must be >= {low:g}, got a minimum of {finite.min():g}")
        if finite.size and high is not None and finite.max() > high:
            raise ValueError(f"{name} must be <= {high:g}, got a maximum of {finite.max():g}")
    return x


def check_layers(layers: Any, name: str) -> list[np.ndarray]:
    """A non-empty sequence of finite real 2-D arrays, one per layer (``[A1, A2, ...]``).

    >>> [a.shape for a in check_layers([np.ones((2, 3)), np.zeros((4, 3))], "Z")]
    [(2, 3), (4, 3)]
    >>> check_layers(np.ones((2, 3)), "Z")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Z[0] must be a 2-D array (n_l, m), ... wrap a single layer's array as [A]
    """
    if layers is None or isinstance(layers, (str, bytes, Mapping)) \
            or not isinstance(layers, Iterable):
        raise ArgumentTypeError(
            f"{name} must be a sequence of arrays, one (n_l, m) per layer, got {describe(layers)}"
        )
    out = []
    for l, A in enumerate(layers):  # noqa: E741 - the course's layer index
        A = check_array(A, f"{name}[{l}]")
        if A.ndim != 2:
            raise ValueError(
                f"{name}[{l}] must be a 2-D array (n_l, m), got {describe(A)}; a sequence of "
                f"layers is expected: wrap a single layer's array as [A]"
            )
        out.append(A)
    if not out:
        raise ValueError(f"{name} must hold at least one layer, got {describe(layers)}")
    return out


def check_mapping(
    d: Any, name: str, what: str, *, keys: Sequence[str] | None = None
) -> Mapping[str, Any]:
    """A non-empty dict with string keys (exactly ``keys`` if given), ``what`` its values.

    >>> check_mapping([1.0], "sparsities", "a curve per penalty")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dlnotes._validation.ArgumentTypeError: sparsities must be a dict from a label to a curve ...
    """
    if not isinstance(d, Mapping):
        raise ArgumentTypeError(f"{name} must be a dict from a label to {what}, got {describe(d)}")
    if not d:
        raise ValueError(f"{name} must hold at least one entry ({what}), got {describe(d)}")
    for key in d:
        if not isinstance(key, str):
            raise ArgumentTypeError(
                f"{name} must have string labels as keys, got the key {describe(key, 40)} of "
                f"type {type(key).__name__}"
            )
    if keys is not None and set(d) != set(keys):
        missing = [k for k in keys if k not in d]
        extra = [k for k in d if k not in keys]
        raise ValueError(
            f"{name} must have the keys {', '.join(map(repr, keys))}; "
            + "; ".join(part for part in (
                f"missing {', '.join(map(repr, missing))}" if missing else "",
                f"unexpected {describe(extra, 60)}" if extra else "") if part)
        )
    return d


def check_pair(value: Any, name: str, *, increasing: bool = True) -> tuple[float, float]:
    """``(low, high)``: two finite real numbers, ``low < high`` when ``increasing``.

    >>> check_pair((4, 3), "figsize", increasing=False)
    (4.0, 3.0)
    """
    pair = check_array(value, name, ndim=1)
    if pair.shape != (2,) or (increasing and not pair[0] < pair[1]):
        order = " with low < high" if increasing else ""
        raise ValueError(f"{name} must be a pair (low, high){order}, got {describe(value)}")
    return float(pair[0]), float(pair[1])


def check_bins(bins: Any, name: str = "bins") -> int:
    """A number of histogram bins: an integer in ``[1, 10000]``."""
    return check_int(bins, name, minimum=1, maximum=10_000)


def check_resolution(resolution: Any, name: str = "resolution") -> int:
    """Grid points per axis: an integer in ``[2, 1000]`` (a million points at most)."""
    return check_int(resolution, name, minimum=2, maximum=1000)


def check_labels(labels: Any, name: str, n: int) -> list[str] | None:
    """None, or ``n`` strings (a label per bar, layer or class)."""
    if labels is None:
        return None
    if isinstance(labels, (str, bytes, Mapping)) or not isinstance(labels, Iterable):
        raise ArgumentTypeError(f"{name} must be a sequence of {n} strings, got {describe(labels)}")
    labels = list(labels)
    if len(labels) != n or not all(isinstance(s, str) for s in labels):
        raise ValueError(f"{name} must be a sequence of {n} strings, got {describe(labels)}")
    return labels


def check_optional_real(value: Any, name: str) -> float | None:
    """None, or a finite real number."""
    return None if value is None else check_real(value, name)

