r"""Batch, mini-batch and stochastic gradient descent, drawn: :func:`cost_curves`,
:func:`plot_cost_curves` and :func:`minibatch_explorer`.

The maths is :mod:`dlnotes.nn` (``forward``, ``compute_cost``, ``backward``),
:mod:`dlnotes.optim` (``GradientDescent``, ``random_mini_batches``) and
:mod:`dlnotes.ewa` (the smoothing); :func:`cost_curves` only wires them into the course's
training loop so as to record the cost of *every* mini-batch, which
:func:`dlnotes.nn.train` keeps per epoch only. It runs once per explorer; the slider then
picks among the precomputed curves.

Left: the cost :math:`J^{\{t\}}` of each mini-batch against the iteration :math:`t` for the
chosen size, noisy for small batches, with its bias-corrected EWA (week 2) and the cost on
the whole training set. Right: the whole-set cost against the number of epochs (passes over
the data, log scale) for every size: small batches make progress long before batch gradient
descent has finished its first few steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from .._validation import ArgumentTypeError, check_rng, describe
from ..datasets import make_moons
from ..ewa import ewa
from ..initialization import initialize_parameters
from ..nn import backward, compute_cost, forward
from ..optim import GradientDescent, random_mini_batches
from ._explorer import Explorer, checkbox, choose_backend, float_slider, selection_slider
from .plots import new_axes

__all__ = [
    "CostCurve",
    "MinibatchExplorer",
    "cost_curves",
    "minibatch_explorer",
    "plot_cost_curves",
]


class CostCurve(NamedTuple):
    """The record of one training run with a given mini-batch size.

    Attributes
    ----------
    size : int
        The mini-batch size.
    minibatch : ndarray, shape (iterations,)
        :math:`J^{\\{t\\}}`, the cost of the mini-batch used at iteration ``t`` (before its
        update), as the course's training loop prints it.
    full : ndarray, shape (iterations,)
        The cost on the whole training set after iteration ``t``.
    epoch : ndarray, shape (iterations,)
        Passes over the data after iteration ``t``: ``(t + 1) * size / m``.
    """

    size: int
    minibatch: np.ndarray
    full: np.ndarray
    epoch: np.ndarray


def cost_curves(
    X: np.ndarray | None = None,
    Y: np.ndarray | None = None,
    *,
    sizes: Sequence[int] | None = None,
    layer_dims: Sequence[int] | None = None,
    learning_rate: float = 0.3,
    iterations: int = 300,
    rng: np.random.Generator | None = None,
) -> dict[int, CostCurve]:
    r"""Train one network per mini-batch size for the same number of iterations.

    Every run starts from the same initial weights and uses plain
    :class:`dlnotes.optim.GradientDescent`; only the mini-batch size differs.

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m), optional
        The training set; 512 points of :func:`dlnotes.datasets.make_moons` by default.
    sizes : sequence of int, optional
        Mini-batch sizes; ``(m, 256, 64, 16, 1)`` (those below ``m``) by default. ``m`` is
        batch gradient descent, 1 is stochastic gradient descent.
    layer_dims : sequence of int, optional
        The network, ``[n_x, 16, 1]`` by default.
    learning_rate : float, default 0.3
        :math:`\alpha` of every run.
    iterations : int, default 300
        Gradient steps per run.
    rng : numpy.random.Generator, optional
        Draws the data, the initial weights and the shuffles; ``default_rng(0)`` if None.

    Returns
    -------
    dict of int to CostCurve
        By size, in the order of ``sizes``.

    Examples
    --------
    >>> import numpy as np
    >>> curves = cost_curves(sizes=[64, 1], iterations=20, rng=np.random.default_rng(1))
    >>> sorted(curves), curves[64].minibatch.shape, float(curves[1].epoch[-1]) * 512
    ([1, 64], (20,), 20.0)
    """
    rng = np.random.default_rng(0) if rng is None else rng
    if X is None or Y is None:
        X, Y = make_moons(512, noise=0.2, rng=rng)
    m = X.shape[1]
    if sizes is None:
        sizes = [m] + [s for s in (256, 64, 16, 1) if s < m]
    if layer_dims is None:
        layer_dims = [X.shape[0], 16, 1]
    params0 = initialize_parameters(list(layer_dims), "he", rng=rng)
    optimizer = GradientDescent(learning_rate)
    curves = {}
    for size, data_rng in zip(sizes, rng.spawn(len(sizes)), strict=True):
        curves[int(size)] = _run(X, Y, params0, optimizer, int(size), iterations, data_rng)
    return curves


def _run(X: np.ndarray, Y: np.ndarray, params: dict, optimizer: Any, size: int,
         iterations: int, data_rng: np.random.Generator) -> CostCurve:
    """The course's mini-batch loop (week 2 assignment ``model``), recording every cost."""
    state = optimizer.init(params)
    minibatch, full = np.empty(iterations), np.empty(iterations)
    t = 0
    while t < iterations:
        for X_batch, Y_batch in random_mini_batches(X, Y, size, rng=data_rng):
            ZL, caches = forward(params, X_batch)
            minibatch[t] = compute_cost(ZL, Y_batch)
            params, state = optimizer.update(params, backward(ZL, Y_batch, caches), state)
            full[t] = compute_cost(forward(params, X)[0], Y)
            t += 1
            if t == iterations:
                break
    epoch = np.arange(1, iterations + 1) * size / X.shape[1]
    return CostCurve(size, minibatch, full, epoch)


def _label(size: int, m: int) -> str:
    if size >= m:
        return f"{size} = m (batch)"
    if size == 1:
        return "1 (stochastic)"
    return f"{size} (mini-batch)"


_PALETTE = ("black", "tab:purple", "tab:blue", "tab:orange", "tab:green", "tab:brown",
            "tab:pink", "tab:olive")


def _colors(sizes: Sequence[int]) -> dict[int, Any]:
    """Largest batch first: black for batch gradient descent, green for stochastic."""
    ordered = sorted(sizes, reverse=True)
    if len(ordered) <= len(_PALETTE):
        palette = list(_PALETTE[: len(ordered) - 1]) + ["tab:green"]
        if len(ordered) == 1:
            palette = ["black"]
        return dict(zip(ordered, palette, strict=True))
    cmap = colormaps["viridis"]
    return {s: cmap(0.85 * i / (len(ordered) - 1)) for i, s in enumerate(ordered)}


def plot_cost_curves(
    curves: Mapping[int, CostCurve],
    ax: Axes | None = None,
    *,
    kind: str = "full",
    highlight: int | None = None,
    legend: bool = True,
) -> dict[int, Line2D]:
    r"""Draw the cost curves of :func:`cost_curves`, one line per mini-batch size.

    Parameters
    ----------
    curves : mapping of int to CostCurve
        From :func:`cost_curves`.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    kind : {"full", "minibatch"}, default "full"
        ``"full"``: the whole-training-set cost against epochs (log x axis).
        ``"minibatch"``: the cost of each mini-batch against the iteration.
    highlight : int, optional
        A size drawn bold; the others are drawn faint.
    legend : bool, default True
        Add a legend.

    Returns
    -------
    dict of int to Line2D
        One line per size.

    Examples
    --------
    >>> import numpy as np
    >>> curves = cost_curves(sizes=[64, 1], iterations=10, rng=np.random.default_rng(1))
    >>> lines = plot_cost_curves(curves, highlight=1)
    >>> sorted(lines), lines[1].get_linewidth() > lines[64].get_linewidth()
    ([1, 64], True)
    """
    if kind not in ("full", "minibatch"):
        raise ValueError(f"kind must be 'full' or 'minibatch', got {kind!r}")
    ax = new_axes(ax)
    colors = _colors(list(curves))
    m = max(curves)
    lines = {}
    for size, curve in curves.items():
        x, y = ((curve.epoch, curve.full) if kind == "full"
                else (np.arange(1, len(curve.minibatch) + 1), curve.minibatch))
        (lines[size],) = ax.plot(x, y, color=colors[size], label=_label(size, m))
        _emphasize(lines[size], highlight is None or size == highlight)
    if kind == "full":
        ax.set_xscale("log")
        ax.set(xlabel="epochs (passes over the training set)",
               ylabel="cost on the whole training set")
    else:
        ax.set(xlabel=r"iteration $t$", ylabel=r"mini-batch cost $J^{\{t\}}$")
    if legend:
        ax.legend(fontsize=8, title="mini-batch size", title_fontsize=8)
    return lines


def _emphasize(line: Line2D, on: bool, width: float = 2.2) -> None:
    line.set_linewidth(width if on else 1.0)
    line.set_alpha(1.0 if on else 0.3)
    line.set_zorder(3 if on else 2)


class MinibatchExplorer(Explorer):
    """Mini-batch size -> the cost curves; see :func:`minibatch_explorer`."""

    name = "mini-batch explorer"
    columns = 3

    def __init__(self, curves: Mapping[int, CostCurve] | None = None, *,
                 batch_size: int | None = None, compare: bool = False,
                 smoothing: float = 0.9, rng: np.random.Generator | None = None,
                 backend: str = "auto") -> None:
        if curves is not None and (not isinstance(curves, Mapping) or not curves):
            raise ArgumentTypeError(
                f"curves must be the non-empty dict from cost_curves() (batch size -> "
                f"CostCurve), got {describe(curves)}"
            )
        if rng is not None:
            check_rng(rng)
        choose_backend(backend)
        self.curves = dict(cost_curves(rng=rng) if curves is None else curves)
        self.m = max(self.curves)
        sizes = sorted(self.curves, reverse=True)
        size = (64 if 64 in self.curves else sizes[len(sizes) // 2]) if batch_size is None \
            else batch_size
        controls = {
            "batch_size": selection_slider(
                "mini-batch size", [(_label(s, self.m), s) for s in sizes], size,
                arg="batch_size"),
            "smoothing": float_slider("EWA β (smoothing)", smoothing, 0.0, 0.99, 0.01,
                                      fmt=".2f", arg="smoothing"),
            "compare": checkbox("show the other sizes", compare, arg="compare"),
        }
        super().__init__(controls, backend=backend)

    def _build(self) -> None:
        ax_it, ax_ep = self.figure.subplots(1, 2)
        self.ax_iteration, self.ax_epoch = ax_it, ax_ep
        self.iteration_lines = plot_cost_curves(self.curves, ax_it, kind="minibatch",
                                                legend=False)
        colors = _colors(list(self.curves))
        first = next(iter(self.curves.values()))
        t = np.arange(1, len(first.minibatch) + 1)
        (self.smooth,) = ax_it.plot(t, first.minibatch, color="black", lw=1.6,
                                    label="EWA of $J^{\\{t\\}}$ (bias-corrected)", zorder=4)
        (self.full,) = ax_it.plot(t, first.full, "--", color="tab:red", lw=1.4,
                                  label="cost on the whole training set", zorder=4)
        # a single example's cost can spike far above the rest: let those spikes leave the top
        top = max(float(np.percentile(c.minibatch, 98)) for c in self.curves.values())
        ax_it.set(xlim=(0, len(t)), ylim=(0, 1.2 * top))
        ax_it.legend(handles=[self.smooth, self.full], fontsize=8, loc="upper right")
        self.caption: Text = ax_it.set_title("", fontsize=10)
        self.epoch_lines = plot_cost_curves(self.curves, ax_ep, kind="full")
        ax_ep.set_title("progress per pass over the data", fontsize=10)
        self._colors = colors
        # the right legend sits in the empty lower left (small epochs, low cost) and stays static
        ax_ep.get_legend().set_loc("lower left")
        self.animate(*self.iteration_lines.values(), self.smooth, self.full, self.caption,
                     ax_it.get_legend(), *self.epoch_lines.values())

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        size = values["batch_size"]
        curve = self.curves[size]
        for s, line in self.iteration_lines.items():
            line.set_visible(s == size or bool(values["compare"]))
            _emphasize(line, s == size, width=1.2)
        for s, line in self.epoch_lines.items():
            _emphasize(line, s == size)
        self.smooth.set_ydata(ewa(curve.minibatch, float(values["smoothing"]),
                                  bias_correction=True))
        self.full.set_ydata(curve.full)
        per_epoch = int(np.ceil(self.m / size))
        self.caption.set_text(
            f"size {size}: {per_epoch} step{'s' if per_epoch > 1 else ''} per epoch, "
            f"{len(curve.minibatch)} steps = {curve.epoch[-1]:.3g} epochs"
        )


def minibatch_explorer(
    curves: Mapping[int, CostCurve] | None = None,
    *,
    batch_size: int | None = None,
    compare: bool = False,
    smoothing: float = 0.9,
    rng: np.random.Generator | None = None,
    backend: str = "auto",
) -> MinibatchExplorer:
    r"""Pick a mini-batch size and see how noisy, and how fast, its cost curve is.

    Parameters
    ----------
    curves : mapping of int to CostCurve, optional
        Precomputed by :func:`cost_curves` (which runs by default: about a second).
    batch_size : int, optional
        The size chosen at first; 64 if available.
    compare : bool, default False
        Also draw the other sizes' mini-batch costs, faint, on the left.
    smoothing : float, default 0.9
        :math:`\beta` of the EWA drawn through the noisy costs.
    rng : numpy.random.Generator, optional
        Passed to :func:`cost_curves` when ``curves`` is None.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    MinibatchExplorer
        ``.controls`` (``"batch_size"``, ``"smoothing"``, ``"compare"``), ``.figure``,
        ``.widget``; ``.curves`` holds the precomputed :class:`CostCurve` by size.

    Examples
    --------
    >>> import numpy as np
    >>> curves = cost_curves(sizes=[64, 16], iterations=30, rng=np.random.default_rng(2))
    >>> ex = minibatch_explorer(curves)
    >>> ex.controls["batch_size"].value
    64
    """
    return MinibatchExplorer(curves, batch_size=batch_size, compare=compare,
                             smoothing=smoothing, rng=rng, backend=backend)
