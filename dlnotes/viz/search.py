r"""Search explorer: grid against random search, linear against log scale, coarse to fine.

Two hyperparameters of very unequal importance are searched, the learning rate :math:`\alpha`
(which matters) and a second one that barely does, by :func:`dlnotes.tuning.grid_search` or
:func:`dlnotes.tuning.random_search` and then zoomed in rounds (:func:`dlnotes.tuning.zoom`).
Every round's trials are *real* trainings: the objective trains all of them as one stack of
networks with :func:`dlnotes.sweeps.train_many` and returns their dev errors. Everything is trained
once, when the explorer is built; the controls only choose what to show.

What it makes visible (Bergstra & Bengio 2012, Figure 1): projected on the axis that matters,
a :math:`4 \times 4` grid has tried only 4 learning rates, 16 random trials have tried 16. And
sampling :math:`\alpha` uniformly on a linear scale puts almost every trial in the top decade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullLocator

from .. import nn
from .._validation import ArgumentTypeError, check_choice, check_int, describe
from ..datasets import make_moons
from ..optim import Adam
from ..sweeps import train_many
from ..tuning import Dimension, Trials, coarse_to_fine
from ._checks import check_values
from ._explorer import Explorer, check_float_list, check_seed, choose_backend, dropdown, int_slider
from .plots import new_axes

__all__ = [
    "plot_search_projection",
    "plot_search_trials",
    "search_explorer",
]

ROUND_MARKERS = ("o", "s", "^", "D")


class TrialArtists(NamedTuple):
    """What :func:`plot_search_trials` draws."""

    points: PathCollection
    """Every trial, coloured by its score."""
    best: Line2D
    """A star on the best trial."""


def _no_minor_ticks(ax: Axes) -> None:
    """Log axes over many decades get dozens of minor ticks, slow to lay out and draw."""
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_minor_locator(NullLocator())


def _offsets(x: Sequence[float], y: Sequence[float]) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return np.column_stack([x, y]) if x.size else np.empty((0, 2))


_NAN_SCORE = "a diverged trial"


def _check_scales(scales: Any, name: str, n: int) -> tuple[str, ...]:
    if isinstance(scales, str) or not isinstance(scales, (tuple, list)) or len(scales) != n:
        raise ArgumentTypeError(
            f"{name} must be {n} of 'log' or 'linear', got {describe(scales)}"
        )
    return tuple(check_choice(v, name, ("log", "linear")) for v in scales)


def _check_coordinate(x: Any, name: str, scale: str, length: int | None = None) -> np.ndarray:
    """A 1-D finite array of hyperparameter values (> 0 for a log axis); may be empty."""
    x = check_values(x, name, nonempty=False, length=length)
    if scale == "log" and np.any(x <= 0):
        raise ValueError(f"{name} must be > 0 on a log axis, got a minimum of {x.min():g}")
    return x


def _best(scores: np.ndarray) -> int | None:
    finite = np.isfinite(scores)
    return int(np.argmin(np.where(finite, scores, np.inf))) if finite.any() else None


def plot_search_trials(
    x: Sequence[float],
    y: Sequence[float],
    scores: Sequence[float],
    ax: Axes | None = None,
    *,
    names: tuple[str, str] = ("$\\alpha$", "second hyperparameter"),
    scales: tuple[str, str] = ("log", "log"),
    norm: Normalize | None = None,
    cmap: str = "viridis_r",
) -> TrialArtists:
    r"""The trials of a search in the plane of two hyperparameters, coloured by score.

    Parameters
    ----------
    x, y : sequence of float, shape (n_trials,)
        The two hyperparameters of each trial (e.g. ``trials.params["alpha"]``); finite, and
        > 0 on a log axis.
    scores : sequence of float, shape (n_trials,)
        Lower is better (a dev error); ``nan`` (a diverged run) is drawn grey, an infinity is
        refused.
    ax : matplotlib Axes, optional
        By default a new :class:`~matplotlib.figure.Figure` (no pyplot).
    names : (str, str)
        Axis labels.
    scales : (str, str)
        ``"log"`` or ``"linear"`` for each axis.
    norm : matplotlib Normalize, optional
        The colour scale (the range of ``scores`` by default).
    cmap : str, default "viridis_r"
        Good (low) scores are bright.

    Returns
    -------
    TrialArtists
        ``(points, best)``: a scatter of the trials and a star on the best one.
    """
    scales = _check_scales(scales, "scales", 2)
    x = _check_coordinate(x, "x", scales[0])
    y = _check_coordinate(y, "y", scales[1], length=x.size)
    s = check_values(scores, "scores", nonempty=False, nan=_NAN_SCORE, length=x.size)
    if norm is not None and not isinstance(norm, Normalize):
        raise ArgumentTypeError(
            f"norm must be None or a matplotlib.colors.Normalize, got {describe(norm)}"
        )
    ax = new_axes(ax, figsize=(5.0, 4.0))
    if norm is None:
        finite = s[np.isfinite(s)]
        norm = Normalize(finite.min(), finite.max()) if finite.size else Normalize(0, 1)
    from matplotlib import colormaps

    points = ax.scatter(
        np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), c=s,
        cmap=colormaps[cmap].with_extremes(bad="0.75"), norm=norm, s=36, edgecolors="k",
        linewidths=0.5, plotnonfinite=True, zorder=3,
    )
    (best,) = ax.plot([], [], "*", ms=16, mfc="gold", mec="k", zorder=4, label="best trial")
    i = _best(s)
    if i is not None:
        best.set_data([x[i]], [y[i]])
    ax.set_xscale(scales[0])
    ax.set_yscale(scales[1])
    _no_minor_ticks(ax)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    return TrialArtists(points, best)


class ProjectionArtists(NamedTuple):
    """What :func:`plot_search_projection` draws."""

    points: PathCollection
    """Score against the important hyperparameter, one dot per trial."""
    rug: PathCollection
    """A tick under the axis for every *distinct* value tried."""
    curve: Line2D
    """A dense one-dimensional sweep of the same objective, for reference (may be empty)."""


def plot_search_projection(
    x: Sequence[float],
    scores: Sequence[float],
    ax: Axes | None = None,
    *,
    name: str = "$\\alpha$",
    scale: str = "log",
    reference: tuple[Sequence[float], Sequence[float]] | None = None,
) -> ProjectionArtists:
    r"""The trials projected on one hyperparameter: score against its value, and a rug.

    Parameters
    ----------
    x : sequence of float, shape (n_trials,)
        The important hyperparameter of each trial; finite, and > 0 on a log axis.
    scores : sequence of float, shape (n_trials,)
        Lower is better; ``nan`` (a diverged run) is left out, an infinity is refused.
    ax : matplotlib Axes, optional
    name : str
        The axis label.
    scale : {"log", "linear"}
    reference : (xs, scores), optional
        A dense sweep over ``x`` alone, drawn as a grey line behind the trials.

    Returns
    -------
    ProjectionArtists
        ``(points, rug, curve)``.

    Notes
    -----
    Bergstra & Bengio (2012), Figure 1: when one hyperparameter matters and another does not,
    the grid's :math:`n^2` trials fall on only :math:`n` distinct values of the one that
    matters, while :math:`n^2` random trials fall on :math:`n^2`.
    """
    (scale,) = _check_scales((scale,), "scale", 1)
    x = _check_coordinate(x, "x", scale)
    scores = check_values(scores, "scores", nonempty=False, nan=_NAN_SCORE, length=x.size)
    if reference is not None:
        if not (isinstance(reference, (tuple, list)) and len(reference) == 2):
            raise ArgumentTypeError(
                f"reference must be None or a pair (xs, scores), got {describe(reference)}"
            )
        xs = _check_coordinate(reference[0], "reference[0]", scale)
        ys = check_values(reference[1], "reference[1]", nonempty=False, nan=_NAN_SCORE,
                          length=xs.size)
        reference = (xs, ys)
    ax = new_axes(ax, figsize=(5.0, 3.0))
    xs, ys = reference if reference is not None else ([], [])
    (curve,) = ax.plot(xs, ys, color="0.6", lw=1.5, zorder=1, label="dense sweep over $\\alpha$")
    points = ax.scatter(
        [], [], s=30, color="tab:blue", edgecolors="k", linewidths=0.5, zorder=3, label="trials"
    )
    rug = ax.scatter(
        [], [], marker="|", s=120, color="k", linewidths=1.0, zorder=3,
        transform=ax.get_xaxis_transform(), clip_on=False,
    )
    ax.set_xscale(scale)
    _no_minor_ticks(ax)
    ax.set_xlabel(name)
    ax.set_ylabel("dev error")
    artists = ProjectionArtists(points, rug, curve)
    _update_projection(artists, x, scores)
    xs_all = np.concatenate([np.asarray(x, dtype=np.float64), np.asarray(xs, dtype=np.float64)])
    ax.set_xlim(*_padded_limits(xs_all, scale))
    ys_all = np.concatenate([np.asarray(scores, dtype=np.float64), np.asarray(ys, np.float64)])
    ax.set_ylim(*_padded_limits(ys_all, "linear"))
    return artists


def _update_projection(artists: ProjectionArtists, x: Sequence[float], scores) -> int:
    """Move the dots and the rug; return the number of distinct values tried."""
    x = np.asarray(x, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    ok = np.isfinite(s)
    artists.points.set_offsets(_offsets(x[ok], s[ok]))
    distinct = np.unique(x)
    artists.rug.set_offsets(_offsets(distinct, np.full(distinct.size, 0.03)))
    return int(distinct.size)


def _padded_limits(values: np.ndarray, scale: str, pad: float = 0.06) -> tuple[float, float]:
    """Limits around ``values`` with a margin measured on the axis' own scale."""
    v = values[np.isfinite(values)]
    if scale == "log":
        v = v[v > 0]
    if v.size == 0:
        return (1e-4, 1.0) if scale == "log" else (0.0, 1.0)
    t = np.log10(v) if scale == "log" else v
    lo, hi = float(t.min()), float(t.max())
    span = hi - lo if hi > lo else (abs(lo) if lo else 1.0)
    lo, hi = lo - pad * span, hi + pad * span
    return (10**lo, 10**hi) if scale == "log" else (lo, hi)


# --------------------------------------------------------------------------- explorer


def _check_range(value: Any, name: str) -> tuple[float, float]:
    """A (low, high) pair with 0 < low < high: a range sampled on a log scale."""
    pair = check_float_list(value, name, 0.0, np.inf)
    if len(pair) != 2 or not 0.0 < pair[0] < pair[1]:
        raise ValueError(f"{name} must be (low, high) with 0 < low < high, got {describe(value)}")
    return pair


class SearchExplorer(Explorer):
    """Grid vs random search, linear vs log scale, coarse to fine; see :func:`search_explorer`."""

    name = "search explorer"
    figsize = (10.0, 4.6)
    columns = 3

    def __init__(
        self,
        *,
        n_trials: int = 16,
        n_rounds: int = 3,
        alpha_range: tuple[float, float] = (1e-5, 10.0),
        epsilon_range: tuple[float, float] = (1e-8, 1e-4),
        m: int = 400,
        hidden: int = 16,
        epochs: int = 100,
        reference_points: int = 25,
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        n_trials = check_int(n_trials, "n_trials", minimum=1, maximum=400)
        n_rounds = check_int(n_rounds, "n_rounds", minimum=1, maximum=10)
        alpha_range = _check_range(alpha_range, "alpha_range")
        epsilon_range = _check_range(epsilon_range, "epsilon_range")
        m = check_int(m, "m", minimum=4)
        hidden = check_int(hidden, "hidden", minimum=1)
        epochs = check_int(epochs, "epochs", minimum=1)
        reference_points = check_int(reference_points, "reference_points", minimum=2)
        seed = check_seed(seed)
        choose_backend(backend)
        side = int(round(np.sqrt(n_trials)))
        if side * side != n_trials:
            raise ValueError(f"n_trials must be a perfect square (a grid), got {n_trials!r}")
        self.side, self.n_trials, self.n_rounds = side, int(n_trials), int(n_rounds)
        X, Y = make_moons(m, noise=0.25, rng=np.random.default_rng(seed))
        half = m // 2
        self._data = (X[:, :half], Y[:, :half], X[:, half:], Y[:, half:])
        self._layer_dims = [2, int(hidden), 1]
        self._epochs, self._seed = int(epochs), seed
        self.epsilon_range = epsilon_range
        self.alpha_range = alpha_range
        alphas = np.logspace(np.log10(alpha_range[0]), np.log10(alpha_range[1]), reference_points)
        self._known: dict[tuple[float, float], float] = {}
        self._wanted: dict[tuple[float, float], None] = {}
        for key in zip(alphas, np.full(alphas.size, epsilon_range[0]), strict=True):
            self._wanted[float(key[0]), float(key[1])] = None
        self.results: dict[tuple[str, str], Trials] = {}
        for rounds in range(1, self.n_rounds + 1):
            # Run all four searches up to this round: the earlier rounds are looked up, the new
            # round's trials are collected, then all of them train as one stack of networks.
            self._run_searches(rounds)
            self._train_wanted()
        self._run_searches(self.n_rounds)
        self.reference = (alphas, self._lookup(alphas, np.full(alphas.size, epsilon_range[0])))
        controls = {
            "search": dropdown("search", ["grid", "random"], "grid"),
            "scale": dropdown("α sampled on a", [("log scale", "log"), ("linear scale", "linear")],
                              "log"),
            "round": int_slider("coarse-to-fine round", 0, 0, self.n_rounds - 1),
        }
        super().__init__(controls, backend=backend)

    def _run_searches(self, rounds: int) -> None:
        for scale in ("log", "linear"):
            space = {
                "alpha": Dimension(*self.alpha_range, scale),
                "epsilon": Dimension(*self.epsilon_range, "log"),
            }
            self.results["grid", scale] = coarse_to_fine(
                self._lookup, space, self.n_trials, rounds, batched=True, sampler="grid"
            )
            self.results["random", scale] = coarse_to_fine(
                self._lookup, space, self.n_trials, rounds,
                rng=np.random.default_rng(self._seed), batched=True,
            )

    def _lookup(self, alpha: np.ndarray, epsilon: np.ndarray) -> np.ndarray:
        """Batched objective for the searches: known scores, NaN (and a note) for new trials."""
        out = np.empty(len(alpha))
        for i, key in enumerate(zip(np.asarray(alpha, float), np.asarray(epsilon, float),
                                    strict=True)):
            key = (float(key[0]), float(key[1]))
            if key in self._known:
                out[i] = self._known[key]
            else:
                self._wanted[key] = None
                out[i] = np.nan
        return out

    def _train_wanted(self) -> None:
        if not self._wanted:
            return
        keys = list(self._wanted)
        alpha, epsilon = (np.array(v) for v in zip(*keys, strict=True))
        scores = self.dev_error(alpha, epsilon)
        self._known.update(zip(keys, (float(v) for v in scores), strict=True))
        self._wanted = {}

    def dev_error(self, alpha: np.ndarray, epsilon: np.ndarray) -> np.ndarray:
        """The objective: train one network per trial, all at once; return the dev errors.

        Adam with the trial's learning rate :math:`\\alpha` and :math:`\\varepsilon`, every
        network from the same initial weights, full batch, on half of a moons set; the dev
        error is measured on the other half.
        """
        X, Y, X_dev, Y_dev = self._data
        K = len(alpha)
        sweep = train_many(
            X, Y, self._layer_dims,
            optimizer=Adam(learning_rate=np.asarray(alpha), epsilon=np.asarray(epsilon)),
            epochs=self._epochs, rngs=[np.random.default_rng(self._seed) for _ in range(K)],
            eval_every=self._epochs,
        )
        return 1.0 - np.asarray(nn.accuracy(sweep, X_dev, Y_dev), dtype=np.float64)

    def _build(self) -> None:
        gs = self.figure.add_gridspec(1, 3, width_ratios=[1.1, 0.05, 1])
        self.ax_plane = self.figure.add_subplot(gs[0, 0])
        cax = self.figure.add_subplot(gs[0, 1])
        self.ax_proj = self.figure.add_subplot(gs[0, 2])
        all_scores = np.concatenate([t.scores for t in self.results.values()])
        finite = all_scores[np.isfinite(all_scores)]
        self.norm = Normalize(float(finite.min()), float(max(finite.max(), finite.min() + 0.01)))
        self.trials = plot_search_trials(
            [], [], [], self.ax_plane, names=("learning rate $\\alpha$", "Adam's $\\varepsilon$"),
            norm=self.norm,
        )
        self.ax_plane.set_xlim(*_padded_limits(np.array(self.alpha_range), "log"))
        self.ax_plane.set_ylim(*_padded_limits(np.array(self.epsilon_range), "log"))
        self.figure.colorbar(self.trials.points, cax=cax, label="dev error")
        self.boxes = []
        for _ in range(1, self.n_rounds):
            box = Rectangle((1, 1), 1, 1, fill=False, ec="k", lw=1.2, ls="--", zorder=2)
            self.ax_plane.add_patch(box)
            self.boxes.append(box)
        self.ax_plane.set_title(" ", fontsize=10)
        self.proj = plot_search_projection(
            [], [], self.ax_proj, name="learning rate $\\alpha$", reference=self.reference
        )
        self.ax_proj.set_xlim(*_padded_limits(np.array(self.alpha_range), "log"))
        self.ax_proj.set_ylim(*_padded_limits(np.r_[self.norm.vmin, self.norm.vmax, 0.0],
                                              "linear"))
        self.ax_proj.legend(loc="upper right", fontsize=8)
        self.ax_proj.set_title(" ", fontsize=10)
        self.text = self.ax_proj.text(
            0.03, 0.1, "", transform=self.ax_proj.transAxes, ha="left", va="bottom", fontsize=8,
            bbox={"boxstyle": "round", "fc": "white", "ec": "0.8", "alpha": 0.9}, zorder=6,
        )
        # Only these change with the controls (the limits are fixed): redraws can blit them.
        self.animate(
            self.boxes, self.trials, self.proj.points, self.proj.rug, self.text,
            self.ax_plane.title, self.ax_proj.title,
        )

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        trials = self.results[values["search"], values["scale"]]
        shown = trials.rounds <= values["round"]
        alpha, eps = trials.params["alpha"][shown], trials.params["epsilon"][shown]
        scores = trials.scores[shown]
        rounds = trials.rounds[shown]
        self.trials.points.set_offsets(_offsets(alpha, eps))
        self.trials.points.set_array(scores)
        self.trials.points.set_sizes(np.where(rounds == values["round"], 40.0, 14.0))
        i = _best(scores)
        self.trials.best.set_data([alpha[i]], [eps[i]])
        for r, box in enumerate(self.boxes, start=1):
            space = trials.spaces[r]
            a, e = space["alpha"], space["epsilon"]
            box.set_bounds(a.low, e.low, a.high - a.low, e.high - e.low)
            box.set_visible(r <= values["round"])
        latest = rounds == values["round"]
        distinct = _update_projection(self.proj, alpha[latest], scores[latest])
        n = int(latest.sum())
        self.ax_plane.set_title(
            f"{values['search']} search, α on a {values['scale']} scale: round {values['round']}",
            fontsize=10,
        )
        self.ax_proj.set_title(f"round {values['round']} projected on α", fontsize=10)
        top_decade = float(np.mean(alpha[latest] >= self.alpha_range[1] / 10))
        self.text.set_text(
            f"{n} trials, {distinct} distinct values of α\n"
            f"{top_decade:.0%} of them in the top decade\n"
            f"best so far: α = {alpha[i]:.2g}, ε = {eps[i]:.1g}\n"
            f"dev error {scores[i]:.1%}"
        )


def search_explorer(
    *,
    n_trials: int = 16,
    n_rounds: int = 3,
    alpha_range: tuple[float, float] = (1e-5, 10.0),
    epsilon_range: tuple[float, float] = (1e-8, 1e-4),
    m: int = 400,
    hidden: int = 16,
    epochs: int = 100,
    reference_points: int = 25,
    seed: int = 0,
    backend: str = "auto",
) -> SearchExplorer:
    r"""Grid or random search over :math:`\alpha` (matters) and :math:`\varepsilon` (does not).

    Every trial is a real training: a ``[2, hidden, 1]`` network with Adam on a moons set, all
    trials of a round trained as one stack by :func:`dlnotes.sweeps.train_many` (the objective is
    *batched*, see :mod:`dlnotes.tuning`). For grid and random search, with :math:`\alpha`
    sampled on a log or a linear scale, ``n_rounds`` rounds are run when the explorer is built:
    round 0 over the whole space, each later round in the box of the best trials so far
    (:func:`dlnotes.tuning.zoom`, :func:`dlnotes.tuning.coarse_to_fine`). The controls choose
    what to show.

    Left: the trials in the :math:`(\alpha, \varepsilon)` plane coloured by dev error, the
    zoomed boxes dashed, the best trial starred. Right: the latest round projected on
    :math:`\alpha` (one tick per distinct value), over a dense one-dimensional sweep.

    Parameters
    ----------
    n_trials : int, default 16
        Trials per round; a perfect square, so that the grid is ``sqrt(n) x sqrt(n)``.
    n_rounds : int, default 3
        Coarse-to-fine rounds.
    alpha_range, epsilon_range : (float, float)
        The search space.
    m : int, default 400
        Moons examples, half for training and half for the dev error.
    hidden, epochs
        The network and its (full-batch) training.
    reference_points : int, default 25
        Points of the dense sweep over :math:`\alpha` (at the smallest :math:`\varepsilon`).
    seed : int, default 0
    backend : {"auto", "ipympl", "image", "agg"}

    Returns
    -------
    SearchExplorer
        ``.controls`` (``"search"``, ``"scale"``, ``"round"``), ``.figure``, ``.widget``;
        ``.results[search, scale]`` is the :class:`~dlnotes.tuning.Trials` of every round.

    Notes
    -----
    Bergstra & Bengio (2012), Figure 1: with one hyperparameter that matters, a grid of
    :math:`n \times n` trials tries :math:`n` values of it and random search :math:`n^2`. And
    :math:`\alpha` uniform on :math:`[10^{-4}, 1]` puts about 90% of the trials in
    :math:`[0.1, 1]`; on a log scale each decade gets its share.

    Examples
    --------
    >>> ex = search_explorer(n_trials=4, n_rounds=2, epochs=20, reference_points=5, m=100)
    >>> len(np.unique(ex.results["grid", "log"].params["alpha"][:4]))
    2
    >>> len(np.unique(ex.results["random", "log"].params["alpha"][:4]))
    4
    """
    return SearchExplorer(
        n_trials=n_trials, n_rounds=n_rounds, alpha_range=alpha_range,
        epsilon_range=epsilon_range, m=m, hidden=hidden, epochs=epochs,
        reference_points=reference_points, seed=seed, backend=backend,
    )
