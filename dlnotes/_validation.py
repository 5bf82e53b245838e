"""Input checks shared by every public function.

Each checker raises :class:`ValueError` naming the argument, what was given and what was
expected, so that a learner's mistake is reported where it is made rather than as a silent
broadcast or a NaN three functions later. They return the (possibly converted) value so that a
public function can write ``Z = check_matrix(Z, "Z")`` and carry on.

These are private helpers: the kernels they guard are the formulas, and the formulas live in
the concept modules (``initialization``, ``optim``, ``batchnorm``, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "check_beta",
    "check_choice",
    "check_finite",
    "check_int",
    "check_matrix",
    "check_nonnegative",
    "check_one_hot",
    "check_params",
    "check_positive",
    "check_probability",
    "check_rng",
    "check_same_shape",
    "describe",
]


def describe(x: Any) -> str:
    """Short description of a value for an error message (shape for arrays)."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)) and len(x) > 6:
        return f"a {type(x).__name__} of length {len(x)}"
    return repr(x)


def check_matrix(
    x: Any,
    name: str,
    *,
    rows: int | None = None,
    cols: int | None = None,
    dtype: type = np.float64,
    finite: bool = True,
) -> np.ndarray:
    """Return ``x`` as a 2-D float array, or raise naming ``name``.

    A 1-D array is refused on purpose: the course writes a row of ``m`` labels as ``(1, m)``
    and a ``(m,)`` vector silently broadcasts into an ``(m, m)`` matrix.
    """
    if not isinstance(x, np.ndarray):
        try:
            x = np.asarray(x)
        except Exception as exc:  # pragma: no cover - numpy accepts nearly anything
            raise ValueError(f"{name} must be a 2-D array, got {describe(x)}") from exc
    if x.ndim != 2:
        hint = ""
        if x.ndim == 1:
            hint = f"; reshape a vector to (1, {x.shape[0]}) or ({x.shape[0]}, 1) explicitly"
        raise ValueError(
            f"{name} must be a 2-D array (course convention: rows are units or features, "
            f"columns are examples), got {describe(x)}{hint}"
        )
    if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
        raise ValueError(f"{name} must hold numbers, got {describe(x)}")
    if rows is not None and x.shape[0] != rows:
        raise ValueError(f"{name} must have {rows} rows, got shape {x.shape}")
    if cols is not None and x.shape[1] != cols:
        raise ValueError(f"{name} must have {cols} columns, got shape {x.shape}")
    x = x.astype(dtype, copy=False) if dtype is not None else x
    if finite:
        check_finite(x, name)
    return x


def check_finite(x: np.ndarray, name: str) -> np.ndarray:
    """Raise if ``x`` holds a NaN or an infinity."""
    if not np.all(np.isfinite(x)):
        n_bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
        raise ValueError(f"{name} must be finite, got {n_bad} NaN or infinite value(s)")
    return x


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless ``a`` and ``b`` have exactly the same shape (no broadcasting)."""
    if np.shape(a) != np.shape(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {np.shape(a)} and {np.shape(b)}"
        )


def _check_real(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        raise ValueError(f"{name} must be a real number, got {describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0."""
    v = _check_real(value, name)
    if v <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return v


def check_nonnegative(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is finite and >= 0."""
    v = _check_real(value, name)
    if v < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return v


def check_probability(value: Any, name: str = "keep_prob") -> float:
    """Return ``value`` if it lies in (0, 1] (a keep probability)."""
    v = _check_real(value, name)
    if not 0.0 < v <= 1.0:
        raise ValueError(
            f"{name} must be in (0, 1] (the probability of KEEPING a unit), got {value!r}"
        )
    return v


def check_beta(value: Any, name: str = "beta") -> float:
    """Return ``value`` if it lies in [0, 1) (an EWA decay rate)."""
    v = _check_real(value, name)
    if not 0.0 <= v < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return v


def check_int(
    value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an int if it is an integer within ``[minimum, maximum]``."""
    if isinstance(value, bool) or not isinstance(value, (Integral, np.integer)):
        raise ValueError(f"{name} must be an integer, got {describe(value)}")
    v = int(value)
    if minimum is not None and v < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {v}")
    if maximum is not None and v > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {v}")
    return v


def check_choice(value: Any, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    choices = tuple(choices)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_one_hot(Y: Any, name: str = "Y") -> np.ndarray:
    """Return ``Y`` as a float ``(C, m)`` array if every column is one-hot."""
    Y = check_matrix(Y, name)
    if Y.shape[0] < 2:
        raise ValueError(f"{name} must be one-hot with C >= 2 rows (classes), got shape {Y.shape}")
    ok_values = np.all((Y == 0) | (Y == 1))
    ok_sums = np.all(Y.sum(axis=0) == 1)
    if not (ok_values and ok_sums):
        raise ValueError(
            f"{name} must be one-hot: shape (C, m), entries 0 or 1, exactly one 1 per column; "
            f"got {describe(Y)} that is not"
        )
    return Y


def check_rng(rng: Any, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a :class:`numpy.random.Generator`.

    The project never uses numpy's global random state: pass
    ``rng=np.random.default_rng(seed)``.
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"{name} must be a numpy.random.Generator (e.g. np.random.default_rng(0)), "
            f"got {describe(rng)}"
        )
    return rng


def check_params(params: Any, name: str = "params") -> Mapping[str, np.ndarray]:
    """Return ``params`` if it is a mapping from names to arrays."""
    if not isinstance(params, Mapping) or not params:
        raise ValueError(f"{name} must be a non-empty dict of arrays, got {describe(params)}")
    for key, value in params.items():
        if not isinstance(value, np.ndarray):
            raise ValueError(f"{name}[{key!r}] must be a numpy array, got {describe(value)}")
    return params
