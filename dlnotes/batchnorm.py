r"""Batch normalization (course 2, week 3): normalize :math:`Z^{[l]}` before the activation.

The interface, stated once (as in CS231n's ``layers.py``)::

    Z_tilde, cache = batchnorm_forward(Z, gamma, beta)          # training: batch statistics
    dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, cache)
    stats = update_running_stats(*stats, cache.mu, cache.var)    # EWA for test time
    Z_tilde = batchnorm_inference(Z, gamma, beta, *stats)        # test: running statistics

Shapes are the course's: ``Z`` is ``(n, m)`` (units by examples, examples in columns),
``gamma``, ``beta``, ``mu``, ``var`` and the running statistics are ``(n, 1)``.
Gradients are those of the scalar cost :math:`J`: ``dZ_tilde`` is
:math:`\partial J/\partial\tilde Z` (with the :math:`1/m` of the cost already inside, as
:func:`dlnotes.softmax.cross_entropy_backward` returns it), so ``dgamma`` and ``dbeta`` are
*sums* over the examples.

The private kernels ``_batchnorm_forward``, ``_batchnorm_backward``, ``_batchnorm_inference``
and ``_update_running_stats`` carry the formulas and do no checking; they accept any number
of leading "model" axes (``Z`` of shape ``(K, n, m)``, ``gamma`` of shape ``(K, n, 1)``), so
:mod:`dlnotes.nn` can train ``K`` stacked networks at once.

Where the learner's notes go wrong (details in each docstring): the square root is taken of
the *variance* :math:`\sigma^2`, not of a standard deviation; the backward pass is not that of
a linear layer (the batch statistics depend on :math:`Z`); and the bias :math:`b^{[l]}` is not
merely "easier to set to zero", it is cancelled exactly and its gradient is exactly zero.

References
----------
.. [1] S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network Training by
   Reducing Internal Covariate Shift", ICML 2015, arXiv:1502.03167. Algorithm 1 (the
   transform), Section 3 (its backward pass), Algorithm 2 (inference with population
   statistics).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import (
    check_beta,
    check_int,
    check_matrix,
    check_positive,
    describe,
    float_range_guard,
)

__all__ = [
    "batchnorm_as_in_notes",
    "batchnorm_backward",
    "batchnorm_forward",
    "batchnorm_inference",
    "init_running_stats",
    "update_running_stats",
]


_RESCALE = "; rescale the inputs (standardize X) so that they differ by less than about 1e150"


class BatchNormCache(NamedTuple):
    r"""What :func:`batchnorm_forward` hands to :func:`batchnorm_backward`.

    Attributes
    ----------
    Z_norm : ndarray, shape (n, m)
        :math:`z_{norm} = (z - \mu)/\sqrt{\sigma^2 + \varepsilon}`.
    gamma : ndarray, shape (n, 1)
        The scale :math:`\gamma` used in the forward pass.
    mu : ndarray, shape (n, 1)
        Batch mean :math:`\mu`, for :func:`update_running_stats`.
    var : ndarray, shape (n, 1)
        Biased batch variance :math:`\sigma^2` (divided by ``m``), for
        :func:`update_running_stats`.
    epsilon : float
        The :math:`\varepsilon` added to ``var`` inside the square root.
    """

    Z_norm: Array
    gamma: Array
    mu: Array
    var: Array
    epsilon: float


class RunningStats(NamedTuple):
    """Running (test-time) statistics of one batch-norm layer, each ``(n, 1)``.

    A ``NamedTuple``, so ``running_mean, running_var = stats`` works.
    """

    running_mean: Array
    running_var: Array


# --------------------------------------------------------------------------- kernels


def _batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, epsilon: float | np.ndarray
) -> tuple[np.ndarray, BatchNormCache]:
    mu = np.mean(Z, axis=-1, keepdims=True)
    Z_mu = Z - mu  # computed once: normalized in place below
    var = np.mean(Z_mu**2, axis=-1, keepdims=True)  # biased: divide by m
    Z_norm = np.divide(Z_mu, np.sqrt(var + epsilon), out=Z_mu)  # (Z - mu) / sqrt(var + eps)
    Z_tilde = gamma * Z_norm
    Z_tilde += beta  # gamma * Z_norm + beta, without a second temporary
    return Z_tilde, BatchNormCache(Z_norm, gamma, mu, var, epsilon)


def _batchnorm_backward(
    dZ_tilde: np.ndarray, cache: BatchNormCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Z_norm, gamma, _, var, epsilon = cache
    m = Z_norm.shape[-1]
    dbeta = np.sum(dZ_tilde, axis=-1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=-1, keepdims=True)
    # dZ = gamma / (m sqrt(var + eps)) * (m dZ_tilde - dbeta - Z_norm dgamma), in place
    dZ = m * dZ_tilde
    dZ -= dbeta
    dZ -= Z_norm * dgamma
    dZ *= gamma / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta


def _batchnorm_inference(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    epsilon: float | np.ndarray,
) -> np.ndarray:
    return gamma * (Z - running_mean) / np.sqrt(running_var + epsilon) + beta


def _update_running_stats(
    running_mean: np.ndarray,
    running_var: np.ndarray,
    mu: np.ndarray,
    var: np.ndarray,
    momentum: float | np.ndarray,
) -> RunningStats:
    return RunningStats(
        momentum * running_mean + (1.0 - momentum) * mu,
        momentum * running_var + (1.0 - momentum) * var,
    )


def _batchnorm_as_in_notes(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, epsilon: float | np.ndarray
) -> np.ndarray:
    # WRONG on purpose (the learner's notes): sigma is the standard deviation, and its square
    # root is taken again; the correct kernel is _batchnorm_forward
    mu = np.mean(Z, axis=-1, keepdims=True)
    sigma = np.sqrt(np.mean((Z - mu) ** 2, axis=-1, keepdims=True))
    return gamma * (Z - mu) / np.sqrt(sigma + epsilon) + beta


# --------------------------------------------------------------------------- checks


def _check_column(x: ArrayLike, name: str, n: int) -> Array:
    return check_matrix(x, name, rows=n, cols=1)


def _check_batch(
    Z: ArrayLike, gamma: ArrayLike, beta: ArrayLike, epsilon: float
) -> tuple[Array, Array, Array, float]:
    """The checks of :func:`batchnorm_forward` and :func:`batchnorm_as_in_notes`."""
    Z = check_matrix(Z, "Z")
    n, m = Z.shape
    if n < 1 or m < 1:
        raise ValueError(f"Z must have at least one unit and one example, got shape {Z.shape}")
    gamma = _check_column(gamma, "gamma", n)
    beta = _check_column(beta, "beta", n)
    return Z, gamma, beta, check_positive(epsilon, "epsilon")


def _check_nonnegative_array(x: np.ndarray, name: str) -> None:
    if np.any(x < 0):
        raise ValueError(f"{name} must be a variance, >= 0 everywhere; got min {x.min()!r}")


# --------------------------------------------------------------------------- public API


def batchnorm_forward(
    Z: ArrayLike, gamma: ArrayLike, beta: ArrayLike, *, epsilon: float = 1e-5
) -> tuple[Array, BatchNormCache]:
    r"""Batch-normalize ``Z`` with the statistics of this mini-batch (training mode).

    Parameters
    ----------
    Z : array_like, shape (n, m)
        Pre-activations :math:`Z^{[l]}` of one layer for a mini-batch of ``m`` examples.
    gamma, beta : array_like, shape (n, 1)
        Learnable scale :math:`\gamma^{[l]}` and shift :math:`\beta^{[l]}` (one per unit).
    epsilon : float, default 1e-5
        Added to the variance *inside* the square root, as in the paper and PyTorch
        (Keras' default is 1e-3).

    Returns
    -------
    Z_tilde : ndarray, shape (n, m)
        :math:`\tilde Z^{[l]} = \gamma z_{norm} + \beta`, used instead of :math:`Z^{[l]}`.
    cache : BatchNormCache
        ``(Z_norm, gamma, mu, var, epsilon)``; ``cache.mu`` and ``cache.var`` feed
        :func:`update_running_stats`.

    Warnings
    --------
    The learner's notes write :math:`\sigma = std(z, \mu)` and then
    :math:`z_{norm} = (z-\mu)/\sqrt{\sigma + \varepsilon}`: that takes the square root of a
    standard deviation. The lecture and the paper divide by the square root of the
    **variance**, :math:`\sqrt{\sigma^2 + \varepsilon}` (Ioffe & Szegedy, Algorithm 1). With
    the notes' version a unit whose values spread over :math:`\pm 100` (variance
    :math:`10^4`) comes out with standard deviation 10 instead of 1.

    The notes say that with BN "you don't need the bias, easier to set it to zero". It is
    stronger than that: a constant :math:`b^{[l]}` added to every column of :math:`Z^{[l]}`
    is removed exactly by the mean subtraction, so :math:`\tilde Z` does not depend on it
    (and its gradient is exactly zero, see :func:`batchnorm_backward`). :math:`\beta^{[l]}`
    takes over its role.

    Notes
    -----
    For each unit (row), over the ``m`` examples of the mini-batch (course, "Implementing
    batch norm"):

    .. math::

        \mu = \frac{1}{m}\sum_i z^{(i)}, \qquad
        \sigma^2 = \frac{1}{m}\sum_i (z^{(i)} - \mu)^2, \qquad
        z^{(i)}_{norm} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
        \tilde z^{(i)} = \gamma z^{(i)}_{norm} + \beta.

    :math:`\sigma^2` is the *biased* variance (divided by :math:`m`), as the paper normalizes.
    Each row of :math:`\tilde Z` then has mean :math:`\beta` and standard deviation
    :math:`\gamma\sqrt{\sigma^2/(\sigma^2+\varepsilon)} \approx \gamma`; with
    :math:`\gamma = \sqrt{\sigma^2 + \varepsilon}` and :math:`\beta = \mu` BN is the identity,
    which is why it never reduces what a layer can represent.

    References
    ----------
    .. [1] Ioffe & Szegedy (2015), Algorithm 1 (Batch Normalizing Transform).

    Examples
    --------
    >>> import numpy as np
    >>> Z = np.array([[1.0, 2.0, 3.0, 4.0],
    ...               [10.0, 10.0, 30.0, 30.0]])
    >>> Z_tilde, cache = batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
    >>> cache.mu
    array([[ 2.5],
           [20. ]])
    >>> cache.var
    array([[  1.25],
           [100.  ]])
    >>> np.round(Z_tilde, 3)
    array([[-1.342, -0.447,  0.447,  1.342],
           [-1.   , -1.   ,  1.   ,  1.   ]])
    """
    Z, gamma, beta, epsilon = _check_batch(Z, gamma, beta, epsilon)
    with float_range_guard("Z", "the batch mean or variance of Z", _RESCALE):
        return _batchnorm_forward(Z, gamma, beta, epsilon)


def batchnorm_backward(
    dZ_tilde: ArrayLike, cache: BatchNormCache
) -> tuple[Array, Array, Array]:
    r"""Backward pass of :func:`batchnorm_forward`, in the paper's compact closed form.

    Parameters
    ----------
    dZ_tilde : array_like, shape (n, m)
        :math:`\partial J/\partial \tilde Z`, the upstream gradient of the scalar cost.
    cache : BatchNormCache
        The second output of :func:`batchnorm_forward`.

    Returns
    -------
    dZ : ndarray, shape (n, m)
        :math:`\partial J/\partial Z`.
    dgamma, dbeta : ndarray, shape (n, 1)
        :math:`\partial J/\partial\gamma = \sum_i d\tilde z^{(i)} z^{(i)}_{norm}` and
        :math:`\partial J/\partial\beta = \sum_i d\tilde z^{(i)}`.

    Warnings
    --------
    The notes say the backprop "is similar to having an extra linear activation layer,
    :math:`d\gamma \sim dW^{[l]}` and :math:`db^{[l]} \sim d\beta`". Only half of it holds.
    :math:`d\beta` is computed exactly like :math:`db` (a sum over examples) and
    :math:`d\gamma` like a diagonal :math:`dW`. But :math:`dZ` is **not** the linear-layer
    gradient :math:`\gamma\, d\tilde z / \sqrt{\sigma^2+\varepsilon}`: :math:`\mu` and
    :math:`\sigma^2` are computed from the same batch, so two more terms flow back through
    them (below). Treating them as constants is correct only at test time, with fixed
    running statistics.

    Two consequences the tests check: every row of ``dZ`` sums to zero, so the bias
    :math:`b^{[l]}` before BN gets :math:`db^{[l]} = \sum_i dz^{(i)} = 0` exactly (it is
    useless, :math:`\beta` replaces it, rather than "similar to" it); and every row of
    ``dZ`` is orthogonal to that row of :math:`z_{norm}` (up to a term of order
    :math:`\varepsilon`): BN's output cannot change along the shift and the scale it removes.

    Conventions: ``dZ_tilde`` is the true gradient of :math:`J`, with the :math:`1/m` of the
    cost already in it, so ``dgamma`` and ``dbeta`` are sums. In the course's own layers
    :math:`dZ^{[L]} = A^{[L]} - Y` leaves out the :math:`1/m` and puts it in
    :math:`dW = \frac{1}{m} dZ A^T`; divide the course's :math:`dZ` by :math:`m` before
    calling this.

    Notes
    -----
    With :math:`dz_{norm} = \gamma\, d\tilde z`, the chain rule through :math:`\mu` and
    :math:`\sigma^2` (Ioffe & Szegedy, Section 3) collapses to

    .. math::

        dz^{(i)} = \frac{1}{m\sqrt{\sigma^2+\varepsilon}}
            \Big(m\, dz^{(i)}_{norm} - \sum_j dz^{(j)}_{norm}
                 - z^{(i)}_{norm} \sum_j dz^{(j)}_{norm} z^{(j)}_{norm}\Big)
        = \frac{\gamma}{m\sqrt{\sigma^2+\varepsilon}}
            \big(m\, d\tilde z^{(i)} - d\beta - z^{(i)}_{norm}\, d\gamma\big).

    The second term is the path through :math:`\mu`, the third the path through
    :math:`\sigma^2`.

    References
    ----------
    .. [1] Ioffe & Szegedy (2015), Section 3 (the gradients of the BN transform).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> Z = rng.normal(size=(3, 5))
    >>> _, cache = batchnorm_forward(Z, np.full((3, 1), 2.0), np.zeros((3, 1)))
    >>> dZ, dgamma, dbeta = batchnorm_backward(rng.normal(size=(3, 5)), cache)
    >>> dZ.shape, dgamma.shape, dbeta.shape
    ((3, 5), (3, 1), (3, 1))
    >>> np.allclose(dZ.sum(axis=1), 0.0)   # so the bias b before BN gets db = 0
    True
    """
    if not isinstance(cache, BatchNormCache):
        raise ValueError(
            f"cache must be the BatchNormCache returned by batchnorm_forward, "
            f"got {describe(cache)}"
        )
    if np.ndim(cache.Z_norm) != 2:
        raise ValueError(
            f"cache must come from the 2-D batchnorm_forward, got cache.Z_norm of shape "
            f"{np.shape(cache.Z_norm)}"
        )
    n, m = cache.Z_norm.shape
    dZ_tilde = check_matrix(dZ_tilde, "dZ_tilde", rows=n, cols=m)
    with float_range_guard("dZ_tilde", "the backward pass"):
        return _batchnorm_backward(dZ_tilde, cache)


def batchnorm_inference(
    Z: ArrayLike,
    gamma: ArrayLike,
    beta: ArrayLike,
    running_mean: ArrayLike,
    running_var: ArrayLike,
    *,
    epsilon: float = 1e-5,
) -> Array:
    r"""Batch norm at test time: normalize with running statistics, not the batch's.

    Parameters
    ----------
    Z : array_like, shape (n, m)
        Pre-activations; ``m`` may be 1 (a single test example).
    gamma, beta : array_like, shape (n, 1)
        The learned scale and shift.
    running_mean, running_var : array_like, shape (n, 1)
        Estimates of :math:`\mu` and :math:`\sigma^2` from training, e.g. from
        :func:`update_running_stats`. ``running_var`` must be >= 0.
    epsilon : float, default 1e-5
        Use the same value as in training.

    Returns
    -------
    ndarray, shape (n, m)
        :math:`\tilde z = \gamma\,(z - \mu_{run})/\sqrt{\sigma^2_{run} + \varepsilon} + \beta`,
        each column independent of the others.

    Warnings
    --------
    The notes say that at test time ":math:`\mu` and :math:`\sigma` are obtained from the
    training data": it is :math:`\sigma^2`, the variance, that goes under the square root
    here too. Which variance the running estimate holds is a convention:
    see :func:`update_running_stats`.

    Notes
    -----
    Course: at test time a single example has no batch to average over, so :math:`\mu` and
    :math:`\sigma^2` are estimated during training with an exponentially weighted average
    across mini-batches, then

    .. math:: z_{norm} = \frac{z - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
              \tilde z = \gamma z_{norm} + \beta.

    The result is an affine function of :math:`z`, so it can be folded into :math:`W^{[l]}`.

    References
    ----------
    .. [1] Ioffe & Szegedy (2015), Algorithm 2, steps 8-11 (the inference network).

    Examples
    --------
    >>> import numpy as np
    >>> out = batchnorm_inference(np.array([[3.0, 5.0]]), np.array([[2.0]]), np.array([[1.0]]),
    ...                           np.array([[1.0]]), np.array([[4.0]]))  # 2 (z - 1) / 2 + 1
    >>> np.round(out, 4)
    array([[3., 5.]])
    """
    Z = check_matrix(Z, "Z")
    n = Z.shape[0]
    gamma = _check_column(gamma, "gamma", n)
    beta = _check_column(beta, "beta", n)
    running_mean = _check_column(running_mean, "running_mean", n)
    running_var = _check_column(running_var, "running_var", n)
    _check_nonnegative_array(running_var, "running_var")
    epsilon = check_positive(epsilon, "epsilon")
    with float_range_guard("Z", "gamma * (Z - running_mean) / sqrt(running_var + epsilon)"):
        return _batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon)


def init_running_stats(n: int) -> RunningStats:
    r"""Initial running statistics for ``n`` units: mean 0, variance 1, each ``(n, 1)``.

    Starting the variance at 1 (as PyTorch and Keras do) rather than 0 means an
    un-trained layer at test time divides by :math:`\sqrt{1+\varepsilon}`, not by
    :math:`\sqrt{\varepsilon}`. The EWA is not bias-corrected: after :math:`t` updates the
    initial value still weighs :math:`\text{momentum}^t`.

    Examples
    --------
    >>> init_running_stats(2)
    RunningStats(running_mean=array([[0.],
           [0.]]), running_var=array([[1.],
           [1.]]))
    """
    n = check_int(n, "n", minimum=1)
    return RunningStats(np.zeros((n, 1)), np.ones((n, 1)))


def update_running_stats(
    running_mean: ArrayLike,
    running_var: ArrayLike,
    mu: ArrayLike,
    var: ArrayLike,
    *,
    momentum: float = 0.9,
    m: int | None = None,
) -> RunningStats:
    r"""One step of the exponentially weighted average of the batch statistics.

    Parameters
    ----------
    running_mean, running_var : array_like, shape (n, 1)
        Current estimates (start from :func:`init_running_stats`).
    mu, var : array_like, shape (n, 1)
        This mini-batch's ``cache.mu`` and ``cache.var`` from :func:`batchnorm_forward`.
    momentum : float in [0, 1), default 0.9
        Weight of the **old** running value, like the course's :math:`\beta` in an EWA
        (averages over roughly :math:`1/(1-\text{momentum})` mini-batches).
    m : int >= 2, optional
        Mini-batch size. If given, the variance folded in is the unbiased
        :math:`\frac{m}{m-1}\sigma^2` (the paper's inference estimate, and PyTorch's
        ``running_var``). By default the biased batch variance itself is averaged, as the
        course describes.

    Returns
    -------
    RunningStats
        ``(running_mean, running_var)``, new arrays; the inputs are not modified.

    Warnings
    --------
    Frameworks disagree on what "momentum" weighs:

    - **PyTorch** ``BatchNorm1d(momentum=0.1)`` weighs the **new** batch:
      running = (1 - 0.1) running + 0.1 batch. Its 0.1 is our ``momentum=0.9``.
    - **Keras** ``BatchNormalization(momentum=0.99)`` weighs the **old** value, like ours:
      its 0.99 is our ``momentum=0.99``.

    And on which variance is stored: PyTorch normalizes each training batch with the biased
    variance but stores the **unbiased** one (:math:`m/(m-1)`) in ``running_var``; the
    paper's inference also uses the unbiased :math:`\text{Var}[x] = \frac{m}{m-1}
    E_B[\sigma^2_B]` (Algorithm 2, step 10). Pass ``m`` to match them. Our default keeps
    the course's recipe, an EWA of the very :math:`\sigma^2` used in training; the two
    differ by a factor :math:`m/(m-1)`, 1.6 % for ``m=64``.

    Notes
    -----
    Course ("Batch norm at test time"), with :math:`\beta` the EWA rate:

    .. math::

        \mu_{run} := \beta\,\mu_{run} + (1-\beta)\,\mu^{\{t\}}, \qquad
        \sigma^2_{run} := \beta\,\sigma^2_{run} + (1-\beta)\,\sigma^{2\{t\}}

    where :math:`\{t\}` indexes mini-batches. The paper instead averages the statistics of
    many mini-batches after training (Algorithm 2, step 10); the EWA is the cheap running
    version.

    References
    ----------
    .. [1] Ioffe & Szegedy (2015), Algorithm 2, step 10 (population statistics).
    .. [2] PyTorch documentation, ``torch.nn.BatchNorm1d`` (momentum, unbiased running_var);
       Keras documentation, ``keras.layers.BatchNormalization`` (momentum).

    Examples
    --------
    >>> import numpy as np
    >>> stats = update_running_stats(np.array([[0.0]]), np.array([[1.0]]),
    ...                              np.array([[2.0]]), np.array([[3.0]]), momentum=0.9)
    >>> stats.running_mean, stats.running_var
    (array([[0.2]]), array([[1.2]]))
    >>> update_running_stats(np.array([[0.0]]), np.array([[1.0]]), np.array([[2.0]]),
    ...                      np.array([[3.0]]), momentum=0.9, m=4).running_var  # 3*4/3 = 4
    array([[1.3]])
    """
    running_mean = check_matrix(running_mean, "running_mean")
    if running_mean.shape[1] != 1:
        raise ValueError(f"running_mean must be of shape (n, 1), got {running_mean.shape}")
    n = running_mean.shape[0]
    running_var = _check_column(running_var, "running_var", n)
    mu = _check_column(mu, "mu", n)
    var = _check_column(var, "var", n)
    _check_nonnegative_array(running_var, "running_var")
    _check_nonnegative_array(var, "var")
    momentum = check_beta(momentum, "momentum")
    if m is not None:
        m = check_int(m, "m", minimum=2)
        var = var * (m / (m - 1))
    with float_range_guard("var", "the running average"):
        return _update_running_stats(running_mean, running_var, mu, var, momentum)


def batchnorm_as_in_notes(
    Z: ArrayLike, gamma: ArrayLike, beta: ArrayLike, *, epsilon: float = 1e-5
) -> Array:
    r"""The learner's notes' batch norm, :math:`\sqrt{\sigma + \varepsilon}` with :math:`\sigma`
    a standard deviation. WRONG; kept to show the difference.

    Parameters
    ----------
    Z : array_like, shape (n, m)
        Pre-activations of one layer for a mini-batch of ``m`` examples.
    gamma, beta : array_like, shape (n, 1)
        Scale and shift, as in :func:`batchnorm_forward`.
    epsilon : float, default 1e-5
        Added to :math:`\sigma` inside the square root.

    Returns
    -------
    ndarray, shape (n, m)
        :math:`\gamma\,(z - \mu)/\sqrt{\sigma + \varepsilon} + \beta` with, per row,
        :math:`\mu = \frac{1}{m}\sum_i z^{(i)}` and
        :math:`\sigma = \sqrt{\frac{1}{m}\sum_i (z^{(i)} - \mu)^2}`, the (biased) standard
        deviation.

    Warnings
    --------
    **Not batch normalization. Do not use it except to show that it is wrong.** The
    notes write :math:`\sigma = std(z, \mu)` and then
    :math:`z_{norm} = (z-\mu)/\sqrt{\sigma + \varepsilon}`: the square root of a standard
    deviation. Each row then comes out with standard deviation
    :math:`\gamma\,\sigma/\sqrt{\sigma+\varepsilon} \approx \gamma\sqrt{\sigma}`, not
    :math:`\gamma`: a unit spread over :math:`\pm 100` (:math:`\sigma = 100`) keeps a spread
    of 10, a unit with :math:`\sigma = 0.01` shrinks to 0.1. Only a unit that already had
    :math:`\sigma = 1` is normalized. The correct transform divides by the square root of the
    **variance**, :math:`\sqrt{\sigma^2 + \varepsilon}` (Ioffe & Szegedy 2015, Algorithm 1):
    use :func:`batchnorm_forward`.

    Notes
    -----
    The notes' version is not scale-free: multiplying :math:`Z` by :math:`c > 0` multiplies
    its output (for :math:`\beta = 0` and negligible :math:`\varepsilon`) by
    :math:`\sqrt{c}`, whereas :func:`batchnorm_forward` gives the same :math:`\tilde Z` for
    :math:`cZ` as for :math:`Z`. In units: if :math:`z` is in metres, :math:`\sigma` is in
    metres and :math:`(z-\mu)/\sqrt{\sigma}` still in :math:`\sqrt{\text{metres}}`; dividing by
    :math:`\sqrt{\sigma^2}` leaves a pure number.

    References
    ----------
    .. [1] Ioffe & Szegedy (2015), Algorithm 1 (Batch Normalizing Transform):
       :math:`\hat x_i = (x_i - \mu_B)/\sqrt{\sigma_B^2 + \epsilon}` with
       :math:`\sigma_B^2` the mini-batch **variance**.

    Examples
    --------
    >>> import numpy as np
    >>> Z = np.array([[-100.0, 100.0, -100.0, 100.0]])   # sigma = 100
    >>> ones, zeros = np.ones((1, 1)), np.zeros((1, 1))
    >>> round(float(batchnorm_as_in_notes(Z, ones, zeros).std()), 6)   # sqrt(100): wrong
    10.0
    >>> round(float(batchnorm_forward(Z, ones, zeros)[0].std()), 6)    # correct
    1.0
    """
    Z, gamma, beta, epsilon = _check_batch(Z, gamma, beta, epsilon)
    with float_range_guard("Z", "the batch statistics of Z", _RESCALE):
        return _batchnorm_as_in_notes(Z, gamma, beta, epsilon)
