r"""Exponentially weighted averages (EWA): the one step that momentum, RMSprop and Adam share.

Course notation (week 2): a series :math:`\theta_1, \theta_2, \dots` is averaged by

.. math:: v_0 = 0, \qquad v_t = \beta v_{t-1} + (1 - \beta)\,\theta_t

and, because :math:`v_0 = 0` drags the first values towards zero, *read out* with the bias
correction :math:`\hat v_t = v_t / (1 - \beta^t)`. The stored :math:`v_t` is never replaced by
:math:`\hat v_t`: the correction is applied to what you look at, not to what you carry to the
next step (Kingma & Ba 2015, Algorithm 1).

:func:`ewa_step` and :func:`bias_correction` are the two pieces :mod:`dlnotes.optim` builds
momentum, RMSprop and Adam from; :func:`ewa` runs them over a 1-D series;
:func:`ewa_as_in_notes` reproduces the learner's notes' (wrong) recursion so that a notebook can
show how far it is off; :func:`effective_window` and :func:`startup_bias` answer "how many
values does it average?" and "how wrong is it without the correction?".
"""

from __future__ import annotations

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import ArgumentTypeError, check_beta, check_flag, check_int, describe

__all__ = [
    "bias_correction",
    "effective_window",
    "ewa",
    "ewa_as_in_notes",
    "ewa_step",
    "startup_bias",
]


# --------------------------------------------------------------------------- kernels
# The formulas, once. No checks; ``v``, ``theta`` and ``beta`` simply broadcast, so an
# optimizer can pass a per-model ``beta`` of shape (K, 1, 1) against parameters (K, n, m).


def _ewa_step(v, theta, beta):
    return beta * v + (1.0 - beta) * theta


def _bias_correction(v, beta, t):
    return v / (1.0 - beta**t)


# --------------------------------------------------------------------------- checks


def _as_float_array(x: ArrayLike, name: str) -> Array:
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # pragma: no cover - ragged nested lists
        raise ValueError(f"{name} must hold numbers, got {describe(x)}") from exc
    if np.iscomplexobj(arr):
        raise ArgumentTypeError(f"{name} must hold real numbers, got {describe(arr)}")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"{name} must hold numbers, got {describe(x)}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {describe(x)} with NaN or inf")
    return arr


def _check_series(theta: ArrayLike) -> Array:
    arr = _as_float_array(theta, "theta")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(
            f"theta must be a non-empty 1-D series (theta_1, ..., theta_T), got {describe(arr)}"
        )
    return arr


# --------------------------------------------------------------------------- public API


def ewa_step(v: ArrayLike, theta: ArrayLike, beta: float) -> Array:
    r"""One step of an exponentially weighted average: ``beta * v + (1 - beta) * theta``.

    Parameters
    ----------
    v : array_like
        The previous average :math:`v_{t-1}` (any shape; ``0`` at the start).
    theta : array_like
        The new value :math:`\theta_t`, the same shape as ``v`` (no broadcasting).
    beta : float
        Decay rate in [0, 1). ``beta = 0`` keeps only the newest value.

    Returns
    -------
    ndarray
        :math:`v_t`, float64, shaped like ``v``.

    Notes
    -----
    .. math:: v_t = \beta v_{t-1} + (1 - \beta)\,\theta_t

    Unrolled, :math:`v_t = (1-\beta)\sum_{i=1}^{t} \beta^{t-i}\theta_i` (with :math:`v_0=0`):
    the weights decay geometrically and add up to :math:`1 - \beta^t`, not 1, which is what
    :func:`bias_correction` repairs. Momentum averages ``dW`` with this step, RMSprop averages
    ``dW**2``, Adam does both (see :mod:`dlnotes.optim`).

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: A method for stochastic optimization. ICLR.
    Algorithm 1 (the lines for :math:`m_t` and :math:`v_t`).

    Examples
    --------
    >>> ewa_step(0.0, 10.0, 0.9)
    array(1.)
    >>> ewa_step([1.0, 2.0], [3.0, 4.0], 0.5)
    array([2., 3.])
    """
    beta = check_beta(beta, "beta")
    v_arr = _as_float_array(v, "v")
    theta_arr = _as_float_array(theta, "theta")
    if v_arr.shape != theta_arr.shape:
        raise ValueError(
            f"v and theta must have the same shape, got {v_arr.shape} and {theta_arr.shape}"
        )
    return np.asarray(_ewa_step(v_arr, theta_arr, beta))


def bias_correction(v: ArrayLike, beta: float, t: int) -> Array:
    r"""Bias-corrected read-out of an EWA started at zero: ``v / (1 - beta**t)``.

    Parameters
    ----------
    v : array_like
        The stored (uncorrected) average :math:`v_t`, any shape.
    beta : float
        The decay rate the average was built with, in [0, 1).
    t : int
        How many values have been averaged, ``t >= 1``.

    Returns
    -------
    ndarray
        :math:`\hat v_t`, float64, shaped like ``v``. A temporary: keep carrying ``v``.

    Notes
    -----
    .. math:: \hat v_t = \frac{v_t}{1 - \beta^t}

    The weights in :math:`v_t` add up to :math:`1-\beta^t`; dividing by that sum turns
    :math:`v_t` into a true weighted mean, so a constant series is recovered exactly from
    the first step on.

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: A method for stochastic optimization. ICLR.
    Algorithm 1 and section 3 ("Initialization bias correction").

    Warnings
    --------
    The learner's notes write the corrected value back into the recursion,
    :math:`v_t = (\beta v_{t-1} + (1-\beta)\theta_t)/(1-\beta^t)`. That is wrong: the
    correction must not alter the stored :math:`v_t` (Kingma & Ba compute
    :math:`\hat m_t = m_t/(1-\beta_1^t)` as a separate quantity). See :func:`ewa_as_in_notes`
    for how far off it goes.

    Examples
    --------
    >>> bias_correction(0.1, 0.9, 1)     # v_1 of the constant series 1, 1, 1, ...
    array(1.)
    >>> bias_correction(0.19, 0.9, 2)
    array(1.)
    """
    beta = check_beta(beta, "beta")
    t = check_int(t, "t", minimum=1)
    v_arr = _as_float_array(v, "v")
    return np.asarray(_bias_correction(v_arr, beta, t))


def ewa(theta: ArrayLike, beta: float, *, bias_correction: bool = False) -> Array:
    r"""Every exponentially weighted average :math:`v_1, \dots, v_T` of a 1-D series.

    Parameters
    ----------
    theta : array_like, shape (T,)
        The series :math:`\theta_1, \dots, \theta_T` (for example daily temperatures).
    beta : float
        Decay rate in [0, 1); it averages over roughly :func:`effective_window` values.
    bias_correction : bool, default False
        If True, return :math:`\hat v_t = v_t/(1-\beta^t)`. The correction is applied to the
        output only: the recursion always carries the uncorrected :math:`v_t`.

    Returns
    -------
    ndarray, shape (T,)
        ``out[t-1]`` is :math:`v_t` (or :math:`\hat v_t`), starting from :math:`v_0 = 0`.

    Notes
    -----
    .. math:: v_0 = 0,\quad v_t = \beta v_{t-1} + (1-\beta)\,\theta_t,\quad
              \hat v_t = \frac{v_t}{1-\beta^t}

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: A method for stochastic optimization. ICLR.
    Algorithm 1 and section 3.

    Warnings
    --------
    The learner's notes write the bias-corrected EWA as
    :math:`v_t = \frac{\beta v_{t-1} + (1-\beta)\theta_t}{1-\beta^t}`, feeding the corrected
    value back into the recursion. It is not the average of anything: for the constant series
    1, 1, 1, ... with :math:`\beta = 0.9` it gives 1, 5.26, 17.8, ... and peaks near 3945 at
    :math:`t = 21`, where the correct value is 1 at every step. :func:`ewa_as_in_notes`
    computes it, for comparison only.

    Examples
    --------
    >>> ewa([1.0, 1.0, 1.0], 0.9)
    array([0.1  , 0.19 , 0.271])
    >>> ewa([1.0, 1.0, 1.0], 0.9, bias_correction=True)
    array([1., 1., 1.])
    >>> ewa([10.0, 20.0], 0.5, bias_correction=True)    # (0.5*10 + 20) / 1.5
    array([10.        , 16.66666667])
    """
    theta_arr = _check_series(theta)
    beta = check_beta(beta, "beta")
    check_flag(bias_correction, "bias_correction")
    out = np.empty_like(theta_arr)
    v = 0.0
    for t, theta_t in enumerate(theta_arr, start=1):
        v = _ewa_step(v, theta_t, beta)  # the stored average stays uncorrected ...
        out[t - 1] = _bias_correction(v, beta, t) if bias_correction else v  # ... only output
    return out


def ewa_as_in_notes(theta: ArrayLike, beta: float) -> Array:
    r"""The learner's notes' "bias-corrected" recursion. WRONG; kept to show the difference.

    Parameters
    ----------
    theta : array_like, shape (T,)
        The series :math:`\theta_1, \dots, \theta_T`.
    beta : float
        Decay rate in [0, 1).

    Returns
    -------
    ndarray, shape (T,)
        :math:`w_t = \frac{\beta w_{t-1} + (1-\beta)\theta_t}{1-\beta^t}`, :math:`w_0 = 0`.

    Notes
    -----
    Each step re-divides a value that was already divided by :math:`1-\beta^{t-1}`, so the
    corrections compound: the carried value is multiplied by :math:`\beta/(1-\beta^t)`, which
    exceeds 1 as long as :math:`\beta^t > 1-\beta` (up to :math:`t = 21` for
    :math:`\beta = 0.9`). For a constant series of ones and :math:`\beta = 0.9` it peaks at
    3945 at :math:`t = 21`; then the recursion turns into the plain EWA and slowly forgets
    the overshoot. Only :math:`w_1 = \theta_1` is right. The correct bias-corrected average
    is ``ewa(theta, beta, bias_correction=True)``. The same mistake in the notes' Adam
    (:math:`v := v/(1-\beta_1^t)` overwriting the state) makes the stored first moment follow
    exactly this recursion, and the second moment too, with :math:`\beta_2 = 0.999`, for which
    it grows for thousands of steps (see :class:`dlnotes.optim.Adam`).

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: A method for stochastic optimization. ICLR.
    Algorithm 1 and section 3: :math:`\hat m_t` is computed from :math:`m_t`, which is left
    unchanged.

    Warnings
    --------
    Not an average. Do not use it except to show that it is wrong.

    Examples
    --------
    >>> ewa_as_in_notes([1.0, 1.0, 1.0], 0.9)      # correct answer: 1, 1, 1
    array([ 1.        ,  5.26315789, 17.84812585])
    """
    theta_arr = _check_series(theta)
    beta = check_beta(beta, "beta")
    out = np.empty_like(theta_arr)
    w = 0.0
    for t, theta_t in enumerate(theta_arr, start=1):
        w = _bias_correction(_ewa_step(w, theta_t, beta), beta, t)  # corrected value fed back
        out[t - 1] = w
    return out


def effective_window(beta: float) -> float:
    r"""Roughly how many recent values an EWA averages: ``1 / (1 - beta)``.

    Parameters
    ----------
    beta : float
        Decay rate in [0, 1).

    Returns
    -------
    float
        :math:`1/(1-\beta)`: 10 for 0.9, 50 for 0.98, 1000 for 0.999.

    Notes
    -----
    The weight of a value :math:`k` steps back is :math:`(1-\beta)\beta^k`. After
    :math:`k = 1/(1-\beta)` steps it has fallen by :math:`\beta^{1/(1-\beta)} \approx 1/e`
    (since :math:`(1-\varepsilon)^{1/\varepsilon} \to 1/e`), which is the lecture's rule of
    thumb for "the average over the last :math:`1/(1-\beta)` values".

    Examples
    --------
    >>> effective_window(0.9)
    10.000000000000002
    >>> round(0.9 ** effective_window(0.9), 3)   # close to 1/e = 0.368
    0.349
    """
    beta = check_beta(beta, "beta")
    return float(1.0 / (1.0 - beta))


def startup_bias(beta: float, t: ArrayLike) -> float | Array:
    r"""How far the uncorrected EWA of a constant falls short after ``t`` steps: ``beta**t``.

    Parameters
    ----------
    beta : float
        Decay rate in [0, 1).
    t : int or array_like of int
        Step(s), each ``>= 1``.

    Returns
    -------
    float or ndarray
        :math:`\beta^t`: the uncorrected :math:`v_t` of a constant series :math:`c` equals
        :math:`(1-\beta^t)\,c`, i.e. it is low by the fraction :math:`\beta^t`.

    Notes
    -----
    This puts a number on the notes' claim that "bias correction for gradient descent with
    momentum is not necessary; the usual :math:`\beta=0.9` gives a good estimation for the
    first 10 iterations". It is the other way round: the first :math:`1/(1-\beta) = 10`
    iterations are exactly where the uncorrected average is poor
    (:math:`v_1 = 0.1\,dW`, still 35% low at :math:`t=10`); it is within 10% after 22 steps
    and within 1% after 44. Practitioners skip the correction for momentum because this
    warm-up is short compared with training, not because the early estimate is good.

    Examples
    --------
    >>> startup_bias(0.9, 1)
    0.9
    >>> startup_bias(0.9, [10, 22, 44]).round(3)
    array([0.349, 0.098, 0.01 ])
    """
    beta = check_beta(beta, "beta")
    t_arr = np.asarray(t)
    if t_arr.size == 0 or not np.issubdtype(t_arr.dtype, np.integer) or np.any(t_arr < 1):
        raise ValueError(f"t must be an integer or an array of integers >= 1, got {describe(t)}")
    out = beta ** t_arr.astype(np.float64)
    return float(out) if out.ndim == 0 else out
