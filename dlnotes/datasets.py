r"""Data for the notebooks: 2-D toy sets, a noisy daily series, and the real 8x8 digits.

Everything is in the course's convention, examples in columns:

- the 2-D classification sets (:func:`make_moons`, :func:`make_football`) return ``X`` of
  shape ``(2, m)`` and ``Y`` of shape ``(1, m)``, both float64, ``Y`` holding 0 and 1. Class 0
  gets ``m // 2`` examples and class 1 the other ``m - m // 2``, whatever the seed; the columns
  come in random order;
- :func:`train_dev_test_split` shuffles the columns of ``(X, Y)`` and cuts them into train, dev
  and test sets (the course's week-1 "Train / Dev / Test sets");
- :func:`make_temperature_series` is a synthetic year of daily temperatures, the signal the
  course smooths with an exponentially weighted average (week 2);
- :func:`load_digits` reads the 1,797 real 8x8 handwritten digits shipped in ``data/``
  (``X`` ``(64, m)`` in [0, 1], ``Y`` one-hot ``(10, m)``), for the week-3 softmax and batch-norm
  lessons. It never touches the network, and it checks the file's SHA-256 before using it.

Every random function takes a keyword-only ``rng: numpy.random.Generator`` and nothing else
random: the same seed gives the same data.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._typing import Array
from ._validation import (
    ArgumentTypeError,
    check_array,
    check_choice,
    check_in_range,
    check_int,
    check_matrix,
    check_nonnegative,
    check_one_hot,
    check_rng,
    describe,
)

__all__ = [
    "DIGITS_PATH",
    "DIGITS_SHA256",
    "football_bayes_error",
    "football_bayes_rate",
    "football_border",
    "fit_normalization",
    "normalize_inputs",
    "shift_images",
    "labels_from_one_hot",
    "load_digits",
    "make_football",
    "make_moons",
    "make_temperature_series",
    "one_hot",
    "train_dev_test_split",
]

DIGITS_PATH = Path(__file__).resolve().parents[1] / "data" / "digits.npz"
"""Where :func:`load_digits` looks by default: ``data/digits.npz`` at the repository root.

The project is installed in editable mode (``pip install -e .``), so the package directory sits
next to ``data/``. From a copy installed elsewhere, pass ``path=`` to :func:`load_digits`.
"""

DIGITS_SHA256 = "b83a91f954378536f7deb737c043ca5af4aaf3296fc1382b10b8e0931e0cab24"
"""SHA-256 of ``data/digits.npz`` (see ``data/README.md`` for how the file was made)."""


# --------------------------------------------------------------------------- helpers


def _class_sizes(m: int) -> tuple[int, int]:
    """``(m // 2, m - m // 2)``: the class-0 and class-1 counts, fixed before any draw."""
    return m // 2, m - m // 2


def _assemble(X0: np.ndarray, X1: np.ndarray, rng: np.random.Generator) -> tuple[Array, Array]:
    """Stack class 0 and class 1 as columns, label them, and shuffle the columns."""
    X = np.concatenate([X0, X1], axis=1)
    Y = np.concatenate([np.zeros(X0.shape[1]), np.ones(X1.shape[1])])[np.newaxis, :]
    order = rng.permutation(X.shape[1])
    return np.ascontiguousarray(X[:, order]), np.ascontiguousarray(Y[:, order])


def _check_common(m: Any, noise: Any, rng: Any) -> tuple[int, float, np.random.Generator]:
    return check_int(m, "m", minimum=2), check_nonnegative(noise, "noise"), check_rng(rng)


# --------------------------------------------------------------------------- 2-D sets


def make_moons(m: int, *, noise: float = 0.2, rng: np.random.Generator) -> tuple[Array, Array]:
    r"""Two interleaving half circles ("moons"), the set of the course's optimization lab.

    Parameters
    ----------
    m : int
        Number of examples, at least 2: ``m // 2`` of class 0 and ``m - m // 2`` of class 1.
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    rng : numpy.random.Generator
        Source of all randomness.

    Returns
    -------
    X : ndarray, shape (2, m), float64
        Points, one per column.
    Y : ndarray, shape (1, m), float64
        Labels 0 (upper moon) or 1 (lower moon).

    Notes
    -----
    With angles :math:`t \sim U[0, \pi]` drawn independently for every example, class 0 lies on
    :math:`(\cos t, \sin t)` (the upper half of the unit circle centred at the origin) and class 1
    on :math:`(1 - \cos t, \tfrac12 - \sin t)` (the lower half of the unit circle centred at
    :math:`(1, \tfrac12)`); then :math:`\mathcal N(0, \text{noise}^2)` is added to each coordinate.
    The two arcs do not meet, so with ``noise=0`` the classes are separable, but not by a line.

    References
    ----------
    Same geometry as ``sklearn.datasets.make_moons``, which the course's week-2 optimization
    assignment uses (``make_moons(n_samples=300, noise=.2)``).

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = make_moons(6, noise=0.0, rng=np.random.default_rng(0))
    >>> X.shape, Y.shape, int(Y.sum())
    ((2, 6), (1, 6), 3)
    >>> r0 = np.hypot(X[0], X[1])[Y[0] == 0]          # class 0 on the unit circle
    >>> bool(np.allclose(r0, 1.0))
    True
    """
    m, noise, rng = _check_common(m, noise, rng)
    n0, n1 = _class_sizes(m)
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    X0 = np.stack([np.cos(t0), np.sin(t0)])
    X1 = np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X0 = X0 + noise * rng.standard_normal(X0.shape)
    X1 = X1 + noise * rng.standard_normal(X1.shape)
    return _assemble(X0, X1, rng)


FOOTBALL_FIELD = (-1.0, 1.0, -0.65, 0.65)
"""The field of :func:`make_football`: ``(x1_min, x1_max, x2_min, x2_max)``, a 105 x 68 pitch."""


def football_border(x1: ArrayLike) -> NDArray[np.float64]:
    r"""The wavy border of :func:`make_football`: class 1 lies above ``x2 = football_border(x1)``.

    Parameters
    ----------
    x1 : array_like
        First coordinates, any shape, finite.

    Returns
    -------
    ndarray
        :math:`f(x_1) = 0.25 \sin(3 x_1 + 0.5) + 0.12 \sin(7 x_1) - 0.05`, same shape as ``x1``,
        float64. Useful to draw the true border beside a network's decision boundary.

    Examples
    --------
    >>> football_border([0.0, 1.0])
    array([ 0.06985638, -0.05885742])
    """
    x1 = check_array(x1, "x1")
    return _football_border(x1)


def _football_border(x1: np.ndarray) -> np.ndarray:
    return 0.25 * np.sin(3.0 * x1 + 0.5) + 0.12 * np.sin(7.0 * x1) - 0.05


def football_bayes_error(X: ArrayLike, Y: ArrayLike) -> float:
    r"""Error of the true border on ``(X, Y)``: an estimate of the Bayes error of the football set.

    Parameters
    ----------
    X : array_like, shape (2, m)
        Points of :func:`make_football` (any split of them), one per column.
    Y : array_like, shape (1, m)
        Their 0/1 labels.

    Returns
    -------
    float in [0, 1]
        The fraction of columns on which the border classifier
        :math:`\hat y = 1[x_2 > f(x_1)]`, :math:`f` = :func:`football_border`, disagrees with
        :math:`y`.

    Notes
    -----
    The diagnosis lesson (week 1, "Bias / Variance") compares the training error with the
    *optimal* (Bayes) error, not with 0. For real data the Bayes error is unknown (human-level
    error stands in for it); for this synthetic set we know how labels are made:
    :math:`P(y=1 \mid x) = \Phi(d(x)/\text{noise})` with :math:`d(x) = x_2 - f(x_1)`
    (:func:`make_football`), which exceeds :math:`1/2` exactly when :math:`x_2 > f(x_1)`. So
    the border is the Bayes classifier, and its error on a sample of :math:`m` points,

    .. math:: \hat e = \frac{1}{m}\sum_{i=1}^m 1\big[1[x_2^{(i)} > f(x_1^{(i)})] \ne y^{(i)}\big],

    estimates the Bayes error with standard error about :math:`\sqrt{\hat e(1-\hat e)/m}`.
    (Since :func:`make_football` balances the two classes, the exact optimum sits a few
    hundredths of ``noise`` off the border; the error differs by less than 0.1 percentage
    point, 9.24 % against 9.21 % at ``noise=0.15``: :func:`football_bayes_rate` computes both
    exactly.) Use it as
    ``dlnotes.diagnosis.diagnose(train_error, dev_error, bayes_error=football_bayes_error(X_dev,
    Y_dev))``.

    References
    ----------
    Course 2, week 1, "Bias / Variance" (the optimal, Bayes, error as the baseline); the
    ``bayes_error`` of :func:`dlnotes.diagnosis.diagnose`.

    Examples
    --------
    >>> import numpy as np
    >>> f1 = float(football_border([1.0])[0])          # the border at x1 = 1
    >>> X = np.array([[1.0, 1.0, 1.0, 1.0],
    ...               [f1 + 0.1, f1 - 0.1, f1 + 0.2, f1 - 0.2]])
    >>> football_bayes_error(X, np.array([[1, 0, 0, 0]]))   # the third point is on the wrong side
    0.25
    >>> X, Y = make_football(200, noise=0.0, rng=np.random.default_rng(0))
    >>> football_bayes_error(X, Y)                     # no noise: the border never errs
    0.0
    """
    X = check_matrix(X, "X")
    if X.shape[0] != 2 or X.shape[1] < 1:
        raise ValueError(
            f"X must be of shape (2, m), points (x1, x2) in columns, m >= 1; got shape {X.shape}"
        )
    Y = check_matrix(Y, "Y")
    if Y.shape != (1, X.shape[1]):
        raise ValueError(
            f"Y must be of shape (1, m) = (1, {X.shape[1]}), one label per column of X; "
            f"got shape {Y.shape}"
        )
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError(f"Y must hold 0/1 labels, got values {np.unique(Y)[:6]}")
    return _football_bayes_error(X, Y)


def _football_bayes_error(X: np.ndarray, Y: np.ndarray) -> float:
    border_says_1 = X[1] > _football_border(X[0])
    return float(np.mean(border_says_1 != (Y[0] == 1)))


_MAX_NOISE = 1e6
"""The largest ``noise`` :func:`football_bayes_rate` takes: the rate is then within 1e-6 of 1/2,
and beyond it the integrals lose their digits to cancellation (at 1e20 they divide by 0)."""


def football_bayes_rate(noise: float, *, classifier: str = "bayes") -> float:
    r"""The exact error rate of the best classifier on :func:`make_football` data, for a ``noise``.

    :func:`football_bayes_error` *estimates* the Bayes error on a sample; the data are synthetic,
    so the true rate can be computed. Compare the two to see how far a dev set's estimate can be
    from the floor it estimates.

    Parameters
    ----------
    noise : float
        The ``noise`` of :func:`make_football`, from 0 to 1e6 (where the rate is 1/2 to six
        digits).
    classifier : {"bayes", "border"}, default "bayes"
        ``"bayes"``: the optimal classifier's error (the Bayes error). ``"border"``: the error of
        the border :func:`football_border` itself, what :func:`football_bayes_error` measures on
        a sample.

    Returns
    -------
    float in [0, 1/2]
        The probability that the classifier errs on a new point of :func:`make_football`.

    Notes
    -----
    :func:`make_football` draws :math:`x` uniformly on the field of area :math:`A` and labels it
    1 when :math:`d(x) + \text{noise}\,\varepsilon > 0` (:math:`d = x_2 - f(x_1)`,
    :math:`\varepsilon \sim \mathcal N(0, 1)`), then keeps equally many points of each class.
    With :math:`\Phi` the standard normal CDF, :math:`q(x) = \Phi(d(x)/\text{noise})` and
    :math:`\pi_1 = \frac1A\int q\,dx` the share of class 1 before balancing, the class
    densities are :math:`p(x \mid 1) = q/(A\pi_1)` and :math:`p(x \mid 0) = (1-q)/(A\pi_0)`,
    with priors 1/2 each. The Bayes classifier predicts 1 where :math:`p(x \mid 1) > p(x \mid 0)`,
    i.e. where :math:`q(x) > \pi_1`: the border shifted by
    :math:`d^* = \text{noise}\cdot\Phi^{-1}(\pi_1)`. The error of a classifier "1 where
    :math:`d > t`" is

    .. math:: e(t) = \frac{1}{2A}\left[\frac{1}{\pi_0}\int_{d > t} (1 - q)\,dx
              + \frac{1}{\pi_1}\int_{d \le t} q\,dx\right],

    :math:`e(d^*)` the Bayes error and :math:`e(0)` the border's. The inner integrals over
    :math:`x_2` have the closed form :math:`\int \Phi(u)\,du = u\Phi(u) + \varphi(u)`; the
    outer one over :math:`x_1` is a composite Simpson rule on 4,001 points (error far below
    1e-9).

    References
    ----------
    Course 2, week 1, "Bias / Variance" (the optimal, Bayes, error); Hastie, Tibshirani &
    Friedman, *The Elements of Statistical Learning*, 2nd ed., 2009, sect. 2.4 (the Bayes
    classifier and its error rate).

    Examples
    --------
    >>> football_bayes_rate(0.0)
    0.0
    >>> round(football_bayes_rate(0.15), 4)              # the best possible classifier
    0.0921
    >>> round(football_bayes_rate(0.15, classifier="border"), 4)
    0.0924
    """
    noise = check_in_range(noise, "noise", 0.0, _MAX_NOISE,
                           why=" (beyond, the labels are coin flips: the rate is 1/2 to 6 digits)")
    classifier = check_choice(classifier, "classifier", ("bayes", "border"))
    if noise == 0.0:
        return 0.0
    lo1, hi1, lo2, hi2 = FOOTBALL_FIELD
    x1 = np.linspace(lo1, hi1, 4001)
    f = _football_border(x1)

    def integral_q(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """int_a^b Phi((x2 - f) / noise) dx2, for a <= b (arrays over x1)."""
        ua, ub = (a - f) / noise, (b - f) / noise
        G = [u * _normal_cdf(u) + np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi)
             for u in (ua, ub)]
        return noise * (G[1] - G[0])

    def simpson(y: np.ndarray) -> float:
        h = (hi1 - lo1) / (len(y) - 1)
        return float(h / 3 * (y[0] + y[-1] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum()))

    area = (hi1 - lo1) * (hi2 - lo2)
    full_lo, full_hi = np.full_like(f, lo2), np.full_like(f, hi2)
    pi1 = simpson(integral_q(full_lo, full_hi)) / area
    pi0 = 1.0 - pi1
    if classifier == "border":
        t = 0.0
    else:  # Phi(t / noise) = pi1, by bisection on the monotone CDF
        a, b = -10.0, 10.0
        for _ in range(200):
            mid = 0.5 * (a + b)
            a, b = (mid, b) if float(_normal_cdf(np.array(mid))) < pi1 else (a, mid)
        t = noise * 0.5 * (a + b)
    cut = np.clip(f + t, lo2, hi2)  # the classifier says 1 above x2 = f + t
    q_below = integral_q(full_lo, cut)
    q_above = integral_q(cut, full_hi)
    wrong_1 = simpson(q_below) / pi1  # class 1 points below the cut
    wrong_0 = simpson((hi2 - cut) - q_above) / pi0  # class 0 points above the cut
    return 0.5 * (wrong_0 + wrong_1) / area


_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def _normal_cdf(u: np.ndarray) -> np.ndarray:
    return 0.5 * _erfc(-u / np.sqrt(2.0))


def make_football(m: int, *, noise: float = 0.1, rng: np.random.Generator) -> tuple[Array, Array]:
    r"""Points on a football field, two classes, a wavy noisy border: made to be overfitted.

    The course's regularization assignment (week 1) shows a field on which the French
    goalkeeper kicks the ball: blue dots where a French player headed it, red dots where an
    opponent did, separated by a wavy border with a few dots on the wrong side. An unregularized
    large network bends its boundary around those dots; L2 or dropout keeps it smooth. This is a
    synthetic set in that spirit, not the course's data.

    Parameters
    ----------
    m : int
        Number of examples, at least 2: ``m // 2`` of class 0 and ``m - m // 2`` of class 1.
    noise : float, default 0.1
        Width of the noisy band around the border (>= 0): the label is the side of the border
        after a Gaussian shift of this standard deviation, so points near the border are often
        on the wrong side and points far from it almost never. ``noise=0`` gives a clean border.
    rng : numpy.random.Generator
        Source of all randomness.

    Returns
    -------
    X : ndarray, shape (2, m), float64
        Points in the field ``FOOTBALL_FIELD = (-1, 1, -0.65, 0.65)``, one per column.
    Y : ndarray, shape (1, m), float64
        1 above the border, 0 below it, up to the noise near the border.

    Notes
    -----
    With :math:`d(x) = x_2 - f(x_1)` the signed vertical distance to the border
    :func:`football_border` and :math:`\Phi` the standard normal CDF,

    .. math:: P(y = 1 \mid x) = \Phi\!\left(\frac{d(x)}{\text{noise}}\right),

    so the best possible classifier, the border itself, errs on a fraction of the points that
    grows with ``noise``. Points are drawn uniformly on the field and kept by label until each
    class has its fixed count, so the class sizes do not depend on the seed.

    References
    ----------
    DeepLearning.AI, Improving Deep Neural Networks (course 2), week 1 assignment
    "Regularization" (``reg_utils.load_2D_dataset``).

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = make_football(200, noise=0.0, rng=np.random.default_rng(0))
    >>> above = X[1] > football_border(X[0])
    >>> bool(np.array_equal(above, Y[0] == 1))           # no noise: the border decides
    True
    """
    m, noise, rng = _check_common(m, noise, rng)
    lo1, hi1, lo2, hi2 = FOOTBALL_FIELD
    need = _class_sizes(m)
    kept: list[list[np.ndarray]] = [[], []]
    have = [0, 0]
    while have[0] < need[0] or have[1] < need[1]:
        P = np.stack([rng.uniform(lo1, hi1, 2 * m), rng.uniform(lo2, hi2, 2 * m)])
        d = P[1] - _football_border(P[0]) + noise * rng.standard_normal(2 * m)
        for k, side in enumerate((d <= 0.0, d > 0.0)):
            take = P[:, side][:, : need[k] - have[k]]
            kept[k].append(take)
            have[k] += take.shape[1]
    return _assemble(np.concatenate(kept[0], axis=1), np.concatenate(kept[1], axis=1), rng)


# --------------------------------------------------------------------------- splitting


class Split(NamedTuple):
    """Train, dev and test sets, each in the course convention (examples in columns).

    Unpacks as ``X_train, Y_train, X_dev, Y_dev, X_test, Y_test = split``.
    """

    X_train: Array
    Y_train: Array
    X_dev: Array
    Y_dev: Array
    X_test: Array
    Y_test: Array


def train_dev_test_split(
    X: ArrayLike,
    Y: ArrayLike,
    fractions: Sequence[float] = (0.6, 0.2, 0.2),
    *,
    rng: np.random.Generator,
) -> Split:
    r"""Shuffle the examples (columns) and cut them into train, dev and test sets.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one example per column.
    Y : array_like, shape (n_y, m)
        Labels, one column per example: ``(1, m)`` for 0/1 labels or one-hot ``(C, m)``.
    fractions : sequence of 3 floats, default (0.6, 0.2, 0.2)
        Shares of train, dev and test; each >= 0, summing to 1. A share of 0 gives an empty
        ``(n, 0)`` set.
    rng : numpy.random.Generator
        Draws the shuffle.

    Returns
    -------
    Split
        ``(X_train, Y_train, X_dev, Y_dev, X_test, Y_test)``, new float64 arrays. The three
        column counts add up to ``m``: the cuts fall at ``round(f_train * m)`` and
        ``round((f_train + f_dev) * m)``, so each count is within one of its share.

    Notes
    -----
    The lecture's advice: with a small data set, 60/20/20; with a million examples, a dev and a
    test set of about 10,000 each (98/1/1) are plenty. Dev and test must come from the same
    distribution, which a shuffle of one pool guarantees. The split is not stratified.

    References
    ----------
    DeepLearning.AI, Improving Deep Neural Networks, week 1, "Train / Dev / Test sets".

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(20.0).reshape(2, 10)
    >>> Y = (np.arange(10) % 2).reshape(1, 10)
    >>> s = train_dev_test_split(X, Y, rng=np.random.default_rng(0))
    >>> s.X_train.shape, s.X_dev.shape, s.X_test.shape
    ((2, 6), (2, 2), (2, 2))
    >>> bool(np.all(s.X_train[1] == s.X_train[0] + 10))    # columns move whole
    True
    """
    X = check_matrix(X, "X")
    Y = check_matrix(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of columns (examples), got X of shape "
            f"{X.shape} and Y of shape {Y.shape}"
        )
    f = _check_fractions(fractions)
    rng = check_rng(rng)
    m = X.shape[-1]
    cut1 = int(np.floor(f[0] * m + 0.5))
    cut2 = max(cut1, int(np.floor((f[0] + f[1]) * m + 0.5)))
    order = rng.permutation(m)
    parts = (order[:cut1], order[cut1:cut2], order[cut2:])
    out = []
    for idx in parts:
        out += [X[..., idx], Y[..., idx]]
    return Split(*out)


def _check_fractions(fractions: Any) -> tuple[float, float, float]:
    expected = "3 numbers (train, dev, test), each >= 0, summing to 1, e.g. (0.6, 0.2, 0.2)"
    try:
        values = [float(v) for v in check_array(fractions, "fractions", ndim=1)]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"fractions must be {expected}; got {describe(fractions)}") from exc
    if len(values) != 3 or not all(np.isfinite(values)) or min(values) < 0:
        raise ValueError(f"fractions must be {expected}; got {describe(fractions)}")
    if abs(sum(values) - 1.0) > 1e-9:
        raise ValueError(
            f"fractions must be {expected}; got {describe(fractions)}, which sums to "
            f"{sum(values)!r}"
        )
    return values[0], values[1], values[2]


# --------------------------------------------------------------------------- EWA series


def make_temperature_series(
    days: int = 365, *, noise: float = 5.0, unit: str = "F", rng: np.random.Generator
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    r"""A synthetic year of noisy daily temperatures, the signal of the course's EWA lesson.

    The lecture smooths a year of London temperatures, quoted in Fahrenheit (day 1 is
    40 degrees F, day 2 is 49, ...). This is not that record but a seasonal curve with the same
    look: a cosine through London's climate averages plus independent day-to-day noise.

    Parameters
    ----------
    days : int, default 365
        Length of the series, at least 1.
    noise : float, default 5.0
        Standard deviation of the daily Gaussian noise, in ``unit`` (>= 0).
    unit : {"F", "C"}, default "F"
        Degrees Fahrenheit, as in the lecture, or Celsius.
    rng : numpy.random.Generator
        Draws the noise.

    Returns
    -------
    t : ndarray, shape (days,), int64
        Day index ``1, 2, ..., days``, as the lecture's :math:`\theta_1, \theta_2, \dots`.
    theta : ndarray, shape (days,), float64
        Temperature :math:`\theta_t` on day ``t``, in ``unit``.

    Notes
    -----
    In Celsius, before noise,

    .. math:: \bar\theta_t = 11.5 - 7 \cos\!\left(\frac{2\pi\,(t - 20)}{365.25}\right),

    coldest around 20 January (4.5 C, 40 F) and warmest around 21 July (18.5 C, 65 F), close to
    London's long-term daily means; Fahrenheit is :math:`\tfrac95 \theta + 32`. The curve repeats
    every 365.25 days, so ``days > 365`` gives further years.

    References
    ----------
    DeepLearning.AI, Improving Deep Neural Networks, week 2, "Exponentially Weighted Averages".

    Examples
    --------
    >>> import numpy as np
    >>> t, theta = make_temperature_series(3, noise=0.0, rng=np.random.default_rng(0))
    >>> t
    array([1, 2, 3])
    >>> np.round(theta, 1)
    array([40.8, 40.7, 40.6])
    """
    days = check_int(days, "days", minimum=1)
    noise = check_nonnegative(noise, "noise")
    unit = check_choice(unit, "unit", ("F", "C"))
    rng = check_rng(rng)
    t = np.arange(1, days + 1, dtype=np.int64)
    celsius = 11.5 - 7.0 * np.cos(2.0 * np.pi * (t - 20) / 365.25)
    mean = celsius * 9.0 / 5.0 + 32.0 if unit == "F" else celsius
    return t, mean + noise * rng.standard_normal(days)


# --------------------------------------------------------------------------- labels


def one_hot(labels: ArrayLike, C: int) -> Array:
    r"""Integer class labels to the course's one-hot matrix ``Y`` of shape ``(C, m)``.

    Parameters
    ----------
    labels : array_like, shape (m,) or (1, m)
        Class indices in ``0 .. C-1``: integers, or floats with integer values (such as the
        0./1. rows that the ``make_*`` functions return).
    C : int
        Number of classes, at least 2.

    Returns
    -------
    ndarray, shape (C, m), float64
        :math:`Y_{c i} = 1` if example :math:`i` has class :math:`c`, else 0.

    References
    ----------
    The course's week-3 ``convert_to_one_hot(Y, C)``.

    Examples
    --------
    >>> one_hot([2, 0, 1], 3)
    array([[0., 1., 0.],
           [0., 0., 1.],
           [1., 0., 0.]])
    """
    C = check_int(C, "C", minimum=2)
    arr = np.asarray(labels)
    if arr.ndim == 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.ndim != 1:
        raise ValueError(
            f"labels must have shape (m,) or (1, m), got {describe(np.asarray(labels))}"
        )
    if not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"labels must be integer class indices, got {describe(arr)}")
    if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
        raise ValueError(f"labels must be integer class indices, got non-integer values in {arr}")
    if arr.size and (arr.min() < 0 or arr.max() >= C):
        raise ValueError(
            f"labels must lie in 0 .. C-1 = 0 .. {C - 1}, got values from {arr.min()} to "
            f"{arr.max()}"
        )
    return _one_hot(arr.astype(np.int64), C)


def _one_hot(labels: np.ndarray, C: int) -> Array:
    return (np.arange(C)[:, np.newaxis] == labels[np.newaxis, :]).astype(np.float64)


def labels_from_one_hot(Y: ArrayLike) -> NDArray[np.int64]:
    r"""The class index of every column of a one-hot ``Y``: the inverse of :func:`one_hot`.

    Parameters
    ----------
    Y : array_like, shape (C, m)
        One-hot labels: entries 0 or 1, one 1 per column.

    Returns
    -------
    ndarray, shape (m,), int64
        The row of the 1 in each column.

    Examples
    --------
    >>> labels_from_one_hot([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    array([2, 0, 1])
    """
    Y = check_one_hot(Y, "Y")
    return _labels_from_one_hot(Y)


def _labels_from_one_hot(Y: np.ndarray) -> NDArray[np.int64]:
    return np.argmax(Y, axis=0).astype(np.int64)


# --------------------------------------------------------------------------- digits


class Digits(NamedTuple):
    r"""The 8x8 digits in course convention; unpacks as ``X, Y = load_digits()``.

    Attributes
    ----------
    X : ndarray, shape (64, 1797), float64
        Pixel intensities in [0, 1] (the stored counts 0..16 divided by 16), one image per
        column, pixels in row-major order (``X[8 * i + j]`` is row ``i``, column ``j``).
    Y : ndarray, shape (10, 1797), float64
        One-hot labels: ``Y[c, i] = 1`` if image ``i`` shows the digit ``c``.
    """

    X: Array
    Y: Array

    @property
    def labels(self) -> NDArray[np.int64]:
        """The digit shown by each image, shape ``(m,)``, int64 in 0..9."""
        return _labels_from_one_hot(self.Y)

    @property
    def images(self) -> Array:
        """The images as ``(m, 8, 8)`` float64 in [0, 1], ready for ``imshow``."""
        return self.X.T.reshape(-1, 8, 8)


def load_digits(path: str | os.PathLike[str] | None = None) -> Digits:
    r"""The 1,797 handwritten 8x8 digits (10 classes), read from ``data/digits.npz``.

    Parameters
    ----------
    path : str or path-like, optional
        The ``.npz`` file; by default :data:`DIGITS_PATH`, the repository's ``data/digits.npz``.
        The file must have SHA-256 :data:`DIGITS_SHA256`.

    Returns
    -------
    Digits
        ``(X, Y)``: ``X`` of shape ``(64, 1797)`` in [0, 1] and one-hot ``Y`` of shape
        ``(10, 1797)``, both float64; ``.labels`` gives the digits as ``(1797,)`` int64 and
        ``.images`` the pictures as ``(1797, 8, 8)``. Every class has between 174 and 183
        images.

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path``; the message names the path and the expected checksum.
    ValueError
        If the file's SHA-256 is not :data:`DIGITS_SHA256` (a corrupt, truncated or different
        file); the message names the path, the expected and the actual checksum.

    Notes
    -----
    The UCI "Optical Recognition of Handwritten Digits" data: 32x32 bitmaps of digits written
    by 43 people, each cut into 4x4 blocks whose "on" pixels are counted, giving 8x8 images
    with values 0..16. These 1,797 are the UCI test set, as scikit-learn distributes it. Nothing
    is downloaded: the file ships in the repository (``data/README.md`` gives its provenance).
    The examples come in the stored order; shuffle them with :func:`train_dev_test_split`.

    References
    ----------
    E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine
    Learning Repository, 1998, https://doi.org/10.24432/C50P49 (CC BY 4.0).
    C. Kaynak, "Methods of Combining Multiple Classifiers and Their Applications to Handwritten
    Digit Recognition", MSc thesis, Bogazici University, 1995.

    Examples
    --------
    >>> X, Y = load_digits()
    >>> X.shape, Y.shape, float(X.min()), float(X.max())
    ((64, 1797), (10, 1797), 0.0, 1.0)
    >>> load_digits().labels[:10]
    array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    """
    path = DIGITS_PATH if path is None else Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"digits data file not found: {path} (expected a file with SHA-256 "
            f"{DIGITS_SHA256}). It ships in the repository as data/digits.npz "
            f"(see data/README.md); pass load_digits(path=...) if it lives elsewhere."
        ) from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != DIGITS_SHA256:
        raise ValueError(
            f"digits data file {path} is corrupt or not the expected file: its SHA-256 is "
            f"{actual}, expected {DIGITS_SHA256}. Restore data/digits.npz from the repository "
            f"(data/README.md says how it was made)."
        )
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        images, labels = npz["images"], npz["labels"]
    X = np.ascontiguousarray(images.T, dtype=np.float64) / 16.0
    return Digits(X, _one_hot(labels.astype(np.int64), 10))


# --------------------------------------------------------------------------- normalizing inputs


class InputNormalization(NamedTuple):
    r"""The training set's per-feature mean and variance, to normalize every set with.

    Attributes
    ----------
    mu : ndarray, shape (n_x, 1)
        :math:`\mu = \frac1m \sum_i x^{(i)}`.
    sigma2 : ndarray, shape (n_x, 1)
        :math:`\sigma^2 = \frac1m \sum_i (x^{(i)} - \mu)^2`, elementwise.
    """

    mu: Array
    sigma2: Array


def fit_normalization(X_train: ArrayLike) -> InputNormalization:
    r"""The lecture's "Normalizing inputs": each feature's mean and variance on the training set.

    Parameters
    ----------
    X_train : array_like, shape (n_x, m)
        Training inputs, one example per column, finite, ``m >= 1``.

    Returns
    -------
    InputNormalization
        ``mu`` and ``sigma2``, each of shape ``(n_x, 1)``. Pass them to
        :func:`normalize_inputs` for the training set **and** the dev and test sets: the
        lecture insists on the same :math:`\mu, \sigma^2` everywhere.

    Warnings
    --------
    The lecture's slide writes :math:`x /= \sigma^2` after defining :math:`\sigma^2`; dividing
    by the variance leaves a feature of variance :math:`1/\sigma^2`, not 1. Divide by
    :math:`\sigma = \sqrt{\sigma^2}`, as :func:`normalize_inputs` does (and as scikit-learn's
    ``StandardScaler``). The variance is the biased one (divided by :math:`m`).

    References
    ----------
    Course 2, week 1, "Normalizing inputs"; LeCun, Bottou, Orr & Mueller, "Efficient BackProp",
    1998, sect. 4.3 (centre and scale every input; why it conditions the cost).

    Examples
    --------
    >>> stats = fit_normalization([[1.0, 3.0], [10.0, 30.0]])
    >>> stats.mu.ravel().tolist(), stats.sigma2.ravel().tolist()
    ([2.0, 20.0], [1.0, 100.0])
    """
    X = check_matrix(X_train, "X_train")
    if X.shape[1] < 1:
        raise ValueError(f"X_train must have at least one example (column), got shape {X.shape}")
    mu = X.mean(axis=1, keepdims=True)
    return InputNormalization(mu, ((X - mu) ** 2).mean(axis=1, keepdims=True))


def normalize_inputs(X: ArrayLike, stats: InputNormalization) -> Array:
    r"""Centre and scale ``X`` with the training set's statistics: :math:`(x - \mu)/\sigma`.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Any set (training, dev, test), one example per column.
    stats : InputNormalization
        From :func:`fit_normalization` on the **training** set.

    Returns
    -------
    ndarray, shape (n_x, m)
        A new array. A feature that is constant on the training set (:math:`\sigma^2 = 0`) is
        only centred.

    Notes
    -----
    Why it helps (the lecture's picture): with features on very different scales, the cost is a
    long, narrow valley in the weights, and gradient descent needs a learning rate small enough
    for the steep direction, so it crawls along the flat one, the ravine of week 2. Normalized
    features make the valley round, and a larger rate works in every direction.

    Examples
    --------
    >>> X = [[1.0, 3.0], [10.0, 30.0]]
    >>> normalize_inputs(X, fit_normalization(X))
    array([[-1.,  1.],
           [-1.,  1.]])
    """
    if not isinstance(stats, InputNormalization):
        raise TypeError(
            f"stats must be the InputNormalization that fit_normalization(X_train) returns, "
            f"got {describe(stats)}"
        )
    X = check_matrix(X, "X", rows=stats.mu.shape[0])
    sigma = np.sqrt(stats.sigma2)
    return (X - stats.mu) / np.where(sigma > 0, sigma, 1.0)


# --------------------------------------------------------------------------- data augmentation


def _check_shifts(shifts: Any) -> list[tuple[int, int]]:
    """``(down, right)`` pairs of whole numbers, at least one."""
    what = "shifts must be (down, right) pairs of integers, like [(0, 1), (1, 0)]"
    if shifts is None or isinstance(shifts, (str, bytes)):
        raise ArgumentTypeError(f"{what}; got {describe(shifts)}")
    try:
        pairs = np.asarray(shifts)
    except (ValueError, TypeError):  # ragged
        raise ValueError(f"{what}; got {describe(shifts)}") from None
    if pairs.size == 0:
        raise ValueError("shifts must hold at least one (down, right) pair, got none")
    whole = np.issubdtype(pairs.dtype, np.integer) or (
        np.issubdtype(pairs.dtype, np.floating) and bool(np.all(np.isfinite(pairs)))
        and bool(np.all(pairs == np.round(pairs)))
    )
    if pairs.ndim != 2 or pairs.shape[1] != 2 or not whole:
        raise ValueError(f"{what}; got {describe(shifts)}")
    return [(int(down), int(right)) for down, right in pairs]


def shift_images(
    X: ArrayLike, shifts: Sequence[tuple[int, int]], *, side: int = 8
) -> Array:
    r"""Data augmentation: copies of square images moved by whole pixels, gaps filled with 0.

    Parameters
    ----------
    X : array_like, shape (side * side, m)
        Images, one per column, pixels in row-major order (as :func:`load_digits` stores them).
    shifts : sequence of (int, int)
        ``(down, right)`` pixel offsets, each with ``|offset| < side``; ``(0, 0)`` is the
        original.
    side : int, default 8
        Width and height of the images.

    Returns
    -------
    ndarray, shape (side * side, len(shifts) * m)
        The shifted copies, one block of ``m`` columns per shift, in the order of ``shifts``;
        repeat the labels with ``np.tile(Y, len(shifts))``.

    Notes
    -----
    The lecture's "Data augmentation" (course 2, week 1, "Other regularization methods"): more
    training data is the first cure for variance, and distorted copies of the examples you have
    (flips, crops, small shifts and rotations) are an inexpensive way to get some. A digit
    moved by one pixel is still the same digit, so the network is taught to ignore where
    exactly it sits. Shifting is safe for digits; a horizontal flip is not (it turns a 2 into
    something else), which is why the augmentation must fit the data.

    References
    ----------
    Simard, Steinkraus & Platt, "Best Practices for Convolutional Neural Networks Applied to
    Visual Document Analysis", ICDAR 2003, sect. 2 (expanding a digits training set with
    distortions).

    Examples
    --------
    >>> X = np.arange(9.0).reshape(9, 1)                   # one 3x3 image: 0 1 2 / 3 4 5 / 6 7 8
    >>> shift_images(X, [(0, 1)], side=3).reshape(3, 3)    # one pixel to the right
    array([[0., 0., 1.],
           [0., 3., 4.],
           [0., 6., 7.]])
    """
    side = check_int(side, "side", minimum=1)
    X = check_matrix(X, "X")
    if X.shape[0] != side * side:
        raise ValueError(
            f"X must have side * side = {side * side} rows (one {side}x{side} image per "
            f"column), got shape {X.shape}"
        )
    offsets = []
    for down, right in _check_shifts(shifts):
        if abs(down) >= side or abs(right) >= side:
            raise ValueError(
                f"shifts must move by less than side = {side} pixels, got ({down}, {right})"
            )
        offsets.append((down, right))
    images = X.T.reshape(-1, side, side)
    out = []
    for down, right in offsets:
        moved = np.zeros_like(images)
        rows_to = slice(max(down, 0), side + min(down, 0))
        rows_from = slice(max(-down, 0), side + min(-down, 0))
        cols_to = slice(max(right, 0), side + min(right, 0))
        cols_from = slice(max(-right, 0), side + min(-right, 0))
        moved[:, rows_to, cols_to] = images[:, rows_from, cols_from]
        out.append(moved.reshape(-1, side * side).T)
    return np.concatenate(out, axis=1)

