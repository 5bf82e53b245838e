r"""Regularization explorer: L2 against L1, weight histograms, exact zeros, matrix norms.

A small softmax network is trained on a subset of the 8x8 digits once per penalty strength,
for L2 (weight decay, :func:`dlnotes.regularization.l2_grad`) and for L1 through its proximal
step (:func:`dlnotes.regularization.l1_proximal_step`). The explorer then shows, for the chosen
penalty and strength, the histogram of the first weight matrix ``W1``, the matrix itself (exact
zeros are white), the fraction of exact zeros against the strength, and the three matrix norms
of ``W1`` (:func:`dlnotes.regularization.matrix_norms`).

What it makes visible: the notes' "L1 makes w sparse" holds for the proximal step, whose
soft-threshold sets weights *exactly* to zero; L2 only shrinks them, and leaves no exact zero.
And the notes' "Frobenius norm, L2 for matrixes" is one of three norms: the spectral norm (the
induced L2 norm) is smaller, the nuclear norm larger.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import StepPatch

from .. import nn
from .._validation import (
    ArgumentTypeError,
    check_array,
    check_choice,
    check_int,
    check_matrix,
    check_positive,
    describe,
)
from ..datasets import labels_from_one_hot, load_digits
from ..experiments import layer_activations, train_l1
from ..optim import GradientDescent
from ..regularization import matrix_norms
from ..sweeps import train_many
from ._checks import check_bins, check_mapping, check_values
from ._explorer import Explorer, check_float_list, check_seed, choose_backend, selection_slider
from .plots import new_axes

__all__ = [
    "regularization_explorer",
    "plot_matrix_norms",
    "plot_sparsity",
    "plot_weight_histograms",
    "plot_weight_matrix",
    "sparsity",
]

PENALTY_COLORS = {"L2": "tab:blue", "L1": "tab:orange"}
NORM_STYLES = {"spectral": ":", "frobenius": "-", "nuclear": "--"}
NORM_NAMES = tuple(NORM_STYLES)


def sparsity(W: np.ndarray) -> float:
    """Fraction of the entries of ``W`` that are exactly 0 (not merely small)."""
    W = np.asarray(W)
    return float(np.count_nonzero(W == 0.0) / W.size) if W.size else 0.0


# --------------------------------------------------------------------------- histograms


class HistogramArtists(NamedTuple):
    """One weight histogram: the outline of the nonzero weights, and a stem for exact zeros."""

    steps: StepPatch
    zeros: Line2D


def _histogram(W: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, float]:
    """Fraction of all entries per bin (nonzero entries only), and the fraction exactly 0."""
    w = np.asarray(W, dtype=np.float64).ravel()
    nonzero = w[w != 0.0]
    counts = np.histogram(np.clip(nonzero, edges[0], edges[-1]), bins=edges)[0]
    return counts / max(w.size, 1), sparsity(w)


def _symmetric_edges(weights: Sequence[np.ndarray], bins: int) -> np.ndarray:
    top = max((float(np.max(np.abs(W))) for W in weights if np.size(W)), default=1.0)
    top = top if top > 0 else 1.0
    return np.linspace(-top, top, bins + 1)


def plot_weight_histograms(
    weights: Mapping[str, np.ndarray],
    ax: Axes | None = None,
    *,
    bins: int = 41,
    edges: np.ndarray | None = None,
) -> dict[str, HistogramArtists]:
    r"""Overlaid histograms of weight matrices, with exact zeros drawn as a separate stem.

    Parameters
    ----------
    weights : mapping from a label to ndarray
        E.g. ``{"L2": W1_l2, "L1": W1_l1}``; each any shape, finite.
    ax : matplotlib Axes, optional
    bins : int, default 41
        Number of bins (1 to 10,000) over a symmetric range that covers every matrix.
    edges : ndarray, optional
        Increasing bin edges to use instead (values beyond them go to the end bins).

    Returns
    -------
    dict from label to HistogramArtists
        ``(steps, zeros)`` per matrix: a :class:`~matplotlib.patches.StepPatch` of the fraction
        of entries per bin, *not counting exact zeros*, and a stem at 0 whose height is the
        fraction of entries that are exactly 0 (an L1 proximal step makes many; L2 none).

    Notes
    -----
    The y axis is logarithmic so that a few percent of nonzero weights stay visible next to a
    stem of 90% zeros.
    """
    weights = check_mapping(weights, "weights", "a weight matrix")
    weights = {label: check_array(W, f"weights[{label!r}]") for label, W in weights.items()}
    bins = check_bins(bins)
    if edges is not None:
        edges = check_values(edges, "edges")
        if edges.size < 2 or not np.all(np.diff(edges) > 0):
            raise ValueError(
                f"edges must be at least 2 increasing bin edges, got {describe(edges)}"
            )
    ax = new_axes(ax, figsize=(5.0, 4.0))
    if edges is None:
        edges = _symmetric_edges(list(weights.values()), bins)
    artists = {}
    for label, W in weights.items():
        color = PENALTY_COLORS.get(label)
        frac, zero = _histogram(W, edges)
        steps = ax.stairs(
            np.maximum(frac, 1e-12), edges, color=color, lw=1.5, label=f"{label} (nonzero)",
            baseline=None,
        )
        (zeros,) = ax.plot(
            [0.0, 0.0], [1e-12, max(zero, 1e-12)], color=color, lw=4, alpha=0.6,
            solid_capstyle="butt", label=f"{label}: exactly 0",
        )
        artists[label] = HistogramArtists(steps, zeros)
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 1.5)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel("weight value $W^{[1]}_{ij}$")
    ax.set_ylabel("fraction of weights")
    return artists


def _update_histogram(artists: HistogramArtists, W: np.ndarray, edges: np.ndarray) -> None:
    frac, zero = _histogram(W, edges)
    artists.steps.set_data(np.maximum(frac, 1e-12), edges)
    artists.zeros.set_data([0.0, 0.0], [1e-12, max(zero, 1e-12)])


# --------------------------------------------------------------------------- the matrix itself


def plot_weight_matrix(W: np.ndarray, ax: Axes | None = None, *, vmax: float | None = None):
    """``W`` as an image, red negative, blue positive, exact zeros white.

    Parameters
    ----------
    W : ndarray, shape (n_l, n_{l-1})
        Finite, at least one entry.
    ax : matplotlib Axes, optional
    vmax : float > 0, optional
        Colour scale ``[-vmax, vmax]``; by default ``max |W|``.

    Returns
    -------
    matplotlib.image.AxesImage
    """
    W = check_matrix(W, "W")
    if W.size == 0:
        raise ValueError(f"W must have at least one entry, got shape {W.shape}")
    if vmax is not None:
        vmax = check_positive(vmax, "vmax")
    ax = new_axes(ax, figsize=(5.0, 4.0))
    if vmax is None:
        vmax = float(np.max(np.abs(W))) if W.size and np.max(np.abs(W)) > 0 else 1.0
    image: AxesImage = ax.imshow(
        W, cmap="RdBu", vmin=-vmax, vmax=vmax, aspect="auto", interpolation="nearest"
    )
    ax.set_xlabel("input unit $j$ (column of $W^{[1]}$)")
    ax.set_ylabel("hidden unit $i$")
    return image


# --------------------------------------------------------------------------- against lambda


def _marker(ax: Axes, x: float, y: float, color: str | None) -> Line2D:
    (m,) = ax.plot([x], [y], "o", ms=10, mfc="none", mew=1.5, mec="k", zorder=5)
    return m


def _x_positions(lambdas: Sequence[float]) -> np.ndarray:
    """Plot positions for the strengths: ``lambd`` itself, with 0 put one decade below the rest."""
    lam = np.asarray(lambdas, dtype=np.float64)
    positive = lam[lam > 0]
    zero_at = positive.min() / 10 if positive.size else 1.0
    return np.where(lam > 0, lam, zero_at)


def _check_lambdas(lambdas: Any) -> np.ndarray:
    """The penalty strengths: a non-empty 1-D sequence of finite numbers >= 0."""
    return check_values(lambdas, "lambdas", low=0.0)


def _lambda_axis(ax: Axes, lambdas: Sequence[float]) -> None:
    x = _x_positions(lambdas)
    ax.set_xscale("log")
    ax.set_xticks(x, [f"{v:g}" for v in lambdas])
    ax.minorticks_off()
    ax.set_xlabel("penalty strength $\\lambda$")


def plot_sparsity(
    lambdas: Sequence[float],
    sparsities: Mapping[str, Sequence[float]],
    ax: Axes | None = None,
    *,
    current: tuple[str, int] | None = None,
) -> dict[str, Line2D]:
    """Fraction of exact zeros in ``W1`` against the penalty strength, one line per penalty.

    Parameters
    ----------
    lambdas : sequence of float
        The strengths (finite, >= 0), increasing; 0 is drawn one decade left of the smallest
        positive one.
    sparsities : mapping from penalty label to sequence of float
        E.g. ``{"L2": [...], "L1": [...]}``, one value in [0, 1] per strength.
    ax : matplotlib Axes, optional
    current : (label, index), optional
        Circle this point (the explorer's current choice).

    Returns
    -------
    dict from label to Line2D
        Plus ``"current"``: the circle marker (hidden if ``current`` is None).
    """
    lambdas = _check_lambdas(lambdas)
    sparsities = {
        label: check_values(s, f"sparsities[{label!r}]", length=lambdas.size, low=0.0, high=1.0)
        for label, s in check_mapping(sparsities, "sparsities", "a curve per penalty").items()
    }
    if current is not None:
        if not (isinstance(current, (tuple, list)) and len(current) == 2):
            raise ArgumentTypeError(
                f"current must be None or (label, index), got {describe(current)}"
            )
        check_choice(current[0], "current[0]", sparsities)
        check_int(current[1], "current[1]", minimum=0, maximum=lambdas.size - 1)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    x = _x_positions(lambdas)
    lines = {}
    for label, s in sparsities.items():
        (lines[label],) = ax.plot(
            x, s, "o-", ms=4, color=PENALTY_COLORS.get(label), label=label
        )
    label, i = current if current is not None else (next(iter(sparsities)), 0)
    lines["current"] = _marker(ax, x[i], sparsities[label][i], PENALTY_COLORS.get(label))
    lines["current"].set_visible(current is not None)
    _lambda_axis(ax, lambdas)
    ax.set_ylim(-0.03, 1.03)
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.set_ylabel("exact zeros in $W^{[1]}$")
    return lines


def plot_matrix_norms(
    lambdas: Sequence[float],
    norms: Mapping[str, Sequence[float]],
    ax: Axes | None = None,
    *,
    current: int | None = None,
    color: str | None = None,
    label: str = "",
) -> dict[str, Line2D]:
    """The three matrix norms of ``W1`` against the penalty strength.

    Parameters
    ----------
    lambdas : sequence of float
        As for :func:`plot_sparsity`.
    norms : mapping with keys "spectral", "frobenius", "nuclear"
        One value per strength each, finite and >= 0 (from
        :func:`dlnotes.regularization.matrix_norms`).
    ax : matplotlib Axes, optional
    current : int, optional
        Index of the strength to circle on each line.
    color : str, optional
    label : str, optional
        Prefix of the legend labels (e.g. ``"L1 "``).

    Returns
    -------
    dict from norm name to Line2D
        Plus ``"current"``: the circles at the chosen strength.
    """
    lambdas = _check_lambdas(lambdas)
    norms = {
        name: check_values(v, f"norms[{name!r}]", length=lambdas.size, low=0.0)
        for name, v in check_mapping(norms, "norms", "a curve per norm", keys=NORM_NAMES).items()
    }
    if current is not None:
        current = check_int(current, "current", minimum=0, maximum=lambdas.size - 1)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    x = _x_positions(lambdas)
    lines = {}
    for name in ("nuclear", "frobenius", "spectral"):
        (lines[name],) = ax.plot(
            x, norms[name], NORM_STYLES[name], marker="o", ms=3, color=color,
            label=f"{label}{name}",
        )
    i = 0 if current is None else current
    (lines["current"],) = ax.plot(
        [x[i]] * 3, [norms[n][i] for n in ("nuclear", "frobenius", "spectral")], "o", ms=8,
        mfc="none", mew=1.5, mec="k", zorder=5,
    )
    lines["current"].set_visible(current is not None)
    _lambda_axis(ax, lambdas)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("norm of $W^{[1]}$")
    return lines


# --------------------------------------------------------------------------- training


class PenaltyRun(NamedTuple):
    """The networks trained with one penalty, one per strength."""

    W1: list[np.ndarray]
    """The first weight matrix of each network, ``(n_1, n_x)``."""
    dev_accuracy: np.ndarray
    sparsity: np.ndarray
    norms: dict[str, np.ndarray]
    """``"spectral"``, ``"frobenius"``, ``"nuclear"``: one value per strength each."""


def _summarize(W1s: list[np.ndarray], accuracies: Sequence[float]) -> PenaltyRun:
    norms = [matrix_norms(W) for W in W1s]
    return PenaltyRun(
        W1s,
        np.asarray(accuracies, dtype=np.float64),
        np.array([sparsity(W) for W in W1s]),
        {k: np.array([n[k] for n in norms]) for k in ("spectral", "frobenius", "nuclear")},
    )


def _weight_tiles(W: np.ndarray, columns: int = 4, side: int = 8) -> np.ndarray:
    """RGBA image of the rows of ``W`` ``(n, side*side)`` as ``side x side`` tiles.

    Each row of ``W1`` is what a hidden unit looks for in the 8x8 image. Red is negative, blue
    positive (scale: the largest ``|W|``), **exact zeros are dark grey**, gaps white.
    """
    from matplotlib import colormaps

    n = W.shape[0]
    rows = int(np.ceil(n / columns))
    img = np.ones((rows * (side + 1) - 1, columns * (side + 1) - 1, 4))
    vmax = float(np.max(np.abs(W))) or 1.0
    rgba = colormaps["RdBu"](0.5 + 0.5 * W / vmax)
    rgba[W == 0.0] = (0.25, 0.25, 0.25, 1.0)
    for i in range(n):
        r, c = divmod(i, columns)
        img[r * (side + 1): r * (side + 1) + side, c * (side + 1): c * (side + 1) + side] = (
            rgba[i].reshape(side, side, 4)
        )
    return img


# --------------------------------------------------------------------------- explorer


class RegularizationExplorer(Explorer):
    """L2 and L1 strength on a small digits network; see :func:`regularization_explorer`."""

    name = "regularization explorer"
    figsize = (10.0, 6.4)
    columns = 2

    def __init__(
        self,
        *,
        lambdas: Sequence[float] = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0),
        l2: float | None = None,
        l1: float | None = None,
        hidden: int = 16,
        m_train: int = 400,
        m_dev: int = 300,
        epochs: int = 250,
        learning_rate: float = 0.5,
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        self.lambdas = check_float_list(lambdas, "lambdas", 0.0, 1e6)
        for name, value in (("l2", l2), ("l1", l1)):
            if value is not None:
                check_choice(value, name, self.lambdas)
        digits = load_digits()
        n_digits = digits.X.shape[1]
        hidden = check_int(hidden, "hidden", minimum=1)
        m_train = check_int(m_train, "m_train", minimum=1, maximum=n_digits - 1)
        m_dev = check_int(m_dev, "m_dev", minimum=1, maximum=n_digits - m_train)
        epochs = check_int(epochs, "epochs", minimum=1)
        learning_rate = check_positive(learning_rate, "learning_rate")
        seed = check_seed(seed)
        choose_backend(backend)
        self._x = _x_positions(self.lambdas)
        order = np.random.default_rng(seed).permutation(digits.X.shape[1])
        train, dev = order[:m_train], order[m_train: m_train + m_dev]
        X, Y = digits.X[:, train], digits.Y[:, train]
        self.X_dev, self.Y_dev = digits.X[:, dev], digits.Y[:, dev]
        self.layer_dims = [X.shape[0], int(hidden), Y.shape[0]]
        self.runs = {
            "L2": self._train_l2(X, Y, epochs, learning_rate, seed),
            "L1": self._train_l1(X, Y, epochs, learning_rate, seed),
        }
        allW = [W for run in self.runs.values() for W in run.W1]
        self.edges = _symmetric_edges(allW, 41)
        controls = {
            "l2": selection_slider("L2 λ", self.lambdas, self.lambdas[0] if l2 is None else l2,
                                   arg="l2"),
            "l1": selection_slider("L1 λ", self.lambdas, self.lambdas[0] if l1 is None else l1,
                                   arg="l1"),
        }
        super().__init__(controls, backend=backend)

    def _dev_accuracy(self, model_or_params: Any) -> float:
        A = layer_activations(model_or_params, self.X_dev)
        probs = A[f"A{len(self.layer_dims) - 1}"]
        return float(np.mean(np.argmax(probs, axis=0) == labels_from_one_hot(self.Y_dev)))

    def _train_l2(self, X, Y, epochs, learning_rate, seed) -> PenaltyRun:
        sweep = train_many(
            X, Y, self.layer_dims, optimizer=GradientDescent(learning_rate), epochs=epochs,
            rngs=[np.random.default_rng(seed) for _ in self.lambdas], lambd=list(self.lambdas),
            eval_every=epochs,
        )
        acc = nn.accuracy(sweep, self.X_dev, self.Y_dev)
        return _summarize([W.copy() for W in sweep.params["W1"]], acc)

    def _train_l1(self, X, Y, epochs, learning_rate, seed) -> PenaltyRun:
        params = [
            train_l1(X, Y, self.layer_dims, lam, learning_rate=learning_rate, epochs=epochs,
                     rng=np.random.default_rng(seed))
            for lam in self.lambdas
        ]
        return _summarize([p["W1"] for p in params], [self._dev_accuracy(p) for p in params])

    def _build(self) -> None:
        fig = self.figure
        gs = fig.add_gridspec(2, 3, width_ratios=[1.3, 1, 1])
        self.ax_hist = fig.add_subplot(gs[0, 0])
        self.ax_img = {"L2": fig.add_subplot(gs[0, 1]), "L1": fig.add_subplot(gs[0, 2])}
        self.ax_sparse = fig.add_subplot(gs[1, 0])
        self.ax_norms = fig.add_subplot(gs[1, 1:])
        first = {p: run.W1[0] for p, run in self.runs.items()}
        self.hist = plot_weight_histograms(first, self.ax_hist, edges=self.edges)
        self.ax_hist.legend(fontsize=7, loc="upper right")
        self.ax_hist.set_title("histogram of $W^{[1]}$", fontsize=10)
        self.images = {}
        for p, ax in self.ax_img.items():
            self.images[p] = ax.imshow(_weight_tiles(first[p]), interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(" ", fontsize=9)
            ax.set_xlabel("rows of $W^{[1]}$ as 8x8 images\n(dark grey: exactly 0)", fontsize=8)
            ax.set_ylabel("one tile per hidden unit", fontsize=8)
        self.sparse = plot_sparsity(
            self.lambdas, {p: run.sparsity for p, run in self.runs.items()}, self.ax_sparse
        )
        self.sparse_marks = {
            p: self.ax_sparse.plot([], [], "o", ms=10, mfc="none", mew=1.5, mec="k", zorder=5)[0]
            for p in self.runs
        }
        self.sparse["current"].remove()
        self.ax_sparse.legend(fontsize=8, loc="center left")
        self.norms = {
            p: plot_matrix_norms(
                self.lambdas, run.norms, self.ax_norms, current=0, color=PENALTY_COLORS[p],
                label=f"{p}: ",
            )
            for p, run in self.runs.items()
        }
        self.ax_norms.legend(fontsize=7, ncols=2, loc="upper right")
        self.ax_norms.set_title(
            "matrix norms of $W^{[1]}$: spectral $\\leq$ Frobenius $\\leq$ nuclear", fontsize=9
        )
        # Only these change with the controls (the limits are fixed): redraws can blit them.
        self.animate(
            [(h.steps, h.zeros) for h in self.hist.values()], self.images.values(),
            [ax.title for ax in self.ax_img.values()], self.sparse_marks.values(),
            [n["current"] for n in self.norms.values()],
        )

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        x = self._x  # the slider positions of the lambdas, fixed at construction
        for p, key in (("L2", "l2"), ("L1", "l1")):
            run, i = self.runs[p], self.lambdas.index(values[key])
            W = run.W1[i]
            _update_histogram(self.hist[p], W, self.edges)
            self.images[p].set_data(_weight_tiles(W))
            self.ax_img[p].set_title(
                f"{p}, λ = {values[key]:g}: {run.sparsity[i]:.0%} zeros,\n"
                f"dev accuracy {run.dev_accuracy[i]:.1%}", fontsize=9,
            )
            self.sparse_marks[p].set_data([x[i]], [run.sparsity[i]])
            names = ("nuclear", "frobenius", "spectral")
            self.norms[p]["current"].set_data([x[i]] * 3, [run.norms[n][i] for n in names])


def regularization_explorer(
    *,
    lambdas: Sequence[float] = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0),
    l2: float | None = None,
    l1: float | None = None,
    hidden: int = 16,
    m_train: int = 400,
    m_dev: int = 300,
    epochs: int = 250,
    learning_rate: float = 0.5,
    seed: int = 0,
    backend: str = "auto",
) -> RegularizationExplorer:
    r"""L2 against L1: weight histograms, exact zeros and the matrix norms of ``W1``.

    A ``[64, hidden, 10]`` softmax network is trained on ``m_train`` of the 8x8 digits once per
    strength in ``lambdas`` and per penalty, from the same initial weights and with the same
    full-batch gradient descent: L2 with :func:`dlnotes.sweeps.train_many` (one batched sweep), L1
    with its proximal step (:func:`train_l1`). The two sliders choose the L2 and the L1
    strength.

    Parameters
    ----------
    lambdas : sequence of float
        The strengths :math:`\lambda`, increasing, for both penalties (L2:
        :math:`\frac{\lambda}{2m}\sum\lVert W\rVert_F^2`; L1:
        :math:`\frac{\lambda}{m}\sum\lVert W\rVert_1`).
    l2, l1 : float, optional
        Initial slider values (the first strength by default).
    hidden : int, default 16
        Hidden units (``W1`` is ``(hidden, 64)``).
    m_train, m_dev : int
        Training and dev examples, drawn without overlap from the 1,797 digits.
    epochs, learning_rate
        Full-batch gradient descent.
    seed : int, default 0
        Seeds the split and the initial weights.
    backend : {"auto", "ipympl", "image", "agg"}

    Returns
    -------
    RegularizationExplorer
        ``.controls`` (``"l2"``, ``"l1"``), ``.figure``, ``.widget``; ``.runs["L2"]`` and
        ``.runs["L1"]`` hold each strength's ``W1``, dev accuracy, sparsity and norms.

    Notes
    -----
    L1's soft-threshold sets a weight to exactly zero whenever its gradient step lands within
    :math:`\alpha\lambda/m` of zero: the weights of the always-blank border pixels go first.
    L2 multiplies every weight by :math:`1 - \alpha\lambda/m` each step ("weight decay"):
    small, never zero.

    Examples
    --------
    >>> ex = regularization_explorer(lambdas=(0.0, 3.0), epochs=30, m_train=200, m_dev=100)
    >>> float(ex.runs["L2"].sparsity[1]), bool(ex.runs["L1"].sparsity[1] > 0.2)
    (0.0, True)
    """
    return RegularizationExplorer(
        lambdas=lambdas, l2=l2, l1=l1, hidden=hidden, m_train=m_train, m_dev=m_dev,
        epochs=epochs, learning_rate=learning_rate, seed=seed, backend=backend,
    )
