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

import dataclasses
from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from . import _network as _net
from ._typing import Array, ArrayLike
from ._validation import (
    ArgumentTypeError,
    check_array,
    check_choice,
    check_matrix,
    check_nonnegative,
    check_params,
    check_positive,
    check_probability,
    check_rng,
    describe,
    float_range_guard,
)
from .nn import LayerCache, NetConfig, _backward, _cost, _forward

__all__ = [
    "check_gradients", "cost_function", "numerical_gradient",
    "relative_error",
]


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


# --------------------------------------------------------------------------- a whole network


@dataclasses.dataclass(frozen=True, eq=False)
class NetworkCost:
    r"""The cost :math:`J(\text{params})` of a network on fixed data, and its gradients.

    Returned by :func:`cost_function` (which checks its arguments); see there. Calling it,
    ``J(params)``, returns the float :math:`J`; ``J.gradients(params)`` returns the dict
    ``{"dW1": ..., "db1": ...}`` of :func:`dlnotes.nn.backward` for the same settings, so that
    ``check_gradients(J, params, J.gradients(params))`` checks a whole network.

    Attributes
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_L, m)
    hidden_activation : {"relu", "tanh"}
    lambd : float
    keep_prob : float
    rng : numpy.random.Generator or None
        Draws a new dropout mask at every call when ``keep_prob < 1``.
    """

    X: Array = dataclasses.field(repr=False)
    Y: Array = dataclasses.field(repr=False)
    hidden_activation: str = "relu"
    lambd: float = 0.0
    keep_prob: float = 1.0
    rng: np.random.Generator | None = dataclasses.field(default=None, repr=False)

    def _forward(
        self, params: Mapping[str, np.ndarray]
    ) -> tuple[np.ndarray, list[LayerCache], NetConfig]:
        config = _net.config_of(params, self.hidden_activation)
        n_x, n_L = config.layer_dims[0], config.layer_dims[-1]
        if n_x != self.X.shape[0]:
            raise ValueError(
                f"params['W1'] must have one column per row (feature) of X, {self.X.shape[0]}; "
                f"got shape {params['W1'].shape}"
            )
        if n_L != self.Y.shape[0]:
            raise ValueError(
                f"params['W{config.L}'] must have one row per row of Y, {self.Y.shape[0]}; "
                f"got shape {params[f'W{config.L}'].shape}"
            )
        keep_prob = self.keep_prob if self.keep_prob < 1.0 else None
        ZL, caches = _forward(params, self.X, config, keep_prob=keep_prob, rngs=self.rng)
        return ZL, caches, config

    def __call__(self, params: Mapping[str, np.ndarray]) -> float:
        r""":math:`J` at ``params``: cross-entropy plus the L2 term (a new dropout mask)."""
        ZL, _, config = self._forward(params)
        lambd = self.lambd if self.lambd > 0 else None
        weights = None if lambd is None else [params[f"W{l}"] for l in range(1, config.L + 1)]  # noqa: E741
        return float(_cost(ZL, self.Y, weights, config.output, lambd))

    def gradients(self, params: Mapping[str, np.ndarray]) -> dict[str, Array]:
        r"""``dW{l}``, ``db{l}`` (and ``dgamma{l}``, ``dbeta{l}``) of :math:`J` at ``params``.

        One forward pass (with a new dropout mask when ``keep_prob < 1``) and
        :func:`dlnotes.nn.backward`, exactly as in a training step.
        """
        ZL, caches, config = self._forward(params)
        return _backward(ZL, self.Y, caches, config.output, self.lambd if self.lambd > 0 else None)


def cost_function(
    X: ArrayLike,
    Y: ArrayLike,
    *,
    hidden_activation: str = "relu",
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> NetworkCost:
    r"""The whole network's cost as a function of its parameters, for gradient checking.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one example per column.
    Y : array_like, shape (1, m) or (C, m)
        0/1 labels (sigmoid output) or one-hot with ``C >= 2`` rows (softmax output).
    hidden_activation : {"relu", "tanh"}, default "relu"
    lambd : float >= 0, default 0.0
        L2 strength :math:`\lambda`; the penalty is part of :math:`J` and of its gradients.
    keep_prob : float in (0, 1], default 1.0
        Dropout on every hidden layer; 1 is off. Needs ``rng`` when < 1.
    rng : numpy.random.Generator, optional
        Draws the dropout masks: a **new** mask at every evaluation.

    Returns
    -------
    NetworkCost
        ``J(params) -> float``, a callable for :func:`dlnotes.gradcheck.check_gradients`, and
        ``J.gradients(params) -> dict`` keyed ``"dW1"``, ``"db1"``, ... (``"dgamma1"``,
        ``"dbeta1"`` for batch-normalized layers), the analytic gradients of the same
        :math:`J`. The architecture is read from ``params`` at each call, as in
        :func:`dlnotes.nn.forward`: a network whose hidden layers have ``gamma{l}``, ``beta{l}`` is
        batch-normalized.

    Warnings
    --------
    **Turn dropout off when you grad-check** (the lecture's advice). With ``keep_prob < 1``
    every evaluation, ``J(params)`` or ``J.gradients(params)``, drops a different random set
    of units: :math:`J` is then a random function, the centred differences compare costs of
    different thinned networks, and the check fails (a difference around 1, not 1e-7) even
    though backprop is right. Check with ``keep_prob=1``, then switch dropout on. (To check
    the dropout backward itself, the mask must be frozen: build a new ``cost_function`` with
    a freshly seeded generator, ``rng=np.random.default_rng(seed)``, for every evaluation.)

    With ReLU, a finite difference that moves some :math:`z` across 0 sees the kink and
    disagrees with the (one-sided) analytic derivative; prefer ``"tanh"`` for a clean check,
    or make sure no :math:`|z|` is below about :math:`10^{-4}`.

    Notes
    -----
    The cost the training loop of :func:`dlnotes.nn.train` descends, computed by the same private
    kernels (forward, cost, backward), on all ``m`` examples:

    .. math:: J = \frac{1}{m}\sum_{i=1}^m \mathcal{L}(\hat y^{(i)}, y^{(i)})
              + \frac{\lambda}{2m}\sum_{l=1}^{L} \lVert W^{[l]}\rVert_F^2 .

    Batch norm is in training mode: each layer is normalized with the statistics of ``X``
    (the running statistics play no part in :math:`J` or its gradient).

    References
    ----------
    .. [1] Course 2, week 1, "Gradient checking" and "Gradient checking implementation
       notes" (don't use it in training; include the regularization term; it doesn't work
       with dropout).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradcheck import check_gradients
    >>> from dlnotes.initialization import initialize_parameters
    >>> rng = np.random.default_rng(0)
    >>> X, Y = rng.normal(size=(3, 6)), np.array([[1, 0, 1, 0, 1, 0]])
    >>> params = initialize_parameters([3, 5, 4, 1], "xavier", rng=rng)
    >>> J = cost_function(X, Y, hidden_activation="tanh", lambd=0.7)
    >>> sorted(J.gradients(params))
    ['dW1', 'dW2', 'dW3', 'db1', 'db2', 'db3']
    >>> bool(check_gradients(J, params, J.gradients(params)).difference < 1e-7)
    True
    >>> J_dropout = cost_function(X, Y, hidden_activation="tanh", keep_prob=0.5, rng=rng)
    >>> bool(check_gradients(J_dropout, params, J_dropout.gradients(params)).difference > 1e-3)
    True
    """
    X = check_matrix(X, "X")
    if X.shape[1] < 1:
        raise ValueError(f"X must have at least one example (column), got shape {X.shape}")
    Y = check_matrix(Y, "Y")
    Y = _net.check_Y(Y, "Y", Y.shape[0], X.shape[1])
    hidden_activation = check_choice(
        hidden_activation, "hidden_activation", _net.HIDDEN_ACTIVATIONS)
    lambd = check_nonnegative(lambd, "lambd")
    keep_prob = check_probability(keep_prob, "keep_prob")
    if keep_prob < 1.0 or rng is not None:
        rng = check_rng(rng)
    return NetworkCost(X, Y, hidden_activation, lambd, keep_prob, rng)
