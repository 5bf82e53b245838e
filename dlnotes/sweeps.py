r"""Batched sweeps: ``K`` networks of one architecture trained at once, for hyperparameter search.

Engineering, not a lecture: the course's "caviar" strategy (many models in parallel) made
fast. Every array of :mod:`dlnotes.nn` gets a leading model axis (``W{l}`` of shape
``(K, n_l, n_{l-1})``, ``Z{l}`` of shape ``(K, n_l, m)``) and the very kernels and training
loop of :func:`dlnotes.nn.train` run on the stack: one matrix product per layer instead of
``K``. The cost of a small network is mostly Python and numpy call overhead, which ``K``
stacked networks pay once. A per-model hyperparameter reaches the kernels as an array of shape
``(K, 1, 1)``; a per-model optimizer hyperparameter is a 1-D array in the optimizer
(``Adam(learning_rate=np.array([...]))``). The course modules never import this one.

Randomness
----------
:func:`train_many` takes one generator per model, ``rngs[k]``, which plays the role of
``rng`` for model ``k``, and one shared ``data_rng``: all models see the same mini-batches in
the same order. So ``train_many(..., rngs=[default_rng(s) for s in seeds],
data_rng=default_rng(d)).model(k)`` is ``train(..., rng=default_rng(seeds[k]),
data_rng=default_rng(d))``; the tests check it to 1e-10.

:func:`sweep_objective` spawns two children of its ``rng`` once (initial weights and dropout
masks; mini-batch order) and copies them for every call, so its dev errors are a
deterministic function of the hyperparameters; see there for ``same_init=False``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np

from . import _network as _net
from ._typing import Array, ArrayLike
from ._validation import (
    check_beta,
    check_choice,
    check_flag,
    check_int,
    check_nonnegative,
    check_positive,
    check_probability,
    check_rng,
    describe,
)
from .initialization import METHODS
from .nn import History, Model, NetConfig, _fit, accuracy

__all__ = ["Sweep", "sweep_objective", "train_many"]


@dataclasses.dataclass(frozen=True)
class Sweep:
    r"""``K`` networks trained at once by :func:`train_many`, stacked on a leading axis.

    Attributes
    ----------
    params : dict of ndarray
        As in :class:`Model` with a leading model axis: ``W{l}`` is ``(K, n_l, n_{l-1})``.
    history : History
        Every curve has a last axis of length ``K`` (``cost`` is ``(epochs, K)``);
        ``diverged_at`` is a tuple of ``K`` epochs (or None), one per model.
    config : NetConfig
        Shared by all models.
    batchnorm_stats : dict of ndarray
        ``running_mean{l}`` of shape ``(K, n_l, 1)``, ...
    hyperparameters : dict
        Per-model values are lists of length ``K``.

    Use ``sweep.model(k)`` (or ``sweep.models()``, or iterate) for one-network
    :class:`Model` objects; :func:`dlnotes.nn.predict` and :func:`dlnotes.nn.accuracy` also
    accept a whole sweep.
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
            h.diverged_at[k],
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

    Model ``k`` of the result is the network that :func:`train` returns for the ``k``-th
    hyperparameters and generator (see the module docstring for how).

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
        bit for bit), except that a diverged model's curves go on after ``diverged_at``.

    Notes
    -----
    Divergence. A model whose cost or loss becomes NaN or infinite is recorded in
    ``sweep.history.diverged_at[k]`` (the epoch) and goes on with the others, its cost and
    losses NaN or inf from then on (and no numpy warning), where :func:`train` would stop there
    with a :class:`~dlnotes.nn.DivergenceWarning`: a search that tries large learning rates
    expects some trials to diverge, so no warning is issued.

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
    >>> from dlnotes.nn import train
    >>> one = train(X, Y, [1, 3, 1], optimizer=Adam(0.1), epochs=50,
    ...             rng=np.random.default_rng(1), lambd=0.1)
    >>> bool(np.allclose(sweep.model(1).params["W1"], one.params["W1"], rtol=0, atol=1e-10))
    True
    """
    config, epochs, mini_batch_size, eval_every = _net.check_common(
        layer_dims, optimizer, epochs, mini_batch_size, batchnorm, hidden_activation,
        schedule, callback, eval_every,
    )
    X, Y, dev = _net.check_data(X, Y, config.layer_dims, X_dev, Y_dev)
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

    initial = [_net.initial_state(config, inits[k], scales[k], rngs[k]) for k in range(K)]
    params = {key: np.stack([p[key] for p, _ in initial]) for key in initial[0][0]}
    stats = {key: np.stack([s[key] for _, s in initial]) for key in initial[0][1]}

    def column(values: list[float]) -> np.ndarray:
        return np.asarray(values, dtype=np.float64).reshape(K, 1, 1)

    run = _net.Run(
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

    with _net.quiet_overflow():  # a diverging model is recorded, without numpy warnings
        return _fit(
            X, Y, params, stats, config, run, optimizer=optimizer, epochs=epochs,
            mini_batch_size=mini_batch_size, schedule=schedule, data_rng=data_rng,
            drop_rngs=_PerModelGenerators(rngs), callback=callback, dev=dev,
            eval_every=eval_every, wrap=wrap,
        )


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
    config, epochs, mini_batch_size, _ = _net.check_common(
        layer_dims, optimizer, epochs, mini_batch_size, batchnorm, hidden_activation,
        None, None, None,
    )
    X, Y, dev = _net.check_data(X, Y, config.layer_dims, X_dev, Y_dev)
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
    check_flag(same_init, "same_init")
    init_rng, data_rng = check_rng(rng).spawn(2)
    return SweepObjective(
        X, Y, dev[0], dev[1], config.layer_dims, optimizer, epochs, mini_batch_size, lambd,
        keep_prob, config.batchnorm, init, init_scale, config.hidden_activation,
        bool(same_init), init_rng, data_rng,
    )
