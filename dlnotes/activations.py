r"""Hidden-layer activations, ReLU and tanh, with their backward passes.

The interface, stated once (as in CS231n's ``layers.py``)::

    A = relu(Z)                 # forward, any shape
    dZ = relu_backward(dA, A)   # dZ = dA * g'(Z), with g'(Z) read off A = g(Z)

Both derivatives can be written in terms of the *output* ``A`` of the activation, so a layer
needs to keep only ``A``:

=========== ============================ ==========================================
activation  :math:`g(z)`                 :math:`g'(z)`, from :math:`a = g(z)`
=========== ============================ ==========================================
ReLU        :math:`\max(0, z)`           :math:`1` if :math:`a > 0`, else :math:`0`
tanh        :math:`\tanh z`              :math:`1 - a^2`
=========== ============================ ==========================================

The output activations (sigmoid, softmax) live in :mod:`dlnotes.softmax`, next to the
cross-entropy they are always paired with.

The private kernels ``_relu``, ``_relu_backward``, ``_tanh``, ``_tanh_backward`` carry the
formulas, do no checking and are elementwise, so they work unchanged on a stack of ``K``
networks (``Z`` of shape ``(K, n, m)``); :mod:`dlnotes.nn` calls them.
"""

from __future__ import annotations

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import check_matrix, check_same_shape

__all__ = ["relu", "relu_backward", "tanh"]


# --------------------------------------------------------------------------- kernels


def _relu(Z: np.ndarray) -> np.ndarray:
    # A = max(0, Z)
    return np.maximum(Z, 0.0)


def _relu_backward(dA: np.ndarray, A: np.ndarray) -> np.ndarray:
    # dZ = dA * 1[A > 0]
    return np.multiply(dA, A > 0.0)


def _tanh(Z: np.ndarray) -> np.ndarray:
    # A = tanh(Z)
    return np.tanh(Z)


def _tanh_backward(dA: np.ndarray, A: np.ndarray) -> np.ndarray:
    r"""Backward pass of :func:`tanh`: :math:`dZ = dA * (1 - A^2)`, from the forward output ``A``.

    :math:`\frac{d}{dz}\tanh z = 1 - \tanh^2 z = 1 - a^2`. It is at most 1 and vanishes when
    :math:`|z|` is large, which is why badly scaled initial weights (the course's "times 10")
    stall a tanh network: every :math:`dZ` is multiplied by a number close to zero.
    """
    return np.multiply(dA, 1.0 - A * A)


# --------------------------------------------------------------------------- public API


def relu(Z: ArrayLike) -> Array:
    r"""Rectified linear unit, :math:`A = \max(0, Z)`, elementwise.

    Parameters
    ----------
    Z : array_like, shape (n, m)
        Pre-activations of one layer (units by examples).

    Returns
    -------
    ndarray, shape (n, m)
        :math:`A = g(Z) = \max(0, Z)`.

    Examples
    --------
    >>> relu([[-2.0, 0.0, 3.0]])
    array([[0., 0., 3.]])
    """
    return _relu(check_matrix(Z, "Z"))


def relu_backward(dA: ArrayLike, A: ArrayLike) -> Array:
    r"""Backward pass of :func:`relu`: :math:`dZ = dA * g'(Z)`.

    Parameters
    ----------
    dA : array_like, shape (n, m)
        :math:`\partial J/\partial A`.
    A : array_like, shape (n, m)
        The output of :func:`relu` in the forward pass.

    Returns
    -------
    ndarray, shape (n, m)
        :math:`dZ = dA * \mathbb{1}[A > 0]`.

    Notes
    -----
    :math:`g'(z) = 1` for :math:`z > 0` and :math:`0` for :math:`z < 0`; at the kink
    :math:`z = 0` we take :math:`0` (a subgradient), as the course's ``relu_backward`` does.
    Since :math:`a > 0 \iff z > 0`, the output ``A`` carries all that is needed (the course
    keeps ``Z`` in its cache instead; the result is the same).

    Examples
    --------
    >>> relu_backward([[5.0, 5.0, 5.0]], relu([[-2.0, 0.0, 3.0]]))
    array([[0., 0., 5.]])
    """
    dA = check_matrix(dA, "dA")
    A = check_matrix(A, "A")
    check_same_shape(dA, A, "dA", "A")
    return _relu_backward(dA, A)


def tanh(Z: ArrayLike) -> Array:
    r"""Hyperbolic tangent, :math:`A = \tanh Z`, elementwise.

    Parameters
    ----------
    Z : array_like, shape (n, m)

    Returns
    -------
    ndarray, shape (n, m)
        Values in :math:`(-1, 1)`; zero-centred, unlike the sigmoid (course 1, week 3).

    Examples
    --------
    >>> tanh([[0.0, 1.0]])
    array([[0.        , 0.76159416]])
    """
    return _tanh(check_matrix(Z, "Z"))
