r"""Regularization: L2 (weight decay), L1 with its proximal step, inverted dropout, matrix norms.

Shapes follow the course: ``W{l}`` is ``(n_l, n_{l-1})``, activations ``A`` are ``(n, m)``
with the ``m`` examples in columns. Costs take the whole parameter dict and use only the
weights (keys starting with ``"W"``); biases, and batch norm's ``gamma``/``beta``, are not
regularized, as in the course.

Each public function checks its input, then calls a private kernel of the same name with a
leading underscore. Kernels work on any leading "model" axes (``W`` of shape ``(K, n, p)``) and
take ``lambd``/``keep_prob`` either as numbers or as arrays of shape ``(K, 1, 1)``, so
:mod:`dlnotes.nn` can train ``K`` networks at once.

On the notes: "L1 makes w sparse" is true of the *proximal* (soft-threshold) step,
:func:`l1_proximal_step`, which sets weights exactly to zero; plain (sub)gradient descent with
:func:`l1_grad` only makes them small, jittering around zero by about
:math:`\alpha\lambda/m` and almost never landing on it. "Frobenius Norm, L2 for matrixes" is
loose: the Frobenius norm is the L2 norm of the *flattened* entries; the matrix norm induced by
the vector L2 norm is the *spectral* norm (largest singular value). See :func:`matrix_norms`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from ._typing import Array, ArrayLike
from ._validation import (
    ArgumentTypeError,
    check_array,
    check_int,
    check_matrix,
    check_nonnegative,
    check_params,
    check_positive,
    check_probability,
    check_rng,
    check_same_shape,
    describe,
    float_range_guard,
)

__all__ = [
    "dropout_backward",
    "dropout_forward",
    "early_stopping",
    "frobenius_norm",
    "l1_cost",
    "l1_grad",
    "l1_proximal_step",
    "l2_cost",
    "l2_grad",
    "matrix_norms",
]


# --------------------------------------------------------------------------- private checks
def _weights(params: Any) -> list[Array]:
    """The 2-D weight matrices of ``params`` (keys starting with "W"), in key order."""
    params = check_params(params)
    weights = [check_matrix(v, f"params[{k!r}]") for k, v in params.items() if k.startswith("W")]
    if not weights:
        raise ValueError(
            f"params must contain weight matrices keyed 'W1', 'W2', ...; got keys {list(params)}"
        )
    return weights


def _check_lambd_m(lambd: Any, m: Any) -> tuple[float, int]:
    """``lambd >= 0`` and ``m >= 1`` training examples, as every penalty takes them."""
    return check_nonnegative(lambd, "lambd"), check_int(m, "m", minimum=1)


def _check_nonempty(W: Array, name: str) -> Array:
    if W.size == 0:
        raise ValueError(f"{name} must have at least one entry, got shape {W.shape}")
    return W


def _check_mask(D: Any, name: str = "D") -> Array:
    D = check_matrix(D, name)
    if not np.all((D == 0) | (D == 1)):
        raise ValueError(
            f"{name} must be the 0/1 mask returned by dropout_forward, got {describe(D)} "
            "with entries other than 0 and 1"
        )
    return D


# --------------------------------------------------------------------------- L2
def l2_cost(params: Mapping[str, np.ndarray], lambd: float, m: int) -> float:
    r"""The course's L2 penalty :math:`\frac{\lambda}{2m}\sum_l \lVert W^{[l]}\rVert_F^2`.

    Parameters
    ----------
    params : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": ..., ...}``; only keys starting with ``"W"`` are used.
    lambd : float
        :math:`\lambda \ge 0` (``lambda`` is a Python keyword, hence the course's spelling).
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    float
        The term added to the cross-entropy cost :math:`J`.

    Notes
    -----
    Week 1, "Regularization": :math:`J_{reg} = J + \frac{\lambda}{2m}\sum_{l=1}^{L}
    \lVert W^{[l]}\rVert_F^2` with :math:`\lVert W\rVert_F^2 = \sum_{i,j} W_{ij}^2`. The
    :math:`\frac12` is there so that the gradient, :func:`l2_grad`, is :math:`\frac{\lambda}{m}W`.

    Warnings
    --------
    The notes' "Frobenius Norm, L2 for matrixes" is loose. The Frobenius norm is the vector L2
    norm of the flattened entries, and it is what "L2 regularization" uses. The matrix
    "2-norm" :math:`\lVert W\rVert_2 = \max_{\lVert x\rVert_2=1}\lVert Wx\rVert_2` is the
    *spectral* norm, a different number (:func:`matrix_norms`). Frameworks scale the penalty
    differently: Keras ``regularizers.L2(l2)`` adds ``l2 * sum(W**2)`` (so ``l2`` is
    :math:`\lambda/2m`), PyTorch ``SGD(weight_decay=wd)`` adds ``wd * W`` to the gradient (so
    ``wd`` is :math:`\lambda/m`).

    References
    ----------
    .. [1] A. Krogh, J. Hertz, "A Simple Weight Decay Can Improve Generalization", NIPS 1991.

    Examples
    --------
    >>> import numpy as np
    >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]]),
    ...           "W2": np.array([[2.0]])}
    >>> l2_cost(params, lambd=0.1, m=2)  # 0.1 / 4 * (1 + 4 + 4)
    0.225
    """
    weights = _weights(params)
    lambd, m = _check_lambd_m(lambd, m)
    with float_range_guard("params", "the L2 penalty of these weights"):
        return float(_l2_cost(weights, lambd, m))


def _l2_cost(weights: Sequence[np.ndarray], lambd: ArrayLike, m: ArrayLike) -> np.ndarray:
    """Kernel: ``lambd/(2m) * sum_l ||W_l||_F^2`` over the last two axes (leading axes kept)."""
    total = sum(np.sum(W**2, axis=(-2, -1), keepdims=True) for W in weights)
    return (np.asarray(lambd) / (2 * np.asarray(m)) * total)[..., 0, 0]


def l2_grad(W: np.ndarray, lambd: float, m: int) -> Array:
    r"""Gradient of :func:`l2_cost` with respect to one weight matrix: :math:`\frac{\lambda}{m}W`.

    Parameters
    ----------
    W : ndarray, shape (n_l, n_{l-1})
    lambd : float
        :math:`\lambda \ge 0`.
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    ndarray, shape (n_l, n_{l-1})
        To add to the backprop ``dW{l}``.

    Notes
    -----
    Hence the name "weight decay": the step
    :math:`W := W - \alpha(dW_{backprop} + \frac{\lambda}{m}W)
    = (1 - \frac{\alpha\lambda}{m})W - \alpha\, dW_{backprop}` shrinks :math:`W` by a constant
    factor before the usual update.

    Examples
    --------
    >>> import numpy as np
    >>> l2_grad(np.array([[1.0, -2.0]]), lambd=0.7, m=4)
    array([[ 0.175, -0.35 ]])
    """
    W = check_matrix(W, "W")
    lambd, m = _check_lambd_m(lambd, m)
    with float_range_guard("W", "lambd / m * W"):
        return _l2_grad(W, lambd, m)


def _l2_grad(W: np.ndarray, lambd: ArrayLike, m: ArrayLike) -> np.ndarray:
    """Kernel: ``(lambd/m) * W``; ``lambd`` may be ``(K, 1, 1)``."""
    return np.asarray(lambd) / np.asarray(m) * W


# --------------------------------------------------------------------------- L1
def l1_cost(params: Mapping[str, np.ndarray], lambd: float, m: int) -> float:
    r"""The L1 penalty :math:`\frac{\lambda}{m}\sum_l \sum_{i,j} |W^{[l]}_{ij}|`.

    Parameters
    ----------
    params : dict of ndarray
        Only keys starting with ``"W"`` are used.
    lambd : float
        :math:`\lambda \ge 0`.
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    float

    Warnings
    --------
    The course writes :math:`\frac{\lambda}{2m}\lVert w\rVert_1` on one slide and
    :math:`\frac{\lambda}{m}` elsewhere; the factor is a convention, absorbed into
    :math:`\lambda`. We use :math:`\frac{\lambda}{m}` (no :math:`\frac12`: it only served to
    cancel the 2 of a square), so the subgradient is :math:`\frac{\lambda}{m}\,\mathrm{sign}(W)`
    and the proximal threshold is :math:`\alpha\lambda/m`. To reproduce the
    :math:`\frac{\lambda}{2m}` slide, pass ``lambd / 2``. Keras ``regularizers.L1(l1)`` adds
    ``l1 * sum(|W|)``, i.e. ``l1`` is :math:`\lambda/m` here.

    References
    ----------
    .. [1] R. Tibshirani, "Regression Shrinkage and Selection via the Lasso", J. R. Stat.
       Soc. B 58(1), 1996.

    Examples
    --------
    >>> import numpy as np
    >>> l1_cost({"W1": np.array([[1.0, -2.0]]), "W2": np.array([[3.0]])}, lambd=1.0, m=2)
    3.0
    """
    weights = _weights(params)
    lambd, m = _check_lambd_m(lambd, m)
    with float_range_guard("params", "the L1 penalty of these weights"):
        return float(_l1_cost(weights, lambd, m))


def _l1_cost(weights: Sequence[np.ndarray], lambd: ArrayLike, m: ArrayLike) -> np.ndarray:
    """Kernel: ``lambd/m * sum_l sum |W_l|`` over the last two axes (leading axes kept)."""
    total = sum(np.sum(np.abs(W), axis=(-2, -1), keepdims=True) for W in weights)
    return (np.asarray(lambd) / np.asarray(m) * total)[..., 0, 0]


def l1_grad(W: np.ndarray, lambd: float, m: int) -> Array:
    r"""A subgradient of :func:`l1_cost`: :math:`\frac{\lambda}{m}\,\mathrm{sign}(W)` (0 at 0).

    Parameters
    ----------
    W : ndarray, shape (n_l, n_{l-1})
    lambd : float
    m : int

    Returns
    -------
    ndarray, shape (n_l, n_{l-1})

    Warnings
    --------
    :math:`|w|` has no derivative at 0; any value in :math:`[-\lambda/m, \lambda/m]` is a
    subgradient there and we pick 0. Descending with it does **not** make weights sparse: a
    weight near zero jumps from side to side by :math:`\alpha\lambda/m` and is almost never
    exactly 0. The notes' "L1 makes w sparse" holds for :func:`l1_proximal_step`.

    Examples
    --------
    >>> import numpy as np
    >>> l1_grad(np.array([[0.3, 0.0, -2.0]]), lambd=1.0, m=4).tolist()
    [[0.25, 0.0, -0.25]]
    """
    W = check_matrix(W, "W")
    lambd, m = _check_lambd_m(lambd, m)
    with float_range_guard("W", "lambd / m * sign(W)"):
        return _l1_grad(W, lambd, m)


def _l1_grad(W: np.ndarray, lambd: ArrayLike, m: ArrayLike) -> np.ndarray:
    """Kernel: ``(lambd/m) * sign(W)``."""
    return np.asarray(lambd) / np.asarray(m) * np.sign(W)


def _soft_threshold(W: np.ndarray, threshold: ArrayLike) -> np.ndarray:
    r"""Soft thresholding :math:`\mathrm{sign}(W)\max(|W| - t, 0)`, the proximal map of L1.

    Entries with :math:`|W_{ij}| \le t` become exactly 0; the others move :math:`t` towards 0:
    :math:`\mathrm{prox}_{t\lVert\cdot\rVert_1}(V) = \arg\min_X \tfrac12\lVert X - V\rVert_F^2
    + t\lVert X\rVert_1`, solved entry by entry (N. Parikh, S. Boyd, "Proximal Algorithms",
    Foundations and Trends in Optimization 1(3), 2014, sect. 6.5.2). No checks; ``threshold``
    may be ``(K, 1, 1)``.
    """
    return np.sign(W) * np.maximum(np.abs(W) - threshold, 0.0)


def l1_proximal_step(
    W: np.ndarray, dW: np.ndarray, learning_rate: float, lambd: float, m: int
) -> Array:
    r"""One proximal-gradient (ISTA) step for L1: a gradient step on :math:`J`, then shrink.

    Parameters
    ----------
    W : ndarray, shape (n_l, n_{l-1})
    dW : ndarray, shape (n_l, n_{l-1})
        Gradient of the *unregularized* cost (plain backprop, no L1 term).
    learning_rate : float
        :math:`\alpha > 0`.
    lambd : float
        :math:`\lambda \ge 0`, with the :math:`\frac{\lambda}{m}` convention of :func:`l1_cost`.
    m : int

    Returns
    -------
    ndarray, shape (n_l, n_{l-1})
        :math:`\mathrm{soft\_threshold}(W - \alpha\,dW,\ \alpha\lambda/m)`.

    Notes
    -----
    Unlike :math:`W := W - \alpha(dW + \frac{\lambda}{m}\mathrm{sign}(W))`, this sets every
    weight whose gradient step lands within :math:`\alpha\lambda/m` of zero to exactly zero,
    which is the sparsity the notes ("L1 makes w sparse") and the lecture describe.

    References
    ----------
    .. [1] N. Parikh, S. Boyd, "Proximal Algorithms", 2014, sect. 4.2 (proximal gradient).
    .. [2] A. Beck, M. Teboulle, "A Fast Iterative Shrinkage-Thresholding Algorithm for Linear
       Inverse Problems", SIAM J. Imaging Sci. 2(1), 2009, sect. 1.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0.5, 0.05, -1.0]])
    >>> l1_proximal_step(W, np.zeros_like(W), learning_rate=0.1, lambd=1.0, m=4).tolist()
    [[0.475, 0.025, -0.975]]
    >>> l1_proximal_step(W, np.zeros_like(W), learning_rate=0.1, lambd=1.0, m=1).tolist()
    [[0.4, 0.0, -0.9]]
    """
    W = check_matrix(W, "W")
    dW = check_matrix(dW, "dW")
    check_same_shape(W, dW, "W", "dW")
    learning_rate = check_positive(learning_rate, "learning_rate")
    lambd, m = _check_lambd_m(lambd, m)
    with float_range_guard("W", "the step W - learning_rate * dW"):
        return _l1_proximal_step(W, dW, learning_rate, lambd, m)


def _l1_proximal_step(
    W: np.ndarray, dW: np.ndarray, learning_rate: ArrayLike, lambd: ArrayLike, m: ArrayLike
) -> np.ndarray:
    """Kernel: ``_soft_threshold(W - lr*dW, lr*lambd/m)``."""
    lr = np.asarray(learning_rate)
    return _soft_threshold(W - lr * dW, lr * np.asarray(lambd) / np.asarray(m))


# --------------------------------------------------------------------------- dropout
def dropout_forward(
    A: np.ndarray, keep_prob: float, *, rng: np.random.Generator
) -> tuple[Array, Array]:
    r"""Inverted dropout: keep each unit with probability ``keep_prob``, then divide by it.

    Parameters
    ----------
    A : ndarray, shape (n, m)
        Activations of one layer, examples in columns.
    keep_prob : float
        Probability of **keeping** a unit, in (0, 1].
    rng : numpy.random.Generator
        Always consumed: exactly ``A.size`` uniforms are drawn, whatever ``keep_prob``.

    Returns
    -------
    A_out : ndarray, shape (n, m)
        ``A * D / keep_prob``, a new array.
    D : ndarray, shape (n, m)
        float64 mask of 0s and 1s, ``rng.random(A.shape) < keep_prob``; keep it for
        :func:`dropout_backward`.

    Notes
    -----
    Week 1, "Dropout regularization":
    ``D = np.random.rand(*A.shape) < keep_prob; A = A * D; A = A / keep_prob``. Dividing by
    ``keep_prob`` keeps :math:`\mathrm{E}[A_{out}] = A`, so nothing changes at test time,
    where dropout is simply off.

    With ``keep_prob=1`` the mask is all ones and ``A_out`` equals ``A`` exactly. The
    generator is still consumed, on purpose: (1) what is drawn from ``rng`` afterwards (the
    next mini-batch shuffle, say) does not depend on ``keep_prob``, so runs that differ only in
    ``keep_prob`` see the same data order; (2) with the same seed the masks for different
    ``keep_prob`` are nested (a unit kept at 0.5 is kept at 0.8); (3) a batched ``keep_prob``
    of shape ``(K, 1, 1)`` whose entries include 1 behaves the same per model.

    As the notes say, with dropout on :math:`J` is no longer a well-defined function to watch
    fall: check that :math:`J` decreases with ``keep_prob=1`` first (and gradient-check with
    dropout off).

    Warnings
    --------
    ``keep_prob`` is the probability of **keeping** a unit, as in the course and in
    Srivastava et al. (retention probability :math:`p`). PyTorch ``nn.Dropout(p)`` and Keras
    ``Dropout(rate)`` take the probability of **dropping** one: the course's
    ``keep_prob=0.8`` is ``nn.Dropout(p=0.2)``. The paper scales the weights by :math:`p` at
    test time instead of dividing by :math:`p` during training; in expectation both agree.

    References
    ----------
    .. [1] N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "Dropout:
       A Simple Way to Prevent Neural Networks from Overfitting", JMLR 15, 2014, sect. 4 and
       fig. 2.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.ones((2, 4))
    >>> A_out, D = dropout_forward(A, 0.5, rng=np.random.default_rng(1))
    >>> D.astype(int)  # (doctest's NUMBER flag would let "0." match 1.0, so show ints)
    array([[0, 0, 1, 0],
           [1, 1, 0, 1]])
    >>> A_out.tolist()
    [[0.0, 0.0, 2.0, 0.0], [2.0, 2.0, 0.0, 2.0]]
    """
    A = check_matrix(A, "A")
    keep_prob = check_probability(keep_prob, "keep_prob")
    rng = check_rng(rng)
    return _dropout_forward(A, keep_prob, rng)


def _dropout_forward(
    A: np.ndarray, keep_prob: ArrayLike, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Kernel: ``D = rng.random(shape) < keep_prob``; ``keep_prob`` may be ``(K, 1, 1)``."""
    keep_prob = np.asarray(keep_prob)
    shape = np.broadcast_shapes(A.shape, keep_prob.shape)
    D = (rng.random(shape) < keep_prob).astype(np.float64)
    return A * D / keep_prob, D


def dropout_backward(dA: np.ndarray, D: np.ndarray, keep_prob: float) -> Array:
    r"""Backward pass of :func:`dropout_forward`: ``dA * D / keep_prob``.

    Parameters
    ----------
    dA : ndarray, shape (n, m)
        Gradient of the cost with respect to the *output* of dropout.
    D : ndarray, shape (n, m)
        The mask that :func:`dropout_forward` returned (0s and 1s).
    keep_prob : float
        The same keep probability, in (0, 1].

    Returns
    -------
    ndarray, shape (n, m)
        Gradient with respect to the input ``A``: the same units are shut down, and the same
        scaling applies, as in the forward pass.

    Examples
    --------
    >>> import numpy as np
    >>> dropout_backward(np.array([[1.5, 2.0]]), np.array([[1.0, 0.0]]), 0.8).tolist()
    [[1.875, 0.0]]
    """
    dA = check_matrix(dA, "dA")
    D = _check_mask(D, "D")
    check_same_shape(dA, D, "dA", "D")
    keep_prob = check_probability(keep_prob, "keep_prob")
    return _dropout_backward(dA, D, keep_prob)


def _dropout_backward(dA: np.ndarray, D: np.ndarray, keep_prob: ArrayLike) -> np.ndarray:
    """Kernel: ``dA * D / keep_prob``."""
    return dA * D / np.asarray(keep_prob)


# --------------------------------------------------------------------------- matrix norms
def frobenius_norm(W: np.ndarray) -> float:
    r"""Frobenius norm :math:`\lVert W\rVert_F = \sqrt{\sum_{i,j} W_{ij}^2}`.

    It is the L2 norm of the flattened matrix, and the norm in the course's "L2
    regularization" (see :func:`l2_cost`). It equals :math:`\sqrt{\sum_k \sigma_k^2}`.

    Examples
    --------
    >>> import numpy as np
    >>> frobenius_norm(np.array([[3.0, 0.0], [0.0, 4.0]]))
    5.0
    """
    W = _check_nonempty(check_matrix(W, "W"), "W")
    return _safe_frobenius_norm(W)


def _frobenius_norm(W: np.ndarray) -> np.ndarray:
    return np.sqrt(np.sum(W**2, axis=(-2, -1)))


def _safe_frobenius_norm(W: np.ndarray) -> float:
    """``_frobenius_norm`` of one matrix, also where ``W**2`` would overflow or underflow.

    Entries beyond 1e150 overflow in ``W**2`` and entries below 1e-150 underflow to 0 (which
    made the Frobenius norm 0, below the spectral norm); there the norm is computed as
    ``s * ||W / s||_F`` with ``s = max |W_ij|``. Other matrices take the plain formula.
    """
    s = float(np.max(np.abs(W)))
    if s == 0.0 or 1e-150 <= s <= 1e150:
        return float(_frobenius_norm(W))
    with float_range_guard("W", "the Frobenius norm of W"):
        return float(s * _frobenius_norm(W / s))


def matrix_norms(W: np.ndarray) -> dict[str, float]:
    r"""The three matrix norms side by side: ``{"frobenius", "spectral", "nuclear"}``.

    Always :math:`\lVert W\rVert_2 \le \lVert W\rVert_F \le \lVert W\rVert_*`, with equality
    when :math:`W` has rank one.

    - Frobenius, :func:`frobenius_norm`.
    - Spectral, :math:`\lVert W\rVert_2 = \sigma_{max}(W)`, the largest singular value: the
      matrix norm induced by the vector L2 norm,
      :math:`\max_{x \ne 0}\lVert Wx\rVert_2/\lVert x\rVert_2`, the most that the layer can
      stretch an input. It is *not* the Frobenius norm, despite the notes' "Frobenius Norm, L2
      for matrixes"; :math:`\lVert W\rVert_2 \le \lVert W\rVert_F \le
      \sqrt{\mathrm{rank}\,W}\,\lVert W\rVert_2`. ``numpy.linalg.norm(W, 2)`` is this norm.
    - Nuclear (trace), :math:`\lVert W\rVert_* = \sum_k \sigma_k(W)`, the sum of the singular
      values; to matrices what L1 is to vectors (penalizing it favours low rank, as L1 favours
      zeros).

    References
    ----------
    .. [1] G. Golub, C. Van Loan, *Matrix Computations*, 4th ed., 2013, sect. 2.3.

    Examples
    --------
    >>> import numpy as np
    >>> matrix_norms(np.array([[3.0, 0.0], [0.0, 4.0]]))
    {'frobenius': 5.0, 'spectral': 4.0, 'nuclear': 7.0}
    """
    W = _check_nonempty(check_matrix(W, "W"), "W")
    sigma = np.linalg.svd(W, compute_uv=False)
    with float_range_guard("W", "the sum of the singular values of W"):
        nuclear = float(np.sum(sigma))
    return {
        "frobenius": _safe_frobenius_norm(W),
        "spectral": float(sigma[0]),
        "nuclear": nuclear,
    }


# --------------------------------------------------------------------------- early stopping


class EarlyStopping(NamedTuple):
    """Where early stopping would have stopped a training, and what it would have kept.

    Attributes
    ----------
    epoch : int
        The epoch (0-based, as in ``history.epoch``) with the lowest dev-set cost.
    dev_loss : float
        The dev-set cost there.
    index : int
        Its position in the history's evaluation curves (``history.dev_accuracy[index]``).
    """

    epoch: int
    dev_loss: float
    index: int


def early_stopping(history: Any) -> EarlyStopping:
    r"""The lecture's early stopping: the epoch at which the dev-set cost was lowest.

    Parameters
    ----------
    history : History
        The ``history`` of a model trained by :func:`dlnotes.nn.train` with a dev set
        (``X_dev``, ``Y_dev``): its ``epoch`` and ``dev_loss`` curves are read.

    Returns
    -------
    EarlyStopping
        ``(epoch, dev_loss, index)`` of the first minimum of ``dev_loss``. Keep the parameters
        of that epoch (save them as training goes) and stop there.

    Notes
    -----
    Course 2, week 1, "Other regularization methods": plot the training and the dev cost against
    the iterations; the dev cost falls, then rises as the network starts to fit the noise of its
    training set; stop where it is lowest. Early in training the weights are still small (they
    start near 0), so stopping early keeps them mid-sized, much as L2 does. The lecture's
    caveat: it couples two jobs, lowering :math:`J` and not overfitting, that one would rather
    do with separate knobs ("orthogonalization"); L2 with a search over :math:`\lambda` costs
    more training runs but keeps them apart.

    References
    ----------
    Prechelt, "Early Stopping - But When?", in *Neural Networks: Tricks of the Trade*, 1998;
    Goodfellow, Bengio & Courville, *Deep Learning*, 2016, sect. 7.8 (early stopping as L2
    regularization for a quadratic cost).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> h = SimpleNamespace(epoch=np.array([0, 10, 20, 30]),
    ...                     dev_loss=np.array([0.7, 0.4, 0.5, 0.6]))
    >>> early_stopping(h)
    EarlyStopping(epoch=10, dev_loss=0.4, index=1)
    """
    try:
        if isinstance(history, type):
            raise AttributeError  # the class History itself: its fields are not curves
        epochs = check_array(history.epoch, "history.epoch", dtype=None)
        dev_loss = check_array(history.dev_loss, "history.dev_loss", finite=False)
    except AttributeError:
        raise ArgumentTypeError(
            f"history must be a training history with .epoch and .dev_loss "
            f"(model.history from dlnotes.nn.train), got {describe(history)}"
        ) from None
    if dev_loss.ndim != 1 or dev_loss.size == 0 or epochs.shape != dev_loss.shape:
        raise ValueError(
            f"history has no dev-set curve (dev_loss of shape {dev_loss.shape}, epoch of shape "
            f"{epochs.shape}): train with X_dev and Y_dev to record one"
        )
    if not np.all(np.isfinite(dev_loss)):
        raise ValueError(
            "history.dev_loss holds NaN or inf: the training diverged, there is nothing to stop"
        )
    i = int(np.argmin(dev_loss))
    return EarlyStopping(int(epochs[i]), float(dev_loss[i]), i)

