r"""Experiments with the L-layer network that the lectures show and the explorers draw.

Built on :mod:`dlnotes.nn`, each is a function with a test, which an explorer or a notebook
calls (the plots live in :mod:`dlnotes.viz`):

- :func:`layer_activations`: every layer's :math:`Z^{[l]}` and :math:`A^{[l]}`, to see
  activations vanish or explode layer after layer, or the distributions batch norm changes;
- :func:`init_pass`: one forward and one backward pass through a freshly initialized deep
  network, summarized (vanishing and exploding gradients; the symmetry of "zeros");
- :func:`train_l1`: full-batch gradient descent with an L1 penalty, by proximal or subgradient
  steps (L1 makes weights exactly zero only with the proximal step);
- :func:`cost_curves` (week 2): the course's mini-batch loop, recording the cost of every
  mini-batch for several batch sizes;
- :func:`train_recording` and :func:`true_class_probability` (week 3): what enters each
  activation, epoch by epoch, with and without batch norm; train vs inference mode.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from . import _network as _net
from ._typing import Array, ArrayLike
from ._validation import (
    ArgumentTypeError,
    check_array,
    check_choice,
    check_int,
    check_kwargs,
    check_matrix,
    check_nonnegative,
    check_positive,
    check_rng,
    describe,
    float_range_guard,
)
from .datasets import make_moons
from .initialization import METHODS, _check_layer_dims, init_std, initialize_parameters
from .nn import Model, _backward, _cost, _eval_forward, _forward, backward, forward, train
from .optim import GradientDescent, random_mini_batches
from .regularization import _l1_grad, _l1_proximal_step, frobenius_norm
from .softmax import _sigmoid, _softmax, softmax

__all__ = [
    "CostCurve", "InitPass", "cost_curves", "init_pass", "layer_activations",
    "train_l1", "train_recording", "true_class_probability",
]


def layer_activations(
    model: Model | Mapping[str, np.ndarray], X: ArrayLike, *, hidden_activation: str = "relu",
) -> dict[str, Array]:
    r"""Every layer's :math:`Z^{[l]}` and :math:`A^{[l]}` for the inputs ``X`` ``(n_x, m)``.

    ``model`` is a trained :class:`Model` (evaluated as at test time: no dropout, batch norm
    with its running statistics), or a parameter dict such as a fresh
    :func:`dlnotes.initialization.initialize_parameters` (batch norm, if any, then uses the
    statistics of ``X`` itself; ``hidden_activation`` is used only then). Returns ``Z1, A1,
    ..., ZL, AL``, each ``(n_l, m)``, where ``AL`` is the output probability (sigmoid or
    softmax), and ``Z_tilde{l}`` for BN layers: what the explorers plot to show activations
    vanish or explode layer after layer, and the distributions of ``Z``.

    >>> import numpy as np
    >>> from dlnotes.initialization import initialize_parameters
    >>> params = initialize_parameters([2, 4, 3, 1], "xavier", rng=np.random.default_rng(0))
    >>> acts = layer_activations(params, np.ones((2, 5)), hidden_activation="tanh")
    >>> sorted(acts), acts["A3"].shape
    (['A1', 'A2', 'A3', 'Z1', 'Z2', 'Z3'], (1, 5))
    """
    if isinstance(model, Model):
        ZL, caches, config = _eval_forward(model, X)
    elif isinstance(model, Mapping):
        config = _net.config_of(model, hidden_activation, "model")
        ZL, caches = _forward(model, _net.check_X(X, "X", config.layer_dims[0]), config)
    else:
        raise ArgumentTypeError(
            f"model must be a Model from dlnotes.nn.train or a dict of parameters (such as "
            f"initialize_parameters returns), got {describe(model)}"
        )
    out: dict[str, Array] = {}
    for l, c in enumerate(caches[:-1], start=1):  # noqa: E741
        out[f"Z{l}"] = c.Z
        if c.Z_tilde is not None:
            out[f"Z_tilde{l}"] = c.Z_tilde
        out[f"A{l}"] = c.A
    out[f"Z{config.L}"] = ZL
    out[f"A{config.L}"] = _sigmoid(ZL) if config.output == "sigmoid" else _softmax(ZL)
    return out


class InitPass(NamedTuple):
    """Summary of one forward/backward pass through a freshly initialized network."""

    activations: list[np.ndarray]
    """``[A1, ..., A_{L-1}]``, each ``(width, m)``."""
    stds: np.ndarray
    """``std(A[l])`` for each hidden layer, shape ``(L-1,)``."""
    grad_norms: np.ndarray
    """``||dW[l]||_F`` for ``l = 1..L``, shape ``(L,)``."""
    distinct_units: np.ndarray
    """How many *different* rows (units) each hidden ``A[l]`` has, shape ``(L-1,)``."""
    saturated: np.ndarray
    """Fraction of ``|A[l]| > 0.99`` per hidden layer (tanh saturation), shape ``(L-1,)``."""
    weight_std: float
    """The std of the hidden ``W[l]`` that the method prescribes (:func:`init_std`)."""


def _distinct_rows(A: np.ndarray) -> int:
    """Number of different rows of ``A``: equal rows have equal projections on a generic vector."""
    v = np.sqrt(np.arange(2.0, A.shape[-1] + 2.0))
    return int(np.unique(A @ v).size)


def init_pass(
    X: np.ndarray,
    Y: np.ndarray,
    depth: int,
    method: str = "he",
    *,
    activation: str = "relu",
    scale: float = 0.01,
    rng: np.random.Generator,
) -> InitPass:
    r"""Initialize a plain deep network, run one forward and one backward pass, summarize.

    Parameters
    ----------
    X : ndarray, shape (n, m)
        Inputs; the network has ``depth`` hidden layers of ``n`` units and one sigmoid output.
    Y : ndarray, shape (1, m)
        0/1 labels for the cost whose gradient is taken.
    depth : int
        Number of hidden layers, ``L - 1``.
    method, scale
        As in :func:`dlnotes.initialization.initialize_parameters`.
    activation : {"relu", "tanh"}
    rng : numpy.random.Generator
        Draws the weights.

    Returns
    -------
    InitPass
        Activations, their stds, the gradient norms, the number of distinct units per layer
        (1 means every unit computes the same thing: the symmetry is not broken) and the
        fraction of saturated units.
    """
    X = check_matrix(X, "X")
    X = _net.check_X(X, "X", X.shape[0])
    Y = _net.check_Y(Y, "Y", 1, X.shape[1])
    depth = check_int(depth, "depth", minimum=1)
    method = check_choice(method, "method", METHODS)
    activation = check_choice(activation, "activation", _net.HIDDEN_ACTIVATIONS)
    scale = check_positive(scale, "scale")
    rng = check_rng(rng)
    n = X.shape[0]
    params = initialize_parameters([n] * (depth + 1) + [1], method, rng=rng, scale=scale)
    with float_range_guard("scale", f"a pass through {depth} layers initialized {method!r}",
                           "; use a smaller scale (or fewer layers)"):
        ZL, caches = forward(params, X, hidden_activation=activation)
        grads = backward(ZL, Y, caches)
        acts = [c.A for c in caches[:-1]]
        return InitPass(
            activations=acts,
            stds=np.array([float(np.std(A)) for A in acts]),
            grad_norms=np.array([frobenius_norm(grads[f"dW{k}"]) for k in range(1, depth + 2)]),
            distinct_units=np.array([_distinct_rows(A) for A in acts]),
            saturated=np.array([float(np.mean(np.abs(A) > 0.99)) for A in acts]),
            weight_std=init_std(method, n, n, scale=scale),
        )


def train_l1(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: Sequence[int],
    lambd: float,
    *,
    learning_rate: float,
    epochs: int,
    rng: np.random.Generator,
    init: str = "he",
    hidden_activation: str = "relu",
    method: str = "proximal",
) -> dict[str, np.ndarray]:
    r"""Full-batch gradient descent with an L1 penalty on every ``W``: proximal or subgradient.

    :func:`dlnotes.nn.train` has no L1 option, so this loop wires the pieces together: the
    forward and backward passes of :mod:`dlnotes.nn` give the gradient of the unregularized
    cost, :class:`dlnotes.optim.GradientDescent` updates the biases, and the weights take
    one of two steps:

    - ``method="proximal"`` (ISTA), :func:`dlnotes.regularization.l1_proximal_step`:
      :math:`W := \mathrm{soft\_threshold}(W - \alpha\,dW,\ \alpha\lambda/m)`;
    - ``method="subgradient"``, the plain step on :math:`J + \frac{\lambda}{m}\sum\lvert W
      \rvert` with :func:`dlnotes.regularization.l1_grad`:
      :math:`W := W - \alpha\,(dW + \frac{\lambda}{m}\,\mathrm{sign}(W))`.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_L, m)
    layer_dims : sequence of int
    lambd : float
        :math:`\lambda \ge 0` in :math:`\frac{\lambda}{m}\sum_l\lVert W^{[l]}\rVert_1`.
    learning_rate : float
    epochs : int
    rng : numpy.random.Generator
        Draws the initial weights exactly as :func:`dlnotes.nn.train` does with the same seed.
    init, hidden_activation
        As in :func:`dlnotes.nn.train`.
    method : {"proximal", "subgradient"}, default "proximal"
        The weight step, as above.

    Returns
    -------
    dict of ndarray
        The trained parameters.

    Raises
    ------
    ValueError
        If the training diverges (a weight becomes NaN or infinite), naming ``learning_rate``.

    Notes
    -----
    Only the proximal step makes weights *exactly* zero (every weight whose gradient step lands
    within :math:`\alpha\lambda/m` of 0); the subgradient step makes a weight near 0 jump from
    side to side by :math:`\alpha\lambda/m`, small but almost never 0. Both descend the same
    penalized cost :math:`J + \frac{\lambda}{m}\sum_l\lVert W^{[l]}\rVert_1`.

    References
    ----------
    .. [1] N. Parikh, S. Boyd, "Proximal Algorithms", 2014, sect. 4.2 (proximal gradient).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.datasets import make_moons
    >>> X, Y = make_moons(100, rng=np.random.default_rng(0))
    >>> kw = dict(learning_rate=0.5, epochs=50, rng=np.random.default_rng(1))
    >>> prox = train_l1(X, Y, [2, 20, 1], 3.0, **kw)
    >>> kw["rng"] = np.random.default_rng(1)
    >>> sub = train_l1(X, Y, [2, 20, 1], 3.0, method="subgradient", **kw)
    >>> bool(np.mean(prox["W1"] == 0) > 0.2), float(np.mean(sub["W1"] == 0))
    (True, 0.0)
    """
    X = check_matrix(X, "X")
    X = _net.check_X(X, "X", X.shape[0])
    Y = check_matrix(Y, "Y", cols=X.shape[1])
    if not isinstance(layer_dims, Sequence) or len(layer_dims) < 2:
        raise ValueError(
            f"layer_dims must be a sequence [n_x, n_1, ..., n_L] of at least 2 sizes, got "
            f"{describe(layer_dims)}"
        )
    dims = [check_int(n, f"layer_dims[{i}]", minimum=1) for i, n in enumerate(layer_dims)]
    if dims[0] != X.shape[0] or dims[-1] != Y.shape[0]:
        raise ValueError(
            f"layer_dims must start with n_x = {X.shape[0]} (rows of X) and end with "
            f"n_L = {Y.shape[0]} (rows of Y), got {list(dims)}"
        )
    Y = _net.check_Y(Y, "Y", dims[-1], X.shape[1])
    lambd = check_nonnegative(lambd, "lambd")
    learning_rate = check_positive(learning_rate, "learning_rate")
    epochs = check_int(epochs, "epochs", minimum=0)
    rng = check_rng(rng)
    init = check_choice(init, "init", METHODS)
    method = check_choice(method, "method", ("proximal", "subgradient"))
    hidden_activation = check_choice(
        hidden_activation, "hidden_activation", _net.HIDDEN_ACTIVATIONS)
    config = _net.NetConfig(tuple(dims), hidden_activation, False, _net.output_of(dims[-1]))
    params = initialize_parameters(dims, init, rng=rng)
    optimizer = GradientDescent(learning_rate)
    state = optimizer.init(params)
    m = X.shape[1]
    with _net.quiet_overflow():  # a blow-up is reported as divergence
        for epoch in range(epochs):  # checked above: the kernels of forward and backward
            ZL, caches = _forward(params, X, config)
            grads = _backward(ZL, Y, caches, config.output, None)
            if method == "subgradient":  # l1_grad
                grads = {
                    key: (g + _l1_grad(params[key[1:]], lambd, m) if key.startswith("dW") else g)
                    for key, g in grads.items()
                }
            new, state = optimizer.update(params, grads, state)
            if method == "proximal":
                for key in params:
                    if key.startswith("W"):  # l1_proximal_step
                        new[key] = _l1_proximal_step(
                            params[key], grads[f"d{key}"], learning_rate, lambd, m
                        )
            params = new
            _refuse_divergence(params.values(), f"in epoch {epoch + 1} of {epochs}",
                               learning_rate, " (or a smaller lambd)")
    return params


def _refuse_divergence(arrays: Any, where: str, learning_rate: float, more: str = "") -> None:
    """Raise, naming ``learning_rate``, once training has produced a NaN or an infinity."""
    if not all(np.all(np.isfinite(a)) for a in arrays):
        raise ValueError(
            f"learning_rate = {learning_rate:g} made the training diverge (NaN or inf {where}): "
            f"try a smaller learning_rate{more}"
        )


# --------------------------------------------------------------------------- week 2


class CostCurve(NamedTuple):
    """The record of one training run with a given mini-batch size.

    Attributes
    ----------
    size : int
        The mini-batch size.
    minibatch : ndarray, shape (iterations,)
        :math:`J^{\\{t\\}}`, the cost of the mini-batch used at iteration ``t`` (before its
        update), as the course's training loop prints it.
    full : ndarray, shape (iterations,)
        The cost on the whole training set after iteration ``t``.
    epoch : ndarray, shape (iterations,)
        Passes over the data after iteration ``t``: ``(t + 1) * size / m``.
    """

    size: int
    minibatch: np.ndarray
    full: np.ndarray
    epoch: np.ndarray


def cost_curves(
    X: np.ndarray | None = None,
    Y: np.ndarray | None = None,
    *,
    sizes: Sequence[int] | None = None,
    layer_dims: Sequence[int] | None = None,
    learning_rate: float = 0.3,
    iterations: int = 300,
    rng: np.random.Generator | None = None,
) -> dict[int, CostCurve]:
    r"""Train one network per mini-batch size for the same number of iterations.

    Every run starts from the same initial weights and uses plain
    :class:`dlnotes.optim.GradientDescent`; only the mini-batch size differs.

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m), optional
        The training set; 512 points of :func:`dlnotes.datasets.make_moons` by default.
    sizes : sequence of int, optional
        Mini-batch sizes; ``(m, 256, 64, 16, 1)`` (those below ``m``) by default. ``m`` is
        batch gradient descent, 1 is stochastic gradient descent.
    layer_dims : sequence of int, optional
        The network, ``[n_x, 16, 1]`` by default.
    learning_rate : float, default 0.3
        :math:`\alpha` of every run.
    iterations : int, default 300
        Gradient steps per run.
    rng : numpy.random.Generator, optional
        Draws the data, the initial weights and the shuffles; ``default_rng(0)`` if None.

    Returns
    -------
    dict of int to CostCurve
        By size, in the order of ``sizes``.

    Raises
    ------
    ValueError
        If a run diverges (a cost becomes NaN or infinite), naming ``learning_rate``.

    Examples
    --------
    >>> import numpy as np
    >>> curves = cost_curves(sizes=[64, 1], iterations=20, rng=np.random.default_rng(1))
    >>> sorted(curves), curves[64].minibatch.shape, float(curves[1].epoch[-1]) * 512
    ([1, 64], (20,), 20.0)
    """
    rng = np.random.default_rng(0) if rng is None else check_rng(rng)
    if (X is None) != (Y is None):
        raise ValueError(f"X and Y must be given together (or neither, for 512 moons), got "
                         f"X={describe(X, 40)} and Y={describe(Y, 40)}")
    if X is None:
        X, Y = make_moons(512, noise=0.2, rng=rng)
    X = check_matrix(X, "X")
    dims = _check_layer_dims([X.shape[0], 16, 1] if layer_dims is None else layer_dims)
    X = _net.check_X(X, "X", dims[0])
    Y = _net.check_Y(Y, "Y", dims[-1], X.shape[1])
    m = X.shape[1]
    if sizes is None:
        sizes = [m] + [s for s in (256, 64, 16, 1) if s < m]
    sizes = [check_int(s, f"sizes[{i}]", minimum=1)
             for i, s in enumerate(check_array(sizes, "sizes", ndim=1, dtype=None,
                                               nonempty=True).tolist())]
    learning_rate = check_positive(learning_rate, "learning_rate")
    iterations = check_int(iterations, "iterations", minimum=1)
    config = _net.NetConfig(tuple(dims), "relu", False, _net.output_of(dims[-1]))
    params0 = initialize_parameters(dims, "he", rng=rng)
    optimizer = GradientDescent(learning_rate)
    curves = {}
    with _net.quiet_overflow():  # a blow-up is reported as divergence
        for size, data_rng in zip(sizes, rng.spawn(len(sizes)), strict=True):
            curves[size] = _run(X, Y, params0, optimizer, size, iterations, data_rng, config)
    return curves


def _run(X: np.ndarray, Y: np.ndarray, params: dict, optimizer: Any, size: int,
         iterations: int, data_rng: np.random.Generator, config: _net.NetConfig) -> CostCurve:
    """The course's mini-batch loop (week 2 assignment ``model``), recording every cost.

    The arguments are checked by :func:`cost_curves`: the loop calls the kernels of
    :func:`~dlnotes.nn.forward`, :func:`~dlnotes.nn.compute_cost` and
    :func:`~dlnotes.nn.backward`.
    """
    state = optimizer.init(params)
    minibatch, full = np.empty(iterations), np.empty(iterations)
    t = 0
    while t < iterations:
        for X_batch, Y_batch in random_mini_batches(X, Y, size, rng=data_rng):
            ZL, caches = _forward(params, X_batch, config)
            minibatch[t] = _cost(ZL, Y_batch, None, config.output, None)
            grads = _backward(ZL, Y_batch, caches, config.output, None)
            params, state = optimizer.update(params, grads, state)
            full[t] = _cost(_forward(params, X, config)[0], Y, None, config.output, None)
            _refuse_divergence((minibatch[t], full[t]), f"at iteration {t + 1} with mini-batch "
                               f"size {size}", optimizer.learning_rate)
            t += 1
            if t == iterations:
                break
    epoch = np.arange(1, iterations + 1) * size / X.shape[1]
    return CostCurve(size, minibatch, full, epoch)


# --------------------------------------------------------------------------- week 3


class BatchNormRun(NamedTuple):
    """One network's training, recorded after every epoch."""

    model: Any
    """The final :class:`dlnotes.nn.Model`."""
    snapshots: list[tuple[dict[str, np.ndarray], dict[str, np.ndarray]]]
    """``(params, batchnorm_stats)`` after each epoch."""
    inputs: list[list[np.ndarray]]
    """``inputs[e][l-1]``: what entered layer ``l``'s activation after epoch ``e``, on the probe."""
    means: np.ndarray
    """Shape ``(epochs, L-1)``."""
    stds: np.ndarray
    """Shape ``(epochs, L-1)``."""


def train_recording(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: Sequence[int],
    X_probe: np.ndarray,
    *,
    batchnorm: bool,
    rng: np.random.Generator,
    **train_kwargs: Any,
) -> BatchNormRun:
    r""":func:`dlnotes.nn.train`, recording the pre-activations on ``X_probe`` after every epoch.

    The probe goes through the network in training mode (:func:`dlnotes.nn.forward` without
    running statistics: batch norm uses the probe's own mean and variance, as during a step).

    Parameters
    ----------
    X, Y, layer_dims, batchnorm, rng, **train_kwargs
        As in :func:`dlnotes.nn.train` (``train_kwargs``: its other keyword arguments, all but
        ``callback``, which records).
    X_probe : ndarray, shape (n_x, m_probe)

    Returns
    -------
    BatchNormRun
    """
    check_kwargs(train_kwargs, _TRAIN_KWARGS, "train_recording()")
    X_probe = _net.check_X(X_probe, "X_probe", _check_layer_dims(layer_dims)[0])
    snapshots, inputs = [], []

    def record(epoch: int, model: Any) -> None:
        params = {k: v.copy() for k, v in model.params.items()}
        stats = {k: v.copy() for k, v in model.batchnorm_stats.items()}
        snapshots.append((params, stats))
        _, caches = forward(
            params, X_probe, hidden_activation=model.config.hidden_activation
        )
        inputs.append([c.Z if c.Z_tilde is None else c.Z_tilde for c in caches[:-1]])

    model = train(
        X, Y, layer_dims, batchnorm=batchnorm, rng=rng, callback=record, **train_kwargs
    )
    with _net.quiet_if_diverged(model):  # train has said so; its last inputs are NaN or inf
        means = np.array([[float(np.mean(Z)) for Z in layer] for layer in inputs])
        stds = np.array([[float(np.std(Z)) for Z in layer] for layer in inputs])
    return BatchNormRun(model, snapshots, inputs, means, stds)


_TRAIN_KWARGS = tuple(name for name in inspect.signature(train).parameters
                      if name not in ("X", "Y", "layer_dims", "batchnorm", "rng", "callback"))
"""The keyword arguments of :func:`dlnotes.nn.train` that :func:`train_recording` passes on."""


def true_class_probability(
    params: Mapping[str, np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    *,
    hidden_activation: str = "relu",
    batchnorm_stats: Mapping[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Softmax probability of the true class of each column, shape ``(m,)``.

    Without ``batchnorm_stats`` a batch-norm network runs in training mode (the statistics of
    ``X`` itself); with them, in inference mode.
    """
    ZL, caches = forward(
        params, X, hidden_activation=hidden_activation, batchnorm_stats=batchnorm_stats
    )
    if ZL.shape[0] < 2:
        L = len(caches)
        raise ValueError(f"params must end in a softmax layer of C >= 2 classes, got one output "
                         f"unit (params['W{L}'] of shape {params[f'W{L}'].shape})")
    Y = _net.check_Y(Y, "Y", ZL.shape[0], ZL.shape[1])
    return np.sum(softmax(ZL) * Y, axis=0)
