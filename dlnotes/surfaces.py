r"""2-D test surfaces with their gradients, and the path an optimizer takes on them.

A :class:`Surface` is a small record: ``f(xy)`` and ``grad(xy)`` take ``xy`` of shape
``(2, ...)`` (``xy[0]`` is :math:`x`, ``xy[1]`` is :math:`y`), so the same function gives one
loss for a point ``(2,)`` and a grid of losses for ``np.stack([X, Y])`` in a contour plot.

- :data:`RAVINE`: :math:`0.1x^2 + 2y^2`, an ill-conditioned bowl (condition number 20): the
  lecture's picture of gradient descent oscillating across a valley, which momentum and
  RMSprop damp.
- :data:`ROSENBROCK`: :math:`(1-x)^2 + 100(y-x^2)^2`, a curved, flat-bottomed valley.
- :data:`SADDLE`: :math:`\tfrac12 x^2 + \tfrac14 y^4 - \tfrac12 y^2`, a saddle point at the
  origin between two minima at :math:`(0, \pm 1)`; started near :math:`y = 0`, gradient
  descent crawls along a plateau before it escapes (the lecture's "problem of plateaus").

:func:`optimize_path` runs any optimizer of :mod:`dlnotes.optim` (anything with
``init``/``update``) on a surface. These names are re-exported by :mod:`dlnotes.optim`.

The surfaces have exact gradients, so they cannot show why *mini-batch* gradient descent
wanders. :data:`RAVINE_DATA` is a small least-squares problem whose full-batch cost *is*
:data:`RAVINE` (plus a constant): :func:`minibatch_path` follows its real mini-batch
gradients, with an optional learning-rate schedule, and :func:`steps_to_tolerance` says when a
run got close enough to the minimum (and stayed there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import (
    check_array,
    check_flag,
    check_int,
    check_nonnegative,
    check_optimizer,
    check_positive,
    check_real,
    check_rng,
    describe,
    float_range_guard,
)

__all__ = [
    "RAVINE",
    "RAVINE_DATA",
    "ROSENBROCK",
    "SADDLE",
    "OptimizationPath",
    "Surface",
    "minibatch_path",
    "optimize_path",
    "sign_changes",
    "steps_to_tolerance",
    "wander",
]


class Surface(NamedTuple):
    """A 2-D loss surface: ``f(xy)``, ``grad(xy)`` for ``xy`` of shape ``(2, ...)``.

    ``minimum`` is a minimizer ``(2,)``; ``extent`` is ``(xmin, xmax, ymin, ymax)`` for plots;
    ``start`` is a starting point ``(2,)`` that shows the surface's difficulty.
    """

    name: str
    f: Callable[[np.ndarray], Any]
    grad: Callable[[np.ndarray], np.ndarray]
    minimum: Array
    extent: tuple[float, float, float, float]
    start: Array


def _quadratic_surface(a: float = 0.1, b: float = 2.0, *, name: str | None = None) -> Surface:
    r"""The convex quadratic :math:`f(x, y) = a x^2 + b y^2`, minimum at the origin.

    Parameters
    ----------
    a, b : float
        Curvatures, ``> 0``. The condition number :math:`\max(a,b)/\min(a,b)` measures how
        elongated the bowl is; :data:`RAVINE` is ``a=0.1, b=2``.
    name : str, optional
        Label for plots.

    Returns
    -------
    Surface

    Examples
    --------
    >>> import numpy as np
    >>> bowl = _quadratic_surface(1.0, 4.0)
    >>> float(bowl.f(np.array([1.0, 1.0]))), bowl.grad(np.array([1.0, 1.0]))
    (5.0, array([2., 8.]))
    """
    a = check_positive(a, "a")
    b = check_positive(b, "b")

    def f(xy: np.ndarray) -> Any:
        return a * xy[0] ** 2 + b * xy[1] ** 2

    def grad(xy: np.ndarray) -> np.ndarray:
        return np.stack([2 * a * xy[0], 2 * b * xy[1]])

    label = name or f"{a:g} x^2 + {b:g} y^2"
    return Surface(label, f, grad, np.zeros(2), (-6.0, 6.0, -3.0, 3.0), np.array([-5.0, -2.0]))


def _rosenbrock(xy: np.ndarray) -> Any:
    x, y = xy[0], xy[1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_grad(xy: np.ndarray) -> np.ndarray:
    x, y = xy[0], xy[1]
    return np.stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def _saddle(xy: np.ndarray) -> Any:
    x, y = xy[0], xy[1]
    return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2


def _saddle_grad(xy: np.ndarray) -> np.ndarray:
    x, y = xy[0], xy[1]
    return np.stack([x, y**3 - y])


RAVINE = _quadratic_surface(0.1, 2.0, name="ravine: 0.1 x^2 + 2 y^2")
"""Ill-conditioned bowl :math:`0.1x^2 + 2y^2`, minimum (0, 0), start (-5, -2)."""

ROSENBROCK = Surface(
    "Rosenbrock: (1 - x)^2 + 100 (y - x^2)^2",
    _rosenbrock,
    _rosenbrock_grad,
    np.array([1.0, 1.0]),
    (-2.0, 2.0, -1.0, 3.0),
    np.array([-1.5, 2.0]),
)
"""Rosenbrock's banana valley, minimum (1, 1) (Rosenbrock 1960, The Computer Journal 3(3))."""

SADDLE = Surface(
    "saddle: x^2/2 + y^4/4 - y^2/2",
    _saddle,
    _saddle_grad,
    np.array([0.0, 1.0]),
    (-2.0, 2.0, -1.6, 1.6),
    np.array([1.5, 1e-3]),
)
"""Saddle at (0, 0) between minima (0, 1) and its mirror (0, -1); start (1.5, 0.001)."""


class _OptimizerLike(Protocol):
    def init(self, params: Any) -> Any: ...

    def update(self, params: Any, grads: Any, state: Any) -> tuple[Any, Any]: ...


class OptimizationPath(NamedTuple):
    """``(path, losses)`` from :func:`optimize_path`; rows after a divergence are NaN."""

    path: Array
    losses: Array

    @property
    def diverged(self) -> bool:
        """True if the run was stopped because the point became non-finite or huge."""
        return bool(np.isnan(self.losses).any())

    @property
    def steps_taken(self) -> int:
        """Number of updates completed before the end of the run (or the divergence)."""
        return int(np.count_nonzero(~np.isnan(self.losses))) - 1


def optimize_path(
    optimizer: _OptimizerLike,
    surface: Surface,
    start: ArrayLike | None = None,
    steps: int = 100,
    *,
    max_norm: float = 1e6,
    schedule: Callable[[int], Any] | None = None,
) -> OptimizationPath:
    r"""Run ``optimizer`` on a 2-D ``surface`` and record every point and loss.

    Parameters
    ----------
    optimizer : object with ``init`` and ``update``
        Any :mod:`dlnotes.optim` optimizer with scalar hyperparameters. It sees one parameter
        ``{"W": array of shape (2, 1)}`` and its gradient ``{"dW": ...}``.
    surface : Surface
        For example :data:`RAVINE`, :data:`ROSENBROCK`, :data:`SADDLE`.
    start : array_like of shape (2,), optional
        Starting point; ``surface.start`` if omitted.
    steps : int, default 100
        Number of updates, ``>= 0``.
    max_norm : float, default 1e6
        The run counts as diverged, and stops, once the point is non-finite or farther than
        this from the origin.
    schedule : callable, optional
        ``schedule(t) -> learning rate`` for update ``t = 0, 1, ...`` (learning-rate decay
        by step, e.g. with :mod:`dlnotes.schedules`); None keeps the optimizer's rate.

    Returns
    -------
    OptimizationPath
        ``path`` of shape ``(steps + 1, 2)`` (row 0 is ``start``) and ``losses`` of shape
        ``(steps + 1,)``. After a divergence the remaining rows are NaN (matplotlib skips
        them) and ``.diverged`` is True; no overflow warning is raised.

    Examples
    --------
    >>> from dlnotes.optim import GradientDescent
    >>> path, losses = optimize_path(GradientDescent(0.4), RAVINE, steps=50)
    >>> path.shape, bool(losses[-1] < 1e-2)
    ((51, 2), True)
    >>> run = optimize_path(GradientDescent(0.6), RAVINE, steps=50)   # y grows 1.4x a step
    >>> run.diverged, run.steps_taken
    (True, 38)
    """
    check_optimizer(optimizer)
    if not isinstance(surface, Surface):
        raise ValueError(f"surface must be a Surface (e.g. RAVINE), got {describe(surface)}")
    start_arr = _check_start(surface.start if start is None else start)
    steps = check_int(steps, "steps", minimum=0)
    max_norm = check_positive(max_norm, "max_norm")
    schedule = _check_schedule(schedule)
    return _follow(optimizer, surface.f, lambda i, w: surface.grad(w), start_arr, steps,
                   schedule, max_norm)


def _check_start(start: Any) -> np.ndarray:
    start_arr = check_array(start, "start", finite=False)
    if start_arr.shape != (2,) or not np.all(np.isfinite(start_arr)):
        raise ValueError(
            f"start must be a finite point (x, y) of shape (2,), got {describe(start)}"
        )
    return start_arr


def _check_schedule(schedule: Any) -> Callable[[int], Any] | None:
    if schedule is not None and not callable(schedule):
        raise ValueError(
            f"schedule must be None or a function of the step t = 0, 1, ..., got "
            f"{describe(schedule)}"
        )
    return schedule


def _follow(
    optimizer: _OptimizerLike,
    f: Callable[[np.ndarray], Any],
    grad: Callable[[int, np.ndarray], np.ndarray],
    start: np.ndarray,
    steps: int,
    schedule: Callable[[int], Any] | None,
    max_norm: float,
) -> OptimizationPath:
    """The loop of :func:`optimize_path` and :func:`minibatch_path`: ``grad(i, w)`` is the
    gradient used by update ``i`` (1-based), ``schedule(i - 1)`` its learning rate."""
    path = np.full((steps + 1, 2), np.nan)
    losses = np.full(steps + 1, np.nan)
    path[0], losses[0] = start, float(f(start))
    params = {"W": start.reshape(2, 1).copy()}
    state = optimizer.init(params)
    for i in range(1, steps + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            grads = {"dW": np.asarray(grad(i, params["W"][:, 0])).reshape(2, 1)}
            if schedule is None:
                params, state = optimizer.update(params, grads, state)
            else:
                lr = float(schedule(i - 1))
                if not (np.isfinite(lr) and lr > 0):
                    raise ValueError(
                        f"schedule must return a learning rate > 0, got {lr!r} at step {i - 1}"
                    )
                params, state = optimizer.update(params, grads, state, learning_rate=lr)
        point = params["W"][:, 0]
        if not np.all(np.isfinite(point)) or float(np.hypot(*point)) > max_norm:
            break
        path[i], losses[i] = point, float(f(point))
    return OptimizationPath(path, losses)


# --------------------------------------------------------------------------- mini-batches


class LeastSquares(NamedTuple):
    r"""A linear least-squares problem in two weights whose full-batch cost is a ``surface``.

    ``X`` is ``(2, m)`` (examples in columns), ``Y`` is ``(1, m)``; for ``w = (x, y)`` the
    prediction is :math:`\hat Y = w^T X` and the cost

    .. math:: J(w) = \frac{1}{2m}\lVert w^T X - Y\rVert^2 = f(w) + J^*,

    where :math:`f` is ``surface.f`` and :math:`J^* = \lVert Y\rVert^2/(2m)` = ``floor`` is the
    cost at the minimum (the noise no line can fit).
    """

    X: Array
    Y: Array
    surface: Surface
    floor: float

    def cost(self, w: ArrayLike) -> float:
        """:math:`J(w)` on all ``m`` examples."""
        w = np.asarray(w, dtype=np.float64).reshape(2, 1)
        return float(np.sum((w.T @ self.X - self.Y) ** 2) / (2 * self.X.shape[1]))

    def gradient(self, w: ArrayLike, X: ArrayLike | None = None,
                 Y: ArrayLike | None = None) -> Array:
        r""":math:`dw = \frac{1}{m_t} X^{\{t\}} (w^T X^{\{t\}} - Y^{\{t\}})^T`, shape
        ``(2,)``, on a mini-batch ``(X, Y)`` (all the examples by default)."""
        X = self.X if X is None else np.asarray(X, dtype=np.float64)
        Y = self.Y if Y is None else np.asarray(Y, dtype=np.float64)
        w = np.asarray(w, dtype=np.float64).reshape(2, 1)
        return (X @ (w.T @ X - Y).T / X.shape[1])[:, 0]


def _least_squares(
    a: float = 0.1, b: float = 2.0, m: int = 64, noise: float = 1.0, *,
    rng: np.random.Generator,
) -> LeastSquares:
    r"""``m`` examples whose least-squares cost is :math:`a x^2 + b y^2` plus a constant.

    Parameters
    ----------
    a, b : float > 0
        The curvatures of :func:`_quadratic_surface`; ``a=0.1, b=2`` is :data:`RAVINE`.
    m : int >= 3
        Number of examples.
    noise : float >= 0
        The root mean square of the residuals at the minimum: the larger, the noisier the
        mini-batch gradients near it (:math:`J^* = \text{noise}^2/2`).
    rng : numpy.random.Generator
        Draws the examples.

    Returns
    -------
    LeastSquares
        ``X`` ``(2, m)``, ``Y`` ``(1, m)``, ``surface`` (the quadratic) and ``floor``.

    Notes
    -----
    Three orthonormal columns :math:`q_1, q_2, q_3` of length ``m`` (the QR decomposition of
    a Gaussian matrix) give :math:`X = [\sqrt{2am}\, q_1, \sqrt{2bm}\, q_2]^T` and
    :math:`Y = \text{noise}\sqrt{m}\, q_3^T`. Then :math:`\frac1m XX^T =
    \mathrm{diag}(2a, 2b)` and :math:`XY^T = 0`, so
    :math:`J(w) = \frac{1}{2m}(w^TXX^Tw - 2w^TXY^T + YY^T) = a x^2 + b y^2 + \text{noise}^2/2`:
    the full-batch gradient is exactly the surface's, while a mini-batch's is not (its
    examples are not orthogonal).

    Examples
    --------
    >>> import numpy as np
    >>> ls = _least_squares(0.1, 2.0, m=16, rng=np.random.default_rng(0))
    >>> w = np.array([-5.0, -2.0])
    >>> round(ls.cost(w) - ls.floor, 10), float(ls.surface.f(w))        # 0.1*25 + 2*4
    (10.5, 10.5)
    >>> np.allclose(ls.gradient(w), ls.surface.grad(w))
    True
    """
    a = check_positive(a, "a")
    b = check_positive(b, "b")
    m = check_int(m, "m", minimum=3)
    noise = check_nonnegative(noise, "noise")
    rng = check_rng(rng)
    q, _ = np.linalg.qr(rng.standard_normal((m, 3)))
    with float_range_guard("a, b, noise", "the examples X, Y or the cost floor noise**2 / 2"):
        X = np.stack([np.sqrt(2 * a * m) * q[:, 0], np.sqrt(2 * b * m) * q[:, 1]])
        Y = (noise * np.sqrt(m) * q[:, 2])[None, :]
        floor = float(np.sum(Y**2) / (2 * m))
    surface = _quadratic_surface(a, b, name=f"least squares: {a:g} x^2 + {b:g} y^2 + const")
    return LeastSquares(X, Y, surface, floor)


RAVINE_DATA = _least_squares(0.1, 2.0, m=64, noise=0.5, rng=np.random.default_rng(0))
"""64 examples whose full-batch least-squares cost is :data:`RAVINE` plus 0.125 (seeded, fixed)."""


def minibatch_path(
    optimizer: _OptimizerLike,
    problem: LeastSquares = RAVINE_DATA,
    start: ArrayLike | None = None,
    steps: int = 100,
    *,
    mini_batch_size: int | None = None,
    schedule: Callable[[int], Any] | None = None,
    rng: np.random.Generator | None = None,
    max_norm: float = 1e6,
) -> OptimizationPath:
    r"""Run ``optimizer`` on a least-squares ``problem`` with mini-batch gradients.

    Parameters
    ----------
    optimizer : object with ``init`` and ``update``
        As in :func:`optimize_path`.
    problem : LeastSquares, default RAVINE_DATA
    start : array_like of shape (2,), optional
        ``problem.surface.start`` if omitted.
    steps : int >= 0, default 100
        Number of updates (not epochs): every run gets the same number of steps, whatever
        its batch size.
    mini_batch_size : int, optional
        ``>= 1``. None, or ``>= m``, is batch gradient descent: the exact gradient of the
        surface, so the path is :func:`optimize_path`'s, to the last bit.
    schedule : callable, optional
        ``schedule(t) -> learning rate`` for update ``t = 0, 1, ...`` (here the schedule's
        "epoch" is the step), e.g. ``functools.partial(dlnotes.schedules.inverse_time_decay,
        0.1, decay_rate=0.05)``. None keeps the optimizer's rate.
    rng : numpy.random.Generator
        Needed with mini-batches: one permutation of the examples per epoch
        (:func:`dlnotes.optim.random_mini_batches`), batches taken in turn. The same seed
        gives the same batches to every optimizer.
    max_norm : float, default 1e6
        As in :func:`optimize_path`.

    Returns
    -------
    OptimizationPath
        ``path`` ``(steps + 1, 2)`` and ``losses`` ``(steps + 1,)``: the *full-batch* cost
        above its minimum, :math:`J(w) - J^* = f(w)`, so runs with different batch sizes are
        measured alike.

    Notes
    -----
    Update ``t`` uses the gradient of the cost of its mini-batch
    :math:`(X^{\{t\}}, Y^{\{t\}})` of :math:`m_t` examples,

    .. math:: dw = \frac{1}{m_t} X^{\{t\}} \left(w^T X^{\{t\}} - Y^{\{t\}}
              \right)^T,

    an unbiased but noisy estimate of the full gradient. Near the minimum the full gradient
    vanishes but the noise does not, so a constant learning rate keeps the point wandering in
    a region whose size grows with :math:`\alpha` and shrinks with :math:`m_t`; a decaying
    :math:`\alpha` shrinks it (week 2, "Learning rate decay"; Robbins & Monro 1951).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optim import GradientDescent
    >>> full = minibatch_path(GradientDescent(0.1), steps=50)
    >>> bool(np.array_equal(full.path, optimize_path(GradientDescent(0.1), RAVINE, steps=50).path))
    True
    >>> sgd = minibatch_path(GradientDescent(0.1), steps=50, mini_batch_size=1,
    ...                      rng=np.random.default_rng(0))
    >>> bool(np.all(np.diff(sgd.losses) < 0))                      # it wanders: not monotone
    False
    """
    check_optimizer(optimizer)
    if not isinstance(problem, LeastSquares):
        raise ValueError(
            f"problem must be a LeastSquares (e.g. RAVINE_DATA), got {describe(problem)}"
        )
    start_arr = _check_start(problem.surface.start if start is None else start)
    steps = check_int(steps, "steps", minimum=0)
    max_norm = check_positive(max_norm, "max_norm")
    schedule = _check_schedule(schedule)
    m = problem.X.shape[1]
    if mini_batch_size is not None:
        mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
    if mini_batch_size is None or mini_batch_size >= m:
        surface = problem.surface
        return _follow(optimizer, surface.f, lambda i, w: surface.grad(w), start_arr, steps,
                       schedule, max_norm)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng must be a numpy.random.Generator when mini_batch_size < m, got {describe(rng)}"
        )
    from .optim import random_mini_batches  # here: dlnotes.optim imports this module

    batches: list[tuple[np.ndarray, np.ndarray]] = []

    def grad(i: int, w: np.ndarray) -> np.ndarray:
        if not batches:
            batches.extend(reversed(random_mini_batches(problem.X, problem.Y, mini_batch_size,
                                                        rng=rng)))
        X_t, Y_t = batches.pop()
        return problem.gradient(w, X_t, Y_t)

    return _follow(optimizer, problem.surface.f, grad, start_arr, steps, schedule, max_norm)


def steps_to_tolerance(
    losses: ArrayLike, tol: float, *, f_min: float = 0.0, stay: bool = True
) -> int | None:
    r"""The first step from which the loss stays within ``tol`` of the minimum; None if never.

    Parameters
    ----------
    losses : array_like, shape (steps + 1,)
        ``OptimizationPath.losses``: finite, then NaN from a divergence on (which counts as
        never). A NaN before a finite loss, or an infinity, is refused.
    tol : float > 0
        The tolerance on :math:`f - f^*`.
    f_min : float, default 0.0
        :math:`f^*`.
    stay : bool, default True
        ``False``: the first step at which the loss is within ``tol``, even if it leaves again
        (None if it never gets there).

    Returns
    -------
    int or None
        With ``stay=True``, the smallest :math:`t` with :math:`f_s - f^* \le \text{tol}` for every
        :math:`s \ge t` up to the end of the run; None if the last loss is above ``tol`` (or
        not finite).

    Notes
    -----
    Comparing optimizers by the loss at the last step rewards luck when the losses wander
    (mini-batches, momentum's oscillations): a noisy run can be low at step 100 and high at
    step 99. The steps needed to get *and stay* within a tolerance rank them by what matters.

    Examples
    --------
    >>> steps_to_tolerance([4.0, 1.0, 0.05, 0.2, 0.01, 0.001], 0.1)     # not step 2: it left
    4
    >>> steps_to_tolerance([4.0, 1.0, 0.05, 0.2, 0.01, 0.001], 0.1, stay=False)
    2
    >>> steps_to_tolerance([4.0, 1.0], 0.1) is None
    True
    """
    losses = _check_run(losses, "losses")
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be a non-empty 1-D array, got {describe(losses)}")
    tol = check_positive(tol, "tol")
    f_min = check_real(f_min, "f_min")
    check_flag(stay, "stay")
    with np.errstate(invalid="ignore"):
        above = ~(losses - f_min <= tol)  # NaN counts as above
    if not stay:
        return None if above.all() else int(np.argmin(above))
    if above[-1]:
        return None
    bad = np.flatnonzero(above)
    return 0 if bad.size == 0 else int(bad[-1]) + 1


def _check_run(x: Any, name: str) -> np.ndarray:
    """``x`` as a float array whose rows are finite, then all NaN from a divergence on.

    That is what :class:`OptimizationPath` holds; a NaN among finite rows, or an infinity, is
    not a divergence but a mistake, and is refused.
    """
    x = check_array(x, name, finite=False)
    bad = ~np.isfinite(x)
    if bad.any() and x.ndim:
        rows = bad.reshape(x.shape[0], -1).any(axis=1)
        first = int(np.argmax(rows))
        if np.isinf(x).any() or not np.isnan(x[first:]).all():
            raise ValueError(
                f"{name} must be finite, then NaN in every entry from a divergence on (as "
                f"optimize_path records it); got {int(bad.sum())} NaN or infinite value(s) "
                f"from row {first} on that are not that, in {describe(x)}"
            )
    return x


def _check_path(path: Any) -> np.ndarray:
    path = _check_run(path, "path")
    if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] == 0:
        raise ValueError(f"path must be of shape (steps + 1, 2), got {describe(path)}")
    return path


def wander(path: ArrayLike, last: int = 30) -> float:
    r"""How far the last ``last`` points of a path stray from their own mean, on average.

    Parameters
    ----------
    path : array_like, shape (steps + 1, 2)
        ``OptimizationPath.path``: finite, then NaN rows from a divergence on.
    last : int >= 2, default 30
        How many of the final points (fewer if the path is shorter).

    Returns
    -------
    float
        :math:`\frac1n\sum_{i} \lVert w_i - \bar w\rVert` over the last :math:`n` points; 0 for
        a run that has settled, about the radius of the region it keeps visiting for a noisy
        one; NaN if those points are not all finite (a divergence).

    Examples
    --------
    >>> wander([[0.0, 0.0], [5.0, 5.0], [1.0, 0.0], [-1.0, 0.0]], last=2)
    1.0
    """
    path = _check_path(path)
    last = check_int(last, "last", minimum=2)
    tail = path[-last:]
    if not np.all(np.isfinite(tail)):
        return float("nan")
    return float(np.mean(np.linalg.norm(tail - tail.mean(axis=0), axis=1)))


def sign_changes(path: ArrayLike, coordinate: int = 1) -> int:
    r"""How many times one coordinate of a path changes sign: the zig-zags across a valley.

    Parameters
    ----------
    path : array_like, shape (steps + 1, 2)
        ``OptimizationPath.path``: finite, then NaN rows from a divergence on.
    coordinate : {0, 1}, default 1
        Which coordinate: 1 is :math:`y`, the steep direction across :data:`RAVINE`'s valley.

    Returns
    -------
    int
        The number of steps :math:`t` with :math:`\operatorname{sign}(p_{t+1}) \ne
        \operatorname{sign}(p_t)` for that coordinate (a step onto exactly 0 counts once).
        A run that diverged is counted up to its last finite point.

    Notes
    -----
    The lecture draws gradient descent oscillating across a ravine: each step overshoots the
    valley floor, so the across-valley coordinate flips sign at every step. On
    :data:`RAVINE` (:math:`2y^2` across) a gradient step multiplies :math:`y` by
    :math:`1 - 4\alpha`, which is negative, a zig-zag, only for :math:`\alpha > 0.25`.

    Examples
    --------
    >>> sign_changes([[-5.0, -2.0], [-4.9, 1.2], [-4.8, -0.7], [-4.7, -0.1]])
    2
    """
    path = _check_path(path)
    if isinstance(coordinate, (bool, np.bool_)) or not isinstance(coordinate, (int, np.integer)) \
            or coordinate not in (0, 1):
        raise ValueError(f"coordinate must be 0 (x) or 1 (y), got {describe(coordinate)}")
    y = path[:, coordinate]
    y = y[~np.isnan(y)]  # a diverged run: its steps up to the divergence (NaN rows are last)
    return int(np.count_nonzero(np.diff(np.sign(y))))

