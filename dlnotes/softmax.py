r"""Softmax regression (course 2, week 3) and its two-class special case, the sigmoid.

Shapes are the course's: logits ``Z`` and labels ``Y`` are ``(C, m)``, classes in rows and
examples in columns, so softmax normalizes over **axis 0** (each column is a probability
vector). The binary case has ``Z`` and ``Y`` of shape ``(1, m)``.

Every function takes **logits** (the :math:`Z^{[L]}` before the output activation), never
probabilities: the losses are computed through ``_log_softmax`` or the softplus, so a
logit of :math:`\pm 10^4` gives a finite loss, no ``log(0)``, no ``exp`` overflow.

Gradients are those of the scalar cost :math:`J` (a mean over examples), so they include
the :math:`1/m`: :func:`cross_entropy_backward` returns :math:`(\hat Y - Y)/m`. The course
writes :math:`dZ^{[L]} = \hat Y - Y` and puts the :math:`1/m` into
:math:`dW^{[L]} = \frac{1}{m} dZ^{[L]} A^{[L-1]T}` instead; the products are the same.

The private kernels (``_softmax``, ``_log_softmax``, ``_cross_entropy``,
``_cross_entropy_backward``, ``_sigmoid``, ``_binary_cross_entropy``,
``_binary_cross_entropy_backward``) hold the formulas without checks and work on any leading
"model" axes: classes on ``axis=-2``, examples on ``axis=-1``; the losses return one value per
model (the shape of the leading axes).

References
----------
.. [1] J. S. Bridle, "Probabilistic interpretation of feedforward classification network
   outputs, with relationships to statistical pattern recognition", in Neurocomputing:
   Algorithms, Architectures and Applications, Springer, 1990 (names the softmax).
.. [2] I. Goodfellow, Y. Bengio and A. Courville, Deep Learning, MIT Press, 2016,
   Section 6.2.2.2 (sigmoid units and the softplus form of their loss) and
   Section 6.2.2.3 (softmax units: maximum likelihood, the max-subtraction trick, and
   why "softargmax" would be the better name).
"""

from __future__ import annotations

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import check_matrix, check_one_hot, check_positive, check_same_shape

__all__ = [
    "cross_entropy",
    "cross_entropy_backward",
    "sigmoid",
    "softmax",
]


# --------------------------------------------------------------------------- kernels


# The kernels work in place on the fresh arrays they make (never on an input): fewer
# temporaries, the same numbers bit for bit (measured by benchmarks/kernels.py).


# z - max(z) is <= 0 but may lie below -1.8e308 for huge finite logits ([1e308, -1e308]): it
# overflows to -inf, harmless in e^(z - max) = 0, and clipped to the lowest float in the log.
_LOWEST = np.finfo(np.float64).min


def _softmax(Z: np.ndarray, temperature: float | np.ndarray = 1.0) -> np.ndarray:
    # over: huge finite logits send z - max below -1.8e308, and a tiny temperature sends
    # shifted/T to -inf; both give e^-inf = 0, the right answer
    with np.errstate(over="ignore"):
        shifted = Z - np.max(Z, axis=-2, keepdims=True)  # <= 0: the largest term is e^0 = 1
        if not (np.ndim(temperature) == 0 and temperature == 1.0):  # x / 1 is x: skip the pass
            shifted = shifted / temperature
        E = np.exp(shifted, out=shifted)
    E /= np.sum(E, axis=-2, keepdims=True)
    return E


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    r"""Logarithm of the softmax, :math:`\log a_j = z_j - \log\sum_k e^{z_k}`, never ``log(0)``.

    .. math:: \log \text{softmax}(z)_j = (z_j - \max_k z_k)
              - \log\sum_k e^{z_k - \max_k z_k}

    The sum inside the log is at least 1, so the log is finite (each entry <= 0), even where
    the softmax itself underflows to 0: ``np.log(softmax(Z))`` would give ``-inf`` for a logit
    :math:`10^4` below the largest. Where the true value lies below the lowest float64 (logits
    1e308 and -1e308), it is that lowest float, -1.8e308. Goodfellow, Bengio & Courville
    (2016), Section 6.2.2.3 (the log-softmax).
    """
    with np.errstate(over="ignore"):
        shifted = Z - np.max(Z, axis=-2, keepdims=True)
    np.maximum(shifted, _LOWEST, out=shifted)  # -inf (below -1.8e308) -> the lowest float
    shifted -= np.log(np.sum(np.exp(shifted), axis=-2, keepdims=True))
    return shifted


def _mean_over_examples(losses: np.ndarray) -> np.ndarray:
    # np.mean sums first: m losses near 1e308 overflow although their mean does not
    with np.errstate(over="ignore"):
        J = np.mean(losses, axis=-1)
    if not np.all(np.isfinite(J)):  # mean = s * mean(losses / s), s the largest |loss|
        s = np.max(np.abs(losses), axis=-1, keepdims=True)
        J = s[..., 0] * np.mean(losses / s, axis=-1)
    return J


def _cross_entropy(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    Y_log_A = _log_softmax(Z)
    Y_log_A *= Y  # y_j log a_j
    return -_mean_over_examples(np.sum(Y_log_A, axis=-2))


def _cross_entropy_backward(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    dZ = _softmax(Z)
    dZ -= Y
    dZ /= Z.shape[-1]  # (softmax(Z) - Y) / m
    return dZ


def _sigmoid(Z: np.ndarray) -> np.ndarray:
    E = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    return np.where(Z >= 0, 1.0 / (1.0 + E), E / (1.0 + E))


def _binary_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    r"""Logistic-regression cost from logits ``Z`` and 0/1 labels ``Y``, averaged over examples.

    :math:`J = -\frac{1}{m}\sum_i \big(y^{(i)}\log\hat y^{(i)} + (1-y^{(i)})\log(1-\hat
    y^{(i)})\big)` with :math:`\hat y = \sigma(z)`. The course's formula takes logs of
    :math:`\hat y` and :math:`1-\hat y`: in float64 :math:`1-\hat y` rounds to 0 for
    :math:`z > 37` (and :math:`e^{-z}` overflows for :math:`z < -709`), so a confident mistake
    costs ``inf`` or ``nan``. Since :math:`\log\sigma(z) = -\text{softplus}(-z)` and
    :math:`\log(1-\sigma(z)) = -\text{softplus}(z)`, the loss of one example is
    :math:`\text{softplus}(z) - y z`, :math:`\text{softplus}(z) = \log(1 + e^{z})`, computed
    with ``np.logaddexp(0, z)``: finite for any finite logit. Goodfellow, Bengio & Courville
    (2016), Section 6.2.2.2 (the softplus form).
    """
    return _mean_over_examples(np.sum(np.logaddexp(0.0, Z) - Y * Z, axis=-2))


def _binary_cross_entropy_backward(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    r"""Gradient of ``_binary_cross_entropy`` with respect to the logits, :math:`(\sigma(Z) - Y)/m`.

    The course's :math:`dZ = A - Y` leaves the :math:`1/m` for :math:`dW`; it is included here.
    """
    return (_sigmoid(Z) - Y) / Z.shape[-1]


# --------------------------------------------------------------------------- checks


def _check_logits(Z: ArrayLike, name: str = "Z") -> Array:
    Z = check_matrix(Z, name)
    if Z.shape[0] < 1 or Z.shape[1] < 1:
        raise ValueError(
            f"{name} must have at least one class (row) and one example (column), "
            f"got shape {Z.shape}"
        )
    return Z


def _check_logits_and_one_hot(Z: ArrayLike, Y: ArrayLike) -> tuple[Array, Array]:
    Z = _check_logits(Z)
    Y = check_one_hot(Y, "Y")
    check_same_shape(Z, Y, "Z", "Y")
    return Z, Y


# --------------------------------------------------------------------------- public API


def softmax(Z: ArrayLike, *, temperature: float = 1.0) -> Array:
    r"""Softmax activation over the classes (axis 0) of each column of logits.

    Parameters
    ----------
    Z : array_like, shape (C, m)
        Logits :math:`Z^{[L]}`, one column per example.
    temperature : float > 0, default 1.0
        :math:`T` in :math:`\text{softmax}(Z/T)`. As :math:`T \to 0` the output tends to the
        one-hot vector of the argmax; as :math:`T \to \infty`, to the uniform distribution.

    Returns
    -------
    ndarray, shape (C, m)
        :math:`\hat Y = A^{[L]}`, every column non-negative and summing to one.

    Warnings
    --------
    The notes call the softmax "an approximation of argmax". More precisely it is a smooth,
    differentiable approximation of the **one-hot argmax** (Goodfellow et al. 6.2.2.3:
    "softargmax" would be the better name), and it only becomes the argmax in the limit of
    a vanishing temperature: ``softmax(Z, temperature=T) -> one_hot(argmax(Z))`` as
    :math:`T \to 0` (when the largest logit is unique). The smooth approximation of the
    *max* itself is :math:`\log\sum_j e^{z_j}`.

    Notes
    -----
    Course ("Softmax regression"):

    .. math:: t = e^{z^{[L]}}, \qquad a^{[L]}_j = \frac{t_j}{\sum_{k=1}^{C} t_k}.

    Computed as :math:`e^{z_j - \max_k z_k} / \sum_k e^{z_k - \max_k z_k}`, which is the
    same number (multiply top and bottom by :math:`e^{-\max_k z_k}`) but can never overflow:
    the largest exponent is :math:`e^0 = 1`. So softmax ignores a constant added to a
    column, and with :math:`C = 2` it is the sigmoid of the logit difference,
    :math:`a_1 = \sigma(z_1 - z_2)`.

    References
    ----------
    .. [1] Bridle (1990); Goodfellow, Bengio & Courville (2016), Section 6.2.2.3.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([[0.0, 1e4], [np.log(3.0), 0.0]]))
    array([[0.25, 1.  ],
           [0.75, 0.  ]])
    >>> softmax(np.array([[1.0], [2.0]]), temperature=0.01).round(6)  # nearly argmax
    array([[0.],
           [1.]])
    """
    Z = _check_logits(Z)
    temperature = check_positive(temperature, "temperature")
    return _softmax(Z, temperature)


def cross_entropy(Z: ArrayLike, Y: ArrayLike) -> float:
    r"""Softmax cross-entropy cost from logits and one-hot labels, averaged over examples.

    Parameters
    ----------
    Z : array_like, shape (C, m)
        Logits :math:`Z^{[L]}` (not probabilities).
    Y : array_like, shape (C, m)
        One-hot labels: entries 0 or 1, exactly one 1 per column.

    Returns
    -------
    float
        :math:`J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{j=1}^{C} y^{(i)}_j \log \hat y^{(i)}_j`.

    Warnings
    --------
    The notes derive this from the likelihood :math:`L = \prod_j p_j^{y_j}` and write
    :math:`J = -\log L = -\sum_j y_j \log p_j` "for maximization". The formula is right (it
    is the negative log-likelihood, with :math:`p = \text{softmax}(z)`), but the direction is
    backwards: gradient descent **minimizes** :math:`J`, which is the same as **maximizing**
    the likelihood :math:`L`. Over :math:`m` independent examples the likelihood is a product,
    the log turns it into a sum, and the course averages it (the :math:`1/m`).

    Notes
    -----
    Course ("Training a softmax classifier"): the loss of one example is
    :math:`\mathcal{L}(\hat y, y) = -\sum_j y_j \log \hat y_j`, which, :math:`y` being
    one-hot, is :math:`-\log \hat y_{G}` for the true class :math:`G`. Computed as
    :math:`-\sum_j y_j\,\text{log\_softmax}(z)_j` so that a confident wrong answer gives a
    large finite cost rather than ``inf`` or ``nan``.

    References
    ----------
    .. [1] Goodfellow, Bengio & Courville (2016), Section 6.2.1.1 (maximum likelihood
       and cross-entropy) and 6.2.2.3.

    Examples
    --------
    >>> import numpy as np
    >>> Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> round(cross_entropy(np.zeros((2, 2)), Y), 6)  # uniform guess: log 2
    0.693147
    >>> round(cross_entropy(np.array([[-1e4, 0.0], [1e4, 0.0]]), Y), 3)  # confident and wrong
    10000.347
    """
    Z, Y = _check_logits_and_one_hot(Z, Y)
    return float(_cross_entropy(Z, Y))


def cross_entropy_backward(Z: ArrayLike, Y: ArrayLike) -> Array:
    r"""Gradient of :func:`cross_entropy` with respect to the logits.

    Parameters
    ----------
    Z : array_like, shape (C, m)
        Logits.
    Y : array_like, shape (C, m)
        One-hot labels.

    Returns
    -------
    ndarray, shape (C, m)
        :math:`\partial J/\partial Z = (\text{softmax}(Z) - Y)/m`.

    Warnings
    --------
    The course writes :math:`dZ^{[L]} = \hat Y - Y` and applies the :math:`1/m` in
    :math:`dW^{[L]}` and :math:`db^{[L]}`. This function returns the true gradient of the
    averaged cost, with the :math:`1/m` included: do not divide by :math:`m` again.

    Notes
    -----
    For one example, :math:`\partial\mathcal{L}/\partial z_j = \hat y_j - y_j`: the Jacobian of
    the softmax and the derivative of the log combine into this short form (the same one as
    for the sigmoid with binary cross-entropy).

    Examples
    --------
    >>> import numpy as np
    >>> cross_entropy_backward(np.zeros((2, 2)), np.array([[1.0, 0.0], [0.0, 1.0]]))
    array([[-0.25,  0.25],
           [ 0.25, -0.25]])
    """
    Z, Y = _check_logits_and_one_hot(Z, Y)
    return _cross_entropy_backward(Z, Y)


def sigmoid(Z: ArrayLike) -> Array:
    r"""Logistic sigmoid, elementwise, without overflow for large :math:`|z|`.

    Parameters
    ----------
    Z : array_like, shape (n, m)
        Any 2-D array of logits.

    Returns
    -------
    ndarray, shape (n, m)
        :math:`\sigma(z) = 1/(1 + e^{-z})`, in [0, 1].

    Notes
    -----
    The course's :math:`1/(1+e^{-z})` overflows ``exp`` for :math:`z < -709`. Computed
    instead with :math:`e^{-|z|} \le 1`: :math:`1/(1+e^{-|z|})` for :math:`z \ge 0` and
    :math:`e^{-|z|}/(1+e^{-|z|})` for :math:`z < 0`, which are the same function.

    It is softmax with two classes: :math:`\sigma(z_1 - z_2) = e^{z_1}/(e^{z_1} + e^{z_2})`.

    References
    ----------
    .. [1] Goodfellow, Bengio & Courville (2016), Section 6.2.2.2 (sigmoid units).

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid(np.array([[-1e4, 0.0, 1e4]]))
    array([[0. , 0.5, 1. ]])
    """
    return _sigmoid(_check_logits(Z))
