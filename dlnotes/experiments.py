r"""Experiments with the L-layer network that week 1's lectures show and the explorers draw.

Built on :mod:`dlnotes.nn`, each is a function with a test, which an explorer or a notebook
calls (the plots live in :mod:`dlnotes.viz`):

- :func:`layer_activations`: every layer's :math:`Z^{[l]}` and :math:`A^{[l]}`, to see
  activations vanish or explode layer after layer, or the distributions batch norm changes;
- :func:`init_pass`: one forward and one backward pass through a freshly initialized deep
  network, summarized (vanishing and exploding gradients; the symmetry of "zeros");
- :func:`train_l1`: full-batch gradient descent with an L1 penalty, by proximal or subgradient
  steps (L1 makes weights exactly zero only with the proximal step).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from . import _network as _net
from ._typing import Array, ArrayLike
from ._validation import (
    check_choice,
    check_int,
    check_matrix,
    check_nonnegative,
    check_positive,
    check_rng,
    describe,
)
from .initialization import init_std, initialize_parameters
from .nn import Model, _eval_forward, _forward, backward, forward
from .optim import GradientDescent
from .regularization import frobenius_norm, l1_grad, l1_proximal_step
from .softmax import _sigmoid, _softmax

__all__ = ["InitPass", "init_pass", "layer_activations", "train_l1"]


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
    else:
        config = _net.config_of(model, hidden_activation)
        ZL, caches = _forward(model, _net.check_X(X, "X", config.layer_dims[0]), config)
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
    n = X.shape[0]
    params = initialize_parameters([n] * (depth + 1) + [1], method, rng=rng, scale=scale)
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
    lambd = check_nonnegative(lambd, "lambd")
    learning_rate = check_positive(learning_rate, "learning_rate")
    epochs = check_int(epochs, "epochs", minimum=0)
    rng = check_rng(rng)
    method = check_choice(method, "method", ("proximal", "subgradient"))
    hidden_activation = check_choice(
        hidden_activation, "hidden_activation", _net.HIDDEN_ACTIVATIONS)
    params = initialize_parameters(dims, init, rng=rng)
    optimizer = GradientDescent(learning_rate)
    state = optimizer.init(params)
    m = X.shape[1]
    for _ in range(epochs):
        ZL, caches = forward(params, X, hidden_activation=hidden_activation)
        grads = backward(ZL, Y, caches)
        if method == "subgradient":
            grads = {
                key: (g + l1_grad(params[key[1:]], lambd, m) if key.startswith("dW") else g)
                for key, g in grads.items()
            }
        new, state = optimizer.update(params, grads, state)
        if method == "proximal":
            for key in params:
                if key.startswith("W"):
                    new[key] = l1_proximal_step(
                        params[key], grads[f"d{key}"], learning_rate, lambd, m
                    )
        params = new
    return params
