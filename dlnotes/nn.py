r"""An L-layer network in which every course idea can be switched on and off.

The architecture, in course notation (examples in columns)::

    X -> [LINEAR -> (BATCHNORM) -> RELU/TANH -> (DROPOUT)] x (L-1) -> LINEAR -> SIGMOID/SOFTMAX

with ``layer_dims = [n_x, n_1, ..., n_L]``, ``W{l}`` of shape ``(n_l, n_{l-1})``, ``b{l}`` of
shape ``(n_l, 1)``. The output is a sigmoid when ``n_L = 1`` (labels ``Y`` of shape ``(1, m)``,
0 or 1) and a softmax when ``n_L = C >= 2`` (one-hot ``Y`` of shape ``(C, m)``).

Nothing here re-implements a formula that has a home elsewhere. This module holds only the
linear layer and the wiring:

================================== =============================================
piece                              module (private kernel used here)
================================== =============================================
``Z = W A_prev + b`` and its grads this module (``_linear_forward/_backward``)
ReLU, tanh and their derivatives   :mod:`dlnotes.activations`
initialization                     :mod:`dlnotes.initialization`
L2 cost and gradient, dropout      :mod:`dlnotes.regularization`
batch norm, its running statistics :mod:`dlnotes.batchnorm`
sigmoid/softmax and cross-entropy  :mod:`dlnotes.softmax`
the update rules, mini-batches     :mod:`dlnotes.optim`
================================== =============================================

Gradients are those of the scalar cost :math:`J` (a mean over the ``m`` examples of the
batch). The output layer's :math:`dZ^{[L]} = (A^{[L]} - Y)/m` therefore already holds the
:math:`1/m` that the course writes in :math:`dW = \frac{1}{m} dZ\, A^{[l-1]T}`; every later
formula is the course's with that :math:`1/m` moved into ``dZ``. The products are the same.

The kernels work on arrays with any leading "model" axes: with ``W{l}`` of shape
``(K, n_l, n_{l-1})`` the same lines compute ``Z{l}`` of shape ``(K, n_l, m)`` for ``K``
networks at once (``@`` broadcasts over the leading axis, a shared ``X`` included). That is
how :func:`train_many` runs a sweep of ``K`` networks as one, with exactly the arithmetic of
:func:`train`.

Randomness
----------
:func:`train` takes one ``rng``. It draws, in this order, the initial weights (through
:func:`dlnotes.initialization.initialize_parameters`) and then the dropout masks (one per
hidden layer per step, layer 1 first). The mini-batch shuffles come from a separate stream,
``data_rng``, by default a child of ``rng`` (``rng.spawn(1)[0]``, which draws nothing from
``rng`` itself), so two runs with the same seed that differ only in ``keep_prob``, ``lambd`` or the
initialization see exactly the same mini-batches.

:func:`train_many` takes one generator per model, ``rngs[k]``, which plays the role of
``rng`` for model ``k``, and one shared ``data_rng``: all models see the same mini-batches in
the same order. So ``train_many(..., rngs=[default_rng(s) for s in seeds],
data_rng=default_rng(d)).model(k)`` is ``train(..., rng=default_rng(seeds[k]),
data_rng=default_rng(d))``; the tests check it to 1e-10.

:func:`cost_function` draws a **new** dropout mask from its ``rng`` at every evaluation (so a
gradient check with dropout on fails, as it should). :func:`sweep_objective` spawns two
children of its ``rng`` once (initial weights and dropout masks; mini-batch order) and copies
them for every call, so its dev errors are a deterministic function of the hyperparameters;
see there for ``same_init=False``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from numbers import Real
from typing import Any, NamedTuple

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import (
    check_beta,
    check_choice,
    check_int,
    check_matrix,
    check_nonnegative,
    check_one_hot,
    check_params,
    check_positive,
    check_probability,
    check_rng,
    describe,
)
from .activations import _relu, _relu_backward, _tanh, _tanh_backward
from .batchnorm import (
    _batchnorm_backward,
    _batchnorm_forward,
    _batchnorm_inference,
    _update_running_stats,
    init_running_stats,
)
from .initialization import METHODS, _check_layer_dims, initialize_parameters
from .optim import _random_mini_batches
from .regularization import _dropout_backward, _dropout_forward, _l2_cost, _l2_grad
from .softmax import (
    _binary_cross_entropy,
    _binary_cross_entropy_backward,
    _cross_entropy,
    _cross_entropy_backward,
    _sigmoid,
    _softmax,
)

__all__ = [
    "History",
    "LayerCache",
    "Model",
    "NetConfig",
    "NetworkCost",
    "Sweep",
    "SweepObjective",
    "accuracy",
    "backward",
    "compute_cost",
    "cost_function",
    "forward",
    "layer_activations",
    "linear_backward",
    "linear_forward",
    "predict",
    "sweep_objective",
    "train",
    "train_many",
]

HIDDEN_ACTIVATIONS: tuple[str, ...] = ("relu", "tanh")
"""The hidden activations :func:`train` understands."""

BN_EPSILON = 1e-5
"""The :math:`\\varepsilon` of every batch-norm layer (that of
:func:`dlnotes.batchnorm.batchnorm_forward`)."""

_ACTIVATIONS = {"relu": (_relu, _relu_backward), "tanh": (_tanh, _tanh_backward)}


# --------------------------------------------------------------------------- types


class NetConfig(NamedTuple):
    r"""The architecture of a network: what inference needs besides the parameters.

    Attributes
    ----------
    layer_dims : tuple of int
        ``(n_x, n_1, ..., n_L)``.
    hidden_activation : {"relu", "tanh"}
    batchnorm : bool
        Whether the hidden layers are batch-normalized (they then have ``gamma{l}``,
        ``beta{l}`` and no ``b{l}``).
    output : {"sigmoid", "softmax"}
        ``"sigmoid"`` when ``n_L = 1``, else ``"softmax"``.
    epsilon : float
        The batch-norm :math:`\varepsilon`.
    """

    layer_dims: tuple[int, ...]
    hidden_activation: str = "relu"
    batchnorm: bool = False
    output: str = "sigmoid"
    epsilon: float = BN_EPSILON

    @property
    def L(self) -> int:
        """Number of layers with parameters, :math:`L`."""
        return len(self.layer_dims) - 1


class LayerCache(NamedTuple):
    r"""What the forward pass of layer :math:`l` keeps for the backward pass (and for plots).

    Attributes
    ----------
    A_prev : ndarray, shape (n_{l-1}, m)
        The layer's input :math:`A^{[l-1]}` (after dropout of the previous layer, if any).
    W : ndarray, shape (n_l, n_{l-1})
        The weights used.
    Z : ndarray, shape (n_l, m)
        :math:`Z^{[l]} = W^{[l]} A^{[l-1]} (+ b^{[l]})`.
    bn : BatchNormCache or None
        The batch-norm cache (training mode), else None.
    Z_tilde : ndarray or None
        :math:`\tilde Z^{[l]}`, the batch-normalized :math:`Z^{[l]}`, for BN layers.
    A : ndarray or None
        :math:`A^{[l]} = g(Z^{[l]})` (or :math:`g(\tilde Z^{[l]})`) *before* dropout; None for
        the output layer, whose cost is computed from the logits :math:`Z^{[L]}`.
    D : ndarray or None
        The dropout mask applied to ``A`` (the next layer sees ``A * D / keep_prob``).
    keep_prob : float or ndarray or None
        The keep probability used with ``D``.
    activation : str or None
        ``"relu"`` or ``"tanh"``; None for the output layer.
    """

    A_prev: Array
    W: Array
    Z: Array
    bn: Any = None
    Z_tilde: Array | None = None
    A: Array | None = None
    D: Array | None = None
    keep_prob: Any = None
    activation: str | None = None


class History(NamedTuple):
    r"""What happened during training, per epoch.

    In a :class:`Model` every curve is 1-D; in a :class:`Sweep` each has a last axis of
    length ``K``, one column per model.

    Attributes
    ----------
    cost : ndarray, shape (epochs,)
        The training cost :math:`J` (cross-entropy **plus** the L2 term) of each epoch: the
        mean of the mini-batch costs, weighted by batch size, measured in training mode
        *while* the parameters change, as the course's ``model`` records it. With dropout on
        (``keep_prob < 1``) it is the cost of a different thinned network at each step: not a
        well-defined :math:`J` that must fall.
    epoch : ndarray of int, shape (n_evals,)
        The epochs (0-based) after which the curves below were measured.
    train_loss, train_accuracy : ndarray, shape (n_evals,)
        Cross-entropy (no L2 term) and accuracy on the whole training set, in evaluation mode:
        dropout off, batch norm with its running statistics.
    dev_loss, dev_accuracy : ndarray, shape (n_evals,)
        The same on the dev set; empty when no dev set was given.
    dropout : bool
        True when ``cost`` was measured with dropout on (``keep_prob < 1``); in a
        :class:`Sweep`, an array of ``K`` bools.
    """

    cost: Array
    epoch: np.ndarray
    train_loss: Array
    train_accuracy: Array
    dev_loss: Array
    dev_accuracy: Array
    dropout: Any


class Model(NamedTuple):
    r"""A trained network: everything :func:`predict` needs, and how it got there.

    Attributes
    ----------
    params : dict of ndarray
        ``W{l}``, ``b{l}`` (no ``b{l}`` for a BN layer), ``gamma{l}``, ``beta{l}``.
    history : History
    config : NetConfig
    batchnorm_stats : dict of ndarray
        ``running_mean{l}``, ``running_var{l}`` of shape ``(n_l, 1)`` for each BN layer; empty
        without batch norm. Not trained: an EWA of the batch statistics.
    hyperparameters : dict
        The arguments the model was trained with (``lambd``, ``keep_prob``, ``init``, ...).
    """

    params: dict[str, Array]
    history: History
    config: NetConfig
    batchnorm_stats: dict[str, Array]
    hyperparameters: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Sweep:
    r"""``K`` networks trained at once by :func:`train_many`, stacked on a leading axis.

    Attributes
    ----------
    params : dict of ndarray
        As in :class:`Model` with a leading model axis: ``W{l}`` is ``(K, n_l, n_{l-1})``.
    history : History
        Every curve has a last axis of length ``K`` (``cost`` is ``(epochs, K)``).
    config : NetConfig
        Shared by all models.
    batchnorm_stats : dict of ndarray
        ``running_mean{l}`` of shape ``(K, n_l, 1)``, ...
    hyperparameters : dict
        Per-model values are lists of length ``K``.

    Use ``sweep.model(k)`` (or ``sweep.models()``, or iterate) for one-network
    :class:`Model` objects; :func:`predict` and :func:`accuracy` also accept a whole sweep.
    """

    params: dict[str, Array]
    history: History
    config: NetConfig
    batchnorm_stats: dict[str, Array]
    hyperparameters: dict[str, Any]

    def __len__(self) -> int:
        return int(self.params["W1"].shape[0])

    def __iter__(self) -> Iterator[Model]:
        return iter(self.models())

    def model(self, k: int) -> Model:
        """The ``k``-th network as a :class:`Model` (views into the stacked arrays)."""
        k = check_int(k, "k", minimum=-len(self), maximum=len(self) - 1)
        h = self.history
        history = History(
            h.cost[:, k],
            h.epoch,
            *(curve[:, k] if curve.size else curve for curve in h[2:6]),
            bool(h.dropout[k]),
        )
        hyper = {
            key: (v[k] if key in _PER_MODEL else v) for key, v in self.hyperparameters.items()
        }
        hyper["optimizer"] = _optimizer_of_model(hyper["optimizer"], k)
        return Model(
            {key: v[k] for key, v in self.params.items()},
            history,
            self.config,
            {key: v[k] for key, v in self.batchnorm_stats.items()},
            hyper,
        )

    def models(self) -> list[Model]:
        """All ``K`` networks, as a list of :class:`Model`."""
        return [self.model(k) for k in range(len(self))]


_PER_MODEL = ("lambd", "keep_prob", "init", "init_scale", "bn_momentum")
"""The :func:`train_many` arguments that may take one value per model."""


def _optimizer_of_model(optimizer: Any, k: int) -> Any:
    """Model ``k``'s optimizer: per-model hyperparameter arrays replaced by their ``k``-th value."""
    if not dataclasses.is_dataclass(optimizer):
        return optimizer
    changes = {
        f.name: float(getattr(optimizer, f.name)[k])
        for f in dataclasses.fields(optimizer)
        if isinstance(getattr(optimizer, f.name), np.ndarray)
    }
    return dataclasses.replace(optimizer, **changes) if changes else optimizer


# --------------------------------------------------------------------------- kernels
# No checks; arrays are (..., n, m) with any leading model axes, hyperparameters are numbers
# or arrays of shape (K, 1, 1). ``None`` for ``lambd`` or ``keep_prob`` means "off".


def _swap(A: np.ndarray) -> np.ndarray:
    """Transpose of the last two axes, ``A.T`` for one network (a view, no copy)."""
    return A.swapaxes(-1, -2)


def _linear_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray | None, out: np.ndarray | None = None
) -> np.ndarray:
    # Z = W A_prev + b; a batch-norm layer passes b=None (its beta does the job).
    # ``out``: a work buffer of the training loop that receives Z (see _Workspace)
    Z = np.matmul(W, A_prev, out=out)  # W @ A_prev
    if b is not None:
        Z += b  # in place on Z (new, or the loop's buffer): inputs untouched
    return Z


def _linear_backward(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray, *, need_dA_prev: bool = True,
    out: np.ndarray | None = None,
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    # the course's dW = (1/m) dZ A_prev^T, db = (1/m) sum dZ, dA_prev = W^T dZ, with the 1/m
    # already inside dZ (it is the gradient of the mean cost J). ``out`` receives dA_prev
    dW = dZ @ _swap(A_prev)
    db = dZ.sum(axis=-1, keepdims=True)
    dA_prev = np.matmul(_swap(W), dZ, out=out) if need_dA_prev else None
    return dA_prev, dW, db


class _Workspace:
    """Work buffers private to one training call, reused from step to step.

    A step of a stack of ``K`` networks (or of one wide network on many examples) makes arrays
    of shape ``(K, n_l, m)`` (``Z``, ``A``, ``dA``) large enough for the allocator to give them
    back to the operating system when they are freed, so that every step pays the page faults
    of fresh memory again: more than the arithmetic on them. :func:`_fit` then makes one
    workspace per call, and the forward and backward passes write those arrays into its
    buffers with ``out=``: the very same operations in the same order, hence the same numbers
    (a test checks it bit for bit).

    A buffer is overwritten at the next step, so what is computed into it (the caches) is
    only used within the step; nothing the caller sees (parameters, gradients handed to the
    optimizer, statistics, history) is ever a buffer.
    """

    MIN_SIZE = 16_384
    """Arrays of fewer float64 (128 KiB, where glibc's malloc starts to map memory afresh from
    the system) are cheap to allocate: below it a workspace saves nothing and its bookkeeping
    costs a little, so :func:`_fit` goes without."""

    def __init__(self) -> None:
        self._buffers: dict[tuple[str, int, tuple[int, ...]], np.ndarray] = {}

    def __call__(self, kind: str, l: int, shape: tuple[int, ...]) -> np.ndarray:  # noqa: E741
        """The buffer for ``kind`` (``"Z"``, ``"A"``, ``"dA"``) of layer ``l``, of this shape
        (each mini-batch size, and the evaluation sets, get their own)."""
        key = (kind, l, shape)
        buffer = self._buffers.get(key)
        if buffer is None:
            buffer = self._buffers[key] = np.empty(shape)
        return buffer


def _buffer(
    work: _Workspace | None, kind: str, l: int, left: np.ndarray, right: np.ndarray  # noqa: E741
) -> np.ndarray | None:
    """``work``'s buffer for the product ``left @ right`` (and what is computed from it)."""
    if work is None:
        return None
    # the leading model axes are those of the operand that has them (a shared X has none);
    # a wrong guess could not pass silently: matmul refuses an ``out`` of the wrong shape
    stack = max(left.shape[:-2], right.shape[:-2], key=len)
    return work(kind, l, (*stack, left.shape[-2], right.shape[-1]))


class _PerModelGenerators:
    """``K`` generators behind the one method the dropout kernel draws with, ``random(shape)``.

    ``random((K, n, m))`` fills block ``k`` from ``rngs[k]``: the very numbers model ``k`` draws
    when trained alone by :func:`train`, so one kernel call masks all ``K`` models.
    """

    def __init__(self, rngs: Sequence[np.random.Generator]) -> None:
        self.rngs = rngs

    def random(self, shape: tuple[int, ...]) -> np.ndarray:
        out = np.empty(shape)
        for k, rng in enumerate(self.rngs):
            rng.random(out=out[k])
        return out


def _forward(
    params: Mapping[str, np.ndarray],
    X: np.ndarray,
    config: NetConfig,
    *,
    keep_prob: Any = None,
    rngs: Any = None,
    stats: Mapping[str, np.ndarray] | None = None,
    work: _Workspace | None = None,
) -> tuple[np.ndarray, list[LayerCache]]:
    """Logits ``Z{L}`` and the per-layer caches. ``stats`` given: BN in inference mode.

    ``work`` given (the training loop), ``Z{l}``, ``A{l}`` and the logits are written into
    its buffers, valid until the next call with the same ``work``.
    """
    g = _ACTIVATIONS[config.hidden_activation][0]
    L = config.L
    caches: list[LayerCache] = []
    A = X
    for l in range(1, L):  # noqa: E741 - the course's layer index
        W = params[f"W{l}"]
        bn = Z_tilde = D = None
        Z_out = _buffer(work, "Z", l, W, A)
        A_out = _buffer(work, "A", l, W, A)
        if config.batchnorm:
            Z = _linear_forward(A, W, None, Z_out)
            gamma, beta = params[f"gamma{l}"], params[f"beta{l}"]
            if stats is None:
                Z_tilde, bn = _batchnorm_forward(Z, gamma, beta, config.epsilon)
            else:
                Z_tilde = _batchnorm_inference(
                    Z, gamma, beta, stats[f"running_mean{l}"], stats[f"running_var{l}"],
                    config.epsilon,
                )
            A_l = g(Z_tilde, A_out)
        else:
            Z = _linear_forward(A, W, params[f"b{l}"], Z_out)
            A_l = g(Z, A_out)
        A_next = A_l
        if keep_prob is not None:
            A_next, D = _dropout_forward(A_l, keep_prob, rngs)
        caches.append(
            LayerCache(A, W, Z, bn, Z_tilde, A_l, D, keep_prob, config.hidden_activation)
        )
        A = A_next
    W = params[f"W{L}"]
    ZL = _linear_forward(A, W, params[f"b{L}"], _buffer(work, "Z", L, W, A))
    caches.append(LayerCache(A, W, ZL))
    return ZL, caches


def _data_cost(ZL: np.ndarray, Y: np.ndarray, output: str) -> np.ndarray:
    if output == "sigmoid":
        return _binary_cross_entropy(ZL, Y)
    return _cross_entropy(ZL, Y)


def _cost(
    ZL: np.ndarray, Y: np.ndarray, weights: Sequence[np.ndarray] | None, output: str, lambd: Any
) -> np.ndarray:
    J = _data_cost(ZL, Y, output)
    if lambd is not None:
        J = J + _l2_cost(weights, lambd, Y.shape[-1])
    return J


def _backward(
    ZL: np.ndarray, Y: np.ndarray, caches: Sequence[LayerCache], output: str, lambd: Any,
    work: _Workspace | None = None,
) -> dict[str, np.ndarray]:
    # ``work`` given (the training loop): each dA^{[l-1]} is written into a buffer of it, and
    # dropout and the activation's backward then turn it into dZ^{[l-1]} in place
    m = Y.shape[-1]
    if output == "sigmoid":
        dZ = _binary_cross_entropy_backward(ZL, Y)  # (A - Y)/m: the 1/m is in dZ
    else:
        dZ = _cross_entropy_backward(ZL, Y)
    grads: dict[str, np.ndarray] = {}
    for l in range(len(caches), 0, -1):  # noqa: E741
        c = caches[l - 1]
        dA_out = _buffer(work, "dA", l - 1, _swap(c.W), dZ) if l > 1 else None
        dA_prev, dW, db = _linear_backward(dZ, c.A_prev, c.W, need_dA_prev=l > 1, out=dA_out)
        if lambd is not None:
            dW = dW + _l2_grad(c.W, lambd, m)
        grads[f"dW{l}"] = dW
        if c.bn is None:
            grads[f"db{l}"] = db
        if l == 1:
            break
        p = caches[l - 2]  # the hidden layer below: undo its dropout, activation, BN
        if p.D is not None:
            dA_prev = _dropout_backward(dA_prev, p.D, p.keep_prob)
        dZ = _ACTIVATIONS[p.activation][1](dA_prev, p.A, dA_out)
        if p.bn is not None:
            dZ, grads[f"dgamma{l - 1}"], grads[f"dbeta{l - 1}"] = _batchnorm_backward(dZ, p.bn)
    return grads


def _labels(ZL: np.ndarray, output: str) -> np.ndarray:
    """Predicted classes from the logits: shape ``ZL.shape[:-2] + (m,)``, int64."""
    if output == "sigmoid":
        return (ZL[..., 0, :] > 0.0).astype(np.int64)  # sigmoid(z) > 0.5  <=>  z > 0
    return np.argmax(ZL, axis=-2)


def _true_labels(Y: np.ndarray) -> np.ndarray:
    return Y[0].astype(np.int64) if Y.shape[0] == 1 else np.argmax(Y, axis=0)


def _update_stats(
    stats: dict[str, np.ndarray], caches: Sequence[LayerCache], momentum: Any
) -> dict[str, np.ndarray]:
    new = {}
    for l, c in enumerate(caches[:-1], start=1):  # noqa: E741
        mean, var = f"running_mean{l}", f"running_var{l}"
        new[mean], new[var] = _update_running_stats(
            stats[mean], stats[var], c.bn.mu, c.bn.var, momentum
        )
    return new


def _evaluate(
    params: Mapping[str, np.ndarray],
    stats: Mapping[str, np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    labels: np.ndarray,
    config: NetConfig,
    work: _Workspace | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Cross-entropy (no L2) and accuracy in evaluation mode (no dropout, running stats)."""
    ZL, _ = _forward(params, X, config, stats=stats if config.batchnorm else None, work=work)
    return _data_cost(ZL, Y, config.output), np.mean(_labels(ZL, config.output) == labels, -1)


# --------------------------------------------------------------------------- training loop


class _Run(NamedTuple):
    """Hyperparameters of one run, as the kernels take them (None = switched off)."""

    lambd: Any
    keep_prob: Any
    bn_momentum: Any
    dropout: Any


def _fit(
    X: np.ndarray,
    Y: np.ndarray,
    params: dict[str, np.ndarray],
    stats: dict[str, np.ndarray],
    config: NetConfig,
    run: _Run,
    *,
    optimizer: Any,
    epochs: int,
    mini_batch_size: int | None,
    schedule: Callable[[int], Any] | None,
    data_rng: np.random.Generator | None,
    drop_rngs: Any,
    callback: Callable[[int, Any], Any] | None,
    dev: tuple[np.ndarray, np.ndarray] | None,
    eval_every: int,
    wrap: Callable[..., Any],
) -> Any:
    """The loop shared by :func:`train` (2-D arrays) and :func:`train_many` (stacked)."""
    m = X.shape[-1]
    L = config.L
    weight_keys = [f"W{l}" for l in range(1, L + 1)]  # noqa: E741
    train_labels = _true_labels(Y)
    dev_labels = None if dev is None else _true_labels(dev[1])
    curves: dict[str, list] = {k: [] for k in History._fields[:6]}
    state = optimizer.init(params)
    # work buffers, private to this call, for the Z, A, dA of every step (if they are big)
    n_models = int(np.prod(params["W1"].shape[:-2]))  # K for train_many, 1 for train
    biggest = n_models * max(config.layer_dims[1:]) * m
    work = _Workspace() if biggest >= _Workspace.MIN_SIZE else None

    def history() -> History:
        return History(**{k: np.asarray(v) for k, v in curves.items()}, dropout=run.dropout)

    for epoch in range(epochs):
        lr = None if schedule is None else _check_learning_rate(schedule(epoch), epoch)
        if mini_batch_size is None:
            batches: Sequence[tuple[np.ndarray, np.ndarray]] = ((X, Y),)
        else:
            batches = _random_mini_batches(X, Y, mini_batch_size, data_rng)  # checked once
        total = 0.0
        for X_t, Y_t in batches:
            ZL, caches = _forward(
                params, X_t, config, keep_prob=run.keep_prob, rngs=drop_rngs, work=work
            )
            weights = None if run.lambd is None else [params[k] for k in weight_keys]
            J = _cost(ZL, Y_t, weights, config.output, run.lambd)
            total = total + J * Y_t.shape[-1]
            grads = _backward(ZL, Y_t, caches, config.output, run.lambd, work)
            if lr is None:
                params, state = optimizer.update(params, grads, state)
            else:
                params, state = optimizer.update(params, grads, state, learning_rate=lr)
            if config.batchnorm:
                stats = _update_stats(stats, caches, run.bn_momentum)
        curves["cost"].append(total / m)
        if (epoch + 1) % eval_every == 0 or epoch == epochs - 1:
            curves["epoch"].append(epoch)
            loss, acc = _evaluate(params, stats, X, Y, train_labels, config, work)
            curves["train_loss"].append(loss)
            curves["train_accuracy"].append(acc)
            if dev is not None:
                loss, acc = _evaluate(params, stats, dev[0], dev[1], dev_labels, config, work)
                curves["dev_loss"].append(loss)
                curves["dev_accuracy"].append(acc)
        if callback is not None:
            callback(epoch, wrap(params, history(), stats))
    return wrap(params, history(), stats)


def _check_learning_rate(lr: Any, epoch: int) -> Any:
    arr = np.asarray(lr, dtype=np.float64)
    if not (np.all(np.isfinite(arr)) and np.all(arr > 0)):
        raise ValueError(
            f"schedule must return a learning rate > 0 (a number, or one per model), "
            f"got {describe(lr)} at epoch {epoch}"
        )
    return lr


def _with_batchnorm(params: dict[str, Array], L: int) -> dict[str, Array]:
    """Hidden layers lose ``b{l}`` and gain ``gamma{l}`` (ones) and ``beta{l}`` (zeros)."""
    out: dict[str, Array] = {}
    for l in range(1, L + 1):  # noqa: E741
        out[f"W{l}"] = params[f"W{l}"]
        if l < L:
            stats = init_running_stats(params[f"b{l}"].shape[0])  # gamma = 1, beta = 0 at start
            out[f"gamma{l}"] = np.ones_like(stats.running_var)
            out[f"beta{l}"] = np.zeros_like(stats.running_mean)
        else:
            out[f"b{l}"] = params[f"b{l}"]
    return out


def _initial_state(
    config: NetConfig, init: str, scale: float, rng: np.random.Generator
) -> tuple[dict[str, Array], dict[str, Array]]:
    params = initialize_parameters(config.layer_dims, init, rng=rng, scale=scale)
    stats: dict[str, Array] = {}
    if config.batchnorm:
        params = _with_batchnorm(params, config.L)
        for l in range(1, config.L):  # noqa: E741
            rs = init_running_stats(config.layer_dims[l])
            stats[f"running_mean{l}"], stats[f"running_var{l}"] = rs
    return params, stats


# --------------------------------------------------------------------------- checks


def _check_X(X: Any, name: str, n_x: int) -> Array:
    X = check_matrix(X, name)
    if X.shape[0] != n_x:
        raise ValueError(
            f"{name} must have layer_dims[0] = {n_x} rows (features), got shape {X.shape}"
        )
    if X.shape[1] < 1:
        raise ValueError(f"{name} must have at least one example (column), got shape {X.shape}")
    return X


def _check_Y(Y: Any, name: str, n_out: int, m: int, X_name: str = "X") -> Array:
    Y = check_matrix(Y, name)
    if n_out == 1:
        if Y.shape[0] != 1:
            raise ValueError(
                f"{name} must be of shape (1, m) with 0/1 labels, because layer_dims[-1] = 1 "
                f"(a sigmoid output); got shape {Y.shape}. For {Y.shape[0]} classes set "
                f"layer_dims[-1] = {Y.shape[0]}"
            )
        if not np.all((Y == 0) | (Y == 1)):
            raise ValueError(
                f"{name} must hold binary labels, 0 or 1, got values {np.unique(Y)[:6]}"
            )
    else:
        if Y.shape[0] != n_out:
            raise ValueError(
                f"{name} must be one-hot of shape ({n_out}, m), layer_dims[-1] = {n_out} "
                f"classes; got shape {Y.shape}"
            )
        Y = check_one_hot(Y, name)
    if Y.shape[1] != m:
        raise ValueError(
            f"{name} must have one column per example of {X_name}, {m}; got shape {Y.shape}"
        )
    return Y


def _check_data(
    X: Any, Y: Any, layer_dims: Sequence[int], X_dev: Any, Y_dev: Any
) -> tuple[Array, Array, tuple[Array, Array] | None]:
    X = _check_X(X, "X", layer_dims[0])
    Y = _check_Y(Y, "Y", layer_dims[-1], X.shape[1])
    if (X_dev is None) != (Y_dev is None):
        raise ValueError(
            f"X_dev and Y_dev must be given together, got X_dev={describe(X_dev)} and "
            f"Y_dev={describe(Y_dev)}"
        )
    dev = None
    if X_dev is not None:
        X_dev = _check_X(X_dev, "X_dev", layer_dims[0])
        dev = (X_dev, _check_Y(Y_dev, "Y_dev", layer_dims[-1], X_dev.shape[1], "X_dev"))
    return X, Y, dev


def _check_common(
    layer_dims: Any,
    optimizer: Any,
    epochs: Any,
    mini_batch_size: Any,
    batchnorm: Any,
    hidden_activation: Any,
    schedule: Any,
    callback: Any,
    eval_every: Any,
) -> tuple[NetConfig, int, int | None, int]:
    dims = tuple(_check_layer_dims(layer_dims))
    if not all(callable(getattr(optimizer, name, None)) for name in ("init", "update")):
        raise ValueError(
            f"optimizer must have init(params) and update(params, grads, state) methods, e.g. "
            f"dlnotes.optim.Adam(0.01); got {describe(optimizer)}"
        )
    epochs = check_int(epochs, "epochs", minimum=1)
    if mini_batch_size is not None:
        mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
    if not isinstance(batchnorm, (bool, np.bool_)):
        raise ValueError(f"batchnorm must be True or False, got {describe(batchnorm)}")
    hidden_activation = check_choice(hidden_activation, "hidden_activation", HIDDEN_ACTIVATIONS)
    for name, f in (("schedule", schedule), ("callback", callback)):
        if f is not None and not callable(f):
            raise ValueError(f"{name} must be None or callable, got {describe(f)}")
    if eval_every is None:
        eval_every = max(1, epochs // 100)
    eval_every = check_int(eval_every, "eval_every", minimum=1)
    config = NetConfig(dims, hidden_activation, bool(batchnorm), _output_of(dims[-1]))
    return config, epochs, mini_batch_size, eval_every


def _output_of(n_L: int) -> str:
    """The output layer the course uses: a sigmoid for one unit, a softmax for C >= 2."""
    return "sigmoid" if n_L == 1 else "softmax"


def _config_of(params: Mapping[str, np.ndarray], hidden_activation: str) -> NetConfig:
    """Check a one-network parameter dict and read its architecture off it."""
    params = check_params(params)
    hidden_activation = check_choice(hidden_activation, "hidden_activation", HIDDEN_ACTIVATIONS)
    L = sum(1 for k in params if k.startswith("W"))
    if L == 0 or any(f"W{l}" not in params for l in range(1, L + 1)):  # noqa: E741
        raise ValueError(f"params must hold W1, ..., WL; got keys {sorted(params)}")
    bn = "gamma1" in params
    if params["W1"].ndim != 2:
        raise ValueError(f"params['W1'] must be of shape (n_1, n_x), got {params['W1'].shape}")
    dims = [params["W1"].shape[1]]
    for l in range(1, L + 1):  # noqa: E741
        W = params[f"W{l}"]
        if W.ndim != 2 or W.shape[1] != dims[-1]:
            raise ValueError(
                f"params['W{l}'] must be of shape (n_{l}, {dims[-1]}), got {W.shape}"
            )
        n = W.shape[0]
        dims.append(n)
        names = ("gamma", "beta") if (bn and l < L) else ("b",)
        for name in names:
            key = f"{name}{l}"
            if key not in params or params[key].shape != (n, 1):
                got = params[key].shape if key in params else "missing"
                raise ValueError(f"params[{key!r}] must be of shape ({n}, 1), got {got}")
    return NetConfig(tuple(dims), hidden_activation, bn, _output_of(dims[-1]))


# --------------------------------------------------------------------------- public API


def linear_forward(A_prev: ArrayLike, W: ArrayLike, b: ArrayLike) -> Array:
    r"""The linear part of a layer, :math:`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}`.

    Parameters
    ----------
    A_prev : array_like, shape (n_{l-1}, m)
    W : array_like, shape (n_l, n_{l-1})
    b : array_like, shape (n_l, 1)
        Broadcast over the ``m`` columns (the one broadcast the course intends).

    Returns
    -------
    ndarray, shape (n_l, m)

    Examples
    --------
    >>> linear_forward([[1.0, 2.0], [3.0, 4.0]], [[1.0, -1.0]], [[0.5]])
    array([[-1.5, -1.5]])
    """
    A_prev = check_matrix(A_prev, "A_prev")
    W = check_matrix(W, "W", cols=A_prev.shape[0])
    b = check_matrix(b, "b", rows=W.shape[0], cols=1)
    return _linear_forward(A_prev, W, b)


def linear_backward(dZ: ArrayLike, A_prev: ArrayLike, W: ArrayLike) -> tuple[Array, Array, Array]:
    r"""Backward pass of :func:`linear_forward`.

    Parameters
    ----------
    dZ : array_like, shape (n_l, m)
        :math:`\partial J/\partial Z^{[l]}`, the gradient of the *cost* (the :math:`1/m` of
        the mean over examples already inside).
    A_prev : array_like, shape (n_{l-1}, m)
    W : array_like, shape (n_l, n_{l-1})

    Returns
    -------
    dA_prev : ndarray, shape (n_{l-1}, m)
        :math:`dA^{[l-1]} = W^{[l]T} dZ^{[l]}`.
    dW : ndarray, shape (n_l, n_{l-1})
        :math:`dW^{[l]} = dZ^{[l]} A^{[l-1]T}`.
    db : ndarray, shape (n_l, 1)
        :math:`db^{[l]} = \sum_i dZ^{[l](i)}` (a sum over the columns).

    Warnings
    --------
    The course writes :math:`dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}` and
    :math:`db^{[l]} = \frac{1}{m}\sum_i dZ^{[l](i)}`, with :math:`dZ^{[L]} = A^{[L]} - Y` the
    gradient of the per-example *loss*. Here ``dZ`` is the gradient of the *cost*, so the
    :math:`1/m` is already in it (:func:`dlnotes.softmax.cross_entropy_backward` puts it
    there) and is not applied twice. Same numbers, one convention throughout.

    Examples
    --------
    >>> dA_prev, dW, db = linear_backward([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]], [[3.0, 4.0]])
    >>> dA_prev, dW, db
    (array([[3., 6.],
           [4., 8.]]), array([[1., 2.]]), array([[3.]]))
    """
    dZ = check_matrix(dZ, "dZ")
    A_prev = check_matrix(A_prev, "A_prev", cols=dZ.shape[1])
    W = check_matrix(W, "W", rows=dZ.shape[0], cols=A_prev.shape[0])
    return _linear_backward(dZ, A_prev, W)


def forward(
    params: Mapping[str, np.ndarray],
    X: ArrayLike,
    *,
    hidden_activation: str = "relu",
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
    batchnorm_stats: Mapping[str, np.ndarray] | None = None,
) -> tuple[Array, list[LayerCache]]:
    r"""Forward propagation through the whole network, returning the logits and the caches.

    Parameters
    ----------
    params : dict of ndarray
        ``W{l}`` ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)``; a batch-normalized hidden layer
        has ``gamma{l}``, ``beta{l}`` ``(n_l, 1)`` instead of ``b{l}`` (all hidden layers or
        none). The output layer is never batch-normalized.
    X : array_like, shape (n_x, m)
    hidden_activation : {"relu", "tanh"}, default "relu"
    keep_prob : float in (0, 1], default 1.0
        Dropout on every hidden layer's output; 1 means off. Needs ``rng`` when < 1.
    rng : numpy.random.Generator, optional
        Draws the dropout masks.
    batchnorm_stats : dict of ndarray, optional
        ``running_mean{l}``, ``running_var{l}``: normalize with these (test time). Without
        them, BN layers use the batch's own statistics (training mode).

    Returns
    -------
    ZL : ndarray, shape (n_L, m)
        The logits :math:`Z^{[L]}`; :math:`A^{[L]} = \sigma(Z^{[L]})` or
        :math:`\text{softmax}(Z^{[L]})`.
    caches : list of LayerCache
        One per layer, ``caches[l-1]`` for layer ``l``: :math:`A^{[l-1]}, W^{[l]}, Z^{[l]}`,
        the BN cache, :math:`A^{[l]}`, the dropout mask. Read ``Z`` and ``A`` for plots.

    Warnings
    --------
    The course's ``L_model_forward`` returns :math:`A^{[L]}` and computes the cost from
    :math:`\log A^{[L]}`, which becomes ``log(0) = -inf`` once an output saturates. Here the
    logits are returned and the cost and its gradient are computed from them
    (:mod:`dlnotes.softmax`), which never overflows.

    Notes
    -----
    For :math:`l = 1, \dots, L-1`, with :math:`A^{[0]} = X`:

    .. math::

        Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \quad
        \tilde Z^{[l]} = \gamma^{[l]} Z^{[l]}_{norm} + \beta^{[l]} \text{ (BN)}, \quad
        A^{[l]} = g(\tilde Z^{[l]}), \quad
        A^{[l]} := A^{[l]} * D^{[l]} / \text{keep\_prob} \text{ (dropout)},

    then :math:`Z^{[L]} = W^{[L]} A^{[L-1]} + b^{[L]}`. With BN the layer has no
    :math:`b^{[l]}`: the mean subtraction would cancel it and :math:`\beta^{[l]}` takes its
    role.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.initialization import initialize_parameters
    >>> params = initialize_parameters([2, 3, 1], rng=np.random.default_rng(0))
    >>> ZL, caches = forward(params, np.ones((2, 4)))
    >>> ZL.shape, len(caches), caches[0].Z.shape, caches[0].A.shape
    ((1, 4), 2, (3, 4), (3, 4))
    """
    config = _config_of(params, hidden_activation)
    X = _check_X(X, "X", config.layer_dims[0])
    keep_prob = check_probability(keep_prob, "keep_prob")
    if keep_prob < 1.0:
        rng = check_rng(rng)
    stats = None
    if batchnorm_stats is not None and config.batchnorm:
        stats = _check_stats(batchnorm_stats, config)
    return _forward(
        params, X, config, keep_prob=keep_prob if keep_prob < 1.0 else None, rngs=rng,
        stats=stats,
    )


def _check_stats(stats: Any, config: NetConfig) -> Mapping[str, np.ndarray]:
    stats = check_params(stats, "batchnorm_stats")
    for l in range(1, config.L):  # noqa: E741
        for key in (f"running_mean{l}", f"running_var{l}"):
            if key not in stats or stats[key].shape != (config.layer_dims[l], 1):
                got = stats[key].shape if key in stats else "missing"
                raise ValueError(
                    f"batchnorm_stats[{key!r}] must be of shape ({config.layer_dims[l]}, 1), "
                    f"got {got}"
                )
    return stats


def backward(
    ZL: ArrayLike, Y: ArrayLike, caches: Sequence[LayerCache], *, lambd: float = 0.0
) -> dict[str, Array]:
    r"""Backward propagation: the gradients of :func:`compute_cost` for every parameter.

    Parameters
    ----------
    ZL : array_like, shape (n_L, m)
        The logits returned by :func:`forward`.
    Y : array_like, shape (n_L, m)
        0/1 labels ``(1, m)`` (sigmoid output) or one-hot ``(C, m)`` (softmax output).
    caches : list of LayerCache
        From the same :func:`forward` call.
    lambd : float >= 0, default 0.0
        L2 strength :math:`\lambda`; use the value given to :func:`compute_cost`.

    Returns
    -------
    dict of ndarray
        ``dW{l}``, ``db{l}``, and ``dgamma{l}``, ``dbeta{l}`` for BN layers, each shaped like
        its parameter.

    Notes
    -----
    With :math:`dZ^{[L]} = (A^{[L]} - Y)/m` (the same expression for sigmoid + binary
    cross-entropy and softmax + cross-entropy), for :math:`l = L, \dots, 1`:

    .. math::

        dW^{[l]} = dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}, \quad
        db^{[l]} = \sum_i dZ^{[l](i)}, \quad
        dA^{[l-1]} = W^{[l]T} dZ^{[l]},

    and, going down into the hidden layer :math:`l-1`: undo its dropout,
    :math:`dA := dA * D / \text{keep\_prob}`; through the activation,
    :math:`d\tilde Z = dA * g'(\tilde Z)`; through batch norm
    (:func:`dlnotes.batchnorm.batchnorm_backward`), :math:`dZ, d\gamma, d\beta`.

    The course writes :math:`dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}` and
    :math:`db^{[l]} = \frac{1}{m}\sum dZ^{[l]}` with :math:`dZ^{[L]} = A^{[L]} - Y`; here the
    :math:`1/m` sits in :math:`dZ^{[L]}` and so in every :math:`dZ^{[l]}` below it.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.initialization import initialize_parameters
    >>> params = initialize_parameters([2, 3, 1], rng=np.random.default_rng(0))
    >>> X, Y = np.array([[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, 1.0, 2.0]]), np.array([[1, 0, 1, 0]])
    >>> ZL, caches = forward(params, X)
    >>> grads = backward(ZL, Y, caches)
    >>> sorted(grads), grads["dW1"].shape
    (['dW1', 'dW2', 'db1', 'db2'], (3, 2))
    """
    caches = list(caches)
    if not caches or not all(isinstance(c, LayerCache) for c in caches):
        raise ValueError(
            f"caches must be the list of LayerCache returned by forward, got {describe(caches)}"
        )
    ZL = check_matrix(ZL, "ZL")
    if ZL.shape != caches[-1].Z.shape:
        raise ValueError(
            f"ZL must be the logits of the same forward pass as caches, shape "
            f"{caches[-1].Z.shape}; got {ZL.shape}"
        )
    Y = _check_Y(Y, "Y", ZL.shape[0], ZL.shape[1], "ZL")
    lambd = check_nonnegative(lambd, "lambd")
    output = _output_of(ZL.shape[0])
    return _backward(ZL, Y, caches, output, lambd if lambd > 0 else None)


def compute_cost(
    ZL: ArrayLike, Y: ArrayLike, params: Mapping[str, np.ndarray] | None = None,
    *, lambd: float = 0.0,
) -> float:
    r"""The cost :math:`J`: cross-entropy from the logits, plus the L2 penalty.

    Parameters
    ----------
    ZL : array_like, shape (n_L, m)
        Logits from :func:`forward`.
    Y : array_like, shape (n_L, m)
        0/1 labels ``(1, m)`` or one-hot ``(C, m)``.
    params : dict of ndarray, optional
        Needed when ``lambd > 0``: the ``W{l}`` enter the penalty.
    lambd : float >= 0, default 0.0

    Returns
    -------
    float
        :math:`J = \frac{1}{m}\sum_i \mathcal{L}(\hat y^{(i)}, y^{(i)})
        + \frac{\lambda}{2m}\sum_l \lVert W^{[l]}\rVert_F^2`, with the binary cross-entropy for
        one output row and the softmax cross-entropy for ``C >= 2`` rows.

    Examples
    --------
    >>> import numpy as np
    >>> round(compute_cost(np.zeros((1, 4)), np.array([[1, 0, 1, 0]])), 6)  # log 2
    0.693147
    >>> J = compute_cost(np.zeros((1, 4)), np.array([[1, 0, 1, 0]]), {"W1": np.ones((2, 2))},
    ...                  lambd=1.0)
    >>> round(J - float(np.log(2)), 12)  # lambd/(2m) ||W1||^2 = 1/(2*4) * 4
    0.5
    """
    ZL = check_matrix(ZL, "ZL")
    Y = _check_Y(Y, "Y", ZL.shape[0], ZL.shape[1], "ZL")
    lambd = check_nonnegative(lambd, "lambd")
    output = _output_of(ZL.shape[0])
    weights: list[np.ndarray] = []
    if lambd > 0:
        if params is None:
            raise ValueError("params must be given when lambd > 0 (the W's enter the L2 term)")
        params = check_params(params)
        weights = [check_matrix(v, f"params[{k!r}]") for k, v in params.items() if k[0] == "W"]
    return float(_cost(ZL, Y, weights, output, lambd if lambd > 0 else None))


def _as_network(model: Any) -> tuple[Mapping[str, np.ndarray], Mapping[str, np.ndarray], NetConfig]:
    if isinstance(model, (Model, Sweep)):
        return model.params, model.batchnorm_stats, model.config
    raise ValueError(
        f"model must be a Model returned by train (or a Sweep from train_many), "
        f"got {describe(model)}"
    )


def layer_activations(
    model: Model | Mapping[str, np.ndarray],
    X: ArrayLike,
    *,
    hidden_activation: str = "relu",
) -> dict[str, Array]:
    r"""Every layer's :math:`Z^{[l]}` and :math:`A^{[l]}` for the inputs ``X``, for plots.

    Parameters
    ----------
    model : Model or dict of ndarray
        A trained :class:`Model` (evaluated as at test time: no dropout, batch norm with its
        running statistics), or a parameter dict such as a fresh
        :func:`dlnotes.initialization.initialize_parameters` (batch norm, if any, then uses the
        statistics of ``X`` itself).
    X : array_like, shape (n_x, m)
    hidden_activation : {"relu", "tanh"}, default "relu"
        Used with a parameter dict; a Model knows its own.

    Returns
    -------
    dict of ndarray
        ``Z1, A1, ..., ZL, AL`` with ``Z{l}``, ``A{l}`` of shape ``(n_l, m)``, where ``AL`` is
        the output probability (sigmoid or softmax); ``Z_tilde{l}`` too for BN layers. This is
        what the initialization explorer plots to show activations vanish or explode layer
        after layer, and the batch-norm explorer to show the distributions of ``Z``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.initialization import initialize_parameters
    >>> params = initialize_parameters([2, 4, 3, 1], "xavier", rng=np.random.default_rng(0))
    >>> acts = layer_activations(params, np.ones((2, 5)), hidden_activation="tanh")
    >>> sorted(acts), acts["A3"].shape
    (['A1', 'A2', 'A3', 'Z1', 'Z2', 'Z3'], (1, 5))
    """
    if isinstance(model, Model):
        params, stats, config = _as_network(model)
        X = _check_X(X, "X", config.layer_dims[0])
        ZL, caches = _forward(params, X, config, stats=stats if config.batchnorm else None)
    else:
        config = _config_of(model, hidden_activation)
        X = _check_X(X, "X", config.layer_dims[0])
        ZL, caches = _forward(model, X, config)
    out: dict[str, Array] = {}
    for l, c in enumerate(caches[:-1], start=1):  # noqa: E741
        out[f"Z{l}"] = c.Z
        if c.Z_tilde is not None:
            out[f"Z_tilde{l}"] = c.Z_tilde
        out[f"A{l}"] = c.A
    L = config.L
    out[f"Z{L}"] = ZL
    out[f"A{L}"] = _sigmoid(ZL) if config.output == "sigmoid" else _softmax(ZL)
    return out


def predict(model: Model | Sweep, X: ArrayLike) -> np.ndarray:
    r"""Class labels for the columns of ``X``, with dropout off and BN's running statistics.

    Parameters
    ----------
    model : Model or Sweep
    X : array_like, shape (n_x, m)

    Returns
    -------
    ndarray of int64, shape (m,) (or (K, m) for a Sweep)
        0/1 for a sigmoid output (:math:`\hat y = 1` when :math:`a^{[L]} > 0.5`, that is when
        :math:`z^{[L]} > 0`); the class index :math:`\arg\max_j a^{[L]}_j` for softmax.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optim import Adam
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]]); Y = np.array([[0, 0, 1, 1]])
    >>> model = train(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...               rng=np.random.default_rng(0))
    >>> predict(model, X)
    array([0, 0, 1, 1])
    """
    params, stats, config = _as_network(model)
    X = _check_X(X, "X", config.layer_dims[0])
    ZL, _ = _forward(params, X, config, stats=stats if config.batchnorm else None)
    return _labels(ZL, config.output)


def accuracy(model: Model | Sweep, X: ArrayLike, Y: ArrayLike) -> float | np.ndarray:
    r"""Fraction of the columns of ``X`` that :func:`predict` labels correctly.

    Parameters
    ----------
    model : Model or Sweep
    X : array_like, shape (n_x, m)
    Y : array_like, shape (1, m) or (C, m)
        0/1 labels or one-hot, as in training.

    Returns
    -------
    float in [0, 1] (or an array of ``K`` for a Sweep)

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optim import Adam
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]]); Y = np.array([[0, 0, 1, 1]])
    >>> model = train(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...               rng=np.random.default_rng(0))
    >>> accuracy(model, X, Y)
    1.0
    """
    params, stats, config = _as_network(model)
    X = _check_X(X, "X", config.layer_dims[0])
    Y = _check_Y(Y, "Y", config.layer_dims[-1], X.shape[1])
    ZL, _ = _forward(params, X, config, stats=stats if config.batchnorm else None)
    acc = np.mean(_labels(ZL, config.output) == _true_labels(Y), axis=-1)
    return float(acc) if acc.ndim == 0 else acc


def train(
    X: ArrayLike,
    Y: ArrayLike,
    layer_dims: Sequence[int],
    *,
    optimizer: Any,
    epochs: int,
    mini_batch_size: int | None = None,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    batchnorm: bool = False,
    init: str = "he",
    init_scale: float = 0.01,
    hidden_activation: str = "relu",
    schedule: Callable[[int], float] | None = None,
    rng: np.random.Generator,
    data_rng: np.random.Generator | None = None,
    callback: Callable[[int, Model], Any] | None = None,
    X_dev: ArrayLike | None = None,
    Y_dev: ArrayLike | None = None,
    bn_momentum: float = 0.9,
    eval_every: int | None = None,
) -> Model:
    r"""Train an L-layer network with mini-batch gradient descent and any course technique.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Training inputs, one example per column.
    Y : array_like, shape (1, m) or (C, m)
        0/1 labels when ``layer_dims[-1] = 1`` (sigmoid output); one-hot with
        ``C = layer_dims[-1] >= 2`` rows otherwise (softmax output).
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``.
    optimizer : optimizer from :mod:`dlnotes.optim`
        E.g. ``GradientDescent(0.1)``, ``Adam(0.01)``: anything with ``init(params)`` and
        ``update(params, grads, state, learning_rate=...)``.
    epochs : int >= 1
        Passes over the training set.
    mini_batch_size : int, optional
        Size of the mini-batches, reshuffled every epoch
        (:func:`dlnotes.optim.random_mini_batches`); None (default) is batch gradient descent
        on all ``m`` examples in their given order.
    lambd : float >= 0, default 0.0
        L2 strength :math:`\lambda` (the course's ``lambd``).
    keep_prob : float in (0, 1], default 1.0
        Inverted dropout on every hidden layer during training; 1 is off. Never applied to the
        input or the output layer, and off whenever the model is evaluated.
    batchnorm : bool, default False
        Batch-normalize every hidden layer (before its activation, as in the course).
    init : {"zeros", "random", "xavier", "he", "glorot", "glorot_uniform"}, default "he"
        See :func:`dlnotes.initialization.initialize_parameters`; ``init_scale`` is the std of
        ``"random"`` (10 shows the course's "times 10" failure).
    init_scale : float > 0, default 0.01
    hidden_activation : {"relu", "tanh"}, default "relu"
    schedule : callable, optional
        ``schedule(epoch) -> learning rate`` for epoch ``0, 1, ...``, passed to
        ``optimizer.update(..., learning_rate=...)``, e.g.
        ``functools.partial(dlnotes.schedules.inverse_time_decay, 0.1, decay_rate=1.0)``.
        None keeps the optimizer's own rate.
    rng : numpy.random.Generator
        Draws the initial weights, then the dropout masks.
    data_rng : numpy.random.Generator, optional
        Draws the mini-batch shuffles; by default ``rng.spawn(1)[0]`` (see the module
        docstring, "Randomness").
    callback : callable, optional
        ``callback(epoch, model)`` after every epoch, with the :class:`Model` so far (for live
        plots and widgets).
    X_dev, Y_dev : array_like, optional
        A dev set, evaluated along the way into ``history.dev_loss`` and ``dev_accuracy``.
    bn_momentum : float in [0, 1), default 0.9
        Weight of the old value in the EWA of the batch statistics
        (:func:`dlnotes.batchnorm.update_running_stats`).
    eval_every : int, optional
        Evaluate train (and dev) loss and accuracy every this many epochs and after the last;
        by default ``max(1, epochs // 100)``, about 100 points whatever the length of the run.

    Returns
    -------
    Model
        ``.params``, ``.history`` (see :class:`History`), ``.config``, ``.batchnorm_stats``,
        ``.hyperparameters``.

    Warnings
    --------
    With dropout on, ``history.cost`` is not the cost of one network: each step drops
    different units. As the learner's notes say, "run the network before you add dropouts,
    as the J vs epochs is not an accurate representation of the training": first train with
    ``keep_prob=1`` and check that :math:`J` decreases, then switch dropout on.
    ``history.train_loss`` is measured with dropout off and is always meaningful.

    Notes
    -----
    One step on a mini-batch :math:`(X^{\{t\}}, Y^{\{t\}})` of :math:`m_t` examples: the
    forward pass (:func:`forward`), the cost

    .. math:: J = \frac{1}{m_t}\sum_i \mathcal{L}(\hat y^{(i)}, y^{(i)})
              + \frac{\lambda}{2 m_t}\sum_l \lVert W^{[l]}\rVert_F^2,

    its gradients (:func:`backward`), the optimizer's update of every parameter (``W``,
    ``b``, ``gamma``, ``beta``; not the running statistics) and, with batch norm, the EWA
    :math:`\mu_{run} := \beta\mu_{run} + (1-\beta)\mu^{\{t\}}` (same for :math:`\sigma^2`).
    The course's ``model`` computes a decayed rate at the *end* of epoch ``i`` for the next
    one; here epoch ``e`` uses ``schedule(e)``, so epoch 0 runs at ``schedule(0)``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optim import Adam
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]]); Y = np.array([[0, 0, 1, 1]])
    >>> model = train(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...               rng=np.random.default_rng(0))
    >>> bool(model.history.cost[-1] < model.history.cost[0]), model.params["W1"].shape
    (True, (3, 1))
    """
    config, epochs, mini_batch_size, eval_every = _check_common(
        layer_dims, optimizer, epochs, mini_batch_size, batchnorm, hidden_activation,
        schedule, callback, eval_every,
    )
    X, Y, dev = _check_data(X, Y, config.layer_dims, X_dev, Y_dev)
    lambd = check_nonnegative(lambd, "lambd")
    keep_prob = check_probability(keep_prob, "keep_prob")
    init = check_choice(init, "init", METHODS)
    init_scale = check_positive(init_scale, "init_scale")
    bn_momentum = check_beta(bn_momentum, "bn_momentum")
    rng = check_rng(rng)
    data_rng = rng.spawn(1)[0] if data_rng is None else check_rng(data_rng, "data_rng")

    params, stats = _initial_state(config, init, init_scale, rng)
    run = _Run(
        lambd if lambd > 0 else None, keep_prob if keep_prob < 1 else None, bn_momentum,
        keep_prob < 1,
    )
    hyper = dict(
        optimizer=optimizer, epochs=epochs, mini_batch_size=mini_batch_size, lambd=lambd,
        keep_prob=keep_prob, init=init, init_scale=init_scale, bn_momentum=bn_momentum,
    )

    def wrap(params: dict, history: History, stats: dict) -> Model:
        return Model(params, history, config, stats, hyper)

    return _fit(
        X, Y, params, stats, config, run, optimizer=optimizer, epochs=epochs,
        mini_batch_size=mini_batch_size, schedule=schedule, data_rng=data_rng, drop_rngs=rng,
        callback=callback, dev=dev, eval_every=eval_every, wrap=wrap,
    )


def _per_model(value: Any, name: str, K: int, check: Callable[[Any, str], Any]) -> list[Any]:
    """A hyperparameter given once for all models, or as a sequence of ``K`` values."""
    if isinstance(value, (str, Real, np.number)):
        return [check(value, name)] * K
    try:
        values = list(value)
    except TypeError:
        raise ValueError(
            f"{name} must be one value or a sequence of one per model ({K}), got {describe(value)}"
        ) from None
    if len(values) != K:
        raise ValueError(
            f"{name} must have one value per model, len(rngs) = {K}; got {len(values)} values"
        )
    return [check(v, f"{name}[{k}]") for k, v in enumerate(values)]


def train_many(
    X: ArrayLike,
    Y: ArrayLike,
    layer_dims: Sequence[int],
    *,
    optimizer: Any,
    epochs: int,
    rngs: Sequence[np.random.Generator],
    data_rng: np.random.Generator | None = None,
    mini_batch_size: int | None = None,
    lambd: float | Sequence[float] = 0.0,
    keep_prob: float | Sequence[float] = 1.0,
    batchnorm: bool = False,
    init: str | Sequence[str] = "he",
    init_scale: float | Sequence[float] = 0.01,
    hidden_activation: str = "relu",
    schedule: Callable[[int], Any] | None = None,
    callback: Callable[[int, Sweep], Any] | None = None,
    X_dev: ArrayLike | None = None,
    Y_dev: ArrayLike | None = None,
    bn_momentum: float | Sequence[float] = 0.9,
    eval_every: int | None = None,
) -> Sweep:
    r"""Train ``K`` networks of the same architecture at once, for a hyperparameter sweep.

    Every array gets a leading model axis (``W{l}`` of shape ``(K, n_l, n_{l-1})``, ``Z{l}``
    of shape ``(K, n_l, m)``) and the very kernels of :func:`train` run on the stack: one
    matrix product per layer instead of ``K``. Model ``k`` of the result is the network that
    ``train`` returns for the ``k``-th hyperparameters and generator.

    Parameters
    ----------
    X, Y, layer_dims, epochs, mini_batch_size, batchnorm, hidden_activation
        Shared by all models; as in :func:`train`.
    X_dev, Y_dev, eval_every
        Shared by all models; as in :func:`train`.
    optimizer : optimizer from :mod:`dlnotes.optim`
        One optimizer for all; a hyperparameter given as a 1-D array of ``K`` values (e.g.
        ``Adam(learning_rate=np.array([...]))``) is per model.
    rngs : sequence of numpy.random.Generator
        One per model; ``K = len(rngs)``. ``rngs[k]`` is model ``k``'s ``rng`` in
        :func:`train`: its initial weights, then its dropout masks.
    data_rng : numpy.random.Generator
        The mini-batch shuffles, shared by all models (required with ``mini_batch_size``).
    lambd, keep_prob, init, init_scale, bn_momentum
        One value for all models, or a sequence of ``K`` values, one per model.
    schedule : callable, optional
        ``schedule(epoch)`` returns one learning rate, or an array of ``K`` (one per model).
    callback : callable, optional
        ``callback(epoch, sweep)`` after every epoch.

    Returns
    -------
    Sweep
        Stacked parameters and histories; ``sweep.model(k)`` is model ``k`` as a
        :class:`Model`, equal to the corresponding :func:`train` run (to rounding; in practice
        bit for bit).

    Notes
    -----
    Why it is faster: the cost of a small network is mostly Python and numpy call overhead
    (a few dozen calls per step whatever the sizes), which ``K`` stacked networks pay once.
    What still loops over the models: the initialization (once) and the drawing of the
    dropout masks, each model from its own generator. When some models use dropout, a model
    with ``keep_prob=1`` in the same sweep still draws its (all-ones) mask, which
    :func:`train` skips; this changes nothing but the final state of its generator.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optim import Adam
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]]); Y = np.array([[0, 0, 1, 1]])
    >>> sweep = train_many(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...                    rngs=[np.random.default_rng(s) for s in range(3)],
    ...                    lambd=[0.0, 0.1, 1.0])
    >>> len(sweep), sweep.params["W1"].shape, sweep.history.cost.shape
    (3, (3, 3, 1), (50, 3))
    >>> one = train(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...             rng=np.random.default_rng(1), lambd=0.1)
    >>> bool(np.allclose(sweep.model(1).params["W1"], one.params["W1"], rtol=0, atol=1e-10))
    True
    """
    config, epochs, mini_batch_size, eval_every = _check_common(
        layer_dims, optimizer, epochs, mini_batch_size, batchnorm, hidden_activation,
        schedule, callback, eval_every,
    )
    X, Y, dev = _check_data(X, Y, config.layer_dims, X_dev, Y_dev)
    if isinstance(rngs, np.random.Generator) or not isinstance(rngs, Sequence) or not rngs:
        raise ValueError(
            f"rngs must be a non-empty sequence of numpy.random.Generator, one per model, e.g. "
            f"[np.random.default_rng(s) for s in range(16)]; got {describe(rngs)}"
        )
    rngs = tuple(check_rng(r, f"rngs[{k}]") for k, r in enumerate(rngs))
    K = len(rngs)
    if mini_batch_size is not None and data_rng is None:
        raise ValueError(
            "data_rng must be given with mini_batch_size: the models share one mini-batch "
            "order, drawn from it (e.g. data_rng=np.random.default_rng(0))"
        )
    if data_rng is not None:
        data_rng = check_rng(data_rng, "data_rng")
    lambds = _per_model(lambd, "lambd", K, check_nonnegative)
    keep_probs = _per_model(keep_prob, "keep_prob", K, check_probability)
    inits = _per_model(init, "init", K, lambda v, n: check_choice(v, n, METHODS))
    scales = _per_model(init_scale, "init_scale", K, check_positive)
    momenta = _per_model(bn_momentum, "bn_momentum", K, check_beta)

    initial = [_initial_state(config, inits[k], scales[k], rngs[k]) for k in range(K)]
    params = {key: np.stack([p[key] for p, _ in initial]) for key in initial[0][0]}
    stats = {key: np.stack([s[key] for _, s in initial]) for key in initial[0][1]}

    def column(values: list[float]) -> np.ndarray:
        return np.asarray(values, dtype=np.float64).reshape(K, 1, 1)

    run = _Run(
        column(lambds) if any(v > 0 for v in lambds) else None,
        column(keep_probs) if any(v < 1 for v in keep_probs) else None,
        column(momenta),
        np.array([v < 1 for v in keep_probs]),
    )
    hyper = dict(
        optimizer=optimizer, epochs=epochs, mini_batch_size=mini_batch_size, lambd=lambds,
        keep_prob=keep_probs, init=inits, init_scale=scales, bn_momentum=momenta,
    )

    def wrap(params: dict, history: History, stats: dict) -> Sweep:
        return Sweep(params, history, config, stats, hyper)

    return _fit(
        X, Y, params, stats, config, run, optimizer=optimizer, epochs=epochs,
        mini_batch_size=mini_batch_size, schedule=schedule, data_rng=data_rng,
        drop_rngs=_PerModelGenerators(rngs), callback=callback, dev=dev, eval_every=eval_every,
        wrap=wrap,
    )


# --------------------------------------------------------------------------- whole-network cost


@dataclasses.dataclass(frozen=True, eq=False)
class NetworkCost:
    r"""The cost :math:`J(\text{params})` of a network on fixed data, and its gradients.

    Returned by :func:`cost_function` (which checks its arguments); see there. Calling it,
    ``J(params)``, returns the float :math:`J`; ``J.gradients(params)`` returns the dict
    ``{"dW1": ..., "db1": ...}`` of :func:`backward` for the same settings, so that
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
        config = _config_of(params, self.hidden_activation)
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
        :func:`backward`, exactly as in a training step.
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
        :func:`forward`: a network whose hidden layers have ``gamma{l}``, ``beta{l}`` is
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
    The cost the training loop of :func:`train` descends, computed by the same private
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
    Y = _check_Y(Y, "Y", Y.shape[0], X.shape[1])
    hidden_activation = check_choice(hidden_activation, "hidden_activation", HIDDEN_ACTIVATIONS)
    lambd = check_nonnegative(lambd, "lambd")
    keep_prob = check_probability(keep_prob, "keep_prob")
    if keep_prob < 1.0 or rng is not None:
        rng = check_rng(rng)
    return NetworkCost(X, Y, hidden_activation, lambd, keep_prob, rng)


# --------------------------------------------------------------------------- sweep objective


_TRAIN_MANY_HYPERPARAMETERS = ("lambd", "keep_prob")
"""The hyperparameters of a :class:`SweepObjective` that go to :func:`train_many` itself."""

_HYPERPARAMETER_ALIASES = {"alpha": "learning_rate"}
"""The course's names accepted for an optimizer field."""


def _optimizer_hyperparameters(optimizer: Any) -> tuple[str, ...]:
    """The numeric fields of an optimizer dataclass (``learning_rate``, ``beta1``, ...)."""
    return tuple(
        f.name for f in dataclasses.fields(optimizer)
        if not isinstance(getattr(optimizer, f.name), (bool, np.bool_))
    )


@dataclasses.dataclass(frozen=True, eq=False)
class SweepObjective:
    r"""A batched objective for :mod:`dlnotes.tuning`: dev errors of ``K`` networks.

    Returned by :func:`sweep_objective` (which checks its arguments); see there.
    ``objective(**hyperparameters)`` returns the dev errors; ``objective.sweep(
    **hyperparameters)`` the trained :class:`Sweep` itself, for plots.

    Attributes
    ----------
    names : tuple of str
        The hyperparameters the objective accepts (a property).
    """

    X: Array = dataclasses.field(repr=False)
    Y: Array = dataclasses.field(repr=False)
    X_dev: Array = dataclasses.field(repr=False)
    Y_dev: Array = dataclasses.field(repr=False)
    layer_dims: tuple[int, ...]
    optimizer: Any
    epochs: int
    mini_batch_size: int | None
    lambd: float
    keep_prob: float
    batchnorm: bool
    init: str
    init_scale: float
    hidden_activation: str
    same_init: bool
    init_rng: np.random.Generator = dataclasses.field(repr=False)
    data_rng: np.random.Generator = dataclasses.field(repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Hyperparameter names ``objective(...)`` accepts."""
        return (
            _optimizer_hyperparameters(self.optimizer) + tuple(_HYPERPARAMETER_ALIASES)
            + _TRAIN_MANY_HYPERPARAMETERS
        )

    def _values(self, hyperparameters: Mapping[str, Any]) -> tuple[dict[str, np.ndarray], bool]:
        if not hyperparameters:
            raise ValueError(
                f"the objective needs at least one hyperparameter, one of {', '.join(self.names)}"
            )
        values: dict[str, np.ndarray] = {}
        given_as: dict[str, str] = {}
        for name, value in hyperparameters.items():
            if name not in self.names:
                raise ValueError(
                    f"{name} is not a hyperparameter of this objective; expected one of "
                    f"{', '.join(self.names)}"
                )
            key = _HYPERPARAMETER_ALIASES.get(name, name)
            if key in values:
                raise ValueError(
                    f"{given_as[key]} and {name} are the same hyperparameter: give one of them"
                )
            given_as[key] = name
            try:
                arr = np.asarray(value, dtype=np.float64)
            except (TypeError, ValueError):
                raise ValueError(f"{name} must hold numbers, got {describe(value)}") from None
            if arr.ndim > 1 or arr.size == 0:
                raise ValueError(
                    f"{name} must be a number or a non-empty 1-D array of K values, one per "
                    f"trial; got {describe(value)}"
                )
            values[key] = arr
        scalar = {v.ndim == 0 for v in values.values()}
        sizes = {v.size for v in values.values()}
        if len(scalar) > 1 or len(sizes) > 1:
            raise ValueError(
                "the hyperparameters must be all numbers (one trial) or all 1-D arrays of the "
                f"same length K; got {({k: describe(v) for k, v in hyperparameters.items()})}"
            )
        return {k: np.atleast_1d(v) for k, v in values.items()}, scalar == {True}

    def sweep(self, **hyperparameters: Any) -> Sweep:
        r"""Train one network per trial with :func:`train_many`; return the :class:`Sweep`.

        ``hyperparameters`` as for calling the objective. Model ``k`` of the result is trained
        with the ``k``-th value of each.
        """
        values, _ = self._values(hyperparameters)
        K = next(iter(values.values())).size
        changes = {k: v for k, v in values.items() if k not in _TRAIN_MANY_HYPERPARAMETERS}
        optimizer = dataclasses.replace(self.optimizer, **changes) if changes else self.optimizer
        if self.same_init:
            rngs = [copy.deepcopy(self.init_rng) for _ in range(K)]
        else:
            rngs = self.init_rng.spawn(K)
        per_model = {
            k: (values[k].tolist() if k in values else getattr(self, k))
            for k in _TRAIN_MANY_HYPERPARAMETERS
        }
        return train_many(
            self.X, self.Y, self.layer_dims, optimizer=optimizer, epochs=self.epochs,
            rngs=rngs, data_rng=copy.deepcopy(self.data_rng),
            mini_batch_size=self.mini_batch_size, batchnorm=self.batchnorm, init=self.init,
            init_scale=self.init_scale, hidden_activation=self.hidden_activation,
            eval_every=self.epochs, **per_model,
        )

    def __call__(self, **hyperparameters: Any) -> Array | float:
        r"""Dev errors :math:`1 - \text{accuracy}` of the trained networks, shape ``(K,)``.

        A float when every hyperparameter is a single number (one trial, as
        ``batched=False`` searches call it).
        """
        _, scalar = self._values(hyperparameters)
        sweep = self.sweep(**hyperparameters)
        errors = 1.0 - np.asarray(accuracy(sweep, self.X_dev, self.Y_dev), dtype=np.float64)
        return float(errors[0]) if scalar else errors


def sweep_objective(
    X: ArrayLike,
    Y: ArrayLike,
    X_dev: ArrayLike,
    Y_dev: ArrayLike,
    layer_dims: Sequence[int],
    *,
    optimizer: Any,
    epochs: int,
    rng: np.random.Generator,
    mini_batch_size: int | None = None,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    batchnorm: bool = False,
    init: str = "he",
    init_scale: float = 0.01,
    hidden_activation: str = "relu",
    same_init: bool = True,
) -> SweepObjective:
    r"""An objective for :mod:`dlnotes.tuning`: train every trial at once, return dev errors.

    Parameters
    ----------
    X, Y : array_like, shapes (n_x, m) and (n_L, m)
        Training set, as in :func:`train`.
    X_dev, Y_dev : array_like, shapes (n_x, m_dev) and (n_L, m_dev)
        Dev set, on which the errors are measured.
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``, shared by all trials.
    optimizer : optimizer from :mod:`dlnotes.optim`
        Gives the values of the hyperparameters that are not searched, e.g. ``Adam(0.01)``;
        each must be a single number (the searched ones replace them, one per trial).
    epochs : int >= 1
    rng : numpy.random.Generator
        Spawns, once, two children: one for the initial weights and the dropout masks, one for
        the mini-batch order (see Notes).
    mini_batch_size, lambd, keep_prob, batchnorm, init, init_scale, hidden_activation
        As in :func:`train`; ``lambd`` and ``keep_prob`` are the values used when they are
        not searched.
    same_init : bool, default True
        Start every trial from the same initial weights (and the same dropout stream).

    Returns
    -------
    SweepObjective
        ``objective(**hyperparameters)``, where each value is a 1-D array of ``K`` trial
        values, trains the ``K`` networks as **one** :func:`train_many` call and returns their
        dev errors :math:`1 - \text{accuracy}`, an array of shape ``(K,)``; with plain numbers
        it trains one network and returns a float. The names are the optimizer's fields
        (``learning_rate``, or the course's ``alpha``; ``beta``; ``beta1``, ``beta2``,
        ``epsilon``; ...) and ``lambd``, ``keep_prob``; ``objective.names`` lists them.
        ``objective.sweep(**hyperparameters)`` returns the trained :class:`Sweep`.
        Use it with :func:`dlnotes.tuning.random_search`, :func:`~dlnotes.tuning.grid_search`
        or :func:`~dlnotes.tuning.coarse_to_fine`, ``batched=True`` (one sweep per round)
        or not (one network per trial, the same scores when ``same_init=True``).

    Notes
    -----
    Randomness. At construction ``init_rng, data_rng = rng.spawn(2)`` (``rng`` itself draws
    no number). Every call copies ``data_rng``, so all trials of all calls see the same
    mini-batches in the same order. With ``same_init=True`` every trial also gets a copy of
    ``init_rng``, hence the same initial weights and the same dropout uniforms: the trials
    differ only by their hyperparameters, the objective is a deterministic function of them,
    and a call ``objective(learning_rate=a)`` equals

    .. code-block:: python

        init_rng, data_rng = rng.spawn(2)
        sweep = train_many(X, Y, layer_dims, optimizer=dataclasses.replace(optimizer,
                           learning_rate=a), epochs=epochs,
                           rngs=[copy.deepcopy(init_rng) for _ in a],
                           data_rng=copy.deepcopy(data_rng), eval_every=epochs, ...)
        1 - accuracy(sweep, X_dev, Y_dev)

    With ``same_init=False`` each call spawns ``K`` new children of ``init_rng``: every trial
    of every call starts from its own random weights, so the luck of the initialization
    becomes part of the score (and the same values give a different score on the next call),
    as when a real experiment is rerun.

    The course's "caviar" strategy (many models in parallel): all trials of a round are one
    stack of networks, whose cost is mostly paid once (see :func:`train_many`).

    References
    ----------
    .. [1] J. Bergstra and Y. Bengio, "Random Search for Hyper-Parameter Optimization",
       JMLR 13:281-305, 2012.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.datasets import make_moons
    >>> from dlnotes.optim import Adam
    >>> from dlnotes.tuning import Dimension, random_search
    >>> X, Y = make_moons(60, rng=np.random.default_rng(0))
    >>> X_dev, Y_dev = make_moons(40, rng=np.random.default_rng(1))
    >>> objective = sweep_objective(X, Y, X_dev, Y_dev, [2, 8, 1], optimizer=Adam(),
    ...                             epochs=30, rng=np.random.default_rng(2))
    >>> objective(learning_rate=np.array([1e-4, 1e-1])).shape
    (2,)
    >>> space = {"alpha": Dimension(1e-4, 1.0, "log")}
    >>> trials = random_search(objective, space, 8, rng=np.random.default_rng(3), batched=True)
    >>> trials.scores.shape
    (8,)
    >>> one_by_one = random_search(objective, space, 8, rng=np.random.default_rng(3))
    >>> bool(np.array_equal(trials.scores, one_by_one.scores))   # same_init: deterministic
    True
    """
    config, epochs, mini_batch_size, _ = _check_common(
        layer_dims, optimizer, epochs, mini_batch_size, batchnorm, hidden_activation,
        None, None, None,
    )
    X, Y, dev = _check_data(X, Y, config.layer_dims, X_dev, Y_dev)
    if dev is None:
        raise ValueError("X_dev and Y_dev must be given: the objective is the dev error")
    if not dataclasses.is_dataclass(optimizer) or isinstance(optimizer, type):
        raise ValueError(
            f"optimizer must be an optimizer from dlnotes.optim, e.g. Adam(0.01), got "
            f"{describe(optimizer)}"
        )
    per_model = [
        name for name in _optimizer_hyperparameters(optimizer)
        if isinstance(getattr(optimizer, name), np.ndarray)
    ]
    if per_model:
        raise ValueError(
            f"optimizer must hold single numbers (the objective supplies one value per trial), "
            f"got per-model arrays for {', '.join(per_model)}"
        )
    lambd = check_nonnegative(lambd, "lambd")
    keep_prob = check_probability(keep_prob, "keep_prob")
    init = check_choice(init, "init", METHODS)
    init_scale = check_positive(init_scale, "init_scale")
    if not isinstance(same_init, (bool, np.bool_)):
        raise ValueError(f"same_init must be True or False, got {describe(same_init)}")
    init_rng, data_rng = check_rng(rng).spawn(2)
    return SweepObjective(
        X, Y, dev[0], dev[1], config.layer_dims, optimizer, epochs, mini_batch_size, lambd,
        keep_prob, config.batchnorm, init, init_scale, config.hidden_activation,
        bool(same_init), init_rng, data_rng,
    )
