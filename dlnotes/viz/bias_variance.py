r"""Bias / variance explorer: capacity, L2, dropout and data size against train and dev error.

A grid of small networks is trained once, when the explorer is built, on the "football field"
set of :func:`dlnotes.datasets.make_football` (the course's regularization example): one
batched sweep with :func:`dlnotes.sweeps.train_many` per capacity and training-set size, over every
``lambd`` x ``keep_prob`` pair. The sliders then only *select* a trained network: its decision
boundary, its train and dev errors, and the verdict of :func:`dlnotes.diagnosis.diagnose`.

The Bayes error of the football set is known from its construction: the true border
(:func:`dlnotes.datasets.football_border`) is the best possible classifier, so its error on the
dev set is the estimate handed to :func:`~dlnotes.diagnosis.diagnose`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import ListedColormap
from matplotlib.container import BarContainer
from matplotlib.image import AxesImage
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from .. import nn
from .._validation import (
    ArgumentTypeError,
    check_in_range,
    check_int,
    check_matrix,
    check_nonnegative,
    check_positive,
    describe,
)
from ..datasets import FOOTBALL_FIELD as FIELD
from ..datasets import _football_bayes_error, football_border, make_football
from ..diagnosis import diagnose
from ..experiments import layer_activations
from ..optim import Adam
from ..sweeps import train_many
from ._checks import check_resolution
from ._explorer import (
    Explorer,
    check_float_list,
    check_int_list,
    check_seed,
    choose_backend,
    selection_slider,
)
from .plots import new_axes

__all__ = [
    "bias_variance_explorer",
    "plot_decision_boundary",
    "plot_errors",
]

POINT_COLORS = ListedColormap(["#d62728", "#1f77b4"])
"""Class 0 red, class 1 blue, as in the course's football-field figures."""


# --------------------------------------------------------------------------- decision boundary


class Grid(NamedTuple):
    """A rectangular grid of points: ``xs`` ``(n1,)``, ``ys`` ``(n2,)``, ``X`` ``(2, n1 * n2)``.

    ``X`` holds the points in course convention (one per column), row-major over ``(ys, xs)``,
    so a prediction ``p`` of shape ``(1, n1 * n2)`` reshapes to an image ``p.reshape(n2, n1)``.
    """

    xs: np.ndarray
    ys: np.ndarray
    X: np.ndarray


def _decision_grid(X: np.ndarray, resolution: int = 100, margin: float = 0.1) -> Grid:
    """A grid covering the points ``X`` ``(2, m)`` with a relative ``margin`` on each side."""
    lo, hi = X.min(axis=1), X.max(axis=1)
    pad = margin * (hi - lo)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    g1, g2 = np.meshgrid(xs, ys)
    return Grid(xs, ys, np.stack([g1.ravel(), g2.ravel()]))


def _boundary_segments(xs: np.ndarray, ys: np.ndarray, P: np.ndarray) -> list[np.ndarray]:
    """The ``P = 0.5`` level set as a list of ``(k, 2)`` polylines (via contourpy)."""
    from contourpy import contour_generator

    if not (np.nanmin(P) < 0.5 < np.nanmax(P)):
        return []
    return [np.asarray(s) for s in contour_generator(xs, ys, P).lines(0.5)]


class BoundaryArtists(NamedTuple):
    """What :func:`_plot_probability_map` draws."""

    image: AxesImage
    """The predicted probability of class 1 on the grid, red (0) to blue (1)."""
    boundary: LineCollection
    """The decision boundary, the level set ``P = 0.5``."""
    points: PathCollection
    """The examples, coloured by label."""


def _plot_probability_map(
    grid: Grid, P: np.ndarray, X: np.ndarray, Y: np.ndarray, ax: Axes | None = None
) -> BoundaryArtists:
    r"""Draw a predicted probability map, its 0.5 boundary and the labelled examples.

    Parameters
    ----------
    grid : Grid
        From :func:`_decision_grid`.
    P : ndarray, shape (len(grid.ys), len(grid.xs))
        Predicted :math:`P(y=1\mid x)` at the grid points.
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m)
        0/1 labels.
    ax : matplotlib Axes, optional

    Returns
    -------
    BoundaryArtists
        ``(image, boundary, points)``.
    """
    ax = new_axes(ax, figsize=(5.0, 4.0))
    extent = (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1])
    image = ax.imshow(
        P, origin="lower", extent=extent, cmap="RdBu", vmin=0.0, vmax=1.0, alpha=0.45,
        aspect="auto", interpolation="bilinear",
    )
    boundary = LineCollection(_boundary_segments(grid.xs, grid.ys, P), colors="k", linewidths=1.5)
    ax.add_collection(boundary)
    points = ax.scatter(
        X[0], X[1], c=Y[0], cmap=POINT_COLORS, vmin=0, vmax=1, s=14, edgecolors="k",
        linewidths=0.4,
    )
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return BoundaryArtists(image, boundary, points)


def _update_probability_map(
    artists: BoundaryArtists, grid: Grid, P: np.ndarray, X: np.ndarray, Y: np.ndarray
) -> None:
    artists.image.set_data(P)
    artists.boundary.set_segments(_boundary_segments(grid.xs, grid.ys, P))
    artists.points.set_offsets(X.T)
    artists.points.set_array(Y[0])


def plot_decision_boundary(
    model, X: np.ndarray, Y: np.ndarray, ax: Axes | None = None, *, resolution: int = 100
) -> BoundaryArtists:
    r"""Decision boundary of a trained binary classifier on a 2-D set.

    Parameters
    ----------
    model : dlnotes.nn.Model or dict of ndarray
        A model from :func:`dlnotes.nn.train`, or its parameter dict ``{"W1", "b1", ...}``
        (ReLU hidden layers, sigmoid output).
    X : ndarray, shape (2, m)
        The points to show (and the region to cover), finite, ``m >= 1``.
    Y : ndarray, shape (1, m)
        Their 0/1 labels.
    ax : matplotlib Axes, optional
        By default a new :class:`~matplotlib.figure.Figure` (no pyplot).
    resolution : int, default 100
        Grid points per axis, 2 to 1000.

    Returns
    -------
    BoundaryArtists
        ``(image, boundary, points)``: the probability map, the ``P = 0.5`` line, the examples.
    """
    if not isinstance(model, (nn.Model, Mapping)):
        raise ArgumentTypeError(
            f"model must be a dlnotes.nn.Model (from nn.train) or its params dict "
            f"{{'W1': ..., 'b1': ...}}, got {describe(model)}"
        )
    X = check_matrix(X, "X", rows=2)
    if X.shape[1] < 1:
        raise ValueError(f"X must have at least one point (column), got shape {X.shape}")
    Y = check_matrix(Y, "Y", rows=1, cols=X.shape[1])
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError(f"Y must hold 0/1 labels, got values {np.unique(Y)[:6]}")
    resolution = check_resolution(resolution)
    grid = _decision_grid(X, resolution)
    params = model.params if isinstance(model, nn.Model) else model
    L = sum(1 for key in params if key.startswith("W"))
    P = layer_activations(model, grid.X)[f"A{L}"][0].reshape(len(grid.ys), len(grid.xs))
    return _plot_probability_map(grid, P, X, Y, ax)


# --------------------------------------------------------------------------- errors


class ErrorArtists(NamedTuple):
    """What :func:`plot_errors` draws: three bars and the two gap labels."""

    bars: BarContainer
    values: list[Text]
    bias_label: Text
    variance_label: Text


_ERROR_NAMES = ("Bayes", "train", "dev")


def plot_errors(
    train_error: float, dev_error: float, bayes_error: float = 0.0, ax: Axes | None = None
) -> ErrorArtists:
    """Bars of Bayes, train and dev error, with avoidable bias and variance written between them.

    Parameters
    ----------
    train_error, dev_error, bayes_error : float
        Fractions in [0, 1].
    ax : matplotlib Axes, optional

    Returns
    -------
    ErrorArtists
        ``(bars, values, bias_label, variance_label)``.
    """
    train_error = check_in_range(train_error, "train_error", 0.0, 1.0)
    dev_error = check_in_range(dev_error, "dev_error", 0.0, 1.0)
    bayes_error = check_in_range(bayes_error, "bayes_error", 0.0, 1.0)
    ax = new_axes(ax, figsize=(4.0, 3.0))
    bars = ax.bar(
        range(3), [bayes_error, train_error, dev_error], color=["0.6", "tab:green", "tab:orange"],
        width=0.6,
    )
    ax.set_xticks(range(3), [f"{n} error" for n in _ERROR_NAMES])
    ax.set_xlabel("the gaps between them: avoidable bias, variance", fontsize=8)
    ax.set_ylabel("error")
    ax.yaxis.set_major_formatter("{x:.0%}")
    values = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in range(3)]
    bias_label = ax.text(0.5, 0, "", ha="center", va="bottom", fontsize=8, color="tab:green")
    variance_label = ax.text(1.5, 0, "", ha="center", va="bottom", fontsize=8, color="tab:orange")
    artists = ErrorArtists(bars, values, bias_label, variance_label)
    _update_errors(artists, train_error, dev_error, bayes_error)
    return artists


def _update_errors(
    artists: ErrorArtists,
    train_error: float,
    dev_error: float,
    bayes_error: float,
    top: float | None = None,
) -> None:
    """Move the bars and labels; ``top`` fixes the y limit (by default it follows the bars)."""
    errors = (bayes_error, train_error, dev_error)
    if top is None:
        top = max(0.1, 1.35 * max(errors))
    for bar, text, e in zip(artists.bars, artists.values, errors, strict=True):
        bar.set_height(e)
        text.set_position((text.get_position()[0], e + 0.01 * top))
        text.set_text(f"{e:.1%}")
    artists.bias_label.set_text(f"avoidable bias\n{train_error - bayes_error:+.1%}")
    artists.bias_label.set_position((0.5, max(bayes_error, train_error) + 0.1 * top))
    artists.variance_label.set_text(f"variance\n{dev_error - train_error:+.1%}")
    artists.variance_label.set_position((1.5, max(train_error, dev_error) + 0.1 * top))
    ax = artists.bars.patches[0].axes
    if ax.get_ylim() != (0, top):  # setting equal limits would still force a full redraw
        ax.set_ylim(0, top)


def _blank(ax: Axes) -> None:
    """An axes that only holds text: no ticks, spines or background.

    Unlike ``set_axis_off`` its (empty) axes are still drawn, so they never stay stale and
    the explorer's fast redraw (blitting) keeps working.
    """
    ax.set_xticks([])
    ax.set_yticks([])
    ax.patch.set_visible(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _diagnosis_text(diagnosis, width: int = 50, max_remedies: int = 2) -> str:
    """A compact report of a :class:`~dlnotes.diagnosis.Diagnosis` for a figure, ``width`` wide.

    The verdict, the two gaps with the numbers they come from, the first ``max_remedies``
    remedies and, for each caveat, its first clause.
    """
    d = diagnosis
    lines = [
        f"Diagnosis: {d.verdict}",
        f"avoidable bias = train - Bayes = {d.train_error:.1%} - {d.bayes_error:.1%}"
        f" = {d.avoidable_bias:+.1%}",
        f"variance = dev - train = {d.dev_error:.1%} - {d.train_error:.1%}"
        f" = {d.variance:+.1%}",
    ]
    return "\n".join(_wrap(lines + _advice(d, max_remedies), width))


def _advice(d, max_remedies: int) -> list[str]:
    """The remedies and caveats of a diagnosis ``d``, one line each (unwrapped)."""
    lines = []
    if d.focus is not None:
        lines.append(f"focus on {d.focus} first; try:")
        lines += [f"  - {r}" for r in d.remedies[:max_remedies]]
    return lines + [f"note: {c.split(':')[0]}" for c in d.caveats]


def _wrap(lines: Sequence[str], width: int) -> list[str]:
    wrapped = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()))
        wrapped += textwrap.wrap(line, width, subsequent_indent=indent + "    ") or [""]
    return wrapped


_WORDING = ("Diagnosis:", "avoidable bias = train - Bayes", "    =", "variance = dev - train =")
"""The fixed wording of the explorer's report (see :func:`_diagnosis_layers`)."""


def _diagnosis_layers(diagnosis, width: int = 50, max_remedies: int = 2) -> tuple[str, str]:
    """The explorer's report, less :data:`_WORDING`, in two layers for a monospace font.

    The numbers (new with every network) and the verdict with the advice (a few variants),
    each in its own text over the same lines: laid over the fixed wording (a static text,
    drawn once), every character comes from the one layer where it is not a space. Overlaid,
    the layers read as :func:`_diagnosis_text` with the avoidable bias always wrapped.
    """
    d = diagnosis
    numbers = [
        "", "",
        f"      {d.train_error:.1%} - {d.bayes_error:.1%} = {d.avoidable_bias:+.1%}",
        " " * (len(_WORDING[3]) + 1)
        + f"{d.dev_error:.1%} - {d.train_error:.1%} = {d.variance:+.1%}",
    ]
    advice = [" " * (len(_WORDING[0]) + 1) + d.verdict, "", "", ""]
    advice += _wrap(_advice(d, max_remedies), width)
    return "\n".join(numbers), "\n".join(advice)


def _overlay(*layers: str) -> str:
    """Texts laid over each other, line by line and character by character (spaces are clear)."""
    rows = [layer.split("\n") for layer in layers]
    out = []
    for i in range(max(len(r) for r in rows)):
        line: list[str] = []
        for r in rows:
            for j, ch in enumerate(r[i] if i < len(r) else ""):
                if j >= len(line):
                    line.append(" ")
                if ch != " ":
                    line[j] = ch
        out.append("".join(line).rstrip())
    return "\n".join(out)


# --------------------------------------------------------------------------- explorer

_CAPACITIES: dict[str, tuple[int, ...]] = {
    "1 layer of 3 units": (3,),
    "2 layers of 8": (8, 8),
    "2 layers of 25": (25, 25),
}
"""The explorer's default capacities: label -> hidden layer sizes."""


class _Group(NamedTuple):
    """One batched sweep: a capacity and a training-set size, every (lambd, keep_prob)."""

    sweep: Any
    train_error: np.ndarray
    dev_error: np.ndarray


class BiasVarianceExplorer(Explorer):
    """Capacity, lambda, keep_prob, training-set size; see :func:`bias_variance_explorer`."""

    name = "bias / variance explorer"
    figsize = (10.0, 4.8)
    columns = 2

    def __init__(
        self,
        *,
        capacities: Mapping[str, Sequence[int]] | None = None,
        lambdas: Sequence[float] = (0.0, 0.1, 0.5, 2.0),
        keep_probs: Sequence[float] = (1.0, 0.7),
        sizes: Sequence[int] = (30, 100, 250),
        m_dev: int = 600,
        noise: float = 0.1,
        epochs: int = 300,
        learning_rate: float = 0.03,
        resolution: int = 70,
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        capacities = _CAPACITIES if capacities is None else capacities
        if not isinstance(capacities, Mapping) or not capacities:
            raise ArgumentTypeError(
                f"capacities must be a non-empty dict from a label to hidden layer sizes, "
                f"e.g. {{'1 x 3': (3,)}}, got {describe(capacities)}"
            )
        self.capacities = {k: check_int_list(v, f"capacities[{k!r}]", minimum=1)
                           for k, v in capacities.items()}
        self.lambdas = check_float_list(lambdas, "lambdas", 0.0, 1e6)
        self.keep_probs = check_float_list(keep_probs, "keep_probs", 1e-6, 1.0)
        self.sizes = check_int_list(sizes, "sizes", minimum=2)
        m_dev = check_int(m_dev, "m_dev", minimum=1)
        noise = check_nonnegative(noise, "noise")
        epochs = check_int(epochs, "epochs", minimum=1)
        learning_rate = check_positive(learning_rate, "learning_rate")
        resolution = check_int(resolution, "resolution", minimum=2, maximum=1000)
        seed = check_seed(seed)
        choose_backend(backend)
        X, Y = make_football(max(self.sizes) + m_dev, noise=noise, rng=np.random.default_rng(seed))
        self.X_pool, self.Y_pool = X[:, : max(self.sizes)], Y[:, : max(self.sizes)]
        self.X_dev, self.Y_dev = X[:, max(self.sizes):], Y[:, max(self.sizes):]
        Xb, Yb = make_football(4000, noise=noise, rng=np.random.default_rng(seed + 1))
        self.bayes_error = _football_bayes_error(Xb, Yb)
        """Error of the true border on 4,000 fresh points: the Bayes-error estimate."""
        self.grid = _decision_grid(np.array([[FIELD[0], FIELD[1]], [FIELD[2], FIELD[3]]]),
                                  resolution, margin=0.0)
        self.groups = self._train_all(int(epochs), float(learning_rate), seed)
        self._maps: dict[tuple[str, int, int], np.ndarray] = {}
        self._boundaries: dict[tuple[str, int, int], list[np.ndarray]] = {}
        self._images: dict[tuple[str, int, int], np.ndarray] = {}
        cmap = colormaps["RdBu"]
        for capacity, n in self.groups:  # every map and its boundary now: a change only picks
            for k in range(len(self.lambdas) * len(self.keep_probs)):
                P = self.probability_map(capacity, n, k)
                self._boundaries[capacity, n, k] = _boundary_segments(
                    self.grid.xs, self.grid.ys, P)
                # Coloured once, as bytes: an RGBA image skips the colour mapping at each
                # draw and a uint8 one resamples in about half the time of the floats.
                self._images[capacity, n, k] = cmap(P, bytes=True)
        labels = list(self.capacities)
        controls = {
            "capacity": selection_slider("hidden layers", labels, labels[-1]),
            "m_train": selection_slider("training examples", self.sizes, self.sizes[0]),
            "lambd": selection_slider("L2 λ (lambd)", self.lambdas, self.lambdas[0]),
            "keep_prob": selection_slider("dropout keep_prob", self.keep_probs,
                                          self.keep_probs[0]),
        }
        super().__init__(controls, backend=backend)

    def _train_all(self, epochs: int, learning_rate: float, seed: int) -> dict:
        """One :func:`~dlnotes.sweeps.train_many` per (capacity, size), all (lambd, keep_prob)."""
        lambd = np.repeat(self.lambdas, len(self.keep_probs))
        keep_prob = np.tile(self.keep_probs, len(self.lambdas))
        K = lambd.size
        groups = {}
        for label, hidden in self.capacities.items():
            for n in self.sizes:
                X, Y = self.X_pool[:, :n], self.Y_pool[:, :n]
                sweep = train_many(
                    X, Y, [2, *hidden, 1], optimizer=Adam(learning_rate), epochs=epochs,
                    rngs=[np.random.default_rng(seed) for _ in range(K)],
                    lambd=lambd, keep_prob=keep_prob, eval_every=epochs,
                )
                groups[label, n] = _Group(
                    sweep,
                    1.0 - nn.accuracy(sweep, X, Y),
                    1.0 - nn.accuracy(sweep, self.X_dev, self.Y_dev),
                )
        return groups

    def index(self, lambd: float, keep_prob: float) -> int:
        """Position of the model with ``(lambd, keep_prob)`` in each sweep."""
        return self.lambdas.index(lambd) * len(self.keep_probs) + self.keep_probs.index(keep_prob)

    def probability_map(self, capacity: str, m_train: int, k: int) -> np.ndarray:
        """:math:`P(y=1|x)` of one trained network on the grid (cached)."""
        key = (capacity, m_train, k)
        if key not in self._maps:
            model = self.groups[capacity, m_train].sweep.model(k)
            A = layer_activations(model, self.grid.X)
            P = A[f"A{model.config.L}"][0]
            self._maps[key] = P.reshape(len(self.grid.ys), len(self.grid.xs))
        return self._maps[key]

    def _diagnoses(self):
        """The diagnosis of every trained network."""
        for group in self.groups.values():
            for train, dev in zip(group.train_error, group.dev_error, strict=True):
                yield diagnose(float(train), float(dev), self.bayes_error)

    def _build(self) -> None:
        gs = self.figure.add_gridspec(2, 2, width_ratios=[1.35, 1], height_ratios=[1, 1.1])
        self.ax_map = self.figure.add_subplot(gs[:, 0])
        self.ax_err = self.figure.add_subplot(gs[0, 1])
        self.ax_txt = self.figure.add_subplot(gs[1, 1])
        n0 = self.sizes[0]
        P0 = np.full((len(self.grid.ys), len(self.grid.xs)), 0.5)
        self.boundary = _plot_probability_map(
            self.grid, P0, self.X_pool[:, :n0], self.Y_pool[:, :n0], self.ax_map
        )
        xs = np.linspace(FIELD[0], FIELD[1], 200)
        (border,) = self.ax_map.plot(xs, football_border(xs), "--", color="0.3", lw=1,
                                     label="true border")
        self.ax_map.plot([], [], color="k", lw=1.5, label="network's boundary")
        self.ax_map.legend(loc="lower left", fontsize=8, framealpha=0.9)
        self.ax_map.set_title(" ", fontsize=10)
        self.errors = plot_errors(0.0, 0.0, self.bayes_error, self.ax_err)
        self.ax_err.set_title(
            f"Bayes error ≈ {self.bayes_error:.1%} (the true border's error)", fontsize=9
        )
        _blank(self.ax_txt)
        # The report in three monospace layers over the same lines (see _diagnosis_layers):
        # the fixed wording is static, drawn once; the numbers are redrawn; the verdict and
        # advice have a few variants, whose pixels are kept (cache=True). Text is drawn
        # glyph by glyph, so a whole report redrawn would cost about 15 ms. One text a line,
        # on a fixed baseline: a multi-line text spaces its lines by their own glyphs.
        n_advice = max(len(_diagnosis_layers(d)[1].split("\n")) for d in self._diagnoses())

        def line(i: int, text: str = "") -> Text:
            offset = ScaledTranslation(0.0, -(8.1 + 11.0 * i) / 72, self.figure.dpi_scale_trans)
            return self.ax_txt.text(0.0, 1.0, text, transform=self.ax_txt.transAxes + offset,
                                    ha="left", va="baseline", fontsize=8.5, family="monospace")

        for i, words in enumerate(_WORDING):
            line(i, words)
        self.numbers = {i: line(i) for i in (2, 3)}
        self.advice = {i: line(i) for i in range(n_advice) if i not in (1, 2, 3)}
        worst = max(max(g.train_error.max(), g.dev_error.max()) for g in self.groups.values())
        self.error_top = max(0.1, 1.35 * max(worst, self.bayes_error))
        """A y limit that fits every trained network, so the axes never change."""
        # Only these change with the controls: redraws can blit them. What a full draw puts
        # on top of them (the true border and the frame over the map, the bottom spine over
        # the bars) is repainted after them, or the map's wash would cover it.
        self.animate(
            self.boundary.image, self.boundary.points, self.boundary.boundary, border,
            *self.ax_map.spines.values(), self.ax_map.title, self.errors.bars,
            self.ax_err.spines["bottom"], self.errors.values,
            self.errors.bias_label, self.errors.variance_label,
        )
        self.animate(self.advice.values(), cache=True)
        self.animate(self.numbers.values(), self.ax_map.get_legend())

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        capacity, n = values["capacity"], values["m_train"]
        k = self.index(values["lambd"], values["keep_prob"])
        group = self.groups[capacity, n]
        train_error, dev_error = float(group.train_error[k]), float(group.dev_error[k])
        self.boundary.image.set_data(self._images[capacity, n, k])
        self.boundary.boundary.set_segments(self._boundaries[capacity, n, k])
        if "m_train" in changed:
            self.boundary.points.set_offsets(self.X_pool[:, :n].T)
            self.boundary.points.set_array(self.Y_pool[0, :n])
        dims = [2, *self.capacities[capacity], 1]
        self.ax_map.set_title(
            f"{dims}, m = {n}, λ = {values['lambd']:g}, keep_prob = {values['keep_prob']:g}",
            fontsize=10,
        )
        _update_errors(self.errors, train_error, dev_error, self.bayes_error, self.error_top)
        self.diagnosis = diagnose(train_error, dev_error, self.bayes_error)
        numbers, advice = _diagnosis_layers(self.diagnosis)
        for texts, layer in ((self.numbers, numbers), (self.advice, advice)):
            lines = layer.split("\n")
            for i, text in texts.items():
                text.set_text(lines[i] if i < len(lines) else "")
        self.report = _overlay("\n".join(_WORDING), numbers, advice)
        """The report on display, as one text."""


def bias_variance_explorer(
    *,
    capacities: Mapping[str, Sequence[int]] | None = None,
    lambdas: Sequence[float] = (0.0, 0.1, 0.5, 2.0),
    keep_probs: Sequence[float] = (1.0, 0.7),
    sizes: Sequence[int] = (30, 100, 250),
    m_dev: int = 600,
    noise: float = 0.1,
    epochs: int = 300,
    learning_rate: float = 0.03,
    resolution: int = 70,
    seed: int = 0,
    backend: str = "auto",
) -> BiasVarianceExplorer:
    r"""Capacity, L2, dropout and training-set size against the decision boundary and the errors.

    Every network of the grid (capacities x sizes x lambdas x keep_probs) is trained when the
    explorer is built, one :func:`dlnotes.sweeps.train_many` call per capacity and size; the
    controls then only choose one. Left: its decision boundary on the football field, with the
    true border dashed. Right: Bayes, train and dev error, and the verdict of
    :func:`dlnotes.diagnosis.diagnose`.

    Parameters
    ----------
    capacities : dict from label to hidden layer sizes, optional
        Default :data:`_CAPACITIES`: one layer of 3 units (too small: high bias), two of 8, two
        of 25 (enough to memorize 30 points: high variance).
    lambdas : sequence of float, default (0, 0.1, 0.5, 2)
        L2 strengths :math:`\lambda` (cost term :math:`\frac{\lambda}{2m}\sum\lVert W\rVert_F^2`).
    keep_probs : sequence of float, default (1, 0.7)
        Dropout keep probabilities.
    sizes : sequence of int, default (30, 100, 250)
        Training-set sizes, nested: the first ``m`` points of one pool.
    m_dev : int, default 600
        Dev-set size.
    noise : float, default 0.1
        Label noise of :func:`dlnotes.datasets.make_football` (sets the Bayes error).
    epochs, learning_rate
        Full-batch Adam training of every network.
    resolution : int, default 70
        Grid points per axis of the probability map.
    seed : int, default 0
        Seeds the data and the (shared) initial weights.
    backend : {"auto", "ipympl", "image", "agg"}

    Returns
    -------
    BiasVarianceExplorer
        ``.controls`` (``"capacity"``, ``"m_train"``, ``"lambd"``, ``"keep_prob"``),
        ``.figure``, ``.widget``; ``.diagnosis`` is the :class:`~dlnotes.diagnosis.Diagnosis`
        on display, ``.groups`` the trained sweeps.

    Examples
    --------
    >>> ex = bias_variance_explorer(capacities={"3": (3,), "16x16": (16, 16)}, lambdas=(0.0,),
    ...                             keep_probs=(1.0,), sizes=(30,), epochs=100)
    >>> ex.diagnosis.verdict in {"high bias", "high variance", "high bias and high variance",
    ...                          "good fit"}
    True
    """
    return BiasVarianceExplorer(
        capacities=capacities, lambdas=lambdas, keep_probs=keep_probs, sizes=sizes,
        m_dev=m_dev, noise=noise, epochs=epochs, learning_rate=learning_rate,
        resolution=resolution, seed=seed, backend=backend,
    )
