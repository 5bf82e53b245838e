r"""Optimizers (week 2): gradient descent, momentum, Nesterov, RMSprop, Adam, AdamW; mini-batches.

The interface, stated once (the optax model)
--------------------------------------------
An optimizer is a frozen dataclass of hyperparameters with two pure methods::

    state = opt.init(params)
    params, state = opt.update(params, grads, state)            # one step
    params, state = opt.update(params, grads, state, learning_rate=alpha_t)   # with a schedule

(``alpha_t`` may be 0, where a warm-up starts, :func:`dlnotes.schedules.cosine_decay`: a step
that moves nothing but still updates the state; the constructor's rate must be > 0.)

- ``params`` is the course's dict ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``;
- ``grads`` is keyed like the course's backprop, ``"d" + name``: ``grads["dW1"]`` has the shape
  of ``params["W1"]`` (other keys such as ``"dA1"`` are ignored);
- ``state`` is a ``NamedTuple`` (``MomentumState(v, t)``, ``RMSpropState(s, t)``,
  ``AdamState(v, s, t)``) whose dicts are keyed like the course's ``v["dW1"]``, ``s["dW1"]``,
  and ``t`` counts the updates done so far.

Nothing is mutated: ``update`` returns new dicts and new arrays. Non-finite gradients (and the
non-finite state they lead to) are passed through rather than refused, so that one diverging
model in a batched sweep does not stop the others, and :func:`dlnotes.nn.train` can report the
divergence (:func:`dlnotes.surfaces.optimize_path` shows how to detect divergence).

Momentum, RMSprop and Adam are built from the two pieces in :mod:`dlnotes.ewa`: the EWA step
:math:`v = \beta v + (1-\beta)\theta` and its bias correction :math:`v/(1-\beta^t)`. Adam is
visibly "momentum (EWA of ``dW``) + RMSprop (EWA of ``dW**2``) + bias correction".

Per-model hyperparameters
-------------------------
Any hyperparameter may be a number or a 1-D array of ``K`` values, one per model, for
:mod:`dlnotes.nn`'s stacks of ``K`` networks (``W1`` of shape ``(K, n_1, n_0)``). The array is
reshaped to ``(K, 1, 1)`` against each parameter, so every model takes its own step in one call.

Errata in the learner's notes (each detailed in the class concerned)
--------------------------------------------------------------------
- Adam overwrites the state with the bias-corrected values, ``v := v/(1-beta1^t)``: the
  corrected values are temporaries (:class:`Adam`, :func:`dlnotes.ewa.ewa_as_in_notes`).
- RMSprop has no ``epsilon`` (:class:`RMSprop`); where epsilon goes differs between frameworks.
- "Bias correction for momentum is not necessary; beta = 0.9 gives a good estimation for the
  first 10 iterations": those 10 iterations are where the estimate is worst (:class:`Momentum`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import numpy as np

from ._typing import Array, ArrayLike, Grads, Params
from ._validation import (
    check_array,
    check_beta,
    check_flag,
    check_int,
    check_matrix,
    check_nonnegative,
    check_params,
    check_positive,
    check_rng,
    describe,
)
from .ewa import _bias_correction, _ewa_step
from .surfaces import (
    RAVINE,
    ROSENBROCK,
    SADDLE,
    OptimizationPath,
    Surface,
    optimize_path,
)

__all__ = [
    "RAVINE",
    "ROSENBROCK",
    "SADDLE",
    "Adam",
    "AdamState",
    "AdamW",
    "GradientDescent",
    "GradientDescentState",
    "Momentum",
    "MomentumState",
    "Nesterov",
    "OptimizationPath",
    "RMSprop",
    "RMSpropState",
    "Surface",
    "optimize_path",
    "random_mini_batches",
]

Hyper = float | Array
"""A hyperparameter: one number, or a 1-D array of ``K`` per-model values."""


# --------------------------------------------------------------------------- state


class GradientDescentState(NamedTuple):
    """State of :class:`GradientDescent`: only the step count ``t``."""

    t: int


class MomentumState(NamedTuple):
    """State of :class:`Momentum` and :class:`Nesterov`: ``v["dW1"]``, ... and the step ``t``."""

    v: dict[str, Array]
    t: int


class RMSpropState(NamedTuple):
    """State of :class:`RMSprop`: ``s["dW1"]``, ... (EWA of ``dW**2``) and the step ``t``."""

    s: dict[str, Array]
    t: int


class AdamState(NamedTuple):
    """State of :class:`Adam` and :class:`AdamW`: uncorrected ``v``, ``s`` and the step ``t``."""

    v: dict[str, Array]
    s: dict[str, Array]
    t: int


# --------------------------------------------------------------------------- kernels
# The formulas, once, on arrays of any shape; hyperparameters are numbers or (K, 1, ..., 1).


def _gradient_descent_step(W, dW, learning_rate):
    return W - learning_rate * dW


def _momentum_step(W, dW, v, learning_rate, beta, t, bias_correction):
    v = _ewa_step(v, dW, beta)  # EWA of the gradients
    v_used = _bias_correction(v, beta, t) if bias_correction else v  # a temporary
    return W - learning_rate * v_used, v


def _nesterov_step(W, dW, v, learning_rate, beta):
    v = _ewa_step(v, dW, beta)
    # the look-ahead: one more EWA step with the same gradient, beta*v + (1-beta)*dW
    return W - learning_rate * _ewa_step(v, dW, beta), v


def _rmsprop_step(W, dW, s, learning_rate, beta, epsilon, t, bias_correction):
    s = _ewa_step(s, dW**2, beta)  # EWA of the squared gradients
    s_used = _bias_correction(s, beta, t) if bias_correction else s
    return W - learning_rate * dW / (np.sqrt(s_used) + epsilon), s


def _adam_direction(dW, v, s, beta1, beta2, epsilon, t):
    v = _ewa_step(v, dW, beta1)  # momentum: EWA of dW
    s = _ewa_step(s, dW**2, beta2)  # RMSprop: EWA of dW**2
    v_hat = _bias_correction(v, beta1, t)  # temporaries: the state keeps v and s
    s_hat = _bias_correction(s, beta2, t)
    return v_hat / (np.sqrt(s_hat) + epsilon), v, s


def _adam_step(W, dW, v, s, learning_rate, beta1, beta2, epsilon, t):
    direction, v, s = _adam_direction(dW, v, s, beta1, beta2, epsilon, t)
    return W - learning_rate * direction, v, s


def _adamw_step(W, dW, v, s, learning_rate, beta1, beta2, epsilon, weight_decay, t):
    direction, v, s = _adam_direction(dW, v, s, beta1, beta2, epsilon, t)
    return W - learning_rate * (direction + weight_decay * W), v, s  # decay decoupled from dW


# --------------------------------------------------------------------------- checks

_RULES = {
    "positive": ("> 0", check_positive, lambda a: a > 0),
    "beta": ("in [0, 1)", check_beta, lambda a: (a >= 0) & (a < 1)),
    "nonnegative": (">= 0", check_nonnegative, lambda a: a >= 0),
}


def _check_hyperparameter(value: Any, name: str, rule: str) -> Hyper:
    """Return a number, or a read-only 1-D float array of per-model values, or raise."""
    text, check_scalar, ok = _RULES[rule]
    if not isinstance(value, (np.ndarray, list, tuple)):
        return check_scalar(value, name)
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(
            f"{name} must be a number or a 1-D array of numbers, got {describe(value)}"
        )
    if arr.ndim == 0:
        return check_scalar(float(arr), name)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(
            f"{name} must be a number or a non-empty 1-D array of K per-model values, "
            f"got {describe(arr)}"
        )
    arr = np.array(arr, dtype=np.float64)  # a private copy
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {describe(value)} with NaN or inf")
    bad = np.flatnonzero(~ok(arr))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"{name} must be {text} for every model, got {name}[{i}] = {float(arr[i])!r}"
        )
    arr.flags.writeable = False
    return arr


def _per_model(h: Hyper, W: np.ndarray) -> Hyper:
    """A per-model array ``(K,)`` as ``(K, 1, ..., 1)`` against ``W`` of shape ``(K, ...)``."""
    if isinstance(h, np.ndarray):
        return h.reshape((h.size,) + (1,) * (W.ndim - 1))
    return h


class _Optimizer:
    """Shared checks, ``init`` and the ``update`` loop over parameters; a subclass is a frozen
    dataclass listing its hyperparameters, its ``_state`` and its ``_step`` (one kernel call)."""

    _rules: ClassVar[dict[str, str]] = {"learning_rate": "positive"}
    _flags: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for name, rule in self._rules.items():
            object.__setattr__(self, name, _check_hyperparameter(getattr(self, name), name, rule))
        for name in self._flags:
            value = getattr(self, name)
            check_flag(value, name)
        self._n_models(self._arrays())

    def _arrays(self, **extra: Hyper) -> dict[str, Hyper]:
        values = {name: getattr(self, name) for name in self._rules}
        values.update(extra)
        return {k: v for k, v in values.items() if isinstance(v, np.ndarray)}

    @staticmethod
    def _n_models(arrays: Mapping[str, np.ndarray]) -> int | None:
        sizes = {name: a.size for name, a in arrays.items()}
        if len(set(sizes.values())) > 1:
            raise ValueError(
                f"per-model hyperparameters must all have the same length K, got lengths {sizes}"
            )
        return next(iter(sizes.values()), None)

    def _check_params(self, params: Any, learning_rate: Any = None) -> tuple[Params, Hyper]:
        params = check_params(params)
        lr = self.learning_rate  # type: ignore[attr-defined]
        if learning_rate is not None:  # a schedule's rate: 0 where a warm-up starts
            lr = _check_hyperparameter(learning_rate, "learning_rate", "nonnegative")
        K = self._n_models(self._arrays(learning_rate=lr))
        for name, W in params.items():
            if K is not None and (W.ndim < 3 or W.shape[0] != K):
                raise ValueError(
                    f"per-model hyperparameters (K = {K}) need parameters stacked as (K, n, m); "
                    f"params[{name!r}] has shape {W.shape}"
                )
        return params, lr

    @staticmethod
    def _check_grads(params: Params, grads: Any) -> dict[str, Array]:
        if not isinstance(grads, Mapping):
            raise ValueError(f"grads must be a dict keyed 'dW1', 'db1', ..., got {describe(grads)}")
        out = {}
        for name, W in params.items():
            key = "d" + name
            if key not in grads:
                hint = f" (found {name!r}: gradients are keyed 'd' + name)" if name in grads else ""
                raise ValueError(f"grads must have a key {key!r} for params[{name!r}]{hint}")
            g = check_array(grads[key], f"grads[{key!r}]", finite=False)
            if g.shape != W.shape:
                raise ValueError(
                    f"grads[{key!r}] must have the shape of params[{name!r}], {W.shape}, "
                    f"got {g.shape}"
                )
            out[key] = g
        return out

    def _check_state(self, state: Any, params: Params) -> None:
        cls, slots = self._state, self._slots()
        returned = self.__dict__.get("_returned")
        if returned is not None and state is returned and all(  # what our update returned:
            np.shape(getattr(state, f).get("d" + name)) == W.shape  # its arrays are ours,
            for f in slots for name, W in params.items()  # only the shapes are checked
        ):
            return
        if not isinstance(state, cls):
            raise ValueError(
                f"state must be the {cls.__name__} returned by init() or update(), "
                f"got {describe(state)}"
            )
        check_int(state.t, "state.t", minimum=0)
        for field in slots:
            slot = getattr(state, field)
            for name, W in params.items():
                key = "d" + name
                if not isinstance(slot, Mapping) or key not in slot:
                    raise ValueError(f"state.{field} has no entry {key!r} for params[{name!r}]")
                if np.shape(slot[key]) != W.shape:
                    raise ValueError(
                        f"state.{field}[{key!r}] must have shape {W.shape}, "
                        f"got {np.shape(slot[key])}"
                    )
                # NaN or inf pass through, like the gradients that made them (a diverging run)
                value = check_array(slot[key], f"state.{field}[{key!r}]", finite=False)
                if field == "s" and np.any(value < 0):  # an EWA of squares: sqrt(s) needs s >= 0
                    raise ValueError(
                        f"state.s[{key!r}] must be >= 0 everywhere (an average of squared "
                        f"gradients), got min {float(value.min())!r}; use the state from init()"
                    )

    def _returning(self, state: Any) -> Any:
        """Remember the state ``update`` returns: passed back next step, it is not re-checked
        (a training step's checks cost more than the step itself on small layers)."""
        object.__setattr__(self, "_returned", state)  # frozen dataclass: a private cache
        return state

    def _zeros(self, params: Any) -> dict[str, Array]:
        params, _ = self._check_params(params)
        return {"d" + name: np.zeros(W.shape) for name, W in params.items()}

    def _prepare(
        self, params: Any, grads: Any, state: Any, learning_rate: Any
    ) -> tuple[Params, dict[str, Array], Hyper]:
        params, lr = self._check_params(params, learning_rate)
        dW = self._check_grads(params, grads)
        self._check_state(state, params)
        if self._denominator_beta is not None:
            self._refuse_zero_over_zero(params, dW, state)
        return params, dW, lr

    # the decay rate of s in the step's denominator sqrt(s) + epsilon (RMSprop, Adam), or None
    _denominator_beta: ClassVar[str | None] = None

    # the state NamedTuple: a step count t and slots (v, s) keyed like the gradients, "dW1", ...
    _state: ClassVar[type]

    def _slots(self) -> tuple[str, ...]:
        """The state's slots, ``("v", "s")`` for Adam, ``()`` for gradient descent."""
        return tuple(f for f in self._state._fields if f != "t")

    def init(self, params: Params) -> Any:
        """Return the state at ``t=0``, each slot (``v``, ``s``) zeros shaped like ``W1``, ..."""
        slots = {f: self._zeros(params) for f in self._slots()}
        if not slots:
            self._check_params(params)
        return self._state(**slots, t=0)

    def update(
        self, params: Params, grads: Grads, state: Any, *, learning_rate: Hyper | None = None,
    ) -> tuple[dict[str, Array], Any]:
        """One step; ``learning_rate`` overrides the constructor's value (for schedules)."""
        params, dW, lr = self._prepare(params, grads, state, learning_rate)
        t = state.t + 1
        slots = self._slots()
        new, out = {}, {f: {} for f in slots}
        for name, W in params.items():
            key = "d" + name
            new[name], *values = self._step(
                name, W, dW[key], *(getattr(state, f)[key] for f in slots),
                lr=_per_model(lr, W), t=t,
            )
            for f, value in zip(slots, values, strict=True):
                out[f][key] = value
        return new, self._returning(self._state(**out, t=t))

    def _refuse_zero_over_zero(self, params: Params, dW: Mapping[str, Array], state: Any) -> None:
        """With ``epsilon = 0``, an exactly-zero gradient on a zero ``s`` gives 0/0 = NaN.

        Refused, naming ``epsilon``, unless the caller has silenced invalid-value errors with
        ``np.errstate(invalid="ignore")`` to show that NaN (the week-2 notebook's erratum on
        the notes' RMSprop without epsilon).
        """
        epsilon = np.asarray(self.epsilon)  # type: ignore[attr-defined]
        if np.all(epsilon > 0) or np.geterr()["invalid"] == "ignore":
            return
        beta = getattr(self, self._denominator_beta)
        for name, W in params.items():
            key = "d" + name
            s_next_is_zero = (dW[key] == 0) & ((state.s[key] == 0) | (_per_model(beta, W) == 0))
            if np.any(s_next_is_zero & (_per_model(epsilon, W) == 0)):
                raise ValueError(
                    f"epsilon must be > 0 here: with epsilon = 0, grads[{key!r}] is exactly 0 "
                    f"where the average of squared gradients is 0, and the step would be "
                    f"0/0 = NaN; keep the default epsilon=1e-8"
                )


# --------------------------------------------------------------------------- optimizers


@dataclass(frozen=True, eq=False)
class GradientDescent(_Optimizer):
    r"""(Mini-batch) gradient descent: ``W := W - learning_rate * dW``.

    Parameters
    ----------
    learning_rate : float or ndarray of shape (K,)
        :math:`\alpha > 0`.

    Notes
    -----
    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    References
    ----------
    Robbins, H. & Monro, S. (1951). A stochastic approximation method. Ann. Math. Statist.

    Examples
    --------
    >>> import numpy as np
    >>> opt = GradientDescent(learning_rate=0.1)
    >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    >>> grads = {"dW1": np.array([[1.0, -1.0]]), "db1": np.array([[2.0]])}
    >>> new, state = opt.update(params, grads, opt.init(params))
    >>> new["W1"], new["b1"], state.t
    (array([[0.9, 2.1]]), array([[0.3]]), 1)
    """

    learning_rate: Hyper

    _state: ClassVar[type] = GradientDescentState

    def _step(self, name: str, W: Array, dW: Array, *, lr: Hyper, t: int) -> tuple[Array]:
        return (_gradient_descent_step(W, dW, lr),)


@dataclass(frozen=True, eq=False)
class Momentum(_Optimizer):
    r"""Gradient descent with momentum, in the course's (damped) form.

    Parameters
    ----------
    learning_rate : float or ndarray of shape (K,)
        :math:`\alpha > 0`.
    beta : float or ndarray of shape (K,), default 0.9
        In [0, 1); ``beta = 0`` is plain gradient descent.
    bias_correction : bool, default False
        Step with :math:`v/(1-\beta^t)` instead of :math:`v` (the stored ``v`` is unchanged).

    Notes
    -----
    .. math:: v_{dW} = \beta\, v_{dW} + (1-\beta)\, dW, \qquad W := W - \alpha\, v_{dW}

    and the same for ``b``; ``v_{dW}`` is ``state.v["dW1"]``, an EWA
    (:func:`dlnotes.ewa.ewa_step`) of the gradients over about :math:`1/(1-\beta)` steps.

    References
    ----------
    Polyak, B. T. (1964). Some methods of speeding up the convergence of iteration methods.
    USSR Comput. Math. & Math. Phys. 4(5). Sutskever, I., Martens, J., Dahl, G. & Hinton, G.
    (2013). On the importance of initialization and momentum in deep learning. ICML, sect. 2.

    Warnings
    --------
    *Damped vs heavy-ball.* PyTorch's ``SGD(momentum=...)`` and Sutskever et al. use the
    heavy-ball form :math:`v = \beta v + dW`, :math:`W := W - \alpha v` (no :math:`1-\beta`).
    Both give the same iterates once the learning rate is rescaled:
    course :math:`\alpha` = heavy-ball :math:`\alpha/(1-\beta)`. A learning rate tuned for one
    form is 10 times off in the other at :math:`\beta = 0.9`.
    In PyTorch the exact match is ``SGD(momentum=beta, lr=alpha * (1 - beta))`` with the
    default ``dampening=0``; ``SGD(momentum=beta, dampening=beta, lr=alpha)`` looks like the
    course's form but is not: PyTorch skips the dampening on the first step (its buffer starts
    as the raw gradient), so its first step is :math:`1/(1-\beta)` times ours and the gap
    shrinks only by :math:`\beta` per step. (Checked once against PyTorch 2.13 in float64.)

    *The notes' claim about bias correction.* The notes say bias correction for momentum "is
    not necessary; the usual :math:`\beta = 0.9` gives a good estimation for the first 10
    iterations". It is the reverse: with :math:`v_0 = 0`, :math:`v_1 = 0.1\,dW`, and the average
    of a constant gradient is still low by :math:`0.9^{10} = 35\%` at :math:`t = 10`
    (:func:`dlnotes.ewa.startup_bias`). The lecture's point is that this warm-up of roughly
    :math:`1/(1-\beta) = 10` slow steps is short, so people do not bother; pass
    ``bias_correction=True`` to remove it.

    Examples
    --------
    >>> import numpy as np
    >>> opt = Momentum(learning_rate=0.1, beta=0.9)
    >>> params, grads = {"W": np.array([[1.0]])}, {"dW": np.array([[2.0]])}
    >>> new, state = opt.update(params, grads, opt.init(params))
    >>> state.v["dW"], new["W"]          # v = 0.1 * 2, W = 1 - 0.1 * 0.2
    (array([[0.2]]), array([[0.98]]))
    """

    learning_rate: Hyper
    beta: Hyper = 0.9
    bias_correction: bool = False

    _rules: ClassVar[dict[str, str]] = {"learning_rate": "positive", "beta": "beta"}
    _flags: ClassVar[tuple[str, ...]] = ("bias_correction",)

    _state: ClassVar[type] = MomentumState

    def _step(self, name: str, W: Array, dW: Array, v: Array, *, lr: Hyper, t: int) -> tuple:
        return _momentum_step(W, dW, v, lr, _per_model(self.beta, W), t, self.bias_correction)


@dataclass(frozen=True, eq=False)
class Nesterov(_Optimizer):
    r"""Nesterov accelerated gradient, in the course's damped scaling.

    Parameters
    ----------
    learning_rate : float or ndarray of shape (K,)
        :math:`\alpha > 0`.
    beta : float or ndarray of shape (K,), default 0.9
        In [0, 1).

    Notes
    -----
    The form that needs only the gradient at the current parameters:

    .. math:: v_{dW} = \beta\, v_{dW} + (1-\beta)\, dW, \qquad
              W := W - \alpha\,\bigl(\beta\, v_{dW} + (1-\beta)\, dW\bigr)

    i.e. the step uses one more EWA step of the *new* ``v`` with the same gradient, a
    look-ahead of where momentum is about to carry ``W``. This is Bengio et al.'s (2013)
    rewriting of Sutskever et al.'s (2013) look-ahead form
    :math:`v = \mu v - \varepsilon \nabla f(\theta + \mu v)`, :math:`\theta := \theta + v`:
    with :math:`\mu = \beta` and :math:`\varepsilon = \alpha(1-\beta)`, ``W`` here equals their
    look-ahead point :math:`\theta + \mu v` at every step.

    References
    ----------
    Nesterov, Y. (1983). A method of solving a convex programming problem with convergence
    rate O(1/k^2). Soviet Math. Dokl. 27. Sutskever, I. et al. (2013). On the importance of
    initialization and momentum in deep learning. ICML, sect. 2.1, eqs. (3)-(4). Bengio, Y.,
    Boulanger-Lewandowski, N. & Pascanu, R. (2013). Advances in optimizing recurrent
    networks. ICASSP, sect. 3.5.

    Warnings
    --------
    PyTorch's ``SGD(nesterov=True)`` computes the same rewriting in the heavy-ball scaling
    (:math:`v = \beta v + dW`, :math:`W := W - \alpha(dW + \beta v)`): equal to this class with
    the learning rate multiplied by :math:`1-\beta`. Not part of the course.

    Examples
    --------
    >>> import numpy as np
    >>> opt = Nesterov(learning_rate=0.1, beta=0.9)
    >>> params, grads = {"W": np.array([[1.0]])}, {"dW": np.array([[2.0]])}
    >>> new, state = opt.update(params, grads, opt.init(params))
    >>> state.v["dW"], new["W"]     # step 0.9 * 0.2 + 0.1 * 2 = 0.38
    (array([[0.2]]), array([[0.962]]))
    """

    learning_rate: Hyper
    beta: Hyper = 0.9

    _rules: ClassVar[dict[str, str]] = {"learning_rate": "positive", "beta": "beta"}

    _state: ClassVar[type] = MomentumState

    def _step(self, name: str, W: Array, dW: Array, v: Array, *, lr: Hyper, t: int) -> tuple:
        return _nesterov_step(W, dW, v, lr, _per_model(self.beta, W))


@dataclass(frozen=True, eq=False)
class RMSprop(_Optimizer):
    r"""RMSprop: divide the gradient by the root of an EWA of its square.

    Parameters
    ----------
    learning_rate : float or ndarray of shape (K,)
        :math:`\alpha > 0`.
    beta : float or ndarray of shape (K,), default 0.9
        In [0, 1) (the lecture writes :math:`\beta_2` here).
    epsilon : float or ndarray of shape (K,), default 1e-8
        ``>= 0``, added *outside* the square root.
    bias_correction : bool, default False
        Divide by :math:`\sqrt{s/(1-\beta^t)}` (then RMSprop is Adam with ``beta1 = 0``).

    Notes
    -----
    .. math:: s_{dW} = \beta\, s_{dW} + (1-\beta)\, dW^2, \qquad
              W := W - \alpha\, \frac{dW}{\sqrt{s_{dW}} + \varepsilon}

    (squares and roots elementwise). Each coordinate is scaled by its recent gradient size,
    which damps the directions that oscillate.

    With a constant learning rate RMSprop does not settle exactly on a minimum: once
    :math:`dW` flips sign every step, :math:`s_{dW}` tracks :math:`dW^2` and every step is
    about :math:`\alpha` long, so it ends in a two-step cycle of amplitude about
    :math:`\alpha/2`. Decay the learning rate (:mod:`dlnotes.schedules`), or use Adam, whose
    first moment averages the alternating gradients away.

    References
    ----------
    Tieleman, T. & Hinton, G. (2012). Lecture 6.5 (slides "lecture 6e"), rmsprop: divide the
    gradient by a running average of its recent magnitude. COURSERA: Neural Networks for
    Machine Learning.

    Warnings
    --------
    *The notes omit epsilon*: :math:`W := W - \alpha\, dW/\sqrt{s_{dW}}` divides 0 by 0 as soon
    as a gradient coordinate is exactly 0 at the first step (a dead ReLU unit, a zero-padded
    input). The lecture adds :math:`\varepsilon \approx 10^{-8}` to the denominator.

    *Where epsilon goes differs.* Here and in PyTorch (``torch.optim.RMSprop``, ``eps=1e-8``,
    ``alpha=0.99``) it is outside the root, :math:`\sqrt{s} + \varepsilon`. TensorFlow's
    ``ApplyRMSProp`` and Keras' ``RMSprop`` (``epsilon=1e-7``, ``rho=0.9``) put it inside,
    :math:`\sqrt{s + \varepsilon}`, which acts like :math:`\sqrt{10^{-7}} \approx 3\cdot
    10^{-4}` outside: noticeably larger when gradients are small.

    Examples
    --------
    >>> import numpy as np
    >>> opt = RMSprop(learning_rate=0.01, beta=0.9)
    >>> params, grads = {"W": np.array([[1.0]])}, {"dW": np.array([[2.0]])}
    >>> new, state = opt.update(params, grads, opt.init(params))
    >>> state.s["dW"], new["W"]     # s = 0.1 * 4; step 0.01 * 2 / sqrt(0.4)
    (array([[0.4]]), array([[0.96837722]]))
    """

    learning_rate: Hyper
    beta: Hyper = 0.9
    epsilon: Hyper = 1e-8
    bias_correction: bool = False

    _rules: ClassVar[dict[str, str]] = {
        "learning_rate": "positive", "beta": "beta", "epsilon": "nonnegative",
    }
    _flags: ClassVar[tuple[str, ...]] = ("bias_correction",)
    _denominator_beta: ClassVar[str | None] = "beta"

    _state: ClassVar[type] = RMSpropState

    def _step(self, name: str, W: Array, dW: Array, s: Array, *, lr: Hyper, t: int) -> tuple:
        return _rmsprop_step(
            W, dW, s, lr, _per_model(self.beta, W), _per_model(self.epsilon, W), t,
            self.bias_correction,
        )


@dataclass(frozen=True, eq=False)
class Adam(_Optimizer):
    r"""Adam = momentum + RMSprop + bias correction.

    Parameters
    ----------
    learning_rate : float or ndarray of shape (K,), default 0.001
        :math:`\alpha > 0`.
    beta1 : float or ndarray of shape (K,), default 0.9
        EWA rate of the gradients (momentum), in [0, 1).
    beta2 : float or ndarray of shape (K,), default 0.999
        EWA rate of the squared gradients (RMSprop), in [0, 1).
    epsilon : float or ndarray of shape (K,), default 1e-8
        ``>= 0``, outside the square root.

    Notes
    -----
    With ``t`` the number of this update (1, 2, ...):

    .. math::
        v_{dW} &= \beta_1 v_{dW} + (1-\beta_1)\, dW          && \text{momentum}\\
        s_{dW} &= \beta_2 s_{dW} + (1-\beta_2)\, dW^2        && \text{RMSprop}\\
        v^{corrected}_{dW} &= v_{dW} / (1-\beta_1^t), \quad
        s^{corrected}_{dW} = s_{dW} / (1-\beta_2^t)          && \text{temporaries}\\
        W &:= W - \alpha\, \frac{v^{corrected}_{dW}}{\sqrt{s^{corrected}_{dW}} + \varepsilon}

    The code is literally :func:`dlnotes.ewa.ewa_step` twice and
    :func:`dlnotes.ewa.bias_correction` twice. The first step is about
    :math:`\alpha\,\mathrm{sign}(dW)` whatever the gradient's size.

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: A method for stochastic optimization. ICLR,
    Algorithm 1 (there :math:`m_t, v_t` are this class's :math:`v_{dW}, s_{dW}`).

    Warnings
    --------
    *The notes overwrite the state.* They write :math:`v_{dW} := v_{dW}/(1-\beta_1^t)` and
    :math:`s_{dW} := s_{dW}/(1-\beta_2^t)`, so the next EWA step starts from the corrected
    value and the corrections compound: the stored :math:`v` follows
    :func:`dlnotes.ewa.ewa_as_in_notes` (about 3900 times a constant gradient at
    :math:`t = 20`), and :math:`s`, multiplied by :math:`\beta_2/(1-\beta_2^t) > 1` for
    thousands of steps, grows faster still (:math:`4\cdot 10^{38}` at :math:`t = 20`). The
    steps collapse: on a constant gradient with :math:`\alpha = 0.01` the notes' Adam moves
    0.0129 in total and then stops, where Adam moves 0.01 every step. In Kingma & Ba,
    :math:`\hat m_t, \hat v_t` are separate quantities and :math:`m_t, v_t` are carried on
    unchanged; here the corrected values are temporaries and ``state.v``, ``state.s`` hold
    the uncorrected averages.

    *Epsilon placement.* Algorithm 1 adds :math:`\varepsilon` to :math:`\sqrt{\hat s}` (as the
    notes do, and PyTorch). The paper's "more efficient" variant (end of sect. 2), used by
    Keras (``epsilon=1e-7``, the "epsilon hat"), folds the corrections into the step size and
    adds :math:`\hat\varepsilon` to the uncorrected :math:`\sqrt{s}`; the two agree when
    :math:`\hat\varepsilon = \varepsilon\sqrt{1-\beta_2^t}`.

    Examples
    --------
    >>> import numpy as np
    >>> opt = Adam(learning_rate=0.01)
    >>> params = {"W": np.array([[1.0, 1.0]])}
    >>> grads = {"dW": np.array([[2.0, -0.001]])}
    >>> new, state = opt.update(params, grads, opt.init(params))
    >>> new["W"]                          # first step: about 0.01 * sign(dW)
    array([[0.99     , 1.0099999]])
    >>> state.v["dW"], state.t            # stored uncorrected: 0.1 * dW
    (array([[ 2.e-01, -1.e-04]]), 1)
    """

    learning_rate: Hyper = 0.001
    beta1: Hyper = 0.9
    beta2: Hyper = 0.999
    epsilon: Hyper = 1e-8

    _rules: ClassVar[dict[str, str]] = {
        "learning_rate": "positive", "beta1": "beta", "beta2": "beta", "epsilon": "nonnegative",
    }
    _denominator_beta: ClassVar[str | None] = "beta2"

    _state: ClassVar[type] = AdamState

    def _step(self, name: str, W: Array, dW: Array, v: Array, s: Array, *, lr: Hyper,
              t: int) -> tuple:
        return _adam_step(
            W, dW, v, s, lr, _per_model(self.beta1, W), _per_model(self.beta2, W),
            _per_model(self.epsilon, W), t,
        )


@dataclass(frozen=True, eq=False)
class AdamW(_Optimizer):
    r"""Adam with decoupled weight decay (not in the course).

    Parameters
    ----------
    learning_rate : float or ndarray of shape (K,), default 0.001
        :math:`\alpha > 0`.
    beta1, beta2 : float or ndarray of shape (K,), defaults 0.9, 0.999
        In [0, 1).
    epsilon : float or ndarray of shape (K,), default 1e-8
        ``>= 0``, outside the square root.
    weight_decay : float or ndarray of shape (K,), default 0.01
        :math:`\lambda \ge 0`; ``0`` is plain :class:`Adam`.
    decay_all : bool, default False
        By default only the weights (parameters whose name starts with ``"W"``) decay, like
        the course's L2 penalty, which leaves ``b`` (and batch norm's ``gamma``, ``beta``)
        alone. ``True`` decays every parameter, as the paper's Algorithm 2 and PyTorch's
        ``AdamW`` (one parameter group) do.

    Notes
    -----
    .. math:: W := W - \alpha \left( \frac{v^{corrected}_{dW}}{\sqrt{s^{corrected}_{dW}} +
              \varepsilon} + \lambda\, W \right)

    with :math:`v, s` and their corrections exactly as in :class:`Adam`. The decay is applied
    to ``W`` directly instead of being added to ``dW`` (L2 regularization,
    :math:`dW + \frac{\lambda}{m}W`), where Adam's division by :math:`\sqrt{s}` would shrink
    it most for the weights with the largest gradients.

    References
    ----------
    Loshchilov, I. & Hutter, F. (2019). Decoupled weight decay regularization. ICLR,
    Algorithm 2 (line 12) and sect. 2.

    Warnings
    --------
    The paper multiplies the decay by the schedule multiplier :math:`\eta_t` only
    (:math:`\theta := \theta - \eta_t(\alpha\,\hat m/(\sqrt{\hat v}+\varepsilon) +
    \lambda\theta)`); like PyTorch's ``AdamW``, this class multiplies it by the learning rate,
    so the paper's :math:`\lambda` is :math:`\alpha` times ``weight_decay`` here.

    Examples
    --------
    >>> import numpy as np
    >>> opt = AdamW(learning_rate=0.1, weight_decay=0.5)
    >>> params = {"W": np.array([[2.0]]), "b": np.array([[2.0]])}
    >>> grads = {"dW": np.array([[1.0]]), "db": np.array([[1.0]])}
    >>> new, _ = opt.update(params, grads, opt.init(params))
    >>> new["W"], new["b"]      # W: 2 - 0.1 * (1 + 0.5 * 2); b is not decayed
    (array([[1.8]]), array([[1.9]]))
    """

    learning_rate: Hyper = 0.001
    beta1: Hyper = 0.9
    beta2: Hyper = 0.999
    epsilon: Hyper = 1e-8
    weight_decay: Hyper = 0.01
    decay_all: bool = False

    _rules: ClassVar[dict[str, str]] = {
        "learning_rate": "positive", "beta1": "beta", "beta2": "beta", "epsilon": "nonnegative",
        "weight_decay": "nonnegative",
    }
    _denominator_beta: ClassVar[str | None] = "beta2"
    _flags: ClassVar[tuple[str, ...]] = ("decay_all",)

    _state: ClassVar[type] = AdamState

    def _step(self, name: str, W: Array, dW: Array, v: Array, s: Array, *, lr: Hyper,
              t: int) -> tuple:
        decay = self.weight_decay if (self.decay_all or name.startswith("W")) else 0.0
        return _adamw_step(
            W, dW, v, s, lr, _per_model(self.beta1, W), _per_model(self.beta2, W),
            _per_model(self.epsilon, W), _per_model(decay, W), t,
        )


# --------------------------------------------------------------------------- mini-batches


def random_mini_batches(
    X: ArrayLike, Y: ArrayLike, mini_batch_size: int = 64, *, rng: np.random.Generator
) -> list[tuple[Array, Array]]:
    r"""Shuffle the examples (columns) and cut them into mini-batches, the last one smaller.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one example per column.
    Y : array_like, shape (n_y, m)
        Labels, e.g. ``(1, m)``, with the same ``m``.
    mini_batch_size : int, default 64
        ``>= 1``; the lecture suggests a power of two (64 to 512).
    rng : numpy.random.Generator
        Source of the one permutation shared by ``X`` and ``Y``.

    Returns
    -------
    list of (ndarray, ndarray)
        ``[(X_batch, Y_batch), ...]``: :math:`\lfloor m/\text{size}\rfloor` full batches of
        shape ``(n_x, size)``, ``(n_y, size)``, then one batch of the ``m mod size`` remaining
        examples if that is not zero.

    Notes
    -----
    Step 1 (shuffle): one permutation of the columns, applied to ``X`` and ``Y`` alike, so
    each label stays with its example. Step 2 (partition): consecutive slices of
    ``mini_batch_size`` columns. ``mini_batch_size = m`` is batch gradient descent,
    ``mini_batch_size = 1`` stochastic gradient descent.

    References
    ----------
    Ng, A. Improving Deep Neural Networks, week 2, "Mini-batch gradient descent", and the
    programming assignment "Optimization methods" (``random_mini_batches``).

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = np.arange(10.0).reshape(2, 5), np.array([[0.0, 1, 0, 1, 1]])
    >>> batches = random_mini_batches(X, Y, 2, rng=np.random.default_rng(0))
    >>> [xb.shape[1] for xb, yb in batches]
    [2, 2, 1]
    """
    X = check_matrix(X, "X")
    Y = check_matrix(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of examples (columns), got X of shape "
            f"{X.shape} and Y of shape {Y.shape}"
        )
    mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
    return _random_mini_batches(X, Y, mini_batch_size, check_rng(rng))


def _random_mini_batches(
    X: np.ndarray, Y: np.ndarray, mini_batch_size: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Kernel of :func:`random_mini_batches`: one permutation, then consecutive slices."""
    m = X.shape[1]
    permutation = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, permutation], Y[:, permutation]
    return [
        (X_shuffled[:, k : k + mini_batch_size], Y_shuffled[:, k : k + mini_batch_size])
        for k in range(0, m, mini_batch_size)
    ]
