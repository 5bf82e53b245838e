r"""Optimizers on 2-D surfaces, drawn: :func:`plot_contours`, :func:`plot_optimizer_paths`,
:func:`plot_losses` and :func:`optimizer_explorer`.

The maths is :mod:`dlnotes.optim` (the optimizers) and :mod:`dlnotes.surfaces` (``RAVINE``,
``ROSENBROCK``, ``SADDLE`` and ``optimize_path``); this module only runs and draws them.
Left: the contours of the surface with the path of each optimizer. Right: the loss above the
minimum, :math:`f - f^*`, against the step, on a log scale, so that a factor of ten is the same
height everywhere. A run that diverges is drawn up to its last finite point, marked with a
cross and labelled "diverged at step k".

On the ravine :math:`0.1x^2 + 2y^2` at the default learning rate 0.1, gradient descent and
momentum crawl along the flat :math:`x` direction, because one learning rate must suit both
curvatures; RMSprop and Adam divide each coordinate by the size of its own gradients, so both
directions move at about the same pace and Adam, which also averages the gradients, gets
there first.

The explorer ranks the runs by the steps each needs to get within a tolerance of the minimum
and stay there (:func:`dlnotes.surfaces.steps_to_tolerance`), not by the loss at the last
step, which rewards luck once the losses wander. On the ravine, a mini-batch size below 64
replaces the exact gradient by the real mini-batch gradients of a least-squares problem whose
full-batch cost is the ravine (:data:`dlnotes.surfaces.RAVINE_DATA`,
:func:`dlnotes.surfaces.minibatch_path`): the paths wander, momentum and Adam average some of
the noise away, and learning-rate decay :math:`\alpha = \alpha_0/(1 + k t)` shrinks the
wander near the minimum. At full batch and no decay the runs are those of
:func:`dlnotes.surfaces.optimize_path`, exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.contour import QuadContourSet
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, NullLocator

from .._validation import ArgumentTypeError, check_flag, check_int, check_real, describe
from ..optim import (
    RAVINE,
    ROSENBROCK,
    SADDLE,
    Adam,
    GradientDescent,
    Momentum,
    OptimizationPath,
    RMSprop,
    Surface,
    optimize_path,
)
from ..schedules import inverse_time_decay
from ..surfaces import RAVINE_DATA, minibatch_path, steps_to_tolerance
from ._checks import check_mapping, check_resolution
from ._explorer import (
    Explorer,
    check_float_list,
    dropdown,
    float_slider,
    int_slider,
    log_slider,
    selection_slider,
    set_range,
)
from .plots import COLORS, finite_length, new_axes, nice_ceiling

__all__ = [
    "make_optimizers",
    "optimizer_explorer",
    "plot_contours",
    "plot_losses",
    "plot_optimizer_paths",
]

_SURFACES: dict[str, Surface] = {"ravine": RAVINE, "rosenbrock": ROSENBROCK, "saddle": SADDLE}
"""The surfaces the explorer offers, by the name its dropdown uses."""

LABELS = {"gd": "GD", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}
"""How each optimizer is named in the legends."""

TITLES = {
    "ravine": r"ravine: $0.1x^2 + 2y^2$",
    "rosenbrock": r"Rosenbrock: $(1-x)^2 + 100(y-x^2)^2$",
    "saddle": r"saddle: $x^2/2 + y^4/4 - y^2/2$",
}
"""Titles of the surfaces, in mathtext."""

LOSS_FLOOR = 1e-16
"""Losses above the minimum are drawn no lower than this (a log axis cannot show 0)."""


def make_optimizers(
    learning_rate: float = 0.1,
    beta: float = 0.9,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
) -> dict[str, Any]:
    r"""The four optimizers the explorer compares, with one shared learning rate.

    ``beta`` is momentum's :math:`\beta` and RMSprop's (the ``beta`` of
    :class:`dlnotes.optim.RMSprop`, which the lecture writes :math:`\beta_2`); ``beta1`` and
    ``beta2`` are Adam's. Keys: ``"gd"``, ``"momentum"``, ``"rmsprop"``, ``"adam"``.

    Examples
    --------
    >>> sorted(make_optimizers())
    ['adam', 'gd', 'momentum', 'rmsprop']
    """
    return {
        "gd": GradientDescent(learning_rate),
        "momentum": Momentum(learning_rate, beta=beta),
        "rmsprop": RMSprop(learning_rate, beta=beta, epsilon=epsilon),
        "adam": Adam(learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon),
    }


def _minimum_value(surface: Surface) -> float:
    return float(surface.f(np.asarray(surface.minimum, dtype=float)))


def _excess(losses: np.ndarray, f_min: float) -> np.ndarray:
    """Loss above the minimum, floored for a log axis."""
    return np.maximum(np.asarray(losses, dtype=float) - f_min, LOSS_FLOOR)


BATCH_SIZES: tuple[int, ...] = (64, 32, 16, 8, 4, 2, 1)
"""The mini-batch sizes the explorer offers on the ravine; 64 is all of
:data:`dlnotes.surfaces.RAVINE_DATA` (batch gradient descent)."""


def _ranked_statuses(runs: Mapping[str, OptimizationPath], f_min: float,
                     tol: float) -> list[str]:
    """Each run's steps to ``tol`` (:func:`steps_to_tolerance`) and its rank, in ``runs`` order."""
    reached = {}
    for name, run in runs.items():
        if finite_length(run.losses) == len(run.losses):
            reached[name] = steps_to_tolerance(run.losses, tol, f_min=f_min)
    times = [t for t in reached.values() if t is not None]
    out = []
    for name, run in runs.items():
        label = LABELS.get(name, name)
        if name not in reached:
            out.append(f"{label}: diverged at step {finite_length(run.losses)}")
        elif reached[name] is None:
            out.append(f"{label}: not reached")
        else:
            rank = 1 + sum(t < reached[name] for t in times)  # ties share a rank
            out.append(f"{label}: {reached[name]} (#{rank})")
    return out


def _status(name: str, run: OptimizationPath, f_min: float) -> str:
    label = LABELS.get(name, name)
    n = finite_length(run.losses)
    if n < len(run.losses):
        return f"{label}: diverged at step {n}"
    return f"{label}: {max(run.losses[-1] - f_min, 0.0):.2g}"


# --------------------------------------------------------------------------- contours


class ContourArtists(NamedTuple):
    """What :func:`plot_contours` drew."""

    contours: QuadContourSet
    minimum: Line2D


def plot_contours(
    surface: Surface | str = "ravine",
    ax: Axes | None = None,
    *,
    levels: int = 14,
    resolution: int = 160,
) -> ContourArtists:
    r"""Contour lines of a 2-D surface over its ``extent``, and a star at its minimum.

    Parameters
    ----------
    surface : Surface or {"ravine", "rosenbrock", "saddle"}, default "ravine"
        The surface (see :mod:`dlnotes.surfaces`).
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    levels : int, default 14
        Number of contour lines (1 to 1000), spaced geometrically in :math:`f - f^*` (a
        ravine's floor and its walls both get lines).
    resolution : int, default 160
        Grid points per axis, 2 to 1000.

    Returns
    -------
    ContourArtists
        ``contours`` (a ``QuadContourSet``) and ``minimum`` (Line2D, the star).

    Examples
    --------
    >>> art = plot_contours("rosenbrock")
    >>> art.minimum.get_xydata().tolist()
    [[1.0, 1.0]]
    """
    surface = _surface(surface)
    levels = check_int(levels, "levels", minimum=1, maximum=1000)
    resolution = check_resolution(resolution)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    x0, x1, y0, y1 = surface.extent
    X, Y = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    excess = np.asarray(surface.f(np.stack([X, Y])), dtype=float) - _minimum_value(surface)
    top = float(np.max(excess))
    lines = np.geomspace(top * 1e-4, top, levels)
    contours = ax.contour(X, Y, np.maximum(excess, 0.0), levels=lines, colors="0.72",
                          linewidths=0.8)
    (minimum,) = ax.plot(*np.asarray(surface.minimum, dtype=float), "*", color="gold", ms=14,
                         mec="black", mew=0.8, zorder=5, label="minimum")
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel="$x$", ylabel="$y$")
    return ContourArtists(contours, minimum)


def _surface(surface: Surface | str) -> Surface:
    if isinstance(surface, Surface):
        return surface
    try:
        return _SURFACES[surface]
    except (KeyError, TypeError):
        raise ValueError(
            f"surface must be a Surface or one of {', '.join(map(repr, _SURFACES))}; "
            f"got {surface!r}"
        ) from None


# --------------------------------------------------------------------------- runs


def _check_runs(runs: Any) -> Mapping[str, OptimizationPath]:
    """A non-empty dict from a name to an :class:`OptimizationPath` (NaN rows: a divergence)."""
    runs = check_mapping(runs, "runs", "an OptimizationPath (from optimize_path)")
    for name, run in runs.items():
        if not isinstance(run, OptimizationPath):
            raise ArgumentTypeError(
                f"runs[{name!r}] must be an OptimizationPath (from optimize_path or "
                f"minibatch_path), got {describe(run)}"
            )
    return runs


class RunArtists(NamedTuple):
    """One run as drawn: its line and the cross shown where it diverged."""

    line: Line2D
    diverged: Line2D


def _clip_into(ax: Axes, x: float, y: float) -> tuple[float, float]:
    """The point pulled just inside the axes, where a marker on it stays whole."""
    (a, b), (c, d) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    mx, my = 0.025 * (b - a), 0.025 * (d - c)
    return float(np.clip(x, a + mx, b - mx)), float(np.clip(y, c + my, d - my))


def _show_path(art: RunArtists, run: OptimizationPath) -> None:
    n = finite_length(run.path)
    path = run.path[:n]
    art.line.set_data(path[:, 0], path[:, 1])
    if n < len(run.path):
        art.diverged.set_data(*[[v] for v in _clip_into(art.line.axes, *path[-1])])
        art.diverged.set_visible(True)
    else:
        art.diverged.set_data([], [])
        art.diverged.set_visible(False)


def _show_loss(art: RunArtists, run: OptimizationPath, f_min: float) -> None:
    n = finite_length(run.losses)
    excess = _excess(run.losses[:n], f_min)
    art.line.set_data(np.arange(n), excess)
    if n < len(run.losses):
        art.diverged.set_data([n - 1], [excess[-1]])
        art.diverged.set_visible(True)
    else:
        art.diverged.set_data([], [])
        art.diverged.set_visible(False)


def _new_run_artists(ax: Axes, name: str, *, marker: str = "") -> RunArtists:
    color = COLORS.get(name)
    (line,) = ax.plot([], [], marker=marker, ms=2.5, lw=1.4, color=color,
                      label=LABELS.get(name, name))
    (cross,) = ax.plot([], [], "X", ms=11, color=color, mec="black", mew=1.0, zorder=6,
                       clip_on=False)
    return RunArtists(line, cross)


def plot_optimizer_paths(
    runs: Mapping[str, OptimizationPath],
    ax: Axes | None = None,
    *,
    surface: Surface | str | None = None,
    legend: bool = True,
) -> dict[str, RunArtists]:
    """Draw the path of each run (from :func:`dlnotes.optim.optimize_path`) in the plane.

    Parameters
    ----------
    runs : mapping of str to OptimizationPath
        By optimizer; the keys ``"gd"``, ``"momentum"``, ``"rmsprop"``, ``"adam"`` get the
        house colours.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    surface : Surface or str, optional
        If given, its contours are drawn first (:func:`plot_contours`).
    legend : bool, default True
        Add a legend, with "diverged at step k" for a run that blew up.

    Returns
    -------
    dict of str to RunArtists
        For each run, ``line`` (its path up to the last finite point) and ``diverged`` (a
        cross there, hidden unless the run diverged).

    Examples
    --------
    >>> from dlnotes.optim import RAVINE, GradientDescent, optimize_path
    >>> run = optimize_path(GradientDescent(0.6), RAVINE, steps=50)      # diverges
    >>> art = plot_optimizer_paths({"gd": run}, surface="ravine")
    >>> art["gd"].diverged.get_visible(), len(art["gd"].line.get_xdata())
    (True, 39)
    """
    runs = _check_runs(runs)
    check_flag(legend, "legend")
    ax = new_axes(ax, figsize=(5.0, 4.0))
    f_min = 0.0
    if surface is not None:
        surface = _surface(surface)
        plot_contours(surface, ax)
        f_min = _minimum_value(surface)
    artists = {}
    for name, run in runs.items():
        artists[name] = _new_run_artists(ax, name, marker=".")
        _show_path(artists[name], run)
        artists[name].line.set_label(_status(name, run, f_min))
    if legend:
        ax.legend(handles=[a.line for a in artists.values()], fontsize=8, loc="lower right")
    return artists


def plot_losses(
    runs: Mapping[str, OptimizationPath],
    ax: Axes | None = None,
    *,
    f_min: float = 0.0,
    legend: bool = True,
) -> dict[str, RunArtists]:
    r"""Draw :math:`f - f^*` against the step for each run, on a log scale.

    Parameters
    ----------
    runs : mapping of str to OptimizationPath
        By optimizer, as for :func:`plot_optimizer_paths`.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    f_min : float, default 0.0
        :math:`f^*`, the surface's minimum value (0 for the ravine and Rosenbrock).
    legend : bool, default True
        Add a legend giving each run's final loss, or the step at which it diverged.

    Returns
    -------
    dict of str to RunArtists
        For each run, ``line`` and ``diverged`` (a cross at the last finite loss).

    Examples
    --------
    >>> from dlnotes.optim import RAVINE, Adam, optimize_path
    >>> art = plot_losses({"adam": optimize_path(Adam(0.1), RAVINE, steps=20)})
    >>> art["adam"].line.axes.get_yscale()
    'log'
    """
    runs = _check_runs(runs)
    f_min = check_real(f_min, "f_min")
    check_flag(legend, "legend")
    ax = new_axes(ax)
    artists = {}
    for name, run in runs.items():
        artists[name] = _new_run_artists(ax, name)
        _show_loss(artists[name], run, f_min)
        artists[name].line.set_label(_status(name, run, f_min))
    ax.set_yscale("log")
    ax.set(xlabel="step", ylabel=r"loss above the minimum $f - f^*$")
    _autoscale_losses(ax, artists.values())
    if legend:
        _loss_legend(ax, artists)
    return artists


def _loss_legend(ax: Axes, artists: Mapping[str, RunArtists]) -> Legend:
    """Legend above the loss panel, two columns, out of the curves' way."""
    return ax.legend(handles=[a.line for a in artists.values()], fontsize=8, ncols=2,
                     loc="lower left", bbox_to_anchor=(0.0, 1.01, 1.0, 0.2), mode="expand",
                     borderaxespad=0.0, title="f − f* at the last step", title_fontsize=8)


def _autoscale_losses(ax: Axes, artists: Any, steps: int | None = None,
                      top: float | None = None) -> None:
    """Fit the y range to the runs; a run that blows up leaves through the top.

    ``top`` fixes the upper limit (the explorer uses the highest loss on the surface's view).
    The lower limit moves in steps of four decades. Both keep the axis, and its tick labels,
    in place while a slider moves, so that most redraws repaint only the curves.
    """
    drawn = [a.line.get_ydata() for a in artists if len(a.line.get_ydata())]
    ys = np.concatenate(drawn) if drawn else np.array([1.0])
    low = 10.0 ** (4 * np.floor(np.log10(max(float(np.min(ys)) / 2.0, LOSS_FLOOR)) / 4))
    if top is None:
        first = max((float(y[0]) for y in drawn), default=1.0)
        high = min(float(np.max(ys)), 1e3 * first)
        top = 10.0 ** np.ceil(np.log10(max(high * 2.0, low * 10.0)))
    ax.set_ylim(low, max(top, 10.0 * low))
    lo, hi = np.log10(ax.get_ylim())
    ceiling = 10.0 ** (hi - 0.04 * (hi - lo))
    for a in artists:  # keep a divergence cross whole, inside the axes
        if a.diverged.get_visible():
            x, y = a.diverged.get_xdata()[0], a.diverged.get_ydata()[0]
            a.diverged.set_data([x], [min(y, ceiling)])
    if steps is None:
        steps = max((len(a.line.get_xdata()) for a in artists), default=2) - 1
    ax.set_xlim(0, nice_ceiling(max(steps, 1)))


# --------------------------------------------------------------------------- explorer


class OptimizerExplorer(Explorer):
    """GD, momentum, RMSprop and Adam on a 2-D surface; see :func:`optimizer_explorer`."""

    name = "optimizer explorer"
    dynamic_ranges = frozenset({"x0", "y0"})
    columns = 3
    max_steps = 500

    def __init__(
        self,
        surface: str = "ravine",
        *,
        learning_rate: float = 0.1,
        beta: float = 0.9,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
        steps: int = 100,
        start: tuple[float, float] | None = None,
        mini_batch_size: int = 64,
        decay_rate: float = 0.0,
        tolerance: float = 1e-3,
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        if mini_batch_size not in BATCH_SIZES:
            raise ValueError(
                f"mini_batch_size must be one of {BATCH_SIZES}, got {mini_batch_size!r}"
            )
        self.seed = seed
        surf = _surface(surface)
        x0, x1, y0, y1 = surf.extent
        if start is not None:
            start = check_float_list(start, "start", -np.inf, np.inf)
            if len(start) != 2:
                raise ValueError(f"start must be a point (x, y), got {describe(start)}")
        sx, sy = (surf.start if start is None else start)
        self._runs: dict[tuple, OptimizationPath] = {}
        options = [("ravine", "ravine"), ("Rosenbrock", "rosenbrock"), ("saddle", "saddle")]
        controls = {
            "surface": dropdown("surface", options, surface, arg="surface"),
            "learning_rate": log_slider("learning rate α", learning_rate, 1e-4, 3.0,
                                        arg="learning_rate"),
            "steps": int_slider("steps", steps, 1, self.max_steps, arg="steps"),
            "beta": float_slider("β (momentum, RMSprop)", beta, 0.0, 0.999, 0.001, fmt=".3f",
                                 arg="beta"),
            "beta1": float_slider("β₁ (Adam)", beta1, 0.0, 0.999, 0.001, fmt=".3f", arg="beta1"),
            "beta2": float_slider("β₂ (Adam)", beta2, 0.0, 0.9999, 0.0001, fmt=".4f",
                                  arg="beta2"),
            "epsilon": log_slider("ε (epsilon)", epsilon, 1e-10, 1.0, arg="epsilon"),
            "x0": float_slider("start x", sx, x0, x1, (x1 - x0) / 200, fmt=".2f",
                               arg="start[0]"),
            "y0": float_slider("start y", sy, y0, y1, (y1 - y0) / 200, fmt=".3f",
                               arg="start[1]"),
            "mini_batch_size": selection_slider(
                "mini-batch size (ravine)",
                [(f"{b} (full)" if b == BATCH_SIZES[0] else str(b), b) for b in BATCH_SIZES],
                mini_batch_size, arg="mini_batch_size",
            ),
            "decay_rate": float_slider("decay k: α/(1 + k t)", decay_rate, 0.0, 0.1, 0.002,
                                       fmt=".3f", arg="decay_rate"),
            "tolerance": log_slider("tolerance on f − f*", tolerance, 1e-6, 1.0, arg="tolerance"),
        }
        controls["mini_batch_size"].disabled = surface != "ravine"
        self._synced_surface = self._drawn_surface = surface
        super().__init__(controls, backend=backend, figsize=(9.0, 4.2))

    def _build(self) -> None:
        ax_path, ax_loss = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        self.ax_path, self.ax_loss = ax_path, ax_loss
        self.contours = {}
        self._loss_top: dict[str, float] = {}
        for key, surf in _SURFACES.items():  # precomputed once; only one is visible
            art = plot_contours(surf, ax_path)
            self.contours[key] = art
            # the loss axis tops out a decade above the highest loss in view
            self._loss_top[key] = 10.0 ** np.ceil(np.log10(10.0 * art.contours.levels[-1]))
            art.contours.set_visible(False)
            art.minimum.set_visible(False)
        (self.start,) = ax_path.plot([], [], "o", color="black", ms=6, zorder=6, label="start")
        self.paths = {k: _new_run_artists(ax_path, k, marker=".") for k in LABELS}
        self.losses = {k: _new_run_artists(ax_loss, k) for k in LABELS}
        ax_loss.set_yscale("log")
        ax_loss.yaxis.set_major_locator(LogLocator(numticks=8))
        ax_loss.yaxis.set_minor_locator(NullLocator())  # fewer ticks: a cheaper full draw
        ax_loss.set(xlabel="step", ylabel=r"loss above the minimum $f - f^*$")
        ax_loss.grid(alpha=0.3, which="major")
        self.legend: Legend = _loss_legend(ax_loss, self.losses)
        (self.tolerance_line,) = ax_loss.plot([], [], color="0.35", lw=0.8, ls="--", zorder=1,
                                              transform=ax_loss.get_yaxis_transform())
        self.title = ax_path.set_title("", fontsize=10)
        self.animate(self.start, self.tolerance_line, *self.paths.values(),
                     *self.losses.values(), self.legend)

    def _sync_controls(self, changed: frozenset[str]) -> None:
        surface = self.controls["surface"].value
        self.controls["mini_batch_size"].disabled = surface != "ravine"
        if surface == self._synced_surface:
            return
        self._synced_surface = surface
        surf = _SURFACES[surface]
        x0, x1, y0, y1 = surf.extent
        set_range(self.controls["x0"], x0, x1, float(surf.start[0]))
        set_range(self.controls["y0"], y0, y1, float(surf.start[1]))
        self.controls["x0"].step = (x1 - x0) / 200
        self.controls["y0"].step = (y1 - y0) / 200

    def _run(self, name: str, optimizer: Any, surface: str, start: tuple[float, float],
             steps: int, key: tuple, mini_batch_size: int = 64,
             decay_rate: float = 0.0) -> OptimizationPath:
        """A cached run: the path of ``steps`` steps is a prefix of any longer one (the
        mini-batches and the decayed rates of the first steps do not depend on the length)."""
        cached = self._runs.get(key)
        if cached is None or len(cached.losses) < steps + 1:
            if len(self._runs) > 256:
                self._runs.clear()
            schedule = None
            if decay_rate > 0:
                lr = float(optimizer.learning_rate)
                # every step's rate in one call (a call a step cost as much as the step)
                schedule = inverse_time_decay(lr, np.arange(max(steps, 1)),
                                              decay_rate=decay_rate).__getitem__
            if surface == "ravine" and mini_batch_size < BATCH_SIZES[0]:
                cached = minibatch_path(
                    optimizer, RAVINE_DATA, np.array(start), steps,
                    mini_batch_size=mini_batch_size, schedule=schedule,
                    rng=np.random.default_rng(self.seed),  # the same batches for every run
                )
            else:
                cached = optimize_path(optimizer, _SURFACES[surface], np.array(start), steps,
                                       schedule=schedule)
            self._runs[key] = cached
        return OptimizationPath(cached.path[: steps + 1], cached.losses[: steps + 1])

    def runs(self, values: Mapping[str, Any] | None = None) -> dict[str, OptimizationPath]:
        """The four runs for the current (or the given) control values."""
        v = self.values if values is None else values
        lr, beta, b1, b2, eps = (float(v[k]) for k in
                                 ("learning_rate", "beta", "beta1", "beta2", "epsilon"))
        start = (float(v["x0"]), float(v["y0"]))
        batch = int(v["mini_batch_size"]) if v["surface"] == "ravine" else BATCH_SIZES[0]
        decay = float(v["decay_rate"])
        common = (v["surface"], start, lr, batch, decay)
        keys = {
            "gd": ("gd", *common),
            "momentum": ("momentum", *common, beta),
            "rmsprop": ("rmsprop", *common, beta, eps),
            "adam": ("adam", *common, b1, b2, eps),
        }
        optimizers = make_optimizers(lr, beta, b1, b2, eps)
        steps = int(v["steps"])
        return {name: self._run(name, optimizers[name], v["surface"], start, steps, keys[name],
                                batch, decay)
                for name in LABELS}

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        surface = values["surface"]
        surf = _SURFACES[surface]
        for key, art in self.contours.items():
            art.contours.set_visible(key == surface)
            art.minimum.set_visible(key == surface)
        x0, x1, y0, y1 = surf.extent
        self.ax_path.set_xlim(x0, x1)
        self.ax_path.set_ylim(y0, y1)
        self.title.set_text(TITLES.get(surface, surf.name))
        self.start.set_data([values["x0"]], [values["y0"]])
        f_min = _minimum_value(surf)
        runs = self.runs(values)
        tol = float(values["tolerance"])
        statuses = _ranked_statuses(runs, f_min, tol)
        for text, status, (name, run) in zip(self.legend.get_texts(), statuses, runs.items(),
                                             strict=True):
            _show_path(self.paths[name], run)
            _show_loss(self.losses[name], run, f_min)
            text.set_text(status)
        self.legend.get_title().set_text(f"steps until f − f* ≤ {tol:.0e} for good")
        self.tolerance_line.set_data([0.0, 1.0], [tol, tol])  # across the axes, at y = tol
        _autoscale_losses(self.ax_loss, self.losses.values(), int(values["steps"]),
                          top=self._loss_top[surface])
        if surface != self._drawn_surface:  # new tick labels: lay the figure out again
            self._drawn_surface = surface
            self.relayout()


def optimizer_explorer(
    surface: str = "ravine",
    *,
    learning_rate: float = 0.1,
    beta: float = 0.9,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
    steps: int = 100,
    start: tuple[float, float] | None = None,
    mini_batch_size: int = 64,
    decay_rate: float = 0.0,
    tolerance: float = 1e-3,
    seed: int = 0,
    backend: str = "auto",
) -> OptimizerExplorer:
    r"""Race gradient descent, momentum, RMSprop and Adam on a 2-D surface.

    Parameters
    ----------
    surface : {"ravine", "rosenbrock", "saddle"}, default "ravine"
        The surface first shown (see :mod:`dlnotes.surfaces`).
    learning_rate : float, default 0.1
        One learning rate :math:`\alpha` for all four (log slider, 1e-4 to 3).
    beta : float, default 0.9
        Momentum's :math:`\beta`, also RMSprop's (:class:`dlnotes.optim.RMSprop` ``beta``).
    beta1, beta2 : float, default 0.9, 0.999
        Adam's :math:`\beta_1, \beta_2`.
    epsilon : float, default 1e-8
        :math:`\varepsilon` of RMSprop and Adam (log slider, 1e-10 to 1).
    steps : int, default 100
        Number of updates (1 to 500).
    start : (float, float), optional
        Starting point; the surface's own ``start`` by default. Changing the surface resets
        it to the new surface's ``start``.
    mini_batch_size : {64, 32, 16, 8, 4, 2, 1}, default 64
        On the ravine only: below 64, every step uses the gradient of one mini-batch of
        :data:`dlnotes.surfaces.RAVINE_DATA` (64 examples whose full-batch least-squares cost
        is the ravine plus a constant), reshuffled every epoch; 64 is the exact gradient.
    decay_rate : float, default 0.0
        :math:`k` of the learning-rate decay :math:`\alpha_t = \alpha/(1 + k t)`
        (:func:`dlnotes.schedules.inverse_time_decay`, by step), 0 to 0.1; 0 is no decay.
    tolerance : float, default 1e-3
        The legend ranks the runs by the steps they need to get :math:`f - f^*` below this
        and keep it there (:func:`dlnotes.surfaces.steps_to_tolerance`); a dashed line marks
        it. Log slider, 1e-6 to 1.
    seed : int, default 0
        Seeds the mini-batches: every optimizer sees the same batches in the same order.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    OptimizerExplorer
        ``.controls`` (``surface``, ``learning_rate``, ``steps``, ``beta``, ``beta1``,
        ``beta2``, ``epsilon``, ``x0``, ``y0``, ``mini_batch_size``, ``decay_rate``,
        ``tolerance``), ``.figure``, ``.widget``; ``.runs()`` gives the four
        :class:`dlnotes.optim.OptimizationPath` currently drawn.

    Examples
    --------
    >>> ex = optimizer_explorer()
    >>> runs = ex.runs()
    >>> bool(runs["adam"].losses[-1] < runs["momentum"].losses[-1])    # the ravine
    True
    >>> [t.get_text() for t in ex.legend.get_texts()]           # steps to f - f* <= 1e-3
    ['GD: not reached', 'momentum: not reached', 'RMSprop: not reached', 'Adam: 79 (#1)']
    >>> ex.controls["learning_rate"].value = 3.0                        # too large
    >>> "diverged" in ex.legend.get_texts()[0].get_text()
    True
    """
    return OptimizerExplorer(surface, learning_rate=learning_rate, beta=beta, beta1=beta1,
                             beta2=beta2, epsilon=epsilon, steps=steps, start=start,
                             mini_batch_size=mini_batch_size, decay_rate=decay_rate,
                             tolerance=tolerance, seed=seed, backend=backend)
