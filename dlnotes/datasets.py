r"""Data for the notebooks: 2-D toy sets, a noisy daily series, and the real 8x8 digits.

Everything is in the course's convention, examples in columns:

- the 2-D classification sets (:func:`make_moons`, :func:`make_circles`, :func:`make_spirals`,
  :func:`make_flower`, :func:`make_football`) return ``X`` of shape ``(2, m)`` and ``Y`` of
  shape ``(1, m)``, both float64, ``Y`` holding 0 and 1. Class 0 gets ``m // 2`` examples and
  class 1 the other ``m - m // 2``, whatever the seed; the columns come in random order;
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
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._typing import Array
from ._validation import (
    check_array,
    check_choice,
    check_int,
    check_matrix,
    check_nonnegative,
    check_one_hot,
    check_positive,
    check_rng,
    describe,
)

__all__ = [
    "DIGITS_PATH",
    "DIGITS_SHA256",
    "Digits",
    "Split",
    "football_bayes_error",
    "football_border",
    "labels_from_one_hot",
    "load_digits",
    "make_circles",
    "make_flower",
    "make_football",
    "make_moons",
    "make_spirals",
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
    return _make_moons(m, noise, rng)


def _make_moons(m: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    n0, n1 = _class_sizes(m)
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    X0 = np.stack([np.cos(t0), np.sin(t0)])
    X1 = np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X0 = X0 + noise * rng.standard_normal(X0.shape)
    X1 = X1 + noise * rng.standard_normal(X1.shape)
    return _assemble(X0, X1, rng)


def make_circles(
    m: int, *, noise: float = 0.1, factor: float = 0.5, rng: np.random.Generator
) -> tuple[Array, Array]:
    r"""A circle inside a circle: the outer ring is class 0, the inner ring class 1.

    Parameters
    ----------
    m : int
        Number of examples, at least 2: ``m // 2`` of class 0 and ``m - m // 2`` of class 1.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one (radius 1); in (0, 1).
    rng : numpy.random.Generator
        Source of all randomness.

    Returns
    -------
    X : ndarray, shape (2, m), float64
    Y : ndarray, shape (1, m), float64
        0 for the outer circle, 1 for the inner one.

    Notes
    -----
    Angles :math:`t \sim U[0, 2\pi)`; class 0 at :math:`(\cos t, \sin t)`, class 1 at
    :math:`\text{factor}\,(\cos t, \sin t)`, plus :math:`\mathcal N(0, \text{noise}^2)` per
    coordinate. A network needs one hidden layer to separate them (the radius is not linear in
    the inputs).

    References
    ----------
    Same geometry as ``sklearn.datasets.make_circles``; the course's week-1 initialization
    assignment trains on it.

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = make_circles(4, noise=0.0, factor=0.25, rng=np.random.default_rng(1))
    >>> np.sort(np.round(np.hypot(X[0], X[1]), 6))
    array([0.25, 0.25, 1.  , 1.  ])
    """
    m, noise, rng = _check_common(m, noise, rng)
    factor = check_positive(factor, "factor")
    if factor >= 1.0:
        raise ValueError(f"factor must be in (0, 1) (inner radius / outer radius), got {factor!r}")
    return _make_circles(m, noise, factor, rng)


def _make_circles(
    m: int, noise: float, factor: float, rng: np.random.Generator
) -> tuple[Array, Array]:
    n0, n1 = _class_sizes(m)
    t0 = rng.uniform(0.0, 2.0 * np.pi, n0)
    t1 = rng.uniform(0.0, 2.0 * np.pi, n1)
    X0 = np.stack([np.cos(t0), np.sin(t0)])
    X1 = factor * np.stack([np.cos(t1), np.sin(t1)])
    X0 = X0 + noise * rng.standard_normal(X0.shape)
    X1 = X1 + noise * rng.standard_normal(X1.shape)
    return _assemble(X0, X1, rng)


def make_spirals(
    m: int, *, noise: float = 0.05, turns: float = 1.25, rng: np.random.Generator
) -> tuple[Array, Array]:
    r"""Two interleaved spiral arms, one per class: hard for a small network.

    Parameters
    ----------
    m : int
        Number of examples, at least 2: ``m // 2`` of class 0 and ``m - m // 2`` of class 1.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    turns : float, default 1.25
        How many full turns each arm makes from the centre to radius 1 (> 0).
    rng : numpy.random.Generator
        Source of all randomness.

    Returns
    -------
    X : ndarray, shape (2, m), float64
        Points within about radius 1 of the origin (plus noise).
    Y : ndarray, shape (1, m), float64
        0 or 1, the arm.

    Notes
    -----
    With :math:`s \sim U[0, 1]` drawn for every example, class :math:`k \in \{0, 1\}` lies at
    radius :math:`r = s` and angle :math:`\varphi = 2\pi\,\text{turns}\,s + k\pi`: the second arm
    is the first turned by half a circle. Then :math:`\mathcal N(0, \text{noise}^2)` is added to
    each coordinate. More ``turns`` make the border longer and the problem harder.

    References
    ----------
    The two-arm version of the spiral set of Stanford CS231n, "Putting it together: minimal
    neural network case study".

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = make_spirals(5, noise=0.0, rng=np.random.default_rng(0))
    >>> X.shape, Y.tolist()[0].count(1.0)
    ((2, 5), 3)
    >>> bool(np.all(np.hypot(X[0], X[1]) <= 1.0))
    True
    """
    m, noise, rng = _check_common(m, noise, rng)
    turns = check_positive(turns, "turns")
    return _make_spirals(m, noise, turns, rng)


def _make_spirals(
    m: int, noise: float, turns: float, rng: np.random.Generator
) -> tuple[Array, Array]:
    arms = []
    for k, n in enumerate(_class_sizes(m)):
        s = rng.uniform(0.0, 1.0, n)
        phi = 2.0 * np.pi * turns * s + k * np.pi
        arm = s * np.stack([np.cos(phi), np.sin(phi)])
        arms.append(arm + noise * rng.standard_normal(arm.shape))
    return _assemble(arms[0], arms[1], rng)


def make_flower(
    m: int, *, noise: float = 0.2, petals: int = 4, rng: np.random.Generator
) -> tuple[Array, Array]:
    r"""The planar "flower" of course 1, week 3: petals of alternating classes.

    Parameters
    ----------
    m : int
        Number of examples, at least 2: ``m // 2`` of class 0 and ``m - m // 2`` of class 1.
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to the angle :math:`t` and to the radius
        :math:`r` (>= 0), as in the course (which uses 0.2).
    petals : int, default 4
        The :math:`k` in :math:`r = a \sin(k t)`; a positive even number. The flower then has
        :math:`2k` petals, ``k`` of each class, alternating around the centre.
    rng : numpy.random.Generator
        Source of all randomness.

    Returns
    -------
    X : ndarray, shape (2, m), float64
        Points within about ``a = 4`` of the origin (plus noise).
    Y : ndarray, shape (1, m), float64
        0 or 1 (red and blue in the course's figure).

    Notes
    -----
    As in the course's ``load_planar_dataset``: class :math:`j \in \{0, 1\}` takes angles
    :math:`t` evenly spaced over :math:`[j\pi, (j+1)\pi]`, plus noise, radius
    :math:`r = a \sin(k t)` with :math:`a = 4`, plus noise, and the point
    :math:`(r \sin t,\ r \cos t)`. A negative :math:`r` sends a lobe through the centre to the
    opposite side, which is how the two half-turns interleave into alternating petals. With an
    odd :math:`k` both half-turns would trace the same petals and the classes would coincide,
    hence the even ``petals``.

    Warnings
    --------
    The course's code uses 3.12 for :math:`\pi` and ``int(m/2)`` points per class (so an odd
    ``m`` loses a point); here :math:`\pi` is exact and all ``m`` points are kept.

    References
    ----------
    DeepLearning.AI, Neural Networks and Deep Learning (course 1), week 3 assignment
    "Planar data classification with one hidden layer", ``planar_utils.load_planar_dataset``.

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = make_flower(400, rng=np.random.default_rng(0))
    >>> X.shape, Y.shape, int(Y.sum())
    ((2, 400), (1, 400), 200)
    """
    m, noise, rng = _check_common(m, noise, rng)
    petals = check_int(petals, "petals", minimum=2)
    if petals % 2:
        raise ValueError(
            f"petals must be even (with an odd k in r = a sin(k t) the two classes trace the "
            f"same petals), got {petals}"
        )
    return _make_flower(m, noise, petals, rng)


def _make_flower(
    m: int, noise: float, petals: int, rng: np.random.Generator
) -> tuple[Array, Array]:
    a = 4.0
    parts = []
    for j, n in enumerate(_class_sizes(m)):
        t = np.linspace(j * np.pi, (j + 1) * np.pi, n) + noise * rng.standard_normal(n)
        r = a * np.sin(petals * t) + noise * rng.standard_normal(n)
        parts.append(np.stack([r * np.sin(t), r * np.cos(t)]))
    return _assemble(parts[0], parts[1], rng)


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
    hundredths of ``noise`` above the border; the error differs by less than 0.1 percentage
    point, 9.26 % against 9.22 % at ``noise=0.15``.) Use it as
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
    return _make_football(m, noise, rng)


def _make_football(m: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
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
    return _train_dev_test_split(X, Y, f, rng)


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


def _train_dev_test_split(
    X: np.ndarray, Y: np.ndarray, f: tuple[float, float, float], rng: np.random.Generator
) -> Split:
    m = X.shape[-1]
    cut1 = int(np.floor(f[0] * m + 0.5))
    cut2 = max(cut1, int(np.floor((f[0] + f[1]) * m + 0.5)))
    order = rng.permutation(m)
    parts = (order[:cut1], order[cut1:cut2], order[cut2:])
    out = []
    for idx in parts:
        out += [X[..., idx], Y[..., idx]]
    return Split(*out)


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
    return _make_temperature_series(days, noise, unit, rng)


def _make_temperature_series(
    days: int, noise: float, unit: str, rng: np.random.Generator
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
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
    return _load_digits(data)


def _load_digits(data: bytes) -> Digits:
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        images, labels = npz["images"], npz["labels"]
    X = np.ascontiguousarray(images.T, dtype=np.float64) / 16.0
    return Digits(X, _one_hot(labels.astype(np.int64), 10))
