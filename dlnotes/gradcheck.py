r"""Gradient checking: compare a backward pass with centred finite differences.

The course (week 1, "Gradient checking") approximates each partial derivative by

.. math:: d\theta_{approx}[i] =
          \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}

and compares it with the analytic gradient through

.. math:: \text{difference} = \frac{\lVert d\theta - d\theta_{approx}\rVert_2}
                                     {\lVert d\theta\rVert_2 + \lVert d\theta_{approx}\rVert_2}

Rules of thumb from the lecture, with :math:`\varepsilon = 10^{-7}`: about :math:`10^{-7}` is
great, :math:`10^{-5}` deserves a look, :math:`10^{-3}` is a bug. Run it in float64, with
dropout off (``keep_prob=1``), and not during training: it is slow, one pair of forward passes
per parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from ._validation import (
    ArgumentTypeError,
    check_array,
    check_params,
    check_positive,
    describe,
    float_range_guard,
)

__all__ = ["GradCheckResult", "check_gradients", "numerical_gradient", "relative_error"]


# --------------------------------------------------------------------------- checks
# This is where a learner debugs a broken backward pass, so every way the inputs can be wrong
# gets its own sentence: which argument, what it was, what was expected, and the usual cause.


def _check_callable(f: object, name: str, what: str) -> None:
    if not callable(f) or isinstance(f, type):
        raise ArgumentTypeError(f"{name} must be a function {what}, got {describe(f)}")


def _scalar_cost(J: object, name: str) -> float:
    """The value ``J`` returned by the cost function ``name``, as one finite float."""
    if isinstance(J, (str, bytes)) or J is None:
        raise ArgumentTypeError(
            f"{name} must return one number (the cost J), got {describe(J)}"
        )
    if np.iscomplexobj(J):
        raise ArgumentTypeError(f"{name} must return a real number, got {describe(J)}")
    if np.ndim(J) != 0 and np.size(J) != 1:
        raise ValueError(
            f"{name} must return one number (the cost J), got {describe(np.asarray(J))}; "
            f"did it forget to sum (or average) the losses over the examples?"
        )
    try:
        value = float(np.asarray(J, dtype=np.float64).reshape(()))
    except (TypeError, ValueError) as exc:
        raise ArgumentTypeError(
            f"{name} must return one number (the cost J), got {describe(J)}"
        ) from exc
    if not np.isfinite(value):
        raise ValueError(
            f"{name} returned {value!r} near the given point: the cost must be finite there "
            f"(look for a log(0) or an overflow in exp)"
        )
    return value


def _check_gradient(g: object, name: str) -> np.ndarray:
    """An analytic gradient: a finite real array (NaN here means the backward pass broke)."""
    g = check_array(g, name, finite=False)
    n_bad = int(g.size - np.count_nonzero(np.isfinite(g)))
    if n_bad:
        raise ValueError(
            f"{name} holds {n_bad} NaN or infinite value(s): the backward pass produced them "
            f"(look for a log(0), a division by zero or an overflow in exp)"
        )
    return g


def _check_grads_dict(grads: object) -> Mapping[str, np.ndarray]:
    if grads is None:
        raise ArgumentTypeError(
            "grads must be the dict of gradients from the backward pass, "
            "{'dW1': ..., 'db1': ...}, got None: did the backward function forget to return it?"
        )
    if not isinstance(grads, Mapping):
        raise ArgumentTypeError(
            f"grads must be a dict of gradients keyed like 'dW1', 'db1' (or 'W1', 'b1'), "
            f"got {describe(grads)}"
        )
    return grads


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, *, epsilon: float = 1e-7
) -> np.ndarray:
    r"""Centred-difference gradient of a scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        Maps an array shaped like ``x`` to a scalar (the cost :math:`J`).
    x : ndarray
        Point at which to differentiate, any shape. It is copied, never modified.
    epsilon : float, default 1e-7
        Step :math:`\varepsilon`, as in the course.

    Returns
    -------
    ndarray
        ``grad`` shaped like ``x``, float64, with
        :math:`\text{grad}[i] = (f(x + \varepsilon e_i) - f(x - \varepsilon e_i)) / (2\varepsilon)`.

    Notes
    -----
    The centred difference has error :math:`O(\varepsilon^2)`; the one-sided
    :math:`(f(x+\varepsilon) - f(x))/\varepsilon` only :math:`O(\varepsilon)`, which is why the
    course uses the two-sided form.

    Examples
    --------
    >>> import numpy as np
    >>> numerical_gradient(lambda x: float(np.sum(x ** 2)), np.array([[1.0, -2.0]]))
    array([[ 2., -4.]])
    """
    _check_callable(f, "f", "of x returning one number (the cost J)")
    x_work = check_array(x, "x").copy()  # real, finite, float64; the copy is what we nudge
    epsilon = check_positive(epsilon, "epsilon")
    with float_range_guard("epsilon", "the cost at x +- epsilon"):
        return _numerical_gradient(f, x_work, epsilon, "f")


def _numerical_gradient(f: Callable, x_work: np.ndarray, epsilon: float, name: str) -> np.ndarray:
    grad = np.zeros_like(x_work)
    flat, gflat = x_work.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + epsilon
        j_plus = _scalar_cost(f(x_work), name)
        flat[i] = original - epsilon
        j_minus = _scalar_cost(f(x_work), name)
        flat[i] = original
        gflat[i] = (j_plus - j_minus) / (2.0 * epsilon)
    return grad


def relative_error(grad: np.ndarray, grad_approx: np.ndarray) -> float:
    r"""The course's gradient-check difference.

    .. math:: \frac{\lVert g - a\rVert_2}{\lVert g\rVert_2 + \lVert a\rVert_2}

    Parameters
    ----------
    grad, grad_approx : ndarray
        Analytic and numerical gradients, of the same shape.

    Returns
    -------
    float
        In [0, 1]; 0.0 when both gradients are exactly zero.

    Examples
    --------
    >>> import numpy as np
    >>> relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    0.0
    >>> relative_error(np.array([1.0, 0.0]), np.array([-1.0, 0.0]))
    1.0
    """
    g = _check_gradient(grad, "grad")
    a = _check_gradient(grad_approx, "grad_approx")
    if g.shape != a.shape:
        raise ValueError(
            f"grad and grad_approx must have the same shape, got {g.shape} and {a.shape}"
        )
    denom = np.linalg.norm(g) + np.linalg.norm(a)
    if denom == 0.0:
        return 0.0
    return float(np.linalg.norm(g - a) / denom)


class GradCheckResult(NamedTuple):
    """Outcome of :func:`check_gradients`: the overall difference and one per parameter."""

    difference: float
    per_parameter: dict[str, float]


def check_gradients(
    cost: Callable[[Mapping[str, np.ndarray]], float],
    params: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    *,
    epsilon: float = 1e-7,
) -> GradCheckResult:
    r"""Check a whole dict of analytic gradients against centred differences.

    Parameters
    ----------
    cost : callable
        ``cost(params) -> J``, a scalar, for a dict shaped like ``params``.
    params : dict of ndarray
        ``{"W1": ..., "b1": ...}``. Never modified.
    grads : dict of ndarray
        The analytic gradients, keyed ``"dW1"`` (course style) or ``"W1"``.
    epsilon : float, default 1e-7

    Returns
    -------
    GradCheckResult
        ``difference`` over all parameters flattened into one vector :math:`\theta` (as the
        course does with ``dictionary_to_vector``), and the same measure per parameter.

    Examples
    --------
    >>> import numpy as np
    >>> params = {"W1": np.array([[1.0, 2.0]])}
    >>> res = check_gradients(lambda p: float(np.sum(p["W1"] ** 3)), params,
    ...                       {"dW1": 3 * params["W1"] ** 2})
    >>> res.difference < 1e-7
    True
    """
    _check_callable(cost, "cost", "of the params dict returning one number (the cost J)")
    params = check_params(params)
    for name, value in params.items():
        check_array(value, f"params[{name!r}]")  # real and finite: the point to check at
    grads = _check_grads_dict(grads)
    epsilon = check_positive(epsilon, "epsilon")
    analytic, numeric, per = [], [], {}
    for name, value in params.items():
        key = "d" + name if ("d" + name) in grads else name
        if key not in grads:
            raise ValueError(
                f"grads must have a key 'd{name}' for params[{name!r}], got {describe(grads)}"
            )
        g = _check_gradient(grads[key], f"grads[{key!r}]")
        if g.shape != value.shape:
            raise ValueError(
                f"grads[{key!r}] must have the shape of params[{name!r}], {value.shape}, "
                f"got {g.shape}"
            )

        def f(x: np.ndarray, name: str = name) -> object:
            return cost({**params, name: x})

        with float_range_guard("epsilon", "the cost at params +- epsilon"):
            a = _numerical_gradient(f, np.array(value, dtype=np.float64), epsilon, "cost")
        per[name] = relative_error(g, a)
        analytic.append(g.ravel())
        numeric.append(a.ravel())
    total = relative_error(np.concatenate(analytic), np.concatenate(numeric))
    return GradCheckResult(total, per)
