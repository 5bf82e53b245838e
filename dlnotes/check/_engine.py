"""How every checker runs: call the learner's function on fresh inputs, judge, name the mistake.

A checker is a :class:`Spec`: a list of :class:`Case` (inputs, smallest first), a ``normalize``
that turns the learner's raw return value into a canonical form (or raises :class:`Malformed`),
and *judges*. A judge ``judge(case, got) -> Diff | None`` says whether an output is what one
implementation would give: the reference (the right answer) or a variant making exactly one
catalogued mistake. Deterministic functions are judged by comparing with the output of that
implementation (:func:`exact`); random ones by statistics and structure.

The verdict: if the reference accepts every case, passed. Otherwise the first (smallest) case it
rejects is reported, and the mistake is the first variant that accepts *every* case.

The learner's function is called on deep copies of the inputs (it may change them, the check is
not corrupted), with its output on stdout/stderr swallowed, warnings and floating-point errors
silenced, and numpy's legacy global random state saved, set to a fixed seed (so that a verdict
does not depend on what ran before) and restored afterwards (so that the learner's
``np.random.seed`` never leaks out).
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from ._catalogue import CATALOGUE
from ._result import Result

_LEARNER_SEED = 1
"""The legacy global seed set (and then undone) around each call of the learner's function."""

RTOL, ATOL = 1e-6, 1e-10
"""Default tolerances of :func:`compare`: round-off of a different but right order of operations
passes, every catalogued mistake (designed to differ by far more on the probes) does not."""


class Diff(NamedTuple):
    """The first difference found: what, the expected value, the value got."""

    where: str
    expected: str
    got: str


class Malformed(Exception):
    """The learner's return value does not have the structure the assignment asks for."""

    def __init__(self, where: str, expected: str, got: str) -> None:
        super().__init__(f"{where}: expected {expected}, got {got}")
        self.diff = Diff(where, expected, got)


Judge = Callable[["Case", Any], "Diff | None"]


@dataclass(frozen=True)
class Case:
    """One input: ``label`` is shown to the learner; ``data`` is for the judges only."""

    label: str
    args: tuple
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Spec:
    """A checker: its cases, how to read the output, the reference judge and the variants."""

    name: str
    tried: str
    cases: Sequence[Case]
    reference: Judge
    variants: Mapping[str, Judge]
    normalize: Callable[[Any, Case], Any]
    hint: str
    inplace_ok: bool = False
    """True where changing the inputs in place is the assignment's own way (updates of
    ``parameters``, ``v``, ``s``): then no note is made of it."""

    def __post_init__(self) -> None:
        unknown = set(self.variants) - set(CATALOGUE)
        if unknown:  # pragma: no cover - a programming error in this package
            raise KeyError(f"variants not in the catalogue: {sorted(unknown)}")


# --------------------------------------------------------------------------- formatting


def fmt(x: Any) -> str:
    """A short, readable rendering of a number, an array or anything else."""
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    if isinstance(x, (int, np.integer, bool, np.bool_)):
        return str(x)
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return fmt(x[()])
        if x.size <= 6:
            return np.array2string(x, precision=6, separator=", ").replace("\n", "")
        return f"an array of shape {x.shape}"
    if isinstance(x, Mapping):
        return "a dict with keys " + ", ".join(repr(k) for k in list(x)[:8])
    if isinstance(x, (tuple, list)):
        return f"a {type(x).__name__} of {len(x)} values"
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _index(idx: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in idx) + "]" if idx else ""


# --------------------------------------------------------------------------- comparing


def as_array(x: Any, where: str) -> np.ndarray:
    """``x`` as a float64 array, or :class:`Malformed` naming ``where``."""
    if isinstance(x, (Mapping, str, bytes)) or x is None:
        raise Malformed(where, "numbers (an array or a float)", fmt(x))
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise Malformed(where, "numbers (an array or a float)", fmt(x)) from None
    return arr


def compare(where: str, want: Any, got: Any, *, rtol: float = RTOL,
            atol: float = ATOL) -> Diff | None:
    """None if ``got`` equals ``want`` (same shape, close values, NaN where NaN), else a Diff."""
    want = np.asarray(want, dtype=np.float64)
    try:
        got_arr = as_array(got, where)
    except Malformed as exc:
        return exc.diff
    if got_arr.shape != want.shape:
        return Diff(f"{where} shape", str(want.shape), str(got_arr.shape))
    bad = ~np.isclose(got_arr, want, rtol=rtol, atol=atol, equal_nan=True)
    if not bad.any():
        return None
    idx = tuple(np.argwhere(bad)[0]) if want.ndim else ()
    more = f" ({int(bad.sum())} of {bad.size} entries differ)" if bad.size > 1 else ""
    return Diff(where + _index(idx), fmt(want[idx]), fmt(got_arr[idx]) + more)


def compare_dict(name: str, want: Mapping[str, Any], got: Any, *, rtol: float = RTOL,
                 atol: float = ATOL) -> Diff | None:
    """Compare every key of ``want`` (extra keys in ``got`` are allowed)."""
    if not isinstance(got, Mapping):
        return Diff(name, "a dict", fmt(got))
    for key, value in want.items():
        if key not in got:
            return Diff(f'{name}["{key}"]', f"an array of shape {np.shape(value)}", "missing")
        diff = compare(f'{name}["{key}"]', value, got[key], rtol=rtol, atol=atol)
        if diff:
            return diff
    return None


def first(*diffs: Diff | None) -> Diff | None:
    """The first of several comparisons that found a difference."""
    return next((d for d in diffs if d is not None), None)


def exact(reference: Callable[..., Any], compare_fn: Callable[[Any, Any], Diff | None]) -> Judge:
    """A judge that runs ``reference(*case.args, **case.kwargs)`` (once per case, cached) and
    compares the learner's normalized output with it through ``compare_fn(want, got)``."""
    cache: dict[int, Any] = {}

    def judge(case: Case, got: Any) -> Diff | None:
        key = id(case)
        if key not in cache:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cache[key] = reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        return compare_fn(cache[key], got)

    return judge


def any_of(*judges: Judge) -> Judge:
    """A judge accepting what any of ``judges`` accepts (a mistake with several spellings)."""

    def judge(case: Case, got: Any) -> Diff | None:
        diffs = [j(case, got) for j in judges]
        return None if any(d is None for d in diffs) else diffs[0]

    return judge


# --------------------------------------------------------------------------- reading outputs


def as_dict(raw: Any, what: str) -> Mapping[str, Any]:
    """The learner's return value if it is a dict, else :class:`Malformed` saying ``what``."""
    if not isinstance(raw, Mapping):
        raise Malformed("return value", what, fmt(raw))
    return raw


def as_tuple(raw: Any, sizes: tuple[int, ...], what: str) -> tuple:
    """The learner's tuple (or list) of one of the lengths ``sizes``, else :class:`Malformed`."""
    if not isinstance(raw, (tuple, list)) or len(raw) not in sizes:
        raise Malformed("return value", what, fmt(raw))
    return tuple(raw)


def as_pair(raw: Any, names: str) -> tuple:
    """A pair such as ``(parameters, v)``; ``names`` is shown when it is not one."""
    return as_tuple(raw, (2,), f"a pair ({names})")


def as_scalar(raw: Any, case: Case) -> float:
    """One number: a float, a 0-d array or an array of one element (``(1, 1)``)."""
    arr = None
    if not isinstance(raw, (Mapping, str, bytes)) and raw is not None:
        arr = np.asarray(raw)
    if arr is None or arr.dtype == object or arr.size != 1 \
            or not np.issubdtype(arr.dtype, np.number):
        raise Malformed("return value", "a number", fmt(raw))
    return float(arr.reshape(()))


# --------------------------------------------------------------------------- inputs


def random_layers(rng: np.random.Generator, dims: list[int],
                  scale: float = 1.0) -> dict[str, np.ndarray]:
    """A parameters dict ``W1, b1, ...`` for ``dims``, every entry non-zero (biases too)."""
    out = {}
    for l in range(1, len(dims)):  # noqa: E741 - the course's layer index
        out[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) * scale
        out[f"b{l}"] = rng.normal(size=(dims[l], 1)) * scale
    return out


def random_grads(rng: np.random.Generator, params: Mapping[str, np.ndarray],
                 scale: float = 1.0) -> dict[str, np.ndarray]:
    """Gradients keyed ``"dW1"``, ``"db1"``, ... shaped like ``params``."""
    return {"d" + k: rng.normal(size=v.shape) * scale for k, v in params.items()}


def shapes(params: Mapping[str, np.ndarray]) -> str:
    """``"W1 (3, 2), b1 (3, 1)"``: the shapes of a dict, for a case's label."""
    return ", ".join(f"{k} {v.shape}" for k, v in params.items())


# --------------------------------------------------------------------------- running


class _Raised(Exception):
    def __init__(self, exc: BaseException) -> None:
        super().__init__(str(exc))
        self.exc = exc


@contextlib.contextmanager
def isolated_random_state():
    """Run a block with numpy's legacy global random state set to a fixed seed, then restore it.

    The learner's code may call ``np.random.seed``, ``np.random.randn`` and friends; nothing it
    does to the global state is visible after the block.
    """
    saved = np.random.get_state()  # noqa: NPY002 - saved to be restored, never drawn from
    try:
        np.random.seed(_LEARNER_SEED)  # noqa: NPY002 - the learner's world is the legacy API
        yield
    finally:
        np.random.set_state(saved)  # noqa: NPY002


def _arrays(x: Any, path: str):
    """``(path, array)`` for every ndarray inside ``x`` (dicts, tuples and lists walked)."""
    if isinstance(x, np.ndarray):
        yield path, x
    elif isinstance(x, Mapping):
        for k, v in x.items():
            yield from _arrays(v, f"{path}[{k!r}]")
    elif isinstance(x, (tuple, list)):
        for i, v in enumerate(x):
            yield from _arrays(v, f"{path}[{i}]")


def _names(fn: Callable[..., Any], args: tuple, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs by the names the learner gave them (``argument 1`` ... if unknown)."""
    try:
        return dict(inspect.signature(fn).bind_partial(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        return {**{f"argument {i + 1}": a for i, a in enumerate(args)}, **kwargs}


def call_learner(fn: Callable[..., Any], case: Case) -> tuple[Any, list[str]]:
    """Call ``fn`` on deep copies of the case's inputs, isolated; re-raise its error as _Raised.

    Returns the raw output and the inputs' arrays that the call changed in place (by the
    learner's argument names, e.g. ``cache[11]``): the copies absorb the change, and the
    caller can make a note of it.
    """
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(dict(case.kwargs))
    given = [(path, a) for name, value in _names(fn, args, kwargs).items()
             for path, a in _arrays(value, name)]
    kept = [np.copy(a) for _, a in given]
    sink = io.StringIO()
    with isolated_random_state(), np.errstate(all="ignore"), warnings.catch_warnings(), \
            contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        warnings.simplefilter("ignore")
        try:
            raw = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any error of the learner's is a verdict
            raise _Raised(exc) from exc
    changed = [path for (path, a), k in zip(given, kept, strict=True)
               if a.shape != k.shape or not np.array_equal(a, k, equal_nan=True)]
    return raw, changed


def check_callable(fn: Any, name: str) -> None:
    """``TypeError`` unless ``fn`` is a function (the learner passed a value, or a class).

    A class is callable, but calling it builds an object: the verdict would be a puzzling
    "returned a <class> object" rather than the slip it is (``check.softmax(np.ndarray)``).
    """
    if isinstance(fn, type):
        raise TypeError(
            f"check.{name}(fn) takes your function itself, as in check.{name}({name}); got "
            f"the class {fn.__name__}: pass the function you wrote (def {name}(...))"
        )
    if not callable(fn):
        raise TypeError(
            f"check.{name}(fn) takes your function itself, as in check.{name}({name}); "
            f"got {fmt(fn)} of type {type(fn).__name__}, which cannot be called"
        )


def _safe(judge: Judge, case: Case, got: Any) -> Diff | None:
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return judge(case, got)
    except Malformed as exc:
        return exc.diff
    except Exception as exc:  # noqa: BLE001 - a judge choking on odd output: not a match
        return Diff("output", "something the reference can read", f"{type(exc).__name__}")


def run(spec: Spec, fn: Any) -> Result:
    """Run the checker ``spec`` on the learner's function ``fn`` and return the verdict."""
    check_callable(fn, spec.name)
    seen: list[tuple[Case, Any]] = []
    failure: tuple[Case, Diff] | None = None
    notes: tuple[str, ...] = ()
    for case in spec.cases:
        try:
            raw, changed = call_learner(fn, case)
        except _Raised as raised:
            exc = raised.exc
            if isinstance(exc, NotImplementedError):
                return Result(spec.name, False, None, spec.tried, case=case.label,
                              error="not implemented yet")
            message = str(exc).splitlines()[0][:120] if str(exc) else ""
            error = f"raised {type(exc).__name__}" + (f": {message}" if message else "")
            return Result(spec.name, False, None, spec.tried, case=case.label, error=error,
                          hint=spec.hint)
        try:
            got = spec.normalize(raw, case)
        except Malformed as exc:
            if failure is not None:  # a smaller input already differs: report that one
                break
            return Result(spec.name, False, None, spec.tried, case=case.label,
                          where=exc.diff.where, expected=exc.diff.expected, got=exc.diff.got,
                          hint=spec.hint)
        if changed and not spec.inplace_ok and not notes:
            notes = (f"your function changed {', '.join(changed[:3])} in place (the checker "
                     f"gave it copies; a caller's arrays would change)",)
        seen.append((case, got))
        diff = _safe(spec.reference, case, got)
        if diff is not None and failure is None:
            failure = (case, diff)
    if failure is None:
        return Result(spec.name, True, None, spec.tried, notes=notes)
    complete = len(seen) == len(spec.cases)  # a mistake is named only if every input was read
    mistake = next(
        (mid for mid, judge in spec.variants.items()
         if complete and all(_safe(judge, c, g) is None for c, g in seen)),
        None,
    )
    case, diff = failure
    hint = CATALOGUE[mistake].hint if mistake else spec.hint
    return Result(spec.name, False, mistake, spec.tried, case=case.label, where=diff.where,
                  expected=diff.expected, got=diff.got, hint=hint, notes=notes)
