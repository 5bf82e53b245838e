r"""Initialization explorer: activations and gradients layer by layer in a deep plain network.

One forward and one backward pass through a deep, fully connected network (``width`` units per
hidden layer, ``depth`` hidden layers, sigmoid output) on standard-normal inputs, for each
initialization of :mod:`dlnotes.initialization`. Three things show:

- *vanishing*: with weights too small ("random" at 0.01, or "xavier" under ReLU) the activations
  shrink layer after layer, and so do the gradients;
- *exploding*: with weights too large ("random" times 10) they grow geometrically, or tanh
  saturates at +-1;
- *symmetry*: with "zeros" every unit of a layer computes the same value and gets the same
  gradient (here exactly zero), so gradient descent can never tell the units apart.

The pass itself is :func:`dlnotes.experiments.init_pass` (through :func:`dlnotes.nn.forward`
and :func:`dlnotes.nn.backward`); this module only draws it. A pass through 20 layers of 100
units costs a few milliseconds; the explorer computes it when a choice is first shown and keeps
the last few (a pass is deterministic given the seed, so going back to a choice shows the very
same figure).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator

from .._validation import check_choice, check_int
from ..experiments import InitPass, init_pass
from ._checks import check_bins, check_layers, check_values
from ._explorer import Explorer, check_seed, choose_backend, dropdown, int_slider
from .plots import _ridge, _ridge_colors, _ridge_limits, _ridge_verts, new_axes

__all__ = [
    "init_explorer",
    "plot_activation_histograms",
    "plot_activation_stds",
    "plot_gradient_norms",
]

_INIT_CHOICES: dict[str, tuple[str, float]] = {
    "zeros": ("zeros", 0.01),
    "random (x 0.01)": ("random", 0.01),
    "random (x 10)": ("random", 10.0),
    "xavier": ("xavier", 0.01),
    "he": ("he", 0.01),
    "glorot": ("glorot", 0.01),
}
"""The explorer's choices: label -> ``(method, scale)`` for
:func:`dlnotes.initialization.initialize_parameters`."""


# --------------------------------------------------------------------------- one pass


# --------------------------------------------------------------------------- histograms


def _activation_range(activation: str) -> tuple[float, float]:
    """The x range of the histograms: ``(-1, 1)`` for tanh, ``(0, 4)`` for ReLU.

    Values outside are clipped into the end bins, so an exploding layer piles up at the right
    edge and a saturated tanh layer at +-1, instead of leaving the plot.
    """
    return (-1.0, 1.0) if activation == "tanh" else (0.0, 4.0)


class RidgeArtists(NamedTuple):
    """What :func:`plot_activation_histograms` draws: one polygon per layer in one collection."""

    polygons: PolyCollection


def plot_activation_histograms(
    activations: Sequence[np.ndarray],
    ax: Axes | None = None,
    *,
    activation: str = "tanh",
    bins: int = 40,
) -> RidgeArtists:
    r"""Histogram of each hidden layer's activations, stacked (layer 1 at the bottom).

    Parameters
    ----------
    activations : sequence of ndarray
        ``[A1, A2, ..., A_{L-1}]``, each ``(n_l, m)``: the hidden activations of one forward pass.
        Finite: a pass that overflowed has nothing to show (NaN or infinity are refused).
    ax : matplotlib Axes, optional
        Where to draw; by default a new :class:`~matplotlib.figure.Figure` (no pyplot).
    activation : {"tanh", "relu"}, default "tanh"
        Sets the x range (:func:`_activation_range`). For ReLU the exact zeros (about half of
        the values) are left out, so the shape of the positive part stays visible.
    bins : int, default 40
        1 to 10,000.

    Returns
    -------
    RidgeArtists
        ``(polygons,)``: a :class:`~matplotlib.collections.PolyCollection`, one polygon per layer.

    Notes
    -----
    Each layer's histogram is scaled to the same height: read the *spread* of a layer, not its
    area. Values outside the range are counted in the end bins.
    """
    activations = check_layers(activations, "activations")
    activation = check_choice(activation, "activation", ("tanh", "relu"))
    bins = check_bins(bins)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    value_range = _activation_range(activation)
    verts = _ridge_verts(activations, value_range, bins, drop_zeros=activation == "relu")
    polys = _ridge(ax, verts, value_range, xpad=0.02, max_ticks=10)
    _label_ridge_axes(ax, activation)
    return RidgeArtists(polys)


def _style_ridge_axes(
    ax: Axes, n_layers: int, value_range: tuple[float, float], activation: str
) -> None:
    _ridge_limits(ax, n_layers, value_range, xpad=0.02, max_ticks=10)
    _label_ridge_axes(ax, activation)


def _label_ridge_axes(ax: Axes, activation: str) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylabel("hidden layer $l$")
    if activation == "tanh":
        ax.set_xlabel("value of $A^{[l]} = \\tanh(Z^{[l]})$")
    else:
        ax.set_xlabel("value of $A^{[l]}$ (ReLU: exact zeros left out, > 4 in the last bin)")


# --------------------------------------------------------------------------- magnitudes


class MagnitudeArtists(NamedTuple):
    """A per-layer magnitude on a log axis: the line, and markers for values that are exactly 0."""

    line: Line2D
    zeros: Line2D


def _zero_floor(values: np.ndarray) -> float:
    """Where to draw exact zeros on a log axis: well below the smallest positive value."""
    positive = values[values > 0]
    return float(positive.min() / 1e3) if positive.size else 1e-3


def _magnitude_data(
    values: Sequence[float],
    offset: float = 0.0,
    limits: tuple[float, float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The positive values as ``(layers, values)``, and the exact zeros as markers at a floor.

    No NaN is drawn: a log axis cannot show 0, so zeros leave the line and become markers
    (shifted by ``offset`` so that two series of zeros stay apart). With ``limits`` the values
    are clipped into them and the zeros sit at the bottom; otherwise the floor is three
    decades under the smallest positive value.
    """
    v = np.asarray(values, dtype=np.float64)
    layers = np.arange(1, v.size + 1, dtype=np.float64)
    positive = v > 0
    shown = v[positive]
    floor = _zero_floor(v)
    if limits is not None:
        shown = np.clip(shown, *limits)
        floor = limits[0]
    return layers[positive], shown, layers[~positive] + offset, np.full(int(np.sum(~positive)),
                                                                        floor)


def _plot_magnitude(
    values: Sequence[float],
    ax: Axes | None,
    *,
    color: str,
    marker: str,
    label: str,
    zero_offset: float,
    zero_label: str,
) -> MagnitudeArtists:
    ax = new_axes(ax, figsize=(5.0, 4.0))
    lx, ly, zx, zy = _magnitude_data(values, zero_offset)
    (line,) = ax.plot(lx, ly, color=color, marker=marker, ms=4, lw=1.5, label=label)
    (zero,) = ax.plot(
        zx, zy, ls="none", marker="v", ms=6, color=color, mfc="none", label=zero_label
    )
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("layer $l$")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _autoscale_log(ax)
    return MagnitudeArtists(line, zero)


def _autoscale_log(ax: Axes, headroom: float = 0.0) -> None:
    """Fit a log y axis to the positive y of the lines on ``ax``, with a free top ``headroom``.

    ``headroom`` is the fraction of the axis height left empty above the data (for a text box).
    """
    ys = [np.asarray(line.get_ydata(), dtype=np.float64) for line in ax.get_lines()]
    ys = [y[np.isfinite(y) & (y > 0)] for y in ys]
    y = np.concatenate(ys) if ys else np.array([])
    lo, hi = (float(y.min()), float(y.max())) if y.size else (1e-3, 1e3)
    lo, hi = lo / 5, (hi * 5 if hi > lo else lo * 25)
    decades = np.log10(hi / lo)
    ax.set_ylim(lo, hi * 10 ** (decades * headroom / (1 - headroom)))
    xs = [np.asarray(line.get_xdata(), dtype=np.float64) for line in ax.get_lines()]
    n = max((np.max(x) for x in xs if x.size), default=1.0)
    ax.set_xlim(0.4, round(n) + 0.6)


def plot_activation_stds(stds: Sequence[float], ax: Axes | None = None) -> MagnitudeArtists:
    r"""Standard deviation of each hidden layer's activations, on a log axis.

    Parameters
    ----------
    stds : sequence of float
        ``std(A[l])`` over all units and examples, for ``l = 1 .. L-1``; finite, >= 0.
    ax : matplotlib Axes, optional

    Returns
    -------
    MagnitudeArtists
        ``(line, zeros)``; a layer whose activations are exactly 0 is drawn as an open triangle
        at the bottom (a log axis has no 0).
    """
    stds = check_values(stds, "stds", low=0.0)
    return _plot_magnitude(
        stds, ax, color="tab:blue", marker="o", label="std of $A^{[l]}$", zero_offset=-0.12,
        zero_label="_nolegend_",
    )


def plot_gradient_norms(norms: Sequence[float], ax: Axes | None = None) -> MagnitudeArtists:
    r"""Frobenius norm of each layer's weight gradient :math:`\lVert dW^{[l]}\rVert_F`, log axis.

    Parameters
    ----------
    norms : sequence of float
        One per layer ``l = 1 .. L`` (the output layer included); finite, >= 0.
    ax : matplotlib Axes, optional

    Returns
    -------
    MagnitudeArtists
        ``(line, zeros)``; a gradient that is exactly 0 (the symmetry of ``"zeros"``) is drawn as
        an open triangle at the bottom.
    """
    norms = check_values(norms, "norms", low=0.0)
    return _plot_magnitude(
        norms, ax, color="tab:red", marker="s", label="$\\Vert dW^{[l]}\\Vert_F$",
        zero_offset=0.12, zero_label="exactly 0",
    )


def _update_magnitude(
    artists: MagnitudeArtists,
    values: Sequence[float],
    offset: float,
    limits: tuple[float, float] | None = None,
) -> None:
    lx, ly, zx, zy = _magnitude_data(values, offset, limits)
    artists.line.set_data(lx, ly)
    artists.zeros.set_data(zx, zy)


def _magnitude_window(values: np.ndarray, step: int = 3) -> tuple[float, float]:
    """A log y range ``(10**lo, 10**hi)`` that shows every positive value and the line y = 1.

    ``lo`` and ``hi`` are whole multiples of ``step`` decades with at least half a decade
    of margin, and the window always holds ``[1e-2, 1e2]``, so a layer that keeps its scale
    reads as flat and a window only changes when the curves move by several decades (an
    explorer then repaints only its curves). With no positive value, ``(1e-3, 1e3)``.

    Examples
    --------
    >>> _magnitude_window(np.array([0.5, 1.7, 3.0]))           # He with ReLU: around 1
    (0.001, 1000.0)
    >>> _magnitude_window(np.array([47.7, 2.6e17, 1.1e35]))     # random x 10: exploding
    (0.001, 1e+36)
    >>> _magnitude_window(np.array([0.0, 4e-23, 0.1]))          # vanishing, and zeros
    (1e-24, 1000.0)
    """
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v) & (v > 0)]
    lo_data = float(np.log10(v.min())) - 0.5 if v.size else 0.0
    hi_data = float(np.log10(v.max())) + 0.5 if v.size else 0.0
    lo = step * np.floor(min(lo_data, -2.0) / step)
    hi = step * np.ceil(max(hi_data, 2.0) / step)
    return float(10.0**lo), float(10.0**hi)


# --------------------------------------------------------------------------- explorer


def _verdict(p: InitPass, activation: str) -> tuple[str, str]:
    """What the pass shows, in one line (symmetry, vanishing, ...), and the numbers behind it."""
    n_units = p.activations[0].shape[0]
    first, last = p.stds[0], p.stds[-1]
    details = (  # plain Unicode: mathtext would be parsed anew for every new number
        f"std A^[1]: {first:.2g}, A^[{len(p.stds)}]: {last:.2g}\n"
        f"‖dW^[1]‖: {p.grad_norms[0]:.2g}, ‖dW^[{len(p.grad_norms)}]‖: {p.grad_norms[-1]:.2g}"
    )
    if p.distinct_units.max() == 1:
        dead = int(np.sum(p.grad_norms[:-1] == 0))
        verdict = f"symmetry: all {n_units} units equal, dW = 0 in {dead} layers"
    elif activation == "tanh" and p.saturated[-1] > 0.5:
        verdict = f"tanh saturates: {p.saturated[-1]:.0%} of |A| > 0.99 in the last layer"
    elif last > 0 and first > 0 and last / first < 0.1:
        verdict = "activations vanish layer after layer"
    elif last > 0 and first > 0 and last / first > 10:
        verdict = "activations explode layer after layer"
    else:
        verdict = "activations keep their scale: a good start"
    return verdict, details


class _Shown(NamedTuple):
    """One pass and what the explorer draws of it (kept, so a choice shown again is instant)."""

    result: InitPass
    verts: list[np.ndarray]
    limits: tuple[float, float]
    verdict: str
    details: str


class InitExplorer(Explorer):
    """Initialization x activation x depth; see :func:`init_explorer`."""

    name = "initialization explorer"
    figsize = (10.0, 4.4)
    columns = 3

    def __init__(
        self,
        *,
        method: str = "he",
        activation: str = "relu",
        depth: int = 10,
        max_depth: int = 20,
        width: int = 100,
        m: int = 200,
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        method = check_choice(method, "method", _INIT_CHOICES)
        activation = check_choice(activation, "activation", ("relu", "tanh"))
        max_depth = check_int(max_depth, "max_depth", minimum=2, maximum=200)
        depth = check_int(depth, "depth", minimum=2, maximum=max_depth)
        width = check_int(width, "width", minimum=1, maximum=10_000)
        m = check_int(m, "m", minimum=1, maximum=100_000)
        seed = check_seed(seed)
        choose_backend(backend)
        data_rng = np.random.default_rng(seed)
        self.X = data_rng.standard_normal((width, m))
        self.Y = (data_rng.random((1, m)) < 0.5).astype(np.float64)
        self.seed = seed
        self.width = int(width)
        self.max_depth = int(max_depth)
        self._shown: OrderedDict[tuple[str, str, int], _Shown] = OrderedDict()
        controls = {
            "method": dropdown("initialization", list(_INIT_CHOICES), method, arg="method"),
            "activation": dropdown("activation", ["relu", "tanh"], activation, arg="activation"),
            "depth": int_slider("hidden layers", depth, 2, self.max_depth, arg="depth"),
        }
        super().__init__(controls, backend=backend)

    def compute(self, method: str, activation: str, depth: int) -> InitPass:
        """The pass for one choice of the controls (the weights come from ``seed``)."""
        name, scale = _INIT_CHOICES[method]
        return init_pass(
            self.X, self.Y, int(depth), name, activation=activation, scale=scale,
            rng=np.random.default_rng(self.seed),
        )

    cache_size = 16
    """How many passes (with what they draw) are kept, the least recently shown dropped."""

    def shown(self, method: str, activation: str, depth: int) -> _Shown:
        """:meth:`compute`, and what it draws, for one choice; kept for the next time."""
        key = (method, activation, int(depth))
        if key in self._shown:
            self._shown.move_to_end(key)
            return self._shown[key]
        p = self.compute(*key)
        verts = _ridge_verts(p.activations, _activation_range(activation), 40,
                             drop_zeros=activation == "relu")
        verdict, details = _verdict(p, activation)
        shown = _Shown(p, verts, _magnitude_window(np.r_[p.stds, p.grad_norms]), verdict, details)
        self._shown[key] = shown
        while len(self._shown) > self.cache_size:
            self._shown.popitem(last=False)
        return shown

    def _build(self) -> None:
        self.ax_hist, self.ax_mag = self.figure.subplots(
            1, 2, gridspec_kw={"width_ratios": [1.15, 1]}
        )
        blank = [np.zeros((1, 1))] * self.max_depth
        self.ridge = plot_activation_histograms(blank, self.ax_hist)
        self.std_artists = plot_activation_stds(np.ones(self.max_depth), self.ax_mag)
        self.grad_artists = plot_gradient_norms(np.ones(self.max_depth + 1), self.ax_mag)
        self.ax_mag.legend(loc="upper left", fontsize=7.5)
        self.ax_mag.set_ylabel("magnitude (log scale)")
        self.ax_mag.set_title(" ", fontsize=10)
        self.ax_hist.set_title(" ", fontsize=10)
        self.text = self.ax_mag.text(
            0.98, 0.98, "", transform=self.ax_mag.transAxes, ha="right", va="top", fontsize=8,
            bbox={"boxstyle": "round", "fc": "white", "ec": "0.8", "alpha": 0.9}, zorder=6,
        )
        # The log y range follows the curves on display (see _magnitude_window), in steps of
        # whole decades: it stays put while the sliders move within one regime, so such a
        # change repaints only the changing artists (blitting).
        self._set_mag_window(_magnitude_window(np.ones(1)))
        self.ax_mag.yaxis.set_major_locator(LogLocator(base=10.0, numticks=8))
        one = self.ax_mag.axhline(1.0, color="0.75", lw=0.8, zorder=0)
        # Every control moves some limits (the range of the histograms, the layers, the
        # magnitude window between regimes), so the axes are animated too: repainted with the
        # curves instead of forcing a full draw (the frame of the magnitudes too, which the
        # line y = 1 would otherwise cover). The curves stay inside the window, under the
        # legend and the text: the legend is static, drawn once.
        # The axes and titles have few states each, costly to draw (text): their pixels are
        # kept by state and pasted back (cache=True).
        self.animate(one, *self.ax_mag.spines.values(), self.ridge)
        self.animate(self.ax_hist.xaxis, self.ax_hist.yaxis, self.ax_hist.title, cache=True)
        self.animate(self.std_artists, self.grad_artists)
        self.animate(self.ax_mag.xaxis, self.ax_mag.yaxis, cache=True)
        self.animate(self.text)
        self.animate(self.ax_mag.title, cache=True)

    def _set_mag_window(self, limits: tuple[float, float]) -> None:
        """Show ``limits`` (values clipped to them, zeros at the bottom) and a free top third."""
        self.mag_limits = limits
        lo, hi = np.log10(limits)
        top = lo + (hi - lo) / 0.68  # the top third is left to the legend and the text
        self.ax_mag.set_ylim(10.0 ** (lo - 0.03 * (hi - lo)), 10.0**top)

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        activation = values["activation"]
        shown = self.shown(values["method"], activation, values["depth"])
        p = self.current = shown.result
        self.ridge.polygons.set_verts(shown.verts)
        if changed & {"activation", "depth"}:
            self.ridge.polygons.set_facecolor(_ridge_colors(len(shown.verts)))
            _style_ridge_axes(self.ax_hist, len(shown.verts), _activation_range(activation),
                              activation)
            self.ax_mag.set_xlim(0.4, values["depth"] + 1.6)
        self.ax_hist.set_title(  # plain Unicode: no mathtext to parse for each new number
            f"{values['method']}: std of W^[l] = {p.weight_std:.3g}", fontsize=10
        )
        if shown.limits != self.mag_limits:
            self._set_mag_window(shown.limits)
        _update_magnitude(self.std_artists, p.stds, -0.12, self.mag_limits)
        _update_magnitude(self.grad_artists, p.grad_norms, 0.12, self.mag_limits)
        self.ax_mag.set_title(shown.verdict, fontsize=10)
        self.text.set_text(shown.details)


def init_explorer(
    *,
    method: str = "he",
    activation: str = "relu",
    depth: int = 10,
    max_depth: int = 20,
    width: int = 100,
    m: int = 200,
    seed: int = 0,
    backend: str = "auto",
) -> InitExplorer:
    r"""Choose an initialization, an activation and a depth; watch activations and gradients.

    One forward and one backward pass (:func:`dlnotes.nn.forward`, :func:`dlnotes.nn.backward`)
    through ``depth`` hidden layers of ``width`` units on ``m`` standard-normal inputs, with a
    sigmoid output and random 0/1 labels. Left: the histogram of each hidden layer's
    activations. Right: their standard deviation and the gradient norms
    :math:`\lVert dW^{[l]}\rVert_F`, layer by layer, on a log scale.

    Parameters
    ----------
    method : str, default "he"
        One of :data:`_INIT_CHOICES`: "zeros", "random (x 0.01)", "random (x 10)", "xavier",
        "he", "glorot".
    activation : {"relu", "tanh"}, default "relu"
    depth : int, default 10
        Initial number of hidden layers (the slider goes from 2 to ``max_depth``).
    max_depth : int, default 20
    width : int, default 100
        Units per hidden layer, and input size.
    m : int, default 200
        Number of examples in the pass.
    seed : int, default 0
        Seeds the inputs, the labels and the weights: the same choice draws the same network.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    InitExplorer
        ``.controls`` (``"method"``, ``"activation"``, ``"depth"``), ``.figure``, ``.widget``;
        ``.current`` is the :class:`InitPass` on display.

    Notes
    -----
    What to look for. He with ReLU and "xavier" (LeCun's rule) with tanh keep the scale from
    layer to layer (:math:`\mathrm{Var}(w) = 2/n` or :math:`1/n`). "random (x 0.01)" makes
    every layer about :math:`0.01\sqrt{n}` times smaller than the one before: the activations
    and the gradients vanish. "random (x 10)" explodes under ReLU and saturates tanh at
    :math:`\pm 1`, where :math:`g'(z) = 1 - a^2 \approx 0` and gradients vanish again. "zeros"
    makes every unit of a layer identical and every hidden :math:`dW` zero: the symmetry the
    course warns about.

    Examples
    --------
    >>> ex = init_explorer(method="random (x 0.01)", depth=6, width=50, m=64)
    >>> bool(ex.current.stds[-1] < 1e-3 * ex.current.stds[0])       # vanishing
    True
    >>> ex.controls["method"].value = "zeros"
    >>> int(ex.current.distinct_units.max())                          # symmetry
    1
    """
    return InitExplorer(
        method=method, activation=activation, depth=depth, max_depth=max_depth, width=width,
        m=m, seed=seed, backend=backend,
    )
