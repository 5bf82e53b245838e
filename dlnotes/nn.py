r"""The course's L-layer network, every course idea a switch.

In course notation (examples in columns), ``layer_dims = [n_x, n_1, ..., n_L]``::

    X -> [LINEAR -> (BATCHNORM) -> RELU/TANH -> (DROPOUT)] x (L-1) -> LINEAR -> SIGMOID/SOFTMAX

``W{l}`` is ``(n_l, n_{l-1})``, ``b{l}`` ``(n_l, 1)``. The output is a sigmoid when ``n_L = 1``
(labels ``Y`` ``(1, m)``, 0 or 1) and a softmax when ``n_L = C >= 2`` (one-hot ``Y`` ``(C, m)``).
The assignment's functions: :func:`linear_forward`, :func:`linear_backward`, :func:`forward`
(``L_model_forward``), :func:`compute_cost`, :func:`backward` (``L_model_backward``),
:func:`predict`, :func:`train` (``L_layer_model``). Every other formula is called through its
private kernel in its own module: :mod:`~dlnotes.activations`, :mod:`~dlnotes.initialization`,
:mod:`~dlnotes.regularization` (L2, dropout), :mod:`~dlnotes.batchnorm`,
:mod:`~dlnotes.softmax` (and the cross-entropies), :mod:`~dlnotes.optim` (updates, mini-batches).

Gradients are those of the scalar cost :math:`J`, a mean over the ``m`` examples: the
:math:`1/m` the course writes in :math:`dW = \frac{1}{m} dZ\, A^{[l-1]T}` sits in
:math:`dZ^{[L]} = (A^{[L]} - Y)/m` instead (see :func:`linear_backward`). Same products.
The kernels (``_forward``, ...) also take a leading "model" axis (``W{l}`` ``(K, n_l,
n_{l-1})``): :mod:`dlnotes.sweeps` trains ``K`` networks at once with exactly these lines.

Randomness: :func:`train` takes one ``rng``. It draws, in this order, the initial weights
(:func:`dlnotes.initialization.initialize_parameters`) and then the dropout masks (one per
hidden layer per step, layer 1 first). The mini-batch shuffles come from a separate stream,
``data_rng``, by default a child of ``rng`` (``rng.spawn(1)[0]``, which draws nothing from
``rng`` itself), so two runs with the same seed that differ only in ``keep_prob``, ``lambd`` or
the initialization see exactly the same mini-batches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from . import _network as _net
from ._network import DivergenceWarning, NetConfig
from ._typing import Array, ArrayLike
from ._validation import check_matrix, check_rng
from .activations import _relu, _relu_backward, _tanh, _tanh_backward
from .batchnorm import (
    _batchnorm_backward,
    _batchnorm_forward,
    _batchnorm_inference,
    _update_running_stats,
)
from .optim import _random_mini_batches
from .regularization import _dropout_backward, _dropout_forward, _l2_cost, _l2_grad
from .softmax import (
    _binary_cross_entropy,
    _binary_cross_entropy_backward,
    _cross_entropy,
    _cross_entropy_backward,
)

__all__ = [
    "DivergenceWarning", "History", "LayerCache", "Model", "NetConfig", "accuracy", "backward",
    "compute_cost", "forward", "linear_backward", "linear_forward", "predict", "train",
]

_ACTIVATIONS = {"relu": (_relu, _relu_backward), "tanh": (_tanh, _tanh_backward)}


class LayerCache(NamedTuple):
    r"""What the forward pass of layer :math:`l` keeps for the backward pass (and for plots).

    ``A_prev`` :math:`A^{[l-1]}` (after the previous layer's dropout), ``W`` :math:`W^{[l]}`,
    ``Z`` :math:`Z^{[l]} = W^{[l]} A^{[l-1]} (+ b^{[l]})`, ``bn`` the batch-norm cache
    (training mode) or None, ``Z_tilde`` :math:`\tilde Z^{[l]}` for BN layers, ``A``
    :math:`A^{[l]} = g(Z^{[l]})` *before* dropout (None for the output layer, whose cost is
    computed from the logits), ``D`` the dropout mask with its ``keep_prob`` (the next layer
    sees ``A * D / keep_prob``), ``activation`` ``"relu"``/``"tanh"`` (None for the output).
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
    r"""What happened during training, per epoch (a last axis of ``K`` models in a sweep).

    ``cost`` ``(epochs,)``: the training cost :math:`J` (cross-entropy **plus** the L2 term) of
    each epoch, the mean of the mini-batch costs weighted by batch size, measured in training
    mode *while* the parameters change, as the course's ``model`` records it. With dropout on
    (``keep_prob < 1``) it is the cost of a different thinned network at each step: not a
    well-defined :math:`J` that must fall; ``dropout`` says so (True when on).
    ``epoch`` ``(n_evals,)``: the epochs (0-based) after which ``train_loss``,
    ``train_accuracy`` (cross-entropy without the L2 term, and accuracy, on the whole training
    set in evaluation mode: dropout off, batch norm with its running statistics), ``dev_loss``
    and ``dev_accuracy`` (the same on the dev set; empty without one) were measured.
    ``diverged_at``: the epoch whose cost or loss was first NaN or inf, where :func:`train`
    stopped; None if all stayed finite (a sweep: one per model, and the others train on).
    """

    cost: Array
    epoch: np.ndarray
    train_loss: Array
    train_accuracy: Array
    dev_loss: Array
    dev_accuracy: Array
    dropout: Any
    diverged_at: Any = None


class Model(NamedTuple):
    r"""A trained network: everything :func:`predict` needs, and how it got there.

    ``params``: ``W{l}``, ``b{l}`` (no ``b{l}`` for a BN layer), ``gamma{l}``, ``beta{l}``;
    ``history`` (:class:`History`); ``config`` (:class:`NetConfig`); ``batchnorm_stats``:
    ``running_mean{l}``, ``running_var{l}`` ``(n_l, 1)`` per BN layer, an EWA of the batch
    statistics, not trained (empty without batch norm); ``hyperparameters``: those of :func:`train`.
    """

    params: dict[str, Array]
    history: History
    config: NetConfig
    batchnorm_stats: dict[str, Array]
    hyperparameters: dict[str, Any]


# --------------------------------------------------------------------------- kernels
# No checks; arrays are (..., n, m) with any leading model axes, hyperparameters are numbers
# or arrays of shape (K, 1, 1). ``None`` for ``lambd`` or ``keep_prob`` means "off".


def _linear_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    Z = W @ A_prev  # Z = W A_prev + b; a batch-norm layer passes b=None (beta does the job)
    if b is not None:
        Z += b  # in place on the new Z: inputs untouched
    return Z


def _linear_backward(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray, *, need_dA_prev: bool = True
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    # the course's dW = (1/m) dZ A_prev^T, db = (1/m) sum dZ, dA_prev = W^T dZ, with the 1/m
    # already inside dZ (it is the gradient of the mean cost J); .swapaxes(-1, -2) is .T
    dW = dZ @ A_prev.swapaxes(-1, -2)
    db = dZ.sum(axis=-1, keepdims=True)
    dA_prev = W.swapaxes(-1, -2) @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def _forward(
    params: Mapping[str, np.ndarray], X: np.ndarray, config: NetConfig, *,
    keep_prob: Any = None, rngs: Any = None, stats: Mapping[str, np.ndarray] | None = None,
) -> tuple[np.ndarray, list[LayerCache]]:
    """Logits ``Z{L}`` and the per-layer caches. ``stats`` given: BN in inference mode."""
    g = _ACTIVATIONS[config.hidden_activation][0]
    caches: list[LayerCache] = []
    A = X
    for l in range(1, config.L):  # noqa: E741 - the course's layer index
        W = params[f"W{l}"]
        bn = Z_tilde = D = None
        if config.batchnorm:
            Z = _linear_forward(A, W, None)
            gamma, beta = params[f"gamma{l}"], params[f"beta{l}"]
            if stats is None:
                Z_tilde, bn = _batchnorm_forward(Z, gamma, beta, config.epsilon)
            else:
                Z_tilde = _batchnorm_inference(Z, gamma, beta, stats[f"running_mean{l}"],
                                               stats[f"running_var{l}"], config.epsilon)
            A_l = g(Z_tilde)
        else:
            Z = _linear_forward(A, W, params[f"b{l}"])
            A_l = g(Z)
        A_next = A_l
        if keep_prob is not None:
            A_next, D = _dropout_forward(A_l, keep_prob, rngs)
        caches.append(LayerCache(A, W, Z, bn, Z_tilde, A_l, D, keep_prob,
                                 config.hidden_activation))
        A = A_next
    L = config.L
    ZL = _linear_forward(A, params[f"W{L}"], params[f"b{L}"])
    caches.append(LayerCache(A, params[f"W{L}"], ZL))
    return ZL, caches


def _cost(ZL: np.ndarray, Y: np.ndarray, weights: Sequence[np.ndarray] | None, output: str,
          lambd: Any) -> np.ndarray:
    J = _binary_cross_entropy(ZL, Y) if output == "sigmoid" else _cross_entropy(ZL, Y)
    if lambd is not None:
        J = J + _l2_cost(weights, lambd, Y.shape[-1])
    return J


def _backward(ZL: np.ndarray, Y: np.ndarray, caches: Sequence[LayerCache], output: str,
              lambd: Any) -> dict[str, np.ndarray]:
    m = Y.shape[-1]
    if output == "sigmoid":
        dZ = _binary_cross_entropy_backward(ZL, Y)  # (A - Y)/m: the 1/m is in dZ
    else:
        dZ = _cross_entropy_backward(ZL, Y)
    grads: dict[str, np.ndarray] = {}
    for l in range(len(caches), 0, -1):  # noqa: E741
        c = caches[l - 1]
        dA_prev, dW, db = _linear_backward(dZ, c.A_prev, c.W, need_dA_prev=l > 1)
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
        dZ = _ACTIVATIONS[p.activation][1](dA_prev, p.A)
        if p.bn is not None:
            dZ, grads[f"dgamma{l - 1}"], grads[f"dbeta{l - 1}"] = _batchnorm_backward(dZ, p.bn)
    return grads


def _labels(ZL: np.ndarray, output: str) -> np.ndarray:
    """Predicted classes from the logits: shape ``ZL.shape[:-2] + (m,)``, int64."""
    if output == "sigmoid":
        return (ZL[..., 0, :] > 0.0).astype(np.int64)  # sigmoid(z) > 0.5  <=>  z > 0
    return np.argmax(ZL, axis=-2)


def _evaluate(params: Mapping[str, np.ndarray], stats: Mapping[str, np.ndarray], X: np.ndarray,
              Y: np.ndarray, labels: np.ndarray, config: NetConfig) -> tuple[Any, Any]:
    """Cross-entropy (no L2) and accuracy in evaluation mode (no dropout, running stats)."""
    ZL, _ = _forward(params, X, config, stats=stats if config.batchnorm else None)
    acc = np.mean(_labels(ZL, config.output) == labels, axis=-1)
    return _cost(ZL, Y, None, config.output, None), acc


def _fit(X: np.ndarray, Y: np.ndarray, params: dict[str, np.ndarray],
         stats: dict[str, np.ndarray], config: NetConfig, run: _net.Run, *, optimizer: Any,
         epochs: int, mini_batch_size: int | None, schedule: Callable[[int], Any] | None,
         data_rng: np.random.Generator | None, drop_rngs: Any,
         callback: Callable[[int, Any], Any] | None, dev: tuple[np.ndarray, np.ndarray] | None,
         eval_every: int, wrap: Callable[..., Any]) -> Any:
    """The training loop of :func:`train` (2-D arrays) and of :mod:`dlnotes.sweeps` (stacked)."""
    m = X.shape[-1]
    weight_keys = [f"W{l}" for l in range(1, config.L + 1)]  # noqa: E741
    sets = [(X, Y, _net.true_labels(Y), "train")]
    if dev is not None:
        sets.append((*dev, _net.true_labels(dev[1]), "dev"))
    curves: dict[str, list] = {k: [] for k in History._fields[:6]}
    state = optimizer.init(params)
    first_bad = np.full(np.shape(run.dropout), -1)  # per model: the epoch it diverged, or -1

    def history() -> History:
        return History(**{k: np.asarray(v) for k, v in curves.items()}, dropout=run.dropout,
                       diverged_at=_net.diverged_at(first_bad))

    for epoch in range(epochs):
        lr = {} if schedule is None else {
            "learning_rate": _net.check_learning_rate(schedule(epoch), epoch)}
        if mini_batch_size is None:
            batches: Sequence[tuple[np.ndarray, np.ndarray]] = ((X, Y),)
        else:
            batches = _random_mini_batches(X, Y, mini_batch_size, data_rng)  # checked once
        total = 0.0
        for X_t, Y_t in batches:
            ZL, caches = _forward(params, X_t, config, keep_prob=run.keep_prob, rngs=drop_rngs)
            weights = None if run.lambd is None else [params[k] for k in weight_keys]
            total = total + _cost(ZL, Y_t, weights, config.output, run.lambd) * Y_t.shape[-1]
            grads = _backward(ZL, Y_t, caches, config.output, run.lambd)
            params, state = optimizer.update(params, grads, state, **lr)
            if config.batchnorm:  # the EWA of the batch statistics, layer by layer
                stats = dict(stats)
                for l, c in enumerate(caches[:-1], start=1):  # noqa: E741
                    mean, var = f"running_mean{l}", f"running_var{l}"
                    stats[mean], stats[var] = _update_running_stats(
                        stats[mean], stats[var], c.bn.mu, c.bn.var, run.bn_momentum)
        curves["cost"].append(total / m)
        stop = _net.mark_divergence(first_bad, total, epoch)  # NaN or inf: one network stops
        if (epoch + 1) % eval_every == 0 or epoch == epochs - 1 or stop:
            curves["epoch"].append(epoch)
            for X_e, Y_e, labels, name in sets:
                loss, acc = _evaluate(params, stats, X_e, Y_e, labels, config)
                stop = _net.mark_divergence(first_bad, loss, epoch)
                curves[f"{name}_loss"].append(loss)
                curves[f"{name}_accuracy"].append(acc)
        if callback is not None:
            callback(epoch, wrap(params, history(), stats))
        if stop:
            break
    return wrap(params, history(), stats)


# --------------------------------------------------------------------------- public API


def linear_forward(A_prev: ArrayLike, W: ArrayLike, b: ArrayLike) -> Array:
    r"""The linear part of a layer, :math:`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}`.

    ``A_prev`` is ``(n_{l-1}, m)``, ``W`` ``(n_l, n_{l-1})``, ``b`` ``(n_l, 1)`` (broadcast over
    the ``m`` columns, the one broadcast the course intends); returns ``Z`` ``(n_l, m)``.

    >>> linear_forward([[1.0, 2.0], [3.0, 4.0]], [[1.0, -1.0]], [[0.5]])
    array([[-1.5, -1.5]])
    """
    A_prev = check_matrix(A_prev, "A_prev")
    W = check_matrix(W, "W", cols=A_prev.shape[0])
    return _linear_forward(A_prev, W, check_matrix(b, "b", rows=W.shape[0], cols=1))


def linear_backward(dZ: ArrayLike, A_prev: ArrayLike, W: ArrayLike) -> tuple[Array, Array, Array]:
    r"""Backward pass of :func:`linear_forward`: ``(dA_prev, dW, db)``.

    ``dZ`` ``(n_l, m)`` is :math:`\partial J/\partial Z^{[l]}`, the gradient of the *cost* (see
    Warnings); ``A_prev`` ``(n_{l-1}, m)``, ``W`` ``(n_l, n_{l-1})``. Returns
    :math:`dA^{[l-1]} = W^{[l]T} dZ^{[l]}`, :math:`dW^{[l]} = dZ^{[l]} A^{[l-1]T}` and
    :math:`db^{[l]} = \sum_i dZ^{[l](i)}` (a sum over the columns), each shaped like its variable.

    Warnings
    --------
    The course writes :math:`dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}` and
    :math:`db^{[l]} = \frac{1}{m}\sum_i dZ^{[l](i)}`, with :math:`dZ^{[L]} = A^{[L]} - Y` the
    gradient of the per-example *loss*. Here ``dZ`` is the gradient of the *cost*, so the
    :math:`1/m` is already in it (:func:`dlnotes.softmax.cross_entropy_backward` puts it
    there) and is not applied twice. Same numbers, one convention throughout.

    Examples
    --------
    >>> linear_backward([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]], [[3.0, 4.0]])
    (array([[3., 6.],
           [4., 8.]]), array([[1., 2.]]), array([[3.]]))
    """
    return _linear_backward(*_net.check_linear_backward(dZ, A_prev, W))


def forward(
    params: Mapping[str, np.ndarray], X: ArrayLike, *, hidden_activation: str = "relu",
    keep_prob: float = 1.0, rng: np.random.Generator | None = None,
    batchnorm_stats: Mapping[str, np.ndarray] | None = None,
) -> tuple[Array, list[LayerCache]]:
    r"""Forward propagation through the whole network: the logits and the caches.

    ``params`` holds ``W{l}`` ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)``; a batch-normalized
    hidden layer has ``gamma{l}``, ``beta{l}`` ``(n_l, 1)`` instead of ``b{l}`` (all hidden layers
    or none; never the output layer), and no other key: a missing, misspelt or extra key is refused.
    ``X`` is ``(n_x, m)``. ``keep_prob`` < 1 applies dropout to every hidden layer's output, with
    masks drawn from ``rng``. With ``batchnorm_stats`` (``running_mean{l}``, ``running_var{l}``) BN
    layers normalize with these (test time); without, with the batch's own statistics (training
    mode). Returns the logits ``ZL`` :math:`Z^{[L]}` ``(n_L, m)`` (:math:`A^{[L]} = \sigma(Z^{[L]})`
    or :math:`\text{softmax}(Z^{[L]})`) and one :class:`LayerCache` per layer, ``caches[l-1]`` for
    layer ``l`` (read its ``Z`` and ``A`` for plots).

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

    then :math:`Z^{[L]} = W^{[L]} A^{[L-1]} + b^{[L]}`. With BN the layer has no :math:`b^{[l]}`:
    the mean subtraction would cancel it and :math:`\beta^{[l]}` takes its role.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.initialization import initialize_parameters
    >>> params = initialize_parameters([2, 3, 1], rng=np.random.default_rng(0))
    >>> ZL, caches = forward(params, np.ones((2, 4)))
    >>> ZL.shape, len(caches), caches[0].Z.shape, caches[0].A.shape
    ((1, 4), 2, (3, 4), (3, 4))
    """
    config, X, keep_prob, rng, stats = _net.check_forward(
        params, X, hidden_activation, keep_prob, rng, batchnorm_stats)
    return _forward(params, X, config, keep_prob=keep_prob, rngs=rng, stats=stats)


def backward(
    ZL: ArrayLike, Y: ArrayLike, caches: Sequence[LayerCache], *, lambd: float = 0.0
) -> dict[str, Array]:
    r"""Backward propagation: the gradients of :func:`compute_cost` for every parameter.

    ``ZL`` ``(n_L, m)`` and ``caches`` come from one :func:`forward` call; ``Y`` ``(n_L, m)``
    holds 0/1 labels (sigmoid output) or is one-hot (softmax); ``lambd`` (:math:`\lambda \ge
    0`) is the L2 strength given to :func:`compute_cost`. Returns ``dW{l}``, ``db{l}``, and
    ``dgamma{l}``, ``dbeta{l}`` for BN layers, each shaped like its parameter.

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
    The course's :math:`1/m` sits in :math:`dZ^{[L]}` and so in every :math:`dZ^{[l]}` below
    it (see :func:`linear_backward`).

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
    ZL, caches = _net.check_caches(ZL, caches, LayerCache)
    Y, lambd = _net.check_labels_and_lambd(ZL, Y, lambd)
    return _backward(ZL, Y, caches, _net.output_of(ZL.shape[0]), lambd)


def compute_cost(
    ZL: ArrayLike, Y: ArrayLike, params: Mapping[str, np.ndarray] | None = None, *,
    lambd: float = 0.0,
) -> float:
    r"""The cost :math:`J`: cross-entropy from the logits ``ZL`` ``(n_L, m)``, plus L2.

    .. math:: J = \frac{1}{m}\sum_i \mathcal{L}(\hat y^{(i)}, y^{(i)})
              + \frac{\lambda}{2m}\sum_l \lVert W^{[l]}\rVert_F^2,

    with the binary cross-entropy for one output row (``Y`` 0/1, ``(1, m)``) and the softmax
    cross-entropy for ``C >= 2`` rows (``Y`` one-hot). ``params``, the network's whole dict
    (checked as in :func:`forward`; its ``W{l}`` enter the L2 term), is needed if ``lambd > 0``.

    >>> import numpy as np
    >>> round(compute_cost(np.zeros((1, 4)), np.array([[1, 0, 1, 0]])), 6)  # log 2
    0.693147
    >>> J = compute_cost(np.zeros((1, 4)), np.array([[1, 0, 1, 0]]),
    ...                  {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}, lambd=1.0)
    >>> round(J - float(np.log(2)), 12)  # lambd/(2m) ||W1||^2 = 1/(2*4) * 2
    0.25
    """
    ZL, Y, lambd, weights = _net.check_cost(ZL, Y, params, lambd)
    return float(_cost(ZL, Y, weights, _net.output_of(ZL.shape[0]), lambd))


def _eval_forward(model: Any, X: ArrayLike) -> tuple[np.ndarray, list[LayerCache], NetConfig]:
    """A trained network's forward pass at test time: no dropout, BN's running statistics."""
    config, X = _net.check_model(model, X)  # a Model, or a dlnotes.sweeps.Sweep (a model axis)
    stats = model.batchnorm_stats if config.batchnorm else None
    with _net.quiet_if_diverged(model):  # a diverged model's logits overflow: no warnings
        return (*_forward(model.params, X, config, stats=stats), config)


def predict(model: Model, X: ArrayLike) -> np.ndarray:
    r"""Class labels ``(m,)`` int64 for the columns of ``X``: dropout off, BN's running stats.

    0/1 for a sigmoid output (:math:`\hat y = 1` when :math:`a^{[L]} > 0.5`, that is when
    :math:`z^{[L]} > 0`); the class :math:`\arg\max_j a^{[L]}_j` for softmax. A
    :class:`dlnotes.sweeps.Sweep` gives ``(K, m)``.
    """
    ZL, _, config = _eval_forward(model, X)
    return _labels(ZL, config.output)


def accuracy(model: Model, X: ArrayLike, Y: ArrayLike) -> float | np.ndarray:
    r"""Fraction of the columns of ``X`` that :func:`predict` labels correctly.

    ``Y`` as in training (0/1 ``(1, m)`` or one-hot ``(C, m)``); an array of ``K`` for a
    :class:`dlnotes.sweeps.Sweep`.

    >>> import numpy as np
    >>> from dlnotes.optim import Adam
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]]); Y = np.array([[0, 0, 1, 1]])
    >>> model = train(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...               rng=np.random.default_rng(0))
    >>> predict(model, X), accuracy(model, X, Y)
    (array([0, 0, 1, 1]), 1.0)
    """
    ZL, _, config = _eval_forward(model, X)
    Y = _net.check_Y(Y, "Y", config.layer_dims[-1], ZL.shape[-1])
    acc = np.mean(_labels(ZL, config.output) == _net.true_labels(Y), axis=-1)
    return float(acc) if acc.ndim == 0 else acc


def train(
    X: ArrayLike, Y: ArrayLike, layer_dims: Sequence[int], *, optimizer: Any, epochs: int,
    mini_batch_size: int | None = None, lambd: float = 0.0, keep_prob: float = 1.0,
    batchnorm: bool = False, init: str = "he", init_scale: float = 0.01,
    hidden_activation: str = "relu", schedule: Callable[[int], float] | None = None,
    rng: np.random.Generator, data_rng: np.random.Generator | None = None,
    callback: Callable[[int, Model], Any] | None = None, X_dev: ArrayLike | None = None,
    Y_dev: ArrayLike | None = None, bn_momentum: float = 0.9, eval_every: int | None = None,
) -> Model:
    r"""Train an L-layer network with mini-batch gradient descent and any course technique.

    Parameters
    ----------
    X, Y : array_like, shapes (n_x, m) and (n_L, m)
        Inputs, one example per column; 0/1 labels when ``layer_dims[-1] = 1`` (sigmoid
        output), one-hot with ``C = layer_dims[-1] >= 2`` rows otherwise (softmax output).
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``.
    optimizer : optimizer from :mod:`dlnotes.optim`
        E.g. ``GradientDescent(0.1)``, ``Adam(0.01)``: anything with ``init(params)`` and
        ``update(params, grads, state, learning_rate=...)``.
    epochs : int >= 1
        Passes over the training set.
    mini_batch_size : int, optional
        Mini-batches reshuffled every epoch (:func:`dlnotes.optim.random_mini_batches`); None
        (default) is batch gradient descent on all ``m`` examples in their given order.
    lambd : float >= 0, default 0.0
        L2 strength :math:`\lambda` (the course's ``lambd``).
    keep_prob : float in (0, 1], default 1.0
        Inverted dropout on every hidden layer during training (1: off); never on the input
        or output layer, nor when the model is evaluated.
    batchnorm : bool, default False
        Batch-normalize every hidden layer (before its activation, as in the course).
    init, init_scale : default "he", 0.01
        See :func:`dlnotes.initialization.initialize_parameters`; ``init_scale`` is the std of
        ``"random"`` (10 shows the course's "times 10" failure).
    hidden_activation : {"relu", "tanh"}, default "relu"
    schedule : callable, optional
        ``schedule(epoch) -> learning rate >= 0`` (0 where a warm-up starts) for epoch ``0, 1,
        ...``, passed to ``optimizer.update(..., learning_rate=...)``, e.g. ``functools.partial(
        dlnotes.schedules.inverse_time_decay, 0.1, decay_rate=1.0)``; None: the optimizer's.
    rng, data_rng : numpy.random.Generator
        ``rng`` draws the initial weights, then the dropout masks; ``data_rng`` the mini-batch
        shuffles, by default ``rng.spawn(1)[0]`` (module docstring, "Randomness").
    callback : callable, optional
        ``callback(epoch, model)`` after every epoch, with the :class:`Model` so far.
    X_dev, Y_dev : array_like, optional
        A dev set, evaluated along the way into ``history.dev_loss`` and ``dev_accuracy``.
    bn_momentum : float in [0, 1), default 0.9
        Weight of the old value in the EWA of the batch statistics
        (:func:`dlnotes.batchnorm.update_running_stats`).
    eval_every : int, optional
        Evaluate train (and dev) loss and accuracy every ``eval_every`` epochs and after the
        last; by default ``max(1, epochs // 100)``, about 100 points however long the run.

    Warnings
    --------
    With dropout on, ``history.cost`` is not the cost of one network: each step drops different
    units. As the learner's notes say, "run the network before you add dropouts, as the J vs epochs
    is not an accurate representation of the training": first train with ``keep_prob=1`` and check
    that :math:`J` decreases, then switch dropout on. ``history.train_loss`` is measured with
    dropout off and is always meaningful. A cost (or loss) that turns NaN or infinite stops training
    at that epoch (``history.diverged_at``) with a :class:`DivergenceWarning` naming the usual cure.

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
    config, epochs, mini_batch_size, eval_every = _net.check_common(
        layer_dims, optimizer, epochs, mini_batch_size, batchnorm, hidden_activation,
        schedule, callback, eval_every)
    X, Y, dev = _net.check_data(X, Y, config.layer_dims, X_dev, Y_dev)
    lambd, keep_prob, init, init_scale, bn_momentum = _net.check_hyperparameters(
        lambd, keep_prob, init, init_scale, bn_momentum)
    rng = check_rng(rng)
    data_rng = rng.spawn(1)[0] if data_rng is None else check_rng(data_rng, "data_rng")
    params, stats = _net.initial_state(config, init, init_scale, rng)
    run = _net.Run(lambd or None, keep_prob if keep_prob < 1 else None, bn_momentum, keep_prob < 1)
    hyper = dict(optimizer=optimizer, epochs=epochs, mini_batch_size=mini_batch_size, lambd=lambd,
                 keep_prob=keep_prob, init=init, init_scale=init_scale, bn_momentum=bn_momentum)
    with _net.quiet_overflow():  # no numpy warnings: a divergence is reported, below
        model = _fit(X, Y, params, stats, config, run, optimizer=optimizer, epochs=epochs,
                     mini_batch_size=mini_batch_size, schedule=schedule, data_rng=data_rng,
                     drop_rngs=rng, callback=callback, dev=dev, eval_every=eval_every,
                     wrap=lambda p, h, s: Model(p, h, config, s, hyper))
    return _net.report_divergence(model, optimizer, schedule)  # a warning with the cure
