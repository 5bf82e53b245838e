r"""The course assignments' helper functions, for the exercise notebooks and the checkers.

The week-1 assignments ("Initialization", "Regularization", "Gradient Checking") give the
learner a 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID and a few
helpers; the exercises call these, with the assignments' signatures and cache layouts:

- ``forward_propagation(X, parameters) -> (A3, cache)`` with
  ``cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``;
- ``compute_cost(A3, Y)``, the cross-entropy :math:`-\frac1m\sum(y\log a + (1-y)\log(1-a))`;
- for "Gradient Checking": ``forward_propagation_n(X, Y, parameters) -> (cost, cache)``,
  ``backward_propagation_n(X, Y, cache) -> gradients``, ``dictionary_to_vector``,
  ``vector_to_dictionary`` and ``gradients_to_vector``, for the assignment's fixed network
  with ``W1`` (5, 4), ``W2`` (3, 5), ``W3`` (1, 3) (47 parameters in all).

``X`` is ``(n_x, m)``, examples in columns, as everywhere in dlnotes. ``sigmoid`` is
:func:`dlnotes.softmax.sigmoid` (2-D input, no overflow for large :math:`|z|`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..softmax import sigmoid

__all__ = [
    "backward_propagation_n",
    "compute_cost",
    "dictionary_to_vector",
    "forward_propagation",
    "forward_propagation_n",
    "gradients_to_vector",
    "relu",
    "sigmoid",
    "vector_to_dictionary",
]

_GRADCHECK_SHAPES: dict[str, tuple[int, int]] = {
    "W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1),
}
"""The parameter shapes of the "Gradient Checking" assignment, in ``dictionary_to_vector``
order."""


def relu(x: np.ndarray) -> np.ndarray:
    """ReLU, elementwise: ``np.maximum(0, x)``.

    Examples
    --------
    >>> relu(np.array([[-1.0, 2.0]]))
    array([[0., 2.]])
    """
    return np.maximum(0, x)


def forward_propagation(X: np.ndarray, parameters: Mapping[str, np.ndarray]):
    """The assignments' 3-layer forward pass (no dropout).

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        ``W1`` (n_1, n_x), ``b1`` (n_1, 1), ``W2`` (n_2, n_1), ``b2``, ``W3`` (1, n_2), ``b3``.

    Returns
    -------
    A3 : ndarray, shape (1, m)
        Sigmoid output.
    cache : tuple
        ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``.

    Examples
    --------
    >>> p = {"W1": np.ones((2, 1)), "b1": np.zeros((2, 1)), "W2": np.ones((1, 2)),
    ...      "b2": np.zeros((1, 1)), "W3": np.ones((1, 1)), "b3": np.zeros((1, 1))}
    >>> A3, cache = forward_propagation(np.array([[0.0, 1.0]]), p)
    >>> A3.round(4), len(cache)
    (array([[0.5   , 0.8808]]), 12)
    """
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def compute_cost(A3: np.ndarray, Y: np.ndarray) -> float:
    r"""The assignments' cross-entropy cost of sigmoid outputs ``A3`` (1, m) and labels ``Y``.

    .. math:: J = -\frac{1}{m}\sum_{i=1}^m \big(y^{(i)}\log a^{(i)}
              + (1-y^{(i)})\log(1-a^{(i)})\big)

    Examples
    --------
    >>> round(compute_cost(np.array([[0.5, 0.5]]), np.array([[1.0, 0.0]])), 6)
    0.693147
    """
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return float(1.0 / m * np.nansum(logprobs))


def forward_propagation_n(X: np.ndarray, Y: np.ndarray, parameters: Mapping[str, np.ndarray]):
    """The "Gradient Checking" assignment's forward pass: ``(cost, cache)``.

    Examples
    --------
    >>> theta = np.full((47, 1), 0.1)
    >>> cost, cache = forward_propagation_n(np.ones((4, 2)), np.array([[1.0, 0.0]]),
    ...                                     vector_to_dictionary(theta))
    >>> round(cost, 6)  # every Z3 = 0.205: (-log s(0.205) - log(1 - s(0.205))) / 2
    0.698391
    """
    A3, cache = forward_propagation(X, parameters)
    return compute_cost(A3, Y), cache


def backward_propagation_n(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict[str, np.ndarray]:
    """The (correct) backward pass of :func:`forward_propagation_n`.

    Returns
    -------
    dict
        ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1``.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * dZ3 @ A2.T
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = 1.0 / m * dZ2 @ A1.T
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = 1.0 / m * dZ1 @ X.T
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def dictionary_to_vector(parameters: Mapping[str, np.ndarray]) -> tuple[np.ndarray, list[str]]:
    """Stack ``W1, b1, W2, b2, W3, b3`` into one column ``theta`` (47, 1), and each entry's key.

    Examples
    --------
    >>> p = vector_to_dictionary(np.arange(47.0).reshape(47, 1))
    >>> theta, keys = dictionary_to_vector(p)
    >>> theta.shape, keys[0], keys[-1], float(theta[20, 0])
    ((47, 1), 'W1', 'b3', 20.0)
    """
    pieces, keys = [], []
    for key in _GRADCHECK_SHAPES:
        pieces.append(np.reshape(parameters[key], (-1, 1)))
        keys += [key] * np.size(parameters[key])
    return np.concatenate(pieces, axis=0), keys


def vector_to_dictionary(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Unroll a column ``theta`` (47, 1) into ``W1, b1, W2, b2, W3, b3`` (copies)."""
    theta = np.asarray(theta, dtype=np.float64).reshape(-1)
    out, start = {}, 0
    for key, shape in _GRADCHECK_SHAPES.items():
        size = shape[0] * shape[1]
        out[key] = theta[start:start + size].reshape(shape).copy()
        start += size
    return out


def gradients_to_vector(gradients: Mapping[str, np.ndarray]) -> np.ndarray:
    """Stack ``dW1, db1, dW2, db2, dW3, db3`` into one column (47, 1), in ``theta``'s order."""
    return np.concatenate(
        [np.reshape(gradients["d" + key], (-1, 1)) for key in _GRADCHECK_SHAPES], axis=0
    )
