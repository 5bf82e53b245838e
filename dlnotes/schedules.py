r"""Learning-rate decay: plain functions of the epoch.

Each schedule maps ``(learning_rate0, epoch, ...)`` to the learning rate :math:`\alpha` to use
in that epoch, the way optax schedules are plain functions of the step count. ``epoch`` may be
a number (a float comes back) or an array (an array of the same shape comes back), so a
notebook can plot a whole schedule with ``schedule(0.1, np.arange(100), ...)``. Fractional
epochs (``iteration / iterations_per_epoch``) are allowed, for schedules updated per mini-batch.

Feed the result to an optimizer through ``optimizer.update(..., learning_rate=alpha)``
(see :mod:`dlnotes.optim`).

The course (week 2, "Learning rate decay") lists :func:`inverse_time_decay`,
:func:`exponential_decay` and :func:`sqrt_decay` (and "discrete staircase", here
:func:`step_decay` and the ``staircase`` form); :func:`cosine_decay` with warm-up goes beyond it.
"""

from __future__ import annotations

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import ArgumentTypeError, check_flag, check_nonnegative, check_positive, describe

__all__ = [
    "cosine_decay",
    "exponential_decay",
    "inverse_time_decay",
    "sqrt_decay",
    "step_decay",
]


# --------------------------------------------------------------------------- checks


def _check_epoch(epoch: ArrayLike, *, minimum: float = 0.0) -> Array:
    try:
        arr = np.asarray(epoch)
    except (TypeError, ValueError) as exc:  # pragma: no cover - ragged nested lists
        raise ValueError(
            f"epoch must be a number or an array of numbers, got {describe(epoch)}"
        ) from exc
    if np.iscomplexobj(arr):
        raise ArgumentTypeError(f"epoch must hold real numbers, got {describe(arr)}")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"epoch must be a number or an array of numbers, got {describe(epoch)}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"epoch must be finite, got {describe(epoch)} with NaN or inf")
    if np.any(arr < minimum):
        raise ValueError(
            f"epoch must be >= {minimum:g}, got {describe(epoch)} with minimum {arr.min():g}"
        )
    return arr


def _out(x: Array) -> float | Array:
    return float(x) if np.ndim(x) == 0 else x


def _check_fraction(value: float, name: str) -> float:
    v = check_positive(value, name)
    if v > 1.0:
        raise ValueError(
            f"{name} must be in (0, 1] (a factor that shrinks the rate), got {value!r}"
        )
    return v


# --------------------------------------------------------------------------- schedules


def inverse_time_decay(
    learning_rate0: float,
    epoch: ArrayLike,
    decay_rate: float,
    time_interval: float = 1,
    *,
    staircase: bool = False,
) -> float | Array:
    r"""The course's decay :math:`\alpha = \alpha_0 / (1 + \text{decay_rate} \cdot \text{epoch})`.

    Parameters
    ----------
    learning_rate0 : float
        :math:`\alpha_0 > 0`, the rate at epoch 0.
    epoch : float or array_like
        Epoch number(s) ``>= 0``.
    decay_rate : float
        ``>= 0``; 0 keeps the rate constant.
    time_interval : float, default 1
        ``> 0``. The epoch is measured in units of ``time_interval`` epochs.
    staircase : bool, default False
        If True, decay only every ``time_interval`` epochs (the course's assignment
        ``schedule_lr_decay``): :math:`\lfloor \text{epoch}/\text{time_interval}\rfloor`.

    Returns
    -------
    float or ndarray
        :math:`\alpha`, shaped like ``epoch``.

    Notes
    -----
    .. math:: \alpha = \frac{\alpha_0}{1 + \text{decay_rate}\cdot\text{epoch}/\text{time_interval}}
              \qquad\text{or, with staircase,}\qquad
              \alpha = \frac{\alpha_0}{1 + \text{decay_rate}\cdot
                       \lfloor\text{epoch}/\text{time_interval}\rfloor}

    With the default ``time_interval=1`` and integer epochs both forms are the lecture's
    :math:`\alpha = \frac{1}{1+\text{decay_rate}\cdot\text{epoch_num}}\,\alpha_0`.

    References
    ----------
    Ng, A. Improving Deep Neural Networks, week 2, "Learning rate decay", and the programming
    assignment "Optimization methods" (``update_lr``, ``schedule_lr_decay``).

    Warnings
    --------
    Keras' ``InverseTimeDecay`` is the same function of the *step* with
    ``decay_steps`` playing ``time_interval``; the course counts epochs.

    Examples
    --------
    >>> inverse_time_decay(0.2, 1, 1.0)             # lecture example: 0.2 / (1 + 1)
    0.1
    >>> inverse_time_decay(0.2, [0, 1, 2, 3], 1.0)
    array([0.2       , 0.1       , 0.06666667, 0.05      ])
    >>> inverse_time_decay(0.5, [0, 999, 1000, 2500], 0.3, 1000, staircase=True)
    array([0.5       , 0.5       , 0.38461538, 0.3125    ])
    """
    learning_rate0 = check_positive(learning_rate0, "learning_rate0")
    epoch_arr = _check_epoch(epoch)
    decay_rate = check_nonnegative(decay_rate, "decay_rate")
    time_interval = check_positive(time_interval, "time_interval")
    check_flag(staircase, "staircase")
    periods = epoch_arr / time_interval
    if staircase:
        periods = np.floor(periods)
    return _out(learning_rate0 / (1.0 + decay_rate * periods))


def exponential_decay(learning_rate0: float, epoch: ArrayLike, decay_rate: float) -> float | Array:
    r"""Exponential decay :math:`\alpha = \alpha_0 \cdot \text{decay_rate}^{\text{epoch}}`.

    Parameters
    ----------
    learning_rate0 : float
        :math:`\alpha_0 > 0`.
    epoch : float or array_like
        Epoch number(s) ``>= 0``.
    decay_rate : float
        In (0, 1]; the lecture uses 0.95.

    Returns
    -------
    float or ndarray
        :math:`\alpha`, shaped like ``epoch``.

    Notes
    -----
    .. math:: \alpha = \text{decay_rate}^{\,\text{epoch_num}}\;\alpha_0

    The rate halves every :math:`\ln 2 / (-\ln \text{decay_rate})` epochs (13.5 for 0.95).

    References
    ----------
    Ng, A. Improving Deep Neural Networks, week 2, "Learning rate decay" (other methods).

    Examples
    --------
    >>> exponential_decay(0.1, 2, 0.95)
    0.09025
    >>> exponential_decay(0.1, [0, 1, 10], 0.5)
    array([1.000000e-01, 5.000000e-02, 9.765625e-05])
    """
    learning_rate0 = check_positive(learning_rate0, "learning_rate0")
    epoch_arr = _check_epoch(epoch)
    decay_rate = _check_fraction(decay_rate, "decay_rate")
    return _out(learning_rate0 * decay_rate**epoch_arr)


def sqrt_decay(learning_rate0: float, epoch: ArrayLike, k: float) -> float | Array:
    r"""The course's :math:`\alpha = \frac{k}{\sqrt{\text{epoch}}}\,\alpha_0`, for ``epoch >= 1``.

    Parameters
    ----------
    learning_rate0 : float
        :math:`\alpha_0 > 0`.
    epoch : float or array_like
        Epoch number(s) ``>= 1`` (the formula is infinite at epoch 0; count epochs from 1,
        e.g. ``np.arange(1, 101)``).
    k : float
        ``> 0``, a constant. ``k > 1`` makes the first epochs faster than :math:`\alpha_0`.

    Returns
    -------
    float or ndarray
        :math:`\alpha`, shaped like ``epoch``.

    Notes
    -----
    .. math:: \alpha = \frac{k}{\sqrt{\text{epoch_num}}}\,\alpha_0

    The lecture also writes :math:`\frac{k}{\sqrt{t}}\alpha_0` with :math:`t` the mini-batch
    number; pass ``t`` as ``epoch`` for that form.

    References
    ----------
    Ng, A. Improving Deep Neural Networks, week 2, "Learning rate decay" (other methods).

    Examples
    --------
    >>> sqrt_decay(0.1, 4, 1.0)
    0.05
    >>> sqrt_decay(0.1, [1, 4, 16], 2.0)
    array([0.2 , 0.1 , 0.05])
    """
    learning_rate0 = check_positive(learning_rate0, "learning_rate0")
    epoch_arr = _check_epoch(epoch, minimum=1.0)
    k = check_positive(k, "k")
    return _out(k / np.sqrt(epoch_arr) * learning_rate0)


def step_decay(
    learning_rate0: float, epoch: ArrayLike, drop: float, epochs_per_drop: float
) -> float | Array:
    r"""Discrete staircase: multiply the rate by ``drop`` every ``epochs_per_drop`` epochs.

    Parameters
    ----------
    learning_rate0 : float
        :math:`\alpha_0 > 0`.
    epoch : float or array_like
        Epoch number(s) ``>= 0``.
    drop : float
        In (0, 1], e.g. 0.5 to halve the rate.
    epochs_per_drop : float
        ``> 0``.

    Returns
    -------
    float or ndarray
        :math:`\alpha`, shaped like ``epoch``.

    Notes
    -----
    .. math:: \alpha = \alpha_0 \cdot \text{drop}^{\lfloor \text{epoch}/\text{epochs_per_drop}
              \rfloor}

    References
    ----------
    Ng, A. Improving Deep Neural Networks, week 2, "Learning rate decay" ("discrete
    staircase"). He, K. et al. (2016). Deep residual learning for image recognition. CVPR,
    section 3.4 (divide by 10 on plateaus).

    Examples
    --------
    >>> step_decay(0.1, [0, 9, 10, 25], 0.5, 10)
    array([0.1  , 0.1  , 0.05 , 0.025])
    """
    learning_rate0 = check_positive(learning_rate0, "learning_rate0")
    epoch_arr = _check_epoch(epoch)
    drop = _check_fraction(drop, "drop")
    epochs_per_drop = check_positive(epochs_per_drop, "epochs_per_drop")
    return _out(learning_rate0 * drop ** np.floor(epoch_arr / epochs_per_drop))


def cosine_decay(
    learning_rate0: float,
    epoch: ArrayLike,
    total_epochs: float,
    *,
    warmup_epochs: float = 0,
    min_learning_rate: float = 0.0,
) -> float | Array:
    r"""Cosine annealing from ``learning_rate0`` to ``min_learning_rate``, after a linear warm-up.

    Parameters
    ----------
    learning_rate0 : float
        Peak rate :math:`\alpha_0 > 0`, reached at the end of the warm-up.
    epoch : float or array_like
        Epoch number(s) ``>= 0``; beyond ``total_epochs`` the rate stays at
        ``min_learning_rate``.
    total_epochs : float
        ``> 0``, the epoch at which the cosine reaches ``min_learning_rate``.
    warmup_epochs : float, default 0
        In ``[0, total_epochs)``. During the warm-up the rate grows linearly from 0 at epoch 0
        to :math:`\alpha_0` at ``warmup_epochs``.
    min_learning_rate : float, default 0.0
        :math:`\alpha_{min}`, in ``[0, learning_rate0]``.

    Returns
    -------
    float or ndarray
        :math:`\alpha`, shaped like ``epoch``.

    Notes
    -----
    With :math:`E_w` = ``warmup_epochs`` and :math:`E` = ``total_epochs``:

    .. math:: \alpha = \begin{cases}
              \alpha_0\,\text{epoch}/E_w & \text{epoch} < E_w \\
              \alpha_{min} + \tfrac12(\alpha_0 - \alpha_{min})
              \left(1 + \cos\left(\pi\,\frac{\text{epoch} - E_w}{E - E_w}\right)\right)
              & E_w \le \text{epoch} \le E \\
              \alpha_{min} & \text{epoch} > E
              \end{cases}

    This is one cycle of SGDR (no restarts). A warm-up at epoch granularity spends epoch 0 at
    rate 0; pass fractional epochs (``iteration / iterations_per_epoch``) to warm up per
    mini-batch, as Goyal et al. do.

    References
    ----------
    Loshchilov, I. & Hutter, F. (2017). SGDR: Stochastic gradient descent with warm restarts.
    ICLR, section 3, eq. (5). Goyal, P. et al. (2017). Accurate, large minibatch SGD: training
    ImageNet in 1 hour. arXiv:1706.02677, section 2.2 ("gradual warmup").

    Examples
    --------
    >>> cosine_decay(0.1, [0, 5, 10], 10)
    array([0.1 , 0.05, 0.  ])
    >>> cosine_decay(0.1, [0, 1, 2, 6, 10, 12], 10, warmup_epochs=2, min_learning_rate=0.01)
    array([0.   , 0.05 , 0.1  , 0.055, 0.01 , 0.01 ])
    """
    learning_rate0 = check_positive(learning_rate0, "learning_rate0")
    epoch_arr = _check_epoch(epoch)
    total_epochs = check_positive(total_epochs, "total_epochs")
    warmup_epochs = check_nonnegative(warmup_epochs, "warmup_epochs")
    if warmup_epochs >= total_epochs:
        raise ValueError(
            f"warmup_epochs must be < total_epochs ({total_epochs:g}), got {warmup_epochs:g}"
        )
    min_learning_rate = check_nonnegative(min_learning_rate, "min_learning_rate")
    if min_learning_rate > learning_rate0:
        raise ValueError(
            f"min_learning_rate must be <= learning_rate0 ({learning_rate0:g}), "
            f"got {min_learning_rate:g}"
        )
    span = total_epochs - warmup_epochs
    progress = np.clip(epoch_arr - warmup_epochs, 0.0, span) / span  # in [0, 1], no overflow
    cosine = min_learning_rate + 0.5 * (learning_rate0 - min_learning_rate) * (
        1.0 + np.cos(np.pi * progress)
    )
    if warmup_epochs > 0:
        warm = learning_rate0 * (np.minimum(epoch_arr, warmup_epochs) / warmup_epochs)
        cosine = np.where(epoch_arr < warmup_epochs, warm, cosine)
    return _out(cosine)
