r"""Hyperparameter search (course 2, week 3, "Tuning process"): scales, random search, zooming.

The course's advice, and where this module implements it:

1. **Try random values, don't use a grid** (:func:`random_search` rather than
   :func:`grid_search`). Hyperparameters are not equally important, and you do not know in
   advance which matter. A :math:`3 \times 3` grid over the learning rate :math:`\alpha` and
   Adam's :math:`\varepsilon` trains 9 models but tries only 3 values of :math:`\alpha`; 9
   random points try 9. This is Bergstra & Bengio's argument (2012, Section 1 and Figure 1):
   when the objective has a "low effective dimensionality", a grid of :math:`n^d` trials
   tests only :math:`n` distinct values of the one parameter that matters.
2. **Coarse to fine** (:func:`coarse_to_fine`, :func:`zoom`): after a first random sweep,
   zoom into the region where the best trials are and sample more densely there.
3. **Pick the appropriate scale** (:class:`Dimension`, :func:`log_uniform`,
   :func:`sample_beta`): sample the learning rate uniformly in its *exponent*,
   :math:`r \sim U[-4, 0]`, :math:`\alpha = 10^r`, so each decade gets the same number of
   trials (uniform sampling on :math:`[10^{-4}, 1]` would put 90% of them in
   :math:`[0.1, 1]`); sample an EWA rate :math:`\beta \in [0.9, 0.999]` through
   :math:`1-\beta = 10^r`, :math:`r \sim U[-3, -1]`, because the average covers about
   :math:`1/(1-\beta)` values and that is extremely sensitive near 1: 0.9 -> 0.9005 barely
   changes it (10 values), 0.999 -> 0.9995 doubles it (1000 -> 2000).

Order of importance, as the lecture ranks it:

- first: the learning rate :math:`\alpha`;
- second: momentum :math:`\beta` (about 0.9), the mini-batch size, the number of hidden units;
- third: the number of layers, learning-rate decay;
- almost never tuned: Adam's :math:`\beta_1 = 0.9`, :math:`\beta_2 = 0.999`,
  :math:`\varepsilon = 10^{-8}`.

The learner's notes rank "learning rate; betas, hidden units, batch size; learning rate
decay". Two differences: the second tier holds the *momentum* :math:`\beta` only, not "betas"
in general (Adam's :math:`\beta_1, \beta_2` and :math:`\varepsilon` are left at their
defaults), and the third tier also has the **number of layers**, which the notes leave out.

Objectives. ``objective(**hyperparameters) -> score`` returns a number to **minimize** (a
dev-set error or cost; return ``-accuracy`` to maximize). A diverged run may return ``nan``
or ``inf``: non-finite scores rank last. With ``batched=True`` the search calls the objective
**once** with one array per hyperparameter, ``objective(alpha=array of shape (n_trials,),
...)``, and expects ``n_trials`` scores back, so :mod:`dlnotes.nn` can train all trials as one
stack of networks (reshape each array to ``(n_trials, 1, 1)`` to broadcast against stacked
``(K, n, m)`` arrays). The course calls this "caviar" (many models in parallel) as opposed to
"panda" (babysitting one model).

References
----------
.. [1] J. Bergstra and Y. Bengio, "Random Search for Hyper-Parameter Optimization",
   JMLR 13:281-305, 2012. Section 1 and Figure 1 (grid versus random layouts under low
   effective dimensionality).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from numbers import Integral
from typing import Any, NamedTuple

import numpy as np

from ._typing import Array
from ._validation import (
    _check_real,
    check_beta,
    check_choice,
    check_int,
    check_positive,
    check_rng,
    describe,
)

__all__ = [
    "Dimension",
    "Trials",
    "coarse_to_fine",
    "grid_points",
    "grid_search",
    "log_uniform",
    "random_search",
    "sample_beta",
    "uniform",
    "zoom",
]

_SCALES = ("linear", "log", "beta")
"""The scales a :class:`Dimension` can be sampled on."""

Size = int | tuple[int, ...]
Space = Mapping[str, "Dimension"]


# --------------------------------------------------------------------------- kernels


def _uniform(low: float, high: float, size: Size, rng: np.random.Generator) -> Array:
    return np.clip(rng.uniform(low, high, size), low, high)


def _log_uniform(low: float, high: float, size: Size, rng: np.random.Generator) -> Array:
    r = rng.uniform(np.log10(low), np.log10(high), size)
    return np.clip(10.0**r, low, high)  # clip: 10**log10(x) may be off by one ulp


def _sample_beta(low: float, high: float, size: Size, rng: np.random.Generator) -> Array:
    return np.clip(1.0 - _log_uniform(1.0 - high, 1.0 - low, size, rng), low, high)


def _grid(low: float, high: float, scale: str, n: int) -> Array:
    if scale == "linear":
        return np.linspace(low, high, n)
    if scale == "log":
        return np.clip(np.logspace(np.log10(low), np.log10(high), n), low, high)
    return np.clip(1.0 - np.logspace(np.log10(1.0 - low), np.log10(1.0 - high), n), low, high)


_SAMPLERS = {"linear": _uniform, "log": _log_uniform, "beta": _sample_beta}


# --------------------------------------------------------------------------- checks


def _check_size(size: Any) -> Size:
    if isinstance(size, tuple):
        return tuple(check_int(s, "size", minimum=0) for s in size)
    return check_int(size, "size", minimum=0)


def _check_bounds(low: Any, high: Any, scale: str) -> tuple[float, float]:
    if scale == "log":
        low, high = check_positive(low, "low"), check_positive(high, "high")
    elif scale == "beta":
        low, high = check_beta(low, "low"), check_beta(high, "high")
    else:
        low, high = _check_real(low, "low"), _check_real(high, "high")
    if high < low:
        raise ValueError(f"high must be >= low, got low={low!r} and high={high!r}")
    return low, high


def _check_space(space: Any) -> dict[str, Dimension]:
    if not isinstance(space, Mapping) or not space:
        raise ValueError(
            f"space must be a non-empty dict mapping names to Dimension, e.g. "
            f"{{'alpha': Dimension(1e-4, 1.0, 'log')}}; got {describe(space)}"
        )
    for name, dim in space.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"space keys must be valid argument names, got {name!r}")
        if not isinstance(dim, Dimension):
            raise ValueError(f"space[{name!r}] must be a Dimension, got {describe(dim)}")
    return dict(space)


def _check_objective(objective: Any) -> Callable[..., Any]:
    if not callable(objective) or isinstance(objective, type):
        raise ValueError(f"objective must be callable, got {describe(objective)}")
    return objective


# --------------------------------------------------------------------------- samplers


def uniform(low: float, high: float, size: Size, *, rng: np.random.Generator) -> Array:
    r"""Sample uniformly on a linear scale, :math:`U[\text{low}, \text{high}]`.

    The right scale for hyperparameters whose effect is roughly linear over the range (the
    course's examples: number of hidden units in 50..100, number of layers in 2..4).

    Parameters
    ----------
    low, high : float
        Bounds, ``low <= high``.
    size : int or tuple of int
        Output shape, as in numpy.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape ``size``
        Values in ``[low, high]``.

    Examples
    --------
    >>> import numpy as np
    >>> x = uniform(50, 100, 1000, rng=np.random.default_rng(0))
    >>> bool(x.min() >= 50 and x.max() <= 100)
    True
    """
    low, high = _check_bounds(low, high, "linear")
    return _uniform(low, high, _check_size(size), check_rng(rng))


def log_uniform(low: float, high: float, size: Size, *, rng: np.random.Generator) -> Array:
    r"""Sample on a log scale: :math:`10^r` with :math:`r \sim U[\log_{10}\text{low},
    \log_{10}\text{high}]`.

    Parameters
    ----------
    low, high : float
        Bounds, ``0 < low <= high``.
    size : int or tuple of int
        Output shape.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape ``size``
        Values in ``[low, high]`` whose base-10 logarithms are uniform: every decade gets
        the same share of the samples.

    Notes
    -----
    Course ("Using an appropriate scale to pick hyperparameters"), for
    :math:`\alpha \in [10^{-4}, 1]`:

    .. code-block:: python

        r = -4 * np.random.rand()   # r in [-4, 0]
        alpha = 10 ** r

    i.e. :math:`a = \log_{10}\text{low}`, :math:`b = \log_{10}\text{high}`,
    :math:`r \sim U[a, b]`, :math:`\alpha = 10^r`. (Here with an explicit ``rng``, never the
    global one.)

    Examples
    --------
    >>> import numpy as np
    >>> alpha = log_uniform(1e-4, 1.0, 10_000, rng=np.random.default_rng(0))
    >>> np.histogram(alpha, bins=[1e-4, 1e-3, 1e-2, 1e-1, 1.0])[0]  # ~2500 per decade
    array([2524, 2466, 2505, 2505])
    """
    low, high = _check_bounds(low, high, "log")
    return _log_uniform(low, high, _check_size(size), check_rng(rng))


def sample_beta(low: float, high: float, size: Size, *, rng: np.random.Generator) -> Array:
    r"""Sample an EWA rate :math:`\beta \in [\text{low}, \text{high}]` with :math:`1-\beta`
    log-uniform.

    Parameters
    ----------
    low, high : float
        Bounds, ``0 <= low <= high < 1`` (the course's example: 0.9 and 0.999).
    size : int or tuple of int
        Output shape.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape ``size``
        Values in ``[low, high]``.

    Notes
    -----
    Course: for :math:`\beta \in [0.9, 0.999]` sample :math:`1-\beta \in [10^{-3}, 10^{-1}]`
    on a log scale, :math:`r \sim U[-3, -1]`, :math:`\beta = 1 - 10^r`. The EWA averages over
    about :math:`1/(1-\beta)` values, so it is :math:`1-\beta` whose *ratio* matters: the
    ranges 0.9..0.99 and 0.99..0.999 (windows 10..100 and 100..1000) each get half the
    samples.

    Examples
    --------
    >>> import numpy as np
    >>> beta = sample_beta(0.9, 0.999, 10_000, rng=np.random.default_rng(0))
    >>> round(float(np.mean(beta < 0.99)), 1)   # 0.9..0.99: half of the samples
    0.5
    """
    low, high = _check_bounds(low, high, "beta")
    return _sample_beta(low, high, _check_size(size), check_rng(rng))


@dataclass(frozen=True)
class Dimension:
    r"""One hyperparameter's search range and the scale it is sampled on.

    Parameters
    ----------
    low, high : float
        Bounds, ``low <= high``.
    scale : {"linear", "log", "beta"}, default "linear"
        ``"linear"``: :func:`uniform` (hidden units, layers); ``"log"``: :func:`log_uniform`,
        needs ``low > 0`` (learning rate, :math:`\lambda`, :math:`\varepsilon`); ``"beta"``:
        :func:`sample_beta`, needs ``0 <= low <= high < 1`` (momentum :math:`\beta`,
        RMSprop/Adam :math:`\beta_2`).

    Notes
    -----
    A value, not state: frozen, and :meth:`zoom` returns a new one. Integer
    hyperparameters (hidden units, layers, mini-batch size :math:`2^k`) are sampled as reals
    here; round them in the objective (for a mini-batch size, sample the exponent :math:`k`).

    Examples
    --------
    >>> import numpy as np
    >>> Dimension(1e-4, 1.0, "log").grid(5)
    array([1.e-04, 1.e-03, 1.e-02, 1.e-01, 1.e+00])
    >>> Dimension(0.9, 0.999, "beta").grid(3)
    array([0.9  , 0.99 , 0.999])
    >>> Dimension(0.9, 0.999, "beta").sample(2, rng=np.random.default_rng(0)).shape
    (2,)
    """

    low: float
    high: float
    scale: str = "linear"

    def __post_init__(self) -> None:
        scale = check_choice(self.scale, "scale", _SCALES)
        low, high = _check_bounds(self.low, self.high, scale)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def sample(self, size: Size, *, rng: np.random.Generator) -> Array:
        """Draw ``size`` values on this dimension's scale (see the module functions)."""
        return _SAMPLERS[self.scale](self.low, self.high, _check_size(size), check_rng(rng))

    def grid(self, n: int) -> Array:
        """``n`` values from ``low`` to ``high``, evenly spaced on this dimension's scale."""
        return _grid(self.low, self.high, self.scale, check_int(n, "n", minimum=1))

    def zoom(self, values: Any) -> Dimension:
        """The same scale, narrowed to the bounding interval of ``values`` (1-D, non-empty)."""
        values = np.asarray(values, dtype=np.float64)
        if values.ndim != 1 or values.size == 0 or not np.all(np.isfinite(values)):
            raise ValueError(
                f"values must be a non-empty 1-D array of finite numbers, got {describe(values)}"
            )
        low, high = float(values.min()), float(values.max())
        if low < self.low or high > self.high:
            raise ValueError(
                f"values must lie in [{self.low}, {self.high}] to zoom into it, "
                f"got [{low}, {high}]"
            )
        return Dimension(low, high, self.scale)


# --------------------------------------------------------------------------- searches


class Trials(NamedTuple):
    r"""All trials of a search, as columns (one entry per trial).

    Attributes
    ----------
    params : dict of str to ndarray, each of shape (n_trials,)
        The hyperparameter values tried, ``params["alpha"][i]`` for trial ``i``.
    scores : ndarray, shape (n_trials,)
        The objective's value for each trial (lower is better; ``nan``/``inf`` rank last).
    rounds : ndarray of int, shape (n_trials,)
        The round of :func:`coarse_to_fine` each trial belongs to (all 0 otherwise).
    spaces : tuple of dict
        The space searched in each round, ``spaces[r]`` for round ``r``.
    """

    params: dict[str, Array]
    scores: Array
    rounds: np.ndarray
    spaces: tuple[dict[str, Dimension], ...]

    @property
    def order(self) -> np.ndarray:
        """Trial indices from best to worst (stable; non-finite scores last)."""
        key = np.where(np.isfinite(self.scores), self.scores, np.inf)
        return np.argsort(key, kind="stable")

    @property
    def best_index(self) -> int:
        """Index of the best trial."""
        return int(self.order[0])

    @property
    def best_params(self) -> dict[str, float]:
        """Hyperparameters of the best trial, ready for ``objective(**best_params)``."""
        i = self.best_index
        return {name: float(values[i]) for name, values in self.params.items()}

    @property
    def best_score(self) -> float:
        """Score of the best trial."""
        return float(self.scores[self.best_index])


def _evaluate(
    objective: Callable[..., Any], params: dict[str, Array], n: int, batched: bool
) -> Array:
    if batched:
        out = np.asarray(objective(**params), dtype=np.float64)
        if out.size != n:
            raise ValueError(
                f"objective must return one score per trial when batched=True: {n} values, "
                f"got {describe(out)}"
            )
        return out.reshape(n)
    scores = np.empty(n)
    for i in range(n):
        out = objective(**{name: float(values[i]) for name, values in params.items()})
        if np.ndim(out) != 0:
            raise ValueError(
                f"objective must return a single number per call when batched=False, "
                f"got {describe(out)}"
            )
        scores[i] = float(out)
    return scores


def _random_trials(
    objective: Callable[..., Any],
    space: dict[str, Dimension],
    n_trials: int,
    rng: np.random.Generator,
    batched: bool,
    round_: int = 0,
) -> Trials:
    params = {name: dim.sample(n_trials, rng=rng) for name, dim in space.items()}
    scores = _evaluate(objective, params, n_trials, batched)
    return Trials(params, scores, np.full(n_trials, round_), (space,))


def _grid_trials(
    objective: Callable[..., Any],
    space: dict[str, Dimension],
    side: int | Mapping[str, int],
    batched: bool,
    round_: int = 0,
) -> Trials:
    params = grid_points(space, side)
    n_trials = len(next(iter(params.values())))
    scores = _evaluate(objective, params, n_trials, batched)
    return Trials(params, scores, np.full(n_trials, round_), (space,))


def _grid_side(n_trials: int, n_dims: int) -> int:
    """``k`` such that ``k**n_dims == n_trials`` (values per dimension of a grid round)."""
    side = int(round(n_trials ** (1.0 / n_dims)))
    if side**n_dims != n_trials:
        raise ValueError(
            f"n_trials must be k**{n_dims} with sampler='grid' (k values for each of the "
            f"{n_dims} dimensions), got {n_trials!r}"
        )
    return side


def grid_points(space: Space, n: int | Mapping[str, int]) -> dict[str, Array]:
    r"""Every combination of ``n`` grid values per dimension, as columns.

    Parameters
    ----------
    space : dict of str to Dimension
    n : int or dict of str to int
        Grid values per dimension (the same for all, or one per name).

    Returns
    -------
    dict of str to ndarray
        Each of shape :math:`(\prod_k n_k,)`; entry ``i`` of every array is one grid point.
        The first name varies slowest.

    Examples
    --------
    >>> space = {"alpha": Dimension(1e-3, 1e-1, "log"), "beta": Dimension(0.9, 0.99, "beta")}
    >>> points = grid_points(space, 2)
    >>> points["alpha"], points["beta"]
    (array([0.001, 0.001, 0.1  , 0.1  ]), array([0.9 , 0.99, 0.9 , 0.99]))
    """
    space = _check_space(space)
    if isinstance(n, Mapping):
        if set(n) != set(space):
            raise ValueError(f"n must have the keys of space, {sorted(space)}, got {sorted(n)}")
        counts = {name: check_int(n[name], f"n[{name!r}]", minimum=1) for name in space}
    elif isinstance(n, (Integral, np.integer)) and not isinstance(n, bool):
        counts = {name: check_int(n, "n", minimum=1) for name in space}
    else:
        raise ValueError(f"n must be an int or a dict of ints, got {describe(n)}")
    total = int(np.prod([counts[name] for name in space], dtype=float))
    if total > 10**6:
        raise ValueError(f"n gives a grid of {total:.3g} points; keep it under a million")
    axes = [space[name].grid(counts[name]) for name in space]
    mesh = np.meshgrid(*axes, indexing="ij")
    return {name: grid.ravel() for name, grid in zip(space, mesh, strict=True)}


def grid_search(
    objective: Callable[..., Any],
    space: Space,
    n: int | Mapping[str, int],
    *,
    batched: bool = False,
) -> Trials:
    r"""Try every point of a grid (the course's first picture, and what *not* to do).

    Parameters
    ----------
    objective : callable
        ``objective(**hyperparameters) -> score`` to minimize (see the module docstring; with
        ``batched=True`` it is called once with arrays).
    space : dict of str to Dimension
    n : int or dict of str to int
        Values per dimension: :math:`\prod_k n_k` trials in all.
    batched : bool, default False

    Returns
    -------
    Trials

    Warnings
    --------
    With :math:`d` hyperparameters the grid costs :math:`n^d` trials yet tries only
    :math:`n` distinct values of each. If only one of them matters, :math:`n^d - n` trials
    are wasted (Bergstra & Bengio 2012, Figure 1). Prefer :func:`random_search`.

    Examples
    --------
    >>> import numpy as np
    >>> space = {"alpha": Dimension(1e-4, 1.0, "log"), "epsilon": Dimension(1e-8, 1e-6, "log")}
    >>> trials = grid_search(lambda alpha, epsilon: (np.log10(alpha) + 2.5) ** 2, space, 3)
    >>> len(trials.scores), len(np.unique(trials.params["alpha"]))   # 9 runs, 3 alphas
    (9, 3)
    """
    objective = _check_objective(objective)
    space = _check_space(space)
    return _grid_trials(objective, space, n, bool(batched))


def random_search(
    objective: Callable[..., Any],
    space: Space,
    n_trials: int,
    *,
    rng: np.random.Generator,
    batched: bool = False,
) -> Trials:
    r"""Try ``n_trials`` points drawn at random, each dimension on its own scale.

    Parameters
    ----------
    objective : callable
        ``objective(**hyperparameters) -> score`` to minimize. With ``batched=True`` it is
        called **once**, ``objective(name=ndarray of shape (n_trials,), ...)``, and must
        return ``n_trials`` scores: train all trials as one stack of networks.
    space : dict of str to Dimension
    n_trials : int >= 1
    rng : numpy.random.Generator
    batched : bool, default False

    Returns
    -------
    Trials
        ``trials.best_params`` is the best point found. The same ``rng`` seed gives the same
        trials, batched or not.

    Notes
    -----
    Dimensions are sampled independently, one after the other in the order of ``space``.
    Every trial tries a new value of *every* hyperparameter, so whichever one turns out to
    matter has been explored at ``n_trials`` distinct values (Bergstra & Bengio 2012,
    Section 1 and Figure 1).

    References
    ----------
    .. [1] Bergstra & Bengio (2012), Section 1 and Figure 1.

    Examples
    --------
    >>> import numpy as np
    >>> space = {"alpha": Dimension(1e-4, 1.0, "log"), "epsilon": Dimension(1e-8, 1e-6, "log")}
    >>> def dev_error(alpha, epsilon):   # only alpha matters, best at 10**-2.5
    ...     return (np.log10(alpha) + 2.5) ** 2
    >>> trials = random_search(dev_error, space, 9, rng=np.random.default_rng(0))
    >>> len(np.unique(trials.params["alpha"]))   # 9 runs, 9 alphas
    9
    >>> batched = random_search(dev_error, space, 9, rng=np.random.default_rng(0), batched=True)
    >>> bool(np.array_equal(trials.scores, batched.scores))
    True
    """
    objective = _check_objective(objective)
    space = _check_space(space)
    n_trials = check_int(n_trials, "n_trials", minimum=1)
    return _random_trials(objective, space, n_trials, check_rng(rng), bool(batched))


def zoom(space: Space, trials: Trials, n_best: int) -> dict[str, Dimension]:
    r"""Narrow ``space`` to the bounding box of the ``n_best`` best trials.

    Parameters
    ----------
    space : dict of str to Dimension
        The space the trials were drawn from.
    trials : Trials
    n_best : int, 1 <= n_best <= number of trials

    Returns
    -------
    dict of str to Dimension
        Same names and scales; each range is the smallest interval holding those trials.

    Notes
    -----
    The course's "coarse to fine": look where the good points cluster, then sample more
    densely in that smaller box. ``space`` is not modified.

    Examples
    --------
    >>> import numpy as np
    >>> space = {"alpha": Dimension(1e-4, 1.0, "log")}
    >>> trials = grid_search(lambda alpha: abs(np.log10(alpha) + 2), space, 5)
    >>> zoom(space, trials, 3)["alpha"]   # the three best: 1e-3, 1e-2, 1e-1
    Dimension(low=0.001, high=0.1, scale='log')
    """
    space = _check_space(space)
    if not isinstance(trials, Trials):
        raise ValueError(f"trials must be a Trials from a search, got {describe(trials)}")
    if set(trials.params) != set(space):
        raise ValueError(
            f"trials must have the names of space, {sorted(space)}, got {sorted(trials.params)}"
        )
    n_best = check_int(n_best, "n_best", minimum=1, maximum=len(trials.scores))
    best = trials.order[:n_best]
    return {name: dim.zoom(trials.params[name][best]) for name, dim in space.items()}


def coarse_to_fine(
    objective: Callable[..., Any],
    space: Space,
    n_trials: int,
    n_rounds: int,
    *,
    rng: np.random.Generator | None = None,
    keep: float = 0.2,
    batched: bool = False,
    sampler: str = "random",
) -> Trials:
    r"""Random (or grid) search in rounds, each zoomed to the box of the best trials so far.

    Parameters
    ----------
    objective : callable
        As in :func:`random_search`.
    space : dict of str to Dimension
        The coarse space of round 0.
    n_trials : int >= 2
        Trials per round. With ``sampler="grid"`` it must be :math:`k^d` for :math:`d`
        dimensions: a grid of :math:`k` values per dimension.
    n_rounds : int >= 1
        Round 0 is a plain :func:`random_search` (or :func:`grid_search`).
    rng : numpy.random.Generator, optional
        Required with ``sampler="random"``; not used by the grid, which is deterministic.
    keep : float in (0, 1], default 0.2
        After each round the space is zoomed (:func:`zoom`) to the bounding box of the
        best :math:`\max(2, \lceil \text{keep}\cdot\text{n\_trials}\rceil)` trials of *all*
        rounds so far, so the best point found always stays inside.
    batched : bool, default False
        Call the objective once per round with arrays (see :func:`random_search`).
    sampler : {"random", "grid"}, default "random"
        How each round places its trials in its box: ``n_trials`` random points
        (:func:`random_search`), or every point of a :math:`k^d` grid (:func:`grid_points`,
        as :func:`grid_search`). The grid is there for comparison: projected on the one
        hyperparameter that matters, a round of the grid has tried only :math:`k` values of
        it where random trials have tried ``n_trials`` (Bergstra & Bengio 2012, Figure 1).

    Returns
    -------
    Trials
        All ``n_rounds * n_trials`` trials; ``trials.rounds`` tells their round and
        ``trials.spaces[r]`` the box searched in round ``r`` (each inside the previous one).

    Raises
    ------
    ValueError
        If ``sampler`` is not one of the two, if ``rng`` is missing for the random sampler,
        or if ``n_trials`` is not a perfect ``d``-th power for the grid.

    Notes
    -----
    The course draws this as a scatter of random points in the
    (:math:`\alpha`, :math:`\beta`) plane, a smaller square around the best ones, and more
    points inside it. Each zoom is done on the dimensions' own scales, so a log-scaled
    :math:`\alpha` stays log-scaled in the smaller box.

    Examples
    --------
    >>> import numpy as np
    >>> space = {"alpha": Dimension(1e-4, 1.0, "log"), "beta": Dimension(0.8, 0.999, "beta")}
    >>> def dev_error(alpha, beta):
    ...     return (np.log10(alpha) + 2.5) ** 2 + (np.log10(1 - beta) + 2) ** 2
    >>> trials = coarse_to_fine(dev_error, space, 20, 3, rng=np.random.default_rng(0))
    >>> np.bincount(trials.rounds)
    array([20, 20, 20])
    >>> trials.spaces[2]["alpha"].high < trials.spaces[0]["alpha"].high
    True
    >>> grid = coarse_to_fine(dev_error, space, 16, 3, sampler="grid")   # 4 x 4 per round
    >>> np.bincount(grid.rounds), len(np.unique(grid.params["alpha"][grid.rounds == 0]))
    (array([16, 16, 16]), 4)
    """
    objective = _check_objective(objective)
    space = _check_space(space)
    n_trials = check_int(n_trials, "n_trials", minimum=2)
    n_rounds = check_int(n_rounds, "n_rounds", minimum=1)
    sampler = check_choice(sampler, "sampler", ("random", "grid"))
    if sampler == "random":
        rng = check_rng(rng)
    keep = check_positive(keep, "keep")
    if keep > 1.0:
        raise ValueError(f"keep must be in (0, 1] (a fraction of the trials), got {keep!r}")
    n_best = max(2, math.ceil(keep * n_trials))
    if sampler == "random":

        def one_round(box: dict[str, Dimension], r: int) -> Trials:
            return _random_trials(objective, box, n_trials, rng, bool(batched), r)
    else:
        side = _grid_side(n_trials, len(space))

        def one_round(box: dict[str, Dimension], r: int) -> Trials:
            return _grid_trials(objective, box, side, bool(batched), r)

    trials = one_round(space, 0)
    for r in range(1, n_rounds):
        new = one_round(zoom(space, trials, n_best), r)
        trials = Trials(
            {name: np.concatenate([trials.params[name], new.params[name]]) for name in space},
            np.concatenate([trials.scores, new.scores]),
            np.concatenate([trials.rounds, new.rounds]),
            trials.spaces + new.spaces,
        )
    return trials
