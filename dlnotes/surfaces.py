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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import ArgumentTypeError, check_array, check_int, check_positive, describe

__all__ = [
    "RAVINE",
    "ROSENBROCK",
    "SADDLE",
    "OptimizationPath",
    "Surface",
    "optimize_path",
    "quadratic_surface",
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


def quadratic_surface(a: float = 0.1, b: float = 2.0, *, name: str | None = None) -> Surface:
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
    >>> bowl = quadratic_surface(1.0, 4.0)
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


RAVINE = quadratic_surface(0.1, 2.0, name="ravine: 0.1 x^2 + 2 y^2")
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
    if isinstance(optimizer, type):
        raise ArgumentTypeError(
            f"optimizer must be an instance, got the class {optimizer.__name__} itself: pass "
            f"{optimizer.__name__}(...) (with its hyperparameters), not {optimizer.__name__}"
        )
    if not all(callable(getattr(optimizer, m, None)) for m in ("init", "update")):
        raise ValueError(
            f"optimizer must have init() and update() methods, got {describe(optimizer)}"
        )
    if not isinstance(surface, Surface):
        raise ValueError(f"surface must be a Surface (e.g. RAVINE), got {describe(surface)}")
    if start is None:
        start = surface.start
    start_arr = check_array(start, "start", finite=False)
    if start_arr.shape != (2,) or not np.all(np.isfinite(start_arr)):
        raise ValueError(
            f"start must be a finite point (x, y) of shape (2,), got {describe(start)}"
        )
    steps = check_int(steps, "steps", minimum=0)
    max_norm = check_positive(max_norm, "max_norm")

    path = np.full((steps + 1, 2), np.nan)
    losses = np.full(steps + 1, np.nan)
    path[0], losses[0] = start_arr, float(surface.f(start_arr))
    params = {"W": start_arr.reshape(2, 1).copy()}
    state = optimizer.init(params)
    for i in range(1, steps + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            grads = {"dW": np.asarray(surface.grad(params["W"][:, 0])).reshape(2, 1)}
            params, state = optimizer.update(params, grads, state)
        point = params["W"][:, 0]
        if not np.all(np.isfinite(point)) or float(np.hypot(*point)) > max_norm:
            break
        path[i], losses[i] = point, float(surface.f(point))
    return OptimizationPath(path, losses)
