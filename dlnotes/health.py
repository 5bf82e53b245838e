r"""Training health: per-layer activations, gradients and update-to-data ratios while training.

The lectures explain why a deep network can fail to train (week 1: vanishing and exploding
gradients, weight initialization; week 3: batch norm). The practitioner's way to *see* it is to
watch, layer by layer and during training (Karpathy, CS231n "Babysitting the learning
process"; "Building makemore" part 3):

- the **activations** :math:`A^{[l]}`: their spread, and the share of *saturated* units
  (:math:`|a| > 0.97` for tanh, where :math:`g'(z) = 1 - a^2 < 0.06` and the gradient barely
  passes) or *dead* ones (:math:`a = 0` for ReLU, where :math:`g'(z) = 0`);
- the **gradients** :math:`dW^{[l]}`: a layer whose gradients are 100 times smaller than the
  next one's learns 100 times slower (vanishing), or blows up (exploding);
- the **update-to-data ratio** of each layer, the size of the step the optimizer actually took
  relative to the weights,

  .. math:: r^{[l]}_t = \frac{\lVert W^{[l]}_{t} - W^{[l]}_{t-1}\rVert_F}
                             {\lVert W^{[l]}_{t-1}\rVert_F},

  which is :math:`\alpha\lVert dW^{[l]}\rVert_F / \lVert W^{[l]}\rVert_F` for gradient descent
  but is measured, not computed from the gradient, so it is right for momentum, RMSprop and
  Adam too. A rule of thumb puts a healthy :math:`\log_{10} r` near :math:`-3`: much lower and
  the layer hardly learns, much higher and it forgets what it learnt.

:func:`training_health` trains a network with :func:`dlnotes.nn.train` (the course's loop,
unchanged) and records these statistics at every epoch; :func:`update_ratio` is the ratio of
one step; :func:`standardized_digits` is the small, normalized data set the explorer trains on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from . import nn
from ._network import HIDDEN_ACTIVATIONS, check_X, check_Y
from ._typing import Array, ArrayLike
from ._validation import (
    check_choice,
    check_finite,
    check_int,
    check_optimizer,
    check_params,
    check_positive,
    check_rng,
    describe,
)
from .datasets import load_digits
from .initialization import METHODS, _check_layer_dims

__all__ = [
    "SATURATION",
    "TrainingHealth",
    "standardized_digits",
    "training_health",
    "update_ratio",
]

SATURATION = 0.97
"""A tanh unit counts as saturated when :math:`|a| >` this (then :math:`g'(z) < 0.06`)."""

GRADIENT_RANGE = (-10.0, 4.0)
r"""The range of :math:`\log_{10}|dW|` in the gradient histograms; values beyond it are
counted in the end bins."""

RELU_RANGE = (0.0, 4.0)
"""The range of the ReLU activation histograms; larger values are counted in the last bin."""


class TrainingHealth(NamedTuple):
    r"""Per-epoch, per-layer statistics of one training run (:func:`training_health`).

    Row ``e`` of every per-epoch array is measured *after* ``e`` epochs: row 0 is the network
    as initialized. The statistics are those of one forward and backward pass over the whole
    training set ``(X, Y)`` in training mode (batch norm with the batch's own mean and
    variance), with the parameters of that moment. With ``E`` epochs, ``L`` layers and ``S``
    updates in all:

    Attributes
    ----------
    epoch : ndarray of int, shape (E + 1,)
        ``0, 1, ..., E``.
    step : ndarray of int, shape (E + 1,)
        The number of updates done at each row (``0, n_batches, 2 n_batches, ...``).
    activation_std : ndarray, shape (E + 1, L - 1)
        Standard deviation of the entries of :math:`A^{[l]}`, for each hidden layer.
    saturated : ndarray, shape (E + 1, L - 1)
        Share of the entries of :math:`A^{[l]}` that are saturated: :math:`|a| >`
        :data:`SATURATION` for tanh, :math:`a = 0` (dead for that example) for ReLU.
    distinct_units : ndarray of int, shape (E + 1, L - 1)
        How many different rows (units) :math:`A^{[l]}` has: 1 means every unit of the layer
        computes the same function (the symmetry was never broken).
    activation_counts : ndarray, shape (E + 1, L - 1, bins)
        Histogram of the entries of :math:`A^{[l]}` over ``activation_edges`` (out-of-range
        values in the end bins), as shares of all entries; for ReLU the exact zeros are left
        out (they are ``saturated``).
    activation_edges : ndarray, shape (bins + 1,)
        ``[-1, 1]`` for tanh, :data:`RELU_RANGE` for ReLU.
    gradient_norm : ndarray, shape (E + 1, L)
        :math:`\lVert dW^{[l]}\rVert_F` for every layer (the output layer too).
    gradient_counts : ndarray, shape (E + 1, L, bins)
        Histogram of :math:`\log_{10}|dW^{[l]}_{ij}|` over ``gradient_edges``, as shares of
        all entries; exact zeros are left out (see ``gradient_zero``).
    gradient_edges : ndarray, shape (bins + 1,)
        Spanning :data:`GRADIENT_RANGE`.
    gradient_zero : ndarray, shape (E + 1, L)
        Share of the entries of :math:`dW^{[l]}` that are exactly zero.
    update_ratio : ndarray, shape (S, L)
        :math:`\lVert W^{[l]}_t - W^{[l]}_{t-1}\rVert_F / \lVert W^{[l]}_{t-1}\rVert_F` for
        every update ``t = 1..S`` (row ``t - 1``); NaN where :math:`W^{[l]}_{t-1} = 0` (the
        ratio is undefined) and after a divergence.
    loss : ndarray, shape (E + 1,)
        The cross-entropy on ``(X, Y)`` (training mode).
    accuracy : ndarray, shape (E + 1,)
        The share of ``(X, Y)`` classified correctly (training mode).
    diverged_at : int or None
        The update at which the weights stopped being finite (or grew beyond ``max_norm``);
        the rows after it are NaN. None when training went to the end.
    hidden_activation : str
        ``"tanh"`` or ``"relu"``.
    """

    epoch: np.ndarray
    step: np.ndarray
    activation_std: Array
    saturated: Array
    distinct_units: np.ndarray
    activation_counts: Array
    activation_edges: Array
    gradient_norm: Array
    gradient_counts: Array
    gradient_edges: Array
    gradient_zero: Array
    update_ratio: Array
    loss: Array
    accuracy: Array
    diverged_at: int | None
    hidden_activation: str


def update_ratio(
    params_before: Mapping[str, np.ndarray], params_after: Mapping[str, np.ndarray]
) -> Array:
    r"""The update-to-data ratio of every weight matrix for one step.

    Parameters
    ----------
    params_before, params_after : dict of ndarray
        The parameters before and after one update; the ``W{l}`` (``l = 1..L``) are compared,
        each of shape ``(n_l, n_{l-1})``, finite (a step that diverged has no ratio).

    Returns
    -------
    ndarray, shape (L,)
        :math:`\lVert W^{[l]}_{after} - W^{[l]}_{before}\rVert_F /
        \lVert W^{[l]}_{before}\rVert_F`; NaN where :math:`W^{[l]}_{before} = 0` (undefined).

    Notes
    -----
    For gradient descent, :math:`W := W - \alpha\, dW`, so the ratio is
    :math:`\alpha\lVert dW\rVert_F/\lVert W\rVert_F`. For Adam it is not: each entry moves by
    about :math:`\alpha` whatever the size of its gradient. Measuring the step taken covers
    both. The rule of thumb "about :math:`10^{-3}`" is from A. Karpathy, CS231n notes, "Neural
    Networks Part 3", section "Ratio of weights:updates".

    Examples
    --------
    >>> import numpy as np
    >>> before = {"W1": np.array([[3.0, 4.0]]), "b1": np.zeros((1, 1))}
    >>> after = {"W1": np.array([[3.0, 3.995]]), "b1": np.ones((1, 1))}
    >>> update_ratio(before, after)        # |(0, -0.005)| / |(3, 4)| = 0.005 / 5
    array([0.001])
    """
    check_params(params_before, "params_before")
    check_params(params_after, "params_after")
    keys = _weight_keys(params_before, "params_before")
    for k in keys:
        check_finite(params_before[k], f"params_before[{k!r}]")
        if k not in params_after or np.shape(params_after[k]) != np.shape(params_before[k]):
            raise ValueError(
                f"params_after[{k!r}] must exist with the shape of params_before[{k!r}], "
                f"{np.shape(params_before[k])}; got "
                f"{np.shape(params_after[k]) if k in params_after else 'missing'}"
            )
        check_finite(params_after[k], f"params_after[{k!r}]")
    return _update_ratio(params_before, params_after, keys)


def _weight_keys(params: Any, name: str) -> list[str]:
    if not isinstance(params, Mapping) or "W1" not in params:
        raise ValueError(f"{name} must be a dict with 'W1', 'W2', ..., got {describe(params)}")
    keys = []
    while f"W{len(keys) + 1}" in params:
        keys.append(f"W{len(keys) + 1}")
    return keys


def _update_ratio(
    before: Mapping[str, np.ndarray], after: Mapping[str, np.ndarray], keys: Sequence[str]
) -> Array:
    """Kernel of :func:`update_ratio`: ``|after - before|_F / |before|_F`` per key, NaN for 0/x."""
    step = np.array([np.linalg.norm(after[k] - before[k]) for k in keys])
    data = np.array([np.linalg.norm(before[k]) for k in keys])
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(data > 0, step / np.where(data > 0, data, 1.0), np.nan)


def standardized_digits(m: int = 512, *, rng: np.random.Generator) -> tuple[Array, Array]:
    r"""``m`` of the 8x8 digits, drawn without replacement, each pixel standardized.

    Parameters
    ----------
    m : int, default 512
        How many examples, 1 to 1797.
    rng : numpy.random.Generator
        Chooses the examples.

    Returns
    -------
    X : ndarray, shape (64, m)
        :math:`x := (x - \mu)/\sigma` per pixel (row), with the mean and standard deviation of
        these ``m`` examples; a pixel that is constant over them becomes 0.
    Y : ndarray, shape (10, m)
        One-hot labels.

    Notes
    -----
    The week-1 lecture "Normalizing inputs": zero mean and unit variance per feature, so the
    initializations of :mod:`dlnotes.initialization`, derived for inputs of variance 1, start
    the network where they were designed to.

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = standardized_digits(100, rng=np.random.default_rng(0))
    >>> X.shape, Y.shape, bool(np.allclose(X.mean(axis=1), 0.0))
    ((64, 100), (10, 100), True)
    """
    m = check_int(m, "m", minimum=1, maximum=1797)
    rng = check_rng(rng)
    X, Y = load_digits()
    idx = np.sort(rng.choice(X.shape[1], size=m, replace=False))
    X, Y = X[:, idx], Y[:, idx]
    mu = X.mean(axis=1, keepdims=True)
    sigma = X.std(axis=1, keepdims=True)
    return (X - mu) / np.where(sigma > 0, sigma, 1.0), Y


class _Diverged(Exception):
    """Raised by the recorder to stop :func:`dlnotes.nn.train` once the weights blow up."""


class _Recorder:
    """Wraps an optimizer: passes every call through, keeps the first parameters and the ratio
    of every step. ``nn.train`` sees an ordinary optimizer (``init`` and ``update``)."""

    def __init__(self, optimizer: Any, keys: Sequence[str], max_norm: float) -> None:
        self.optimizer, self.keys, self.max_norm = optimizer, list(keys), max_norm
        self.initial: dict[str, np.ndarray] | None = None
        self.ratios: list[Array] = []

    def init(self, params: Mapping[str, np.ndarray]) -> Any:
        self.initial = {k: np.array(v) for k, v in params.items()}
        return self.optimizer.init(params)

    def update(self, params: Any, grads: Any, state: Any, **kwargs: Any) -> tuple[Any, Any]:
        new, state = self.optimizer.update(params, grads, state, **kwargs)
        if not all(np.all(np.isfinite(new[k])) and np.max(np.abs(new[k])) <= self.max_norm
                   for k in self.keys):
            raise _Diverged
        self.ratios.append(_update_ratio(params, new, self.keys))
        return new, state


def _distinct_rows(A: np.ndarray) -> int:
    """Number of different rows of ``A``: equal rows have equal projections on a generic vector."""
    v = np.sqrt(np.arange(2.0, A.shape[-1] + 2.0))
    return int(np.unique(A @ v).size)


def _snapshot(
    params: Mapping[str, np.ndarray], X: np.ndarray, Y: np.ndarray, activation: str,
    a_edges: np.ndarray, g_edges: np.ndarray,
) -> dict[str, Any]:
    """The statistics of one forward and backward pass over ``(X, Y)`` with ``params``."""
    ZL, caches = nn.forward(params, X, hidden_activation=activation)
    grads = nn.backward(ZL, Y, caches)
    L = len(caches)
    acts = [c.A for c in caches[:-1]]
    dWs = [grads[f"dW{l}"] for l in range(1, L + 1)]  # noqa: E741
    a_counts, g_counts = [], []
    size = lambda a: max(a.size, 1)  # noqa: E731
    for A in acts:
        a = A.ravel()
        if activation == "relu":
            a = a[a != 0.0]
        a = np.clip(a, a_edges[0], a_edges[-1])
        a_counts.append(np.histogram(a, bins=a_edges)[0] / size(A))
    for dW in dWs:
        g = np.abs(dW.ravel())
        g = np.clip(np.log10(g[g > 0]), g_edges[0], g_edges[-1])
        g_counts.append(np.histogram(g, bins=g_edges)[0] / size(dW))
    if activation == "tanh":
        saturated = [float(np.mean(np.abs(A) > SATURATION)) for A in acts]
    else:
        saturated = [float(np.mean(A == 0.0)) for A in acts]
    labels = np.argmax(Y, axis=0)
    return dict(
        activation_std=[float(np.std(A)) for A in acts],
        saturated=saturated,
        distinct_units=[_distinct_rows(A) for A in acts],
        activation_counts=a_counts,
        gradient_norm=[float(np.linalg.norm(dW)) for dW in dWs],
        gradient_counts=g_counts,
        gradient_zero=[float(np.mean(dW == 0.0)) for dW in dWs],
        loss=nn.compute_cost(ZL, Y),
        accuracy=float(np.mean(np.argmax(ZL, axis=0) == labels)),
    )


def training_health(
    X: ArrayLike,
    Y: ArrayLike,
    layer_dims: Sequence[int],
    *,
    optimizer: Any,
    epochs: int,
    mini_batch_size: int | None = 64,
    batchnorm: bool = False,
    init: str = "he",
    init_scale: float = 0.01,
    hidden_activation: str = "tanh",
    rng: np.random.Generator,
    data_rng: np.random.Generator | None = None,
    bins: int = 56,
    max_norm: float = 1e8,
) -> TrainingHealth:
    r"""Train with :func:`dlnotes.nn.train` and record each layer's health at every epoch.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Training inputs, one example per column.
    Y : array_like, shape (C, m)
        One-hot labels, ``C = layer_dims[-1] >= 2`` (softmax output).
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``.
    optimizer : optimizer from :mod:`dlnotes.optim`
        ``GradientDescent``, ``Momentum``, ``RMSprop``, ``Adam``, ...
    epochs : int >= 1
    mini_batch_size : int or None, default 64
        As in :func:`dlnotes.nn.train` (None: the whole set, one update per epoch).
    batchnorm : bool, default False
        Batch-normalize every hidden layer.
    init : {"zeros", "random", "xavier", "he", "glorot", "glorot_uniform"}, default "he"
    init_scale : float > 0, default 0.01
        The std of ``init="random"`` (10 gives the course's "times 10").
    hidden_activation : {"tanh", "relu"}, default "tanh"
    rng : numpy.random.Generator
        Passed to :func:`dlnotes.nn.train`: the initial weights come from it. The same seed
        gives the same weights (for the same ``init``) and the same mini-batches whatever the
        optimizer, learning rate or batch norm, so one knob changes at a time.
    data_rng : numpy.random.Generator, optional
        The mini-batch shuffles, as in :func:`dlnotes.nn.train`.
    bins : int >= 2, default 56
        Bins of the histograms.
    max_norm : float > 0, default 1e8
        Training stops (``diverged_at``) once a weight is non-finite or larger than this.

    Returns
    -------
    TrainingHealth
        Per-epoch, per-layer activations (spread, saturated or dead share, histograms,
        distinct units), gradients (norms, histograms of :math:`\log_{10}|dW|`), the
        update-to-data ratio of every update, loss and accuracy.

    Notes
    -----
    Nothing here trains differently from :func:`dlnotes.nn.train`: the optimizer is wrapped
    so that every update it makes is also measured (:func:`update_ratio` of the parameters
    before and after), and ``callback`` takes the statistics at the end of each epoch.

    References
    ----------
    .. [1] X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward
       neural networks", AISTATS 2010, sect. 4 (activation and gradient histograms per layer
       during training; saturation of the top tanh layers).
    .. [2] A. Karpathy, CS231n notes, "Neural Networks Part 3: Learning and Evaluation",
       sect. "Babysitting the learning process" (ratio of updates to weights, about 1e-3).
    .. [3] S. Ioffe, C. Szegedy, "Batch Normalization", ICML 2015, sect. 1 and 4.1.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optim import GradientDescent
    >>> X, Y = standardized_digits(128, rng=np.random.default_rng(0))
    >>> h = training_health(X, Y, [64, 16, 16, 10], optimizer=GradientDescent(0.1), epochs=3,
    ...                     mini_batch_size=32, init="xavier", rng=np.random.default_rng(1))
    >>> h.saturated.shape, h.gradient_norm.shape, h.update_ratio.shape, h.step.tolist()
    ((4, 2), (4, 3), (12, 3), [0, 4, 8, 12])
    >>> bool(h.loss[-1] < h.loss[0])
    True
    """
    dims = _check_layer_dims(layer_dims)
    if len(dims) < 3:
        raise ValueError(
            f"layer_dims must have at least one hidden layer, [n_x, n_1, ..., n_L]; got "
            f"{describe(layer_dims)}"
        )
    if dims[-1] < 2:
        raise ValueError(
            f"layer_dims[-1] must be the number of classes C >= 2 (softmax output), got "
            f"{dims[-1]!r}"
        )
    init = check_choice(init, "init", METHODS)
    hidden_activation = check_choice(hidden_activation, "hidden_activation",
                                     HIDDEN_ACTIVATIONS)
    epochs = check_int(epochs, "epochs", minimum=1)
    bins = check_int(bins, "bins", minimum=2)
    max_norm = check_positive(max_norm, "max_norm")
    rng = check_rng(rng)
    optimizer = check_optimizer(optimizer)
    if mini_batch_size is not None:
        mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
    X = check_X(X, "X", dims[0])
    Y = check_Y(Y, "Y", dims[-1], X.shape[1])
    L = len(dims) - 1
    a_edges = np.linspace(*((-1.0, 1.0) if hidden_activation == "tanh" else RELU_RANGE), bins + 1)
    g_edges = np.linspace(*GRADIENT_RANGE, bins + 1)
    recorder = _Recorder(optimizer, [f"W{l}" for l in range(1, L + 1)], max_norm)  # noqa: E741
    rows: list[dict[str, Any]] = []
    steps: list[int] = []
    X_arr = np.asarray(X, dtype=np.float64)
    Y_arr = np.asarray(Y, dtype=np.float64)

    def callback(epoch: int, model: nn.Model) -> None:
        rows.append(_snapshot(model.params, X_arr, Y_arr, hidden_activation, a_edges, g_edges))
        steps.append(len(recorder.ratios))

    diverged_at = None
    with np.errstate(over="ignore", invalid="ignore"):  # a blow-up is caught as divergence
        try:
            nn.train(
                X, Y, dims, optimizer=recorder, epochs=epochs, mini_batch_size=mini_batch_size,
                batchnorm=batchnorm, init=init, init_scale=init_scale,
                hidden_activation=hidden_activation, rng=rng, data_rng=data_rng,
                callback=callback, eval_every=epochs,
            )
        except _Diverged:
            diverged_at = len(recorder.ratios) + 1
        assert recorder.initial is not None  # nn.train calls optimizer.init first
        first = _snapshot(recorder.initial, X_arr, Y_arr, hidden_activation, a_edges, g_edges)
    rows.insert(0, first)
    steps.insert(0, 0)
    per_epoch = _batches(X_arr, mini_batch_size)
    total = epochs * per_epoch
    ratios = np.full((total, L), np.nan)
    if recorder.ratios:
        ratios[: len(recorder.ratios)] = np.array(recorder.ratios)

    def stack(name: str, shape: tuple[int, ...]) -> Array:
        out = np.full((epochs + 1, *shape), np.nan)
        for e, row in enumerate(rows):
            out[e] = row[name]
        return out

    hidden = L - 1
    distinct = np.zeros((epochs + 1, hidden), dtype=np.int64)
    for e, row in enumerate(rows):
        distinct[e] = row["distinct_units"]
    return TrainingHealth(
        epoch=np.arange(epochs + 1),
        step=np.arange(epochs + 1) * per_epoch,
        activation_std=stack("activation_std", (hidden,)),
        saturated=stack("saturated", (hidden,)),
        distinct_units=distinct,
        activation_counts=stack("activation_counts", (hidden, bins)),
        activation_edges=a_edges,
        gradient_norm=stack("gradient_norm", (L,)),
        gradient_counts=stack("gradient_counts", (L, bins)),
        gradient_edges=g_edges,
        gradient_zero=stack("gradient_zero", (L,)),
        update_ratio=ratios,
        loss=stack("loss", ()),
        accuracy=stack("accuracy", ()),
        diverged_at=diverged_at,
        hidden_activation=hidden_activation,
    )


def _batches(X: np.ndarray, mini_batch_size: int | None) -> int:
    m = X.shape[1]
    return 1 if mini_batch_size is None else -(-m // mini_batch_size)
