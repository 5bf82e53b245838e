"""Input checks shared by every public function.

Each checker raises :class:`ValueError` naming the argument, what was given and what was
expected, so that a learner's mistake is reported where it is made rather than as a silent
broadcast or a NaN three functions later. They return the (possibly converted) value so that a
public function can write ``Z = check_matrix(Z, "Z")`` and carry on.

A value of the wrong *kind* (a string, a complex number, a class where an instance is meant, a
list where a dict is meant) raises :class:`ArgumentTypeError`, which is both a ``TypeError`` (what
it is) and a ``ValueError`` (so that ``except ValueError`` around a call keeps catching every
input error).

Messages stay short: what was given is summarized by :func:`describe` (shape and dtype for an
array, the length of a long list, the keys of a dict), never printed, and :func:`shorten` caps a
message at :data:`MAX_MESSAGE` characters.

These are private helpers: the kernels they guard are the formulas, and the formulas live in
the concept modules (``initialization``, ``optim``, ``batchnorm``, ...).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "MAX_MESSAGE",
    "ArgumentTypeError",
    "check_array",
    "check_beta",
    "check_choice",
    "check_finite",
    "check_flag",
    "check_in_range",
    "check_instance",
    "check_int",
    "check_kwargs",
    "check_matrix",
    "check_nonnegative",
    "check_one_hot",
    "check_optimizer",
    "check_params",
    "check_positive",
    "check_probability",
    "check_real",
    "check_rng",
    "check_same_shape",
    "describe",
    "did_you_mean",
    "float_range_guard",
    "shorten",
]

MAX_MESSAGE = 300
"""The longest error message a check may raise, in characters."""


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong kind: a ``TypeError`` that ``except ValueError`` also catches."""


# --------------------------------------------------------------------------- summaries


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut.

    >>> shorten("abcdef", 4)
    'abc…'
    """
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(x: Any) -> str:
    name = type(x).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def describe(x: Any, limit: int = 80) -> str:
    """Short description of a value for an error message, never longer than ``limit`` chars.

    Arrays are described by shape and dtype, long sequences by their length, dicts by their
    keys, classes by name; anything else by its ``repr``, cut short.

    >>> import numpy as np
    >>> describe(np.zeros((2, 3)))
    'an array of shape (2, 3) and dtype float64'
    >>> describe(list(range(100)))
    'a list of length 100'
    >>> describe({"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))})
    "a dict with keys 'W1', 'b1'"
    """
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, type):
        return f"the class {x.__name__}"
    if isinstance(x, Mapping):
        keys = ", ".join(repr(k) for k in list(x)[:8]) + (", ..." if len(x) > 8 else "")
        text = f"a {type(x).__name__} with keys {keys}" if x else f"an empty {type(x).__name__}"
        return shorten(text, limit)
    if isinstance(x, tuple) and hasattr(x, "_fields"):  # a NamedTuple: Model, History, ...
        return shorten(f"{_kind(x)} (fields {', '.join(x._fields)})", limit)
    if isinstance(x, (list, tuple)):
        r = repr(x)
        if len(x) > 6 or len(r) > limit or any(isinstance(v, np.ndarray) for v in x):
            return f"a {type(x).__name__} of length {len(x)}"
        return r
    r = repr(x)
    if len(r) <= limit:
        return r
    if hasattr(x, "__len__"):
        try:
            return f"{_kind(x)} of length {len(x)}"
        except TypeError:
            pass
    return shorten(r, limit)


def did_you_mean(word: Any, choices: Iterable[Any]) -> str:
    """``" (did you mean 'x'?)"`` for the closest of ``choices``, or ``""``.

    >>> did_you_mean("decay", ["decay_rate", "epochs"])
    " (did you mean 'decay_rate'?)"
    """
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close:  # a prefix or a case slip: 'decay' for 'decay_rate', 'w2' for 'W2'
        lowered = str(word).lower()
        close = [str(c) for c in choices
                 if str(c).lower() == lowered or str(c).lower().startswith(lowered)][:1]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _quoted(names: Iterable[Any], limit: int = 120) -> str:
    return shorten(", ".join(repr(n) for n in names), limit)


# --------------------------------------------------------------------------- arrays


def check_array(
    x: Any,
    name: str,
    *,
    ndim: int | None = None,
    dtype: type | None = np.float64,
    finite: bool = True,
    nonempty: bool = False,
) -> np.ndarray:
    """Return ``x`` as an array of real numbers (float64 by default), or raise naming ``name``.

    Refused with :class:`ArgumentTypeError`: ``None``, strings, complex numbers (numpy would
    silently keep only the real part), Python objects. Refused with ``ValueError``: ragged
    nested lists, the wrong number of dimensions, NaN or infinity (unless ``finite=False``),
    no entries at all (when ``nonempty``).

    >>> check_array([1, 2], "x")
    array([1., 2.])
    >>> check_array([1 + 2j], "x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dlnotes._validation.ArgumentTypeError: x must hold real numbers, got complex numbers ...
    """
    if type(x) is np.ndarray and x.dtype == np.float64 and dtype in (np.float64, None):
        pass  # the common case (a training step's own arrays): nothing to convert or refuse
    elif x is None or isinstance(x, (str, bytes, Mapping)) or callable(x):
        raise ArgumentTypeError(f"{name} must be an array of numbers, got {describe(x)}")
    elif not isinstance(x, np.ndarray):
        try:
            x = np.asarray(x)
        except (ValueError, TypeError) as exc:  # ragged lists, unconvertible objects
            raise ValueError(
                f"{name} must be an array of numbers with one length per axis (not a ragged "
                f"list), got {describe(x)}"
            ) from exc
    if x.dtype.kind == "c":
        raise ArgumentTypeError(
            f"{name} must hold real numbers, got complex numbers ({describe(x)}); numpy would "
            f"silently drop the imaginary part: pass np.real(...) or np.abs(...) explicitly"
        )
    if x.dtype.kind not in "biuf":
        raise ArgumentTypeError(f"{name} must hold numbers, got {describe(x)}")
    if ndim is not None and x.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array, got {describe(x)}")
    if nonempty and x.size == 0:
        raise ValueError(f"{name} must have at least one entry, got {describe(x)}")
    x = x.astype(dtype, copy=False) if dtype is not None else x
    if finite:
        check_finite(x, name)
    return x


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
    x = check_array(x, name, dtype=None, finite=False)
    if x.ndim != 2:
        hint = ""
        if x.ndim == 1:
            hint = f"; reshape a vector to (1, {x.shape[0]}) or ({x.shape[0]}, 1) explicitly"
        raise ValueError(
            f"{name} must be a 2-D array (course convention: rows are units or features, "
            f"columns are examples), got {describe(x)}{hint}"
        )
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


@contextmanager
def float_range_guard(name: str, what: str, cure: str = "") -> Iterator[None]:
    """Turn a float64 overflow (or an inf - inf) inside the block into a ``ValueError``.

    For inputs whose *answer* lies beyond float64 (about 1.8e308): the learner is told which
    argument and why, instead of a RuntimeWarning and an ``inf`` or a NaN.

    >>> import numpy as np
    >>> with float_range_guard("W", "the sum of squares of W"):
    ...     _ = np.array([1e200]) ** 2
    Traceback (most recent call last):
    ...
    ValueError: W: the sum of squares of W overflows float64 (beyond 1.8e308)
    """
    try:
        with np.errstate(over="raise", invalid="raise"):
            yield
    except FloatingPointError as exc:
        raise ValueError(f"{name}: {what} overflows float64 (beyond 1.8e308){cure}") from exc


# --------------------------------------------------------------------------- numbers


def check_real(value: Any, name: str) -> float:
    """Return ``value`` as a finite float; a string, a complex or a bool is refused."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (Real, np.floating, np.integer)
    ):
        raise ArgumentTypeError(f"{name} must be a real number, got {describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


_check_real = check_real  # the name the concept modules used before it was public


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0."""
    v = check_real(value, name)
    if v <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return v


def check_nonnegative(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is finite and >= 0."""
    v = check_real(value, name)
    if v < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return v


def check_probability(value: Any, name: str = "keep_prob") -> float:
    """Return ``value`` if it lies in (0, 1] (a keep probability)."""
    v = check_real(value, name)
    if not 0.0 < v <= 1.0:
        raise ValueError(
            f"{name} must be in (0, 1] (the probability of KEEPING a unit), got {value!r}"
        )
    return v


def check_beta(value: Any, name: str = "beta") -> float:
    """Return ``value`` if it lies in [0, 1) (an EWA decay rate)."""
    v = check_real(value, name)
    if not 0.0 <= v < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return v


def check_in_range(
    value: Any,
    name: str,
    low: float,
    high: float,
    *,
    integer: bool = False,
    why: str = "",
) -> float:
    """Return ``value`` if it is a real number (an integer if ``integer``) in ``[low, high]``.

    For the ranges of an explorer's sliders, which would otherwise clamp silently.

    >>> check_in_range(5.0, "learning_rate", 1e-4, 3.0)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be in [0.0001, 3], got 5.0
    """
    v = check_int(value, name) if integer else check_real(value, name)
    if not low <= v <= high:
        raise ValueError(f"{name} must be in [{low:g}, {high:g}]{why}, got {value!r}")
    return v


def check_int(
    value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an int if it is an integer within ``[minimum, maximum]``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Integral, np.integer)):
        raise ArgumentTypeError(f"{name} must be an integer, got {describe(value)}")
    v = int(value)
    if minimum is not None and v < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {v}")
    if maximum is not None and v > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {v}")
    return v


def check_flag(value: Any, name: str) -> bool:
    """``True`` or ``False`` (numpy's bools too); anything else (1, "yes", None) is refused.

    >>> check_flag(1, "staircase")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dlnotes._validation.ArgumentTypeError: staircase must be True or False, got 1
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentTypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``."""
    choices = tuple(choices)
    try:
        ok = value in choices
    except (TypeError, ValueError):  # an array compared with strings
        ok = False
    if not ok:
        raise ValueError(
            f"{name} must be one of {_quoted(choices, 160)}; got {describe(value, 60)}"
            f"{did_you_mean(value, choices) if isinstance(value, str) else ''}"
        )
    return value


# --------------------------------------------------------------------------- structures


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
        raise ArgumentTypeError(
            f"{name} must be a numpy.random.Generator (e.g. np.random.default_rng(0)), "
            f"got {describe(rng)}"
        )
    return rng


def check_params(
    params: Any,
    name: str = "params",
    *,
    expected_keys: Iterable[str] | None = None,
) -> Mapping[str, np.ndarray]:
    """Return ``params`` if it is a non-empty mapping from string keys to real arrays.

    With ``expected_keys``, a missing key, an extra key or a misspelt one (``'w2'`` for
    ``'W2'``) is refused, naming each, with a "did you mean" for the misspelt: a network whose
    dict lost ``W2`` must not run silently as a smaller network.

    >>> import numpy as np
    >>> check_params({"W1": np.ones((2, 2)), "w2": np.ones((1, 2))},
    ...              expected_keys=["W1", "W2"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: params is missing 'W2'; has unexpected 'w2' (did you mean 'W2'?); expected ...
    """
    if not isinstance(params, Mapping):
        hint = ""
        if isinstance(params, (list, tuple)):
            hint = "; build it as {'W1': W1, 'b1': b1, ...}"
        raise ArgumentTypeError(
            f"{name} must be a dict of arrays keyed like 'W1', 'b1', got {describe(params)}"
            f"{hint}"
        )
    if not params:
        raise ValueError(f"{name} must be a non-empty dict of arrays, got {describe(params)}")
    for key in params:
        if not isinstance(key, str):
            raise ArgumentTypeError(
                f"{name} must have string keys like 'W1', 'b1', got the key {describe(key, 40)} "
                f"of type {type(key).__name__}"
            )
    if expected_keys is not None:
        expected = list(expected_keys)
        missing = [k for k in expected if k not in params]
        extra = [k for k in params if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"is missing {_quoted(missing, 60)}")
            if extra:
                hints = "".join(did_you_mean(k, missing or expected) for k in extra[:1])
                parts.append(f"has unexpected {_quoted(extra, 60)}{hints}")
            raise ValueError(shorten(
                f"{name} {'; '.join(parts)}; expected keys {_quoted(expected, 120)}"
            ))
    for key, value in params.items():
        if not isinstance(value, np.ndarray):
            raise ArgumentTypeError(
                f"{name}[{key!r}] must be a numpy array, got {describe(value)}"
            )
        check_array(value, f"{name}[{key!r}]", dtype=None, finite=False)
    return params


def check_instance(obj: Any, cls: type | tuple[type, ...], name: str) -> Any:
    """Return ``obj`` if it is an instance of ``cls`` (a class, a tuple, or a runtime Protocol).

    A class passed where an instance is meant (``optimizer=Adam``) gets its own message.

    >>> class Adam: ...
    >>> check_instance(Adam, Adam, "optimizer")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dlnotes._validation.ArgumentTypeError: optimizer must be an instance, got the class Adam ...
    """
    classes = cls if isinstance(cls, tuple) else (cls,)
    wanted = " or ".join(c.__name__ for c in classes)
    if isinstance(obj, type):
        try:
            is_kind = issubclass(obj, classes)
        except TypeError:  # a Protocol with data members cannot be used with issubclass
            is_kind = False
        if is_kind:
            raise ArgumentTypeError(
                f"{name} must be an instance, got the class {obj.__name__} itself: pass "
                f"{obj.__name__}(...) (with its hyperparameters), not {obj.__name__}"
            )
    if not isinstance(obj, classes):
        raise ArgumentTypeError(f"{name} must be an instance of {wanted}, got {describe(obj)}")
    return obj


def check_optimizer(optimizer: Any, name: str = "optimizer") -> Any:
    """Return ``optimizer`` if it has ``init`` and ``update`` methods (an instance, not a class).

    Any object with those two methods will do (the optimizers of :mod:`dlnotes.optim`, a
    learner's own, a wrapper), so the check is on behaviour rather than on a class. The class
    itself (``optimizer=Adam``) is told how to make one.

    >>> class Adam:
    ...     def init(self, params): ...
    ...     def update(self, params, grads, state): ...
    >>> check_optimizer(Adam, "optimizer")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dlnotes._validation.ArgumentTypeError: optimizer must be an instance, got the class Adam ...
    """
    if isinstance(optimizer, type):
        args = "learning_rate=0.01" if "learning_rate" in getattr(
            optimizer, "__dataclass_fields__", {}) else "..."
        raise ArgumentTypeError(
            f"{name} must be an instance, got the class {optimizer.__name__} itself: pass "
            f"{optimizer.__name__}({args}) (with its hyperparameters), not {optimizer.__name__}"
        )
    if not all(callable(getattr(optimizer, m, None)) for m in ("init", "update")):
        raise ArgumentTypeError(
            f"{name} must have init(params) and update(params, grads, state) methods, e.g. "
            f"dlnotes.optim.Adam(0.01); got {describe(optimizer)}"
        )
    return optimizer


def check_kwargs(given: Iterable[str], allowed: Iterable[str], where: str) -> None:
    """Raise ``TypeError`` for a keyword of ``given`` that is not ``allowed``, with a suggestion.

    For functions taking ``**settings``, where Python itself cannot catch a misspelt name.

    >>> check_kwargs(["decay"], ["decay_rate", "epochs"], "f()")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: f() got an unexpected keyword argument 'decay' (did you mean 'decay_rate'?); ...
    """
    allowed = list(allowed)
    for key in given:
        if key not in allowed:
            raise TypeError(shorten(
                f"{where} got an unexpected keyword argument {key!r}"
                f"{did_you_mean(key, allowed)}; it accepts {_quoted(allowed, 160)}"
            ))
