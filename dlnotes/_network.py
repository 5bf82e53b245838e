"""The plumbing of :mod:`dlnotes.nn` (and :mod:`dlnotes.sweeps`) that a learner need not read.

The architecture record :class:`NetConfig`, the initial state of a network, and the argument
checks: the public functions check their arguments here, at the boundary, then call the
kernels of :mod:`dlnotes.nn`, which do no checking. Every message names the argument, what
was given and what was expected.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import warnings
from collections.abc import Mapping, Sequence
from numbers import Real
from typing import Any, NamedTuple

import numpy as np

from ._typing import Array
from ._validation import (
    ArgumentTypeError,
    check_beta,
    check_choice,
    check_flag,
    check_int,
    check_matrix,
    check_nonnegative,
    check_one_hot,
    check_optimizer,
    check_params,
    check_positive,
    check_probability,
    check_rng,
    describe,
    shorten,
)
from .initialization import METHODS, _check_layer_dims, initialize_parameters

HIDDEN_ACTIVATIONS: tuple[str, ...] = ("relu", "tanh")
"""The hidden activations :func:`dlnotes.nn.train` understands."""

BN_EPSILON = 1e-5
"""The :math:`\\varepsilon` of every batch-norm layer (that of
:func:`dlnotes.batchnorm.batchnorm_forward`)."""


class NetConfig(NamedTuple):
    r"""The architecture: what inference needs besides the parameters.

    ``layer_dims`` is ``(n_x, n_1, ..., n_L)``; ``hidden_activation`` ``"relu"`` or
    ``"tanh"``; ``batchnorm`` says whether the hidden layers are batch-normalized (they then
    have ``gamma{l}``, ``beta{l}`` and no ``b{l}``); ``output`` is ``"sigmoid"`` when
    ``n_L = 1``, else ``"softmax"``; ``epsilon`` is the batch-norm :math:`\varepsilon`.
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


class DivergenceWarning(UserWarning):
    """:func:`dlnotes.nn.train` diverged: its cost (or loss) became NaN or infinite, and it
    stopped there (``History.diverged_at``). The message says where, and the usual cure."""


def check_learning_rate(lr: Any, epoch: int) -> Any:
    """A rate from ``schedule(epoch)``: >= 0 (a warm-up may start at 0), one or one per model."""
    try:
        arr = np.asarray(lr, dtype=np.float64)
    except (TypeError, ValueError):
        arr = np.array(np.nan)
    if isinstance(lr, (str, bytes, bool, np.bool_)) or not (
        np.all(np.isfinite(arr)) and np.all(arr >= 0)
    ):
        raise ValueError(
            f"schedule must return a learning rate >= 0 (a number, or one per model), "
            f"got {describe(lr)} at epoch {epoch}"
        )
    return lr


# --------------------------------------------------------------------------- divergence


def mark_divergence(first: np.ndarray, value: Any, epoch: int) -> bool:
    """Record ``epoch`` in ``first`` (-1 = not yet; one entry per model of a sweep) for the
    models whose cost or loss ``value`` is NaN or infinite. True once a single network (a 0-d
    ``first``) has diverged: :func:`dlnotes.nn.train` stops there; a sweep's models go on."""
    first[(first < 0) & ~np.isfinite(value)] = epoch
    return first.ndim == 0 and bool(first >= 0)


def diverged_at(first: np.ndarray) -> Any:
    """``History.diverged_at``: an int or None; for a sweep, a tuple of them (one per model)."""
    if first.ndim == 0:
        return None if first < 0 else int(first)
    return tuple(None if e < 0 else int(e) for e in first)


def report_divergence(model: Any, optimizer: Any, schedule: Any) -> Any:
    """``model``; if its training diverged, first a :class:`DivergenceWarning` saying where and
    giving the usual cure (a smaller learning rate)."""
    history, epochs = model.history, model.hyperparameters["epochs"]
    if history.diverged_at is None:
        return model
    epoch, J = history.diverged_at, float(history.cost[-1])
    what = f"the cost J became {J}" if not np.isfinite(J) else "the loss became NaN or inf"
    lr = getattr(optimizer, "learning_rate", None)
    if schedule is not None:
        cure = "from a schedule that gives smaller rates (a smaller learning_rate0)"
    elif isinstance(lr, Real) and dataclasses.is_dataclass(optimizer):
        cure = f"e.g. {type(optimizer).__name__}(learning_rate={lr / 10:g})"
    else:
        cure = "e.g. a tenth of the present one"
    hyper = model.hyperparameters
    if hyper["lambd"] > 0:
        cure += f", or a smaller lambd than {hyper['lambd']:g}"
    if hyper["init"] == "random" and hyper["init_scale"] > 1:
        cure += f", or a smaller init_scale than {hyper['init_scale']:g}"
    if np.any(np.asarray(getattr(optimizer, "epsilon", 1.0)) == 0):
        cure += "; and keep epsilon > 0 (0/0 = NaN)"
    warnings.warn(DivergenceWarning(shorten(
        f"training diverged: {what} in epoch {epoch + 1} of {epochs} (history.diverged_at = "
        f"{epoch}) and stopped there. Try a smaller learning rate, {cure}")), stacklevel=3)
    return model


def _silent(kind: str, flag: int) -> None:
    """numpy's error handler inside :func:`quiet_overflow`: says nothing."""


def quiet_overflow() -> Any:
    """``np.errstate`` for a training, which reports a divergence itself: an overflow or an
    invalid value (``inf - inf``) warns nothing. Invalid values go to a silent handler rather
    than to ``"ignore"``, so that the optimizers' 0/0 check (``epsilon = 0``, which stands
    down only under ``"ignore"``) still raises its ValueError."""
    return np.errstate(over="ignore", invalid="call", call=_silent)


def quiet_if_diverged(model: Any) -> Any:
    """No overflow warnings in the forward pass of a model whose training diverged."""
    d = getattr(getattr(model, "history", None), "diverged_at", None)
    if all(e is None for e in (d if isinstance(d, tuple) else (d,))):
        return contextlib.nullcontext()
    return quiet_overflow()


def check_X(X: Any, name: str, n_x: int) -> Array:
    X = check_matrix(X, name)
    if X.shape[0] != n_x:
        raise ValueError(
            f"{name} must have layer_dims[0] = {n_x} rows (features), got shape {X.shape}"
        )
    if X.shape[1] < 1:
        raise ValueError(f"{name} must have at least one example (column), got shape {X.shape}")
    return X


def check_Y(Y: Any, name: str, n_out: int, m: int, X_name: str = "X") -> Array:
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


def check_data(
    X: Any, Y: Any, layer_dims: Sequence[int], X_dev: Any, Y_dev: Any
) -> tuple[Array, Array, tuple[Array, Array] | None]:
    X = check_X(X, "X", layer_dims[0])
    Y = check_Y(Y, "Y", layer_dims[-1], X.shape[1])
    if (X_dev is None) != (Y_dev is None):
        raise ValueError(
            f"X_dev and Y_dev must be given together, got X_dev={describe(X_dev)} and "
            f"Y_dev={describe(Y_dev)}"
        )
    dev = None
    if X_dev is not None:
        X_dev = check_X(X_dev, "X_dev", layer_dims[0])
        dev = (X_dev, check_Y(Y_dev, "Y_dev", layer_dims[-1], X_dev.shape[1], "X_dev"))
    return X, Y, dev


def check_common(
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
    check_optimizer(optimizer)
    epochs = check_int(epochs, "epochs", minimum=1)
    if mini_batch_size is not None:
        mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
    check_flag(batchnorm, "batchnorm")
    hidden_activation = check_choice(hidden_activation, "hidden_activation", HIDDEN_ACTIVATIONS)
    for name, f in (("schedule", schedule), ("callback", callback)):
        if f is not None and not callable(f):
            raise ValueError(f"{name} must be None or callable, got {describe(f)}")
    if eval_every is None:
        eval_every = max(1, epochs // 100)
    eval_every = check_int(eval_every, "eval_every", minimum=1)
    config = NetConfig(dims, hidden_activation, bool(batchnorm), output_of(dims[-1]))
    return config, epochs, mini_batch_size, eval_every


def output_of(n_L: int) -> str:
    """The output layer the course uses: a sigmoid for one unit, a softmax for C >= 2."""
    return "sigmoid" if n_L == 1 else "softmax"


_LAYER_KEY = re.compile(r"(W|b|gamma|beta)([1-9][0-9]*)")


def param_keys(L: int, batchnorm: bool) -> list[str]:
    """The keys of a network's parameters: ``W{l}``, ``b{l}`` (``gamma{l}``, ``beta{l}`` instead
    of ``b{l}`` for a batch-normalized hidden layer), layer by layer."""
    keys = []
    for l in range(1, L + 1):  # noqa: E741
        keys += [f"W{l}", *((f"gamma{l}", f"beta{l}") if batchnorm and l < L else (f"b{l}",))]
    return keys


def config_of(params: Mapping[str, np.ndarray], hidden_activation: str,
              name: str = "params") -> NetConfig:
    """Check a one-network parameter dict and read its architecture off it.

    The number of layers is the highest ``l`` of any ``W{l}``, ``b{l}``, ``gamma{l}``,
    ``beta{l}``, so a dict that lost ``W2`` (or calls it ``w2``) is refused, naming the key,
    instead of running as a smaller network.
    """
    keys = [k for k in params if isinstance(k, str)] if isinstance(params, Mapping) else []
    layers = [int(m.group(2)) for k in keys if (m := _LAYER_KEY.fullmatch(k))]
    bn = any(k.startswith(("gamma", "beta")) for k in keys)
    params = check_params(params, name, expected_keys=(
        param_keys(max(layers), bn) if layers else None))
    if not layers:
        raise ValueError(f"{name} must hold the keys W1, b1, ..., WL, bL of a network, got "
                         f"{describe(params)}")
    L = max(layers)
    hidden_activation = check_choice(hidden_activation, "hidden_activation", HIDDEN_ACTIVATIONS)
    if params["W1"].ndim != 2:
        raise ValueError(f"{name}['W1'] must be of shape (n_1, n_x), got {params['W1'].shape}")
    dims = [params["W1"].shape[1]]
    for l in range(1, L + 1):  # noqa: E741
        W = params[f"W{l}"]
        if W.ndim != 2 or W.shape[1] != dims[-1]:
            raise ValueError(
                f"{name}['W{l}'] must be of shape (n_{l}, {dims[-1]}), got {W.shape}"
            )
        n = W.shape[0]
        dims.append(n)
        for key in (f"gamma{l}", f"beta{l}") if (bn and l < L) else (f"b{l}",):
            if params[key].shape != (n, 1):
                raise ValueError(f"{name}[{key!r}] must be of shape ({n}, 1), got "
                                 f"{params[key].shape}")
    return NetConfig(tuple(dims), hidden_activation, bn, output_of(dims[-1]))


def check_stats(stats: Any, config: NetConfig) -> Mapping[str, np.ndarray]:
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


def check_caches(ZL: Any, caches: Any, cache_type: type) -> tuple[Array, list]:
    if not isinstance(caches, (list, tuple)) or isinstance(caches, cache_type):
        raise ArgumentTypeError(
            f"caches must be the list of LayerCache returned by forward, got {describe(caches)}")
    caches = list(caches)
    if not caches or not all(isinstance(c, cache_type) for c in caches):
        raise ValueError(
            f"caches must be the list of LayerCache returned by forward, got {describe(caches)}")
    ZL = check_matrix(ZL, "ZL")
    if ZL.shape != caches[-1].Z.shape:
        raise ValueError(f"ZL must be the logits of the same forward pass as caches, shape "
                         f"{caches[-1].Z.shape}; got {ZL.shape}")
    return ZL, caches


def initial_state(config: NetConfig, init: str, scale: float, rng: np.random.Generator
                   ) -> tuple[dict[str, Array], dict[str, Array]]:
    """Initial parameters and, with batch norm, running statistics (mean 0, variance 1)."""
    params = initialize_parameters(config.layer_dims, init, rng=rng, scale=scale)
    stats: dict[str, Array] = {}
    if not config.batchnorm:
        return params, stats
    out: dict[str, Array] = {}  # BN hidden layers: no b{l} (beta takes its role)
    for l in range(1, config.L + 1):  # noqa: E741
        n = config.layer_dims[l]
        out[f"W{l}"] = params[f"W{l}"]
        if l == config.L:
            out[f"b{l}"] = params[f"b{l}"]
        else:  # gamma = 1, beta = 0 at the start
            out[f"gamma{l}"], out[f"beta{l}"] = np.ones((n, 1)), np.zeros((n, 1))
            stats[f"running_mean{l}"], stats[f"running_var{l}"] = np.zeros((n, 1)), np.ones((n, 1))
    return out, stats


class Run(NamedTuple):
    """Hyperparameters of one run, as the kernels take them (None = switched off)."""

    lambd: Any
    keep_prob: Any
    bn_momentum: Any
    dropout: Any


def check_hyperparameters(lambd: Any, keep_prob: Any, init: Any, init_scale: Any,
                          bn_momentum: Any) -> tuple[float, float, str, float, float]:
    """The one-network hyperparameters of :func:`dlnotes.nn.train`, checked."""
    return (check_nonnegative(lambd, "lambd"), check_probability(keep_prob, "keep_prob"),
            check_choice(init, "init", METHODS), check_positive(init_scale, "init_scale"),
            check_beta(bn_momentum, "bn_momentum"))


def true_labels(Y: np.ndarray) -> np.ndarray:
    """Class indices of 0/1 labels ``(1, m)`` or one-hot ``(C, m)``: shape ``(m,)``, int64."""
    return Y[0].astype(np.int64) if Y.shape[0] == 1 else np.argmax(Y, axis=0)


def check_forward(params: Any, X: Any, hidden_activation: Any, keep_prob: Any, rng: Any,
                  batchnorm_stats: Any) -> tuple[NetConfig, Array, Any, Any, Any]:
    """The arguments of :func:`dlnotes.nn.forward`; ``keep_prob`` None when dropout is off."""
    config = config_of(params, hidden_activation)
    X = check_X(X, "X", config.layer_dims[0])
    keep_prob = check_probability(keep_prob, "keep_prob")
    if keep_prob < 1.0:
        rng = check_rng(rng)
    stats = None
    if batchnorm_stats is not None and config.batchnorm:
        stats = check_stats(batchnorm_stats, config)
    return config, X, keep_prob if keep_prob < 1.0 else None, rng, stats


def check_cost(ZL: Any, Y: Any, params: Any, lambd: Any) -> tuple[Array, Array, float, list]:
    """The arguments of :func:`dlnotes.nn.compute_cost` (``lambd`` None for 0) and its ``W{l}``.

    ``params``, when given, must be the whole network whose logits ``ZL`` are (every key, no
    other), as for :func:`dlnotes.nn.forward`.
    """
    ZL = check_matrix(ZL, "ZL")
    Y, lambd = check_labels_and_lambd(ZL, Y, lambd)
    weights: list[np.ndarray] = []
    if params is None:
        if lambd is not None:
            raise ValueError("params must be given when lambd > 0 (the W's enter the L2 term)")
        return ZL, Y, lambd, weights
    config = config_of(params, "relu")
    if config.layer_dims[-1] != ZL.shape[0]:
        raise ValueError(
            f"params must be the network whose logits ZL are: ZL has {ZL.shape[0]} rows, "
            f"params['W{config.L}'] {config.layer_dims[-1]}"
        )
    if lambd is not None:
        weights = [check_matrix(v, f"params[{k!r}]") for k, v in params.items() if k[0] == "W"]
    return ZL, Y, lambd, weights


def check_labels_and_lambd(ZL: Array, Y: Any, lambd: Any) -> tuple[Array, float | None]:
    """Labels ``Y`` that match the logits ``ZL``, and ``lambd`` (None when it is 0)."""
    Y = check_Y(Y, "Y", ZL.shape[0], ZL.shape[1], "ZL")
    lambd = check_nonnegative(lambd, "lambd")
    return Y, (lambd if lambd > 0 else None)


def check_model(model: Any, X: Any) -> tuple[NetConfig, Array]:
    """The architecture of a trained network (a Model, or a Sweep of them), its parameters (and
    batch-norm statistics) checked against it (every key, no other, the right shapes), and its
    inputs ``X``."""
    config = getattr(model, "config", None)
    if not (isinstance(config, NetConfig) and hasattr(model, "params")):
        raise ArgumentTypeError(f"model must be a Model returned by train (or a Sweep from "
                                f"dlnotes.sweeps.train_many), got {describe(model)}")
    dims = config.layer_dims
    params = check_params(model.params, "model.params",
                          expected_keys=param_keys(config.L, config.batchnorm))
    lead = np.shape(params["W1"])[:-2]  # () for a Model, (K,) for a Sweep
    for key, value in params.items():
        l = int(_LAYER_KEY.fullmatch(key).group(2))  # noqa: E741
        want = (*lead, dims[l], dims[l - 1] if key[0] == "W" else 1)
        if value.shape != want:
            raise ValueError(f"model.params[{key!r}] must be of shape {want}, got {value.shape}")
    if config.batchnorm:
        keys = [f"{s}{i}" for i in range(1, config.L) for s in ("running_mean", "running_var")]
        stats = check_params(model.batchnorm_stats, "model.batchnorm_stats", expected_keys=keys)
        for i, key in enumerate(keys):
            want = (*lead, dims[i // 2 + 1], 1)  # running_mean{l}, running_var{l}: (n_l, 1)
            if stats[key].shape != want:
                raise ValueError(f"model.batchnorm_stats[{key!r}] must be of shape {want}, "
                                 f"got {stats[key].shape}")
    return config, check_X(X, "X", dims[0])


def check_linear_backward(dZ: Any, A_prev: Any, W: Any) -> tuple[Array, Array, Array]:
    """The arguments of :func:`dlnotes.nn.linear_backward`: ``dZ`` (n_l, m) with m, n_l >= 1."""
    dZ = check_matrix(dZ, "dZ")
    if dZ.size == 0:
        raise ValueError(f"dZ must have at least one unit (row) and one example (column), got "
                         f"shape {dZ.shape}")
    A_prev = check_matrix(A_prev, "A_prev", cols=dZ.shape[1])
    return dZ, A_prev, check_matrix(W, "W", rows=dZ.shape[0], cols=A_prev.shape[0])
